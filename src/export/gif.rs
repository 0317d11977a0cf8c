//! The sliding-kernel animation as a GIF: one frame per output cell, then the finished output,
//! encoded one frame per time slice (the page stays responsive and shows progress), cancellable.

use std::rc::Rc;

use conv2d_figure::anim::{focus_at, steps, GifWriter};
use conv2d_figure::layout::Layout;
use conv2d_figure::scene::Words;
use conv2d_figure::Highlight;
use yew::Callback;

use super::file_name;
use crate::runner::{Flow, Runner};
use crate::state::View;

/// Frame delay, hundredths of a second.
const DELAY_CS: u16 = 50;

/// The frames of one GIF, made one at a time.
pub struct GifFrames {
    words: &'static Words,
    view: Rc<View>,
    layout: Layout,
    writer: Option<GifWriter>,
    frames: usize,
}

impl GifFrames {
    /// The frames of `view`'s animation at `width` CSS px.
    pub fn new(words: &'static Words, view: Rc<View>, width: f32) -> Self {
        Self {
            words,
            layout: Layout::new(&view.layer, width),
            frames: steps(&view.layer),
            view,
            writer: None,
        }
    }

    /// Frames in all.
    pub fn len(&self) -> usize {
        self.frames
    }

    /// True when there is nothing to draw.
    pub fn is_empty(&self) -> bool {
        self.frames == 0
    }

    /// Draws and encodes frame `i` (frames go in order, from 0).
    pub fn frame(&mut self, i: usize) -> Result<(), String> {
        let view = &self.view;
        let highlight = Highlight::of(&view.layer, focus_at(&view.layer, i));
        let scene = view
            .figure(&highlight, i.min(view.output.len()), self.words)
            .scene(&self.layout);
        let (w, h, mut px) =
            crate::render::canvas::rgba(&scene, 1.0).map_err(|e| format!("{e:?}"))?;
        if self.writer.is_none() {
            self.writer = Some(GifWriter::new(
                w.min(65535) as u16,
                h.min(65535) as u16,
                DELAY_CS,
            )?);
        }
        self.writer.as_mut().expect("made above").add_rgba(&mut px)
    }

    /// The GIF's bytes once every frame is in (none when there were no frames).
    pub fn finish(self) -> Result<Option<Vec<u8>>, String> {
        self.writer.map(GifWriter::finish).transpose()
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
    let all = gif.len();
    progress.emit(Some((0, all)));
    let mut gif = Some(gif);
    let mut i = 0;
    Runner::start(0, move || {
        let result = if i < all {
            let r = gif.as_mut().map_or(Ok(()), |g| g.frame(i));
            i += 1;
            r.map(|()| Some((i, all)))
        } else {
            gif.take().map_or(Ok(None), GifFrames::finish).map(|bytes| {
                if let Some(bytes) = bytes {
                    crate::download::bytes(&file_name(&stem, "gif"), "image/gif", &bytes);
                }
                None
            })
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
