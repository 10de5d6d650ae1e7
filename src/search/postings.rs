//! The term index: every term with where it occurs, written as elasticlunr's JSON, whole or
//! cut into shards of sorted term ranges; and the vocabulary "bedoelde u" proposes from.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::ops::Range;
use std::sync::Arc;

use rayon::prelude::*;
use regex::Regex;

use super::Analyzer;
use super::documents::{Document, FIELDS};
use super::lexicon::{Counted, Lexicon};

/// Every term of the main index with where it occurs: what elasticlunr-rs's `add_doc` counts,
/// from each document's terms as the [`Lexicon`] counts them.
pub(super) struct Postings<'a> {
    /// Sorted.
    pub(super) terms: Vec<&'a str>,
    /// Per term, per field: (document, occurrences), by document number.
    lists: Vec<[Vec<(u32, u32)>; 3]>,
    /// Per document, per field: the number of terms (elasticlunr's field length).
    lengths: Vec<[u32; 3]>,
    /// Every distinct token of the text, for the vocabulary.
    pub(super) tokens: Vec<&'a str>,
    /// A hash of which of the lexicon's tokens these are: the same key, the same tokens
    /// (as long as the lexicon is the same).
    pub(super) tokens_key: u64,
}

impl<'a> Postings<'a> {
    /// The postings of `documents`, counted with (and into) `lexicon`; with a `memo`, a
    /// document counted before is not counted again (see [`Lexicon::count_all`]). Also
    /// how many documents were tokenised.
    pub(super) fn collect(
        documents: &[Document],
        analyzer: &Analyzer,
        lexicon: &'a mut Lexicon,
        memo: Option<&mut HashMap<u64, Arc<Counted>>>,
    ) -> (Postings<'a>, usize) {
        // Lists by term number, moved into sorted order at the end.
        let mut lists: Vec<[Vec<(u32, u32)>; 3]> = Vec::new();
        let mut lengths = Vec::with_capacity(documents.len());
        let mut used = Vec::new();
        let tokenised = lexicon.count_all(documents, analyzer, memo, |doc, counted| {
            for (f, field) in counted.fields.iter().enumerate() {
                for &(term, n) in field.iter() {
                    let term = term as usize;
                    if term >= lists.len() {
                        lists.resize_with(term + 1, Default::default);
                    }
                    lists[term][f].push((doc as u32, n));
                }
            }
            for &token in counted.tokens.iter() {
                let token = token as usize;
                if token >= used.len() {
                    used.resize(token + 1, false);
                }
                used[token] = true;
            }
            lengths.push(counted.lengths);
        });
        let lexicon: &'a Lexicon = lexicon;
        let mut order: Vec<u32> = (0..lists.len() as u32)
            .filter(|&t| lists[t as usize].iter().any(|l| !l.is_empty()))
            .collect();
        order.par_sort_unstable_by_key(|&t| lexicon.term(t));
        let terms = order.iter().map(|&t| lexicon.term(t)).collect();
        let lists = order
            .iter()
            .map(|&t| std::mem::take(&mut lists[t as usize]))
            .collect();
        let ids: Vec<u32> = (0..used.len() as u32)
            .filter(|&t| used[t as usize])
            .collect();
        let mut hasher = std::hash::DefaultHasher::new();
        ids.hash(&mut hasher);
        let postings = Postings {
            terms,
            lists,
            lengths,
            tokens: ids.iter().map(|&t| lexicon.token(t)).collect(),
            tokens_key: hasher.finish(),
        };
        (postings, tokenised)
    }

    /// What a term weighs where the terms are cut into shards ([`Postings::plan_shards`]): the
    /// term, and 8 bytes a posting, what a posting took as JSON numbers when `search_shard_kb`
    /// was set. Written as digits ([`Postings::compact_json`]) a posting takes one or two
    /// bytes, so a shard is about a fifth of `search_shard_kb`. Weighing them so (2 bytes) cut
    /// 211 shards instead of 709 at 10,000 reports, and a first search for "buurthuis" or
    /// "naamloze pilot" loaded 14 and 7 KB (gzip) more than before the digits, each shard
    /// carrying more of its neighbours' postings.
    fn term_bytes(&self, i: usize) -> usize {
        let postings: usize = self.lists[i].iter().map(Vec::len).sum();
        self.terms[i].len() + 9 + 8 * postings
    }

    pub(super) fn estimated_bytes(&self) -> usize {
        (0..self.terms.len()).map(|i| self.term_bytes(i)).sum()
    }

    /// Cuts the sorted terms into ranges of about `target` bytes on average (a term is never
    /// split). Where a cut falls depends only on the terms around it, not on all terms before
    /// it: a range ends before a term whose own hash says so (the chance grows with the
    /// term's size, one cut per `target / 2` bytes), once the range has `target / 2` bytes,
    /// and at the latest at `2 * target`. Cutting every `target` bytes instead would move
    /// every later cut when one term is added, and `serve` would write every later shard
    /// again after an edit; this way an edit changes the shards of the terms it touches and
    /// at most a few beside them.
    pub(super) fn plan_shards(&self, target: usize) -> Vec<Range<usize>> {
        let half = (target / 2).max(1) as u128;
        let mut ranges = Vec::new();
        let (mut start, mut size) = (0, 0);
        for i in 0..self.terms.len() {
            let bytes = self.term_bytes(i);
            // The term's hash as a fraction of 2^64, below bytes / half: a cut.
            let anchor = u128::from(fnv1a(self.terms[i].as_bytes())) * half < (bytes as u128) << 64;
            let cut = (size as u128 >= half && anchor) || size + bytes > 2 * target;
            if size > 0 && cut {
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

    /// The terms in `range` with their postings as compact JSON, which `expandIndex` in
    /// `search-engine.js` turns into exactly the elasticlunr index [`Postings::index_json`] writes
    /// (the tests check both). elasticlunr's own layout repeats a trie node per character,
    /// the field names and `{"tf":…}` per posting and the field lengths of every document
    /// mentioned: five times the bytes. Here:
    ///
    /// - `terms`: the sorted terms; `title`, `body` and `org`: per term, its postings in that
    ///   field as one string of numbers ([`write_number`]): per document (by number) twice the
    ///   difference from the document before, plus one when the term occurs more than once
    ///   there, and then the number of occurrences less two (elasticlunr's `tf` is the square
    ///   root of the occurrences, computed by the browser exactly as here). Most postings are
    ///   one occurrence in a document close to the one before: one character. As JSON pairs
    ///   of numbers (`35,1`) the shards were 22.0 MB at 10,000 reports, 6.7 MB this way;
    /// - `lengths`, when `lengths_table`: every document's field lengths (title, body, …) in
    ///   the same digits, for the single index. A shard has none: the sharded index has one
    ///   table of them, the part `lengtes` ([`Postings::lengths_json`]), which a search loads
    ///   with its first shard. A length per posting, as shards had before, repeated a
    ///   document's length in the shard of every term it holds (15.3 of the 37.8 MB of shards
    ///   at 10,000 reports), and one sentence more changed the shard of every term of its
    ///   section.
    /// - `documents`: the number of all documents, which the idf needs.
    ///
    /// More keys may be added (the browser ignores what it does not know).
    pub(super) fn compact_json(
        &self,
        range: Range<usize>,
        pipeline: &[String],
        lengths_table: bool,
    ) -> Vec<u8> {
        use std::io::Write;
        let mut out = Vec::with_capacity(self.estimated_range_bytes(range.clone()));
        out.extend_from_slice(br#"{"version":"#);
        serde_json::to_writer(&mut out, elasticlunr::ELASTICLUNR_VERSION)
            .expect("writing to memory");
        out.extend_from_slice(br#","pipeline":"#);
        serde_json::to_writer(&mut out, pipeline).expect("writing to memory");
        write!(out, r#","documents":{},"terms":"#, self.lengths.len()).expect("writing to memory");
        serde_json::to_writer(&mut out, &self.terms[range.clone()]).expect("writing to memory");
        for (f, name) in FIELDS.into_iter().enumerate() {
            write!(out, r#","{name}":["#).expect("writing to memory");
            for (n, i) in range.clone().enumerate() {
                out.extend_from_slice(if n > 0 { b",\"" } else { b"\"" });
                let mut previous = 0;
                for &(doc, count) in &self.lists[i][f] {
                    let more = u64::from(count > 1);
                    write_number(&mut out, 2 * u64::from(doc - previous) + more);
                    if count > 1 {
                        write_number(&mut out, u64::from(count - 2));
                    }
                    previous = doc;
                }
                out.push(b'"');
            }
            out.push(b']');
        }
        if lengths_table {
            out.extend_from_slice(br#","lengths":"#);
            self.write_lengths(&mut out);
        }
        out.push(b'}');
        out
    }

    /// Every document's field lengths, one string of numbers (title, body, org per document
    /// by number, [`write_number`]): the part `lengtes` of a sharded index, whose shards have
    /// none.
    pub(super) fn lengths_json(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.lengths.len() * 4);
        self.write_lengths(&mut out);
        out
    }

    /// Feeds `hasher` what [`Postings::lengths_json`] writes.
    pub(super) fn hash_lengths(&self, hasher: &mut impl Hasher) {
        self.lengths.hash(hasher);
    }

    fn write_lengths(&self, out: &mut Vec<u8>) {
        out.push(b'"');
        for &length in self.lengths.iter().flatten() {
            write_number(out, u64::from(length));
        }
        out.push(b'"');
    }

    /// Feeds `hasher` everything [`Postings::compact_json`] writes of the terms in `range`
    /// as a shard, so that a shard whose hash is as before is as before.
    pub(super) fn hash_range(&self, range: Range<usize>, hasher: &mut impl Hasher) {
        hasher.write_usize(self.lengths.len());
        for i in range {
            self.terms[i].hash(hasher);
            for list in self.lists[i].iter() {
                hasher.write_usize(list.len());
                for &(doc, count) in list {
                    hasher.write_u64(u64::from(doc) << 32 | u64::from(count));
                }
            }
        }
    }

    fn estimated_range_bytes(&self, range: Range<usize>) -> usize {
        range.map(|i| self.term_bytes(i)).sum::<usize>() + 256
    }

    /// The elasticlunr index of the terms in `range` as JSON, in elasticlunr-rs's own layout
    /// and order: their postings, the field lengths of the documents they occur in (of all
    /// documents when `all_documents`), and the number of all documents. What
    /// [`Postings::compact_json`] must expand to; the tests compare it byte for byte with
    /// what elasticlunr-rs's `Index` writes.
    #[cfg(test)]
    pub(super) fn index_json(
        &self,
        range: Range<usize>,
        pipeline: &[String],
        all_documents: bool,
    ) -> Vec<u8> {
        let mut out = Vec::with_capacity(64 * range.len());
        out.extend_from_slice(br#"{"fields":["title","body","org"],"pipeline":"#);
        serde_json::to_writer(&mut out, pipeline).expect("writing to memory");
        out.extend_from_slice(br#","ref":"id","version":"#);
        serde_json::to_writer(&mut out, elasticlunr::ELASTICLUNR_VERSION)
            .expect("writing to memory");
        out.extend_from_slice(br#","index":{"#);
        // elasticlunr-rs keeps fields in a sorted map: body, org, title.
        for (n, (name, f)) in [("body", 1), ("org", 2), ("title", 0)]
            .into_iter()
            .enumerate()
        {
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
        // elasticlunr keeps documents in maps keyed by their number as text ("10" before
        // "9"): they go in that order.
        let mut by_ref: Vec<u32> = (0..self.lengths.len() as u32).collect();
        by_ref.sort_by_cached_key(|d| d.to_string());
        let mut mentioned = vec![all_documents; self.lengths.len()];
        for i in range {
            for list in &self.lists[i] {
                for &(doc, _) in list {
                    mentioned[doc as usize] = true;
                }
            }
        }
        let in_store: Vec<usize> = by_ref
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
            let [title, body, org] = self.lengths[doc];
            out.extend_from_slice(
                format!(r#""{doc}":{{"body":{body},"org":{org},"title":{title}}}"#).as_bytes(),
            );
        }
        out.extend_from_slice(
            format!(r#"}},"length":{}}},"lang":"Dutch"}}"#, self.lengths.len()).as_bytes(),
        );
        out
    }

    /// One node of the trie of field `f`: the term `terms` share their first `depth` bytes
    /// with, if it is one of them (then it is the first), and a child per next character.
    #[cfg(test)]
    fn write_node(&self, out: &mut Vec<u8>, terms: &[usize], depth: usize, f: usize) {
        let (own, rest) = match terms.split_first() {
            Some((&first, rest)) if self.terms[first].len() == depth => (Some(first), rest),
            _ => (None, terms),
        };
        out.extend_from_slice(br#"{"docs":{"#);
        let mut list: Vec<(u32, u32)> = own.map_or(Vec::new(), |i| self.lists[i][f].clone());
        list.sort_by_cached_key(|(doc, _)| doc.to_string());
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

/// The characters the index writes numbers in: printable ASCII from `#` to `~` without the backslash,
/// 91 of them, which a JSON string holds unescaped. The digit of a character is its place here.
const DIGITS: &[u8; 91] =
    b"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~";

/// Writes `n` in [`DIGITS`], so that numbers follow each other with no separator: its last
/// digit is one of the first 64 (base 64), the digits before it, most significant first, are
/// of the other 27 (base 27). 0–63 take one character, up to 1,727 two. `numbers` in
/// search-engine.js reads them back ([`read_numbers`] here, for the tests).
fn write_number(out: &mut Vec<u8>, n: u64) {
    let mut digits = [0u8; 16];
    digits[0] = DIGITS[(n % 64) as usize];
    let (mut rest, mut len) = (n / 64, 1);
    while rest > 0 {
        digits[len] = DIGITS[64 + (rest % 27) as usize];
        (rest, len) = (rest / 27, len + 1);
    }
    out.extend(digits[..len].iter().rev());
}

/// The numbers [`write_number`] wrote into `text`, as `numbers` in search-engine.js reads them.
#[cfg(test)]
pub(super) fn read_numbers(text: &str) -> Vec<u64> {
    let mut out = Vec::new();
    let mut rest = 0;
    for c in text.bytes() {
        let digit = DIGITS.iter().position(|&d| d == c).expect("a digit") as u64;
        if digit < 64 {
            out.push(rest * 64 + digit);
            rest = 0;
        } else {
            rest = rest * 27 + digit - 64;
        }
    }
    out
}

/// The postings [`Postings::compact_json`] wrote into `text`: (document, occurrences).
#[cfg(test)]
pub(super) fn read_postings(text: &str) -> Vec<(u64, u64)> {
    let numbers = read_numbers(text);
    let (mut out, mut doc, mut k) = (Vec::new(), 0, 0);
    while k < numbers.len() {
        doc += numbers[k] / 2;
        let count = if numbers[k] % 2 == 1 {
            k += 1;
            numbers[k] + 2
        } else {
            1
        };
        out.push((doc, count));
        k += 1;
    }
    out
}

/// FNV-1a, 64 bits: a hash that never changes with a Rust release, so shards are cut the same
/// by every build.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

/// The words "bedoelde u …?" may propose: every word of the indexed text as typed (folded,
/// unstemmed), letters only, at least four long; sorted.
pub(super) fn vocabulary(tokens: &[&str]) -> Vec<String> {
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
pub(super) fn front_code(words: &[String]) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Numbers follow each other with no separator, one character each up to 63; the same
    /// string is in tests/browser/expand.test.mjs, which reads it with search-engine.js.
    #[test]
    fn numbers_are_written_in_digits_the_browser_reads() {
        let list = [0, 1, 63, 64, 1727, 1728, 100_000];
        let mut out = Vec::new();
        for n in list {
            write_number(&mut out, n);
        }
        assert_eq!(String::from_utf8(out).unwrap(), "#$ce#~ced#fg{C");
        assert_eq!(read_numbers("#$ce#~ced#fg{C"), list);
        assert!(!DIGITS.contains(&b'"') && !DIGITS.contains(&b'\\'));
        assert!(DIGITS.windows(2).all(|w| w[0] < w[1]));
    }
}
