//! Speakers and sourcing chains.
//!
//! The speaker of an attribution is the entity one of whose mentions lies in
//! the source span (a person before anything else: "a spokesperson for the
//! Taliban's Political Office, Suhail Shaheen"); with no such mention the
//! speaker stays unknown. The chain it reached us through (`via`) comes from
//! the constructions that name it:
//!
//! - "X quoted Y as saying ...": the source becomes Y, X joins the chain;
//! - "As quoted by X, Y said ...": X joins the chain;
//! - "As quoted, Y said ...": the chain of the last attribution that had one;
//! - "Y told X" where X is a news outlet: X joins the chain;
//! - a speaker who goes on speaking keeps the chain of their last statement.
//!
//! "Quoting X, Y said ..." and "Y credited ... to X" make X a source the
//! speaker cites. When the document names its own source, that outlet is the
//! outermost link of every chain.

use std::sync::LazyLock;

use std::ops::Range;

use crate::lexicon::lists;
use crate::model::EntityKind;
use crate::model::Pos;
use crate::model::annotated::Annotated;
use crate::model::labels::NOUN_PHRASE;
use crate::model::span_index::SpanIndex;
use crate::model::{Attribution, EntityId, MentionRef};

/// The article's mentions (with their entity, and their place in the
/// entities layer to keep its order where it decides) and noun phrases,
/// indexed once for all the attributions.
pub struct Layers<'a> {
    doc: &'a Annotated,
    mentions: SpanIndex<MentionRef>,
    noun_phrases: SpanIndex<()>,
}

impl<'a> Layers<'a> {
    /// Index the mentions and noun phrases of `doc`.
    pub fn new(doc: &'a Annotated) -> Self {
        let noun_phrases = doc
            .phrases
            .iter()
            .filter(|p| p.kind == NOUN_PHRASE)
            .map(|p| (p.tokens.clone(), ()));
        Layers {
            doc,
            mentions: doc.mention_index(|_| true),
            noun_phrases: SpanIndex::new(noun_phrases),
        }
    }

    /// Mentions, in the order of the entities layer.
    fn listed<'b>(
        &self,
        found: impl Iterator<Item = &'b (Range<usize>, MentionRef)>,
    ) -> Vec<(EntityId, Range<usize>)> {
        let mut found: Vec<&(Range<usize>, MentionRef)> = found.collect();
        found.sort_by_key(|(_, listed)| *listed);
        found
            .into_iter()
            .map(|(range, listed)| (listed.entity, range.clone()))
            .collect()
    }
}

/// Resolve speakers, chains and citations of the attributions (in text order).
pub fn resolve(doc: &Annotated, attributions: &mut Vec<Attribution>) {
    let layers = Layers::new(doc);
    attributions.retain(|a| !in_preamble(doc, a.cue[0].start));
    let mut chains = merge_quoted_as_saying(&layers, attributions);
    let outlet = document_outlet(doc);
    let taken: SpanIndex<()> = SpanIndex::new(
        attributions
            .iter()
            .flat_map(|a| a.cue.iter().chain(&a.source).chain(&a.content).cloned())
            .map(|r| (r, ())),
    );
    let mut last_chain: Vec<EntityId> = Vec::new();
    let mut last_speaker: Option<(EntityId, Vec<EntityId>)> = None;
    let mut last_source: Option<Range<usize>> = None;
    for (a, mut via) in attributions.iter_mut().zip(chains.drain(..)) {
        let sentence = sentence_of(doc, a.cue[0].start);
        let subject = sentence_subject(&layers, &sentence, &a.cue[0]);
        match (a.source.first_mut(), subject) {
            (Some(source), Some(subject)) if is_agent_of_participle(doc, source) => {
                *source = subject
            }
            (Some(source), _) => *source = repair_source(&layers, source.clone(), sentence.start),
            (None, subject) => {
                let shared = last_source
                    .clone()
                    .filter(|s| s.start >= sentence.start && is_coordinated(doc, &a.cue[0]));
                let found = subject
                    .or_else(|| subject_after_quotation(&layers, &sentence, &a.cue[0]))
                    .or(shared);
                a.source.extend(found);
            }
        }
        last_source = a.source.first().cloned();
        drop_interjections(a);
        extend_to_clause_end(doc, a, &sentence, &taken);
        content_before_reporting_clause(doc, a, &sentence, &taken);
        a.speaker = a.source.first().and_then(|s| speaker_of(&layers, s));
        match preamble(doc, sentence.clone()) {
            Some(Preamble::QuotedBy(np)) => via.extend(speaker_of(&layers, &np)),
            Some(Preamble::Quoted) if via.is_empty() => via.extend(last_chain.iter().copied()),
            Some(Preamble::Citing(np)) => a.cites.extend(speaker_of(&layers, &np)),
            _ => {}
        }
        via.extend(told_outlet(&layers, a));
        a.cites.extend(credited_to(&layers, a, sentence.end));
        if via.is_empty()
            && let (Some(speaker), Some((previous, chain))) = (a.speaker, &last_speaker)
            && speaker == *previous
        {
            via.extend(chain.iter().copied());
        }
        via.retain(|v| Some(*v) != a.speaker);
        dedup(&mut via);
        dedup(&mut a.cites);
        if !via.is_empty() {
            last_chain.clone_from(&via);
        }
        if let Some(speaker) = a.speaker {
            last_speaker = Some((speaker, via.clone()));
        }
        if let Some(outlet) = outlet
            && !via.contains(&outlet)
            && a.speaker != Some(outlet)
        {
            via.insert(0, outlet);
        }
        a.via = via;
    }
    attributions.retain(|a| !a.content.is_empty());
}

fn dedup(items: &mut Vec<EntityId>) {
    let mut seen = Vec::new();
    items.retain(|i| {
        let new = !seen.contains(i);
        seen.push(*i);
        new
    });
}

fn word(doc: &Annotated, i: usize) -> &str {
    doc.token_text(&doc.tokens[i])
}

fn is_word(doc: &Annotated, i: usize, words: &[&str]) -> bool {
    i < doc.tokens.len() && words.iter().any(|w| word(doc, i).eq_ignore_ascii_case(w))
}

fn sentence_of(doc: &Annotated, token: usize) -> Range<usize> {
    let n = doc.sentences.partition_point(|s| s.tokens.end <= token);
    doc.sentences
        .get(n)
        .map_or(token..token + 1, |s| s.tokens.clone())
}

/// The entity of the article's own source, when the document names one
/// (the entities stage makes one for it).
fn document_outlet(doc: &Annotated) -> Option<EntityId> {
    doc.entities
        .iter()
        .position(|e| e.document_source)
        .map(EntityId)
}

/// The entity mentioned in the source span: a person first, then the
/// longest mention that opens the span, then the longest.
pub fn speaker_of(layers: &Layers, source: &Range<usize>) -> Option<EntityId> {
    let doc = layers.doc;
    let mut inside = layers.listed(layers.mentions.within(source.clone()));
    inside.sort_by_key(|(_, m)| (m.start, std::cmp::Reverse(m.len())));
    let kind = |e: EntityId| doc.entities[e].kind;
    inside
        .iter()
        .find(|(e, _)| kind(*e) == EntityKind::Person)
        .or_else(|| inside.iter().find(|(_, m)| m.start == source.start))
        .or_else(|| inside.iter().max_by_key(|(_, m)| m.len()))
        .map(|(e, _)| *e)
}

/// Mend a tagged source span: a span that begins at a relative clause or
/// apposition ("who is the State Department's coordinator") takes in the
/// name before it; a span that cuts a mention takes all of it; commas at
/// the ends go.
fn repair_source(layers: &Layers, mut source: Range<usize>, floor: usize) -> Range<usize> {
    let doc = layers.doc;
    if let Some(head) = described_by_clause(layers, &source, floor) {
        source.start = head.start;
    }
    // Noun phrases do not overlap: one at most cuts each end.
    let phrases: Vec<Range<usize>> = layers
        .noun_phrases
        .overlapping(source.start.saturating_sub(1)..source.end + 1)
        .map(|(r, _)| r.clone())
        .collect();
    take_in_cut(&mut source, phrases);
    // Mentions may nest, and each one taken in may cut another: the ones
    // that can are those meeting the ends as far as they can be pushed,
    // taken in the order of the entities layer.
    let (lo, hi) = (
        furthest_cut(layers, source.start, false),
        furthest_cut(layers, source.end, true),
    );
    let near_ends = layers
        .mentions
        .overlapping(lo.saturating_sub(1)..source.start + 1)
        .chain(
            layers
                .mentions
                .overlapping(source.end.saturating_sub(1)..hi + 1),
        );
    let mut mentions = layers.listed(near_ends);
    mentions.dedup();
    take_in_cut(&mut source, mentions.into_iter().map(|(_, m)| m));
    while source.len() > 1 && is_word(doc, source.end - 1, &[","]) {
        source.end -= 1;
    }
    while source.len() > 1 && is_word(doc, source.start, &[","]) {
        source.start += 1;
    }
    source
}

/// Widen `source` over each range in turn that cuts its start or its end.
fn take_in_cut(source: &mut Range<usize>, ranges: impl IntoIterator<Item = Range<usize>>) {
    for m in ranges {
        if m.start < source.start && m.end > source.start {
            source.start = m.start;
        }
        if m.start < source.end && m.end > source.end {
            source.end = m.end;
        }
    }
}

/// How far mentions that cut a boundary at `at` can push it, one after
/// another: back towards the start, or on towards the end.
fn furthest_cut(layers: &Layers, mut at: usize, forward: bool) -> usize {
    loop {
        let next = layers
            .mentions
            .overlapping(at.saturating_sub(1)..at + 1)
            .filter(|(m, _)| m.start < at && m.end > at)
            .map(|(m, _)| if forward { m.end } else { m.start });
        let next = if forward { next.max() } else { next.min() };
        match next {
            Some(n) if n != at => at = n,
            _ => return at,
        }
    }
}

/// Words that open an apposition or a relative clause after a name.
/// From `data/lexicon/cues.txt` [clause openers].
static CLAUSE_OPENERS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| lists::cues().words("clause openers"));

/// The name an apposition or relative clause describes when the source
/// was tagged inside that clause ("Adrienne Watson, who is a spokeswoman
/// for the National Security Council, said"): the clause opens with a
/// comma after a mention, holds no other verb than a copula, and the
/// source ends it.
fn described_by_clause(
    layers: &Layers,
    source: &Range<usize>,
    floor: usize,
) -> Option<Range<usize>> {
    let doc = layers.doc;
    let comma = (floor..=source.start)
        .rev()
        .find(|&j| is_word(doc, j, &[","]))?;
    if !is_word(doc, comma + 1, &CLAUSE_OPENERS) {
        return None;
    }
    let plain = (comma + 1..source.start).all(|j| {
        let pos = doc.tokens[j].pos;
        !matches!(pos, Pos::OpenQuote | Pos::CloseQuote | Pos::Comma)
            && (!pos.is_verb() || is_copula(doc, j))
    });
    let head = mention_ending_at(layers, comma)?;
    let opens = head.start == floor || is_word(doc, head.start.saturating_sub(1), &[","]);
    (plain && opens).then_some(head)
}

fn is_copula(doc: &Annotated, i: usize) -> bool {
    is_word(doc, i, &["is", "was", "are", "were", "has", "had", "been"])
}

/// A cue verb coordinated with the one before it shares its subject
/// ("... said that X and also urged Y").
fn is_coordinated(doc: &Annotated, cue: &Range<usize>) -> bool {
    let mut before = cue.start;
    while before > 0 && doc.tokens[before - 1].pos == Pos::RB {
        before -= 1;
    }
    before > 0 && is_word(doc, before - 1, &["and", "but"])
}

/// With no source tagged, the noun phrase between a closing quotation
/// mark and its cue ("'...,' the document further mentioned").
fn subject_after_quotation(
    layers: &Layers,
    sentence: &Range<usize>,
    cue: &Range<usize>,
) -> Option<Range<usize>> {
    let doc = layers.doc;
    let close = (sentence.start..cue.start)
        .rev()
        .find(|&j| is_word(doc, j, &["\"", "”", "''", "’"]))?;
    let start = if is_word(doc, close + 1, &[","]) {
        close + 2
    } else {
        close + 1
    };
    layers
        .noun_phrases
        .starting_in(start..start + 1)
        .iter()
        .map(|(p, _)| p.clone())
        .find(|p| p.end <= cue.start)
}

/// With no source tagged, the mention that opens the sentence of a verb
/// cue is its subject ("The assessment, which is labelled top-secret,
/// noted: ...").
fn sentence_subject(
    layers: &Layers,
    sentence: &Range<usize>,
    cue: &Range<usize>,
) -> Option<Range<usize>> {
    let doc = layers.doc;
    if !cue.clone().any(|i| doc.tokens[i].pos.is_verb()) {
        return None;
    }
    let cue = cue.start;
    let pronoun = (doc.tokens[sentence.start].pos == Pos::PRP && sentence.start < cue)
        .then(|| sentence.start..sentence.start + 1);
    let opening = layers
        .mentions
        .starting_in(sentence.start..sentence.start + 2)
        .iter();
    let mention = layers
        .listed(opening)
        .into_iter()
        .map(|(_, m)| m)
        .filter(|m| m.end <= cue)
        .max_by_key(|m| m.len())
        .map(|m| {
            let with_determiner =
                m.start == sentence.start + 1 && is_word(doc, sentence.start, &["the", "a", "an"]);
            if with_determiner {
                sentence.start..m.end
            } else {
                m
            }
        });
    mention.or(pronoun)
}

/// A reported clause runs to the end of its sentence: a content that
/// follows its cue and stops short of the sentence end, with nothing of
/// another attribution after it, takes in the rest (the final stop aside).
fn extend_to_clause_end(
    doc: &Annotated,
    a: &mut Attribution,
    sentence: &Range<usize>,
    taken: &SpanIndex<()>,
) {
    let Some(cue_end) = a.cue.iter().map(|c| c.end).max() else {
        return;
    };
    let Some(last) = a
        .content
        .iter_mut()
        .filter(|c| c.start >= cue_end && c.end <= sentence.end)
        .max_by_key(|c| c.end)
    else {
        return;
    };
    let mut end = sentence.end;
    while end > last.end
        && (doc.tokens[end - 1].pos == Pos::Period
            || is_word(doc, end - 1, &["\"", "”", "''", ")"]))
    {
        end -= 1;
    }
    let free = taken.starting_in(last.end..end).is_empty();
    if free && end > last.end {
        last.end = end;
    }
}

/// With no content tagged, a reporting clause after a comma ("France
/// restored ties with Germany, the minister said.") reports the clause
/// before it, from the sentence start.
fn content_before_reporting_clause(
    doc: &Annotated,
    a: &mut Attribution,
    sentence: &Range<usize>,
    taken: &SpanIndex<()>,
) {
    if !a.content.is_empty() {
        return;
    }
    let first = a
        .cue
        .iter()
        .chain(&a.source)
        .map(|r| r.start)
        .min()
        .unwrap_or(sentence.start);
    let Some(comma) = first.checked_sub(1).filter(|&c| c > sentence.start) else {
        return;
    };
    let clause = sentence.start..comma;
    let free = taken.overlapping(clause.clone()).next().is_none();
    if is_word(doc, comma, &[","]) && clause.len() >= 3 && free {
        a.content.push(clause);
    }
}

/// Whether a source is the agent of a participle that modifies the
/// subject ("The documents assessed by the outlet revealed ..."): the
/// subject is the source then.
fn is_agent_of_participle(doc: &Annotated, source: &Range<usize>) -> bool {
    source.start >= 2
        && is_word(doc, source.start - 1, &["by"])
        && doc.tokens[source.start - 2].pos == Pos::VBN
}

/// Content between the source and its cue is an apposition or a relative
/// clause about the source, not what was said.
fn drop_interjections(a: &mut Attribution) {
    if let (Some(source), Some(cue)) = (a.source.first(), a.cue.first()) {
        let (from, to) = (source.end, cue.start);
        a.content.retain(|c| !(c.start >= from && c.end <= to));
    }
}

/// The longest entity mention that ends just before token `end` (the last
/// of the longest in the order of the entities layer).
fn mention_ending_at(layers: &Layers, end: usize) -> Option<Range<usize>> {
    layers
        .listed(layers.mentions.ending_at(end))
        .into_iter()
        .map(|(_, m)| m)
        .max_by_key(|m| m.len())
}

/// What opens a sentence before its speaker.
enum Preamble {
    /// "As quoted by X,"
    QuotedBy(Range<usize>),
    /// "As quoted,"
    Quoted,
    /// "Quoting X," / "Citing X,"
    Citing(Range<usize>),
}

fn preamble(doc: &Annotated, sentence: Range<usize>) -> Option<Preamble> {
    let s = sentence.start;
    let comma = (s..sentence.end).find(|&i| word(doc, i) == ",")?;
    if is_word(doc, s, &["as"]) && is_word(doc, s + 1, &["quoted", "reported", "cited"]) {
        if is_word(doc, s + 2, &["by", "in"]) && s + 3 < comma {
            return Some(Preamble::QuotedBy(s + 3..comma));
        }
        if s + 2 == comma {
            return Some(Preamble::Quoted);
        }
    }
    if is_word(doc, s, &["quoting", "citing"]) && s + 1 < comma {
        return Some(Preamble::Citing(s + 1..comma));
    }
    None
}

/// Whether a token lies in a preamble ("As quoted by X,", "Quoting X,"),
/// whose words are not an attribution of their own.
fn in_preamble(doc: &Annotated, token: usize) -> bool {
    let sentence = sentence_of(doc, token);
    match preamble(doc, sentence.clone()) {
        Some(Preamble::QuotedBy(np) | Preamble::Citing(np)) => token < np.end,
        Some(Preamble::Quoted) => token < sentence.start + 2,
        None => false,
    }
}

/// "X quoted Y as saying ...": the attributions the tagger found on either
/// cue word become one, whose source is Y and whose chain is X; returns the
/// chain of every attribution (empty where there is no such construction).
fn merge_quoted_as_saying(
    layers: &Layers,
    attributions: &mut Vec<Attribution>,
) -> Vec<Vec<EntityId>> {
    let doc = layers.doc;
    let mut chains: Vec<Vec<EntityId>> = vec![Vec::new(); attributions.len()];
    let mut k = 0;
    while k < attributions.len() {
        let Some((quoted, as_token)) = quoted_as_saying(doc, attributions[k].cue[0].start) else {
            k += 1;
            continue;
        };
        let cue_words = [quoted..quoted + 1, as_token..as_token + 2];
        let touches = |a: &Attribution| {
            a.cue
                .iter()
                .any(|c| cue_words.iter().any(|w| c.start < w.end && w.start < c.end))
        };
        let mut merged = attributions[k].clone();
        let mut subject = merged.source.iter().find(|s| s.end <= quoted).cloned();
        // Attributions are in text order: those touching the construction's
        // words start before its sentence ends.
        let sentence_end = sentence_of(doc, quoted).end;
        let mut j = k + 1;
        while j < attributions.len() && attributions[j].cue[0].start < sentence_end {
            if touches(&attributions[j]) {
                let other = attributions.remove(j);
                chains.remove(j);
                subject =
                    subject.or_else(|| other.source.iter().find(|s| s.end <= quoted).cloned());
                merged.content.extend(other.content);
            } else {
                j += 1;
            }
        }
        let subject = subject.or_else(|| mention_ending_at(layers, quoted));
        let mut np = quoted + 1..as_token;
        while np.len() > 1 && is_word(doc, np.end - 1, &[","]) {
            np.end -= 1;
        }
        let content_start = as_token + 2;
        merged.content = merged
            .content
            .into_iter()
            .filter(|c| c.end > content_start)
            .map(|c| c.start.max(content_start)..c.end)
            .collect();
        merged.content.sort_by_key(|c| c.start);
        merged.content.dedup();
        merged.source = vec![np];
        merged.cue = cue_words.to_vec();
        chains[k] = subject
            .and_then(|s| speaker_of(layers, &s))
            .into_iter()
            .collect();
        attributions[k] = merged;
        k += 1;
    }
    chains
}

/// The "quoted" and "as" of a "quoted Y as saying" construction in the
/// sentence of token `at`, when `at` is one of its words.
fn quoted_as_saying(doc: &Annotated, at: usize) -> Option<(usize, usize)> {
    let sentence = sentence_of(doc, at);
    let quoted = sentence
        .clone()
        .find(|&i| is_word(doc, i, &["quoted", "quotes", "quoting"]) && i <= at + 2)?;
    let limit = sentence.end.min(quoted + 40);
    let as_token = (quoted + 1..limit).find(|&i| {
        is_word(doc, i, &["as"]) && i + 1 < limit && doc.tokens[i + 1].pos == Pos::VBG
    })?;
    (at == quoted || (as_token..as_token + 2).contains(&at)).then_some((quoted, as_token))
}

/// "... told Reuters": the outlet the speaker spoke to.
fn told_outlet(layers: &Layers, a: &Attribution) -> Option<EntityId> {
    let doc = layers.doc;
    let cue = a.cue.last()?;
    let told = (cue.start..cue.end).any(|i| is_word(doc, i, &["told", "tells", "telling"]));
    let window = cue.end..(cue.end + 4).min(doc.tokens.len());
    if !told && !(cue.clone()).any(|i| is_word(doc, i, &["interview"])) {
        return None;
    }
    layers
        .mentions
        .starting_in(cue.start..window.end.max(cue.start))
        .iter()
        .map(|(_, listed)| listed.entity)
        .filter(|&e| doc.entities[e].kind == EntityKind::NewsOutlet)
        .min()
}

/// "X credited ... to Y": Y, a source X names.
fn credited_to(layers: &Layers, a: &Attribution, sentence_end: usize) -> Option<EntityId> {
    let doc = layers.doc;
    let cue = a.cue.first()?;
    if !cue
        .clone()
        .any(|i| is_word(doc, i, &["credited", "credits", "attributed", "attributes"]))
    {
        return None;
    }
    let to = (cue.end..sentence_end).find(|&i| is_word(doc, i, &["to"]))?;
    let end = (to + 1..sentence_end)
        .find(|&i| matches!(word(doc, i), "," | "."))
        .unwrap_or(sentence_end);
    speaker_of(layers, &(to + 1..end))
}
