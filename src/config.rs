//! The site configuration, `vindplaats.toml` at the site root.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{ContentError, ContentErrors, SystemError};
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
    /// The municipality's public contact page, shown on every page under "Vragen over deze
    /// verslagen?" (WCAG 3.2.6, help in the same place). An `https://` or `http://` address.
    #[serde(default)]
    pub contact_url: Option<String>,
    /// A general contact address shown beside `contact_url`. It must be in
    /// `privacy_allowlist`, so a person's own address can never end up on every page.
    #[serde(default)]
    pub contact_email: Option<String>,
    /// The editor, published with the site at a folder of the team's choosing (`[editor]`).
    /// Without it, `build` writes no editor: `serve` always offers one locally.
    #[serde(default)]
    pub editor: Option<EditorConfig>,
    /// The line of `base_url` in the file, for the warning while it is a placeholder.
    #[serde(skip)]
    pub base_url_line: usize,
    /// The line of `description`, for the warning when it names only years before the
    /// newest round (`content::stale`).
    #[serde(skip)]
    pub description_line: usize,
}

/// `[editor]`: the editor on the published site, saving to the site's repository on GitLab or
/// GitHub with each person's own login (see docs/editor.md).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EditorConfig {
    /// The folder of the site the editor goes in, such as `beheer/`.
    pub path: String,
    /// Where the site's repository is: `gitlab` or `github`.
    pub backend: EditorBackend,
    /// The repository: `gemeente-almere/sociale-staat`.
    pub repo: String,
    /// The branch the site is built from.
    #[serde(default = "default_branch")]
    pub branch: String,
    /// GitLab: the Application ID of the OAuth application (with PKCE, no secret).
    #[serde(default)]
    pub app_id: Option<String>,
    /// GitLab on the municipality's own server, such as `https://gitlab.almere.nl`; without it,
    /// gitlab.com.
    #[serde(default)]
    pub gitlab_url: Option<String>,
    /// GitHub: the address of the OAuth helper that logs people in (GitHub has no login for a
    /// page without a server).
    #[serde(default)]
    pub auth_url: Option<String>,
    /// Every change as a merge request (pull request) that someone approves before it is
    /// published: Decap's editorial workflow. Off: a save is published at once (as far as
    /// `concept` lets it).
    #[serde(default)]
    pub review: bool,
}

/// Where the editor saves when it is online.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EditorBackend {
    Gitlab,
    Github,
}

fn default_branch() -> String {
    "main".into()
}

impl EditorConfig {
    /// The folder as a path under the site's base path: `beheer/`.
    pub fn folder(&self) -> String {
        format!("{}/", self.path.trim_matches('/'))
    }

    /// What is wrong with the values, each with what to write instead.
    fn problems(&self) -> Vec<(String, String)> {
        let mut problems = Vec::new();
        let folder = self.path.trim_matches('/');
        if folder.is_empty()
            || folder
                .split('/')
                .any(|p| !crate::text::is_slug(p) || p.starts_with("__"))
        {
            problems.push((
                format!("path '{}' is geen map voor de beheerpagina", self.path),
                "kies een map van kleine letters, cijfers en streepjes, bijvoorbeeld path = \"beheer/\"".into(),
            ));
        }
        let parts: Vec<&str> = self.repo.split('/').collect();
        if parts.len() < 2
            || parts
                .iter()
                .any(|p| p.is_empty() || p.contains(char::is_whitespace))
        {
            problems.push((
                format!("repo '{}' is geen repository", self.repo),
                "schrijf de groep (of eigenaar) en de naam, bijvoorbeeld repo = \"gemeente-almere/sociale-staat\"".into(),
            ));
        }
        match self.backend {
            EditorBackend::Gitlab => {
                if self.app_id.as_deref().is_none_or(|a| a.trim().is_empty()) {
                    problems.push((
                        "bij backend = \"gitlab\" hoort een app_id".into(),
                        "maak in GitLab een OAuth-applicatie (zonder geheim, met PKCE) en zet haar Application ID hier: app_id = \"…\"; zie docs/editor.md".into(),
                    ));
                }
                if let Some(url) = self.gitlab_url.as_deref().filter(|u| !is_web_address(u)) {
                    problems.push((
                        format!("gitlab_url is geen webadres: '{url}'"),
                        "schrijf het adres van de eigen GitLab-server, bijvoorbeeld gitlab_url = \"https://gitlab.almere.nl\"".into(),
                    ));
                }
            }
            EditorBackend::Github => {
                if !self.auth_url.as_deref().is_some_and(is_web_address) {
                    problems.push((
                        "bij backend = \"github\" hoort een auth_url".into(),
                        "GitHub heeft een kleine inloghulp op een server nodig; zet haar adres hier: auth_url = \"https://…\"; zie docs/editor.md".into(),
                    ));
                }
            }
        }
        problems
    }
}

/// The public contact route as the templates see it (`site.contact`): absent when the config
/// sets neither `contact_url` nor `contact_email`, so a template shows nothing at all.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Contact<'a> {
    pub url: Option<&'a str>,
    pub email: Option<&'a str>,
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
        "description = \"Verslagen van de thematafels van De sociale staat van Almere.\"",
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
    optional(
        "contact_url",
        "contact_url = \"https://www.almere.nl/contact\"",
    ),
    optional("contact_email", "contact_email = \"info@example.org\""),
    optional(
        "editor",
        "editor = { path = \"beheer/\", backend = \"gitlab\", repo = \"gemeente-almere/sociale-staat\", app_id = \"…\" }",
    ),
];

/// Stops a command that runs outside a site's folder (no `vindplaats.toml` in `root`) with
/// what to do: go to the site's folder with `cd`, naming it when a folder just above or below
/// has a site. Without this the team saw a missing file for every folder, and was told to
/// create a `vindplaats.toml` in the wrong place.
pub fn ensure_site(root: &Path) -> Result<(), SystemError> {
    if root.join(FILE_NAME).is_file() {
        return Ok(());
    }
    let shown = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
    let go = match nearby_site(root) {
        Some(there) => {
            // From the folder the command runs in; with --root, the whole path.
            let cd = if root == Path::new(".") {
                there.clone()
            } else {
                shown.join(&there)
            };
            format!(
                "De site staat waarschijnlijk in {}; typ dus eerst: cd \"{}\"",
                shown.join(&there).display(),
                cd.display()
            )
        }
        None => "Typ cd en de naam van die map, bijvoorbeeld: cd sociale-staat".to_owned(),
    };
    Err(SystemError::new(format!(
        "hier staat geen site: in de map {} is geen bestand {FILE_NAME}",
        shown.display()
    ))
    .hint(format!(
        "ga eerst naar de map van de site: de map met {FILE_NAME} en de mappen content en \
         themes. {go}. Of noem die map achter de opdracht met --root."
    )))
}

/// A folder with a site close to `root`: one of the folders above it, else the nearest
/// below it (two levels deep, as a site unpacked into a folder of its own), relative to
/// `root`.
fn nearby_site(root: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(root).ok()?;
    let mut up = PathBuf::new();
    for dir in absolute.ancestors().skip(1).take(4) {
        up.push("..");
        if dir.join(FILE_NAME).is_file() {
            return Some(up);
        }
    }
    walkdir::WalkDir::new(root)
        .min_depth(1)
        .max_depth(2)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            e.file_type().is_dir() && !e.file_name().to_string_lossy().starts_with('.')
        })
        // A home folder can be large: looking is cheap, but not endless.
        .take(2000)
        .filter_map(Result::ok)
        .find(|e| e.path().join(FILE_NAME).is_file())
        .and_then(|e| e.path().strip_prefix(root).ok().map(Path::to_path_buf))
}

impl Config {
    /// Reads `vindplaats.toml` from the site root.
    pub fn from_root(root: &Path) -> Result<Config, ContentErrors> {
        let file = root.join(FILE_NAME);
        let text =
            std::fs::read_to_string(&file).map_err(|e| ContentError::unreadable(&file, &e))?;
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
        let (mut config, lines): (Config, _) = doc.parse(FIELDS)?;
        config.base_url_line = lines.of("base_url");
        config.description_line = lines.of("description");
        let mut errors = ContentErrors::default();
        if let Err(e) = Urls::new(&config.base_url) {
            errors.push(
                ContentError::new(file, lines.of("base_url"), e.to_string())
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
        if let Some(url) = &config.contact_url
            && !is_web_address(url)
        {
            errors.push(
                ContentError::new(
                    file,
                    lines.of("contact_url"),
                    format!("contact_url is geen webadres: '{url}'"),
                )
                .hint("schrijf het volledige adres van de contactpagina, bijvoorbeeld contact_url = \"https://www.almere.nl/contact\""),
            );
        }
        if let Some(email) = &config.contact_email {
            if !is_email(email) {
                errors.push(
                    ContentError::new(
                        file,
                        lines.of("contact_email"),
                        format!("contact_email is geen e-mailadres: '{email}'"),
                    )
                    .hint("schrijf één algemeen adres, bijvoorbeeld contact_email = \"info@example.org\""),
                );
            } else if !config.privacy_allowlist.iter().any(|a| a == email) {
                errors.push(
                    ContentError::new(
                        file,
                        lines.of("contact_email"),
                        format!("contact_email '{email}' staat niet in privacy_allowlist"),
                    )
                    .hint(format!(
                        "dit adres komt op elke pagina: gebruik een algemeen adres van de gemeente, geen persoonlijk adres, en zet het ook in privacy_allowlist = [\"{email}\"]"
                    )),
                );
            }
        }
        if let Some(editor) = &config.editor {
            for (message, hint) in editor.problems() {
                errors.push(ContentError::new(file, lines.of("editor"), message).hint(hint));
            }
        }
        errors.into_result(config)
    }

    /// A warning while `base_url` is a stand-in (`https://example.org/`): every canonical link
    /// and the sitemap would point there. `file` is the config file as shown to people.
    pub fn placeholder_warning(&self, file: &Path) -> Option<ContentError> {
        let urls = Urls::new(&self.base_url).ok()?;
        urls.is_placeholder().then(|| {
            ContentError::new(
                file,
                self.base_url_line,
                format!("base_url is nog een voorbeeldadres: {}", urls.base_url()),
            )
            .rule(crate::error::Rule::BaseUrl)
            .hint(
                "zet hier het echte adres waar de site komt te staan, bijvoorbeeld \
                 base_url = \"https://www.almere.nl/sociale-staat/\"; de sitemap en de \
                 canonieke links van elke pagina gebruiken dit adres",
            )
        })
    }

    /// The public contact route for the templates, or `None` when none is set.
    pub fn contact(&self) -> Option<Contact<'_>> {
        let contact = Contact {
            url: self.contact_url.as_deref(),
            email: self.contact_email.as_deref(),
        };
        (contact.url.is_some() || contact.email.is_some()).then_some(contact)
    }

    /// The URL helper for this config's base URL.
    pub fn urls(&self) -> Urls {
        Urls::new(&self.base_url).expect("checked in Config::parse")
    }
}

/// An absolute `http(s)://` address with a host and no spaces.
fn is_web_address(text: &str) -> bool {
    let rest = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"));
    rest.is_some_and(|r| {
        let host = r.split(['/', '?', '#']).next().unwrap_or_default();
        host.contains('.') && !r.chars().any(|c| c.is_whitespace() || c == '"' || c == '<')
    })
}

/// One address of the form `name@domain.tld`, nothing around it.
fn is_email(text: &str) -> bool {
    text.split_once('@').is_some_and(|(name, domain)| {
        !name.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !text
                .chars()
                .any(|c| c.is_whitespace() || matches!(c, '<' | '>' | '"' | ',' | ';'))
            && !domain.contains('@')
    })
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

    #[test]
    fn contact_is_absent_unless_set() {
        let c = Config::parse(Path::new("vindplaats.toml"), GOOD).unwrap();
        assert!(c.contact().is_none());
    }

    #[test]
    fn contact_url_and_allowlisted_email_reach_the_templates() {
        let text = format!(
            "{GOOD}privacy_allowlist = [\"info@example.org\"]\ncontact_url = \"https://example.org/contact\"\ncontact_email = \"info@example.org\"\n"
        );
        let c = Config::parse(Path::new("vindplaats.toml"), &text).unwrap();
        let contact = c.contact().unwrap();
        assert_eq!(contact.url, Some("https://example.org/contact"));
        assert_eq!(contact.email, Some("info@example.org"));
        let only_url = format!("{GOOD}contact_url = \"https://example.org/contact\"\n");
        let c = Config::parse(Path::new("vindplaats.toml"), &only_url).unwrap();
        assert_eq!(c.contact().unwrap().email, None);
    }

    #[test]
    fn contact_email_must_be_allowlisted() {
        let text = format!("{GOOD}contact_email = \"j.jansen@example.org\"\n");
        let e = Config::parse(Path::new("vindplaats.toml"), &text).unwrap_err();
        assert_eq!(e.0.len(), 1, "{e}");
        assert_eq!(e.0[0].line, 6);
        assert_eq!(
            e.0[0].message,
            "contact_email 'j.jansen@example.org' staat niet in privacy_allowlist"
        );
        assert!(e.to_string().contains("geen persoonlijk adres"), "{e}");
    }

    #[test]
    fn the_editor_table_is_checked() {
        let c = Config::parse(Path::new("vindplaats.toml"), GOOD).unwrap();
        assert!(c.editor.is_none(), "no editor unless configured");
        let good = format!(
            "{GOOD}[editor]\npath = \"beheer\"\nbackend = \"gitlab\"\nrepo = \"gemeente/site\"\napp_id = \"abc\"\n"
        );
        let c = Config::parse(Path::new("vindplaats.toml"), &good).unwrap();
        let editor = c.editor.unwrap();
        assert_eq!(
            (editor.folder().as_str(), editor.branch.as_str()),
            ("beheer/", "main")
        );
        let bad =
            format!("{GOOD}[editor]\npath = \"../x\"\nbackend = \"github\"\nrepo = \"site\"\n");
        let e = Config::parse(Path::new("vindplaats.toml"), &bad).unwrap_err();
        let shown: Vec<&str> = e.0.iter().map(|x| x.message.as_str()).collect();
        assert_eq!(
            shown,
            [
                "path '../x' is geen map voor de beheerpagina",
                "repo 'site' is geen repository",
                "bij backend = \"github\" hoort een auth_url",
            ]
        );
        assert!(e.0.iter().all(|x| x.line == 6), "{e}");
        let unknown = format!(
            "{GOOD}[editor]\npath = \"beheer/\"\nbackend = \"gitlab\"\nrepo = \"a/b\"\napp = \"x\"\n"
        );
        assert!(Config::parse(Path::new("vindplaats.toml"), &unknown).is_err());
    }

    #[test]
    fn contact_values_that_are_not_addresses_are_refused() {
        let text = format!(
            "{GOOD}privacy_allowlist = [\"info\"]\ncontact_url = \"www.almere.nl\"\ncontact_email = \"info\"\n"
        );
        let e = Config::parse(Path::new("vindplaats.toml"), &text).unwrap_err();
        let shown: Vec<&str> = e.0.iter().map(|x| x.message.as_str()).collect();
        assert_eq!(
            shown,
            [
                "contact_url is geen webadres: 'www.almere.nl'",
                "contact_email is geen e-mailadres: 'info'"
            ]
        );
        assert_eq!((e.0[0].line, e.0[1].line), (7, 8));
    }
}
