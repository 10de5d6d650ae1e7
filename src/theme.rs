//! The visual theme: templates and static files, built into the binary and overridable file by
//! file from `themes/<name>/`.
//!
//! The default theme `almere` is compiled in, so one binary builds a complete site anywhere. A
//! file in `themes/<name>/templates/` replaces the built-in template of the same name (or adds a
//! new one); a file in `themes/<name>/static/` replaces or adds a static file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::error::{ContentError, ContentErrors};

/// The theme compiled into the binary.
pub const BUILTIN_NAME: &str = "almere";

macro_rules! builtin {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../themes/almere/templates/", $name)))),*]
    };
}

/// The built-in templates, by name.
pub const BUILTIN_TEMPLATES: &[(&str, &str)] = builtin![
    "base.html",
    "partials/head.html",
    "partials/header.html",
    "partials/footer.html",
    "partials/breadcrumbs.html",
    "partials/facts.html",
    "partials/source.html",
    "partials/leesvoor.html",
    "partials/leesvoor-balk.html",
    "partials/follow.html",
    "index.html",
    "topics.html",
    "topic.html",
    "reports.html",
    "report.html",
    "initiatives.html",
    "initiative.html",
    "organisations.html",
    "organisation.html",
    "editions.html",
    "edition.html",
    "search.html",
    "accessibility.html",
    "partials/search-form.html",
    "partials/pagination.html",
    "partials/table.html",
    "404.html",
    "sitemap.xml",
    "sitemap-index.xml",
    "feed.xml",
    "robots.txt",
];

macro_rules! builtin_static {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_bytes!(concat!("../themes/almere/static/", $name)) as &[u8])),*]
    };
}

/// The built-in static files, by path under `static/`.
pub const BUILTIN_STATIC: &[(&str, &[u8])] = builtin_static![
    "style.css",
    "favicon.svg",
    "search.js",
    "search-engine.js",
    "search-nl.js",
    "leesvoor.js",
    "leesvoor-lezer.js",
    "mark.js",
    "vendor/elasticlunr.min.js",
    "vendor/elasticlunr.LICENSE.txt",
    "vendor/lunr-nl.min.js",
    "vendor/lunr-languages.LICENSE.txt",
];

/// The scripts a first search downloads: `search.js` (on every page) and what it loads before
/// it searches (`data-scripts` of `partials/search-form.html`). The search budget counts these
/// and the index; any other script (mark.js, the "Lees voor" scripts, a theme's own) is not part
/// of a search, so a new script never needs an exception here.
pub const SEARCH_SCRIPTS: &[&str] = &[
    "search.js",
    "search-engine.js",
    "search-nl.js",
    "vendor/elasticlunr.min.js",
    "vendor/lunr-nl.min.js",
];

/// Templates and static files of the theme in use, after overrides.
#[derive(Debug, Clone)]
pub struct Theme {
    pub name: String,
    /// Template name → (source, the file it came from: `None` when built in).
    pub templates: BTreeMap<String, (String, Option<PathBuf>)>,
    /// Path under `static/` → bytes.
    pub static_files: BTreeMap<String, Vec<u8>>,
}

impl Theme {
    /// The built-in theme overlaid with `root/themes/<name>/`. A name other than the built-in
    /// one must have its folder.
    pub fn load(root: &Path, name: &str, config_file: &Path) -> Result<Theme, ContentErrors> {
        let mut theme = Theme {
            name: name.to_owned(),
            templates: BUILTIN_TEMPLATES
                .iter()
                .map(|(n, s)| ((*n).to_owned(), ((*s).to_owned(), None)))
                .collect(),
            static_files: BUILTIN_STATIC
                .iter()
                .map(|(n, b)| ((*n).to_owned(), b.to_vec()))
                .collect(),
        };
        let dir = root.join("themes").join(name);
        if !dir.is_dir() {
            if name == BUILTIN_NAME {
                return Ok(theme);
            }
            return Err(ContentError::new(
                config_file,
                0,
                format!("het ontwerp '{name}' bestaat niet"),
            )
            .hint(format!(
                "maak de map themes/{name}/ of gebruik theme = \"{BUILTIN_NAME}\""
            ))
            .into());
        }
        let mut errors = ContentErrors::default();
        for (sub, is_template) in [("templates", true), ("static", false)] {
            let base = dir.join(sub);
            if !base.is_dir() {
                continue;
            }
            for entry in walkdir::WalkDir::new(&base).sort_by_file_name() {
                let entry = match entry {
                    Ok(e) => e,
                    Err(e) => {
                        errors.push(ContentError::unreadable_folder(&base, &e));
                        continue;
                    }
                };
                if !entry.file_type().is_file() {
                    continue;
                }
                let rel = entry.path().strip_prefix(&base).expect("walked below base");
                let key = rel.to_string_lossy().replace('\\', "/");
                match std::fs::read(entry.path()) {
                    Ok(bytes) if is_template => match String::from_utf8(bytes) {
                        Ok(text) => {
                            theme
                                .templates
                                .insert(key, (text, Some(entry.path().to_path_buf())));
                        }
                        Err(_) => errors.push(
                            ContentError::new(
                                entry.path(),
                                0,
                                "het sjabloon is geen geldige UTF-8-tekst",
                            )
                            .hint("sla het bestand op als UTF-8"),
                        ),
                    },
                    Ok(bytes) => {
                        theme.static_files.insert(key, bytes);
                    }
                    Err(e) => errors.push(ContentError::unreadable(entry.path(), &e)),
                }
            }
        }
        errors.into_result(theme)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The budget's list is the form's list: the scripts `data-scripts` names, plus `search.js`.
    #[test]
    fn search_scripts_are_what_the_search_form_loads() {
        let (_, form) = BUILTIN_TEMPLATES
            .iter()
            .find(|(name, _)| *name == "partials/search-form.html")
            .expect("the search form is a built-in template");
        let attr = form
            .split("data-scripts=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("the form names its scripts");
        let mut loaded: Vec<&str> = attr
            .split("assets['")
            .skip(1)
            .map(|s| s.split('\'').next().unwrap())
            .chain(["search.js"])
            .collect();
        let mut listed = SEARCH_SCRIPTS.to_vec();
        loaded.sort_unstable();
        listed.sort_unstable();
        assert_eq!(loaded, listed);
    }
}
