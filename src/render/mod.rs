//! Pages from templates: every page of the site rendered with Tera; plus the open data files.
//!
//! Pages are not minified: at 1,000 reports minify-html took a quarter of the build's CPU time
//! (about 0.7 of 2.9 CPU-s) for 3 % fewer bytes after gzip (6.04 against 6.23 MB of HTML; 5 %
//! on the real site's 59 pages), and the templates hold almost no whitespace to take out.
//!
//! Templates never compute links themselves: each page gets `root` (the way back to the site
//! root, from [`Urls::root`](crate::urls::Urls::root)) and every item carries its site `path`,
//! so a link in a template is always `{{ root }}{{ item.path }}`.

mod cache;
mod data;
mod headers;
mod keys;
pub use headers::WEBMASTER_FILE;
mod pages;
mod value;
pub mod views;

use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex};

use serde::Serialize;
use tera::{Context, Tera};

use cache::Made;
pub use cache::PageCache;
use pages::PageSpec;
use value::HashWriter;

use crate::error::{BuildError, ContentError, ContentErrors};
use crate::output::{Bytes, OutputFile, Sink};
use crate::parsed::{ReportId, Site};
use crate::theme::Theme;
use crate::urls::{self, Origin, file_for};
use rayon::prelude::*;
use std::time::{Duration, Instant};
use views::Views;

#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: &'a str,
    base_url: &'a str,
    language: &'a str,
    /// Who made the reports of every round, named once: the footer.
    makers: views::Makers,
    /// The municipality's public contact route, shown on every page when set (WCAG 3.2.6).
    contact: Option<crate::config::Contact<'a>>,
}

/// How long rendering took, how many pages were rendered, and which only concepts make.
pub struct RenderStats {
    pub took: Duration,
    /// The site paths of the pages a plain build does not make (empty without `published`).
    pub concept_pages: Vec<String>,
    /// Pages rendered, not taken from the page cache.
    pub rendered: usize,
}

/// Which pages a render makes.
#[derive(Debug, Clone, Copy)]
pub enum Pages<'a> {
    /// Every page, and the files beside them: static files, sitemaps, feeds, open data.
    All,
    /// Only the pages of these reports: `serve`'s fast path, after an edit of them. Only
    /// their views are made, not the whole site's lists, which take most of a full render.
    /// The page cache is read, not written: the full render after it keeps its own pages.
    Reports(&'a [ReportId]),
}

/// Renders the pages of the site that `pages` asks for into `sink`, each as soon as it is
/// made, and for the whole site its static and data files. Pages that did not change since the last build (`serve`) are taken from `cache` instead of
/// rendered; a build's cache is off. `published` is the site a plain build would make of a
/// `site` with concepts (see [`concept_banners`]).
pub fn render(
    site: &Site,
    theme: &Theme,
    sink: &dyn Sink,
    cache: &mut PageCache,
    published: Option<&Site>,
    pages: Pages,
) -> Result<RenderStats, BuildError> {
    let started = Instant::now();
    let tera = cache.templates(theme)?;
    let put = |file: OutputFile| sink.put(file).map_err(BuildError::Other);
    if let Pages::Reports(ids) = pages {
        // The static files are served already: only their names are needed here.
        let assets = assets(theme, &|_| Ok(()))?;
        let few = views::ReportPages::new(site, ids);
        let mut specs = pages::of_reports(&few);
        // Whether a page differs because of concepts takes the whole site to tell: as the
        // last full render found it.
        for page in &mut specs {
            page.changed = cache.changed.contains(&page.path);
        }
        let made = render_pages(&tera, theme, site, &assets, specs, cache, &put)?;
        return Ok(RenderStats {
            took: started.elapsed(),
            concept_pages: Vec::new(),
            rendered: made.iter().filter(|m| m.fresh).count(),
        });
    }
    let assets = assets(theme, &put)?;
    let views = Views::kept(site, &mut cache.organisations);
    let lap = crate::steps::lap("render: templates, assets, views", started);
    // The keys of what reports and initiatives are made from, for the page and data memos.
    let keys = cache.on.then(|| keys::Keys::new(site, &views));
    let lap = crate::steps::lap("render: keys", lap);
    let summaries: Vec<&views::ReportSummary> = views.reports.iter().map(|r| &r.summary).collect();
    let mut pages = pages::all(&views, &summaries, keys.as_ref());
    if let Some(published) = published {
        concept_banners(&mut pages, published);
    }
    let concept_pages: Vec<String> = pages
        .iter()
        .filter(|p| p.concept)
        .map(|p| p.path.clone())
        .collect();
    let sitemap: Vec<String> = pages
        .iter()
        .filter(|p| !p.anywhere && !p.concept)
        .map(|p| site.urls.absolute(&p.path))
        .collect();
    let lap = crate::steps::lap("render: page list", lap);
    let made = render_pages(&tera, theme, site, &assets, pages, cache, &put)?;
    let rendered = made.iter().filter(|m| m.fresh).count();
    cache.keep(theme, made);
    let lap = crate::steps::lap("render: pages", lap);

    for (template, path, ctx) in sitemaps(&site.urls, sitemap, SITEMAP_LIMIT) {
        let text = render_one(&tera, theme, template, &ctx)?;
        put(OutputFile::new(path, text))?;
    }
    for file in data::files(site, &views, keys.as_ref(), &mut cache.data) {
        put(file)?;
    }
    let lap = crate::steps::lap("render: sitemaps, data", lap);
    feeds(
        &tera,
        theme,
        site,
        &views,
        keys.as_ref(),
        &mut cache.feeds,
        &put,
    )?;
    host_files(site, &put)?;
    crate::steps::lap("render: feeds, host files", lap);
    Ok(RenderStats {
        took: started.elapsed(),
        concept_pages,
        rendered,
    })
}

/// The files for the host: the security headers, when the site asks for them, and the note
/// for the web administrator.
fn host_files(
    site: &Site,
    put: &dyn Fn(OutputFile) -> Result<(), BuildError>,
) -> Result<(), BuildError> {
    // The editor's folder, when the site has one, gets its own policy (`editor::csp`).
    let editor = site
        .config
        .editor
        .as_ref()
        .map(|e| (e.folder(), crate::editor::csp::online(e)));
    let editor = editor.as_ref().map(|(f, c)| (f.as_str(), c.as_str()));
    if site.config.security_headers {
        headers::files(site.urls.base_path(), editor)
            .into_iter()
            .try_for_each(put)?;
    }
    if let Some(note) = headers::webmaster(&site.urls, site.config.security_headers, editor) {
        put(note)?;
    }
    Ok(())
}

/// Renders `pages` in parallel (each taken from `cache` when its inputs hash as before) and
/// hands each to `put`.
fn render_pages(
    tera: &Tera,
    theme: &Theme,
    site: &Site,
    assets: &BTreeMap<String, String>,
    pages: Vec<PageSpec>,
    cache: &PageCache,
    put: &(dyn Fn(OutputFile) -> Result<(), BuildError> + Sync),
) -> Result<Vec<Made>, BuildError> {
    let shared = Shared::new(site, assets, tera, theme);
    let known = cache.known(theme);
    // What every page's context holds alike, hashed once (only when pages are cached).
    let shared_hash = cache.on.then(|| shared.hash());
    // Pages are independent: render and hand them over in parallel.
    pages
        .into_par_iter()
        .map(|page| render_page(tera, theme, site, &shared, page, shared_hash, known, put))
        .collect()
}

/// Marks the pages that show concepts, given the site a plain build would publish: a page it
/// does not have only exists because of concepts (`concept`: the banner "Concept — nog niet
/// gepubliceerd", and never in the sitemap); a page it has with other values (another list of
/// reports, a mention more, another count) only differs because of them (`changed`: a banner
/// that says so). The values are compared as the page cache compares them, so every change
/// counts and no list of what shows what is kept.
fn concept_banners(pages: &mut [PageSpec], published: &Site) {
    let views = Views::new(published);
    let summaries: Vec<&views::ReportSummary> = views.reports.iter().map(|r| &r.summary).collect();
    let before: HashMap<String, u64> = pages::all(&views, &summaries, None)
        .par_iter()
        .map(|p| (p.path.clone(), p.values_hash()))
        .collect();
    pages
        .par_iter_mut()
        .for_each(|page| match before.get(&page.path) {
            None => page.concept = true,
            Some(hash) => page.changed = !page.concept && *hash != page.values_hash(),
        });
}

/// The most addresses one sitemap file may hold (sitemaps.org).
const SITEMAP_LIMIT: usize = 50_000;

/// The sitemap and `robots.txt`, each as (template, path, context): one `sitemap.xml`, or past
/// `limit` addresses the parts `sitemap-<n>.xml` and `sitemap.xml` as their index, so
/// `robots.txt` names one address either way.
fn sitemaps(
    site: &urls::Urls,
    urls: Vec<String>,
    limit: usize,
) -> Vec<(&'static str, String, Context)> {
    let mut files = Vec::new();
    let main = urls::SITEMAP.to_owned();
    if urls.len() <= limit {
        let mut ctx = Context::new();
        ctx.insert("urls", &urls);
        files.push(("sitemap.xml", main, ctx));
    } else {
        let mut parts = Vec::new();
        for (i, chunk) in urls.chunks(limit).enumerate() {
            let path = urls::sitemap_part(i + 1);
            parts.push(site.absolute(&path));
            let mut ctx = Context::new();
            ctx.insert("urls", chunk);
            files.push(("sitemap.xml", path, ctx));
        }
        let mut ctx = Context::new();
        ctx.insert("sitemaps", &parts);
        files.push(("sitemap-index.xml", main, ctx));
    }
    let mut ctx = Context::new();
    ctx.insert("sitemap_url", &site.absolute(urls::SITEMAP));
    files.push(("robots.txt", "robots.txt".to_owned(), ctx));
    files
}

/// The site path of every file templates link to by name: the theme's static files (handed to
/// `put`) and the search index's first file, which the index stage writes at one address in
/// every mode.
fn assets(
    theme: &Theme,
    put: &dyn Fn(OutputFile) -> Result<(), BuildError>,
) -> Result<BTreeMap<String, String>, BuildError> {
    let mut assets = static_files(theme, put)?;
    assets.insert(
        crate::search::MAIN_FILE.to_owned(),
        crate::search::MAIN_PATH.to_owned(),
    );
    Ok(assets)
}

/// The theme's static files into the output; CSS and JS named by their content, so hosts can
/// cache them forever. Returns each file's name in the theme and its site path.
fn static_files(
    theme: &Theme,
    put: &dyn Fn(OutputFile) -> Result<(), BuildError>,
) -> Result<BTreeMap<String, String>, BuildError> {
    let mut assets = BTreeMap::new();
    for (name, bytes) in &theme.static_files {
        let out = crate::theme::static_path(name, bytes);
        assets.insert(name.clone(), out.clone());
        put(OutputFile::new(out, bytes.clone()))?;
    }
    Ok(assets)
}

/// How many reports a feed holds, the newest: a feed reader shows what is new, and every
/// report stays on the site and in the open data. Cut here, not in the template, so a feed
/// of 10,000 reports' site makes and hashes 50 entries, not every report's.
const FEED_ENTRIES: usize = 50;

// Longer than most: the feeds' contents, then each feed taken from the memo or rendered.
/// Atom feeds, the newest [`FEED_ENTRIES`] reports first: one of all reports (`feed.xml`) and
/// one per theme (`themas/<slug>/feed.xml`). Absolute links from `base_url`; concepts never in
/// a feed. Each feed is handed to `put` before the next is made. With `keys` (`serve`), a feed
/// whose reports' keys (only those it shows), templates and titles are as in the last build is
/// the one `memo` kept.
fn feeds(
    tera: &Tera,
    theme: &Theme,
    site: &Site,
    views: &Views,
    keys: Option<&keys::Keys>,
    memo: &mut crate::memo::Memo<Bytes>,
    put: &dyn Fn(OutputFile) -> Result<(), BuildError>,
) -> Result<(), BuildError> {
    let published = |(_, r): &(ReportId, &views::Report)| !r.summary.concept;
    let mut all: Vec<(ReportId, &views::Report)> = views
        .reports
        .iter()
        .enumerate()
        .map(|(id, r)| (ReportId(id), r))
        .filter(published)
        .collect();
    all.reverse();
    all.truncate(FEED_ENTRIES);
    // A feed with no entries yet says the site's newest report (Atom needs a date; none is
    // invented).
    let Some(newest) = all
        .first()
        .map(|(_, r)| format!("{}T00:00:00Z", r.summary.date))
    else {
        return Ok(()); // nothing published yet: no feed to follow
    };
    let mut feeds = vec![(
        urls::FEED.to_owned(),
        site.config.title.clone(),
        String::new(),
        all,
    )];
    for topic in &views.topics {
        let mut reports: Vec<(ReportId, &views::Report)> = topic
            .years
            .iter()
            .flat_map(|g| g.items.iter().map(|id| (*id, &views.reports[id.0])))
            .filter(published)
            .collect();
        reports.sort_by(|(_, a), (_, b)| b.summary.date.cmp(&a.summary.date));
        reports.truncate(FEED_ENTRIES);
        feeds.push((
            urls::topic_feed(&topic.slug),
            format!("{}: {}", site.config.title, topic.title),
            topic.path.clone(),
            reports,
        ));
    }
    let templates = templates_hash(theme);
    let mut kept = Vec::new();
    for (path, title, page, reports) in feeds {
        // Everything the feed is made from: its reports (by their keys), its names and address,
        // the site's newest report and the templates.
        let key = || {
            let reports = keys?.of_listed(reports.iter().map(|(id, _)| *id));
            let base = site.urls.base_url();
            Some(crate::memo::fingerprint((
                reports,
                templates,
                &path,
                &title,
                &page,
                &newest,
                &site.config.title,
                base,
            )))
        };
        let (key, found) = memo.find(key);
        if let Some(bytes) = found {
            kept.push((key, Bytes::clone(&bytes)));
            put(OutputFile { path, bytes })?;
            continue;
        }
        // Typed entries borrow the reports' text: the context's JSON is their only copy.
        let entries: Vec<FeedEntry> = reports
            .iter()
            .map(|(id, r)| {
                let view = views.report(*id);
                FeedEntry {
                    id: site.urls.absolute(&r.summary.path),
                    title: format!("{}, {}", r.summary.title, r.summary.short_date),
                    updated: format!("{}T00:00:00Z", r.summary.date),
                    summary: &view.description,
                    author: &view.made_by,
                }
            })
            .collect();
        let mut ctx = Context::new();
        ctx.insert("id", &site.urls.absolute(&path));
        ctx.insert("title", &title);
        ctx.insert("alternate", &site.urls.absolute(&page));
        ctx.insert("author", &site.config.title);
        let updated = entries.first().map_or(&newest, |e| &e.updated);
        ctx.insert("updated", updated);
        ctx.insert("entries", &entries);
        drop(entries);
        let text = render_one(tera, theme, "feed.xml", &ctx)?;
        drop(ctx);
        let bytes = Bytes::new(text);
        kept.push((key, Bytes::clone(&bytes)));
        put(OutputFile { path, bytes })?;
    }
    memo.keep(kept);
    Ok(())
}

/// One report in a feed.
#[derive(Serialize)]
struct FeedEntry<'a> {
    id: String,
    title: String,
    updated: String,
    summary: &'a str,
    author: &'a str,
}

/// A hash of the theme's templates: when one changes, every cached page is stale.
pub(super) fn templates_hash(theme: &Theme) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    theme
        .templates
        .iter()
        .for_each(|(n, (s, _))| (n, s).hash(&mut h));
    h.finish()
}

/// What every page's template context holds alike, and the parts of pages made once.
struct Shared<'a> {
    site: SiteView<'a>,
    assets: &'a BTreeMap<String, String>,
    /// `site` and `assets` as a template context, made once: each page's context starts as a
    /// copy of it (copying made values is cheaper than turning the views into them again).
    context: Context,
    tera: &'a Tera,
    theme: &'a Theme,
    /// The header and footer made so far, by the way to the root and the menu's section.
    frames: Mutex<HashMap<(String, String), Arc<Frame>>>,
}

/// A page's header and footer, as `partials/header.html` and `partials/footer.html` write
/// them. They read only the site's values, the way to the root (`root`) and which section of
/// the menu the page is in (`section`), so they are the same on every page at one depth of one
/// section, and each is rendered by Tera once for each, then set into the pages whole
/// (`base.html`): rendered on every page they were 9 % of Tera's time at 1,000 reports
/// (BENCHMARKS.md, "Render: Tera's lookups").
struct Frame {
    header: String,
    footer: String,
}

impl<'a> Shared<'a> {
    fn new(
        site: &'a Site,
        assets: &'a BTreeMap<String, String>,
        tera: &'a Tera,
        theme: &'a Theme,
    ) -> Shared<'a> {
        let site = SiteView {
            title: &site.config.title,
            description: &site.config.description,
            base_url: site.urls.base_url(),
            language: &site.config.language,
            makers: views::makers(site),
            contact: site.config.contact(),
        };
        let mut context = Context::new();
        context.insert("site", &site);
        context.insert("assets", assets);
        Shared {
            site,
            assets,
            context,
            tera,
            theme,
            frames: Mutex::default(),
        }
    }

    fn hash(&self) -> u64 {
        let mut h = HashWriter(std::hash::DefaultHasher::new());
        serde_json::to_writer(&mut h, &(&self.site, self.assets)).expect("writing to a hasher");
        h.0.finish()
    }

    /// The header and footer of a page at `root` in `section`: the ones made already, or
    /// rendered now. Pages render in parallel: two may render the same pair at once (the same
    /// bytes), and the lock is never held while Tera works.
    fn frame(&self, root: &str, section: &str) -> Result<Arc<Frame>, BuildError> {
        let key = (root.to_owned(), section.to_owned());
        let made = |frames: &HashMap<_, Arc<Frame>>| frames.get(&key).map(Arc::clone);
        if let Some(frame) = made(&self.frames.lock().unwrap_or_else(|e| e.into_inner())) {
            return Ok(frame);
        }
        let mut context = self.context.clone();
        context.insert("root", root);
        context.insert("section", section);
        let part = |name: &str| {
            self.tera
                .render(name, &context)
                .map_err(|e| template_error(self.theme, &e))
        };
        let frame = Arc::new(Frame {
            header: part("partials/header.html")?,
            footer: part("partials/footer.html")?,
        });
        let mut frames = self.frames.lock().unwrap_or_else(|e| e.into_inner());
        Ok(Arc::clone(frames.entry(key).or_insert(frame)))
    }
}

/// The section of the site a page at `path` is in, as the header's menu is told it
/// (`section`): the first folder of its path ("themas/", "organisaties/", "zoeken/"), or "" for
/// a page at the site's root (the home page, the 404 page). Which menu item that makes current
/// is the template's rule alone, so a theme can add an item for any folder.
fn section_of(path: &str) -> &str {
    path.find('/').map_or("", |end| &path[..=end])
}

/// Renders one page (or takes it from the cache when its inputs hash as before) and hands it
/// to `put`.
#[allow(clippy::too_many_arguments)] // the render's shared state, passed as it is
fn render_page(
    tera: &Tera,
    theme: &Theme,
    site: &Site,
    shared: &Shared,
    spec: PageSpec,
    shared_hash: Option<u64>,
    known: Option<&HashMap<String, (u64, Bytes)>>,
    put: &(dyn Fn(OutputFile) -> Result<(), BuildError> + Sync),
) -> Result<Made, BuildError> {
    let origin = if spec.anywhere {
        Origin::Anywhere
    } else {
        Origin::Page(&spec.path)
    };
    let root = site.urls.root(origin);
    let path = file_for(&spec.path);
    // The same template with the same values makes the same page. What `page` holds is hashed
    // field by field (its address is the path's, with the site's address in `shared`),
    // without making it as JSON first, which is only for a page rendered: serve keeps 11,000
    // pages after an edit at 10,000 reports, and renders one to three.
    let hash = shared_hash.map(|shared| {
        let mut h = HashWriter(std::hash::DefaultHasher::new());
        (shared, spec.template, &root, &spec.path).hash(&mut h.0);
        (spec.anywhere, &spec.crumbs, spec.concept, spec.changed).hash(&mut h.0);
        spec.pagination.hash(&mut h.0);
        for (key, value) in &spec.values {
            key.hash(&mut h.0);
            value.write_key(&mut h);
        }
        h.0.finish()
    });
    if let (Some(hash), Some((old, bytes))) = (hash, known.and_then(|k| k.get(&path)))
        && *old == hash
    {
        // The kept bytes are handed on, not copied: served and kept, they are one buffer.
        put(OutputFile {
            path: path.clone(),
            bytes: Bytes::clone(bytes),
        })?;
        return Ok(Made {
            fresh: false,
            kept: Some((path, (hash, Bytes::clone(bytes)))),
            changed: spec.changed.then_some(spec.path),
        });
    }
    let mut page_view = serde_json::json!({
        "path": spec.path,
        "canonical": site.urls.absolute(&spec.path),
        "anywhere": spec.anywhere,
        "crumbs": spec.crumbs,
        "concept": spec.concept,
        "changed": spec.changed,
    });
    if let Some(pagination) = &spec.pagination {
        page_view["pagination"] = serde_json::json!(pagination);
    }
    let frame = shared.frame(&root, section_of(&spec.path))?;
    let mut context = shared.context.clone();
    for (key, value) in &spec.values {
        value.put_into(key, &mut context);
    }
    context.insert("root", &root);
    context.insert("header", &frame.header);
    context.insert("footer", &frame.footer);
    // Moved in as it is: `insert` would write the made value out into a copy of itself.
    let page = serde_json::json!({ "page": page_view });
    context.extend(Context::from_value(page).expect("an object is a context"));
    let html = render_one(tera, theme, spec.template, &context)?;
    let bytes = Bytes::new(html);
    let kept = hash.map(|hash| (path.clone(), (hash, Bytes::clone(&bytes))));
    put(OutputFile { path, bytes })?;
    Ok(Made {
        fresh: true,
        kept,
        changed: spec.changed.then_some(spec.path),
    })
}

pub(super) fn load_templates(theme: &Theme) -> Result<Tera, ContentErrors> {
    let mut tera = Tera::default();
    tera.set_escape_fn(escape_html);
    let all: Vec<(&str, &str)> = theme
        .templates
        .iter()
        .map(|(n, (s, _))| (n.as_str(), s.as_str()))
        .collect();
    tera.add_raw_templates(all)
        .map_err(|e| template_error(theme, &e))?;
    Ok(tera)
}

/// The bytes of one file from a template. Written into a buffer the size of a large page from
/// the start: `Tera::render` starts at 2 KB and copies a page of 30–260 KB over as it grows,
/// then checks the whole page is UTF-8, which everything Tera writes is already.
fn render_one(
    tera: &Tera,
    theme: &Theme,
    name: &str,
    ctx: &Context,
) -> Result<Vec<u8>, ContentErrors> {
    let mut out = Vec::with_capacity(PAGE_BYTES);
    tera.render_to(name, ctx, &mut out)
        .map_err(|e| template_error(theme, &e))?;
    // Up to 256 files wait for the writer (`output::Staging`): each holds only its own bytes.
    out.shrink_to_fit();
    Ok(out)
}

/// What a buffer for a page starts with: most pages of a large site fit.
const PAGE_BYTES: usize = 64 * 1024;

/// A template problem named by the template's file (or as built in). Tera's own chain of
/// causes (English, the variable or tag that is wrong) is the technical part, shown with
/// `--uitleg` and in `check --format json`, as every system's words are.
fn template_error(theme: &Theme, e: &tera::Error) -> ContentErrors {
    let mut chain = vec![e.to_string()];
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        chain.push(s.to_string());
        source = s.source();
    }
    let named = theme
        .templates
        .iter()
        .find(|(n, _)| chain.iter().any(|c| c.contains(&format!("'{n}'"))));
    let file = match named {
        Some((_, (_, Some(path)))) => path.clone(),
        Some((n, (_, None))) => format!("(ingebouwd sjabloon) {n}").into(),
        None => format!("themes/{}/templates", theme.name).into(),
    };
    // Tera names the template it was rendering, not the partial that failed inside it: a
    // built-in template that fails while the theme has files of its own most likely fails on
    // one of them; with none, the fault is in the program.
    let own = theme.templates.values().any(|(_, path)| path.is_some());
    let hint = match named {
        Some((_, (_, Some(_)))) => {
            "herstel het sjabloon, of haal het weg: dan gebruikt de site het ingebouwde".to_owned()
        }
        _ if own => format!(
            "controleer de eigen sjablonen in themes/{}/templates/ (herstel ze, of haal ze weg); met --uitleg ziet u wat niet klopt",
            theme.name
        ),
        _ => "dit is een fout in vindplaats zelf: meld hem, met de technische melding (--uitleg)"
            .to_owned(),
    };
    ContentError::new(file, 0, "fout in een sjabloon van het ontwerp")
        .hint(hint)
        .technical(chain.join(" — "))
        .into()
}

/// Text for HTML, inside elements and quoted attributes (every template quotes its
/// attributes). Tera's own escaping also writes `/` as `&#x2F;`, which only an unquoted
/// attribute would need; pages are no longer minified, so every link would carry it.
fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    // The text between two characters to escape is copied at once, not char by char (the
    // five are ASCII, so every byte found is a whole character).
    let mut from = 0;
    for (at, byte) in text.bytes().enumerate() {
        let escaped = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#x27;",
            _ => continue,
        };
        out.push_str(&text[from..at]);
        out.push_str(escaped);
        from = at + 1;
    }
    out.push_str(&text[from..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_in_the_section_of_its_first_folder() {
        for (path, section) in [
            ("", ""),
            ("themas/", "themas/"),
            ("themas/eenzaamheid/", "themas/"),
            ("rapporten/pagina/2/", "rapporten/"),
            ("initiatieven/buurthuis/", "initiatieven/"),
            ("zoeken/", "zoeken/"),
            ("organisaties/", "organisaties/"),
            ("edities/2023/", "edities/"),
            ("404.html", ""),
        ] {
            assert_eq!(section_of(path), section, "{path}");
        }
    }

    #[test]
    fn a_long_sitemap_is_split_under_an_index() {
        let site = urls::Urls::new("https://example.org/a/").unwrap();
        let addresses = |n: usize| {
            (0..n)
                .map(|i| format!("https://example.org/a/{i}/"))
                .collect()
        };
        let files = |n| -> Vec<(&str, String)> {
            sitemaps(&site, addresses(n), 2)
                .into_iter()
                .map(|(t, p, _)| (t, p))
                .collect()
        };
        assert_eq!(
            files(2),
            [
                ("sitemap.xml", "sitemap.xml".to_owned()),
                ("robots.txt", "robots.txt".to_owned())
            ]
        );
        assert_eq!(
            files(5),
            [
                ("sitemap.xml", "sitemap-1.xml".to_owned()),
                ("sitemap.xml", "sitemap-2.xml".to_owned()),
                ("sitemap.xml", "sitemap-3.xml".to_owned()),
                ("sitemap-index.xml", "sitemap.xml".to_owned()),
                ("robots.txt", "robots.txt".to_owned())
            ]
        );
        let (_, _, index) = &sitemaps(&site, addresses(5), 2)[3];
        let tera = {
            let mut t = Tera::default();
            t.add_raw_template(
                "i",
                crate::theme::BUILTIN_TEMPLATES
                    .iter()
                    .find(|(n, _)| *n == "sitemap-index.xml")
                    .unwrap()
                    .1,
            )
            .unwrap();
            t
        };
        let xml = tera.render("i", index).unwrap();
        assert!(
            xml.contains("<sitemap><loc>https://example.org/a/sitemap-3.xml</loc></sitemap>"),
            "{xml}"
        );
        let (_, _, last) = &sitemaps(&site, addresses(5), 2)[2];
        assert_eq!(last.get("urls").unwrap().as_array().unwrap().len(), 1);
    }
}
