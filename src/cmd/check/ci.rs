//! `check`'s findings where the team looks: on its own change in GitHub or GitLab, instead of in
//! a job log nobody reads (issue 25).
//!
//! - [`github`]: GitHub Actions workflow commands (`::error file=…,line=…::…`), which the runner
//!   turns into annotations on those lines of the commit and of a pull request's changes.
//! - [`gitlab`]: a GitLab Code Quality report (a JSON array, `artifacts: reports: codequality`),
//!   which GitLab shows in the merge request.
//!
//! Both take the findings as `--format json` does, with the same Dutch message and hint; the
//! readability figures are a report, not findings, and stay in the human output. Paths are the
//! repository's (the site folder may be a folder of it), with `/` on every system.

use std::collections::BTreeMap;
use std::path::{Component, Path};

use serde::Serialize;

use crate::check::{Finding, Report};
use crate::diagnostics::Severity;

/// GitHub Actions workflow commands, one line per finding, in the escaping GitHub documents
/// ("Workflow commands for GitHub Actions") and `@actions/core` implements: `%`, CR and LF in
/// the message; also `:` and `,` in property values. The properties come in `@actions/core`'s
/// order (title, file, line, col), so its output is the test's oracle byte for byte.
pub fn github(report: &Report, base: &Path) -> String {
    let mut out = String::new();
    for f in &report.findings {
        let json = f.json();
        let path = repository_path(base, &f.error.file);
        let mut properties = vec![
            ("title", format!("vindplaats check: {}", json.rule)),
            ("file", path.clone()),
        ];
        let mut place = path;
        // Line 0 is the file as a whole: the annotation goes on the file.
        if json.line > 0 {
            properties.push(("line", json.line.to_string()));
            place = format!("{place}:{}", json.line);
            if json.column > 0 {
                properties.push(("col", json.column.to_string()));
                place = format!("{place}:{}", json.column);
            }
        }
        // The place leads the message too: the job log shows the message without it.
        let mut message = format!("{place}: {}", json.message);
        if let Some(hint) = json.hint {
            message.push_str("\ntip: ");
            message.push_str(hint);
        }
        let command = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let properties: Vec<String> = properties
            .iter()
            .map(|(key, value)| format!("{key}={}", escape_property(value)))
            .collect();
        out.push_str(&format!(
            "::{command} {}::{}\n",
            properties.join(","),
            escape_data(&message)
        ));
    }
    out
}

fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// One issue of a GitLab Code Quality report: the fields GitLab documents ("Code Quality report
/// format"), all of them, with `location.lines.begin` for the line.
#[derive(Serialize)]
struct Issue {
    description: String,
    check_name: String,
    fingerprint: String,
    severity: &'static str,
    location: Location,
}

#[derive(Serialize)]
struct Location {
    path: String,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
}

/// A GitLab Code Quality report: a JSON array with one issue per finding (`[]` when there are
/// none: the merge request then shows what a change fixed).
///
/// Severity: an error is `major`, a warning `minor` (GitLab's scale is info, minor, major,
/// critical, blocker; linters' formatters map their two levels the same way). The fingerprint
/// is how GitLab tells findings apart and compares a merge request with its target branch: it
/// must stay the same for the same finding from run to run, and differ between two findings
/// (GitLab keeps one issue per fingerprint). So it hashes the path, the rule and the message,
/// not the line (a line added above would make an old finding look new), and counts findings
/// with the same three in the order of the file.
pub fn gitlab(report: &Report, base: &Path) -> String {
    let mut seen: BTreeMap<(String, &str, &str), usize> = BTreeMap::new();
    let issues: Vec<Issue> = report
        .findings
        .iter()
        .map(|f| {
            let json = f.json();
            let path = repository_path(base, &f.error.file);
            let nth = seen
                .entry((path.clone(), json.rule.name(), json.message))
                .or_default();
            *nth += 1;
            Issue {
                description: description(f),
                check_name: format!("vindplaats/{}", json.rule.name()),
                fingerprint: fingerprint(&path, json.rule.name(), json.message, *nth),
                severity: match f.severity {
                    Severity::Error => "major",
                    Severity::Warning => "minor",
                },
                location: Location {
                    path,
                    // GitLab needs a line; a finding about the whole file is put on its first.
                    lines: Lines {
                        begin: json.line.max(1),
                    },
                },
            }
        })
        .collect();
    serde_json::to_string_pretty(&issues).expect("plain data") + "\n"
}

/// What the merge request shows: the level in Dutch (GitLab's severities are English words),
/// the message and the hint.
fn description(f: &Finding) -> String {
    let json = f.json();
    let mut text = format!("{}: {}", json.severity, json.message);
    if let Some(hint) = json.hint {
        text.push_str(" — tip: ");
        text.push_str(hint);
    }
    text
}

fn fingerprint(path: &str, rule: &str, message: &str, nth: usize) -> String {
    let mut hash = crate::hash::Combined::default();
    for part in [path, rule, message, &nth.to_string()] {
        hash.add(part.as_bytes());
        // A separator, so that ("ab", "c") and ("a", "bc") differ.
        hash.add(&[0]);
    }
    hash.finish()
}

/// A finding's file as a path in the repository: the site folder `base` (relative to where
/// `check` runs, which in CI is the repository's root) joined with the file, `/` between the
/// parts and no `./`.
fn repository_path(base: &Path, file: &Path) -> String {
    let file = file.strip_prefix(base).unwrap_or(file);
    let parts: Vec<String> = base
        .join(file)
        .components()
        .filter_map(|c| match c {
            Component::CurDir => None,
            Component::RootDir => Some(String::new()),
            other => Some(other.as_os_str().to_string_lossy().into_owned()),
        })
        .collect();
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// GitHub's table: `%` first, so that the escapes themselves are not escaped again.
    #[test]
    fn escapes_as_github_documents() {
        assert_eq!(escape_data("50% a:b,c\r\nd"), "50%25 a:b,c%0D%0Ad");
        assert_eq!(escape_property("50% a:b,c\r\nd"), "50%25 a%3Ab%2Cc%0D%0Ad");
        assert_eq!(escape_data("%0A"), "%250A");
    }

    #[test]
    fn paths_are_the_repositorys_with_slashes() {
        let file = Path::new("content/rapporten/a.md");
        assert_eq!(
            repository_path(Path::new("."), file),
            "content/rapporten/a.md"
        );
        assert_eq!(
            repository_path(Path::new("./site"), file),
            "site/content/rapporten/a.md"
        );
        assert_eq!(
            repository_path(Path::new("site"), Path::new("site/vindplaats.toml")),
            "site/vindplaats.toml"
        );
    }

    #[test]
    fn fingerprints_differ_in_every_part() {
        let a = fingerprint("a.md", "privacy", "x", 1);
        assert_eq!(a, fingerprint("a.md", "privacy", "x", 1));
        assert_eq!(a.len(), 16);
        for other in [
            fingerprint("b.md", "privacy", "x", 1),
            fingerprint("a.md", "link", "x", 1),
            fingerprint("a.md", "privacy", "y", 1),
            fingerprint("a.md", "privacy", "x", 2),
            fingerprint("a.mdprivacy", "", "x", 1),
        ] {
            assert_ne!(a, other);
        }
    }
}
