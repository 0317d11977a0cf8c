//! The PyTorch script that proves a figure, run by real PyTorch: for layers covering every padding
//! mode, 'same', stride, dilation, groups, no bias, a non-square kernel and non-integer data, the
//! script built from our seeded data and our forward pass prints OK under `python3` with torch.
//! (Skipped, saying so, on a machine where `import torch` fails: torch is not needed to run the
//! tests, only to check this.)
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic: that is its failure

use std::io::Write;
use std::process::{Command, Stdio};

use conv2d_core::data::{self, InputData, KernelData};
use conv2d_core::script::script;
use conv2d_core::{forward, validate, Conv2dSpec, LayerSpec, PaddingArg, Pair};

#[allow(clippy::too_many_arguments)] // the arguments the cases vary, as in the figure tests
fn spec(
    (cin, cout): (i64, i64),
    kernel: (i64, i64),
    stride: i64,
    padding: PaddingArg,
    dilation: i64,
    groups: i64,
    bias: bool,
    mode: &str,
) -> Conv2dSpec {
    Conv2dSpec {
        stride: Pair::square(stride),
        padding,
        dilation: Pair::square(dilation),
        groups,
        bias,
        padding_mode: mode.into(),
        ..Conv2dSpec::new(cin, cout, Pair::new(kernel.0, kernel.1))
    }
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
fn every_script_prints_ok_under_pytorch() {
    let pad = |n| PaddingArg::Explicit(Pair::square(n));
    let cases = [
        (
            Conv2dSpec::figure1(),
            [3, 7, 7],
            (InputData::Seeded, KernelData::Seeded),
        ),
        (
            spec((2, 4), (3, 3), 2, pad(2), 1, 2, true, "zeros"),
            [2, 7, 7],
            (InputData::Seeded, KernelData::Seeded),
        ),
        // Weights of 1/10: values that are not whole numbers must survive the script exactly.
        (
            spec((1, 2), (5, 2), 1, pad(1), 1, 1, false, "reflect"),
            [1, 7, 9],
            (InputData::Digit, KernelData::BoxBlur),
        ),
        (
            spec(
                (3, 3),
                (3, 3),
                1,
                PaddingArg::same(),
                2,
                3,
                true,
                "replicate",
            ),
            [3, 6, 6],
            (InputData::Edge, KernelData::Seeded),
        ),
        (
            spec((2, 2), (3, 3), 1, pad(1), 1, 1, true, "circular"),
            [2, 5, 5],
            (InputData::Checkerboard, KernelData::BoxBlur),
        ),
    ];
    let scripts: Vec<String> = cases
        .iter()
        .map(|(s, input, (inputs, kernels))| {
            let layer = validate(s, *input).unwrap();
            let x = data::input(&layer, *inputs, 3);
            let (w, b) = data::weights(&layer, *kernels, 3).unwrap();
            let y = forward::forward(&layer, &x, &w, b.as_deref());
            script(
                &LayerSpec::Conv2d(s.clone()),
                &x,
                (&w, b.as_deref()),
                (&y.data, &y.shape),
            )
        })
        .collect();
    for s in &scripts {
        assert!(s.contains("torch.testing.assert_close(y, shown, rtol=0, atol=1e-4)"));
        assert!(s.trim_end().ends_with("print(\"OK\")"));
    }
    if !torch_here() {
        eprintln!(
            "skipped: python3 cannot import torch here (pip install torch to run this check)"
        );
        return;
    }
    // One Python process runs every script, each in a fresh namespace, as `python3 file.py` would.
    let driver = "import json, sys\nfor src in json.load(sys.stdin):\n    exec(compile(src, 'script', 'exec'), {'__name__': '__main__'})\n";
    let mut child = Command::new("python3")
        .args(["-c", driver])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(serde_json::to_string(&scripts).unwrap().as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}\n{}",
        stdout,
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        stdout.lines().filter(|l| *l == "OK").count(),
        scripts.len(),
        "{stdout}"
    );
}
