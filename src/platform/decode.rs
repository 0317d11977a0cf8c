//! The reader's picture, decoded by the browser (`createImageBitmap`: every format it reads, and
//! nothing uploaded anywhere), drawn at most [`crate::picture::KEEP`] px on its long side, and read back as RGBA.

use crate::picture::{Picture, MAX_BYTES};

/// Why a file did not become a picture.
#[derive(Clone, Debug, PartialEq)]
pub enum DecodeError {
    /// Not an image the browser can read, or a damaged one.
    NotAnImage,
    /// Larger than [`MAX_BYTES`] (its size in bytes).
    TooLarge(f64),
}

/// Decodes `file` and calls `done` with the picture or why not (natively: never called).
pub fn decode(file: web_sys::File, done: impl FnOnce(Result<Picture, DecodeError>) + 'static) {
    if file.size() > MAX_BYTES {
        done(Err(DecodeError::TooLarge(file.size())));
        return;
    }
    #[cfg(target_arch = "wasm32")]
    wasm_bindgen_futures::spawn_local(async move {
        let name = file.name();
        done(
            read(&file)
                .await
                .map(|(rgba, width, height, original)| Picture {
                    rgba: std::rc::Rc::new(rgba),
                    width,
                    height,
                    original,
                    name,
                }),
        );
    });
    #[cfg(not(target_arch = "wasm32"))]
    drop((file, done));
}

/// The pixels of `file`: RGBA, the kept width and height, and the file's own size.
#[cfg(target_arch = "wasm32")]
async fn read(file: &web_sys::File) -> Result<(Vec<u8>, u32, u32, (u32, u32)), DecodeError> {
    use wasm_bindgen::JsCast;
    let bad = |_| DecodeError::NotAnImage;
    let window = web_sys::window().ok_or(DecodeError::NotAnImage)?;
    let promise = window.create_image_bitmap_with_blob(file).map_err(bad)?;
    let bitmap: web_sys::ImageBitmap = wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map_err(bad)?
        .dyn_into()
        .map_err(|_| DecodeError::NotAnImage)?;
    let (bw, bh) = (bitmap.width(), bitmap.height());
    if bw == 0 || bh == 0 {
        return Err(DecodeError::NotAnImage);
    }
    let scale = (f64::from(crate::picture::KEEP) / f64::from(bw.max(bh))).min(1.0);
    let (w, h) = (
        ((f64::from(bw) * scale).round() as u32).max(1),
        ((f64::from(bh) * scale).round() as u32).max(1),
    );
    let canvas: web_sys::HtmlCanvasElement = window
        .document()
        .and_then(|d| d.create_element("canvas").ok())
        .and_then(|e| e.dyn_into().ok())
        .ok_or(DecodeError::NotAnImage)?;
    canvas.set_width(w);
    canvas.set_height(h);
    let ctx: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into().ok())
        .ok_or(DecodeError::NotAnImage)?;
    ctx.draw_image_with_image_bitmap_and_dw_and_dh(&bitmap, 0.0, 0.0, f64::from(w), f64::from(h))
        .map_err(bad)?;
    bitmap.close();
    let data = ctx
        .get_image_data(0.0, 0.0, f64::from(w), f64::from(h))
        .map_err(bad)?
        .data()
        .0;
    Ok((data, w, h, (bw, bh)))
}
