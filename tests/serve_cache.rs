//! `serve` rebuilds from what it kept of the last build (each file's parse and privacy scan,
//! each report's aliases and Markdown, each page). After every kind of edit the cached build
//! must be exactly a fresh build: every page, the search index, the warnings and the errors.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{copy_tree, repo_root};
use vindplaats::site::{self, BuildOptions, Cache, Mode};

/// Everything a preview build serves and says, comparable.
#[derive(Debug, PartialEq)]
enum Outcome {
    Built {
        files: BTreeMap<String, Vec<u8>>,
        warnings: Vec<String>,
    },
    Failed(String),
}

fn outcome(root: &Path, mut cache: Option<&mut Cache>) -> Outcome {
    let opts = BuildOptions {
        root: root.to_path_buf(),
        output: None,
        base_url: Some("http://127.0.0.1:1111/".into()),
        concepts: true,
    };
    match site::render_all(&opts, Mode::Preview, cache.as_deref_mut()) {
        Ok(mut built) => {
            let index = site::index(&built, cache.map(|c| &mut c.index)).unwrap();
            let files = std::mem::take(&mut built.files)
                .into_iter()
                .chain(index)
                .map(|f| (f.path, f.bytes))
                .collect();
            let warnings = built.warnings.iter().map(|w| format!("{w:?}")).collect();
            Outcome::Built { files, warnings }
        }
        Err(e) => Outcome::Failed(format!("{e:?}")),
    }
}

/// Builds `root` through `cache` and fresh, and asserts both are the same.
fn same_as_fresh(root: &Path, cache: &mut Cache, after: &str) -> Outcome {
    let cached = outcome(root, Some(cache));
    let fresh = outcome(root, None);
    if let (Outcome::Built { files: a, .. }, Outcome::Built { files: b, .. }) = (&cached, &fresh) {
        let differ: Vec<&String> = a
            .keys()
            .chain(b.keys())
            .filter(|k| a.get(*k) != b.get(*k))
            .collect();
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

fn edit(file: &Path, change: impl FnOnce(String) -> String) {
    let text = std::fs::read_to_string(file).unwrap();
    std::fs::write(file, change(text)).unwrap();
}

#[test]
fn a_cached_rebuild_is_a_fresh_build() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    for part in ["content", "themes"] {
        copy_tree(&repo_root().join(part), &root.join(part));
    }
    std::fs::copy(
        repo_root().join("vindplaats.toml"),
        root.join("vindplaats.toml"),
    )
    .unwrap();
    let report = root.join("content/rapporten/eenzaamheid.md");
    let config = root.join("vindplaats.toml");
    let mut cache = Cache::default();
    let first = same_as_fresh(root, &mut cache, "first build");

    // Same length, other text: what a second save in the same second can look like.
    edit(&report, |t| {
        t.replacen("Locatie: Bibliotheek", "Locatie: BIBLIOTHEEK", 1)
    });
    let edited = same_as_fresh(root, &mut cache, "an edit of the same length");
    assert_ne!(first, edited, "the edit shows");

    // A mention of an initiative and a home address (a privacy warning).
    edit(&report, |t| {
        t + "\nDe Almeerse Alliantie Kinderarmoede zit aan de Markt, 1312 AB 12.\n"
    });
    let Outcome::Built { warnings, .. } = same_as_fresh(root, &mut cache, "a mention") else {
        panic!("the mention builds");
    };
    assert!(
        warnings.iter().any(|w| w.contains("1312 AB 12")),
        "{warnings:?}"
    );

    // The allowlist changes what every scan reports, without any content file changing.
    edit(&config, |t| {
        format!("privacy_allowlist = [\"1312 AB 12\"]\n{t}")
    });
    let Outcome::Built { warnings, .. } = same_as_fresh(root, &mut cache, "the allowlist") else {
        panic!("the allowlist builds");
    };
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
    same_as_fresh(root, &mut cache, "an alias");

    // A broken report, then fixed; a report removed.
    let good = std::fs::read_to_string(&report).unwrap();
    edit(&report, |t| t.replacen("date = ", "date = x", 1));
    assert!(matches!(
        same_as_fresh(root, &mut cache, "a broken report"),
        Outcome::Failed(_)
    ));
    std::fs::write(&report, good).unwrap();
    same_as_fresh(root, &mut cache, "the report fixed");
    std::fs::remove_file(root.join("content/rapporten/sociale-basis.md")).unwrap();
    same_as_fresh(root, &mut cache, "a report removed");
}
