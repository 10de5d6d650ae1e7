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

/// The editors' links on initiative pages that are due for a look: checked more than
/// [`LINK_CHECK_DAYS`](crate::content::initiative::LINK_CHECK_DAYS) days before `today`, or on
/// a day after it (a typo). Only `check` says so, with today's date: a build never reads the
/// clock, so the same content always makes the same site.
fn editorial_links(site: &crate::parsed::Site, today: time::Date) -> Vec<Finding> {
    let file = std::path::Path::new("content").join(crate::content::initiative::INITIATIVES_FILE);
    let mut findings = Vec::new();
    for i in site.initiatives.iter().map(|p| &p.initiative) {
        for link in &i.links {
            let Some(day) = link.checked_on() else {
                continue;
            };
            let (message, hint) = if day > today {
                (
                    format!(
                        "de link ‘{}’ van '{}' is gecontroleerd op {}: die dag is nog niet geweest",
                        link.text,
                        i.name,
                        crate::text::dutch_short_date(day)
                    ),
                    "schrijf bij checked de dag waarop u de link echt hebt gecontroleerd",
                )
            } else if (today - day).whole_days() > crate::content::initiative::LINK_CHECK_DAYS {
                (
                    format!(
                        "de link ‘{}’ van '{}' is voor het laatst gecontroleerd op {}, meer dan een jaar geleden",
                        link.text,
                        i.name,
                        crate::text::dutch_short_date(day)
                    ),
                    "open de link: gaat hij nog naar de goede pagina? Zet dan de datum van vandaag bij checked; werkt hij niet meer, zoek het nieuwe adres of haal de link weg",
                )
            } else {
                continue;
            };
            findings.push(Finding::warning(
                ContentError::new(&file, i.links_line, message)
                    .rule("redactielink")
                    .hint(hint),
            ));
        }
    }
    findings
}

/// Runs every check. A site that does not build is reported with its build errors only.
/// `today` is the day the editors' links are measured against (see [`editorial_links`]).
pub fn run(opts: &BuildOptions, today: time::Date) -> Result<Report, BuildError> {
    let built = match site::render_all(opts, site::Mode::Check, None) {
        Ok(b) => b,
        Err(BuildError::Content(errors)) => {
            return Ok(Report {
                findings: errors.0.into_iter().map(Finding::error).collect(),
                ..Report::default()
            });
        }
        Err(other) => return Err(other),
    };
    let site = &built.site;
    let root = &opts.root;
    let mut findings = Vec::new();

    findings.extend(
        links::check(site, &built.files)
            .into_iter()
            .map(|e| Finding::error(e.relative_to(root))),
    );
    findings.extend(built.warnings.into_iter().map(Finding::warning));
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
    findings.extend(editorial_links(site, today));
    findings.extend(
        search
            .synonym_warnings
            .into_iter()
            .map(|e| Finding::warning(e.relative_to(root))),
    );
    let (readability, hardest) = readability::report(site, root);
    findings.sort_by(|a, b| {
        (&a.error.file, a.error.line, a.error.column).cmp(&(
            &b.error.file,
            b.error.line,
            b.error.column,
        ))
    });
    Ok(Report {
        findings,
        readability,
        hardest,
    })
}
