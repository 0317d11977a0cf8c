//! The figure as a PNG: the canvas backend draws the scene off screen at `scale` device pixels per
//! CSS pixel, saved from its data URL.

use conv2d_figure::scene::Scene;

use super::file_name;

/// Saves `scene` as `stem.png` at `scale`× (only a current figure is exported: never veiled).
pub fn save(scene: &Scene, scale: u32, stem: &str) -> Result<(), String> {
    let url = crate::render::canvas::png_data_url(scene, f64::from(scale))
        .map_err(|e| format!("{e:?}"))?;
    crate::download::href(&file_name(stem, "png"), &url);
    Ok(())
}
