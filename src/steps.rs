//! Timing lines inside a stage, for profiling `serve`'s rebuild (`examples/serve_profile`):
//! printed to standard error only when `VINDPLAATS_STEPS` is set, so a build prints nothing.
//! The stages' own times are [`crate::site::Timings`]; these split a stage into its steps.

use std::time::Instant;

/// Prints how long `step` took since `since` (when `VINDPLAATS_STEPS` is set) and returns
/// now, the start of the next step.
pub fn lap(step: &str, since: Instant) -> Instant {
    if std::env::var_os("VINDPLAATS_STEPS").is_some() {
        eprintln!("  step {step}: {} ms", since.elapsed().as_millis());
    }
    Instant::now()
}

/// `work`, and how long it took as `step` (when `VINDPLAATS_STEPS` is set): for work done
/// beside other work, whose laps would overlap.
pub fn timed<T>(step: &str, work: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let value = work();
    lap(step, started);
    value
}
