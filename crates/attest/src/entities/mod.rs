//! The `entities` stage: every mention of an actor found and linked to one
//! entity, with its code on the article's date, its role and affiliation;
//! and every mention of a place resolved to the gazetteer.
//!
//! Mentions come from the actor dictionary (names, aliases, acronyms,
//! demonyms), from the entity tagger, from acronyms the article defines
//! ("Islamic State (IS)"), from agent phrases that compose a country's code
//! ("US defence officials" is USAMIL), and from anonymous sources ("a senior
//! defence official"). Coreference then links short names, definite
//! descriptions ("the official", "the media outlet"), "the former" and "the
//! latter", and pronouns.

pub mod agents;
pub mod coref;
pub mod dictionary;
pub mod link;
pub mod matcher;
pub mod mention_index;
pub mod name_index;
pub mod petrarch;
pub mod places;
pub mod roles;

use std::path::PathBuf;

use crate::model::Stage;
use crate::model::annotated::Annotated;
pub use dictionary::{ActorDictionary, DictionaryError};

use matcher::PhraseMatcher;

/// Dictionaries to use besides (or instead of) the built-in one.
#[derive(Debug, Clone, Default)]
pub struct DictionaryFiles {
    /// PETRARCH/TABARI actor files.
    pub actors: Vec<PathBuf>,
    /// PETRARCH/TABARI agent files.
    pub agents: Vec<PathBuf>,
    /// PETRARCH/TABARI discard files.
    pub discards: Vec<PathBuf>,
    /// Leave out the built-in dictionary.
    pub no_builtin: bool,
    /// PETRARCH verb dictionaries.
    pub verbs: Vec<PathBuf>,
    /// Leave out the built-in verb dictionary.
    pub no_builtin_verbs: bool,
}

impl DictionaryFiles {
    /// The dictionary these files make.
    pub fn load(&self) -> Result<ActorDictionary, DictionaryError> {
        let mut dictionary = if self.no_builtin {
            ActorDictionary::new()
        } else {
            ActorDictionary::builtin()?
        };
        let read = |path: &PathBuf| {
            std::fs::read_to_string(path).map_err(|e| DictionaryError {
                file: path.display().to_string(),
                message: e.to_string(),
            })
        };
        for path in &self.actors {
            petrarch::add_actors(&mut dictionary, &path.display().to_string(), &read(path)?)?;
        }
        for path in &self.agents {
            petrarch::add_agents(&mut dictionary, &path.display().to_string(), &read(path)?)?;
        }
        for path in &self.discards {
            petrarch::add_discards(&mut dictionary, &read(path)?);
        }
        Ok(dictionary)
    }

    /// The verb dictionary these files make (lines that cannot be read are
    /// reported as warnings and skipped).
    pub fn load_verbs(&self) -> Result<crate::events::dictionary::VerbDictionary, DictionaryError> {
        let mut verbs = if self.no_builtin_verbs {
            crate::events::dictionary::VerbDictionary::default()
        } else {
            crate::events::builtin_verbs()
        };
        for path in &self.verbs {
            let file = path.display().to_string();
            let text = std::fs::read_to_string(path).map_err(|e| DictionaryError {
                file: file.clone(),
                message: e.to_string(),
            })?;
            let (more, warnings) = crate::events::dictionary::VerbDictionary::parse(&text);
            for w in warnings {
                tracing::warn!("{file} {w}");
            }
            verbs.extend(more);
        }
        Ok(verbs)
    }
}

/// The entities stage.
pub struct EntityLinker {
    dictionary: ActorDictionary,
    matcher: PhraseMatcher,
    places: places::PlaceIndex,
    genders: roles::FirstNames,
}

/// A stage that cannot be built.
#[derive(Debug, thiserror::Error)]
pub enum EntityError {
    /// A dictionary does not load.
    #[error(transparent)]
    Dictionary(#[from] DictionaryError),
    /// The phrase matcher cannot be built.
    #[error(transparent)]
    Matcher(#[from] matcher::MatcherError),
}

impl EntityLinker {
    /// The stage with the built-in dictionary and gazetteer.
    pub fn new() -> Result<Self, EntityError> {
        Self::with_dictionary(ActorDictionary::builtin()?)
    }

    /// The stage with the given dictionary.
    pub fn with_dictionary(dictionary: ActorDictionary) -> Result<Self, EntityError> {
        Ok(EntityLinker {
            matcher: PhraseMatcher::new(&dictionary)?,
            dictionary,
            places: places::PlaceIndex::shipped(),
            genders: roles::FirstNames::shipped(),
        })
    }

    /// The dictionary in use.
    pub fn dictionary(&self) -> &ActorDictionary {
        &self.dictionary
    }
}

impl Stage for EntityLinker {
    fn name(&self) -> &'static str {
        "entities"
    }

    fn run(&self, doc: &mut Annotated) {
        let mut linker = link::Linker::new(self, doc);
        linker.find_mentions();
        agents::compose(&mut linker);
        roles::assign(&mut linker);
        coref::resolve(&mut linker);
        let discarded = linker.discarded_sentences();
        let (entities, places) = linker.finish();
        doc.discarded_sentences = discarded;
        doc.entities = entities;
        doc.places = places;
    }
}
