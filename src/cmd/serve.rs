//! `vindplaats serve`: builds the site in memory, serves it on 127.0.0.1, rebuilds when
//! content, theme or config change, and reloads open pages. What is built, and in which order
//! after an edit, is the session's ([`crate::session`]); this module serves what it is
//! handed (HTTP) and tells open pages to reload (server-sent events).
//!
//! The reload channel is server-sent events at a reserved path on the same port as the pages
//! (`/__vindplaats/reload`), so it works behind any proxy that passes the pages. The small
//! reload script is added to pages only as they are served: `build` output never contains it.
//! A content error does not stop the server: every page then shows the same error text as the
//! terminal, and reloads into the site once the file is fixed.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use notify_debouncer_full::notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, new_debouncer};

use super::EXIT_OTHER;
use crate::cli::ServeArgs;
use crate::diagnostics;
use crate::error::{BuildError, SystemError};
use crate::output::{Bytes, OutputFile};
use crate::session::{Session, Update};
use crate::site::BuildOptions;
use crate::urls::Urls;

/// The reserved path of the reload channel, under the base path.
pub const RELOAD_PATH: &str = "__vindplaats/reload";

/// What is being served: the last good site, and the error of the last build if it failed.
#[derive(Default)]
struct Served {
    /// Shared with what the next build may reuse: a page kept and served is one buffer.
    files: HashMap<String, Bytes>,
    /// The files the last search index made, replaced whole by the next one.
    index_files: Vec<String>,
    error: Option<String>,
    /// The warnings last printed, so that an unchanged list is not printed on every save.
    warnings: Vec<crate::error::ContentError>,
    /// The edited reports' pages are served ahead of the rest of the site: the whole site
    /// that follows reloads open pages only when it changes anything else.
    early: bool,
    generation: u64,
}

struct Shared {
    served: Mutex<Served>,
    listeners: Mutex<Vec<Sender<u64>>>,
    base_path: String,
    /// The site root, which errors and warnings name files relative to.
    root: PathBuf,
    /// `--uitleg`: show the technical message under an error.
    uitleg: bool,
    /// The editor at `__vindplaats/beheer/`, saving into this site's `content/`.
    editor: crate::editor::Editor,
}

/// A lock that survives a panic elsewhere: serving must go on.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

// Longer than most: starting the server, the watcher and the reload channel in order.
pub fn run(args: &ServeArgs) -> i32 {
    // Said at once: in the wrong folder there is no site to serve, however long it waits.
    if let Err(e) = crate::config::ensure_site(&args.root) {
        eprintln!("fout: {e}");
        return EXIT_OTHER;
    }
    let server = match tiny_http::Server::http(("127.0.0.1", args.port)) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{}", port_refused(args.port, &*e, args.uitleg));
            return EXIT_OTHER;
        }
    };
    let port = match server.server_addr() {
        tiny_http::ListenAddr::IP(addr) => addr.port(),
        #[allow(unreachable_patterns)]
        _ => args.port,
    };
    let base_url = match &args.base_url {
        // Serve under the path of the given address, on this machine.
        Some(url) => match Urls::new(url) {
            Ok(u) => format!("http://127.0.0.1:{port}{}", u.base_path()),
            Err(m) => {
                eprintln!("fout: --base-url: {m}");
                return EXIT_OTHER;
            }
        },
        None => format!("http://127.0.0.1:{port}/"),
    };
    let base_path = Urls::new(&base_url)
        .map(|u| u.base_path().to_owned())
        .unwrap_or_else(|_| "/".into());
    let opts = BuildOptions {
        root: args.root.clone(),
        output: None,
        base_url: Some(base_url.clone()),
        // The team prepares the next round in serve: concepts show, with a banner.
        concepts: true,
    };
    let shared = Arc::new(Shared {
        served: Mutex::new(Served::default()),
        listeners: Mutex::new(Vec::new()),
        editor: crate::editor::Editor::new(&args.root, port, &base_path),
        base_path,
        root: args.root.clone(),
        uitleg: args.uitleg,
    });
    // Watch content, themes and the config; rebuild on every (debounced) change. Watched
    // before the first build: a rebuild reads again only the files the watcher names
    // (`Session::update`), so a change made while the first build reads must be seen.
    let (tx, rx) = channel::<DebounceEventResult>();
    let mut debouncer = match new_debouncer(Duration::from_millis(40), None, tx) {
        Ok(d) => d,
        Err(e) => {
            eprintln!(
                "{}",
                diagnostics::render_other(
                    &"fout: kan de bestanden van de site niet volgen",
                    Some(&e.to_string()),
                    args.uitleg
                )
            );
            return EXIT_OTHER;
        }
    };
    for (dir, mode) in [
        (args.root.join("content"), RecursiveMode::Recursive),
        (args.root.join("themes"), RecursiveMode::Recursive),
        (args.root.clone(), RecursiveMode::NonRecursive),
    ] {
        if dir.is_dir()
            && let Err(e) = debouncer.watch(&dir, mode)
        {
            let message = format!(
                "waarschuwing: kan {} niet volgen; een wijziging daarin ziet u pas na een nieuwe start",
                dir.display()
            );
            eprintln!(
                "{}",
                diagnostics::render_other(&message, Some(&e.to_string()), args.uitleg)
            );
        }
    }
    let mut session = Session::new(opts);
    session.update(&[], |update, started| apply(&shared, update, started));
    {
        let shared = Arc::clone(&shared);
        let root = args.root.clone();
        std::thread::spawn(move || watch(rx, &shared, &mut session, &root));
    }

    println!("Voorbeeld op {base_url} — wijzigingen verschijnen vanzelf. Stoppen: Ctrl+C.");
    println!("Bewerken in de browser: {base_url}{}", crate::editor::PATH);
    if args.open
        && let Err(e) = open::that(&base_url)
    {
        let message = format!(
            "waarschuwing: kan de browser niet openen: {}; open {base_url} zelf",
            crate::error::cause(&e, crate::error::Access::Read)
        );
        eprintln!(
            "{}",
            diagnostics::render_other(&message, Some(&e.to_string()), args.uitleg)
        );
    }
    for request in server.incoming_requests() {
        respond(&shared, request);
    }
    drop(debouncer);
    0
}

/// A port the system would not give: in Dutch, with what to do; the system's words with
/// `--uitleg`.
fn port_refused(port: u16, e: &(dyn std::error::Error + 'static), uitleg: bool) -> String {
    let doing = format!("fout: kan poort {port} niet gebruiken");
    let error = match e.downcast_ref::<std::io::Error>() {
        Some(io) => SystemError::io(doing, io, crate::error::Access::Read),
        None => SystemError {
            technical: Some(e.to_string()),
            ..SystemError::new(doing)
        },
    }
    .hint(format!(
        "kies een ander nummer, bijvoorbeeld: vindplaats serve --port {}",
        port.wrapping_add(1).max(1024)
    ));
    diagnostics::render_other(&error, error.technical.as_deref(), uitleg)
}

/// The search index could not be made (the served one stays): in Dutch, the cause with
/// `--uitleg`.
fn index_failed(e: &anyhow::Error, uitleg: bool) -> String {
    let technical = e
        .downcast_ref::<SystemError>()
        .and_then(|s| s.technical.clone())
        .unwrap_or_else(|| format!("{e:#}"));
    diagnostics::render_other(
        &"fout: de zoekindex kan niet worden gemaakt; zoeken vindt de laatste wijzigingen nog niet",
        Some(&technical),
        uitleg,
    )
}

/// Rebuilds after every batch of changes to the files the build reads ([`changes`]).
fn watch(rx: Receiver<DebounceEventResult>, shared: &Shared, session: &mut Session, root: &Path) {
    for first in &rx {
        // The batches that queued while the last rebuild ran (a burst of saves) are looked at
        // together, each path once: one rebuild for all of them, not one per batch.
        let files = changes(std::iter::once(first).chain(rx.try_iter()), root);
        if !files.is_empty() {
            on_change(shared, session, &files);
        }
    }
}

/// After an edit: the session's steps in order (the edited reports' pages first, when only
/// reports changed; then the whole site, which has the last word), each served as it comes.
fn on_change(shared: &Shared, session: &mut Session, files: &[PathBuf]) {
    session.update(files, |update, started| apply(shared, update, started));
}

/// Serves one step of the session (begun at `started`), says so in the terminal, and tells
/// open pages to reload when what they show may have changed.
fn apply(shared: &Shared, update: Update, started: Instant) {
    match update {
        Update::Edited(pages) => {
            let mut served = lock(&shared.served);
            served
                .files
                .extend(pages.into_iter().map(|f| (f.path, f.bytes)));
            served.early = true;
            drop(served);
            reload(shared);
            println!(
                "Verslag getoond in {} ms; de rest van de site volgt.",
                started.elapsed().as_millis()
            );
        }
        Update::EditedIndex(Ok(index)) => {
            install_index(shared, index);
            println!(
                "Zoekindex van het verslag bijgewerkt in {} ms.",
                started.elapsed().as_millis()
            );
        }
        Update::Index(Ok(index)) => {
            install_index(shared, index);
            println!(
                "Zoekindex bijgewerkt in {} ms.",
                started.elapsed().as_millis()
            );
        }
        Update::EditedIndex(Err(e)) | Update::Index(Err(e)) => {
            eprintln!("{}", index_failed(&e, shared.uitleg))
        }
        Update::Rebuilt(result) => rebuilt(shared, result, started),
    }
}

/// Tells every open page to reload.
fn reload(shared: &Shared) {
    let generation = {
        let mut served = lock(&shared.served);
        served.generation += 1;
        served.generation
    };
    lock(&shared.listeners).retain(|l| l.send(generation).is_ok());
}

/// Serves `index` in place of the files the last search index made.
fn install_index(shared: &Shared, index: Vec<OutputFile>) {
    let mut served = lock(&shared.served);
    for path in std::mem::take(&mut served.index_files) {
        served.files.remove(&path);
    }
    served.index_files = index.iter().map(|f| f.path.clone()).collect();
    served
        .files
        .extend(index.into_iter().map(|f| (f.path, f.bytes)));
}

/// The files the build reads that the watcher saw change, by the paths the build knows them
/// by (under `root` as given): made, written, renamed, removed or given other metadata.
/// Reading is no change: the build itself reads every file, and inotify reports each open as
/// an access event, which is left out here by its kind (as Zola's `serve` does). Under
/// `content/` only what the build reads counts (`.md` and `.toml` files, and folders, which
/// have no extension), so an editor's swap or backup file (`.verslag.md.swp`, `verslag.md~`)
/// is no edit of the site; under `themes/` every file does. A batch the watcher could not
/// follow (an error, or a missed event that asks for a rescan) stands for everything: `root`.
fn changes(batches: impl Iterator<Item = DebounceEventResult>, root: &Path) -> Vec<PathBuf> {
    // The watcher names files by the folder's full path; the build by the root as given.
    let full_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let mut files = std::collections::BTreeSet::new();
    for batch in batches {
        let Ok(events) = batch else {
            files.insert(root.to_path_buf());
            continue;
        };
        for event in events {
            if event.need_rescan() {
                files.insert(root.to_path_buf());
            }
            if matches!(event.kind, EventKind::Access(_)) {
                continue;
            }
            for path in &event.paths {
                let Ok(inside) = path
                    .strip_prefix(&full_root)
                    .or_else(|_| path.strip_prefix(root))
                else {
                    files.insert(root.to_path_buf());
                    continue;
                };
                let read = inside == Path::new(crate::config::FILE_NAME)
                    || inside.starts_with("themes")
                    || (inside.starts_with("content")
                        && inside.extension().is_none_or(|x| x == "md" || x == "toml"));
                if read {
                    files.insert(root.join(inside));
                }
            }
        }
    }
    files.into_iter().collect()
}

// Longer than most: one build's outcome into what is served, with its message.
/// Serves the whole site (built from `started`) in place of the last one, or the error page.
/// When the edited reports' pages were served ahead of it, open pages reload again only when
/// anything else changed.
fn rebuilt(shared: &Shared, result: Result<crate::session::Rebuilt, BuildError>, started: Instant) {
    let took = started.elapsed().as_millis();
    let mut served = lock(&shared.served);
    let shown = std::mem::take(&mut served.early);
    let reload_pages = match result {
        Ok(built) => {
            let mut files: HashMap<String, Bytes> =
                built.files.into_iter().map(|f| (f.path, f.bytes)).collect();
            // The pages come first; the last index serves until the new one is made, right
            // after. (The session's build makes no index: its files are the last index's.)
            let old = std::mem::take(&mut served.files);
            files.extend(
                served
                    .index_files
                    .iter()
                    .filter_map(|path| old.get_key_value(path))
                    .map(|(path, bytes)| (path.clone(), Bytes::clone(bytes))),
            );
            // The page shown early is replaced too: a page of the whole site wins. Pages the
            // build took from its memo are the buffers served already: compared by address.
            let reload_pages = !(shown && served.error.is_none() && files == old);
            served.files = files;
            served.error = None;
            // Warnings (a report still holding the text `new` wrote) do not stop the preview:
            // the team looks at a report while writing it.
            if built.warnings != served.warnings {
                for warning in &built.warnings {
                    eprintln!(
                        "{}\n",
                        diagnostics::render(
                            warning,
                            diagnostics::Severity::Warning,
                            &shared.root,
                            shared.uitleg
                        )
                    );
                }
                served.warnings = built.warnings;
            }
            println!(
                "Gebouwd in {took} ms ({} van {} pagina's opnieuw).",
                built.rendered,
                served.files.keys().filter(|f| f.ends_with(".html")).count()
            );
            reload_pages
        }
        Err(BuildError::Content(errors, warnings)) => {
            let text = diagnostics::render_all(
                &errors,
                &warnings,
                &shared.root,
                shared.uitleg,
                diagnostics::Kept::Previous,
            );
            eprintln!("{text}");
            served.error = Some(text);
            true
        }
        Err(other) => {
            let text = diagnostics::render_other(&other, other.technical(), shared.uitleg);
            eprintln!("{text}");
            served.error = Some(text);
            true
        }
    };
    drop(served);
    if reload_pages {
        reload(shared);
    }
}

// Longer than most: one match over what a request may ask for (reload channel, page, file,
// folder without its slash, nothing), each answer a few lines.
fn respond(shared: &Arc<Shared>, request: tiny_http::Request) {
    let url = request
        .url()
        .split(['?', '#'])
        .next()
        .unwrap_or("/")
        .to_owned();
    let Some(rest) = url
        .strip_prefix(&shared.base_path)
        .or_else(|| (url.clone() + "/").eq(&shared.base_path).then_some(""))
    else {
        let _ = request.respond(text_response(
            404,
            "Niet gevonden: deze site staat onder een andere map.",
            "text/plain",
        ));
        return;
    };
    let rest = percent_encoding::percent_decode_str(rest)
        .decode_utf8_lossy()
        .into_owned();
    if let Some(rest) = rest.strip_prefix(crate::editor::PATH) {
        crate::editor::respond(&shared.editor, request, rest);
        return;
    }
    if rest == RELOAD_PATH {
        let shared = Arc::clone(shared);
        std::thread::spawn(move || events(&shared, request));
        return;
    }
    if rest == format!("{RELOAD_PATH}.js") {
        let script = format!(
            "(function(){{var s=new EventSource({:?});s.addEventListener('reload',function(){{location.reload()}});}})();",
            format!("{}{RELOAD_PATH}", shared.base_path)
        );
        let _ = request.respond(text_response(
            200,
            &script,
            "text/javascript; charset=utf-8",
        ));
        return;
    }
    let served = lock(&shared.served);
    let file = if rest.is_empty() || rest.ends_with('/') {
        format!("{rest}index.html")
    } else {
        rest.clone()
    };
    if let Some(error) = &served.error
        && (file.ends_with(".html") || !served.files.contains_key(&file))
    {
        let page = error_page(error, &shared.base_path);
        drop(served);
        let _ = request.respond(text_response(500, &page, "text/html; charset=utf-8"));
        return;
    }
    let response = match served.files.get(&file) {
        Some(bytes) => {
            let body = if file.ends_with(".html") {
                with_reload_script(bytes, &shared.base_path)
            } else {
                bytes.to_vec()
            };
            tiny_http::Response::from_data(body)
                .with_status_code(200)
                .with_header(header("Content-Type", content_type(&file)))
        }
        None if served.files.contains_key(&format!("{rest}/index.html")) => {
            let location = format!("{}{rest}/", shared.base_path);
            tiny_http::Response::from_data(Vec::new())
                .with_status_code(301)
                .with_header(header("Location", &location))
        }
        None => {
            let body = served
                .files
                .get("404.html")
                .map(|b| with_reload_script(b, &shared.base_path))
                .unwrap_or_default();
            tiny_http::Response::from_data(body)
                .with_status_code(404)
                .with_header(header("Content-Type", "text/html; charset=utf-8"))
        }
    };
    drop(served);
    let _ = request.respond(response.with_header(header("Cache-Control", "no-store")));
}

/// Keeps a server-sent-events connection open and writes `reload` after every rebuild.
fn events(shared: &Shared, request: tiny_http::Request) {
    let (tx, rx) = channel();
    lock(&shared.listeners).push(tx);
    let mut writer = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n: vindplaats\n\n";
    if writer
        .write_all(head.as_bytes())
        .and_then(|()| writer.flush())
        .is_err()
    {
        return;
    }
    loop {
        let message = match rx.recv_timeout(Duration::from_secs(15)) {
            Ok(generation) => format!("event: reload\ndata: {generation}\n\n"),
            // A comment now and then finds out when the browser has gone.
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => ": ping\n\n".to_owned(),
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => return,
        };
        if writer
            .write_all(message.as_bytes())
            .and_then(|()| writer.flush())
            .is_err()
        {
            return;
        }
    }
}

fn reload_tag(base_path: &str) -> String {
    format!("<script src=\"{base_path}{RELOAD_PATH}.js\"></script>")
}

fn with_reload_script(html: &[u8], base_path: &str) -> Vec<u8> {
    let html = String::from_utf8_lossy(html);
    let tag = reload_tag(base_path);
    match html.rfind("</body>") {
        Some(at) => format!("{}{tag}{}", &html[..at], &html[at..]).into_bytes(),
        None => format!("{html}{tag}").into_bytes(),
    }
}

/// The page every address shows while the content has an error.
fn error_page(error: &str, base_path: &str) -> String {
    let mut escaped = String::new();
    pulldown_cmark_escape::escape_html(&mut escaped, error).expect("writing to a String");
    format!(
        "<!DOCTYPE html><html lang=\"nl\"><head><meta charset=\"utf-8\"><title>Fout in de inhoud</title></head>\
         <body><main><h1>De site kan niet worden gebouwd</h1><p>Verbeter het bestand hieronder en sla het op: \
         deze pagina ververst dan vanzelf.</p><pre>{escaped}</pre></main>{}</body></html>",
        reload_tag(base_path)
    )
}

fn header(name: &str, value: &str) -> tiny_http::Header {
    tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid header")
}

fn text_response(
    status: u16,
    body: &str,
    kind: &str,
) -> tiny_http::Response<std::io::Cursor<Vec<u8>>> {
    tiny_http::Response::from_data(body.as_bytes().to_vec())
        .with_status_code(status)
        .with_header(header("Content-Type", kind))
        .with_header(header("Cache-Control", "no-store"))
}

fn content_type(file: &str) -> &'static str {
    match file.rsplit_once('.').map(|(_, e)| e) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("json") => "application/json; charset=utf-8",
        Some("xml") => "application/xml; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("txt") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A copy of a small site to edit (the minimal fixture with the editions overlay: four
    /// reports of one theme, so an edit can move one past another; not the real site, which
    /// the integration tests build), and serve's session and state after its first build.
    fn serving_a_copy(dir: &Path) -> (Session, Shared) {
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        for fixture in ["minimal", "editions"] {
            let from = fixtures.join(fixture);
            for entry in walkdir::WalkDir::new(&from)
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file())
            {
                let to = dir.join(entry.path().strip_prefix(&from).unwrap());
                std::fs::create_dir_all(to.parent().unwrap()).unwrap();
                std::fs::copy(entry.path(), to).unwrap();
            }
        }
        let opts = BuildOptions {
            root: dir.to_path_buf(),
            output: None,
            base_url: Some("http://127.0.0.1:1111/".into()),
            concepts: true,
        };
        let shared = Shared {
            served: Mutex::new(Served::default()),
            listeners: Mutex::new(Vec::new()),
            base_path: "/".into(),
            root: dir.to_path_buf(),
            uitleg: false,
            editor: crate::editor::Editor::new(dir, 1111, "/"),
        };
        let mut session = Session::new(opts);
        session.update(&[], serve(&shared));
        (session, shared)
    }

    /// What serves a session's steps in these tests: what `serve` serves them with.
    fn serve(shared: &Shared) -> impl FnMut(Update, Instant) + '_ {
        |update, started| apply(shared, update, started)
    }

    /// What a fresh session of the site serves after its first build.
    fn fresh(opts: &BuildOptions) -> HashMap<String, Bytes> {
        let mut files = HashMap::new();
        Session::new(opts.clone()).update(&[], |update, _| match update {
            Update::Rebuilt(built) => {
                files.extend(built.unwrap().files.into_iter().map(|f| (f.path, f.bytes)))
            }
            Update::Index(index) => {
                files.extend(index.unwrap().into_iter().map(|f| (f.path, f.bytes)))
            }
            _ => {}
        });
        files
    }

    fn page(shared: &Shared, slug: &str) -> String {
        let file = crate::urls::file_for(&crate::urls::report(slug));
        String::from_utf8(lock(&shared.served).files[&file].to_vec()).unwrap()
    }

    fn edit(file: &Path, change: impl FnOnce(String) -> String) {
        let text = std::fs::read_to_string(file).unwrap();
        std::fs::write(file, change(text)).unwrap();
    }

    #[test]
    fn an_edited_report_shows_before_the_site_is_rebuilt_which_has_the_last_word() {
        let tmp = tempfile::tempdir().unwrap();
        let (mut session, shared) = serving_a_copy(tmp.path());
        let opts = session.options().clone();
        let (tx, reloads) = channel();
        lock(&shared.listeners).push(tx);
        let slug = "verslag-2024";
        let report = tmp.path().join(format!("content/rapporten/2024/{slug}.md"));

        // The fast path alone, no full rebuild yet: the page shows the edit, pages reload,
        // and the search index already has the new words (the full build's index, as this
        // edit changes only the report's own words).
        let index = |shared: &Shared| {
            let served = lock(&shared.served);
            let mut files: Vec<(String, Bytes)> = served
                .index_files
                .iter()
                .map(|path| (path.clone(), served.files[path].clone()))
                .collect();
            files.sort();
            files
        };
        let before = index(&shared);
        edit(&report, |t| t + "\nEen zin over de zeppelinhaven.\n");
        assert!(session.show_edited(std::slice::from_ref(&report), serve(&shared)));
        assert!(page(&shared, slug).contains("Een zin over de zeppelinhaven."));
        assert_eq!(reloads.try_iter().count(), 1);
        let early = index(&shared);
        assert_ne!(early, before, "the fast path serves an index with the edit");
        // The full rebuild finds nothing else changed: no second reload, and the whole
        // served site is a fresh build's, the early index included.
        session.show_all(serve(&shared));
        assert_eq!(reloads.try_iter().count(), 0);
        assert!(lock(&shared.served).files == fresh(&opts));
        assert_eq!(index(&shared), early);

        // A page that depends on other reports: a later date puts the report after the next
        // one of its topic (a concept, shown in serve), so its previous and next links swap. The fast path keeps the
        // report in its old place; the full rebuild's page replaces it and reloads again.
        edit(&report, |t| {
            t.replacen("date = 2024-05-14", "date = 2024-06-10", 1)
        });
        assert!(session.show_edited(std::slice::from_ref(&report), serve(&shared)));
        let early = page(&shared, slug);
        assert!(
            early.contains("10 juni 2024"),
            "the fast page has the new date"
        );
        session.show_all(serve(&shared));
        assert_eq!(reloads.try_iter().count(), 2);
        assert_ne!(page(&shared, slug), early);
        assert!(lock(&shared.served).files == fresh(&opts));

        // Not for the fast path: the config, a report that no longer parses, a new report.
        let config = tmp.path().join("vindplaats.toml");
        assert!(!session.show_edited(std::slice::from_ref(&config), serve(&shared)));
        edit(&report, |t| t.replacen("date = ", "date = x", 1));
        assert!(!session.show_edited(std::slice::from_ref(&report), serve(&shared)));
        session.show_all(serve(&shared));
        assert!(lock(&shared.served).error.is_some());
        edit(&report, |t| t.replacen("date = x", "date = ", 1));
        // After a failed build there is no last good site to start from.
        assert!(!session.show_edited(std::slice::from_ref(&report), serve(&shared)));
        session.show_all(serve(&shared));
        let copy = tmp.path().join("content/rapporten/nieuw.md");
        std::fs::copy(&report, &copy).unwrap();
        assert!(!session.show_edited(std::slice::from_ref(&copy), serve(&shared)));
    }

    /// Only a change to what the build reads counts: not a read, not an editor's swap file,
    /// not a file outside the site; a watcher that lost track stands for everything.
    #[test]
    fn only_a_change_to_what_the_build_reads_counts() {
        use notify_debouncer_full::DebouncedEvent;
        use notify_debouncer_full::notify::event::{
            AccessKind, AccessMode, CreateKind, Event, Flag, ModifyKind, RemoveKind, RenameMode,
        };
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        let full = std::fs::canonicalize(root).unwrap();
        let event = |kind: EventKind, paths: &[&str]| {
            let event = paths
                .iter()
                .fold(Event::new(kind), |e, p| e.add_path(full.join(p)));
            DebouncedEvent::new(event, Instant::now())
        };
        let seen = |events: Vec<DebouncedEvent>| changes(std::iter::once(Ok(events)), root);
        let report = "content/rapporten/verslag.md";
        let read = [
            event(
                EventKind::Access(AccessKind::Open(AccessMode::Any)),
                &[report],
            ),
            event(
                EventKind::Access(AccessKind::Close(AccessMode::Read)),
                &[report],
            ),
            event(
                EventKind::Access(AccessKind::Open(AccessMode::Any)),
                &["content/rapporten"],
            ),
        ];
        assert!(seen(read.to_vec()).is_empty(), "the build's own reads");
        let elsewhere = [
            event(
                EventKind::Create(CreateKind::File),
                &["content/rapporten/.verslag.md.swp"],
            ),
            event(
                EventKind::Modify(ModifyKind::Any),
                &["content/rapporten/verslag.md~"],
            ),
            event(EventKind::Create(CreateKind::Folder), &["public"]),
            event(EventKind::Modify(ModifyKind::Any), &["README.md"]),
        ];
        assert!(seen(elsewhere.to_vec()).is_empty(), "not read by the build");
        // A save by rename names the swap file and the report: only the report counts, so
        // the fast path still applies. A removed folder, the config and a theme file count.
        let edits = [
            event(
                EventKind::Modify(ModifyKind::Name(RenameMode::Both)),
                &["content/rapporten/.verslag.md.swp", report],
            ),
            event(EventKind::Modify(ModifyKind::Any), &[report]),
            event(
                EventKind::Remove(RemoveKind::Folder),
                &["content/rapporten/2024"],
            ),
            event(EventKind::Modify(ModifyKind::Any), &["vindplaats.toml"]),
            event(
                EventKind::Create(CreateKind::File),
                &["themes/almere/static/a.css"],
            ),
        ];
        assert_eq!(
            seen(edits.to_vec()),
            [
                "content/rapporten/2024",
                report,
                "themes/almere/static/a.css",
                "vindplaats.toml"
            ]
            .map(|p| root.join(p))
        );
        // Lost track: a rescan, or an error from the watcher.
        let rescan = Event::new(EventKind::Other).set_flag(Flag::Rescan);
        assert_eq!(
            seen(vec![DebouncedEvent::new(rescan, Instant::now())]),
            [root.to_path_buf()]
        );
        assert_eq!(
            changes(std::iter::once(Err(Vec::new())), root),
            [root.to_path_buf()]
        );
        // Batches queued together: each path once.
        let twice = [Ok(edits[1..2].to_vec()), Ok(edits[1..2].to_vec())];
        assert_eq!(changes(twice.into_iter(), root), [root.join(report)]);
    }
}
