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
use std::sync::Arc;

pub use edition::Edition;
pub use initiative::{EditorialLink, Initiative, Kind, MentionedAs, Names, Organisation};
pub use report::{Correction, LinkText, Markdown, Part, Person, Report};
pub use synonyms::{SynonymGroup, Synonyms};
pub use topic::Topic;

use crate::error::{ContentError, ContentErrors, did_you_mean};

/// Each report file's parse, kept by `serve` from one build to the next.
pub type ReportMemo = crate::memo::Memo<ReadReport>;

/// One report file read: its facts and its Markdown (`None` when the front matter could not
/// be read at all), and its problems. Cheap to clone: what it holds is shared.
pub type ReadReport = (Option<(Arc<Report>, Markdown)>, ContentErrors);

/// All content of the site, sorted: topics by `order`, reports by date then slug,
/// initiatives and organisations as their data files list them.
#[derive(Debug, Clone)]
pub struct Library {
    pub topics: Vec<Topic>,
    /// The reports' facts, shared (`serve` keeps them between builds without copying them).
    pub reports: Vec<Arc<Report>>,
    /// Each report's Markdown, in the order of `reports` (the one of the same place): handed
    /// to parse as a value of its own. Not a map by file: at 10,000 reports, copying and
    /// hashing every path to put it in a map took 6–8 ms of each of `serve`'s rebuilds.
    pub markdown: Vec<Markdown>,
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
    /// The names of report files that could not be read at all (after an error): the checks
    /// that look for words in every report skip what such a report would have held.
    pub unread_reports: Vec<String>,
}

impl Library {
    /// Reads `content/edities/*.md`, `content/themas/*.md` and `content/rapporten/*.md`,
    /// reporting every problem found. Concepts are read and checked like everything else:
    /// what a plain build leaves out is decided after parsing ([`crate::parse::concepts`]).
    pub fn load(content_dir: &Path) -> Result<Library, ContentErrors> {
        let (library, errors) = Library::load_all(content_dir, &mut ReportMemo::off());
        errors.into_result(library)
    }

    // Longer than most: the content's files in the order they depend on each other, each costing
    // only itself when it cannot be read.
    /// Everything that can be read, with every problem: a file with wrong values is kept
    /// with their examples standing in (see [`KeyLines::replaced`](crate::toml_doc::KeyLines)),
    /// so that its other values still take part in the checks across files, and a check across
    /// files never blames one file for what another, unreadable one would have declared (a
    /// report's topic whose file cannot be read, an organisation's initiative in a broken
    /// `initiatieven.toml`). The errors stop a build; the library lets the later stages find
    /// theirs in the same run. A report file whose path and text are as in the last build
    /// (`serve`) is not parsed again but taken from `memo`.
    pub fn load_all(content_dir: &Path, memo: &mut ReportMemo) -> (Library, ContentErrors) {
        let mut errors = ContentErrors::default();
        let lap = std::time::Instant::now();
        // The names of files that could not be read at all: what they would have declared
        // (a file is named after its topic, year or report) is not reported missing elsewhere.
        let mut unread = Unread::default();
        // Each folder's files as the last walk found them, unless the watcher named a file
        // that can have come or gone (see `Memo::walk`).
        let mut walk = |dir: &Path| {
            memo.walk(dir, || {
                let mut found = ContentErrors::default();
                let files = markdown_files(dir, &mut found);
                let complete = found.is_empty();
                errors.extend(found);
                (files, complete)
            })
        };
        let edition_files = walk(&content_dir.join("edities"));
        let topic_files = walk(&content_dir.join("themas"));
        let report_files = walk(&content_dir.join("rapporten"));
        let mut editions = read_each(
            &edition_files,
            Edition::parse_all,
            &mut errors,
            &mut unread.editions,
        );
        let mut topics = read_each(
            &topic_files,
            Topic::parse_all,
            &mut errors,
            &mut unread.topics,
        );
        let mut reports = Vec::with_capacity(report_files.len());
        let lap = crate::steps::lap("library: editions, topics, walk", lap);
        // Reports are independent: read and parse them in parallel, keep the order.
        let parsed = crate::memo::map_files(
            memo,
            std::sync::Arc::clone(&report_files),
            read,
            |file, text| Some(crate::memo::fingerprint((file, text.as_ref().ok()?))),
            |file, text| -> ReadReport {
                match text {
                    Ok(text) => {
                        let (read, errors) = Report::read(file, text);
                        (read.map(|(r, m)| (Arc::new(r), m)), errors)
                    }
                    Err(e) => (None, e.clone()),
                }
            },
        );
        let lap = crate::steps::lap("library: report files", lap);
        // A report with a wrong value is kept for the checks across files (its organisations,
        // its topic), so that one run shows all of its problems; the errors stop the build.
        for ((read, problems), file) in parsed.into_iter().zip(report_files.iter()) {
            match read {
                Some(read) => reports.push(read),
                None => unread.reports.push(stem(file)),
            }
            errors.extend(problems);
        }
        reports.sort_by(|(a, _), (b, _)| (a.date, &a.slug).cmp(&(b.date, &b.slug)));
        let (reports, markdown): (Vec<_>, Vec<_>) = reports.into_iter().unzip();
        let lap = crate::steps::lap("library: reports collected", lap);
        if topics.is_empty() && unread.topics.is_empty() {
            errors.push(
                ContentError::new(content_dir.join("themas"), 0, "er zijn geen thema's")
                    .hint("maak voor elk thema een bestand content/themas/<naam>.md"),
            );
        }
        let (initiatives_file, initiatives, problems) =
            initiative::load_initiatives_all(content_dir);
        errors.extend(problems);
        let synonyms = synonyms::load(content_dir).unwrap_or_else(|e| {
            errors.extend(e);
            Synonyms::default()
        });
        let (organisations_file, organisations, problems) =
            initiative::load_organisations_all(content_dir);
        errors.extend(problems);
        let lap = crate::steps::lap("library: initiatives, synonyms, organisations", lap);
        let organisations = match organisations {
            Some(list) if list.is_empty() => Organisation::as_written(&reports),
            Some(list) => {
                errors.extend(Organisation::check_declared(
                    &list,
                    &organisations_file,
                    &reports,
                    initiatives.as_deref(),
                    &unread.reports,
                ));
                list
            }
            None => Vec::new(),
        };
        let lap = crate::steps::lap("library: organisations declared", lap);
        let initiatives = initiatives.unwrap_or_default();
        topics.sort_by(|a, b| (a.order, &a.slug).cmp(&(b.order, &b.slug)));
        editions.sort_by_key(|e| e.year);
        errors.extend(edition_errors(content_dir, &editions, &reports, &unread));
        let library = Library {
            topics,
            reports,
            markdown,
            initiatives,
            initiatives_file,
            organisations,
            organisations_file,
            editions,
            synonyms,
            unread_reports: unread.reports.clone(),
        };
        let root = content_dir.parent().unwrap_or(content_dir);
        errors.extend(library.check_links(root, &unread));
        crate::steps::lap("library: sorted, links", lap);
        (library, errors)
    }

    /// Cross-file checks: unique slugs and existing topics.
    fn check_links(&self, root: &Path, unread: &Unread) -> ContentErrors {
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
        for r in self.reports.iter().filter(|r| !r.lines.replaced("topic")) {
            if !known.contains(&r.topic.as_str()) && !unread.topics.contains(&r.topic) {
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

/// The names of content files that could not be read at all (no front matter, not UTF-8):
/// what each would have declared, by its name, is not reported missing elsewhere.
#[derive(Debug, Default)]
struct Unread {
    editions: Vec<String>,
    topics: Vec<String>,
    reports: Vec<String>,
}

/// Reads and parses each file with `parse`, keeping what it could read; the names of the
/// files it could not read at all go to `unread`.
fn read_each<T>(
    files: &[PathBuf],
    parse: fn(&Path, &str) -> (Option<T>, ContentErrors),
    errors: &mut ContentErrors,
    unread: &mut Vec<String>,
) -> Vec<T> {
    let mut values = Vec::new();
    for file in files {
        let (value, problems) = match read(file) {
            Ok(text) => parse(file, &text),
            Err(problems) => (None, problems),
        };
        match value {
            Some(value) => values.push(value),
            None => unread.push(stem(file)),
        }
        errors.extend(problems);
    }
    values
}

/// A content file's name without `.md`: its slug, or an edition's year.
fn stem(file: &Path) -> String {
    file.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Every report belongs to exactly one edition, and a year has one edition file.
fn edition_errors(
    content_dir: &Path,
    editions: &[Edition],
    reports: &[Arc<Report>],
    unread: &Unread,
) -> ContentErrors {
    let mut errors = ContentErrors::default();
    let dir = content_dir.join("edities");
    if editions.is_empty() && unread.editions.is_empty() && !reports.is_empty() {
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
    // An edition file is named after its year: one whose `year` says otherwise has that
    // error, and the reports of the year in its name are not blamed for it. The years found
    // once, not written out and compared with every file's name for each report.
    let year_named = |name: String| name.parse::<u16>().ok().filter(|y| y.to_string() == name);
    let declared: Vec<u16> = editions
        .iter()
        .map(|e| e.year)
        .chain(editions.iter().filter_map(|e| year_named(stem(&e.file))))
        .chain(unread.editions.iter().cloned().filter_map(year_named))
        .collect();
    for r in reports {
        let replaced = r.lines.replaced("date") || r.lines.replaced("edition");
        if !replaced && !declared.contains(&r.edition) {
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
    let mut seen: rustc_hash::FxHashMap<&str, &PathBuf> = Default::default();
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
            Err(e) => errors.push(ContentError::unreadable_folder(dir, &e)),
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
    let bytes = std::fs::read(file).map_err(|e| ContentError::unreadable(file, &e))?;
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
