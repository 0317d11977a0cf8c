//! Sweeps for the scaling charts: one argument varied around a configuration, every other kept, each
//! point checked by PyTorch's rules (rejected points are kept, with the sentence, so the UI can say
//! which were skipped and why). Plus the least-squares fit the claims' verdicts are made from.

use crate::any::AnyLayer;
use crate::args::{Arg, Config, LayerKind};
use crate::cost::Cost;
use crate::error::SpecError;
use crate::layer::Layer;

pub use crate::args::GROUPS_SWEPT;

/// What a chart sweeps: one argument of the layer (square for pairs), or the input's size (height
/// and width together).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SweepArg {
    /// One argument, every other kept.
    Arg(Arg),
    /// The input's height = width.
    InputSize,
}

impl SweepArg {
    /// The charts of a kind of layer, in the article's order: each argument that has a sweep
    /// ([`Arg::sweep_values`]), then the input size.
    pub fn all(kind: LayerKind) -> Vec<SweepArg> {
        kind.arguments()
            .iter()
            .filter(|a| !a.is_input() && a.has_chart())
            .map(|&a| SweepArg::Arg(a))
            .chain([SweepArg::InputSize])
            .collect()
    }

    /// The name (PyTorch's, or `input_size`).
    pub fn name(self) -> &'static str {
        match self {
            Self::Arg(a) => a.name(),
            Self::InputSize => "input_size",
        }
    }

    /// The sweep called `name`.
    pub fn from_name(name: &str) -> Option<Self> {
        if name == "input_size" {
            return Some(Self::InputSize);
        }
        Arg::from_name(name).map(Self::Arg)
    }

    /// The current value of this argument in a configuration (height for pairs and the input).
    pub fn current(self, config: &Config) -> Option<i64> {
        match self {
            Self::Arg(a) => a.swept_value(config),
            Self::InputSize => Some(config.height),
        }
    }

    /// The x values swept around a configuration. Groups sweep every value from 1 to the larger
    /// channel count (at most [`GROUPS_SWEPT`]) as well as the common divisors beyond it, so the
    /// values PyTorch rejects (the ones that do not divide both channel counts) are listed with its
    /// sentence, as on the other charts, rather than left out unseen.
    pub fn values(self, config: &Config) -> Vec<i64> {
        let arg = match self {
            Self::Arg(a) => a,
            Self::InputSize => Arg::Height,
        };
        arg.sweep_values(config).unwrap_or_default()
    }

    /// Whether the sweep moves both sides together (a square pair, the input size), or only the
    /// height of a pair that is not square.
    pub fn both_sides(self, config: &Config) -> bool {
        match self {
            Self::Arg(a) => !matches!(config.get(a), Some(crate::Value::Pair(p)) if !p.is_square()),
            Self::InputSize => true,
        }
    }

    /// The configuration with this argument set to `x`.
    pub fn apply(self, config: &Config, x: i64) -> Config {
        let mut c = config.clone();
        match self {
            Self::Arg(a) => {
                let v = a.swept(config, x);
                c.set(a, v);
            }
            Self::InputSize => (c.height, c.width) = (x, x),
        }
        c
    }
}

/// One point of a sweep: the Conv2d's checked layer (`SweepPoint`), or a layer of any kind
/// ([`CheckedPoint`]).
#[derive(Clone, Debug, PartialEq)]
pub struct SweepPoint<L = Layer> {
    /// The swept argument's value.
    pub x: i64,
    /// The layer at this point, or PyTorch's rejection.
    pub layer: Result<L, SpecError>,
}

/// One point of a sweep of a layer of any kind.
pub type CheckedPoint = SweepPoint<AnyLayer>;

impl SweepPoint<Layer> {
    /// The cost at this point, if valid.
    pub fn cost(&self) -> Option<Cost> {
        self.layer.as_ref().ok().map(Cost::of)
    }
}

impl SweepPoint<AnyLayer> {
    /// The cost at this point, if valid.
    pub fn cost(&self) -> Option<Cost> {
        self.layer.as_ref().ok().map(AnyLayer::cost)
    }
}

/// The points of `arg` around `config`, each checked by `check`.
fn points<L>(
    arg: SweepArg,
    config: &Config,
    check: impl Fn(&Config) -> Result<L, SpecError>,
) -> Vec<SweepPoint<L>> {
    arg.values(config)
        .into_iter()
        .map(|x| SweepPoint {
            x,
            layer: check(&arg.apply(config, x)),
        })
        .collect()
}

/// Sweeps `arg` around `config` (a Conv2d).
pub fn sweep(arg: SweepArg, config: &Config) -> Vec<SweepPoint> {
    points(arg, config, Config::validate)
}

/// Sweeps `arg` around `config`, whatever the layer's kind ([`sweep`] is the Conv2d's).
pub fn sweep_checked(arg: SweepArg, config: &Config) -> Vec<CheckedPoint> {
    points(arg, config, Config::check)
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

/// A least-squares line through the origin, `y = slope·x` (a proportional law, no intercept), and
/// its coefficient of determination against the mean of y, as for any fit:
/// `R² = 1 − Σ(y − slope·x)² / Σ(y − ȳ)²`. It can be negative: a line through the origin may
/// explain the data worse than their mean does (a fixed cost that an intercept would absorb).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ProportionalFit {
    /// Slope.
    pub slope: f64,
    /// R² (1 when every point is on the line; 0 when the ys are all equal but the line is not flat).
    pub r2: f64,
}

/// Fits `y = slope·x` through `(x, y)` points; `None` with fewer than two points or when every x is
/// zero.
pub fn proportional_fit(points: &[(f64, f64)]) -> Option<ProportionalFit> {
    if points.len() < 2 {
        return None;
    }
    let sxx: f64 = points.iter().map(|p| p.0 * p.0).sum();
    if sxx == 0.0 {
        return None;
    }
    let sxy: f64 = points.iter().map(|p| p.0 * p.1).sum();
    let slope = sxy / sxx;
    let my = points.iter().map(|p| p.1).sum::<f64>() / points.len() as f64;
    let ss_tot: f64 = points.iter().map(|p| (p.1 - my).powi(2)).sum();
    let ss_res: f64 = points.iter().map(|p| (p.1 - slope * p.0).powi(2)).sum();
    let scale: f64 = points.iter().map(|p| p.1 * p.1).sum();
    let r2 = if ss_res <= 1e-18 * scale.max(f64::MIN_POSITIVE) {
        1.0
    } else if ss_tot == 0.0 {
        0.0
    } else {
        1.0 - ss_res / ss_tot
    };
    Some(ProportionalFit { slope, r2 })
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::spec::{Conv2dSpec, Pair};

    #[test]
    fn the_conv2d_charts_are_the_articles_eight() {
        let names: Vec<&str> = SweepArg::all(LayerKind::Conv2d)
            .into_iter()
            .map(SweepArg::name)
            .collect();
        assert_eq!(
            names,
            [
                "in_channels",
                "out_channels",
                "kernel_size",
                "stride",
                "padding",
                "dilation",
                "groups",
                "input_size"
            ]
        );
        for n in names {
            assert_eq!(SweepArg::from_name(n).map(SweepArg::name), Some(n));
        }
    }

    #[test]
    fn groups_sweep_every_value_up_to_the_larger_channel_count_and_pytorch_rejects_the_non_divisors(
    ) {
        let c = Config::conv2d(Conv2dSpec::new(12, 8, Pair::square(3)), 7, 7);
        assert_eq!(
            SweepArg::Arg(Arg::Groups).values(&c),
            (1..=12).collect::<Vec<_>>()
        );
        let pts = sweep(SweepArg::Arg(Arg::Groups), &c);
        let valid: Vec<i64> = pts
            .iter()
            .filter(|p| p.layer.is_ok())
            .map(|p| p.x)
            .collect();
        assert_eq!(valid, [1, 2, 4]);
        let why = |x: i64| {
            pts.iter()
                .find(|p| p.x == x)
                .and_then(|p| p.layer.as_ref().err())
                .map(|e| e.message.as_str())
        };
        // PyTorch checks in_channels first, then out_channels.
        assert_eq!(why(3), Some("out_channels must be divisible by groups"));
        assert_eq!(why(5), Some("in_channels must be divisible by groups"));
        assert_eq!(why(8), Some("in_channels must be divisible by groups"));
        // Large channel counts: up to GROUPS_SWEPT, then the common divisors only.
        let big = Config::conv2d(Conv2dSpec::new(64, 32, Pair::square(1)), 4, 4);
        let v = SweepArg::Arg(Arg::Groups).values(&big);
        assert_eq!(v[..16], (1..=16).collect::<Vec<_>>()[..]);
        assert_eq!(v[16..], [32]);
    }

    #[test]
    fn a_pair_that_is_not_square_is_swept_along_its_height_so_its_point_is_the_configuration() {
        // The seed's figure 5: kernel_size=(5, 2).
        let c = Config::conv2d(Conv2dSpec::new(3, 2, Pair::new(5, 2)), 7, 9);
        let pts = sweep(SweepArg::Arg(Arg::KernelSize), &c);
        let here = pts.iter().find(|p| p.x == 5).unwrap();
        assert_eq!(here.layer, c.validate());
        let other = SweepArg::Arg(Arg::KernelSize).apply(&c, 3);
        assert_eq!(
            other.get(Arg::KernelSize),
            Some(crate::Value::Pair(Pair::new(3, 2)))
        );
        // A square pair stays square.
        let sq = Config::conv2d(Conv2dSpec::new(3, 2, Pair::square(5)), 7, 9);
        let other = SweepArg::Arg(Arg::KernelSize).apply(&sq, 3);
        assert_eq!(
            other.get(Arg::KernelSize),
            Some(crate::Value::Pair(Pair::square(3)))
        );
    }

    #[test]
    fn the_input_size_sweep_sets_both_sides() {
        let c = Config::conv2d(Conv2dSpec::new(1, 1, Pair::square(3)), 7, 9);
        let c = SweepArg::InputSize.apply(&c, 16);
        assert_eq!((c.height, c.width), (16, 16));
    }

    #[test]
    fn rejected_points_keep_pytorchs_sentence() {
        let mut spec = Conv2dSpec::new(4, 4, Pair::square(3));
        spec.groups = 2;
        let pts = sweep(SweepArg::Arg(Arg::InChannels), &Config::conv2d(spec, 7, 7));
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

    #[test]
    fn the_transposed_charts_include_output_padding_and_cost_every_point() {
        let names: Vec<&str> = SweepArg::all(LayerKind::ConvTranspose2d)
            .into_iter()
            .map(SweepArg::name)
            .collect();
        assert_eq!(
            names,
            [
                "in_channels",
                "out_channels",
                "kernel_size",
                "stride",
                "padding",
                "output_padding",
                "groups",
                "dilation",
                "input_size"
            ]
        );
        let config = Config::conv_transpose2d(crate::ConvTranspose2dSpec::upsample2x(), 4, 4);
        let points = sweep_checked(SweepArg::Arg(Arg::OutputPadding), &config);
        assert_eq!(points.iter().map(|p| p.x).collect::<Vec<_>>(), [0, 1, 2, 3]);
        // stride 2: output_padding 0 and 1 are taken, 2 and 3 refused with PyTorch's sentence.
        let valid: Vec<bool> = points.iter().map(|p| p.cost().is_some()).collect();
        assert_eq!(valid, [true, true, false, false]);
        assert!(points[2]
            .layer
            .as_ref()
            .unwrap_err()
            .message
            .starts_with("output padding must be smaller than either stride or dilation"));
    }

    #[test]
    fn a_proportional_fit_has_no_intercept_and_scores_an_offset_line_low() {
        let prop: Vec<(f64, f64)> = (1..=6).map(|x| (x as f64, 2.5 * x as f64)).collect();
        let f = proportional_fit(&prop).unwrap();
        assert!((f.slope - 2.5).abs() < 1e-12 && f.r2 == 1.0);
        // A line with a large fixed cost: perfect for a linear fit, poor through the origin.
        let offset: Vec<(f64, f64)> = (1..=6)
            .map(|x| (1.0 / x as f64, 0.5 + 1.0 / x as f64))
            .collect();
        assert!((linear_fit(&offset).unwrap().r2 - 1.0).abs() < 1e-12);
        assert!(proportional_fit(&offset).unwrap().r2 < 0.5);
        // Flat data against a moving x: a proportional line explains none of it.
        let flat: Vec<(f64, f64)> = (1..=4).map(|x| (x as f64, 3.0)).collect();
        assert_eq!(proportional_fit(&flat).unwrap().r2, 0.0);
        assert!(proportional_fit(&[(1.0, 1.0)]).is_none());
        assert!(proportional_fit(&[(0.0, 1.0), (0.0, 2.0)]).is_none());
    }
}
