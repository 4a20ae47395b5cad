//! Who acts and who is acted on: the actors around a coded word.
//!
//! The source of a verb is its subject: the noun phrase before the verb and
//! the words that lean on it ("are ready to", "has been", "vowed to"),
//! passing over a prepositional phrase that modifies it ("the Taliban in
//! Afghanistan"), a relative pronoun ("IS, which has attacked"), and taking
//! in coordinated subjects ("Arnor and Gondor"). "by X" before the verb names
//! the agent of a noun ("efforts by IS to target"). The target is the first
//! actor after the verb in its clause. A passive verb ("was attacked by")
//! turns both round. An event noun takes its source from a possessive or
//! modifier ("Israel's attack", "Israeli strikes"), from "by X", or from the
//! subject of the verb before it ("launched an attack on"), and needs a
//! target in a phrase after it ("on", "against", "with").

use std::sync::LazyLock;

use std::ops::Range;

use super::clause::{Frame, Verb};
use super::dictionary::VerbMatch;
use crate::lexicon::lists;
use crate::model::Pos;
use crate::model::annotated::Annotated;
use crate::model::{EntityId, Participant, PlaceId};

/// One source - target pair of a coded word, with the tokens from the
/// first to the last of the words involved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Party {
    /// The acting entity.
    pub source: EntityId,
    /// The entity or place acted on.
    pub target: Option<Participant>,
    /// Document tokens from the source's mention to the target's.
    pub span: Range<usize>,
}

/// The entity and place mentioned at each document token.
pub struct ActorIndex {
    entity: Vec<Option<EntityId>>,
    place: Vec<Option<PlaceId>>,
    /// How specific each entity's code is (its length; 0 with none).
    specificity: Vec<usize>,
}

impl ActorIndex {
    /// Index the mentions of a document (the longest mention of a token
    /// wins; of two as long, the more specific code: "Gondor" in "envoys of
    /// Arnor and Gondor" is Gondor's government).
    pub fn new(doc: &Annotated) -> Self {
        let n = doc.tokens.len();
        let specificity: Vec<usize> = doc
            .entities
            .iter()
            .map(|e| e.code.as_ref().map_or(0, String::len))
            .collect();
        let mut entity: Vec<Option<EntityId>> = vec![None; n];
        let mut length = vec![0usize; n];
        for (e, ent) in doc.entities.iter().enumerate() {
            for m in &ent.mentions {
                for t in m.tokens.clone().filter(|&t| t < n) {
                    let longer = m.tokens.len() > length[t];
                    let as_long_and_finer = m.tokens.len() == length[t]
                        && entity[t].is_some_and(|old| specificity[e] > specificity[old.index()]);
                    if longer || as_long_and_finer {
                        entity[t] = Some(EntityId(e));
                        length[t] = m.tokens.len();
                    }
                }
            }
        }
        let mut place = vec![None; n];
        for (p, pl) in doc.places.iter().enumerate() {
            for m in &pl.mentions {
                for t in m.tokens.clone().filter(|&t| t < n) {
                    place[t].get_or_insert(PlaceId(p));
                }
            }
        }
        ActorIndex {
            entity,
            place,
            specificity,
        }
    }

    /// An entity before a place, a more specific code before a less.
    fn rank(&self, actor: Participant) -> usize {
        match actor {
            Participant::Entity(e) => 1 + self.specificity.get(e.index()).copied().unwrap_or(0),
            Participant::Place(_) => 0,
        }
    }

    /// The actor mentioned at a document token: an entity before a place.
    pub fn at(&self, token: usize) -> Option<Participant> {
        match (
            self.entity.get(token).copied().flatten(),
            self.place.get(token).copied().flatten(),
        ) {
            (Some(e), _) => Some(Participant::Entity(e)),
            (None, Some(p)) => Some(Participant::Place(p)),
            (None, None) => None,
        }
    }

    /// The actors mentioned in document tokens, each once, in order, with
    /// the token where each is first mentioned.
    pub fn within(&self, tokens: Range<usize>) -> Vec<(Participant, usize)> {
        let mut found: Vec<(Participant, usize)> = Vec::new();
        for t in tokens {
            if let Some(a) = self.at(t)
                && !found.iter().any(|(b, _)| *b == a)
            {
                found.push((a, t));
            }
        }
        found
    }
}

/// The actors a noun phrase (sentence positions) stands for: in each of
/// its coordinated parts, the actor with the most specific code, the last
/// one on a tie ("Bree Prime Minister Romendacil" is the minister, coded
/// BREGOV, not Bree; "Ithilen's militia" is Ithilen).
fn heads(frame: &Frame, actors: &ActorIndex, phrase: Range<usize>) -> Vec<(Participant, usize)> {
    let rank = |a: Participant| actors.rank(a);
    let mut found: Vec<(Participant, usize)> = Vec::new();
    let mut best: Option<(Participant, usize)> = None;
    for i in phrase {
        if frame.is(i, &CONJUNCTIONS) || frame.is(i, &[","]) {
            found.extend(best.take());
            continue;
        }
        if let Some(a) = actors.at(frame.tokens.start + i)
            && best.is_none_or(|(b, _)| rank(a) >= rank(b))
        {
            best = Some((a, frame.tokens.start + i));
        }
    }
    found.extend(best);
    let mut unique: Vec<(Participant, usize)> = Vec::new();
    for (a, t) in found {
        if !unique.iter().any(|(b, _)| *b == a) {
            unique.push((a, t));
        }
    }
    unique
}

/// Words between a subject and its verb that lean on the verb.
/// From `data/lexicon/event-roles.txt` [leaning].
static LEANING: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| lists::event_roles().words("leaning"));

/// Words that join coordinated actors.
/// From `data/lexicon/event-roles.txt` [conjunctions].
static CONJUNCTIONS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| lists::event_roles().words("conjunctions"));

/// Words tagged as prepositions that open a clause: the noun phrase after
/// them is a subject, not the object of a preposition.
/// From `data/lexicon/event-roles.txt` [subordinators].
static SUBORDINATORS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| lists::event_roles().words("subordinators"));

/// Prepositions of place: a place after them is where, not whom.
/// From `data/lexicon/event-roles.txt` [locative].
static LOCATIVE: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| lists::event_roles().words("locative"));
/// From `data/lexicon/event-roles.txt` [origin].
static ORIGIN: LazyLock<Vec<&'static str>> = LazyLock::new(|| lists::event_roles().words("origin"));

/// Prepositions that introduce the target of an event noun.
/// From `data/lexicon/event-roles.txt` [noun targets].
static NOUN_TARGET: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| lists::event_roles().words("noun targets"));

/// The source - target pairs of a coded word.
pub fn parties(
    doc: &Annotated,
    frame: &Frame,
    actors: &ActorIndex,
    verb: &Verb,
    found: &VerbMatch,
) -> Vec<Party> {
    let at = frame.local(&verb.tokens);
    // A place a pattern binds after a preposition of place ("fought ...
    // in Maiduguri") is where it happened, not whom it was done to.
    // An event noun's pattern names its target even there ("attacks across
    // Europe"), but only in the phrase right after the noun ("a long strike
    // would hurt exporters across Europe" is no strike on Europe).
    let noun_end = frame
        .noun_phrase_at(at.end.saturating_sub(1))
        .map_or(at.end, |np| np.end.max(at.end));
    let bound = |r: &Option<Range<usize>>| {
        r.as_ref()
            .filter(|r| match verb.noun {
                true => r.start <= noun_end + 1 || r.end <= at.start,
                false => !(r.start > 0 && frame.is(r.start - 1, &LOCATIVE)),
            })
            .map(|r| heads(frame, actors, r.clone()))
            .filter(|a| !a.is_empty())
    };
    let passive = !verb.noun && is_passive(frame, at.start);
    let (sources, targets) = if verb.noun {
        (
            bound(&found.source).unwrap_or_else(|| noun_source(frame, actors, &at)),
            bound(&found.target).unwrap_or_else(|| noun_target(frame, actors, &at)),
        )
    } else if passive {
        (
            bound(&found.source).unwrap_or_else(|| agent_after(frame, actors, at.end)),
            bound(&found.target).unwrap_or_else(|| subject(frame, actors, at.start)),
        )
    } else {
        let sources = widened(bound(&found.source), subject(frame, actors, at.start));
        let targets = widened(
            bound(&found.target),
            object(frame, actors, at.end, &sources),
        );
        (sources, targets)
    };
    if verb.noun && targets.is_empty() {
        return Vec::new();
    }
    pair(doc, &sources, &targets, &verb.tokens)
}

/// The actors a pattern bound, or the clause's own reading when it holds
/// them all and more: a pattern binds one phrase, the clause reads the
/// whole coordination ("Ithilen and the government of Gondor warned").
fn widened(
    bound: Option<Vec<(Participant, usize)>>,
    clause: Vec<(Participant, usize)>,
) -> Vec<(Participant, usize)> {
    match bound {
        None => clause,
        Some(bound) => {
            let holds_all = bound
                .iter()
                .all(|(a, _)| clause.iter().any(|(c, _)| c == a));
            if holds_all && clause.len() > bound.len() {
                clause
            } else {
                bound
            }
        }
    }
}

/// Every source entity with every target; with no target, the sources of a
/// compound subject act on one another ("Arnor and Gondor met").
fn pair(
    doc: &Annotated,
    sources: &[(Participant, usize)],
    targets: &[(Participant, usize)],
    verb: &Range<usize>,
) -> Vec<Party> {
    let entities: Vec<(EntityId, usize)> = sources
        .iter()
        .filter_map(|&(a, t)| match a {
            Participant::Entity(e) => Some((e, t)),
            Participant::Place(_) => None,
        })
        .collect();
    let span = |from: usize, to: usize| {
        let start = from.min(to).min(verb.start);
        let end = (from.max(to) + 1).max(verb.end);
        start..end.min(doc.tokens.len())
    };
    let mut parties = Vec::new();
    for &(source, s) in &entities {
        if targets.is_empty() {
            let others: Vec<&(EntityId, usize)> =
                entities.iter().filter(|(e, _)| *e != source).collect();
            if others.is_empty() {
                parties.push(Party {
                    source,
                    target: None,
                    span: span(s, s),
                });
            }
            for &&(other, o) in &others {
                parties.push(Party {
                    source,
                    target: Some(Participant::Entity(other)),
                    span: span(s, o),
                });
            }
            continue;
        }
        for &(target, t) in targets {
            if target != Participant::Entity(source) {
                parties.push(Party {
                    source,
                    target: Some(target),
                    span: span(s, t),
                });
            }
        }
    }
    parties
}

/// Whether the verb at `i` is passive: a past participle after a form of
/// "be" or "get" (adverbs between).
fn is_passive(frame: &Frame, i: usize) -> bool {
    if frame.tag(i) != Pos::VBN {
        return false;
    }
    let mut j = i;
    while j > 0 && frame.tag(j - 1).is_adverb() {
        j -= 1;
    }
    j > 0
        && frame.is(
            j - 1,
            &[
                "is", "are", "was", "were", "be", "been", "being", "get", "got", "gets", "'s",
            ],
        )
}

/// The start of the words that lean on the verb at `i`: auxiliaries,
/// modals, adverbs, "to", catenative verbs and adjectives ("are ready to").
fn chain_start(frame: &Frame, i: usize) -> usize {
    let mut j = i;
    while j > 0 {
        j = frame.past_adjunct(j);
        let tag = frame.tag(j - 1);
        let leans = matches!(tag, Pos::MD | Pos::TO | Pos::RB | Pos::RBR | Pos::RBS)
            || tag.is_verb()
            || frame.is(j - 1, &LEANING)
            || frame.is(j - 1, &["not", "n't", "never", "no"]);
        if !leans {
            break;
        }
        j -= 1;
    }
    j
}

/// The subject actors of the verb at sentence position `i`.
pub fn subject(frame: &Frame, actors: &ActorIndex, i: usize) -> Vec<(Participant, usize)> {
    let mut end = chain_start(frame, i);
    // "condemned an attack ... and promised aid": a verb coordinated with
    // an earlier one shares its subject.
    if end > 0 && frame.is(end - 1, &["and", "but"]) {
        let earlier = (0..end - 1)
            .rev()
            .find(|&k| matches!(frame.tag(k), Pos::VBD | Pos::VBZ | Pos::VBP));
        if let Some(earlier) = earlier {
            return subject(frame, actors, earlier);
        }
    }
    // "efforts by IS to target": the agent of the noun before the verb.
    if let Some(np) = phrase_ending_at(frame, end) {
        let found = actors.within(frame.global(&np));
        if np.start > 0 && frame.is(np.start - 1, &["by"]) && !found.is_empty() {
            return found;
        }
    }
    // Closing quotation marks and commas of an apposition or relative clause.
    while end > 0
        && matches!(
            frame.tag(end - 1),
            Pos::CloseQuote | Pos::OpenQuote | Pos::Comma | Pos::WDT | Pos::WP
        )
    {
        end -= 1;
    }
    let mut found: Vec<(Participant, usize)> = Vec::new();
    let mut modifiers: Vec<(Participant, usize)> = Vec::new();
    let mut listing = false;
    let mut steps = 0;
    while let Some(mut np) = phrase_ending_at(frame, end) {
        steps += 1;
        // "Caras Galadhon 's new mayor", chunked apart at the possessive.
        if frame.tag(np.start) == Pos::POS
            && let Some(owner) = phrase_ending_at(frame, np.start)
        {
            np.start = owner.start;
        }
        // "Radagast | the Brown", one name chunked in two (and "the
        // government | of Gondor", with the first phrase's determiner).
        let name_at = |i: usize| actors.at(frame.tokens.start + i);
        let chunk_start = np.start;
        while np.start > 0
            && name_at(np.start).is_some()
            && name_at(np.start - 1) == name_at(np.start)
        {
            np.start -= 1;
        }
        if np.start < chunk_start
            && let Some(outer) = frame.noun_phrase_at(np.start)
        {
            np.start = np.start.min(outer.start);
        }
        let mine = heads(frame, actors, np.clone());
        let in_pp = np.start > 0
            && frame.tag(np.start - 1) == Pos::IN
            && !frame.is(np.start - 1, &SUBORDINATORS);
        if in_pp && found.is_empty() && steps < 4 {
            // "the Taliban in Afghanistan": the phrase before the preposition.
            modifiers.extend(mine);
            end = np.start - 1;
            continue;
        }
        found.extend(mine);
        // "Mordor, Rohan, Fornost and Bree": commas join a list that ends
        // with a conjunction.
        // The chunker may open a phrase with the joining word: ", Germany",
        // "and France".
        let leading = frame.is(np.start, &[","]) || frame.is(np.start, &CONJUNCTIONS);
        let joiner = if leading {
            Some(np.start)
        } else {
            np.start.checked_sub(1)
        };
        let conjunction = joiner.is_some_and(|b| frame.is(b, &CONJUNCTIONS));
        listing |= conjunction || np.clone().any(|i| frame.is(i, &CONJUNCTIONS));
        let comma = joiner.is_some_and(|b| frame.is(b, &[","])) && listing;
        if let Some(joiner) = joiner.filter(|_| (conjunction || comma) && steps < 12) {
            // "the awful Fornost, and good Gondor": a comma before the
            // conjunction joins too.
            end = joiner;
            while end > 0 && frame.is(end - 1, &[","]) {
                end -= 1;
            }
            continue;
        }
        break;
    }
    if found.is_empty() {
        found = modifiers;
    } else if found
        .iter()
        .any(|(f, _)| modifiers.iter().any(|(m, _)| m == f))
    {
        // "Lawmakers in Fornost and Gondor": the phrase after the
        // preposition is part of the subject's own name, and each actor
        // composed over it acts.
        for m in modifiers {
            if !found.iter().any(|(a, _)| *a == m.0) {
                found.push(m);
            }
        }
    }
    found.sort_by_key(|&(_, t)| t);
    found
}

/// The noun phrase (or mention-bearing word) that ends just before
/// sentence position `end`.
fn phrase_ending_at(frame: &Frame, end: usize) -> Option<Range<usize>> {
    if end == 0 {
        return None;
    }
    frame
        .noun_phrases
        .iter()
        .find(|p| p.end == end)
        .cloned()
        .or_else(|| frame.tag(end - 1).is_noun().then(|| end - 1..end))
        .or_else(|| {
            frame
                .tag(end - 1)
                .is_personal_pronoun()
                .then(|| end - 1..end)
        })
}

/// The object actors after sentence position `from`: the first noun
/// phrase with an actor before the clause ends.
pub fn object(
    frame: &Frame,
    actors: &ActorIndex,
    from: usize,
    not: &[(Participant, usize)],
) -> Vec<(Participant, usize)> {
    // "demanded that Russia withdraw": the clause's subject is the target,
    // but not a place its subject is in ("agree that disputes in the South
    // China Sea should be resolved").
    let complement = frame.is(from, &["that"]);
    let mut i = if complement { from + 1 } else { from };
    while i < frame.len() && i < from + 12 {
        if complement && frame.tag(i) == Pos::IN && !frame.is(i, &["of"]) {
            break;
        }
        // A comma before any actor closes the verb's phrase ("burned down
        // its embassy, a senior official said"), unless adjectives go on
        // ("complete, full diplomatic ties").
        let closing_comma = frame.is(i, &[","]) && !frame.tag(i + 1).is_adjective();
        if ends_clause(frame, i) || (i > from && closing_comma) {
            break;
        }
        let found: Vec<(Participant, usize)> = actors
            .within(frame.global(&(i..i + 1)))
            .into_iter()
            .filter(|(a, _)| !not.iter().any(|(n, _)| n == a))
            .collect();
        let located = i > 0 && (frame.is(i - 1, &LOCATIVE) || frame.is(i - 1, &ORIGIN));
        let a_place_where = located && matches!(found.first(), Some((Participant::Place(_), _)));
        if !found.is_empty() && !a_place_where {
            return coordinated_from(frame, actors, i);
        }
        i += 1;
    }
    Vec::new()
}

/// The actors of the noun phrase at `i` and of those coordinated with it
/// ("with Mordor, Rohan, Fornost and Bree").
fn coordinated_from(frame: &Frame, actors: &ActorIndex, i: usize) -> Vec<(Participant, usize)> {
    let mut found = Vec::new();
    let mut at = i;
    for _ in 0..12 {
        let np = frame.noun_phrase_at(at).unwrap_or(at..at + 1);
        let end = np.end.max(at + 1);
        found.extend(heads(frame, actors, at..end));
        let conjunction = frame.is(end, &CONJUNCTIONS);
        let comma = frame.is(end, &[","]);
        let next = if comma && frame.is(end + 1, &CONJUNCTIONS) {
            end + 2
        } else {
            end + 1
        };
        // A comma joins only a list: the next phrase is followed by another
        // comma or a conjunction, or a conjunction came before.
        let next_end = frame.noun_phrase_at(next).map_or(next + 1, |np| np.end);
        let listed = conjunction
            || frame.is(end + 1, &CONJUNCTIONS)
            || frame.is(next_end, &CONJUNCTIONS)
            || frame.is(next_end, &[","])
            || (next..next_end).any(|k| frame.is(k, &CONJUNCTIONS));
        let joined = conjunction || (comma && listed);
        let continues = joined && !actors.within(frame.global(&(next..next + 1))).is_empty();
        if !continues {
            break;
        }
        at = next;
    }
    found.dedup();
    found
}

/// Whether a new clause starts at sentence position `i`: a finite verb, a
/// relative pronoun or subordinator, or strong punctuation.
fn ends_clause(frame: &Frame, i: usize) -> bool {
    matches!(
        frame.tag(i),
        Pos::VBD | Pos::VBZ | Pos::VBP | Pos::MD | Pos::WDT | Pos::WP | Pos::Colon
    ) || frame.is(
        i,
        &["that", ";", "when", "while", "because", "although", "but"],
    )
}

/// The agent after a passive verb ("attacked by X").
fn agent_after(frame: &Frame, actors: &ActorIndex, from: usize) -> Vec<(Participant, usize)> {
    (from..frame.len().min(from + 4))
        .find(|&i| frame.is(i, &["by"]))
        .map(|by| object(frame, actors, by + 1, &[]))
        .unwrap_or_default()
}

/// The source of an event noun.
fn noun_source(frame: &Frame, actors: &ActorIndex, at: &Range<usize>) -> Vec<(Participant, usize)> {
    // Possessive or modifier inside its own phrase ("Israeli strikes"), or
    // a possessive phrase before it ("Russia 's attack", chunked apart).
    if let Some(np) = frame.noun_phrase_at(at.start) {
        let possessive = frame.tag(np.start) == Pos::POS || frame.is(np.start, &["'s", "'"]);
        let start = match frame.noun_phrase_at(np.start.wrapping_sub(1)) {
            Some(owner) if possessive => owner.start,
            _ => np.start,
        };
        let before = heads(frame, actors, start..at.start);
        if !before.is_empty() {
            return before;
        }
    }
    // "the attack by X".
    let by = agent_after(frame, actors, at.end);
    if !by.is_empty() {
        return by;
    }
    // The subject of the verb before it: "X launched an attack on Y".
    (0..at.start)
        .rev()
        .take(6)
        .find(|&j| frame.tag(j).is_verb())
        .map(|v| subject(frame, actors, v))
        .unwrap_or_default()
}

/// The target of an event noun: a phrase after it with "on", "against",
/// "with", ...
fn noun_target(frame: &Frame, actors: &ActorIndex, at: &Range<usize>) -> Vec<(Participant, usize)> {
    let end = frame
        .noun_phrase_at(at.end.saturating_sub(1))
        .map_or(at.end, |np| np.end.max(at.end));
    if frame.is(end, &NOUN_TARGET) {
        return object(frame, actors, end + 1, &[]);
    }
    Vec::new()
}

/// Where the event took place: a place after a preposition of place in the
/// sentence ("in Paris"), the nearest after the verb first; else the
/// target, when it is a place ("took control of Kabul").
pub fn place_of(
    frame: &Frame,
    actors: &ActorIndex,
    verb: &Verb,
    target: Option<Participant>,
) -> Option<PlaceId> {
    let at = frame.local(&verb.tokens);
    let located = |i: usize| {
        let place = actors
            .place
            .get(frame.tokens.start + i)
            .copied()
            .flatten()?;
        let np = frame.noun_phrase_at(i).unwrap_or(i..i + 1);
        (np.start > 0 && frame.is(np.start - 1, &LOCATIVE)).then_some(place)
    };
    // Before the verb, a place counts only within its clause: another verb
    // (not an auxiliary) or a subordinator between them puts the place in
    // another clause ("attacks across Europe after Biden withdrew").
    let other_clause = |i: usize| {
        let verb = frame.tag(i).is_verb()
            && !crate::lexicon::lists::is_auxiliary(&frame.word(i).to_lowercase());
        verb || frame.is(i, &SUBORDINATORS)
    };
    let clause_start = (0..at.start)
        .rev()
        .find(|&i| other_clause(i))
        .map_or(0, |i| i + 1);
    (at.end..frame.len())
        .chain(clause_start..at.start)
        .find_map(located)
        .or(match target {
            Some(Participant::Place(p)) => Some(p),
            _ => None,
        })
}
