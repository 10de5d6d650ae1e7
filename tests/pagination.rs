//! Long lists go on over pages (issue 17 item 4): the minimal site with 450 more reports of
//! its one topic and round, each mentioning the same initiatives, so the list of reports, the
//! topic page, the round's page and an initiative's mentions each need more than one page of
//! 200. Every item stands on exactly one page, the first page is the list's own address, and
//! the pagination is a labelled nav with the current page marked and rel=prev/next links.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::{Page, build, copy_tree, fixture};

const EXTRA: usize = 450;
const BASE_URL: &str = "https://example.org/";

/// The minimal site with `EXTRA` more reports, copies of its own with their own dates.
fn long_site(root: &Path) {
    copy_tree(&fixture("minimal"), root);
    let reports = root.join("content/rapporten");
    let original = std::fs::read_to_string(reports.join("verslag.md")).unwrap();
    for i in 0..EXTRA {
        // One a day from 1 January 2023: all in the 2023 round.
        let date = time::Date::from_ordinal_date(2023, 1 + (i % 365) as u16).unwrap();
        let text = original
            .replace("date = 2023-05-23", &format!("date = {date}"))
            .replace(
                "title = \"Verslag thematafel Eenzaamheid\"",
                &format!("title = \"Verslag thematafel Eenzaamheid {i}\""),
            );
        std::fs::write(reports.join(format!("verslag-{i:03}.md")), text).unwrap();
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

/// The hrefs `css` selects on every page, each page's count, and all of them as a set.
fn items(pages: &[Page], css: &str) -> (Vec<usize>, BTreeSet<String>, usize) {
    let mut all = BTreeSet::new();
    let mut counts = Vec::new();
    let mut total = 0;
    for page in pages {
        let hrefs: Vec<String> = page
            .select(css)
            .iter()
            .map(|a| a.value().attr("href").unwrap().to_owned())
            .collect();
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
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    for path in [
        "rapporten/pagina/2/",
        "rapporten/pagina/3/",
        "themas/eenzaamheid/pagina/3/",
    ] {
        assert!(
            sitemap.contains(&format!("<loc>{BASE_URL}{path}</loc>")),
            "{path}"
        );
    }
    assert_eq!(
        list[1].texts(".breadcrumbs [aria-current=page]"),
        ["Pagina 2"]
    );
    let broken = common::broken_links(&out, BASE_URL);
    assert!(broken.is_empty(), "{broken:#?}");
}

#[test]
fn a_short_list_has_no_pagination() {
    let (_tmp, out) = build(&fixture("minimal"), Some(BASE_URL));
    for rel in [
        "rapporten/index.html",
        "themas/eenzaamheid/index.html",
        "edities/2023/index.html",
        "initiatieven/sociaal-cafe/index.html",
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
}
