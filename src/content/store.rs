//! The one way a content file is written or removed: the editor's saves and `new` go through
//! here, so a later history or conflict check (issue 28) has one place to hook into.
//!
//! A write never leaves a half-written file: the new text goes into a temporary file in the
//! same folder, is flushed to the disk, and then takes the old file's place in one rename. A
//! reader (the build, `serve`'s watcher, a text editor) sees the old file or the new one, never
//! a mix; a full disk or a crash leaves the old file as it was.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Whether a write may replace a file that is there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Replace the file, or make it.
    Replace,
    /// Make a new file; an existing one is an `AlreadyExists` error and stays as it was.
    New,
}

/// Writes `bytes` to `file` atomically (see the module comment). Missing folders are made.
pub fn write(file: &Path, bytes: &[u8], mode: Mode) -> io::Result<()> {
    let dir = file
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let temp = temp_name(file);
    let result = (|| {
        let mut f = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        match mode {
            Mode::Replace => fs::rename(&temp, file),
            // A hard link fails when the name is taken, so nothing is ever replaced, also not
            // by a file that appeared a moment ago; then the temporary name goes.
            Mode::New => fs::hard_link(&temp, file).and_then(|()| fs::remove_file(&temp)),
        }
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result?;
    sync_dir(dir);
    Ok(())
}

/// Removes `file`.
pub fn remove(file: &Path) -> io::Result<()> {
    fs::remove_file(file)?;
    if let Some(dir) = file.parent() {
        sync_dir(dir);
    }
    Ok(())
}

/// A name beside `file` that no other write uses: hidden, and not `.md` or `.toml`, so the
/// build never reads it, even when a crash leaves it behind.
fn temp_name(file: &Path) -> PathBuf {
    static COUNT: AtomicU64 = AtomicU64::new(0);
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    file.with_file_name(format!(
        ".{name}.{}-{}.vindplaats-tmp",
        std::process::id(),
        COUNT.fetch_add(1, Ordering::Relaxed)
    ))
}

/// Makes a rename in `dir` durable (Unix: the folder's entry is on the disk too). Best effort:
/// the file itself was flushed already.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_whole_and_leaves_no_temporary_file() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("a/b/verslag.md");
        write(&file, b"een", Mode::Replace).unwrap();
        write(&file, b"twee", Mode::Replace).unwrap();
        assert_eq!(fs::read(&file).unwrap(), b"twee");
        let names: Vec<_> = fs::read_dir(file.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["verslag.md"]);
    }

    #[test]
    fn a_new_file_never_replaces_one() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("2024.md");
        write(&file, b"eerste", Mode::New).unwrap();
        let e = write(&file, b"tweede", Mode::New).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read(&file).unwrap(), b"eerste");
        assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 1);
    }

    /// A write that fails half-way (here: the target is a folder) leaves what was there.
    #[test]
    fn a_failed_write_leaves_the_old_state() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("map.md");
        fs::create_dir(&dir).unwrap();
        assert!(write(&dir, b"x", Mode::Replace).is_err());
        assert!(dir.is_dir());
        assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 1);
    }
}
