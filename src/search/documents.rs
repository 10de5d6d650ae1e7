//! What the search index holds: one document per report section, initiative and theme, with
//! what a result shows and the two fields that are searched.

use std::borrow::Cow;
use std::ops::Range;

use elasticlunr::IndexBuilder;
use serde::Serialize;

use super::Dutch;
use crate::parse::markdown::Place;
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

/// A document as a file of the index holds it ([`written`]).
#[derive(Serialize)]
pub(super) struct Written<'a> {
    u: &'a str,
    t: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    b: Option<&'a str>,
    x: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    y: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    h: Option<usize>,
}

/// Documents as a file of the index holds them: what a document shares with the one before it
/// is not written again. Its breadcrumb `b` is left out when it is the one before's (a report's
/// sections share "Thema › Rapport, datum"), and its address is only `#<id>` when it is on the
/// one before's page. `fillShown` in search-engine.js puts both back, so every result shows what
/// it showed before (at 10,000 reports the documents were 6.6 MB of breadcrumbs, 5.1 MB of
/// addresses).
pub(super) fn written<'a>(docs: &[&'a Shown<'a>]) -> Vec<Written<'a>> {
    let mut before: Option<&Shown> = None;
    docs.iter()
        .map(|d| {
            let same_crumb = before.is_some_and(|p| p.b == d.b);
            let u = match (before, d.u.find('#')) {
                (Some(p), Some(at)) if p.u.split('#').next() == Some(&d.u[..at]) => &d.u[at..],
                _ => d.u.as_str(),
            };
            before = Some(d);
            Written {
                u,
                t: &d.t,
                b: (!same_crumb).then_some(d.b.as_str()),
                x: &d.x,
                y: d.y,
                h: d.h,
            }
        })
        .collect()
}

/// The fields of the main index, in the order documents hold them: the title, the text, and
/// the list of organisations and participants a report opens with, kept apart from the text
/// so that a word found only there ranks below the text (docs/search.md, "How results are
/// ordered").
pub const FIELDS: [&str; 3] = ["title", "body", "org"];

/// One document of the index: what a result shows, and the fields that are searched
/// ([`FIELDS`]).
pub(super) struct Document<'a> {
    pub(super) shown: Shown<'a>,
    pub(super) fields: [Cow<'a, str>; 3],
}

/// Every document, in a fixed order: report sections, initiatives, themes; and where the
/// initiatives and themes stand among them (the names index refers to them).
pub(super) struct Documents<'a> {
    pub(super) list: Vec<Document<'a>>,
    pub(super) initiatives: Range<usize>,
    pub(super) topics: Range<usize>,
}

// Longer than most: one block per kind of document (report sections, initiatives, topics,
// organisations), in the order the index numbers them.
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
            let (body, org) = match section.place {
                Place::Opening => organisation_list(words, &report.organisations),
                _ => (Cow::Borrowed(words.as_str()), Cow::Borrowed("")),
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
                fields: [Cow::Borrowed(heading), body, org],
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
                Cow::Borrowed(""),
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
                Cow::Borrowed(""),
            ],
        });
    }
    let topics = initiatives.end..docs.len();
    Documents {
        list: docs,
        initiatives,
        topics,
    }
}

/// A report's opening text split into its text and its list of organisations: the sentences
/// that name two or more of the report's `organisations` ("Vertegenwoordigers vanuit de
/// organisaties: Breed Overleg Plus, CLIP GGZ, De Schoor, …"). Unchanged when none does.
fn organisation_list<'t>(text: &'t str, organisations: &[String]) -> (Cow<'t, str>, Cow<'t, str>) {
    let names: Vec<String> = organisations
        .iter()
        .map(|o| crate::text::fold(o))
        .filter(|o| !o.is_empty())
        .collect();
    let ends = crate::text::sentence_ends(text);
    let (mut body, mut org) = (String::new(), String::new());
    let mut start = 0;
    for end in ends.into_iter().chain([text.len()]) {
        let sentence = &text[start..end];
        let folded = crate::text::fold(sentence);
        let named = names.iter().filter(|n| folded.contains(n.as_str())).count();
        let to = if named >= 2 { &mut org } else { &mut body };
        to.push_str(sentence);
        start = end;
    }
    if org.is_empty() {
        return (Cow::Borrowed(text), Cow::Borrowed(""));
    }
    (Cow::Owned(body), Cow::Owned(org))
}

/// The initiatives' names and aliases and the themes' titles, unstemmed, so "naamloze pilot"
/// finds De Naamloze Pilot as typed and "eenzaamheid" the theme first. Small (one entry per
/// initiative and theme), so it always travels in the main file.
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
    for (doc, (_, parsed)) in documents.topics.clone().zip(site.topics()) {
        index.add_doc(&doc.to_string(), [parsed.topic.title.as_str()]);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(u: &str, b: &str) -> Shown<'static> {
        Shown {
            u: u.to_owned(),
            t: "Kop".to_owned(),
            b: b.to_owned(),
            x: Cow::Borrowed("tekst"),
            y: None,
            h: None,
        }
    }

    /// What a document shares with the one before is left out, and only that: the first of a
    /// file is whole, another page's address and another breadcrumb are written out.
    #[test]
    fn a_document_leaves_out_what_it_shares_with_the_one_before() {
        let docs = [
            shown("rapporten/a/#opening", "Thema › A"),
            shown("rapporten/a/#kop", "Thema › A"),
            shown("rapporten/b/#kop", "Thema › A"),
            shown("rapporten/b/", "Thema › B"),
            shown("rapporten/b/#slot", "Thema › B"),
            shown("initiatieven/x/", "Initiatieven"),
        ];
        let refs: Vec<&Shown> = docs.iter().collect();
        let json = serde_json::to_string(&written(&refs)).unwrap();
        assert_eq!(
            json,
            r##"[{"u":"rapporten/a/#opening","t":"Kop","b":"Thema › A","x":"tekst"},{"u":"#kop","t":"Kop","x":"tekst"},{"u":"rapporten/b/#kop","t":"Kop","x":"tekst"},{"u":"rapporten/b/","t":"Kop","b":"Thema › B","x":"tekst"},{"u":"#slot","t":"Kop","x":"tekst"},{"u":"initiatieven/x/","t":"Kop","b":"Initiatieven","x":"tekst"}]"##
        );
    }
}
