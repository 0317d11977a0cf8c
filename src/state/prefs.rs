//! The reader's preferences: theme, language, presentation mode, the shortcut list.

use super::{Action, AppState, Change};

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

    /// The next one on the toggle: auto → light → dark → auto.
    pub fn next(self) -> Self {
        match self {
            Theme::Auto => Theme::Light,
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::Auto,
        }
    }

    /// Whether the figure is drawn in dark ink, given the system's preference.
    pub fn is_dark(self, system_dark: bool) -> bool {
        match self {
            Theme::Auto => system_dark,
            Theme::Light => false,
            Theme::Dark => true,
        }
    }
}

/// Theme, language, presentation mode and the shortcut list.
pub(super) fn reduce(s: &mut AppState, action: Action) -> Change {
    match action {
        Action::TogglePresent => s.present = !s.present,
        Action::ToggleHelp => s.help = !s.help,
        Action::DismissHints => s.hints = false,
        Action::ToggleExportHints => s.export_hints = !s.export_hints,
        Action::CycleTheme => s.theme = s.theme.next(),
        Action::SetLang(l) if s.lang != l => s.lang = l,
        Action::CloseOverlays if s.help => s.help = false,
        Action::CloseOverlays if s.present => s.present = false,
        _ => return Change::None,
    }
    Change::View
}

#[cfg(test)]
mod tests {
    use super::super::tests::reduce;
    use super::*;

    #[test]
    fn escape_closes_the_list_first_then_presentation_mode() {
        let s = reduce(AppState::default(), Action::TogglePresent);
        let s = reduce(s, Action::ToggleHelp);
        let s = reduce(s, Action::CloseOverlays);
        assert!(!s.help && s.present);
        let s = reduce(s, Action::CloseOverlays);
        assert!(!s.present);
    }

    #[test]
    fn the_theme_cycles_and_auto_follows_the_system() {
        let themes: Vec<Theme> = std::iter::successors(Some(Theme::Auto), |t| Some(t.next()))
            .take(4)
            .collect();
        assert_eq!(
            themes,
            [Theme::Auto, Theme::Light, Theme::Dark, Theme::Auto]
        );
        assert!(Theme::Auto.is_dark(true) && !Theme::Auto.is_dark(false));
        assert!(Theme::Dark.is_dark(false) && !Theme::Light.is_dark(true));
        assert_eq!(Theme::from_name("dark"), Some(Theme::Dark));
    }
}
