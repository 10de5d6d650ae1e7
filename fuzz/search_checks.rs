//! Property checks of the search issue's Dutch rules (issue 26): the compound splitter
//! (`search::compounds`) and the stemmer with its overrides (`search::dutch`), shared by the
//! fuzz targets `compounds` and `stem_overrides` and by `tests/it/fuzz_corpus.rs`, like
//! `checks.rs`.
#![allow(dead_code)] // each fuzz target uses one of the checks

use std::collections::HashSet;

use vindplaats::search::{Analyzer, Dutch, lexicon, split};

/// `compounds::MIN_PART` and `MIN_LAST` (the module keeps them to itself): the shortest part
/// before the last, and the shortest last part.
const MIN_PART: usize = 4;
const MIN_LAST: usize = 3;

/// `src/search/stem-overrides.txt`, read as `search::dutch` reads it: `word term # why`.
fn overrides() -> Vec<(&'static str, &'static str)> {
    include_str!("../src/search/stem-overrides.txt")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let mut words = l.split('#').next().unwrap().split_whitespace();
            (words.next().unwrap(), words.next().unwrap())
        })
        .collect()
}

fn utf8(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(data).ok()
}

/// The links `split` may put between two parts (its `LINKS`).
const LINKS: [&str; 4] = ["", "s", "e", "en"];

/// The input's words as the names pipeline folds them, at most 64 (one input, many words).
fn words(text: &str) -> Vec<String> {
    let analyzer = Analyzer::new(false);
    analyzer
        .tokens(text)
        .filter_map(|t| analyzer.folded(t))
        .take(64)
        .collect()
}

/// Whether `parts`, joined by link letters, spell `word` exactly.
fn spells(word: &str, parts: &[String]) -> bool {
    fn rest_ok(rest: &str, parts: &[String]) -> bool {
        match parts.split_first() {
            None => rest.is_empty(),
            Some((first, more)) => rest.strip_prefix(first.as_str()).is_some_and(|after| {
                if more.is_empty() {
                    after.is_empty()
                } else {
                    LINKS.iter().any(|l| {
                        after
                            .strip_prefix(l)
                            .is_some_and(|next| rest_ok(next, more))
                    })
                }
            }),
        }
    }
    rest_ok(word, parts)
}

/// `split` over the input's words, with the word list and the input's own words as what is
/// known (as the index knows the site's words): never a panic; a split has two or more known
/// parts that spell the word whole with the link letters, every part but the last at least
/// `MIN_PART` letters, the last at least `MIN_LAST`.
pub fn compounds(data: &[u8]) {
    let Some(text) = utf8(data) else { return };
    let words = words(text);
    let site: HashSet<&str> = words.iter().map(String::as_str).collect();
    let lexicon = lexicon();
    let known = |piece: &str| site.contains(piece) || lexicon.contains(piece);
    for word in &words {
        let Some(parts) = split(word, known) else {
            continue;
        };
        assert!(parts.len() >= 2, "{word}: one part {parts:?}");
        assert!(spells(word, &parts), "{word}: {parts:?} do not spell it");
        for (i, p) in parts.iter().enumerate() {
            assert!(known(p), "{word}: unknown part {p}");
            let min = if i + 1 == parts.len() { MIN_LAST } else { MIN_PART };
            assert!(p.len() >= min, "{word}: part {p} shorter than {min}");
        }
    }
}

/// The stemmer with its overrides, on every token of the input: never a panic, never an empty
/// term; a token that folds to an override's word gets the override's term, whatever its
/// case, marks or a final apostrophe-s; the names pipeline (no stemmer) never applies one.
pub fn stem_overrides(data: &[u8]) {
    let Some(text) = utf8(data) else { return };
    let stemmed = Analyzer::new(true);
    let names = Analyzer::new(false);
    let all = overrides();
    for token in stemmed.tokens(text).take(256) {
        let term = stemmed.term(token);
        if let Some(t) = &term {
            assert!(!t.is_empty(), "{token:?}: an empty term");
        }
        let Some(folded) = stemmed.folded(token) else {
            continue;
        };
        if let Some((_, own)) = all.iter().find(|(w, _)| *w == folded) {
            assert_eq!(term.as_deref(), Some(*own), "{token:?} folds to {folded}");
            assert_eq!(names.term(token).as_deref(), Some(folded.as_str()), "{token:?}");
        }
    }
    // Every override, written as a resident might type it.
    if let Some(&first) = data.first() {
        let (word, own) = all[first as usize % all.len()];
        for typed in [word.to_uppercase(), format!("{word}'s"), format!("“{word}”")] {
            let terms = Dutch::new(true).terms(&typed);
            if !terms.is_empty() {
                assert_eq!(terms, [own], "{typed:?}");
            }
        }
    }
}
