//! "Check it in PyTorch": a self-contained script (from the core) that builds this layer, sets its
//! weight and bias to the values on screen, runs the input shown and asserts the output shown,
//! printing OK. Written only when opened (a large figure's script is megabytes), with a copy button.

use std::rc::Rc;

use yew::prelude::*;

use crate::i18n::use_texts;
use crate::platform;
use crate::state::View;

/// Props of [`PythonScript`].
#[derive(Properties, PartialEq)]
pub struct ScriptProps {
    /// The figure on screen (the current configuration's own).
    pub view: Rc<View>,
}

/// The script's disclosure, text and copy button.
#[component]
pub fn PythonScript(p: &ScriptProps) -> Html {
    let t = use_texts();
    let open = use_state_eq(|| false);
    let copied = use_state_eq(|| false);
    let text = {
        let view = p.view.clone();
        use_memo((Rc::as_ptr(&p.view) as usize, *open), move |(_, open)| {
            open.then(|| {
                let v = &view;
                let shape = v.layer.output_shape();
                let (input, weight) = v.pytorch_data();
                conv2d_core::script::script(
                    &v.spec,
                    input,
                    (weight, v.bias.as_deref()),
                    (&v.output, &shape),
                )
            })
        })
    };
    let ontoggle = Callback::from(move |e: Event| {
        if let Some(d) = e.target_dyn_into::<web_sys::HtmlDetailsElement>() {
            open.set(d.open());
        }
    });
    let oncopy = {
        let (text, copied) = (text.clone(), copied.clone());
        Callback::from(move |_| {
            if let Some(s) = text.as_ref() {
                platform::copy_text(s);
                copied.set(true);
            }
        })
    };
    html! {
        <details class="script" {ontoggle} data-testid="script">
            <summary>{t.script_title}</summary>
            if let Some(s) = text.as_ref() {
                <p class="muted small">{t.script_about}</p>
                <button type="button" onclick={oncopy} data-testid="copy-script">
                    { if *copied { t.copied } else { t.copy } }</button>
                <pre class="script-text" data-testid="python-script">{s.clone()}</pre>
            }
        </details>
    }
}
