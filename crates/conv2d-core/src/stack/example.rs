//! Example values for a stack, so that a page has "current weights" before anyone types one: small
//! seeded integers (weights in −1..=1, biases in −2..=2, inputs in −3..=3, as the single-layer
//! playground draws them), the same on native and wasm32.

use super::forward::Weights;
use super::layers::StackLayer;
use super::summary::summarize;
use crate::data::seeded_ints;
use crate::tensor::Tensor;
use crate::transpose::validate_transpose;
use crate::validate::validate;

const SALT_INPUT: u64 = 0x51;
const SALT_WEIGHT: u64 = 0x52;
const SALT_BIAS: u64 = 0x53;

/// The seed of layer `i`'s values: each layer draws its own.
fn layer_seed(seed: u64, i: usize) -> u64 {
    seed ^ (i as u64 + 1).wrapping_mul(0xD1B5_4A32_D192_ED03)
}

/// Seeded weights for every convolution of `layers` on an input of `input` (`(C, H, W)`): one entry
/// per layer, `Some` for a Conv2d or ConvTranspose2d that PyTorch accepts there (its weight in
/// PyTorch's layout, its bias when it has one), `None` for the others and for every layer from the
/// first rejected one on.
pub fn example_weights(
    layers: &[StackLayer],
    input: [usize; 3],
    seed: u64,
) -> Vec<Option<Weights>> {
    let s = summarize(layers, input);
    layers
        .iter()
        .enumerate()
        .map(|(i, layer)| {
            let before = if i == 0 {
                input
            } else {
                s.rows.get(i - 1)?.output
            };
            s.rows.get(i)?;
            let signed = before.map(|v| v as i64);
            let (shape, bias) = match layer {
                StackLayer::Conv2d(spec) => {
                    let l = validate(spec, signed).ok()?;
                    (l.weight_shape(), l.bias_shape())
                }
                StackLayer::ConvTranspose2d(spec) => {
                    let t = validate_transpose(spec, signed).ok()?;
                    (t.weight_shape(), t.bias_shape())
                }
                _ => return None,
            };
            let seed = layer_seed(seed, i);
            let n = shape.iter().product();
            Some(Weights {
                weight: Tensor {
                    shape: shape.to_vec(),
                    data: seeded_ints(seed, SALT_WEIGHT, n, -1, 1),
                },
                bias: bias.map(|[n]| seeded_ints(seed, SALT_BIAS, n, -2, 2)),
            })
        })
        .collect()
}

/// A seeded input of `shape` (`(C, H, W)`): integers in −3..=3.
pub fn example_input(shape: [usize; 3], seed: u64) -> Tensor {
    let n = shape.iter().product();
    Tensor {
        shape: shape.to_vec(),
        data: seeded_ints(seed, SALT_INPUT, n, -3, 3),
    }
}

#[cfg(test)]
mod tests {
    use super::super::read;
    use super::*;

    #[test]
    fn every_convolution_gets_weights_of_its_shape_and_the_stack_runs() {
        let text = "Conv2d(3, 8, 3, padding=1), BatchNorm2d(8), ReLU(), MaxPool2d(2), \
                    ConvTranspose2d(8, 4, 4, stride=2, padding=1, groups=2, bias=False)";
        let layers: Vec<StackLayer> = read(text).unwrap().into_iter().map(|(_, l)| l).collect();
        let w = example_weights(&layers, [3, 8, 8], 7);
        let shapes: Vec<Option<(Vec<usize>, Option<usize>)>> = w
            .iter()
            .map(|w| {
                w.as_ref()
                    .map(|w| (w.weight.shape.clone(), w.bias.as_ref().map(Vec::len)))
            })
            .collect();
        assert_eq!(
            shapes,
            [
                Some((vec![8, 3, 3, 3], Some(8))),
                None,
                None,
                None,
                Some((vec![8, 2, 4, 4], None)),
            ]
        );
        assert_eq!(w, example_weights(&layers, [3, 8, 8], 7), "seeded");
        assert_ne!(w, example_weights(&layers, [3, 8, 8], 8));
        let x = example_input([3, 8, 8], 7);
        assert!(x
            .data
            .iter()
            .all(|v| (-3.0..=3.0).contains(v) && v.fract() == 0.0));
        let outs = super::super::forward::forward(&layers, &w, &x).unwrap();
        assert_eq!(outs.last().unwrap().shape, [4, 8, 8]);
    }

    #[test]
    fn layers_from_the_first_rejected_one_get_none() {
        let text = "Conv2d(3, 8, 3), Conv2d(4, 8, 3), Conv2d(8, 8, 3)";
        let layers: Vec<StackLayer> = read(text).unwrap().into_iter().map(|(_, l)| l).collect();
        let w = example_weights(&layers, [3, 8, 8], 1);
        assert!(w[0].is_some() && w[1].is_none() && w[2].is_none());
    }
}
