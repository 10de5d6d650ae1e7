//! A value of a page's template context, and how it is hashed: the values every page builder
//! ([`super::pages`]) hands over and the page cache ([`super::cache`]) compares, in a module of
//! their own so that neither of the two needs the other for them.

use std::hash::{Hash, Hasher};

use serde::Serialize;
use tera::Context;

/// A value of a page's template context, kept as its typed view until the page is rendered
/// (a large site's contexts are never all in memory at once), and hashed as it is for the
/// page cache without making a context at all.
pub(super) trait PageValue: Send + Sync {
    fn put_into(&self, key: &str, context: &mut Context);
    fn write_json(&self, out: &mut HashWriter);
    /// What the page memo hashes for it: its values, or the key of what they were made from
    /// where there is one ([`Keyed`]).
    fn write_key(&self, out: &mut HashWriter) {
        self.write_json(out);
    }
}

/// A value with the key of what it was made from (`super::keys`), when `serve` has one: the
/// page memo hashes the key instead of writing the value out; without one (a build) the value
/// is hashed. The concept banner compares values, never keys (`PageValue::write_json`).
pub(super) struct Keyed<T>(pub(super) T, pub(super) Option<u64>);

impl<T: Serialize + Send + Sync> PageValue for Keyed<T> {
    fn put_into(&self, key: &str, context: &mut Context) {
        context.insert(key, &self.0);
    }

    fn write_json(&self, out: &mut HashWriter) {
        self.0.write_json(out);
    }

    fn write_key(&self, out: &mut HashWriter) {
        use std::hash::Hash;
        match self.1 {
            Some(key) => key.hash(&mut out.0),
            None => self.0.write_json(out),
        }
    }
}

/// A value the page memo hashes as [`Hash`] does, not written out as JSON: for a large value
/// made for one page (an organisation's 200 tables on a page of its own), whose type derives
/// both, so that the two cover the same fields. Writing 89,000 tables out as JSON into a
/// hasher took 70 ms of CPU after every edit at 10,000 reports.
pub(super) struct Hashed<T>(pub(super) T);

impl<T: Serialize + Hash + Send + Sync> PageValue for Hashed<T> {
    fn put_into(&self, key: &str, context: &mut Context) {
        context.insert(key, &self.0);
    }

    fn write_json(&self, out: &mut HashWriter) {
        self.0.write_json(out);
    }

    fn write_key(&self, out: &mut HashWriter) {
        self.0.hash(&mut out.0);
    }
}

/// A hash of `value` as it is written into a template context: a key made of the value
/// itself, for a value many pages show (see [`Keyed`]).
pub(super) fn hash_of<T: Serialize + ?Sized>(value: &T) -> u64 {
    let mut h = HashWriter(std::hash::DefaultHasher::new());
    serde_json::to_writer(&mut h, value).expect("writing to a hasher");
    h.0.finish()
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
