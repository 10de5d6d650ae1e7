//! Stage *parse*: each report's Markdown through the one pass ([`markdown`]), its initiative
//! mentions found ([`mentions`]), the words the site adds around the reports checked against
//! the reports' own ([`editorial`]), and what a plain build leaves out decided once
//! ([`concepts`]). It returns typed values, each for the stage that reads it ([`Parsed`]): the
//! [`Site`] every later stage reads, its [`Text`] for search and its [`Checks`] for `check`.
//!
//! [`report`] is the one way a report becomes a [`ParsedReport`]: the stage runs it on every
//! report, and `serve`'s fast path on an edited one, so a rule for one report lives in one
//! place.

pub mod concepts;
pub mod editorial;
pub mod markdown;
pub mod mentions;

use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Config;
use crate::content::{Edition, Initiative, Library, Markdown, Names, Organisation, Report, Topic};
use crate::error::ContentErrors;
use crate::memo::{Memo, fingerprint};
use crate::parsed::{
    Checks, EditionId, FromText, MentionIndex, ParsedEdition, ParsedInitiative, ParsedReport,
    ParsedTopic, ReportId, Site, Text, TopicId,
};
use crate::urls::{self, Origin, Urls};
use markdown::{Body, CheckData, Linker};
use mentions::Matcher;

/// What parse makes: the site, and beside it what only some stages read, so that each stage
/// gets its own value and a build lets each go when its reader is done (no field of the site
/// is emptied later).
pub struct Parsed {
    pub site: Site,
    /// The site's plain text: for the search index (and `check`).
    pub text: Text,
    /// What only `check` reads.
    pub checks: Checks,
    /// How this site's reports were parsed, to parse one more the same way ([`report`]).
    pub context: Context,
}

/// What parsing a report reads besides its own file: the initiatives to find and link in it,
/// and the topics and rounds to place it under. Made once per build and kept with its site,
/// so that `serve`'s fast path parses an edited report exactly as the build did.
pub struct Context {
    matcher: Matcher,
    /// Per initiative, the link from a report page to its page (empty: found, not linked).
    hrefs: Vec<String>,
    /// A hash of what rendering reads besides the text: the initiatives' names, aliases and
    /// links, and whether raw HTML is trusted. Part of the memo's key.
    reads: u64,
    trusted_html: bool,
    /// The topics' slugs and the rounds' years, by their ids.
    topics: Vec<String>,
    editions: Vec<u16>,
    /// The organisations, for the editors' readings a report's page shows
    /// ([`FromText::read`]).
    organisations: Vec<Organisation>,
    /// A hash of what the readings read of them: part of [`FromText`]'s key in the memo.
    organisations_key: u64,
    /// Which organisations name a report ([`Names`]).
    names: Names,
}

impl Context {
    /// `shown`: whether the site shows concepts (see [`concepts::hrefs`]).
    fn new(
        config: &Config,
        urls: &Urls,
        initiatives: &[Initiative],
        topics: &[Topic],
        editions: &[Edition],
        organisations: &[Organisation],
        shown: bool,
    ) -> Context {
        let hrefs = concepts::hrefs(initiatives, initiative_hrefs(urls, initiatives), shown);
        let reads = fingerprint((
            &hrefs,
            initiatives
                .iter()
                .map(|i| (&i.name, &i.aliases))
                .collect::<Vec<_>>(),
            config.trusted_html,
        ));
        Context {
            matcher: Matcher::new(initiatives),
            hrefs,
            reads,
            trusted_html: config.trusted_html,
            topics: topics.iter().map(|t| t.slug.clone()).collect(),
            editions: editions.iter().map(|e| e.year).collect(),
            organisations: organisations.to_vec(),
            names: Names::new(organisations),
            organisations_key: fingerprint(
                organisations
                    .iter()
                    .map(|o| (&o.name, &o.variants, &o.attended, &o.as_written, &o.note))
                    .collect::<Vec<_>>(),
            ),
        }
    }

    /// A report's topic and round; a topic or round that does not exist (load reported it)
    /// stands as the first one, as a wrong value stands as its example (`stand_in`). `None`
    /// when there is no topic or no round at all.
    fn place(&self, report: &Report) -> Option<Place> {
        let topic = self.topics.iter().position(|t| *t == report.topic);
        let edition = self.editions.iter().position(|y| *y == report.edition);
        let stand_in = topic.is_none() || edition.is_none();
        let first = |list_len: usize| (list_len > 0).then_some(0);
        Some(Place {
            topic: TopicId(topic.or(first(self.topics.len()))?),
            edition: EditionId(edition.or(first(self.editions.len()))?),
            stand_in,
        })
    }
}

/// Where a report stands.
struct Place {
    topic: TopicId,
    edition: EditionId,
    stand_in: bool,
}

/// One report's Markdown pass, as the memo keeps it: its parts shared, so a hit copies
/// nothing.
#[derive(Clone)]
pub struct Pass {
    pub body: Arc<Body>,
    pub text: Arc<Vec<String>>,
    pub checks: Arc<CheckData>,
    /// The initiative aliases found in the Markdown as written (see [`Matcher::occurrences`]).
    pub found: Arc<Occurrences>,
    pub errors: ContentErrors,
    /// The editorial checks of this report alone ([`editorial::check_report`]: its link texts,
    /// its people's parts). Apart from `errors`: the stage reports them with the checks across
    /// reports, only when every report could be read, and `serve`'s fast path does not wait
    /// for them.
    pub report_errors: ContentErrors,
}

/// Each report's Markdown pass, kept by `serve` from one build to the next by its file, its
/// Markdown, what rendering reads besides ([`Context`]) and the facts its own checks read
/// (its people, link texts and their lines); and what its record reads from the text that
/// pass made ([`FromText`]), by the pass's key, the facts the readings read of the report and
/// the organisations (at 10,000 reports reading them again took most of the stage after an
/// edit, about 0.9 s).
#[derive(Default)]
pub struct PassMemo {
    passes: Memo<Pass>,
    from_text: Memo<Arc<FromText>>,
    /// What each report's text holds of the words the site adds around the reports
    /// ([`editorial::Held`]).
    held: editorial::Held,
    /// The hashes of each report's facts that the keys above read, by the report itself
    /// ([`Facts`]).
    facts: Memo<Facts>,
    /// The organisations that name each report ([`Names::of`]), by the report's
    /// facts and the organisations.
    named: Memo<Arc<[usize]>>,
    /// The last build's mention index ([`mention_index`]); `None` in a build.
    mentions: Option<KeptMentions>,
}

/// A mention index and what it was made of: the number of initiatives and the key of each
/// report's pass (which its mentions are part of), in order.
struct KeptMentions {
    initiatives: usize,
    keys: Vec<u64>,
    index: MentionIndex,
}

/// At most this many reports' mentions are replaced in the last index; past it, the index is
/// made anew.
const REPLACED: usize = 64;

/// The mention index of `reports`. `serve` makes it from the last build's (`kept`), the
/// mentions of the reports whose pass changed replaced ([`MentionIndex::replace`], which makes
/// the index [`MentionIndex::new`] makes): making it anew took 18–20 ms of each edit at
/// 10,000 reports. A build (no keys) keeps nothing.
fn mention_index(
    initiatives: usize,
    reports: &[ParsedReport],
    kept: &mut Option<KeptMentions>,
) -> MentionIndex {
    let keys: Option<Vec<u64>> = reports.iter().map(|r| r.body_key).collect();
    let last = kept.take().filter(|last| {
        last.initiatives == initiatives && Some(last.keys.len()) == keys.as_ref().map(Vec::len)
    });
    // The reports whose pass changed, when few enough for their mentions to be replaced.
    let replaced = last.zip(keys.as_deref()).and_then(|(last, keys)| {
        let changed: Vec<usize> = (0..keys.len())
            .filter(|&r| last.keys[r] != keys[r])
            .collect();
        (changed.len() <= REPLACED).then_some((last, changed))
    });
    let index = match replaced {
        Some((last, changed)) => {
            let mut index = last.index;
            for r in changed {
                index.replace(ReportId(r), &reports[r].body);
            }
            index
        }
        None => MentionIndex::new(
            initiatives,
            &reports.iter().map(|p| &*p.body).collect::<Vec<_>>(),
        ),
    };
    if let Some(keys) = keys {
        *kept = Some(KeptMentions {
            initiatives,
            keys,
            index: index.clone(),
        });
    }
    index
}

/// The hashes of what the keys of a report's pass and of its [`FromText`] read of its facts
/// (its file, people, link texts and their lines; its slug, participants and organisations),
/// kept with the report they were made of. Load hands on the same `Arc` for a file it did not
/// read again, so they are kept by the report's address: hashing every report's facts again
/// was most of the step over the reports after an edit (57–102 ms of CPU at 10,000 reports).
/// No other report can stand at that address while this one is kept.
#[derive(Clone)]
struct Facts {
    report: Arc<Report>,
    pass: u64,
    from_text: u64,
}

impl Facts {
    /// The hashes of `report`'s facts: kept in `memo` when it is the same report (see above).
    fn of(report: &Arc<Report>, memo: &Memo<Facts>) -> Facts {
        let (_, kept) = memo.find(|| Some(address(report)));
        kept.filter(|f| Arc::ptr_eq(&f.report, report))
            .unwrap_or_else(|| Facts {
                report: Arc::clone(report),
                pass: fingerprint((
                    &report.file,
                    &report.people,
                    &report.link_texts,
                    &report.lines,
                )),
                from_text: fingerprint((&report.slug, report.participants, &report.organisations)),
            })
    }
}

/// A report's address, as [`Facts`] are kept by it.
fn address(report: &Arc<Report>) -> u64 {
    Arc::as_ptr(report) as usize as u64
}

impl PassMemo {
    /// A memo that keeps nothing: a build's.
    pub fn off() -> PassMemo {
        PassMemo {
            passes: Memo::off(),
            from_text: Memo::off(),
            held: Memo::off(),
            facts: Memo::off(),
            named: Memo::off(),
            mentions: None,
        }
    }
}

/// The initiative aliases found in a report's Markdown (see [`Matcher::occurrences`]).
pub type Occurrences = (Vec<usize>, Vec<usize>);

/// One report parsed.
pub struct Reported {
    /// `None` when there is no topic or no round at all to stand under.
    pub record: Option<ParsedReport>,
    /// Its Markdown pass: the text, the check data, the aliases found and the problems.
    pub pass: Pass,
    /// Its topic or round does not exist (load reported it): it stands under the first one.
    pub stand_in: bool,
    /// The key its pass is kept under in the memo.
    key: Option<u64>,
    /// What its record read from its text, and its key in the memo.
    from_text: Option<(Option<u64>, Arc<FromText>)>,
    /// The hashes of its facts the keys read (`None` in a build).
    facts: Option<Facts>,
    /// The organisations that name it, and their key in the memo.
    named: (Option<u64>, Arc<[usize]>),
}

/// The one way a report becomes a [`ParsedReport`]: its Markdown through the one pass (taken
/// from `passes` when its file, Markdown and what rendering reads are as in the last build),
/// and the report placed under its topic and round. The parse stage runs it on every report,
/// and `serve`'s fast path on an edited one.
pub fn report(
    report: Arc<Report>,
    markdown: &Markdown,
    context: &Context,
    passes: &PassMemo,
) -> Reported {
    let file = &report.file;
    // Found with the first key (a build, which keeps nothing, hashes none of them).
    let mut facts = None;
    let (key, pass) = passes.passes.get_or(
        || {
            let kept = facts.insert(Facts::of(&report, &passes.facts));
            Some(fingerprint((kept.pass, markdown, context.reads)))
        },
        || {
            let linker = Linker {
                matcher: &context.matcher,
                hrefs: &context.hrefs,
            };
            let (rendered, errors) = markdown::render_all(
                file,
                &markdown.text,
                markdown.line,
                Some(&linker),
                context.trusted_html,
            );
            let report_errors = editorial::check_report(&report, &rendered.checks, &rendered.text);
            Pass {
                body: Arc::new(rendered.body),
                text: Arc::new(rendered.text),
                checks: Arc::new(rendered.checks),
                // Checked against the Markdown as written, the last stage that reads it.
                found: Arc::new(context.matcher.occurrences(&markdown.text)),
                errors,
                report_errors,
            }
        },
    );
    let named = passes.named.get_or(
        || {
            let facts = facts.as_ref()?;
            Some(fingerprint((
                facts.pass,
                facts.from_text,
                context.organisations_key,
            )))
        },
        || context.names.of(&report).into(),
    );
    let place = context.place(&report);
    let from_text = place.as_ref().map(|_| {
        passes.from_text.get_or(
            || {
                let facts = facts.as_ref()?.from_text;
                Some(fingerprint((key?, facts, context.organisations_key)))
            },
            || Arc::new(FromText::read(&report, &pass.text, &context.organisations)),
        )
    });
    Reported {
        stand_in: place.as_ref().is_some_and(|p| p.stand_in),
        record: place
            .zip(from_text.as_ref())
            .map(|(place, (_, from_text))| {
                ParsedReport::new(
                    report,
                    place.topic,
                    place.edition,
                    Arc::clone(&pass.body),
                    key,
                    from_text,
                )
            }),
        pass,
        key,
        from_text,
        facts,
        named,
    }
}

// Longer than most: the stage in order — every report's pass, the checks across reports,
// the topics' and rounds' introductions, the site, the concept decision — each a few lines.
/// Stage *parse*: every report's Markdown to sections, with initiative mentions found and
/// linked, and the checks that need the text (headings, aliases, the words the site adds
/// around the reports). Returns one record per report, topic and initiative, and what of it is
/// a concept ([`concepts::decide`]). Everything is parsed and checked, concepts included, so
/// that `check` and `build` find the same errors; a plain build then leaves the concepts out
/// ([`concepts::publish`]). `shown` says whether the site will show them: if not, an
/// initiative that says `concept = true` is found in published reports but not linked, since
/// its page is not made. A report whose Markdown and links are as in the last build (`serve`)
/// is not rendered again but taken from `passes`.
///
/// Returns every problem, and the site as far as it could be made: a report with a heading
/// in the wrong place is rendered all the same, and one whose topic or round is wrong
/// (already reported by load) stands under the first topic or round, so that its words and
/// links are still checked. `None` when a report has nowhere to stand (no topic or no round
/// at all).
pub fn parse(
    config: Config,
    library: Library,
    shown: bool,
    passes: &mut PassMemo,
) -> (Option<Parsed>, ContentErrors) {
    let mut errors = ContentErrors::default();
    let lap = std::time::Instant::now();
    let urls = config.urls();
    let Library {
        topics,
        reports,
        markdown,
        initiatives,
        initiatives_file,
        organisations,
        organisations_file,
        editions,
        synonyms,
        unread_reports,
    } = library;
    let context = Context::new(
        &config,
        &urls,
        &initiatives,
        &topics,
        &editions,
        &organisations,
        shown,
    );
    let lap = crate::steps::lap("parse: context", lap);
    let count = reports.len();
    let files: Vec<(Arc<Report>, Markdown)> = reports.into_iter().zip(markdown).collect();
    // Reports are independent: parsed in parallel, in order. Each report's Markdown is let go
    // as soon as its pass is done: held for every report until the last one rendered, it set
    // the stage's peak (76 MB of Markdown at 10,000 reports).
    let reported: Vec<Reported> = files
        .into_par_iter()
        .map(|(r, markdown)| report(r, &markdown, &context, passes))
        .collect();
    passes
        .passes
        .keep(reported.iter().map(|r| (r.key, r.pass.clone())));
    passes
        .from_text
        .keep(reported.iter().filter_map(|r| r.from_text.clone()));
    passes.named.keep(reported.iter().map(|r| r.named.clone()));
    passes.facts.keep(
        (reported.iter())
            .filter_map(|r| Some((Some(address(&r.facts.as_ref()?.report)), r.facts.clone()?))),
    );
    let lap = crate::steps::lap("parse: reports", lap);
    let mut parsed = Vec::with_capacity(count);
    let mut text = Text::default();
    let mut checks = Checks::default();
    let mut found = Vec::with_capacity(count);
    let mut named = Vec::with_capacity(count);
    let mut report_errors = ContentErrors::default();
    for r in reported {
        errors.extend(r.pass.errors);
        found.push(r.pass.found);
        if let Some(record) = r.record {
            report_errors.extend(r.pass.report_errors);
            named.push(r.named.1);
            parsed.push(record);
            text.reports.push(r.pass.text);
            checks.reports.push(r.pass.checks);
        }
    }
    let concept = concepts::of_reports(&parsed, |e| editions[e.0].concept);
    // The checks below look for words in every report: with a report missing, a word only
    // it holds would be reported missing too. They wait for the next run.
    let every_report = parsed.len() == count && unread_reports.is_empty();
    let found: Vec<&Occurrences> = found.iter().map(|f| &**f).collect();
    let lap = crate::steps::lap("parse: records", lap);
    if every_report {
        errors.extend(mentions::alias_errors(
            &context.matcher,
            &initiatives,
            &initiatives_file,
            &found,
        ));
    }
    let lap = crate::steps::lap("parse: alias check", lap);
    // What the site says around the reports must stand in them.
    let sources = if every_report {
        let (sources, unsupported) = editorial::check(
            &parsed,
            &text,
            &concept,
            &initiatives,
            &initiatives_file,
            &organisations,
            &organisations_file,
            &mut passes.held,
        );
        errors.extend(unsupported);
        errors.extend(report_errors);
        sources
    } else {
        editorial::Sources {
            quotes: vec![None; initiatives.len()],
            as_written: vec![None; organisations.len()],
        }
    };
    let lap = crate::steps::lap("parse: editorial check", lap);
    if parsed.len() < count {
        return (None, errors);
    }
    let mentions = mention_index(initiatives.len(), &parsed, &mut passes.mentions);
    let intro_hrefs = markdown::plain_hrefs(&initiatives);
    let initiatives = initiatives
        .into_iter()
        .zip(sources.quotes.iter().copied())
        .map(|(initiative, source)| ParsedInitiative {
            initiative,
            quote_source: source,
        })
        .collect();
    // The introductions name initiatives in the site's own words: those names link too.
    let intro_linker = Linker {
        matcher: &context.matcher,
        hrefs: &intro_hrefs,
    };
    let intro = |body: &str, line: usize| {
        markdown::render_plain(body, line, config.trusted_html, Some(&intro_linker))
    };
    let topics = topics
        .into_iter()
        .map(|topic| {
            let intro = intro(&topic.body, topic.body_line);
            text.topics.push(intro.text);
            checks.topics.push(intro.checks);
            ParsedTopic {
                intro: intro.html,
                topic,
            }
        })
        .collect();
    let editions = editions
        .into_iter()
        .map(|edition| ParsedEdition {
            intro: intro(&edition.body, edition.body_line).html,
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
    let lap = crate::steps::lap("parse: mentions, intros", lap);
    let (decided, conflicts) = concepts::decide(
        &site,
        concept,
        &context.matcher,
        &found,
        &named,
        &sources,
        &initiatives_file,
        &organisations_file,
    );
    errors.extend(conflicts);
    site.concepts = decided;
    crate::steps::lap("parse: concepts", lap);
    let parsed = Parsed {
        site,
        text,
        checks,
        context,
    };
    (Some(parsed), errors)
}

/// The link from a report page to each initiative's page. Every report page sits at the same
/// depth, so one set serves them all.
fn initiative_hrefs(urls: &Urls, initiatives: &[Initiative]) -> Vec<String> {
    let from_report = urls::report("-");
    initiatives
        .iter()
        .map(|i| urls.href(Origin::Page(&from_report), &urls::initiative(&i.slug)))
        .collect()
}
