//! The editor (issue 25): its configuration generated from the content model (snapshot), its
//! format run in Node over every real content file (nothing changes meaning), what it writes
//! for a new report (accepted by `check`), and `serve`'s local backend: only its own host and
//! origin, only `content/`, no links out, contact data refused, reachable on 127.0.0.1 only;
//! and `build` with `[editor]` (the editor in its folder, its policy there only).

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};
use vindplaats::content::{Edition, Report, Topic, front_matter, initiative, synonyms};
use vindplaats::editor::form;

use crate::common::{self, editor_api as api, http, repo_root, run_cli, serve};

/// The configuration `serve` gives the editor of the site at `root`.
fn local_config(root: &Path) -> Value {
    form::config(
        root,
        &form::Backend::Local {
            api: "/__vindplaats/beheer/api".into(),
        },
    )
}

/// Runs tests/browser/editor-format.mjs with `args`; its standard output.
fn node(config: &Value, args: &[&str]) -> String {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("config.json");
    std::fs::write(&file, config.to_string()).unwrap();
    let out = Command::new("node")
        .arg(repo_root().join("tests/browser/editor-format.mjs"))
        .arg(args[0])
        .arg(&file)
        .args(&args[1..])
        .output()
        .expect(
            "node must be installed for the editor's tests (scripts/test-browser needs it too)",
        );
    assert!(
        out.status.success(),
        "node {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_generated_config_matches_its_snapshot() {
    let config = local_config(&repo_root());
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    // In a folder of its own: tests/snapshots/ itself holds the minimal site's pages only.
    settings.set_snapshot_path(repo_root().join("tests/snapshots/editor"));
    settings
        .bind(|| insta::assert_snapshot!("config", serde_json::to_string_pretty(&config).unwrap()));
}

/// Every content file, relative to the root, sorted.
fn content_files(root: &Path) -> Vec<String> {
    let mut files: Vec<String> = walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    files.sort();
    files
}

/// What the loader makes of a file, with the places of keys (line numbers, which a new layout
/// moves) taken out: its meaning.
fn meaning(root: &Path, rel: &str) -> String {
    let file = root.join(rel);
    let text = std::fs::read_to_string(&file).unwrap();
    let content = root.join("content");
    if rel.starts_with("content/rapporten/") {
        let mut r = Report::parse(Path::new(rel), &text).unwrap();
        r.lines = Default::default();
        format!("{r:?}")
    } else if rel.starts_with("content/edities/") {
        let mut e = Edition::parse(Path::new(rel), &text).unwrap();
        (e.lines, e.body_line) = (Default::default(), 0);
        format!("{e:?}")
    } else if rel.starts_with("content/themas/") {
        let mut t = Topic::parse(Path::new(rel), &text).unwrap();
        (t.lines, t.body_line) = (Default::default(), 0);
        format!("{t:?}")
    } else if rel.ends_with(initiative::INITIATIVES_FILE) {
        let (_, mut list) = initiative::load_initiatives(&content).unwrap();
        for i in &mut list {
            (i.line, i.lines) = (0, Default::default());
        }
        format!("{list:?}")
    } else if rel.ends_with(initiative::ORGANISATIONS_FILE) {
        let (_, mut list) = initiative::load_organisations(&content).unwrap();
        for o in &mut list {
            (o.line, o.lines) = (0, Default::default());
        }
        format!("{list:?}")
    } else if rel.ends_with(synonyms::SYNONYMS_FILE) {
        let mut s = synonyms::load(&content).unwrap();
        s.groups.iter_mut().for_each(|g| g.line = 0);
        format!("{:?}", s.groups)
    } else {
        panic!("a content file the editor has no collection for: {rel}");
    }
}

/// The text after the front matter, exactly.
fn body(root: &Path, rel: &str) -> Option<String> {
    let text = std::fs::read_to_string(root.join(rel)).unwrap();
    front_matter::split(Path::new(rel), &text)
        .ok()
        .map(|s| s.body.to_owned())
}

/// Opening every real content file in the editor's format and saving it unchanged keeps its
/// meaning (every value, read by the loader) and its text byte for byte; the comments that head
/// a file stay; and `check` finds what it found before.
#[test]
fn saving_every_real_file_unchanged_keeps_its_meaning() {
    let tmp = common::real_site_copy();
    let root = tmp.path();
    let files = content_files(root);
    assert!(files.len() >= 15, "{files:?}");
    let before: Vec<(String, Option<String>, String)> = files
        .iter()
        .map(|f| {
            (
                meaning(root, f),
                body(root, f),
                std::fs::read_to_string(root.join(f)).unwrap(),
            )
        })
        .collect();
    let mut args = vec!["resave", root.to_str().unwrap()];
    args.extend(files.iter().map(String::as_str));
    node(&local_config(root), &args);
    let mut rewritten = 0;
    for (f, (meaning_before, body_before, text_before)) in files.iter().zip(before) {
        assert_eq!(meaning(root, f), meaning_before, "{f}: the meaning changed");
        assert_eq!(body(root, f), body_before, "{f}: the text changed");
        let text = std::fs::read_to_string(root.join(f)).unwrap();
        let head = |t: &str| -> String {
            let t = t.strip_prefix("+++\n").unwrap_or(t);
            t.lines()
                .take_while(|l| l.starts_with('#'))
                .collect::<Vec<_>>()
                .join("\n")
        };
        assert_eq!(head(&text), head(&text_before), "{f}: the heading comments");
        rewritten += usize::from(text != text_before);
    }
    assert!(
        rewritten > 0,
        "the editor's layout differs from the hand-made one somewhere"
    );
    let out = run_cli(&["check", "--root", root.to_str().unwrap()]);
    let result = String::from_utf8_lossy(&out.stdout);
    assert!(
        result.ends_with("Resultaat: 0 fouten, 1 waarschuwing.\n"),
        "{result}"
    );
}

/// An initiative with the editors' links of issue 27 (the minimal fixture's Sociaal Café, with
/// a `place` and a link checked on a day): saved through the editor, `checked` stays a TOML
/// date and nothing else changes meaning.
#[test]
fn an_initiative_with_editors_links_keeps_its_dates() {
    let tmp = common::fixture_copy("minimal");
    let root = tmp.path();
    let rel = "content/initiatieven.toml";
    let before = meaning(root, rel);
    assert!(before.contains("checked"), "{before}");
    node(
        &local_config(root),
        &["resave", root.to_str().unwrap(), rel],
    );
    assert_eq!(meaning(root, rel), before);
    let text = std::fs::read_to_string(root.join(rel)).unwrap();
    assert!(text.contains("checked = 2026-11-30"), "{text}");
}

/// A new round and a new report as the form gives them (a date as the date picker's text, a
/// number as a number, the organisations chosen, empty optional lists) are written so that
/// `check` and `build` find no error, and the date is a TOML date.
#[test]
fn a_new_round_and_report_from_the_editor_pass_check() {
    let tmp = common::real_site_copy();
    let root = tmp.path();
    let config = local_config(root);
    let write = |collection: &str, data: Value, rel: &str| -> String {
        let file = root.join("entry.json");
        std::fs::write(&file, data.to_string()).unwrap();
        let text = node(&config, &["new", collection, file.to_str().unwrap()]);
        std::fs::remove_file(file).unwrap();
        std::fs::create_dir_all(root.join(rel).parent().unwrap()).unwrap();
        std::fs::write(root.join(rel), &text).unwrap();
        text
    };
    write(
        "edities",
        json!({
            "year": 2024, "title": "De sociale staat van Almere 2024",
            "organisers": ["de gemeente Almere"], "bureaus": ["Movisie"],
            "description": "De thematafels van 2024.", "concept": false,
            "body": "In 2024 spraken professionals opnieuw over de stad.\n",
        }),
        "content/edities/2024.md",
    );
    let report = write(
        "rapporten",
        json!({
            "title": "Verslag thematafel Eenzaamheid 2024", "topic": "eenzaamheid",
            "date": "2024-05-21", "concept": false, "start": "09:30", "end": "11:30",
            "location": "Bibliotheek, Almere", "participants": "18",
            "organisations": ["De Schoor", "Humanitas"],
            "description": "Verslag van de thematafel over eenzaamheid in 2024.",
            "people": [{ "name": "Madalena Meijer", "role": "", "organisation": "", "part": ["ontvangst"] }],
            "corrections": [], "link_texts": [], "edition": null,
            "body": "## Opening\n\nMadalena Meijer verwelkomde de deelnemers. Zij spraken over eenzaamheid.\n",
        }),
        "content/rapporten/2024/verslag-thematafel-eenzaamheid-2024.md",
    );
    assert!(report.contains("\ndate = 2024-05-21\n"), "{report}");
    assert!(report.contains("\nparticipants = 18\n"), "{report}");
    assert!(report.ends_with(
        "+++\n## Opening\n\nMadalena Meijer verwelkomde de deelnemers. Zij spraken over eenzaamheid.\n"
    ));
    // No error in check, none in a plain build.
    let (check, build) = common::check_and_build_errors(root);
    assert!(
        check.is_empty() && build.is_empty(),
        "{check:#?}\n{build:#?}"
    );
}

#[test]
fn serve_answers_the_editor_only_for_its_own_host_and_origin() {
    let tmp = common::real_site_copy();
    let server = serve(tmp.path());
    let addr = server.addr.as_str();
    let port = addr.rsplit(':').next().unwrap();
    let page = "/__vindplaats/beheer/";
    let (status, head, body) = http(addr, "GET", page, &[("Host", addr)], "");
    assert_eq!(status, 200);
    assert!(body.contains("vindplaats-cms.js"), "{body}");
    assert!(
        head.contains(
            "Content-Security-Policy: default-src 'none'; script-src 'self' 'unsafe-eval'"
        ),
        "{head}"
    );
    let localhost = format!("localhost:{port}");
    assert_eq!(http(addr, "GET", page, &[("Host", &localhost)], "").0, 200);
    // DNS rebinding: a page of another name that resolves to 127.0.0.1.
    for host in [
        format!("evil.example:{port}"),
        "127.0.0.1".into(),
        format!("127.0.0.1:{}", port.parse::<u16>().unwrap() + 1),
    ] {
        let (status, _, body) = http(addr, "GET", page, &[("Host", &host)], "");
        assert_eq!(status, 403, "{host}");
        assert!(body.contains("werkt alleen op http://127.0.0.1:"), "{body}");
    }
    assert_eq!(http(addr, "GET", page, &[], "").0, 403, "no Host at all");
    // Another site open in the same browser.
    let info = r#"{"action":"info"}"#;
    let json = ("Content-Type", "application/json");
    let (status, _, body) = http(
        addr,
        "POST",
        "/__vindplaats/beheer/api",
        &[("Host", addr), ("Origin", "http://evil.example"), json],
        info,
    );
    assert_eq!(status, 403);
    assert!(
        body.contains("Een andere website ('http://evil.example')"),
        "{body}"
    );
    let (status, _, body) = http(
        addr,
        "POST",
        "/__vindplaats/beheer/api",
        &[("Host", addr), ("Origin", &format!("http://{addr}")), json],
        info,
    );
    assert_eq!(status, 200, "{body}");
    // A form post (no preflight) is not JSON.
    let form = ("Content-Type", "text/plain");
    assert_eq!(
        http(
            addr,
            "POST",
            "/__vindplaats/beheer/api",
            &[("Host", addr), form],
            info
        )
        .0,
        415
    );
    // The public pages stay as they were.
    assert_eq!(http(addr, "GET", "/", &[("Host", addr)], "").0, 200);
}

#[test]
fn the_editor_reads_and_writes_only_in_content() {
    let tmp = common::real_site_copy();
    let root = tmp.path();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("geheim.md"), "+++\n+++\ngeheim\n").unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(outside.path(), root.join("content/rapporten/2024")).unwrap();
        std::os::unix::fs::symlink(
            outside.path().join("geheim.md"),
            root.join("content/rapporten/link.md"),
        )
        .unwrap();
    }
    let server = serve(root);
    let config_before = std::fs::read_to_string(root.join("vindplaats.toml")).unwrap();
    for path in [
        "vindplaats.toml",
        "content/../vindplaats.toml",
        "/etc/passwd",
        "content/rapporten/..\\..\\vindplaats.toml",
        "themes/almere/templates/base.html",
        "content/rapporten/2024/geheim.md",
        "content/rapporten/link.md",
    ] {
        let (status, answer) = api(&server, "getEntry", json!({ "path": path }));
        assert_eq!(status, 403, "{path}: {answer}");
        let raw = "+++\ntitle = \"x\"\n+++\n";
        let (status, answer) = api(
            &server,
            "persistEntry",
            json!({ "dataFiles": [{ "path": path, "raw": raw }], "assets": [], "options": { "newEntry": true } }),
        );
        assert_eq!(status, 403, "{path}: {answer}");
    }
    let (status, answer) = api(
        &server,
        "entriesByFolder",
        json!({ "folder": "content/..", "extension": "toml", "depth": 1 }),
    );
    assert_eq!(status, 403, "{answer}");
    // A listing does not follow the link either.
    let (_, listed) = api(
        &server,
        "entriesByFolder",
        json!({ "folder": "content/rapporten", "extension": "md", "depth": 3 }),
    );
    let paths: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["file"]["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths.len(), 6, "{paths:?}");
    assert!(
        paths
            .iter()
            .all(|p| !p.contains("2024") && !p.contains("link")),
        "{paths:?}"
    );
    assert_eq!(
        std::fs::read_to_string(root.join("vindplaats.toml")).unwrap(),
        config_before
    );
    assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 1);
    assert!(!PathBuf::from("/etc/passwd.vindplaats-tmp").exists());
}

/// A save: written whole, `check`'s findings for the file kept for the page, the preview
/// rebuilt; contact data is refused before anything is written.
#[test]
fn a_save_is_checked_and_contact_data_is_refused() {
    let tmp = common::real_site_copy();
    let root = tmp.path();
    let server = serve(root);
    let path = "content/rapporten/eenzaamheid.md";
    let (status, entry) = api(&server, "getEntry", json!({ "path": path }));
    assert_eq!(status, 200);
    let text = entry["data"].as_str().unwrap().to_owned();
    let edited = text.replace("18 deelnemers\n", "18 deelnemers uit de stad\n");
    let (status, answer) = api(
        &server,
        "persistEntry",
        json!({ "dataFiles": [{ "path": path, "slug": "eenzaamheid", "raw": edited, "loadedVersion": entry["file"]["id"] }], "assets": [], "options": { "newEntry": false } }),
    );
    assert_eq!(status, 200, "{answer}");
    let version = answer["versions"][path].clone();
    assert_eq!(
        version,
        vindplaats::content::store::version(edited.as_bytes())
    );
    assert_eq!(std::fs::read_to_string(root.join(path)).unwrap(), edited);
    let (_, check) = api(&server, "vindplaatsCheck", json!({}));
    assert_eq!(check["file"], path);
    assert_eq!(check["errors"], 0, "{check}");
    assert_eq!(
        check["summary"],
        format!("Bewaard: {path}. De controle vond geen fouten.")
    );
    assert_eq!(check["page"], "/rapporten/eenzaamheid/");

    // An error the build would stop on is saved and shown, with file, line and tip.
    let broken = edited.replace("topic = \"eenzaamheid\"", "topic = \"eenzaamheit\"");
    let (status, _) = api(
        &server,
        "persistEntry",
        json!({ "dataFiles": [{ "path": path, "raw": broken, "loadedVersion": version }], "options": {} }),
    );
    assert_eq!(status, 200);
    let (_, check) = api(&server, "vindplaatsCheck", json!({}));
    assert_eq!(check["errors"], 1, "{check}");
    let findings = check["findings"].as_str().unwrap();
    assert!(
        findings.contains("fout: onbekend thema 'eenzaamheit'"),
        "{findings}"
    );
    assert!(findings.contains(&format!("--> {path}:3")), "{findings}");
    assert!(findings.contains("bedoelde u 'eenzaamheid'?"), "{findings}");

    // A private phone number: refused, the file as it was.
    let phone = edited.replace(
        "18 deelnemers uit de stad\n",
        "18 deelnemers. Bel Piet: 06-12345678\n",
    );
    let (status, answer) = api(
        &server,
        "persistEntry",
        json!({ "dataFiles": [{ "path": path, "raw": phone }], "options": {} }),
    );
    assert_eq!(status, 422);
    let error = answer["error"].as_str().unwrap();
    assert!(
        error.starts_with("niet bewaard, want de tekst bevat contactgegevens"),
        "{error}"
    );
    assert!(error.contains("telefoonnummer: 06-12345678"), "{error}");
    assert_eq!(std::fs::read_to_string(root.join(path)).unwrap(), broken);

    // A new file never replaces one.
    let (status, answer) = api(
        &server,
        "persistEntry",
        json!({ "dataFiles": [{ "path": path, "raw": edited }], "options": { "newEntry": true } }),
    );
    assert_eq!(status, 409, "{answer}");
    assert_eq!(std::fs::read_to_string(root.join(path)).unwrap(), broken);
}

/// A save over a file that changed since the form was loaded (a colleague, Kladblok, OneDrive)
/// is refused: nothing overwritten, a Dutch message, both texts in the answer, the refused text
/// kept in the history; a save without a version never replaces a file. The bytes a save
/// replaces are kept too, and the save can be undone from the editor.
#[test]
fn a_save_over_a_changed_file_is_refused_with_both_versions() {
    let tmp = common::real_site_copy();
    let root = tmp.path();
    let server = serve(root);
    let path = "content/rapporten/eenzaamheid.md";
    let (_, entry) = api(&server, "getEntry", json!({ "path": path }));
    let loaded = entry["data"].as_str().unwrap().to_owned();
    let version = entry["file"]["id"].clone();
    // Meanwhile, outside the editor, as a text editor saves: a new file renamed over the old.
    let outside = loaded.replace(
        "18 deelnemers\n",
        "18 deelnemers (bijgewerkt in Kladblok)\n",
    );
    assert_ne!(outside, loaded);
    std::fs::write(root.join("content/rapporten/.kladblok.tmp"), &outside).unwrap();
    std::fs::rename(
        root.join("content/rapporten/.kladblok.tmp"),
        root.join(path),
    )
    .unwrap();
    let mine = loaded.replace("18 deelnemers\n", "18 deelnemers uit de stad\n");
    let (status, answer) = api(
        &server,
        "persistEntry",
        json!({ "dataFiles": [{ "path": path, "raw": mine, "loadedVersion": version }], "options": {} }),
    );
    assert_eq!(status, 409, "{answer}");
    let error = answer["error"].as_str().unwrap();
    assert!(
        error.starts_with(&format!(
            "niet bewaard: {path} is veranderd sinds u het opende"
        )),
        "{error}"
    );
    assert!(error.contains("Er is niets overschreven."), "{error}");
    assert!(
        error.contains("uw versie en de versie die nu in het bestand staat"),
        "{error}"
    );
    assert_eq!(answer["conflict"]["path"], path);
    assert_eq!(answer["conflict"]["yours"], mine);
    assert_eq!(answer["conflict"]["onDisk"], outside);
    assert_eq!(std::fs::read_to_string(root.join(path)).unwrap(), outside);
    // The refused text is kept, named in the message.
    let history = vindplaats::content::store::History::of_site(root);
    let kept = history.list(&root.join(path));
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert!(kept[0].refused);
    assert_eq!(std::fs::read_to_string(&kept[0].file).unwrap(), mine);
    let shown = kept[0]
        .file
        .strip_prefix(root)
        .unwrap()
        .display()
        .to_string();
    assert!(
        error.ends_with(&format!("Uw tekst staat ook in {shown}.")),
        "{error}"
    );

    // Without a version (an old page), an existing file is not replaced either.
    let (status, answer) = api(
        &server,
        "persistEntry",
        json!({ "dataFiles": [{ "path": path, "raw": mine }], "options": {} }),
    );
    assert_eq!(status, 409, "{answer}");
    assert_eq!(answer["conflict"]["onDisk"], outside);
    assert_eq!(std::fs::read_to_string(root.join(path)).unwrap(), outside);

    // Opened again, the outside version is what the form saves over: the save goes through
    // and the version it replaced is kept.
    let (_, entry) = api(&server, "getEntry", json!({ "path": path }));
    assert_eq!(entry["data"], outside);
    let (status, answer) = api(
        &server,
        "persistEntry",
        json!({ "dataFiles": [{ "path": path, "raw": mine, "loadedVersion": entry["file"]["id"] }], "options": {} }),
    );
    assert_eq!(status, 200, "{answer}");
    assert_eq!(std::fs::read_to_string(root.join(path)).unwrap(), mine);
    let kept = history.list(&root.join(path));
    assert_eq!(kept.len(), 3, "{kept:?}");
    assert_eq!(std::fs::read_to_string(&kept[2].file).unwrap(), outside);
    assert!(!kept[2].refused);
    // The save is undone from the editor: the version before it goes back, as a save.
    let (_, check) = api(&server, "vindplaatsCheck", json!({}));
    assert_eq!(check["previous"], true, "{check}");
    let (status, answer) = api(
        &server,
        "vindplaatsRestore",
        json!({ "path": path, "loadedVersion": answer["versions"][path] }),
    );
    assert_eq!(status, 200, "{answer}");
    assert_eq!(std::fs::read_to_string(root.join(path)).unwrap(), outside);
    assert_eq!(
        answer["versions"][path],
        vindplaats::content::store::version(outside.as_bytes())
    );
    // A restore over a file changed since is refused like a save.
    let (status, _) = api(
        &server,
        "vindplaatsRestore",
        json!({ "path": path, "loadedVersion": "0".repeat(64) }),
    );
    assert_eq!(status, 409);
    assert_eq!(std::fs::read_to_string(root.join(path)).unwrap(), outside);
    // Git never sees the history.
    assert_eq!(
        std::fs::read_to_string(root.join(".vindplaats/.gitignore")).unwrap(),
        "*\n"
    );
}

/// `serve` listens on 127.0.0.1 only: the kernel's table of listening sockets says so, and
/// this machine's own network address gets no answer.
#[cfg(target_os = "linux")]
#[test]
fn the_editor_is_not_reachable_from_another_address() {
    let tmp = common::real_site_copy();
    let server = serve(tmp.path());
    let port: u16 = server.addr.rsplit(':').next().unwrap().parse().unwrap();
    let listening: Vec<String> = ["/proc/net/tcp", "/proc/net/tcp6"]
        .iter()
        .filter_map(|f| std::fs::read_to_string(f).ok())
        .flat_map(|t| t.lines().skip(1).map(str::to_owned).collect::<Vec<_>>())
        .filter(|l| {
            let cols: Vec<&str> = l.split_whitespace().collect();
            cols[1].ends_with(&format!(":{port:04X}")) && cols[3] == "0A"
        })
        .collect();
    assert_eq!(listening.len(), 1, "{listening:?}");
    assert!(
        listening[0]
            .split_whitespace()
            .nth(1)
            .unwrap()
            .starts_with("0100007F:"),
        "{listening:?}"
    );
    // The address this machine would use for the outside world (no packet is sent).
    let probe = std::net::UdpSocket::bind("0.0.0.0:0").unwrap();
    if probe.connect("192.0.2.1:9").is_ok() {
        let own = probe.local_addr().unwrap().ip();
        if !own.is_loopback() && !own.is_unspecified() {
            assert!(
                TcpStream::connect((own, port)).is_err(),
                "{own}:{port} answered"
            );
        }
    }
}

/// `build` writes the editor only when `[editor]` asks for it, into its folder, with the
/// online configuration; no page of the site refers to it.
#[test]
fn build_writes_the_editor_only_when_configured() {
    let tmp = common::real_site_copy();
    let root = tmp.path();
    let (_out, public) = common::build(root, None);
    assert!(!public.join("beheer").exists());
    let mut config = std::fs::read_to_string(root.join("vindplaats.toml")).unwrap();
    config.push_str("\n[editor]\npath = \"beheer/\"\nbackend = \"gitlab\"\nrepo = \"gemeente-almere/sociale-staat\"\napp_id = \"0123abcd\"\n");
    std::fs::write(root.join("vindplaats.toml"), config).unwrap();
    let (_out, public) = common::build(root, None);
    let settings: Value = common::read_json(public.join("beheer/config.json"));
    assert_eq!(
        settings["backend"],
        json!({ "name": "gitlab", "repo": "gemeente-almere/sociale-staat", "branch": "main", "auth_type": "pkce", "app_id": "0123abcd" })
    );
    for file in [
        "index.html",
        "vindplaats-cms.js",
        "vendor/decap-cms.js",
        "vendor/decap-cms.LICENSE.txt",
    ] {
        assert!(public.join("beheer").join(file).is_file(), "{file}");
    }
    let headers = std::fs::read_to_string(public.join("_headers")).unwrap();
    assert!(headers.contains("/beheer/*\n  Content-Security-Policy: default-src 'none'; script-src 'self' 'unsafe-eval'"), "{headers}");
    for page in common::html_files(&public)
        .iter()
        .filter(|p| !p.starts_with("beheer/"))
    {
        let html = std::fs::read_to_string(public.join(page)).unwrap();
        assert!(
            !html.contains("beheer/") && !html.contains("decap"),
            "{page} refers to the editor"
        );
    }
    let sitemap = std::fs::read_to_string(public.join("sitemap.xml")).unwrap();
    assert!(!sitemap.contains("beheer"));
}
