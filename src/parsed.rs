//! The parsed site: the content checked and its Markdown rendered, as one record per report,
//! topic and initiative. Every stage after *parse* (render, index, check) reads this and
//! nothing else; the orchestrator in [`crate::site`] only passes it on.
//!
//! Things refer to each other by typed ids ([`ReportId`], [`InitiativeId`], [`SectionId`]),
//! never by positions that two lists must keep in step.

use crate::config::Config;
use crate::content::{Edition, Initiative, Organisation, Report, Topic};
pub use crate::ids::{EditionId, InitiativeId, MentionId, ReportId, SectionId, TopicId};
use crate::markdown::{Mention, Plain, Rendered};
use crate::urls::Urls;

/// A report with its text rendered: the record every later stage reads.
#[derive(Debug, Clone)]
pub struct ParsedReport {
    /// The facts from front matter. Its Markdown has gone into `body`.
    pub report: Report,
    pub topic: TopicId,
    pub edition: EditionId,
    pub body: Rendered,
}

/// An edition with its introduction rendered.
#[derive(Debug, Clone)]
pub struct ParsedEdition {
    pub edition: Edition,
    pub intro: Plain,
}

/// A topic with its introduction rendered.
#[derive(Debug, Clone)]
pub struct ParsedTopic {
    pub topic: Topic,
    pub intro: Plain,
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
    pub fn new(initiative_count: usize, bodies: &[&Rendered]) -> MentionIndex {
        let mut by_initiative = vec![Vec::new(); initiative_count];
        let mut by_report = Vec::with_capacity(bodies.len());
        for (r, body) in bodies.iter().enumerate() {
            let mut seen = Vec::new();
            for (index, mention) in body.mentions.iter().enumerate() {
                by_initiative[mention.initiative.0].push(MentionId {
                    report: ReportId(r),
                    index,
                });
                if !seen.contains(&mention.initiative) {
                    seen.push(mention.initiative);
                }
            }
            by_report.push(seen);
        }
        MentionIndex {
            by_initiative,
            by_report,
        }
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
    /// made by [`crate::concepts::publish`].
    pub concepts: crate::concepts::Concepts,
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
