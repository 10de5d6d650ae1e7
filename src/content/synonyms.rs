//! `content/synoniemen.toml`: groups of words residents use for the same thing, kept by the
//! communications team. Here only the file's shape is checked (a readable file, groups of at
//! least two words); what the words become in the Dutch search pipeline is checked by the
//! search stage (`search::synonyms`), which owns that pipeline.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{ContentError, ContentErrors};
use crate::toml_doc::{Field, Input, optional, required};

pub const SYNONYMS_FILE: &str = "synoniemen.toml";

/// The synonym groups of the site; none when the file is absent.
#[derive(Debug, Clone, Default)]
pub struct Synonyms {
    pub file: PathBuf,
    pub groups: Vec<SynonymGroup>,
}

/// One `[[groep]]`: words a resident may type for the same thing.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SynonymGroup {
    pub woorden: Vec<String>,
    /// Why the words belong together, for the people who keep the file (the site does not
    /// show it). A field rather than a comment, so the editor shows and keeps it.
    #[serde(default)]
    pub toelichting: Option<String>,
    /// The line of `woorden`, for errors found later.
    #[serde(skip)]
    pub line: usize,
}

/// The keys of one `[[groep]]`, as the editor shows them.
pub const FIELDS: &[Field] = &[
    required("woorden", "woorden = [\"geldzorgen\", \"schulden\"]")
        .label("Woorden")
        .hint(
            "Woorden die voor het zoeken hetzelfde betekenen, minstens twee. Minstens één \
             staat echt in de verslagen. Een woord mag maar in één groep staan.",
        ),
    optional(
        "toelichting",
        "toelichting = \"Inwoners zeggen senioren; de verslagen zeggen ouderen.\"",
    )
    .label("Toelichting")
    .hint("Waarom deze woorden bij elkaar horen: wat inwoners zeggen en wat de verslagen zeggen.")
    .input(Input::Text),
];

/// Reads `content/synoniemen.toml`, reporting every malformed, empty or one-word group.
pub fn load(content_dir: &Path) -> Result<Synonyms, ContentErrors> {
    let file = content_dir.join(SYNONYMS_FILE);
    let (entries, mut errors) =
        super::initiative::load_entries::<SynonymGroup>(&file, "groep", FIELDS);
    // A group with an error is left out: its stand-in words would be judged by the search
    // stage (a word in two groups) and blame another group.
    let mut groups = Vec::new();
    for entry in entries.unwrap_or_default() {
        if entry.errors.is_empty() {
            let mut group = entry.value;
            group.line = entry.lines.of("woorden");
            groups.push(group);
        }
        errors.extend(entry.errors);
    }
    for g in &groups {
        let words: Vec<&String> = g.woorden.iter().filter(|w| !w.trim().is_empty()).collect();
        if words.len() < g.woorden.len() || words.is_empty() {
            errors.push(
                ContentError::new(&file, g.line, "deze groep heeft een leeg woord of geen woorden")
                    .hint("zet in woorden = [...] minstens twee woorden tussen aanhalingstekens, of haal de groep weg"),
            );
        } else if words.len() == 1 {
            errors.push(
                ContentError::new(
                    &file,
                    g.line,
                    format!("de groep met '{}' heeft maar één woord", words[0]),
                )
                .hint("een groep zegt welke woorden hetzelfde betekenen: zet er minstens één ander woord bij, of haal de groep weg"),
            );
        }
    }
    errors.into_result(Synonyms { file, groups })
}
