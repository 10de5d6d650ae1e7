//! Text in one place: Dutch folding, slugs, dates and times, sentences, and line numbers.
//!
//! Heading ids, alias matching and search all fold text through [`fold`], so the three can
//! never disagree about whether `Café` and `cafe` are the same word; the Markdown pass and
//! the mention quotes cut sentences with the same rule ([`sentence_ends`]).

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Lowercase, with diacritics and soft hyphens removed: `Sociaal Café` → `sociaal cafe`,
/// `ideeën` → `ideeen`. Characters without a decomposition pass through unchanged. The one
/// fold of the project: heading ids, alias matching and the search pipeline's first step
/// (`search::Analyzer`, which adds its own rules for apostrophes on top) all use it, and
/// `search-nl.js` does the same in the browser: NFKD, then lowercase (so a mark that
/// lowercasing makes, as the dot of `İ`, goes too), then without marks.
pub fn fold(text: &str) -> String {
    // ASCII has no decompositions, marks or soft hyphens: the common case, without NFKD.
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    // Runs of ASCII copied and lowercased, the runs between through NFKD, in one pass and one
    // string: three passes and three strings over every character were 3 % of a build's CPU
    // time at 1,000 reports (every sentence of a report with people is folded). ASCII
    // characters decompose to nothing else and are never reordered with a mark, so the runs
    // fold as the whole text does.
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        push_ascii_lowercase(&mut out, &rest[..ascii]);
        rest = &rest[ascii..];
        // ASCII bytes are never inside a character: the next one starts the next run.
        let other = rest
            .bytes()
            .position(|b| b.is_ascii())
            .unwrap_or(rest.len());
        if !fold_into(&rest[..other], &mut out) {
            return fold_sigma(text);
        }
        rest = &rest[other..];
    }
    out
}

/// `text`, lowercased as ASCII, onto the end of `out`.
fn push_ascii_lowercase(out: &mut String, text: &str) {
    let start = out.len();
    out.push_str(text);
    out[start..].make_ascii_lowercase();
}

/// [`fold`] of `text` onto the end of `out`, NFKD's characters lowercased one by one: that is
/// the whole text's lowercase but for a capital sigma, which `str::to_lowercase` writes as a
/// final sigma at the end of a word. `false` at a capital sigma, `out` then unfinished.
fn fold_into(text: &str, out: &mut String) -> bool {
    for c in text.nfkd() {
        if c == 'Σ' {
            return false;
        }
        out.extend(
            c.to_lowercase()
                .filter(|c| !is_combining_mark(*c) && *c != '\u{ad}'),
        );
    }
    true
}

/// [`fold`] of a text with a capital sigma, as `str::to_lowercase` writes it.
fn fold_sigma(text: &str) -> String {
    let lower: String = text.nfkd().collect::<String>().to_lowercase();
    lower
        .chars()
        .filter(|c| !is_combining_mark(*c) && *c != '\u{ad}')
        .collect()
}

/// [`fold`] that also returns, for every byte of the folded text, the byte offset in `text` of
/// the character it came from (plus one entry for the end), so a match found in folded text can
/// be mapped back onto the original. Each character is folded on its own.
pub fn fold_with_offsets(text: &str) -> (String, Vec<usize>) {
    let mut folded = String::with_capacity(text.len());
    let mut offsets = Vec::with_capacity(text.len() + 1);
    let mut buf = [0u8; 4];
    let mut at = 0;
    while at < text.len() {
        // A run of ASCII folds to itself, lowercased, byte for byte: the common case, in bulk.
        let ascii = text.as_bytes()[at..]
            .iter()
            .position(|b| !b.is_ascii())
            .unwrap_or(text.len() - at);
        push_ascii_lowercase(&mut folded, &text[at..at + ascii]);
        offsets.extend(at..at + ascii);
        at += ascii;
        let Some(c) = text[at..].chars().next() else {
            break;
        };
        let before = folded.len();
        let one = c.encode_utf8(&mut buf);
        if !fold_into(one, &mut folded) {
            folded.truncate(before);
            folded.push_str(&fold_sigma(one));
        }
        offsets.extend(std::iter::repeat_n(at, folded.len() - before));
        at += c.len_utf8();
    }
    offsets.push(text.len());
    (folded, offsets)
}

/// A URL- and id-safe slug: folded, every run of other characters than `a-z0-9` becomes one
/// hyphen, no hyphen at either end. `Integrale centra: Samenwerking` → `integrale-centra-samenwerking`.
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in fold(text).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// True when `s` is already a slug as [`slug`] makes them.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty() && slug(s) == s
}

/// Hands out ids that are unique within one page: the second `Oplossingen` becomes
/// `oplossingen-2`. Ids the page template uses itself are reserved up front.
#[derive(Debug, Default)]
pub struct UniqueIds {
    taken: std::collections::BTreeSet<String>,
    /// Per base id, the next suffix to try: a page with the same heading a thousand times
    /// stays linear (found by the fuzz time test).
    next: std::collections::BTreeMap<String, usize>,
}

impl UniqueIds {
    pub fn reserving<'a>(reserved: impl IntoIterator<Item = &'a str>) -> Self {
        UniqueIds {
            taken: reserved.into_iter().map(str::to_owned).collect(),
            next: Default::default(),
        }
    }

    /// A unique id for a heading with this text; `fallback` when the text has no letters.
    pub fn claim(&mut self, text: &str, fallback: &str) -> String {
        let base = match slug(text) {
            s if s.is_empty() => fallback.to_owned(),
            s => s,
        };
        let mut id = base.clone();
        let n = self.next.entry(base.clone()).or_insert(2);
        while self.taken.contains(&id) {
            id = format!("{base}-{n}");
            *n += 1;
        }
        self.taken.insert(id.clone());
        id
    }
}

const WEEKDAYS: [&str; 7] = [
    "maandag",
    "dinsdag",
    "woensdag",
    "donderdag",
    "vrijdag",
    "zaterdag",
    "zondag",
];
const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

/// `dinsdag 16 mei 2023`: the way the reports write their dates.
pub fn dutch_date(date: time::Date) -> String {
    format!(
        "{} {} {} {}",
        WEEKDAYS[date.weekday().number_days_from_monday() as usize],
        date.day(),
        MONTHS[date.month() as usize - 1],
        date.year()
    )
}

/// A date as people write it in Dutch, day first: `23-05-2024`, `23/5/2024`, `23.5.2024`,
/// `23 mei 2024` or `dinsdag 23 mei 2024` (short month names too: `23 mrt 2024`). `None` for
/// anything else, a date that does not exist, or one without a year: what is not certain is
/// not suggested.
pub fn date_from_dutch(text: &str) -> Option<time::Date> {
    let text = text.trim().trim_end_matches('.').to_lowercase();
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .skip_while(|w| WEEKDAYS.contains(w))
        .collect();
    let (day, month, year) = match words.as_slice() {
        [numeric] => {
            let parts: Vec<&str> = numeric.split(['-', '/', '.']).collect();
            let [d, m, y] = parts.as_slice() else {
                return None;
            };
            (*d, m.parse::<u8>().ok()?, *y)
        }
        [d, m, y] => {
            let month = MONTHS.iter().position(|name| {
                let m = m.trim_end_matches('.');
                *name == m
                    || (m.len() >= 3 && name.starts_with(m))
                    || (m == "mrt" && *name == "maart")
            })?;
            (*d, u8::try_from(month + 1).ok()?, *y)
        }
        _ => return None,
    };
    if year.len() != 4 || day.is_empty() || day.len() > 2 {
        return None;
    }
    let month = time::Month::try_from(month).ok()?;
    time::Date::from_calendar_date(year.parse().ok()?, month, day.parse().ok()?).ok()
}

/// Line numbers of byte offsets in a text, from its newlines found once (counting newlines
/// from the start for every heading, link or paragraph was quadratic on long files).
pub struct Lines {
    first: usize,
    newlines: Vec<usize>,
}

impl Lines {
    /// `first` is the line number of the text's first line.
    pub fn new(text: &str, first: usize) -> Lines {
        Lines {
            first,
            newlines: text.match_indices('\n').map(|(i, _)| i).collect(),
        }
    }

    /// The line number of byte `offset`.
    pub fn of(&self, offset: usize) -> usize {
        self.first + self.newlines.partition_point(|&nl| nl < offset)
    }

    /// The byte offset where the line holding byte `offset` starts.
    pub fn line_start(&self, offset: usize) -> usize {
        match self.newlines.partition_point(|&nl| nl < offset) {
            0 => 0,
            line => self.newlines[line - 1] + 1,
        }
    }
}

/// A size in kilobytes the Dutch way, one decimal: "42,4".
pub fn kilobytes(bytes: usize) -> String {
    format!("{:.1}", bytes as f64 / 1024.0).replace('.', ",")
}

/// Names in a Dutch sentence: "A", "A en B", "A, B en C".
pub fn dutch_list(names: &[String]) -> String {
    match names.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} en {last}", rest.join(", ")),
    }
}

/// The years a text names, with the byte offset of each: every whole four-digit number
/// ("in 2023", "2023-2024", "23-05-2023"), and the second year of a school-year span written
/// short ("2023/24", "2023-24"). Digits of a larger number ("2.023", "12023") are not a year.
/// Which of these are years of interest is the caller's: a text that names "2000 inwoners"
/// names 2000 here.
pub fn years_named(text: &str) -> Vec<(usize, u16)> {
    let bytes = text.as_bytes();
    let digit = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
    // A digit next to the four, or a thousands or decimal separator and a digit ("2.023").
    let separator = |i: usize| matches!(bytes.get(i), Some(b'.' | b','));
    let number_before =
        |i: usize| i > 0 && (digit(i - 1) || (i > 1 && separator(i - 1) && digit(i - 2)));
    let number_after = |i: usize| digit(i) || (separator(i) && digit(i + 1));
    let mut years = Vec::new();
    let mut i = 0;
    while i + 4 <= bytes.len() {
        if (i..i + 4).all(digit) && !number_before(i) && !number_after(i + 4) {
            let year: u16 = text[i..i + 4].parse().expect("four ASCII digits");
            years.push((i, year));
            // "2023/24": two digits that are the next year's.
            let rest = &text[i + 4..];
            let short = rest
                .strip_prefix(['/', '-', '–'])
                .filter(|r| r.len() >= 2 && r.as_bytes()[..2].iter().all(u8::is_ascii_digit))
                .filter(|r| !r.as_bytes().get(2).is_some_and(u8::is_ascii_digit));
            if let Some(r) = short
                && r[..2].parse::<u16>().ok() == Some((year + 1) % 100)
            {
                years.push((i, year + 1));
            }
            i += 4;
        } else {
            i += 1;
        }
    }
    years
}

/// `mei`.
pub fn dutch_month(month: time::Month) -> &'static str {
    MONTHS[month as usize - 1]
}

/// `16 mei 2023`, for lists where the weekday is noise.
pub fn dutch_short_date(date: time::Date) -> String {
    format!(
        "{} {} {}",
        date.day(),
        MONTHS[date.month() as usize - 1],
        date.year()
    )
}

/// `9.30` for `09:30`: the Dutch way of writing a clock time (the input is checked `HH:MM`).
pub fn dutch_time(hh_mm: &str) -> String {
    let (hours, minutes) = hh_mm.split_once(':').unwrap_or((hh_mm, "00"));
    format!("{}.{minutes}", hours.parse::<u8>().unwrap_or(0))
}

/// The sentence of `text` around byte `at`: from after the previous `.`, `?` or `!` that is
/// followed by a space and a capital, to the next such end.
pub fn sentence_around(text: &str, at: usize) -> &str {
    sentence_at(text, &sentence_ends(text), at)
}

/// Text as quotes are compared: whitespace runs as one space, typographic quotes as straight
/// ones (a quote copied from a Word document or from the site itself still matches).
pub fn quote_form(text: &str) -> String {
    quote_form_of_words(text.split_whitespace())
}

/// [`quote_form`] of the words of a text given one by one (a report's sections in turn).
pub fn quote_form_of_words<'a>(words: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for word in words {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().map(|c| match c {
            '‘' | '’' | '‚' | '‛' | '`' | '´' => '\'',
            '“' | '”' | '„' | '‟' => '"',
            c => c,
        }));
    }
    out
}

/// Where the sentences of `text` end (byte offsets after the `.`, `?` or `!`), for
/// [`sentence_at`]: found once per paragraph, however many mentions it has (a paragraph
/// full of mentions was quadratic, found by the fuzz time test). A sentence ends at `.`, `?`
/// or `!` followed by white space (any run of it) and a capital or an opening quote. "Lees
/// voor" (leesvoor-lezer.js) splits by the same rule, in the same Unicode properties
/// (White_Space, Uppercase): tests/browser/zinnen.test.mjs compares the two.
pub fn sentence_ends(text: &str) -> Vec<usize> {
    text.char_indices()
        .filter(|(i, c)| {
            matches!(c, '.' | '?' | '!') && {
                let rest = &text[i + c.len_utf8()..];
                let next = rest.trim_start_matches(char::is_whitespace);
                next.len() < rest.len()
                    && next
                        .chars()
                        .next()
                        .is_some_and(|n| n.is_uppercase() || "‘“'\"(".contains(n))
            }
        })
        .map(|(i, c)| i + c.len_utf8())
        .collect()
}

/// The sentences of `text`, by [`sentence_ends`], without the white space around them: what
/// "Lees voor" reads one by one, and what `vindplaats sentences` prints for the parity test.
pub fn sentences(text: &str) -> Vec<&str> {
    let mut start = 0;
    sentence_ends(text)
        .into_iter()
        .chain([text.len()])
        .map(|end| {
            let sentence = text[start..end].trim_matches(char::is_whitespace);
            start = end;
            sentence
        })
        .collect()
}

/// The longest quote, in bytes on each side of the mention: a "sentence" without sentence
/// ends can be a whole page (quoting it for every mention was quadratic, found by fuzzing).
const QUOTE_REACH: usize = 600;

/// The sentence around byte `at`, given the sentence ends of `text`; at most
/// [`QUOTE_REACH`] bytes on either side of `at`.
pub fn sentence_at<'a>(text: &'a str, ends: &[usize], at: usize) -> &'a str {
    let next = ends.partition_point(|&e| e <= at);
    let mut start = if next == 0 { 0 } else { ends[next - 1] };
    let mut end = ends.get(next).copied().unwrap_or(text.len());
    start = start.max(at.saturating_sub(QUOTE_REACH));
    end = end.min(at.saturating_add(QUOTE_REACH)).min(text.len());
    while !text.is_char_boundary(start) {
        start += 1;
    }
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[start..end.max(start)].trim()
}

#[cfg(test)]
mod tests {
    /// Issue 24: "Lees voor" ended a sentence at a full stop and two spaces, the site's quotes
    /// did not. Both take any run of white space now (tests/browser/zinnen.test.mjs compares).
    #[test]
    fn sentences_end_at_a_stop_white_space_and_a_capital() {
        for (text, want) in [
            ("Een.  Twee.", vec!["Een.", "Twee."]),
            ("Een.\u{85}Twee. drie.", vec!["Een.", "Twee. drie."]),
            (
                "max. 10.000 inwoners, bv. de bieb. Ja!",
                vec!["max. 10.000 inwoners, bv. de bieb.", "Ja!"],
            ),
            (
                "Zie Ⅱ. Ⅲ volgt. ‘Nee’, zei zij.",
                vec!["Zie Ⅱ.", "Ⅲ volgt.", "‘Nee’, zei zij."],
            ),
            ("Slot.   ", vec!["Slot."]),
            ("Een.\u{feff}Twee.", vec!["Een.\u{feff}Twee."]),
        ] {
            assert_eq!(super::sentences(text), want, "{text:?}");
        }
    }

    #[test]
    fn years_a_text_names() {
        let years = |text: &str| -> Vec<u16> {
            super::years_named(text)
                .into_iter()
                .map(|(_, y)| y)
                .collect()
        };
        let table: &[(&str, &[u16])] = &[
            ("De thematafel was op 23 mei 2023.", &[2023]),
            ("in 2023 en 2024", &[2023, 2024]),
            ("2023-2024 en 2024–2025", &[2023, 2024, 2024, 2025]),
            ("het schooljaar 2023/24", &[2023, 2024]),
            ("2023-24", &[2023, 2024]),
            // A date, day first and year first: the month is no short year.
            ("op 23-05-2023", &[2023]),
            ("op 2023-05-23", &[2023]),
            // Parts of larger numbers, amounts and times are no years.
            ("€ 2.023 en 12023 en 2023,5", &[]),
            ("rapportnummer 20231", &[]),
            ("om 17:30 uur, 0-12 jaar, 31 aanwezigen", &[]),
            // A number of four digits is named; the caller decides it is no round's year.
            ("2000 inwoners", &[2000]),
        ];
        for (text, expected) in table {
            assert_eq!(years(text), *expected, "{text}");
        }
        assert_eq!(super::years_named("Op 1 juni 2023."), [(10, 2023)]);
    }

    #[test]
    fn dates_written_day_first() {
        let may = time::Date::from_calendar_date(2024, time::Month::May, 23).ok();
        for text in [
            "23-05-2024",
            "23/5/2024",
            "23.5.2024",
            "23 mei 2024",
            "23 Mei 2024",
            "donderdag 23 mei 2024",
            " 23 mei 2024. ",
        ] {
            assert_eq!(super::date_from_dutch(text), may, "{text}");
        }
        assert_eq!(
            super::date_from_dutch("5 mrt 2024"),
            time::Date::from_calendar_date(2024, time::Month::March, 5).ok()
        );
        assert_eq!(
            super::date_from_dutch("1 sept. 2023"),
            time::Date::from_calendar_date(2023, time::Month::September, 1).ok()
        );
        // Not certain, or not a date: nothing is suggested.
        for text in [
            "23 mei",
            "2024-05-23",
            "31-02-2024",
            "23-13-2024",
            "23 blub 2024",
            "23-05-24",
            "",
        ] {
            assert_eq!(super::date_from_dutch(text), None, "{text}");
        }
    }

    use super::*;

    #[test]
    fn fold_table() {
        for (input, want) in [
            ("Sociaal Café", "sociaal cafe"),
            ("ideeën", "ideeen"),
            ("cliëntenfederatie", "clientenfederatie"),
            ("taalbarrière", "taalbarriere"),
            ("Einzelgänger", "einzelganger"),
            ("Continuïteit", "continuiteit"),
            ("zelf\u{ad}redzaam", "zelfredzaam"),
            ("Collega’s", "collega’s"),
        ] {
            assert_eq!(fold(input), want, "fold({input:?})");
        }
    }

    /// The one-pass fold is the three-pass one (`fold_sigma`) for every text: letters whose
    /// lowercase is longer or has a mark, compatibility forms, marks in any order, sigmas.
    #[test]
    fn one_pass_fold_is_the_whole_texts_fold() {
        for text in [
            "İstanbul ĲSSEL ǅ ß ẞ ﬁ ① Ⅻ ｶ",
            "e\u{301}\u{323} o\u{323}\u{301} Å Ω K",
            "ΣΟΦΙΑ ΟΔΟΣ σ ς Ϲ 𝚺",
            "Ὀδυσσεύς ῼ ᾈ",
            "Café ÉÉN ideeën Ⅻ-Ǆ zelf\u{ad}redzaam x\u{301}y",
        ] {
            assert_eq!(fold(text), fold_sigma(text), "{text:?}");
            let (folded, offsets) = fold_with_offsets(text);
            let by_char: String = text.chars().map(|c| fold_sigma(&c.to_string())).collect();
            assert_eq!(folded, by_char, "{text:?}");
            assert_eq!(offsets.len(), folded.len() + 1);
        }
        assert_eq!(fold("ΟΔΟΣ ΟΔΟΣ"), "οδος οδος");
    }

    #[test]
    fn fold_with_offsets_maps_back() {
        let text = "Het Sociaal Café-bijeenkomst";
        let (folded, offsets) = fold_with_offsets(text);
        assert_eq!(folded, "het sociaal cafe-bijeenkomst");
        let start = folded.find("cafe").unwrap();
        let end = start + "cafe".len();
        assert_eq!(&text[offsets[start]..offsets[end]], "Café");
        assert_eq!(offsets.len(), folded.len() + 1);
    }

    #[test]
    fn slug_table() {
        for (input, want) in [
            ("Sociaal Café", "sociaal-cafe"),
            (
                "Integrale centra: Samenwerking stimuleren",
                "integrale-centra-samenwerking-stimuleren",
            ),
            ("Wat is eenzaamheid?", "wat-is-eenzaamheid"),
            ("De 16+ regel", "de-16-regel"),
            (
                "(Geconcentreerde) Voorzieningen",
                "geconcentreerde-voorzieningen",
            ),
            ("  --  ", ""),
            ("Almere met een Stem (JAMES)", "almere-met-een-stem-james"),
        ] {
            assert_eq!(slug(input), want, "slug({input:?})");
        }
        assert!(is_slug("jong-in-almere"));
        assert!(!is_slug("Jong in Almere"));
        assert!(!is_slug(""));
    }

    #[test]
    fn unique_ids_suffix_repeats_and_respect_reserved() {
        let mut ids = UniqueIds::reserving(["inhoud"]);
        assert_eq!(ids.claim("Inhoud", "kop"), "inhoud-2");
        assert_eq!(ids.claim("Oplossingen", "kop"), "oplossingen");
        assert_eq!(ids.claim("Oplossingen", "kop"), "oplossingen-2");
        assert_eq!(ids.claim("?!", "kop"), "kop");
    }

    #[test]
    fn dutch_dates() {
        let d = time::Date::from_calendar_date(2023, time::Month::May, 16).unwrap();
        assert_eq!(dutch_date(d), "dinsdag 16 mei 2023");
        let d = time::Date::from_calendar_date(2023, time::Month::June, 1).unwrap();
        assert_eq!(dutch_date(d), "donderdag 1 juni 2023");
        assert_eq!(dutch_short_date(d), "1 juni 2023");
        assert_eq!(dutch_time("09:30"), "9.30");
        assert_eq!(dutch_time("15:00"), "15.00");
        assert_eq!(dutch_time("00:15"), "0.15");
    }
}
