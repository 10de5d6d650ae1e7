//! The search index: one document per report section, initiative and theme, indexed with
//! elasticlunr-rs through the project's own Dutch text pipeline.
//!
//! The pipeline is owned here and mirrored, function for function, by
//! `themes/almere/static/search-nl.js`, which registers the same names in elasticlunr.js. The
//! names carry a version (`fold-nl-v1`): changing a rule means bumping the version on both
//! sides, so a browser with the old script fails loudly on a new index ("Cannot load
//! un-registered function") instead of silently missing words. `vindplaats search-terms` dumps
//! what this side makes of any word list, and the parity test compares it with the browser side.

use std::io::Write;

use elasticlunr::pipeline::{Pipeline, PipelineFn};
use elasticlunr::{IndexBuilder, Language};
use regex::Regex;
use serde::Serialize;
use sha2::{Digest, Sha256};
use unicode_normalization::UnicodeNormalization;

use crate::render::OutputFile;
use crate::site::Site;

/// The pipeline's version; part of every pipeline function's name.
pub const VERSION: &str = "nl-v1";

/// Characters that split text into tokens: white space, every dash, slashes.
const SPLIT: &str = r"[\p{White_Space}\p{Pd}/\\\u{2044}\u{2215}\u{FF0F}]+";
/// Removed while folding: combining marks and the soft hyphen.
const MARKS: &str = r"[\p{M}\u{AD}]";
/// Apostrophes and the quotes typed for them; a final apostrophe-s is dropped with its `s`.
const APOSTROPHES: [char; 5] = ['\'', '’', '‘', 'ʼ', '`'];
/// What the trimmer removes at both ends of a token: anything but letters and digits.
const TRIM: &str = r"^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$";

/// The Dutch stop words of elasticlunr-rs (and lunr-languages), after folding.
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

struct Fold {
    marks: Regex,
}

impl PipelineFn for Fold {
    fn name(&self) -> String {
        format!("fold-{VERSION}")
    }

    /// NFKD, lowercase, without combining marks, soft hyphens, characters outside the Basic
    /// Multilingual Plane, a final apostrophe-s and other apostrophes.
    fn filter(&self, token: String) -> Option<String> {
        // ASCII needs no decomposition and has no marks: the common case, made cheap.
        let mut s: String = if token.is_ascii() {
            token.to_ascii_lowercase()
        } else {
            let decomposed: String = token.nfkd().collect::<String>().to_lowercase();
            self.marks
                .replace_all(&decomposed, "")
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
}

struct Trim {
    ends: Regex,
}

impl PipelineFn for Trim {
    fn name(&self) -> String {
        format!("trimmer-{VERSION}")
    }

    fn filter(&self, token: String) -> Option<String> {
        // Most tokens start and end with an ASCII letter or digit: nothing to trim.
        let ascii_word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        if ascii_word(token.chars().next()) && ascii_word(token.chars().next_back()) {
            return Some(token);
        }
        let trimmed = self.ends.replace_all(&token, "");
        (!trimmed.is_empty()).then(|| trimmed.into_owned())
    }
}

struct StopWords;

impl PipelineFn for StopWords {
    fn name(&self) -> String {
        format!("stopwords-{VERSION}")
    }

    fn filter(&self, token: String) -> Option<String> {
        (!STOP_WORDS.contains(&token.as_str())).then_some(token)
    }
}

struct Stem {
    stemmer: rust_stemmers::Stemmer,
}

impl PipelineFn for Stem {
    fn name(&self) -> String {
        format!("stemmer-{VERSION}")
    }

    /// Snowball Dutch, then two rules it lacks, so plurals meet their singulars: a final
    /// double consonant is undoubled (`gezinn` from gezinnen → `gezin`), and a final `z` or `v`
    /// after a vowel, `l` or `r` becomes `s` or `f` (`buurthuiz` from buurthuizen → `buurthuis`;
    /// `uwv` stays).
    fn filter(&self, token: String) -> Option<String> {
        let mut stem = self.stemmer.stem(&token).into_owned();
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
}

/// The project's Dutch language for elasticlunr-rs; `stem: false` gives the pipeline of the
/// names index, where "naamloze pilot" must match as typed.
pub struct Dutch {
    split: Regex,
    stem: bool,
}

impl Dutch {
    pub fn new(stem: bool) -> Dutch {
        Dutch {
            split: Regex::new(SPLIT).expect("constant pattern"),
            stem,
        }
    }

    /// Tokens and pipeline together: the terms the index holds for `text`.
    pub fn terms(&self, text: &str) -> Vec<String> {
        self.make_pipeline().run(self.tokenize(text))
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
        self.split
            .split(text)
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
            .collect()
    }

    fn make_pipeline(&self) -> Pipeline {
        let mut queue: Vec<Box<dyn PipelineFn>> = vec![
            Box::new(Fold {
                marks: Regex::new(MARKS).expect("constant pattern"),
            }),
            Box::new(Trim {
                ends: Regex::new(TRIM).expect("constant pattern"),
            }),
            Box::new(StopWords),
        ];
        if self.stem {
            queue.push(Box::new(Stem {
                stemmer: rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::Dutch),
            }));
        }
        Pipeline { queue }
    }
}

/// What a result shows: stored once per document, beside the index.
#[derive(Debug, Clone, Serialize)]
struct Doc {
    /// Site path of the page or section.
    u: String,
    /// Title.
    t: String,
    /// Breadcrumb: "Thema › Rapport › Kop".
    b: String,
    /// The whole text: the snippet is cut from it around the first match, and its words are
    /// the vocabulary for "bedoelde je …?".
    x: String,
}

#[derive(Serialize)]
struct Data {
    pipeline: &'static str,
    docs: Vec<Doc>,
    index: elasticlunr::Index,
    names: elasticlunr::Index,
}

/// The built index: a script that sets `window.vindplaatsZoekdata`, so search also works when
/// the site is opened from disk (where fetching a JSON file is not allowed).
#[derive(Debug, Clone)]
pub struct SearchIndex {
    pub file: OutputFile,
    pub documents: usize,
    /// Size of the file as served compressed (gzip, best).
    pub gzip_bytes: usize,
}

/// Builds the index of the whole site.
pub fn index(site: &Site) -> SearchIndex {
    let lib = &site.library;
    let mut docs = Vec::new();
    let mut fields: Vec<[String; 2]> = Vec::new();
    let mut names: Vec<(usize, String)> = Vec::new();
    for (r, report) in lib.reports.iter().enumerate() {
        let topic = lib
            .topic(&report.topic)
            .expect("topics checked in Library::load");
        let date = crate::text::dutch_short_date(report.date);
        for section in &site.report_bodies[r].sections {
            let heading = section
                .title
                .clone()
                .unwrap_or_else(|| "Inleiding".to_owned());
            docs.push(Doc {
                u: format!("{}#{}", report.path(), section.id),
                t: heading.clone(),
                b: format!("{} › {}, {}", topic.title, report.title, date),
                x: section.text.clone(),
            });
            fields.push([heading, section.text.clone()]);
        }
    }
    for (i, initiative) in lib.initiatives.iter().enumerate() {
        let sentences: Vec<&str> = site.mentions.by_initiative[i]
            .iter()
            .map(|&(r, m)| site.report_bodies[r].mentions[m].sentence.as_str())
            .collect();
        names.push((
            docs.len(),
            format!("{} {}", initiative.name, initiative.aliases.join(" ")),
        ));
        docs.push(Doc {
            u: initiative.path(),
            t: initiative.name.clone(),
            b: format!("Initiatieven › {}", initiative.kind.label()),
            x: initiative.description.clone(),
        });
        fields.push([
            initiative.name.clone(),
            format!("{} {}", initiative.description, sentences.join(" ")),
        ]);
    }
    for (t, topic) in lib.topics.iter().enumerate() {
        let intro = strip_tags(&site.topic_intros[t]);
        docs.push(Doc {
            u: topic.path(),
            t: format!("Thema {}", topic.title),
            b: "Thema's".to_owned(),
            x: intro.clone(),
        });
        fields.push([
            topic.title.clone(),
            format!("{} {intro}", topic.description),
        ]);
    }

    let mut index = IndexBuilder::with_language(Box::new(Dutch::new(true)))
        .save_docs(false)
        .add_fields(["title", "body"])
        .set_ref("id")
        .build();
    for (i, [title, body]) in fields.iter().enumerate() {
        index.add_doc(&i.to_string(), [title, body]);
    }
    let mut name_index = IndexBuilder::with_language(Box::new(Dutch::new(false)))
        .save_docs(false)
        .add_fields(["name"])
        .set_ref("id")
        .build();
    for (i, name) in &names {
        name_index.add_doc(&i.to_string(), [name]);
    }

    let documents = docs.len();
    let data = Data {
        pipeline: VERSION,
        docs,
        index,
        names: name_index,
    };
    let json = serde_json::to_string(&data).expect("plain data serialises");
    let script = format!("window.vindplaatsZoekdata={json};\n").into_bytes();
    let hash: String = Sha256::digest(&script)
        .iter()
        .take(5)
        .map(|b| format!("{b:02x}"))
        .collect();
    let gzip_bytes = gzip_len(&script);
    SearchIndex {
        file: OutputFile {
            path: format!("static/search-index.{hash}.js"),
            bytes: script,
        },
        documents,
        gzip_bytes,
    }
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

    #[test]
    fn pipeline_names_carry_the_version() {
        let names: Vec<String> = Dutch::new(true)
            .make_pipeline()
            .queue
            .iter()
            .map(|f| f.name())
            .collect();
        assert_eq!(
            names,
            [
                "fold-nl-v1",
                "trimmer-nl-v1",
                "stopwords-nl-v1",
                "stemmer-nl-v1"
            ]
        );
    }
}
