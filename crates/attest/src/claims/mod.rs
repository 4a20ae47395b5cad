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

use std::ops::Range;

use crate::annotated::Annotated;
use crate::entities::{EntityKind, ResolvedBy};
use crate::pipeline::Stage;
use crate::quotes::Attribution;
use crate::quotes::cues::is_denial;

/// One attribution's rejection of others.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dispute {
    /// The rejecting attribution.
    pub by: usize,
    /// The attributions it rejects.
    pub against: Vec<usize>,
    /// The words of the rejection (token ranges).
    pub evidence: Vec<Range<usize>>,
}

/// Phrases that deny truth to what someone reported, as lowercase word
/// sequences.
const REJECTIONS: &[&[&str]] = &[
    &["not", "reflect"],
    &["n't", "reflect"],
    &["not", "true"],
    &["no", "truth"],
    &["not", "accurate"],
    &["not", "correct"],
    &["baseless"],
    &["unfounded"],
    &["untrue"],
    &["false"],
    &["fake"],
    &["fabricated"],
    &["fabrication"],
    &["propaganda"],
    &["nonsense"],
    &["misleading"],
    &["lies"],
    &["rumours"],
    &["rumors"],
    &["personal", "desires"],
    &["wishful", "thinking"],
    &["far", "from", "the", "truth"],
];

/// The claims stage.
#[derive(Debug, Default, Clone, Copy)]
pub struct Claims;

impl Stage for Claims {
    fn name(&self) -> &'static str {
        "claims"
    }

    fn run(&self, doc: &mut Annotated) {
        doc.disputes = disputes(doc);
    }
}

/// The disputes among a document's attributions.
pub fn disputes(doc: &Annotated) -> Vec<Dispute> {
    let mut out: Vec<Dispute> = Vec::new();
    let mut last_target: Option<(Option<usize>, usize)> = None;
    for (by, a) in doc.attributions.iter().enumerate() {
        let evidence = rejection(doc, a);
        if evidence.is_empty() {
            continue;
        }
        let named = named_target(doc, a);
        let target = named
            .or_else(|| {
                last_target
                    .filter(|(speaker, _)| *speaker == a.speaker)
                    .map(|(_, t)| t)
            })
            .or_else(|| reported_through(doc, by));
        let Some(target) = target else {
            continue;
        };
        last_target = Some((a.speaker, target));
        let against = statements_of(doc, target, a.speaker);
        if !against.is_empty() {
            out.push(Dispute {
                by,
                against,
                evidence,
            });
        }
    }
    out
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
            for phrase in REJECTIONS {
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
/// rejected.
fn named_target(doc: &Annotated, a: &Attribution) -> Option<usize> {
    let inside = |m: &Range<usize>| {
        a.content
            .iter()
            .any(|c| m.start >= c.start && m.end <= c.end)
    };
    doc.entities.iter().enumerate().find_map(|(e, entity)| {
        let reports = matches!(entity.kind, EntityKind::NewsOutlet | EntityKind::Document);
        let named = entity
            .mentions
            .iter()
            .any(|m| m.resolved_by != ResolvedBy::Pronoun && inside(&m.tokens));
        let own = Some(e) == a.speaker || a.via.contains(&e);
        (reports && named && !own).then_some(e)
    })
}

/// The outlet or document the last earlier attribution by another speaker
/// came from.
fn reported_through(doc: &Annotated, by: usize) -> Option<usize> {
    let speaker = doc.attributions[by].speaker;
    doc.attributions[..by]
        .iter()
        .rev()
        .filter(|a| a.speaker != speaker)
        .find_map(|a| {
            let reporter = |e: &usize| {
                matches!(
                    doc.entities[*e].kind,
                    EntityKind::NewsOutlet | EntityKind::Document
                )
            };
            a.speaker
                .filter(reporter)
                .or_else(|| a.via.iter().rev().copied().find(reporter))
        })
}

/// The attributions of `target` and of the documents it cites, not by `speaker`.
fn statements_of(doc: &Annotated, target: usize, speaker: Option<usize>) -> Vec<usize> {
    let cited: Vec<usize> = doc
        .attributions
        .iter()
        .filter(|a| a.speaker == Some(target))
        .flat_map(|a| a.cites.iter().copied())
        .filter(|&e| doc.entities[e].kind == EntityKind::Document)
        .collect();
    doc.attributions
        .iter()
        .enumerate()
        .filter(|(_, a)| a.speaker.is_some() && a.speaker != speaker)
        .filter(|(_, a)| a.speaker == Some(target) || a.speaker.is_some_and(|s| cited.contains(&s)))
        .map(|(k, _)| k)
        .collect()
}
