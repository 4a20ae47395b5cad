//! `attest train ...`: reproducible training runs that write model files.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use attest::learn::model::Model;
use attest::learn::sequence::TrainConfig;
use attest::learn::tagger::SequenceTagger;
use attest::learn::train::{self, Sources, TrainError};
use attest::tag::pos::PosTemplates;

use crate::cli::{ClusterArgs, QuoteTrainArgs, TaggedTrainArgs, TrainArgs};

fn config(args: &TrainArgs) -> TrainConfig {
    TrainConfig {
        epochs: args.epochs,
        seed: args.seed,
        min_count: args.min_count,
        prune: args.prune,
    }
}

fn sources(args: &TrainArgs) -> Sources {
    Sources {
        train: args.train.clone(),
        dev: args.dev.clone(),
        clusters: args.clusters.clone(),
    }
}

fn progress(line: String) {
    eprintln!("{line}");
}

pub fn pos(args: &TrainArgs) -> anyhow::Result<ExitCode> {
    let model = attest::tag::pos::train_pos(&sources(args), config(args), progress)?;
    save(&model, &args.out)
}

pub fn chunk(args: &TrainArgs) -> anyhow::Result<ExitCode> {
    let model = attest::tag::chunk::train_chunk(&sources(args), config(args), progress)?;
    save(&model, &args.out)
}

pub fn ner(args: &TaggedTrainArgs) -> anyhow::Result<ExitCode> {
    with_pos_tags(args, attest::tag::ner_train::train_ner)
}

pub fn parse(args: &TaggedTrainArgs) -> anyhow::Result<ExitCode> {
    with_pos_tags(args, attest::train::parse::train_parser)
}

/// Train and save a model whose features read the part-of-speech model's tags.
fn with_pos_tags(
    args: &TaggedTrainArgs,
    train: impl FnOnce(
        &Sources,
        &SequenceTagger<PosTemplates>,
        TrainConfig,
        fn(String),
    ) -> Result<Model, TrainError>,
) -> anyhow::Result<ExitCode> {
    let pos = attest::tag::load_pos(args.pos_model.as_deref())?;
    let model = train(&sources(&args.common), &pos, config(&args.common), progress)?;
    save(&model, &args.common.out)
}

pub fn quotes(args: &QuoteTrainArgs) -> anyhow::Result<ExitCode> {
    let [train] = args.common.train.as_slice() else {
        anyhow::bail!("--train takes one PolNeAR split directory");
    };
    let sources = attest::train::quotes::QuoteSources {
        train: train.clone(),
        dev: args.common.dev.clone(),
        hold_out: args.hold_out,
        clusters: args.common.clusters.clone(),
        models: args.models.paths(),
    };
    let model = attest::train::quotes::train_quotes(&sources, config(&args.common), progress)?;
    save(&model, &args.common.out)
}

pub fn clusters(args: &ClusterArgs) -> anyhow::Result<ExitCode> {
    let sentences = attest::train::clustering_sentences(&args.text, &args.conllu, &args.conll)?;
    let tsv = train::build_clusters(
        &sentences,
        &args.classes,
        args.passes,
        args.min_count,
        progress,
    );
    write_atomically(tsv.as_bytes(), &args.out)?;
    eprintln!("wrote {}", args.out.display());
    Ok(ExitCode::SUCCESS)
}

/// Write the model next to its destination and move it into place, so a
/// failed run never leaves half a model behind.
fn save(model: &Model, out: &Path) -> anyhow::Result<ExitCode> {
    let bytes = model.to_bytes()?;
    write_atomically(&bytes, out)?;
    eprintln!(
        "wrote {} ({} features, {:.1} MB)",
        out.display(),
        model.header.features,
        bytes.len() as f64 / 1e6
    );
    Ok(ExitCode::SUCCESS)
}

fn write_atomically(bytes: &[u8], out: &Path) -> anyhow::Result<()> {
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let partial = out.with_extension("partial");
    std::fs::write(&partial, bytes)
        .with_context(|| format!("cannot write {}", partial.display()))?;
    std::fs::rename(&partial, out).with_context(|| format!("cannot write {}", out.display()))
}
