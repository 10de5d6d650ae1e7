//! `vindplaats build`: the whole site into the output folder, or nothing at all.

use std::time::Instant;

use super::{EXIT_OK, EXIT_OTHER};
use crate::cli::BuildArgs;
use crate::site::{self, BuildOptions};
use crate::text::kilobytes as kb;

pub fn run(args: &BuildArgs) -> i32 {
    // The publish folder is what goes online (often by a script that copies it): pages with
    // concepts never go there by accident.
    if args.concepten && args.output.is_none() {
        let folder = crate::config::Config::from_root(&args.root)
            .map(|c| c.output_dir)
            .unwrap_or_else(|_| "public".into());
        eprintln!(
            "fout: build --concepten schrijft niet in de map {}: dat is de map die online gaat, en deze site toont ook wat nog niet gepubliceerd is.\n  tip: kies een andere map, bijvoorbeeld: vindplaats build --concepten --output voorbeeld",
            folder.display()
        );
        return EXIT_OTHER;
    }
    let started = Instant::now();
    let opts = BuildOptions {
        root: args.root.clone(),
        output: args.output.clone(),
        base_url: args.base_url.clone(),
        concepts: args.concepten,
    };
    let progress = super::Progress::after_a_second("De site wordt gebouwd…", args.quiet);
    let result = site::build(&opts);
    progress.finish();
    match result {
        Ok(summary) => {
            done(&summary, args, started);
            EXIT_OK
        }
        Err(e) => super::failed(e, &args.root, args.uitleg),
    }
}

/// What a finished build tells: its warnings (they never stop a build, but the people who
/// publish must see them), the stage times with `--timings`, and unless `--quiet` the search
/// index, the pages written and what concepts kept off the site.
fn done(summary: &site::Summary, args: &BuildArgs, started: Instant) {
    // By file, as every list of findings.
    for warning in &crate::diagnostics::in_order(summary.warnings.clone()) {
        eprintln!(
            "{}\n",
            crate::diagnostics::render(
                warning,
                crate::diagnostics::Severity::Warning,
                &args.root,
                args.uitleg
            )
        );
    }
    if args.timings {
        for (stage, took) in &summary.timings.0 {
            eprintln!("tijd {stage}: {:.1} ms", took.as_secs_f64() * 1000.0);
        }
    }
    if !args.quiet {
        let s = &summary.search;
        if s.shards > 1 {
            println!(
                "Zoekindex: {} documenten in {} delen, {} KB; een eerste zoekvraag laadt {} KB gecomprimeerd (met de zoekscripts) plus de delen die ze nodig heeft.",
                s.documents,
                s.shards,
                kb(s.bytes),
                kb(s.first_gzip_bytes)
            );
        } else {
            println!(
                "Zoekindex: {} documenten, {} KB; een eerste zoekvraag laadt {} KB gecomprimeerd (met de zoekscripts).",
                s.documents,
                kb(s.bytes),
                kb(s.first_gzip_bytes)
            );
        }
        println!(
            "Klaar: {} pagina's ({} bestanden) geschreven naar {} in {} ms.",
            summary.pages,
            summary.files,
            summary.output.display(),
            started.elapsed().as_millis()
        );
        // What a concept kept off the site, so nobody wonders where it went.
        if summary.held_back.any() {
            println!("{}", held_back_note(&summary.held_back));
        }
        // A note, not a warning: nothing is wrong with the site, but three files need
        // the web administrator (check --strict does not fail on it).
        if let Some(folder) = &summary.folder {
            println!(
                "Let op: de site staat in de map {folder}. robots.txt, _headers en 404.html werken alleen in de hoofdmap van het domein. Geef de webbeheerder {}: daarin staat wat er op de server moet.",
                summary.output.join(crate::render::WEBMASTER_FILE).display()
            );
        }
    }
}

/// "Niet gepubliceerd, want nog een concept: 1 ronde, 2 verslagen en 1 initiatief. …"
fn held_back_note(held: &crate::parse::concepts::HeldBack) -> String {
    let parts: Vec<String> = [
        (held.editions, "ronde", "rondes"),
        (held.reports, "verslag", "verslagen"),
        (held.initiatives, "initiatief", "initiatieven"),
        (held.organisations, "organisatie", "organisaties"),
        (held.topics, "thema", "thema's"),
    ]
    .into_iter()
    .filter(|(n, _, _)| *n > 0)
    .map(|(n, one, more)| format!("{n} {}", if n == 1 { one } else { more }))
    .collect();
    format!(
        "Niet gepubliceerd, want nog een concept: {}. vindplaats check zegt welke, en wat u doet om ze te publiceren.",
        crate::text::dutch_list(&parts)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_note_names_what_was_held_back() {
        let held = crate::parse::concepts::HeldBack {
            editions: 1,
            reports: 2,
            initiatives: 1,
            organisations: 0,
            topics: 1,
        };
        assert_eq!(
            held_back_note(&held),
            "Niet gepubliceerd, want nog een concept: 1 ronde, 2 verslagen, 1 initiatief en 1 thema. vindplaats check zegt welke, en wat u doet om ze te publiceren."
        );
    }
}
