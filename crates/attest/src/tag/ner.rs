//! Entity templates (people, organisations, places, other names): the word
//! and its neighbours as written and normalised, shapes and capitalisation,
//! affixes, part-of-speech tags, word clusters, gazetteer matches around the
//! token, headline and quotation context, the previous labels, and (in the
//! second pass) what the first pass said about the same word elsewhere in the
//! document.

use crate::learn::hash::{feature, join};
use crate::learn::sequence::{Role, Templates, previous, push, push_bits};
use crate::learn::view::{SentenceView, TokenView, flags};

/// Features of the entity recogniser.
pub struct NerTemplates;

mod t {
    pub const BIAS: u64 = 201;
    pub const WORD: u64 = 202;
    pub const NORM: [u64; 5] = [203, 204, 205, 206, 207];
    pub const WORD_AROUND: [u64; 2] = [208, 209];
    pub const SHAPE: [u64; 3] = [210, 211, 212];
    pub const SHORT_SHAPE: u64 = 213;
    pub const FLAG: u64 = 214;
    pub const PREFIX: u64 = 215;
    pub const SUFFIX: u64 = 216;
    pub const CLUSTER: u64 = 217;
    pub const CLUSTER_AROUND: [u64; 2] = [218, 219];
    pub const GAZETTEER: [u64; 3] = [220, 221, 222];
    pub const POS: [u64; 3] = [223, 224, 225];
    pub const TAG1: u64 = 226;
    pub const TAG2: u64 = 227;
    pub const TAG12: u64 = 228;
    pub const TAG1_NORM: u64 = 229;
    pub const TAG1_SHAPE: u64 = 230;
    pub const NORM_BIGRAM: [u64; 2] = [231, 232];
    pub const HEADLINE_NORM: u64 = 233;
    pub const SHAPE_BIGRAM: [u64; 2] = [234, 235];
    pub const POS_NORM: u64 = 236;
    pub const DOC: u64 = 237;
    pub const DOC_SHAPE: u64 = 238;
    pub const DOC_AROUND: [u64; 2] = [239, 240];
}

impl Templates for NerTemplates {
    const VERSION: u32 = 2;

    fn word_features(&self, w: &TokenView, role: Role, out: &mut Vec<u64>) {
        match role {
            Role::Center => {
                out.push(feature(t::BIAS, 1));
                push(out, t::WORD, w.word);
                push(out, t::NORM[2], w.norm);
                push(out, t::SHAPE[1], w.shape);
                push(out, t::SHORT_SHAPE, w.short_shape);
                push_bits(out, t::FLAG, u32::from(w.flags), flags::OF_WORD);
                for &p in &w.prefixes {
                    push(out, t::PREFIX, p);
                }
                for &s in &w.suffixes {
                    push(out, t::SUFFIX, s);
                }
                for &c in &w.clusters {
                    push(out, t::CLUSTER, c);
                }
            }
            Role::Left => {
                push(out, t::NORM[1], w.norm);
                push(out, t::WORD_AROUND[0], w.word);
                push(out, t::SHAPE[0], w.shape);
                push(out, t::CLUSTER_AROUND[0], w.clusters[1]);
            }
            Role::Right => {
                push(out, t::NORM[3], w.norm);
                push(out, t::WORD_AROUND[1], w.word);
                push(out, t::SHAPE[2], w.shape);
                push(out, t::CLUSTER_AROUND[1], w.clusters[1]);
            }
        }
    }

    fn context_features(&self, view: &SentenceView, i: usize, history: &[u16], out: &mut Vec<u64>) {
        let at = i as isize;
        let (w, prev, next) = (view.at(at), view.at(at - 1), view.at(at + 1));
        let (tag1, tag2) = (previous(history, i, 1), previous(history, i, 2));
        push(out, t::NORM[0], view.at(at - 2).norm);
        push(out, t::NORM[4], view.at(at + 2).norm);
        for (k, token) in [prev, w, next].into_iter().enumerate() {
            push(out, t::POS[k], token.pos);
            push_bits(out, t::GAZETTEER[k], token.gazetteer, 0xFFFF);
        }
        out.push(feature(
            t::SHAPE_BIGRAM[0],
            join(prev.short_shape, w.short_shape),
        ));
        out.push(feature(
            t::SHAPE_BIGRAM[1],
            join(w.short_shape, next.short_shape),
        ));
        push_bits(out, t::FLAG, u32::from(w.flags), flags::OF_CONTEXT);
        out.push(feature(t::NORM_BIGRAM[0], join(prev.norm, w.norm)));
        out.push(feature(t::NORM_BIGRAM[1], join(w.norm, next.norm)));
        out.push(feature(t::POS_NORM, join(w.pos, w.norm)));
        for bit in 0..16 {
            if w.doc & (1 << bit) != 0 {
                out.push(feature(t::DOC, bit + 1));
                out.push(feature(t::DOC_SHAPE, join(bit + 1, w.short_shape)));
            }
        }
        push_bits(out, t::DOC_AROUND[0], u32::from(prev.doc), 0xFFFF);
        push_bits(out, t::DOC_AROUND[1], u32::from(next.doc), 0xFFFF);
        if w.flags & flags::CAPS_SENTENCE != 0 {
            out.push(feature(t::HEADLINE_NORM, w.norm));
        }
        out.push(feature(t::TAG1, tag1 + 1));
        out.push(feature(t::TAG2, tag2 + 1));
        out.push(feature(t::TAG12, join(tag1, tag2)));
        out.push(feature(t::TAG1_NORM, join(tag1, w.norm)));
        out.push(feature(t::TAG1_SHAPE, join(tag1, w.short_shape)));
    }
}

/// Features of the entity recogniser's first pass: the word-level ones of
/// [`NerTemplates`] and a handful of context features, enough to find the
/// names whose labels the second pass aggregates over the document, cheaply.
pub struct NerFirstTemplates;

impl Templates for NerFirstTemplates {
    const VERSION: u32 = NerTemplates::VERSION;

    fn word_features(&self, w: &TokenView, role: Role, out: &mut Vec<u64>) {
        NerTemplates.word_features(w, role, out);
    }

    fn context_features(&self, view: &SentenceView, i: usize, history: &[u16], out: &mut Vec<u64>) {
        let w = view.at(i as isize);
        let (tag1, tag2) = (previous(history, i, 1), previous(history, i, 2));
        push(out, t::POS[1], w.pos);
        push_bits(out, t::GAZETTEER[1], w.gazetteer, 0xFFFF);
        push_bits(out, t::FLAG, u32::from(w.flags), flags::OF_CONTEXT);
        out.push(feature(t::TAG1, tag1 + 1));
        out.push(feature(t::TAG12, join(tag1, tag2)));
    }
}

/// The two weight sets of the entity recogniser: a first pass on local
/// evidence, and a second that also reads the first pass's labels of the
/// same words elsewhere in the document.
pub struct TwoPass<'a> {
    /// First-pass weights.
    pub first: &'a crate::learn::model::Weights,
    /// Summed word weights of the first pass.
    pub first_cache: Option<&'a crate::learn::word_cache::WordCache>,
    /// Second-pass weights.
    pub second: &'a crate::learn::model::Weights,
    /// Summed word weights of the second pass.
    pub second_cache: Option<&'a crate::learn::word_cache::WordCache>,
    /// Labels of both.
    pub labels: &'a crate::learn::labels_set::LabelSet,
}

impl TwoPass<'_> {
    /// Label the sentences of one document (views are given their document
    /// features on the way).
    pub fn label(
        &self,
        views: &mut [SentenceView],
        scratch: &mut crate::learn::sequence::Scratch,
    ) -> Vec<Vec<u16>> {
        let first: Vec<Vec<u16>> = views
            .iter()
            .map(|view| {
                let mut labels = Vec::with_capacity(view.len());
                crate::learn::sequence::decode_cached(
                    self.first,
                    self.first_cache,
                    self.labels,
                    &NerFirstTemplates,
                    view,
                    scratch,
                    &mut labels,
                );
                labels
            })
            .collect();
        super::document::set_document_features(views, &first, self.labels);
        views
            .iter()
            .map(|view| {
                let mut labels = Vec::with_capacity(view.len());
                crate::learn::sequence::decode_cached(
                    self.second,
                    self.second_cache,
                    self.labels,
                    &NerTemplates,
                    view,
                    scratch,
                    &mut labels,
                );
                labels
            })
            .collect()
    }
}
