//! The figure as SVG, from the figure crate's SVG backend (the same document `conv2d render` writes).

use conv2d_figure::scene::Scene;
use conv2d_figure::svg::to_svg;

use super::file_name;

/// Saves `scene` as `stem.svg` (only a current figure is exported: never veiled).
pub fn save(scene: &Scene, stem: &str) -> Result<(), String> {
    crate::download::text(&file_name(stem, "svg"), "image/svg+xml", &text(scene));
    Ok(())
}

/// The SVG document of `scene`.
pub fn text(scene: &Scene) -> String {
    to_svg(scene, 1.0, false)
}
