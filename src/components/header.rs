//! The header: title, preset, and the view buttons (presentation, full
//! screen, theme, shortcuts, language).

use yew::prelude::*;

use super::controls::Select;
use crate::dispatch::{Dispatch, StateHandle};
use crate::i18n::{use_texts, Lang, Texts};
use crate::platform;
use crate::state::{Action, AppState, Preset, PRESETS};
use conv2d_core::LayerKind;

/// Props of [`Header`].
#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    /// The page's state.
    pub state: StateHandle,
    /// Where actions go.
    pub dispatch: Dispatch,
}

/// The preset matching the configuration ("custom" when none does), and the preset options (with
/// "custom" first when that is the answer).
fn presets(state: &AppState, t: &Texts) -> (&'static str, Vec<(AttrValue, AttrValue)>) {
    let now = Preset::of(&state.params.config).map_or("custom", |p| p.name);
    let mut options: Vec<(AttrValue, AttrValue)> = PRESETS
        .iter()
        .zip(t.preset_titles)
        .map(|(p, title)| match p.kind {
            LayerKind::Conv2d => (p.name.into(), format!("{} {title}", t.figure).into()),
            LayerKind::ConvTranspose2d => (p.name.into(), title.into()),
        })
        .collect();
    if now == "custom" {
        options.insert(0, ("custom".into(), t.custom.into()));
    }
    (now, options)
}

/// The page's header.
#[component]
pub fn Header(p: &HeaderProps) -> Html {
    let t = use_texts();
    let (state, d) = (&p.state, &p.dispatch);
    let (preset_now, preset_options) = presets(state, t);
    let on_preset = d
        .marking()
        .to_some(|v: String| PRESETS.iter().position(|p| p.name == v).map(Action::Preset));
    let lang = state.lang;
    html! {
        <header>
            <h1>{t.title}</h1>
            <Select id="preset" label={t.preset} options={preset_options} value={preset_now} onchange={on_preset} />
            <div class="view-buttons">
                <button type="button" onclick={d.always(Action::TogglePresent)} aria-pressed={state.present.to_string()} data-testid="present">
                    { if state.present { t.leave_present } else { t.present } }</button>
                if state.present {
                    <button type="button" onclick={Callback::from(|_| platform::toggle_fullscreen())} data-testid="fullscreen">{t.full_screen}</button>
                }
                <button type="button" onclick={d.always(Action::CycleTheme)} data-testid="theme" aria-label={t.theme}>
                    {format!("{}: {}", t.theme, t.theme_names[state.theme as usize])}</button>
                <button type="button" onclick={d.always(Action::ToggleHelp)} aria-label={t.shortcuts} data-testid="help-button">{"?"}</button>
                <div class="lang" role="group" aria-label={t.language}>
                    <button type="button" lang="en" aria-pressed={(lang == Lang::En).to_string()}
                        onclick={d.always(Action::SetLang(Lang::En))} data-testid="lang-en">{"en"}</button>
                    <button type="button" lang="zh" aria-pressed={(lang == Lang::Zh).to_string()}
                        onclick={d.always(Action::SetLang(Lang::Zh))} data-testid="lang-zh">{"中文"}</button>
                </div>
            </div>
        </header>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::EN;

    #[test]
    fn a_preset_is_named_when_the_configuration_is_one() {
        let mut state = AppState::new(PRESETS[8].params(), Some(0), Vec::new());
        let (now, options) = presets(&state, &EN);
        assert_eq!(now, PRESETS[8].name);
        assert_eq!(options.len(), PRESETS.len());
        state.params.config.height += 1;
        let (now, options) = presets(&state, &EN);
        assert_eq!(now, "custom");
        assert_eq!(options[0], ("custom".into(), EN.custom.into()));
    }
}
