//! The `quotes` stage: who said what, through whom.
//!
//! A perceptron tagger trained on PolNeAR labels each token of a paragraph as
//! part of a source, a cue or a content; [`assemble`] groups those spans into
//! attributions around their cues; [`sourcing`] then reads the constructions
//! that name a chain of outlets ("The Post quoted an official as saying",
//! "as quoted by DAWN", "according to X"), resolves each source mention to an
//! entity where one is certain, and finds the quoted fragments and the kind
//! of each attribution.

// Attributions hold lists of token ranges; `vec![a..b]` is a list of one range.
#![allow(clippy::single_range_in_vec_init)]

pub mod assemble;

pub mod features;
pub mod layouts;
pub mod marks;
pub mod passes;
pub mod sourcing;
pub mod templates;

use std::ops::Range;
use std::path::Path;

use crate::learn::labels_set::LabelledSpan;
use crate::learn::model::ModelError;
use crate::learn::sequence::{Scratch, decode_cached};
use crate::learn::tagger::SequenceTagger;
use crate::learn::view::ViewBuilder;
use crate::learn::vocabulary::Vocabulary;
use crate::learn::word_cache::WordCache;
use crate::model::Pos;
use crate::model::annotated::Annotated;
use crate::model::{Attribution, Layer, QuoteKind, Stage};
use features::{Sequence, cue_classes, quote_states, sequences};
use templates::AttributionTemplates;

/// The span kinds the tagger labels.
pub const KINDS: [&str; 3] = ["SOURCE", "CUE", "CONTENT"];

/// The labels of the attribution tagger.
pub fn label_set() -> crate::learn::labels_set::LabelSet {
    crate::learn::labels_set::LabelSet::bilou(&KINDS)
}

/// The attribution tagger with its word caches.
pub struct Quotes {
    tagger: SequenceTagger<AttributionTemplates>,
    vocabulary: Vocabulary,
    first_cache: WordCache,
    second_cache: WordCache,
}

/// Words the attribution tagger caches.
const VOCABULARY_SIZE: usize = 12_000;

impl Quotes {
    /// The stage with the embedded model, or the model file at `path`.
    pub fn load(path: Option<&Path>) -> Result<Self, ModelError> {
        let bytes = crate::learn::model::model_bytes(path, crate::data::models::QUOTES, "quotes")?;
        let tagger = SequenceTagger::load(&bytes, "quotes", AttributionTemplates)?;
        crate::learn::tagger::check_kinds(tagger.label_set(), &KINDS)?;
        let first = tagger
            .first_pass()
            .ok_or_else(|| ModelError::Incompatible("the quotes model has no first pass".into()))?;
        let vocabulary = Vocabulary::new(
            tagger.vocabulary.iter().map(String::as_str),
            VOCABULARY_SIZE,
            tagger.clusters.as_ref(),
        );
        let first_cache = WordCache::build(&AttributionTemplates, first, &vocabulary);
        let second_cache = tagger.cache(&vocabulary);
        Ok(Quotes {
            tagger,
            vocabulary,
            first_cache,
            second_cache,
        })
    }

    /// The attributions the two passes find, with their cue, source and
    /// content tokens, in text order.
    pub fn find(&self, doc: &Annotated) -> Vec<Attribution> {
        let classes = cue_classes(doc);
        let quotes = quote_states(doc.tokens.len(), &marks::quotations(doc));
        let mut builder = ViewBuilder::with_vocabulary(&self.vocabulary);
        let mut scratch = Scratch::default();
        let (mut first, mut second, mut rows) = (Vec::new(), Vec::new(), Vec::new());
        let mut found: Vec<Attribution> = Vec::new();
        let labels = self.tagger.label_set();
        for Sequence { tokens, view } in sequences(
            doc,
            &mut builder,
            self.tagger.clusters.as_ref(),
            &classes,
            &quotes,
        ) {
            let Some(first_pass) = self.tagger.first_pass() else {
                return found;
            };
            decode_cached(
                first_pass,
                Some(&self.first_cache),
                labels,
                &AttributionTemplates,
                &view,
                &mut scratch,
                &mut first,
            );
            let kinds: Vec<u8> = first.iter().map(|&l| passes::kind_of(l)).collect();
            let mut cues = passes::cue_spans(&kinds);
            cues.retain(|c| has_lexical_word(doc, tokens.start + c.start..tokens.start + c.end));
            if cues.is_empty() {
                continue_quotation(&mut found, labels.decode_spans(&first), tokens.start);
                continue;
            }
            let first_spans = labels.decode_spans(&first);
            let by_cue = spans_by_nearest_cue(&first_spans, &cues);
            let paragraph = passes::Paragraph::new(&view, &kinds);
            let mut anchored = view;
            self.tagger
                .fixed_rows(&anchored, Some(&self.second_cache), &mut scratch, &mut rows);
            for (c, cue) in cues.iter().enumerate() {
                let window = paragraph.window(cue);
                passes::anchor(&mut anchored, &paragraph, &kinds, cue, &window);
                self.tagger.labels_in_range(
                    &anchored,
                    window.clone(),
                    &rows,
                    &mut scratch,
                    &mut second,
                );
                let offset = tokens.start + window.start;
                let anchor = tokens.start + cue.start..tokens.start + cue.end;
                let second_found = attribution(labels.decode_spans(&second), offset, &anchor);
                let chosen = second_found.unwrap_or_else(|| {
                    let spans = by_cue[c].iter().map(|&k| &first_spans[k]);
                    first_pass_attribution(spans, cue, tokens.start)
                });
                found.push(chosen);
            }
        }
        found.sort_by_key(|a| a.cue[0].start);
        found.dedup_by(|b, a| a.cue == b.cue);
        found
    }
}

/// A cue of auxiliaries, modals and negation alone ("did not", "will") says
/// nothing: some word of it must be a verb, noun or preposition of its own.
fn has_lexical_word(doc: &Annotated, cue: Range<usize>) -> bool {
    doc.tokens[cue].iter().any(|t| {
        let word = doc.token_text(t).to_lowercase();
        let pos = t.pos;
        let function = pos == Pos::MD
            || (pos.is_verb() && crate::lexicon::lists::is_auxiliary(&word))
            || matches!(word.as_str(), "not" | "n't" | "never");
        !function && word.chars().any(char::is_alphanumeric)
    })
}

/// The attribution the second pass labelled around the cue at `anchor`:
/// its cue spans touching the anchor, the source nearest the cue, every
/// content; none when the second pass gave the anchor no cue (then the
/// first pass's reading stands).
fn attribution(
    spans: Vec<LabelledSpan>,
    offset: usize,
    anchor: &Range<usize>,
) -> Option<Attribution> {
    let mut a = empty_attribution();
    let gap = |r: &Range<usize>| {
        if r.end <= anchor.start {
            anchor.start - r.end
        } else {
            r.start.saturating_sub(anchor.end)
        }
    };
    for LabelledSpan { start, end, kind } in spans {
        let range = offset + start..offset + end;
        match kind.as_str() {
            "CUE" if range.start < anchor.end && range.end > anchor.start => a.cue.push(range),
            "SOURCE" if a.source.first().is_none_or(|s| gap(&range) < gap(s)) => {
                a.source = vec![range]
            }
            "CONTENT" => a.content.push(range),
            _ => {}
        }
    }
    (!a.cue.is_empty()).then_some(a)
}

/// Gap in tokens between a span and a cue (0 when they overlap).
fn gap(span: &Range<usize>, cue: &Range<usize>) -> usize {
    if span.end <= cue.start {
        cue.start - span.end
    } else {
        span.start.saturating_sub(cue.end)
    }
}

/// For each cue (in text order, not overlapping), the first-pass spans whose
/// nearest cue it is (the earlier cue on a tie).
fn spans_by_nearest_cue(spans: &[LabelledSpan], cues: &[Range<usize>]) -> Vec<Vec<usize>> {
    let mut by_cue = vec![Vec::new(); cues.len()];
    for (k, span) in spans.iter().enumerate() {
        if let Some(c) = nearest_cue(&(span.start..span.end), cues) {
            by_cue[c].push(k);
        }
    }
    by_cue
}

/// The index of the cue nearest `span`, the first of those as near.
fn nearest_cue(span: &Range<usize>, cues: &[Range<usize>]) -> Option<usize> {
    // Cues starting before the span ends get nearer as they end later; the
    // first of them to reach the span start is at gap 0, like every later one.
    let after = cues.partition_point(|c| c.start < span.end);
    let before = (after > 0).then(|| {
        let touching = cues[..after].partition_point(|c| c.end < span.start);
        touching.min(after - 1)
    });
    let after = (after < cues.len()).then_some(after);
    match (before, after) {
        (Some(b), Some(a)) if gap(span, &cues[a]) < gap(span, &cues[b]) => Some(a),
        (Some(b), _) => Some(b),
        (None, a) => a,
    }
}

/// The attribution the first pass labelled around `cue` (paragraph
/// positions) from the source and content spans whose nearest first-pass cue
/// it is: the source nearest the cue, every content.
fn first_pass_attribution<'a>(
    spans: impl Iterator<Item = &'a LabelledSpan>,
    cue: &Range<usize>,
    offset: usize,
) -> Attribution {
    let mut a = empty_attribution();
    a.cue = vec![offset + cue.start..offset + cue.end];
    for span in spans {
        let range = span.start..span.end;
        let shifted = offset + range.start..offset + range.end;
        match span.kind.as_str() {
            "SOURCE"
                if a.source.first().is_none_or(|s| {
                    gap(&range, cue) < gap(&(s.start - offset..s.end - offset), cue)
                }) =>
            {
                a.source = vec![shifted]
            }
            "CONTENT" => a.content.push(shifted),
            _ => {}
        }
    }
    a
}

fn empty_attribution() -> Attribution {
    Attribution {
        kind: QuoteKind::Indirect,
        cue: Vec::new(),
        source: Vec::new(),
        content: Vec::new(),
        quoted: Vec::new(),
        speaker: None,
        via: Vec::new(),
        cites: Vec::new(),
    }
}

/// A paragraph without cues whose first pass found content at its start
/// continues the last attribution when that one is still waiting for its
/// content (a colon introduction) or is a quotation over several paragraphs.
fn continue_quotation(found: &mut [Attribution], spans: Vec<LabelledSpan>, offset: usize) {
    let Some(last) = found.last_mut() else {
        return;
    };
    for span in spans.into_iter().filter(|s| s.kind == "CONTENT") {
        if last.content.is_empty() || span.start == 0 {
            last.content.push(offset + span.start..offset + span.end);
        }
    }
}

impl Stage for Quotes {
    fn name(&self) -> &'static str {
        "quotes"
    }

    fn requires(&self) -> &'static [Layer] {
        &[
            Layer::Tokens,
            Layer::Sentences,
            Layer::PartsOfSpeech,
            Layer::Phrases,
            Layer::Names,
            Layer::Entities,
        ]
    }

    fn adds(&self) -> &'static [Layer] {
        &[Layer::Attributions]
    }

    fn run(&self, doc: &mut Annotated) {
        let mut attributions = self.find(doc);
        layouts::add_laid_out_quotations(doc, &mut attributions);
        layouts::trailing_reporting_clauses(doc, &mut attributions);
        sourcing::resolve(doc, &mut attributions);
        assemble::finish(doc, &mut attributions);
        doc.attributions = attributions;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nearest_cue_is_the_first_of_the_nearest() {
        let cues = [2..3, 6..8, 12..13, 20..21];
        for start in 0..24 {
            for end in start + 1..25 {
                let span = start..end;
                let expected = cues
                    .iter()
                    .enumerate()
                    .min_by_key(|(_, c)| gap(&span, c))
                    .map(|(i, _)| i);
                assert_eq!(nearest_cue(&span, &cues), expected, "span {span:?}");
            }
        }
        assert_eq!(nearest_cue(&(0..1), &[]), None);
    }
}
