//! Word clusters: words that occur in similar contexts share a cluster id, at
//! three granularities, so the taggers generalise from words seen in training
//! to rarer words of the same class. Built by `attest train clusters` from
//! unlabelled text (see [`super::exchange`]).

use std::collections::HashMap;

use super::hash::BuildPassThrough;
use super::view::norm_hash;

/// Cluster ids of normalised words at three granularities (coarse to fine).
#[derive(Debug, Clone, Default)]
pub struct Clusters {
    ids: HashMap<u64, [u16; 3], BuildPassThrough>,
}

impl Clusters {
    /// The clusters of a word's normal-form hash.
    #[inline]
    pub fn get(&self, norm: u64) -> Option<&[u16; 3]> {
        self.ids.get(&norm)
    }

    /// Number of words with clusters.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// True when no word has a cluster.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Read the TSV written by `attest train clusters`: `word`, then the three
    /// cluster ids (coarse to fine); `#` lines are comments.
    pub fn from_tsv(text: &str) -> Result<Clusters, String> {
        let mut ids = HashMap::default();
        for (n, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            let parse = |s: &str| s.parse::<u16>().map_err(|e| format!("line {}: {e}", n + 1));
            match fields.as_slice() {
                [word, a, b, c] => {
                    ids.insert(norm_hash(word), [parse(a)?, parse(b)?, parse(c)?]);
                }
                _ => return Err(format!("line {}: expected 4 tab-separated fields", n + 1)),
            }
        }
        Ok(Clusters { ids })
    }

    /// The entries sorted by key (for writing a model file).
    pub fn entries(&self) -> Vec<(u64, [u16; 3])> {
        let mut entries: Vec<(u64, [u16; 3])> = self.ids.iter().map(|(k, v)| (*k, *v)).collect();
        entries.sort_unstable_by_key(|(k, _)| *k);
        entries
    }

    /// Clusters from entries written by [`Clusters::entries`].
    pub fn from_entries(entries: impl IntoIterator<Item = (u64, [u16; 3])>) -> Self {
        Clusters {
            ids: entries.into_iter().collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tsv_round_trip() {
        let clusters = Clusters::from_tsv("# words\nkabul\t3\t17\t201\nthe\t0\t1\t2\n").unwrap();
        assert_eq!(clusters.get(norm_hash("Kabul")), Some(&[3, 17, 201]));
        let again = Clusters::from_entries(clusters.entries());
        assert_eq!(again.get(norm_hash("the")), Some(&[0, 1, 2]));
        assert!(Clusters::from_tsv("word\t1\n").is_err());
    }
}
