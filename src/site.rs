//! The pipeline, in the order the data travels:
//! load → parse (Markdown, mentions) → index → render (templates, minify) → write.
//!
//! Every stage takes plain data and returns plain data; only [`load`] reads files and only
//! [`build`] writes them, so `check`, `serve` and the tests run the same pipeline without
//! touching the output folder. Each stage is timed ([`Timings`]) for `build --timings`.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::config::{self, Config};
use crate::content::Library;
use crate::error::{BuildError, ContentErrors};
use crate::initiatives::{self, Matcher, MentionIndex};
use crate::markdown::{self, Linker, Rendered};
use crate::output::{Memory, Sink, Staging};
use crate::render::{self, OutputFile};
use crate::search;
use crate::support;
use crate::theme::Theme;
use crate::urls::{Origin, Urls};
use rayon::prelude::*;

/// What a build is asked to do; `None` means "as the config says".
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The site root: the folder with `vindplaats.toml`, `content/` and `themes/`.
    pub root: PathBuf,
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
}

/// Everything read from disk and checked: the input of every later stage.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub config: Config,
    pub theme: Theme,
    pub library: Library,
}

/// All content checked and rendered to HTML fragments: everything the templates need.
#[derive(Debug, Clone)]
pub struct Site {
    pub config: Config,
    pub urls: Urls,
    pub library: Library,
    /// One per report, in the order of `library.reports`.
    pub report_bodies: Vec<Rendered>,
    /// One per topic, in the order of `library.topics`.
    pub topic_intros: Vec<String>,
    /// Where each initiative is mentioned.
    pub mentions: MentionIndex,
    /// Per initiative, the report its `quote` comes from.
    pub quote_sources: Vec<Option<usize>>,
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

/// A site built in memory: every file, the search index's figures and the stage timings.
pub struct Built {
    pub site: Site,
    pub files: Vec<OutputFile>,
    /// All zero when the index is made later (serve).
    pub search: SearchFigures,
    /// What the search scripts weigh compressed (the index's budget is for both).
    pub scripts_gzip_bytes: usize,
    pub timings: Timings,
}

/// The search index in numbers, for the build summary and `check`.
#[derive(Debug, Clone, Copy, Default)]
pub struct SearchFigures {
    pub documents: usize,
    /// 1 for a single-file index.
    pub shards: usize,
    /// All of its files, uncompressed.
    pub bytes: usize,
    /// The search scripts and the index's first file, compressed: what a first search
    /// downloads before the parts of a sharded index it needs.
    pub first_gzip_bytes: usize,
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
}

/// Paths in errors are shown relative to the site root.
fn relative_to(root: &Path) -> impl Fn(ContentErrors) -> ContentErrors + '_ {
    move |e: ContentErrors| ContentErrors(e.0.into_iter().map(|e| e.relative_to(root)).collect())
}

/// Stage *load*: reads and checks the config, the theme and all content. Every content
/// problem is reported, not only the first.
pub fn load(opts: &BuildOptions) -> Result<Loaded, BuildError> {
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
        || Library::load(&root.join("content")).map_err(&relative),
        || ContentErrors(crate::privacy::check(root, &config.privacy_allowlist)),
    );
    match (theme, library) {
        (Ok(theme), Ok(library)) if privacy.is_empty() => Ok(Loaded {
            config,
            theme,
            library,
        }),
        (theme, library) => {
            let mut errors = ContentErrors::default();
            errors.extend(theme.err().unwrap_or_default());
            errors.extend(library.err().unwrap_or_default());
            errors.extend(privacy);
            Err(errors.sorted().into())
        }
    }
}

/// What `serve` keeps from one build to the next, so that an edit redoes only what it
/// changes: each report's Markdown rendered, by everything that rendering reads, and each
/// page, by its template context (see [`render::PageCache`]).
#[derive(Default)]
pub struct Cache {
    bodies: HashMap<u64, Rendered>,
    pub pages: render::PageCache,
    /// Leave the search index out of the build, for [`search_files`] to make once the pages
    /// are served: an edit shows without waiting for the index (serve, after its first build).
    pub index_later: bool,
}

/// A hash of `value`'s parts, for the cache.
fn fingerprint(parts: impl Hash) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    parts.hash(&mut h);
    h.finish()
}

/// Stage *parse*: every report's Markdown to sections, with initiative mentions found and
/// linked, and the checks that need the text (headings, aliases). With a `cache`, a report
/// whose text and links are as before is not rendered again.
pub fn parse(
    config: Config,
    library: Library,
    root: &Path,
    cache: Option<&mut Cache>,
) -> Result<Site, ContentErrors> {
    let relative = relative_to(root);
    let mut errors = ContentErrors::default();
    let urls = config.urls();
    let matcher = Matcher::new(&library.initiatives);
    // Every report page sits at the same depth (rapporten/<slug>/), so one set of links to
    // the initiatives serves them all.
    let hrefs: Vec<String> = library
        .initiatives
        .iter()
        .map(|i| urls.href(Origin::Page("rapporten/-/"), &i.path()))
        .collect();
    let linker = Linker {
        matcher: &matcher,
        hrefs: &hrefs,
    };
    // What a report's rendering reads besides its own text: the initiatives' names and links.
    let links = fingerprint((
        &hrefs,
        library
            .initiatives
            .iter()
            .map(|i| (&i.name, &i.aliases))
            .collect::<Vec<_>>(),
        config.trusted_html,
    ));
    let keys: Vec<u64> = library
        .reports
        .iter()
        .map(|r| fingerprint((&r.file, &r.body, r.body_line, links)))
        .collect();
    let known = cache.as_deref().map(|c| &c.bodies);
    // Reports are independent: render them in parallel, keep the order.
    let results: Vec<_> = library
        .reports
        .par_iter()
        .zip(&keys)
        .map(|(r, key)| match known.and_then(|k| k.get(key)) {
            Some(rendered) => Ok(rendered.clone()),
            None => markdown::render(
                &r.file,
                &r.body,
                r.body_line,
                Some(&linker),
                config.trusted_html,
            ),
        })
        .collect();
    let mut report_bodies = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(rendered) => report_bodies.push(rendered),
            Err(e) => errors.extend(relative(e)),
        }
    }
    if let Some(cache) = cache
        && report_bodies.len() == keys.len()
    {
        cache.bodies = keys
            .iter()
            .copied()
            .zip(report_bodies.iter().cloned())
            .collect();
    }
    // What the site says around the reports must stand in them (only checkable once every
    // report rendered).
    let mut quote_sources = vec![None; library.initiatives.len()];
    if report_bodies.len() == library.reports.len() {
        let texts = support::Texts::new(&report_bodies.iter().collect::<Vec<_>>());
        let (sources, unsupported) = support::check_quotes(
            &texts,
            &library.initiatives,
            &library.initiatives_file,
            &library.organisations,
            &library.organisations_file,
        );
        quote_sources = sources;
        errors.extend(relative(unsupported));
        for (report, body) in library.reports.iter().zip(&report_bodies) {
            errors.extend(relative(support::check_link_texts(report, body)));
        }
    }
    let bodies: Vec<&str> = library.reports.iter().map(|r| r.body.as_str()).collect();
    errors.extend(relative(initiatives::check_aliases(
        &matcher,
        &library.initiatives,
        &library.initiatives_file,
        &bodies,
    )));
    let mentions = MentionIndex::new(
        library.initiatives.len(),
        &report_bodies
            .iter()
            .map(|b| b.mentions.as_slice())
            .collect::<Vec<_>>(),
    );
    let topic_intros = library
        .topics
        .iter()
        .map(|t| markdown::render_plain(&t.body, config.trusted_html))
        .collect();
    errors.into_result(Site {
        config,
        urls,
        library,
        report_bodies,
        topic_intros,
        mentions,
        quote_sources,
    })
}

/// Loads, parses, indexes and renders the whole site into the sink that `open` makes once
/// the config is known (so nothing is opened for a site that does not load).
fn produce<S: Sink>(
    opts: &BuildOptions,
    open: impl FnOnce(&Config) -> anyhow::Result<S>,
    mut cache: Option<&mut Cache>,
    keep_markdown: bool,
) -> Result<(S, Site, SearchFigures, usize, Timings), BuildError> {
    let mut timings = Timings::default();
    let Loaded {
        config,
        theme,
        library,
    } = timings.time("load", || load(opts))?;
    let sink = open(&config)?;
    let mut site = timings.time("parse", || {
        parse(config, library, &opts.root, cache.as_deref_mut())
    })?;
    if !keep_markdown {
        // Parsed, the Markdown is needed no more by a build (check reads it again for links
        // and readability, and gets to keep it): a large site's text is held once less.
        for report in &mut site.library.reports {
            report.body = String::new();
        }
    }
    let scripts_gzip_bytes: usize = theme
        .static_files
        .iter()
        .filter(|(name, _)| name.ends_with(".js"))
        .map(|(_, bytes)| search::gzip_len(bytes))
        .sum();
    let naming = match cache {
        Some(_) => search::Naming::Fixed,
        None => search::Naming::Fingerprinted,
    };
    // serve, after its first build, makes the index once the pages are out (`index_later`).
    let (path, search) = if cache.as_deref().is_some_and(|c| c.index_later) {
        (naming.path(&[]), SearchFigures::default())
    } else {
        timings.time("index", || {
            index_into(&site, scripts_gzip_bytes, &sink, naming)
        })?
    };
    render::render(
        &site,
        &theme,
        &[(search::MAIN_FILE, path)],
        &sink,
        &mut timings,
        cache.map(|c| &mut c.pages),
    )?;
    Ok((sink, site, search, scripts_gzip_bytes, timings))
}

/// Stage *index*: every file of the search index into `sink`; the main file's path (which
/// templates link to) and the index's figures.
fn index_into(
    site: &Site,
    scripts_gzip_bytes: usize,
    sink: &dyn Sink,
    naming: search::Naming,
) -> anyhow::Result<(String, SearchFigures)> {
    let index = search::index(site, scripts_gzip_bytes, sink, naming)?;
    let figures = SearchFigures {
        documents: index.documents,
        shards: index.shards,
        bytes: index.bytes,
        first_gzip_bytes: scripts_gzip_bytes + index.main_gzip_bytes,
    };
    let path = index.main.path.clone();
    sink.put(index.main)?;
    Ok((path, figures))
}

/// The search index of a site rendered without it (serve, `Cache::index_later`): its files.
pub fn search_files(built: &Built) -> anyhow::Result<Vec<OutputFile>> {
    let memory = Memory::default();
    index_into(
        &built.site,
        built.scripts_gzip_bytes,
        &memory,
        search::Naming::Fixed,
    )?;
    Ok(memory.into_files())
}

/// Loads, parses, indexes and renders the whole site in memory, writing nothing. With a
/// `cache` (serve), only what changed since the last build is rendered again.
pub fn render_all(opts: &BuildOptions, cache: Option<&mut Cache>) -> Result<Built, BuildError> {
    let (memory, site, search, scripts_gzip_bytes, timings) =
        produce(opts, |_| Ok(Memory::default()), cache, true)?;
    Ok(Built {
        site,
        files: memory.into_files(),
        search,
        scripts_gzip_bytes,
        timings,
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
    let (staging, _site, search, _, mut timings) = produce(
        opts,
        |config| {
            output = output_dir(config, opts);
            Staging::begin(&output, &opts.root)
        },
        None,
        false,
    )?;
    let (files, pages) = staging.counts();
    let started = Instant::now();
    staging.commit()?;
    timings.add("write", started.elapsed());
    Ok(Summary {
        pages,
        files,
        output,
        search,
        timings,
    })
}
