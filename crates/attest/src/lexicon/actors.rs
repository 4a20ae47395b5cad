//! The actor dictionary: who an actor is, how texts name it, and its codes
//! over time.
//!
//! The built-in dictionary is the TOML files of `data/actors/` (format in
//! `data/actors/README.md`); users extend or replace it with PETRARCH/TABARI
//! actor, agent and discard files (see [`super::petrarch`]).

use std::collections::HashMap;
use std::sync::LazyLock;

use chrono::NaiveDate;
use serde::Deserialize;

use crate::model::{ActorId, EntityKind, Gender};

/// A code an actor has over a span of dates.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct DatedCode {
    /// CAMEO-style code ("AFGGOV").
    pub code: String,
    /// First day it applies, inclusive.
    #[serde(default)]
    pub from: Option<NaiveDate>,
    /// Last day it applies, inclusive.
    #[serde(default, rename = "to")]
    pub until: Option<NaiveDate>,
}

impl DatedCode {
    /// Whether the code applies on `date` (an undated article takes the
    /// latest code, so every code without an end applies).
    pub fn applies_on(&self, date: Option<NaiveDate>) -> bool {
        match date {
            Some(date) => {
                self.from.is_none_or(|f| date >= f) && self.until.is_none_or(|u| date <= u)
            }
            None => self.until.is_none(),
        }
    }
}

/// One actor of the dictionary.
#[derive(Debug, Clone, Deserialize)]
pub struct Actor {
    /// Canonical name.
    pub name: String,
    /// What sort of actor it is.
    pub kind: EntityKind,
    /// Country code (ISO 3166-1 alpha-3) the actor belongs to.
    #[serde(default)]
    pub country: Option<String>,
    /// Other names, matched as written.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Acronyms, matched exactly.
    #[serde(default)]
    pub acronyms: Vec<String>,
    /// Names shared with bodies of other countries ("National Security
    /// Council"): they name this actor only in an article that mentions its country.
    #[serde(default)]
    pub contextual: Vec<String>,
    /// Words for its people ("Afghan"), for countries.
    #[serde(default)]
    pub demonyms: Vec<String>,
    /// Capital city, for countries.
    #[serde(default)]
    pub capital: Option<String>,
    /// Codes over time.
    #[serde(default)]
    pub codes: Vec<DatedCode>,
    /// Office, for persons.
    #[serde(default)]
    pub role: Option<String>,
    /// Gender, for persons.
    #[serde(default)]
    pub gender: Option<Gender>,
    /// Canonical name of the actor this one is part of.
    #[serde(default)]
    pub parent: Option<String>,
}

impl Actor {
    /// The code valid on `date`, if any: the first dated code whose dates
    /// hold it, else the first code without dates (the default).
    pub fn code_on(&self, date: Option<NaiveDate>) -> Option<&str> {
        let dated = |c: &&DatedCode| c.from.is_some() || c.until.is_some();
        self.codes
            .iter()
            .filter(dated)
            .find(|c| c.applies_on(date))
            .or_else(|| self.codes.iter().find(|c| !dated(c)))
            .map(|c| c.code.as_str())
    }
}

/// An agent: words for a part of a state or society and the sector code they
/// add to a country's code.
#[derive(Debug, Clone, Deserialize)]
pub struct Agent {
    /// Sector code appended to the country code ("MIL").
    pub code: String,
    /// Kind of the composed actor.
    pub kind: EntityKind,
    /// Whether the phrases name people (officials) rather than bodies.
    #[serde(default)]
    pub person: bool,
    /// The words, matched in lowercase.
    pub phrases: Vec<String>,
    /// Phrases that are also role nouns ("spokeswoman"): matched like the
    /// others, and read as a person's role by the entities stage.
    #[serde(default)]
    pub roles: Vec<String>,
}

#[derive(Deserialize)]
struct ActorFile {
    #[serde(default)]
    actor: Vec<Actor>,
    #[serde(default)]
    agent: Vec<Agent>,
}

/// A dictionary file that does not parse.
#[derive(Debug, thiserror::Error)]
#[error("{file}: {message}")]
pub struct DictionaryError {
    /// The file.
    pub file: String,
    /// What is wrong.
    pub message: String,
}

/// How much of an article a discard phrase puts out of event coding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiscardScope {
    /// The sentence it is in.
    Sentence,
    /// The whole article (`+` in a PETRARCH discard file).
    Article,
}

/// A phrase that marks text event coding is not about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Discard {
    /// The phrase, words separated by spaces.
    pub phrase: String,
    /// What it puts out of coding.
    pub scope: DiscardScope,
}

/// Actors, agents and discarded phrases.
#[derive(Debug, Clone, Default)]
pub struct ActorDictionary {
    /// The actors, by id.
    pub actors: Vec<Actor>,
    /// The agents.
    pub agents: Vec<Agent>,
    /// Phrases that are never actors ("Bank of America") and put their
    /// sentence or whole article out of event coding (sports, weather).
    pub discards: Vec<Discard>,
    /// Phrases in PETRARCH spelling (upper case, matched without regard to case).
    pub petrarch: Vec<(String, ActorId)>,
    /// Agent phrases in PETRARCH spelling.
    pub petrarch_agents: Vec<(String, usize)>,
    by_name: HashMap<String, ActorId>,
}

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/actors.rs"));
}

/// The role nouns of the built-in agents (`roles` in `data/actors/`): the
/// words for an office a person holds that also compose an actor's code.
pub fn agent_role_nouns() -> &'static [String] {
    static ROLES: LazyLock<Vec<String>> = LazyLock::new(|| {
        ActorDictionary::builtin()
            .map(|d| d.agents.into_iter().flat_map(|a| a.roles).collect())
            .unwrap_or_default()
    });
    &ROLES
}

impl ActorDictionary {
    /// An empty dictionary.
    pub fn new() -> Self {
        Self::default()
    }

    /// The dictionary of `data/actors/`, embedded in the binary.
    pub fn builtin() -> Result<Self, DictionaryError> {
        let mut dictionary = Self::new();
        for (name, text) in embedded::ACTOR_FILES {
            dictionary.add_toml(name, text)?;
        }
        Ok(dictionary)
    }

    /// Add the actors and agents of a TOML file in the project's format.
    pub fn add_toml(&mut self, file: &str, text: &str) -> Result<(), DictionaryError> {
        let parsed: ActorFile = toml::from_str(text).map_err(|e| DictionaryError {
            file: file.to_owned(),
            message: e.to_string(),
        })?;
        for actor in parsed.actor {
            self.add_actor(actor);
        }
        for mut agent in parsed.agent {
            agent.phrases.extend(agent.roles.iter().cloned());
            self.agents.push(agent);
        }
        Ok(())
    }

    /// Add one actor; an actor of the same canonical name merges into it.
    pub fn add_actor(&mut self, actor: Actor) -> ActorId {
        if let Some(&id) = self.by_name.get(&actor.name) {
            let existing = &mut self.actors[id];
            existing.aliases.extend(actor.aliases);
            existing.acronyms.extend(actor.acronyms);
            existing.contextual.extend(actor.contextual);
            existing.codes.extend(actor.codes);
            return id;
        }
        let id = self.actors.len();
        self.by_name.insert(actor.name.clone(), id);
        self.actors.push(actor);
        id
    }

    /// The actor with this canonical name.
    pub fn by_name(&self, name: &str) -> Option<ActorId> {
        self.by_name.get(name).copied()
    }

    /// The country actor with this code (ISO 3166-1 alpha-3).
    pub fn country(&self, code: &str) -> Option<ActorId> {
        self.actors
            .iter()
            .position(|a| a.kind == EntityKind::Country && a.country.as_deref() == Some(code))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"
[[actor]]
name = "Taliban"
kind = "armed group"
country = "AFG"
aliases = ["Afghan Taliban"]
codes = [{ code = "AFGREB", to = "2021-08-14" }, { code = "AFGGOV", from = "2021-08-15" }]

[[agent]]
code = "MIL"
kind = "military"
phrases = ["troops"]
"#;

    #[test]
    fn codes_change_with_the_date() {
        let mut d = ActorDictionary::new();
        d.add_toml("sample.toml", SAMPLE).unwrap();
        let taliban = &d.actors[d.by_name("Taliban").unwrap()];
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        assert_eq!(taliban.code_on(day("2020-01-01")), Some("AFGREB"));
        assert_eq!(taliban.code_on(day("2021-08-14")), Some("AFGREB"));
        assert_eq!(taliban.code_on(day("2021-08-15")), Some("AFGGOV"));
        assert_eq!(taliban.code_on(None), Some("AFGGOV"));
        assert_eq!(d.agents[0].code, "MIL");
    }

    #[test]
    fn bad_files_name_themselves() {
        let err = ActorDictionary::new()
            .add_toml("broken.toml", "[[actor]]\nname = 3")
            .unwrap_err();
        assert_eq!(err.file, "broken.toml");
    }

    #[test]
    fn builtin_dictionary_loads_and_knows_the_taliban() {
        let d = ActorDictionary::builtin().unwrap();
        assert!(d.actors.len() > 250);
        let afghanistan = d.country("AFG").unwrap();
        assert!(d.actors[afghanistan].demonyms.iter().any(|x| x == "Afghan"));
        assert!(!d.agents.is_empty());
    }
}
