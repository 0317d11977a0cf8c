//! Each call of a stack made a layer: its arguments bound as Python binds them to PyTorch's
//! signatures (with Python's own `TypeError` sentences for too many, unknown, repeated or missing
//! arguments), and turned into the layer's values. A name the playground does not know (Linear,
//! Flatten, a typo) is said to be one, by name.

use super::parse::{Call, Lit};
use crate::spec::{Conv2dSpec, ConvTranspose2dSpec, PaddingArg, Pair};

/// A pooling layer's arguments, PyTorch's defaults filled in (`stride` defaults to `kernel_size`).
#[derive(Clone, Debug, PartialEq)]
pub struct PoolSpec {
    /// kernel_size.
    pub kernel: Pair,
    /// stride.
    pub stride: Pair,
    /// padding.
    pub padding: Pair,
    /// dilation (max pooling only; 1 for average pooling).
    pub dilation: Pair,
    /// ceil_mode.
    pub ceil_mode: bool,
    /// count_include_pad (average pooling).
    pub count_include_pad: bool,
    /// divisor_override (average pooling).
    pub divisor_override: Option<i64>,
}

/// A layer of a stack.
#[derive(Clone, Debug, PartialEq)]
pub enum StackLayer {
    /// `nn.Conv2d`.
    Conv2d(Conv2dSpec),
    /// `nn.ConvTranspose2d`.
    ConvTranspose2d(ConvTranspose2dSpec),
    /// `nn.MaxPool2d`.
    MaxPool2d(PoolSpec),
    /// `nn.AvgPool2d`.
    AvgPool2d(PoolSpec),
    /// `nn.AdaptiveAvgPool2d(output_size)`: a side of `None` keeps the input's.
    AdaptiveAvgPool2d([Option<i64>; 2]),
    /// `nn.BatchNorm2d`: the shape kept, `num_features` must be the channels.
    BatchNorm2d {
        /// num_features.
        features: i64,
        /// eps (the running statistics are the defaults: mean 0, variance 1).
        eps: f32,
        /// Trainable values per channel: 2 (weight and bias), 1 (`bias=False`), 0 (`affine=False`).
        params: u8,
    },
    /// A layer that keeps the shape and mixes nothing across cells (ReLU, GELU, Dropout, …).
    Pointwise(Act),
}

/// A cell-by-cell layer: its name, and its one number (LeakyReLU's `negative_slope`; 1 for GELU's
/// `approximate='tanh'`; 0 otherwise).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Act {
    /// PyTorch's class name.
    pub name: &'static str,
    /// Its parameter.
    pub param: f32,
}

/// The layers that keep the shape, cell by cell.
pub const POINTWISE: [&str; 8] = [
    "ReLU",
    "LeakyReLU",
    "GELU",
    "SiLU",
    "Sigmoid",
    "Tanh",
    "Dropout",
    "Identity",
];

/// A parameter of a signature: its name and default (`None`: required).
type Param = (&'static str, Option<Lit>);

/// PyTorch's signature of `name`: the class whose `__init__` Python names in its messages, and
/// the parameters after `self` (keyword-only ones last, marked by `kw_from`).
fn signature(name: &str) -> Option<(&'static str, Vec<Param>, usize)> {
    use Lit::{Bool, Float, Int, None as N, Str};
    let one = || Some(Int(1));
    let conv = |transposed: bool| {
        let mut p: Vec<Param> = vec![
            ("in_channels", None),
            ("out_channels", None),
            ("kernel_size", None),
            ("stride", one()),
            ("padding", Some(Int(0))),
        ];
        if transposed {
            p.extend([
                ("output_padding", Some(Int(0))),
                ("groups", one()),
                ("bias", Some(Bool(true))),
                ("dilation", one()),
            ]);
        } else {
            p.extend([
                ("dilation", one()),
                ("groups", one()),
                ("bias", Some(Bool(true))),
            ]);
        }
        p.extend([
            ("padding_mode", Some(Str("zeros".into()))),
            ("device", Some(N)),
            ("dtype", Some(N)),
        ]);
        p
    };
    Some(match name {
        "Conv2d" => ("Conv2d", conv(false), 11),
        "ConvTranspose2d" => ("ConvTranspose2d", conv(true), 12),
        "MaxPool2d" => {
            let p = vec![
                ("kernel_size", None),
                ("stride", Some(N)),
                ("padding", Some(Int(0))),
                ("dilation", one()),
                ("return_indices", Some(Bool(false))),
                ("ceil_mode", Some(Bool(false))),
            ];
            ("_MaxPoolNd", p, 6)
        }
        "AvgPool2d" => {
            let p = vec![
                ("kernel_size", None),
                ("stride", Some(N)),
                ("padding", Some(Int(0))),
                ("ceil_mode", Some(Bool(false))),
                ("count_include_pad", Some(Bool(true))),
                ("divisor_override", Some(N)),
            ];
            ("AvgPool2d", p, 6)
        }
        "AdaptiveAvgPool2d" => ("_AdaptiveAvgPoolNd", vec![("output_size", None)], 1),
        "BatchNorm2d" => {
            let p = vec![
                ("num_features", None),
                ("eps", Some(Float(1e-5))),
                ("momentum", Some(Float(0.1))),
                ("affine", Some(Bool(true))),
                ("track_running_stats", Some(Bool(true))),
                ("device", Some(N)),
                ("dtype", Some(N)),
                ("bias", Some(Bool(true))),
            ];
            ("_BatchNorm", p, 7)
        }
        "ReLU" | "SiLU" => (pointwise(name), vec![("inplace", Some(Bool(false)))], 1),
        "LeakyReLU" => (
            "LeakyReLU",
            vec![
                ("negative_slope", Some(Float(0.01))),
                ("inplace", Some(Bool(false))),
            ],
            2,
        ),
        "GELU" => ("GELU", vec![("approximate", Some(Str("none".into())))], 1),
        "Dropout" => (
            "_DropoutNd",
            vec![("p", Some(Float(0.5))), ("inplace", Some(Bool(false)))],
            2,
        ),
        "Sigmoid" | "Tanh" => (pointwise(name), Vec::new(), 0),
        _ => return None,
    })
}

fn pointwise(name: &str) -> &'static str {
    POINTWISE
        .iter()
        .find(|&&n| n == name)
        .copied()
        .unwrap_or("Module")
}

/// `'a'`, `'a' and 'b'`, `'a', 'b', and 'c'`: Python's list of missing names.
fn quoted_list(names: &[&str]) -> String {
    let q: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    match q.len() {
        0 | 1 => q.join(""),
        2 => format!("{} and {}", q[0], q[1]),
        n => format!("{}, and {}", q[..n - 1].join(", "), q[n - 1]),
    }
}

/// The call's arguments bound to `params` as Python binds them: every parameter's value.
fn bind(call: &Call, owner: &str, params: &[Param], positional: usize) -> Result<Vec<Lit>, String> {
    let init = format!("{owner}.__init__()");
    if call.args.len() > positional {
        let required = params
            .iter()
            .take(positional)
            .filter(|p| p.1.is_none())
            .count();
        let takes = if required == positional {
            format!(
                "takes {} positional argument{}",
                positional + 1,
                if positional == 0 { "" } else { "s" }
            )
        } else {
            format!(
                "takes from {} to {} positional arguments",
                required + 1,
                positional + 1
            )
        };
        let given = call.args.len() + 1;
        let verb = if given == 1 { "was" } else { "were" };
        return Err(format!("{init} {takes} but {given} {verb} given"));
    }
    let mut values: Vec<Option<Lit>> = vec![None; params.len()];
    for (i, v) in call.args.iter().enumerate() {
        values[i] = Some(v.clone());
    }
    for (k, v) in &call.kwargs {
        let Some(i) = params.iter().position(|p| p.0 == k) else {
            return Err(format!("{init} got an unexpected keyword argument '{k}'"));
        };
        if values[i].is_some() {
            return Err(format!("{init} got multiple values for argument '{k}'"));
        }
        values[i] = Some(v.clone());
    }
    let missing: Vec<&str> = params
        .iter()
        .zip(&values)
        .filter(|(p, v)| p.1.is_none() && v.is_none())
        .map(|(p, _)| p.0)
        .collect();
    if !missing.is_empty() {
        let s = if missing.len() == 1 { "" } else { "s" };
        return Err(format!(
            "{init} missing {} required positional argument{s}: {}",
            missing.len(),
            quoted_list(&missing)
        ));
    }
    Ok(params
        .iter()
        .zip(values)
        .map(|(p, v)| v.or_else(|| p.1.clone()).unwrap_or(Lit::None))
        .collect())
}

/// The largest magnitude an integer argument may have here: larger shapes than a browser tab can
/// hold are refused before any arithmetic on them.
pub const MAX_INT: i64 = 4096;

fn int(name: &str, v: &Lit) -> Result<i64, String> {
    match v {
        Lit::Int(n) if n.abs() > MAX_INT => Err(format!(
            "{name} = {n} is larger than the playground takes (at most {MAX_INT})"
        )),
        Lit::Int(n) => Ok(*n),
        Lit::Bool(b) => Ok(i64::from(*b)),
        other => Err(format!("{name} must be an int, but got {}", show(other))),
    }
}

fn pair(name: &str, v: &Lit) -> Result<Pair, String> {
    match v {
        Lit::Int(n) => Ok(Pair::square(*n)),
        Lit::Seq(s) if s.len() == 2 => Ok(Pair::new(int(name, &s[0])?, int(name, &s[1])?)),
        Lit::Seq(s) if s.len() == 1 => Ok(Pair::square(int(name, &s[0])?)),
        other => Err(format!(
            "{name} must be an int or a pair of ints, but got {}",
            show(other)
        )),
    }
}

fn float(name: &str, v: &Lit) -> Result<f32, String> {
    match v {
        Lit::Float(f) => Ok(*f as f32),
        Lit::Int(n) => Ok(*n as f32),
        other => Err(format!("{name} must be a number, but got {}", show(other))),
    }
}

fn boolean(name: &str, v: &Lit) -> Result<bool, String> {
    match v {
        Lit::Bool(b) => Ok(*b),
        Lit::Int(n) => Ok(*n != 0),
        other => Err(format!(
            "{name} must be True or False, but got {}",
            show(other)
        )),
    }
}

/// A value as Python prints it.
pub fn show(v: &Lit) -> String {
    match v {
        Lit::Int(n) => n.to_string(),
        Lit::Float(f) => format!("{f:?}"),
        Lit::Bool(b) => if *b { "True" } else { "False" }.into(),
        Lit::None => "None".into(),
        Lit::Str(s) => format!("'{s}'"),
        Lit::Seq(items) => {
            let inner: Vec<String> = items.iter().map(show).collect();
            format!("({})", inner.join(", "))
        }
    }
}

/// The layer a call makes, or why it makes none (Python's `TypeError`, or a name the playground
/// does not know).
pub fn layer_of(call: &Call) -> Result<StackLayer, String> {
    if call.name == "Identity" {
        // nn.Identity takes any arguments and ignores them.
        return Ok(StackLayer::Pointwise(Act {
            name: "Identity",
            param: 0.0,
        }));
    }
    let Some((owner, params, positional)) = signature(&call.name) else {
        return Err(format!(
            "{} is not a layer the playground has (it draws Conv2d, ConvTranspose2d, MaxPool2d, \
             AvgPool2d, AdaptiveAvgPool2d, BatchNorm2d and the layers that keep the shape: {})",
            call.name,
            POINTWISE.join(", ")
        ));
    };
    let v = bind(call, owner, &params, positional)?;
    Ok(match call.name.as_str() {
        "Conv2d" | "ConvTranspose2d" => {
            let padding_of = |l: &Lit| match l {
                Lit::Str(s) => Ok(PaddingArg::Named(s.clone())),
                other => pair("padding", other).map(PaddingArg::Explicit),
            };
            let mode = match &v[if call.name == "Conv2d" { 8 } else { 9 }] {
                Lit::Str(s) => s.clone(),
                other => show(other),
            };
            if call.name == "Conv2d" {
                StackLayer::Conv2d(Conv2dSpec {
                    in_channels: int("in_channels", &v[0])?,
                    out_channels: int("out_channels", &v[1])?,
                    kernel_size: pair("kernel_size", &v[2])?,
                    stride: pair("stride", &v[3])?,
                    padding: padding_of(&v[4])?,
                    dilation: pair("dilation", &v[5])?,
                    groups: int("groups", &v[6])?,
                    bias: boolean("bias", &v[7])?,
                    padding_mode: mode,
                })
            } else {
                StackLayer::ConvTranspose2d(ConvTranspose2dSpec {
                    in_channels: int("in_channels", &v[0])?,
                    out_channels: int("out_channels", &v[1])?,
                    kernel_size: pair("kernel_size", &v[2])?,
                    stride: pair("stride", &v[3])?,
                    padding: padding_of(&v[4])?,
                    output_padding: pair("output_padding", &v[5])?,
                    groups: int("groups", &v[6])?,
                    bias: boolean("bias", &v[7])?,
                    dilation: pair("dilation", &v[8])?,
                    padding_mode: mode,
                })
            }
        }
        "MaxPool2d" | "AvgPool2d" => {
            let max = call.name == "MaxPool2d";
            let kernel = pair("kernel_size", &v[0])?;
            let stride = match &v[1] {
                Lit::None => kernel,
                Lit::Seq(s) if s.is_empty() => kernel,
                other => pair("stride", other)?,
            };
            let spec = PoolSpec {
                kernel,
                stride,
                padding: pair("padding", &v[2])?,
                dilation: if max {
                    pair("dilation", &v[3])?
                } else {
                    Pair::square(1)
                },
                ceil_mode: boolean("ceil_mode", &v[if max { 5 } else { 3 }])?,
                count_include_pad: !max && boolean("count_include_pad", &v[4])?,
                divisor_override: match (&v[5], max) {
                    (Lit::None, _) | (_, true) => None,
                    (other, false) => Some(int("divisor_override", other)?),
                },
            };
            if max {
                StackLayer::MaxPool2d(spec)
            } else {
                StackLayer::AvgPool2d(spec)
            }
        }
        "AdaptiveAvgPool2d" => {
            let side = |l: &Lit| match l {
                Lit::None => Ok(None),
                other => int("output_size", other).map(Some),
            };
            StackLayer::AdaptiveAvgPool2d(match &v[0] {
                Lit::Seq(s) if s.len() == 2 => [side(&s[0])?, side(&s[1])?],
                other => {
                    let n = side(other)?;
                    [n, n]
                }
            })
        }
        "BatchNorm2d" => {
            let affine = boolean("affine", &v[3])?;
            let bias = boolean("bias", &v[7])?;
            StackLayer::BatchNorm2d {
                features: int("num_features", &v[0])?,
                eps: float("eps", &v[1])?,
                params: if affine { 1 + u8::from(bias) } else { 0 },
            }
        }
        other => StackLayer::Pointwise(Act {
            name: pointwise(other),
            param: match other {
                "LeakyReLU" => float("negative_slope", &v[0])?,
                "GELU" => match &v[0] {
                    Lit::Str(s) if s == "tanh" => 1.0,
                    Lit::Str(s) if s == "none" => 0.0,
                    other => {
                        return Err(format!(
                            "approximate argument must be either none or tanh, but got {}",
                            show(other)
                        ))
                    }
                },
                _ => 0.0,
            },
        }),
    })
}

#[cfg(test)]
mod tests {
    use super::super::parse::parse;
    use super::*;

    fn one(text: &str) -> Result<StackLayer, String> {
        layer_of(&parse(text).unwrap()[0])
    }

    #[test]
    fn arguments_bind_as_python_binds_them() {
        let StackLayer::Conv2d(c) = one("Conv2d(3, 64, 7, 2, 3, bias=False)").unwrap() else {
            panic!()
        };
        assert_eq!(
            (c.stride, c.padding.clone(), c.bias),
            (
                Pair::square(2),
                PaddingArg::Explicit(Pair::square(3)),
                false
            )
        );
        let StackLayer::MaxPool2d(p) = one("MaxPool2d(3, None, 1, ceil_mode=True)").unwrap() else {
            panic!()
        };
        assert_eq!(
            (p.stride, p.ceil_mode),
            (Pair::square(3), true),
            "stride defaults to kernel_size"
        );
        assert_eq!(
            one("AdaptiveAvgPool2d((None, 7))").unwrap(),
            StackLayer::AdaptiveAvgPool2d([None, Some(7)])
        );
        let act = |name, param| StackLayer::Pointwise(Act { name, param });
        assert_eq!(one("nn.ReLU(inplace=True)").unwrap(), act("ReLU", 0.0));
        assert_eq!(one("Identity(54, unused=1)").unwrap(), act("Identity", 0.0));
        assert_eq!(one("LeakyReLU(0.2)").unwrap(), act("LeakyReLU", 0.2));
        assert_eq!(one("GELU(approximate='tanh')").unwrap(), act("GELU", 1.0));
    }

    /// Python's own sentences (the same cases, and more, are in the PyTorch fixtures).
    #[test]
    fn a_bad_call_gets_pythons_sentence() {
        let cases = [
            ("Conv2d(3, 8, 3, foo=1)", "Conv2d.__init__() got an unexpected keyword argument 'foo'"),
            ("Conv2d(3, 8)", "Conv2d.__init__() missing 1 required positional argument: 'kernel_size'"),
            ("Conv2d()", "Conv2d.__init__() missing 3 required positional arguments: 'in_channels', 'out_channels', and 'kernel_size'"),
            ("MaxPool2d()", "_MaxPoolNd.__init__() missing 1 required positional argument: 'kernel_size'"),
            ("MaxPool2d(1, 2, 3, 4, 5, 6, 7)", "_MaxPoolNd.__init__() takes from 2 to 7 positional arguments but 8 were given"),
            ("ReLU(True, 2)", "ReLU.__init__() takes from 1 to 2 positional arguments but 3 were given"),
            ("Sigmoid(1)", "Sigmoid.__init__() takes 1 positional argument but 2 were given"),
            ("Conv2d(3, 8, 3, 1, stride=2)", "Conv2d.__init__() got multiple values for argument 'stride'"),
        ];
        for (text, want) in cases {
            assert_eq!(one(text).unwrap_err(), want, "{text}");
        }
        assert!(one("nn.Linear(512, 10)")
            .unwrap_err()
            .starts_with("Linear is not a layer the playground has"));
    }
}
