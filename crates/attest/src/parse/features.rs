//! The parser's features: words, tags and clusters of the top three stack
//! elements and the first three buffer words, the outermost children of the
//! top and of the buffer's first word with their labels, the distance between
//! them and how many children each has, and their conjunctions (after Zhang
//! and Nivre's feature set for transition-based parsing).

use super::system::{Children, NONE, State};
use crate::learn::hash::{feature, join};
use crate::learn::view::{SentenceView, TokenView};

/// Version of the templates; a model stores the version it was trained with.
pub const VERSION: u32 = 1;

/// What a position of the configuration holds: nothing, the root, or a word.
#[derive(Clone, Copy)]
struct Slot<'v> {
    token: Option<&'v TokenView>,
    root: bool,
    present: bool,
}

const ABSENT: u64 = 1;
const ROOT: u64 = 2;

impl Slot<'_> {
    fn word(&self) -> u64 {
        self.value(|t| t.norm)
    }

    fn pos(&self) -> u64 {
        self.value(|t| t.pos)
    }

    fn cluster(&self) -> u64 {
        self.value(|t| t.clusters[1])
    }

    fn suffix(&self) -> u64 {
        self.value(|t| t.suffixes[2])
    }

    fn value(&self, pick: impl Fn(&TokenView) -> u64) -> u64 {
        match (self.present, self.root, self.token) {
            (false, _, _) => ABSENT,
            (_, true, _) => ROOT,
            (_, _, Some(t)) => pick(t).max(3),
            _ => ABSENT,
        }
    }
}

fn slot<'v>(view: &'v SentenceView, word: Option<usize>) -> Slot<'v> {
    match word {
        None | Some(NONE) => Slot {
            token: None,
            root: false,
            present: false,
        },
        Some(0) => Slot {
            token: None,
            root: true,
            present: true,
        },
        Some(w) => Slot {
            token: view.tokens.get(w - 1),
            root: false,
            present: true,
        },
    }
}

fn outer(children: &Children, k: usize) -> Option<usize> {
    (children.count as usize > k).then(|| children.outer[k])
}

fn label_of(state: &State, word: Option<usize>) -> u64 {
    match word {
        Some(w) if w != NONE => u64::from(state.labels[w]) + 3,
        _ => ABSENT,
    }
}

/// Template ids: one a feature, so that equal values of two templates hash
/// apart.
mod t {
    pub const UNIGRAMS: u64 = 100;
    pub const PAIRS: u64 = 200;
    pub const TRIPLES: u64 = 300;
    pub const DISTANCE: u64 = 400;
    pub const VALENCY: u64 = 500;
    pub const CHILDREN: u64 = 600;
    pub const LABEL_SETS: u64 = 700;
}

/// Push the features of `state` over `view`.
pub fn features(view: &SentenceView, state: &State, out: &mut Vec<u64>) {
    let s0w = state.stack_at(0);
    let s1w = state.stack_at(1);
    let s2w = state.stack_at(2);
    let b0w = state.buffer_at(0);
    let (s0, s1, s2) = (slot(view, s0w), slot(view, s1w), slot(view, s2w));
    let (b0, b1, b2) = (
        slot(view, b0w),
        slot(view, state.buffer_at(1)),
        slot(view, state.buffer_at(2)),
    );
    let none = Children::default();
    let s0_left = s0w.map_or(&none, |w| &state.left[w]);
    let s0_right = s0w.map_or(&none, |w| &state.right[w]);
    let b0_left = b0w.map_or(&none, |w| &state.left[w]);
    let s1_left = s1w.map_or(&none, |w| &state.left[w]);
    let s1_right = s1w.map_or(&none, |w| &state.right[w]);
    let children = [
        outer(s0_left, 0),
        outer(s0_left, 1),
        outer(s0_right, 0),
        outer(s0_right, 1),
        outer(b0_left, 0),
        outer(b0_left, 1),
        outer(s1_left, 0),
        outer(s1_right, 0),
    ];

    let mut id = t::UNIGRAMS;
    let mut put = |out: &mut Vec<u64>, value: u64| {
        out.push(feature(id, value));
        id += 1;
    };
    for s in [&s0, &b0, &b1, &s1] {
        put(out, s.word());
        put(out, s.pos());
        put(out, join(s.word(), s.pos()));
        put(out, s.cluster());
    }
    put(out, b2.pos());
    put(out, s2.pos());
    put(out, b0.suffix());
    put(out, s0.suffix());
    for &c in &children {
        let child = slot(view, c);
        put(out, child.word());
        put(out, child.pos());
        put(out, label_of(state, c));
    }

    let mut id = t::PAIRS;
    let mut put = |out: &mut Vec<u64>, a: u64, b: u64| {
        out.push(feature(id, join(a, b)));
        id += 1;
    };
    put(out, join(s0.word(), s0.pos()), join(b0.word(), b0.pos()));
    put(out, join(s0.word(), s0.pos()), b0.word());
    put(out, join(s0.word(), s0.pos()), b0.pos());
    put(out, s0.word(), join(b0.word(), b0.pos()));
    put(out, s0.pos(), join(b0.word(), b0.pos()));
    put(out, s0.word(), b0.word());
    put(out, s0.pos(), b0.pos());
    put(out, b0.pos(), b1.pos());
    put(out, s1.pos(), s0.pos());
    put(out, s1.word(), s0.word());
    put(out, s0.cluster(), b0.cluster());
    put(out, s0.pos(), b0.cluster());
    put(out, s0.cluster(), b0.pos());

    let mut id = t::TRIPLES;
    let mut put = |out: &mut Vec<u64>, a: u64, b: u64, c: u64| {
        out.push(feature(id, join(join(a, b), c)));
        id += 1;
    };
    let pos_of = |c: Option<usize>| slot(view, c).pos();
    put(out, b0.pos(), b1.pos(), b2.pos());
    put(out, s0.pos(), b0.pos(), b1.pos());
    put(out, s1.pos(), s0.pos(), b0.pos());
    put(out, s2.pos(), s1.pos(), s0.pos());
    put(out, s0.pos(), pos_of(children[0]), b0.pos());
    put(out, s0.pos(), pos_of(children[2]), b0.pos());
    put(out, s0.pos(), b0.pos(), pos_of(children[4]));
    put(out, s0.pos(), pos_of(children[0]), pos_of(children[1]));
    put(out, s0.pos(), pos_of(children[2]), pos_of(children[3]));
    put(out, b0.pos(), pos_of(children[4]), pos_of(children[5]));
    put(out, s1.pos(), pos_of(children[6]), s0.pos());
    put(out, s1.pos(), pos_of(children[7]), s0.pos());

    let distance = match (s0w, b0w) {
        (Some(s), Some(b)) if s != 0 => bucket(b - s),
        _ => 0,
    };
    for (id, value) in (t::DISTANCE..).zip([
        s0.word(),
        s0.pos(),
        b0.word(),
        b0.pos(),
        join(s0.pos(), b0.pos()),
        join(s0.word(), b0.word()),
    ]) {
        out.push(feature(id, join(value, distance)));
    }

    for (id, (value, count)) in (t::VALENCY..).zip([
        (s0.word(), s0_right.count),
        (s0.pos(), s0_right.count),
        (s0.word(), s0_left.count),
        (s0.pos(), s0_left.count),
        (b0.word(), b0_left.count),
        (b0.pos(), b0_left.count),
    ]) {
        out.push(feature(id, join(value, u64::from(count.min(5)))));
    }

    for (id, (value, c)) in (t::CHILDREN..).zip([
        (s0.pos(), children[0]),
        (s0.pos(), children[2]),
        (b0.pos(), children[4]),
    ]) {
        out.push(feature(id, join(value, label_of(state, c))));
    }

    for (id, (value, labels)) in (t::LABEL_SETS..).zip([
        (s0.word(), s0_right.labels),
        (s0.pos(), s0_right.labels),
        (s0.word(), s0_left.labels),
        (s0.pos(), s0_left.labels),
        (b0.word(), b0_left.labels),
        (b0.pos(), b0_left.labels),
    ]) {
        out.push(feature(id, join(value, labels.wrapping_add(1))));
    }
}

/// Distance in bins: 1, 2, 3, 4, 5 to 9, 10 or more.
fn bucket(d: usize) -> u64 {
    match d {
        0..=4 => d as u64 + 3,
        5..=9 => 8,
        _ => 9,
    }
}
