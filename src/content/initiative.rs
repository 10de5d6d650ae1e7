//! Named initiatives (`content/initiatieven.toml`) and participating organisations
//! (`content/organisaties.toml`): data the communications team keeps by hand.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{ContentError, ContentErrors};
use crate::text;
use crate::toml_doc::{self, Choices, Field, Input, KeyLines, optional, required};

/// What sort of thing an initiative is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Activiteit,
    App,
    Bijeenkomst,
    /// Neutral: for what the reports name without saying what sort of thing it is.
    Initiatief,
    Netwerk,
    Pilot,
    Platform,
    Plek,
    Programma,
    Project,
    Systeem,
    Werkwijze,
    Woonvorm,
}

impl Kind {
    /// Every kind, as the data file writes it.
    pub const NAMES: [&'static str; 13] = [
        "activiteit",
        "app",
        "bijeenkomst",
        "initiatief",
        "netwerk",
        "pilot",
        "platform",
        "plek",
        "programma",
        "project",
        "systeem",
        "werkwijze",
        "woonvorm",
    ];

    /// The kind as a word in a sentence ("app", "plek").
    pub fn label(self) -> &'static str {
        match self {
            Kind::Activiteit => "activiteit",
            Kind::App => "app",
            Kind::Bijeenkomst => "bijeenkomst",
            Kind::Initiatief => "initiatief",
            Kind::Netwerk => "netwerk",
            Kind::Pilot => "pilot",
            Kind::Platform => "platform",
            Kind::Plek => "plek",
            Kind::Programma => "programma",
            Kind::Project => "project",
            Kind::Systeem => "systeem",
            Kind::Werkwijze => "werkwijze",
            Kind::Woonvorm => "woonvorm",
        }
    }

    /// The heading of a group of this kind ("Apps", "Plekken").
    pub fn plural(self) -> &'static str {
        match self {
            Kind::Activiteit => "Activiteiten",
            Kind::App => "Apps",
            Kind::Bijeenkomst => "Bijeenkomsten",
            Kind::Initiatief => "Overige initiatieven",
            Kind::Netwerk => "Netwerken",
            Kind::Pilot => "Pilots",
            Kind::Platform => "Platforms",
            Kind::Plek => "Plekken",
            Kind::Programma => "Programma's",
            Kind::Project => "Projecten",
            Kind::Systeem => "Systemen",
            Kind::Werkwijze => "Werkwijzen",
            Kind::Woonvorm => "Woonvormen",
        }
    }
}

/// How the reports speak of an initiative, in their own words: the site says no more.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MentionedAs {
    /// Named as a good example, as something that works.
    Voorbeeld,
    /// Proposed: an idea, a programme or an approach to take up.
    Idee,
    /// Named as something lost, gone or lacking.
    Gemis,
    /// Only named; the report does not say how it sees it.
    Genoemd,
}

impl MentionedAs {
    /// As a phrase after "Genoemd …" on the pages.
    pub fn label(self) -> &'static str {
        match self {
            MentionedAs::Voorbeeld => "als goed voorbeeld",
            MentionedAs::Idee => "als idee of voorstel",
            MentionedAs::Gemis => "als iets wat mist of verdwenen is",
            MentionedAs::Genoemd => "zonder oordeel",
        }
    }

    /// The heading of a group on the initiatives page.
    pub fn plural(self) -> &'static str {
        match self {
            MentionedAs::Voorbeeld => "Genoemd als goed voorbeeld",
            MentionedAs::Idee => "Genoemd als idee of voorstel",
            MentionedAs::Gemis => "Genoemd als iets wat mist of verdwenen is",
            MentionedAs::Genoemd => "Genoemd zonder oordeel",
        }
    }

    /// Every value, as the data file writes it.
    pub const NAMES: [&'static str; 4] = ["voorbeeld", "idee", "gemis", "genoemd"];

    pub fn all() -> [MentionedAs; 4] {
        [
            MentionedAs::Voorbeeld,
            MentionedAs::Idee,
            MentionedAs::Gemis,
            MentionedAs::Genoemd,
        ]
    }

    /// For ids and open data: `voorbeeld`, `idee`, …
    pub fn key(self) -> &'static str {
        match self {
            MentionedAs::Voorbeeld => "voorbeeld",
            MentionedAs::Idee => "idee",
            MentionedAs::Gemis => "gemis",
            MentionedAs::Genoemd => "genoemd",
        }
    }
}

/// A named initiative, programme, place or idea the reports mention.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Initiative {
    pub name: String,
    pub slug: String,
    pub kind: Kind,
    pub mentioned_as: MentionedAs,
    /// The phrases that mark a mention, exactly as the reports write them.
    pub aliases: Vec<String>,
    pub description: String,
    /// Words of a report that support the description; the build checks they are there.
    pub quote: String,
    /// Where its `quote = …` line stands, for errors about the quote.
    #[serde(skip)]
    pub quote_line: usize,
    /// Where its `[[initiatief]]` line stands, for errors.
    #[serde(skip)]
    pub line: usize,
    /// Where its `aliases = …` line stands, for errors about an alias.
    #[serde(skip)]
    pub aliases_line: usize,
    /// Not yet published, whatever the reports say (see [`crate::concepts`]).
    #[serde(default)]
    pub concept: bool,
    /// Where its `concept = …` line stands (its `[[initiatief]]` line without one).
    #[serde(skip)]
    pub concept_line: usize,
}

impl Initiative {
    pub fn path(&self) -> String {
        crate::urls::initiative(&self.slug)
    }
}

/// An organisation that took part, with every way the reports write its name.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    pub name: String,
    pub slug: String,
    pub variants: Vec<String>,
    /// A group of people ("Onderzoekers") rather than one organisation.
    #[serde(default)]
    pub group: bool,
    /// The report's own words where they had to be interpreted ("Fornhese GGZ-Centraal
    /// Politie"); shown beside the `note`, and checked to stand in a report.
    #[serde(default)]
    pub as_written: Option<String>,
    /// The editors' interpretation of `as_written`, shown as such.
    #[serde(default)]
    pub note: Option<String>,
    /// The slug of the initiative this organisation is also known as.
    #[serde(default)]
    pub initiative: Option<String>,
    /// Reports whose list of participants does not name it, though the text says it was
    /// there (then `as_written` and `note` say where and how).
    #[serde(default)]
    pub attended: Vec<String>,
    /// Not yet published, whatever the reports say (see [`crate::concepts`]).
    #[serde(default)]
    pub concept: bool,
    #[serde(skip)]
    pub line: usize,
    #[serde(skip)]
    pub as_written_line: usize,
    /// Where its `concept = …` line stands (its `[[organisatie]]` line without one).
    #[serde(skip)]
    pub concept_line: usize,
}

impl Organisation {
    /// Without an organisations file, every name as written is its own organisation.
    pub fn as_written(reports: &[super::Report]) -> Vec<Organisation> {
        let names: std::collections::BTreeSet<&str> = reports
            .iter()
            .flat_map(|r| r.organisations.iter().map(String::as_str))
            .collect();
        names
            .into_iter()
            .map(|n| Organisation {
                name: n.to_owned(),
                slug: text::slug(n),
                variants: vec![n.to_owned()],
                group: false,
                as_written: None,
                note: None,
                initiative: None,
                attended: Vec::new(),
                concept: false,
                line: 0,
                as_written_line: 0,
                concept_line: 0,
            })
            .collect()
    }

    // One pass per declared thing (participants lines, people, attended tables, initiative
    // links), each with its own Dutch message: longer than most, but flat.
    /// Every organisation a report names must be declared: variants are normalised by data,
    /// never guessed.
    pub fn check_declared(
        list: &[Organisation],
        file: &Path,
        reports: &[super::Report],
        initiatives: &[Initiative],
    ) -> ContentErrors {
        let mut errors = ContentErrors::default();
        for r in reports {
            for name in &r.organisations {
                if !list.iter().any(|o| o.variants.contains(name)) {
                    let names = list
                        .iter()
                        .flat_map(|o| o.variants.iter().map(String::as_str));
                    let add = format!(
                        "voeg '{name}' toe aan content/{ORGANISATIONS_FILE}, als schrijfwijze (variants) \
                         van een organisatie of als nieuwe organisatie"
                    );
                    let hint = match crate::error::did_you_mean(name, names) {
                        Some(s) => format!("bedoelde u '{s}'? Anders: {add}"),
                        None => add,
                    };
                    errors.push(
                        ContentError::new(
                            &r.file,
                            r.lines.of("organisations"),
                            format!("onbekende organisatie '{name}'"),
                        )
                        .hint(hint),
                    );
                }
            }
            // The organisation of a person in a public role (the bureau that led the table)
            // is declared too, so the organisations page can say which tables it led.
            for person in &r.people {
                let name = &person.organisation;
                if !name.is_empty() && !list.iter().any(|o| o.variants.contains(name)) {
                    errors.push(
                        ContentError::new(
                            &r.file,
                            r.lines.of("people"),
                            format!("onbekende organisatie '{name}' bij {}", person.name),
                        )
                        .hint(format!(
                            "voeg '{name}' toe aan content/{ORGANISATIONS_FILE}, als schrijfwijze (variants) van een organisatie of als nieuwe organisatie"
                        )),
                    );
                }
            }
        }
        for o in list {
            for slug in &o.attended {
                if !reports.iter().any(|r| &r.slug == slug) {
                    errors.push(
                        ContentError::new(
                            file,
                            o.line,
                            format!("'{}': attended noemt een verslag '{slug}' dat niet bestaat", o.name),
                        )
                        .hint("schrijf de bestandsnaam van het verslag zonder .md, bijvoorbeeld \"sociale-basis\""),
                    );
                }
            }
            if let Some(slug) = &o.initiative
                && !initiatives.iter().any(|i| &i.slug == slug)
            {
                let hint = match crate::error::did_you_mean(
                    slug,
                    initiatives.iter().map(|i| i.slug.as_str()),
                ) {
                    Some(s) => format!("bedoelt u '{s}'?"),
                    None => {
                        format!("schrijf de slug van een initiatief uit content/{INITIATIVES_FILE}")
                    }
                };
                errors.push(
                    ContentError::new(
                        file,
                        o.line,
                        format!(
                            "'{}': initiative noemt een initiatief '{slug}' dat niet bestaat",
                            o.name
                        ),
                    )
                    .hint(hint),
                );
            }
        }
        errors
    }

    /// Whether a report names this organisation (in any of its forms), in its list of
    /// participants or, by the editors' reading of its text, in `attended`.
    pub fn took_part_in(&self, report: &super::Report) -> bool {
        self.attended.contains(&report.slug)
            || report
                .organisations
                .iter()
                .any(|n| self.variants.contains(n))
    }

    /// The people of this organisation who had a public role at a report's table.
    pub fn people_in<'a>(
        &'a self,
        report: &'a super::Report,
    ) -> impl Iterator<Item = &'a super::Person> + 'a {
        report
            .people
            .iter()
            .filter(|p| self.variants.contains(&p.organisation))
    }
}

/// The keys of one `[[initiatief]]`, in the order `new initiatief` writes them and the editor
/// shows them, with what to fill in.
pub const INITIATIVE_FIELDS: &[Field] = &[
    required("name", "name = \"Welcome app\"")
        .label("Naam")
        .hint("De naam zoals die op de site moet staan."),
    required("slug", "slug = \"welcome-app\"")
        .label("Webadres (slug)")
        .hint(
            "Het laatste deel van het webadres: /initiatieven/<slug>/. Alleen kleine letters, \
             cijfers en streepjes; elke slug maar één keer.",
        ),
    required("kind", "kind = \"app\"")
        .label("Soort")
        .hint(
            "Het soort dat het verslag zelf noemt. Zegt het verslag niet wat het is: \
             initiatief.",
        )
        .input(Input::OneOf(Choices::Words(&Kind::NAMES))),
    required("mentioned_as", "mentioned_as = \"voorbeeld\"")
        .label("Hoe het verslag het noemt")
        .hint(
            "voorbeeld (als goed voorbeeld), idee (als idee of voorstel), gemis (iets wat mist \
             of verdwenen is) of genoemd (zonder oordeel). Alleen wat het verslag zegt.",
        )
        .input(Input::OneOf(Choices::Words(&MentionedAs::NAMES))),
    required("aliases", "aliases = [\"Welcome app\"]")
        .label("Woorden in de verslagen")
        .hint(
            "De woorden zoals ze letterlijk in de verslagen staan (ook meervoud, met en zonder \
             \"De\"). Een woord dat in geen enkel verslag staat, geeft een foutmelding.",
        ),
    required(
        "description",
        "description = \"Een app voor nieuwkomers in Almere.\"",
    )
    .label("Beschrijving")
    .hint("Eén korte zin in eenvoudig Nederlands, met alleen wat de verslagen erover zeggen.")
    .input(Input::Text),
    required("quote", "quote = \"zoals de Welcome app voor nieuwkomers\"")
        .label("Bron")
        .hint(
            "Kopieer letterlijk de woorden uit één alinea of punt van een verslag waar de \
             beschrijving op steunt. Er wordt gecontroleerd of ze in een verslag staan.",
        )
        .input(Input::Text),
    optional("concept", "concept = true").label("Concept").hint(
        "Aan (true): het initiatief komt nog niet op de site, ook niet als een \
             gepubliceerd verslag het noemt. Staan de bron en de woorden alleen in verslagen \
             die nog een concept zijn, dan is het vanzelf een concept.",
    ),
];

/// The keys of one `[[organisatie]]`, as the editor shows them.
pub const ORGANISATION_FIELDS: &[Field] = &[
    required("name", "name = \"GGD Flevoland\"")
        .label("Naam")
        .hint("De naam zoals u die op de site wilt zien."),
    required("slug", "slug = \"ggd-flevoland\"")
        .label("Korte naam voor de link (slug)")
        .hint("Alleen kleine letters, cijfers en streepjes; elke slug maar één keer."),
    required("variants", "variants = [\"GGD Flevoland\", \"GGD\"]")
        .label("Schrijfwijzen")
        .hint(
            "Elke vorm van de naam zoals die letterlijk in de lijst met deelnemers van een \
             verslag staat, of bij de organisatie van een persoon. Let op hoofdletters en op \
             het soort apostrof. Een vorm mag maar bij één organisatie staan.",
        ),
    optional("group", "group = true")
        .label("Groep mensen")
        .hint("Aan als het om een groep mensen gaat en niet om één organisatie (zoals \"Onderzoekers\")."),
    optional(
        "as_written",
        "as_written = \"Fornhese GGZ-Centraal Politie\"",
    )
    .label("Zoals in het verslag")
    .hint(
        "Alleen als een regel niet duidelijk is: de woorden precies zoals ze in een verslag \
         staan. Er wordt gecontroleerd of ze in een verslag staan.",
    ),
    optional(
        "note",
        "note = \"De redactie leest dit als drie organisaties.\"",
    )
    .label("Uitleg van de redactie")
    .hint("Eén korte zin die zegt hoe de redactie die woorden leest: \"De redactie leest …\".")
    .input(Input::Text),
    optional(
        "initiative",
        "initiative = \"almeerse-alliantie-kinderarmoede\"",
    )
    .label("Initiatief met dezelfde naam")
    .hint("Het initiatief dat bij deze organisatie hoort; de twee pagina's linken dan naar elkaar.")
    .input(Input::OneOf(Choices::Initiatives)),
    optional("attended", "attended = [\"sociale-basis\"]")
        .label("Was ook bij")
        .hint(
            "Verslagen waar de organisatie bij was, terwijl zij niet in de lijst met \
             deelnemers staat. Vul dan ook 'Zoals in het verslag' en de uitleg in.",
        )
        .input(Input::SomeOf(Choices::Reports)),
    optional("concept", "concept = true")
        .label("Concept")
        .hint(
            "Aan (true): de organisatie komt nog niet op de site. Noemen alleen verslagen die \
             nog een concept zijn haar, dan is zij vanzelf een concept.",
        ),
];

/// The file of initiatives, relative to `content/`.
pub const INITIATIVES_FILE: &str = "initiatieven.toml";
/// The file of organisations, relative to `content/`.
pub const ORGANISATIONS_FILE: &str = "organisaties.toml";

/// Reads the initiatives; a missing file means there are none.
pub fn load_initiatives(content_dir: &Path) -> Result<(PathBuf, Vec<Initiative>), ContentErrors> {
    let file = content_dir.join(INITIATIVES_FILE);
    let items: Vec<Initiative> = load_entries(
        &file,
        "initiatief",
        INITIATIVE_FIELDS,
        |i: &mut Initiative, lines: &KeyLines| {
            i.line = lines.start;
            i.aliases_line = lines.of("aliases");
            i.quote_line = lines.of("quote");
            i.concept_line = lines.of("concept");
        },
    )?;
    let mut errors = ContentErrors::default();
    check_slugs(
        &file,
        items.iter().map(|i| (i.slug.as_str(), i.line)),
        "initiatief",
        &mut errors,
    );
    for i in &items {
        if i.aliases.is_empty() || i.aliases.iter().any(|a| text::fold(a).trim().is_empty()) {
            errors.push(
                ContentError::new(
                    &file,
                    i.line,
                    format!("initiatief '{}' heeft een lege alias", i.name),
                )
                .hint("zet onder aliases de woorden zoals ze in de verslagen staan"),
            );
        }
        if i.description.trim().is_empty() {
            errors.push(
                ContentError::new(
                    &file,
                    i.line,
                    format!("initiatief '{}' heeft geen beschrijving", i.name),
                )
                .hint("schrijf één korte zin die zegt wat de verslagen erover zeggen"),
            );
        }
    }
    // A description is about one initiative: two that read the same say nothing of either.
    let mut descriptions: std::collections::BTreeMap<String, &Initiative> = Default::default();
    for i in &items {
        let key = text::fold(i.description.trim());
        if let Some(other) = descriptions.insert(key, i) {
            errors.push(
                ContentError::new(
                    &file,
                    i.line,
                    format!("'{}' heeft dezelfde beschrijving als '{}'", i.name, other.name),
                )
                .hint("zeg bij elk initiatief wat het is, met de woorden van het verslag; zegt het verslag niet meer, schrijf dat dan"),
            );
        }
    }
    // Two initiatives may not share an alias: a mention must name one initiative.
    let mut seen: std::collections::BTreeMap<String, &Initiative> = Default::default();
    for i in &items {
        for alias in &i.aliases {
            let key = text::fold(alias);
            match seen.get(&key) {
                Some(other) if other.slug != i.slug => errors.push(
                    ContentError::new(&file, i.line, format!("de alias '{alias}' hoort ook bij '{}'", other.name))
                        .hint(format!("een alias mag maar bij één initiatief staan; haal hem weg bij '{}' of bij '{}'", i.name, other.name)),
                ),
                _ => {
                    seen.insert(key, i);
                }
            }
        }
    }
    errors.into_result((file, items))
}

/// Reads the organisations; a missing file means there are none.
pub fn load_organisations(
    content_dir: &Path,
) -> Result<(PathBuf, Vec<Organisation>), ContentErrors> {
    let file = content_dir.join(ORGANISATIONS_FILE);
    let items: Vec<Organisation> = load_entries(
        &file,
        "organisatie",
        ORGANISATION_FIELDS,
        |o: &mut Organisation, lines: &KeyLines| {
            o.line = lines.start;
            o.as_written_line = lines.of("as_written");
            o.concept_line = lines.of("concept");
        },
    )?;
    let mut errors = ContentErrors::default();
    for o in &items {
        // An interpretation is shown with the words it interprets, never alone.
        let missing = match (&o.as_written, &o.note) {
            (Some(_), None) => Some("note"),
            (None, Some(_)) => Some("as_written"),
            (None, None) if !o.attended.is_empty() => Some("as_written en note"),
            _ => None,
        };
        if let Some(missing) = missing {
            errors.push(
                ContentError::new(&file, o.line, format!("'{}' mist {missing}", o.name)).hint(
                    "zet bij een uitleg (note) altijd de woorden uit het verslag (as_written), en andersom",
                ),
            );
        }
    }
    check_slugs(
        &file,
        items.iter().map(|o| (o.slug.as_str(), o.line)),
        "organisatie",
        &mut errors,
    );
    let mut seen: std::collections::BTreeMap<&str, &Organisation> = Default::default();
    for o in &items {
        for v in &o.variants {
            if let Some(other) = seen.insert(v.as_str(), o) {
                errors.push(
                    ContentError::new(
                        &file,
                        o.line,
                        format!("de schrijfwijze '{v}' staat ook bij '{}'", other.name),
                    )
                    .hint("een schrijfwijze mag maar bij één organisatie staan"),
                );
            }
        }
    }
    errors.into_result((file, items))
}

pub(super) fn load_entries<T: serde::de::DeserializeOwned>(
    file: &Path,
    header: &str,
    fields: &[Field],
    set_lines: impl Fn(&mut T, &KeyLines),
) -> Result<Vec<T>, ContentErrors> {
    let text = match std::fs::read_to_string(file) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => {
            return Err(
                ContentError::new(file, 0, format!("kan het bestand niet lezen ({e})")).into(),
            );
        }
    };
    let mut errors = ContentErrors::default();
    let mut items = Vec::new();
    for doc in toml_doc::entries(file, &text, header)? {
        match doc.parse::<T>(fields) {
            Ok((mut item, lines)) => {
                set_lines(&mut item, &lines);
                items.push(item);
            }
            Err(e) => errors.extend(e),
        }
    }
    errors.into_result(items)
}

fn check_slugs<'a>(
    file: &Path,
    slugs: impl Iterator<Item = (&'a str, usize)>,
    what: &str,
    errors: &mut ContentErrors,
) {
    let mut seen = std::collections::BTreeSet::new();
    for (slug, line) in slugs {
        if !text::is_slug(slug) {
            errors.push(
                ContentError::new(file, line, format!("'{slug}' is geen geldige slug")).hint(
                    format!(
                        "gebruik alleen kleine letters, cijfers en streepjes, bijvoorbeeld '{}'",
                        text::slug(slug)
                    ),
                ),
            );
        }
        if !seen.insert(slug) {
            errors.push(
                ContentError::new(
                    file,
                    line,
                    format!("dubbele slug: er is al een {what} '{slug}'"),
                )
                .hint("elke slug mag maar één keer voorkomen"),
            );
        }
    }
}
