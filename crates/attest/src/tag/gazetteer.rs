//! Gazetteer membership for the entity tagger: which tokens begin or continue
//! a phrase of a list (countries, cities, regions, first names, nationality
//! words), matched on normalised tokens, longest match per list.

use std::collections::HashMap;

use super::hash::{BuildPassThrough, join};
use super::view::{TokenView, norm_hash};
use crate::lexicon::tokens::tokenize;

/// The lists, by index: the bit of list `k` in [`TokenView::gazetteer`] is `2 k`
/// (begins a match) and `2 k + 1` (continues one).
pub const LISTS: [&str; 7] = [
    "country",
    "city",
    "region",
    "first-name",
    "nationality or group",
    "organisation",
    "person",
];

/// The list of nationality and group words.
pub const NATIONALITY_OR_GROUP: usize = 4;

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
            let mut longest = [0usize; LISTS.len()];
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

/// The gazetteer built from the lists shipped in `data/`: places (GeoNames)
/// by kind, first names, nationality words, and the people and organisations
/// of the built-in and Phoenix actor dictionaries.
pub fn shipped() -> Gazetteer {
    let mut gazetteer = Gazetteer::new();
    for record in crate::data::places() {
        let list = match record.kind {
            "country" => 0,
            "city" => 1,
            _ => 2,
        };
        gazetteer.add_phrase(list, record.name);
        for alias in record.aliases() {
            gazetteer.add_phrase(list, alias);
        }
    }
    for (name, _) in crate::data::first_names() {
        gazetteer.add_phrase(3, name);
    }
    add_actor_names(&mut gazetteer);
    for (name, kind) in crate::data::event_actors() {
        gazetteer.add_phrase(if kind == "person" { 6 } else { 5 }, name);
    }
    for word in crate::data::nationalities().chain(crate::data::group_words()) {
        gazetteer.add_phrase(NATIONALITY_OR_GROUP as u8, word);
        gazetteer.add_phrase(NATIONALITY_OR_GROUP as u8, &format!("{word}s"));
    }
    gazetteer
}

/// The names of the built-in actor dictionary: organisations of every kind,
/// and people.
fn add_actor_names(gazetteer: &mut Gazetteer) {
    use crate::model::EntityKind;
    let Ok(dictionary) = crate::lexicon::actors::ActorDictionary::builtin() else {
        return;
    };
    for actor in &dictionary.actors {
        let list = match actor.kind {
            EntityKind::Country => continue,
            EntityKind::Person => 6,
            _ => 5,
        };
        for name in std::iter::once(&actor.name)
            .chain(&actor.aliases)
            .chain(&actor.acronyms)
        {
            gazetteer.add_phrase(list, name);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tag::view::ViewBuilder;

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

    #[test]
    fn shipped_lists_know_countries_cities_and_names() {
        let gazetteer = shipped();
        let words = ["Afghanistan", "Kabul", "Adrienne", "Afghan", "Texas"];
        let mut view = ViewBuilder::new().build(&words, None, None);
        gazetteer.mark(&mut view.tokens);
        let begins = |i: usize, list: usize| view.tokens[i].gazetteer & (1 << (2 * list)) != 0;
        assert!(begins(0, 0));
        assert!(begins(1, 1));
        assert!(begins(2, 3));
        assert!(begins(3, 4));
        assert!(begins(4, 2));
    }
}
