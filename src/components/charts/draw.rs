//! The chart's drawing effect as a hook: draws the series on its canvas at the device pixel ratio
//! whenever the data, the axes or the language change and the chart is near the screen, and keeps
//! the x mapping for pointer input.

use std::cell::Cell;
use std::rc::Rc;

use plotters::prelude::IntoDrawingArea;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

use crate::charts::{self, Ink, Mapping, Scale, Series, Style};
use crate::i18n::Texts;
use crate::platform;

/// How long after a change a chart is drawn, ms (a frame or so: the figure paints first).
const DRAW_DELAY_MS: u32 = 20;

/// CSS height of a chart's canvas.
const CSS_HEIGHT: f64 = 300.0;

/// What a drawn chart tells its pointer and keyboard handlers.
#[derive(Clone)]
pub struct Drawn {
    /// The timing chart's x mapping in device pixels (none until drawn).
    pub mapping: Rc<Cell<Option<Mapping>>>,
    /// Device pixels per CSS pixel of the last drawing.
    pub dpr: Rc<Cell<f64>>,
    /// The x mapping in CSS px, mirrored for tests ("start,end,x0,x1").
    pub plot: AttrValue,
    /// How many times it has been drawn, mirrored for tests.
    pub draws: u32,
}

impl Drawn {
    /// The swept value under CSS x `offset_x`, if inside the plot.
    pub fn x_at(&self, offset_x: i32) -> Option<f64> {
        let m = self.mapping.get()?;
        m.x_at((f64::from(offset_x) * self.dpr.get()) as i32)
    }
}

/// What a chart was drawn from: drawn again only when this changes.
type Drawing = (Series, Scale, &'static Texts, bool);

/// Draws `series` on `canvas` while it is `on_screen` (a chart off screen is drawn when it comes
/// near), and again at a new size after a window resize; see [`Drawn`].
#[hook]
pub fn use_chart_drawing(canvas: NodeRef, drawing: Drawing, on_screen: bool) -> Drawn {
    let mapping = use_memo((), |_| Cell::new(None::<Mapping>));
    let dpr = use_memo((), |_| Cell::new(1.0f64));
    // The x mapping as text, and how many times the chart has been drawn (for the tests).
    let plot = use_state(|| (AttrValue::default(), 0u32));
    // What was drawn last, at which bitmap size.
    let last = use_mut_ref(|| None::<(Drawing, u32, u32)>);
    // Window resizes (and zooms, which change the pixel ratio): the size is looked at again.
    let resized = use_state(|| 0u32);
    {
        let resized = resized.clone();
        use_effect_with((), move |_| {
            let count = Cell::new(0u32);
            let listener = web_sys::window().map(|w| {
                gloo_events::EventListener::new(&w, "resize", move |_| {
                    count.set(count.get() + 1);
                    resized.set(count.get());
                })
            });
            move || drop(listener)
        });
    }
    {
        let (mapping, dpr, plot) = (mapping.clone(), dpr.clone(), plot.clone());
        let key = (drawing, on_screen, *resized);
        use_effect_with(key, move |(drawing, on_screen, _)| {
            let drawing = on_screen.then(|| drawing.clone());
            // Drawn in a task of its own a frame later: the figure above is painted first, and no
            // task draws all the charts at once.
            let timer = drawing.and_then(|drawing| {
                platform::timeout(DRAW_DELAY_MS, move || {
                    let Some(el) = canvas.cast::<HtmlCanvasElement>() else {
                        return;
                    };
                    let ratio = platform::device_pixel_ratio();
                    let css_w = f64::from(el.client_width().max(280));
                    let (w, h) = ((css_w * ratio) as u32, (CSS_HEIGHT * ratio) as u32);
                    let fresh = last
                        .borrow()
                        .as_ref()
                        .is_some_and(|(d, lw, lh)| *d == drawing && (*lw, *lh) == (w, h));
                    if fresh {
                        return;
                    }
                    dpr.set(ratio);
                    // Only on a change: setting a size throws the bitmap away (the paper is filled anyway).
                    if el.width() != w || el.height() != h {
                        el.set_width(w);
                        el.set_height(h);
                    }
                    match draw(el, &drawing, ratio) {
                        Some(m) => {
                            *last.borrow_mut() = Some((drawing, w, h));
                            mapping.set(Some(m));
                            let css = |px: i32| f64::from(px) / ratio;
                            let text =
                                format!("{},{},{},{}", css(m.px_start), css(m.px_end), m.x0, m.x1);
                            plot.set((text.into(), plot.1 + 1));
                        }
                        None => *last.borrow_mut() = None,
                    }
                })
            });
            move || drop(timer)
        });
    }
    Drawn {
        mapping,
        dpr,
        plot: plot.0.clone(),
        draws: plot.1,
    }
}

/// Draws `drawing` on `el` at `ratio` device pixels per CSS pixel: its x mapping, or none (warned).
fn draw(el: HtmlCanvasElement, drawing: &Drawing, ratio: f64) -> Option<Mapping> {
    let (series, scale, t, dark) = drawing;
    let backend = super::backend::Canvas::on(el)?;
    let style = Style {
        ink: if *dark { Ink::DARK } else { Ink::LIGHT },
        scale: *scale,
        dpr: ratio,
        t,
    };
    charts::draw_all(backend.into_drawing_area(), series, &style)
        .map_err(|e| platform::warn(&e))
        .ok()
}
