//! `conv2d render`: the figure through the same scene as the web page, written as SVG (the scene's
//! SVG backend), PNG (that SVG rasterised by resvg) or an animated GIF (the figure crate's frame
//! loop, `GifJob`, with that SVG rasterised by resvg as its rasteriser).

use conv2d_core::data::{self, InputData, KernelData};
use conv2d_core::forward;
use conv2d_figure::anim::{scene_at, steps, Frame, GifJob};
use conv2d_figure::scene::Words;
use conv2d_figure::svg::to_svg;
use conv2d_figure::{Figure, Highlight, Layout, Scene};
use resvg::{tiny_skia, usvg};

use crate::RenderArgs;

/// Rasterises an SVG document at `scale`.
fn rasterise(svg: &str, scale: f32, opt: &usvg::Options) -> Result<tiny_skia::Pixmap, String> {
    let tree = usvg::Tree::from_str(svg, opt).map_err(|e| e.to_string())?;
    let size = tree
        .size()
        .to_int_size()
        .scale_by(scale)
        .ok_or("figure too small to draw")?;
    let mut pixmap =
        tiny_skia::Pixmap::new(size.width(), size.height()).ok_or("figure too large to draw")?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    Ok(pixmap)
}

fn font_options() -> usvg::Options<'static> {
    let mut opt = usvg::Options::default();
    let db = opt.fontdb_mut();
    db.load_system_fonts();
    for family in ["DejaVu Sans", "Noto Sans", "Liberation Sans", "Arial"] {
        if db
            .faces()
            .any(|f| f.families.iter().any(|(n, _)| n == family))
        {
            db.set_sans_serif_family(family);
            break;
        }
    }
    opt
}

/// The scene rasterised at `scale` as a GIF frame: (width, height, RGBA).
fn frame(scene: &Scene, scale: f32, opt: &usvg::Options) -> Result<Frame, String> {
    let pixmap = rasterise(&to_svg(scene, 1.0, false), scale, opt)?;
    // The pixmap is opaque (white background), so premultiplied RGBA is plain RGBA.
    Ok((pixmap.width(), pixmap.height(), pixmap.take()))
}

/// The animated GIF of `fig`: every step through the figure crate's frame loop, each frame the
/// step's SVG rasterised at `a.scale`. Returns the file and what it is ("800×600 GIF, 19 frames").
fn gif(fig: &Figure<'_>, layout: &Layout, a: &RenderArgs) -> Result<(Vec<u8>, String), String> {
    let opt = font_options();
    let mut job = GifJob::new(fig.layer, a.delay);
    while !job.is_complete() {
        job.next_frame(fig, layout, |scene| frame(scene, a.scale, &opt))?;
    }
    let (w, h) = job.size().unwrap_or_default();
    let what = format!("{w}×{h} GIF, {} frames", job.progress().1);
    Ok((job.finish()?, what))
}

/// Renders the figure as `a` says; returns a one-line summary.
pub fn render(a: &RenderArgs) -> Result<String, String> {
    let layer = a.layer.layer()?;
    let input_data =
        InputData::from_name(&a.data).ok_or_else(|| format!("unknown --data {:?}", a.data))?;
    let kernel = KernelData::from_name(&a.weights)
        .ok_or_else(|| format!("unknown --weights {:?}", a.weights))?;
    let input = data::input(&layer, input_data, a.seed);
    let (weight, bias) = data::weights(&layer, kernel, a.seed).map_err(|e| e.to_string())?;
    let output = forward::forward(&layer, &input, &weight, bias.as_deref());
    let layout = Layout::new(&layer, a.width);
    // The data; each step sets its own highlight and filled cells (`scene_at`, `GifJob`).
    let none = Highlight::default();
    let fig = Figure {
        scatter: None,
        layer: &layer,
        input: &input,
        weight: &weight,
        bias: bias.as_deref(),
        output: &output.data,
        highlight: &none,
        filled: 0,
        words: &Words::EN,
    };
    let last = steps(&layer) - 1;
    let step = a.step.unwrap_or(last).min(last);
    let ext = a
        .output
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let write = |bytes: &[u8]| {
        std::fs::write(&a.output, bytes).map_err(|e| format!("{}: {e}", a.output.display()))
    };
    match ext.as_str() {
        "svg" => {
            write(to_svg(&scene_at(&fig, &layout, step), 1.0, false).as_bytes())?;
            Ok(format!("wrote {} (SVG, step {step})", a.output.display()))
        }
        "png" => {
            let svg = to_svg(&scene_at(&fig, &layout, step), 1.0, false);
            let pixmap = rasterise(&svg, a.scale, &font_options())?;
            write(&pixmap.encode_png().map_err(|e| e.to_string())?)?;
            Ok(format!(
                "wrote {} ({}×{} PNG, step {step})",
                a.output.display(),
                pixmap.width(),
                pixmap.height()
            ))
        }
        "gif" => {
            let (bytes, what) = gif(&fig, &layout, a)?;
            write(&bytes)?;
            Ok(format!("wrote {} ({what})", a.output.display()))
        }
        _ => Err(format!(
            "{}: the output must end in .svg, .png or .gif",
            a.output.display()
        )),
    }
}
