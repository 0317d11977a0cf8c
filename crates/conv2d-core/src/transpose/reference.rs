//! The plain definition of ConvTranspose2d, one output cell at a time, kept as the yardstick for the
//! fast path.

use crate::tensor::Tensor;

use super::TransposeLayer;

/// `out[oc, oy, ox] = bias[oc] + Σ x[ic, iy, ix] · w[ic, oc − g·cout_g, ky, kx]` over the input
/// channels `ic` of `oc`'s group and every `(iy, ix, ky, kx)` with `iy·s + ky·d − p = oy` (and
/// likewise for columns).
pub fn forward(
    layer: &TransposeLayer,
    input: &Tensor,
    weight: &Tensor,
    bias: Option<&[f32]>,
) -> Tensor {
    let [cout, ho, wo] = layer.output_shape();
    let [kh, kw] = layer.kernel;
    let (cin_g, cout_g) = (layer.in_per_group(), layer.out_per_group());
    let mut out = Tensor::zeros(&[cout, ho, wo]);
    for oc in 0..cout {
        let g = layer.group_of_output(oc);
        for oy in 0..ho {
            for ox in 0..wo {
                let mut acc = bias.map_or(0.0, |b| b[oc]);
                for ci in 0..cin_g {
                    let ic = g * cin_g + ci;
                    for ky in 0..kh {
                        let Some(iy) = layer.source_index(0, oy, ky) else {
                            continue;
                        };
                        for kx in 0..kw {
                            if let Some(ix) = layer.source_index(1, ox, kx) {
                                acc += input.at(&[ic, iy, ix])
                                    * weight.at(&[ic, oc - g * cout_g, ky, kx]);
                            }
                        }
                    }
                }
                let i = out.offset(&[oc, oy, ox]);
                out.data[i] = acc;
            }
        }
    }
    out
}
