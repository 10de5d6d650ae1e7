//! One module per command; each returns the process exit code.

pub mod build;
pub mod changes;
pub mod check;
pub mod new;
pub mod search_terms;
pub mod serve;

use std::io::IsTerminal;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A spinner on the terminal for work that takes longer than a second; nothing in scripts
/// (`--quiet`, or when standard error is not a terminal).
pub struct Progress {
    bar: Option<ProgressBar>,
    done: Arc<AtomicBool>,
}

impl Progress {
    pub fn after_a_second(message: &'static str, quiet: bool) -> Progress {
        let done = Arc::new(AtomicBool::new(false));
        if quiet || !std::io::stderr().is_terminal() {
            return Progress { bar: None, done };
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        bar.set_style(
            ProgressStyle::with_template("{spinner} {msg} ({elapsed})").expect("constant template"),
        );
        bar.set_message(message);
        let (shown, flag) = (bar.clone(), Arc::clone(&done));
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_secs(1));
            if !flag.load(Ordering::SeqCst) {
                shown.set_draw_target(ProgressDrawTarget::stderr());
                shown.enable_steady_tick(Duration::from_millis(120));
            }
        });
        Progress {
            bar: Some(bar),
            done,
        }
    }

    pub fn finish(self) {
        self.done.store(true, Ordering::SeqCst);
        if let Some(bar) = self.bar {
            bar.finish_and_clear();
        }
    }
}

/// Exit codes: 0 done, 1 problems in the content, 2 wrong usage or another failure.
pub const EXIT_OK: i32 = 0;
pub const EXIT_CONTENT: i32 = 1;
pub const EXIT_OTHER: i32 = 2;

/// Prints why a build failed (content problems with their places, relative to `root`, and
/// the warnings found on the way; or another failure in Dutch, the system's own words only
/// with `--uitleg`) and returns the exit code.
pub fn failed(error: crate::error::BuildError, root: &std::path::Path, uitleg: bool) -> i32 {
    match error {
        crate::error::BuildError::Content(errors, warnings) => {
            eprintln!(
                "{}",
                crate::diagnostics::render_all(
                    &errors,
                    &warnings,
                    root,
                    uitleg,
                    crate::diagnostics::Kept::Nothing
                )
            );
            EXIT_CONTENT
        }
        e => {
            eprintln!(
                "{}",
                crate::diagnostics::render_other(&e, e.technical(), uitleg)
            );
            EXIT_OTHER
        }
    }
}
