//! Training the attribution tagger on a PolNeAR split: each article runs
//! through segmentation and the shipped taggers, and its annotated sources,
//! cues and contents become BILOU labels of its tokens. The first pass
//! learns them paragraph by paragraph; the second learns one attribution at
//! a time around its cue, reading first-pass labels that come from a
//! jackknife (so they are as good as they will be on new text), and also
//! learns to label nothing around a first-pass cue that is not one.

use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::corpus::brat::{AnnotatedAttribution, BratArticle, read_split};
use crate::learn::clusters::Clusters;
use crate::learn::labels_set::LabelSet;
use crate::learn::model::Model;
use crate::learn::model::ModelPaths;
use crate::learn::model::Weights;
use crate::learn::sequence::TrainConfig;
use crate::learn::sequence::{Examples, Scratch, Templates, decode_range, fixed_rows};
use crate::learn::train::{
    Jackknife, Run, Sources, TrainError, VOCABULARY, header, jackknife, load_clusters, span_f1,
};
use crate::learn::view::{SentenceView, ViewBuilder};
use crate::learn::word_cache::frequent_words;
use crate::model::Stage;
use crate::model::annotated::Annotated;
use crate::model::document::Document;
use crate::model::span::CharIndex;
use crate::pipeline::Pipeline;
use crate::quotes::features::{QuoteState, cue_classes, quote_states, sequences};
use crate::quotes::marks::quotations;
use crate::quotes::passes::{self, anchor, cue_spans, kind_of};
use crate::quotes::templates::AttributionTemplates;
use crate::quotes::{KINDS, label_set};
use crate::segment::Segmenter;
use crate::tag::Tagger;

/// What a quotes training run reads.
#[derive(Debug, Clone)]
pub struct QuoteSources {
    /// The PolNeAR split to learn from (`text/`, `attributions/`).
    pub train: PathBuf,
    /// A split scored after every epoch.
    pub dev: Option<PathBuf>,
    /// Or: hold out every `hold_out`-th training article to score after
    /// every epoch (0: none).
    pub hold_out: usize,
    /// Word clusters.
    pub clusters: Option<PathBuf>,
    /// The tagger models whose tags the features read.
    pub models: ModelPaths,
}

/// The pipeline that prepares text for the attribution tagger.
pub fn preparation(models: &ModelPaths) -> Result<Pipeline, TrainError> {
    Ok(Pipeline::from_stages(vec![
        Box::new(Segmenter::new()) as Box<dyn Stage>,
        Box::new(Tagger::load(models)?),
    ])?)
}

/// Folds of the jackknife that gives the second pass realistic first-pass labels.
const FOLDS: usize = 5;

/// A paragraph ready for training: its view, the first-pass labels and,
/// for each annotated attribution in it, the labels of that one alone.
struct Paragraph {
    article: usize,
    view: SentenceView,
    labels: Vec<u16>,
    attributions: Vec<GoldAttribution>,
}

/// One annotated attribution of a paragraph: its cue tokens and labels.
struct GoldAttribution {
    cue: Vec<usize>,
    labels: Vec<u16>,
}

/// Train the attribution tagger.
pub fn train_quotes(
    sources: &QuoteSources,
    config: TrainConfig,
    mut progress: impl FnMut(String),
) -> Result<Model, TrainError> {
    let labels = label_set();
    let plain = Sources {
        train: vec![sources.train.clone()],
        dev: sources.dev.clone().or_else(|| {
            (sources.hold_out > 0).then(|| {
                PathBuf::from(format!(
                    "{} (every {}th article)",
                    sources.train.display(),
                    sources.hold_out
                ))
            })
        }),
        clusters: sources.clusters.clone(),
    };
    let clusters = load_clusters(&plain)?;
    let pipeline = preparation(&sources.models)?;
    let mut builder = ViewBuilder::new();
    let (mut train, mut dev) = (Vec::new(), Vec::new());
    let mut words = Vec::new();
    for (n, article) in read_articles(&sources.train, &mut progress)?
        .iter()
        .enumerate()
    {
        let doc = pipeline.run(Document::from_text(article.text.clone()));
        let held_out = sources.hold_out > 0 && n % sources.hold_out == 0;
        let set = if held_out { &mut dev } else { &mut train };
        if !held_out {
            words.extend(doc.tokens.iter().map(|t| doc.token_text(t).to_owned()));
        }
        set.extend(paragraphs_of(
            n,
            &doc,
            &article.attributions,
            &mut builder,
            clusters.as_ref(),
            &labels,
        ));
    }
    if let Some(path) = &sources.dev {
        for (n, article) in read_articles(path, &mut progress)?.iter().enumerate() {
            let doc = pipeline.run(Document::from_text(article.text.clone()));
            dev.extend(paragraphs_of(
                n,
                &doc,
                &article.attributions,
                &mut builder,
                clusters.as_ref(),
                &labels,
            ));
        }
    }
    progress(format!(
        "{} paragraphs to train on, {} to score",
        train.len(),
        dev.len()
    ));

    progress(format!(
        "first pass: {FOLDS}-fold labels of the training paragraphs"
    ));
    let views: Vec<SentenceView> = train.iter().map(|p| p.view.clone()).collect();
    let gold: Vec<Vec<u16>> = train.iter().map(|p| p.labels.clone()).collect();
    let articles: Vec<usize> = train.iter().map(|p| p.article).collect();
    let examples = Examples {
        views: &views,
        labels: &gold,
        ranges: None,
    };
    let jackknifed = jackknife(
        &AttributionTemplates,
        &labels,
        &examples,
        &Jackknife {
            folds: FOLDS,
            groups: &articles,
        },
        config,
        |_| {},
    );
    let first =
        crate::learn::sequence::train(&AttributionTemplates, &labels, &examples, config, |_, _| {});
    let first_dev: Vec<Vec<u16>> = dev
        .iter()
        .map(|p| {
            let mut out = Vec::new();
            decode(&first, &labels, &p.view, &mut out);
            out
        })
        .collect();
    if !dev.is_empty() {
        let score = span_f1(&labels, dev.iter().map(|p| &p.labels).zip(&first_dev));
        progress(format!(
            "first pass: {} features, dev span F1 {score:.4}",
            first.features()
        ));
    }

    progress("second pass".to_owned());
    let second_examples = second_pass_examples(&train, &jackknifed);
    let dev_examples = second_pass_examples(&dev, &first_dev);
    let mut dev_score = None;
    let second = crate::learn::sequence::train(
        &AttributionTemplates,
        &labels,
        &second_examples.examples(),
        config,
        |epoch, weights| {
            if dev_examples.views.is_empty() {
                return;
            }
            let predicted = dev_examples.decode(weights, &labels);
            let score = span_f1(&labels, dev_examples.labels.iter().zip(&predicted));
            dev_score = Some(score);
            progress(format!(
                "second pass epoch {epoch}: {} features, dev span F1 {score:.4}",
                weights.features()
            ));
        },
    );
    let run = Run {
        task: "quotes",
        sources: &plain,
        config,
        clusters: None,
        gazetteer: None,
    };
    Ok(Model {
        header: header(
            &run,
            <AttributionTemplates as Templates>::VERSION,
            &labels,
            dev_score,
            second.features(),
        ),
        weights: second,
        first_pass: Some(first),
        gazetteer: None,
        clusters,
        vocabulary: frequent_words(words.iter().map(String::as_str), VOCABULARY),
    })
}

fn decode(weights: &Weights, labels: &LabelSet, view: &SentenceView, out: &mut Vec<u16>) {
    crate::learn::sequence::decode(
        weights,
        labels,
        &AttributionTemplates,
        view,
        &mut Scratch::default(),
        out,
    );
}

/// Paragraph views anchored on one cue each, with the gold labels of the
/// cue's window.
#[derive(Default)]
struct SecondPass {
    views: Vec<SentenceView>,
    windows: Vec<Range<usize>>,
    labels: Vec<Vec<u16>>,
}

impl SecondPass {
    fn push(&mut self, paragraph: &SentenceView, kinds: &[u8], cue: &Range<usize>, gold: &[u16]) {
        let mut view = paragraph.clone();
        let layout = passes::Paragraph::new(&view, kinds);
        let window = layout.window(cue);
        anchor(&mut view, &layout, kinds, cue, &window);
        self.labels.push(gold[window.clone()].to_vec());
        self.views.push(view);
        self.windows.push(window);
    }

    fn examples(&self) -> Examples<'_> {
        Examples {
            views: &self.views,
            labels: &self.labels,
            ranges: Some(&self.windows),
        }
    }

    /// Each window labelled by `weights`.
    fn decode(&self, weights: &Weights, labels: &LabelSet) -> Vec<Vec<u16>> {
        let mut scratch = Scratch::default();
        let mut rows = Vec::new();
        self.views
            .iter()
            .zip(&self.windows)
            .map(|(view, window)| {
                let mut out = Vec::new();
                let t = &AttributionTemplates;
                fixed_rows(weights, None, t, view, &mut scratch, &mut rows);
                decode_range(
                    weights,
                    labels,
                    t,
                    view,
                    window.clone(),
                    &rows,
                    &mut scratch,
                    &mut out,
                );
                out
            })
            .collect()
    }
}

/// Second-pass examples: one for each annotated attribution, anchored on
/// the first-pass cue over its cue (else its own cue), and one labelled
/// all O for each first-pass cue that is no annotated cue.
fn second_pass_examples(paragraphs: &[Paragraph], first: &[Vec<u16>]) -> SecondPass {
    let mut examples = SecondPass::default();
    for (paragraph, first) in paragraphs.iter().zip(first) {
        let kinds: Vec<u8> = first.iter().map(|&l| kind_of(l)).collect();
        let predicted = cue_spans(&kinds);
        let mut used = vec![false; predicted.len()];
        for gold in &paragraph.attributions {
            let own = gold.cue[0]
                ..gold.cue[0]
                    + gold
                        .cue
                        .iter()
                        .zip(gold.cue[0]..)
                        .take_while(|(a, b)| *a == b)
                        .count();
            let cue = match predicted
                .iter()
                .position(|p| gold.cue.iter().any(|c| p.contains(c)))
            {
                Some(k) => {
                    used[k] = true;
                    predicted[k].clone()
                }
                None => own,
            };
            examples.push(&paragraph.view, &kinds, &cue, &gold.labels);
        }
        let none = vec![0; paragraph.view.len()];
        for (cue, _) in predicted.iter().zip(&used).filter(|(_, used)| !**used) {
            examples.push(&paragraph.view, &kinds, cue, &none);
        }
    }
    examples
}

/// The articles of a split, reporting the ones skipped.
fn read_articles(
    dir: &Path,
    progress: &mut impl FnMut(String),
) -> Result<Vec<BratArticle>, TrainError> {
    let (articles, skipped) = read_split(dir).map_err(|e| TrainError::Io {
        path: dir.display().to_string(),
        message: e.to_string(),
    })?;
    for s in &skipped {
        progress(format!("skipped {}: {}", s.path, s.reason));
    }
    Ok(articles)
}

/// The paragraphs of one annotated article with their labels.
fn paragraphs_of(
    article: usize,
    doc: &Annotated,
    gold: &[AnnotatedAttribution],
    builder: &mut ViewBuilder,
    clusters: Option<&Clusters>,
    labels: &LabelSet,
) -> Vec<Paragraph> {
    let classes = cue_classes(doc);
    let quotes: Vec<QuoteState> = quote_states(doc.tokens.len(), &quotations(doc));
    let owners = token_owners(doc, gold);
    sequences(doc, builder, clusters, &classes, &quotes)
        .into_iter()
        .map(|sequence| {
            let range = sequence.tokens.clone();
            let owners = &owners[range.clone()];
            let mut in_paragraph: Vec<usize> = owners.iter().flatten().map(|(a, _)| *a).collect();
            in_paragraph.sort_unstable();
            in_paragraph.dedup();
            let attributions = in_paragraph
                .into_iter()
                .filter_map(|a| {
                    let cue: Vec<usize> = (0..owners.len())
                        .filter(|&i| owners[i] == Some((a, CUE_ROLE)))
                        .collect();
                    (!cue.is_empty()).then(|| GoldAttribution {
                        cue,
                        labels: labels.encode_iob(&iob_tags(owners, Some(a))),
                    })
                })
                .collect();
            Paragraph {
                article,
                labels: labels.encode_iob(&iob_tags(owners, None)),
                view: sequence.view,
                attributions,
            }
        })
        .collect()
}

/// Index of the cue among the roles of [`KINDS`].
const CUE_ROLE: usize = 1;

/// The annotated attribution and role of each token: a token takes the role
/// of the range covering most of it.
fn token_owners(doc: &Annotated, gold: &[AnnotatedAttribution]) -> Vec<Option<(usize, usize)>> {
    let index = CharIndex::new(doc.text());
    let bounds: Vec<(usize, usize)> = doc
        .tokens
        .iter()
        .map(|t| {
            (
                index.char_offset(t.span.start),
                index.char_offset(t.span.end),
            )
        })
        .collect();
    let mut owner: Vec<Option<(usize, usize)>> = vec![None; bounds.len()];
    for (a, attribution) in gold.iter().enumerate() {
        let roles = [&attribution.source, &attribution.cue, &attribution.content];
        for (role, ranges) in roles.into_iter().enumerate() {
            for &(start, end) in ranges {
                let first = bounds.partition_point(|&(_, e)| e <= start);
                for (i, &(s, e)) in bounds.iter().enumerate().skip(first) {
                    if s >= end {
                        break;
                    }
                    let shared = e.min(end).saturating_sub(s.max(start));
                    if shared * 2 >= e - s {
                        owner[i] = Some((a, role));
                    }
                }
            }
        }
    }
    owner
}

/// IOB tags of tokens from their owners (of attribution `only`, or of all);
/// a new attribution's span begins a new span even when it touches the last.
fn iob_tags(owners: &[Option<(usize, usize)>], only: Option<usize>) -> Vec<String> {
    let keep = |o: Option<(usize, usize)>| o.filter(|(a, _)| only.is_none_or(|only| *a == only));
    (0..owners.len())
        .map(|i| match keep(owners[i]) {
            None => "O".to_owned(),
            Some((_, role)) => {
                let continues = i > 0 && keep(owners[i - 1]) == keep(owners[i]);
                format!("{}-{}", if continues { "I" } else { "B" }, KINDS[role])
            }
        })
        .collect()
}
