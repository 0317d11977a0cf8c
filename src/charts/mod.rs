//! The scaling charts: data (one `Series` per swept argument, exact counts from the core and timings
//! measured in the browser), drawing functions (one module per chart kind, plotters on any backend),
//! the claims' verdicts, and CSV/JSON for downloads and tests.

pub mod claims;
pub mod counts;
mod draw;
pub mod measure;
mod scale;
pub mod sweep;
pub mod timing;

pub use draw::{draw_all, nearest, Ink, Mapping, Style, MACS_COLOR, PARAMS_COLOR, TIME_COLOR};
pub(crate) use draw::{mark_current, pad_range, trace, x_range, y_axis, Marker};
pub use scale::{
    ceil_125, floor_125, integer_label, log_tick_label, log_ticks, short_number, tick_label, Scale,
    YAxis,
};

use conv2d_core::sweep::{sweep_checked, SweepArg};
use conv2d_core::{Config, LayerKind};

/// Points with more multiply-accumulates are not timed at the configuration's own size: one pass
/// would take tens of milliseconds, and where no worker can run (the one-file page) a timer slice
/// on the page's thread must stay short.
pub const TIME_CAP_MACS: u64 = 16_000_000;

/// The cap at the article's size ([`TimeAt::Article`]): a larger input makes every point larger, and
/// the sweep runs in a worker, so more is timed; a pass here is at most a few tens of milliseconds.
pub const ARTICLE_CAP_MACS: u64 = 64_000_000;

/// The article's input size (256 × 256), at which [`TimeAt::Article`] times every point.
pub const ARTICLE_SIZE: i64 = 256;

/// Which input the charts' times are measured on. The counts are always the configuration's own.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum TimeAt {
    /// The configuration as shown (at figure 1's 7 × 7, a pass is a few microseconds).
    #[default]
    Shown,
    /// The same layer on the article's 256 × 256 input (the input-size chart: each size × 4, so its
    /// largest point, 64, is timed at 256), so times stand well above the timer's resolution.
    Article,
}

impl TimeAt {
    /// Both, in the control's order.
    pub const ALL: [TimeAt; 2] = [TimeAt::Shown, TimeAt::Article];

    /// Its name in links (`chart_time=`) and in the page's data attributes.
    pub fn name(self) -> &'static str {
        match self {
            TimeAt::Shown => "shown",
            TimeAt::Article => "256",
        }
    }

    /// The choice named `name`.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.name() == name.trim())
    }

    /// The most multiply-accumulates a timed point may have.
    pub fn cap_macs(self) -> u64 {
        match self {
            TimeAt::Shown => TIME_CAP_MACS,
            TimeAt::Article => ARTICLE_CAP_MACS,
        }
    }

    /// The configuration whose forward pass is timed for point `arg = x` around `config`.
    pub fn timed(self, arg: SweepArg, config: &Config, x: i64) -> Config {
        let mut c = arg.apply(config, x);
        if self == TimeAt::Article {
            (c.height, c.width) = match arg {
                SweepArg::InputSize => (x * 4, x * 4),
                SweepArg::Arg(_) => (ARTICLE_SIZE, ARTICLE_SIZE),
            };
        }
        c
    }
}

/// Time of one forward pass at a point: median and spread over the batches measured.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Timing {
    /// Median milliseconds per forward pass.
    pub median_ms: f64,
    /// Fastest batch, per pass.
    pub min_ms: f64,
    /// Slowest batch, per pass.
    pub max_ms: f64,
    /// Forward passes timed in all.
    pub repeats: u32,
}

/// One valid point: exact counts from the core, and its timing once measured.
#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    /// The swept argument's value.
    pub x: i64,
    /// Trainable parameters.
    pub params: u64,
    /// Multiply-accumulates.
    pub macs: u64,
    /// The output's height and width (what the time follows when the claim's argument moves it).
    pub out: [usize; 2],
    /// Measured time (None until measured).
    pub timing: Option<Timing>,
    /// More multiply-accumulates than the page times (at the timing's input size): counts exact,
    /// never timed.
    pub too_large: bool,
    /// The input (height, width) the time is measured on (the configuration's own, or scaled).
    pub timed_input: [i64; 2],
}

/// A chart's data.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    /// The kind of layer swept (the claims differ: a transposed layer's stride grows its output).
    pub kind: LayerKind,
    /// The swept argument.
    pub arg: SweepArg,
    /// Valid points, in x order.
    pub points: Vec<Point>,
    /// Values PyTorch rejects here, with its sentence.
    pub skipped: Vec<(i64, String)>,
    /// The configuration's own value, marked on the chart.
    pub current: Option<i64>,
    /// Both sides of a pair move with x (false: only the height of a pair that is not square).
    pub both_sides: bool,
    /// Which input the times are measured on.
    pub time_at: TimeAt,
}

impl Series {
    /// The series for `arg` around a configuration, timed as shown (counts exact, timings empty).
    pub fn new(arg: SweepArg, config: &Config) -> Self {
        Self::timed(arg, config, TimeAt::Shown)
    }

    /// The series for `arg` around a configuration, its times to be measured as `time_at` says (the
    /// counts are the configuration's own either way).
    pub fn timed(arg: SweepArg, config: &Config, time_at: TimeAt) -> Self {
        let mut points = Vec::new();
        let mut skipped = Vec::new();
        for p in sweep_checked(arg, config) {
            match &p.layer {
                Ok(layer) => {
                    let c = layer.cost();
                    let [_, h, w] = layer.output_shape();
                    let timed = time_at.timed(arg, config, p.x);
                    // The timed layer's own work (the same as the counts' when timed as shown).
                    let timed_macs = match time_at {
                        TimeAt::Shown => Some(c.macs),
                        TimeAt::Article => timed.check().ok().map(|l| l.cost().macs),
                    };
                    points.push(Point {
                        x: p.x,
                        params: c.params,
                        macs: c.macs,
                        out: [h, w],
                        timing: None,
                        too_large: timed_macs.is_none_or(|m| m > time_at.cap_macs()),
                        timed_input: [timed.height, timed.width],
                    })
                }
                Err(e) => skipped.push((p.x, e.message.clone())),
            }
        }
        Self {
            kind: config.layer.kind(),
            arg,
            points,
            skipped,
            current: arg.current(config),
            both_sides: arg.both_sides(config),
            time_at,
        }
    }

    /// True when every point small enough to time has been timed.
    pub fn complete(&self) -> bool {
        self.points
            .iter()
            .all(|p| p.too_large || p.timing.is_some())
    }

    /// The values too large to time live (their counts are still drawn).
    pub fn untimed(&self) -> impl Iterator<Item = i64> + '_ {
        self.points.iter().filter(|p| p.too_large).map(|p| p.x)
    }

    /// CSV with a header: `x,params,macs,median_ms,min_ms,max_ms,repeats`.
    pub fn csv(&self) -> String {
        let mut s = format!(
            "{},params,macs,median_ms,min_ms,max_ms,repeats\n",
            self.arg.name()
        );
        for p in &self.points {
            match p.timing {
                Some(t) => {
                    s += &format!(
                        "{},{},{},{:.6},{:.6},{:.6},{}\n",
                        p.x, p.params, p.macs, t.median_ms, t.min_ms, t.max_ms, t.repeats
                    )
                }
                None => s += &format!("{},{},{},,,,\n", p.x, p.params, p.macs),
            }
        }
        s
    }

    /// JSON for the `data-series` attribute: `{"arg":..,"current":..,"points":[{x,params,macs,out,too_large,median_ms,min_ms,max_ms}],"skipped":[[x,"why"]]}`.
    pub fn json(&self) -> String {
        let pts: Vec<String> = self
            .points
            .iter()
            .map(|p| {
                let t = p
                    .timing
                    .map_or("null,\"min_ms\":null,\"max_ms\":null".to_string(), |t| {
                        format!(
                            "{},\"min_ms\":{},\"max_ms\":{}",
                            t.median_ms, t.min_ms, t.max_ms
                        )
                    });
                format!(
                    r#"{{"x":{},"params":{},"macs":{},"out":[{},{}],"too_large":{},"timed_input":[{},{}],"median_ms":{t}}}"#,
                    p.x, p.params, p.macs, p.out[0], p.out[1], p.too_large, p.timed_input[0], p.timed_input[1]
                )
            })
            .collect();
        let skipped: Vec<String> = self
            .skipped
            .iter()
            .map(|(x, why)| format!("[{x},{}]", json_str(why)))
            .collect();
        format!(
            r#"{{"arg":"{}","current":{},"time_at":"{}","points":[{}],"skipped":[{}]}}"#,
            self.arg.name(),
            self.current.map_or("null".into(), |c| c.to_string()),
            self.time_at.name(),
            pts.join(","),
            skipped.join(",")
        )
    }
}

/// A JSON string literal.
fn json_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out + "\""
}

#[cfg(test)]
mod tests {
    use super::*;
    use conv2d_core::{Arg, Pair};

    #[test]
    fn counts_are_exact_and_rejections_are_listed() {
        let mut spec = conv2d_core::Conv2dSpec::new(4, 4, Pair::square(3));
        spec.groups = 2;
        let config = Config::conv2d(spec, 7, 7);
        let s = Series::new(SweepArg::Arg(Arg::OutChannels), &config);
        // out_channels must be a multiple of groups=2: odd values are skipped with PyTorch's sentence.
        assert!(s
            .skipped
            .iter()
            .any(|(x, why)| *x == 3 && why == "out_channels must be divisible by groups"));
        for p in &s.points {
            let layer = SweepArg::Arg(Arg::OutChannels)
                .apply(&config, p.x)
                .validate()
                .unwrap();
            assert_eq!(p.params, conv2d_core::Cost::of(&layer).params);
        }
        assert!(s.csv().starts_with("out_channels,params,macs,median_ms"));
        assert!(s
            .json()
            .contains(r#""skipped":[[1,"out_channels must be divisible by groups"]"#));
    }

    #[test]
    fn points_too_large_to_time_keep_their_exact_counts_and_are_not_called_rejected() {
        // 64 → 64 channels, k3, 128×128: about 604M multiply-accumulates, far above the live cap.
        let mut spec = conv2d_core::Conv2dSpec::new(64, 64, Pair::square(3));
        spec.padding = conv2d_core::PaddingArg::Explicit(Pair::square(1));
        let config = Config::conv2d(spec, 128, 128);
        let s = Series::new(SweepArg::Arg(Arg::InChannels), &config);
        assert!(
            s.skipped.is_empty(),
            "PyTorch accepts every value: {:?}",
            s.skipped
        );
        assert!(s.points.iter().any(|p| p.too_large));
        assert!(
            s.points.iter().any(|p| !p.too_large),
            "small in_channels can be timed"
        );
        for p in &s.points {
            assert_eq!(p.too_large, p.macs > TIME_CAP_MACS);
            assert_eq!(p.timed_input, [128, 128], "timed as shown");
            let layer = SweepArg::Arg(Arg::InChannels)
                .apply(&config, p.x)
                .validate()
                .unwrap();
            assert_eq!(p.macs, conv2d_core::Cost::of(&layer).macs);
        }
        assert!(!s.complete());
        let mut timed = s;
        for p in timed.points.iter_mut().filter(|p| !p.too_large) {
            p.timing = Some(Timing {
                median_ms: 1.0,
                min_ms: 1.0,
                max_ms: 1.0,
                repeats: 1,
            });
        }
        assert!(
            timed.complete(),
            "complete once every point small enough is timed"
        );
    }

    #[test]
    fn a_log_time_axis_is_labelled_at_1_2_5_microseconds() {
        use plotters::prelude::*;
        let config = Config::conv2d(conv2d_core::Conv2dSpec::new(3, 8, Pair::square(3)), 32, 32);
        let mut s = Series::new(SweepArg::Arg(Arg::InChannels), &config);
        for p in &mut s.points {
            // 0.7 µs to about 700 µs: three decades.
            let ms = 7e-4 * (p.x * p.x) as f64;
            p.timing = Some(Timing {
                median_ms: ms,
                min_ms: ms * 0.9,
                max_ms: ms * 1.1,
                repeats: 7,
            });
        }
        let mut svg = String::new();
        let style = Style {
            ink: Ink::LIGHT,
            scale: Scale::Log,
            dpr: 1.0,
            t: &crate::i18n::EN,
        };
        draw_all(
            SVGBackend::with_string(&mut svg, (600, 600)).into_drawing_area(),
            &s,
            &style,
        )
        .unwrap();
        let labels: Vec<(&str, f64)> = svg
            .split("<text")
            .skip(1)
            .filter_map(|t| {
                let body = &t[t.find('>')? + 1..t.find("</text>")?];
                let body = body.trim();
                body.strip_suffix(" µs")
                    .map(|v| (v, 1.0))
                    .or(body.strip_suffix(" ms").map(|v| (v, 1e3)))
            })
            .collect();
        assert!(labels.len() >= 3, "{labels:?}");
        assert!(
            labels.iter().any(|l| l.1 > 1.0),
            "1000 µs and up in ms: {labels:?}"
        );
        for (l, unit) in &labels {
            let v = l.parse::<f64>().unwrap() * unit;
            let m = v / 10f64.powf(v.log10().floor());
            assert!(
                [1.0, 2.0, 5.0].iter().any(|x| (m - x).abs() < 1e-6),
                "{l} in {labels:?}"
            );
        }
    }
}
