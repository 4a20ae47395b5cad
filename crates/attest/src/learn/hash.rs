//! Feature hashing without allocation.
//!
//! Every feature is a 64-bit hash of a template id and the values it joins
//! (a word, a suffix, a previous tag). The hash is written here rather than
//! taken from a crate so that it never changes under a dependency update: the
//! trained models store these hashes.

use std::hash::{BuildHasherDefault, Hasher};

const K: u64 = 0x9E37_79B9_7F4A_7C15;

/// The MurmurHash3 finaliser: spreads every input bit over the output.
#[inline]
pub const fn fmix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// Hash `bytes`, reading eight at a time.
#[inline]
pub fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h = (bytes.len() as u64).wrapping_mul(K);
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        h = (h ^ u64::from_le_bytes(word))
            .wrapping_mul(K)
            .rotate_left(29);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut word = [0u8; 8];
        word[..rest.len()].copy_from_slice(rest);
        h = (h ^ u64::from_le_bytes(word))
            .wrapping_mul(K)
            .rotate_left(29);
    }
    fmix(h)
}

/// Hash a string.
#[inline]
pub fn hash_str(s: &str) -> u64 {
    hash_bytes(s.as_bytes())
}

/// Join two hashes into one (order matters).
#[inline]
pub const fn join(a: u64, b: u64) -> u64 {
    fmix(a.rotate_left(23) ^ b.wrapping_mul(K))
}

/// A feature: template `template` with value `value`.
#[inline]
pub const fn feature(template: u64, value: u64) -> u64 {
    join(template.wrapping_mul(0x2545_F491_4F6C_DD1D), value)
}

/// A hasher for keys that are already good hashes: it passes them through.
#[derive(Default, Clone, Copy)]
pub struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        self.0 = hash_bytes(bytes);
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// Builds [`PassThrough`] hashers, for maps keyed by feature hashes.
pub type BuildPassThrough = BuildHasherDefault<PassThrough>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_stable_across_builds() {
        // Models store these values: if this test fails, every model must be retrained.
        assert_eq!(hash_str("Taliban"), 0xf4df_f373_0665_3164);
        assert_eq!(feature(3, hash_str("the")), 0x0bf8_5242_ae22_e6d9);
    }

    #[test]
    fn different_inputs_differ() {
        assert_ne!(hash_str("ab"), hash_str("ba"));
        assert_ne!(hash_str(""), hash_str("\0"));
        assert_ne!(join(1, 2), join(2, 1));
        assert_ne!(hash_str("abcdefgh"), hash_str("abcdefgh\0"));
    }
}
