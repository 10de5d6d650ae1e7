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
/// it searches ([`SEARCH_LOADS`]). The search budget counts these and the index; any other
/// script (mark.js, the "Lees voor" scripts, a theme's own) is not part of a search, so a new
/// script never needs an exception here.
pub const SEARCH_SCRIPTS: &[&str] = &[
    "search.js",
    "search-engine.js",
    "search-nl.js",
    "vendor/elasticlunr.min.js",
    "vendor/lunr-nl.min.js",
];

/// What `search.js` loads, in this order, before the first search (then the index).
pub const SEARCH_LOADS: &[&str] = &[
    "vendor/elasticlunr.min.js",
    "vendor/lunr-nl.min.js",
    "search-nl.js",
    "search-engine.js",
];

/// What `search.js` loads, in this order, on a page opened from a result (`?markeer=`).
pub const MARK_LOADS: &[&str] = &["vendor/lunr-nl.min.js", "search-nl.js", "mark.js"];

/// Where a static file of the theme is published: under `static/`, a script or style sheet
/// named by its content, so hosts can cache it for ever.
pub fn static_path(name: &str, bytes: &[u8]) -> String {
    match name.rsplit_once('.') {
        Some((stem, ext)) if ext == "css" || ext == "js" => {
            format!("static/{stem}.{}.{ext}", crate::hash::short(bytes))
        }
        _ => format!("static/{name}"),
    }
}

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
                let mut errors = ContentErrors::default();
                theme.minify_scripts(&dir, &mut errors);
                theme.name_search_files();
                return errors.into_result(theme);
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
        theme.minify_scripts(&dir, &mut errors);
        theme.name_search_files();
        errors.into_result(theme)
    }

    /// Puts before `search.js` the addresses it loads (the other search scripts, the index,
    /// and the marking scripts), from the site's root: `window.vindplaatsBestanden`. Every page
    /// loads `search.js`, so the pages need not list them (they did, in the search form: about
    /// 0.4 KB a page); and since the scripts' names are in it, `search.js` gets a new name when
    /// one of them changes, as the pages did before. A theme without `search.js` gets nothing.
    fn name_search_files(&mut self) {
        let path = |name: &&str| {
            let bytes = self.static_files.get(*name).map_or(&[][..], Vec::as_slice);
            static_path(name, bytes)
        };
        let files = serde_json::json!({
            "zoeken": SEARCH_LOADS.iter().map(path).collect::<Vec<_>>(),
            "index": crate::urls::SEARCH_INDEX,
            "markeren": MARK_LOADS.iter().map(path).collect::<Vec<_>>(),
        });
        if let Some(search) = self.static_files.get_mut("search.js") {
            let mut bytes = format!("window.vindplaatsBestanden={files};\n").into_bytes();
            bytes.append(search);
            *search = bytes;
        }
    }

    /// Every script minified ([`minify_script`]); a theme's script that does not parse is an
    /// error at its line.
    fn minify_scripts(&mut self, dir: &Path, errors: &mut ContentErrors) {
        for (name, bytes) in self.static_files.iter_mut() {
            if let Err(e) = minify_script(name, bytes) {
                errors.push(e.for_file(&dir.join("static").join(name)));
            }
        }
    }
}

/// A script's parse error: the line (1-based) and what oxc says.
struct ScriptError {
    line: usize,
    message: String,
}

impl ScriptError {
    fn for_file(self, file: &Path) -> ContentError {
        ContentError::new(
            file,
            self.line,
            format!("dit script is geen geldig JavaScript: {}", self.message),
        )
        .hint("herstel het script; de site laadt het zoals het hier staat")
    }
}

/// Scripts go out minified: the search scripts are most of a first search's download on a
/// phone (14.6 KB of 23.7 KB compressed before, 7.8 KB after: BENCHMARKS.md), and comments and
/// long names are for the people who read `themes/`, not for the reader's connection. Files
/// already minified (`*.min.js`, the vendored libraries) and anything that is not a script are
/// left as they are. oxc's minifier keeps the program's meaning; the browser tests run the
/// minified files.
fn minify_script(name: &str, bytes: &mut Vec<u8>) -> Result<(), ScriptError> {
    if !name.ends_with(".js") || name.ends_with(".min.js") {
        return Ok(());
    }
    let Ok(source) = std::str::from_utf8(bytes) else {
        return Err(ScriptError {
            line: 0,
            message: "het is geen UTF-8-tekst".to_owned(),
        });
    };
    let allocator = oxc_allocator::Allocator::default();
    // Scripts, not modules: the theme's files are loaded with plain <script> tags.
    let parsed =
        oxc_parser::Parser::new(&allocator, source, oxc_span::SourceType::script()).parse();
    if let Some(first) = parsed.diagnostics.first() {
        let offset = first
            .labels
            .as_ref()
            .first()
            .map_or(0, |label| label.offset() as usize);
        let before = &source.as_bytes()[..offset.min(source.len())];
        let line = before.iter().filter(|b| **b == b'\n').count() + 1;
        return Err(ScriptError {
            line,
            message: first.message.to_string(),
        });
    }
    let mut program = parsed.program;
    let minified = oxc_minifier::Minifier::new(oxc_minifier::MinifierOptions::default())
        .minify(&allocator, &mut program);
    let code = oxc_codegen::Codegen::new()
        .with_options(oxc_codegen::CodegenOptions::minify())
        .with_scoping(minified.scoping)
        .build(&program)
        .code;
    *bytes = code.into_bytes();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The budget's list is what a search loads: `search.js` and what it loads first.
    #[test]
    fn search_scripts_are_what_search_js_loads() {
        let mut loaded: Vec<&str> = SEARCH_LOADS.iter().copied().chain(["search.js"]).collect();
        let mut listed = SEARCH_SCRIPTS.to_vec();
        loaded.sort_unstable();
        listed.sort_unstable();
        assert_eq!(loaded, listed);
    }

    /// `search.js` starts with the addresses of what it loads, named as they are published.
    #[test]
    fn search_js_names_what_it_loads() {
        let dir = tempfile::tempdir().unwrap();
        let theme = Theme::load(dir.path(), BUILTIN_NAME, Path::new("vindplaats.toml")).unwrap();
        let text = std::str::from_utf8(&theme.static_files["search.js"]).unwrap();
        let first = text.lines().next().unwrap();
        let json = first
            .strip_prefix("window.vindplaatsBestanden=")
            .and_then(|j| j.strip_suffix(';'))
            .unwrap();
        let files: serde_json::Value = serde_json::from_str(json).unwrap();
        let engine = static_path("search-engine.js", &theme.static_files["search-engine.js"]);
        assert_eq!(files["zoeken"][3], engine.as_str());
        assert_eq!(files["index"], crate::urls::SEARCH_INDEX);
        assert_eq!(
            files["markeren"].as_array().unwrap().len(),
            MARK_LOADS.len()
        );
    }

    /// The theme's own scripts go out minified; vendored `.min.js` files and other files as
    /// they are.
    #[test]
    fn scripts_are_minified_and_the_rest_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let theme = Theme::load(dir.path(), BUILTIN_NAME, Path::new("vindplaats.toml")).unwrap();
        for (name, source) in BUILTIN_STATIC {
            let served = &theme.static_files[*name];
            if name.ends_with(".js") && !name.ends_with(".min.js") {
                let text = std::str::from_utf8(served).unwrap();
                assert!(
                    served.len() * 2 < source.len(),
                    "{name}: {} of {} bytes",
                    served.len(),
                    source.len()
                );
                assert!(!text.contains("@param"), "{name} keeps its comments");
            } else {
                assert_eq!(served.as_slice(), *source, "{name} changed");
            }
        }
    }

    /// A theme's script that does not parse is an error at its file and line, with the others.
    #[test]
    fn a_broken_theme_script_is_an_error_at_its_line() {
        let dir = tempfile::tempdir().unwrap();
        let stat = dir.path().join("themes/eigen/static");
        std::fs::create_dir_all(&stat).unwrap();
        std::fs::write(stat.join("extra.js"), "var a = 1;\nvar b = ;\n").unwrap();
        std::fs::write(stat.join("goed.js"), "var c = 2;\n").unwrap();
        let errors = Theme::load(dir.path(), "eigen", Path::new("vindplaats.toml"))
            .unwrap_err()
            .0;
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0].file.ends_with("themes/eigen/static/extra.js"),
            "{:?}",
            errors[0].file
        );
        assert_eq!(errors[0].line, 2);
        assert!(
            errors[0].message.contains("geen geldig JavaScript"),
            "{}",
            errors[0].message
        );
    }
}
