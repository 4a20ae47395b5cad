//! Document-level evidence for the entity recogniser's second pass.
//!
//! A name is usually tagged the same way throughout an article: "Clinton"
//! alone is a person because "Bill Clinton" was one two sentences earlier;
//! "BAYERN" in a headline is the club of the body text. After a first pass
//! over the whole article, each token is told which entity kinds the first
//! pass gave the other occurrences of the same word, and how the word is
//! written elsewhere (capitalised mid-sentence, or in small letters).

use std::collections::HashMap;

use crate::learn::hash::BuildPassThrough;
use crate::learn::labels_set::LabelSet;
use crate::learn::view::{SentenceView, flags};

/// Kinds tracked, in bit order; the bit after them is "outside any entity".
const KINDS: [&str; 4] = ["PER", "ORG", "LOC", "MISC"];
const OUTSIDE: usize = KINDS.len();
/// Bits 0..=4: some other occurrence has that kind (or none).
/// Bits 5..=9: that kind is the most frequent among the other occurrences.
const MAJORITY: usize = 5;
/// The word appears capitalised after the first token of a sentence elsewhere.
const CAPITALISED_ELSEWHERE: u16 = 1 << 10;
/// The word appears in small letters elsewhere.
const LOWERCASE_ELSEWHERE: u16 = 1 << 11;

#[derive(Default, Clone, Copy)]
/// Counts are `u32`: a word may occur far more than 65,535 times in a long
/// article.
struct Tally {
    kinds: [u32; KINDS.len() + 1],
    capitalised: u32,
    lowercase: u32,
}

/// Set [`TokenView::doc`](crate::learn::view::TokenView::doc) of every token of a
/// document from the first pass's labels.
pub fn set_document_features(
    views: &mut [SentenceView],
    first_pass: &[Vec<u16>],
    labels: &LabelSet,
) {
    let kind_of_label: Vec<usize> = labels
        .names()
        .iter()
        .map(|name| {
            name.get(2..)
                .and_then(|k| KINDS.iter().position(|x| *x == k))
                .unwrap_or(OUTSIDE)
        })
        .collect();
    let mut tallies: HashMap<u64, Tally, BuildPassThrough> = HashMap::default();
    let each = |views: &[SentenceView], f: &mut dyn FnMut(u64, usize, u16)| {
        for (view, labels) in views.iter().zip(first_pass) {
            for (token, &label) in view.tokens.iter().zip(labels) {
                f(
                    token.norm,
                    kind_of_label
                        .get(label as usize)
                        .copied()
                        .unwrap_or(OUTSIDE),
                    token.flags,
                );
            }
        }
    };
    each(views, &mut |norm, kind, f| {
        let tally = tallies.entry(norm).or_default();
        tally.kinds[kind] += 1;
        tally.capitalised += u32::from(is_capitalised_inside(f));
        tally.lowercase += u32::from(f & flags::ALL_LOWER != 0);
    });
    for (view, labels) in views.iter_mut().zip(first_pass) {
        for (token, &label) in view.tokens.iter_mut().zip(labels) {
            if token.flags & flags::PUNCT != 0 {
                continue;
            }
            let Some(mut tally) = tallies.get(&token.norm).copied() else {
                continue;
            };
            tally.kinds[kind_of_label
                .get(label as usize)
                .copied()
                .unwrap_or(OUTSIDE)] -= 1;
            tally.capitalised -= u32::from(is_capitalised_inside(token.flags));
            tally.lowercase -= u32::from(token.flags & flags::ALL_LOWER != 0);
            token.doc = bits(&tally);
        }
    }
}

fn is_capitalised_inside(f: u16) -> bool {
    f & flags::INIT_CAP != 0 && f & flags::SENTENCE_START == 0 && f & flags::CAPS_SENTENCE == 0
}

fn bits(tally: &Tally) -> u16 {
    let mut bits = 0u16;
    let mut best = (0u32, OUTSIDE);
    for (kind, &count) in tally.kinds.iter().enumerate() {
        if count > 0 {
            bits |= 1 << kind;
            if count > best.0 {
                best = (count, kind);
            }
        }
    }
    if best.0 > 0 {
        bits |= 1 << (MAJORITY + best.1);
    }
    if tally.capitalised > 0 {
        bits |= CAPITALISED_ELSEWHERE;
    }
    if tally.lowercase > 0 {
        bits |= LOWERCASE_ELSEWHERE;
    }
    bits
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::learn::view::ViewBuilder;

    #[test]
    fn other_occurrences_inform_each_token() {
        let labels = LabelSet::bilou(&KINDS);
        let id = |n: &str| labels.index(n).unwrap();
        let mut builder = ViewBuilder::new();
        let mut views = vec![
            builder.build(&["Bill", "Clinton", "spoke"], None, None),
            builder.build(&["Then", "Clinton", "left"], None, None),
        ];
        let first_pass = vec![
            vec![id("B-PER"), id("L-PER"), id("O")],
            vec![id("O"), id("O"), id("O")],
        ];
        set_document_features(&mut views, &first_pass, &labels);
        let second_clinton = views[1].tokens[1].doc;
        assert!(second_clinton & 1 != 0, "another Clinton was a person");
        assert!(second_clinton & (1 << MAJORITY) != 0, "mostly a person");
        assert!(second_clinton & CAPITALISED_ELSEWHERE != 0);
        let first_clinton = views[0].tokens[1].doc;
        assert!(
            first_clinton & (1 << OUTSIDE) != 0,
            "the other Clinton was outside any entity"
        );
        assert_eq!(views[0].tokens[2].doc, 0, "spoke appears once");
    }

    #[test]
    fn a_word_met_more_than_65535_times_still_counts() {
        let labels = LabelSet::bilou(&KINDS);
        let id = |n: &str| labels.index(n).unwrap();
        let mut builder = ViewBuilder::new();
        let mut views: Vec<_> = (0..70_000)
            .map(|_| builder.build(&["Then", "Yes", "said"], None, None))
            .collect();
        let first_pass = vec![vec![id("O"), id("O"), id("O")]; views.len()];
        set_document_features(&mut views, &first_pass, &labels);
        let yes = views[0].tokens[1].doc;
        assert!(yes & (1 << OUTSIDE) != 0, "the other Yeses were outside");
        assert!(yes & (1 << (MAJORITY + OUTSIDE)) != 0, "mostly outside");
        assert!(yes & CAPITALISED_ELSEWHERE != 0);
    }
}
