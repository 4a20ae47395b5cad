//! Quotations the tagger cannot see as speech because their layout, not a
//! verb, says who spoke: a quotation signed after a dash (`"..." -Commissioner
//! Geoffrey Starks`) and a quotation a colon introduces (`The statement was
//! short: "..."`). Each becomes a direct attribution unless a found one
//! already holds it.

use std::ops::Range;

use super::assemble::is_scare_quote;
use super::empty_attribution;
use super::marks::{Quotation, quotations};
use crate::lexicon::cues::{CueClass, cue_class};
use crate::lexicon::lists::is_auxiliary;
use crate::model::Pos;
use crate::model::annotated::Annotated;
use crate::model::labels::NOUN_PHRASE;
use crate::model::span_index::SpanIndex;
use crate::model::{Attribution, MentionRef, QuoteKind};

/// Longest signature after a dash, in tokens: a longer rest of the line is
/// running text, not a name and a role.
const MAX_SIGNATURE: usize = 40;

/// Longest source of a trailing reporting clause ("..., a senior official in
/// the ministry said.").
const MAX_TRAILING_SOURCE: usize = 8;

/// The wire layouts "CLAUSE, the minister said." and "\"QUOTE,\" the
/// document, which ..., further mentioned." say by position who said what:
/// the noun phrase before a speech verb that ends the sentence is the source
/// (a relative clause after it set off by commas left out), the clause or
/// quotation before it the content. The layout's reading replaces the
/// tagger's (trained on long political features, it is unsure of these
/// short forms), and a "cue" inside the content that is no word of speech or
/// reports no clause ("Russia attacked Ukraine, the army said.") is dropped.
pub fn trailing_reporting_clauses(doc: &Annotated, attributions: &mut Vec<Attribution>) {
    // Each sentence's clause concerns only the attributions with a cue in
    // that sentence: they are found by sentence, not by searching them all.
    let by_sentence = by_cue_sentence(doc, attributions);
    let mut kept: Vec<Option<Attribution>> = attributions.drain(..).map(Some).collect();
    let mut added = Vec::new();
    for (s, sentence) in doc.sentences.iter().enumerate() {
        let Some(clause) = trailing_reporting_clause(doc, sentence.tokens.clone()) else {
            continue;
        };
        let content = clause.content.clone();
        let here = by_sentence.get(s).map_or(&[][..], Vec::as_slice);
        for &k in here {
            let dropped = kept[k].as_ref().is_some_and(|a| {
                let inside = a
                    .cue
                    .iter()
                    .all(|c| c.start >= content.start && c.end <= content.end);
                inside && !(a.cue.iter().any(|c| speaks(doc, c)) && says_a_clause(doc, a))
            });
            if dropped {
                kept[k] = None;
            }
        }
        let laid_out = Attribution {
            cue: vec![clause.cue.clone()],
            source: vec![clause.source],
            content: vec![content],
            ..empty_attribution()
        };
        let overlaps = |a: &Attribution| {
            a.cue
                .iter()
                .any(|c| c.start < clause.cue.end && clause.cue.start < c.end)
        };
        // A quotation's bounds are plain to the tagger: its reading of one
        // stands, the layout only adds what it missed.
        let found = here
            .iter()
            .find(|&&k| kept[k].as_ref().is_some_and(overlaps))
            .and_then(|&k| kept[k].as_mut());
        match found {
            Some(found) if clause.quotation && !found.content.is_empty() => {}
            Some(found) => *found = laid_out,
            None => added.push(laid_out),
        }
    }
    attributions.extend(kept.into_iter().flatten().chain(added));
    attributions.sort_by_key(|a| a.cue.first().map_or(0, |c| c.start));
}

/// For each sentence, the attributions with a cue in it, in list order.
fn by_cue_sentence(doc: &Annotated, attributions: &[Attribution]) -> Vec<Vec<usize>> {
    let mut by_sentence = vec![Vec::new(); doc.sentences.len()];
    for (k, a) in attributions.iter().enumerate() {
        let mut sentences: Vec<usize> = a
            .cue
            .iter()
            .filter(|c| !c.is_empty())
            .flat_map(|c| [c.start, c.end - 1])
            .filter_map(|token| sentence_of(doc, token))
            .collect();
        sentences.sort_unstable();
        sentences.dedup();
        let (Some(&first), Some(&last)) = (sentences.first(), sentences.last()) else {
            continue;
        };
        for slot in &mut by_sentence[first..=last] {
            slot.push(k);
        }
    }
    by_sentence
}

/// The index of the sentence holding token `i`.
fn sentence_of(doc: &Annotated, i: usize) -> Option<usize> {
    let s = doc.sentences.partition_point(|s| s.tokens.end <= i);
    doc.sentences
        .get(s)
        .filter(|s| s.tokens.contains(&i))
        .map(|_| s)
}

/// Whether an attribution's content holds a verb: what a nested cue reports
/// is a clause, not a bare name ("Russia attacked Ukraine").
fn says_a_clause(doc: &Annotated, a: &Attribution) -> bool {
    a.content
        .iter()
        .flat_map(|c| &doc.tokens[c.clone()])
        .any(|t| t.pos.is_verb() || t.pos == Pos::MD)
}

/// Whether a cue holds a word of the cue lexicon.
fn speaks(doc: &Annotated, cue: &Range<usize>) -> bool {
    doc.tokens[cue.clone()]
        .iter()
        .any(|t| cue_class(doc.token_text(t)).is_some())
}

/// The parts of a sentence that ends with its reporting clause.
struct TrailingClause {
    /// Whether the content is a quotation.
    quotation: bool,
    content: Range<usize>,
    source: Range<usize>,
    cue: Range<usize>,
}

/// The reporting clause that ends a sentence: `CONTENT , SOURCE VERB .` or
/// `" QUOTE , " SOURCE VERB .`, the verb a speech verb with the adverbs
/// before it, the source perhaps followed by `, which|who ... ,`.
fn trailing_reporting_clause(doc: &Annotated, sentence: Range<usize>) -> Option<TrailingClause> {
    let text = |i: usize| doc.token_text(&doc.tokens[i]);
    let pos = |i: usize| doc.tokens[i].pos;
    let cue = final_speech_cue(doc, sentence.clone())?;
    let source_end = source_end_before(doc, sentence.start, cue.start)?;
    let boundary = (sentence.start..source_end)
        .rev()
        .find(|&i| text(i) == "," || is_closing_mark(text(i)) || pos(i).is_verb())?;
    let source = boundary + 1..source_end;
    let named = source
        .clone()
        .any(|i| pos(i).is_noun() || pos(i) == Pos::PRP);
    if source.is_empty() || source.len() > MAX_TRAILING_SOURCE || !named {
        return None;
    }
    let content = if text(boundary) == "," {
        sentence.start..boundary
    } else if is_closing_mark(text(boundary)) && boundary > 0 && text(boundary - 1) == "," {
        sentence.start..boundary + 1
    } else {
        return None;
    };
    (content.len() >= 3).then_some(TrailingClause {
        quotation: text(boundary) != ",",
        content,
        source,
        cue,
    })
}

/// The cue of a sentence that ends with a speech verb: the verb, the
/// adverbs before it and a perfect's auxiliary ("has also said").
fn final_speech_cue(doc: &Annotated, sentence: Range<usize>) -> Option<Range<usize>> {
    let text = |i: usize| doc.token_text(&doc.tokens[i]);
    let pos = |i: usize| doc.tokens[i].pos;
    let last = sentence.end.checked_sub(1)?;
    let verb = if matches!(text(last), "." | "!") {
        last.checked_sub(1)?
    } else {
        last
    };
    // The tagger reads a verb after a comma as a participle at times
    // ("..., further mentioned."), and a perfect has one.
    let finite = matches!(pos(verb), Pos::VBD | Pos::VBZ | Pos::VBP | Pos::VBN);
    if cue_class(text(verb)) != Some(CueClass::Speech) || !finite || verb <= sentence.start + 3 {
        return None;
    }
    let mut start = verb;
    while start > sentence.start && pos(start - 1).is_adverb() {
        start -= 1;
    }
    if pos(verb) == Pos::VBN && is_auxiliary(&text(start - 1).to_lowercase()) {
        // "has said" reports; "was said" is a passive with no source before it.
        if !matches!(text(start - 1), "has" | "have" | "had") {
            return None;
        }
        start -= 1;
    }
    Some(start..verb + 1)
}

/// Where the source before a cue at `cue_start` ends: right before the cue,
/// or before `, which|who ... ,` when a relative clause comes between.
fn source_end_before(doc: &Annotated, floor: usize, cue_start: usize) -> Option<usize> {
    let text = |i: usize| doc.token_text(&doc.tokens[i]);
    if cue_start == floor || text(cue_start - 1) != "," {
        return Some(cue_start);
    }
    (floor + 1..cue_start - 1)
        .rev()
        .find(|&i| text(i) == "," && matches!(text(i + 1), "which" | "who" | "whose"))
}

fn is_closing_mark(token: &str) -> bool {
    matches!(token, "\"" | "”" | "''" | "’")
}

/// Add the signed and introduced quotations no attribution holds.
pub fn add_laid_out_quotations(doc: &Annotated, attributions: &mut Vec<Attribution>) {
    let held = Held::new(attributions);
    let mentions = doc.mention_index(|_| true);
    // Quotations come in order, so what this loop adds holds a quotation
    // only when it reaches past that quotation's start.
    let mut added_reach = 0;
    let mut added = Vec::new();
    for q in quotations(doc) {
        if q.nested
            || is_scare_quote(doc, &q)
            || held.holds(&q.inside)
            || q.inside.start < added_reach
        {
            continue;
        }
        let found = signed(doc, &q, &mentions).or_else(|| introduced(doc, &q));
        if let Some((cue, source)) = found {
            let content = q.open..q.close.map_or(q.inside.end, |c| c + 1);
            added_reach = added_reach.max(content.end);
            added.push(Attribution {
                kind: QuoteKind::Direct,
                cue: vec![cue],
                source: source.into_iter().collect(),
                content: vec![content],
                ..empty_attribution()
            });
        }
    }
    attributions.extend(added);
    attributions.sort_by_key(|a| a.cue[0].start);
}

/// The content ranges of the attributions found, sorted, with the furthest
/// any reaches so far: whether one overlaps a token range is then a search.
struct Held {
    ranges: Vec<Range<usize>>,
    reach: Vec<usize>,
}

impl Held {
    fn new(attributions: &[Attribution]) -> Self {
        let mut ranges: Vec<Range<usize>> = attributions
            .iter()
            .flat_map(|a| a.content.iter().cloned())
            .collect();
        ranges.sort_by_key(|r| r.start);
        let mut furthest = 0;
        let reach = ranges
            .iter()
            .map(|r| {
                furthest = furthest.max(r.end);
                furthest
            })
            .collect();
        Held { ranges, reach }
    }

    /// Whether a content range overlaps `tokens`: the first range reaching
    /// past its start is the one that begins earliest of those that do.
    fn holds(&self, tokens: &Range<usize>) -> bool {
        let first = self.reach.partition_point(|&end| end <= tokens.start);
        self.ranges.get(first).is_some_and(|r| r.start < tokens.end)
    }
}

fn word(doc: &Annotated, i: usize) -> &str {
    doc.token_text(&doc.tokens[i])
}

/// `"..." -Name, role`: the dash is the cue, the signature to the end of
/// its line the source, when an entity is named there.
fn signed(
    doc: &Annotated,
    q: &Quotation,
    mentions: &SpanIndex<MentionRef>,
) -> Option<(Range<usize>, Option<Range<usize>>)> {
    let mut dash = q.close? + 1;
    if dash < doc.tokens.len() && matches!(word(doc, dash), "." | ",") {
        dash += 1;
    }
    if dash >= doc.tokens.len() || !matches!(word(doc, dash), "-" | "—" | "–" | "--") {
        return None;
    }
    let text = doc.text();
    let on_line =
        |i: usize| !text[doc.tokens[i - 1].span.end..doc.tokens[i].span.start].contains('\n');
    let end = (dash + 1..doc.tokens.len())
        .take_while(|&i| on_line(i))
        .take(MAX_SIGNATURE + 1)
        .last()?
        + 1;
    let signature = dash + 1..end;
    if signature.len() > MAX_SIGNATURE {
        return None;
    }
    (mentions.within(signature.clone()).next().is_some())
        .then_some((dash..dash + 1, Some(signature)))
}

/// `Subject ...: "..."`: the colon is the cue and the noun phrase that opens
/// its sentence the source.
fn introduced(doc: &Annotated, q: &Quotation) -> Option<(Range<usize>, Option<Range<usize>>)> {
    let colon = q.open.checked_sub(1)?;
    if word(doc, colon) != ":" {
        return None;
    }
    let sentence = &doc.sentences[sentence_of(doc, colon)?];
    let first = doc
        .phrases
        .partition_point(|p| p.tokens.start < sentence.tokens.start);
    let subject = doc.phrases[first..]
        .iter()
        .take_while(|p| p.tokens.start == sentence.tokens.start)
        .find(|p| p.kind == NOUN_PHRASE && p.tokens.end <= colon)
        .map(|p| p.tokens.clone());
    Some((colon..colon + 1, subject))
}
