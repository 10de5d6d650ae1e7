//! Open data: `/initiatieven/index.json` and `/rapporten/index.json`, with the same facts as
//! the pages and absolute URLs, so they can be used outside the site.

use serde::Serialize;

use super::views::Views;
use crate::output::OutputFile;
use crate::parsed::Site;
use crate::urls;

#[derive(Serialize)]
struct MentionData<'a> {
    report: &'a str,
    report_date: &'a str,
    report_url: String,
    section: &'a str,
    section_url: String,
    text: &'a str,
    sentence: String,
}

#[derive(Serialize)]
struct InitiativeData<'a> {
    name: &'a str,
    slug: &'a str,
    kind: &'a str,
    mentioned_as: &'a str,
    description: &'a str,
    quote: &'a str,
    url: String,
    aliases: &'a [String],
    themes: Vec<&'a str>,
    mentions: Vec<MentionData<'a>>,
    related: Vec<&'a str>,
}

#[derive(Serialize)]
struct SectionData<'a> {
    id: &'a str,
    title: &'a str,
    url: String,
}

#[derive(Serialize)]
struct ReportData<'a> {
    slug: &'a str,
    title: &'a str,
    url: String,
    theme: &'a str,
    /// The year of its round (edition).
    edition: u16,
    date: &'a str,
    start: &'a str,
    end: &'a str,
    location: &'a str,
    participants: u32,
    organisations: Vec<&'a str>,
    people: Vec<&'a crate::content::Person>,
    description: &'a str,
    sections: Vec<SectionData<'a>>,
    initiatives: Vec<&'a str>,
}

pub fn files(site: &Site, views: &Views) -> Vec<OutputFile> {
    let abs = |path: &str| site.urls.absolute(path);
    let initiatives: Vec<InitiativeData> = views
        .initiatives
        .iter()
        .map(|i| InitiativeData {
            name: &i.name,
            slug: &i.slug,
            kind: i.kind_label,
            mentioned_as: i.mentioned_as.key(),
            description: &i.description,
            quote: &i.quote,
            url: abs(&i.path),
            aliases: &i.aliases,
            themes: i.topics.iter().map(|t| t.title.as_str()).collect(),
            mentions: i
                .mentions
                .iter()
                .map(|m| MentionData {
                    report: &m.report_title,
                    report_date: &m.report_short_date,
                    report_url: abs(&m.report_path),
                    section: &m.section_title,
                    section_url: abs(&format!("{}#{}", m.report_path, m.section_id)),
                    text: &m.text,
                    sentence: format!("{}{}{}", m.before, m.text, m.after),
                })
                .collect(),
            related: i.related.iter().map(|r| r.title.as_str()).collect(),
        })
        .collect();
    let reports: Vec<ReportData> = views
        .reports
        .iter()
        .zip(&site.reports)
        .map(|(v, parsed)| (v, &parsed.report))
        .map(|(v, r)| ReportData {
            slug: &v.summary.slug,
            title: &v.summary.title,
            url: abs(&v.summary.path),
            theme: &v.summary.topic_title,
            edition: v.summary.year,
            date: &v.summary.date,
            start: &v.start,
            end: &v.end,
            location: &v.summary.location,
            participants: v.summary.participants,
            organisations: r.organisations.iter().map(String::as_str).collect(),
            people: r.people.iter().collect(),
            description: &v.description,
            sections: v
                .outline
                .iter()
                .map(|s| SectionData {
                    id: &s.id,
                    title: &s.title,
                    url: abs(&format!("{}#{}", v.summary.path, s.id)),
                })
                .collect(),
            initiatives: v.initiatives.iter().map(|i| i.title.as_str()).collect(),
        })
        .collect();
    vec![
        json(
            &format!("{}index.json", urls::INITIATIVES),
            &serde_json::json!({ "initiatieven": initiatives }),
        ),
        json(
            &format!("{}index.json", urls::REPORTS),
            &serde_json::json!({ "rapporten": reports }),
        ),
    ]
}

fn json(path: &str, value: &serde_json::Value) -> OutputFile {
    let mut bytes = serde_json::to_vec_pretty(value).expect("plain data serialises");
    bytes.push(b'\n');
    OutputFile {
        path: path.to_owned(),
        bytes,
    }
}
