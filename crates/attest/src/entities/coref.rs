//! Coreference: "the former" and "the latter", definite descriptions ("the
//! official", "the media outlet", "the report"), and pronouns with gender and
//! number agreement.

use std::ops::Range;

use super::link::Linker;
use crate::model::EntityKind;
use crate::model::Gender;
use crate::model::ResolvedBy;

/// What a definite description can refer to, by its head noun.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Referent {
    /// A person whose role or description has the noun.
    Person,
    /// An armed group or organisation.
    Group,
    /// A news outlet (its report, its newsroom).
    Outlet,
    /// A document.
    Document,
    /// A government.
    Government,
    /// A military.
    Military,
}

fn referent(head: &str) -> Option<Referent> {
    Some(match head {
        "official" | "officials" | "spokesman" | "spokeswoman" | "spokesperson" | "diplomat"
        | "envoy" | "minister" | "commander" | "negotiator" | "source" | "aide" | "president"
        | "leader" | "doctor" | "analyst" | "ambassador" | "adviser" | "advisor" | "operator"
        | "secretary" | "coordinator" => Referent::Person,
        "group" | "militants" | "insurgents" | "organisation" | "organization" | "movement"
        | "militia" | "rebels" | "fighters" | "terrorists" | "jihadists" | "outfit" | "faction"
        | "extremists" => Referent::Group,
        "report" | "outlet" | "newspaper" | "paper" | "daily" | "broadcaster" | "channel"
        | "publication" => Referent::Outlet,
        "document" | "documents" | "assessment" | "memo" | "leak" | "files" | "papers"
        | "cables" | "dossier" => Referent::Document,
        "government" | "administration" | "regime" | "authorities" => Referent::Government,
        "army" | "military" => Referent::Military,
        _ => return None,
    })
}

/// Resolve "the former"/"the latter", descriptions and pronouns, in text order.
pub fn resolve(linker: &mut Linker) {
    former_latter(linker);
    descriptions(linker);
    pronouns(linker);
}

/// Mentions before token `before`, newest first, from the same sentence and
/// the `back` sentences before it: (entity, first token of the mention).
fn mentions_before(linker: &Linker, before: usize, back: usize) -> Vec<(usize, usize)> {
    let sentence = linker.sentence_of.get(before).copied().unwrap_or(0);
    let earliest = linker.sentences[sentence.saturating_sub(back)].tokens.start;
    linker
        .index
        .latest_first(earliest..before, before)
        .into_iter()
        .map(|f| (f.entity, f.tokens.start))
        .collect()
}

/// How many sentences back a description looks for what it refers to: a
/// long article's descriptions are not all compared with all its mentions.
const DESCRIPTION_LOOKBACK: usize = 100;

fn former_latter(linker: &mut Linker) {
    for i in 0..linker.tokens.len() {
        let word = linker.word(i + 1).to_lowercase();
        if !linker.word(i).eq_ignore_ascii_case("the")
            || !matches!(word.as_str(), "former" | "latter")
        {
            continue;
        }
        let mut distinct: Vec<usize> = Vec::new();
        for (e, start) in mentions_before(linker, i, 1) {
            let named = linker.index.starting_at(start).any(|f| {
                f.entity == e
                    && matches!(
                        f.resolved_by,
                        ResolvedBy::Name | ResolvedBy::Alias | ResolvedBy::Acronym
                    )
            });
            if named && !distinct.contains(&e) {
                distinct.push(e);
            }
            if distinct.len() == 2 {
                break;
            }
        }
        let target = match (word.as_str(), distinct.as_slice()) {
            ("latter", [latest, _]) => Some(*latest),
            ("former", [_, earlier]) => Some(*earlier),
            _ => None,
        };
        if let Some(e) = target {
            linker.mention(e, i..i + 2, ResolvedBy::FormerLatter);
        }
    }
}

/// "the official", "The leaked documents", "the media outlet".
fn descriptions(linker: &mut Linker) {
    let phrases = linker.noun_phrases.clone();
    for np in phrases {
        let first = linker.word(np.start).to_lowercase();
        if !matches!(first.as_str(), "the" | "this" | "that" | "these" | "those") || np.len() < 2 {
            continue;
        }
        if !linker.entities_within(&np).is_empty() {
            continue;
        }
        let head = linker.word(np.end - 1).to_lowercase();
        let Some(kind) = referent(&head) else {
            continue;
        };
        let named_next = named_beside(linker, np.end, kind);
        if let Some(e) = named_next.or_else(|| antecedent(linker, &np, kind, &head)) {
            linker.mention(e, np, ResolvedBy::Nominal);
        }
    }
}

/// "the report The Post ...": a description followed at once by the name of
/// a fitting entity is that entity.
fn named_beside(linker: &Linker, after: usize, kind: Referent) -> Option<usize> {
    let (e, _) = linker
        .entities_within(&(after..after + 6))
        .into_iter()
        .find(|(_, tokens)| {
            tokens.start == after
                || (tokens.start == after + 1 && linker.word(after).eq_ignore_ascii_case("the"))
        })?;
    let entity = &linker.entities[e];
    let fits = match kind {
        Referent::Outlet => entity.kind == EntityKind::NewsOutlet,
        Referent::Group => matches!(
            entity.kind,
            EntityKind::ArmedGroup | EntityKind::Organisation
        ),
        Referent::Document => entity.kind == EntityKind::Document,
        _ => false,
    };
    fits.then_some(e)
}

/// The entity a description refers to: the most recent fitting one before it.
fn antecedent(linker: &Linker, np: &Range<usize>, kind: Referent, head: &str) -> Option<usize> {
    let singular_head = super::agents::singular(head);
    let fits = |e: usize| {
        let entity = &linker.entities[e];
        match kind {
            Referent::Person => {
                entity.kind.is_person()
                    && (entity
                        .role
                        .as_deref()
                        .is_some_and(|r| r.to_lowercase().contains(&singular_head))
                        || entity.agents.iter().any(|a| a.ends_with(&singular_head))
                        || entity.name.to_lowercase().ends_with(&singular_head))
            }
            Referent::Group => matches!(
                entity.kind,
                EntityKind::ArmedGroup | EntityKind::Organisation
            ),
            Referent::Outlet => entity.kind == EntityKind::NewsOutlet,
            Referent::Document => entity.kind == EntityKind::Document,
            Referent::Government => {
                entity.code.as_deref().is_some_and(|c| c.ends_with("GOV"))
                    && !entity.kind.is_person()
            }
            Referent::Military => {
                entity.kind == EntityKind::Military
                    || entity.code.as_deref().is_some_and(|c| c.ends_with("MIL"))
            }
        }
    };
    mentions_before(linker, np.start, DESCRIPTION_LOOKBACK)
        .into_iter()
        .map(|(e, _)| e)
        .find(|&e| fits(e))
}

/// What a pronoun can refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pronoun {
    He,
    She,
    It,
    They,
}

fn pronoun(word: &str) -> Option<Pronoun> {
    Some(match word.to_lowercase().as_str() {
        "he" | "him" | "his" | "himself" => Pronoun::He,
        "she" | "her" | "hers" | "herself" => Pronoun::She,
        "it" | "its" | "itself" => Pronoun::It,
        "they" | "them" | "their" | "theirs" | "themselves" => Pronoun::They,
        _ => return None,
    })
}

fn agrees(linker: &Linker, e: usize, p: Pronoun) -> bool {
    let entity = &linker.entities[e];
    match p {
        Pronoun::He => {
            entity.kind.is_person() && !entity.plural && entity.gender != Some(Gender::Female)
        }
        Pronoun::She => {
            entity.kind.is_person() && !entity.plural && entity.gender != Some(Gender::Male)
        }
        Pronoun::It => {
            entity.kind.is_collective()
                && !entity.plural
                && !matches!(entity.kind, EntityKind::Group)
                || entity.kind == EntityKind::ArmedGroup
        }
        Pronoun::They => {
            entity.plural || (entity.kind.is_collective() && entity.kind != EntityKind::Country)
        }
    }
}

/// Pronouns: at the start of a sentence, the first fitting mention (the
/// subject) of the previous sentence; elsewhere the nearest fitting mention
/// before it in the sentence, else the previous sentence's subject.
fn pronouns(linker: &mut Linker) {
    for i in 0..linker.tokens.len() {
        let Some(p) = pronoun(linker.word(i)) else {
            continue;
        };
        if linker.claimed(i) || is_pleonastic(linker, i, p) {
            continue;
        }
        let sentence = linker.sentence_of[i];
        let sentence_start = linker.sentences[sentence].tokens.start;
        let opens_sentence = (sentence_start..i)
            .all(|j| matches!(linker.word(j), "\"" | "“" | "'" | "(" | "And" | "But"));
        let same_sentence: Vec<usize> = mentions_before(linker, i, 0)
            .into_iter()
            .filter(|(e, _)| agrees(linker, *e, p))
            .map(|(e, _)| e)
            .collect();
        let chosen = if opens_sentence || same_sentence.is_empty() {
            previous_subject(linker, sentence, p)
        } else {
            same_sentence.first().copied()
        };
        if let Some(e) = chosen {
            linker.mention(e, i..i + 1, ResolvedBy::Pronoun);
        }
    }
}

/// "it's a fact that", "it is likely": "it" refers to nothing.
fn is_pleonastic(linker: &Linker, i: usize, p: Pronoun) -> bool {
    if p != Pronoun::It || !linker.word(i).eq_ignore_ascii_case("it") {
        return false;
    }
    let next = linker.word(i + 1).to_lowercase();
    let after = linker.word(i + 2).to_lowercase();
    matches!(
        next.as_str(),
        "'s" | "is" | "was" | "seems" | "appears" | "remains"
    ) && (matches!(
        after.as_str(),
        "a" | "likely"
            | "unclear"
            | "clear"
            | "possible"
            | "not"
            | "important"
            | "time"
            | "true"
            | "hard"
            | "difficult"
            | "expected"
    ) || linker
        .tokens
        .get(i + 2)
        .is_some_and(|t| t.pos.is_adjective()))
}

/// The first mention fitting `p` in the nearest earlier sentence that has one
/// (up to three sentences back).
fn previous_subject(linker: &Linker, sentence: usize, p: Pronoun) -> Option<usize> {
    (sentence.saturating_sub(3)..sentence).rev().find_map(|s| {
        let range = linker.sentences[s].tokens.clone();
        linker
            .index
            .starting_in(range)
            .filter(|f| f.resolved_by != ResolvedBy::Pronoun)
            .map(|f| f.entity)
            .find(|&e| agrees(linker, e, p))
    })
}
