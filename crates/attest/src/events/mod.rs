//! The `events` stage: who did what to whom, coded in CAMEO with its PLOVER
//! mapping, with modality, time, place and the attribution it stands under.
//!
//! Each sentence is read as a flat sequence of chunks. Every word the verb
//! dictionary knows (a verb, or an event noun such as "attack" or "talks")
//! is coded by the dictionary's patterns; its source and target are the
//! actors the pattern binds, else the clause's subject and the actor after
//! the verb (for a passive, the other way round, the source after "by").
//! The words before the verb give the modality ("ready to", "did not",
//! "would"), the sentence's temporal expression the date, its places the
//! place; an event inside the content of an attribution stands under it.
//! A dispute between sources is itself an event: the disputing speaker
//! criticises the source it rejects. The same (date, source, target, code)
//! found twice in an article is one event with several pieces of evidence.

pub mod clause;
pub mod codes;
pub mod dictionary;
pub mod modality;
pub mod roles;

use std::ops::Range;

use std::collections::HashMap;

use crate::model::Pos;
use crate::model::annotated::Annotated;
use crate::model::span_index::SpanIndex;
use crate::model::{Layer, Stage};
use clause::{Frame, Verb};
use dictionary::{DictionaryWarning, VerbDictionary};

use crate::model::{AttributionId, EntityId, Event, Modality, Participant};
use roles::ActorIndex;

/// The project's verb dictionary, in the PETRARCH syntax (`data/events/verbs.txt`).
const VERBS: &str = include_str!("../../../../data/events/verbs.txt");

/// CAMEO code of a source criticising or denouncing another (a dispute).
const CRITICISE: &str = "111";

/// The project's own verb dictionary.
pub fn builtin_verbs() -> VerbDictionary {
    let (verbs, warnings) = VerbDictionary::parse(VERBS);
    for w in &warnings {
        tracing::warn!("data/events/verbs.txt {w}");
    }
    verbs
}

/// The event coder with its verb dictionary.
pub struct Events {
    verbs: VerbDictionary,
}

impl Events {
    /// The coder with the project's own verb dictionary.
    pub fn new() -> Self {
        Events {
            verbs: builtin_verbs(),
        }
    }

    /// The coder with the given verb dictionary.
    pub fn with_dictionary(verbs: VerbDictionary) -> Self {
        Events { verbs }
    }

    /// Read verb dictionary files (PETRARCH syntax) into one dictionary,
    /// with the warnings of each file.
    pub fn read_dictionaries(
        texts: &[(String, String)],
    ) -> (VerbDictionary, Vec<(String, DictionaryWarning)>) {
        let mut verbs = VerbDictionary::default();
        let mut warnings = Vec::new();
        for (name, text) in texts {
            let (more, w) = VerbDictionary::parse(text);
            warnings.extend(w.into_iter().map(|w| (name.clone(), w)));
            verbs.extend(more);
        }
        (verbs, warnings)
    }

    /// The events of an annotated document, deduplicated, in text order.
    pub fn find(&self, doc: &Annotated) -> Vec<Event> {
        let mut events = Vec::new();
        let layers = Layers::new(doc);
        let actors = &layers.actors;
        for (s, sentence) in doc.sentences.iter().enumerate() {
            if doc.discarded_sentences.contains(&s) {
                continue;
            }
            let frame = Frame::new(doc, sentence.tokens.clone(), actors, &layers.phrases);
            let words = frame.word_refs();
            let verbs = frame.verbs(&self.verbs, &words);
            let mut found = Vec::new();
            for (k, verb) in verbs.iter().enumerate() {
                if governs_complement(&frame, verb, verbs.get(k + 1)) {
                    continue;
                }
                found.extend(self.code_verb(doc, &frame, &words, &layers, verb));
            }
            events.extend(without_demanded(found));
        }
        events.extend(dispute_events(doc));
        dedupe(events)
    }

    fn code_verb(
        &self,
        doc: &Annotated,
        frame: &Frame,
        words: &[&str],
        layers: &Layers,
        verb: &Verb,
    ) -> Vec<Event> {
        let actors = &layers.actors;
        let clause = frame.clause(words);
        let at = frame.local(&verb.tokens);
        let Some(found) = verb
            .entries
            .iter()
            .find_map(|&id| self.verbs.code(&clause, id, at.clone()))
        else {
            return Vec::new();
        };
        // A code outside the CAMEO table is the user's own and is kept as
        // the dictionary gives it.
        let well_formed =
            |c: &str| c.len() >= 2 && c.as_bytes()[..2].iter().all(u8::is_ascii_digit);
        let usable = |c: &Option<String>| c.clone().filter(|c| well_formed(c));
        let (forward, reverse) = (usable(&found.code), usable(&found.reverse));
        if forward.is_none() && reverse.is_none() {
            return Vec::new();
        }
        let mut parties = roles::parties(doc, frame, actors, verb, &found);
        // A cue that reports speech (no pattern of the verb, no one spoken
        // to) is the attribution itself, not an event besides it.
        if found.pattern.is_none() && is_cue(layers, &verb.tokens) {
            parties.retain(|p| p.target.is_some());
        }
        if parties.is_empty() {
            return Vec::new();
        }
        let (modality, stated) = modality::of(frame, verb);
        let coded = |code: String| match stated.then(|| modality::intended_code(&code)).flatten() {
            Some(intended) => intended.to_owned(),
            None => code,
        };
        let mut codes: Vec<(String, bool)> = Vec::new();
        codes.extend(forward.map(|c| (coded(c), true)));
        codes.extend(reverse.map(|c| (coded(c), false)));
        let date = modality::date_of(doc, &layers.times, frame);
        let modality = modality::with_date(modality, date.as_deref(), doc.document.date);
        let date = date.or_else(|| doc.document.date.map(|d| d.to_string()));
        let words_span = without_dangling_words(doc, frame.evidence(&found.words, verb));
        let attribution = attribution_over(layers, &verb.tokens);

        let mut events = Vec::new();
        for party in parties {
            let evidence =
                party.span.start.min(words_span.start)..party.span.end.max(words_span.end);
            for (code, forward) in &codes {
                let (source, target) = match (*forward, party.target) {
                    (true, target) => (party.source, target),
                    (false, Some(Participant::Entity(t))) => {
                        (t, Some(Participant::Entity(party.source)))
                    }
                    (false, _) => continue,
                };
                let code = match verbal_attack(doc, source, target, code) {
                    true => CRITICISE.to_owned(),
                    false => code.clone(),
                };
                events.push(Event {
                    source,
                    target,
                    code,
                    modality,
                    date: date.clone(),
                    place: roles::place_of(frame, actors, verb, target),
                    evidence: vec![evidence.clone()],
                    attribution,
                });
            }
        }
        events
    }
}

impl Default for Events {
    fn default() -> Self {
        Self::new()
    }
}

impl Stage for Events {
    fn name(&self) -> &'static str {
        "events"
    }

    fn requires(&self) -> &'static [Layer] {
        &[
            Layer::Tokens,
            Layer::Sentences,
            Layer::PartsOfSpeech,
            Layer::Phrases,
            Layer::Entities,
            Layer::Places,
            Layer::Times,
            Layer::Attributions,
            Layer::Disputes,
        ]
    }

    fn adds(&self) -> &'static [Layer] {
        &[Layer::Events]
    }

    fn run(&self, doc: &mut Annotated) {
        doc.events = self.find(doc);
    }
}

/// Whether a verb only governs the next coded verb ("vowed to attack",
/// "threatened to strike"): the complement is the event, with the
/// modality the governing verb gives it.
fn governs_complement(frame: &Frame, verb: &Verb, next: Option<&Verb>) -> bool {
    let at = frame.local(&verb.tokens);
    let Some(next) = next else {
        return false;
    };
    let gap = frame.local(&next.tokens).start.saturating_sub(at.end);
    modality::is_catenative(frame.word(at.end - 1))
        && (1..=3).contains(&gap)
        && (at.end..at.end + gap).any(|i| frame.is(i, &["to"]))
}

/// Whether a generic attack ("attacked", "targeted", "hit", CAMEO 180 or
/// 190) is a verbal one: between political actors who bear no arms
/// ("Trump attacked Clinton"), it is criticism, as CAMEO codes it (111).
fn verbal_attack(
    doc: &Annotated,
    source: EntityId,
    target: Option<Participant>,
    code: &str,
) -> bool {
    use crate::model::EntityKind as K;
    if !matches!(code, "190" | "180") {
        return false;
    }
    let political = |e: EntityId| {
        let entity = &doc.entities[e];
        match entity.kind {
            K::Person => entity.code.is_some(),
            K::PoliticalParty | K::NewsOutlet => true,
            _ => false,
        }
    };
    let unarmed = |e: EntityId| {
        !matches!(
            doc.entities[e].kind,
            K::Military
                | K::ArmedGroup
                | K::Country
                | K::GovernmentBody
                | K::InternationalOrganisation
        )
    };
    match target {
        None => political(source),
        Some(Participant::Entity(t)) => {
            unarmed(source) && unarmed(t) && (political(source) || political(t))
        }
        Some(Participant::Place(_)) => false,
    }
}

/// The layers the coder reads around each verb, indexed once an article so
/// that a sentence's reading does not grow with the article.
struct Layers {
    actors: ActorIndex,
    /// Chunks, with their kinds.
    phrases: SpanIndex<u8>,
    /// Attribution cues, with their attribution.
    cues: SpanIndex<AttributionId>,
    /// Attribution contents, with their attribution.
    contents: SpanIndex<AttributionId>,
    /// Temporal expressions, with their place in the times layer.
    times: SpanIndex<usize>,
}

impl Layers {
    fn new(doc: &Annotated) -> Self {
        let ranges =
            |pick: fn(&crate::model::Attribution) -> &Vec<Range<usize>>| {
                SpanIndex::new(doc.attributions.iter().enumerate().flat_map(
                    move |(a, attribution)| {
                        pick(attribution)
                            .iter()
                            .map(move |r| (r.clone(), AttributionId(a)))
                    },
                ))
            };
        Layers {
            actors: ActorIndex::new(doc),
            phrases: SpanIndex::new(doc.phrases.iter().map(|p| (p.tokens.clone(), p.kind))),
            cues: ranges(|a| &a.cue),
            contents: ranges(|a| &a.content),
            times: SpanIndex::new(
                doc.times
                    .iter()
                    .enumerate()
                    .map(|(k, t)| (t.tokens.clone(), k)),
            ),
        }
    }
}

/// Whether the tokens are the cue of an attribution: what a source said is
/// an attribution, not a public-statement event besides it.
fn is_cue(layers: &Layers, tokens: &Range<usize>) -> bool {
    layers.cues.overlapping(tokens.clone()).next().is_some()
}

/// The attribution whose content holds the tokens (the first of several).
fn attribution_over(layers: &Layers, tokens: &Range<usize>) -> Option<AttributionId> {
    layers
        .contents
        .overlapping(tokens.clone())
        .filter(|(c, _)| c.start <= tokens.start && tokens.end <= c.end)
        .map(|(_, a)| *a)
        .min()
}

/// A speaker who rejects another source's report criticises that source.
fn dispute_events(doc: &Annotated) -> Vec<Event> {
    let mut events = Vec::new();
    for dispute in &doc.disputes {
        let Some(source) = doc.attributions[dispute.by].speaker else {
            continue;
        };
        let mut targets: Vec<EntityId> = dispute
            .against
            .iter()
            .filter_map(|&a| doc.attributions[a].speaker)
            .filter(|&t| t != source)
            .collect();
        targets.sort_unstable();
        targets.dedup();
        for target in targets {
            events.push(Event {
                source,
                target: Some(Participant::Entity(target)),
                code: CRITICISE.to_owned(),
                modality: Modality::Asserted,
                date: doc.document.date.map(|d| d.to_string()),
                place: None,
                evidence: dispute.evidence.clone(),
                attribution: Some(dispute.by),
            });
        }
    }
    events
}

/// Evidence ends on a word of content: a pattern's closing preposition or
/// determiner with nothing of its own after it ("attacked Ukraine on") is left
/// out.
fn without_dangling_words(doc: &Annotated, mut span: Range<usize>) -> Range<usize> {
    while span.len() > 1
        && matches!(
            doc.tokens[span.end - 1].pos,
            Pos::IN | Pos::TO | Pos::DT | Pos::CC | Pos::Comma | Pos::Colon
        )
    {
        span.end -= 1;
    }
    span
}

/// One event for each (date, source, target, code), with the evidence of
/// every sighting, in text order of the first.
/// "Turkey called for a boycott of Israel": the boycott is what the appeal
/// or demand (CAMEO 02, 10) asks for, not an event of its own; the
/// appeal's words hold it, with the same actors.
fn without_demanded(events: Vec<Event>) -> Vec<Event> {
    let asks = |e: &Event| e.code.starts_with("02") || e.code.starts_with("10");
    let within =
        |inner: &Event, outer: &Event| match (inner.evidence.first(), outer.evidence.first()) {
            (Some(i), Some(o)) => o.start <= i.start && i.end <= o.end,
            _ => false,
        };
    let demanded: Vec<bool> = events
        .iter()
        .map(|e| {
            !asks(e)
                && events.iter().any(|d| {
                    asks(d) && d.source == e.source && d.target == e.target && within(e, d)
                })
        })
        .collect();
    events
        .into_iter()
        .zip(demanded)
        .filter_map(|(e, demanded)| (!demanded).then_some(e))
        .collect()
}

fn dedupe(events: Vec<Event>) -> Vec<Event> {
    type Key = (Option<String>, EntityId, Option<Participant>, String);
    let mut kept: Vec<Event> = Vec::new();
    let mut seen: HashMap<Key, usize> = HashMap::new();
    let mut evidence_seen: Vec<std::collections::HashSet<Range<usize>>> = Vec::new();
    for event in events {
        let key = (
            event.date.clone(),
            event.source,
            event.target,
            event.code.clone(),
        );
        match seen.get(&key) {
            Some(&k) => {
                for e in event.evidence {
                    if evidence_seen[k].insert(e.clone()) {
                        kept[k].evidence.push(e);
                    }
                }
            }
            None => {
                seen.insert(key, kept.len());
                evidence_seen.push(event.evidence.iter().cloned().collect());
                kept.push(event);
            }
        }
    }
    kept.sort_by_key(|e| e.evidence.first().map_or(0, |r| r.start));
    kept
}
