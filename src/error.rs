//! The content error type: what went wrong, where (file, line, column) and how to fix it.
//!
//! The people who read these messages edit Markdown for a living, not Rust: every message is
//! plain Dutch, names the file and line, and carries a hint where one helps. A build collects
//! every problem it finds and reports them together, so one run shows all that needs fixing.

use std::fmt;
use std::path::{Path, PathBuf};

/// Which check found a problem. Its [`name`](Rule::name) is the `rule` of `check --format
/// json`, which scripts and CI annotations read: the names are a contract, listed in
/// docs/reference.md (a test holds the two together) and kept in a snapshot
/// (`tests/snapshots/check/`), so a renamed rule is a decision, never an accident.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    /// Everything `build` validates in the content and the configuration.
    Content,
    /// Skipped, empty or misplaced headings.
    Headings,
    /// A link or `#anchor` between pages that does not resolve.
    Link,
    /// Filler that `new` wrote and nobody replaced.
    Placeholder,
    /// What a plain `build` leaves out as a concept.
    Concept,
    /// An editors' link on an initiative checked more than a year ago, or on a day to come.
    EditorialLink,
    /// A round without reports yet.
    Edition,
    /// `base_url` is a stand-in address.
    BaseUrl,
    /// Personal contact data: e-mail, phone, BSN, IBAN, a home address.
    Privacy,
    /// A text written once for every round that names only older years.
    Stale,
    /// An image without alt text.
    Images,
    /// What a first search downloads, against the budget.
    SearchBudget,
    /// A synonym group none of whose words is on the site.
    Synonyms,
    /// Readability figures (severity `info`, never a problem).
    Readability,
}

impl Rule {
    /// Every rule, in the order declared, which is that of the table in docs/reference.md.
    pub const ALL: [Rule; 14] = [
        Rule::Content,
        Rule::Headings,
        Rule::Link,
        Rule::Placeholder,
        Rule::Concept,
        Rule::EditorialLink,
        Rule::Edition,
        Rule::BaseUrl,
        Rule::Privacy,
        Rule::Stale,
        Rule::Images,
        Rule::SearchBudget,
        Rule::Synonyms,
        Rule::Readability,
    ];

    /// The rule's name in `check --format json` (Dutch, as the team reads it).
    pub fn name(self) -> &'static str {
        match self {
            Rule::Content => "inhoud",
            Rule::Headings => "koppen",
            Rule::Link => "link",
            Rule::Images => "afbeeldingen",
            Rule::Placeholder => "voorbeeldtekst",
            Rule::Concept => "concept",
            Rule::EditorialLink => "redactielink",
            Rule::Edition => "editie",
            Rule::BaseUrl => "webadres",
            Rule::Privacy => "privacy",
            Rule::Stale => "verouderd",
            Rule::SearchBudget => "zoekindex",
            Rule::Synonyms => "synoniemen",
            Rule::Readability => "leesbaarheid",
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl serde::Serialize for Rule {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

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
    /// Which check found it, for `check --format json` ([`Rule::Content`] unless said
    /// otherwise).
    pub rule: Rule,
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
            rule: Rule::Content,
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

    pub fn rule(mut self, rule: Rule) -> Self {
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

    /// A file the system would not let us read, said in Dutch ([`cause`]); the system's own
    /// words are the technical part.
    pub fn unreadable(file: &Path, error: &std::io::Error) -> ContentError {
        ContentError::new(
            file,
            0,
            format!("kan het bestand niet lezen: {}", cause(error, Access::Read)),
        )
        .technical(error.to_string())
    }

    /// A folder that could not be walked through, as [`ContentError::unreadable`].
    pub fn unreadable_folder(folder: &Path, error: &walkdir::Error) -> ContentError {
        let why = error
            .io_error()
            .map_or("het systeem weigert het", |e| cause(e, Access::Read));
        ContentError::new(
            error.path().unwrap_or(folder),
            0,
            format!("kan de map niet lezen: {why}"),
        )
        .hint("controleer of de map bestaat en leesbaar is")
        .technical(error.to_string())
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

/// The errors one to a line, plainly (for logs and tests); what people read, with the
/// offending lines and the summary line, is [`crate::diagnostics::render_all`].
impl fmt::Display for ContentErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut lines = self.0.iter();
        if let Some(first) = lines.next() {
            write!(f, "{first}")?;
        }
        for error in lines {
            write!(f, "\n{error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ContentErrors {}

/// Why a build stopped: problems in the content (exit code 1), or something else (exit code 2).
#[derive(Debug)]
pub enum BuildError {
    /// Every content error of the run, and the warnings found on the way, which are shown
    /// after the errors.
    Content(ContentErrors, Vec<ContentError>),
    Other(anyhow::Error),
}

impl From<ContentErrors> for BuildError {
    fn from(e: ContentErrors) -> Self {
        BuildError::Content(e, Vec::new())
    }
}

impl From<ContentError> for BuildError {
    fn from(e: ContentError) -> Self {
        BuildError::Content(e.into(), Vec::new())
    }
}

impl From<anyhow::Error> for BuildError {
    fn from(e: anyhow::Error) -> Self {
        BuildError::Other(e)
    }
}

impl fmt::Display for BuildError {
    /// The Dutch message only: the system's own words of a [`SystemError`] are for `--uitleg`
    /// ([`BuildError::technical`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::Content(e, _) => write!(f, "{e}"),
            BuildError::Other(e) => write!(f, "fout: {e}"),
        }
    }
}

impl std::error::Error for BuildError {}

impl BuildError {
    /// The system's own (English) words behind a failure that is not in the content.
    pub fn technical(&self) -> Option<&str> {
        match self {
            BuildError::Content(..) => None,
            BuildError::Other(e) => e
                .downcast_ref::<SystemError>()
                .and_then(|s| s.technical.as_deref()),
        }
    }
}

/// A failure outside the content — a folder that cannot be written, a port in use — said in
/// Dutch ([`cause`]), with the system's own English words kept apart: the people who publish
/// read the message, a developer helping them may ask for the rest with `--uitleg`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SystemError {
    pub message: String,
    /// What to do about it, when the message alone does not say.
    pub hint: Option<String>,
    pub technical: Option<String>,
}

impl SystemError {
    pub fn new(message: impl Into<String>) -> SystemError {
        SystemError {
            message: message.into(),
            hint: None,
            technical: None,
        }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> SystemError {
        self.hint = Some(hint.into());
        self
    }

    /// What failed and why, for the people who use the program: "`doing`: de schijf is vol".
    pub fn io(doing: impl fmt::Display, error: &std::io::Error, access: Access) -> SystemError {
        SystemError {
            message: format!("{doing}: {}", cause(error, access)),
            hint: None,
            technical: Some(error.to_string()),
        }
    }
}

impl fmt::Display for SystemError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  tip: {hint}")?;
        }
        Ok(())
    }
}

impl std::error::Error for SystemError {}

impl From<SystemError> for BuildError {
    fn from(e: SystemError) -> Self {
        BuildError::Other(e.into())
    }
}

/// Whether the system refused a read or a write: the same refusal reads differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Read,
    Write,
}

/// Why the system refused, in the words of the people who publish: the one Dutch reading of
/// the system's errors (ENOENT, EACCES, ENOSPC, EADDRINUSE, …), used for every file, folder
/// and port, so that no message carries the system's English text ("No such file or
/// directory (os error 2)"). That text is the error's technical part (`--uitleg`).
pub fn cause(error: &std::io::Error, access: Access) -> &'static str {
    use std::io::ErrorKind as K;
    match error.kind() {
        K::StorageFull | K::QuotaExceeded => "de schijf is vol",
        // EFBIG: a full disk, or a write limit (`ulimit -f`, as CI runners and systemd units
        // set it); `main` ignores SIGXFSZ so that the limit arrives here as an error.
        K::FileTooLarge => "de schijf is vol of een schrijflimiet is bereikt",
        K::PermissionDenied => match access {
            Access::Read => "geen leesrechten",
            Access::Write => "geen schrijfrechten",
        },
        K::ReadOnlyFilesystem => "geen schrijfrechten",
        K::InvalidFilename => "de bestandsnaam is te lang",
        K::NotADirectory => "een deel van het pad is een bestand en geen map",
        K::NotFound => "het bestand of de map bestaat niet",
        K::IsADirectory => "dit is een map en geen bestand",
        K::DirectoryNotEmpty => "de map is niet leeg",
        K::InvalidData => "het bestand bevat tekens die geen geldige UTF-8 zijn",
        K::AddrInUse => {
            "de poort is al in gebruik, misschien door een ander venster met vindplaats serve"
        }
        K::AddrNotAvailable => "dat adres is er niet op deze computer",
        K::OutOfMemory => "het geheugen is vol",
        _ => "het systeem weigert het",
    }
}

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
    fn every_rule_is_listed_once_by_a_name_of_its_own() {
        for (i, rule) in Rule::ALL.iter().enumerate() {
            assert_eq!(*rule as usize, i, "Rule::ALL is in the order declared");
        }
        let mut names: Vec<&str> = Rule::ALL.iter().map(|r| r.name()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), Rule::ALL.len());
        assert_eq!(
            serde_json::to_string(&Rule::Placeholder).unwrap(),
            "\"voorbeeldtekst\""
        );
    }

    /// Every error the system gives for a refused read or write, in the words of the user.
    #[test]
    fn causes_in_dutch() {
        for (errno, access, expected) in [
            (libc::ENOSPC, Access::Write, "de schijf is vol"),
            (
                libc::EFBIG,
                Access::Write,
                "de schijf is vol of een schrijflimiet is bereikt",
            ),
            (libc::EDQUOT, Access::Write, "de schijf is vol"),
            (libc::EACCES, Access::Write, "geen schrijfrechten"),
            (libc::EPERM, Access::Write, "geen schrijfrechten"),
            (libc::EACCES, Access::Read, "geen leesrechten"),
            (libc::EROFS, Access::Write, "geen schrijfrechten"),
            (
                libc::ENAMETOOLONG,
                Access::Write,
                "de bestandsnaam is te lang",
            ),
            (
                libc::ENOTDIR,
                Access::Read,
                "een deel van het pad is een bestand en geen map",
            ),
            (
                libc::ENOENT,
                Access::Read,
                "het bestand of de map bestaat niet",
            ),
            (libc::EISDIR, Access::Read, "dit is een map en geen bestand"),
            (libc::EIO, Access::Read, "het systeem weigert het"),
        ] {
            assert_eq!(
                cause(&std::io::Error::from_raw_os_error(errno), access),
                expected,
                "{errno}"
            );
        }
        assert!(
            cause(
                &std::io::Error::from_raw_os_error(libc::EADDRINUSE),
                Access::Read
            )
            .starts_with("de poort is al in gebruik")
        );
        // The system's words are the technical part, never the message.
        let e = SystemError::io(
            "kan x niet lezen",
            &std::io::Error::from_raw_os_error(libc::ENOENT),
            Access::Read,
        );
        assert_eq!(
            e.to_string(),
            "kan x niet lezen: het bestand of de map bestaat niet"
        );
        assert!(e.technical.unwrap().contains("os error 2"));
    }

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
