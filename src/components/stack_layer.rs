//! The stack's selected layer drawn with the single-layer figure: its input is the tensor the
//! stack hands it, its weights the stack's, so the grids, kernels and the sum under the pointer
//! are the stack's own numbers. A ConvTranspose2d is drawn in its scatter reading.

use std::rc::Rc;

use conv2d_core::stack::layers::StackLayer;
use conv2d_core::transpose::validate_transpose;
use conv2d_core::{validate, LayerSpec};
use conv2d_figure::sum::Sum;
use conv2d_figure::{Focus, Highlight};
use yew::prelude::*;

use super::figure::{FigureCanvas, Fit};
use super::sum::SumView;
use crate::i18n::{fill, use_texts};
use crate::state::stack::StackModel;
use crate::state::{Reading, View, CAP_MACS};

/// Props of [`StackLayerFigure`].
#[derive(Properties, PartialEq)]
pub struct StackLayerProps {
    /// The stack.
    pub model: Rc<StackModel>,
    /// The selected layer.
    pub selected: Option<usize>,
    /// Dark ink.
    pub dark: bool,
    /// Width available, CSS px.
    pub width: f32,
    /// The words drawn in the figure.
    pub words: &'static conv2d_figure::scene::Words,
}

/// Why a selected layer has no figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoFigure {
    /// Not a convolution (the strip shows it).
    NotConv,
    /// Not computed: rejected, after the rejected layer, or the stack too large.
    NotComputed,
    /// Over the playground's live limit, in MACs.
    TooLarge(u64),
}

/// Layer `i`'s figure with the stack's values, when it is a convolution that ran within the
/// playground's live limit.
pub fn view_of(model: &StackModel, i: usize) -> Result<View, NoFigure> {
    let layer = model.layers.get(i).ok_or(NoFigure::NotComputed)?;
    if !matches!(
        layer,
        StackLayer::Conv2d(_) | StackLayer::ConvTranspose2d(_)
    ) {
        return Err(NoFigure::NotConv);
    }
    let macs = model.summary.rows.get(i).ok_or(NoFigure::NotComputed)?.macs;
    if macs > CAP_MACS {
        return Err(NoFigure::TooLarge(macs));
    }
    drawn(model, i).ok_or(NoFigure::NotComputed)
}

/// The figure's view of convolution `i` on the stack's tensors.
fn drawn(model: &StackModel, i: usize) -> Option<View> {
    let tensors = model.tensors.as_ref()?;
    let (input, output) = (tensors.all.get(i)?, tensors.all.get(i + 1)?);
    let w = tensors.weights.get(i)?.as_ref()?;
    let shape = [input.shape[0], input.shape[1], input.shape[2]].map(|v| v as i64);
    match &model.layers[i] {
        StackLayer::Conv2d(spec) => Some(View {
            layer: validate(spec, shape).ok()?,
            spec: LayerSpec::Conv2d(spec.clone()),
            input: input.clone(),
            weight: w.weight.clone(),
            bias: w.bias.clone(),
            output: output.data.clone(),
            transpose: None,
        }),
        StackLayer::ConvTranspose2d(spec) => Some(View::of_transpose(
            validate_transpose(spec, shape).ok()?,
            LayerSpec::ConvTranspose2d(spec.clone()),
            input.clone(),
            w.weight.clone(),
            w.bias.clone(),
            output.data.clone(),
            Reading::Scatter,
            false,
        )),
        _ => None,
    }
}

/// The selected layer's figure, or what to do to see one.
#[component]
pub fn StackLayerFigure(p: &StackLayerProps) -> Html {
    let t = use_texts();
    let view = {
        let model = p.model.clone();
        use_memo(
            (Rc::as_ptr(&p.model) as usize, p.selected),
            move |(_, selected)| selected.map(|i| view_of(&model, i).map(Rc::new)),
        )
    };
    let hover = use_state_eq(|| Focus::None);
    let pinned = use_state_eq(|| Focus::None);
    let Some(i) = p.selected.filter(|&i| i < p.model.layers.len()) else {
        return html! { <p class="muted small" data-testid="stack-pick">{t.stack.pick_row}</p> };
    };
    let view = match (*view).clone() {
        Some(Ok(view)) => view,
        why => {
            let text = match why {
                Some(Err(NoFigure::TooLarge(macs))) => fill(
                    t.stack.layer_too_large,
                    &[("macs", crate::i18n::grouped(macs))],
                ),
                Some(Err(NoFigure::NotComputed)) => t.stack.not_drawn.to_string(),
                _ => t.stack.layer_not_conv.to_string(),
            };
            return html! { <p class="muted small" data-testid="stack-layer-none">{text}</p> };
        }
    };
    let focus = if *hover == Focus::None {
        *pinned
    } else {
        *hover
    };
    let sum = match focus {
        Focus::Output(c) => {
            let hl = Highlight::default();
            Sum::of(&view.figure(&hl, 0, p.words), c)
        }
        _ => None,
    };
    let title = fill(
        t.stack.layer_figure,
        &[("i", i.to_string()), ("layer", p.model.texts[i].clone())],
    );
    let filled = view.output.len();
    html! {
        <section class="stack-layer" data-testid="stack-layer">
            <h3>{title}</h3>
            <div class="sum" data-testid="stack-layer-sum">
                if let Some(sum) = sum {
                    <span class="sr-only">{sum.line(p.words.more_terms)}</span>
                    <SumView {sum} more={p.words.more_terms} bias={p.words.bias} />
                }
            </div>
            <FigureCanvas {view} {focus} {filled} dimmed=false dark={p.dark} width={p.width} words={p.words}
                fit={Fit::Frame(520.0)}
                onhover={{ let hover = hover.clone(); Callback::from(move |f| hover.set(f)) }}
                onpin={{ let pinned = pinned.clone(); Callback::from(move |f| pinned.set(f)) }} />
        </section>
    }
}
