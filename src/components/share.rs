//! Sharing: the figure as PNG (at a chosen scale), SVG or GIF (with progress, a cancel button and
//! a visible line when an export fails), and an embed dialog with the iframe snippet
//! and the permalink for the current state.

use yew::prelude::*;

use crate::i18n::{fill, use_texts};

pub use crate::export::Export;

/// Props of [`Share`].
#[derive(Properties, PartialEq)]
pub struct ShareProps {
    /// Export the figure.
    pub onexport: Callback<Export>,
    /// The query string of the current state (without `?`).
    pub query: AttrValue,
    /// GIF frames encoded so far and in all, while a GIF is being made.
    #[prop_or_default]
    pub gif_progress: Option<(usize, usize)>,
    /// Stop making the GIF.
    pub oncancel: Callback<()>,
    /// Why the last export failed, if it did.
    #[prop_or_default]
    pub error: Option<AttrValue>,
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
    let png = {
        let cb = p.onexport.clone();
        let s = *scale;
        Callback::from(move |_| cb.emit(Export::Png(s)))
    };
    let svg = p.onexport.reform(|_| Export::Svg);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_| open.set(!*open))
    };
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
                <button type="button" onclick={png} data-testid="export-png">{"PNG"}</button>
                <button type="button" onclick={svg} data-testid="export-svg">{"SVG"}</button>
                <button type="button" onclick={p.onexport.reform(|_| Export::Gif)} data-testid="export-gif"
                    disabled={p.gif_progress.is_some()}>{"GIF"}</button>
                <button type="button" onclick={toggle} aria-expanded={open.to_string()} data-testid="embed">{t.embed}</button>
            </div>
            if let Some((done, all)) = p.gif_progress {
                <label class="progress" data-testid="gif-progress">
                    <progress max={all.to_string()} value={done.to_string()}></progress>
                    {format!(" {} {done} / {all}", t.gif_frame)}
                </label>
                <button type="button" onclick={p.oncancel.reform(|_| ())} data-testid="gif-cancel">{t.cancel}</button>
            }
            if let Some(e) = &p.error {
                <p role="alert" class="export-error" data-testid="export-error">{fill(t.export_failed, &[("error", e.as_str())])}</p>
            }
            if *open {
                <div class="embed-dialog" role="group" aria-label={t.embed_label}>
                    <label for="embed-snippet">{t.iframe}</label>
                    <textarea id="embed-snippet" readonly=true rows="3" data-testid="embed-snippet" value={iframe.clone()} />
                    <button type="button" onclick={copy("snippet", iframe)} data-testid="copy-snippet">{copy_label("snippet")}</button>
                    <label for="permalink">{t.permalink}</label>
                    <input id="permalink" readonly=true data-testid="permalink" value={permalink.clone()} />
                    <button type="button" onclick={copy("permalink", permalink)} data-testid="copy-permalink">{copy_label("permalink")}</button>
                </div>
            }
        </div>
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
            gif_progress: Some((3, 10)),
            oncancel: Callback::noop(),
            error: Some("no 2d context".into()),
        })
        .render()
        .await;
        assert!(html.contains(r#"data-testid="gif-progress""#));
        assert!(html.contains(r#"data-testid="gif-cancel""#));
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
            gif_progress: None,
            oncancel: Callback::noop(),
            error: None,
        })
        .render()
        .await;
        assert!(!idle.contains("gif-cancel") && !idle.contains("export-error"));
    }
}
