//! Property checks shared by the fuzz targets (`fuzz/fuzz_targets/*.rs`, through `#[path]`) and
//! the corpus regression test (`tests/fuzz_corpus.rs`, which runs every file under
//! `fuzz/corpus/<target>/` through the same function in a normal `cargo test`).
//!
//! Each public function takes the raw fuzz input, calls the library and panics when a property
//! does not hold. Input that is not UTF-8 is skipped: the library only ever sees `&str`.
#![allow(dead_code)] // every fuzz target uses one of the checks

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::OnceLock;

use elasticlunr::{Language, Pipeline};

use vindplaats::content::front_matter;
use vindplaats::content::{Edition, Initiative, Report, Topic, initiative, synonyms};
use vindplaats::error::ContentError;
use vindplaats::parse::markdown::{self, Body, Linker, Rendered};
use vindplaats::parse::mentions::{Found, Matcher};
use vindplaats::search::{Dutch, synonym_groups};
use vindplaats::text;
use vindplaats::text::sentence_around;

const REPORT_FILE: &str = "content/rapporten/fuzz.md";
const TOPIC_FILE: &str = "content/themas/fuzz.md";
const EDITION_FILE: &str = "content/edities/2024.md";

fn utf8(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(data).ok()
}

// ---------------------------------------------------------------------------------------------
// front_matter: split, Report::parse, Topic::parse

/// `split`, `Report::parse` and `Topic::parse` never panic, and every line they name lies in
/// the file (at most one past its last line, for "at the end").
pub fn front_matter(data: &[u8]) {
    let Some(text) = utf8(data) else { return };
    let max_line = text.lines().count() + 1;
    let file = Path::new(REPORT_FILE);
    match front_matter::split(file, text) {
        Ok(s) => {
            assert!(text.ends_with(s.body), "body is not the end of the file");
            assert!(text.contains(s.front_matter));
            assert_eq!(s.front_matter_line, 2);
            assert_eq!(
                s.body_line,
                s.front_matter_line + s.front_matter.matches('\n').count() + 1,
                "body_line does not follow the front matter"
            );
            assert!(
                s.body_line <= max_line,
                "body_line {} > {max_line}",
                s.body_line
            );
        }
        Err(e) => check_error(text, &e, max_line),
    }
    match front_matter::strict(Report::read(file, text)) {
        Ok((r, markdown)) => {
            assert!(
                markdown.line <= max_line,
                "body_line {} > {max_line}",
                markdown.line
            );
            assert!(text.ends_with(&*markdown.text));
            for key in [
                "title",
                "topic",
                "date",
                "start",
                "end",
                "location",
                "participants",
                "organisations",
                "description",
                "people",
                "corrections",
            ] {
                let line = r.lines.of(key);
                assert!(line <= max_line, "key '{key}' on line {line} > {max_line}");
            }
        }
        Err(errors) => errors.0.iter().for_each(|e| check_error(text, e, max_line)),
    }
    match Topic::parse(Path::new(TOPIC_FILE), text) {
        Ok(t) => assert!(
            t.body_line <= max_line,
            "body_line {} > {max_line}",
            t.body_line
        ),
        Err(errors) => errors.0.iter().for_each(|e| check_error(text, e, max_line)),
    }
}

// ---------------------------------------------------------------------------------------------
// edition: Edition::parse (content/edities/<jaar>.md)

/// `Edition::parse` never panics; every line it names lies in the file; an edition it accepts
/// has the year of its file name, a title and a description, and a body that ends the file.
pub fn edition(data: &[u8]) {
    let Some(text) = utf8(data) else { return };
    let max_line = text.lines().count() + 1;
    match Edition::parse(Path::new(EDITION_FILE), text) {
        Ok(e) => {
            assert_eq!(e.year, 2024, "accepted a year that is not the file's name");
            assert!(!e.title.trim().is_empty(), "accepted an empty title");
            assert!(
                !e.description.trim().is_empty(),
                "accepted an empty description"
            );
            assert!(text.ends_with(&e.body), "body is not the end of the file");
            assert!(
                e.body_line <= max_line,
                "body_line {} > {max_line}",
                e.body_line
            );
            for key in [
                "year",
                "title",
                "period",
                "organisers",
                "bureaus",
                "description",
            ] {
                let line = e.lines.of(key);
                assert!(line <= max_line, "key '{key}' on line {line} > {max_line}");
            }
        }
        Err(errors) => errors.0.iter().for_each(|e| check_error(text, e, max_line)),
    }
}

// ---------------------------------------------------------------------------------------------
// synonyms: content/synoniemen.toml through synonyms::load and search::synonym_groups

/// Reading the synonym file and turning its words into search terms never panics; every line
/// named lies in the file; an accepted file has groups of at least two words that are at least
/// two terms, and no term in two groups.
pub fn synonyms(data: &[u8]) {
    let Some(text) = utf8(data) else { return };
    let max_line = text.lines().count() + 1;
    // The loader reads a folder: one per process, written again for every input.
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    let dir = DIR.get_or_init(|| tempfile::tempdir().expect("a temporary folder"));
    std::fs::write(dir.path().join(synonyms::SYNONYMS_FILE), text).expect("write the input");
    let loaded = match synonyms::load(dir.path()) {
        Ok(s) => s,
        Err(errors) => return errors.0.iter().for_each(|e| check_error(text, e, max_line)),
    };
    for g in &loaded.groups {
        assert!(
            g.woorden.len() >= 2,
            "accepted a group of {} words",
            g.woorden.len()
        );
        assert!(
            g.line >= 1 && g.line <= max_line,
            "group on line {} > {max_line}",
            g.line
        );
    }
    match synonym_groups(&loaded) {
        Ok(groups) => {
            let mut seen = BTreeSet::new();
            for terms in &groups {
                assert!(terms.len() >= 2, "accepted a group of one term: {terms:?}");
                for t in terms {
                    assert!(seen.insert(t.clone()), "term '{t}' in two groups");
                }
            }
        }
        Err(errors) => errors.0.iter().for_each(|e| check_error(text, e, max_line)),
    }
}

fn check_error(text: &str, e: &ContentError, max_line: usize) {
    assert!(
        e.line <= max_line,
        "error on line {} but the file has {} lines: {e}",
        e.line,
        max_line - 1
    );
    assert!(!e.message.is_empty());
    if e.line > 0 && e.column > 0 {
        let chars = text
            .lines()
            .nth(e.line - 1)
            .map_or(0, |l| l.chars().count());
        assert!(
            e.column <= chars + 1,
            "column {} but line {} has {chars} characters: {e}",
            e.column,
            e.line
        );
    }
}

// ---------------------------------------------------------------------------------------------
// markdown: render with and without a linker

/// A fixed set of real initiatives and their aliases, as the markdown target's linker uses.
pub const FIXED_ALIASES: &[&[&str]] = &[
    &["Sociaal Café"],
    &["De Naamloze Pilot", "Naamloze Pilot"],
    &["Welcome app"],
    &["buurtbiebs"],
    &["Almere met een Stem", "JAMES"],
    &["De vreedzame wijk", "vreedzame wijk"],
    &["Droomspeelbus"],
];

/// An initiative as `content/initiatieven.toml` would give it (built through its `Deserialize`, so
/// fields the loader fills in later need no mention here).
pub fn initiative(i: usize, aliases: Vec<String>) -> Initiative {
    let mut t = toml::Table::new();
    t.insert("name".into(), format!("Initiatief {i}").into());
    t.insert("slug".into(), format!("initiatief-{i}").into());
    t.insert("kind".into(), "plek".into());
    t.insert("mentioned_as".into(), "genoemd".into());
    t.insert("aliases".into(), aliases.into());
    t.insert("description".into(), "Een initiatief.".into());
    t.insert("quote".into(), "Een initiatief.".into());
    t.try_into().expect("a valid initiative")
}

fn fixed() -> &'static (Matcher, Vec<String>) {
    static FIXED: OnceLock<(Matcher, Vec<String>)> = OnceLock::new();
    FIXED.get_or_init(|| {
        let initiatives: Vec<Initiative> = FIXED_ALIASES
            .iter()
            .enumerate()
            .map(|(i, a)| initiative(i, a.iter().map(|s| (*s).to_owned()).collect()))
            .collect();
        let hrefs = initiatives
            .iter()
            .map(|i| format!("../../{}", i.path()))
            .collect();
        (Matcher::new(&initiatives), hrefs)
    })
}

/// `render` never panics. With untrusted HTML (the default): the HTML carries no script, frame,
/// event handler or `javascript:` URL, only the sanitiser's tags; every id is unique and none is
/// one the page template uses; every mention lies in a section. With `trusted_html` the same
/// structure (ids, sections, mentions) holds, the markup is the author's.
pub fn markdown(data: &[u8]) {
    let Some(body) = utf8(data) else { return };
    let file = Path::new(REPORT_FILE);
    let (matcher, hrefs) = fixed();
    let linker = Linker { matcher, hrefs };
    let max_line = body.matches('\n').count() + 1;
    for trusted in [false, true] {
        let plain = markdown::render(file, body, 1, None, trusted);
        let linked = markdown::render(file, body, 1, Some(&linker), trusted);
        match (&plain, &linked) {
            (Ok(plain), Ok(linked)) => {
                assert!(plain.body.mentions.is_empty(), "mentions without a linker");
                let ids = |r: &Rendered| {
                    r.body
                        .sections
                        .iter()
                        .map(|s| s.id.clone())
                        .collect::<Vec<_>>()
                };
                assert_eq!(ids(plain), ids(linked), "the linker changed the sections");
                check_rendered(&plain.body, None, trusted);
                check_rendered(&linked.body, Some(matcher), trusted);
            }
            (Err(a), Err(b)) => {
                assert_eq!(a, b, "the linker changed the errors");
                for e in &a.0 {
                    assert!(
                        e.line >= 1 && e.line <= max_line,
                        "error on line {}: {e}",
                        e.line
                    );
                }
            }
            _ => panic!("render with and without a linker disagree on success"),
        }
    }
}

fn check_rendered(r: &Body, matcher: Option<&Matcher>, trusted_html: bool) {
    // Ids: unique, never reserved, the intro (only the first section) keeps its own.
    let mut ids = BTreeSet::new();
    for (i, s) in r.sections.iter().enumerate() {
        assert_eq!(
            s.title.is_none(),
            s.id == markdown::INTRO_ID || s.id == markdown::CLOSING_ID,
            "section {i}: {s:?}"
        );
        let closing_last = s.id == markdown::CLOSING_ID && i + 1 == r.sections.len();
        assert!(
            s.title.is_some() || i == 0 || closing_last,
            "untitled section {i}"
        );
        assert!(ids.insert(s.id.clone()), "section id '{}' twice", s.id);
        for h in &s.subheadings {
            assert!(ids.insert(h.id.clone()), "heading id '{}' twice", h.id);
            assert!((3..=6).contains(&h.level));
        }
    }
    for id in &ids {
        assert!(
            !markdown::RESERVED_IDS.contains(&id.as_str()),
            "reserved id '{id}' used"
        );
        assert!(
            id == markdown::INTRO_ID || text::is_slug(id),
            "id '{id}' is not a slug"
        );
    }
    for s in r.sections.iter().filter(|s| s.title.is_some()) {
        let open = format!("<div class=\"kop kop-2\">\n<h2 id=\"{}\">", s.id);
        assert!(
            s.html.starts_with(&open),
            "section does not open with {open}"
        );
    }
    // Every heading keeps its id in the HTML (the table of contents and permalinks link to it),
    // and raw HTML never brings the intro section's id (the template gives it).
    for s in &r.sections {
        for h in &s.subheadings {
            let open = format!("<h{} id=\"{}\">", h.level, h.id);
            assert!(
                s.html.contains(&open),
                "no {open} in section '{}': {}",
                s.id,
                s.html
            );
        }
    }

    if !trusted_html {
        // An element's id, not the words `id="inleiding"` in the text.
        let ids = check_html(&r.html());
        assert!(
            !ids.iter().any(|id| id == markdown::INTRO_ID),
            "raw HTML brought the intro section's id"
        );
    }

    // Mentions: only with a linker, each in a section, at most one link per section.
    let mut linked = BTreeSet::new();
    for m in &r.mentions {
        let matcher = matcher.expect("mentions without a linker");
        assert!(
            m.section < r.sections.len(),
            "mention {m:?} in unknown section; {} sections",
            r.sections.len()
        );
        assert!(m.alias < matcher.alias_count());
        assert_eq!(matcher.alias(m.alias).0, m.initiative);
        assert!(!m.text.is_empty(), "empty mention {m:?}");
        if m.linked {
            assert!(
                linked.insert((m.section, m.initiative)),
                "initiative {:?} linked twice in section {}",
                m.initiative,
                m.section
            );
        }
    }
}

/// Tags the page body may carry: what Markdown makes, and what `markdown::sanitise` lets
/// through of raw HTML.
use vindplaats::parse::markdown::ALLOWED_TAGS;

/// Attributes the page body may carry (`style` only as a table column's alignment).
const ALLOWED_ATTRIBUTES: &[&str] = &[
    "id",
    "href",
    "class",
    "aria-label",
    "title",
    "src",
    "alt",
    "start",
    "style",
];

/// No dangerous markup in rendered HTML: no `<script` or `<iframe` anywhere (checked
/// case-insensitively; raw HTML is sanitised), only known tags and attributes (no `on…` event
/// handlers), no `javascript:`-like URL, every element id unique and none of the template's
/// own, every heading permalink landing on its id.
/// Returns the ids of the elements.
pub fn check_html(html: &str) -> Vec<String> {
    let lower = html.to_ascii_lowercase();
    for bad in ["<script", "<iframe"] {
        assert!(
            !lower.contains(bad),
            "{bad} in the output: {}",
            excerpt(html, &lower, bad)
        );
    }
    let mut element_ids = Vec::new();
    let mut fragments = Vec::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        let after = &rest[lt + 1..];
        let gt = after.find('>').expect("unclosed tag in the output");
        let tag = &after[..gt];
        rest = &after[gt + 1..];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        // The renderer's own box around a heading and its permalink is the one <div>: raw
        // HTML in the content never brings one (the sanitiser has no <div>).
        let own_box = name == "div"
            && (tag == "/div"
                || (tag.starts_with("div class=\"kop kop-")
                    && tag.len() == "div class=\"kop kop-2\"".len()));
        assert!(
            ALLOWED_TAGS.contains(&name.as_str()) || own_box,
            "unexpected tag <{tag}> in the output"
        );
        // Attribute values are the quoted parts; the renderer always uses double quotes.
        let mut parts = tag.split('"');
        let (mut fragment, mut permalink) = (None, false);
        while let (Some(before), Some(value)) = (parts.next(), parts.next()) {
            let attr = before.trim().trim_end_matches('=').to_ascii_lowercase();
            let attr = attr.rsplit(' ').next().unwrap_or_default();
            assert!(
                ALLOWED_ATTRIBUTES.contains(&attr),
                "unexpected attribute {attr} in <{tag}> in the output"
            );
            if matches!(attr, "href" | "src") {
                // As a browser reads a URL: entities decoded, tabs, newlines and controls gone.
                let url: String = decode_entities(value)
                    .chars()
                    .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
                    .collect::<String>()
                    .to_ascii_lowercase();
                for scheme in ["javascript:", "vbscript:", "data:"] {
                    assert!(
                        !url.starts_with(scheme),
                        "{scheme} URL in <{tag}> in the output"
                    );
                }
            }
            if attr == "style" {
                // Only the column alignment Markdown tables write.
                assert!(
                    [
                        "text-align: left",
                        "text-align: center",
                        "text-align: right"
                    ]
                    .contains(&value),
                    "style=\"{value}\" in the output"
                );
            }
            match attr {
                "id" => element_ids.push(value.to_owned()),
                "href" if value.starts_with('#') => fragment = Some(value[1..].to_owned()),
                "class" => permalink = value == "permalink",
                _ => {}
            }
        }
        // The renderer's own in-page links (heading permalinks) must land; an author's link to
        // a missing anchor is a content error that `check` reports, not a rendering fault.
        if let (Some(f), true) = (fragment, permalink) {
            fragments.push(f);
        }
    }
    let unique: BTreeSet<&String> = element_ids.iter().collect();
    assert_eq!(
        unique.len(),
        element_ids.len(),
        "duplicate element id: {element_ids:?}"
    );
    for id in &element_ids {
        assert!(
            !markdown::RESERVED_IDS.contains(&id.as_str()),
            "id=\"{id}\" in the output: the page template uses that id itself"
        );
    }
    for f in &fragments {
        assert!(
            unique.contains(f),
            "link to #{f} but no element has that id"
        );
    }
    element_ids
}

fn excerpt<'a>(html: &'a str, lower: &str, needle: &str) -> &'a str {
    let at = lower.find(needle).unwrap_or(0);
    let mut start = at.saturating_sub(60);
    while !html.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (at + 80).min(html.len());
    while !html.is_char_boundary(end) {
        end += 1;
    }
    &html[start..end]
}

/// The character references an HTML parser would decode in an attribute value.
fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest.find(';').filter(|e| *e <= 12);
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "colon" => Some(':'),
                "Tab" => Some('\t'),
                "NewLine" => Some('\n'),
                _ if name.starts_with("#x") || name.starts_with("#X") => {
                    u32::from_str_radix(&name[2..], 16)
                        .ok()
                        .and_then(char::from_u32)
                }
                _ if name.starts_with('#') => name[1..].parse().ok().and_then(char::from_u32),
                _ => None,
            };
            c.map(|c| (c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

// ---------------------------------------------------------------------------------------------
// mentions: Matcher::new, find, occurrences, sentence_around

/// Input: a first line of aliases separated by `|` (alias *n* belongs to initiative *n* % 3),
/// the rest is the text searched. Without a line break the one line is both.
/// Aliases the data check would refuse (empty after folding, or shared between two
/// initiatives) are left out, so only data that passes `content::Library::load` is matched.
pub fn mentions(data: &[u8]) {
    let Some(text) = utf8(data) else { return };
    let (head, haystack) = text.split_once('\n').unwrap_or((text, text));
    let initiatives = mention_initiatives(head);
    let matcher = Matcher::new(&initiatives);
    check_found(&matcher, haystack);

    // Every alias is found in a text that is only that alias.
    for init in &initiatives {
        for alias in &init.aliases {
            let found = check_found(&matcher, alias);
            let first = found
                .first()
                .unwrap_or_else(|| panic!("alias {alias:?} not found in itself"));
            assert_eq!(first.end, alias.len(), "alias {alias:?} found as {found:?}");
        }
    }

    // sentence_around at every char boundary (sampled in long texts).
    let boundaries: Vec<usize> = (0..=haystack.len())
        .filter(|i| haystack.is_char_boundary(*i))
        .collect();
    let step = boundaries.len().div_ceil(256).max(1);
    for &at in boundaries.iter().step_by(step).chain(boundaries.last()) {
        check_sentence(haystack, at);
    }
}

/// The initiatives of a mentions input's alias line, as the data check would accept them.
pub fn mention_initiatives(head: &str) -> Vec<Initiative> {
    let mut aliases: Vec<Vec<String>> = vec![Vec::new(); 3];
    let mut owner: std::collections::BTreeMap<String, usize> = Default::default();
    for (n, alias) in head.split('|').take(12).enumerate() {
        let key = text::fold(alias);
        if key.trim().is_empty() {
            continue;
        }
        let i = n % 3;
        if *owner.entry(key).or_insert(i) != i {
            continue;
        }
        aliases[i].push(alias.to_owned());
    }
    aliases
        .into_iter()
        .enumerate()
        .map(|(i, a)| initiative(i, a))
        .collect()
}

fn check_found(matcher: &Matcher, haystack: &str) -> Vec<Found> {
    let found = matcher.find(haystack);
    let mut previous_end = 0;
    for (n, f) in found.iter().enumerate() {
        assert!(f.start < f.end, "empty match {f:?} in {haystack:?}");
        assert!(f.end <= haystack.len());
        assert!(
            haystack.is_char_boundary(f.start) && haystack.is_char_boundary(f.end),
            "match {f:?} not on char boundaries"
        );
        assert!(
            f.start >= previous_end,
            "overlapping or unordered matches: {found:?}"
        );
        previous_end = f.end;
        assert!(f.alias < matcher.alias_count());
        let (initiative, alias) = matcher.alias(f.alias);
        assert_eq!(initiative, f.initiative);
        let matched = &haystack[f.start..f.end];
        assert_eq!(
            text::fold_with_offsets(matched).0,
            text::fold(alias),
            "{matched:?} reported as alias {alias:?}"
        );
        if n < 64 {
            check_sentence(haystack, f.start);
        }
    }
    let (whole, inside) = matcher.occurrences(haystack);
    for list in [&whole, &inside] {
        assert!(
            list.windows(2).all(|w| w[0] < w[1]),
            "not sorted and unique"
        );
        assert!(list.iter().all(|a| *a < matcher.alias_count()));
    }
    for f in &found {
        assert!(
            whole.contains(&f.alias),
            "found alias {} not in occurrences",
            f.alias
        );
    }
    found
}

fn check_sentence(text: &str, at: usize) {
    let s = sentence_around(text, at);
    let start = s.as_ptr() as usize - text.as_ptr() as usize;
    assert!(start + s.len() <= text.len(), "sentence outside the text");
    assert_eq!(s, s.trim());
}

// ---------------------------------------------------------------------------------------------
// tokenizer: search terms, fold, slug, fold_with_offsets

thread_local! {
    /// The two search pipelines (stemmed, and the names index's), built once: `Dutch::terms`
    /// builds its pipeline, regexes and all, at every call, which would dominate a fuzz run.
    static DUTCH: [(Dutch, Pipeline); 2] = [true, false].map(|stem| {
        let dutch = Dutch::new(stem);
        let pipeline = dutch.make_pipeline();
        (dutch, pipeline)
    });
}

/// What `Dutch::new(stem).terms(s)` gives, with the pipeline built once.
pub fn terms(stem: bool, s: &str) -> Vec<String> {
    DUTCH.with(|d| {
        let (dutch, pipeline) = &d[usize::from(!stem)];
        pipeline.run(dutch.tokenize(s))
    })
}

/// Search terms are never empty; `slug` makes slugs; `fold_with_offsets` maps every folded
/// byte back onto a character of the input.
pub fn tokenizer(data: &[u8]) {
    let Some(s) = utf8(data) else { return };
    for stem in [true, false] {
        for term in terms(stem, s) {
            assert!(!term.is_empty(), "empty search term from {s:?}");
        }
    }

    let folded = text::fold(s);

    let slug = text::slug(s);
    assert!(
        slug.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
        "slug {slug:?}"
    );
    assert!(
        !slug.starts_with('-') && !slug.ends_with('-') && !slug.contains("--"),
        "slug {slug:?}"
    );
    assert!(
        slug.is_empty() || text::is_slug(&slug),
        "slug {slug:?} is no slug"
    );
    assert_eq!(text::slug(&slug), slug, "slug not idempotent");

    let (f, offsets) = text::fold_with_offsets(s);
    assert_eq!(offsets.len(), f.len() + 1);
    assert_eq!(offsets.last(), Some(&s.len()));
    assert!(offsets.windows(2).all(|w| w[0] <= w[1]), "offsets decrease");
    assert!(
        offsets.iter().all(|o| s.is_char_boundary(*o)),
        "offset inside a character"
    );
    assert_eq!(f, folded, "fold_with_offsets and fold disagree on {s:?}");

    // Heading ids: one per line, all different.
    let mut ids = text::UniqueIds::reserving(markdown::RESERVED_IDS.iter().copied());
    let mut seen = BTreeSet::new();
    for line in s.lines().take(64) {
        let id = ids.claim(line, "kop");
        assert!(text::is_slug(&id), "id {id:?}");
        assert!(seen.insert(id.clone()), "id {id:?} handed out twice");
    }
}

// ---------------------------------------------------------------------------------------------
// privacy: the guard's scan (e-mail, phone, BSN, IBAN, postcode with house number)

/// What the allowlist holds in the privacy check: a functional mailbox, an account in the
/// spelling with spaces, an address.
const PRIVACY_ALLOW: &[&str] = &["info@almere.nl", "NL02 ABNA 0123 4567 89", "1315 RL 1"];

/// `Guard::scan` never panics, and every finding points at what it names: its line is in the
/// file, its column and length mark exactly the value the message quotes, an IBAN finding's
/// value passes the mod-97 check, and an allowed value is never reported.
pub fn privacy(data: &[u8]) {
    static GUARD: OnceLock<vindplaats::privacy::Guard> = OnceLock::new();
    let Some(text) = utf8(data) else { return };
    let guard = GUARD.get_or_init(vindplaats::privacy::Guard::new);
    let allow: Vec<String> = PRIVACY_ALLOW.iter().map(|s| (*s).to_owned()).collect();
    let lines: Vec<&str> = text.lines().collect();
    for (_, e) in guard.scan(Path::new("content/rapporten/fuzz.md"), text, &allow) {
        assert!(
            e.line >= 1 && e.line <= lines.len(),
            "line {} of {}",
            e.line,
            lines.len()
        );
        let line = lines[e.line - 1];
        let value = e
            .message
            .split_once(": ")
            .map(|(_, v)| v)
            .expect("message 'what: value'");
        let marked: String = line.chars().skip(e.column - 1).take(e.length).collect();
        assert_eq!(
            marked, value,
            "column {} length {} in {line:?}",
            e.column, e.length
        );
        assert!(
            !PRIVACY_ALLOW.contains(&value),
            "allowed value reported: {value}"
        );
        if e.message.starts_with("rekeningnummer") {
            let compact: String = value
                .chars()
                .filter(|c| c.is_ascii_alphanumeric())
                .map(|c| c.to_ascii_uppercase())
                .collect();
            assert!(
                vindplaats::privacy::is_iban(&compact),
                "not an IBAN: {value}"
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// cms_files: every kind of file the editor writes, as its format (smol-toml) writes them

/// The files the editor (Decap with `vindplaats-format.js`) writes, read as `check` reads them:
/// the first byte of the input picks the kind (a report, a round, the initiatives list, the
/// organisations list), the rest is the file. Never a panic; every line named lies in the file;
/// an accepted list names each entry at a line of the file, with a slug of `[a-z0-9-]`.
pub fn cms_files(data: &[u8]) {
    let Some((&kind, rest)) = data.split_first() else {
        return;
    };
    let Some(text) = utf8(rest) else { return };
    let max_line = text.lines().count() + 1;
    match kind % 4 {
        0 => {
            let (read, errors) = Report::read(Path::new(REPORT_FILE), text);
            errors.0.iter().for_each(|e| check_error(text, e, max_line));
            if let Some((_, body)) = read {
                assert!(
                    text.ends_with(&*body.text),
                    "body is not the end of the file"
                );
                assert!(body.line <= max_line);
            }
        }
        1 => match Edition::parse(Path::new(EDITION_FILE), text) {
            Ok(e) => assert!(text.ends_with(&e.body), "body is not the end of the file"),
            Err(errors) => errors.0.iter().for_each(|e| check_error(text, e, max_line)),
        },
        list => {
            // The loaders read a folder: one per process, written again for every input.
            static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
            let dir = DIR.get_or_init(|| tempfile::tempdir().expect("a temporary folder"));
            let name = if list == 2 {
                initiative::INITIATIVES_FILE
            } else {
                initiative::ORGANISATIONS_FILE
            };
            std::fs::write(dir.path().join(name), text).expect("write the input");
            let entries: Vec<(String, usize)> = if list == 2 {
                match initiative::load_initiatives(dir.path()) {
                    Ok((_, items)) => items.iter().map(|i| (i.slug.clone(), i.line)).collect(),
                    Err(errors) => {
                        return errors.0.iter().for_each(|e| check_error(text, e, max_line));
                    }
                }
            } else {
                match initiative::load_organisations(dir.path()) {
                    Ok((_, items)) => items.iter().map(|o| (o.slug.clone(), o.line)).collect(),
                    Err(errors) => {
                        return errors.0.iter().for_each(|e| check_error(text, e, max_line));
                    }
                }
            };
            for (slug, line) in entries {
                assert!(
                    line >= 1 && line <= max_line,
                    "entry on line {line} > {max_line}"
                );
                assert!(
                    !slug.is_empty()
                        && slug
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                    "accepted the slug {slug:?}"
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// editor_request: serve's answers to the editor (src/editor/backend.rs)

/// The editor's port in the fuzzed requests.
const EDITOR_PORT: u16 = 4321;

/// A small site (the minimal fixture) for the editor target, restored after every request that
/// may have written; one per process.
struct EditorSite {
    dir: tempfile::TempDir,
    editor: vindplaats::editor::Editor,
}

const MINIMAL: &[(&str, &str)] = &[
    (
        "vindplaats.toml",
        include_str!("../tests/fixtures/minimal/vindplaats.toml"),
    ),
    (
        "content/rapporten/verslag.md",
        include_str!("../tests/fixtures/minimal/content/rapporten/verslag.md"),
    ),
    (
        "content/themas/eenzaamheid.md",
        include_str!("../tests/fixtures/minimal/content/themas/eenzaamheid.md"),
    ),
    (
        "content/edities/2023.md",
        include_str!("../tests/fixtures/minimal/content/edities/2023.md"),
    ),
    (
        "content/initiatieven.toml",
        include_str!("../tests/fixtures/minimal/content/initiatieven.toml"),
    ),
    (
        "content/organisaties.toml",
        include_str!("../tests/fixtures/minimal/content/organisaties.toml"),
    ),
];

impl EditorSite {
    fn get() -> &'static EditorSite {
        static SITE: OnceLock<EditorSite> = OnceLock::new();
        SITE.get_or_init(|| {
            let dir = tempfile::tempdir().expect("a temporary folder");
            let site = EditorSite {
                editor: vindplaats::editor::Editor::new(dir.path(), EDITOR_PORT, "/"),
                dir,
            };
            site.restore();
            site
        })
    }

    /// The site as the fixture has it, whatever a request wrote or removed.
    fn restore(&self) {
        let root = self.dir.path();
        let _ = std::fs::remove_dir_all(root.join("content"));
        let _ = std::fs::remove_dir_all(root.join(".vindplaats"));
        for (path, text) in MINIMAL {
            let file = root.join(path);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(file, text).unwrap();
        }
    }

    /// Every file under the site's root, relative to it, with its bytes.
    fn files(&self) -> Vec<(String, Vec<u8>)> {
        let root = self.dir.path();
        let mut files: Vec<(String, Vec<u8>)> = walkdir(root)
            .into_iter()
            .map(|p| {
                let rel = p.strip_prefix(root).unwrap().to_string_lossy().into_owned();
                let bytes = std::fs::read(&p).unwrap_or_default();
                (rel, bytes)
            })
            .collect();
        files.sort();
        files
    }
}

/// The files under `dir`, without following links.
fn walkdir(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let kind = entry.file_type().unwrap();
            if kind.is_dir() {
                stack.push(entry.path());
            } else {
                out.push(entry.path());
            }
        }
    }
    out
}

/// One request to the editor, from the input: the first byte picks the `Host`, the `Origin`,
/// the `Content-Type` and what is asked (the protocol, mostly; or a file of the editor's
/// folder named by the rest); the rest is the JSON body. Never a panic; another site's request
/// is refused (403) and a request that is not JSON too (415), with nothing written; every
/// answer of the protocol to this server's own pages is JSON, a refusal with a Dutch `error`; a conflict holds both texts;
/// nothing outside `content/` and the history is ever written, and inside `content/` only
/// `.md` and `.toml` files (no temporary file left behind).
pub fn editor_request(data: &[u8]) {
    let Some((&pick, body)) = data.split_first() else {
        return;
    };
    let site = EditorSite::get();
    let own = format!("127.0.0.1:{EDITOR_PORT}");
    let own_origin = format!("http://{own}");
    let localhost = format!("localhost:{EDITOR_PORT}");
    let host = match pick & 3 {
        0 | 1 => Some(own.as_str()),
        2 => Some(localhost.as_str()),
        _ => Some("evil.example:4321"),
    };
    let origin = match (pick >> 2) & 3 {
        0 => None,
        1 => Some(own_origin.as_str()),
        2 => Some("http://evil.example"),
        _ => Some("null"),
    };
    let content_type = match (pick >> 4) & 3 {
        0 | 1 => Some("application/json"),
        2 => Some("text/plain"),
        _ => None,
    };
    let file_path;
    let (method, path, body) = if pick >> 6 == 3 {
        file_path = String::from_utf8_lossy(body).into_owned();
        ("GET", file_path.as_str(), &[][..])
    } else {
        ("POST", "api", body)
    };
    let foreign = host == Some("evil.example:4321") || matches!(origin, Some(o) if o != own_origin);
    let before = site.files();
    let answer = site.editor.handle(&vindplaats::editor::backend::Request {
        method,
        path,
        host,
        origin,
        content_type,
        body,
    });
    let after = site.files();
    if foreign {
        assert_eq!(answer.status, 403, "a foreign request was answered");
    } else if path == "api" && content_type.is_none_or(|t| t != "application/json") {
        assert_eq!(
            answer.status, 415,
            "a request that is not JSON was answered"
        );
    }
    if answer.status == 403 || answer.status == 415 {
        assert!(before == after, "a refused request wrote");
    }
    // (A foreign request gets a plain-text refusal before the protocol is looked at.)
    if path == "api" && !foreign {
        let value: serde_json::Value =
            serde_json::from_slice(&answer.body).expect("the protocol answers in JSON");
        if answer.status != 200 {
            let error = value["error"].as_str().expect("a refusal says why");
            assert!(!error.is_empty());
        }
        if answer.status == 409 && !value["conflict"].is_null() {
            assert!(value["conflict"]["yours"].is_string(), "{value}");
        }
    }
    for (rel, _) in &after {
        let in_content = rel.starts_with("content/")
            && (rel.ends_with(".md") || rel.ends_with(".toml"))
            && !rel.contains("vindplaats-tmp");
        let in_history = rel.starts_with(".vindplaats/");
        assert!(
            in_content || in_history || rel == "vindplaats.toml",
            "wrote {rel}"
        );
    }
    assert_eq!(
        before.iter().find(|(r, _)| r == "vindplaats.toml"),
        after.iter().find(|(r, _)| r == "vindplaats.toml"),
        "the configuration was changed"
    );
    if before != after {
        site.restore();
    }
}
