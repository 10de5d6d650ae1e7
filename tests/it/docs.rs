//! The docs against what they describe: `tests/README.md` names every file under `tests/` (it
//! is the one inventory of the tests) and nothing that is gone; every `vindplaats` command and
//! option that README.md, CONTRIBUTING.md, BENCHMARKS.md and docs/*.md name exists in the
//! program's `--help` (the handleiding has its own test, `handleiding.rs`, which runs them too).

use crate::common;

use std::path::Path;

use common::commands::{Help, blocks, inline_commands, is_vindplaats, split};
use common::repo_root;

/// What the inventory must name for each file under `tests/`: Rust modules and browser files
/// by their name, the common helpers by their path, fixture sites by their folder.
fn inventory_names(tests: &Path) -> Vec<String> {
    let mut names = Vec::new();
    for entry in walkdir::WalkDir::new(tests.join("it")).sort_by_file_name() {
        let path = entry.unwrap().into_path();
        if path.extension().is_some_and(|x| x == "rs") {
            let rel = path.strip_prefix(tests.join("it")).unwrap();
            names.push(
                if rel.starts_with("common") || rel == Path::new("main.rs") {
                    format!("it/{}", rel.display())
                } else {
                    rel.display().to_string()
                },
            );
        }
    }
    for dir in ["browser", "fixtures"] {
        let mut entries: Vec<_> = std::fs::read_dir(tests.join(dir))
            .unwrap()
            .map(|e| e.unwrap())
            .collect();
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let name = entry.file_name().to_string_lossy().into_owned();
            names.push(match dir {
                "fixtures" => format!("fixtures/{name}/"),
                _ => name,
            });
        }
    }
    names
}

#[test]
fn the_test_inventory_names_every_test_file_once_and_nothing_that_is_gone() {
    let tests = repo_root().join("tests");
    let inventory = std::fs::read_to_string(tests.join("README.md")).unwrap();
    // A fixture folder may be named with what is in it (`fixtures/invalid/<case>/`).
    let named = |name: &str| {
        inventory.contains(&format!("`{name}`"))
            || (name.ends_with('/') && inventory.contains(&format!("`{name}")))
    };
    let missing: Vec<String> = inventory_names(&tests)
        .into_iter()
        .filter(|name| !named(name))
        .collect();
    assert!(
        missing.is_empty(),
        "tests/README.md does not name: {missing:?} (add a line saying what each covers)"
    );
    // Each row of a table is one file, named once, and still there.
    let mut rows: Vec<&str> = inventory
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split('`').next())
        .filter(|name| name.ends_with(".rs") || name.ends_with(".mjs"))
        .collect();
    rows.sort();
    let twice: Vec<&&str> = rows
        .windows(2)
        .filter(|w| w[0] == w[1])
        .map(|w| &w[0])
        .collect();
    assert!(
        twice.is_empty(),
        "rows of tests/README.md named twice: {twice:?}"
    );
    let gone: Vec<&&str> = rows
        .iter()
        .filter(|name| {
            !tests.join("it").join(name).is_file() && !tests.join("browser").join(name).is_file()
        })
        .collect();
    assert!(
        gone.is_empty(),
        "tests/README.md names files that are gone: {gone:?}"
    );
}

/// The docs the team and developers read besides the handleiding.
fn docs() -> Vec<String> {
    let root = repo_root();
    let mut files = vec![
        "README.md".to_owned(),
        "CONTRIBUTING.md".to_owned(),
        "BENCHMARKS.md".to_owned(),
    ];
    let mut more: Vec<String> = std::fs::read_dir(root.join("docs"))
        .unwrap()
        .map(|e| format!("docs/{}", e.unwrap().file_name().to_string_lossy()))
        .filter(|f| f.ends_with(".md") && f != "docs/handleiding.md")
        .collect();
    more.sort();
    files.extend(more);
    files
}

/// The arguments of the program in a command as the docs write it: after `vindplaats` (or
/// `target/release/vindplaats`), or after the `--` of `cargo run --release -- …`; `None` for
/// another program (an example: `cargo run --example corpus -- …`). A usage line's brackets
/// (`[--root DIR]`) are taken off.
fn program_args(words: &[String]) -> Option<Vec<String>> {
    let args = match words.first().map(String::as_str) {
        Some(w) if is_vindplaats(w) || w.ends_with("/vindplaats") => &words[1..],
        Some("cargo") if words.get(1).is_some_and(|w| w == "run") => {
            let dash = words.iter().position(|w| w == "--")?;
            if words[..dash]
                .iter()
                .any(|w| w == "--example" || w == "--bin")
            {
                return None;
            }
            &words[dash + 1..]
        }
        _ => return None,
    };
    Some(
        args.iter()
            .map(|w| w.trim_matches(['[', ']', '(', ')', ',', '.']).to_owned())
            .filter(|w| !w.is_empty())
            .collect(),
    )
}

#[test]
fn every_command_and_option_the_docs_name_exists() {
    let root = repo_root();
    let mut help = Help::default();
    let mut problems = Vec::new();
    let mut checked = 0;
    for file in docs() {
        let Ok(text) = std::fs::read_to_string(root.join(&file)) else {
            continue;
        };
        let fenced = blocks(&text)
            .into_iter()
            .flat_map(|b| b.lines)
            .map(|(line, l)| (line, l.trim().to_owned()));
        for (line, command) in fenced.chain(inline_commands(&text)) {
            // Only the program's lines are split as a shell would (a line of Rust or TOML
            // may hold a lone quote).
            let first = command.split_whitespace().next().unwrap_or("");
            if !(is_vindplaats(first) || first.ends_with("/vindplaats") || first == "cargo") {
                continue;
            }
            let words = split(&command.replace('\\', ""));
            let Some(args) = program_args(&words) else {
                continue;
            };
            // A command to fill in (`vindplaats <opdracht>`) names no subcommand to check.
            if args.iter().take(2).any(|a| a.contains('<')) {
                continue;
            }
            checked += 1;
            problems.extend(help.check(&root, &file, line, &command, &args));
        }
    }
    assert!(checked > 10, "only {checked} commands found in the docs");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The reading of a docs command, and a wrong option found.
#[test]
fn a_docs_command_is_read_as_typed_and_a_wrong_option_is_found() {
    let args = |line: &str| program_args(&split(line));
    let words = |w: &[&str]| Some(w.iter().map(|s| s.to_string()).collect::<Vec<_>>());
    assert_eq!(
        args("cargo run --release -- build --base-url https://example.org/"),
        words(&["build", "--base-url", "https://example.org/"])
    );
    assert_eq!(
        args("cargo run --release --example corpus -- 1000 DIR"),
        None
    );
    assert_eq!(
        args("vindplaats build [--root DIR] [--quiet]"),
        words(&["build", "--root", "DIR", "--quiet"])
    );
    let mut help = Help::default();
    let root = repo_root();
    let wrong = ["build".to_owned(), "--stil".to_owned()];
    assert_eq!(
        help.check(&root, "x.md", 3, "vindplaats build --stil", &wrong),
        [
            "x.md:3: `vindplaats build --stil`: de optie --stil staat niet in 'vindplaats build --help'"
        ]
    );
    assert!(
        help.check(&root, "x.md", 3, "vindplaats bouw", &["bouw".to_owned()])
            .len()
            == 1
    );
}
