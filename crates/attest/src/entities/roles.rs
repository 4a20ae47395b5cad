//! Roles and affiliations of people: "Adrienne Watson, who is a spokeswoman
//! for the National Security Council", "a spokesperson for the Taliban's
//! Political Office, Suhail Shaheen", "Nathan Sales, who is the State
//! Department's coordinator for counterterrorism", "President Biden",
//! "Economy Minister Anna Bakker".

use std::sync::LazyLock;

use std::collections::HashMap;
use std::ops::Range;

use super::agents::gender_of_role;
use super::link::Linker;
use crate::lexicon::actors::agent_role_nouns;
use crate::lexicon::lists;
use crate::model::Gender;
use crate::model::{EntityId, EntityKind};

/// Nouns of offices and occupations that are no agent (those that are:
/// [`agent_role_nouns`]).
/// From `data/lexicon/roles.txt` [role nouns].
static ROLE_NOUNS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| lists::roles().words("role nouns"));

/// Ranks of a country's military.
/// From `data/lexicon/roles.txt` [military ranks].
static MILITARY_RANKS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| lists::roles().words("military ranks"));

/// Words that qualify an office ("deputy spokesman", "Economy Minister").
/// From `data/lexicon/roles.txt` [role modifiers].
static ROLE_MODIFIERS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| lists::roles().words("role modifiers"));

/// Articles that open a description.
/// From `data/lexicon/roles.txt` [determiners].
static DETERMINERS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| lists::roles().words("determiners"));

/// Verbs that end a description ("... the official said").
fn ends_description(linker: &Linker, i: usize) -> bool {
    let w = linker.word(i);
    matches!(w, "," | "." | ";" | ":" | "(" | ")" | "\"" | "“" | "”" | "")
        || linker.tokens.get(i).is_some_and(|t| t.pos.is_verb())
}

/// A parsed description: the role's tokens and the affiliation's.
struct Description {
    role: Vec<Range<usize>>,
    affiliation: Option<(Range<usize>, usize)>,
    end: usize,
}

/// Find roles and affiliations for every named person.
pub fn assign(linker: &mut Linker) {
    for e in 0..linker.entities.len() {
        if linker.entities[e].kind != EntityKind::Person {
            continue;
        }
        let mentions: Vec<Range<usize>> = linker.entities[e]
            .mentions
            .iter()
            .map(|m| m.tokens.clone())
            .collect();
        for tokens in mentions {
            let found = relative_clause(linker, &tokens)
                .or_else(|| apposition_after(linker, &tokens))
                .or_else(|| apposition_before(linker, &tokens))
                .or_else(|| title_before(linker, &tokens));
            if let Some(description) = found {
                apply(linker, e, description);
                break;
            }
        }
        if linker.entities[e].gender.is_none() {
            linker.entities[e].gender = title_gender(linker, e);
        }
    }
}

fn apply(linker: &mut Linker, e: usize, description: Description) {
    let role = description
        .role
        .iter()
        .map(|r| linker.words(r))
        .collect::<Vec<_>>()
        .join(" ");
    let last_word = role.split_whitespace().last().unwrap_or("").to_owned();
    let entity = &mut linker.entities[e];
    if !role.is_empty() && entity.role.is_none() {
        entity.role = Some(role);
    }
    if entity.gender.is_none() {
        entity.gender = gender_of_role(&last_word);
    }
    if let Some((tokens, owner)) = description.affiliation {
        if linker.entities[e].affiliation.is_none() {
            let text = linker.words(&tokens).to_owned();
            let code = affiliation_code(linker, owner, &last_word);
            let entity = &mut linker.entities[e];
            entity.affiliation = Some(text);
            entity.affiliation_entity = Some(EntityId(owner));
            if entity.code.is_none() {
                entity.code = code;
            }
        }
    }
}

/// The code an affiliation gives a person: the body's code, or for a country
/// its government (its military, for military ranks).
fn affiliation_code(linker: &Linker, owner: usize, role_word: &str) -> Option<String> {
    let entity = &linker.entities[owner];
    let code = entity.code.clone()?;
    if entity.kind != EntityKind::Country {
        return Some(code);
    }
    let military = MILITARY_RANKS.contains(&role_word.to_lowercase().as_str());
    Some(format!("{code}{}", if military { "MIL" } else { "GOV" }))
}

/// "NAME, who is a ROLE for ORG" / "NAME, who is the ORG's ROLE".
fn relative_clause(linker: &Linker, name: &Range<usize>) -> Option<Description> {
    let t = name.end;
    if linker.word(t) != "," || !linker.word(t + 1).eq_ignore_ascii_case("who") {
        return None;
    }
    if !matches!(
        linker.word(t + 2).to_lowercase().as_str(),
        "is" | "was" | "'s" | "has" | "serves"
    ) {
        return None;
    }
    let mut i = t + 3;
    if linker.word(i).eq_ignore_ascii_case("been") || linker.word(i).eq_ignore_ascii_case("as") {
        i += 1;
    }
    if DETERMINERS.contains(&linker.word(i).to_lowercase().as_str()) {
        i += 1;
    }
    description(linker, i)
}

/// "NAME, a ROLE (for ORG),".
fn apposition_after(linker: &Linker, name: &Range<usize>) -> Option<Description> {
    let t = name.end;
    if linker.word(t) != "," || !DETERMINERS.contains(&linker.word(t + 1).to_lowercase().as_str()) {
        return None;
    }
    let found = description(linker, t + 2)?;
    matches!(linker.word(found.end), "," | "." | "").then_some(found)
}

/// "a ROLE for ORG, NAME" / "ORG's ROLE, NAME".
fn apposition_before(linker: &Linker, name: &Range<usize>) -> Option<Description> {
    let comma = name.start.checked_sub(1)?;
    if linker.word(comma) != "," {
        return None;
    }
    let sentence_start = linker.sentences[linker.sentence_of[name.start]]
        .tokens
        .start;
    (sentence_start..comma).rev().take(14).find_map(|d| {
        let word = linker.word(d).to_lowercase();
        let start = if DETERMINERS.contains(&word.as_str()) {
            d + 1
        } else {
            d
        };
        let opens = DETERMINERS.contains(&word.as_str()) || d == sentence_start;
        if !opens {
            return None;
        }
        description(linker, start).filter(|found| found.end == comma)
    })
}

/// "President Biden", "Economy Minister Anna Bakker", "Norwegian minister Ingrid Dahl".
fn title_before(linker: &Linker, name: &Range<usize>) -> Option<Description> {
    let title = name.start.checked_sub(1)?;
    if !is_role_noun(linker.word(title)) {
        return None;
    }
    let sentence_start = linker.sentences[linker.sentence_of[name.start]]
        .tokens
        .start;
    let mut start = title;
    let mut affiliation = None;
    while start > sentence_start {
        let previous = start - 1;
        if let Some((owner, tokens)) = linker.entity_ending_at(start) {
            affiliation = Some((tokens.clone(), owner));
            start = tokens.start;
            break;
        }
        let word = linker.word(previous);
        let capitalised = word.starts_with(char::is_uppercase);
        if ROLE_MODIFIERS.contains(&word.to_lowercase().as_str())
            || (capitalised && is_part_of_title(linker, previous))
        {
            start = previous;
        } else {
            break;
        }
    }
    let role_start = affiliation
        .as_ref()
        .map_or(start, |(t, _): &(Range<usize>, usize)| t.end);
    Some(Description {
        role: std::iter::once(role_start..title + 1).collect(),
        affiliation,
        end: name.start,
    })
}

/// A capitalised word before a title is part of it ("Economy" in "Economy
/// Minister") when it is not the name of something else.
fn is_part_of_title(linker: &Linker, i: usize) -> bool {
    !linker.claimed(i) && linker.tokens.get(i).is_some_and(|t| !t.pos.is_verb())
}

fn is_role_noun(word: &str) -> bool {
    let word = word.to_lowercase();
    ROLE_NOUNS.contains(&word.as_str()) || agent_role_nouns().contains(&word)
}

/// Parse "[ORG 's] modifiers* ROLE [for|of|at|to X]" from token `i`.
fn description(linker: &Linker, mut i: usize) -> Option<Description> {
    let mut affiliation = None;
    let entity_here = linker
        .index
        .starting_at(i)
        .next()
        .map(|f| (f.entity, f.tokens));
    if let Some((owner, tokens)) = entity_here {
        if linker.word(tokens.end) == "'s" {
            affiliation = Some((tokens.clone(), owner));
            i = tokens.end + 1;
        }
    }
    let role_start = i;
    while ROLE_MODIFIERS.contains(&linker.word(i).to_lowercase().as_str())
        && !is_role_noun(linker.word(i))
    {
        i += 1;
    }
    let mut nouns = 0;
    while is_role_noun(linker.word(i)) {
        i += 1;
        nouns += 1;
    }
    if nouns == 0 {
        return None;
    }
    let mut role: Vec<Range<usize>> = std::iter::once(role_start..i).collect();
    if matches!(
        linker.word(i).to_lowercase().as_str(),
        "for" | "of" | "at" | "to" | "with"
    ) {
        let object_start = i + 1;
        let mut end = object_start;
        while end < object_start + 8 && !ends_description(linker, end) {
            end += 1;
        }
        let object = object_start..end;
        let owners: Vec<(usize, Range<usize>)> = linker
            .entities_within(&object)
            .into_iter()
            .filter(|(e, _)| linker.entities[*e].kind != EntityKind::Person)
            .collect();
        match owners.last() {
            Some(_) if affiliation.is_none() => {
                let first_word = linker.word(object_start).to_lowercase();
                let text_start = object_start + usize::from(first_word == "the");
                let owner = best_owner(linker, &owners);
                affiliation = Some((text_start..end, owner));
            }
            _ => role.push(i..end),
        }
        i = end;
    }
    Some(Description {
        role,
        affiliation,
        end: i,
    })
}

/// Of the actors in an affiliation ("the Taliban's Political Office"), the
/// head, or the first that has a code when the head has none.
fn best_owner(linker: &Linker, owners: &[(usize, Range<usize>)]) -> usize {
    let head = owners.last().map_or(0, |(e, _)| *e);
    if linker.entities[head].code.is_some() || linker.entities[head].actor.is_some() {
        return head;
    }
    owners
        .iter()
        .rev()
        .find(|(e, _)| linker.entities[*e].code.is_some())
        .map_or(head, |(e, _)| *e)
}

/// "Mr." and "Mrs." give a person's gender.
fn title_gender(linker: &Linker, e: usize) -> Option<Gender> {
    linker.entities[e].mentions.iter().find_map(|m| {
        match linker.word(m.tokens.start.wrapping_sub(1)) {
            "Mr." | "Mr" => Some(Gender::Male),
            "Mrs." | "Mrs" | "Ms." | "Ms" => Some(Gender::Female),
            _ => None,
        }
    })
}

/// First names and their gender, from the lists in `data/gazetteers/`.
pub struct FirstNames(HashMap<&'static str, Gender>);

impl FirstNames {
    /// The shipped lists (names given to both genders are left out).
    pub fn shipped() -> Self {
        FirstNames(
            crate::data::first_names()
                .filter_map(|(name, gender)| match gender {
                    "f" => Some((name, Gender::Female)),
                    "m" => Some((name, Gender::Male)),
                    _ => None,
                })
                .collect(),
        )
    }

    /// The gender of a first name, if the lists know it.
    pub fn gender(&self, name: &str) -> Option<Gender> {
        self.0.get(name).copied()
    }
}
