//! The room an element has on the page: its content width, the height from its top to the bottom
//! of the window, and the window's size. Measured after every render (what sits above it may have
//! changed height: at once until the element is first there to measure, later in the next task)
//! and on every window resize; a new value only when it changed.

use yew::prelude::*;

/// Width and height available to an element, CSS px.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Room {
    /// The element's content width (less a 4 px margin).
    pub width: f32,
    /// From the element's top (scrolled to the top of the page) to the bottom of the window.
    pub height: f32,
    /// The window's inner width.
    pub screen_width: f32,
    /// The window's inner height.
    pub screen_height: f32,
    /// Measured, or the guess kept for an element with no width (hidden); false only until the
    /// element is on the page (natively true, as nothing is measured there).
    pub measured: bool,
}

impl Room {
    /// A phone's width (the page is one column there).
    pub fn is_phone(&self) -> bool {
        self.screen_width <= 700.0
    }
}

/// Until the element is measured.
const UNMEASURED: Room = Room {
    width: 900.0,
    height: 600.0,
    screen_width: 1280.0,
    screen_height: 800.0,
    measured: !cfg!(target_arch = "wasm32"),
};

/// The least height a figure is given, however low the element sits.
const MIN_HEIGHT: f32 = 240.0;

/// Measures `el`.
fn measure(el: &web_sys::Element) -> Option<Room> {
    let [width, below, screen_width, screen_height] = crate::platform::element_room(el)?;
    (width > 0.0).then(|| Room {
        width: width - 4.0,
        height: (below - 8.0).max(MIN_HEIGHT),
        screen_width,
        screen_height,
        measured: true,
    })
}

/// The room of `node`.
#[hook]
pub fn use_room(node: NodeRef) -> Room {
    let room = use_state_eq(|| UNMEASURED);
    // Whether the element was there to measure (it may come a render after the hook: a page
    // opened in stages). One that has no width (hidden, as in a closed panel of a blog) is given
    // the guess, so its figure is drawn as before rather than never.
    let measured = use_mut_ref(|| false);
    let remeasure = {
        let (room, measured) = (room.clone(), measured.clone());
        move || -> bool {
            let Some(el) = node.cast::<web_sys::Element>() else {
                return false;
            };
            match measure(&el) {
                Some(r) => room.set(r),
                None if !*measured.borrow() => room.set(Room {
                    measured: true,
                    ..UNMEASURED
                }),
                None => {}
            }
            *measured.borrow_mut() = true;
            true
        }
    };
    {
        // Until the first measure, at once, before the first paint of the element; after later
        // renders, once their frame is laid out (a measure right after the render would lay the
        // page out once more per change).
        let remeasure = remeasure.clone();
        use_effect(move || {
            let later = if *measured.borrow() {
                crate::platform::timeout(0, move || {
                    remeasure();
                })
            } else {
                remeasure();
                None
            };
            move || drop(later)
        });
    }
    use_effect_with((), move |_| {
        let listener = web_sys::window().map(|w| {
            gloo_events::EventListener::new(&w, "resize", move |_| {
                remeasure();
            })
        });
        move || drop(listener)
    });
    *room
}
