//! `check`: everything the build validates, without writing, plus the checks that protect the
//! published site — links and anchors, privacy, images, readability and the search budget.
//!
//! Each check is a plain function from the built site (or the content) to findings.

mod links;
pub mod readability;

use serde::Serialize;

use crate::diagnostics::Severity;
use crate::error::{BuildError, ContentError};
use crate::site::{self, BuildOptions};

/// One thing `check` found.
#[derive(Debug, Clone)]
pub struct Finding {
    pub error: ContentError,
    pub severity: Severity,
}

/// What `check --format json` prints for each finding.
#[derive(Debug, Serialize)]
pub struct FindingJson<'a> {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub rule: &'a str,
    pub severity: &'a str,
    pub message: &'a str,
    pub hint: Option<&'a str>,
    /// The parser's own message, which the human format shows only with `--uitleg`.
    pub technical: Option<&'a str>,
}

impl Finding {
    fn error(error: ContentError) -> Finding {
        Finding {
            error,
            severity: Severity::Error,
        }
    }

    fn warning(error: ContentError) -> Finding {
        Finding {
            error,
            severity: Severity::Warning,
        }
    }

    pub fn json(&self) -> FindingJson<'_> {
        FindingJson {
            file: self.error.file.display().to_string(),
            line: self.error.line,
            column: self.error.column,
            rule: self.error.rule,
            severity: match self.severity {
                Severity::Error => "fout",
                Severity::Warning => "waarschuwing",
            },
            message: &self.error.message,
            hint: self.error.hint.as_deref(),
            technical: self.error.technical.as_deref(),
        }
    }
}

/// Everything `check` learned about the site.
#[derive(Debug, Default)]
pub struct Report {
    pub findings: Vec<Finding>,
    /// Readability per page, when the site could be built.
    pub readability: Vec<readability::PageScore>,
    /// The hardest paragraphs of the whole site.
    pub hardest: Vec<readability::ParagraphScore>,
}

impl Report {
    pub fn errors(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count()
    }

    pub fn warnings(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Warning)
            .count()
    }
}

/// What a plain `build` leaves out ([`concepts`](crate::parse::concepts); checked like everything else), each at
/// the line that decides it and saying what to do to publish it; and the rounds that have no
/// reports yet (a round may be announced before its tables).
fn concepts(site: &crate::parsed::Site, root: &std::path::Path) -> Vec<Finding> {
    use crate::parse::concepts::Why;
    let mut findings = Vec::new();
    let rel = |p: &std::path::Path| p.strip_prefix(root).unwrap_or(p).to_path_buf();
    let concept = |error: ContentError| Finding::warning(error.rule("concept"));
    let decided = &site.concepts;
    for (id, e) in site.editions.iter().enumerate() {
        let edition = &e.edition;
        let reports = site.reports.iter().filter(|r| r.edition.0 == id).count();
        if decided.editions.get(id).copied().unwrap_or(false) {
            let what = match reports {
                0 => "de ronde".to_owned(),
                1 => "de ronde en haar verslag".to_owned(),
                n => format!("de ronde en haar {n} verslagen"),
            };
            findings.push(concept(
                ContentError::new(rel(&edition.file), edition.lines.of("concept"), format!(
                    "de ronde {} is een concept: een gewone build laat {what} weg",
                    edition.year
                ))
                .hint("klaar om te publiceren? Verander deze regel in concept = false. Tot dan ziet u de ronde met vindplaats serve of vindplaats build --concepten"),
            ));
        }
        if reports == 0 {
            findings.push(Finding::warning(
                ContentError::new(rel(&edition.file), edition.lines.of("year"), format!(
                    "de ronde {} heeft nog geen verslagen",
                    edition.year
                ))
                .rule("editie")
                .hint(format!("voeg verslagen toe met: vindplaats new rapport \"Titel\" --thema <thema> --datum {}-05-01", edition.year)),
            ));
        }
    }
    // A report of a concept round is named in the round's warning; its own `concept = true`
    // decides too (it stays a concept when the round is published).
    for r in site.reports.iter().filter(|r| r.report.concept) {
        let edition = site.edition_of(r);
        let hint = if edition.concept {
            format!(
                "klaar om te publiceren? Verander deze regel in concept = false, en ook die in content/edities/{}.md",
                edition.year
            )
        } else {
            "klaar om te publiceren? Verander deze regel in concept = false".to_owned()
        };
        findings.push(concept(
            ContentError::new(
                rel(&r.report.file),
                r.report.lines.of("concept"),
                "dit verslag is een concept: een gewone build laat het weg",
            )
            .hint(hint),
        ));
    }
    let initiatives_file =
        std::path::Path::new("content").join(crate::content::initiative::INITIATIVES_FILE);
    for (id, parsed) in site.initiatives() {
        let i = &parsed.initiative;
        let (line, message, hint) = match decided.initiatives.get(id.0).copied().flatten() {
            None => continue,
            Some(Why::Own) => (
                i.concept_line,
                format!(
                    "initiatief '{}' is een concept: een gewone build laat het weg",
                    i.name
                ),
                "klaar om te publiceren? Verander deze regel in concept = false",
            ),
            Some(Why::OnlyInConcepts) => (
                i.line,
                format!(
                    "initiatief '{}' staat alleen in verslagen die nog een concept zijn: een gewone build laat het weg",
                    i.name
                ),
                "u hoeft niets te doen: het initiatief komt op de site zodra een verslag dat het noemt gepubliceerd is",
            ),
            Some(Why::SourceInConcept) => (
                i.quote_line,
                format!(
                    "de bron (quote) van '{}' staat alleen in een verslag dat nog een concept is: een gewone build laat het initiatief weg",
                    i.name
                ),
                "u hoeft niets te doen: het initiatief komt op de site zodra dat verslag gepubliceerd is",
            ),
        };
        findings.push(concept(
            ContentError::new(&initiatives_file, line, message).hint(hint),
        ));
    }
    let organisations_file =
        std::path::Path::new("content").join(crate::content::initiative::ORGANISATIONS_FILE);
    for (at, o) in site.organisations.iter().enumerate() {
        let (line, message, hint) = match decided.organisations.get(at).copied().flatten() {
            None => continue,
            Some(Why::Own) => (
                o.concept_line,
                format!(
                    "organisatie '{}' is een concept: een gewone build laat haar weg",
                    o.name
                ),
                "klaar om te publiceren? Verander deze regel in concept = false",
            ),
            Some(Why::OnlyInConcepts) => (
                o.line,
                format!(
                    "organisatie '{}' staat alleen bij verslagen die nog een concept zijn: een gewone build laat haar weg",
                    o.name
                ),
                "u hoeft niets te doen: de organisatie komt op de site zodra een verslag met haar naam gepubliceerd is",
            ),
            Some(Why::SourceInConcept) => (
                o.as_written_line,
                format!(
                    "de woorden bij as_written van '{}' staan alleen in een verslag dat nog een concept is: een gewone build laat de organisatie weg",
                    o.name
                ),
                "u hoeft niets te doen: de organisatie komt op de site zodra dat verslag gepubliceerd is",
            ),
        };
        findings.push(concept(
            ContentError::new(&organisations_file, line, message).hint(hint),
        ));
    }
    for (id, t) in site.topics() {
        if decided.topics.get(id.0).copied().unwrap_or(false) {
            findings.push(concept(
                ContentError::new(rel(&t.topic.file), 0, format!(
                    "het thema '{}' heeft alleen verslagen die nog een concept zijn: een gewone build laat de pagina van het thema weg",
                    t.topic.title
                ))
                .hint("u hoeft niets te doen: de pagina komt op de site zodra een verslag van dit thema gepubliceerd is"),
            ));
        }
    }
    findings
}

/// Runs every check. Content errors do not stop it: the site is rendered as far as it can be
/// (see [`site::render_checked`]), so that the broken links are found in the same run. Only a
/// site that cannot be rendered at all is reported with the errors of loading alone.
pub fn run(opts: &BuildOptions) -> Result<Report, BuildError> {
    let memos = &mut site::Memos::off();
    let (built, errors) = match site::render_checked(opts, site::Mode::Check, memos) {
        Ok(b) => b,
        Err(BuildError::Content(errors, warnings)) => {
            let findings = errors
                .0
                .into_iter()
                .map(Finding::error)
                .chain(warnings.into_iter().map(Finding::warning))
                .collect();
            return Ok(Report {
                findings: in_order(findings),
                ..Report::default()
            });
        }
        Err(other) => return Err(other),
    };
    let site = &built.site;
    let root = &opts.root;
    let clean = errors.is_empty();
    let mut findings: Vec<Finding> = errors.0.into_iter().map(Finding::error).collect();

    findings.extend(
        links::check(site, &built.checks, &built.files, &built.concept_pages)
            .into_iter()
            .map(|e| Finding::error(e.relative_to(root))),
    );
    findings.extend(built.warnings.into_iter().map(Finding::warning));
    // A site with content errors is read for its links only: its stand-ins (a report under
    // the first topic, a file that could not be read) would make the warnings below untrue.
    if !clean {
        return Ok(Report {
            findings: in_order(findings),
            ..Report::default()
        });
    }
    let budget = site.config.search_budget_kb as usize * 1024;
    let search = built.search.unwrap_or_default();
    if search.first_gzip_bytes > budget {
        findings.push(Finding::warning(
            ContentError::new(crate::config::FILE_NAME, 0, format!(
                "de eerste zoekvraag laadt {} KB gecomprimeerd (zoekscripts en index); het budget is {} KB",
                crate::text::kilobytes(search.first_gzip_bytes),
                site.config.search_budget_kb
            ))
            .rule("zoekindex")
            .hint("een grote index maakt de eerste zoekvraag op een telefoon traag; verhoog search_budget_kb alleen als dat bewust is"),
        ));
    }
    findings.extend(concepts(site, root));
    findings.extend(
        search
            .synonym_warnings
            .into_iter()
            .map(|e| Finding::warning(e.relative_to(root))),
    );
    let (readability, hardest) = readability::report(site, &built.text, &built.checks, root);
    Ok(Report {
        findings: in_order(findings),
        readability,
        hardest,
    })
}

/// The errors first, then the warnings; each by file, then line and column, so that one
/// file's problems stand together (in the terminal and in `--format json` alike).
fn in_order(mut findings: Vec<Finding>) -> Vec<Finding> {
    findings.sort_by(|a, b| {
        let key = |f: &Finding| {
            (
                f.severity != Severity::Error,
                f.error.file.clone(),
                f.error.line,
                f.error.column,
            )
        };
        key(a).cmp(&key(b))
    });
    findings
}
