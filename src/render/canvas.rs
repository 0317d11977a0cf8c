//! The canvas backend: draws a `Scene` onto a `<canvas>` at the device pixel ratio, so it is crisp on
//! high-DPI screens. Heatmaps go through one scratch canvas as images (no smoothing), not rectangles.

use conv2d_figure::palette::Rgba;
use conv2d_figure::scene::{Align, Item, Scene, DIM_ALPHA, FONT_STACK};
use wasm_bindgen::{Clamped, JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};

/// The 2D context of `canvas` (an element, or a worker's `OffscreenCanvas`: see [`scratch`]).
fn context(canvas: &HtmlCanvasElement) -> Result<CanvasRenderingContext2d, JsValue> {
    Ok(canvas
        .get_context("2d")?
        .ok_or_else(|| JsValue::from_str("no 2d context"))?
        .unchecked_into())
}

/// A canvas of `w × h` device pixels off screen: an element of the page's document; in a worker
/// (no document) an `OffscreenCanvas`. Its 2D context has every method drawn with here under the
/// same name, and the bindings call methods by name, so it goes by the element's type.
fn scratch(w: u32, h: u32) -> Result<HtmlCanvasElement, JsValue> {
    let canvas: HtmlCanvasElement = match web_sys::window().and_then(|w| w.document()) {
        Some(document) => document.create_element("canvas")?.dyn_into()?,
        None => web_sys::OffscreenCanvas::new(w, h)?.unchecked_into(),
    };
    canvas.set_width(w);
    canvas.set_height(h);
    Ok(canvas)
}

fn css(c: Rgba) -> String {
    c.css()
}

/// Draws `scene` on `canvas` at the screen's pixel ratio; `dimmed` veils it (the last valid figure
/// under an error).
pub fn draw(canvas: &HtmlCanvasElement, scene: &Scene, dimmed: bool) -> Result<(), JsValue> {
    draw_at(canvas, scene, crate::platform::device_pixel_ratio(), dimmed)
}

/// `scene` drawn off screen at `scale` on its opaque paper, as exports show it.
fn offscreen(scene: &Scene, scale: f64) -> Result<HtmlCanvasElement, JsValue> {
    let (w, h) = size(scene);
    let canvas = scratch((w * scale).round() as u32, (h * scale).round() as u32)?;
    paint(&context(&canvas)?, scene, scale, false)?;
    Ok(canvas)
}

thread_local! {
    /// The canvas atlases are put on, kept between draws (a new canvas and its context cost more
    /// than the figure of a small layer).
    static ATLAS: std::cell::RefCell<Option<HtmlCanvasElement>> = const { std::cell::RefCell::new(None) };
}

/// A canvas of at least `w × h` pixels for an atlas: the last one, grown when it is too small.
fn atlas_canvas(w: u32, h: u32) -> Result<HtmlCanvasElement, JsValue> {
    let kept = ATLAS.with_borrow(|a| a.clone());
    // Big enough, and not more than twice the area needed (a large figure's atlas is not kept
    // for small ones).
    let fits = |c: &HtmlCanvasElement| {
        let area = |a: u32, b: u32| u64::from(a.max(1)) * u64::from(b.max(1));
        c.width() >= w && c.height() >= h && area(c.width(), c.height()) <= 2 * area(w, h)
    };
    let canvas = match kept {
        Some(c) if fits(&c) => return Ok(c),
        Some(c) if c.width() >= w && c.height() >= h => scratch(w.max(1), h.max(1))?,
        Some(c) => {
            // Grown, never shrunk: only the atlas's own corner is put and read.
            c.set_width(c.width().max(w));
            c.set_height(c.height().max(h));
            c
        }
        None => scratch(w.max(1), h.max(1))?,
    };
    ATLAS.with_borrow_mut(|a| *a = Some(canvas.clone()));
    Ok(canvas)
}

/// The scene's size in whole CSS pixels.
fn size(scene: &Scene) -> (f64, f64) {
    css_size(scene.width, scene.height)
}

/// The size on the page of a scene `width × height`: whole CSS pixels, at least one high.
pub fn css_size(width: f32, height: f32) -> (f64, f64) {
    (width.ceil() as f64, height.ceil().max(1.0) as f64)
}

/// A PNG data URL of `scene` drawn at `scale` device pixels per CSS pixel (for export).
pub fn png_data_url(scene: &Scene, scale: f64) -> Result<String, JsValue> {
    offscreen(scene, scale)?.to_data_url_with_type("image/png")
}

/// `scene` drawn at `scale` in a worker, as a promise of its PNG file (`convertToBlob`: encoded
/// without holding the worker's thread either).
pub fn png_blob(scene: &Scene, scale: f64) -> Result<js_sys::Promise, JsValue> {
    offscreen(scene, scale)?
        .unchecked_into::<web_sys::OffscreenCanvas>()
        .convert_to_blob()
}

/// The RGBA pixels of `scene` drawn at `scale` (for GIF frames): (width, height, bytes).
pub fn rgba(scene: &Scene, scale: f64) -> Result<(u32, u32, Vec<u8>), JsValue> {
    let canvas = offscreen(scene, scale)?;
    let (w, h) = (canvas.width(), canvas.height());
    let data = context(&canvas)?.get_image_data(0.0, 0.0, f64::from(w), f64::from(h))?;
    Ok((w, h, data.data().0))
}

/// Draws `scene` on the page's `canvas` with `dpr` device pixels per scene pixel.
pub fn draw_at(
    canvas: &HtmlCanvasElement,
    scene: &Scene,
    dpr: f64,
    dimmed: bool,
) -> Result<(), JsValue> {
    let (w, h) = size(scene);
    let style = canvas.style();
    style.set_property("width", &format!("{w}px"))?;
    style.set_property("height", &format!("{h}px"))?;
    draw_bitmap(canvas, scene, dpr, dimmed)
}

/// Draws `scene` on `canvas`'s bitmap with `dpr` device pixels per scene pixel, leaving its size on
/// the page to whoever lays it out: the figure's worker draws this way on the `OffscreenCanvas`
/// the page handed it (see [`scratch`] on why it goes by the element's type).
pub fn draw_bitmap(
    canvas: &HtmlCanvasElement,
    scene: &Scene,
    dpr: f64,
    dimmed: bool,
) -> Result<(), JsValue> {
    let (w, h) = size(scene);
    // Setting a canvas's size, even to the size it has, throws its bitmap away: only on a change.
    let (pw, ph) = ((w * dpr).round() as u32, (h * dpr).round() as u32);
    if canvas.width() != pw || canvas.height() != ph {
        canvas.set_width(pw);
        canvas.set_height(ph);
    }
    paint(&context(canvas)?, scene, dpr, dimmed)
}

/// Paints `scene` with `ctx` at `dpr`, over whatever was there.
fn paint(
    ctx: &CanvasRenderingContext2d,
    scene: &Scene,
    dpr: f64,
    dimmed: bool,
) -> Result<(), JsValue> {
    let (w, h) = size(scene);
    // Opaque paper first, over every device pixel (the canvas keeps its last picture): the canvas
    // is the whole figure, on screen as in exports.
    ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0)?;
    ctx.set_fill_style_str(&css(scene.paper));
    ctx.fill_rect(0.0, 0.0, (w * dpr).ceil() + 1.0, (h * dpr).ceil() + 1.0);
    ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0)?;
    ctx.set_image_smoothing_enabled(false);
    // Every heatmap's cells go into one atlas, put on a scratch canvas in one call (a put per
    // heatmap costs more than the drawing itself at a thousand kernels), then drawn from there.
    let atlas = Atlas::of(scene);
    let scratch = atlas_canvas(atlas.width, atlas.height)?;
    if atlas.width > 0 && atlas.height > 0 {
        let img = ImageData::new_with_u8_clamped_array_and_sh(
            Clamped(&atlas.rgba),
            atlas.width,
            atlas.height,
        )?;
        context(&scratch)?.put_image_data(&img, 0.0, 0.0)?;
    }
    let mut places = atlas.places.iter();
    // Whether the context's lines are dashed now: set only when an outline needs the other kind
    // (thousands of kernel frames would set it twice each).
    let mut dashed = false;
    ctx.set_line_dash(&js_sys::Array::new())?;
    let items = &scene.items;
    let mut i = 0;
    while i < items.len() {
        // Outlines in a row drawn alike (a band's kernel frames) are one path, stroked once.
        let run = outline_run(&items[i..]);
        if run > 1 {
            stroke_outlines(ctx, &items[i..i + run], &mut dashed)?;
            i += run;
            continue;
        }
        let item = &items[i];
        let from = match item {
            Item::Heatmap { .. } => places.next().copied(),
            _ => None,
        };
        draw_item(ctx, (&scratch, from), item, &mut dashed)?;
        i += 1;
    }
    if dimmed {
        ctx.set_fill_style_str(&css(scene.paper.alpha(DIM_ALPHA)));
        ctx.fill_rect(0.0, 0.0, w, h);
    }
    Ok(())
}

/// How an unfilled rectangle is outlined: colour, width, dashed (none for anything else).
fn outline_style(item: &Item) -> Option<(Rgba, f32, bool)> {
    match item {
        Item::Rect {
            fill: None,
            stroke: Some(c),
            line,
            dashed,
            ..
        } => Some((*c, *line, *dashed)),
        _ => None,
    }
}

/// How many items from the first are unfilled rectangles outlined alike (0 when the first is not one).
fn outline_run(items: &[Item]) -> usize {
    let Some(style) = items.first().and_then(outline_style) else {
        return 0;
    };
    items
        .iter()
        .take_while(|item| outline_style(item) == Some(style))
        .count()
}

/// Strokes `items` (an [`outline_run`]) as one path.
fn stroke_outlines(
    ctx: &CanvasRenderingContext2d,
    items: &[Item],
    dashed_now: &mut bool,
) -> Result<(), JsValue> {
    let Some((color, line, dashed)) = items.first().and_then(outline_style) else {
        return Ok(());
    };
    set_dashed(ctx, dashed, dashed_now)?;
    ctx.set_stroke_style_str(&css(color));
    ctx.set_line_width(f64::from(line));
    ctx.begin_path();
    for item in items {
        if let Item::Rect { x, y, w, h, .. } = item {
            ctx.rect(f64::from(*x), f64::from(*y), f64::from(*w), f64::from(*h));
        }
    }
    ctx.stroke();
    Ok(())
}

/// Dashes the context's lines or not, when they are not so already.
fn set_dashed(
    ctx: &CanvasRenderingContext2d,
    dashed: bool,
    dashed_now: &mut bool,
) -> Result<(), JsValue> {
    if dashed != *dashed_now {
        let dash = js_sys::Array::new();
        if dashed {
            dash.push(&JsValue::from_f64(4.0));
            dash.push(&JsValue::from_f64(3.0));
        }
        ctx.set_line_dash(&dash)?;
        *dashed_now = dashed;
    }
    Ok(())
}

/// Where each heatmap's cells sit in one image: heatmaps side by side in shelves of at most
/// [`ATLAS_WIDTH`] pixels (one pixel per cell).
struct Atlas {
    width: u32,
    height: u32,
    rgba: Vec<u8>,
    /// The top-left corner of each heatmap, in the scene's order.
    places: Vec<(u32, u32)>,
}

/// The widest an atlas shelf grows before the next shelf starts.
const ATLAS_WIDTH: u32 = 2048;

impl Atlas {
    fn of(scene: &Scene) -> Self {
        let sizes: Vec<(u32, u32, &[u8])> = scene
            .items
            .iter()
            .filter_map(|item| match item {
                Item::Heatmap {
                    rows, cols, rgba, ..
                } => Some((*cols as u32, *rows as u32, rgba.as_slice())),
                _ => None,
            })
            .collect();
        // Shelves: left to right, a new shelf below when the next would pass the width.
        let (mut x, mut y, mut shelf, mut width) = (0u32, 0u32, 0u32, 0u32);
        let mut places = Vec::with_capacity(sizes.len());
        for &(w, h, _) in &sizes {
            if x > 0 && x + w > ATLAS_WIDTH {
                (x, y, shelf) = (0, y + shelf, 0);
            }
            places.push((x, y));
            (x, shelf, width) = (x + w, shelf.max(h), width.max(x + w));
        }
        let height = y + shelf;
        let mut rgba = vec![0u8; (width * height * 4) as usize];
        for (&(w, h, px), &(x0, y0)) in sizes.iter().zip(&places) {
            for row in 0..h {
                let from = (row * w * 4) as usize;
                let to = (((y0 + row) * width + x0) * 4) as usize;
                if let (Some(src), Some(dst)) = (
                    px.get(from..from + (w * 4) as usize),
                    rgba.get_mut(to..to + (w * 4) as usize),
                ) {
                    dst.copy_from_slice(src);
                }
            }
        }
        Self {
            width,
            height,
            rgba,
            places,
        }
    }
}

/// Draws one item of a scene; a heatmap is drawn from its place `from` in the atlas on `scratch`.
/// `dashed` is whether the context's lines are dashed now (kept up to date).
fn draw_item(
    ctx: &CanvasRenderingContext2d,
    (scratch, from): (&HtmlCanvasElement, Option<(u32, u32)>),
    item: &Item,
    dashed_now: &mut bool,
) -> Result<(), JsValue> {
    // Grid lines are solid, outlines as they say.
    let want_dashed = matches!(item, Item::Rect { dashed: true, .. });
    let strokes = matches!(
        item,
        Item::GridLines { .. }
            | Item::Rect {
                stroke: Some(_),
                ..
            }
    );
    if strokes {
        set_dashed(ctx, want_dashed, dashed_now)?;
    }
    match item {
        Item::Heatmap {
            x,
            y,
            cell,
            rows,
            cols,
            ..
        } => {
            let (sx, sy) = from.unwrap_or((0, 0));
            ctx.draw_image_with_html_canvas_element_and_sw_and_sh_and_dx_and_dy_and_dw_and_dh(
                scratch,
                f64::from(sx),
                f64::from(sy),
                *cols as f64,
                *rows as f64,
                f64::from(*x),
                f64::from(*y),
                f64::from(*cell) * *cols as f64,
                f64::from(*cell) * *rows as f64,
            )?;
        }
        Item::GridLines {
            x,
            y,
            cell,
            rows,
            cols,
            color,
        } => {
            ctx.begin_path();
            let (x, y, cell) = (f64::from(*x), f64::from(*y), f64::from(*cell));
            for r in 1..*rows {
                ctx.move_to(x, y + r as f64 * cell);
                ctx.line_to(x + *cols as f64 * cell, y + r as f64 * cell);
            }
            for c in 1..*cols {
                ctx.move_to(x + c as f64 * cell, y);
                ctx.line_to(x + c as f64 * cell, y + *rows as f64 * cell);
            }
            ctx.set_stroke_style_str(&css(*color));
            ctx.set_line_width(1.0);
            ctx.stroke();
        }
        Item::Rect {
            x,
            y,
            w,
            h,
            fill,
            stroke,
            line,
            ..
        } => {
            let (x, y, w, h) = (f64::from(*x), f64::from(*y), f64::from(*w), f64::from(*h));
            if let Some(f) = fill {
                ctx.set_fill_style_str(&css(*f));
                ctx.fill_rect(x, y, w, h);
            }
            if let Some(s) = stroke {
                ctx.set_stroke_style_str(&css(*s));
                ctx.set_line_width(f64::from(*line));
                ctx.stroke_rect(x, y, w, h);
            }
        }
        Item::Text {
            x,
            y,
            text,
            size,
            color,
            align,
            bold,
            fit,
        } => {
            ctx.set_font(&format!(
                "{}{size}px {FONT_STACK}",
                if *bold { "600 " } else { "" }
            ));
            ctx.set_text_align(match align {
                Align::Left => "left",
                Align::Center => "center",
            });
            ctx.set_text_baseline("middle");
            ctx.set_fill_style_str(&css(*color));
            match fit {
                Some(w) => {
                    ctx.fill_text_with_max_width(text, f64::from(*x), f64::from(*y), f64::from(*w))?
                }
                None => ctx.fill_text(text, f64::from(*x), f64::from(*y))?,
            }
        }
    }
    Ok(())
}
