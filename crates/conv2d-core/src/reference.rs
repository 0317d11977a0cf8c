//! The plain definition of Conv2d, one output cell at a time, kept as the yardstick for the fast path.

use crate::layer::Layer;
use crate::tensor::Tensor;

/// `out[oc, oy, ox] = bias[oc] + Σ_{ci, ky, kx} padded[g·cin_g + ci, oy·s + ky·d, ox·s + kx·d] · w[oc, ci, ky, kx]`.
pub fn forward(layer: &Layer, input: &Tensor, weight: &Tensor, bias: Option<&[f32]>) -> Tensor {
    let [cout, ho, wo] = layer.output_shape();
    let [kh, kw] = layer.kernel;
    let cin_g = layer.in_per_group();
    let mut out = Tensor::zeros(&[cout, ho, wo]);
    for oc in 0..cout {
        let g = layer.group_of_output(oc);
        for oy in 0..ho {
            for ox in 0..wo {
                let mut acc = bias.map_or(0.0, |b| b[oc]);
                for ci in 0..cin_g {
                    for ky in 0..kh {
                        for kx in 0..kw {
                            let py = oy * layer.stride[0] + ky * layer.dilation[0];
                            let px = ox * layer.stride[1] + kx * layer.dilation[1];
                            if let Some((y, x)) = layer.source(py, px).input_cell() {
                                acc += input.at(&[g * cin_g + ci, y, x])
                                    * weight.at(&[oc, ci, ky, kx]);
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
