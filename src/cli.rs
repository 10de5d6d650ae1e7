//! The command line. The doc comments below are the `--help` text.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// vindplaats maakt de website De sociale staat van Almere uit de Markdown-bestanden in content/.
#[derive(Debug, Parser)]
#[command(name = "vindplaats", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Bouw de site in de uitvoermap (standaard public/).
    Build(BuildArgs),
    /// Controleer de site zonder iets te schrijven: links, privacy, koppen, leesbaarheid.
    Check(CheckArgs),
    /// Voor ontwikkelaars: de zoektermen van elke regel op standaardinvoer, als JSON-lijst per regel.
    #[command(hide = true)]
    SearchTerms(SearchTermsArgs),
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// De map van de site (met vindplaats.toml, content/ en themes/).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Laat ook waarschuwingen de controle laten mislukken.
    #[arg(long)]
    pub strict: bool,
    /// human: leesbaar; json: één object per bevinding (voor editors en CI).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct SearchTermsArgs {
    /// Zonder stemmer, zoals de index met namen.
    #[arg(long)]
    pub unstemmed: bool,
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
}
