//! The pipeline, in the order the data travels:
//! load → parse (Markdown, mentions, support) → index → render (templates) → write.
//!
//! Every stage takes plain data and returns plain data; only [`load`] reads files and only
//! [`build`] writes them, so `check`, `serve` and the tests run the same pipeline without
//! touching the output folder. What a command needs is its [`Mode`], stated once: the stages
//! never ask which command runs them. Each stage is timed ([`Timings`]) for `build --timings`.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::config::{self, Config};
use crate::content::{Library, placeholders, stale};
use crate::error::{BuildError, ContentError, ContentErrors};
use crate::memo::Memo;
use crate::output::{Memory, OutputFile, Sink, Staging};
use crate::parse;
use crate::parse::markdown::{self, Linker};
use crate::parse::mentions::Matcher;
use crate::parsed::{EditionId, MentionIndex, ParsedInitiative, ParsedReport, Site, TopicId};
use crate::render;
use crate::search;
use crate::theme::Theme;
use crate::urls::Urls;

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
    /// The site paths of the pages only concepts make (none without concepts).
    pub concept_pages: Vec<String>,
    pub timings: Timings,
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
    pub held_back: crate::parse::concepts::HeldBack,
}

/// Paths in errors are shown relative to the site root.
fn relative_to(root: &Path) -> impl Fn(ContentErrors) -> ContentErrors + '_ {
    move |e: ContentErrors| ContentErrors(e.0.into_iter().map(|e| e.relative_to(root)).collect())
}

/// Stage *load*: reads and checks the config, the theme and all content. Every content
/// problem is reported, not only the first. Text that `new` wrote and nobody replaced is an
/// error, except in a preview ([`Mode::Preview`], `build --concepten`): a warning there.
pub fn load(opts: &BuildOptions, mode: Mode) -> Result<Loaded, BuildError> {
    let read = load_all(opts, mode, &mut Memos::off())?;
    match read {
        Read {
            config: Some(config),
            theme: Some(theme),
            library,
            warnings,
            unfinished,
            errors,
        } if errors.is_empty() => Ok(Loaded {
            config,
            theme,
            library,
            warnings,
            unfinished,
        }),
        read => Err(BuildError::Content(read.errors.sorted(), read.warnings)),
    }
}

/// What [`load_all`] could read, with every problem it found: the later stages go on with
/// it, so that one run shows their problems too.
struct Read {
    /// `None` when `vindplaats.toml` has errors: the stages after loading need it.
    config: Option<Config>,
    /// `None` when the theme has errors: only rendering needs it.
    theme: Option<Theme>,
    library: Library,
    warnings: Vec<ContentError>,
    unfinished: Vec<placeholders::Unfinished>,
    errors: ContentErrors,
}

/// [`load`] as far as it goes, taking what is unchanged since the last build from the memos
/// (serve; a build's are off). A wrong value, a broken line or a broken file costs only itself: the content is
/// read even when the config has errors, and the privacy guard runs whenever the config
/// (its allow-list) could be read. `Err` only for what no later stage can go on from: a folder
/// that is not a site's, a bad `--base-url`.
fn load_all(opts: &BuildOptions, mode: Mode, memos: &mut Memos) -> Result<Read, BuildError> {
    let Memos { reports, scans, .. } = memos;
    let root = &opts.root;
    let relative = relative_to(root);
    config::ensure_site(root)?;
    if let Some(url) = &opts.base_url {
        Urls::new(url).map_err(|m| BuildError::Other(anyhow::anyhow!("--base-url: {m}")))?;
    }
    let mut errors = ContentErrors::default();
    let config = match Config::from_root(root) {
        Ok(mut config) => {
            if let Some(url) = &opts.base_url {
                config.base_url = url.clone();
            }
            Some(config)
        }
        Err(e) => {
            errors.extend(relative(e));
            None
        }
    };
    let config_file = root.join(config::FILE_NAME);
    let theme = config.as_ref().and_then(|config| {
        Theme::load(root, &config.theme, &config_file)
            .map_err(|e| errors.extend(relative(e)))
            .ok()
    });
    // The privacy guard runs on every build: contact data never reaches the site. It reads
    // the files on its own, so it runs beside the content's loading. Without a config its
    // allow-list is unknown, and it waits for the next run rather than report what is allowed.
    let ((library, library_errors), privacy) = rayon::join(
        || Library::load_all(&root.join("content"), reports),
        || {
            config
                .as_ref()
                .map(|c| crate::privacy::check(root, &c.privacy_allowlist, scans))
        },
    );
    errors.extend(relative(library_errors));
    // The synonym groups' words go through the search pipeline, which the content does not
    // know: checked here, so that a bad group stops the build before anything is written.
    errors.extend(
        search::synonym_groups(&library.synonyms)
            .err()
            .map(&relative)
            .unwrap_or_default(),
    );
    let mut warnings = Vec::new();
    if let Some(privacy) = privacy {
        errors.extend(ContentErrors(privacy.errors));
        warnings.extend(privacy.warnings);
    }
    // serve uses an address of its own; an address given with --base-url is a choice.
    if let Some(config) = &config
        && mode != Mode::Preview
        && opts.base_url.is_none()
    {
        warnings.extend(config.placeholder_warning(Path::new(config::FILE_NAME)));
    }
    // Texts written once that name only years before a newer round: the same warning in
    // every mode, since only published rounds count.
    if let Some(config) = &config {
        warnings.extend(stale::check(
            &library,
            stale::SiteText {
                file: Path::new(config::FILE_NAME),
                line: config.description_line,
                text: &config.description,
            },
            root,
        ));
    }
    let unfinished = placeholders::check(&library, root);
    // A preview (serve, or build --concepten, which is never put online) shows a report while
    // it is being filled in.
    let preview = mode == Mode::Preview || (mode == Mode::Publish && opts.concepts);
    let unfinished = if preview {
        warnings.extend(unfinished.into_iter().map(|u| u.error));
        Vec::new()
    } else {
        unfinished
    };
    Ok(Read {
        config,
        theme,
        library,
        warnings,
        unfinished,
        errors,
    })
}

/// What the stages keep from one build to the next (`serve`), so that an edit redoes only
/// what it changes: each report file's parse and each content file's privacy scan, by its
/// path and text; the aliases found in each report, by its text and the initiatives; each
/// report's Markdown rendered, by everything that rendering reads; and each page, by its
/// template context (see [`render::PageCache`]); and what the search index is made of (see
/// [`search::IndexCache`]). A build passes [`Memos::off`]: the same stages, nothing kept.
#[derive(Default)]
pub struct Memos {
    reports: crate::content::ReportMemo,
    scans: crate::privacy::ScanMemo,
    /// Each report's Markdown rendered, with the initiative aliases found in it.
    bodies: Memo<Arc<(parse::RenderedReport, parse::Occurrences)>>,
    pub pages: render::PageCache,
    /// The search index's documents and parts, for [`index`].
    pub index: search::IndexCache,
}

impl Memos {
    /// Memos that keep nothing: a build's.
    pub fn off() -> Memos {
        Memos {
            reports: Memo::off(),
            scans: Memo::off(),
            bodies: Memo::off(),
            pages: render::PageCache::off(),
            index: search::IndexCache::off(),
        }
    }
}

/// What `serve` keeps from one build to the next: the stages' memos, and the last good build
/// (see [`Cache::keep`]) for [`preview_reports`].
#[derive(Default)]
pub struct Cache {
    pub memos: Memos,
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
    /// The whole site again in [`Mode::Preview`], through the memos. The last site is for
    /// the fast path only: a failed build must leave none (and at 10,000 reports it is worth
    /// its memory back before a new one is made).
    pub fn rebuild(&mut self, opts: &BuildOptions) -> Result<Built, BuildError> {
        self.last = None;
        render_all(opts, Mode::Preview, &mut self.memos)
    }

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
    let Cache { last, memos } = cache;
    let pages = &mut memos.pages;
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
    let hrefs = parse::initiative_hrefs(&site.urls, &initiatives);
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
        let (report, markdown) =
            crate::content::front_matter::strict(crate::content::Report::read(file, &text)).ok()?;
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
            &markdown.text,
            markdown.line,
            Some(&linker),
            site.config.trusted_html,
        )
        .ok()?;
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
            report: Arc::new(report),
            body,
        };
        updated.push((at, record.clone()));
        few.insert(at, record);
    }
    let reports: Vec<ParsedReport> = few.into_values().collect();
    // What the last build decided, with these reports' own say (and their rounds').
    let concepts = crate::parse::concepts::Concepts {
        reports: crate::parse::concepts::of_reports(&reports, |e| site.edition(e).edition.concept),
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
    let Cache { last, memos } = cache;
    let last = last.as_ref()?;
    Some(index_of(&last.site, &last.theme, &mut memos.index))
}

/// Stage *parse* on its own (see [`parse::parse_all`]), its errors relative to the site
/// root: for `search-terms`, which needs the parsed site and no pages.
pub fn parse(loaded: Loaded, root: &Path, shown: bool) -> Result<Site, ContentErrors> {
    let (site, errors) = parse::parse_all(loaded.config, loaded.library, shown, &mut Memo::off());
    let errors = relative_to(root)(errors);
    match site {
        Some(site) => errors.into_result(site),
        None => Err(errors),
    }
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
    held_back: crate::parse::concepts::HeldBack,
    /// The content errors of the run: none, except in [`Mode::Check`], which renders what it
    /// can in spite of them, so that `check` finds the broken links in the same run.
    errors: ContentErrors,
}

/// Loads, parses, indexes and renders the whole site into the sink that `open` makes once
/// the content has no errors (so nothing is opened for a site that does not build). Every
/// stage runs as far as the content allows, so that one run reports every problem; the errors
/// then stop the build before anything is opened, except in [`Mode::Check`].
fn produce<S: Sink>(
    opts: &BuildOptions,
    mode: Mode,
    open: impl FnOnce(&Config) -> anyhow::Result<S>,
    memos: &mut Memos,
) -> Result<Produced<S>, BuildError> {
    let mut timings = Timings::default();
    let Read {
        config,
        theme,
        library,
        warnings,
        unfinished,
        mut errors,
    } = timings.time("load", || load_all(opts, mode, memos))?;
    let failed =
        |errors: ContentErrors, warnings| Err(BuildError::Content(errors.sorted(), warnings));
    let Some(config) = config else {
        return failed(errors, warnings);
    };
    let (site, problems) = timings.time("parse", || {
        parse::parse_all(config, library, opts.concepts, &mut memos.bodies)
    });
    errors.extend(relative_to(&opts.root)(problems));
    // Filler in a concept does not stop a build (a plain build leaves it out); `check` lists
    // it. Where the site did not parse, what is a concept is known only as far as it says so.
    let mut warnings = warnings;
    match &site {
        Some(site) => {
            for u in unfinished {
                if !site.concepts.holds(u.of) {
                    errors.push(u.error);
                } else if mode == Mode::Check {
                    warnings.push(u.error);
                }
            }
        }
        None => errors.extend(ContentErrors(
            unfinished
                .into_iter()
                .filter(|u| !u.declared_concept)
                .map(|u| u.error)
                .collect(),
        )),
    }
    let (site, theme) = match (site, theme) {
        (Some(site), Some(theme)) if errors.is_empty() || mode == Mode::Check => (site, theme),
        _ => return failed(errors, warnings),
    };
    // `serve` and `build --concepten` show the concepts, and the banner on every page that
    // only exists, or only differs, because of them: they are told apart from the pages of
    // the site a plain build publishes.
    let published = (opts.concepts && site.concepts.any())
        .then(|| crate::parse::concepts::publish(site.clone()));
    let held_back = match opts.concepts {
        true => Default::default(),
        false => crate::parse::concepts::HeldBack::of(&site.concepts),
    };
    let mut site = if opts.concepts {
        site
    } else {
        crate::parse::concepts::publish(site)
    };
    let sink = open(&site.config)?;
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
                index_into(&site, &theme, &sink, naming, &mut memos.index)
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
        &mut memos.pages,
        published.as_ref(),
    )?;
    timings.add("render", stats.took);
    Ok(Produced {
        sink,
        site,
        theme,
        search,
        timings,
        warnings,
        concept_pages: stats.concept_pages,
        held_back,
        errors: errors.sorted(),
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
    cache: &mut search::IndexCache,
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
/// named as the pages of that mode link to them. Only what changed since the last index
/// (`serve`) is made again: a cache that is off makes everything.
pub fn index(built: &Built, cache: &mut search::IndexCache) -> anyhow::Result<Vec<OutputFile>> {
    index_of(&built.site, &built.theme, cache)
}

/// The index's files of `site` in [`Mode::Preview`]'s naming: [`index`] and [`preview_index`].
fn index_of(
    site: &Site,
    theme: &Theme,
    cache: &mut search::IndexCache,
) -> anyhow::Result<Vec<OutputFile>> {
    let memory = Memory::default();
    index_into(site, theme, &memory, Mode::Preview.naming(), cache)?;
    Ok(memory.into_files())
}

/// Loads, parses, indexes and renders the whole site in memory, writing nothing. Only what
/// changed since the last build (`serve`) is made again: a build's memos are off.
pub fn render_all(opts: &BuildOptions, mode: Mode, memos: &mut Memos) -> Result<Built, BuildError> {
    let (built, errors) = render_checked(opts, mode, memos)?;
    if errors.is_empty() {
        Ok(built)
    } else {
        Err(BuildError::Content(errors, built.warnings))
    }
}

/// [`render_all`], and in [`Mode::Check`] the site as far as it renders in spite of content
/// errors, with those errors: `check` reads its links, so one run shows those too. `Err` when
/// nothing could be rendered (no config, a broken theme, a report with no topic to stand
/// under), with every problem found.
pub fn render_checked(
    opts: &BuildOptions,
    mode: Mode,
    memos: &mut Memos,
) -> Result<(Built, ContentErrors), BuildError> {
    let produced = produce(opts, mode, |_| Ok(Memory::default()), memos)?;
    let built = Built {
        site: produced.site,
        theme: produced.theme,
        files: produced.sink.into_files(),
        search: produced.search,
        warnings: produced.warnings,
        timings: produced.timings,
        concept_pages: produced.concept_pages,
    };
    Ok((built, produced.errors))
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
        &mut Memos::off(),
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
