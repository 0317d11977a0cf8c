//! The `conv2d` command with `--op conv_transpose2d`: `shape` prints the same report as for a
//! Conv2d, with PyTorch's numbers (taken from the golden fixtures, never typed here), and rejects with
//! PyTorch's sentence.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic: that is its failure

use std::process::{Command, Output};

use serde_json::Value;

const FIXTURES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../conv2d-core/tests/fixtures/golden_transpose.jsonl"
);

fn conv2d(args: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_conv2d"))
        .args(args.split_whitespace())
        .output()
        .unwrap()
}

fn fixture(name: &str) -> Value {
    std::fs::read_to_string(FIXTURES)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .find(|f| f["name"] == name)
        .unwrap_or_else(|| panic!("no fixture {name}"))
}

#[test]
fn shape_prints_pytorchs_numbers_for_a_transposed_layer() {
    // valid/preset/dcgan_k4_s2_p1: nn.ConvTranspose2d(3, 2, 4, stride=2, padding=1) on (3, 4, 4).
    let f = fixture("valid/preset/dcgan_k4_s2_p1");
    let out = conv2d("shape --op conv_transpose2d --input 3,4,4 --out-channels 2 -k 4 -s 2 -p 1");
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let s = &f["expect"]["shape"];
    assert!(
        text.starts_with("nn.ConvTranspose2d(3, 2, kernel_size=4, stride=2, padding=1)\n"),
        "{text}"
    );
    assert!(
        text.contains(&format!("output shape:    ({}, {}, {})", s[0], s[1], s[2])),
        "{text}"
    );
    assert!(text.contains("weight shape:    (3, 2, 4, 4)"), "{text}");
    assert!(
        text.contains(&format!(" = {}\n", f["cost"]["params"])),
        "{text}"
    );
    assert!(
        text.contains(&format!("MACs:            {}\n", f["cost"]["macs"])),
        "{text}"
    );
    assert!(text.contains("+ output_padding[0] + 1 = (4 − 1)×2 − 2×1 + 1×(4−1) + 0 + 1 = "));
}

#[test]
fn output_padding_reaches_the_layer_and_its_sentence() {
    // valid/preset/undo_fig1_with_output_padding: (2, 3, 3) → 3 channels, k3 s2 p1 d2, output_padding 1.
    let f = fixture("valid/preset/undo_fig1_with_output_padding");
    let out = conv2d(
        "shape --op conv_transpose2d --output-padding 1,1 --input 2,3,3 --out-channels 3 -k 3 -s 2 -p 1 -d 2",
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let s = &f["expect"]["shape"];
    assert!(
        text.contains(&format!("output shape:    ({}, {}, {})", s[0], s[1], s[2])),
        "{text}"
    );
    assert!(text.contains("output_padding=1"), "{text}");
    // reject/output_padding/equal_stride: k3 s2 output_padding 2 on (2, 4, 4).
    let f = fixture("reject/output_padding/equal_stride");
    let out = conv2d(
        "shape --op conv_transpose2d --output-padding 2 --input 2,4,4 --out-channels 2 -k 3 -s 2",
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        err.trim(),
        format!("error: {}", f["expect"]["error"].as_str().unwrap())
    );
}

#[test]
fn a_conv2d_takes_no_output_padding_and_an_unknown_op_is_refused() {
    let out = conv2d("shape --output-padding 1 --input 2,4,4 --out-channels 2 -k 3 -s 2");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("unexpected keyword argument 'output_padding'"));
    let out = conv2d("shape --op conv3d --input 2,4,4 --out-channels 2 -k 3");
    assert_eq!(out.status.code(), Some(2), "clap's usage error");
}

#[test]
fn bench_times_both_ways_of_computing_a_transposed_layer() {
    for extra in ["", "--path gemm", "--path conv"] {
        let out = conv2d(&format!(
            "bench --op conv_transpose2d --input 8,8,8 --out-channels 4 -k 4 -s 2 -p 1 --seconds 0.02 {extra}"
        ));
        assert_eq!(out.status.code(), Some(0));
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("GFLOP/s"), "{text}");
        assert!(text.starts_with("nn.ConvTranspose2d(8, 4"), "{text}");
        assert!(
            text.contains("(GEMM + col2im)") != extra.ends_with("conv"),
            "{text}"
        );
    }
}

/// Frames of a GIF file.
fn gif_frames(bytes: &[u8]) -> usize {
    let mut opts = gif::DecodeOptions::new();
    opts.set_color_output(gif::ColorOutput::RGBA);
    let mut d = opts.read_info(bytes).unwrap();
    let mut frames = 0;
    while d.read_next_frame().unwrap().is_some() {
        frames += 1;
    }
    frames
}

#[test]
fn render_draws_a_transposed_layer_both_ways() {
    let dir = std::env::temp_dir().join(format!("conv2d-render-t-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // DCGAN's block on (3, 4, 4): the fixture's output shape, from PyTorch.
    let f = fixture("valid/preset/dcgan_k4_s2_p1");
    let shape: Vec<u64> = f["expect"]["shape"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .collect();
    let layer =
        "--op conv_transpose2d --input 3,4,4 --out-channels 2 -k 4 -s 2 -p 1 --scale 1 --width 320";
    let path = |name: &str| dir.join(name).to_str().unwrap().to_string();
    // Read as a scatter, the GIF walks the 3·4·4 input cells, then the finished output.
    let out = conv2d(&format!("render {layer} -o {}", path("s.gif")));
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        gif_frames(&std::fs::read(path("s.gif")).unwrap()),
        3 * 4 * 4 + 1
    );
    // Read as a convolution, it walks the output cells.
    let out = conv2d(&format!("render {layer} --view conv -o {}", path("c.gif")));
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let cells: u64 = shape.iter().product();
    assert_eq!(
        gif_frames(&std::fs::read(path("c.gif")).unwrap()) as u64,
        cells + 1
    );
    // The SVG is titled with PyTorch's shapes: the input, the weight (in, out/groups, kH, kW).
    let out = conv2d(&format!("render {layer} --overlap -o {}", path("s.svg")));
    assert_eq!(out.status.code(), Some(0));
    let svg = std::fs::read_to_string(path("s.svg")).unwrap();
    let want = format!("output ({}, {}, {})", shape[0], shape[1], shape[2]);
    for title in [
        "input (3, 4, 4)",
        "weight (3, 2, 4, 4)",
        &want,
        "kernel taps per cell",
    ] {
        assert!(svg.contains(title), "{title} missing");
    }
    let out = conv2d(&format!("render {layer} --view conv -o {}", path("c.svg")));
    let svg = std::fs::read_to_string(path("c.svg")).unwrap();
    assert!(out.status.success() && svg.contains("zeros inserted (7, 7)"));
    let bad = conv2d(&format!(
        "render {layer} --view sideways -o {}",
        path("x.svg")
    ));
    assert_eq!(bad.status.code(), Some(1));
}
