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
pub mod link;
pub mod matcher;
pub mod mention_index;
pub mod name_index;
pub mod places;
pub mod roles;

use crate::lexicon::actors::{ActorDictionary, DictionaryError};
use crate::model::annotated::Annotated;
use crate::model::{Layer, Stage};

use matcher::PhraseMatcher;

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

    fn requires(&self) -> &'static [Layer] {
        &[
            Layer::Tokens,
            Layer::Sentences,
            Layer::PartsOfSpeech,
            Layer::Phrases,
            Layer::Names,
        ]
    }

    fn adds(&self) -> &'static [Layer] {
        &[Layer::Entities, Layer::Places]
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
