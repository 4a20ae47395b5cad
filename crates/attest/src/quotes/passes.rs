//! The two passes of the attribution tagger.
//!
//! The first pass labels a paragraph's sources, cues and contents all at
//! once. The second pass runs once for each cue the first pass found, on the
//! sentences around it, and labels the source, cue and content of that one
//! attribution, knowing where its cue is and what the first pass said: this
//! is where a content is told apart from the neighbouring attribution's, a
//! source is found across a clause, and a false cue is dropped (the second
//! pass labels none of its tokens a cue).

use std::ops::Range;

use crate::learn::view::{SentenceView, flags};

/// Sentences the second pass sees on each side of the cue's sentence.
const CONTEXT_SENTENCES: usize = 2;

/// The span kind of a quotes label (O, then B/I/L/U of SOURCE, CUE,
/// CONTENT): 0 for O, else 1 + the kind's index.
pub fn kind_of(label: u16) -> u8 {
    if label == 0 {
        0
    } else {
        1 + ((label - 1) / 4) as u8
    }
}

/// The first-pass kind of a cue.
pub const CUE: u8 = 2;

/// What the second pass needs to know of a paragraph, found once for all
/// its cues: where its sentences start and where its first-pass cues start.
/// Each cue's pass then costs in proportion to its window, not to the
/// paragraph (a paragraph can be a whole article).
pub struct Paragraph {
    sentence_starts: Vec<usize>,
    cue_starts: Vec<usize>,
    len: usize,
}

impl Paragraph {
    /// The paragraph of `view` with first-pass kinds `first`.
    pub fn new(view: &SentenceView, first: &[u8]) -> Self {
        let sentence_starts = (0..view.len())
            .filter(|&i| i == 0 || view.tokens[i].flags & flags::SENTENCE_START != 0)
            .collect();
        let cue_starts = (0..first.len())
            .filter(|&i| first[i] == CUE && (i == 0 || first[i - 1] != CUE))
            .collect();
        Paragraph {
            sentence_starts,
            cue_starts,
            len: view.len(),
        }
    }

    /// The view positions the second pass labels for the cue at `cue`: from
    /// the start of the sentence `CONTEXT_SENTENCES` before the cue's to
    /// the end of the one as many after.
    pub fn window(&self, cue: &Range<usize>) -> Range<usize> {
        let starts = &self.sentence_starts;
        let sentence = starts
            .partition_point(|&s| s <= cue.start)
            .saturating_sub(1);
        let first = sentence.saturating_sub(CONTEXT_SENTENCES);
        let last = sentence + CONTEXT_SENTENCES + 1;
        starts.get(first).copied().unwrap_or(0)..starts.get(last).copied().unwrap_or(self.len)
    }

    /// Cues other than `cue` that start at or before `i`.
    fn cues_before(&self, i: usize, cue: &Range<usize>) -> u16 {
        let upto = |end: usize| self.cue_starts.partition_point(|&s| s < end);
        let own = upto((i + 1).min(cue.end)).saturating_sub(upto(cue.start));
        u16::try_from(upto(i + 1) - own).unwrap_or(u16::MAX)
    }
}

/// Tokens beyond a window whose features the second pass reads (a token's
/// features look at its neighbours).
const WINDOW_MARGIN: usize = 2;

/// Make a paragraph view the second pass's view of the cue at `cue` in
/// `window`: each token with its first-pass kind and its distance to the
/// cue. (The pass labels only the window, but the features that do not
/// depend on the cue are computed once for the whole paragraph.) Tokens
/// further than `WINDOW_MARGIN` from the window are left as they were:
/// no feature of the window reads them.
pub fn anchor(
    view: &mut SentenceView,
    paragraph: &Paragraph,
    first: &[u8],
    cue: &Range<usize>,
    window: &Range<usize>,
) {
    let from = window.start.saturating_sub(WINDOW_MARGIN);
    let to = (window.end + WINDOW_MARGIN).min(view.len());
    for (i, token) in view.tokens.iter_mut().enumerate().take(to).skip(from) {
        token.attribution.cues_before = paragraph.cues_before(i, cue);
        token.attribution.first = first[i];
        token.attribution.anchor = if i < cue.start {
            distance(cue.start - i)
        } else if i >= cue.end {
            -distance(i + 1 - cue.end)
        } else {
            0
        };
    }
}

fn distance(d: usize) -> i16 {
    i16::try_from(d).unwrap_or(i16::MAX - 1).min(i16::MAX - 1)
}

/// The contiguous runs of first-pass cue labels.
pub fn cue_spans(first: &[u8]) -> Vec<Range<usize>> {
    let mut spans: Vec<Range<usize>> = Vec::new();
    for (i, &kind) in first.iter().enumerate() {
        if kind != CUE {
            continue;
        }
        match spans.last_mut() {
            Some(last) if last.end == i => last.end = i + 1,
            _ => spans.push(i..i + 1),
        }
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::learn::view::{NO_ANCHOR, TokenView};

    fn view(sentence_lengths: &[usize]) -> SentenceView {
        let mut tokens = Vec::new();
        for &n in sentence_lengths {
            for i in 0..n {
                let mut t = TokenView::default();
                if i == 0 {
                    t.flags |= flags::SENTENCE_START;
                }
                tokens.push(t);
            }
        }
        SentenceView { tokens }
    }

    #[test]
    fn the_window_holds_two_sentences_each_side() {
        let v = view(&[3, 3, 3, 3, 3, 3, 3]);
        let paragraph = Paragraph::new(&v, &[0; 21]);
        assert_eq!(paragraph.window(&(10..11)), 3..18);
        assert_eq!(paragraph.window(&(0..1)), 0..9);
    }

    #[test]
    fn anchors_point_at_the_cue() {
        let mut a = view(&[6]);
        let first = [0, 0, 2, 2, 0, 0];
        let paragraph = Paragraph::new(&a, &first);
        anchor(&mut a, &paragraph, &first, &(2..4), &(0..6));
        let anchors: Vec<i16> = a.tokens.iter().map(|t| t.attribution.anchor).collect();
        assert_eq!(anchors, vec![2, 1, 0, 0, -1, -2]);
        assert_ne!(anchors[0], NO_ANCHOR);
        assert_eq!(cue_spans(&[0, 2, 2, 0, 2]), vec![1..3, 4..5]);
        assert_eq!(kind_of(0), 0);
        assert_eq!(kind_of(5), 2);
    }

    #[test]
    fn other_cues_count_from_where_they_start() {
        let mut a = view(&[8]);
        let first = [2, 0, 2, 2, 0, 2, 0, 0];
        let paragraph = Paragraph::new(&a, &first);
        anchor(&mut a, &paragraph, &first, &(2..4), &(0..8));
        let before: Vec<u16> = a.tokens.iter().map(|t| t.attribution.cues_before).collect();
        assert_eq!(before, vec![1, 1, 1, 1, 1, 2, 2, 2]);
    }
}
