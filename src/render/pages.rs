//! Which pages the site has: one builder per page kind, each saying where the page goes, which
//! template renders it and which values the template sees. What the pages *say* (titles, meta
//! descriptions, every sentence) is in the templates; the breadcrumb trail is structure, named
//! by the section names of [`NAV`]. A page's values stay typed until it is rendered, and are
//! hashed as they are ([`PageValue`]) for the page cache and the concept banner.

use std::hash::Hasher as _;
use std::ops::Range;

use serde::Serialize;

use super::keys::Keys;
use super::value::{HashWriter, Hashed, Keyed, PageValue, Value, hash_of};
use super::views::{self, Link, Views};
use crate::parsed::ReportId;
use crate::urls;
use tera::Context;

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

// How many items a page of a list shows (reports, a topic's or a round's reports, initiatives,
// an initiative's mentions, organisations, an organisation's tables). In `urls`, because a link
// to an organisation names the page of the list its entry is on.
use urls::LIST_PAGE_SIZE;

/// The most tables an organisation's entry on the organisations page lists. An entry with more
/// says how many per round, shows the newest [`ORGANISATION_NEWEST`] and links to the
/// organisation's own page with all of them, a list of [`LIST_PAGE_SIZE`] a page. So the
/// organisations page stays small however many tables one organisation joins (in a generated
/// site of 10,000 reports, thousands each). 20: the longest entry of the real site has 10 lines,
/// and a second round of six tables still fits.
const ORGANISATION_TABLES: usize = 20;

/// How many of its newest tables a cut entry on the organisations page shows.
const ORGANISATION_NEWEST: usize = 5;

/// The most reports the home page lists for one round: a longer round shows its newest and a
/// link to the round's page, which lists them all. A round of the real site has six.
const HOME_REPORTS_PER_ROUND: usize = 12;

/// Where a page stands among the pages of its list: for the pagination nav, the title and
/// `<link rel="prev/next">`. Absent when the list fits on one page.
#[derive(Debug, Clone, Hash, Serialize)]
pub(super) struct Pagination {
    /// From 1.
    pub(super) current: usize,
    pub(super) count: usize,
    /// Every page of the list, by number.
    pub(super) pages: Vec<PageNumber>,
    pub(super) previous: Option<String>,
    pub(super) next: Option<String>,
}

#[derive(Debug, Clone, Hash, Serialize)]
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
    /// Not yet published: a page only concepts make, never in the sitemap.
    pub(super) concept: bool,
    /// A published page that shows concepts (see `render::concept_banners`).
    pub(super) changed: bool,
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
            changed: false,
            pagination: None,
        }
    }

    /// A hash of what the page shows besides what every page shows alike: its template, its
    /// trail, its place in a list and its values.
    pub(super) fn values_hash(&self) -> u64 {
        use std::hash::Hash;
        let mut h = HashWriter(std::hash::DefaultHasher::new());
        self.template.hash(&mut h.0);
        serde_json::to_writer(&mut h, &(&self.crumbs, &self.pagination))
            .expect("writing to a hasher");
        for (key, value) in &self.values {
            key.hash(&mut h.0);
            value.write_json(&mut h);
        }
        h.0.finish()
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

    /// A value that says itself how it is hashed (see [`ReportValue`]).
    fn with_value(mut self, key: &'static str, value: impl PageValue + 'a) -> Self {
        self.values.push((key, Box::new(value)));
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

/// Every page of the site, in a fixed order. With `keys` (`serve`), the values made of reports
/// and initiatives are hashed for the page memo by their keys.
pub(super) fn all<'a>(
    views: &'a Views<'a>,
    summaries: &'a [&'a views::ReportSummary],
    keys: Option<&Keys>,
) -> Vec<PageSpec<'a>> {
    let mut pages = lists(views, summaries, keys);
    pages.extend(editions(views, keys.is_some()));
    pages.extend(topics(views, keys));
    pages.extend(reports(views, keys));
    pages.extend(initiatives(views, keys));
    pages.push(not_found());
    pages
}

/// The home page and the pages that list or explain the whole site.
fn lists<'a>(
    views: &'a Views<'a>,
    summaries: &'a [&'a views::ReportSummary],
    keys: Option<&Keys>,
) -> Vec<PageSpec<'a>> {
    let mut pages = vec![
        PageSpec::new(urls::HOME, "index.html")
            .with_owned(
                "lead",
                views
                    .editions
                    .first()
                    .map(|e| e.intro.html(&urls::up_to_root(urls::HOME))),
            )
            .with_owned("rounds", home_rounds(views))
            .with("topics", &views.topics)
            .with_owned("initiative_count", views.initiatives.len())
            // For the initiatives its own sentences name: each name links to its page.
            .with_owned(
                "initiative_paths",
                views
                    .initiatives
                    .iter()
                    .map(|i| (i.slug.as_str(), i.path.as_str()))
                    .collect::<std::collections::BTreeMap<_, _>>(),
            )
            .with_owned("organisation_counts", views.organisation_counts),
        PageSpec::new(NAV.topics.0, "topics.html")
            .with("topics", &views.topics)
            .crumbs(&[NAV.topics]),
    ];
    for (path, range, pagination) in paginate(NAV.reports.0, summaries.len()) {
        // Summaries are in id order.
        let key = keys.map(|k| k.of_listed(range.clone().map(ReportId)));
        pages.push(
            PageSpec::new(path, "reports.html")
                .with_value("reports", Keyed(&summaries[range], key))
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
    pages.extend(organisations(views));
    pages.extend([
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

/// A round on the home page: its newest reports, at most [`HOME_REPORTS_PER_ROUND`].
#[derive(Serialize)]
struct HomeRound<'a> {
    #[serde(flatten)]
    edition: &'a views::EditionSummary,
    /// In date order; newest first when the round has more than the page shows (`cut`).
    reports: Vec<views::ListedReport<'a>>,
    cut: bool,
}

/// The rounds of the home page, newest first, each with its reports or its newest ones.
fn home_rounds<'a>(views: &'a Views<'a>) -> Vec<HomeRound<'a>> {
    let listed = |id: &crate::parsed::ReportId| (&views.reports[id.0].summary).into();
    views
        .editions
        .iter()
        .map(|edition| {
            let cut = edition.reports.len() > HOME_REPORTS_PER_ROUND;
            let reports = if cut {
                edition
                    .reports
                    .iter()
                    .rev()
                    .take(HOME_REPORTS_PER_ROUND)
                    .map(listed)
                    .collect()
            } else {
                edition.reports.iter().map(listed).collect()
            };
            HomeRound {
                edition: &edition.summary,
                reports,
                cut,
            }
        })
        .collect()
}

/// An organisation on the organisations page, with the tables it took part in and those where
/// its people had a role; or, past [`ORGANISATION_TABLES`], `tables`: how many, and the newest.
#[derive(Serialize)]
struct OrganisationEntry<'a> {
    #[serde(flatten)]
    organisation: &'a views::OrganisationView,
    reports: Vec<views::ListedReport<'a>>,
    roles: &'a [views::RoleView],
    tables: Option<TablesSummary<'a>>,
}

/// A long list of an organisation's tables in short, for its entry.
#[derive(Serialize)]
struct TablesSummary<'a> {
    count: usize,
    /// The organisation's own page, with all of them.
    path: String,
    years: Vec<YearCount>,
    newest: Vec<TableLine<'a>>,
}

/// How many tables of one round, and where on the organisation's own page they start.
#[derive(Serialize)]
struct YearCount {
    year: u16,
    count: usize,
    path: String,
}

/// One table an organisation was at: as a participant, as the role of one of its people, or
/// both (then once, with the roles beside it).
#[derive(Clone, Hash, Serialize)]
struct TableLine<'a> {
    path: &'a str,
    title: &'a str,
    short_date: &'a str,
    /// "Romy Santpoort: gespreksleiding", one per person with a role there.
    roles: Vec<&'a str>,
}

/// One of an organisation's tables, with its round and its report (ids are in date order).
struct Table<'a> {
    year: u16,
    report: usize,
    line: TableLine<'a>,
}

/// The tables of an organisation, one line each, as its own page lists them: newest round
/// first, in date order within a round.
fn tables<'a>(views: &'a Views<'a>, o: &'a views::OrganisationView) -> Vec<Table<'a>> {
    let table = |id: ReportId| {
        let s = &views.reports[id.0].summary;
        Table {
            year: s.year,
            report: id.0,
            line: TableLine {
                path: &s.path,
                title: &s.title,
                short_date: &s.short_date,
                roles: Vec::new(),
            },
        }
    };
    // Both lists are in report order, and report ids are in date order: merged, each report
    // once, they are in date order (a map by id took most of the list of pages' time).
    let (mut tables, mut roles) = (Vec::new(), o.roles.iter().peekable());
    let mut at = o.reports.iter().peekable();
    loop {
        let next = match (at.peek(), roles.peek()) {
            (Some(&&a), Some(r)) => a.min(r.report),
            (Some(&&a), None) => a,
            (None, Some(r)) => r.report,
            (None, None) => break,
        };
        let mut line = table(next);
        while at.next_if(|&&a| a == next).is_some() {}
        while let Some(role) = roles.next_if(|r| r.report == next) {
            line.line.roles.push(role.note.as_str());
        }
        tables.push(line);
    }
    // Stable: date order stays within a round.
    tables.sort_by_key(|t| std::cmp::Reverse(t.year));
    tables
}

/// A round's tables on one page of an organisation's own list.
#[derive(Hash, Serialize)]
struct TableYear<'a> {
    year: u16,
    id: String,
    tables: Vec<TableLine<'a>>,
}

/// The organisations page, cut into pages like the other lists (links to an entry name its page:
/// [`urls::organisation`]), and the own page of each organisation whose entry is cut.
fn organisations<'a>(views: &'a Views<'a>) -> Vec<PageSpec<'a>> {
    let listed = |ids: &[crate::parsed::ReportId]| -> Vec<views::ListedReport<'a>> {
        ids.iter()
            .map(|id| (&views.reports[id.0].summary).into())
            .collect()
    };
    // The tables of the organisations whose entry is too long, by their place in the list.
    let long: Vec<Option<Vec<Table>>> = views
        .organisations
        .iter()
        .map(|o| (o.reports.len() + o.roles.len() > ORGANISATION_TABLES).then(|| tables(views, o)))
        .collect();
    let mut pages = Vec::new();
    for (path, range, pagination) in paginate(NAV.organisations.0, views.organisations.len()) {
        let entries: Vec<OrganisationEntry> = views.organisations[range.clone()]
            .iter()
            .zip(&long[range])
            .map(|(organisation, lines)| match lines {
                None => OrganisationEntry {
                    organisation,
                    reports: listed(&organisation.reports),
                    roles: &organisation.roles,
                    tables: None,
                },
                Some(lines) => OrganisationEntry {
                    organisation,
                    reports: Vec::new(),
                    roles: &[],
                    tables: Some(tables_summary(organisation, lines)),
                },
            })
            .collect();
        pages.push(
            PageSpec::new(path, "organisations.html")
                .with_owned("organisations", entries)
                .with_owned("organisation_counts", views.organisation_counts)
                .crumbs(&[NAV.organisations])
                .page_of_list(pagination),
        );
    }
    for (organisation, lines) in views.organisations.iter().zip(&long) {
        let Some(lines) = lines else { continue };
        let own = urls::organisation_tables(&organisation.slug);
        let items: Vec<(u16, usize)> = lines.iter().enumerate().map(|(i, t)| (t.year, i)).collect();
        for (path, range, pagination) in paginate(&own, lines.len()) {
            let years: Vec<TableYear> = regroup(&items[range])
                .into_iter()
                .map(|(year, at)| TableYear {
                    year,
                    id: year_id(year),
                    tables: at.into_iter().map(|i| lines[i].line.clone()).collect(),
                })
                .collect();
            pages.push(
                PageSpec::new(path, "organisation.html")
                    .with("organisation", organisation)
                    .with_value("years", Hashed(years))
                    .with_owned("table_count", lines.len())
                    .crumbs(&[NAV.organisations, (&own, &organisation.name)])
                    .page_of_list(pagination),
            );
        }
    }
    pages
}

/// The short form of an organisation's entry: how many tables, per round (each linked to where
/// the round starts on its own page), and the newest few.
fn tables_summary<'a>(o: &views::OrganisationView, tables: &[Table<'a>]) -> TablesSummary<'a> {
    let own = urls::organisation_tables(&o.slug);
    let mut years: Vec<YearCount> = Vec::new();
    for (i, table) in tables.iter().enumerate() {
        match years.last_mut() {
            Some(y) if y.year == table.year => y.count += 1,
            _ => years.push(YearCount {
                year: table.year,
                count: 1,
                path: urls::section(&urls::list_page_of(&own, i), &year_id(table.year)),
            }),
        }
    }
    let mut newest: Vec<&Table> = tables.iter().collect();
    newest.sort_unstable_by_key(|t| std::cmp::Reverse(t.report));
    TablesSummary {
        count: tables.len(),
        path: own,
        years,
        newest: newest
            .into_iter()
            .take(ORGANISATION_NEWEST)
            .map(|t| t.line.clone())
            .collect(),
    }
}

/// The id of a round's heading on an organisation's own page.
fn year_id(year: u16) -> String {
    format!("jaar-{year}")
}

/// A round's reports on one page of its list, under their themes.
#[derive(Serialize)]
struct EditionTopicPage<'a> {
    title: &'a str,
    path: &'a str,
    reports: &'a [Link],
}

/// One page per edition (yearly round), more when it has many reports. Each page shows the
/// whole round's view: with `keyed` (`serve`), it is hashed once for all its pages, not once a
/// page (a round of 2,000 reports has 10 pages, each listing all of them in the view).
fn editions<'a>(views: &'a Views<'a>, keyed: bool) -> impl Iterator<Item = PageSpec<'a>> {
    views.editions.iter().flat_map(move |edition| {
        let s = &edition.summary;
        let key = keyed.then(|| hash_of(edition));
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
                let intro_html = edition.intro.html(&urls::up_to_root(&path));
                let mut page = PageSpec::new(path, "edition.html")
                    .with_value("edition", Keyed(edition, key))
                    .with_owned("intro_html", intro_html)
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
fn topics<'a>(views: &'a Views<'a>, keys: Option<&Keys>) -> impl Iterator<Item = PageSpec<'a>> {
    views.topics.iter().flat_map(move |topic| {
        let items: Vec<(u16, usize)> = topic
            .years
            .iter()
            .flat_map(|group| group.items.iter().map(|id| (group.year, id.0)))
            .collect();
        paginate(&topic.path, items.len())
            .into_iter()
            .map(|(path, range, pagination)| {
                // The outlines' years and order are their reports'.
                let key =
                    keys.map(|k| k.of_listed(items[range.clone()].iter().map(|i| ReportId(i.1))));
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
                let intro_html = topic.intro.html(&urls::up_to_root(&path));
                PageSpec::new(path, "topic.html")
                    .with("topic", topic)
                    .with_owned("intro_html", intro_html)
                    .with_value("years", Keyed(years, key))
                    .with_owned("year_count", topic.years.len())
                    .crumbs(&[NAV.topics, (&topic.path, &topic.title)])
                    .page_of_list(pagination)
            })
            .collect::<Vec<_>>()
    })
}

/// One page per report, with the previous and next report of its topic. Each report's view is
/// made only when its page is rendered (see [`views::Report`]).
fn reports<'a>(views: &'a Views<'a>, keys: Option<&Keys>) -> Vec<PageSpec<'a>> {
    let side = |id: Option<ReportId>| Side {
        summary: id.map(|id| &views.reports[id.0].summary),
        key: keys.map(|k| k.of_listed(id)),
    };
    views
        .reports
        .iter()
        .zip(&views.neighbours)
        .enumerate()
        .map(|(id, (report, (previous, next)))| {
            let key = keys.and_then(|k| k.reports[id]);
            let view = View::Later(views, ReportId(id));
            report_page(
                &report.summary,
                ReportValue(view, key),
                side(*previous),
                side(*next),
            )
        })
        .collect()
}

/// A report's previous or next report, and its key.
struct Side<'a> {
    summary: Option<&'a views::ReportSummary>,
    key: Option<u64>,
}

/// The pages of a few reports only (`serve`'s fast path), made as [`all`] makes them.
pub(super) fn of_reports<'a>(few: &'a views::ReportPages<'a>) -> Vec<PageSpec<'a>> {
    few.pages
        .iter()
        .map(|p| {
            let side = |summary| Side { summary, key: None };
            report_page(
                &p.view.summary,
                ReportValue(View::Made(&p.view), None),
                side(p.previous.as_ref()),
                side(p.next.as_ref()),
            )
        })
        .collect()
}

/// A report's page (`s`, its summary), with its previous and next report of the same topic.
fn report_page<'a>(
    s: &'a views::ReportSummary,
    report: ReportValue<'a>,
    previous: Side<'a>,
    next: Side<'a>,
) -> PageSpec<'a> {
    let mut page = PageSpec::new(s.path.as_str(), "report.html")
        .with_value("report", report)
        .with_value("previous", Keyed(previous.summary, previous.key))
        .with_value("next", Keyed(next.summary, next.key))
        .crumbs(&[
            NAV.topics,
            (&s.topic_path, &s.topic_title),
            (&s.path, &format!("{}, {}", s.title, s.short_date)),
        ]);
    page.concept = s.concept;
    page
}

/// A report's view: made already (the fast path), or made when first asked for.
enum View<'a> {
    Made(&'a views::ReportView<'a>),
    Later(&'a Views<'a>, ReportId),
}

impl<'a> View<'a> {
    fn get(&self) -> &views::ReportView<'a> {
        match self {
            View::Made(view) => view,
            View::Later(views, id) => views.report(*id),
        }
    }
}

/// A report's view as a page's value: whole in the template context, but hashed with its
/// sections (most of a report page's bytes) standing as the key of what they were made from,
/// where `serve` keeps one ([`views::ReportView::body_key`]). After an edit the page memo then
/// learns that 10,000 bodies are unchanged without writing each out into the hash again (at
/// 10,000 reports that was the largest part of a rebuild's render). Without a key (a build,
/// whose page memo is off) the whole view is hashed.
/// With the report's key (`super::keys`), the page memo hashes that alone, and the view is not
/// made unless the page is rendered.
struct ReportValue<'a>(View<'a>, Option<u64>);

impl PageValue for ReportValue<'_> {
    fn put_into(&self, key: &str, context: &mut Context) {
        self.0.get().put_into(key, context);
    }

    fn write_json(&self, out: &mut HashWriter) {
        use std::hash::Hash;
        let view = self.0.get();
        let Some(body) = view.body_key else {
            return view.write_json(out);
        };
        // Everything else the view holds, as it is written into the context.
        let rest = views::ReportView {
            sections: &[],
            ..view.clone()
        };
        rest.write_json(out);
        body.hash(&mut out.0);
    }

    fn write_key(&self, out: &mut HashWriter) {
        use std::hash::Hash;
        match self.1 {
            Some(key) => key.hash(&mut out.0),
            None => self.write_json(out),
        }
    }
}

/// One page per initiative, more when it is mentioned very often: its mentions by round.
fn initiatives<'a>(
    views: &'a Views<'a>,
    keys: Option<&Keys>,
) -> impl Iterator<Item = PageSpec<'a>> {
    let keys: Vec<Option<u64>> = (0..views.initiatives.len())
        .map(|i| keys.map(|k| k.initiatives[i]))
        .collect();
    views
        .initiatives
        .iter()
        .enumerate()
        .zip(keys)
        .flat_map(move |((at, initiative), key)| {
            // Every mention is in one of its years: as many as the page lists.
            paginate(&initiative.path, initiative.mention_count)
                .into_iter()
                .map(move |(path, range, pagination)| {
                    // Which of its mentions a page shows is its place in the list (`pagination`).
                    PageSpec::new(path, "initiative.html")
                        .with_value("initiative", Keyed(initiative, key))
                        .with_value(
                            "mention_years",
                            MentionYears {
                                views,
                                at,
                                range,
                                key,
                            },
                        )
                        .crumbs(&[NAV.initiatives, (&initiative.path, &initiative.name)])
                        .page_of_list(pagination)
                })
                .collect::<Vec<_>>()
        })
}

/// The mentions one page of an initiative shows (`range` of the list), by round: made when
/// the page is rendered or hashed by its values, not when its key is as before (`serve`), so
/// an initiative's mentions are quoted only for the pages rendered again ([`Views::mentions`]).
struct MentionYears<'a> {
    views: &'a Views<'a>,
    /// The initiative's place in `views.initiatives`.
    at: usize,
    range: Range<usize>,
    key: Option<u64>,
}

impl MentionYears<'_> {
    fn with_years<T>(
        &self,
        then: impl FnOnce(&[views::YearGroup<views::ListedMention>]) -> T,
    ) -> T {
        let initiative = &self.views.initiatives[self.at];
        let mentions = self.views.mentions(self.at);
        // The mentions as the page shows them: newest round first, in text order within one.
        let items: Vec<(u16, &views::MentionView)> = initiative
            .years
            .iter()
            .flat_map(|&year| {
                mentions
                    .iter()
                    .filter(move |m| m.year == year)
                    .map(move |m| (year, m))
            })
            .collect();
        let years: Vec<views::YearGroup<views::ListedMention>> =
            regroup(&items[self.range.clone()])
                .into_iter()
                .map(|(year, items)| views::YearGroup {
                    year,
                    items: views::ListedMention::list(&items),
                })
                .collect();
        then(&years)
    }
}

impl PageValue for MentionYears<'_> {
    fn put_into(&self, key: &str, context: &mut Context) {
        self.with_years(|years| context.insert(key, years));
    }

    fn write_json(&self, out: &mut HashWriter) {
        self.with_years(|years| years.write_json(out));
    }

    fn write_key(&self, out: &mut HashWriter) {
        use std::hash::Hash;
        match self.key {
            Some(key) => key.hash(&mut out.0),
            None => self.write_json(out),
        }
    }
}

/// The page hosts serve for an address that does not exist.
fn not_found<'a>() -> PageSpec<'a> {
    let mut page = PageSpec::new(urls::NOT_FOUND, "404.html");
    page.anywhere = true;
    page
}
