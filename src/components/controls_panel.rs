//! The panel of Conv2d arguments: one control per argument (and the input's size, data, weights and
//! seed), each dispatching its own action; controls named in PyTorch's rejection are marked.

use conv2d_core::data::{InputData, KernelData};
use conv2d_core::layer::PaddingMode;
use conv2d_core::{PaddingArg, Pair};
use yew::prelude::*;

use super::controls::{PairControl, Select, Slider};
use crate::dispatch::{Dispatch, StateHandle};
use crate::i18n::{use_texts, Texts};
use crate::state::{Action, Arg, PairArg};

/// Props of [`ControlsPanel`].
#[derive(Properties, PartialEq)]
pub struct ControlsPanelProps {
    /// The page's state.
    pub state: StateHandle,
    /// Where actions go.
    pub dispatch: Dispatch,
}

type Options = Vec<(AttrValue, AttrValue)>;

/// The padding kinds ("numbers", 'same', 'valid', and a word from the URL that is none of them).
fn padding_options(kind: &str, t: &Texts) -> Options {
    let mut options: Options = ["numbers", "same", "valid"]
        .iter()
        .map(|&s| (s.into(), if s == "numbers" { t.numbers } else { s }.into()))
        .collect();
    if !["numbers", "same", "valid"].contains(&kind) {
        options.push((
            kind.to_string().into(),
            format!("'{kind}' {}", t.from_url).into(),
        ));
    }
    options
}

/// The padding modes (and a mode from the URL that PyTorch does not know).
fn mode_options(mode: &str, t: &Texts) -> Options {
    let mut options: Options = PaddingMode::ALL
        .iter()
        .map(|m| (m.name().into(), m.name().into()))
        .collect();
    if PaddingMode::from_name(mode).is_none() {
        options.push((
            mode.to_string().into(),
            format!("'{mode}' {}", t.from_url).into(),
        ));
    }
    options
}

/// Named choices (input data, weights) as options.
fn named<T>(all: &[T], name: impl Fn(&T) -> &'static str) -> Options {
    all.iter()
        .map(|d| (name(d).into(), name(d).into()))
        .collect()
}

/// Every argument's control.
#[component]
pub fn ControlsPanel(p: &ControlsPanelProps) -> Html {
    let t = use_texts();
    let state = &p.state;
    let act = p.dispatch.marking();
    let set = |arg: Arg| act.to(move |v: i64| Action::Set(arg, v));
    let set_pair = |arg: PairArg| act.to(move |v: Pair| Action::SetPair(arg, v));
    let link = |i: usize| p.dispatch.to(move |on: bool| Action::Link(i, on));
    let involved: Vec<&str> = state
        .layer
        .as_ref()
        .err()
        .map(|e| e.rule.arguments().to_vec())
        .unwrap_or_default();
    let inv = |name: &str| involved.contains(&name);
    let spec = &state.params.spec;
    let padding_kind = match &spec.padding {
        PaddingArg::Explicit(_) => "numbers".to_string(),
        PaddingArg::Named(n) => n.clone(),
    };
    let on_padding_kind = act.to(|v: String| match v.as_str() {
        "numbers" => Action::SetPadding(PaddingArg::Explicit(Pair::square(0))),
        other => Action::SetPadding(PaddingArg::Named(other.to_string())),
    });
    let on_mode = act.to(Action::SetMode);
    let on_bias = act.to(|v: String| Action::SetBias(v == "true"));
    let on_data = act.to_some(|v: String| InputData::from_name(&v).map(Action::SetData));
    let on_weights = act.to_some(|v: String| KernelData::from_name(&v).map(Action::SetWeights));
    let on_seed = act.to(|v: i64| Action::SetSeed(v.max(0) as u64));
    html! {
        <section class="panel controls" aria-label={t.arguments}>
            <Slider id="in_channels" label="in_channels" value={spec.in_channels} min=1 max=16 involved={inv("in_channels")} onchange={set(Arg::InChannels)} />
            <Slider id="out_channels" label="out_channels" value={spec.out_channels} min=1 max=16 involved={inv("out_channels")} onchange={set(Arg::OutChannels)} />
            <PairControl id="kernel_size" label="kernel_size" value={spec.kernel_size} min=1 max=11 linked={state.linked[0]} involved={inv("kernel_size")} onchange={set_pair(PairArg::Kernel)} onlink={link(0)} />
            <PairControl id="stride" label="stride" value={spec.stride} min=1 max=6 linked={state.linked[1]} involved={inv("stride")} onchange={set_pair(PairArg::Stride)} onlink={link(1)} />
            <Select id="padding-kind" label="padding" options={padding_options(&padding_kind, t)} value={padding_kind.clone()} involved={inv("padding")} onchange={on_padding_kind} />
            if let PaddingArg::Explicit(pad) = spec.padding {
                <PairControl id="padding" label={t.padding_hw} value={pad} min=0 max=10 linked={state.linked[2]} involved={inv("padding")} onchange={set_pair(PairArg::Padding)} onlink={link(2)} />
            }
            <PairControl id="dilation" label="dilation" value={spec.dilation} min=1 max=6 linked={state.linked[3]} involved={inv("dilation")} onchange={set_pair(PairArg::Dilation)} onlink={link(3)} />
            <Slider id="groups" label="groups" value={spec.groups} min=1 max=16 involved={inv("groups")} onchange={set(Arg::Groups)} />
            <Select id="bias" label="bias" options={vec![("true".into(), "True".into()), ("false".into(), "False".into())]} value={spec.bias.to_string()} onchange={on_bias} />
            <Select id="padding_mode" label="padding_mode" options={mode_options(&spec.padding_mode, t)} value={spec.padding_mode.clone()} involved={inv("padding_mode")} onchange={on_mode} />
            <Slider id="height" label={t.input_height} value={state.params.height} min=1 max=32 involved={inv("height")} onchange={set(Arg::Height)} />
            <Slider id="width" label={t.input_width} value={state.params.width} min=1 max=32 involved={inv("width")} onchange={set(Arg::Width)} />
            <Select id="data" label={t.input_data} options={named(&InputData::ALL, |d| d.name())} value={state.params.data.name()} onchange={on_data} />
            <Select id="weights" label={t.weights} options={named(&KernelData::ALL, |d| d.name())} value={state.params.weights.name()} onchange={on_weights} />
            <Slider id="seed" label={t.seed} value={state.params.seed as i64} min=0 max=99 lowest={Some(0)} onchange={on_seed} />
        </section>
    }
}
