//! The bottom layer: the article, spans into it, the working document with
//! its layers, the records every stage adds to it, and the [`Stage`] trait.
//!
//! Stages sit above this module and meet only through the layers of
//! [`Annotated`]: none imports another stage's module.

pub mod annotated;
pub mod attribution;
pub mod document;
pub mod entity;
pub mod event;
pub mod ids;
pub mod labels;
pub mod span;
pub mod span_index;
pub mod stage;
pub mod time;

pub use annotated::{Annotated, Dependency, MentionRef, Sentence, Token, TokenSpan};
pub use attribution::{Attribution, Dispute, QuoteKind};
pub use document::{Document, Meta};
pub use entity::{ActorId, Entity, EntityKind, Gender, Mention, PlaceEntity, ResolvedBy};
pub use event::{Event, Modality, Participant};
pub use ids::{AttributionId, EntityId, PlaceId};
pub use labels::{Iob, Pos};
pub use span::{CharIndex, Span, TextSpan};
pub use stage::{Layer, OrderError, Stage, check_order};
pub use time::TimeExpression;
