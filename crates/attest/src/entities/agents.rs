//! Agents and descriptions: "US defence officials" (a country and an agent
//! compose the code USAMIL), "Taliban fighters" (the group itself), "a senior
//! defence official" (an anonymous source), "classified Pentagon documents"
//! (a document that says things).

use std::sync::LazyLock;

use std::collections::HashMap;
use std::ops::Range;

use super::link::Linker;
use crate::lexicon::lists;
use crate::model::EntityKind;
use crate::model::Pos;
use crate::model::{Entity, EntityId, ResolvedBy};

/// Nouns for documents that can be the source of a statement.
/// From `data/lexicon/sources.txt` [document nouns].
static DOCUMENT_NOUNS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| lists::sources().words("document nouns"));

/// Determiners of a first mention of an unnamed source.
/// From `data/lexicon/sources.txt` [indefinite].
static INDEFINITE: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| lists::sources().words("indefinite"));

/// Compose agents with countries and organisations, and find anonymous
/// sources and documents.
pub fn compose(linker: &mut Linker) {
    let agents = linker.agents.clone();
    let mut found = Found::new(linker);
    for (tokens, agent) in agents {
        if !compose_with_actor(linker, &mut found, &tokens, agent) {
            anonymous_source(linker, &mut found, &tokens, agent);
        }
    }
    documents(linker);
}

/// What composing looks up, indexed once an article and kept in step as it
/// goes: agent phrases by where they start and end, entities by their code
/// and by the agent words that describe them (those with a code).
struct Found {
    agent_starting: HashMap<usize, Range<usize>>,
    agent_ending: HashMap<usize, Range<usize>>,
    /// Entities other than persons, by code.
    by_code: HashMap<String, Vec<usize>>,
    coded_by_head: HashMap<String, Vec<usize>>,
}

impl Found {
    fn new(linker: &Linker) -> Self {
        let mut found = Found {
            agent_starting: HashMap::new(),
            agent_ending: HashMap::new(),
            by_code: HashMap::new(),
            coded_by_head: HashMap::new(),
        };
        // The first phrase at a position is the one a search in order finds.
        for (tokens, _) in &linker.agents {
            found
                .agent_starting
                .entry(tokens.start)
                .or_insert_with(|| tokens.clone());
            found
                .agent_ending
                .entry(tokens.end)
                .or_insert_with(|| tokens.clone());
        }
        for e in 0..linker.entities.len() {
            found.entity_added(linker, e);
        }
        found
    }

    /// Take note of entity `e`, newly made (or already there at the start).
    fn entity_added(&mut self, linker: &Linker, e: usize) {
        let entity = &linker.entities[e];
        if let Some(code) = &entity.code {
            // Only a collective can hold a code for the article (see
            // `holder_of_code`); every "minister of Gondor" is a person of
            // its own, and listing them made each lookup longer.
            if !entity.kind.is_person() {
                self.by_code.entry(code.clone()).or_default().push(e);
            }
            for head in &entity.agents {
                self.described(e, head);
            }
        }
    }

    /// Take note that agent word `head` describes entity `e`, which has a code.
    fn described(&mut self, e: usize, head: &str) {
        let list = self.coded_by_head.entry(head.to_owned()).or_default();
        if let Err(at) = list.binary_search(&e) {
            list.insert(at, e);
        }
    }
}

/// The actor an agent phrase belongs to, named just before it ("US",
/// "Afghanistan's", "Taliban") or after "of" ("the government of
/// Afghanistan"); after "of" it may be a list ("the ambassadors of Arnor,
/// Osgiliath and Gondor"), each with its own composed actor. Returns
/// whether the phrase was linked.
fn compose_with_actor(
    linker: &mut Linker,
    found: &mut Found,
    tokens: &Range<usize>,
    agent: usize,
) -> bool {
    let before = possessor_end(linker, tokens.start).unwrap_or(tokens.start);
    if let Some((owner, owner_tokens)) = linker.entity_ending_at(before) {
        let phrase = owner_tokens.start.min(tokens.start)..tokens.end;
        let name = linker.words(&phrase).to_owned();
        return compose_one(linker, found, tokens, agent, owner, (phrase, name));
    }
    // "Afghan soldiers and police": the owner of the agent before "and".
    if let Some((owner, owner_tokens)) = owner_of_coordinated_agent(linker, found, tokens) {
        let name = format!("{} {}", linker.words(&owner_tokens), linker.words(tokens));
        return compose_one(linker, found, tokens, agent, owner, (tokens.clone(), name));
    }
    let mut linked = false;
    let (preposition, owners) = actors_after_of(linker, found, tokens);
    for (k, (owner, owner_tokens)) in owners.into_iter().enumerate() {
        // The first is mentioned and named by the words from the agent on
        // ("the government of the Philippines"); the others of a list are
        // mentioned by their own name, and named by the agent, the
        // preposition and that name ("Lawmakers in Gondor" for "Lawmakers
        // in Fornost and Gondor").
        let whole = tokens.start..owner_tokens.end;
        let coordinated = linker.word(tokens.end).eq_ignore_ascii_case("and");
        let name = if k == 0 && !coordinated {
            linker.words(&whole).to_owned()
        } else {
            format!(
                "{} {preposition} {}",
                linker.words(tokens),
                linker.words(&owner_tokens)
            )
        };
        let mention = if k == 0 { whole } else { owner_tokens };
        linked |= compose_one(linker, found, tokens, agent, owner, (mention, name));
    }
    linked
}

/// The owner named before an agent phrase that is coordinated with this
/// one ("Afghan soldiers | and | police").
fn owner_of_coordinated_agent(
    linker: &Linker,
    found: &Found,
    tokens: &Range<usize>,
) -> Option<(usize, Range<usize>)> {
    let and = tokens.start.checked_sub(1)?;
    if !linker.word(and).eq_ignore_ascii_case("and") {
        return None;
    }
    let first = found.agent_ending.get(&and)?;
    let before = possessor_end(linker, first.start).unwrap_or(first.start);
    linker.entity_ending_at(before)
}

/// Link agent phrase `tokens` to `owner` over the words `phrase`: the
/// owner itself for a group ("Taliban fighters"), or a new actor composed
/// of a country and the agent ("US officials").
fn compose_one(
    linker: &mut Linker,
    found: &mut Found,
    tokens: &Range<usize>,
    agent: usize,
    owner: usize,
    (phrase, name): (Range<usize>, String),
) -> bool {
    let kind = linker.entities[owner].kind;
    let agent_code = linker.stage.dictionary.agents[agent].code.clone();
    if kind != EntityKind::Country {
        if kind.is_collective() && kind != EntityKind::Document {
            linker.mention(owner, phrase, ResolvedBy::Alias);
            return true;
        }
        return false;
    }
    let Some(country_code) = linker.entities[owner].code.clone() else {
        return false;
    };
    let code = format!("{country_code}{agent_code}");
    let agent_kind = linker.stage.dictionary.agents[agent].kind;
    let target = match holder_of_code(linker, found, &code, agent_kind) {
        Some(existing) => existing,
        None => {
            let a = &linker.stage.dictionary.agents[agent];
            let plural = linker.word(tokens.end - 1).ends_with('s');
            let kind = match (a.person, plural) {
                (true, true) => EntityKind::Group,
                (true, false) => EntityKind::AnonymousPerson,
                _ => a.kind,
            };
            let mut entity = Entity::new(name, kind);
            entity.code = Some(code);
            entity.country = Some(country_code);
            entity.plural = plural;
            let e = linker.new_entity(entity);
            found.entity_added(linker, e);
            e
        }
    };
    let head = singular(&linker.words(tokens).to_lowercase());
    if !linker.entities[target].agents.contains(&head) {
        if linker.entities[target].code.is_some() {
            found.described(target, &head);
        }
        linker.entities[target].agents.push(head);
    }
    linker.mention(target, phrase, ResolvedBy::Nominal);
    true
}

/// The entity of the article that a composed code stands for: the de facto
/// government (a group or party holding the GOV code, as the Taliban after
/// 2021), or the military for a military agent; a body like a ministry is
/// not "the government".
fn holder_of_code(
    linker: &Linker,
    found: &Found,
    code: &str,
    agent_kind: EntityKind,
) -> Option<usize> {
    let holders = found.by_code.get(code).map_or(&[][..], Vec::as_slice);
    holders
        .iter()
        .copied()
        .find(|&e| {
            let entity = &linker.entities[e];
            let fits = match agent_kind {
                EntityKind::Military => entity.kind == EntityKind::Military,
                _ => matches!(
                    entity.kind,
                    EntityKind::ArmedGroup | EntityKind::PoliticalParty
                ),
            };
            entity.code.as_deref() == Some(code) && linker.index.has_named(e) && fits
        })
        .or_else(|| {
            holders.iter().copied().find(|&e| {
                let entity = &linker.entities[e];
                entity.code.as_deref() == Some(code)
                    && entity.actor.is_none()
                    && !entity.kind.is_person()
            })
        })
}

/// Where the possessor of an agent phrase starting at `start` ends: at the
/// "'s" before it, past modifiers ("Dagolath's first Deputy Prime
/// Minister", "Ithilen's awful and evil minister").
fn possessor_end(linker: &Linker, start: usize) -> Option<usize> {
    let mut i = start;
    for _ in 0..5 {
        let previous = i.checked_sub(1)?;
        if linker.word(previous) == "'s" {
            return Some(previous);
        }
        let word = linker.word(previous);
        // A capitalised noun is part of a title ("Deputy", "Acting").
        let title_word = matches!(linker.tokens[previous].pos, Pos::NN | Pos::NNP)
            && word.starts_with(|c: char| c.is_uppercase());
        let modifier = is_modifier(linker.tokens[previous].pos)
            || title_word
            || word.eq_ignore_ascii_case("and");
        if !modifier {
            return None;
        }
        i = previous;
    }
    None
}

/// "the government of Afghanistan", "soldiers from Gondor", "lawmakers in
/// Fornost", "ambassadors of Arnor, Osgiliath and Gondor", "lawmakers and
/// officials in Fornost": the entities after "of", "from" or "in" (and
/// "the"), after the agent or after an agent coordinated with it.
fn actors_after_of<'a>(
    linker: &Linker<'a>,
    found: &Found,
    tokens: &Range<usize>,
) -> (&'a str, Vec<(usize, Range<usize>)>) {
    let mut end = tokens.end;
    if linker.word(end).eq_ignore_ascii_case("and")
        && let Some(next) = found.agent_starting.get(&(end + 1))
    {
        end = next.end;
    }
    let preposition = linker.word(end);
    // "lawmakers in Germany": a country only (officials in a city are not
    // its government).
    let countries_only = match preposition.to_lowercase().as_str() {
        "of" | "from" => false,
        "in" => true,
        _ => return (preposition, Vec::new()),
    };
    let mut found = Vec::new();
    let mut at = end + 1;
    while let Some((e, mention)) = entity_starting_at(linker, at, countries_only) {
        found.push((e, mention.clone()));
        // The list goes on after a comma or a conjunction.
        let mut next = mention.end;
        let comma = linker.word(next) == ",";
        next += usize::from(comma);
        let conjunction = matches!(linker.word(next).to_lowercase().as_str(), "and" | "or");
        next += usize::from(conjunction);
        if !(comma || conjunction) || found.len() >= 12 {
            break;
        }
        at = next;
    }
    (preposition, found)
}

/// The entity with a mention starting at `start` (or just after "the").
fn entity_starting_at(
    linker: &Linker,
    start: usize,
    countries_only: bool,
) -> Option<(usize, Range<usize>)> {
    let start = start + usize::from(linker.word(start).eq_ignore_ascii_case("the"));
    linker
        .index
        .starting_at(start)
        .find(|f| !countries_only || linker.entities[f.entity].kind == EntityKind::Country)
        .map(|f| (f.entity, f.tokens))
}

/// A person agent not owned by an actor: an unnamed source ("a senior
/// defence official", "officials"). Its affiliation is inherited from the
/// last actor described by the same agent ("US defence officials").
fn anonymous_source(linker: &mut Linker, found: &mut Found, tokens: &Range<usize>, agent: usize) {
    let a = &linker.stage.dictionary.agents[agent];
    if !a.person {
        return;
    }
    let head = singular(&linker.words(tokens).to_lowercase());
    let phrase = noun_phrase_around(linker, tokens);
    let first = linker.word(phrase.start).to_lowercase();
    let plural = linker.word(tokens.end - 1).ends_with('s');
    let indefinite =
        INDEFINITE.contains(&first.as_str()) || (plural && phrase.start == tokens.start);
    let predicate = matches!(
        linker
            .word(phrase.start.wrapping_sub(1))
            .to_lowercase()
            .as_str(),
        "is" | "was" | "are" | "were" | "as" | "became" | "'s"
    );
    if !indefinite
        || predicate
        || in_apposition(linker, &phrase)
        || !linker.entities_within(&phrase).is_empty()
    {
        return;
    }
    let name = linker.words(&phrase).to_owned();
    let mut entity = Entity::new(
        name,
        if plural {
            EntityKind::Group
        } else {
            EntityKind::AnonymousPerson
        },
    );
    entity.plural = plural;
    entity.agents.push(head.clone());
    entity.gender = gender_of_role(linker.word(tokens.end - 1));
    let unqualified = !linker
        .words(&phrase)
        .split_whitespace()
        .any(|w| QUALIFIERS.contains(&w.to_lowercase().as_str()));
    let described = match found.coded_by_head.get(&head) {
        Some(described) if unqualified => described.as_slice(),
        _ => &[],
    };
    let previous = described
        .iter()
        .rev()
        .copied()
        .find(|&e| linker.entities[e].code.is_some() && linker.index.ends_by(e, phrase.start));
    if let Some(p) = previous {
        entity.affiliation = Some(linker.entities[p].name.clone());
        entity.affiliation_entity = Some(EntityId(p));
        entity.code = linker.entities[p].code.clone();
    }
    let e = linker.new_entity(entity);
    found.entity_added(linker, e);
    linker.mention(e, phrase, ResolvedBy::Name);
}

/// Words that place an unnamed source elsewhere than the last actor of the
/// same description ("a Western diplomat" is not one of "Afghan diplomats").
/// From `data/lexicon/sources.txt` [qualifiers].
static QUALIFIERS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| lists::sources().words("qualifiers"));

/// An agent phrase in the singular: "defence officials" -> "defence official".
pub fn singular(phrase: &str) -> String {
    match phrase.strip_suffix("ies") {
        Some(stem) => format!("{stem}y"),
        None => phrase
            .strip_suffix('s')
            .filter(|s| !s.ends_with('s'))
            .unwrap_or(phrase)
            .to_owned(),
    }
}

/// The noun phrase chunk holding `tokens`, or `tokens` itself. Chunks are
/// in text order and never overlap: only the last starting at or before
/// `tokens` can hold it.
pub fn noun_phrase_around(linker: &Linker, tokens: &Range<usize>) -> Range<usize> {
    let phrases = &linker.noun_phrases;
    let after = phrases.partition_point(|np| np.start <= tokens.start);
    after
        .checked_sub(1)
        .map(|i| &phrases[i])
        .filter(|np| np.end >= tokens.end)
        .cloned()
        .unwrap_or_else(|| tokens.clone())
}

/// "a spokesperson for ..., Suhail Shaheen" and "Hugh Hill, a doctor": the
/// description belongs to the name beside it.
fn in_apposition(linker: &Linker, phrase: &Range<usize>) -> bool {
    let named_person = |tokens: Range<usize>| {
        linker
            .entities_within(&tokens)
            .iter()
            .any(|(e, _)| linker.entities[*e].kind == EntityKind::Person)
    };
    let after = phrase.end..(phrase.end + 12).min(linker.tokens.len());
    let comma_after = (phrase.end..after.end).find(|&i| linker.word(i) == ",");
    let before_name =
        comma_after.is_some_and(|c| named_person(c + 1..(c + 5).min(linker.tokens.len())));
    let name_before = phrase.start >= 2
        && linker.word(phrase.start - 1) == ","
        && named_person(phrase.start.saturating_sub(5)..phrase.start - 1);
    before_name || name_before
}

/// Adjectives and participles before a noun ("classified", "leaked").
fn is_modifier(pos: crate::model::labels::Pos) -> bool {
    pos.is_adjective() || matches!(pos, Pos::VBN | Pos::VBD)
}

/// Gender a role word implies.
pub fn gender_of_role(word: &str) -> Option<crate::model::Gender> {
    match word.to_lowercase().as_str() {
        "spokeswoman" | "chairwoman" | "congresswoman" | "businesswoman" | "woman" | "queen"
        | "princess" => Some(crate::model::Gender::Female),
        "spokesman" | "chairman" | "congressman" | "businessman" | "man" | "king" | "prince" => {
            Some(crate::model::Gender::Male)
        }
        _ => None,
    }
}

/// "classified Pentagon documents": a noun phrase headed by a document noun
/// and naming its owner becomes a document entity.
fn documents(linker: &mut Linker) {
    let phrases = linker.noun_phrases.clone();
    for np in phrases {
        let head = linker.word(np.end - 1).to_lowercase();
        if !DOCUMENT_NOUNS.contains(&head.as_str()) {
            continue;
        }
        let mut start = np.start
            + usize::from(matches!(
                linker.word(np.start).to_lowercase().as_str(),
                "the" | "a" | "an"
            ));
        // The chunker may cut the owner off the head ("Classified Pentagon |
        // documents"): modifiers and proper nouns just before belong to it.
        let sentence_start = linker.sentences[linker.sentence_of[np.start]].tokens.start;
        while start > sentence_start {
            let pos = linker.tokens[start - 1].pos;
            if !(is_modifier(pos) || pos.is_proper_noun()) {
                break;
            }
            start -= 1;
        }
        let tokens = start..np.end;
        let owners = linker.entities_within(&tokens);
        let Some((owner, _)) = owners.last().cloned() else {
            continue;
        };
        let mut entity = Entity::new(linker.words(&tokens).to_owned(), EntityKind::Document);
        entity.affiliation = Some(linker.entities[owner].name.clone());
        entity.affiliation_entity = Some(EntityId(owner));
        let e = linker.new_entity(entity);
        linker.mention(e, tokens, ResolvedBy::Name);
    }
}
