//! Exports of the figure: PNG (canvas backend at a chosen scale), SVG (the figure crate's backend)
//! and an animated GIF made one frame per time slice; the file names they are saved under.

pub mod gif;
pub mod gif_job;
pub mod png;
#[cfg(target_arch = "wasm32")]
pub mod still_message;
pub mod svg;

use conv2d_core::{Arg, Config, Value};

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

/// A still export (PNG or SVG) of a figure as the page shows it: what is in focus, how many output
/// cells are filled, and whether the picture view is on. The page and the GIFs' worker both make
/// its scene with [`Still::scene`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Still {
    /// PNG (at a scale) or SVG.
    pub kind: Export,
    /// The focus, lit as on the page.
    pub focus: conv2d_figure::Focus,
    /// Output cells filled.
    pub filled: usize,
    /// The picture view: its images rather than the grid figure.
    pub pictures: bool,
}

impl Still {
    /// The scene of `view` at `width` CSS px, in `lang`, with the figure's hints when `hints`.
    pub fn scene(
        &self,
        view: &crate::state::View,
        width: f32,
        lang: crate::i18n::Lang,
        hints: bool,
    ) -> conv2d_figure::scene::Scene {
        let highlight = view.highlight(self.focus);
        if self.pictures {
            let layout = conv2d_figure::pictures::PictureLayout::new(&view.layer, width);
            return conv2d_figure::pictures::Pictures {
                layer: &view.layer,
                input: &view.input,
                output: &view.output,
                focus: highlight.outputs.first().copied(),
                words: lang.words(),
            }
            .scene(&layout, conv2d_figure::palette::Ink::LIGHT);
        }
        let layout = conv2d_figure::layout::Layout::new(&view.layer, width);
        let partial = view.partial(self.filled);
        let mut fig = view.figure(&highlight, self.filled, lang.words());
        if let Some(out) = &partial {
            fig.output = out;
            fig.filled = out.len();
        }
        let mut scene = fig.scene(&layout);
        if let (true, Some(layer)) = (hints, view.conv2d()) {
            annotate_hints(&mut scene, layer, &layout, lang);
        }
        scene
    }
}

/// A short, readable file name (without extension) for a figure of `config`: the kind, the input
/// `C×H×W`, out_channels, then each argument that is not PyTorch's default, from the argument table
/// (`conv2d_3x7x7_out2_k3_s2_p1_d2`, `conv2d_3x7x9_out2_k5x2_psame_nobias_reflect`).
pub fn file_stem(config: &Config) -> String {
    let c = config.layer.in_channels();
    let mut parts = vec![
        config.layer.kind().name().to_string(),
        format!("{c}x{}x{}", config.height, config.width),
    ];
    for &arg in config.arguments() {
        let Some(value) = config.get(arg) else {
            continue;
        };
        if arg.is_input() || arg == Arg::InChannels || arg.default() == Some(value.clone()) {
            continue;
        }
        parts.push(short(arg, &value));
    }
    parts.join("_")
}

/// One argument in a file name: a short key and its value (`k5x2`, `s2`, `psame`, `nobias`).
fn short(arg: Arg, value: &Value) -> String {
    let key = match arg {
        Arg::OutChannels => "out",
        Arg::KernelSize => "k",
        Arg::Stride => "s",
        Arg::Padding => "p",
        Arg::Dilation => "d",
        Arg::Groups => "g",
        Arg::OutputPadding => "op",
        _ => "",
    };
    let text = match value {
        Value::Int(n) => n.to_string(),
        Value::Pair(p) if p.is_square() => p.h.to_string(),
        Value::Pair(p) => format!("{}x{}", p.h, p.w),
        Value::Bool(true) => arg.name().to_string(),
        Value::Bool(false) => format!("no{}", arg.name()),
        // Only letters reach a word (PyTorch's names; the URL keeps other text out).
        Value::Word(w) => w.chars().filter(char::is_ascii_alphanumeric).collect(),
    };
    match (key, value) {
        ("", _) | (_, Value::Bool(_)) => text,
        _ => format!("{key}{text}"),
    }
}

/// `stem.ext`.
pub fn file_name(stem: &str, ext: &str) -> String {
    format!("{stem}.{ext}")
}

/// Adds the figure's hints (numbered markers and their notes, in `lang`) to an exported `scene`.
pub fn annotate_hints(
    scene: &mut conv2d_figure::Scene,
    layer: &conv2d_core::Layer,
    layout: &conv2d_figure::Layout,
    lang: crate::i18n::Lang,
) {
    let placed = conv2d_figure::hints::hints(layer, layout);
    let notes: Vec<&str> = placed
        .iter()
        .map(|p| lang.t().hints[p.hint as usize])
        .collect();
    conv2d_figure::scene::annotate(
        scene,
        &placed,
        &notes,
        conv2d_figure::palette::Ink::LIGHT.text,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    use conv2d_core::{Conv2dSpec, Pair};

    #[test]
    fn file_names_are_short_readable_and_name_only_what_is_not_the_default() {
        let fig1 = Config::conv2d(Conv2dSpec::figure1(), 7, 7);
        assert_eq!(file_stem(&fig1), "conv2d_3x7x7_out2_k3_s2_p1_d2");
        let mut c = Config::conv2d(Conv2dSpec::new(3, 2, Pair::new(5, 2)), 7, 9);
        c.set(Arg::Padding, Value::Word("same".into()));
        c.set(Arg::Bias, Value::Bool(false));
        c.set(Arg::PaddingMode, Value::Word("reflect".into()));
        let stem = file_stem(&c);
        assert_eq!(stem, "conv2d_3x7x9_out2_k5x2_psame_nobias_reflect");
        assert!(stem.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
        assert_eq!(file_name(&stem, "gif"), format!("{stem}.gif"));
    }
}
