//! Training the entity recogniser: a first pass on local evidence, labels of
//! the training documents from a jackknife of it (so the second pass learns
//! from first-pass labels as good as it will see on new text), then a second
//! pass that also reads those labels of the same words across the document.

use super::ner::{NerFirstTemplates, NerTemplates};
use crate::learn::sequence::Templates;
use crate::learn::view::SentenceView;

/// Folds of the jackknife that gives the second pass realistic first-pass
/// labels of its training documents.
const FOLDS: usize = 5;

/// Train the entity recogniser on CoNLL-2003 or Universal NER files, with
/// parts of speech from `pos` and the shipped gazetteer, in two passes.
pub fn train_ner(
    sources: &crate::learn::train::Sources,
    pos: &crate::learn::tagger::SequenceTagger<super::pos::PosTemplates>,
    config: crate::learn::sequence::TrainConfig,
    mut progress: impl FnMut(String),
) -> Result<crate::learn::model::Model, crate::learn::train::TrainError> {
    use crate::learn::labels_set::LabelSet;
    use crate::learn::sequence::{Examples, train};
    use crate::learn::train::{TrainError, load_clusters};
    let labels = LabelSet::bilou(&["PER", "ORG", "LOC", "MISC"]);
    let clusters = load_clusters(sources)?;
    if clusters.as_ref().map(|c| c.entries()) != pos.clusters.as_ref().map(|c| c.entries()) {
        return Err(TrainError::Model(
            crate::learn::model::ModelError::Incompatible(
                "--clusters differ from the clusters the part-of-speech model was trained with"
                    .into(),
            ),
        ));
    }
    let gazetteer = super::gazetteer::shipped();
    let corpus = NerCorpus::new(pos, clusters.as_ref(), &gazetteer, &labels);
    let mut train_set = corpus.load_all(&sources.train)?;
    let mut dev_set = sources
        .dev
        .as_ref()
        .map(|d| corpus.load_all(std::slice::from_ref(d)))
        .transpose()?;

    progress(format!(
        "first pass: {FOLDS}-fold labels of the training documents"
    ));
    let first_labels = crate::learn::train::jackknife(
        &NerFirstTemplates,
        &labels,
        &train_set.examples(),
        &crate::learn::train::Jackknife {
            folds: FOLDS,
            groups: &train_set.docs,
        },
        config,
        |fold| progress(format!("  fold {} of {FOLDS} done", fold + 1)),
    );
    let first = train(
        &NerFirstTemplates,
        &labels,
        &Examples {
            views: &train_set.views,
            labels: &train_set.gold,
            ranges: None,
        },
        config,
        |epoch, weights| {
            if let Some(dev) = &dev_set {
                let f1 = crate::learn::train::dev_score(
                    weights,
                    &labels,
                    &NerFirstTemplates,
                    &dev.examples(),
                );
                progress(format!("first pass epoch {epoch}: dev span F1 {f1:.4}"));
            }
        },
    );
    for_each_document(&train_set.docs, |range| {
        super::document::set_document_features(
            &mut train_set.views[range.clone()],
            &first_labels[range],
            &labels,
        );
    });
    if let Some(dev) = dev_set.as_mut() {
        let mut scratch = crate::learn::sequence::Scratch::default();
        let dev_first: Vec<Vec<u16>> = dev
            .views
            .iter()
            .map(|view| {
                let mut out = Vec::new();
                crate::learn::sequence::decode(
                    &first,
                    &labels,
                    &NerFirstTemplates,
                    view,
                    &mut scratch,
                    &mut out,
                );
                out
            })
            .collect();
        let docs = dev.docs.clone();
        for_each_document(&docs, |range| {
            super::document::set_document_features(
                &mut dev.views[range.clone()],
                &dev_first[range],
                &labels,
            );
        });
    }
    let mut dev_f1 = None;
    let second = train(
        &NerTemplates,
        &labels,
        &Examples {
            views: &train_set.views,
            labels: &train_set.gold,
            ranges: None,
        },
        config,
        |epoch, weights| {
            if let Some(dev) = &dev_set {
                let f1 = crate::learn::train::dev_score(
                    weights,
                    &labels,
                    &NerTemplates,
                    &dev.examples(),
                );
                dev_f1 = Some(f1);
                progress(format!(
                    "second pass epoch {epoch}: {} features, dev span F1 {f1:.4}",
                    weights.features()
                ));
            }
        },
    );
    Ok(crate::learn::model::Model {
        header: crate::learn::model::Header {
            task: "ner".into(),
            templates: <NerTemplates as Templates>::VERSION,
            labels: labels.names().to_vec(),
            trained_on: crate::learn::train::names(&sources.train),
            dev: sources.dev.as_ref().map(|p| p.display().to_string()),
            dev_score: dev_f1,
            epochs: config.epochs,
            seed: config.seed,
            features: second.features(),
        },
        weights: second,
        first_pass: Some(first),
        gazetteer: Some(gazetteer),
        clusters,
        vocabulary: train_set.vocabulary,
    })
}

/// Call `f` with the range of sentence indexes of each document.
fn for_each_document(docs: &[usize], mut f: impl FnMut(std::ops::Range<usize>)) {
    let mut start = 0;
    for end in 1..=docs.len() {
        if end == docs.len() || docs[end] != docs[start] {
            f(start..end);
            start = end;
        }
    }
}

/// Sentences of entity corpora as views with gold labels and document indexes.
struct NerSet {
    views: Vec<SentenceView>,
    gold: Vec<Vec<u16>>,
    docs: Vec<usize>,
    vocabulary: Vec<String>,
}

impl NerSet {
    fn examples(&self) -> crate::learn::sequence::Examples<'_> {
        crate::learn::sequence::Examples {
            views: &self.views,
            labels: &self.gold,
            ranges: None,
        }
    }
}

struct NerCorpus<'a> {
    pos: &'a crate::learn::tagger::SequenceTagger<super::pos::PosTemplates>,
    clusters: Option<&'a crate::learn::clusters::Clusters>,
    gazetteer: &'a super::gazetteer::Gazetteer,
    labels: &'a crate::learn::labels_set::LabelSet,
}

impl NerCorpus<'_> {
    fn new<'a>(
        pos: &'a crate::learn::tagger::SequenceTagger<super::pos::PosTemplates>,
        clusters: Option<&'a crate::learn::clusters::Clusters>,
        gazetteer: &'a super::gazetteer::Gazetteer,
        labels: &'a crate::learn::labels_set::LabelSet,
    ) -> NerCorpus<'a> {
        NerCorpus {
            pos,
            clusters,
            gazetteer,
            labels,
        }
    }

    /// Read files; documents are numbered across them.
    fn load_all(
        &self,
        paths: &[std::path::PathBuf],
    ) -> Result<NerSet, crate::learn::train::TrainError> {
        let pos_tags = crate::learn::tagger::pos_of_labels(self.pos.label_set())?;
        let mut set = NerSet {
            views: Vec::new(),
            gold: Vec::new(),
            docs: Vec::new(),
            vocabulary: Vec::new(),
        };
        let mut words_seen: Vec<String> = Vec::new();
        let mut builder = crate::learn::view::ViewBuilder::new();
        let mut scratch = crate::learn::sequence::Scratch::default();
        let mut tags = Vec::new();
        let mut doc_offset = 0;
        for path in paths {
            let sentences = crate::learn::train::read_corpus(path, crate::corpus::conll::read_ner)?;
            let mut last_doc = 0;
            for s in &sentences {
                let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
                let plain = builder.build(&words, self.clusters, None);
                crate::learn::tagger::pos_tags(
                    self.pos,
                    None,
                    &pos_tags,
                    &plain,
                    &mut scratch,
                    &mut tags,
                );
                let names: Vec<&str> = tags.iter().map(|t| t.as_str()).collect();
                let view = crate::learn::train::view_with_pos(
                    &mut builder,
                    &words,
                    &names,
                    self.clusters,
                    Some(self.gazetteer),
                );
                set.views.push(view);
                set.gold.push(self.labels.encode_iob(&s.tags));
                set.docs.push(doc_offset + s.doc);
                words_seen.extend(s.words.iter().cloned());
                last_doc = s.doc;
            }
            doc_offset += last_doc + 1;
        }
        set.vocabulary = crate::learn::word_cache::frequent_words(
            words_seen.iter().map(String::as_str),
            crate::learn::train::VOCABULARY,
        );
        Ok(set)
    }
}
