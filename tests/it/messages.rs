//! What `build` tells the people who publish: the note for a site in a folder of a larger site
//! (issue 14 item 5) and the file for its web administrator.

use crate::common;

use common::{fixture, run_cli};

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

    let json = run_cli(&["check", "--root", root, "--format", "json"]);
    let all: Vec<serde_json::Value> = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(
        all[0]["technical"],
        "invalid type: string \"18\", expected u32"
    );
    let human = run_cli(&["check", "--root", root, "--uitleg"]);
    assert!(String::from_utf8_lossy(&human.stdout).contains("technische melding: invalid type"));
}
