//! The editor's files, built into the binary: the page and scripts of `src/editor/admin/`,
//! and Decap CMS, vendored by `scripts/vendor-js` as one gzip'd pack (1.7 MB in the binary for
//! its 5.8 MB), unpacked the first time it is asked for.

use std::collections::BTreeMap;
use std::io::Read;
use std::sync::OnceLock;

/// Our own files and the small vendored ones, by path under the editor's folder.
const OWN: &[(&str, &[u8])] = &[
    (
        "vindplaats-cms.js",
        include_bytes!("admin/vindplaats-cms.js"),
    ),
    (
        "vindplaats-cms.css",
        include_bytes!("admin/vindplaats-cms.css"),
    ),
    (
        "vindplaats-format.js",
        include_bytes!("admin/vindplaats-format.js"),
    ),
    (
        "vendor/smol-toml.js",
        include_bytes!("admin/vendor/smol-toml.js"),
    ),
    (
        "vendor/smol-toml.LICENSE.txt",
        include_bytes!("admin/vendor/smol-toml.LICENSE.txt"),
    ),
    (
        "vendor/decap-cms.LICENSE.txt",
        include_bytes!("admin/vendor/decap-cms.LICENSE.txt"),
    ),
    (
        "vendor/decap-cms.js.LICENSE.txt",
        include_bytes!("admin/vendor/decap-cms.js.LICENSE.txt"),
    ),
];

/// The page; `{title}` and `{csp}` are filled in by [`index_html`].
const INDEX: &str = include_str!("admin/index.html");

/// `decap-cms.js` and the chunks it loads, as `scripts/vendor-js` packed them.
const DECAP_PACK: &[u8] = include_bytes!("admin/vendor/decap-cms.pack.gz");

/// Decap's files by name (`decap-cms.js`, `103.decap-cms.js`, …), unpacked once.
fn decap() -> &'static BTreeMap<String, Vec<u8>> {
    static FILES: OnceLock<BTreeMap<String, Vec<u8>>> = OnceLock::new();
    FILES.get_or_init(|| unpack(DECAP_PACK).expect("the pack built into the binary is valid"))
}

/// Reads a pack: records of `<name> <length>\n` followed by that many bytes, gzip'd.
fn unpack(gz: &[u8]) -> Option<BTreeMap<String, Vec<u8>>> {
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(gz)
        .read_to_end(&mut bytes)
        .ok()?;
    let mut files = BTreeMap::new();
    let mut rest = bytes.as_slice();
    while !rest.is_empty() {
        let end = rest.iter().position(|&b| b == b'\n')?;
        let header = std::str::from_utf8(&rest[..end]).ok()?;
        let (name, length) = header.split_once(' ')?;
        let length: usize = length.parse().ok()?;
        let body = rest.get(end + 1..end + 1 + length)?;
        files.insert(name.to_owned(), body.to_vec());
        rest = &rest[end + 1 + length..];
    }
    Some(files)
}

/// A file of the editor by its path under the editor's folder (not the page or its config,
/// which are made per site).
pub fn get(path: &str) -> Option<&'static [u8]> {
    if let Some((_, bytes)) = OWN.iter().find(|(p, _)| *p == path) {
        return Some(bytes);
    }
    let name = path.strip_prefix("vendor/")?;
    decap().get(name).map(Vec::as_slice)
}

/// Every fixed file, by path: what `build` writes into the editor's folder.
pub fn all() -> Vec<(String, &'static [u8])> {
    OWN.iter()
        .map(|(p, b)| ((*p).to_owned(), *b))
        .chain(
            decap()
                .iter()
                .map(|(name, bytes)| (format!("vendor/{name}"), bytes.as_slice())),
        )
        .collect()
}

/// The editor's page for a site called `title`, under the policy `csp` (also as a `<meta>`,
/// for hosts that send no headers of their own: GitHub and GitLab Pages).
pub fn index_html(title: &str, csp: &str) -> String {
    let mut escaped = String::new();
    pulldown_cmark_escape::escape_html(&mut escaped, title).expect("writing to a String");
    // A browser ignores frame-ancestors in a <meta> (and says so in the console): the header
    // files carry it.
    let meta: Vec<&str> = csp
        .split(';')
        .map(str::trim)
        .filter(|d| !d.starts_with("frame-ancestors"))
        .collect();
    INDEX
        .replace("{csp}", &meta.join("; "))
        .replace("{title}", &escaped)
}

/// The content type of an editor file.
pub fn content_type(path: &str) -> &'static str {
    match path.rsplit_once('.').map(|(_, e)| e) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("json") => "application/json; charset=utf-8",
        _ => "text/plain; charset=utf-8",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sha2::{Digest, Sha256};

    /// Every vendored file is byte for byte what npm delivered, as `SHA256SUMS` records it,
    /// and the pack holds exactly those files.
    #[test]
    fn the_vendored_files_are_what_npm_delivered() {
        let sums = include_str!("admin/vendor/SHA256SUMS");
        let mut checked = 0;
        for line in sums.lines().filter(|l| !l.starts_with('#')) {
            let (sum, name) = line.split_once("  ").unwrap();
            let bytes: &[u8] = match name {
                "decap-cms.js.LICENSE.txt" => get("vendor/decap-cms.js.LICENSE.txt").unwrap(),
                "smol-toml/LICENSE" => get("vendor/smol-toml.LICENSE.txt").unwrap(),
                // Converted to a module by scripts/vendor-js; its source is recorded.
                "smol-toml/dist/index.cjs" => continue,
                chunk => decap()
                    .get(chunk)
                    .unwrap_or_else(|| panic!("{chunk} not in the pack")),
            };
            assert_eq!(format!("{:x}", Sha256::digest(bytes)), sum, "{name}");
            checked += 1;
        }
        assert_eq!(checked, decap().len() + 2);
        assert!(decap().contains_key("decap-cms.js"));
        assert!(decap().len() > 90, "the chunks are packed too");
    }

    #[test]
    fn a_damaged_pack_is_refused() {
        assert!(unpack(b"not gzip").is_none());
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut gz, b"a.js 10\nshort").unwrap();
        assert!(unpack(&gz.finish().unwrap()).is_none());
    }

    #[test]
    fn the_page_escapes_the_title() {
        let page = index_html("A & <B>", "default-src 'none'");
        assert!(
            page.contains("<title>Beheer – A &amp; &lt;B&gt;</title>"),
            "{page}"
        );
        assert!(page.contains("content=\"default-src 'none'\""));
    }
}
