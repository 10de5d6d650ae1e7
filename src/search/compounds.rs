//! Compound words: Dutch writes them as one word (*droomspeelbus*, *ontmoetingsplek*), so a
//! resident who types a part ("spelen", "plek", "bus") would not find the word, and one who
//! types a compound the reports write apart ("taalcafe") would find nothing.
//!
//! One splitter ([`split`]) serves both sides. At index time it splits the site's words into
//! words of a real Dutch word list (OpenTaal's, as Debian's `wdutch` packages it, embedded as
//! an `fst` set: [`lexicon`]), and the index carries, per part, the compounds made with it
//! ([`compound_parts`]). In the browser `search-nl.js` runs the same rules (its `split`, checked
//! against this one by `tests/browser/parity.test.mjs`) on a query word that is no word of
//! the site, against what the index carries: the site's words and the parts.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::sync::OnceLock;

use rayon::prelude::*;

use super::Analyzer;

/// The splitter's name and version. It runs at index time and in the browser; the index names
/// it, and `search-engine.js` refuses an index made by a splitter it does not know, as elasticlunr.js
/// refuses an unknown pipeline function.
pub const DECOMPOUND: &str = "decompound-nl-v2";
/// The shortest part before the last, in letters: shorter pieces ("ver", "aan", "bij") are
/// mostly prefixes, not words.
pub const MIN_PART: usize = 4;
/// The shortest last part: three letters, so "bus" ends *droomspeelbus* and "dag"
/// *schooldag*; such a part must be consonant, vowel, consonant and not end in `n`, because
/// `-ken`, `-pen`, `-den` are the plural endings of *plekken*, *stappen*, *schulden*.
pub const MIN_LAST: usize = 3;
/// What may join two parts: nothing, or the linking `s`, `e` or `en` (*ontmoeting-s-plek*,
/// *jongeren-werk* is jongere-n-; *bejaard-en-tehuis*).
const LINKS: [&str; 4] = ["", "s", "e", "en"];
/// Words of the list that are never the last part: suffixes and inflection endings that are
/// also words ("heid" is heath, "lijk" a corpse, "eren" to honour), which would split
/// *eenzaamheid*, *belangrijk*, *kinderen*.
const NOT_LAST: [&str; 18] = [
    "baar", "bare", "ende", "eren", "erend", "heden", "heid", "ling", "lingen", "lijk", "lijke",
    "lijks", "lende", "loos", "loze", "schap", "schappen", "uren",
];

/// The embedded word list: OpenTaal's Dutch words (BSD or CC BY 3.0, see `docs/search.md`),
/// as `wdutch` 2.20.19 installs them in `/usr/share/dict/dutch`: every word written in lower
/// case, folded, of letters a–z only and at least [`MIN_LAST`] long. Made by
/// `VINDPLAATS_BLESS=1 cargo test --lib compounds::`, which also checks it.
static WORDS: &[u8] = include_bytes!("dutch-words.fst");

/// The word list, read in place (an `fst` set needs no loading).
pub fn lexicon() -> &'static fst::Set<&'static [u8]> {
    static SET: OnceLock<fst::Set<&'static [u8]>> = OnceLock::new();
    SET.get_or_init(|| fst::Set::new(WORDS).expect("the embedded word list is an fst set"))
}

/// Can `piece` be the last part? See [`MIN_LAST`] and [`NOT_LAST`].
fn may_end(piece: &str) -> bool {
    let vowel = |c: u8| b"aeiouy".contains(&c);
    let b = piece.as_bytes();
    if b.len() < MIN_LAST {
        return false;
    }
    if b.len() < MIN_PART {
        return !vowel(b[0]) && vowel(b[1]) && !vowel(b[2]) && b[2] != b'n';
    }
    !NOT_LAST.contains(&piece)
}

/// The parts `word` splits into, one level deep: known pieces (`known`) that cover it whole,
/// each but the last at least [`MIN_PART`] letters, joined by a [`LINKS`] letter or not.
/// Of all such splits the best by [`better`]. `None` when there is none, or
/// `word` is not folded letters. `word` is a folded, unstemmed word, as the names pipeline
/// makes it.
pub fn split(word: &str, known: impl Fn(&str) -> bool) -> Option<Vec<String>> {
    // Letters a–z only: a byte is a letter, so pieces are slices (a split runs for every
    // word of the site).
    let n = word.len();
    if n < MIN_PART + MIN_LAST || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    // best[i]: the best split of the first i letters, as the ends of its parts.
    let mut best: Vec<Option<Vec<(usize, usize)>>> = vec![None; n + 1];
    best[0] = Some(Vec::new());
    for i in 0..n {
        let Some(before) = best[i].clone() else {
            continue;
        };
        for j in i + MIN_LAST..=n {
            let (last, piece) = (j == n, &word[i..j]);
            if (j - i == n) || (!last && j - i < MIN_PART) || (last && !may_end(piece)) {
                continue;
            }
            if !known(piece) {
                continue;
            }
            for link in LINKS {
                let end = j + link.len();
                if end > n || &word[j..end] != link || (end == n && !link.is_empty()) {
                    continue;
                }
                let mut candidate = before.clone();
                candidate.push((i, j));
                if better(&candidate, best[end].as_deref()) {
                    best[end] = Some(candidate);
                }
            }
        }
    }
    let parts = best[n].take()?;
    Some(
        parts
            .into_iter()
            .map(|(i, j)| word[i..j].to_owned())
            .collect(),
    )
}

/// For a word that does not split whole ("sportvereniging": the site has no "vereniging"):
/// the longest known piece it starts with and the longest it ends with, each at least
/// [`MIN_PART`] letters and shorter than the word, the end one able to end a compound
/// (`sport`; `woning` of "huurwoning"). Empty when `word` is not folded letters.
pub fn ends(word: &str, known: impl Fn(&str) -> bool) -> Vec<String> {
    let n = word.len();
    if n <= MIN_PART || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return Vec::new();
    }
    let start = (MIN_PART..n).rev().map(|j| &word[..j]).find(|p| known(p));
    let end = (1..=n - MIN_PART)
        .map(|i| &word[i..])
        .find(|p| may_end(p) && known(p));
    start.into_iter().chain(end).map(str::to_owned).collect()
}

/// Fewer parts; then the longer shortest part (*buiten-spel*, not *buitens-pel*); then longer
/// parts from the left (*buurt-huis*, not *buur-thuis*).
fn better(candidate: &[(usize, usize)], current: Option<&[(usize, usize)]>) -> bool {
    let Some(current) = current else {
        return true;
    };
    let lengths = |parts: &[(usize, usize)]| parts.iter().map(|(i, j)| j - i).collect::<Vec<_>>();
    let (a, b) = (lengths(candidate), lengths(current));
    let shortest = |l: &[usize]| l.iter().copied().min().unwrap_or(0);
    (a.len(), shortest(&b), &b) < (b.len(), shortest(&a), &a)
}

/// Every part of `word`, at every level (*jeugdgezondheidszorg*: jeugd, gezondheidszorg,
/// gezondheid, zorg), in the order met, each once. Only a part of at least twice
/// [`MIN_PART`] letters is split again: shorter ones are seldom compounds, and the list has
/// many short rare words (*gesprek* would be "gesp" and "rek").
pub fn parts(word: &str, known: &impl Fn(&str) -> bool) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for piece in split(word, known).into_iter().flatten() {
        let deeper = if piece.len() >= 2 * MIN_PART {
            parts(&piece, known)
        } else {
            Vec::new()
        };
        for p in std::iter::once(piece).chain(deeper) {
            if !out.contains(&p) {
                out.push(p);
            }
        }
    }
    out
}

/// For each part of the site's words (`words`: the vocabulary, folded and unstemmed), the
/// terms of the compounds made with it, sorted; a part is known when the word list or the
/// site has it. A compound whose term starts with the part's term is left out of its list
/// (elasticlunr's prefix expansion finds it), but the part stays, with an empty list, unless
/// it is a word of the site: the browser splits a query word into the site's words and parts.
/// A part that is a stop word has no term and reaches nothing: it is left out.
pub(super) fn compound_parts(words: &[String]) -> BTreeMap<String, Vec<String>> {
    let analyzer = Analyzer::new(true);
    let site: HashSet<&str> = words.iter().map(String::as_str).collect();
    let lexicon = lexicon();
    let known = |piece: &str| site.contains(piece) || lexicon.contains(piece);
    let pairs: Vec<(String, Option<String>)> = words
        .par_iter()
        .flat_map_iter(|word| {
            let compound = analyzer.term(word).unwrap_or_default();
            parts(word, &known)
                .into_iter()
                .filter_map(|part| {
                    let term = analyzer.term(&part)?;
                    let reach = (!compound.starts_with(term.as_str())).then(|| compound.clone());
                    Some((part, reach))
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (part, compound) in pairs {
        out.entry(part).or_default().extend(compound);
    }
    // A part that reaches nothing is kept only for the browser's split, which knows the
    // site's words already.
    out.into_iter()
        .filter(|(part, compounds)| !compounds.is_empty() || !site.contains(part.as_str()))
        .map(|(part, compounds)| (part, compounds.into_iter().collect()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon_split(word: &str) -> Option<Vec<String>> {
        split(word, |p| lexicon().contains(p))
    }

    #[test]
    fn compounds_split_into_words_of_the_list() {
        for (word, want) in [
            ("droomspeelbus", Some(vec!["droom", "speel", "bus"])),
            ("buurthuis", Some(vec!["buurt", "huis"])),
            ("ontmoetingsplekken", Some(vec!["ontmoeting", "plekken"])),
            ("taalcafe", Some(vec!["taal", "cafe"])),
            ("geldzorgen", Some(vec!["geld", "zorgen"])),
            ("schooldag", Some(vec!["school", "dag"])),
            ("buitenspelen", Some(vec!["buiten", "spelen"])),
            // Inflections and suffixes are no parts.
            ("kinderen", None),
            ("jongeren", None),
            ("plekken", None),
            ("schulden", None),
            ("eenzaamheid", None),
            // Too short, not letters, or the whole word.
            ("speelt", None),
            ("buurt", None),
            ("2023almere", None),
        ] {
            let want = want.map(|w| w.iter().map(|s| s.to_string()).collect::<Vec<_>>());
            assert_eq!(lexicon_split(word), want, "{word}");
        }
    }

    #[test]
    fn a_word_that_does_not_split_whole_keeps_its_known_ends() {
        let known = |p: &str| ["sport", "woning", "taal"].contains(&p);
        assert_eq!(ends("sportvereniging", known), ["sport"]);
        assert_eq!(ends("huurwoning", known), ["woning"]);
        assert_eq!(ends("taalles", known), ["taal"]);
        assert!(ends("dakloos", known).is_empty());
    }

    #[test]
    fn every_level_of_a_compound_is_a_part() {
        let known = |p: &str| lexicon().contains(p);
        assert_eq!(
            parts("jeugdgezondheidszorg", &known),
            ["jeugd", "gezondheidszorg", "gezondheid", "zorg"]
        );
    }

    #[test]
    fn the_site_s_words_reach_their_compounds_by_every_part() {
        let words: Vec<String> = [
            "droomspeelbus",
            "speelplek",
            "buurthuis",
            "buurt",
            "jeugdwerk",
        ]
        .map(String::from)
        .to_vec();
        let parts = compound_parts(&words);
        assert_eq!(parts["speel"], ["droomspeelbus", "speelplek"]);
        assert_eq!(parts["bus"], ["droomspeelbus"]);
        assert_eq!(parts["plek"], ["speelplek"]);
        assert_eq!(parts["huis"], ["buurthuis"]);
        // Found by prefix already, but known as a part for the browser's split; unless it
        // is a word of the site ("buurt").
        assert_eq!(parts["jeugd"], Vec::<String>::new());
        assert!(!parts.contains_key("buurt"));
    }

    /// The embedded list is what Debian's `wdutch` gives; `VINDPLAATS_BLESS=1` makes it
    /// again (after an update of the list).
    #[test]
    fn the_embedded_word_list_is_made_from_wdutch() {
        let path = "/usr/share/dict/dutch";
        let text = std::fs::read_to_string(path).unwrap_or_else(|_| {
            panic!("{path} is missing: install Debian's wdutch (scripts/test does)")
        });
        let analyzer = Analyzer::new(false);
        let words: BTreeSet<String> = text
            .lines()
            .filter(|w| !w.is_empty() && *w == w.to_lowercase())
            .filter_map(|w| analyzer.folded(w))
            .filter(|w| w.len() >= MIN_LAST && w.chars().all(|c| c.is_ascii_lowercase()))
            .collect();
        let bytes = fst::Set::from_iter(&words).unwrap().into_fst().into_inner();
        let file = concat!(env!("CARGO_MANIFEST_DIR"), "/src/search/dutch-words.fst");
        if std::env::var_os("VINDPLAATS_BLESS").is_some() {
            std::fs::write(file, &bytes).unwrap();
        }
        assert!(words.len() > 300_000, "{} words", words.len());
        assert!(
            bytes == WORDS,
            "src/search/dutch-words.fst is not what {path} gives: VINDPLAATS_BLESS=1 cargo test --lib compounds::"
        );
    }
}
