//! Results that `serve` keeps from one build to the next, by a hash of everything they are
//! made from. A file's parsed front matter, its privacy scan and the aliases found in a report
//! depend on its text and little else, so an edit to one report redoes that work for one file
//! and takes the rest from here. The key is the text itself (hashed), not a file's size and
//! modification time: an editor can save twice in one second with the same length, and reading
//! a thousand small files costs far less than parsing and scanning them.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

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
    let Some(memo) = memo else {
        return items.par_iter().map(&work).collect();
    };
    let keys: Vec<Option<u64>> = items.par_iter().map(&key).collect();
    let known = &memo.0;
    let results: Vec<V> = items
        .par_iter()
        .zip(&keys)
        .map(|(item, key)| match key.and_then(|k| known.get(&k)) {
            Some(value) => value.clone(),
            None => work(item),
        })
        .collect();
    memo.0 = keys
        .into_iter()
        .zip(&results)
        .filter_map(|(key, value)| Some((key?, value.clone())))
        .collect();
    results
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
