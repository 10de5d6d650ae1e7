//! The privacy guard, part of every build: no personal e-mail address, Dutch phone number,
//! citizen service number (BSN) or bank account number (IBAN) may reach the site, unless the
//! exact value is allowed in the config (`privacy_allowlist`, for functional mailboxes and the
//! accounts of foundations). A home address — a Dutch postcode followed by a house number — is
//! a warning: it is personal data under the AVG just the same, but the address of a community
//! centre is not, so it stops `check --strict` and is printed by `build`, which goes on.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use regex::Regex;

use crate::diagnostics::Severity;
use crate::error::ContentError;

/// The content files the guard reads: everything under `content/` that is text; and whether
/// every folder could be read (a folder that could not is the library's error, and a listing
/// without it is not kept).
pub fn content_files(root: &Path) -> (Vec<PathBuf>, bool) {
    let mut complete = true;
    let files = walkdir::WalkDir::new(root.join("content"))
        .sort_by_file_name()
        .into_iter()
        .filter_map(|e| e.map_err(|_| complete = false).ok())
        .filter(|e| {
            e.file_type().is_file()
                && e.path()
                    .extension()
                    .is_some_and(|x| x == "md" || x == "toml")
        })
        .map(|e| e.into_path())
        .collect();
    (files, complete)
}

/// What the guard found, by severity: errors stop the build, warnings only `check --strict`.
#[derive(Debug, Default)]
pub struct Findings {
    pub errors: Vec<ContentError>,
    pub warnings: Vec<ContentError>,
}

/// What one file's scan found, kept by `serve` from one build to the next. Shared: a file
/// with findings is scanned again only when it changes, and its findings are not copied.
pub type ScanMemo = crate::memo::Memo<Arc<[(Severity, ContentError)]>>;

/// Scans every content file below `root`; paths in the findings are relative to `root`. A
/// file whose path and text (and the allowlist) are as in the last build (`serve`) is not
/// scanned again but taken from `memo`. The patterns are compiled when a file is first
/// scanned, once per `guard`: a build's own, or the one `serve` keeps (its patterns are
/// constants; compiling them took 10–25 ms of each rebuild, which scans one file).
pub fn check(
    root: &Path,
    allow: &[String],
    memo: &mut ScanMemo,
    guard: &std::sync::OnceLock<Guard>,
) -> Findings {
    let lap = std::time::Instant::now();
    let files = memo.walk(&root.join("content"), || content_files(root));
    let lap = crate::steps::lap("privacy: walk", lap);
    let all = crate::memo::map_files(
        memo,
        files,
        |file| std::fs::read_to_string(file).ok(),
        |file, text| Some(crate::memo::fingerprint((file, text.as_ref()?, allow))),
        |file, text| match text {
            Some(text) => guard
                .get_or_init(Guard::new)
                .scan(file.strip_prefix(root).unwrap_or(file), text, allow)
                .into(),
            None => Arc::default(),
        },
    );
    let lap = crate::steps::lap("privacy: files", lap);
    let mut findings = Findings::default();
    for (severity, error) in all.iter().flat_map(|found| found.iter()) {
        match severity {
            Severity::Error => findings.errors.push(error.clone()),
            Severity::Warning => findings.warnings.push(error.clone()),
        }
    }
    crate::steps::lap("privacy: findings", lap);
    findings
}

/// Nine digits that pass the eleven-test of the Dutch citizen service number.
pub fn is_bsn(digits: &str) -> bool {
    let d: Vec<u32> = digits.chars().filter_map(|c| c.to_digit(10)).collect();
    if d.len() != 9 || d.iter().all(|x| *x == 0) {
        return false;
    }
    let sum: i64 = d[..8]
        .iter()
        .zip((2..=9).rev())
        .map(|(x, w)| i64::from(*x) * w)
        .sum::<i64>()
        - i64::from(d[8]);
    sum % 11 == 0
}

/// The length of an IBAN in each country of the SEPA area: a candidate is cut to its country's
/// length, so the words after an IBAN written in groups never spoil its check.
const IBAN_LENGTHS: &[(&str, usize)] = &[
    ("AD", 24),
    ("AL", 28),
    ("AT", 20),
    ("BE", 16),
    ("BG", 22),
    ("CH", 21),
    ("CY", 28),
    ("CZ", 24),
    ("DE", 22),
    ("DK", 18),
    ("EE", 20),
    ("ES", 24),
    ("FI", 18),
    ("FR", 27),
    ("GB", 22),
    ("GI", 23),
    ("GR", 27),
    ("HR", 21),
    ("HU", 28),
    ("IE", 22),
    ("IS", 26),
    ("IT", 27),
    ("LI", 21),
    ("LT", 20),
    ("LU", 20),
    ("LV", 21),
    ("MC", 27),
    ("MD", 24),
    ("ME", 22),
    ("MK", 19),
    ("MT", 31),
    ("NL", 18),
    ("NO", 15),
    ("PL", 28),
    ("PT", 25),
    ("RO", 24),
    ("SE", 24),
    ("SI", 19),
    ("SK", 24),
    ("SM", 27),
    ("VA", 22),
];

/// An IBAN written without spaces and in capitals (`NL91ABNA0417164300`) whose check digits
/// are right: the number read with its first four characters moved to the end, letters as
/// 10–35, leaves 1 when divided by 97.
pub fn is_iban(compact: &str) -> bool {
    let bytes = compact.as_bytes();
    let Some(&(_, length)) = IBAN_LENGTHS
        .iter()
        .find(|(country, _)| bytes.len() >= 2 && country.as_bytes() == &bytes[..2])
    else {
        return false;
    };
    if bytes.len() != length
        || !bytes[2..4].iter().all(u8::is_ascii_digit)
        || !bytes.iter().all(u8::is_ascii_alphanumeric)
    {
        return false;
    }
    let mut rest = 0u32;
    for &b in bytes[4..].iter().chain(&bytes[..4]) {
        let value = match b {
            b'0'..=b'9' => u32::from(b - b'0'),
            _ => u32::from(b.to_ascii_uppercase() - b'A') + 10,
        };
        rest = (rest * if value < 10 { 10 } else { 100 } + value) % 97;
    }
    rest == 1
}

/// The IBAN-shaped text at the start of `candidate` (letters, digits and single spaces): a
/// known country and as many letters and digits as an IBAN there has. Returns its length in
/// bytes as written and whether its check digits are right.
fn iban_prefix(candidate: &str) -> Option<(usize, bool)> {
    let country = candidate.get(..2)?.to_ascii_uppercase();
    let &(_, length) = IBAN_LENGTHS.iter().find(|(c, _)| *c == country)?;
    let mut compact = String::with_capacity(length);
    let mut end = None;
    for (i, c) in candidate.char_indices() {
        if c.is_ascii_alphanumeric() {
            if compact.len() == length {
                // One more character in the same word: not an IBAN of this length.
                return None;
            }
            compact.push(c.to_ascii_uppercase());
            if compact.len() == length {
                end = Some(i + 1);
            }
        } else if c != ' ' && c != '\u{a0}' || compact.len() == length {
            break;
        }
    }
    Some((end?, is_iban(&compact)))
}

/// An IBAN as people write it, in capitals without spaces, to compare with the allowlist.
fn compact_iban(written: &str) -> String {
    written
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

const EMAIL_HINT: &str = "haal het adres weg en zet er [e-mailadres weggelaten door de redactie] voor in de plaats; is het een algemeen adres, zet het dan in privacy_allowlist in vindplaats.toml";
const PHONE_HINT: &str = "haal het nummer weg en zet er [telefoonnummer weggelaten door de redactie] voor in de plaats; is het een algemeen nummer, zet het dan in privacy_allowlist in vindplaats.toml";
const IBAN_HINT: &str = "haal het rekeningnummer weg en zet er [rekeningnummer weggelaten door de redactie] voor in de plaats; is het de rekening van een stichting of initiatief die openbaar mag zijn, zet het dan in privacy_allowlist in vindplaats.toml";
const ADDRESS_HINT: &str = "haal het adres weg en zet er [adres weggelaten door de redactie] voor in de plaats; is het het adres van een openbare plek (een buurthuis, een bibliotheek), zet het dan in privacy_allowlist in vindplaats.toml";

/// Which patterns a line could match at all, by what each one cannot match without: an `@`,
/// nine or eight digits, two letters and two digits in a row, four digits in a row. Most lines
/// of a report have none of these, and the patterns' Unicode word boundaries make the regex
/// engine slow (at 10,000 reports the patterns took about 13 % of a build's CPU). Each test is
/// only a condition the pattern needs, so the findings are the same.
struct Could {
    email: bool,
    phone: bool,
    number: bool,
    iban: bool,
    address: bool,
}

impl Could {
    fn hold(line: &str) -> Could {
        // One pass over the bytes: ASCII digits, the longest run of them, whether a run of two
        // follows two letters, an `@`.
        let (mut digits, mut run, mut longest, mut letters, mut before, mut iban, mut at) =
            (0, 0, 0, 0, 0, false, false);
        for &b in line.as_bytes() {
            if b.is_ascii_digit() {
                if run == 0 {
                    before = letters;
                }
                digits += 1;
                run += 1;
                longest = longest.max(run);
                iban |= run == 2 && before >= 2;
                letters = 0;
            } else {
                run = 0;
                letters = if b.is_ascii_alphabetic() {
                    letters + 1
                } else {
                    0
                };
                at |= b == b'@';
            }
        }
        // `\d` is any Unicode decimal digit; `is_numeric` counts at least those.
        if !line.is_ascii() {
            digits = line.chars().filter(|c| c.is_numeric()).count();
        }
        Could {
            email: at,
            phone: digits >= 9,
            number: digits >= 8,
            iban,
            address: longest >= 4,
        }
    }

    fn anything(&self) -> bool {
        self.email || self.phone || self.number || self.iban || self.address
    }
}

/// A Dutch phone number: ten digits from the leading 0 (nine after +31 or 0031), an area code
/// of one to three digits after the 0 (06, 036, 0320), then the number. The area code may be
/// in parentheses (`(036) 123 4567`) or set apart by a spaced dash, a slash or a dot
/// (`036 - 123 45 67`, `036 – 123 45 67` as Word writes it, `036/1234567`); the digits after
/// it by single spaces, dashes or dots (`06-12 34 56 78`). With the country code the 0 may
/// stay in parentheses (`+31 (0)36 123 4567`). Only the area code may be set apart by a spaced
/// dash, so a list of times (`09.00 - 10.30 - 12.00`) or a span of dates is no number.
const PHONE: &str = r"(?x)
    (?:
        # The area code in parentheses: (06) 12345678, (036) 123 4567, (0320) 12 34 56.
        \(0 (?: \d \) (?:\s?[-–—/.]\s?|\s)? \d (?:[\s.-]?\d){7}
             | \d{2} \) (?:\s?[-–—/.]\s?|\s)? \d (?:[\s.-]?\d){6}
             | \d{3} \) (?:\s?[-–—/.]\s?|\s)? \d (?:[\s.-]?\d){5} )
    |
        # +31 6 1234 5678, 0031 20 123 4567, +31 (0)36 …; or 06-12345678, 036 - 123 45 67.
        (?: (?:\+31|\b0031) [\s.-]? (?:\(0\)[\s.-]?)? | \b0 )
        (?: \d (?:\s?[-–—/.]\s?|\s)? \d (?:[\s.-]?\d){7}
          | \d{2} (?:\s?[-–—/.]\s?|\s)? \d (?:[\s.-]?\d){6}
          | \d{3} (?:\s?[-–—/.]\s?|\s)? \d (?:[\s.-]?\d){5} )
    )
    \b";

/// The patterns, compiled once per build, or once per `serve`.
pub struct Guard {
    email: Regex,
    phone: Regex,
    /// A date written day first at the start of a phone-shaped text (`01-06-2023 10:00`):
    /// a date and a time, not a number.
    date: Regex,
    number: Regex,
    iban: Regex,
    address: Regex,
}

impl Default for Guard {
    fn default() -> Self {
        Guard::new()
    }
}

impl Guard {
    pub fn new() -> Guard {
        Guard {
            email: Regex::new(r"[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+")
                .expect("constant pattern"),
            phone: Regex::new(PHONE).expect("constant pattern"),
            date: Regex::new(r"^(?:0[1-9]|[12]\d|3[01])[-/.](?:0[1-9]|1[0-2])[-/.](?:19|20)\d\d")
                .expect("constant pattern"),
            number: Regex::new(r"\b\d{9}\b|\b\d{3}[.\s]\d{2}[.\s]\d{3}\b")
                .expect("constant pattern"),
            // A country code and two check digits, then letters and digits with at most one
            // space between them; [`iban_prefix`] cuts it to the country's length and checks it.
            iban: Regex::new(r"\b[A-Za-z]{2}[0-9]{2}(?:[ \u{a0}]?[A-Za-z0-9]){11,31}")
                .expect("constant pattern"),
            // 1312 AB 12, 1312AB 12a, 1312 AB, nr. 12, 1312 AB huisnummer 7-9. Capitals only:
            // "in 2023 en 12 wijken" is not an address.
            address: Regex::new(
                r"\b[1-9][0-9]{3} ?[A-Z]{2},? +(?:(?:nr|nummer|huisnummer)\.? *)?[0-9]{1,5}(?:(?: ?[a-zA-Z]|-[0-9]{1,5}))?\b",
            )
            .expect("constant pattern"),
        }
    }

    // Longer than most: one walk over the lines that looks for every kind of contact data in the
    // order that keeps them apart (IBANs before the phone numbers in their digits).
    /// Every finding in `text` (the file `file`), with its severity, line and column.
    pub fn scan(&self, file: &Path, text: &str, allow: &[String]) -> Vec<(Severity, ContentError)> {
        let mut found = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let could = Could::hold(line);
            if !could.anything() {
                continue;
            }
            let mut report =
                |start: usize, written: &str, severity: Severity, what: &str, hint: &str| {
                    found.push((
                        severity,
                        ContentError::new(file, i + 1, format!("{what}: {written}"))
                            .column(line[..start].chars().count() + 1)
                            .length(written.chars().count())
                            .rule(crate::error::Rule::Privacy)
                            .hint(hint),
                    ));
                };
            let allowed = |written: &str| allow.iter().any(|a| a == written);
            // IBANs first: their digits look like phone numbers, which are not reported twice.
            let ibans = if could.iban {
                self.ibans(line)
            } else {
                Vec::new()
            };
            let inside_iban = |m: &regex::Match| {
                ibans
                    .iter()
                    .any(|&(start, end, _)| m.start() < end && start < m.end())
            };
            for &(start, end, _) in ibans.iter().filter(|iban| iban.2) {
                let written = &line[start..end];
                let compact = compact_iban(written);
                if !allow.iter().any(|a| compact_iban(a) == compact) {
                    report(
                        start,
                        written,
                        Severity::Error,
                        "rekeningnummer (IBAN)",
                        IBAN_HINT,
                    );
                }
            }
            for m in could
                .email
                .then(|| self.email.find_iter(line))
                .into_iter()
                .flatten()
            {
                if !allowed(m.as_str()) {
                    report(
                        m.start(),
                        m.as_str(),
                        Severity::Error,
                        "persoonlijk e-mailadres",
                        EMAIL_HINT,
                    );
                }
            }
            for m in could.phone.then(|| self.phones(line)).into_iter().flatten() {
                if !allowed(m.as_str()) && !inside_iban(&m) {
                    report(
                        m.start(),
                        m.as_str(),
                        Severity::Error,
                        "telefoonnummer",
                        PHONE_HINT,
                    );
                }
            }
            for m in could
                .number
                .then(|| self.number.find_iter(line))
                .into_iter()
                .flatten()
            {
                if is_bsn(m.as_str()) && !allowed(m.as_str()) && !inside_iban(&m) {
                    report(
                        m.start(),
                        m.as_str(),
                        Severity::Error,
                        "mogelijk burgerservicenummer (BSN)",
                        "een BSN mag nooit op de site staan: haal het nummer weg",
                    );
                }
            }
            for m in could
                .address
                .then(|| self.address.find_iter(line))
                .into_iter()
                .flatten()
            {
                if !allowed(m.as_str()) {
                    report(
                        m.start(),
                        m.as_str(),
                        Severity::Warning,
                        "mogelijk woonadres (postcode met huisnummer)",
                        ADDRESS_HINT,
                    );
                }
            }
        }
        found
    }

    /// The phone numbers in `line`. A match that starts with a date is a date and a time;
    /// the search goes on after the date, where a number may still follow.
    fn phones<'a>(&self, line: &'a str) -> Vec<regex::Match<'a>> {
        let mut found = Vec::new();
        let mut at = 0;
        while let Some(m) = self.phone.find_at(line, at) {
            match self.date.find(m.as_str()) {
                Some(date) => at = m.start() + date.end(),
                None => {
                    found.push(m);
                    at = m.end();
                }
            }
        }
        found
    }

    /// The byte ranges of the IBAN-shaped texts in `line`, and whether each is an IBAN (its
    /// check digits are right). One with a wrong check digit is a typo or a made-up example,
    /// not an account: it stays silent, and so do the digits in it that look like a phone
    /// number.
    fn ibans(&self, line: &str) -> Vec<(usize, usize, bool)> {
        let mut found = Vec::new();
        let mut at = 0;
        while let Some(m) = self.iban.find_at(line, at) {
            let ends_word = |length: usize| {
                line[m.start() + length..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric())
            };
            match iban_prefix(m.as_str()).filter(|&(length, _)| ends_word(length)) {
                Some((length, valid)) => {
                    found.push((m.start(), m.start() + length, valid));
                    at = m.start() + length;
                }
                // Not an IBAN here; one may start after the country code.
                None => at = m.start() + 2,
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_skipped_by_the_quick_tests_matches_no_pattern() {
        let g = Guard::new();
        let lines = [
            "Bel 06-12345678 of 020 123 4567, +31 6 1234 5678, 0031 20 123 4567.",
            "Mail jan@voorbeeld.nl of info@almere.nl",
            "Rekening NL02ABNA0123456789 of nl02 abna 0123 4567 89",
            "BSN 111222333 of 111.22.333",
            "Woont op 1312 AB 12a, 1312AB nr. 7",
            // Digits of other scripts are digits to `\d`.
            "Nummer ١١١٢٢٢٣٣٣ of ०६१२३४५६७८",
            "In 2023 en 2024 kwamen 12 wijken bijeen.",
            "Geen cijfers hier, alleen woorden.",
        ];
        for line in lines {
            let could = Could::hold(line);
            assert_eq!(g.email.is_match(line), could.email, "{line}");
            assert!(!g.phone.is_match(line) || could.phone, "{line}");
            assert!(!g.number.is_match(line) || could.number, "{line}");
            assert!(!g.iban.is_match(line) || could.iban, "{line}");
            assert!(!g.address.is_match(line) || could.address, "{line}");
        }
        assert!(!Could::hold("Geen cijfers hier, alleen woorden.").anything());
        assert!(g.number.is_match("Nummer ١١١٢٢٢٣٣٣"));
    }

    fn finds(text: &str) -> Vec<String> {
        Guard::new()
            .scan(
                Path::new("a.md"),
                text,
                &[
                    "info@almere.nl".to_owned(),
                    "NL02 ABNA 0123 4567 89".to_owned(),
                    "1315 RL 1".to_owned(),
                ],
            )
            .into_iter()
            .map(|(severity, e)| {
                let level = match severity {
                    Severity::Error => "fout",
                    Severity::Warning => "waarschuwing",
                };
                format!("{}:{} {level} {}", e.line, e.column, e.message)
            })
            .collect()
    }

    #[test]
    fn finds_contact_data() {
        assert_eq!(
            finds("melden via mjg@almere.nl."),
            ["1:12 fout persoonlijk e-mailadres: mjg@almere.nl"]
        );
        assert_eq!(
            finds("BSN 111222333"),
            ["1:5 fout mogelijk burgerservicenummer (BSN): 111222333"]
        );
    }

    /// True and false positives of the IBAN and address rules, one row each: the text and
    /// what the guard must say about it (nothing, for the rows that must stay silent).
    #[test]
    fn ibans_and_home_addresses_true_and_false_positives() {
        let table: &[(&str, &[&str])] = &[
            // IBANs: Dutch and other SEPA countries, with or without spaces, any case.
            (
                "Gift op NL91 ABNA 0417 1643 00 t.n.v. de buurtkas.",
                &["1:9 fout rekeningnummer (IBAN): NL91 ABNA 0417 1643 00"],
            ),
            (
                "rekening NL91ABNA0417164300.",
                &["1:10 fout rekeningnummer (IBAN): NL91ABNA0417164300"],
            ),
            (
                "nl91abna0417164300",
                &["1:1 fout rekeningnummer (IBAN): nl91abna0417164300"],
            ),
            (
                "DE89 3704 0044 0532 0130 00 en BE68 5390 0754 7034",
                &[
                    "1:1 fout rekeningnummer (IBAN): DE89 3704 0044 0532 0130 00",
                    "1:32 fout rekeningnummer (IBAN): BE68 5390 0754 7034",
                ],
            ),
            (
                "FR14 2004 1010 0505 0001 3M02 606",
                &["1:1 fout rekeningnummer (IBAN): FR14 2004 1010 0505 0001 3M02 606"],
            ),
            (
                "BE68539007547034 2024",
                &["1:1 fout rekeningnummer (IBAN): BE68539007547034"],
            ),
            // A wrong check digit, one character too many or too few, an unknown country:
            // not an IBAN, and the digits inside are no phone number either.
            ("NL92 ABNA 0417 1643 00", &[]),
            ("NL91ABNA04171643001", &[]),
            ("NL91ABNA041716430", &[]),
            ("XX91ABNA0417164300", &[]),
            // Allowed, in the allowlist's spelling or another.
            ("NL02 ABNA 0123 4567 89", &[]),
            ("NL02ABNA0123456789", &[]),
            // Home addresses: a postcode followed by a house number is a warning.
            (
                "Zij woont op 1312 AB 12.",
                &["1:14 waarschuwing mogelijk woonadres (postcode met huisnummer): 1312 AB 12"],
            ),
            (
                "1312AB, nr. 12",
                &["1:1 waarschuwing mogelijk woonadres (postcode met huisnummer): 1312AB, nr. 12"],
            ),
            (
                "1312 AB 12a",
                &["1:1 waarschuwing mogelijk woonadres (postcode met huisnummer): 1312 AB 12a"],
            ),
            (
                "1312 AB huisnummer 7",
                &[
                    "1:1 waarschuwing mogelijk woonadres (postcode met huisnummer): 1312 AB huisnummer 7",
                ],
            ),
            // Silent: years, ranges, report numbers, a postcode alone, lower-case words.
            ("in 2023-2024 en 2024–2025", &[]),
            ("rapportnummer 2023-0412, RIS-nummer 1234567", &[]),
            ("zaaknummer Z/23/123456", &[]),
            ("de wijk rond 1312 AB heeft een buurthuis", &[]),
            ("1312 AB Almere", &[]),
            ("in 2023 en 12 wijken", &[]),
            ("tussen 1300 en 1400 deelnemers", &[]),
            ("1315 RL 1", &[]),
            ("Platform31 en ISO 9001", &[]),
            // Phone numbers stay as they were.
            ("bel 036-5399999", &["1:5 fout telefoonnummer: 036-5399999"]),
        ];
        for (text, expected) in table {
            assert_eq!(finds(text), *expected, "{text}");
        }
    }

    /// True and false positives of the phone rule, one row each: the text and what the guard
    /// must say about it (nothing, for times, year ranges, amounts and dates).
    #[test]
    fn phone_numbers_true_and_false_positives() {
        let phone =
            |column: usize, number: &str| format!("1:{column} fout telefoonnummer: {number}");
        let found: &[(&str, usize, &str)] = &[
            ("Bel 06-12345678 of", 5, "06-12345678"),
            ("tel. 020 123 4567", 6, "020 123 4567"),
            ("0320-123456", 1, "0320-123456"),
            ("0612345678", 1, "0612345678"),
            ("06 12 34 56 78", 1, "06 12 34 56 78"),
            ("036.123.45.67", 1, "036.123.45.67"),
            ("+31 6 1234 5678", 1, "+31 6 1234 5678"),
            ("0031 20 123 4567", 1, "0031 20 123 4567"),
            // The area code in parentheses (issue 23).
            ("bel (036) 123 4567.", 5, "(036) 123 4567"),
            ("(0320) 12 34 56", 1, "(0320) 12 34 56"),
            ("(06) 12345678", 1, "(06) 12345678"),
            ("(036)-5399999", 1, "(036)-5399999"),
            // The area code set apart by a spaced dash (issue 23), an en dash as Word writes
            // it, a slash.
            ("bel 036 - 123 45 67", 5, "036 - 123 45 67"),
            ("036 – 123 45 67", 1, "036 – 123 45 67"),
            ("0320 - 123456", 1, "0320 - 123456"),
            ("06 - 12 34 56 78", 1, "06 - 12 34 56 78"),
            ("036/1234567", 1, "036/1234567"),
            // The country code with the 0 in parentheses.
            ("+31 (0)36 123 4567", 1, "+31 (0)36 123 4567"),
            ("+31(0)6-12345678", 1, "+31(0)6-12345678"),
            ("0031 (0)20 123 4567", 1, "0031 (0)20 123 4567"),
            // A number after a date is still found.
            ("op 01-06-2023 0612345678", 15, "0612345678"),
        ];
        for (text, column, number) in found {
            assert_eq!(finds(text), [phone(*column, number)], "{text}");
        }
        for text in [
            // Times and lists of times.
            "op 27 juni van 17:30-21:00 uur",
            "09.00 - 10.30 - 12.00 uur",
            "07.30 - 09.30 - 10.30 - 12.00",
            // Years and spans of years.
            "2023 - 2024",
            "in 2023 – 2024 – 2025",
            "2019-2020-2021-2022",
            // Amounts and numbers.
            "€ 0,50 per persoon en € 1.250.000 in totaal",
            "schaal van max. 10.000 inwoners",
            "speelplek voor 0-12 jaar",
            "0 - 4 jaar en 4 - 12 jaar",
            "(0-12 jaar)",
            // Dates, with a time or a span.
            "op 01-06-2023 10:00 uur",
            "op 01-06-2023 10.00 uur",
            "van 01-05-2023 - 05-06-2023",
            "01/06/2023 - 05/06/2023",
        ] {
            assert!(finds(text).is_empty(), "{text}: {:?}", finds(text));
        }
    }

    #[test]
    fn leaves_ordinary_numbers_and_allowed_values() {
        for text in [
            "info@almere.nl",
            "in 2023 steeg het van 7% naar 12%",
            "schaal van max. 10.000 inwoners",
            "speelplek voor 0-12 jaar",
            "op 27 juni van 17:30-21:00 uur",
            "123456789 is geen BSN",
            "Platform31",
        ] {
            assert!(finds(text).is_empty(), "{text}: {:?}", finds(text));
        }
    }

    #[test]
    fn eleven_test() {
        assert!(is_bsn("111222333"));
        assert!(is_bsn("123456782"));
        assert!(!is_bsn("123456789"));
        assert!(!is_bsn("000000000"));
    }

    #[test]
    fn mod_97() {
        for valid in [
            "NL91ABNA0417164300",
            "DE89370400440532013000",
            "BE68539007547034",
            "GB29NWBK60161331926819",
            "NO9386011117947",
        ] {
            assert!(is_iban(valid), "{valid}");
        }
        for invalid in ["NL91ABNA0417164301", "NL19ABNA0417164300", "NL91"] {
            assert!(!is_iban(invalid), "{invalid}");
        }
    }
}
