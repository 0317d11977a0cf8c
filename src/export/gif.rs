//! The sliding-kernel animation as a GIF: one frame per output cell (or fewer: see [`Choice`]),
//! then the finished output, encoded one frame per time slice (the page stays responsive and shows
//! progress), cancellable; and, before it starts, an estimate of its frames, length and size.

use std::rc::Rc;

use conv2d_figure::anim::Walk;
use conv2d_figure::anim::{GifJob, Plan};
use conv2d_figure::layout::Layout;
use conv2d_figure::scene::Words;
use conv2d_figure::Highlight;
use yew::Callback;

use crate::platform;
use crate::runner::{Flow, Runner};
use crate::state::View;

/// Frame delay, hundredths of a second.
pub const DELAY_CS: u16 = 50;

/// Over this many frames a GIF is long: fewer frames are chosen unless the user asks for all.
pub const LONG: usize = 300;

/// The most frames "one cell in n" keeps.
pub const MAX_FRAMES: usize = 200;

/// Which frames the user picks for the GIF; each becomes the figure crate's [`Plan`] for a layer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    /// Every output cell.
    All,
    /// One output cell in n, n the smallest that keeps the GIF within [`MAX_FRAMES`].
    Thinned,
    /// The cells of output channel 0.
    Channel,
    /// The cells of the middle output row of channel 0.
    Row,
}

impl Choice {
    /// Every choice, in the order the page lists them (and `Texts::gif_plans`).
    pub const ALL: [Choice; 4] = [Choice::All, Choice::Thinned, Choice::Channel, Choice::Row];

    /// The select's value.
    pub fn name(self) -> &'static str {
        match self {
            Choice::All => "all",
            Choice::Thinned => "thinned",
            Choice::Channel => "channel",
            Choice::Row => "row",
        }
    }

    /// The choice whose select value is `name`.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.name() == name)
    }

    /// The frames this choice draws for `walk`.
    pub fn plan(self, walk: Walk) -> Plan {
        match self {
            Choice::All => Plan::All,
            Choice::Thinned => Plan::EveryNth(Plan::every_nth_within(walk, MAX_FRAMES)),
            Choice::Channel => Plan::Channel(0),
            Choice::Row => Plan::Row(walk.shape()[1] / 2),
        }
    }

    /// The choices worth offering for `walk`: all, and each other that draws fewer frames than
    /// all (and the row fewer than the channel), so a small layer is offered only what differs.
    pub fn offered(walk: Walk) -> Vec<Choice> {
        let len = |c: Choice| c.plan(walk).len(walk);
        let all = len(Choice::All);
        Self::ALL
            .into_iter()
            .filter(|&c| match c {
                Choice::All => true,
                Choice::Thinned | Choice::Channel => len(c) < all,
                Choice::Row => len(c) < all && len(c) < len(Choice::Channel),
            })
            .collect()
    }

    /// What is chosen for `walk` when the user has not chosen (or chose what is not offered):
    /// all frames, unless there are over [`LONG`], then one cell in n.
    pub fn resolve(chosen: Option<Choice>, walk: Walk) -> Choice {
        let offered = Self::offered(walk);
        match chosen {
            Some(c) if offered.contains(&c) => c,
            _ if Plan::All.len(walk) > LONG && offered.contains(&Choice::Thinned) => {
                Choice::Thinned
            }
            _ => Choice::All,
        }
    }
}

/// A total over `frames` frames extrapolated from the first few: `cumulative[i]` is the total after
/// frame `i + 1` (at least one). The first frame (stored whole) counts once, and each of the rest as
/// the average later frame (only what changed); with one frame measured, each as the first.
pub fn extrapolate(cumulative: &[f64], frames: usize) -> Option<f64> {
    let (&first, &last) = (cumulative.first()?, cumulative.last()?);
    let later = cumulative.len() - 1;
    let each = if later == 0 {
        first
    } else {
        (last - first) / later as f64
    };
    Some(first + each * frames.saturating_sub(1) as f64)
}

/// The GIF's size estimated from the file's size after each of its first frames (see
/// [`extrapolate`]), plus the one-byte trailer.
pub fn estimate_bytes(sizes: &[usize], frames: usize) -> Option<usize> {
    let sizes: Vec<f64> = sizes.iter().map(|&n| n as f64).collect();
    extrapolate(&sizes, frames).map(|b| b.round() as usize + 1)
}

/// The estimate of a GIF before it is made.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Measured {
    /// Frames encoded to measure it.
    pub frames: usize,
    /// The whole file, extrapolated.
    pub bytes: usize,
    /// Milliseconds to make the whole GIF, extrapolated from the time each frame took to draw and
    /// encode (the pauses between slices not counted).
    pub make_ms: f64,
}

/// The GIF part of the share panel: its choice of frames, the estimate, and the progress while one
/// is being made.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GifStatus {
    /// The choices offered, each with its frames.
    pub offered: Vec<(Choice, Plan, usize)>,
    /// The animation walks the input cells (a scatter), not the output cells.
    pub inputs: bool,
    /// What is chosen.
    pub chosen: Option<Choice>,
    /// Frames the chosen plan draws.
    pub frames: usize,
    /// Frames with every cell, when fewer were chosen for the user because those are too many.
    pub long: Option<usize>,
    /// The size and time measured on the chosen plan's first frames, once they are.
    pub measured: Option<Measured>,
    /// Frames done and in all, while a GIF is being made.
    pub progress: Option<(usize, usize)>,
    /// Where GIFs are made (the worker, or the page where none runs), once known.
    pub made_in: Option<crate::worker::Place>,
    /// The user picks a choice.
    pub onchoose: Callback<Choice>,
}

/// The frames of one GIF, made one at a time by the figure crate's frame loop (the same one
/// `conv2d render` uses), rasterised on a canvas.
pub struct GifFrames {
    words: &'static Words,
    view: Rc<View>,
    layout: Layout,
    job: GifJob,
    /// Draw the figure's hints into every frame, in this language.
    hints: Option<crate::i18n::Lang>,
}

impl GifFrames {
    /// The frames of `view`'s animation that `plan` names, at `width` CSS px.
    pub fn new(words: &'static Words, view: Rc<View>, width: f32, plan: Plan) -> Self {
        Self {
            words,
            layout: Layout::new(&view.layer, width),
            job: GifJob::with_plan(view.walk(), plan, DELAY_CS),
            view,
            hints: None,
        }
    }

    /// The same frames with the figure's hints drawn in (in `lang`), or without (`None`).
    pub fn with_hints(mut self, lang: Option<crate::i18n::Lang>) -> Self {
        self.hints = lang;
        self
    }

    /// Frames in all.
    pub fn len(&self) -> usize {
        self.job.progress().1
    }

    /// True when there is nothing to draw.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Draws and encodes the next frame; `(done, all)` frames after it. A side over GIF's 65535 px
    /// is an error, never a silent truncation.
    pub fn next_frame(&mut self) -> Result<(usize, usize), String> {
        let none = Highlight::default();
        let fig = self.view.figure(&none, 0, self.words);
        let (layer, layout) = (self.view.conv2d(), &self.layout);
        // Hints are a Conv2d's: a transposed layer's frames go without.
        let hints = self.hints.zip(layer);
        self.job.next_frame(&fig, layout, |scene| {
            let annotated;
            let scene = match hints {
                Some((lang, layer)) => {
                    let mut s = scene.clone();
                    super::annotate_hints(&mut s, layer, layout, lang);
                    annotated = s;
                    &annotated
                }
                None => scene,
            };
            crate::render::canvas::rgba(scene, 1.0).map_err(|e| format!("{e:?}"))
        })
    }

    /// Bytes encoded so far.
    pub fn encoded_len(&self) -> usize {
        self.job.encoded_len()
    }

    /// Whether every frame is in.
    pub fn is_complete(&self) -> bool {
        self.job.is_complete()
    }

    /// The GIF's bytes once every frame is in.
    pub fn finish(self) -> Result<Vec<u8>, String> {
        self.job.finish()
    }
}

/// Makes the GIF one frame per slice and hands its bytes to `made`; reports `(done, all)` frames
/// through `progress` (None when finished or failed) and a failure through `failed`. Dropping
/// the handle cancels it.
pub fn start(
    gif: GifFrames,
    made: Callback<Vec<u8>>,
    progress: Callback<Option<(usize, usize)>>,
    failed: Callback<String>,
) -> Runner {
    progress.emit(Some((0, gif.len())));
    let mut gif = Some(gif);
    Runner::start(0, move || {
        let result = match gif.take() {
            Some(mut g) if !g.is_complete() => {
                let r = g.next_frame().map(Some);
                gif = Some(g);
                r
            }
            Some(g) => g.finish().map(|bytes| {
                made.emit(bytes);
                None
            }),
            None => Ok(None),
        };
        match result {
            Ok(Some(done)) => {
                progress.emit(Some(done));
                Flow::Continue
            }
            Ok(None) => {
                progress.emit(None);
                Flow::Done
            }
            Err(e) => {
                progress.emit(None);
                failed.emit(e);
                Flow::Done
            }
        }
    })
}

/// Encodes the first few frames of `gif` (one per slice, after `delay_ms`, off the critical path)
/// and reports the estimate of the whole through `done`; nothing on failure (the GIF itself will
/// say why). Dropping the handle cancels it.
pub fn measure(mut gif: GifFrames, delay_ms: u32, done: Callback<Measured>) -> Runner {
    /// Frames encoded to estimate: the first (whole) and two later ones (what changed).
    const SAMPLE: usize = 3;
    let mut sizes = Vec::new();
    // Milliseconds spent drawing and encoding, in all after each frame.
    let mut times = Vec::new();
    Runner::start(delay_ms, move || {
        let t0 = platform::now_ms();
        if gif.next_frame().is_err() {
            return Flow::Done;
        }
        times.push(times.last().copied().unwrap_or(0.0) + platform::now_ms() - t0);
        sizes.push(gif.encoded_len());
        if sizes.len() < SAMPLE && !gif.is_complete() {
            return Flow::Continue;
        }
        let frames = gif.len();
        if let (Some(bytes), Some(make_ms)) =
            (estimate_bytes(&sizes, frames), extrapolate(&times, frames))
        {
            done.emit(Measured {
                frames: sizes.len(),
                bytes,
                make_ms,
            });
        }
        Flow::Done
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use conv2d_core::{validate, Conv2dSpec, Pair};

    #[test]
    fn a_long_gif_is_offered_fewer_frames_and_one_is_chosen_for_it() {
        let big = validate(&Conv2dSpec::new(16, 16, Pair::square(1)), [16, 32, 32]).unwrap();
        assert_eq!(Choice::offered(Walk::from(&big)), Choice::ALL);
        let frames: Vec<usize> = Choice::ALL
            .iter()
            .map(|c| c.plan(Walk::from(&big)).len(Walk::from(&big)))
            .collect();
        assert_eq!(frames, [16_385, 199, 1_025, 33]);
        assert_eq!(Choice::resolve(None, Walk::from(&big)), Choice::Thinned);
        assert_eq!(
            Choice::resolve(Some(Choice::All), Walk::from(&big)),
            Choice::All
        );
        assert_eq!(
            Choice::resolve(Some(Choice::Channel), Walk::from(&big)),
            Choice::Channel
        );
        // Figure 1 (2×3×3): 19 frames; one cell in n is n = 1, so not offered; all is chosen.
        let fig1 = validate(&Conv2dSpec::figure1(), [3, 7, 7]).unwrap();
        assert_eq!(
            Choice::offered(Walk::from(&fig1)),
            [Choice::All, Choice::Channel, Choice::Row]
        );
        assert_eq!(Choice::resolve(None, Walk::from(&fig1)), Choice::All);
        assert_eq!(
            Choice::resolve(Some(Choice::Thinned), Walk::from(&fig1)),
            Choice::All
        );
        // One output channel: that choice is all of it, not offered.
        let one = validate(&Conv2dSpec::new(1, 1, Pair::square(1)), [1, 4, 4]).unwrap();
        assert_eq!(
            Choice::offered(Walk::from(&one)),
            [Choice::All, Choice::Row]
        );
        for c in Choice::ALL {
            assert_eq!(Choice::from_name(c.name()), Some(c));
        }
    }

    #[test]
    fn the_size_is_the_first_frame_plus_the_average_later_frame_for_each_of_the_rest() {
        // File after frame 1: 1000 bytes; frames 2 and 3 add 100 and 120.
        assert_eq!(estimate_bytes(&[1000, 1100, 1220], 3), Some(1221));
        assert_eq!(
            estimate_bytes(&[1000, 1100, 1220], 101),
            Some(1000 + 11_000 + 1)
        );
        assert_eq!(estimate_bytes(&[500], 1), Some(501));
        assert_eq!(estimate_bytes(&[], 10), None);
        // Times the same way: a slow first frame, then 10 ms each.
        assert_eq!(extrapolate(&[50.0, 60.0, 70.0], 100), Some(50.0 + 990.0));
    }
}
