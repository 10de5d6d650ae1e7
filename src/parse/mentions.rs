//! Finding initiatives in the report text: alias matching and the checks on the alias data.
//!
//! Matching is case- and diacritic-insensitive (both sides go through [`text::fold`]), on word
//! boundaries, longest match first: "De Naamloze Pilot" wins over "Naamloze Pilot", and
//! "buurtbieb" does not match inside "buurtbiebs". The aho-corasick automaton is built once per
//! build and finds every alias in one pass over a text.

use aho_corasick::{AhoCorasick, MatchKind};

use crate::content::Initiative;
use crate::error::{ContentError, ContentErrors};
use crate::ids::InitiativeId;
use crate::text;

/// An alias found in a text, with byte offsets into the original (unfolded) text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    /// The initiative, by its place in the list the matcher was built from.
    pub initiative: InitiativeId,
    /// Index of the alias among all aliases, in order (see [`Matcher::alias`]).
    pub alias: usize,
}

/// All aliases of all initiatives, ready to match.
#[derive(Debug, Clone)]
pub struct Matcher {
    automaton: Option<AhoCorasick>,
    /// Alias index → (initiative index, alias text as written).
    aliases: Vec<(usize, String)>,
}

impl Matcher {
    pub fn new(initiatives: &[Initiative]) -> Matcher {
        let aliases: Vec<(usize, String)> = initiatives
            .iter()
            .enumerate()
            .flat_map(|(i, init)| init.aliases.iter().map(move |a| (i, a.clone())))
            .collect();
        let patterns: Vec<String> = aliases.iter().map(|(_, a)| text::fold(a)).collect();
        let automaton = (!patterns.is_empty()).then(|| {
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .build(&patterns)
                .expect("aliases are plain strings")
        });
        Matcher { automaton, aliases }
    }

    /// The number of aliases (alias indexes run from 0 to this).
    pub fn alias_count(&self) -> usize {
        self.aliases.len()
    }

    /// Which initiative an alias belongs to, and the alias as written.
    pub fn alias(&self, index: usize) -> (InitiativeId, &str) {
        let (i, a) = &self.aliases[index];
        (InitiativeId(*i), a)
    }

    /// Every whole-word mention in `haystack`, longest first where two overlap, in text order.
    pub fn find(&self, haystack: &str) -> Vec<Found> {
        self.scan(haystack).1
    }

    /// For the data check: the aliases that occur in `haystack` as whole words (also where a
    /// longer alias wins, as "Naamloze Pilot" inside "De Naamloze Pilot"), and those that occur
    /// only inside longer words (`buurtbieb` in `buurtbiebs`).
    pub fn occurrences(&self, haystack: &str) -> (Vec<usize>, Vec<usize>) {
        let (whole, _, inside) = self.scan(haystack);
        (whole, inside)
    }

    fn scan(&self, haystack: &str) -> (Vec<usize>, Vec<Found>, Vec<usize>) {
        let Some(ac) = &self.automaton else {
            return Default::default();
        };
        let (folded, offsets) = text::fold_with_offsets(haystack);
        let mut whole = Vec::new();
        let mut inside = Vec::new();
        for m in ac.find_overlapping_iter(&folded) {
            // A match must cover whole characters of the original: "." inside the "..." that
            // "…" folds to is no mention of "." (found by fuzzing).
            let starts_a_char = m.start() == 0 || offsets[m.start() - 1] != offsets[m.start()];
            let ends_a_char = offsets[m.end()] != offsets[m.end() - 1];
            if !starts_a_char || !ends_a_char {
                continue;
            }
            let before = folded[..m.start()].chars().next_back();
            let after = folded[m.end()..].chars().next();
            let is_word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
            let alias = m.pattern().as_usize();
            if is_word(before) || is_word(after) {
                inside.push(alias);
            } else {
                whole.push(Found {
                    start: offsets[m.start()],
                    end: offsets[m.end()],
                    initiative: InitiativeId(self.aliases[alias].0),
                    alias,
                });
            }
        }
        // Longest first: at each position keep the longest match, then skip what it covers.
        whole.sort_by_key(|f| (f.start, std::cmp::Reverse(f.end)));
        let mut chosen: Vec<Found> = Vec::with_capacity(whole.len());
        let mut shadowed = Vec::new();
        for f in whole {
            if chosen.last().is_none_or(|last| f.start >= last.end) {
                chosen.push(f);
            } else {
                shadowed.push(f.alias);
            }
        }
        let mut whole_aliases: Vec<usize> = chosen.iter().map(|f| f.alias).collect();
        whole_aliases.extend(shadowed);
        whole_aliases.sort_unstable();
        whole_aliases.dedup();
        inside.sort_unstable();
        inside.dedup();
        (whole_aliases, chosen, inside)
    }
}

/// Data errors that only the text can reveal: an alias that occurs nowhere in the report texts
/// as a whole word (perhaps only inside longer words).
pub fn check_aliases(
    matcher: &Matcher,
    initiatives: &[Initiative],
    file: &std::path::Path,
    bodies: &[&str],
) -> ContentErrors {
    let found: Vec<_> = bodies.iter().map(|b| matcher.occurrences(b)).collect();
    alias_errors(
        matcher,
        initiatives,
        file,
        &found.iter().collect::<Vec<_>>(),
    )
}

/// [`check_aliases`] from each body's [`Matcher::occurrences`], which `serve` keeps per
/// report text.
pub fn alias_errors(
    matcher: &Matcher,
    initiatives: &[Initiative],
    file: &std::path::Path,
    found: &[&(Vec<usize>, Vec<usize>)],
) -> ContentErrors {
    let mut whole = vec![false; matcher.alias_count()];
    let mut inside_only = vec![false; matcher.alias_count()];
    for (w, i) in found {
        w.iter().for_each(|&a| whole[a] = true);
        i.iter().for_each(|&a| inside_only[a] = true);
    }
    let mut errors = ContentErrors::default();
    for (alias, _) in whole.iter().enumerate().filter(|(_, w)| !**w) {
        let (i, written) = matcher.alias(alias);
        let initiative = &initiatives[i.0];
        let inside = inside_only[alias];
        let (message, hint) = if inside {
            (
                format!(
                    "de alias '{written}' van '{}' staat alleen midden in langere woorden",
                    initiative.name
                ),
                "een alias telt alleen als los woord: schrijf de vorm die in de tekst staat (bijvoorbeeld het meervoud)",
            )
        } else {
            (
                format!(
                    "de alias '{written}' van '{}' komt in geen enkel verslag voor",
                    initiative.name
                ),
                "controleer de spelling tegen de tekst van het verslag, of haal de alias weg",
            )
        };
        errors.push(ContentError::new(file, initiative.lines.of("aliases"), message).hint(hint));
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::initiative::{Kind, MentionedAs};
    use crate::text::sentence_around;

    fn initiative(slug: &str, aliases: &[&str]) -> Initiative {
        Initiative {
            name: slug.into(),
            slug: slug.into(),
            kind: Kind::Plek,
            mentioned_as: MentionedAs::Genoemd,
            aliases: aliases.iter().map(|a| (*a).to_owned()).collect(),
            description: String::new(),
            quote: String::new(),
            line: 1,
            concept: false,
            lines: Default::default(),
            place: None,
            when: None,
            links: Vec::new(),
        }
    }

    fn found(m: &Matcher, text: &str) -> Vec<String> {
        m.find(text)
            .iter()
            .map(|f| format!("{}={}", f.initiative.0, &text[f.start..f.end]))
            .collect()
    }

    #[test]
    fn matching_table() {
        let m = Matcher::new(&[
            initiative("cafe", &["Sociaal Café"]),
            initiative("pilot", &["De Naamloze Pilot", "Naamloze Pilot"]),
            initiative("bieb", &["buurtbieb"]),
            initiative("welcome", &["Welcome app"]),
        ]);
        for (text, want) in [
            ("de ‘Sociaal Café’-bijeenkomsten", vec!["0=Sociaal Café"]),
            ("een sociaal cafe in Haven", vec!["0=sociaal cafe"]),
            ("SOCIAAL CAFÉ", vec!["0=SOCIAAL CAFÉ"]),
            ("‘De Naamloze Pilot’ genoemd", vec!["1=De Naamloze Pilot"]),
            ("de naamloze pilot", vec!["1=de naamloze pilot"]),
            ("een Naamloze Pilot.", vec!["1=Naamloze Pilot"]),
            ("buurtbiebs en minibuurtbieb", vec![]),
            ("een buurtbieb, twee", vec!["2=buurtbieb"]),
            ("de Welcome app voor nieuwkomers", vec!["3=Welcome app"]),
            ("de Welcome apps", vec![]),
        ] {
            assert_eq!(found(&m, text), want, "{text:?}");
        }
    }

    #[test]
    fn inside_words_reports_aliases_that_only_occur_in_compounds() {
        let m = Matcher::new(&[initiative("bieb", &["buurtbieb"])]);
        assert_eq!(m.occurrences("buurtbiebs"), (vec![], vec![0]));
        assert_eq!(m.occurrences("een buurtbieb"), (vec![0], vec![]));
        let m = Matcher::new(&[initiative(
            "pilot",
            &["De Naamloze Pilot", "Naamloze Pilot"],
        )]);
        assert_eq!(
            m.occurrences("‘De Naamloze Pilot’").0,
            [0, 1],
            "a shadowed alias still occurs"
        );
    }

    /// Regression (fuzz/corpus/mentions, found by cargo fuzz): an alias that is part of what
    /// one character folds to ("…" → "...", "⑴" → "(1)") matched half a character.
    #[test]
    fn matches_cover_whole_characters() {
        let m = Matcher::new(&[initiative("punt", &["."]), initiative("een", &["1"])]);
        assert!(m.find("x … y").is_empty());
        assert!(m.find("x ⑴ y").is_empty());
        assert_eq!(found(&m, "x . y"), ["0=."]);
    }

    #[test]
    fn sentences() {
        let text = "Eerste zin. Hier staat de Welcome app voor nieuwkomers. Laatste zin";
        let at = text.find("Welcome").unwrap();
        assert_eq!(
            sentence_around(text, at),
            "Hier staat de Welcome app voor nieuwkomers."
        );
        let text = "Schaal van max. 10.000 inwoners, bv. de buurtbieb. Daarna";
        assert_eq!(
            sentence_around(text, text.find("buurtbieb").unwrap()),
            "Schaal van max. 10.000 inwoners, bv. de buurtbieb."
        );
    }
}
