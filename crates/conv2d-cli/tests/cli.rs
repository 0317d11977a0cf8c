//! The `conv2d` command's contract: exit codes, clear errors for malformed data, and `shape`'s
//! numbers agreeing with PyTorch's (taken from the golden fixtures, never typed here).
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic: that is its failure

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const FIXTURES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../conv2d-core/tests/fixtures/golden.jsonl"
);

fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_conv2d"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

/// Runs `conv2d` with a command line split on spaces (no quoting needed in these tests).
fn conv2d(line: &str) -> Output {
    run(&line.split(' ').collect::<Vec<_>>(), "")
}

fn fixture(name: &str) -> Value {
    std::fs::read_to_string(FIXTURES)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .find(|f| f["name"] == name)
        .unwrap_or_else(|| panic!("no fixture {name}"))
}

fn lines(o: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

const FIG1: &str = "valid/article/fig1_3x7x7_k3_p1_s2_d2";

#[test]
fn all_valid_cases_exit_zero() {
    let case = fixture(FIG1)["case"].to_string();
    let out = run(&["eval"], &format!("{case}\n{case}\n"));
    assert_eq!(out.status.code(), Some(0));
    let got = lines(&out);
    assert_eq!(got.len(), 2);
    assert_eq!(got[0]["shape"], fixture(FIG1)["expect"]["shape"]);
}

#[test]
fn a_rejection_exits_one_and_keeps_going() {
    let mut bad = fixture(FIG1)["case"].clone();
    bad["groups"] = 0.into();
    let good = fixture(FIG1)["case"].to_string();
    let out = run(&["eval"], &format!("{bad}\n{good}\n"));
    assert_eq!(out.status.code(), Some(1));
    let got = lines(&out);
    assert_eq!(got[0]["error"], "groups must be a positive integer");
    assert!(got[1].get("shape").is_some());
}

#[test]
fn non_json_exits_two_after_answering_earlier_cases() {
    let good = fixture(FIG1)["case"].to_string();
    let out = run(&["eval"], &format!("{good}\nthis is not json\n{good}\n"));
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        lines(&out).len(),
        1,
        "the case before the bad line is answered"
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("line 2 is not JSON"), "{err}");
}

#[test]
fn wrong_weight_and_bias_shapes_get_clear_errors() {
    let mut c = fixture(FIG1)["case"].clone();
    c["weight"].as_array_mut().unwrap().pop();
    let mut b = fixture(FIG1)["case"].clone();
    b["bias"] = serde_json::json!([1.0, 2.0, 3.0]);
    let mut r = fixture(FIG1)["case"].clone();
    r["weight"][0][0][0] = serde_json::json!([1.0]);
    let out = run(&["eval"], &format!("{c}\n{b}\n{r}\n"));
    assert_eq!(out.status.code(), Some(1));
    let got = lines(&out);
    assert!(
        got[0]["error"]
            .as_str()
            .unwrap()
            .starts_with("weight has shape (1, 3, 3, 3), expected (2, 3, 3, 3)"),
        "{}",
        got[0]
    );
    assert_eq!(
        got[1]["error"],
        "bias has 3 values, expected 2 (out_channels)"
    );
    assert!(
        got[2]["error"].as_str().unwrap().contains("ragged"),
        "{}",
        got[2]
    );
}

#[test]
fn shape_prints_pytorchs_output_shape_and_the_formula() {
    let want = &fixture(FIG1)["expect"]["shape"];
    let out = conv2d("shape --input 3,7,7 --out-channels 2 -k 3 -p 1 -s 2 -d 2 -g 1");
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let shape = format!("output shape:    ({}, {}, {})", want[0], want[1], want[2]);
    assert!(text.contains(&shape), "{text}");
    assert!(text.contains("H_out = ⌊(H_in + 2×padding[0]"), "{text}");
    assert!(text.contains(&format!("= {}\n", want[1])), "{text}");
}

#[test]
fn shape_rejects_with_pytorchs_sentence() {
    let reject = fixture("reject/stride/zero");
    let out = conv2d("shape --input 3,7,7 --out-channels 2 -k 3 -s 0");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains(reject["expect"]["error"].as_str().unwrap()),
        "{err}"
    );
}

#[test]
fn bench_prints_gflops() {
    let out = conv2d("bench --input 3,16,16 --out-channels 4 -k 3 --seconds 0.05");
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let g: f64 = text
        .lines()
        .find_map(|l| l.strip_suffix(" GFLOP/s"))
        .unwrap()
        .parse()
        .unwrap();
    assert!(g > 0.0);
}

#[test]
fn help_names_pytorchs_arguments() {
    let out = conv2d("shape --help");
    let text = String::from_utf8(out.stdout).unwrap();
    for flag in [
        "--out-channels",
        "--kernel-size",
        "--stride",
        "--padding",
        "--dilation",
        "--groups",
        "--padding-mode",
    ] {
        assert!(text.contains(flag), "{flag} missing from\n{text}");
    }
}

#[test]
fn render_writes_svg_png_and_a_gif_with_a_frame_per_output_cell() {
    let dir = std::env::temp_dir().join(format!("conv2d-render-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let fig1 = "--input 3,7,7 --out-channels 2 -k 3 -p 1 -s 2 -d 2";
    let shape = &fixture(FIG1)["expect"]["shape"];
    let cells: u64 = shape
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .product();
    for ext in ["svg", "png", "gif"] {
        let path = dir.join(format!("fig1.{ext}"));
        let out = conv2d(&format!(
            "render {fig1} --scale 1 -o {}",
            path.to_str().unwrap()
        ));
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let bytes = std::fs::read(&path).unwrap();
        match ext {
            "svg" => assert!(String::from_utf8(bytes)
                .unwrap()
                .contains("input (3, 7, 7)")),
            "png" => assert_eq!(&bytes[1..4], b"PNG"),
            _ => {
                let mut opts = gif::DecodeOptions::new();
                opts.set_color_output(gif::ColorOutput::RGBA);
                let mut d = opts.read_info(bytes.as_slice()).unwrap();
                assert_eq!(d.width(), 800, "the default --width at --scale 1");
                let mut frames = 0;
                while d.read_next_frame().unwrap().is_some() {
                    frames += 1;
                }
                assert_eq!(
                    frames,
                    cells + 1,
                    "one frame per output cell, then the finished output"
                );
            }
        }
    }
    let bad = conv2d("render --input 3,7,7 --out-channels 2 -k 3 -o x.jpg");
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains(".svg, .png or .gif"));
}
