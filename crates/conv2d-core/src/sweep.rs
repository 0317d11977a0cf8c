//! Sweeps for the scaling charts: one argument varied around a configuration, every other kept, each
//! point checked by PyTorch's rules (rejected points are kept, with the sentence, so the UI can say
//! which were skipped and why). Plus the least-squares fit the claims' verdicts are made from.

use crate::cost::Cost;
use crate::error::SpecError;
use crate::layer::Layer;
use crate::spec::{Conv2dSpec, PaddingArg, Pair};
use crate::validate::validate;

/// The argument a chart sweeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SweepArg {
    /// in_channels.
    InChannels,
    /// out_channels.
    OutChannels,
    /// kernel_size (square, k × k).
    KernelSize,
    /// stride (square).
    Stride,
    /// padding (square, numbers).
    Padding,
    /// dilation (square).
    Dilation,
    /// groups (common divisors of the channel counts).
    Groups,
    /// input height = width.
    InputSize,
}

impl SweepArg {
    /// Every chart, in the article's order.
    pub const ALL: [SweepArg; 8] = [
        Self::InChannels,
        Self::OutChannels,
        Self::KernelSize,
        Self::Stride,
        Self::Padding,
        Self::Dilation,
        Self::Groups,
        Self::InputSize,
    ];

    /// The name (PyTorch's, or `input_size`).
    pub fn name(self) -> &'static str {
        match self {
            Self::InChannels => "in_channels",
            Self::OutChannels => "out_channels",
            Self::KernelSize => "kernel_size",
            Self::Stride => "stride",
            Self::Padding => "padding",
            Self::Dilation => "dilation",
            Self::Groups => "groups",
            Self::InputSize => "input_size",
        }
    }

    /// The argument called `name`.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.name() == name)
    }

    /// The current value of this argument in a configuration (height for pairs and the input).
    pub fn current(self, spec: &Conv2dSpec, height: i64) -> Option<i64> {
        Some(match self {
            Self::InChannels => spec.in_channels,
            Self::OutChannels => spec.out_channels,
            Self::KernelSize => spec.kernel_size.h,
            Self::Stride => spec.stride.h,
            Self::Padding => match spec.padding {
                PaddingArg::Explicit(p) => p.h,
                PaddingArg::Named(_) => return None,
            },
            Self::Dilation => spec.dilation.h,
            Self::Groups => spec.groups,
            Self::InputSize => height,
        })
    }

    /// The x values swept around a configuration.
    pub fn values(self, spec: &Conv2dSpec, height: i64) -> Vec<i64> {
        let mut v: Vec<i64> = match self {
            Self::InChannels | Self::OutChannels => vec![1, 2, 3, 4, 6, 8, 12, 16, 24, 32],
            Self::KernelSize => (1..=9).collect(),
            Self::Stride => (1..=6).collect(),
            Self::Padding => (0..=8).collect(),
            Self::Dilation => (1..=6).collect(),
            Self::Groups => {
                let (a, b) = (spec.in_channels.max(1), spec.out_channels.max(1));
                (1..=a.min(b))
                    .filter(|g| a % g == 0 && b % g == 0)
                    .collect()
            }
            Self::InputSize => vec![4, 8, 12, 16, 24, 32, 48, 64],
        };
        if let Some(c) = self.current(spec, height) {
            if c >= 0 && !v.contains(&c) {
                v.push(c);
            }
        }
        v.sort_unstable();
        v
    }

    /// The configuration with this argument set to `x`: (spec, height, width).
    pub fn apply(
        self,
        spec: &Conv2dSpec,
        height: i64,
        width: i64,
        x: i64,
    ) -> (Conv2dSpec, i64, i64) {
        let mut s = spec.clone();
        let (mut h, mut w) = (height, width);
        match self {
            Self::InChannels => s.in_channels = x,
            Self::OutChannels => s.out_channels = x,
            Self::KernelSize => s.kernel_size = Pair::square(x),
            Self::Stride => s.stride = Pair::square(x),
            Self::Padding => s.padding = PaddingArg::Explicit(Pair::square(x)),
            Self::Dilation => s.dilation = Pair::square(x),
            Self::Groups => s.groups = x,
            Self::InputSize => (h, w) = (x, x),
        }
        (s, h, w)
    }
}

/// One point of a sweep.
#[derive(Clone, Debug, PartialEq)]
pub struct SweepPoint {
    /// The swept argument's value.
    pub x: i64,
    /// The layer at this point, or PyTorch's rejection.
    pub layer: Result<Layer, SpecError>,
}

impl SweepPoint {
    /// The cost at this point, if valid.
    pub fn cost(&self) -> Option<Cost> {
        self.layer.as_ref().ok().map(Cost::of)
    }
}

/// Sweeps `arg` around the configuration `(spec, height, width)`.
pub fn sweep(arg: SweepArg, spec: &Conv2dSpec, height: i64, width: i64) -> Vec<SweepPoint> {
    arg.values(spec, height)
        .into_iter()
        .map(|x| {
            let (s, h, w) = arg.apply(spec, height, width, x);
            SweepPoint {
                x,
                layer: validate(&s, [s.in_channels, h, w]),
            }
        })
        .collect()
}

/// A least-squares line `y = slope·x + intercept` and its coefficient of determination.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Fit {
    /// Slope.
    pub slope: f64,
    /// Intercept.
    pub intercept: f64,
    /// R² (1 for a perfect line; 1 as well when every y is equal and the line is flat).
    pub r2: f64,
}

/// Fits a line through `(x, y)` points; `None` with fewer than two distinct x.
pub fn linear_fit(points: &[(f64, f64)]) -> Option<Fit> {
    let n = points.len() as f64;
    if points.len() < 2 {
        return None;
    }
    let mx = points.iter().map(|p| p.0).sum::<f64>() / n;
    let my = points.iter().map(|p| p.1).sum::<f64>() / n;
    let sxx: f64 = points.iter().map(|p| (p.0 - mx).powi(2)).sum();
    if sxx == 0.0 {
        return None;
    }
    let sxy: f64 = points.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum();
    let slope = sxy / sxx;
    let intercept = my - slope * mx;
    let ss_tot: f64 = points.iter().map(|p| (p.1 - my).powi(2)).sum();
    let ss_res: f64 = points
        .iter()
        .map(|p| (p.1 - slope * p.0 - intercept).powi(2))
        .sum();
    let r2 = if ss_tot == 0.0 {
        1.0
    } else {
        1.0 - ss_res / ss_tot
    };
    Some(Fit {
        slope,
        intercept,
        r2,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_sweep_only_common_divisors() {
        let spec = Conv2dSpec::new(12, 8, Pair::square(3));
        assert_eq!(SweepArg::Groups.values(&spec, 7), vec![1, 2, 4]);
    }

    #[test]
    fn rejected_points_keep_pytorchs_sentence() {
        let mut spec = Conv2dSpec::new(4, 4, Pair::square(3));
        spec.groups = 2;
        let pts = sweep(SweepArg::InChannels, &spec, 7, 7);
        let odd = pts.iter().find(|p| p.x == 3).unwrap();
        assert_eq!(
            odd.layer.as_ref().unwrap_err().message,
            "in_channels must be divisible by groups"
        );
        assert!(pts.iter().find(|p| p.x == 4).unwrap().layer.is_ok());
    }

    #[test]
    fn a_fit_recovers_a_line_and_scores_noise_lower() {
        let line: Vec<(f64, f64)> = (1..=8).map(|x| (x as f64, 3.0 * x as f64 + 1.0)).collect();
        let f = linear_fit(&line).unwrap();
        assert!(
            (f.slope - 3.0).abs() < 1e-12
                && (f.intercept - 1.0).abs() < 1e-12
                && (f.r2 - 1.0).abs() < 1e-12
        );
        let noisy: Vec<(f64, f64)> = line
            .iter()
            .enumerate()
            .map(|(i, &(x, y))| (x, y + if i % 2 == 0 { 4.0 } else { -4.0 }))
            .collect();
        assert!(linear_fit(&noisy).unwrap().r2 < 0.95);
    }
}
