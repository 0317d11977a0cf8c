//! One chart: canvas, claim, verdict, read-out and downloads.

use conv2d_core::sweep::SweepArg;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

use super::draw::use_chart_drawing;
use super::text::{self, chart_key, ChartKey};
use crate::charts::{self, claims, Scale, Series};
use crate::hooks::use_on_screen;
use crate::i18n::{fill, use_texts};

/// Props of [`ChartCard`].
#[derive(Properties, PartialEq)]
pub struct ChartCardProps {
    /// The data.
    pub series: Series,
    /// Axes.
    pub scale: Scale,
    /// A point was clicked.
    pub onpick: Callback<(SweepArg, i64)>,
    /// Drawn in the dark theme's ink.
    #[prop_or_default]
    pub dark: bool,
}

/// How near the screen a chart is drawn, CSS px (drawn before it is scrolled to).
const NEAR_PX: u32 = 400;

/// The CSV and PNG download buttons' callbacks.
fn downloads(series: &Series, canvas: &NodeRef) -> (Callback<MouseEvent>, Callback<MouseEvent>) {
    let name = series.arg.name();
    let csv = {
        let text = series.csv();
        Callback::from(move |_| {
            crate::download::text(&format!("conv2d-{name}.csv"), "text/csv", &text)
        })
    };
    let png = {
        let canvas = canvas.clone();
        Callback::from(move |_| {
            if let Some(url) = canvas
                .cast::<HtmlCanvasElement>()
                .and_then(|c| c.to_data_url().ok())
            {
                crate::download::href(&format!("conv2d-{name}.png"), &url);
            }
        })
    };
    (csv, png)
}

/// One chart with its claim, verdict, read-out and downloads. Hovering, tapping or clicking a point
/// (or the arrow keys) reads it; setting the playground to it is a separate action: the button beside
/// the read-out, or Enter on the focused chart.
#[component]
pub fn ChartCard(p: &ChartCardProps) -> Html {
    let t = use_texts();
    let canvas = use_node_ref();
    let hovered = use_state(|| None::<usize>);
    // The point being read, by its x (so it survives the series being remade around a new value).
    let selected = use_state(|| None::<i64>);
    let on_screen = use_on_screen(canvas.clone(), NEAR_PX);
    let drawing = (p.series.clone(), p.scale, t, p.dark);
    let drawn = use_chart_drawing(canvas.clone(), drawing, on_screen);
    let s = &p.series;
    let selected_at = (*selected).and_then(|x| s.points.iter().position(|p| p.x == x));
    let pick_at = {
        let (drawn, series) = (drawn.clone(), s.clone());
        move |e: &MouseEvent| charts::nearest(&series, drawn.x_at(e.offset_x())?)
    };
    let onmousemove = {
        let (hovered, pick_at) = (hovered.clone(), pick_at.clone());
        Callback::from(move |e: MouseEvent| hovered.set(pick_at(&e)))
    };
    let onmouseleave = {
        let hovered = hovered.clone();
        Callback::from(move |_: MouseEvent| hovered.set(None))
    };
    let onclick = {
        let (selected, series) = (selected.clone(), s.clone());
        Callback::from(move |e: MouseEvent| {
            if let Some(i) = pick_at(&e) {
                selected.set(Some(series.points[i].x));
            }
        })
    };
    // The keyboard reaches every point too: ←/→ (Home/End) move the read-out, Enter or space sets it.
    let onkeydown = {
        let (hovered, selected, cb, series) =
            (hovered.clone(), selected, p.onpick.clone(), s.clone());
        Callback::from(move |e: KeyboardEvent| {
            let at = selected_at.or(*hovered).unwrap_or_else(|| {
                series
                    .current
                    .and_then(|c| series.points.iter().position(|p| p.x == c))
                    .unwrap_or(0)
            });
            match chart_key(&e.key(), at, series.points.len()) {
                Some(ChartKey::Read(i)) => {
                    hovered.set(None);
                    selected.set(Some(series.points[i].x));
                }
                Some(ChartKey::Pick(i)) => cb.emit((series.arg, series.points[i].x)),
                None => return,
            }
            e.prevent_default();
        })
    };
    let (csv, png) = downloads(s, &canvas);
    let name = s.arg.name();
    let readout = text::readout(s, (*hovered).or(selected_at), t);
    // The set button: for the point being read, when it is not the playground's value already.
    let set = selected_at
        .map(|i| s.points[i].x)
        .filter(|&x| Some(x) != s.current)
        .map(|x| {
            let arg = s.arg;
            (x, p.onpick.reform(move |_: MouseEvent| (arg, x)))
        });
    let judgement = claims::judge(s, t);
    let verdict = |line: Option<&claims::Line>| -> Option<AttrValue> {
        line.and_then(|l| l.verdict)
            .map(|v| AttrValue::Static(v.attr()))
    };
    let time_verdict = verdict(judgement.as_ref().map(|j| &j.time));
    let params_verdict = verdict(judgement.as_ref().map(|j| &j.params));
    let skipped = text::skipped(s, t);
    let untimed = text::untimed(s, t);
    let claim = t.claim_of(s.arg, s.kind);
    html! {
        <article class="chart-card" data-testid={format!("chart-{name}")} data-series={s.json()}
            data-verdict={time_verdict.clone()} data-params-verdict={params_verdict.clone()}>
            <h3>{ match s.arg {
                conv2d_core::sweep::SweepArg::Arg(a) => html! {
                    <>{t.words(a)}{" "}<code class="arg">{a.name()}</code></>
                },
                conv2d_core::sweep::SweepArg::InputSize => html! { {t.sweep_title(s.arg)} },
            } }</h3>
            <canvas ref={canvas} class="chart" role="img" tabindex="0" data-plot={drawn.plot.clone()} data-draws={drawn.draws.to_string()}
                aria-label={format!("{name}: {}", t.chart_keys)} data-testid={format!("plot-{name}")}
                {onmousemove} {onmouseleave} {onclick} {onkeydown} />
            <div class="readout-row">
                <div class="readout small" aria-live="polite" data-testid={format!("readout-{name}")}>{readout}</div>
                if let Some((x, onclick)) = set {
                    <button type="button" class="chart-set" {onclick} data-testid={format!("chart-set-{name}")}>
                        { fill(t.chart_set, &[("name", name.to_string()), ("x", x.to_string())]) }
                    </button>
                }
            </div>
            <p class="claim small"><strong>{t.claim}</strong>{claim}</p>
            if let Some(j) = &judgement {
                <p class="verdict small" data-testid={format!("verdict-{name}")}>
                    <strong>{t.here}</strong>
                    <span class="verdict-line" data-verdict={params_verdict}>{&j.params.text}</span>
                    <br />
                    <span class="verdict-line" data-verdict={time_verdict} data-testid={format!("verdict-time-{name}")}>{&j.time.text}</span>
                </p>
            }
            if !skipped.is_empty() { <p class="muted small" data-testid={format!("skipped-{name}")}>{skipped}</p> }
            if !untimed.is_empty() { <p class="muted small" data-testid={format!("untimed-{name}")}>{untimed}</p> }
            <div class="downloads">
                <button type="button" onclick={csv} data-testid={format!("csv-{name}")}>{"CSV"}</button>
                <button type="button" onclick={png} data-testid={format!("png-{name}")}>{"PNG"}</button>
            </div>
        </article>
    }
}
