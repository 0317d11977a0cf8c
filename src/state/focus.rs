//! What the reader looks at: the hovered and pinned cells, the keyboard cursor, and the animation.

use conv2d_core::receptive::OutputCell;
use conv2d_figure::Focus;

use super::{Action, AppState, Change};

/// Hover, pin, cursor and animation actions.
pub(super) fn reduce(s: &mut AppState, action: Action) -> Change {
    match action {
        Action::Hover(f) if s.hover != f => s.hover = f,
        // A tap or click on another cell moves the pin there; on the pinned cell or on empty space it
        // lets go (so a touch screen never needs a second tap just to unpin).
        Action::TogglePin => {
            s.pinned = match s.hover {
                Focus::None => None,
                f if s.pinned == Some(f) => None,
                f => Some(f),
            }
        }
        Action::PinFocus => {
            let f = s.focus();
            if f == Focus::None || s.pinned == Some(f) {
                return Change::None;
            }
            s.pinned = Some(f);
            s.playing = false;
        }
        Action::MoveCursor(dy, dx) => return move_cursor(s, dy, dx),
        Action::Unpin if s.pinned.is_some() => s.pinned = None,
        Action::TogglePlay => {
            s.playing = !s.playing;
            if s.playing {
                s.pinned = None;
                if s.step >= s.total_steps() {
                    s.step = 0;
                }
            }
        }
        Action::Tick if s.playing => {
            s.step = if s.step >= s.total_steps() {
                0
            } else {
                s.step + 1
            }
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
        _ => return Change::None,
    }
    Change::View
}

/// Moves the output cursor by (dy, dx), from the cell in focus, and pins it.
fn move_cursor(s: &mut AppState, dy: i64, dx: i64) -> Change {
    let Some(view) = s.view.clone() else {
        return Change::None;
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
    s.pinned = Some(Focus::Output(OutputCell {
        channel: cur.channel.min(oc.saturating_sub(1)),
        y: (cur.y as i64 + dy).clamp(0, h as i64 - 1) as usize,
        x: (cur.x as i64 + dx).clamp(0, w as i64 - 1) as usize,
    }));
    s.playing = false;
    Change::View
}

/// Drops a pinned cell that the current figure no longer has.
pub(super) fn keep_pin_inside(s: &mut AppState) {
    let Some(view) = &s.view else { return };
    let layer = &view.layer;
    let [oc, h, w] = layer.output_shape();
    let inside = match s.pinned {
        Some(Focus::Output(c)) => c.channel < oc && c.y < h && c.x < w,
        Some(Focus::Input { c, y, x }) => {
            c < layer.in_channels && y < layer.input[0] && x < layer.input[1]
        }
        _ => true,
    };
    if !inside {
        s.pinned = None;
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::reduce;
    use super::super::Params;
    use super::*;

    fn cell(x: usize) -> Focus {
        Focus::Output(OutputCell {
            channel: 0,
            y: 0,
            x,
        })
    }

    #[test]
    fn a_tap_pins_a_cell_another_tap_moves_the_pin_and_the_same_cell_lets_go() {
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
    fn the_cursor_stays_inside_the_output() {
        let mut s = AppState::new(Params::default(), Some(0), vec![]);
        let [_, h, w] = s.view.as_ref().unwrap().layer.output_shape();
        for _ in 0..h.max(w) + 3 {
            s = reduce(s, Action::MoveCursor(1, 1));
        }
        assert_eq!(
            s.pinned,
            Some(Focus::Output(OutputCell {
                channel: 0,
                y: h - 1,
                x: w - 1
            }))
        );
        for _ in 0..10 {
            s = reduce(s, Action::MoveCursor(-1, -1));
        }
        assert_eq!(s.pinned, Some(cell(0)));
    }

    #[test]
    fn stepping_wraps_through_the_finished_figure_and_pauses() {
        let s = AppState::new(Params::default(), Some(0), vec![]);
        let total = s.total_steps();
        assert!(total > 1);
        let s = reduce(s, Action::Step(-1));
        assert_eq!(
            s.step, total,
            "back from the start shows the finished output"
        );
        let s = reduce(s, Action::Step(1));
        assert_eq!(s.step, 0);
        let s = reduce(s, Action::TogglePlay);
        assert!(s.playing);
        let s = reduce(s, Action::Tick);
        assert_eq!(s.step, 1);
        let s = reduce(s, Action::SeekStep(1000));
        assert!(!s.playing);
        assert_eq!(s.step, total);
    }
}
