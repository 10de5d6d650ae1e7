//! Named initiatives (`content/initiatieven.toml`) and participating organisations
//! (`content/organisaties.toml`): data the communications team keeps by hand.

use std::collections::HashMap;
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
    /// Where it is and when, in a report's own words ("Almere Haven", "27 juni van
    /// 17:30-21:00 uur"), where the report says so; checked to stand in a report like `quote`.
    #[serde(default)]
    pub place: Option<String>,
    #[serde(default)]
    pub when: Option<String>,
    /// A way in that the editors add (the official page, an app store page, a contact page):
    /// the reports give none, and the page says so.
    #[serde(default)]
    pub links: Vec<EditorialLink>,
    /// Where its `[[initiatief]]` line stands, for errors.
    #[serde(skip)]
    pub line: usize,
    /// Not yet published, whatever the reports say (see [`crate::parse::concepts`]).
    #[serde(default)]
    pub concept: bool,
    /// Where each of its keys stands (`lines.of("quote")`; the `[[initiatief]]` line for a key
    /// it does not have), and which were wrong: those stand in as empty (no aliases, no quote),
    /// and the checks across files skip them.
    #[serde(skip)]
    pub lines: KeyLines,
}

impl Initiative {
    pub fn path(&self) -> String {
        crate::urls::initiative(&self.slug)
    }
}

/// A link the editors add to an initiative's page, in the site's own words (like a report's
/// `link_texts`): the text, the address and the day an editor last opened it and saw it lead
/// where the text says.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EditorialLink {
    pub text: String,
    pub url: String,
    pub checked: toml::value::Datetime,
}

impl EditorialLink {
    /// The day it was checked, when `checked` is a date (the loader refuses anything else).
    pub fn checked_on(&self) -> Option<time::Date> {
        super::report::date_only(&self.checked)
    }
}

/// A link older than this many days is reported by `check` as due for a look.
pub const LINK_CHECK_DAYS: i64 = 365;

/// The form of each editorial link of `i`: a text, an address that is a whole http(s) web
/// address (parsed by the `url` crate), a date for `checked`, and no address twice.
fn check_links(file: &Path, i: &Initiative, errors: &mut ContentErrors) {
    let at = |message: String, hint: &str| {
        ContentError::new(file, i.lines.of("links"), message).hint(hint.to_owned())
    };
    let mut seen = std::collections::BTreeSet::new();
    for link in &i.links {
        let name = if link.text.trim().is_empty() {
            link.url.as_str()
        } else {
            link.text.as_str()
        };
        if link.text.trim().is_empty() {
            errors.push(at(
                format!("een link van '{}' heeft geen tekst", i.name),
                "schrijf onder text in een paar woorden waar de link heen gaat, bijvoorbeeld text = \"De Welcome app in de App Store\"",
            ));
        }
        let web = url::Url::parse(link.url.trim()).ok().filter(|u| {
            matches!(u.scheme(), "https" | "http")
                && u.host_str().is_some_and(|h| h.contains('.'))
                && link.url.trim() == link.url
                && !link.url.contains(char::is_whitespace)
        });
        if web.is_none() {
            errors.push(at(
                format!("de link '{name}' van '{}' heeft geen geldig webadres: '{}'", i.name, link.url),
                "kopieer het hele adres uit de adresbalk van de browser, met https:// ervoor en zonder spaties, bijvoorbeeld url = \"https://www.almere.nl/\"",
            ));
        } else if !seen.insert(link.url.trim_end_matches('/')) {
            errors.push(at(
                format!("de link '{name}' van '{}' staat er twee keer", i.name),
                "haal een van de twee weg",
            ));
        }
        if link.checked_on().is_none() {
            errors.push(at(
                format!("de link '{name}' van '{}': checked = {} is geen datum", i.name, link.checked),
                "schrijf de dag waarop u de link hebt gecontroleerd als jaar-maand-dag, zonder aanhalingstekens en zonder tijd: checked = 2026-12-06",
            ));
        }
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
    /// One person, named by their role ("Gemeenteraadslid"), rather than an organisation.
    #[serde(default)]
    pub person: bool,
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
    /// Not yet published, whatever the reports say (see [`crate::parse::concepts`]).
    #[serde(default)]
    pub concept: bool,
    #[serde(skip)]
    pub line: usize,
    /// Where each of its keys stands, and which were wrong (see [`Initiative::lines`]).
    #[serde(skip)]
    pub lines: KeyLines,
}

/// Which organisations a name or a report names, each organisation by its place in the list:
/// by any way it is written (`variants`) or by a report it says it attended (`attended`).
/// [`Organisation::took_part_in`] and [`Organisation::people_in`] ask one organisation;
/// asking each of them about every report took most of load's check of declared names,
/// parse's concept decision and render's organisations' views at 10,000 reports, so those
/// three look names up here. `tests/it/initiatives.rs` holds the organisations' tables to what
/// those two say.
pub struct Names {
    by_variant: HashMap<String, Vec<usize>>,
    by_slug: HashMap<String, Vec<usize>>,
}

impl Names {
    pub fn new(list: &[Organisation]) -> Names {
        // Each organisation once per name, however often it lists the name.
        fn add(table: &mut HashMap<String, Vec<usize>>, name: &str, at: usize) {
            let places = table.entry(name.to_owned()).or_default();
            if places.last() != Some(&at) {
                places.push(at);
            }
        }
        let (mut by_variant, mut by_slug) = (HashMap::new(), HashMap::new());
        for (at, o) in list.iter().enumerate() {
            o.variants.iter().for_each(|v| add(&mut by_variant, v, at));
            o.attended.iter().for_each(|a| add(&mut by_slug, a, at));
        }
        Names {
            by_variant,
            by_slug,
        }
    }

    /// The organisations that write `name` so.
    pub fn writing(&self, name: &str) -> &[usize] {
        self.by_variant.get(name).map_or(&[], Vec::as_slice)
    }

    /// The organisations that took part in `report` ([`Organisation::took_part_in`]), each
    /// once, in order.
    pub fn at_table(&self, report: &super::Report) -> Vec<usize> {
        self.named_by(report, false)
    }

    /// The organisations that name `report`: those at its table and those whose people had a
    /// public role there ([`Organisation::people_in`]), each once, in order.
    pub fn of(&self, report: &super::Report) -> Vec<usize> {
        self.named_by(report, true)
    }

    fn named_by(&self, report: &super::Report, people: bool) -> Vec<usize> {
        let people = report.people.iter().filter(|_| people);
        let names = (report.organisations.iter()).chain(people.map(|p| &p.organisation));
        let mut named: Vec<usize> = (self.by_slug.get(&report.slug).into_iter().flatten())
            .chain(names.flat_map(|n| self.writing(n)))
            .copied()
            .collect();
        named.sort_unstable();
        named.dedup();
        named
    }
}

impl Organisation {
    /// Without an organisations file, every name as written is its own organisation.
    pub fn as_written(reports: &[std::sync::Arc<super::Report>]) -> Vec<Organisation> {
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
                person: false,
                as_written: None,
                note: None,
                initiative: None,
                attended: Vec::new(),
                concept: false,
                line: 0,
                lines: KeyLines::default(),
            })
            .collect()
    }

    // One pass per declared thing (participants lines, people, attended tables, initiative
    // links), each with its own Dutch message: longer than most, but flat.
    /// Every organisation a report names must be declared: variants are normalised by data,
    /// never guessed.
    ///
    /// What another file would have declared is never blamed on this one: `initiatives` is
    /// `None` when their file could not be read, `unread_reports` are the slugs of report
    /// files that could not be read at all, and an entry whose own list (`variants`, `slug`)
    /// was wrong may have declared any name.
    pub fn check_declared(
        list: &[Organisation],
        file: &Path,
        reports: &[std::sync::Arc<super::Report>],
        initiatives: Option<&[Initiative]>,
        unread_reports: &[String],
    ) -> ContentErrors {
        let mut errors = ContentErrors::default();
        let all_variants_read = !list.iter().any(|o| o.lines.replaced("variants"));
        // Looked up by name ([`Names`]), each report on its own and in parallel: every report
        // names ten organisations or so, and comparing each with every variant of every
        // organisation took 11–14 ms of each of `serve`'s rebuilds at 10,000 reports.
        let declared = Names::new(list);
        if all_variants_read {
            use rayon::prelude::*;
            let unknown: Vec<Vec<ContentError>> = reports
                .par_iter()
                .map(|r| Organisation::unknown_in(r, list, &declared))
                .collect();
            unknown.into_iter().flatten().for_each(|e| errors.push(e));
        }
        let all_slugs_read =
            initiatives.is_some_and(|l| !l.iter().any(|i| i.lines.replaced("slug")));
        for o in list {
            for slug in &o.attended {
                if !reports.iter().any(|r| &r.slug == slug) && !unread_reports.contains(slug) {
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
                && let Some(initiatives) = initiatives.filter(|_| all_slugs_read)
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

    /// The organisations report `r` names, in its list or with a person, that no organisation
    /// of `list` writes so (`declared`).
    fn unknown_in(r: &super::Report, list: &[Organisation], declared: &Names) -> Vec<ContentError> {
        let mut errors = Vec::new();
        for name in &r.organisations {
            if declared.writing(name).is_empty() {
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
            if !name.is_empty() && declared.writing(name).is_empty() {
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
        errors
    }

    /// An organisation, not a group of people or one person: what the site's counts of
    /// organisations count.
    pub fn is_organisation(&self) -> bool {
        !self.group && !self.person
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
    optional("place", "place = \"Almere Haven\"")
        .label("Waar, volgens het verslag")
        .hint(
            "Alleen als het verslag zegt waar het is: de woorden letterlijk uit het verslag. \
             Er wordt gecontroleerd of ze in een verslag staan.",
        ),
    optional("when", "when = \"27 juni van 17:30-21:00 uur\"")
        .label("Wanneer, volgens het verslag")
        .hint(
            "Alleen als het verslag zegt wanneer het is: de woorden letterlijk uit het \
             verslag. Er wordt gecontroleerd of ze in een verslag staan.",
        ),
    optional(
        "links",
        "links = [{ text = \"De website van de Welcome app\", url = \"https://…\", checked = 2026-12-06 }]",
    )
    .label("Links van de redactie")
    .hint(
        "Links die de redactie toevoegt; ze staan niet in het verslag en de pagina zegt dat \
         ook. Alleen een adres dat u zelf hebt geopend en gecontroleerd.",
    )
    .fields(LINK_FIELDS),
];

/// The keys of one editors' link (`links`), as the editor shows them.
const LINK_FIELDS: &[Field] = &[
    required("text", "text = \"De website van de Welcome app\"")
        .label("Tekst van de link")
        .hint("Wat de lezer ziet: zeg waar de link heen gaat."),
    required("url", "url = \"https://www.welcomeapp.nl/\"")
        .label("Webadres")
        .hint("Het hele adres, met https:// ervoor."),
    required("checked", "checked = 2026-12-06")
        .label("Gecontroleerd op")
        .hint(
            "De dag waarop u de link het laatst hebt geopend. vindplaats check waarschuwt als \
             dat meer dan een jaar geleden is.",
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
    optional("person", "person = true")
        .label("Eén persoon")
        .hint("Aan als de naam één persoon is en geen organisatie (zoals \"Gemeenteraadslid\").",),
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
    let (file, items, errors) = load_initiatives_all(content_dir);
    errors.into_result((file, items.unwrap_or_default()))
}

// Longer than most: each entry's keys checked in the order of the file, as a report's are.
/// Reads the initiatives with every problem: an entry with a wrong key is kept (see
/// [`Initiative::lines`]), so that its other keys are still checked across files; `None`
/// when the file cannot be read at all.
pub fn load_initiatives_all(
    content_dir: &Path,
) -> (PathBuf, Option<Vec<Initiative>>, ContentErrors) {
    let file = content_dir.join(INITIATIVES_FILE);
    let (entries, mut errors) = load_entries::<Initiative>(&file, "initiatief", INITIATIVE_FIELDS);
    let Some(entries) = entries else {
        return (file, None, errors);
    };
    let mut items = Vec::new();
    for entry in entries {
        errors.extend(entry.errors);
        let (mut i, lines) = (entry.value, entry.lines);
        i.line = lines.start;
        // A wrong value stands in as nothing rather than as its example, which other checks
        // would judge (an example quote found in no report).
        if lines.replaced("name") {
            i.name = format!("het initiatief op regel {}", i.line);
        }
        if lines.replaced("aliases") {
            i.aliases.clear();
        }
        if lines.replaced("quote") {
            i.quote.clear();
        }
        i.lines = lines;
        items.push(i);
    }
    check_slugs(
        &file,
        items
            .iter()
            .filter(|i| !i.lines.replaced("slug"))
            .map(|i| (i.slug.as_str(), i.line)),
        "initiatief",
        &mut errors,
    );
    for i in &items {
        check_links(&file, i, &mut errors);
        let read = !i.lines.replaced("aliases");
        if read
            && (i.aliases.is_empty() || i.aliases.iter().any(|a| text::fold(a).trim().is_empty()))
        {
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
                    i.lines.of("description"),
                    format!("initiatief '{}' heeft geen beschrijving", i.name),
                )
                .hint("schrijf één korte zin die zegt wat de verslagen erover zeggen"),
            );
        }
    }
    // A description is about one initiative: two that read the same say nothing of either.
    let mut descriptions: std::collections::BTreeMap<String, &Initiative> = Default::default();
    for i in items.iter().filter(|i| !i.lines.replaced("description")) {
        let key = text::fold(i.description.trim());
        if let Some(other) = descriptions.insert(key, i) {
            errors.push(
                ContentError::new(
                    &file,
                    i.lines.of("description"),
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
    (file, Some(items), errors)
}

/// Reads the organisations; a missing file means there are none.
pub fn load_organisations(
    content_dir: &Path,
) -> Result<(PathBuf, Vec<Organisation>), ContentErrors> {
    let (file, items, errors) = load_organisations_all(content_dir);
    errors.into_result((file, items.unwrap_or_default()))
}

// Longer than most: each entry's keys checked in the order of the file, as a report's are.
/// Reads the organisations with every problem, as [`load_initiatives_all`] reads the
/// initiatives.
pub fn load_organisations_all(
    content_dir: &Path,
) -> (PathBuf, Option<Vec<Organisation>>, ContentErrors) {
    let file = content_dir.join(ORGANISATIONS_FILE);
    let (entries, mut errors) =
        load_entries::<Organisation>(&file, "organisatie", ORGANISATION_FIELDS);
    let Some(entries) = entries else {
        return (file, None, errors);
    };
    let mut items = Vec::new();
    for entry in entries {
        errors.extend(entry.errors);
        let (mut o, lines) = (entry.value, entry.lines);
        o.line = lines.start;
        if lines.replaced("name") {
            o.name = format!("de organisatie op regel {}", o.line);
        }
        if lines.replaced("variants") {
            o.variants.clear();
        }
        if lines.replaced("as_written") {
            o.as_written = None;
        }
        if lines.replaced("note") {
            o.note = None;
        }
        if lines.replaced("initiative") {
            o.initiative = None;
        }
        if lines.replaced("attended") {
            o.attended.clear();
        }
        o.lines = lines;
        items.push(o);
    }
    for o in &items {
        // An interpretation is shown with the words it interprets, never alone.
        let missing = match (&o.as_written, &o.note) {
            (Some(_), None) => Some("note"),
            (None, Some(_)) => Some("as_written"),
            (None, None) if !o.attended.is_empty() => Some("as_written en note"),
            _ => None,
        };
        if o.group && o.person {
            errors.push(
                ContentError::new(
                    &file,
                    o.line,
                    format!("'{}' staat als groep én als persoon", o.name),
                )
                .hint(
                    "kies één: group = true voor een groep mensen, person = true voor één persoon",
                ),
            );
        }
        let all_read = ["as_written", "note", "attended"]
            .iter()
            .all(|k| !o.lines.replaced(k));
        if let Some(missing) = missing.filter(|_| all_read) {
            errors.push(
                ContentError::new(&file, o.line, format!("'{}' mist {missing}", o.name)).hint(
                    "zet bij een uitleg (note) altijd de woorden uit het verslag (as_written), en andersom",
                ),
            );
        }
    }
    check_slugs(
        &file,
        items
            .iter()
            .filter(|o| !o.lines.replaced("slug"))
            .map(|o| (o.slug.as_str(), o.line)),
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
    (file, Some(items), errors)
}

/// Every entry of a data file of `[[header]]` blocks, those with errors too (their wrong keys
/// replaced, see [`KeyLines::replaced`]), and the file's own errors; `None` when the file
/// cannot be read at all, an empty list when it is not there.
pub(super) fn load_entries<T: serde::de::DeserializeOwned>(
    file: &Path,
    header: &str,
    fields: &[Field],
) -> (Option<Vec<toml_doc::Checked<T>>>, ContentErrors) {
    if !file.exists() {
        return (Some(Vec::new()), ContentErrors::default());
    }
    // Read as every content file is: a file saved as ANSI gets the Dutch message with its line.
    let text = match super::read(file) {
        Ok(t) => t,
        Err(e) => return (None, e),
    };
    // Kladblok may save "UTF-8 met BOM": the mark is not text (front matter skips it too).
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let (docs, mut errors) = toml_doc::entries(file, text, header);
    let mut items = Vec::new();
    for doc in docs {
        match doc.parse_all::<T>(fields) {
            Ok(checked) => items.push(checked),
            Err(e) => errors.extend(e),
        }
    }
    (Some(items), errors)
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
