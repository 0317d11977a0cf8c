//! The charts panel: hands the timing sweeps to the worker (or the page's own time slices where no
//! worker runs; a new generation of the charts cancels the old sweep), shows progress, where the
//! times were measured and on which input, and draws one chart per argument with its claim, verdict,
//! hover read-out, click-to-set, CSV and PNG downloads.

mod backend;
mod card;
mod draw;
pub mod text;

use std::rc::Rc;

use conv2d_core::sweep::SweepArg;
use yew::prelude::*;

pub use card::ChartCard;

use crate::charts::sweep::Request;
use crate::charts::{Scale, TimeAt, Timing};
use crate::i18n::use_texts;
use crate::state::ChartsData;
use crate::worker::{self, Status};

/// Props of [`ChartsPanel`].
#[derive(Properties, PartialEq)]
pub struct ChartsProps {
    /// The charts' data.
    pub data: Rc<ChartsData>,
    /// A timing arrived: (generation, chart, point, timing).
    pub ontiming: Callback<(u64, usize, usize, Timing)>,
    /// Linear/log.
    pub onscale: Callback<Scale>,
    /// The input the times are measured on.
    pub ontimeat: Callback<TimeAt>,
    /// A point was clicked.
    pub onpick: Callback<(SweepArg, i64)>,
    /// Drawn in the dark theme's ink.
    #[prop_or_default]
    pub dark: bool,
}

/// How long the configuration holds still before its sweep starts, ms (a slider dragged through its
/// values often rests 150–300 ms on one).
const SWEEP_DELAY_MS: u32 = 500;

/// The panel with all eight charts.
#[component]
pub fn ChartsPanel(p: &ChartsProps) -> Html {
    let status = use_state(Status::default);
    {
        let data = p.data.clone();
        let ontiming = p.ontiming.clone();
        let onstatus = {
            let status = status.clone();
            Callback::from(move |s: Status| status.set(s))
        };
        use_effect_with(p.data.generation, move |_| {
            // Started once the configuration has held still half a second: a slider dragged
            // through many values times none of them (each sweep would be cancelled by the next value,
            // and would take a core from the page and the figure meanwhile). A new generation
            // drops (cancels) this sweep, in the worker or on the page, or its start.
            let run = std::rc::Rc::new(std::cell::RefCell::new(None));
            let start = data.base.as_ref().and_then(|config| {
                let request = Request::pending(data.generation, config, &data.series);
                let run = run.clone();
                crate::platform::timeout(SWEEP_DELAY_MS, move || {
                    *run.borrow_mut() = Some(worker::start(request, ontiming, onstatus));
                })
            });
            move || {
                drop(start);
                run.borrow_mut().take();
            }
        });
    }
    let t = use_texts();
    let (done, all) = p.data.progress();
    let scale = p.data.scale;
    let ontimeat = p.ontimeat.reform(|e: Event| {
        let value = e
            .target_dyn_into::<web_sys::HtmlSelectElement>()
            .map(|s| s.value())
            .unwrap_or_default();
        TimeAt::from_name(&value).unwrap_or_default()
    });
    let toggle = p.onscale.reform(move |_| {
        if scale == Scale::Log {
            Scale::Linear
        } else {
            Scale::Log
        }
    });
    html! {
        <section class="charts" aria-label={t.charts_label} data-time-at={p.data.time_at.name()}
            data-timed-in={status.place.map(worker::Place::name)}
            data-sweeps-cancelled={status.cancelled.to_string()}>
            <div class="charts-head">
                <h2>{t.charts_title}</h2>
                <button type="button" onclick={toggle} aria-pressed={(scale == Scale::Log).to_string()} data-testid="log-toggle">
                    { if scale == Scale::Log { format!("{} ✓", t.log_y) } else { t.log_y.to_string() } }
                </button>
                <label class="time-at">
                    { t.time_at_label }{" "}
                    <select data-testid="chart-time" onchange={ontimeat}>
                        { for TimeAt::ALL.iter().zip(t.time_at_names).map(|(&at, name)| html! {
                            <option value={at.name()} selected={at == p.data.time_at}>{name}</option>
                        }) }
                    </select>
                </label>
                <label class="progress" data-testid="chart-progress">
                    <progress max={all.to_string()} value={done.to_string()}></progress>
                    { format!(" {} {done} / {all} {}", t.measured, t.points) }
                </label>
                if let Some(place) = status.place {
                    <span class="muted small" data-testid="chart-place">
                        { t.timed_in[usize::from(place == worker::Place::Page)] }
                    </span>
                }
            </div>
            <p class="muted small">{t.charts_about}</p>
            <div class="chart-grid">
                { for p.data.series.iter().map(|s| html! {
                    <ChartCard series={s.clone()} {scale} onpick={p.onpick.clone()} dark={p.dark} />
                }) }
            </div>
        </section>
    }
}
