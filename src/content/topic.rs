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
        let (raw, lines, split): (Raw, KeyLines, _) = front_matter::parse(file, text, FIELDS)?;
        let mut errors = ContentErrors::default();
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
        errors.into_result(Topic {
            slug,
            file: file.to_path_buf(),
            title: raw.title,
            order: raw.order,
            description: raw.description,
            body: split.body.to_owned(),
            body_line: split.body_line,
            lines,
        })
    }

    /// The topic's page: `themas/<slug>/`.
    pub fn path(&self) -> String {
        crate::urls::topic(&self.slug)
    }
}
