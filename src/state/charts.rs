//! The scaling charts' data in the state: one series per sweep around the configuration they were
//! made for, remade (with a new generation) when it changes, and timings filled in as they arrive.

use std::rc::Rc;

use conv2d_core::sweep::SweepArg;
use conv2d_core::Config;

use super::{Action, AppState, Change};
use crate::charts::{Scale, Series, TimeAt};

/// The charts' data, and a generation that changes whenever they are remade (so stale timings are
/// dropped).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ChartsData {
    /// Bumped on every remake.
    pub generation: u64,
    /// One per sweep of the layer's kind ([`SweepArg::all`]).
    pub series: Vec<Series>,
    /// The configuration the sweeps are around.
    pub base: Option<Config>,
    /// Linear or log y axes.
    pub scale: Scale,
    /// Which input the times are measured on (the counts are the configuration's own).
    pub time_at: TimeAt,
}

impl ChartsData {
    /// Points measured so far, and in all.
    pub fn progress(&self) -> (usize, usize) {
        let points = || self.series.iter().flat_map(|s| &s.points);
        let all = points().filter(|p| !p.too_large).count();
        let done = points().filter(|p| p.timing.is_some()).count();
        (done, all)
    }

    /// The charts around `config`: exact counts now, timings later; the same data when they are
    /// already around it.
    pub fn around(self: &Rc<Self>, config: &Config) -> Rc<Self> {
        if self.base.as_ref() == Some(config) {
            return self.clone();
        }
        self.remade(config, self.time_at)
    }

    /// The charts timed at `time_at` (remade, timings cleared, when that changes).
    pub fn timed_at(self: &Rc<Self>, time_at: TimeAt) -> Rc<Self> {
        match &self.base {
            _ if self.time_at == time_at => self.clone(),
            Some(config) => self.remade(&config.clone(), time_at),
            None => Rc::new(ChartsData {
                time_at,
                ..(**self).clone()
            }),
        }
    }

    /// New charts around `config`, with a new generation.
    fn remade(&self, config: &Config, time_at: TimeAt) -> Rc<Self> {
        let series = SweepArg::all(config.layer.kind())
            .into_iter()
            .map(|a| Series::timed(a, config, time_at))
            .collect();
        Rc::new(ChartsData {
            generation: self.generation + 1,
            series,
            base: Some(config.clone()),
            scale: self.scale,
            time_at,
        })
    }
}

/// Timings as they arrive, and the axes.
pub(super) fn reduce(s: &mut AppState, action: Action) -> Change {
    match action {
        Action::ChartTiming {
            generation,
            chart,
            point,
            timing,
        } => {
            if generation != s.charts.generation {
                return Change::None;
            }
            let mut charts = (*s.charts).clone();
            let Some(p) = charts
                .series
                .get_mut(chart)
                .and_then(|c| c.points.get_mut(point))
            else {
                return Change::None;
            };
            p.timing = Some(timing);
            s.charts = Rc::new(charts);
        }
        Action::ChartTimeAt(time_at) if s.charts.time_at != time_at => {
            s.charts = s.charts.timed_at(time_at);
        }
        Action::ChartScale(scale) if s.charts.scale != scale => {
            let mut charts = (*s.charts).clone();
            charts.scale = scale;
            s.charts = Rc::new(charts);
        }
        _ => return Change::None,
    }
    Change::View
}

#[cfg(test)]
mod tests {
    use super::super::tests::reduce;
    use super::super::Params;
    use super::*;
    use conv2d_core::{Arg, Conv2dSpec, Pair, Value};

    #[test]
    fn a_timing_from_an_old_generation_is_dropped() {
        let s = AppState::default();
        let t = crate::charts::Timing {
            median_ms: 1.0,
            min_ms: 1.0,
            max_ms: 1.0,
            repeats: 5,
        };
        let old = s.charts.generation;
        let s = reduce(s, Action::Set(Arg::OutChannels, Value::Int(4)));
        let timing = |generation| Action::ChartTiming {
            generation,
            chart: 0,
            point: 0,
            timing: t,
        };
        let s = reduce(s, timing(old));
        assert_eq!(s.charts.progress().0, 0);
        let now = s.charts.generation;
        let s = reduce(s, timing(now));
        assert_eq!(s.charts.progress().0, 1);
    }

    #[test]
    fn the_timing_scale_remakes_the_charts_and_drops_the_old_timings() {
        let s = AppState::default();
        let t = crate::charts::Timing {
            median_ms: 1.0,
            min_ms: 1.0,
            max_ms: 1.0,
            repeats: 5,
        };
        let g = s.charts.generation;
        let s = reduce(
            s,
            Action::ChartTiming {
                generation: g,
                chart: 0,
                point: 0,
                timing: t,
            },
        );
        assert_eq!(s.charts.progress().0, 1);
        let s = reduce(s, Action::ChartTimeAt(TimeAt::Article));
        assert!(s.charts.generation > g);
        assert_eq!(
            s.charts.progress().0,
            0,
            "timings of the other scale are gone"
        );
        assert!(s.charts.series.iter().all(|c| c.time_at == TimeAt::Article));
        let again = s.charts.generation;
        // A new configuration keeps the scale.
        let s = reduce(s, Action::Set(Arg::OutChannels, Value::Int(4)));
        assert!(s.charts.generation > again);
        assert!(s.charts.series.iter().all(|c| c.time_at == TimeAt::Article));
        let s2 = reduce(s.clone(), Action::ChartTimeAt(TimeAt::Article));
        assert_eq!(
            s2.charts.generation, s.charts.generation,
            "the same scale again changes nothing"
        );
    }

    #[test]
    fn clicking_a_chart_point_sets_that_argument_and_remakes_the_charts() {
        let s = AppState::default();
        let generation = s.charts.generation;
        let s = reduce(s, Action::FromChart(SweepArg::Arg(Arg::OutChannels), 8));
        assert_eq!(s.params.config.get(Arg::OutChannels), Some(Value::Int(8)));
        assert!(s.charts.generation > generation);
        let out = &s.charts.series[1];
        assert_eq!(
            (out.arg, out.current),
            (SweepArg::Arg(Arg::OutChannels), Some(8))
        );
    }

    #[test]
    fn a_link_too_large_to_run_live_gets_charts_of_its_own_configuration() {
        let p = Params {
            config: Config::conv2d(Conv2dSpec::new(64, 64, Pair::square(3)), 128, 128),
            ..Params::default()
        };
        let s = AppState::new(p.clone(), Some(0), vec![]);
        assert!(s.too_large.is_some());
        assert!(
            s.view.is_none(),
            "no other configuration's figure in its place"
        );
        assert_eq!(s.charts.base, Some(p.config), "its own configuration's");
        assert_eq!(s.charts.series[0].current, Some(64));
    }
}
