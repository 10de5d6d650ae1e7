//! What the templates see: plain, serialisable views of the site, with every link as a site
//! path (templates put `{{ root }}` in front).
//!
//! Lists carry summaries, not whole pages, so a page's context stays small however many
//! reports the site has.

use rayon::prelude::*;
use serde::Serialize;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use crate::content::report::hh_mm;
use crate::content::{Correction, Kind, LinkText, MentionedAs, Names, Topic};
use crate::parse::markdown::Section;
use crate::parsed::Site;
use crate::parsed::{
    EditionId, InitiativeId, MentionId, ParsedInitiative, ParsedReport, Reading, ReportId,
    SectionId,
};
use crate::text;

/// A link to any page, with a short note shown beside it.
#[derive(Debug, Clone, Hash, Serialize)]
pub struct Link {
    pub path: String,
    pub title: String,
    pub note: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct SectionLink {
    pub id: String,
    pub title: String,
}

/// A report in a list: enough to link to it. Light on purpose: the home page, the list of
/// reports and the organisations page hold one for every report.
#[derive(Debug, Clone, Serialize)]
pub struct ReportSummary {
    pub slug: String,
    pub path: String,
    pub title: String,
    pub date: String,
    pub date_text: String,
    pub short_date: String,
    pub location: String,
    pub participants: u32,
    /// The report's own word for them: "aanwezigen" or "deelnemers".
    pub participants_word: &'static str,
    pub topic_title: String,
    pub topic_path: String,
    /// The round it belongs to.
    pub year: u16,
    pub edition_path: String,
    /// Not yet published (shown by serve and `build --concepten` only).
    pub concept: bool,
}

/// A report in the lists of the home page and the organisations page: only what they show,
/// borrowed from its summary. A template's context is a JSON copy of its
/// values: with whole summaries, the organisations page's context alone took about 100 MB at
/// 10,000 reports.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct ListedReport<'a> {
    pub path: &'a str,
    pub title: &'a str,
    pub date: &'a str,
    pub short_date: &'a str,
    pub year: u16,
}

impl<'a> From<&'a ReportSummary> for ListedReport<'a> {
    fn from(s: &'a ReportSummary) -> Self {
        ListedReport {
            path: &s.path,
            title: &s.title,
            date: &s.date,
            short_date: &s.short_date,
            year: s.year,
        }
    }
}

/// A yearly round in a list and in every page's footer: who made its reports, and when.
#[derive(Debug, Clone, Serialize)]
pub struct EditionSummary {
    pub year: u16,
    pub path: String,
    pub title: String,
    pub description: String,
    /// "de gemeente Almere"
    pub organisers: String,
    /// "de onderzoeksbureaus Movisie, Platform31 en het Verwey-Jonker Instituut", or "".
    pub bureaus: String,
    /// Organisers and bureaus in one phrase, for "Het verslag is gemaakt door …".
    pub made_by: String,
    /// As the edition writes it, else from its reports' dates: "16 mei – 1 juni 2023".
    pub period: String,
    pub report_count: usize,
    pub concept: bool,
}

/// A round's page: its introduction, its reports by theme, who took part, what was named.
#[derive(Debug, Clone, Serialize)]
pub struct EditionView {
    #[serde(flatten)]
    pub summary: EditionSummary,
    /// Shown on pages at several depths: each page passes its own `intro_html`
    /// ([`crate::markdown::Plain::html`]).
    #[serde(skip)]
    pub intro: crate::parse::markdown::Linked,
    /// Its reports, in date order.
    #[serde(skip)]
    pub reports: Vec<ReportId>,
    /// Its reports by theme, in the themes' order.
    pub topics: Vec<EditionTopic>,
    /// The organisations that took part that year (groups of people not counted).
    pub organisations: Vec<Link>,
    /// The initiatives named that year, A–Z.
    pub initiatives: Vec<Link>,
    /// The editors' readings behind the organisations named that year.
    pub readings: Vec<Reading>,
}

/// One theme's reports in one round.
#[derive(Debug, Clone, Serialize)]
pub struct EditionTopic {
    pub title: String,
    pub path: String,
    pub reports: Vec<Link>,
}

/// A table where one of an organisation's people had a public role.
#[derive(Debug, Clone, Serialize)]
pub struct RoleView {
    #[serde(skip)]
    pub report: ReportId,
    pub path: String,
    pub title: String,
    /// Who did what: "Romy Santpoort: gespreksleiding".
    pub note: String,
    pub year: u16,
}

/// Things of one year, for pages that group by round.
#[derive(Debug, Clone, Serialize)]
pub struct YearGroup<T> {
    pub year: u16,
    pub items: Vec<T>,
}

/// A report on its topic's page: the summary and links to its sections.
#[derive(Debug, Clone, Serialize)]
pub struct ReportOutline<'a> {
    #[serde(flatten)]
    pub summary: &'a ReportSummary,
    pub sections: &'a [SectionLink],
}

#[derive(Debug, Clone, Serialize)]
pub struct TopicView {
    pub slug: String,
    pub path: String,
    pub title: String,
    pub description: String,
    /// Shown on each of its pages: each passes its own `intro_html`
    /// ([`crate::markdown::Plain::html`]).
    #[serde(skip)]
    pub intro: crate::parse::markdown::Linked,
    pub report_count: usize,
    /// This topic's reports by round, newest round first, in date order within a round (the
    /// topic page shows their outlines; lists of topics only count them). `Views::reports`
    /// has one view per report, in id order.
    #[serde(skip)]
    pub years: Vec<YearGroup<ReportId>>,
    /// Initiatives mentioned in this topic's reports, A–Z.
    pub initiatives: Vec<Link>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PersonView {
    pub name: String,
    pub role: String,
    pub organisation: String,
    pub part: String,
}

/// A report's whole page.
#[derive(Debug, Clone, Serialize)]
pub struct ReportView<'a> {
    #[serde(flatten)]
    pub summary: ReportSummary,
    /// The round it belongs to, and who made its reports.
    pub edition_title: String,
    pub made_by: String,
    pub topic: String,
    pub start: String,
    pub end: String,
    pub start_text: String,
    pub end_text: String,
    /// The organisations as the report writes them, each linked to its entry.
    pub organisations: Vec<Link>,
    /// The editors' readings behind those names, where the list had to be interpreted.
    pub readings: Vec<Reading>,
    pub people: Vec<PersonView>,
    pub description: String,
    pub corrections: Vec<Correction>,
    pub link_texts: Vec<LinkText>,
    /// Borrowed from the site: a large site's text is never copied for its views.
    pub sections: &'a [Section],
    /// A hash of what `sections` were made from, when `serve` keeps it
    /// ([`crate::parsed::ParsedReport::body_key`]): the page memo hashes it in their place.
    #[serde(skip)]
    pub body_key: Option<u64>,
    /// Whether the page lists its sections (more than one titled): given here, so the template
    /// neither copies the sections (and all their text) into a filtered list nor counts them
    /// once per section, as Tera would.
    pub toc: bool,
    /// Initiatives mentioned, in order of first mention.
    pub initiatives: Vec<Link>,
}

/// One mention of an initiative, quoted in its sentence. Borrows the report's and the
/// mention's text: at 10,000 reports the initiatives quote some 60,000 mentions, and owned
/// copies of each one's title, section and sentence parts were six allocations a mention.
#[derive(Debug, Clone, Serialize)]
pub struct MentionView<'a> {
    /// The round of the report.
    pub year: u16,
    pub report_title: &'a str,
    pub report_short_date: String,
    pub report_path: String,
    pub topic_title: &'a str,
    pub section_id: &'a str,
    pub section_title: &'a str,
    /// The sentence cut around the mention, so templates can mark it.
    pub before: &'a str,
    pub text: &'a str,
    pub after: &'a str,
}

/// A mention as its initiative's page lists it: `again` when the item before it in its round
/// on that page quotes the same sentence, which the page then does not quote twice (reports
/// of one kind repeat their words; 9 MB of initiative pages at 10,000 reports).
#[derive(Debug, Serialize)]
pub struct ListedMention<'a> {
    #[serde(flatten)]
    pub mention: &'a MentionView<'a>,
    pub again: bool,
}

impl<'a> ListedMention<'a> {
    /// `mentions` of one round on one page, each marked when it repeats the one before.
    pub fn list(mentions: &[&'a MentionView<'a>]) -> Vec<ListedMention<'a>> {
        let same = |a: &MentionView, b: &MentionView| {
            (a.before, a.text, a.after) == (b.before, b.text, b.after)
        };
        mentions
            .iter()
            .enumerate()
            .map(|(n, m)| ListedMention {
                mention: m,
                again: n > 0 && same(mentions[n - 1], m),
            })
            .collect()
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct InitiativeView<'a> {
    pub slug: String,
    pub path: String,
    pub name: String,
    pub sort_key: String,
    pub kind: Kind,
    pub kind_label: &'static str,
    pub mentioned_as: MentionedAs,
    pub mentioned_as_label: &'static str,
    pub description: String,
    /// The report's words the description rests on, and the report they come from.
    pub quote: String,
    pub quote_source: Option<Link>,
    /// Where it is and when, in a report's words, where the report says so.
    pub place: Option<String>,
    pub when: Option<String>,
    /// The editors' links: a way in the reports do not give.
    pub links: Vec<EditorialLinkView>,
    /// The organisation page entry that is the same body, if any.
    pub organisation: Option<Link>,
    pub aliases: Vec<String>,
    pub topics: Vec<Link>,
    /// Where the reports name it (a sentence that names it twice once), in text order.
    #[serde(skip)]
    pub places: Vec<MentionId>,
    /// Quoted on its own page, one page of them at a time (`mention_years`): left out of the
    /// JSON, so the list of initiatives and each page of an initiative does not copy every
    /// mention into its template context (at 10,000 reports, tens of MB a page). Made the
    /// first time a page or an open data line asks for them ([`Views::mentions`]): `serve`
    /// keeps an initiative's pages and line by a key made from the site
    /// (`render::keys`), so after an edit only the initiatives it touches make them (at
    /// 10,000 reports, 73,000 mentions were most of the views after every save).
    #[serde(skip)]
    mentions: std::sync::OnceLock<Vec<MentionView<'a>>>,
    /// How often the reports name it: the number of `places`.
    pub mention_count: usize,
    /// The rounds it was named in, newest first, and the same as a phrase ("2023 en 2024").
    pub years: Vec<u16>,
    pub years_text: String,
    /// Other initiatives named in the same sections, most often first.
    pub related: Vec<Link>,
}

/// A link the editors added to an initiative, with the day it was checked.
#[derive(Debug, Clone, Serialize)]
pub struct EditorialLinkView {
    pub text: String,
    pub url: String,
    /// `2026-12-06`, for `<time datetime>` and the open data.
    pub checked: String,
    /// "6 december 2026".
    pub checked_text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct OrganisationView {
    pub slug: String,
    /// Its entry on the organisations page (which page of it, and the `#slug`).
    pub path: String,
    pub name: String,
    pub group: bool,
    /// One person named by a role, not an organisation.
    pub person: bool,
    /// Neither a group nor a person: counted as an organisation.
    pub organisation: bool,
    /// The other ways the reports write the name.
    pub variants: Vec<String>,
    /// The report's own words and the editors' reading of them, where one was needed.
    pub as_written: Option<String>,
    pub note: Option<String>,
    pub initiative: Option<Link>,
    /// Tables it took part in (the organisations page lists them as [`ListedReport`]s).
    #[serde(skip)]
    pub reports: Vec<ReportId>,
    /// The rounds of those tables (and of the roles below), newest first.
    pub years: Vec<u16>,
    /// Tables where one of its people had a public role: the report, and who did what. Left
    /// out of the JSON like `reports`: the organisations page passes them with each entry, all
    /// of them or none when the entry is cut.
    #[serde(skip)]
    pub roles: Vec<RoleView>,
}

/// A group of initiatives under a heading (by topic, by kind).
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    pub id: String,
    pub title: String,
    pub initiatives: Vec<Link>,
}

/// Every view of the site, made once per build.
pub struct Views<'a> {
    /// Newest first.
    pub editions: Vec<EditionView>,
    pub topics: Vec<TopicView>,
    /// Per report (by id), what lists show of it; its whole view through [`Views::report`].
    pub reports: Vec<Report<'a>>,
    pub initiatives: Vec<InitiativeView<'a>>,
    /// Kept by `serve` from the last build when what they are made of is as it was
    /// ([`OrganisationsMemo`]).
    pub organisations: Arc<Vec<OrganisationView>>,
    pub by_topic: Vec<Group>,
    pub by_kind: Vec<Group>,
    pub by_mentioned_as: Vec<Group>,
    /// The initiatives named in each round, newest first (the edition pages list them too).
    pub by_year: Vec<Group>,
    /// What the organisations page lists, counted: the home page's link to it says the same
    /// number the page does.
    pub organisation_counts: OrganisationCounts,
    /// Per report (by id), its previous and next report of the same topic.
    pub neighbours: Vec<(Option<ReportId>, Option<ReportId>)>,
    /// What a report's whole view is made from.
    site: &'a Site,
    named: Names,
}

/// A report as lists show it (its summary and its sections' links, made for every report),
/// and its whole view, made the first time a page, a line of open data or a feed that shows it
/// is made. `serve` takes a page whose key is unchanged from its memo without its view: after
/// a one-report edit at 10,000 reports, one view is made instead of 10,000 (190 ms). A build
/// renders every page, so it makes every view, as before.
pub struct Report<'a> {
    pub summary: ReportSummary,
    /// Links to the titled sections, for the topic page and the open data.
    pub outline: Vec<SectionLink>,
    view: std::sync::OnceLock<ReportView<'a>>,
}

/// The entries of the organisations page by what they are.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct OrganisationCounts {
    /// Organisations: at a table, or one of their people led or presented there.
    pub organisations: usize,
    /// Names from the lists of participants that are not an organisation: a group of people
    /// ("Onderzoekers") or one person ("Gemeenteraadslid").
    pub others: usize,
}

/// The organisations' views `serve` keeps between builds, by a key of everything they are made
/// of ([`organisations_key`]): after a one-report edit at 10,000 reports, their 130,000 tables
/// were the longest of the views made side by side. A build's is off.
pub type OrganisationsMemo = crate::memo::Memo<Arc<Vec<OrganisationView>>>;

impl<'a> Views<'a> {
    /// Every view of `site`, each made now.
    pub fn new(site: &'a Site) -> Views<'a> {
        Views::kept(site, &mut OrganisationsMemo::off())
    }

    /// Every view of `site`, the organisations' taken from `memo` when their key is as in the
    /// last build.
    pub fn kept(site: &'a Site, memo: &mut OrganisationsMemo) -> Views<'a> {
        let lap = std::time::Instant::now();
        let summaries: Vec<ReportSummary> =
            site.reports().map(|(id, r)| summary(site, id, r)).collect();
        let order = Order::new(site);
        let named = Names::new(&site.organisations);
        let lap = crate::steps::lap("views: summaries, order, named", lap);
        // The kinds of views are independent of each other: made side by side.
        let ((initiatives, topics), (editions, organisations)) = rayon::join(
            || {
                rayon::join(
                    || {
                        crate::steps::timed("views:  initiatives (beside)", || {
                            initiative_views(site, &order)
                        })
                    },
                    || crate::steps::timed("views:  topics (beside)", || topic_views(site, &order)),
                )
            },
            || {
                rayon::join(
                    || {
                        crate::steps::timed("views:  rounds (beside)", || {
                            edition_views(site, &summaries, &order)
                        })
                    },
                    || {
                        crate::steps::timed("views:  organisations (beside)", || {
                            kept_organisations(site, &named, &summaries, memo)
                        })
                    },
                )
            },
        );
        let lap = crate::steps::lap("views: the kinds side by side", lap);
        let (key, organisations) = organisations;
        memo.keep([(key, Arc::clone(&organisations))]);
        let reports = summaries
            .into_par_iter()
            .enumerate()
            .map(|(id, summary)| Report {
                summary,
                outline: outline(&site.report(ReportId(id)).body.sections),
                view: std::sync::OnceLock::new(),
            })
            .collect();
        let organisation_counts = OrganisationCounts {
            organisations: organisations.iter().filter(|o| o.organisation).count(),
            others: organisations.iter().filter(|o| !o.organisation).count(),
        };

        let lap = crate::steps::lap("views: reports", lap);
        let (by_topic, by_kind, by_mentioned_as) = groups(site, &topics, &initiatives);
        crate::steps::lap("views: groups", lap);
        let by_year = editions
            .iter()
            .map(|e| Group {
                id: format!("ronde-{}", e.summary.year),
                title: e.summary.title.clone(),
                initiatives: e.initiatives.clone(),
            })
            .collect();
        Views {
            editions,
            topics,
            reports,
            initiatives,
            organisations,
            by_topic,
            by_kind,
            by_year,
            by_mentioned_as,
            organisation_counts,
            neighbours: neighbours(site),
            site,
            named,
        }
    }

    /// The mentions of the initiative at `at` (in the order of `initiatives`), quoted, made
    /// the first time they are asked for.
    pub fn mentions(&self, at: usize) -> &[MentionView<'a>] {
        let initiative = &self.initiatives[at];
        initiative
            .mentions
            .get_or_init(|| mention_views(self.site, &initiative.places))
    }

    /// The whole view of report `id`, made the first time it is asked for.
    pub fn report(&self, id: ReportId) -> &ReportView<'a> {
        let report = &self.reports[id.0];
        report
            .view
            .get_or_init(|| report_view(self.site, &self.named, id, report.summary.clone()))
    }
}

/// The views of a few reports' pages only: each report's view and the summaries of its
/// previous and next report of the same topic. `serve`'s fast path needs these alone, and
/// makes them as [`Views::new`] makes them for the whole site.
pub struct ReportPages<'a> {
    pub pages: Vec<ReportPage<'a>>,
}

/// A report's page: its view, and its previous and next report of the same topic.
pub struct ReportPage<'a> {
    pub view: ReportView<'a>,
    pub previous: Option<ReportSummary>,
    pub next: Option<ReportSummary>,
}

impl<'a> ReportPages<'a> {
    pub fn new(site: &'a Site, ids: &[ReportId]) -> ReportPages<'a> {
        let neighbours = neighbours(site);
        let summary_of = |id: ReportId| summary(site, id, site.report(id));
        let named = Names::new(&site.organisations);
        let pages = ids
            .iter()
            .map(|&id| {
                let (previous, next) = neighbours[id.0];
                ReportPage {
                    view: report_view(site, &named, id, summary_of(id)),
                    previous: previous.map(summary_of),
                    next: next.map(summary_of),
                }
            })
            .collect();
        ReportPages { pages }
    }
}

/// Per report (by id), its previous and next report of the same topic (ids are in date
/// order): the links at the foot of its page. One pass over the reports.
pub fn neighbours(site: &Site) -> Vec<(Option<ReportId>, Option<ReportId>)> {
    let mut last_of_topic: Vec<Option<ReportId>> = vec![None; site.topics.len()];
    let mut neighbours = vec![(None, None); site.reports.len()];
    for (id, report) in site.reports() {
        if let Some(previous) = last_of_topic[report.topic.0].replace(id) {
            neighbours[id.0].0 = Some(previous);
            neighbours[previous.0].1 = Some(id);
        }
    }
    neighbours
}

/// Who made the reports of every round together, named once in the footer of every page.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Makers {
    /// "de gemeente Almere"
    pub organisers: String,
    /// For the verb: "organiseerde" or "organiseerden".
    pub organiser_count: usize,
    /// "de onderzoeksbureaus Movisie, Platform31 en het Verwey-Jonker Instituut", or "".
    pub bureaus: String,
}

/// The organisers and the bureaus of all the site's rounds, each once, in the order they first
/// appear (oldest round first): a round with the same makers changes nothing, and a new bureau
/// is added at the end. Made from the site's editions only, so serve's fast path (a site of a
/// few reports, with every round) shows the same footer.
pub fn makers(site: &Site) -> Makers {
    fn once(names: &mut Vec<String>, more: &[String]) {
        for name in more {
            if !names.contains(name) {
                names.push(name.clone());
            }
        }
    }
    let (mut organisers, mut bureaus) = (Vec::new(), Vec::new());
    for e in &site.editions {
        once(&mut organisers, &e.edition.organisers);
        once(&mut bureaus, &e.edition.bureaus);
    }
    Makers {
        organisers: text::dutch_list(&organisers),
        organiser_count: organisers.len(),
        bureaus: crate::content::edition::bureaus_phrase(&bureaus),
    }
}

/// A link to an initiative's page, its kind beside it.
fn initiative_link(site: &Site, id: InitiativeId) -> Link {
    let init = &site.initiative(id).initiative;
    Link {
        path: init.path(),
        title: init.name.clone(),
        note: init.kind.label().to_owned(),
    }
}

/// The link to the organisation at `position` in `site.organisations`: the organisations page
/// lists them in that order, so the position says which page of it shows the entry.
fn organisation_path(site: &Site, position: usize) -> String {
    crate::urls::organisation(&site.organisations[position].slug, position)
}

/// Links A–Z, each page once.
fn a_to_z(mut links: Vec<Link>) -> Vec<Link> {
    links.sort_by_key(|l| sort_key(&l.title));
    links.dedup_by(|a, b| a.path == b.path);
    links
}

/// Each initiative's place A–Z ([`sort_key`] of its name), by id, made once per build: the
/// lists of a theme's or a round's initiatives sort every mention in them, and folding the
/// names again at each comparison (with a link made per mention) was most of the views' time
/// at 10,000 reports.
pub(super) struct Order {
    keys: Vec<String>,
}

impl Order {
    pub(super) fn new(site: &Site) -> Order {
        Order {
            keys: site
                .initiatives()
                .map(|(_, i)| sort_key(&i.initiative.name))
                .collect(),
        }
    }

    fn key(&self, id: InitiativeId) -> &str {
        &self.keys[id.0]
    }

    /// The initiatives `ids` (in the order they are named, repeats and all) as links A–Z, each
    /// once: [`a_to_z`] of their links, with the keys made once and a link only per
    /// initiative (the same stable sort, the same neighbours taken as one).
    fn a_to_z(&self, site: &Site, ids: impl Iterator<Item = InitiativeId>) -> Vec<Link> {
        let mut ids: Vec<InitiativeId> = ids.collect();
        ids.sort_by(|a, b| self.key(*a).cmp(self.key(*b)));
        // One page per slug (its path is made from it).
        let slug = |id: InitiativeId| &site.initiative(id).initiative.slug;
        ids.dedup_by(|a, b| slug(*a) == slug(*b));
        ids.into_iter()
            .map(|id| initiative_link(site, id))
            .collect()
    }
}

fn edition_views(site: &Site, summaries: &[ReportSummary], order: &Order) -> Vec<EditionView> {
    site.editions_newest_first()
        .map(|(id, parsed)| {
            let reports: Vec<ReportId> = site
                .reports()
                .filter(|(_, r)| r.edition == id)
                .map(|(r, _)| r)
                .collect();
            let topics = site
                .topics()
                .filter_map(|(topic_id, t)| {
                    let links: Vec<Link> = reports
                        .iter()
                        .filter(|r| site.report(**r).topic == topic_id)
                        .map(|r| {
                            let s = &summaries[r.0];
                            Link {
                                path: s.path.clone(),
                                title: s.title.clone(),
                                note: s.short_date.clone(),
                            }
                        })
                        .collect();
                    (!links.is_empty()).then(|| EditionTopic {
                        title: t.topic.title.clone(),
                        path: t.topic.path(),
                        reports: links,
                    })
                })
                .collect();
            let organisations = a_to_z(
                site.organisations
                    .iter()
                    .enumerate()
                    .filter(|(_, o)| o.is_organisation())
                    .filter(|(_, o)| {
                        reports
                            .iter()
                            .any(|r| o.took_part_in(&site.report(*r).report))
                    })
                    .map(|(i, o)| Link {
                        path: organisation_path(site, i),
                        title: o.name.clone(),
                        note: String::new(),
                    })
                    .collect(),
            );
            let initiatives = order.a_to_z(
                site,
                reports
                    .iter()
                    .flat_map(|r| site.mentions.in_report(*r).iter().copied()),
            );
            let mut readings: Vec<Reading> = Vec::new();
            for r in &reports {
                for reading in &site.report(*r).readings {
                    if !readings.contains(reading) {
                        readings.push(reading.clone());
                    }
                }
            }
            EditionView {
                readings,
                summary: edition_summary(site, id),
                intro: parsed.intro.clone(),
                reports,
                topics,
                organisations,
                initiatives,
            }
        })
        .collect()
}

fn topic_views(site: &Site, order: &Order) -> Vec<TopicView> {
    site.topics()
        .map(|(topic_id, parsed)| {
            let t = &parsed.topic;
            let reports: Vec<ReportId> = site
                .reports()
                .filter(|(_, r)| r.topic == topic_id)
                .map(|(id, _)| id)
                .collect();
            TopicView {
                slug: t.slug.clone(),
                path: t.path(),
                title: t.title.clone(),
                description: t.description.clone(),
                intro: parsed.intro.clone(),
                report_count: reports.len(),
                years: by_year(
                    reports
                        .iter()
                        .map(|&id| (site.report(id).report.edition, id)),
                ),
                initiatives: order.a_to_z(
                    site,
                    reports
                        .iter()
                        .flat_map(|r| site.mentions.in_report(*r).iter().copied()),
                ),
            }
        })
        .collect()
}

/// Every initiative's view, A–Z.
fn initiative_views<'a>(site: &'a Site, order: &Order) -> Vec<InitiativeView<'a>> {
    let mut initiatives: Vec<InitiativeView> = (0..site.initiatives.len())
        .into_par_iter()
        .map(|i| {
            let id = InitiativeId(i);
            initiative_view(site, order, id, site.initiative(id))
        })
        .collect();
    initiatives.sort_by(|a, b| a.sort_key.cmp(&b.sort_key));
    initiatives
}

/// The link to the entry of the organisation the name `name` is (the first that writes it
/// so), or "" when none is.
fn organisation_path_of(site: &Site, names: &Names, name: &str) -> String {
    names
        .writing(name)
        .first()
        .map(|&i| organisation_path(site, i))
        .unwrap_or_default()
}

/// A report's page, with its `summary`.
fn report_view<'a>(
    site: &'a Site,
    named: &Names,
    id: ReportId,
    summary: ReportSummary,
) -> ReportView<'a> {
    let parsed = site.report(id);
    let (r, body) = (&parsed.report, &parsed.body);
    ReportView {
        edition_title: site.edition_of(parsed).title.clone(),
        made_by: site.edition_of(parsed).made_by(),
        summary,
        topic: r.topic.clone(),
        start: hh_mm(r.start),
        end: hh_mm(r.end),
        start_text: text::dutch_time(&hh_mm(r.start)),
        end_text: text::dutch_time(&hh_mm(r.end)),
        organisations: r
            .organisations
            .iter()
            .map(|name| Link {
                path: organisation_path_of(site, named, name),
                title: name.clone(),
                note: String::new(),
            })
            .collect(),
        readings: parsed.readings.clone(),
        people: r
            .people
            .iter()
            .map(|p| PersonView {
                name: p.name.clone(),
                role: p.role.clone(),
                organisation: p.organisation.clone(),
                part: p.parts_label(),
            })
            .collect(),
        description: r.description.clone(),
        corrections: r.corrections.clone(),
        link_texts: r.link_texts.clone(),
        sections: &body.sections,
        body_key: parsed.body_key,
        toc: body.sections.iter().filter(|s| s.title.is_some()).count() > 1,
        initiatives: site
            .mentions
            .in_report(id)
            .iter()
            .map(|i| initiative_link(site, *i))
            .collect(),
    }
}

/// The organisations' views: the ones `memo` kept when their key is as in the last build, or
/// made now; with their key, for `memo` to keep.
fn kept_organisations(
    site: &Site,
    named: &Names,
    summaries: &[ReportSummary],
    memo: &OrganisationsMemo,
) -> (Option<u64>, Arc<Vec<OrganisationView>>) {
    let (key, kept) = memo.find(|| Some(organisations_key(site)));
    let views = kept.unwrap_or_else(|| Arc::new(organisation_views(site, named, summaries)));
    (key, views)
}

fn organisation_views(
    site: &Site,
    named: &Names,
    summaries: &[ReportSummary],
) -> Vec<OrganisationView> {
    let (reports, roles) = tables_of_organisations(site, named, summaries);
    site.organisations
        .par_iter()
        .zip(reports)
        .zip(roles)
        .enumerate()
        .map(|(position, ((o, reports), roles))| {
            // The rounds of the tables it sat at or led.
            let years = years_desc(
                reports
                    .iter()
                    .map(|r| summaries[r.0].year)
                    .chain(roles.iter().map(|r| r.year)),
            );
            OrganisationView {
                slug: o.slug.clone(),
                path: organisation_path(site, position),
                name: o.name.clone(),
                group: o.group,
                person: o.person,
                organisation: o.is_organisation(),
                variants: o
                    .variants
                    .iter()
                    .filter(|v| **v != o.name)
                    .cloned()
                    .collect(),
                as_written: o.as_written.clone(),
                note: o.note.clone(),
                initiative: o.initiative.as_ref().and_then(|slug| {
                    site.initiatives()
                        .find(|(_, i)| &i.initiative.slug == slug)
                        .map(|(id, _)| initiative_link(site, id))
                }),
                reports,
                years,
                roles,
            }
        })
        .collect()
}

/// Everything the organisations' views are made of ([`organisation_views`], [`Names`],
/// [`tables_of_organisations`]): each organisation's fields as the views read them, each
/// report's slug, names of participants, people and what a table line shows of it (its
/// title, date and round; its path is its slug's), and the initiatives an organisation may
/// be (their slugs and links). A field those start to read must be added here
/// (`tests/it/serve_cache.rs` edits each).
fn organisations_key(site: &Site) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    for o in &site.organisations {
        (&o.name, &o.slug, &o.variants, o.group, o.person).hash(&mut h);
        (&o.as_written, &o.note, &o.initiative, &o.attended).hash(&mut h);
    }
    for (_, i) in site.initiatives() {
        let i = &i.initiative;
        (&i.slug, i.path(), &i.name, i.kind.label()).hash(&mut h);
    }
    // Each report's part hashed on its own, side by side: 10,000 reports.
    let reports: Vec<u64> = site
        .reports
        .par_iter()
        .map(|parsed| {
            let r = &parsed.report;
            let facts = (&r.slug, &r.title, r.date, r.edition);
            crate::memo::fingerprint((facts, &r.organisations, &r.people))
        })
        .collect();
    reports.hash(&mut h);
    h.finish()
}

/// Per organisation (in the site's order), the tables it took part in and where one of its
/// people had a public role, each in report order: one pass over the reports ([`Names`]).
type Tables = (Vec<Vec<ReportId>>, Vec<Vec<RoleView>>);

fn tables_of_organisations(site: &Site, named: &Names, summaries: &[ReportSummary]) -> Tables {
    let count = site.organisations.len();
    let (mut reports, mut roles) = (vec![Vec::new(); count], vec![Vec::new(); count]);
    for (ReportId(i), r) in site.reports() {
        let r = &r.report;
        for position in named.at_table(r) {
            reports[position].push(ReportId(i));
        }
        for p in &r.people {
            for &position in named.writing(&p.organisation) {
                roles[position].push(RoleView {
                    report: ReportId(i),
                    path: summaries[i].path.clone(),
                    title: format!("{}, {}", summaries[i].title, summaries[i].short_date),
                    note: format!("{}: {}", p.name, p.parts_label().to_lowercase()),
                    year: summaries[i].year,
                });
            }
        }
    }
    (reports, roles)
}

/// The initiatives grouped by topic, by kind and by how the reports speak of them.
fn groups(
    site: &Site,
    topics: &[TopicView],
    initiatives: &[InitiativeView],
) -> (Vec<Group>, Vec<Group>, Vec<Group>) {
    let by_topic = topics
        .iter()
        .filter(|t| !t.initiatives.is_empty())
        .map(|t| Group {
            id: format!("thema-{}", t.slug),
            title: t.title.clone(),
            initiatives: t.initiatives.clone(),
        })
        .collect();
    let mut kinds: Vec<Kind> = site.initiatives.iter().map(|i| i.initiative.kind).collect();
    kinds.sort();
    kinds.dedup();
    let by_kind = kinds
        .into_iter()
        .map(|k| Group {
            id: format!("soort-{}", k.label()),
            title: k.plural().to_owned(),
            initiatives: initiatives
                .iter()
                .filter(|i| i.kind == k)
                .map(|i| Link {
                    path: i.path.clone(),
                    title: i.name.clone(),
                    note: String::new(),
                })
                .collect(),
        })
        .collect();

    let by_mentioned_as = MentionedAs::all()
        .into_iter()
        .map(|m| Group {
            id: format!("genoemd-{}", m.key()),
            title: m.plural().to_owned(),
            initiatives: initiatives
                .iter()
                .filter(|i| i.mentioned_as == m)
                .map(|i| Link {
                    path: i.path.clone(),
                    title: i.name.clone(),
                    note: String::new(),
                })
                .collect(),
        })
        .filter(|g| !g.initiatives.is_empty())
        .collect();

    (by_topic, by_kind, by_mentioned_as)
}

/// A–Z order that ignores case, accents and a leading article: "De Naamloze Pilot" sorts
/// under N.
pub fn sort_key(name: &str) -> String {
    let folded = text::fold(name);
    folded.strip_prefix("de ").unwrap_or(&folded).to_owned()
}

fn summary(site: &Site, id: ReportId, parsed: &ParsedReport) -> ReportSummary {
    let r = &parsed.report;
    let topic: &Topic = site.topic_of(parsed);
    ReportSummary {
        slug: r.slug.clone(),
        path: r.path(),
        title: r.title.clone(),
        date: r.date.to_string(),
        date_text: r.date_text(),
        short_date: text::dutch_short_date(r.date),
        location: r.location.clone(),
        participants: r.participants,
        participants_word: parsed.participants_word,
        topic_title: topic.title.clone(),
        topic_path: topic.path(),
        year: r.edition,
        edition_path: crate::urls::edition(r.edition),
        concept: site.concepts.report(id),
    }
}

/// The distinct years, newest first.
fn years_desc(years: impl Iterator<Item = u16>) -> Vec<u16> {
    let mut years: Vec<u16> = years.collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    years
}

/// Items grouped by year, newest year first, in their own order within a year.
pub fn by_year<T>(items: impl IntoIterator<Item = (u16, T)>) -> Vec<YearGroup<T>> {
    let mut groups: Vec<YearGroup<T>> = Vec::new();
    for (year, item) in items {
        match groups.iter_mut().find(|g| g.year == year) {
            Some(group) => group.items.push(item),
            None => groups.push(YearGroup {
                year,
                items: vec![item],
            }),
        }
    }
    groups.sort_by_key(|g| std::cmp::Reverse(g.year));
    groups
}

fn edition_summary(site: &Site, id: EditionId) -> EditionSummary {
    let e = &site.edition(id).edition;
    let dates: Vec<time::Date> = site
        .reports
        .iter()
        .filter(|r| r.edition == id)
        .map(|r| r.report.date)
        .collect();
    let period = e
        .period
        .clone()
        .unwrap_or_else(|| match (dates.first(), dates.last()) {
            (Some(first), Some(last)) if first == last => text::dutch_short_date(*first),
            (Some(first), Some(last)) if first.year() == last.year() => format!(
                "{} {} – {}",
                first.day(),
                text::dutch_month(first.month()),
                text::dutch_short_date(*last)
            ),
            (Some(first), Some(last)) => format!(
                "{} – {}",
                text::dutch_short_date(*first),
                text::dutch_short_date(*last)
            ),
            _ => String::new(),
        });
    EditionSummary {
        year: e.year,
        path: e.path(),
        title: e.title.clone(),
        description: e.description.clone(),
        organisers: text::dutch_list(&e.organisers),
        bureaus: e.bureaus_phrase(),
        made_by: e.made_by(),
        period,
        report_count: dates.len(),
        concept: e.concept,
    }
}

/// Links to a report's titled sections.
fn outline(sections: &[Section]) -> Vec<SectionLink> {
    sections
        .iter()
        .filter_map(|s| {
            s.title.as_ref().map(|t| SectionLink {
                id: s.id.clone(),
                title: t.clone(),
            })
        })
        .collect()
}

/// Initiatives named in the same sections as `id`'s mentions, most often first (counted once
/// per section), then A–Z.
fn related(
    site: &Site,
    order: &Order,
    id: InitiativeId,
    places: &[MentionId],
) -> Vec<(InitiativeId, usize)> {
    // Initiatives named in the same sections, counted once per section.
    let mut counts: std::collections::BTreeMap<InitiativeId, usize> = Default::default();
    let mut sections: Vec<SectionId> = places
        .iter()
        .map(|&m| SectionId {
            report: m.report,
            section: site.mention(m).section,
        })
        .collect();
    sections.dedup();
    for section in sections {
        let mut others: Vec<InitiativeId> = site
            .report(section.report)
            .body
            .mentions
            .iter()
            .filter(|m| m.section == section.section && m.initiative != id)
            .map(|m| m.initiative)
            .collect();
        others.sort_unstable();
        others.dedup();
        for o in others {
            *counts.entry(o).or_default() += 1;
        }
    }
    let mut related: Vec<(InitiativeId, usize)> = counts.into_iter().collect();
    related.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then_with(|| order.key(a.0).cmp(order.key(b.0)))
    });

    related
}

// Mostly the view's fields, one by one.
fn initiative_view<'a>(
    site: &'a Site,
    order: &Order,
    id: InitiativeId,
    parsed: &'a ParsedInitiative,
) -> InitiativeView<'a> {
    let init = &parsed.initiative;
    // A sentence that names the initiative twice ("ESAR (Elektronisch Signaleringssysteem …)")
    // is quoted once.
    let mut places: Vec<MentionId> = site.mentions.of(id).to_vec();
    places.dedup_by(|b, a| {
        a.report == b.report && site.mention(*a).sentence == site.mention(*b).sentence
    });

    let mut topics: Vec<Link> = Vec::new();
    for (topic_id, t) in site.topics() {
        if places
            .iter()
            .any(|m| site.report(m.report).topic == topic_id)
        {
            topics.push(Link {
                path: t.topic.path(),
                title: t.topic.title.clone(),
                note: String::new(),
            });
        }
    }

    let related = related(site, order, id, &places);

    let years = years_desc(places.iter().map(|m| site.report(m.report).report.edition));
    InitiativeView {
        slug: init.slug.clone(),
        path: init.path(),
        name: init.name.clone(),
        sort_key: order.key(id).to_owned(),
        kind: init.kind,
        kind_label: init.kind.label(),
        mentioned_as: init.mentioned_as,
        mentioned_as_label: init.mentioned_as.label(),
        description: init.description.clone(),
        quote: init.quote.clone(),
        place: init.place.clone(),
        when: init.when.clone(),
        links: init
            .links
            .iter()
            .map(|l| {
                let day = l.checked_on();
                EditorialLinkView {
                    text: l.text.clone(),
                    url: l.url.clone(),
                    checked: day.map(|d| d.to_string()).unwrap_or_default(),
                    checked_text: day.map(text::dutch_short_date).unwrap_or_default(),
                }
            })
            .collect(),
        quote_source: parsed.quote_source.map(|r| {
            let report = &site.report(r).report;
            Link {
                path: report.path(),
                title: format!("{}, {}", report.title, text::dutch_short_date(report.date)),
                note: String::new(),
            }
        }),
        organisation: site
            .organisations
            .iter()
            .enumerate()
            .find(|(_, o)| o.initiative.as_deref() == Some(init.slug.as_str()))
            .map(|(i, o)| Link {
                path: organisation_path(site, i),
                title: o.name.clone(),
                note: String::new(),
            }),
        aliases: init.aliases.clone(),
        topics,
        years_text: text::dutch_list(&years.iter().rev().map(u16::to_string).collect::<Vec<_>>()),
        years,
        mention_count: places.len(),
        places,
        mentions: std::sync::OnceLock::new(),
        related: related
            .into_iter()
            .map(|(i, _)| {
                let other = &site.initiative(i).initiative;
                Link {
                    path: other.path(),
                    title: other.name.clone(),
                    note: other.kind.label().to_owned(),
                }
            })
            .collect(),
    }
}

/// The mentions at `places`, quoted in their sentences. Some initiatives are named thousands of
/// times: made side by side. An initiative's key (`render::keys`) hashes what this reads, field
/// by field: a field read here must be hashed there.
fn mention_views<'a>(site: &'a Site, places: &[MentionId]) -> Vec<MentionView<'a>> {
    places
        .par_iter()
        .map(|&m| {
            let parsed = site.report(m.report);
            let report = &parsed.report;
            let found = site.mention(m);
            let section = &parsed.body.sections[found.section];
            let section_title = match &section.title {
                Some(title) => title.as_str(),
                None => section.place.label().unwrap_or_default(),
            };
            let s = found.sentence.as_str();
            let (before, text, after) = match s.find(&found.text) {
                Some(at) => (&s[..at], found.text.as_str(), &s[at + found.text.len()..]),
                None => (s, "", ""),
            };
            MentionView {
                year: report.edition,
                report_title: &report.title,
                report_short_date: text::dutch_short_date(report.date),
                report_path: report.path(),
                topic_title: &site.topic_of(parsed).title,
                section_id: &section.id,
                section_title,
                before,
                text,
                after,
            }
        })
        .collect()
}
