//! Snapshots of the output of the small fixture site (`tests/fixtures/minimal`), rendered in
//! memory: every HTML page, the open-data JSON, the sitemap, the search index and the list of
//! files, each compared with its file in `tests/snapshots/`. A change in what the site looks
//! like is then a diff in a pull request, read like code. `tests/README.md` says how to accept
//! one.
//!
//! To be read, a minified page is split into lines before each block-level tag; the search
//! index is pretty-printed. Fingerprints of theme files (`style.3c60ca15a4.css`) are written as
//! `style.[hash].css` in the pages, so that a change in the CSS does not touch every page: the
//! real names are in the file list.

use crate::common;

use std::collections::BTreeSet;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::LazyLock;

use regex::Regex;
use vindplaats::site::{self, BuildOptions};

use common::{fixture, repo_root};

/// Every file of the minimal site, rendered in memory: (path, bytes), sorted by path.
fn rendered() -> Vec<(String, Vec<u8>)> {
    let opts = BuildOptions {
        root: fixture("minimal"),
        ..BuildOptions::default()
    };
    let built = site::render_all(&opts, site::Mode::Check, &mut site::Memos::off())
        .unwrap_or_else(|e| panic!("the minimal fixture site does not render:\n{e}"));
    let mut files: Vec<_> = built
        .files
        .into_iter()
        .map(|f| (f.path, f.bytes.to_vec()))
        .collect();
    files.sort();
    files
}

static BLOCK_TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        "<(/?)(html|head|body|title|meta|link|script|style|header|nav|main|footer|article|\
         section|aside|div|p|h[1-6]|ul|ol|li|dl|dt|dd|table|thead|tbody|tr|th|td|figure|\
         figcaption|blockquote|pre|form|fieldset|details|summary|template|noscript|hr)\\b",
    )
    .unwrap()
});
static FINGERPRINT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\.[0-9a-f]{10}\.(js|css)\b").unwrap());

/// Elements that hold text or inline content: their end tag stays on the line of their start.
const TEXT_BLOCKS: &[&str] = &[
    "title",
    "script",
    "style",
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "dt",
    "dd",
    "th",
    "td",
    "figcaption",
    "pre",
    "summary",
];

/// A page with a line for each block-level element, fingerprints written as `[hash]`.
fn pretty_html(html: &str) -> String {
    let split = BLOCK_TAG.replace_all(html, |c: &regex::Captures| {
        let (end, tag) = (&c[1], &c[2]);
        if end == "/" && TEXT_BLOCKS.contains(&tag) {
            c[0].to_owned()
        } else {
            format!("\n<{end}{tag}")
        }
    });
    FINGERPRINT.replace_all(&split, ".[hash].$1").into_owned()
}

/// `window.vindplaatsZoekdata={…}` with its JSON indented (keys in alphabetical order).
fn pretty_search_index(js: &str) -> String {
    let (assignment, json) = js.split_once('=').expect("the index is an assignment");
    let value: serde_json::Value =
        serde_json::from_str(json.trim_end().trim_end_matches(';')).expect("the index holds JSON");
    format!(
        "{assignment}=\n{}",
        serde_json::to_string_pretty(&value).unwrap()
    )
}

/// The snapshot of an output file, under the name of its path, or `None` for files that are
/// only listed (theme files, robots.txt).
fn snapshot_of(path: &str, bytes: &[u8]) -> Option<(String, String)> {
    let text = || String::from_utf8(bytes.to_vec()).expect("UTF-8 output");
    let (name, body) = if path.ends_with(".html") {
        (path.to_owned(), pretty_html(&text()))
    } else if path.ends_with(".json") {
        // Written one item a line (src/render/data.rs); indented here, so that a change of
        // the data reads as a diff of its fields.
        let value: serde_json::Value = serde_json::from_slice(bytes).expect("JSON output");
        let pretty = serde_json::to_string_pretty(&value).expect("a JSON value") + "\n";
        (path.to_owned(), pretty)
    } else if path == "sitemap.xml" {
        (path.to_owned(), text())
    } else if path == vindplaats::search::MAIN_PATH {
        (path.to_owned(), pretty_search_index(&text()))
    } else {
        return None;
    };
    Some((name.replace('/', "__"), body))
}

/// Where the `.snap` files are.
fn snapshot_folder() -> std::path::PathBuf {
    repo_root().join("tests/snapshots")
}

/// Compares every snapshot and lists all that differ, not only the first (insta stops at the
/// first by panicking; a change to the base template touches every page).
#[test]
fn the_minimal_site_matches_its_snapshots() {
    let files = rendered();
    let list: String = files.iter().map(|(path, _)| format!("{path}\n")).collect();
    let mut snapshots = vec![("files".to_owned(), list)];
    snapshots.extend(files.iter().filter_map(|(p, b)| snapshot_of(p, b)));

    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    // The snapshots stay in tests/snapshots/ (insta's default is beside the test file).
    settings.set_snapshot_path(snapshot_folder());
    let mut differ = Vec::new();
    for (name, body) in &snapshots {
        settings.set_description(name.replace("__", "/"));
        let same = settings.bind(|| {
            catch_unwind(AssertUnwindSafe(|| {
                insta::assert_snapshot!(name.as_str(), body)
            }))
        });
        if same.is_err() {
            differ.push(name.replace("__", "/"));
        }
    }
    assert!(
        differ.is_empty(),
        "the output differs from tests/snapshots/ in: {}\nSee tests/README.md to review and \
         accept the change.",
        differ.join(", ")
    );
}

/// A page that is no longer made leaves its snapshot behind; that must not go unnoticed.
#[test]
fn every_snapshot_file_belongs_to_an_output_file() {
    let mut made: BTreeSet<String> = rendered()
        .iter()
        .filter_map(|(p, b)| snapshot_of(p, b))
        .map(|(name, _)| format!("{name}.snap"))
        .collect();
    made.insert("files.snap".to_owned());
    // A missing folder is a failure, not "nothing stale": insta would write every snapshot
    // anew and the comparison above would pass on whatever the site now makes.
    let folder = std::fs::read_dir(snapshot_folder())
        .unwrap_or_else(|e| panic!("tests/snapshots/ cannot be read ({e}); it must be committed"));
    let stale: Vec<String> = folder
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".snap") && !made.contains(name))
        .collect();
    assert!(stale.is_empty(), "stale snapshots, delete them: {stale:?}");
}

#[test]
fn pretty_html_splits_before_block_tags_only() {
    assert_eq!(
        pretty_html(
            "<!doctype html><html><body><p>Een <a href=x>link</a> en <em>pre</em>.</p><pre>x</pre>\
             <link href=style.0123456789.css></body></html>"
        ),
        "<!doctype html>\n<html>\n<body>\n<p>Een <a href=x>link</a> en <em>pre</em>.</p>\n<pre>x</pre>\
         \n<link href=style.[hash].css>\n</body>\n</html>"
    );
}
