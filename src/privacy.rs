//! The privacy guard, part of every build: no personal e-mail address, Dutch phone number or
//! citizen service number (BSN) may reach the site, unless the exact value is allowed in the
//! config (`privacy_allowlist`, for functional mailboxes).

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use regex::Regex;

use crate::error::ContentError;

/// The content files the guard reads: everything under `content/` that is text.
pub fn content_files(root: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(root.join("content"))
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_type().is_file()
                && e.path()
                    .extension()
                    .is_some_and(|x| x == "md" || x == "toml")
        })
        .map(|e| e.into_path())
        .collect()
}

/// Scans every content file below `root`; paths in the errors are relative to `root`.
pub fn check(root: &Path, allow: &[String]) -> Vec<ContentError> {
    let guard = Guard::new();
    content_files(root)
        .into_par_iter()
        .filter_map(|file| {
            let text = std::fs::read_to_string(&file).ok()?;
            Some(guard.scan(file.strip_prefix(root).unwrap_or(&file), &text, allow))
        })
        .flatten()
        .collect()
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

/// The patterns, compiled once per build.
pub struct Guard {
    email: Regex,
    phone: Regex,
    number: Regex,
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
            // 06-12345678, 020 123 4567, 0320-123456, +31 6 1234 5678, 0031 20 123 4567.
            phone: Regex::new(r"(?:\+31|0031|\b0)(?:[\s.-]?\(?0?\)?)?(?:[\s.-]?\d){9}\b")
                .expect("constant pattern"),
            number: Regex::new(r"\b\d{9}\b|\b\d{3}[.\s]\d{2}[.\s]\d{3}\b")
                .expect("constant pattern"),
        }
    }

    /// Every finding in `text` (the file `file`), with line and column.
    pub fn scan(&self, file: &Path, text: &str, allow: &[String]) -> Vec<ContentError> {
        let (email, phone, number) = (&self.email, &self.phone, &self.number);
        let mut found = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let mut report = |m: regex::Match, what: &str, hint: &str, rule: &'static str| {
                if allow.iter().any(|a| a == m.as_str()) {
                    return;
                }
                let column = line[..m.start()].chars().count() + 1;
                found.push(
                    ContentError::new(file, i + 1, format!("{what}: {}", m.as_str()))
                        .column(column)
                        .length(m.as_str().chars().count())
                        .rule(rule)
                        .hint(hint),
                );
            };
            for m in email.find_iter(line) {
                report(
                    m,
                    "persoonlijk e-mailadres",
                    "haal het adres weg en zet er [e-mailadres weggelaten door de redactie] voor in de plaats; is het een algemeen adres, zet het dan in privacy_allowlist in vindplaats.toml",
                    "privacy",
                );
            }
            for m in phone.find_iter(line) {
                report(
                    m,
                    "telefoonnummer",
                    "haal het nummer weg en zet er [telefoonnummer weggelaten door de redactie] voor in de plaats; is het een algemeen nummer, zet het dan in privacy_allowlist in vindplaats.toml",
                    "privacy",
                );
            }
            for m in number.find_iter(line) {
                if is_bsn(m.as_str()) {
                    report(
                        m,
                        "mogelijk burgerservicenummer (BSN)",
                        "een BSN mag nooit op de site staan: haal het nummer weg",
                        "privacy",
                    );
                }
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finds(text: &str) -> Vec<String> {
        Guard::new()
            .scan(Path::new("a.md"), text, &["info@almere.nl".to_owned()])
            .into_iter()
            .map(|e| format!("{}:{} {}", e.line, e.column, e.message))
            .collect()
    }

    #[test]
    fn finds_contact_data() {
        assert_eq!(
            finds("melden via mjg@almere.nl."),
            ["1:12 persoonlijk e-mailadres: mjg@almere.nl"]
        );
        assert_eq!(
            finds("Bel 06-12345678 of"),
            ["1:5 telefoonnummer: 06-12345678"]
        );
        assert_eq!(
            finds("tel. 020 123 4567"),
            ["1:6 telefoonnummer: 020 123 4567"]
        );
        assert_eq!(
            finds("+31 6 1234 5678"),
            ["1:1 telefoonnummer: +31 6 1234 5678"]
        );
        assert_eq!(
            finds("BSN 111222333"),
            ["1:5 mogelijk burgerservicenummer (BSN): 111222333"]
        );
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
}
