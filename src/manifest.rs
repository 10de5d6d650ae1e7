//! The manifest of a built site: every file with its SHA-256, so that a publish can upload
//! only what changed.
//!
//! `build` writes it as [`FILE_NAME`] at the root of the output folder, in the format of
//! `sha256sum` (`<64 hex digits>  <path>`, one file a line, sorted by path), so that anyone can
//! check a copy on the server with standard tools (`sha256sum -c`, `certutil -hashfile`). It
//! is not hidden and the host may serve it: it names only files that are online anyway, and a
//! dot file is skipped by some upload tools and refused by some hosts, which would lose the
//! list of what is published. `vindplaats wijzigingen` compares it with the manifest of the
//! last published site (`gepubliceerd.sha256` in the site's folder, kept by
//! `vindplaats wijzigingen --gepubliceerd`).
//!
//! The build also gives every file whose content did not change since the last build the
//! modification time of the old file ([`Manifest::keep_time`], as the writer writes each file): robocopy `/MIR`, WinSCP's
//! synchronise and `rsync -a` compare size and time, so they then copy only what changed.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use sha2::{Digest as _, Sha256};

/// The manifest's name in the output folder.
pub const FILE_NAME: &str = "bestanden.sha256";

/// A file's SHA-256.
pub type Digest = [u8; 32];

/// The SHA-256 of a file's content.
pub fn digest(bytes: &[u8]) -> Digest {
    Sha256::digest(bytes).into()
}

/// Every file of a site (path relative to the output folder, with `/`) and its digest.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Manifest(BTreeMap<String, Digest>);

/// What a publish must do to turn the site of one manifest into the site of another.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Changes {
    /// New files and files with other content: to upload.
    pub upload: Vec<String>,
    /// Files that are no longer part of the site: to remove from the server.
    pub remove: Vec<String>,
    /// Files that stay as they are.
    pub same: usize,
}

impl Manifest {
    pub fn insert(&mut self, path: String, digest: Digest) {
        self.0.insert(path, digest);
    }

    pub fn get(&self, path: &str) -> Option<&Digest> {
        self.0.get(path)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The text of the manifest file.
    pub fn to_text(&self) -> String {
        let mut text = String::with_capacity(self.0.len() * 100);
        for (path, digest) in &self.0 {
            for b in digest {
                text.push_str(&format!("{b:02x}"));
            }
            text.push_str("  ");
            text.push_str(path);
            text.push('\n');
        }
        text
    }

    /// Reads the text of a manifest file; an error names the line (from 1) and what is wrong.
    pub fn parse(text: &str) -> Result<Manifest, (usize, String)> {
        let mut files = BTreeMap::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.is_empty() {
                continue;
            }
            // sha256sum writes `*` before the name in binary mode.
            let Some((hex, path)) = line
                .split_once("  ")
                .or_else(|| line.split_once(" *"))
                .filter(|(hex, path)| hex.len() == 64 && !path.is_empty())
            else {
                return Err((
                    n + 1,
                    "deze regel is geen regel van een lijst met bestanden: verwacht 64 tekens (de controlesom), twee spaties en het pad van een bestand".into(),
                ));
            };
            let mut digest = [0u8; 32];
            for (i, byte) in digest.iter_mut().enumerate() {
                *byte = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).map_err(|_| {
                    (
                        n + 1,
                        "de controlesom bestaat niet alleen uit de tekens 0-9 en a-f".to_owned(),
                    )
                })?;
            }
            files.insert(path.replace('\\', "/"), digest);
        }
        Ok(Manifest(files))
    }

    /// Reads the manifest file at `path`; errors name the file (and the line) in Dutch.
    pub fn from_file(path: &Path) -> anyhow::Result<Manifest> {
        let text = fs::read_to_string(path).map_err(|e| {
            anyhow::anyhow!(
                "kan de lijst met bestanden {} niet lezen: {}",
                path.display(),
                crate::error::cause(&e, crate::error::Access::Read)
            )
        })?;
        Manifest::parse(&text).map_err(|(line, message)| {
            anyhow::anyhow!("{}, regel {line}: {message}", path.display())
        })
    }

    /// What changed from `before` (the site online) to this one (the new build).
    pub fn changes_since(&self, before: &Manifest) -> Changes {
        let mut changes = Changes::default();
        for (path, digest) in &self.0 {
            if before.0.get(path) == Some(digest) {
                changes.same += 1;
            } else {
                changes.upload.push(path.clone());
            }
        }
        changes.remove = before
            .0
            .keys()
            .filter(|path| !self.0.contains_key(*path))
            .cloned()
            .collect();
        changes
    }

    /// The old file's modification time for `file`, just written at `path` with `digest`,
    /// when the last build (the site in `old`, whose manifest this is) had the same content
    /// there: tools that compare size and time then copy only what changed. Best effort: a
    /// file it cannot read or touch keeps the time it was written at, and is uploaded again.
    pub fn keep_time(&self, old: &Path, path: &str, digest: &Digest, file: &fs::File) {
        if self.get(path) != Some(digest) {
            return;
        }
        // The size too: a file changed by hand in the old folder is not the one listed.
        if let (Ok(was), Ok(now)) = (fs::metadata(old.join(path)), file.metadata())
            && now.len() == was.len()
            && let Ok(time) = was.modified()
        {
            let _ = file.set_modified(time);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest(files: &[(&str, &str)]) -> Manifest {
        let mut m = Manifest::default();
        for (path, content) in files {
            m.insert((*path).to_owned(), digest(content.as_bytes()));
        }
        m
    }

    #[test]
    fn text_is_sha256sum_format_and_reads_back() {
        let m = manifest(&[("b/index.html", "b"), ("a.txt", "")]);
        let text = m.to_text();
        assert_eq!(
            text.lines().next().unwrap(),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  a.txt"
        );
        assert_eq!(Manifest::parse(&text).unwrap(), m);
        // Written on Windows (CRLF, backslashes) or by sha256sum -b: the same list.
        let windows = text
            .replace("  ", " *")
            .replace('/', "\\")
            .replace('\n', "\r\n");
        assert_eq!(Manifest::parse(&windows).unwrap(), m);
    }

    #[test]
    fn a_broken_line_is_named() {
        let (line, message) = Manifest::parse("\nniet goed\n").unwrap_err();
        assert_eq!(line, 2);
        assert!(message.contains("twee spaties"), "{message}");
        let bad = format!("{}  a.txt", "g".repeat(64));
        assert!(Manifest::parse(&bad).unwrap_err().1.contains("0-9 en a-f"));
    }

    #[test]
    fn changes_list_new_changed_and_removed_files() {
        let before = manifest(&[("a", "1"), ("b", "2"), ("c", "3")]);
        let after = manifest(&[("a", "1"), ("b", "2+"), ("d", "4")]);
        assert_eq!(
            after.changes_since(&before),
            Changes {
                upload: vec!["b".into(), "d".into()],
                remove: vec!["c".into()],
                same: 1,
            }
        );
        assert_eq!(after.changes_since(&after).same, 3);
    }
}
