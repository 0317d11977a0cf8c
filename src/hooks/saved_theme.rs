//! The theme on `<html data-theme>` (so CSS follows the system or the toggle), remembered in this
//! browser's localStorage; and the page's language on `<html lang>`.

use yew::prelude::*;

use crate::i18n::Lang;
use crate::platform;
use crate::state::Theme;

/// Applies `theme` to the document and saves it whenever it changes.
#[hook]
pub fn use_saved_theme(theme: Theme) {
    use_effect_with(theme, |theme| {
        platform::set_root_attribute("data-theme", theme.name());
        platform::save_theme(*theme);
    });
}

/// Puts `lang` on `<html lang>`, for screen readers, fonts and hyphenation.
#[hook]
pub fn use_document_lang(lang: Lang) {
    use_effect_with(lang, |lang| {
        platform::set_root_attribute("lang", lang.tag())
    });
}
