//! One module per command; each returns the process exit code.

pub mod build;
pub mod check;
pub mod new;
pub mod search_terms;
pub mod serve;

/// Exit codes: 0 done, 1 problems in the content, 2 wrong usage or another failure.
pub const EXIT_OK: i32 = 0;
pub const EXIT_CONTENT: i32 = 1;
pub const EXIT_OTHER: i32 = 2;
