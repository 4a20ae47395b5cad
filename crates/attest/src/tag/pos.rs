//! Part-of-speech templates (Penn Treebank tags).

use crate::learn::hash::{feature, join};
use crate::learn::sequence::{Role, Templates, previous, push, push_bits};
use crate::learn::view::{SentenceView, TokenView, flags};

/// Features of the part-of-speech tagger: the word, its neighbours two either
/// side, affixes, shapes, clusters, the two previous tags and a few
/// conjunctions of them.
pub struct PosTemplates;

/// Template ids: each feature hash starts from one.
mod t {
    pub const BIAS: u64 = 1;
    pub const WORD: u64 = 2;
    pub const NORM: u64 = 3;
    pub const PREV_NORM: u64 = 4;
    pub const NEXT_NORM: u64 = 5;
    pub const PREV2_NORM: u64 = 6;
    pub const NEXT2_NORM: u64 = 7;
    pub const PREFIX: u64 = 8;
    pub const SUFFIX: u64 = 9;
    pub const SHAPE: u64 = 10;
    pub const SHORT_SHAPE: u64 = 11;
    pub const FLAG: u64 = 12;
    pub const TAG1: u64 = 13;
    pub const TAG2: u64 = 14;
    pub const TAG12: u64 = 15;
    pub const TAG1_NORM: u64 = 16;
    pub const PREV_NORM_NORM: u64 = 17;
    pub const NORM_NEXT_NORM: u64 = 18;
    pub const PREV_SUFFIX: u64 = 19;
    pub const NEXT_SUFFIX: u64 = 20;
    pub const PREV_SHAPE: u64 = 21;
    pub const NEXT_SHAPE: u64 = 22;
    pub const CLUSTER: u64 = 23;
    pub const PREV_CLUSTER: u64 = 24;
    pub const NEXT_CLUSTER: u64 = 25;
    pub const TAG1_SUFFIX: u64 = 26;
    pub const START_CAP: u64 = 27;
}

impl Templates for PosTemplates {
    const VERSION: u32 = 1;

    fn word_features(&self, w: &TokenView, role: Role, out: &mut Vec<u64>) {
        match role {
            Role::Center => {
                out.push(feature(t::BIAS, 1));
                push(out, t::WORD, w.word);
                push(out, t::NORM, w.norm);
                for &p in &w.prefixes {
                    push(out, t::PREFIX, p);
                }
                for &s in &w.suffixes {
                    push(out, t::SUFFIX, s);
                }
                push(out, t::SHAPE, w.shape);
                push(out, t::SHORT_SHAPE, w.short_shape);
                push_bits(out, t::FLAG, u32::from(w.flags), flags::OF_WORD);
                for &c in &w.clusters {
                    push(out, t::CLUSTER, c);
                }
            }
            Role::Left => {
                push(out, t::PREV_NORM, w.norm);
                push(out, t::PREV_SUFFIX, w.suffixes[2]);
                push(out, t::PREV_SHAPE, w.short_shape);
                push(out, t::PREV_CLUSTER, w.clusters[1]);
            }
            Role::Right => {
                push(out, t::NEXT_NORM, w.norm);
                push(out, t::NEXT_SUFFIX, w.suffixes[2]);
                push(out, t::NEXT_SHAPE, w.short_shape);
                push(out, t::NEXT_CLUSTER, w.clusters[1]);
            }
        }
    }

    fn context_features(&self, view: &SentenceView, i: usize, history: &[u16], out: &mut Vec<u64>) {
        let at = i as isize;
        let (w, prev, next) = (view.at(at), view.at(at - 1), view.at(at + 1));
        let (tag1, tag2) = (previous(history, i, 1), previous(history, i, 2));
        push(out, t::PREV2_NORM, view.at(at - 2).norm);
        push(out, t::NEXT2_NORM, view.at(at + 2).norm);
        push_bits(out, t::FLAG, u32::from(w.flags), flags::OF_CONTEXT);
        if w.flags & flags::SENTENCE_START != 0 && w.flags & flags::INIT_CAP != 0 {
            out.push(feature(t::START_CAP, w.norm));
        }
        out.push(feature(t::TAG1, tag1 + 1));
        out.push(feature(t::TAG2, tag2 + 1));
        out.push(feature(t::TAG12, join(tag1, tag2)));
        out.push(feature(t::TAG1_NORM, join(tag1, w.norm)));
        let suffix3 = if w.suffixes[2] != 0 {
            w.suffixes[2]
        } else {
            w.norm
        };
        out.push(feature(t::TAG1_SUFFIX, join(tag1, suffix3)));
        out.push(feature(t::PREV_NORM_NORM, join(prev.norm, w.norm)));
        out.push(feature(t::NORM_NEXT_NORM, join(w.norm, next.norm)));
    }
}

/// The label set of the part-of-speech tagger: every tag of [`POS_TAGS`](crate::model::labels::POS_TAGS).
pub fn pos_labels() -> crate::learn::labels_set::LabelSet {
    crate::learn::labels_set::LabelSet::flat(
        crate::model::labels::POS_TAGS[1..]
            .iter()
            .map(|t| (*t).to_owned())
            .collect(),
    )
}

/// Train the part-of-speech tagger on CoNLL-U files (XPOS column).
pub fn train_pos(
    sources: &crate::learn::train::Sources,
    config: crate::learn::sequence::TrainConfig,
    progress: impl FnMut(String),
) -> Result<crate::learn::model::Model, crate::learn::train::TrainError> {
    use crate::learn::train::{Labelled, Run, TrainError, load_clusters, load_sets, read_corpus};
    let labels = pos_labels();
    let clusters = load_clusters(sources)?;
    let load = |path: &std::path::Path| -> Result<Labelled, TrainError> {
        let sentences = read_corpus(path, crate::corpus::conllu::read_conllu)?;
        let mut builder = crate::learn::view::ViewBuilder::new();
        let mut set = Labelled::default();
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
            set.views
                .push(builder.build(&words, clusters.as_ref(), None));
            set.labels.push(tags);
            set.words.extend(words.iter().map(|w| (*w).to_owned()));
        }
        Ok(set)
    };
    let (train, dev) = load_sets(sources, load)?;
    let run = Run {
        task: "pos",
        sources,
        config,
        clusters,
        gazetteer: None,
    };
    Ok(crate::learn::train::run(
        run,
        &PosTemplates,
        labels,
        &train,
        dev.as_ref(),
        progress,
    ))
}
