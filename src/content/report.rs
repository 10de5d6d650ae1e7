//! A report (verslag) of one thematafel: its facts from front matter and its Markdown text.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use time::format_description::BorrowedFormatItem;
use time::macros::format_description;

use super::front_matter;
use crate::error::{ContentError, ContentErrors};
use crate::text;
use crate::toml_doc::{Choices, Field, Input, KeyLines, optional, required};

/// The front matter exactly as written; [`Report::parse`] checks it into a [`Report`].
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    title: String,
    topic: String,
    date: toml::value::Datetime,
    start: String,
    end: String,
    location: String,
    participants: u32,
    organisations: Vec<String>,
    description: String,
    #[serde(default)]
    people: Vec<Person>,
    #[serde(default)]
    corrections: Vec<Correction>,
    #[serde(default)]
    link_texts: Vec<LinkText>,
    #[serde(default)]
    edition: Option<u16>,
    #[serde(default)]
    concept: bool,
}

/// The front-matter keys of a report, in the order `new rapport` writes them and the editor
/// shows them, with what to fill in (the comments `new` writes, the form's hints).
pub const FIELDS: &[Field] = &[
    required("title", "title = \"Verslag thematafel Eenzaamheid\"")
        .label("Titel")
        .hint("De titel zoals die in het verslag staat."),
    required("topic", "topic = \"eenzaamheid\"")
        .label("Thema")
        .hint("Het thema: de naam van een bestand in content/themas/ (zonder .md).")
        .input(Input::OneOf(Choices::Topics)),
    required("date", "date = 2023-05-23")
        .label("Datum")
        .hint("De datum van de thematafel, als jaar-maand-dag."),
    optional("edition", "edition = 2024")
        .label("Ronde (editie)")
        .hint(
            "De ronde (editie) waar dit verslag bij hoort: het jaar van een bestand in \
             content/edities/. Meestal het jaar van de datum. Loopt een ronde door tot in \
             januari, kies dan het jaar van de ronde.",
        )
        .input(Input::OneOf(Choices::Editions)),
    optional("concept", "concept = true")
        .label("Concept")
        .hint(CONCEPT_HINT),
    required("start", "start = \"09:30\"")
        .label("Begintijd")
        .hint("Begin- en eindtijd als uren:minuten, bijvoorbeeld 09:30.")
        .input(Input::Time),
    required("end", "end = \"11:30\"")
        .label("Eindtijd")
        .input(Input::Time),
    required("location", "location = \"Bibliotheek, Almere\"")
        .label("Plek")
        .hint("De plek zoals het verslag die noemt."),
    required("participants", "participants = 18")
        .label("Aantal deelnemers")
        .hint("Het aantal deelnemers dat het verslag noemt."),
    required("organisations", "organisations = [\"De Schoor\", \"VMCA\"]")
        .label("Organisaties")
        .hint(
            "De organisaties zoals het verslag ze noemt. Elke naam moet in \
             content/organisaties.toml staan (als naam of als schrijfwijze).",
        )
        .input(Input::SomeOf(Choices::Organisations)),
    required(
        "description",
        "description = \"Korte samenvatting in één of twee zinnen.\"",
    )
    .label("Korte beschrijving")
    .hint("Eén of twee korte zinnen over dit verslag (hoogstens 160 tekens), voor zoekmachines.")
    .input(Input::Text),
    optional(
        "people",
        "people = [{ name = \"Madalena Meijer\", role = \"projectleider\", organisation = \"Gemeente Almere\", part = \"ontvangst\" }]",
    )
    .label("Mensen met een rol")
    .hint(
        "Mensen die het verslag noemt in hun rol, zoals wie het gesprek leidde. Het \
         verslag moet die rol noemen in een zin met de naam. Hun organisatie moet in \
         content/organisaties.toml staan.",
    )
    .fields(PERSON_FIELDS),
    optional(
        "corrections",
        "corrections = [{ was = \"uitgagingen\", is = \"uitdagingen\" }]",
    )
    .label("Verbeterde typefouten")
    .hint("Duidelijke typefouten die u in de tekst hebt verbeterd: wat er stond en wat het werd.")
    .fields(&[
        required("was", "was = \"uitgagingen\"").label("Stond er"),
        required("is", "is = \"uitdagingen\"").label("Werd"),
    ]),
    optional(
        "link_texts",
        "link_texts = [{ text = \"Maatwerk aanpak eenzaamheid\", url = \"https://www.movisie.nl/…\" }]",
    )
    .label("Linkteksten van de redactie")
    .hint(
        "Links waarvan de redactie de tekst schreef (in het verslag staat alleen het adres): \
         de tekst van de link en het adres.",
    )
    .fields(&[
        required("text", "text = \"Maatwerk aanpak eenzaamheid\"").label("Tekst van de link"),
        required("url", "url = \"https://www.movisie.nl/…\"").label("Adres"),
    ]),
];

/// The keys of one person in `people`.
const PERSON_FIELDS: &[Field] = &[
    required("name", "name = \"Madalena Meijer\"").label("Naam"),
    optional("role", "role = \"projectleider\"")
        .label("Functie")
        .hint("Zoals het verslag die noemt, bijvoorbeeld projectleider. Mag leeg blijven."),
    optional("organisation", "organisation = \"Gemeente Almere\"")
        .label("Organisatie")
        .hint("Zoals het verslag die noemt; leeg als het verslag geen organisatie noemt.")
        .input(Input::OneOf(Choices::Organisations)),
    required("part", "part = \"ontvangst\"")
        .label("Rol bij de thematafel")
        .hint(
            "ontvangst (heet iedereen welkom), presentatie (presenteert het onderzoek), \
             gespreksleiding (leidt het gesprek), opening (opent het gesprek) of genoemd \
             (alleen genoemd). Meer dan één mag.",
        )
        .input(Input::SomeOf(Choices::Words(&Part::NAMES))),
];

/// What `concept` means, for reports and rounds alike.
pub const CONCEPT_HINT: &str = "Aan (true): nog niet gepubliceerd. U ziet het alleen in het \
     voorbeeld (vindplaats serve en vindplaats build --concepten), met de melding \"Concept — \
     nog niet gepubliceerd\". Een gewone build laat het weg. Mag het online? Zet het dan uit \
     (false).";

/// The front-matter keys of a report, in the order `new rapport` writes them.
pub fn field_names() -> impl Iterator<Item = &'static str> {
    FIELDS.iter().map(|f| f.name)
}

/// The longest meta description search engines show in full.
pub const DESCRIPTION_MAX: usize = 160;

/// A person the report names in a public role.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub name: String,
    /// Job title as the report gives it ("projectleider"); may be empty.
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub organisation: String,
    /// One part (`part = "gespreksleiding"`) or more (`part = ["gespreksleiding", "presentatie"]`).
    #[serde(deserialize_with = "one_or_more")]
    pub part: Vec<Part>,
}

impl Person {
    /// What the facts block shows: "Gespreksleiding en presentatie onderzoek".
    pub fn parts_label(&self) -> String {
        let labels: Vec<String> = self
            .part
            .iter()
            .enumerate()
            .map(|(i, p)| match i {
                0 => p.label().to_owned(),
                _ => p.label().to_lowercase(),
            })
            .collect();
        match labels.split_last() {
            Some((last, [])) => last.clone(),
            Some((last, rest)) => format!("{} en {last}", rest.join(", ")),
            None => String::new(),
        }
    }
}

fn one_or_more<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<Part>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMore {
        One(Part),
        More(Vec<Part>),
    }
    Ok(match OneOrMore::deserialize(d)? {
        OneOrMore::One(p) => vec![p],
        OneOrMore::More(v) => v,
    })
}

/// What a person did at the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Part {
    /// Welcomed the participants.
    Ontvangst,
    /// Presented the research.
    Presentatie,
    /// Led the conversation.
    Gespreksleiding,
    /// Opened the conversation ("opende het gesprek"), without the report saying who led it.
    Opening,
    /// Named in another public role.
    Genoemd,
}

impl Part {
    /// Every part, in the order the editor and `new` offer them.
    pub const ALL: [Part; 5] = [
        Part::Ontvangst,
        Part::Presentatie,
        Part::Gespreksleiding,
        Part::Opening,
        Part::Genoemd,
    ];

    /// Every part, as front matter writes it ([`Part::key`] of [`Part::ALL`]; a test keeps
    /// them in step).
    pub const NAMES: [&'static str; 5] = [
        "ontvangst",
        "presentatie",
        "gespreksleiding",
        "opening",
        "genoemd",
    ];

    /// The label the facts block shows.
    pub fn label(self) -> &'static str {
        match self {
            Part::Ontvangst => "Ontvangst",
            Part::Presentatie => "Presentatie onderzoek",
            Part::Gespreksleiding => "Gespreksleiding",
            Part::Opening => "Opening van het gesprek",
            Part::Genoemd => "Ook genoemd",
        }
    }

    /// As front matter writes it: `gespreksleiding`.
    pub fn key(self) -> &'static str {
        match self {
            Part::Ontvangst => "ontvangst",
            Part::Presentatie => "presentatie",
            Part::Gespreksleiding => "gespreksleiding",
            Part::Opening => "opening",
            Part::Genoemd => "genoemd",
        }
    }
}

/// An obvious typo in the source, fixed in the transcription and declared here.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Correction {
    pub was: String,
    pub is: String,
}

/// A link whose visible text the editors wrote (the source gives only the address): declared
/// here, so the rule "only declared changes" has no exception.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LinkText {
    pub text: String,
    pub url: String,
}

/// A checked report, ready for the later stages.
#[derive(Debug, Clone)]
pub struct Report {
    /// From the file name: `eenzaamheid.md` → `eenzaamheid`.
    pub slug: String,
    pub file: PathBuf,
    pub title: String,
    /// Slug of the topic (thema) the report belongs to.
    pub topic: String,
    pub date: time::Date,
    /// When the table began; [`hh_mm`] writes it as front matter does.
    pub start: time::Time,
    /// When it ended, after `start`.
    pub end: time::Time,
    pub location: String,
    pub participants: u32,
    pub organisations: Vec<String>,
    pub description: String,
    pub people: Vec<Person>,
    pub corrections: Vec<Correction>,
    pub link_texts: Vec<LinkText>,
    /// The round it belongs to: `edition` when the file sets it (a round may run into
    /// January), else the year of its date.
    pub edition: u16,
    /// Not yet published: shown by `serve` and `build --concepten` only.
    pub concept: bool,
    /// Where each front-matter key stands, for errors found later.
    pub lines: KeyLines,
}

/// A report's Markdown as load hands it to parse: the text after the front matter, and the
/// file's line number of its first line. A value of its own beside the report's facts, so
/// parse takes it and lets it go once rendered, while the facts stay for every later stage.
/// Shared (`Arc`): `serve` keeps it between builds without copying it, with what is worked
/// out from its text alone when the file is read (its key and where `new`'s filler stands), so
/// that an unchanged file costs nothing of it again (see [`Markdown::new`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Markdown {
    pub text: Arc<str>,
    pub line: usize,
    /// A hash of `text`, made once when the file is read: what a key of the text hashes
    /// (see [`Hash`] below).
    key: u64,
    /// The line of the first line that still holds the body `new` wrote
    /// ([`placeholders::REPORT_BODY`](super::placeholders::REPORT_BODY)).
    filler: Option<usize>,
}

impl Markdown {
    /// A report's Markdown `text`, whose first line is the file's line `line`. Its key and its
    /// filler are found here, once per read of the file: `serve` keeps the Markdown by the
    /// file's path, so after an edit of one report at 10,000 reports the parse memo's keys no
    /// longer hash 76 MB of Markdown again (about 60 ms of parse) and load's check for
    /// unfinished text no longer searches it (57–81 ms of load).
    pub fn new(text: Arc<str>, line: usize) -> Markdown {
        Markdown {
            key: crate::memo::fingerprint(&*text),
            filler: super::placeholders::body_line(&text, line),
            text,
            line,
        }
    }

    /// The line of the first line that still holds the body `new` wrote, if any.
    pub fn filler(&self) -> Option<usize> {
        self.filler
    }
}

impl Default for Markdown {
    fn default() -> Markdown {
        Markdown::new(Arc::from(""), 0)
    }
}

/// The text by its key (made from the whole text, so equal keys are equal texts as far as a
/// 64-bit hash tells, as every memo key here) and its first line.
impl std::hash::Hash for Markdown {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        (self.key, self.line).hash(state);
    }
}

impl Report {
    // One check per front-matter value, in key order, so every problem of a file is reported in
    // one run: longer than most, but each check stands alone.
    /// Parses and checks one report file; `file` names it in errors and gives the slug.
    pub fn parse(file: &Path, text: &str) -> Result<Report, ContentErrors> {
        front_matter::strict(Report::parse_all(file, text))
    }

    /// [`Report::read`] without the Markdown: the facts only.
    pub fn parse_all(file: &Path, text: &str) -> (Option<Report>, ContentErrors) {
        let (read, errors) = Report::read(file, text);
        (read.map(|(report, _)| report), errors)
    }

    // Longer than most: one check per front-matter field in the order of the file, each a few
    // lines that share the key lines and the list of errors.
    /// Parses and checks one report file into its facts and its Markdown, and returns them even
    /// when some of its values are wrong (they are replaced by examples, see
    /// [`KeyLines::replaced`]): the checks across files then still judge the values that are
    /// right. `None` when the front matter cannot be read at all.
    pub fn read(file: &Path, text: &str) -> (Option<(Report, Markdown)>, ContentErrors) {
        let (checked, split) = match front_matter::parse_all::<Raw>(file, text, FIELDS) {
            Ok(read) => read,
            Err(errors) => return (None, errors),
        };
        let (raw, lines, mut errors) = (checked.value, checked.lines, checked.errors);
        let err = |key: &str, msg: String, hint: &str| {
            ContentError::new(file, lines.of(key), msg).hint(hint.to_owned())
        };

        let slug = file_slug(file, &mut errors);
        let date = match date_only(&raw.date) {
            Some(d) => d,
            None => {
                errors.push(err(
                    "date",
                    format!("'{}' is geen geldige datum", raw.date),
                    "schrijf de datum als jaar-maand-dag zonder aanhalingstekens: date = 2023-05-23",
                ));
                time::Date::MIN
            }
        };
        let mut clock_time = |key: &str, value: &str| {
            let time = time::Time::parse(value, HH_MM).ok();
            if time.is_none() {
                // `13.30` and `9:30` are the usual slips: say exactly what to write.
                let hint = match clock_time_as_written(value) {
                    Some(t) => {
                        format!("schrijf de tijd als uren:minuten: {key} = \"{}\"", hh_mm(t))
                    }
                    None => "schrijf de tijd als uren:minuten, bijvoorbeeld \"09:30\"".to_owned(),
                };
                errors.push(err(key, format!("'{value}' is geen geldige tijd"), &hint));
            }
            time
        };
        let (start, end) = (clock_time("start", &raw.start), clock_time("end", &raw.end));
        if start.zip(end).is_some_and(|(start, end)| start >= end) {
            errors.push(err(
                "end",
                format!(
                    "de eindtijd {} ligt niet na de begintijd {}",
                    raw.end, raw.start
                ),
                "controleer start en end",
            ));
        }
        for (key, value) in [
            ("title", &raw.title),
            ("location", &raw.location),
            ("description", &raw.description),
        ] {
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
        if raw.participants == 0 {
            errors.push(err(
                "participants",
                "het aantal deelnemers is 0".into(),
                "vul het aantal uit het verslag in",
            ));
        }
        if raw.people.iter().any(|p| p.part.is_empty()) {
            errors.push(err(
                "people",
                "bij een persoon staat een lege lijst onder part".into(),
                "schrijf wat deze persoon deed: ontvangst, presentatie, gespreksleiding, opening of genoemd",
            ));
        }
        if raw.organisations.iter().any(|o| o.trim().is_empty()) {
            errors.push(err(
                "organisations",
                "de lijst met organisaties bevat een lege naam".into(),
                "haal de lege naam weg",
            ));
        }
        for c in raw
            .corrections
            .iter()
            .filter(|_| !lines.replaced("corrections"))
        {
            if !split.body.contains(&c.is) {
                errors.push(err(
                    "corrections",
                    format!(
                        "de correctie '{}' → '{}' staat niet in de tekst",
                        c.was, c.is
                    ),
                    "verbeter de tekst zelf ook, of haal de correctie weg",
                ));
            }
        }
        // A list that was wrong stands empty, not as its example: the checks across files
        // (organisations declared, corrections in the text) judge what the file says.
        fn written<T>(lines: &KeyLines, key: &str, list: Vec<T>) -> Vec<T> {
            if lines.replaced(key) {
                Vec::new()
            } else {
                list
            }
        }
        let organisations = written(&lines, "organisations", raw.organisations);
        let people = written(&lines, "people", raw.people);
        let corrections = written(&lines, "corrections", raw.corrections);
        let link_texts = written(&lines, "link_texts", raw.link_texts);
        let report = Report {
            slug,
            file: file.to_path_buf(),
            title: raw.title,
            topic: raw.topic,
            date,
            start: start.unwrap_or(time::Time::MIDNIGHT),
            end: end.unwrap_or(time::Time::MIDNIGHT),
            location: raw.location,
            participants: raw.participants,
            organisations,
            description: raw.description,
            people,
            corrections,
            link_texts,
            edition: raw
                .edition
                .unwrap_or_else(|| u16::try_from(date.year()).unwrap_or_default()),
            concept: raw.concept,
            lines,
        };
        let markdown = Markdown::new(split.body.into(), split.body_line);
        (Some((report, markdown)), errors)
    }

    /// The report's page: `rapporten/<slug>/`.
    pub fn path(&self) -> String {
        crate::urls::report(&self.slug)
    }

    /// `dinsdag 16 mei 2023`.
    pub fn date_text(&self) -> String {
        text::dutch_date(self.date)
    }
}

/// The slug a content file's name gives; names that are not slugs are refused so that URLs
/// stay predictable.
pub(crate) fn file_slug(file: &Path, errors: &mut ContentErrors) -> String {
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if !text::is_slug(&stem) {
        let suggestion = text::slug(&stem);
        errors.push(
            ContentError::new(file, 0, format!("de bestandsnaam '{stem}' is niet geschikt als webadres"))
                .hint(format!("gebruik alleen kleine letters, cijfers en streepjes, bijvoorbeeld '{suggestion}.md'")),
        );
    }
    stem
}

pub(crate) fn date_only(d: &toml::value::Datetime) -> Option<time::Date> {
    if d.time.is_some() || d.offset.is_some() {
        return None;
    }
    let date = d.date?;
    let month = time::Month::try_from(date.month).ok()?;
    time::Date::from_calendar_date(date.year.into(), month, date.day).ok()
}

/// A clock time as front matter writes it: two digits for the hour (00–23), a colon, two
/// for the minutes.
const HH_MM: &[BorrowedFormatItem<'static>] = format_description!("[hour]:[minute]");

/// A clock time the way people write it (`13.30`, `9:30`, `9.30 uur`), if it is one.
fn clock_time_as_written(value: &str) -> Option<time::Time> {
    let value = value.trim().trim_end_matches("uur").trim();
    let (hours, minutes) = value.split_once(['.', ':'])?;
    if minutes.len() != 2 {
        return None;
    }
    time::Time::from_hms(hours.parse().ok()?, minutes.parse().ok()?, 0).ok()
}

/// `09:30`: a report's time as its front matter writes it, which is also what a
/// `<time datetime>` attribute wants.
pub fn hh_mm(time: time::Time) -> String {
    time.format(HH_MM)
        .expect("an hour and a minute are all this format asks of a Time")
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) const GOOD: &str = r#"+++
title = "Verslag thematafel Eenzaamheid"
topic = "eenzaamheid"
date = 2023-05-23
start = "09:30"
end = "11:30"
location = "Bibliotheek, Almere"
participants = 18
organisations = ["De Schoor", "VMCA"]
description = "Kort."
people = [{ name = "Madalena Meijer", role = "projectleider", organisation = "Gemeente Almere", part = "ontvangst" }]
corrections = [{ was = "uitgagingen", is = "uitdagingen" }]
+++
Tekst over uitdagingen.
"#;

    #[test]
    fn one_part_or_more() {
        let r = Report::parse(
            Path::new("a.md"),
            &GOOD.replace(
                "part = \"ontvangst\"",
                "part = [\"gespreksleiding\", \"presentatie\"]",
            ),
        )
        .unwrap();
        assert_eq!(
            r.people[0].parts_label(),
            "Gespreksleiding en presentatie onderzoek"
        );
    }

    #[test]
    fn parses_a_good_report() {
        let (Some((r, markdown)), errors) =
            Report::read(Path::new("content/rapporten/eenzaamheid.md"), GOOD)
        else {
            panic!("reads");
        };
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(r.slug, "eenzaamheid");
        assert_eq!(r.date_text(), "dinsdag 23 mei 2023");
        assert_eq!(r.people[0].part, [Part::Ontvangst]);
        assert_eq!(markdown.line, 14);
        assert_eq!(r.lines.of("topic"), 3);
    }

    fn errors_of(text: &str) -> Vec<String> {
        Report::parse(Path::new("x.md"), text)
            .unwrap_err()
            .0
            .iter()
            .map(|e| format!("{}: {}", e.line, e.message))
            .collect()
    }

    #[test]
    fn each_bad_value_is_reported_on_its_line() {
        let bad = GOOD
            .replace("2023-05-23", "\"23 mei\"")
            .replace("\"09:30\"", "\"9 uur\"");
        // A wrong type does not hide the next problem: both in one run.
        assert_eq!(
            errors_of(&bad),
            [
                "4: de waarde van 'date' klopt niet",
                "5: '9 uur' is geen geldige tijd"
            ]
        );
        let bad = GOOD
            .replace("\"09:30\"", "\"9 uur\"")
            .replace("participants = 18", "participants = 0");
        assert_eq!(
            errors_of(&bad),
            [
                "5: '9 uur' is geen geldige tijd",
                "8: het aantal deelnemers is 0"
            ]
        );
        let bad = GOOD.replace("part = \"ontvangst\"", "part = \"gastheer\"");
        assert_eq!(errors_of(&bad), ["11: de waarde van 'people' klopt niet"]);
        let bad = GOOD.replace("Tekst over uitdagingen.", "Tekst.");
        assert_eq!(
            errors_of(&bad),
            ["12: de correctie 'uitgagingen' → 'uitdagingen' staat niet in de tekst"]
        );
    }

    #[test]
    fn several_wrong_types_are_all_reported() {
        let bad = GOOD
            .replace("participants = 18", "participants = \"12\"")
            .replace("2023-05-23", "23-05-2023")
            .replace("\"09:30\"", "\"13.30\"")
            .replace("description = \"Kort.\"", "description = 3");
        let all = [
            "4: deze datum staat niet als jaar-maand-dag",
            "5: '13.30' is geen geldige tijd",
            "8: de waarde van 'participants' klopt niet",
            "10: de waarde van 'description' klopt niet",
        ];
        // The day-first date unquoted is a syntax error, which costs only its own key: the
        // other keys are still read and checked.
        assert_eq!(errors_of(&bad), all);
        let bad = bad.replace("23-05-2023", "\"23-05-2023\"");
        assert_eq!(errors_of(&bad), all);
        // The lists that were wrong are not judged as their examples (no correction check).
        let bad = GOOD.replace("corrections = [", "corrections = 3 #[");
        assert_eq!(
            errors_of(&bad),
            ["12: de waarde van 'corrections' klopt niet"]
        );
    }

    #[test]
    fn times_written_the_dutch_way_get_the_right_form() {
        for (written, want) in [("13.30", "13:30"), ("9:30", "09:30"), ("9.30 uur", "09:30")] {
            assert_eq!(
                clock_time_as_written(written).map(hh_mm).as_deref(),
                Some(want)
            );
        }
        for written in ["9 uur", "25.00", "13.3", "half tien"] {
            assert_eq!(clock_time_as_written(written), None, "{written}");
        }
    }

    #[test]
    fn unknown_and_missing_keys_are_all_reported() {
        let bad = GOOD
            .replace("title =", "titel =")
            .replace("location = \"Bibliotheek, Almere\"\n", "");
        assert_eq!(
            errors_of(&bad),
            [
                "1: het verplichte veld 'title' ontbreekt",
                "1: het verplichte veld 'location' ontbreekt",
                "2: onbekend veld 'titel'"
            ]
        );
    }

    #[test]
    fn clock_times() {
        for ok in ["00:00", "09:30", "23:59"] {
            let time = time::Time::parse(ok, HH_MM).unwrap();
            assert_eq!(hh_mm(time), ok);
        }
        for bad in [
            "9:30", "24:00", "12:60", "12.00", "+1:00", "1a:00", "09:30:00", " 09:30", "",
        ] {
            assert!(time::Time::parse(bad, HH_MM).is_err(), "{bad}");
        }
    }

    #[test]
    fn end_must_follow_start() {
        let bad = GOOD.replace("\"11:30\"", "\"09:30\"");
        assert_eq!(
            errors_of(&bad),
            ["6: de eindtijd 09:30 ligt niet na de begintijd 09:30"]
        );
        let r = Report::parse(Path::new("x.md"), GOOD).unwrap();
        assert_eq!(
            (hh_mm(r.start), hh_mm(r.end)),
            ("09:30".into(), "11:30".into())
        );
    }

    #[test]
    fn every_part_is_offered_by_its_key() {
        let keys: Vec<&str> = Part::ALL.iter().map(|p| p.key()).collect();
        assert_eq!(keys, Part::NAMES);
    }
}
