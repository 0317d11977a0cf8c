//! `conv2d render`: the figure through the same scene as the web page, written as SVG (the scene's
//! SVG backend), PNG (that SVG rasterised by resvg) or an animated GIF (one rasterised frame per
//! animation step, encoded by the figure crate's GIF writer).

use conv2d_core::data::{self, InputData, KernelData};
use conv2d_core::forward;
use conv2d_figure::anim::{focus_at, steps, GifWriter};
use conv2d_figure::svg::to_svg;
use conv2d_figure::{Figure, Highlight, Layout};
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
    let scene_at = |step: usize| {
        let highlight = Highlight::of(&layer, focus_at(&layer, step));
        let fig = Figure {
            layer: &layer,
            input: &input,
            weight: &weight,
            bias: bias.as_deref(),
            output: &output.data,
            highlight: &highlight,
            filled: step.min(output.data.len()),
            words: &conv2d_figure::scene::Words::EN,
        };
        fig.scene(&layout)
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
            write(to_svg(&scene_at(step), 1.0, false).as_bytes())?;
            Ok(format!("wrote {} (SVG, step {step})", a.output.display()))
        }
        "png" => {
            let pixmap = rasterise(
                &to_svg(&scene_at(step), 1.0, false),
                a.scale,
                &font_options(),
            )?;
            write(&pixmap.encode_png().map_err(|e| e.to_string())?)?;
            Ok(format!(
                "wrote {} ({}×{} PNG, step {step})",
                a.output.display(),
                pixmap.width(),
                pixmap.height()
            ))
        }
        "gif" => {
            let opt = font_options();
            let mut writer: Option<GifWriter> = None;
            let (mut w, mut h) = (0, 0);
            for s in 0..=last {
                let pixmap = rasterise(&to_svg(&scene_at(s), 1.0, false), a.scale, &opt)?;
                (w, h) = (pixmap.width(), pixmap.height());
                let gw = u16::try_from(w).map_err(|_| "figure too wide for a GIF")?;
                let gh = u16::try_from(h).map_err(|_| "figure too tall for a GIF")?;
                let writer = match &mut writer {
                    Some(wr) => wr,
                    None => writer.insert(GifWriter::new(gw, gh, a.delay)?),
                };
                // The pixmap is opaque (white background), so premultiplied RGBA is plain RGBA.
                writer.add_rgba(&mut pixmap.take())?;
            }
            let bytes = writer.ok_or("no frames")?.finish()?;
            write(&bytes)?;
            Ok(format!(
                "wrote {} ({w}×{h} GIF, {} frames)",
                a.output.display(),
                last + 1
            ))
        }
        _ => Err(format!(
            "{}: the output must end in .svg, .png or .gif",
            a.output.display()
        )),
    }
}
