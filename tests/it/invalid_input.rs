//! Bad input: every case under `tests/fixtures/invalid/<case>/` is the minimal fixture site with
//! the case's files laid over it. The build must fail with exit code 1, print exactly the text
//! in the case's `expected.txt`, and leave an earlier output folder untouched.
//!
//! `check` must report exactly the errors `build` stops on, case by case (issue 23).
//!
//! To add a case: make a folder with the changed files, run the tests once with
//! `VINDPLAATS_BLESS=1` to write `expected.txt`, read it as a communications-team member would,
//! and commit it.

use crate::common;

use std::path::Path;

use common::{copy_tree, fixture, read_tree, run_cli};

fn check_case(case: &Path) {
    let name = case.file_name().unwrap().to_string_lossy().into_owned();
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    copy_tree(&fixture("minimal"), &root);
    let out = tmp.path().join("public");
    let out_arg = out.to_str().unwrap();
    let root_arg = root.to_str().unwrap();

    let ok = run_cli(&["build", "--root", root_arg, "--output", out_arg, "--quiet"]);
    assert!(
        ok.status.success(),
        "{name}: the minimal site must build: {}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let before = read_tree(&out);

    lay_over(case, &root);
    // With the address it will have: the minimal site's `base_url` is a stand-in, whose
    // warning would otherwise stand under every case (a case's own warnings are shown after
    // its errors, as the team sees them).
    let failed = run_cli(&[
        "build",
        "--root",
        root_arg,
        "--output",
        out_arg,
        "--base-url",
        "https://www.almere.nl/sociale-staat/",
    ]);
    let stderr = String::from_utf8(failed.stderr).unwrap();
    assert_eq!(
        failed.status.code(),
        Some(1),
        "{name}: exit code; stderr:\n{stderr}"
    );
    assert!(failed.stdout.is_empty(), "{name}: nothing on stdout");

    let expected_file = case.join("expected.txt");
    if std::env::var_os("VINDPLAATS_BLESS").is_some() {
        std::fs::write(&expected_file, &stderr).unwrap();
    }
    let expected = std::fs::read_to_string(&expected_file)
        .unwrap_or_else(|_| panic!("{name}: no expected.txt"));
    assert_eq!(stderr, expected, "{name}: error text");
    assert!(
        read_tree(&out) == before,
        "{name}: the earlier output was changed"
    );
    let leftovers: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers.len(), 2, "{name}: stray folders {leftovers:?}");
}

/// The case's files over the site at `root`.
fn lay_over(case: &Path, root: &Path) {
    for entry in walkdir::WalkDir::new(case) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(case).unwrap();
        if entry.file_type().is_file() && rel != Path::new("expected.txt") {
            let target = root.join(rel);
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn cases() -> Vec<std::path::PathBuf> {
    let mut cases: Vec<_> = std::fs::read_dir(fixture("invalid"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    assert!(
        cases.len() >= 10,
        "expected the invalid cases, found {cases:?}"
    );
    cases
}

#[test]
fn every_invalid_fixture_fails_with_its_expected_message() {
    for case in cases() {
        check_case(&case);
    }
}

/// `check` and `build` agree: on every invalid case, `check` reports exactly the errors `build`
/// stops on (issue 23: the team runs `check` first, and its "0 fouten" must mean the build
/// goes through).
#[test]
fn check_reports_exactly_the_errors_build_stops_on() {
    for case in cases() {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        copy_tree(&fixture("minimal"), &root);
        lay_over(&case, &root);
        let (check, build) = common::check_and_build_errors(&root);
        assert!(!build.is_empty(), "{name}: the build must fail");
        assert_eq!(check, build, "{name}: check and build disagree");
    }
}

#[test]
fn an_unknown_option_is_a_usage_error() {
    let out = run_cli(&["build", "--titel", "x"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_bad_base_url_is_a_usage_error() {
    let root = fixture("minimal");
    let tmp = tempfile::tempdir().unwrap();
    let out = run_cli(&[
        "build",
        "--root",
        root.to_str().unwrap(),
        "--output",
        tmp.path().join("p").to_str().unwrap(),
        "--base-url",
        "example.org",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("--base-url: 'example.org' is geen volledig webadres"),
        "{stderr}"
    );
    assert!(!tmp.path().join("p").exists());
}
