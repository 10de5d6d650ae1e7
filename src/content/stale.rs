//! Texts written once for the whole site that go stale when a round is added: the site's
//! description in `vindplaats.toml` (the home page's meta description) and each theme's
//! description (its card on the home page) and introduction. When one of them names only
//! years before a published round it speaks for ("De thematafel Eenzaamheid was op 23 mei
//! 2023" above the 2024 reports too), it is a warning (`verouderd`) at its file and line, the
//! same in `check` and `build`.
//!
//! A warning rather than a text per round: these texts describe a theme or the site across
//! every round, and only a person can write what holds for all of them ("in 2023 en 2024", or
//! no year at all). A text per round would make the theme page speak of its newest round only,
//! above the reports of all of them. What is about one round is already per round (the edition
//! file: its introduction leads the home page, its makers are in the footer and under each
//! report). Only published rounds count: a concept round's year named early would be on the
//! site before its reports.

use std::path::Path;

use super::{Library, Topic};
use crate::error::ContentError;
use crate::text;

/// A text of the site's own that is not in `content/`: where it is and what it says.
pub struct SiteText<'a> {
    pub file: &'a Path,
    pub line: usize,
    pub text: &'a str,
}

/// Every stale text: the site's `description`, judged against the newest published round,
/// and each theme's description and introduction, judged against the newest published round
/// with a report of that theme (a theme without a table in the new round is still right).
/// Years before the first round are history, not a round ("sinds 1976", "2000 inwoners"): a
/// text that names only those is never stale. Paths relative to `root`.
pub fn check(library: &Library, site: SiteText, root: &Path) -> Vec<ContentError> {
    let published = library.editions.iter().filter(|e| !e.concept);
    let Some(newest) = published.clone().map(|e| e.year).max() else {
        return Vec::new();
    };
    let first = published.map(|e| e.year).min().unwrap_or(newest);
    let mut found = Vec::new();
    if let Some(years) = stale(site.text, first, newest) {
        found.push(
            warning(
                site.file,
                site.line,
                0,
                "de beschrijving van de site",
                &years,
                format!("editie {newest} staat ook online"),
            )
            .hint(advice(
                newest,
                "zoekmachines tonen deze zin bij de voorpagina",
            )),
        );
    }
    // A report is published unless it or its round is a concept (the rule of
    // `concepts::of_reports`, here on the loaded library, before parse).
    let concept_rounds: Vec<u16> = library
        .editions
        .iter()
        .filter(|e| e.concept)
        .map(|e| e.year)
        .collect();
    for topic in &library.topics {
        let Some(newest) = library
            .reports
            .iter()
            .filter(|r| !r.concept && !concept_rounds.contains(&r.edition))
            .filter(|r| r.topic == topic.slug)
            .map(|r| r.edition)
            .max()
        else {
            continue;
        };
        found.extend(in_topic(topic, first, newest));
    }
    found.into_iter().map(|e| e.relative_to(root)).collect()
}

fn in_topic(topic: &Topic, first: u16, newest: u16) -> Vec<ContentError> {
    let mut found = Vec::new();
    if let Some(years) = stale(&topic.description, first, newest) {
        found.push(
            warning(
                &topic.file,
                topic.lines.of("description"),
                0,
                "de beschrijving van het thema",
                &years,
                of_topic(newest),
            )
            .hint(advice(
                newest,
                "deze zin staat op de kaart van het thema op de voorpagina en bij zoekmachines",
            )),
        );
    }
    if let Some(years) = stale(&topic.body, first, newest) {
        // At the first year the introduction names.
        let at = years.first_at;
        let lines = text::Lines::new(&topic.body, topic.body_line);
        let column = topic.body[lines.line_start(at)..at].chars().count() + 1;
        found.push(
            warning(
                &topic.file,
                lines.of(at),
                column,
                "de inleiding van het thema",
                &years,
                of_topic(newest),
            )
            .length(4)
            .hint(advice(
                newest,
                "de inleiding staat bovenaan de pagina van het thema",
            )),
        );
    }
    found
}

/// The years of the rounds a text names, when all are before `newest`.
struct Named {
    years: Vec<u16>,
    /// The byte offset of the first of them in the text.
    first_at: usize,
}

fn stale(text: &str, first: u16, newest: u16) -> Option<Named> {
    let named: Vec<(usize, u16)> = text::years_named(text)
        .into_iter()
        .filter(|&(_, year)| year >= first)
        .collect();
    let (first_at, _) = *named.first()?;
    let mut years: Vec<u16> = named.into_iter().map(|(_, year)| year).collect();
    years.sort_unstable();
    years.dedup();
    (years.last().is_some_and(|&last| last < newest)).then_some(Named { years, first_at })
}

/// Why a theme's text is stale: the theme has reports of a newer round.
fn of_topic(newest: u16) -> String {
    format!("het thema heeft nu ook verslagen van {newest}")
}

/// "de inleiding van het thema noemt alleen 2023, maar …".
fn warning(
    file: &Path,
    line: usize,
    column: usize,
    what: &str,
    named: &Named,
    why: String,
) -> ContentError {
    let years: Vec<String> = named.years.iter().map(u16::to_string).collect();
    ContentError::new(
        file,
        line,
        format!(
            "{what} noemt alleen {}, maar {why}",
            text::dutch_list(&years)
        ),
    )
    .column(column)
    .rule(crate::error::Rule::Stale)
}

fn advice(newest: u16, shown: &str) -> String {
    format!(
        "schrijf de tekst zo dat hij voor alle edities klopt: noem ook {newest}, of laat het jaar weg; {shown}"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stale_when_a_newer_round_is_online_than_every_year_named() {
        let table: &[(&str, bool)] = &[
            ("De thematafel was op 23 mei 2023.", true),
            ("In 2022 en 2023 waren er thematafels.", true),
            ("De thematafels van 2023 en 2024.", false),
            ("De thematafels van 2023/24.", false),
            ("Zonder jaartal.", false),
            // History before the first round, and numbers that are no year of a round.
            ("Almere bestaat sinds 1976.", false),
            ("Er wonen 2000 mensen.", false),
        ];
        for (text, expected) in table {
            assert_eq!(stale(text, 2023, 2024).is_some(), *expected, "{text}");
        }
        let named = stale("In 2023 en in 2022, niet 2023.", 2022, 2024).unwrap();
        assert_eq!(named.years, [2022, 2023]);
        assert_eq!(named.first_at, 3);
    }
}
