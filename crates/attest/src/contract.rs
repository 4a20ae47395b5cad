//! The public output: the records of the JSON contract (DESIGN.md, "The JSON
//! contract"), shared by the CLI, the store, the HTTP API and Python.
//!
//! Every field is always present: fields that do not apply are `null` or `[]`.

use serde::{Deserialize, Serialize};

use crate::model::annotated::Annotated;
use crate::model::document::Document;
use crate::model::labels::{CHUNK_KINDS, DEPRELS, ENTITY_KINDS};
use crate::model::span::{CharIndex, TextSpan};
use crate::model::{
    AttributionId, EntityId, EntityKind, Layer, Modality, PlaceId, QuoteKind, ResolvedBy,
};

/// Version of the contract, written as the top-level `"schema"` field.
pub const SCHEMA_VERSION: u32 = 1;

/// What to include beyond the records every analysis carries.
#[derive(Debug, Clone, Copy, Default)]
pub struct OutputOptions {
    /// Add every token with its tags.
    pub tokens: bool,
}

impl Analysis {
    /// The layers of the working document the records are made from: all
    /// but the dependency trees, which only the token records show.
    pub fn layers(options: OutputOptions) -> Vec<Layer> {
        let mut layers = vec![
            Layer::Tokens,
            Layer::Sentences,
            Layer::PartsOfSpeech,
            Layer::Phrases,
            Layer::Names,
            Layer::Entities,
            Layer::Places,
            Layer::Times,
            Layer::Attributions,
            Layer::Disputes,
            Layer::Events,
        ];
        if options.tokens {
            layers.push(Layer::Dependencies);
        }
        layers
    }
}

/// Everything attest found in one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// Contract version, [`SCHEMA_VERSION`].
    pub schema: u32,
    /// The article as read.
    pub document: Document,
    /// Sentences in text order.
    pub sentences: Vec<TextSpan>,
    /// Actors: people, organisations, groups, outlets, countries.
    pub entities: Vec<Entity>,
    /// Places mentioned.
    pub places: Vec<Place>,
    /// Temporal expressions resolved against the article date.
    pub times: Vec<Time>,
    /// Who said what, through whom.
    pub attributions: Vec<Attribution>,
    /// Who did what to whom.
    pub events: Vec<Event>,
    /// Denials and contradictions between sources.
    pub disputes: Vec<Dispute>,
    /// Tokens, only when asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tokens: Option<Vec<TokenRecord>>,
}

/// A mention of an entity or place, and how it was linked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// The words of the mention.
    pub span: TextSpan,
    /// How the mention was resolved: name, alias, acronym, pronoun, nominal, former_latter.
    pub resolved_by: ResolvedBy,
}

/// An actor with every mention of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Identifier within the analysis.
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// Person, organisation, armed group, government body, news outlet, country, ...
    pub kind: EntityKind,
    /// CAMEO-style actor code valid on the article date.
    pub code: Option<String>,
    /// Role the text gives ("spokeswoman").
    pub role: Option<String>,
    /// Affiliation the text gives ("National Security Council").
    pub affiliation: Option<String>,
    /// Country code of the actor.
    pub country: Option<String>,
    /// Every mention in the text.
    pub mentions: Vec<Mention>,
}

/// A place resolved to the gazetteer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    /// Identifier within the analysis.
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// Country, region or city.
    pub kind: String,
    /// Country code.
    pub country: Option<String>,
    /// Latitude in degrees.
    pub lat: Option<f64>,
    /// Longitude in degrees.
    pub lon: Option<f64>,
    /// Every mention in the text.
    pub mentions: Vec<Mention>,
}

/// A temporal expression and its value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Time {
    /// The words of the expression.
    pub span: TextSpan,
    /// ISO 8601 value: 2021, 2021-08, 2021-08-15, P20Y.
    pub value: String,
}

/// A statement attributed to a source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attribution {
    /// Identifier within the analysis.
    pub id: String,
    /// direct, mixed or indirect.
    pub kind: QuoteKind,
    /// The speech cue ("said", "according to").
    pub cue: Vec<TextSpan>,
    /// The source mention.
    pub source: Vec<TextSpan>,
    /// The speaker entity, when it could be resolved.
    pub speaker: Option<String>,
    /// What was said.
    pub content: Vec<TextSpan>,
    /// The quoted fragments inside the content.
    pub quoted: Vec<TextSpan>,
    /// Outlets or documents it reached us through, outermost first.
    pub via: Vec<String>,
    /// Sources the speaker itself names.
    pub cites: Vec<String>,
}

/// Actor - action - target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Identifier within the analysis.
    pub id: String,
    /// The acting entity.
    pub source: String,
    /// The entity or place acted upon.
    pub target: Option<String>,
    /// CAMEO event code.
    pub cameo: String,
    /// Name of the CAMEO code.
    pub cameo_name: String,
    /// PLOVER event type.
    pub plover: Option<String>,
    /// PLOVER mode.
    pub plover_mode: Option<String>,
    /// Goldstein scale score.
    pub goldstein: Option<f64>,
    /// CAMEO quad class.
    pub quad_class: Option<u8>,
    /// asserted, intended, planned, hypothetical, negated or historical.
    pub modality: Modality,
    /// When it happened (ISO 8601).
    pub date: Option<String>,
    /// Where it happened.
    pub place: Option<String>,
    /// The words that report it.
    pub evidence: Vec<TextSpan>,
    /// The attribution it stands under.
    pub attribution: Option<String>,
}

/// One source's denial of or contradiction to others.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dispute {
    /// Identifier within the analysis.
    pub id: String,
    /// The rejecting attribution.
    pub by: String,
    /// The attributions it rejects.
    pub against: Vec<String>,
    /// The words of the rejection.
    pub evidence: Vec<TextSpan>,
}

/// A token, the sentence holding it, and its tags.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TokenRecord {
    /// The characters of the token.
    #[serde(flatten)]
    pub span: TextSpan,
    /// Index of the sentence holding the token.
    pub sentence: usize,
    /// Penn Treebank part of speech ("_" before tagging).
    pub pos: String,
    /// Chunk tag in IOB2 ("B-NP").
    pub chunk: String,
    /// Entity tag in IOB2 ("B-PER").
    pub ner: String,
    /// The token's syntactic head (a document token index), null for the
    /// root of its sentence or before parsing.
    pub head: Option<usize>,
    /// The Universal Dependencies relation to the head ("nsubj", "root"),
    /// null before parsing.
    pub deprel: Option<String>,
}

impl Analysis {
    /// The contract form of an annotated document.
    pub fn from_annotated(annotated: &Annotated, options: OutputOptions) -> Self {
        let index = CharIndex::new(annotated.text());
        let sentences = annotated
            .sentences
            .iter()
            .map(|s| index.text_span(s.span))
            .collect();
        let tokens = options.tokens.then(|| token_records(annotated, &index));
        Analysis {
            schema: SCHEMA_VERSION,
            document: annotated.document.clone(),
            sentences,
            entities: entity_records(annotated, &index),
            places: place_records(annotated, &index),
            times: annotated
                .times
                .iter()
                .map(|t| Time {
                    span: index.text_span(t.span),
                    value: t.value.clone(),
                })
                .collect(),
            attributions: attribution_records(annotated, &index),
            events: event_records(annotated, &index),
            disputes: annotated
                .disputes
                .iter()
                .enumerate()
                .map(|(i, d)| Dispute {
                    id: format!("d{}", i + 1),
                    by: attribution_id(d.by),
                    against: d.against.iter().map(|&a| attribution_id(a)).collect(),
                    evidence: d
                        .evidence
                        .iter()
                        .map(|r| token_span(annotated, &index, r))
                        .collect(),
                })
                .collect(),
            tokens,
        }
    }

    /// The entity with this id, if the analysis has one.
    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.entities.iter().find(|e| e.id == id)
    }

    /// The place with this id, if the analysis has one.
    pub fn place(&self, id: &str) -> Option<&Place> {
        self.places.iter().find(|p| p.id == id)
    }

    /// The name of the entity or place with this id (an event's source or
    /// target may be either), if the analysis has one.
    pub fn name_of(&self, id: &str) -> Option<&str> {
        self.entity(id)
            .map(|e| e.name.as_str())
            .or_else(|| self.place(id).map(|p| p.name.as_str()))
    }

    /// Every span of every record, for checks that all of them slice correctly.
    pub fn all_spans(&self) -> Vec<&TextSpan> {
        let mut spans: Vec<&TextSpan> = self.sentences.iter().collect();
        for entity in &self.entities {
            spans.extend(entity.mentions.iter().map(|m| &m.span));
        }
        for place in &self.places {
            spans.extend(place.mentions.iter().map(|m| &m.span));
        }
        spans.extend(self.times.iter().map(|t| &t.span));
        for a in &self.attributions {
            spans.extend(
                a.cue
                    .iter()
                    .chain(&a.source)
                    .chain(&a.content)
                    .chain(&a.quoted),
            );
        }
        for event in &self.events {
            spans.extend(&event.evidence);
        }
        for dispute in &self.disputes {
            spans.extend(&dispute.evidence);
        }
        if let Some(tokens) = &self.tokens {
            spans.extend(tokens.iter().map(|t| &t.span));
        }
        spans
    }
}

/// Identifier of an entity in an analysis ("e1", "e2", ...).
pub fn entity_id(id: EntityId) -> String {
    format!("e{}", id.index() + 1)
}

/// Identifier of a place ("p1", ...).
pub fn place_id(id: PlaceId) -> String {
    format!("p{}", id.index() + 1)
}

/// Identifier of an attribution ("a1", ...).
pub fn attribution_id(id: AttributionId) -> String {
    format!("a{}", id.index() + 1)
}

/// The text span of a range of document tokens.
fn token_span(
    annotated: &Annotated,
    index: &CharIndex,
    tokens: &std::ops::Range<usize>,
) -> TextSpan {
    let first = annotated.tokens[tokens.start].span;
    let last = annotated.tokens[tokens.end - 1].span;
    index.text_span(first.cover(last))
}

fn attribution_records(annotated: &Annotated, index: &CharIndex) -> Vec<Attribution> {
    let spans = |ranges: &[std::ops::Range<usize>]| -> Vec<TextSpan> {
        ranges
            .iter()
            .filter(|r| !r.is_empty())
            .map(|r| token_span(annotated, index, r))
            .collect()
    };
    let ids = |entities: &[EntityId]| entities.iter().map(|&e| entity_id(e)).collect();
    annotated
        .attributions
        .iter()
        .enumerate()
        .map(|(i, a)| Attribution {
            id: attribution_id(AttributionId(i)),
            kind: a.kind,
            cue: spans(&a.cue),
            source: spans(&a.source),
            speaker: a.speaker.map(entity_id),
            content: spans(&a.content),
            quoted: spans(&a.quoted),
            via: ids(&a.via),
            cites: ids(&a.cites),
        })
        .collect()
}

fn event_records(annotated: &Annotated, index: &CharIndex) -> Vec<Event> {
    let table = crate::events::codes::CodeTable::embedded();
    annotated
        .events
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let code = table.get(&e.code);
            Event {
                id: format!("v{}", i + 1),
                source: entity_id(e.source),
                target: e.target.map(|t| match t {
                    crate::model::Participant::Entity(x) => entity_id(x),
                    crate::model::Participant::Place(x) => place_id(x),
                }),
                cameo: e.code.clone(),
                cameo_name: code.map(|c| c.name.clone()).unwrap_or_default(),
                plover: code
                    .map(|c| c.plover_type.clone())
                    .filter(|p| !p.is_empty()),
                plover_mode: code.and_then(|c| c.plover_mode.clone()),
                goldstein: code.map(|c| f64::from(c.goldstein)),
                quad_class: code.map(|c| c.quad_class),
                modality: e.modality,
                date: e.date.clone(),
                place: e.place.map(place_id),
                evidence: e
                    .evidence
                    .iter()
                    .map(|r| token_span(annotated, index, r))
                    .collect(),
                attribution: e.attribution.map(attribution_id),
            }
        })
        .collect()
}

fn mention_records(mentions: &[crate::model::Mention], index: &CharIndex) -> Vec<Mention> {
    mentions
        .iter()
        .map(|m| Mention {
            span: index.text_span(m.span),
            resolved_by: m.resolved_by,
        })
        .collect()
}

fn entity_records(annotated: &Annotated, index: &CharIndex) -> Vec<Entity> {
    annotated
        .entities
        .iter()
        .enumerate()
        .map(|(i, e)| Entity {
            id: entity_id(EntityId(i)),
            name: e.name.clone(),
            kind: e.kind,
            code: e.code.clone(),
            role: e.role.clone(),
            affiliation: e.affiliation.clone(),
            country: e.country.clone(),
            mentions: mention_records(&e.mentions, index),
        })
        .collect()
}

fn place_records(annotated: &Annotated, index: &CharIndex) -> Vec<Place> {
    annotated
        .places
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let record = &crate::data::places()[p.record];
            Place {
                id: place_id(PlaceId(i)),
                name: record.name.to_owned(),
                kind: record.kind.to_owned(),
                country: Some(record.country.to_owned()).filter(|c| !c.is_empty()),
                lat: record.lat,
                lon: record.lon,
                mentions: mention_records(&p.mentions, index),
            }
        })
        .collect()
}

fn token_records(annotated: &Annotated, index: &CharIndex) -> Vec<TokenRecord> {
    let mut records = Vec::with_capacity(annotated.tokens.len());
    for (sentence_index, sentence) in annotated.sentences.iter().enumerate() {
        for (i, token) in sentence
            .tokens
            .clone()
            .zip(annotated.sentence_tokens(sentence))
        {
            let dependency = annotated.dependencies.get(i);
            records.push(TokenRecord {
                span: index.text_span(token.span),
                sentence: sentence_index,
                pos: token.pos.as_str().to_owned(),
                chunk: token.chunk.to_string_with(&CHUNK_KINDS),
                ner: token.ner.to_string_with(&ENTITY_KINDS),
                head: dependency.and_then(|d| d.head),
                deprel: dependency
                    .and_then(|d| DEPRELS.get(usize::from(d.relation)))
                    .map(|r| (*r).to_owned()),
            });
        }
    }
    records
}
