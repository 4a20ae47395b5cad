//! Finding dictionary phrases in sentences.
//!
//! Phrases are tokenised like article text and matched over a sentence's
//! tokens joined by single spaces, so a match always covers whole tokens.
//! The project's own names are matched as written (so "US" is never "us");
//! PETRARCH phrases, agents and discards without regard to ASCII case, and a
//! PETRARCH phrase not ending in `_` matches any word it begins (a stem).

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::lexicon::actors::{ActorDictionary, DiscardScope};
use crate::lexicon::tokens::tokenize;
use crate::model::ActorId;

/// How a phrase names its actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// The canonical name.
    Name,
    /// Another name.
    Alias,
    /// An acronym.
    Acronym,
    /// A word for the country's people.
    Demonym,
    /// A name shared with other countries' bodies, valid where the country is mentioned.
    Contextual,
}

/// What a phrase stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// An actor, named in some form.
    Actor(ActorId, Form),
    /// An agent (index into the dictionary's agents).
    Agent(usize),
    /// A phrase that is no actor and puts text out of event coding.
    Discard(DiscardScope),
}

/// A dictionary phrase found in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhraseMatch {
    /// Token indexes within the sentence.
    pub tokens: Range<usize>,
    /// What the phrase stands for (several when the phrase is ambiguous).
    pub targets: Vec<Target>,
}

struct Automaton {
    ac: AhoCorasick,
    targets: Vec<Vec<Target>>,
    stems: Vec<bool>,
}

/// The dictionary phrases of one sentence.
#[derive(Debug, Default)]
pub struct Found {
    /// Actor phrases, none overlapping.
    pub actors: Vec<PhraseMatch>,
    /// Agent phrases, none overlapping (they may overlap actors).
    pub agents: Vec<PhraseMatch>,
    /// The widest scope of the discard phrases in the sentence, if any.
    pub discard: Option<DiscardScope>,
}

/// The phrases of a dictionary, ready to be found.
pub struct PhraseMatcher {
    exact: Option<Automaton>,
    folded: Option<Automaton>,
    single_words: std::collections::HashMap<String, Vec<Target>>,
}

/// A matcher that cannot be built.
#[derive(Debug, thiserror::Error)]
#[error("cannot build the phrase matcher: {0}")]
pub struct MatcherError(String);

/// Phrases grouped by their text, each with its targets and stem flag.
#[derive(Default)]
struct Patterns {
    index: std::collections::HashMap<String, usize>,
    texts: Vec<String>,
    targets: Vec<Vec<Target>>,
    stems: Vec<bool>,
}

impl Patterns {
    fn add(&mut self, phrase: &str, target: Target, stem: bool) {
        let text = normal_phrase(phrase);
        if text.is_empty() {
            return;
        }
        let i = *self.index.entry(text.clone()).or_insert_with(|| {
            self.texts.push(text);
            self.targets.push(Vec::new());
            self.stems.push(stem);
            self.texts.len() - 1
        });
        if !self.targets[i].contains(&target) {
            self.targets[i].push(target);
        }
    }

    fn build(self, case_insensitive: bool) -> Result<Option<Automaton>, MatcherError> {
        if self.texts.is_empty() {
            return Ok(None);
        }
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .ascii_case_insensitive(case_insensitive)
            .build(&self.texts)
            .map_err(|e| MatcherError(e.to_string()))?;
        Ok(Some(Automaton {
            ac,
            targets: self.targets,
            stems: self.stems,
        }))
    }
}

/// A phrase as the matcher sees it: its tokens joined by single spaces.
fn normal_phrase(phrase: &str) -> String {
    tokenize(phrase)
        .iter()
        .map(|s| normal_token(s.slice(phrase)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A token as phrases are written: straight quotes, and an underscore
/// joining words ("Dol_Amroth", as some wire texts and dictionaries write
/// names) as a space.
fn normal_token(token: &str) -> String {
    let joined = if token.len() > 2 && token.trim_matches('_').contains('_') {
        token.replace('_', " ")
    } else {
        token.to_owned()
    };
    joined.replace(['’', '‘'], "'").replace(['“', '”'], "\"")
}

impl PhraseMatcher {
    /// The matcher of every phrase of `dictionary`.
    pub fn new(dictionary: &ActorDictionary) -> Result<Self, MatcherError> {
        let mut exact = Patterns::default();
        let mut folded = Patterns::default();
        for (id, actor) in dictionary.actors.iter().enumerate() {
            exact.add(&actor.name, Target::Actor(id, Form::Name), false);
            for alias in &actor.aliases {
                exact.add(alias, Target::Actor(id, Form::Alias), false);
            }
            for acronym in &actor.acronyms {
                exact.add(acronym, Target::Actor(id, Form::Acronym), false);
            }
            for demonym in &actor.demonyms {
                exact.add(demonym, Target::Actor(id, Form::Demonym), false);
            }
            for name in &actor.contextual {
                exact.add(name, Target::Actor(id, Form::Contextual), false);
            }
        }
        for (phrase, id) in &dictionary.petrarch {
            folded.add(
                phrase.trim_end(),
                Target::Actor(*id, Form::Alias),
                !phrase.ends_with(' '),
            );
        }
        for (index, agent) in dictionary.agents.iter().enumerate() {
            for phrase in &agent.phrases {
                folded.add(phrase, Target::Agent(index), false);
            }
        }
        for (phrase, index) in &dictionary.petrarch_agents {
            folded.add(phrase, Target::Agent(*index), false);
        }
        for discard in &dictionary.discards {
            folded.add(&discard.phrase, Target::Discard(discard.scope), false);
        }
        let single_words = exact
            .texts
            .iter()
            .zip(&exact.targets)
            .filter(|(text, _)| !text.contains(' '))
            .map(|(text, targets)| (text.clone(), targets.clone()))
            .collect();
        Ok(PhraseMatcher {
            exact: exact.build(false)?,
            folded: folded.build(true)?,
            single_words,
        })
    }

    /// What a single word names in the project's own dictionary, as written.
    pub fn lookup(&self, word: &str) -> Option<Vec<Target>> {
        self.single_words.get(word).cloned()
    }

    /// The phrases of a sentence of `words`: at each token the longest phrase
    /// that starts there, left to right, none overlapping. Agents are reported
    /// separately from actors: they may overlap (an agent inside a name). A
    /// discard phrase is no actor, and is reported by its scope.
    pub fn find(&self, words: &[&str]) -> Found {
        let mut text = String::new();
        let mut starts = Vec::with_capacity(words.len());
        for word in words {
            if !text.is_empty() {
                text.push(' ');
            }
            starts.push(text.len());
            text.push_str(&normal_token(word));
        }
        let mut ends: Vec<usize> = starts.iter().skip(1).map(|s| s - 1).collect();
        ends.push(text.len());
        let mut candidates: Vec<PhraseMatch> = Vec::new();
        let mut stemmed: Vec<PhraseMatch> = Vec::new();
        for automaton in self.exact.iter().chain(&self.folded) {
            for m in automaton.ac.find_overlapping_iter(&text) {
                let Ok(first) = starts.binary_search(&m.start()) else {
                    continue;
                };
                let stem = automaton.stems[m.pattern().as_usize()];
                let (last, whole) = match ends.binary_search(&m.end()) {
                    Ok(last) => (last, true),
                    Err(inside) if stem && inside < ends.len() && starts[inside] < m.end() => {
                        (inside, false)
                    }
                    Err(_) => continue,
                };
                let found = PhraseMatch {
                    tokens: first..last + 1,
                    targets: automaton.targets[m.pattern().as_usize()].clone(),
                };
                if whole {
                    candidates.push(found);
                } else {
                    stemmed.push(found);
                }
            }
        }
        // A phrase that names a word in full beats one that only begins it:
        // "the Kuwait government" is Kuwait, not a "THE KU" stem.
        stemmed.retain(|s| {
            let last = s.tokens.end - 1;
            !candidates.iter().any(|c| c.tokens.contains(&last))
        });
        candidates.extend(stemmed);
        let (agents, actors): (Vec<PhraseMatch>, Vec<PhraseMatch>) = candidates
            .into_iter()
            .partition(|m| m.targets.iter().all(|t| matches!(t, Target::Agent(_))));
        let (discards, actors): (Vec<PhraseMatch>, Vec<PhraseMatch>) = longest_first(actors)
            .into_iter()
            .partition(|m| m.targets.iter().any(|t| matches!(t, Target::Discard(_))));
        let discard = discards
            .iter()
            .flat_map(|m| &m.targets)
            .filter_map(|t| match t {
                Target::Discard(scope) => Some(*scope),
                _ => None,
            })
            .max_by_key(|scope| *scope == DiscardScope::Article);
        Found {
            actors,
            agents: longest_first(agents),
            discard,
        }
    }
}

/// Non-overlapping matches, each the longest at its start, left to right.
fn longest_first(mut candidates: Vec<PhraseMatch>) -> Vec<PhraseMatch> {
    candidates.sort_by(|a, b| {
        a.tokens
            .start
            .cmp(&b.tokens.start)
            .then(b.tokens.end.cmp(&a.tokens.end))
    });
    let mut chosen: Vec<PhraseMatch> = Vec::new();
    for candidate in candidates {
        if chosen
            .last()
            .is_some_and(|c| c.tokens.end > candidate.tokens.start)
        {
            continue;
        }
        chosen.push(candidate);
    }
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::actors::{ActorDictionary, Discard};

    fn dictionary() -> ActorDictionary {
        let mut d = ActorDictionary::new();
        d.add_toml(
            "t.toml",
            r#"
[[actor]]
name = "United States"
kind = "country"
acronyms = ["US"]
demonyms = ["American"]
[[actor]]
name = "Islamic State"
kind = "armed group"
acronyms = ["IS", "ISIS", "ISIS-K"]
[[agent]]
code = "MIL"
kind = "military"
phrases = ["defence officials", "officials"]
"#,
        )
        .unwrap();
        d.discards.push(Discard {
            phrase: "Bank of America".into(),
            scope: DiscardScope::Sentence,
        });
        d.petrarch.push(("AMERICA".into(), 0));
        d.petrarch.push(("THE U".into(), 1));
        d
    }

    fn found(words: &[&str]) -> Vec<(Range<usize>, Vec<Target>)> {
        let matcher = PhraseMatcher::new(&dictionary()).unwrap();
        let found = matcher.find(words);
        found
            .actors
            .into_iter()
            .chain(found.agents)
            .map(|m| (m.tokens, m.targets))
            .collect()
    }

    #[test]
    fn whole_tokens_longest_first_and_case_as_written() {
        let words = [
            "US",
            "defence",
            "officials",
            "said",
            "ISIS-K",
            "and",
            "ISIS",
            "told",
            "us",
        ];
        let matches = found(&words);
        assert!(matches.contains(&(0..1, vec![Target::Actor(0, Form::Acronym)])));
        assert!(matches.contains(&(1..3, vec![Target::Agent(0)])));
        assert!(matches.contains(&(4..5, vec![Target::Actor(1, Form::Acronym)])));
        assert!(matches.contains(&(6..7, vec![Target::Actor(1, Form::Acronym)])));
        assert!(
            !matches.iter().any(|(r, _)| r.start == 8),
            "lower-case us is no country"
        );
        assert!(
            !matches.iter().any(|(r, _)| *r == (1..2)),
            "IS inside ISIS is not matched"
        );
    }

    #[test]
    fn stems_and_discards() {
        let matches = found(&["Americans", "and", "Bank", "of", "America"]);
        assert!(
            matches
                .iter()
                .any(|(r, t)| *r == (0..1) && t.contains(&Target::Actor(0, Form::Alias)))
        );
        assert!(
            !matches.iter().any(|(r, _)| r.start >= 2),
            "discarded phrase"
        );
        let matches = found(&["the", "US", "and", "the", "Uruguayans"]);
        assert!(
            matches.iter().any(|(r, _)| *r == (1..2)) && !matches.iter().any(|(r, _)| *r == (0..2)),
            "a word named in full is not the end of a stem: {matches:?}"
        );
        assert!(
            matches.iter().any(|(r, _)| *r == (3..5)),
            "a stem where nothing names the word in full"
        );
        let matcher = PhraseMatcher::new(&dictionary()).unwrap();
        assert_eq!(
            matcher.find(&["Bank", "of", "America"]).discard,
            Some(DiscardScope::Sentence)
        );
        assert_eq!(matcher.find(&["America"]).discard, None);
    }
}
