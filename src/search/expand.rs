//! What a query word reaches besides itself, and how much each way of matching weighs: the
//! synonym groups of `content/synoniemen.toml`, the compounds whose parts the word is, and —
//! for a word that is no word of the site — the parts it splits into. All of it is worked
//! out here, at index time, and travels with the index (a few kilobytes), so `search-engine.js` only
//! looks it up and splits against it; [`Expansions::expand`] is what it does, and the parity
//! test compares the two.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use serde::Serialize;

use super::{Analyzer, Dutch};
use crate::content::Synonyms;
use crate::error::{ContentError, ContentErrors};

/// How results are ordered: every number that sets it, in one place. The index carries it and
/// `search-engine.js` reads it from there (docs/search.md, "How results are ordered").
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Ranking {
    /// Field boosts of the main index.
    pub title: f64,
    pub body: f64,
    /// The list of organisations a report opens with: a word found only there adds to the
    /// score but does not count as a word found.
    pub org: f64,
    /// The names index (initiatives' names and aliases, themes' titles, unstemmed) against
    /// the main index.
    pub name: f64,
    /// A word of the query's synonym group, against the word itself.
    pub synonym: f64,
    /// A compound the query word is a part of, or a part of a query word the site does not
    /// have, against the word itself.
    pub part: f64,
    /// A word found in more than this share of all documents (on this site, "almere") does
    /// not count towards "every word found": it only adds to the score.
    pub common: f64,
    /// Typo fallback ("Bedoelde u"): words up to `typo[0]` letters may differ by `typo[1]`
    /// edits, longer ones by `typo[2]`.
    pub typo: [usize; 3],
}

pub const RANKING: Ranking = Ranking {
    title: 3.0,
    body: 1.0,
    org: 0.1,
    name: 10.0,
    synonym: 0.6,
    part: 0.4,
    common: 0.5,
    typo: [4, 1, 2],
};

/// One term a query word reaches: the word itself (weight 1), a synonym, a compound, or a
/// part of the word.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reach {
    /// Which word of the query.
    pub word: usize,
    /// 0, or which part of the word (from 1) when the word was split: each part counts as a
    /// word of its own towards "every word found".
    pub piece: usize,
    pub term: String,
    pub weight: f64,
}

/// The synonym groups and the compound parts of a site, as terms, and what the query side
/// splits against.
#[derive(Debug, Clone, Default)]
pub struct Expansions {
    /// Each group's terms, sorted; groups in file order.
    pub groups: Vec<Vec<String>>,
    /// For a part (folded, as written), the terms of the compounds of the site made with it,
    /// sorted (see `compounds::compound_parts`).
    pub parts: BTreeMap<String, Vec<String>>,
    /// For a part's term, the compounds of all its parts with that term.
    by_term: BTreeMap<String, BTreeSet<String>>,
    /// What a query word that is no word of the site splits into: the site's words and the
    /// parts.
    known: HashSet<String>,
    /// The index's terms: a query word whose term is one of them is a word of the site.
    terms: HashSet<String>,
}

impl Expansions {
    pub fn new(
        groups: Vec<Vec<String>>,
        parts: BTreeMap<String, Vec<String>>,
        words: &[String],
        terms: &[&str],
    ) -> Expansions {
        let analyzer = Analyzer::new(true);
        let mut by_term: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (part, compounds) in &parts {
            if let Some(term) = analyzer.term(part) {
                by_term
                    .entry(term)
                    .or_default()
                    .extend(compounds.iter().cloned());
            }
        }
        let known = words.iter().chain(parts.keys()).cloned().collect();
        Expansions {
            groups,
            parts,
            by_term,
            known,
            terms: terms.iter().map(|t| t.to_string()).collect(),
        }
    }

    /// The terms each word of `query` reaches, in order: the word's own term, its group's
    /// other terms, the compounds it is a part of; and when its term is no term of the index
    /// and it reaches nothing else, the parts it splits into (`compounds::split` against the site's words and parts; when
    /// it does not split whole, the known piece it starts and the one it ends with,
    /// `compounds::ends`), each with the compounds it is a part of. A term is reached once per
    /// word and part.
    pub fn expand(&self, query: &str) -> Vec<Reach> {
        let plain = Analyzer::new(false);
        let analyzer = Analyzer::new(true);
        let mut out: Vec<Reach> = Vec::new();
        for (word, token) in analyzer.tokens(query).enumerate() {
            let Some(term) = analyzer.term(token) else {
                continue;
            };
            let reach = |out: &mut Vec<Reach>, piece: usize, term: &str, weight: f64| {
                if !out
                    .iter()
                    .any(|r| r.word == word && r.piece == piece && r.term == term)
                {
                    out.push(Reach {
                        word,
                        piece,
                        term: term.to_owned(),
                        weight,
                    });
                }
            };
            let before = out.len();
            reach(&mut out, 0, &term, 1.0);
            for group in self.groups.iter().filter(|g| g.contains(&term)) {
                for other in group.iter().filter(|t| **t != term) {
                    reach(&mut out, 0, other, RANKING.synonym);
                }
            }
            for compound in self.by_term.get(&term).into_iter().flatten() {
                reach(&mut out, 0, compound, RANKING.part);
            }
            // A word of the site, or one that reaches a synonym or compound, is not split.
            if self.terms.contains(&term) || out.len() - before > 1 {
                continue;
            }
            let folded = plain.folded(token).unwrap_or_default();
            let known = |p: &str| self.known.contains(p);
            let pieces = super::split(&folded, known)
                .unwrap_or_else(|| super::compounds::ends(&folded, known));
            for (k, piece) in pieces.iter().enumerate() {
                let Some(part) = analyzer.term(piece) else {
                    continue;
                };
                reach(&mut out, k + 1, &part, RANKING.part);
                for compound in self.by_term.get(&part).into_iter().flatten() {
                    reach(&mut out, k + 1, compound, RANKING.part);
                }
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

    /// Parts as the index ships them, one entry per term: the parts with that term joined by
    /// commas, then the terms of their compounds, joined by spaces; entries by `|`
    /// (`plek,plekken ontmoetingsplek speelplek sportplek`).
    pub(super) fn parts_text(&self) -> String {
        let analyzer = Analyzer::new(true);
        let mut by_term: BTreeMap<String, (Vec<&str>, BTreeSet<&str>)> = BTreeMap::new();
        for (part, compounds) in &self.parts {
            let Some(term) = analyzer.term(part) else {
                continue;
            };
            let (parts, all) = by_term.entry(term).or_default();
            parts.push(part);
            all.extend(compounds.iter().map(String::as_str));
        }
        by_term
            .values()
            .map(|(parts, compounds)| {
                std::iter::once(parts.join(",").as_str())
                    .chain(compounds.iter().copied())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_reaches_its_group_its_compounds_and_a_new_word_its_parts() {
        let words: Vec<String> = ["geldzorgen", "droomspeelbus", "spelen", "cafe"]
            .map(String::from)
            .to_vec();
        let parts = BTreeMap::from([
            ("speel".to_owned(), vec!["droomspeelbus".to_owned()]),
            ("bus".to_owned(), vec!["droomspeelbus".to_owned()]),
            ("taal".to_owned(), vec![]),
        ]);
        let expansions = Expansions::new(
            vec![vec!["geld".into(), "geldzorg".into(), "schuld".into()]],
            parts,
            &words,
            &["caf", "droomspeelbus", "geldzorg", "spel"],
        );
        let reached: Vec<(usize, usize, String, f64)> = expansions
            .expand("de geldzorgen spelen speelbus")
            .into_iter()
            .map(|r| (r.word, r.piece, r.term, r.weight))
            .collect();
        let part = RANKING.part;
        assert_eq!(
            reached,
            [
                (1, 0, "geldzorg".into(), 1.0),
                (1, 0, "geld".into(), RANKING.synonym),
                (1, 0, "schuld".into(), RANKING.synonym),
                (2, 0, "spel".into(), 1.0),
                (2, 0, "droomspeelbus".into(), part),
                // No word of the site: split into "speel" and "bus".
                (3, 0, "speelbus".into(), 1.0),
                (3, 1, "spel".into(), part),
                (3, 1, "droomspeelbus".into(), part),
                (3, 2, "bus".into(), part),
                (3, 2, "droomspeelbus".into(), part),
            ]
        );
        let taalcafe: Vec<(usize, String)> = expansions
            .expand("taalcafe")
            .into_iter()
            .map(|r| (r.piece, r.term))
            .collect();
        assert_eq!(
            taalcafe,
            [(0, "taalcaf".into()), (1, "tal".into()), (2, "caf".into())]
        );
        const { assert!(RANKING.synonym < 1.0 && RANKING.part < 1.0) };
    }
}
