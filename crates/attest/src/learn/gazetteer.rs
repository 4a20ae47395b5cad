//! Gazetteer membership: which tokens begin or continue a phrase of a list,
//! matched on normalised tokens, longest match per list. A model file carries
//! the gazetteer its features were computed from.

use std::collections::HashMap;

use super::hash::{BuildPassThrough, join};
use super::view::{TokenView, norm_hash};
use crate::lexicon::tokens::tokenize;

/// The most lists a gazetteer holds: one bit each in [`Node::ends`].
pub const MAX_LISTS: usize = 16;

const SEED: u64 = 0x4741_5a45_5454_4545;
const MAX_PHRASE_TOKENS: usize = 8;

/// A node of the phrase trie: the lists whose phrases end here and whether
/// longer phrases go on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Node {
    /// Bit `k` set: a phrase of list `k` ends here.
    pub ends: u16,
    /// Some phrase continues past here.
    pub continues: bool,
}

/// Phrases of several lists, keyed by the chained hashes of their tokens.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    nodes: HashMap<u64, Node, BuildPassThrough>,
}

impl Gazetteer {
    /// An empty gazetteer.
    pub fn new() -> Self {
        Self::default()
    }

    /// Add `phrase` (tokenised like article text) to list `list`.
    pub fn add_phrase(&mut self, list: u8, phrase: &str) {
        let norms: Vec<u64> = tokenize(phrase)
            .iter()
            .map(|s| norm_hash(s.slice(phrase)))
            .collect();
        if norms.is_empty() || norms.len() > MAX_PHRASE_TOKENS {
            return;
        }
        let mut key = SEED;
        for (i, norm) in norms.iter().enumerate() {
            key = join(key, *norm);
            let node = self.nodes.entry(key).or_default();
            if i + 1 == norms.len() {
                node.ends |= 1 << list;
            } else {
                node.continues = true;
            }
        }
    }

    /// Number of trie nodes.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// True when no phrase was added.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// Set the gazetteer bits of a sentence's tokens.
    pub fn mark(&self, tokens: &mut [TokenView]) {
        for start in 0..tokens.len() {
            let mut longest = [0usize; MAX_LISTS];
            let mut key = SEED;
            for (end, token) in tokens
                .iter()
                .enumerate()
                .skip(start)
                .take(MAX_PHRASE_TOKENS)
            {
                key = join(key, token.norm);
                let Some(node) = self.nodes.get(&key) else {
                    break;
                };
                for (list, last) in longest.iter_mut().enumerate() {
                    if node.ends & (1 << list) != 0 {
                        *last = end + 1;
                    }
                }
                if !node.continues {
                    break;
                }
            }
            for (list, &end) in longest.iter().enumerate() {
                if end > start {
                    tokens[start].gazetteer |= 1 << (2 * list);
                    for token in &mut tokens[start + 1..end] {
                        token.gazetteer |= 1 << (2 * list + 1);
                    }
                }
            }
        }
    }

    /// The nodes, sorted by key (for writing a model file).
    pub fn entries(&self) -> Vec<(u64, Node)> {
        let mut entries: Vec<(u64, Node)> = self.nodes.iter().map(|(k, v)| (*k, *v)).collect();
        entries.sort_unstable_by_key(|(k, _)| *k);
        entries
    }

    /// A gazetteer from nodes written by [`Gazetteer::entries`].
    pub fn from_entries(entries: impl IntoIterator<Item = (u64, Node)>) -> Self {
        Gazetteer {
            nodes: entries.into_iter().collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::learn::view::ViewBuilder;

    #[test]
    fn longest_matches_mark_begin_and_inside() {
        let mut gazetteer = Gazetteer::new();
        gazetteer.add_phrase(0, "United States");
        gazetteer.add_phrase(0, "United States of America");
        gazetteer.add_phrase(1, "Kabul");
        let words = ["the", "united", "States", "of", "America", "and", "KABUL"];
        let mut view = ViewBuilder::new().build(&words, None, None);
        gazetteer.mark(&mut view.tokens);
        let bits: Vec<u32> = view.tokens.iter().map(|t| t.gazetteer).collect();
        assert_eq!(bits, [0, 0b01, 0b10, 0b10, 0b10, 0, 0b0100]);
    }
}
