//! The attribution tagger's view of a document: one sequence a paragraph (a
//! quotation often runs over several sentences, and its speaker may be named
//! in the sentence after), each token carrying its part of speech, chunk and
//! entity tags, its cue class, whether it is quoted, and how far the nearest
//! cue verb of its sentence is.

use std::ops::Range;
use std::sync::LazyLock;

use super::marks::Quotation;
use crate::learn::clusters::Clusters;
use crate::learn::view::{AttributionFeatures, SentenceView, ViewBuilder, pos_hash};
use crate::lexicon::cues::{CueClass, cue_class};
use crate::model::Pos;
use crate::model::annotated::Annotated;
use crate::model::labels::{Iob, POS_TAGS};

/// A paragraph's tokens and their view.
pub struct Sequence {
    /// Document token indexes.
    pub tokens: Range<usize>,
    /// What the tagger sees.
    pub view: SentenceView,
}

/// Where a token stands with respect to quotation marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[repr(u8)]
pub enum QuoteState {
    /// Not quoted.
    #[default]
    Outside = 0,
    /// An opening mark.
    Open = 1,
    /// A closing mark.
    Close = 2,
    /// Inside a quotation.
    Inside = 3,
}

/// The quotation state of every token of the document.
pub fn quote_states(tokens: usize, quotations: &[Quotation]) -> Vec<QuoteState> {
    // How many quotations open and close at each token, summed as we go:
    // nested quotations cover the same tokens, and marking each would cost
    // their lengths over again.
    let mut changes = vec![0i32; tokens + 1];
    for q in quotations {
        changes[q.inside.start] += 1;
        changes[q.inside.end] -= 1;
    }
    let mut depth = 0;
    let mut states: Vec<QuoteState> = changes[..tokens]
        .iter()
        .map(|change| {
            depth += change;
            if depth > 0 {
                QuoteState::Inside
            } else {
                QuoteState::Outside
            }
        })
        .collect();
    for q in quotations.iter().filter(|q| !q.nested) {
        states[q.open] = QuoteState::Open;
        if let Some(close) = q.close {
            states[close] = QuoteState::Close;
        }
    }
    states
}

/// The paragraphs of a document as token ranges, each a run of whole
/// sentences; a blank line (or a paragraph separator) ends a paragraph.
pub fn paragraphs(doc: &Annotated) -> Vec<Range<usize>> {
    let text = doc.text();
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut previous_end: Option<usize> = None;
    for sentence in &doc.sentences {
        if sentence.tokens.is_empty() {
            continue;
        }
        let starts_paragraph =
            previous_end.is_none_or(|end| is_paragraph_break(text, end, sentence.span.start));
        match out.last_mut() {
            Some(last) if !starts_paragraph => last.end = sentence.tokens.end,
            _ => out.push(sentence.tokens.clone()),
        }
        previous_end = Some(sentence.span.end);
    }
    out
}

/// Whether the gap between two offsets holds a blank line.
pub fn is_paragraph_break(text: &str, from: usize, to: usize) -> bool {
    text.get(from..to)
        .is_some_and(|gap| gap.matches('\n').count() >= 2 || gap.contains('\u{2029}'))
}

static POS_HASHES: LazyLock<Vec<u64>> =
    LazyLock::new(|| POS_TAGS.iter().map(|t| pos_hash(t)).collect());

fn iob_index(iob: Iob) -> u16 {
    match iob {
        Iob::Outside => 0,
        Iob::Begin(k) => 1 + 2 * u16::from(k),
        Iob::Inside(k) => 2 + 2 * u16::from(k),
    }
}

/// The cue class of every token (inflected forms of the lexicon's verbs,
/// its nouns and sourcing words).
pub fn cue_classes(doc: &Annotated) -> Vec<Option<CueClass>> {
    doc.tokens
        .iter()
        .map(|t| cue_class(doc.token_text(t)))
        .collect()
}

/// Whether a token can anchor the cue distance: a lexicon verb (by its part
/// of speech) or a sourcing word, outside quotations.
fn anchors_distance(class: Option<CueClass>, pos: Pos, quote: QuoteState) -> bool {
    quote == QuoteState::Outside
        && match class {
            Some(CueClass::Sourcing) => true,
            Some(CueClass::Noun) | None => false,
            Some(_) => pos.is_verb(),
        }
}

/// The views of a document's paragraphs.
pub fn sequences(
    doc: &Annotated,
    builder: &mut ViewBuilder,
    clusters: Option<&Clusters>,
    classes: &[Option<CueClass>],
    quotes: &[QuoteState],
) -> Vec<Sequence> {
    let mut words: Vec<&str> = Vec::new();
    paragraphs(doc)
        .into_iter()
        .map(|range| {
            let mut view = SentenceView {
                tokens: Vec::with_capacity(range.len()),
            };
            let first = doc
                .sentences
                .partition_point(|s| s.tokens.start < range.start);
            let in_paragraph = doc.sentences[first..]
                .iter()
                .take_while(|s| s.tokens.end <= range.end);
            for (number, sentence) in in_paragraph.enumerate() {
                words.clear();
                words.extend(
                    doc.tokens[sentence.tokens.clone()]
                        .iter()
                        .map(|t| doc.token_text(t)),
                );
                let mut part = builder.build(&words, clusters, None);
                let anchors: Vec<usize> = sentence
                    .tokens
                    .clone()
                    .filter(|&i| anchors_distance(classes[i], doc.tokens[i].pos, quotes[i]))
                    .collect();
                let mut nearest = Nearest::new(&anchors);
                for (k, (view_token, i)) in part
                    .tokens
                    .iter_mut()
                    .zip(sentence.tokens.clone())
                    .enumerate()
                {
                    let token = &doc.tokens[i];
                    view_token.pos = POS_HASHES.get(token.pos.index()).copied().unwrap_or(0);
                    view_token.attribution = AttributionFeatures {
                        chunk: iob_index(token.chunk),
                        entity: iob_index(token.ner),
                        cue: classes[i].map_or(0, |c| c as u8 + 1),
                        quote: quotes[i] as u8,
                        cue_distance: nearest.distance(sentence.tokens.start + k),
                        from_sentence_start: clamp(k),
                        to_sentence_end: clamp(sentence.tokens.len() - k),
                        sentence: u16::try_from(number).unwrap_or(u16::MAX),
                        ..AttributionFeatures::default()
                    };
                }
                view.tokens.extend(part.tokens);
            }
            Sequence {
                tokens: range,
                view,
            }
        })
        .collect()
}

fn clamp(n: usize) -> u8 {
    u8::try_from(n).unwrap_or(u8::MAX)
}

/// The nearest anchor of tokens visited in order, found by walking the
/// sorted anchors along with them instead of searching them all each time.
struct Nearest<'a> {
    anchors: &'a [usize],
    next: usize,
}

impl<'a> Nearest<'a> {
    fn new(anchors: &'a [usize]) -> Self {
        Nearest { anchors, next: 0 }
    }

    /// Signed distance from `i` (not less than the last asked) to the
    /// nearest anchor, the following one on a tie, clamped to ±8; 99 for none.
    fn distance(&mut self, i: usize) -> i8 {
        while self.anchors.get(self.next).is_some_and(|&a| a < i) {
            self.next += 1;
        }
        let following = self
            .anchors
            .get(self.next)
            .map(|&a| a as isize - i as isize);
        let preceding = self
            .next
            .checked_sub(1)
            .map(|p| self.anchors[p] as isize - i as isize);
        let nearest = match (preceding, following) {
            (Some(p), Some(f)) if -p < f => p,
            (_, Some(f)) => f,
            (Some(p), None) => p,
            (None, None) => return 99,
        };
        nearest.clamp(-8, 8) as i8
    }
}

#[cfg(test)]
fn nearest(anchors: &[usize], i: usize) -> i8 {
    Nearest::new(anchors).distance(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_anchor_prefers_the_closest_then_the_following() {
        assert_eq!(nearest(&[], 3), 99);
        assert_eq!(nearest(&[5], 3), 2);
        assert_eq!(nearest(&[1, 5], 3), 2);
        assert_eq!(nearest(&[0], 30), -8);
        assert_eq!(nearest(&[1, 5], 3), 2, "a tie goes to the following anchor");
        let anchors = [2, 9, 10, 30];
        let mut walk = Nearest::new(&anchors);
        for i in 0..40 {
            let brute = anchors
                .iter()
                .map(|&a| a as isize - i as isize)
                .min_by_key(|d| (d.abs(), *d < 0))
                .map_or(99, |d| d.clamp(-8, 8) as i8);
            assert_eq!(walk.distance(i), brute, "token {i}");
        }
    }

    #[test]
    fn paragraph_breaks_need_a_blank_line() {
        assert!(is_paragraph_break("a.\n\nb", 2, 4));
        assert!(is_paragraph_break("a.\n \nb", 2, 5));
        assert!(!is_paragraph_break("a.\nb", 2, 3));
        assert!(!is_paragraph_break("a. b", 2, 3));
    }
}
