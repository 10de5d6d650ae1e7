//! What a plain `build` publishes: the one decision, made once per build on the whole parsed
//! site, which `check`, `build` and `serve` all read.
//!
//! Concepts all the way down: a report with `concept = true`, every report of a round with
//! `concept = true`, and whatever only such reports support is a concept too:
//!
//! - an initiative whose mentions are all in concept reports, or whose `quote` only a concept
//!   report holds (with mentions in published reports that is an error: the page would rest on
//!   words the site does not publish);
//! - an alias that only concept reports use (the initiative stays; the alias is left out);
//! - an organisation that only concept reports name (participants, people, `attended`), or
//!   whose `as_written` only a concept report holds;
//! - a theme all of whose reports are concepts.
//!
//! Initiatives and organisations may also say `concept = true` themselves. A round is a concept
//! only by its own `concept = true`.
//!
//! Every check runs on everything, concepts included, so that `check` and `build` find the same
//! errors; [`decide`] only says what a plain build then leaves out, and [`publish`] leaves it
//! out. `serve` and `build --concepten` show it all, with the concept banner.

use std::sync::Arc;

use crate::content::Initiative;
use crate::error::{ContentError, ContentErrors};
use crate::parse::editorial::Sources;
use crate::parse::markdown::Mention;
use crate::parse::mentions::Matcher;
pub use crate::parsed::{Concepts, Why};
use crate::parsed::{
    EditionId, InitiativeId, MentionIndex, ParsedReport, ReportId, Site, Text, TopicId,
};

/// How many of each kind a plain build left out, for its closing note.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HeldBack {
    pub editions: usize,
    pub reports: usize,
    pub initiatives: usize,
    pub organisations: usize,
    pub topics: usize,
}

impl HeldBack {
    pub fn of(concepts: &Concepts) -> HeldBack {
        let count = |flags: &[bool]| flags.iter().filter(|c| **c).count();
        HeldBack {
            editions: count(&concepts.editions),
            reports: count(&concepts.reports),
            initiatives: concepts.initiatives.iter().flatten().count(),
            organisations: concepts.organisations.iter().flatten().count(),
            topics: count(&concepts.topics),
        }
    }

    pub fn any(&self) -> bool {
        *self != HeldBack::default()
    }
}

/// Which reports are concepts ([`of_report`]), given which rounds are. Indexed like
/// `reports`.
pub fn of_reports(reports: &[ParsedReport], round: impl Fn(EditionId) -> bool) -> Vec<bool> {
    reports
        .iter()
        .map(|r| of_report(r, round(r.edition)))
        .collect()
}

/// Whether a report is a concept: its own `concept = true`, or its round's (`round`).
pub fn of_report(report: &ParsedReport, round: bool) -> bool {
    report.report.concept || round
}

/// The links to initiatives' pages a build makes: empty (a mention, not a link) for an
/// initiative that says `concept = true` when concepts are left out, since its page is not
/// made. The only concept initiatives a published report can name: the others are concepts
/// because no published report names them.
pub fn hrefs(initiatives: &[Initiative], hrefs: Vec<String>, shown: bool) -> Vec<String> {
    hrefs
        .into_iter()
        .zip(initiatives)
        .map(|(href, i)| {
            if i.concept && !shown {
                String::new()
            } else {
                href
            }
        })
        .collect()
}

// Longer than most: one decision per kind (rounds, reports, topics, initiatives and their
// aliases, organisations), each reading those before it.
/// Decides what is a concept in `site`, given which reports are ([`of_reports`]), where
/// each alias occurs (`found`, per report, as
/// [`Matcher::occurrences`] gives them) and where the quotes were found (`sources`). Returns
/// the decision and the errors of content that needs a concept to stand on a published page.
/// `organisations_named`: per report, the organisations that name it
/// ([`crate::content::Names::of`]).
#[allow(clippy::too_many_arguments)] // what the decision reads, each kept per report by serve
pub fn decide(
    site: &Site,
    reports: Vec<bool>,
    matcher: &Matcher,
    found: &[&(Vec<usize>, Vec<usize>)],
    organisations_named: &[Arc<[usize]>],
    sources: &Sources,
    initiatives_file: &std::path::Path,
    organisations_file: &std::path::Path,
) -> (Concepts, ContentErrors) {
    let mut errors = ContentErrors::default();
    let is_concept = |id: ReportId| reports[id.0];
    let editions = site.editions.iter().map(|e| e.edition.concept).collect();
    let topics = site
        .topics()
        .map(|(id, _)| {
            let mut of_topic = site
                .reports()
                .filter(|(_, r)| r.topic == id)
                .map(|(r, _)| r);
            let mut any = false;
            let all = of_topic.all(|r| {
                any = true;
                is_concept(r)
            });
            any && all
        })
        .collect();

    let initiatives = site
        .initiatives()
        .map(|(id, parsed)| {
            let i = &parsed.initiative;
            let named = site.mentions.of(id).iter().map(|m| is_concept(m.report));
            let source = sources.quotes.get(id.0).copied().flatten();
            why(i.concept, named, source.is_some_and(is_concept)).unwrap_or_else(|()| {
                errors.push(
                    ContentError::new(
                        initiatives_file,
                        i.lines.of("quote"),
                        format!(
                            "de bron (quote) van '{}' staat alleen in een verslag dat nog een concept is",
                            i.name
                        ),
                    )
                    .hint("gepubliceerde verslagen noemen het al: kopieer de bron uit een gepubliceerd verslag, of zet concept = true bij het initiatief tot het concept gepubliceerd wordt"),
                );
                None
            })
        })
        .collect();

    // Per alias, whether any report uses it as a word, and whether a published one does.
    let mut used = vec![(false, false); matcher.alias_count()];
    for (r, (whole, _)) in found.iter().enumerate() {
        for &a in whole {
            used[a].0 = true;
            used[a].1 |= !reports[r];
        }
    }
    let mut aliases = vec![Vec::new(); site.initiatives.len()];
    for (a, _) in used
        .iter()
        .enumerate()
        .filter(|(_, (any, published))| *any && !published)
    {
        let (i, written) = matcher.alias(a);
        aliases[i.0].push(written.to_owned());
    }

    // Per organisation, whether any report names it, and whether a published one does.
    let mut named = vec![(false, false); site.organisations.len()];
    for (r, names) in organisations_named.iter().enumerate() {
        for &at in names.iter() {
            named[at].0 = true;
            named[at].1 |= !reports[r];
        }
    }
    let organisations = site
        .organisations
        .iter()
        .enumerate()
        .map(|(at, o)| {
            let (any, published) = named[at];
            // As `why` reads the reports that name it: a published one, or else a concept.
            let named = any.then_some(!published).into_iter();
            let source = sources.as_written.get(at).copied().flatten();
            why(o.concept, named, source.is_some_and(is_concept)).unwrap_or_else(|()| {
                errors.push(
                    ContentError::new(
                        organisations_file,
                        o.lines.of("as_written"),
                        format!(
                            "de woorden bij as_written van '{}' staan alleen in een verslag dat nog een concept is",
                            o.name
                        ),
                    )
                    .hint("gepubliceerde verslagen noemen de organisatie al: kopieer de woorden uit een gepubliceerd verslag, of zet concept = true bij de organisatie tot het concept gepubliceerd wordt"),
                );
                None
            })
        })
        .collect();

    let concepts = Concepts {
        reports,
        editions,
        topics,
        initiatives,
        organisations,
        aliases,
    };
    (concepts, errors)
}

/// The one rule for an initiative and an organisation: a concept when it says so (`own`), when
/// every report that names it is a concept (`named`: per report naming it, whether that is a
/// concept), or when only a concept holds the words its page rests on (`source_in_concept`).
/// `Err` when published reports name it but only a concept holds those words: its page would
/// rest on words the site does not publish.
fn why(
    own: bool,
    named: impl Iterator<Item = bool>,
    source_in_concept: bool,
) -> Result<Option<Why>, ()> {
    let (mut any, mut published) = (false, false);
    for concept in named {
        any = true;
        published |= !concept;
    }
    match (own, any, published, source_in_concept) {
        (true, ..) => Ok(Some(Why::Own)),
        (_, _, true, true) => Err(()),
        (_, true, false, _) => Ok(Some(Why::OnlyInConcepts)),
        (_, _, _, true) => Ok(Some(Why::SourceInConcept)),
        _ => Ok(None),
    }
}

/// New ids for the items that stay, in order: `None` for a concept.
fn renumber(concept: impl Iterator<Item = bool>) -> Vec<Option<usize>> {
    let mut next = 0;
    concept
        .map(|c| {
            (!c).then(|| {
                next += 1;
                next - 1
            })
        })
        .collect()
}

/// The items whose new id (from [`renumber`]) is `Some`.
fn kept<T>(ids: &[Option<usize>], items: Vec<T>) -> Vec<T> {
    items
        .into_iter()
        .zip(ids)
        .filter_map(|(item, id)| id.map(|_| item))
        .collect()
}

// Longer than most: every kind of record left out and renumbered in one place, so that no id
// can point at another record than before.
/// The site a plain build publishes: `site` without what [`decide`] found to be a concept,
/// every id renumbered. A site without concepts is returned as it is.
pub fn publish(site: Site) -> Site {
    let concepts = site.concepts.clone();
    if !concepts.any() {
        return site;
    }
    let report_ids = renumber(concepts.reports.iter().copied());
    let edition_ids = renumber(concepts.editions.iter().copied());
    let topic_ids = renumber(concepts.topics.iter().copied());
    let initiative_ids = renumber(concepts.initiatives.iter().map(Option::is_some));
    let organisation_ids = renumber(concepts.organisations.iter().map(Option::is_some));
    let Site {
        config,
        urls,
        editions,
        topics,
        reports,
        initiatives,
        organisations,
        mentions: _,
        synonyms,
        concepts: _,
    } = site;

    let reports: Vec<_> = kept(&report_ids, reports)
        .into_iter()
        .map(|mut r| {
            // A published report is of a published round and theme (a report of a concept
            // round is a concept; a theme is one only when all its reports are).
            r.edition = EditionId(edition_ids[r.edition.0].expect("a published report's round"));
            r.topic = TopicId(topic_ids[r.topic.0].expect("a published report's theme"));
            // The initiatives that say `concept = true` are named but not linked (`hrefs`).
            // A body is shared (with the site this one is made from, with serve's memo):
            // copied only when one of its mentions changes.
            let renumbered = |m: &Mention| initiative_ids[m.initiative.0] != Some(m.initiative.0);
            if r.body.mentions.iter().any(renumbered) {
                let body = Arc::make_mut(&mut r.body);
                body.mentions
                    .retain(|m| initiative_ids[m.initiative.0].is_some());
                for m in &mut body.mentions {
                    m.initiative =
                        InitiativeId(initiative_ids[m.initiative.0].expect("kept above"));
                }
            }
            r
        })
        .collect();
    let initiatives: Vec<_> = initiatives
        .into_iter()
        .enumerate()
        .filter(|(at, _)| initiative_ids[*at].is_some())
        .map(|(at, mut i)| {
            let concept_aliases = &concepts.aliases[at];
            i.initiative
                .aliases
                .retain(|a| !concept_aliases.contains(a));
            // A published initiative's quote is found in a published report (`Sources`).
            i.quote_source = i.quote_source.and_then(|r| report_ids[r.0]).map(ReportId);
            i
        })
        .collect();
    let mentions = MentionIndex::new(
        initiatives.len(),
        &reports.iter().map(|p| &*p.body).collect::<Vec<_>>(),
    );
    let editions = kept(&edition_ids, editions);
    let topics = kept(&topic_ids, topics);
    let organisations = kept(&organisation_ids, organisations);
    let concepts = Concepts {
        reports: vec![false; reports.len()],
        editions: vec![false; editions.len()],
        topics: vec![false; topics.len()],
        initiatives: vec![None; initiatives.len()],
        organisations: vec![None; organisations.len()],
        aliases: vec![Vec::new(); initiatives.len()],
    };
    Site {
        config,
        urls,
        editions,
        topics,
        reports,
        initiatives,
        organisations,
        mentions,
        synonyms,
        concepts,
    }
}

/// The text of the site [`publish`] makes of a site with these `concepts`: without the
/// concept reports' and topics' text.
pub fn publish_text(concepts: &Concepts, text: Text) -> Text {
    if !concepts.any() {
        return text;
    }
    let report_ids = renumber(concepts.reports.iter().copied());
    let topic_ids = renumber(concepts.topics.iter().copied());
    Text {
        reports: kept(&report_ids, text.reports),
        topics: kept(&topic_ids, text.topics),
    }
}

#[cfg(test)]
mod tests {
    use super::{Why, renumber, why};

    #[test]
    fn what_only_concepts_support_is_a_concept() {
        // (own, per naming report whether it is a concept, source only in a concept)
        for (own, reports, source, want) in [
            (true, &[false][..], false, Ok(Some(Why::Own))),
            (false, &[true, true], false, Ok(Some(Why::OnlyInConcepts))),
            (false, &[true], true, Ok(Some(Why::OnlyInConcepts))),
            (false, &[], true, Ok(Some(Why::SourceInConcept))),
            (false, &[true, false], true, Err(())),
            (false, &[true, false], false, Ok(None)),
            (false, &[], false, Ok(None)),
        ] {
            assert_eq!(
                why(own, reports.iter().copied(), source),
                want,
                "{reports:?}"
            );
        }
    }

    #[test]
    fn renumbers_what_stays() {
        assert_eq!(
            renumber([false, true, false, true, false].into_iter()),
            [Some(0), None, Some(1), None, Some(2)]
        );
    }
}
