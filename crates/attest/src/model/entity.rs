//! The entities layer: actors and places with every mention of them, as the
//! `entities` stage finds and links them.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::ids::EntityId;
use super::span::Span;

/// What sort of thing an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EntityKind {
    /// A named person.
    #[serde(rename = "person")]
    Person,
    /// A person the text does not name ("a senior defence official").
    #[serde(rename = "anonymous person")]
    AnonymousPerson,
    /// People the text does not name ("officials", "residents").
    #[serde(rename = "group")]
    Group,
    /// An organisation of no more specific kind.
    #[serde(rename = "organisation")]
    Organisation,
    /// A ministry, agency, legislature or court.
    #[serde(rename = "government body")]
    GovernmentBody,
    /// Armed forces of a state.
    #[serde(rename = "military")]
    Military,
    /// A non-state armed group.
    #[serde(rename = "armed group")]
    ArmedGroup,
    /// An intergovernmental organisation.
    #[serde(rename = "international organisation")]
    InternationalOrganisation,
    /// A newspaper, broadcaster or agency.
    #[serde(rename = "news outlet")]
    NewsOutlet,
    /// A political party.
    #[serde(rename = "political party")]
    PoliticalParty,
    /// A country as an actor.
    #[serde(rename = "country")]
    Country,
    /// A report, leak or document that says things.
    #[serde(rename = "document")]
    Document,
    /// Anything else the recogniser names (events, products, ...).
    #[serde(rename = "other")]
    Other,
}

impl EntityKind {
    /// The kind as the JSON contract writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::AnonymousPerson => "anonymous person",
            EntityKind::Group => "group",
            EntityKind::Organisation => "organisation",
            EntityKind::GovernmentBody => "government body",
            EntityKind::Military => "military",
            EntityKind::ArmedGroup => "armed group",
            EntityKind::InternationalOrganisation => "international organisation",
            EntityKind::NewsOutlet => "news outlet",
            EntityKind::PoliticalParty => "political party",
            EntityKind::Country => "country",
            EntityKind::Document => "document",
            EntityKind::Other => "other",
        }
    }

    /// People, named or not: "he", "she" and "the official" can refer to them.
    pub fn is_person(self) -> bool {
        matches!(self, EntityKind::Person | EntityKind::AnonymousPerson)
    }

    /// Collectives that "it" and "they" can refer to.
    pub fn is_collective(self) -> bool {
        !matches!(
            self,
            EntityKind::Person | EntityKind::AnonymousPerson | EntityKind::Other
        )
    }
}

/// Index of an actor in its dictionary.
pub type ActorId = usize;

/// Gender of a person, where known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum Gender {
    /// Female.
    #[serde(rename = "f")]
    Female,
    /// Male.
    #[serde(rename = "m")]
    Male,
}

/// How a mention was linked to its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResolvedBy {
    /// The entity's name, or part of it.
    Name,
    /// Another name, a demonym, or a description composed from names.
    Alias,
    /// An acronym.
    Acronym,
    /// A pronoun.
    Pronoun,
    /// A definite description ("the official").
    Nominal,
    /// "the former" or "the latter".
    FormerLatter,
}

impl ResolvedBy {
    /// As the JSON contract writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            ResolvedBy::Name => "name",
            ResolvedBy::Alias => "alias",
            ResolvedBy::Acronym => "acronym",
            ResolvedBy::Pronoun => "pronoun",
            ResolvedBy::Nominal => "nominal",
            ResolvedBy::FormerLatter => "former_latter",
        }
    }
}

/// One mention of an entity or place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Document token indexes it covers.
    pub tokens: Range<usize>,
    /// Its characters (may be part of a token: "US" in "US-led").
    pub span: Span,
    /// How it was linked.
    pub resolved_by: ResolvedBy,
}

/// An actor of the article with every mention of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    /// Canonical name.
    pub name: String,
    /// What it is.
    pub kind: EntityKind,
    /// Actor code on the article date.
    pub code: Option<String>,
    /// Role the text gives it.
    pub role: Option<String>,
    /// Affiliation the text gives it, as written.
    pub affiliation: Option<String>,
    /// The entity of that affiliation, when it is one.
    pub affiliation_entity: Option<EntityId>,
    /// Country code (ISO 3166-1 alpha-3).
    pub country: Option<String>,
    /// The dictionary actor it is, if any.
    pub actor: Option<ActorId>,
    /// Gender, for people, where known.
    pub gender: Option<Gender>,
    /// Whether it is several (officials, residents).
    pub plural: bool,
    /// The agent phrases it was described by, in the singular ("defence official").
    pub agents: Vec<String>,
    /// Mentions in text order.
    pub mentions: Vec<Mention>,
    /// Whether it is the outlet the document names as its source.
    pub document_source: bool,
}

impl Entity {
    /// An entity with no mention yet.
    pub fn new(name: impl Into<String>, kind: EntityKind) -> Self {
        Entity {
            name: name.into(),
            kind,
            code: None,
            role: None,
            affiliation: None,
            affiliation_entity: None,
            country: None,
            actor: None,
            gender: None,
            plural: false,
            document_source: false,
            agents: Vec::new(),
            mentions: Vec::new(),
        }
    }

    /// First token of its first mention.
    pub fn first_token(&self) -> usize {
        self.mentions.first().map_or(usize::MAX, |m| m.tokens.start)
    }
}

/// A place the article mentions, resolved to the gazetteer.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceEntity {
    /// Index into [`crate::data::places`].
    pub record: usize,
    /// Mentions in text order.
    pub mentions: Vec<Mention>,
}

impl std::fmt::Display for EntityKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::fmt::Display for ResolvedBy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
