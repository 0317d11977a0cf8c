//! A stack of layers, as an `nn.Sequential` is: the text read ([`parse`]), each call made a layer
//! of a kind the playground knows ([`layers`]), and the shapes, costs and receptive fields through
//! the whole stack ([`summary`]).

pub mod backward;
pub mod example;
pub mod field;
pub mod forward;
pub mod layers;
pub mod parse;
pub mod pool;
pub mod summary;

use layers::{layer_of, StackLayer};
use parse::{parse, Call};

/// Where a stack's text goes wrong: the byte offset and the sentence (a layer's names it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Placed {
    /// Byte offset in the text.
    pub at: usize,
    /// What is wrong.
    pub message: String,
}

impl Placed {
    /// Its 1-based line and column in `text`.
    pub fn line_col(&self, text: &str) -> (usize, usize) {
        parse::SyntaxError {
            message: String::new(),
            at: self.at,
        }
        .line_col(text)
    }
}

/// The stack a text holds: each call with its layer, or where it goes wrong (a syntax error, or
/// `layer i: …` for a call Python refuses or a layer the playground does not have).
pub fn read(text: &str) -> Result<Vec<(Call, StackLayer)>, Placed> {
    let calls = parse(text).map_err(|e| Placed {
        at: e.at,
        message: e.message,
    })?;
    calls
        .into_iter()
        .enumerate()
        .map(|(i, call)| match layer_of(&call) {
            Ok(layer) => Ok((call, layer)),
            Err(e) => Err(Placed {
                at: call.span.0,
                message: format!("layer {i}: {e}"),
            }),
        })
        .collect()
}

/// A call's text on one line (its spaces and line breaks collapsed), for a table.
pub fn call_text(text: &str, call: &Call) -> String {
    text[call.span.0..call.span.1]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A receptive-field number as a table prints it: whole, or to two places.
pub fn rf_number(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        format!("{}", v.round())
    } else {
        format!("{v:.2}")
    }
}

/// The class a `torch.nn.functional`-style name (as `conv2d eval`'s `"op"`) stands for.
pub fn class_of(op: &str) -> Option<&'static str> {
    Some(match op {
        "conv2d" => "Conv2d",
        "conv_transpose2d" => "ConvTranspose2d",
        "max_pool2d" => "MaxPool2d",
        "avg_pool2d" => "AvgPool2d",
        "adaptive_avg_pool2d" => "AdaptiveAvgPool2d",
        "batch_norm2d" => "BatchNorm2d",
        "relu" => "ReLU",
        "leaky_relu" => "LeakyReLU",
        "gelu" => "GELU",
        "silu" => "SiLU",
        "sigmoid" => "Sigmoid",
        "tanh" => "Tanh",
        "dropout" => "Dropout",
        "identity" => "Identity",
        _ => return None,
    })
}

/// The layer an `op` with keyword arguments makes (as a call `Class(**kwargs)` would).
pub fn layer_from(op: &str, kwargs: Vec<(String, parse::Lit)>) -> Result<StackLayer, String> {
    let name = class_of(op).ok_or_else(|| format!("unknown op {op:?}"))?;
    layer_of(&Call {
        name: name.to_string(),
        args: Vec::new(),
        kwargs,
        span: (0, 0),
    })
}

/// A self-contained PyTorch script that checks a stack's table: the stack built from the calls as
/// written (`nn.` prefix or not), run in eval mode on zeros of the input's shape, asserting the
/// shape after every layer and the parameter count — or, when PyTorch rejects a layer, that layer's
/// index and PyTorch's sentence — printing `OK` when all hold.
pub fn script(text: &str, calls: &[Call], input: [usize; 3], summary: &summary::Summary) -> String {
    let layers: Vec<String> = calls
        .iter()
        .map(|c| format!("    {},", call_text(text, c)))
        .collect();
    let shapes: Vec<String> = summary
        .rows
        .iter()
        .map(|r| format!("({}, {}, {})", r.output[0], r.output[1], r.output[2]))
        .collect();
    let [c, h, w] = input;
    let mut s = String::from(
        "# Conv2d Playground: this stack's table, checked by PyTorch. Run: python3 this_file.py\n\
         import torch\nfrom torch import nn\nfrom torch.nn import *  # the calls as written, with or without nn.\n\n",
    );
    s += &format!("model = nn.Sequential(\n{}\n).eval()\n", layers.join("\n"));
    s += &format!("x = torch.zeros(1, {c}, {h}, {w})\n");
    s += &format!("shapes = [{}]\n", shapes.join(", "));
    match &summary.rejected {
        None => {
            s += "with torch.no_grad():\n    for i, layer in enumerate(model):\n        x = layer(x)\n        \
                  assert tuple(x.shape[1:]) == shapes[i], (i, tuple(x.shape[1:]), shapes[i])\n";
            s += &format!(
                "assert sum(p.numel() for p in model.parameters()) == {}\n",
                summary.params()
            );
        }
        Some(r) => {
            let quoted = format!("{:?}", r.message);
            s += &format!(
                "rejected = ({}, {quoted})\n\
                 try:\n    with torch.no_grad():\n        for i, layer in enumerate(model):\n            x = layer(x)\n            \
                 assert tuple(x.shape[1:]) == shapes[i], (i, tuple(x.shape[1:]), shapes[i])\n    \
                 raise AssertionError(\"PyTorch ran every layer\")\n\
                 except (RuntimeError, ValueError) as e:\n    \
                 assert (i, str(e).splitlines()[0]) == rejected, (i, str(e))\n",
                r.layer
            );
        }
    }
    s + "print(\"OK\")\n"
}
