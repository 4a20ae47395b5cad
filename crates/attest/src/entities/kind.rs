//! Kinds of entities.

use serde::{Deserialize, Serialize};

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
