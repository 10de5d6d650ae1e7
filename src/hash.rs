//! Content hashes for file and folder names. SHA-256, not std's `DefaultHasher`: its algorithm
//! may change with a Rust release, and addresses must change only when the content does.

use sha2::{Digest, Sha256};

/// The first `bytes` bytes of a digest as lowercase hex.
fn hex(digest: &[u8], bytes: usize) -> String {
    digest
        .iter()
        .take(bytes)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A short name for some content: ten hex digits (`style.1a2b3c4d5e.css`).
pub fn short(content: &[u8]) -> String {
    hex(&Sha256::digest(content), 5)
}

/// A hash over many pieces of content, for a folder named after all of its files.
#[derive(Default)]
pub struct Combined(Sha256);

impl Combined {
    pub fn add(&mut self, content: &[u8]) {
        self.0.update(content);
    }

    /// Sixteen hex digits.
    pub fn finish(self) -> String {
        hex(&self.0.finalize(), 8)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names in use today: a change here changes every fingerprinted address.
    #[test]
    fn names_are_stable() {
        assert_eq!(short(b"vindplaats"), "a96a25abd9");
        let mut c = Combined::default();
        c.add(b"a");
        c.add(b"b");
        assert_eq!(c.finish(), "fb8e20fc2e4c3f24");
    }
}
