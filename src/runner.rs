//! One cancellable time-slice runner: a handle that calls a step closure once per timer slice (so
//! the page stays responsive between slices) until the step says it is done, or the handle is
//! cancelled or dropped. The timer belongs to the handle: nothing outlives it, nothing is forgotten.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use gloo_timers::callback::{Interval, Timeout};

use crate::platform;

/// Multiply-accumulates per part, about, where a large forward pass is spread over tasks (the
/// page's first figure, a stack's tensors): a few ms each, even in the browser's first,
/// unoptimised code for the wasm. A part is at least 8 output channels (or one group), so a
/// convolution with few output channels is one part however large (`conv2d_core::parts`).
pub const PART_MACS: u64 = 4_000_000;

/// Milliseconds of such parts per task, about (a part may run over it once).
pub const PARTS_MS: f64 = 8.0;

/// One task's share of parts: calls `part` while it says more are left and [`PARTS_MS`] have not
/// passed (at least once); whether more are left.
pub fn parts_for_a_task(mut part: impl FnMut() -> bool) -> bool {
    let start = platform::now_ms();
    while part() {
        if platform::now_ms() - start >= PARTS_MS {
            return true;
        }
    }
    false
}

/// What a step asks for next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    /// Run again in the next slice.
    Continue,
    /// Finished: stop the timer.
    Done,
}

/// The timer driving a run: a first delay, then a slice every 0 ms (the browser's minimum).
enum Timer {
    Wait(#[allow(dead_code)] Option<Timeout>),
    Every(#[allow(dead_code)] Option<Interval>),
}

struct Inner {
    step: RefCell<Option<Box<dyn FnMut() -> Flow>>>,
    timer: RefCell<Option<Timer>>,
}

impl Inner {
    /// Runs one slice; false once the run is over (done or cancelled).
    fn tick(&self) -> bool {
        // Taken out while it runs, so a step that cancels its own run (or drops the handle) never
        // finds the closure borrowed.
        let Some(mut step) = self.step.borrow_mut().take() else {
            return false;
        };
        let flow = step();
        if flow == Flow::Continue && self.timer.borrow().is_some() {
            *self.step.borrow_mut() = Some(step);
            return true;
        }
        // Done, or cancelled during the step: let go of the step (and what it holds) and the timer.
        drop(step);
        self.stop();
        false
    }

    fn stop(&self) {
        self.step.borrow_mut().take();
        // The timer may be the one calling us: dropping it here only cancels what comes next.
        let timer = self.timer.borrow_mut().take();
        drop(timer);
    }
}

/// A running (or finished) sequence of slices; dropping it cancels the rest.
pub struct Runner {
    inner: Rc<Inner>,
}

impl Runner {
    /// Calls `step` once per slice, the first after `delay_ms`, until it returns [`Flow::Done`]
    /// or the handle is cancelled or dropped. (Natively there is no timer: see [`Runner::tick`].)
    pub fn start(delay_ms: u32, step: impl FnMut() -> Flow + 'static) -> Self {
        let inner = Rc::new(Inner {
            step: RefCell::new(Some(Box::new(step))),
            timer: RefCell::new(None),
        });
        let weak = Rc::downgrade(&inner);
        let first = platform::timeout(delay_ms, move || slices(weak));
        *inner.timer.borrow_mut() = Some(Timer::Wait(first));
        Self { inner }
    }

    /// Stops the run: the step is not called again and is dropped now.
    pub fn cancel(&self) {
        self.inner.stop();
    }

    /// True until the step has said it is done or the run was cancelled.
    pub fn running(&self) -> bool {
        self.inner.step.borrow().is_some()
    }

    /// Runs one slice now, as the timer would; false once the run is over. For native tests, where
    /// no timer runs.
    pub fn tick(&self) -> bool {
        self.inner.tick()
    }
}

impl Drop for Runner {
    fn drop(&mut self) {
        self.inner.stop();
    }
}

/// After the first delay: the first slice, then one per interval tick. The timers hold only a weak
/// reference, so a dropped handle frees everything even if a timer callback is still queued.
fn slices(weak: Weak<Inner>) {
    let Some(inner) = weak.upgrade() else { return };
    if !inner.tick() {
        return;
    }
    let every = platform::interval(0, move || {
        if let Some(inner) = weak.upgrade() {
            inner.tick();
        }
    });
    // Replaces (and so drops) the first timeout, which has already fired.
    *inner.timer.borrow_mut() = Some(Timer::Every(every));
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    /// A step that counts its calls and says done after `n`; the Rc tells when it was dropped.
    fn counting(n: usize) -> (Rc<Cell<usize>>, impl FnMut() -> Flow + 'static) {
        let calls = Rc::new(Cell::new(0));
        let c = calls.clone();
        (calls, move || {
            c.set(c.get() + 1);
            if c.get() >= n {
                Flow::Done
            } else {
                Flow::Continue
            }
        })
    }

    #[test]
    fn a_task_of_parts_stops_when_none_are_left_or_its_time_is_up() {
        let mut calls = 0;
        let more = parts_for_a_task(|| {
            calls += 1;
            calls < 3
        });
        assert_eq!((calls, more), (3, false));
        // Parts that never end: the time is up, and more are left (each part sleeps 3 ms, so the
        // 8 ms are up after three at most, however slow the machine).
        let mut calls = 0;
        let more = parts_for_a_task(|| {
            calls += 1;
            std::thread::sleep(std::time::Duration::from_millis(3));
            true
        });
        assert!(more && (1..=3).contains(&calls), "{calls} parts");
    }

    #[test]
    fn runs_until_the_step_says_done_then_lets_the_step_go() {
        let (calls, step) = counting(3);
        let r = Runner::start(0, step);
        assert!(r.running());
        assert!(r.tick());
        assert!(r.tick());
        assert!(!r.tick(), "the third call says done");
        assert!(!r.tick(), "and nothing runs after it");
        assert_eq!(calls.get(), 3);
        assert!(!r.running());
        assert_eq!(Rc::strong_count(&calls), 1, "the step was dropped");
    }

    #[test]
    fn a_cancelled_or_dropped_run_never_calls_its_step_again() {
        let (calls, step) = counting(100);
        let r = Runner::start(0, step);
        r.tick();
        r.cancel();
        assert!(!r.tick());
        assert_eq!(calls.get(), 1);
        assert_eq!(Rc::strong_count(&calls), 1);

        let (calls, step) = counting(100);
        drop(Runner::start(0, step));
        assert_eq!(calls.get(), 0);
        assert_eq!(Rc::strong_count(&calls), 1, "nothing outlives the handle");
    }

    #[test]
    fn a_step_may_cancel_its_own_run() {
        let slot: Rc<RefCell<Option<Runner>>> = Rc::default();
        let calls = Rc::new(Cell::new(0));
        let (s, c) = (slot.clone(), calls.clone());
        let r = Runner::start(0, move || {
            c.set(c.get() + 1);
            if let Some(r) = s.borrow().as_ref() {
                r.cancel();
            }
            Flow::Continue
        });
        *slot.borrow_mut() = Some(r);
        let ticked = slot.borrow().as_ref().map(Runner::tick);
        assert_eq!(ticked, Some(false));
        assert_eq!(calls.get(), 1);
        assert!(!slot.borrow().as_ref().unwrap().running());
    }
}
