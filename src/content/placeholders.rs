//! The filler text `vindplaats new` writes into a new report, round or initiative, and the
//! check that finds it still there. One list for both, so that the words `new` writes are
//! always the words the check looks for: "0 fouten" then means the content is filled in.
//!
//! `build` and `check` report filler as errors; `serve` and `build --concepten` as warnings,
//! because the team looks at a report in the browser while filling it in. Filler in a concept
//! is a warning everywhere: a plain build does not publish it (see [`crate::parse::concepts`]).

use std::path::Path;

use super::{Edition, Initiative, Library, Markdown, Report};
use crate::error::ContentError;

/// The start of a new report's description: "Pas deze zin aan: waar ging … over?".
pub const REPORT_DESCRIPTION: &str = "Pas deze zin aan:";
/// The first words of a new report's body.
pub const REPORT_BODY: &str = "Zet hier de tekst van het verslag";
/// A new report's location and participants: together they are the template's, not a table's
/// (each alone may be true of a real table).
pub const REPORT_LOCATION: &str = "Almere";
pub const REPORT_PARTICIPANTS: u32 = 1;
/// The start of every value a new round must have filled in, and of its introduction.
pub const EDITION: &str = "Pas aan:";
/// A new initiative's description.
pub const INITIATIVE_DESCRIPTION: &str = "Pas deze zin aan.";

/// Filler found, and what it belongs to: whether that is a concept decides whether it stops a
/// build.
#[derive(Debug, Clone)]
pub struct Unfinished {
    pub error: ContentError,
    pub of: Of,
    /// Whether what it belongs to says it is a concept itself (a report: or its round), for
    /// when the rest of the decision cannot be made (a report that does not render).
    pub declared_concept: bool,
}

/// What filler belongs to, by its place in the [`Library`] (and so in the parsed site).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Of {
    Report(usize),
    Edition(usize),
    Initiative(usize),
}

/// Every place where content still holds what `new` wrote, in file and line order per file
/// (relative to `root`).
pub fn check(library: &Library, root: &Path) -> Vec<Unfinished> {
    let mut found = Vec::new();
    let round_concept = |year: u16| library.editions.iter().any(|e| e.year == year && e.concept);
    for (at, report) in library.reports.iter().enumerate() {
        let declared = report.concept || round_concept(report.edition);
        let markdown = library.markdown.get(at);
        found.extend(
            in_report(report, markdown)
                .into_iter()
                .map(|e| (e, Of::Report(at), declared)),
        );
    }
    for (at, edition) in library.editions.iter().enumerate() {
        found.extend(
            in_edition(edition)
                .into_iter()
                .map(|e| (e, Of::Edition(at), edition.concept)),
        );
    }
    for (at, initiative) in library.initiatives.iter().enumerate() {
        found.extend(
            in_initiative(initiative, &library.initiatives_file)
                .map(|e| (e, Of::Initiative(at), initiative.concept)),
        );
    }
    found
        .into_iter()
        .map(|(e, of, declared_concept)| Unfinished {
            error: e.relative_to(root),
            of,
            declared_concept,
        })
        .collect()
}

fn unfinished(file: &Path, line: usize, message: &str, hint: &str) -> ContentError {
    ContentError::new(file, line, message)
        .rule(crate::error::Rule::Placeholder)
        .hint(hint.to_owned())
}

/// The line of the first line of a report's Markdown `body` (at `body_line`) that still holds
/// the body `new` wrote: found once when the file is read ([`Markdown::new`]), and kept with it.
pub(super) fn body_line(body: &str, body_line: usize) -> Option<usize> {
    line_of(body, body_line, REPORT_BODY)
}

/// The line of the first line of `body` (at `body_line`) that contains `needle`.
fn line_of(body: &str, body_line: usize, needle: &str) -> Option<usize> {
    body.find(needle)
        .map(|at| body_line + body[..at].matches('\n').count())
}

fn in_report(r: &Report, markdown: Option<&Markdown>) -> Vec<ContentError> {
    let mut found = Vec::new();
    if r.description.starts_with(REPORT_DESCRIPTION) {
        found.push(unfinished(
            &r.file,
            r.lines.of("description"),
            "de beschrijving is nog de voorbeeldzin van vindplaats new",
            "schrijf in één of twee korte zinnen waar de thematafel over ging, met woorden uit het verslag",
        ));
    }
    if r.location == REPORT_LOCATION && r.participants == REPORT_PARTICIPANTS {
        found.push(unfinished(
            &r.file,
            r.lines.of("participants"),
            "participants = 1 en location = \"Almere\" zijn nog de voorbeeldwaarden van vindplaats new",
            "zet bij participants het aantal deelnemers en bij location de plek, zoals het verslag ze noemt",
        ));
    }
    if let Some(line) = markdown.and_then(Markdown::filler) {
        found.push(unfinished(
            &r.file,
            line,
            "de tekst is nog de voorbeeldtekst van vindplaats new",
            "vervang deze regels door de tekst van het verslag, zin voor zin zoals in het origineel",
        ));
    }
    found
}

fn in_edition(e: &Edition) -> Vec<ContentError> {
    let mut found = Vec::new();
    let values = [
        ("organisers", e.organisers.join(" ")),
        ("bureaus", e.bureaus.join(" ")),
        ("description", e.description.clone()),
    ];
    for (key, value) in values {
        if value.contains(EDITION) {
            found.push(unfinished(
                &e.file,
                e.lines.of(key),
                &format!("'{key}' is nog de voorbeeldtekst van vindplaats new"),
                "vul hier in wat vaststaat: wat in de verslagen staat of wat de organisatoren besloten",
            ));
        }
    }
    if let Some(line) = line_of(&e.body, e.body_line, EDITION) {
        found.push(unfinished(
            &e.file,
            line,
            "de inleiding is nog de voorbeeldtekst van vindplaats new",
            "schrijf in een paar korte zinnen wanneer de thematafels waren, waarover en wie er meepraatten",
        ));
    }
    found
}

fn in_initiative(i: &Initiative, file: &Path) -> Option<ContentError> {
    (i.description == INITIATIVE_DESCRIPTION).then(|| {
        unfinished(
            file,
            i.lines.of("description"),
            &format!(
                "de beschrijving van '{}' is nog de voorbeeldzin van vindplaats new",
                i.name
            ),
            "schrijf één korte zin met alleen wat de verslagen over dit initiatief zeggen",
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_line_in_the_body() {
        assert_eq!(
            line_of("a\nb\nZet hier de tekst van het verslag", 5, REPORT_BODY),
            Some(7)
        );
        assert_eq!(line_of("Echte tekst.", 5, REPORT_BODY), None);
    }
}
