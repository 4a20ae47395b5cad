//! Chunk templates (noun, verb and prepositional phrases, CoNLL-2000 style):
//! words and part-of-speech tags two either side and their n-grams, with the
//! previous chunk labels.

use crate::learn::hash::{feature, join};
use crate::learn::sequence::{Role, Templates, previous, push};
use crate::learn::view::{SentenceView, TokenView};

/// Features of the chunker.
pub struct ChunkTemplates;

mod t {
    pub const BIAS: u64 = 101;
    pub const NORM: [u64; 5] = [102, 103, 104, 105, 106];
    pub const POS: [u64; 5] = [107, 108, 109, 110, 111];
    pub const POS_BIGRAM: [u64; 4] = [112, 113, 114, 115];
    pub const POS_TRIGRAM: [u64; 3] = [116, 117, 118];
    pub const NORM_POS: u64 = 119;
    pub const PREV_NORM_POS: u64 = 120;
    pub const TAG1: u64 = 121;
    pub const TAG2: u64 = 122;
    pub const TAG12: u64 = 123;
    pub const TAG1_POS: u64 = 124;
    pub const TAG1_NORM: u64 = 125;
    pub const SUFFIX: u64 = 126;
    pub const SHAPE: u64 = 127;
    pub const CLUSTER: u64 = 128;
    pub const TAG1_POS_NEXT: u64 = 129;
    pub const NORM_BIGRAM: u64 = 130;
    pub const NORM_NEXT_NORM: u64 = 131;
    pub const NORM_NEXT_POS: u64 = 132;
    pub const TAG12_POS: u64 = 133;
    pub const TAG1_NEXT_NORM: u64 = 134;
}

impl Templates for ChunkTemplates {
    const VERSION: u32 = 2;

    fn word_features(&self, w: &TokenView, role: Role, out: &mut Vec<u64>) {
        match role {
            Role::Center => {
                out.push(feature(t::BIAS, 1));
                push(out, t::NORM[2], w.norm);
                push(out, t::SUFFIX, w.suffixes[1]);
                push(out, t::SUFFIX, w.suffixes[2]);
                push(out, t::SHAPE, w.short_shape);
                push(out, t::CLUSTER, w.clusters[1]);
                push(out, t::CLUSTER, w.clusters[2]);
            }
            Role::Left => push(out, t::NORM[1], w.norm),
            Role::Right => push(out, t::NORM[3], w.norm),
        }
    }

    fn context_features(&self, view: &SentenceView, i: usize, history: &[u16], out: &mut Vec<u64>) {
        let at = i as isize;
        let w = view.at(at);
        let pos = |d: isize| view.at(at + d).pos;
        let (tag1, tag2) = (previous(history, i, 1), previous(history, i, 2));
        push(out, t::NORM[0], view.at(at - 2).norm);
        push(out, t::NORM[4], view.at(at + 2).norm);
        for (k, d) in (-2..=2).enumerate() {
            push(out, t::POS[k], pos(d));
        }
        for (k, d) in (-2..=1).enumerate() {
            out.push(feature(t::POS_BIGRAM[k], join(pos(d), pos(d + 1))));
        }
        for (k, d) in (-2..=0).enumerate() {
            out.push(feature(
                t::POS_TRIGRAM[k],
                join(join(pos(d), pos(d + 1)), pos(d + 2)),
            ));
        }
        out.push(feature(t::NORM_POS, join(w.norm, pos(0))));
        out.push(feature(
            t::PREV_NORM_POS,
            join(view.at(at - 1).norm, pos(0)),
        ));
        out.push(feature(t::NORM_BIGRAM, join(view.at(at - 1).norm, w.norm)));
        out.push(feature(t::TAG1, tag1 + 1));
        out.push(feature(t::TAG2, tag2 + 1));
        out.push(feature(t::TAG12, join(tag1, tag2)));
        out.push(feature(t::TAG1_POS, join(tag1, pos(0))));
        out.push(feature(t::TAG1_POS_NEXT, join(join(tag1, pos(0)), pos(1))));
        out.push(feature(t::TAG1_NORM, join(tag1, w.norm)));
        let next = view.at(at + 1);
        out.push(feature(t::NORM_NEXT_NORM, join(w.norm, next.norm)));
        out.push(feature(t::NORM_NEXT_POS, join(w.norm, pos(1))));
        out.push(feature(t::TAG12_POS, join(join(tag1, tag2), pos(0))));
        out.push(feature(t::TAG1_NEXT_NORM, join(tag1, next.norm)));
    }
}

/// Train the chunker on CoNLL-2000 files, with the part-of-speech tags they give.
pub fn train_chunk(
    sources: &crate::learn::train::Sources,
    config: crate::learn::sequence::TrainConfig,
    progress: impl FnMut(String),
) -> Result<crate::learn::model::Model, crate::learn::train::TrainError> {
    use crate::learn::train::{
        Labelled, Run, TrainError, load_clusters, load_sets, read_corpus, view_with_pos,
    };
    let labels = crate::learn::labels_set::LabelSet::bilou(&super::labels::CHUNK_KINDS);
    let clusters = load_clusters(sources)?;
    let load = |path: &std::path::Path| -> Result<Labelled, TrainError> {
        let sentences = read_corpus(path, crate::corpus::conll::read_conll2000)?;
        let mut builder = crate::learn::view::ViewBuilder::new();
        let mut set = Labelled::default();
        for s in sentences {
            let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
            set.views.push(view_with_pos(
                &mut builder,
                &words,
                &s.pos,
                clusters.as_ref(),
                None,
            ));
            set.labels.push(labels.encode_iob(&s.tags));
            set.words.extend(s.words);
        }
        Ok(set)
    };
    let (train, dev) = load_sets(sources, load)?;
    let run = Run {
        task: "chunk",
        sources,
        config,
        clusters,
        gazetteer: None,
    };
    Ok(crate::learn::train::run(
        run,
        &ChunkTemplates,
        labels,
        &train,
        dev.as_ref(),
        progress,
    ))
}
