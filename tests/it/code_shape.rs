//! The shape of the code (CONTRIBUTING.md, STYLE): a function longer than 80 lines says why
//! in a plain `//` comment above it ("// Longer than most: …"), or is split. Test code is
//! exempt (a table-driven test is long by nature).

use crate::common::repo_root;

/// More lines than this, from `fn` to its closing brace, needs a comment saying why.
const LIMIT: usize = 80;

/// `(file:line name, lines)` of every function in `text` over [`LIMIT`] lines without a plain
/// comment in the comments and attributes directly above it. Relies on rustfmt's layout: a
/// function ends at the first `}` alone on a line at its own indentation. Stops at the first
/// `#[cfg(test)]` module.
fn unexplained(file: &str, text: &str) -> Vec<(String, usize)> {
    let signature =
        regex::Regex::new(r"^(\s*)(pub(\([^)]*\))?\s+)?(const\s+)?(unsafe\s+)?fn\s+(\w+)").unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let tests = lines
        .windows(2)
        .position(|w| w[0].trim() == "#[cfg(test)]" && w[1].trim_start().starts_with("mod "))
        .unwrap_or(lines.len());
    let mut found = Vec::new();
    for (i, line) in lines[..tests].iter().enumerate() {
        let Some(m) = signature.captures(line) else {
            continue;
        };
        if line.trim_end().ends_with(';') {
            continue; // a declaration in a trait
        }
        let end = format!("{}}}", &m[1]);
        let Some(length) = lines[i..].iter().position(|l| *l == end) else {
            continue;
        };
        let why = lines[..i]
            .iter()
            .rev()
            .map(|l| l.trim_start())
            .take_while(|l| l.starts_with("//") || l.starts_with("#["))
            .any(|l| l.starts_with("//") && !l.starts_with("///") && !l.starts_with("//!"));
        if length + 1 > LIMIT && !why {
            found.push((format!("{file}:{} {}", i + 1, &m[6]), length + 1));
        }
    }
    found
}

#[test]
fn every_long_function_says_why() {
    let src = repo_root().join("src");
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(&src).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|x| x == "rs") {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            let name = entry.path().strip_prefix(repo_root()).unwrap();
            found.extend(unexplained(&name.display().to_string(), &text));
        }
    }
    assert!(
        found.is_empty(),
        "functions over {LIMIT} lines without a `// Longer than most: …` comment saying why \
         (or split them):\n{}",
        found
            .iter()
            .map(|(f, n)| format!("  {f}: {n} lines"))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// The rule itself: a long function is found, a comment above it (under or over its doc
/// comment and attributes) explains it, a doc comment alone does not, and tests are exempt.
#[test]
fn a_long_function_is_found_unless_a_comment_says_why() {
    let body = "    x();\n".repeat(LIMIT);
    let long = format!("/// Docs.\n#[inline]\npub fn long() {{\n{body}}}\n");
    assert_eq!(
        unexplained("a.rs", &long),
        [("a.rs:3 long".to_owned(), LIMIT + 2)]
    );
    let explained = format!("// Longer than most: a table.\n{long}");
    assert!(unexplained("a.rs", &explained).is_empty());
    let short = "fn short() {\n    x();\n}\n";
    assert!(unexplained("a.rs", short).is_empty());
    let test = format!(
        "#[cfg(test)]\nmod tests {{\n{}}}\n",
        long.replace("\n", "\n    ")
    );
    assert!(unexplained("a.rs", &test).is_empty());
}
