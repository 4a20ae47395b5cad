//! Features of the attribution tagger, which labels each token as part of a
//! source, a cue or a content (BILOU), learnt from PolNeAR: the words and
//! their tags around the token, whether it is quoted, and where the nearest
//! cue word of the lexicon is.

use super::passes::kind_of;
use crate::learn::hash::{feature, join};
use crate::learn::sequence::{Role, Templates, previous, push};
use crate::learn::view::{NO_ANCHOR, SentenceView, TokenView, flags};

/// The attribution tagger's templates.
pub struct AttributionTemplates;

mod t {
    pub const BIAS: u64 = 301;
    pub const NORM: [u64; 3] = [302, 303, 304];
    pub const SHAPE: u64 = 305;
    pub const SUFFIX: u64 = 306;
    pub const CLUSTER: [u64; 3] = [307, 308, 309];
    pub const CUE: [u64; 3] = [310, 311, 312];
    pub const POS: [u64; 5] = [313, 314, 315, 316, 317];
    pub const CHUNK: [u64; 3] = [318, 319, 320];
    pub const ENTITY: [u64; 3] = [321, 322, 323];
    pub const QUOTE: [u64; 3] = [324, 325, 326];
    pub const CUE_DISTANCE: u64 = 327;
    pub const POSITION: u64 = 328;
    pub const TAG1: u64 = 329;
    pub const TAG2: u64 = 330;
    pub const TAG12: u64 = 331;
    pub const TAG1_QUOTE: u64 = 332;
    pub const TAG1_DISTANCE: u64 = 333;
    pub const TAG1_POS: u64 = 334;
    pub const POS_DISTANCE: u64 = 335;
    pub const NORM_DISTANCE: u64 = 336;
    pub const START_CAP: u64 = 337;
    pub const POS_BIGRAM: [u64; 2] = [338, 339];
    pub const TAG1_NORM: u64 = 340;
    pub const SEEN: u64 = 341;
    pub const SEEN_CUE: u64 = 342;
    pub const SEEN_POS: u64 = 343;
    pub const SEEN_DISTANCE: u64 = 344;
    pub const NORM_FAR: [u64; 2] = [345, 346];
    pub const BIGRAM: [u64; 2] = [347, 348];
    pub const NEAREST_CUE: u64 = 349;
    pub const TAG1_CUE: u64 = 350;
    pub const TAG1_CHUNK: u64 = 351;
    pub const SENTENCE_POSITION: u64 = 352;
    pub const LAST_KIND: u64 = 353;
    pub const SEEN_QUOTE: u64 = 354;
    pub const ANCHOR: u64 = 355;
    pub const ANCHOR_POS: u64 = 356;
    pub const ANCHOR_NORM: u64 = 357;
    pub const ANCHOR_CUE_WORD: u64 = 358;
    pub const ANCHOR_CUE_POS: u64 = 359;
    pub const FIRST: [u64; 3] = [360, 361, 362];
    pub const FIRST_ANCHOR: u64 = 363;
    pub const TAG1_ANCHOR: u64 = 364;
    pub const BETWEEN: u64 = 365;
    pub const BETWEEN_TAG1: u64 = 366;
    pub const ANCHOR_QUOTE: u64 = 367;
    pub const ANCHOR_CHUNK: u64 = 368;
}

/// Signed distance to the anchoring cue in buckets that widen with distance.
fn anchor_bucket(d: i16) -> u64 {
    let magnitude = match d.unsigned_abs() {
        0 => 0,
        1 => 1,
        2 => 2,
        3 => 3,
        4..=6 => 4,
        7..=12 => 5,
        13..=25 => 6,
        _ => 7,
    };
    if d < 0 { 8 + magnitude } else { magnitude }
}

/// What lies between a token and its anchoring cue: bit 0 a sentence
/// boundary, bit 1 another cue of the first pass, bit 2 too far to matter.
fn between(view: &SentenceView, i: usize, anchor: i16) -> u64 {
    let last = view.len().saturating_sub(1) as isize;
    let target = (i as isize + isize::from(anchor)).clamp(0, last) as usize;
    if i.abs_diff(target) > LOOK_BACK {
        return 4;
    }
    let (here, there) = (view.tokens[i].attribution, view.tokens[target].attribution);
    u64::from(here.sentence != there.sentence)
        | (u64::from(here.cues_before != there.cues_before) << 1)
}

/// How far back the templates look for the sentence start and earlier spans.
const LOOK_BACK: usize = 80;

/// The start of the sentence of token `i`.
fn sentence_start(view: &SentenceView, i: usize) -> usize {
    i.saturating_sub(usize::from(view.tokens[i].attribution.from_sentence_start))
}

/// Bits of the span kinds labelled since the sentence start.
fn seen_kinds(history: &[u16], start: usize, i: usize) -> u64 {
    history[start..i]
        .iter()
        .fold(0, |bits, &l| bits | (1 << kind_of(l)) >> 1)
}

/// The kind of the last labelled span within [`LOOK_BACK`] and how far back it ended.
fn last_kind(history: &[u16], i: usize) -> u64 {
    let floor = i.saturating_sub(LOOK_BACK);
    (floor..i).rev().find(|&j| history[j] != 0).map_or(0, |j| {
        join(
            u64::from(kind_of(history[j])),
            ((i - j).min(12) as u64).div_ceil(3),
        )
    })
}

fn distance_bucket(d: i8) -> u64 {
    match d {
        99 => 0,
        d if d <= -6 => 1,
        -5..=-3 => 2,
        -2 => 3,
        -1 => 4,
        0 => 5,
        1 => 6,
        2 => 7,
        3..=5 => 8,
        _ => 9,
    }
}

fn position_bucket(i: usize, len: usize) -> u64 {
    match i {
        0 => 1,
        1 => 2,
        2..=4 => 3,
        _ if i + 1 == len => 4,
        _ if i + 3 >= len => 5,
        _ => 6,
    }
}

/// Features of the second pass, which labels the attribution of one cue.
fn anchor_features(view: &SentenceView, i: usize, tag1: u64, out: &mut Vec<u64>) {
    let at = i as isize;
    let w = view.at(at);
    let a = w.attribution;
    let bucket = anchor_bucket(a.anchor);
    let direction = a.anchor.signum() as u64 & 3;
    let cue = view.at(at + isize::from(a.anchor));
    out.push(feature(t::ANCHOR, bucket + 1));
    out.push(feature(t::ANCHOR_POS, join(bucket, w.pos)));
    out.push(feature(t::ANCHOR_NORM, join(bucket, w.norm)));
    out.push(feature(t::ANCHOR_CUE_WORD, join(cue.norm, direction)));
    out.push(feature(
        t::ANCHOR_CUE_POS,
        join(join(cue.pos, direction), bucket),
    ));
    for (k, d) in (-1..=1).enumerate() {
        let first = view.at(at + d).attribution.first;
        out.push(feature(t::FIRST[k], join(u64::from(first), direction)));
    }
    out.push(feature(t::FIRST_ANCHOR, join(u64::from(a.first), bucket)));
    out.push(feature(t::TAG1_ANCHOR, join(tag1, bucket)));
    let between = between(view, i, a.anchor);
    out.push(feature(t::BETWEEN, join(between, direction)));
    out.push(feature(
        t::BETWEEN_TAG1,
        join(join(between, tag1), direction),
    ));
    out.push(feature(t::ANCHOR_QUOTE, join(u64::from(a.quote), bucket)));
    out.push(feature(t::ANCHOR_CHUNK, join(u64::from(a.chunk), bucket)));
}

impl Templates for AttributionTemplates {
    const VERSION: u32 = 5;

    fn word_features(&self, w: &TokenView, role: Role, out: &mut Vec<u64>) {
        let k = match role {
            Role::Center => 1,
            Role::Left => 0,
            Role::Right => 2,
        };
        if role == Role::Center {
            out.push(feature(t::BIAS, 1));
            push(out, t::SHAPE, w.short_shape);
            push(out, t::SUFFIX, w.suffixes[2]);
        }
        push(out, t::NORM[k], w.norm);
        push(out, t::CLUSTER[k], w.clusters[1]);
    }

    fn fixed_features(&self, view: &SentenceView, i: usize, out: &mut Vec<u64>) {
        let at = i as isize;
        let w = view.at(at);
        let a = w.attribution;
        for (k, d) in (-1..=1).enumerate() {
            let n = view.at(at + d).attribution;
            out.push(feature(t::CUE[k], u64::from(n.cue)));
            out.push(feature(t::CHUNK[k], u64::from(n.chunk)));
            out.push(feature(t::ENTITY[k], u64::from(n.entity)));
            out.push(feature(t::QUOTE[k], u64::from(n.quote)));
        }
        for (k, d) in (-2..=2).enumerate() {
            push(out, t::POS[k], view.at(at + d).pos);
        }
        out.push(feature(t::POS_BIGRAM[0], join(view.at(at - 1).pos, w.pos)));
        out.push(feature(t::POS_BIGRAM[1], join(w.pos, view.at(at + 1).pos)));
        let distance = distance_bucket(a.cue_distance);
        out.push(feature(t::CUE_DISTANCE, distance + 1));
        out.push(feature(t::POS_DISTANCE, join(w.pos, distance)));
        out.push(feature(t::NORM_DISTANCE, join(w.norm, distance)));
        out.push(feature(t::POSITION, position_bucket(i, view.len())));
        let start = sentence_start(view, i);
        let end = (i + usize::from(a.to_sentence_end)).min(view.len());
        out.push(feature(
            t::SENTENCE_POSITION,
            position_bucket(i - start, end - start),
        ));
        push(out, t::NORM_FAR[0], view.at(at - 2).norm);
        push(out, t::NORM_FAR[1], view.at(at + 2).norm);
        out.push(feature(t::BIGRAM[0], join(view.at(at - 1).norm, w.norm)));
        out.push(feature(t::BIGRAM[1], join(w.norm, view.at(at + 1).norm)));
        if a.cue_distance != 99 {
            out.push(feature(
                t::NEAREST_CUE,
                join(view.at(at + isize::from(a.cue_distance)).norm, distance),
            ));
        }
        if w.flags & flags::SENTENCE_START != 0 && w.flags & flags::INIT_CAP != 0 {
            out.push(feature(t::START_CAP, w.norm));
        }
    }

    fn context_features(&self, view: &SentenceView, i: usize, history: &[u16], out: &mut Vec<u64>) {
        let w = view.at(i as isize);
        let a = w.attribution;
        let (tag1, tag2) = (previous(history, i, 1), previous(history, i, 2));
        let distance = distance_bucket(a.cue_distance);
        let start = sentence_start(view, i);
        let seen = seen_kinds(history, start, i);
        out.push(feature(t::SEEN, seen + 1));
        out.push(feature(t::SEEN_CUE, join(seen, u64::from(a.cue))));
        out.push(feature(t::SEEN_POS, join(seen, w.pos)));
        out.push(feature(t::SEEN_DISTANCE, join(seen, distance)));
        out.push(feature(t::SEEN_QUOTE, join(seen, u64::from(a.quote))));
        out.push(feature(t::LAST_KIND, last_kind(history, i) + 1));
        out.push(feature(t::TAG1_CUE, join(tag1, u64::from(a.cue))));
        out.push(feature(t::TAG1_CHUNK, join(tag1, u64::from(a.chunk))));
        if a.anchor != NO_ANCHOR {
            anchor_features(view, i, tag1, out);
        }
        out.push(feature(t::TAG1, tag1 + 1));
        out.push(feature(t::TAG2, tag2 + 1));
        out.push(feature(t::TAG12, join(tag1, tag2)));
        out.push(feature(t::TAG1_QUOTE, join(tag1, u64::from(a.quote))));
        out.push(feature(t::TAG1_DISTANCE, join(tag1, distance)));
        out.push(feature(t::TAG1_POS, join(tag1, w.pos)));
        out.push(feature(t::TAG1_NORM, join(tag1, w.norm)));
    }
}
