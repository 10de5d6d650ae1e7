//! Pages from templates: every page of the site rendered with Tera, then minified; plus the
//! open data files.
//!
//! Templates never compute links themselves: each page gets `root` (the way back to the site
//! root, from [`Urls::root`](crate::urls::Urls::root)) and every item carries its site `path`,
//! so a link in a template is always `{{ root }}{{ item.path }}`.

mod data;
mod headers;
pub mod views;

use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};

use serde::Serialize;
use sha2::{Digest, Sha256};
use tera::{Context, Tera};

use crate::error::{BuildError, ContentError, ContentErrors};
use crate::output::{OutputFile, Sink};
use crate::parsed::Site;
use crate::theme::Theme;
use crate::urls::{self, Origin, file_for};
use rayon::prelude::*;
use std::time::{Duration, Instant};
use views::{Link, Views};

#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: &'a str,
    base_url: &'a str,
    language: &'a str,
}

/// A value of a page's template context, kept as its typed view until the page is rendered
/// (a large site's contexts are never all in memory at once), and hashed as it is for the
/// page cache without making a context at all.
trait PageValue: Send + Sync {
    fn put_into(&self, key: &str, context: &mut Context);
    fn write_json(&self, out: &mut HashWriter);
}

impl<T: Serialize + Send + Sync> PageValue for T {
    fn put_into(&self, key: &str, context: &mut Context) {
        context.insert(key, self);
    }

    fn write_json(&self, out: &mut HashWriter) {
        serde_json::to_writer(out, self).expect("writing to a hasher");
    }
}

type Value<'a> = (&'static str, Box<dyn PageValue + 'a>);

/// A page to render: its site path, template and page-specific values.
struct PageSpec<'a> {
    path: String,
    template: &'static str,
    title: String,
    description: String,
    values: Vec<Value<'a>>,
    /// Served by hosts at any address (the 404 page): links must be absolute.
    anywhere: bool,
    /// The trail from the home page (not included) to this page (included, last).
    crumbs: Vec<Link>,
}

impl<'a> PageSpec<'a> {
    fn new(
        path: impl Into<String>,
        template: &'static str,
        title: impl Into<String>,
        description: impl Into<String>,
    ) -> Self {
        PageSpec {
            path: path.into(),
            template,
            title: title.into(),
            description: description.into(),
            values: Vec::new(),
            anywhere: false,
            crumbs: Vec::new(),
        }
    }

    fn with<T: Serialize + Sync + ?Sized>(mut self, key: &'static str, value: &'a T) -> Self {
        self.values.push((key, Box::new(value)));
        self
    }

    /// A value made for this page only, moved into it.
    fn with_owned<T: Serialize + Send + Sync + 'a>(mut self, key: &'static str, value: T) -> Self {
        self.values.push((key, Box::new(value)));
        self
    }

    fn crumbs(mut self, crumbs: &[(&str, &str)]) -> Self {
        self.crumbs = crumbs.iter().map(|(p, t)| crumb(p, t)).collect();
        self
    }
}

fn crumb(path: &str, title: &str) -> Link {
    Link {
        path: path.to_owned(),
        title: title.to_owned(),
        note: String::new(),
    }
}

const TOPICS: (&str, &str) = (urls::TOPICS, "Thema's");
const REPORTS: (&str, &str) = (urls::REPORTS, "Verslagen");
const INITIATIVES: (&str, &str) = (urls::INITIATIVES, "Initiatieven");
const ORGANISATIONS: (&str, &str) = (urls::ORGANISATIONS, "Organisaties");
const SEARCH: (&str, &str) = ("zoeken/", "Zoeken");
const ACCESSIBILITY: (&str, &str) = ("toegankelijkheid/", "Toegankelijkheid");

/// The pages of the last build with a hash of what each was made from (its template context,
/// and the theme's templates): a page whose context hashes the same is the same page, so only
/// pages whose content changed are rendered again. No list of what depends on what to keep
/// up to date: a report edit re-renders its page, its topic page, the pages of the initiatives
/// it mentions, the lists it is in, and nothing else.
#[derive(Default)]
pub struct PageCache {
    templates: u64,
    pages: HashMap<String, (u64, Vec<u8>)>,
    /// Pages rendered by the last build (the others came from the cache).
    pub rendered: usize,
}

/// What became of one page: its minifying time, whether it was rendered (or came from the
/// cache), and what the cache keeps of it.
struct Made {
    minify: Duration,
    fresh: bool,
    kept: Option<(String, (u64, Vec<u8>))>,
}

/// Writes into a hasher, so a context is hashed without being written out.
struct HashWriter(std::hash::DefaultHasher);

impl std::io::Write for HashWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.write(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// How long rendering took: all of it, and the CPU time of minifying (summed over pages, as
/// it runs inside the parallel render).
pub struct RenderStats {
    pub took: Duration,
    pub minifying: Duration,
}

/// Renders every page, static file and data file of the site into `sink`, each as soon as it
/// is made. `generated` names the files earlier stages make (the search index): the name
/// templates know each under, and its path. With a `cache` (serve), pages that did not change
/// are taken from it instead of rendered.
pub fn render(
    site: &Site,
    theme: &Theme,
    generated: &[(&str, String)],
    sink: &dyn Sink,
    cache: Option<&mut PageCache>,
) -> Result<RenderStats, BuildError> {
    let started = Instant::now();
    let tera = load_templates(theme)?;
    let templates = {
        let mut h = std::hash::DefaultHasher::new();
        theme
            .templates
            .iter()
            .for_each(|(n, (s, _))| (n, s).hash(&mut h));
        h.finish()
    };
    let known = cache
        .as_deref()
        .filter(|c| c.templates == templates)
        .map(|c| &c.pages);
    let keep = cache.is_some();
    let put = |file: OutputFile| sink.put(file).map_err(BuildError::Other);

    // Static files, CSS and JS fingerprinted so hosts can cache them forever.
    let mut assets = BTreeMap::new();
    for (name, bytes) in &theme.static_files {
        let out = match name.rsplit_once('.') {
            Some((stem, ext)) if ext == "css" || ext == "js" => {
                let hash = Sha256::digest(bytes);
                let short: String = hash.iter().take(5).map(|b| format!("{b:02x}")).collect();
                format!("static/{stem}.{short}.{ext}")
            }
            _ => format!("static/{name}"),
        };
        assets.insert(name.clone(), out.clone());
        put(OutputFile {
            path: out,
            bytes: bytes.clone(),
        })?;
    }
    for (name, path) in generated {
        assets.insert((*name).to_owned(), path.clone());
    }

    let views = Views::new(site);
    let summaries: Vec<&views::ReportSummary> = views.reports.iter().map(|r| &r.summary).collect();
    let title = &site.config.title;
    let mut pages = vec![
        PageSpec::new("", "index.html", title.as_str(), site.config.description.as_str())
            .with("topics", &views.topics)
            .with("reports", &summaries)
            .with_owned("initiative_count", views.initiatives.len())
            .with_owned("organisation_count", views.participating_organisations),
        PageSpec::new(TOPICS.0, "topics.html", TOPICS.1, format!("De {} thema's van de thematafels van {title}.", views.topics.len()))
            .with("topics", &views.topics)
            .crumbs(&[TOPICS]),
        PageSpec::new(
            REPORTS.0,
            "reports.html",
            REPORTS.1,
            format!("Alle {} verslagen van de thematafels van {title}, op datum.", views.reports.len()),
        )
        .with("reports", &summaries)
        .crumbs(&[REPORTS]),
        PageSpec::new(
            INITIATIVES.0,
            "initiatives.html",
            INITIATIVES.1,
            format!(
                "{} initiatieven, plekken en ideeën die professionals noemden aan de thematafels van {title}.",
                views.initiatives.len()
            ),
        )
        .with("initiatives", &views.initiatives)
        .with("by_mentioned_as", &views.by_mentioned_as)
        .with("by_topic", &views.by_topic)
        .with("by_kind", &views.by_kind)
        .crumbs(&[INITIATIVES]),
        PageSpec::new(
            ORGANISATIONS.0,
            "organisations.html",
            ORGANISATIONS.1,
            format!("De {} organisaties die meededen aan de thematafels van {title}.", views.participating_organisations),
        )
        .with("organisations", &views.organisations)
        .crumbs(&[ORGANISATIONS]),
        PageSpec::new(SEARCH.0, "search.html", SEARCH.1, format!("Zoek in de verslagen, thema's en initiatieven van {title}."))
            .crumbs(&[SEARCH]),
        PageSpec::new(
            ACCESSIBILITY.0,
            "accessibility.html",
            ACCESSIBILITY.1,
            format!("Hoe toegankelijk is {title}? Welke norm de site volgt, hoe dat is getest en hoe u een probleem meldt."),
        )
        .crumbs(&[ACCESSIBILITY]),
    ];
    for topic in &views.topics {
        pages.push(
            PageSpec::new(
                topic.path.as_str(),
                "topic.html",
                format!("Thema {}", topic.title),
                topic.description.as_str(),
            )
            .with("topic", topic)
            .with_owned(
                "reports",
                topic
                    .reports
                    .iter()
                    .map(|&id| views::ReportOutline {
                        summary: &views.reports[id.0].summary,
                        sections: &views.reports[id.0].outline,
                    })
                    .collect::<Vec<_>>(),
            )
            .crumbs(&[TOPICS, (&topic.path, &topic.title)]),
        );
    }
    // Previous and next report of the same topic, found in one pass (not a search per report).
    let mut last_of_topic: HashMap<&str, usize> = HashMap::new();
    let mut previous: Vec<Option<usize>> = vec![None; views.reports.len()];
    let mut next: Vec<Option<usize>> = vec![None; views.reports.len()];
    for (i, report) in views.reports.iter().enumerate() {
        if let Some(p) = last_of_topic.insert(&report.topic, i) {
            previous[i] = Some(p);
            next[p] = Some(i);
        }
    }
    for (i, report) in views.reports.iter().enumerate() {
        let prev = previous[i].map(|j| &views.reports[j].summary);
        let next = next[i].map(|j| &views.reports[j].summary);
        let s = &report.summary;
        let label = format!("{}, {}", s.title, s.short_date);
        pages.push(
            PageSpec::new(
                s.path.as_str(),
                "report.html",
                format!("{} ({})", s.title, s.short_date),
                report.description.as_str(),
            )
            .with("report", report)
            .with_owned("previous", prev)
            .with_owned("next", next)
            .crumbs(&[TOPICS, (&s.topic_path, &s.topic_title), (&s.path, &label)]),
        );
    }
    for initiative in &views.initiatives {
        pages.push(
            PageSpec::new(
                initiative.path.as_str(),
                "initiative.html",
                initiative.name.as_str(),
                format!(
                    "{} ({}): {}",
                    initiative.name, initiative.kind_label, initiative.description
                ),
            )
            .with("initiative", initiative)
            .crumbs(&[INITIATIVES, (&initiative.path, &initiative.name)]),
        );
    }
    let mut not_found = PageSpec::new(
        "404.html",
        "404.html",
        "Pagina niet gevonden",
        "Deze pagina bestaat niet (meer).",
    );
    not_found.anywhere = true;
    pages.push(not_found);

    let site_view = SiteView {
        title: &site.config.title,
        description: &site.config.description,
        base_url: site.urls.base_url(),
        language: &site.config.language,
    };
    let sitemap: Vec<String> = pages
        .iter()
        .filter(|p| !p.anywhere)
        .map(|p| site.urls.absolute(&p.path))
        .collect();
    // What every page's context holds alike, hashed once.
    let shared_hash = keep.then(|| {
        let mut h = HashWriter(std::hash::DefaultHasher::new());
        serde_json::to_writer(&mut h, &(&site_view, &assets)).expect("writing to a hasher");
        h.0.finish()
    });
    // Pages are independent: render, minify and hand them over in parallel.
    let made: Vec<Made> = pages
        .into_par_iter()
        .map(|page| {
            let origin = if page.anywhere {
                Origin::Anywhere
            } else {
                Origin::Page(&page.path)
            };
            let root = site.urls.root(origin);
            let page_view = serde_json::json!({
                "path": page.path,
                "title": page.title,
                "description": page.description,
                "canonical": site.urls.absolute(&page.path),
                "anywhere": page.anywhere,
                "crumbs": page.crumbs,
            });
            let path = file_for(&page.path);
            // The same template with the same values makes the same page.
            let hash = shared_hash.map(|shared| {
                let mut h = HashWriter(std::hash::DefaultHasher::new());
                (shared, page.template, &root, page_view.to_string()).hash(&mut h.0);
                for (key, value) in &page.values {
                    key.hash(&mut h.0);
                    value.write_json(&mut h);
                }
                h.0.finish()
            });
            if let (Some(hash), Some((old, bytes))) = (hash, known.and_then(|k| k.get(&path)))
                && *old == hash
            {
                put(OutputFile {
                    path: path.clone(),
                    bytes: bytes.clone(),
                })?;
                let kept = Some((path, (hash, bytes.clone())));
                return Ok(Made {
                    minify: Duration::ZERO,
                    fresh: false,
                    kept,
                });
            }
            let mut context = Context::new();
            for (key, value) in &page.values {
                value.put_into(key, &mut context);
            }
            context.insert("site", &site_view);
            context.insert("root", &root);
            context.insert("assets", &assets);
            context.insert("page", &page_view);
            let html = render_one(&tera, theme, page.template, &context)?;
            let minify_started = Instant::now();
            let bytes = minify(&html);
            let took = minify_started.elapsed();
            let kept = hash.map(|hash| (path.clone(), (hash, bytes.clone())));
            put(OutputFile { path, bytes })?;
            Ok(Made {
                minify: took,
                fresh: true,
                kept,
            })
        })
        .collect::<Result<_, BuildError>>()?;
    let minifying: Vec<Duration> = made.iter().map(|m| m.minify).collect();
    if let Some(cache) = cache {
        cache.rendered = made.iter().filter(|m| m.fresh).count();
        cache.templates = templates;
        cache.pages = made.into_iter().filter_map(|m| m.kept).collect();
    }

    let mut ctx = Context::new();
    ctx.insert("urls", &sitemap);
    ctx.insert("sitemap_url", &site.urls.absolute("sitemap.xml"));
    for (template, path) in [("sitemap.xml", "sitemap.xml"), ("robots.txt", "robots.txt")] {
        let text = render_one(&tera, theme, template, &ctx)?;
        put(OutputFile {
            path: path.into(),
            bytes: text.into_bytes(),
        })?;
    }
    for file in data::files(site, &views) {
        put(file)?;
    }
    if site.config.security_headers {
        headers::files(site.urls.base_path())
            .into_iter()
            .try_for_each(&put)?;
    }
    Ok(RenderStats {
        took: started.elapsed(),
        minifying: minifying.iter().sum(),
    })
}

fn load_templates(theme: &Theme) -> Result<Tera, ContentErrors> {
    let mut tera = Tera::default();
    let all: Vec<(&str, &str)> = theme
        .templates
        .iter()
        .map(|(n, (s, _))| (n.as_str(), s.as_str()))
        .collect();
    tera.add_raw_templates(all)
        .map_err(|e| template_error(theme, &e))?;
    Ok(tera)
}

fn render_one(
    tera: &Tera,
    theme: &Theme,
    name: &str,
    ctx: &Context,
) -> Result<String, ContentErrors> {
    tera.render(name, ctx)
        .map_err(|e| template_error(theme, &e))
}

/// A template problem named by the template's file (or as built in), with Tera's own chain of
/// causes, which says which variable or tag is wrong.
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
    ContentError::new(file, 0, "fout in een sjabloon van het ontwerp")
        .hint(chain.join(" — "))
        .into()
}

/// Minified HTML that still closes every element, so any HTML reader sees the same structure.
fn minify(html: &str) -> Vec<u8> {
    let cfg = minify_html::Cfg {
        keep_closing_tags: true,
        keep_html_and_head_opening_tags: true,
        ..minify_html::Cfg::default()
    };
    minify_html::minify(html.as_bytes(), &cfg)
}
