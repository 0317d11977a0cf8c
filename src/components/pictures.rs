//! The picture view's canvas: the input and every output channel as images (the figure crate's
//! `pictures` scene on the same canvas backend); hovering an output pixel focuses it, so the page
//! writes its sum and the picture outlines the window it reads.

use std::rc::Rc;

use conv2d_core::receptive::OutputCell;
use conv2d_figure::palette::Ink;
use conv2d_figure::pictures::{PictureLayout, Pictures};
use conv2d_figure::scene::Item;
use conv2d_figure::Focus;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

use crate::i18n::use_texts;
use crate::state::View;

/// Props of [`PictureCanvas`].
#[derive(Properties, PartialEq)]
pub struct PictureCanvasProps {
    /// The computed figure.
    pub view: Rc<View>,
    /// What is in focus.
    pub focus: Focus,
    /// Veil it (the last valid one under an error).
    pub dimmed: bool,
    /// Dark ink.
    pub dark: bool,
    /// Width available, CSS px.
    pub width: f32,
    /// The words of the titles.
    pub words: &'static conv2d_figure::scene::Words,
    /// Pointer over a pixel (or off).
    pub onhover: Callback<Focus>,
    /// A click pins the pixel.
    pub onpin: Callback<Focus>,
}

/// The picture view.
#[component]
pub fn PictureCanvas(p: &PictureCanvasProps) -> Html {
    let t = use_texts();
    let canvas = use_node_ref();
    let layout = {
        let view = p.view.clone();
        use_memo(
            (Rc::as_ptr(&p.view) as usize, p.width.round() as i32),
            move |(_, width)| PictureLayout::new(&view.layer, *width as f32),
        )
    };
    let focus = match p.focus {
        Focus::Output(c) => Some(c),
        _ => None,
    };
    // The images are drawn when the figure, its size or its look change; the focus's outlines are
    // elements over them, moved as the pointer moves. A redraw of every image per move took 65 ms
    // at 64 channels, and so did a transparent canvas of the figure's size (both mostly the
    // compositor taking the whole bitmap again).
    {
        let (canvas, view, layout, words) =
            (canvas.clone(), p.view.clone(), layout.clone(), p.words);
        use_effect_with(
            (
                Rc::as_ptr(&view) as usize,
                layout.clone(),
                p.dimmed,
                p.dark,
                words,
            ),
            move |(_, _, dimmed, dark, _)| {
                if let Some(el) = canvas.cast::<HtmlCanvasElement>() {
                    let ink = if *dark { Ink::DARK } else { Ink::LIGHT };
                    let scene = pictures(&view, None, words).scene(&layout, ink);
                    if let Err(e) = crate::render::canvas::draw(&el, &scene, *dimmed) {
                        web_sys::console::warn_1(&e);
                    }
                }
            },
        );
    }
    let outlines = {
        let (view, words) = (p.view.clone(), p.words);
        use_memo(
            (Rc::as_ptr(&p.view) as usize, layout.clone(), focus),
            move |(_, layout, focus)| outlines(&pictures(&view, *focus, words).focus_layer(layout)),
        )
    };
    let hit = {
        let layout = layout.clone();
        move |e: &MouseEvent| {
            layout
                .output_at(e.offset_x() as f32, e.offset_y() as f32)
                .map_or(Focus::None, Focus::Output)
        }
    };
    let onpointermove = {
        let (cb, hit) = (p.onhover.clone(), hit.clone());
        Callback::from(move |e: PointerEvent| cb.emit(hit(&e)))
    };
    let onpointerleave = p.onhover.reform(|_: PointerEvent| Focus::None);
    let onclick = {
        let cb = p.onpin.clone();
        Callback::from(move |e: MouseEvent| cb.emit(hit(&e)))
    };
    let images: Vec<String> = layout
        .images
        .iter()
        .map(|b| {
            format!(
                r#"{{"shows":"{:?}","x":{},"y":{},"cell":{},"rows":{},"cols":{}}}"#,
                b.shows, b.x, b.y, b.cell, b.rows, b.cols
            )
        })
        .collect();
    html! {
        <div class="figure-wrap">
            <canvas ref={canvas} class="figure pictures" data-testid="pictures" role="img" aria-label={t.pictures_canvas}
                data-images={format!("[{}]", images.join(","))}
                {onpointermove} {onpointerleave} {onclick} />
            // Under the canvas's veil when dimmed, as its own outlines were.
            <div class="focus-layer" aria-hidden="true" data-testid="pictures-focus"
                style={p.dimmed.then(|| format!("opacity:{}", 1.0 - conv2d_figure::scene::DIM_OPACITY))}>
                { for outlines.iter().map(|style| html! { <div class="outline" style={style.clone()}></div> }) }
            </div>
        </div>
    }
}

/// The outlined rectangles of `layer` (a scene of outlines on transparent paper) as the styles of
/// elements that draw them as the canvas does: a stroke of width `line` centred on each edge.
fn outlines(layer: &conv2d_figure::scene::Scene) -> Vec<AttrValue> {
    layer
        .items
        .iter()
        .filter_map(|item| match *item {
            Item::Rect {
                x,
                y,
                w,
                h,
                stroke: Some(color),
                line,
                ..
            } => Some(AttrValue::from(format!(
                "left:{}px;top:{}px;width:{}px;height:{}px;border:{line}px solid {}",
                x - line / 2.0,
                y - line / 2.0,
                w + line,
                h + line,
                color.css()
            ))),
            _ => None,
        })
        .collect()
}

/// The picture view of `view` with `focus` outlined.
fn pictures<'a>(
    view: &'a View,
    focus: Option<OutputCell>,
    words: &'static conv2d_figure::scene::Words,
) -> Pictures<'a> {
    Pictures {
        layer: &view.layer,
        input: &view.input,
        output: &view.output,
        focus,
        words,
    }
}

/// Props of [`ZoomWindow`].
#[derive(Properties, PartialEq)]
pub struct ZoomWindowProps {
    /// The computed figure.
    pub view: Rc<View>,
    /// The output pixel in focus.
    pub cell: conv2d_core::receptive::OutputCell,
    /// Dark ink.
    pub dark: bool,
    /// Width available, CSS px.
    pub width: f32,
    /// The words drawn in the figure.
    pub words: &'static conv2d_figure::scene::Words,
}

/// The grid figure of the window the focused pixel reads: the same kernels on that window alone,
/// cells large enough to read, its output the pixel's value in every channel.
#[component]
pub fn ZoomWindow(p: &ZoomWindowProps) -> Html {
    let t = use_texts();
    let zoomed = {
        let view = p.view.clone();
        use_memo((Rc::as_ptr(&p.view) as usize, p.cell), move |(_, cell)| {
            let (layer, input) = conv2d_figure::pictures::window(&view.layer, &view.input, *cell)?;
            let output =
                conv2d_core::forward::forward(&layer, &input, &view.weight, view.bias.as_deref())
                    .data;
            Some(Rc::new(View {
                layer,
                spec: view.spec.clone(),
                input,
                weight: view.weight.clone(),
                bias: view.bias.clone(),
                output,
                transpose: None,
            }))
        })
    };
    let Some(view) = (*zoomed).clone() else {
        return Html::default();
    };
    let focus = Focus::Output(conv2d_core::receptive::OutputCell {
        channel: p.cell.channel,
        y: 0,
        x: 0,
    });
    let filled = view.output.len();
    html! {
        <div class="zoom-window" data-testid="zoom-window">
            <p class="muted small">{crate::i18n::fill(t.zoom_title, &[
                ("c", p.cell.channel.to_string()), ("y", p.cell.y.to_string()), ("x", p.cell.x.to_string()),
            ])}</p>
            <super::figure::FigureCanvas {view} {focus} dark={p.dark} words={p.words} {filled} dimmed=false
                width={p.width} fit={super::figure::Fit::Frame(320.0)} onhover={Callback::noop()} onpin={Callback::noop()} />
        </div>
    }
}
