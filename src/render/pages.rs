//! Which pages the site has: one builder per page kind, each saying where the page goes, which
//! template renders it and which values the template sees. What the pages *say* (titles, meta
//! descriptions, every sentence) is in the templates; the breadcrumb trail is structure, named
//! by the section names of [`NAV`].

use std::collections::HashMap;

use serde::Serialize;

use super::cache::{PageValue, Value};
use super::views::{self, Link, Views};
use crate::urls;

/// The site's sections as the breadcrumbs name them (the header names them the same way).
pub(super) struct Nav {
    pub(super) topics: (&'static str, &'static str),
    pub(super) reports: (&'static str, &'static str),
    pub(super) initiatives: (&'static str, &'static str),
    pub(super) organisations: (&'static str, &'static str),
    pub(super) search: (&'static str, &'static str),
    pub(super) accessibility: (&'static str, &'static str),
    pub(super) editions: (&'static str, &'static str),
}

pub(super) const NAV: Nav = Nav {
    topics: (urls::TOPICS, "Thema's"),
    reports: (urls::REPORTS, "Verslagen"),
    initiatives: (urls::INITIATIVES, "Initiatieven"),
    organisations: (urls::ORGANISATIONS, "Organisaties"),
    search: (urls::SEARCH, "Zoeken"),
    accessibility: (urls::ACCESSIBILITY, "Toegankelijkheid"),
    editions: (urls::EDITIONS, "Edities"),
};

/// A page to render: its site path, template and page-specific values.
pub(super) struct PageSpec<'a> {
    pub(super) path: String,
    pub(super) template: &'static str,
    pub(super) values: Vec<Value<'a>>,
    /// Served by hosts at any address (the 404 page): links must be absolute.
    pub(super) anywhere: bool,
    /// The trail from the home page (not included) to this page (included, last).
    pub(super) crumbs: Vec<Link>,
    /// Not yet published: never in the sitemap.
    pub(super) concept: bool,
}

impl<'a> PageSpec<'a> {
    fn new(path: impl Into<String>, template: &'static str) -> Self {
        PageSpec {
            path: path.into(),
            template,
            values: Vec::new(),
            anywhere: false,
            crumbs: Vec::new(),
            concept: false,
        }
    }

    fn with<T: Serialize + Sync + ?Sized>(mut self, key: &'static str, value: &'a T) -> Self {
        self.values
            .push((key, Box::new(value) as Box<dyn PageValue + 'a>));
        self
    }

    /// A value made for this page only, moved into it.
    fn with_owned<T: Serialize + Send + Sync + 'a>(mut self, key: &'static str, value: T) -> Self {
        self.values.push((key, Box::new(value)));
        self
    }

    fn crumbs(mut self, crumbs: &[(&str, &str)]) -> Self {
        self.crumbs = crumbs
            .iter()
            .map(|(path, title)| Link {
                path: (*path).to_owned(),
                title: (*title).to_owned(),
                note: String::new(),
            })
            .collect();
        self
    }
}

/// Every page of the site, in a fixed order.
pub(super) fn all<'a>(
    views: &'a Views<'a>,
    summaries: &'a [&'a views::ReportSummary],
) -> Vec<PageSpec<'a>> {
    let mut pages = lists(views, summaries);
    pages.extend(editions(views));
    pages.extend(topics(views));
    pages.extend(reports(views));
    pages.extend(initiatives(views));
    pages.push(not_found());
    pages
}

/// The home page and the pages that list or explain the whole site.
fn lists<'a>(views: &'a Views<'a>, summaries: &'a [&'a views::ReportSummary]) -> Vec<PageSpec<'a>> {
    vec![
        PageSpec::new(urls::HOME, "index.html")
            .with("editions", &views.editions)
            .with("topics", &views.topics)
            .with("reports", summaries)
            .with_owned("initiative_count", views.initiatives.len())
            .with_owned("organisation_count", views.participating_organisations),
        PageSpec::new(NAV.topics.0, "topics.html")
            .with("topics", &views.topics)
            .crumbs(&[NAV.topics]),
        PageSpec::new(NAV.reports.0, "reports.html")
            .with("reports", summaries)
            .crumbs(&[NAV.reports]),
        PageSpec::new(NAV.initiatives.0, "initiatives.html")
            .with("initiatives", &views.initiatives)
            .with("by_mentioned_as", &views.by_mentioned_as)
            .with("by_year", &views.by_year)
            .with("by_topic", &views.by_topic)
            .with("by_kind", &views.by_kind)
            .crumbs(&[NAV.initiatives]),
        PageSpec::new(NAV.organisations.0, "organisations.html")
            .with("organisations", &views.organisations)
            .with_owned("organisation_count", views.participating_organisations)
            .crumbs(&[NAV.organisations]),
        PageSpec::new(NAV.search.0, "search.html")
            .with("topics", &views.topics)
            .with("editions", &views.editions)
            .crumbs(&[NAV.search]),
        PageSpec::new(NAV.editions.0, "editions.html")
            .with("editions", &views.editions)
            .crumbs(&[NAV.editions]),
        PageSpec::new(NAV.accessibility.0, "accessibility.html").crumbs(&[NAV.accessibility]),
    ]
}

/// One page per edition (yearly round).
fn editions<'a>(views: &'a Views<'a>) -> impl Iterator<Item = PageSpec<'a>> {
    views.editions.iter().map(|edition| {
        let s = &edition.summary;
        let mut page = PageSpec::new(s.path.as_str(), "edition.html")
            .with("edition", edition)
            .crumbs(&[NAV.editions, (&s.path, &s.title)]);
        page.concept = s.concept;
        page
    })
}

/// One page per topic, with the outline of each of its reports.
fn topics<'a>(views: &'a Views<'a>) -> impl Iterator<Item = PageSpec<'a>> {
    views.topics.iter().map(|topic| {
        PageSpec::new(topic.path.as_str(), "topic.html")
            .with("topic", topic)
            .with_owned(
                "years",
                topic
                    .years
                    .iter()
                    .map(|group| views::YearGroup {
                        year: group.year,
                        items: group
                            .items
                            .iter()
                            .map(|&id| views::ReportOutline {
                                summary: &views.reports[id.0].summary,
                                sections: &views.reports[id.0].outline,
                            })
                            .collect::<Vec<_>>(),
                    })
                    .collect::<Vec<_>>(),
            )
            .crumbs(&[NAV.topics, (&topic.path, &topic.title)])
    })
}

/// One page per report, with the previous and next report of its topic.
fn reports<'a>(views: &'a Views<'a>) -> Vec<PageSpec<'a>> {
    // Previous and next of the same topic, found in one pass (not a search per report).
    let mut last_of_topic: HashMap<&str, usize> = HashMap::new();
    let mut previous: Vec<Option<usize>> = vec![None; views.reports.len()];
    let mut next: Vec<Option<usize>> = vec![None; views.reports.len()];
    for (i, report) in views.reports.iter().enumerate() {
        if let Some(p) = last_of_topic.insert(&report.topic, i) {
            previous[i] = Some(p);
            next[p] = Some(i);
        }
    }
    views
        .reports
        .iter()
        .enumerate()
        .map(|(i, report)| {
            let s = &report.summary;
            let mut page = PageSpec::new(s.path.as_str(), "report.html")
                .with("report", report)
                .with_owned("previous", previous[i].map(|j| &views.reports[j].summary))
                .with_owned("next", next[i].map(|j| &views.reports[j].summary))
                .crumbs(&[
                    NAV.topics,
                    (&s.topic_path, &s.topic_title),
                    (&s.path, &format!("{}, {}", s.title, s.short_date)),
                ]);
            page.concept = s.concept;
            page
        })
        .collect()
}

/// One page per initiative.
fn initiatives<'a>(views: &'a Views<'a>) -> impl Iterator<Item = PageSpec<'a>> {
    views.initiatives.iter().map(|initiative| {
        PageSpec::new(initiative.path.as_str(), "initiative.html")
            .with("initiative", initiative)
            .crumbs(&[NAV.initiatives, (&initiative.path, &initiative.name)])
    })
}

/// The page hosts serve for an address that does not exist.
fn not_found<'a>() -> PageSpec<'a> {
    let mut page = PageSpec::new(urls::NOT_FOUND, "404.html");
    page.anywhere = true;
    page
}
