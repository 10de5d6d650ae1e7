//! The site's distinct tokens, each with its term, and each document's terms counted: what
//! the term index is made from.
//!
//! Every token and term is kept once, here, and documents refer to them by number: a
//! document's counted terms take 8 bytes a term instead of a borrowed string and count (24),
//! which at 10,000 reports is most of the index stage's working memory. The numbers stay the
//! same from one build to the next as long as the lexicon is kept (serve keeps it in
//! [`super::IndexCache`]), so a document's counted terms can be kept too and reused when its
//! text has not changed.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::Analyzer;
use super::documents::Document;

/// Every token met, with its term (the pipeline's output; `None` for a stop word), and every
/// term, numbered in the order they were met.
#[derive(Default)]
pub(super) struct Lexicon {
    // FxHash, not SipHash: every token of every document is looked up here and in
    // `count_tokens` (SipHash was 4 % of a build's CPU time at 10,000 reports), and a site's
    // own words need no defence against keys chosen to collide. Only looked up, never
    // iterated: the order of nothing depends on the hasher.
    token_ids: FxHashMap<Arc<str>, u32>,
    /// By token number: the token and its term's number.
    tokens: Vec<(Arc<str>, Option<u32>)>,
    term_ids: FxHashMap<Arc<str>, u32>,
    terms: Vec<Arc<str>>,
}

/// One document's tokens and terms by number: per field its terms with their number of
/// occurrences (by term number), the field lengths, and its distinct tokens (for the
/// vocabulary and compound parts).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Counted {
    pub(super) fields: [Box<[(u32, u32)]>; 3],
    pub(super) lengths: [u32; 3],
    pub(super) tokens: Box<[u32]>,
}

impl Lexicon {
    pub(super) fn term(&self, id: u32) -> &str {
        &self.terms[id as usize]
    }

    pub(super) fn token(&self, id: u32) -> &str {
        &self.tokens[id as usize].0
    }

    /// Adds the tokens of `texts` not met before, running the pipeline once for each.
    fn learn(&mut self, texts: &[[Vec<(&str, u32)>; 3]], analyzer: &Analyzer) {
        let mut new: Vec<&str> = texts
            .par_iter()
            .flat_map_iter(|fields| fields.iter().flatten().map(|(t, _)| *t))
            .filter(|t| !self.token_ids.contains_key(*t))
            .collect();
        new.par_sort_unstable();
        new.dedup();
        let mapped: Vec<Option<String>> = new.par_iter().map(|t| analyzer.term(t)).collect();
        for (token, term) in new.into_iter().zip(mapped) {
            let term = term.map(|term| match self.term_ids.get(term.as_str()) {
                Some(&id) => id,
                None => {
                    let id = self.terms.len() as u32;
                    let term: Arc<str> = term.into();
                    self.terms.push(term.clone());
                    self.term_ids.insert(term, id);
                    id
                }
            });
            let id = self.tokens.len() as u32;
            let token: Arc<str> = token.into();
            self.tokens.push((token.clone(), term));
            self.token_ids.insert(token, id);
        }
    }

    /// A document's tokens (all learnt) by number, with their terms counted together
    /// ("Gezin" and "gezinnen" are one term).
    fn count(&self, fields: [Vec<(&str, u32)>; 3]) -> Counted {
        let mut tokens: Vec<u32> = Vec::new();
        let mut lengths = [0; 3];
        let fields = fields.map(|field| {
            let mut terms: Vec<(u32, u32)> = field
                .iter()
                .filter_map(|(t, n)| {
                    let id = self.token_ids[*t];
                    tokens.push(id);
                    Some((self.tokens[id as usize].1?, *n))
                })
                .collect();
            terms.sort_unstable();
            terms.dedup_by(|b, a| {
                let same = a.0 == b.0;
                if same {
                    a.1 += b.1;
                }
                same
            });
            terms.into_boxed_slice()
        });
        for f in 0..3 {
            lengths[f] = fields[f].iter().map(|(_, n)| n).sum();
        }
        tokens.sort_unstable();
        tokens.dedup();
        Counted {
            fields,
            lengths,
            tokens: tokens.into_boxed_slice(),
        }
    }

    /// Each of `documents` counted, in order, handed to `each` with the document's number.
    /// Documents go in batches, so only one batch's tokens are held as text at a time, and
    /// `each` takes one batch while the next is tokenised. A document whose fields are in
    /// `memo` (by their hash) is not tokenised again, and with a memo every document's
    /// counted terms are kept there for the next time (and only those: a memo holds the
    /// documents of the last index). Returns how many documents were tokenised.
    pub(super) fn count_all(
        &mut self,
        documents: &[Document],
        analyzer: &Analyzer,
        memo: Option<&mut HashMap<u64, Arc<Counted>>>,
        mut each: impl FnMut(usize, &Counted) + Send,
    ) -> usize {
        const BATCH: usize = 4096;
        let mut kept = HashMap::new();
        let mut tokenised = 0;
        let mut next = 0;
        // The last batch counted, with each document's memo key.
        let mut pending: Vec<(Arc<Counted>, Option<u64>)> = Vec::new();
        let mut hand_on = |pending: Vec<(Arc<Counted>, Option<u64>)>| {
            for (counted, key) in pending {
                each(next, &counted);
                next += 1;
                if let Some(key) = key {
                    kept.insert(key, counted);
                }
            }
        };
        for batch in documents.chunks(BATCH) {
            let memo = memo.as_deref();
            let ((), (keys, known, texts)) = rayon::join(
                || hand_on(std::mem::take(&mut pending)),
                || {
                    let keys: Vec<Option<u64>> = batch
                        .par_iter()
                        .map(|d| memo.is_some().then(|| fields_hash(d)))
                        .collect();
                    let known: Vec<Option<Arc<Counted>>> = keys
                        .iter()
                        .map(|key| Some(memo?.get(&(*key)?)?.clone()))
                        .collect();
                    let texts: Vec<[Vec<(&str, u32)>; 3]> = batch
                        .par_iter()
                        .zip(&known)
                        .map(|(d, known)| match known {
                            Some(_) => Default::default(),
                            None => [0, 1, 2].map(|f| count_tokens(analyzer, &d.fields[f])),
                        })
                        .collect();
                    (keys, known, texts)
                },
            );
            tokenised += known.iter().filter(|k| k.is_none()).count();
            self.learn(&texts, analyzer);
            pending = texts
                .into_par_iter()
                .zip(known)
                .map(|(text, known)| known.unwrap_or_else(|| Arc::new(self.count(text))))
                .zip(keys)
                .collect();
        }
        hand_on(pending);
        if let Some(memo) = memo {
            *memo = kept;
        }
        tokenised
    }
}

/// A hash of what a document's counted terms are made of: its fields.
fn fields_hash(document: &Document) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    document.fields.hash(&mut hasher);
    hasher.finish()
}

/// A field's tokens with their number of occurrences.
fn count_tokens<'t>(analyzer: &Analyzer, text: &'t str) -> Vec<(&'t str, u32)> {
    // In no order: `Lexicon::learn` and `Lexicon::count` sort what they take from it.
    let mut counts: FxHashMap<&str, u32> = FxHashMap::default();
    for token in analyzer.tokens(text) {
        *counts.entry(token).or_insert(0) += 1;
    }
    counts.into_iter().collect()
}
