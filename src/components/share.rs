//! Sharing: the figure as PNG (at a chosen scale), SVG or GIF (with progress, a cancel button and
//! a visible line when an export fails), and an embed dialog with the iframe snippet
//! and the permalink for the current state.

use yew::prelude::*;

use conv2d_figure::anim::Plan;

use crate::export::gif::{Choice, GifStatus, DELAY_CS};
use crate::i18n::{fill, grouped, use_texts, Texts};

pub use crate::export::Export;

/// Props of [`Share`].
#[derive(Properties, PartialEq)]
pub struct ShareProps {
    /// Export the figure.
    pub onexport: Callback<Export>,
    /// The query string of the current state (without `?`).
    pub query: AttrValue,
    /// The GIF's choice of frames and its estimate, and the frames encoded so far and in all
    /// while a GIF is being made.
    #[prop_or_default]
    pub gif: GifStatus,
    /// Stop making the GIF.
    pub oncancel: Callback<()>,
    /// A PNG or SVG is being made.
    #[prop_or_default]
    pub saving: bool,
    /// Why the last export failed, if it did.
    #[prop_or_default]
    pub error: Option<AttrValue>,
    /// Exports carry the figure's hints.
    #[prop_or_default]
    pub hints: bool,
    /// Toggle the hints in exports.
    #[prop_or_default]
    pub onhints: Callback<()>,
    /// Edited values the link leaves out (too many for a link): how many.
    #[prop_or_default]
    pub unlinked_values: Option<usize>,
}

/// The export buttons and the embed dialog.
#[component]
pub fn Share(p: &ShareProps) -> Html {
    let t = use_texts();
    let scale = use_state(|| 2u32);
    let open = use_state(|| false);
    let on_scale = {
        let scale = scale.clone();
        Callback::from(move |e: Event| {
            if let Some(v) = e
                .target_dyn_into::<web_sys::HtmlSelectElement>()
                .and_then(|s| s.value().parse().ok())
            {
                scale.set(v);
            }
        })
    };
    let saving = p.saving;
    let busy = saving.then_some("true");
    let png = {
        let cb = p.onexport.clone();
        let s = *scale;
        Callback::from(move |_| {
            if !saving {
                cb.emit(Export::Png(s))
            }
        })
    };
    let svg = {
        let cb = p.onexport.clone();
        Callback::from(move |_| {
            if !saving {
                cb.emit(Export::Svg)
            }
        })
    };
    let gif = &p.gif;
    let on_plan = {
        let choose = gif.onchoose.clone();
        Callback::from(move |e: Event| {
            if let Some(c) = e
                .target_dyn_into::<web_sys::HtmlSelectElement>()
                .and_then(|s| Choice::from_name(&s.value()))
            {
                choose.emit(c);
            }
        })
    };
    let toggle = {
        let open = open.clone();
        Callback::from(move |_| open.set(!*open))
    };
    // An opened dialog is brought into view (the panel may sit below the fold).
    let dialog = use_node_ref();
    {
        let dialog = dialog.clone();
        use_effect_with(*open, move |open| {
            if let Some(el) = dialog.cast::<web_sys::Element>().filter(|_| *open) {
                crate::platform::scroll_into_view(&el);
            }
        });
    }
    // Which of the two texts was copied last ("copied" on its button until the dialog changes).
    let copied = use_state(|| None::<&'static str>);
    let copy = |which: &'static str, text: String| {
        let copied = copied.clone();
        Callback::from(move |_| {
            crate::platform::copy_text(&text);
            copied.set(Some(which));
        })
    };
    let copy_label = |which| {
        if *copied == Some(which) {
            t.copied
        } else {
            t.copy
        }
    };
    let base = crate::platform::page_base();
    let permalink = format!("{base}?{}", p.query);
    let iframe = format!(
        r#"<iframe src="{base}?{}&amp;embed=1&amp;controls=1" width="760" height="620" style="border:0" title="{}" loading="lazy"></iframe>"#,
        p.query.replace('&', "&amp;"),
        t.iframe_title
    );
    html! {
        <div class="share">
            <div class="row">
                <label for="png-scale">{t.png_scale}</label>
                <select id="png-scale" onchange={on_scale}>
                    { for [1u32, 2, 3, 4].iter().map(|s| html! { <option value={s.to_string()} selected={*s == *scale}>{format!("{s}×")}</option> }) }
                </select>
                // While one is made the two wait, still focusable (a disabled button would drop
                // the keyboard's focus to the page).
                <button type="button" onclick={png} data-testid="export-png" aria-disabled={busy}>{"PNG"}</button>
                <button type="button" onclick={svg} data-testid="export-svg" aria-disabled={busy}>{"SVG"}</button>
                <button type="button" onclick={p.onexport.reform(|_| Export::Gif)} data-testid="export-gif"
                    disabled={gif.progress.is_some()}>{"GIF"}</button>
                <button type="button" onclick={toggle} aria-expanded={open.to_string()} data-testid="embed">{t.embed}</button>
            </div>
            <label class="row export-hints">
                <input type="checkbox" checked={p.hints} onchange={p.onhints.reform(|_| ())} data-testid="export-hints" />
                {t.hints_in_exports}
            </label>
            if !gif.offered.is_empty() {
                <div class="row gif-plan">
                    <label for="gif-plan">{t.gif_plan}</label>
                    <select id="gif-plan" data-testid="gif-plan" onchange={on_plan} disabled={gif.progress.is_some()}>
                        { for gif.offered.iter().map(|&(c, plan, frames)| html! {
                            <option value={c.name()} selected={gif.chosen == Some(c)}>{plan_label(t, c, plan, frames, gif.inputs)}</option>
                        }) }
                    </select>
                </div>
                <p class="gif-estimate" data-testid="gif-estimate">{estimate(t, gif)}</p>
            }
            // Always there, so a screen reader hears its text come and go; where the last file
            // was made (the worker, or the page), for the tests.
            <p class="saving" role="status" data-testid="export-saving"
                data-made-in={gif.made_in.map(|p| p.name())}>{if p.saving { t.saving } else { "" }}</p>
            if let Some((done, all)) = gif.progress {
                <label class="progress" data-testid="gif-progress" data-made-in={gif.made_in.map(|p| p.name())}>
                    <progress max={all.to_string()} value={done.to_string()}></progress>
                    {format!(" {} {done} / {all}", t.gif_frame)}
                </label>
                <button type="button" onclick={p.oncancel.reform(|_| ())} data-testid="gif-cancel">{t.cancel}</button>
            }
            if let Some(e) = &p.error {
                <p role="alert" class="export-error" data-testid="export-error">{fill(t.export_failed, &[("error", e.as_str())])}</p>
            }
            if *open {
                <div class="embed-dialog" role="group" aria-label={t.embed_label} ref={dialog}>
                    <label for="embed-snippet">{t.iframe}</label>
                    <textarea id="embed-snippet" readonly=true rows="3" data-testid="embed-snippet" value={iframe.clone()} />
                    <button type="button" onclick={copy("snippet", iframe)} data-testid="copy-snippet">{copy_label("snippet")}</button>
                    <label for="permalink">{t.permalink}</label>
                    <input id="permalink" readonly=true data-testid="permalink" value={permalink.clone()} />
                    <button type="button" onclick={copy("permalink", permalink)} data-testid="copy-permalink">{copy_label("permalink")}</button>
                    if let Some(n) = p.unlinked_values {
                        <p class="muted small" data-testid="edits-no-link">{fill(t.edits_no_link, &[("n", grouped(n as u64))])}</p>
                    }
                </div>
            }
        </div>
    }
}

/// An option of the GIF's choice of frames: what it draws (output cells, or a scatter's input
/// cells) and how many frames.
fn plan_label(t: &Texts, c: Choice, plan: Plan, frames: usize, inputs: bool) -> String {
    let i = Choice::ALL.iter().position(|&x| x == c).unwrap_or(0);
    let n = match plan {
        Plan::All => 0,
        Plan::EveryNth(n) | Plan::Channel(n) | Plan::Row(n) => n,
    }
    .to_string();
    let labels = if inputs {
        t.gif_plans_input
    } else {
        t.gif_plans
    };
    fill(
        labels[i],
        &[
            ("frames", grouped(frames as u64)),
            ("n", n.clone()),
            ("c", n.clone()),
            ("r", n),
        ],
    )
}

/// The line before a GIF is made: why fewer frames were chosen (when they were), the frames, how
/// long they play, and the size and time to make measured on the first frames.
fn estimate(t: &Texts, gif: &GifStatus) -> String {
    let plays = |frames: usize| duration(t, frames as f64 * f64::from(DELAY_CS) / 100.0);
    let size = match gif.measured {
        Some(m) => fill(
            t.gif_size,
            &[
                ("bytes", bytes(m.bytes)),
                ("time", duration(t, m.make_ms / 1000.0)),
                ("n", m.frames.to_string()),
            ],
        ),
        None => t.gif_size_pending.to_string(),
    };
    let line = fill(
        t.gif_estimate,
        &[
            ("frames", grouped(gif.frames as u64)),
            ("duration", plays(gif.frames)),
            ("size", size),
        ],
    );
    match gif.long {
        Some(all) => fill(
            t.gif_long,
            &[
                ("frames", grouped(all as u64)),
                ("duration", plays(all)),
                ("estimate", line),
            ],
        ),
        None => line,
    }
}

/// A duration in the page's words: tenths under 10 s, then whole seconds, minutes and seconds,
/// hours and minutes.
fn duration(t: &Texts, secs: f64) -> String {
    let whole = secs.round() as u64;
    if secs < 10.0 {
        let s = format!("{:.1}", secs.max(0.0));
        let s = s.strip_suffix(".0").unwrap_or(&s).to_string();
        fill(t.durations[0], &[("s", s)])
    } else if whole < 60 {
        fill(t.durations[0], &[("s", whole.to_string())])
    } else if whole < 3600 {
        fill(
            t.durations[1],
            &[
                ("m", (whole / 60).to_string()),
                ("s", (whole % 60).to_string()),
            ],
        )
    } else {
        let m = (secs / 60.0).round() as u64;
        fill(
            t.durations[2],
            &[("h", (m / 60).to_string()), ("m", (m % 60).to_string())],
        )
    }
}

/// A file size: bytes, kB (whole, or tenths under 10) or MB (tenths).
fn bytes(n: usize) -> String {
    let n = n as f64;
    if n < 1e3 {
        format!("{n} B")
    } else if n < 1e4 {
        format!("{:.1} kB", n / 1e3)
    } else if n < 1e6 {
        format!("{:.0} kB", n / 1e3)
    } else {
        format!("{:.1} MB", n / 1e6)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::EN;

    #[tokio::test]
    async fn a_running_gif_can_be_cancelled_and_a_failed_export_is_said_on_the_page() {
        let html = yew::LocalServerRenderer::<Share>::with_props(ShareProps {
            onexport: Callback::noop(),
            query: "groups=1".into(),
            gif: GifStatus {
                progress: Some((3, 10)),
                ..GifStatus::default()
            },
            oncancel: Callback::noop(),
            saving: true,
            error: Some("no 2d context".into()),
            hints: false,
            onhints: Callback::noop(),
            unlinked_values: None,
        })
        .render()
        .await;
        assert!(html.contains(r#"data-testid="gif-progress""#));
        assert!(html.contains(r#"data-testid="gif-cancel""#));
        // A PNG or SVG being made: said, and neither asked for again meanwhile.
        assert!(html.contains(EN.saving));
        assert!(
            html.contains(r#"data-testid="export-png" aria-disabled="true""#),
            "{html}"
        );
        let line = fill(EN.export_failed, &[("error", "no 2d context")]);
        assert!(
            html.contains(&format!(
                r#"<p role="alert" data-testid="export-error" class="export-error">{line}</p>"#
            )),
            "{html}"
        );
        let idle = yew::LocalServerRenderer::<Share>::with_props(ShareProps {
            onexport: Callback::noop(),
            query: "groups=1".into(),
            gif: GifStatus::default(),
            oncancel: Callback::noop(),
            saving: false,
            error: None,
            hints: false,
            onhints: Callback::noop(),
            unlinked_values: None,
        })
        .render()
        .await;
        assert!(!idle.contains("gif-cancel") && !idle.contains("export-error"));
        assert!(!idle.contains(EN.saving) && !idle.contains("aria-disabled"));
    }

    #[tokio::test]
    async fn before_a_long_gif_the_panel_offers_fewer_frames_and_estimates_them() {
        use crate::export::gif::Measured;
        let offered = vec![
            (Choice::All, Plan::All, 16_385),
            (Choice::Thinned, Plan::EveryNth(83), 199),
            (Choice::Channel, Plan::Channel(0), 1_025),
            (Choice::Row, Plan::Row(16), 33),
        ];
        let html = yew::LocalServerRenderer::<Share>::with_props(ShareProps {
            onexport: Callback::noop(),
            query: "groups=1".into(),
            gif: GifStatus {
                offered,
                chosen: Some(Choice::Thinned),
                frames: 199,
                long: Some(16_385),
                measured: Some(Measured {
                    frames: 3,
                    bytes: 1_234_567,
                    make_ms: 42_000.0,
                }),
                ..GifStatus::default()
            },
            oncancel: Callback::noop(),
            saving: false,
            error: None,
            hints: false,
            onhints: Callback::noop(),
            unlinked_values: None,
        })
        .render()
        .await;
        assert!(html.contains("every output cell (16,385 frames)"), "{html}");
        assert!(html.contains("one cell in 83 (199 frames)"), "{html}");
        assert!(
            html.contains("output channel 0 only (1,025 frames)"),
            "{html}"
        );
        assert!(
            html.contains("row 16 of output channel 0 only (33 frames)"),
            "{html}"
        );
        assert!(
            html.contains(
                "All 16,385 frames would play for 2 h 17 min, so fewer are chosen. \
                 199 frames, playing 1 min 40 s; ≈ 1.2 MB, ≈ 42 s to make (estimated from the first 3 frames)"
            ),
            "{html}"
        );
    }

    #[test]
    fn durations_and_sizes_read_naturally() {
        assert_eq!(duration(&EN, 0.42), "0.4 s");
        assert_eq!(duration(&EN, 9.5), "9.5 s");
        assert_eq!(duration(&EN, 3.0), "3 s");
        assert_eq!(duration(&EN, 59.4), "59 s");
        assert_eq!(duration(&EN, 512.5), "8 min 33 s");
        assert_eq!(duration(&EN, 8192.5), "2 h 17 min");
        assert_eq!(duration(&crate::i18n::ZH, 8192.5), "2 小时 17 分");
        assert_eq!(bytes(512), "512 B");
        assert_eq!(bytes(4_321), "4.3 kB");
        assert_eq!(bytes(345_678), "346 kB");
        assert_eq!(bytes(1_234_567), "1.2 MB");
    }
}
