//! `vindplaats check`: every check, nothing written. Exit 0 when clean, 1 when errors are
//! found (warnings too with `--strict`), 2 on usage errors, in every format.

mod ci;

use super::{EXIT_CONTENT, EXIT_OK, EXIT_OTHER};
use crate::check::{self, Report};
use crate::cli::{CheckArgs, Format};
use crate::diagnostics;
use crate::site::BuildOptions;

pub fn run(args: &CheckArgs) -> i32 {
    let opts = BuildOptions {
        root: args.root.clone(),
        output: None,
        base_url: None,
        // Concepts are checked too (a typo in next year's report is found before it goes
        // out); the report lists them as what a plain build leaves out.
        concepts: true,
    };
    let today = match crate::check::today() {
        Ok(day) => day,
        Err(message) => {
            eprintln!("{message}");
            return EXIT_OTHER;
        }
    };
    let report = match check::run(&opts, today) {
        Ok(r) => r,
        Err(e) => {
            eprintln!(
                "{}",
                diagnostics::render_other(&e, e.technical(), args.uitleg)
            );
            return EXIT_OTHER;
        }
    };
    // Where the site folder is in the repository, for the CI formats' paths: `--root` as
    // given, or relative to where check runs when it was given in full.
    let base = std::env::current_dir()
        .ok()
        .and_then(|cwd| args.root.strip_prefix(cwd).ok().map(|p| p.to_path_buf()))
        .unwrap_or_else(|| args.root.clone());
    let text = match args.format {
        Format::Human => human(&report, args),
        Format::Json => json(&report) + "\n",
        // The job log says the result too.
        Format::Github => ci::github(&report, &base) + &result(&report),
        Format::Gitlab => {
            // Standard output is the report (redirected to a file); the people reading the
            // job's log get the human text.
            eprint!("{}", human(&report, args));
            ci::gitlab(&report, &base)
        }
    };
    // A closed pipe (`check | head`) is not an error worth a panic.
    let _ = std::io::Write::write_all(&mut std::io::stdout().lock(), text.as_bytes());
    let failed = report.errors() > 0 || (args.strict && report.warnings() > 0);
    if failed { EXIT_CONTENT } else { EXIT_OK }
}

fn number(x: f64) -> String {
    format!("{x:.1}").replace('.', ",")
}

fn human(report: &Report, args: &CheckArgs) -> String {
    let mut out = String::new();
    for f in &report.findings {
        out.push_str(&diagnostics::render(
            &f.error,
            f.severity,
            &args.root,
            args.uitleg,
        ));
        out.push_str("\n\n");
    }
    if !report.readability.is_empty() {
        out.push_str("Leesbaarheid per pagina (Flesch–Douma: boven 60 makkelijk, 30 tot 60 vrij moeilijk, onder 30 moeilijk):\n");
        for p in &report.readability {
            out.push_str(&format!(
                "  {}: {} woorden per zin, {}% lange woorden, score {} — {}\n",
                p.file.display(),
                number(p.words_per_sentence),
                (p.long_share * 100.0).round(),
                number(p.flesch_douma),
                p.title
            ));
        }
        out.push_str("\nDe vijf moeilijkste alinea's:\n");
        for p in &report.hardest {
            out.push_str(&format!(
                "  {}:{}: score {}, {} woorden per zin: {}\n",
                p.file.display(),
                p.line,
                number(p.flesch_douma),
                number(p.words_per_sentence),
                p.excerpt
            ));
        }
        out.push('\n');
    }
    if let Some(line) =
        diagnostics::uitleg_line(report.findings.iter().map(|f| &f.error), args.uitleg)
    {
        out.push_str(line);
        out.push_str("\n\n");
    }
    out.push_str(&result(report));
    out
}

/// The last line: how many errors and warnings.
fn result(report: &Report) -> String {
    let (errors, warnings) = (report.errors(), report.warnings());
    format!(
        "Resultaat: {errors} {}, {warnings} {}.\n",
        if errors == 1 { "fout" } else { "fouten" },
        if warnings == 1 {
            "waarschuwing"
        } else {
            "waarschuwingen"
        }
    )
}

/// One object per finding; the readability figures are findings of severity "info".
fn json(report: &Report) -> String {
    let mut items: Vec<serde_json::Value> = report
        .findings
        .iter()
        .map(|f| serde_json::to_value(f.json()).expect("plain data"))
        .collect();
    for p in &report.readability {
        items.push(serde_json::json!({
            "file": p.file.display().to_string(),
            "line": 0,
            "column": 0,
            "rule": crate::error::Rule::Readability,
            "severity": "info",
            "message": format!("{:.1} woorden per zin, {:.0}% lange woorden, Flesch–Douma {:.1}", p.words_per_sentence, p.long_share * 100.0, p.flesch_douma),
            "flesch_douma": p.flesch_douma,
            "words_per_sentence": p.words_per_sentence,
            "long_word_share": p.long_share,
        }));
    }
    for p in &report.hardest {
        items.push(serde_json::json!({
            "file": p.file.display().to_string(),
            "line": p.line,
            "column": 1,
            "rule": crate::error::Rule::Readability,
            "severity": "info",
            "message": format!("moeilijke alinea: Flesch–Douma {:.1}, {:.1} woorden per zin", p.flesch_douma, p.words_per_sentence),
            "flesch_douma": p.flesch_douma,
        }));
    }
    serde_json::to_string_pretty(&items).expect("plain data")
}
