//! Publishing only what changed (issue 29, item 4): the manifest `build` writes
//! (`bestanden.sha256`), the modification times it keeps for unchanged files, and
//! `vindplaats wijzigingen`, which lists (and copies) what differs from the published site.

use std::path::Path;
use std::time::{Duration, SystemTime};

use crate::common::{self, read_tree, real_site_copy, run_build};
use vindplaats::manifest::{self, Manifest};

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn changes(root: &Path, out: &Path, extra: &[&str]) -> std::process::Output {
    common::run_on_site("wijzigingen", root, out, extra)
}

/// The manifest lists every other file of the site once, with the SHA-256 of its bytes, in
/// `sha256sum`'s format, and two builds write the same manifest.
#[test]
fn the_manifest_lists_every_file_with_its_sha256() {
    let (_tmp, out) = common::build(&common::repo_root(), None);
    let text = std::fs::read_to_string(out.join(manifest::FILE_NAME)).unwrap();
    let listed = Manifest::parse(&text).unwrap();
    let mut files = read_tree(&out);
    files.remove(manifest::FILE_NAME);
    assert_eq!(listed.len(), files.len());
    for (path, bytes) in &files {
        assert_eq!(
            listed.get(path),
            Some(&manifest::digest(bytes)),
            "{path} in the manifest"
        );
    }
    let mut sorted: Vec<&str> = text.lines().map(|l| &l[66..]).collect();
    sorted.sort_unstable();
    assert_eq!(sorted, text.lines().map(|l| &l[66..]).collect::<Vec<_>>());
    let (_again, out2) = common::build(&common::repo_root(), None);
    assert_eq!(
        std::fs::read(out2.join(manifest::FILE_NAME)).unwrap(),
        text.as_bytes()
    );
}

/// The whole walk the handleiding describes: nothing published yet (everything is new), the
/// list kept, an edit of one report (only the files it changed listed and copied, the files it
/// did not change keep their old modification time), and a file gone from the site.
#[test]
fn wijzigingen_lists_and_copies_what_changed_since_the_published_site() {
    let site = real_site_copy();
    let root = site.path();
    let out = root.join("public");
    assert!(run_build(root, &out, &["--quiet"]).status.success());
    let files = read_tree(&out).len();

    let first = changes(root, &out, &[]);
    assert!(first.status.success(), "{first:?}");
    let said = stdout(&first);
    assert!(said.contains("nog geen lijst"), "{said}");
    assert!(
        said.contains(&format!("Te uploaden: {files} van de {files} bestanden")),
        "{said}"
    );

    let kept = changes(root, &out, &["--gepubliceerd"]);
    assert!(kept.status.success(), "{kept:?}");
    assert_eq!(
        std::fs::read(root.join("gepubliceerd.sha256")).unwrap(),
        std::fs::read(out.join(manifest::FILE_NAME)).unwrap()
    );
    let unchanged = changes(root, &out, &[]);
    assert!(
        stdout(&unchanged).contains("Te uploaden: 0 van de"),
        "{}",
        stdout(&unchanged)
    );

    // Old enough that a time kept is told from a time of writing.
    let long_ago = SystemTime::now() - Duration::from_secs(3600);
    for path in read_tree(&out).keys() {
        let file = std::fs::File::options()
            .write(true)
            .open(out.join(path))
            .unwrap();
        file.set_modified(long_ago).unwrap();
    }
    let before = read_tree(&out);
    common::replace_in(
        &root.join("content/rapporten/eenzaamheid.md"),
        "Samen bespraken zij",
        "Samen bespraken zij samen",
    );
    assert!(run_build(root, &out, &["--quiet"]).status.success());
    let after = read_tree(&out);
    let differ: Vec<&String> = after
        .keys()
        .filter(|p| before.get(*p) != after.get(*p) && *p != manifest::FILE_NAME)
        .collect();
    let gone: Vec<&String> = before.keys().filter(|p| !after.contains_key(*p)).collect();
    assert!(
        differ
            .iter()
            .any(|p| *p == "rapporten/eenzaamheid/index.html")
    );
    assert!(
        differ.len() < after.len(),
        "an edit changes some files, not all"
    );
    for (path, bytes) in &after {
        let time = std::fs::metadata(out.join(path))
            .unwrap()
            .modified()
            .unwrap();
        let kept = time == long_ago;
        let same = before.get(path) == Some(bytes) && path != manifest::FILE_NAME;
        assert_eq!(
            kept, same,
            "{path}: time kept {kept}, content the same {same}"
        );
    }

    let upload = root.join("upload");
    let listed = changes(root, &out, &["--naar", upload.to_str().unwrap()]);
    assert!(listed.status.success(), "{listed:?}");
    let said = stdout(&listed);
    let copied = read_tree(&upload);
    // The manifest itself is new too: it goes up with the files it lists.
    let mut expected: Vec<String> = differ.iter().map(|p| (*p).clone()).collect();
    expected.push(manifest::FILE_NAME.to_owned());
    expected.sort();
    assert_eq!(copied.keys().cloned().collect::<Vec<_>>(), expected);
    for (path, bytes) in &copied {
        assert_eq!(Some(bytes), after.get(path), "{path} copied as built");
        assert!(
            said.contains(&format!("\n  {path}\n")),
            "{path} listed:\n{said}"
        );
    }
    for path in &gone {
        assert!(
            said.contains(&format!("\n  {path}\n")),
            "{path} listed as gone:\n{said}"
        );
    }
    assert!(
        said.contains(&format!(
            "Te uploaden: {} van de {} bestanden",
            copied.len(),
            after.len()
        )),
        "{said}"
    );
    assert!(said.contains("Te verwijderen van de server: "), "{said}");

    // Into a folder that is not empty: refused, in Dutch, nothing copied.
    let again = changes(root, &out, &["--naar", upload.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(2));
    let err = String::from_utf8_lossy(&again.stderr);
    assert!(err.contains("bestaat al en is niet leeg"), "{err}");
    assert_eq!(read_tree(&upload), copied);
}

/// Without a build, or with a list that is not one: a Dutch message with the file and line.
#[test]
fn wijzigingen_explains_a_missing_build_and_a_broken_list() {
    let site = real_site_copy();
    let root = site.path();
    let out = root.join("public");
    let none = changes(root, &out, &[]);
    assert_eq!(none.status.code(), Some(2));
    let err = String::from_utf8_lossy(&none.stderr);
    assert!(err.contains("typ eerst vindplaats build"), "{err}");

    assert!(run_build(root, &out, &["--quiet"]).status.success());
    let broken = root.join("oud.sha256");
    std::fs::write(&broken, "index.html\n").unwrap();
    let bad = changes(root, &out, &["--vorige", broken.to_str().unwrap()]);
    assert_eq!(bad.status.code(), Some(2));
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(err.contains("oud.sha256, regel 1"), "{err}");
}
