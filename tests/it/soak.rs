//! Soak (issue 28): `serve` on a copy of the real site, on 127.0.0.1 only, with 20 editors
//! saving 5 reports at once through the editor's protocol, 40 readers of pages and the search
//! index, and a text editor changing the same files from outside (a new file renamed over the
//! old one, as Kladblok and most editors save). At the end:
//! - every file holds one written version whole (the first, an editor's save or an outside
//!   edit), never a mix;
//! - no save is lost without a message: every save that was answered 200 is the file's final
//!   text or the version a later write was loaded from; every other save was refused with a
//!   conflict that offered both texts;
//! - `serve` answered every request (pages 200, nothing unanswered);
//! - its memory stays flat: the resident size at the end is within 30 % (+ 16 MB) of the size
//!   a fifth into the run, when the first rebuilds have happened.
//!
//! `cargo test` runs it for 10 s against the debug binary; `scripts/test` runs it again for
//! 60 s against the release binary (`VINDPLAATS_SOAK_SECONDS`, `VINDPLAATS_SOAK_BIN`), and its
//! figures are in docs/reliability.md.

#![cfg(target_os = "linux")]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::json;
use vindplaats::content::store::version;

use crate::common::{self, try_http};

const EDITORS: usize = 20;
const READERS: usize = 40;
const FILES: usize = 5;

/// One write that reached a file: the version it replaced and the text it wrote.
#[derive(Debug, Clone)]
struct Write {
    file: usize,
    loaded: String,
    text: String,
    outside: bool,
}

#[derive(Default)]
struct Log {
    writes: Vec<Write>,
    conflicts: usize,
    outside_skipped: usize,
    pages: usize,
    indexes: usize,
    /// What went wrong: an unanswered request, an unexpected status, a conflict without both
    /// texts.
    failures: Vec<String>,
}

/// The size of `pid` in memory (VmRSS), in kB.
fn rss_kb(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

/// `base` with one line that names this write: every written version is different.
fn version_text(base: &str, mark: &str) -> String {
    format!("{base}\nOpslag {mark}.\n")
}

fn editor(addr: &str, n: usize, files: &[String], bases: &[String], log: &Mutex<Log>) {
    let mut i = 0;
    while !STOP.load(Ordering::Relaxed) {
        {
            let f = (n + i) % FILES;
            i += 1;
            let (status, entry) =
                match common::try_editor_api(addr, "getEntry", json!({ "path": files[f] })) {
                    Ok(a) => a,
                    Err(e) => {
                        log.lock().unwrap().failures.push(format!("getEntry: {e}"));
                        continue;
                    }
                };
            if status != 200 || !entry["data"].is_string() {
                log.lock()
                    .unwrap()
                    .failures
                    .push(format!("getEntry {status}: {entry}"));
                continue;
            }
            let loaded = entry["file"]["id"].as_str().unwrap_or_default().to_owned();
            let text = version_text(&bases[f], &format!("e{n}-{i}"));
            let params = json!({
                "dataFiles": [{ "path": files[f], "raw": text, "loadedVersion": loaded }],
                "assets": [],
                "options": { "newEntry": false },
            });
            match common::try_editor_api(addr, "persistEntry", params) {
                Ok((200, _)) => log.lock().unwrap().writes.push(Write {
                    file: f,
                    loaded,
                    text,
                    outside: false,
                }),
                Ok((409, answer)) => {
                    let mut log = log.lock().unwrap();
                    log.conflicts += 1;
                    let c = &answer["conflict"];
                    if c["yours"] != text.as_str() || !c["onDisk"].is_string() {
                        log.failures
                            .push(format!("a conflict without both texts: {answer}"));
                    }
                }
                Ok((status, answer)) => log
                    .lock()
                    .unwrap()
                    .failures
                    .push(format!("persistEntry {status}: {answer}")),
                Err(e) => log
                    .lock()
                    .unwrap()
                    .failures
                    .push(format!("persistEntry: {e}")),
            }
        }
    }
}

static STOP: AtomicBool = AtomicBool::new(false);

/// Pages and the search index, as residents ask for them.
fn reader(addr: &str, n: usize, slugs: &[String], log: &Mutex<Log>) {
    let host = [("Host", addr)];
    let mut i = n;
    while !STOP.load(Ordering::Relaxed) {
        i += 1;
        let page = match i % 3 {
            0 => "/".to_owned(),
            1 => format!("/rapporten/{}/", slugs[i % slugs.len()]),
            _ => "/zoeken/".to_owned(),
        };
        match try_http(addr, "GET", &page, &host, "") {
            Ok((200, _, _)) => {
                log.lock().unwrap().pages += 1;
                // The search index, fetched as the page's script would: it has one address
                // (issue 29), which every page's search loads.
                let name = vindplaats::search::MAIN_PATH;
                match try_http(addr, "GET", &format!("/{name}"), &host, "") {
                    Ok((200, _, _)) => log.lock().unwrap().indexes += 1,
                    Ok((status, _, _)) => log
                        .lock()
                        .unwrap()
                        .failures
                        .push(format!("{name} (after {page}): {status}")),
                    Err(e) => log.lock().unwrap().failures.push(format!("{name}: {e}")),
                }
            }
            Ok((status, _, _)) => log
                .lock()
                .unwrap()
                .failures
                .push(format!("{page}: {status}")),
            Err(e) => log.lock().unwrap().failures.push(format!("{page}: {e}")),
        }
    }
}

/// A text editor saving the files from outside: a new file beside the old, renamed over it.
/// Like an editor that warns when the file changed on disk, it looks once more just before
/// the rename and leaves the file when it changed meanwhile.
fn outside(root: &Path, files: &[String], bases: &[String], log: &Mutex<Log>) {
    let mut n = 0;
    while !STOP.load(Ordering::Relaxed) {
        std::thread::sleep(Duration::from_millis(400));
        n += 1;
        let f = n % FILES;
        let file = root.join(&files[f]);
        let Ok(before) = std::fs::read(&file) else {
            continue;
        };
        let text = version_text(&bases[f], &format!("buiten-{n}"));
        let temp = file.with_file_name(format!(".kladblok-{n}.tmp"));
        std::fs::write(&temp, &text).unwrap();
        if std::fs::read(&file).ok().as_deref() != Some(&before[..]) {
            let _ = std::fs::remove_file(&temp);
            log.lock().unwrap().outside_skipped += 1;
            continue;
        }
        std::fs::rename(&temp, &file).unwrap();
        log.lock().unwrap().writes.push(Write {
            file: f,
            loaded: version(&before),
            text,
            outside: true,
        });
    }
}

#[test]
fn editors_readers_and_outside_edits_at_once() {
    let seconds: u64 = std::env::var("VINDPLAATS_SOAK_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10);
    let tmp = common::real_site_copy();
    let root = tmp.path().to_path_buf();
    let mut command = Command::new(
        std::env::var("VINDPLAATS_SOAK_BIN").unwrap_or(env!("CARGO_BIN_EXE_vindplaats").into()),
    );
    command.args(["serve", "--root", root.to_str().unwrap(), "--port", "0"]);
    let server = common::serve_command(command);
    let addr = Arc::new(server.addr.clone());
    let mut names: Vec<String> = std::fs::read_dir(root.join("content/rapporten"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".md"))
        .collect();
    names.sort();
    names.truncate(FILES);
    assert_eq!(names.len(), FILES);
    let files: Arc<Vec<String>> = Arc::new(
        names
            .iter()
            .map(|n| format!("content/rapporten/{n}"))
            .collect(),
    );
    let slugs: Arc<Vec<String>> = Arc::new(
        names
            .iter()
            .map(|n| n.trim_end_matches(".md").to_owned())
            .collect(),
    );
    let bases: Arc<Vec<String>> = Arc::new(
        files
            .iter()
            .map(|f| std::fs::read_to_string(root.join(f)).unwrap())
            .collect(),
    );
    let log = Arc::new(Mutex::new(Log::default()));
    STOP.store(false, Ordering::Relaxed);
    let mut threads = Vec::new();
    for n in 0..EDITORS {
        let (addr, files, bases, log) = (addr.clone(), files.clone(), bases.clone(), log.clone());
        threads.push(std::thread::spawn(move || {
            editor(&addr, n, &files, &bases, &log)
        }));
    }
    for n in 0..READERS {
        let (addr, slugs, log) = (addr.clone(), slugs.clone(), log.clone());
        threads.push(std::thread::spawn(move || reader(&addr, n, &slugs, &log)));
    }
    {
        let (root, files, bases, log) = (root.clone(), files.clone(), bases.clone(), log.clone());
        threads.push(std::thread::spawn(move || {
            outside(&root, &files, &bases, &log)
        }));
    }
    // Memory, once a second.
    let started = Instant::now();
    let mut samples = Vec::new();
    while started.elapsed() < Duration::from_secs(seconds) {
        std::thread::sleep(Duration::from_secs(1));
        samples.push(rss_kb(server.pid()));
    }
    STOP.store(true, Ordering::Relaxed);
    for t in threads {
        t.join().unwrap();
    }
    let log = log.lock().unwrap();

    // Every file holds one written version whole.
    let mut lost = Vec::new();
    for (f, name) in files.iter().enumerate() {
        let now = std::fs::read_to_string(root.join(name)).unwrap();
        let written: BTreeSet<&str> = log
            .writes
            .iter()
            .filter(|w| w.file == f)
            .map(|w| w.text.as_str())
            .chain([bases[f].as_str()])
            .collect();
        assert!(
            written.contains(now.as_str()),
            "{name} holds {} bytes that no write wrote",
            now.len()
        );
        // No save lost: each is the final text or what a later write was loaded from.
        let loaded: BTreeSet<&str> = log
            .writes
            .iter()
            .filter(|w| w.file == f)
            .map(|w| w.loaded.as_str())
            .collect();
        for w in log.writes.iter().filter(|w| w.file == f && !w.outside) {
            if w.text != now && !loaded.contains(version(w.text.as_bytes()).as_str()) {
                lost.push(format!("{name}: {}", w.text.lines().last().unwrap_or("")));
            }
        }
    }
    let saves = log.writes.iter().filter(|w| !w.outside).count();
    let outside_edits = log.writes.len() - saves;
    let fifth = samples.len() / 5;
    let (start, end) = (samples[fifth], *samples.last().unwrap());
    let peak = samples.iter().max().copied().unwrap_or(0);
    let mut per_file = BTreeMap::new();
    for w in &log.writes {
        *per_file.entry(w.file).or_insert(0) += 1;
    }
    eprintln!(
        "soak {seconds} s: {saves} saves, {} conflicts (each with both texts), {outside_edits} outside edits ({} left for a change), {} pages and {} index files read, {} failures; serve RSS {} MB after {} s, {} MB at the end, peak {} MB; writes per file {per_file:?}",
        log.conflicts,
        log.outside_skipped,
        log.pages,
        log.indexes,
        log.failures.len(),
        start / 1024,
        fifth + 1,
        end / 1024,
        peak / 1024,
    );
    let trend: Vec<u64> = samples.iter().step_by(5).map(|kb| kb / 1024).collect();
    eprintln!("serve RSS every 5 s (MB): {trend:?}");
    assert!(log.failures.is_empty(), "{:#?}", log.failures);
    assert!(lost.is_empty(), "saves lost without a message: {lost:#?}");
    assert!(saves > 0 && outside_edits > 0 && log.pages > 0 && log.indexes > 0);
    assert!(
        end <= start + start * 3 / 10 + 16 * 1024,
        "memory grew: {start} kB after {} s, {end} kB at the end ({samples:?})",
        fifth + 1
    );
}
