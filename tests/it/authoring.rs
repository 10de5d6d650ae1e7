//! The communications team's workflow: `serve` with live reload and error recovery, and `new`.

use crate::common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::{Server, fixture, run_cli, serve};
use vindplaats::session::{Session, Update};
use vindplaats::site::BuildOptions;

/// The pages a server serves, by address, with its own address taken out.
fn served_pages(server: &Server, paths: &[&str]) -> Vec<(String, String)> {
    paths
        .iter()
        .map(|p| {
            let (status, body) = get(&server.addr, p);
            assert_eq!(status, 200, "{p}");
            (p.to_string(), body.replace(&server.addr, "HOST"))
        })
        .collect()
}

/// Waits for reload events until `path` answers as `expected` says. An
/// editor's save may fire more than one event (truncate, then write), so the
/// first event can belong to an earlier state; each event is followed by a
/// look at the page, and only a reload that shows the expected page counts.
fn reload_until(
    reloads: &mpsc::Receiver<Instant>,
    addr: &str,
    path: &str,
    expected: impl Fn(u16, &str) -> bool,
) -> (Instant, u16, String) {
    loop {
        let at = reloads
            .recv_timeout(Duration::from_secs(20))
            .expect("no reload showing the expected page");
        let (status, page) = get(addr, path);
        if expected(status, &page) {
            return (at, status, page);
        }
    }
}

/// A plain HTTP/1.0 GET: (status, body).
fn get(addr: &str, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(s, "GET {path} HTTP/1.0\r\nHost: {addr}\r\n\r\n").unwrap();
    let mut raw = String::new();
    s.read_to_string(&mut raw).unwrap();
    let status = raw.split_whitespace().nth(1).unwrap().parse().unwrap();
    let body = raw
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    (status, body)
}

/// Listens to the reload channel; every `event: reload` becomes a message.
fn listen(addr: &str) -> mpsc::Receiver<Instant> {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(
        s,
        "GET /__vindplaats/reload HTTP/1.1\r\nHost: {addr}\r\n\r\n"
    )
    .unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(s).lines() {
            let Ok(line) = line else { return };
            if line == "event: reload" && tx.send(Instant::now()).is_err() {
                return;
            }
        }
    });
    std::thread::sleep(Duration::from_millis(200));
    rx
}

fn edit(file: &Path, from: &str, to: &str) -> Instant {
    let text = std::fs::read_to_string(file).unwrap();
    assert!(text.contains(from), "{from} not in {}", file.display());
    let at = Instant::now();
    std::fs::write(file, text.replace(from, to)).unwrap();
    at
}

#[test]
fn serve_reloads_on_edit_shows_errors_and_recovers() {
    let tmp = common::fixture_copy("minimal");
    let server = serve(tmp.path());
    let (status, page) = get(&server.addr, "/rapporten/verslag/");
    assert_eq!(status, 200);
    assert!(
        page.contains("/__vindplaats/reload.js"),
        "served pages carry the reload script"
    );
    assert!(page.contains("Eerste alinea."));
    let reloads = listen(&server.addr);
    let report = tmp.path().join("content/rapporten/verslag.md");

    // An edit: a reload event, then the new text.
    let saved = edit(&report, "Eerste alinea.", "Eerste gewijzigde alinea.");
    let (reloaded, _, _) =
        reload_until(&reloads, &server.addr, "/rapporten/verslag/", |_, page| {
            page.contains("Eerste gewijzigde alinea.")
        });
    println!(
        "serve: reload event {} ms after the save",
        reloaded.duration_since(saved).as_millis()
    );

    // Broken front matter: every page shows the error, as the terminal does.
    edit(
        &report,
        "topic = \"eenzaamheid\"",
        "topic = \"eenzaamheit\"",
    );
    // Waits for this error: `fs::write` truncates before it writes, and a build that reads
    // the file between the two (seen under load) shows "begint niet met gegevens" first.
    let (_, _, page) = reload_until(
        &reloads,
        &server.addr,
        "/rapporten/verslag/",
        |status, page| status == 500 && page.contains("eenzaamheit"),
    );
    assert!(
        page.contains("fout: onbekend thema &#39;eenzaamheit&#39;"),
        "{page}"
    );
    assert!(page.contains("content/rapporten/verslag.md:3"), "{page}");
    // serve's summary line: the last good site is still what it serves.
    assert!(
        page.contains("1 probleem gevonden; de vorige versie blijft staan."),
        "{page}"
    );
    assert!(
        page.contains("/__vindplaats/reload.js"),
        "the error page reloads by itself"
    );

    // Fixed: the site is back.
    edit(
        &report,
        "topic = \"eenzaamheit\"",
        "topic = \"eenzaamheid\"",
    );
    let (_, _, page) = reload_until(
        &reloads,
        &server.addr,
        "/rapporten/verslag/",
        |status, _| status == 200,
    );
    assert!(page.contains("Eerste gewijzigde alinea."));

    // Odd requests never bring the server down.
    for path in [
        "/../../etc/passwd",
        "/%ff%fe",
        "/rapporten/verslag",
        "/bestaat-niet/",
        "/static/",
    ] {
        let (status, _) = get(&server.addr, path);
        assert!([200, 301, 404].contains(&status), "{path}: {status}");
    }
    assert_eq!(get(&server.addr, "/").0, 200);
}

/// An edit to one report's text renders that page again and takes every other page from the
/// last build: the session serve runs, step by step, shows the edited page first and then
/// renders that one page again for the whole site. What a server serves after the edit is
/// then exactly what a fresh server serves.
#[test]
fn serve_renders_again_only_what_an_edit_changes() {
    let tmp = common::fixture_copy("minimal");
    let mut session = Session::new(BuildOptions {
        root: tmp.path().to_path_buf(),
        output: None,
        base_url: Some("http://127.0.0.1:1111/".into()),
        concepts: true,
    });
    let first = session.rebuild().unwrap();
    let pages = first
        .files
        .iter()
        .filter(|f| f.path.ends_with(".html"))
        .count();
    assert_eq!(first.rendered, pages, "a first build renders every page");
    let server = serve(tmp.path());
    let reloads = listen(&server.addr);
    let report = tmp.path().join("content/rapporten/verslag.md");
    edit(
        &report,
        "Dat is voor iedereen anders.",
        "Dat verschilt per persoon.",
    );

    let mut steps = Vec::new();
    session.update(std::slice::from_ref(&report), |update, _| {
        steps.push(update)
    });
    let [
        Update::Edited(early),
        Update::Rebuilt(Ok(built)),
        Update::Index(Ok(_)),
    ] = &steps[..]
    else {
        panic!("the edited page, the whole site and its index, in that order");
    };
    assert_eq!(
        early.len(),
        1,
        "only the edited report's page is made early"
    );
    assert_eq!(early[0].path, "rapporten/verslag/index.html");
    assert!(String::from_utf8_lossy(&early[0].bytes).contains("Dat verschilt per persoon."));
    assert_eq!(built.rendered, 1, "only the report page is rendered again");

    // The server, running the same session: it shows the edit, and once its index is made it
    // serves what a fresh server serves.
    reload_until(&reloads, &server.addr, "/rapporten/verslag/", |_, page| {
        page.contains("Dat verschilt per persoon.")
    });
    let paths = [
        "/",
        "/rapporten/verslag/",
        "/rapporten/",
        "/themas/eenzaamheid/",
        "/initiatieven/",
        "/initiatieven/sociaal-cafe/",
        "/initiatieven/naamloze-pilot/",
        "/organisaties/",
        "/zoeken/",
        "/zoekindex.js",
    ];
    let fresh = serve(tmp.path());
    let want = served_pages(&fresh, &paths);
    let deadline = Instant::now() + Duration::from_secs(20);
    while served_pages(&server, &paths) != want && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(served_pages(&server, &paths), want);
}

#[test]
fn build_output_never_contains_the_reload_script() {
    let (_tmp, out) = common::build(&fixture("minimal"), None);
    for (path, bytes) in common::read_tree(&out) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("__vindplaats"),
            "{path}"
        );
    }
}

#[test]
fn new_report_builds_and_never_overwrites() {
    let tmp = common::fixture_copy("minimal");
    let root = tmp.path().to_str().unwrap();
    assert!(
        run_cli(&["new", "--root", root, "editie", "2024"])
            .status
            .success()
    );
    let args = [
        "new",
        "--root",
        root,
        "rapport",
        "Verslag thematafel Eenzaamheid 2024",
        "--thema",
        "eenzaamheid",
        "--datum",
        "2024-05-01",
    ];
    let out = run_cli(&args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let file = tmp
        .path()
        .join("content/rapporten/verslag-thematafel-eenzaamheid-2024.md");
    let text = std::fs::read_to_string(&file).unwrap();
    for key in vindplaats::content::report::field_names() {
        assert!(text.contains(&format!("\n{key} = ")), "{key} missing");
    }
    assert!(
        text.lines().filter(|l| l.starts_with('#')).count() >= 10,
        "every field is explained"
    );
    // The new round is a concept, and its report with it: `--concepten` builds them.
    let built = run_cli(&[
        "build",
        "--root",
        root,
        "--output",
        tmp.path().join("out").to_str().unwrap(),
        "--quiet",
        "--concepten",
    ]);
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    assert!(
        tmp.path()
            .join("out/rapporten/verslag-thematafel-eenzaamheid-2024/index.html")
            .is_file()
    );

    std::fs::write(&file, "mijn tekst").unwrap();
    let again = run_cli(&args);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("bestaat al; er is niets overschreven")
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "mijn tekst");

    let typo = run_cli(&[
        "new",
        "--root",
        root,
        "rapport",
        "X",
        "--thema",
        "eenzaamheit",
        "--datum",
        "2024-05-01",
    ]);
    assert_eq!(
        String::from_utf8_lossy(&typo.stderr),
        "fout: onbekend thema 'eenzaamheit' — bedoelde u 'eenzaamheid'?\n"
    );
    let date = run_cli(&[
        "new",
        "--root",
        root,
        "rapport",
        "X",
        "--thema",
        "eenzaamheid",
        "--datum",
        "1-5-2024",
    ]);
    assert_eq!(date.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&date.stderr),
        "fout: '1-5-2024' staat niet als jaar-maand-dag — schrijf --datum 2024-05-01\n"
    );
}

#[test]
fn new_edition_is_a_concept_that_parses_and_is_never_overwritten() {
    let tmp = common::fixture_copy("minimal");
    let root = tmp.path().to_str().unwrap();
    let out = run_cli(&["new", "--root", root, "editie", "2024"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "Nieuwe ronde: content/edities/2024.md. Vul de gegevens bovenaan in en schrijf de inleiding eronder. De ronde is een concept tot u concept = false zet.\n"
    );
    let file = tmp.path().join("content/edities/2024.md");
    let text = std::fs::read_to_string(&file).unwrap();
    let edition = vindplaats::content::Edition::parse(&file, &text).unwrap();
    assert_eq!(edition.year, 2024);
    assert!(edition.concept);
    // Every key is written, the optional period commented out, and each one explained.
    for key in vindplaats::content::edition::field_names() {
        assert!(
            text.lines()
                .any(|l| l.trim_start_matches("# ").starts_with(&format!("{key} = "))),
            "{key} missing"
        );
    }
    assert!(text.lines().filter(|l| l.starts_with('#')).count() >= 14);
    // What the team must write is marked, so it stands out in `serve`.
    for value in [
        &edition.description,
        &edition.organisers[0],
        &edition.bureaus[0],
    ] {
        assert!(value.starts_with("Pas aan:"), "{value}");
    }
    assert!(edition.body.starts_with("Pas aan:"));

    std::fs::write(&file, "mijn tekst").unwrap();
    let again = run_cli(&["new", "--root", root, "editie", "2024"]);
    assert_eq!(again.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&again.stderr),
        "fout: content/edities/2024.md bestaat al; er is niets overschreven. Pas dat bestand aan, of verwijder het eerst.\n"
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "mijn tekst");

    for year in ["24", "20245", "twee", "+024", "1999"] {
        let out = run_cli(&["new", "--root", root, "editie", year]);
        assert_eq!(out.status.code(), Some(1), "{year}");
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            format!(
                "fout: '{year}' is geen jaartal — schrijf het jaar met vier cijfers, bijvoorbeeld 2024\n"
            )
        );
    }
    let mut names: Vec<_> = std::fs::read_dir(tmp.path().join("content/edities"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["2023.md", "2024.md"]);
}

/// A plain build leaves a new round out until it is set to `concept = false`.
#[test]
fn new_edition_stays_out_of_a_plain_build() {
    let tmp = common::fixture_copy("minimal");
    let root = tmp.path().to_str().unwrap();
    assert!(
        run_cli(&["new", "--root", root, "editie", "2024"])
            .status
            .success()
    );
    let built = run_cli(&[
        "build",
        "--root",
        root,
        "--output",
        tmp.path().join("out").to_str().unwrap(),
        "--quiet",
    ]);
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let site = common::read_tree(&tmp.path().join("out"));
    assert!(
        site.values()
            .all(|page| !String::from_utf8_lossy(page).contains("Pas aan:")),
        "a placeholder of the concept round was published"
    );
}

#[test]
fn new_report_needs_its_edition_first() {
    let tmp = common::fixture_copy("minimal");
    let root = tmp.path().to_str().unwrap();
    let new_report = |datum: &str, editie: Option<&str>| {
        let mut args = vec![
            "new",
            "--root",
            root,
            "rapport",
            "Verslag thematafel Eenzaamheid",
            "--thema",
            "eenzaamheid",
            "--datum",
            datum,
        ];
        args.extend(editie.iter().flat_map(|e| ["--editie", e]));
        run_cli(&args)
    };
    let file = tmp
        .path()
        .join("content/rapporten/verslag-thematafel-eenzaamheid.md");

    let refused = new_report("2024-05-01", None);
    assert_eq!(refused.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&refused.stderr),
        "fout: er is nog geen editie 2024 — maak die eerst met: vindplaats new editie 2024\n"
    );
    assert!(!file.exists(), "nothing is written");

    assert!(
        run_cli(&["new", "--root", root, "editie", "2024"])
            .status
            .success()
    );
    // A round that runs into January: the date says 2025, the round is 2024.
    let refused = new_report("2025-01-15", None);
    assert_eq!(
        String::from_utf8_lossy(&refused.stderr),
        "fout: er is nog geen editie 2025 — maak die eerst met: vindplaats new editie 2025\n  tip: hoort dit verslag bij de ronde van 2024, die doorliep tot in januari? Geef dan --editie 2024 mee.\n"
    );
    let out = new_report("2025-01-15", Some("2024"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&file).unwrap();
    let report = vindplaats::content::Report::parse(&file, &text).unwrap();
    assert_eq!(report.edition, 2024);
    // The round is a concept; the report follows it.
    assert!(!report.concept);
}

/// A report added to a round that is already online starts as a concept itself, so its
/// placeholders are not published by the next plain build.
#[test]
fn new_report_in_a_published_round_is_a_concept() {
    let tmp = common::fixture_copy("minimal");
    let root = tmp.path().to_str().unwrap();
    let out = run_cli(&[
        "new",
        "--root",
        root,
        "rapport",
        "Nagekomen verslag",
        "--thema",
        "eenzaamheid",
        "--datum",
        "2023-09-01",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .ends_with("Het verslag is een concept tot u concept = false zet.\n")
    );
    let file = tmp.path().join("content/rapporten/nagekomen-verslag.md");
    let report =
        vindplaats::content::Report::parse(&file, &std::fs::read_to_string(&file).unwrap())
            .unwrap();
    assert_eq!(report.edition, 2023);
    assert!(report.concept);
}

#[test]
fn new_initiative_is_appended_once() {
    let tmp = common::fixture_copy("minimal");
    let root = tmp.path().to_str().unwrap();
    let out = run_cli(&[
        "new",
        "--root",
        root,
        "initiatief",
        "Buurtmoestuin",
        "--soort",
        "plek",
    ]);
    assert!(out.status.success());
    let data = std::fs::read_to_string(tmp.path().join("content/initiatieven.toml")).unwrap();
    assert!(data.contains("slug = \"buurtmoestuin\"") && data.contains("kind = \"plek\""));
    // The one optional field is there to switch on, explained (issue 23).
    assert!(data.contains("\n# concept = true\n"), "{data}");
    let again = run_cli(&["new", "--root", root, "initiatief", "Buurtmoestuin"]);
    assert_eq!(again.status.code(), Some(1));
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("content/initiatieven.toml")).unwrap(),
        data
    );
    // Until its alias is in a report, the build says so.
    let built = run_cli(&[
        "build",
        "--root",
        root,
        "--output",
        tmp.path().join("out").to_str().unwrap(),
    ]);
    assert_eq!(built.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&built.stderr).contains(
            "de alias 'Buurtmoestuin' van 'Buurtmoestuin' komt in geen enkel verslag voor"
        )
    );
    // And in the same round: its description rests on no words of a report yet.
    assert!(
        String::from_utf8_lossy(&built.stderr)
            .contains("initiatief 'Buurtmoestuin' heeft geen bron (quote)"),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
}

/// Regression: `new initiatief 'Het "Huis"'` pasted the name between quotes and wrote an
/// `initiatieven.toml` that no longer parsed; `new rapport` did the same with its title.
#[test]
fn new_writes_quotes_in_titles_as_valid_toml() {
    let tmp = common::fixture_copy("minimal");
    let root = tmp.path().to_str().unwrap();
    let build = || {
        run_cli(&[
            "build",
            "--root",
            root,
            "--output",
            tmp.path().join("out").to_str().unwrap(),
            "--quiet",
            "--concepten",
        ])
    };
    assert!(
        run_cli(&["new", "--root", root, "editie", "2024"])
            .status
            .success()
    );

    let out = run_cli(&[
        "new",
        "--root",
        root,
        "rapport",
        r#"Over "wonen""#,
        "--thema",
        "eenzaamheid",
        "--datum",
        "2024-05-01",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let file = tmp.path().join("content/rapporten/over-wonen.md");
    let report =
        vindplaats::content::Report::parse(&file, &std::fs::read_to_string(&file).unwrap())
            .unwrap();
    assert_eq!(report.title, r#"Over "wonen""#);
    let built = build();
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );

    let out = run_cli(&["new", "--root", root, "initiatief", r#"Het "Huis""#]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (_, initiatives) =
        vindplaats::content::initiative::load_initiatives(&tmp.path().join("content")).unwrap();
    let added = initiatives.iter().find(|i| i.slug == "het-huis").unwrap();
    assert_eq!(added.name, r#"Het "Huis""#);
    assert_eq!(added.aliases, [r#"Het "Huis""#]);
    // Past the TOML stage: the complaints left are the alias no report uses yet and the
    // quote still to be filled in.
    let built = build();
    assert_eq!(
        String::from_utf8_lossy(&built.stderr)
            .matches("fout:")
            .count(),
        2,
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    assert!(
        String::from_utf8_lossy(&built.stderr)
            .contains(r#"de alias 'Het "Huis"' van 'Het "Huis"' komt in geen enkel verslag voor"#)
    );
}

/// Waits until `path` shows `text` (the server settles after a burst); panics after 30 s.
fn eventually(addr: &str, path: &str, text: &str) {
    served_as(addr, path, &format!("'{text}'"), |status, body| {
        status == 200 && body.contains(text)
    });
}

/// Waits until `path` answers as `expected` says (`what`, for the message); panics after 30 s.
fn served_as(addr: &str, path: &str, what: &str, expected: impl Fn(u16, &str) -> bool) {
    let until = Instant::now() + Duration::from_secs(30);
    loop {
        let (status, body) = get(addr, path);
        if expected(status, &body) {
            return;
        }
        assert!(
            Instant::now() < until,
            "{path} never showed {what} (last status {status})"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn serve_survives_bursts_renames_and_recreated_files() {
    let tmp = common::fixture_copy("minimal");
    let server = serve(tmp.path());
    let report = tmp.path().join("content/rapporten/verslag.md");
    let original = std::fs::read_to_string(&report).unwrap();

    // 100 saves in about a second; the server answers throughout and ends on the last one.
    let checker = {
        let addr = server.addr.clone();
        std::thread::spawn(move || {
            for _ in 0..40 {
                let (status, _) = get(&addr, "/rapporten/verslag/");
                assert!(
                    [200, 500].contains(&status),
                    "status {status} during the burst"
                );
                std::thread::sleep(Duration::from_millis(25));
            }
        })
    };
    for i in 0..100 {
        std::fs::write(
            &report,
            original.replace("Eerste alinea.", &format!("Versie {i} van de alinea.")),
        )
        .unwrap();
        std::thread::sleep(Duration::from_millis(10));
    }
    checker.join().unwrap();
    eventually(
        &server.addr,
        "/rapporten/verslag/",
        "Versie 99 van de alinea.",
    );

    // An editor's save: write a temporary file, then rename it over the original.
    let temp = tmp.path().join("content/rapporten/.verslag.md.swp");
    std::fs::write(
        &temp,
        original.replace("Eerste alinea.", "Opgeslagen via hernoemen."),
    )
    .unwrap();
    std::fs::rename(&temp, &report).unwrap();
    eventually(
        &server.addr,
        "/rapporten/verslag/",
        "Opgeslagen via hernoemen.",
    );

    // Deleted, then created again.
    std::fs::remove_file(&report).unwrap();
    std::thread::sleep(Duration::from_millis(300));
    std::fs::write(&report, original.replace("Eerste alinea.", "Weer terug.")).unwrap();
    eventually(&server.addr, "/rapporten/verslag/", "Weer terug.");
    assert_eq!(get(&server.addr, "/").0, 200);
}

/// A year's folder of reports moved into `content/rapporten/` shows its reports; removed, they
/// go. The build's own reads of every file are no change: after the edit's rebuild, serve stays
/// quiet (a watcher that took reads for edits would rebuild for ever).
#[test]
fn serve_sees_folders_of_reports_come_and_go_and_not_its_own_reads() {
    let tmp = common::fixture_copy("minimal");
    let server = serve(tmp.path());
    let report = tmp.path().join("content/rapporten/verslag.md");
    let original = std::fs::read_to_string(&report).unwrap();

    // Made beside the site, then moved in whole, as from a downloaded folder.
    let outside = tmp.path().join("map-2024");
    std::fs::create_dir(&outside).unwrap();
    std::fs::write(
        outside.join("ander-verslag.md"),
        original.replace(
            "title = \"Verslag thematafel Eenzaamheid\"",
            "title = \"Ander verslag\"",
        ),
    )
    .unwrap();
    let folder = tmp.path().join("content/rapporten/2024");
    std::fs::rename(&outside, &folder).unwrap();
    eventually(&server.addr, "/rapporten/ander-verslag/", "Ander verslag");
    std::fs::remove_dir_all(&folder).unwrap();
    served_as(
        &server.addr,
        "/rapporten/ander-verslag/",
        "404",
        |status, _| status == 404,
    );

    // Settled: every build so far is done. Then one edit, and quiet after its rebuild.
    let quiet = |what: &str| {
        let mut builds = 0;
        while let Ok(line) = server.lines.recv_timeout(Duration::from_secs(2)) {
            builds += usize::from(line.starts_with("Gebouwd in"));
            assert!(builds <= 10, "serve keeps rebuilding {what}");
        }
        builds
    };
    quiet("after the folders");
    edit(&report, "Eerste alinea.", "Een stille alinea.");
    eventually(&server.addr, "/rapporten/verslag/", "Een stille alinea.");
    let builds = quiet("after one edit");
    assert!((1..=2).contains(&builds), "{builds} builds for one edit");
}
