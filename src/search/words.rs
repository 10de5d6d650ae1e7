//! The "Bedoelde u" words in the single-file index, without the words the index already
//! holds as terms: about half of the site's words are their own term ("buurthuis", "jongeren"
//! is `jonger` but "wijk" is `wijk`). `search-engine.js` reads the terms from the index it has loaded
//! and a bit per term says which are words too: 1.7 KB less in the first download, room for
//! the synonyms and compound parts. A sharded index ships its words whole (`woorden.js`), as
//! the browser has not got every term there.

use regex::Regex;

/// Six bits a character, from `0` (48): no character JSON must escape but `\`.
const ZERO: u8 = b'0';

/// The index's terms that can be words ("Bedoelde u" proposes only letters, four or more),
/// sorted: the list both sides number the bits by.
pub(super) fn word_like_terms<'t>(terms: &[&'t str]) -> Vec<&'t str> {
    let letters = Regex::new(r"^\p{L}{4,}$").expect("constant pattern");
    terms
        .iter()
        .copied()
        .filter(|t| letters.is_match(t))
        .collect()
}

/// `words` (sorted) split into the words that are no term of `terms` (sorted) and, for
/// each word-like term in order, a bit that says whether it is a word: bit `i` is bit
/// `i % 6` of character `i / 6`, written as the character `'0' + bits`.
pub(super) fn known_bits(words: &[String], terms: &[&str]) -> (Vec<String>, String) {
    let candidates = word_like_terms(terms);
    let mut bits = vec![0u8; candidates.len().div_ceil(6)];
    let mut rest = Vec::new();
    for word in words {
        match candidates.binary_search(&word.as_str()) {
            Ok(i) => bits[i / 6] |= 1 << (i % 6),
            Err(_) => rest.push(word.clone()),
        }
    }
    let text = bits.iter().map(|&b| char::from(ZERO + b)).collect();
    (rest, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_that_are_terms_become_bits() {
        let s = |v: &[&str]| v.iter().map(|w| w.to_string()).collect::<Vec<_>>();
        let terms = [
            "2023",
            "buurthuis",
            "gezin",
            "jonger",
            "rod",
            "wijk",
            "wijkteam",
        ];
        let words = s(&["buurthuis", "gezinnen", "jongeren", "wijkteam"]);
        // Word-like terms: buurthuis gezin jonger wijk wijkteam; words among them: 0 and 4.
        let (rest, bits) = known_bits(&words, &terms);
        assert_eq!(rest, ["gezinnen", "jongeren"]);
        assert_eq!(bits, "A");
        assert_eq!(b'0' + 0b10001, b'A');
    }
}
