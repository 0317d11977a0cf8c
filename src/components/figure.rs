//! The figure: a canvas drawn from the scene in an effect keyed on the data, pointer and keyboard
//! input turned into actions. The highlighted cells are mirrored in data attributes for tests.

use std::rc::Rc;

use conv2d_figure::layout::{Band, Cell, Layout};
use conv2d_figure::{Focus, Highlight, Hit};
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

use super::cell_editor::CellEditor;
use crate::i18n::use_texts;
pub use crate::render::figure::Fit;
use crate::render::figure::{heavy, Look};
use crate::state::View;
use crate::worker::figure::{self as figure_worker, Drawing};

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

/// The layout's grids as JSON, mirrored in `data-grids` for the browser tests (written into one
/// string: 4,224 grids at 64 channels).
fn grids_json(layout: &Layout) -> String {
    use std::fmt::Write;
    let mut json = String::with_capacity(96 * layout.grids.len() + 2);
    json.push('[');
    for (n, g) in layout.grids.iter().enumerate() {
        let (kind, a, b) = match g.band {
            Band::Input(c) => ("input", c, 0),
            Band::Kernel(o, i) => ("kernel", o, i),
            Band::Output(c) => ("output", c, 0),
        };
        let comma = if n == 0 { "" } else { "," };
        let _ = write!(
            json,
            r#"{comma}{{"kind":"{kind}","c":{a},"i":{b},"x":{},"y":{},"cell":{},"rows":{},"cols":{}}}"#,
            g.x, g.y, g.cell, g.rows, g.cols
        );
    }
    json.push(']');
    json
}

/// Draws `view` in `layout` with `highlight` on `el`, on the page.
fn draw(el: &HtmlCanvasElement, view: &View, layout: &Layout, highlight: &Highlight, look: Look) {
    crate::perf::mark("conv2d-effect");
    let scene = crate::render::figure::scene(view, layout, highlight, look);
    crate::perf::mark("conv2d-scene");
    if let Err(e) = crate::render::canvas::draw(el, &scene, look.dimmed) {
        web_sys::console::warn_1(&e);
    }
    crate::perf::painted();
}

/// An `Rc` compared by address, as a hook's dependency: the same value, not an equal one (and
/// kept alive, so its address is not reused while it is compared).
#[derive(Clone)]
struct Same<T>(Rc<T>);

impl<T> PartialEq for Same<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Draws the figure on `canvas` whenever what it shows changes. A large figure is drawn by the
/// figure's worker where one can take the canvas (true: the canvas must be one the page never drew
/// on), else by the page in a task of its own, after the page has shown the change, and not at all
/// when a newer change comes first (as while dragging).
#[hook]
fn use_drawing(canvas: NodeRef, d: Drawing, layout: Rc<Layout>, highlight: Rc<Highlight>) -> bool {
    let lost = use_force_update();
    let in_worker = heavy(&layout) && figure_worker::usable();
    // The canvas the worker has, and its id there (a canvas is handed over once); let go when
    // another takes its place, or the figure leaves the page.
    let adopted = use_mut_ref(|| None::<(HtmlCanvasElement, u32)>);
    {
        let adopted = adopted.clone();
        use_effect_with((), move |_| {
            move || {
                if let Some((_, id)) = adopted.borrow_mut().take() {
                    figure_worker::release(id);
                }
            }
        });
    }
    let key = (
        Same(d.view.clone()),
        Same(layout.clone()),
        Same(highlight.clone()),
        d.look,
        in_worker,
    );
    use_effect_with(key, move |_| {
        let el = canvas.cast::<HtmlCanvasElement>();
        let kept = adopted
            .borrow()
            .as_ref()
            .filter(|(a, _)| in_worker && Some(a) == el.as_ref())
            .map(|(_, id)| *id);
        if kept.is_none() {
            if let Some((_, id)) = adopted.borrow_mut().take() {
                figure_worker::release(id);
            }
        }
        let mut later = None;
        match el {
            Some(el) if in_worker => match kept.or_else(|| figure_worker::adopt(&el)) {
                Some(id) => {
                    *adopted.borrow_mut() = Some((el, id));
                    let lost = lost.clone();
                    figure_worker::draw(id, d, Callback::from(move |()| lost.force_update()));
                }
                // It cannot be handed over: the page draws, on a new canvas.
                None => lost.force_update(),
            },
            Some(el) => {
                let heavy = heavy(&layout);
                let draw = move || draw(&el, &d.view, &layout, &highlight, d.look);
                later = heavy
                    .then(|| crate::platform::timeout(0, draw.clone()))
                    .flatten();
                if later.is_none() {
                    draw();
                }
            }
            None => {}
        }
        move || drop(later)
    });
    in_worker
}

/// The canvas component.
#[component]
pub fn FigureCanvas(p: &FigureProps) -> Html {
    let t = use_texts();
    let canvas = use_node_ref();
    // The layout depends on the layer's shapes only: a new seed or an edit keeps it.
    let layout = use_memo(
        (p.view.layer, p.width.round() as i32, p.fit.rounded()),
        |(layer, width, fit)| fit.layout(layer, *width as f32),
    );
    let highlight = {
        let view = p.view.clone();
        use_memo((Same(p.view.clone()), p.focus), move |(_, focus)| {
            view.highlight(*focus)
        })
    };
    let look = Look {
        filled: p.filled,
        dimmed: p.dimmed,
        dark: p.dark,
        words: p.words,
    };
    let in_worker = use_drawing(
        canvas.clone(),
        Drawing {
            view: p.view.clone(),
            width: p.width.round(),
            fit: p.fit.rounded(),
            focus: p.focus,
            look,
        },
        layout.clone(),
        highlight.clone(),
    );
    // Thousands of grids at 64 channels: written once per layout, not on every render; and for a
    // figure the worker draws, after the change has been shown (it is drawn later anyway).
    let grids = use_memo((Same(layout.clone()), in_worker), |(layout, in_worker)| {
        (!in_worker).then(|| AttrValue::from(grids_json(&layout.0)))
    });
    use_effect_with((Same(layout.clone()), in_worker), {
        let canvas = canvas.clone();
        move |(layout, in_worker)| {
            let layout = layout.0.clone();
            let later = in_worker
                .then(|| {
                    crate::platform::timeout(0, move || {
                        if let Some(el) = canvas.cast::<web_sys::Element>() {
                            let _ = el.set_attribute("data-grids", &grids_json(&layout));
                        }
                    })
                })
                .flatten();
            move || drop(later)
        }
    });
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
                key={if in_worker { "worker" } else { "page" }}
                data-drawn-in={if in_worker { "worker" } else { "page" }}
                style={in_worker.then(|| {
                    let (w, h) = crate::render::canvas::css_size(layout.width, layout.height);
                    format!("width:{w}px;height:{h}px")
                })}
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
