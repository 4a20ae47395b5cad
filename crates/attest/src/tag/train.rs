//! Training runs: examples from corpora, the perceptron loop, dev figures
//! after every epoch, and the model file that results.

use super::clusters::Clusters;
use super::gazetteer::Gazetteer;
use super::labels_set::LabelSet;
use super::model::{Header, Model, Weights};
use super::sequence::{self, Examples, Scratch, Templates, TrainConfig};
use super::view::SentenceView;

/// What a training run is told besides its examples.
pub struct Run<'a> {
    /// pos, chunk or ner.
    pub task: &'a str,
    /// Training files, for the model header.
    pub trained_on: Vec<String>,
    /// Dev file, for the model header.
    pub dev_name: Option<String>,
    /// Epochs, seed and pruning.
    pub config: TrainConfig,
    /// Clusters the views were built with, stored in the model.
    pub clusters: Option<Clusters>,
    /// Gazetteer the views were built with, stored in the model.
    pub gazetteer: Option<Gazetteer>,
}

/// Train a model and report the dev figure after each epoch through `progress`.
pub fn run<T: Templates>(
    run: Run,
    templates: &T,
    labels: LabelSet,
    train: &Examples,
    dev: Option<&Examples>,
    mut progress: impl FnMut(String),
) -> Model {
    let started = std::time::Instant::now();
    let mut last_dev = None;
    let weights = sequence::train(templates, &labels, train, run.config, |epoch, weights| {
        let score = dev.map(|dev| dev_score(weights, &labels, templates, dev));
        last_dev = score;
        let figure = score
            .map(|s| format!(", dev {}: {s:.4}", figure_name(&labels)))
            .unwrap_or_default();
        progress(format!(
            "epoch {epoch}/{}: {} features{figure} ({:.0} s)",
            run.config.epochs,
            weights.features(),
            started.elapsed().as_secs_f64()
        ));
    });
    Model {
        header: Header {
            task: run.task.to_owned(),
            templates: T::VERSION,
            labels: labels.names().to_vec(),
            trained_on: run.trained_on,
            dev: run.dev_name,
            dev_score: last_dev,
            epochs: run.config.epochs,
            seed: run.config.seed,
            features: weights.features(),
        },
        weights,
        gazetteer: run.gazetteer,
        clusters: run.clusters,
    }
}

fn figure_name(labels: &LabelSet) -> &'static str {
    if labels.is_spans() {
        "span F1"
    } else {
        "accuracy"
    }
}

/// Accuracy for flat labels, span F1 for BILOU labels.
pub fn dev_score<T: Templates>(
    weights: &Weights,
    labels: &LabelSet,
    templates: &T,
    dev: &Examples,
) -> f64 {
    let spans = labels.is_spans();
    let mut scratch = Scratch::default();
    let mut predicted = Vec::new();
    let (mut correct, mut total, mut found, mut gold) = (0usize, 0usize, 0usize, 0usize);
    for (view, truth) in dev.views.iter().zip(dev.labels) {
        sequence::decode(
            weights,
            labels,
            templates,
            view,
            &mut scratch,
            &mut predicted,
        );
        if spans {
            let p = labels.decode_spans(&predicted);
            let g = labels.decode_spans(truth);
            correct += p.iter().filter(|s| g.contains(s)).count();
            found += p.len();
            gold += g.len();
        } else {
            correct += predicted.iter().zip(truth).filter(|(a, b)| a == b).count();
            total += truth.len();
        }
    }
    if spans {
        let precision = correct as f64 / found.max(1) as f64;
        let recall = correct as f64 / gold.max(1) as f64;
        if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        }
    } else {
        correct as f64 / total.max(1) as f64
    }
}

/// Views and label indexes of labelled sentences; labels the set does not
/// know are reported as an error.
pub fn examples<'w>(
    sentences: impl Iterator<Item = (Vec<&'w str>, Vec<u16>)>,
    clusters: Option<&Clusters>,
    gazetteer: Option<&Gazetteer>,
) -> (Vec<SentenceView>, Vec<Vec<u16>>) {
    let mut builder = super::view::ViewBuilder::new();
    sentences
        .map(|(words, labels)| (builder.build(&words, clusters, gazetteer), labels))
        .unzip()
}

/// Where a training run's data is.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    /// Training files.
    pub train: Vec<std::path::PathBuf>,
    /// Development file, scored after every epoch.
    pub dev: Option<std::path::PathBuf>,
    /// Word clusters (`attest train clusters` output).
    pub clusters: Option<std::path::PathBuf>,
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
}

/// Read a whole file, naming it on failure.
pub fn read_text(path: &std::path::Path) -> Result<String, TrainError> {
    std::fs::read_to_string(path).map_err(|e| TrainError::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    })
}

/// Parse a corpus file with `parse`, naming it on failure.
pub fn read_corpus<T>(
    path: &std::path::Path,
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

fn names(paths: &[std::path::PathBuf]) -> Vec<String> {
    paths.iter().map(|p| p.display().to_string()).collect()
}

/// Train the part-of-speech tagger on CoNLL-U files (XPOS column).
pub fn train_pos(
    sources: &Sources,
    config: TrainConfig,
    progress: impl FnMut(String),
) -> Result<Model, TrainError> {
    use crate::corpus::conllu::{ConlluSentence, read_conllu};
    let labels = super::pos::pos_labels();
    let clusters = load_clusters(sources)?;
    let load =
        |path: &std::path::PathBuf| -> Result<(Vec<SentenceView>, Vec<Vec<u16>>), TrainError> {
            let sentences: Vec<ConlluSentence> = read_corpus(path, read_conllu)?;
            let mut rows = Vec::with_capacity(sentences.len());
            for sentence in &sentences {
                let words: Vec<&str> = sentence.words().map(|w| w.form.as_str()).collect();
                let tags = sentence
                    .words()
                    .map(|w| {
                        labels.index(&w.xpos).ok_or_else(|| TrainError::UnknownTag {
                            path: path.display().to_string(),
                            tag: w.xpos.clone(),
                        })
                    })
                    .collect::<Result<Vec<u16>, _>>()?;
                rows.push((words, tags));
            }
            Ok(examples(rows.into_iter(), clusters.as_ref(), None))
        };
    let (mut views, mut gold) = (Vec::new(), Vec::new());
    for path in &sources.train {
        let (v, g) = load(path)?;
        views.extend(v);
        gold.extend(g);
    }
    let dev = sources.dev.as_ref().map(load).transpose()?;
    let dev_examples = dev
        .as_ref()
        .map(|(views, labels)| Examples { views, labels });
    let run_info = Run {
        task: "pos",
        trained_on: names(&sources.train),
        dev_name: sources.dev.as_ref().map(|p| p.display().to_string()),
        config,
        clusters,
        gazetteer: None,
    };
    let train_examples = Examples {
        views: &views,
        labels: &gold,
    };
    Ok(run(
        run_info,
        &super::pos::PosTemplates,
        labels,
        &train_examples,
        dev_examples.as_ref(),
        progress,
    ))
}

/// Sentences of normalised words for clustering: articles read like any
/// input (`text`), and the word column of CoNLL-U and CoNLL files.
pub fn clustering_sentences(
    text: &[std::path::PathBuf],
    conllu: &[std::path::PathBuf],
    conll: &[std::path::PathBuf],
) -> Result<Vec<Vec<String>>, TrainError> {
    let mut sentences = Vec::new();
    let segmenter = crate::segment::Segmenter::new();
    for item in crate::read::Inputs::new(text, None) {
        let doc = item.map_err(|e| TrainError::Io {
            path: e.location.to_string(),
            message: e.problem.to_string(),
        })?;
        let (tokens, sents) = segmenter.segment(&doc.text);
        for s in sents {
            sentences.push(
                tokens[s.tokens]
                    .iter()
                    .map(|t| super::view::normal_form(t.span.slice(&doc.text)))
                    .collect(),
            );
        }
    }
    for path in conllu {
        for s in read_corpus(path, crate::corpus::conllu::read_conllu)? {
            sentences.push(
                s.words()
                    .map(|w| super::view::normal_form(&w.form))
                    .collect(),
            );
        }
    }
    for path in conll {
        let text = read_text(path)?;
        let mut current = Vec::new();
        for line in text.lines() {
            match line.split_whitespace().next() {
                None | Some("-DOCSTART-") => {
                    if !current.is_empty() {
                        sentences.push(std::mem::take(&mut current));
                    }
                }
                Some(word) => current.push(super::view::normal_form(word)),
            }
        }
        if !current.is_empty() {
            sentences.push(current);
        }
    }
    Ok(sentences)
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

/// A view with part-of-speech hashes set from `pos` (tag names).
fn view_with_pos<S: AsRef<str>>(
    builder: &mut super::view::ViewBuilder,
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

/// Train the chunker on CoNLL-2000 files, with the part-of-speech tags they give.
pub fn train_chunk(
    sources: &Sources,
    config: TrainConfig,
    progress: impl FnMut(String),
) -> Result<Model, TrainError> {
    let labels = LabelSet::bilou(&super::labels::CHUNK_KINDS);
    let clusters = load_clusters(sources)?;
    let load =
        |path: &std::path::PathBuf| -> Result<(Vec<SentenceView>, Vec<Vec<u16>>), TrainError> {
            let sentences = read_corpus(path, crate::corpus::conll::read_conll2000)?;
            let mut builder = super::view::ViewBuilder::new();
            Ok(sentences
                .iter()
                .map(|s| {
                    let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
                    (
                        view_with_pos(&mut builder, &words, &s.pos, clusters.as_ref(), None),
                        labels.encode_iob(&s.tags),
                    )
                })
                .unzip())
        };
    span_run(
        "chunk",
        sources,
        config,
        clusters.clone(),
        None,
        &super::chunk::ChunkTemplates,
        labels.clone(),
        load,
        progress,
    )
}

/// Train the entity recogniser on CoNLL-2003 or Universal NER files, with
/// parts of speech from `pos` and the shipped gazetteer.
pub fn train_ner(
    sources: &Sources,
    pos: &super::tagger::SequenceTagger<super::pos::PosTemplates>,
    config: TrainConfig,
    progress: impl FnMut(String),
) -> Result<Model, TrainError> {
    let labels = LabelSet::bilou(&["PER", "ORG", "LOC", "MISC"]);
    let clusters = load_clusters(sources)?;
    let same_clusters = match (&clusters, &pos.clusters) {
        (Some(a), Some(b)) => a.entries() == b.entries(),
        (None, None) => true,
        _ => false,
    };
    if !same_clusters {
        return Err(TrainError::Model(super::model::ModelError::Mismatch {
            found: "clusters different from the part-of-speech model's".into(),
            expected: "the clusters the part-of-speech model was trained with".into(),
        }));
    }
    let gazetteer = super::gazetteer::shipped();
    let pos_tags = super::tagger::pos_of_labels(pos.label_set())?;
    let load =
        |path: &std::path::PathBuf| -> Result<(Vec<SentenceView>, Vec<Vec<u16>>), TrainError> {
            let sentences = read_corpus(path, crate::corpus::conll::read_ner)?;
            let mut builder = super::view::ViewBuilder::new();
            let mut scratch = super::sequence::Scratch::default();
            let mut tags = Vec::new();
            Ok(sentences
                .iter()
                .map(|s| {
                    let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
                    let plain = builder.build(&words, clusters.as_ref(), None);
                    super::tagger::pos_tags(pos, &pos_tags, &plain, &mut scratch, &mut tags);
                    let names: Vec<&str> = tags.iter().map(|t| t.as_str()).collect();
                    let view = view_with_pos(
                        &mut builder,
                        &words,
                        &names,
                        clusters.as_ref(),
                        Some(&gazetteer),
                    );
                    (view, labels.encode_iob(&s.tags))
                })
                .unzip())
        };
    span_run(
        "ner",
        sources,
        config,
        clusters.clone(),
        Some(gazetteer.clone()),
        &super::ner::NerTemplates,
        labels.clone(),
        load,
        progress,
    )
}

/// Load the training and dev files with `load` and run the training.
#[allow(clippy::too_many_arguments)]
fn span_run<T: Templates>(
    task: &str,
    sources: &Sources,
    config: TrainConfig,
    clusters: Option<Clusters>,
    gazetteer: Option<Gazetteer>,
    templates: &T,
    labels: LabelSet,
    load: impl Fn(&std::path::PathBuf) -> Result<(Vec<SentenceView>, Vec<Vec<u16>>), TrainError>,
    progress: impl FnMut(String),
) -> Result<Model, TrainError> {
    let (mut views, mut gold) = (Vec::new(), Vec::new());
    for path in &sources.train {
        let (v, g) = load(path)?;
        views.extend(v);
        gold.extend(g);
    }
    let dev = sources.dev.as_ref().map(&load).transpose()?;
    let dev_examples = dev
        .as_ref()
        .map(|(views, labels)| Examples { views, labels });
    let run_info = Run {
        task,
        trained_on: names(&sources.train),
        dev_name: sources.dev.as_ref().map(|p| p.display().to_string()),
        config,
        clusters,
        gazetteer,
    };
    let train_examples = Examples {
        views: &views,
        labels: &gold,
    };
    Ok(run(
        run_info,
        templates,
        labels,
        &train_examples,
        dev_examples.as_ref(),
        progress,
    ))
}
