//! The one reducer: what the user set (`Params`, all of it in the URL), what they look at (focus,
//! animation), and everything derived from it — computed here once per change, never in `html!`.

use std::rc::Rc;

use conv2d_core::cost::Cost;
use conv2d_core::data::{self, InputData, KernelData};
use conv2d_core::forward::{forward_with, Workspace};
use conv2d_core::receptive::OutputCell;
use conv2d_core::{validate, Conv2dSpec, Layer, PaddingArg, Pair, SpecError, Tensor};
use conv2d_figure::Focus;
use yew::Reducible;

/// Every argument and data choice: what the URL carries.
#[derive(Clone, Debug, PartialEq)]
pub struct Params {
    /// The layer's arguments, raw (signed, strings kept) so PyTorch's checks see what was typed.
    pub spec: Conv2dSpec,
    /// Input height.
    pub height: i64,
    /// Input width.
    pub width: i64,
    /// What fills the input.
    pub data: InputData,
    /// What fills the weights.
    pub weights: KernelData,
    /// Seed of the seeded data.
    pub seed: u64,
}

impl Default for Params {
    fn default() -> Self {
        PRESETS[0].params()
    }
}

/// A figure of the seed article.
pub struct Preset {
    /// Short name (URL and menu).
    pub name: &'static str,
    /// (C, H, W) in.
    pub input: [i64; 3],
    /// out_channels, kernel, padding, stride, dilation, groups.
    pub out: i64,
    /// kernel_size.
    pub k: (i64, i64),
    /// padding.
    pub p: (i64, i64),
    /// stride.
    pub s: (i64, i64),
    /// dilation.
    pub d: (i64, i64),
    /// groups.
    pub g: i64,
}

impl Preset {
    /// The params of this figure (seeded data, seed 0).
    pub fn params(&self) -> Params {
        Params {
            spec: Conv2dSpec {
                in_channels: self.input[0],
                out_channels: self.out,
                kernel_size: Pair::new(self.k.0, self.k.1),
                stride: Pair::new(self.s.0, self.s.1),
                padding: PaddingArg::Explicit(Pair::new(self.p.0, self.p.1)),
                dilation: Pair::new(self.d.0, self.d.1),
                groups: self.g,
                bias: true,
                padding_mode: "zeros".into(),
            },
            height: self.input[1],
            width: self.input[2],
            data: InputData::Seeded,
            weights: KernelData::Seeded,
            seed: 0,
        }
    }
}

/// The nine figures of the seed article, with the arguments it labels them with.
pub const PRESETS: [Preset; 9] = [
    Preset {
        name: "figure1",
        input: [3, 7, 7],
        out: 2,
        k: (3, 3),
        p: (1, 1),
        s: (2, 2),
        d: (2, 2),
        g: 1,
    },
    Preset {
        name: "figure2",
        input: [1, 9, 9],
        out: 1,
        k: (3, 3),
        p: (0, 0),
        s: (1, 1),
        d: (1, 1),
        g: 1,
    },
    Preset {
        name: "figure3",
        input: [1, 7, 7],
        out: 4,
        k: (3, 3),
        p: (0, 0),
        s: (1, 1),
        d: (1, 1),
        g: 1,
    },
    Preset {
        name: "figure4",
        input: [3, 7, 7],
        out: 4,
        k: (3, 3),
        p: (0, 0),
        s: (1, 1),
        d: (1, 1),
        g: 1,
    },
    Preset {
        name: "figure5",
        input: [3, 7, 9],
        out: 2,
        k: (5, 2),
        p: (0, 0),
        s: (1, 1),
        d: (1, 1),
        g: 1,
    },
    Preset {
        name: "figure6",
        input: [3, 9, 9],
        out: 2,
        k: (3, 3),
        p: (0, 0),
        s: (1, 3),
        d: (1, 1),
        g: 1,
    },
    Preset {
        name: "figure7",
        input: [2, 7, 7],
        out: 1,
        k: (3, 3),
        p: (1, 1),
        s: (1, 1),
        d: (1, 1),
        g: 1,
    },
    Preset {
        name: "figure8",
        input: [2, 7, 7],
        out: 1,
        k: (3, 3),
        p: (1, 1),
        s: (1, 1),
        d: (4, 2),
        g: 1,
    },
    Preset {
        name: "figure9",
        input: [2, 7, 7],
        out: 4,
        k: (3, 3),
        p: (2, 2),
        s: (2, 2),
        d: (1, 1),
        g: 2,
    },
];

/// Caps that keep the tab responsive; a larger typed value is brought down to the cap, with a notice.
pub const CAP_CHANNELS: i64 = 64;
/// Cap on height and width.
pub const CAP_SIZE: i64 = 128;
/// Cap on kernel_size, stride and dilation.
pub const CAP_KERNEL: i64 = 32;
/// Cap on padding.
pub const CAP_PADDING: i64 = 64;
/// Above this many multiply-accumulates the figure is not computed live (shapes still are).
pub const CAP_MACS: u64 = 40_000_000;

/// One computed figure: the layer, its data and its output.
#[derive(Debug, PartialEq)]
pub struct View {
    /// The checked layer.
    pub layer: Layer,
    /// The spec it came from.
    pub spec: Conv2dSpec,
    /// Input (C, H, W).
    pub input: Tensor,
    /// Weight.
    pub weight: Tensor,
    /// Bias.
    pub bias: Option<Vec<f32>>,
    /// Output, row-major.
    pub output: Vec<f32>,
}

impl View {
    /// The figure of this view with a highlight and the number of output cells filled.
    pub fn figure<'a>(
        &'a self,
        highlight: &'a conv2d_figure::Highlight,
        filled: usize,
        words: &'a conv2d_figure::scene::Words,
    ) -> conv2d_figure::Figure<'a> {
        conv2d_figure::Figure {
            layer: &self.layer,
            input: &self.input,
            weight: &self.weight,
            bias: self.bias.as_deref(),
            output: &self.output,
            highlight,
            filled,
            words,
        }
    }

    /// Output cells in the animation (channel-major).
    pub fn total_steps(&self) -> usize {
        self.output.len()
    }
    /// The output cell at animation step `i`.
    pub fn cell_at_step(&self, i: usize) -> Option<OutputCell> {
        let [c, h, w] = self.layer.output_shape();
        (i < c * h * w).then(|| OutputCell {
            channel: i / (h * w),
            y: i / w % h,
            x: i % w,
        })
    }
}

/// The scaling charts' data: one series per swept argument around the configuration they were made
/// for, and a generation that changes whenever they are remade (so stale timings are dropped).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ChartsData {
    /// Bumped on every remake.
    pub generation: u64,
    /// One per `SweepArg::ALL`.
    pub series: Vec<crate::charts::Series>,
    /// The configuration (spec, height, width) the sweeps are around.
    pub base: Option<(Conv2dSpec, i64, i64)>,
    /// Linear or log y axes.
    pub scale: crate::charts::Scale,
}

impl ChartsData {
    /// Points measured so far, and in all.
    pub fn progress(&self) -> (usize, usize) {
        let all = self
            .series
            .iter()
            .flat_map(|s| &s.points)
            .filter(|p| !p.too_large)
            .count();
        let done = self
            .series
            .iter()
            .flat_map(|s| &s.points)
            .filter(|p| p.timing.is_some())
            .count();
        (done, all)
    }
}

/// Light, dark, or whatever the system prefers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    /// Follow `prefers-color-scheme`.
    #[default]
    Auto,
    /// Light.
    Light,
    /// Dark.
    Dark,
}

impl Theme {
    /// The theme named by a `data-theme` value (as saved in the browser).
    pub fn from_name(name: &str) -> Option<Self> {
        [Theme::Auto, Theme::Light, Theme::Dark]
            .into_iter()
            .find(|t| t.name() == name)
    }

    /// The `data-theme` value.
    pub fn name(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

/// A message about the user's input that is not PyTorch's (PyTorch's rejections are `SpecError`s):
/// kept as data and worded by the page's string table, in the page's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// A URL value that could not be parsed (shown quoted, cut to 40 characters).
    Ignored {
        /// Parameter name.
        key: String,
        /// The value as given.
        value: String,
    },
    /// A URL parameter the page does not know.
    Unknown {
        /// Parameter name.
        key: String,
    },
    /// A value brought down to a cap.
    Capped {
        /// Argument name.
        key: String,
        /// The cap.
        cap: i64,
    },
    /// A named 3×3 kernel asked for with another kernel_size (seeded weights are used instead).
    KernelNot3x3 {
        /// The kernel's name.
        kernel: &'static str,
        /// The layer's kernel size.
        size: [usize; 2],
    },
}

impl Notice {
    /// The notice in the page's language.
    pub fn text(&self, t: &crate::i18n::Texts) -> String {
        let fill = |tpl: &str, pairs: &[(&str, String)]| {
            pairs.iter().fold(tpl.to_string(), |s, (k, v)| {
                s.replace(&format!("{{{k}}}"), v)
            })
        };
        match self {
            Notice::Ignored { key, value } => {
                let shown: String = value.chars().take(40).collect();
                fill(
                    t.n_ignored,
                    &[("key", key.clone()), ("value", format!("{shown:?}"))],
                )
            }
            Notice::Unknown { key } => fill(
                t.n_unknown,
                &[(
                    "key",
                    format!("{:?}", key.chars().take(40).collect::<String>()),
                )],
            ),
            Notice::Capped { key, cap } => fill(
                t.n_capped,
                &[("key", key.clone()), ("cap", cap.to_string())],
            ),
            Notice::KernelNot3x3 { kernel, size } => fill(
                t.n_kernel,
                &[
                    ("kernel", (*kernel).to_string()),
                    ("size", format!("({}, {})", size[0], size[1])),
                ],
            ),
        }
    }
}

/// Which argument a control sets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Arg {
    /// in_channels.
    InChannels,
    /// out_channels.
    OutChannels,
    /// groups.
    Groups,
    /// input height.
    Height,
    /// input width.
    Width,
}

/// Pair arguments.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PairArg {
    /// kernel_size.
    Kernel,
    /// stride.
    Stride,
    /// padding (explicit).
    Padding,
    /// dilation.
    Dilation,
}

impl PairArg {
    /// PyTorch's name.
    pub fn name(self) -> &'static str {
        match self {
            Self::Kernel => "kernel_size",
            Self::Stride => "stride",
            Self::Padding => "padding",
            Self::Dilation => "dilation",
        }
    }
    fn cap(self) -> i64 {
        match self {
            Self::Padding => CAP_PADDING,
            _ => CAP_KERNEL,
        }
    }
}

impl Arg {
    /// The name (PyTorch's, or height/width).
    pub fn name(self) -> &'static str {
        match self {
            Self::InChannels => "in_channels",
            Self::OutChannels => "out_channels",
            Self::Groups => "groups",
            Self::Height => "height",
            Self::Width => "width",
        }
    }
    fn cap(self) -> i64 {
        match self {
            Self::Height | Self::Width => CAP_SIZE,
            _ => CAP_CHANNELS,
        }
    }
}

/// Everything the user can do.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Set a single-valued argument.
    Set(Arg, i64),
    /// Set a pair argument.
    SetPair(PairArg, Pair),
    /// Set padding to a string ('same', 'valid') or back to numbers.
    SetPadding(PaddingArg),
    /// padding_mode.
    SetMode(String),
    /// bias on/off.
    SetBias(bool),
    /// Input data.
    SetData(InputData),
    /// Weights.
    SetWeights(KernelData),
    /// Seed.
    SetSeed(u64),
    /// Load a preset.
    Preset(usize),
    /// Replace everything (from the URL).
    Load(Box<Params>, Option<usize>, Vec<Notice>),
    /// Pointer over a cell (or off the figure).
    Hover(Focus),
    /// Pin the hovered cell, or unpin.
    TogglePin,
    /// Pin the cell in focus (the cursor's, the hovered one or the animation's); Enter.
    PinFocus,
    /// Move the output cursor by (dy, dx) and pin it.
    MoveCursor(i64, i64),
    /// Play or pause the animation.
    TogglePlay,
    /// Pause.
    Pause,
    /// One animation step forward (wraps) — from the timer.
    Tick,
    /// Step by ±1 (pauses).
    Step(i64),
    /// Jump to a step (pauses).
    SeekStep(usize),
    /// Steps per second.
    SetSpeed(f64),
    /// Dismiss the notices.
    ClearNotices,
    /// Link (square) or unlink pair control `i` (kernel, stride, padding, dilation).
    Link(usize, bool),
    /// Unpin.
    Unpin,
    /// Enter or leave presentation mode.
    TogglePresent,
    /// Show or hide the keyboard shortcuts.
    ToggleHelp,
    /// Auto → light → dark → auto.
    CycleTheme,
    /// Switch the page's language.
    SetLang(crate::i18n::Lang),
    /// Close the shortcut list (and leave presentation mode if the list was not open).
    CloseOverlays,
    /// A timing measured for chart `chart`, point `point`, in generation `generation`.
    ChartTiming {
        /// The charts' generation it was measured for.
        generation: u64,
        /// Index into `SweepArg::ALL`.
        chart: usize,
        /// Index into the series' points.
        point: usize,
        /// The measurement.
        timing: crate::charts::Timing,
    },
    /// Linear or log y axes on the charts.
    ChartScale(crate::charts::Scale),
    /// A chart point was clicked: set that argument in the playground.
    FromChart(conv2d_core::sweep::SweepArg, i64),
}

/// The whole app state.
#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    /// What the user set.
    pub params: Params,
    /// The current configuration's layer, or PyTorch's rejection.
    pub layer: Result<Layer, SpecError>,
    /// The figure on screen: the current one, or the last valid one while the current is invalid.
    pub view: Option<Rc<View>>,
    /// True when `view` is not the current configuration (it stays, dimmed).
    pub stale: bool,
    /// Why the figure is not computed although the layer is valid (too large).
    pub too_large: Option<u64>,
    /// Messages about ignored URL values, caps, and data that does not fit.
    pub notices: Vec<Notice>,
    /// Hovered cell.
    pub hover: Focus,
    /// Pinned cell (tap, Enter, or arrow keys).
    pub pinned: Option<Focus>,
    /// Animation step: output cells `0..step` are filled; `step == total` shows them all.
    pub step: usize,
    /// Animation running.
    pub playing: bool,
    /// Steps per second.
    pub speed: f64,
    /// Presentation mode: large type, high contrast, side panels hidden.
    pub present: bool,
    /// The keyboard-shortcut overlay is open.
    pub help: bool,
    /// Colour theme.
    pub theme: Theme,
    /// Page language.
    pub lang: crate::i18n::Lang,
    /// Whether the pair controls move both components together.
    pub linked: [bool; 4],
    /// The scaling charts.
    pub charts: Rc<ChartsData>,
    /// Reused buffers of the forward pass.
    workspace: Scratch,
}

/// The forward pass's reused buffers; not part of the state's identity.
#[derive(Clone, Debug, Default)]
struct Scratch(Rc<std::cell::RefCell<Workspace>>);

impl PartialEq for Scratch {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Default for AppState {
    fn default() -> Self {
        Self::new(Params::default(), None, Vec::new())
    }
}

impl AppState {
    /// A state for `params`, at animation step `step` (None: the whole output, playing).
    pub fn new(params: Params, step: Option<usize>, notices: Vec<Notice>) -> Self {
        let mut s = Self {
            params,
            layer: Err(SpecError {
                rule: conv2d_core::Rule::Other,
                message: String::new(),
            }),
            view: None,
            stale: false,
            too_large: None,
            notices,
            hover: Focus::None,
            pinned: None,
            step: 0,
            playing: step.is_none(),
            speed: 2.0,
            linked: [true; 4],
            present: false,
            help: false,
            theme: Theme::Auto,
            lang: crate::i18n::Lang::En,
            charts: Rc::default(),
            workspace: Scratch::default(),
        };
        s.recompute();
        if s.view.is_none() {
            // Opened on an invalid configuration: show figure 1, dimmed, until something valid exists,
            // so the page never blanks.
            let mut fallback = Self::new(Params::default(), Some(0), Vec::new());
            fallback.params = s.params.clone();
            fallback.layer = s.layer.clone();
            fallback.too_large = s.too_large;
            // The charts belong to the configuration asked for (empty when PyTorch rejects it),
            // never to the figure shown in its place.
            fallback.charts = s.charts.clone();
            fallback.notices = std::mem::take(&mut s.notices);
            fallback.stale = true;
            s = fallback;
        }
        s.linked = [
            s.params.spec.kernel_size.is_square(),
            s.params.spec.stride.is_square(),
            !matches!(s.params.spec.padding, PaddingArg::Explicit(p) if !p.is_square()),
            s.params.spec.dilation.is_square(),
        ];
        let total = s.total_steps();
        s.step = step.map_or(0, |v| v.min(total));
        s
    }

    /// Output cells of the figure on screen.
    pub fn total_steps(&self) -> usize {
        self.view.as_ref().map_or(0, |v| v.total_steps())
    }

    /// The highlighted focus: pinned, else hovered, else the animation's current cell.
    pub fn focus(&self) -> Focus {
        if let Some(p) = self.pinned {
            return p;
        }
        if self.hover != Focus::None {
            return self.hover;
        }
        self.view
            .as_ref()
            .and_then(|v| v.cell_at_step(self.step))
            .map_or(Focus::None, Focus::Output)
    }

    /// Output cells filled in the figure.
    pub fn filled(&self) -> usize {
        if self.playing || self.step < self.total_steps() {
            self.step
        } else {
            self.total_steps()
        }
    }

    /// Re-derives the layer, data and output from `params`.
    fn recompute(&mut self) {
        self.layer = validate(
            &self.params.spec,
            [
                self.params.spec.in_channels,
                self.params.height,
                self.params.width,
            ],
        );
        self.too_large = None;
        let layer = match &self.layer {
            Ok(l) => *l,
            Err(_) => {
                self.stale = self.view.is_some();
                // The kept figure stands still: its steps belong to a configuration no longer asked for.
                self.playing = false;
                return;
            }
        };
        self.remake_charts();
        let p = &self.params;
        let macs = Cost::of(&layer).macs;
        if macs > CAP_MACS {
            self.too_large = Some(macs);
            self.stale = self.view.is_some();
            return;
        }
        let input = data::input(&layer, p.data, p.seed);
        let (weight, bias) = match data::weights(&layer, p.weights, p.seed) {
            Ok(wb) => wb,
            Err(e) => {
                self.notices
                    .retain(|n| !matches!(n, Notice::KernelNot3x3 { .. }));
                self.notices.push(Notice::KernelNot3x3 {
                    kernel: e.kernel.name(),
                    size: e.size,
                });
                data::weights(&layer, KernelData::Seeded, p.seed)
                    .expect("seeded weights fit any size")
            }
        };
        crate::perf::mark("conv2d-data");
        let output = forward_with(
            &layer,
            &input,
            &weight,
            bias.as_deref(),
            &mut self.workspace.0.borrow_mut(),
        )
        .to_vec();
        crate::perf::mark("conv2d-forward");
        self.view = Some(Rc::new(View {
            layer,
            spec: p.spec.clone(),
            input,
            weight,
            bias,
            output,
        }));
        self.stale = false;
        let total = self.total_steps();
        self.step = self.step.min(total);
        if let Some(Focus::Output(c)) = self.pinned {
            let [oc, h, w] = layer.output_shape();
            if c.channel >= oc || c.y >= h || c.x >= w {
                self.pinned = None;
            }
        }
        if let Some(Focus::Input { c, y, x }) = self.pinned {
            if c >= layer.in_channels || y >= layer.input[0] || x >= layer.input[1] {
                self.pinned = None;
            }
        }
    }

    /// Remakes the charts' sweeps around the current configuration (exact counts now, timings later).
    fn remake_charts(&mut self) {
        let p = &self.params;
        let base = Some((p.spec.clone(), p.height, p.width));
        if self.charts.base == base {
            return;
        }
        let series = conv2d_core::sweep::SweepArg::ALL
            .iter()
            .map(|&a| crate::charts::Series::new(a, &p.spec, p.height, p.width))
            .collect();
        self.charts = Rc::new(ChartsData {
            generation: self.charts.generation + 1,
            series,
            base,
            scale: self.charts.scale,
        });
    }

    fn capped(&mut self, name: &str, v: i64, cap: i64) -> i64 {
        if v > cap {
            self.notices
                .retain(|n| !matches!(n, Notice::Capped { key, .. } if key == name));
            self.notices.push(Notice::Capped {
                key: name.to_string(),
                cap,
            });
            cap
        } else {
            // A value within the cap again: the notice about this argument no longer applies.
            self.notices
                .retain(|n| !matches!(n, Notice::Capped { key, .. } if key == name));
            v
        }
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        let mut params_changed = false;
        match action {
            Action::Set(arg, v) => {
                let v = s.capped(arg.name(), v, arg.cap());
                let p = &mut s.params;
                let slot = match arg {
                    Arg::InChannels => &mut p.spec.in_channels,
                    Arg::OutChannels => &mut p.spec.out_channels,
                    Arg::Groups => &mut p.spec.groups,
                    Arg::Height => &mut p.height,
                    Arg::Width => &mut p.width,
                };
                if *slot == v {
                    return self;
                }
                *slot = v;
                params_changed = true;
            }
            Action::SetPair(arg, v) => {
                let v = Pair::new(
                    s.capped(arg.name(), v.h, arg.cap()),
                    s.capped(arg.name(), v.w, arg.cap()),
                );
                let spec = &mut s.params.spec;
                let slot = match arg {
                    PairArg::Kernel => &mut spec.kernel_size,
                    PairArg::Stride => &mut spec.stride,
                    PairArg::Dilation => &mut spec.dilation,
                    PairArg::Padding => {
                        if spec.padding == PaddingArg::Explicit(v) {
                            return self;
                        }
                        spec.padding = PaddingArg::Explicit(v);
                        s.recompute();
                        return Rc::new(s);
                    }
                };
                if *slot == v {
                    return self;
                }
                *slot = v;
                params_changed = true;
            }
            Action::SetPadding(p) => {
                if s.params.spec.padding == p {
                    return self;
                }
                s.params.spec.padding = p;
                params_changed = true;
            }
            Action::SetMode(m) => {
                s.params.spec.padding_mode = m;
                params_changed = true;
            }
            Action::SetBias(b) => {
                s.params.spec.bias = b;
                params_changed = true;
            }
            Action::SetData(d) => {
                s.params.data = d;
                params_changed = true;
            }
            Action::SetWeights(k) => {
                s.params.weights = k;
                s.notices
                    .retain(|n| !matches!(n, Notice::KernelNot3x3 { .. }));
                params_changed = true;
            }
            Action::SetSeed(seed) => {
                s.params.seed = seed;
                params_changed = true;
            }
            Action::Preset(i) => {
                let Some(preset) = PRESETS.get(i) else {
                    return self;
                };
                let (data, weights, seed) = (s.params.data, s.params.weights, s.params.seed);
                s.params = Params {
                    data,
                    weights,
                    seed,
                    ..preset.params()
                };
                s.linked = [
                    true,
                    preset.s.0 == preset.s.1,
                    true,
                    preset.d.0 == preset.d.1,
                ];
                s.linked[0] = preset.k.0 == preset.k.1;
                s.pinned = None;
                params_changed = true;
            }
            Action::Load(params, step, notices) => {
                let mut fresh = AppState::new(*params, step, notices);
                fresh.workspace = s.workspace.clone();
                return Rc::new(fresh);
            }
            Action::Hover(f) => {
                if s.hover == f {
                    return self;
                }
                s.hover = f;
            }
            Action::TogglePin => {
                // A tap or click on another cell moves the pin there; on the pinned cell or on empty
                // space it lets go (so a touch screen never needs a second tap just to unpin).
                s.pinned = match s.hover {
                    Focus::None => None,
                    f if s.pinned == Some(f) => None,
                    f => Some(f),
                };
            }
            Action::PinFocus => {
                let f = s.focus();
                if f == Focus::None || s.pinned == Some(f) {
                    return self;
                }
                s.pinned = Some(f);
                s.playing = false;
            }
            Action::MoveCursor(dy, dx) => {
                let Some(view) = s.view.clone() else {
                    return self;
                };
                let [oc, h, w] = view.layer.output_shape();
                let cur = match s.focus() {
                    Focus::Output(c) => c,
                    _ => OutputCell {
                        channel: 0,
                        y: 0,
                        x: 0,
                    },
                };
                let y = (cur.y as i64 + dy).clamp(0, h as i64 - 1) as usize;
                let x = (cur.x as i64 + dx).clamp(0, w as i64 - 1) as usize;
                s.pinned = Some(Focus::Output(OutputCell {
                    channel: cur.channel.min(oc - 1),
                    y,
                    x,
                }));
                s.playing = false;
            }
            Action::TogglePlay => {
                s.playing = !s.playing;
                if s.playing {
                    s.pinned = None;
                    if s.step >= s.total_steps() {
                        s.step = 0;
                    }
                }
            }
            Action::Pause => {
                if !s.playing {
                    return self;
                }
                s.playing = false;
            }
            Action::Tick => {
                if !s.playing {
                    return self;
                }
                let total = s.total_steps();
                s.step = if s.step >= total { 0 } else { s.step + 1 };
            }
            Action::Step(d) => {
                let total = s.total_steps() as i64;
                s.playing = false;
                s.pinned = None;
                s.step = (s.step as i64 + d).rem_euclid(total + 1) as usize;
            }
            Action::SeekStep(i) => {
                s.playing = false;
                s.pinned = None;
                s.step = i.min(s.total_steps());
            }
            Action::SetSpeed(v) => s.speed = v.clamp(0.25, 30.0),
            Action::ClearNotices => s.notices.clear(),
            Action::Link(i, on) => {
                let Some(slot) = s.linked.get_mut(i) else {
                    return self;
                };
                *slot = on;
                if on {
                    // Linking makes the pair square at its height, as the one slider shows.
                    let spec = &mut s.params.spec;
                    match i {
                        0 => spec.kernel_size = Pair::square(spec.kernel_size.h),
                        1 => spec.stride = Pair::square(spec.stride.h),
                        2 => {
                            if let PaddingArg::Explicit(p) = spec.padding {
                                spec.padding = PaddingArg::Explicit(Pair::square(p.h));
                            }
                        }
                        _ => spec.dilation = Pair::square(spec.dilation.h),
                    }
                    params_changed = true;
                }
            }
            Action::ChartTiming {
                generation,
                chart,
                point,
                timing,
            } => {
                if generation != s.charts.generation {
                    return self;
                }
                let mut charts = (*s.charts).clone();
                let Some(p) = charts
                    .series
                    .get_mut(chart)
                    .and_then(|c| c.points.get_mut(point))
                else {
                    return self;
                };
                p.timing = Some(timing);
                s.charts = Rc::new(charts);
            }
            Action::ChartScale(scale) => {
                if s.charts.scale == scale {
                    return self;
                }
                let mut charts = (*s.charts).clone();
                charts.scale = scale;
                s.charts = Rc::new(charts);
            }
            Action::FromChart(arg, x) => {
                let (spec, h, w) = arg.apply(&s.params.spec, s.params.height, s.params.width, x);
                if (&spec, h, w) == (&s.params.spec, s.params.height, s.params.width) {
                    return self;
                }
                s.params.spec = spec;
                s.params.height = h;
                s.params.width = w;
                params_changed = true;
            }
            Action::TogglePresent => s.present = !s.present,
            Action::ToggleHelp => s.help = !s.help,
            Action::SetLang(l) => {
                if s.lang == l {
                    return self;
                }
                s.lang = l;
            }
            Action::CloseOverlays => {
                if s.help {
                    s.help = false;
                } else if s.present {
                    s.present = false;
                } else {
                    return self;
                }
            }
            Action::CycleTheme => {
                s.theme = match s.theme {
                    Theme::Auto => Theme::Light,
                    Theme::Light => Theme::Dark,
                    Theme::Dark => Theme::Auto,
                }
            }
            Action::Unpin => {
                if s.pinned.is_none() {
                    return self;
                }
                s.pinned = None;
            }
        }
        if params_changed {
            s.recompute();
        }
        Rc::new(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reduce(s: AppState, a: Action) -> AppState {
        (*Rc::new(s).reduce(a)).clone()
    }

    #[test]
    fn an_invalid_change_keeps_the_last_valid_figure_dimmed() {
        let s = AppState::new(Params::default(), None, vec![]);
        assert!(s.playing);
        let before = s.view.clone().unwrap();
        let s = reduce(s, Action::Set(Arg::Groups, 0));
        assert_eq!(
            s.layer.as_ref().unwrap_err().message,
            "groups must be a positive integer"
        );
        assert!(s.stale);
        assert!(!s.playing, "the kept figure does not animate");
        assert_eq!(s.view.unwrap(), before);
    }

    #[test]
    fn a_value_above_the_cap_is_brought_down_with_a_notice() {
        let s = reduce(AppState::default(), Action::Set(Arg::OutChannels, 1000));
        assert_eq!(s.params.spec.out_channels, CAP_CHANNELS);
        assert!(s.notices.iter().any(|n| n
            .text(&crate::i18n::EN)
            .starts_with("out_channels is capped")));
    }

    #[test]
    fn the_cap_notice_goes_once_the_value_is_within_the_cap() {
        let s = reduce(AppState::default(), Action::Set(Arg::OutChannels, 1000));
        assert_eq!(s.notices.len(), 1);
        let s = reduce(s, Action::Set(Arg::OutChannels, 0));
        assert!(s.notices.is_empty(), "{:?}", s.notices);
    }

    #[test]
    fn a_zero_is_passed_to_pytorchs_rules_not_clamped() {
        let s = reduce(
            AppState::default(),
            Action::SetPair(PairArg::Stride, Pair::square(0)),
        );
        assert_eq!(s.params.spec.stride, Pair::square(0));
        assert_eq!(
            s.layer.unwrap_err().message,
            "non-positive stride is not supported"
        );
    }

    #[test]
    fn opening_an_invalid_configuration_still_shows_a_dimmed_figure() {
        let mut p = Params::default();
        p.spec.groups = 0;
        let s = AppState::new(p.clone(), None, vec![]);
        assert!(s.layer.is_err());
        assert!(s.stale && s.view.is_some());
        assert_eq!(s.params, p, "the user's values stay in the controls");
    }

    #[test]
    fn clicking_a_chart_point_sets_that_argument_and_remakes_the_charts() {
        let s = AppState::default();
        let generation = s.charts.generation;
        let s = reduce(
            s,
            Action::FromChart(conv2d_core::sweep::SweepArg::OutChannels, 8),
        );
        assert_eq!(s.params.spec.out_channels, 8);
        assert!(s.charts.generation > generation);
        assert_eq!(s.charts.series[1].current, Some(8));
    }

    #[test]
    fn a_timing_from_an_old_generation_is_dropped() {
        let s = AppState::default();
        let t = crate::charts::Timing {
            median_ms: 1.0,
            min_ms: 1.0,
            max_ms: 1.0,
            repeats: 5,
        };
        let old = s.charts.generation;
        let s = reduce(s, Action::Set(Arg::OutChannels, 4));
        let s = reduce(
            s,
            Action::ChartTiming {
                generation: old,
                chart: 0,
                point: 0,
                timing: t,
            },
        );
        assert_eq!(s.charts.progress().0, 0);
        let now = s.charts.generation;
        let s = reduce(
            s,
            Action::ChartTiming {
                generation: now,
                chart: 0,
                point: 0,
                timing: t,
            },
        );
        assert_eq!(s.charts.progress().0, 1);
    }

    #[test]
    fn a_tap_pins_a_cell_another_tap_moves_the_pin_and_the_same_cell_lets_go() {
        let cell = |x| {
            Focus::Output(OutputCell {
                channel: 0,
                y: 0,
                x,
            })
        };
        let tap = |s, f| reduce(reduce(s, Action::Hover(f)), Action::TogglePin);
        let s = tap(AppState::default(), cell(0));
        assert_eq!(s.pinned, Some(cell(0)));
        // Touch pointers leave after every tap; the pin stays.
        let s = reduce(s, Action::Hover(Focus::None));
        assert_eq!(s.focus(), cell(0));
        let s = tap(s, cell(1));
        assert_eq!(s.pinned, Some(cell(1)));
        let s = tap(s, cell(1));
        assert_eq!(s.pinned, None);
        let s = tap(tap(s, cell(2)), Focus::None);
        assert_eq!(s.pinned, None, "a tap on empty space lets go");
    }

    #[test]
    fn enter_pins_the_cell_in_focus_and_keeps_it() {
        let s = AppState::new(Params::default(), Some(4), vec![]);
        let s = reduce(s, Action::MoveCursor(1, 0));
        let here = s.focus();
        assert_ne!(here, Focus::None);
        let s = reduce(s, Action::PinFocus);
        assert_eq!(
            s.pinned,
            Some(here),
            "Enter after the arrows keeps the cursor's cell"
        );
        let s = reduce(s, Action::PinFocus);
        assert_eq!(s.pinned, Some(here), "a second Enter does not let go");
        // With nothing pinned, Enter pins the animation's current cell.
        let s = reduce(reduce(s, Action::Unpin), Action::PinFocus);
        assert_eq!(s.pinned, Some(s.focus()));
    }

    #[test]
    fn a_link_too_large_to_run_live_gets_charts_of_its_own_configuration() {
        let p = Params {
            spec: Conv2dSpec::new(64, 64, Pair::square(3)),
            height: 128,
            width: 128,
            ..Params::default()
        };
        let s = AppState::new(p.clone(), Some(0), vec![]);
        assert!(s.too_large.is_some());
        assert_eq!(
            s.charts.base,
            Some((p.spec.clone(), 128, 128)),
            "not figure 1's, which is the dimmed figure shown in its place"
        );
        assert_eq!(s.charts.series[0].current, Some(64));
    }

    #[test]
    fn a_no_op_returns_the_same_state() {
        let s = Rc::new(AppState::default());
        let same = s
            .clone()
            .reduce(Action::Set(Arg::InChannels, s.params.spec.in_channels));
        assert!(Rc::ptr_eq(&s, &same));
    }
}
