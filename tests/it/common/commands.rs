//! Commands in Markdown: the fenced blocks, a command line split as a shell does, the
//! `vindplaats …` spans of running text, and each subcommand's `--help` to hold the options
//! against. Used by the handleiding test and by the docs test, which check the same promise
//! (every command and option the docs name exists) for the guide and for the other docs.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

/// A fenced code block: its language and its lines, with the guide's line number of each.
pub struct Block {
    pub lang: String,
    pub lines: Vec<(usize, String)>,
    /// The guide's line of the opening fence and of the closing one.
    pub start: usize,
    pub end: usize,
}

/// The fenced blocks of a Markdown text. Fences may be indented (a block inside a list item);
/// the indentation of the fence is taken off its lines.
pub fn blocks(md: &str) -> Vec<Block> {
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

pub fn is_shell(lang: &str) -> bool {
    matches!(
        lang,
        "sh" | "bash" | "shell" | "console" | "powershell" | "ps1" | "pwsh"
    ) || is_cmd(lang)
}

/// A block for Windows' Opdrachtprompt (`cmd.exe`), which the guide shows beside PowerShell
/// (often locked on a managed laptop).
pub fn is_cmd(lang: &str) -> bool {
    matches!(lang, "bat" | "batch" | "cmd")
}

/// Splits a command line as bash and PowerShell both do for the guide's commands: on spaces,
/// with "…" and '…' keeping a text with spaces (or an apostrophe) together.
pub fn split(line: &str) -> Vec<String> {
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
pub fn is_vindplaats(program: &str) -> bool {
    matches!(
        program,
        "vindplaats" | "vindplaats.exe" | "./vindplaats" | ".\\vindplaats" | ".\\vindplaats.exe"
    )
}

/// The subcommand path (`["new", "rapport"]`) and the options (`--thema`) of a command's
/// arguments, as the `--help` texts are organised.
pub fn subcommand_and_options(args: &[String]) -> (Vec<String>, Vec<String>) {
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
pub fn inline_commands(md: &str) -> Vec<(usize, String)> {
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

pub fn vindplaats(dir: &Path, args: &[String]) -> (Option<i32>, String) {
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

/// The `--help` of each subcommand path, asked once; `None` where the path does not exist.
#[derive(Default)]
pub struct Help(BTreeMap<Vec<String>, Option<String>>);

impl Help {
    /// Checks that `vindplaats <path> --help` exists and names every option of `args` (the
    /// words after the program, of `command` at `file:line`); returns the problems.
    pub fn check(
        &mut self,
        dir: &Path,
        file: &str,
        line: usize,
        command: &str,
        args: &[String],
    ) -> Vec<String> {
        let (path, options) = subcommand_and_options(args);
        let text = self.0.entry(path.clone()).or_insert_with(|| {
            let mut help_args = path.clone();
            help_args.push("--help".into());
            match vindplaats(dir, &help_args) {
                (Some(0), text) => Some(text),
                _ => None,
            }
        });
        let Some(text) = text else {
            return vec![format!(
                "{file}:{line}: `{command}`: 'vindplaats {}' bestaat niet",
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
                    "{file}:{line}: `{command}`: de optie {o} staat niet in 'vindplaats {} --help'",
                    path.join(" ")
                )
            })
            .collect()
    }
}
