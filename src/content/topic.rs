//! A topic (thema) of the reports, such as Eenzaamheid: its title, place and introduction.
//!
//! Not to be confused with the visual *theme* under `themes/`.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::front_matter;
use super::report::{DESCRIPTION_MAX, file_slug};
use crate::error::{ContentError, ContentErrors};
use crate::toml_doc::{Field, Input, KeyLines, required};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    title: String,
    order: u32,
    description: String,
}

/// The front-matter keys of a theme, as the editor shows them.
pub const FIELDS: &[Field] = &[
    required("title", "title = \"Eenzaamheid\"")
        .label("Naam van het thema")
        .hint("Zoals de site het thema noemt."),
    required("order", "order = 2")
        .label("Volgorde")
        .hint("De plaats in de lijst van thema's: 1 staat bovenaan."),
    required(
        "description",
        "description = \"Korte samenvatting in één of twee zinnen.\"",
    )
    .label("Korte beschrijving")
    .hint("Eén of twee korte zinnen over het thema (hoogstens 160 tekens), voor zoekmachines.")
    .input(Input::Text),
];

/// A checked topic.
#[derive(Debug, Clone)]
pub struct Topic {
    pub slug: String,
    pub file: PathBuf,
    pub title: String,
    /// Place in lists, lowest first.
    pub order: u32,
    pub description: String,
    /// The introduction, in Markdown.
    pub body: String,
    pub body_line: usize,
    pub lines: KeyLines,
}

impl Topic {
    pub fn parse(file: &Path, text: &str) -> Result<Topic, ContentErrors> {
        front_matter::strict(Topic::parse_all(file, text))
    }

    /// Parses and checks one topic file, and returns the topic even when some of its values
    /// are wrong (their examples stand in): its slug, from the file's name, is what reports
    /// need. `None` when the front matter cannot be found.
    pub fn parse_all(file: &Path, text: &str) -> (Option<Topic>, ContentErrors) {
        let (checked, split) = match front_matter::parse_all::<Raw>(file, text, FIELDS) {
            Ok(read) => read,
            Err(errors) => return (None, errors),
        };
        let (raw, lines, mut errors): (Raw, KeyLines, _) =
            (checked.value, checked.lines, checked.errors);
        let slug = file_slug(file, &mut errors);
        if raw.title.trim().is_empty() {
            errors.push(
                ContentError::new(file, lines.of("title"), "'title' is leeg")
                    .hint("vul de naam van het thema in"),
            );
        }
        if raw.description.chars().count() > DESCRIPTION_MAX || raw.description.trim().is_empty() {
            errors.push(
                ContentError::new(
                    file,
                    lines.of("description"),
                    "de beschrijving is leeg of te lang",
                )
                .hint(format!(
                    "schrijf één of twee korte zinnen, samen hoogstens {DESCRIPTION_MAX} tekens"
                )),
            );
        }
        let topic = Topic {
            slug,
            file: file.to_path_buf(),
            title: raw.title,
            order: raw.order,
            description: raw.description,
            body: split.body.to_owned(),
            body_line: split.body_line,
            lines,
        };
        (Some(topic), errors)
    }

    /// The topic's page: `themas/<slug>/`.
    pub fn path(&self) -> String {
        crate::urls::topic(&self.slug)
    }
}
