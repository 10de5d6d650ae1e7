//! An edition (editie): one yearly round of *De sociale staat van Almere*, with who made its
//! reports and an introduction. `content/edities/<jaar>.md`.
//!
//! Everything the site says about a round (the home page lead, the footer, "Over deze tekst")
//! comes from here, so a new year is new content and never a template edit.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::front_matter;
use super::report::DESCRIPTION_MAX;
use crate::error::{ContentError, ContentErrors};
use crate::toml_doc::{Field, Input, KeyLines, optional, required};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    year: u16,
    title: String,
    #[serde(default)]
    period: Option<String>,
    organisers: Vec<String>,
    bureaus: Vec<String>,
    description: String,
    #[serde(default)]
    concept: bool,
}

/// The front-matter keys of a round, in the order `new editie` writes them and the editor
/// shows them, with what to fill in.
pub const FIELDS: &[Field] = &[
    required("year", "year = 2024").label("Jaar").hint(
        "Het jaar van de ronde; het bestand heet ook zo (content/edities/2024.md voor 2024). \
             Elk verslag met een datum in dat jaar hoort bij deze ronde.",
    ),
    required("title", "title = \"De sociale staat van Almere 2024\"")
        .label("Naam van de ronde")
        .hint("De naam van de ronde, zoals de site die laat zien."),
    optional("period", "period = \"mei en juni 2024\"")
        .label("Periode")
        .hint(
            "Wanneer de thematafels waren, in gewone woorden. Leeg: de site haalt de periode \
             uit de data van de verslagen.",
        ),
    required("organisers", "organisers = [\"Gemeente Almere\"]")
        .label("Organisatoren")
        .hint(
            "Wie de ronde organiseerde, zoals het midden in een zin staat (met \"de\" als dat \
             hoort), bijvoorbeeld: de gemeente Almere.",
        ),
    required("bureaus", "bureaus = [\"Movisie\", \"Platform31\"]")
        .label("Onderzoeksbureaus")
        .hint(
            "De onderzoeksbureaus die de verslagen met hen maakten, zoals het midden in een zin \
             staat, bijvoorbeeld: Movisie, Platform31, het Verwey-Jonker Instituut.",
        ),
    required(
        "description",
        "description = \"De thematafels van 2024, met de verslagen.\"",
    )
    .label("Korte beschrijving")
    .hint("Eén of twee korte zinnen over deze ronde (hoogstens 160 tekens), voor zoekmachines.")
    .input(Input::Text),
    optional("concept", "concept = true")
        .label("Concept")
        .hint(super::report::CONCEPT_HINT),
];

/// What a round file is, above its fields in the file `new editie` writes and in the editor.
pub const ABOUT: &str = "Een ronde (editie) van De sociale staat van Almere. Schrijf alleen op \
     wat vaststaat: wat in de verslagen staat of wat de organisatoren hebben besloten.";

/// The front-matter keys of an edition, in the order `new editie` writes them.
pub fn field_names() -> impl Iterator<Item = &'static str> {
    FIELDS.iter().map(|f| f.name)
}

/// A checked edition.
#[derive(Debug, Clone)]
pub struct Edition {
    pub year: u16,
    pub file: PathBuf,
    pub title: String,
    /// As the edition file writes it; `None`: the dates of its reports say it.
    pub period: Option<String>,
    /// Who organised the round ("Gemeente Almere").
    pub organisers: Vec<String>,
    /// The research bureaus that made the reports with them.
    pub bureaus: Vec<String>,
    pub description: String,
    /// Not yet published: shown by `serve` and `build --concepten` only.
    pub concept: bool,
    /// The introduction, in Markdown.
    pub body: String,
    pub body_line: usize,
    pub lines: KeyLines,
}

impl Edition {
    pub fn parse(file: &Path, text: &str) -> Result<Edition, ContentErrors> {
        front_matter::strict(Edition::parse_all(file, text))
    }

    /// Parses and checks one edition file, and returns the edition even when some of its
    /// values are wrong (their examples stand in; a wrong `year` is the file's name), so that
    /// its reports are not blamed for it. `None` when the front matter cannot be found.
    pub fn parse_all(file: &Path, text: &str) -> (Option<Edition>, ContentErrors) {
        let (checked, split) = match front_matter::parse_all::<Raw>(file, text, FIELDS) {
            Ok(read) => read,
            Err(errors) => return (None, errors),
        };
        let (mut raw, lines, mut errors): (Raw, KeyLines, _) =
            (checked.value, checked.lines, checked.errors);
        let err = |key: &str, message: String, hint: &str| {
            ContentError::new(file, lines.of(key), message).hint(hint.to_owned())
        };
        let stem = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if lines.replaced("year") {
            raw.year = stem.parse().unwrap_or(raw.year);
        } else if stem != raw.year.to_string() {
            errors.push(err(
                "year",
                format!("het bestand heet '{stem}', maar year is {}", raw.year),
                "geef het bestand de naam van het jaar, bijvoorbeeld content/edities/2024.md",
            ));
        }
        if !(2000..=2999).contains(&raw.year) {
            errors.push(err(
                "year",
                format!("'{}' is geen jaartal", raw.year),
                "schrijf het jaar met vier cijfers, bijvoorbeeld year = 2024",
            ));
        }
        for (key, value) in [("title", &raw.title), ("description", &raw.description)] {
            if value.trim().is_empty() {
                errors.push(err(key, format!("'{key}' is leeg"), "vul een tekst in"));
            }
        }
        if raw.description.chars().count() > DESCRIPTION_MAX {
            errors.push(err(
                "description",
                format!(
                    "de beschrijving is {} tekens lang; de grens is {DESCRIPTION_MAX}",
                    raw.description.chars().count()
                ),
                "maak de beschrijving korter: één of twee korte zinnen",
            ));
        }
        if raw
            .organisers
            .iter()
            .chain(&raw.bureaus)
            .any(|n| n.trim().is_empty())
        {
            errors.push(err(
                "organisers",
                "de lijst met organisatoren of bureaus bevat een lege naam".into(),
                "haal de lege naam weg",
            ));
        }
        let edition = Edition {
            year: raw.year,
            file: file.to_path_buf(),
            title: raw.title,
            period: raw.period,
            organisers: raw.organisers,
            bureaus: raw.bureaus,
            description: raw.description,
            concept: raw.concept,
            body: split.body.to_owned(),
            body_line: split.body_line,
            lines,
        };
        (Some(edition), errors)
    }

    /// The edition's page: `edities/<jaar>/`.
    pub fn path(&self) -> String {
        crate::urls::edition(self.year)
    }

    /// "de gemeente Almere en de onderzoeksbureaus Movisie, Platform31 en Verwey-Jonker
    /// Instituut", for a sentence about who made the reports.
    pub fn made_by(&self) -> String {
        let organisers = crate::text::dutch_list(&self.organisers);
        match self.bureaus_phrase() {
            bureaus if bureaus.is_empty() => organisers,
            bureaus => format!("{organisers} en {bureaus}"),
        }
    }

    /// "de onderzoeksbureaus Movisie, Platform31 en …", or "" without bureaus.
    pub fn bureaus_phrase(&self) -> String {
        bureaus_phrase(&self.bureaus)
    }
}

/// "het onderzoeksbureau Movisie", "de onderzoeksbureaus Movisie, Platform31 en …", or "":
/// for one round's bureaus and for those of every round (the footer).
pub fn bureaus_phrase(bureaus: &[String]) -> String {
    match bureaus {
        [] => String::new(),
        [one] => format!("het onderzoeksbureau {one}"),
        _ => format!("de onderzoeksbureaus {}", crate::text::dutch_list(bureaus)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "+++\nyear = 2024\ntitle = \"Ronde 2024\"\norganisers = [\"Gemeente Almere\"]\nbureaus = [\"Movisie\", \"Platform31\", \"Verwey-Jonker Instituut\"]\ndescription = \"Kort.\"\n+++\nTekst.\n";

    #[test]
    fn parses_and_names_who_made_it() {
        let e = Edition::parse(Path::new("content/edities/2024.md"), GOOD).unwrap();
        assert_eq!(e.year, 2024);
        assert_eq!(e.path(), "edities/2024/");
        assert_eq!(
            e.made_by(),
            "Gemeente Almere en de onderzoeksbureaus Movisie, Platform31 en Verwey-Jonker Instituut"
        );
        assert!(!e.concept);
    }

    #[test]
    fn the_file_is_named_after_its_year() {
        let e = Edition::parse(Path::new("content/edities/2025.md"), GOOD).unwrap_err();
        assert_eq!(e.0[0].message, "het bestand heet '2025', maar year is 2024");
    }
}
