//! Pages from templates: every page of the site rendered with Tera, then minified.
//!
//! Templates never compute links themselves: each page gets `root` (the way back to the site
//! root, from [`Urls::root`]) and every item carries its site `path`, so a link in a template is
//! always `{{ root }}{{ item.path }}`.

use std::collections::BTreeMap;

use serde::Serialize;
use sha2::{Digest, Sha256};
use tera::{Context, Tera};

use crate::content::{Report, Topic};
use crate::error::{BuildError, ContentError, ContentErrors};
use crate::markdown::Section;
use crate::site::Site;
use crate::theme::Theme;
use crate::urls::{Origin, file_for};

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

#[derive(Serialize)]
struct TopicView<'a> {
    slug: &'a str,
    path: String,
    title: &'a str,
    description: &'a str,
    intro_html: &'a str,
    reports: Vec<ReportView<'a>>,
}

#[derive(Serialize)]
struct PersonView<'a> {
    name: &'a str,
    role: &'a str,
    organisation: &'a str,
    part: &'static str,
}

#[derive(Serialize)]
struct LinkView<'a> {
    path: String,
    title: &'a str,
    date_text: String,
}

#[derive(Serialize)]
struct ReportView<'a> {
    slug: &'a str,
    path: String,
    title: &'a str,
    topic: &'a str,
    topic_title: &'a str,
    topic_path: String,
    date: String,
    date_text: String,
    short_date: String,
    start_text: String,
    end_text: String,
    start: &'a str,
    end: &'a str,
    location: &'a str,
    participants: u32,
    organisations: &'a [String],
    people: Vec<PersonView<'a>>,
    description: &'a str,
    corrections: &'a [crate::content::Correction],
    sections: &'a [Section],
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
    crumbs: Vec<Crumb>,
}

#[derive(Serialize)]
struct Crumb {
    path: String,
    title: String,
}

fn crumb(path: impl Into<String>, title: impl Into<String>) -> Crumb {
    Crumb {
        path: path.into(),
        title: title.into(),
    }
}

/// Renders every page and static file of the site.
pub fn render(site: &Site, theme: &Theme) -> Result<Vec<OutputFile>, BuildError> {
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

    let lib = &site.library;
    let topics: Vec<TopicView> = lib
        .topics
        .iter()
        .enumerate()
        .map(|(i, t)| topic_view(site, t, &site.topic_intros[i]))
        .collect();
    let reports: Vec<ReportView> = lib
        .reports
        .iter()
        .enumerate()
        .map(|(i, r)| report_view(site, r, &site.report_bodies[i].sections))
        .collect();

    let mut pages = Vec::new();
    let mut ctx = Context::new();
    ctx.insert("topics", &topics);
    ctx.insert("reports", &reports);
    pages.push(PageSpec {
        path: String::new(),
        template: "index.html",
        title: site.config.title.clone(),
        description: site.config.description.clone(),
        context: ctx,
        anywhere: false,
        crumbs: vec![],
    });
    let mut ctx = Context::new();
    ctx.insert("topics", &topics);
    pages.push(PageSpec {
        path: "themas/".into(),
        template: "topics.html",
        title: "Thema's".into(),
        description: format!(
            "De {} thema's van de thematafels van {}.",
            topics.len(),
            site.config.title
        ),
        context: ctx,
        anywhere: false,
        crumbs: vec![crumb("themas/", "Thema's")],
    });
    let mut ctx = Context::new();
    ctx.insert("reports", &reports);
    pages.push(PageSpec {
        path: "rapporten/".into(),
        template: "reports.html",
        title: "Rapporten".into(),
        description: format!(
            "Alle {} verslagen van de thematafels van {}, op datum.",
            reports.len(),
            site.config.title
        ),
        context: ctx,
        anywhere: false,
        crumbs: vec![crumb("rapporten/", "Rapporten")],
    });
    for topic in &topics {
        let mut ctx = Context::new();
        ctx.insert("topic", topic);
        pages.push(PageSpec {
            path: topic.path.clone(),
            template: "topic.html",
            title: format!("Thema {}", topic.title),
            description: topic.description.to_owned(),
            context: ctx,
            anywhere: false,
            crumbs: vec![
                crumb("themas/", "Thema's"),
                crumb(topic.path.clone(), topic.title),
            ],
        });
    }
    for (i, report) in reports.iter().enumerate() {
        let same_topic = |j: &usize| reports[*j].topic == report.topic;
        let prev = (0..i)
            .rev()
            .find(same_topic)
            .map(|j| link_view(&reports[j]));
        let next = (i + 1..reports.len())
            .find(same_topic)
            .map(|j| link_view(&reports[j]));
        let mut ctx = Context::new();
        ctx.insert("report", report);
        ctx.insert("previous", &prev);
        ctx.insert("next", &next);
        pages.push(PageSpec {
            path: report.path.clone(),
            template: "report.html",
            title: format!("{} ({})", report.title, report.short_date),
            description: report.description.to_owned(),
            context: ctx,
            anywhere: false,
            crumbs: vec![
                crumb("themas/", "Thema's"),
                crumb(report.topic_path.clone(), report.topic_title),
                crumb(
                    report.path.clone(),
                    format!("{}, {}", report.title, report.short_date),
                ),
            ],
        });
    }
    pages.push(PageSpec {
        path: "404.html".into(),
        template: "404.html",
        title: "Pagina niet gevonden".into(),
        description: "Deze pagina bestaat niet (meer).".into(),
        context: Context::new(),
        anywhere: true,
        crumbs: vec![],
    });

    let site_view = SiteView {
        title: &site.config.title,
        description: &site.config.description,
        base_url: site.urls.base_url(),
        language: &site.config.language,
    };
    let mut sitemap = Vec::new();
    for mut page in pages {
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
        if !page.anywhere {
            sitemap.push(site.urls.absolute(&page.path));
        }
        files.push(OutputFile {
            path: file_for(&page.path),
            bytes: minify(&html),
        });
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
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

fn topic_view<'a>(site: &'a Site, t: &'a Topic, intro_html: &'a str) -> TopicView<'a> {
    TopicView {
        slug: &t.slug,
        path: t.path(),
        title: &t.title,
        description: &t.description,
        intro_html,
        reports: site
            .library
            .reports
            .iter()
            .enumerate()
            .filter(|(_, r)| r.topic == t.slug)
            .map(|(i, r)| report_view(site, r, &site.report_bodies[i].sections))
            .collect(),
    }
}

fn report_view<'a>(site: &'a Site, r: &'a Report, sections: &'a [Section]) -> ReportView<'a> {
    let topic = site
        .library
        .topic(&r.topic)
        .expect("topics checked in Library::load");
    ReportView {
        slug: &r.slug,
        path: r.path(),
        title: &r.title,
        topic: &r.topic,
        topic_title: &topic.title,
        topic_path: topic.path(),
        date: r.date.to_string(),
        date_text: r.date_text(),
        short_date: crate::text::dutch_short_date(r.date),
        start_text: crate::text::dutch_time(&r.start),
        end_text: crate::text::dutch_time(&r.end),
        start: &r.start,
        end: &r.end,
        location: &r.location,
        participants: r.participants,
        organisations: &r.organisations,
        people: r
            .people
            .iter()
            .map(|p| PersonView {
                name: &p.name,
                role: &p.role,
                organisation: &p.organisation,
                part: p.part.label(),
            })
            .collect(),
        description: &r.description,
        corrections: &r.corrections,
        sections,
    }
}

fn link_view<'a>(r: &ReportView<'a>) -> LinkView<'a> {
    LinkView {
        path: r.path.clone(),
        title: r.title,
        date_text: r.short_date.clone(),
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
