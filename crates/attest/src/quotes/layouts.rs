//! Quotations the tagger cannot see as speech because their layout, not a
//! verb, says who spoke: a quotation signed after a dash (`"..." -Commissioner
//! Geoffrey Starks`) and a quotation a colon introduces (`The statement was
//! short: "..."`). Each becomes a direct attribution unless a found one
//! already holds it.

use std::ops::Range;

use super::assemble::is_scare_quote;
use super::marks::{Quotation, quotations};
use super::{Attribution, QuoteKind};
use crate::annotated::Annotated;

/// Add the signed and introduced quotations no attribution holds.
pub fn add_laid_out_quotations(doc: &Annotated, attributions: &mut Vec<Attribution>) {
    let held = |q: &Quotation, attributions: &[Attribution]| {
        attributions.iter().any(|a| {
            a.content
                .iter()
                .any(|c| c.start < q.inside.end && q.inside.start < c.end)
        })
    };
    for q in quotations(doc) {
        if q.nested || is_scare_quote(doc, &q) || held(&q, attributions) {
            continue;
        }
        let found = signed(doc, &q).or_else(|| introduced(doc, &q));
        if let Some((cue, source)) = found {
            attributions.push(Attribution {
                kind: QuoteKind::Direct,
                cue: vec![cue],
                source: source.into_iter().collect(),
                content: vec![q.open..q.close.map_or(q.inside.end, |c| c + 1)],
                quoted: Vec::new(),
                speaker: None,
                via: Vec::new(),
                cites: Vec::new(),
            });
        }
    }
    attributions.sort_by_key(|a| a.cue[0].start);
}

fn word(doc: &Annotated, i: usize) -> &str {
    doc.token_text(&doc.tokens[i])
}

/// `"..." -Name, role`: the dash is the cue, the signature to the end of
/// its line the source, when an entity is named there.
fn signed(doc: &Annotated, q: &Quotation) -> Option<(Range<usize>, Option<Range<usize>>)> {
    let mut dash = q.close? + 1;
    if dash < doc.tokens.len() && matches!(word(doc, dash), "." | ",") {
        dash += 1;
    }
    if dash >= doc.tokens.len() || !matches!(word(doc, dash), "-" | "—" | "–" | "--") {
        return None;
    }
    let text = doc.text();
    let line_end = text[doc.tokens[dash].span.end..]
        .find('\n')
        .map_or(text.len(), |n| doc.tokens[dash].span.end + n);
    let end = (dash + 1..doc.tokens.len())
        .take_while(|&i| doc.tokens[i].span.end <= line_end)
        .last()?
        + 1;
    let signature = dash + 1..end;
    let named = doc
        .entities
        .iter()
        .flat_map(|e| &e.mentions)
        .any(|m| m.tokens.start >= signature.start && m.tokens.end <= signature.end);
    named.then_some((dash..dash + 1, Some(signature)))
}

/// `Subject ...: "..."`: the colon is the cue and the noun phrase that opens
/// its sentence the source.
fn introduced(doc: &Annotated, q: &Quotation) -> Option<(Range<usize>, Option<Range<usize>>)> {
    let colon = q.open.checked_sub(1)?;
    if word(doc, colon) != ":" {
        return None;
    }
    let sentence = doc.sentences.iter().find(|s| s.tokens.contains(&colon))?;
    let subject = doc
        .phrases
        .iter()
        .find(|p| p.kind == 0 && p.tokens.start == sentence.tokens.start && p.tokens.end <= colon)
        .map(|p| p.tokens.clone());
    Some((colon..colon + 1, subject))
}
