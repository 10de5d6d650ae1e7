//! Writing the site: into a fresh folder beside the output, swapped in only when complete.
//!
//! A failed or interrupted build therefore never leaves a half-written site: the previous
//! output stays as it was until the new one is entirely on disk. Stages hand their files to a
//! [`Sink`] as soon as they are made, so a large site is never held in memory whole: `build`
//! streams them into the staging folder, `check`, `serve` and tests collect them in [`Memory`].
//!
//! A write the system refuses (a full disk, no permission, a name too long) is told in the
//! words of [`cause`], with the output folder and the file, and the staging folder is removed.

use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{SyncSender, sync_channel};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use anyhow::{Context, bail};

use crate::error::{Access, SystemError, cause};
use crate::manifest::{self, Manifest};

/// A file's bytes, shared: a page that `serve` keeps for the next build and serves is one
/// buffer, and handing it on copies nothing.
pub type Bytes = Arc<Vec<u8>>;

/// One file of the finished site, with its path relative to the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Bytes,
}

impl OutputFile {
    pub fn new(path: impl Into<String>, bytes: impl Into<Bytes>) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: bytes.into(),
        }
    }
}

/// Where the stages put the files of the site.
pub trait Sink: Sync {
    fn put(&self, file: OutputFile) -> anyhow::Result<()>;
}

/// The files of a site in memory.
#[derive(Default)]
pub struct Memory(Mutex<Vec<OutputFile>>);

impl Memory {
    /// Every file put, sorted by path.
    pub fn into_files(self) -> Vec<OutputFile> {
        let mut files = self.0.into_inner().unwrap_or_else(|e| e.into_inner());
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    }
}

impl Sink for Memory {
    fn put(&self, file: OutputFile) -> anyhow::Result<()> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).push(file);
        Ok(())
    }
}

/// A new site being written beside the output folder; put in its place by [`Staging::commit`],
/// removed when dropped uncommitted (a failed build).
///
/// One thread writes every file, in the order they come, while the stages go on making the
/// next ones: parallel creates in one folder (a sharded index's parts) make the threads spin
/// on the folder's lock, and a bounded queue keeps memory flat.
pub struct Staging {
    staging: PathBuf,
    out_dir: PathBuf,
    name: String,
    queue: Option<SyncSender<(OutputFile, manifest::Digest)>>,
    writer: Option<JoinHandle<anyhow::Result<()>>>,
    /// Set by the writer when a write failed, to what went wrong: the stages stop at their
    /// next file with that message, so the cause reaches the user whoever notices first.
    failed: Arc<Mutex<Option<SystemError>>>,
    files: AtomicUsize,
    pages: AtomicUsize,
    /// Every file put and its digest, written as [`crate::manifest::FILE_NAME`] at the end.
    manifest: Mutex<Manifest>,
    committed: bool,
}

/// Files waiting for the writer thread.
const QUEUE: usize = 256;

impl Staging {
    /// Starts a new site for `out_dir`. `root` is the site root, which is never replaced or
    /// deleted, whatever `--output` says.
    pub fn begin(out_dir: &Path, root: &Path) -> anyhow::Result<Staging> {
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
        fs::create_dir_all(parent).map_err(|e| {
            // A file where a folder of the path should be is reported as "exists".
            let e = match e.kind() {
                io::ErrorKind::AlreadyExists => io::ErrorKind::NotADirectory.into(),
                _ => e,
            };
            refused(&out_dir, parent, &e)
        })?;
        remove_leftovers(parent, &name);
        let staging = parent.join(format!("{name}.new-{}", std::process::id()));
        // Named by the folder the user knows: the staging folder's name means nothing to them.
        fs::create_dir_all(&staging).map_err(|e| refused(&out_dir, parent, &e))?;
        let (queue, jobs) = sync_channel::<(OutputFile, manifest::Digest)>(QUEUE);
        let failed = Arc::new(Mutex::new(None));
        // The list of the site this one replaces, to give unchanged files their old time.
        let before = Manifest::from_file(&out_dir.join(manifest::FILE_NAME)).unwrap_or_default();
        let writer = {
            let (dir, out, failed) = (staging.clone(), out_dir.clone(), Arc::clone(&failed));
            std::thread::spawn(move || {
                let result = jobs
                    .iter()
                    .try_for_each(|(file, digest)| write(&dir, &out, &before, file, &digest));
                if let Err(e) = &result {
                    // Stored before `jobs` is dropped: a stage that finds the queue closed
                    // always finds the reason here.
                    let reason = e
                        .downcast_ref::<SystemError>()
                        .cloned()
                        .unwrap_or_else(|| SystemError::new(format!("{e:#}")));
                    *failed.lock().unwrap_or_else(|e| e.into_inner()) = Some(reason);
                }
                // On failure the staging folder is removed by `Drop`, once the stages stop.
                result
            })
        };
        Ok(Staging {
            staging,
            out_dir,
            name,
            queue: Some(queue),
            writer: Some(writer),
            failed,
            files: AtomicUsize::new(0),
            pages: AtomicUsize::new(0),
            manifest: Mutex::default(),
            committed: false,
        })
    }

    /// Waits until every file put is on disk.
    fn finish_writing(&mut self) -> anyhow::Result<()> {
        self.queue.take();
        match self.writer.take().map(JoinHandle::join) {
            Some(Ok(result)) => result,
            Some(Err(_)) => bail!("het schrijven van de site is afgebroken"),
            None => Ok(()),
        }
    }

    /// Files written so far (with the manifest, written at the end), and how many of them
    /// are HTML pages.
    pub fn counts(&self) -> (usize, usize) {
        (
            self.files.load(Ordering::Relaxed) + 1,
            self.pages.load(Ordering::Relaxed),
        )
    }

    /// Puts the new site in place of the old one, once every file is on disk.
    pub fn commit(mut self) -> anyhow::Result<()> {
        self.finish_writing()?;
        let manifest =
            std::mem::take(&mut *self.manifest.lock().unwrap_or_else(|e| e.into_inner()));
        fs::write(self.staging.join(manifest::FILE_NAME), manifest.to_text())
            .map_err(|e| refused(&self.out_dir, Path::new(manifest::FILE_NAME), &e))?;
        swap_in(&self.staging, &self.out_dir, &self.name)?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = self.finish_writing();
            let _ = fs::remove_dir_all(&self.staging);
        }
    }
}

impl Sink for Staging {
    fn put(&self, file: OutputFile) -> anyhow::Result<()> {
        self.files.fetch_add(1, Ordering::Relaxed);
        if file.path.ends_with(".html") {
            self.pages.fetch_add(1, Ordering::Relaxed);
        }
        // Hashed here, on the stage's thread, not on the one writer thread.
        let digest = manifest::digest(&file.bytes);
        self.manifest
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(file.path.clone(), digest);
        self.send((file, digest))
    }
}

impl Staging {
    fn send(&self, job: (OutputFile, manifest::Digest)) -> anyhow::Result<()> {
        let queue = self.queue.as_ref().expect("open until commit");
        let failure = || {
            self.failed
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .clone()
        };
        if let Some(reason) = failure() {
            return Err(reason.into());
        }
        if queue.send(job).is_err() {
            return Err(failure()
                .unwrap_or_else(|| SystemError::new("het schrijven van de site is afgebroken"))
                .into());
        }
        Ok(())
    }
}

/// Writes `file` into the staging folder `dir`, with the old file's time when the site it
/// replaces (`before`, its manifest) had the same bytes there; errors name the output folder
/// `out` and the file as it will be in the site.
fn write(
    dir: &Path,
    out: &Path,
    before: &Manifest,
    file: OutputFile,
    digest: &manifest::Digest,
) -> anyhow::Result<()> {
    let path = dir.join(&file.path);
    let refuse = |e: &io::Error| refused(out, Path::new(&file.path), e);
    if let Some(folder) = path.parent() {
        fs::create_dir_all(folder).map_err(|e| refuse(&e))?;
    }
    let mut written = fs::File::create(&path).map_err(|e| refuse(&e))?;
    written.write_all(&file.bytes).map_err(|e| refuse(&e))?;
    before.keep_time(out, &file.path, digest, &written);
    Ok(())
}

/// The error for a write refused at `at` (a file of the site, or a folder beside it) while
/// writing the site into `out`. Nothing has replaced the old site yet when this happens.
fn refused(out: &Path, at: &Path, error: &io::Error) -> anyhow::Error {
    SystemError {
        message: format!(
            "de site kan niet worden geschreven naar {}: {} (bij {}). De uitvoermap is niet veranderd.",
            out.display(),
            cause(error, Access::Write),
            at.display()
        ),
        hint: None,
        technical: Some(error.to_string()),
    }
    .into()
}

/// The error for `doing` (a step of putting the new site in place) refused by the system.
fn failed(doing: String, error: &io::Error) -> anyhow::Error {
    SystemError::io(doing, error, Access::Write).into()
}

/// Puts the new site in place of the old one. Where the system can (Linux), the two folders
/// trade places in one atomic step, so that at every moment the output folder is either the
/// old complete site or the new one; then the old one, now at the staging path, is removed.
/// Elsewhere: the old folder is moved aside, the new one moved in, the old one removed.
fn swap_in(staging: &Path, out_dir: &Path, name: &str) -> anyhow::Result<()> {
    if out_dir.exists() && exchange(staging, out_dir).is_ok() {
        fs::remove_dir_all(staging)
            .map_err(|e| failed(format!("kan {} niet opruimen", staging.display()), &e))?;
        return Ok(());
    }
    if out_dir.exists() {
        let old = out_dir.with_file_name(format!("{name}.old-{}", std::process::id()));
        fs::rename(out_dir, &old)
            .map_err(|e| failed(format!("kan {} niet verplaatsen", out_dir.display()), &e))?;
        if let Err(e) = fs::rename(staging, out_dir) {
            let _ = fs::rename(&old, out_dir);
            return Err(failed(
                format!("kan {} niet neerzetten", out_dir.display()),
                &e,
            ));
        }
        fs::remove_dir_all(&old)
            .map_err(|e| failed(format!("kan {} niet opruimen", old.display()), &e))?;
    } else {
        fs::rename(staging, out_dir)
            .map_err(|e| failed(format!("kan {} niet neerzetten", out_dir.display()), &e))?;
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
    std::path::absolute(path).map_err(|e| failed(format!("ongeldig pad {}", path.display()), &e))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Writes `files` to `out_dir` in one go, replacing what was there.
    fn write(files: Vec<OutputFile>, out_dir: &Path, root: &Path) -> anyhow::Result<()> {
        let staging = Staging::begin(out_dir, root)?;
        files.into_iter().try_for_each(|f| staging.put(f))?;
        staging.commit()
    }

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile::new(path, text.as_bytes().to_vec())
    }

    #[test]
    fn replaces_output_and_cleans_leftovers() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        fs::create_dir_all(&root).unwrap();
        let out = tmp.path().join("public");
        fs::create_dir_all(tmp.path().join("public.new-999")).unwrap();
        write(
            vec![file("a/index.html", "1"), file("stale.html", "x")],
            &out,
            &root,
        )
        .unwrap();
        write(vec![file("a/index.html", "2")], &out, &root).unwrap();
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "2");
        assert!(!out.join("stale.html").exists());
        let names: Vec<_> = fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
    }

    /// The writer thread's failure path: the stages learn the cause at their next file,
    /// commit reports it, and the staging folder is gone once the build gives up.
    #[test]
    fn a_failed_write_names_its_cause_and_leaves_no_staging_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        fs::create_dir_all(&root).unwrap();
        let out = tmp.path().join("public");
        write(vec![file("index.html", "oud")], &out, &root).unwrap();
        let staging = Staging::begin(&out, &root).unwrap();
        staging
            .put(file(&format!("{}/index.html", "x".repeat(300)), ""))
            .unwrap();
        // The writer fails on that file; a later put stops with the same reason.
        let mut later = Ok(());
        for _ in 0..1000 {
            later = staging.put(file("a.html", ""));
            if later.is_err() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        let later = later.unwrap_err().to_string();
        assert!(later.contains("de bestandsnaam is te lang"), "{later}");
        let err = format!("{:#}", staging.commit().unwrap_err());
        assert_eq!(err, later);
        assert!(err.starts_with(&format!(
            "de site kan niet worden geschreven naar {}: de bestandsnaam is te lang (bij xxx",
            out.display()
        )));
        let names: Vec<_> = fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "oud");
    }

    #[test]
    fn refuses_to_replace_the_site_itself() {
        let tmp = tempfile::tempdir().unwrap();
        fs::write(tmp.path().join("vindplaats.toml"), "").unwrap();
        let err = write(vec![file("x", "")], tmp.path(), tmp.path()).unwrap_err();
        assert!(err.to_string().contains("bevat de site zelf"));
        assert!(tmp.path().join("vindplaats.toml").exists());
    }
}
