//! The last touches to found attributions: contents in order, the quoted
//! fragments inside them (scare quotes left out), and the kind.

use std::ops::Range;

use super::marks::{Quotation, quotations};
use crate::model::Pos;
use crate::model::annotated::Annotated;
use crate::model::{Attribution, QuoteKind};

/// Drop attributions without content; order contents; find quoted
/// fragments and kinds.
pub fn finish(doc: &Annotated, attributions: &mut Vec<Attribution>) {
    let quotes = Said::new(doc, quotations(doc));
    attributions.retain(|a| !a.content.is_empty());
    for a in attributions.iter_mut() {
        take_in_adverbs(doc, &mut a.cue);
        snap_to_quotations(&mut a.content, &quotes);
        a.content.sort_by_key(|r| r.start);
        a.content.dedup_by(|next, kept| {
            let joined =
                (kept.end..next.start).all(|i| !is_wordlike(doc.token_text(&doc.tokens[i])));
            if joined {
                kept.end = kept.end.max(next.end);
            }
            joined
        });
        a.quoted = quoted_fragments(&a.content, &quotes);
        a.kind = kind(doc, &a.content, &a.quoted);
    }
}

/// Adverbs right before a verb cue belong to it ("also said", "further
/// added", "repeatedly denied"), as annotators mark cues.
fn take_in_adverbs(doc: &Annotated, cue: &mut [Range<usize>]) {
    let Some(first) = cue.iter_mut().min_by_key(|c| c.start) else {
        return;
    };
    if !doc.tokens[first.start].pos.is_verb() {
        return;
    }
    let adverb = |i: usize| {
        doc.tokens[i].pos.is_adverb()
            && doc
                .token_text(&doc.tokens[i])
                .starts_with(char::is_lowercase)
    };
    while first.start > 0 && adverb(first.start - 1) {
        first.start -= 1;
    }
}

/// Whether a token has a letter or digit (ranges of a content separated only
/// by marks and punctuation are one range).
fn is_wordlike(token: &str) -> bool {
    token.chars().any(char::is_alphanumeric)
}

/// The quotations that are said rather than scare quotes, in order of their
/// opening marks, with the furthest any of them reaches so far: the ones a
/// token range meets are found without looking at the others.
struct Said {
    quotations: Vec<Quotation>,
    reach: Vec<usize>,
}

impl Said {
    fn new(doc: &Annotated, all: Vec<Quotation>) -> Self {
        let quotations: Vec<Quotation> = all
            .into_iter()
            .filter(|q| !q.nested && !is_scare_quote(doc, q))
            .collect();
        let mut furthest = 0;
        let reach = quotations
            .iter()
            .map(|q| {
                furthest = furthest.max(whole(q).end);
                furthest
            })
            .collect();
        Said { quotations, reach }
    }

    /// Index of the first quotation that may reach past `start`.
    fn first_reaching(&self, start: usize) -> usize {
        self.reach.partition_point(|&end| end <= start)
    }
}

/// A quotation with its marks.
fn whole(q: &Quotation) -> Range<usize> {
    q.open..q.close.map_or(q.inside.end, |c| c + 1)
}

/// A quotation is said whole: a content range that takes in part of one
/// (not a scare quote) takes in all of it, marks included.
fn snap_to_quotations(content: &mut [Range<usize>], quotes: &Said) {
    for c in content.iter_mut() {
        let first = quotes.first_reaching(c.start);
        for q in &quotes.quotations[first..] {
            let whole = whole(q);
            if whole.start >= c.end {
                break;
            }
            if c.start < whole.end {
                *c = c.start.min(whole.start)..c.end.max(whole.end);
            }
        }
    }
}

/// Whether a quotation is a scare quote: a short term inside a noun phrase
/// that began before the opening mark (`the "Afghan government"`, `the
/// so-called "peace plan"`).
pub fn is_scare_quote(doc: &Annotated, q: &Quotation) -> bool {
    let words = q.inside.len();
    let before = q.open.checked_sub(1);
    let tag = before.map(|i| doc.tokens[i].pos);
    let so_called = before.is_some_and(|i| {
        doc.token_text(&doc.tokens[i])
            .eq_ignore_ascii_case("so-called")
    });
    words <= 4 && (so_called || matches!(tag, Some(Pos::DT | Pos::PRPS | Pos::POS)))
}

/// The quotations inside the content, clipped to it, without scare quotes:
/// quotation by quotation, and in each by content range.
fn quoted_fragments(content: &[Range<usize>], quotes: &Said) -> Vec<Range<usize>> {
    let mut out: Vec<(usize, usize, Range<usize>)> = Vec::new();
    for (k, c) in content.iter().enumerate() {
        let first = quotes.first_reaching(c.start);
        for (n, q) in quotes.quotations.iter().enumerate().skip(first) {
            if q.open >= c.end {
                break;
            }
            let (start, end) = (q.inside.start.max(c.start), q.inside.end.min(c.end));
            if start < end {
                out.push((n, k, start..end));
            }
        }
    }
    out.sort_by_key(|(n, k, _)| (*n, *k));
    out.into_iter().map(|(_, _, range)| range).collect()
}

/// Direct when every word of the content is quoted (a leading "that" and
/// punctuation aside), mixed when some are, indirect when none are.
fn kind(doc: &Annotated, content: &[Range<usize>], quoted: &[Range<usize>]) -> QuoteKind {
    if quoted.is_empty() {
        return QuoteKind::Indirect;
    }
    let words = content.iter().flat_map(|r| r.clone()).filter(|&i| {
        let text = doc.token_text(&doc.tokens[i]);
        text.chars().any(char::is_alphanumeric)
            && !(i == content[0].start && text.eq_ignore_ascii_case("that"))
    });
    let mut covered: Vec<Range<usize>> = quoted.to_vec();
    covered.sort_by_key(|q| q.start);
    // Words come in increasing order, so the quoted ranges are walked once.
    let mut next = 0;
    let mut reach = 0;
    let all_quoted = words.clone().all(|i| {
        while next < covered.len() && covered[next].start <= i {
            reach = reach.max(covered[next].end);
            next += 1;
        }
        i < reach
    });
    if all_quoted {
        QuoteKind::Direct
    } else {
        QuoteKind::Mixed
    }
}
