//! The project's Dutch text pipeline for elasticlunr: tokeniser, folding, trimming, stop words
//! and stemming.
//!
//! The pipeline is owned here and mirrored, function for function, by
//! `themes/almere/static/search-nl.js`, which registers the same names in elasticlunr.js. The
//! names carry a version (`fold-nl-v1`): changing a rule means bumping the version on both
//! sides, so a browser with the old script fails loudly on a new index ("Cannot load
//! un-registered function") instead of silently missing words. `vindplaats search-terms` dumps
//! what this side makes of any word list, and the parity test compares it with the browser side.

use elasticlunr::Language;
use elasticlunr::pipeline::{Pipeline, PipelineFn};
use regex::Regex;

use super::separators;

/// The pipeline's version; part of every pipeline function's name. v2: the stemmer
/// overrides ([`OVERRIDES`]).
pub const VERSION: &str = "nl-v2";

/// Words the stemmer would merge with a word of another meaning ("ouderen", the elderly, and
/// "ouders", parents, both `ouder`), and the term each gets instead: one line a word, `word
/// term # why`. `search-nl.js` carries the same list, written from this file by
/// `VINDPLAATS_BLESS=1 cargo test --lib overrides` (which also checks it).
const OVERRIDES_FILE: &str = include_str!("stem-overrides.txt");

/// Characters that split text into tokens: white space, every dash, slashes — the class
/// search-nl.js splits on. The tokeniser looks characters up in a table generated from it
/// ([`separators`], checked against it by a test).
#[cfg(test)]
const SPLIT: &str = r"[\p{White_Space}\p{Pd}/\\\u{2044}\u{2215}\u{FF0F}]";
/// Apostrophes and the quotes typed for them; a final apostrophe-s is dropped with its `s`.
const APOSTROPHES: [char; 5] = ['\'', '’', '‘', 'ʼ', '`'];
/// What the trimmer removes at both ends of a token: anything but letters and digits.
const TRIM: &str = r"^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$";

/// The Dutch stop words of elasticlunr-rs (and lunr-languages), after folding; sorted, so a
/// lookup is a binary search.
pub const STOP_WORDS: &[&str] = &[
    "aan", "al", "alles", "als", "altijd", "andere", "ben", "bij", "daar", "dan", "dat", "de",
    "der", "deze", "die", "dit", "doch", "doen", "door", "dus", "een", "eens", "en", "er", "ge",
    "geen", "geweest", "haar", "had", "heb", "hebben", "heeft", "hem", "het", "hier", "hij", "hoe",
    "hun", "iemand", "iets", "ik", "in", "is", "ja", "je", "kan", "kon", "kunnen", "maar", "me",
    "meer", "men", "met", "mij", "mijn", "moet", "na", "naar", "niet", "niets", "nog", "nu", "of",
    "om", "omdat", "onder", "ons", "ook", "op", "over", "reeds", "te", "tegen", "toch", "toen",
    "tot", "u", "uit", "uw", "van", "veel", "voor", "want", "waren", "was", "wat", "werd", "wezen",
    "wie", "wil", "worden", "wordt", "zal", "ze", "zelf", "zich", "zij", "zijn", "zo", "zonder",
    "zou",
];

/// The rules of the pipeline, built once (regexes, stemmer) and shared by the elasticlunr
/// pipeline functions and by [`Analyzer::term`], which the index uses directly.
#[derive(Clone)]
pub struct Analyzer {
    ends: Regex,
    /// `None` for the names index, where "naamloze pilot" must match as typed.
    stemmer: Option<std::sync::Arc<rust_stemmers::Stemmer>>,
}

impl Analyzer {
    pub fn new(stem: bool) -> Analyzer {
        Analyzer {
            ends: Regex::new(TRIM).expect("constant pattern"),
            stemmer: stem.then(|| {
                std::sync::Arc::new(rust_stemmers::Stemmer::create(
                    rust_stemmers::Algorithm::Dutch,
                ))
            }),
        }
    }

    /// The tokens of `text`, as slices of it: what is between runs of separators.
    pub fn tokens<'t>(&self, text: &'t str) -> impl Iterator<Item = &'t str> + use<'t, '_> {
        text.split(separators::is_separator)
            .filter(|t| !t.is_empty())
    }

    /// The pipeline's steps, in order: the stemmer only when stemming.
    fn steps(&self) -> &'static [Step] {
        const ALL: [Step; 4] = [Step::Fold, Step::Trim, Step::StopWords, Step::Stem];
        if self.stemmer.is_some() {
            &ALL
        } else {
            &ALL[..3]
        }
    }

    /// What the whole pipeline makes of one token: the term the index holds, if any.
    pub fn term(&self, token: &str) -> Option<String> {
        self.steps()
            .iter()
            .try_fold(token.to_owned(), |token, step| step.apply(self, token))
    }

    /// [`crate::text::fold`] (NFKD, lowercase, without marks and soft hyphens), then without
    /// characters outside the Basic Multilingual Plane, a final apostrophe-s and other
    /// apostrophes.
    fn fold(&self, token: String) -> Option<String> {
        // ASCII needs no decomposition and has no marks: the common case, made cheap.
        let mut s: String = if token.is_ascii() {
            let mut t = token;
            t.make_ascii_lowercase();
            t
        } else {
            crate::text::fold(&token)
                .chars()
                .filter(|c| u32::from(*c) <= 0xFFFF)
                .collect()
        };
        let mut chars = s.chars().rev();
        if chars.next() == Some('s') && chars.next().is_some_and(|c| APOSTROPHES.contains(&c)) {
            s.pop();
            s.pop();
        }
        s.retain(|c| !APOSTROPHES.contains(&c));
        (!s.is_empty()).then_some(s)
    }

    /// A token folded and trimmed, not stemmed and kept if a stop word: how the compound
    /// splitter and the word list see a word.
    pub fn folded(&self, token: &str) -> Option<String> {
        self.fold(token.to_owned()).and_then(|t| self.trim(t))
    }

    fn trim(&self, token: String) -> Option<String> {
        // Most tokens start and end with an ASCII letter or digit: nothing to trim.
        let ascii_word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        if ascii_word(token.chars().next()) && ascii_word(token.chars().next_back()) {
            return Some(token);
        }
        let trimmed = self.ends.replace_all(&token, "");
        (!trimmed.is_empty()).then(|| trimmed.into_owned())
    }
}

fn keep_unless_stop_word(token: String) -> Option<String> {
    STOP_WORDS
        .binary_search(&token.as_str())
        .is_err()
        .then_some(token)
}

/// Snowball Dutch, then two rules it lacks, so plurals meet their singulars: a final double
/// consonant is undoubled (`gezinn` from gezinnen → `gezin`), and a final `z` or `v` after a
/// vowel, `l` or `r` becomes `s` or `f` (`buurthuiz` from buurthuizen → `buurthuis`; `uwv`
/// stays).
fn stem(stemmer: &rust_stemmers::Stemmer, token: String) -> Option<String> {
    if let Some(term) = overrides().get(token.as_str()) {
        return Some((*term).to_owned());
    }
    let mut stem = stemmer.stem(&token).into_owned();
    let mut last = stem.chars().rev();
    if let (Some(a), Some(b)) = (last.next(), last.next())
        && a == b
        && a.is_ascii_alphabetic()
        && !"aeiouy".contains(a)
    {
        stem.pop();
    }
    let mut last = stem.chars().rev();
    if let (Some(a @ ('z' | 'v')), Some(b)) = (last.next(), last.next())
        && "aeiouylr".contains(b)
    {
        stem.pop();
        stem.push(if a == 'z' { 's' } else { 'f' });
    }
    (!stem.is_empty()).then_some(stem)
}

/// [`OVERRIDES_FILE`] read: word → term.
pub fn overrides() -> &'static std::collections::HashMap<&'static str, &'static str> {
    static MAP: std::sync::OnceLock<std::collections::HashMap<&str, &str>> =
        std::sync::OnceLock::new();
    MAP.get_or_init(|| {
        override_lines()
            .map(|(word, term, _)| (word, term))
            .collect()
    })
}

/// The entries of [`OVERRIDES_FILE`] in file order: word, term, why.
fn override_lines() -> impl Iterator<Item = (&'static str, &'static str, &'static str)> {
    OVERRIDES_FILE
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|line| {
            let (pair, why) = line.split_once('#').expect("every override says why");
            let mut words = pair.split_whitespace();
            let (Some(word), Some(term), None) = (words.next(), words.next(), words.next()) else {
                panic!("stem-overrides.txt: not `word term # why`: {line}");
            };
            (word, term, why.trim())
        })
}

/// One step of the pipeline.
#[derive(Debug, Clone, Copy)]
enum Step {
    Fold,
    Trim,
    StopWords,
    Stem,
}

impl Step {
    /// The name elasticlunr.js knows the step by (without the version).
    fn name(self) -> &'static str {
        match self {
            Step::Fold => "fold",
            Step::Trim => "trimmer",
            Step::StopWords => "stopwords",
            Step::Stem => "stemmer",
        }
    }

    fn apply(self, analyzer: &Analyzer, token: String) -> Option<String> {
        match self {
            Step::Fold => analyzer.fold(token),
            Step::Trim => analyzer.trim(token),
            Step::StopWords => keep_unless_stop_word(token),
            Step::Stem => stem(analyzer.stemmer.as_ref()?, token),
        }
    }
}

/// A step as an elasticlunr pipeline function.
struct Named {
    step: Step,
    analyzer: Analyzer,
}

impl PipelineFn for Named {
    fn name(&self) -> String {
        format!("{}-{VERSION}", self.step.name())
    }

    fn filter(&self, token: String) -> Option<String> {
        self.step.apply(&self.analyzer, token)
    }
}

/// The project's Dutch language for elasticlunr-rs; `stem: false` gives the pipeline of the
/// names index.
pub struct Dutch {
    analyzer: Analyzer,
}

impl Dutch {
    pub fn new(stem: bool) -> Dutch {
        Dutch {
            analyzer: Analyzer::new(stem),
        }
    }

    /// Tokens and pipeline together: the terms the index holds for `text`.
    pub fn terms(&self, text: &str) -> Vec<String> {
        let a = &self.analyzer;
        a.tokens(text).filter_map(|t| a.term(t)).collect()
    }

    /// The term of each token of a query, `None` for a stop word: the query's words keep their
    /// places, as `search-engine.js` numbers them.
    pub fn query_terms(&self, query: &str) -> Vec<Option<String>> {
        let a = &self.analyzer;
        a.tokens(query).map(|t| a.term(t)).collect()
    }

    /// The names of the pipeline's functions, as an index lists them.
    pub fn pipeline_names(&self) -> Vec<String> {
        self.make_pipeline()
            .queue
            .iter()
            .map(|f| f.name())
            .collect()
    }
}

impl Language for Dutch {
    fn name(&self) -> String {
        "Dutch".into()
    }

    fn code(&self) -> String {
        "nl".into()
    }

    fn tokenize(&self, text: &str) -> Vec<String> {
        self.analyzer.tokens(text).map(str::to_owned).collect()
    }

    fn make_pipeline(&self) -> Pipeline {
        Pipeline {
            queue: self
                .analyzer
                .steps()
                .iter()
                .map(|&step| {
                    Box::new(Named {
                        step,
                        analyzer: self.analyzer.clone(),
                    }) as Box<dyn PipelineFn>
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<String> {
        Dutch::new(true).terms(text)
    }

    #[test]
    fn pipeline_table() {
        for (input, want) in [
            ("gezinnen", vec!["gezin"]),
            ("gezin", vec!["gezin"]),
            ("buurthuizen", vec!["buurthuis"]),
            ("buurthuis", vec!["buurthuis"]),
            ("brieven", vec!["brief"]),
            ("mannen", vec!["man"]),
            ("wijkteams", vec!["wijkteam"]),
            ("collega's", vec!["collega"]),
            ("Collega’s", vec!["collega"]),
            ("cliënten", vec!["client"]),
            ("clienten", vec!["client"]),
            ("taalbarrière", vec!["taalbarrier"]),
            ("2023", vec!["2023"]),
            ("Platform31", vec!["platform31"]),
            ("post-its", vec!["post", "its"]),
            ("UWV/W&I", vec!["uwv", "w&i"]),
            ("‘rode’", vec!["rod"]),
            ("de en het", vec![]),
            ("😀", vec![]),
            ("zelf\u{ad}redzaam", vec!["zelfredzam"]),
        ] {
            assert_eq!(terms(input), want, "{input:?}");
        }
    }

    #[test]
    fn names_pipeline_does_not_stem() {
        assert_eq!(
            Dutch::new(false).terms("De Naamloze Pilot"),
            ["naamloze", "pilot"]
        );
    }

    /// The separator table is the class `SPLIT` (search-nl.js's) as the regex crate knows
    /// it, for every character. `VINDPLAATS_BLESS=1` writes the table anew (after a Unicode
    /// update of the regex crate, or a change of `SPLIT` on both sides).
    #[test]
    fn separator_table_is_generated_from_the_class() {
        let class = Regex::new(&format!("^{SPLIT}$")).unwrap();
        let mut ranges: Vec<(char, char)> = Vec::new();
        let mut buffer = [0; 4];
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if !class.is_match(c.encode_utf8(&mut buffer)) {
                continue;
            }
            match ranges.last_mut() {
                Some((_, end)) if u32::from(*end) + 1 == u32::from(c) => *end = c,
                _ => ranges.push((c, c)),
            }
        }
        let mut table = String::from(separators::HEADER);
        table.push_str("pub(super) const RANGES: &[(char, char)] = &[\n");
        for (start, end) in &ranges {
            let [start, end] = [*start, *end].map(u32::from);
            table.push_str(&format!(
                "    ('\\u{{{start:04x}}}', '\\u{{{end:04x}}}'),\n"
            ));
        }
        table.push_str("];\n");
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src/search/separators_table.rs"
        );
        if std::env::var_os("VINDPLAATS_BLESS").is_some() {
            std::fs::write(path, &table).unwrap();
        }
        assert_eq!(
            std::fs::read_to_string(path).unwrap(),
            table,
            "src/search/separators_table.rs is not what SPLIT gives: VINDPLAATS_BLESS=1 cargo test --lib separator"
        );
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(
                separators::is_separator(c),
                class.is_match(c.encode_utf8(&mut buffer)),
                "{c:?}"
            );
        }
    }

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    /// The index calls the analyser directly; elasticlunr.js runs the named pipeline. Both
    /// must do the same to every token.
    #[test]
    fn analyser_and_named_pipeline_agree() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/content/rapporten/eenzaamheid.md"
        ))
        .unwrap()
            + " Cliënten’s CAFÉ’s post-it's ‘rode’ 2023 zelf\u{ad}redzaam 😀 de";
        for stem in [true, false] {
            let dutch = Dutch::new(stem);
            let piped = dutch.make_pipeline().run(dutch.tokenize(&text));
            assert!(piped.len() > 500);
            assert_eq!(piped, dutch.terms(&text));
        }
    }

    #[test]
    fn overrides_keep_apart_what_the_stemmer_merges() {
        let terms = |w: &str| Dutch::new(true).terms(w);
        assert_eq!(terms("ouders"), ["ouder"]);
        assert_eq!(terms("ouderen"), ["oudren"]);
        assert_eq!(terms("artsen"), terms("arts"));
        assert_ne!(terms("steden"), terms("steeds"));
        assert_ne!(terms("wet"), terms("weet"));
        // A query for the word must not reach the term it was kept from, nor the other way
        // round: elasticlunr expands a query term to every term it starts. ("arts" is kept
        // with its plural, not apart from another word.)
        let snowball = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::Dutch);
        for (word, term, why) in override_lines() {
            assert!(!why.is_empty(), "{word}");
            let merged = snowball.stem(word);
            assert!(
                !merged.starts_with(term),
                "{word}: `{merged}` starts with `{term}`"
            );
        }
    }

    /// search-nl.js carries the overrides as written here; `VINDPLAATS_BLESS=1` writes them.
    #[test]
    fn overrides_in_search_nl_js_are_this_list() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/themes/almere/static/search-nl.js"
        );
        let js = std::fs::read_to_string(path).unwrap();
        let (begin, end) = ("  // overrides:begin", "  // overrides:end");
        let (head, rest) = js
            .split_once(begin)
            .expect("search-nl.js marks its overrides");
        let (_, tail) = rest
            .split_once(end)
            .expect("search-nl.js marks its overrides");
        let mut block = String::from(begin);
        block.push_str(" (made from src/search/stem-overrides.txt)\n  var OVERRIDES = {\n");
        // The reasons stay in the list: the browser need not download them.
        for (word, term, _) in override_lines() {
            block.push_str(&format!("    {word}: '{term}',\n"));
        }
        block.push_str("  };\n");
        let made = format!("{head}{block}{end}{tail}");
        if std::env::var_os("VINDPLAATS_BLESS").is_some() {
            std::fs::write(path, &made).unwrap();
        }
        assert!(
            made == js,
            "search-nl.js's overrides are not those of stem-overrides.txt: VINDPLAATS_BLESS=1 cargo test --lib overrides"
        );
    }

    #[test]
    fn pipeline_names_carry_the_version() {
        assert_eq!(
            Dutch::new(true).pipeline_names(),
            [
                "fold-nl-v2",
                "trimmer-nl-v2",
                "stopwords-nl-v2",
                "stemmer-nl-v2"
            ]
        );
    }
}
