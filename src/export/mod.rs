//! Exports of the figure: PNG (canvas backend at a chosen scale), SVG (the figure crate's backend)
//! and an animated GIF made one frame per time slice; the file names they are saved under.

pub mod gif;
pub mod png;
pub mod svg;

/// What to export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Export {
    /// PNG at this many device pixels per CSS pixel.
    Png(u32),
    /// SVG.
    Svg,
    /// Animated GIF of the sliding kernel.
    Gif,
}

/// The file name (without extension) for a figure of the layer written `python`
/// (`nn.Conv2d(3, 2, kernel_size=3)` → `conv2d-nn_Conv2d_3__2__kernel_size_3_`).
pub fn file_stem(python: &str) -> String {
    format!(
        "conv2d-{}",
        python.replace(['(', ')', ',', ' ', '=', '\'', '.'], "_")
    )
}

/// `stem.ext`.
pub fn file_name(stem: &str, ext: &str) -> String {
    format!("{stem}.{ext}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_keep_only_safe_characters() {
        let stem = file_stem("nn.Conv2d(3, 2, kernel_size=3, padding='same')");
        assert_eq!(
            stem,
            "conv2d-nn_Conv2d_3__2__kernel_size_3__padding__same__"
        );
        assert!(stem
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-'));
        assert_eq!(file_name(&stem, "gif"), format!("{stem}.gif"));
    }
}
