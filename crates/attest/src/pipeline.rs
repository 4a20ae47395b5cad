//! The pipeline: one article through the stages, in order.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::claims::Claims;
use crate::contract::{Analysis, OutputOptions};
use crate::entities::{EntityError, EntityLinker};
use crate::events::Events;
use crate::events::builtin_verbs;
use crate::events::dictionary::VerbDictionary;
use crate::learn::model::ModelError;
use crate::learn::model::ModelPaths;
use crate::lexicon::actors::{ActorDictionary, DictionaryError};
use crate::lexicon::petrarch;
use crate::model::annotated::Annotated;
use crate::model::document::Document;
use crate::model::{Layer, OrderError, Stage, check_order};
use crate::parse::Parser;
use crate::quotes::Quotes;
use crate::segment::Segmenter;
use crate::tag::Tagger;
use crate::time::TimeTagger;

/// A pipeline that cannot be built.
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    /// A model does not load.
    #[error(transparent)]
    Model(#[from] ModelError),
    /// A dictionary does not load.
    #[error(transparent)]
    Dictionary(#[from] DictionaryError),
    /// The entity stage cannot be built.
    #[error(transparent)]
    Entities(#[from] EntityError),
    /// The stages are in an order that cannot work.
    #[error(transparent)]
    Order(#[from] OrderError),
}

/// Dictionaries to use besides (or instead of) the built-in one.
#[derive(Debug, Clone, Default)]
pub struct DictionaryFiles {
    /// Actor files: the project's TOML format (`.toml`, as in `data/actors/`)
    /// or PETRARCH/TABARI's.
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
            let (file, text) = (path.display().to_string(), read(path)?);
            if path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("toml"))
            {
                dictionary.add_toml(&file, &text)?;
            } else {
                petrarch::add_actors(&mut dictionary, &file, &text)?;
            }
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
    pub fn load_verbs(&self) -> Result<VerbDictionary, DictionaryError> {
        let mut verbs = if self.no_builtin_verbs {
            VerbDictionary::default()
        } else {
            builtin_verbs()
        };
        for path in &self.verbs {
            let file = path.display().to_string();
            let text = std::fs::read_to_string(path).map_err(|e| DictionaryError {
                file: file.clone(),
                message: e.to_string(),
            })?;
            let (more, warnings) = VerbDictionary::parse(&text);
            for w in warnings {
                tracing::warn!("{file} {w}");
            }
            verbs.extend(more);
        }
        Ok(verbs)
    }
}

/// The stages, loaded once and shared by every thread.
pub struct Pipeline {
    stages: Vec<Box<dyn Stage>>,
}

impl Pipeline {
    /// The default pipeline with its embedded models and dictionaries.
    pub fn new() -> Result<Self, PipelineError> {
        Self::with_models(&ModelPaths::default())
    }

    /// The default pipeline with models from files where given.
    pub fn with_models(models: &ModelPaths) -> Result<Self, PipelineError> {
        Self::with_resources(models, &DictionaryFiles::default())
    }

    /// The default pipeline with models and dictionaries from files where given.
    pub fn with_resources(
        models: &ModelPaths,
        dictionaries: &DictionaryFiles,
    ) -> Result<Self, PipelineError> {
        Ok(Pipeline::from_stages(vec![
            Box::new(Segmenter::new()),
            Box::new(Tagger::load(models)?),
            Box::new(Parser::load(models.parse.as_deref())?),
            Box::new(EntityLinker::with_dictionary(dictionaries.load()?)?),
            Box::new(TimeTagger),
            Box::new(Quotes::load(models.quotes.as_deref())?),
            Box::new(Claims),
            Box::new(Events::with_dictionary(dictionaries.load_verbs()?)),
        ])?)
    }

    /// Segmentation only: no models needed.
    pub fn segmenter_only() -> Self {
        Pipeline {
            stages: vec![Box::new(Segmenter::new())],
        }
    }

    /// A pipeline of the given stages, run in order; refused when a stage
    /// requires a layer no stage before it adds, or two stages add one layer.
    pub fn from_stages(stages: Vec<Box<dyn Stage>>) -> Result<Self, OrderError> {
        check_order(stages.iter().map(Box::as_ref))?;
        Ok(Pipeline { stages })
    }

    /// Names of the stages, in order.
    pub fn stage_names(&self) -> Vec<&'static str> {
        self.stages.iter().map(|s| s.name()).collect()
    }

    /// Run every stage on one document.
    pub fn run(&self, document: Document) -> Annotated {
        let mut annotated = Annotated::new(document);
        for stage in &self.stages {
            stage.run(&mut annotated);
        }
        annotated
    }

    /// Run every stage and measure each one (for `attest bench`).
    pub fn run_timed(&self, document: Document) -> (Annotated, Vec<Duration>) {
        let mut annotated = Annotated::new(document);
        let times = self
            .stages
            .iter()
            .map(|stage| {
                let start = Instant::now();
                stage.run(&mut annotated);
                start.elapsed()
            })
            .collect();
        (annotated, times)
    }

    /// Run every stage and return the contract records.
    pub fn analyse(&self, document: Document) -> Analysis {
        self.analyse_with(document, OutputOptions::default())
    }

    /// Run every stage and return the contract records, with options.
    pub fn analyse_with(&self, document: Document, options: OutputOptions) -> Analysis {
        let wanted = Analysis::layers(options);
        let mut annotated = Annotated::new(document);
        for stage in self.needed(&wanted) {
            stage.run(&mut annotated);
        }
        Analysis::from_annotated(&annotated, options)
    }

    /// The stages that add a layer of `wanted` or one a later such stage
    /// reads, in order: a stage whose layers nothing reads is left out (the
    /// parser, while no stage reads the trees and the output has no tokens).
    fn needed(&self, wanted: &[Layer]) -> Vec<&dyn Stage> {
        let mut needed: Vec<Layer> = wanted.to_vec();
        let mut kept: Vec<&dyn Stage> = Vec::with_capacity(self.stages.len());
        for stage in self.stages.iter().rev() {
            if stage.adds().iter().any(|l| needed.contains(l)) {
                needed.extend_from_slice(stage.requires());
                kept.push(stage.as_ref());
            }
        }
        kept.reverse();
        kept
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pipeline_is_shareable_between_threads() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Pipeline>();
    }

    #[test]
    fn a_stage_before_the_layers_it_reads_is_refused_by_name() {
        let error = Pipeline::from_stages(vec![Box::new(Segmenter::new()), Box::new(Claims)])
            .err()
            .expect("claims cannot run before entities");
        assert_eq!(
            error.to_string(),
            "stage `claims` requires the entities layer, which no stage before it adds"
        );
        let twice =
            Pipeline::from_stages(vec![Box::new(Segmenter::new()), Box::new(Segmenter::new())])
                .err()
                .expect("two stages cannot add the tokens");
        assert_eq!(
            twice.to_string(),
            "stage `segment` adds the tokens layer, which stage `segment` already added"
        );
    }

    #[test]
    fn an_actor_file_in_the_project_format_adds_its_actors() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mine.toml");
        std::fs::write(
            &path,
            "[[actor]]\nname = \"Arnor Liberation Front\"\nkind = \"armed group\"\ncodes = [{ code = \"ARNREB\" }]\n",
        )
        .unwrap();
        let files = DictionaryFiles {
            actors: vec![path],
            ..DictionaryFiles::default()
        };
        let pipeline = Pipeline::with_resources(&ModelPaths::default(), &files).unwrap();
        let analysis = pipeline.analyse(Document::from_text(
            "The Arnor Liberation Front said it would talk.",
        ));
        let front = analysis
            .entities
            .iter()
            .find(|e| e.name == "Arnor Liberation Front")
            .expect("the actor of the added file is found");
        assert_eq!(front.code.as_deref(), Some("ARNREB"));
    }

    #[test]
    fn a_stage_whose_layers_nothing_reads_is_left_out() {
        let pipeline = Pipeline::new().unwrap();
        let names = |options| {
            pipeline
                .needed(&Analysis::layers(options))
                .iter()
                .map(|s| s.name())
                .collect::<Vec<_>>()
        };
        assert!(!names(OutputOptions::default()).contains(&"parse"));
        assert!(names(OutputOptions { tokens: true }).contains(&"parse"));
        let text = "The minister said the talks had failed.";
        let with_tokens =
            pipeline.analyse_with(Document::from_text(text), OutputOptions { tokens: true });
        let tokens = with_tokens.tokens.expect("tokens were asked for");
        assert_eq!(
            tokens
                .iter()
                .filter(|t| t.deprel.as_deref() == Some("root"))
                .count(),
            1
        );
        assert_eq!(tokens[2].deprel.as_deref(), Some("root"));
        assert_eq!(tokens[1].head, Some(2));
    }

    #[test]
    fn the_default_order_gives_every_stage_its_layers() {
        let pipeline = Pipeline::new().expect("the default pipeline builds");
        assert_eq!(
            pipeline.stage_names(),
            [
                "segment", "tag", "parse", "entities", "time", "quotes", "claims", "events"
            ]
        );
    }

    #[test]
    fn later_stage_fields_are_present_and_empty() {
        let analysis = Pipeline::segmenter_only().analyse(Document::from_text("Nothing happened."));
        let json = serde_json::to_value(&analysis).unwrap();
        assert_eq!(json["schema"], 1);
        for field in [
            "entities",
            "places",
            "times",
            "attributions",
            "events",
            "disputes",
        ] {
            assert_eq!(json[field], serde_json::json!([]), "{field}");
        }
        assert!(json.get("tokens").is_none());
    }
}
