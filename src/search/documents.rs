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

/// A document as a file of the index holds it ([`written`]): an array `[u, t, x]`, or
/// `[u, t, x, b, y, h]` when its breadcrumb, year or theme is not the one before's (`null`
/// for no year or no theme).
pub(super) struct Written<'a> {
    u: &'a str,
    t: Title<'a>,
    x: &'a str,
    tail: Option<Tail<'a>>,
}

/// A document's breadcrumb, year and theme, which a report's sections share.
type Tail<'a> = (&'a str, Option<u16>, Option<usize>);

/// A title as written: the text, or how many UTF-16 code units (JavaScript's string length)
/// of the document's text it is, when the text starts with it (a section's text starts with
/// its heading).
#[derive(Serialize)]
#[serde(untagged)]
enum Title<'a> {
    Text(&'a str),
    Start(usize),
}

impl Serialize for Written<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = serializer.serialize_seq(Some(if self.tail.is_some() { 6 } else { 3 }))?;
        seq.serialize_element(self.u)?;
        seq.serialize_element(&self.t)?;
        seq.serialize_element(self.x)?;
        if let Some((b, y, h)) = self.tail {
            seq.serialize_element(b)?;
            seq.serialize_element(&y)?;
            seq.serialize_element(&h)?;
        }
        seq.end()
    }
}

/// Documents as a file of the index holds them ([`Written`]): what a document shares with the
/// one before it, or with its own text, is not written again. `shownOf` in search-engine.js
/// puts it back, so every result shows what it showed before:
///
/// - its breadcrumb, year and theme are left out when they are the one before's (a report's
///   sections share "Thema › Rapport, datum", its round and its theme);
/// - its address is only `#<id>` when it is on the one before's page, and the id is left out
///   (the address ends in `#`) when it is the title's [`ascii_slug`];
/// - its title is a number, the length of the start of its text that it is, when the text
///   starts with it.
///
/// At 10,000 reports the documents were 78.6 MB, 71.6 MB this way (of which 68.0 MB the texts).
pub(super) fn written<'a>(docs: &[&'a Shown<'a>]) -> Vec<Written<'a>> {
    let mut page: Option<&str> = None;
    let mut tail: Option<Tail> = None;
    docs.iter()
        .map(|d| {
            let u = d.u.as_str();
            let at = u.find('#').unwrap_or(u.len());
            let start = if page == Some(&u[..at]) && at < u.len() {
                at
            } else {
                0
            };
            let end = if at < u.len() && u[at + 1..] == ascii_slug(&d.t) {
                at + 1
            } else {
                u.len()
            };
            page = Some(&u[..at]);
            let own = (d.b.as_str(), d.y, d.h);
            let new_tail = tail != Some(own);
            tail = Some(own);
            Written {
                u: &u[start..end],
                t: if !d.t.is_empty() && d.x.starts_with(d.t.as_str()) {
                    Title::Start(d.t.encode_utf16().count())
                } else {
                    Title::Text(&d.t)
                },
                x: &d.x,
                tail: new_tail.then_some(own),
            }
        })
        .collect()
}

/// A heading's id as `slug` in search-engine.js makes it from the title: every run of
/// characters other than ASCII letters and digits one hyphen, none at either end, lowercase.
/// Not [`crate::text::slug`], which folds accents first ("Café" → `cafe`): for such a title the
/// id stays written out, so the browser needs no fold to find it.
fn ascii_slug(title: &str) -> String {
    let mut out = String::with_capacity(title.len());
    let mut gap = false;
    for c in title.chars() {
        if !c.is_ascii_alphanumeric() {
            gap = true;
            continue;
        }
        if gap && !out.is_empty() {
            out.push('-');
        }
        gap = false;
        out.push(c.to_ascii_lowercase());
    }
    out
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
    use serde_json::Value;

    fn shown(
        u: &str,
        t: &str,
        b: &str,
        x: &str,
        y: Option<u16>,
        h: Option<usize>,
    ) -> Shown<'static> {
        Shown {
            u: u.to_owned(),
            t: t.to_owned(),
            b: b.to_owned(),
            x: Cow::Owned(x.to_owned()),
            y,
            h,
        }
    }

    /// What `shownOf` in search-engine.js makes of a file's documents, step for step:
    /// (u, t, b, x, y, h) each.
    fn read(list: &Value) -> Vec<(String, String, String, String, Value, Value)> {
        let mut page = String::new();
        let mut tail = Vec::new();
        let mut out = Vec::new();
        for r in list.as_array().unwrap() {
            let r = r.as_array().unwrap();
            if r.len() > 3 {
                tail = r.clone();
            }
            let x = r[2].as_str().unwrap().to_owned();
            let t = match &r[1] {
                Value::Number(n) => {
                    let units: Vec<u16> = x
                        .encode_utf16()
                        .take(n.as_u64().unwrap() as usize)
                        .collect();
                    String::from_utf16(&units).unwrap()
                }
                t => t.as_str().unwrap().to_owned(),
            };
            let mut u = r[0].as_str().unwrap().to_owned();
            if u.starts_with('#') {
                u = format!("{page}{u}");
            }
            if u.ends_with('#') {
                u.push_str(&ascii_slug(&t));
            }
            page = u.split('#').next().unwrap().to_owned();
            let b = tail[3].as_str().unwrap().to_owned();
            out.push((u, t, b, x, tail[4].clone(), tail[5].clone()));
        }
        out
    }

    /// What a document shares with the one before, or with its own text, is left out, and only
    /// that: the first of a file is whole; another page's address, another breadcrumb, year or
    /// theme are written out; a title its text does not start with, and an id that is not the
    /// title's ASCII slug ("Café", a second "Kop"), stay; and the reader gets every field back.
    #[test]
    fn a_document_leaves_out_what_it_shares_with_the_one_before_or_its_text() {
        let docs = [
            shown(
                "rapporten/a/#opening",
                "Begin",
                "Thema › A",
                "Tekst.",
                Some(2023),
                Some(1),
            ),
            shown(
                "rapporten/a/#kop-een",
                "Kop één",
                "Thema › A",
                "Kop één tekst",
                Some(2023),
                Some(1),
            ),
            shown(
                "rapporten/a/#sociaal-cafe",
                "Sociaal Café",
                "Thema › A",
                "Sociaal Café: ‘x’",
                Some(2023),
                Some(1),
            ),
            shown(
                "rapporten/a/#kop-2",
                "Kop",
                "Thema › A",
                "Kop tekst",
                Some(2023),
                Some(1),
            ),
            shown(
                "rapporten/b/#kop",
                "Kop",
                "Thema › A",
                "Kop",
                Some(2024),
                Some(1),
            ),
            shown(
                "rapporten/b/#slot",
                "Slot",
                "Thema › B",
                "Het slot",
                Some(2024),
                Some(1),
            ),
            shown(
                "initiatieven/x/",
                "X",
                "Initiatieven › Plek",
                "X is een plek",
                Some(2024),
                None,
            ),
            shown(
                "initiatieven/y/",
                "Y",
                "Initiatieven › Plek",
                "Iets",
                Some(2024),
                None,
            ),
            shown("themas/t/", "Thema T", "Thema's", "Over T", None, Some(0)),
        ];
        let refs: Vec<&Shown> = docs.iter().collect();
        let json = serde_json::to_string(&written(&refs)).unwrap();
        assert_eq!(
            json,
            concat!(
                r##"[["rapporten/a/#opening","Begin","Tekst.","Thema › A",2023,1],"##,
                r##"["#kop-een",7,"Kop één tekst"],["#sociaal-cafe",12,"Sociaal Café: ‘x’"],"##,
                r##"["#kop-2",3,"Kop tekst"],["rapporten/b/#",3,"Kop","Thema › A",2024,1],"##,
                r##"["#","Slot","Het slot","Thema › B",2024,1],"##,
                r##"["initiatieven/x/",1,"X is een plek","Initiatieven › Plek",2024,null],"##,
                r##"["initiatieven/y/","Y","Iets"],["themas/t/","Thema T","Over T","Thema's",null,0]]"##
            )
        );
        let back = read(&serde_json::from_str(&json).unwrap());
        let expected: Vec<_> = docs
            .iter()
            .map(|d| {
                let (y, h) = (serde_json::json!(d.y), serde_json::json!(d.h));
                (d.u.clone(), d.t.clone(), d.b.clone(), d.x.to_string(), y, h)
            })
            .collect();
        assert_eq!(back, expected);
    }

    /// A plain title's slug is its heading's id, as `text::slug` makes it; one with accents
    /// is not (its id is then written out).
    #[test]
    fn ascii_slug_is_the_id_of_a_plain_title() {
        for title in [
            "Wat is eenzaamheid?",
            "  -- A&B 2023 --",
            "Werken vanuit vertrouwen",
        ] {
            assert_eq!(ascii_slug(title), crate::text::slug(title), "{title}");
        }
        assert_eq!(ascii_slug("  -- A&B 2023 --"), "a-b-2023");
        assert_eq!(ascii_slug("Kop één"), "kop-n");
        assert_ne!(ascii_slug("Kop één"), crate::text::slug("Kop één"));
    }
}
