//! The parsed site: the content checked and its Markdown rendered, as one record per report,
//! topic and initiative ([`Site`]), and beside it the site's plain text ([`Text`], for search
//! and the editorial checks) and what only `check` reads ([`Checks`]). Every stage after
//! *parse* (render, index, check) reads these and nothing else; the orchestrator in
//! [`crate::site`] only passes them on, each to the stage that reads it.
//!
//! Things refer to each other by typed ids ([`ReportId`], [`InitiativeId`], [`SectionId`]),
//! never by positions that two lists must keep in step.

use std::sync::Arc;

use crate::config::Config;
use crate::content::{Edition, Initiative, Organisation, Report, Topic};
pub use crate::ids::{EditionId, InitiativeId, MentionId, ReportId, SectionId, TopicId};
use crate::parse::markdown::{Body, CheckData, Linked, Mention};
use crate::urls::Urls;

/// A report with its text rendered: the record every later stage reads. Its facts and body
/// are shared (with `serve`'s memos, and with a copy of the site), never copied.
#[derive(Debug, Clone)]
pub struct ParsedReport {
    /// The facts from front matter.
    pub report: Arc<Report>,
    pub topic: TopicId,
    pub edition: EditionId,
    pub body: Arc<Body>,
    /// A hash of everything the sections of `body` were made from (the key its Markdown pass
    /// is kept under in `serve`'s memo; `None` in a build, which keeps none): the page memo
    /// hashes this instead of the sections themselves. (`concepts::publish` may renumber the
    /// body's mentions, never its sections.)
    pub body_key: Option<u64>,
    /// The report's own word for its participants: "aanwezigen" or "deelnemers".
    pub participants_word: &'static str,
    /// The editors' readings behind the names of its organisations.
    pub readings: Vec<Reading>,
}

impl ParsedReport {
    /// The record of a report whose text rendered, with what its pages need from that text
    /// (`from_text`: [`FromText::read`]; the record does not keep the text, see [`Text`]).
    pub fn new(
        report: Arc<Report>,
        topic: TopicId,
        edition: EditionId,
        body: Arc<Body>,
        body_key: Option<u64>,
        from_text: &FromText,
    ) -> ParsedReport {
        ParsedReport {
            report,
            topic,
            edition,
            body,
            body_key,
            participants_word: from_text.participants_word,
            // Most reports have none: an empty list is copied without allocating.
            readings: from_text.readings.clone(),
        }
    }
}

/// What a report's record reads from its text: its word for its participants and the
/// editors' readings of its list of organisations. Both read the whole text (the readings
/// normalise all of it), so `serve` keeps them by what they are made from (see
/// `parse::PassMemo`).
#[derive(Debug, Clone)]
pub struct FromText {
    participants_word: &'static str,
    readings: Vec<Reading>,
}

impl FromText {
    /// `text` is the report's sections' words.
    pub fn read(report: &Report, text: &[String], organisations: &[Organisation]) -> FromText {
        FromText {
            participants_word: participants_word(report.participants, text),
            readings: readings(report, text, organisations),
        }
    }
}

/// The report's own word for the people at the table, as its text counts them ("31
/// aanwezigen", "18 deelnemers"): the facts block and the topic page say the number with that
/// word. "deelnemers" when the text does not count them.
fn participants_word(n: u32, text: &[String]) -> &'static str {
    let words: [&'static str; 2] = if n == 1 {
        ["deelnemer", "aanwezige"]
    } else {
        ["deelnemers", "aanwezigen"]
    };
    let counted = format!("{n} ");
    text.iter()
        .flat_map(|s| s.match_indices(&counted).map(move |(at, _)| (s, at)))
        // The number as a whole number ("31", not the end of "131").
        .filter(|(s, at)| {
            !s[..*at]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_digit())
        })
        .find_map(|(s, at)| {
            let next = s[at + counted.len()..]
                .split(|c: char| !c.is_alphabetic())
                .next()
                .unwrap_or_default()
                .to_lowercase();
            words.into_iter().find(|w| *w == next)
        })
        .unwrap_or(words[0])
}

/// How the editors read words of a report's list of participants ("Fornhese GGZ-Centraal
/// Politie" as three organisations): shown wherever the names they made are shown (the facts
/// block, the round's page, the open data).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Reading {
    /// The report's own words.
    pub as_written: String,
    /// The editors' reading of them.
    pub note: String,
    /// The organisations the reading names, as the site names them.
    pub organisations: Vec<String>,
}

/// The editors' readings behind a report's organisations: for each organisation with a
/// `note` that took part in the report, when the reading is about this report. It is when the
/// report's text holds the words `as_written` and its list of participants names no longer
/// organisation that holds them ("GGD" in a report that lists "GGD Flevoland" is that name,
/// not a reading). Organisations that share a reading share one entry.
fn readings(report: &Report, sections: &[String], organisations: &[Organisation]) -> Vec<Reading> {
    let normalise = crate::text::quote_form;
    let mut text: Option<String> = None;
    let mut readings: Vec<Reading> = Vec::new();
    for o in organisations {
        let (Some(as_written), Some(note)) = (&o.as_written, &o.note) else {
            continue;
        };
        if !o.took_part_in(report) {
            continue;
        }
        let words = normalise(as_written);
        let text = text.get_or_insert_with(|| normalise(&sections.join(" ")));
        let named_longer = report.organisations.iter().any(|n| {
            let n = normalise(n);
            n.len() > words.len() && n.contains(&words)
        });
        if !text.contains(&words) || named_longer {
            continue;
        }
        match readings
            .iter_mut()
            .find(|r| r.note == *note && r.as_written == *as_written)
        {
            Some(r) => r.organisations.push(o.name.clone()),
            None => readings.push(Reading {
                as_written: as_written.clone(),
                note: note.clone(),
                organisations: vec![o.name.clone()],
            }),
        }
    }
    readings
}

/// An edition with its introduction rendered.
#[derive(Debug, Clone)]
pub struct ParsedEdition {
    pub edition: Edition,
    pub intro: Linked,
}

/// A topic with its introduction rendered (its text is in [`Text`]).
#[derive(Debug, Clone)]
pub struct ParsedTopic {
    pub topic: Topic,
    pub intro: Linked,
}

/// The site's words without markup, beside the [`Site`]: what the search index and the
/// editorial checks read, and no page shows. A build lets it go once the index is made.
#[derive(Debug, Clone, Default)]
pub struct Text {
    /// Per report (by [`ReportId`]), each of its sections' text in the order of its body's
    /// sections.
    pub reports: Vec<Arc<Vec<String>>>,
    /// Per topic (by [`TopicId`]), its introduction's text.
    pub topics: Vec<String>,
}

impl Text {
    /// A report's sections' texts, in the order of its body's sections.
    pub fn report(&self, id: ReportId) -> &[String] {
        &self.reports[id.0]
    }

    pub fn topic(&self, id: TopicId) -> &str {
        &self.topics[id.0]
    }
}

/// What only `check` reads, beside the [`Site`]: each report's links and paragraphs, and
/// each topic introduction's paragraphs (read with the [`Text`] they stand in). A build
/// lets it go as soon as parse has checked what a build checks.
#[derive(Debug, Clone, Default)]
pub struct Checks {
    /// Per report (by [`ReportId`]).
    pub reports: Vec<Arc<CheckData>>,
    /// Per topic (by [`TopicId`]).
    pub topics: Vec<CheckData>,
}

impl Checks {
    pub fn report(&self, id: ReportId) -> &CheckData {
        &self.reports[id.0]
    }

    pub fn topic(&self, id: TopicId) -> &CheckData {
        &self.topics[id.0]
    }
}

/// An initiative with the report its `quote` was found in.
#[derive(Debug, Clone)]
pub struct ParsedInitiative {
    pub initiative: Initiative,
    pub quote_source: Option<ReportId>,
}

/// Where each initiative is mentioned: per initiative its mentions in report order, per report
/// the initiatives it mentions in order of first mention.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MentionIndex {
    by_initiative: Vec<Vec<MentionId>>,
    by_report: Vec<Vec<InitiativeId>>,
}

impl MentionIndex {
    pub fn new(initiative_count: usize, bodies: &[&Body]) -> MentionIndex {
        let mut index = MentionIndex {
            by_initiative: vec![Vec::new(); initiative_count],
            by_report: Vec::with_capacity(bodies.len()),
        };
        for (r, body) in bodies.iter().enumerate() {
            index.by_report.push(Vec::new());
            index.add(ReportId(r), body);
        }
        index
    }

    /// The mentions of `body` as those of `report`, which has none yet; after the reports
    /// before it (the lists per initiative stay in report order only when added in order).
    fn add(&mut self, report: ReportId, body: &Body) {
        let seen = &mut self.by_report[report.0];
        for (index, mention) in body.mentions.iter().enumerate() {
            let list = &mut self.by_initiative[mention.initiative.0];
            let id = MentionId { report, index };
            // In report order: after every mention of the reports up to this one.
            let at = list.partition_point(|m| (m.report, m.index) < (report, index));
            list.insert(at, id);
            if !seen.contains(&mention.initiative) {
                seen.push(mention.initiative);
            }
        }
    }

    /// The mentions of `report` replaced by those of `body` (serve's fast path, after an edit
    /// of that report): the same index [`MentionIndex::new`] makes of the new bodies.
    pub fn replace(&mut self, report: ReportId, body: &Body) {
        for initiative in std::mem::take(&mut self.by_report[report.0]) {
            self.by_initiative[initiative.0].retain(|m| m.report != report);
        }
        self.add(report, body);
    }

    /// Every mention of an initiative, in report order.
    pub fn of(&self, initiative: InitiativeId) -> &[MentionId] {
        &self.by_initiative[initiative.0]
    }

    /// The initiatives a report mentions, in order of first mention.
    pub fn in_report(&self, report: ReportId) -> &[InitiativeId] {
        &self.by_report[report.0]
    }
}

/// All content checked and rendered to HTML fragments: everything the templates, the search
/// index and the checks need.
#[derive(Debug, Clone)]
pub struct Site {
    pub config: Config,
    pub urls: Urls,
    /// Oldest first.
    pub editions: Vec<ParsedEdition>,
    pub topics: Vec<ParsedTopic>,
    pub reports: Vec<ParsedReport>,
    pub initiatives: Vec<ParsedInitiative>,
    pub organisations: Vec<Organisation>,
    pub mentions: MentionIndex,
    /// The synonym groups of `content/synoniemen.toml`, for search.
    pub synonyms: crate::content::Synonyms,
    /// What a plain build leaves out: everything above that is a concept. Nothing in a site
    /// made by [`crate::parse::concepts::publish`].
    pub concepts: Concepts,
}

impl Site {
    pub fn report(&self, id: ReportId) -> &ParsedReport {
        &self.reports[id.0]
    }

    pub fn edition(&self, id: EditionId) -> &ParsedEdition {
        &self.editions[id.0]
    }

    /// The edition of a report.
    pub fn edition_of(&self, report: &ParsedReport) -> &Edition {
        &self.editions[report.edition.0].edition
    }

    /// Editions with their ids, newest first.
    pub fn editions_newest_first(&self) -> impl Iterator<Item = (EditionId, &ParsedEdition)> {
        self.editions
            .iter()
            .enumerate()
            .rev()
            .map(|(i, e)| (EditionId(i), e))
    }

    pub fn initiative(&self, id: InitiativeId) -> &ParsedInitiative {
        &self.initiatives[id.0]
    }

    pub fn mention(&self, id: MentionId) -> &Mention {
        &self.reports[id.report.0].body.mentions[id.index]
    }

    /// The topic of a report.
    pub fn topic_of(&self, report: &ParsedReport) -> &Topic {
        &self.topics[report.topic.0].topic
    }

    /// Reports with their ids, in date order.
    pub fn reports(&self) -> impl Iterator<Item = (ReportId, &ParsedReport)> {
        self.reports
            .iter()
            .enumerate()
            .map(|(i, r)| (ReportId(i), r))
    }

    /// Initiatives with their ids, as the data file lists them.
    pub fn initiatives(&self) -> impl Iterator<Item = (InitiativeId, &ParsedInitiative)> {
        self.initiatives
            .iter()
            .enumerate()
            .map(|(i, p)| (InitiativeId(i), p))
    }

    /// Topics with their ids, by `order`.
    pub fn topics(&self) -> impl Iterator<Item = (TopicId, &ParsedTopic)> {
        self.topics.iter().enumerate().map(|(i, t)| (TopicId(i), t))
    }
}

/// Why an initiative or an organisation is a concept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// It says `concept = true` itself.
    Own,
    /// Only concept reports name it.
    OnlyInConcepts,
    /// Only a concept report holds the words its page rests on (`quote`, `as_written`).
    SourceInConcept,
}

/// What is a concept, per item of the parsed site (by its id). A plain build leaves all of it
/// out ([`crate::parse::concepts::publish`]); `serve` and `build --concepten` show it with the banner.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Concepts {
    pub reports: Vec<bool>,
    pub editions: Vec<bool>,
    pub topics: Vec<bool>,
    pub initiatives: Vec<Option<Why>>,
    pub organisations: Vec<Option<Why>>,
    /// Per initiative, the aliases only concept reports use.
    pub aliases: Vec<Vec<String>>,
}

impl Concepts {
    /// Whether anything at all is a concept.
    pub fn any(&self) -> bool {
        self.reports
            .iter()
            .chain(&self.editions)
            .chain(&self.topics)
            .any(|c| *c)
            || self.initiatives.iter().any(Option::is_some)
            || self.organisations.iter().any(Option::is_some)
            || self.aliases.iter().any(|a| !a.is_empty())
    }

    pub fn report(&self, id: ReportId) -> bool {
        self.reports.get(id.0).copied().unwrap_or(false)
    }

    pub fn initiative(&self, id: InitiativeId) -> bool {
        self.initiatives.get(id.0).is_some_and(Option::is_some)
    }

    /// Whether what filler belongs to is a concept.
    pub fn holds(&self, of: crate::content::placeholders::Of) -> bool {
        use crate::content::placeholders::Of;
        match of {
            Of::Report(at) => self.reports.get(at).copied().unwrap_or(false),
            Of::Edition(at) => self.editions.get(at).copied().unwrap_or(false),
            Of::Initiative(at) => self.initiatives.get(at).is_some_and(Option::is_some),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::markdown::Mention;
    use std::path::Path;

    /// A body that mentions these initiatives, in this order.
    fn body(initiatives: &[usize]) -> Body {
        Body {
            sections: Vec::new(),
            mentions: initiatives
                .iter()
                .map(|&i| Mention {
                    initiative: InitiativeId(i),
                    alias: 0,
                    section: 0,
                    sentence: String::new(),
                    text: String::new(),
                    linked: false,
                    quoted: 0,
                })
                .collect(),
        }
    }

    /// serve's fast path replaces one report's mentions: the index is the one a build makes
    /// of the new bodies, every list still in report order.
    #[test]
    fn a_report_replaced_is_indexed_as_a_build_indexes_it() {
        let before = [body(&[0, 1]), body(&[1]), body(&[2, 0, 2])];
        let after = [body(&[0, 1]), body(&[2, 1, 1, 0]), body(&[2, 0, 2])];
        let mut index = MentionIndex::new(3, &before.iter().collect::<Vec<_>>());
        index.replace(ReportId(1), &after[1]);
        assert_eq!(
            index,
            MentionIndex::new(3, &after.iter().collect::<Vec<_>>())
        );
        assert_eq!(
            index.in_report(ReportId(1)),
            [InitiativeId(2), InitiativeId(1), InitiativeId(0)]
        );
        let reports: Vec<usize> = index
            .of(InitiativeId(0))
            .iter()
            .map(|m| m.report.0)
            .collect();
        assert_eq!(reports, [0, 1, 2]);
    }

    fn report(participants: u32, organisations: &str, body: &str) -> (Report, Vec<String>) {
        let text = format!(
            "+++\ntitle = \"T\"\ntopic = \"t\"\ndate = 2023-05-16\nstart = \"10:00\"\nend = \"12:00\"\nlocation = \"L\"\nparticipants = {participants}\norganisations = {organisations}\ndescription = \"D\"\n+++\n{body}"
        );
        let (read, errors) = Report::read(Path::new("r.md"), &text);
        assert!(errors.is_empty(), "{errors:?}");
        let (report, markdown) = read.unwrap();
        let (rendered, errors) = crate::parse::markdown::render_all(
            Path::new("r.md"),
            &markdown.text,
            markdown.line,
            None,
            false,
        );
        assert!(errors.is_empty(), "{errors:?}");
        (report, rendered.text)
    }

    fn organisation(toml: &str) -> Organisation {
        toml::from_str(toml).unwrap()
    }

    #[test]
    fn the_participants_are_counted_in_the_reports_own_word() {
        for (n, body, want) in [
            (
                31,
                "31 aanwezigen. Vertegenwoordigers van ...",
                "aanwezigen",
            ),
            (21, "21 Deelnemers. Vertegenwoordigers", "deelnemers"),
            (
                18,
                "Er waren 118 aanwezigen en 18 deelnemers.",
                "deelnemers",
            ),
            (1, "1 aanwezige.", "aanwezige"),
            (20, "Geen telling in de tekst.", "deelnemers"),
            (20, "20 professionals kwamen bijeen.", "deelnemers"),
        ] {
            let (r, b) = report(n, "[]", body);
            assert_eq!(participants_word(r.participants, &b), want, "{body}");
        }
    }

    #[test]
    fn a_reading_is_shown_with_the_report_it_is_about() {
        let split = [
            "name = \"Fornhese\"\nslug = \"fornhese\"\nvariants = [\"Fornhese\"]\nas_written = \"Fornhese GGZ-Centraal Politie\"\nnote = \"Drie organisaties.\"",
            "name = \"Politie\"\nslug = \"politie\"\nvariants = [\"Politie\"]\nas_written = \"Fornhese GGZ-Centraal Politie\"\nnote = \"Drie organisaties.\"",
            "name = \"GGD Flevoland\"\nslug = \"ggd\"\nvariants = [\"GGD Flevoland\", \"GGD\"]\nas_written = \"GGD\"\nnote = \"GGD is GGD Flevoland.\"",
        ]
        .map(organisation);
        // The reading of the participants line this report writes, shared by the names it made.
        let (r, b) = report(
            17,
            "[\"Fornhese\", \"Politie\"]",
            "Vanuit Fornhese GGZ-Centraal Politie en anderen.",
        );
        let got = readings(&r, &b, &split);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].organisations, ["Fornhese", "Politie"]);
        // "GGD" where the report lists "GGD Flevoland" is that name, not a reading.
        let (r, b) = report(31, "[\"GGD Flevoland\"]", "Met GGD Flevoland.");
        assert!(readings(&r, &b, &split).is_empty());
        let (r, b) = report(20, "[\"GGD\"]", "Met GGD en Windesheim.");
        assert_eq!(readings(&r, &b, &split)[0].organisations, ["GGD Flevoland"]);
        // A report that names the organisation without the words read: no reading.
        let (r, b) = report(5, "[\"Politie\"]", "De Politie was er.");
        assert!(readings(&r, &b, &split).is_empty());
    }
}
