//! The fuzz corpus as a regression test, and the time properties of the fuzzed functions.
//!
//! Every file under `fuzz/corpus/<target>/` goes through the same property check as the fuzz
//! target `<target>` (the checks live in `fuzz/checks.rs`, shared with `fuzz/fuzz_targets/`), so
//! an input the fuzzer once found stays fixed without nightly or cargo-fuzz. The time tests feed
//! each target 200,000 characters of an adversarial pattern and require linear-ish time: the
//! large input may take at most ~3× (per doubling) what an eighth of it takes.
//!
//! Fuzzing itself (nightly): `cargo +nightly fuzz run <target>` in the repository root; see
//! `fuzz/README.md`.

#[path = "../../fuzz/checks.rs"]
mod checks;

use std::io::Read;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use vindplaats::parse::markdown;
use vindplaats::parse::mentions::Matcher;
use vindplaats::search::Dutch;
use vindplaats::text;
use vindplaats::text::sentence_around;

fn corpus_files(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no corpus in {}", dir.display());
    files
}

/// Runs every corpus file through `check`, then fails naming every file that failed.
fn run_corpus(target: &str, check: fn(&[u8])) {
    let failed: Vec<String> = corpus_files(target)
        .into_iter()
        .filter(|file| {
            let data = std::fs::read(file).unwrap();
            catch_unwind(AssertUnwindSafe(|| check(&data))).is_err()
        })
        .map(|f| {
            f.strip_prefix(env!("CARGO_MANIFEST_DIR"))
                .unwrap_or(&f)
                .display()
                .to_string()
        })
        .collect();
    assert!(
        failed.is_empty(),
        "corpus files that fail their check: {failed:#?}"
    );
}

#[test]
fn corpus_front_matter() {
    run_corpus("front_matter", checks::front_matter);
}

#[test]
fn corpus_markdown() {
    run_corpus("markdown", checks::markdown);
}

#[test]
fn corpus_mentions() {
    run_corpus("mentions", checks::mentions);
}

#[test]
fn corpus_tokenizer() {
    run_corpus("tokenizer", checks::tokenizer);
}

#[test]
fn corpus_privacy() {
    run_corpus("privacy", checks::privacy);
}

#[test]
fn corpus_edition() {
    run_corpus("edition", checks::edition);
}

#[test]
fn corpus_synonyms() {
    run_corpus("synonyms", checks::synonyms);
}

#[test]
fn corpus_cms_files() {
    run_corpus("cms_files", checks::cms_files);
}

#[test]
fn corpus_editor_request() {
    run_corpus("editor_request", checks::editor_request);
}

// ---------------------------------------------------------------------------------------------
// Time: 200,000 characters of adversarial input finish in linear-ish time.
//
// Each measurement runs in a child process (this test binary, running only
// `time_case_in_child_process`), so a case that never finishes is killed at the timeout instead
// of eating a core for the rest of the run.

const LARGE: usize = 200_000;
/// The large input is 8× the small one: linear time gives a ratio near 8 (up to ~13 seen in a
/// debug build), quadratic time near 64 (above 20 in a debug build, where the linear part weighs
/// more). 20 leaves room for a loaded two-core machine.
const MAX_RATIO: f64 = 20.0;
/// Below this the large run passes whatever the ratio: timer noise on fast runs.
const FLOOR: Duration = Duration::from_millis(500);
/// A run still going after this has failed.
const TIMEOUT: Duration = Duration::from_secs(60);
/// Names the case a child process times: `target/name/size`.
const CHILD_ENV: &str = "VINDPLAATS_FUZZ_TIME_CASE";

/// The time tests run one at a time, so that they do not slow each other down.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// An adversarial input for one target: `make(n)` gives about `n` characters.
struct Case {
    target: &'static str,
    name: &'static str,
    make: fn(usize) -> String,
}

const fn case(target: &'static str, name: &'static str, make: fn(usize) -> String) -> Case {
    Case { target, name, make }
}

/// `pattern` repeated to `chars` characters (cut at a character).
fn repeat(pattern: &str, chars: usize) -> String {
    pattern.chars().cycle().take(chars).collect()
}

/// Numbered lines from `line(i)` until there are `n` bytes.
fn numbered(n: usize, line: fn(usize) -> String) -> String {
    let mut s = String::new();
    let mut i = 0;
    while s.len() < n {
        s.push_str(&line(i));
        i += 1;
    }
    s
}

const CASES: &[Case] = &[
    // front_matter: split, Report::parse, Topic::parse
    case("front_matter", "no closing fence", |n| {
        format!("+++\n{}", repeat("a = 1\n", n))
    }),
    case("front_matter", "many keys", |n| {
        format!(
            "+++\n{}+++\nTekst\n",
            numbered(n, |i| format!("k{i} = \"{i}\"\n"))
        )
    }),
    case("front_matter", "long body", |n| {
        let body = repeat("## Kop\n\nTekst [[**_\n", n);
        format!("+++\ntitle = \"T\"\norder = 1\ndescription = \"D\"\n+++\n{body}")
    }),
    case("front_matter", "long string with escapes", |n| {
        format!("+++\ntitle = \"{}\"\n+++\n", repeat("\\u00e9\\n\\\"", n))
    }),
    case("front_matter", "nested arrays", |n| {
        format!(
            "+++\nx = {}1{}\n+++\n",
            "[".repeat(n / 2),
            "]".repeat(n / 2)
        )
    }),
    case("front_matter", "nested inline tables", |n| {
        format!(
            "+++\nx = {}{}\n+++\n",
            "{a=".repeat(n / 3),
            "}".repeat(n / 3)
        )
    }),
    case("front_matter", "many fences", |n| repeat("+++\n", n)),
    // markdown: render
    case("markdown", "brackets", |n| repeat("[", n)),
    case("markdown", "bracket pairs", |n| repeat("[[]]", n)),
    case("markdown", "image openers", |n| repeat("![", n)),
    case("markdown", "stars", |n| repeat("*", n)),
    case("markdown", "stars and underscores", |n| repeat("*_", n)),
    case("markdown", "underscores", |n| repeat("a__", n)),
    case("markdown", "inline html openers", |n| repeat("<a ", n)),
    case("markdown", "inline html tags", |n| {
        repeat("<b>x</b> <p id=a>", n)
    }),
    case("markdown", "backticks", |n| repeat("`a``", n)),
    case("markdown", "nested quotes", |n| repeat("> ", n)),
    case("markdown", "nested lists", |n| repeat("- ", n)),
    case("markdown", "many lists", |n| repeat("- a\n  - b\n", n)),
    case("markdown", "distinct headings", |n| {
        numbered(n, |i| format!("## Kop {i}\n\n"))
    }),
    case("markdown", "same heading", |n| repeat("## Kop\n\n", n)),
    case("markdown", "table columns", |n| {
        let cols = n / 4;
        format!(
            "{}\n{}\n{}\n",
            "|a".repeat(cols),
            "|-".repeat(cols),
            "|b".repeat(cols)
        )
    }),
    case("markdown", "mentions in one paragraph", |n| {
        repeat("Het Sociaal Café en JAMES. ", n)
    }),
    case("markdown", "mentions without sentence ends", |n| {
        repeat("Sociaal Café, ", n)
    }),
    case("markdown", "mentions in many paragraphs", |n| {
        repeat("Het Sociaal Café en JAMES.\n\n", n)
    }),
    case("markdown", "links with mentions", |n| {
        repeat("[Sociaal Café](x) ", n)
    }),
    case("markdown", "html with mentions", |n| {
        repeat("<b>Sociaal Café</b> ", n)
    }),
    // mentions: Matcher and sentence_around (first line: aliases)
    case("mentions", "nested aliases", |n| {
        format!("a|a a|a a a|a a a a\n{}", repeat("a ", n))
    }),
    case("mentions", "long alias inside words", |n| {
        format!("{}\n{}", "a".repeat(200), "a".repeat(n))
    }),
    case("mentions", "long alias almost matching", |n| {
        format!("{}b\n{}", "a ".repeat(100), repeat("a ", n))
    }),
    case("mentions", "real aliases", |n| {
        let text = repeat("De Naamloze Pilot in het Sociaal Café. ", n);
        format!("Sociaal Café|De Naamloze Pilot|Naamloze Pilot\n{text}")
    }),
    case("mentions", "expanding characters", |n| {
        format!("fi|ﬁ|…\n{}", repeat("ﬁ … ", n))
    }),
    case("mentions", "sentence ends", |n| {
        format!("x\n{}", repeat("A. B? C! x ", n))
    }),
    // tokenizer: search terms, fold, slug, fold_with_offsets
    case("tokenizer", "one long word", |n| repeat("a", n)),
    case("tokenizer", "one long Dutch word", |n| repeat("heden", n)),
    case("tokenizer", "many words", |n| {
        repeat("gezinnen buurthuizen ", n)
    }),
    case("tokenizer", "separators", |n| repeat("-/ ", n)),
    case("tokenizer", "apostrophes", |n| repeat("'s’", n)),
    case("tokenizer", "combining marks", |n| {
        repeat("e\u{301}\u{308}", n)
    }),
    case("tokenizer", "marks only", |n| repeat("\u{301}", n)),
    case("tokenizer", "expanding characters", |n| {
        repeat("ﬁ…\u{fdfa}", n)
    }),
    case("tokenizer", "soft hyphens", |n| repeat("a\u{ad}", n)),
    case("tokenizer", "punctuation", |n| repeat("!?.,;:()", n)),
    // privacy: the guard's scan; an IBAN candidate is tried again two characters on
    case("privacy", "one long IBAN-like line", |n| {
        repeat("NL91 ABNA 0417 1643 00 ", n)
    }),
    case("privacy", "country codes and digits without end", |n| {
        repeat("NL91", n)
    }),
    case("privacy", "letters and digits in groups", |n| {
        repeat("AB12 CD34 ", n)
    }),
    case("privacy", "postcodes with numbers", |n| {
        repeat("1312 AB 12, ", n)
    }),
    case("privacy", "digits and spaces", |n| repeat("0 1 2 3 ", n)),
];

/// What a time case runs, per target.
fn runner(target: &str) -> fn(&str) {
    match target {
        "front_matter" => |text| {
            let file = Path::new("content/rapporten/groot.md");
            let _ = vindplaats::content::front_matter::split(file, text);
            let _ = vindplaats::content::Report::parse(file, text);
            let _ = vindplaats::content::Topic::parse(Path::new("content/themas/groot.md"), text);
        },
        "markdown" => |body| {
            let initiatives: Vec<_> = checks::FIXED_ALIASES
                .iter()
                .enumerate()
                .map(|(i, a)| checks::initiative(i, a.iter().map(|s| (*s).to_owned()).collect()))
                .collect();
            let hrefs: Vec<String> = initiatives
                .iter()
                .map(|i| format!("../../{}", i.path()))
                .collect();
            let matcher = Matcher::new(&initiatives);
            let linker = markdown::Linker {
                matcher: &matcher,
                hrefs: &hrefs,
            };
            let file = Path::new("content/rapporten/groot.md");
            let _ = markdown::render(file, body, 1, None, false);
            let _ = markdown::render(file, body, 1, Some(&linker), false);
        },
        "mentions" => |input| {
            let (head, haystack) = input.split_once('\n').unwrap();
            let matcher = Matcher::new(&checks::mention_initiatives(head));
            let found = matcher.find(haystack);
            let _ = matcher.occurrences(haystack);
            // One sentence costs a pass over the text: a few, not one per match.
            for f in found.iter().step_by(found.len() / 4 + 1) {
                let _ = sentence_around(haystack, f.start);
            }
        },
        "tokenizer" => |s| {
            let _ = Dutch::new(true).terms(s);
            let _ = Dutch::new(false).terms(s);
            let _ = text::fold(s);
            let _ = text::slug(s);
            let _ = text::fold_with_offsets(s);
        },
        "privacy" => |s| {
            let _ = vindplaats::privacy::Guard::new().scan(Path::new("groot.md"), s, &[]);
        },
        _ => unreachable!("{target}"),
    }
}

/// Not a test of its own: the child process of the time tests, timing the case named in
/// `VINDPLAATS_FUZZ_TIME_CASE`. Does nothing without it.
#[test]
fn time_case_in_child_process() {
    let Ok(spec) = std::env::var(CHILD_ENV) else {
        return;
    };
    let (target, rest) = spec.split_once('/').unwrap();
    let (name, size) = rest.rsplit_once('/').unwrap();
    let case = CASES
        .iter()
        .find(|c| c.target == target && c.name == name)
        .unwrap();
    let input = (case.make)(size.parse().unwrap());
    let run = runner(target);
    let t = Instant::now();
    run(&input);
    println!("\nelapsed-ns={}", t.elapsed().as_nanos());
}

/// How long `case` takes on `size` characters, in a child process; `None` after [`TIMEOUT`].
fn time_in_child(case: &Case, size: usize) -> Option<Duration> {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "fuzz_corpus::time_case_in_child_process",
            "--exact",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_ENV, format!("{}/{}/{size}", case.target, case.name))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut out = String::new();
            let mut err = String::new();
            child
                .stdout
                .take()
                .unwrap()
                .read_to_string(&mut out)
                .unwrap();
            child
                .stderr
                .take()
                .unwrap()
                .read_to_string(&mut err)
                .unwrap();
            assert!(
                status.success(),
                "{}: the run failed ({status}):\n{out}{err}",
                case.name
            );
            let ns: u64 = out
                .lines()
                .find_map(|l| l.split("elapsed-ns=").nth(1))
                .unwrap_or_else(|| panic!("{}: no time in\n{out}", case.name))
                .parse()
                .unwrap();
            return Some(Duration::from_nanos(ns));
        }
        if start.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Times `case` on `LARGE / 8` characters (best of three) and on `LARGE` (measured again, up to
/// three times, while it looks a little too slow); fails when the large input takes
/// superlinearly longer.
fn assert_linear(case: &Case) -> Result<(), String> {
    let name = case.name;
    let small_time = (0..3)
        .map(|_| time_in_child(case, LARGE / 8).unwrap_or(TIMEOUT))
        .min()
        .unwrap();
    let mut large_time = Duration::MAX;
    for _ in 0..3 {
        let Some(t) = time_in_child(case, LARGE) else {
            return Err(format!(
                "{name}: {LARGE} characters still running after {TIMEOUT:?} ({} took {small_time:?})",
                LARGE / 8
            ));
        };
        large_time = large_time.min(t);
        // Measure again only a borderline result: noise, not a clearly superlinear one.
        let ratio = large_time.as_secs_f64() / small_time.as_secs_f64().max(1e-6);
        if large_time < FLOOR || ratio <= MAX_RATIO || ratio > 2.0 * MAX_RATIO {
            break;
        }
    }
    let ratio = large_time.as_secs_f64() / small_time.as_secs_f64().max(1e-6);
    eprintln!(
        "{}/{name}: {} chars {small_time:?}, {LARGE} chars {large_time:?} (×{ratio:.1})",
        case.target,
        LARGE / 8
    );
    if large_time < FLOOR || ratio <= MAX_RATIO {
        Ok(())
    } else {
        Err(format!(
            "{name}: 8× the input took {ratio:.1}× the time ({small_time:?} → {large_time:?})"
        ))
    }
}

/// Runs every case of `target`, then fails naming every superlinear one.
fn assert_target_linear(target: &str) {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let failed: Vec<String> = CASES
        .iter()
        .filter(|c| c.target == target)
        .filter_map(|c| assert_linear(c).err())
        .collect();
    assert!(failed.is_empty(), "superlinear in {target}: {failed:#?}");
}

#[test]
#[ignore = "wall-clock: run in release by scripts/bench"]
fn time_front_matter() {
    assert_target_linear("front_matter");
}

#[test]
#[ignore = "wall-clock: run in release by scripts/bench"]
fn time_markdown() {
    assert_target_linear("markdown");
}

#[test]
#[ignore = "wall-clock: run in release by scripts/bench"]
fn time_mentions() {
    assert_target_linear("mentions");
}

#[test]
#[ignore = "wall-clock: run in release by scripts/bench"]
fn time_tokenizer() {
    assert_target_linear("tokenizer");
}

#[test]
#[ignore = "wall-clock: run in release by scripts/bench"]
fn time_privacy() {
    assert_target_linear("privacy");
}
