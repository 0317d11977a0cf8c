//! Every visible string of the page, in English and Chinese, from this one table. PyTorch's argument
//! names and PyTorch's own error sentences stay as PyTorch writes them in both languages.
//! Components read the table from a context ([`use_texts`]); templates are filled by [`fill`].

use yew::prelude::*;

mod en;
pub mod stack;
mod zh;

pub use en::EN;
pub use zh::ZH;

/// A page language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Simplified Chinese.
    Zh,
}

impl Lang {
    /// The BCP 47 tag (`lang` attribute and `lang=` in the URL).
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }
    /// The language tagged `tag` (`zh`, `zh-CN`, `en`, …).
    pub fn from_tag(tag: &str) -> Option<Self> {
        let t = tag.to_ascii_lowercase();
        if t == "en" || t.starts_with("en-") {
            Some(Lang::En)
        } else if t == "zh" || t.starts_with("zh-") {
            Some(Lang::Zh)
        } else {
            None
        }
    }
    /// The words drawn inside the figure.
    pub fn words(self) -> &'static conv2d_figure::scene::Words {
        match self {
            Lang::En => &conv2d_figure::scene::Words::EN,
            Lang::Zh => &WORDS_ZH,
        }
    }
    /// The strings of this language.
    pub fn t(self) -> &'static Texts {
        match self {
            Lang::En => &EN,
            Lang::Zh => &ZH,
        }
    }
}

/// The strings; one field per visible text, named for what it says (the English table, `en.rs`, is
/// the documentation of each field; a field with more to say has a comment of its own).
#[derive(Debug)]
#[allow(missing_docs)]
pub struct Texts {
    pub title: &'static str,
    pub preset: &'static str,
    pub custom: &'static str,
    pub figure: &'static str,
    pub play: &'static str,
    pub pause: &'static str,
    pub step: &'static str,
    pub step_back: &'static str,
    pub step_forward: &'static str,
    pub speed: &'static str,
    pub present: &'static str,
    pub leave_present: &'static str,
    pub full_screen: &'static str,
    pub theme: &'static str,
    pub theme_names: [&'static str; 3],
    pub shortcuts: &'static str,
    pub animation: &'static str,
    pub arguments: &'static str,
    pub input_height: &'static str,
    /// Each argument in plain words, in the order of `conv2d_core::Arg` (the control's label; the
    /// PyTorch name stands beside it).
    pub arg_words: [&'static str; 12],
    /// The figure's hints, in the order of `conv2d_figure::hints::Hint`: the kernel sliding, the
    /// padding ring, one kernel per input channel.
    pub hints: [&'static str; 3],
    /// The disclosure of the PyTorch script that checks the figure.
    pub script_title: &'static str,
    /// What the script does and how to run it.
    pub script_about: &'static str,
    /// The checkbox that puts the hints in exports.
    pub hints_in_exports: &'static str,
    /// The button that hides the hints.
    pub hide_hints: &'static str,
    /// The titles of the three cards of controls: the window (kernel, stride, padding, dilation),
    /// the channels, the input and its data.
    pub cards: [&'static str; 3],
    pub input_width: &'static str,
    pub input_data: &'static str,
    pub weights: &'static str,
    pub seed: &'static str,
    pub both: &'static str,
    pub numbers: &'static str,
    pub padding_hw: &'static str,
    pub square_on: &'static str,
    pub square_off: &'static str,
    pub square_title: &'static str,
    pub from_url: &'static str,
    pub rejects: &'static str,
    /// Heads a rejection whose sentence is this project's own, not PyTorch's.
    pub rejects_here: &'static str,
    pub involves: &'static str,
    pub dismiss: &'static str,
    pub hover_hint: &'static str,
    pub feeds: &'static str,
    /// After a transposed layer's input cell, read as a scatter: it paints the lit outputs.
    pub paints: &'static str,
    /// After an input cell that no output window reaches.
    pub feeds_none: &'static str,
    /// The legend's accessible name.
    pub legend: &'static str,
    /// The legend's colour scales.
    pub legend_input: &'static str,
    pub legend_weights: &'static str,
    pub legend_output: &'static str,
    /// The key to the figure's markings.
    pub key_highlight: &'static str,
    pub key_padding: &'static str,
    pub key_copies: &'static str,
    pub key_groups: &'static str,
    pub key_pmark: &'static str,
    /// The input size chart's title (height = width).
    pub input_size: &'static str,
    /// The input data choices' labels, in `InputData::ALL` order.
    pub data_labels: [&'static str; 5],
    /// The weight choices' labels, in `KernelData::ALL` order.
    pub weight_labels: [&'static str; 9],
    pub figure_label: &'static str,
    pub keys: [(&'static str, &'static str); 7],
    pub close: &'static str,
    pub output_shape: &'static str,
    pub invalid: &'static str,
    pub parameters: &'static str,
    pub macs: &'static str,
    pub weight_shape: &'static str,
    pub bias_shape: &'static str,
    pub none: &'static str,
    pub receptive_field: &'static str,
    pub output_size: &'static str,
    pub copy: &'static str,
    pub copied: &'static str,
    pub shapes_costs: &'static str,
    pub png_scale: &'static str,
    pub embed: &'static str,
    pub embed_label: &'static str,
    pub iframe: &'static str,
    pub permalink: &'static str,
    pub gif_frame: &'static str,
    /// While a PNG or SVG is made (in the worker) and saved.
    pub saving: &'static str,
    pub charts_title: &'static str,
    pub charts_about: &'static str,
    pub log_y: &'static str,
    pub measured: &'static str,
    pub points: &'static str,
    pub claim: &'static str,
    pub here: &'static str,
    pub chart_hint: &'static str,
    pub measuring: &'static str,
    pub skipped: &'static str,
    /// Points with exact counts but too large to time in the page.
    pub not_timed: &'static str,
    /// The accessible name of a chart (after the argument's name): what it shows and its keys.
    pub chart_keys: &'static str,
    pub claims: [&'static str; 11],
    pub language: &'static str,
    pub fig_input: &'static str,
    pub fig_weight: &'static str,
    pub fig_output: &'static str,
    pub fig_padded: &'static str,
    pub fig_in: &'static str,
    pub fig_out: &'static str,
    /// The verdicts (`charts::claims`): the two subjects, the three verdicts' badges, and the statements and reasons they are made of (templates with `{key}`s).
    pub v_params: &'static str,
    pub v_time: &'static str,
    pub v_holds: &'static str,
    pub v_fails: &'static str,
    pub v_unsure: &'static str,
    pub v_sep: &'static str,
    pub v_colon: &'static str,
    pub v_measuring: &'static str,
    pub v_few_points: &'static str,
    pub v_few_timed: &'static str,
    pub v_linear: &'static str,
    pub v_prop_exact: &'static str,
    pub v_not_linear: &'static str,
    pub v_same: &'static str,
    pub v_change: &'static str,
    pub v_time_prop: &'static str,
    pub v_tiny: &'static str,
    pub v_noisy: &'static str,
    pub v_change_time: &'static str,
    pub v_rose: &'static str,
    pub v_fell: &'static str,
    pub v_opposite: &'static str,
    pub v_claim_says: &'static str,
    pub v_grows: &'static str,
    pub v_falls: &'static str,
    pub v_output: &'static str,
    pub v_grew: &'static str,
    pub v_shrank: &'static str,
    pub v_fixed: &'static str,
    pub v_scatter: &'static str,
    pub v_output_little: &'static str,
    pub v_follows_macs: &'static str,
    pub v_flat: &'static str,
    /// The button that sets the playground to the chart point being read: `{name}`, `{x}`.
    pub chart_set: &'static str,
    pub chart_counts: &'static str,
    pub chart_time: &'static str,
    /// The time chart's caption when times are measured on the article's 256 × 256 input, and on the
    /// input-size chart (each size × 4).
    pub chart_time_article: [&'static str; 2],
    /// The timing scale control: its label and its two choices (`charts::TimeAt::ALL`'s order).
    pub time_at_label: &'static str,
    pub time_at_names: [&'static str; 2],
    /// Where the times were measured: in the Web Worker, on the page's thread.
    pub timed_in: [&'static str; 2],
    pub axis_params: &'static str,
    pub axis_macs: &'static str,
    pub preset_titles: [&'static str; 13],
    /// The cell editor's label; `{cell}` names the cell.
    pub edit_cell: &'static str,
    /// The edit mode's toggle.
    pub edit_mode: &'static str,
    /// What to do in edit mode, before a cell is chosen.
    pub edit_hint: &'static str,
    /// The fill actions' group.
    pub fill_label: &'static str,
    /// Before the fills of input channel `{c}`.
    pub fill_channel: &'static str,
    /// Before the fills of kernel `({o}, {i})`.
    pub fill_kernel: &'static str,
    /// Fill with zeros.
    pub fill_zeros: &'static str,
    /// Fill with ones.
    pub fill_ones: &'static str,
    /// Fill with the generated data.
    pub fill_seeded: &'static str,
    /// Every edit undone.
    pub reset_values: &'static str,
    /// The edits are too many values for a link; `{n}` counts them.
    pub edits_no_link: &'static str,
    /// A file the browser cannot read as a picture; `{name}`.
    pub n_not_an_image: &'static str,
    /// A file over the size read; `{name}`, `{mb}`.
    pub n_picture_too_large: &'static str,
    /// The picture's file button.
    pub picture_button: &'static str,
    /// Where a picture can come from.
    pub picture_hint: &'static str,
    /// How the picture was fitted; `{name}`, `{ow}`×`{oh}` the file, `{uw}`×`{uh}` at `{ux}`,`{uy}` the part used, `{w}`×`{h}` the input.
    pub picture_fitted: &'static str,
    /// The layer's channels are neither 1 nor 3; `{c}`.
    pub picture_channels: &'static str,
    /// Use RGB (in_channels = 3) / grey (1).
    pub picture_rgb: &'static str,
    /// See `picture_rgb`.
    pub picture_grey: &'static str,
    /// The scaling menu's label and its two choices.
    pub picture_scaling: &'static str,
    /// See `picture_scaling`.
    pub scalings: [&'static str; 2],
    /// Put the picture away.
    pub picture_remove: &'static str,
    /// The input's size from the picture's shape; `{h}`, `{w}`.
    pub picture_size: &'static str,
    /// The picture view's toggle.
    pub picture_view: &'static str,
    /// The stack panel's title.
    pub stack_title: &'static str,
    /// What the stack panel does.
    pub stack_about: &'static str,
    /// Before any layer is typed.
    pub stack_empty: &'static str,
    /// The stack presets' menu.
    pub stack_presets: &'static str,
    /// The stack presets' titles, in `STACK_PRESETS` order.
    pub stack_preset_titles: [&'static str; 5],
    /// The stack's input field's label.
    pub stack_input: &'static str,
    /// What the stack's input field takes.
    pub stack_input_hint: &'static str,
    /// An error placed in the text: `{line}`, `{col}`, `{message}`.
    pub stack_at: &'static str,
    /// The table's column heads.
    pub stack_columns: [&'static str; 8],
    /// The totals' row head.
    pub stack_total: &'static str,
    /// Under a table stopped by a rejected layer.
    pub stack_greyed: &'static str,
    /// The stack's strip, builder and layer figure.
    pub stack: &'static stack::StackTexts,
    /// Above the zoomed window of output pixel `({c}, {y}, {x})`.
    pub zoom_title: &'static str,
    /// The picture view's canvas, for screen readers.
    pub pictures_canvas: &'static str,
    /// Edited values kept aside because their shape is not the layer's; `{parts}` names them.
    pub n_edits_left_out: &'static str,
    /// "Transpose this layer" could not; `{why}` is the core's reason.
    pub n_no_transpose: &'static str,
    /// The layer switch's label.
    pub layer_kind: &'static str,
    /// The reading switch's label.
    pub reading_label: &'static str,
    /// The two readings of a ConvTranspose2d (scatter, as a convolution).
    pub readings: [&'static str; 2],
    /// What each reading shows, one line under the switch.
    pub reading_notes: [&'static str; 2],
    /// The overlap map's toggle.
    pub overlap: &'static str,
    /// What the overlap map's numbers are.
    pub overlap_note: &'static str,
    /// "Transpose this layer" (the button).
    pub transpose_this: &'static str,
    /// What the button does (its title).
    pub transpose_this_note: &'static str,
    pub n_ignored: &'static str,
    pub n_unknown: &'static str,
    pub n_capped: &'static str,
    pub n_kernel: &'static str,
    pub n_too_large: &'static str,
    /// A chart's read-out of one point: `{name}`, `{x}`, `{params}`, `{macs}`, `{time}`.
    pub readout: &'static str,
    /// A measured time in a read-out: `{median}`, `{min}`, `{max}` (µs) and `{n}` passes.
    pub readout_time: &'static str,
    /// The accessible name of the figure's canvas.
    pub figure_canvas: &'static str,
    /// The accessible name of the charts' section.
    pub charts_label: &'static str,
    /// The accessible name of a control's slider: `{name}`.
    pub slider: &'static str,
    /// A failed export: `{error}`.
    pub export_failed: &'static str,
    /// Stops what is running (the GIF export).
    pub cancel: &'static str,
    /// The title of the embed snippet's iframe.
    pub iframe_title: &'static str,
    /// In place of the figure when PyTorch rejects the configuration.
    pub no_figure_invalid: &'static str,
    /// In place of the figure when the configuration is too large to compute live: `{macs}`, `{cap}`.
    pub no_figure_large: &'static str,
    /// An export asked for while the configuration has no figure.
    pub export_none: &'static str,
    /// The label of the GIF's choice of frames.
    pub gif_plan: &'static str,
    /// The GIF's choices of frames, in `GifFrames`-choice order (all, one cell in `{n}`, output
    /// channel `{c}`, row `{r}` of channel 0), each with its `{frames}`.
    pub gif_plans: [&'static str; 4],
    /// The same choices for an animation that walks the input cells (a scatter).
    pub gif_plans_input: [&'static str; 4],
    /// Before a GIF is made: `{frames}`, how long it plays (`{duration}`), then `{size}`.
    pub gif_estimate: &'static str,
    /// The GIF's size estimated from its first frames: `{bytes}`, `{time}` to make, `{n}` frames.
    pub gif_size: &'static str,
    /// While the GIF's first frames are being encoded to estimate its size.
    pub gif_size_pending: &'static str,
    /// Why fewer frames were chosen: all `{frames}` would play for `{duration}`; then the
    /// `{estimate}` of those chosen.
    pub gif_long: &'static str,
    /// Durations: `{s}` seconds; `{m}` minutes `{s}` seconds; `{h}` hours `{m}` minutes.
    pub durations: [&'static str; 3],
}

/// The figure's words in Chinese (the English ones are the figure crate's own).
const WORDS_ZH: conv2d_figure::scene::Words = conv2d_figure::scene::Words {
    input: ZH.fig_input,
    weight: ZH.fig_weight,
    output: ZH.fig_output,
    padded: ZH.fig_padded,
    input_channel: ZH.fig_in,
    output_channel: ZH.fig_out,
    more_terms: "项从略",
    inserted: "插入零",
    overlap: "每格的卷积核位置数",
    flipped: "翻转的权重",
    bias: "偏置",
};

impl Texts {
    /// The label of an argument's control: PyTorch's name for the layer's arguments (in every
    /// language), words for the input's sides.
    pub fn label(&self, arg: conv2d_core::Arg) -> &'static str {
        match arg {
            conv2d_core::Arg::Height => self.input_height,
            conv2d_core::Arg::Width => self.input_width,
            a => a.name(),
        }
    }

    /// An argument in plain words ("Kernel size").
    pub fn words(&self, arg: conv2d_core::Arg) -> &'static str {
        self.arg_words[arg as usize]
    }

    /// A control's accessible name: the plain words and, for a PyTorch argument, its name.
    pub fn accessible(&self, arg: conv2d_core::Arg) -> String {
        match arg {
            conv2d_core::Arg::Height | conv2d_core::Arg::Width => self.words(arg).to_string(),
            a => format!("{} ({})", self.words(a), a.name()),
        }
    }

    /// The label of a pair's sliders when the argument also takes words (padding's numbers).
    pub fn pair_label(&self, arg: conv2d_core::Arg) -> &'static str {
        match arg {
            conv2d_core::Arg::Padding => self.padding_hw,
            a => a.name(),
        }
    }

    /// A chart's title and x axis: the argument's label, or the input's size in words.
    pub fn sweep_title(&self, sweep: conv2d_core::sweep::SweepArg) -> &'static str {
        match sweep {
            conv2d_core::sweep::SweepArg::Arg(a) => self.label(a),
            conv2d_core::sweep::SweepArg::InputSize => self.input_size,
        }
    }

    /// The claim about a chart's sweep for this kind of layer: the article's, for a Conv2d (empty
    /// for a sweep the article says nothing of); a ConvTranspose2d's own where its stride and
    /// output_padding behave otherwise.
    pub fn claim_of(
        &self,
        sweep: conv2d_core::sweep::SweepArg,
        kind: conv2d_core::LayerKind,
    ) -> &'static str {
        use conv2d_core::{sweep::SweepArg, Arg, LayerKind};
        let transposed = kind == LayerKind::ConvTranspose2d;
        let i = match sweep {
            SweepArg::Arg(Arg::InChannels) => 0,
            SweepArg::Arg(Arg::OutChannels) => 1,
            SweepArg::Arg(Arg::KernelSize) => 2,
            SweepArg::Arg(Arg::Stride) if transposed => 8,
            SweepArg::Arg(Arg::Stride) => 3,
            SweepArg::Arg(Arg::Padding) if transposed => 10,
            SweepArg::Arg(Arg::Padding) => 4,
            SweepArg::Arg(Arg::Dilation) => 5,
            SweepArg::Arg(Arg::Groups) => 6,
            SweepArg::Arg(Arg::OutputPadding) => 9,
            SweepArg::InputSize => 7,
            SweepArg::Arg(_) => return "",
        };
        self.claims[i]
    }
}

pub use conv2d_core::format::grouped;

/// Fills `{key}` placeholders in `template` in one pass: a value is never searched for further
/// placeholders, and a placeholder with no value (or a lone brace) stays as written.
pub fn fill<V: AsRef<str>>(template: &str, values: &[(&str, V)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let key = &after[..close];
            values
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| (v.as_ref(), close))
        });
        match value {
            Some((v, close)) => {
                out.push_str(v);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The page's strings, from the nearest `ContextProvider<&'static Texts>` (English without one).
#[hook]
pub fn use_texts() -> &'static Texts {
    use_context::<&'static Texts>().unwrap_or(&EN)
}

/// One table per language, each a `static`: the same table is the same place (comparing every
/// string, as props do on each render, would cost time and code for nothing).
impl PartialEq for Texts {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl Eq for Texts {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_round_trip_and_every_string_is_translated() {
        for l in [Lang::En, Lang::Zh] {
            assert_eq!(Lang::from_tag(l.tag()), Some(l));
        }
        assert_eq!(Lang::from_tag("zh-CN"), Some(Lang::Zh));
        assert_eq!(Lang::from_tag("fr"), None);
        // No Chinese string left in English, apart from the names PyTorch gives (kept on purpose).
        let en = format!("{EN:?}");
        let zh = format!("{ZH:?}");
        assert_ne!(en, zh);
        assert!(ZH.title.contains("演示"));
        assert_ne!(EN.claims, ZH.claims);
        assert_ne!(EN.readout, ZH.readout);
    }

    #[test]
    fn fill_replaces_each_key_once_and_leaves_the_rest() {
        assert_eq!(
            fill("{a} and {b}, {a}", &[("a", "x"), ("b", "y")]),
            "x and y, x"
        );
        // A value that looks like a placeholder is not filled again.
        assert_eq!(
            fill("{key}={value}", &[("key", "{value}"), ("value", "1")]),
            "{value}=1"
        );
        assert_eq!(fill("{missing} {", &[("a", String::new())]), "{missing} {");
        assert_eq!(
            fill(EN.n_too_large, &[("macs", "5"), ("cap", "4")]),
            "5 multiply-accumulates is more than the playground computes live (4); shapes and costs are still exact"
        );
    }
}
