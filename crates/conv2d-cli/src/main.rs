//! `conv2d`: PyTorch's `nn.Conv2d` and `nn.ConvTranspose2d` on the command line, over the same core
//! as the web app.
//!
//! - `conv2d eval`: JSON Lines cases on stdin (`"op"`: `"conv2d"` or `"conv_transpose2d"`), one
//!   JSON result per line on stdout.
//! - `conv2d shape`: shapes, parameters, MACs, receptive field and the output-size formula
//!   (`--op conv_transpose2d --output-padding H,W` for the transposed layer).
//! - `conv2d bench`: times the forward pass on seeded data (single thread) and prints GFLOP/s.
//! - `conv2d render`: the web page's figure as SVG, PNG or an animated GIF, or with `--python` the
//!   page's "Check it in PyTorch" script.

use std::io::{self, BufRead, Write};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::{Args, Parser, Subcommand};
use conv2d_core::data::{self, InputData, KernelData};
use conv2d_core::eval::{Case, Outcome};
use conv2d_core::transpose::{self, TransposeLayer};
use conv2d_core::{
    forward, validate, AnyLayer, Config, Conv2dSpec, ConvTranspose2dSpec, LayerKind, LayerSpec,
    PaddingArg, Pair, Tensor,
};

mod python;
mod render;
mod stack_eval;
mod summary;

#[derive(Parser)]
#[command(
    name = "conv2d",
    version,
    about = "PyTorch's nn.Conv2d, exactly: shapes, outputs, costs"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read JSON Lines cases on stdin, write one JSON line per case (exit 1 if any was rejected,
    /// 2 on input that is not JSON).
    Eval,
    /// Print output shape, weight shape, parameters, MACs, receptive field and the size formula.
    Shape(LayerArgs),
    /// Time the forward pass on seeded data and print the median time and GFLOP/s.
    Bench(BenchArgs),
    /// Draw the figure (the web page's renderer) to an SVG, PNG or animated GIF file, or with
    /// --python write the page's PyTorch script that checks it (a .py file).
    Render(RenderArgs),
    /// Print a stack's table: each layer's output shape, parameters, MACs and receptive field
    /// (size, jump and start in input pixels), from `nn.Sequential` text as PyTorch code writes it.
    Summary(SummaryArgs),
}

#[derive(Args)]
struct SummaryArgs {
    /// The layers: `Conv2d(3, 64, 7, stride=2, padding=3), ReLU(), MaxPool2d(3, 2, 1)` or a whole
    /// `nn.Sequential(...)` (the `nn.` prefix, keywords, tuples, comments and line breaks welcome).
    #[arg(long)]
    layers: String,
    /// The input (C,H,W); the stack runs on a batch of one.
    #[arg(long, value_parser = parse_input)]
    input: [i64; 3],
}

/// A pair argument from the command line: `3` or `3,5` (signed, so PyTorch can reject it).
fn parse_pair(s: &str) -> Result<Pair, String> {
    let parts: Vec<&str> = s.split(',').map(str::trim).collect();
    let num = |p: &str| {
        p.parse::<i64>()
            .map_err(|_| format!("'{p}' is not an integer"))
    };
    match parts.as_slice() {
        [a] => Ok(Pair::square(num(a)?)),
        [a, b] => Ok(Pair::new(num(a)?, num(b)?)),
        _ => Err("expected N or H,W".into()),
    }
}

fn parse_padding(s: &str) -> Result<PaddingArg, String> {
    match parse_pair(s) {
        Ok(p) => Ok(PaddingArg::Explicit(p)),
        Err(_) if s.parse::<f64>().is_err() && !s.contains(',') => {
            Ok(PaddingArg::Named(s.to_string()))
        }
        Err(e) => Err(e),
    }
}

fn parse_op(s: &str) -> Result<LayerKind, String> {
    LayerKind::from_name(s).ok_or_else(|| "expected conv2d or conv_transpose2d".into())
}

fn parse_input(s: &str) -> Result<[i64; 3], String> {
    let v: Result<Vec<i64>, _> = s.split(',').map(|p| p.trim().parse::<i64>()).collect();
    match v {
        Ok(v) if v.len() == 3 => Ok([v[0], v[1], v[2]]),
        _ => Err("expected C,H,W (three integers)".into()),
    }
}

#[derive(Args, Clone)]
struct LayerArgs {
    /// The layer: conv2d or conv_transpose2d.
    #[arg(long, value_parser = parse_op, default_value = "conv2d")]
    op: LayerKind,
    /// Input shape C,H,W; C is in_channels.
    #[arg(long, value_parser = parse_input, allow_hyphen_values = true)]
    input: [i64; 3],
    /// out_channels.
    #[arg(long, allow_hyphen_values = true)]
    out_channels: i64,
    /// kernel_size: N or H,W.
    #[arg(short = 'k', long, value_parser = parse_pair, allow_hyphen_values = true)]
    kernel_size: Pair,
    /// stride: N or H,W.
    #[arg(short = 's', long, value_parser = parse_pair, default_value = "1", allow_hyphen_values = true)]
    stride: Pair,
    /// padding: N, H,W, same or valid.
    #[arg(short = 'p', long, value_parser = parse_padding, default_value = "0", allow_hyphen_values = true)]
    padding: PaddingArg,
    /// dilation: N or H,W.
    #[arg(short = 'd', long, value_parser = parse_pair, default_value = "1", allow_hyphen_values = true)]
    dilation: Pair,
    /// groups.
    #[arg(short = 'g', long, default_value_t = 1, allow_hyphen_values = true)]
    groups: i64,
    /// bias: true or false.
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set)]
    bias: bool,
    /// padding_mode: zeros, reflect, replicate or circular (ConvTranspose2d: zeros only).
    #[arg(long, default_value = "zeros")]
    padding_mode: String,
    /// output_padding (conv_transpose2d only): N or H,W.
    #[arg(long, value_parser = parse_pair, allow_hyphen_values = true)]
    output_padding: Option<Pair>,
}

impl LayerArgs {
    fn spec(&self) -> Conv2dSpec {
        Conv2dSpec {
            in_channels: self.input[0],
            out_channels: self.out_channels,
            kernel_size: self.kernel_size,
            stride: self.stride,
            padding: self.padding.clone(),
            dilation: self.dilation,
            groups: self.groups,
            bias: self.bias,
            padding_mode: self.padding_mode.clone(),
        }
    }

    /// The layer of `--op`'s kind, as the page holds it.
    fn config(&self) -> Result<Config, String> {
        let layer = match self.op {
            LayerKind::Conv2d => {
                if self.output_padding.is_some() {
                    return Err(
                        "Conv2d.__init__() got an unexpected keyword argument 'output_padding' \
                         (use --op conv_transpose2d)"
                            .into(),
                    );
                }
                LayerSpec::Conv2d(self.spec())
            }
            LayerKind::ConvTranspose2d => {
                let s = self.spec();
                LayerSpec::ConvTranspose2d(ConvTranspose2dSpec {
                    in_channels: s.in_channels,
                    out_channels: s.out_channels,
                    kernel_size: s.kernel_size,
                    stride: s.stride,
                    padding: s.padding,
                    output_padding: self.output_padding.unwrap_or(Pair::square(0)),
                    groups: s.groups,
                    bias: s.bias,
                    dilation: s.dilation,
                    padding_mode: s.padding_mode,
                })
            }
        };
        Ok(Config {
            layer,
            height: self.input[1],
            width: self.input[2],
        })
    }

    /// PyTorch's checks on the layer of `--op`'s kind and the input `--input` (whose channels may
    /// differ from the layer's, for PyTorch's sentence).
    fn checked(&self) -> Result<(Config, AnyLayer), String> {
        let config = self.config()?;
        let checked = match &config.layer {
            LayerSpec::Conv2d(s) => validate(s, self.input).map(AnyLayer::Conv2d),
            LayerSpec::ConvTranspose2d(s) => {
                transpose::validate_transpose(s, self.input).map(AnyLayer::ConvTranspose2d)
            }
        };
        checked.map(|l| (config, l)).map_err(|e| e.message)
    }
}

#[derive(Args)]
struct BenchArgs {
    #[command(flatten)]
    layer: LayerArgs,
    /// Seed of the data.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Seconds of timed repeats (after warm-up).
    #[arg(long, default_value_t = 1.0)]
    seconds: f64,
    /// conv_transpose2d only: how to compute it: auto (what the product picks), gemm (GEMM +
    /// col2im) or conv (the equivalent convolution on the input upsampled with zeros).
    #[arg(long, default_value = "auto", value_parser = ["auto", "gemm", "conv"])]
    path: String,
}

impl BenchArgs {
    /// The way `--path` says to compute a transposed layer.
    fn transpose_path(&self, layer: &TransposeLayer) -> transpose::forward::Path {
        match self.path.as_str() {
            "gemm" => transpose::forward::Path::Gemm,
            "conv" => transpose::forward::Path::Conv,
            _ => transpose::forward::Path::for_layer(layer),
        }
    }
}

#[derive(Args)]
struct RenderArgs {
    #[command(flatten)]
    layer: LayerArgs,
    /// Input data: seeded, ones, digit, edge or checkerboard.
    #[arg(long, default_value = "seeded")]
    data: String,
    /// Weights: seeded, identity, box_blur, gaussian, sobel_x, sobel_y, sharpen, laplacian or emboss.
    #[arg(long, default_value = "seeded")]
    weights: String,
    /// Seed of the seeded data.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Animation step to draw (PNG/SVG): output cells 0..step filled, the kernel on cell `step`
    /// (a ConvTranspose2d read as a scatter: input cells 0..step painted). Default: the finished
    /// output.
    #[arg(long)]
    step: Option<usize>,
    /// Figure width in CSS pixels.
    #[arg(long, default_value_t = 800.0)]
    width: f32,
    /// Pixels per CSS pixel (PNG, GIF).
    #[arg(long, default_value_t = 2.0)]
    scale: f32,
    /// GIF frame time in hundredths of a second.
    #[arg(long, default_value_t = 50)]
    delay: u16,
    /// How a ConvTranspose2d is drawn: scatter (each input cell paints its window) or conv (the
    /// equivalent convolution).
    #[arg(long, default_value = "scatter")]
    view: String,
    /// A ConvTranspose2d's output shows the overlap map (kernel taps per cell).
    #[arg(long)]
    overlap: bool,
    /// Write the page's "Check it in PyTorch" script instead of a picture: a self-contained Python
    /// file that builds this layer, sets its weight and bias to the figure's values (PyTorch's
    /// layout, also for a ConvTranspose2d), runs the input and asserts the output (within 1e-4),
    /// printing OK. `-o` must then end in .py; without --python a .py output is refused. The
    /// drawing flags (--step, --width, --scale, --delay, --view, --overlap) do not change it.
    #[arg(long)]
    python: bool,
    /// Output file: .svg, .png or .gif; .py with --python (and only with it).
    #[arg(short = 'o', long)]
    output: std::path::PathBuf,
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Eval => eval(),
        Command::Shape(a) => shape(&a),
        Command::Bench(a) => bench(&a),
        Command::Summary(a) => match summary::summary(&a.layers, a.input) {
            Ok((table, rejected)) => {
                print!("{table}");
                match rejected {
                    Some(why) => {
                        eprintln!("error: {why}");
                        ExitCode::from(1)
                    }
                    None => ExitCode::SUCCESS,
                }
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(1)
            }
        },
        Command::Render(a) => match render::render(&a) {
            Ok(msg) => {
                println!("{msg}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(1)
            }
        },
    }
}

fn eval() -> ExitCode {
    let stdin = io::stdin();
    let mut out = io::stdout().lock();
    let mut rejected = false;
    for (n, line) in stdin.lock().lines().enumerate() {
        let line = match line {
            Ok(l) => l,
            Err(e) => {
                eprintln!("conv2d eval: cannot read line {}: {e}", n + 1);
                return ExitCode::from(2);
            }
        };
        if line.trim().is_empty() {
            continue;
        }
        let outcome = match serde_json::from_str::<serde_json::Value>(&line) {
            Err(e) => {
                let _ = out.flush();
                eprintln!("conv2d eval: line {} is not JSON: {e}", n + 1);
                return ExitCode::from(2);
            }
            // A stack of layers: its own answer.
            Ok(v) if v.get("layers").is_some() => {
                let (answer, bad) = stack_eval::run(&v);
                rejected |= bad;
                if writeln!(out, "{answer}").is_err() {
                    return ExitCode::from(2);
                }
                continue;
            }
            Ok(v) => match serde_json::from_value::<Case>(v) {
                Ok(case) => case.run(),
                Err(e) => Outcome::Error {
                    error: format!("invalid case: {e}"),
                },
            },
        };
        rejected |= matches!(outcome, Outcome::Error { .. });
        let Ok(json) = serde_json::to_string(&outcome) else {
            eprintln!("conv2d eval: cannot write the answer to line {}", n + 1);
            return ExitCode::from(2);
        };
        if writeln!(out, "{json}").is_err() {
            return ExitCode::from(2);
        }
    }
    let _ = out.flush();
    if rejected {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn shape(a: &LayerArgs) -> ExitCode {
    let (config, layer) = match a.checked() {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    let cost = layer.cost();
    let shape = conv2d_core::format::shape::<usize>;
    println!("{}", config.layer.python());
    println!("input shape:     {}", shape(&layer.input_shape()));
    println!("output shape:    {}", shape(&layer.output_shape()));
    println!("weight shape:    {}", shape(&layer.weight_shape()));
    match layer.bias_shape() {
        Some(b) => println!("bias shape:      {}", shape(&b)),
        None => println!("bias shape:      none"),
    }
    println!("parameters:      {}", layer.params_formula());
    println!("MACs:            {}", cost.macs);
    println!(
        "receptive field: {} x {}",
        cost.receptive_field[0], cost.receptive_field[1]
    );
    println!("{}", layer.output_formula(0));
    println!("{}", layer.output_formula(1));
    ExitCode::SUCCESS
}

/// Seeded data for a transposed layer: integers in [-3, 3] for the input, [-2, 2] for the weight
/// and bias.
fn transpose_data(layer: &TransposeLayer, seed: u64) -> (Tensor, Tensor, Option<Vec<f32>>) {
    let tensor = |shape: &[usize], salt, lo, hi| Tensor {
        shape: shape.to_vec(),
        data: data::seeded_ints(seed, salt, shape.iter().product(), lo, hi),
    };
    (
        tensor(&layer.input_shape(), 1, -3, 3),
        tensor(&layer.weight_shape(), 2, -2, 2),
        layer
            .bias
            .then(|| data::seeded_ints(seed, 3, layer.out_channels, -2, 2)),
    )
}

fn bench(a: &BenchArgs) -> ExitCode {
    let (config, layer) = match a.layer.checked() {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    let mut run: Box<dyn FnMut() -> f32> = match layer {
        AnyLayer::Conv2d(layer) => {
            let input = data::input(&layer, InputData::Seeded, a.seed);
            let Ok((weight, bias)) = data::weights(&layer, KernelData::Seeded, a.seed) else {
                eprintln!("error: no seeded weights for this layer");
                return ExitCode::from(1);
            };
            let mut ws = forward::Workspace::new();
            Box::new(move || {
                forward::forward_with(&layer, &input, &weight, bias.as_deref(), &mut ws)[0]
            })
        }
        AnyLayer::ConvTranspose2d(t) => {
            let (input, weight, bias) = transpose_data(&t, a.seed);
            let mut ws = transpose::forward::Workspace::new();
            let path = a.transpose_path(&t);
            Box::new(move || {
                transpose::forward::forward_with_path(
                    &t,
                    &input,
                    &weight,
                    bias.as_deref(),
                    path,
                    &mut ws,
                )[0]
            })
        }
    };
    let warm_until = Instant::now() + Duration::from_millis(200);
    while Instant::now() < warm_until {
        std::hint::black_box(run());
    }
    let budget = Duration::from_secs_f64(a.seconds.max(0.01));
    let start = Instant::now();
    let mut times = Vec::new();
    while start.elapsed() < budget || times.len() < 3 {
        let t = Instant::now();
        std::hint::black_box(run());
        times.push(t.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    let flops = layer.cost().flops() as f64;
    let path = match layer {
        AnyLayer::Conv2d(_) => "",
        AnyLayer::ConvTranspose2d(t) => match a.transpose_path(&t) {
            transpose::forward::Path::Gemm => "  (GEMM + col2im)",
            transpose::forward::Path::Conv => "  (as the equivalent convolution)",
        },
    };
    println!(
        "{}  input {}{path}",
        config.layer.python(),
        conv2d_core::format::shape(&layer.input_shape()),
    );
    println!(
        "repeats: {}, median: {:.3} ms, min: {:.3} ms",
        times.len(),
        median * 1e3,
        times[0] * 1e3
    );
    println!("{:.2} GFLOP/s", flops / median / 1e9);
    ExitCode::SUCCESS
}
