//! The site configuration, `vindplaats.toml` at the site root.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{ContentError, ContentErrors};
use crate::toml_doc::{Doc, Field, optional, required};
use crate::urls::Urls;

/// The name of the config file in the site root.
pub const FILE_NAME: &str = "vindplaats.toml";

/// The site's settings, checked: a `Config` always has a valid base URL and language.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The site's name, shown in every page's header and `<title>`.
    pub title: String,
    /// One or two sentences for the home page's meta description.
    pub description: String,
    /// Where the site will be published, e.g. `https://example.org/sociale-staat/`.
    pub base_url: String,
    /// The language of the content; only `nl` is supported.
    pub language: String,
    /// The folder under `themes/` whose templates and static files are used.
    pub theme: String,
    /// Where `build` writes the site, relative to the site root.
    #[serde(default = "default_output_dir")]
    pub output_dir: PathBuf,
    /// Contact details that may be published (functional mailboxes such as
    /// `info@example.org`): the privacy check lets exactly these values through.
    #[serde(default)]
    pub privacy_allowlist: Vec<String>,
    /// Let raw HTML in content through unchanged. Off: raw HTML is cut down to a small safe
    /// set of elements (see `markdown::sanitise`). Only for content you fully trust.
    #[serde(default)]
    pub trusted_html: bool,
    /// Also write a `_headers` file (Netlify, Cloudflare Pages) with security headers.
    #[serde(default)]
    pub security_headers: bool,
    /// What a first search may download, compressed: the search scripts and the index
    /// (kilobytes). The index is one file while that fits; beyond, it is sharded, and `check`
    /// warns when the scripts and the first file of the sharded index are still larger.
    #[serde(default = "default_search_budget_kb")]
    pub search_budget_kb: u32,
    /// Target size of one shard of a sharded search index (kilobytes, uncompressed).
    #[serde(default = "default_search_shard_kb")]
    pub search_shard_kb: u32,
}

fn default_search_shard_kb() -> u32 {
    48
}

fn default_search_budget_kb() -> u32 {
    60
}

fn default_output_dir() -> PathBuf {
    PathBuf::from("public")
}

const FIELDS: &[Field] = &[
    required("title", "title = \"De sociale staat van Almere\""),
    required(
        "description",
        "description = \"Verslagen van de thematafels in 2023.\"",
    ),
    required(
        "base_url",
        "base_url = \"https://example.org/sociale-staat/\"",
    ),
    required("language", "language = \"nl\""),
    required("theme", "theme = \"almere\""),
    optional("output_dir", "output_dir = \"public\""),
    optional(
        "privacy_allowlist",
        "privacy_allowlist = [\"info@example.org\"]",
    ),
    optional("search_budget_kb", "search_budget_kb = 60"),
    optional("search_shard_kb", "search_shard_kb = 48"),
    optional("trusted_html", "trusted_html = false"),
    optional("security_headers", "security_headers = true"),
];

impl Config {
    /// Reads `vindplaats.toml` from the site root.
    pub fn from_root(root: &Path) -> Result<Config, ContentErrors> {
        let file = root.join(FILE_NAME);
        let text = std::fs::read_to_string(&file).map_err(|e| {
            ContentError::new(
                &file,
                0,
                format!("kan het instellingenbestand niet lezen ({e})"),
            )
            .hint(format!(
                "maak een bestand {FILE_NAME} in de map van de site, of geef de map aan met --root"
            ))
        })?;
        Config::parse(&file, &text)
    }

    /// Parses and checks a config text; `file` is only used in errors.
    pub fn parse(file: &Path, text: &str) -> Result<Config, ContentErrors> {
        let doc = Doc {
            file,
            text,
            first_line: 1,
            start_line: 1,
        };
        let (config, lines): (Config, _) = doc.parse(FIELDS)?;
        let mut errors = ContentErrors::default();
        if let Err(msg) = Urls::new(&config.base_url) {
            errors.push(
                ContentError::new(file, lines.of("base_url"), msg)
                    .hint("schrijf het volledige adres, bijvoorbeeld base_url = \"https://example.org/sociale-staat/\""),
            );
        }
        if config.language != "nl" {
            errors.push(
                ContentError::new(
                    file,
                    lines.of("language"),
                    format!("taal '{}' wordt niet ondersteund", config.language),
                )
                .hint("deze site is Nederlandstalig: language = \"nl\""),
            );
        }
        if !crate::text::is_slug(&config.theme) {
            errors.push(
                ContentError::new(
                    file,
                    lines.of("theme"),
                    format!("ongeldige naam voor het ontwerp: '{}'", config.theme),
                )
                .hint("gebruik de naam van een map onder themes/, bijvoorbeeld theme = \"almere\""),
            );
        }
        errors.into_result(config)
    }

    /// The URL helper for this config's base URL.
    pub fn urls(&self) -> Urls {
        Urls::new(&self.base_url).expect("checked in Config::parse")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"title = "T"
description = "D"
base_url = "https://example.org/x/"
language = "nl"
theme = "almere"
"#;

    #[test]
    fn reads_a_good_config_with_default_output() {
        let c = Config::parse(Path::new("vindplaats.toml"), GOOD).unwrap();
        assert_eq!(c.output_dir, PathBuf::from("public"));
        assert_eq!(c.urls().base_path(), "/x/");
    }

    #[test]
    fn unknown_key_names_line_and_suggestion() {
        let text = GOOD.replace("title =", "titel =");
        let e = Config::parse(Path::new("vindplaats.toml"), &text).unwrap_err();
        let shown = e.to_string();
        assert!(
            shown.contains("vindplaats.toml:1: fout: onbekend veld 'titel'"),
            "{shown}"
        );
        assert!(shown.contains("bedoelt u `title`?"), "{shown}");
        assert!(
            shown.contains("het verplichte veld 'title' ontbreekt"),
            "{shown}"
        );
    }

    #[test]
    fn bad_values_are_reported_with_their_line() {
        let text = GOOD
            .replace("https://example.org/x/", "example.org")
            .replace("\"nl\"", "\"en\"");
        let e = Config::parse(Path::new("c.toml"), &text).unwrap_err();
        assert_eq!(e.0.len(), 2);
        assert_eq!(e.0[0].line, 3);
        assert_eq!(e.0[1].line, 4);
        assert!(e.0[1].message.contains("taal 'en'"));
    }

    #[test]
    fn syntax_error_has_line() {
        let text = GOOD.replace("language = \"nl\"", "language = nl\"");
        let e = Config::parse(Path::new("c.toml"), &text).unwrap_err();
        assert_eq!(e.0[0].line, 4, "{e}");
        assert!(e.0[0].message.contains("geen geldige instelling"));
    }
}
