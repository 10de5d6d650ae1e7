//! Editions (yearly rounds): a second round goes on the site as content, never as a template
//! edit. The fixture `tests/fixtures/editions/` is the minimal site plus a clearly fictional
//! 2024 round (its text says it is test data) with one published report and one concept, and a
//! fictional 2025 round that is still a concept (issue 23). Only the 2025 round names a new
//! initiative (De Testwerkplaats, its quote and mentions), a new alias of an existing one
//! ("Sociale Cafés"), a new organisation (Testhuis Zuid) and a new theme (Ontmoeting).

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

/// `check` and `build` agree, and find no error.
fn no_errors_in_check_or_build(root: &Path) {
    let (check, build_errors) = common::check_and_build_errors(root);
    assert_eq!(check, build_errors);
    assert!(build_errors.is_empty(), "{build_errors:?}");
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
    assert!(!search_index(&out).contains("concept-2024"));

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
    common::add_round_2024(&root);
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
    let text = search_index(&out);
    let json = text
        .strip_prefix("window.vindplaatsZoekdata=")
        .and_then(|t| t.trim_end().strip_suffix(';'))
        .unwrap();
    let data: serde_json::Value = serde_json::from_str(json).unwrap();
    // Each document is `[u, t, x]`, with `b, y, h` after them when they are not the one
    // before's (src/search/documents.rs, `written`); an address `#…` is on the one before's page.
    let mut tail: (Option<u64>, Option<u64>) = (None, None);
    let docs: Vec<_> = data["docs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            if d.as_array().unwrap().len() > 3 {
                tail = (d[4].as_u64(), d[5].as_u64());
            }
            (d[0].as_str().unwrap(), tail)
        })
        .collect();
    let year_of = |url: &str| docs.iter().find(|d| d.0.starts_with(url)).unwrap().1;
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
        root.join("content/edities/2026.md"),
        "+++\nyear = 2026\ntitle = \"Testronde 2026\"\norganisers = [\"de gemeente Almere\"]\nbureaus = []\ndescription = \"Testdata.\"\n+++\nTestdata.\n",
    )
    .unwrap();
    let root_arg = root.to_str().unwrap();
    let (status, findings) = common::check_json(&root);
    assert_eq!(status, Some(0), "{findings:#?}");
    let of_rule = |rule: &str| -> Vec<String> {
        findings
            .iter()
            .filter(|f| f["rule"] == rule)
            .map(|f| format!("{}:{}", f["file"].as_str().unwrap(), f["line"]))
            .collect()
    };
    // Each at the line that decides it: the round's `concept = true` (not each report of the
    // round), a report's own, and for what only concepts name, its entry.
    assert_eq!(
        of_rule("concept"),
        [
            "content/edities/2025.md:8",
            "content/initiatieven.toml:22",
            "content/organisaties.toml:12",
            "content/rapporten/2024/concept-2024.md:5",
            "content/themas/ontmoeting.md:0",
        ]
    );
    assert_eq!(of_rule("editie"), ["content/edities/2026.md:2"]);
    let round = findings
        .iter()
        .find(|f| f["file"] == "content/edities/2025.md")
        .unwrap();
    assert_eq!(
        round["message"],
        "de ronde 2025 is een concept: een gewone build laat de ronde en haar 2 verslagen weg"
    );
    assert!(
        round["hint"]
            .as_str()
            .unwrap()
            .starts_with("klaar om te publiceren? Verander deze regel in concept = false."),
        "{}",
        round["hint"]
    );
    let strict = common::run_cli(&["check", "--root", root_arg, "--strict"]);
    assert_eq!(strict.status.code(), Some(1));
}

/// The footer names who made the reports once for every round together (issue 23): with one
/// round or three by the same makers it says exactly the same, and a round with another bureau
/// adds that bureau once, never a year.
#[test]
fn the_footer_names_the_makers_once_however_many_rounds() {
    let footer = |root: &Path| -> String {
        let (_tmp, out) = common::build(root, None);
        text(&Page::load(&out, "index.html"), ".site-footer p")
    };
    let one = common::fixture_copy("minimal");
    let three = common::fixture_copy("minimal");
    let report =
        std::fs::read_to_string(three.path().join("content/rapporten/verslag.md")).unwrap();
    let edition = std::fs::read_to_string(three.path().join("content/edities/2023.md")).unwrap();
    for year in ["2024", "2025"] {
        std::fs::write(
            three.path().join(format!("content/edities/{year}.md")),
            edition.replace("2023", year),
        )
        .unwrap();
        std::fs::write(
            three
                .path()
                .join(format!("content/rapporten/verslag-{year}.md")),
            report.replace("2023-05-23", &format!("{year}-05-23")),
        )
        .unwrap();
    }
    let (one, three_rounds) = (footer(one.path()), footer(three.path()));
    assert_eq!(
        one,
        "Testsite: verslagen van de thematafels die de gemeente Almere organiseerde met de \
         onderzoeksbureaus Movisie, Platform31 en het Verwey-Jonker Instituut. De teksten zijn \
         overgenomen uit de verslagen; alleen duidelijke typefouten zijn verbeterd."
    );
    assert_eq!(three_rounds.len(), one.len(), "{three_rounds}");
    assert_eq!(three_rounds, one);

    // Another bureau in the second round: named once, after those of the first.
    let (_tmp, root) = two_editions();
    let other = footer(&root);
    assert!(
        other.contains(
            "die de gemeente Almere organiseerde met de onderzoeksbureaus Movisie, Platform31, \
             het Verwey-Jonker Instituut en Testbureau Noord."
        ),
        "{other}"
    );
    assert_eq!(other.matches("de gemeente Almere").count(), 1, "{other}");
}

/// A copy of the real site with a published 2024 round and `content/themas/` as it is
/// (issue 23): the texts that name only 2023 are warned about (`verouderd`), by `check` and by
/// `build`, at their file and line: the site's description and the theme the new report is
/// about. The other themes have no 2024 report and stay silent; so does a concept round, and so
/// does the real site as it is.
#[test]
fn a_published_round_warns_about_texts_that_name_only_older_years() {
    let stale = |root: &Path| -> Vec<String> {
        let (_, findings) = common::check_json(root);
        findings
            .iter()
            .filter(|f| f["rule"] == "verouderd")
            .map(|f| {
                assert_eq!(f["severity"], "waarschuwing");
                format!("{}:{}", f["file"].as_str().unwrap(), f["line"])
            })
            .collect()
    };
    let tmp = common::real_site_copy();
    let root = tmp.path();
    assert_eq!(stale(root), Vec::<String>::new(), "the real site as it is");

    common::add_round_2024(root);
    let expected = [
        "content/themas/eenzaamheid.md:4",
        "content/themas/eenzaamheid.md:7",
        "vindplaats.toml:3",
    ];
    assert_eq!(stale(root), expected);
    let build = common::run_build(root, &root.join("uit"), &[]);
    assert!(build.status.success());
    let said = String::from_utf8_lossy(&build.stderr);
    for (message, place) in [
        (
            "waarschuwing: de beschrijving van de site noemt alleen 2023, maar editie 2024 staat ook online",
            "--> vindplaats.toml:3:1",
        ),
        (
            "waarschuwing: de beschrijving van het thema noemt alleen 2023, maar het thema heeft nu ook verslagen van 2024",
            "--> content/themas/eenzaamheid.md:4:1",
        ),
        (
            "waarschuwing: de inleiding van het thema noemt alleen 2023, maar het thema heeft nu ook verslagen van 2024",
            "--> content/themas/eenzaamheid.md:7:49",
        ),
    ] {
        assert!(
            said.contains(&format!("{message}\n {place}")),
            "{message}\n{said}"
        );
    }

    // Still a concept: nothing is online that the texts miss.
    common::replace_in(
        &root.join("content/edities/2024.md"),
        "description = ",
        "concept = true\ndescription = ",
    );
    assert_eq!(stale(root), Vec::<String>::new(), "a concept round");
}

/// The words only the 2025 concept round has (none is in a template, a script or a hash).
const CONCEPT_WORDS: &[&str] = &[
    "Testwerkplaats",
    "testwerkplaats",
    "Testhuis",
    "testhuis",
    "Sociale Cafés",
    "Sociale Caf\\u00e9s",
    "Ontmoeting",
    "ontmoeting",
    "edities/2025",
    "verslag-2025",
];

/// The main file of the search index of a built site, as text.
fn search_index(out: &Path) -> String {
    std::fs::read_to_string(out.join(vindplaats::search::MAIN_PATH)).unwrap()
}

/// Issue 23: a concept round that names a new initiative (its quote and mentions only there), a
/// new alias of an existing one, a new organisation and a new theme never blocks publishing.
/// `check` and a plain `build` agree (no errors); the build leaves all of it out — pages,
/// sitemap, feeds, search, open data — and once the round says `concept = false` it is all on
/// the site.
#[test]
fn a_concept_round_never_blocks_publishing_and_goes_online_with_concept_false() {
    let (_tmp, root) = two_editions();
    no_errors_in_check_or_build(&root);

    // The build says what it left out, and where to read why.
    let tmp = tempfile::tempdir().unwrap();
    let said = common::run_build(&root, &tmp.path().join("public"), &[]);
    assert!(
        String::from_utf8_lossy(&said.stdout).contains(
            "Niet gepubliceerd, want nog een concept: 1 ronde, 3 verslagen, 1 initiatief, 1 organisatie en 1 thema. vindplaats check zegt welke"
        ),
        "{}",
        String::from_utf8_lossy(&said.stdout)
    );
    let out = build(&root, false);
    // The theme's own scripts and styles are the same for every site (a comment in a script
    // may hold any word); what the content makes is every other file, the search index too.
    let theme_file = |file: &str| file.starts_with("static/") && !file.starts_with("static/zoek/");
    for (file, bytes) in common::read_tree(&out) {
        if theme_file(&file) {
            continue;
        }
        let text = String::from_utf8_lossy(&bytes);
        for word in CONCEPT_WORDS {
            assert!(!text.contains(word), "{file} holds '{word}'");
        }
    }
    // The initiative the concept round gives a new alias keeps its published one.
    let data: serde_json::Value = common::read_json(out.join("initiatieven/index.json"));
    let cafe = data["initiatieven"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["slug"] == "sociaal-cafe")
        .unwrap();
    assert_eq!(cafe["aliases"], serde_json::json!(["Sociaal Café"]));

    // Published: everything the round names is on the site.
    common::replace_in(
        &root.join("content/edities/2025.md"),
        "concept = true",
        "concept = false",
    );
    no_errors_in_check_or_build(&root);
    let out = build(&root, false);
    for page in [
        "rapporten/verslag-2025/index.html",
        "rapporten/ontmoeting-2025/index.html",
        "initiatieven/testwerkplaats/index.html",
        "themas/ontmoeting/index.html",
        "edities/2025/index.html",
    ] {
        assert!(out.join(page).is_file(), "{page}");
        assert!(
            Page::load(&out, page).select(".concept-banner").is_empty(),
            "{page}"
        );
    }
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(sitemap.contains("initiatieven/testwerkplaats/"));
    let feed = std::fs::read_to_string(out.join("feed.xml")).unwrap();
    assert!(feed.contains("rapporten/verslag-2025/"));
    assert!(search_index(&out).contains("testwerkplaats"));
    let organisations = Page::load(&out, "organisaties/index.html");
    assert!(text(&organisations, "main").contains("Testhuis Zuid"));
    let data = std::fs::read_to_string(out.join("initiatieven/index.json")).unwrap();
    assert!(data.contains("Sociale Cafés"), "the new alias");
    // The initiative is linked where the report names it.
    let report = Page::load(&out, "rapporten/verslag-2025/index.html");
    assert!(
        report
            .refs()
            .iter()
            .any(|r| r.contains("initiatieven/testwerkplaats/"))
    );
}

/// `build --concepten` (and serve) shows the concepts: a page only they make says "Concept —
/// nog niet gepubliceerd", a published page they change says that it shows concepts too, a
/// page they leave as it is says nothing; search finds the concept reports' words. The banner
/// rule: a page differs when its values differ from those of the same page in the site a plain
/// build publishes.
#[test]
fn concepts_show_with_a_banner_where_they_make_or_change_a_page_and_search_finds_them() {
    let (_tmp, root) = two_editions();
    let shown = build(&root, true);
    let banner = |page: &str| {
        Page::load(&shown, page).texts("main > div.wrap:first-child > .concept-banner")
    };
    let only_concepts = ["Concept — nog niet gepubliceerd"];
    let changed = ["Concept — deze pagina toont ook wat nog niet gepubliceerd is"];
    let pages: [(&[&str], &[&str]); 3] = [
        (
            &[
                "rapporten/verslag-2025/index.html",
                "rapporten/concept-2024/index.html",
                "initiatieven/testwerkplaats/index.html",
                "themas/ontmoeting/index.html",
                "edities/2025/index.html",
            ],
            &only_concepts,
        ),
        (
            &[
                // A new mention and a new alias.
                "initiatieven/sociaal-cafe/index.html",
                // A concept report in its list.
                "themas/eenzaamheid/index.html",
                "initiatieven/index.html",
                "rapporten/index.html",
                "organisaties/index.html",
                "index.html",
                "themas/index.html",
                "edities/index.html",
                // Its next report of the theme is a concept.
                "rapporten/verslag-2024/index.html",
            ],
            &changed,
        ),
        (
            &[
                "rapporten/verslag/index.html",
                "initiatieven/naamloze-pilot/index.html",
                "edities/2023/index.html",
                "toegankelijkheid/index.html",
            ],
            &[],
        ),
    ];
    for (pages, want) in pages {
        for page in pages {
            assert_eq!(banner(page), want, "{page}");
        }
    }
    // Search in build --concepten finds the concept reports' words; the sitemap never has them.
    assert!(search_index(&shown).contains("testwerkplaats"));
    let sitemap = std::fs::read_to_string(shown.join("sitemap.xml")).unwrap();
    assert!(!sitemap.contains("testwerkplaats") && !sitemap.contains("verslag-2025"));

    // serve: the same, its index made after the pages.
    let opts = BuildOptions {
        root: root.clone(),
        concepts: true,
        ..Default::default()
    };
    let mut session = vindplaats::session::Session::new(opts);
    session.rebuild().unwrap();
    let index = session.index().unwrap().unwrap();
    assert!(
        index
            .iter()
            .any(|f| String::from_utf8_lossy(&f.bytes).contains("testwerkplaats"))
    );
}

/// An initiative or organisation may say `concept = true` itself: a plain build leaves its
/// page and entry out (a published report still names it, unlinked). A quote that only a
/// concept holds, for an initiative published reports name, is an error — in `check` and
/// `build` alike.
#[test]
fn initiatives_and_organisations_may_be_concepts_themselves() {
    let (_tmp, root) = two_editions();
    let initiatives = root.join("content/initiatieven.toml");
    common::replace_in(
        &initiatives,
        "slug = \"naamloze-pilot\"",
        "slug = \"naamloze-pilot\"\nconcept = true",
    );
    common::replace_in(
        &root.join("content/organisaties.toml"),
        "slug = \"vmca\"",
        "slug = \"vmca\"\nconcept = true",
    );
    no_errors_in_check_or_build(&root);
    let out = build(&root, false);
    assert!(!out.join("initiatieven/naamloze-pilot").exists());
    let report = Page::load(&out, "rapporten/verslag/index.html");
    assert!(text(&report, "main").contains("De Naamloze Pilot"));
    assert!(!report.refs().iter().any(|r| r.contains("naamloze-pilot")));
    let organisations = Page::load(&out, "organisaties/index.html");
    assert!(!text(&organisations, "main").contains("VMCA"));
    assert!(
        common::broken_links(&out, "https://example.org/").is_empty(),
        "{:?}",
        common::broken_links(&out, "https://example.org/")
    );
    let shown = build(&root, true);
    assert_eq!(
        Page::load(&shown, "initiatieven/naamloze-pilot/index.html")
            .texts("main > div.wrap:first-child > .concept-banner"),
        ["Concept — nog niet gepubliceerd"]
    );

    common::replace_in(
        &initiatives,
        "quote = \"De ‘Sociaal Café’-bijeenkomsten helpen.\"",
        "quote = \"Er zijn nu twee Sociale Cafés in de wijk.\"",
    );
    let (check, build_errors) = common::check_and_build_errors(&root);
    assert_eq!(check, build_errors);
    assert_eq!(
        build_errors,
        [
            "content/initiatieven.toml:10:0: de bron (quote) van 'Sociaal Café' staat alleen in een verslag dat nog een concept is"
        ]
    );
}

/// An organisation only a concept names is a concept too; one of its people leading a
/// published report's table names it as well as a place in that report's list does
/// (`Organisation::people_in`): then it is on the published site.
#[test]
fn an_organisation_a_published_report_names_by_its_people_is_published() {
    let (_tmp, root) = two_editions();
    let organisations_page = |out: &Path| text(&Page::load(out, "organisaties/index.html"), "main");
    assert!(!organisations_page(&build(&root, false)).contains("Testhuis Zuid"));
    common::replace_in(
        &root.join("content/rapporten/2024/verslag-2024.md"),
        "organisations = [\"De Schoor\"]\n",
        "organisations = [\"De Schoor\"]\npeople = [\n  { name = \"Test Leider\", role = \"\", \
         organisation = \"Testhuis Zuid\", part = \"gespreksleiding\" },\n]\n",
    );
    common::replace_in(
        &root.join("content/rapporten/2024/verslag-2024.md"),
        "Het Sociaal Café kwam weer ter sprake.",
        "Het Sociaal Café kwam weer ter sprake. Gespreksleider was Test Leider.",
    );
    no_errors_in_check_or_build(&root);
    assert!(organisations_page(&build(&root, false)).contains("Testhuis Zuid"));
}

/// `build --concepten` never writes into the publish folder of `vindplaats.toml` (what goes
/// online): without `--output` it stops and says why, in Dutch, with exit code 2.
#[test]
fn concepten_refuses_the_publish_folder() {
    let (_tmp, root) = two_editions();
    let out = common::run_cli(&["build", "--root", root.to_str().unwrap(), "--concepten"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("build --concepten schrijft niet in de map public")
            && stderr.contains("vindplaats build --concepten --output voorbeeld"),
        "{stderr}"
    );
    assert!(!root.join("public").exists());
}

/// A link from a published report to a page only a concept makes works in `serve`, but is
/// broken on the published site: `check` says so.
#[test]
fn a_link_to_a_concept_is_broken_on_the_published_site() {
    let (_tmp, root) = two_editions();
    common::replace_in(
        &root.join("content/rapporten/2024/verslag-2024.md"),
        "Testers vonden het Sociaal Café nog steeds nuttig.",
        "Testers vonden het Sociaal Café nog steeds nuttig. Zie [het concept](../concept-2024/).",
    );
    let (status, findings) = common::check_json(&root);
    assert_eq!(status, Some(1));
    let links: Vec<&str> = findings
        .iter()
        .filter(|f| f["rule"] == "link")
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert_eq!(
        links,
        [
            "de link '../concept-2024/' wijst naar een concept: een gewone build maakt die pagina niet"
        ]
    );
}
