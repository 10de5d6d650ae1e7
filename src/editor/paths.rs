//! Which files the editor may touch: only Markdown and TOML files inside the site's
//! `content/`, named by a plain relative path.
//!
//! A path comes from the browser, so it is treated as hostile: it must be relative and
//! `/`-separated (`content/rapporten/2024/verslag.md`), with no `..`, `.` or empty part, no
//! backslash (a folder separator on Windows), no colon (a drive or a stream on Windows) and no
//! control character. On disk, no part of it may be a symbolic link (each is looked at with
//! `symlink_metadata`, which does not follow one), so a link inside `content/` cannot lead a
//! write outside it.

use std::path::{Path, PathBuf};

/// The folder every path must be in.
pub const CONTENT: &str = "content";

/// Why a path is refused, in Dutch, for the editor's error message.
pub type Refusal = String;

/// `path` (relative to the site root) as a path on disk under `root`, if the editor may read or
/// write it: a `.md` or `.toml` file under `content/`.
pub fn file(root: &Path, path: &str) -> Result<PathBuf, Refusal> {
    let parts = parts(path)?;
    let name = parts.last().copied().unwrap_or_default();
    if !(name.ends_with(".md") || name.ends_with(".toml")) || name.starts_with('.') {
        return Err(format!(
            "'{path}' is geen verslag of lijst: de beheerpagina bewaart alleen .md- en .toml-bestanden"
        ));
    }
    if parts.len() < 2 {
        return Err(outside(path));
    }
    on_disk(root, &parts, path)
}

/// `path` as a folder on disk under `root`, if the editor may list it: `content/` or a folder
/// in it.
pub fn folder(root: &Path, path: &str) -> Result<PathBuf, Refusal> {
    let path = path.trim_end_matches('/');
    let parts = parts(path)?;
    on_disk(root, &parts, path)
}

/// The parts of a relative `/`-separated path that starts with `content`.
fn parts(path: &str) -> Result<Vec<&str>, Refusal> {
    if path.is_empty()
        || path.starts_with('/')
        || path.contains(['\\', ':'])
        || path.chars().any(char::is_control)
    {
        return Err(outside(path));
    }
    let parts: Vec<&str> = path.split('/').collect();
    if parts[0] != CONTENT || parts.iter().any(|p| matches!(*p, "" | "." | "..")) {
        return Err(outside(path));
    }
    Ok(parts)
}

/// The path under `root`, refused when a part of it that exists is a symbolic link (or the
/// site's `content/` is not a real folder).
fn on_disk(root: &Path, parts: &[&str], path: &str) -> Result<PathBuf, Refusal> {
    let mut at = root.to_path_buf();
    for part in parts {
        at.push(part);
        match std::fs::symlink_metadata(&at) {
            Ok(meta) if meta.file_type().is_symlink() => {
                return Err(format!(
                    "'{path}' loopt via een snelkoppeling (symbolische link); de beheerpagina volgt die niet"
                ));
            }
            Ok(_) => {}
            // What does not exist yet (a new file, a new year's folder) cannot be a link.
            Err(_) => break,
        }
    }
    Ok(root.join(path))
}

fn outside(path: &str) -> Refusal {
    format!(
        "'{path}' ligt niet in de map content van de site; de beheerpagina komt daar niet buiten"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_md_and_toml_files_under_content() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        std::fs::create_dir_all(root.join("content/rapporten")).unwrap();
        for ok in [
            "content/rapporten/eenzaamheid.md",
            "content/rapporten/2024/nieuw.md",
            "content/organisaties.toml",
        ] {
            assert_eq!(file(root, ok).unwrap(), root.join(ok), "{ok}");
        }
        for refused in [
            "",
            "/etc/passwd",
            "content/../vindplaats.toml",
            "content/rapporten/../../vindplaats.toml",
            "content/./rapporten/x.md",
            "content//x.md",
            "content\\rapporten\\x.md",
            "C:/Users/x/content/x.md",
            "content/rapporten/x.md:stream",
            "content/rapporten/x.html",
            "content/rapporten/.x.md",
            "content/x.md\0",
            "vindplaats.toml",
            "themes/almere/templates/base.md",
            "content",
            "Content/x.md",
            "content.md",
        ] {
            assert!(file(root, refused).is_err(), "{refused:?} was let through");
        }
        assert_eq!(
            folder(root, "content/rapporten/").unwrap(),
            root.join("content/rapporten")
        );
        assert!(folder(root, "content/..").is_err());
        assert!(folder(root, "public").is_err());
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_anywhere_on_the_way_is_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        let outside = tmp.path().join("elders");
        std::fs::create_dir_all(root.join("content/rapporten")).unwrap();
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::write(outside.join("geheim.md"), "x").unwrap();
        std::os::unix::fs::symlink(&outside, root.join("content/rapporten/2024")).unwrap();
        std::os::unix::fs::symlink(
            outside.join("geheim.md"),
            root.join("content/rapporten/link.md"),
        )
        .unwrap();
        for refused in [
            "content/rapporten/2024/geheim.md",
            "content/rapporten/2024/nieuw.md",
            "content/rapporten/link.md",
        ] {
            let e = file(&root, refused).unwrap_err();
            assert!(e.contains("snelkoppeling"), "{refused}: {e}");
        }
        assert!(folder(&root, "content/rapporten/2024").is_err());
        // content/ itself a link: nothing under it.
        let other = tmp.path().join("site2");
        std::fs::create_dir_all(&other).unwrap();
        std::os::unix::fs::symlink(&outside, other.join("content")).unwrap();
        assert!(file(&other, "content/geheim.md").is_err());
    }
}
