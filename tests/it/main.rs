//! The integration tests, one binary (as mdBook's `tests/testsuite/` and ripgrep's
//! `tests/tests.rs`): one link of the whole dependency graph instead of one per file, which on
//! a 2-core machine was most of `cargo test`'s time. Each module is one feature; the inventory
//! is `tests/README.md`. One module: `cargo test --test it <module>::`.

mod authoring;
mod build_real_site;
mod check;
mod check_formats;
mod code_shape;
mod common;
mod coverage;
mod docs;
mod editions;
mod editor;
mod failing_writes;
mod fuzz_corpus;
mod handleiding;
mod hardening;
mod initiatives;
mod invalid_input;
mod messages;
mod pagination;
mod publish_changes;
mod release;
mod search_cache;
mod serve_cache;
mod snapshots;
mod soak;
