//! Readability: words per sentence, the share of long words, and the Flesch–Douma score
//! (206.835 − 0.93 × words per sentence − 77 × syllables per word), per page and for the five
//! hardest paragraphs of the site. Reported, never blocking.
//!
//! Flesch–Douma reads roughly: above 60 easy, 30–60 fairly hard, below 30 hard.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::parsed::{Checks, Site, Text};

/// A word of this many syllables or more counts as long.
pub const LONG_WORD_SYLLABLES: usize = 4;

/// Syllables of a Dutch word: groups of vowels (a e i o u y, with accents), where a vowel with
/// a trema starts a new group (`ideeën` = i-dee-en, `coördinatie` = co-ör-di-na-tie).
pub fn syllables(word: &str) -> usize {
    let mut count = 0;
    let mut in_vowels = false;
    for c in word.chars().flat_map(char::to_lowercase) {
        let trema = "äëïöü".contains(c);
        let vowel = trema || "aeiouyàáâèéêìíîòóôùúû".contains(c);
        if vowel && (!in_vowels || trema) {
            count += 1;
        }
        in_vowels = vowel;
    }
    if count == 0 && word.chars().any(char::is_alphabetic) {
        1
    } else {
        count
    }
}

/// Counts for a piece of text.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Counts {
    pub words: usize,
    pub sentences: usize,
    pub syllables: usize,
    pub long_words: usize,
}

impl Counts {
    pub fn of(text: &str) -> Counts {
        let mut c = Counts::default();
        let mut open_sentence = false;
        for token in text.split_whitespace() {
            let word: String = token.chars().filter(|ch| ch.is_alphanumeric()).collect();
            if word.chars().any(char::is_alphabetic) {
                let s = syllables(&word);
                c.words += 1;
                c.syllables += s;
                c.long_words += usize::from(s >= LONG_WORD_SYLLABLES);
                open_sentence = true;
            }
            if token.ends_with(['.', '?', '!']) && open_sentence {
                c.sentences += 1;
                open_sentence = false;
            }
        }
        c.sentences += usize::from(open_sentence);
        c
    }

    fn add(&mut self, other: Counts) {
        self.words += other.words;
        self.sentences += other.sentences;
        self.syllables += other.syllables;
        self.long_words += other.long_words;
    }

    pub fn words_per_sentence(&self) -> f64 {
        self.words as f64 / self.sentences.max(1) as f64
    }

    pub fn long_share(&self) -> f64 {
        self.long_words as f64 / self.words.max(1) as f64
    }

    /// Flesch–Douma: 206.835 − 0.93 × words/sentence − 77 × syllables/word.
    pub fn flesch_douma(&self) -> f64 {
        206.835
            - 0.93 * self.words_per_sentence()
            - 77.0 * (self.syllables as f64 / self.words.max(1) as f64)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct PageScore {
    pub file: PathBuf,
    pub title: String,
    pub words: usize,
    pub words_per_sentence: f64,
    pub long_share: f64,
    pub flesch_douma: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct ParagraphScore {
    pub file: PathBuf,
    pub line: usize,
    pub words: usize,
    pub words_per_sentence: f64,
    pub flesch_douma: f64,
    pub excerpt: String,
}

/// Scores every report page and topic introduction; lists the five hardest paragraphs (of at
/// least 15 words) of the site.
pub fn report(
    site: &Site,
    words: &Text,
    checks: &Checks,
    root: &Path,
) -> (Vec<PageScore>, Vec<ParagraphScore>) {
    let rel = |p: &Path| p.strip_prefix(root).unwrap_or(p).to_path_buf();
    let mut pages = Vec::new();
    let mut all = Vec::new();
    // The paragraphs come from the one Markdown pass, with their lines.
    let texts = site
        .reports()
        .map(|(id, p)| {
            let r = &p.report;
            (
                &r.file,
                format!("{} ({})", r.title, crate::text::dutch_short_date(r.date)),
                checks
                    .report(id)
                    .paragraphs(words.report(id))
                    .collect::<Vec<_>>(),
            )
        })
        .chain(site.topics().map(|(id, p)| {
            let t = &p.topic;
            let intro = std::slice::from_ref(&words.topics[id.0]);
            (
                &t.file,
                format!("Thema {}", t.title),
                checks.topic(id).paragraphs(intro).collect(),
            )
        }));
    for (file, title, paragraphs) in texts {
        let mut total = Counts::default();
        for (at, text) in paragraphs {
            let c = Counts::of(text);
            total.add(c);
            if c.words >= 15 {
                let excerpt: String = text.chars().take(90).collect();
                all.push(ParagraphScore {
                    file: rel(file),
                    line: at,
                    words: c.words,
                    words_per_sentence: c.words_per_sentence(),
                    flesch_douma: c.flesch_douma(),
                    excerpt: if excerpt.len() < text.len() {
                        format!("{excerpt}…")
                    } else {
                        excerpt
                    },
                });
            }
        }
        pages.push(PageScore {
            file: rel(file),
            title,
            words: total.words,
            words_per_sentence: total.words_per_sentence(),
            long_share: total.long_share(),
            flesch_douma: total.flesch_douma(),
        });
    }
    all.sort_by(|a, b| a.flesch_douma.total_cmp(&b.flesch_douma));
    all.truncate(5);
    (pages, all)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_syllables() {
        for (word, want) in [
            ("eenzaamheid", 3),
            ("ideeën", 3),
            ("coördinatie", 5),
            ("bestaanszekerheid", 5),
            ("huis", 1),
            ("eeuw", 1),
            ("mooi", 1),
            ("Almere", 3),
            ("naïef", 2),
            ("gezinnen", 3),
            ("ggd", 1),
        ] {
            assert_eq!(syllables(word), want, "{word}");
        }
    }

    #[test]
    fn flesch_douma_of_a_known_text() {
        let c = Counts::of("De kat zit op de mat. Hij slaapt.");
        assert_eq!((c.words, c.sentences, c.syllables), (8, 2, 8));
        assert!((c.flesch_douma() - (206.835 - 0.93 * 4.0 - 77.0)).abs() < 1e-9);
        assert_eq!(c.long_words, 0);
    }
}
