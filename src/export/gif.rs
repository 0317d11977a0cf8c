//! The sliding-kernel animation as a GIF: one frame per output cell, then the finished output,
//! encoded one frame per time slice (the page stays responsive and shows progress), cancellable.

use std::rc::Rc;

use conv2d_figure::anim::GifJob;
use conv2d_figure::layout::Layout;
use conv2d_figure::scene::Words;
use conv2d_figure::Highlight;
use yew::Callback;

use super::file_name;
use crate::runner::{Flow, Runner};
use crate::state::View;

/// Frame delay, hundredths of a second.
const DELAY_CS: u16 = 50;

/// The frames of one GIF, made one at a time by the figure crate's frame loop (the same one
/// `conv2d render` uses), rasterised on a canvas.
pub struct GifFrames {
    words: &'static Words,
    view: Rc<View>,
    layout: Layout,
    job: GifJob,
}

impl GifFrames {
    /// The frames of `view`'s animation at `width` CSS px.
    pub fn new(words: &'static Words, view: Rc<View>, width: f32) -> Self {
        Self {
            words,
            layout: Layout::new(&view.layer, width),
            job: GifJob::new(&view.layer, DELAY_CS),
            view,
        }
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
        self.job.next_frame(&fig, &self.layout, |scene| {
            crate::render::canvas::rgba(scene, 1.0).map_err(|e| format!("{e:?}"))
        })
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

/// Makes the GIF one frame per slice and saves it as `stem.gif`; reports `(done, all)` frames
/// through `progress` (None when finished or failed) and a failure through `failed`. Dropping
/// the handle cancels it.
pub fn start(
    gif: GifFrames,
    stem: String,
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
                crate::download::bytes(&file_name(&stem, "gif"), "image/gif", &bytes);
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
