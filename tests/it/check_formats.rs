//! `check --format github` and `--format gitlab` (issue 25): the findings where the team looks.
//!
//! GitHub: every line is read back with a parser of the workflow-command grammar as GitHub
//! documents it ("Workflow commands for GitHub Actions": `::command key=value,…::message`;
//! in the message `%`, CR and LF are written `%25`, `%0D`, `%0A`, in a property value also `:`
//! and `,` as `%3A` and `%2C`), on a site whose file name holds every one of those characters,
//! and must give back exactly the findings of `--format json`. GitLab: the report has every
//! field GitLab's "Code Quality report format" lists, with its types and values, and
//! fingerprints that are unique and stay the same from run to run and when lines move. The
//! schema itself (ajv) and `@actions/core`'s own escaping (byte for byte) are checked in
//! `tests/browser/check-formats.test.mjs`.

use crate::common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{copy_tree, fixture};

/// A file name with every character GitHub's escaping is about.
const HOSTILE: &str = "50%,a:b\r\nc.md";

/// A broken link (an error that `check` finds on the built site) whose text has a `%` and a
/// `,`, and a home address (a warning); with the fixture's placeholder `base_url` (a warning).
const MIXED: &str = "Zie [de kop](#kop-50%,a).\n\nHet adres is 1312 AB 12.\n";

/// A phone number: an error the build itself stops on.
const PHONE: &str = "Bel 06-12345678 voor 100% hulp.\n";

/// The minimal site in `dir/site`, its report renamed to `name` and `extra` added to its body.
fn site(dir: &Path, name: &str, extra: &str) -> PathBuf {
    let root = dir.join("site");
    copy_tree(&fixture("minimal"), &root);
    let reports = root.join("content/rapporten");
    let text = std::fs::read_to_string(reports.join("verslag.md")).unwrap();
    std::fs::remove_file(reports.join("verslag.md")).unwrap();
    std::fs::write(reports.join(name), format!("{text}\n{extra}")).unwrap();
    root
}

/// The two sites every format is read on: the hostile file name (with a phone number: errors
/// only, one of them about the file as a whole, line 0, since a site that does not build is
/// reported with its build errors), and a site with errors and warnings.
fn sites(dir: &Path) -> [PathBuf; 2] {
    let (a, b) = (dir.join("a"), dir.join("b"));
    [site(&a, HOSTILE, PHONE), site(&b, "verslag.md", MIXED)]
}

fn check_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vindplaats"))
        .arg("check")
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

/// The findings of `--format json` (not the readability figures), run in `dir`.
fn json_findings(dir: &Path, args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    let out = check_in(dir, &all);
    let findings: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    findings
        .into_iter()
        .filter(|f| f["severity"] != "info")
        .collect()
}

/// One workflow command, read as GitHub documents the grammar.
#[derive(Debug)]
struct WorkflowCommand {
    command: String,
    properties: BTreeMap<String, String>,
    message: String,
}

/// Reads `::command key=value,key=value::message`. A raw `,` or `:` in a value, or a raw CR or
/// LF anywhere, cannot be told apart from the grammar's own, so the parser refuses them: that is
/// what GitHub's escaping is for.
fn parse_command(line: &str) -> Result<WorkflowCommand, String> {
    let rest = line.strip_prefix("::").ok_or("does not start with ::")?;
    let (head, data) = rest.split_once("::").ok_or("no :: before the message")?;
    if line.contains(['\r', '\n']) {
        return Err("a raw CR or LF".into());
    }
    let (command, props) = head.split_once(' ').unwrap_or((head, ""));
    if command.is_empty()
        || !command
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-')
    {
        return Err(format!("command '{command}'"));
    }
    let mut properties = BTreeMap::new();
    for pair in props.split(',').filter(|p| !p.is_empty()) {
        let (key, value) = pair
            .split_once('=')
            .ok_or_else(|| format!("property without '=': {pair}"))?;
        if value.contains(':') {
            return Err(format!("a raw ':' in property {key}"));
        }
        let value = unescape(value, &[("%3A", ":"), ("%2C", ",")]);
        if properties.insert(key.to_owned(), value).is_some() {
            return Err(format!("property {key} twice"));
        }
    }
    Ok(WorkflowCommand {
        command: command.to_owned(),
        properties,
        message: unescape(data, &[]),
    })
}

/// GitHub's unescaping: `%0D`, `%0A` (and in properties `%3A`, `%2C`), then `%25` last, so that
/// a `%` written as `%25` never starts another escape.
fn unescape(text: &str, extra: &[(&str, &str)]) -> String {
    let mut text = text.replace("%0D", "\r").replace("%0A", "\n");
    for (from, to) in extra {
        text = text.replace(from, to);
    }
    text.replace("%25", "%")
}

/// What the annotation must say for a finding of `--format json`: its place, its message and
/// its hint, as in the terminal.
fn expected_message(f: &serde_json::Value, file: &str) -> String {
    let mut place = file.to_owned();
    let (line, column) = (f["line"].as_u64().unwrap(), f["column"].as_u64().unwrap());
    if line > 0 {
        place = format!("{place}:{line}");
        if column > 0 {
            place = format!("{place}:{column}");
        }
    }
    let mut message = format!("{place}: {}", f["message"].as_str().unwrap());
    if let Some(hint) = f["hint"].as_str() {
        message = format!("{message}\ntip: {hint}");
    }
    message
}

/// Every finding of `--format json` is one workflow command, in the same order, that reads back
/// as the same file, line, column, level, rule, Dutch message and hint; the last line is the
/// result, as in the terminal.
fn assert_github_matches_json(stdout: &str, findings: &[serde_json::Value], prefix: &str) {
    let lines: Vec<&str> = stdout.split_terminator('\n').collect();
    let (result, commands) = lines.split_last().expect("some output");
    assert!(result.starts_with("Resultaat: "), "{stdout}");
    assert_eq!(commands.len(), findings.len(), "{stdout}");
    for (line, f) in commands.iter().zip(findings) {
        let parsed = parse_command(line).unwrap_or_else(|e| panic!("{e}: {line:?}"));
        let file = format!("{prefix}{}", f["file"].as_str().unwrap());
        let level = match f["severity"].as_str().unwrap() {
            "fout" => "error",
            "waarschuwing" => "warning",
            other => panic!("severity {other}"),
        };
        assert_eq!(parsed.command, level, "{line}");
        let mut properties = BTreeMap::from([
            (
                "title".to_owned(),
                format!("vindplaats check: {}", f["rule"].as_str().unwrap()),
            ),
            ("file".to_owned(), file.clone()),
        ]);
        for (key, name) in [("line", "line"), ("column", "col")] {
            let n = f[key].as_u64().unwrap();
            if n > 0 && f["line"].as_u64().unwrap() > 0 {
                properties.insert(name.to_owned(), n.to_string());
            }
        }
        assert_eq!(parsed.properties, properties, "{line}");
        assert_eq!(parsed.message, expected_message(f, &file), "{line}");
    }
}

#[test]
fn the_parser_reads_githubs_documented_examples_and_refuses_raw_separators() {
    // The examples of GitHub's documentation.
    let c =
        parse_command("::error file=app.js,line=1,col=5,endColumn=7::Missing semicolon").unwrap();
    assert_eq!(c.command, "error");
    assert_eq!(c.properties["endColumn"], "7");
    assert_eq!(c.message, "Missing semicolon");
    let c = parse_command(
        "::warning file=app.js,line=1,col=5,endColumn=7,title=YOUR-TITLE::Missing semicolon",
    )
    .unwrap();
    assert_eq!(c.properties["title"], "YOUR-TITLE");
    let c = parse_command("::notice::a%25b%0Ac:d").unwrap();
    assert_eq!(c.message, "a%b\nc:d");
    let c = parse_command("::error file=a%2Cb%3Ac%250A.md::x").unwrap();
    assert_eq!(c.properties["file"], "a,b:c%0A.md");
    for wrong in [
        "error::x",
        "::error file=a:b.md::x",
        "::error file=a.md,title=b,c::x",
        "::error::a\nb",
    ] {
        assert!(parse_command(wrong).is_err(), "{wrong:?}");
    }
}

#[test]
fn github_annotations_carry_every_finding_escaped_as_github_documents() {
    let tmp = tempfile::tempdir().unwrap();
    let [hostile, mixed] = sites(tmp.path());
    let mut levels = BTreeSet::new();
    for (site, result) in [
        (&hostile, "Resultaat: 2 fouten, 1 waarschuwing.\n"),
        (&mixed, "Resultaat: 1 fout, 2 waarschuwingen.\n"),
    ] {
        let findings = json_findings(site, &[]);
        levels.extend(
            findings
                .iter()
                .map(|f| f["severity"].as_str().unwrap().to_owned()),
        );
        let out = check_in(site, &["--format", "github"]);
        assert_eq!(out.status.code(), Some(1), "errors fail the step");
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert_github_matches_json(&stdout, &findings, "");
        assert!(stdout.ends_with(result), "{stdout}");
    }
    assert_eq!(
        levels,
        BTreeSet::from(["fout".to_owned(), "waarschuwing".to_owned()])
    );
    // What the cases hold: the hostile name, escaped (not dropped) in the property, with a
    // finding about the file as a whole; a `%` and a `,` in a message.
    let stdout = String::from_utf8(check_in(&hostile, &["--format", "github"]).stdout).unwrap();
    assert!(
        stdout.contains("file=content/rapporten/50%25%2Ca%3Ab%0D%0Ac.md::"),
        "{stdout}"
    );
    let findings = json_findings(&hostile, &[]);
    assert!(findings.iter().any(|f| f["line"] == 0), "{findings:?}");
    let findings = json_findings(&mixed, &[]);
    assert!(
        findings
            .iter()
            .any(|f| f["message"].as_str().unwrap().contains("#kop-50%,a")),
        "{findings:?}"
    );
}

#[test]
fn github_paths_are_the_repositorys_when_the_site_is_a_folder_of_it() {
    let tmp = tempfile::tempdir().unwrap();
    let site = site(tmp.path(), HOSTILE, PHONE);
    let findings = json_findings(&site, &[]);
    // The two errors, and the warning about the stand-in `base_url` (listed with errors too).
    assert_eq!(findings.len(), 3);
    for root in ["site", "./site", site.to_str().unwrap()] {
        let out = check_in(tmp.path(), &["--root", root, "--format", "github"]);
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert_github_matches_json(&stdout, &findings, "site/");
    }
}

#[test]
fn the_ci_formats_keep_the_exit_codes() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_tree(&fixture("minimal"), &site);
    // Only a warning (the placeholder base_url): passes, and fails with --strict.
    for format in ["github", "gitlab"] {
        let out = check_in(&site, &["--format", format]);
        assert_eq!(out.status.code(), Some(0), "{format}");
        let out = check_in(&site, &["--format", format, "--strict"]);
        assert_eq!(out.status.code(), Some(1), "{format} --strict");
    }
    common::replace_in(
        &site.join("vindplaats.toml"),
        "https://example.org/",
        "https://socialestaat.almere.nl/",
    );
    let out = check_in(&site, &["--format", "github"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "Resultaat: 0 fouten, 0 waarschuwingen.\n"
    );
    let out = check_in(&site, &["--format", "gitlab"]);
    assert_eq!(out.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        report,
        serde_json::json!([]),
        "an empty report, not nothing"
    );
}

/// The report read as GitLab's "Code Quality report format" lists it: a JSON array of objects
/// with `description`, `check_name`, `fingerprint` (strings), `severity` (info, minor, major,
/// critical or blocker), `location.path` (a relative path in the repository) and
/// `location.lines.begin` (an integer). Returns (fingerprint, path, line, description) each.
fn read_code_quality(stdout: &[u8]) -> Vec<(String, String, u64, String)> {
    assert!(
        !stdout.starts_with("\u{feff}".as_bytes()),
        "GitLab refuses a BOM"
    );
    let report: serde_json::Value = serde_json::from_slice(stdout).unwrap();
    let issues = report.as_array().expect("a JSON array");
    issues
        .iter()
        .map(|issue| {
            let text = |key: &str| {
                issue[key]
                    .as_str()
                    .unwrap_or_else(|| panic!("{key} is a string: {issue}"))
                    .to_owned()
            };
            assert!(
                ["info", "minor", "major", "critical", "blocker"]
                    .contains(&text("severity").as_str()),
                "{issue}"
            );
            assert!(text("check_name").starts_with("vindplaats/"), "{issue}");
            let path = issue["location"]["path"].as_str().unwrap().to_owned();
            assert!(
                !path.starts_with('/') && !path.starts_with("./") && !path.contains('\\'),
                "a relative path in the repository: {path}"
            );
            let begin = issue["location"]["lines"]["begin"]
                .as_u64()
                .unwrap_or_else(|| panic!("location.lines.begin is an integer: {issue}"));
            assert!(begin >= 1, "{issue}");
            (text("fingerprint"), path, begin, text("description"))
        })
        .collect()
}

#[test]
fn gitlab_report_has_every_documented_field_and_the_dutch_message_with_its_hint() {
    let tmp = tempfile::tempdir().unwrap();
    for (site, result) in sites(tmp.path()).iter().zip([
        "Resultaat: 2 fouten, 1 waarschuwing.\n",
        "Resultaat: 1 fout, 2 waarschuwingen.\n",
    ]) {
        let findings = json_findings(site, &[]);
        let out = check_in(site, &["--format", "gitlab"]);
        assert_eq!(out.status.code(), Some(1), "errors still fail the job");
        // The job log says it too: the human text on standard error.
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(
            stderr.contains("\nfout: ") || stderr.starts_with("fout: "),
            "{stderr}"
        );
        assert!(stderr.ends_with(result), "{stderr}");

        let issues = read_code_quality(&out.stdout);
        assert_eq!(issues.len(), findings.len());
        let report: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
        for ((_, path, begin, description), (f, issue)) in
            issues.iter().zip(findings.iter().zip(&report))
        {
            assert_eq!(path, f["file"].as_str().unwrap());
            assert_eq!(*begin, f["line"].as_u64().unwrap().max(1));
            let mut said = format!(
                "{}: {}",
                f["severity"].as_str().unwrap(),
                f["message"].as_str().unwrap()
            );
            if let Some(hint) = f["hint"].as_str() {
                said = format!("{said} — tip: {hint}");
            }
            assert_eq!(description, &said);
            let severity = if f["severity"] == "fout" {
                "major"
            } else {
                "minor"
            };
            assert_eq!(issue["severity"], severity);
            assert_eq!(
                issue["check_name"],
                format!("vindplaats/{}", f["rule"].as_str().unwrap())
            );
        }
        let fingerprints: BTreeSet<&String> = issues.iter().map(|i| &i.0).collect();
        assert_eq!(
            fingerprints.len(),
            issues.len(),
            "GitLab keeps one issue per fingerprint"
        );
    }
}

#[test]
fn gitlab_fingerprints_stay_the_same_across_runs_and_when_lines_move() {
    let tmp = tempfile::tempdir().unwrap();
    // The same broken link twice: two findings with one message, told apart.
    let twice = format!("{MIXED}\nNogmaals [de kop](#kop-50%,a).\n");
    let site = site(tmp.path(), "verslag.md", &twice);
    let report = site.join("content/rapporten/verslag.md");
    let text = std::fs::read_to_string(&report).unwrap();
    let run = || read_code_quality(&check_in(&site, &["--format", "gitlab"]).stdout);
    let first = run();
    assert_eq!(first, run(), "the same findings, the same report");
    let unique: BTreeSet<&String> = first.iter().map(|i| &i.0).collect();
    assert_eq!(unique.len(), first.len());

    // Two paragraphs added above the findings: every finding keeps its fingerprint.
    let (front, body) = text.split_at(text.rfind("+++").unwrap() + 4);
    std::fs::write(
        &report,
        format!("{front}\nEen nieuwe alinea.\n\nNog een.\n{body}"),
    )
    .unwrap();
    let moved = run();
    let by_print = |r: &[(String, String, u64, String)]| -> BTreeMap<String, (u64, String)> {
        r.iter()
            .map(|(f, _, l, d)| (f.clone(), (*l, d.clone())))
            .collect()
    };
    let (before, after) = (by_print(&first), by_print(&moved));
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>()
    );
    let shifted = before
        .iter()
        .filter(|(print, (line, _))| after[*print].0 == line + 4)
        .count();
    assert!(
        shifted >= 3,
        "the body's findings moved down: {before:?} {after:?}"
    );
}
