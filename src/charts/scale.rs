//! Linear or log y axes, and the short labels of ticks and read-outs.

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
    /// The label of a plotted coordinate, the value multiplied by `factor` (e.g. ms → µs).
    pub fn label_scaled(self, y: f64, factor: f64) -> String {
        let v = match self {
            Scale::Linear => y,
            Scale::Log => 10f64.powf(y),
        };
        short_number(v * factor)
    }

    /// The label of a plotted coordinate.
    pub fn label(self, y: f64) -> String {
        let v = match self {
            Scale::Linear => y,
            Scale::Log => 10f64.powf(y),
        };
        short_number(v)
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
}
