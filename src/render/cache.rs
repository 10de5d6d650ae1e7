//! What `serve` keeps of each page between builds, and how a page's inputs are hashed without
//! making its template context: a page whose inputs hash the same is the same page.

use std::collections::HashMap;
use std::hash::Hasher;

use serde::Serialize;
use tera::Context;

/// A value of a page's template context, kept as its typed view until the page is rendered
/// (a large site's contexts are never all in memory at once), and hashed as it is for the
/// page cache without making a context at all.
pub(super) trait PageValue: Send + Sync {
    fn put_into(&self, key: &str, context: &mut Context);
    fn write_json(&self, out: &mut HashWriter);
}

impl<T: Serialize + Send + Sync> PageValue for T {
    fn put_into(&self, key: &str, context: &mut Context) {
        context.insert(key, self);
    }

    fn write_json(&self, out: &mut HashWriter) {
        serde_json::to_writer(out, self).expect("writing to a hasher");
    }
}

pub(super) type Value<'a> = (&'static str, Box<dyn PageValue + 'a>);

/// The pages of the last build with a hash of what each was made from (its template context,
/// and the theme's templates): a page whose context hashes the same is the same page, so only
/// pages whose content changed are rendered again. No list of what depends on what to keep
/// up to date: a report edit re-renders its page, its topic page, the pages of the initiatives
/// it mentions, the lists it is in, and nothing else.
#[derive(Default)]
pub struct PageCache {
    pub(super) templates: u64,
    pub(super) pages: HashMap<String, (u64, Vec<u8>)>,
    /// Pages rendered by the last build (the others came from the cache).
    pub rendered: usize,
}

/// What became of one page: whether it was rendered (or came from the cache), and what the
/// cache keeps of it.
pub(super) struct Made {
    pub(super) fresh: bool,
    pub(super) kept: Option<(String, (u64, Vec<u8>))>,
}

/// Writes into a hasher, so a context is hashed without being written out.
pub(super) struct HashWriter(pub(super) std::hash::DefaultHasher);

impl std::io::Write for HashWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.write(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
