//! The one Markdown pass: HTML with heading ids, the split into sections, plain text, the
//! initiative mentions, links and images and paragraphs with their lines, and the checks on
//! headings. Later stages (search, `check`, the editorial checks) read what it returns and
//! never parse the Markdown again, as Zola's `Rendered` serves its later stages. What it
//! returns comes in three parts, by who reads them ([`Rendered`]): the body the pages show,
//! the plain text that search and the editorial checks read, and what only `check` reads.
//!
//! A report is read as sections: the text before the first `##` heading, then one section per
//! `##` heading, then the closing text after a line `***`. Every heading gets a stable id made
//! by [`text::slug`], unique on the page, so links to `/rapporten/<slug>/#<id>` keep working as
//! long as the heading keeps its words.

use std::path::Path;

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::error::{ContentError, ContentErrors};
use crate::ids::InitiativeId;
use crate::parse::mentions::Matcher;
use crate::text::{self, UniqueIds};

/// Ids the page templates use themselves; a heading never takes one of these.
pub const RESERVED_IDS: &[&str] = &[
    "inhoud",
    "hoofdinhoud",
    "zoeken",
    "feiten",
    "inhoudsopgave",
    "inhoudsopgave-lijst",
    "navigatie",
    "bron",
    "genoemde-initiatieven",
    "bron-van-de-beschrijving",
    "zoek-kop",
    "zoek-kop-status",
    "zoek-kop-suggestie",
    "zoek-kop-resultaten",
];

/// How deep lists and quotes may nest. Real reports use two levels; the limit keeps every
/// later stage (which walks the tree recursively) far from the end of its stack.
pub const MAX_NESTING: usize = 32;

/// The id of the text before the first `##` heading.
pub const INTRO_ID: &str = "inleiding";

/// The id of the closing text: what follows a line `***` after the last section, and belongs
/// to the whole report rather than to the section above it.
pub const CLOSING_ID: &str = "slot";

/// A heading inside a section (`###` and deeper), for the table of contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Heading {
    pub id: String,
    pub text: String,
    pub level: u8,
}

/// Which part of a page a section is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Place {
    /// The text before the first `##` heading.
    Opening,
    /// The text under a `##` heading.
    Titled,
    /// The text after a line `***` at the end: it closes the whole report.
    Closing,
}

impl Place {
    /// The name of an untitled part as a title (a search result's): "Begin van het verslag".
    pub fn title(self) -> &'static str {
        match self {
            Place::Opening => "Begin van het verslag",
            Place::Titled => "",
            Place::Closing => "Slot van het verslag",
        }
    }

    /// How a quote from an untitled part names where it stands.
    pub fn label(self) -> Option<&'static str> {
        match self {
            Place::Opening => Some("begin van het verslag"),
            Place::Titled => None,
            Place::Closing => Some("slot van het verslag"),
        }
    }
}

/// One part of a page: the text under one `##` heading, the text before the first, or the
/// closing text after a `***` line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Section {
    pub id: String,
    /// The `##` heading's text; `None` for the opening and the closing text.
    pub title: Option<String>,
    pub place: Place,
    pub subheadings: Vec<Heading>,
    pub html: String,
}

/// What the one pass makes of a page's Markdown, in three parts by who reads them, so that
/// each stage gets what it reads and a build lets each part go when its reader is done.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    /// What the pages show.
    pub body: Body,
    /// Each section's words without markup (headings included), in the order of
    /// `body.sections`: for search and the editorial checks. No page shows it: each report
    /// page would copy it into its context (75 MB at 10,000 reports).
    pub text: Vec<String>,
    /// What only `check` reads.
    pub checks: CheckData,
}

impl Rendered {
    /// Every paragraph and list item as plain text, with the line it starts on.
    pub fn paragraphs(&self) -> impl Iterator<Item = (usize, &str)> {
        self.checks.paragraphs(&self.text)
    }
}

/// A page body rendered to HTML, cut into sections.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Body {
    pub sections: Vec<Section>,
    /// Initiative mentions, in text order (empty when rendered without a linker).
    pub mentions: Vec<Mention>,
}

/// What `check` reads of a text's Markdown and no other stage does: its links and images,
/// and its paragraphs with their lines.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckData {
    /// Every link and image as written, in text order.
    pub links: Vec<LinkRef>,
    /// Every paragraph and list item, with its line, for the readability check: read them
    /// with [`CheckData::paragraphs`].
    paragraphs: Vec<Paragraph>,
}

impl CheckData {
    /// Every paragraph and list item as plain text (whitespace as in the search text), with
    /// the line it starts on; `text` is the text of the same pass (its sections' texts, or
    /// a short text's one).
    pub fn paragraphs<'a>(&'a self, text: &'a [String]) -> impl Iterator<Item = (usize, &'a str)> {
        self.paragraphs
            .iter()
            .map(move |p| (p.line, p.text(|part| &text[part])))
    }
}

/// A paragraph or list item of the Markdown, with its line. Its words are almost always
/// already in the search text of its section, word for word: then only where they stand is
/// kept, so a large site keeps its text once (at 1,000 reports a copy cost 13 MB).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Paragraph {
    line: usize,
    text: ParagraphText,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
enum ParagraphText {
    /// Bytes `start..end` of the text of part `part` (a section, or a whole short text).
    In { part: u32, start: u32, end: u32 },
    /// Not found as it is (a table in a list item, whose cells the search text spaces out).
    Own(Box<str>),
}

impl Paragraph {
    fn text<'a>(&'a self, part: impl Fn(usize) -> &'a str) -> &'a str {
        match &self.text {
            ParagraphText::In {
                part: p,
                start,
                end,
            } => &part(*p as usize)[*start as usize..*end as usize],
            ParagraphText::Own(text) => text,
        }
    }
}

/// A link or image in the Markdown, with the line it stands on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LinkRef {
    /// The target as written (before an unsafe target is emptied).
    pub url: String,
    /// The visible text of a link, the alt text of an image.
    pub text: String,
    pub line: usize,
    /// Where the link starts on its line (1-based, in characters), for errors that point at it.
    pub column: usize,
    pub image: bool,
}

impl Body {
    pub fn html(&self) -> String {
        self.sections.iter().map(|s| s.html.as_str()).collect()
    }
}

fn options() -> Options {
    Options::ENABLE_TABLES
}

/// What the Markdown pass needs to find and link initiative mentions on one page.
pub struct Linker<'a> {
    pub matcher: &'a Matcher,
    /// Per initiative (by [`InitiativeId`]), the link to its page from the page rendered;
    /// empty for one whose page the build does not make (a concept in a plain build): its
    /// mentions are found, but not linked.
    pub hrefs: &'a [String],
}

/// An initiative mentioned on a page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mention {
    pub initiative: InitiativeId,
    /// Index into the matcher's aliases.
    pub alias: usize,
    /// The section the mention stands in: its place in [`Body::sections`].
    pub section: usize,
    /// The sentence around the mention, as plain text.
    pub sentence: String,
    /// The mention as written in the text.
    pub text: String,
    /// Whether this mention became a link (the first one per section, not in a heading).
    pub linked: bool,
    /// A hash of what an initiative's page quotes of the mention besides its report's facts:
    /// its section's id, title and place, its sentence and its text. Made once with the pass,
    /// which `serve` keeps, so that an initiative's key hashes one number a mention
    /// (`render::keys`; at 10,000 reports hashing the 73,000 mentions' fields after every
    /// save took 160–230 ms).
    #[serde(skip)]
    pub quoted: u64,
}

/// Renders `body` (starting at line `body_line` of `file`), checking its headings:
/// no `#` heading (the page title is the only `<h1>`), no skipped level, no empty heading.
/// With a `linker`, every initiative mention is recorded and the first per section is linked.
pub fn render(
    file: &Path,
    body: &str,
    body_line: usize,
    linker: Option<&Linker>,
    trusted_html: bool,
) -> Result<Rendered, ContentErrors> {
    let (rendered, errors) = render_all(file, body, body_line, linker, trusted_html);
    errors.into_result(rendered)
}

// One loop over the events on purpose (it is longer than most functions here): the nesting
// check, the closing marker, the heading ids, sanitising and the joining of text runs each
// rewrite events in place, and each must see an event after the ones before it.
/// [`render`], returning the rendered text with the errors: a heading in the wrong place is
/// rendered all the same, so the report still takes part in the checks across reports (its
/// words hold quotes, its links are checked) while its error stops the build.
pub fn render_all(
    file: &Path,
    body: &str,
    body_line: usize,
    linker: Option<&Linker>,
    trusted_html: bool,
) -> (Rendered, ContentErrors) {
    let mut errors = ContentErrors::default();
    let lines = text::Lines::new(body, body_line);
    let line_of = |offset: usize| lines.of(offset);
    let mut ids = UniqueIds::reserving(RESERVED_IDS.iter().copied());
    ids.claim(INTRO_ID, INTRO_ID);
    ids.claim(CLOSING_ID, CLOSING_ID);

    // First pass: the text of every heading, so ids can be set on the opening tag.
    let events: Vec<(Event, std::ops::Range<usize>)> = Parser::new_ext(body, options())
        .into_offset_iter()
        .collect();
    let paragraphs = paragraphs(&events, &lines);
    let links = links(&events, &lines, body);
    let heading_texts = heading_texts(&events);

    let mut sections = vec![Section::new(INTRO_ID, None, Place::Opening)];
    let mut out: Vec<Event> = Vec::new();
    let mut open_heading: Option<(String, String)> = None;
    let mut depth = 0usize;
    let mut too_deep = false;
    let mut texts = heading_texts.into_iter();
    let mut previous_level = 1u8;
    let mut closing = false;
    for (event, range) in events {
        match &event {
            Event::Start(Tag::List(_) | Tag::BlockQuote(_)) => depth += 1,
            Event::End(TagEnd::List(_) | TagEnd::BlockQuote(_)) => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth > MAX_NESTING && !too_deep {
            too_deep = true;
            errors.push(
                ContentError::new(
                    file,
                    line_of(range.start),
                    format!(
                        "lijsten of citaten zijn hier meer dan {MAX_NESTING} niveaus diep genest"
                    ),
                )
                .hint("zo diep leest niemand; haal inspringingen of >-tekens weg"),
            );
        }
        let event = match event {
            // A line `***` (any thematic break) on the report's own level, the first one: what
            // follows closes the whole report. It becomes a marker where the sections are cut.
            Event::Rule if depth == 0 && !closing => {
                closing = true;
                sections.push(Section::new(CLOSING_ID, None, Place::Closing));
                Event::Html(CowStr::Borrowed(CLOSING_MARK))
            }
            Event::Start(Tag::Heading { .. }) if closing => {
                errors.push(
                    ContentError::new(
                        file,
                        line_of(range.start),
                        "na de regel *** staat nog een kop",
                    )
                    .rule(crate::error::Rule::Headings)
                    .hint("de regel *** zet het slot van het verslag apart, en dat slot heeft geen kopjes; zet de regel *** onder dit deel, of haal hem weg"),
                );
                // Rendered as plain text of the closing part, so the page stays whole.
                let _ = texts.next();
                Event::Start(Tag::Paragraph)
            }
            Event::End(TagEnd::Heading(_)) if closing && open_heading.is_none() => {
                Event::End(TagEnd::Paragraph)
            }
            Event::Start(Tag::Heading {
                level,
                classes,
                attrs,
                ..
            }) => {
                let text = texts
                    .next()
                    .unwrap_or_default()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                let n = level as u8;
                let line = line_of(range.start);
                errors.extend(ContentErrors(heading_problems(
                    file,
                    line,
                    n,
                    previous_level,
                    &text,
                )));
                previous_level = n;
                let id = ids.claim(&text, "kop");
                open_heading = Some((id.clone(), text.clone()));
                // The heading and its permalink side by side in one box, the link outside the
                // heading: a heading's accessible name is its own text alone.
                out.push(Event::Html(CowStr::from(heading_open(n))));
                if level == HeadingLevel::H2 {
                    sections.push(Section::new(&id, Some(text), Place::Titled));
                } else if n > 2 {
                    sections.last_mut().unwrap().subheadings.push(Heading {
                        id: id.clone(),
                        text,
                        level: n,
                    });
                }
                Event::Start(Tag::Heading {
                    level,
                    id: Some(CowStr::from(id)),
                    classes,
                    attrs,
                })
            }
            // Raw HTML is sanitised where it stands, fragment by fragment (unless the config
            // trusts it): it can never carry an id, so it cannot take a heading's id or repeat
            // one (found by fuzzing when whole sections were sanitised).
            Event::Html(html) if !trusted_html => Event::Html(CowStr::from(sanitise(&html))),
            Event::InlineHtml(html) if !trusted_html => {
                Event::InlineHtml(CowStr::from(sanitise(&html)))
            }
            // A link or image with another scheme than http(s), mailto or tel (javascript:,
            // data:, …) keeps its text but loses its target.
            Event::Start(tag) if !trusted_html && has_unsafe_target(&tag) => {
                Event::Start(without_target(tag))
            }
            // Every heading is followed by a permalink to itself, so a reader can share a
            // section; the box [`heading_open`] opened closes after it.
            end @ Event::End(TagEnd::Heading(_)) => {
                if let Some((id, text)) = open_heading.take() {
                    out.push(end);
                    Event::Html(CowStr::from(format!("{}</div>\n", permalink(&id, &text))))
                } else {
                    end
                }
            }
            other => other,
        };
        // One Text event per run of text, so an alias is never cut in two. (Appending to an
        // owned buffer: re-copying the run at every piece was quadratic on "[[[[…".)
        match (out.last_mut(), event) {
            (Some(Event::Text(prev)), Event::Text(t)) => {
                let mut joined = match std::mem::replace(prev, CowStr::Borrowed("")) {
                    CowStr::Boxed(b) => String::from(b),
                    other => other.to_string(),
                };
                joined.push_str(&t);
                *prev = CowStr::Boxed(joined.into_boxed_str());
            }
            (_, event) => out.push(event),
        }
    }
    let (out, mut mentions) = match linker {
        Some(linker) => link_mentions(out, linker),
        None => (out, Vec::new()),
    };
    let texts = cut(&out, &mut sections);
    let mut parts: Vec<(Section, String)> = sections.into_iter().zip(texts).collect();
    // An opening or closing part with nothing in it is no part of the page. Nothing can be
    // mentioned in it, so only an empty opening moves the mentions' sections.
    if parts[0].0.html.trim().is_empty() {
        parts.remove(0);
        for m in &mut mentions {
            m.section -= 1;
        }
    }
    parts.retain(|(s, _)| s.place == Place::Titled || !s.html.trim().is_empty());
    let (sections, text): (Vec<Section>, Vec<String>) = parts.into_iter().unzip();
    let texts: Vec<&str> = text.iter().map(String::as_str).collect();
    let paragraphs = place(paragraphs, &texts);
    for m in &mut mentions {
        let s = &sections[m.section];
        let section = (&s.id, &s.title, s.place.label());
        m.quoted = crate::memo::fingerprint((section, &m.sentence, &m.text));
    }
    let rendered = Rendered {
        body: Body { sections, mentions },
        text,
        checks: CheckData { links, paragraphs },
    };
    (rendered, errors)
}

impl Section {
    fn new(id: &str, title: Option<String>, place: Place) -> Section {
        Section {
            id: id.to_owned(),
            title,
            place,
            subheadings: Vec::new(),
            html: String::new(),
        }
    }
}

/// What is wrong with a heading of level `n` after one of `previous` level: a `#` heading (the
/// page title is the only `<h1>`), a skipped level, no text.
fn heading_problems(
    file: &Path,
    line: usize,
    n: u8,
    previous: u8,
    text: &str,
) -> Vec<ContentError> {
    let mut problems = Vec::new();
    if n == 1 {
        problems.push(
            ContentError::new(
                file,
                line,
                "een kop met één # is niet toegestaan in de tekst",
            )
            .rule(crate::error::Rule::Headings)
            .hint("de titel van de pagina is de enige hoofdkop; gebruik ## voor een kopje"),
        );
    } else if n > previous + 1 {
        problems.push(
            ContentError::new(file, line, "deze kop slaat een niveau over")
                .rule(crate::error::Rule::Headings)
                .hint(format!(
                    "een kop mag één niveau dieper zijn dan de kop erboven: gebruik {} in plaats van {}",
                    "#".repeat(previous as usize + 1),
                    "#".repeat(n as usize)
                )),
        );
    }
    if text.trim().is_empty() {
        problems.push(
            ContentError::new(file, line, "lege kop")
                .rule(crate::error::Rule::Headings)
                .hint("schrijf tekst achter de #-tekens, of haal de regel weg"),
        );
    }
    problems
}

/// Cuts the page's events into its sections' HTML and text (returned, one per section): each
/// `##` section starts at its heading's opening tag, the closing text after its marker (which
/// is no part of the page).
fn cut(out: &[Event], sections: &mut [Section]) -> Vec<String> {
    let mut bounds = vec![0];
    bounds.extend(out.iter().enumerate().filter_map(|(i, e)| {
        if is_closing_mark(e) {
            Some(i)
        } else if is_h2(e) {
            // The section starts with the box around its heading.
            Some(i.saturating_sub(1))
        } else {
            None
        }
    }));
    bounds.push(out.len());
    let mut texts = Vec::with_capacity(sections.len());
    for (section, range) in sections.iter_mut().zip(bounds.windows(2)) {
        let mut events = &out[range[0]..range[1]];
        if events.first().is_some_and(is_closing_mark) {
            events = &events[1..];
        }
        pulldown_cmark::html::push_html(&mut section.html, events.iter().cloned());
        // The buffer grew by doubling; the site keeps it to the end of the build (at 10,000
        // reports a quarter of the sections' HTML was spare capacity).
        section.html.shrink_to_fit();
        texts.push(plain_text(events));
    }
    texts
}

/// The text of every heading, in order, so ids can be set on the opening tag.
fn heading_texts(events: &[(Event, std::ops::Range<usize>)]) -> Vec<String> {
    let mut texts = Vec::new();
    let mut current: Option<String> = None;
    for (event, _) in events {
        match (event, current.as_mut()) {
            (Event::Start(Tag::Heading { .. }), _) => current = Some(String::new()),
            (Event::End(TagEnd::Heading(_)), _) => texts.push(current.take().unwrap_or_default()),
            (Event::Text(t) | Event::Code(t), Some(text)) => text.push_str(t),
            (Event::SoftBreak | Event::HardBreak, Some(text)) => text.push(' '),
            _ => {}
        }
    }
    texts
}

/// Every link and image with its line and visible text (an image may sit in a link).
fn links(
    events: &[(Event, std::ops::Range<usize>)],
    lines: &text::Lines,
    body: &str,
) -> Vec<LinkRef> {
    let mut links: Vec<LinkRef> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    // Columns counted on from the last link when it is on the same line: counting from the
    // start of the line for each link is quadratic on a long line full of links.
    let mut last = (usize::MAX, 0, 1); // (start of its line, byte offset, column)
    let mut column = |offset: usize| {
        let start = lines.line_start(offset);
        let (from, col) = if start == last.0 && offset >= last.1 {
            (last.1, last.2)
        } else {
            (start, 1)
        };
        let col = col + body.get(from..offset).map_or(0, |s| s.chars().count());
        last = (start, offset, col);
        col
    };
    for (event, range) in events {
        match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                open.push(links.len());
                links.push(LinkRef {
                    url: dest_url.to_string(),
                    text: String::new(),
                    line: lines.of(range.start),
                    column: column(range.start),
                    image: matches!(event, Event::Start(Tag::Image { .. })),
                });
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                open.pop();
            }
            Event::Text(t) | Event::Code(t) => {
                for &l in &open {
                    links[l].text.push_str(t);
                }
            }
            _ => {}
        }
    }
    links
}

/// Opens the box around a heading of level `level` and its permalink (the theme sets them on
/// one line): the link stands after the heading, never in it, so a screen reader names the
/// heading by its text alone and reads the link as a link of its own (GitHub's markup, for the
/// same reason).
fn heading_open(level: u8) -> String {
    format!("<div class=\"kop kop-{level}\">")
}

/// A link to a heading's own id; its accessible name says where it leads. It has no text of its
/// own: the theme draws it as a small link icon, because a "#" read as a stray character to
/// residents.
fn permalink(id: &str, heading: &str) -> String {
    let mut label = String::new();
    pulldown_cmark_escape::escape_html(&mut label, heading).expect("writing to a String");
    format!("<a class=\"permalink\" href=\"#{id}\" aria-label=\"Directe link naar ‘{label}’\"></a>")
}

/// The words of `events` without markup: text runs joined, blocks and breaks as one space.
fn plain_text(events: &[Event]) -> String {
    let mut text = String::new();
    for e in events {
        match e {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(tag) if !is_inline(tag) => text.push(' '),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Stands where the closing text begins, between the events of the pass. Markdown text can
/// never produce it: pulldown-cmark replaces NUL in its input.
const CLOSING_MARK: &str = "\0slot";

fn is_closing_mark(event: &Event) -> bool {
    matches!(event, Event::Html(h) if h.as_ref() == CLOSING_MARK)
}

fn is_h2(event: &Event) -> bool {
    matches!(
        event,
        Event::Start(Tag::Heading {
            level: HeadingLevel::H2,
            ..
        })
    )
}

/// Tags that do not end a block of running text.
fn is_inline(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Link
            | TagEnd::Image
            | TagEnd::Superscript
            | TagEnd::Subscript
    )
}

// Longer than most: it keeps the block texts, the section, the link and heading state and the
// sentence ends in step over one walk of the events; split, each part would pass all of them.
/// Finds initiative mentions in running text and turns the first per section (outside
/// headings and existing links) into a link to the initiative's page.
fn link_mentions<'a>(events: Vec<Event<'a>>, linker: &Linker) -> (Vec<Event<'a>>, Vec<Mention>) {
    // The plain text of each block, and where each Text event sits in it, for the sentences.
    let mut block_of = vec![(0usize, 0usize); events.len()];
    let mut blocks = vec![String::new()];
    for (i, e) in events.iter().enumerate() {
        match e {
            Event::Text(t) | Event::Code(t) => {
                let n = blocks.len() - 1;
                block_of[i] = (n, blocks[n].len());
                blocks[n].push_str(t);
            }
            Event::SoftBreak | Event::HardBreak => blocks.last_mut().unwrap().push(' '),
            Event::Start(tag) if !is_inline(&tag.to_end()) => blocks.push(String::new()),
            Event::End(tag) if !is_inline(tag) => blocks.push(String::new()),
            _ => {}
        }
    }

    let mut out = Vec::with_capacity(events.len());
    let mut mentions = Vec::new();
    let mut ends_of: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    let mut linked: std::collections::BTreeSet<(usize, InitiativeId)> = Default::default();
    let (mut in_heading, mut in_link, mut in_code) = (false, 0usize, false);
    // The place of the current section among all parts the pass makes (the opening first).
    let mut section = 0usize;
    for (i, e) in events.into_iter().enumerate() {
        match &e {
            Event::Start(Tag::Heading { level, .. }) => {
                in_heading = true;
                if *level == HeadingLevel::H2 {
                    section += 1;
                }
            }
            Event::End(TagEnd::Heading(_)) => in_heading = false,
            Event::Html(_) if is_closing_mark(&e) => section += 1,
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => in_link += 1,
            Event::End(TagEnd::Link | TagEnd::Image) => in_link = in_link.saturating_sub(1),
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            _ => {}
        }
        let Event::Text(text) = &e else {
            out.push(e);
            continue;
        };
        if in_code {
            out.push(e);
            continue;
        }
        let found = linker.matcher.find(text);
        if found.is_empty() {
            out.push(e);
            continue;
        }
        let (block, offset) = block_of[i];
        let mut rest_from = 0;
        for f in found {
            let link = in_link == 0
                && !in_heading
                && !linker.hrefs[f.initiative.0].is_empty()
                && linked.insert((section, f.initiative));
            mentions.push(Mention {
                initiative: f.initiative,
                alias: f.alias,
                section,
                sentence: crate::text::sentence_at(
                    &blocks[block],
                    ends_of
                        .entry(block)
                        .or_insert_with(|| crate::text::sentence_ends(&blocks[block])),
                    offset + f.start,
                )
                .to_owned(),
                text: text[f.start..f.end].to_owned(),
                // Once the sections are final (`render`).
                quoted: 0,
                linked: link,
            });
            if link {
                out.push(Event::Text(CowStr::from(
                    text[rest_from..f.start].to_owned(),
                )));
                out.push(Event::Start(Tag::Link {
                    link_type: LinkType::Inline,
                    dest_url: CowStr::from(linker.hrefs[f.initiative.0].clone()),
                    title: CowStr::from(""),
                    id: CowStr::from(""),
                }));
                out.push(Event::Text(CowStr::from(text[f.start..f.end].to_owned())));
                out.push(Event::End(TagEnd::Link));
                rest_from = f.end;
            }
        }
        out.push(Event::Text(CowStr::from(text[rest_from..].to_owned())));
    }
    (out, mentions)
}

/// The paragraphs and list items of a text, as plain text with the line each starts on (a
/// nested one ends the one around it).
fn paragraphs(
    events: &[(Event, std::ops::Range<usize>)],
    lines: &text::Lines,
) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut current: Option<(usize, String)> = None;
    let mut end = |p: &mut Option<(usize, String)>| {
        if let Some(p) = p.take().filter(|p| !p.1.trim().is_empty()) {
            out.push(p);
        }
    };
    for (event, range) in events {
        match event {
            Event::Start(Tag::Paragraph | Tag::Item) => {
                end(&mut current);
                current = Some((lines.of(range.start), String::new()));
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(p) = current.as_mut() {
                    p.1.push_str(t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(p) = current.as_mut() {
                    p.1.push(' ');
                }
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item) => end(&mut current),
            _ => {}
        }
    }
    out
}

/// How far past the last paragraph the next one is looked for in the parts' texts: headings
/// and code blocks stand between paragraphs. A bound keeps the search linear on any input;
/// a paragraph not found within it keeps its own text.
const PARAGRAPH_REACH: usize = 4096;

/// Each paragraph found where it stands in `parts` (the search texts, in order), its
/// whitespace as there; paragraphs follow each other in the text, so each search starts where
/// the last one was found.
fn place(paragraphs: Vec<(usize, String)>, parts: &[&str]) -> Vec<Paragraph> {
    let (mut part, mut from) = (0usize, 0usize);
    paragraphs
        .into_iter()
        .map(|(line, raw)| {
            let words = raw.split_whitespace().collect::<Vec<_>>().join(" ");
            let mut reach = words.len() + PARAGRAPH_REACH;
            let (mut p, mut f) = (part, from);
            while let Some(text) = parts.get(p) {
                let mut end = (f + reach).min(text.len());
                while !text.is_char_boundary(end) {
                    end += 1;
                }
                // Mostly the paragraph follows the last one after a space: checked first,
                // because a search sets up its pattern each time (3 % of a build's CPU). Nor
                // is it set up where the paragraph cannot fit: the rest of a part, when the
                // paragraph opens the next (2.5 % of a build's CPU went there).
                let next = text[f..end].trim_start();
                let at = if next.starts_with(&words) {
                    Some(end - f - next.len())
                } else if end - f >= words.len() {
                    find_words(&text[f..end], &words)
                } else {
                    None
                };
                if let Some(at) = at {
                    let start = f + at;
                    (part, from) = (p, start + words.len());
                    return Paragraph {
                        line,
                        text: ParagraphText::In {
                            part: p as u32,
                            start: start as u32,
                            end: (start + words.len()) as u32,
                        },
                    };
                }
                reach = reach.saturating_sub(end - f);
                if reach == 0 {
                    break;
                }
                (p, f) = (p + 1, 0);
            }
            Paragraph {
                line,
                text: ParagraphText::Own(words.into_boxed_str()),
            }
        })
        .collect()
}

/// Where `words` first stands in `text`, as `str::find` says. `str::find` sets up a two-way
/// search for its pattern on every call, work in the length of the pattern, here a whole
/// paragraph: that setup was 2.7 % of a build's instructions (21,000 calls at 1,000 reports).
/// Each place the first character stands (a `memchr` scan) is compared instead; the text is at
/// most the paragraph and 4 KB past it, and a wrong place fails within a few bytes.
fn find_words(text: &str, words: &str) -> Option<usize> {
    let Some(first) = words.chars().next() else {
        return Some(0);
    };
    text.match_indices(first)
        .map(|(at, _)| at)
        .find(|&at| text[at..].starts_with(words))
}

/// A short text rendered: its HTML, its words and its paragraphs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plain {
    /// What a page shows: see [`Linked::html`].
    pub html: Linked,
    /// Without markup, for search.
    pub text: String,
    /// Its paragraphs, in `text` (links are not collected in a short text).
    pub checks: CheckData,
}

/// Stands, in a short text's HTML, where a link into the site needs the way back to the site
/// root: a topic's or a round's introduction is shown on pages at different depths (the home
/// page, a topic's first and later pages). Markdown text can never produce it: pulldown-cmark
/// replaces NUL in its input.
const ROOT_MARK: char = '\0';

/// A short text's HTML, with [`ROOT_MARK`] where a link to an initiative's page starts: what
/// a topic's or round's record keeps of its introduction (its words go to the site's text).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Linked(String);

impl Linked {
    /// The HTML as shown on a page whose way back to the site root is `root` (`./`,
    /// `../../`): the links to initiatives named in the text lead to their pages from there.
    pub fn html(&self, root: &str) -> String {
        self.0.replace(ROOT_MARK, root)
    }
}

impl Plain {
    /// Every paragraph and list item as plain text, with the line it starts on.
    pub fn paragraphs(&self) -> impl Iterator<Item = (usize, &str)> {
        self.checks.paragraphs(std::slice::from_ref(&self.text))
    }
}

/// The links a short text's [`Linker`] gives each initiative: its page's site path after
/// [`ROOT_MARK`], which [`Plain::html`] replaces by the page's way to the root.
pub fn plain_hrefs(initiatives: &[crate::content::Initiative]) -> Vec<String> {
    initiatives
        .iter()
        .map(|i| format!("{ROOT_MARK}{}", crate::urls::initiative(&i.slug)))
        .collect()
}

/// Renders a short Markdown text (a topic's introduction, starting at line `body_line`)
/// without sections or heading checks. With a `linker` (whose hrefs are [`plain_hrefs`]), the
/// first mention of each initiative becomes a link to its page, as in a report: a name the
/// site writes itself leads where the reports' names lead.
pub fn render_plain(
    body: &str,
    body_line: usize,
    trusted_html: bool,
    linker: Option<&Linker>,
) -> Plain {
    let events: Vec<(Event, std::ops::Range<usize>)> = Parser::new_ext(body, options())
        .into_offset_iter()
        .collect();
    let plain: Vec<Event> = events.iter().map(|(e, _)| e.clone()).collect();
    let text = plain_text(&plain);
    let paragraphs = place(
        paragraphs(&events, &text::Lines::new(body, body_line)),
        &[&text],
    );
    // Raw HTML sanitised where it stands, as in a report ([`render`]), so the links made
    // below are never sanitised away.
    let safe: Vec<Event> = plain
        .into_iter()
        .map(|event| match event {
            Event::Html(html) if !trusted_html => Event::Html(CowStr::from(sanitise(&html))),
            Event::InlineHtml(html) if !trusted_html => {
                Event::InlineHtml(CowStr::from(sanitise(&html)))
            }
            Event::Start(tag) if !trusted_html && has_unsafe_target(&tag) => {
                Event::Start(without_target(tag))
            }
            other => other,
        })
        .collect();
    let linked = match linker {
        // Every mention links: a short text is one part, so the first of each initiative.
        Some(linker) => link_mentions(safe, linker).0,
        None => safe,
    };
    // The initiative links written out, so their href keeps the mark (an href written by
    // pulldown-cmark would have it percent-encoded).
    let linked = linked.into_iter().map(|event| match event {
        Event::Start(Tag::Link { dest_url, .. }) if dest_url.starts_with(ROOT_MARK) => {
            Event::InlineHtml(CowStr::from(format!("<a href=\"{dest_url}\">")))
        }
        other => other,
    });
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, linked);
    Plain {
        html: Linked(html),
        text,
        checks: CheckData {
            links: Vec::new(),
            paragraphs,
        },
    }
}

/// A link or image whose target is not [`is_safe_url`].
fn has_unsafe_target(tag: &Tag) -> bool {
    matches!(tag, Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } if !is_safe_url(dest_url))
}

/// The same link or image with an empty target.
fn without_target(tag: Tag) -> Tag {
    match tag {
        Tag::Link {
            link_type,
            title,
            id,
            ..
        } => Tag::Link {
            link_type,
            dest_url: CowStr::from(""),
            title,
            id,
        },
        Tag::Image {
            link_type,
            title,
            id,
            ..
        } => Tag::Image {
            link_type,
            dest_url: CowStr::from(""),
            title,
            id,
        },
        other => other,
    }
}

/// Whether a link target can go out as it is: relative, `#anchor`, http(s), mailto or tel.
fn is_safe_url(url: &str) -> bool {
    match url.split_once(':') {
        None => true,
        Some((scheme, _)) if scheme.contains(['/', '?', '#']) => true,
        Some((scheme, _)) => {
            ["http", "https", "mailto", "tel"].contains(&scheme.to_ascii_lowercase().as_str())
        }
    }
}

/// The elements raw HTML may keep: those Markdown itself produces.
pub const ALLOWED_TAGS: &[&str] = &[
    "p",
    "br",
    "hr",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "a",
    "em",
    "strong",
    "code",
    "pre",
    "blockquote",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "img",
    "del",
    "sup",
    "sub",
    "abbr",
];

/// Raw HTML from content, cut down by ammonia to the small set of elements that Markdown
/// itself produces: no scripts, styles, event handlers, frames or forms, and only http(s),
/// mailto and tel links (`javascript:` and `data:` are dropped). Link targets also pass the
/// rule of Markdown links ([`is_safe_url`]): ammonia lets `java&#x18;script:` through as a
/// relative URL (found by fuzzing; browsers do too, but nothing that looks like a scheme
/// other than the four goes out).
pub fn sanitise(html: &str) -> String {
    ammonia::Builder::empty()
        .add_tags(ALLOWED_TAGS)
        .add_tag_attributes("a", ["href", "class", "aria-label", "title"])
        .add_tag_attributes("img", ["src", "alt", "title"])
        .add_tag_attributes("abbr", ["title"])
        .add_tag_attributes("ol", ["start"])
        .add_url_schemes(["http", "https", "mailto", "tel"])
        .attribute_filter(|_, attribute, value| match attribute {
            "href" | "src" if !is_safe_url(value) => None,
            _ => Some(value.into()),
        })
        .link_rel(None)
        .clean(html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_found_where_str_find_finds_them() {
        let texts = [
            "",
            "een twee drie",
            "ééé één eend één",
            "aaab aab ab b",
            "Café Centraal, café centraal en Café",
        ];
        let words = [
            "",
            "een",
            "één",
            "aab",
            "ab b",
            "b",
            "Café",
            "centraal en",
            "x",
            "é",
        ];
        for text in texts {
            for w in words {
                assert_eq!(find_words(text, w), text.find(w), "{w:?} in {text:?}");
            }
        }
    }

    #[test]
    fn a_short_text_links_the_initiatives_it_names_from_any_page() {
        let initiatives: Vec<crate::content::Initiative> = [("positieve-gezondheid", "Positieve gezondheid")]
            .iter()
            .map(|(slug, alias)| {
                toml::from_str(&format!("name = \"N\"\nslug = \"{slug}\"\nkind = \"plek\"\nmentioned_as = \"idee\"\naliases = [\"{alias}\"]\ndescription = \"D\"\nquote = \"Q\""))
                .unwrap()
            })
            .collect();
        let matcher = Matcher::new(&initiatives);
        let hrefs = plain_hrefs(&initiatives);
        let linker = Linker {
            matcher: &matcher,
            hrefs: &hrefs,
        };
        let plain = render_plain(
            "Over ontmoeting, positieve gezondheid en <script>alert(1)</script>vergrijzing; nog eens positieve gezondheid. [Een link](https://example.org/)\n",
            1,
            false,
            Some(&linker),
        );
        let html = plain.html.html("../../");
        assert_eq!(
            html.matches(
                "<a href=\"../../initiatieven/positieve-gezondheid/\">positieve gezondheid</a>"
            )
            .count(),
            1,
            "the first mention links: {html}"
        );
        assert!(
            plain
                .html
                .html("./")
                .contains("href=\"./initiatieven/positieve-gezondheid/\"")
        );
        assert!(
            html.contains("<a href=\"https://example.org/\">Een link</a>"),
            "{html}"
        );
        assert!(!html.contains('\0'));
        assert!(
            !html.contains("<script") && html.contains("vergrijzing"),
            "raw HTML still sanitised where it stands: {html}"
        );
    }

    fn render_ok(body: &str) -> Rendered {
        render(Path::new("a.md"), body, 1, None, false).unwrap()
    }

    #[test]
    fn splits_at_h2_with_intro_first() {
        let r = render_ok(
            "Eerst.\n\n## Sociaal Café\n\nTekst.\n\n### Voor jongeren:\n\nMeer.\n\n## Sociaal Café\n\nWeer.\n",
        );
        let ids: Vec<_> = r.body.sections.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["inleiding", "sociaal-cafe", "sociaal-cafe-2"]);
        assert_eq!(r.body.sections[1].title.as_deref(), Some("Sociaal Café"));
        assert_eq!(r.body.sections[1].subheadings[0].id, "voor-jongeren");
        assert!(
            r.body.sections[1]
                .html
                .starts_with("<div class=\"kop kop-2\">\n<h2 id=\"sociaal-cafe\">Sociaal Café</h2>\n<a class=\"permalink\" href=\"#sociaal-cafe\" aria-label=\"Directe link naar ‘Sociaal Café’\"></a></div>"),
            "{}",
            r.body.sections[1].html
        );
        assert!(
            r.body.sections[1]
                .html
                .contains("<h3 id=\"voor-jongeren\">")
        );
    }

    #[test]
    fn a_line_of_stars_starts_the_closing_text() {
        let r = render_ok(
            "Begin.\n\n## Kop\n\n- a\n\n  ***\n\nTekst.\n\n***\n\nTot slot.\n\n***\n\nDank.\n",
        );
        let places: Vec<_> = r
            .body
            .sections
            .iter()
            .map(|s| (s.id.as_str(), s.place))
            .collect();
        assert_eq!(
            places,
            [
                ("inleiding", Place::Opening),
                ("kop", Place::Titled),
                ("slot", Place::Closing)
            ]
        );
        // A rule inside a list stays where it is; the marker line itself is no content; a
        // later rule is an ordinary one.
        assert!(
            r.body.sections[1].html.contains("<hr"),
            "{}",
            r.body.sections[1].html
        );
        assert_eq!(r.body.sections[2].html.matches("<hr").count(), 1);
        assert_eq!(r.text[2], "Tot slot. Dank.");
        // Nothing after the line: no empty part.
        assert_eq!(render_ok("## Kop\n\nA\n\n***\n").body.sections.len(), 1);
    }

    #[test]
    fn no_intro_section_when_text_starts_with_heading() {
        let r = render_ok("## Eén\n\nA\n");
        assert_eq!(r.body.sections.len(), 1);
        assert_eq!(r.body.sections[0].id, "een");
    }

    #[test]
    fn reserved_and_intro_ids_are_not_reused() {
        let r = render_ok("Intro\n\n## Inleiding\n\n## Inhoud\n");
        let ids: Vec<_> = r.body.sections.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["inleiding", "inleiding-2", "inhoud-2"]);
    }

    #[test]
    fn heading_problems_are_errors_with_lines() {
        let e = render(
            Path::new("a.md"),
            "# Titel\n\n## A\n\n#### B\n\n## \n",
            10,
            None,
            false,
        )
        .unwrap_err();
        let got: Vec<_> = e.0.iter().map(|e| (e.line, e.message.as_str())).collect();
        assert_eq!(
            got,
            [
                (10, "een kop met één # is niet toegestaan in de tekst"),
                (14, "deze kop slaat een niveau over"),
                (16, "lege kop"),
            ]
        );
    }

    #[test]
    fn raw_html_and_unsafe_links_are_sanitised() {
        let r = render_ok(
            "## Kop <img src=x onerror=alert(1)>\n\nTekst <img src=x onerror=alert(1)> hier <b>vet</b>\n\n<script>alert(1)</script>\n\n[klik](javascript:alert(1)) [data](data:text/html,x) [goed](https://example.org/) [intern](../a/#b)\n",
        );
        let html = r.body.html();
        for bad in [
            "onerror",
            "<script",
            "alert(1)</",
            "javascript:",
            "data:",
            "<b>",
        ] {
            assert!(!html.contains(bad), "{bad} in {html}");
        }
        assert!(html.contains("<img src=\"x\">"), "{html}");
        assert!(html.contains("href=\"https://example.org/\""), "{html}");
        assert!(html.contains("href=\"../a/#b\""), "{html}");
        assert!(html.contains("<h2 id=\"kop\">"), "ids survive: {html}");
        assert!(
            html.contains("class=\"permalink\""),
            "permalinks survive: {html}"
        );
    }

    /// Regression (fuzz/corpus/markdown/finding-control-char-scheme, found by cargo fuzz):
    /// ammonia took `java&#x18;script:` for a relative URL.
    #[test]
    fn raw_html_link_targets_follow_the_markdown_rule() {
        let html = render_ok(
            "<a href=\"java&#x18;script:alert(1)\">y</a> <a href=\"java&#x09;script:x\">z</a> <a href=\"../a/#b\">ok</a> <img src=\"vb&#x0;script:x\" alt=\"a\">\n",
        )
        .body
        .html();
        for bad in ["script:", "alert"] {
            assert!(!html.contains(bad), "{bad} in {html}");
        }
        assert!(html.contains("href=\"../a/#b\""), "{html}");
    }

    /// Regression (fuzz/corpus/markdown, found by cargo fuzz): raw HTML could repeat an id.
    #[test]
    fn raw_html_cannot_repeat_an_id() {
        let r = render_ok("## X\n\n<p id=\"x\">a</p> <span id=\"hoofdinhoud\">b</span>\n");
        let html = r.body.html();
        assert_eq!(html.matches("id=\"x\"").count(), 1, "{html}");
        assert!(!html.contains("hoofdinhoud"), "{html}");
    }

    #[test]
    fn trusted_html_is_kept() {
        let r = render(Path::new("a.md"), "Tekst <b>vet</b>\n", 1, None, true).unwrap();
        assert!(r.body.html().contains("<b>vet</b>"));
    }

    #[test]
    fn safe_urls() {
        for ok in [
            "../a/",
            "#x",
            "https://x",
            "HTTP://x",
            "mailto:a@b",
            "a/b:c",
            "?q=a:b",
        ] {
            assert!(is_safe_url(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "JavaScript:x",
            "data:text/html,x",
            "vbscript:x",
            "file:///etc",
        ] {
            assert!(!is_safe_url(bad), "{bad}");
        }
    }

    #[test]
    fn paragraphs_are_kept_as_places_in_the_section_text() {
        let r = render_ok(
            "Eerst  een   zin.\n\n## Kop\n\nTekst over\n*het* Sociaal Café.\n\n- een punt\n- nog een\n\n```\ncode\n```\n\nDaarna.\n",
        );
        let got: Vec<(usize, &str)> = r.paragraphs().collect();
        assert_eq!(
            got,
            [
                (1, "Eerst een zin."),
                (5, "Tekst over het Sociaal Café."),
                (8, "een punt"),
                (9, "nog een"),
                (15, "Daarna.")
            ]
        );
        // The words are the sections' own: no copy.
        assert!(
            r.checks
                .paragraphs
                .iter()
                .all(|p| matches!(p.text, ParagraphText::In { .. }))
        );
        let plain = render_plain("Een *korte*\ntekst.\n\nNog een.\n", 3, false, None);
        let got: Vec<(usize, &str)> = plain.paragraphs().collect();
        assert_eq!(got, [(3, "Een korte tekst."), (6, "Nog een.")]);
    }

    #[test]
    fn a_paragraph_not_found_in_the_section_text_keeps_its_own() {
        // A table's cells are spaced out in the search text, but not in the list item.
        let r = render_ok("- | a | b |\n  |---|---|\n  | c | d |\n\nNa.\n");
        let texts: Vec<&str> = r.paragraphs().map(|(_, t)| t).collect();
        assert_eq!(texts.last(), Some(&"Na."));
        assert!(texts.iter().all(|t| !t.is_empty()));
    }
}
