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
//! of its terms and the count of *all* documents, and one table (`lengtes`) every document's
//! field lengths, so elasticlunr.js computes the same idf, the same field-length norm and the same
//! score for every (term, document) as it does on one index; `search-engine.js` adds the shards of a
//! query word up in term order, as one index would. The tests check that the single index is
//! byte for byte what elasticlunr-rs itself writes, and that the shards put back together are
//! that index.

mod compounds;
mod documents;
mod dutch;
mod expand;
mod files;
mod lexicon;
mod postings;
mod separators;
mod words;

use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use rayon::prelude::*;
use serde_json::value::RawValue;

pub use compounds::{DECOMPOUND, lexicon, split};
pub use dutch::{Analyzer, Dutch, VERSION};
pub use expand::{Expansions, RANKING, Ranking, Reach, synonym_groups};
pub use files::{MAIN_PATH, gzip_len};

use crate::output::{Bytes, OutputFile, Sink};
use crate::parsed::{Site, Text};
use documents::{Shown, documents, names_index, shown_bytes, written};
use files::{
    Engine, PARTS, Sharded, Shards, Single, json, main_file, main_script, part_path, part_script,
};
use lexicon::{Counted, Lexicon};
use postings::{Postings, front_code, vocabulary};

/// Documents per chunk file of a sharded index: a result list of ten usually needs a few.
pub const DOCS_PER_CHUNK: usize = 8;
/// Chunk hashes per table `t<g>` of a sharded index: 64 hashes are about 700 bytes, and
/// tables of this size keep the first file at about 150 table hashes at 10,000 reports.
pub const CHUNKS_PER_TABLE: usize = 64;
/// The name a template may know the first file by (`assets['search-index.js']`, always
/// [`MAIN_PATH`]); the built-in templates no longer name it, `search.js` does.
pub const MAIN_FILE: &str = "search-index.js";

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
    /// `check`'s warnings about synonym groups that reach nothing, found from the postings
    /// made here rather than by tokenising the whole site a second time.
    pub synonym_warnings: Vec<crate::error::ContentError>,
}

/// What `serve` keeps of one index for the next, so that an edit redoes only what it
/// changes: every token and term met (numbered, see [`Lexicon`]), each document's counted
/// terms by a hash of its two fields, each part of a sharded index (its bytes and short hash)
/// by a hash of everything it is written from, and the vocabulary and compound parts by the
/// set of tokens they come from. Only what the last index used is kept. It is `Send`: serve
/// may index on another thread.
/// The index made with a cache is byte for byte the one made without (tests/it/search_cache.rs).
/// A build's is [`IndexCache::off`]: it keeps nothing.
pub struct IndexCache {
    on: bool,
    lexicon: Lexicon,
    documents: HashMap<u64, Arc<Counted>>,
    parts: HashMap<u64, Part>,
    /// The vocabulary and compound parts, by a hash of the tokens they were made from.
    words: Option<(u64, Arc<Words>)>,
    /// What the last index made anew.
    pub made: Made,
}

impl Default for IndexCache {
    fn default() -> Self {
        IndexCache {
            on: true,
            lexicon: Lexicon::default(),
            documents: HashMap::new(),
            parts: HashMap::new(),
            words: None,
            made: Made::default(),
        }
    }
}

impl IndexCache {
    /// A cache that keeps nothing: a build's.
    pub fn off() -> IndexCache {
        IndexCache {
            on: false,
            ..IndexCache::default()
        }
    }
}

/// What is made from the site's distinct tokens: the "Bedoelde u" words and the compound
/// parts.
struct Words {
    vocabulary: Vec<String>,
    parts: BTreeMap<String, Vec<String>>,
}

/// What an index made anew rather than took from the cache (the tests check it).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Made {
    /// Documents tokenised.
    pub documents: usize,
    /// Parts of a sharded index written (shards, chunks, the vocabulary, the field lengths).
    pub parts: usize,
}

/// A part file as written (shared with the output: a part taken from the cache is not
/// copied), and its short hash (which names it).
#[derive(Clone)]
struct Part {
    bytes: Bytes,
    hash: String,
}

/// The parts of a sharded index of this build: made, or taken from the cache when what they
/// are written from is as before.
struct Parts<'c> {
    sink: &'c dyn Sink,
    /// The last build's parts; `None` without a cache.
    old: Option<&'c HashMap<u64, Part>>,
    made: std::sync::atomic::AtomicUsize,
}

impl Parts<'_> {
    /// Puts the part `name`, made by `make` unless `key` (a hash of what it is made from, given
    /// when there is a cache) finds it in the cache.
    fn put(
        &self,
        name: String,
        key: impl FnOnce(&mut std::hash::DefaultHasher),
        make: impl FnOnce() -> Vec<u8>,
    ) -> anyhow::Result<Put> {
        let key = self.old.map(|_| {
            let mut hasher = std::hash::DefaultHasher::new();
            name.hash(&mut hasher);
            key(&mut hasher);
            hasher.finish()
        });
        if let Some((key, part)) = key.and_then(|k| Some((k, self.old?.get(&k)?))) {
            self.sink.put(OutputFile {
                path: part_path(&name, &part.hash),
                bytes: Bytes::clone(&part.bytes),
            })?;
            return Ok(Put {
                size: part.bytes.len(),
                hash: part.hash.clone(),
                keep: Some((key, part.clone())),
            });
        }
        self.made.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let bytes = Bytes::new(part_script(&name, &make()));
        let hash = crate::hash::short(&bytes);
        let keep = key.map(|key| {
            let part = Part {
                bytes: Bytes::clone(&bytes),
                hash: hash.clone(),
            };
            (key, part)
        });
        let size = bytes.len();
        self.sink.put(OutputFile {
            path: part_path(&name, &hash),
            bytes,
        })?;
        Ok(Put { size, hash, keep })
    }
}

/// A part put: its size and hash, and what the cache keeps of it.
struct Put {
    size: usize,
    hash: String,
    keep: Option<(u64, Part)>,
}

// Longer than most: the single file and, when it does not fit, the shards, chunks and
// vocabulary — the two outcomes share the documents, postings and names index made first.
/// Builds the index of the whole site, its words read in `text`; the parts of a sharded index
/// go to `sink` as they are made. `scripts_gzip_bytes` is what the search scripts weigh compressed: the budget is for
/// scripts and index together. Only documents and parts that changed since the last index
/// (`serve`) are made again: a build's cache is off and makes everything.
pub fn index(
    site: &Site,
    text: &Text,
    scripts_gzip_bytes: usize,
    sink: &dyn Sink,
    cache: &mut IndexCache,
) -> anyhow::Result<SearchIndex> {
    let all = documents(site, text);
    let names = names_index(site, &all);
    let documents = &all.list;
    let analyzer = Analyzer::new(true);
    let on = cache.on;
    // Off (a build), the lexicon is this index's own and goes with it.
    let mut fresh = Lexicon::default();
    let lexicon = if on { &mut cache.lexicon } else { &mut fresh };
    let (postings, tokenised) = Postings::collect(
        documents,
        &analyzer,
        lexicon,
        on.then_some(&mut cache.documents),
    );
    cache.made = Made {
        documents: tokenised,
        parts: 0,
    };
    // Both come from the site's distinct tokens alone, which an edit seldom changes.
    let from_tokens = match &cache.words {
        Some((key, words)) if *key == postings.tokens_key => Arc::clone(words),
        _ => {
            let vocabulary = vocabulary(&postings.tokens);
            let parts = compounds::compound_parts(&vocabulary);
            Arc::new(Words { vocabulary, parts })
        }
    };
    if on {
        cache.words = Some((postings.tokens_key, from_tokens.clone()));
    }
    let words = &from_tokens.vocabulary;
    // The index ships the groups and parts; what a query is split against (the site's words
    // and terms) is only needed to expand one, which the browser does.
    let expansions = expansions_of(site, from_tokens.parts.clone(), &[], &[]);
    let synonym_warnings = synonym_warnings(site, &postings.terms);
    let engine = Engine {
        rank: RANKING,
        split: DECOMPOUND,
        syn: expansions.groups_text(),
        parts: expansions.parts_text(),
    };
    let pipeline = Dutch::new(true).pipeline_names();
    let budget = (site.config.search_budget_kb as usize * 1024).saturating_sub(scripts_gzip_bytes);
    let shard_target = site.config.search_shard_kb as usize * 1024;

    // One file when it fits the budget. Only an index of at most a few times the budget can
    // compress to it, so a large one is never serialised whole just to be measured.
    if postings.estimated_bytes() + shown_bytes(documents) <= 16 * budget.max(1) {
        let index = postings.compact_json(0..postings.terms.len(), &pipeline, true);
        let (single_words, known) = words::known_bits(words, &postings.terms);
        let single = Single {
            pipeline: VERSION,
            docs: written(&documents.iter().map(|d| &d.shown).collect::<Vec<_>>()),
            index: &RawValue::from_string(String::from_utf8(index).expect("JSON is UTF-8"))
                .expect("compact_json writes JSON"),
            names: &names,
            words: front_code(&single_words),
            known: &known,
            engine: &engine,
        };
        let main = main_script(&json(&single));
        let main_gzip_bytes = gzip_len(&main);
        if main_gzip_bytes <= budget {
            cache.parts.clear();
            return Ok(SearchIndex {
                bytes: main.len(),
                main: main_file(main),
                documents: documents.len(),
                shards: 1,
                main_gzip_bytes,
                synonym_warnings,
            });
        }
    }

    // The parts go out as they are made, each named by its own content: immutable under
    // static/, and a part an edit did not change keeps its address.
    let ranges = postings.plan_shards(shard_target);
    let parts = Parts {
        sink,
        old: on.then_some(&cache.parts),
        made: Default::default(),
    };
    let shards: Vec<_> = ranges
        .par_iter()
        .enumerate()
        .map(|(k, range)| {
            parts.put(
                format!("i{k}"),
                |h| postings.hash_range(range.clone(), h),
                || postings.compact_json(range.clone(), &pipeline, false),
            )
        })
        .collect::<anyhow::Result<_>>()?;
    let chunks: Vec<_> = documents
        .par_chunks(DOCS_PER_CHUNK)
        .enumerate()
        .map(|(k, chunk)| {
            let shown: Vec<&Shown> = chunk.iter().map(|d| &d.shown).collect();
            parts.put(
                format!("d{k}"),
                |h| shown.hash(h),
                || json(&written(&shown)),
            )
        })
        .collect::<anyhow::Result<_>>()?;
    let tables: Vec<_> = chunks
        .chunks(CHUNKS_PER_TABLE)
        .enumerate()
        .map(|(g, group)| {
            let hashes: Vec<&str> = group.iter().map(|put| put.hash.as_str()).collect();
            parts.put(format!("t{g}"), |h| hashes.hash(h), || json(&hashes))
        })
        .collect::<anyhow::Result<_>>()?;
    let coded = front_code(words);
    let vocabulary = parts.put("woorden".to_owned(), |h| coded.hash(h), || json(&coded))?;
    let lengths = parts.put(
        "lengtes".to_owned(),
        |h| postings.hash_lengths(h),
        || postings.lengths_json(),
    )?;
    cache.made.parts = parts.made.into_inner();
    let manifest = Sharded {
        pipeline: VERSION,
        names: &names,
        engine: &engine,
        sharded: Shards {
            dir: PARTS,
            starts: ranges.iter().map(|r| postings.terms[r.start]).collect(),
            shards: shards.iter().map(|put| put.hash.as_str()).collect(),
            tables: tables.iter().map(|put| put.hash.as_str()).collect(),
            words: &vocabulary.hash,
            lengths: &lengths.hash,
            documents: documents.len(),
            chunk: DOCS_PER_CHUNK,
            table: CHUNKS_PER_TABLE,
        },
    };
    let main = main_script(&json(&manifest));
    let main_gzip_bytes = gzip_len(&main);
    let written: Vec<Put> = (shards.into_iter().chain(chunks).chain(tables))
        .chain([vocabulary, lengths])
        .collect();
    let bytes = written.iter().map(|put| put.size).sum::<usize>();
    if on {
        cache.parts = written.into_iter().filter_map(|put| put.keep).collect();
    }
    Ok(SearchIndex {
        bytes: main.len() + bytes,
        main: main_file(main),
        documents: documents.len(),
        shards: ranges.len(),
        main_gzip_bytes,
        synonym_warnings,
    })
}

/// What the site's synonym groups and compounds make of query words (for
/// `vindplaats search-terms --uitbreiden`, which the parity test compares with `search-engine.js`).
pub fn expansions(site: &Site, text: &Text) -> Expansions {
    let all = documents(site, text);
    let mut lexicon = Lexicon::default();
    let (postings, _) = Postings::collect(&all.list, &Analyzer::new(true), &mut lexicon, None);
    let words = vocabulary(&postings.tokens);
    let parts = compounds::compound_parts(&words);
    expansions_of(site, parts, &words, &postings.terms)
}

fn expansions_of(
    site: &Site,
    parts: BTreeMap<String, Vec<String>>,
    words: &[String],
    terms: &[&str],
) -> Expansions {
    Expansions::new(
        // The load stage has refused a site whose groups do not resolve.
        synonym_groups(&site.synonyms).unwrap_or_default(),
        parts,
        words,
        terms,
    )
}

/// `check`'s warnings about `content/synoniemen.toml`: a group none of whose words occurs on
/// the site (`terms`, sorted) reaches nothing (a typo, or a word the reports do not use).
fn synonym_warnings(site: &Site, terms: &[&str]) -> Vec<crate::error::ContentError> {
    let Ok(groups) = synonym_groups(&site.synonyms) else {
        return Vec::new();
    };
    site.synonyms
        .groups
        .iter()
        .zip(groups)
        .filter(|(_, group)| {
            group
                .iter()
                .all(|t| terms.binary_search(&t.as_str()).is_err())
        })
        .map(|(group, _)| {
            crate::error::ContentError::new(
                &site.synonyms.file,
                group.line,
                format!(
                    "geen van de woorden '{}' staat op de site: deze groep helpt niemand zoeken",
                    group.woorden.join("', '")
                ),
            )
            .rule(crate::error::Rule::Synonyms)
            .hint("zet in de groep minstens één woord zoals het in de verslagen staat, of controleer de spelling")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::documents::Document;
    use super::*;
    use elasticlunr::IndexBuilder;
    use serde_json::Value;
    use std::borrow::Cow;

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
                        y: None,
                        h: None,
                    },
                    fields: [Cow::Owned(title), Cow::Borrowed(para), Cow::Borrowed("")],
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
            .add_fields(super::documents::FIELDS)
            .set_ref("id")
            .build();
        for (i, d) in docs.iter().enumerate() {
            classic.add_doc(&i.to_string(), &d.fields);
        }
        let mut lexicon = Lexicon::default();
        let postings = Postings::collect(&docs, &Analyzer::new(true), &mut lexicon, None).0;
        let pipeline = Dutch::new(true).pipeline_names();
        let ours = postings.index_json(0..postings.terms.len(), &pipeline, true);
        assert_eq!(
            String::from_utf8(ours).unwrap(),
            serde_json::to_string(&classic).unwrap()
        );
    }

    /// What `expandIndex` in search-engine.js makes of a compact index file, step for step:
    /// the elasticlunr index as `Index.load` takes it. `apart` is the table `lengtes`.
    fn expand(compact: &Value, apart: Option<&Value>) -> Value {
        let own = compact.get("lengths");
        let table = postings::read_numbers(own.or(apart).unwrap().as_str().unwrap());
        let fields = super::documents::FIELDS;
        let mut docs = serde_json::Map::new();
        let mut info: serde_json::Map<String, Value> = serde_json::Map::new();
        let mut index = serde_json::Map::new();
        for (f, field) in fields.into_iter().enumerate() {
            let mut root = serde_json::json!({"docs": {}, "df": 0});
            for (t, term) in compact["terms"].as_array().unwrap().iter().enumerate() {
                let list = postings::read_postings(compact[field][t].as_str().unwrap());
                if list.is_empty() {
                    continue;
                }
                let mut node = &mut root;
                for c in term.as_str().unwrap().chars() {
                    let key = c.to_string();
                    if node.get(&key).is_none() {
                        node[key.as_str()] = serde_json::json!({"docs": {}, "df": 0});
                    }
                    node = &mut node[key.as_str()];
                }
                for &(doc, count) in &list {
                    let key = doc.to_string();
                    node["docs"][key.as_str()] = serde_json::json!({"tf": (count as f64).sqrt()});
                    docs.insert(key.clone(), serde_json::json!({}));
                    let entry = info.entry(key).or_insert_with(|| serde_json::json!({}));
                    entry[field] = table[fields.len() * doc as usize + f].into();
                }
                node["df"] = list.len().into();
            }
            index.insert(field.to_owned(), serde_json::json!({ "root": root }));
        }
        if own.is_some() {
            for (doc, lengths) in table.chunks(fields.len()).enumerate() {
                docs.insert(doc.to_string(), serde_json::json!({}));
                let lengths: serde_json::Map<String, Value> = fields
                    .iter()
                    .zip(lengths)
                    .map(|(f, &n)| (f.to_string(), n.into()))
                    .collect();
                info.insert(doc.to_string(), Value::Object(lengths));
            }
        }
        serde_json::json!({
            "fields": fields,
            "pipeline": compact["pipeline"],
            "ref": "id",
            "version": compact["version"],
            "index": index,
            "documentStore": {"save": false, "docs": docs, "docInfo": info, "length": compact["documents"]},
            "lang": "Dutch",
        })
    }

    /// The compact single index expands to exactly the elasticlunr index.
    #[test]
    fn compact_single_index_expands_to_the_elasticlunr_index() {
        let docs = documents();
        let mut lexicon = Lexicon::default();
        let postings = Postings::collect(&docs, &Analyzer::new(true), &mut lexicon, None).0;
        let pipeline = Dutch::new(true).pipeline_names();
        let all = 0..postings.terms.len();
        let compact = postings.compact_json(all.clone(), &pipeline, true);
        let classic = postings.index_json(all, &pipeline, true);
        let expanded = expand(&serde_json::from_slice(&compact).unwrap(), None);
        assert_eq!(expanded, serde_json::from_slice::<Value>(&classic).unwrap());
        assert!(
            compact.len() * 3 < classic.len(),
            "compact {} bytes, elasticlunr's layout {}",
            compact.len(),
            classic.len()
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

    /// The shards are the single index cut by term: each expands, with the table of field
    /// lengths (`lengtes`), to the elasticlunr index of its terms, with the count of all
    /// documents and the lengths of the documents it has postings of; put together they are
    /// the single index. A shard's postings are pairs: no lengths of its own.
    #[test]
    fn shards_put_together_are_the_single_index() {
        let docs = documents();
        let mut lexicon = Lexicon::default();
        let postings = Postings::collect(&docs, &Analyzer::new(true), &mut lexicon, None).0;
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
        let mut together = serde_json::json!({"title": {"root": empty}, "body": {"root": empty}, "org": {"root": empty}});
        let mut lengths = 0;
        let table: Value = serde_json::from_slice(&postings.lengths_json()).unwrap();
        assert_eq!(
            postings::read_numbers(table.as_str().unwrap()).len(),
            3 * docs.len()
        );
        for range in ranges {
            let compact: Value =
                serde_json::from_slice(&postings.compact_json(range.clone(), &pipeline, false))
                    .unwrap();
            assert!(compact.get("lengths").is_none());
            let shard = expand(&compact, Some(&table));
            let classic: Value =
                serde_json::from_slice(&postings.index_json(range, &pipeline, false)).unwrap();
            assert_eq!(shard["index"], classic["index"]);
            let store = &shard["documentStore"];
            assert_eq!(store["length"], single["documentStore"]["length"]);
            assert_eq!(store["docs"], classic["documentStore"]["docs"]);
            for (doc, info) in store["docInfo"].as_object().unwrap() {
                for (field, length) in info.as_object().unwrap() {
                    assert_eq!(length, &single["documentStore"]["docInfo"][doc][field]);
                    lengths += 1;
                }
            }
            for field in super::documents::FIELDS {
                merge(&mut together[field], &shard["index"][field]);
            }
        }
        assert!(lengths > docs.len());
        // Serialised tries compare as values: key order aside, every node must be equal.
        assert_eq!(together, single["index"]);
    }

    /// serve may index on another thread than it renders on.
    #[test]
    fn the_index_cache_can_move_between_threads() {
        fn send<T: Send>() {}
        send::<IndexCache>();
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
        // As search-engine.js decodes it.
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
