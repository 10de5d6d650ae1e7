//! The handleiding's commands, as the team would type them (issue 14, item 7). Every line of the
//! shell code blocks in `docs/handleiding.md` is read in the guide's order and classified: a
//! `vindplaats new`, `check` or `build` runs on a copy of the real site (content, themes,
//! config, seeds); `serve`, lines with a `<…>` to fill in, commands that are not vindplaats's
//! (or only run on Windows or macOS) and every line of a `cmd.exe` block (```` ```bat ````: the
//! Opdrachtprompt's `%…%` and quoting are not bash's) are listed as skipped, with the reason. Each chapter is a
//! task of its own ("Elke taak heeft een eigen kopje") and starts from a fresh copy, as a
//! reader starts it on their own site; within a chapter, what one step makes is there for the
//! next (chapter 10's new round for its reports and its `build --concepten`).
//!
//! A command "works" when the program accepts it and answers: exit 0, or exit 1 with its
//! findings (a fresh report from `new rapport` may well have findings). It fails the test when
//! the command line is refused (exit 2: an unknown subcommand or option), when it crashes, or
//! when the guide shows its result in the next code block and the program says something else.
//! Every page count the guide states (`Klaar: 59 pagina's (84 bestanden) geschreven naar …`) is
//! the output of the last `build` the chapter ran before it (issue 23): counts are the
//! program's, not typed. Beside that, every subcommand and option the guide names, in code
//! blocks or in running text, must be in the program's `--help`.
//!
//! The other tests here hold what the guide says about the site against the program: the
//! texts chapter 10 lists against the staleness warnings of a published new round, the heading
//! link it tells the team to click against the page, and its nginx advice against the file
//! the build writes.

use crate::common;

use std::collections::BTreeMap;

use common::commands::{
    Block, Help, blocks, inline_commands, is_cmd, is_shell, is_vindplaats, split, vindplaats,
};
use common::{copy_tree, repo_root};

const GUIDE: &str = "docs/handleiding.md";

enum Plan {
    Run(Vec<String>),
    Skip(&'static str),
}

fn classify(words: &[String], lang: &str) -> Plan {
    let Some(program) = words.first() else {
        return Plan::Skip("lege regel");
    };
    if is_cmd(lang) {
        return Plan::Skip("Windows (cmd.exe): hier niet uitgevoerd");
    }
    if !is_vindplaats(program) {
        return Plan::Skip(match program.as_str() {
            "cd" => "naar een map gaan: de test staat al in de kopie van de site",
            "robocopy" | "Compress-Archive" | "Unblock-File" => {
                "Windows (PowerShell): hier niet uitgevoerd"
            }
            "xattr" => "alleen op macOS",
            _ => "geen opdracht van vindplaats",
        });
    }
    if words.iter().any(|w| w.contains('<')) {
        return Plan::Skip("voorbeeld met <…> om zelf in te vullen");
    }
    if words.get(1).map(String::as_str) == Some("serve") {
        return Plan::Skip("serve draait tot Ctrl+C; alleen de opties zijn gecontroleerd");
    }
    Plan::Run(words[1..].to_vec())
}

/// A copy of the real site as the team has it: content, themes, config and the source text.
fn site_copy() -> tempfile::TempDir {
    let root = repo_root();
    let site = tempfile::tempdir().unwrap();
    for part in ["content", "themes", "seeds"] {
        copy_tree(&root.join(part), &site.path().join(part));
    }
    std::fs::copy(
        root.join("vindplaats.toml"),
        site.path().join("vindplaats.toml"),
    )
    .unwrap();
    site
}

/// The line of each chapter's `## ` heading, in order: the chapter of a guide line is the
/// last one that starts at or before it.
fn chapters(md: &str) -> Vec<usize> {
    let mut in_fence = false;
    let mut starts = Vec::new();
    for (i, line) in md.lines().enumerate() {
        if line.trim_start().starts_with("```") {
            in_fence = !in_fence;
        } else if !in_fence && line.starts_with("## ") {
            starts.push(i + 1);
        }
    }
    starts
}

fn chapter_of(chapters: &[usize], line: usize) -> usize {
    chapters.partition_point(|&start| start <= line)
}

/// Every page count the guide states, with its line: `Klaar: 59 pagina's (84 bestanden)
/// geschreven naar ./public`, without the time, which differs from run to run.
fn page_counts(md: &str) -> Vec<(usize, String)> {
    let count = regex::Regex::new(
        r"Klaar:\s+\d+\s+pagina's\s+\(\d+\s+bestanden\)\s+geschreven\s+naar\s+\S+",
    )
    .unwrap();
    let lines = vindplaats::text::Lines::new(md, 1);
    count
        .find_iter(md)
        .map(|m| {
            let said = m.as_str().split_whitespace().collect::<Vec<_>>().join(" ");
            (lines.of(m.start()), said)
        })
        .collect()
}

#[test]
fn every_command_in_the_handleiding_still_works() {
    let root = repo_root();
    let guide = std::fs::read_to_string(root.join(GUIDE)).unwrap();
    let chapters = chapters(&guide);
    // Each chapter's copy, kept to the end: the last checks read what chapter 10 made.
    let mut sites: Vec<tempfile::TempDir> = Vec::new();
    let mut chapter = None;

    let blocks = blocks(&guide);
    let mut help = Help::default();
    let mut problems = Vec::new();
    let mut report = Vec::new();
    let mut ran: BTreeMap<String, usize> = BTreeMap::new();
    // Every `build` run, with its guide line and what it said, for the page counts.
    let mut builds: Vec<(usize, String)> = Vec::new();
    for (b, block) in blocks.iter().enumerate() {
        if !is_shell(&block.lang) {
            continue;
        }
        let this = chapter_of(&chapters, block.start);
        if chapter != Some(this) {
            chapter = Some(this);
            sites.push(site_copy());
        }
        let site = sites.last().expect("a copy for this chapter");
        let commands: Vec<&(usize, String)> = block
            .lines
            .iter()
            .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
            .collect();
        // The result the guide shows: a plain block right under a block of one command.
        let expected = blocks
            .get(b + 1)
            .filter(|next| {
                commands.len() == 1
                    && next.start <= block.end + 2
                    && (next.lang.is_empty() || next.lang == "text")
            })
            .and_then(|next| next.lines.first())
            .map(|(_, l)| l.trim().to_owned());
        for (line, command) in commands {
            let words = split(command);
            match classify(&words, &block.lang) {
                Plan::Skip(reason) => {
                    if is_vindplaats(&words[0]) {
                        problems.extend(help.check(
                            site.path(),
                            GUIDE,
                            *line,
                            command,
                            &words[1..],
                        ));
                    }
                    report.push(format!("overgeslagen  {line:>4}  {command}  — {reason}"));
                }
                Plan::Run(args) => {
                    problems.extend(help.check(site.path(), GUIDE, *line, command, &args));
                    let (code, out) = vindplaats(site.path(), &args);
                    let said = match code {
                        Some(0) => true,
                        // Findings in the content: the command works, the content has work to do.
                        Some(1) => !out.trim().is_empty(),
                        _ => false,
                    };
                    if !said || out.contains("panicked") {
                        problems.push(format!(
                            "{GUIDE}:{line}: `{command}` werkt niet meer (exit {code:?}):\n{out}"
                        ));
                    }
                    if let Some(expected) = &expected
                        && !out.contains(expected.as_str())
                    {
                        problems.push(format!(
                            "{GUIDE}:{line}: `{command}`: de handleiding toont `{expected}`, het programma zegt:\n{out}"
                        ));
                    }
                    let first = args.first().cloned().unwrap_or_default();
                    if first == "build" {
                        builds.push((*line, out.clone()));
                    }
                    *ran.entry(first).or_default() += 1;
                    report.push(format!(
                        "uitgevoerd    {line:>4}  {command}  (exit {code:?})"
                    ));
                }
            }
        }
    }
    let site = sites.last().expect("the guide has shell blocks");
    for (line, command) in inline_commands(&guide) {
        let words = split(&command);
        problems.extend(help.check(site.path(), GUIDE, line, &command, &words[1..]));
    }
    // Each page count is what the last build of its chapter before it said.
    let mut counts = 0;
    for (line, said) in page_counts(&guide) {
        counts += 1;
        let last = builds.iter().rev().find(|(ran_at, _)| {
            *ran_at < line && chapter_of(&chapters, *ran_at) == chapter_of(&chapters, line)
        });
        match last {
            Some((ran_at, out)) if !out.contains(&format!("{said} in ")) => problems.push(format!(
                "{GUIDE}:{line}: de handleiding zegt `{said}`, maar `build` (regel {ran_at}) zei:\n{}",
                out.lines().find(|l| l.starts_with("Klaar:")).unwrap_or(out)
            )),
            Some(_) => {}
            None => problems.push(format!(
                "{GUIDE}:{line}: `{said}`: geen `vindplaats build` ervoor in dit hoofdstuk; \
                 een aantal pagina's komt uit het programma, niet uit de pen"
            )),
        }
    }
    assert!(counts >= 2, "only {counts} page counts found in {GUIDE}");
    println!("{}", report.join("\n"));

    // The guide's own walk-through must still be here: a parse that finds nothing proves nothing.
    for (sub, at_least) in [("new", 5), ("check", 2), ("build", 2)] {
        let n = ran.get(sub).copied().unwrap_or(0);
        assert!(
            n >= at_least,
            "only {n} `vindplaats {sub}` commands run from {GUIDE} (expected {at_least}+):\n{}",
            report.join("\n")
        );
    }
    assert!(
        problems.is_empty(),
        "{} problem(s) with the handleiding's commands:\n\n{}",
        problems.len(),
        problems.join("\n\n")
    );

    // What chapter 5 says `new rapport` writes is what it wrote, in the report chapter 10 made.
    let written = sites
        .iter()
        .find_map(|site| {
            std::fs::read_to_string(
                site.path()
                    .join("content/rapporten/verslag-thematafel-eenzaamheid-2024.md"),
            )
            .ok()
        })
        .expect("the handleiding's walk-through makes this report");
    let table = guide
        .split("| veld | wat het programma schrijft |")
        .nth(1)
        .expect("chapter 5 lists what new rapport writes");
    let rows = table.lines().skip(2).take_while(|l| l.starts_with('|'));
    let mut quoted = 0;
    for row in rows {
        let cell = row.split('|').nth(2).unwrap_or("");
        for (n, span) in cell.split('`').enumerate() {
            if n % 2 == 1 {
                quoted += 1;
                assert!(
                    written.contains(span),
                    "{GUIDE} says new rapport writes `{span}`; it wrote:\n{written}"
                );
            }
        }
    }
    assert!(
        quoted >= 5,
        "chapter 5's table of placeholders has {quoted} values"
    );
}

/// The part of the guide under the `## ` heading that starts with `title`, to the next one.
fn chapter<'a>(md: &'a str, title: &str) -> &'a str {
    let start = md
        .find(&format!("\n## {title}"))
        .unwrap_or_else(|| panic!("{GUIDE} has no chapter '{title}'"));
    let rest = &md[start + 1..];
    let end = rest[3..].find("\n## ").map_or(rest.len(), |e| e + 3);
    &rest[..end]
}

/// Chapter 10 lists every text to look at when a round is added (issue 23), and shows the
/// warning about one: on a copy of the real site with a published 2024 round, every file
/// `check` warns about as stale (`verouderd`) is in the chapter's list, and the warning the
/// guide shows is the program's, line for line.
#[test]
fn chapter_10_lists_every_text_that_goes_stale_with_a_new_round() {
    let guide = std::fs::read_to_string(repo_root().join(GUIDE)).unwrap();
    let nine = chapter(&guide, "10. ");
    let site = site_copy();
    common::add_round_2024(site.path());
    let root = site.path().to_str().unwrap();

    let (_, findings) = common::check_json(root);
    let stale: Vec<&str> = findings
        .iter()
        .filter(|f| f["rule"] == "verouderd")
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    assert!(stale.len() >= 3, "{findings:#?}");
    // The files the chapter names, `<…>` standing for any name.
    let named: Vec<regex::Regex> = nine
        .split('`')
        .skip(1)
        .step_by(2)
        .filter(|span| span.ends_with(".md") || span.ends_with(".toml"))
        .map(|span| {
            let pattern = regex::Regex::new(r"<[^>]+>")
                .unwrap()
                .split(span)
                .map(regex::escape)
                .collect::<Vec<_>>()
                .join("[^/]+");
            regex::Regex::new(&format!("^{pattern}$")).unwrap()
        })
        .collect();
    for file in &stale {
        assert!(
            named.iter().any(|n| n.is_match(file)),
            "check warns that {file} is stale, but chapter 10 of {GUIDE} does not list it"
        );
    }

    let human = common::run_cli(&["check", "--root", root]);
    let said = String::from_utf8_lossy(&human.stdout);
    let all = blocks(nine);
    let shown: Vec<&Block> = all
        .iter()
        .filter(|b| {
            b.lines
                .first()
                .is_some_and(|(_, l)| l.contains("noemt alleen"))
        })
        .collect();
    assert_eq!(shown.len(), 1, "chapter 10 shows one staleness warning");
    for (_, line) in &shown[0].lines {
        assert!(
            said.lines().any(|l| l.trim_end() == line.trim_end()),
            "{GUIDE} shows `{line}`; check said:\n{said}"
        );
    }
}

/// The guide tells the team to click the link behind a heading: it describes what the page
/// shows, an icon without text whose accessible name is "Directe link naar ‘…’" (issue 23: it
/// said "klik op het teken #", which no page shows).
#[test]
fn the_guide_describes_the_heading_link_the_site_shows() {
    let guide = std::fs::read_to_string(repo_root().join(GUIDE)).unwrap();
    let (_tmp, out) = common::build(&common::fixture("minimal"), None);
    let page = common::Page::load(&out, "rapporten/verslag/index.html");
    // The link stands beside the heading, after it (issue 27: inside it, a screen reader read
    // it as part of the heading's name).
    let links = page.select(".kop-2 > h2 + a.permalink");
    assert!(!links.is_empty());
    for link in links {
        assert_eq!(
            link.text().collect::<String>(),
            "",
            "the link shows no text"
        );
        let name = link.value().attr("aria-label").unwrap();
        assert!(name.starts_with("Directe link naar ‘"), "{name}");
    }
    assert!(guide.contains("*Directe link naar ‘…’*"));
    for wrong in ["teken `#`", "klik op `#`"] {
        assert!(!guide.contains(wrong), "{GUIDE} still says '{wrong}'");
    }
}

/// The nginx advice is the same in the guide, in `nginx.conf.voorbeeld` and in the web
/// administrator's note (issue 23): the site's headers go in a `location` block for its folder,
/// never loose in the server block of the whole domain.
#[test]
fn the_guide_gives_the_nginx_advice_the_build_writes() {
    let guide = std::fs::read_to_string(repo_root().join(GUIDE)).unwrap();
    let site = common::fixture_copy("minimal");
    let config = site.path().join("vindplaats.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, format!("{text}security_headers = true\n")).unwrap();
    let (_tmp, out) = common::build(site.path(), Some("https://www.almere.nl/sociale-staat/"));
    let nginx = std::fs::read_to_string(out.join("nginx.conf.voorbeeld")).unwrap();
    let first = nginx.lines().find(|l| !l.starts_with('#')).unwrap();
    assert_eq!(first, "location /sociale-staat/ {");
    let note = std::fs::read_to_string(out.join("voor-de-webbeheerder.txt")).unwrap();
    assert!(note.contains("location /sociale-staat/ { … }"), "{note}");
    // Every paragraph or table row of the guide that tells where nginx's lines go names the
    // location block.
    let advice: Vec<&str> = guide
        .split("\n\n")
        .flat_map(|p| p.split("\n|"))
        .filter(|p| p.contains("nginx") && p.contains("server`-blok"))
        .collect();
    assert!(!advice.is_empty());
    for part in advice {
        assert!(part.contains("`location /sociale-staat/ { … }`"), "{part}");
    }
}

#[test]
fn the_split_keeps_quoted_titles_and_apostrophes_together() {
    assert_eq!(
        split(r#"vindplaats new rapport "Jongeren en geld" --thema x"#),
        [
            "vindplaats",
            "new",
            "rapport",
            "Jongeren en geld",
            "--thema",
            "x"
        ]
    );
    assert_eq!(
        split(r#"vindplaats new initiatief "Buurtkamer 't Hofje""#),
        ["vindplaats", "new", "initiatief", "Buurtkamer 't Hofje"]
    );
}

#[test]
fn cmd_blocks_are_skipped_with_the_reason_and_their_options_still_checked() {
    let words = split(r#"cd /d "%OneDrive%\Documenten\sociale-staat""#);
    assert_eq!(words[2], r"%OneDrive%\Documenten\sociale-staat");
    for lang in ["bat", "cmd"] {
        assert!(is_shell(lang));
        for line in ["vindplaats --version", "robocopy public x /MIR"] {
            match classify(&split(line), lang) {
                Plan::Skip(reason) => assert!(reason.contains("cmd.exe"), "{reason}"),
                Plan::Run(_) => panic!("a cmd.exe line ran: {line}"),
            }
        }
    }
    assert!(matches!(
        classify(&split("vindplaats --version"), "powershell"),
        Plan::Run(_)
    ));
    // The guide has cmd.exe forms: the skip above is not an empty promise.
    let guide = std::fs::read_to_string(repo_root().join(GUIDE)).unwrap();
    let cmd = blocks(&guide)
        .into_iter()
        .filter(|b| is_cmd(&b.lang))
        .count();
    let powershell = blocks(&guide)
        .into_iter()
        .filter(|b| b.lang == "powershell")
        .count();
    assert!(
        cmd >= powershell,
        "{cmd} cmd.exe blocks, {powershell} PowerShell blocks"
    );
}
