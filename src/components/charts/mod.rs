//! The charts panel: runs the timing sweeps one point per time slice (cancelled when the charts are
//! remade), shows progress, and draws one chart per argument with its claim, verdict, hover
//! read-out, click-to-set, CSV and PNG downloads.

mod card;
mod draw;
pub mod text;

use std::rc::Rc;

use conv2d_core::forward::Workspace;
use conv2d_core::sweep::SweepArg;
use yew::prelude::*;

pub use card::ChartCard;

use crate::charts::{measure, Scale, Timing};
use crate::i18n::use_texts;
use crate::runner::{Flow, Runner};
use crate::state::ChartsData;

/// Props of [`ChartsPanel`].
#[derive(Properties, PartialEq)]
pub struct ChartsProps {
    /// The charts' data.
    pub data: Rc<ChartsData>,
    /// A timing arrived: (generation, chart, point, timing).
    pub ontiming: Callback<(u64, usize, usize, Timing)>,
    /// Linear/log.
    pub onscale: Callback<Scale>,
    /// A point was clicked.
    pub onpick: Callback<(SweepArg, i64)>,
    /// Drawn in the dark theme's ink.
    #[prop_or_default]
    pub dark: bool,
}

/// The (chart, point) pairs still to time, the first to time last (popped from the end).
pub fn pending(data: &ChartsData) -> Vec<(usize, usize)> {
    let mut queue: Vec<(usize, usize)> = data
        .series
        .iter()
        .enumerate()
        .flat_map(|(ci, s)| {
            s.points
                .iter()
                .enumerate()
                .filter(|(_, p)| p.timing.is_none() && !p.too_large)
                .map(move |(pi, _)| (ci, pi))
        })
        .collect();
    queue.reverse();
    queue
}

/// The most a slice of the sweeps runs, ms (a batch of passes may run over it once).
const SLICE_MS: f64 = 25.0;

/// The sweeps' step: one slice of timing (a point may take several), reported with the data's
/// generation when a point is done.
fn sweep_step(
    data: Rc<ChartsData>,
    ontiming: Callback<(u64, usize, usize, Timing)>,
) -> impl FnMut() -> Flow {
    let mut queue = pending(&data);
    let mut ws = Workspace::new();
    let mut warm = false;
    let mut current: Option<(usize, usize, measure::PointTimer)> = None;
    move || {
        let Some(config) = data.base.as_ref() else {
            return Flow::Done;
        };
        let (ci, pi, mut timer) = match current.take() {
            Some(c) => c,
            None => {
                let Some((ci, pi)) = queue.pop() else {
                    return Flow::Done;
                };
                let s = &data.series[ci];
                let x = s.points[pi].x;
                if !warm {
                    // Warm-up: the browser first runs WebAssembly from a quick baseline compile and
                    // swaps in optimised code once it is hot; without this the first points
                    // measured come out slow. It runs the first point to be timed, which is small
                    // enough by construction (the configuration itself may be far too large to run
                    // live). A slice of its own.
                    measure::warm_up(&s.arg.apply(config, x), &mut ws);
                    warm = true;
                    queue.push((ci, pi));
                    return Flow::Continue;
                }
                match measure::PointTimer::new(s.arg, config, x) {
                    Some(t) => (ci, pi, t),
                    None => return Flow::Continue,
                }
            }
        };
        match timer.advance(&mut ws, SLICE_MS) {
            Some(t) => ontiming.emit((data.generation, ci, pi, t)),
            None => current = Some((ci, pi, timer)),
        }
        if queue.is_empty() && current.is_none() {
            Flow::Done
        } else {
            Flow::Continue
        }
    }
}

/// The panel with all eight charts.
#[component]
pub fn ChartsPanel(p: &ChartsProps) -> Html {
    {
        let data = p.data.clone();
        let ontiming = p.ontiming.clone();
        use_effect_with(p.data.generation, move |_| {
            // Starts after the figure has painted; a new generation drops (cancels) this run.
            let run = Runner::start(30, sweep_step(data, ontiming));
            move || drop(run)
        });
    }
    let t = use_texts();
    let (done, all) = p.data.progress();
    let scale = p.data.scale;
    let toggle = p.onscale.reform(move |_| {
        if scale == Scale::Log {
            Scale::Linear
        } else {
            Scale::Log
        }
    });
    html! {
        <section class="charts" aria-label={t.charts_label}>
            <div class="charts-head">
                <h2>{t.charts_title}</h2>
                <button type="button" onclick={toggle} aria-pressed={(scale == Scale::Log).to_string()} data-testid="log-toggle">
                    { if scale == Scale::Log { format!("{} ✓", t.log_y) } else { t.log_y.to_string() } }
                </button>
                <label class="progress" data-testid="chart-progress">
                    <progress max={all.to_string()} value={done.to_string()}></progress>
                    { format!(" {} {done} / {all} {}", t.measured, t.points) }
                </label>
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::AppState;

    #[test]
    fn the_sweeps_time_every_pending_point_once_then_stop() {
        let mut data = (*AppState::default().charts).clone();
        // Keep two small charts so the test is quick.
        data.series.truncate(2);
        let queue = pending(&data);
        let expected: usize = data
            .series
            .iter()
            .map(|s| s.points.iter().filter(|p| !p.too_large).count())
            .sum();
        assert_eq!(queue.len(), expected);
        assert_eq!(
            queue.last(),
            Some(&(0, 0)),
            "the first chart's first point comes first"
        );
        let got = Rc::new(std::cell::RefCell::new(Vec::new()));
        let sink = got.clone();
        let ontiming = Callback::from(move |(g, c, p, _): (u64, usize, usize, Timing)| {
            sink.borrow_mut().push((g, c, p))
        });
        let run = Runner::start(0, sweep_step(Rc::new(data.clone()), ontiming));
        while run.tick() {}
        let got = got.borrow();
        assert_eq!(got.len(), expected);
        assert!(got.iter().all(|(g, _, _)| *g == data.generation));
        assert!(!run.running());
    }
}
