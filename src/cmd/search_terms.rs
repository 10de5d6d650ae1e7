//! `vindplaats search-terms`: what the index makes of each line of standard input, one JSON
//! list per line. The parity test feeds the same words to the browser's pipeline and compares.

use std::io::{BufRead, BufWriter, Write};

use elasticlunr::Language;

use super::{EXIT_OK, EXIT_OTHER};
use crate::cli::SearchTermsArgs;
use crate::search::Dutch;

pub fn run(args: &SearchTermsArgs) -> i32 {
    let language = Dutch::new(!args.unstemmed);
    let pipeline = language.make_pipeline();
    let stdin = std::io::stdin().lock();
    let mut out = BufWriter::new(std::io::stdout().lock());
    for line in stdin.lines() {
        let Ok(line) = line else {
            eprintln!("fout: de invoer is geen geldige UTF-8-tekst");
            return EXIT_OTHER;
        };
        let terms = pipeline.run(language.tokenize(&line));
        if writeln!(
            out,
            "{}",
            serde_json::to_string(&terms).expect("strings serialise")
        )
        .is_err()
        {
            return EXIT_OTHER;
        }
    }
    if out.flush().is_err() {
        return EXIT_OTHER;
    }
    EXIT_OK
}
