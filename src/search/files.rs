//! The search index's files: their names, and the scripts that frame their JSON (a script,
//! not a JSON file, so search also works when the site is opened from disk, where fetching a
//! file is not allowed).

use std::io::Write;

use serde::Serialize;
use serde_json::value::RawValue;

use super::Ranking;
use super::documents::Shown;
use crate::output::OutputFile;

/// Folders of the parts of a sharded index start so, and the main file's name.
pub(super) const PARTS: &str = "static/zoek-";
pub(super) const MAIN_PREFIX: &str = "static/search-index.";
/// Where the parts are put until their folder gets its name.
pub(super) const NEW_PARTS: &str = "static/zoek-nieuw/";

/// The single-file index; its `index` as written by [`Postings::compact_json`].
#[derive(Serialize)]
pub(super) struct Single<'a> {
    pub(super) pipeline: &'static str,
    pub(super) docs: Vec<&'a Shown<'a>>,
    pub(super) index: &'a RawValue,
    pub(super) names: &'a elasticlunr::Index,
    /// The "Bedoelde u" words that are no term of the index, front-coded; `known` has a bit
    /// per word-like term that says whether it is a word too (see `words.rs`).
    pub(super) words: String,
    pub(super) known: &'a str,
    #[serde(flatten)]
    pub(super) engine: &'a Engine,
}

/// What the engine needs besides the indexes, in both forms of the index: the ranking's
/// numbers, the decompounding step's version, the synonym groups and the compound parts
/// (as `Expansions` writes them).
#[derive(Serialize)]
pub(super) struct Engine {
    pub(super) rank: Ranking,
    pub(super) split: &'static str,
    pub(super) syn: String,
    pub(super) parts: String,
}

/// The first file of a sharded index: where the rest is.
#[derive(Serialize)]
pub(super) struct Sharded<'a> {
    pub(super) pipeline: &'static str,
    pub(super) names: &'a elasticlunr::Index,
    #[serde(flatten)]
    pub(super) engine: &'a Engine,
    pub(super) sharded: Shards<'a>,
}

#[derive(Serialize)]
pub(super) struct Shards<'a> {
    /// Folder of the parts, from the site root.
    pub(super) dir: &'a str,
    /// The first term of each shard `i<k>`; a shard holds the terms up to the next start.
    pub(super) starts: Vec<&'a str>,
    /// Number of documents; document `n` is in chunk `d<n / chunk>`.
    pub(super) documents: usize,
    pub(super) chunk: usize,
}

pub(super) fn json(value: &impl Serialize) -> Vec<u8> {
    serde_json::to_vec(value).expect("plain data serialises")
}

/// The main file: a script that sets the data for `search-engine.js`.
pub(super) fn main_script(json: &[u8]) -> Vec<u8> {
    [b"window.vindplaatsZoekdata=", json, b";\n"].concat()
}

/// A part of a sharded index: a script that hands its data to `search-engine.js`.
pub(super) fn part_script(name: &str, json: &[u8]) -> Vec<u8> {
    [
        format!("vindplaatsZoekdeel(\"{name}\",").as_bytes(),
        json,
        b");\n",
    ]
    .concat()
}

/// How the main file is named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Naming {
    /// By its content, so hosts may cache it for ever.
    Fingerprinted,
    /// Always the same (serve, which sends no cache headers): the pages that link to it then
    /// stay the same from one build to the next, and need not be rendered again.
    Fixed,
}

impl Naming {
    /// The main file's path, for its content `bytes`.
    pub fn path(self, bytes: &[u8]) -> String {
        match self {
            Naming::Fixed => format!("{MAIN_PREFIX}js"),
            Naming::Fingerprinted => format!("{MAIN_PREFIX}{}.js", crate::hash::short(bytes)),
        }
    }

    pub(super) fn file(self, bytes: Vec<u8>) -> OutputFile {
        OutputFile::new(self.path(&bytes), bytes)
    }
}

/// The size of `bytes` gzip-compressed as a host would serve them (gzip's default level 6).
pub fn gzip_len(bytes: &[u8]) -> usize {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).expect("writing to memory");
    encoder.finish().expect("writing to memory").len()
}
