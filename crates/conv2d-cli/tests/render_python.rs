//! `conv2d render --python`: the web page's "Check it in PyTorch" script as a file, for a Conv2d and
//! a ConvTranspose2d. Without torch: the script's first line, its layer, and its tensors are the
//! seeded data the core makes (as the core's tests/script.rs builds them), and its input, weight and
//! bias through `conv2d eval` give its `shown` output. With torch (skipped, saying so, where `import
//! torch` fails): `python3 file.py` exits 0 and prints OK last.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic: that is its failure

mod common;

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use conv2d_core::data::{self, InputData, KernelData};
use conv2d_core::transpose::forward::forward as transpose_forward;
use conv2d_core::{
    forward, validate, validate_transpose, Conv2dSpec, ConvTranspose2dSpec, LayerSpec, PaddingArg,
    Pair, Tensor,
};
use conv2d_figure::scatter;
use serde_json::{json, Value};

/// Figure 1: nn.Conv2d(3, 2, kernel_size=3, stride=2, padding=1, dilation=2) on (3, 7, 7).
const FIG1: &str = "--input 3,7,7 --out-channels 2 -k 3 -p 1 -s 2 -d 2";
/// nn.ConvTranspose2d(2, 2, kernel_size=3, stride=2, padding=1, output_padding=1) on (2, 4, 4).
const TRANSPOSED: &str =
    "--op conv_transpose2d --input 2,4,4 --out-channels 2 -k 3 -s 2 -p 1 --output-padding 1";
/// A grouped ConvTranspose2d whose weight (2, 2, 3, 3) is not its kernels' (4, 1, 3, 3).
const GROUPED: &str = "--op conv_transpose2d --input 2,3,3 --out-channels 4 -g 2 -k 3 -s 2";

fn conv2d(line: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_conv2d"))
        .args(line.split_whitespace())
        .output()
        .unwrap()
}

/// A file in the temp directory named for this process and `name`.
fn temp(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("conv2d-python-{}-{name}", std::process::id()))
}

/// `conv2d render <layer> --python -o <temp name>`: the script, after checking the summary line.
fn render_script(layer: &str, name: &str) -> (PathBuf, String) {
    let path = temp(name);
    let out = conv2d(&format!("render {layer} --python -o {}", path.display()));
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let summary = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        summary.trim_end(),
        format!("wrote {} (PyTorch script)", path.display())
    );
    let text = std::fs::read_to_string(&path).unwrap();
    (path, text)
}

/// The tensor literal after `prefix` in the script: its values and its shape.
fn literal(script: &str, prefix: &str) -> (Vec<f32>, Vec<usize>) {
    let start = script
        .find(&format!("{prefix}torch.tensor(["))
        .unwrap_or_else(|| panic!("no {prefix:?} in the script"));
    let rest = &script[start + prefix.len() + "torch.tensor([".len()..];
    let (body, tail) = rest
        .split_once("], dtype=torch.float32).reshape([")
        .unwrap();
    let values = body
        .split(',')
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(|v| v.parse::<f32>().unwrap())
        .collect();
    let shape = tail[..tail.find(']').unwrap()]
        .split(',')
        .map(|d| d.trim().parse::<usize>().unwrap())
        .collect();
    (values, shape)
}

/// Flat row-major values nested as JSON arrays of `shape`.
fn nest(values: &[f32], shape: &[usize]) -> Value {
    match shape {
        [] | [_] => json!(values),
        [n, inner @ ..] => {
            let size = values.len() / n;
            Value::Array(values.chunks(size).map(|c| nest(c, inner)).collect())
        }
    }
}

/// What every script holds, whatever the layer.
fn check_frame(script: &str, spec: &LayerSpec) {
    assert_eq!(
        script.lines().next(),
        Some("# Conv2d Playground: this figure, checked by PyTorch. Run: python3 this_file.py")
    );
    assert!(script.contains(&format!("\nlayer = {}\n", spec.python())));
    assert!(script.contains("torch.testing.assert_close(y, shown, rtol=0, atol=1e-4)\n"));
    assert!(script.trim_end().ends_with("print(\"OK\")"));
}

/// The script's tensors are `input`, `weight`, `bias` and `output` (bit for bit, and shapes).
fn check_tensors(script: &str, input: &Tensor, weight: &Tensor, bias: &[f32], output: &Tensor) {
    assert_eq!(
        literal(script, "\nx = "),
        (input.data.clone(), input.shape.clone())
    );
    assert_eq!(
        literal(script, "layer.weight.copy_("),
        (weight.data.clone(), weight.shape.clone())
    );
    assert_eq!(
        literal(script, "layer.bias.copy_("),
        (bias.to_vec(), vec![bias.len()])
    );
    assert_eq!(
        literal(script, "\nshown = "),
        (output.data.clone(), output.shape.clone())
    );
}

/// The script's input, weight and bias as a `conv2d eval` case of `op` give its `shown` output.
fn check_against_eval(script: &str, case: Value) {
    let (x, x_shape) = literal(script, "\nx = ");
    let (w, w_shape) = literal(script, "layer.weight.copy_(");
    let (b, _) = literal(script, "layer.bias.copy_(");
    let (shown, shown_shape) = literal(script, "\nshown = ");
    let mut case = case;
    case["input"] = nest(&x, &x_shape);
    case["weight"] = nest(&w, &w_shape);
    case["bias"] = json!(b);
    let (answers, code) = common::eval(&format!("{case}\n"));
    assert_eq!(code, Some(0), "{answers:?}");
    assert_eq!(answers[0]["shape"], json!(shown_shape));
    assert!(
        common::close(&answers[0]["output"], &nest(&shown, &shown_shape)),
        "eval {} vs shown {shown:?}",
        answers[0]["output"]
    );
}

#[test]
fn render_python_conv2d_script_holds_the_seeded_data() {
    let (path, script) = render_script(FIG1, "fig1.py");
    let spec = Conv2dSpec::figure1();
    check_frame(&script, &LayerSpec::Conv2d(spec.clone()));
    assert!(script
        .contains("layer = nn.Conv2d(3, 2, kernel_size=3, stride=2, padding=1, dilation=2)\n"));
    // The seeded data as the core makes it (seed 0, the render default).
    let layer = validate(&spec, [3, 7, 7]).unwrap();
    let x = data::input(&layer, InputData::Seeded, 0);
    let (w, b) = data::weights(&layer, KernelData::Seeded, 0).unwrap();
    let y = forward::forward(&layer, &x, &w, b.as_deref());
    check_tensors(&script, &x, &w, &b.unwrap(), &y);
    check_against_eval(
        &script,
        json!({"op": "conv2d", "in_channels": 3, "out_channels": 2, "kernel_size": 3,
               "stride": 2, "padding": 1, "dilation": 2}),
    );
    std::fs::remove_file(path).unwrap();
}

/// The transposed layer `spec` on `input`: the seeded data as the page makes it (the figure's
/// kernels seeded, PyTorch's weight their `raw_weight`), and its output.
fn transposed_data(spec: &ConvTranspose2dSpec, input: [i64; 3]) -> [Tensor; 4] {
    let t = validate_transpose(spec, input).unwrap();
    let shown_layer = scatter::shown_layer(&t);
    let x = data::input(&shown_layer, InputData::Seeded, 0);
    let (kernels, b) = data::weights(&shown_layer, KernelData::Seeded, 0).unwrap();
    let w = scatter::raw_weight(&t, &kernels);
    let y = transpose_forward(&t, &x, &w, b.as_deref());
    let b = b.unwrap();
    let bias = Tensor {
        shape: vec![b.len()],
        data: b,
    };
    [x, w, bias, y]
}

#[test]
fn render_python_transposed_script_holds_pytorchs_layout() {
    let (path, script) = render_script(TRANSPOSED, "transposed.py");
    let spec = ConvTranspose2dSpec {
        stride: Pair::square(2),
        padding: PaddingArg::Explicit(Pair::square(1)),
        output_padding: Pair::square(1),
        ..ConvTranspose2dSpec::new(2, 2, Pair::square(3))
    };
    check_frame(&script, &LayerSpec::ConvTranspose2d(spec.clone()));
    assert!(script.contains(
        "layer = nn.ConvTranspose2d(2, 2, kernel_size=3, stride=2, padding=1, output_padding=1)\n"
    ));
    let [x, w, b, y] = transposed_data(&spec, [2, 4, 4]);
    assert_eq!(y.shape, [2, 8, 8]);
    check_tensors(&script, &x, &w, &b.data, &y);
    check_against_eval(
        &script,
        json!({"op": "conv_transpose2d", "in_channels": 2, "out_channels": 2, "kernel_size": 3,
               "stride": 2, "padding": 1, "output_padding": 1}),
    );
    std::fs::remove_file(path).unwrap();
}

#[test]
fn render_python_grouped_transposed_script_is_the_same_in_either_view() {
    let (scatter_path, script) = render_script(GROUPED, "grouped.py");
    let (conv_path, read_as_conv) = render_script(&format!("{GROUPED} --view conv"), "conv.py");
    assert_eq!(
        script, read_as_conv,
        "the view draws, it does not change the data"
    );
    let spec = ConvTranspose2dSpec {
        stride: Pair::square(2),
        groups: 2,
        ..ConvTranspose2dSpec::new(2, 4, Pair::square(3))
    };
    check_frame(&script, &LayerSpec::ConvTranspose2d(spec.clone()));
    let [x, w, b, y] = transposed_data(&spec, [2, 3, 3]);
    assert_eq!(w.shape, [2, 2, 3, 3], "PyTorch's (in, out/groups, kH, kW)");
    check_tensors(&script, &x, &w, &b.data, &y);
    check_against_eval(
        &script,
        json!({"op": "conv_transpose2d", "in_channels": 2, "out_channels": 4, "kernel_size": 3,
               "stride": 2, "groups": 2}),
    );
    std::fs::remove_file(scatter_path).unwrap();
    std::fs::remove_file(conv_path).unwrap();
}

fn torch_here() -> bool {
    Command::new("python3")
        .args(["-c", "import torch"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

#[test]
fn render_python_scripts_print_ok_under_pytorch() {
    let scripts = [
        render_script(FIG1, "run-fig1.py").0,
        render_script(TRANSPOSED, "run-transposed.py").0,
        render_script(GROUPED, "run-grouped.py").0,
    ];
    if torch_here() {
        for path in &scripts {
            let out = Command::new("python3").arg(path).output().unwrap();
            let stdout = String::from_utf8_lossy(&out.stdout);
            assert!(
                out.status.success(),
                "{}: {stdout}\n{}",
                path.display(),
                String::from_utf8_lossy(&out.stderr)
            );
            assert_eq!(stdout.lines().last(), Some("OK"), "{}", path.display());
        }
    } else {
        eprintln!(
            "skipped running the scripts: python3 cannot import torch here (pip install torch)"
        );
    }
    for path in scripts {
        std::fs::remove_file(path).unwrap();
    }
}

#[test]
fn render_python_refuses_a_wrong_extension() {
    // --python with a picture's extension, or none.
    for name in ["wrong.svg", "wrong.png", "wrong"] {
        let path = temp(name);
        let out = conv2d(&format!("render {FIG1} --python -o {}", path.display()));
        assert_eq!(out.status.code(), Some(1), "{name}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(
            err.contains("with --python the output must end in .py"),
            "{err}"
        );
        assert!(!path.exists(), "{name} was written");
    }
    // A .py output without --python: refused, pointing at --python.
    let path = temp("forgot.py");
    let out = conv2d(&format!("render {TRANSPOSED} -o {}", path.display()));
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("add --python"), "{err}");
    assert!(!path.exists());
    // The file name is checked before the layer: a bad one is reported first.
    let out = conv2d("render --input 3,7,7 --out-channels 2 -k 9 --python -o x.txt");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8(out.stderr).unwrap().contains(".py"));
}
