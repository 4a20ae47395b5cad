//! The tagger's vocabulary: frequent words whose views are computed once,
//! and whose summed word-level weights every model keeps in a
//! [`WordCache`](super::word_cache::WordCache) row of the same index.

use std::collections::HashMap;

use super::clusters::Clusters;
use super::hash::{BuildPassThrough, hash_str};
use super::view::{TokenView, ViewBuilder, boundaries};

/// Frequent words, by index, with their views. Entries 0 and 1 are the
/// positions before and after a sentence.
pub struct Vocabulary {
    index: HashMap<u64, u32, BuildPassThrough>,
    views: Vec<TokenView>,
}

impl Vocabulary {
    /// The first `limit` distinct `words`, viewed with `clusters`.
    pub fn new<'a>(
        words: impl IntoIterator<Item = &'a str>,
        limit: usize,
        clusters: Option<&Clusters>,
    ) -> Self {
        let mut views: Vec<TokenView> = boundaries().to_vec();
        let mut index = HashMap::with_capacity_and_hasher(limit, BuildPassThrough::default());
        let mut builder = ViewBuilder::new();
        for word in words {
            if views.len() >= limit + 2 {
                break;
            }
            let hash = hash_str(word);
            if index.contains_key(&hash) {
                continue;
            }
            let mut view = builder.compute(word, hash, clusters);
            view.vocab = views.len() as u32;
            index.insert(hash, view.vocab);
            views.push(view);
        }
        Vocabulary { index, views }
    }

    /// The view of the word with this hash, if it is in the vocabulary.
    #[inline]
    pub fn view(&self, word_hash: u64) -> Option<&TokenView> {
        self.views.get(*self.index.get(&word_hash)? as usize)
    }

    /// Every entry's view, by index.
    pub fn views(&self) -> &[TokenView] {
        &self.views
    }
}

/// The words of several frequency lists, taken in turn from each, without
/// repeats: a vocabulary fair to every model's training data.
pub fn interleave<'a>(lists: &[&'a [String]]) -> Vec<&'a str> {
    let longest = lists.iter().map(|l| l.len()).max().unwrap_or(0);
    (0..longest)
        .flat_map(|rank| {
            lists
                .iter()
                .filter_map(move |l| l.get(rank))
                .map(String::as_str)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn views_match_computed_ones_and_carry_their_index() {
        let words = ["the".to_owned(), "Kabul".to_owned(), "the".to_owned()];
        let vocabulary = Vocabulary::new(words.iter().map(String::as_str), 10, None);
        assert_eq!(
            vocabulary.views().len(),
            4,
            "two boundaries and two distinct words"
        );
        let mut with = ViewBuilder::with_vocabulary(&vocabulary);
        let known = with.build(&["Kabul", "Herat"], None, None);
        let plain = ViewBuilder::new().build(&["Kabul", "Herat"], None, None);
        assert_eq!(known.tokens[0].vocab, 3);
        assert_eq!(known.tokens[0].suffixes, plain.tokens[0].suffixes);
        assert_eq!(known.tokens[1].vocab, crate::learn::view::NOT_IN_VOCABULARY);
    }

    #[test]
    fn interleaving_takes_from_each_list_in_turn() {
        let a = vec!["x".to_owned(), "y".to_owned()];
        let b = vec!["z".to_owned()];
        assert_eq!(interleave(&[&a, &b]), ["x", "z", "y"]);
    }
}
