//! The pipeline, in the order the data travels:
//! load → parse (Markdown, mentions, support) → index → render (templates) → write.
//!
//! Every stage takes plain data and returns plain data; only [`load`] reads files and only
//! [`build`] writes them, so `check`, `serve` and the tests run the same pipeline without
//! touching the output folder. What a command needs is its [`Mode`], stated once: the stages
//! never ask which command runs them. Each stage is timed ([`Timings`]) for `build --timings`.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::{self, Config};
use crate::content::{Library, placeholders, stale};
use crate::error::{BuildError, ContentError, ContentErrors};
use crate::initiatives::{self, Matcher};
use crate::markdown::{self, Linker, Rendered};
use crate::memo::{Memo, fingerprint};
use crate::output::{Memory, OutputFile, Sink, Staging};
use crate::parsed::{
    EditionId, MentionIndex, ParsedEdition, ParsedInitiative, ParsedReport, ParsedTopic, Site,
    TopicId,
};
use crate::render;
use crate::search;
use crate::support;
use crate::theme::Theme;
use crate::urls::{self, Origin, Urls};

/// What a build is asked to do; `None` means "as the config says".
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The site root: the folder with `vindplaats.toml`, `content/` and `themes/`.
    pub root: PathBuf,
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    /// Include concepts (reports and editions not yet published): `serve`, `build --concepten`.
    pub concepts: bool,
}

/// What the pipeline is run for. Naming and the order of the stages follow from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// `build`: files named by their content (hosts cache them for ever), the search index
    /// before the pages that link to it, everything streamed to disk.
    Publish,
    /// `check` and the tests: as published, but kept in memory.
    Check,
    /// `serve`: the search index keeps one name, so an edit re-renders only the pages whose
    /// content changed, and it is made after the pages ([`index`]), so an edit shows at once.
    Preview,
}

impl Mode {
    fn naming(self) -> search::Naming {
        match self {
            Mode::Publish | Mode::Check => search::Naming::Fingerprinted,
            Mode::Preview => search::Naming::Fixed,
        }
    }
}

/// Everything read from disk and checked: the input of every later stage.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub config: Config,
    pub theme: Theme,
    pub library: Library,
    /// Findings that do not stop a build (a possible home address): `check` reports them,
    /// `build` prints them.
    pub warnings: Vec<ContentError>,
    /// Text `new` wrote that is still there: errors, reported with those of the next stage so
    /// that one run shows both (warnings where it is in a concept, which parse decides).
    pub unfinished: Vec<placeholders::Unfinished>,
}

/// How long each stage took, in pipeline order.
#[derive(Debug, Clone, Default)]
pub struct Timings(pub Vec<(&'static str, Duration)>);

impl Timings {
    fn time<T>(&mut self, stage: &'static str, work: impl FnOnce() -> T) -> T {
        let started = Instant::now();
        let value = work();
        self.add(stage, started.elapsed());
        value
    }

    pub fn add(&mut self, stage: &'static str, took: Duration) {
        self.0.push((stage, took));
    }
}

/// A site built in memory: every file and the search index's figures.
pub struct Built {
    pub site: Site,
    /// Kept for [`index`], which serve runs after the pages.
    pub theme: Theme,
    pub files: Vec<OutputFile>,
    /// `None` in [`Mode::Preview`], where the index is made afterwards.
    pub search: Option<SearchFigures>,
    /// The warnings of [`load`], and of filler in concepts in [`Mode::Check`].
    pub warnings: Vec<ContentError>,
    pub timings: Timings,
    /// The site paths of the pages only concepts make (none without concepts).
    pub concept_pages: Vec<String>,
}

/// The search index in numbers, for the build summary and `check`.
#[derive(Debug, Clone, Default)]
pub struct SearchFigures {
    pub documents: usize,
    /// 1 for a single-file index.
    pub shards: usize,
    /// All of its files, uncompressed.
    pub bytes: usize,
    /// The search scripts and the index's first file, compressed: what a first search
    /// downloads before the parts of a sharded index it needs.
    pub first_gzip_bytes: usize,
    /// Synonym groups that reach no word of the site, for `check`.
    pub synonym_warnings: Vec<ContentError>,
}

/// What a finished build wrote.
#[derive(Debug, Clone)]
pub struct Summary {
    /// HTML pages written.
    pub pages: usize,
    /// All files written, pages included.
    pub files: usize,
    pub output: PathBuf,
    pub search: SearchFigures,
    pub timings: Timings,
    /// The warnings of [`load`], for the build to print.
    pub warnings: Vec<ContentError>,
    /// The folder of a larger site the site is published in (`/sociale-staat/`), or `None`
    /// at the domain root: then the build says what to hand the web administrator.
    pub folder: Option<String>,
    /// What the build left out because it is a concept.
    pub held_back: crate::concepts::HeldBack,
}

/// Paths in errors are shown relative to the site root.
fn relative_to(root: &Path) -> impl Fn(ContentErrors) -> ContentErrors + '_ {
    move |e: ContentErrors| ContentErrors(e.0.into_iter().map(|e| e.relative_to(root)).collect())
}

/// Stage *load*: reads and checks the config, the theme and all content. Every content
/// problem is reported, not only the first. Text that `new` wrote and nobody replaced is an
/// error, except in a preview ([`Mode::Preview`], `build --concepten`): a warning there.
pub fn load(opts: &BuildOptions, mode: Mode) -> Result<Loaded, BuildError> {
    load_with(opts, mode, None)
}

/// [`load`], taking what is unchanged since the last build from `cache` (serve).
fn load_with(
    opts: &BuildOptions,
    mode: Mode,
    cache: Option<&mut Cache>,
) -> Result<Loaded, BuildError> {
    let (reports, scans) = match cache {
        Some(c) => (Some(&mut c.reports), Some(&mut c.scans)),
        None => (None, None),
    };
    let root = &opts.root;
    let relative = relative_to(root);
    let mut config = Config::from_root(root).map_err(&relative)?;
    if let Some(url) = &opts.base_url {
        Urls::new(url).map_err(|m| BuildError::Other(anyhow::anyhow!("--base-url: {m}")))?;
        config.base_url = url.clone();
    }
    let config_file = root.join(config::FILE_NAME);
    let theme = Theme::load(root, &config.theme, &config_file).map_err(&relative);
    // The privacy guard runs on every build: contact data never reaches the site. It reads
    // the files on its own, so it runs beside the content's loading.
    let (library, privacy) = rayon::join(
        || Library::load_with(&root.join("content"), reports).map_err(&relative),
        || crate::privacy::check_with(root, &config.privacy_allowlist, scans),
    );
    // The synonym groups' words go through the search pipeline, which the content does not
    // know: checked here, so that a bad group stops the build before anything is written.
    let synonym_errors = match &library {
        Ok(l) => search::synonym_groups(&l.synonyms)
            .err()
            .map(&relative)
            .unwrap_or_default(),
        Err(_) => ContentErrors::default(),
    };
    match (theme, library) {
        (Ok(theme), Ok(library)) if privacy.errors.is_empty() && synonym_errors.is_empty() => {
            let mut warnings = privacy.warnings;
            // serve uses an address of its own; an address given with --base-url is a choice.
            if mode != Mode::Preview && opts.base_url.is_none() {
                warnings.extend(config.placeholder_warning(Path::new(config::FILE_NAME)));
            }
            // Texts written once that name only years before a newer round: the same warning
            // in every mode, since only published rounds count.
            warnings.extend(stale::check(
                &library,
                stale::SiteText {
                    file: Path::new(config::FILE_NAME),
                    line: config.description_line,
                    text: &config.description,
                },
                root,
            ));
            let unfinished = placeholders::check(&library, root);
            // A preview (serve, or build --concepten, which is never put online) shows a
            // report while it is being filled in.
            let preview = mode == Mode::Preview || (mode == Mode::Publish && opts.concepts);
            let unfinished = if preview {
                warnings.extend(unfinished.into_iter().map(|u| u.error));
                Vec::new()
            } else {
                unfinished
            };
            Ok(Loaded {
                config,
                theme,
                library,
                warnings,
                unfinished,
            })
        }
        (theme, library) => {
            let mut errors = ContentErrors::default();
            errors.extend(theme.err().unwrap_or_default());
            errors.extend(library.err().unwrap_or_default());
            errors.extend(ContentErrors(privacy.errors));
            errors.extend(synonym_errors);
            Err(errors.sorted().into())
        }
    }
}

/// What `serve` keeps from one build to the next, so that an edit redoes only what it
/// changes: each report file's parse and each content file's privacy scan, by its path and
/// text; the aliases found in each report, by its text and the initiatives; each report's
/// Markdown rendered, by everything that rendering reads; and each page, by its template
/// context (see [`render::PageCache`]); and what the search index is made of (see
/// [`search::IndexCache`]). It also keeps the last good build (see [`Cache::keep`]) for
/// [`preview_reports`].
#[derive(Default)]
pub struct Cache {
    reports: crate::content::ReportMemo,
    scans: crate::privacy::ScanMemo,
    /// Each report's Markdown rendered, with the initiative aliases found in it.
    bodies: Memo<(Result<Rendered, ContentErrors>, Occurrences)>,
    pub pages: render::PageCache,
    /// The search index's documents and parts, for [`index`].
    pub index: search::IndexCache,
    last: Option<Last>,
}

/// The last good build, which [`preview_reports`] renders an edited report's page against.
struct Last {
    site: Site,
    theme: Theme,
    /// The privacy patterns, compiled once: an edited report is scanned before it is shown.
    guard: crate::privacy::Guard,
}

impl Cache {
    /// Keeps `built` (after its search index is made) as the site the next edit's fast path
    /// starts from. The next full build drops it first, so a failed build leaves none.
    pub fn keep(&mut self, built: Built) {
        let guard = match self.last.take() {
            Some(last) => last.guard,
            None => crate::privacy::Guard::new(),
        };
        self.last = Some(Last {
            site: built.site,
            theme: built.theme,
            guard,
        });
    }
}

/// `serve`'s fast path, for an edit of report files only: each edited report parsed and
/// rendered again, and its page made against the last good build (its previous and next
/// report of the same topic, the rounds in the footer). What the edit changes elsewhere
/// (lists, topic and initiative pages, its place among the other reports) and the checks
/// across reports are left to the full rebuild that follows, whose pages replace these: they
/// are only ever shown early. `None` when the fast path does not apply: no last good build, a
/// file that is not one of its reports (a new or removed report, anything but a report), a
/// report that no longer parses, has another slug or a topic or round the site does not
/// know, or holds contact data.
pub fn preview_reports(cache: &mut Cache, files: &[PathBuf]) -> Option<Vec<OutputFile>> {
    let Cache { last, pages, .. } = cache;
    let last = last.as_mut()?;
    let site = &last.site;
    if files.is_empty() {
        return None;
    }
    let initiatives: Vec<crate::content::Initiative> = site
        .initiatives
        .iter()
        .map(|i| i.initiative.clone())
        .collect();
    let matcher = Matcher::new(&initiatives);
    let hrefs = initiative_hrefs(&site.urls, &initiatives);
    let linker = Linker {
        matcher: &matcher,
        hrefs: &hrefs,
    };
    // The edited reports and their neighbours, by their place in the last build.
    let mut few: std::collections::BTreeMap<usize, ParsedReport> = Default::default();
    let mut edited = Vec::new();
    // The edited records, for the kept build once their pages are made (see [`preview_index`]).
    let mut updated = Vec::new();
    for file in files {
        let at = site.reports.iter().position(|p| &p.report.file == file)?;
        let text = std::fs::read_to_string(file).ok()?;
        let allow = &site.config.privacy_allowlist;
        if last
            .guard
            .scan(file, &text, allow)
            .iter()
            .any(|(severity, _)| *severity == crate::diagnostics::Severity::Error)
        {
            return None;
        }
        let mut report = crate::content::Report::parse(file, &text).ok()?;
        let topic = site
            .topics
            .iter()
            .position(|t| t.topic.slug == report.topic)?;
        let edition = site
            .editions
            .iter()
            .position(|e| e.edition.year == report.edition)?;
        if report.slug != site.reports[at].report.slug {
            return None;
        }
        let body = markdown::render(
            file,
            &report.body,
            report.body_line,
            Some(&linker),
            site.config.trusted_html,
        )
        .ok()?;
        report.body = String::new();
        let topic = TopicId(topic);
        let of_topic = |j: &usize| site.reports[*j].topic == topic;
        let before = (0..at).rev().find(of_topic);
        let after = (at + 1..site.reports.len()).find(of_topic);
        for j in before.into_iter().chain(after) {
            few.entry(j).or_insert_with(|| site.reports[j].clone());
        }
        edited.push(report.path());
        let record = ParsedReport {
            topic,
            edition: EditionId(edition),
            report,
            body,
        };
        updated.push((at, record.clone()));
        few.insert(at, record);
    }
    let reports: Vec<ParsedReport> = few.into_values().collect();
    // What the last build decided, with these reports' own say (and their rounds').
    let concepts = crate::concepts::Concepts {
        reports: crate::concepts::of_reports(&reports, |e| site.edition(e).edition.concept),
        ..site.concepts.clone()
    };
    let small = Site {
        config: site.config.clone(),
        urls: site.urls.clone(),
        editions: site.editions.clone(),
        topics: site.topics.clone(),
        mentions: MentionIndex::new(
            initiatives.len(),
            &reports.iter().map(|p| &p.body).collect::<Vec<_>>(),
        ),
        reports,
        // Where a quote was found is a place in the whole site: not shown on a report's page.
        initiatives: initiatives
            .into_iter()
            .map(|initiative| ParsedInitiative {
                initiative,
                quote_source: None,
            })
            .collect(),
        organisations: site.organisations.clone(),
        synonyms: Default::default(),
        concepts,
    };
    let generated = [(search::MAIN_FILE, Mode::Preview.naming().path(&[]))];
    let shown = pages
        .render_reports(&small, &last.theme, &generated, &edited)
        .ok()?;
    for (at, record) in updated {
        last.site.reports[at] = record;
    }
    Some(shown)
}

/// `serve`'s fast path for the search index, after [`preview_reports`]: the index of the
/// last good build with the edited reports in it, through the index cache, so only their
/// documents are counted again. Like the fast page it is shown early only: what the edit
/// changes elsewhere (an initiative's mentions) comes with the full rebuild's index. `None`
/// when there is no last good build.
pub fn preview_index(cache: &mut Cache) -> Option<anyhow::Result<Vec<OutputFile>>> {
    let Cache { last, index, .. } = cache;
    let last = last.as_ref()?;
    Some(index_of(&last.site, &last.theme, Some(index)))
}

/// Stage *parse*: every report's Markdown to sections, with initiative mentions found and
/// linked, and the checks that need the text (headings, aliases, the words the site adds
/// around the reports). Returns one record per report, topic and initiative, and what of it is
/// a concept ([`crate::concepts::decide`]). Everything is parsed and checked, concepts
/// included, so that `check` and `build` find the same errors; a plain build then leaves the
/// concepts out ([`crate::concepts::publish`]). `concepts` says whether the site will show
/// them: if not, an initiative that says `concept = true` is found in published reports but
/// not linked, since its page is not made. With a `cache`, a report whose text and links are
/// as before is not rendered again.
pub fn parse(
    config: Config,
    library: Library,
    root: &Path,
    concepts: bool,
    cache: Option<&mut Cache>,
) -> Result<Site, ContentErrors> {
    let relative = relative_to(root);
    let mut errors = ContentErrors::default();
    let urls = config.urls();
    let Library {
        topics,
        mut reports,
        initiatives,
        initiatives_file,
        organisations,
        organisations_file,
        editions,
        synonyms,
    } = library;
    let matcher = Matcher::new(&initiatives);
    let hrefs = crate::concepts::hrefs(
        &initiatives,
        initiative_hrefs(&urls, &initiatives),
        concepts,
    );
    let linker = Linker {
        matcher: &matcher,
        hrefs: &hrefs,
    };
    // What a report's rendering reads besides its own text: the initiatives' names and links.
    let reads = fingerprint((
        &hrefs,
        initiatives
            .iter()
            .map(|i| (&i.name, &i.aliases))
            .collect::<Vec<_>>(),
        config.trusted_html,
    ));
    let bodies = cache.map(|c| &mut c.bodies);
    let (results, found): (Vec<_>, Vec<_>) =
        render_reports(&mut reports, &linker, reads, config.trusted_html, bodies)
            .into_iter()
            .unzip();
    errors.extend(relative(initiatives::alias_errors(
        &matcher,
        &initiatives,
        &initiatives_file,
        &found,
    )));
    let count = reports.len();
    let (parsed, failed) = records(reports, results, &topics, &editions);
    errors.extend(relative(failed));
    // The checks below read every report's rendered text.
    if parsed.len() < count {
        return Err(errors);
    }
    let concept = crate::concepts::of_reports(&parsed, |e| editions[e.0].concept);
    // What the site says around the reports must stand in them.
    let (sources, unsupported) = support::check(
        &parsed,
        &concept,
        &initiatives,
        &initiatives_file,
        &organisations,
        &organisations_file,
    );
    errors.extend(relative(unsupported));
    let mentions = MentionIndex::new(
        initiatives.len(),
        &parsed.iter().map(|p| &p.body).collect::<Vec<_>>(),
    );
    let initiatives = initiatives
        .into_iter()
        .zip(sources.quotes.iter().copied())
        .map(|(initiative, source)| ParsedInitiative {
            initiative,
            quote_source: source,
        })
        .collect();
    let topics = topics
        .into_iter()
        .map(|topic| ParsedTopic {
            intro: markdown::render_plain(&topic.body, topic.body_line, config.trusted_html),
            topic,
        })
        .collect();
    let editions = editions
        .into_iter()
        .map(|edition| ParsedEdition {
            intro: markdown::render_plain(&edition.body, edition.body_line, config.trusted_html),
            edition,
        })
        .collect();
    let mut site = Site {
        config,
        urls,
        editions,
        topics,
        reports: parsed,
        initiatives,
        organisations,
        mentions,
        synonyms,
        concepts: Default::default(),
    };
    let (decided, conflicts) = crate::concepts::decide(
        &site,
        concept,
        &matcher,
        &found,
        &sources,
        &initiatives_file,
        &organisations_file,
    );
    errors.extend(relative(conflicts));
    site.concepts = decided;
    errors.into_result(site)
}

/// One record per report that rendered: its facts, its topic and its body (its Markdown is
/// needed no more); the errors of those that did not.
fn records(
    reports: Vec<crate::content::Report>,
    results: Vec<Result<Rendered, ContentErrors>>,
    topics: &[crate::content::Topic],
    editions: &[crate::content::Edition],
) -> (Vec<ParsedReport>, ContentErrors) {
    let mut errors = ContentErrors::default();
    let mut parsed = Vec::with_capacity(reports.len());
    for (report, result) in reports.into_iter().zip(results) {
        match result {
            Ok(body) => {
                let topic = topics
                    .iter()
                    .position(|t| t.slug == report.topic)
                    .expect("topics checked in Library::load");
                let edition = editions
                    .iter()
                    .position(|e| e.year == report.edition)
                    .expect("editions checked in Library::load");
                parsed.push(ParsedReport {
                    topic: TopicId(topic),
                    edition: EditionId(edition),
                    report,
                    body,
                });
            }
            Err(e) => errors.extend(e),
        }
    }
    (parsed, errors)
}

/// The link from a report page to each initiative's page. Every report page sits at the same
/// depth, so one set serves them all.
fn initiative_hrefs(urls: &Urls, initiatives: &[crate::content::Initiative]) -> Vec<String> {
    let from_report = urls::report("-");
    initiatives
        .iter()
        .map(|i| urls.href(Origin::Page(&from_report), &urls::initiative(&i.slug)))
        .collect()
}

/// The initiative aliases found in a report's Markdown (see [`Matcher::occurrences`]).
type Occurrences = (Vec<usize>, Vec<usize>);

/// Every report's Markdown rendered and searched for aliases (they are checked against the
/// Markdown as written, the last stage that reads it), in parallel and in order. Each report's
/// Markdown is taken out and let go as soon as both are done: held for every report until the
/// last one rendered, it set the parse stage's peak (76 MB of Markdown at 10,000 reports).
/// With a `memo`, a report whose text and `reads` (what rendering reads besides the text) are
/// as before is taken from it.
fn render_reports(
    reports: &mut [crate::content::Report],
    linker: &Linker,
    reads: u64,
    trusted_html: bool,
    memo: Option<&mut Memo<(Result<Rendered, ContentErrors>, Occurrences)>>,
) -> Vec<(Result<Rendered, ContentErrors>, Occurrences)> {
    crate::memo::map_par(
        memo,
        reports.par_iter_mut().map(|r| {
            let body = std::mem::take(&mut r.body);
            let r: &crate::content::Report = r;
            (&r.file, body, r.body_line)
        }),
        |(file, body, line)| Some(fingerprint((file, body, line, reads))),
        |(file, body, line)| {
            (
                markdown::render(file, body, *line, Some(linker), trusted_html),
                linker.matcher.occurrences(body),
            )
        },
    )
}

/// What [`produce`] made: the sink with every file, the parsed site, and the figures.
struct Produced<S> {
    sink: S,
    site: Site,
    theme: Theme,
    search: Option<SearchFigures>,
    timings: Timings,
    warnings: Vec<ContentError>,
    concept_pages: Vec<String>,
    held_back: crate::concepts::HeldBack,
}

/// Loads, parses, indexes and renders the whole site into the sink that `open` makes once
/// the config is known (so nothing is opened for a site that does not load).
fn produce<S: Sink>(
    opts: &BuildOptions,
    mode: Mode,
    open: impl FnOnce(&Config) -> anyhow::Result<S>,
    mut cache: Option<&mut Cache>,
) -> Result<Produced<S>, BuildError> {
    let mut timings = Timings::default();
    // The last site is for the fast path only; a failed build must leave none (and at 10,000
    // reports it is worth its memory back before a new one is made).
    if let Some(cache) = cache.as_deref_mut() {
        cache.last = None;
    }
    let Loaded {
        config,
        theme,
        library,
        warnings,
        unfinished,
    } = timings.time("load", || load_with(opts, mode, cache.as_deref_mut()))?;
    let sink = open(&config)?;
    let parsed = timings.time("parse", || {
        parse(
            config,
            library,
            &opts.root,
            opts.concepts,
            cache.as_deref_mut(),
        )
    });
    // Filler in a concept does not stop a build (a plain build leaves it out); `check` lists
    // it. Where the site did not parse, what is a concept is known only as far as it says so.
    let (site, warnings) = match parsed {
        Ok(site) => {
            let (errors, concept): (Vec<_>, Vec<_>) = unfinished
                .into_iter()
                .partition(|u| !site.concepts.holds(u.of));
            if !errors.is_empty() {
                let errors = errors.into_iter().map(|u| u.error).collect();
                return Err(ContentErrors(errors).sorted().into());
            }
            let mut warnings = warnings;
            if mode == Mode::Check {
                warnings.extend(concept.into_iter().map(|u| u.error));
            }
            (site, warnings)
        }
        Err(mut errors) => {
            errors.extend(ContentErrors(
                unfinished
                    .into_iter()
                    .filter(|u| !u.declared_concept)
                    .map(|u| u.error)
                    .collect(),
            ));
            return Err(errors.sorted().into());
        }
    };
    // `serve` and `build --concepten` show the concepts, and the banner on every page that
    // only exists, or only differs, because of them: they are told apart from the pages of
    // the site a plain build publishes.
    let published =
        (opts.concepts && site.concepts.any()).then(|| crate::concepts::publish(site.clone()));
    let held_back = match opts.concepts {
        true => Default::default(),
        false => crate::concepts::HeldBack::of(&site.concepts),
    };
    let mut site = if opts.concepts {
        site
    } else {
        crate::concepts::publish(site)
    };
    if mode == Mode::Publish {
        site.reports
            .iter_mut()
            .for_each(|r| r.body.drop_check_data());
    }
    let naming = mode.naming();
    let (index_path, search) = match mode {
        Mode::Preview => (naming.path(&[]), None),
        Mode::Publish | Mode::Check => {
            let (path, figures) = timings.time("index", || {
                index_into(
                    &site,
                    &theme,
                    &sink,
                    naming,
                    cache.as_deref_mut().map(|c| &mut c.index),
                )
            })?;
            // Only the index reads the sections' text (and `check`, which keeps it).
            if mode == Mode::Publish {
                site.reports
                    .iter_mut()
                    .for_each(|r| r.body.drop_search_text());
            }
            (path, Some(figures))
        }
    };
    let stats = render::render(
        &site,
        &theme,
        &[(search::MAIN_FILE, index_path)],
        &sink,
        cache.map(|c| &mut c.pages),
        published.as_ref(),
    )?;
    timings.add("render", stats.took);
    // The editor goes with the published site only when `[editor]` asks for it; `serve` has its
    // own at a reserved address.
    if mode != Mode::Preview {
        crate::editor::published(&site.config, &opts.root)
            .into_iter()
            .try_for_each(|f| sink.put(f))?;
    }
    Ok(Produced {
        sink,
        site,
        theme,
        search,
        timings,
        warnings,
        concept_pages: stats.concept_pages,
        held_back,
    })
}

/// What the search scripts weigh compressed: the search budget is for them and the index.
fn scripts_gzip_bytes(theme: &Theme) -> usize {
    theme
        .static_files
        .iter()
        .filter(|(name, _)| crate::theme::SEARCH_SCRIPTS.contains(&name.as_str()))
        .map(|(_, bytes)| search::gzip_len(bytes))
        .sum()
}

/// Stage *index*: every file of the search index into `sink`; the main file's path (which
/// templates link to) and the index's figures.
fn index_into(
    site: &Site,
    theme: &Theme,
    sink: &dyn Sink,
    naming: search::Naming,
    cache: Option<&mut search::IndexCache>,
) -> anyhow::Result<(String, SearchFigures)> {
    let scripts = scripts_gzip_bytes(theme);
    let index = search::index(site, scripts, sink, naming, cache)?;
    let figures = SearchFigures {
        documents: index.documents,
        shards: index.shards,
        bytes: index.bytes,
        first_gzip_bytes: scripts + index.main_gzip_bytes,
        synonym_warnings: index.synonym_warnings,
    };
    let path = index.main.path.clone();
    sink.put(index.main)?;
    Ok((path, figures))
}

/// Stage *index* on its own, for a site rendered in [`Mode::Preview`]: the index's files,
/// named as the pages of that mode link to them. With a `cache` (serve), only what changed
/// since the last index is made again.
pub fn index(
    built: &Built,
    cache: Option<&mut search::IndexCache>,
) -> anyhow::Result<Vec<OutputFile>> {
    index_of(&built.site, &built.theme, cache)
}

/// The index's files of `site` in [`Mode::Preview`]'s naming: [`index`] and [`preview_index`].
fn index_of(
    site: &Site,
    theme: &Theme,
    cache: Option<&mut search::IndexCache>,
) -> anyhow::Result<Vec<OutputFile>> {
    let memory = Memory::default();
    index_into(site, theme, &memory, Mode::Preview.naming(), cache)?;
    Ok(memory.into_files())
}

/// Loads, parses, indexes and renders the whole site in memory, writing nothing. With a
/// `cache` (serve), only what changed since the last build is rendered again.
pub fn render_all(
    opts: &BuildOptions,
    mode: Mode,
    cache: Option<&mut Cache>,
) -> Result<Built, BuildError> {
    let produced = produce(opts, mode, |_| Ok(Memory::default()), cache)?;
    Ok(Built {
        site: produced.site,
        theme: produced.theme,
        files: produced.sink.into_files(),
        search: produced.search,
        warnings: produced.warnings,
        timings: produced.timings,
        concept_pages: produced.concept_pages,
    })
}

/// The output folder: `--output`, else the config's `output_dir`, relative to the root.
pub fn output_dir(config: &Config, opts: &BuildOptions) -> PathBuf {
    match &opts.output {
        Some(o) => o.clone(),
        None => opts.root.join(&config.output_dir),
    }
}

/// The whole build: every file streamed into a staging folder beside the output folder as it
/// is made, then swapped in place of the old site in one step.
pub fn build(opts: &BuildOptions) -> Result<Summary, BuildError> {
    let mut output = PathBuf::new();
    let produced = produce(
        opts,
        Mode::Publish,
        |config| {
            output = output_dir(config, opts);
            Staging::begin(&output, &opts.root)
        },
        None,
    )?;
    let mut timings = produced.timings;
    let base_path = produced.site.urls.base_path();
    let folder = (base_path != "/").then(|| base_path.to_owned());
    let (files, pages) = produced.sink.counts();
    let started = Instant::now();
    produced.sink.commit()?;
    timings.add("write", started.elapsed());
    Ok(Summary {
        pages,
        files,
        output,
        search: produced.search.unwrap_or_default(),
        timings,
        warnings: produced.warnings,
        folder,
        held_back: produced.held_back,
    })
}
