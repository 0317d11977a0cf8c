//! The words under a chart, as plain functions of the series (tested natively): the read-out of a
//! point, the values PyTorch rejected and the values too large to time; and the chart's keys.

use crate::charts::{short_number, Series};
use crate::i18n::{fill, Texts};

/// The read-out line of point `hovered` of a chart (the hint when none is hovered).
pub fn readout(s: &Series, hovered: Option<usize>, t: &Texts) -> String {
    let Some(pt) = hovered.and_then(|i| s.points.get(i)) else {
        return t.chart_hint.to_string();
    };
    let time = match pt.timing {
        Some(tm) => fill(
            t.readout_time,
            &[
                ("median", short_number(tm.median_ms * 1e3)),
                ("min", short_number(tm.min_ms * 1e3)),
                ("max", short_number(tm.max_ms * 1e3)),
                ("n", tm.repeats.to_string()),
            ],
        ),
        None if pt.too_large => not_timed(s, t),
        None => t.measuring.to_string(),
    };
    fill(
        t.readout,
        &[
            ("name", s.arg.name().to_string()),
            ("x", pt.x.to_string()),
            ("params", pt.params.to_string()),
            ("macs", pt.macs.to_string()),
            ("time", time),
        ],
    )
}

/// The values PyTorch rejects in this sweep, grouped by its sentence (empty when none):
/// `groups = 2, 4: skipped (…) (in_channels must be divisible by groups); groups = 3: …`.
pub fn skipped(s: &Series, t: &Texts) -> String {
    let mut groups: Vec<(&str, Vec<String>)> = Vec::new();
    for (x, why) in &s.skipped {
        match groups.iter_mut().find(|(w, _)| *w == why.as_str()) {
            Some((_, xs)) => xs.push(x.to_string()),
            None => groups.push((why, vec![x.to_string()])),
        }
    }
    groups
        .iter()
        .map(|(why, xs)| {
            format!(
                "{} = {}: {} ({why})",
                s.arg.name(),
                xs.join(", "),
                t.skipped
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Why a point is not timed, with the cap at its timing scale (`16M`, `64M`).
pub fn not_timed(s: &Series, t: &Texts) -> String {
    let cap = s.time_at.cap_macs();
    fill(t.not_timed, &[("cap", format!("{}M", cap / 1_000_000))])
}

/// The values with exact counts but too large to time (empty when none).
pub fn untimed(s: &Series, t: &Texts) -> String {
    let xs: Vec<String> = s.untimed().map(|x| x.to_string()).collect();
    if xs.is_empty() {
        return String::new();
    }
    format!("{} = {}: {}", s.arg.name(), xs.join(", "), not_timed(s, t))
}

/// What a key does on a focused chart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChartKey {
    /// Read point `i`.
    Read(usize),
    /// Set the playground to point `i`.
    Pick(usize),
}

/// The point a key reads or picks, from point `at` of `n` (none: not a chart key).
pub fn chart_key(key: &str, at: usize, n: usize) -> Option<ChartKey> {
    if n == 0 {
        return None;
    }
    Some(match key {
        "ArrowLeft" | "ArrowDown" => ChartKey::Read(at.saturating_sub(1)),
        "ArrowRight" | "ArrowUp" => ChartKey::Read((at + 1).min(n - 1)),
        "Home" => ChartKey::Read(0),
        "End" => ChartKey::Read(n - 1),
        "Enter" | " " => ChartKey::Pick(at),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::Timing;
    use crate::i18n::{EN, ZH};
    use conv2d_core::sweep::SweepArg;
    use conv2d_core::{Arg, Config, Conv2dSpec, Pair};

    fn series() -> Series {
        let mut spec = Conv2dSpec::new(4, 4, Pair::square(3));
        spec.groups = 2;
        Series::new(SweepArg::Arg(Arg::OutChannels), &Config::conv2d(spec, 7, 7))
    }

    #[test]
    fn the_readout_names_the_point_its_counts_and_its_time() {
        let mut s = series();
        assert_eq!(readout(&s, None, &EN), EN.chart_hint);
        let p = &s.points[1];
        let head = format!(
            "out_channels = {}: parameters {}, MACs {}, time ",
            p.x, p.params, p.macs
        );
        assert_eq!(readout(&s, Some(1), &EN), format!("{head}{}", EN.measuring));
        s.points[1].timing = Some(Timing {
            median_ms: 0.0125,
            min_ms: 0.01,
            max_ms: 0.02,
            repeats: 70,
        });
        assert_eq!(
            readout(&s, Some(1), &EN),
            format!("{head}12 µs (min 10, max 20; 70 passes)")
        );
        assert!(readout(&s, Some(1), &ZH).contains("共 70 次"));
        s.points[1].too_large = true;
        s.points[1].timing = None;
        assert!(readout(&s, Some(1), &EN).ends_with(&not_timed(&s, &EN)));
        assert!(not_timed(&s, &EN).contains("over 16M"));
        assert_eq!(readout(&s, Some(99), &EN), EN.chart_hint);
    }

    #[test]
    fn rejected_and_untimed_values_are_listed() {
        let mut s = series();
        let line = skipped(&s, &EN);
        assert!(line.starts_with("out_channels = 1, 3"), "{line}");
        assert!(line.ends_with("(out_channels must be divisible by groups)"));
        assert_eq!(untimed(&s, &EN), "");
        s.points[0].too_large = true;
        let x = s.points[0].x;
        assert_eq!(
            untimed(&s, &EN),
            format!("out_channels = {x}: {}", not_timed(&s, &EN))
        );
        s.skipped.clear();
        assert_eq!(skipped(&s, &EN), "");
        // Figure 1 (in 3, out 2): groups 2 fails on in_channels, 3 on out_channels.
        let fig1 = Config::conv2d(Conv2dSpec::figure1(), 7, 7);
        let g = Series::new(SweepArg::Arg(Arg::Groups), &fig1);
        assert_eq!(
            skipped(&g, &EN),
            format!(
                "groups = 2: {0} (in_channels must be divisible by groups); groups = 3: {0} (out_channels must be divisible by groups)",
                EN.skipped
            )
        );
    }

    #[test]
    fn arrows_read_the_points_and_enter_picks_one() {
        assert_eq!(chart_key("ArrowLeft", 0, 5), Some(ChartKey::Read(0)));
        assert_eq!(chart_key("ArrowRight", 4, 5), Some(ChartKey::Read(4)));
        assert_eq!(chart_key("ArrowUp", 1, 5), Some(ChartKey::Read(2)));
        assert_eq!(chart_key("End", 1, 5), Some(ChartKey::Read(4)));
        assert_eq!(chart_key("Enter", 3, 5), Some(ChartKey::Pick(3)));
        assert_eq!(chart_key("a", 3, 5), None);
        assert_eq!(chart_key("Enter", 0, 0), None);
    }
}
