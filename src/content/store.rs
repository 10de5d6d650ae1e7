//! The one way a content file is written or removed: the editor's saves and `new` go through
//! here.
//!
//! A write never leaves a half-written file: the new text goes into a temporary file in the
//! same folder, is flushed to the disk, and then takes the old file's place in one rename (the
//! folder is flushed too, so the rename survives a power cut). A reader (the build, `serve`'s
//! watcher, a text editor) sees the old file or the new one, never a mix; a full disk, a write
//! limit or a killed process leaves the old file as it was.
//!
//! A save from the editor ([`Mode::Edit`]) also carries the version of the file the form was
//! loaded from (the SHA-256 of its bytes, [`version`]). When the file holds other bytes by then
//! (a colleague saved, a text editor or OneDrive replaced it), nothing is written: the write
//! fails with a [`Conflict`] that holds what is on the disk now, so the editor can offer both
//! versions. The bytes a save replaces are kept in the site's [`History`], the last
//! [`History::KEEP`] versions of each file, so a mistaken save can be undone.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use sha2::{Digest, Sha256};

/// Whether a write may replace a file that is there.
#[derive(Debug, Clone, Copy)]
pub enum Mode<'a> {
    /// Replace the file, or make it.
    Replace,
    /// Make a new file; an existing one is an `AlreadyExists` error and stays as it was.
    New,
    /// Replace the file only while it still holds the version `loaded` (see [`version`]);
    /// otherwise fail with a [`Conflict`]. The bytes replaced are kept in `history`.
    Edit {
        loaded: &'a str,
        history: &'a History,
    },
}

/// A file's version: the SHA-256 of its bytes in hex, which is also the `id` the editor's
/// protocol gives an entry.
pub fn version(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

/// Why a [`Mode::Edit`] write was refused: the file changed since it was loaded. Travels inside
/// the `io::Error` (kind `Other`); see [`Conflict::of`].
#[derive(Debug)]
pub struct Conflict {
    /// What the file holds now; `None` when it is gone.
    pub on_disk: Option<Vec<u8>>,
}

impl Conflict {
    /// The conflict inside `error`, if it is one.
    pub fn of(error: &io::Error) -> Option<&Conflict> {
        error.get_ref()?.downcast_ref::<Conflict>()
    }
}

impl std::fmt::Display for Conflict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("het bestand is veranderd sinds het werd geopend")
    }
}

impl std::error::Error for Conflict {}

/// The tag of a save the editor refused, in the name of its copy in the [`History`].
pub const REFUSED: &str = "niet-bewaard";

/// Writes serialise here, so that two saves of one file (two browser tabs, two colleagues on
/// one `serve`) cannot both find the version they loaded and both write: the second finds the
/// first's bytes and gets a conflict.
static WRITING: Mutex<()> = Mutex::new(());

/// Writes `bytes` to `file` atomically (see the module comment). Missing folders are made.
pub fn write(file: &Path, bytes: &[u8], mode: Mode) -> io::Result<()> {
    let _one_at_a_time = WRITING.lock().unwrap_or_else(|e| e.into_inner());
    write_locked(file, bytes, mode)
}

/// [`write`], with [`WRITING`] held by the caller.
fn write_locked(file: &Path, bytes: &[u8], mode: Mode) -> io::Result<()> {
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
            Mode::Edit { loaded, history } => {
                // Compared after the slow part (writing and flushing the new bytes), right
                // before the rename: a change from outside between the two is a matter of
                // microseconds, not of the disk's speed.
                let on_disk = match fs::read(file) {
                    Ok(b) => Some(b),
                    Err(e) if e.kind() == io::ErrorKind::NotFound => None,
                    Err(e) => return Err(e),
                };
                if on_disk.as_deref().map(version).as_deref() != Some(loaded) {
                    return Err(io::Error::other(Conflict { on_disk }));
                }
                fs::rename(&temp, file)?;
                // The old bytes are in memory; keeping them can fail (a full disk) after the
                // save itself succeeded, which then still stands.
                if let Some(old) = on_disk
                    && old != bytes
                {
                    let _ = history.keep_locked(file, &old, "");
                }
                Ok(())
            }
        }
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result?;
    sync_dir(dir);
    Ok(())
}

/// Removes `file`; with a history, its last bytes are kept there first.
pub fn remove(file: &Path, history: Option<&History>) -> io::Result<()> {
    let _one_at_a_time = WRITING.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(history) = history
        && let Ok(old) = fs::read(file)
    {
        history.keep_locked(file, &old, "")?;
    }
    fs::remove_file(file)?;
    if let Some(dir) = file.parent() {
        sync_dir(dir);
    }
    Ok(())
}

/// The earlier versions of a site's content files, in `.vindplaats/versies/` beside
/// `content/`: per file a folder named after its path, one file per version
/// (`000012-<version>.md`, numbered in order), the last [`History::KEEP`] of them, and as many
/// refused saves (`…-niet-bewaard.md`).
///
/// Why a folder of our own and not git: the team often has no git and keeps the site in a
/// OneDrive folder, and where the site is a repository a save in the editor is not a commit;
/// the folder is ignored by git (a `.gitignore` of its own) and synchronised by OneDrive like
/// the rest.
#[derive(Debug, Clone)]
pub struct History {
    root: PathBuf,
    dir: PathBuf,
}

/// One kept version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept {
    pub file: PathBuf,
    /// The [`version`] of its bytes.
    pub version: String,
    /// A save the editor refused (a conflict), kept so that no typed text is lost.
    pub refused: bool,
}

impl History {
    /// How many versions of each file are kept.
    pub const KEEP: usize = 20;
    /// The folder, relative to the site's root.
    pub const FOLDER: &'static str = ".vindplaats/versies";

    /// The history of the site at `root`.
    pub fn of_site(root: &Path) -> History {
        History {
            root: root.to_path_buf(),
            dir: root.join(Self::FOLDER),
        }
    }

    /// The folder that holds the versions of `file` (a path under the site's root).
    fn folder_of(&self, file: &Path) -> PathBuf {
        let rel = file.strip_prefix(&self.root).unwrap_or(file);
        let name: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        self.dir.join(name.join("__"))
    }

    /// Keeps `bytes` as the newest version of `file`; `tag` is added to the name (`niet-bewaard`
    /// for a refused save). The oldest versions beyond [`History::KEEP`] go.
    pub fn keep(&self, file: &Path, bytes: &[u8], tag: &str) -> io::Result<PathBuf> {
        let _one_at_a_time = WRITING.lock().unwrap_or_else(|e| e.into_inner());
        self.keep_locked(file, bytes, tag)
    }

    /// [`History::keep`], with [`WRITING`] held by the caller.
    fn keep_locked(&self, file: &Path, bytes: &[u8], tag: &str) -> io::Result<PathBuf> {
        if !self.dir.is_dir() {
            fs::create_dir_all(&self.dir)?;
            // Ignored by git where the site is a repository: versions are not content.
            let _ = fs::write(self.root.join(".vindplaats/.gitignore"), "*\n");
        }
        let folder = self.folder_of(file);
        fs::create_dir_all(&folder)?;
        let kept = self.list(file);
        let next = kept
            .last()
            .and_then(|k| {
                k.file
                    .file_name()?
                    .to_str()?
                    .split('-')
                    .next()?
                    .parse::<u64>()
                    .ok()
            })
            .map_or(1, |n| n + 1);
        let extension = file.extension().and_then(|e| e.to_str()).unwrap_or("txt");
        let suffix = if tag.is_empty() {
            String::new()
        } else {
            format!("-{tag}")
        };
        let path = folder.join(format!("{next:06}-{}{suffix}.{extension}", version(bytes)));
        write_locked(&path, bytes, Mode::New)?;
        // Refused saves are counted apart: a series of them never pushes out the versions a
        // save replaced, which undo needs.
        let refused = tag == REFUSED;
        for old in kept
            .iter()
            .filter(|k| k.refused == refused)
            .rev()
            .skip(Self::KEEP - 1)
        {
            let _ = fs::remove_file(&old.file);
        }
        Ok(path)
    }

    /// The kept versions of `file`, oldest first.
    pub fn list(&self, file: &Path) -> Vec<Kept> {
        let mut kept: Vec<Kept> = fs::read_dir(self.folder_of(file))
            .into_iter()
            .flatten()
            .filter_map(Result::ok)
            .filter_map(|e| {
                let name = e.file_name().into_string().ok()?;
                let stem = name.rsplit_once('.')?.0;
                let mut parts = stem.splitn(3, '-');
                parts.next()?.parse::<u64>().ok()?;
                let version = parts.next()?.to_owned();
                Some(Kept {
                    file: e.path(),
                    version,
                    refused: parts.next() == Some(REFUSED),
                })
            })
            .collect();
        kept.sort_by(|a, b| a.file.cmp(&b.file));
        kept
    }
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

    /// An edit replaces only the version it was loaded from; otherwise the file stays and the
    /// error holds what is on the disk.
    #[test]
    fn an_edit_over_a_changed_file_is_a_conflict() {
        let tmp = tempfile::tempdir().unwrap();
        let history = History::of_site(tmp.path());
        let file = tmp.path().join("content/verslag.md");
        write(&file, b"een", Mode::New).unwrap();
        let loaded = version(b"een");
        let edit = |bytes: &[u8]| {
            write(
                &file,
                bytes,
                Mode::Edit {
                    loaded: &loaded,
                    history: &history,
                },
            )
        };
        edit(b"twee").unwrap();
        let e = edit(b"drie").unwrap_err();
        let conflict = Conflict::of(&e).expect("a conflict");
        assert_eq!(conflict.on_disk.as_deref(), Some(&b"twee"[..]));
        assert_eq!(fs::read(&file).unwrap(), b"twee");
        fs::remove_file(&file).unwrap();
        assert_eq!(
            Conflict::of(&edit(b"vier").unwrap_err()).unwrap().on_disk,
            None
        );
        assert!(!file.exists());
        // What the first edit replaced is kept; nothing else is left beside the file.
        let kept = history.list(&file);
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].version, loaded);
        assert_eq!(fs::read(&kept[0].file).unwrap(), b"een");
        assert_eq!(fs::read_dir(tmp.path().join("content")).unwrap().count(), 0);
    }

    /// The history keeps the last `KEEP` versions of a file, in order.
    #[test]
    fn the_history_keeps_the_last_versions() {
        let tmp = tempfile::tempdir().unwrap();
        let history = History::of_site(tmp.path());
        let file = tmp.path().join("content/rapporten/a.md");
        for i in 0..History::KEEP + 5 {
            history.keep(&file, format!("v{i}").as_bytes(), "").unwrap();
        }
        let kept = history.list(&file);
        assert_eq!(kept.len(), History::KEEP);
        assert_eq!(fs::read(&kept[0].file).unwrap(), b"v5");
        assert_eq!(
            fs::read(&kept[History::KEEP - 1].file).unwrap(),
            format!("v{}", History::KEEP + 4).as_bytes()
        );
        assert!(
            kept[0].file.starts_with(
                tmp.path()
                    .join(".vindplaats/versies/content__rapporten__a.md")
            )
        );
        // Refused saves do not push the versions out.
        for i in 0..History::KEEP + 3 {
            history
                .keep(&file, format!("r{i}").as_bytes(), REFUSED)
                .unwrap();
        }
        let kept = history.list(&file);
        assert_eq!(kept.iter().filter(|k| !k.refused).count(), History::KEEP);
        assert_eq!(kept.iter().filter(|k| k.refused).count(), History::KEEP);
    }
}
