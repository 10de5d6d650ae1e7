//! Links and anchors between pages, and images without alt text, in the reports' Markdown.

use std::collections::{BTreeMap, BTreeSet};

use crate::error::ContentError;
use crate::output::OutputFile;
use crate::parsed::Site;

/// Every site path the build wrote, with the ids on that page.
fn pages(files: &[OutputFile]) -> BTreeMap<String, BTreeSet<String>> {
    let id = regex::Regex::new(r#"\sid=(?:"([^"]*)"|([^\s>]+))"#).expect("constant pattern");
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
            let ids = id
                .captures_iter(&html)
                .filter_map(|c| c.get(1).or(c.get(2)).map(|m| m.as_str().to_owned()))
                .collect();
            (path, ids)
        })
        .collect()
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

/// Broken links and anchors, absolute links, and images without alt text.
pub fn check(site: &Site, files: &[OutputFile]) -> Vec<ContentError> {
    let pages = pages(files);
    let mut errors = Vec::new();
    for parsed in &site.reports {
        let report = &parsed.report;
        let from = report.path();
        // Links and images with their lines come from the one Markdown pass.
        for link in &parsed.body.links {
            let line = link.line;
            if link.image {
                if link.text.trim().is_empty() {
                    errors.push(
                        ContentError::new(&report.file, line, "afbeelding zonder beschrijving (alt-tekst)")
                            .rule("afbeeldingen")
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
            let broken = |what: String| {
                ContentError::new(&report.file, line, what)
                    .rule("link")
                    .hint("controleer het adres: een link naar een andere pagina is relatief, zoals ../eenzaamheid/#wat-is-eenzaamheid")
            };
            let target = if path.is_empty() {
                Some(from.clone())
            } else {
                resolve(&from, path)
            };
            let Some(target) = target else {
                errors.push(broken(format!(
                    "de link '{url}' begint met / en werkt daardoor niet op elk adres"
                )));
                continue;
            };
            let target = if target.ends_with('/') || target.is_empty() || target.contains('.') {
                target
            } else {
                format!("{target}/")
            };
            match pages.get(&target) {
                None if !files.iter().any(|f| f.path == target) => {
                    errors.push(broken(format!(
                        "de link '{url}' wijst naar een pagina die niet bestaat"
                    )));
                }
                Some(ids) if !fragment.is_empty() && !ids.contains(fragment) => {
                    errors.push(broken(format!(
                        "de link '{url}' wijst naar een kop '#{fragment}' die niet bestaat"
                    )));
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
