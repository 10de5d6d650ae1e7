//! Every word the site adds around the reports is supported by the reports' own words: each
//! initiative's `quote`, each organisation's `as_written`, and each link text the editors
//! wrote. Checked on the rendered text, so Markdown markup never decides whether words match.
//! And what the site says with those words must be what the words say: a judgement
//! (`mentioned_as`), a reason in a description, what a person did at the table (`part`).

use std::path::Path;
use std::sync::Arc;

use crate::content::{Initiative, MentionedAs, Organisation, Part, Report};
use crate::error::{ContentError, ContentErrors};
use crate::memo::{Memo, fingerprint};
use crate::parse::markdown::{CheckData, LinkRef};
use crate::parsed::{ParsedReport, ReportId, Text};
use aho_corasick::AhoCorasick;
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

/// The checks of this module across the rendered reports, read in their `text` (`concept`
/// says, per report, whether it is a concept): where each quote was found, and the errors.
/// What one report's words decide alone is [`check_report`]'s, run with its Markdown pass.
/// What each report's text holds of the words looked for is taken from `held` when the
/// report's pass and the words are as in the last build ([`first_holding_kept`]).
#[allow(clippy::too_many_arguments)]
pub fn check(
    reports: &[ParsedReport],
    text: &Text,
    concept: &[bool],
    initiatives: &[Initiative],
    initiatives_file: &Path,
    organisations: &[Organisation],
    organisations_file: &Path,
    held: &mut Held,
) -> (Sources, ContentErrors) {
    // The published reports first, so the first report found is a published one if any is.
    let order: Vec<usize> = (0..reports.len())
        .filter(|&r| !concept[r])
        .chain((0..reports.len()).filter(|&r| concept[r]))
        .collect();
    let texts: Vec<(Option<u64>, &[String])> = order
        .iter()
        .map(|&r| (reports[r].body_key, text.reports[r].as_slice()))
        .collect();
    // Every word looked for in one pass over the reports: the quotes, the organisations'
    // `as_written`, then the initiatives' places and times (two passes normalised the first
    // reports' text twice).
    let asked = place_and_time(initiatives);
    let words: Vec<&str> = initiatives
        .iter()
        .map(|i| i.quote.as_str())
        .chain(organisations.iter().filter_map(|o| o.as_written.as_deref()))
        .chain(asked.iter().map(|(_, _, w, _)| *w))
        .collect();
    let found = first_holding_kept(&texts, &words, held);
    let (found, at_place_and_time) = found.split_at(words.len() - asked.len());
    let (quotes, as_written, mut errors) = check_quotes(
        found,
        initiatives,
        initiatives_file,
        organisations,
        organisations_file,
    );
    errors.extend(check_place_and_time(
        &asked,
        at_place_and_time,
        initiatives_file,
    ));
    // A quote no report holds is reported as such; what it would say is not judged.
    for (i, _) in initiatives.iter().zip(&quotes).filter(|(_, s)| s.is_some()) {
        errors.extend(check_judgement(i, initiatives_file));
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

/// What each report's text holds of the words [`first_holding_kept`] looks for (their places
/// in the sorted list of distinct words), kept by `serve` from one build to the next by the
/// report's pass (its text) and those words: after an edit, only the edited report's text is
/// normalised and searched again (at 10,000 reports the search took 37–49 ms of each edit).
pub type Held = Memo<Arc<[usize]>>;

// Text as quotes are compared lives on the ground floor (`text`), where the record of a report
// uses it too (`parsed::Reading`).
pub use crate::text::quote_form as normalise;
use crate::text::quote_form_of_words as normalise_words;

/// How many reports are looked in at once: past the first reports that hold every quote
/// (on a real site, nearly always the first batch) nothing more is read.
const BATCH: usize = 256;

/// For each of `words`, the first report (by its place in `texts`, each a report's sections'
/// texts) whose text holds it, as [`normalise`] compares text.
pub fn first_holding(texts: &[&[String]], words: &[&str]) -> Vec<Option<usize>> {
    let texts: Vec<(Option<u64>, &[String])> = texts.iter().map(|t| (None, *t)).collect();
    first_holding_kept(&texts, words, &mut Memo::off())
}

/// [`first_holding`], each text with its key (`None`: not kept), what each text holds taken
/// from `held` when its key and the words are as in the last build. Each report's text is
/// normalised on its own, a batch of reports in parallel, and dropped once looked in: a
/// normalised copy of every report at once cost as much memory as the reports' text (about
/// 70 MB at 10,000 reports). The search stops at the first batch after which every word is
/// found; `held` then keeps what the reports looked in hold.
pub fn first_holding_kept(
    texts: &[(Option<u64>, &[String])],
    words: &[&str],
    held: &mut Held,
) -> Vec<Option<usize>> {
    let needles: Vec<String> = words.iter().map(|w| normalise(w)).collect();
    let mut first: Vec<Option<usize>> = vec![None; needles.len()];
    // An empty text is held by every report, yet supports nothing.
    let open: Vec<usize> = (0..needles.len())
        .filter(|&i| !needles[i].is_empty())
        .collect();
    if open.is_empty() {
        return first;
    }
    // All the words looked for in one pass over each text (Aho-Corasick, every match, also
    // overlapping ones): a `contains` per word per report was 5 % of a build's CPU time at
    // 1,000 reports. A word asked for twice is one pattern, reported for both.
    let mut distinct: Vec<&str> = open.iter().map(|&i| needles[i].as_str()).collect();
    distinct.sort_unstable();
    distinct.dedup();
    let asked: Vec<Vec<usize>> = distinct
        .iter()
        .map(|d| open.iter().copied().filter(|&i| needles[i] == *d).collect())
        .collect();
    let automaton = AhoCorasick::new(&distinct).expect("a few thousand short patterns");
    // What a report holds is by the places of the words in `distinct`: part of its key.
    let words_key = held.is_on().then(|| fingerprint(&distinct));
    let mut kept = Vec::new();
    let mut unfound = distinct.len();
    for (b, batch) in texts.chunks(BATCH).enumerate() {
        if unfound == 0 {
            break;
        }
        let holds: Vec<(Option<u64>, Arc<[usize]>)> = batch
            .par_iter()
            .map(|(key, sections)| {
                held.get_or(
                    || Some(fingerprint(((*key)?, words_key?))),
                    || holding(&automaton, sections),
                )
            })
            .collect();
        for (r, (_, found)) in holds.iter().enumerate() {
            for &d in found.iter() {
                if first[asked[d][0]].is_none() {
                    unfound -= 1;
                    for &i in &asked[d] {
                        first[i] = Some(b * BATCH + r);
                    }
                }
            }
        }
        kept.extend(holds);
    }
    held.keep(kept);
    first
}

/// The patterns of `automaton` (by their places) a report's text holds, in order, once each.
fn holding(automaton: &AhoCorasick, sections: &[String]) -> Arc<[usize]> {
    let text = normalise_words(sections.iter().flat_map(|s| s.split_whitespace()));
    let mut found: Vec<usize> = automaton
        .find_overlapping_iter(&text)
        .map(|m| m.pattern().as_usize())
        .collect();
    found.sort_unstable();
    found.dedup();
    found.into()
}

/// For each initiative the report its quote comes from, for each organisation the report its
/// `as_written` comes from (by their place in the texts looked in); an error for each quote
/// and each `as_written` that no report holds. `found`: where each quote, then each
/// `as_written`, was found ([`first_holding`]).
fn check_quotes(
    found: &[Option<usize>],
    initiatives: &[Initiative],
    initiatives_file: &Path,
    organisations: &[Organisation],
    organisations_file: &Path,
) -> (Vec<Option<usize>>, Vec<Option<usize>>, ContentErrors) {
    let mut errors = ContentErrors::default();
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
                        i.lines.of("quote"),
                        format!("initiatief '{}' heeft geen bron (quote)", i.name),
                    )
                    .hint("kopieer onder quote de woorden uit een verslag waar de beschrijving op steunt"),
                );
            } else if found.is_none() {
                errors.push(
                    ContentError::new(
                        initiatives_file,
                        i.lines.of("quote"),
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
                    o.lines.of("as_written"),
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

/// An initiative's `place` and `when` are a report's own words, as its quote is: the page
/// shows them as what the report says. What is asked of each initiative: what, the words,
/// their line ([`check_place_and_time`] reports them).
type Asked<'a> = (&'a Initiative, &'static str, &'a str, usize);

fn place_and_time(initiatives: &[Initiative]) -> Vec<Asked<'_>> {
    initiatives
        .iter()
        .flat_map(|i| {
            [
                i.place
                    .as_deref()
                    .map(|w| (i, "plaats (place)", w, i.lines.of("place"))),
                i.when
                    .as_deref()
                    .map(|w| (i, "tijd (when)", w, i.lines.of("when"))),
            ]
        })
        .flatten()
        .collect()
}

/// An error for each place and time `asked` that no report holds (`found`, in the same order).
fn check_place_and_time(asked: &[Asked], found: &[Option<usize>], file: &Path) -> ContentErrors {
    let mut errors = ContentErrors::default();
    for ((i, what, words, line), found) in asked.iter().zip(found) {
        if found.is_none() {
            errors.push(
                ContentError::new(
                    file,
                    *line,
                    format!("de {what} '{words}' van '{}' staat in geen enkel verslag", i.name),
                )
                .hint("kopieer de woorden letterlijk uit het verslag, bijvoorbeeld place = \"Almere Haven\"; zegt het verslag niet waar of wanneer, laat het veld dan weg"),
            );
        }
    }
    errors
}

/// The words of a text, folded (lower case, no accents), as whole words.
fn words(text: &str) -> Vec<String> {
    split_words(&crate::text::fold(text))
        .map(str::to_owned)
        .collect()
}

/// The words of a folded text: its runs of letters and digits.
fn split_words(folded: &str) -> impl Iterator<Item = &str> {
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// Words that call something a good example, or something that works: `mentioned_as =
/// "voorbeeld"` is a judgement, and its quote must make it.
pub const PRAISE_WORDS: &[&str] = &[
    "voorbeeld",
    "voorbeelden",
    "mooi",
    "mooie",
    "positief",
    "succesvol",
    "succesvolle",
    "laagdrempelig",
];

/// Words that say something is missing, lost or going: `mentioned_as = "gemis"`.
pub const LOSS_WORDS: &[&str] = &[
    "mist",
    "missen",
    "gemist",
    "ontbreekt",
    "ontbreken",
    "verdwijnt",
    "verdwijnen",
    "verdwenen",
    "vroeger",
    "verkocht",
    "ingenomen",
    "bestemd",
    "gestopt",
    "afgebroken",
];

/// Words that give a reason: a description that says why must have the reason from the
/// report (the Cultuurdome "verdwijnt, wordt verkocht" is no "omdat").
pub const REASON_WORDS: &[&str] = &["omdat", "doordat", "want", "daardoor", "daarom", "zodat"];

/// An initiative's `mentioned_as` and description say no more than its quote: "voorbeeld"
/// needs words of praise in the quote, "gemis" words of loss ("idee" and "genoemd" judge
/// nothing), and a reason in the description needs the same word in the quote.
pub fn check_judgement(i: &Initiative, file: &Path) -> ContentErrors {
    let mut errors = ContentErrors::default();
    let quoted = words(&i.quote);
    let has = |list: &[&str]| quoted.iter().any(|w| list.contains(&w.as_str()));
    let (needed, what, value) = match i.mentioned_as {
        MentionedAs::Voorbeeld => (PRAISE_WORDS, "noemt het geen goed voorbeeld", "voorbeeld"),
        MentionedAs::Gemis => (LOSS_WORDS, "zegt niet dat het mist of weg is", "gemis"),
        MentionedAs::Idee | MentionedAs::Genoemd => (&[][..], "", ""),
    };
    if !needed.is_empty() && !i.quote.trim().is_empty() && !has(needed) {
        errors.push(
            ContentError::new(
                file,
                i.lines.of("mentioned_as"),
                format!(
                    "'{}' staat als mentioned_as = \"{value}\", maar de quote {what}",
                    i.name
                ),
            )
            .hint(format!(
                "kies wat de woorden van het verslag steunen (\"idee\" als het verslag zegt dat het kan helpen, \"genoemd\" als het alleen de naam noemt), of neem in de quote de woorden op die het zeggen, zoals '{}'",
                needed[..3].join("', '")
            )),
        );
    }
    for reason in words(&i.description)
        .iter()
        .filter(|w| REASON_WORDS.contains(&w.as_str()))
    {
        if !quoted.contains(reason) {
            errors.push(
                ContentError::new(
                    file,
                    i.lines.of("description"),
                    format!(
                        "de beschrijving van '{}' geeft een reden ('{reason}'), maar de quote niet",
                        i.name
                    ),
                )
                .hint("schrijf alleen een reden op die het verslag zelf geeft, en neem die woorden op in de quote; zegt het verslag twee dingen na elkaar, schrijf dan 'en'"),
            );
        }
    }
    errors
}

/// The words by which a report says what someone did at the table, for each [`Part`]
/// ("genoemd" says nothing).
pub fn part_words(part: Part) -> &'static [&'static str] {
    match part {
        Part::Ontvangst => &[
            "verwelkomde",
            "verwelkomt",
            "welkom",
            "ontvangst",
            "ontving",
        ],
        Part::Presentatie => &[
            "presenteerde",
            "presenteert",
            "presentatie",
            "lichtte",
            "toegelicht",
        ],
        Part::Gespreksleiding => &[
            "begeleiding",
            "gespreksleider",
            "gespreksleiding",
            "leidde",
            "leidt",
        ],
        Part::Opening => &["opende", "opent", "opening"],
        Part::Genoemd => &[],
    }
}

/// The checks of one report that read nothing but the report: its link texts and its
/// people's parts, on its Markdown pass (`checks`, `text`). They run with the pass
/// ([`crate::parse::report`]), so `serve` keeps their result with it: an edit checks the
/// edited report again, not every report (at 10,000 reports this was most of a rebuild).
pub fn check_report(report: &Report, checks: &CheckData, text: &[String]) -> ContentErrors {
    let mut errors = check_link_texts(report, &checks.links);
    let paragraphs: Vec<(usize, &str)> = checks.paragraphs(text).collect();
    errors.extend(check_parts(report, &paragraphs));
    errors
}

/// Each `part` of a person in `people` is said by the report: in a sentence that names the
/// person (by the whole name or the first name, as "Radboud presenteerde"), one of the
/// [`part_words`] of that part. "Projectleider Jacomijn Baart opende het gesprek" makes an
/// "opening", not a "gespreksleiding".
pub fn check_parts(report: &Report, paragraphs: &[(usize, &str)]) -> ContentErrors {
    let mut errors = ContentErrors::default();
    if report.lines.replaced("people") {
        return errors;
    }
    if report.people.is_empty() {
        return errors;
    }
    // Every sentence, folded once for all the people: folding was a fifth of a build's CPU
    // time at 1,000 reports when it was done again for each person. Its words are slices of
    // it, cut only where needed: a `String` per word of every sentence was 9 % of a build's
    // CPU time at 1,000 reports, most of it allocating.
    let folded: Vec<String> = paragraphs
        .iter()
        .flat_map(|&(_, paragraph)| {
            let ends = crate::text::sentence_ends(paragraph);
            let starts = std::iter::once(0).chain(ends.clone());
            starts
                .zip(ends.into_iter().chain([paragraph.len()]))
                .map(|(start, end)| crate::text::fold(&paragraph[start..end]))
                .collect::<Vec<_>>()
        })
        .collect();
    for person in &report.people {
        let first = person.name.split_whitespace().next().unwrap_or_default();
        let (name, first) = (crate::text::fold(&person.name), crate::text::fold(first));
        let names: [Vec<&str>; 2] = [split_words(&name).collect(), split_words(&first).collect()];
        // The words of every sentence that names the person. A sentence without the name's
        // first word anywhere in it is not cut into words at all: most sentences name no one.
        let names_person = |sentence: &str| {
            names.iter().any(|name| {
                name.first().is_some_and(|w| sentence.contains(w)) && {
                    let words: Vec<&str> = split_words(sentence).collect();
                    words.windows(name.len()).any(|w| w == name.as_slice())
                }
            })
        };
        let said: Vec<&str> = folded
            .iter()
            .filter(|sentence| names_person(sentence))
            .flat_map(|sentence| split_words(sentence))
            .collect();
        for &part in &person.part {
            let needed = part_words(part);
            if needed.is_empty() || said.iter().any(|w| needed.contains(w)) {
                continue;
            }
            let key = part.key();
            errors.push(
                ContentError::new(
                    &report.file,
                    report.lines.of("people"),
                    format!(
                        "bij {} staat part = \"{key}\", maar geen zin van het verslag met die naam zegt dat",
                        person.name
                    ),
                )
                .hint(format!(
                    "kies wat het verslag zegt: ontvangst (verwelkomde), presentatie (presenteerde, lichtte het onderzoek toe), gespreksleiding (onder begeleiding van, gespreksleider), opening (opende het gesprek) of genoemd; voor \"{key}\" zoekt het programma woorden als '{}'",
                    needed.join("', '")
                )),
            );
        }
    }
    errors
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

    fn initiative(mentioned_as: &str, description: &str, quote: &str) -> Initiative {
        toml::from_str(&format!(
            "name = \"X\"\nslug = \"x\"\nkind = \"plek\"\nmentioned_as = \"{mentioned_as}\"\naliases = [\"X\"]\ndescription = \"{description}\"\nquote = \"{quote}\""
        ))
        .unwrap()
    }

    #[test]
    fn a_judgement_needs_the_reports_words() {
        let file = Path::new("i.toml");
        for (mentioned_as, description, quote, errors) in [
            ("voorbeeld", "D.", "Een goed voorbeeld is X.", 0),
            ("voorbeeld", "D.", "Mooie initiatieven, zoals X.", 0),
            // 'Almere voor elkaar' "kan helpen": an idea, not a good example.
            (
                "voorbeeld",
                "D.",
                "X kan helpen om de juiste match te vinden.",
                1,
            ),
            (
                "idee",
                "D.",
                "X kan helpen om de juiste match te vinden.",
                0,
            ),
            ("gemis", "D.", "Vb. X verdwijnt, wordt verkocht.", 0),
            // 'Playground in Poort': there is one, nothing is missing.
            ("gemis", "D.", "Daar is er één X voor jongeren.", 1),
            ("genoemd", "D.", "Daar is er één X voor jongeren.", 0),
            // The Cultuurdome "verdwijnt, wordt verkocht": no "omdat".
            (
                "gemis",
                "X verdwijnt, omdat hij wordt verkocht.",
                "X verdwijnt, wordt verkocht.",
                1,
            ),
            (
                "gemis",
                "X mist, omdat het duur is.",
                "X mist, omdat het duur is.",
                0,
            ),
            ("voorbeeld", "Het werkt, want het is dichtbij.", "Y.", 2),
        ] {
            let got = check_judgement(&initiative(mentioned_as, description, quote), file);
            assert_eq!(
                got.0.len(),
                errors,
                "{mentioned_as}: {description} / {quote}: {got:?}"
            );
        }
    }

    #[test]
    fn a_part_is_said_in_a_sentence_that_names_the_person() {
        let text = "+++\ntitle = \"T\"\ntopic = \"t\"\ndate = 2023-05-16\nstart = \"10:00\"\nend = \"12:00\"\nlocation = \"L\"\nparticipants = 2\norganisations = []\ndescription = \"D\"\npeople = [\n  { name = \"Jacomijn Baart\", part = \"PART\" },\n  { name = \"Radboud Engbersen\", part = [\"gespreksleiding\", \"presentatie\"] },\n]\n+++\nProjectleider Jacomijn Baart opende het gesprek. Iemand anders leidde het.\n\nOnder begeleiding van Radboud Engbersen kwam het gesprek op gang. Radboud presenteerde cijfers.\n";
        for (part, errors) in [
            ("opening", 0),
            ("genoemd", 0),
            // What the slip was: she opened the conversation; the report does not say she led it.
            ("gespreksleiding", 1),
            ("ontvangst", 1),
        ] {
            let (read, _) = Report::read(Path::new("r.md"), &text.replace("PART", part));
            let (report, markdown) = read.unwrap();
            let body = crate::parse::markdown::render(
                Path::new("r.md"),
                &markdown.text,
                markdown.line,
                None,
                false,
            )
            .unwrap();
            let paragraphs: Vec<(usize, &str)> = body.paragraphs().collect();
            let got = check_parts(&report, &paragraphs);
            assert_eq!(got.0.len(), errors, "{part}: {got:?}");
        }
    }

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
