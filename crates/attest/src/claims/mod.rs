//! The `claims` stage: disputes between sources.
//!
//! An attribution rejects another source's statements when its cue is a
//! verb of denial ("denied", "dismissed", "rejected") or its content holds
//! words that deny truth to a report ("does not reflect ground realities",
//! "baseless", "fake news"). The rejected source is the entity its content
//! names (the report of "The Post"); failing that, the target of the same
//! speaker's last dispute ("such reports"), or the last outlet or document
//! another speaker was reported through. The dispute links the rejecting
//! attribution to every attribution of that source and of the documents the
//! source cites.

use std::sync::LazyLock;

use std::collections::HashMap;
use std::ops::Range;

use crate::lexicon::cues::is_denial;
use crate::lexicon::lists;
use crate::model::annotated::Annotated;
use crate::model::span_index::SpanIndex;
use crate::model::{
    Attribution, AttributionId, Dispute, EntityId, EntityKind, MentionRef, ResolvedBy,
};
use crate::model::{Layer, Stage};

/// Phrases that deny truth to what someone reported, as lowercase word
/// sequences.
/// From `data/lexicon/rejections.txt` [rejections].
static REJECTIONS: LazyLock<Vec<Vec<&'static str>>> =
    LazyLock::new(|| lists::rejections().phrases("rejections"));

/// The claims stage.
#[derive(Debug, Default, Clone, Copy)]
pub struct Claims;

impl Stage for Claims {
    fn name(&self) -> &'static str {
        "claims"
    }

    fn requires(&self) -> &'static [Layer] {
        &[Layer::Tokens, Layer::Entities, Layer::Attributions]
    }

    fn adds(&self) -> &'static [Layer] {
        &[Layer::Disputes]
    }

    fn run(&self, doc: &mut Annotated) {
        doc.disputes = disputes(doc);
    }
}

/// The most statements one dispute rejects: those nearest it. (An article
/// that quotes one outlet a thousand times and denies it as often would
/// otherwise list every statement under every denial.)
pub const MAX_AGAINST: usize = 32;

/// The disputes among a document's attributions.
pub fn disputes(doc: &Annotated) -> Vec<Dispute> {
    let index = Index::new(doc);
    let mut out: Vec<Dispute> = Vec::new();
    let mut last_target: Option<(Option<EntityId>, EntityId)> = None;
    let mut reporters = Reporters::default();
    for (by, a) in doc.attributions.iter().enumerate() {
        let dispute = dispute(doc, &index, AttributionId(by), &mut last_target, &reporters);
        reporters.saw(doc, a);
        out.extend(dispute);
    }
    out
}

/// The dispute attribution `by` makes, if it rejects something.
fn dispute(
    doc: &Annotated,
    index: &Index,
    by: AttributionId,
    last_target: &mut Option<(Option<EntityId>, EntityId)>,
    reporters: &Reporters,
) -> Option<Dispute> {
    let a = &doc.attributions[by];
    let evidence = rejection(doc, a);
    if evidence.is_empty() {
        return None;
    }
    let named = named_target(doc, index, a);
    let target = named
        .or_else(|| {
            last_target
                .filter(|(speaker, _)| *speaker == a.speaker)
                .map(|(_, t)| t)
        })
        .or_else(|| reporters.other_than(a.speaker))?;
    *last_target = Some((a.speaker, target));
    let against = statements_of(doc, index, target, a.speaker, by);
    (!against.is_empty()).then_some(Dispute {
        by,
        against,
        evidence,
    })
}

/// The mentions and each speaker's attributions, indexed once an article.
struct Index {
    /// Mentions not made by a pronoun, with their entity.
    named: SpanIndex<MentionRef>,
    /// Each speaker's attributions, in order.
    by_speaker: HashMap<EntityId, Vec<AttributionId>>,
}

impl Index {
    fn new(doc: &Annotated) -> Self {
        let named = doc.mention_index(|m| m.resolved_by != ResolvedBy::Pronoun);
        let mut by_speaker: HashMap<EntityId, Vec<AttributionId>> = HashMap::new();
        for (k, a) in doc.attributions.iter().enumerate() {
            if let Some(s) = a.speaker {
                by_speaker.entry(s).or_default().push(AttributionId(k));
            }
        }
        Index { named, by_speaker }
    }

    fn of(&self, speaker: EntityId) -> &[AttributionId] {
        self.by_speaker.get(&speaker).map_or(&[], Vec::as_slice)
    }
}

/// The outlets and documents that earlier statements were reported
/// through: the latest, and the latest of a speaker other than its own.
#[derive(Default)]
struct Reporters {
    latest: Option<(Option<EntityId>, EntityId)>,
    other: Option<(Option<EntityId>, EntityId)>,
}

impl Reporters {
    /// Take note of an attribution, in text order.
    fn saw(&mut self, doc: &Annotated, a: &Attribution) {
        let reporter = |e: &EntityId| {
            matches!(
                doc.entities[*e].kind,
                EntityKind::NewsOutlet | EntityKind::Document
            )
        };
        let Some(through) = a
            .speaker
            .filter(reporter)
            .or_else(|| a.via.iter().rev().copied().find(reporter))
        else {
            return;
        };
        if self.latest.is_some_and(|(speaker, _)| speaker != a.speaker) {
            self.other = self.latest;
        }
        self.latest = Some((a.speaker, through));
    }

    /// The outlet or document the last earlier attribution by another
    /// speaker than `speaker` came through.
    fn other_than(&self, speaker: Option<EntityId>) -> Option<EntityId> {
        [self.latest, self.other]
            .into_iter()
            .flatten()
            .find(|(s, _)| *s != speaker)
            .map(|(_, through)| through)
    }
}

fn word(doc: &Annotated, i: usize) -> String {
    doc.token_text(&doc.tokens[i]).to_lowercase()
}

/// The words that make `a` a rejection: a denial cue, or rejection phrases
/// in its content.
fn rejection(doc: &Annotated, a: &Attribution) -> Vec<Range<usize>> {
    let denial: Vec<Range<usize>> = a
        .cue
        .iter()
        .filter(|c| (c.start..c.end).any(|i| is_denial(doc.token_text(&doc.tokens[i]))))
        .cloned()
        .collect();
    if !denial.is_empty() {
        return denial;
    }
    let mut found = Vec::new();
    for content in &a.content {
        let words: Vec<String> = content.clone().map(|i| word(doc, i)).collect();
        for start in 0..words.len() {
            for phrase in REJECTIONS.iter() {
                let matches = words.len() >= start + phrase.len()
                    && phrase.iter().zip(&words[start..]).all(|(p, w)| p == w);
                if matches {
                    found.push(content.start + start..content.start + start + phrase.len());
                }
            }
        }
    }
    found
}

/// An outlet or document the content names by more than a pronoun, other
/// than the speaker and the outlets it spoke through: whose report is
/// rejected (the first such entity).
fn named_target(doc: &Annotated, index: &Index, a: &Attribution) -> Option<EntityId> {
    a.content
        .iter()
        .flat_map(|c| index.named.within(c.clone()))
        .map(|(_, m)| m.entity)
        .filter(|&e| {
            let reports = matches!(
                doc.entities[e].kind,
                EntityKind::NewsOutlet | EntityKind::Document
            );
            let own = Some(e) == a.speaker || a.via.contains(&e);
            reports && !own
        })
        .min()
}

/// The attributions of `target` and of the documents it cites, not by
/// `speaker`: the [`MAX_AGAINST`] nearest attribution `by`, in text order.
fn statements_of(
    doc: &Annotated,
    index: &Index,
    target: EntityId,
    speaker: Option<EntityId>,
    by: AttributionId,
) -> Vec<AttributionId> {
    let mut cited: Vec<EntityId> = index
        .of(target)
        .iter()
        .flat_map(|&k| doc.attributions[k].cites.iter().copied())
        .filter(|&e| doc.entities[e].kind == EntityKind::Document)
        .collect();
    cited.sort_unstable();
    cited.dedup();
    let mut statements: Vec<AttributionId> = std::iter::once(target)
        .chain(cited.into_iter().filter(|&c| c != target))
        .filter(|&s| Some(s) != speaker)
        .flat_map(|s| index.of(s).iter().copied())
        .collect();
    statements.sort_unstable();
    if statements.len() > MAX_AGAINST {
        statements.sort_by_key(|&k| k.index().abs_diff(by.index()));
        statements.truncate(MAX_AGAINST);
        statements.sort_unstable();
    }
    statements
}
