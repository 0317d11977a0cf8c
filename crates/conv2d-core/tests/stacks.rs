//! Stacks of layers against real PyTorch (`scripts/gen_fixtures_stack.py`): the shape after every
//! layer, the parameters, the first layer rejected with its sentence, and the receptive field of
//! the final output's centre cell as autograd finds it.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic: that is its failure

use conv2d_core::stack::field::{extent, field_of};
use conv2d_core::stack::layers::{layer_of, StackLayer};
use conv2d_core::stack::parse::parse;
use conv2d_core::stack::summary::summarize;
use serde_json::Value;

fn fixtures() -> Vec<Value> {
    include_str!("fixtures/stacks.jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn input(f: &Value) -> [usize; 3] {
    let v: Vec<usize> = f["input"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_u64().unwrap() as usize)
        .collect();
    [v[0], v[1], v[2]]
}

#[test]
fn shapes_parameters_and_rejections_are_pytorchs() {
    let all = fixtures();
    assert!(all.len() >= 100);
    for f in &all {
        let name = f["name"].as_str().unwrap();
        let text = f["layers"].as_str().unwrap();
        // A call Python refuses is refused before PyTorch runs anything: its own sentence.
        let calls = match parse(text) {
            Ok(calls) => calls,
            Err(e) => {
                assert_eq!(
                    Some(e.message.as_str()),
                    f["expect"]["error"].as_str(),
                    "{name}"
                );
                continue;
            }
        };
        let bound: Result<Vec<StackLayer>, (usize, String)> = calls
            .iter()
            .enumerate()
            .map(|(i, c)| layer_of(c).map_err(|e| (i, e)))
            .collect();
        let layers = match bound {
            Ok(l) => l,
            Err((i, e)) => {
                assert_eq!(Some(e.as_str()), f["expect"]["error"].as_str(), "{name}");
                assert_eq!(Some(i as u64), f["expect"]["layer"].as_u64(), "{name}");
                continue;
            }
        };
        let s = summarize(&layers, input(f));
        let want: Vec<Vec<usize>> = serde_json::from_value(f["expect"]["shapes"].clone()).unwrap();
        let got: Vec<Vec<usize>> = s.rows.iter().map(|r| r.output.to_vec()).collect();
        assert_eq!(got, want, "{name}");
        match f["expect"].get("error") {
            Some(e) => {
                let r = s
                    .rejected
                    .as_ref()
                    .unwrap_or_else(|| panic!("{name}: PyTorch rejects it"));
                assert_eq!(r.message, e.as_str().unwrap(), "{name}");
                assert_eq!(
                    r.layer as u64,
                    f["expect"]["layer"].as_u64().unwrap(),
                    "{name}"
                );
            }
            None => {
                assert_eq!(s.rejected, None, "{name}");
                assert_eq!(
                    s.params(),
                    f["expect"]["params"].as_u64().unwrap(),
                    "{name}"
                );
            }
        }
    }
}

/// Where autograd's field does not reach the input's border, its extent is the theoretical size
/// and its centre where the recurrences put the cell's — for every field the summary calls exact.
/// (The others, after a ConvTranspose2d or an uneven adaptive pool, are a typical cell's; each
/// cell's own is [`extent`]'s, checked below.)
#[test]
fn receptive_fields_are_autograds_away_from_the_borders() {
    let mut checked = 0;
    for f in fixtures().iter().filter(|f| f.get("receptive").is_some()) {
        let name = f["name"].as_str().unwrap();
        let layers: Vec<StackLayer> = parse(f["layers"].as_str().unwrap())
            .unwrap()
            .iter()
            .map(|c| layer_of(c).unwrap())
            .collect();
        let [_, h, w] = input(f);
        let s = summarize(&layers, input(f));
        let last = s.rows.last().unwrap();
        let r = &f["receptive"];
        let cell: Vec<f64> = r["cell"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_f64().unwrap())
            .collect();
        for (axis, key, n) in [(0, "rows", h), (1, "cols", w)] {
            let lo = r[key][0].as_f64().unwrap();
            let hi = r[key][1].as_f64().unwrap();
            if lo <= 0.0 || hi >= (n - 1) as f64 {
                continue;
            }
            let centre = last.start[axis] + cell[axis + 1] * last.jump[axis];
            if last.exact {
                checked += 1;
                assert_eq!(hi - lo + 1.0, last.size[axis], "{name} axis {axis}: size");
                assert_eq!(centre, (lo + hi) / 2.0, "{name} axis {axis}: centre");
            }
        }
    }
    assert!(checked >= 20, "only {checked} fields away from the borders");
}

/// The exact field of the centre cell, carried back layer by layer, is autograd's for every stack
/// that runs, at the borders, after upsampling and uneven adaptive pools too.
#[test]
fn the_exact_extent_is_autograds_everywhere() {
    let mut n = 0;
    for f in fixtures().iter().filter(|f| f.get("receptive").is_some()) {
        let name = f["name"].as_str().unwrap();
        let layers: Vec<StackLayer> = parse(f["layers"].as_str().unwrap())
            .unwrap()
            .iter()
            .map(|c| layer_of(c).unwrap())
            .collect();
        let r = &f["receptive"];
        let cell = r["cell"].as_array().unwrap();
        let at = |i: usize| cell[i].as_u64().unwrap() as usize;
        let got = extent(&layers, input(f), (at(1), at(2))).unwrap();
        let want = |k: &str| (r[k][0].as_i64().unwrap(), r[k][1].as_i64().unwrap());
        assert_eq!(got, [want("rows"), want("cols")], "{name}");
        n += 1;
    }
    assert!(n >= 50, "{n} fields");
}

/// Every input cell autograd finds the centre cell depends on, and no other: channels, rows and
/// columns (with the holes of strides and dilations, and the copies of reflect, replicate and
/// circular padding traced to the cells they copy).
#[test]
fn the_field_is_autograds_cell_for_cell() {
    let mut n = 0;
    for f in fixtures().iter().filter(|f| f.get("receptive").is_some()) {
        let name = f["name"].as_str().unwrap();
        let layers: Vec<StackLayer> = parse(f["layers"].as_str().unwrap())
            .unwrap()
            .iter()
            .map(|c| layer_of(c).unwrap())
            .collect();
        let r = &f["receptive"];
        let cell: Vec<usize> = r["cell"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_u64().unwrap() as usize)
            .collect();
        let got = field_of(&layers, input(f), [cell[0], cell[1], cell[2]]).unwrap();
        let set = |k: &str| -> Vec<usize> {
            r[k].as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_u64().unwrap() as usize)
                .collect()
        };
        assert_eq!(
            got.channels.iter().copied().collect::<Vec<_>>(),
            set("channels"),
            "{name} channels"
        );
        assert_eq!(
            got.rows.iter().copied().collect::<Vec<_>>(),
            set("row_set"),
            "{name} rows"
        );
        assert_eq!(
            got.cols.iter().copied().collect::<Vec<_>>(),
            set("col_set"),
            "{name} columns"
        );
        n += 1;
    }
    assert!(n >= 50, "{n} fields");
}

/// The stack's script (what the page offers under its table) runs under real PyTorch and prints
/// OK, for stacks that run and stacks PyTorch rejects (skipped, saying so, without torch).
#[test]
fn the_stacks_script_holds_under_pytorch() {
    use conv2d_core::stack::{read, script};
    use std::io::Write;
    let torch = std::process::Command::new("python3")
        .args(["-c", "import torch"])
        .status()
        .is_ok_and(|s| s.success());
    let picked: Vec<Value> = fixtures()
        .into_iter()
        .filter(|f| {
            let e = f["expect"]["error"].as_str().unwrap_or("");
            !e.contains("__init__") && !e.contains("repeated")
        })
        .step_by(11)
        .take(6)
        .collect();
    assert_eq!(picked.len(), 6);
    for f in &picked {
        let text = f["layers"].as_str().unwrap();
        let (calls, layers): (Vec<_>, Vec<_>) = read(text).unwrap().into_iter().unzip();
        let s = summarize(&layers, input(f));
        let py = script(text, &calls, input(f), &s);
        for shape in f["expect"]["shapes"].as_array().unwrap() {
            let d: Vec<String> = shape
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.to_string())
                .collect();
            assert!(py.contains(&format!("({})", d.join(", "))), "{py}");
        }
        if !torch {
            eprintln!("skipped running the script: python3 cannot import torch here");
            continue;
        }
        let mut child = std::process::Command::new("python3")
            .arg("-")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(py.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(
            stdout.trim().lines().last(),
            Some("OK"),
            "{}\n{py}\n{}",
            f["name"],
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
