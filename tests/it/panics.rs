//! One panic hook for the whole test binary. Tests run on many threads of one process, so a
//! test must not swap the global hook for its own: [`catch_quiet`] runs a closure with this
//! thread's panics silenced and their location recorded; every other thread's panic still
//! reaches the default hook (and the test harness's output capture).

use std::any::Any;
use std::cell::RefCell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Once;

thread_local! {
    /// `Some` while this thread runs inside `catch_quiet`: the location of its last panic.
    static CAPTURE: RefCell<Option<Option<String>>> = const { RefCell::new(None) };
}

static INSTALL: Once = Once::new();

fn install() {
    INSTALL.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let captured = CAPTURE.with(|c| match c.borrow_mut().as_mut() {
                Some(slot) => {
                    *slot = info
                        .location()
                        .map(|l| format!("{}:{}", l.file(), l.line()));
                    true
                }
                None => false,
            });
            if !captured {
                default(info);
            }
        }));
    });
}

/// Runs `f`, catching a panic without printing it; returns the result (the panic payload on
/// `Err`) and the file:line the panic reported.
pub fn catch_quiet<R>(f: impl FnOnce() -> R) -> (Result<R, Box<dyn Any + Send>>, Option<String>) {
    install();
    CAPTURE.with(|c| *c.borrow_mut() = Some(None));
    let r = catch_unwind(AssertUnwindSafe(f));
    let at = CAPTURE.with(|c| c.borrow_mut().take()).flatten();
    (r, at)
}
