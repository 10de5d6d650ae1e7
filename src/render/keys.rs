//! The keys of the views `serve` keeps pages and open data lines by: per report and per
//! initiative, a hash of everything its views are made from. A page or a line made of items
//! is then hashed from its items' keys instead of their values written out again (at 10,000
//! reports, hashing every page's values and writing the open data took about half of
//! `serve`'s render after a one-report edit). Made only when the page memo is on: a build
//! hashes nothing.

use std::hash::{Hash, Hasher};

use super::value::HashWriter;
use super::views::{InitiativeView, Views};
use crate::memo::fingerprint;
use crate::parsed::{ReportId, Site};

/// Per report and per initiative (by their place in [`Views`]), the key of its views; `None`
/// where there is none (a report without a body key: its values are hashed instead).
pub(super) struct Keys {
    /// By report id: everything its page and its open data item show.
    pub(super) reports: Vec<Option<u64>>,
    /// By report id: what the lists, theme pages, feeds and its neighbours' pages show of it
    /// (its summary, description and outline, not its body): an edit of a report's words
    /// renders its own page again, not those.
    listed: Vec<u64>,
    /// In the order of `Views::initiatives` (A–Z).
    pub(super) initiatives: Vec<u64>,
}

impl Keys {
    pub(super) fn new(site: &Site, views: &Views) -> Keys {
        use rayon::prelude::*;
        let lap = std::time::Instant::now();
        let shared = site_key(site);
        let ids: Vec<ReportId> = site.reports().map(|(id, _)| id).collect();
        let reports = ids
            .par_iter()
            .map(|&id| report_key(site, id, shared))
            .collect();
        let lap = crate::steps::lap("keys: reports", lap);
        let listed = ids
            .par_iter()
            .map(|&id| listed_key(site, id, shared))
            .collect();
        let lap = crate::steps::lap("keys: listed", lap);
        let quoted: Vec<u64> = ids.par_iter().map(|&id| quoted_key(site, id)).collect();
        let initiatives = views
            .initiatives
            .par_iter()
            .map(|view| initiative_key(site, view, shared, &quoted))
            .collect();
        crate::steps::lap("keys: initiatives", lap);
        Keys {
            reports,
            listed,
            initiatives,
        }
    }

    /// One key for the reports `ids` together as lists show them (a list's part, a theme
    /// page's outlines, a neighbour, a feed).
    pub(super) fn of_listed(&self, ids: impl IntoIterator<Item = ReportId>) -> u64 {
        let mut h = std::hash::DefaultHasher::new();
        for id in ids {
            (id.0, self.listed[id.0]).hash(&mut h);
        }
        h.finish()
    }
}

/// What a report's views read of the rest of the site: its topic's and round's names and
/// paths, where each organisation's entry is (by its place in the list) and the names, kinds
/// and paths of the initiatives it may link to. Hashed once per build.
fn site_key(site: &Site) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    for (_, t) in site.topics() {
        (&t.topic.slug, &t.topic.title, t.topic.path()).hash(&mut h);
    }
    for e in &site.editions {
        let e = &e.edition;
        (e.year, &e.title, e.made_by(), e.concept).hash(&mut h);
    }
    for o in &site.organisations {
        (&o.slug, &o.variants).hash(&mut h);
    }
    for (_, i) in site.initiatives() {
        let i = &i.initiative;
        (i.path(), &i.name, i.kind.label()).hash(&mut h);
    }
    h.finish()
}

/// Everything a report's summary, its view and its open data item are made from (see
/// `views::summary`, `views::report_view`, `data::reports`): its facts one by one (a field
/// a view starts to read must be added here; `tests/it/serve_cache.rs` edits each kind), its
/// body by the key of its Markdown pass, its readings, whether it is a concept, the
/// initiatives it mentions, and what it reads of the rest of the site (`shared`).
fn report_key(site: &Site, id: ReportId, shared: u64) -> Option<u64> {
    let parsed = site.report(id);
    let r = &parsed.report;
    let mut h = std::hash::DefaultHasher::new();
    (shared, parsed.body_key?, parsed.topic.0, parsed.edition.0).hash(&mut h);
    (
        &r.slug, &r.title, &r.topic, r.date, r.start, r.end, r.edition,
    )
        .hash(&mut h);
    (
        &r.location,
        r.participants,
        &r.organisations,
        &r.description,
    )
        .hash(&mut h);
    (&r.people, &r.link_texts, parsed.participants_word).hash(&mut h);
    for c in &r.corrections {
        (&c.was, &c.is).hash(&mut h);
    }
    for reading in &parsed.readings {
        (&reading.as_written, &reading.note, &reading.organisations).hash(&mut h);
    }
    site.concepts.report(id).hash(&mut h);
    site.mentions.in_report(id).hash(&mut h);
    Some(h.finish())
}

/// What lists show of a report (see `views::summary`, `views::ReportOutline`, the feeds): its
/// summary's facts, its description, whether it is a concept, its sections' ids and titles,
/// and its topic and round (their names and who made the round are in `shared`).
fn listed_key(site: &Site, id: ReportId, shared: u64) -> u64 {
    let parsed = site.report(id);
    let r = &parsed.report;
    let mut h = std::hash::DefaultHasher::new();
    (
        shared,
        parsed.topic.0,
        parsed.edition.0,
        site.concepts.report(id),
    )
        .hash(&mut h);
    (&r.slug, &r.title, &r.topic, r.date, r.edition, &r.location).hash(&mut h);
    (r.participants, parsed.participants_word, &r.description).hash(&mut h);
    for s in &parsed.body.sections {
        (&s.id, &s.title).hash(&mut h);
    }
    h.finish()
}

/// What a mention quotes of its report's facts (see `views::mention_views`): its title, date,
/// slug, round and topic (whose name is in `shared`).
fn quoted_key(site: &Site, id: ReportId) -> u64 {
    let parsed = site.report(id);
    let r = &parsed.report;
    fingerprint((r.edition, &r.title, r.date, &r.slug, parsed.topic.0))
}

/// An initiative's view as its pages and its open data item show it: what it writes into a
/// template context (its mentions are left out of that) and what its mentions are quoted from
/// (`views::mention_views`): each mention's report's facts (`quoted`, by report id) and what
/// the mention quotes of its section and sentence (`Mention::quoted`, made with the Markdown
/// pass), so that the mentions are made only for the initiatives whose key changed (at 10,000
/// reports, quoting 73,000 mentions to hash them was most of the views after every save). A
/// field `mention_views` starts to read must be added to one of the two
/// (`tests/it/serve_cache.rs` edits each).
fn initiative_key(site: &Site, view: &InitiativeView, shared: u64, quoted: &[u64]) -> u64 {
    let mut h = HashWriter(std::hash::DefaultHasher::new());
    serde_json::to_writer(&mut h, view).expect("writing to a hasher");
    // The topics' names (the mentions show their report's).
    shared.hash(&mut h.0);
    for &m in &view.places {
        (quoted[m.report.0], site.mention(m).quoted).hash(&mut h.0);
    }
    fingerprint(h.0.finish())
}
