//! `check`: everything the build validates, without writing, plus the checks that protect the
//! published site — links and anchors, privacy, images, readability and the search budget.
//!
//! Each check is a plain function from the built site (or the content) to findings.

mod links;
pub mod readability;

use serde::Serialize;

use crate::diagnostics::Severity;
use std::path::Path;

use crate::error::{BuildError, ContentError, Rule};
use crate::parsed::Site;
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
    pub rule: Rule,
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
fn concepts(site: &Site, root: &Path) -> Vec<Finding> {
    let mut findings = concept_rounds(site, root);
    findings.extend(concept_reports(site, root));
    findings.extend(concept_initiatives(site));
    findings.extend(concept_organisations(site));
    findings.extend(concept_topics(site, root));
    findings
}

/// A warning of the rule `concept`.
fn concept(error: ContentError) -> Finding {
    Finding::warning(error.rule(Rule::Concept))
}

/// Rounds that are concepts, with how many reports they hold back; rounds without reports.
fn concept_rounds(site: &Site, root: &Path) -> Vec<Finding> {
    let mut findings = Vec::new();
    let rel = |p: &Path| p.strip_prefix(root).unwrap_or(p).to_path_buf();
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
                .rule(Rule::Edition)
                .hint(format!("voeg verslagen toe met: vindplaats new rapport \"Titel\" --thema <thema> --datum {}-05-01", edition.year)),
            ));
        }
    }
    findings
}

/// Reports that are concepts of their own (those of a concept round are named with it).
fn concept_reports(site: &Site, root: &Path) -> Vec<Finding> {
    let mut findings = Vec::new();
    let rel = |p: &Path| p.strip_prefix(root).unwrap_or(p).to_path_buf();
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
    findings
}

/// Initiatives left out: their own `concept = true`, or named or quoted only in concepts.
fn concept_initiatives(site: &Site) -> Vec<Finding> {
    use crate::parse::concepts::Why;
    let mut findings = Vec::new();
    let decided = &site.concepts;
    let initiatives_file =
        std::path::Path::new("content").join(crate::content::initiative::INITIATIVES_FILE);
    for (id, parsed) in site.initiatives() {
        let i = &parsed.initiative;
        let (line, message, hint) = match decided.initiatives.get(id.0).copied().flatten() {
            None => continue,
            Some(Why::Own) => (
                i.lines.of("concept"),
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
                i.lines.of("quote"),
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
    findings
}

/// Organisations left out, as [`concept_initiatives`].
fn concept_organisations(site: &Site) -> Vec<Finding> {
    use crate::parse::concepts::Why;
    let mut findings = Vec::new();
    let decided = &site.concepts;
    let organisations_file =
        std::path::Path::new("content").join(crate::content::initiative::ORGANISATIONS_FILE);
    for (at, o) in site.organisations.iter().enumerate() {
        let (line, message, hint) = match decided.organisations.get(at).copied().flatten() {
            None => continue,
            Some(Why::Own) => (
                o.lines.of("concept"),
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
                o.lines.of("as_written"),
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
    findings
}

/// Themes whose reports are all concepts: the theme's page is left out.
fn concept_topics(site: &Site, root: &Path) -> Vec<Finding> {
    let mut findings = Vec::new();
    let rel = |p: &Path| p.strip_prefix(root).unwrap_or(p).to_path_buf();
    let decided = &site.concepts;
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
                ContentError::new(&file, i.lines.of("links"), message)
                    .rule(Rule::EditorialLink)
                    .hint(hint),
            ));
        }
    }
    findings
}

/// The day `check` measures the editors' links against: today (UTC), or the day in
/// `VINDPLAATS_VANDAAG` (`2027-01-31`), so a test or a second look gives the same findings.
pub fn today() -> Result<time::Date, String> {
    match std::env::var("VINDPLAATS_VANDAAG") {
        Ok(day) => time::Date::parse(&day, time::macros::format_description!("[year]-[month]-[day]"))
            .map_err(|_| format!("fout: VINDPLAATS_VANDAAG = '{day}' is geen datum; schrijf jaar-maand-dag, bijvoorbeeld 2027-01-31")),
        Err(_) => Ok(time::OffsetDateTime::now_utc().date()),
    }
}

/// Runs every check. Content errors do not stop it: the site is rendered as far as it can be
/// (see [`site::render_checked`]), so that the broken links are found in the same run. Only a
/// site that cannot be rendered at all is reported with the errors of loading alone. `today`
/// is the day the editors' links are measured against (see [`editorial_links`]).
pub fn run(opts: &BuildOptions, today: time::Date) -> Result<Report, BuildError> {
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
            .rule(Rule::SearchBudget)
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
