//! The events layer: who did what to whom, coded, with its modality.

use std::fmt;
use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::ids::{AttributionId, EntityId, PlaceId};

/// One coded event of an article.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// The acting entity.
    pub source: EntityId,
    /// What it acted on: an entity or a place.
    pub target: Option<Participant>,
    /// CAMEO code (or a code of the user's own dictionary, kept as given).
    pub code: String,
    /// asserted, intended, planned, hypothetical, negated or historical.
    pub modality: Modality,
    /// When it happened (ISO 8601), from its sentence or the article.
    pub date: Option<String>,
    /// Where it happened: a place of the entities stage.
    pub place: Option<PlaceId>,
    /// The words that report it (token ranges), one per sighting.
    pub evidence: Vec<Range<usize>>,
    /// The attribution whose content reports it.
    pub attribution: Option<AttributionId>,
}

/// What an event acts on: an entity or a place of the entities layer (not
/// to be confused with an actor of the actor dictionary).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Participant {
    /// An entity of the entities stage.
    Entity(EntityId),
    /// A place of the entities stage.
    Place(PlaceId),
}

/// How an event is told.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    /// Told as having happened or happening.
    Asserted,
    /// Someone is ready, willing or committed to do it.
    Intended,
    /// It is planned or about to happen.
    Planned,
    /// It might happen, or would under a condition.
    Hypothetical,
    /// It did not happen.
    Negated,
    /// It happened before the article's date.
    Historical,
}

impl Modality {
    /// The contract's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Intended => "intended",
            Modality::Planned => "planned",
            Modality::Hypothetical => "hypothetical",
            Modality::Negated => "negated",
            Modality::Historical => "historical",
        }
    }

    /// Whether the event is told as having happened.
    pub fn happened(self) -> bool {
        matches!(self, Modality::Asserted | Modality::Historical)
    }
}

impl fmt::Display for Modality {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
