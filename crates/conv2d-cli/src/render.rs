//! `conv2d render`: the figure through the same scene as the web page, written as SVG (the scene's
//! SVG backend), PNG (that SVG rasterised by resvg) or an animated GIF (the figure crate's frame
//! loop, `GifJob`, with that SVG rasterised by resvg as its rasteriser), or with `--python` as the
//! page's "Check it in PyTorch" script (`crate::python`).

use conv2d_core::data::{self, InputData, KernelData};
use conv2d_core::transpose::forward::forward as transpose_forward;
use conv2d_core::transpose::receptive::overlap;
use conv2d_core::{forward, AnyLayer, Layer, Tensor, TransposeLayer};
use conv2d_figure::anim::{scene_at, Frame, GifJob, Walk};
use conv2d_figure::scatter;
use conv2d_figure::scene::{Transposing, Words};
use conv2d_figure::svg::to_svg;
use conv2d_figure::{Figure, Highlight, Layout, Scene};
use resvg::{tiny_skia, usvg};

use crate::{python, RenderArgs};

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
    let mut job = GifJob::new(Walk::of(fig), a.delay);
    while !job.is_complete() {
        job.next_frame(fig, layout, |scene| frame(scene, a.scale, &opt))?;
    }
    let (w, h) = job.size().unwrap_or_default();
    let what = format!("{w}×{h} GIF, {} frames", job.progress().1);
    Ok((job.finish()?, what))
}

/// The data of a figure: the layer drawn, input, kernels, bias, output, and for a transposed
/// layer the layer itself and its overlap map.
struct Data {
    layer: Layer,
    input: Tensor,
    weight: Tensor,
    bias: Option<Vec<f32>>,
    output: Vec<f32>,
    transposed: Option<(TransposeLayer, Vec<u32>)>,
    /// A ConvTranspose2d's input and weight in PyTorch's layout (the weight `(in, out/groups, kH,
    /// kW)`), before `scatter::drawn` turns them into what the figure draws; `None` for a Conv2d,
    /// whose drawn input and weight are PyTorch's.
    pytorch: Option<(Tensor, Tensor)>,
}

impl Data {
    /// The input and weight as PyTorch's layer takes them (what the script sets).
    fn pytorch_data(&self) -> (&Tensor, &Tensor) {
        match &self.pytorch {
            Some((input, weight)) => (input, weight),
            None => (&self.input, &self.weight),
        }
    }
}

/// The input, the weight `(out, in/groups, kH, kW)` and the bias for `layer`'s shapes.
fn filled(layer: &Layer, a: &RenderArgs) -> Result<(Tensor, Tensor, Option<Vec<f32>>), String> {
    let input_data =
        InputData::from_name(&a.data).ok_or_else(|| format!("unknown --data {:?}", a.data))?;
    let kernel = KernelData::from_name(&a.weights)
        .ok_or_else(|| format!("unknown --weights {:?}", a.weights))?;
    let input = data::input(layer, input_data, a.seed);
    let (weight, bias) = data::weights(layer, kernel, a.seed).map_err(|e| e.to_string())?;
    Ok((input, weight, bias))
}

/// The figure's data for `layer` (checked from `a`), of either kind (as the page builds it).
fn data_of(a: &RenderArgs, layer: AnyLayer) -> Result<Data, String> {
    match layer {
        AnyLayer::Conv2d(layer) => {
            let (input, weight, bias) = filled(&layer, a)?;
            let output = forward::forward(&layer, &input, &weight, bias.as_deref()).data;
            Ok(Data {
                layer,
                input,
                weight,
                bias,
                output,
                transposed: None,
                pytorch: None,
            })
        }
        AnyLayer::ConvTranspose2d(t) => {
            let (input, shown, bias) = filled(&scatter::shown_layer(&t), a)?;
            let raw = scatter::raw_weight(&t, &shown);
            let output = transpose_forward(&t, &input, &raw, bias.as_deref()).data;
            let (layer, drawn, weight) = scatter::drawn(&t, a.view == "scatter", &input, &shown);
            Ok(Data {
                layer,
                input: drawn,
                weight,
                bias,
                output,
                transposed: Some((t, overlap(&t))),
                pytorch: Some((input, raw)),
            })
        }
    }
}

/// Renders the figure as `a` says; returns a one-line summary.
pub fn render(a: &RenderArgs) -> Result<String, String> {
    if a.view != "scatter" && a.view != "conv" {
        return Err(format!("unknown --view {:?} (scatter or conv)", a.view));
    }
    let ext = a
        .output
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    python::check_extension(&a.output, &ext, a.python)?;
    let (config, layer) = a.layer.checked()?;
    let d = data_of(a, layer)?;
    if a.python {
        let (input, weight) = d.pytorch_data();
        let shape = layer.output_shape();
        return python::write(
            &a.output,
            &config.layer,
            (input, weight, d.bias.as_deref()),
            (&d.output, &shape),
        );
    }
    let layout = Layout::new(&d.layer, a.width);
    // The data; each step sets its own highlight and filled cells (`scene_at`, `GifJob`).
    let none = Highlight::default();
    let fig = Figure {
        transposed: d.transposed.as_ref().map(|(t, counts)| Transposing {
            layer: t,
            scatter: a.view == "scatter",
            overlap: a.overlap.then_some(counts.as_slice()),
        }),
        layer: &d.layer,
        input: &d.input,
        weight: &d.weight,
        bias: d.bias.as_deref(),
        output: &d.output,
        highlight: &none,
        filled: 0,
        words: &Words::EN,
    };
    let last = Walk::of(&fig).cells();
    let step = a.step.unwrap_or(last).min(last);
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
            "{}: the output must end in .svg, .png or .gif (or .py with --python)",
            a.output.display()
        )),
    }
}
