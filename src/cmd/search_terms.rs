//! `vindplaats search-terms`: what the index makes of each line of standard input, one JSON
//! list per line. The parity test feeds the same words to the browser's pipeline and compares.
//! With `--uitbreiden`, each line is a query and its list holds `[word, term, weight]` for
//! every term the query reaches through the site's synonyms and compounds, as `search.js`
//! expands it.

use std::io::{BufRead, BufWriter, Write};

use elasticlunr::Language;

use super::{EXIT_OK, EXIT_OTHER};
use crate::cli::SearchTermsArgs;
use crate::error::BuildError;
use crate::search::{Dutch, Expansions};
use crate::site::{self, BuildOptions};

pub fn run(args: &SearchTermsArgs) -> i32 {
    if args.uitbreiden {
        return match expansions(args) {
            Ok(expansions) => print_lines(|line| {
                let reached: Vec<(usize, String, f64)> = expansions
                    .expand(line)
                    .into_iter()
                    .map(|r| (r.word, r.term, r.weight))
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
