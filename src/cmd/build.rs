//! `vindplaats build`: the whole site into the output folder, or nothing at all.

use std::time::Instant;

use super::EXIT_OK;
use crate::cli::BuildArgs;
use crate::site::{self, BuildOptions};
use crate::text::kilobytes as kb;

pub fn run(args: &BuildArgs) -> i32 {
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
            // Warnings never stop a build, but the people who publish must see them: by file,
            // as every list of findings.
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
                let s = summary.search;
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
                // A note, not a warning: nothing is wrong with the site, but three files need
                // the web administrator (check --strict does not fail on it).
                if let Some(folder) = &summary.folder {
                    println!(
                        "Let op: de site staat in de map {folder}. robots.txt, _headers en 404.html werken alleen in de hoofdmap van het domein. Geef de webbeheerder {}: daarin staat wat er op de server moet.",
                        summary.output.join(crate::render::WEBMASTER_FILE).display()
                    );
                }
            }
            EXIT_OK
        }
        Err(e) => super::failed(e, &args.root, args.uitleg),
    }
}
