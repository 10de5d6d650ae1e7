//! The content error type: what went wrong, where (file, line, column) and how to fix it.
//!
//! The people who read these messages edit Markdown for a living, not Rust: every message is
//! plain Dutch, names the file and line, and carries a hint where one helps. A build collects
//! every problem it finds and reports them together, so one run shows all that needs fixing.

use std::fmt;
use std::path::{Path, PathBuf};

/// One problem in the content or the configuration, with its place in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentError {
    pub file: PathBuf,
    /// 1-based line; 0 when the problem concerns the file as a whole.
    pub line: usize,
    /// 1-based column; 0 when unknown.
    pub column: usize,
    pub message: String,
    /// Boxed, like `technical`: the error travels in every `Result` of the content stages.
    pub hint: Option<Box<str>>,
    /// Which check found it, for `check --format json` ("inhoud" unless said otherwise).
    pub rule: &'static str,
    /// How many characters from `column` the problem spans; 0: to the end of the line.
    pub length: usize,
    /// The parser's own words (English), shown only with `--uitleg` and in JSON: the team
    /// needs the Dutch message, a developer helping them may need this.
    /// (A boxed text: every error carries the field, and most leave it empty.)
    pub technical: Option<Box<str>>,
}

impl ContentError {
    pub fn new(file: impl Into<PathBuf>, line: usize, message: impl Into<String>) -> Self {
        ContentError {
            file: file.into(),
            line,
            column: 0,
            message: message.into(),
            hint: None,
            rule: "inhoud",
            length: 0,
            technical: None,
        }
    }

    pub fn technical(mut self, technical: impl Into<String>) -> Self {
        self.technical = Some(technical.into().into_boxed_str());
        self
    }

    /// Marks `length` characters from the column as the problem.
    pub fn length(mut self, length: usize) -> Self {
        self.length = length;
        self
    }

    pub fn rule(mut self, rule: &'static str) -> Self {
        self.rule = rule;
        self
    }

    pub fn column(mut self, column: usize) -> Self {
        self.column = column;
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into().into_boxed_str());
        self
    }

    /// The file's path as shown to people: relative to the site root when possible.
    pub fn relative_to(mut self, root: &Path) -> Self {
        if let Ok(rel) = self.file.strip_prefix(root) {
            self.file = rel.to_path_buf();
        }
        self
    }
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
            if self.column > 0 {
                write!(f, ":{}", self.column)?;
            }
        }
        write!(f, ": fout: {}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  tip: {hint}")?;
        }
        Ok(())
    }
}

/// Every content problem of one run, in a stable order (file, then line).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ContentErrors(pub Vec<ContentError>);

impl ContentErrors {
    pub fn push(&mut self, error: ContentError) {
        self.0.push(error);
    }

    pub fn extend(&mut self, other: ContentErrors) {
        self.0.extend(other.0);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `Ok(value)` when nothing went wrong, else every error sorted by place.
    pub fn into_result<T>(self, value: T) -> Result<T, ContentErrors> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(self.sorted())
        }
    }

    /// The errors in a stable order: by file, then line and column.
    pub fn sorted(mut self) -> Self {
        self.0
            .sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
        self.0.dedup();
        self
    }
}

impl From<ContentError> for ContentErrors {
    fn from(error: ContentError) -> Self {
        ContentErrors(vec![error])
    }
}

impl fmt::Display for ContentErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for error in &self.0 {
            writeln!(f, "{error}")?;
        }
        let n = self.0.len();
        write!(
            f,
            "{n} {} gevonden; er is niets geschreven.",
            if n == 1 { "probleem" } else { "problemen" }
        )
    }
}

impl std::error::Error for ContentErrors {}

/// Why a build stopped: problems in the content (exit code 1), or something else (exit code 2).
#[derive(Debug)]
pub enum BuildError {
    Content(ContentErrors),
    Other(anyhow::Error),
}

impl From<ContentErrors> for BuildError {
    fn from(e: ContentErrors) -> Self {
        BuildError::Content(e)
    }
}

impl From<ContentError> for BuildError {
    fn from(e: ContentError) -> Self {
        BuildError::Content(e.into())
    }
}

impl From<anyhow::Error> for BuildError {
    fn from(e: anyhow::Error) -> Self {
        BuildError::Other(e)
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::Content(e) => write!(f, "{e}"),
            BuildError::Other(e) => write!(f, "fout: {e:#}"),
        }
    }
}

impl std::error::Error for BuildError {}

/// Suggests the closest of `known` for a mistyped `found` ("bedoelde u …?"), if any is close.
pub fn did_you_mean<'a>(found: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    known
        .into_iter()
        .map(|k| (strsim::damerau_levenshtein(found, k), k))
        .filter(|(d, k)| *d <= 2.max(k.chars().count() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// The closest of `known` for a link target that does not exist: one that starts with what
/// was written (an anchor copied before its heading got longer: `#voorzieningen-in-de-wijk`
/// for `#voorzieningen-in-de-wijk-afschalen-van-aanbod-tijdelijk-geld`), the shortest such;
/// else a close spelling ([`did_you_mean`]).
pub fn closest<'a>(
    found: &str,
    known: impl IntoIterator<Item = &'a str> + Clone,
) -> Option<&'a str> {
    let found_trimmed = found.trim_end_matches(['-', '/']);
    known
        .clone()
        .into_iter()
        .filter(|k| !found_trimmed.is_empty() && k.starts_with(found_trimmed))
        .min_by_key(|k| (k.len(), *k))
        .or_else(|| did_you_mean(found, known))
}

#[cfg(test)]
mod tests {
    #[test]
    fn closest_prefers_a_longer_heading_then_a_close_spelling() {
        let ids = [
            "feiten",
            "voorzieningen-in-de-wijk-afschalen-van-aanbod-tijdelijk-geld",
            "voorzieningen-in-de-wijk-afschalen-van-aanbod-tijdelijk-geld-2",
            "wat-is-eenzaamheid",
        ];
        assert_eq!(
            super::closest("voorzieningen-in-de-wijk", ids),
            Some("voorzieningen-in-de-wijk-afschalen-van-aanbod-tijdelijk-geld")
        );
        assert_eq!(
            super::closest("wat-is-eenzaamhied", ids),
            Some("wat-is-eenzaamheid")
        );
        assert_eq!(super::closest("iets-heel-anders", ids), None);
        assert_eq!(super::closest("", ids), None);
    }

    use super::*;

    #[test]
    fn display_names_file_line_column_and_hint() {
        let e = ContentError::new("content/rapporten/a.md", 3, "onbekend thema 'eenzaamheit'")
            .column(9)
            .hint("bedoelde u 'eenzaamheid'?");
        assert_eq!(
            e.to_string(),
            "content/rapporten/a.md:3:9: fout: onbekend thema 'eenzaamheit'\n  tip: bedoelde u 'eenzaamheid'?"
        );
    }

    #[test]
    fn did_you_mean_finds_close_words_only() {
        let known = ["eenzaamheid", "sociale-basis", "bestaanszekerheid"];
        assert_eq!(did_you_mean("eenzaamheit", known), Some("eenzaamheid"));
        assert_eq!(did_you_mean("titel", ["title", "topic"]), Some("title"));
        assert_eq!(did_you_mean("xyz", known), None);
    }
}
