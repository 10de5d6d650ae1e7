//! Stage *parse*: each report's Markdown through the one pass ([`markdown`]), its initiative
//! mentions found ([`mentions`]), the words the site adds around the reports checked against
//! the reports' own ([`editorial`]), and what a plain build leaves out decided once
//! ([`concepts`]). The result is the parsed site ([`crate::parsed`]), which every later
//! stage reads.

pub mod concepts;
pub mod editorial;
pub mod markdown;
pub mod mentions;

use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Config;
use crate::content::Library;
use crate::error::ContentErrors;
use crate::memo::{Memo, fingerprint};
use crate::parsed::{
    EditionId, MentionIndex, ParsedEdition, ParsedInitiative, ParsedReport, ParsedTopic, Site,
    TopicId,
};
use crate::urls::{self, Origin, Urls};
use markdown::{Linker, Rendered};
use mentions::Matcher;

/// Stage *parse*: every report's Markdown to sections, with initiative mentions found and
/// linked, and the checks that need the text (headings, aliases, the words the site adds
/// around the reports). Returns one record per report, topic and initiative, and what of it is
/// a concept ([`concepts::decide`]). Everything is parsed and checked, concepts
/// included, so that `check` and `build` find the same errors; a plain build then leaves the
/// concepts out ([`concepts::publish`]). `shown` says whether the site will show
/// them: if not, an initiative that says `concept = true` is found in published reports but
/// not linked, since its page is not made. A report whose text and links are as in the last
/// build (`serve`) is not rendered again but taken from `bodies`.
///
/// Returns every problem, and the site as far as it could be made: a report with a
/// heading in the wrong place is rendered all the same, and one whose topic or round is
/// wrong (already reported by load) stands under the first topic or round, so that its
/// words and links are still checked. `None` when a report has nowhere to stand (no topic or
/// no round at all).
pub fn parse_all(
    config: Config,
    library: Library,
    shown: bool,
    bodies: &mut Memo<Arc<(RenderedReport, Occurrences)>>,
) -> (Option<Site>, ContentErrors) {
    let mut errors = ContentErrors::default();
    let urls = config.urls();
    let Library {
        topics,
        reports,
        mut markdown,
        initiatives,
        initiatives_file,
        organisations,
        organisations_file,
        editions,
        synonyms,
        unread_reports,
    } = library;
    let matcher = Matcher::new(&initiatives);
    let hrefs = concepts::hrefs(&initiatives, initiative_hrefs(&urls, &initiatives), shown);
    let linker = Linker {
        matcher: &matcher,
        hrefs: &hrefs,
    };
    // What a report's rendering reads besides its own text: the initiatives' names and links.
    let reads = fingerprint((
        &hrefs,
        initiatives
            .iter()
            .map(|i| (&i.name, &i.aliases))
            .collect::<Vec<_>>(),
        config.trusted_html,
    ));
    let texts: Vec<crate::content::Markdown> = reports
        .iter()
        .map(|r| markdown.remove(&r.file).unwrap_or_default())
        .collect();
    let (results, found): (Vec<_>, Vec<_>) =
        render_reports(&reports, texts, &linker, reads, config.trusted_html, bodies)
            .into_iter()
            .map(|rendered| match Arc::try_unwrap(rendered) {
                Ok(owned) => owned,
                Err(shared) => (*shared).clone(),
            })
            .unzip();
    let count = reports.len();
    let (parsed, failed) = records(reports, results, &topics, &editions);
    errors.extend(failed);
    let concept = concepts::of_reports(&parsed, |e| editions[e.0].concept);
    // The checks below look for words in every report: with a report missing, a word only
    // it holds would be reported missing too. They wait for the next run.
    let every_report = parsed.len() == count && unread_reports.is_empty();
    if every_report {
        errors.extend(mentions::alias_errors(
            &matcher,
            &initiatives,
            &initiatives_file,
            &found,
        ));
    }
    // What the site says around the reports must stand in them.
    let sources = if every_report {
        let (sources, unsupported) = editorial::check(
            &parsed,
            &concept,
            &initiatives,
            &initiatives_file,
            &organisations,
            &organisations_file,
        );
        errors.extend(unsupported);
        sources
    } else {
        editorial::Sources {
            quotes: vec![None; initiatives.len()],
            as_written: vec![None; organisations.len()],
        }
    };
    if parsed.len() < count {
        return (None, errors);
    }
    let mentions = MentionIndex::new(
        initiatives.len(),
        &parsed.iter().map(|p| &p.body).collect::<Vec<_>>(),
    );
    let initiatives = initiatives
        .into_iter()
        .zip(sources.quotes.iter().copied())
        .map(|(initiative, source)| ParsedInitiative {
            initiative,
            quote_source: source,
        })
        .collect();
    let topics = topics
        .into_iter()
        .map(|topic| ParsedTopic {
            intro: markdown::render_plain(&topic.body, topic.body_line, config.trusted_html),
            topic,
        })
        .collect();
    let editions = editions
        .into_iter()
        .map(|edition| ParsedEdition {
            intro: markdown::render_plain(&edition.body, edition.body_line, config.trusted_html),
            edition,
        })
        .collect();
    let mut site = Site {
        config,
        urls,
        editions,
        topics,
        reports: parsed,
        initiatives,
        organisations,
        mentions,
        synonyms,
        concepts: Default::default(),
    };
    let (decided, conflicts) = concepts::decide(
        &site,
        concept,
        &matcher,
        &found,
        &sources,
        &initiatives_file,
        &organisations_file,
    );
    errors.extend(conflicts);
    site.concepts = decided;
    (Some(site), errors)
}

/// One record per report (its facts, its topic and its body: its Markdown is needed no
/// more), and the errors of their Markdown. A report whose topic or round does not exist
/// (reported by [`load`]) stands under the first one, as a wrong value stands as its example;
/// without any, it is left out.
fn records(
    reports: Vec<Arc<crate::content::Report>>,
    results: Vec<(Rendered, ContentErrors)>,
    topics: &[crate::content::Topic],
    editions: &[crate::content::Edition],
) -> (Vec<ParsedReport>, ContentErrors) {
    let mut errors = ContentErrors::default();
    let mut parsed = Vec::with_capacity(reports.len());
    for (report, (body, problems)) in reports.into_iter().zip(results) {
        errors.extend(problems);
        let topic = topics
            .iter()
            .position(|t| t.slug == report.topic)
            .or((!topics.is_empty()).then_some(0));
        let edition = editions
            .iter()
            .position(|e| e.year == report.edition)
            .or((!editions.is_empty()).then_some(0));
        if let (Some(topic), Some(edition)) = (topic, edition) {
            parsed.push(ParsedReport {
                topic: TopicId(topic),
                edition: EditionId(edition),
                report,
                body,
            });
        }
    }
    (parsed, errors)
}

/// The link from a report page to each initiative's page. Every report page sits at the same
/// depth, so one set serves them all.
pub(crate) fn initiative_hrefs(
    urls: &Urls,
    initiatives: &[crate::content::Initiative],
) -> Vec<String> {
    let from_report = urls::report("-");
    initiatives
        .iter()
        .map(|i| urls.href(Origin::Page(&from_report), &urls::initiative(&i.slug)))
        .collect()
}

/// The initiative aliases found in a report's Markdown (see [`Matcher::occurrences`]).
pub type Occurrences = (Vec<usize>, Vec<usize>);

/// A report's Markdown rendered, with the problems found in it.
pub type RenderedReport = (Rendered, ContentErrors);

/// Every report's Markdown rendered and searched for aliases (they are checked against the
/// Markdown as written, the last stage that reads it), in parallel and in order. Each report's
/// Markdown is taken out and let go as soon as both are done: held for every report until the
/// last one rendered, it set the parse stage's peak (76 MB of Markdown at 10,000 reports).
/// With a `memo`, a report whose text and `reads` (what rendering reads besides the text) are
/// as before is taken from it.
fn render_reports(
    reports: &[Arc<crate::content::Report>],
    texts: Vec<crate::content::Markdown>,
    linker: &Linker,
    reads: u64,
    trusted_html: bool,
    memo: &mut Memo<Arc<(RenderedReport, Occurrences)>>,
) -> Vec<Arc<(RenderedReport, Occurrences)>> {
    crate::memo::map_par(
        memo,
        reports
            .par_iter()
            .zip(texts)
            .map(|(r, markdown)| (&r.file, markdown)),
        |(file, markdown)| Some(fingerprint((file, markdown, reads))),
        |(file, markdown)| {
            Arc::new((
                markdown::render_all(
                    file,
                    &markdown.text,
                    markdown.line,
                    Some(linker),
                    trusted_html,
                ),
                linker.matcher.occurrences(&markdown.text),
            ))
        },
    )
}
