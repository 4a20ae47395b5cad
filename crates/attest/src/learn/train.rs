//! Training runs: examples from corpora, the perceptron loop with dev
//! figures after every epoch, and the model that results.

use std::path::{Path, PathBuf};

use super::clusters::Clusters;
use super::gazetteer::Gazetteer;
use super::labels_set::LabelSet;
use super::model::{Header, Model, Weights};
use super::sequence::{self, Examples, Scratch, Templates, TrainConfig};
use super::view::{SentenceView, ViewBuilder};
use super::word_cache::frequent_words;

/// Word forms a model keeps for its word cache (more than any cache holds).
pub const VOCABULARY: usize = 25_000;

/// Where a training run's data is.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    /// Training files.
    pub train: Vec<PathBuf>,
    /// Development file, scored after every epoch.
    pub dev: Option<PathBuf>,
    /// Word clusters (`attest train clusters` output).
    pub clusters: Option<PathBuf>,
}

/// A training run that cannot start.
#[derive(Debug, thiserror::Error)]
pub enum TrainError {
    /// A file could not be read.
    #[error("cannot read {path}: {message}")]
    Io {
        /// The file.
        path: String,
        /// What went wrong.
        message: String,
    },
    /// A corpus file does not parse.
    #[error("{path}: {source}")]
    Corpus {
        /// The file.
        path: String,
        /// The problem.
        source: crate::corpus::CorpusError,
    },
    /// A tag outside the tag set.
    #[error("{path}: unknown tag {tag:?}")]
    UnknownTag {
        /// The file.
        path: String,
        /// The tag.
        tag: String,
    },
    /// A model this run needs cannot be loaded.
    #[error(transparent)]
    Model(#[from] super::model::ModelError),
    /// The pipeline that prepares the training text cannot be built.
    #[error(transparent)]
    Order(#[from] crate::model::OrderError),
}

/// Read a whole file, naming it on failure.
pub fn read_text(path: &Path) -> Result<String, TrainError> {
    std::fs::read_to_string(path).map_err(|e| TrainError::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    })
}

/// Parse a corpus file with `parse`, naming it on failure.
pub fn read_corpus<T>(
    path: &Path,
    parse: impl Fn(&str) -> Result<T, crate::corpus::CorpusError>,
) -> Result<T, TrainError> {
    parse(&read_text(path)?).map_err(|source| TrainError::Corpus {
        path: path.display().to_string(),
        source,
    })
}

/// The clusters file of a run, if any.
pub fn load_clusters(sources: &Sources) -> Result<Option<Clusters>, TrainError> {
    let Some(path) = &sources.clusters else {
        return Ok(None);
    };
    Clusters::from_tsv(&read_text(path)?)
        .map(Some)
        .map_err(|message| TrainError::Io {
            path: path.display().to_string(),
            message,
        })
}

/// File names as the model header lists them.
pub fn names(paths: &[PathBuf]) -> Vec<String> {
    paths.iter().map(|p| p.display().to_string()).collect()
}

/// Labelled sentences ready for training.
#[derive(Default)]
pub struct Labelled {
    /// One view a sentence.
    pub views: Vec<SentenceView>,
    /// The correct labels of each.
    pub labels: Vec<Vec<u16>>,
    /// Every word form, for the model's vocabulary.
    pub words: Vec<String>,
}

impl Labelled {
    /// Append another file's sentences.
    pub fn extend(&mut self, other: Labelled) {
        self.views.extend(other.views);
        self.labels.extend(other.labels);
        self.words.extend(other.words);
    }

    /// The sentences as training examples.
    pub fn examples(&self) -> Examples<'_> {
        Examples {
            views: &self.views,
            labels: &self.labels,
            ranges: None,
        }
    }

    /// The most frequent word forms, for the model's word cache.
    pub fn vocabulary(&self) -> Vec<String> {
        frequent_words(self.words.iter().map(String::as_str), VOCABULARY)
    }
}

/// Load every training file and the dev file with `load`.
pub fn load_sets(
    sources: &Sources,
    load: impl Fn(&Path) -> Result<Labelled, TrainError>,
) -> Result<(Labelled, Option<Labelled>), TrainError> {
    let mut train = Labelled::default();
    for path in &sources.train {
        train.extend(load(path)?);
    }
    let dev = sources.dev.as_deref().map(load).transpose()?;
    Ok((train, dev))
}

/// What a training run is told besides its examples.
pub struct Run<'a> {
    /// pos, chunk or ner.
    pub task: &'a str,
    /// Where the data came from.
    pub sources: &'a Sources,
    /// Epochs, seed and pruning.
    pub config: TrainConfig,
    /// Clusters the views were built with, stored in the model.
    pub clusters: Option<Clusters>,
    /// Gazetteer the views were built with, stored in the model.
    pub gazetteer: Option<Gazetteer>,
}

/// Train a one-pass model and report the dev figure after each epoch through
/// `progress`.
pub fn run<T: Templates>(
    run: Run,
    templates: &T,
    labels: LabelSet,
    train: &Labelled,
    dev: Option<&Labelled>,
    mut progress: impl FnMut(String),
) -> Model {
    let started = std::time::Instant::now();
    let mut last_dev = None;
    let figure = if labels.is_spans() {
        "span F1"
    } else {
        "accuracy"
    };
    let weights = sequence::train(
        templates,
        &labels,
        &train.examples(),
        run.config,
        |epoch, weights| {
            let score = dev.map(|dev| dev_score(weights, &labels, templates, &dev.examples()));
            last_dev = score;
            let dev_figure = score
                .map(|s| format!(", dev {figure}: {s:.4}"))
                .unwrap_or_default();
            progress(format!(
                "epoch {epoch}/{}: {} features{dev_figure} ({:.0} s)",
                run.config.epochs,
                weights.features(),
                started.elapsed().as_secs_f64()
            ));
        },
    );
    Model {
        header: header(&run, T::VERSION, &labels, last_dev, weights.features()),
        weights,
        first_pass: None,
        gazetteer: run.gazetteer,
        clusters: run.clusters,
        vocabulary: train.vocabulary(),
    }
}

/// The header of a model trained by `run`.
pub fn header(
    run: &Run,
    templates: u32,
    labels: &LabelSet,
    dev_score: Option<f64>,
    features: usize,
) -> Header {
    Header {
        task: run.task.to_owned(),
        templates,
        labels: labels.names().to_vec(),
        trained_on: names(&run.sources.train),
        dev: run.sources.dev.as_ref().map(|p| p.display().to_string()),
        dev_score,
        epochs: run.config.epochs,
        seed: run.config.seed,
        features,
    }
}

/// The parameters of a jackknife: how many folds, and the group of each
/// training item (its document or article), which decides its fold.
pub struct Jackknife<'a> {
    /// Folds: each is labelled by a model trained on the others.
    pub folds: usize,
    /// The group of each item; items of one group share a fold.
    pub groups: &'a [usize],
}

/// First-pass labels of every training item from a model that never saw its
/// group: the groups are split into folds, a model is trained on every fold
/// but one and labels that one. A second pass that learns from these labels
/// learns from labels as good as the first pass gives on new text.
pub fn jackknife<T: Templates>(
    templates: &T,
    labels: &LabelSet,
    train: &Examples,
    jackknife: &Jackknife,
    config: TrainConfig,
    mut fold_done: impl FnMut(usize),
) -> Vec<Vec<u16>> {
    let mut out = vec![Vec::new(); train.views.len()];
    for fold in 0..jackknife.folds {
        let (inside, outside): (Vec<usize>, Vec<usize>) =
            (0..train.views.len()).partition(|&i| jackknife.groups[i] % jackknife.folds == fold);
        let views: Vec<SentenceView> = outside.iter().map(|&i| train.views[i].clone()).collect();
        let gold: Vec<Vec<u16>> = outside.iter().map(|&i| train.labels[i].clone()).collect();
        let examples = Examples {
            views: &views,
            labels: &gold,
            ranges: None,
        };
        let weights = sequence::train(templates, labels, &examples, config, |_, _| {});
        let mut scratch = Scratch::default();
        for i in inside {
            sequence::decode(
                &weights,
                labels,
                templates,
                &train.views[i],
                &mut scratch,
                &mut out[i],
            );
        }
        fold_done(fold);
    }
    out
}

/// Span F1 of predicted against gold label sequences.
pub fn span_f1<'a>(
    labels: &LabelSet,
    pairs: impl Iterator<Item = (&'a Vec<u16>, &'a Vec<u16>)>,
) -> f64 {
    let (mut correct, mut found, mut gold) = (0, 0, 0);
    for (g, p) in pairs {
        let (g, p) = (labels.decode_spans(g), labels.decode_spans(p));
        correct += p.iter().filter(|s| g.contains(s)).count();
        found += p.len();
        gold += g.len();
    }
    super::score::Score::new(correct, found, gold).f1
}

/// Accuracy for flat labels, span F1 for BILOU labels.
pub fn dev_score<T: Templates>(
    weights: &Weights,
    labels: &LabelSet,
    templates: &T,
    dev: &Examples,
) -> f64 {
    let mut scratch = Scratch::default();
    let mut predicted = Vec::new();
    let (mut correct, mut found, mut gold) = (0usize, 0usize, 0usize);
    for (view, truth) in dev.views.iter().zip(dev.labels) {
        sequence::decode(
            weights,
            labels,
            templates,
            view,
            &mut scratch,
            &mut predicted,
        );
        if labels.is_spans() {
            let p = labels.decode_spans(&predicted);
            let g = labels.decode_spans(truth);
            correct += p.iter().filter(|s| g.contains(s)).count();
            found += p.len();
            gold += g.len();
        } else {
            correct += predicted.iter().zip(truth).filter(|(a, b)| a == b).count();
            found += truth.len();
            gold += truth.len();
        }
    }
    super::score::Score::new(correct, found, gold).f1
}

/// A view with part-of-speech hashes set from `pos` (tag names).
pub fn view_with_pos<S: AsRef<str>>(
    builder: &mut ViewBuilder,
    words: &[&str],
    pos: &[S],
    clusters: Option<&Clusters>,
    gazetteer: Option<&Gazetteer>,
) -> SentenceView {
    let mut view = builder.build(words, clusters, gazetteer);
    for (token, tag) in view.tokens.iter_mut().zip(pos) {
        token.pos = super::view::pos_hash(tag.as_ref());
    }
    view
}

/// Cluster the words of `sentences` at each granularity of `classes` and
/// write the TSV that [`Clusters::from_tsv`] reads.
pub fn build_clusters(
    sentences: &[Vec<String>],
    classes: &[usize],
    passes: usize,
    min_count: u64,
    mut progress: impl FnMut(String),
) -> String {
    use super::exchange::{Corpus, ExchangeConfig, cluster};
    let corpus = Corpus::new(sentences, min_count);
    let tokens: usize = sentences.iter().map(Vec::len).sum();
    progress(format!(
        "{} sentences, {tokens} tokens, {} words seen {min_count}+ times",
        sentences.len(),
        corpus.len() - 2
    ));
    let levels: Vec<Vec<u16>> = classes
        .iter()
        .map(|&c| {
            let started = std::time::Instant::now();
            cluster(
                &corpus,
                ExchangeConfig { classes: c, passes },
                |pass, moves| {
                    progress(format!(
                        "{c} classes: pass {pass}, {moves} moves ({:.0} s)",
                        started.elapsed().as_secs_f64()
                    ));
                },
            )
        })
        .collect();
    let mut out = format!(
        "# Word clusters by the exchange algorithm ({} classes), built by `attest train clusters`\n# from {tokens} tokens; columns: normalised word, then its class at each granularity.\n",
        classes
            .iter()
            .map(usize::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    );
    for (id, word) in corpus.words.iter().enumerate().take(corpus.len() - 2) {
        out.push_str(word);
        for level in &levels {
            out.push('\t');
            out.push_str(&level[id].to_string());
        }
        out.push('\n');
    }
    out
}
