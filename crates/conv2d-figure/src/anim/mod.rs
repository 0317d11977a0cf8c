//! The sliding-kernel animation as data: which output cell each step computes, the scene of each
//! step, an animated GIF encoder fed one RGBA frame at a time, and [`GifJob`], the one frame loop
//! that turns a figure into that GIF a frame per call (so the page can show progress and stay
//! responsive between frames, and the CLI simply calls it until it is finished).

use conv2d_core::receptive::OutputCell;
use conv2d_core::Layer;

use crate::highlight::{Focus, Highlight};
use crate::layout::Layout;
use crate::scene::{Figure, Scene};

mod plan;
mod writer;
pub use plan::Plan;
pub use writer::GifWriter;

/// What the animation steps over: the output cells, one sum each (a convolution gathers), or the
/// input cells, one painted window each (a transposed convolution read as a scatter).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Walk {
    /// Output cells of this `(C, H, W)` shape, channel-major.
    Outputs([usize; 3]),
    /// Input cells of this `(C, H, W)` shape, channel-major.
    Inputs([usize; 3]),
}

impl From<&Layer> for Walk {
    fn from(layer: &Layer) -> Self {
        Walk::Outputs(layer.output_shape())
    }
}

impl Walk {
    /// The walk of `fig`: over its input cells when it scatters, else over its output cells.
    pub fn of(fig: &Figure<'_>) -> Self {
        match fig.scatter() {
            Some(t) => Walk::Inputs(t.input_shape()),
            None => Walk::Outputs(fig.layer.output_shape()),
        }
    }

    /// The `(C, H, W)` shape walked.
    pub fn shape(self) -> [usize; 3] {
        match self {
            Walk::Outputs(s) | Walk::Inputs(s) => s,
        }
    }

    /// Cells walked (the steps before the finished figure).
    pub fn cells(self) -> usize {
        self.shape().iter().product()
    }

    /// The focus at step `step` (none once finished).
    pub fn focus_at(self, step: usize) -> Focus {
        match OutputCell::at_step(self.shape(), step) {
            None => Focus::None,
            Some(cell) => match self {
                Walk::Outputs(_) => Focus::Output(cell),
                Walk::Inputs(_) => Focus::Input {
                    c: cell.channel,
                    y: cell.y,
                    x: cell.x,
                },
            },
        }
    }
}

/// Frames in the animation: one per output cell, then the finished output.
pub fn steps(layer: &Layer) -> usize {
    Walk::from(layer).cells() + 1
}

/// The focus at animation step `step` (channel-major over the output; none once finished).
pub fn focus_at(layer: &Layer, step: usize) -> Focus {
    Walk::from(layer).focus_at(step)
}

/// The scene of animation step `step` on white (as every export is). A convolution's output cells
/// `0..step` are filled and the kernel sits on cell `step`; a scattering figure shows the output
/// as input cells `0..step` have painted it, with cell `step` painting. From the last step on: the
/// finished output and no highlight. `fig` gives the data; its own `highlight` and `filled` are
/// not used.
pub fn scene_at(fig: &Figure<'_>, layout: &Layout, step: usize) -> Scene {
    let highlight = Highlight::in_figure(fig, Walk::of(fig).focus_at(step));
    let partial = fig
        .scatter()
        .map(|t| crate::scatter::partial(t, (fig.input, fig.weight), fig.bias, step));
    let fig = Figure {
        highlight: &highlight,
        output: partial.as_deref().unwrap_or(fig.output),
        filled: match partial {
            Some(_) => fig.output.len(),
            None => step.min(fig.output.len()),
        },
        ..*fig
    };
    fig.scene(layout)
}

/// A frame as a rasteriser gives it: width, height and opaque RGBA pixels, row-major.
pub type Frame = (u32, u32, Vec<u8>);

/// The animated GIF of a figure, made one frame per call: [`GifJob::next_frame`] builds the scene
/// of the next step, has the caller's rasteriser draw it, and adds it to the GIF; [`GifJob::finish`]
/// gives the file once every frame is in.
///
/// The job owns only counters and the encoder, never the figure: the figure and layout are lent to
/// each call, so a caller can keep the job in a timer's closure and call it once per slice.
///
/// ```
/// use std::rc::Rc;
/// use conv2d_core::data::{self, InputData, KernelData};
/// use conv2d_core::{forward, validate, Conv2dSpec, Layer, Tensor};
/// use conv2d_figure::anim::{Frame, GifJob};
/// use conv2d_figure::scene::{Scene, Words};
/// use conv2d_figure::{Figure, Highlight, Layout};
///
/// // What a page keeps between timer slices: its data (shared, owned), the layout, the job.
/// struct View { layer: Layer, input: Tensor, weight: Tensor, bias: Option<Vec<f32>>, output: Vec<f32> }
///
/// /// One slice: the next frame, drawn by the backend's rasteriser.
/// fn slice(job: &mut GifJob, view: &View, layout: &Layout) -> Result<(usize, usize), String> {
///     let none = Highlight::default(); // the job sets each step's highlight and filled cells
///     let fig = Figure {
///         transposed: None,
///         layer: &view.layer,
///         input: &view.input,
///         weight: &view.weight,
///         bias: view.bias.as_deref(),
///         output: &view.output,
///         highlight: &none,
///         filled: 0,
///         words: &Words::EN,
///     };
///     job.next_frame(&fig, layout, |scene: &Scene| -> Result<Frame, String> {
///         // A real backend draws `scene` here (the page's canvas, the CLI's resvg).
///         let p = scene.paper;
///         Ok((2, 2, [p.0, p.1, p.2, 255].repeat(4)))
///     })
/// }
///
/// let layer = validate(&Conv2dSpec::figure1(), [3, 7, 7]).map_err(|e| e.message)?;
/// let input = data::input(&layer, InputData::Seeded, 0);
/// let (weight, bias) = data::weights(&layer, KernelData::Seeded, 0).map_err(|e| e.to_string())?;
/// let output = forward::forward(&layer, &input, &weight, bias.as_deref()).data;
/// let view = Rc::new(View { layer, input, weight, bias, output });
/// let layout = Rc::new(Layout::new(&view.layer, 800.0));
/// let mut job = GifJob::new(&view.layer, 50);
/// while !job.is_complete() {
///     // On the page: one call per timer slice, then `progress.set(Some(done_total))`.
///     let (done, total) = slice(&mut job, &view, &layout)?;
///     assert!(done <= total);
/// }
/// let gif = job.finish()?;
/// assert_eq!(&gif[..6], b"GIF89a");
/// # Ok::<(), String>(())
/// ```
pub struct GifJob {
    plan: Plan,
    /// The walk the job was started for.
    walk: Walk,
    total: usize,
    done: usize,
    delay_cs: u16,
    writer: Option<GifWriter>,
}

impl GifJob {
    /// A job for the whole animation of `walk` (a `&Layer` walks its output cells; [`steps`]
    /// frames), each frame shown `delay_cs` hundredths of a second.
    pub fn new(walk: impl Into<Walk>, delay_cs: u16) -> Self {
        Self::with_plan(walk, Plan::All, delay_cs)
    }

    /// A job for the steps of `walk` that `plan` names ([`Plan::len`] frames, the last the
    /// finished figure), each frame shown `delay_cs` hundredths of a second.
    pub fn with_plan(walk: impl Into<Walk>, plan: Plan, delay_cs: u16) -> Self {
        let walk = walk.into();
        Self {
            plan,
            walk,
            total: plan.len(walk),
            done: 0,
            delay_cs,
            writer: None,
        }
    }

    /// Frames added so far, and frames in all.
    pub fn progress(&self) -> (usize, usize) {
        (self.done, self.total)
    }

    /// Whether every frame has been added (then [`GifJob::finish`] gives the file).
    pub fn is_complete(&self) -> bool {
        self.done == self.total
    }

    /// The steps the job draws.
    pub fn plan(&self) -> Plan {
        self.plan
    }

    /// Bytes of the GIF encoded so far (0 before the first frame); the finished file is one byte
    /// more than this once every frame is in.
    pub fn encoded_len(&self) -> usize {
        self.writer.as_ref().map_or(0, GifWriter::encoded_len)
    }

    /// The GIF's size in pixels, known from the first frame on.
    pub fn size(&self) -> Option<(u32, u32)> {
        self.writer.as_ref().map(GifWriter::size)
    }

    /// Adds the next frame: the scene of the plan's next step of `fig` in `layout` (see
    /// [`scene_at`]), drawn by `rasterise`. Returns the progress `(done, total)`; once complete it
    /// adds nothing. Errors (from the rasteriser, a frame of another size than the first, a side
    /// over 65,535 px, a figure whose output has another shape than the job's) are returned and
    /// the frame is not counted.
    pub fn next_frame<R>(
        &mut self,
        fig: &Figure<'_>,
        layout: &Layout,
        rasterise: R,
    ) -> Result<(usize, usize), String>
    where
        R: FnOnce(&Scene) -> Result<Frame, String>,
    {
        if self.is_complete() {
            return Ok(self.progress());
        }
        if Walk::of(fig) != self.walk {
            return Err(format!(
                "this figure walks {:?}, but the GIF was started for {:?}",
                Walk::of(fig),
                self.walk
            ));
        }
        let step = self.plan.step(self.walk, self.done);
        let (w, h, mut rgba) = rasterise(&scene_at(fig, layout, step))?;
        let writer = match &mut self.writer {
            Some(writer) => writer,
            None => self.writer.insert(GifWriter::new(w, h, self.delay_cs)?),
        };
        if (w, h) != writer.size() {
            let (gw, gh) = writer.size();
            return Err(format!(
                "frame {} is {w}×{h} px, but the GIF is {gw}×{gh}",
                self.done + 1
            ));
        }
        writer.add_rgba(&mut rgba)?;
        self.done += 1;
        Ok(self.progress())
    }

    /// The finished file; an error before every frame is in.
    pub fn finish(self) -> Result<Vec<u8>, String> {
        match self.writer {
            Some(writer) if self.done == self.total => writer.finish(),
            _ => Err(format!(
                "the GIF has {} of its {} frames",
                self.done, self.total
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anim::writer::tests::played;
    use conv2d_core::data::{self, InputData, KernelData};
    use conv2d_core::{forward, validate, Conv2dSpec};

    #[test]
    fn steps_walk_every_output_cell_then_finish() {
        let layer = validate(&Conv2dSpec::figure1(), [3, 7, 7]).unwrap();
        assert_eq!(steps(&layer), 2 * 3 * 3 + 1);
        assert_eq!(
            focus_at(&layer, 4),
            Focus::Output(OutputCell {
                channel: 0,
                y: 1,
                x: 1
            })
        );
        assert_eq!(focus_at(&layer, 18), Focus::None);
    }

    /// The figure-1 data with a layout, for the frame loop's tests.
    struct Fig1 {
        layer: Layer,
        input: conv2d_core::Tensor,
        weight: conv2d_core::Tensor,
        bias: Option<Vec<f32>>,
        output: Vec<f32>,
        layout: Layout,
    }

    impl Fig1 {
        fn new() -> Self {
            let layer = validate(&Conv2dSpec::figure1(), [3, 7, 7]).unwrap();
            let input = data::input(&layer, InputData::Seeded, 0);
            let (weight, bias) = data::weights(&layer, KernelData::Seeded, 0).unwrap();
            let output = forward::forward(&layer, &input, &weight, bias.as_deref()).data;
            let layout = Layout::new(&layer, 500.0);
            Self {
                layer,
                input,
                weight,
                bias,
                output,
                layout,
            }
        }

        fn figure<'a>(&'a self, highlight: &'a Highlight, filled: usize) -> Figure<'a> {
            Figure {
                transposed: None,
                layer: &self.layer,
                input: &self.input,
                weight: &self.weight,
                bias: self.bias.as_deref(),
                output: &self.output,
                highlight,
                filled,
                words: &crate::scene::Words::EN,
            }
        }
    }

    /// A stand-in rasteriser: a 3×2 frame whose red counts (×10) the output cells filled in, that
    /// is the cells of the last `cout` grids' heatmaps (the output band) not in the empty colour.
    fn count_filled(fig: &Fig1) -> impl FnMut(&Scene) -> Result<Frame, String> + '_ {
        move |scene| {
            let empty = crate::palette::Ink::LIGHT.empty;
            let heatmaps: Vec<&Vec<u8>> = scene
                .items
                .iter()
                .filter_map(|i| match i {
                    // The grids' heatmaps (opaque), not the veils over them.
                    crate::scene::Item::Heatmap { rgba, .. }
                        if rgba.chunks_exact(4).all(|px| px[3] == 255) =>
                    {
                        Some(rgba)
                    }
                    _ => None,
                })
                .collect();
            let cout = fig.layer.out_channels;
            let filled = heatmaps[heatmaps.len() - cout..]
                .iter()
                .flat_map(|m| m.chunks_exact(4))
                .filter(|px| *px != [empty.0, empty.1, empty.2, empty.3])
                .count();
            Ok((3, 2, [filled as u8 * 10, 0, 0, 255].repeat(6)))
        }
    }

    #[test]
    fn the_frame_loop_draws_each_step_once_and_reports_progress() {
        let fig1 = Fig1::new();
        let none = Highlight::default();
        // The data only: the loop sets the highlight and the cells filled itself.
        let fig = fig1.figure(&none, 0);
        let total = 2 * 3 * 3 + 1;
        let mut job = GifJob::new(&fig1.layer, 7);
        assert_eq!(job.progress(), (0, total));
        assert!(
            GifJob::new(&fig1.layer, 7).finish().is_err(),
            "no frames yet"
        );
        let mut scenes = Vec::new();
        let mut raster = count_filled(&fig1);
        while !job.is_complete() {
            let before = job.progress().0;
            let progress = job
                .next_frame(&fig, &fig1.layout, |s| {
                    scenes.push(s.clone());
                    raster(s)
                })
                .unwrap();
            assert_eq!(progress, (before + 1, total));
        }
        assert_eq!(job.size(), Some((3, 2)));
        // A complete job adds nothing more.
        assert_eq!(
            job.next_frame(&fig, &fig1.layout, |_| Err("drawn".into())),
            Ok((total, total))
        );
        assert_eq!(scenes.len(), total);
        // Step i: the output cells before the i-th (channel-major) are filled, and the i-th is lit
        // with its taps; the last step shows the whole output and lights nothing.
        for (i, scene) in scenes.iter().enumerate() {
            let focus = if i < total - 1 {
                Focus::Output(OutputCell {
                    channel: i / 9,
                    y: i % 9 / 3,
                    x: i % 3,
                })
            } else {
                Focus::None
            };
            let hl = Highlight::of(&fig1.layer, focus);
            assert_eq!(scene, &fig1.figure(&hl, i).scene(&fig1.layout), "step {i}");
        }
        // The GIF plays those frames: the red channel counts the cells filled.
        let shown = played(&job.finish().unwrap());
        let reds: Vec<u8> = shown.iter().map(|f| f[0]).collect();
        let expected: Vec<u8> = (0..total as u8).map(|i| i * 10).collect();
        assert_eq!(reds, expected);
    }

    #[test]
    fn a_planned_job_draws_the_steps_its_plan_names_and_counts_its_bytes() {
        let fig1 = Fig1::new();
        let none = Highlight::default();
        let fig = fig1.figure(&none, 0);
        for plan in [Plan::All, Plan::EveryNth(4), Plan::Channel(1), Plan::Row(2)] {
            let mut job = GifJob::with_plan(&fig1.layer, plan, 7);
            assert_eq!(job.plan(), plan);
            assert_eq!(job.progress(), (0, plan.len(&fig1.layer)));
            assert_eq!(job.encoded_len(), 0);
            let mut scenes = Vec::new();
            let mut raster = count_filled(&fig1);
            let mut sizes = Vec::new();
            while !job.is_complete() {
                job.next_frame(&fig, &fig1.layout, |s| {
                    scenes.push(s.clone());
                    raster(s)
                })
                .unwrap();
                sizes.push(job.encoded_len());
            }
            assert!(sizes.windows(2).all(|w| w[0] < w[1]), "{plan:?}: {sizes:?}");
            let steps: Vec<usize> = plan.steps(&fig1.layer).collect();
            assert_eq!(scenes.len(), steps.len(), "{plan:?}");
            for (scene, &step) in scenes.iter().zip(&steps) {
                assert_eq!(
                    scene,
                    &scene_at(&fig, &fig1.layout, step),
                    "{plan:?} step {step}"
                );
            }
            // The GIF plays exactly those frames (the red channel counts the cells filled), the
            // last the finished output; the file is the bytes counted plus the trailer.
            let last = *sizes.last().unwrap();
            let gif = job.finish().unwrap();
            assert_eq!(gif.len(), last + 1);
            let reds: Vec<u8> = played(&gif).iter().map(|f| f[0]).collect();
            let expected: Vec<u8> = steps.iter().map(|&s| s.min(18) as u8 * 10).collect();
            assert_eq!(reds, expected, "{plan:?}");
            assert_eq!(reds.last(), Some(&180));
        }
    }

    #[test]
    fn the_frame_loop_reports_errors_as_values() {
        let fig1 = Fig1::new();
        let none = Highlight::default();
        let fig = fig1.figure(&none, 0);
        // A figure too wide for a GIF.
        let mut job = GifJob::new(&fig1.layer, 7);
        let wide = job.next_frame(&fig, &fig1.layout, |_| Ok((70_000, 1, vec![0; 280_000])));
        assert_eq!(
            wide,
            Err("the GIF would be 70000 px wide; GIF allows at most 65535".into())
        );
        assert_eq!(job.progress(), (0, 19), "the failed frame is not counted");
        // The rasteriser's own error, then a frame of another size than the first.
        assert_eq!(
            job.next_frame(&fig, &fig1.layout, |_| Err("no canvas".into())),
            Err("no canvas".into())
        );
        job.next_frame(&fig, &fig1.layout, |_| Ok((2, 2, vec![0; 16])))
            .unwrap();
        let other = job.next_frame(&fig, &fig1.layout, |_| Ok((3, 2, vec![0; 24])));
        assert_eq!(other, Err("frame 2 is 3×2 px, but the GIF is 2×2".into()));
        // A figure of another layer.
        let small = validate(
            &Conv2dSpec::new(1, 1, conv2d_core::Pair::square(1)),
            [1, 2, 2],
        )
        .unwrap();
        let other_fig = Figure {
            transposed: None,
            layer: &small,
            ..fig
        };
        assert!(job
            .next_frame(&other_fig, &fig1.layout, |_| Ok((2, 2, vec![0; 16])))
            .is_err());
        assert_eq!(job.progress(), (1, 19));
        assert_eq!(
            job.finish().err().as_deref(),
            Some("the GIF has 1 of its 19 frames")
        );
    }
}
