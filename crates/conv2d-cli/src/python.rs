//! `conv2d render --python`: the web page's "Check it in PyTorch" script, written to a `.py` file.
//! The core writes it (`conv2d_core::script::script`): the layer built with its arguments, its
//! weight and bias set to the figure's values, the input as a tensor literal, the forward pass and
//! `torch.testing.assert_close` against the output, printing `OK` when it holds.

use std::path::Path;

use conv2d_core::script::script;
use conv2d_core::{LayerSpec, Tensor};

/// The rule between `--python` and `-o`'s extension (`ext`, lower case): with `--python` the
/// output must end in `.py`; without it, a `.py` output is refused with a hint to add `--python`.
pub fn check_extension(output: &Path, ext: &str, python: bool) -> Result<(), String> {
    match (python, ext == "py") {
        (true, false) => Err(format!(
            "{}: with --python the output must end in .py",
            output.display()
        )),
        (false, true) => Err(format!(
            "{}: a .py output is the PyTorch script: add --python (a figure ends in .svg, .png or .gif)",
            output.display()
        )),
        _ => Ok(()),
    }
}

/// Writes the script for `spec` on `input` with `weight` (PyTorch's layouts) and `bias`, expecting
/// `output` (row-major) of `shape`, to `path`; returns a one-line summary.
pub fn write(
    path: &Path,
    spec: &LayerSpec,
    (input, weight, bias): (&Tensor, &Tensor, Option<&[f32]>),
    (output, shape): (&[f32], &[usize]),
) -> Result<String, String> {
    let text = script(spec, input, (weight, bias), (output, shape));
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(format!("wrote {} (PyTorch script)", path.display()))
}
