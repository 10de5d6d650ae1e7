//! Results that `serve` keeps from one build to the next, by a hash of everything they are
//! made from. A file's parsed front matter, its privacy scan and the aliases found in a report
//! depend on its text and little else, so an edit to one report redoes that work for one file
//! and takes the rest from here. The key is the text itself (hashed), not a file's size and
//! modification time: an editor can save twice in one second with the same length, and reading
//! a thousand small files costs far less than parsing and scanning them.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

/// A hash of `parts`, for the caches (in memory only, never in a file name).
pub fn fingerprint(parts: impl Hash) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    parts.hash(&mut h);
    h.finish()
}

/// The results of the last build, by key.
#[derive(Debug)]
pub struct Memo<V>(HashMap<u64, V>);

impl<V> Default for Memo<V> {
    fn default() -> Self {
        Memo(HashMap::new())
    }
}

/// `work` over every item in parallel, results in the items' order. With a `memo`, an item
/// whose `key` was seen in the last build is taken from it, and the memo then keeps exactly
/// this build's results (a deleted file's go). An item whose key is `None` (a file that could
/// not be read) is always worked out and never kept.
pub fn map<T, V>(
    memo: Option<&mut Memo<V>>,
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
pub fn map_files<R, V>(
    memo: Option<&mut Memo<V>>,
    files: Vec<PathBuf>,
    read: impl Fn(&Path) -> R + Sync,
    key: impl Fn(&Path, &R) -> Option<u64> + Sync,
    work: impl Fn(&Path, &R) -> V + Sync,
) -> Vec<V>
where
    R: Send,
    V: Clone + Send + Sync,
{
    map_par(
        memo,
        files.into_par_iter().map(|file| {
            let text = read(&file);
            (file, text)
        }),
        |(file, text)| key(file, text),
        |(file, text)| work(file, text),
    )
}

/// The one loop behind [`map`] and [`map_files`], over any items made in parallel (which a
/// caller can let go of one by one: each item is dropped once its work is done). A key is
/// worked out only for a memo (a build has none and hashes nothing).
pub fn map_par<X, V>(
    memo: Option<&mut Memo<V>>,
    items: impl IndexedParallelIterator<Item = X>,
    key: impl Fn(&X) -> Option<u64> + Sync,
    work: impl Fn(&X) -> V + Sync,
) -> Vec<V>
where
    X: Send,
    V: Clone + Send + Sync,
{
    let Some(memo) = memo else {
        return items.map(|item| work(&item)).collect();
    };
    let known = &memo.0;
    let results: Vec<(Option<u64>, V)> = items
        .map(|item| {
            let key = key(&item);
            let value = match key.and_then(|k| known.get(&k)) {
                Some(value) => value.clone(),
                None => work(&item),
            };
            (key, value)
        })
        .collect();
    memo.0 = results
        .iter()
        .filter_map(|(key, value)| Some(((*key)?, value.clone())))
        .collect();
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
        assert_eq!(map(Some(&mut memo), &["a", "bb", ""], key, work), [1, 2, 0]);
        assert_eq!(calls.load(Ordering::Relaxed), 3);
        // "bb" is known; "" has no key and is worked out again; "ccc" is new.
        assert_eq!(
            map(Some(&mut memo), &["bb", "", "ccc"], key, work),
            [2, 0, 3]
        );
        assert_eq!(calls.load(Ordering::Relaxed), 5);
        // "a" was not in the last build: forgotten.
        assert_eq!(map(Some(&mut memo), &["a"], key, work), [1]);
        assert_eq!(calls.load(Ordering::Relaxed), 6);
        assert_eq!(map(None, &["a"], key, work), [1]);
        assert_eq!(calls.load(Ordering::Relaxed), 7);
    }
}
