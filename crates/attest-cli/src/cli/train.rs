//! Arguments of `attest train`.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::ModelArgs;

/// `attest train ...`.
#[derive(Debug, Subcommand)]
pub enum TrainCommand {
    /// Part-of-speech tagger from CoNLL-U files (XPOS column).
    #[command(
        after_help = "Example:\n  attest train pos --train ../shared/corpora/ud/en_ewt/en_ewt-ud-train.conllu ../shared/corpora/ud/en_gum/en_gum-ud-train.conllu \\\n    --dev ../shared/corpora/ud/en_ewt/en_ewt-ud-dev.conllu --clusters data/clusters.tsv --out data/models/pos.bin"
    )]
    Pos(TrainArgs),
    /// Chunker from CoNLL-2000 files (word, POS, chunk columns).
    #[command(
        after_help = "Example:\n  attest train chunk --train ../shared/corpora/conll2000/train-90.txt --dev ../shared/corpora/conll2000/dev-10.txt \\\n    --clusters data/clusters.tsv --out data/models/chunk.bin"
    )]
    Chunk(TrainArgs),
    /// Entity recogniser from CoNLL-2003 or Universal NER files.
    #[command(
        after_help = "Example:\n  attest train ner --train ../shared/corpora/conll2003/eng.train --dev ../shared/corpora/conll2003/eng.testa \\\n    --clusters data/clusters.tsv --pos-model data/models/pos.bin --out data/models/ner.bin"
    )]
    Ner(TaggedTrainArgs),
    /// Dependency parser from CoNLL-U treebanks (HEAD and DEPREL columns).
    #[command(
        after_help = "Example:\n  attest train parse --train ../shared/corpora/ud/en_ewt/en_ewt-ud-train.conllu ../shared/corpora/ud/en_gum/en_gum-ud-train.conllu \\\n    --dev ../shared/corpora/ud/en_ewt/en_ewt-ud-dev.conllu --clusters data/clusters.tsv --out data/models/parse.bin"
    )]
    Parse(TaggedTrainArgs),
    /// Attribution tagger (sources, cues, contents) from a PolNeAR split directory.
    #[command(
        after_help = "Example:\n  attest train quotes --train ../shared/corpora/polnear/train --hold-out 10 \\\n    --clusters data/clusters.tsv --out data/models/quotes.bin"
    )]
    Quotes(QuoteTrainArgs),
    /// Word clusters from unlabelled text, for the taggers' features.
    #[command(
        after_help = "Example:\n  attest train clusters --text ../shared/corpora/polnear/train/text \\\n    --conllu ../shared/corpora/ud/en_ewt/en_ewt-ud-train.conllu --conll ../shared/corpora/conll2003/eng.train \\\n    --out data/clusters.tsv"
    )]
    Clusters(ClusterArgs),
}

/// `attest train ner` and `attest train parse`: a model that reads the tags
/// of the part-of-speech model.
#[derive(Debug, Args)]
pub struct TaggedTrainArgs {
    #[command(flatten)]
    pub common: TrainArgs,
    /// The part-of-speech model whose tags the features read (default: the embedded one).
    #[arg(long)]
    pub pos_model: Option<PathBuf>,
}

/// `attest train quotes`.
#[derive(Debug, Args)]
pub struct QuoteTrainArgs {
    #[command(flatten)]
    pub common: TrainArgs,
    /// Hold out every Nth training article and score it after every epoch.
    #[arg(long, default_value_t = 0)]
    pub hold_out: usize,
    #[command(flatten)]
    pub models: ModelArgs,
}

/// `attest train clusters`.
#[derive(Debug, Args)]
pub struct ClusterArgs {
    /// Articles (any input attest reads), segmented by attest.
    #[arg(long, num_args = 1..)]
    pub text: Vec<PathBuf>,
    /// CoNLL-U files (their word forms).
    #[arg(long, num_args = 1..)]
    pub conllu: Vec<PathBuf>,
    /// CoNLL column files (their first column).
    #[arg(long, num_args = 1..)]
    pub conll: Vec<PathBuf>,
    /// Where to write the clusters.
    #[arg(long)]
    pub out: PathBuf,
    /// Number of classes at each of the three granularities.
    #[arg(long, num_args = 3, default_values_t = [64, 256, 1024])]
    pub classes: Vec<usize>,
    /// Most passes of the exchange algorithm.
    #[arg(long, default_value_t = 15)]
    pub passes: usize,
    /// Words seen fewer times get no cluster.
    #[arg(long, default_value_t = 3)]
    pub min_count: u64,
}

/// A tagger training run.
#[derive(Debug, Args)]
pub struct TrainArgs {
    /// Training files.
    #[arg(long, required = true, num_args = 1..)]
    pub train: Vec<PathBuf>,
    /// Development file, scored after every epoch.
    #[arg(long)]
    pub dev: Option<PathBuf>,
    /// Where to write the model.
    #[arg(long)]
    pub out: PathBuf,
    /// Word clusters to compute features with (`attest train clusters` output).
    #[arg(long)]
    pub clusters: Option<PathBuf>,
    /// Passes over the training data.
    #[arg(long, default_value_t = 10)]
    pub epochs: u32,
    /// Seed of the shuffling; the same seed and data give the same model.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Drop features seen fewer times than this.
    #[arg(long, default_value_t = 2)]
    pub min_count: u32,
    /// Drop averaged weights smaller than this.
    #[arg(long, default_value_t = 0.01)]
    pub prune: f32,
}
