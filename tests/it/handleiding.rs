//! The handleiding's commands, as the team would type them (issue 14, item 7). Every line of the
//! shell code blocks in `docs/handleiding.md` is read in the guide's order and classified: a
//! `vindplaats new`, `check` or `build` runs on one copy of the real site (content, themes,
//! config, seeds), so a report made in chapter 4 is there in chapter 9, as it would be for a
//! reader; `serve`, lines with a `<…>` to fill in and commands that are not vindplaats's (or only
//! run on Windows or macOS) are listed as skipped, with the reason.
//!
//! A command "works" when the program accepts it and answers: exit 0, or exit 1 with its
//! findings (a fresh report from `new rapport` may well have findings). It fails the test when
//! the command line is refused (exit 2: an unknown subcommand or option), when it crashes, or
//! when the guide shows its result in the next code block and the program says something else.
//! Beside that, every subcommand and option the guide names, in code blocks or in running text,
//! must be in the program's `--help`.

use crate::common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use common::{copy_tree, repo_root};

const GUIDE: &str = "docs/handleiding.md";

/// A fenced code block: its language and its lines, with the guide's line number of each.
struct Block {
    lang: String,
    lines: Vec<(usize, String)>,
    /// The guide's line of the opening fence and of the closing one.
    start: usize,
    end: usize,
}

/// The fenced blocks of a Markdown text. Fences may be indented (a block inside a list item);
/// the indentation of the fence is taken off its lines.
fn blocks(md: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut open: Option<(usize, Block)> = None;
    for (i, line) in md.lines().enumerate() {
        let number = i + 1;
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        match open.take() {
            None => {
                if let Some(lang) = trimmed.strip_prefix("```") {
                    let block = Block {
                        lang: lang.trim().to_owned(),
                        lines: Vec::new(),
                        start: number,
                        end: number,
                    };
                    open = Some((indent, block));
                }
            }
            Some((fence_indent, mut block)) => {
                if trimmed.starts_with("```") {
                    block.end = number;
                    out.push(block);
                } else {
                    let text = line.get(fence_indent.min(indent)..).unwrap_or("");
                    block.lines.push((number, text.to_owned()));
                    open = Some((fence_indent, block));
                }
            }
        }
    }
    out
}

fn is_shell(lang: &str) -> bool {
    matches!(
        lang,
        "sh" | "bash" | "shell" | "console" | "powershell" | "ps1" | "pwsh"
    )
}

/// Splits a command line as bash and PowerShell both do for the guide's commands: on spaces,
/// with "…" and '…' keeping a text with spaces (or an apostrophe) together.
fn split(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut quote: Option<char> = None;
    for c in line.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => word.push(c),
            None if c == '"' || c == '\'' => {
                quote = Some(c);
                in_word = true;
            }
            None if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            None => {
                word.push(c);
                in_word = true;
            }
        }
    }
    assert!(quote.is_none(), "a quote is not closed in: {line}");
    if in_word {
        words.push(word);
    }
    words
}

/// The ways the guide writes the program: short (`vindplaats`), and as typed in the site's
/// folder on Windows (`.\vindplaats`, `.\vindplaats.exe`) and on macOS and Linux.
fn is_vindplaats(program: &str) -> bool {
    matches!(
        program,
        "vindplaats" | "vindplaats.exe" | "./vindplaats" | ".\\vindplaats" | ".\\vindplaats.exe"
    )
}

enum Plan {
    Run(Vec<String>),
    Skip(&'static str),
}

fn classify(words: &[String]) -> Plan {
    let Some(program) = words.first() else {
        return Plan::Skip("lege regel");
    };
    if !is_vindplaats(program) {
        return Plan::Skip(match program.as_str() {
            "cd" => "naar een map gaan: de test staat al in de kopie van de site",
            "robocopy" | "Compress-Archive" | "Unblock-File" => {
                "Windows (PowerShell): hier niet uitgevoerd"
            }
            "xattr" => "alleen op macOS",
            _ => "geen opdracht van vindplaats",
        });
    }
    if words.iter().any(|w| w.contains('<')) {
        return Plan::Skip("voorbeeld met <…> om zelf in te vullen");
    }
    if words.get(1).map(String::as_str) == Some("serve") {
        return Plan::Skip("serve draait tot Ctrl+C; alleen de opties zijn gecontroleerd");
    }
    Plan::Run(words[1..].to_vec())
}

/// The subcommand path (`["new", "rapport"]`) and the options (`--thema`) of a command's
/// arguments, as the `--help` texts are organised.
fn subcommand_and_options(args: &[String]) -> (Vec<String>, Vec<String>) {
    let mut path = Vec::new();
    let mut options = Vec::new();
    for arg in args {
        if arg.starts_with('-') {
            options.push(arg.split('=').next().unwrap_or(arg).to_owned());
        } else if path.is_empty() || (path.len() == 1 && path[0] == "new") {
            path.push(arg.clone());
        }
    }
    // The values of options (--thema eenzaamheid) were taken as subcommands above only when
    // they came before any subcommand, which the guide never does.
    (path, options)
}

/// Every `vindplaats …` in the guide's running text (inline code, which may run on to the next
/// line), for the option check, with the line it starts on.
fn inline_commands(md: &str) -> Vec<(usize, String)> {
    // The prose alone, fences blanked out, so that line numbers stay the guide's.
    let mut in_fence = false;
    let prose: Vec<&str> = md
        .lines()
        .map(|line| {
            if line.trim_start().starts_with("```") {
                in_fence = !in_fence;
                ""
            } else if in_fence {
                ""
            } else {
                line
            }
        })
        .collect();
    let prose = prose.join("\n");
    let mut out = Vec::new();
    let mut line = 1;
    for (n, part) in prose.split('`').enumerate() {
        let span = part.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut words = span.split(' ');
        // `vindplaats 0.1.0` is what --version says, not a command.
        let command = words.next().is_some_and(is_vindplaats)
            && !words
                .next()
                .is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit()));
        if n % 2 == 1 && command {
            out.push((line, span));
        }
        line += part.matches('\n').count();
    }
    out
}

fn vindplaats(dir: &Path, args: &[String]) -> (Option<i32>, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_vindplaats"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.code(), text)
}

/// Checks that `vindplaats <path> --help` exists and names every option; returns the problems.
fn check_options(
    help: &mut BTreeMap<Vec<String>, Option<String>>,
    dir: &Path,
    line: usize,
    command: &str,
    args: &[String],
) -> Vec<String> {
    let (path, options) = subcommand_and_options(args);
    let text = help.entry(path.clone()).or_insert_with(|| {
        let mut help_args = path.clone();
        help_args.push("--help".into());
        match vindplaats(dir, &help_args) {
            (Some(0), text) => Some(text),
            _ => None,
        }
    });
    let Some(text) = text else {
        return vec![format!(
            "{GUIDE}:{line}: `{command}`: 'vindplaats {}' bestaat niet",
            path.join(" ")
        )];
    };
    options
        .iter()
        .filter(|o| {
            ![" ", "\n", ",", "="]
                .iter()
                .any(|end| text.contains(&format!("{o}{end}")))
        })
        .map(|o| {
            format!(
                "{GUIDE}:{line}: `{command}`: de optie {o} staat niet in 'vindplaats {} --help'",
                path.join(" ")
            )
        })
        .collect()
}

#[test]
fn every_command_in_the_handleiding_still_works() {
    let root = repo_root();
    let guide = std::fs::read_to_string(root.join(GUIDE)).unwrap();
    let site = tempfile::tempdir().unwrap();
    for part in ["content", "themes", "seeds"] {
        copy_tree(&root.join(part), &site.path().join(part));
    }
    std::fs::copy(
        root.join("vindplaats.toml"),
        site.path().join("vindplaats.toml"),
    )
    .unwrap();

    let blocks = blocks(&guide);
    let mut help = BTreeMap::new();
    let mut problems = Vec::new();
    let mut report = Vec::new();
    let mut ran: BTreeMap<String, usize> = BTreeMap::new();
    for (b, block) in blocks.iter().enumerate() {
        if !is_shell(&block.lang) {
            continue;
        }
        let commands: Vec<&(usize, String)> = block
            .lines
            .iter()
            .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
            .collect();
        // The result the guide shows: a plain block right under a block of one command.
        let expected = blocks
            .get(b + 1)
            .filter(|next| {
                commands.len() == 1
                    && next.start <= block.end + 2
                    && (next.lang.is_empty() || next.lang == "text")
            })
            .and_then(|next| next.lines.first())
            .map(|(_, l)| l.trim().to_owned());
        for (line, command) in commands {
            let words = split(command);
            match classify(&words) {
                Plan::Skip(reason) => {
                    if is_vindplaats(&words[0]) {
                        problems.extend(check_options(
                            &mut help,
                            site.path(),
                            *line,
                            command,
                            &words[1..],
                        ));
                    }
                    report.push(format!("overgeslagen  {line:>4}  {command}  — {reason}"));
                }
                Plan::Run(args) => {
                    problems.extend(check_options(&mut help, site.path(), *line, command, &args));
                    let (code, out) = vindplaats(site.path(), &args);
                    let said = match code {
                        Some(0) => true,
                        // Findings in the content: the command works, the content has work to do.
                        Some(1) => !out.trim().is_empty(),
                        _ => false,
                    };
                    if !said || out.contains("panicked") {
                        problems.push(format!(
                            "{GUIDE}:{line}: `{command}` werkt niet meer (exit {code:?}):\n{out}"
                        ));
                    }
                    if let Some(expected) = &expected
                        && !out.contains(expected.as_str())
                    {
                        problems.push(format!(
                            "{GUIDE}:{line}: `{command}`: de handleiding toont `{expected}`, het programma zegt:\n{out}"
                        ));
                    }
                    let first = args.first().cloned().unwrap_or_default();
                    *ran.entry(first).or_default() += 1;
                    report.push(format!(
                        "uitgevoerd    {line:>4}  {command}  (exit {code:?})"
                    ));
                }
            }
        }
    }
    for (line, command) in inline_commands(&guide) {
        let words = split(&command);
        problems.extend(check_options(
            &mut help,
            site.path(),
            line,
            &command,
            &words[1..],
        ));
    }
    println!("{}", report.join("\n"));

    // The guide's own walk-through must still be here: a parse that finds nothing proves nothing.
    for (sub, at_least) in [("new", 5), ("check", 2), ("build", 2)] {
        let n = ran.get(sub).copied().unwrap_or(0);
        assert!(
            n >= at_least,
            "only {n} `vindplaats {sub}` commands run from {GUIDE} (expected {at_least}+):\n{}",
            report.join("\n")
        );
    }
    assert!(
        problems.is_empty(),
        "{} problem(s) with the handleiding's commands:\n\n{}",
        problems.len(),
        problems.join("\n\n")
    );

    // What chapter 4 says `new rapport` writes is what it wrote, in the report chapter 9 made.
    let written = std::fs::read_to_string(
        site.path()
            .join("content/rapporten/verslag-thematafel-eenzaamheid-2024.md"),
    )
    .expect("the handleiding's walk-through makes this report");
    let table = guide
        .split("| veld | wat het programma schrijft |")
        .nth(1)
        .expect("chapter 4 lists what new rapport writes");
    let rows = table.lines().skip(2).take_while(|l| l.starts_with('|'));
    let mut quoted = 0;
    for row in rows {
        let cell = row.split('|').nth(2).unwrap_or("");
        for (n, span) in cell.split('`').enumerate() {
            if n % 2 == 1 {
                quoted += 1;
                assert!(
                    written.contains(span),
                    "{GUIDE} says new rapport writes `{span}`; it wrote:\n{written}"
                );
            }
        }
    }
    assert!(
        quoted >= 5,
        "chapter 4's table of placeholders has {quoted} values"
    );
}

#[test]
fn the_split_keeps_quoted_titles_and_apostrophes_together() {
    assert_eq!(
        split(r#"vindplaats new rapport "Jongeren en geld" --thema x"#),
        [
            "vindplaats",
            "new",
            "rapport",
            "Jongeren en geld",
            "--thema",
            "x"
        ]
    );
    assert_eq!(
        split(r#"vindplaats new initiatief "Buurtkamer 't Hofje""#),
        ["vindplaats", "new", "initiatief", "Buurtkamer 't Hofje"]
    );
}
