//! Open data: `/initiatieven/index.json` and `/rapporten/index.json`, with the same facts as
//! the pages and absolute URLs, so they can be used outside the site.

use std::sync::Arc;

use serde::{Serialize, Serializer};

use super::keys::Keys;
use super::views::Views;
use crate::memo::{Memo, fingerprint};
use crate::output::{Bytes, OutputFile};
use crate::parsed::{ReportId, Site};
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
    /// Where and when, in a report's words (absent when the report does not say).
    place: Option<&'a str>,
    when: Option<&'a str>,
    /// The editors' links, each with the day it was checked: not from the reports.
    links: Vec<LinkData<'a>>,
    url: String,
    aliases: &'a [String],
    themes: Vec<&'a str>,
    mentions: Vec<MentionData<'a>>,
    related: Vec<&'a str>,
}

#[derive(Serialize)]
struct LinkData<'a> {
    text: &'a str,
    url: &'a str,
    /// `2026-12-06`.
    checked: &'a str,
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
    /// How the editors read words of the list of participants, where they had to.
    organisation_readings: &'a [crate::parsed::Reading],
    people: Vec<&'a crate::content::Person>,
    description: &'a str,
    sections: Vec<SectionData<'a>>,
    initiatives: Vec<&'a str>,
}

/// One item of an open data file as it is written: its line, without the comma and newline.
type Line = Arc<Vec<u8>>;

/// What `serve` keeps of the open data: each item's line, by the key of its report or
/// initiative (`super::keys`) and the site's address, and each file as it was last made. After
/// a one-report edit one line of each file is made again; when every line is the same as
/// before (an edit of a report's words changes no line), the last file is handed on whole,
/// else the lines (57 MB of JSON at 10,000 reports, 0.4–0.7 s to make) are copied together.
/// A build's is off: it makes every line and keeps none.
#[derive(Default)]
pub struct DataMemo {
    reports: FileMemo,
    initiatives: FileMemo,
}

impl DataMemo {
    pub fn off() -> DataMemo {
        DataMemo {
            reports: FileMemo::off(),
            initiatives: FileMemo::off(),
        }
    }
}

/// One open data file's lines by their keys, and its last lines in order with the file they
/// made.
#[derive(Default)]
struct FileMemo {
    lines: Memo<Line>,
    last: Option<(Vec<Line>, Bytes)>,
}

impl FileMemo {
    fn off() -> FileMemo {
        FileMemo {
            lines: Memo::off(),
            last: None,
        }
    }
}

/// How one open data file is made.
type Maker = fn(&Site, &Views, Option<&Keys>, &mut DataMemo) -> OutputFile;

/// The open data files, each made when the one before it has been handed on: at 10,000 reports
/// each is over 30 MB, and its items are turned into JSON values one at a time, not the whole
/// file at once. An item whose key (`keys`, `serve` only) is as in the last build is its line
/// kept in `memo`.
pub fn files<'a>(
    site: &'a Site,
    views: &'a Views,
    keys: Option<&'a Keys>,
    memo: &'a mut DataMemo,
) -> impl Iterator<Item = OutputFile> + 'a {
    let makers: [Maker; 2] = [initiatives, reports];
    makers
        .into_iter()
        .map(move |make| make(site, views, keys, memo))
}

fn initiatives(site: &Site, views: &Views, keys: Option<&Keys>, memo: &mut DataMemo) -> OutputFile {
    let abs = |path: &str| site.urls.absolute(path);
    let line_of = |at: usize, i: &super::views::InitiativeView| {
        line(InitiativeData {
            name: &i.name,
            slug: &i.slug,
            kind: i.kind_label,
            mentioned_as: i.mentioned_as.key(),
            description: &i.description,
            quote: &i.quote,
            place: i.place.as_deref(),
            when: i.when.as_deref(),
            links: i
                .links
                .iter()
                .map(|l| LinkData {
                    text: &l.text,
                    url: &l.url,
                    checked: &l.checked,
                })
                .collect(),
            url: abs(&i.path),
            aliases: &i.aliases,
            themes: i.topics.iter().map(|t| t.title.as_str()).collect(),
            mentions: views
                .mentions(at)
                .iter()
                .map(|m| MentionData {
                    report: m.report_title,
                    report_date: &m.report_short_date,
                    report_url: abs(&m.report_path),
                    section: m.section_title,
                    section_url: abs(&format!("{}#{}", m.report_path, m.section_id)),
                    text: m.text,
                    sentence: format!("{}{}{}", m.before, m.text, m.after),
                })
                .collect(),
            related: i.related.iter().map(|r| r.title.as_str()).collect(),
        })
    };
    let base = site.urls.base_url();
    file(
        &format!("{}index.json", urls::INITIATIVES),
        "initiatieven",
        &mut memo.initiatives,
        views.initiatives.iter().enumerate(),
        |&(n, _)| keys.map(|k| fingerprint((k.initiatives[n], base))),
        |&(at, i)| line_of(at, i),
    )
}

fn reports(site: &Site, views: &Views, keys: Option<&Keys>, memo: &mut DataMemo) -> OutputFile {
    let abs = |path: &str| site.urls.absolute(path);
    let line_of = |v: &super::views::ReportView,
                   outline: &[super::views::SectionLink],
                   r: &crate::content::Report| {
        line(ReportData {
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
            organisation_readings: &v.readings,
            people: r.people.iter().collect(),
            description: &v.description,
            sections: outline
                .iter()
                .map(|s| SectionData {
                    id: &s.id,
                    title: &s.title,
                    url: abs(&format!("{}#{}", v.summary.path, s.id)),
                })
                .collect(),
            initiatives: v.initiatives.iter().map(|i| i.title.as_str()).collect(),
        })
    };
    let base = site.urls.base_url();
    // Report ids are the views' order.
    file(
        &format!("{}index.json", urls::REPORTS),
        "rapporten",
        &mut memo.reports,
        views.reports.iter().zip(&site.reports).enumerate(),
        |&(id, _)| {
            keys.and_then(|k| k.reports[id])
                .map(|k| fingerprint((k, base)))
        },
        |&(id, (listed, parsed))| {
            line_of(views.report(ReportId(id)), &listed.outline, &parsed.report)
        },
    )
}

/// The file at `path` of `items` under `key` (see [`json`]). A build makes each item's line
/// (`make`) and writes it, one after the other, so it holds one line at a time besides the
/// file. With `memo` on, a line kept under the item's key (`key_of`) is taken instead of made,
/// and when every line is the one the last file had in its place, that file is handed on
/// instead of copying the lines together again; `memo` then keeps exactly this file's lines.
fn file<X: ExactSizeIterator>(
    path: &str,
    key: &str,
    memo: &mut FileMemo,
    items: X,
    key_of: impl Fn(&X::Item) -> Option<u64>,
    make: impl Fn(&X::Item) -> Line,
) -> OutputFile {
    let count = items.len();
    if !memo.lines.is_on() {
        return json(path, key, count, |write| {
            items.for_each(|item| write(&make(&item)))
        });
    }
    let lines: Vec<(Option<u64>, Line)> = items
        .map(|item| memo.lines.get_or(|| key_of(&item), || make(&item)))
        .collect();
    let ordered: Vec<Line> = lines.iter().map(|(_, line)| Arc::clone(line)).collect();
    let bytes = match &memo.last {
        Some((last, bytes)) if same_lines(last, &ordered) => Bytes::clone(bytes),
        _ => {
            json(path, key, count, |write| {
                ordered.iter().for_each(|l| write(l))
            })
            .bytes
        }
    };
    memo.last = Some((ordered, Bytes::clone(&bytes)));
    memo.lines.keep(lines);
    OutputFile {
        path: path.to_owned(),
        bytes,
    }
}

/// Whether two files' lines are the same, in the same order: a line taken from the memo is
/// the one kept (the same buffer), a line made again is compared byte for byte.
fn same_lines(last: &[Line], now: &[Line]) -> bool {
    last.len() == now.len()
        && last
            .iter()
            .zip(now)
            .all(|(a, b)| Arc::ptr_eq(a, b) || a == b)
}

/// An item's line, keys A–Z.
fn line<T: Serialize>(item: T) -> Line {
    let mut bytes = Vec::new();
    serde_json::to_writer(&mut bytes, &KeysAToZ(item)).expect("plain data serialises");
    Arc::new(bytes)
}

/// `{"<key>": [items]}`, one item a line; `items` is how many lines `lines` writes.
///
/// One item a line, not pretty-printed: the indentation was a fifth of these files' bytes
/// (16 MB of 74 at 10,000 reports) and no program reading them needs it, while a line per
/// item still lets the team diff a regeneration item by item.
///
/// The file is one buffer that is never copied while it grows (see [`room_for_the_rest`]):
/// grown by doubling, the last copy held the old and the new buffer at once, 32 + 34 MB for
/// `initiatieven/index.json` at 10,000 reports, the build's peak of memory.
fn json(
    path: &str,
    key: &str,
    items: usize,
    lines: impl FnOnce(&mut dyn FnMut(&[u8])),
) -> OutputFile {
    let mut bytes = Vec::new();
    serde_json::to_writer(&mut bytes, &serde_json::json!({ key: [] })).expect("plain data");
    bytes.truncate(bytes.len() - 2); // `]}`: the items go in between
    let head = bytes.len();
    let mut written = 0;
    lines(&mut |line| {
        if written > 0 {
            room_for_the_rest(&mut bytes, head, written, items.saturating_sub(written));
        }
        bytes.extend_from_slice(if written == 0 { b"\n" } else { b",\n" });
        bytes.extend_from_slice(line);
        written += 1;
    });
    if bytes.last() != Some(&b'[') {
        bytes.push(b'\n');
    }
    bytes.extend_from_slice(b"]}\n");
    OutputFile::new(path, bytes)
}

/// Makes `bytes` (`written` lines after a head of `head` bytes) big enough for the `left`
/// lines still to come, when the lines so far say they would not fit: twice what they take
/// at the average so far, plus the end. Reserved memory is only an address range until it
/// is written (the system maps a page when it is first touched), so the margin costs
/// nothing resident, and the file is copied at most when a line is far above the average,
/// not at every doubling.
fn room_for_the_rest(bytes: &mut Vec<u8>, head: usize, written: usize, left: usize) {
    let average = (bytes.len() - head).div_ceil(written);
    // Each line's comma and newline, and the closing `\n]}\n`.
    let needed = left * (average + 2) + 4;
    if bytes.capacity() - bytes.len() < needed {
        bytes.reserve_exact(needed * 2);
    }
}

/// An item written as through a `serde_json::Value`, with every object's keys A–Z: the files
/// have always been written that way (once from one value of the whole file), and their
/// users may compare them byte for byte.
struct KeysAToZ<T>(T);

impl<T: Serialize> Serialize for KeysAToZ<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serde_json::to_value(&self.0)
            .map_err(serde::ser::Error::custom)?
            .serialize(serializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Item {
        zeta: u16,
        alpha: Vec<Inner>,
        empty: Vec<u8>,
    }

    #[derive(Serialize)]
    struct Inner {
        y: &'static str,
        b: Option<&'static str>,
    }

    fn items() -> Vec<Item> {
        (0..3)
            .map(|n| Item {
                zeta: n,
                alpha: vec![
                    Inner { y: "ij", b: None },
                    Inner {
                        y: "é",
                        b: Some("x"),
                    },
                ],
                empty: Vec::new(),
            })
            .collect()
    }

    /// Written item by item, a file holds what one JSON value of it held, one item a line.
    #[test]
    fn file_is_one_value_one_item_a_line() {
        let file = json("a/index.json", "lijst", items().len(), |write| {
            items().into_iter().for_each(|i| write(&line(i)))
        });
        let text = String::from_utf8(file.bytes.to_vec()).unwrap();
        let read: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(read, serde_json::json!({ "lijst": items() }));
        assert_eq!(text.lines().count(), 2 + items().len(), "{text}");
        assert!(
            text.lines()
                .nth(1)
                .unwrap()
                .starts_with(r#"{"alpha":[{"b":null,"y":"ij"}"#)
        );
        let empty = json("e.json", "lijst", 0, |_| ());
        assert_eq!(*empty.bytes, b"{\"lijst\":[]}\n");
    }

    /// With the memo on, a file whose lines are all the last file's, in its order, is that
    /// file; a line that differs, or a line more or fewer, makes the file again.
    #[test]
    fn a_file_of_the_last_lines_is_the_last_file() {
        let mut memo = FileMemo::default();
        // No keys: every line is made again, and compared by its bytes.
        let mut made = |items: &[&str]| {
            let line = |item: &&&str| Arc::new(item.as_bytes().to_vec());
            file("d.json", "lijst", &mut memo, items.iter(), |_| None, line).bytes
        };
        let expected = |items: &[&str]| {
            json("d.json", "lijst", items.len(), |write| {
                items.iter().for_each(|i| write(i.as_bytes()))
            })
            .bytes
        };
        let first = made(&["1", "2"]);
        assert!(Arc::ptr_eq(&first, &made(&["1", "2"])));
        for items in [&["1", "3"][..], &["1"], &["1", "3"], &["1", "3", "4"], &[]] {
            assert_eq!(made(items), expected(items), "{items:?}");
        }
    }
}
