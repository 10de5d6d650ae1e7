//! The search index's files: their names, and the scripts that frame their JSON (a script,
//! not a JSON file, so search also works when the site is opened from disk, where fetching a
//! file is not allowed).

use std::io::Write;

use serde::Serialize;
use serde_json::value::RawValue;

use super::Ranking;
use super::documents::Written;
use crate::output::OutputFile;

/// The first file, which the pages name: one address in every build and mode, outside
/// `static/`, so that hosts revalidate it (`render/headers.rs`, `REVALIDATED`) instead of
/// keeping it for a year. It is small, and it names every other file of the index by that
/// file's own hash.
pub const MAIN_PATH: &str = crate::urls::SEARCH_INDEX;
/// The folder of the parts of a sharded index. A part is named by its own content
/// ([`part_path`]), so a part that did not change keeps its address from build to build and
/// hosts may keep it for ever, like every file under `static/`.
pub(super) const PARTS: &str = "static/zoek/";

/// Where the part `name` (`i3`, `d120`, `t1`, `woorden`, `lengtes`) with content hash `hash` is written.
pub(super) fn part_path(name: &str, hash: &str) -> String {
    format!("{PARTS}{name}.{hash}.js")
}

/// The single-file index; its `index` as written by [`Postings::compact_json`].
#[derive(Serialize)]
pub(super) struct Single<'a> {
    pub(super) pipeline: &'static str,
    pub(super) docs: Vec<Written<'a>>,
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

/// Where the parts are: each part `p` is `<dir><p>.<hash>.js` ([`part_path`]). The hashes of
/// the shards and of the vocabulary are here; those of the document chunks, of which there
/// are many (9,415 at 10,000 reports: 45 KB of hashes that no compression shrinks), are in
/// tables of [`super::CHUNKS_PER_TABLE`] (`t<g>`), which a search loads for the results it
/// shows. An edit of one report so changes its chunk, that chunk's table and this file.
#[derive(Serialize)]
pub(super) struct Shards<'a> {
    /// Folder of the parts, from the site root.
    pub(super) dir: &'a str,
    /// The first term of each shard `i<k>`; a shard holds the terms up to the next start.
    pub(super) starts: Vec<&'a str>,
    /// The hash of each shard `i<k>`.
    pub(super) shards: Vec<&'a str>,
    /// The hash of each table `t<g>` of chunk hashes.
    pub(super) tables: Vec<&'a str>,
    /// The hash of the vocabulary (`woorden`).
    pub(super) words: &'a str,
    /// The hash of the table of every document's field lengths (`lengtes`), which the shards'
    /// postings leave out ([`super::postings::Postings::lengths_json`]).
    pub(super) lengths: &'a str,
    /// Number of documents; document `n` is in chunk `d<n / chunk>`, whose hash is entry
    /// `n / chunk % table` of table `t<n / chunk / table>`.
    pub(super) documents: usize,
    pub(super) chunk: usize,
    pub(super) table: usize,
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

/// The main file as an output file.
pub(super) fn main_file(bytes: Vec<u8>) -> OutputFile {
    OutputFile::new(MAIN_PATH, bytes)
}

/// The size of `bytes` gzip-compressed as a host would serve them (gzip's default level 6).
pub fn gzip_len(bytes: &[u8]) -> usize {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).expect("writing to memory");
    encoder.finish().expect("writing to memory").len()
}
