//! Page layout; owns the one reducer, keeps the URL in step, runs the animation timer and the keys.

use std::rc::Rc;

use conv2d_core::data::{InputData, KernelData};
use conv2d_core::layer::PaddingMode;
use conv2d_core::{PaddingArg, Pair};
use conv2d_figure::sum::sum_line;
use conv2d_figure::{Focus, Highlight};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::components::charts::ChartsPanel;
use crate::components::controls::{PairControl, Select, Slider};
use crate::components::figure::FigureCanvas;
use crate::components::numbers::Numbers;
use crate::components::share::Share;
use crate::state::{Action, AppState, Arg, PairArg, PRESETS};
use crate::url;

/// Props of [`App`].
#[derive(Properties, PartialEq, Default)]
pub struct AppProps {
    /// The query string to start from; `None` reads the page's own URL.
    #[prop_or_default]
    pub query: Option<AttrValue>,
}

fn page_query() -> String {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window()
            .and_then(|w| w.location().search().ok())
            .unwrap_or_default()
    }
    #[cfg(not(target_arch = "wasm32"))]
    String::new()
}

fn reduced_motion() -> bool {
    media_matches("(prefers-reduced-motion: reduce)")
}

/// The system's dark preference.
const DARK_QUERY: &str = "(prefers-color-scheme: dark)";

/// Whether a media query matches (never natively).
fn media_matches(query: &str) -> bool {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window()
            .and_then(|w| w.match_media(query).ok().flatten())
            .is_some_and(|m| m.matches())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = query;
        false
    }
}

/// Where the theme choice is kept in `localStorage`.
const THEME_KEY: &str = "conv2d-playground-theme";

/// The theme chosen on an earlier visit (none when storage is blocked, as in some iframes).
fn saved_theme() -> Option<crate::state::Theme> {
    #[cfg(target_arch = "wasm32")]
    {
        let store = web_sys::window()?.local_storage().ok()??;
        crate::state::Theme::from_name(&store.get_item(THEME_KEY).ok()??)
    }
    #[cfg(not(target_arch = "wasm32"))]
    None
}

/// The root component.
#[component]
pub fn App(props: &AppProps) -> Html {
    let query = use_memo(props.query.clone(), |q| {
        q.as_ref().map_or_else(page_query, |q| q.to_string())
    });
    let embed = url::flag(&query, "embed");
    let embed_controls = url::flag(&query, "controls");
    let state = {
        let query = (*query).clone();
        use_reducer(move || {
            let (params, step, notices) = url::parse(&query);
            let mut s = AppState::new(params, step, notices);
            s.lang = url::lang(&query).unwrap_or_default();
            s.theme = saved_theme().unwrap_or_default();
            if reduced_motion() {
                s.playing = false;
                s.step = s.total_steps();
            }
            s
        })
    };
    let lang = state.lang;
    let t = lang.t();
    let width = use_state(|| 900.0f32);
    let figure_box = use_node_ref();
    let copied = use_state(|| false);

    // Keep the URL in step (replaceState: no history spam).
    {
        let mut q = url::to_query(&state.params, (!state.playing).then_some(state.step));
        if lang != crate::i18n::Lang::En {
            q += &format!("&lang={}", lang.tag());
        }
        if embed {
            q += if embed_controls {
                "&embed=1&controls=1"
            } else {
                "&embed=1"
            };
        }
        use_effect_with(q, |q| {
            #[cfg(target_arch = "wasm32")]
            if let Some(h) = web_sys::window().and_then(|w| w.history().ok()) {
                let _ = h.replace_state_with_url(
                    &wasm_bindgen::JsValue::NULL,
                    "",
                    Some(&format!("?{q}")),
                );
            }
            let _ = q;
        });
    }
    // The animation timer, cancelled when paused or when the speed changes.
    {
        let dispatch = state.dispatcher();
        use_effect_with(
            (state.playing, (state.speed * 100.0) as i64),
            move |(playing, speed)| {
                let timer = playing.then(|| {
                    let ms = (100_000 / (*speed).max(1)) as u32;
                    gloo_timers::callback::Interval::new(ms, move || {
                        dispatch.dispatch(Action::Tick)
                    })
                });
                move || drop(timer)
            },
        );
    }
    // Keyboard shortcuts anywhere on the page (not while typing in a control or moving the cursor in
    // the figure, which has its own keys): space play/pause, ←/→ step, ? the list, Escape closes it.
    {
        let dispatch = state.dispatcher();
        use_effect_with((), move |_| {
            let listener = web_sys::window().and_then(|w| w.document()).map(|doc| {
                let options = gloo_events::EventListenerOptions::enable_prevent_default();
                gloo_events::EventListener::new_with_options(&doc, "keydown", options, move |e| {
                    let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                        return;
                    };
                    if e.ctrl_key() || e.meta_key() || e.alt_key() {
                        return;
                    }
                    let target = e
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
                    // A focused button already answers space (and Enter) itself.
                    let typing = target.as_ref().is_some_and(|t| {
                        matches!(t.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA")
                            || (t.tag_name() == "BUTTON" && e.key() == " ")
                            || t.closest(".figure-box").ok().flatten().is_some()
                            || t.closest("canvas.chart").ok().flatten().is_some()
                    });
                    if typing {
                        return;
                    }
                    let action = match e.key().as_str() {
                        " " => Action::TogglePlay,
                        "ArrowLeft" => Action::Step(-1),
                        "ArrowRight" => Action::Step(1),
                        "?" => Action::ToggleHelp,
                        "p" => Action::TogglePresent,
                        "Escape" => Action::CloseOverlays,
                        _ => return,
                    };
                    e.prevent_default();
                    dispatch.dispatch(action);
                })
            });
            move || drop(listener)
        });
    }
    // The page's language on <html lang>, for screen readers, fonts and hyphenation.
    use_effect_with(lang, |lang| {
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = root.set_attribute("lang", lang.tag());
        }
    });
    // Whether the system prefers dark, followed as it changes (for the figure's ink under "auto").
    let system_dark = use_state(|| media_matches(DARK_QUERY));
    {
        let system_dark = system_dark.clone();
        use_effect_with((), move |_| {
            #[cfg(target_arch = "wasm32")]
            let listener = web_sys::window()
                .and_then(|w| w.match_media(DARK_QUERY).ok().flatten())
                .map(|mq| {
                    gloo_events::EventListener::new(&mq, "change", move |_| {
                        system_dark.set(media_matches(DARK_QUERY))
                    })
                });
            #[cfg(not(target_arch = "wasm32"))]
            let listener = {
                let _ = system_dark;
                None::<gloo_events::EventListener>
            };
            move || drop(listener)
        });
    }
    let dark = match state.theme {
        crate::state::Theme::Dark => true,
        crate::state::Theme::Light => false,
        crate::state::Theme::Auto => *system_dark,
    };
    // The theme on <html data-theme>, so CSS can follow the system or the toggle.
    use_effect_with(state.theme, |theme| {
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = root.set_attribute("data-theme", theme.name());
        }
        // Remembered in this browser (a choice of the reader's, not part of the figure's link).
        if let Some(store) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
            let _ = store.set_item(THEME_KEY, theme.name());
        }
    });
    // Width of the figure's column, now and on resize.
    {
        let width = width.clone();
        let figure_box = figure_box.clone();
        // Re-measured when presentation mode changes the layout.
        use_effect_with(state.present, move |_| {
            let measure = move || {
                if let Some(el) = figure_box.cast::<web_sys::Element>() {
                    let w = el.client_width() as f32;
                    if w > 0.0 {
                        width.set(w - 4.0);
                    }
                }
            };
            measure();
            let listener = web_sys::window()
                .map(|w| gloo_events::EventListener::new(&w, "resize", move |_| measure()));
            move || drop(listener)
        });
    }

    let d = state.dispatcher();
    let act = {
        let d = d.clone();
        move |a: Action| {
            crate::perf::changed();
            d.dispatch(a)
        }
    };
    let set = |arg: Arg| {
        let act = act.clone();
        Callback::from(move |v: i64| act(Action::Set(arg, v)))
    };
    let set_pair = |arg: PairArg| {
        let act = act.clone();
        Callback::from(move |v: Pair| act(Action::SetPair(arg, v)))
    };
    let link = |i: usize| {
        let d = d.clone();
        Callback::from(move |on: bool| d.dispatch(Action::Link(i, on)))
    };
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
    let on_padding_kind = {
        let act = act.clone();
        Callback::from(move |v: String| {
            act(match v.as_str() {
                "numbers" => Action::SetPadding(PaddingArg::Explicit(Pair::square(0))),
                other => Action::SetPadding(PaddingArg::Named(other.to_string())),
            })
        })
    };
    let mut padding_options: Vec<(AttrValue, AttrValue)> = ["numbers", "same", "valid"]
        .iter()
        .map(|&s| (s.into(), if s == "numbers" { t.numbers } else { s }.into()))
        .collect();
    if !["numbers", "same", "valid"].contains(&padding_kind.as_str()) {
        padding_options.push((
            padding_kind.clone().into(),
            format!("'{padding_kind}' {}", t.from_url).into(),
        ));
    }
    let mut mode_options: Vec<(AttrValue, AttrValue)> = PaddingMode::ALL
        .iter()
        .map(|m| (m.name().into(), m.name().into()))
        .collect();
    if PaddingMode::from_name(&spec.padding_mode).is_none() {
        mode_options.push((
            spec.padding_mode.clone().into(),
            format!("'{}' {}", spec.padding_mode, t.from_url).into(),
        ));
    }
    let on_mode = {
        let act = act.clone();
        Callback::from(move |v: String| act(Action::SetMode(v)))
    };
    let on_bias = {
        let act = act.clone();
        Callback::from(move |v: String| act(Action::SetBias(v == "true")))
    };
    let on_data = {
        let act = act.clone();
        Callback::from(move |v: String| {
            if let Some(d) = InputData::from_name(&v) {
                act(Action::SetData(d))
            }
        })
    };
    let on_weights = {
        let act = act.clone();
        Callback::from(move |v: String| {
            if let Some(k) = KernelData::from_name(&v) {
                act(Action::SetWeights(k))
            }
        })
    };
    let on_seed = {
        let act = act.clone();
        Callback::from(move |v: i64| act(Action::SetSeed(v.max(0) as u64)))
    };
    let on_preset = {
        let act = act.clone();
        Callback::from(move |v: String| {
            if let Some(i) = PRESETS.iter().position(|p| p.name == v) {
                act(Action::Preset(i))
            }
        })
    };
    let preset_now = PRESETS
        .iter()
        .find(|p| {
            let pp = p.params();
            pp.spec == state.params.spec
                && pp.height == state.params.height
                && pp.width == state.params.width
        })
        .map_or("custom", |p| p.name);
    let mut preset_options: Vec<(AttrValue, AttrValue)> = PRESETS
        .iter()
        .zip(t.preset_titles)
        .map(|(p, title)| (p.name.into(), format!("{} {title}", t.figure).into()))
        .collect();
    if preset_now == "custom" {
        preset_options.insert(0, ("custom".into(), t.custom.into()));
    }

    let total = state.total_steps();
    let on_play = {
        let d = d.clone();
        Callback::from(move |_| d.dispatch(Action::TogglePlay))
    };
    let on_back = {
        let d = d.clone();
        Callback::from(move |_| d.dispatch(Action::Step(-1)))
    };
    let on_fwd = {
        let d = d.clone();
        Callback::from(move |_| d.dispatch(Action::Step(1)))
    };
    let on_scrub = {
        let d = d.clone();
        Callback::from(move |v: i64| d.dispatch(Action::SeekStep(v.max(0) as usize)))
    };
    let on_speed = {
        let d = d.clone();
        Callback::from(move |v: i64| d.dispatch(Action::SetSpeed(v as f64)))
    };
    let on_hover = {
        let d = d.clone();
        Callback::from(move |f: Focus| d.dispatch(Action::Hover(f)))
    };
    let on_pin = {
        let d = d.clone();
        Callback::from(move |f: Focus| {
            d.dispatch(Action::Hover(f));
            d.dispatch(Action::TogglePin);
        })
    };
    let onkeydown = {
        let d = d.clone();
        Callback::from(move |e: KeyboardEvent| {
            let a = match e.key().as_str() {
                "ArrowUp" => Action::MoveCursor(-1, 0),
                "ArrowDown" => Action::MoveCursor(1, 0),
                "ArrowLeft" => Action::MoveCursor(0, -1),
                "ArrowRight" => Action::MoveCursor(0, 1),
                "Enter" => Action::PinFocus,
                "Escape" => Action::Unpin,
                " " => Action::TogglePlay,
                _ => return,
            };
            e.prevent_default();
            d.dispatch(a);
        })
    };
    let on_copy = {
        let copied = copied.clone();
        Callback::from(move |line: String| {
            #[cfg(target_arch = "wasm32")]
            if let Some(w) = web_sys::window() {
                let _ = w.navigator().clipboard().write_text(&line);
            }
            let _ = line;
            copied.set(true);
        })
    };
    let on_timing = {
        let d = d.clone();
        Callback::from(move |(generation, chart, point, timing)| {
            d.dispatch(Action::ChartTiming {
                generation,
                chart,
                point,
                timing,
            })
        })
    };
    let on_scale = {
        let d = d.clone();
        Callback::from(move |s| d.dispatch(Action::ChartScale(s)))
    };
    let on_pick_chart = {
        let act = act.clone();
        Callback::from(move |(arg, x)| act(Action::FromChart(arg, x)))
    };
    let exports = crate::hooks::export::use_export(&state, *width);
    let mut share_query = url::to_query(&state.params, (!state.playing).then_some(state.step));
    if lang != crate::i18n::Lang::En {
        share_query += &format!("&lang={}", lang.tag());
    }
    let on_lang = {
        let d = d.clone();
        Callback::from(move |l| d.dispatch(Action::SetLang(l)))
    };
    let on_present = {
        let d = d.clone();
        Callback::from(move |_| d.dispatch(Action::TogglePresent))
    };
    let on_help = {
        let d = d.clone();
        Callback::from(move |_| d.dispatch(Action::ToggleHelp))
    };
    let on_theme = {
        let d = d.clone();
        Callback::from(move |_| d.dispatch(Action::CycleTheme))
    };
    let on_fullscreen = Callback::from(|_| {
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            if doc.fullscreen_element().is_some() {
                doc.exit_fullscreen();
            } else if let Some(root) = doc.document_element() {
                let _ = root.request_fullscreen();
            }
        }
    });
    let clear_notices = {
        let d = d.clone();
        Callback::from(move |_| d.dispatch(Action::ClearNotices))
    };

    let focus = state.focus();
    let sum = use_memo(
        (state.view.as_ref().map(|v| Rc::as_ptr(v) as usize), focus),
        {
            let view = state.view.clone();
            move |(_, focus)| match (view, focus) {
                (Some(v), Focus::Output(c)) => {
                    sum_line(&v.figure(&Highlight::default(), 0, lang.words()), *c)
                }
                _ => String::new(),
            }
        },
    );
    let focus_text = match focus {
        Focus::Output(c) => format!("output[{}, {}, {}]", c.channel, c.y, c.x),
        Focus::Input { c, y, x } => {
            format!("input[{c}, {y}, {x}] {}", t.feeds)
        }
        Focus::None => t.hover_hint.to_string(),
    };

    let alert = match (&state.layer, &state.too_large) {
        (Err(e), _) => html! {
            <div role="alert" class="alert" data-testid="error">
                <strong>{if e.rule.is_pytorchs() { t.rejects } else { t.rejects_here }}</strong><span data-testid="error-message">{&e.message}</span>
                if !e.rule.arguments().is_empty() {
                    <div class="muted">{t.involves}{e.rule.arguments().join(", ")}</div>
                }
            </div>
        },
        (Ok(_), Some(macs)) => {
            let msg = crate::i18n::fill(
                t.n_too_large,
                &[
                    ("macs", macs.to_string()),
                    ("cap", crate::state::CAP_MACS.to_string()),
                ],
            );
            html! { <div role="status" class="alert" data-testid="too-large">{msg}</div> }
        }
        _ => html! { <div role="alert" class="alert-empty" data-testid="error" hidden=true></div> },
    };

    // In an iframe the figure fits the frame's height, below the transport row.
    #[cfg(target_arch = "wasm32")]
    let frame_height = web_sys::window()
        .and_then(|w| w.inner_height().ok())
        .and_then(|h| h.as_f64());
    #[cfg(not(target_arch = "wasm32"))]
    let frame_height: Option<f64> = None;
    let embed_height = frame_height.map_or(600.0, |h| {
        h as f32 - if embed_controls { 60.0 } else { 16.0 }
    });
    if embed {
        // Figure mode for iframes: only the figure, the error line, and (with controls=1) play/step.
        return html! {
            <ContextProvider<&'static crate::i18n::Texts> context={t}>
            <main class="embed" data-testid="embed-root">
                {alert}
                if embed_controls {
                    <div class="transport" role="group" aria-label={t.animation}>
                        <button type="button" onclick={on_back} aria-label={t.step_back} data-testid="step-back">{"◀"}</button>
                        <button type="button" onclick={on_play} data-testid="play" aria-pressed={state.playing.to_string()}>
                            { if state.playing { t.pause } else { t.play } }</button>
                        <button type="button" onclick={on_fwd} aria-label={t.step_forward} data-testid="step-forward">{"▶"}</button>
                        <span class="muted small" aria-live="polite">{focus_text}</span>
                    </div>
                }
                <div class="figure-box" ref={figure_box} tabindex="0" {onkeydown}
                    aria-label={t.figure_label}>
                    if let Some(view) = state.view.clone() {
                        <FigureCanvas {view} {focus} {dark} words={lang.words()} filled={state.filled()} dimmed={state.stale || state.too_large.is_some()}
                            width={*width} fit_height={Some(embed_height)} onhover={on_hover} onpin={on_pin} />
                    }
                </div>
            </main>
            </ContextProvider<&'static crate::i18n::Texts>>
        };
    }

    html! {
        <ContextProvider<&'static crate::i18n::Texts> context={t}>
        <div class={classes!("app", state.present.then_some("present"))}>
        <header>
            <h1>{t.title}</h1>
            <Select id="preset" label={t.preset} options={preset_options} value={preset_now} onchange={on_preset} />
            <div class="transport" role="group" aria-label={t.animation}>
                <button type="button" onclick={on_back} aria-label={t.step_back} data-testid="step-back">{"◀"}</button>
                <button type="button" onclick={on_play} data-testid="play" aria-pressed={state.playing.to_string()}>
                    { if state.playing { t.pause } else { t.play } }</button>
                <button type="button" onclick={on_fwd} aria-label={t.step_forward} data-testid="step-forward">{"▶"}</button>
                <Slider id="step" label={t.step} value={state.step as i64} min=0 max={total as i64} onchange={on_scrub} />
                <Slider id="speed" label={t.speed} value={state.speed.round() as i64} min=1 max=20 onchange={on_speed} />
            </div>
            <div class="view-buttons">
                <button type="button" onclick={on_present} aria-pressed={state.present.to_string()} data-testid="present">
                    { if state.present { t.leave_present } else { t.present } }</button>
                if state.present {
                    <button type="button" onclick={on_fullscreen} data-testid="fullscreen">{t.full_screen}</button>
                }
                <button type="button" onclick={on_theme} data-testid="theme" aria-label={t.theme}>
                    {format!("{}: {}", t.theme, t.theme_names[state.theme as usize])}</button>
                <button type="button" onclick={on_help.clone()} aria-label={t.shortcuts} data-testid="help-button">{"?"}</button>
                <div class="lang" role="group" aria-label={t.language}>
                    <button type="button" lang="en" aria-pressed={(lang == crate::i18n::Lang::En).to_string()}
                        onclick={on_lang.reform(|_| crate::i18n::Lang::En)} data-testid="lang-en">{"en"}</button>
                    <button type="button" lang="zh" aria-pressed={(lang == crate::i18n::Lang::Zh).to_string()}
                        onclick={on_lang.reform(|_| crate::i18n::Lang::Zh)} data-testid="lang-zh">{"中文"}</button>
                </div>
            </div>
        </header>
        <main class="layout">
            <section class="panel controls" aria-label={t.arguments}>
                <Slider id="in_channels" label="in_channels" value={spec.in_channels} min=1 max=16 involved={inv("in_channels")} onchange={set(Arg::InChannels)} />
                <Slider id="out_channels" label="out_channels" value={spec.out_channels} min=1 max=16 involved={inv("out_channels")} onchange={set(Arg::OutChannels)} />
                <PairControl id="kernel_size" label="kernel_size" value={spec.kernel_size} min=1 max=11 linked={state.linked[0]} involved={inv("kernel_size")} onchange={set_pair(PairArg::Kernel)} onlink={link(0)} />
                <PairControl id="stride" label="stride" value={spec.stride} min=1 max=6 linked={state.linked[1]} involved={inv("stride")} onchange={set_pair(PairArg::Stride)} onlink={link(1)} />
                <Select id="padding-kind" label="padding" options={padding_options} value={padding_kind.clone()} involved={inv("padding")} onchange={on_padding_kind} />
                if let PaddingArg::Explicit(pad) = spec.padding {
                    <PairControl id="padding" label={t.padding_hw} value={pad} min=0 max=10 linked={state.linked[2]} involved={inv("padding")} onchange={set_pair(PairArg::Padding)} onlink={link(2)} />
                }
                <PairControl id="dilation" label="dilation" value={spec.dilation} min=1 max=6 linked={state.linked[3]} involved={inv("dilation")} onchange={set_pair(PairArg::Dilation)} onlink={link(3)} />
                <Slider id="groups" label="groups" value={spec.groups} min=1 max=16 involved={inv("groups")} onchange={set(Arg::Groups)} />
                <Select id="bias" label="bias" options={vec![("true".into(), "True".into()), ("false".into(), "False".into())]} value={spec.bias.to_string()} onchange={on_bias} />
                <Select id="padding_mode" label="padding_mode" options={mode_options} value={spec.padding_mode.clone()} involved={inv("padding_mode")} onchange={on_mode} />
                <Slider id="height" label={t.input_height} value={state.params.height} min=1 max=32 involved={inv("height")} onchange={set(Arg::Height)} />
                <Slider id="width" label={t.input_width} value={state.params.width} min=1 max=32 involved={inv("width")} onchange={set(Arg::Width)} />
                <Select id="data" label={t.input_data} options={InputData::ALL.iter().map(|d| (d.name().into(), d.name().into())).collect::<Vec<_>>()} value={state.params.data.name()} onchange={on_data} />
                <Select id="weights" label={t.weights} options={KernelData::ALL.iter().map(|d| (d.name().into(), d.name().into())).collect::<Vec<_>>()} value={state.params.weights.name()} onchange={on_weights} />
                <Slider id="seed" label={t.seed} value={state.params.seed as i64} min=0 max=99 lowest={Some(0)} onchange={on_seed} />
            </section>
            <section class="panel stage" aria-label={t.figure}>
                {alert}
                if !state.notices.is_empty() {
                    <div class="notices" role="status" data-testid="notices">
                        <ul>{ for state.notices.iter().map(|n| html! { <li>{n.text(t)}</li> }) }</ul>
                        <button type="button" onclick={clear_notices}>{t.dismiss}</button>
                    </div>
                }
                <div class={classes!("sum", (state.stale || state.too_large.is_some()).then_some("dimmed"))} aria-live="polite" data-testid="sum">
                    <span class="muted">{focus_text}</span>
                    if !sum.is_empty() { <div class="mono">{(*sum).clone()}</div> }
                </div>
                <div class="figure-box" ref={figure_box} tabindex="0" {onkeydown}
                    aria-label={t.figure_label}>
                    if let Some(view) = state.view.clone() {
                        <FigureCanvas {view} {focus} {dark} words={lang.words()} filled={state.filled()} dimmed={state.stale || state.too_large.is_some()}
                            width={*width} fit_height={state.present.then_some(embed_height - 240.0)} onhover={on_hover} onpin={on_pin} />
                    }
                </div>
            </section>
            <div class="side">
                <Numbers layer={state.layer.clone()} spec={spec.clone()} oncopy={on_copy} copied={*copied} />
                <Share onexport={exports.onexport} query={share_query} gif_progress={exports.progress}
                    oncancel={exports.oncancel} error={exports.error} />
            </div>
        </main>
        <ChartsPanel data={state.charts.clone()} ontiming={on_timing} onscale={on_scale} onpick={on_pick_chart} />
        if state.help {
            <div class="overlay" role="dialog" aria-modal="true" aria-labelledby="help-title" data-testid="help">
                <div class="panel">
                    <h2 id="help-title">{t.shortcuts}</h2>
                    <dl class="keys">
                        { for t.keys.iter().map(|(k, what)| html! { <><dt><kbd>{*k}</kbd></dt><dd>{*what}</dd></> }) }
                    </dl>
                    <button type="button" onclick={on_help}>{t.close}</button>
                </div>
            </div>
        }
        </div>
        </ContextProvider<&'static crate::i18n::Texts>>
    }
}
