//! Every word the site adds around the reports is supported by the reports' own words: each
//! initiative's `quote`, each organisation's `as_written`, and each link text the editors
//! wrote. Checked on the rendered text, so Markdown markup never decides whether words match.

use std::path::Path;

use crate::content::{Initiative, Organisation, Report};
use crate::error::{ContentError, ContentErrors};
use crate::markdown::Rendered;
use crate::parsed::{ParsedReport, ReportId};

/// Every check of this module on the rendered reports: for each initiative the report its
/// quote was found in, and the errors.
pub fn check(
    reports: &[ParsedReport],
    initiatives: &[Initiative],
    initiatives_file: &Path,
    organisations: &[Organisation],
    organisations_file: &Path,
) -> (Vec<Option<ReportId>>, ContentErrors) {
    let texts = Texts::new(&reports.iter().map(|p| &p.body).collect::<Vec<_>>());
    let (sources, mut errors) = check_quotes(
        &texts,
        initiatives,
        initiatives_file,
        organisations,
        organisations_file,
    );
    for p in reports {
        errors.extend(check_link_texts(&p.report, &p.body));
    }
    (
        sources.into_iter().map(|s| s.map(ReportId)).collect(),
        errors,
    )
}

/// Text as quotes are compared: whitespace runs as one space, typographic quotes as straight
/// ones (a quote copied from a Word document or from the site itself still matches).
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().map(|c| match c {
            '‘' | '’' | '‚' | '‛' | '`' | '´' => '\'',
            '“' | '”' | '„' | '‟' => '"',
            c => c,
        }));
    }
    out
}

/// The normalised text of each report, to look quotes up in.
pub struct Texts(Vec<String>);

impl Texts {
    pub fn new(bodies: &[&Rendered]) -> Texts {
        Texts(
            bodies
                .iter()
                .map(|b| {
                    let all: Vec<&str> = b.sections.iter().map(|s| s.text.as_str()).collect();
                    normalise(&all.join(" "))
                })
                .collect(),
        )
    }

    /// The first report whose text holds `words`.
    pub fn find(&self, words: &str) -> Option<usize> {
        let needle = normalise(words);
        if needle.is_empty() {
            return None;
        }
        self.0.iter().position(|t| t.contains(&needle))
    }
}

/// For each initiative, the report its quote comes from; an error for each quote and each
/// organisation's `as_written` that no report holds.
pub fn check_quotes(
    texts: &Texts,
    initiatives: &[Initiative],
    initiatives_file: &Path,
    organisations: &[Organisation],
    organisations_file: &Path,
) -> (Vec<Option<usize>>, ContentErrors) {
    let mut errors = ContentErrors::default();
    let hint = "kopieer de woorden letterlijk uit één alinea of één punt van een verslag, zonder opmaak zoals ** of [ ]";
    let sources = initiatives
        .iter()
        .map(|i| {
            let found = texts.find(&i.quote);
            if i.quote.trim().is_empty() {
                errors.push(
                    ContentError::new(
                        initiatives_file,
                        i.quote_line,
                        format!("initiatief '{}' heeft geen bron (quote)", i.name),
                    )
                    .hint("kopieer onder quote de woorden uit een verslag waar de beschrijving op steunt"),
                );
            } else if found.is_none() {
                errors.push(
                    ContentError::new(
                        initiatives_file,
                        i.quote_line,
                        format!("de bron (quote) van '{}' staat in geen enkel verslag", i.name),
                    )
                    .hint(hint),
                );
            }
            found
        })
        .collect();
    for o in organisations {
        if let Some(words) = &o.as_written
            && texts.find(words).is_none()
        {
            errors.push(
                ContentError::new(
                    organisations_file,
                    o.as_written_line,
                    format!(
                        "de woorden '{words}' bij '{}' (as_written) staan in geen enkel verslag",
                        o.name
                    ),
                )
                .hint(hint),
            );
        }
    }
    (sources, errors)
}

/// A link to an outside address whose visible text is not the address itself was written by
/// the editors: it must be declared in `link_texts`, and every declaration must belong to a
/// link.
pub fn check_link_texts(report: &Report, body: &Rendered) -> ContentErrors {
    let mut errors = ContentErrors::default();
    let editorial: Vec<_> = body
        .links
        .iter()
        // Links to the site's own pages are the editors' by nature (the source has none);
        // a link to an outside address stands for an address the source gives.
        .filter(|l| !l.image && l.url.contains("://") && l.text.trim() != l.url.trim())
        .collect();
    for link in &editorial {
        let declared = report
            .link_texts
            .iter()
            .any(|d| normalise(&d.text) == normalise(&link.text) && d.url == link.url);
        if !declared {
            errors.push(
                ContentError::new(
                    &report.file,
                    link.line,
                    format!(
                        "de linktekst '{}' is niet als wijziging van de redactie opgegeven",
                        link.text
                    ),
                )
                .hint(format!(
                    "staat in de bron alleen het adres? Zet dan in de gegevens bovenaan: link_texts = [{{ text = \"{}\", url = \"{}\" }}]",
                    link.text, link.url
                )),
            );
        }
    }
    for d in &report.link_texts {
        let used = editorial
            .iter()
            .any(|l| normalise(&d.text) == normalise(&l.text) && d.url == l.url);
        if !used {
            errors.push(
                ContentError::new(
                    &report.file,
                    report.lines.of("link_texts"),
                    format!("de linktekst '{}' staat niet als link in de tekst", d.text),
                )
                .hint("schrijf de link als [tekst](adres) in de tekst, of haal hem weg uit link_texts"),
            );
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_whitespace_and_quotes() {
        assert_eq!(
            normalise(" ‘De  Naamloze\nPilot’ “x” "),
            "'De Naamloze Pilot' \"x\""
        );
    }

    #[test]
    fn finds_quotes_across_soft_breaks_but_not_invented_words() {
        let body = crate::markdown::render(
            Path::new("a.md"),
            "Intro met de ‘Welcome\napp’ voor nieuwkomers.\n\n## Kop\n\nMeer **tekst** hier.\n",
            1,
            None,
            false,
        )
        .unwrap();
        let texts = Texts::new(&[&body]);
        assert_eq!(texts.find("de 'Welcome app' voor"), Some(0));
        assert_eq!(texts.find("Meer tekst hier."), Some(0));
        assert_eq!(texts.find("Meer **tekst** hier."), None);
        assert_eq!(texts.find("de enige plek"), None);
        assert_eq!(texts.find("  "), None);
    }
}
