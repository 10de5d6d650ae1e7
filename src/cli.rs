//! The command line. The doc comments below are the `--help` text.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// vindplaats maakt de website De sociale staat van Almere uit de Markdown-bestanden in content/.
#[derive(Debug, Parser)]
#[command(
    name = "vindplaats",
    version,
    about = "Maakt de website De sociale staat van Almere uit de Markdown-bestanden in content/."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Bouw de site in de uitvoermap (standaard public/).
    Build(BuildArgs),
    /// Bekijk de site terwijl u schrijft: bouwt bij elke wijziging opnieuw en ververst de browser.
    Serve(ServeArgs),
    /// Maak een nieuwe ronde, een nieuw rapport of een nieuw initiatief, met alle velden uitgelegd.
    New(NewArgs),
    /// Controleer de site zonder iets te schrijven: links, privacy, koppen, leesbaarheid.
    Check(CheckArgs),
    /// Welke bestanden van de gebouwde site anders zijn dan die van de laatst gepubliceerde site:
    /// om alleen die te uploaden, en te verwijderen wat niet meer op de site staat.
    Wijzigingen(ChangesArgs),
    /// Voor ontwikkelaars: de zoektermen van elke regel op standaardinvoer, als JSON-lijst per regel.
    #[command(hide = true)]
    SearchTerms(SearchTermsArgs),
    /// Voor ontwikkelaars: de zinnen van elke tekst op standaardinvoer (één JSON-tekst per regel),
    /// zoals "Lees voor" ze leest, als JSON-lijst per regel.
    #[command(hide = true)]
    Sentences,
}

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// De map van de site (met vindplaats.toml, content/ en themes/).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// De poort op deze computer (0: een vrije poort).
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Open de site meteen in de browser.
    #[arg(long)]
    pub open: bool,
    /// Bekijk de site onder het pad van dit adres, bijvoorbeeld https://example.org/sociale-staat/.
    #[arg(long)]
    pub base_url: Option<String>,
    /// Toon bij een fout ook de technische melding van de lezer van de gegevens (Engels), voor
    /// wie helpt zoeken naar de oorzaak.
    #[arg(long)]
    pub uitleg: bool,
}

#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// De map van de site.
    #[arg(long, default_value = ".", global = true)]
    pub root: PathBuf,
    #[command(subcommand)]
    pub kind: NewKind,
}

#[derive(Debug, Subcommand)]
pub enum NewKind {
    /// Een nieuwe ronde (editie) in content/edities/<jaar>.md, als concept.
    Editie {
        /// Het jaar van de ronde, met vier cijfers, bijvoorbeeld 2024.
        jaar: String,
    },
    /// Een nieuw verslag in content/rapporten/. De ronde van dat jaar moet al bestaan.
    Rapport {
        /// De titel, bijvoorbeeld "Verslag thematafel Eenzaamheid".
        title: String,
        /// Het thema: de naam van een bestand in content/themas/, bijvoorbeeld eenzaamheid.
        #[arg(long)]
        thema: String,
        /// De datum van de thematafel: jaar-maand-dag, bijvoorbeeld 2024-05-01.
        #[arg(long)]
        datum: String,
        /// De ronde, als die een ander jaar heeft dan de datum (een ronde van 2024 die doorloopt
        /// tot in januari 2025: --editie 2024).
        #[arg(long)]
        editie: Option<String>,
    },
    /// Een nieuw initiatief onderaan content/initiatieven.toml.
    Initiatief {
        /// De naam, bijvoorbeeld "Welcome app".
        name: String,
        /// Het soort initiatief.
        #[arg(long, default_value = "project")]
        soort: String,
    },
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// De map van de site (met vindplaats.toml, content/ en themes/).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Laat de controle ook mislukken bij waarschuwingen.
    #[arg(long)]
    pub strict: bool,
    /// human: leesbaar; json: een lijst met één object per bevinding (voor editors en CI);
    /// github: meldingen bij de regels in GitHub Actions; gitlab: een Code Quality-rapport voor
    /// GitLab (op standaarduitvoer; de leesbare melding op standaardfout).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Toon bij een fout ook de technische melding van de lezer van de gegevens (Engels), voor
    /// wie helpt zoeken naar de oorzaak.
    #[arg(long)]
    pub uitleg: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
    Github,
    Gitlab,
}

#[derive(Debug, clap::Args)]
pub struct SearchTermsArgs {
    /// Zonder stemmer, zoals de index met namen.
    #[arg(long)]
    pub unstemmed: bool,
    /// Per regel de zoektermen met synoniemen en samenstellingen van de site, met hun gewicht.
    #[arg(long, conflicts_with = "unstemmed")]
    pub uitbreiden: bool,
    /// Per regel de delen van het woord volgens de Nederlandse woordenlijst (samenstellingen).
    #[arg(long, conflicts_with_all = ["unstemmed", "uitbreiden"])]
    pub splitsen: bool,
    /// De map van de site, voor --uitbreiden.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
}

#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// De map van de site (met vindplaats.toml, content/ en themes/).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Schrijf de site naar deze map in plaats van de map uit vindplaats.toml.
    #[arg(long)]
    pub output: Option<PathBuf>,
    /// Het webadres waar de site komt te staan, bijvoorbeeld https://example.org/sociale-staat/.
    #[arg(long)]
    pub base_url: Option<String>,
    /// Toon alleen fouten.
    #[arg(long, short)]
    pub quiet: bool,
    /// Toon hoe lang elke stap duurde (voor ontwikkelaars en de benchmark).
    #[arg(long)]
    pub timings: bool,
    /// Neem ook concepten op (alles met concept = true, en wat alleen daarin staat), om ze te
    /// laten zien voordat ze gepubliceerd worden. Zet zo'n site nooit online; daarom alleen
    /// met --output, naar een andere map dan die uit vindplaats.toml.
    #[arg(long)]
    pub concepten: bool,
    /// Toon bij een fout ook de technische melding van de lezer van de gegevens (Engels), voor
    /// wie helpt zoeken naar de oorzaak.
    #[arg(long)]
    pub uitleg: bool,
}

#[derive(Debug, clap::Args)]
pub struct ChangesArgs {
    /// De map van de site (met vindplaats.toml, content/ en themes/).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// De gebouwde site, als die niet in de map uit vindplaats.toml staat.
    #[arg(long)]
    pub output: Option<PathBuf>,
    /// De lijst met bestanden van de site die online staat (standaard gepubliceerd.sha256 in
    /// de map van de site). Ook te downloaden van de site zelf: <adres van de site>/bestanden.sha256.
    #[arg(long)]
    pub vorige: Option<PathBuf>,
    /// Kopieer de bestanden die veranderd of nieuw zijn naar deze (nieuwe of lege) map, met hun
    /// mappen, om die map te uploaden met robocopy of WinSCP.
    #[arg(long)]
    pub naar: Option<PathBuf>,
    /// De gebouwde site staat nu online: bewaar haar lijst met bestanden als de vorige, voor de
    /// volgende keer.
    #[arg(long, conflicts_with = "naar")]
    pub gepubliceerd: bool,
}
