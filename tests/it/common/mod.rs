//! Helpers shared by the integration tests: build a site into a temp folder and read it back
//! the way a browser would (parse HTML, resolve links against the page's address).
#![allow(dead_code)]

pub mod commands;

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;

use scraper::{Html, Selector};
use url::Url;
use vindplaats::site::{self, BuildOptions};

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(name: &str) -> PathBuf {
    repo_root().join("tests/fixtures").join(name)
}

/// Builds the site at `root` into a fresh temp folder; returns the folder (keep it alive) and
/// the output path.
pub fn build(root: &Path, base_url: Option<&str>) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let opts = BuildOptions {
        root: root.to_path_buf(),
        output: Some(out.clone()),
        base_url: base_url.map(str::to_owned),
        concepts: false,
    };
    if let Err(e) = site::build(&opts) {
        panic!("build of {} failed:\n{e}", root.display());
    }
    (tmp, out)
}

/// The day the tests' `check` runs on (`VINDPLAATS_VANDAAG`): fixed, so what `check` says
/// about the editors' links never depends on the day the tests run.
pub const TODAY: &str = "2026-12-06";

/// The real site built once, with the default options, for every test that only reads its
/// output: one build instead of one per test. The folder is removed when the test binary
/// exits (a static is never dropped, so `atexit` does it).
pub fn real_site() -> &'static Path {
    static BUILT: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    extern "C" fn remove() {
        if let Some(out) = BUILT.get().and_then(|out| out.parent()) {
            let _ = std::fs::remove_dir_all(out);
        }
    }
    BUILT.get_or_init(|| {
        let (tmp, out) = build(&repo_root(), None);
        let _ = tmp.keep();
        // SAFETY: registers a plain function without arguments, as atexit requires.
        unsafe { libc::atexit(remove) };
        out
    })
}

/// Runs the real binary, as the communications team would (on the day [`TODAY`]).
pub fn run_cli(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vindplaats"))
        .args(args)
        .env("VINDPLAATS_VANDAAG", TODAY)
        .output()
        .unwrap()
}

/// `vindplaats check --root root --format json`: its exit code and its findings.
pub fn check_json(root: impl AsRef<Path>) -> (Option<i32>, Vec<serde_json::Value>) {
    let out = run_cli(&[
        "check",
        "--root",
        root.as_ref().to_str().unwrap(),
        "--format",
        "json",
    ]);
    let findings = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    (out.status.code(), findings)
}

/// A JSON file of a built site (the open data), read.
pub fn read_json(file: impl AsRef<Path>) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(file).unwrap()).unwrap()
}

/// Copies a folder tree (content fixtures) so a test can change it.
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file below `dir`, relative, sorted, with its bytes.
pub fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// A parsed page: its ids, links and visible text.
pub struct Page {
    pub rel: String,
    pub html: Html,
}

impl Page {
    pub fn load(out: &Path, rel: &str) -> Page {
        let text = std::fs::read_to_string(out.join(rel)).unwrap();
        Page {
            rel: rel.to_owned(),
            html: Html::parse_document(&text),
        }
    }

    pub fn select(&self, css: &str) -> Vec<scraper::ElementRef<'_>> {
        self.html.select(&Selector::parse(css).unwrap()).collect()
    }

    pub fn texts(&self, css: &str) -> Vec<String> {
        self.select(css)
            .iter()
            .map(|e| squash(&e.text().collect::<String>()))
            .collect()
    }

    pub fn ids(&self) -> BTreeSet<String> {
        self.select("[id]")
            .iter()
            .map(|e| e.value().attr("id").unwrap().to_owned())
            .collect()
    }

    /// Every URL the page refers to: links, stylesheets, scripts, images, form actions.
    pub fn refs(&self) -> Vec<String> {
        let mut refs = Vec::new();
        for (css, attr) in [
            ("a[href]", "href"),
            ("link[href]", "href"),
            ("script[src]", "src"),
            ("img[src]", "src"),
            ("form[action]", "action"),
        ] {
            refs.extend(
                self.select(css)
                    .iter()
                    .map(|e| e.value().attr(attr).unwrap().to_owned()),
            );
        }
        refs
    }
}

pub fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The HTML files of a built site, relative paths.
pub fn html_files(out: &Path) -> Vec<String> {
    read_tree(out)
        .into_keys()
        .filter(|k| k.ends_with(".html"))
        .collect()
}

/// The address a page has when the site is published at `base_url`.
pub fn page_url(base_url: &str, rel: &str) -> Url {
    let path = rel.strip_suffix("index.html").unwrap_or(rel);
    Url::parse(base_url).unwrap().join(path).unwrap()
}

/// Resolves every internal reference of every page as a browser would; returns the broken
/// ones as "page: href (why)".
pub fn broken_links(out: &Path, base_url: &str) -> Vec<String> {
    let base = Url::parse(base_url).unwrap();
    let pages: BTreeMap<String, Page> = html_files(out)
        .into_iter()
        .map(|rel| (rel.clone(), Page::load(out, &rel)))
        .collect();
    let mut broken = Vec::new();
    for (rel, page) in &pages {
        let from = page_url(base_url, rel);
        for href in page.refs() {
            let Ok(target) = from.join(&href) else {
                broken.push(format!("{rel}: {href} (geen geldig adres)"));
                continue;
            };
            if target.origin() != base.origin() {
                continue;
            }
            let Some(rest) = target.path().strip_prefix(base.path()) else {
                broken.push(format!("{rel}: {href} (buiten de site: {target})"));
                continue;
            };
            let rest = percent_decode(rest);
            let file = if rest.is_empty() || rest.ends_with('/') {
                format!("{rest}index.html")
            } else {
                rest
            };
            if !out.join(&file).is_file() {
                broken.push(format!("{rel}: {href} (bestand {file} ontbreekt)"));
                continue;
            }
            if let Some(fragment) = target.fragment().filter(|f| !f.is_empty()) {
                let ids = match pages.get(&file) {
                    Some(p) => p.ids(),
                    None => BTreeSet::new(),
                };
                if !ids.contains(&percent_decode(fragment)) {
                    broken.push(format!(
                        "{rel}: {href} (anker #{fragment} ontbreekt in {file})"
                    ));
                }
            }
        }
    }
    broken
}

fn percent_decode(s: &str) -> String {
    url::form_urlencoded::parse(format!("x={}", s.replace('+', "%2B")).as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default()
}

/// Replaces `from` by `to` in the file at `path` (a fixture copy), failing when `from` is not
/// there, so that a test never silently tests the unchanged fixture.
pub fn replace_in(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "'{from}' not in {}", path.display());
    std::fs::write(path, text.replace(from, to)).unwrap();
}

/// The files (by path) that one of two outputs lacks or that differ between them: what a
/// cached build or index is compared to a fresh one with.
pub fn differing<'a>(
    a: &'a BTreeMap<String, Vec<u8>>,
    b: &'a BTreeMap<String, Vec<u8>>,
) -> Vec<&'a String> {
    a.keys()
        .chain(b.keys().filter(|k| !a.contains_key(*k)))
        .filter(|k| a.get(*k) != b.get(*k))
        .collect()
}

/// A fresh copy of the fixture site `name`, to change: the folder goes when the value does.
pub fn fixture_copy(name: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(&fixture(name), tmp.path());
    tmp
}

/// A fresh copy of the real site (content, themes, vindplaats.toml), to change.
pub fn real_site_copy() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for part in ["content", "themes"] {
        copy_tree(&repo_root().join(part), &tmp.path().join(part));
    }
    std::fs::copy(
        repo_root().join("vindplaats.toml"),
        tmp.path().join("vindplaats.toml"),
    )
    .unwrap();
    tmp
}

/// Adds a published round to a copy of the real site (`root`): the fictional 2024 round of the
/// `editions` fixture and its report on a real theme (eenzaamheid), without the sentences that
/// name the Sociaal Café, which would change that initiative's pages.
pub fn add_round_2024(root: &Path) {
    let extra = fixture("editions").join("content");
    std::fs::copy(
        extra.join("edities/2024.md"),
        root.join("content/edities/2024.md"),
    )
    .unwrap();
    std::fs::create_dir_all(root.join("content/rapporten/2024")).unwrap();
    let report = std::fs::read_to_string(extra.join("rapporten/2024/verslag-2024.md"))
        .unwrap()
        .replace("Het Sociaal Café kwam weer ter sprake.", "")
        .replace(
            "Testers vonden het Sociaal Café nog steeds nuttig.",
            "Testers praatten verder.",
        );
    std::fs::write(root.join("content/rapporten/2024/verslag-2024.md"), report).unwrap();
}

/// `vindplaats build --root root --output out` and `extra`, through the real binary.
pub fn run_build(root: &Path, out: &Path, extra: &[&str]) -> Output {
    run_on_site("build", root, out, extra)
}

/// `vindplaats <command> --root root --output out` and `extra`, through the real binary.
pub fn run_on_site(command: &str, root: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        command,
        "--root",
        root.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ];
    args.extend(extra);
    run_cli(&args)
}

/// The errors `check` reports and those a plain `build` stops on, for the site at `root`, each
/// as `file:line:column: message`, sorted: issue 23 asks for the same verdict from both
/// (`check` may add warnings, never errors of its own on the same content).
pub fn check_and_build_errors(root: &Path) -> (Vec<String>, Vec<String>) {
    let place = |file: &str, line: u64, column: u64, message: &str| {
        format!("{file}:{line}:{column}: {message}")
    };
    let (_, findings) = check_json(root);
    let mut check: Vec<String> = findings
        .iter()
        // `link` and `afbeeldingen` are check's own rules of the rendered pages, which build
        // does not run (check renders past content errors to find them in the same run).
        .filter(|f| f["severity"] == "fout" && f["rule"] != "link" && f["rule"] != "afbeeldingen")
        .map(|f| {
            place(
                f["file"].as_str().unwrap(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
                f["message"].as_str().unwrap(),
            )
        })
        .collect();
    let tmp = tempfile::tempdir().unwrap();
    let opts = BuildOptions {
        root: root.to_path_buf(),
        output: Some(tmp.path().join("public")),
        ..Default::default()
    };
    let mut build: Vec<String> = match site::build(&opts) {
        Ok(_) => Vec::new(),
        Err(vindplaats::error::BuildError::Content(errors, _)) => errors
            .0
            .iter()
            .map(|e| {
                place(
                    &e.file.display().to_string(),
                    e.line as u64,
                    e.column as u64,
                    &e.message,
                )
            })
            .collect(),
        Err(other) => panic!("build of {}: {other}", root.display()),
    };
    check.sort();
    build.sort();
    (check, build)
}

/// A running `vindplaats serve`, stopped when dropped.
pub struct Server {
    child: Child,
    /// `127.0.0.1:<port>`.
    pub addr: String,
    /// What it prints, line by line.
    pub lines: mpsc::Receiver<String>,
}

impl Server {
    /// The process id of the server, to read its memory.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn serve(root: &Path) -> Server {
    let mut command = Command::new(env!("CARGO_BIN_EXE_vindplaats"));
    command.args(["serve", "--root", root.to_str().unwrap(), "--port", "0"]);
    serve_command(command)
}

/// Starts `command` (a `serve` with `--port 0`, changed by the caller: limits, a signal) and
/// waits for its address.
pub fn serve_command(mut command: Command) -> Server {
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let (tx, rx) = mpsc::channel();
    let addr = loop {
        let line = lines.next().expect("serve printed nothing").unwrap();
        if let Some(rest) = line.split("http://").nth(1) {
            break rest.split('/').next().unwrap().to_owned();
        }
        let _ = tx.send(line);
    };
    // Keep reading stdout so the server never blocks on a full pipe.
    std::thread::spawn(move || {
        for line in lines.map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    Server {
        child,
        addr,
        lines: rx,
    }
}

/// One HTTP/1.0 request with `headers`: (status, headers, body).
pub fn http(
    addr: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> (u16, String, String) {
    try_http(addr, method, path, headers, body).unwrap()
}

/// [`http`], with what went wrong (no connection, no answer within a minute, no HTTP) as an
/// error instead of a panic.
pub fn try_http(
    addr: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> Result<(u16, String, String), String> {
    let mut s = std::net::TcpStream::connect(addr).map_err(|e| format!("connect: {e}"))?;
    let minute = Some(std::time::Duration::from_secs(60));
    s.set_read_timeout(minute).map_err(|e| e.to_string())?;
    let mut request = format!(
        "{method} {path} HTTP/1.0\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str("\r\n");
    request.push_str(body);
    std::io::Write::write_all(&mut s, request.as_bytes()).map_err(|e| format!("send: {e}"))?;
    let mut raw = Vec::new();
    std::io::Read::read_to_end(&mut s, &mut raw).map_err(|e| format!("answer: {e}"))?;
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("no HTTP answer: {head:?}"))?;
    Ok((status, head.to_owned(), body.to_owned()))
}

/// A request to the editor's protocol on `server`, as the editor's page sends it.
pub fn editor_api(
    server: &Server,
    action: &str,
    params: serde_json::Value,
) -> (u16, serde_json::Value) {
    try_editor_api(&server.addr, action, params).unwrap()
}

/// [`editor_api`] to the server at `addr`, with an unanswered request as an error instead of
/// a panic.
pub fn try_editor_api(
    addr: &str,
    action: &str,
    params: serde_json::Value,
) -> Result<(u16, serde_json::Value), String> {
    let origin = format!("http://{addr}");
    let (status, _, body) = try_http(
        addr,
        "POST",
        "/__vindplaats/beheer/api",
        &[
            ("Host", addr),
            ("Origin", &origin),
            ("Content-Type", "application/json; charset=utf-8"),
        ],
        &serde_json::json!({ "action": action, "params": params }).to_string(),
    )?;
    Ok((
        status,
        serde_json::from_str(&body).unwrap_or(serde_json::Value::Null),
    ))
}
