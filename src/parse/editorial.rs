//! Every word the site adds around the reports is supported by the reports' own words: each
//! initiative's `quote`, each organisation's `as_written`, and each link text the editors
//! wrote. Checked on the rendered text, so Markdown markup never decides whether words match.

use std::path::Path;

use crate::content::{Initiative, Organisation, Report};
use crate::error::{ContentError, ContentErrors};
use crate::parse::markdown::LinkRef;
use crate::parsed::{Checks, ParsedReport, ReportId, Text};
use rayon::prelude::*;

/// Where the words the site adds around the reports were found: per initiative the report its
/// quote comes from, per organisation the report its `as_written` comes from (`None` for one
/// without). A published report is preferred to a concept (see [`crate::parse::concepts`]): a page a
/// plain build makes names a source it publishes too.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    pub quotes: Vec<Option<ReportId>>,
    pub as_written: Vec<Option<ReportId>>,
}

/// Every check of this module on the rendered reports, read in their `text` and `checks`
/// (`concept` says, per report, whether it is a concept): where each quote was found, and the
/// errors.
#[allow(clippy::too_many_arguments)] // what the checks read, each from where it is kept
pub fn check(
    reports: &[ParsedReport],
    text: &Text,
    checks: &Checks,
    concept: &[bool],
    initiatives: &[Initiative],
    initiatives_file: &Path,
    organisations: &[Organisation],
    organisations_file: &Path,
) -> (Sources, ContentErrors) {
    // The published reports first, so the first report found is a published one if any is.
    let order: Vec<usize> = (0..reports.len())
        .filter(|&r| !concept[r])
        .chain((0..reports.len()).filter(|&r| concept[r]))
        .collect();
    let texts: Vec<&[String]> = order.iter().map(|&r| text.reports[r].as_slice()).collect();
    let (quotes, as_written, mut errors) = check_quotes(
        &texts,
        initiatives,
        initiatives_file,
        organisations,
        organisations_file,
    );
    for (p, checks) in reports.iter().zip(&checks.reports) {
        errors.extend(check_link_texts(&p.report, &checks.links));
    }
    let in_order = |found: Vec<Option<usize>>| -> Vec<Option<ReportId>> {
        found
            .into_iter()
            .map(|s| s.map(|at| ReportId(order[at])))
            .collect()
    };
    let sources = Sources {
        quotes: in_order(quotes),
        as_written: in_order(as_written),
    };
    (sources, errors)
}

/// Text as quotes are compared: whitespace runs as one space, typographic quotes as straight
/// ones (a quote copied from a Word document or from the site itself still matches).
pub fn normalise(text: &str) -> String {
    normalise_words(text.split_whitespace())
}

/// [`normalise`] of the words of a text given one by one (a report's sections in turn).
fn normalise_words<'a>(words: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for word in words {
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

/// How many reports are looked in at once: past the first reports that hold every quote
/// (on a real site, nearly always the first batch) nothing more is read.
const BATCH: usize = 256;

/// For each of `words`, the first report (by its place in `texts`, each a report's sections'
/// texts) whose text holds it, as
/// [`normalise`] compares text. Each report's text is normalised on its own, a batch of reports
/// in parallel, and dropped once looked in: a normalised copy of every report at once cost as
/// much memory as the reports' text (about 70 MB at 10,000 reports). The search stops at the
/// first batch after which every word is found.
pub fn first_holding(texts: &[&[String]], words: &[&str]) -> Vec<Option<usize>> {
    let needles: Vec<String> = words.iter().map(|w| normalise(w)).collect();
    let mut first: Vec<Option<usize>> = vec![None; needles.len()];
    // An empty text is held by every report, yet supports nothing.
    let mut open: Vec<usize> = (0..needles.len())
        .filter(|&i| !needles[i].is_empty())
        .collect();
    for (b, batch) in texts.chunks(BATCH).enumerate() {
        if open.is_empty() {
            break;
        }
        let holds: Vec<Vec<usize>> = batch
            .par_iter()
            .map(|sections| {
                let text = normalise_words(sections.iter().flat_map(|s| s.split_whitespace()));
                open.iter()
                    .copied()
                    .filter(|&i| text.contains(needles[i].as_str()))
                    .collect()
            })
            .collect();
        for (r, found) in holds.into_iter().enumerate() {
            for i in found {
                first[i].get_or_insert(b * BATCH + r);
            }
        }
        open.retain(|&i| first[i].is_none());
    }
    first
}

/// For each initiative the report its quote comes from, for each organisation the report its
/// `as_written` comes from (by their place in `texts`); an error for each quote and each
/// `as_written` that no report holds.
fn check_quotes(
    texts: &[&[String]],
    initiatives: &[Initiative],
    initiatives_file: &Path,
    organisations: &[Organisation],
    organisations_file: &Path,
) -> (Vec<Option<usize>>, Vec<Option<usize>>, ContentErrors) {
    let mut errors = ContentErrors::default();
    // Every text looked up in one pass over the reports.
    let words: Vec<&str> = initiatives
        .iter()
        .map(|i| i.quote.as_str())
        .chain(organisations.iter().filter_map(|o| o.as_written.as_deref()))
        .collect();
    let found = first_holding(texts, &words);
    let (quotes, written) = found.split_at(initiatives.len());
    let mut written = written.iter();
    let mut as_written = Vec::with_capacity(organisations.len());
    let hint = "kopieer de woorden letterlijk uit één alinea of één punt van een verslag, zonder opmaak zoals ** of [ ]";
    let sources = initiatives
        .iter()
        .zip(quotes)
        .map(|(i, &found)| {
            // A quote that could not be read has its own error (on its line).
            if i.lines.replaced("quote") {
            } else if i.quote.trim().is_empty() {
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
        let found = match &o.as_written {
            Some(_) => written.next().copied().flatten(),
            None => None,
        };
        as_written.push(found);
        if let Some(words) = &o.as_written
            && found.is_none()
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
    (sources, as_written, errors)
}

/// A link to an outside address whose visible text is not the address itself was written by
/// the editors: it must be declared in `link_texts`, and every declaration must belong to a
/// link.
pub fn check_link_texts(report: &Report, links: &[LinkRef]) -> ContentErrors {
    let mut errors = ContentErrors::default();
    let editorial: Vec<_> = links
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
        let one = crate::parse::markdown::render(
            Path::new("a.md"),
            "Intro met de ‘Welcome\napp’ voor nieuwkomers.\n\n## Kop\n\nMeer **tekst** hier.\n",
            1,
            None,
            false,
        )
        .unwrap();
        let two = crate::parse::markdown::render(
            Path::new("b.md"),
            "Alleen hier: buurtbieb.\n",
            1,
            None,
            false,
        )
        .unwrap();
        let (body, other): (&[String], &[String]) = (&one.text, &two.text);
        assert_eq!(
            first_holding(
                &[body, other, body],
                &[
                    "de 'Welcome app' voor",
                    "Meer tekst hier.",
                    "Meer **tekst** hier.",
                    "de enige plek",
                    "  ",
                    "buurtbieb",
                    "Meer  tekst hier.",
                    // Across two sections: the report's text is one run of words.
                    "voor nieuwkomers. Kop Meer",
                ]
            ),
            [
                Some(0),
                Some(0),
                None,
                None,
                None,
                Some(1),
                Some(0),
                Some(0)
            ]
        );
        // Past the first batch of reports, the first report that holds the words still wins.
        let mut many: Vec<&[String]> = vec![body; BATCH + 50];
        many[BATCH + 10] = other;
        many[BATCH + 20] = other;
        assert_eq!(
            first_holding(&many, &["buurtbieb", "Meer tekst", "nergens"]),
            [Some(BATCH + 10), Some(0), None]
        );
    }
}
