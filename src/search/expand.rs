//! What a query word reaches besides itself, and how much each way of matching weighs: the
//! synonym groups of `content/synoniemen.toml` and the compounds whose parts the word is. Both
//! are worked out here, at index time, and travel with the index (terms only, a few hundred
//! bytes), so `search.js` only looks them up; [`Expansions::expand`] is what it does, and the
//! parity test compares the two.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use rayon::prelude::*;
use regex::Regex;
use serde::Serialize;

use super::{Analyzer, Dutch};
use crate::content::Synonyms;
use crate::error::{ContentError, ContentErrors};

/// How results are ordered: every number that sets it, in one place. The index carries it and
/// `search.js` reads it from there (README, "How results are ordered").
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Ranking {
    /// Field boosts of the main index.
    pub title: f64,
    pub body: f64,
    /// The initiative-names index (unstemmed names and aliases) against the main index.
    pub name: f64,
    /// A word of the query's synonym group, against the word itself.
    pub synonym: f64,
    /// A compound the query word is a part of, against the word itself.
    pub part: f64,
    /// Synonyms and compounds are added when the query's words themselves find fewer
    /// results than this: they help where the words fail, and on a large sharded site a
    /// common synonym would load its large shards for every query.
    pub expand: usize,
    /// Typo fallback ("Bedoelde u"): words up to `typo[0]` letters may differ by `typo[1]`
    /// edits, longer ones by `typo[2]`.
    pub typo: [usize; 3],
}

pub const RANKING: Ranking = Ranking {
    title: 3.0,
    body: 1.0,
    name: 10.0,
    synonym: 0.6,
    part: 0.4,
    expand: 10,
    typo: [4, 1, 2],
};

/// One term a query word reaches: the word itself (weight 1), a synonym or a compound.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reach {
    /// Which word of the query.
    pub word: usize,
    pub term: String,
    pub weight: f64,
}

/// The synonym groups and the compound parts of a site, as terms.
#[derive(Debug, Clone, Default)]
pub struct Expansions {
    /// Each group's terms, sorted; groups in file order.
    pub groups: Vec<Vec<String>>,
    /// For a part, the compounds of the site made with it, sorted.
    pub parts: BTreeMap<String, Vec<String>>,
}

impl Expansions {
    /// The terms each word of `query` reaches, in order: the word's own term, its group's
    /// other terms, then the compounds it is a part of.
    pub fn expand(&self, query: &str) -> Vec<Reach> {
        let dutch = Dutch::new(true);
        let mut out = Vec::new();
        for (word, term) in dutch.query_terms(query).into_iter().enumerate() {
            let Some(term) = term else { continue };
            let mut reach = |term: &str, weight: f64| {
                out.push(Reach {
                    word,
                    term: term.to_owned(),
                    weight,
                })
            };
            reach(&term, 1.0);
            for group in self.groups.iter().filter(|g| g.contains(&term)) {
                for other in group.iter().filter(|t| **t != term) {
                    reach(other, RANKING.synonym);
                }
            }
            for compound in self.parts.get(&term).into_iter().flatten() {
                reach(compound, RANKING.part);
            }
        }
        out
    }

    /// Groups as the index ships them: terms joined by spaces, groups by `|`.
    pub(super) fn groups_text(&self) -> String {
        self.groups
            .iter()
            .map(|g| g.join(" "))
            .collect::<Vec<_>>()
            .join("|")
    }

    /// Parts as the index ships them: the part, then its compounds, joined by spaces; entries
    /// by `|`.
    pub(super) fn parts_text(&self) -> String {
        self.parts
            .iter()
            .map(|(part, compounds)| format!("{part} {}", compounds.join(" ")))
            .collect::<Vec<_>>()
            .join("|")
    }
}

/// The synonym groups as terms of the Dutch pipeline. Errors: a word that is only stop words
/// (search skips it), a term in two groups, a group whose words are one term for search.
pub fn synonym_groups(synonyms: &Synonyms) -> Result<Vec<Vec<String>>, ContentErrors> {
    let dutch = Dutch::new(true);
    let file = &synonyms.file;
    let mut errors = ContentErrors::default();
    let mut groups = Vec::new();
    let mut owner: BTreeMap<String, (usize, String)> = BTreeMap::new();
    for group in &synonyms.groups {
        let mut terms = BTreeSet::new();
        for word in &group.woorden {
            let found = dutch.terms(word);
            if found.is_empty() {
                errors.push(
                    ContentError::new(file, group.line, format!("'{word}' is voor zoeken geen woord: het is een stopwoord of bevat geen letters"))
                        .hint("zoeken slaat woorden als 'de', 'het' en 'voor' over; kies een woord dat zegt waar het over gaat, of haal het weg"),
                );
            }
            for term in found {
                match owner.get(&term) {
                    Some((line, other)) if *line != group.line => errors.push(
                        ContentError::new(file, group.line, format!("'{word}' staat ook in de groep op regel {line} (als '{other}')"))
                            .hint("een woord mag in één groep staan; voeg de groepen samen of haal het woord uit één ervan weg"),
                    ),
                    Some(_) => {}
                    None => {
                        owner.insert(term.clone(), (group.line, word.clone()));
                    }
                }
                terms.insert(term);
            }
        }
        if terms.len() == 1 && errors.is_empty() {
            errors.push(
                ContentError::new(file, group.line, format!("de woorden van deze groep zijn voor zoeken één woord ('{}')", group.woorden.join("', '")))
                    .hint("meervoud en enkelvoud vindt zoeken al vanzelf; zet er een woord met een andere stam bij, of haal de groep weg"),
            );
        }
        groups.push(terms.into_iter().collect());
    }
    errors.into_result(groups)
}

/// For each part, the compounds of `terms` made with it (see [`Analyzer::compound_parts`]);
/// `tokens` are the distinct tokens of the text, `terms` their terms, sorted. A compound that
/// starts with the part's term is left out: elasticlunr's prefix expansion already finds it.
pub(super) fn compound_parts(tokens: &[&str], terms: &[&str]) -> BTreeMap<String, Vec<String>> {
    let analyzer = Analyzer::new(true);
    let plain = Analyzer::new(false);
    let letters = Regex::new(r"^\p{L}+$").expect("constant pattern");
    let known: HashSet<&str> = terms.iter().copied().collect();
    let mut words: Vec<String> = tokens
        .par_iter()
        .filter_map(|t| plain.term(t))
        .filter(|w| w.chars().count() >= 2 * super::dutch::MIN_PART && letters.is_match(w))
        .collect();
    words.par_sort_unstable();
    words.dedup();
    let pairs: Vec<(String, String)> = words
        .par_iter()
        .flat_map_iter(|word| {
            let compound = analyzer.term(word).unwrap_or_default();
            analyzer
                .compound_parts(word, |t| known.contains(t))
                .into_iter()
                .filter(|part| !compound.starts_with(part.as_str()))
                .map(|part| (part, compound.clone()))
                .collect::<Vec<_>>()
        })
        .collect();
    let mut parts: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (part, compound) in pairs {
        parts.entry(part).or_default().push(compound);
    }
    for compounds in parts.values_mut() {
        compounds.sort();
        compounds.dedup();
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_reaches_its_group_then_its_compounds_at_lower_weights() {
        let expansions = Expansions {
            groups: vec![vec!["geld".into(), "geldzorg".into(), "schuld".into()]],
            parts: BTreeMap::from([("spel".into(), vec!["droomspeelbus".into()])]),
        };
        let reached: Vec<(usize, String, f64)> = expansions
            .expand("de geldzorgen spelen")
            .into_iter()
            .map(|r| (r.word, r.term, r.weight))
            .collect();
        assert_eq!(
            reached,
            [
                (1, "geldzorg".into(), 1.0),
                (1, "geld".into(), RANKING.synonym),
                (1, "schuld".into(), RANKING.synonym),
                (2, "spel".into(), 1.0),
                (2, "droomspeelbus".into(), RANKING.part),
            ]
        );
        const { assert!(RANKING.synonym < 1.0 && RANKING.part < 1.0) };
    }
}
