//! Showing content errors to people: the file and place, the offending line with a marker, what
//! is wrong and a hint — the way compilers show errors (annotate-snippets), in Dutch.
//!
//! The terminal, `check` and the error page of `serve` all use this one rendering, so the
//! browser shows exactly what the terminal shows.

use std::path::Path;

use annotate_snippets::renderer::DecorStyle;
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use crate::error::{ContentError, ContentErrors};

/// How bad a finding is: errors stop a build, warnings only fail `check --strict`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// Said once under the problems when some have a technical message that is not shown.
pub const UITLEG: &str = "Met --uitleg ziet u ook de technische melding van de fouten hierboven.";

/// The line that says `--uitleg` shows more, when one of `errors` has more to show.
pub fn uitleg_line<'a>(
    mut errors: impl Iterator<Item = &'a ContentError>,
    uitleg: bool,
) -> Option<&'static str> {
    (!uitleg && errors.any(|e| e.technical.is_some())).then_some(UITLEG)
}

/// Renders one problem. `root` is where the file's (relative) path starts, to read the line;
/// `uitleg` adds the parser's technical message, where there is one.
pub fn render(error: &ContentError, severity: Severity, root: &Path, uitleg: bool) -> String {
    let level = match severity {
        Severity::Error => Level::ERROR.with_name(Some("fout")),
        Severity::Warning => Level::WARNING.with_name(Some("waarschuwing")),
    };
    let path = error.file.display().to_string();
    let line_text = (error.line > 0)
        .then(|| std::fs::read_to_string(root.join(&error.file)).ok())
        .flatten()
        .and_then(|text| text.lines().nth(error.line - 1).map(str::to_owned));
    let mut group = Group::with_title(level.primary_title(error.message.as_str()));
    group = match line_text {
        Some(line) if !line.trim().is_empty() => {
            let span = marker_span(&line, error.column, error.length);
            group.element(
                Snippet::source(line)
                    .line_start(error.line)
                    .path(path)
                    .annotation(AnnotationKind::Primary.span(span)),
            )
        }
        _ => {
            let place = match (error.line, error.column) {
                (0, _) => path,
                (l, 0) => format!("{path}:{l}"),
                (l, c) => format!("{path}:{l}:{c}"),
            };
            group.element(Level::NOTE.with_name(Some("in")).message(place))
        }
    };
    if let Some(hint) = &error.hint {
        group = group.element(Level::HELP.with_name(Some("tip")).message(&**hint));
    }
    if let Some(technical) = error.technical.as_ref().filter(|_| uitleg) {
        group = group.element(
            Level::NOTE
                .with_name(Some("technische melding"))
                .message(&**technical),
        );
    }
    let report = [group];
    Renderer::plain()
        .decor_style(DecorStyle::Ascii)
        .render(&report)
}

/// What is left of the site after a run that stopped on its content, as the summary line
/// says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kept {
    /// `build`: nothing was written (the output folder is as it was).
    Nothing,
    /// `serve`: the last good site stays on show.
    Previous,
}

/// The one line under the problems of a run that stopped: how many, and what is left
/// ("2 problemen en 1 waarschuwing gevonden; er is niets geschreven.").
pub fn summary(errors: usize, warnings: usize, kept: Kept) -> String {
    let problems = format!(
        "{errors} {}",
        if errors == 1 { "probleem" } else { "problemen" }
    );
    let found = match warnings {
        0 => problems,
        1 => format!("{problems} en 1 waarschuwing"),
        w => format!("{problems} en {w} waarschuwingen"),
    };
    let left = match kept {
        Kept::Nothing => "er is niets geschreven",
        Kept::Previous => "de vorige versie blijft staan",
    };
    format!("{found} gevonden; {left}.")
}

/// Renders every problem of a run: the errors, then the warnings found on the way (each
/// group by file, then line, see [`in_order`]), then the [`summary`] line.
pub fn render_all(
    errors: &ContentErrors,
    warnings: &[ContentError],
    root: &Path,
    uitleg: bool,
    kept: Kept,
) -> String {
    let mut out = String::new();
    let warnings = in_order(warnings.to_vec());
    let all = errors
        .0
        .iter()
        .map(|e| (e, Severity::Error))
        .chain(warnings.iter().map(|w| (w, Severity::Warning)));
    for (e, severity) in all {
        out.push_str(&render(e, severity, root, uitleg));
        out.push_str("\n\n");
    }
    if let Some(line) = uitleg_line(errors.0.iter().chain(&warnings), uitleg) {
        out.push_str(line);
        out.push('\n');
    }
    out.push_str(&summary(errors.0.len(), warnings.len(), kept));
    out
}

/// Findings in the order people work through them: by file, then line and column, so that
/// one file's problems stand together.
pub fn in_order(mut findings: Vec<ContentError>) -> Vec<ContentError> {
    findings.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
    findings
}

/// A failure that is not in the content (a folder that cannot be written, a port in use):
/// its Dutch message, and with `uitleg` the system's own words (`technical`).
pub fn render_other(
    message: &dyn std::fmt::Display,
    technical: Option<&str>,
    uitleg: bool,
) -> String {
    let mut out = message.to_string();
    match technical {
        Some(technical) if uitleg => {
            out.push_str(&format!("\n  = technische melding: {technical}"));
        }
        Some(_) => {
            out.push('\n');
            out.push_str(UITLEG);
        }
        None => {}
    }
    out
}

/// The part of the line to mark: from the column (1-based, in characters), or from the first
/// non-blank character when the column is unknown, to the end of the line.
fn marker_span(line: &str, column: usize, length: usize) -> std::ops::Range<usize> {
    let start = if column > 0 {
        line.char_indices()
            .nth(column - 1)
            .map_or(line.trim_end().len(), |(i, _)| i)
    } else {
        line.len() - line.trim_start().len()
    };
    let end = match length {
        0 => line.trim_end().len(),
        n => line[start..]
            .char_indices()
            .nth(n)
            .map_or(line.len(), |(i, _)| start + i),
    };
    start..end.max((start + 1).min(line.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_the_line_with_a_marker_and_the_hint() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(
            tmp.path().join("a.md"),
            "+++\ntitle = \"x\"\ntopic = \"eenzaamheit\"\n+++\n",
        )
        .unwrap();
        let e = ContentError::new("a.md", 3, "onbekend thema 'eenzaamheit'")
            .column(9)
            .hint("bedoelde u 'eenzaamheid'?");
        let shown = render(&e, Severity::Error, tmp.path(), false);
        assert!(
            shown.starts_with("fout: onbekend thema 'eenzaamheit'"),
            "{shown}"
        );
        assert!(shown.contains("--> a.md:3:9"), "{shown}");
        assert!(shown.contains("3 | topic = \"eenzaamheit\""), "{shown}");
        assert!(shown.contains("^^^^^^^^^^^^^"), "{shown}");
        assert!(shown.contains("tip: bedoelde u 'eenzaamheid'?"), "{shown}");
    }

    /// One summary line for `build` and `serve`: the same count, and what is left of the site.
    #[test]
    fn the_summary_says_how_many_and_what_is_left() {
        assert_eq!(
            summary(1, 0, Kept::Nothing),
            "1 probleem gevonden; er is niets geschreven."
        );
        assert_eq!(
            summary(2, 1, Kept::Previous),
            "2 problemen en 1 waarschuwing gevonden; de vorige versie blijft staan."
        );
        assert_eq!(
            summary(3, 4, Kept::Nothing),
            "3 problemen en 4 waarschuwingen gevonden; er is niets geschreven."
        );
    }

    #[test]
    fn without_a_line_names_the_file() {
        let e = ContentError::new("content/themas", 0, "er zijn geen thema's");
        let shown = render(&e, Severity::Warning, Path::new("/nonexistent"), false);
        assert!(
            shown.starts_with("waarschuwing: er zijn geen thema's"),
            "{shown}"
        );
        assert!(shown.contains("content/themas"), "{shown}");
    }

    #[test]
    fn marker_spans() {
        assert_eq!(marker_span("topic = \"x y\"  ", 9, 0), 8..13);
        assert_eq!(marker_span("bel 06-1 nu", 5, 4), 4..8);
        assert_eq!(marker_span("  - item", 0, 0), 2..8);
        assert_eq!(marker_span("é = 1", 3, 0), 3..6);
        // A column past the end marks the end of the line, not its start.
        assert_eq!(marker_span("a = 1", 9, 0), 5..5);
    }
}
