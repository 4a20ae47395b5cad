//! The attributions and disputes layers: who said what, and which sources
//! reject which.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::ids::{AttributionId, EntityId};

/// How much of the content is quoted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// All of it, inside quotation marks.
    Direct,
    /// A reported clause with quoted fragments.
    Mixed,
    /// None of it.
    Indirect,
}

impl QuoteKind {
    /// The contract's name of the kind.
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Mixed => "mixed",
            QuoteKind::Indirect => "indirect",
        }
    }
}

/// A statement the article attributes to someone, as token ranges.
#[derive(Debug, Clone, PartialEq)]
pub struct Attribution {
    /// direct, mixed or indirect.
    pub kind: QuoteKind,
    /// The cue words ("said", "according to", "quoted ... as saying").
    pub cue: Vec<Range<usize>>,
    /// The source mention.
    pub source: Vec<Range<usize>>,
    /// What was said.
    pub content: Vec<Range<usize>>,
    /// The quoted fragments inside the content (without their marks).
    pub quoted: Vec<Range<usize>>,
    /// The speaker entity, when the source resolves to one.
    pub speaker: Option<EntityId>,
    /// Entities it reached us through, outermost first.
    pub via: Vec<EntityId>,
    /// Sources the speaker itself names.
    pub cites: Vec<EntityId>,
}

/// One attribution's rejection of others.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dispute {
    /// The rejecting attribution.
    pub by: AttributionId,
    /// The attributions it rejects.
    pub against: Vec<AttributionId>,
    /// The words of the rejection (token ranges).
    pub evidence: Vec<Range<usize>>,
}

impl std::fmt::Display for QuoteKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
