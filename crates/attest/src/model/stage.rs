//! The stage: one step of the analysis, adding layers to the working document,
//! and the layers a stage declares it reads and adds.

use std::fmt;

use super::annotated::Annotated;

/// A layer of the working document ([`Annotated`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Layer {
    /// [`Annotated::tokens`] with their spans.
    Tokens,
    /// [`Annotated::sentences`].
    Sentences,
    /// The part of speech of every token.
    PartsOfSpeech,
    /// [`Annotated::phrases`] and the chunk place of every token.
    Phrases,
    /// [`Annotated::names`] and the entity place of every token.
    Names,
    /// [`Annotated::dependencies`]: every token's head and relation.
    Dependencies,
    /// [`Annotated::entities`] and [`Annotated::discarded_sentences`].
    Entities,
    /// [`Annotated::places`].
    Places,
    /// [`Annotated::times`].
    Times,
    /// [`Annotated::attributions`].
    Attributions,
    /// [`Annotated::disputes`].
    Disputes,
    /// [`Annotated::events`].
    Events,
}

impl Layer {
    /// The layer's name in messages.
    pub fn as_str(self) -> &'static str {
        match self {
            Layer::Tokens => "tokens",
            Layer::Sentences => "sentences",
            Layer::PartsOfSpeech => "parts of speech",
            Layer::Phrases => "phrases",
            Layer::Names => "names",
            Layer::Dependencies => "dependencies",
            Layer::Entities => "entities",
            Layer::Places => "places",
            Layer::Times => "times",
            Layer::Attributions => "attributions",
            Layer::Disputes => "disputes",
            Layer::Events => "events",
        }
    }
}

impl fmt::Display for Layer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One step of the analysis. A stage adds layers to the annotated document and
/// never rewrites the text or the layers of earlier stages. It declares the
/// layers it reads and those it adds, so that a pipeline built in an order
/// that cannot work is refused instead of producing empty layers.
pub trait Stage: Send + Sync {
    /// A short name, for timings and messages.
    fn name(&self) -> &'static str;
    /// The layers this stage reads: earlier stages must add them.
    fn requires(&self) -> &'static [Layer];
    /// The layers this stage adds.
    fn adds(&self) -> &'static [Layer];
    /// Add this stage's layers.
    fn run(&self, doc: &mut Annotated);
}

/// Why stages cannot run in the order given.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OrderError {
    /// A stage reads a layer no earlier stage adds.
    #[error("stage `{stage}` requires the {layer} layer, which no stage before it adds")]
    Missing {
        /// The stage.
        stage: &'static str,
        /// The layer it lacks.
        layer: Layer,
    },
    /// Two stages add the same layer.
    #[error("stage `{stage}` adds the {layer} layer, which stage `{earlier}` already added")]
    Twice {
        /// The later stage.
        stage: &'static str,
        /// The layer.
        layer: Layer,
        /// The stage that added it first.
        earlier: &'static str,
    },
}

/// Check that every stage finds the layers it requires added by the stages
/// before it, and that no layer is added twice.
pub fn check_order<'a>(stages: impl IntoIterator<Item = &'a dyn Stage>) -> Result<(), OrderError> {
    let mut added: Vec<(Layer, &'static str)> = Vec::new();
    for stage in stages {
        if let Some(&layer) = stage
            .requires()
            .iter()
            .find(|layer| !added.iter().any(|(l, _)| l == *layer))
        {
            return Err(OrderError::Missing {
                stage: stage.name(),
                layer,
            });
        }
        for &layer in stage.adds() {
            if let Some(&(_, earlier)) = added.iter().find(|(l, _)| *l == layer) {
                return Err(OrderError::Twice {
                    stage: stage.name(),
                    layer,
                    earlier,
                });
            }
            added.push((layer, stage.name()));
        }
    }
    Ok(())
}
