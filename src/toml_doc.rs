//! Reading a TOML document (the site config or a page's front matter) into a typed value, with
//! errors that name the line and say in Dutch what was expected.
//!
//! Every position comes from the TOML parser's spans: the line of each key, the line of a
//! syntax error and the key a wrong value belongs to. Nothing here reads lines by hand, so a
//! dotted key (`a.b = 1`) or a multi-line string cannot throw the line numbers off. Spans are
//! offsets in the snippet the parser was given; they become lines of the whole file here (the
//! bug Zola had in #1133). Unknown keys are refused with a suggestion (`titel` → `title`), so a
//! typo never silently drops a value.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::error::{ContentError, ContentErrors, did_you_mean};

/// One allowed key: its name, whether it must be present, and an example people can copy.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub name: &'static str,
    pub required: bool,
    /// What a valid value looks like, as a line to copy: `date = 2023-05-16`.
    pub example: &'static str,
}

pub const fn required(name: &'static str, example: &'static str) -> Field {
    Field {
        name,
        required: true,
        example,
    }
}

pub const fn optional(name: &'static str, example: &'static str) -> Field {
    Field {
        name,
        required: false,
        example,
    }
}

/// The 1-based line in the file of each top-level key, for errors found after parsing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyLines {
    lines: BTreeMap<String, usize>,
    /// The line of the opening `+++`, or 1: where a missing key is reported.
    pub start: usize,
}

impl KeyLines {
    pub fn of(&self, key: &str) -> usize {
        self.lines.get(key).copied().unwrap_or(self.start)
    }
}

/// A TOML text and where it sits in its file.
pub struct Doc<'a> {
    pub file: &'a Path,
    pub text: &'a str,
    /// The file's line number of the text's first line.
    pub first_line: usize,
    /// Where to report a missing key (the `+++` line of front matter, or 1).
    pub start_line: usize,
}

impl Doc<'_> {
    /// Parses the text into `T`, checking the keys against `fields` first so that every
    /// unknown or missing key is reported, not only the first.
    pub fn parse<T: DeserializeOwned>(
        &self,
        fields: &[Field],
    ) -> Result<(T, KeyLines), ContentErrors> {
        let table = DeTable::parse(self.text).map_err(|e| self.syntax_error(&e))?;
        let key_lines = self.key_lines(table.get_ref());
        let mut errors = ContentErrors::default();
        for key in key_lines.lines.keys() {
            if !fields.iter().any(|f| f.name == key) {
                errors.push(
                    ContentError::new(
                        self.file,
                        key_lines.of(key),
                        format!("onbekend veld '{key}'"),
                    )
                    .hint(unknown_key_hint(key, fields)),
                );
            }
        }
        for field in fields.iter().filter(|f| f.required) {
            if !key_lines.lines.contains_key(field.name) {
                errors.push(
                    ContentError::new(
                        self.file,
                        self.start_line,
                        format!("het verplichte veld '{}' ontbreekt", field.name),
                    )
                    .hint(format!("voeg een regel toe zoals: {}", field.example)),
                );
            }
        }
        if !errors.is_empty() {
            return Err(errors.sorted());
        }
        match T::deserialize(toml::de::Deserializer::from(table)) {
            Ok(value) => Ok((value, key_lines)),
            Err(e) => Err(self.value_error(&e, fields).into()),
        }
    }

    /// The file's line and 1-based column of a byte offset in the text.
    fn line_col(&self, offset: usize) -> (usize, usize) {
        let before = &self.text[..offset.min(self.text.len())];
        let line = before.matches('\n').count();
        // A carriage return is part of the line ending, not a column (fuzzing found a CRLF
        // file whose error pointed one column past the end of its line).
        let col = before
            .rsplit('\n')
            .next()
            .map_or(0, |l| l.trim_end_matches('\r').chars().count())
            + 1;
        (self.first_line + line, col)
    }

    fn syntax_error(&self, e: &toml::de::Error) -> ContentError {
        let (line, col) = e
            .span()
            .map_or((self.start_line, 0), |s| self.line_col(s.start));
        let technical = first_line(e.message());
        // The parser checks calendar dates itself; say so in words people recognise.
        if technical.starts_with("invalid date") || technical.starts_with("invalid time") {
            return ContentError::new(self.file, line, "deze datum of tijd bestaat niet")
                .column(col)
                .hint(format!(
                    "schrijf een bestaande datum als jaar-maand-dag, bijvoorbeeld 2023-05-23 \
                     (technische melding: {technical})"
                ));
        }
        ContentError::new(self.file, line, "deze regel is geen geldige instelling")
            .column(col)
            .hint(format!(
                "schrijf elke instelling als naam = waarde, met tekst tussen \"aanhalingstekens\" \
                 en lijsten tussen [ ]. (Technische melding: {technical})"
            ))
    }

    fn value_error(&self, e: &toml::de::Error, fields: &[Field]) -> ContentError {
        let (line, col) = e
            .span()
            .map_or((self.start_line, 0), |s| self.line_col(s.start));
        let key = e.span().and_then(|s| self.key_at(s.start));
        let field = key
            .as_deref()
            .and_then(|k| fields.iter().find(|f| f.name == k));
        let message = match &key {
            Some(k) => format!("de waarde van '{k}' klopt niet"),
            None => "een waarde klopt niet".to_owned(),
        };
        let mut hint = format!("(technische melding: {})", first_line(e.message()));
        if let Some(f) = field {
            hint = format!("schrijf het zo: {} {hint}", f.example);
        }
        ContentError::new(self.file, line, message)
            .column(col)
            .hint(hint)
    }

    /// The line of each top-level key, from the span the parser gives it. A dotted key
    /// (`location.name = …`) counts as its first part, where it is first written.
    fn key_lines(&self, table: &DeTable<'_>) -> KeyLines {
        // One index of the newlines for all keys: counting them from the start for each key
        // was quadratic in the number of keys (the fuzz corpus's time test caught it).
        let newlines = crate::text::Lines::new(self.text, self.first_line);
        let lines = table
            .keys()
            .map(|key| (key.get_ref().to_string(), newlines.of(key.span().start)))
            .collect();
        KeyLines {
            lines,
            start: self.start_line,
        }
    }

    /// The top-level key a byte offset belongs to: the key whose own spans (its name, its
    /// value and everything nested in it) hold the offset most closely. The closest, not the
    /// first: a dotted key's table has the span of its name only, and its values sit apart.
    fn key_at(&self, offset: usize) -> Option<String> {
        // Parsed again rather than kept from `parse`: only a wrong value gets here, and
        // keeping every span of every file for that would cost each build.
        let table = DeTable::parse(self.text).ok()?;
        let mut closest: Option<(usize, &str)> = None;
        for (key, value) in table.get_ref() {
            let mut spans = vec![key.span()];
            collect_spans(value, &mut spans);
            for span in spans {
                let holds = span.contains(&offset) || span.start == offset;
                if holds && closest.is_none_or(|(len, _)| span.len() < len) {
                    closest = Some((span.len(), key.get_ref()));
                }
            }
        }
        closest.map(|(_, key)| key.to_owned())
    }
}

/// The spans of a value and of every key and value inside it.
fn collect_spans(value: &Spanned<DeValue<'_>>, spans: &mut Vec<Range<usize>>) {
    spans.push(value.span());
    match value.get_ref() {
        DeValue::Array(items) => {
            for item in items.iter() {
                collect_spans(item, spans);
            }
        }
        DeValue::Table(table) => {
            for (key, item) in table {
                spans.push(key.span());
                collect_spans(item, spans);
            }
        }
        _ => {}
    }
}

/// Dutch words for the keys, which are English. Everything else the team sees is Dutch, so
/// `deelnemers` is a translation rather than a typo, and no spelling distance would find
/// `participants` from it.
const DUTCH_KEYS: &[(&str, &str)] = &[
    ("titel", "title"),
    ("datum", "date"),
    ("deelnemers", "participants"),
    ("locatie", "location"),
    ("thema", "topic"),
    ("organisaties", "organisations"),
    ("beschrijving", "description"),
    ("begin", "start"),
    ("starttijd", "start"),
    ("eind", "end"),
    ("eindtijd", "end"),
];

/// What to say about an unknown key: the English key it translates, else a close spelling,
/// and always the keys that are allowed here.
fn unknown_key_hint(key: &str, fields: &[Field]) -> String {
    let names = || fields.iter().map(|f| f.name);
    let allowed = names().collect::<Vec<_>>().join(", ");
    let translation = DUTCH_KEYS
        .iter()
        .find(|(dutch, english)| key.eq_ignore_ascii_case(dutch) && names().any(|n| n == *english))
        .map(|(_, english)| *english);
    if let Some(english) = translation {
        return format!(
            "bedoelt u `{english}`? De namen van de velden zijn Engels. Toegestane velden: {allowed}."
        );
    }
    match did_you_mean(key, names()) {
        Some(s) => format!("bedoelde je '{s}'? Toegestane velden: {allowed}."),
        None => format!("toegestane velden: {allowed}."),
    }
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or(s).trim()
}

/// Cuts a data file made of `[[header]]` entries into one [`Doc`] per entry, so each entry is
/// checked like front matter and its errors carry the file's real line numbers.
pub fn entries<'a>(
    file: &'a Path,
    text: &'a str,
    header: &str,
) -> Result<Vec<Doc<'a>>, ContentErrors> {
    let marker = format!("[[{header}]]");
    let mut docs = Vec::new();
    let mut errors = ContentErrors::default();
    let mut offset = 0;
    let mut current: Option<(usize, usize)> = None; // (byte offset of entry text, its first line)
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let trimmed = line.trim();
        if trimmed == marker {
            if let Some((start, first_line)) = current.take() {
                docs.push((start, offset, first_line));
            }
            current = Some((offset + line.len(), i + 2));
        } else if trimmed.starts_with('[') {
            errors.push(
                ContentError::new(file, i + 1, format!("onverwachte kop {trimmed}"))
                    .hint(format!("elk blok begint met de regel {marker}")),
            );
        } else if current.is_none() && !trimmed.is_empty() && !trimmed.starts_with('#') {
            errors.push(
                ContentError::new(file, i + 1, "tekst buiten een blok").hint(format!(
                    "zet {marker} boven de gegevens, of maak er een opmerking van met #"
                )),
            );
        }
        offset += line.len();
    }
    if let Some((start, first_line)) = current {
        docs.push((start, offset, first_line));
    }
    errors.into_result(
        docs.into_iter()
            .map(|(start, end, first_line)| Doc {
                file,
                text: &text[start..end],
                first_line,
                start_line: first_line - 1,
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression (fuzz/corpus/front_matter, found by cargo fuzz): with CRLF line endings an
    /// unclosed string reported a column one past the end of the line.
    #[test]
    fn crlf_error_column_stays_on_the_line() {
        let text = "+++\r\ntitlE = \"Trd\r\noe\"r = 0\r\n+++\r\nTekst\r\n";
        let e = crate::content::Report::parse(Path::new("a.md"), text).unwrap_err();
        let first = &e.0[0];
        let line_len = text
            .lines()
            .nth(first.line - 1)
            .unwrap()
            .trim_end_matches('\r')
            .chars()
            .count();
        assert!(
            first.column <= line_len + 1,
            "column {} on a line of {line_len}",
            first.column
        );
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Small {
        name: String,
        count: u32,
        #[serde(default)]
        place: Option<String>,
    }

    const SMALL: &[Field] = &[
        required("name", "name = \"x\""),
        required("count", "count = 1"),
        optional("place", "place = \"Almere\""),
    ];

    /// Parses `text` as if it started on line 2 of its file, as front matter does.
    fn parse_small(text: &str) -> Result<(Small, KeyLines), Vec<String>> {
        let doc = Doc {
            file: Path::new("a.md"),
            text,
            first_line: 2,
            start_line: 1,
        };
        doc.parse(SMALL).map_err(|e| {
            e.0.iter()
                .map(|e| format!("{}:{}: {}", e.line, e.column, e.message))
                .collect()
        })
    }

    #[test]
    fn key_lines_come_from_the_parser() {
        // Each line of the string looks like a key or a table header; neither is one.
        let text = "name = \"\"\"\ncount = 3\n[kop]\n\"\"\"\nplace = \"Almere\"\ncount = 1\n";
        let (_, lines) = parse_small(text).unwrap();
        assert_eq!(
            (lines.of("name"), lines.of("place"), lines.of("count")),
            (2, 6, 7)
        );
    }

    #[test]
    fn errors_point_at_their_own_key_and_line() {
        for (text, want) in [
            // A dotted key is the key before its dot, on the line it is written.
            (
                "name = \"x\"\ncount = 1\nplace.street = \"Markt\"\n",
                "4:1: de waarde van 'place' klopt niet",
            ),
            (
                "name = \"x\"\ncount = 1\nsize.cm = 3\n",
                "4:0: onbekend veld 'size'",
            ),
            // A wrong value after a multi-line string names its own key.
            (
                "name = \"\"\"\nEen naam\ncount = 3\n\"\"\"\ncount = \"drie\"\n",
                "6:9: de waarde van 'count' klopt niet",
            ),
            // A syntax error after a multi-line string: the line the parser stopped on.
            (
                "name = \"\"\"\nEen\nnaam\"\"\"\ncount = 1\nplace = Almere\n",
                "6:9: deze regel is geen geldige instelling",
            ),
        ] {
            assert_eq!(parse_small(text).unwrap_err(), [want], "{text:?}");
        }
    }

    #[test]
    fn unknown_key_hints() {
        let report: Vec<Field> = ["title", "topic", "date", "start", "end", "location"]
            .into_iter()
            .chain(["participants", "organisations", "description"])
            .map(|name| required(name, ""))
            .collect();
        let allowed = "Toegestane velden: title, topic, date, start, end, location, \
                       participants, organisations, description.";
        for (key, want) in [
            ("titel", "bedoelt u `title`?"),
            ("Titel", "bedoelt u `title`?"),
            ("datum", "bedoelt u `date`?"),
            ("deelnemers", "bedoelt u `participants`?"),
            ("locatie", "bedoelt u `location`?"),
            ("thema", "bedoelt u `topic`?"),
            ("organisaties", "bedoelt u `organisations`?"),
            ("beschrijving", "bedoelt u `description`?"),
            ("begin", "bedoelt u `start`?"),
            ("starttijd", "bedoelt u `start`?"),
            ("eind", "bedoelt u `end`?"),
            ("eindtijd", "bedoelt u `end`?"),
            // Not a translation: the closest spelling, as before.
            ("tittle", "bedoelde je 'title'?"),
            ("organisation", "bedoelde je 'organisations'?"),
            ("xyz", "toegestane"),
        ] {
            let hint = unknown_key_hint(key, &report);
            assert!(hint.starts_with(want), "{key}: {hint}");
            assert!(
                hint.ends_with(allowed) || want == "toegestane",
                "{key}: {hint}"
            );
        }
        // A translation only counts where its key is allowed: a topic has no `start`.
        let topic = [required("title", ""), required("order", "")];
        assert_eq!(
            unknown_key_hint("begin", &topic),
            "toegestane velden: title, order."
        );
    }
}
