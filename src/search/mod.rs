//! The search index: one document per report section, initiative and theme, indexed with
//! elasticlunr-rs through the project's own Dutch text pipeline ([`dutch`]).
//!
//! Small sites get one file: the documents, one elasticlunr index and the names index, so
//! the first search is a single small request. When that file and the search scripts would
//! be larger than `search_budget_kb` compressed, the index is *sharded*: the sorted terms are cut into
//! ranges of about `search_shard_kb` each, every range written as an elasticlunr index of its
//! own; the documents (what a result shows) go into chunks of [`DOCS_PER_CHUNK`]. The browser
//! loads only the shards whose range can hold a word of the query (or a word it starts, since
//! elasticlunr expands prefixes) and only the chunks of the results it shows.
//!
//! Sharding never changes a result. Each shard holds the exact postings (elasticlunr's `tf`)
//! of its terms, the field lengths of every document it mentions, and the count of *all*
//! documents, so elasticlunr.js computes the same idf, the same field-length norm and the same
//! score for every (term, document) as it does on one index; `search.js` adds the shards of a
//! query word up in term order, as one index would. The tests check that the single index is
//! byte for byte what elasticlunr-rs itself writes, and that the shards put back together are
//! that index.

mod dutch;

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::hash::Hasher;
use std::io::Write;
use std::ops::Range;

use elasticlunr::IndexBuilder;
use rayon::prelude::*;
use regex::Regex;
use serde::Serialize;
use serde_json::value::RawValue;
use sha2::{Digest, Sha256};

pub use dutch::{Analyzer, Dutch, STOP_WORDS, VERSION};

use crate::output::Sink;
use crate::render::OutputFile;
use crate::site::Site;

/// Documents per chunk file of a sharded index: a result list of ten usually needs a few.
pub const DOCS_PER_CHUNK: usize = 8;
/// The name templates and `search.js` know the first file by.
pub const MAIN_FILE: &str = "search-index.js";

/// What a result shows: stored once per document, beside the index.
#[derive(Debug, Clone, Serialize)]
struct Shown<'a> {
    /// Site path of the page or section.
    u: String,
    /// Title.
    t: String,
    /// Breadcrumb: "Thema › Rapport › Kop".
    b: String,
    /// The whole text: the snippet is cut from it around the first match.
    x: Cow<'a, str>,
}

/// One document of the index: what a result shows, and the two fields that are searched.
struct Document<'a> {
    shown: Shown<'a>,
    fields: [Cow<'a, str>; 2],
}

/// The built index: a script that sets `window.vindplaatsZoekdata` (so search also works when
/// the site is opened from disk, where fetching a JSON file is not allowed). The parts of a
/// sharded index (shards, document chunks, vocabulary) have gone to the sink.
#[derive(Debug, Clone)]
pub struct SearchIndex {
    pub main: OutputFile,
    pub documents: usize,
    /// Shards of the term index; 1 when the index is a single file.
    pub shards: usize,
    /// Size of every file together, uncompressed.
    pub bytes: usize,
    /// Size of the main file as served compressed (gzip).
    pub main_gzip_bytes: usize,
}

/// Builds the index of the whole site; the parts of a sharded index go to `sink` as they are
/// made. `scripts_gzip_bytes` is what the search scripts weigh compressed: the budget is for
/// scripts and index together.
pub fn index(
    site: &Site,
    scripts_gzip_bytes: usize,
    sink: &dyn Sink,
    naming: Naming,
) -> anyhow::Result<SearchIndex> {
    let documents = documents(site);
    let analyzer = Analyzer::new(true);
    let postings = Postings::collect(&documents, &analyzer);
    let words = vocabulary(&postings.tokens);
    let names = names_index(site, &documents);
    let pipeline = Dutch::new(true).pipeline_names();
    let budget = (site.config.search_budget_kb as usize * 1024).saturating_sub(scripts_gzip_bytes);
    let shard_target = site.config.search_shard_kb as usize * 1024;

    // One file when it fits the budget. Only an index of at most a few times the budget can
    // compress to it, so a large one is never serialised whole just to be measured.
    if postings.estimated_bytes() + shown_bytes(&documents) <= 16 * budget.max(1) {
        let index = postings.index_json(0..postings.terms.len(), &pipeline, true);
        let single = Single {
            pipeline: VERSION,
            docs: documents.iter().map(|d| &d.shown).collect(),
            index: &RawValue::from_string(String::from_utf8(index).expect("JSON is UTF-8"))
                .expect("index_json writes JSON"),
            names: &names,
            words: front_code(&words),
        };
        let main = main_script(&json(&single));
        let main_gzip_bytes = gzip_len(&main);
        if main_gzip_bytes <= budget {
            return Ok(SearchIndex {
                bytes: main.len(),
                main: naming.file(main),
                documents: documents.len(),
                shards: 1,
                main_gzip_bytes,
            });
        }
    }

    // The parts go out as they are made, into a folder renamed after their content at the
    // end: immutable under static/, a new build never mixes with a cached old part. SipHash
    // (std's hasher) is enough to tell builds apart and fast on hundreds of megabytes.
    let ranges = postings.plan_shards(shard_target);
    let put = |name: String, json: Vec<u8>| -> anyhow::Result<(usize, u64)> {
        let bytes = part_script(&name, &json);
        let mut h = std::hash::DefaultHasher::new();
        h.write(&bytes);
        let (size, hash) = (bytes.len(), h.finish());
        sink.put(OutputFile {
            path: format!("{NEW_PARTS}{name}.js"),
            bytes,
        })?;
        Ok((size, hash))
    };
    let mut written: Vec<(usize, u64)> = ranges
        .par_iter()
        .enumerate()
        .map(|(k, range)| {
            put(
                format!("i{k}"),
                postings.index_json(range.clone(), &pipeline, false),
            )
        })
        .collect::<anyhow::Result<_>>()?;
    let chunks: Vec<(usize, u64)> = documents
        .par_chunks(DOCS_PER_CHUNK)
        .enumerate()
        .map(|(k, chunk)| {
            let shown: Vec<&Shown> = chunk.iter().map(|d| &d.shown).collect();
            put(format!("d{k}"), json(&shown))
        })
        .collect::<anyhow::Result<_>>()?;
    written.extend(chunks);
    written.push(put("woorden".to_owned(), json(&front_code(&words)))?);
    let mut h = std::hash::DefaultHasher::new();
    for (_, x) in &written {
        h.write_u64(*x);
    }
    let dir = format!("{PARTS}{:016x}/", h.finish());
    sink.rename_folder(NEW_PARTS, &dir)?;
    let manifest = Sharded {
        pipeline: VERSION,
        names: &names,
        sharded: Shards {
            dir: &dir,
            starts: ranges
                .iter()
                .map(|r| postings.terms[r.start].as_str())
                .collect(),
            documents: documents.len(),
            chunk: DOCS_PER_CHUNK,
        },
    };
    let main = main_script(&json(&manifest));
    let main_gzip_bytes = gzip_len(&main);
    Ok(SearchIndex {
        bytes: main.len() + written.iter().map(|(size, _)| size).sum::<usize>(),
        main: naming.file(main),
        documents: documents.len(),
        shards: ranges.len(),
        main_gzip_bytes,
    })
}

/// Folders of the parts of a sharded index start so, and the main file's name.
const PARTS: &str = "static/zoek-";
const MAIN_PREFIX: &str = "static/search-index.";
/// Where the parts are put until their folder gets its name.
const NEW_PARTS: &str = "static/zoek-nieuw/";

/// The single-file index; its `index` as written by [`Postings::index_json`].
#[derive(Serialize)]
struct Single<'a> {
    pipeline: &'static str,
    docs: Vec<&'a Shown<'a>>,
    index: &'a RawValue,
    names: &'a elasticlunr::Index,
    words: String,
}

/// The first file of a sharded index: where the rest is.
#[derive(Serialize)]
struct Sharded<'a> {
    pipeline: &'static str,
    names: &'a elasticlunr::Index,
    sharded: Shards<'a>,
}

#[derive(Serialize)]
struct Shards<'a> {
    /// Folder of the parts, from the site root.
    dir: &'a str,
    /// The first term of each shard `i<k>`; a shard holds the terms up to the next start.
    starts: Vec<&'a str>,
    /// Number of documents; document `n` is in chunk `d<n / chunk>`.
    documents: usize,
    chunk: usize,
}

fn json(value: &impl Serialize) -> Vec<u8> {
    serde_json::to_vec(value).expect("plain data serialises")
}

/// The main file: a script that sets the data for `search.js`.
fn main_script(json: &[u8]) -> Vec<u8> {
    [b"window.vindplaatsZoekdata=", json, b";\n"].concat()
}

/// A part of a sharded index: a script that hands its data to `search.js`.
fn part_script(name: &str, json: &[u8]) -> Vec<u8> {
    [
        format!("vindplaatsZoekdeel(\"{name}\",").as_bytes(),
        json,
        b");\n",
    ]
    .concat()
}

/// Whether a site path is one of the search index's files (the main file or a part).
pub fn is_index_file(path: &str) -> bool {
    path.starts_with(MAIN_PREFIX) || path.starts_with(PARTS)
}

/// How the main file is named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Naming {
    /// By its content, so hosts may cache it for ever.
    Fingerprinted,
    /// Always the same (serve, which sends no cache headers): the pages that link to it then
    /// stay the same from one build to the next, and need not be rendered again.
    Fixed,
}

impl Naming {
    /// The main file's path, for its content `bytes`.
    pub fn path(self, bytes: &[u8]) -> String {
        match self {
            Naming::Fixed => format!("{MAIN_PREFIX}js"),
            Naming::Fingerprinted => {
                let hash: String = Sha256::digest(bytes)
                    .iter()
                    .take(5)
                    .map(|b| format!("{b:02x}"))
                    .collect();
                format!("{MAIN_PREFIX}{hash}.js")
            }
        }
    }

    fn file(self, bytes: Vec<u8>) -> OutputFile {
        OutputFile {
            path: self.path(&bytes),
            bytes,
        }
    }
}

/// Every document, in a fixed order: report sections, initiatives, themes.
fn documents(site: &Site) -> Vec<Document<'_>> {
    let lib = &site.library;
    let mut docs = Vec::new();
    for (r, report) in lib.reports.iter().enumerate() {
        let topic = lib
            .topic(&report.topic)
            .expect("topics checked in Library::load");
        let crumb = format!(
            "{} › {}, {}",
            topic.title,
            report.title,
            crate::text::dutch_short_date(report.date)
        );
        let path = report.path();
        for section in &site.report_bodies[r].sections {
            // Untitled parts are named for where they stand, as initiative pages name them.
            let heading = match &section.title {
                Some(title) => title.as_str(),
                None => section.place.title(),
            };
            docs.push(Document {
                shown: Shown {
                    u: format!("{path}#{}", section.id),
                    t: heading.to_owned(),
                    b: crumb.clone(),
                    x: Cow::Borrowed(&section.text),
                },
                fields: [Cow::Borrowed(heading), Cow::Borrowed(&section.text)],
            });
        }
    }
    for (i, initiative) in lib.initiatives.iter().enumerate() {
        let sentences: Vec<&str> = site.mentions.by_initiative[i]
            .iter()
            .map(|&(r, m)| site.report_bodies[r].mentions[m].sentence.as_str())
            .collect();
        docs.push(Document {
            shown: Shown {
                u: initiative.path(),
                t: initiative.name.clone(),
                b: format!("Initiatieven › {}", initiative.kind.label()),
                x: Cow::Borrowed(&initiative.description),
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
    for (t, topic) in lib.topics.iter().enumerate() {
        let intro = strip_tags(&site.topic_intros[t]);
        docs.push(Document {
            shown: Shown {
                u: topic.path(),
                t: format!("Thema {}", topic.title),
                b: "Thema's".to_owned(),
                x: Cow::Owned(intro.clone()),
            },
            fields: [
                Cow::Borrowed(&topic.title),
                Cow::Owned(format!("{} {intro}", topic.description)),
            ],
        });
    }
    docs
}

/// The initiatives' names and aliases, unstemmed, so "naamloze pilot" finds De Naamloze Pilot
/// as typed. Small (one entry per initiative), so it always travels in the main file.
fn names_index(site: &Site, documents: &[Document]) -> elasticlunr::Index {
    let first = documents.len() - site.library.initiatives.len() - site.library.topics.len();
    let mut index = IndexBuilder::with_language(Box::new(Dutch::new(false)))
        .save_docs(false)
        .add_fields(["name"])
        .set_ref("id")
        .build();
    for (i, initiative) in site.library.initiatives.iter().enumerate() {
        let name = format!("{} {}", initiative.name, initiative.aliases.join(" "));
        index.add_doc(&(first + i).to_string(), [name]);
    }
    index
}

/// Every term of the main index with where it occurs: what elasticlunr-rs's `add_doc` counts,
/// counted once per distinct token and in parallel.
struct Postings<'a> {
    /// Sorted.
    terms: Vec<String>,
    /// Per term, per field: (document, occurrences), in the order of `by_ref`.
    lists: Vec<[Vec<(u32, u32)>; 2]>,
    /// Per document, per field: the number of terms (elasticlunr's field length).
    lengths: Vec<[usize; 2]>,
    /// Document numbers in the order of their text ("10" before "9").
    by_ref: Vec<u32>,
    /// Every distinct token of the text, for the vocabulary.
    tokens: Vec<&'a str>,
}

impl<'a> Postings<'a> {
    fn collect(documents: &'a [Document<'a>], analyzer: &Analyzer) -> Postings<'a> {
        // Each document's tokens, counted.
        let counted: Vec<[Vec<(&str, u32)>; 2]> = documents
            .par_iter()
            .map(|d| [0, 1].map(|f| count_tokens(analyzer, &d.fields[f])))
            .collect();
        // The pipeline runs once per distinct token, not once per occurrence.
        let distinct: HashSet<&str> = counted
            .par_iter()
            .fold(HashSet::new, |mut set, doc| {
                set.extend(doc.iter().flatten().map(|(t, _)| *t));
                set
            })
            .reduce(HashSet::new, |mut a, b| {
                if a.len() < b.len() {
                    return b.into_iter().chain(a).collect();
                }
                a.extend(b);
                a
            });
        let mut tokens: Vec<&str> = distinct.into_iter().collect();
        tokens.par_sort_unstable();
        let mapped: Vec<Option<String>> = tokens.par_iter().map(|t| analyzer.term(t)).collect();
        let mut terms: Vec<String> = mapped.iter().flatten().cloned().collect();
        terms.par_sort_unstable();
        terms.dedup();
        let id_of: HashMap<&str, u32> = tokens
            .iter()
            .zip(&mapped)
            .filter_map(|(token, term)| {
                let id = terms
                    .binary_search(term.as_ref()?)
                    .expect("collected above");
                Some((*token, id as u32))
            })
            .collect();
        // Per document: term ids with their counts, and the field lengths.
        let per_doc: Vec<(FieldTerms, [usize; 2])> = counted
            .into_par_iter()
            .map(|fields| {
                let mut lengths = [0; 2];
                let ids = fields.map(|field| {
                    let mut ids: Vec<(u32, u32)> = field
                        .iter()
                        .filter_map(|(t, n)| Some((*id_of.get(t)?, *n)))
                        .collect();
                    ids.sort_unstable();
                    // Tokens with the same term ("Gezin", "gezinnen") count together.
                    ids.dedup_by(|b, a| {
                        let same = a.0 == b.0;
                        if same {
                            a.1 += b.1;
                        }
                        same
                    });
                    ids
                });
                for f in 0..2 {
                    lengths[f] = ids[f].iter().map(|(_, n)| *n as usize).sum();
                }
                (ids, lengths)
            })
            .collect();
        // elasticlunr keeps documents in maps keyed by their number as text ("10" before
        // "9"): postings go in that order.
        let mut by_ref: Vec<u32> = (0..per_doc.len() as u32).collect();
        by_ref.sort_by_cached_key(|d| d.to_string());
        let mut lists = vec![[Vec::new(), Vec::new()]; terms.len()];
        for &doc in &by_ref {
            for (f, field) in per_doc[doc as usize].0.iter().enumerate() {
                for &(id, n) in field {
                    lists[id as usize][f].push((doc, n));
                }
            }
        }
        Postings {
            terms,
            lists,
            lengths: per_doc.into_iter().map(|(_, length)| length).collect(),
            by_ref,
            tokens,
        }
    }

    /// About what the JSON of a term takes: its trie nodes and its postings with the document
    /// entries they bring along.
    fn term_bytes(&self, i: usize) -> usize {
        let shared = i
            .checked_sub(1)
            .map(|p| common_prefix(&self.terms[p], &self.terms[i]))
            .unwrap_or(0);
        let postings: usize = self.lists[i].iter().map(Vec::len).sum();
        24 * (self.terms[i].chars().count() - shared).max(1) + 48 * postings
    }

    fn estimated_bytes(&self) -> usize {
        (0..self.terms.len()).map(|i| self.term_bytes(i)).sum()
    }

    /// Cuts the sorted terms into ranges of about `target` bytes (a term is never split).
    fn plan_shards(&self, target: usize) -> Vec<Range<usize>> {
        let mut ranges = Vec::new();
        let (mut start, mut size) = (0, 0);
        for i in 0..self.terms.len() {
            let bytes = self.term_bytes(i);
            if size > 0 && size + bytes > target {
                ranges.push(start..i);
                (start, size) = (i, 0);
            }
            size += bytes;
        }
        if start < self.terms.len() || ranges.is_empty() {
            ranges.push(start..self.terms.len());
        }
        ranges
    }

    /// The elasticlunr index of the terms in `range` as JSON: their postings, the field
    /// lengths of the documents they occur in (of all documents when `all_documents`), and
    /// the number of all documents, which the idf needs.
    ///
    /// Written directly, in elasticlunr-rs's own layout and order (the tests compare it byte
    /// for byte with what its `Index` writes): its `InvertedIndex` builds a map node per
    /// character and a string per posting, which on a large site cost more than the rest of
    /// the index together.
    fn index_json(&self, range: Range<usize>, pipeline: &[String], all_documents: bool) -> Vec<u8> {
        let mut out = Vec::with_capacity(64 * range.len());
        out.extend_from_slice(br#"{"fields":["title","body"],"pipeline":"#);
        serde_json::to_writer(&mut out, pipeline).expect("writing to memory");
        out.extend_from_slice(br#","ref":"id","version":"#);
        serde_json::to_writer(&mut out, elasticlunr::ELASTICLUNR_VERSION)
            .expect("writing to memory");
        out.extend_from_slice(br#","index":{"#);
        // elasticlunr-rs keeps fields in a sorted map: body before title.
        for (n, (name, f)) in [("body", 1), ("title", 0)].into_iter().enumerate() {
            if n > 0 {
                out.push(b',');
            }
            out.extend_from_slice(format!(r#""{name}":{{"root":"#).as_bytes());
            let terms: Vec<usize> = range
                .clone()
                .filter(|&i| !self.lists[i][f].is_empty())
                .collect();
            self.write_node(&mut out, &terms, 0, f);
            out.push(b'}');
        }
        out.extend_from_slice(br#"},"documentStore":{"save":false,"docs":{"#);
        let mut mentioned = vec![all_documents; self.lengths.len()];
        for i in range {
            for list in &self.lists[i] {
                for &(doc, _) in list {
                    mentioned[doc as usize] = true;
                }
            }
        }
        let in_store: Vec<usize> = self
            .by_ref
            .iter()
            .map(|&d| d as usize)
            .filter(|&d| mentioned[d])
            .collect();
        for (n, &doc) in in_store.iter().enumerate() {
            if n > 0 {
                out.push(b',');
            }
            out.extend_from_slice(format!(r#""{doc}":{{}}"#).as_bytes());
        }
        out.extend_from_slice(br#"},"docInfo":{"#);
        for (n, &doc) in in_store.iter().enumerate() {
            if n > 0 {
                out.push(b',');
            }
            let [title, body] = self.lengths[doc];
            out.extend_from_slice(
                format!(r#""{doc}":{{"body":{body},"title":{title}}}"#).as_bytes(),
            );
        }
        out.extend_from_slice(
            format!(r#"}},"length":{}}},"lang":"Dutch"}}"#, self.lengths.len()).as_bytes(),
        );
        out
    }

    /// One node of the trie of field `f`: the term `terms` share their first `depth` bytes
    /// with, if it is one of them (then it is the first), and a child per next character.
    fn write_node(&self, out: &mut Vec<u8>, terms: &[usize], depth: usize, f: usize) {
        let (own, rest) = match terms.split_first() {
            Some((&first, rest)) if self.terms[first].len() == depth => (Some(first), rest),
            _ => (None, terms),
        };
        out.extend_from_slice(br#"{"docs":{"#);
        let list: &[(u32, u32)] = own.map_or(&[], |i| &self.lists[i][f]);
        for (n, &(doc, count)) in list.iter().enumerate() {
            if n > 0 {
                out.push(b',');
            }
            out.extend_from_slice(format!(r#""{doc}":{{"tf":"#).as_bytes());
            serde_json::to_writer(&mut *out, &f64::from(count).sqrt()).expect("writing to memory");
            out.push(b'}');
        }
        out.extend_from_slice(format!(r#"}},"df":{}"#, list.len()).as_bytes());
        let mut rest = rest;
        while let Some(&first) = rest.first() {
            let c = self.terms[first][depth..]
                .chars()
                .next()
                .expect("longer than depth");
            let next = depth + c.len_utf8();
            let prefix = &self.terms[first].as_bytes()[..next];
            let end = rest
                .iter()
                .position(|&i| !self.terms[i].as_bytes().starts_with(prefix))
                .unwrap_or(rest.len());
            out.push(b',');
            serde_json::to_writer(&mut *out, &c).expect("writing to memory");
            out.push(b':');
            self.write_node(out, &rest[..end], next, f);
            rest = &rest[end..];
        }
        out.push(b'}');
    }
}

/// A document's terms (ids) per field, with their number of occurrences.
type FieldTerms = [Vec<(u32, u32)>; 2];

/// A field's tokens with their number of occurrences.
fn count_tokens<'t>(analyzer: &Analyzer, text: &'t str) -> Vec<(&'t str, u32)> {
    let mut counts: HashMap<&str, u32> = HashMap::new();
    for token in analyzer.tokens(text) {
        *counts.entry(token).or_insert(0) += 1;
    }
    counts.into_iter().collect()
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

/// The words "bedoelde je …?" may propose: every word of the indexed text as typed (folded,
/// unstemmed), letters only, at least four long; sorted.
fn vocabulary(tokens: &[&str]) -> Vec<String> {
    let plain = Analyzer::new(false);
    let letters = Regex::new(r"^\p{L}{4,}$").expect("constant pattern");
    let mut words: Vec<String> = tokens
        .par_iter()
        .filter_map(|t| plain.term(t))
        .filter(|w| letters.is_match(w))
        .collect();
    words.par_sort_unstable();
    words.dedup();
    words
}

/// Sorted words front-coded: each word as the number of characters it shares with the one
/// before (one digit, at most 9) and the rest, joined by spaces. A third of the plain list.
fn front_code(words: &[String]) -> String {
    let mut out = String::new();
    let mut previous = "";
    for word in words {
        let shared = common_prefix(previous, word).min(9);
        if !out.is_empty() {
            out.push(' ');
        }
        out.push(char::from(b'0' + shared as u8));
        out.extend(word.chars().skip(shared));
        previous = word;
    }
    out
}

/// The size of `bytes` gzip-compressed as a host would serve them (gzip's default level 6).
pub fn gzip_len(bytes: &[u8]) -> usize {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).expect("writing to memory");
    encoder.finish().expect("writing to memory").len()
}

fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn shown_bytes(documents: &[Document]) -> usize {
    documents
        .iter()
        .map(|d| d.shown.x.len() + d.shown.b.len() + 64)
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    /// Documents made of the real reports' paragraphs: a title (the first words) and a body.
    fn documents() -> Vec<Document<'static>> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/content/rapporten");
        let mut docs = Vec::new();
        let mut files: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().collect();
        files.sort_by_key(|f| f.path());
        for file in files {
            let text: &'static str = std::fs::read_to_string(file.path()).unwrap().leak();
            for para in text.split("\n\n").filter(|p| !p.trim().is_empty()) {
                let title: String = para
                    .split_whitespace()
                    .take(4)
                    .collect::<Vec<_>>()
                    .join(" ");
                docs.push(Document {
                    shown: Shown {
                        u: String::new(),
                        t: title.clone(),
                        b: String::new(),
                        x: Cow::Borrowed(para),
                    },
                    fields: [Cow::Owned(title), Cow::Borrowed(para)],
                });
            }
        }
        assert!(docs.len() > 150, "{} documents", docs.len());
        docs
    }

    /// The single index is exactly what elasticlunr-rs's own `add_doc` writes.
    #[test]
    fn single_index_is_what_elasticlunr_rs_writes() {
        let docs = documents();
        let mut classic = IndexBuilder::with_language(Box::new(Dutch::new(true)))
            .save_docs(false)
            .add_fields(["title", "body"])
            .set_ref("id")
            .build();
        for (i, d) in docs.iter().enumerate() {
            classic.add_doc(&i.to_string(), [&d.fields[0], &d.fields[1]]);
        }
        let postings = Postings::collect(&docs, &Analyzer::new(true));
        let pipeline = Dutch::new(true).pipeline_names();
        let ours = postings.index_json(0..postings.terms.len(), &pipeline, true);
        assert_eq!(
            String::from_utf8(ours).unwrap(),
            serde_json::to_string(&classic).unwrap()
        );
    }

    /// Adds the trie `b` into `a` (terms are disjoint between shards).
    fn merge(a: &mut Value, b: &Value) {
        for (key, value) in b.as_object().unwrap() {
            match key.as_str() {
                "docs" | "df" if value == &Value::Object(Default::default()) || value == 0 => {}
                "docs" | "df" => {
                    let own = &a[key.as_str()];
                    assert!(
                        own == &Value::Object(Default::default()) || own == 0,
                        "a term in two shards"
                    );
                    a[key.as_str()] = value.clone();
                }
                _ => match a.get_mut(key) {
                    Some(own) => merge(own, value),
                    None => {
                        a[key.as_str()] = value.clone();
                    }
                },
            }
        }
    }

    /// The shards are the single index cut by term: put together they are that index, each
    /// with the field lengths of its documents and the count of all documents.
    #[test]
    fn shards_put_together_are_the_single_index() {
        let docs = documents();
        let postings = Postings::collect(&docs, &Analyzer::new(true));
        let pipeline = Dutch::new(true).pipeline_names();
        let single: Value =
            serde_json::from_slice(&postings.index_json(0..postings.terms.len(), &pipeline, true))
                .unwrap();
        let ranges = postings.plan_shards(2048);
        assert!(ranges.len() > 20, "{} shards", ranges.len());
        assert_eq!(ranges[0].start, 0);
        assert_eq!(ranges.last().unwrap().end, postings.terms.len());
        assert!(ranges.windows(2).all(|w| w[0].end == w[1].start));
        let empty = serde_json::json!({"docs": {}, "df": 0});
        let mut together = serde_json::json!({"title": {"root": empty}, "body": {"root": empty}});
        for range in ranges {
            let shard: Value =
                serde_json::from_slice(&postings.index_json(range, &pipeline, false)).unwrap();
            let store = &shard["documentStore"];
            assert_eq!(store["length"], single["documentStore"]["length"]);
            for (doc, info) in store["docInfo"].as_object().unwrap() {
                assert_eq!(info, &single["documentStore"]["docInfo"][doc]);
            }
            for field in ["title", "body"] {
                merge(&mut together[field], &shard["index"][field]);
            }
        }
        // Serialised tries compare as values: key order aside, every node must be equal.
        assert_eq!(together, single["index"]);
    }

    #[test]
    fn vocabulary_is_front_coded() {
        let words: Vec<String> = [
            "aanbod",
            "aanbieden",
            "buurt",
            "buurthuis",
            "zzzzzzzzzzzzz",
            "zzzzzzzzzzzzzy",
        ]
        .map(String::from)
        .to_vec();
        let mut sorted = words.clone();
        sorted.sort();
        let coded = front_code(&sorted);
        assert_eq!(coded, "0aanbieden 4od 0buurt 5huis 0zzzzzzzzzzzzz 9zzzzy");
        // As search.js decodes it.
        let mut previous = String::new();
        let decoded: Vec<String> = coded
            .split(' ')
            .map(|entry| {
                let shared = entry.as_bytes()[0] - b'0';
                let word: String = previous
                    .chars()
                    .take(shared.into())
                    .chain(entry.chars().skip(1))
                    .collect();
                previous = word.clone();
                word
            })
            .collect();
        assert_eq!(decoded, sorted);
    }
}
