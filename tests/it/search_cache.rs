//! `serve`'s session keeps what the search index is made of (`search::IndexCache`): each
//! document's counted terms by its text, each part of a sharded index by what it is written
//! from. After an edit the index the session makes through that cache must be byte for byte
//! a fresh session's, and must have made anew only the documents and parts the edit touched.

use crate::common;

use std::collections::BTreeMap;
use std::path::Path;

use common::replace_in;
use vindplaats::search::Made;
use vindplaats::session::Session;
use vindplaats::site::BuildOptions;

/// A session of `root`, as serve makes it.
fn session(root: &Path) -> Session {
    Session::new(BuildOptions {
        root: root.to_path_buf(),
        output: None,
        base_url: Some("http://127.0.0.1:1111/".into()),
        concepts: false,
    })
}

/// Every file of the search index `session` makes of its next build.
fn index(session: &mut Session) -> BTreeMap<String, Vec<u8>> {
    session.rebuild().unwrap();
    session
        .index()
        .expect("a build to index")
        .unwrap()
        .into_iter()
        .map(|f| (f.path, f.bytes.to_vec()))
        .collect()
}

/// Indexes `root` through `session` and a fresh one, asserts both are the same file for
/// file, and returns what the session's index made anew.
fn same_as_fresh(root: &Path, session: &mut Session, after: &str) -> Made {
    let cached = index(session);
    let fresh = index(&mut self::session(root));
    let differ = common::differing(&cached, &fresh);
    assert!(
        differ.is_empty(),
        "{after}: cached index differs in {differ:?}"
    );
    session.memos().index.made
}

/// Edits of one report: a word, a new section (every later document moves up), a word
/// removed from the whole site, and back.
fn edit_and_compare(root: &Path, sharded: bool) {
    let report = root.join("content/rapporten/eenzaamheid.md");
    let mut session = self::session(root);
    let first = same_as_fresh(root, &mut session, "first index");
    assert!(first.documents > 50, "{first:?}");

    let before = index(&mut session);
    let again = same_as_fresh(root, &mut session, "nothing changed");
    assert_eq!(again, Made::default(), "nothing is made again");

    // One word for another: the section keeps its length (a longer one would also change the
    // table of field lengths, `lengtes`, but no other shard).
    replace_in(&report, "Locatie: Bibliotheek", "Locatie: Stadhuisplein");
    let word = same_as_fresh(root, &mut session, "a word changed");
    assert_eq!(word.documents, 1, "only the edited section is tokenised");
    if sharded {
        // The shards of the two terms and perhaps one beside each, the document's chunk, its
        // table of chunk hashes and the vocabulary.
        assert!(
            (4..=8).contains(&word.parts),
            "a few parts are written again, not {} of {}",
            word.parts,
            first.parts
        );
        // Issue 29: a part is named by its own content, so what a host must take after the
        // edit is the parts made anew and the first file; every other part keeps its address
        // and bytes.
        let after = index(&mut session);
        let new: Vec<&String> = after.keys().filter(|p| !before.contains_key(*p)).collect();
        assert_eq!(new.len(), word.parts, "new addresses: {new:?}");
        let changed: Vec<&String> = after
            .iter()
            .filter(|(p, bytes)| before.get(*p).is_some_and(|old| old != *bytes))
            .map(|(p, _)| p)
            .collect();
        assert_eq!(changed, [vindplaats::search::MAIN_PATH], "changed in place");
    }

    replace_in(
        &report,
        "## Wat is eenzaamheid?",
        "## Een nieuw kopje\n\nZeldzaamwoordje in een nieuwe alinea.\n\n## Wat is eenzaamheid?",
    );
    let section = same_as_fresh(root, &mut session, "a section added");
    assert!(section.documents <= 3, "{section:?}");

    replace_in(
        &report,
        "Zeldzaamwoordje in een nieuwe alinea.",
        "Een alinea.",
    );
    same_as_fresh(root, &mut session, "a word gone from the site");
    replace_in(&report, "## Een nieuw kopje\n\nEen alinea.\n\n", "");
    same_as_fresh(root, &mut session, "the section gone");
}

#[test]
fn a_cached_single_index_is_a_fresh_index() {
    let tmp = common::real_site_copy();
    edit_and_compare(tmp.path(), false);
}

#[test]
fn a_cached_sharded_index_is_a_fresh_index() {
    let tmp = common::real_site_copy();
    let config = tmp.path().join("vindplaats.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(
        &config,
        text + "\nsearch_budget_kb = 1\nsearch_shard_kb = 2\n",
    )
    .unwrap();
    edit_and_compare(tmp.path(), true);
}
