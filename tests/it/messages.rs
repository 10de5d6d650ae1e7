//! What `build` tells the people who publish: the note for a site in a folder of a larger site
//! (issue 14 item 5) and the file for its web administrator.

use crate::common;

use std::path::Path;

use common::{copy_tree, fixture, run_cli};

/// In a folder, the build says once what to hand the web administrator and writes it down in
/// a file no page links to and the sitemap leaves out; at the domain root there is neither.
#[test]
fn a_site_in_a_folder_gets_a_note_for_the_web_administrator() {
    let tmp = tempfile::tempdir().unwrap();
    let root = fixture("minimal");
    let build = |dir: &str, base_url: &str| {
        let out = tmp.path().join(dir);
        let run = run_cli(&[
            "build",
            "--root",
            root.to_str().unwrap(),
            "--output",
            out.to_str().unwrap(),
            "--base-url",
            base_url,
        ]);
        assert!(run.status.success());
        (out, String::from_utf8(run.stdout).unwrap())
    };
    let (out, stdout) = build("map", "https://www.almere.nl/sociale-staat/");
    assert_eq!(
        stdout
            .matches("Let op: de site staat in de map /sociale-staat/.")
            .count(),
        1,
        "{stdout}"
    );
    assert!(stdout.contains("voor-de-webbeheerder.txt"), "{stdout}");
    let note = std::fs::read_to_string(out.join("voor-de-webbeheerder.txt")).unwrap();
    assert!(
        note.contains("   Sitemap: https://www.almere.nl/sociale-staat/sitemap.xml\n"),
        "{note}"
    );
    assert!(
        note.contains("ErrorDocument 404 /sociale-staat/404.html"),
        "{note}"
    );
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(!sitemap.contains("webbeheerder"), "{sitemap}");
    assert!(
        sitemap.contains("<loc>https://www.almere.nl/sociale-staat/</loc>"),
        "{sitemap}"
    );
    for page in common::html_files(&out) {
        let html = std::fs::read_to_string(out.join(&page)).unwrap();
        assert!(!html.contains("webbeheerder"), "{page} links to the note");
    }

    let (out, stdout) = build("root", "https://www.almere.nl/");
    assert!(!stdout.contains("Let op"), "{stdout}");
    assert!(!out.join("voor-de-webbeheerder.txt").exists());
}

/// The parser's English stays out of the way: one line says `--uitleg` shows it, `--uitleg`
/// shows it under the error, and the JSON of `check` always has it.
#[test]
fn the_technical_message_only_with_uitleg() {
    let tmp = common::fixture_copy("minimal");
    common::replace_in(
        &tmp.path().join("content/rapporten/verslag.md"),
        "participants = 18",
        "participants = \"18\"",
    );
    let root = tmp.path().to_str().unwrap();
    let out_dir = tmp.path().join("out");
    let build = |extra: &[&str]| {
        let out = common::run_build(tmp.path(), &out_dir, extra);
        assert_eq!(out.status.code(), Some(1));
        String::from_utf8(out.stderr).unwrap()
    };
    let plain = build(&[]);
    assert!(
        plain.contains("tip: schrijf het getal zonder aanhalingstekens: participants = 18"),
        "{plain}"
    );
    assert!(!plain.contains("invalid type"), "{plain}");
    assert!(
        plain.contains("Met --uitleg ziet u ook de technische melding"),
        "{plain}"
    );
    let explained = build(&["--uitleg"]);
    assert!(
        explained.contains("technische melding: invalid type: string \"18\", expected u32"),
        "{explained}"
    );
    assert!(!explained.contains("Met --uitleg"), "{explained}");

    let (_, all) = crate::common::check_json(root);
    assert_eq!(
        all[0]["technical"],
        "invalid type: string \"18\", expected u32"
    );
    let human = run_cli(&["check", "--root", root, "--uitleg"]);
    assert!(String::from_utf8_lossy(&human.stdout).contains("technische melding: invalid type"));
}

/// Runs the program and gives it `seconds` to stop by itself (a `serve` that started after
/// all would run for ever): (exit code, standard error).
fn run_briefly(args: &[&str], seconds: u64) -> (Option<i32>, String) {
    run_briefly_in(Path::new("."), args, seconds)
}

/// [`run_briefly`] in the folder `dir`, as typed there.
fn run_briefly_in(dir: &Path, args: &[&str], seconds: u64) -> (Option<i32>, String) {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_vindplaats"))
        .current_dir(dir)
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > std::time::Duration::from_secs(seconds) {
            child.kill().unwrap();
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    (out.status.code(), String::from_utf8(out.stderr).unwrap())
}

/// Issue 23: run from the wrong folder, every command says in Dutch to go to the site's folder
/// with `cd` (never to make a vindplaats.toml), names the folder when a site is just below or
/// above, and carries none of the system's English ("No such file or directory").
#[test]
fn the_wrong_folder_says_to_cd_to_the_site() {
    let tmp = tempfile::tempdir().unwrap();
    let empty = tmp.path().join("leeg");
    std::fs::create_dir_all(&empty).unwrap();
    let empty = empty.to_str().unwrap();
    for args in [
        vec!["build", "--root", empty],
        vec!["check", "--root", empty],
        vec!["serve", "--root", empty, "--port", "0"],
        vec!["new", "--root", empty, "editie", "2024"],
        vec!["wijzigingen", "--root", empty],
    ] {
        let (code, stderr) = run_briefly(&args, 30);
        assert_eq!(code, Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.starts_with("fout: hier staat geen site: in de map ")
                && stderr.contains("ga eerst naar de map van de site")
                && stderr.contains("Typ cd en de naam van die map"),
            "{args:?}: {stderr}"
        );
        for english in ["os error", "No such file", "maak een bestand"] {
            assert!(!stderr.contains(english), "{args:?}: {stderr}");
        }
    }
    // A site just below the folder, or the folder one of its own: named, with the cd to type
    // there (with --root, the whole path).
    let site = tmp.path().join("Documenten/sociale-staat");
    copy_tree(&common::fixture("minimal"), &site);
    let (code, stderr) = run_briefly_in(tmp.path(), &["build"], 30);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("typ dus eerst: cd \"Documenten/sociale-staat\""),
        "{stderr}"
    );
    let (_, stderr) = run_briefly_in(&site.join("content/rapporten"), &["check"], 30);
    assert!(stderr.contains("typ dus eerst: cd \"../..\""), "{stderr}");
    let (_, stderr) = run_briefly(&["build", "--root", tmp.path().to_str().unwrap()], 30);
    let whole = std::path::absolute(&site).unwrap();
    assert!(
        stderr.contains(&format!("typ dus eerst: cd \"{}\"", whole.display())),
        "{stderr}"
    );
}

/// Issue 23: a port in use is said in Dutch, with another port to try; the system's
/// "Address already in use (os error 98)" only with `--uitleg`.
#[test]
fn a_port_in_use_is_said_in_dutch() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let root = common::fixture("minimal");
    let root = root.to_str().unwrap();
    let (code, stderr) = run_briefly(&["serve", "--root", root, "--port", &port], 30);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.starts_with(&format!(
            "fout: kan poort {port} niet gebruiken: de poort is al in gebruik"
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains("tip: kies een ander nummer, bijvoorbeeld: vindplaats serve --port "),
        "{stderr}"
    );
    assert!(
        !stderr.contains("os error") && !stderr.contains("Address"),
        "{stderr}"
    );
    assert!(stderr.contains("Met --uitleg"), "{stderr}");
    let (_, explained) = run_briefly(&["serve", "--root", root, "--port", &port, "--uitleg"], 30);
    assert!(
        explained.contains("technische melding: Address already in use (os error"),
        "{explained}"
    );
    drop(taken);
}
