//! Long lists go on over pages (issue 17 item 4): the minimal site with 450 more reports of
//! its one topic and round, each mentioning the same initiatives, so the list of reports, the
//! topic page, the round's page and an initiative's mentions each need more than one page of
//! 200. Every item stands on exactly one page, the first page is the list's own address, and
//! the pagination is a labelled nav with the current page marked and rel=prev/next links.
//!
//! The first `EXTRA_ORGANISATIONS` extra reports each name an organisation of their own, so the
//! organisations page has two pages and reports link to entries on the second; the fixture's two
//! organisations are at every table, so their entries are cut and their own pages go on over
//! pages. The home page lists only the newest reports of the one long round.

use crate::common;

use std::collections::BTreeSet;
use std::path::Path;

use common::{Page, build, copy_tree, fixture};

const EXTRA: usize = 450;
/// 2 organisations of the fixture + 250: the list needs a second page of 200.
const EXTRA_ORGANISATIONS: usize = 250;
const BASE_URL: &str = "https://example.org/";

/// The minimal site with `EXTRA` more reports, copies of its own with their own dates.
fn long_site(root: &Path) {
    copy_tree(&fixture("minimal"), root);
    let reports = root.join("content/rapporten");
    let original = std::fs::read_to_string(reports.join("verslag.md")).unwrap();
    for i in 0..EXTRA {
        // One a day from 1 January 2023: all in the 2023 round.
        let date = time::Date::from_ordinal_date(2023, 1 + (i % 365) as u16).unwrap();
        let mut text = original
            .replace("date = 2023-05-23", &format!("date = {date}"))
            .replace(
                "title = \"Verslag thematafel Eenzaamheid\"",
                &format!("title = \"Verslag thematafel Eenzaamheid {i}\""),
            );
        if i < EXTRA_ORGANISATIONS {
            text = text.replace(
                "organisations = [\"De Schoor\", \"VMCA\"]",
                &format!("organisations = [\"De Schoor\", \"VMCA\", \"Organisatie {i}\"]"),
            );
        }
        if i == 0 {
            // A link the editors write by hand to an entry on a later page: `check` follows it.
            text.push_str(&format!(
                "\nZie ook [Organisatie {last}](../../organisaties/pagina/2/#organisatie-{last}).\n",
                last = EXTRA_ORGANISATIONS - 1
            ));
        }
        std::fs::write(reports.join(format!("verslag-{i:03}.md")), text).unwrap();
    }
    let mut organisations =
        std::fs::read_to_string(root.join("content/organisaties.toml")).unwrap();
    for i in 0..EXTRA_ORGANISATIONS {
        organisations.push_str(&format!(
            "\n[[organisatie]]\nname = \"Organisatie {i}\"\nslug = \"organisatie-{i}\"\nvariants = [\"Organisatie {i}\"]\n"
        ));
    }
    std::fs::write(root.join("content/organisaties.toml"), organisations).unwrap();
}

/// Issue 29 (bytes): a mention whose sentence the item above already quotes says so instead of
/// quoting it again; every mention keeps its own item and link. The feeds carry the newest 50
/// reports (every report stays in the lists and the open data).
#[test]
fn a_sentence_is_quoted_once_in_a_row_and_feeds_hold_the_newest_50() {
    let dir = tempfile::tempdir().unwrap();
    long_site(dir.path());
    let (_tmp, out) = build(dir.path(), Some(BASE_URL));
    let mut folded = 0;
    for rel in common::html_files(&out)
        .into_iter()
        .filter(|f| f.starts_with("initiatieven/") && f.matches('/').count() >= 2)
    {
        let page = Page::load(&out, &rel);
        for list in page.select("ol.mentions") {
            let mut above: Option<String> = None;
            for item in list.select(&scraper::Selector::parse(":scope > li").unwrap()) {
                let links = item.select(&scraper::Selector::parse("a").unwrap()).count();
                assert_eq!(links, 1, "{rel}: one link a mention");
                let quote = item
                    .select(&scraper::Selector::parse("blockquote").unwrap())
                    .next()
                    .map(|q| q.inner_html());
                match quote {
                    Some(q) => {
                        assert_ne!(above.as_ref(), Some(&q), "{rel}: quoted twice in a row");
                        above = Some(q);
                    }
                    None => {
                        let said = common::squash(&item.text().collect::<String>());
                        assert!(above.is_some(), "{rel}: nothing quoted above {said}");
                        assert!(said.starts_with("Dezelfde zin staat ook in: "), "{said}");
                        folded += 1;
                    }
                }
            }
        }
    }
    assert!(folded > 0, "no sentence repeated in a row");
    for file in ["feed.xml", "themas/eenzaamheid/feed.xml"] {
        let bytes = std::fs::read(out.join(file)).unwrap();
        let feed = feed_rs::parser::parse(&bytes[..]).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(feed.entries.len(), 50, "{file}");
        assert!(
            feed.entries
                .windows(2)
                .all(|w| w[0].updated >= w[1].updated)
        );
    }
}

/// The pages of a list from its first, following rel=next; checks each page's pagination.
fn pages_of(out: &Path, first: &str) -> Vec<Page> {
    let mut pages = vec![Page::load(out, first)];
    loop {
        let page = pages.last().unwrap();
        let n = pages.len();
        let nav = page.select("nav[aria-label=Paginering]");
        assert_eq!(nav.len(), 1, "{}: one pagination nav", page.rel);
        let current: Vec<String> = page.texts("nav[aria-label=Paginering] [aria-current=page]");
        assert_eq!(current, [format!("Pagina {n}")], "{}", page.rel);
        let title = page.texts("title")[0].clone();
        assert!(
            title.contains(&format!(", pagina {n} van ")),
            "{}: {title}",
            page.rel
        );
        let prev = page.select("link[rel=prev]");
        assert_eq!(prev.len(), usize::from(n > 1), "{}: rel=prev", page.rel);
        let next: Vec<String> = page
            .select("link[rel=next]")
            .iter()
            .map(|l| l.value().attr("href").unwrap().to_owned())
            .collect();
        let Some(next) = next.first() else { break };
        let from = common::page_url(BASE_URL, &page.rel);
        let target = from.join(next).unwrap();
        let rel = format!("{}index.html", target.path().trim_start_matches('/'));
        assert!(
            rel.ends_with(&format!("pagina/{}/index.html", n + 1)),
            "{}: next is {rel}",
            page.rel
        );
        pages.push(Page::load(out, &rel));
    }
    pages
}

/// The hrefs `css` selects on a page, in order.
fn hrefs(page: &Page, css: &str) -> Vec<String> {
    page.select(css)
        .iter()
        .map(|a| a.value().attr("href").unwrap().to_owned())
        .collect()
}

/// The hrefs `css` selects on every page, each page's count, and all of them as a set.
fn items(pages: &[Page], css: &str) -> (Vec<usize>, BTreeSet<String>, usize) {
    let mut all = BTreeSet::new();
    let mut counts = Vec::new();
    let mut total = 0;
    for page in pages {
        let hrefs = hrefs(page, css);
        counts.push(hrefs.len());
        total += hrefs.len();
        all.extend(hrefs);
    }
    (counts, all, total)
}

#[test]
fn long_lists_go_on_over_pages() {
    let dir = tempfile::tempdir().unwrap();
    long_site(dir.path());
    let (_tmp, out) = build(dir.path(), Some(BASE_URL));
    let reports = EXTRA + 1;

    let list = pages_of(&out, "rapporten/index.html");
    assert_eq!(list.len(), 3);
    let (counts, unique, total) = items(&list, ".report-list li > a:first-child");
    assert_eq!(counts, [200, 200, reports - 400]);
    assert_eq!(
        (unique.len(), total),
        (reports, reports),
        "each report once"
    );
    // The description counts the whole list, on every page.
    let description = list[2].select("meta[name=description]")[0]
        .value()
        .attr("content")
        .unwrap()
        .to_owned();
    assert!(
        description.contains(&format!("Alle {reports} verslagen")),
        "{description}"
    );
    assert!(description.ends_with("Pagina 3 van 3."), "{description}");

    let topic = pages_of(&out, "themas/eenzaamheid/index.html");
    let (_, unique, total) = items(&topic, "article.report-summary h3 a");
    assert_eq!((topic.len(), unique.len(), total), (3, reports, reports));
    // The topic's introduction and initiatives stay on every page; its years head each part.
    assert!(topic.iter().all(|p| !p.select(".intro").is_empty()));

    let edition = pages_of(&out, "edities/2023/index.html");
    let (_, unique, total) = items(&edition, ".report-list li > a");
    assert_eq!((edition.len(), unique.len(), total), (3, reports, reports));

    let initiative = pages_of(&out, "initiatieven/sociaal-cafe/index.html");
    let (counts, _, total) = items(&initiative, "ol.mentions .meta a");
    assert!(initiative.len() > 1, "{counts:?}");
    assert!(counts.iter().all(|&c| c <= 200), "{counts:?}");
    assert!(total > reports, "every mention quoted once: {total}");

    // Later pages are in the sitemap; the crumb trail names the page.
    in_sitemap(
        &out,
        &[
            "rapporten/pagina/2/",
            "rapporten/pagina/3/",
            "themas/eenzaamheid/pagina/3/",
        ],
    );
    assert_eq!(
        list[1].texts(".breadcrumbs [aria-current=page]"),
        ["Pagina 2"]
    );
    let broken = common::broken_links(&out, BASE_URL);
    assert!(broken.is_empty(), "{broken:#?}");
}

#[test]
fn organisations_go_on_over_pages_and_links_name_the_page() {
    let dir = tempfile::tempdir().unwrap();
    long_site(dir.path());
    let (_tmp, out) = build(dir.path(), Some(BASE_URL));
    let organisations = 2 + EXTRA_ORGANISATIONS;

    let list = pages_of(&out, "organisaties/index.html");
    let entries: Vec<Vec<String>> = list
        .iter()
        .map(|p| {
            p.select(".organisation-list > li")
                .iter()
                .map(|li| li.value().attr("id").unwrap().to_owned())
                .collect()
        })
        .collect();
    assert_eq!(
        entries.iter().map(Vec::len).collect::<Vec<_>>(),
        [200, organisations - 200]
    );
    // In the order of organisaties.toml: the 199th extra organisation is the 201st.
    assert_eq!(entries[1][0], "organisatie-198");

    // Every link to an organisation names the page of its entry: a report's facts, the round's
    // page; the link checker below follows them all.
    let report = Page::load(&out, "rapporten/verslag-249/index.html");
    assert_eq!(
        hrefs(&report, ".facts a[href*='organisaties/']"),
        [
            "../../organisaties/#de-schoor",
            "../../organisaties/#vmca",
            "../../organisaties/pagina/2/#organisatie-249",
        ]
    );
    let edition = Page::load(&out, "edities/2023/index.html");
    assert_eq!(
        hrefs(&edition, "a[href*='organisatie-249']"),
        ["../../organisaties/pagina/2/#organisatie-249"]
    );

    // An organisation at every table: its entry counts them and shows the newest five, its own
    // page lists them all, over pages.
    let tables = EXTRA + 1;
    let schoor = list[0].select("#de-schoor")[0].html();
    assert!(
        schoor.contains(&format!("De Schoor was bij {tables} tafels.")),
        "{schoor}"
    );
    let entry = scraper::Html::parse_fragment(&schoor);
    let lines = entry
        .select(&scraper::Selector::parse("li > a[href*='rapporten/']").unwrap())
        .count();
    assert_eq!(lines, 5, "{schoor}");
    let own = pages_of(&out, "organisaties/de-schoor/index.html");
    let (counts, unique, total) = items(&own, ".report-list li > a");
    assert_eq!(counts, [200, 200, tables - 400]);
    assert_eq!((unique.len(), total), (tables, tables), "each table once");
    assert_eq!(
        own[1].texts(".breadcrumbs li"),
        ["Home", "Organisaties", "De Schoor", "Pagina 2"]
    );
    in_sitemap(
        &out,
        &[
            "organisaties/pagina/2/",
            "organisaties/de-schoor/",
            "organisaties/de-schoor/pagina/3/",
        ],
    );
    // A short entry stays as it was, with no own page.
    assert!(!out.join("organisaties/organisatie-0").exists());

    // The home page lists the newest reports of the round and links to all of them.
    let home = Page::load(&out, "index.html");
    let listed = home.texts(".report-list li > a");
    assert_eq!(listed.len(), 12);
    assert_eq!(
        home.texts("main p > a[href='./edities/2023/']")[0],
        format!("Alle {tables} verslagen van 2023")
    );

    // No page grows with the number of reports: the organisations page, the home page and an
    // organisation's own page stay far below the size of a page of 200 reports' outlines.
    for rel in [
        "index.html",
        "organisaties/index.html",
        "organisaties/pagina/2/index.html",
        "organisaties/de-schoor/index.html",
    ] {
        let size = std::fs::metadata(out.join(rel)).unwrap().len();
        assert!(size < 120_000, "{rel}: {size} bytes");
    }

    // `check`'s link checker follows the report's own link to the second page.
    let root = dir.path().to_str().unwrap();
    assert!(link_findings(root).is_empty());
    let broken = common::broken_links(&out, BASE_URL);
    assert!(broken.is_empty(), "{broken:#?}");

    // A link written for the first page, while the entry is on the second (as after adding
    // organisations above it): `check` names the page it is on now.
    common::replace_in(
        &dir.path().join("content/rapporten/verslag-000.md"),
        "(../../organisaties/pagina/2/#organisatie-249)",
        "(../../organisaties/#organisatie-249)",
    );
    let findings = link_findings(root);
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(
        findings[0]["hint"],
        "bedoelt u '../../organisaties/pagina/2/#organisatie-249'? Dat staat nu op die pagina"
    );
}

/// What `check` says about links in the site at `root`.
fn link_findings(root: &str) -> Vec<serde_json::Value> {
    let (_, findings) = common::check_json(root);
    findings
        .into_iter()
        .filter(|f| f["rule"] == "link")
        .collect()
}

#[test]
fn a_short_list_has_no_pagination() {
    let (_tmp, out) = build(&fixture("minimal"), Some(BASE_URL));
    for rel in [
        "rapporten/index.html",
        "themas/eenzaamheid/index.html",
        "edities/2023/index.html",
        "initiatieven/sociaal-cafe/index.html",
        "organisaties/index.html",
    ] {
        let page = Page::load(&out, rel);
        assert!(
            page.select("nav[aria-label=Paginering]").is_empty(),
            "{rel}"
        );
        assert!(
            page.select("link[rel=next], link[rel=prev]").is_empty(),
            "{rel}"
        );
    }
    assert!(!out.join("rapporten/pagina").exists());
    assert!(!out.join("organisaties/de-schoor").exists());
    let home = Page::load(&out, "index.html");
    assert!(
        !home
            .texts("main p")
            .iter()
            .any(|p| p.starts_with("De ") && p.ends_with("nieuwste verslagen:"))
    );
}

/// Asserts that each of `paths` (under the base URL) is an address in the built sitemap.
fn in_sitemap(out: &Path, paths: &[&str]) {
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    for path in paths {
        assert!(
            sitemap.contains(&format!("<loc>{BASE_URL}{path}</loc>")),
            "{path} not in the sitemap"
        );
    }
}
