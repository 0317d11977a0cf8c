//! The charts' timing sweep as plain data and one resumable step, shared by the two places it runs:
//! a Web Worker running this same wasm (`crate::worker`), or, where no worker can start (the one-file
//! page from file://), the page's own thread in time slices. A [`Request`] (the configuration, the
//! timing scale, the points still to time) and the worker's [`Reply`]s are lines of text, so the
//! messages need no serialisation crate; the generation in each lets the reducer drop stale results.

use conv2d_core::forward::Workspace;
use conv2d_core::sweep::SweepArg;
use conv2d_core::Config;

use super::{measure, Series, TimeAt, Timing};
use crate::runner::Flow;

/// One point to time: its place in the charts and the configuration whose pass is timed.
#[derive(Clone, Debug, PartialEq)]
pub struct Job {
    /// Index of the chart.
    pub chart: usize,
    /// Index of the point in its chart.
    pub point: usize,
    /// The swept argument.
    pub arg: SweepArg,
    /// Its value at this point.
    pub x: i64,
}

/// A sweep to run: the points of one generation of the charts still to time.
#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    /// The charts' generation (results carry it back).
    pub generation: u64,
    /// The configuration the charts are around.
    pub config: Config,
    /// Which input the times are measured on.
    pub time_at: TimeAt,
    /// The points, first to time first.
    pub jobs: Vec<Job>,
}

impl Request {
    /// The points of `series` not timed yet (and small enough to time), chart by chart.
    pub fn pending(generation: u64, config: &Config, series: &[Series]) -> Self {
        let jobs = series
            .iter()
            .enumerate()
            .flat_map(|(chart, s)| {
                s.points
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| p.timing.is_none() && !p.too_large)
                    .map(move |(point, p)| Job {
                        chart,
                        point,
                        arg: s.arg,
                        x: p.x,
                    })
            })
            .collect();
        Self {
            generation,
            config: config.clone(),
            time_at: series.first().map_or_else(TimeAt::default, |s| s.time_at),
            jobs,
        }
    }

    /// The request as text: `run <generation> <time_at> <query>`, then a line `<chart> <point>
    /// <arg> <x>` per job. The configuration travels as the page's own link query.
    pub fn encode(&self) -> String {
        let params = crate::state::Params {
            config: self.config.clone(),
            ..Default::default()
        };
        let mut s = format!(
            "run {} {} {}",
            self.generation,
            self.time_at.name(),
            crate::url::to_query(&params, None)
        );
        for j in &self.jobs {
            s += &format!("\n{} {} {} {}", j.chart, j.point, j.arg.name(), j.x);
        }
        s
    }

    /// The request [`Request::encode`] wrote; `None` for any other text.
    pub fn decode(text: &str) -> Option<Self> {
        let mut lines = text.lines();
        let mut head = lines.next()?.splitn(4, ' ');
        if head.next()? != "run" {
            return None;
        }
        let generation = head.next()?.parse().ok()?;
        let time_at = TimeAt::from_name(head.next()?)?;
        let (params, _, _) = crate::url::parse(head.next().unwrap_or(""));
        let jobs = lines
            .map(|line| {
                let mut f = line.split(' ');
                Some(Job {
                    chart: f.next()?.parse().ok()?,
                    point: f.next()?.parse().ok()?,
                    arg: SweepArg::from_name(f.next()?)?,
                    x: f.next()?.parse().ok()?,
                })
            })
            .collect::<Option<Vec<_>>>()?;
        Some(Self {
            generation,
            config: params.config,
            time_at,
            jobs,
        })
    }
}

/// What the worker says.
#[derive(Clone, Debug, PartialEq)]
pub enum Reply {
    /// It has started and takes requests.
    Ready,
    /// A point of generation `.0` is timed: (generation, chart, point, timing).
    Timed(u64, usize, usize, Timing),
    /// Every point of the generation is timed.
    Done(u64),
    /// The generation's sweep was stopped before it was done (a newer one, or a cancel).
    Cancelled(u64),
}

impl Reply {
    /// One line of text.
    pub fn encode(&self) -> String {
        match self {
            Reply::Ready => "ready".into(),
            Reply::Timed(g, c, p, t) => format!(
                "timed {g} {c} {p} {} {} {} {}",
                t.median_ms, t.min_ms, t.max_ms, t.repeats
            ),
            Reply::Done(g) => format!("done {g}"),
            Reply::Cancelled(g) => format!("cancelled {g}"),
        }
    }

    /// The reply [`Reply::encode`] wrote.
    pub fn decode(text: &str) -> Option<Self> {
        let mut f = text.split(' ');
        let kind = f.next()?;
        let mut next = || f.next();
        Some(match kind {
            "ready" => Reply::Ready,
            "timed" => Reply::Timed(
                next()?.parse().ok()?,
                next()?.parse().ok()?,
                next()?.parse().ok()?,
                Timing {
                    median_ms: next()?.parse().ok()?,
                    min_ms: next()?.parse().ok()?,
                    max_ms: next()?.parse().ok()?,
                    repeats: next()?.parse().ok()?,
                },
            ),
            "done" => Reply::Done(next()?.parse().ok()?),
            "cancelled" => Reply::Cancelled(next()?.parse().ok()?),
            _ => return None,
        })
    }
}

/// The sweep's step: about `slice_ms` of timing per call (a point may take several calls), each
/// finished point given to `timed(chart, point, timing)`.
pub fn step(
    request: Request,
    slice_ms: f64,
    mut timed: impl FnMut(usize, usize, Timing) + 'static,
) -> impl FnMut() -> Flow {
    let Request {
        config,
        time_at,
        jobs,
        ..
    } = request;
    let mut queue = jobs;
    queue.reverse();
    let mut ws = Workspace::new();
    let mut warm = false;
    let mut current: Option<(usize, usize, measure::PointTimer)> = None;
    move || {
        let (chart, point, mut timer) = match current.take() {
            Some(c) => c,
            None => {
                let Some(job) = queue.pop() else {
                    return Flow::Done;
                };
                let timed_config = time_at.timed(job.arg, &config, job.x);
                if !warm {
                    // Warm-up: the browser first runs WebAssembly from a quick baseline compile and
                    // swaps in optimised code once it is hot; without this the first points
                    // measured come out slow. It runs the first point to be timed, which is small
                    // enough by construction (the configuration itself may be far too large to run
                    // live). A call of its own.
                    measure::warm_up(&timed_config, &mut ws);
                    warm = true;
                    queue.push(job);
                    return Flow::Continue;
                }
                match measure::PointTimer::new(&timed_config) {
                    Some(t) => (job.chart, job.point, t),
                    None => return Flow::Continue,
                }
            }
        };
        match timer.advance(&mut ws, slice_ms) {
            Some(t) => timed(chart, point, t),
            None => current = Some((chart, point, timer)),
        }
        if queue.is_empty() && current.is_none() {
            Flow::Done
        } else {
            Flow::Continue
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::AppState;
    use conv2d_core::{Arg, Conv2dSpec, Pair};
    use std::cell::RefCell;
    use std::rc::Rc;

    #[test]
    fn a_request_and_the_replies_read_back_as_written() {
        let mut spec = Conv2dSpec::new(4, 6, Pair::new(3, 2));
        spec.groups = 2;
        spec.stride = Pair::new(2, 1);
        let config = Config::conv2d(spec, 9, 11);
        let series: Vec<Series> = SweepArg::all(config.layer.kind())
            .into_iter()
            .map(|a| Series::timed(a, &config, TimeAt::Article))
            .collect();
        let r = Request::pending(7, &config, &series);
        assert_eq!(r.time_at, TimeAt::Article);
        assert!(r.jobs.len() > 20);
        assert_eq!(Request::decode(&r.encode()), Some(r));
        for reply in [
            Reply::Ready,
            Reply::Timed(
                3,
                1,
                4,
                Timing {
                    median_ms: 0.012_345_678_9,
                    min_ms: 1e-5,
                    max_ms: 3.5,
                    repeats: 448,
                },
            ),
            Reply::Done(3),
            Reply::Cancelled(2),
        ] {
            assert_eq!(Reply::decode(&reply.encode()), Some(reply));
        }
        assert_eq!(Reply::decode("nonsense 1"), None);
        assert_eq!(Request::decode("timed 1 2 3"), None);
    }

    #[test]
    fn the_article_scale_times_every_point_on_a_256_input_and_keeps_the_counts() {
        let config = AppState::default().params.config;
        let arg = SweepArg::Arg(Arg::OutChannels);
        let shown = Series::timed(arg, &config, TimeAt::Shown);
        let scaled = Series::timed(arg, &config, TimeAt::Article);
        assert_eq!(shown.points.len(), scaled.points.len());
        for (a, b) in shown.points.iter().zip(&scaled.points) {
            assert_eq!((a.params, a.macs, a.out), (b.params, b.macs, b.out));
            assert_eq!(a.timed_input, [config.height, config.width]);
            assert_eq!(b.timed_input, [256, 256]);
        }
        let sizes = Series::timed(SweepArg::InputSize, &config, TimeAt::Article);
        for p in &sizes.points {
            assert_eq!(p.timed_input, [p.x * 4, p.x * 4]);
        }
        assert!(scaled.json().contains(r#""time_at":"256""#));
        assert!(scaled.json().contains(r#""timed_input":[256,256]"#));
    }

    #[test]
    fn the_sweep_times_every_pending_point_once_then_stops() {
        let data = AppState::default().charts;
        // Two small charts keep the test quick.
        let series = &data.series[..2];
        let config = data.base.clone().unwrap();
        let request = Request::pending(data.generation, &config, series);
        let expected: usize = series
            .iter()
            .map(|s| s.points.iter().filter(|p| !p.too_large).count())
            .sum();
        assert_eq!(request.jobs.len(), expected);
        assert_eq!(
            (request.jobs[0].chart, request.jobs[0].point),
            (0, 0),
            "the first chart's first point comes first"
        );
        let got = Rc::new(RefCell::new(Vec::new()));
        let sink = got.clone();
        let mut step = step(request, 25.0, move |c, p, _| sink.borrow_mut().push((c, p)));
        while step() == Flow::Continue {}
        assert_eq!(got.borrow().len(), expected);
    }
}
