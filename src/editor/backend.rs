//! `serve`'s answers to the editor: its page and files, its configuration, and Decap CMS's
//! local-backend protocol (the `proxy` backend: one JSON request per action, POSTed to the
//! editor's `api` address), so the team edits with the one program and nothing else running.
//!
//! The rules, because any web page the team opens could try to use this server:
//! - every request must name this server as its `Host` (`127.0.0.1:<port>` or
//!   `localhost:<port>`): a foreign name is a DNS-rebinding attempt;
//! - an `Origin`, when the browser sends one, must be this server's own: another site open in
//!   the same browser cannot save;
//! - the protocol takes only `Content-Type: application/json`, which a foreign page cannot send
//!   without a preflight request this server never grants;
//! - paths go through [`super::paths`] (only `.md` and `.toml` files in `content/`, no links);
//! - every write goes through [`crate::content::store`] (atomic); a save carries the version
//!   its form was loaded from and never replaces a file that changed since (a conflict: both
//!   texts go back to the page), and what a save replaces is kept in the site's history;
//! - contact data that would stop the build (an e-mail address, a phone number, an IBAN, a
//!   BSN) is refused before it is written, so it never reaches the file or its history.
//!
//! After a write, `check` runs and its findings for the written file are kept for the editor's
//! `vindplaatsCheck` action, which the page asks for after each save.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde_json::{Value, json};

use super::{csp, files, form, paths};
use crate::content::store;
use crate::diagnostics::Severity;

/// The largest request the editor takes: a report is some tens of kilobytes.
pub const MAX_BODY: usize = 16 * 1024 * 1024;

/// A request under the editor's folder, as far as the editor looks at it.
#[derive(Debug, Default)]
pub struct Request<'a> {
    pub method: &'a str,
    /// The path after the editor's folder: `""`, `config.json`, `api`, `vendor/decap-cms.js`.
    pub path: &'a str,
    pub host: Option<&'a str>,
    pub origin: Option<&'a str>,
    pub content_type: Option<&'a str>,
    pub body: &'a [u8],
}

/// The editor's answer.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
    /// Send the editor's Content-Security-Policy (the page).
    pub policy: bool,
}

impl Response {
    fn json(status: u16, value: &Value) -> Response {
        Response {
            status,
            content_type: "application/json; charset=utf-8",
            body: value.to_string().into_bytes(),
            policy: false,
        }
    }

    fn text(status: u16, text: &str) -> Response {
        Response {
            status,
            content_type: "text/plain; charset=utf-8",
            body: text.as_bytes().to_vec(),
            policy: false,
        }
    }
}

/// An answer Decap shows as "Kan item niet opslaan: <error>" (or the like), in Dutch.
#[derive(Debug)]
struct Failure {
    status: u16,
    error: String,
    /// A refused save over a changed file: the path and both texts (see `Editor::conflict`).
    conflict: Option<Value>,
}

impl From<(u16, String)> for Failure {
    fn from((status, error): (u16, String)) -> Failure {
        Failure {
            status,
            error,
            conflict: None,
        }
    }
}

/// The editor of one site, served on one port.
pub struct Editor {
    root: PathBuf,
    port: u16,
    /// The address of the editor's folder on this server: `/__vindplaats/beheer/`.
    folder: String,
    /// The check of the last written file, for `vindplaatsCheck`.
    last_check: Mutex<Option<Value>>,
    /// Where a save keeps the bytes it replaces (and a refused save its text).
    history: store::History,
}

impl Editor {
    /// The editor of the site at `root`, served on 127.0.0.1:`port` under `base_path`.
    pub fn new(root: &Path, port: u16, base_path: &str) -> Editor {
        Editor {
            root: root.to_path_buf(),
            port,
            folder: format!("{base_path}{}", super::PATH),
            last_check: Mutex::new(None),
            history: store::History::of_site(root),
        }
    }

    /// The one answer to every request under the editor's folder.
    pub fn handle(&self, request: &Request) -> Response {
        if let Err(refusal) = self.same_origin(request) {
            return Response::text(403, &refusal);
        }
        match (request.method, request.path) {
            ("GET" | "HEAD", "" | "index.html") => Response {
                status: 200,
                content_type: "text/html; charset=utf-8",
                body: files::index_html(&self.site_title(), csp::LOCAL).into_bytes(),
                policy: true,
            },
            ("GET" | "HEAD", "config.json") => {
                let config = form::config(
                    &self.root,
                    &form::Backend::Local {
                        api: format!("{}api", self.folder),
                    },
                );
                Response::json(200, &config)
            }
            ("POST", "api") => self.api(request),
            (_, "api") => Response::text(405, "Alleen POST."),
            ("GET" | "HEAD", path) => match files::get(path) {
                Some(bytes) => Response {
                    status: 200,
                    content_type: files::content_type(path),
                    body: bytes.to_vec(),
                    policy: false,
                },
                None => Response::text(404, "Dit bestand hoort niet bij de beheerpagina."),
            },
            _ => Response::text(405, "Deze vraag kent de beheerpagina niet."),
        }
    }

    /// Whether the request comes from this server's own pages (see the module comment).
    fn same_origin(&self, request: &Request) -> Result<(), String> {
        let own = [
            format!("127.0.0.1:{}", self.port),
            format!("localhost:{}", self.port),
        ];
        let host = request.host.unwrap_or_default();
        if !own.iter().any(|o| o.eq_ignore_ascii_case(host)) {
            return Err(format!(
                "De beheerpagina werkt alleen op http://127.0.0.1:{}/ (deze vraag kwam voor '{host}').",
                self.port
            ));
        }
        if let Some(origin) = request.origin
            && !own
                .iter()
                .any(|o| origin.eq_ignore_ascii_case(&format!("http://{o}")))
        {
            return Err(format!(
                "Een andere website ('{origin}') mag de beheerpagina niet gebruiken."
            ));
        }
        Ok(())
    }

    fn site_title(&self) -> String {
        crate::config::Config::from_root(&self.root)
            .map(|c| c.title)
            .unwrap_or_else(|_| "vindplaats".into())
    }

    /// One action of the protocol.
    fn api(&self, request: &Request) -> Response {
        let json_type = request
            .content_type
            .and_then(|t| t.split(';').next())
            .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json"));
        if !json_type {
            return Response::json(
                415,
                &json!({ "error": "De beheerpagina neemt alleen JSON aan." }),
            );
        }
        if request.body.len() > MAX_BODY {
            return Response::json(413, &json!({ "error": "Dit is te groot om te bewaren." }));
        }
        let Ok(body) = serde_json::from_slice::<Value>(request.body) else {
            return Response::json(422, &json!({ "error": "Deze vraag is geen geldige JSON." }));
        };
        let action = body["action"].as_str().unwrap_or_default();
        let params = &body["params"];
        match self.action(action, params) {
            Ok(value) => Response::json(200, &value),
            Err(Failure {
                status,
                error,
                conflict,
            }) => Response::json(status, &json!({ "error": error, "conflict": conflict })),
        }
    }

    fn action(&self, action: &str, params: &Value) -> Result<Value, Failure> {
        let text = |key: &str| -> Result<&str, (u16, String)> {
            params[key]
                .as_str()
                .ok_or_else(|| (422, format!("'{key}' ontbreekt in de vraag")))
        };
        match action {
            "info" => Ok(json!({
                "repo": self.root.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
                "publish_modes": ["simple"],
                "type": "local_fs",
            })),
            "entriesByFolder" => {
                let folder = paths::folder(&self.root, text("folder")?).map_err(refused)?;
                let extension = text("extension")?;
                let depth = params["depth"].as_u64().unwrap_or(1).clamp(1, 16) as usize;
                Ok(Value::Array(self.entries_in(&folder, extension, depth)))
            }
            "entriesByFiles" => {
                let files = params["files"].as_array().cloned().unwrap_or_default();
                files
                    .iter()
                    .map(|f| {
                        let path = f["path"].as_str().unwrap_or_default();
                        let file = paths::file(&self.root, path).map_err(refused)?;
                        Ok(read_entry(path, &file))
                    })
                    .collect::<Result<Vec<_>, Failure>>()
                    .map(Value::Array)
            }
            // Also how Decap asks whether a new entry's file exists already.
            "getEntry" => {
                let path = text("path")?;
                let file = paths::file(&self.root, path).map_err(refused)?;
                Ok(read_entry(path, &file))
            }
            "persistEntry" => self.persist(params),
            "deleteFiles" | "deleteFile" => {
                let paths: Vec<&str> = match params["paths"].as_array() {
                    Some(list) => list.iter().filter_map(Value::as_str).collect(),
                    None => vec![text("path")?],
                };
                let files = paths
                    .iter()
                    .map(|p| paths::file(&self.root, p).map_err(refused))
                    .collect::<Result<Vec<_>, _>>()?;
                for (file, path) in files.iter().zip(&paths) {
                    store::remove(file, Some(&self.history)).map_err(|e| {
                        (
                            500,
                            format!(
                                "{path} kan niet worden verwijderd: {}",
                                crate::error::cause(&e, crate::error::Access::Write)
                            ),
                        )
                    })?;
                }
                Ok(json!({ "message": format!("{} verwijderd", paths.join(", ")) }))
            }
            // Decap asks for the media on start; the editor has no images.
            "getMedia" => Ok(json!([])),
            "getMediaFile" | "persistMedia" => Err((
                422,
                "de beheerpagina bewaart geen afbeeldingen of andere bestanden".to_owned(),
            )
                .into()),
            "getDeployPreview" => Ok(Value::Null),
            "vindplaatsCheck" => self
                .last_check
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .clone()
                .ok_or_else(|| (404, "er is nog niets bewaard".to_owned()).into()),
            "vindplaatsRestore" => self.restore(text("path")?, params["loadedVersion"].as_str()),
            other => Err((422, format!("onbekende vraag '{other}'")).into()),
        }
    }

    /// Undoes the last save of `path`: its newest kept version that differs from what the
    /// file holds goes back, as a save (the form's `loaded` version must still be the file's,
    /// and what it replaces is kept, so a restore can be undone in turn).
    fn restore(&self, path: &str, loaded: Option<&str>) -> Result<Value, Failure> {
        let file = paths::file(&self.root, path).map_err(refused)?;
        let now = std::fs::read(&file).ok();
        let current = now.as_deref().map(store::version);
        let previous = self
            .history
            .list(&file)
            .into_iter()
            .rev()
            .find(|k| !k.refused && Some(&k.version) != current.as_ref())
            .and_then(|k| std::fs::read(&k.file).ok())
            .ok_or_else(|| (404, format!("er is geen eerdere versie van {path} bewaard")))?;
        let raw = String::from_utf8_lossy(&previous).into_owned();
        let Some(loaded) = loaded else {
            return Err(self.conflict(path, &file, &raw));
        };
        let mode = store::Mode::Edit {
            loaded,
            history: &self.history,
        };
        store::write(&file, &previous, mode)
            .map_err(|e| self.refused_write(&e, path, &file, &raw, "is niet teruggezet"))?;
        let result = self.check(path);
        *self.last_check.lock().unwrap_or_else(|e| e.into_inner()) = Some(result);
        Ok(json!({
            "message": format!("de vorige versie van {path} is teruggezet"),
            "versions": { path: store::version(&previous) },
        }))
    }

    /// Every file with `extension` under `folder`, `depth` folders deep, without following a
    /// link.
    fn entries_in(&self, folder: &Path, extension: &str, depth: usize) -> Vec<Value> {
        walkdir::WalkDir::new(folder)
            .max_depth(depth)
            .follow_links(false)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .filter_map(|e| {
                let rel = e.path().strip_prefix(&self.root).ok()?;
                let path = rel
                    .components()
                    .map(|c| c.as_os_str().to_str())
                    .collect::<Option<Vec<_>>>()?
                    .join("/");
                if !path.ends_with(&format!(".{extension}")) {
                    return None;
                }
                paths::file(&self.root, &path).ok()?;
                let data = std::fs::read_to_string(e.path()).ok()?;
                Some(entry(&path, &data))
            })
            .collect()
    }

    /// Saves an entry: each data file checked, written through the store, then `check`.
    ///
    /// Each data file carries `loadedVersion`, the version the form was loaded from (added by
    /// `vindplaats-cms.js`: Decap's own protocol sends none and its server overwrites blindly).
    /// An existing file is replaced only while it still holds that version; otherwise nothing
    /// is written and the answer (409) holds both texts, the form's and the file's.
    fn persist(&self, params: &Value) -> Result<Value, Failure> {
        if params["assets"].as_array().is_some_and(|a| !a.is_empty()) {
            return Err((
                422,
                "de beheerpagina bewaart geen afbeeldingen of andere bestanden".to_owned(),
            )
                .into());
        }
        // The older form of the request has one `entry` instead of `dataFiles`.
        let files: Vec<Value> = match params["dataFiles"].as_array() {
            Some(list) => list.clone(),
            None => vec![params["entry"].clone()],
        };
        let new_entry = params["options"]["newEntry"].as_bool().unwrap_or(false);
        let allow = crate::config::Config::from_root(&self.root)
            .map(|c| c.privacy_allowlist)
            .unwrap_or_default();
        let mut written: Vec<(String, String)> = Vec::new();
        for f in &files {
            let path = f["path"].as_str().unwrap_or_default();
            let raw = f["raw"]
                .as_str()
                .ok_or((422, "er is geen tekst om te bewaren".to_owned()))?;
            let target = f["newPath"].as_str().unwrap_or(path);
            let file = paths::file(&self.root, target).map_err(refused)?;
            let old = (target != path)
                .then(|| paths::file(&self.root, path).map_err(refused))
                .transpose()?;
            refuse_contact_data(target, raw, &allow)?;
            let loaded = f["loadedVersion"].as_str();
            let mode = match (&old, loaded) {
                _ if new_entry => store::Mode::New,
                // A renamed entry: the old file must still be what the form loaded.
                (Some(old), loaded) => {
                    self.still_loaded(path, old, loaded, raw)?;
                    store::Mode::New
                }
                (None, Some(loaded)) => store::Mode::Edit {
                    loaded,
                    history: &self.history,
                },
                // No version: only a file that is not there yet may be written.
                (None, None) if !file.exists() => store::Mode::New,
                (None, None) => return Err(self.conflict(target, &file, raw)),
            };
            store::write(&file, raw.as_bytes(), mode)
                .map_err(|e| self.refused_write(&e, target, &file, raw, "is niet bewaard"))?;
            if let Some(old) = old {
                store::remove(&old, Some(&self.history)).map_err(|e| {
                    (
                        500,
                        format!(
                            "{path} kan niet worden verwijderd: {}",
                            crate::error::cause(&e, crate::error::Access::Write)
                        ),
                    )
                })?;
            }
            written.push((target.to_owned(), store::version(raw.as_bytes())));
        }
        if let Some((last, _)) = written.last() {
            let result = self.check(last);
            *self.last_check.lock().unwrap_or_else(|e| e.into_inner()) = Some(result);
        }
        let names: Vec<&str> = written.iter().map(|(path, _)| path.as_str()).collect();
        let versions: serde_json::Map<String, Value> = written
            .iter()
            .map(|(path, version)| (path.clone(), version.clone().into()))
            .collect();
        Ok(json!({
            "message": format!("{} bewaard", names.join(", ")),
            // The new versions, so the page's next save of the same form carries them.
            "versions": versions,
        }))
    }

    /// The answer to a write of `raw` to `path` that the store refused: a conflict, a new
    /// entry whose file exists, or what the system said (a full disk), in Dutch; `not_done`
    /// says what did not happen ("is niet bewaard").
    fn refused_write(
        &self,
        e: &std::io::Error,
        path: &str,
        file: &Path,
        raw: &str,
        not_done: &str,
    ) -> Failure {
        if store::Conflict::of(e).is_some() {
            self.conflict(path, file, raw)
        } else if e.kind() == std::io::ErrorKind::AlreadyExists {
            (
                409,
                format!("{path} bestaat al; kies een andere titel of map, dan wordt er niets overschreven"),
            )
                .into()
        } else {
            (
                500,
                format!(
                    "{path} {not_done}: {}. Het bestand is niet veranderd.",
                    crate::error::cause(e, crate::error::Access::Write)
                ),
            )
                .into()
        }
    }

    /// Refuses a save whose old file (of a renamed entry) no longer holds the version loaded.
    fn still_loaded(
        &self,
        path: &str,
        file: &Path,
        loaded: Option<&str>,
        raw: &str,
    ) -> Result<(), Failure> {
        let on_disk = std::fs::read(file).ok();
        if loaded.is_some() && on_disk.as_deref().map(store::version).as_deref() == loaded {
            Ok(())
        } else {
            Err(self.conflict(path, file, raw))
        }
    }

    /// The refusal of a save over a file that changed since the form was loaded: a Dutch
    /// message and both texts, so the page can offer them; the form's text is kept in the
    /// history too, so it is not lost when the page is closed.
    fn conflict(&self, path: &str, file: &Path, raw: &str) -> Failure {
        let on_disk = std::fs::read(file)
            .ok()
            .map(|b| String::from_utf8_lossy(&b).into_owned());
        let kept = self.history.keep(file, raw.as_bytes(), store::REFUSED);
        let kept = match &kept {
            Ok(k) => format!(
                " Uw tekst staat ook in {}.",
                k.strip_prefix(&self.root).unwrap_or(k).display()
            ),
            Err(_) => String::new(),
        };
        let what = if on_disk.is_some() {
            "is veranderd sinds u het opende (door een collega, in een ander programma of door OneDrive)"
        } else {
            "is weggehaald sinds u het opende"
        };
        let message = format!(
            "niet bewaard: {path} {what}. Er is niets overschreven. Hieronder staan uw versie en de versie die nu in het bestand staat. Open het bestand opnieuw, neem over wat u uit uw versie wilt houden en bewaar dan.{kept}"
        );
        Failure {
            status: 409,
            error: message,
            conflict: Some(json!({ "path": path, "yours": raw, "onDisk": on_disk })),
        }
    }

    /// What `check` says about the file at `path` (relative to the root): its findings as the
    /// terminal shows them, how many there are elsewhere, and the page to look at.
    pub fn check(&self, path: &str) -> Value {
        let opts = crate::site::BuildOptions {
            root: self.root.clone(),
            output: None,
            base_url: None,
            concepts: true,
        };
        let today =
            crate::check::today().unwrap_or_else(|_| time::OffsetDateTime::now_utc().date());
        let report = match crate::check::run(&opts, today) {
            Ok(r) => r,
            Err(e) => {
                return json!({
                    "file": path, "errors": 1, "warnings": 0, "page": null,
                    "summary": format!("Bewaard, maar de site kan niet worden gecontroleerd: {e}"),
                    "findings": "",
                });
            }
        };
        let own = |f: &crate::check::Finding| {
            f.error
                .file
                .strip_prefix(&self.root)
                .unwrap_or(&f.error.file)
                == Path::new(path)
        };
        let (mut errors, mut warnings) = (0, 0);
        let mut text = String::new();
        for f in report.findings.iter().filter(|f| own(f)) {
            match f.severity {
                Severity::Error => errors += 1,
                Severity::Warning => warnings += 1,
            }
            let mut error = f.error.clone();
            error.file = PathBuf::from(path);
            text.push_str(&crate::diagnostics::render(
                &error, f.severity, &self.root, false,
            ));
            text.push_str("\n\n");
        }
        let other_errors = report.errors() - errors;
        if other_errors > 0 {
            text.push_str(&format!(
                "Elders in de site: {other_errors} {}. Alles zien: vindplaats check.\n",
                plural(other_errors, "fout", "fouten")
            ));
        }
        let summary = match (errors, warnings) {
            (0, 0) => format!("Bewaard: {path}. De controle vond geen fouten."),
            (0, w) => format!(
                "Bewaard: {path}. Geen fouten, wel {w} {}.",
                plural(w, "waarschuwing", "waarschuwingen")
            ),
            (e, _) => format!(
                "Bewaard: {path}. De controle vond {e} {}: de site wordt pas gebouwd als {} {} verbeterd.",
                plural(e, "fout", "fouten"),
                plural(e, "die", "ze"),
                plural(e, "is", "zijn"),
            ),
        };
        json!({
            "file": path,
            "errors": errors,
            "warnings": warnings,
            "summary": summary,
            "findings": text.trim_end(),
            "page": page_of(path).map(|p| format!("{}{p}", self.folder.trim_end_matches(super::PATH))),
            // Whether the save can be undone (`vindplaatsRestore`).
            "previous": self.history.list(&self.root.join(path)).iter().any(|k| !k.refused),
        })
    }
}

/// The page a content file makes, relative to the site's root, where it has one of its own.
fn page_of(path: &str) -> Option<String> {
    let rest = path.strip_prefix("content/")?;
    let stem = Path::new(rest).file_stem()?.to_str()?;
    if rest.starts_with("rapporten/") {
        Some(crate::urls::report(stem))
    } else if rest.starts_with("themas/") {
        Some(crate::urls::topic(stem))
    } else if rest.starts_with("edities/") {
        Some(crate::urls::edition(stem.parse().ok()?))
    } else {
        None
    }
}

fn plural<'a>(n: usize, one: &'a str, more: &'a str) -> &'a str {
    if n == 1 { one } else { more }
}

/// An entry as the protocol gives it: the text and its id (the SHA-256 of the bytes, as
/// Decap's own server makes it).
fn entry(path: &str, data: &str) -> Value {
    json!({
        "data": data,
        "file": { "path": path, "id": store::version(data.as_bytes()) },
    })
}

/// The entry of `file`, or one without data when there is no such file (as Decap's own
/// server answers).
fn read_entry(path: &str, file: &Path) -> Value {
    match std::fs::read_to_string(file) {
        Ok(data) => entry(path, &data),
        Err(_) => json!({ "data": null, "file": { "path": path, "id": null } }),
    }
}

fn refused(why: paths::Refusal) -> Failure {
    (403, why).into()
}

/// Refuses a text that holds contact data the build would stop on, naming each find and what
/// to write instead. A possible home address (a warning) is saved and shown by the check.
fn refuse_contact_data(path: &str, text: &str, allow: &[String]) -> Result<(), Failure> {
    let found: Vec<String> = crate::privacy::Guard::new()
        .scan(Path::new(path), text, allow)
        .into_iter()
        .filter(|(severity, _)| *severity == Severity::Error)
        .map(|(_, e)| {
            format!(
                "regel {}: {}. {}",
                e.line,
                e.message,
                e.hint.map(|h| format!("Tip: {h}")).unwrap_or_default()
            )
        })
        .collect();
    if found.is_empty() {
        return Ok(());
    }
    Err((
        422,
        format!(
            "niet bewaard, want de tekst bevat contactgegevens die niet op de site mogen. {}",
            found.join(" ")
        ),
    )
        .into())
}
