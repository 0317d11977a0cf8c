//! `conv2d`: PyTorch's `nn.Conv2d` on the command line, over the same core as the web app.
//!
//! - `conv2d eval`: JSON Lines cases on stdin, one JSON result per line on stdout.
//! - `conv2d shape`: shapes, parameters, MACs, receptive field and the output-size formula.
//! - `conv2d bench`: times the forward pass on seeded data (single thread) and prints GFLOP/s.

use std::io::{self, BufRead, Write};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::{Args, Parser, Subcommand};
use conv2d_core::cost::{output_formula, params_formula, Cost};
use conv2d_core::data::{self, InputData};
use conv2d_core::eval::{Case, Outcome};
use conv2d_core::{forward, validate, Conv2dSpec, Layer, PaddingArg, Pair};

mod render;

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
    /// Draw the figure (the web page's renderer) to an SVG, PNG or animated GIF file.
    Render(RenderArgs),
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

fn parse_input(s: &str) -> Result<[i64; 3], String> {
    let v: Result<Vec<i64>, _> = s.split(',').map(|p| p.trim().parse::<i64>()).collect();
    match v {
        Ok(v) if v.len() == 3 => Ok([v[0], v[1], v[2]]),
        _ => Err("expected C,H,W (three integers)".into()),
    }
}

#[derive(Args, Clone)]
struct LayerArgs {
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
    /// padding_mode: zeros, reflect, replicate or circular.
    #[arg(long, default_value = "zeros")]
    padding_mode: String,
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

    fn layer(&self) -> Result<Layer, String> {
        validate(&self.spec(), self.input).map_err(|e| e.message)
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
}

#[derive(Args)]
struct RenderArgs {
    #[command(flatten)]
    layer: LayerArgs,
    /// Input data: seeded, ones, digit, edge or checkerboard.
    #[arg(long, default_value = "seeded")]
    data: String,
    /// Weights: seeded, identity, box_blur, sobel_x, sobel_y, sharpen or laplacian.
    #[arg(long, default_value = "seeded")]
    weights: String,
    /// Seed of the seeded data.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Animation step to draw (PNG/SVG): output cells 0..step filled, the kernel on cell `step`.
    /// Default: the finished output.
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
    /// Output file; .svg, .png or .gif.
    #[arg(short = 'o', long)]
    output: std::path::PathBuf,
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Eval => eval(),
        Command::Shape(a) => shape(&a),
        Command::Bench(a) => bench(&a),
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
            Ok(v) => match serde_json::from_value::<Case>(v) {
                Ok(case) => case.run(),
                Err(e) => Outcome::Error {
                    error: format!("invalid case: {e}"),
                },
            },
        };
        rejected |= matches!(outcome, Outcome::Error { .. });
        let written = serde_json::to_string(&outcome)
            .map_err(|e| e.to_string())
            .and_then(|json| writeln!(out, "{json}").map_err(|e| e.to_string()));
        if let Err(e) = written {
            eprintln!("conv2d eval: cannot write line {}: {e}", n + 1);
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
    let layer = match a.layer() {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    let cost = Cost::of(&layer);
    println!("{}", a.spec().python());
    println!(
        "input shape:     {}",
        conv2d_core::format::shape(&layer.input_shape())
    );
    println!(
        "output shape:    {}",
        conv2d_core::format::shape(&layer.output_shape())
    );
    println!(
        "weight shape:    {}",
        conv2d_core::format::shape(&layer.weight_shape())
    );
    match layer.bias_shape() {
        Some(b) => println!("bias shape:      {}", conv2d_core::format::shape(&b)),
        None => println!("bias shape:      none"),
    }
    println!("parameters:      {}", params_formula(&layer));
    println!("MACs:            {}", cost.macs);
    println!(
        "receptive field: {} x {}",
        cost.receptive_field[0], cost.receptive_field[1]
    );
    println!("{}", output_formula(&layer, 0));
    println!("{}", output_formula(&layer, 1));
    ExitCode::SUCCESS
}

fn bench(a: &BenchArgs) -> ExitCode {
    let layer = match a.layer.layer() {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    let input = data::input(&layer, InputData::Seeded, a.seed);
    let (weight, bias) = data::seeded_weights(&layer, a.seed);
    let mut ws = forward::Workspace::new();
    let mut run = || forward::forward_with(&layer, &input, &weight, bias.as_deref(), &mut ws)[0];
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
    let flops = Cost::of(&layer).flops() as f64;
    println!(
        "{}  input {}",
        a.layer.spec().python(),
        conv2d_core::format::shape(&layer.input_shape())
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
