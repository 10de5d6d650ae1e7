//! `serve`'s session rebuilds from what it kept of the last build (each file's parse and
//! privacy scan, each report's aliases and Markdown, each page). After every kind of edit the
//! cached build must be exactly a fresh session's: every page, the search index, the warnings
//! and the errors. Before it, an edit of a report shows that report's page early (the fast
//! path, `Session::edited`): where it applies, that page must be the fresh build's too, and so
//! must the index made right after it (`Session::index`) for an edit of its own words.

use crate::common;

use std::collections::BTreeMap;
use std::path::Path;

use vindplaats::session::{Session, Update};
use vindplaats::site::BuildOptions;
use vindplaats::urls;

/// Everything a session's build serves and says, comparable.
#[derive(Debug, PartialEq)]
enum Outcome {
    Built {
        files: BTreeMap<String, Vec<u8>>,
        warnings: Vec<String>,
    },
    Failed(String),
}

fn options(root: &Path) -> BuildOptions {
    BuildOptions {
        root: root.to_path_buf(),
        output: None,
        base_url: Some("http://127.0.0.1:1111/".into()),
        concepts: true,
    }
}

/// The whole site as `session` builds and indexes it next, as serve serves it. The session
/// keeps it: the next edit's fast path starts from it.
fn outcome(session: &mut Session) -> Outcome {
    collected(|serve| session.show_all(serve))
}

/// The whole site and its index as `run` hands them to serve (the fast path's pages, if any,
/// passed over): the one collector behind [`outcome`] and [`updated`].
fn collected(run: impl FnOnce(&mut dyn FnMut(Update, std::time::Instant))) -> Outcome {
    let mut outcome = None;
    let bytes = |files: Vec<vindplaats::output::OutputFile>| {
        files.into_iter().map(|f| (f.path, f.bytes.to_vec()))
    };
    run(&mut |update, _| match (update, &mut outcome) {
        (Update::Edited(_) | Update::EditedIndex(_), _) => {}
        (Update::Rebuilt(Ok(built)), _) => {
            outcome = Some(Outcome::Built {
                files: bytes(built.files).collect(),
                warnings: built.warnings.iter().map(|w| format!("{w:?}")).collect(),
            })
        }
        (Update::Rebuilt(Err(e)), _) => outcome = Some(Outcome::Failed(format!("{e:?}"))),
        (Update::Index(index), Some(Outcome::Built { files, .. })) => {
            files.extend(bytes(index.unwrap()))
        }
        _ => unreachable!("the steps of a build, in order"),
    });
    outcome.expect("a build")
}

/// Builds through `session` and with a fresh one, and asserts both are the same.
fn same_as_fresh(root: &Path, session: &mut Session, after: &str) -> Outcome {
    let cached = outcome(session);
    let fresh = outcome(&mut Session::new(options(root)));
    if let (Outcome::Built { files: a, .. }, Outcome::Built { files: b, .. }) = (&cached, &fresh) {
        let differ = common::differing(a, b);
        assert!(
            differ.is_empty(),
            "{after}: cached build differs in {differ:?}"
        );
    }
    assert_eq!(
        cached, fresh,
        "{after}: cached build differs from a fresh one"
    );
    cached
}

/// After an edit of `file`: its page from the fast path, when that applies (whether it did
/// is returned), must be the page of the build after it, which must be a fresh build.
fn fast_then_full(root: &Path, session: &mut Session, file: &Path, after: &str) -> (bool, Outcome) {
    let fast = session.edited(&[file.to_path_buf()]);
    let full = same_as_fresh(root, session, after);
    if let (Some(pages), Outcome::Built { files, .. }) = (&fast, &full) {
        assert!(!pages.is_empty(), "{after}: the fast path made the page");
        for page in pages {
            assert!(
                files.get(&page.path) == Some(&*page.bytes),
                "{after}: the fast path's {} is not the full build's",
                page.path
            );
        }
    }
    (fast.is_some(), full)
}

fn edit(file: &Path, change: impl FnOnce(String) -> String) {
    let text = std::fs::read_to_string(file).unwrap();
    std::fs::write(file, change(text)).unwrap();
}

#[test]
fn a_cached_rebuild_is_a_fresh_build() {
    let tmp = common::real_site_copy();
    let root = tmp.path();
    let report = root.join("content/rapporten/eenzaamheid.md");
    let config = root.join("vindplaats.toml");
    let mut session = Session::new(options(root));
    let first = same_as_fresh(root, &mut session, "first build");

    // Same length, other text: what a second save in the same second can look like.
    edit(&report, |t| {
        t.replacen("Locatie: Bibliotheek", "Locatie: BIBLIOTHEEK", 1)
    });
    let (fast, edited) = fast_then_full(root, &mut session, &report, "an edit of the same length");
    assert!(fast, "a report's edit takes the fast path");
    assert_ne!(first, edited, "the edit shows");

    // A mention of an initiative and a home address (a privacy warning).
    edit(&report, |t| {
        t + "\nDe Almeerse Alliantie Kinderarmoede zit aan de Markt, 1312 AB 12.\n"
    });
    let (fast, Outcome::Built { warnings, .. }) =
        fast_then_full(root, &mut session, &report, "a mention")
    else {
        panic!("the mention builds");
    };
    assert!(fast, "a possible home address is a warning: the page shows");
    assert!(
        warnings.iter().any(|w| w.contains("1312 AB 12")),
        "{warnings:?}"
    );

    // The allowlist changes what every scan reports, without any content file changing.
    edit(&config, |t| {
        format!("privacy_allowlist = [\"1312 AB 12\"]\n{t}")
    });
    let (fast, Outcome::Built { warnings, .. }) =
        fast_then_full(root, &mut session, &config, "the allowlist")
    else {
        panic!("the allowlist builds");
    };
    assert!(!fast, "only a report's edit takes the fast path");
    assert!(
        !warnings.iter().any(|w| w.contains("1312 AB 12")),
        "{warnings:?}"
    );

    // An initiative's aliases change what every report's text links and finds.
    edit(&root.join("content/initiatieven.toml"), |t| {
        t.replacen(
            "aliases = [\"De Almeerse Alliantie Kinderarmoede\", ",
            "aliases = [\"Almeerse Alliantie\", \"De Almeerse Alliantie Kinderarmoede\", ",
            1,
        )
    });
    same_as_fresh(root, &mut session, "an alias");

    // A person's part changed in the front matter only: the Markdown is as before, yet the
    // check of that part, kept with the report's Markdown pass, must be made again.
    let good = std::fs::read_to_string(&report).unwrap();
    edit(&report, |t| {
        t.replacen("part = \"ontvangst\"", "part = \"gespreksleiding\"", 1)
    });
    let (_, outcome) = fast_then_full(root, &mut session, &report, "a part changed");
    assert!(
        matches!(&outcome, Outcome::Failed(e) if e.contains("gespreksleiding")),
        "{outcome:?}"
    );
    std::fs::write(&report, &good).unwrap();
    same_as_fresh(root, &mut session, "the part as before");

    // A title: shown on the lists, the topic's and round's pages, the initiatives' quotes
    // and the previous and next links of the report's neighbours.
    edit(&report, |t| {
        t.replacen("title = \"", "title = \"Anders: ", 1)
    });
    let (fast, _) = fast_then_full(root, &mut session, &report, "a title");
    assert!(fast, "a title's edit takes the fast path");

    // A broken report, then fixed; a report removed.
    let good = std::fs::read_to_string(&report).unwrap();
    edit(&report, |t| t.replacen("date = ", "date = x", 1));
    assert!(matches!(
        fast_then_full(root, &mut session, &report, "a broken report"),
        (false, Outcome::Failed(_))
    ));
    std::fs::write(&report, good).unwrap();
    let (fast, _) = fast_then_full(root, &mut session, &report, "the report fixed");
    assert!(!fast, "no fast path from a build that failed");
    // Contact data in a report: the fast path does not show it, the full build stops.
    edit(&report, |t| t + "\nMail naar jan.jansen@example.nl.\n");
    assert!(matches!(
        fast_then_full(root, &mut session, &report, "an e-mail address"),
        (false, Outcome::Failed(_))
    ));
    edit(&report, |t| {
        t.replace("\nMail naar jan.jansen@example.nl.\n", "")
    });
    same_as_fresh(root, &mut session, "the address removed");
    std::fs::remove_file(root.join("content/rapporten/sociale-basis.md")).unwrap();
    same_as_fresh(root, &mut session, "a report removed");
}

/// Every report of the real site edited in turn (a sentence and a mention added): the page the
/// fast path shows is exactly the page of the full build after it.
#[test]
fn the_fast_page_of_every_report_is_the_full_builds() {
    let tmp = common::real_site_copy();
    let root = tmp.path();
    let mut session = Session::new(options(root));
    same_as_fresh(root, &mut session, "first build");
    let mut reports: Vec<_> = std::fs::read_dir(root.join("content/rapporten"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    reports.sort();
    assert!(reports.len() >= 6);
    for report in &reports {
        edit(report, |t| {
            t + "\nDe Almeerse Alliantie Kinderarmoede kwam ook ter sprake.\n"
        });
        let slug = report.file_stem().unwrap().to_str().unwrap();
        let (fast, _) = fast_then_full(root, &mut session, report, slug);
        assert!(fast, "{slug}: the fast path applies");
    }
    // The check itself can fail: a page from an older build is not the full build's.
    let report = &reports[0];
    let old = session.edited(std::slice::from_ref(report)).unwrap();
    edit(report, |t| t + "\nNog een zin.\n");
    let Outcome::Built { files, .. } = same_as_fresh(root, &mut session, "one more") else {
        panic!("builds");
    };
    let slug = report.file_stem().unwrap().to_str().unwrap();
    assert_eq!(old[0].path, urls::file_for(&urls::report(slug)));
    assert_ne!(files.get(&old[0].path), Some(&*old[0].bytes));
}

/// After the fast page, the fast index (`Session::index`): made from the last build with
/// the edited report in it, before the rest of the site. For an edit of a report's own words it
/// is already the full build's index.
#[test]
fn the_fast_index_has_the_edit_before_the_full_build() {
    let tmp = common::real_site_copy();
    let root = tmp.path();
    let mut session = Session::new(options(root));
    let Outcome::Built { files: before, .. } = same_as_fresh(root, &mut session, "first build")
    else {
        panic!("builds");
    };
    let report = root.join("content/rapporten/eenzaamheid.md");
    edit(&report, |t| t + "\nEen zin over de zeppelinhaven.\n");
    assert!(session.edited(std::slice::from_ref(&report)).is_some());
    let index = session.index().expect("a last build").expect("indexes");
    let Outcome::Built { files: after, .. } = same_as_fresh(root, &mut session, "full build")
    else {
        panic!("builds");
    };
    assert!(!index.is_empty());
    assert!(
        index.iter().any(|f| before.get(&f.path) != Some(&*f.bytes)),
        "the fast index has the edit"
    );
    for file in &index {
        assert!(
            after.get(&file.path) == Some(&*file.bytes),
            "the fast index's {} is the full build's",
            file.path
        );
    }
}

/// The page and open data memos keep each report's and initiative's views by a key of what
/// they are made from (its facts, its body, and what it reads of the rest of the site: its
/// topic's and round's names, where each organisation's entry is, the initiatives' names), and
/// so are the editors' readings of each report's text (`parse::PassMemo`). An
/// edit of each of those, in a file other than the report, must reach every page and line that
/// shows it: a key that left one out would serve the last build's. The feeds are kept by
/// their reports' keys and the site's title; an initiative's pages and open data line by what
/// it quotes of the reports that name it, which an edit of such a report changes. The
/// organisations' views are kept by everything they are made of: who sat at each table and
/// who of an organisation had a role there among it.
#[test]
fn every_input_of_a_kept_view_is_in_its_key() {
    let tmp = common::real_site_copy();
    let root = tmp.path();
    let mut session = Session::new(options(root));
    same_as_fresh(root, &mut session, "first build");
    let edits: [(&str, &str, &str, &str); 14] = [
        // On every report page of the topic, the lists and the open data (`theme`).
        (
            "a topic's title",
            "content/themas/eenzaamheid.md",
            "title = \"Eenzaamheid\"",
            "title = \"Eenzaamheid en contact\"",
        ),
        // On every report page of the round ("De sociale staat van Almere 2023").
        (
            "a round's title",
            "content/edities/2023.md",
            "title = \"De sociale staat van Almere 2023\"",
            "title = \"De sociale staat 2023\"",
        ),
        // Where an organisation's entry is: the links on the pages of the reports it was at.
        (
            "an organisation's slug",
            "content/organisaties.toml",
            "slug = \"adviesraad-sociaal-domein\"",
            "slug = \"adviesraad\"",
        ),
        // An editors' reading, on the page of the report whose words it reads (the readings
        // are kept by the report's text and facts and by the organisations).
        (
            "an editors' reading",
            "content/organisaties.toml",
            "note = \"De redactie leest ‘GGD’ in het verslag van 30 mei als GGD Flevoland;",
            "note = \"De redactie leest ‘GGD’ in het verslag van 30 mei als de GGD Flevoland;",
        ),
        // An initiative's kind, beside its link on the pages of the reports that mention it
        // (its name is in their Markdown pass's key as well, its kind is not).
        (
            "an initiative's kind",
            "content/initiatieven.toml",
            "slug = \"almeerse-alliantie-kinderarmoede\"\nkind = \"initiatief\"",
            "slug = \"almeerse-alliantie-kinderarmoede\"\nkind = \"netwerk\"",
        ),
        // A fact of the report's own: its page, the list of reports and the open data.
        (
            "a report's location",
            "content/rapporten/eenzaamheid.md",
            "location = \"Bibliotheek, Almere\"",
            "location = \"Nieuwe Bibliotheek, Almere\"",
        ),
        // The name of an initiative an organisation is: the link in its entry.
        (
            "the name of an initiative an organisation is",
            "content/initiatieven.toml",
            "name = \"De Almeerse Alliantie Kinderarmoede\"",
            "name = \"De Almeerse Alliantie tegen Kinderarmoede\"",
        ),
        // Who sat at a report's table, and who of an organisation had a role there: the
        // organisations' entries (their views are kept by what they are made of).
        (
            "a report's list of participants",
            "content/rapporten/eenzaamheid.md",
            "\"Kwintes\", \"VMCA\", ",
            "\"Kwintes\", ",
        ),
        (
            "the organisation of a report's person",
            "content/rapporten/eenzaamheid.md",
            "organisation = \"Platform31\", part = \"presentatie\"",
            "organisation = \"Movisie\", part = \"presentatie\"",
        ),
        // A fact only the report's own page shows (its times): the page is kept by the
        // report's key alone, and its view is not made while that key is as before.
        (
            "a report's starting time",
            "content/rapporten/eenzaamheid.md",
            "start = \"09:30\"",
            "start = \"09:45\"",
        ),
        // What an initiative's page quotes of a report that names it (its key is made from
        // them, field by field, so that its mentions are quoted only when it changed): the
        // report's title, the title of the section it is named in, and the sentence.
        (
            "the title of a report that names an initiative",
            "content/rapporten/eenzaamheid.md",
            "title = \"Verslag thematafel Eenzaamheid\"",
            "title = \"Verslag van de thematafel Eenzaamheid\"",
        ),
        (
            "the title of a section that names an initiative",
            "content/rapporten/eenzaamheid.md",
            "## Aanbod sluit niet goed aan bij behoefte, kenmerken van mensen zelf",
            "## Aanbod sluit niet goed aan bij de behoefte, kenmerken van mensen zelf",
        ),
        (
            "a sentence that names an initiative",
            "content/rapporten/eenzaamheid.md",
            "Positieve gezondheid gebruiken.",
            "Positieve gezondheid vaker gebruiken.",
        ),
        // The site's title, in every feed's title (the feeds are kept by their reports' keys).
        (
            "the site's title",
            "vindplaats.toml",
            "title = \"De sociale staat van Almere\"",
            "title = \"De sociale staat van Almere (proef)\"",
        ),
    ];
    for (after, file, from, to) in edits {
        let file = root.join(file);
        edit(&file, |t| {
            assert!(t.contains(from), "{after}: {from} in {}", file.display());
            t.replacen(from, to, 1)
        });
        let (_, outcome) = fast_then_full(root, &mut session, &file, after);
        assert!(
            matches!(outcome, Outcome::Built { .. }),
            "{after}: {outcome:?}"
        );
    }
}

/// The whole site as `session` builds it after `update` is told that `files` changed, as
/// serve's watcher names them (load reads only those again).
fn updated(session: &mut Session, files: &[&Path]) -> Outcome {
    let files: Vec<std::path::PathBuf> = files.iter().map(|f| f.to_path_buf()).collect();
    collected(|serve| session.update(&files, serve))
}

/// `update(files)` against a fresh session's build.
fn updated_as_fresh(root: &Path, session: &mut Session, files: &[&Path], after: &str) -> Outcome {
    let cached = updated(session, files);
    let fresh = outcome(&mut Session::new(options(root)));
    assert_eq!(
        cached, fresh,
        "{after}: the update differs from a fresh build"
    );
    cached
}

/// Told which files changed, load reads only those again: an edit, contact data, a new, a
/// removed and a moved report, a folder moved away and back with an edit in between (named
/// by the folder only), and a change of the config (the privacy allow-list) all end on a
/// fresh build. And a file the watcher did not name is not read: what the update skips is
/// real.
#[test]
fn an_update_told_which_files_changed_is_a_fresh_build() {
    let tmp = common::real_site_copy();
    let root = tmp.path();
    let reports = root.join("content/rapporten");
    let report = reports.join("eenzaamheid.md");
    let config = root.join("vindplaats.toml");
    let mut session = Session::new(options(root));
    let first = updated_as_fresh(root, &mut session, &[], "first build");

    edit(&report, |t| {
        t.replacen("Locatie: Bibliotheek", "Locatie: BIBLIOTHEEK", 1)
    });
    let edited = updated_as_fresh(root, &mut session, &[&report], "an edit");
    assert_ne!(first, edited, "the edit shows");

    // Contact data stops the build, as in a fresh one.
    let clean = std::fs::read_to_string(&report).unwrap();
    edit(&report, |t| t + "\nBel 06-12345678 voor meer.\n");
    let failed = updated_as_fresh(root, &mut session, &[&report], "a phone number");
    assert!(matches!(failed, Outcome::Failed(_)), "{failed:?}");
    std::fs::write(&report, &clean).unwrap();
    updated_as_fresh(root, &mut session, &[&report], "the number taken out");

    // A copy under another name, then the copy moved into a folder, then removed.
    let copy = reports.join("eenzaamheid-kopie.md");
    std::fs::write(&copy, &clean).unwrap();
    updated_as_fresh(root, &mut session, &[&copy], "a new report");
    let folder = reports.join("extra");
    std::fs::create_dir(&folder).unwrap();
    let moved = folder.join("eenzaamheid-kopie.md");
    std::fs::rename(&copy, &moved).unwrap();
    updated_as_fresh(root, &mut session, &[&copy, &folder], "a report moved");
    // Away and back with an edit in between: the watcher names the folder, not the file.
    let away = root.join("elders");
    std::fs::rename(&folder, &away).unwrap();
    edit(&away.join("eenzaamheid-kopie.md"), |t| {
        t + "\nNog een zin erbij.\n"
    });
    std::fs::rename(&away, &folder).unwrap();
    updated_as_fresh(root, &mut session, &[&folder], "a folder moved back edited");
    std::fs::remove_file(&moved).unwrap();
    updated_as_fresh(root, &mut session, &[&moved], "a report removed");

    // The allow-list changes every scan: a change outside content/ reads everything.
    edit(&report, |t| t + "\nDe Markt, 1312 AB 12.\n");
    updated_as_fresh(root, &mut session, &[&report], "a possible address");
    edit(&config, |t| {
        format!("privacy_allowlist = [\"1312 AB 12\"]\n{t}")
    });
    updated_as_fresh(root, &mut session, &[&config], "the allow-list");

    // A change no one names is not read (serve's watcher names every change it sees).
    edit(&report, |t| t.replacen("BIBLIOTHEEK", "Bieb", 1));
    let unnamed = updated(&mut session, &[&copy]);
    let fresh = outcome(&mut Session::new(options(root)));
    assert_ne!(
        unnamed, fresh,
        "a file no change names is taken from the memo"
    );
    updated_as_fresh(root, &mut session, &[&report], "named after all");
}

/// The steps `update` hands to serve after an edit of `file`, by name, and the bytes of the
/// last search index among them (its files put together).
fn steps(session: &mut Session, file: &Path) -> (Vec<&'static str>, Vec<u8>) {
    let (mut names, mut index) = (Vec::new(), Vec::new());
    session.update(&[file.to_path_buf()], |update, _| {
        let (name, files) = match update {
            Update::Edited(_) => ("page", None),
            Update::EditedIndex(files) => ("fast index", Some(files.unwrap())),
            Update::Rebuilt(Ok(_)) => ("whole site", None),
            Update::Rebuilt(Err(_)) => ("whole site failed", None),
            Update::Index(files) => ("index", Some(files.unwrap())),
        };
        names.push(name);
        if let Some(files) = files {
            index = files.iter().flat_map(|f| f.bytes.to_vec()).collect();
        }
    });
    (names, index)
}

/// serve's order after an edit (`Session::update`, ARCHITECTURE "serve"): the page, the whole
/// site, then its index, which has the edit. When the whole site fails on a check across
/// reports (here: an initiative's quote no longer stands in the report), the fast index (the
/// last site with the edited report put in) comes after the failure, so search still finds
/// the new words while the error is shown; a whole site that is built hands no fast index.
#[test]
fn the_fast_index_comes_only_after_a_whole_site_that_failed() {
    let tmp = common::real_site_copy();
    let root = tmp.path();
    let report = root.join("content/rapporten/jong-in-almere-1-juni.md");
    let mut session = Session::new(options(root));
    updated(&mut session, &[]);
    let has = |bytes: &[u8], word: &str| String::from_utf8_lossy(bytes).contains(word);

    edit(&report, |t| {
        t.replacen(
            "besproken hebben waar",
            "besproken hebben (vlinderbrug) waar",
            1,
        )
    });
    let (names, index) = steps(&mut session, &report);
    assert_eq!(names, ["page", "whole site failed", "fast index"]);
    assert!(has(&index, "vlinderbrug"), "the fast index has the edit");

    // Taken out again: a whole site, with no fast path (the last build failed).
    edit(&report, |t| t.replacen(" (vlinderbrug)", "", 1));
    let (names, _) = steps(&mut session, &report);
    assert_eq!(names, ["whole site", "index"]);

    edit(&report, |t| t + "\nEen zin over een zonnebloemveld.\n");
    let (names, index) = steps(&mut session, &report);
    assert_eq!(names, ["page", "whole site", "index"]);
    assert!(
        has(&index, "zonnebloemveld"),
        "the whole site's index has the edit"
    );
}

/// The checks across reports and the decisions they feed are a fresh build's after every
/// edit, though `serve` keeps what each report's text holds of the words looked for and which
/// organisations name each report (`parse::PassMemo`): the only report holding an
/// organisation's `as_written` and an initiative's quote edited (the check fails, then passes
/// again), the words looked for changed with no report changed, and which organisations name
/// a concept report, a published one, and by what place in their file.
#[test]
fn the_checks_across_reports_after_an_edit_are_a_fresh_builds() {
    let tmp = common::real_site_copy();
    let root = tmp.path();
    let reports = root.join("content/rapporten");
    let basis = reports.join("sociale-basis.md");
    let organisations = root.join("content/organisaties.toml");
    let mut session = Session::new(options(root));
    updated_as_fresh(root, &mut session, &[], "first build");
    let failed_on = |outcome: &Outcome, words: &str| {
        assert!(
            matches!(outcome, Outcome::Failed(e) if e.contains(words)),
            "{outcome:?}"
        )
    };

    let (held, changed) = (
        "een vertegenwoordiger van de cliëntenfederatie",
        "een vertegenwoordigster van de cliëntenfederatie",
    );
    edit(&basis, |t| t.replacen(held, changed, 1));
    let outcome = updated_as_fresh(root, &mut session, &[&basis], "as_written edited");
    failed_on(&outcome, "(as_written) staan in geen enkel verslag");
    edit(&basis, |t| t.replacen(changed, held, 1));
    updated_as_fresh(root, &mut session, &[&basis], "as_written back");

    let quoted = reports.join("jong-in-almere-1-juni.md");
    edit(&quoted, |t| {
        t.replacen(
            "besproken hebben waar",
            "besproken hebben (vlinderbrug) waar",
            1,
        )
    });
    let outcome = updated_as_fresh(root, &mut session, &[&quoted], "a quote edited");
    failed_on(&outcome, "staat in geen enkel verslag");
    edit(&quoted, |t| t.replacen(" (vlinderbrug)", "", 1));
    updated_as_fresh(root, &mut session, &[&quoted], "the quote back");

    // The words looked for, not the reports.
    edit(&organisations, |t| {
        t.replacen("as_written = \"GGD\"", "as_written = \"GGD Noord\"", 1)
    });
    let outcome = updated_as_fresh(root, &mut session, &[&organisations], "other words");
    failed_on(&outcome, "'GGD Noord'");
    edit(&organisations, |t| {
        t.replacen("as_written = \"GGD Noord\"", "as_written = \"GGD\"", 1)
    });
    updated_as_fresh(root, &mut session, &[&organisations], "the words back");

    // A concept report (with the initiative only it supports): CLIP GGZ, named only there, is
    // a concept too; named by a published report, it is not.
    let initiatives = root.join("content/initiatieven.toml");
    edit(&basis, |t| {
        t.replacen(
            "participants = 21\n",
            "participants = 21\nconcept = true\n",
            1,
        )
    });
    edit(&initiatives, |t| {
        let quote = "mist in Almere.\"\n";
        t.replacen(quote, &format!("{quote}concept = true\n"), 1)
    });
    updated_as_fresh(root, &mut session, &[&basis, &initiatives], "a concept");
    let published = reports.join("eenzaamheid.md");
    edit(&published, |t| {
        t.replacen("organisations = [", "organisations = [\"CLIP GGZ\", ", 1)
    });
    updated_as_fresh(
        root,
        &mut session,
        &[&published],
        "named by a published report",
    );
    edit(&published, |t| {
        t.replacen("organisations = [\"CLIP GGZ\", ", "organisations = [", 1)
    });
    updated_as_fresh(root, &mut session, &[&published], "named by a concept only");
    let block =
        "[[organisatie]]\nname = \"CLIP GGZ\"\nslug = \"clip-ggz\"\nvariants = [\"CLIP GGZ\"]\n\n";
    edit(&organisations, |t| t.replacen(block, "", 1) + "\n" + block);
    updated_as_fresh(
        root,
        &mut session,
        &[&organisations],
        "the organisations reordered",
    );
}
