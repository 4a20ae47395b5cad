//! The mentions found so far, indexed by where they start and end and kept
//! in step with the entities as linking adds and moves them. Linking asks of
//! every name, pronoun and description which mentions lie near it; asking
//! every entity instead made an article's linking grow with the square of
//! its length.
//!
//! Where several mentions answer, the entities layer's order decides as it
//! did when every entity was asked in turn: lower entity index first, and an
//! entity's mentions in the order they were added (`seq`).

use std::collections::{BTreeMap, HashSet};
use std::ops::Range;

use crate::model::span::Span;
use crate::model::{Mention, ResolvedBy};

/// A mention's key: its start (or end), entity and order of addition.
type Key = (usize, usize, u64);

/// What the index keeps of a mention.
#[derive(Debug, Clone, Copy)]
struct Entry {
    /// The other end of the mention.
    other: usize,
    resolved_by: ResolvedBy,
}

/// The index.
#[derive(Debug, Default)]
pub struct MentionIndex {
    by_start: BTreeMap<Key, Entry>,
    by_end: BTreeMap<Key, Entry>,
    /// Each entity's keys by start, in order of addition.
    keys: Vec<Vec<Key>>,
    /// (entity, span): an entity holds each span once.
    spans: HashSet<(usize, Span)>,
    /// How many mentions cover each token.
    cover: Vec<u32>,
    /// Each entity's mentions not found by a description.
    named: Vec<u32>,
    /// Where each entity's earliest-ending mention ends.
    first_end: Vec<usize>,
    next: u64,
}

/// A mention as the index gives it: its entity, tokens and how it was linked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The entity.
    pub entity: usize,
    /// The mention's tokens.
    pub tokens: Range<usize>,
    /// How it was linked.
    pub resolved_by: ResolvedBy,
}

impl MentionIndex {
    /// An empty index over an article of `tokens` tokens.
    pub fn new(tokens: usize) -> Self {
        MentionIndex {
            cover: vec![0; tokens],
            ..MentionIndex::default()
        }
    }

    /// Add a mention of `entity`; false when the entity already has one
    /// with this span.
    pub fn insert(&mut self, entity: usize, mention: &Mention) -> bool {
        if !self.spans.insert((entity, mention.span)) {
            return false;
        }
        let Range { start, end } = mention.tokens;
        let seq = self.next;
        self.next += 1;
        let entry = |other| Entry {
            other,
            resolved_by: mention.resolved_by,
        };
        self.by_start.insert((start, entity, seq), entry(end));
        self.by_end.insert((end, entity, seq), entry(start));
        if self.keys.len() <= entity {
            self.keys.resize_with(entity + 1, Vec::new);
            self.named.resize(entity + 1, 0);
            self.first_end.resize(entity + 1, usize::MAX);
        }
        self.first_end[entity] = self.first_end[entity].min(end);
        self.keys[entity].push((start, entity, seq));
        if mention.resolved_by != ResolvedBy::Nominal {
            self.named[entity] += 1;
        }
        for c in self.cover.get_mut(start..end).into_iter().flatten() {
            *c += 1;
        }
        true
    }

    /// Forget every mention of `entity` (given as the entity holds them).
    pub fn remove_entity(&mut self, entity: usize, mentions: &[Mention]) {
        let Some(keys) = self.keys.get_mut(entity) else {
            return;
        };
        for key in keys.drain(..) {
            if let Some(entry) = self.by_start.remove(&key) {
                self.by_end.remove(&(entry.other, key.1, key.2));
                for c in self.cover.get_mut(key.0..entry.other).into_iter().flatten() {
                    *c = c.saturating_sub(1);
                }
            }
        }
        for m in mentions {
            self.spans.remove(&(entity, m.span));
        }
        self.named[entity] = 0;
        self.first_end[entity] = usize::MAX;
    }

    /// Whether any mention covers token `i`.
    pub fn claimed(&self, i: usize) -> bool {
        self.cover.get(i).is_some_and(|&c| c > 0)
    }

    /// Whether `entity` has a mention that ends by token `end`.
    pub fn ends_by(&self, entity: usize, end: usize) -> bool {
        self.first_end.get(entity).is_some_and(|&e| e <= end)
    }

    /// Whether `entity` has a mention not found by a description.
    pub fn has_named(&self, entity: usize) -> bool {
        self.named.get(entity).is_some_and(|&n| n > 0)
    }

    /// The mentions starting at `start`, by entity and order of addition.
    pub fn starting_at(&self, start: usize) -> impl Iterator<Item = Found> + '_ {
        self.by_start
            .range((start, 0, 0)..(start + 1, 0, 0))
            .map(|(&(start, entity, _), e)| Found {
                entity,
                tokens: start..e.other,
                resolved_by: e.resolved_by,
            })
    }

    /// The mentions ending at `end` (exclusive), by entity and order of
    /// addition.
    pub fn ending_at(&self, end: usize) -> impl Iterator<Item = Found> + '_ {
        self.by_end
            .range((end, 0, 0)..(end + 1, 0, 0))
            .map(|(&(end, entity, _), e)| Found {
                entity,
                tokens: e.other..end,
                resolved_by: e.resolved_by,
            })
    }

    /// The mentions that start in `starts`, by start, then entity and order
    /// of addition.
    pub fn starting_in(&self, starts: Range<usize>) -> impl Iterator<Item = Found> + '_ {
        let range = if starts.start < starts.end {
            (starts.start, 0, 0)..(starts.end, 0, 0)
        } else {
            (0, 0, 0)..(0, 0, 0)
        };
        self.by_start
            .range(range)
            .map(|(&(start, entity, _), e)| Found {
                entity,
                tokens: start..e.other,
                resolved_by: e.resolved_by,
            })
    }

    /// The mentions inside `tokens`, by start, then entity and order of
    /// addition.
    pub fn within(&self, tokens: &Range<usize>) -> impl Iterator<Item = Found> + '_ {
        let end = tokens.end;
        self.starting_in(tokens.clone())
            .filter(move |f| f.tokens.end <= end)
    }

    /// The mentions that start in `starts` and end by `before`, latest start
    /// first; of one start, by entity and order of addition.
    pub fn latest_first(&self, starts: Range<usize>, before: usize) -> Vec<Found> {
        let mut found: Vec<Found> = self
            .starting_in(starts)
            .filter(|f| f.tokens.end <= before)
            .collect();
        // A stable sort keeps the order within one start.
        found.sort_by_key(|f| std::cmp::Reverse(f.tokens.start));
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mention(tokens: Range<usize>, resolved_by: ResolvedBy) -> Mention {
        Mention {
            span: Span::new(tokens.start * 10, tokens.end * 10),
            tokens,
            resolved_by,
        }
    }

    #[test]
    fn answers_in_the_order_of_the_entities_layer() {
        let mut index = MentionIndex::new(20);
        assert!(index.insert(2, &mention(3..5, ResolvedBy::Name)));
        assert!(index.insert(0, &mention(3..4, ResolvedBy::Nominal)));
        assert!(index.insert(1, &mention(8..9, ResolvedBy::Pronoun)));
        assert!(!index.insert(2, &mention(3..5, ResolvedBy::Alias)));
        let at: Vec<usize> = index.starting_at(3).map(|f| f.entity).collect();
        assert_eq!(at, vec![0, 2]);
        let within: Vec<usize> = index.within(&(3..9)).map(|f| f.entity).collect();
        assert_eq!(within, vec![0, 2, 1]);
        let latest: Vec<usize> = index
            .latest_first(0..9, 9)
            .into_iter()
            .map(|f| f.entity)
            .collect();
        assert_eq!(latest, vec![1, 0, 2]);
        assert_eq!(index.ending_at(5).next().map(|f| f.entity), Some(2));
        assert!(index.claimed(4) && !index.claimed(5));
        assert!(!index.has_named(0) && index.has_named(2));
        assert!(index.ends_by(0, 4) && !index.ends_by(1, 8) && index.ends_by(1, 9));
    }

    #[test]
    fn a_removed_entity_leaves_no_trace() {
        let mut index = MentionIndex::new(10);
        let mentions = vec![
            mention(1..3, ResolvedBy::Name),
            mention(5..6, ResolvedBy::Name),
        ];
        for m in &mentions {
            index.insert(4, m);
        }
        index.remove_entity(4, &mentions);
        assert!(!index.claimed(1) && !index.claimed(5));
        assert_eq!(index.within(&(0..10)).count(), 0);
        assert!(index.insert(4, &mentions[0]));
    }
}
