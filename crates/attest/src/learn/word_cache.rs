//! Summed weights of word-level features for frequent words.
//!
//! Most of a token's features describe one word alone: its form, affixes,
//! shape and cluster, as the token itself or as the neighbour of the token
//! being labelled. For the words of the tagger's vocabulary, the weights of
//! those features are summed once, when the models load, into one row per
//! word and role; labelling then adds three rows instead of looking up a few
//! dozen features, which is what makes the taggers fast.

use std::collections::HashMap;

use super::sequence::{Role, Templates};
use super::view::TokenView;
use super::vocabulary::Vocabulary;
use super::weights::Weights;

const ROLES: [Role; 3] = [Role::Center, Role::Left, Role::Right];

fn role_index(role: Role) -> usize {
    match role {
        Role::Center => 0,
        Role::Left => 1,
        Role::Right => 2,
    }
}

/// Rows of summed word-feature weights, by vocabulary index and role.
pub struct WordCache {
    rows: Vec<i32>,
    n_classes: usize,
}

impl WordCache {
    /// Sum the word features of every vocabulary entry.
    pub fn build<T: Templates>(templates: &T, weights: &Weights, vocabulary: &Vocabulary) -> Self {
        let n_classes = weights.n_classes();
        let mut rows = vec![0i32; vocabulary.views().len() * ROLES.len() * n_classes];
        let mut features = Vec::new();
        for (token, row) in vocabulary
            .views()
            .iter()
            .zip(rows.chunks_exact_mut(ROLES.len() * n_classes))
        {
            for (role, part) in ROLES.into_iter().zip(row.chunks_exact_mut(n_classes)) {
                features.clear();
                templates.word_features(token, role, &mut features);
                weights.score(&features, part);
            }
        }
        WordCache { rows, n_classes }
    }

    /// The summed row of `token`'s word in `role`, if the word is in the vocabulary.
    #[inline]
    pub fn row(&self, token: &TokenView, role: Role) -> Option<&[i32]> {
        let start = (token.vocab as usize)
            .checked_mul(ROLES.len())?
            .checked_add(role_index(role))?
            .checked_mul(self.n_classes)?;
        self.rows.get(start..start + self.n_classes)
    }
}

/// The most frequent word forms of training sentences, most frequent first
/// (ties by form), for a model to store and its cache to sum.
pub fn frequent_words<'a>(sentences: impl Iterator<Item = &'a str>, limit: usize) -> Vec<String> {
    let mut counts: HashMap<&str, u32> = HashMap::new();
    for word in sentences {
        *counts.entry(word).or_default() += 1;
    }
    let mut words: Vec<(&str, u32)> = counts.into_iter().collect();
    words.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    words
        .into_iter()
        .take(limit)
        .map(|(w, _)| w.to_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::learn::view::ViewBuilder;
    use crate::tag::pos::PosTemplates;

    #[test]
    fn cached_rows_equal_the_sum_of_their_features() {
        let view = ViewBuilder::new().build(&["The", "minister", "resigned"], None, None);
        let mut all = Vec::new();
        for token in &view.tokens {
            for role in ROLES {
                PosTemplates.word_features(token, role, &mut all);
            }
        }
        let rows = all
            .iter()
            .map(|&f| (f, vec![(0u16, 0.5f32), (1, -0.25)]))
            .collect();
        let weights = Weights::from_rows(2, rows);
        let vocabulary = Vocabulary::new(["minister"], 10, None);
        let cache = WordCache::build(&PosTemplates, &weights, &vocabulary);
        let known =
            ViewBuilder::with_vocabulary(&vocabulary).build(&["The", "minister"], None, None);
        let token = &known.tokens[1];
        for role in ROLES {
            let mut features = Vec::new();
            PosTemplates.word_features(token, role, &mut features);
            let mut direct = vec![0i32; 2];
            weights.score(&features, &mut direct);
            assert_eq!(cache.row(token, role), Some(&direct[..]), "{role:?}");
        }
        assert!(
            cache.row(&known.tokens[0], Role::Center).is_none(),
            "The is not in the vocabulary"
        );
        assert!(
            cache.row(known.at(-1), Role::Left).is_some(),
            "boundaries are"
        );
    }

    #[test]
    fn frequent_words_come_first() {
        let words = frequent_words(["a", "b", "a", "c", "a", "b"].into_iter(), 2);
        assert_eq!(words, ["a", "b"]);
    }
}
