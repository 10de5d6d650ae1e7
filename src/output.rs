//! Writing the site: into a fresh folder beside the output, swapped in only when complete.
//!
//! A failed or interrupted build therefore never leaves a half-written site: the previous
//! output stays as it was until the new one is entirely on disk.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use rayon::prelude::*;

use crate::render::OutputFile;

/// Writes `files` to `out_dir`, replacing what was there. `root` is the site root, which is
/// never replaced or deleted, whatever `--output` says.
pub fn write(files: &[OutputFile], out_dir: &Path, root: &Path) -> anyhow::Result<()> {
    let out_dir = absolute(out_dir)?;
    let root = absolute(root)?;
    if root.starts_with(&out_dir) || out_dir.join(crate::config::FILE_NAME).exists() {
        bail!(
            "de uitvoermap {} bevat de site zelf; kies een andere map met --output",
            out_dir.display()
        );
    }
    let parent = out_dir
        .parent()
        .context("de uitvoermap heeft geen bovenliggende map")?;
    let name = out_dir
        .file_name()
        .context("de uitvoermap heeft geen naam")?
        .to_string_lossy()
        .into_owned();
    fs::create_dir_all(parent).with_context(|| format!("kan {} niet maken", parent.display()))?;
    remove_leftovers(parent, &name);

    let staging = parent.join(format!("{name}.new-{}", std::process::id()));
    let result = write_all(files, &staging).and_then(|()| swap_in(&staging, &out_dir, &name));
    if result.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    result
}

fn write_all(files: &[OutputFile], dir: &Path) -> anyhow::Result<()> {
    fs::create_dir_all(dir).with_context(|| format!("kan {} niet maken", dir.display()))?;
    let folders: std::collections::BTreeSet<&Path> = files
        .iter()
        .filter_map(|f| Path::new(&f.path).parent())
        .collect();
    for folder in folders {
        let path = dir.join(folder);
        fs::create_dir_all(&path).with_context(|| format!("kan {} niet maken", path.display()))?;
    }
    // Files are independent: write them in parallel.
    files.par_iter().try_for_each(|file| {
        let path = dir.join(&file.path);
        fs::write(&path, &file.bytes)
            .with_context(|| format!("kan {} niet schrijven", path.display()))
    })
}

/// Puts the new site in place of the old one. Where the system can (Linux), the two folders
/// trade places in one atomic step, so that at every moment the output folder is either the
/// old complete site or the new one; then the old one, now at the staging path, is removed.
/// Elsewhere: the old folder is moved aside, the new one moved in, the old one removed.
fn swap_in(staging: &Path, out_dir: &Path, name: &str) -> anyhow::Result<()> {
    if out_dir.exists() && exchange(staging, out_dir).is_ok() {
        fs::remove_dir_all(staging)
            .with_context(|| format!("kan {} niet opruimen", staging.display()))?;
        return Ok(());
    }
    if out_dir.exists() {
        let old = out_dir.with_file_name(format!("{name}.old-{}", std::process::id()));
        fs::rename(out_dir, &old)
            .with_context(|| format!("kan {} niet verplaatsen", out_dir.display()))?;
        if let Err(e) = fs::rename(staging, out_dir) {
            let _ = fs::rename(&old, out_dir);
            return Err(e).with_context(|| format!("kan {} niet neerzetten", out_dir.display()));
        }
        fs::remove_dir_all(&old).with_context(|| format!("kan {} niet opruimen", old.display()))?;
    } else {
        fs::rename(staging, out_dir)
            .with_context(|| format!("kan {} niet neerzetten", out_dir.display()))?;
    }
    Ok(())
}

/// Swaps two paths atomically (renameat2 with RENAME_EXCHANGE).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}

/// Staging and old folders that an interrupted build left behind (`public.new-123`).
fn remove_leftovers(parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let leftover = [".new-", ".old-"].iter().any(|infix| {
            file_name
                .strip_prefix(name)
                .and_then(|rest| rest.strip_prefix(infix))
                .is_some_and(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
        });
        if leftover && entry.path().is_dir() {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

fn absolute(path: &Path) -> anyhow::Result<PathBuf> {
    std::path::absolute(path).with_context(|| format!("ongeldig pad {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn replaces_output_and_cleans_leftovers() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        fs::create_dir_all(&root).unwrap();
        let out = tmp.path().join("public");
        fs::create_dir_all(tmp.path().join("public.new-999")).unwrap();
        write(
            &[file("a/index.html", "1"), file("stale.html", "x")],
            &out,
            &root,
        )
        .unwrap();
        write(&[file("a/index.html", "2")], &out, &root).unwrap();
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "2");
        assert!(!out.join("stale.html").exists());
        let names: Vec<_> = fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
    }

    #[test]
    fn refuses_to_replace_the_site_itself() {
        let tmp = tempfile::tempdir().unwrap();
        fs::write(tmp.path().join("vindplaats.toml"), "").unwrap();
        let err = write(&[file("x", "")], tmp.path(), tmp.path()).unwrap_err();
        assert!(err.to_string().contains("bevat de site zelf"));
        assert!(tmp.path().join("vindplaats.toml").exists());
    }
}
