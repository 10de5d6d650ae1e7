//! A large, deterministic corpus for the benchmark (`scripts/bench`).
//!
//! ```text
//! cargo run --release --example corpus -- N DIR
//! ```
//!
//! Writes a complete site into DIR that `vindplaats build --root DIR` builds: the repository's
//! `vindplaats.toml`, topics (`content/themas/*.md`), initiatives and organisations, and N
//! reports made from the six real ones. Each report takes the preamble of a base report and a
//! shuffled selection of whole `## ` sections from all six, so headings, lists and the names of
//! initiatives appear as they do in the real text. Front matter has the same keys as the real
//! reports, with valid values: organisations are names the real reports use (so
//! `organisaties.toml` declares them), and there are no `corrections` (the corrected text need
//! not be in the new body). Files go into a folder per year: `content/rapporten/2027/rapport-00042.md`.
//! Each year gets an edition (`content/edities/<jaar>.md`; 2023 is the real one), so the
//! benchmark covers edition pages. The six real reports are copied as they are (the initiatives' quotes refer to them); a
//! report's closing text (after `***`) is never moved into another.
//!
//! Deterministic: a fixed seed and sorted input, so the same N gives byte-identical files.
//! Report k depends only on k, not on N, so a larger corpus contains every smaller one.
//! The theme is not copied: it is built into the binary. Standard library only.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Fixed seed of the generator; change it and every corpus changes.
const SEED: u64 = 0x5eed_a1e7_e2e0_2023;

/// The topics (thema's) a report may belong to, as `content/themas/` names them.
const TOPICS: [&str; 5] = [
    "sociale-basis",
    "eenzaamheid",
    "jong-in-almere",
    "bestaanszekerheid",
    "sociale-kwaliteit-en-fysieke-omgeving",
];

/// The longest description the builder accepts (`DESCRIPTION_MAX` in src/content/report.rs).
const DESCRIPTION_MAX: usize = 160;

/// SplitMix64: small, fast and good enough to pick and shuffle.
struct Rng(u64);

impl Rng {
    /// One independent stream per report, so report k never depends on N.
    fn for_report(k: usize) -> Rng {
        let mut r = Rng(SEED ^ (k as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
        r.next(); // mix the seed once
        r
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next() % (hi - lo + 1) as u64) as usize
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.range(0, i);
            items.swap(i, j);
        }
    }
}

/// One real report, taken apart.
struct Source {
    topic: String,
    location: String,
    organisations: Vec<String>,
    /// The `people = [...]` entry exactly as written (may be absent).
    people: Option<String>,
    /// Markdown before the first `## ` heading.
    preamble: String,
    /// Each `## ` section with its heading and any `### ` subsections.
    sections: Vec<String>,
}

/// The front matter between the `+++` lines and the body after them.
fn split_front_matter(file: &Path, text: &str) -> (String, String) {
    let text = text.replace("\r\n", "\n");
    let rest = text
        .strip_prefix("+++\n")
        .unwrap_or_else(|| panic!("{}: no front matter", file.display()));
    let end = rest
        .find("\n+++\n")
        .unwrap_or_else(|| panic!("{}: front matter not closed", file.display()));
    (rest[..end + 1].to_owned(), rest[end + 5..].to_owned())
}

/// Top-level `key = value` entries of a front matter, values as raw text; a value continues on
/// the following lines until the next line that starts a key.
fn raw_entries(front_matter: &str) -> Vec<(String, String)> {
    let mut entries: Vec<(String, String)> = Vec::new();
    for line in front_matter.lines() {
        let starts_key = line.split_once(" = ").is_some_and(|(k, _)| {
            !k.is_empty() && k.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
        });
        if starts_key {
            let (k, v) = line.split_once(" = ").unwrap();
            entries.push((k.to_owned(), v.to_owned()));
        } else if let Some(last) = entries.last_mut() {
            last.1.push('\n');
            last.1.push_str(line);
        }
    }
    entries
}

fn entry<'a>(entries: &'a [(String, String)], key: &str, file: &Path) -> &'a str {
    entries
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
        .unwrap_or_else(|| panic!("{}: no '{key}' in the front matter", file.display()))
}

/// The basic strings (`"..."`) in a raw TOML value, unescaped.
fn strings(raw: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '"' {
            continue;
        }
        let mut s = String::new();
        while let Some(c) = chars.next() {
            match c {
                '"' => break,
                '\\' => match chars.next() {
                    Some('n') => s.push('\n'),
                    Some('t') => s.push('\t'),
                    Some(other) => s.push(other),
                    None => break,
                },
                _ => s.push(c),
            }
        }
        out.push(s);
    }
    out
}

/// A TOML basic string.
fn toml_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The preamble and the `## ` sections of a body; blank lines at the edges are dropped.
fn sections(body: &str) -> (String, Vec<String>) {
    let mut parts: Vec<Vec<&str>> = vec![Vec::new()];
    for line in body.lines() {
        // The closing text after `***` belongs to its own report: never moved into another.
        if line.trim() == "***" {
            break;
        }
        if line.starts_with("## ") {
            parts.push(Vec::new());
        }
        parts.last_mut().unwrap().push(line);
    }
    let mut parts = parts
        .into_iter()
        .map(|lines| lines.join("\n").trim_matches('\n').to_owned());
    let preamble = parts.next().unwrap();
    (preamble, parts.collect())
}

fn sorted_files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == ext))
        .collect();
    files.sort();
    files
}

fn read(file: &Path) -> String {
    fs::read_to_string(file).unwrap_or_else(|e| panic!("cannot read {}: {e}", file.display()))
}

fn copy(from: &Path, to: &Path) {
    fs::copy(from, to)
        .unwrap_or_else(|e| panic!("cannot copy {} to {}: {e}", from.display(), to.display()));
}

fn topic_title(repo: &Path, slug: &str) -> String {
    let file = repo.join("content/themas").join(format!("{slug}.md"));
    let (fm, _) = split_front_matter(&file, &read(&file));
    strings(entry(&raw_entries(&fm), "title", &file))
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("{}: title is not a string", file.display()))
}

fn load_sources(repo: &Path) -> Vec<Source> {
    let mut sources = Vec::new();
    for file in sorted_files(&repo.join("content/rapporten"), "md") {
        let (fm, body) = split_front_matter(&file, &read(&file));
        let entries = raw_entries(&fm);
        let (preamble, sections) = sections(&body);
        let one = |key: &str| strings(entry(&entries, key, &file)).remove(0);
        sources.push(Source {
            topic: one("topic"),
            location: one("location"),
            organisations: strings(entry(&entries, "organisations", &file)),
            people: entries
                .iter()
                .find(|(k, _)| k == "people")
                .map(|(_, v)| v.clone()),
            preamble,
            sections,
        });
    }
    assert!(!sources.is_empty(), "no reports in content/rapporten");
    sources
}

/// Everything every report draws from.
struct Pool {
    sources: Vec<Source>,
    /// All `## ` sections of all reports, in file order.
    sections: Vec<String>,
    /// Every organisation name the real reports use, sorted.
    organisations: Vec<String>,
    /// Every location of the real reports, sorted.
    locations: Vec<String>,
    /// `(slug, title)` of each topic.
    topics: Vec<(String, String)>,
}

fn report(pool: &Pool, k: usize) -> (u16, String) {
    let mut rng = Rng::for_report(k);
    let base = &pool.sources[rng.range(0, pool.sources.len() - 1)];
    let topic = if TOPICS.contains(&base.topic.as_str()) {
        base.topic.as_str()
    } else {
        TOPICS[rng.range(0, TOPICS.len() - 1)]
    };
    let topic_title = &pool.topics.iter().find(|(s, _)| s == topic).unwrap().1;

    // Spread over 2023–2032; the 28th exists in every month.
    let year = rng.range(2023, 2032) as u16;
    let month = rng.range(1, 12);
    let day = rng.range(1, 28);
    let start_minutes = rng.range(8 * 4, 16 * 4) * 15; // 08:00 .. 16:00 in quarters
    let end_minutes = start_minutes + rng.range(4, 12) * 15; // one to three hours later
    let clock = |m: usize| format!("{:02}:{:02}", m / 60, m % 60);
    let location = &pool.locations[rng.range(0, pool.locations.len() - 1)];
    let participants = rng.range(6, 45);

    let mut orgs: Vec<&String> = pool.organisations.iter().collect();
    rng.shuffle(&mut orgs);
    orgs.truncate(rng.range(3, 12.min(orgs.len())));
    orgs.sort();

    let mut sections: Vec<&String> = pool.sections.iter().collect();
    rng.shuffle(&mut sections);
    sections.truncate(rng.range(4, 9).min(sections.len()));

    let title = format!("Verslag thematafel {topic_title} {k}");
    let description = format!(
        "Verslag {k} van de thematafel {} op {}. {participants} deelnemers van {} organisaties spraken over {} onderwerpen.",
        topic_title,
        vindplaats::text::dutch_short_date(
            time::Date::from_calendar_date(
                year as i32,
                time::Month::try_from(month as u8).expect("1..=12"),
                day as u8
            )
            .expect("days 1..=28 exist in every month")
        ),
        orgs.len(),
        sections.len()
    );
    assert!(
        description.chars().count() <= DESCRIPTION_MAX,
        "description too long: {description}"
    );

    let mut out = String::new();
    out.push_str("+++\n");
    out.push_str(&format!("title = {}\n", toml_str(&title)));
    out.push_str(&format!("topic = {}\n", toml_str(topic)));
    out.push_str(&format!("date = {year:04}-{month:02}-{day:02}\n"));
    out.push_str(&format!("start = \"{}\"\n", clock(start_minutes)));
    out.push_str(&format!("end = \"{}\"\n", clock(end_minutes)));
    out.push_str(&format!("location = {}\n", toml_str(location)));
    out.push_str(&format!("participants = {participants}\n"));
    let orgs: Vec<String> = orgs.iter().map(|o| toml_str(o)).collect();
    out.push_str(&format!("organisations = [{}]\n", orgs.join(", ")));
    out.push_str(&format!("description = {}\n", toml_str(&description)));
    if let Some(people) = &base.people {
        out.push_str(&format!("people = {people}\n"));
    }
    out.push_str("+++\n\n");
    if !base.preamble.is_empty() {
        out.push_str(&base.preamble);
        out.push_str("\n\n");
    }
    for (i, s) in sections.iter().enumerate() {
        out.push_str(s);
        out.push_str(if i + 1 == sections.len() {
            "\n"
        } else {
            "\n\n"
        });
    }
    (year, out)
}

fn run(n: usize, dir: &Path) {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let content = dir.join("content");
    let themas = content.join("themas");
    let rapporten = content.join("rapporten");
    // A rerun with another N must not leave reports of the previous one behind.
    if rapporten.exists() {
        fs::remove_dir_all(&rapporten)
            .unwrap_or_else(|e| panic!("cannot remove {}: {e}", rapporten.display()));
    }
    if themas.exists() {
        fs::remove_dir_all(&themas)
            .unwrap_or_else(|e| panic!("cannot remove {}: {e}", themas.display()));
    }
    fs::create_dir_all(&themas).unwrap();
    fs::create_dir_all(&rapporten).unwrap();

    copy(&repo.join("vindplaats.toml"), &dir.join("vindplaats.toml"));
    for file in sorted_files(&repo.join("content/themas"), "md") {
        copy(&file, &themas.join(file.file_name().unwrap()));
    }
    // The synonym groups too, so that searches on a corpus reach what they reach on the site.
    for name in ["initiatieven.toml", "organisaties.toml", "synoniemen.toml"] {
        copy(&repo.join("content").join(name), &content.join(name));
    }
    // The six real reports too: the initiatives' quotes and the organisations' interpretations
    // refer to them, and the real site is then part of every corpus.
    for file in sorted_files(&repo.join("content/rapporten"), "md") {
        copy(&file, &rapporten.join(file.file_name().unwrap()));
    }

    let sources = load_sources(repo);
    let pool = Pool {
        sections: sources
            .iter()
            .flat_map(|s| s.sections.iter().cloned())
            .collect(),
        organisations: sources
            .iter()
            .flat_map(|s| s.organisations.iter().cloned())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect(),
        locations: sources
            .iter()
            .map(|s| s.location.clone())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect(),
        topics: TOPICS
            .iter()
            .map(|s| (s.to_string(), topic_title(repo, s)))
            .collect(),
        sources,
    };

    let mut years = BTreeSet::new();
    for k in 1..=n {
        let (year, text) = report(&pool, k);
        let folder = rapporten.join(year.to_string());
        if years.insert(year) {
            fs::create_dir_all(&folder).unwrap();
        }
        let file = folder.join(format!("rapport-{k:05}.md"));
        fs::write(&file, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", file.display()));
    }
    // Every round its edition: the real 2023 one, and a generated one for each other year.
    let edities = content.join("edities");
    if edities.exists() {
        fs::remove_dir_all(&edities).unwrap();
    }
    fs::create_dir_all(&edities).unwrap();
    copy(
        &repo.join("content/edities/2023.md"),
        &edities.join("2023.md"),
    );
    for year in years.into_iter().filter(|y| *y != 2023) {
        let text = format!(
            "+++\nyear = {year}\ntitle = \"Gegenereerde ronde {year}\"\norganisers = [\"de gemeente Almere\"]\nbureaus = [\"Movisie\", \"Platform31\"]\ndescription = \"Benchmarkdata: de gegenereerde verslagen van {year}.\"\n+++\nBenchmarkdata: geen echte ronde.\n"
        );
        fs::write(edities.join(format!("{year}.md")), text).unwrap();
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let parsed = match args.as_slice() {
        [n, dir] => n.parse::<usize>().ok().map(|n| (n, PathBuf::from(dir))),
        _ => None,
    };
    let Some((n, dir)) = parsed else {
        eprintln!("usage: cargo run --release --example corpus -- N DIR");
        return ExitCode::from(2);
    };
    if n > 99_999 {
        eprintln!("N is at most 99999 (file names have five digits)");
        return ExitCode::from(2);
    }
    run(n, &dir);
    eprintln!("{n} reports written to {}", dir.display());
    ExitCode::SUCCESS
}
