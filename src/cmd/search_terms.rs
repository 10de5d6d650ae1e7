//! `vindplaats search-terms`: what the index makes of each line of standard input, one JSON
//! list per line. The parity test feeds the same words to the browser's pipeline and compares.
//! With `--uitbreiden`, each line is a query and its list holds `[word, piece, term, weight]`
//! for every term the query reaches through the site's synonyms, compounds and the parts of a
//! word the site does not have, as `search.js` expands it. With `--splitsen`, each line is a
//! word and its answer the parts the embedded word list splits it into (`null`: none), which
//! the parity test compares with `split` of `search-nl.js` over the whole list.
//! `vindplaats sentences` does the same for the sentence rule that "Lees voor" shares with
//! the site's quotes ([`crate::text::sentences`]).

use std::io::{BufRead, BufWriter, Write};

use elasticlunr::Language;

use super::{EXIT_OK, EXIT_OTHER};
use crate::cli::SearchTermsArgs;
use crate::error::BuildError;
use crate::search::{Dutch, Expansions};
use crate::site::{self, BuildOptions};

pub fn run(args: &SearchTermsArgs) -> i32 {
    if args.splitsen {
        let plain = crate::search::Analyzer::new(false);
        let lexicon = crate::search::lexicon();
        return print_lines(|line| {
            let word = plain.folded(line.trim()).unwrap_or_default();
            let parts = crate::search::split(&word, |p| lexicon.contains(p));
            serde_json::to_string(&parts).expect("plain data serialises")
        });
    }
    if args.uitbreiden {
        return match expansions(args) {
            Ok(expansions) => print_lines(|line| {
                let reached: Vec<(usize, usize, String, f64)> = expansions
                    .expand(line)
                    .into_iter()
                    .map(|r| (r.word, r.piece, r.term, r.weight))
                    .collect();
                serde_json::to_string(&reached).expect("plain data serialises")
            }),
            Err(e) => super::failed(e, &args.root, false),
        };
    }
    let language = Dutch::new(!args.unstemmed);
    let pipeline = language.make_pipeline();
    print_lines(|line| {
        let terms = pipeline.run(language.tokenize(line));
        serde_json::to_string(&terms).expect("strings serialise")
    })
}

/// `vindplaats sentences`: each line of standard input is a JSON string (so any text, line
/// breaks and odd white space included, comes through as it is); each answer is the JSON list
/// of its sentences.
pub fn sentences() -> i32 {
    print_lines(|line| {
        let answer = match serde_json::from_str::<String>(line) {
            Ok(text) => serde_json::to_value(crate::text::sentences(&text)),
            Err(e) => Ok(serde_json::json!({ "fout": e.to_string() })),
        };
        answer.expect("strings serialise").to_string()
    })
}

/// The site's synonym groups and compounds, as its index holds them.
fn expansions(args: &SearchTermsArgs) -> Result<Expansions, BuildError> {
    let opts = BuildOptions {
        root: args.root.clone(),
        ..BuildOptions::default()
    };
    let loaded = site::load(&opts, site::Mode::Publish)?;
    let parsed = site::parse(loaded, &opts.root, false)?;
    // What a plain build indexes: the site without its concepts.
    let concepts = &parsed.site.concepts;
    let text = crate::parse::concepts::publish_text(concepts, parsed.text);
    let site = crate::parse::concepts::publish(parsed.site);
    Ok(crate::search::expansions(&site, &text))
}

/// Prints `answer(line)` for each line of standard input.
fn print_lines(answer: impl Fn(&str) -> String) -> i32 {
    let stdin = std::io::stdin().lock();
    let mut out = BufWriter::new(std::io::stdout().lock());
    for line in stdin.lines() {
        let Ok(line) = line else {
            eprintln!("fout: de invoer is geen geldige UTF-8-tekst");
            return EXIT_OTHER;
        };
        if writeln!(out, "{}", answer(&line)).is_err() {
            return EXIT_OTHER;
        }
    }
    if out.flush().is_err() {
        return EXIT_OTHER;
    }
    EXIT_OK
}
