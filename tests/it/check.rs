//! `vindplaats check`: one case per rule on the minimal fixture site, the exact Dutch message,
//! the JSON format, the exit codes, and the real content passing with no errors.

use crate::common;

use std::path::Path;

use common::{copy_tree, fixture, replace_in, repo_root, run_cli};

/// The minimal site with `extra` appended to its report, checked; returns (exit code, stdout).
fn check_with(extra: &str, config_extra: &str, args: &[&str]) -> (i32, String) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    copy_tree(&fixture("minimal"), &root);
    let report = root.join("content/rapporten/verslag.md");
    let text = std::fs::read_to_string(&report).unwrap();
    std::fs::write(&report, format!("{text}\n{extra}\n")).unwrap();
    let config = root.join("vindplaats.toml");
    // A real-looking address: the fixture's example.org is a placeholder that check warns
    // about (tested on its own below), which would count in every case here.
    let text = std::fs::read_to_string(&config)
        .unwrap()
        .replace("https://example.org/", "https://socialestaat.almere.nl/");
    std::fs::write(&config, format!("{text}{config_extra}\n")).unwrap();
    let mut all = vec!["check", "--root", root.to_str().unwrap()];
    all.extend(args);
    let out = run_cli(&all);
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
    )
}

fn json_findings(extra: &str) -> Vec<serde_json::Value> {
    let (_, out) = check_with(extra, "", &["--format", "json"]);
    let all: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    all.into_iter()
        .filter(|f| f["severity"] != "info")
        .collect()
}

#[test]
fn a_clean_site_passes_with_exit_0() {
    let (code, out) = check_with("", "", &[]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.ends_with("Resultaat: 0 fouten, 0 waarschuwingen.\n"),
        "{out}"
    );
    assert!(out.contains("Leesbaarheid per pagina"), "{out}");
    assert!(out.contains("De vijf moeilijkste alinea's"), "{out}");
}

#[test]
fn the_real_content_has_no_errors() {
    let (status, all) = common::check_json(repo_root());
    let problems: Vec<_> = all.iter().filter(|f| f["severity"] != "info").collect();
    // The one finding: the shipped config keeps the placeholder address (the real one is not
    // known yet), and check says so (issue 14 item 6).
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!(problems[0]["rule"], "webadres");
    assert_eq!(problems[0]["severity"], "waarschuwing");
    assert_eq!(problems[0]["file"], "vindplaats.toml");
    assert_eq!(
        problems[0]["message"],
        "base_url is nog een voorbeeldadres: https://example.org/"
    );
    assert_eq!(status, Some(0));
    assert!(all.iter().any(|f| f["rule"] == "leesbaarheid" && f["file"] == "content/rapporten/eenzaamheid.md"));
}

#[test]
fn broken_links_and_anchors_are_errors() {
    let f = json_findings(
        "Zie [dit](../bestaat-niet/) en [daar](#geen-kop) en [goed](#wat-is-eenzaamheid) en [thema](../../themas/eenzaamheid/).",
    );
    let messages: Vec<&str> = f.iter().map(|x| x["message"].as_str().unwrap()).collect();
    assert_eq!(
        messages,
        [
            "de link '../bestaat-niet/' wijst naar een pagina die niet bestaat",
            "de link '#geen-kop' wijst naar een kop '#geen-kop' die niet bestaat"
        ]
    );
    assert!(f.iter().all(|x| x["rule"] == "link"
        && x["file"] == "content/rapporten/verslag.md"
        && x["line"] == 20));
    let (code, out) = check_with("[x](../bestaat-niet/)", "", &[]);
    assert_eq!(code, 1);
    assert!(
        out.contains("fout: de link '../bestaat-niet/' wijst naar een pagina die niet bestaat"),
        "{out}"
    );
}

#[test]
fn personal_contact_data_is_an_error_unless_allowed() {
    let f = json_findings("Mail piet@example.org of bel 06-12345678, BSN 111222333.");
    let got: Vec<(String, u64)> = f
        .iter()
        .map(|x| {
            (
                x["message"].as_str().unwrap().to_owned(),
                x["column"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("persoonlijk e-mailadres: piet@example.org".to_owned(), 6),
            ("telefoonnummer: 06-12345678".to_owned(), 30),
            (
                "mogelijk burgerservicenummer (BSN): 111222333".to_owned(),
                47
            ),
        ]
    );
    assert!(f.iter().all(|x| x["rule"] == "privacy"));
    let (code, out) = check_with(
        "Mail info@example.org.",
        "privacy_allowlist = [\"info@example.org\"]",
        &[],
    );
    assert_eq!(code, 0, "{out}");
}

#[test]
fn an_iban_is_an_error_unless_allowed() {
    let f = json_findings("Steun de buurtkas: NL91 ABNA 0417 1643 00 of NL92 ABNA 0417 1643 00.");
    let got: Vec<(&str, &str, u64)> = f
        .iter()
        .map(|x| {
            (
                x["severity"].as_str().unwrap(),
                x["message"].as_str().unwrap(),
                x["column"].as_u64().unwrap(),
            )
        })
        .collect();
    // The second has a wrong check digit: a typo or an example, not an account.
    assert_eq!(
        got,
        [("fout", "rekeningnummer (IBAN): NL91 ABNA 0417 1643 00", 20)]
    );
    let (code, out) = check_with(
        "Steun de buurtkas: NL91ABNA0417164300.",
        "privacy_allowlist = [\"NL91 ABNA 0417 1643 00\"]",
        &[],
    );
    assert_eq!(code, 0, "{out}");
}

/// A postcode with a house number may be a home address, or a community centre's: a warning
/// that `check --strict` makes fail, and that `build` prints without stopping.
#[test]
fn a_home_address_warns_fails_only_when_strict_and_never_stops_the_build() {
    let extra = "Zij woont op 1312 AB 12.";
    let (code, out) = check_with(extra, "", &[]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("waarschuwing: mogelijk woonadres (postcode met huisnummer): 1312 AB 12")
            && out.contains("[adres weggelaten door de redactie]")
            && out.contains("Resultaat: 0 fouten, 1 waarschuwing."),
        "{out}"
    );
    let (code, _) = check_with(extra, "", &["--strict"]);
    assert_eq!(code, 1);
    let (code, out) = check_with(extra, "privacy_allowlist = [\"1312 AB 12\"]", &["--strict"]);
    assert_eq!(code, 0, "{out}");

    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    copy_tree(&fixture("minimal"), &root);
    let report = root.join("content/rapporten/verslag.md");
    let text = std::fs::read_to_string(&report).unwrap();
    std::fs::write(&report, format!("{text}\n{extra}\n")).unwrap();
    let out = tmp.path().join("public");
    let built = common::run_build(&root, &out, &[]);
    let stderr = String::from_utf8(built.stderr).unwrap();
    assert_eq!(built.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("waarschuwing: mogelijk woonadres (postcode met huisnummer): 1312 AB 12")
            && stderr.contains("content/rapporten/verslag.md:"),
        "{stderr}"
    );
    assert!(out.join("index.html").exists());
}

#[test]
fn heading_structure_and_images_without_alt() {
    // Both in one run: a heading error no longer hides the links and images (issue 23).
    let f = json_findings("#### Te diep\n\n![](kaart.png)");
    let got: Vec<(&str, &str)> = f
        .iter()
        .map(|x| (x["rule"].as_str().unwrap(), x["message"].as_str().unwrap()))
        .collect();
    assert_eq!(
        got,
        [
            ("koppen", "deze kop slaat een niveau over"),
            ("afbeeldingen", "afbeelding zonder beschrijving (alt-tekst)")
        ]
    );
    let f = json_findings("![](kaart.png)");
    let got: Vec<(&str, &str)> = f
        .iter()
        .map(|x| (x["rule"].as_str().unwrap(), x["message"].as_str().unwrap()))
        .collect();
    assert_eq!(
        got,
        [("afbeeldingen", "afbeelding zonder beschrijving (alt-tekst)")]
    );
}

#[test]
fn an_index_over_budget_warns_and_fails_only_when_strict() {
    let (code, out) = check_with("", "search_budget_kb = 0", &[]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("waarschuwing: de eerste zoekvraag laadt ")
            && out.contains(" KB gecomprimeerd (zoekscripts en index); het budget is 0 KB"),
        "{out}"
    );
    assert!(
        out.contains("Resultaat: 0 fouten, 1 waarschuwing."),
        "{out}"
    );
    let (code, _) = check_with("", "search_budget_kb = 0", &["--strict"]);
    assert_eq!(code, 1);
}

#[test]
fn json_has_one_object_per_finding_with_place_and_rule() {
    let (code, out) = check_with("Bel 06-12345678.", "", &["--format", "json"]);
    assert_eq!(code, 1);
    let all: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    let phone = all.iter().find(|f| f["rule"] == "privacy").unwrap();
    for key in ["file", "line", "column", "rule", "message", "severity"] {
        assert!(!phone[key].is_null(), "{key} missing in {phone}");
    }
    assert_eq!(phone["line"], 20);
    // A site that builds also gets its readability figures, as findings of severity info.
    let (code, out) = check_with("[x](../weg/)", "", &["--format", "json"]);
    assert_eq!(code, 1);
    let all: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    assert!(all.iter().any(|f| f["rule"] == "link"));
    assert!(
        all.iter()
            .any(|f| f["rule"] == "leesbaarheid" && f["severity"] == "info")
    );
}

#[test]
fn usage_errors_exit_2() {
    let out = run_cli(&["check", "--format", "xml"]);
    assert_eq!(out.status.code(), Some(2));
    let out = run_cli(&[
        "check",
        "--root",
        Path::new("/nonexistent").to_str().unwrap(),
    ]);
    // A folder without a site is the wrong folder, not a problem in the content (issue 23).
    assert_eq!(out.status.code(), Some(2));
}

/// A report straight from `new rapport` is not finished: `check` says where (issue 14 item 2),
/// a plain build of a published report stops on it, and serve's preview only warns. Added to a
/// round already online, it starts as a concept (issue 23): a warning in `check` too, since a
/// plain build leaves it out, until it says `concept = false`.
#[test]
fn a_report_from_new_is_not_finished() {
    let tmp = common::fixture_copy("minimal");
    let root = tmp.path().to_str().unwrap();
    let made = run_cli(&[
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
    assert!(made.status.success());
    let file = tmp.path().join("content/rapporten/nagekomen-verslag.md");
    let text = std::fs::read_to_string(&file).unwrap();
    let line_of = |start: &str| 1 + text.lines().position(|l| l.starts_with(start)).unwrap() as u64;
    // The filler `check` finds, each with its severity.
    let unfinished = |code: i32, severity: &str| {
        let (status, all) = common::check_json(root);
        assert_eq!(status, Some(code));
        all.iter()
            .filter(|f| f["rule"] == "voorbeeldtekst")
            .map(|f| {
                assert_eq!(f["severity"], severity);
                assert_eq!(f["file"], "content/rapporten/nagekomen-verslag.md");
                (
                    f["line"].as_u64().unwrap(),
                    f["message"].as_str().unwrap().to_owned(),
                )
            })
            .collect::<Vec<_>>()
    };
    let found = unfinished(0, "waarschuwing");
    assert_eq!(
        found,
        [
            (
                line_of("participants = 1"),
                "participants = 1 en location = \"Almere\" zijn nog de voorbeeldwaarden van vindplaats new"
            ),
            (
                line_of("description = "),
                "de beschrijving is nog de voorbeeldzin van vindplaats new"
            ),
            (
                line_of("Zet hier de tekst"),
                "de tekst is nog de voorbeeldtekst van vindplaats new"
            ),
        ]
        .map(|(line, message)| (line, message.to_owned()))
    );

    // serve's preview: the same findings, as warnings; the site is shown.
    let opts = vindplaats::site::BuildOptions {
        root: tmp.path().to_path_buf(),
        concepts: true,
        ..Default::default()
    };
    let built = vindplaats::session::Session::new(opts).rebuild().unwrap();
    let rules: Vec<&str> = built.warnings.iter().map(|w| w.rule.name()).collect();
    assert_eq!(rules, ["voorbeeldtekst"; 3]);

    // Published (concept = false), check and a plain build stop on it; filled in, it builds.
    std::fs::write(&file, text.replace("concept = true", "concept = false")).unwrap();
    assert_eq!(unfinished(1, "fout"), found);
    let build = |dir: &str| {
        run_cli(&[
            "build",
            "--root",
            root,
            "--output",
            tmp.path().join(dir).to_str().unwrap(),
        ])
    };
    let stopped = build("out");
    assert_eq!(stopped.status.code(), Some(1));
    // The fixture's stand-in base_url is the one warning, shown after the errors.
    assert!(
        String::from_utf8_lossy(&stopped.stderr).contains("3 problemen en 1 waarschuwing gevonden")
    );
    let filled = std::fs::read_to_string(&file)
        .unwrap()
        .replace("participants = 1", "participants = 9")
        .replace("Pas deze zin aan: waar", "Waar")
        .replace(
            "Zet hier de tekst van het verslag",
            "Negen mensen spraken over eenzaamheid",
        );
    std::fs::write(&file, filled).unwrap();
    let ok = build("out");
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
}

/// While base_url is a placeholder, build and check warn with the config's line; serve (its
/// own address) and an address given with --base-url do not.
#[test]
fn a_placeholder_base_url_warns_in_build_and_check() {
    let tmp = common::fixture_copy("minimal");
    let config = tmp.path().join("vindplaats.toml");
    replace_in(&config, "https://example.org/", "https://www.example.com/");
    let root = tmp.path().to_str().unwrap();
    let out = run_cli(&["check", "--root", root]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stdout
            .contains("waarschuwing: base_url is nog een voorbeeldadres: https://www.example.com/"),
        "{stdout}"
    );
    assert!(stdout.contains("--> vindplaats.toml:3:"), "{stdout}");
    assert!(
        stdout.ends_with("Resultaat: 0 fouten, 1 waarschuwing.\n"),
        "{stdout}"
    );
    let output = tmp.path().join("out");
    let build = |extra: &[&str]| {
        let out = common::run_build(tmp.path(), &output, &[&["--quiet"], extra].concat());
        assert!(out.status.success());
        String::from_utf8(out.stderr).unwrap()
    };
    assert!(build(&[]).contains("base_url is nog een voorbeeldadres"));
    assert_eq!(build(&["--base-url", "https://www.almere.nl/"]), "");
    let opts = vindplaats::site::BuildOptions {
        root: tmp.path().to_path_buf(),
        base_url: Some("http://127.0.0.1:1111/".into()),
        ..Default::default()
    };
    let built = vindplaats::session::Session::new(opts).rebuild().unwrap();
    assert!(built.warnings.is_empty(), "{:?}", built.warnings);
}

/// A broken link points at its own column and suggests what exists: the closest heading of
/// the target page (a prefix counts), or the closest page (issue 14 item 4).
#[test]
fn broken_links_suggest_the_closest_heading_or_page() {
    let f = json_findings(
        "Zie ook [daar](#wat-is) en [dit](../verslg/#bron) of [thema](../../themas/eenzaamhied/).",
    );
    let found: Vec<(u64, &str, &str)> = f
        .iter()
        .map(|x| {
            (
                x["column"].as_u64().unwrap(),
                x["message"].as_str().unwrap(),
                x["hint"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                9,
                "de link '#wat-is' wijst naar een kop '#wat-is' die niet bestaat",
                "bedoelt u '#wat-is-eenzaamheid'? Die kop staat op de pagina"
            ),
            // The closest page is the report itself: the anchor alone.
            (
                28,
                "de link '../verslg/#bron' wijst naar een pagina die niet bestaat",
                "bedoelt u '#bron'?"
            ),
            (
                54,
                "de link '../../themas/eenzaamhied/' wijst naar een pagina die niet bestaat",
                "bedoelt u '../../themas/eenzaamheid/'?"
            ),
        ]
    );
}

/// The filler of `new editie` and `new initiatief` is found too, from the same list: the
/// initiative's, which no concept report names, as an error; in the new round, a concept, not
/// as an error but as a warning (a plain build leaves it out), listed once the site builds.
#[test]
fn a_new_round_and_initiative_are_not_finished_either() {
    let tmp = common::fixture_copy("minimal");
    let root = tmp.path().to_str().unwrap();
    assert!(
        run_cli(&["new", "--root", root, "editie", "2024"])
            .status
            .success()
    );
    assert!(
        run_cli(&["new", "--root", root, "initiatief", "Buurtmoestuin"])
            .status
            .success()
    );
    let found = |severity: &str| -> Vec<String> {
        let (_, all) = common::check_json(root);
        all.iter()
            .filter(|f| f["rule"] == "voorbeeldtekst" && f["severity"] == severity)
            .map(|f| f["message"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        found("fout"),
        ["de beschrijving van 'Buurtmoestuin' is nog de voorbeeldzin van vindplaats new"]
    );
    // Without the unfinished initiative, the site builds and check lists the round's filler.
    std::fs::copy(
        common::fixture("minimal").join("content/initiatieven.toml"),
        tmp.path().join("content/initiatieven.toml"),
    )
    .unwrap();
    assert!(found("fout").is_empty());
    assert_eq!(
        found("waarschuwing"),
        [
            "'organisers' is nog de voorbeeldtekst van vindplaats new",
            "'bureaus' is nog de voorbeeldtekst van vindplaats new",
            "'description' is nog de voorbeeldtekst van vindplaats new",
            "de inleiding is nog de voorbeeldtekst van vindplaats new",
        ]
    );
}

/// A synonym group none of whose words is on the site helps nobody: a warning at its line,
/// never an error (the team may add a group before the report that uses its words).
#[test]
fn a_synonym_group_with_no_word_on_the_site_warns() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    copy_tree(&fixture("minimal"), &root);
    // A real address, so that the placeholder-address warning does not count here.
    let config = root.join("vindplaats.toml");
    replace_in(
        &config,
        "https://example.org/",
        "https://socialestaat.almere.nl/",
    );
    std::fs::write(
        root.join("content/synoniemen.toml"),
        "# Staat niet op de site.\n[[groep]]\nwoorden = [\"qwxzv\", \"zxvqw\"]\n",
    )
    .unwrap();
    let out = run_cli(&["check", "--root", root.to_str().unwrap()]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains("waarschuwing: geen van de woorden 'qwxzv', 'zxvqw' staat op de site")
            && stdout.contains("content/synoniemen.toml:3")
            && stdout.contains("Resultaat: 0 fouten, 1 waarschuwing."),
        "{stdout}"
    );
}

/// The minimal site with the invalid case `case` laid over it, in a temp folder.
fn invalid_case(case: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(&fixture("minimal"), tmp.path());
    let from = fixture("invalid").join(case);
    for entry in walkdir::WalkDir::new(&from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(&from).unwrap();
        if entry.file_type().is_file() && rel != Path::new("expected.txt") {
            let target = tmp.path().join(rel);
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
    tmp
}

/// Issue 23: eight mistakes took five runs. `check` shows all of them at once (the same errors
/// as `build`, tests/fixtures/invalid/team-eight-mistakes/expected.txt) and the broken link
/// that only `check` looks for, though the site has errors; the errors before the warnings,
/// each by file and line, in the terminal and in JSON alike; and nothing about
/// organisaties.toml, whose `initiative` names the initiative with the broken line.
#[test]
fn the_teams_mistakes_all_show_in_one_run() {
    let site = invalid_case("team-eight-mistakes");
    let root = site.path().to_str().unwrap();
    let (status, all) = common::check_json(root);
    assert_eq!(status, Some(1));
    let found: Vec<String> = all
        .iter()
        .map(|f| {
            format!(
                "{} {}:{} {}",
                f["severity"].as_str().unwrap(),
                f["file"].as_str().unwrap(),
                f["line"],
                f["message"].as_str().unwrap()
            )
        })
        .collect();
    let report = "content/rapporten/verslag-thematafel-eenzaamheid-2024.md";
    let want = [
        "fout content/initiatieven.toml:27 het aanhalingsteken aan het begin van de tekst ontbreekt".to_owned(),
        "fout content/initiatieven.toml:36 de beschrijving van 'Koffieochtend' is nog de voorbeeldzin van vindplaats new".to_owned(),
        format!("fout {report}:3 onbekend thema 'eenzaamheit'"),
        format!("fout {report}:4 dit zijn aanhalingstekens uit Word; gebruik gewone rechte aanhalingstekens \"…\""),
        format!("fout {report}:4 deze datum staat niet als jaar-maand-dag"),
        format!("fout {report}:5 onbekend veld 'edtion'"),
        format!("fout {report}:9 de waarde van 'participants' klopt niet"),
        format!("fout {report}:19 deze kop slaat een niveau over"),
        format!("fout {report}:21 telefoonnummer: 06-12345678"),
        format!("fout {report}:23 de link '../verslag/#wat-is-eenzaamhied' wijst naar een kop '#wat-is-eenzaamhied' die niet bestaat"),
        format!("waarschuwing {report}:21 mogelijk woonadres (postcode met huisnummer): 1312 AB 12"),
        "waarschuwing vindplaats.toml:3 base_url is nog een voorbeeldadres: https://example.org/".to_owned(),
    ];
    assert_eq!(found, want);
    // Every error `build` shows is among them (build does not look at links).
    let expected =
        std::fs::read_to_string(fixture("invalid/team-eight-mistakes/expected.txt")).unwrap();
    let build_errors = expected.lines().filter(|l| l.starts_with("fout: ")).count();
    assert_eq!(build_errors, want.len() - 3);
    // The terminal shows the same findings in the same order.
    let human = run_cli(&["check", "--root", root]);
    let shown: Vec<&str> = std::str::from_utf8(&human.stdout)
        .unwrap()
        .lines()
        .filter(|l| l.starts_with("fout: ") || l.starts_with("waarschuwing: "))
        .collect();
    let messages: Vec<String> = all
        .iter()
        .map(|f| {
            format!(
                "{}: {}",
                f["severity"].as_str().unwrap(),
                f["message"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(shown, messages);
    assert!(!String::from_utf8_lossy(&human.stdout).contains("organisaties.toml"));
}

/// Issue 27: an editors' link on an initiative page says when it was checked; `check` (and
/// only `check`: a build never reads the clock) warns when that was more than a year ago, or
/// a day still to come, measured against the day of `VINDPLAATS_VANDAAG` (the tests' fixed
/// [`common::TODAY`], 6 December 2026).
#[test]
fn an_editorial_link_checked_over_a_year_ago_or_in_the_future_warns() {
    for (checked, warning) in [
        ("2026-11-30", None),
        ("2025-12-06", None),
        (
            "2025-12-05",
            Some("is voor het laatst gecontroleerd op 5 december 2025, meer dan een jaar geleden"),
        ),
        (
            "2027-01-02",
            Some("is gecontroleerd op 2 januari 2027: die dag is nog niet geweest"),
        ),
    ] {
        let tmp = common::fixture_copy("minimal");
        let root = tmp.path();
        replace_in(
            &root.join("content/initiatieven.toml"),
            "checked = 2026-11-30",
            &format!("checked = {checked}"),
        );
        // A real-looking address: the placeholder would warn as well (see check_with).
        replace_in(
            &root.join("vindplaats.toml"),
            "https://example.org/",
            "https://socialestaat.almere.nl/",
        );
        let (status, all) = common::check_json(root);
        let links: Vec<&serde_json::Value> =
            all.iter().filter(|f| f["rule"] == "redactielink").collect();
        match warning {
            None => {
                assert!(links.is_empty(), "{checked}: {links:?}");
                let strict = run_cli(&["check", "--root", root.to_str().unwrap(), "--strict"]);
                assert_eq!(strict.status.code(), Some(0), "{checked}");
            }
            Some(words) => {
                assert_eq!(links.len(), 1, "{checked}: {all:?}");
                let f = links[0];
                assert_eq!(f["severity"], "waarschuwing");
                assert_eq!(f["file"], "content/initiatieven.toml");
                assert_eq!(f["line"], 12, "the line of links = [");
                let message = f["message"].as_str().unwrap();
                assert!(
                    message.starts_with("de link ‘Het Sociaal Café op de website van de gemeente’ van 'Sociaal Café' ")
                        && message.ends_with(words),
                    "{message}"
                );
                // A warning: check passes, and fails with --strict.
                assert_eq!(status, Some(0), "{checked}");
                let strict = run_cli(&["check", "--root", root.to_str().unwrap(), "--strict"]);
                assert_eq!(strict.status.code(), Some(1), "{checked}");
            }
        }
        // The build reads no clock: the same site whatever `checked` says.
        let built = run_cli(&[
            "build",
            "--root",
            root.to_str().unwrap(),
            "--output",
            root.join("out").to_str().unwrap(),
            "--quiet",
        ]);
        assert_eq!(built.status.code(), Some(0), "{checked}");
    }
    // Without VINDPLAATS_VANDAAG check uses today's date; a wrong one is a usage error.
    let tmp = common::fixture_copy("minimal");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_vindplaats"))
        .args(["check", "--root", tmp.path().to_str().unwrap()])
        .env("VINDPLAATS_VANDAAG", "6-12-2026")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("VINDPLAATS_VANDAAG = '6-12-2026' is geen datum"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The rule names are the contract of `check --format json` (scripts and CI annotations read
/// them): every rule is in the table of docs/reference.md and nothing else is, and the list and
/// the JSON of two runs are kept as snapshots in `tests/snapshots/check/`, so that a renamed
/// rule or field is a reviewed decision. Accept a change as the other snapshots
/// (tests/README.md).
#[test]
fn rule_names_and_json_fields_are_a_documented_contract() {
    use vindplaats::error::Rule;
    let names: Vec<&str> = Rule::ALL.iter().map(|r| r.name()).collect();
    let reference = std::fs::read_to_string(repo_root().join("docs/reference.md")).unwrap();
    let table = reference
        .split("\n## check\n")
        .nth(1)
        .and_then(|s| s.split("\n| rule | checks | severity |\n").nth(1))
        .expect("the table of rules under '## check' in docs/reference.md");
    let mut documented: Vec<&str> = table
        .lines()
        .take_while(|l| l.starts_with('|'))
        .filter_map(|l| l.split('|').nth(1))
        .flat_map(|cell| cell.split('`').skip(1).step_by(2))
        .collect();
    documented.sort();
    documented.dedup();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(documented, sorted, "the rules of docs/reference.md's table");

    // Errors (a site that does not build), then a site with warnings and its readability.
    let (_, errors) = check_with(
        "Bel 06-12345678. [x](../weg/) ![](kaart.png)",
        "",
        &["--format", "json"],
    );
    let tmp = common::fixture_copy("minimal");
    let warned = run_cli(&[
        "check",
        "--root",
        tmp.path().to_str().unwrap(),
        "--format",
        "json",
    ]);
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.set_snapshot_path(repo_root().join("tests/snapshots/check"));
    settings.bind(|| {
        insta::assert_snapshot!("rules", names.join("\n"));
        insta::assert_snapshot!("json-errors", errors);
        insta::assert_snapshot!("json-warnings", String::from_utf8(warned.stdout).unwrap());
    });
}
