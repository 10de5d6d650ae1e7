//! The pipeline, in the order the data travels: load → parse Markdown → render → write.
//!
//! Every stage takes plain data and returns plain data; only [`load`](Site::load) reads files
//! and only [`build`] writes them, so `check` and the tests run the same pipeline without
//! touching the output folder.

use std::path::PathBuf;

use crate::config::{self, Config};
use crate::content::Library;
use crate::error::{BuildError, ContentErrors};
use crate::initiatives::{self, Matcher, MentionIndex};
use crate::markdown::{self, Linker, Rendered};
use crate::render::{self, OutputFile};
use crate::search;
use crate::theme::Theme;
use crate::urls::{Origin, Urls};

/// What a build is asked to do; `None` means "as the config says".
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The site root: the folder with `vindplaats.toml`, `content/` and `themes/`.
    pub root: PathBuf,
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
}

/// All content loaded, checked and rendered to HTML fragments: everything the templates need.
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
}

/// What a finished build wrote.
#[derive(Debug, Clone)]
pub struct Summary {
    /// HTML pages written.
    pub pages: usize,
    /// All files written, pages included.
    pub files: usize,
    pub output: PathBuf,
    /// Documents in the search index, and its size raw and gzip-compressed.
    pub search_documents: usize,
    pub search_bytes: usize,
    pub search_gzip_bytes: usize,
}

impl Site {
    /// Reads and checks the config, the theme and all content. Every content problem is
    /// reported, with paths relative to the site root.
    pub fn load(opts: &BuildOptions) -> Result<(Site, Theme), BuildError> {
        let root = &opts.root;
        let relative = |e: ContentErrors| {
            ContentErrors(e.0.into_iter().map(|e| e.relative_to(root)).collect())
        };
        let mut config = Config::from_root(root).map_err(relative)?;
        if let Some(url) = &opts.base_url {
            Urls::new(url).map_err(|m| BuildError::Other(anyhow::anyhow!("--base-url: {m}")))?;
            config.base_url = url.clone();
        }
        let config_file = root.join(config::FILE_NAME);

        let mut errors = ContentErrors::default();
        let theme = Theme::load(root, &config.theme, &config_file).map_err(&relative);
        let library = Library::load(&root.join("content")).map_err(&relative);
        let (theme, library) = match (theme, library) {
            (Ok(t), Ok(l)) => (t, l),
            (t, l) => {
                errors.extend(t.err().unwrap_or_default());
                errors.extend(l.err().unwrap_or_default());
                return Err(errors.sorted().into());
            }
        };

        let urls = config.urls();
        let matcher = Matcher::new(&library.initiatives);
        let mut report_bodies = Vec::with_capacity(library.reports.len());
        for r in &library.reports {
            let page = r.path();
            let hrefs: Vec<String> = library
                .initiatives
                .iter()
                .map(|i| urls.href(Origin::Page(&page), &i.path()))
                .collect();
            let linker = Linker {
                matcher: &matcher,
                hrefs: &hrefs,
            };
            match markdown::render(&r.file, &r.body, r.body_line, Some(&linker)) {
                Ok(rendered) => report_bodies.push(rendered),
                Err(e) => errors.extend(relative(e)),
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
            .map(|t| markdown::render_plain(&t.body))
            .collect();
        let site = Site {
            config,
            urls,
            library,
            report_bodies,
            topic_intros,
            mentions,
        };
        Ok((errors.into_result(site)?, theme))
    }

    /// The output folder: `--output`, else the config's `output_dir`, relative to the root.
    pub fn output_dir(&self, opts: &BuildOptions) -> PathBuf {
        match &opts.output {
            Some(o) => o.clone(),
            None => opts.root.join(&self.config.output_dir),
        }
    }
}

/// A site built in memory: every file, and the search index's figures.
pub struct Built {
    pub site: Site,
    pub files: Vec<OutputFile>,
    pub search_documents: usize,
    pub search_bytes: usize,
    pub search_gzip_bytes: usize,
}

/// Loads, indexes and renders the whole site in memory, writing nothing.
pub fn render_all(opts: &BuildOptions) -> Result<Built, BuildError> {
    let (site, theme) = Site::load(opts)?;
    let index = search::index(&site);
    let (search_bytes, search_gzip_bytes) = (index.file.bytes.len(), index.gzip_bytes);
    let files = render::render(
        &site,
        &theme,
        vec![("search-index.js".to_owned(), index.file)],
    )?;
    Ok(Built {
        site,
        files,
        search_documents: index.documents,
        search_bytes,
        search_gzip_bytes,
    })
}

/// The whole build: load, index, render, and swap the new site into the output folder.
pub fn build(opts: &BuildOptions) -> Result<Summary, BuildError> {
    let rendered = render_all(opts)?;
    let output = rendered.site.output_dir(opts);
    crate::output::write(&rendered.files, &output, &opts.root)?;
    Ok(Summary {
        pages: rendered
            .files
            .iter()
            .filter(|f| f.path.ends_with(".html"))
            .count(),
        files: rendered.files.len(),
        output,
        search_documents: rendered.search_documents,
        search_bytes: rendered.search_bytes,
        search_gzip_bytes: rendered.search_gzip_bytes,
    })
}
