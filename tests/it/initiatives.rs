//! Initiatives and organisations: data, mention detection, pages, links and open data.

use crate::common;

use common::{Page, build, fixture, html_files, repo_root, squash};

fn hrefs(page: &Page, css: &str) -> Vec<String> {
    page.select(css)
        .iter()
        .map(|a| a.value().attr("href").unwrap().to_owned())
        .collect()
}

#[test]
fn the_four_named_initiatives_have_pages_with_their_mentions_and_back_links() {
    let out = common::real_site();
    for (slug, name, report, section, words) in [
        (
            "welcome-app",
            "Welcome app",
            "sociale-basis",
            "informatievoorziening",
            "zoals de Welcome app voor nieuwkomers",
        ),
        (
            "droomspeelbus",
            "Droomspeelbus",
            "jong-in-almere-16-mei",
            "een-bottom-up-benadering",
            "en de Droomspeelbus",
        ),
        (
            "sociaal-cafe",
            "Sociaal Café",
            "bestaanszekerheid",
            "samenwerking-over-leefgebieden-heen-met-de-client-centraal",
            "‘Sociaal Café’-bijeenkomsten die wijkteams in samenwerking met huisartsen in Almere Haven organiseren",
        ),
        (
            "naamloze-pilot",
            "De Naamloze Pilot",
            "bestaanszekerheid",
            "werken-vanuit-vertrouwen",
            "‘De Naamloze Pilot’ genoemd",
        ),
    ] {
        let page = Page::load(out, &format!("initiatieven/{slug}/index.html"));
        assert_eq!(page.texts("h1"), [name]);
        let quotes = page.texts(".mentions blockquote");
        assert!(
            quotes.iter().any(|q| q.contains(words)),
            "{slug}: no quote with '{words}': {quotes:?}"
        );
        let marked = page.texts(".mentions mark");
        assert!(
            marked.iter().all(|m| common::squash(m)
                .to_lowercase()
                .contains(&name.to_lowercase().replace("de ", ""))),
            "{marked:?}"
        );
        let links = hrefs(&page, ".mentions a");
        let want = format!("../../rapporten/{report}/#{section}");
        assert!(links.contains(&want), "{slug}: no link {want} in {links:?}");

        let report_page = Page::load(out, &format!("rapporten/{report}/index.html"));
        let back = format!("../../initiatieven/{slug}/");
        assert!(
            hrefs(&report_page, ".report-text a").contains(&back),
            "{report}: the text does not link to {slug}"
        );
        assert!(
            hrefs(&report_page, ".mentioned a").contains(&back),
            "{report}: 'Genoemde initiatieven' lacks {slug}"
        );
        let sections = report_page.ids();
        assert!(
            sections.contains(section),
            "{report} has no section #{section}"
        );
    }
}

#[test]
fn every_mention_link_lands_on_an_existing_section() {
    let out = common::real_site();
    let mut checked = 0;
    for rel in html_files(out)
        .into_iter()
        .filter(|f| f.starts_with("initiatieven/") && f.matches('/').count() == 2)
    {
        let page = Page::load(out, &rel);
        let links = hrefs(&page, ".mentions a");
        assert!(!links.is_empty(), "{rel} quotes no mention");
        for link in links {
            let (path, id) = link
                .split_once('#')
                .unwrap_or_else(|| panic!("{rel}: {link} has no section id"));
            let target = Page::load(
                out,
                &format!("{}index.html", path.trim_start_matches("../../")),
            );
            let section = target.select(&format!("[id=\"{id}\"]"));
            assert_eq!(section.len(), 1, "{rel}: {link} lands nowhere");
            checked += 1;
        }
    }
    assert!(checked >= 40, "only {checked} mention links");
    let data: serde_json::Value = common::read_json(out.join("initiatieven/index.json"));
    for i in data["initiatieven"].as_array().unwrap() {
        for m in i["mentions"].as_array().unwrap() {
            let url = m["section_url"].as_str().unwrap();
            let (path, id) = url
                .strip_prefix("https://example.org/")
                .unwrap()
                .split_once('#')
                .unwrap();
            let target = Page::load(out, &format!("{path}index.html"));
            assert_eq!(target.select(&format!("[id=\"{id}\"]")).len(), 1, "{url}");
        }
    }
}

#[test]
fn every_initiative_in_the_data_has_a_page_and_is_on_the_index() {
    let out = common::real_site();
    let lib = vindplaats::content::Library::load(&repo_root().join("content")).unwrap();
    assert!(lib.initiatives.len() >= 30, "{}", lib.initiatives.len());
    let index = Page::load(out, "initiatieven/index.html");
    let a_to_z: Vec<String> = index
        .select("#a-z + ul > li > a")
        .iter()
        .map(|a| squash(&a.text().collect::<String>()))
        .collect();
    assert_eq!(a_to_z.len(), lib.initiatives.len());
    let keys: Vec<String> = a_to_z
        .iter()
        .map(|n| vindplaats::render::views::sort_key(n))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted, "A–Z order");
    for i in &lib.initiatives {
        assert!(
            out.join(format!("initiatieven/{}/index.html", i.slug))
                .is_file(),
            "{}",
            i.slug
        );
        assert!(a_to_z.contains(&i.name), "{} not on the index", i.name);
    }
    // Views by theme and by kind are plain HTML: the page's only script is the deferred search.
    let scripts = index.select("script");
    assert_eq!(scripts.len(), 1);
    assert!(scripts[0].value().attr("src").unwrap().contains("/search."));
    assert!(scripts[0].value().attr("defer").is_some());
    for id in [
        "op-thema",
        "op-soort",
        "thema-bestaanszekerheid",
        "soort-app",
        "soort-pilot",
    ] {
        assert_eq!(index.select(&format!("[id=\"{id}\"]")).len(), 1, "#{id}");
    }
    let by_theme = squash(&index.html.root_element().text().collect::<String>());
    assert!(by_theme.contains("Welcome app"));
}

#[test]
fn home_theme_and_report_pages_link_to_the_indexes() {
    let out = common::real_site();
    let home = Page::load(out, "index.html");
    assert!(hrefs(&home, "main a").contains(&"./initiatieven/".to_owned()));
    assert!(hrefs(&home, "main a").contains(&"./organisaties/".to_owned()));
    for rel in html_files(out).into_iter().filter(|f| {
        (f.starts_with("themas/") || f.starts_with("rapporten/")) && f.matches('/').count() == 2
    }) {
        let page = Page::load(out, &rel);
        let links = hrefs(&page, "main a");
        assert!(
            links.contains(&"../../initiatieven/".to_owned()),
            "{rel} does not link to the initiatives"
        );
        assert!(
            links
                .iter()
                .any(|l| l.starts_with("../../initiatieven/")
                    && l.len() > "../../initiatieven/".len()),
            "{rel} links to no initiative"
        );
    }
}

#[test]
fn first_mention_per_section_is_linked_and_matching_respects_words_and_accents() {
    let (_tmp, out) = build(&fixture("minimal"), None);
    let page = Page::load(&out, "rapporten/verslag/index.html");
    let intro: Vec<String> = page
        .select("#inleiding a")
        .iter()
        .map(|a| squash(&a.text().collect::<String>()))
        .collect();
    assert_eq!(intro, ["sociaal cafe"], "'Cafe' matches 'Café'");
    let section: Vec<String> = page
        .select(".kop:has(#wat-is-eenzaamheid) ~ p a")
        .iter()
        .map(|a| squash(&a.text().collect::<String>()))
        .collect();
    assert_eq!(
        section,
        ["Sociaal Café", "De Naamloze Pilot"],
        "one link per initiative per section"
    );
    let initiative = Page::load(&out, "initiatieven/sociaal-cafe/index.html");
    let quotes = initiative.texts(".mentions blockquote");
    assert_eq!(quotes.len(), 3, "{quotes:?}");
    assert!(
        quotes
            .iter()
            .all(|q| !q.contains("sociaalcafé") && !q.contains("Cafébus")),
        "compounds do not match: {quotes:?}"
    );
    let pilot = Page::load(&out, "initiatieven/naamloze-pilot/index.html");
    assert_eq!(
        pilot.texts(".mentions mark"),
        ["De Naamloze Pilot"],
        "longest alias wins"
    );
}

#[test]
fn organisations_are_normalised_by_data() {
    let out = common::real_site();
    let page = Page::load(out, "organisaties/index.html");
    let ggd = squash(&page.select("#ggd-flevoland")[0].text().collect::<String>());
    assert!(
        ggd.contains("Verslag thematafel bestaanszekerheid"),
        "{ggd}"
    );
    assert!(
        ggd.contains("Verslag thematafel Sociale kwaliteit en fysieke omgeving"),
        "{ggd}"
    );
    let gemeente = page.select("#gemeente-almere ul li.took-part a");
    assert_eq!(
        gemeente.len(),
        6,
        "the municipality took part in all six tables"
    );
    let report = Page::load(out, "rapporten/bestaanszekerheid/index.html");
    assert!(hrefs(&report, ".facts a").contains(&"../../organisaties/#ggd-flevoland".to_owned()));
}

#[test]
fn open_data_has_the_same_facts_as_the_pages() {
    let (_tmp, out) = build(&repo_root(), Some("https://example.org/almere/"));
    let data: serde_json::Value = common::read_json(out.join("initiatieven/index.json"));
    let list = data["initiatieven"].as_array().unwrap();
    let cafe = list.iter().find(|i| i["slug"] == "sociaal-cafe").unwrap();
    assert_eq!(cafe["name"], "Sociaal Café");
    assert_eq!(cafe["kind"], "bijeenkomst");
    assert_eq!(
        cafe["url"],
        "https://example.org/almere/initiatieven/sociaal-cafe/"
    );
    assert_eq!(cafe["themes"], serde_json::json!(["Bestaanszekerheid"]));
    assert_eq!(
        cafe["mentions"][0]["section_url"],
        "https://example.org/almere/rapporten/bestaanszekerheid/#samenwerking-over-leefgebieden-heen-met-de-client-centraal"
    );
    let page = Page::load(&out, "initiatieven/sociaal-cafe/index.html");
    assert_eq!(
        page.select(".mentions > li").len(),
        cafe["mentions"].as_array().unwrap().len()
    );

    let reports: serde_json::Value = common::read_json(out.join("rapporten/index.json"));
    let reports = reports["rapporten"].as_array().unwrap();
    assert_eq!(reports.len(), 6);
    let b = reports
        .iter()
        .find(|r| r["slug"] == "bestaanszekerheid")
        .unwrap();
    assert_eq!(b["participants"], 31);
    assert_eq!(b["date"], "2023-05-23");
    assert!(
        b["initiatives"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!("De Naamloze Pilot"))
    );
}

/// Issue 11: what the site says around the reports is what the reports say, and the page
/// structure puts their text where the source does.
#[test]
fn the_editorial_layer_is_supported_and_placed_as_in_the_source() {
    let out = common::real_site();

    // Closing text belongs to no section: the 1 juni list of good examples and the
    // eenzaamheid tip stand in the report's closing part.
    for (report, words, not_under) in [
        (
            "jong-in-almere-1-juni",
            "Tot slot: enkele goede voorbeelden",
            "zorg-voor-voldoende-aandacht-voor-het-jonge-kind",
        ),
        (
            "eenzaamheid",
            "Tip: Rapport Landelijk Expertisecentrum Sociale Interventies",
            "oplossingsrichtingen",
        ),
    ] {
        let page = Page::load(out, &format!("rapporten/{report}/index.html"));
        let closing = squash(&page.select("section#slot")[0].text().collect::<String>());
        assert!(closing.contains(words), "{report}: {closing}");
        let section: Vec<_> = page
            .select(".report-text > section")
            .into_iter()
            .filter(|s| s.html().contains(&format!("<h2 id=\"{not_under}\">")))
            .collect();
        assert_eq!(section.len(), 1, "{report}: the section of {not_under}");
        let text = squash(&section[0].text().collect::<String>());
        assert!(!text.contains(words), "{report}: still under {not_under}");
    }
    // Quotes from there name it as such, and none calls the opening text "Inleiding".
    let page = Page::load(out, "initiatieven/kinderburgermeester/index.html");
    let places = page.texts(".mentions .meta a");
    assert!(
        places.iter().all(|p| p.ends_with("slot van het verslag")),
        "{places:?}"
    );
    for file in html_files(out)
        .iter()
        .filter(|f| f.starts_with("initiatieven/"))
    {
        let page = Page::load(out, file);
        assert!(
            page.texts(".mentions .meta a")
                .iter()
                .all(|p| !p.ends_with(": Inleiding")),
            "{file}"
        );
    }

    // Every initiative page shows the report's words its description rests on, with the
    // report they come from; no two descriptions are the same.
    let mut descriptions = std::collections::BTreeSet::new();
    let index: serde_json::Value = common::read_json(out.join("initiatieven/index.json"));
    for i in index["initiatieven"].as_array().unwrap() {
        let slug = i["slug"].as_str().unwrap();
        let page = Page::load(out, &format!("initiatieven/{slug}/index.html"));
        assert_eq!(page.texts(".support blockquote").len(), 1, "{slug}");
        assert_eq!(page.select(".support .meta a").len(), 1, "{slug}");
        assert!(descriptions.insert(i["description"].as_str().unwrap().to_owned()));
        assert!(
            ["voorbeeld", "idee", "gemis", "genoemd"]
                .contains(&i["mentioned_as"].as_str().unwrap())
        );
    }
    let playground = Page::load(out, "initiatieven/playground-in-poort/index.html");
    assert!(!squash(&playground.texts(".lead").join(" ")).contains("enige"));

    // Counts count what the page they link to lists (issue 27: "De 30 organisaties" led to a
    // page of 33 organisations and 2 groups): the home page's organisations are the entries
    // of the organisations page that are organisations, which that page's lead counts too.
    let organisations = Page::load(out, "organisaties/index.html");
    let entries = organisations.select(".organisation-list > li");
    let listed = entries
        .iter()
        .filter(|li| !li.html().contains("geen organisatie"))
        .count();
    assert_eq!(
        entries.len() - listed,
        2,
        "Onderzoekers and Gemeenteraadslid"
    );
    let home = Page::load(out, "index.html");
    let links = home.texts("a");
    assert!(
        links
            .iter()
            .any(|a| squash(a) == format!("De {listed} organisaties aan de thematafels")),
        "{listed}: {links:?}"
    );
    assert!(
        squash(&organisations.texts(".lead").join(" ")).starts_with(&format!(
            "Hier staan de {listed} organisaties van de thematafels."
        )),
        "{:?}",
        organisations.texts(".lead")
    );
    let index = Page::load(out, "initiatieven/index.html");
    let initiatives = index.select(".initiative-index > li").len();
    assert!(
        links.iter().any(|a| squash(a).starts_with(&format!(
            "{initiatives} initiatieven, plekken en ideeën uit de verslagen"
        ))),
        "{initiatives}: {links:?}"
    );
    // One council member is one person, not "een groep deelnemers".
    let council = squash(
        &organisations.select("#gemeenteraadslid")[0]
            .text()
            .collect::<String>(),
    );
    assert!(
        council.contains("Eén deelnemer, geen organisatie.") && !council.contains("groep"),
        "{council}"
    );

    // Interpretations of a participants line are shown as such, with the report's words.
    let fornhese = squash(
        &organisations.select("#fornhese")[0]
            .text()
            .collect::<String>(),
    );
    assert!(
        fornhese.contains("Uitleg van de redactie")
            && fornhese.contains("In het verslag staat: ‘Fornhese GGZ-Centraal Politie’"),
        "{fornhese}"
    );
    // And wherever the names it made are shown (issue 27: only the organisations page said
    // so): the report's facts block, the round's page and the open data.
    let report = Page::load(out, "rapporten/jong-in-almere-16-mei/index.html");
    let facts = squash(&report.select(".facts")[0].text().collect::<String>());
    assert!(
        facts.contains("Uitleg van de redactie")
            && facts.contains("In het verslag staat: ‘Fornhese GGZ-Centraal Politie’"),
        "{facts}"
    );
    let plain = Page::load(out, "rapporten/bestaanszekerheid/index.html");
    assert!(
        plain.select(".facts .reading").is_empty(),
        "no reading there"
    );
    let round = Page::load(out, "edities/2023/index.html");
    let readings = round.texts(".reading");
    assert_eq!(readings.len(), 4, "{readings:?}");
    assert!(
        readings
            .iter()
            .any(|r| r.contains("‘Triade-Vitree Windesheim’"))
    );
    let data: serde_json::Value = common::read_json(out.join("rapporten/index.json"));
    let of = |slug: &str| {
        data["rapporten"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["slug"] == slug)
            .unwrap()["organisation_readings"]
            .clone()
    };
    assert_eq!(
        of("jong-in-almere-16-mei")[0]["organisations"],
        serde_json::json!(["Fornhese", "GGZ-Centraal", "Politie"])
    );
    assert_eq!(of("bestaanszekerheid"), serde_json::json!([]));
    // The bureaus are linked to the tables their researchers led.
    let movisie = organisations.select("#movisie li.role");
    assert_eq!(movisie.len(), 6, "Movisie's people at the tables");
    // The organisation and the initiative of the same name point at each other.
    let alliance = Page::load(
        out,
        "initiatieven/almeerse-alliantie-kinderarmoede/index.html",
    );
    assert_eq!(
        hrefs(&alliance, ".facts a[href*='organisaties/']"),
        ["../../organisaties/#alliantie-kinderarmoede"]
    );
    // One word for one thing: the menu says what the pages say.
    assert!(home.texts("nav a").iter().any(|a| a == "Verslagen"));
    assert!(!home.texts("nav a").iter().any(|a| a == "Rapporten"));
}

/// Issue 27: the home page named the Welcome app, the Droomspeelbus and the Sociaal Café
/// without a link. Every initiative the site's own words name on the home page and the theme
/// pages (their leads and introductions, the home page's sentences) links to its page.
#[test]
fn names_in_the_sites_own_words_link_to_their_initiative() {
    let (_tmp, out) = build(&repo_root(), None);
    let data: serde_json::Value = common::read_json(out.join("initiatieven/index.json"));
    let names: Vec<(String, String)> = data["initiatieven"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|i| {
            let slug = i["slug"].as_str().unwrap().to_owned();
            i["aliases"]
                .as_array()
                .unwrap()
                .iter()
                .map(move |a| (a.as_str().unwrap().to_lowercase(), slug.clone()))
        })
        .collect();
    let mut pages = vec!["index.html".to_owned()];
    for entry in std::fs::read_dir(out.join("themas")).unwrap() {
        let path = entry.unwrap().path();
        if path.join("index.html").is_file() {
            let slug = path.file_name().unwrap().to_string_lossy().into_owned();
            pages.push(format!("themas/{slug}/index.html"));
        }
    }
    let mut linked = 0;
    for file in &pages {
        let page = Page::load(&out, file);
        for block in page.select("main .lead, main .intro, main .wrap > p") {
            let text = squash(&block.text().collect::<String>()).to_lowercase();
            let links: Vec<&str> = block
                .select(&scraper::Selector::parse("a").unwrap())
                .filter_map(|a| a.value().attr("href"))
                .collect();
            for (alias, slug) in &names {
                if text.contains(alias.as_str()) {
                    assert!(
                        links
                            .iter()
                            .any(|h| h.ends_with(&format!("initiatieven/{slug}/"))),
                        "{file}: '{alias}' is named without a link to its page: {text}"
                    );
                    linked += 1;
                }
            }
        }
    }
    // The home page's three and "positieve gezondheid" in a theme's introduction.
    assert!(linked >= 4, "{linked}");
}

/// Issue 27: initiative pages were dead ends. The editors' links show under a heading of their
/// own that says they are the editors' and not the report's, each with the day it was checked,
/// apart from the report's words (the quote, the mentions); where the report says where, the
/// page says it in the report's words; the open data carries both.
#[test]
fn editorial_links_show_apart_from_the_reports_words() {
    let (_tmp, out) = build(&fixture("minimal"), None);
    let page = Page::load(&out, "initiatieven/sociaal-cafe/index.html");
    let section = page.select("section.editorial-links");
    assert_eq!(section.len(), 1);
    let text = squash(&section[0].text().collect::<String>());
    assert!(
        text.starts_with("Links van de redactie Deze links staan niet in het verslag."),
        "{text}"
    );
    assert!(text.contains("gecontroleerd op 30 november 2026"), "{text}");
    let links = hrefs(&page, "section.editorial-links a");
    assert_eq!(links, ["https://sociaal-cafe.example.net/"]);
    // Not among the report's words.
    for css in [".support a", ".mentions a", ".lead a"] {
        assert!(
            !hrefs(&page, css).iter().any(|h| h.starts_with("https://")),
            "{css}"
        );
    }
    let facts = page.texts("dl.facts dt, dl.facts dd");
    let at = facts.iter().position(|t| t == "Waar, volgens het verslag");
    assert_eq!(
        at.map(|i| facts[i + 1].as_str()),
        Some("Haven"),
        "{facts:?}"
    );
    // An initiative without links has no such section.
    let pilot = Page::load(&out, "initiatieven/naamloze-pilot/index.html");
    assert!(pilot.select("section.editorial-links").is_empty());
    let data: serde_json::Value = common::read_json(out.join("initiatieven/index.json"));
    let cafe = data["initiatieven"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["slug"] == "sociaal-cafe")
        .unwrap();
    assert_eq!(cafe["place"], "Haven");
    assert_eq!(cafe["links"][0]["checked"], "2026-11-30");
    assert_eq!(cafe["links"][0]["url"], "https://sociaal-cafe.example.net/");
}

/// The organisations page's tables, a report per table an organisation sat at and a role per
/// person of it, are what `Organisation::took_part_in` and `people_in` say of each
/// organisation on its own: the page looks every name up in one table made per build
/// (`views::Named`), which must not come to say anything else. The real site has tables known
/// only from `attended` and people of organisations that write their name in several ways.
#[test]
fn an_organisations_tables_are_what_took_part_in_and_people_in_say() {
    use vindplaats::parsed::ReportId;
    use vindplaats::site::{self, BuildOptions, Mode};
    let opts = BuildOptions {
        root: repo_root(),
        output: None,
        base_url: None,
        concepts: true,
    };
    let loaded = site::load(&opts, Mode::Check).unwrap();
    let site = site::parse(loaded, &opts.root, true).unwrap().site;
    let views = vindplaats::render::views::Views::new(&site);
    assert_eq!(views.organisations.len(), site.organisations.len());
    let (mut attended_only, mut roles) = (0, 0);
    for (o, view) in site.organisations.iter().zip(views.organisations.iter()) {
        assert_eq!(view.slug, o.slug);
        let tables: Vec<ReportId> = site
            .reports()
            .filter(|(_, r)| o.took_part_in(&r.report))
            .map(|(id, _)| id)
            .collect();
        assert_eq!(view.reports, tables, "{}", o.name);
        let people: Vec<(ReportId, String)> = site
            .reports()
            .flat_map(|(id, r)| o.people_in(&r.report).map(move |p| (id, p.name.clone())))
            .collect();
        let shown: Vec<(ReportId, String)> = view
            .roles
            .iter()
            .map(|r| (r.report, r.note.split(':').next().unwrap().to_owned()))
            .collect();
        assert_eq!(shown, people, "{}", o.name);
        roles += people.len();
        attended_only += site
            .reports()
            .filter(|(_, r)| {
                o.attended.contains(&r.report.slug)
                    && !r
                        .report
                        .organisations
                        .iter()
                        .any(|n| o.variants.contains(n))
            })
            .count();
    }
    assert!(attended_only > 0 && roles > 0, "{attended_only} {roles}");
}
