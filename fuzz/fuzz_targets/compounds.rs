#![no_main]

#[path = "../search_checks.rs"]
mod search_checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| search_checks::compounds(data));
