//! Links and anchors between pages, and images without alt text, in the reports' Markdown.

use std::collections::{BTreeMap, BTreeSet};

use crate::error::{ContentError, closest};
use crate::output::OutputFile;
use crate::parsed::{Checks, Site};

/// The ids of one page: all of them (what a link may point at), and those of its headings
/// (what a broken anchor is most likely meant to be).
#[derive(Default)]
struct Ids {
    all: BTreeSet<String>,
    headings: Vec<String>,
}

/// Every site path the build wrote, with the ids on that page.
fn pages(files: &[OutputFile]) -> BTreeMap<String, Ids> {
    let id = regex::Regex::new(r#"<(h[1-6]\b)?[^<>]*?\sid=(?:"([^"]*)"|([^\s>]+))"#)
        .expect("constant pattern");
    files
        .iter()
        .filter(|f| f.path.ends_with(".html"))
        .map(|f| {
            let path = f
                .path
                .strip_suffix("index.html")
                .unwrap_or(&f.path)
                .to_owned();
            let html = String::from_utf8_lossy(&f.bytes);
            let mut ids = Ids::default();
            for c in id.captures_iter(&html) {
                let Some(value) = c.get(2).or(c.get(3)).map(|m| m.as_str().to_owned()) else {
                    continue;
                };
                if c.get(1).is_some() {
                    ids.headings.push(value.clone());
                }
                ids.all.insert(value);
            }
            (path, ids)
        })
        .collect()
}

/// The shortest relative link from the page at site path `from` (a folder) to `to`, the way
/// people write them: `../b/` next door, `../../themas/x/` further away.
fn relative(from: &str, to: &str) -> String {
    let from: Vec<&str> = from.split('/').filter(|p| !p.is_empty()).collect();
    let to_parts: Vec<&str> = to.split('/').filter(|p| !p.is_empty()).collect();
    let common = from
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut href = "../".repeat(from.len() - common);
    href.push_str(&to_parts[common..].join("/"));
    if to.ends_with('/') && common < to_parts.len() {
        href.push('/');
    }
    if href.is_empty() {
        "./".to_owned()
    } else {
        href
    }
}

/// Resolves a relative link written on the page at site path `from`.
fn resolve(from: &str, link: &str) -> Option<String> {
    let mut parts: Vec<&str> = from.split('/').filter(|p| !p.is_empty()).collect();
    let (dirs, last) = match link.rsplit_once('/') {
        Some((d, l)) => (d, l),
        None => ("", link),
    };
    if link.starts_with('/') {
        return None; // absolute paths depend on where the site is published: reported apart
    }
    for part in dirs.split('/').filter(|p| !p.is_empty()) {
        match part {
            "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    let mut path = parts.join("/");
    if !path.is_empty() {
        path.push('/');
    }
    path.push_str(last);
    Some(path)
}

/// The page of the list `target` belongs to (`<list>` and its `<list>pagina/<n>/`) that has the
/// id, when it is not `target`: an entry (an organisation) moves to another page of its list
/// when items are added before it, and a link written by hand then names the old page.
fn other_page_of_list<'p>(
    pages: &'p BTreeMap<String, Ids>,
    target: &str,
    id: &str,
) -> Option<&'p str> {
    let is_number_page = |rest: &str| {
        rest.strip_prefix("pagina/")
            .and_then(|n| n.strip_suffix('/'))
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    };
    let list = match target.rfind("pagina/") {
        Some(at) if is_number_page(&target[at..]) => &target[..at],
        _ => target,
    };
    pages
        .range(list.to_owned()..)
        .take_while(|(path, _)| path.starts_with(list))
        .filter(|(path, _)| path.as_str() == list || is_number_page(&path[list.len()..]))
        .find(|(path, ids)| path.as_str() != target && ids.all.contains(id))
        .map(|(path, _)| path.as_str())
}

// Longer than most: one pass over every report's links, each kind (image, external, absolute,
// page, anchor) a branch with its own message and suggestion.
/// Broken links and anchors, absolute links, and images without alt text, as each report's
/// `checks` give them. `concept_pages` are the pages among `files` that only concepts make: a
/// link to one from a published report is broken in the site a plain build publishes.
pub fn check(
    site: &Site,
    checks: &Checks,
    files: &[OutputFile],
    concept_pages: &[String],
) -> Vec<ContentError> {
    let pages = pages(files);
    let mut errors = Vec::new();
    for (id, parsed) in site.reports() {
        let report = &parsed.report;
        let published = !site.concepts.report(id);
        let from = report.path();
        // Links and images with their lines come from the one Markdown pass.
        for link in &checks.report(id).links {
            let line = link.line;
            if link.image {
                if link.text.trim().is_empty() {
                    errors.push(
                        ContentError::new(&report.file, line, "afbeelding zonder beschrijving (alt-tekst)")
                            .rule(crate::error::Rule::Images)
                            .hint("schrijf tussen de [ ] wat er op de afbeelding staat: ![Kaart van Almere](kaart.png)"),
                    );
                }
                continue;
            }
            let url = &link.url;
            if url.contains(':') || url.is_empty() {
                continue; // https:, mailto: … (e-mail addresses are the privacy check's)
            }
            let (path, fragment) = url.split_once('#').unwrap_or((url, ""));
            let broken = |what: String, hint: String| {
                ContentError::new(&report.file, line, what)
                    .column(link.column)
                    .rule(crate::error::Rule::Link)
                    .hint(hint)
            };
            let generic = || {
                "controleer het adres: een link naar een andere pagina is relatief, zoals ../eenzaamheid/#wat-is-eenzaamheid".to_owned()
            };
            let target = if path.is_empty() {
                Some(from.clone())
            } else {
                resolve(&from, path)
            };
            let Some(target) = target else {
                errors.push(broken(
                    format!("de link '{url}' begint met / en werkt daardoor niet op elk adres"),
                    generic(),
                ));
                continue;
            };
            let target = if target.ends_with('/') || target.is_empty() || target.contains('.') {
                target
            } else {
                format!("{target}/")
            };
            match pages.get(&target) {
                Some(_) if published && concept_pages.contains(&target) => {
                    errors.push(broken(
                        format!("de link '{url}' wijst naar een concept: een gewone build maakt die pagina niet"),
                        "haal de link weg of wacht ermee tot die pagina gepubliceerd is (zet dan concept = false)".to_owned(),
                    ));
                }
                None if !files.iter().any(|f| f.path == target) => {
                    // The page meant is most often one that exists under a slightly other name.
                    let hint = match closest(&target, pages.keys().map(String::as_str)) {
                        Some(page) => {
                            let mut href = relative(&from, page);
                            if !fragment.is_empty() {
                                // On the page itself, the anchor alone.
                                href = match href.as_str() {
                                    "./" => format!("#{fragment}"),
                                    _ => format!("{href}#{fragment}"),
                                };
                            }
                            format!("bedoelt u '{href}'?")
                        }
                        None => generic(),
                    };
                    errors.push(broken(
                        format!("de link '{url}' wijst naar een pagina die niet bestaat"),
                        hint,
                    ));
                }
                Some(ids) if !fragment.is_empty() && !ids.all.contains(fragment) => {
                    if let Some(page) = other_page_of_list(&pages, &target, fragment) {
                        errors.push(broken(
                            format!("de link '{url}' wijst naar '#{fragment}' op een andere pagina van de lijst"),
                            format!(
                                "bedoelt u '{}#{fragment}'? Dat staat nu op die pagina",
                                relative(&from, page)
                            ),
                        ));
                        continue;
                    }
                    let known = if ids.headings.is_empty() {
                        ids.all.iter().map(String::as_str).collect::<Vec<_>>()
                    } else {
                        ids.headings.iter().map(String::as_str).collect()
                    };
                    let hint = match closest(fragment, known.iter().copied()) {
                        Some(id) => format!("bedoelt u '{path}#{id}'? Die kop staat op de pagina"),
                        None => format!(
                            "de koppen op die pagina zijn: {}",
                            known
                                .iter()
                                .map(|k| format!("#{k}"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    };
                    errors.push(broken(
                        format!(
                            "de link '{url}' wijst naar een kop '#{fragment}' die niet bestaat"
                        ),
                        hint,
                    ));
                }
                _ => {}
            }
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::resolve;

    #[test]
    fn relative_links_are_short() {
        use super::relative;
        assert_eq!(relative("rapporten/a/", "rapporten/b/"), "../b/");
        assert_eq!(relative("rapporten/a/", "themas/x/"), "../../themas/x/");
        assert_eq!(relative("rapporten/a/", "rapporten/a/"), "./");
        assert_eq!(relative("rapporten/a/", "feed.xml"), "../../feed.xml");
        // Back and forth with resolve.
        assert_eq!(
            super::resolve("rapporten/a/", &relative("rapporten/a/", "themas/x/")).as_deref(),
            Some("themas/x/")
        );
    }

    #[test]
    fn resolves_relative_links() {
        assert_eq!(
            resolve("rapporten/a/", "../b/").as_deref(),
            Some("rapporten/b/")
        );
        assert_eq!(
            resolve("rapporten/a/", "../../themas/x/").as_deref(),
            Some("themas/x/")
        );
        assert_eq!(resolve("rapporten/a/", "../../../x/"), None);
        assert_eq!(resolve("rapporten/a/", "/x/"), None);
        assert_eq!(
            resolve("rapporten/a/", "sub").as_deref(),
            Some("rapporten/a/sub")
        );
    }
}
