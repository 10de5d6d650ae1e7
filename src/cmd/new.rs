//! `vindplaats new editie 2024`, `vindplaats new rapport "Titel" --thema … --datum …` and
//! `vindplaats new initiatief "Naam"`: a new file (or block) with every field present and
//! explained, that builds as it is. Never overwrites.
//!
//! A report belongs to a round (editie), so `new rapport` refuses a year without one and says
//! which command makes it: the build would refuse the report anyway, and later, with a message
//! about a file the writer has not looked at yet.

use std::path::Path;

use super::{EXIT_CONTENT, EXIT_OK, EXIT_OTHER};
use crate::cli::{NewArgs, NewKind};
use crate::content::initiative::{INITIATIVE_FIELDS, INITIATIVES_FILE};
use crate::content::{Edition, edition, placeholders, report, store};
use crate::error::{Access, SystemError, did_you_mean};
use crate::text;
use crate::toml_doc::Field;

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
    let fields = edition::FIELDS;
    let text = format!(
        "+++\n{about}# Regels die beginnen met # zijn uitleg; die mogen blijven staan.\n\n{year}{title}{period}\
         # Haal het # voor period weg en pas aan.\n# period = {period_value}\n\
         {organisers}{bureaus}{description}{concept}+++\n\
         {pas_aan} schrijf hier de inleiding van de ronde. Zeg in een paar korte zinnen wanneer de\n\
         thematafels waren, over welke thema's ze gingen en wie er meepraatten. De site zet deze tekst\n\
         bovenaan de pagina van de ronde.\n",
        about = comment(edition::ABOUT),
        year = key(fields, "year", &year.to_string()),
        title = key(
            fields,
            "title",
            &toml_string(&format!("De sociale staat van Almere {year}"))
        ),
        period = comment(hint(fields, "period")),
        period_value = toml_string(&format!("mei en juni {year}")),
        organisers = key(
            fields,
            "organisers",
            &toml_list(&format!(
                "{} wie organiseerde de ronde",
                placeholders::EDITION
            ))
        ),
        bureaus = key(
            fields,
            "bureaus",
            &toml_list(&format!(
                "{} de namen van de onderzoeksbureaus",
                placeholders::EDITION
            ))
        ),
        description = key(
            fields,
            "description",
            &toml_string(&format!(
                "{} waar gingen de thematafels van {year} over?",
                placeholders::EDITION
            ))
        ),
        concept = key(fields, "concept", "true"),
        pas_aan = placeholders::EDITION,
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
    // The round's state decides what this report's `concept` must be, so `new` says more than
    // the field's general hint here.
    let concept = if round_is_concept {
        format!(
            "# De ronde {edition} is nog een concept (concept = true in content/edities/{edition}.md).
# Dan staat dit verslag pas online als de ronde online staat. Tot die tijd ziet u het alleen
# met vindplaats serve en vindplaats build --concepten. Zet hier true als dit verslag ook
# daarna nog offline moet blijven.
concept = false
"
        )
    } else {
        key(report::FIELDS, "concept", "true")
    };
    let slug = text::slug(title);
    if slug.is_empty() {
        return Err(content_error(
            "de titel heeft geen letters of cijfers".into(),
        ));
    }
    let file = root.join("content/rapporten").join(format!("{slug}.md"));
    let fields = report::FIELDS;
    // The lists of tables get an example of their TOML form: the hint says what, the file
    // needs the how (the editor's form needs neither).
    let text = format!(
        "+++\n{title}{topic}{date}{edition}{concept}{start}{end}{location}{participants}\
         {organisations}{description}\
         {people}# Bijvoorbeeld: people = [{{ name = \"Naam\", role = \"projectleider\", organisation = \"Gemeente Almere\", part = \"ontvangst\" }}]\n\
         # part is: {parts}.\n\
         # Deed iemand meer, zet de delen in een lijst: part = [\"gespreksleiding\", \"presentatie\"].\n\
         people = []\n\
         {corrections}# Elk als {{ was = \"fout woord\", is = \"goed woord\" }}.\ncorrections = []\n\
         {link_texts}# Elk als {{ text = \"tekst van de link\", url = \"https://…\" }}.\nlink_texts = []\n\
         +++\n{body}, zin voor zin zoals in het origineel. Gebruik ## voor de\n\
         kopjes van het verslag en - voor opsommingen.\n",
        title = key(fields, "title", &toml_string(title)),
        topic = key(fields, "topic", &toml_string(thema)),
        date = key(fields, "date", &toml::Value::Datetime(datetime).to_string()),
        edition = key(fields, "edition", &edition.to_string()),
        start = key(fields, "start", "\"09:00\""),
        end = key(fields, "end", "\"11:00\""),
        location = key(
            fields,
            "location",
            &toml_string(placeholders::REPORT_LOCATION)
        ),
        participants = key(
            fields,
            "participants",
            &placeholders::REPORT_PARTICIPANTS.to_string()
        ),
        organisations = key(fields, "organisations", "[]"),
        description = key(
            fields,
            "description",
            &toml_string(&format!(
                "{} waar ging de thematafel van {} over?",
                placeholders::REPORT_DESCRIPTION,
                text::dutch_short_date(date)
            ))
        ),
        people = comment(hint(fields, "people")),
        parts = report::Part::NAMES.join(", "),
        corrections = comment(hint(fields, "corrections")),
        link_texts = comment(hint(fields, "link_texts")),
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
            "onbekend soort '{soort}' — kies uit: {}",
            crate::content::Kind::NAMES.join(", ")
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
    let fields = INITIATIVE_FIELDS;
    let block = format!(
        "\n[[initiatief]]\n{name}{slug}{kind}{mentioned_as}{aliases}{description}{quote}{concept}\
         # Haal het # voor de regel hieronder weg om dit aan te zetten.\n# concept = true\n",
        name = key(fields, "name", &toml_string(name)),
        slug = key(fields, "slug", &toml_string(&slug)),
        kind = key(fields, "kind", &toml_string(soort)),
        mentioned_as = key(fields, "mentioned_as", "\"genoemd\""),
        aliases = key(fields, "aliases", &toml_list(name)),
        description = key(
            fields,
            "description",
            &toml_string(placeholders::INITIATIVE_DESCRIPTION)
        ),
        quote = key(fields, "quote", "\"\""),
        concept = comment(hint(fields, "concept")),
    );
    // The whole file again, atomically: an append cut short would leave half a block.
    store::write(
        &file,
        format!("{existing}{block}").as_bytes(),
        store::Mode::Replace,
    )
    .map_err(|e| {
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

/// The hint of the field `name`: what the content model says to fill in.
fn hint(fields: &[Field], name: &str) -> &'static str {
    fields
        .iter()
        .find(|f| f.name == name)
        .map_or("", |f| f.hint)
}

/// One key as `new` writes it: the field's hint as a comment, then `name = value`.
fn key(fields: &[Field], name: &str, value: &str) -> String {
    format!("{}{name} = {value}\n", comment(hint(fields, name)))
}

/// `text` as TOML comment lines of at most 95 characters.
fn comment(text: &str) -> String {
    let mut out = String::new();
    let mut line = String::from("#");
    for word in text.split_whitespace() {
        if line.chars().count() + 1 + word.chars().count() > 95 && line != "#" {
            out.push_str(&line);
            out.push('\n');
            line = String::from("#");
        }
        line.push(' ');
        line.push_str(word);
    }
    if line != "#" {
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// A text as a TOML string, quoted and escaped by the toml crate (`Het "Huis"` becomes
/// `'Het "Huis"'`, its choice of quotes). Titles and names are typed by people: pasted
/// between quotes by hand, the first quote in a name broke the whole file.
fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_owned()).to_string()
}

/// A TOML list of one string, as `new` writes a list for the team to fill in.
fn toml_list(item: &str) -> String {
    toml::Value::Array(vec![toml::Value::String(item.to_owned())]).to_string()
}

/// Writes a new file, refusing to replace one that exists; `advice` says what to do instead.
fn create(file: &Path, text: &str, root: &Path, advice: &str) -> Result<(), (i32, String)> {
    store::write(file, text.as_bytes(), store::Mode::New).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            content_error(format!(
                "{} bestaat al; er is niets overschreven. {advice}",
                file.strip_prefix(root).unwrap_or(file).display()
            ))
        } else {
            refused(
                format!("kan {} niet schrijven", file.display()),
                &e,
                Access::Write,
            )
        }
    })
}
