//! Results that `serve` keeps from one build to the next, by a hash of everything they are
//! made from. A file's parsed front matter, its privacy scan and the aliases found in a report
//! depend on its text and little else, so an edit to one report redoes that work for one file
//! and takes the rest from here. The key is the text itself (hashed), not a file's size and
//! modification time: an editor can save twice in one second with the same length, and reading
//! a thousand small files costs far less than parsing and scanning them.
//!
//! Every stage that can reuse work takes its memo; a build passes one that is [`Memo::off`]
//! (it hashes nothing and keeps nothing), so there is one code path with and without memos.
//! A memo's values are cheap to clone: what they hold is behind `Arc` (a report's facts, its
//! Markdown, its rendered body), so a hit hands on the value kept and copies nothing.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

/// A hash of `parts`, for the memos (in memory only, never in a file name).
pub fn fingerprint(parts: impl Hash) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    parts.hash(&mut h);
    h.finish()
}

/// The results of the last build, by key; or nothing at all when it is off (a build).
#[derive(Debug)]
pub struct Memo<V> {
    known: Option<HashMap<u64, V>>,
    /// A memo of files ([`map_files`]): the files last read, in their order, and the key each
    /// one's value is kept under (`None`: not kept). Kept by place, not by path: after an
    /// edit the files are those of the last build, and nothing is looked up or kept again but
    /// the edited file's value (at 10,000 reports, hashing every path twice and keeping every
    /// value again was most of load's work on the report files and on the privacy scans).
    files: Arc<[PathBuf]>,
    keys: Vec<Option<u64>>,
    /// The files each folder held when [`Memo::walk`] last walked it.
    walked: HashMap<PathBuf, Arc<[PathBuf]>>,
    /// What may have changed on disk since [`map_files`] last read the files.
    changed: Changed,
}

/// What may have changed on disk since files were last read: anything, or only the files and
/// folders named (what is below a folder named counts as named). `serve` knows which files
/// its watcher saw change; a file it did not see change is taken from the memo unread (at
/// 10,000 reports, reading and hashing every report and scanning every file's text for its
/// key was most of load after a one-report save).
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Changed {
    /// The first build, a change the watcher could not follow, anything outside `content/`.
    #[default]
    All,
    Only(Vec<PathBuf>),
}

impl Changed {
    /// Whether `file` may differ from when it was last read.
    pub fn may_have(&self, file: &Path) -> bool {
        match self {
            Changed::All => true,
            Changed::Only(paths) => paths.iter().any(|p| file.starts_with(p)),
        }
    }

    /// What `files` (a batch of `serve`'s watcher, by the paths the build knows them by)
    /// may have changed under the site `root`: only those when all of them are in `content/`;
    /// anything else (none: the first build; the root: a change the watcher could not follow;
    /// the config, whose allow-list the privacy scan reads; a theme) counts as everything.
    pub fn of(files: &[PathBuf], root: &Path) -> Changed {
        let content = root.join("content");
        if files.is_empty() || files.iter().any(|f| !f.starts_with(&content)) {
            return Changed::All;
        }
        Changed::Only(files.to_vec())
    }

    /// Whether the files `files` found below `dir` are still all there is: nothing named is
    /// `dir` or above it, and everything named below it is one of `files` and still a file
    /// (not a link, as a walk does not follow links).
    fn keeps_files_of(&self, dir: &Path, files: &[PathBuf]) -> bool {
        let Changed::Only(paths) = self else {
            return false;
        };
        paths.iter().all(|p| {
            !dir.starts_with(p)
                && (!p.starts_with(dir)
                    || files.contains(p) && std::fs::symlink_metadata(p).is_ok_and(|m| m.is_file()))
        })
    }

    /// For each of `files`, whether it may have changed: a file named by its full path is
    /// found by comparing paths (the one edited report among 10,000); a folder named, by
    /// what is below it.
    fn which(&self, files: &[PathBuf]) -> Vec<bool> {
        match self {
            Changed::Only(paths) if paths.iter().all(|p| files.contains(p)) => {
                files.iter().map(|f| paths.contains(f)).collect()
            }
            _ => files.iter().map(|f| self.may_have(f)).collect(),
        }
    }

    /// What changed in either: named changes add up until the files are read again.
    fn and(&mut self, more: &Changed) {
        match (&mut *self, more) {
            (Changed::All, _) => {}
            (_, Changed::All) => *self = Changed::All,
            (Changed::Only(paths), Changed::Only(more)) => paths.extend(more.iter().cloned()),
        }
    }
}

impl<V> Default for Memo<V> {
    /// A memo that keeps what each build made, for the next.
    fn default() -> Self {
        Memo {
            known: Some(HashMap::new()),
            ..Memo::off()
        }
    }
}

impl<V> Memo<V> {
    /// A memo that hashes nothing and keeps nothing: what a build passes to the stages.
    pub fn off() -> Self {
        Memo {
            known: None,
            files: Arc::from([]),
            keys: Vec::new(),
            walked: HashMap::new(),
            changed: Changed::All,
        }
    }

    /// Files that may have changed since the last read ([`map_files`] reads them again; it
    /// takes any other file it knows from the memo). Added up until the files are read.
    pub fn saw(&mut self, changed: &Changed) {
        self.changed.and(changed);
    }

    pub fn is_on(&self) -> bool {
        self.known.is_some()
    }

    /// The files of `dir` that `walk` finds (with whether it read every folder), or, when
    /// nothing the watcher named since can have added or removed one, the files it found last
    /// time: `serve` trusts its watcher for which files are there as it does for which changed
    /// ([`Changed`]). Only when every path named below `dir` is a file of the last walk and
    /// still a file: a new, removed or renamed file or a folder named walks again, as does
    /// anything outside `content/` ([`Changed::All`]). Call it before [`map_files`], which
    /// starts the next round of changes. Off (a build), it walks and keeps nothing.
    pub fn walk(
        &mut self,
        dir: &Path,
        walk: impl FnOnce() -> (Vec<PathBuf>, bool),
    ) -> Arc<[PathBuf]> {
        if let Some(files) = self.walked.get(dir)
            && self.changed.keeps_files_of(dir, files)
        {
            return Arc::clone(files);
        }
        let (files, complete) = walk();
        let files: Arc<[PathBuf]> = files.into();
        self.walked.remove(dir);
        if self.is_on() && complete {
            self.walked.insert(dir.to_path_buf(), Arc::clone(&files));
        }
        files
    }
}

impl<V: Clone> Memo<V> {
    /// The value kept under the key `key` gives, or else what `work` makes; with the key to
    /// keep it under ([`Memo::keep`]). Off, it works out the value and computes no key.
    pub fn get_or(
        &self,
        key: impl FnOnce() -> Option<u64>,
        work: impl FnOnce() -> V,
    ) -> (Option<u64>, V) {
        let Some(known) = &self.known else {
            return (None, work());
        };
        let key = key();
        match key.and_then(|k| known.get(&k)) {
            Some(value) => (key, value.clone()),
            None => (key, work()),
        }
    }

    /// The value kept under the key `key` gives, if any, and that key: for work that can fail,
    /// done by the caller when nothing is kept. Off, it computes no key and finds nothing.
    pub fn find(&self, key: impl FnOnce() -> Option<u64>) -> (Option<u64>, Option<V>) {
        let Some(known) = &self.known else {
            return (None, None);
        };
        let key = key();
        (key, key.and_then(|k| known.get(&k)).cloned())
    }

    /// Keeps exactly `values` (this build's) for the next build: what the last build had and
    /// this one did not (a deleted file's) goes. A value without a key is never kept.
    pub fn keep(&mut self, values: impl IntoIterator<Item = (Option<u64>, V)>) {
        if let Some(known) = &mut self.known {
            *known = values
                .into_iter()
                .filter_map(|(key, value)| Some((key?, value)))
                .collect();
        }
    }
}

/// `work` over every item in parallel, results in the items' order. An item whose `key` was
/// seen in the last build is taken from `memo`, which then keeps exactly this build's results
/// (a deleted file's go). An item whose key is `None` (a file that could not be read) is
/// always worked out and never kept.
pub fn map<T, V>(
    memo: &mut Memo<V>,
    items: &[T],
    key: impl Fn(&T) -> Option<u64> + Sync,
    work: impl Fn(&T) -> V + Sync,
) -> Vec<V>
where
    T: Sync,
    V: Clone + Send + Sync,
{
    map_par(memo, items.par_iter(), |t| key(t), |t| work(t))
}

/// [`map`] over files, each `read` in the same parallel step as its work: a build holds only
/// the texts being worked on, never every file's at once (76 MB of Markdown at 10,000
/// reports, held twice over by the report parse and the privacy scan, had set load's peak).
/// A file the memo knows, which has not changed since it was read (see [`Memo::saw`]), is not
/// read: its value is the one kept. The files are usually those of the last build (one kept
/// listing, [`Memo::walk`]): then each is known by its place, and only the values of the files
/// read again are kept anew.
pub fn map_files<R, V>(
    memo: &mut Memo<V>,
    files: Arc<[PathBuf]>,
    read: impl Fn(&Path) -> R + Sync,
    key: impl Fn(&Path, &R) -> Option<u64> + Sync,
    work: impl Fn(&Path, &R) -> V + Sync,
) -> Vec<V>
where
    R: Send,
    V: Clone + Send + Sync,
{
    // Read now: what changes from here on is named again (serve's next batch of changes).
    let changed = std::mem::replace(&mut memo.changed, Changed::Only(Vec::new()));
    let same = memo.is_on() && (Arc::ptr_eq(&files, &memo.files) || files == memo.files);
    let kept = memo.kept_keys(&files, &changed, same);
    let known = &*memo;
    let results: Vec<(Option<u64>, V)> = files
        .par_iter()
        .zip(kept.par_iter())
        .map(|(file, kept)| {
            let value = |k| known.known.as_ref()?.get(k).cloned();
            match kept.as_ref().and_then(value) {
                Some(value) => (*kept, value),
                None => {
                    let text = read(file);
                    known.get_or(|| key(file, &text), || work(file, &text))
                }
            }
        })
        .collect();
    if same {
        memo.keep_changed(&results);
    } else if memo.is_on() {
        memo.keys = results.iter().map(|(key, _)| *key).collect();
        memo.files = files;
        // Cheap: a memo's values are `Arc`s (see the module's comment).
        memo.keep(results.iter().map(|(key, value)| (*key, value.clone())));
    }
    results.into_iter().map(|(_, value)| value).collect()
}

impl<V: Clone> Memo<V> {
    /// For each of `files`, the key its value is kept under when it has not changed since it
    /// was read; `same`: they are the files last read, in their order.
    fn kept_keys(&self, files: &[PathBuf], changed: &Changed, same: bool) -> Vec<Option<u64>> {
        if !self.is_on() || *changed == Changed::All {
            return vec![None; files.len()];
        }
        if same {
            let may_have = changed.which(files);
            return self
                .keys
                .iter()
                .zip(may_have)
                .map(|(key, changed)| key.filter(|_| !changed))
                .collect();
        }
        let by_path: HashMap<&Path, u64> = self
            .files
            .iter()
            .zip(&self.keys)
            .filter_map(|(file, key)| Some((file.as_path(), (*key)?)))
            .collect();
        files
            .iter()
            .map(|f| {
                by_path
                    .get(f.as_path())
                    .copied()
                    .filter(|_| !changed.may_have(f))
            })
            .collect()
    }

    /// The memo of the same files as last time brought up to `results`: the values of the
    /// files whose key changed (those read again, with other text) replace their old ones.
    /// A key hashes its file's path, so no two files share one.
    fn keep_changed(&mut self, results: &[(Option<u64>, V)]) {
        let Some(known) = &mut self.known else {
            return;
        };
        for (old, (new, value)) in self.keys.iter_mut().zip(results) {
            if old != new {
                if let Some(old) = old {
                    known.remove(old);
                }
                if let Some(new) = new {
                    known.insert(*new, value.clone());
                }
                *old = *new;
            }
        }
    }
}

/// The one loop behind [`map`] and [`map_files`], over any items made in parallel (which a
/// caller can let go of one by one: each item is dropped once its work is done). A key is
/// worked out only when the memo is on (a build hashes nothing).
pub fn map_par<X, V>(
    memo: &mut Memo<V>,
    items: impl IndexedParallelIterator<Item = X>,
    key: impl Fn(&X) -> Option<u64> + Sync,
    work: impl Fn(&X) -> V + Sync,
) -> Vec<V>
where
    X: Send,
    V: Clone + Send + Sync,
{
    let known = &*memo;
    let results: Vec<(Option<u64>, V)> = items
        .map(|item| known.get_or(|| key(&item), || work(&item)))
        .collect();
    if !memo.is_on() {
        return results.into_iter().map(|(_, value)| value).collect();
    }
    // Cheap: a memo's values are `Arc`s (see the module's comment).
    memo.keep(results.iter().map(|(key, value)| (*key, value.clone())));
    results.into_iter().map(|(_, value)| value).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn works_out_only_what_is_new_and_forgets_what_is_gone() {
        let calls = AtomicUsize::new(0);
        let work = |s: &&str| {
            calls.fetch_add(1, Ordering::Relaxed);
            s.len()
        };
        let key = |s: &&str| (!s.is_empty()).then(|| fingerprint(s));
        let mut memo = Memo::default();
        assert_eq!(map(&mut memo, &["a", "bb", ""], key, work), [1, 2, 0]);
        assert_eq!(calls.load(Ordering::Relaxed), 3);
        // "bb" is known; "" has no key and is worked out again; "ccc" is new.
        assert_eq!(map(&mut memo, &["bb", "", "ccc"], key, work), [2, 0, 3]);
        assert_eq!(calls.load(Ordering::Relaxed), 5);
        // "a" was not in the last build: forgotten.
        assert_eq!(map(&mut memo, &["a"], key, work), [1]);
        assert_eq!(calls.load(Ordering::Relaxed), 6);
        // Off: everything is worked out, nothing is hashed or kept.
        let mut off = Memo::off();
        let no_key = |_: &&str| -> Option<u64> { panic!("a memo that is off hashes nothing") };
        assert_eq!(map(&mut off, &["a"], no_key, work), [1]);
        assert_eq!(map(&mut off, &["a"], no_key, work), [1]);
        assert_eq!(calls.load(Ordering::Relaxed), 8);
    }

    /// A folder's files are walked again only when the watcher names one that can have come
    /// or gone, and a file is read again only when it is named: the rest comes from the memo,
    /// by place. Each step would fail if the walk were kept for a new or a removed file or a
    /// folder, or if a file named were not read again.
    #[test]
    fn walks_again_only_for_files_that_come_or_go() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("rapporten");
        std::fs::create_dir(&dir).unwrap();
        let (a, b) = (dir.join("a.md"), dir.join("b.md"));
        std::fs::write(&a, "a").unwrap();
        let (walks, reads) = (AtomicUsize::new(0), AtomicUsize::new(0));
        let mut memo: Memo<String> = Memo::default();
        let mut round = |changed: Changed| -> (Vec<String>, usize, usize) {
            memo.saw(&changed);
            let files = memo.walk(&dir, || {
                walks.fetch_add(1, Ordering::Relaxed);
                let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
                    .unwrap()
                    .map(|e| e.unwrap().path())
                    .collect();
                files.sort();
                (files, true)
            });
            let read = |f: &Path| {
                reads.fetch_add(1, Ordering::Relaxed);
                std::fs::read_to_string(f).ok()
            };
            let texts = map_files(
                &mut memo,
                files,
                read,
                |f, t| Some(fingerprint((f, t.as_ref()?))),
                |_, t| t.clone().unwrap_or_default(),
            );
            let counts = (walks.load(Ordering::Relaxed), reads.load(Ordering::Relaxed));
            (texts, counts.0, counts.1)
        };
        assert_eq!(round(Changed::All), (vec!["a".into()], 1, 1));
        // An edit: the same files, the one named read again. A file no one named is not seen.
        std::fs::write(&a, "a2").unwrap();
        std::fs::write(&b, "b").unwrap();
        let only = |paths: &[&PathBuf]| Changed::Only(paths.iter().map(|p| (*p).clone()).collect());
        assert_eq!(round(only(&[&a])), (vec!["a2".into()], 1, 2));
        assert_eq!(round(only(&[])), (vec!["a2".into()], 1, 2));
        // A new file, a removed one, a folder named: walked again.
        assert_eq!(round(only(&[&b])), (vec!["a2".into(), "b".into()], 2, 3));
        std::fs::remove_file(&a).unwrap();
        assert_eq!(round(only(&[&a])), (vec!["b".into()], 3, 3));
        std::fs::write(&a, "a3").unwrap();
        assert_eq!(round(only(&[&dir])), (vec!["a3".into(), "b".into()], 4, 5));
        // Anything outside the folder's files (the config, a theme): walked and read again.
        assert_eq!(round(Changed::All), (vec!["a3".into(), "b".into()], 5, 7));
    }
}
