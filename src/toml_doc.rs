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
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct KeyLines {
    lines: BTreeMap<String, usize>,
    /// The line of the opening `+++`, or 1: where a missing key is reported.
    pub start: usize,
    /// Keys that are missing or whose value was wrong (already reported): their value is a
    /// stand-in (a required field's example, an optional field's default), which later checks
    /// must not judge.
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

/// How often a text is read again after a line that belongs to no key was blanked: each round
/// blanks one more line, and a front matter of more lines than this is not a mistake to repair.
const MAX_ROUNDS: usize = 64;

/// How many of a text's syntax errors are looked at: past a broken line or two, the parser
/// finds one at every turn of a garbled file, and each is matched against the keys.
const MAX_SYNTAX_ERRORS: usize = 100;

/// The first syntax errors of a text, in the order of the text.
fn first_errors(mut syntax: Vec<toml::de::Error>) -> Vec<toml::de::Error> {
    syntax.sort_by_key(|e| e.span().map(|s| s.start));
    syntax.truncate(MAX_SYNTAX_ERRORS);
    syntax
}

/// What a syntax error in a key's value leaves of it. A value whose only mistake is its quotes
/// (Word's, or one missing) is read as meant and checked further, so that a second mistake in
/// it (a day-first date between Word quotes) shows in the same run.
#[derive(Clone)]
enum Fix {
    /// The text as written, without its quotes.
    Text(String),
    /// Each text of a list without the quotes from Word at its ends.
    StripQuotes,
    /// Nothing usable: the key counts as missing, and its field's example stands in.
    Drop,
    /// The value as read stands (the first of a key written twice).
    Keep,
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

    // Longer than most: the recovering parse, the reading of each key and the blanking of broken
    // lines share the text and its spans; each step says why where it happens.
    /// Like [`Doc::parse`], but a value is returned with the errors: the caller checks the keys
    /// that were right ([`KeyLines::replaced`] names the others) and adds `errors` to its own.
    ///
    /// A syntax error costs only the key it is in: the parser goes on after it (toml's
    /// recovering parse), each broken key gets one error, and a line that belongs to no key
    /// (`Dit is tekst`) is reported and blanked so that the keys after it are read too. A
    /// required key that a broken line swallowed is not reported missing as well.
    pub fn parse_all<T: DeserializeOwned>(
        &self,
        fields: &[Field],
    ) -> Result<Checked<T>, ContentErrors> {
        let mut errors = ContentErrors::default();
        // Read once; only a text with syntax errors is looked at again (nearly every file of
        // a build has none).
        let first = DeTable::parse_recoverable(self.text);
        let repaired = if first.1.is_empty() {
            None
        } else {
            self.blank_stray_lines(&mut errors)
        };
        let text = repaired.as_deref().unwrap_or(self.text);
        let (mut table, syntax) = match &repaired {
            Some(repaired) => DeTable::parse_recoverable(repaired),
            None => first,
        };
        let had_syntax_errors = !syntax.is_empty() || !errors.is_empty();
        let mut lines = self.key_lines(text, table.get_ref());
        for (key, error, fix) in self.key_syntax_errors(text, table.get_ref(), syntax) {
            errors.push(error);
            match (fix, key) {
                (Fix::Text(meant), Some(key)) => {
                    if let Some(value) = table.get_mut().get_mut(key.as_str()) {
                        *value.get_mut() = DeValue::String(std::borrow::Cow::Owned(meant));
                    }
                }
                (Fix::StripQuotes, Some(key)) => {
                    if let Some(value) = table.get_mut().get_mut(key.as_str()) {
                        strip_stray_quotes(value.get_mut());
                    }
                }
                (Fix::Drop, Some(key)) => {
                    table.get_mut().remove(key.as_str());
                    lines.replaced.insert(key.clone());
                    let field = fields.iter().find(|f| f.name == key);
                    if let Some(field) = field
                        && !replace(&mut table, field, &mut lines)
                    {
                        return Err(errors.sorted());
                    }
                }
                (Fix::Keep, _) | (_, None) => {}
            }
        }
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
            if !table.get_ref().contains_key(field.name) {
                // A key written on a line the parser could not read is not missing: that line
                // has its own error.
                if !(had_syntax_errors && written(self.text, field.name)) {
                    errors.push(
                        ContentError::new(
                            self.file,
                            self.start_line,
                            format!("het verplichte veld '{}' ontbreekt", field.name),
                        )
                        .hint(format!("voeg een regel toe zoals: {}", field.example)),
                    );
                }
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
            let key = e.span().and_then(|s| key_at(table.get_ref(), s.start));
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

    /// Reports the syntax errors on lines that belong to no key (`Dit is tekst`, `title "x"`)
    /// and blanks those lines, so that the parser reads the keys after them: it gives up on the
    /// rest of the text at such a line. A list or `{ }` left open, which swallows the keys
    /// after it, is reported and blanked up to the first of them, so that they are read too
    /// (a missing quote there would hide behind the missing `]`). Blanked with spaces, so every
    /// offset stays where it was. `None` when there are none.
    fn blank_stray_lines(&self, errors: &mut ContentErrors) -> Option<String> {
        let mut repaired: Option<String> = None;
        for _ in 0..MAX_ROUNDS {
            let text = repaired.as_deref().unwrap_or(self.text);
            let (table, syntax) = DeTable::parse_recoverable(text);
            if syntax.is_empty() {
                break;
            }
            let syntax = first_errors(syntax);
            let reach = key_reach(text, table.get_ref());
            let stray = syntax
                .iter()
                .filter(|e| {
                    e.span()
                        .is_some_and(|s| !reach.iter().any(|(_, r)| r.contains(&s.start)))
                })
                .min_by_key(|e| e.span().map(|s| s.start));
            let (error, blank) = if let Some(stray) = stray {
                let at = stray.span().map_or(0, |s| s.start);
                let (start, end) = line_bounds(text, at);
                // The whole line is the mistake: marked from its first character.
                let mut error = self.syntax_error(text, at, None, None, stray).0;
                let line = &text[start..end];
                // Counted in the file's own text: in the blanked copy an earlier blanked "é"
                // is two spaces and would push the column past the line's end.
                error.column = self
                    .line_col(start + line.len() - line.trim_start().len())
                    .1;
                (error, start..end)
            } else {
                // Each key once: its value is read to its end.
                let mut tried = BTreeSet::new();
                let swallowing = syntax.iter().find_map(|e| {
                    let at = e.span()?.start;
                    if !e.message().starts_with("unclosed") {
                        return None;
                    }
                    let (key, _) = reach.iter().find(|(_, r)| r.contains(&at))?;
                    if !tried.insert(*key) {
                        return None;
                    }
                    let value = table.get_ref().get(*key)?;
                    let (start, _) = line_bounds(text, value.span().start);
                    let swallowed = first_key_line(text, value.span().start..value.span().end)?;
                    let error = self.syntax_error(text, at, Some(key), Some(value), e).0;
                    Some((error, start..swallowed))
                });
                match swallowing {
                    Some(found) => found,
                    None => break,
                }
            };
            errors.push(error);
            if text[blank.clone()].trim().is_empty() {
                break;
            }
            let blanked = repaired.get_or_insert_with(|| self.text.to_owned());
            // Each character becomes as many spaces as it has bytes (line ends stay): every
            // offset, and so every line and column, stays where it was.
            let spaces: String = blanked[blank.clone()]
                .chars()
                .flat_map(|c| match c {
                    '\n' | '\r' => std::iter::repeat_n(c, 1),
                    _ => std::iter::repeat_n(' ', c.len_utf8()),
                })
                .collect();
            blanked.replace_range(blank, &spaces);
        }
        repaired
    }

    /// One error for each key whose value has syntax errors (the parser may find several in
    /// one broken value: an unclosed list gives one for every line it swallowed), and what is
    /// left of the value. Errors outside every key are on lines [`Doc::blank_stray_lines`]
    /// could not blank; they are reported on their own.
    fn key_syntax_errors(
        &self,
        text: &str,
        table: &DeTable<'_>,
        syntax: Vec<toml::de::Error>,
    ) -> Vec<(Option<String>, ContentError, Fix)> {
        let reach = key_reach(text, table);
        let mut groups: BTreeMap<Option<&str>, Vec<toml::de::Error>> = BTreeMap::new();
        for e in first_errors(syntax) {
            let at = e.span().map_or(0, |s| s.start);
            let key = reach
                .iter()
                .filter(|(_, r)| r.contains(&at))
                .min_by_key(|(_, r)| r.len())
                .map(|(k, _)| *k);
            groups.entry(key).or_default().push(e);
        }
        let mut found = Vec::new();
        for (key, mut group) in groups {
            group.sort_by_key(|e| e.span().map(|s| s.start));
            let value = key.and_then(|k| table.get(k));
            // The telling error of a value: what is wrong with it as a whole (an unclosed
            // list) before what follows from that (a missing comma on the next line).
            let telling = |e: &&toml::de::Error| {
                let m = e.message();
                !(m.starts_with("unclosed") || m.starts_with("missing opening quote"))
            };
            let Some(winner) = group.iter().min_by_key(telling) else {
                continue;
            };
            let at = winner.span().map_or(0, |s| s.start);
            let (error, fix) = self.syntax_error(text, at, key, value, winner);
            found.push((key.map(str::to_owned), error, fix));
        }
        found
    }

    /// The file's line and 1-based column of a byte offset in the document's text, or in a
    /// copy of it with some lines blanked (a blanked character is as many spaces as it had
    /// bytes, so the offsets are the same). Always counted in the document's own text: counted
    /// in the blanked copy, an error on a line with "één" pointed past its end (fuzzing).
    fn line_col(&self, offset: usize) -> (usize, usize) {
        let text = self.text;
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
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

    // Longer than most: one branch per common mistake (Word quotes, a missing quote, a date
    // written day first, an unclosed list), each its own message and fix, all reading the line,
    // value and quote positions found once at the top.
    /// The Dutch error for a syntax error at byte `at`, in `key`'s value (`value`: as far as
    /// the parser read it) or on a line of its own, and what is left of the value. It names the
    /// fix where the mistake is a common one: quotes from Word, a missing quote, a date written
    /// day first, an unclosed list. A quote error points at the value, not where the parser
    /// stopped (the end of a long line).
    fn syntax_error(
        &self,
        text: &str,
        at: usize,
        key: Option<&str>,
        value: Option<&Spanned<DeValue<'_>>>,
        e: &toml::de::Error,
    ) -> (ContentError, Fix) {
        let technical = first_line(e.message()).to_owned();
        let m = e.message();
        // The line the value begins on (else the line of the error), as written.
        let (start, end) = line_bounds(text, value.map_or(at, |v| v.span().start));
        let written = text[start..end].trim_end_matches('\r');
        // Where the value begins: after the `=`.
        let value_at = written
            .find('=')
            .map(|i| i + 1 + (written[i + 1..].len() - written[i + 1..].trim_start().len()));
        let value_text = value_at.map_or("", |i| written[i..].trim_end());
        let place = |offset: usize, message: &str| {
            let (line, col) = self.line_col(offset);
            ContentError::new(self.file, line, message)
                .column(col)
                .technical(technical.clone())
        };
        let at_value = |message: &str| place(value_at.map_or(at, |i| start + i), message);
        // A text on one line (not a list, not between triple quotes): what was meant is the
        // text between its first and last quote, or the whole value when a quote is missing.
        let one_line_text = value.is_some_and(|v| matches!(v.get_ref(), DeValue::String(_)))
            && !value_text.starts_with("\"\"\"")
            && !value_text.starts_with("\'\'\'");
        let quote = |c: char| c == '"' || c == '\'';
        let any_quote = |c: char| quote(c) || WORD_QUOTES.contains(&c);
        let without = |quote: &dyn Fn(char) -> bool| {
            let inner = value_text.strip_prefix(quote).unwrap_or(value_text);
            inner
                .strip_suffix(quote)
                .unwrap_or(inner)
                .replace("\\\"", "\"")
        };
        let meant = without(&quote);
        let text_fix = |meant: &str| {
            if one_line_text {
                Fix::Text(meant.to_owned())
            } else if value.is_some_and(|v| matches!(v.get_ref(), DeValue::Array(_))) {
                Fix::StripQuotes
            } else {
                Fix::Drop
            }
        };
        // Quotes from Word where a text begins or ends (inside a text they are fine).
        let region_end = value.map_or(end, |v| v.span().end.max(end).min(text.len()));
        let name = key.unwrap_or_else(|| written.split('=').next().unwrap_or_default().trim());
        if let Some(quote) = misplaced_word_quote(&text[start..region_end]) {
            let meant = without(&any_quote);
            // A date between them is written without any quotes (its own error follows).
            let is_date = crate::text::date_from_dutch(&meant).is_some()
                || meant.parse::<toml::value::Datetime>().is_ok();
            let hint = if is_date {
                "haal de aanhalingstekens weg: een datum staat zonder aanhalingstekens".to_owned()
            } else if one_line_text {
                format!(
                    "typ de aanhalingstekens rond de tekst opnieuw met de toets \" (naast de \
                     Enter-toets): {name} = \"{}\"",
                    meant.replace('\\', "\\\\").replace('"', "\\\"")
                )
            } else {
                "typ de aanhalingstekens rond elke tekst opnieuw met de toets \" (naast de \
                 Enter-toets), bijvoorbeeld: title = \"Verslag thematafel Eenzaamheid\""
                    .to_owned()
            };
            let error = place(
                start + quote,
                "dit zijn aanhalingstekens uit Word; gebruik gewone rechte aanhalingstekens \"…\"",
            )
            .length(1)
            .hint(hint);
            return (error, text_fix(&meant));
        }
        if value_at.is_some()
            && let Some(date) = crate::text::date_from_dutch(&meant)
        {
            let error = at_value("deze datum staat niet als jaar-maand-dag")
                .hint(day_first_hint(name, date));
            return (error, Fix::Drop);
        }
        let hinted = |message: &str, hint: &str| (at_value(message).hint(hint), Fix::Drop);
        // The parser checks calendar dates itself; say so in words people recognise.
        if m.starts_with("invalid date") || m.starts_with("invalid time") {
            return hinted(
                "deze datum of tijd bestaat niet",
                "schrijf een bestaande datum als jaar-maand-dag, bijvoorbeeld 2023-05-23",
            );
        }
        if m.starts_with("unclosed array") {
            return hinted(
                &format!("de lijst bij '{name}' wordt niet afgesloten met ]"),
                "zet een ] achter de laatste waarde van de lijst; elke tekst in de lijst staat \
                 tussen \"aanhalingstekens\", met een komma ertussen",
            );
        }
        if m.starts_with("unclosed inline table") {
            return hinted(
                &format!("een {{ bij '{name}' wordt niet afgesloten met }}"),
                "zet een } achter de laatste waarde tussen de { }",
            );
        }
        if m.starts_with("invalid multi-line") {
            return hinted(
                &format!("de tekst bij '{name}' wordt niet afgesloten"),
                "zet aan het eind van de tekst dezelfde aanhalingstekens als aan het begin",
            );
        }
        if one_line_text {
            // Which quote is missing, from the text as written: the parser's own message
            // depends on what follows (after a comma it says the text is not quoted).
            let message = match (value_text.starts_with(quote), value_text.ends_with(quote)) {
                (false, true) => "het aanhalingsteken aan het begin van de tekst ontbreekt",
                (true, false) => "het aanhalingsteken aan het eind van de tekst ontbreekt",
                (false, false) => "deze tekst staat niet tussen aanhalingstekens",
                (true, true) => "er staat een aanhalingsteken midden in de tekst",
            };
            let hint = format!(
                "schrijf het zo: {name} = \"{}\"",
                meant.replace('\\', "\\\\").replace('"', "\\\"")
            );
            return (at_value(message).hint(hint), text_fix(&meant));
        }
        if m.starts_with("duplicate key") {
            let twice = e
                .span()
                .and_then(|s| text.get(s))
                .unwrap_or(name)
                .trim()
                .to_owned();
            let error = place(at, &format!("'{twice}' staat twee keer in de gegevens"))
                .hint("haal één van de twee regels weg");
            // The first of the two is read; this file has its error either way.
            return (error, Fix::Keep);
        }
        let error = place(at, "deze regel is geen geldige instelling").hint(
            "schrijf elke instelling als naam = waarde, met tekst tussen \"aanhalingstekens\" \
             en lijsten tussen [ ]",
        );
        (error, Fix::Drop)
    }

    // Longer than most: one branch per kind of wrong value (a date or number between quotes, a
    // word not in a fixed list), each its own Dutch message and fix.
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
    fn key_lines(&self, text: &str, table: &DeTable<'_>) -> KeyLines {
        // One index of the newlines for all keys: counting them from the start for each key
        // was quadratic in the number of keys (the fuzz corpus's time test caught it).
        let newlines = crate::text::Lines::new(text, self.first_line);
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
}

/// The top-level key a byte offset belongs to: the key whose own spans (its name, its value
/// and everything nested in it) hold the offset most closely. The closest, not the first: a
/// dotted key's table has the span of its name only, and its values sit apart.
fn key_at(table: &DeTable<'_>, offset: usize) -> Option<String> {
    let mut closest: Option<(usize, &str)> = None;
    for (key, value) in table {
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

/// Where each top-level key's text lies: from the start of the line of its name to the end of
/// the line its value ends on (the newline included), so that a syntax error just after a
/// value (`title = "Het "Café""`) is still the key's.
fn key_reach<'t>(text: &str, table: &'t DeTable<'_>) -> Vec<(&'t str, Range<usize>)> {
    table
        .iter()
        .map(|(key, value)| {
            let mut spans = vec![key.span()];
            collect_spans(value, &mut spans);
            let from = spans.iter().map(|s| s.start).min().unwrap_or(0);
            let to = spans.iter().map(|s| s.end).max().unwrap_or(0);
            let (start, _) = line_bounds(text, from);
            let (_, end) = line_bounds(text, to);
            (key.get_ref().as_ref(), start..end + 1)
        })
        .collect()
}

/// The start of the first line in `span` after its first that begins like a top-level key
/// (`name =`): where a list or `{ }` left open swallowed the next key.
fn first_key_line(text: &str, span: Range<usize>) -> Option<usize> {
    let (_, first_end) = line_bounds(text, span.start);
    let mut at = first_end + 1;
    while at < span.end.min(text.len()) {
        let (_, end) = line_bounds(text, at);
        let line = text[at..end].trim_start();
        let name_len = line
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(line.len());
        if name_len > 0 && line[name_len..].trim_start().starts_with('=') {
            return Some(at);
        }
        at = end + 1;
    }
    None
}

/// The byte range of the line that holds `offset`, without its newline.
fn line_bounds(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    (start, end)
}

/// Whether a line of `text` begins with `key` (`title = …`, `title "…"`): the key is written,
/// though a broken line kept the parser from reading it.
fn written(text: &str, key: &str) -> bool {
    text.lines().any(|line| {
        line.trim_start().strip_prefix(key).is_some_and(|rest| {
            rest.trim_start().starts_with(['=', '"', '“', '„']) || rest.is_empty()
        })
    })
}

/// The first quote from Word in `text` that stands where a text begins or ends: after `=`,
/// `[`, `{` or `,`, or before `,`, `]`, `}` or the end of the line. Inside a text such quotes
/// are fine (`title = "Het ‘Sociaal Café’"`).
fn misplaced_word_quote(text: &str) -> Option<usize> {
    text.char_indices()
        .filter(|(_, c)| WORD_QUOTES.contains(c))
        .find(|&(i, c)| {
            let before = text[..i].trim_end_matches([' ', '\t']).chars().next_back();
            let after = text[i + c.len_utf8()..]
                .trim_start_matches([' ', '\t', '\r'])
                .chars()
                .next();
            let opens_text = matches!(before, None | Some('=' | '[' | '{' | ',' | '\n'));
            let closes_text = matches!(after, None | Some(',' | ']' | '}' | '\n' | '#'));
            // A closing quote that ends a quotation inside the text (`"Het ‘Café’`) is the
            // text's own; the mistake there is the missing `"`.
            let partners: &[char] = match c {
                '’' => &['‘', '‚'],
                '”' => &['“', '„'],
                '»' => &['«'],
                _ => &[],
            };
            let line = &text[text[..i].rfind('\n').map_or(0, |n| n + 1)..i];
            opens_text || closes_text && !line.contains(partners)
        })
        .map(|(i, _)| i)
}

/// The value as meant: one quote from Word or one `"` gone from each end of every text in it.
fn strip_stray_quotes(value: &mut DeValue<'_>) {
    match value {
        DeValue::String(text) => {
            let stray = |c: char| c == '"' || WORD_QUOTES.contains(&c);
            let inner = text.strip_prefix(stray).unwrap_or(text);
            let inner = inner.strip_suffix(stray).unwrap_or(inner);
            if inner.len() != text.len() {
                *text = std::borrow::Cow::Owned(inner.to_owned());
            }
        }
        DeValue::Array(items) => {
            for item in items.iter_mut() {
                strip_stray_quotes(item.get_mut());
            }
        }
        _ => {}
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

/// Puts a stand-in in place of the written value (or of none), so that reading can go on: a
/// required field's example, an optional field's default (an example such as `concept = true`
/// would change what the file means). The key is marked as replaced. False when the example
/// is no value (a bug in `fields`).
fn replace(table: &mut Spanned<DeTable<'_>>, field: &Field, lines: &mut KeyLines) -> bool {
    lines.replaced.insert(field.name.to_owned());
    if !field.required {
        table.get_mut().remove(field.name);
        return true;
    }
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
/// checked like front matter and its errors carry the file's real line numbers. A misspelt
/// header (`[[initiatieff]]`, `[initiatief]`) is reported and still begins an entry, so the
/// keys under it are checked as the entry they are, not as a second copy of the one above.
pub fn entries<'a>(file: &'a Path, text: &'a str, header: &str) -> (Vec<Doc<'a>>, ContentErrors) {
    let marker = format!("[[{header}]]");
    let mut docs = Vec::new();
    let mut errors = ContentErrors::default();
    let mut offset = 0;
    let mut current: Option<(usize, usize)> = None; // (byte offset of entry text, its first line)
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let trimmed = line.trim();
        let header_like = trimmed.starts_with('[') && trimmed.ends_with(']');
        if trimmed == marker || header_like {
            if trimmed != marker {
                errors.push(
                    ContentError::new(file, i + 1, format!("onverwachte kop {trimmed}"))
                        .hint(format!("elk blok begint met de regel {marker}")),
                );
            }
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
    let docs = docs
        .into_iter()
        .map(|(start, end, first_line)| Doc {
            file,
            text: &text[start..end],
            first_line,
            start_line: first_line - 1,
        })
        .collect();
    (docs, errors)
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

    /// Regression (fuzz/corpus/cms_files/regression-lone-cr-in-a-comment, found by cargo
    /// fuzz): a stray line with "één" and a lone carriage return is blanked and read again;
    /// the next error on that line was counted in the blanked copy, where each "é" is two
    /// spaces, and pointed past the line's end.
    #[test]
    fn a_blanked_line_keeps_its_columns() {
        let text = "title = \"A\"\n# één of twee \u{0}zinnen\rmeer tekst\n";
        let doc = Doc {
            file: Path::new("a.toml"),
            text,
            first_line: 1,
            start_line: 1,
        };
        let errors = doc.parse::<Small>(SMALL).unwrap_err();
        assert!(errors.0.len() >= 2, "{errors:?}");
        for e in &errors.0 {
            let line = text.split('\n').nth(e.line - 1).unwrap();
            assert!(e.column <= line.chars().count() + 1, "{e}");
        }
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

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Form {
        title: String,
        date: toml::value::Datetime,
        count: u32,
        tags: Vec<String>,
        #[serde(default)]
        place: Option<String>,
    }

    const FORM: &[Field] = &[
        required("title", "title = \"Voorbeeld\""),
        required("date", "date = 2023-05-23"),
        required("count", "count = 1"),
        required("tags", "tags = [\"a\"]"),
        optional("place", "place = \"Almere\""),
    ];

    const FORM_GOOD: &str = "title = \"Verslag\"\ndate = 2024-05-23\ncount = 3\ntags = [\"a\", \"b\"]\nplace = \"Haven\"\n";

    /// Every error of `text` as `line:column: message`, and the value read (as far as it goes).
    fn read_form(text: &str) -> (Vec<String>, Option<Form>) {
        let doc = Doc {
            file: Path::new("a.md"),
            text,
            first_line: 2,
            start_line: 1,
        };
        match doc.parse_all::<Form>(FORM) {
            Ok(c) => (
                c.errors
                    .sorted()
                    .0
                    .iter()
                    .map(|e| format!("{}:{}: {}", e.line, e.column, e.message))
                    .collect(),
                Some(c.value),
            ),
            Err(e) => (
                e.0.iter()
                    .map(|e| format!("{}:{}: {}", e.line, e.column, e.message))
                    .collect(),
                None,
            ),
        }
    }

    /// A syntax error costs only its own key: the keys after it are read and checked in the
    /// same run, each broken key gets one error that points at its value, and a value that only
    /// lacks a quote (or has Word's) is read as meant and checked further.
    #[test]
    fn syntax_errors_are_recovered_key_by_key() {
        let long = "Een lange beschrijving van wat er aan tafel gebeurde, met veel woorden erin";
        let cases: &[(&str, &str, &[&str])] = &[
            // A missing opening quote points at the value, not at the end of the line.
            (
                "title = \"Verslag\"",
                &format!("title = {long}\""),
                &["2:9: het aanhalingsteken aan het begin van de tekst ontbreekt"],
            ),
            (
                "title = \"Verslag\"",
                "title = \"Verslag",
                &["2:9: het aanhalingsteken aan het eind van de tekst ontbreekt"],
            ),
            (
                "place = \"Haven\"",
                "place = Haven",
                &["6:9: deze tekst staat niet tussen aanhalingstekens"],
            ),
            // Curly quotes inside a text are fine; the missing closing quote is the mistake.
            (
                "title = \"Verslag\"",
                "title = \"Het ‘Café’",
                &["2:9: het aanhalingsteken aan het eind van de tekst ontbreekt"],
            ),
            (
                "title = \"Verslag\"",
                "title = “Verslag”",
                &[
                    "2:9: dit zijn aanhalingstekens uit Word; gebruik gewone rechte aanhalingstekens \"…\"",
                ],
            ),
            // Behind Word's quotes, a date written day first: both in one run.
            (
                "date = 2024-05-23",
                "date = “23-05-2024”",
                &[
                    "3:8: dit zijn aanhalingstekens uit Word; gebruik gewone rechte aanhalingstekens \"…\"",
                    "3:8: deze datum staat niet als jaar-maand-dag",
                ],
            ),
            // The unquoted day-first date no longer hides the number in quotes after it.
            (
                "date = 2024-05-23\ncount = 3",
                "date = 23-05-2024\ncount = \"3\"",
                &[
                    "3:8: deze datum staat niet als jaar-maand-dag",
                    "4:9: de waarde van 'count' klopt niet",
                ],
            ),
            (
                "date = 2024-05-23",
                "date = 2024-02-30",
                &["3:8: deze datum of tijd bestaat niet"],
            ),
            // A line that belongs to no key, and one without `=`: reported, and the keys after
            // them read (the wrong count is found; the title is not reported missing).
            (
                "count = 3",
                "Dit is tekst\ncount = \"drie\"",
                &[
                    "4:1: deze regel is geen geldige instelling",
                    "5:9: de waarde van 'count' klopt niet",
                ],
            ),
            (
                "title = \"Verslag\"",
                "title \"Verslag\"",
                &["2:1: deze regel is geen geldige instelling"],
            ),
            // An unclosed list: one error, not one per line it swallowed, and the keys it
            // swallowed are not reported missing.
            (
                "tags = [\"a\", \"b\"]",
                "tags = [\"a\", \"b\"",
                &["5:8: de lijst bij 'tags' wordt niet afgesloten met ]"],
            ),
            // ... and a mistake in the key it swallowed is not hidden behind it.
            (
                "tags = [\"a\", \"b\"]\nplace = \"Haven\"",
                "tags = [\"a\", \"b\"\nplace = Haven\"",
                &[
                    "5:8: de lijst bij 'tags' wordt niet afgesloten met ]",
                    "6:9: het aanhalingsteken aan het begin van de tekst ontbreekt",
                ],
            ),
            (
                "tags = [\"a\", \"b\"]\nplace = \"Haven\"",
                "tags = [\n  \"a\",\n  \"b\",\nplace = \"Haven\"",
                &["5:8: de lijst bij 'tags' wordt niet afgesloten met ]"],
            ),
            (
                "tags = [\"a\", \"b\"]",
                "tags = [“a”, “b”]",
                &[
                    "5:9: dit zijn aanhalingstekens uit Word; gebruik gewone rechte aanhalingstekens \"…\"",
                ],
            ),
            (
                "title = \"Verslag\"",
                "title = \"Het \"Café\" open\"",
                &["2:9: er staat een aanhalingsteken midden in de tekst"],
            ),
            (
                "count = 3",
                "count = 3\ncount = 4",
                &["5:1: 'count' staat twee keer in de gegevens"],
            ),
        ];
        for (good, bad, want) in cases {
            assert!(FORM_GOOD.contains(good), "{good}");
            let text = FORM_GOOD.replace(good, bad);
            let (errors, value) = read_form(&text);
            assert_eq!(errors, *want, "{text}");
            assert!(value.is_some(), "{text}: nothing read");
        }
        // What is read as meant, and checked further.
        let read = |good: &str, bad: &str| read_form(&FORM_GOOD.replace(good, bad)).1.unwrap();
        assert_eq!(
            read("title = \"Verslag\"", &format!("title = {long}\"")).title,
            long
        );
        assert_eq!(
            read("title = \"Verslag\"", "title = “Het ‘Café’”").title,
            "Het ‘Café’"
        );
        assert_eq!(
            read("tags = [\"a\", \"b\"]", "tags = [“a”, “b”]").tags,
            ["a", "b"]
        );
        assert_eq!(
            read("place = \"Haven\"", "place = Haven").place.as_deref(),
            Some("Haven")
        );
        assert_eq!(read("count = 3", "Dit is tekst\ncount = 3").count, 3);
        let after_list = read(
            "tags = [\"a\", \"b\"]",
            "tags = [\n  \"a\",\nplace = \"Strand\"",
        );
        assert_eq!(after_list.place.as_deref(), Some("Strand"));
        assert_eq!(read("count = 3", "count = 3\ncount = 4").count, 3);
        // A value that cannot be read as meant: the field's example stands in.
        assert_eq!(
            read("date = 2024-05-23", "date = 23-05-2024")
                .date
                .to_string(),
            "2023-05-23"
        );
    }

    /// A quote mistake's hint is the line as it should be, with a `"` inside the text escaped.
    #[test]
    fn quote_hints_say_what_to_write() {
        for (bad, want) in [
            (
                "title = Een tekst, met een komma\"",
                "schrijf het zo: title = \"Een tekst, met een komma\"",
            ),
            (
                "title = \"Bibliotheek, Almere",
                "schrijf het zo: title = \"Bibliotheek, Almere\"",
            ),
            (
                "title = \"Het \"Café\" open\"",
                "schrijf het zo: title = \"Het \\\"Café\\\" open\"",
            ),
            (
                "title = “Verslag”",
                "typ de aanhalingstekens rond de tekst opnieuw met de toets \" (naast de Enter-toets): title = \"Verslag\"",
            ),
            (
                "title = 'Buurthuis 't Hofje'",
                "schrijf het zo: title = \"Buurthuis 't Hofje\"",
            ),
            (
                "date = \"23 mei 2024",
                "schrijf de datum als jaar-maand-dag: date = 2024-05-23, zonder aanhalingstekens (donderdag 23 mei 2024)",
            ),
            (
                "date = “23-05-2024”",
                "haal de aanhalingstekens weg: een datum staat zonder aanhalingstekens",
            ),
        ] {
            let (key, _) = bad.split_once(" = ").unwrap();
            let good = FORM_GOOD.lines().find(|l| l.starts_with(key)).unwrap();
            let text = FORM_GOOD.replace(good, bad);
            let doc = Doc {
                file: Path::new("a.md"),
                text: &text,
                first_line: 2,
                start_line: 1,
            };
            let errors = doc.parse_all::<Form>(FORM).unwrap().errors.sorted();
            let hints: Vec<&str> = errors.0.iter().filter_map(|e| e.hint.as_deref()).collect();
            assert_eq!(hints[0], want, "{bad}");
        }
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
                "6:9: deze tekst staat niet tussen aanhalingstekens",
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
