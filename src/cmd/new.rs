//! `vindplaats new editie 2024`, `vindplaats new rapport "Titel" --thema … --datum …` and
//! `vindplaats new initiatief "Naam"`: a new file (or block) with every field present and
//! explained, that builds as it is. Never overwrites.
//!
//! A report belongs to a round (editie), so `new rapport` refuses a year without one and says
//! which command makes it: the build would refuse the report anyway, and later, with a message
//! about a file the writer has not looked at yet.

use std::io::Write;
use std::path::Path;

use super::{EXIT_CONTENT, EXIT_OK, EXIT_OTHER};
use crate::cli::{NewArgs, NewKind};
use crate::content::initiative::INITIATIVES_FILE;
use crate::content::{Edition, placeholders};
use crate::error::{Access, SystemError, did_you_mean};
use crate::text;

pub fn run(args: &NewArgs) -> i32 {
    // In the wrong folder, a new file would start a content/ of its own.
    if let Err(e) = crate::config::ensure_site(&args.root) {
        eprintln!("fout: {e}");
        return EXIT_OTHER;
    }
    let result = match &args.kind {
        NewKind::Editie { jaar } => new_edition(&args.root, jaar),
        NewKind::Rapport {
            title,
            thema,
            datum,
            editie,
        } => new_report(&args.root, title, thema, datum, editie.as_deref()),
        NewKind::Initiatief { name, soort } => new_initiative(&args.root, name, soort),
    };
    match result {
        Ok(message) => {
            println!("{message}");
            EXIT_OK
        }
        Err((code, message)) => {
            eprintln!("fout: {message}");
            code
        }
    }
}

type Outcome = Result<String, (i32, String)>;

fn content_error(message: String) -> (i32, String) {
    (EXIT_CONTENT, message)
}

/// `doing` refused by the system, in Dutch (see [`crate::error::cause`]).
fn refused(doing: String, e: &std::io::Error, access: Access) -> (i32, String) {
    (EXIT_OTHER, SystemError::io(doing, e, access).to_string())
}

/// A year as the edition file is named: four digits, within the range `Edition::parse` accepts.
fn parse_year(jaar: &str) -> Result<u16, (i32, String)> {
    match jaar.parse::<u16>() {
        Ok(year)
            if jaar.len() == 4
                && jaar.bytes().all(|b| b.is_ascii_digit())
                && (2000..=2999).contains(&year) =>
        {
            Ok(year)
        }
        _ => Err(content_error(format!(
            "'{jaar}' is geen jaartal — schrijf het jaar met vier cijfers, bijvoorbeeld 2024"
        ))),
    }
}

/// The placeholders start with "Pas aan:" so that they stand out on the page `serve` shows,
/// and the round starts as a concept so that a plain `build` never publishes them.
fn new_edition(root: &Path, jaar: &str) -> Outcome {
    let year = parse_year(jaar)?;
    // Without this, a command typed in the wrong folder would make a content/ of its own.
    if !root.join("content").is_dir() {
        return Err((
            EXIT_OTHER,
            format!(
                "er is geen map content in {}; staat u in de map van de site?",
                root.display()
            ),
        ));
    }
    let file = root.join("content/edities").join(format!("{year}.md"));
    let text = format!(
        r#"+++
# Een ronde (editie) van De sociale staat van Almere. Schrijf alleen op wat vaststaat:
# wat in de verslagen staat of wat de organisatoren hebben besloten.
# Regels die beginnen met # zijn uitleg; die mogen blijven staan.

# Het jaar van de ronde. Het bestand heet ook zo: content/edities/{year}.md.
# Elk verslag met een datum in {year} hoort bij deze ronde (of zet edition = {year} in het verslag).
year = {year}
# De naam van de ronde, zoals de site die laat zien. Pas aan als de ronde anders heet.
title = {title}
# Wanneer de thematafels waren, in gewone woorden. Haal het # voor period weg en pas aan.
# Laat u het # staan, dan haalt de site de periode uit de data van de verslagen.
# period = {period}
# Wie de ronde organiseerde, zoals het midden in een zin staat (met "de" als dat hoort),
# bijvoorbeeld ["de gemeente Almere"]. Elke naam tussen aanhalingstekens.
organisers = {organisers}
# De onderzoeksbureaus die de verslagen met hen maakten, zoals het midden in een zin staat,
# bijvoorbeeld ["Movisie", "Platform31", "het Verwey-Jonker Instituut"].
bureaus = {bureaus}
# Eén of twee korte zinnen over deze ronde (hoogstens 160 tekens), voor zoekmachines.
description = {description}
# concept = true: de ronde is nog niet gepubliceerd. U ziet de ronde en haar verslagen
# alleen met vindplaats serve en vindplaats build --concepten, met de melding
# "Concept — nog niet gepubliceerd". Een gewone vindplaats build laat ze weg.
# Mag de ronde online? Zet dan concept = false.
concept = true
+++
{pas_aan} schrijf hier de inleiding van de ronde. Zeg in een paar korte zinnen wanneer de
thematafels waren, over welke thema's ze gingen en wie er meepraatten. De site zet deze tekst
bovenaan de pagina van de ronde.
"#,
        pas_aan = placeholders::EDITION,
        title = toml_string(&format!("De sociale staat van Almere {year}")),
        period = toml_string(&format!("mei en juni {year}")),
        organisers = toml::Value::Array(vec![toml::Value::String(format!(
            "{} wie organiseerde de ronde",
            placeholders::EDITION
        ))]),
        bureaus = toml::Value::Array(vec![toml::Value::String(format!(
            "{} de namen van de onderzoeksbureaus",
            placeholders::EDITION
        ))]),
        description = toml_string(&format!(
            "{} waar gingen de thematafels van {year} over?",
            placeholders::EDITION
        )),
    );
    create(
        &file,
        &text,
        root,
        "Pas dat bestand aan, of verwijder het eerst.",
    )?;
    Ok(format!(
        "Nieuwe ronde: {}. Vul de gegevens bovenaan in en schrijf de inleiding eronder. De ronde is een concept tot u concept = false zet.",
        file.strip_prefix(root).unwrap_or(&file).display()
    ))
}

// Most of its length is the commented front matter it writes, kept as one readable text.
fn new_report(root: &Path, title: &str, thema: &str, datum: &str, editie: Option<&str>) -> Outcome {
    let topics: Vec<String> = std::fs::read_dir(root.join("content/themas"))
        .map_err(|e| refused("kan content/themas niet lezen".into(), &e, Access::Read))?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            e.path()
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
        })
        .collect();
    if !topics.iter().any(|t| t == thema) {
        let hint = match did_you_mean(thema, topics.iter().map(String::as_str)) {
            Some(s) => format!("bedoelde u '{s}'?"),
            None => format!("bekende thema's: {}", topics.join(", ")),
        };
        return Err(content_error(format!("onbekend thema '{thema}' — {hint}")));
    }
    // The same rule as a report's `date`: a TOML date without a time.
    let (datetime, date) = datum
        .parse::<toml::value::Datetime>()
        .ok()
        .and_then(|d| Some((d, crate::content::report::date_only(&d)?)))
        .ok_or_else(|| {
            content_error(match text::date_from_dutch(datum) {
                Some(date) => format!(
                    "'{datum}' staat niet als jaar-maand-dag — schrijf --datum {date}"
                ),
                None => format!(
                    "'{datum}' is geen geldige datum — schrijf jaar-maand-dag, bijvoorbeeld 2024-05-01"
                ),
            })
        })?;
    let edition = match editie {
        Some(jaar) => parse_year(jaar)?,
        None => u16::try_from(date.year()).unwrap_or_default(),
    };
    let edition_file = root.join("content/edities").join(format!("{edition}.md"));
    let Ok(edition_text) = std::fs::read_to_string(&edition_file) else {
        // A January table most often belongs to the round of the year before.
        let tip = if editie.is_none() && date.month() == time::Month::January {
            format!(
                "\n  tip: hoort dit verslag bij de ronde van {}, die doorliep tot in januari? Geef dan --editie {} mee.",
                edition - 1,
                edition - 1
            )
        } else {
            String::new()
        };
        return Err(content_error(format!(
            "er is nog geen editie {edition} — maak die eerst met: vindplaats new editie {edition}{tip}"
        )));
    };
    // In a concept round the report follows the round; a report added to a published round
    // starts as a concept itself, so its placeholders never reach a plain build.
    let round_is_concept = Edition::parse(&edition_file, &edition_text)
        .map(|e| e.concept)
        .unwrap_or(false);
    let concept = if round_is_concept {
        format!(
            "# De ronde {edition} is nog een concept (concept = true in content/edities/{edition}.md).
# Dan staat dit verslag pas online als de ronde online staat. Tot die tijd ziet u het alleen
# met vindplaats serve en vindplaats build --concepten. Zet hier true als dit verslag ook
# daarna nog offline moet blijven.
concept = false"
        )
    } else {
        "# concept = true: dit verslag is nog niet gepubliceerd. U ziet het alleen met
# vindplaats serve en vindplaats build --concepten, met de melding \"Concept — nog niet
# gepubliceerd\". Een gewone vindplaats build laat het weg. Mag het online? Zet dan false.
concept = true"
            .to_owned()
    };
    let slug = text::slug(title);
    if slug.is_empty() {
        return Err(content_error(
            "de titel heeft geen letters of cijfers".into(),
        ));
    }
    let file = root.join("content/rapporten").join(format!("{slug}.md"));
    let text = format!(
        r#"+++
# De titel zoals die in het verslag staat.
title = {title}
# Het thema: de naam van een bestand in content/themas/ (zonder .md).
topic = {thema}
# De datum van de thematafel: jaar-maand-dag, zonder aanhalingstekens.
date = {datetime}
# De ronde (editie) waar dit verslag bij hoort: het jaar van een bestand in content/edities/.
# Meestal het jaar van de datum. Loopt een ronde door tot in januari, zet dan hier het jaar
# van de ronde.
edition = {edition}
{concept}
# Begin- en eindtijd als uren:minuten. Pas ze aan.
start = "09:00"
end = "11:00"
# De plek zoals het verslag die noemt. Pas aan.
location = {location}
# Het aantal deelnemers dat het verslag noemt. Pas aan.
participants = {participants}
# De organisaties zoals het verslag ze noemt, elk tussen aanhalingstekens.
# Elke naam moet in content/organisaties.toml staan (als naam of als schrijfwijze).
organisations = []
# Eén of twee korte zinnen over dit verslag (hoogstens 160 tekens), voor zoekmachines.
description = {description}
# Mensen die het verslag noemt in hun rol. part is: ontvangst, presentatie,
# gespreksleiding, opening (opende het gesprek) of genoemd; het verslag moet dat
# zeggen in een zin met de naam. Deed iemand meer, zet de delen in een lijst:
# part = ["gespreksleiding", "presentatie"]. De organisatie moet in
# content/organisaties.toml staan. Bijvoorbeeld:
# people = [{{ name = "Naam", role = "projectleider", organisation = "Gemeente Almere", part = "ontvangst" }}]
people = []
# Duidelijke typefouten die u in de tekst hebt verbeterd, elk als
# {{ was = "fout woord", is = "goed woord" }}.
corrections = []
# Links waarvan de redactie de tekst schreef (in het verslag staat alleen het adres), elk als
# {{ text = "tekst van de link", url = "https://…" }}.
link_texts = []
+++
{body}, zin voor zin zoals in het origineel. Gebruik ## voor de
kopjes van het verslag en - voor opsommingen.
"#,
        title = toml_string(title),
        thema = toml_string(thema),
        datetime = toml::Value::Datetime(datetime),
        description = toml_string(&format!(
            "{} waar ging de thematafel van {} over?",
            placeholders::REPORT_DESCRIPTION,
            text::dutch_short_date(date)
        )),
        location = toml_string(placeholders::REPORT_LOCATION),
        participants = placeholders::REPORT_PARTICIPANTS,
        body = placeholders::REPORT_BODY,
    );
    create(
        &file,
        &text,
        root,
        "Kies een andere titel of verwijder het bestand eerst.",
    )?;
    let shown = if round_is_concept {
        ""
    } else {
        " Het verslag is een concept tot u concept = false zet."
    };
    Ok(format!(
        "Nieuw rapport: {}. Vul de gegevens bovenaan in en zet de tekst eronder.{shown}",
        file.strip_prefix(root).unwrap_or(&file).display()
    ))
}

fn new_initiative(root: &Path, name: &str, soort: &str) -> Outcome {
    if toml::Value::String(soort.to_owned())
        .try_into::<crate::content::Kind>()
        .is_err()
    {
        return Err(content_error(format!(
            "onbekend soort '{soort}' — kies uit: activiteit, app, bijeenkomst, initiatief, netwerk, pilot, platform, plek, programma, project, systeem, werkwijze, woonvorm"
        )));
    }
    let slug = text::slug(name);
    if slug.is_empty() {
        return Err(content_error(
            "de naam heeft geen letters of cijfers".into(),
        ));
    }
    let file = root.join("content").join(INITIATIVES_FILE);
    let existing = std::fs::read_to_string(&file).unwrap_or_default();
    if existing
        .lines()
        .any(|l| l.trim().replace(' ', "") == format!("slug=\"{slug}\""))
    {
        return Err(content_error(format!(
            "er is al een initiatief met slug '{slug}' in content/{INITIATIVES_FILE}; er is niets veranderd"
        )));
    }
    let block = format!(
        r#"
[[initiatief]]
# De naam zoals die op de site moet staan.
name = {name_value}
# Het webadres: /initiatieven/{slug}/. Alleen kleine letters, cijfers en streepjes.
slug = {slug_value}
# Het soort: activiteit, app, bijeenkomst, netwerk, pilot, platform, plek, programma,
# project, systeem, werkwijze of woonvorm. Zegt het verslag niet wat het is: initiatief.
kind = {kind_value}
# Hoe het verslag het noemt: voorbeeld (als goed voorbeeld), idee (als idee of voorstel),
# gemis (iets wat mist of verdwenen is) of genoemd (zonder oordeel). Alleen wat het verslag zegt.
mentioned_as = "genoemd"
# De woorden zoals ze letterlijk in de verslagen staan (ook meervoud, met en zonder "De").
# Een woord dat in geen enkel verslag staat, geeft een foutmelding bij het bouwen.
aliases = {aliases_value}
# Eén korte zin in eenvoudig Nederlands, met alleen wat de verslagen erover zeggen.
description = {description_value}
# De bron: kopieer letterlijk de woorden uit één alinea of punt van een verslag waar de
# beschrijving op steunt. Bij het bouwen wordt gecontroleerd of ze in een verslag staan.
quote = ""
# Staan de bron en de woorden hierboven alleen in verslagen die nog een concept zijn, dan is
# het initiatief vanzelf ook een concept: het komt op de site als die verslagen er komen.
# Wilt u het initiatief nog niet op de site, ook niet als een gepubliceerd verslag het noemt?
# Haal dan het # voor de regel hieronder weg.
# concept = true
"#,
        name_value = toml_string(name),
        slug_value = toml_string(&slug),
        kind_value = toml_string(soort),
        description_value = toml_string(placeholders::INITIATIVE_DESCRIPTION),
        aliases_value = toml::Value::Array(vec![toml::Value::String(name.to_owned())]),
    );
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&file)
        .map_err(|e| {
            refused(
                format!("kan {} niet openen", file.display()),
                &e,
                Access::Write,
            )
        })?;
    f.write_all(block.as_bytes()).map_err(|e| {
        refused(
            format!("kan {} niet schrijven", file.display()),
            &e,
            Access::Write,
        )
    })?;
    Ok(format!(
        "Nieuw initiatief '{name}' toegevoegd onderaan content/{INITIATIVES_FILE}. Zet de woorden uit het verslag bij aliases en schrijf de beschrijving."
    ))
}

/// A text as a TOML string, quoted and escaped by the toml crate (`Het "Huis"` becomes
/// `'Het "Huis"'`, its choice of quotes). Titles and names are typed by people: pasted
/// between quotes by hand, the first quote in a name broke the whole file.
fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_owned()).to_string()
}

/// Writes a new file, refusing to replace one that exists; `advice` says what to do instead.
fn create(file: &Path, text: &str, root: &Path, advice: &str) -> Result<(), (i32, String)> {
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir).map_err(|e| {
            refused(
                format!("kan {} niet maken", dir.display()),
                &e,
                Access::Write,
            )
        })?;
    }
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(file)
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                content_error(format!(
                    "{} bestaat al; er is niets overschreven. {advice}",
                    file.strip_prefix(root).unwrap_or(file).display()
                ))
            } else {
                refused(
                    format!("kan {} niet maken", file.display()),
                    &e,
                    Access::Write,
                )
            }
        })?;
    f.write_all(text.as_bytes()).map_err(|e| {
        refused(
            format!("kan {} niet schrijven", file.display()),
            &e,
            Access::Write,
        )
    })
}
