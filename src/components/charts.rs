//! The charts panel: runs the timing sweeps in small slices that yield to the event loop (restarted
//! when the configuration changes), shows progress, and draws one chart per argument with its claim,
//! verdict, hover read-out, click-to-set, CSV and PNG downloads.

use std::cell::Cell;
use std::rc::Rc;

use conv2d_core::forward::Workspace;
use conv2d_core::sweep::SweepArg;
use plotters::prelude::IntoDrawingArea;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

use crate::charts::{self, claims, measure, Mapping, Scale, Series, Style, Timing};
use crate::i18n::{fill, use_texts, Texts};
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
}

/// Measures every point that lacks a timing, one per timer slice, until cancelled.
fn run_sweeps(
    data: Rc<ChartsData>,
    ontiming: Callback<(u64, usize, usize, Timing)>,
    cancelled: Rc<Cell<bool>>,
) {
    let Some((spec, h, w)) = data.base.clone() else {
        return;
    };
    let mut queue: Vec<(usize, usize)> = Vec::new();
    for (ci, s) in data.series.iter().enumerate() {
        for (pi, p) in s.points.iter().enumerate() {
            if p.timing.is_none() && !p.too_large {
                queue.push((ci, pi));
            }
        }
    }
    queue.reverse();
    let ws = Rc::new(std::cell::RefCell::new(Workspace::new()));
    // Warm-up: the browser first runs WebAssembly from a quick baseline compile and swaps in optimised
    // code once it is hot; without this the first points measured (in_channels = 1) come out slow.
    // It runs the first point to be timed, which is small enough by construction (the configuration
    // itself may be far too large to run live).
    let Some(&(ci, pi)) = queue.last() else {
        return;
    };
    let first = &data.series[ci];
    let (s0, h0, w0) = first.arg.apply(&spec, h, w, first.points[pi].x);
    measure::warm_up(&s0, h0, w0, &mut ws.borrow_mut());
    fn step(
        data: Rc<ChartsData>,
        spec: Rc<conv2d_core::Conv2dSpec>,
        hw: (i64, i64),
        mut queue: Vec<(usize, usize)>,
        ws: Rc<std::cell::RefCell<Workspace>>,
        ontiming: Callback<(u64, usize, usize, Timing)>,
        cancelled: Rc<Cell<bool>>,
    ) {
        if cancelled.get() {
            return;
        }
        let Some((ci, pi)) = queue.pop() else { return };
        let s = &data.series[ci];
        let x = s.points[pi].x;
        if let Some(t) = measure::time_point(s.arg, &spec, hw.0, hw.1, x, &mut ws.borrow_mut()) {
            ontiming.emit((data.generation, ci, pi, t));
        }
        // Yield to the event loop before the next point, so the page stays responsive.
        gloo_timers::callback::Timeout::new(0, move || {
            step(data, spec, hw, queue, ws, ontiming, cancelled)
        })
        .forget();
    }
    step(data, Rc::new(spec), (h, w), queue, ws, ontiming, cancelled);
}

/// The read-out line of point `hovered` of a chart (the hint when none is hovered).
pub fn readout(s: &Series, hovered: Option<usize>, t: &Texts) -> String {
    let Some(pt) = hovered.and_then(|i| s.points.get(i)) else {
        return t.chart_hint.to_string();
    };
    let time = match pt.timing {
        Some(tm) => fill(
            t.readout_time,
            &[
                ("median", charts::short_number(tm.median_ms * 1e3)),
                ("min", charts::short_number(tm.min_ms * 1e3)),
                ("max", charts::short_number(tm.max_ms * 1e3)),
                ("n", tm.repeats.to_string()),
            ],
        ),
        None if pt.too_large => t.not_timed.to_string(),
        None => t.measuring.to_string(),
    };
    fill(
        t.readout,
        &[
            ("name", s.arg.name().to_string()),
            ("x", pt.x.to_string()),
            ("params", pt.params.to_string()),
            ("macs", pt.macs.to_string()),
            ("time", time),
        ],
    )
}

/// The panel with all eight charts.
#[component]
pub fn ChartsPanel(p: &ChartsProps) -> Html {
    {
        let data = p.data.clone();
        let ontiming = p.ontiming.clone();
        use_effect_with(p.data.generation, move |_| {
            let cancelled = Rc::new(Cell::new(false));
            // Start after the figure has painted.
            let c = cancelled.clone();
            let start =
                gloo_timers::callback::Timeout::new(30, move || run_sweeps(data, ontiming, c));
            move || {
                cancelled.set(true);
                drop(start);
            }
        });
    }
    let t = use_texts();
    let (done, all) = p.data.progress();
    let scale = p.data.scale;
    let toggle = {
        let cb = p.onscale.clone();
        Callback::from(move |_| {
            cb.emit(if scale == Scale::Log {
                Scale::Linear
            } else {
                Scale::Log
            })
        })
    };
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
                    <ChartCard series={s.clone()} {scale} onpick={p.onpick.clone()} />
                }) }
            </div>
        </section>
    }
}

/// Props of [`ChartCard`].
#[derive(Properties, PartialEq)]
pub struct ChartCardProps {
    /// The data.
    pub series: Series,
    /// Axes.
    pub scale: Scale,
    /// A point was clicked.
    pub onpick: Callback<(SweepArg, i64)>,
}

/// One chart: canvas, claim, verdict, read-out and downloads.
#[component]
pub fn ChartCard(p: &ChartCardProps) -> Html {
    let t = use_texts();
    let canvas = use_node_ref();
    let mapping = use_mut_ref(|| None::<Mapping>);
    let hovered = use_state(|| None::<usize>);
    // The x mapping in CSS px, mirrored for tests ("start,end,x0,x1").
    let plot = use_state(String::new);
    let dpr = use_mut_ref(|| 1.0f64);
    {
        let canvas = canvas.clone();
        let mapping = mapping.clone();
        let dpr_cell = dpr.clone();
        let plot = plot.clone();
        use_effect_with((p.series.clone(), p.scale, t), move |(series, scale, t)| {
            if let Some(el) = canvas.cast::<HtmlCanvasElement>() {
                let dpr = web_sys::window()
                    .map_or(1.0, |w| w.device_pixel_ratio())
                    .clamp(1.0, 4.0);
                *dpr_cell.borrow_mut() = dpr;
                let css_w = f64::from(el.client_width().max(280));
                let css_h = 300.0;
                el.set_width((css_w * dpr) as u32);
                el.set_height((css_h * dpr) as u32);
                if let Some(backend) = plotters_canvas::CanvasBackend::with_canvas_object(el) {
                    match charts::draw_all(
                        backend.into_drawing_area(),
                        series,
                        &Style {
                            scale: *scale,
                            dpr,
                            t,
                        },
                    ) {
                        Ok(m) => {
                            *mapping.borrow_mut() = Some(m);
                            let css = |px: i32| f64::from(px) / dpr;
                            plot.set(format!(
                                "{},{},{},{}",
                                css(m.px_start),
                                css(m.px_end),
                                m.x0,
                                m.x1
                            ));
                        }
                        Err(e) => web_sys::console::warn_1(&e.into()),
                    }
                }
            }
        });
    }
    let s = &p.series;
    let pick_at = {
        let mapping = mapping.clone();
        let dpr = dpr.clone();
        let series = s.clone();
        move |e: &MouseEvent| -> Option<usize> {
            let m = (*mapping.borrow())?;
            let x = m.x_at((f64::from(e.offset_x()) * *dpr.borrow()) as i32)?;
            charts::nearest(&series, x)
        }
    };
    let onmousemove = {
        let hovered = hovered.clone();
        let pick_at = pick_at.clone();
        Callback::from(move |e: MouseEvent| hovered.set(pick_at(&e)))
    };
    let onmouseleave = {
        let hovered = hovered.clone();
        Callback::from(move |_: MouseEvent| hovered.set(None))
    };
    let onclick = {
        let cb = p.onpick.clone();
        let series = s.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some(i) = pick_at(&e) {
                cb.emit((series.arg, series.points[i].x));
            }
        })
    };
    // The keyboard reaches every point too: ←/→ (Home/End) move the read-out, Enter or space sets it.
    let onkeydown = {
        let hovered = hovered.clone();
        let cb = p.onpick.clone();
        let series = s.clone();
        Callback::from(move |e: KeyboardEvent| {
            let n = series.points.len();
            if n == 0 {
                return;
            }
            let at = (*hovered).unwrap_or_else(|| {
                series
                    .current
                    .and_then(|c| series.points.iter().position(|p| p.x == c))
                    .unwrap_or(0)
            });
            match e.key().as_str() {
                "ArrowLeft" | "ArrowDown" => hovered.set(Some(at.saturating_sub(1))),
                "ArrowRight" | "ArrowUp" => hovered.set(Some((at + 1).min(n - 1))),
                "Home" => hovered.set(Some(0)),
                "End" => hovered.set(Some(n - 1)),
                "Enter" | " " => cb.emit((series.arg, series.points[at].x)),
                _ => return,
            }
            e.prevent_default();
        })
    };
    let onblur = {
        let hovered = hovered.clone();
        Callback::from(move |_: FocusEvent| hovered.set(None))
    };
    let name = s.arg.name();
    let csv = {
        let (text, name) = (s.csv(), name.to_string());
        Callback::from(move |_| {
            crate::download::text(&format!("conv2d-{name}.csv"), "text/csv", &text)
        })
    };
    let png = {
        let canvas = canvas.clone();
        let name = name.to_string();
        Callback::from(move |_| {
            if let Some(url) = canvas
                .cast::<HtmlCanvasElement>()
                .and_then(|c| c.to_data_url().ok())
            {
                crate::download::href(&format!("conv2d-{name}.png"), &url);
            }
        })
    };
    let readout = readout(s, *hovered, t);
    let skipped = if s.skipped.is_empty() {
        String::new()
    } else {
        let xs: Vec<String> = s.skipped.iter().map(|(x, _)| x.to_string()).collect();
        format!(
            "{} = {}: {} ({})",
            name,
            xs.join(", "),
            t.skipped,
            s.skipped[0].1
        )
    };
    let untimed: Vec<String> = s.untimed().map(|x| x.to_string()).collect();
    let untimed = if untimed.is_empty() {
        String::new()
    } else {
        format!("{name} = {}: {}", untimed.join(", "), t.not_timed)
    };
    html! {
        <article class="chart-card" data-testid={format!("chart-{name}")} data-series={s.json()}>
            <h3>{name}</h3>
            <canvas ref={canvas} class="chart" role="img" tabindex="0" data-plot={(*plot).clone()}
                aria-label={format!("{name}: {}", t.chart_keys)} data-testid={format!("plot-{name}")}
                {onmousemove} {onmouseleave} {onclick} {onkeydown} {onblur} />
            <div class="readout mono small" aria-live="polite">{readout}</div>
            <p class="claim small"><strong>{t.claim}</strong>{t.claims[SweepArg::ALL.iter().position(|a| *a == s.arg).unwrap_or(0)]}</p>
            <p class="verdict small" data-testid={format!("verdict-{name}")}><strong>{t.here}</strong>{claims::verdict(s, t)}</p>
            if !skipped.is_empty() { <p class="muted small">{skipped}</p> }
            if !untimed.is_empty() { <p class="muted small" data-testid={format!("untimed-{name}")}>{untimed}</p> }
            <div class="downloads">
                <button type="button" onclick={csv} data-testid={format!("csv-{name}")}>{"CSV"}</button>
                <button type="button" onclick={png} data-testid={format!("png-{name}")}>{"PNG"}</button>
            </div>
        </article>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{EN, ZH};
    use conv2d_core::{Conv2dSpec, Pair};

    fn series() -> Series {
        Series::new(
            SweepArg::OutChannels,
            &Conv2dSpec::new(3, 2, Pair::square(3)),
            7,
            7,
        )
    }

    #[test]
    fn the_readout_names_the_point_its_counts_and_its_time() {
        let mut s = series();
        assert_eq!(readout(&s, None, &EN), EN.chart_hint);
        let p = &s.points[1];
        let head = format!(
            "out_channels = {}: parameters {}, MACs {}, time ",
            p.x, p.params, p.macs
        );
        assert_eq!(readout(&s, Some(1), &EN), format!("{head}{}", EN.measuring));
        s.points[1].timing = Some(Timing {
            median_ms: 0.0125,
            min_ms: 0.01,
            max_ms: 0.02,
            repeats: 70,
        });
        assert_eq!(
            readout(&s, Some(1), &EN),
            format!("{head}12 µs (min 10, max 20; 70 passes)")
        );
        assert!(readout(&s, Some(1), &ZH).contains("共 70 次"));
        s.points[1].too_large = true;
        s.points[1].timing = None;
        assert!(readout(&s, Some(1), &EN).ends_with(EN.not_timed));
        assert_eq!(readout(&s, Some(99), &EN), EN.chart_hint);
    }
}
