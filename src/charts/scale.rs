//! Linear or log y axes (log axes tick at 1-2-5: 1, 2, 5, 10, 20, 50, …), and the short labels of
//! ticks and read-outs.

use std::ops::Range;

use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint, Ranged};
use plotters::coord::types::RangedCoordf64;

/// How values are drawn on the y axes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Scale {
    /// Linear.
    #[default]
    Linear,
    /// Log10 (ticks labelled with the real values).
    Log,
}

impl Scale {
    /// The plotted coordinate of a positive value.
    pub fn y(self, v: f64) -> f64 {
        match self {
            Scale::Linear => v,
            Scale::Log => v.max(1e-12).log10(),
        }
    }
}

/// A y axis in plotted coordinates (log10 of the value on a log axis) whose key points are plotters'
/// own on a linear axis and the 1-2-5 values ([`log_ticks`]) on a log one.
#[derive(Clone, Debug, PartialEq)]
pub struct YAxis {
    /// Plotted coordinate at the bottom.
    pub lo: f64,
    /// Plotted coordinate at the top.
    pub hi: f64,
    /// Linear or log.
    pub scale: Scale,
}

impl YAxis {
    fn linear(&self) -> RangedCoordf64 {
        (self.lo..self.hi).into()
    }

    /// The label of a tick at plotted coordinate `y` (`step`: the tick spacing of a linear axis).
    pub fn label(&self, y: f64, step: f64) -> String {
        match self.scale {
            Scale::Linear => tick_label(y, step),
            Scale::Log => log_tick_label(10f64.powf(y)),
        }
    }
}

impl Ranged for YAxis {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        self.linear().map(value, limit)
    }

    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        match self.scale {
            Scale::Linear => self.linear().key_points(hint),
            Scale::Log => log_ticks(
                10f64.powf(self.lo),
                10f64.powf(self.hi),
                hint.max_num_points(),
            )
            .into_iter()
            .map(f64::log10)
            .collect(),
        }
    }

    fn range(&self) -> Range<f64> {
        self.lo..self.hi
    }
}

/// `m·10^e`, computed so that decimal values come out as the nearest double (0.05, not
/// 0.05000000000000001).
fn decimal(m: i64, e: i32) -> f64 {
    if e >= 0 {
        m as f64 * 10f64.powi(e)
    } else {
        m as f64 / 10f64.powi(-e)
    }
}

/// The ticks of a log axis from `lo` to `hi` (values, both positive): 1, 2, 5, 10, 20, 50, … when
/// at most `max` of them fit; else one per decade (1, 10, 100, …), then one every second, third, …
/// decade, whichever first fits in `max`.
pub fn log_ticks(lo: f64, hi: f64, max: usize) -> Vec<f64> {
    if !(lo > 0.0 && hi >= lo && lo.is_finite() && hi.is_finite()) {
        return Vec::new();
    }
    let (lo_e, hi_e) = (lo.log10().floor() as i32 - 1, hi.log10().ceil() as i32 + 1);
    let within = |v: f64| v >= lo * (1.0 - 1e-9) && v <= hi * (1.0 + 1e-9);
    let at = |mantissas: &[i64], every: i32| -> Vec<f64> {
        (lo_e..=hi_e)
            .filter(|e| e.rem_euclid(every) == 0)
            .flat_map(|e| mantissas.iter().map(move |&m| decimal(m, e)))
            .filter(|&v| within(v))
            .collect()
    };
    let max = max.max(2);
    let dense = at(&[1, 2, 5], 1);
    if dense.len() <= max {
        return dense;
    }
    (1..)
        .map(|every| at(&[1], every))
        .find(|t| t.len() <= max)
        .unwrap_or_default()
}

/// The 1-2-5 value at or below `v` (`v` > 0).
pub fn floor_125(v: f64) -> f64 {
    let e = v.log10().floor() as i32;
    [10, 5, 2, 1]
        .iter()
        .map(|&m| decimal(m, e))
        .find(|&t| t <= v * (1.0 + 1e-9))
        .unwrap_or_else(|| decimal(5, e - 1))
}

/// The 1-2-5 value at or above `v` (`v` > 0).
pub fn ceil_125(v: f64) -> f64 {
    let e = v.log10().floor() as i32;
    [1, 2, 5, 10]
        .iter()
        .map(|&m| decimal(m, e))
        .find(|&t| t >= v * (1.0 - 1e-9))
        .unwrap_or_else(|| decimal(2, e + 1))
}

/// The label of a log axis tick: `0.05`, `0.5`, `2`, `50`, `200`, `1k`, `20k`, `5M`.
pub fn log_tick_label(v: f64) -> String {
    if v >= 1e3 {
        return short_number(v);
    }
    let e = (v.log10() + 1e-9).floor() as i32;
    if e >= 0 {
        format!("{}", v.round())
    } else {
        let decimals = (-e) as usize;
        format!("{v:.decimals$}")
    }
}

/// x ticks: integers only (the swept arguments are integers).
pub fn integer_label(v: &f64) -> String {
    if (v - v.round()).abs() < 1e-6 {
        format!("{}", v.round() as i64)
    } else {
        String::new()
    }
}

/// A linear axis tick: thousands and up as `short_number`, smaller values with the decimals the tick
/// spacing `step` needs, the same for every tick of the axis.
pub fn tick_label(v: f64, step: f64) -> String {
    if v.abs() >= 1e3 {
        return short_number(v);
    }
    // Enough decimals for ticks at half the nominal spacing too (plotters may choose finer ticks).
    let decimals = if step > 0.0 {
        (-(step / 2.0).log10()).ceil().clamp(0.0, 3.0) as usize
    } else {
        0
    };
    format!("{v:.decimals$}")
}

/// `1.2k`, `3.4M`, `0.05`.
pub fn short_number(v: f64) -> String {
    let a = v.abs();
    // One decimal for the suffixed forms, dropped when it is zero ("600k", "1.5M").
    let suffixed = |x: f64, unit: &str| {
        let s = format!("{x:.1}");
        format!("{}{unit}", s.strip_suffix(".0").unwrap_or(&s))
    };
    if a >= 1e9 {
        suffixed(v / 1e9, "G")
    } else if a >= 1e6 {
        suffixed(v / 1e6, "M")
    } else if a >= 1e3 {
        suffixed(v / 1e3, "k")
    } else if a >= 10.0 || a == 0.0 {
        format!("{v:.0}")
    } else if a >= 0.1 {
        format!("{v:.2}")
    } else {
        format!("{v:.3}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_of_one_axis_share_their_decimals() {
        let labels: Vec<String> = [0.0, 0.5, 1.0, 1.5, 2.0]
            .iter()
            .map(|&v| tick_label(v, 0.44))
            .collect();
        assert_eq!(labels, ["0.0", "0.5", "1.0", "1.5", "2.0"]);
        let labels: Vec<String> = [0.0, 5.0, 10.0]
            .iter()
            .map(|&v| tick_label(v, 2.4))
            .collect();
        assert_eq!(labels, ["0", "5", "10"]);
        assert_eq!(tick_label(2500.0, 500.0), "2.5k");
    }

    fn labels(ticks: &[f64]) -> Vec<String> {
        ticks.iter().map(|&v| log_tick_label(v)).collect()
    }

    #[test]
    fn log_axes_tick_at_1_2_5_and_thin_out_to_decades() {
        assert_eq!(
            labels(&log_ticks(0.8, 60.0, 8)),
            ["1", "2", "5", "10", "20", "50"]
        );
        assert_eq!(
            labels(&log_ticks(0.04, 0.6, 8)),
            ["0.05", "0.1", "0.2", "0.5"]
        );
        assert_eq!(
            labels(&log_ticks(900.0, 2.1e6, 12)),
            ["1k", "2k", "5k", "10k", "20k", "50k", "100k", "200k", "500k", "1M", "2M"]
        );
        // Too many for the axis: one per decade, then one every other decade.
        assert_eq!(
            labels(&log_ticks(1.0, 1e4, 6)),
            ["1", "10", "100", "1k", "10k"]
        );
        assert_eq!(
            labels(&log_ticks(1.0, 1e8, 6)),
            ["1", "100", "10k", "1M", "100M"]
        );
        // Every tick is 1, 2 or 5 times a power of ten.
        for t in log_ticks(3e-3, 7e7, 100) {
            let m = t / 10f64.powf(t.log10().floor());
            assert!([1.0, 2.0, 5.0].iter().any(|x| (m - x).abs() < 1e-6), "{t}");
        }
        assert!(log_ticks(0.0, 1.0, 5).is_empty());
    }

    #[test]
    fn log_ranges_snap_outwards_to_1_2_5_values() {
        assert_eq!(floor_125(3.7), 2.0);
        assert_eq!(ceil_125(3.7), 5.0);
        assert_eq!(floor_125(0.9), 0.5);
        assert_eq!(ceil_125(0.9), 1.0);
        assert_eq!(ceil_125(6.0), 10.0);
        assert_eq!(floor_125(20.0), 20.0);
        assert_eq!(ceil_125(20.0), 20.0);
        assert_eq!(floor_125(0.012), 0.01);
        assert_eq!(ceil_125(4300.0), 5000.0);
    }

    #[test]
    fn a_log_axis_gives_plotters_its_1_2_5_ticks_as_key_points() {
        let axis = YAxis {
            lo: 1f64.log10(),
            hi: 500f64.log10(),
            scale: Scale::Log,
        };
        let pts = axis.key_points(10usize);
        let got: Vec<String> = pts.iter().map(|&y| axis.label(y, 0.0)).collect();
        assert_eq!(got, ["1", "2", "5", "10", "20", "50", "100", "200", "500"]);
        let lin = YAxis {
            lo: 0.0,
            hi: 10.0,
            scale: Scale::Linear,
        };
        assert!(lin.key_points(5usize).len() >= 2);
    }
}
