//! `conv2d summary`: a stack's table, torchinfo's columns and the receptive field through it.

use conv2d_core::format::{grouped, shape};
use conv2d_core::stack::summary::summarize;
use conv2d_core::stack::{call_text, read, rf_number as num};

/// The table of `text` on `input`, or why there is none. A layer PyTorch rejects ends the table
/// with its sentence (and an error: the second value).
pub fn summary(text: &str, input: [i64; 3]) -> Result<(String, Option<String>), String> {
    let read = read(text).map_err(|e| {
        let (line, col) = e.line_col(text);
        format!("line {line}, column {col}: {}", e.message)
    })?;
    let (calls, layers): (Vec<_>, Vec<_>) = read.into_iter().unzip();
    if input.iter().any(|&v| v < 1) {
        return Err(format!("--input {input:?}: every side must be at least 1"));
    }
    let size = input.map(|v| v as usize);
    let s = summarize(&layers, size);
    let mut rows = vec![[
        "#".to_string(),
        "layer".into(),
        "output shape".into(),
        "params".into(),
        "MACs".into(),
        "receptive field".into(),
        "jump".into(),
        "start".into(),
    ]];
    for (i, (call, r)) in calls.iter().zip(&s.rows).enumerate() {
        let approx = if r.exact { "" } else { "≈" };
        rows.push([
            i.to_string(),
            call_text(text, call),
            shape(&r.output),
            grouped(r.params),
            grouped(r.macs),
            format!("{approx}{} × {}", num(r.size[0]), num(r.size[1])),
            format!("{}, {}", num(r.jump[0]), num(r.jump[1])),
            format!("{}, {}", num(r.start[0]), num(r.start[1])),
        ]);
    }
    let widths: Vec<usize> = (0..8)
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    let mut out = format!("input {}\n", shape(&size));
    for r in &rows {
        let cells: Vec<String> = r
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(c, (v, w))| {
                let pad = w - v.chars().count();
                // Numbers right-aligned, words left.
                if (3..=4).contains(&c) {
                    format!("{}{v}", " ".repeat(pad))
                } else {
                    format!("{v}{}", " ".repeat(pad))
                }
            })
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out.push_str(&format!(
        "total params {}, MACs {}\n",
        grouped(s.params()),
        grouped(s.macs())
    ));
    if s.rows.iter().any(|r| !r.exact) {
        out.push_str("≈: a typical cell's field (after upsampling or uneven adaptive pooling)\n");
    }
    let rejected = s
        .rejected
        .map(|r| format!("layer {} ({}): {}", r.layer, calls[r.layer].name, r.message));
    Ok((out, rejected))
}
