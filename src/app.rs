//! The page: owns the one reducer, wires the effects (hooks) and lays out the components, or only
//! the figure in an iframe (`embed=1`, with play/step under `controls=1`).

use yew::prelude::*;

use crate::charts::TimeAt;
use crate::components::charts::ChartsPanel;
use crate::components::controls_panel::ControlsPanel;
use crate::components::figure::Fit;
use crate::components::header::Header;
use crate::components::help::Help;
use crate::components::numbers::Numbers;
use crate::components::share::Share;
use crate::components::stack_panel::StackPanel;
use crate::components::stage::{focus_text, Alert, FigureBox, Stage};
use crate::components::transport::Transport;
use crate::dispatch::Dispatch;
use crate::hooks::{
    use_document_lang, use_export, use_global_keys, use_interval, use_later, use_media_query,
    use_opening, use_picture_drop, use_room, use_saved_theme, use_seen, use_url_sync, Room,
};
use crate::i18n::{Lang, Texts};
use crate::state::{Action, AppState, Theme};
use crate::{platform, url};

/// Props of [`App`].
#[derive(Properties, PartialEq, Default)]
pub struct AppProps {
    /// The query string to start from; `None` reads the page's own URL.
    #[prop_or_default]
    pub query: Option<AttrValue>,
}

/// The system's dark preference.
const DARK_QUERY: &str = "(prefers-color-scheme: dark)";

/// The state a page opened at `query` starts in (paused at the end under reduced motion).
fn initial_state(query: &str) -> AppState {
    let (params, step, notices) = url::parse(query);
    let mut s = AppState::open(params, step, notices);
    s.lang = url::lang(query).unwrap_or_default();
    s.charts = s.charts.timed_at(url::chart_time(query));
    s.theme = platform::saved_theme().unwrap_or_default();
    s.hints = !platform::hints_dismissed();
    if platform::media_matches("(prefers-reduced-motion: reduce)") {
        s.playing = false;
        s.step = s.total_steps();
    }
    s
}

/// The query of the current state: its arguments, the step when paused, and the language.
fn share_query(state: &AppState) -> String {
    let mut q = url::to_query(&state.params, (!state.playing).then_some(state.step));
    if state.lang != Lang::En {
        q += &format!("&lang={}", state.lang.tag());
    }
    if state.charts.time_at != TimeAt::default() {
        q += &format!("&chart_time={}", state.charts.time_at.name());
    }
    q
}

/// The share of a phone's screen height the figure fits in (the rest: its transport and sum, and a
/// control below it).
const PHONE_FIGURE: f32 = 0.38;

/// The flags an iframe's link keeps.
fn embed_flags(embed: bool, controls: bool) -> &'static str {
    match (embed, controls) {
        (false, _) => "",
        (true, false) => "&embed=1",
        (true, true) => "&embed=1&controls=1",
    }
}

/// How the figure fits `room`: an iframe's figure and a presented one (`framed`) fit the screen
/// below their top; the page's fits it when that keeps its cells readable. On a phone the figure
/// stays on screen above the controls (a sticky stage), so it takes about half the screen whatever
/// it shows.
fn figure_fit(room: &Room, framed: bool) -> Fit {
    if framed {
        Fit::Frame(room.height)
    } else if room.is_phone() {
        Fit::Frame((room.screen_height * PHONE_FIGURE).max(160.0))
    } else {
        Fit::Page(room.height)
    }
}

/// Milliseconds between animation steps at `speed` steps per second.
fn tick_ms(speed: f64) -> u32 {
    (100_000 / ((speed * 100.0) as i64).max(1)) as u32
}

/// The root component.
#[component]
pub fn App(props: &AppProps) -> Html {
    let query = use_memo(props.query.clone(), |q| {
        q.as_ref()
            .map_or_else(platform::page_query, |q| q.to_string())
    });
    let (embed, embed_controls) = (url::flag(&query, "embed"), url::flag(&query, "controls"));
    let state = {
        let query = (*query).clone();
        use_reducer(move || initial_state(&query))
    };
    let d = Dispatch::new(state.dispatcher());
    use_opening(state.opening.clone(), d.clone());
    let t: &'static Texts = state.lang.t();
    let figure_box = use_node_ref();
    let room = use_room(figure_box.clone());
    let width = room.width;
    // The figure waits for its box's measure (a first drawing at a guessed width would be laid
    // out again a frame later).
    let figure_width = if room.measured { width } else { 0.0 };
    let share = share_query(&state);
    use_url_sync(format!("{share}{}", embed_flags(embed, embed_controls)));
    use_interval(
        state.playing.then(|| tick_ms(state.speed)),
        d.always(Action::Tick),
    );
    use_global_keys(d.clone());
    use_picture_drop(d.clone());
    use_document_lang(state.lang);
    let system_dark = use_media_query(DARK_QUERY);
    use_saved_theme(state.theme);
    let side = use_node_ref();
    // The page opens in four stages; an iframe's figure is all there is to it.
    let later = use_later(if embed { 0 } else { 3 });
    let share_seen = use_seen(side.clone(), later >= 2);
    let exports = use_export(&state, width, share_seen);
    let copied = use_state(|| false);
    let dark = match state.theme {
        Theme::Dark => true,
        Theme::Light => false,
        Theme::Auto => system_dark,
    };
    let fit = figure_fit(&room, embed || state.present);

    let body = if embed && url::flag(&query, "stack") && !state.params.layers.is_empty() {
        html! {
            <main class="embed" data-testid="embed-root">
                <StackPanel text={AttrValue::from(state.params.layers.clone())} input={state.params.stack_input} seed={state.params.seed}
                    {dark} words={state.lang.words()} strip_only=true dispatch={d.clone()} />
            </main>
        }
    } else if embed {
        html! {
            <main class="embed" data-testid="embed-root">
                <Alert state={state.clone()} />
                if embed_controls && state.view.is_some() {
                    <Transport playing={state.playing} step={state.step} total={state.total_steps()} speed={state.speed}
                        status={AttrValue::from(focus_text(&state, t))} live=true dispatch={d.clone()} />
                }
                <FigureBox state={state.clone()} dispatch={d.clone()} node={figure_box} width={figure_width} {fit} {dark} />
            </main>
        }
    } else {
        let oncopy = {
            let copied = copied.clone();
            Callback::from(move |line: String| {
                platform::copy_text(&line);
                copied.set(true);
            })
        };
        let ontiming = d.to(|(generation, chart, point, timing)| Action::ChartTiming {
            generation,
            chart,
            point,
            timing,
        });
        html! {
            <div class={classes!("app", state.present.then_some("present"))}>
                <Header state={state.clone()} dispatch={d.clone()} />
                <main class="layout">
                    <ControlsPanel state={state.clone()} dispatch={d.clone()} />
                    // Opening the page is four short tasks, not one long one: the controls first,
                    // then the figure (its place kept meanwhile), then the numbers and the share
                    // panel, then what is below the fold.
                    if later >= 1 {
                        <Stage state={state.clone()} dispatch={d.clone()} {figure_box} width={figure_width} {dark} {fit} />
                    } else {
                        <section class="panel stage" aria-label={t.figure} aria-busy="true"></section>
                    }
                    <div class="side" ref={side}>
                    if later >= 2 {
                        <Numbers layer={state.layer.clone()} spec={state.params.config.layer.clone()} {oncopy} copied={*copied}
                            view={state.current_view().cloned()} />
                        <Share onexport={exports.onexport} query={share.clone()} gif={exports.gif}
                            oncancel={exports.oncancel} saving={exports.saving} error={exports.error}
                            hints={state.export_hints} onhints={d.always(Action::ToggleExportHints)}
                            unlinked_values={(!crate::url::edits_fit(&state.params)).then(|| state.params.edits.values())} />
                    }
                    </div>
                </main>
                // Below the fold: rendered last.
                if later >= 3 {
                    <ChartsPanel data={state.charts.clone()} {ontiming} onscale={d.to(Action::ChartScale)} ontimeat={d.to(Action::ChartTimeAt)} {dark}
                        onpick={d.marking().to(|(arg, x)| Action::FromChart(arg, x))} />
                    <StackPanel text={AttrValue::from(state.params.layers.clone())} input={state.params.stack_input} seed={state.params.seed}
                        {dark} words={state.lang.words()} query={AttrValue::from(share.clone())} dispatch={d.clone()} />
                }
                if state.help {
                    <Help dispatch={d.clone()} />
                }
            </div>
        }
    };
    html! {
        <ContextProvider<&'static Texts> context={t}>{body}</ContextProvider<&'static Texts>>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_timer_follows_the_speed_and_the_shared_link_the_language() {
        assert_eq!(tick_ms(2.0), 500);
        assert_eq!(tick_ms(20.0), 50);
        assert_eq!(tick_ms(0.0), 100_000);
        let mut s = AppState::default();
        assert!(!share_query(&s).contains("lang="));
        s.lang = Lang::Zh;
        assert!(share_query(&s).ends_with("&lang=zh"));
    }
}
