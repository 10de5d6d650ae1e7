//! Splitting a content file into its TOML front matter (between `+++` lines) and its body.

use std::path::Path;

use crate::error::{ContentError, ContentErrors};
use crate::toml_doc::{Checked, Doc, Field};

/// A content file cut in two, with the line numbers needed to place errors in the whole file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    pub front_matter: &'a str,
    /// Line of the first front-matter line (the one after the opening `+++`).
    pub front_matter_line: usize,
    pub body: &'a str,
    /// Line of the first body line.
    pub body_line: usize,
}

/// Cuts `text` at its `+++` fences. `file` is only used in the error.
pub fn split<'a>(file: &Path, text: &'a str) -> Result<Split<'a>, ContentError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let missing = || {
        ContentError::new(file, 1, "het bestand begint niet met gegevens tussen +++ regels").hint(
            "zet bovenaan een regel +++, daaronder de gegevens (zoals title = \"…\") en sluit af met een regel +++",
        )
    };
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().ok_or_else(missing)?;
    if first.trim_end() != "+++" {
        return Err(missing());
    }
    let start = first.len();
    let mut offset = start;
    for (i, line) in lines.enumerate() {
        if line.trim_end() == "+++" {
            return Ok(Split {
                front_matter: &text[start..offset],
                front_matter_line: 2,
                body: &text[offset + line.len()..],
                body_line: i + 3,
            });
        }
        offset += line.len();
    }
    Err(ContentError::new(
        file,
        1,
        "de gegevens bovenaan worden niet afgesloten met een regel +++",
    )
    .hint("zet na de laatste gegevensregel een regel met alleen +++"))
}

/// A parse of a report, topic or edition for callers that stop at any problem: the value, or
/// every error in order.
pub fn strict<T>(parsed: (Option<T>, ContentErrors)) -> Result<T, ContentErrors> {
    match parsed {
        (Some(value), errors) if errors.is_empty() => Ok(value),
        (_, errors) => Err(errors.sorted()),
    }
}

/// Cuts `text` at its fences and reads its front matter into `T`, checking every key against
/// `fields` (what reports, topics and editions all begin with). The value comes back with its
/// errors as long as the fences are there (see [`Doc::parse_all`]), so the caller can check the
/// keys that were right: every problem in one run.
pub fn parse_all<'a, T: serde::de::DeserializeOwned>(
    file: &Path,
    text: &'a str,
    fields: &[Field],
) -> Result<(Checked<T>, Split<'a>), ContentErrors> {
    let split = split(file, text)?;
    let doc = Doc {
        file,
        text: split.front_matter,
        first_line: split.front_matter_line,
        start_line: 1,
    };
    Ok((doc.parse_all(fields)?, split))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_counts_lines() {
        let s = split(Path::new("a.md"), "+++\ntitle = \"x\"\n+++\nBody\n").unwrap();
        assert_eq!(s.front_matter, "title = \"x\"\n");
        assert_eq!(s.front_matter_line, 2);
        assert_eq!(s.body, "Body\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn accepts_bom_and_crlf() {
        let s = split(Path::new("a.md"), "\u{feff}+++\r\na = 1\r\n+++\r\nB").unwrap();
        assert_eq!(s.front_matter, "a = 1\r\n");
        assert_eq!(s.body, "B");
    }

    #[test]
    fn missing_fences_are_errors() {
        for text in ["", "title = 1\n", "+++\ntitle = 1\n", "---\na: 1\n---\n"] {
            let e = split(Path::new("a.md"), text).unwrap_err();
            assert_eq!(e.line, 1, "{text:?}");
        }
    }
}
