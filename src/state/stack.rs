//! A stack of layers as the page holds it: the text read once per change into its calls, layers,
//! table and PyTorch script, and, when it is small enough to compute live, every tensor from the
//! seeded input to the last output with the seeded weights. The builder's buttons are edits of the
//! text (it stays the one source of truth, and the link carries it as typed).

use std::rc::Rc;

use conv2d_core::stack::backward::input_gradient;
use conv2d_core::stack::example::{example_input, example_weights};
use conv2d_core::stack::field::{fields_back, reach, Field};
use conv2d_core::stack::forward::{Stepped, Steps, Weights};
use conv2d_core::stack::layers::{StackLayer, POINTWISE};
use conv2d_core::stack::parse::Call;
use conv2d_core::stack::summary::{summarize, Summary};
use conv2d_core::stack::{call_text, read, script, Placed};
use conv2d_core::Tensor;

/// Above this many multiply-accumulates (or values) the stack's tensors are not computed live: the
/// table still is.
pub const STACK_CAP_MACS: u64 = 400_000_000;
/// The most values all the tensors may hold together.
pub const STACK_CAP_VALUES: u64 = 8_000_000;

/// What a stack's text makes.
#[derive(Clone, Debug, PartialEq)]
pub enum Made {
    /// No layers (an empty text).
    Nothing,
    /// The text goes wrong here.
    Placed(Placed),
    /// A stack.
    Stack(Rc<StackModel>),
}

/// A stack read, with its table and, when computed, its tensors.
#[derive(Clone, Debug, PartialEq)]
pub struct StackModel {
    /// The text it was read from.
    pub text: String,
    /// Each call as written (spans into `text`).
    pub calls: Vec<Call>,
    /// Each call's layer.
    pub layers: Vec<StackLayer>,
    /// Each call on one line, for the table.
    pub texts: Vec<String>,
    /// The input (C, H, W).
    pub input_shape: [usize; 3],
    /// Shapes, costs and receptive fields (up to the first rejected layer).
    pub summary: Summary,
    /// The PyTorch script that checks the table.
    pub check: String,
    /// The tensors, when computed: the seeded input and the output of every layer that runs.
    pub tensors: Option<Tensors>,
    /// Why the tensors are not computed (too large), in MACs.
    pub too_large: Option<u64>,
}

/// Every tensor of a stack and the weights that made them.
#[derive(Clone, Debug, PartialEq)]
pub struct Tensors {
    /// The input first, then each layer's output.
    pub all: Vec<Tensor>,
    /// Each layer's weight and bias (convolutions).
    pub weights: Vec<Option<Weights>>,
}

impl Made {
    /// What `text` makes on an input of `input`, its values seeded by `seed`: the table and,
    /// when small enough, every tensor.
    pub fn of(text: &str, input: [i64; 3], seed: u64) -> Self {
        match Self::read(text, input) {
            Made::Stack(m) => {
                let mut m = Rc::unwrap_or_clone(m);
                m.compute(seed);
                Made::Stack(Rc::new(m))
            }
            other => other,
        }
    }

    /// What `text` makes on an input of `input`: the table, no tensors (cheap).
    pub fn read(text: &str, input: [i64; 3]) -> Self {
        let read = match read(text) {
            Err(e) => return Made::Placed(e),
            Ok(read) if read.is_empty() => return Made::Nothing,
            Ok(read) => read,
        };
        let (calls, layers): (Vec<_>, Vec<_>) = read.into_iter().unzip();
        let texts = calls.iter().map(|c| call_text(text, c)).collect();
        let shape = input.map(|v| v.max(1) as usize);
        let summary = summarize(&layers, shape);
        let check = script(text, &calls, shape, &summary);
        Made::Stack(Rc::new(StackModel {
            text: text.to_string(),
            calls,
            layers,
            texts,
            input_shape: shape,
            summary,
            check,
            tensors: None,
            too_large: None,
        }))
    }
}

impl StackModel {
    /// Every tensor, with values seeded by `seed`, when the stack is small enough (else the
    /// MACs that make it too large), at once.
    fn compute(&mut self, seed: u64) {
        if let Some(Ok(done)) = self.steps(seed).map(Steps::run) {
            self.take(done);
        }
    }

    /// The steps that compute its tensors with values seeded by `seed` ([`Steps`]: a layer, or a
    /// part of a large convolution, each), for [`StackModel::take`]; none when the stack is too
    /// large to compute live (noted in `too_large`: counted in 64 bits, as a link's shapes can
    /// overflow wasm's 32-bit sizes) or PyTorch rejects it.
    pub fn steps(&mut self, seed: u64) -> Option<Steps> {
        let ran = self.summary.rows.len();
        let size = |s: &[usize; 3]| s.iter().map(|&v| v as u64).product::<u64>();
        let values = self
            .summary
            .rows
            .iter()
            .fold(size(&self.input_shape), |n, r| {
                n.saturating_add(size(&r.output))
            });
        let macs = self.summary.macs();
        if macs > STACK_CAP_MACS || values > STACK_CAP_VALUES {
            self.too_large = Some(macs);
            return None;
        }
        let x = example_input(self.input_shape, seed);
        let layers = self.layers[..ran].to_vec();
        let weights = example_weights(&layers, self.input_shape, seed);
        Steps::new(layers, weights, x).ok()
    }

    /// The tensors its steps computed, all of them.
    pub fn take(&mut self, done: Stepped) {
        let mut all = vec![done.input];
        all.extend(done.outputs);
        self.tensors = Some(Tensors {
            all,
            weights: done.weights,
        });
    }

    /// The effective receptive field of cell `cell` of tensor `t`: the magnitude of its gradient
    /// with respect to the input, summed over the input's channels, per input row and column.
    pub fn effective(&self, t: usize, cell: [usize; 3]) -> Option<Vec<f32>> {
        let tensors = self.tensors.as_ref()?;
        let (input, outs) = tensors.all.split_first()?;
        let g = input_gradient(self.ran(), &tensors.weights, outs, input, t, cell).ok()?;
        let [c, h, w] = self.input_shape;
        let mut m = vec![0f32; h * w];
        for ch in 0..c {
            for (acc, v) in m.iter_mut().zip(&g.data[ch * h * w..(ch + 1) * h * w]) {
                *acc += v.abs();
            }
        }
        Some(m)
    }

    /// The layers PyTorch runs (those before the first rejected one).
    pub fn ran(&self) -> &[StackLayer] {
        &self.layers[..self.summary.rows.len()]
    }

    /// The shape of every tensor: the input's, then each layer's output that runs.
    pub fn shapes(&self) -> Vec<[usize; 3]> {
        std::iter::once(self.input_shape)
            .chain(self.summary.rows.iter().map(|r| r.output))
            .collect()
    }

    /// What lights up in every tensor when cell `cell` of tensor `t` is in focus: what it reads
    /// in each earlier tensor, itself, and what it reaches in each later one.
    pub fn lit(&self, t: usize, cell: [usize; 3]) -> Vec<Option<Field>> {
        let n = self.summary.rows.len() + 1;
        let mut lit = vec![None; n];
        if let Some(back) = fields_back(self.ran(), self.input_shape, t, cell) {
            for (k, f) in back.into_iter().enumerate() {
                lit[k] = Some(f);
            }
        }
        if let Some(ahead) = reach(self.ran(), self.input_shape, t, cell) {
            for (k, f) in ahead.into_iter().enumerate() {
                if let Some(slot) = lit.get_mut(t + k) {
                    *slot = Some(f);
                }
            }
        }
        lit
    }

    /// The text with its calls replaced by `parts` (each a call's text), written one per line in
    /// an `nn.Sequential(...)`.
    fn with_calls(parts: &[String]) -> String {
        if parts.is_empty() {
            return String::new();
        }
        let mut s = String::from("nn.Sequential(\n");
        for p in parts {
            s += &format!("    {p},\n");
        }
        s + ")"
    }

    /// Each call's text as written.
    pub fn parts(&self) -> Vec<String> {
        self.calls
            .iter()
            .map(|c| self.text[c.span.0..c.span.1].to_string())
            .collect()
    }

    /// The text without layer `i`.
    pub fn without(&self, i: usize) -> String {
        let mut parts = self.parts();
        if i < parts.len() {
            parts.remove(i);
        }
        Self::with_calls(&parts)
    }

    /// The text with layer `i` moved by `by` places (kept within the stack).
    pub fn moved(&self, i: usize, by: i64) -> String {
        let mut parts = self.parts();
        if i < parts.len() {
            let j = (i as i64 + by).clamp(0, parts.len() as i64 - 1) as usize;
            let p = parts.remove(i);
            parts.insert(j, p);
        }
        Self::with_calls(&parts)
    }

    /// The text with `call` added after the last layer.
    pub fn with_added(&self, call: &str) -> String {
        let mut parts = self.parts();
        parts.push(call.to_string());
        Self::with_calls(&parts)
    }

    /// The text with layer `i` replaced by `call`.
    pub fn with_replaced(&self, i: usize, call: &str) -> String {
        let mut parts = self.parts();
        if let Some(p) = parts.get_mut(i) {
            *p = call.to_string();
        }
        Self::with_calls(&parts)
    }

    /// The channels of the last tensor that runs (what a new layer takes).
    pub fn last_channels(&self) -> usize {
        self.shapes().last().map_or(1, |s| s[0])
    }
}

/// The layers the builder adds, as calls on `c` channels: a name and its text.
pub fn new_layer(kind: &str, c: usize) -> Option<String> {
    Some(match kind {
        "Conv2d" => format!("nn.Conv2d({c}, {c}, kernel_size=3, padding=1)"),
        "ConvTranspose2d" => format!("nn.ConvTranspose2d({c}, {c}, kernel_size=2, stride=2)"),
        "MaxPool2d" => "nn.MaxPool2d(2)".into(),
        "AvgPool2d" => "nn.AvgPool2d(2)".into(),
        "AdaptiveAvgPool2d" => "nn.AdaptiveAvgPool2d(1)".into(),
        "BatchNorm2d" => format!("nn.BatchNorm2d({c})"),
        "LeakyReLU" => "nn.LeakyReLU(0.1)".into(),
        _ if POINTWISE.contains(&kind) => format!("nn.{kind}()"),
        _ => return None,
    })
}

/// The kinds the builder offers, in its menu's order.
pub const NEW_LAYERS: [&str; 14] = [
    "Conv2d",
    "ConvTranspose2d",
    "MaxPool2d",
    "AvgPool2d",
    "AdaptiveAvgPool2d",
    "BatchNorm2d",
    "ReLU",
    "LeakyReLU",
    "GELU",
    "SiLU",
    "Sigmoid",
    "Tanh",
    "Dropout",
    "Identity",
];

/// The stack `text` makes on `input` (seed 7), for tests; a text that makes none panics.
#[cfg(test)]
pub(crate) fn model(text: &str, input: [i64; 3]) -> Rc<StackModel> {
    match Made::of(text, input, 7) {
        Made::Stack(m) => m,
        other => panic!("{other:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builder_edits_keep_every_call_as_written() {
        let m = model(
            "Conv2d(3, 8, 3, padding=1)  # first\n, nn.ReLU(inplace=True), MaxPool2d(2)",
            [3, 8, 8],
        );
        let moved = model(&m.moved(2, -1), [3, 8, 8]);
        assert_eq!(
            moved.texts,
            [
                "Conv2d(3, 8, 3, padding=1)",
                "MaxPool2d(2)",
                "nn.ReLU(inplace=True)"
            ]
        );
        let fewer = model(&m.without(0), [8, 8, 8]);
        assert_eq!(fewer.texts, ["nn.ReLU(inplace=True)", "MaxPool2d(2)"]);
        let more = model(
            &m.with_added(&new_layer("Conv2d", m.last_channels()).unwrap()),
            [3, 8, 8],
        );
        assert_eq!(more.summary.rows.last().unwrap().output, [8, 4, 4]);
        let swapped = model(&m.with_replaced(1, "nn.Tanh()"), [3, 8, 8]);
        assert_eq!(swapped.texts[1], "nn.Tanh()");
        assert_eq!(m.without(0).matches("nn.Sequential(").count(), 1);
        // Removing the last layer leaves an empty text, which reads as no stack.
        let one = model("nn.ReLU()", [1, 2, 2]);
        assert_eq!(Made::of(&one.without(0), [1, 2, 2], 7), Made::Nothing);
    }

    #[test]
    fn every_layer_the_builder_offers_is_one_pytorch_accepts_there() {
        for kind in NEW_LAYERS {
            let call = new_layer(kind, 4).unwrap();
            let m = model(&format!("nn.Conv2d(1, 4, 1), {call}"), [1, 6, 6]);
            assert!(m.summary.rejected.is_none(), "{call}");
            assert!(m.tensors.is_some(), "{call} is computed");
        }
    }

    /// The effective field is zero outside the theoretical one (no cell outside it can move the
    /// focus) and not zero everywhere inside it.
    #[test]
    fn the_effective_field_lies_within_the_theoretical_one() {
        let m = model(
            "nn.Conv2d(2, 3, 3, padding=1, padding_mode='reflect'), nn.AvgPool2d(2), nn.Conv2d(3, 2, 3, dilation=2)",
            [2, 16, 14],
        );
        for (t, cell) in [(3, [1, 2, 1]), (2, [0, 4, 6]), (1, [2, 0, 13])] {
            let erf = m.effective(t, cell).unwrap();
            let field = m.lit(t, cell)[0].clone().unwrap();
            let w = m.input_shape[2];
            for (i, v) in erf.iter().enumerate() {
                let inside = field.rows.contains(&(i / w)) && field.cols.contains(&(i % w));
                assert!(
                    inside || *v == 0.0,
                    "{t} {cell:?}: cell {i} outside the field moves it"
                );
            }
            assert!(erf.iter().any(|v| *v > 0.0), "{t} {cell:?}");
        }
    }

    #[test]
    fn a_link_whose_shapes_overflow_32_bits_is_not_computed() {
        let relus = ["nn.ReLU()"; 11].join(", ");
        let m = model(
            &format!("nn.AdaptiveAvgPool2d(512), {relus}"),
            [1024, 1024, 1024],
        );
        assert!(m.tensors.is_none() && m.too_large.is_some());
    }

    #[test]
    fn tensors_stop_at_the_rejected_layer_and_large_stacks_are_not_computed() {
        let m = model("nn.Conv2d(3, 4, 3), nn.Conv2d(5, 4, 3)", [3, 8, 8]);
        let t = m.tensors.as_ref().unwrap();
        assert_eq!(t.all.len(), 2);
        assert_eq!(t.all[1].shape, [4, 6, 6]);
        let big = model("nn.Conv2d(64, 64, 3, padding=1)", [64, 224, 224]);
        assert!(big.tensors.is_none() && big.too_large.is_some());
    }
}
