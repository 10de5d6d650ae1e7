//! What the search index holds: one document per report section, initiative and theme, with
//! what a result shows and the two fields that are searched.

use std::borrow::Cow;
use std::ops::Range;

use elasticlunr::IndexBuilder;
use serde::Serialize;

use super::Dutch;
use crate::parsed::{Site, Text};
use crate::urls;

/// What a result shows: stored once per document, beside the index.
#[derive(Debug, Clone, Hash, Serialize)]
pub(super) struct Shown<'a> {
    /// Site path of the page or section.
    pub(super) u: String,
    /// Title.
    pub(super) t: String,
    /// Breadcrumb: "Thema › Rapport › Kop".
    pub(super) b: String,
    /// The whole text: the snippet is cut from it around the first match.
    pub(super) x: Cow<'a, str>,
    /// The year of the round (reports: their edition; initiatives: the latest round that
    /// named them), for filters; the breadcrumb already shows it to the reader.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) y: Option<u16>,
    /// The theme, as its place among the site's themes (a number keeps the first download
    /// small), for filters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) h: Option<usize>,
}

/// One document of the index: what a result shows, and the two fields that are searched.
pub(super) struct Document<'a> {
    pub(super) shown: Shown<'a>,
    pub(super) fields: [Cow<'a, str>; 2],
}

/// Every document, in a fixed order: report sections, initiatives, themes; and where the
/// initiatives stand among them (the names index refers to them).
pub(super) struct Documents<'a> {
    pub(super) list: Vec<Document<'a>>,
    pub(super) initiatives: Range<usize>,
}

/// Every document of the site, its words read in `text`.
pub(super) fn documents<'a>(site: &'a Site, text: &'a Text) -> Documents<'a> {
    let mut docs = Vec::new();
    // Concepts too: `serve` and `build --concepten` find their words, and the site a plain
    // build indexes has none (`concepts::publish`).
    for (id, parsed) in site.reports() {
        let report = &parsed.report;
        let topic = site.topic_of(parsed);
        let crumb = format!(
            "{} › {}, {}",
            topic.title,
            report.title,
            crate::text::dutch_short_date(report.date)
        );
        let path = report.path();
        for (section, words) in parsed.body.sections.iter().zip(text.report(id)) {
            // Untitled parts are named for where they stand, as initiative pages name them.
            let heading = match &section.title {
                Some(title) => title.as_str(),
                None => section.place.title(),
            };
            docs.push(Document {
                shown: Shown {
                    u: urls::section(&path, &section.id),
                    t: heading.to_owned(),
                    b: crumb.clone(),
                    x: Cow::Borrowed(words),
                    y: Some(report.edition),
                    h: Some(parsed.topic.0),
                },
                fields: [Cow::Borrowed(heading), Cow::Borrowed(words)],
            });
        }
    }
    let first = docs.len();
    for (id, parsed) in site.initiatives() {
        let initiative = &parsed.initiative;
        let sentences: Vec<&str> = site
            .mentions
            .of(id)
            .iter()
            .map(|&m| site.mention(m).sentence.as_str())
            .collect();
        docs.push(Document {
            shown: Shown {
                u: initiative.path(),
                t: initiative.name.clone(),
                b: format!("Initiatieven › {}", initiative.kind.label()),
                x: Cow::Borrowed(&initiative.description),
                y: site
                    .mentions
                    .of(id)
                    .iter()
                    .map(|m| site.report(m.report).report.edition)
                    .max(),
                h: None,
            },
            fields: [
                Cow::Borrowed(&initiative.name),
                Cow::Owned(format!(
                    "{} {}",
                    initiative.description,
                    sentences.join(" ")
                )),
            ],
        });
    }
    let initiatives = first..docs.len();
    for (topic_id, parsed) in site.topics() {
        let topic = &parsed.topic;
        let intro = text.topic(topic_id);
        docs.push(Document {
            shown: Shown {
                u: topic.path(),
                t: format!("Thema {}", topic.title),
                b: "Thema's".to_owned(),
                x: Cow::Borrowed(intro),
                y: None,
                h: Some(topic_id.0),
            },
            fields: [
                Cow::Borrowed(&topic.title),
                Cow::Owned(format!("{} {intro}", topic.description)),
            ],
        });
    }
    Documents {
        list: docs,
        initiatives,
    }
}

/// The initiatives' names and aliases, unstemmed, so "naamloze pilot" finds De Naamloze Pilot
/// as typed. Small (one entry per initiative), so it always travels in the main file.
pub(super) fn names_index(site: &Site, documents: &Documents) -> elasticlunr::Index {
    let mut index = IndexBuilder::with_language(Box::new(Dutch::new(false)))
        .save_docs(false)
        .add_fields(["name"])
        .set_ref("id")
        .build();
    for (doc, parsed) in documents.initiatives.clone().zip(&site.initiatives) {
        let initiative = &parsed.initiative;
        let name = format!("{} {}", initiative.name, initiative.aliases.join(" "));
        index.add_doc(&doc.to_string(), [name]);
    }
    index
}

/// Roughly what the documents weigh as a result list shows them.
pub(super) fn shown_bytes(documents: &[Document]) -> usize {
    documents
        .iter()
        .map(|d| d.shown.x.len() + d.shown.b.len() + 64)
        .sum()
}
