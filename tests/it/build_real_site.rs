//! The real content of De sociale staat van Almere, built in a temp folder.

use crate::common;

use common::{Page, broken_links, build, html_files, read_tree, repo_root, squash};
use vindplaats::content::Library;
use vindplaats::content::report::hh_mm;

fn library() -> Library {
    Library::load(&repo_root().join("content")).unwrap()
}

#[test]
fn six_report_pages_and_five_theme_pages() {
    let out = common::real_site();
    let files = html_files(out);
    let reports: Vec<_> = files
        .iter()
        .filter(|f| f.starts_with("rapporten/") && f.matches('/').count() == 2)
        .collect();
    let topics: Vec<_> = files
        .iter()
        .filter(|f| f.starts_with("themas/") && f.matches('/').count() == 2)
        .collect();
    assert_eq!(reports.len(), 6, "{reports:?}");
    assert_eq!(topics.len(), 5, "{topics:?}");
    for f in [
        "index.html",
        "404.html",
        "themas/index.html",
        "rapporten/index.html",
        "sitemap.xml",
        "robots.txt",
    ] {
        assert!(out.join(f).is_file(), "{f} missing");
    }
    let lib = library();
    let titles: Vec<_> = lib.topics.iter().map(|t| t.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Sociale basis",
            "Eenzaamheid",
            "Jong in Almere",
            "Bestaanszekerheid",
            "Sociale kwaliteit en fysieke omgeving"
        ]
    );
}

#[test]
fn every_page_has_one_h1_lang_nl_and_a_unique_title_and_description() {
    let out = common::real_site();
    let mut titles = std::collections::BTreeSet::new();
    let mut descriptions = std::collections::BTreeSet::new();
    for rel in html_files(out) {
        let page = Page::load(out, &rel);
        assert_eq!(page.select("h1").len(), 1, "{rel}: one h1");
        assert_eq!(
            page.select("html")[0].value().attr("lang"),
            Some("nl"),
            "{rel}"
        );
        assert_eq!(page.select("main").len(), 1, "{rel}: one main landmark");
        let title = page.texts("title").remove(0);
        assert!(
            titles.insert(title.clone()),
            "{rel}: title '{title}' is not unique"
        );
        let description = page.select("meta[name=description]")[0]
            .value()
            .attr("content")
            .unwrap()
            .to_owned();
        assert!(
            !description.is_empty() && descriptions.insert(description.clone()),
            "{rel}: description '{description}'"
        );
        // No skipped heading levels in document order.
        let mut last = 1;
        for h in page.select("h1, h2, h3, h4, h5, h6") {
            let level: u32 = h.value().name()[1..].parse().unwrap();
            assert!(level <= last + 1, "{rel}: h{last} followed by h{level}");
            last = level;
        }
        if rel != "404.html" {
            let canonical = page.select("link[rel=canonical]")[0]
                .value()
                .attr("href")
                .unwrap()
                .to_owned();
            assert_eq!(
                canonical,
                common::page_url("https://example.org/", &rel).to_string(),
                "{rel}"
            );
        }
    }
}

#[test]
fn every_section_has_an_id_and_is_linked_from_its_theme_page() {
    let out = common::real_site();
    let lib = library();
    for report in &lib.reports {
        let page = Page::load(out, &format!("rapporten/{}/index.html", report.slug));
        let headings = page.select(".report-text h2");
        assert!(
            headings.len() >= 5,
            "{}: only {} sections",
            report.slug,
            headings.len()
        );
        let theme = Page::load(out, &format!("themas/{}/index.html", report.topic));
        let links: Vec<String> = theme
            .select("a[href]")
            .iter()
            .map(|a| a.value().attr("href").unwrap().to_owned())
            .collect();
        for h in headings {
            let id = h
                .value()
                .attr("id")
                .unwrap_or_else(|| panic!("{}: heading without id", report.slug));
            let want = format!("../../rapporten/{}/#{id}", report.slug);
            assert!(
                links.contains(&want),
                "theme page {} lacks a link {want}",
                report.topic
            );
        }
    }
}

#[test]
fn facts_blocks_match_front_matter() {
    let out = common::real_site();
    for report in &library().reports {
        let page = Page::load(out, &format!("rapporten/{}/index.html", report.slug));
        let facts = squash(&page.select(".facts")[0].text().collect::<String>());
        let date = report.date_text();
        let time = format!(
            "{} – {} uur",
            vindplaats::text::dutch_time(&hh_mm(report.start)),
            vindplaats::text::dutch_time(&hh_mm(report.end))
        );
        // Counted in the report's own word (issue 27: "31 deelnemers" in the facts block where
        // the report says "31 aanwezigen").
        let own = format!("{} aanwezigen", report.participants);
        let text = std::fs::read_to_string(&report.file).unwrap();
        let counted = if text.contains(&own) {
            own
        } else {
            format!("{} deelnemers", report.participants)
        };
        if report.slug == "bestaanszekerheid" {
            assert_eq!(counted, "31 aanwezigen");
        }
        for want in [
            date.as_str(),
            time.as_str(),
            report.location.as_str(),
            &counted,
        ] {
            assert!(
                facts.contains(want),
                "{}: facts block lacks '{want}': {facts}",
                report.slug
            );
        }
        for org in &report.organisations {
            assert!(
                facts.contains(org.as_str()),
                "{}: facts block lacks organisation '{org}'",
                report.slug
            );
        }
        for person in &report.people {
            assert!(
                facts.contains(&person.name),
                "{}: facts block lacks '{}'",
                report.slug,
                person.name
            );
        }
        let datetime = page.select(".facts time")[0]
            .value()
            .attr("datetime")
            .unwrap()
            .to_owned();
        assert_eq!(datetime, report.date.to_string());
    }
}

#[test]
fn every_internal_link_and_anchor_resolves() {
    let out = common::real_site();
    assert_eq!(
        broken_links(out, "https://example.org/"),
        Vec::<String>::new()
    );
}

#[test]
fn every_internal_link_resolves_under_a_sub_path() {
    let base = "https://example.org/sociale-staat/";
    let (_tmp, out) = build(&repo_root(), Some(base));
    assert_eq!(broken_links(&out, base), Vec::<String>::new());
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(
        sitemap.contains("<loc>https://example.org/sociale-staat/rapporten/eenzaamheid/</loc>"),
        "{sitemap}"
    );
    let not_found = std::fs::read_to_string(out.join("404.html")).unwrap();
    assert!(
        not_found.contains("href=\"/sociale-staat/themas/\""),
        "404 links must be absolute: {not_found}"
    );
}

#[test]
fn two_builds_are_byte_identical() {
    let out_a = common::real_site();
    let (_b, out_b) = build(&repo_root(), None);
    let (a, b) = (read_tree(out_a), read_tree(&out_b));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        assert!(bytes == &b[path], "{path} differs between two builds");
    }
}

#[test]
fn the_e_mail_address_is_left_out_with_a_visible_note() {
    let out = common::real_site();
    for (path, bytes) in read_tree(out) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("@almere.nl"),
            "{path} carries an e-mail address"
        );
    }
    let page = Page::load(
        out,
        "rapporten/sociale-kwaliteit-en-fysieke-omgeving/index.html",
    );
    let body = squash(&page.select("main")[0].text().collect::<String>());
    assert!(
        body.contains("melden via [e-mailadres weggelaten door de redactie]."),
        "{body}"
    );
}

#[test]
fn corrections_are_declared_and_shown() {
    let out = common::real_site();
    let lib = library();
    let eenzaamheid = lib
        .reports
        .iter()
        .find(|r| r.slug == "eenzaamheid")
        .unwrap();
    assert!(
        eenzaamheid
            .corrections
            .iter()
            .any(|c| c.was == "uitgagingen" && c.is == "uitdagingen")
    );
    let page = Page::load(out, "rapporten/eenzaamheid/index.html");
    let source = squash(&page.select(".source")[0].text().collect::<String>());
    assert!(
        source.contains("‘uitgagingen’ is ‘uitdagingen’ geworden"),
        "{source}"
    );
    for (report, markdown) in lib.reports.iter().zip(&lib.markdown) {
        for c in &report.corrections {
            assert!(
                !markdown.text.contains(&c.was),
                "{}: '{}' still in the text",
                report.slug,
                c.was
            );
        }
    }
}

#[test]
fn report_pages_link_to_previous_and_next_within_the_theme() {
    let out = common::real_site();
    let first = Page::load(out, "rapporten/jong-in-almere-16-mei/index.html");
    let next: Vec<_> = first
        .select("a[rel=next]")
        .iter()
        .map(|a| a.value().attr("href").unwrap().to_owned())
        .collect();
    assert_eq!(next, ["../../rapporten/jong-in-almere-1-juni/"]);
    assert!(first.select("a[rel=prev]").is_empty());
    let second = Page::load(out, "rapporten/jong-in-almere-1-juni/index.html");
    assert_eq!(second.select("a[rel=prev]").len(), 1);
    let alone = Page::load(out, "rapporten/eenzaamheid/index.html");
    assert!(alone.select("a[rel=prev], a[rel=next]").is_empty());
}
