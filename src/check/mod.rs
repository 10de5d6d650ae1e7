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

/// The concepts (checked like everything else, but left out of a plain `build`), and the
/// rounds that have no reports yet (a round may be announced before its tables).
fn concepts(site: &crate::parsed::Site, root: &std::path::Path) -> Vec<Finding> {
    let mut findings = Vec::new();
    let rel = |p: &std::path::Path| p.strip_prefix(root).unwrap_or(p).to_path_buf();
    for e in &site.editions {
        let file = rel(&e.edition.file);
        if e.edition.concept {
            findings.push(Finding::warning(
                ContentError::new(&file, e.edition.lines.of("concept"), format!(
                    "concept: de ronde {} staat niet op de site zolang concept = true",
                    e.edition.year
                ))
                .rule("concept")
                .hint("zet concept = false als de ronde gepubliceerd mag worden; serve en build --concepten laten haar al zien"),
            ));
        }
    }
    for (id, e) in site.editions.iter().enumerate() {
        if !site.reports.iter().any(|r| r.edition.0 == id) {
            findings.push(Finding::warning(
                ContentError::new(rel(&e.edition.file), e.edition.lines.of("year"), format!(
                    "de ronde {} heeft nog geen verslagen",
                    e.edition.year
                ))
                .rule("editie")
                .hint(format!("voeg verslagen toe met: vindplaats new rapport \"Titel\" --thema <thema> --datum {}-05-01", e.edition.year)),
            ));
        }
    }
    for r in site.reports.iter().filter(|r| r.report.concept) {
        findings.push(Finding::warning(
            ContentError::new(rel(&r.report.file), r.report.lines.of("concept"), "concept: dit verslag staat niet op de site zolang het een concept is")
                .rule("concept")
                .hint("zet concept = false (en bij een nieuwe ronde ook in content/edities/<jaar>.md) als het gepubliceerd mag worden"),
        ));
    }
    findings
}

/// Runs every check. Content errors do not stop it: the site is rendered as far as it can be
/// (see [`site::render_checked`]), so that the broken links are found in the same run. Only a
/// site that cannot be rendered at all is reported with the errors of loading alone.
pub fn run(opts: &BuildOptions) -> Result<Report, BuildError> {
    let (built, errors) = match site::render_checked(opts, site::Mode::Check, None) {
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
        links::check(site, &built.files)
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
    let (readability, hardest) = readability::report(site, root);
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
