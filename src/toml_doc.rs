//! Reading a TOML document (the site config or a page's front matter) into a typed value, with
//! errors that name the line and say in Dutch what was expected.
//!
//! Every position comes from the TOML parser's spans: the line of each key, the line of a
//! syntax error and the key a wrong value belongs to. Nothing here reads lines by hand, so a
//! dotted key (`a.b = 1`) or a multi-line string cannot throw the line numbers off. Spans are
//! offsets in the snippet the parser was given; they become lines of the whole file here (the
//! bug Zola had in #1133). Unknown keys are refused with a suggestion (`titel` → `title`), so a
//! typo never silently drops a value.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::path::Path;

use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::error::{ContentError, ContentErrors, did_you_mean};

/// One allowed key: its name, whether it must be present, and an example people can copy.
///
/// The same table tells people what to write: `new` writes the `hint` as a comment above the
/// key, and the editor (`crate::editor`) makes a form field of it, its kind read from the
/// example's value unless `input` says more. A key added here is in the form without another
/// edit.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub name: &'static str,
    pub required: bool,
    /// What a valid value looks like, as a line to copy: `date = 2023-05-16`.
    pub example: &'static str,
    /// The field's name in the editor, in Dutch ("Datum"); the key itself when empty.
    pub label: &'static str,
    /// What to fill in, in plain Dutch: the comment `new` writes, the hint under the form field.
    pub hint: &'static str,
    /// How the value is chosen when the example's type does not say enough.
    pub input: Input,
    /// The keys of each table in a list of tables (`people`), when they need more than their
    /// example says (labels, choices).
    pub fields: &'static [Field],
}

/// How a value is entered, beyond what the example's type says (text, number, date, switch,
/// list).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// As the example's value: a line of text, a whole number, a date, a switch or a list.
    Example,
    /// A longer text over more lines.
    Text,
    /// A time of day as `09:30`.
    Time,
    /// One of a list of values.
    OneOf(Choices),
    /// Any number of a list of values (a list, or one value on its own).
    SomeOf(Choices),
}

/// Where the allowed values of a choice come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choices {
    /// A fixed list of words (`kind`, `part`).
    Words(&'static [&'static str]),
    /// The themes in `content/themas/`, by file name.
    Topics,
    /// The rounds in `content/edities/`, by year.
    Editions,
    /// Every name and variant in `content/organisaties.toml`.
    Organisations,
    /// The initiatives in `content/initiatieven.toml`, by slug.
    Initiatives,
    /// The reports, by file name.
    Reports,
}

pub const fn required(name: &'static str, example: &'static str) -> Field {
    Field {
        name,
        required: true,
        example,
        label: "",
        hint: "",
        input: Input::Example,
        fields: &[],
    }
}

pub const fn optional(name: &'static str, example: &'static str) -> Field {
    Field {
        required: false,
        ..required(name, example)
    }
}

impl Field {
    /// The field's Dutch name in the editor.
    pub const fn label(self, label: &'static str) -> Field {
        Field { label, ..self }
    }

    /// What to fill in: `new`'s comment and the form's hint.
    pub const fn hint(self, hint: &'static str) -> Field {
        Field { hint, ..self }
    }

    pub const fn input(self, input: Input) -> Field {
        Field { input, ..self }
    }

    /// The keys of each table in this list of tables.
    pub const fn fields(self, fields: &'static [Field]) -> Field {
        Field { fields, ..self }
    }
}

/// The 1-based line in the file of each top-level key, for errors found after parsing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyLines {
    lines: BTreeMap<String, usize>,
    /// The line of the opening `+++`, or 1: where a missing key is reported.
    pub start: usize,
    /// Keys that are missing or whose value was wrong (already reported): their value is the
    /// field's example, which later checks must not judge.
    replaced: BTreeSet<String>,
}

impl KeyLines {
    /// Whether `key`'s value is a stand-in for a missing or wrong one.
    pub fn replaced(&self, key: &str) -> bool {
        self.replaced.contains(key)
    }

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

/// A document read as far as it goes: its value, where each key stands, and every problem.
/// A wrong value is replaced by its field's example, so that the keys after it are still
/// read and checked: one run shows every mistake of a file, not the first.
pub struct Checked<T> {
    pub value: T,
    pub lines: KeyLines,
    pub errors: ContentErrors,
}

impl Doc<'_> {
    /// Parses the text into `T`, reporting every unknown, missing or wrong key, not only the
    /// first.
    pub fn parse<T: DeserializeOwned>(
        &self,
        fields: &[Field],
    ) -> Result<(T, KeyLines), ContentErrors> {
        let checked = self.parse_all(fields)?;
        checked
            .errors
            .sorted()
            .into_result((checked.value, checked.lines))
    }

    /// Like [`Doc::parse`], but a value is returned as long as the text is valid TOML: the
    /// caller checks the keys that were right ([`KeyLines::replaced`] names the others) and
    /// adds `errors` to its own.
    pub fn parse_all<T: DeserializeOwned>(
        &self,
        fields: &[Field],
    ) -> Result<Checked<T>, ContentErrors> {
        let mut table = DeTable::parse(self.text).map_err(|e| self.syntax_error(&e))?;
        let mut lines = self.key_lines(table.get_ref());
        let mut errors = ContentErrors::default();
        let keys: Vec<String> = lines.lines.keys().cloned().collect();
        for key in keys {
            if !fields.iter().any(|f| f.name == key) {
                errors.push(
                    ContentError::new(self.file, lines.of(&key), format!("onbekend veld '{key}'"))
                        .hint(unknown_key_hint(&key, fields)),
                );
                table.get_mut().remove(key.as_str());
            }
        }
        for field in fields.iter().filter(|f| f.required) {
            if !lines.lines.contains_key(field.name) {
                errors.push(
                    ContentError::new(
                        self.file,
                        self.start_line,
                        format!("het verplichte veld '{}' ontbreekt", field.name),
                    )
                    .hint(format!("voeg een regel toe zoals: {}", field.example)),
                );
                if !replace(&mut table, field, &mut lines) {
                    return Err(errors.sorted());
                }
            }
        }
        // Each round replaces one wrong value, so there are at most as many rounds as fields.
        for _ in 0..=fields.len() {
            let e = match T::deserialize(toml::de::Deserializer::from(table.clone())) {
                Ok(value) => {
                    return Ok(Checked {
                        value,
                        lines,
                        errors,
                    });
                }
                Err(e) => e,
            };
            let key = e.span().and_then(|s| self.key_at(s.start));
            let field = key
                .as_deref()
                .and_then(|k| fields.iter().find(|f| f.name == k));
            let written = key
                .as_deref()
                .and_then(|k| table.get_ref().get(k))
                .map(|v| v.get_ref().clone());
            errors.push(self.value_error(&e, key.as_deref(), field, written.as_ref()));
            match field {
                Some(field) if !lines.replaced(field.name) => {
                    if !replace(&mut table, field, &mut lines) {
                        break;
                    }
                }
                _ => break,
            }
        }
        Err(errors.sorted())
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
        let offset = e.span().map(|s| s.start);
        let (line, col) = offset.map_or((self.start_line, 0), |at| self.line_col(at));
        let technical = first_line(e.message()).to_owned();
        // The line the parser stopped on, as written.
        let written = offset.map(|at| {
            let start = self.text[..at.min(self.text.len())]
                .rfind('\n')
                .map_or(0, |i| i + 1);
            let end = self.text[start..]
                .find('\n')
                .map_or(self.text.len(), |i| start + i);
            (start, self.text[start..end].trim_end_matches('\r'))
        });
        if let Some(error) = written.and_then(|(start, text)| self.word_quotes(start, text)) {
            return error.technical(technical);
        }
        if let Some((_, text)) = written
            && let Some((key, value)) = text.split_once('=')
            && let Some(date) = crate::text::date_from_dutch(value.trim().trim_matches(['"', '\'']))
        {
            return ContentError::new(self.file, line, "deze datum staat niet als jaar-maand-dag")
                .column(col)
                .hint(day_first_hint(key.trim(), date))
                .technical(technical);
        }
        // The parser checks calendar dates itself; say so in words people recognise.
        if technical.starts_with("invalid date") || technical.starts_with("invalid time") {
            return ContentError::new(self.file, line, "deze datum of tijd bestaat niet")
                .column(col)
                .hint("schrijf een bestaande datum als jaar-maand-dag, bijvoorbeeld 2023-05-23")
                .technical(technical);
        }
        ContentError::new(self.file, line, "deze regel is geen geldige instelling")
            .column(col)
            .hint(
                "schrijf elke instelling als naam = waarde, met tekst tussen \"aanhalingstekens\" \
                 en lijsten tussen [ ]",
            )
            .technical(technical)
    }

    /// Curly quotes on the line the parser stopped on, as Word writes them: the parser only
    /// knows straight ones. Points at the first of them.
    fn word_quotes(&self, line_start: usize, line: &str) -> Option<ContentError> {
        let at = line.find(WORD_QUOTES)?;
        let (line, col) = self.line_col(line_start + at);
        Some(
            ContentError::new(
                self.file,
                line,
                "dit zijn aanhalingstekens uit Word; gebruik gewone rechte aanhalingstekens \"…\"",
            )
            .column(col)
            .length(1)
            .hint(
                "typ de aanhalingstekens rond de tekst opnieuw met de toets \" (naast de Enter-toets), \
                 bijvoorbeeld: title = \"Verslag thematafel Eenzaamheid\"",
            ),
        )
    }

    fn value_error(
        &self,
        e: &toml::de::Error,
        key: Option<&str>,
        field: Option<&Field>,
        written: Option<&DeValue<'_>>,
    ) -> ContentError {
        let (line, col) = e
            .span()
            .map_or((self.start_line, 0), |s| self.line_col(s.start));
        let technical = first_line(e.message()).to_owned();
        // A date between quotes: written day first, or right but as text.
        if let (Some(k), Some(DeValue::String(text))) = (key, written)
            && field.is_some_and(|f| f.example.contains(&format!("{k} = 20")))
        {
            if let Some(date) = crate::text::date_from_dutch(text) {
                return ContentError::new(
                    self.file,
                    line,
                    "deze datum staat niet als jaar-maand-dag",
                )
                .column(col)
                .hint(day_first_hint(k, date))
                .technical(technical);
            }
            if let Ok(date) = text.trim().parse::<toml::value::Datetime>() {
                return ContentError::new(
                    self.file,
                    line,
                    format!("de waarde van '{k}' klopt niet"),
                )
                .column(col)
                .hint(format!(
                    "schrijf de datum zonder aanhalingstekens: {k} = {date}"
                ))
                .technical(technical);
            }
        }
        // A number between quotes.
        if let (Some(k), Some(DeValue::String(text))) = (key, written)
            && let Ok(number) = text.trim().parse::<u32>()
            && field.is_some_and(|f| {
                f.example
                    .trim_start_matches(k)
                    .trim_start_matches(" = ")
                    .parse::<u32>()
                    .is_ok()
            })
        {
            return ContentError::new(self.file, line, format!("de waarde van '{k}' klopt niet"))
                .column(col)
                .hint(format!(
                    "schrijf het getal zonder aanhalingstekens: {k} = {number}"
                ))
                .technical(technical);
        }
        // A word that is not one of a fixed list: name the list, in the order the code has it.
        if let Some(choices) = technical
            .strip_prefix("unknown variant ")
            .and_then(|rest| rest.split_once("expected "))
            .map(|(_, list)| {
                list.split('`')
                    .skip(1)
                    .step_by(2)
                    .collect::<Vec<_>>()
                    .join(", ")
            })
        {
            let message = match (key, written) {
                (Some(k), Some(DeValue::String(text))) => {
                    format!("onbekende waarde '{text}' bij '{k}'")
                }
                (Some(k), _) => format!("onbekende waarde bij '{k}'"),
                _ => "onbekende waarde".to_owned(),
            };
            return ContentError::new(self.file, line, message)
                .column(col)
                .hint(format!("kies uit: {choices}"))
                .technical(technical);
        }
        let message = match key {
            Some(k) => format!("de waarde van '{k}' klopt niet"),
            None => "een waarde klopt niet".to_owned(),
        };
        let mut error = ContentError::new(self.file, line, message)
            .column(col)
            .technical(technical);
        if let Some(f) = field {
            error = error.hint(format!("schrijf het zo: {}", f.example));
        }
        error
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
            replaced: BTreeSet::new(),
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
        Some(s) => format!("bedoelde u '{s}'? Toegestane velden: {allowed}."),
        None => format!("toegestane velden: {allowed}."),
    }
}

/// The quotes Word and phones type instead of `"` and `'`.
const WORD_QUOTES: &[char] = &['“', '”', '„', '‟', '‘', '’', '‚', '‛', '«', '»'];

/// "schrijf de datum als jaar-maand-dag: date = 2024-05-23".
fn day_first_hint(key: &str, date: time::Date) -> String {
    format!(
        "schrijf de datum als jaar-maand-dag: {key} = {date}, zonder aanhalingstekens ({})",
        crate::text::dutch_date(date)
    )
}

/// Puts `field`'s example value in place of the written one (or of none), so that reading can
/// go on; the key is marked as replaced. False when the example is no value (a bug in `fields`).
fn replace(table: &mut Spanned<DeTable<'_>>, field: &Field, lines: &mut KeyLines) -> bool {
    let Ok(example) = DeTable::parse(field.example) else {
        return false;
    };
    let Some((key, value)) = example.into_inner().into_iter().next() else {
        return false;
    };
    // The example is a `'static` text, so its values outlive any table they are put in.
    table.get_mut().insert(key, value);
    lines.replaced.insert(field.name.to_owned());
    true
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
            ("tittle", "bedoelde u 'title'?"),
            ("organisation", "bedoelde u 'organisations'?"),
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
