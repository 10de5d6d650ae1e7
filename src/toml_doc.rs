//! Reading a TOML document (the site config or a page's front matter) into a typed value, with
//! errors that name the line and say in Dutch what was expected.
//!
//! Line numbers are computed here, against the whole file: a TOML parser only knows the
//! snippet it was given (the bug Zola had in #1133). Unknown keys are refused with a
//! suggestion (`titel` → `title`), so a typo never silently drops a value.

use std::collections::BTreeMap;
use std::path::Path;

use serde::de::DeserializeOwned;

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
        let table: toml::Table = match self.text.parse() {
            Ok(t) => t,
            Err(e) => return Err(self.syntax_error(&e).into()),
        };
        let key_lines = self.key_lines();
        let mut errors = ContentErrors::default();
        let names = || fields.iter().map(|f| f.name);
        for key in table.keys() {
            if !names().any(|n| n == key) {
                let allowed = names().collect::<Vec<_>>().join(", ");
                let hint = match did_you_mean(key, names()) {
                    Some(s) => format!("bedoelde je '{s}'? Toegestane velden: {allowed}."),
                    None => format!("toegestane velden: {allowed}."),
                };
                errors.push(
                    ContentError::new(
                        self.file,
                        key_lines.of(key),
                        format!("onbekend veld '{key}'"),
                    )
                    .hint(hint),
                );
            }
        }
        for field in fields.iter().filter(|f| f.required) {
            if !table.contains_key(field.name) {
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
        match toml::from_str::<T>(self.text) {
            Ok(value) => Ok((value, key_lines)),
            Err(e) => Err(self.value_error(&e, &key_lines, fields).into()),
        }
    }

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

    fn value_error(
        &self,
        e: &toml::de::Error,
        key_lines: &KeyLines,
        fields: &[Field],
    ) -> ContentError {
        let (line, col) = e
            .span()
            .map_or((self.start_line, 0), |s| self.line_col(s.start));
        let key = key_lines
            .lines
            .iter()
            .filter(|(_, l)| **l <= line)
            .max_by_key(|(_, l)| **l)
            .map(|(k, _)| k.as_str());
        let field = key.and_then(|k| fields.iter().find(|f| f.name == k));
        let message = match key {
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

    /// Top-level `key = …` lines before the first `[table]` header.
    fn key_lines(&self) -> KeyLines {
        let mut lines = BTreeMap::new();
        for (i, l) in self.text.lines().enumerate() {
            let l = l.trim_start();
            if l.starts_with('[') {
                break;
            }
            if let Some((key, _)) = l.split_once('=') {
                let key = key.trim().trim_matches('"');
                if !key.is_empty()
                    && key
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
                {
                    lines.entry(key.to_owned()).or_insert(self.first_line + i);
                }
            }
        }
        KeyLines {
            lines,
            start: self.start_line,
        }
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
}
