//! The content model: reports and topics (thema's), read from `content/` and checked.
//!
//! Everything here is parsed and validated once; later stages take these values as they are.

pub mod edition;
pub mod front_matter;
pub mod initiative;
pub mod placeholders;
pub mod report;
pub mod stale;
pub mod store;
pub mod synonyms;
pub mod topic;

use std::path::{Path, PathBuf};

pub use edition::Edition;
pub use initiative::{Initiative, Kind, MentionedAs, Organisation};
pub use report::{Correction, LinkText, Person, Report};
pub use synonyms::{SynonymGroup, Synonyms};
pub use topic::Topic;

use crate::error::{ContentError, ContentErrors, did_you_mean};

/// Each report file's parse, kept by `serve` from one build to the next.
pub type ReportMemo = crate::memo::Memo<(Option<Report>, ContentErrors)>;

/// All content of the site, sorted: topics by `order`, reports by date then slug,
/// initiatives and organisations as their data files list them.
#[derive(Debug, Clone)]
pub struct Library {
    pub topics: Vec<Topic>,
    pub reports: Vec<Report>,
    pub initiatives: Vec<Initiative>,
    /// `content/initiatieven.toml`, for errors about aliases found later.
    pub initiatives_file: PathBuf,
    pub organisations: Vec<Organisation>,
    /// `content/organisaties.toml`, for errors found later.
    pub organisations_file: PathBuf,
    /// The yearly rounds, oldest first.
    pub editions: Vec<Edition>,
    /// `content/synoniemen.toml`, for search.
    pub synonyms: Synonyms,
}

impl Library {
    /// Reads `content/edities/*.md`, `content/themas/*.md` and `content/rapporten/*.md`,
    /// reporting every problem found. Concepts are read and checked like everything else:
    /// what a plain build leaves out is decided after parsing ([`crate::concepts`]).
    pub fn load(content_dir: &Path) -> Result<Library, ContentErrors> {
        Library::load_with(content_dir, None)
    }

    /// [`Library::load`], for `serve`: a report file whose path and text are as in the last
    /// build is not parsed again but taken from `memo`.
    pub fn load_with(
        content_dir: &Path,
        memo: Option<&mut ReportMemo>,
    ) -> Result<Library, ContentErrors> {
        let mut errors = ContentErrors::default();
        let mut editions = Vec::new();
        for file in markdown_files(&content_dir.join("edities"), &mut errors) {
            match read(&file).and_then(|text| Edition::parse(&file, &text)) {
                Ok(e) => editions.push(e),
                Err(e) => errors.extend(e),
            }
        }
        let all_editions_read = errors.is_empty();
        let mut topics = Vec::new();
        for file in markdown_files(&content_dir.join("themas"), &mut errors) {
            match read(&file).and_then(|text| Topic::parse(&file, &text)) {
                Ok(t) => topics.push(t),
                Err(e) => errors.extend(e),
            }
        }
        // A report's topic can only be checked when every topic file could be read.
        let all_topics_read = errors.is_empty();
        let mut reports = Vec::new();
        // Reports are independent: read and parse them in parallel, keep the order.
        let parsed = crate::memo::map_files(
            memo,
            markdown_files(&content_dir.join("rapporten"), &mut errors),
            read,
            |file, text| Some(crate::memo::fingerprint((file, text.as_ref().ok()?))),
            |file, text| match text {
                Ok(text) => Report::parse_all(file, text),
                Err(e) => (None, e.clone()),
            },
        );
        // A report with a wrong value is kept for the checks across files (its organisations,
        // its topic), so that one run shows all of its problems; the errors stop the build.
        for (report, problems) in parsed {
            reports.extend(report);
            errors.extend(problems);
        }
        if topics.is_empty() && errors.is_empty() {
            errors.push(
                ContentError::new(content_dir.join("themas"), 0, "er zijn geen thema's")
                    .hint("maak voor elk thema een bestand content/themas/<naam>.md"),
            );
        }
        let (initiatives_file, initiatives) = initiative::load_initiatives(content_dir)
            .unwrap_or_else(|e| {
                errors.extend(e);
                Default::default()
            });
        let synonyms = synonyms::load(content_dir).unwrap_or_else(|e| {
            errors.extend(e);
            Synonyms::default()
        });
        let organisations = match initiative::load_organisations(content_dir) {
            Ok((_, list)) if list.is_empty() => Organisation::as_written(&reports),
            Ok((file, list)) => {
                errors.extend(Organisation::check_declared(
                    &list,
                    &file,
                    &reports,
                    &initiatives,
                ));
                list
            }
            Err(e) => {
                errors.extend(e);
                Vec::new()
            }
        };
        topics.sort_by(|a, b| (a.order, &a.slug).cmp(&(b.order, &b.slug)));
        reports.sort_by(|a, b| (a.date, &a.slug).cmp(&(b.date, &b.slug)));
        editions.sort_by_key(|e| e.year);
        if all_editions_read {
            errors.extend(edition_errors(content_dir, &editions, &reports));
        }
        let library = Library {
            topics,
            reports,
            initiatives,
            initiatives_file,
            organisations,
            organisations_file: content_dir.join(initiative::ORGANISATIONS_FILE),
            editions,
            synonyms,
        };
        let root = content_dir.parent().unwrap_or(content_dir);
        errors.extend(library.check_links(root, all_topics_read));
        errors.into_result(library)
    }

    /// Cross-file checks: unique slugs and existing topics.
    fn check_links(&self, root: &Path, check_topics: bool) -> ContentErrors {
        let mut errors = ContentErrors::default();
        duplicates(
            self.topics.iter().map(|t| (&t.slug, &t.file, 1)),
            "thema",
            root,
            &mut errors,
        );
        duplicates(
            self.reports.iter().map(|r| (&r.slug, &r.file, 1)),
            "rapport",
            root,
            &mut errors,
        );
        let known: Vec<&str> = self.topics.iter().map(|t| t.slug.as_str()).collect();
        for r in self
            .reports
            .iter()
            .filter(|r| check_topics && !r.lines.replaced("topic"))
        {
            if !known.contains(&r.topic.as_str()) {
                let hint = match did_you_mean(&r.topic, known.iter().copied()) {
                    Some(s) => format!("bedoelde u '{s}'?"),
                    None => format!("bekende thema's: {}", known.join(", ")),
                };
                errors.push(
                    ContentError::new(
                        &r.file,
                        r.lines.of("topic"),
                        format!("onbekend thema '{}'", r.topic),
                    )
                    .hint(hint),
                );
            }
        }
        errors
    }
}

/// Every report belongs to exactly one edition, and a year has one edition file.
fn edition_errors(content_dir: &Path, editions: &[Edition], reports: &[Report]) -> ContentErrors {
    let mut errors = ContentErrors::default();
    let dir = content_dir.join("edities");
    if editions.is_empty() && !reports.is_empty() {
        errors.push(
            ContentError::new(&dir, 0, "er zijn geen edities")
                .hint("maak voor elke ronde een bestand content/edities/<jaar>.md, bijvoorbeeld met: vindplaats new editie 2024"),
        );
        return errors;
    }
    for pair in editions.windows(2) {
        if pair[0].year == pair[1].year {
            errors.push(
                ContentError::new(
                    &pair[1].file,
                    pair[1].lines.of("year"),
                    format!("er is al een editie voor {}", pair[1].year),
                )
                .hint(format!(
                    "elk jaar heeft één bestand: content/edities/{}.md",
                    pair[1].year
                )),
            );
        }
    }
    for r in reports {
        let replaced = r.lines.replaced("date") || r.lines.replaced("edition");
        if !replaced && !editions.iter().any(|e| e.year == r.edition) {
            let key = if r.lines.of("edition") != r.lines.start {
                "edition"
            } else {
                "date"
            };
            errors.push(
                ContentError::new(&r.file, r.lines.of(key), format!(
                    "er is geen editie {} voor dit verslag",
                    r.edition
                ))
                .hint(format!(
                    "maak de ronde aan met: vindplaats new editie {} (of zet edition = <jaar> als het verslag bij een andere ronde hoort)",
                    r.edition
                )),
            );
        }
    }
    errors
}

/// Two files with the same name in different folders (`2023/eenzaamheid.md` and
/// `2024/eenzaamheid.md`) would get the same address.
fn duplicates<'a>(
    items: impl Iterator<Item = (&'a String, &'a PathBuf, usize)>,
    what: &str,
    root: &Path,
    errors: &mut ContentErrors,
) {
    let mut seen: std::collections::BTreeMap<&str, &PathBuf> = Default::default();
    for (slug, file, line) in items {
        if let Some(first) = seen.insert(slug, file) {
            errors.push(
                ContentError::new(
                    file,
                    line,
                    format!("dubbele naam: er is al een {what} '{slug}'"),
                )
                .hint(format!(
                    "elke naam krijgt een eigen webadres; geef dit bestand of {} een andere naam",
                    first.strip_prefix(root).unwrap_or(first).display()
                )),
            );
        }
    }
}

/// The `.md` files in `dir` and its subfolders (a folder per year is fine), sorted by path so
/// every build reads them in one order.
fn markdown_files(dir: &Path, errors: &mut ContentErrors) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir).min_depth(1).sort_by_file_name() {
        match entry {
            Ok(e) if e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md") => {
                files.push(e.into_path())
            }
            Ok(_) => {}
            Err(e) => errors.push(
                ContentError::new(
                    e.path().unwrap_or(dir),
                    0,
                    format!("kan de map niet lezen ({e})"),
                )
                .hint("controleer of de map bestaat en leesbaar is"),
            ),
        }
    }
    files
}

/// The largest content file the build accepts. The longest report is 13 KB; a file of
/// megabytes is a mistake (a pasted export, a binary), and would make a page no phone loads.
pub const MAX_FILE_BYTES: u64 = 2 * 1024 * 1024;

/// Reads a content file as UTF-8 text.
fn read(file: &Path) -> Result<String, ContentErrors> {
    let size = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
    if size > MAX_FILE_BYTES {
        return Err(ContentError::new(file, 0, format!(
            "het bestand is {:.1} MB; de grens is {} MB",
            size as f64 / (1024.0 * 1024.0),
            MAX_FILE_BYTES / (1024 * 1024)
        ))
        .hint("is dit wel een verslag? Splits een heel lange tekst in meer verslagen, of haal geplakte rommel weg")
        .into());
    }
    let bytes = std::fs::read(file)
        .map_err(|e| ContentError::new(file, 0, format!("kan het bestand niet lezen ({e})")))?;
    String::from_utf8(bytes).map_err(|e| {
        let before = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = before.iter().filter(|b| **b == b'\n').count() + 1;
        ContentError::new(
            file,
            line,
            "het bestand bevat tekens die geen geldige UTF-8 zijn",
        )
        .hint("sla het bestand op als UTF-8 (in de meeste editors: 'Opslaan als' → codering UTF-8)")
        .into()
    })
}
