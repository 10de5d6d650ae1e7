//! Pages from templates: every page of the site rendered with Tera, then minified; plus the
//! open data files.
//!
//! Templates never compute links themselves: each page gets `root` (the way back to the site
//! root, from [`Urls::root`](crate::urls::Urls::root)) and every item carries its site `path`,
//! so a link in a template is always `{{ root }}{{ item.path }}`.

mod data;
pub mod views;

use std::collections::BTreeMap;

use serde::Serialize;
use sha2::{Digest, Sha256};
use tera::{Context, Tera};

use crate::error::{BuildError, ContentError, ContentErrors};
use crate::site::{Site, Timings};
use crate::theme::Theme;
use crate::urls::{Origin, file_for};
use rayon::prelude::*;
use std::time::{Duration, Instant};
use views::{Link, Views};

/// One file of the finished site, with its path relative to the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: &'a str,
    base_url: &'a str,
    language: &'a str,
}

/// A page to render: its site path, template and page-specific values.
struct PageSpec {
    path: String,
    template: &'static str,
    title: String,
    description: String,
    context: Context,
    /// Served by hosts at any address (the 404 page): links must be absolute.
    anywhere: bool,
    /// The trail from the home page (not included) to this page (included, last).
    crumbs: Vec<Link>,
}

impl PageSpec {
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
            context: Context::new(),
            anywhere: false,
            crumbs: Vec::new(),
        }
    }

    fn with<T: Serialize + ?Sized>(mut self, key: &str, value: &T) -> Self {
        self.context.insert(key, value);
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

const TOPICS: (&str, &str) = ("themas/", "Thema's");
const REPORTS: (&str, &str) = ("rapporten/", "Rapporten");
const INITIATIVES: (&str, &str) = ("initiatieven/", "Initiatieven");
const ORGANISATIONS: (&str, &str) = ("organisaties/", "Organisaties");
const SEARCH: (&str, &str) = ("zoeken/", "Zoeken");
const ACCESSIBILITY: (&str, &str) = ("toegankelijkheid/", "Toegankelijkheid");

/// Renders every page, static file and data file of the site. `generated` are files made by
/// earlier stages (the search index), by the name templates know them under.
pub fn render(
    site: &Site,
    theme: &Theme,
    generated: Vec<(String, OutputFile)>,
    timings: &mut Timings,
) -> Result<Vec<OutputFile>, BuildError> {
    let started = Instant::now();
    let mut minifying = Duration::ZERO;
    let tera = load_templates(theme)?;
    let mut files = Vec::new();

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
        files.push(OutputFile {
            path: out,
            bytes: bytes.clone(),
        });
    }
    for (name, file) in generated {
        assets.insert(name, file.path.clone());
        files.push(file);
    }

    let views = Views::new(site);
    let title = &site.config.title;
    let mut pages = vec![
        PageSpec::new("", "index.html", title.as_str(), site.config.description.as_str())
            .with("topics", &views.topics)
            .with("reports", &views.reports.iter().map(|r| &r.summary).collect::<Vec<_>>())
            .with("initiative_count", &views.initiatives.len())
            .with("organisation_count", &views.organisations.len()),
        PageSpec::new(TOPICS.0, "topics.html", TOPICS.1, format!("De {} thema's van de thematafels van {title}.", views.topics.len()))
            .with("topics", &views.topics)
            .crumbs(&[TOPICS]),
        PageSpec::new(
            REPORTS.0,
            "reports.html",
            REPORTS.1,
            format!("Alle {} verslagen van de thematafels van {title}, op datum.", views.reports.len()),
        )
        .with("reports", &views.reports.iter().map(|r| &r.summary).collect::<Vec<_>>())
        .crumbs(&[REPORTS]),
        PageSpec::new(
            INITIATIVES.0,
            "initiatives.html",
            INITIATIVES.1,
            format!(
                "{} initiatieven, plekken en goede voorbeelden die professionals noemden aan de thematafels van {title}.",
                views.initiatives.len()
            ),
        )
        .with("initiatives", &views.initiatives)
        .with("by_topic", &views.by_topic)
        .with("by_kind", &views.by_kind)
        .crumbs(&[INITIATIVES]),
        PageSpec::new(
            ORGANISATIONS.0,
            "organisations.html",
            ORGANISATIONS.1,
            format!("De {} organisaties die meededen aan de thematafels van {title}.", views.organisations.len()),
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
            .crumbs(&[TOPICS, (&topic.path, &topic.title)]),
        );
    }
    for (i, report) in views.reports.iter().enumerate() {
        let same_topic = |j: &usize| views.reports[*j].topic == report.topic;
        let prev = (0..i)
            .rev()
            .find(same_topic)
            .map(|j| &views.reports[j].summary);
        let next = (i + 1..views.reports.len())
            .find(same_topic)
            .map(|j| &views.reports[j].summary);
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
            .with("previous", &prev)
            .with("next", &next)
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
    // Pages are independent: render and minify them in parallel, in a stable order.
    let rendered: Vec<Result<(OutputFile, Duration), ContentErrors>> = pages
        .into_par_iter()
        .map(|mut page| {
            let origin = if page.anywhere {
                Origin::Anywhere
            } else {
                Origin::Page(&page.path)
            };
            page.context.insert("site", &site_view);
            page.context.insert("root", &site.urls.root(origin));
            page.context.insert("assets", &assets);
            page.context.insert(
                "page",
                &serde_json::json!({
                    "path": page.path,
                    "title": page.title,
                    "description": page.description,
                    "canonical": site.urls.absolute(&page.path),
                    "anywhere": page.anywhere,
                    "crumbs": page.crumbs,
                }),
            );
            let html = render_one(&tera, theme, page.template, &page.context)?;
            let minify_started = Instant::now();
            let bytes = minify(&html);
            Ok((
                OutputFile {
                    path: file_for(&page.path),
                    bytes,
                },
                minify_started.elapsed(),
            ))
        })
        .collect();
    for result in rendered {
        let (file, took) = result?;
        minifying += took;
        files.push(file);
    }

    let mut ctx = Context::new();
    ctx.insert("urls", &sitemap);
    ctx.insert("sitemap_url", &site.urls.absolute("sitemap.xml"));
    for (template, path) in [("sitemap.xml", "sitemap.xml"), ("robots.txt", "robots.txt")] {
        let text = render_one(&tera, theme, template, &ctx)?;
        files.push(OutputFile {
            path: path.into(),
            bytes: text.into_bytes(),
        });
    }
    files.extend(data::files(site, &views));
    if site.config.security_headers {
        files.push(security_headers(site.urls.base_path()));
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    // Minifying runs inside the parallel render: its share is CPU time, summed over pages.
    timings.add("render", started.elapsed());
    timings.add("minify (cpu)", minifying);
    Ok(files)
}

/// `_headers` for Netlify and Cloudflare Pages: a strict Content-Security-Policy (the site
/// needs nothing but its own files), no MIME sniffing, no referrer to other sites, and
/// fingerprinted static files cached for a year.
fn security_headers(base_path: &str) -> OutputFile {
    let text = format!(
        "{base_path}*\n  Content-Security-Policy: default-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'\n  \
         X-Content-Type-Options: nosniff\n  Referrer-Policy: strict-origin-when-cross-origin\n\
         {base_path}static/*\n  Cache-Control: public, max-age=31536000, immutable\n"
    );
    OutputFile {
        path: "_headers".into(),
        bytes: text.into_bytes(),
    }
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
