//! The pipeline, in the order the data travels:
//! load → parse (Markdown, mentions, the editorial checks) → index → render (templates) →
//! write.
//!
//! Every stage takes plain data and returns plain data; only [`load`] reads files and only
//! [`build`] writes them, so `check`, `serve` and the tests run the same pipeline without
//! touching the output folder. What a command needs is its [`Mode`], stated once: the stages
//! never ask which command runs them. Each stage takes the memo it uses ([`Memos`]): a build
//! passes memos that are off, `serve`'s session ([`crate::session`]) its own. Each stage is
//! timed ([`Timings`]) for `build --timings`.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::config::{self, Config};
use crate::content::{Library, placeholders, stale};
use crate::error::{BuildError, ContentError, ContentErrors};
use crate::memo::Memo;
use crate::output::{Memory, OutputFile, Sink, Staging};
use crate::parse::{self, Parsed, concepts};
use crate::parsed::{Checks, Site, Text};
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

/// What the pipeline is run for. The order of the stages follows from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// `build`: the search index before the pages (its size is reported with them),
    /// everything streamed to disk.
    Publish,
    /// `check` and the tests: as published, but kept in memory.
    Check,
    /// `serve`: the search index is made after the pages ([`index`]), so an edit shows at
    /// once.
    Preview,
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

/// A site built in memory: every file and the search index's figures, and what parse made,
/// for `check` to read and for `serve` to index and to start its next edit from.
pub struct Built {
    pub site: Site,
    /// The site's plain text: for [`index`], which serve runs after the pages, and `check`.
    pub text: Text,
    /// What only `check` reads.
    pub checks: Checks,
    /// How parse made the site's reports (see [`parse::report`]).
    pub context: parse::Context,
    /// Kept for [`index`], which serve runs after the pages.
    pub theme: Theme,
    pub files: Vec<OutputFile>,
    /// `None` in [`Mode::Preview`], where the index is made afterwards.
    pub search: Option<SearchFigures>,
    /// The warnings of [`load`], and of filler in concepts in [`Mode::Check`].
    pub warnings: Vec<ContentError>,
    /// The site paths of the pages only concepts make (none without concepts).
    pub concept_pages: Vec<String>,
    /// How many pages were rendered, not taken from the page memo.
    pub rendered: usize,
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
    pub held_back: concepts::HeldBack,
}

/// What the stages keep from one build to the next (`serve`), so that an edit redoes only
/// what it changes: each report file's parse and each content file's privacy scan, by its
/// path and text; each report's Markdown pass (with the initiative aliases found in it), by
/// everything that rendering reads; each page, by its template context (see
/// [`render::PageCache`]); and what the search index is made of (see
/// [`search::IndexCache`]). A build passes [`Memos::off`]: the same stages, nothing kept.
#[derive(Default)]
pub struct Memos {
    pub reports: crate::content::ReportMemo,
    pub scans: crate::privacy::ScanMemo,
    /// The privacy patterns, compiled when a file is first scanned.
    pub guard: std::sync::OnceLock<crate::privacy::Guard>,
    pub passes: parse::PassMemo,
    pub pages: render::PageCache,
    pub index: search::IndexCache,
}

impl Memos {
    /// Files that may have changed since load last read them (`serve`'s watcher names them):
    /// load reads those again and takes every other file it knows from its memos.
    pub fn saw(&mut self, changed: &crate::memo::Changed) {
        self.reports.saw(changed);
        self.scans.saw(changed);
    }

    /// Memos that keep nothing: a build's.
    pub fn off() -> Memos {
        Memos {
            reports: Memo::off(),
            scans: Memo::off(),
            guard: Default::default(),
            passes: parse::PassMemo::off(),
            pages: render::PageCache::off(),
            index: search::IndexCache::off(),
        }
    }
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

// Longer than most: the config, the theme, the content and the privacy guard in turn, each
// going on from what the one before could read, so that one run reports every problem.
/// [`load`] as far as it goes, taking what is unchanged since the last build from the memos
/// (`serve`; a build's are off). A wrong value, a broken line or a broken file costs only
/// itself: the content is read even when the config has errors, and the privacy guard runs
/// whenever the config (its allow-list) could be read. `Err` only for what no later stage can go on from: a folder
/// that is not a site's, a bad `--base-url`.
fn load_all(opts: &BuildOptions, mode: Mode, memos: &mut Memos) -> Result<Read, BuildError> {
    let Memos {
        reports,
        scans,
        guard,
        ..
    } = memos;
    let lap = std::time::Instant::now();
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
    let lap = crate::steps::lap("load: config, theme", lap);
    let ((library, library_errors), privacy) = rayon::join(
        || Library::load_all(&root.join("content"), reports),
        || {
            config
                .as_ref()
                .map(|c| crate::privacy::check(root, &c.privacy_allowlist, scans, guard))
        },
    );
    let lap = crate::steps::lap("load: reports and privacy", lap);
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
    let lap = crate::steps::lap("load: synonyms", lap);
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
    let lap = crate::steps::lap("load: stale", lap);
    let unfinished = placeholders::check(&library, root);
    crate::steps::lap("load: unfinished", lap);
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

/// Stage *parse* on its own (see [`parse::parse`]), its errors relative to the site root:
/// for `search-terms`, which needs the parsed site and no pages.
pub fn parse(loaded: Loaded, root: &Path, shown: bool) -> Result<Parsed, ContentErrors> {
    let (parsed, errors) = parse::parse(
        loaded.config,
        loaded.library,
        shown,
        &mut parse::PassMemo::off(),
    );
    let errors = relative_to(root)(errors);
    match parsed {
        Some(parsed) => errors.into_result(parsed),
        None => Err(errors),
    }
}

/// What [`produce`] made: the sink with every file, the parsed site, and the figures.
struct Produced<S> {
    sink: S,
    site: Site,
    /// `None` in [`Mode::Publish`]: let go once the index is made.
    text: Option<Text>,
    /// `None` in [`Mode::Publish`]: let go once parse has checked what a build checks.
    checks: Option<Checks>,
    context: parse::Context,
    theme: Theme,
    search: Option<SearchFigures>,
    timings: Timings,
    warnings: Vec<ContentError>,
    concept_pages: Vec<String>,
    rendered: usize,
    held_back: concepts::HeldBack,
    /// The content errors of the run: none, except in [`Mode::Check`], which renders what it
    /// can in spite of them, so that `check` finds the broken links in the same run.
    errors: ContentErrors,
}

// Longer than most: the pipeline itself, stage after stage in the order the data travels,
// with what each mode keeps and lets go between them.
/// Loads, parses, indexes and renders the whole site into the sink that `open` makes once
/// the content has no errors (so nothing is opened for a site that does not build). Every
/// stage runs as far as the content allows, so that one run reports every problem; the errors
/// then stop the build before anything is opened, except in [`Mode::Check`]. What is
/// unchanged since the last build is taken from `memos` (off in a build).
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
    let (parsed, problems) = timings.time("parse", || {
        parse::parse(config, library, opts.concepts, &mut memos.passes)
    });
    errors.extend(relative_to(&opts.root)(problems));
    // Filler in a concept does not stop a build (a plain build leaves it out); `check` lists
    // it. Where the site did not parse, what is a concept is known only as far as it says so.
    let mut warnings = warnings;
    match &parsed {
        Some(parsed) => {
            for u in unfinished {
                if !parsed.site.concepts.holds(u.of) {
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
    let (parsed, theme) = match (parsed, theme) {
        (Some(parsed), Some(theme)) if errors.is_empty() || mode == Mode::Check => (parsed, theme),
        _ => return failed(errors, warnings),
    };
    let Parsed {
        site,
        text,
        checks,
        context,
    } = parsed;
    // A build writes and forgets: what only `check` reads goes now (about 15 MB at 10,000
    // reports).
    let checks = (mode != Mode::Publish).then_some(checks);
    // `serve` and `build --concepten` show the concepts, and the banner on every page that
    // only exists, or only differs, because of them: they are told apart from the pages of
    // the site a plain build publishes.
    let published = (opts.concepts && site.concepts.any()).then(|| concepts::publish(site.clone()));
    let held_back = match opts.concepts {
        true => Default::default(),
        false => concepts::HeldBack::of(&site.concepts),
    };
    let (site, text) = if opts.concepts {
        (site, text)
    } else {
        let text = concepts::publish_text(&site.concepts, text);
        (concepts::publish(site), text)
    };
    let sink = open(&site.config)?;
    let (search, text) = match mode {
        Mode::Preview => (None, Some(text)),
        Mode::Publish | Mode::Check => {
            let figures = timings.time("index", || {
                index_into(&site, &text, &theme, &sink, &mut memos.index)
            })?;
            // Only the index reads the text (and `check`, which keeps it): a build renders
            // its pages without it.
            let text = (mode == Mode::Check).then_some(text);
            (Some(figures), text)
        }
    };
    let stats = render::render(
        &site,
        &theme,
        &sink,
        &mut memos.pages,
        published.as_ref(),
        render::Pages::All,
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
        text,
        checks,
        context,
        theme,
        search,
        timings,
        warnings,
        concept_pages: stats.concept_pages,
        rendered: stats.rendered,
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
    text: &Text,
    theme: &Theme,
    sink: &dyn Sink,
    cache: &mut search::IndexCache,
) -> anyhow::Result<SearchFigures> {
    let scripts = scripts_gzip_bytes(theme);
    let index = search::index(site, text, scripts, sink, cache)?;
    let figures = SearchFigures {
        documents: index.documents,
        shards: index.shards,
        bytes: index.bytes,
        first_gzip_bytes: scripts + index.main_gzip_bytes,
        synonym_warnings: index.synonym_warnings,
    };
    sink.put(index.main)?;
    Ok(figures)
}

/// Stage *index* on its own, for a site rendered in [`Mode::Preview`] (`serve`'s session,
/// after the pages): the index's files, named as the pages of that mode link to them. Only
/// what changed since the last index is made again: a cache that is off makes everything.
pub fn index(
    site: &Site,
    text: &Text,
    theme: &Theme,
    cache: &mut search::IndexCache,
) -> anyhow::Result<Vec<OutputFile>> {
    let memory = Memory::default();
    index_into(site, text, theme, &memory, cache)?;
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
        // Kept in every mode but Publish, which never comes here.
        text: produced.text.unwrap_or_default(),
        checks: produced.checks.unwrap_or_default(),
        context: produced.context,
        theme: produced.theme,
        files: produced.sink.into_files(),
        search: produced.search,
        warnings: produced.warnings,
        timings: produced.timings,
        concept_pages: produced.concept_pages,
        rendered: produced.rendered,
    };
    Ok((built, produced.errors))
}

/// The output folder: `--output`, else the config's `output_dir`, relative to the root.
pub fn output_dir(config: &Config, root: &Path, output: Option<&Path>) -> PathBuf {
    match output {
        Some(o) => o.to_path_buf(),
        None => root.join(&config.output_dir),
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
            output = output_dir(config, &opts.root, opts.output.as_deref());
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
