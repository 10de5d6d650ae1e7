//! `vindplaats serve`: builds the site in memory, serves it on 127.0.0.1, rebuilds when
//! content, theme or config change, and reloads open pages.
//!
//! The reload channel is server-sent events at a reserved path on the same port as the pages
//! (`/__vindplaats/reload`), so it works behind any proxy that passes the pages. The small
//! reload script is added to pages only as they are served: `build` output never contains it.
//! A content error does not stop the server: every page then shows the same error text as the
//! terminal, and reloads into the site once the file is fixed.

use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant, SystemTime};

use notify_debouncer_mini::notify::RecursiveMode;
use notify_debouncer_mini::{DebounceEventResult, new_debouncer};

use super::EXIT_OTHER;
use crate::cli::ServeArgs;
use crate::diagnostics;
use crate::error::BuildError;
use crate::site::{self, BuildOptions};
use crate::urls::Urls;

/// The reserved path of the reload channel, under the base path.
pub const RELOAD_PATH: &str = "__vindplaats/reload";

/// What is being served: the last good site, and the error of the last build if it failed.
#[derive(Default)]
struct Served {
    files: HashMap<String, Vec<u8>>,
    /// The files the last search index made, replaced whole by the next one.
    index_files: Vec<String>,
    error: Option<String>,
    /// The warnings last printed, so that an unchanged list is not printed on every save.
    warnings: Vec<crate::error::ContentError>,
    generation: u64,
}

struct Shared {
    served: Mutex<Served>,
    /// What the next build may reuse of the last one.
    cache: Mutex<site::Cache>,
    listeners: Mutex<Vec<Sender<u64>>>,
    base_path: String,
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
    let server = match tiny_http::Server::http(("127.0.0.1", args.port)) {
        Ok(s) => s,
        Err(e) => {
            eprintln!(
                "fout: kan poort {} niet gebruiken ({e}); kies een andere met --port",
                args.port
            );
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
        cache: Mutex::new(site::Cache::default()),
        listeners: Mutex::new(Vec::new()),
        editor: crate::editor::Editor::new(&args.root, port, &base_path),
        base_path,
        uitleg: args.uitleg,
    });
    rebuild(&shared, &opts, false);

    // Watch content, themes and the config; rebuild on every (debounced) change.
    let (tx, rx) = channel::<DebounceEventResult>();
    let mut debouncer = match new_debouncer(Duration::from_millis(40), tx) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("fout: kan de bestanden niet volgen ({e})");
            return EXIT_OTHER;
        }
    };
    for (dir, mode) in [
        (args.root.join("content"), RecursiveMode::Recursive),
        (args.root.join("themes"), RecursiveMode::Recursive),
        (args.root.clone(), RecursiveMode::NonRecursive),
    ] {
        if dir.is_dir()
            && let Err(e) = debouncer.watcher().watch(&dir, mode)
        {
            eprintln!("waarschuwing: kan {} niet volgen ({e})", dir.display());
        }
    }
    {
        let shared = Arc::clone(&shared);
        let root = args.root.clone();
        std::thread::spawn(move || watch(rx, &shared, &opts, &root));
    }

    println!("Voorbeeld op {base_url} — wijzigingen verschijnen vanzelf. Stoppen: Ctrl+C.");
    println!("Bewerken in de browser: {base_url}{}", crate::editor::PATH);
    if args.open
        && let Err(e) = open::that(&base_url)
    {
        eprintln!("waarschuwing: kan de browser niet openen ({e}); open {base_url} zelf");
    }
    for request in server.incoming_requests() {
        respond(&shared, request);
    }
    drop(debouncer);
    0
}

/// Rebuilds after every batch of changes that really changed a file of the site. Watchers also
/// report files being read (by the build itself), so a batch only counts when the names,
/// sizes or modification times of the site's files differ from those of the last build.
fn watch(rx: Receiver<DebounceEventResult>, shared: &Shared, opts: &BuildOptions, root: &Path) {
    let mut last = signature(root);
    for first in &rx {
        // The batches that queued meanwhile are looked at together, each path once. A rebuild
        // runs on this thread, and the watcher reports the build's own reads (every folder
        // of reports, listed by load and by the privacy scan) in a batch every 40 ms: looked
        // at one by one, that backlog (a folder of 1,000 reports takes ~20 ms to compare)
        // held up the next save's page by up to 200 ms at 10,000 reports.
        let paths: std::collections::BTreeSet<PathBuf> = std::iter::once(first)
            .chain(rx.try_iter())
            .filter_map(Result::ok)
            .flatten()
            .map(|event| event.path)
            .collect();
        let mut files = Vec::new();
        if changed(
            &mut last,
            root,
            paths.iter().map(PathBuf::as_path),
            &mut files,
        ) {
            on_change(shared, opts, &files);
        }
    }
}

/// After an edit: the edited reports' pages first, when only reports changed
/// ([`show_edited`]), then the whole site, which has the last word.
fn on_change(shared: &Shared, opts: &BuildOptions, files: &[PathBuf]) {
    let shown = show_edited(shared, files);
    rebuild(shared, opts, shown);
}

/// Serves the new pages of the edited reports `files` at once and reloads, when the edit is
/// of reports only and each still parses (see [`site::preview_reports`]). Whether it did.
fn show_edited(shared: &Shared, files: &[PathBuf]) -> bool {
    let started = Instant::now();
    let Some(pages) = site::preview_reports(&mut lock(&shared.cache), files) else {
        return false;
    };
    let mut served = lock(&shared.served);
    served
        .files
        .extend(pages.into_iter().map(|f| (f.path, f.bytes)));
    served.generation += 1;
    let generation = served.generation;
    drop(served);
    lock(&shared.listeners).retain(|l| l.send(generation).is_ok());
    println!(
        "Verslag getoond in {} ms; de rest van de site volgt.",
        started.elapsed().as_millis()
    );
    // Search finds the new words before the rest of the site is rebuilt: only the edited
    // reports' documents are counted again (the full rebuild's index follows it).
    let started = Instant::now();
    let index = site::preview_index(&mut lock(&shared.cache));
    match index {
        Some(Ok(index)) => {
            install_index(shared, index);
            println!(
                "Zoekindex van het verslag bijgewerkt in {} ms.",
                started.elapsed().as_millis()
            );
        }
        Some(Err(e)) => eprintln!("fout: de zoekindex kan niet worden gemaakt ({e})"),
        None => {}
    }
    true
}

/// Serves `index` in place of the files the last search index made.
fn install_index(shared: &Shared, index: Vec<crate::output::OutputFile>) {
    let mut served = lock(&shared.served);
    for path in std::mem::take(&mut served.index_files) {
        served.files.remove(&path);
    }
    served.index_files = index.iter().map(|f| f.path.clone()).collect();
    served
        .files
        .extend(index.into_iter().map(|f| (f.path, f.bytes)));
}

/// Size and modification time of every file the build reads, by path.
type Signature = BTreeMap<PathBuf, (u64, Option<SystemTime>)>;

/// Whether a file among `paths` differs from `last`, which is brought up to date. Only the
/// named files are looked at: a build reads every file, and walking all of them again after
/// each batch took longer than the rebuild itself at 1,000 reports. A folder made, moved or
/// removed (a year's folder of reports) is looked at whole. What changed is added to `files`
/// (a folder, or the root when a path cannot be placed, stands for all it holds).
fn changed<'a>(
    last: &mut Signature,
    root: &Path,
    paths: impl Iterator<Item = &'a Path>,
    files: &mut Vec<PathBuf>,
) -> bool {
    // The watcher names files by the folder's full path; the signature by the root as given.
    let full_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let mut changed = false;
    for event in paths {
        let Some(inside) = event
            .strip_prefix(&full_root)
            .or_else(|_| event.strip_prefix(root))
            .ok()
        else {
            // A path this cannot place: look at everything, as before.
            let now = signature(root);
            let differs = now != *last;
            *last = now;
            files.push(root.to_path_buf());
            return changed || differs;
        };
        let read = inside == Path::new(crate::config::FILE_NAME)
            || inside.starts_with("content")
            || inside.starts_with("themes");
        if !read {
            continue;
        }
        let path = &root.join(inside);
        let now = stat(path);
        let was_folder = now.is_none()
            && last
                .range(path.to_path_buf()..)
                .next()
                .is_some_and(|(p, _)| p != path && p.starts_with(path));
        if path.is_dir() || was_folder {
            if folder_changed(last, path) {
                changed = true;
                files.push(path.to_path_buf());
            }
            continue;
        }
        if last.get(path) != now.as_ref() {
            changed = true;
            files.push(path.to_path_buf());
            match now {
                Some(s) => last.insert(path.to_path_buf(), s),
                None => last.remove(path),
            };
        }
    }
    changed
}

/// Whether the names in `folder` differ from those `last` knows; if so, everything below it
/// is looked at again. A build lists every folder too, which changes nothing: the names are
/// compared first, and a file changed inside has an event of its own.
fn folder_changed(last: &mut Signature, folder: &Path) -> bool {
    let below = |last: &Signature| -> Vec<PathBuf> {
        last.range(folder.to_path_buf()..)
            .map(|(p, _)| p)
            .take_while(|p| p.starts_with(folder))
            .filter(|p| *p != folder)
            .cloned()
            .collect()
    };
    let known: std::collections::BTreeSet<PathBuf> = below(last)
        .iter()
        .filter_map(|p| Some(folder.join(p.strip_prefix(folder).ok()?.components().next()?)))
        .collect();
    let now: std::collections::BTreeSet<PathBuf> = std::fs::read_dir(folder)
        .map(|entries| entries.filter_map(|e| Some(e.ok()?.path())).collect())
        .unwrap_or_default();
    // An empty folder leaves no file in the signature: only what holds files counts.
    let now: std::collections::BTreeSet<PathBuf> = now
        .into_iter()
        .filter(|p| {
            known.contains(p)
                || !p.is_dir()
                || walkdir::WalkDir::new(p)
                    .into_iter()
                    .filter_map(Result::ok)
                    .any(|e| e.file_type().is_file())
        })
        .collect();
    if known == now {
        return false;
    }
    for gone in below(last) {
        last.remove(&gone);
    }
    last.extend(
        walkdir::WalkDir::new(folder)
            .into_iter()
            .filter_map(Result::ok)
            .filter_map(|e| {
                let s = stat(e.path())?;
                Some((e.into_path(), s))
            }),
    );
    true
}

fn stat(path: &Path) -> Option<(u64, Option<SystemTime>)> {
    let meta = std::fs::metadata(path).ok()?;
    meta.is_file().then(|| (meta.len(), meta.modified().ok()))
}

/// Size and modification time of every file the build reads.
fn signature(root: &Path) -> Signature {
    let config = root.join(crate::config::FILE_NAME);
    walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .chain(walkdir::WalkDir::new(root.join("themes")))
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .chain(std::iter::once(config))
        .filter_map(|p| {
            let s = stat(&p)?;
            Some((p, s))
        })
        .collect()
}

/// The whole site again, through the cache. `shown`: the edited reports' pages are served
/// already ([`show_edited`]), so open pages reload again only when anything else changed.
// Longer than most: one build's outcome into what is served, then its search index.
fn rebuild(shared: &Shared, opts: &BuildOptions, shown: bool) {
    let started = Instant::now();
    let result = site::render_all(opts, site::Mode::Preview, Some(&mut lock(&shared.cache)));
    let took = started.elapsed().as_millis();
    let mut served = lock(&shared.served);
    let mut built_site = None;
    let mut reload = true;
    match result {
        Ok(mut built) => {
            let mut files: HashMap<String, Vec<u8>> = std::mem::take(&mut built.files)
                .into_iter()
                .map(|f| (f.path, f.bytes))
                .collect();
            // The pages come first; the last index serves until the new one is made, right
            // after. (Preview renders no index: its files are the ones the last index made.)
            let old = std::mem::take(&mut served.files);
            files.extend(
                served
                    .index_files
                    .iter()
                    .filter_map(|path| old.get_key_value(path))
                    .map(|(path, bytes)| (path.clone(), bytes.clone())),
            );
            // The page shown early is replaced too: a page of the whole site wins.
            reload = !(shown && served.error.is_none() && files == old);
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
                            &opts.root,
                            shared.uitleg
                        )
                    );
                }
                served.warnings = built.warnings.clone();
            }
            println!(
                "Gebouwd in {took} ms ({} van {} pagina's opnieuw).",
                lock(&shared.cache).pages.rendered,
                served.files.keys().filter(|f| f.ends_with(".html")).count()
            );
            built_site = Some(built);
        }
        Err(BuildError::Content(errors)) => {
            let text = diagnostics::render_all(&errors, &opts.root, shared.uitleg)
                .replace("er is niets geschreven", "de vorige versie blijft staan");
            eprintln!("{text}");
            served.error = Some(text);
        }
        Err(other) => {
            eprintln!("{other}");
            served.error = Some(other.to_string());
        }
    }
    if reload {
        served.generation += 1;
        let generation = served.generation;
        drop(served);
        lock(&shared.listeners).retain(|l| l.send(generation).is_ok());
    } else {
        drop(served);
    }

    if let Some(built) = built_site {
        let started = Instant::now();
        // Taken out of the cache while it works, so the cache is not locked meanwhile.
        let mut index_cache = std::mem::take(&mut lock(&shared.cache).index);
        let index = site::index(&built, Some(&mut index_cache));
        lock(&shared.cache).index = index_cache;
        match index {
            Ok(index) => {
                install_index(shared, index);
                println!(
                    "Zoekindex bijgewerkt in {} ms.",
                    started.elapsed().as_millis()
                );
            }
            Err(e) => eprintln!("fout: de zoekindex kan niet worden gemaakt ({e})"),
        }
        lock(&shared.cache).keep(built);
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
                bytes.clone()
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

    /// A copy of the real site to edit, the options serve builds it with, and serve's state
    /// after its first build.
    fn serving_a_copy(dir: &Path) -> (BuildOptions, Shared) {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        for entry in walkdir::WalkDir::new(repo.join("content"))
            .into_iter()
            .chain(walkdir::WalkDir::new(repo.join("themes")))
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
        {
            let to = dir.join(entry.path().strip_prefix(repo).unwrap());
            std::fs::create_dir_all(to.parent().unwrap()).unwrap();
            std::fs::copy(entry.path(), to).unwrap();
        }
        std::fs::copy(repo.join("vindplaats.toml"), dir.join("vindplaats.toml")).unwrap();
        let opts = BuildOptions {
            root: dir.to_path_buf(),
            output: None,
            base_url: Some("http://127.0.0.1:1111/".into()),
            concepts: true,
        };
        let shared = Shared {
            served: Mutex::new(Served::default()),
            cache: Mutex::new(site::Cache::default()),
            listeners: Mutex::new(Vec::new()),
            base_path: "/".into(),
            uitleg: false,
            editor: crate::editor::Editor::new(dir, 1111, "/"),
        };
        rebuild(&shared, &opts, false);
        (opts, shared)
    }

    /// What a fresh build (no cache) of the site serves.
    fn fresh(opts: &BuildOptions) -> HashMap<String, Vec<u8>> {
        let built = site::render_all(opts, site::Mode::Preview, None).unwrap();
        let index = site::index(&built, None).unwrap();
        built
            .files
            .into_iter()
            .chain(index)
            .map(|f| (f.path, f.bytes))
            .collect()
    }

    fn page(shared: &Shared, slug: &str) -> String {
        let file = crate::urls::file_for(&crate::urls::report(slug));
        String::from_utf8(lock(&shared.served).files[&file].clone()).unwrap()
    }

    fn edit(file: &Path, change: impl FnOnce(String) -> String) {
        let text = std::fs::read_to_string(file).unwrap();
        std::fs::write(file, change(text)).unwrap();
    }

    #[test]
    fn an_edited_report_shows_before_the_site_is_rebuilt_which_has_the_last_word() {
        let tmp = tempfile::tempdir().unwrap();
        let (opts, shared) = serving_a_copy(tmp.path());
        let (tx, reloads) = channel();
        lock(&shared.listeners).push(tx);
        let slug = "jong-in-almere-16-mei";
        let report = tmp.path().join(format!("content/rapporten/{slug}.md"));

        // The fast path alone, no full rebuild yet: the page shows the edit, pages reload,
        // and the search index already has the new words (the full build's index, as this
        // edit changes only the report's own words).
        let index = |shared: &Shared| {
            let served = lock(&shared.served);
            let mut files: Vec<(String, Vec<u8>)> = served
                .index_files
                .iter()
                .map(|path| (path.clone(), served.files[path].clone()))
                .collect();
            files.sort();
            files
        };
        let before = index(&shared);
        edit(&report, |t| t + "\nEen zin over de zeppelinhaven.\n");
        assert!(show_edited(&shared, std::slice::from_ref(&report)));
        assert!(page(&shared, slug).contains("Een zin over de zeppelinhaven."));
        assert_eq!(reloads.try_iter().count(), 1);
        let early = index(&shared);
        assert_ne!(early, before, "the fast path serves an index with the edit");
        // The full rebuild finds nothing else changed: no second reload, and the whole
        // served site is a fresh build's, the early index included.
        rebuild(&shared, &opts, true);
        assert_eq!(reloads.try_iter().count(), 0);
        assert!(lock(&shared.served).files == fresh(&opts));
        assert_eq!(index(&shared), early);

        // A page that depends on other reports: a later date puts the report after the other
        // one of its topic, so its previous and next links swap. The fast path keeps the
        // report in its old place; the full rebuild's page replaces it and reloads again.
        edit(&report, |t| {
            t.replacen("date = 2023-05-16", "date = 2023-06-02", 1)
        });
        assert!(show_edited(&shared, std::slice::from_ref(&report)));
        let early = page(&shared, slug);
        assert!(
            early.contains("2 juni 2023"),
            "the fast page has the new date"
        );
        rebuild(&shared, &opts, true);
        assert_eq!(reloads.try_iter().count(), 2);
        assert_ne!(page(&shared, slug), early);
        assert!(lock(&shared.served).files == fresh(&opts));

        // Not for the fast path: the config, a report that no longer parses, a new report.
        let config = tmp.path().join("vindplaats.toml");
        assert!(!show_edited(&shared, std::slice::from_ref(&config)));
        edit(&report, |t| t.replacen("date = ", "date = x", 1));
        assert!(!show_edited(&shared, std::slice::from_ref(&report)));
        rebuild(&shared, &opts, false);
        assert!(lock(&shared.served).error.is_some());
        edit(&report, |t| t.replacen("date = x", "date = ", 1));
        // After a failed build there is no last good site to start from.
        assert!(!show_edited(&shared, std::slice::from_ref(&report)));
        rebuild(&shared, &opts, false);
        let copy = tmp.path().join("content/rapporten/nieuw.md");
        std::fs::copy(&report, &copy).unwrap();
        assert!(!show_edited(&shared, std::slice::from_ref(&copy)));
    }

    #[test]
    fn only_a_real_change_counts() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        let year = root.join("content/rapporten/2024");
        std::fs::create_dir_all(&year).unwrap();
        let report = year.join("a.md");
        std::fs::write(&report, "een").unwrap();
        let mut last = signature(root);
        let once = |last: &mut Signature, path: &Path| {
            changed(last, root, std::iter::once(path), &mut Vec::new())
        };
        // The build reading a file, or a file outside the site: nothing changed.
        assert!(!once(&mut last, &report));
        assert!(!once(&mut last, &root.join("public/index.html")));
        // Same second, other length; then the same again.
        std::fs::write(&report, "twee").unwrap();
        assert!(once(&mut last, &report));
        assert!(!once(&mut last, &report));
        // A new file; a folder removed with what is in it.
        std::fs::write(year.join("b.md"), "drie").unwrap();
        assert!(once(&mut last, &year.join("b.md")));
        std::fs::remove_dir_all(&year).unwrap();
        assert!(once(&mut last, &year));
        assert!(last.is_empty());
        // A folder moved in with its reports; a folder only listed (by the build).
        let elsewhere = root.join("elders");
        std::fs::create_dir_all(&elsewhere).unwrap();
        std::fs::write(elsewhere.join("c.md"), "vier").unwrap();
        std::fs::rename(&elsewhere, &year).unwrap();
        assert!(once(&mut last, &year));
        assert_eq!(last.len(), 1);
        assert!(!once(&mut last, &root.join("content")));
        assert!(!once(&mut last, &year));
        // The watcher names a file by its full path; the root may be written otherwise.
        std::fs::write(&report, "vier").unwrap();
        let written = root.join("content/..");
        let mut last = signature(&written);
        std::fs::write(&report, "vijf").unwrap();
        let full = std::fs::canonicalize(&report).unwrap();
        let mut files = Vec::new();
        assert!(changed(
            &mut last,
            &written,
            std::iter::once(full.as_path()),
            &mut files
        ));
        assert_eq!(files, [written.join("content/rapporten/2024/a.md")]);
        assert!(!changed(
            &mut last,
            &written,
            std::iter::once(full.as_path()),
            &mut files
        ));
    }
}
