//! The figure: a canvas drawn from the scene in an effect keyed on the data, pointer and keyboard
//! input turned into actions. The highlighted cells are mirrored in data attributes for tests.

use std::rc::Rc;

use conv2d_figure::layout::{Band, Cell, Layout};
use conv2d_figure::palette::Ink;
use conv2d_figure::{Focus, Highlight, Hit};
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

use super::cell_editor::CellEditor;
use crate::i18n::use_texts;
use crate::state::View;

/// How the figure uses the height below its top.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Fit {
    /// The page: the whole figure within this height when its cells stay readable, else at least
    /// the first grid of each band (the figure grows down).
    Page(f32),
    /// An iframe or a projector: all of it within this height, cells as small as that takes.
    Frame(f32),
}

impl Fit {
    /// The layout of `layer` in `width` px.
    fn layout(self, layer: &conv2d_core::Layer, width: f32) -> Layout {
        match self {
            Fit::Page(h) => Layout::on_screen(layer, width, h),
            Fit::Frame(h) => Layout::fitting(layer, width, h),
        }
    }

    /// To whole pixels (so a layout is not redone for a fraction of one).
    fn rounded(self) -> Self {
        match self {
            Fit::Page(h) => Fit::Page(h.round()),
            Fit::Frame(h) => Fit::Frame(h.round()),
        }
    }
}

/// Props of [`FigureCanvas`].
#[derive(Properties, PartialEq)]
pub struct FigureProps {
    /// The computed figure.
    pub view: Rc<View>,
    /// What is highlighted.
    pub focus: Focus,
    /// Output cells filled so far.
    pub filled: usize,
    /// Veil the figure (it is the last valid one under an error).
    pub dimmed: bool,
    /// Draw in the dark theme's ink (exports are always light).
    #[prop_or_default]
    pub dark: bool,
    /// Width available, CSS px.
    pub width: f32,
    /// The words drawn in the figure (its language).
    pub words: &'static conv2d_figure::scene::Words,
    /// The height it has and what to do with it.
    pub fit: Fit,
    /// Draw the hints' numbered markers over the figure.
    #[prop_or_default]
    pub hints: bool,
    /// Pointer over a cell or off the figure.
    pub onhover: Callback<Focus>,
    /// Tap or click: pin this cell (or unpin).
    pub onpin: Callback<Focus>,
    /// Editing: a click chooses the data cell to type into (instead of pinning).
    #[prop_or_default]
    pub onselect: Option<Callback<Cell>>,
    /// The data cell being typed into, with its editor's callbacks.
    #[prop_or_default]
    pub editor: Option<Editor>,
}

/// The cell being edited and where its typing goes.
#[derive(Clone, PartialEq)]
pub struct Editor {
    /// The data cell.
    pub cell: Cell,
    /// A value applied.
    pub onedit: Callback<(Cell, f32)>,
    /// Move by (dy, dx).
    pub onmove: Callback<(i64, i64)>,
    /// Close the editor.
    pub onclose: Callback<()>,
}

fn cells(v: impl IntoIterator<Item = (usize, usize, usize)>) -> String {
    let items: Vec<String> = v
        .into_iter()
        .map(|(c, y, x)| format!("[{c},{y},{x}]"))
        .collect();
    format!("[{}]", items.join(","))
}

/// The layout's grids as JSON, mirrored in `data-grids` for the browser tests.
fn grids_json(layout: &Layout) -> String {
    let grids: Vec<String> = layout
        .grids
        .iter()
        .map(|g| {
            let (kind, a, b) = match g.band {
                Band::Input(c) => ("input", c, 0),
                Band::Kernel(o, i) => ("kernel", o, i),
                Band::Output(c) => ("output", c, 0),
            };
            format!(
                r#"{{"kind":"{kind}","c":{a},"i":{b},"x":{},"y":{},"cell":{},"rows":{},"cols":{}}}"#,
                g.x, g.y, g.cell, g.rows, g.cols
            )
        })
        .collect();
    format!("[{}]", grids.join(","))
}

/// How the figure is drawn, beside its data.
#[derive(Clone, Copy)]
struct Look {
    filled: usize,
    dimmed: bool,
    dark: bool,
    words: &'static conv2d_figure::scene::Words,
}

/// Grids beyond which drawing the figure takes more than a frame or two here: thousands of kernels,
/// or hundreds of thousands of cells.
fn heavy(layout: &Layout) -> bool {
    let cells: usize = layout.grids.iter().map(|g| g.rows * g.cols).sum();
    layout.grids.len() > 1024 || cells > 150_000
}

/// Draws `view` in `layout` with `highlight` on `el`.
fn draw(el: &HtmlCanvasElement, view: &View, layout: &Layout, highlight: &Highlight, look: Look) {
    crate::perf::mark("conv2d-effect");
    let ink = if look.dark { Ink::DARK } else { Ink::LIGHT };
    // A scatter shows the output as the input cells so far have painted it.
    let partial = view.partial(look.filled);
    let mut fig = view.figure(highlight, look.filled, look.words);
    if let Some(out) = &partial {
        fig.output = out;
        fig.filled = out.len();
    }
    let scene = fig.scene_in(layout, ink);
    crate::perf::mark("conv2d-scene");
    if let Err(e) = crate::render::canvas::draw(el, &scene, look.dimmed) {
        web_sys::console::warn_1(&e);
    }
    crate::perf::painted();
}

/// The canvas component.
#[component]
pub fn FigureCanvas(p: &FigureProps) -> Html {
    let t = use_texts();
    let canvas = use_node_ref();
    let layout = {
        let view = p.view.clone();
        use_memo(
            (
                Rc::as_ptr(&p.view) as usize,
                p.width.round() as i32,
                p.fit.rounded(),
            ),
            move |(_, width, fit)| fit.layout(&view.layer, *width as f32),
        )
    };
    // Thousands of grids at 64 channels: written once per layout, not on every render.
    let grids = use_memo(layout.clone(), |layout| AttrValue::from(grids_json(layout)));
    let highlight = {
        let view = p.view.clone();
        use_memo(
            (Rc::as_ptr(&p.view) as usize, p.focus),
            move |(_, focus)| view.highlight(*focus),
        )
    };
    {
        let canvas = canvas.clone();
        let view = p.view.clone();
        let layout = layout.clone();
        let highlight = highlight.clone();
        let words = p.words;
        use_effect_with(
            (
                Rc::as_ptr(&view) as usize,
                words,
                layout.clone(),
                highlight.clone(),
                p.filled,
                p.dimmed,
                p.dark,
            ),
            move |(_, _, _, _, filled, dimmed, dark)| {
                let (filled, dimmed, dark) = (*filled, *dimmed, *dark);
                let heavy = heavy(&layout);
                let draw = move || {
                    if let Some(el) = canvas.cast::<HtmlCanvasElement>() {
                        let look = Look {
                            filled,
                            dimmed,
                            dark,
                            words,
                        };
                        draw(&el, &view, &layout, &highlight, look);
                    }
                };
                // A large figure is drawn in a task of its own, after the page has shown the
                // change (and not at all when a newer change comes first, as while dragging).
                let later = heavy
                    .then(|| crate::platform::timeout(0, draw.clone()))
                    .flatten();
                if later.is_none() {
                    draw();
                }
                move || drop(later)
            },
        );
    }
    let hit = {
        let layout = layout.clone();
        let view = p.view.clone();
        move |e: &MouseEvent| -> Focus {
            match layout.hit(&view.layer, e.offset_x() as f32, e.offset_y() as f32) {
                Some(Hit::Input { c, y, x }) => Focus::Input { c, y, x },
                Some(Hit::Output(cell)) => Focus::Output(cell),
                None => Focus::None,
            }
        }
    };
    let onpointermove = {
        let cb = p.onhover.clone();
        let hit = hit.clone();
        Callback::from(move |e: PointerEvent| cb.emit(hit(&e)))
    };
    let onpointerleave = p.onhover.reform(|_: PointerEvent| Focus::None);
    // A finger has no hover: after a tap only the pin may stay lit, so the tap's hover is let go.
    let touch = use_mut_ref(|| false);
    let onpointerdown = {
        let touch = touch.clone();
        Callback::from(move |e: PointerEvent| *touch.borrow_mut() = e.pointer_type() == "touch")
    };
    let onclick = {
        let pin = p.onpin.clone();
        let hover = p.onhover.clone();
        let select = p.onselect.clone();
        let (layout, view) = (layout.clone(), p.view.clone());
        Callback::from(move |e: MouseEvent| {
            if let Some(select) = &select {
                let (x, y) = (e.offset_x() as f32, e.offset_y() as f32);
                if let Some(cell) = layout
                    .editable_at(&view.layer, x, y)
                    .and_then(|c| view.data_cell(c))
                {
                    select.emit(cell);
                }
                return;
            }
            pin.emit(hit(&e));
            if *touch.borrow() {
                hover.emit(Focus::None);
            }
        })
    };
    let outs = cells(highlight.outputs.iter().map(|o| (o.channel, o.y, o.x)));
    let ins = cells(p.view.input_sources(&highlight));
    // The overlap map on show, for the browser tests: rows of counts.
    let overlap = p.view.transpose.as_ref().filter(|t| t.overlap).map(|t| {
        let w = t.layer.output[1];
        let rows: Vec<String> = t
            .counts
            .chunks(w.max(1))
            .map(|r| {
                format!(
                    "[{}]",
                    r.iter().map(u32::to_string).collect::<Vec<_>>().join(",")
                )
            })
            .collect();
        format!("[{}]", rows.join(","))
    });
    let positions = cells(highlight.input_positions.iter().copied());
    let markers = match (p.hints, p.view.conv2d()) {
        (true, Some(layer)) => conv2d_figure::hints::hints(layer, &layout),
        _ => Vec::new(),
    };
    html! {
        <div class="figure-wrap">
            <canvas ref={canvas} class="figure" data-testid="figure" role="img"
                aria-label={t.figure_canvas}
                data-grids={(*grids).clone()}
                data-highlight-inputs={ins} data-highlight-outputs={outs} data-highlight-positions={positions}
                data-filled={p.filled.to_string()}
                data-layout-width={layout.width.to_string()}
                data-arrangement={format!("{:?}", layout.arrangement).to_lowercase()}
                data-pad={format!("{},{}", p.view.layer.pad.top, p.view.layer.pad.left)}
                data-overlap={overlap}
                data-reading={p.view.transpose.as_ref().map(|t| AttrValue::from(t.reading.name()))}
                {onpointerdown} {onpointermove} {onpointerleave} {onclick} />
            if let Some(ed) = p.editor.clone() {
                if let (Some(value), Some(place)) = (p.view.value(ed.cell), layout.place_of(&p.view.layer, p.view.drawn_cell(ed.cell))) {
                    <CellEditor cell={ed.cell} {value} {place} onedit={ed.onedit} onmove={ed.onmove} onclose={ed.onclose} />
                }
            }
            { for markers.iter().enumerate().map(|(i, m)| html! {
                <span class="hint-marker" aria-hidden="true" data-testid="hint-marker"
                    style={format!("left:{}px;top:{}px", m.x, m.y)}>{i + 1}</span>
            }) }
        </div>
    }
}
