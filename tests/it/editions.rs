//! Editions (yearly rounds): a second round goes on the site as content, never as a template
//! edit. The fixture `tests/fixtures/editions/` is the minimal site plus a clearly fictional
//! 2024 round (its text says it is test data) with one published report and one concept.

use crate::common;

use std::path::{Path, PathBuf};

use common::{Page, copy_tree, fixture, page_url, repo_root, squash};
use vindplaats::site::{self, BuildOptions};

/// The minimal site with the editions overlay, in a temporary folder.
fn two_editions() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    copy_tree(&fixture("minimal"), &root);
    copy_tree(&fixture("editions"), &root);
    (tmp, root)
}

fn build(root: &Path, concepts: bool) -> PathBuf {
    let out = root.join(if concepts { "met-concepten" } else { "public" });
    let opts = BuildOptions {
        root: root.to_path_buf(),
        output: Some(out.clone()),
        base_url: None,
        concepts,
    };
    if let Err(e) = site::build(&opts) {
        panic!("build failed:\n{e}");
    }
    out
}

fn text(page: &Page, css: &str) -> String {
    squash(
        &page
            .select(css)
            .iter()
            .map(|e| e.text().collect::<String>())
            .collect::<Vec<_>>()
            .join(" "),
    )
}

#[test]
fn the_newest_round_leads_and_pages_group_by_year() {
    let (_tmp, root) = two_editions();
    let out = build(&root, false);

    let home = Page::load(&out, "index.html");
    assert!(text(&home, ".lead").contains("verzonnen tweede ronde"));
    let headings = home.texts("main h2");
    let newest = headings
        .iter()
        .position(|h| h == "Verslagen van Testronde 2024");
    let older = headings
        .iter()
        .position(|h| h == "Verslagen van Testronde 2023");
    assert!(
        newest.is_some() && older.is_some() && newest < older,
        "{headings:?}"
    );

    // The topic page: reports by year, newest first; the theme's introduction stays.
    let topic = Page::load(&out, "themas/eenzaamheid/index.html");
    assert_eq!(topic.texts("h3.year"), ["2024", "2023"]);
    assert!(!topic.select(".intro").is_empty());

    // The initiative page: named in both rounds, grouped.
    let cafe = Page::load(&out, "initiatieven/sociaal-cafe/index.html");
    assert!(
        text(&cafe, ".facts").contains("in 2023 en 2024"),
        "{}",
        text(&cafe, ".facts")
    );
    assert_eq!(cafe.texts("h3.year"), ["2024", "2023"]);

    // The initiatives index can be read per round, without JavaScript.
    let index = Page::load(&out, "initiatieven/index.html");
    assert_eq!(
        index.texts("#per-ronde ~ h3"),
        ["Testronde 2024", "Testronde 2023"]
    );

    // The organisations page: De Schoor at a table in each round.
    let organisations = Page::load(&out, "organisaties/index.html");
    let schoor = text(&organisations, "#de-schoor");
    assert!(
        schoor.contains("2024") && schoor.contains("2023"),
        "{schoor}"
    );

    // Each report names the people of its own round.
    let old = Page::load(&out, "rapporten/verslag/index.html");
    assert!(text(&old, ".source").contains("Movisie, Platform31 en het Verwey-Jonker Instituut"));
    let new = Page::load(&out, "rapporten/verslag-2024/index.html");
    let source = text(&new, ".source");
    assert!(
        source.contains("Testbureau Noord") && !source.contains("Movisie"),
        "{source}"
    );
    assert!(text(&new, ".facts").contains("Testronde 2024"));

    // The editions' pages, newest first.
    let editions = Page::load(&out, "edities/index.html");
    assert_eq!(
        editions.texts(".cards h2 a"),
        ["Testronde 2024", "Testronde 2023"]
    );
    let round = Page::load(&out, "edities/2024/index.html");
    assert!(text(&round, "main").contains("Testbureau Noord"));
}

#[test]
fn concepts_stay_out_of_a_plain_build_and_show_when_asked() {
    let (_tmp, root) = two_editions();
    let out = build(&root, false);
    assert!(!out.join("rapporten/concept-2024").exists());
    for file in ["sitemap.xml", "feed.xml", "themas/eenzaamheid/feed.xml"] {
        let text = std::fs::read_to_string(out.join(file)).unwrap();
        assert!(!text.contains("concept-2024"), "{file}");
    }
    let index = std::fs::read_dir(out.join("static"))
        .unwrap()
        .flatten()
        .find(|e| e.file_name().to_string_lossy().starts_with("search-index."))
        .unwrap();
    assert!(
        !std::fs::read_to_string(index.path())
            .unwrap()
            .contains("concept-2024")
    );

    // With --concepten (and in serve): there, with its banner, but still in no feed or sitemap.
    let shown = build(&root, true);
    let page = Page::load(&shown, "rapporten/concept-2024/index.html");
    assert_eq!(
        page.texts(".concept-banner"),
        ["Concept — nog niet gepubliceerd"]
    );
    for file in ["sitemap.xml", "feed.xml"] {
        let text = std::fs::read_to_string(shown.join(file)).unwrap();
        assert!(!text.contains("concept-2024"), "{file}");
    }
}

#[test]
fn feeds_are_valid_atom_with_absolute_links_newest_first() {
    let (_tmp, root) = two_editions();
    let out = build(&root, false);
    for (file, count) in [("feed.xml", 2), ("themas/eenzaamheid/feed.xml", 2)] {
        let bytes = std::fs::read(out.join(file)).unwrap();
        let feed = feed_rs::parser::parse(&bytes[..]).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(feed.feed_type, feed_rs::model::FeedType::Atom, "{file}");
        assert_eq!(feed.id, format!("https://example.org/{file}"));
        assert_eq!(feed.entries.len(), count, "{file}");
        let first = &feed.entries[0];
        assert_eq!(first.id, "https://example.org/rapporten/verslag-2024/");
        assert_eq!(first.links[0].href, first.id);
        assert_eq!(
            first.updated.unwrap().to_rfc3339(),
            "2024-05-14T00:00:00+00:00"
        );
        assert!(feed.entries[1].updated < first.updated, "newest first");
    }
    // Every page says where the feed is.
    let home = Page::load(&out, "index.html");
    let feeds: Vec<_> = home
        .select("link[rel=alternate][type='application/atom+xml']")
        .iter()
        .map(|l| l.value().attr("href").unwrap().to_owned())
        .collect();
    assert_eq!(feeds, ["./feed.xml"]);
    // And shows it (issue 27: the feeds were only in <link rel="alternate">): "Volg nieuwe
    // verslagen" on the home page and the list of reports, per theme on a theme page, each
    // with a sentence on what a feed is, each leading to an Atom feed.
    for (page, words, feed) in [
        ("index.html", "Volg nieuwe verslagen", "feed.xml"),
        ("rapporten/index.html", "Volg nieuwe verslagen", "feed.xml"),
        (
            "themas/eenzaamheid/index.html",
            "Volg nieuwe verslagen over Eenzaamheid",
            "themas/eenzaamheid/feed.xml",
        ),
    ] {
        let p = Page::load(&out, page);
        let follow = p.select(".follow a");
        assert_eq!(follow.len(), 1, "{page}");
        assert_eq!(
            squash(&follow[0].text().collect::<String>()),
            words,
            "{page}"
        );
        let href = follow[0].value().attr("href").unwrap();
        let resolved = page_url("https://example.org/", page).join(href).unwrap();
        assert_eq!(
            resolved.as_str(),
            format!("https://example.org/{feed}"),
            "{page}"
        );
        assert!(out.join(feed).is_file(), "{feed}");
        assert!(
            text(&p, ".follow").contains("Een feed is een lijst met de nieuwste verslagen"),
            "{page}"
        );
    }
}

/// Every address of today's site still resolves once a second round is added.
#[test]
fn addresses_never_break_when_a_round_is_added() {
    let tmp = common::real_site_copy();
    let root = tmp.path().to_path_buf();
    let before = build(&root, false);
    let sitemap = std::fs::read_to_string(before.join("sitemap.xml")).unwrap();
    // The fictional round, with a report on a real theme.
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
    let after = root.join("after");
    let opts = BuildOptions {
        root: root.clone(),
        output: Some(after.clone()),
        base_url: None,
        concepts: false,
    };
    site::build(&opts).unwrap_or_else(|e| panic!("{e}"));
    let base = "https://example.org/";
    let mut checked = 0;
    for loc in sitemap.split("<loc>").skip(1) {
        let url = loc.split("</loc>").next().unwrap();
        let path = url.strip_prefix(base).unwrap();
        let file = after
            .join(path)
            .join(if path.is_empty() || path.ends_with('/') {
                "index.html"
            } else {
                ""
            });
        assert!(file.exists(), "{url} is gone after adding a round");
        checked += 1;
    }
    assert!(checked > 50, "{checked}");
}

/// No year, bureau or fixed number of tables in the built-in templates: it comes from the
/// editions, the config or the data.
#[test]
fn templates_name_no_year_and_no_bureau() {
    let year = regex::Regex::new(r"\b(19|20)\d\d\b").unwrap();
    let dir = repo_root().join("themes/almere/templates");
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(&dir) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            files.push(entry.into_path());
        }
    }
    assert!(files.len() > 10);
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for (n, line) in text.lines().enumerate() {
            let at = format!("{}:{}", file.display(), n + 1);
            // XML declarations name their version, not a year.
            let line = line.replace("xmlns=\"http://www.w3.org/2005/Atom\"", "");
            assert!(!year.is_match(&line), "{at}: a year in a template: {line}");
            for bureau in [
                "Movisie",
                "Platform31",
                "Platform 31",
                "Verwey",
                "zes thematafels",
            ] {
                assert!(!line.contains(bureau), "{at}: '{bureau}' in a template");
            }
        }
    }
}

/// Search carries the year and the theme of every document, for filters; single and sharded
/// indexes share the same documents (the browser tests compare them).
#[test]
fn search_documents_carry_year_and_theme() {
    let (_tmp, root) = two_editions();
    let out = build(&root, false);
    let index = std::fs::read_dir(out.join("static"))
        .unwrap()
        .flatten()
        .find(|e| e.file_name().to_string_lossy().starts_with("search-index."))
        .unwrap();
    let text = std::fs::read_to_string(index.path()).unwrap();
    let json = text
        .strip_prefix("window.vindplaatsZoekdata=")
        .and_then(|t| t.trim_end().strip_suffix(';'))
        .unwrap();
    let data: serde_json::Value = serde_json::from_str(json).unwrap();
    let docs = data["docs"].as_array().unwrap();
    let year_of = |url: &str| {
        docs.iter()
            .find(|d| d["u"].as_str().unwrap().starts_with(url))
            .map(|d| (d["y"].as_u64(), d["h"].as_u64()))
            .unwrap()
    };
    // The only theme of the fixture is the first.
    assert_eq!(year_of("rapporten/verslag-2024/"), (Some(2024), Some(0)));
    assert_eq!(year_of("rapporten/verslag/"), (Some(2023), Some(0)));
    // An initiative named in both rounds: the latest.
    assert_eq!(year_of("initiatieven/sociaal-cafe/"), (Some(2024), None));
    assert_eq!(year_of("themas/eenzaamheid/"), (None, Some(0)));
}

/// `check` checks concepts too and lists them, and a round without reports is a warning:
/// `check` passes, `check --strict` does not.
#[test]
fn check_lists_concepts_and_rounds_without_reports() {
    let (_tmp, root) = two_editions();
    std::fs::write(
        root.join("content/edities/2025.md"),
        "+++\nyear = 2025\ntitle = \"Testronde 2025\"\norganisers = [\"de gemeente Almere\"]\nbureaus = []\ndescription = \"Testdata.\"\n+++\nTestdata.\n",
    )
    .unwrap();
    let root_arg = root.to_str().unwrap();
    let out = common::run_cli(&["check", "--root", root_arg, "--format", "json"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let findings: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let of_rule = |rule: &str| -> Vec<String> {
        findings
            .iter()
            .filter(|f| f["rule"] == rule)
            .map(|f| f["file"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        of_rule("concept"),
        ["content/rapporten/2024/concept-2024.md"]
    );
    assert_eq!(of_rule("editie"), ["content/edities/2025.md"]);
    let strict = common::run_cli(&["check", "--root", root_arg, "--strict"]);
    assert_eq!(strict.status.code(), Some(1));
}
