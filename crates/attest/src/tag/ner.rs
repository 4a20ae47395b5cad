//! Entity templates (people, organisations, places, other names): the word
//! and its neighbours as written and normalised, shapes and capitalisation,
//! affixes, part-of-speech tags, word clusters, gazetteer matches around the
//! token, headline and quotation context, and the previous labels.

use super::hash::{feature, join};
use super::pos::{previous, push};
use super::sequence::Templates;
use super::view::{SentenceView, flags};

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
}

impl Templates for NerTemplates {
    const VERSION: u32 = 1;

    fn features(&self, view: &SentenceView, i: usize, history: &[u16], out: &mut Vec<u64>) {
        let at = i as isize;
        let (w, prev, next) = (view.at(at), view.at(at - 1), view.at(at + 1));
        let (tag1, tag2) = (previous(history, i, 1), previous(history, i, 2));
        out.push(feature(t::BIAS, 1));
        push(out, t::WORD, w.word);
        for (k, d) in (-2..=2).enumerate() {
            push(out, t::NORM[k], view.at(at + d).norm);
        }
        push(out, t::WORD_AROUND[0], prev.word);
        push(out, t::WORD_AROUND[1], next.word);
        for (k, token) in [prev, w, next].into_iter().enumerate() {
            push(out, t::SHAPE[k], token.shape);
            push(out, t::POS[k], token.pos);
            for bit in 0..16 {
                if token.gazetteer & (1 << bit) != 0 {
                    out.push(feature(t::GAZETTEER[k], bit + 1));
                }
            }
        }
        push(out, t::SHORT_SHAPE, w.short_shape);
        out.push(feature(
            t::SHAPE_BIGRAM[0],
            join(prev.short_shape, w.short_shape),
        ));
        out.push(feature(
            t::SHAPE_BIGRAM[1],
            join(w.short_shape, next.short_shape),
        ));
        for bit in 0..12 {
            if w.flags & (1 << bit) != 0 {
                out.push(feature(t::FLAG, bit + 1));
            }
        }
        for &p in &w.prefixes {
            push(out, t::PREFIX, p);
        }
        for &s in &w.suffixes {
            push(out, t::SUFFIX, s);
        }
        for &c in &w.clusters {
            push(out, t::CLUSTER, c);
        }
        push(out, t::CLUSTER_AROUND[0], prev.clusters[1]);
        push(out, t::CLUSTER_AROUND[1], next.clusters[1]);
        out.push(feature(t::NORM_BIGRAM[0], join(prev.norm, w.norm)));
        out.push(feature(t::NORM_BIGRAM[1], join(w.norm, next.norm)));
        out.push(feature(t::POS_NORM, join(w.pos, w.norm)));
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
