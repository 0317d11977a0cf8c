//! The strip's exports: PNG and SVG of the strip as shown (the scene the canvas draws), and a GIF
//! of the focus walking through the last output, one frame per time slice with progress and a
//! cancel button.

use std::rc::Rc;

use conv2d_core::stack::field::Field;
use conv2d_figure::anim::GifWriter;
use conv2d_figure::palette::Ink;
use conv2d_figure::strip::StripLayout;
use yew::prelude::*;

use super::stack_strip::{scene, Spot};
use crate::export::file_name;
use crate::i18n::stack::StackTexts;
use crate::i18n::{fill, use_texts};
use crate::runner::{Flow, Runner};
use crate::state::stack::StackModel;

/// The most frames a GIF of the strip has.
pub const GIF_FRAMES: usize = 36;
/// Hundredths of a second per frame.
const DELAY_CS: u16 = 40;

/// The cells the GIF's focus visits: channel `c` of tensor `t` (shape `[_, h, w]`), in reading
/// order, evenly spaced, [`GIF_FRAMES`] at most.
pub fn walk(t: usize, c: usize, [_, h, w]: [usize; 3]) -> Vec<Spot> {
    let n = h * w;
    let step = n.div_ceil(GIF_FRAMES).max(1);
    (0..n)
        .step_by(step)
        .map(|i| (t, [c, i / w, i % w]))
        .collect()
}

/// A file name for the stack's exports: its layer count and input.
pub fn stem(model: &StackModel) -> String {
    let [c, h, w] = model.input_shape;
    format!("stack_{}layers_{c}x{h}x{w}", model.layers.len())
}

/// The iframe that embeds the strip of the stack `query` holds.
fn embed_snippet(query: &str, title: &str) -> String {
    format!(
        r#"<iframe src="{}?{}&amp;embed=1&amp;stack=1" width="900" height="560" style="border:0" title="{title}" loading="lazy"></iframe>"#,
        crate::platform::page_base(),
        query.replace('&', "&amp;")
    )
}

/// A GIF of the strip being made: the focus on each of `spots` in turn.
struct GifJob {
    model: Rc<StackModel>,
    layout: StripLayout,
    spots: Vec<Spot>,
    texts: &'static StackTexts,
}

impl GifJob {
    /// Makes it one frame per time slice and saves it, reporting `(done, all)` frames through
    /// `progress` (none when finished) and a failure through `error`. Dropping the handle cancels.
    fn start(
        self,
        progress: UseStateHandle<Option<(usize, usize)>>,
        error: UseStateHandle<Option<String>>,
    ) -> Runner {
        let all = self.spots.len();
        let mut writer: Option<GifWriter> = None;
        let mut next = 0usize;
        Runner::start(0, move || {
            let mut step = || -> Result<bool, String> {
                if let Some(&spot) = self.spots.get(next) {
                    let (w, h, mut rgba) = frame(&self.model, &self.layout, spot, self.texts)?;
                    if writer.is_none() {
                        writer = Some(GifWriter::new(w, h, DELAY_CS)?);
                    }
                    writer.as_mut().map_or(Ok(()), |g| g.add_rgba(&mut rgba))?;
                    next += 1;
                    return Ok(true);
                }
                let bytes = writer.take().ok_or("no frames")?.finish()?;
                let name = file_name(&stem(&self.model), "gif");
                crate::download::bytes(&name, "image/gif", &bytes);
                Ok(false)
            };
            match step() {
                Ok(true) => {
                    progress.set(Some((next, all)));
                    Flow::Continue
                }
                Ok(false) => {
                    progress.set(None);
                    Flow::Done
                }
                Err(e) => {
                    progress.set(None);
                    error.set(Some(e));
                    Flow::Done
                }
            }
        })
    }
}

/// Props of [`StackExport`].
#[derive(Properties, PartialEq)]
pub struct StackExportProps {
    /// The stack.
    pub model: Rc<StackModel>,
    /// The cell in focus.
    pub focus: Spot,
    /// What it lights.
    pub lit: Rc<Vec<Option<Field>>>,
    /// The effective receptive field, if computed.
    pub effective: Option<Rc<Vec<f32>>>,
    /// The strip's width.
    pub width: f32,
    /// The page's query string (without `?`), for the embed snippet.
    pub query: AttrValue,
}

/// One GIF frame: the strip with the focus on `spot`.
fn frame(
    model: &StackModel,
    layout: &StripLayout,
    spot: Spot,
    texts: &StackTexts,
) -> Result<(u32, u32, Vec<u8>), String> {
    let lit = model.lit(spot.0, spot.1);
    let erf = model.effective(spot.0, spot.1);
    let s = scene(model, layout, spot, &lit, erf.as_deref(), texts, Ink::LIGHT)
        .ok_or_else(|| "the stack's tensors are not computed".to_string())?;
    crate::render::canvas::rgba(&s, 1.0).map_err(|e| format!("{e:?}"))
}

/// The export buttons.
#[component]
pub fn StackExport(p: &StackExportProps) -> Html {
    let t = use_texts();
    let progress = use_state_eq(|| None::<(usize, usize)>);
    let error = use_state_eq(|| None::<String>);
    let runner = use_mut_ref(|| None::<Runner>);
    // The strip's own layout (its width rounded as the strip rounds it).
    let layout = StripLayout::new(&p.model.shapes(), p.width.round(), true);
    let still = |png: bool| {
        let (m, focus, lit, erf, layout, error) = (
            p.model.clone(),
            p.focus,
            p.lit.clone(),
            p.effective.clone(),
            layout.clone(),
            error.clone(),
        );
        let texts = t.stack;
        Callback::from(move |_: MouseEvent| {
            let Some(s) = scene(
                &m,
                &layout,
                focus,
                &lit,
                erf.as_deref().map(Vec::as_slice),
                texts,
                Ink::LIGHT,
            ) else {
                return;
            };
            let r = if png {
                crate::export::png::save(&s, 2, &stem(&m))
            } else {
                crate::export::svg::save(&s, &stem(&m))
            };
            error.set(r.err());
        })
    };
    let shapes = p.model.shapes();
    let last = shapes.len() - 1;
    let last_has_cells = shapes[last].iter().all(|&v| v > 0);
    let on_gif = {
        let (m, layout, progress, error, runner) = (
            p.model.clone(),
            layout.clone(),
            progress.clone(),
            error.clone(),
            runner.clone(),
        );
        let texts = t.stack;
        let (ft, [fc, _, _]) = p.focus;
        Callback::from(move |_: MouseEvent| {
            let c = if ft == last { fc } else { 0 };
            let spots = walk(last, c, shapes[last]);
            progress.set(Some((0, spots.len())));
            error.set(None);
            let job = GifJob {
                model: m.clone(),
                layout: layout.clone(),
                spots,
                texts,
            };
            *runner.borrow_mut() = Some(job.start(progress.clone(), error.clone()));
        })
    };
    let on_cancel = {
        let (runner, progress) = (runner, progress.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(r) = runner.borrow_mut().take() {
                r.cancel();
            }
            progress.set(None);
        })
    };
    html! {
        <div class="stack-export" role="group" aria-label={t.stack.export} data-testid="stack-export">
            <span class="muted">{t.stack.export}</span>
            <button type="button" data-testid="stack-png" onclick={still(true)}>{"PNG"}</button>
            <button type="button" data-testid="stack-svg" onclick={still(false)}>{"SVG"}</button>
            if let Some((done, all)) = *progress {
                <progress max={all.to_string()} value={done.to_string()} data-testid="stack-gif-progress" />
                <span aria-live="polite">{fill(t.stack.making, &[("done", done.to_string()), ("all", all.to_string())])}</span>
                <button type="button" onclick={on_cancel}>{t.stack.cancel}</button>
            } else {
                <button type="button" data-testid="stack-gif" onclick={on_gif} disabled={!last_has_cells}>{t.stack.gif}</button>
            }
            <details class="stack-embed-code">
                <summary data-testid="stack-embed">{t.embed}</summary>
                <textarea readonly=true rows="3" data-testid="stack-embed-snippet" aria-label={t.iframe}
                    value={embed_snippet(&p.query, t.stack_title)} />
            </details>
            if let Some(e) = (*error).clone() {
                <span class="alert" role="alert">{e}</span>
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_gif_walks_the_output_in_reading_order_within_its_frames() {
        let w = walk(3, 1, [2, 56, 56]);
        assert!(w.len() <= GIF_FRAMES && w.len() > GIF_FRAMES / 2);
        assert_eq!(w[0], (3, [1, 0, 0]));
        assert!(w
            .windows(2)
            .all(|p| (p[0].1[1], p[0].1[2]) < (p[1].1[1], p[1].1[2])));
        assert_eq!(walk(1, 0, [1, 2, 3]).len(), 6);
    }
}
