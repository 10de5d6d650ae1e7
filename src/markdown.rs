//! Markdown to HTML: heading ids, the split into sections, and the checks on headings.
//!
//! A report is read as sections: the text before the first `##` heading, then one section per
//! `##` heading. Every heading gets a stable id made by [`text::slug`], unique on the page, so
//! links to `/rapporten/<slug>/#<id>` keep working as long as the heading keeps its words.

use std::path::Path;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::error::{ContentError, ContentErrors};
use crate::text::UniqueIds;

/// Ids the page templates use themselves; a heading never takes one of these.
pub const RESERVED_IDS: &[&str] = &[
    "inhoud",
    "hoofdinhoud",
    "zoeken",
    "feiten",
    "inhoudsopgave",
    "navigatie",
];

/// The id of the text before the first `##` heading.
pub const INTRO_ID: &str = "inleiding";

/// A heading inside a section (`###` and deeper), for the table of contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Heading {
    pub id: String,
    pub text: String,
    pub level: u8,
}

/// One part of a page: the text under one `##` heading, or the text before the first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Section {
    pub id: String,
    /// The `##` heading's text; `None` for the text before the first heading.
    pub title: Option<String>,
    pub subheadings: Vec<Heading>,
    pub html: String,
}

/// A page body rendered to HTML, cut into sections.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Rendered {
    pub sections: Vec<Section>,
}

impl Rendered {
    pub fn html(&self) -> String {
        self.sections.iter().map(|s| s.html.as_str()).collect()
    }

    /// The sections that start with a heading (the report's own section titles).
    pub fn titled(&self) -> impl Iterator<Item = &Section> {
        self.sections.iter().filter(|s| s.title.is_some())
    }
}

fn options() -> Options {
    Options::ENABLE_TABLES
}

/// Renders `body` (starting at line `body_line` of `file`), checking its headings:
/// no `#` heading (the page title is the only `<h1>`), no skipped level, no empty heading.
pub fn render(file: &Path, body: &str, body_line: usize) -> Result<Rendered, ContentErrors> {
    let mut errors = ContentErrors::default();
    let line_of = |offset: usize| body_line + body[..offset].matches('\n').count();
    let mut ids = UniqueIds::reserving(RESERVED_IDS.iter().copied());
    ids.claim(INTRO_ID, INTRO_ID);

    // First pass: the text of every heading, so ids can be set on the opening tag.
    let events: Vec<(Event, std::ops::Range<usize>)> = Parser::new_ext(body, options())
        .into_offset_iter()
        .collect();
    let mut heading_texts = Vec::new();
    let mut current: Option<String> = None;
    for (event, _) in &events {
        match event {
            Event::Start(Tag::Heading { .. }) => current = Some(String::new()),
            Event::End(TagEnd::Heading(_)) => {
                heading_texts.push(current.take().unwrap_or_default())
            }
            Event::Text(t) | Event::Code(t) if current.is_some() => {
                current.as_mut().unwrap().push_str(t)
            }
            Event::SoftBreak | Event::HardBreak if current.is_some() => {
                current.as_mut().unwrap().push(' ')
            }
            _ => {}
        }
    }

    let mut sections = vec![Section {
        id: INTRO_ID.to_owned(),
        title: None,
        subheadings: Vec::new(),
        html: String::new(),
    }];
    let mut pending: Vec<Event> = Vec::new();
    let mut texts = heading_texts.into_iter();
    let mut previous_level = 1u8;
    for (event, range) in events {
        let event = match event {
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
                if n == 1 {
                    errors.push(
                        ContentError::new(file, line, "een kop met één # is niet toegestaan in de tekst")
                            .hint("de titel van de pagina is de enige hoofdkop; gebruik ## voor een kopje"),
                    );
                } else if n > previous_level + 1 {
                    errors.push(
                        ContentError::new(
                            file,
                            line,
                            "deze kop slaat een niveau over",
                        )
                        .hint(format!(
                            "een kop mag één niveau dieper zijn dan de kop erboven: gebruik {} in plaats van {}",
                            "#".repeat(previous_level as usize + 1),
                            "#".repeat(n as usize)
                        )),
                    );
                }
                if text.trim().is_empty() {
                    errors.push(
                        ContentError::new(file, line, "lege kop")
                            .hint("schrijf tekst achter de #-tekens, of haal de regel weg"),
                    );
                }
                previous_level = n;
                let id = ids.claim(&text, "kop");
                if level == HeadingLevel::H2 {
                    flush(&mut pending, sections.last_mut().unwrap());
                    sections.push(Section {
                        id: id.clone(),
                        title: Some(text),
                        subheadings: Vec::new(),
                        html: String::new(),
                    });
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
            // Raw HTML is shown as text: content is never trusted to carry markup.
            Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
            other => other,
        };
        pending.push(event);
    }
    flush(&mut pending, sections.last_mut().unwrap());
    if sections[0].html.trim().is_empty() {
        sections.remove(0);
    }
    errors.into_result(Rendered { sections })
}

fn flush(events: &mut Vec<Event>, section: &mut Section) {
    pulldown_cmark::html::push_html(&mut section.html, events.drain(..));
}

/// Renders a short Markdown text (a topic's introduction) without sections or heading checks.
pub fn render_plain(body: &str) -> String {
    let mut html = String::new();
    let events = Parser::new_ext(body, options()).map(|e| match e {
        Event::Html(h) | Event::InlineHtml(h) => Event::Text(h),
        other => other,
    });
    pulldown_cmark::html::push_html(&mut html, events);
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render_ok(body: &str) -> Rendered {
        render(Path::new("a.md"), body, 1).unwrap()
    }

    #[test]
    fn splits_at_h2_with_intro_first() {
        let r = render_ok(
            "Eerst.\n\n## Sociaal Café\n\nTekst.\n\n### Voor jongeren:\n\nMeer.\n\n## Sociaal Café\n\nWeer.\n",
        );
        let ids: Vec<_> = r.sections.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["inleiding", "sociaal-cafe", "sociaal-cafe-2"]);
        assert_eq!(r.sections[1].title.as_deref(), Some("Sociaal Café"));
        assert_eq!(r.sections[1].subheadings[0].id, "voor-jongeren");
        assert!(
            r.sections[1]
                .html
                .starts_with("<h2 id=\"sociaal-cafe\">Sociaal Café</h2>"),
            "{}",
            r.sections[1].html
        );
        assert!(r.sections[1].html.contains("<h3 id=\"voor-jongeren\">"));
    }

    #[test]
    fn no_intro_section_when_text_starts_with_heading() {
        let r = render_ok("## Eén\n\nA\n");
        assert_eq!(r.sections.len(), 1);
        assert_eq!(r.sections[0].id, "een");
    }

    #[test]
    fn reserved_and_intro_ids_are_not_reused() {
        let r = render_ok("Intro\n\n## Inleiding\n\n## Inhoud\n");
        let ids: Vec<_> = r.sections.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["inleiding", "inleiding-2", "inhoud-2"]);
    }

    #[test]
    fn heading_problems_are_errors_with_lines() {
        let e = render(Path::new("a.md"), "# Titel\n\n## A\n\n#### B\n\n## \n", 10).unwrap_err();
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
    fn raw_html_is_escaped() {
        let r = render_ok("Tekst <img src=x onerror=alert(1)> hier\n\n<script>alert(1)</script>\n");
        let html = r.html();
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("<script"), "{html}");
        assert!(html.contains("&lt;img"));
    }
}
