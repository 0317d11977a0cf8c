//! The panel of the layer's arguments, in three cards (the window, the channels, the input and its
//! data): one control per argument of its kind, labelled in words with PyTorch's name beside it;
//! controls named in PyTorch's rejection are marked.

use conv2d_core::data::{InputData, KernelData};
use conv2d_core::Arg;
use yew::prelude::*;

use super::arguments::ArgControl;
use super::controls::{Select, Slider};
use super::layer_kind::LayerSwitch;
use super::picture_input::PictureInput;
use crate::dispatch::{Dispatch, StateHandle};
use crate::i18n::use_texts;
use crate::state::{Action, PICTURE_CAP};

/// Props of [`ControlsPanel`].
#[derive(Properties, PartialEq)]
pub struct ControlsPanelProps {
    /// The page's state.
    pub state: StateHandle,
    /// Where actions go.
    pub dispatch: Dispatch,
}

type Options = Vec<(AttrValue, AttrValue)>;

/// Named choices (input data, weights) as options: the name (the link's value) and its label.
fn named<T>(all: &[T], name: impl Fn(&T) -> &'static str, labels: &[&'static str]) -> Options {
    all.iter()
        .zip(labels)
        .map(|(d, label)| (name(d).into(), (*label).into()))
        .collect()
}

/// Every argument's control (from the core's argument table), then the data choices.
#[component]
pub fn ControlsPanel(p: &ControlsPanelProps) -> Html {
    let t = use_texts();
    let state = &p.state;
    let act = p.dispatch.marking();
    let on_arg = act.to(|(arg, v)| Action::Set(arg, v));
    let on_link = p.dispatch.to(|(arg, on)| Action::Link(arg, on));
    let involved = state.involved();
    let config = &state.params.config;
    let on_data = act.to_some(|v: String| InputData::from_name(&v).map(Action::SetData));
    let on_weights = act.to_some(|v: String| KernelData::from_name(&v).map(Action::SetWeights));
    let on_seed = act.to(|v: i64| Action::SetSeed(v.max(0) as u64));
    let control = |arg: Arg| {
        // The picture view takes larger inputs: its sides' sliders reach its cap.
        let top =
            (state.pictures && matches!(arg, Arg::Height | Arg::Width)).then_some(PICTURE_CAP);
        config.get(arg).map(|value| html! {
            <ArgControl {arg} {value} linked={state.linked(arg)} involved={involved.contains(&arg)}
                {top} onchange={on_arg.clone()} onlink={on_link.clone()} />
        })
    };
    let args = |card: usize| -> Html {
        config
            .arguments()
            .iter()
            .filter(|&&a| card_of(a) == card)
            .filter_map(|&a| control(a))
            .collect()
    };
    html! {
        <section class="panel controls" aria-label={t.arguments}>
            <LayerSwitch kind={config.layer.kind()} dispatch={p.dispatch.clone()} />
            <details class="card" open=true data-testid="card-window">
                <summary>{t.cards[0]}</summary>
                {args(0)}
            </details>
            <details class="card" open=true data-testid="card-channels">
                <summary>{t.cards[1]}</summary>
                {args(1)}
            </details>
            <details class="card" open=true data-testid="card-data">
                <summary>{t.cards[2]}</summary>
                {args(2)}
                <Select id="data" label={t.input_data} options={named(&InputData::ALL, |d| d.name(), &t.data_labels)} value={state.params.data.name()} onchange={on_data} />
                <Select id="weights" label={t.weights} options={named(&KernelData::ALL, |d| d.name(), &t.weight_labels)} value={state.params.weights.name()} onchange={on_weights} />
                <Slider id="seed" label={t.seed} value={state.params.seed as i64} min=0 max=99 lowest={Some(0)} onchange={on_seed} />
                <PictureInput state={state.clone()} dispatch={p.dispatch.clone()} />
            </details>
        </section>
    }
}

/// The card an argument's control sits in: the window (kernel, stride, padding, dilation and how
/// padding is filled), the channels (in, out, groups, bias), or the input (its sides).
fn card_of(arg: Arg) -> usize {
    match arg {
        Arg::InChannels | Arg::OutChannels | Arg::Groups | Arg::Bias => 1,
        Arg::Height | Arg::Width => 2,
        _ => 0,
    }
}
