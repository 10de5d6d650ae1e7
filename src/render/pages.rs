//! Which pages the site has: one builder per page kind, each saying where the page goes, which
//! template renders it and which values the template sees. What the pages *say* (titles, meta
//! descriptions, every sentence) is in the templates; the breadcrumb trail is structure, named
//! by the section names of [`NAV`].

use std::collections::HashMap;
use std::ops::Range;

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

/// How many items a page of a list shows: a longer list (reports, a topic's or a round's
/// reports, initiatives, an initiative's mentions) goes on over more pages, so a page stays
/// small at any size of the site. No list of the real site is this long.
pub(super) const LIST_PAGE_SIZE: usize = 200;

/// Where a page stands among the pages of its list: for the pagination nav, the title and
/// `<link rel="prev/next">`. Absent when the list fits on one page.
#[derive(Debug, Clone, Serialize)]
pub(super) struct Pagination {
    /// From 1.
    pub(super) current: usize,
    pub(super) count: usize,
    /// Every page of the list, by number.
    pub(super) pages: Vec<PageNumber>,
    pub(super) previous: Option<String>,
    pub(super) next: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub(super) struct PageNumber {
    pub(super) number: usize,
    pub(super) path: String,
}

/// A list of `len` items at `list` cut into pages of [`LIST_PAGE_SIZE`]: each page's path, the
/// range of items it shows and its pagination (none when all fit on one page).
fn paginate(list: &str, len: usize) -> Vec<(String, Range<usize>, Option<Pagination>)> {
    let count = len.div_ceil(LIST_PAGE_SIZE).max(1);
    if count == 1 {
        return vec![(list.to_owned(), 0..len, None)];
    }
    let path = |n: usize| urls::list_page(list, n);
    let pages: Vec<PageNumber> = (1..=count)
        .map(|number| PageNumber {
            number,
            path: path(number),
        })
        .collect();
    (1..=count)
        .map(|n| {
            let start = (n - 1) * LIST_PAGE_SIZE;
            let pagination = Pagination {
                current: n,
                count,
                pages: pages.clone(),
                previous: (n > 1).then(|| path(n - 1)),
                next: (n < count).then(|| path(n + 1)),
            };
            (
                path(n),
                start..len.min(start + LIST_PAGE_SIZE),
                Some(pagination),
            )
        })
        .collect()
}

/// Items of one page regrouped under their headings (a year, a theme), in order: the groups
/// of a long list that fall on this page, each with its part.
fn regroup<K: PartialEq + Copy, T: Copy>(items: &[(K, T)]) -> Vec<(K, Vec<T>)> {
    let mut groups: Vec<(K, Vec<T>)> = Vec::new();
    for &(key, item) in items {
        match groups.last_mut() {
            Some((k, group)) if *k == key => group.push(item),
            _ => groups.push((key, vec![item])),
        }
    }
    groups
}

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
    /// Its place among the pages of a long list.
    pub(super) pagination: Option<Pagination>,
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
            pagination: None,
        }
    }

    /// Page `pagination.current` of a list: its place, and the page named last in the trail.
    fn page_of_list(mut self, pagination: Option<Pagination>) -> Self {
        if let Some(p) = &pagination
            && p.current > 1
        {
            self.crumbs.push(Link {
                path: self.path.clone(),
                title: format!("Pagina {}", p.current),
                note: String::new(),
            });
        }
        self.pagination = pagination;
        self
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
    let listed = |ids: &[crate::parsed::ReportId]| -> Vec<views::ListedReport<'a>> {
        ids.iter()
            .map(|id| (&views.reports[id.0].summary).into())
            .collect()
    };
    let organisations: Vec<OrganisationEntry> = views
        .organisations
        .iter()
        .map(|organisation| OrganisationEntry {
            organisation,
            reports: listed(&organisation.reports),
        })
        .collect();
    let home_reports: Vec<views::ListedReport> = summaries.iter().map(|s| (*s).into()).collect();
    let mut pages = vec![
        PageSpec::new(urls::HOME, "index.html")
            .with("editions", &views.editions)
            .with("topics", &views.topics)
            .with_owned("reports", home_reports)
            .with_owned("initiative_count", views.initiatives.len())
            .with_owned("organisation_count", views.participating_organisations),
        PageSpec::new(NAV.topics.0, "topics.html")
            .with("topics", &views.topics)
            .crumbs(&[NAV.topics]),
    ];
    for (path, range, pagination) in paginate(NAV.reports.0, summaries.len()) {
        pages.push(
            PageSpec::new(path, "reports.html")
                .with_owned("reports", &summaries[range])
                .with_owned("report_count", summaries.len())
                .crumbs(&[NAV.reports])
                .page_of_list(pagination),
        );
    }
    // The groups under the A–Z list repeat it: the template shows them on its first page.
    for (path, range, pagination) in paginate(NAV.initiatives.0, views.initiatives.len()) {
        pages.push(
            PageSpec::new(path, "initiatives.html")
                .with_owned("initiatives", &views.initiatives[range])
                .with_owned("initiative_count", views.initiatives.len())
                .with("by_mentioned_as", &views.by_mentioned_as)
                .with("by_year", &views.by_year)
                .with("by_topic", &views.by_topic)
                .with("by_kind", &views.by_kind)
                .crumbs(&[NAV.initiatives])
                .page_of_list(pagination),
        );
    }
    pages.extend([
        PageSpec::new(NAV.organisations.0, "organisations.html")
            .with_owned("organisations", organisations)
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
    ]);
    pages
}

/// An organisation on the organisations page, with the tables it took part in.
#[derive(Serialize)]
struct OrganisationEntry<'a> {
    #[serde(flatten)]
    organisation: &'a views::OrganisationView,
    reports: Vec<views::ListedReport<'a>>,
}

/// A round's reports on one page of its list, under their themes.
#[derive(Serialize)]
struct EditionTopicPage<'a> {
    title: &'a str,
    path: &'a str,
    reports: &'a [Link],
}

/// One page per edition (yearly round), more when it has many reports.
fn editions<'a>(views: &'a Views<'a>) -> impl Iterator<Item = PageSpec<'a>> {
    views.editions.iter().flat_map(|edition| {
        let s = &edition.summary;
        // Every report with its theme and place in that theme's list, in page order.
        let items: Vec<(usize, usize)> = edition
            .topics
            .iter()
            .enumerate()
            .flat_map(|(t, topic)| (0..topic.reports.len()).map(move |i| (t, i)))
            .collect();
        paginate(&s.path, items.len())
            .into_iter()
            .map(move |(path, range, pagination)| {
                let topics: Vec<EditionTopicPage> = regroup(&items[range])
                    .into_iter()
                    .map(|(t, reports)| {
                        let topic = &edition.topics[t];
                        EditionTopicPage {
                            title: &topic.title,
                            path: &topic.path,
                            reports: &topic.reports[reports[0]..=reports[reports.len() - 1]],
                        }
                    })
                    .collect();
                let mut page = PageSpec::new(path, "edition.html")
                    .with("edition", edition)
                    .with_owned("topics", topics)
                    .crumbs(&[NAV.editions, (&s.path, &s.title)])
                    .page_of_list(pagination);
                page.concept = s.concept;
                page
            })
            .collect::<Vec<_>>()
    })
}

/// One page per topic, with the outline of each of its reports; more when it has many.
fn topics<'a>(views: &'a Views<'a>) -> impl Iterator<Item = PageSpec<'a>> {
    views.topics.iter().flat_map(|topic| {
        let items: Vec<(u16, usize)> = topic
            .years
            .iter()
            .flat_map(|group| group.items.iter().map(|id| (group.year, id.0)))
            .collect();
        paginate(&topic.path, items.len())
            .into_iter()
            .map(|(path, range, pagination)| {
                let years: Vec<views::YearGroup<views::ReportOutline>> = regroup(&items[range])
                    .into_iter()
                    .map(|(year, ids)| views::YearGroup {
                        year,
                        items: ids
                            .into_iter()
                            .map(|id| views::ReportOutline {
                                summary: &views.reports[id].summary,
                                sections: &views.reports[id].outline,
                            })
                            .collect(),
                    })
                    .collect();
                // Each page names all the years the topic has, for the headings.
                PageSpec::new(path, "topic.html")
                    .with("topic", topic)
                    .with_owned("years", years)
                    .with_owned("year_count", topic.years.len())
                    .crumbs(&[NAV.topics, (&topic.path, &topic.title)])
                    .page_of_list(pagination)
            })
            .collect::<Vec<_>>()
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

/// One page per initiative, more when it is mentioned very often: its mentions by round.
fn initiatives<'a>(views: &'a Views<'a>) -> impl Iterator<Item = PageSpec<'a>> {
    views.initiatives.iter().flat_map(|initiative| {
        // The mentions as the page shows them: newest round first, in text order within one.
        let items: Vec<(u16, &views::MentionView)> = initiative
            .years
            .iter()
            .flat_map(|&year| {
                initiative
                    .mentions
                    .iter()
                    .filter(move |m| m.year == year)
                    .map(move |m| (year, m))
            })
            .collect();
        paginate(&initiative.path, items.len())
            .into_iter()
            .map(|(path, range, pagination)| {
                let years: Vec<views::YearGroup<&views::MentionView>> = regroup(&items[range])
                    .into_iter()
                    .map(|(year, items)| views::YearGroup { year, items })
                    .collect();
                PageSpec::new(path, "initiative.html")
                    .with("initiative", initiative)
                    .with_owned("mention_years", years)
                    .crumbs(&[NAV.initiatives, (&initiative.path, &initiative.name)])
                    .page_of_list(pagination)
            })
            .collect::<Vec<_>>()
    })
}

/// The page hosts serve for an address that does not exist.
fn not_found<'a>() -> PageSpec<'a> {
    let mut page = PageSpec::new(urls::NOT_FOUND, "404.html");
    page.anywhere = true;
    page
}
