//! The arc-hybrid transition system and its dynamic oracle.
//!
//! A configuration is a stack, whose bottom is the root (word 0), and a
//! buffer of the words not yet read (words are numbered from 1). SHIFT moves
//! the buffer's first word onto the stack; LEFT(l) makes the stack's top a
//! dependent of the buffer's first word and pops it; RIGHT(l) makes the top a
//! dependent of the word below it and pops it. The root takes a dependent
//! only as the last transition, so every sentence gets one tree with one
//! root. Every sequence of transitions from the start ends in a tree, so a
//! parse never fails, and it takes exactly 2n transitions for n words.
//!
//! The system is arc-decomposable: the cost of a transition (the gold arcs it
//! makes unreachable) is counted arc by arc, which gives an exact dynamic
//! oracle (Goldberg and Nivre 2013): training can follow the model's own
//! mistakes and still learn the best next step from each configuration.

/// No head yet.
pub const NONE: usize = usize::MAX;

/// A transition: SHIFT, or an arc with a label (an index into the model's
/// labels).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transition {
    /// Read the next word onto the stack.
    Shift,
    /// The stack's top depends on the buffer's first word.
    Left(u8),
    /// The stack's top depends on the word below it.
    Right(u8),
}

impl Transition {
    /// The class of the transition among `1 + 2 * labels` classes.
    pub fn class(self, labels: usize) -> usize {
        match self {
            Transition::Shift => 0,
            Transition::Left(l) => 1 + usize::from(l),
            Transition::Right(l) => 1 + labels + usize::from(l),
        }
    }

    /// The transition of a class.
    pub fn of_class(class: usize, labels: usize) -> Transition {
        match class {
            0 => Transition::Shift,
            c if c <= labels => Transition::Left((c - 1) as u8),
            c => Transition::Right((c - 1 - labels) as u8),
        }
    }
}

/// Up to two children on one side of a word, nearest to the edge first.
#[derive(Debug, Clone, Copy, Default)]
pub struct Children {
    /// The outermost child and the one inside it (`NONE` where absent).
    pub outer: [usize; 2],
    /// How many children on this side.
    pub count: u16,
    /// The labels of the children on this side, one bit each (labels < 64).
    pub labels: u64,
}

impl Children {
    fn add(&mut self, child: usize, label: u8) {
        if self.count == 0 {
            self.outer = [child, NONE];
        } else {
            self.outer = [child, self.outer[0]];
        }
        self.count = self.count.saturating_add(1);
        self.labels |= 1u64 << (label % 64);
    }
}

/// A configuration of the parser over a sentence of `n` words.
#[derive(Debug, Clone)]
pub struct State {
    /// Word numbers, the root (0) at the bottom.
    pub stack: Vec<usize>,
    /// The buffer's first word (`n + 1` once it is empty).
    pub next: usize,
    /// Number of words.
    pub n: usize,
    /// Each word's head (`NONE` while it has none); index 0 is the root.
    pub heads: Vec<usize>,
    /// Each word's label.
    pub labels: Vec<u8>,
    /// Each word's left children (added right to left).
    pub left: Vec<Children>,
    /// Each word's right children (added left to right).
    pub right: Vec<Children>,
}

impl State {
    /// The start: the root on the stack, every word in the buffer.
    pub fn new(n: usize) -> Self {
        let mut state = State {
            stack: Vec::with_capacity(n + 1),
            next: 1,
            n,
            heads: Vec::new(),
            labels: Vec::new(),
            left: Vec::new(),
            right: Vec::new(),
        };
        state.reset(n);
        state
    }

    /// Start again over a sentence of `n` words, keeping the allocations.
    pub fn reset(&mut self, n: usize) {
        self.stack.clear();
        self.stack.push(0);
        self.next = 1;
        self.n = n;
        self.heads.clear();
        self.heads.resize(n + 1, NONE);
        self.labels.clear();
        self.labels.resize(n + 1, 0);
        self.left.clear();
        self.left.resize(n + 1, Children::default());
        self.right.clear();
        self.right.resize(n + 1, Children::default());
    }

    /// Whether the parse is complete.
    pub fn is_final(&self) -> bool {
        self.next > self.n && self.stack.len() == 1
    }

    /// The stack's `k`-th element from the top, if any.
    pub fn stack_at(&self, k: usize) -> Option<usize> {
        self.stack.len().checked_sub(k + 1).map(|i| self.stack[i])
    }

    /// The buffer's `k`-th word, if any.
    pub fn buffer_at(&self, k: usize) -> Option<usize> {
        let i = self.next + k;
        (i <= self.n).then_some(i)
    }

    /// Whether SHIFT, LEFT and RIGHT may be taken now.
    pub fn allowed(&self) -> [bool; 3] {
        let buffer = self.next <= self.n;
        let depth = self.stack.len();
        let right = depth >= 2 && (self.stack[depth - 2] != 0 || (!buffer && depth == 2));
        [buffer, buffer && depth >= 2, right]
    }

    /// Whether `t` may be taken now.
    pub fn can(&self, t: Transition) -> bool {
        let [shift, left, right] = self.allowed();
        match t {
            Transition::Shift => shift,
            Transition::Left(_) => left,
            Transition::Right(_) => right,
        }
    }

    /// Take `t`, which must be allowed.
    pub fn apply(&mut self, t: Transition) {
        match t {
            Transition::Shift => {
                self.stack.push(self.next);
                self.next += 1;
            }
            Transition::Left(label) => {
                let child = self.stack.pop().unwrap_or(0);
                self.attach(child, self.next, label);
            }
            Transition::Right(label) => {
                let child = self.stack.pop().unwrap_or(0);
                let head = self.stack.last().copied().unwrap_or(0);
                self.attach(child, head, label);
            }
        }
    }

    fn attach(&mut self, child: usize, head: usize, label: u8) {
        self.heads[child] = head;
        self.labels[child] = label;
        if child < head {
            self.left[head].add(child, label);
        } else {
            self.right[head].add(child, label);
        }
    }
}

/// The gold tree of a training sentence: each word's head (0 for the root)
/// and label, index 0 unused.
pub struct Gold<'a> {
    /// Heads, index 0 unused.
    pub heads: &'a [usize],
    /// Labels, index 0 unused.
    pub labels: &'a [u8],
}

/// The cost of each kind of transition in `state`: the gold arcs SHIFT, LEFT
/// and RIGHT make unreachable, not counting labels; and the gold label of the
/// arc LEFT and RIGHT would make, where that arc is gold.
pub fn costs(state: &State, gold: &Gold) -> ([usize; 3], [Option<u8>; 2]) {
    let top = state.stack_at(0);
    let below = state.stack_at(1);
    let buffer = state.next..=state.n;
    let in_buffer = |w: usize| buffer.contains(&w);
    let mut shift = 0;
    if let Some(b) = state.buffer_at(0) {
        // The word shifted can no longer take a head deeper than the top,
        // nor a dependent anywhere on the stack.
        let depth = state.stack.len();
        shift += state.stack[..depth - 1]
            .iter()
            .filter(|&&k| gold.heads[b] == k)
            .count();
        shift += state
            .stack
            .iter()
            .filter(|&&d| d != 0 && gold.heads[d] == b)
            .count();
    }
    let (mut left, mut right) = (0, 0);
    let (mut left_label, mut right_label) = (None, None);
    if let Some(s0) = top.filter(|&s| s != 0) {
        let head = gold.heads[s0];
        // The top's dependents still in the buffer are lost either way.
        let lost_children = (state.next..=state.n)
            .filter(|&d| gold.heads[d] == s0)
            .count();
        let next = state.next;
        left += lost_children;
        right += lost_children;
        if head == next {
            left_label = Some(gold.labels[s0]);
        } else if Some(head) == below || (in_buffer(head) && head != next) {
            left += 1;
        }
        if Some(head) == below {
            right_label = Some(gold.labels[s0]);
        } else if in_buffer(head) {
            right += 1;
        }
    }
    ([shift, left, right], [left_label, right_label])
}

/// The cost of transition `t` in `state`, labels counted.
pub fn cost(t: Transition, base: &([usize; 3], [Option<u8>; 2])) -> usize {
    let ([shift, left, right], [left_label, right_label]) = *base;
    let label_cost = |gold: Option<u8>, l: u8| usize::from(gold.is_some_and(|g| g != l));
    match t {
        Transition::Shift => shift,
        Transition::Left(l) => left + label_cost(left_label, l),
        Transition::Right(l) => right + label_cost(right_label, l),
    }
}

/// Make a tree (heads from index 1, 0 for the root) projective by lifting
/// each arc that crosses another to the head's head until none does; the
/// lifted words keep their labels. Arcs from the root are never lifted: an
/// arc crossing one is lifted instead. Returns how many arcs were lifted.
pub fn projectivise(heads: &mut [usize]) -> usize {
    let mut lifted = 0;
    // Each lift moves a word's head up the tree towards the root, which no
    // arc can cross, so this ends; the bound only guards a malformed tree.
    while let Some(d) = shortest_crossing(heads) {
        heads[d] = heads[heads[d]];
        lifted += 1;
        if lifted > heads.len() * heads.len() {
            break;
        }
    }
    lifted
}

/// The word whose arc crosses another arc and can be lifted, the shortest
/// such.
fn shortest_crossing(heads: &[usize]) -> Option<usize> {
    let n = heads.len();
    let span = |d: usize| (d.min(heads[d]), d.max(heads[d]));
    let mut found: Option<(usize, usize)> = None;
    // A word is lifted to its head's head, which must be a word: lifting a
    // root's child's dependent to the root would give the tree two roots.
    let liftable = |d: usize| heads[d] != 0 && heads[d] < n && heads[heads[d]] != 0;
    for d in (1..n).filter(|&d| liftable(d)) {
        let (a, b) = span(d);
        let crosses = (1..n).filter(|&e| heads[e] < n).any(|e| {
            let (c, f) = span(e);
            (a < c && c < b && b < f) || (c < a && a < f && f < b)
        });
        if crosses && found.is_none_or(|(_, len)| b - a < len) {
            found = Some((d, b - a));
        }
    }
    found.map(|(d, _)| d)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// "She saw him": 1 <- 2 -> 3, 2 the root.
    fn gold() -> (Vec<usize>, Vec<u8>) {
        (vec![NONE, 2, 0, 2], vec![0, 1, 2, 3])
    }

    #[test]
    fn the_oracle_path_builds_the_gold_tree() {
        let (heads, labels) = gold();
        let gold = Gold {
            heads: &heads,
            labels: &labels,
        };
        let mut state = State::new(3);
        let mut steps = 0;
        while !state.is_final() {
            let base = costs(&state, &gold);
            let t = [
                Transition::Shift,
                Transition::Left(base.1[0].unwrap_or(0)),
                Transition::Right(base.1[1].unwrap_or(0)),
            ]
            .into_iter()
            .filter(|&t| state.can(t))
            .min_by_key(|&t| cost(t, &base))
            .unwrap();
            assert_eq!(cost(t, &base), 0, "a zero-cost transition exists");
            state.apply(t);
            steps += 1;
        }
        assert_eq!(steps, 6);
        assert_eq!(&state.heads[1..], &heads[1..]);
        assert_eq!(&state.labels[1..], &labels[1..]);
    }

    #[test]
    fn any_allowed_path_ends_in_one_tree() {
        for n in [1usize, 2, 5, 9] {
            for pick in 0..3 {
                let mut state = State::new(n);
                let mut steps = 0;
                while !state.is_final() {
                    let allowed = state.allowed();
                    let choice = (0..3)
                        .cycle()
                        .skip(pick + steps)
                        .find(|&k| allowed[k])
                        .unwrap();
                    state.apply(
                        [Transition::Shift, Transition::Left(0), Transition::Right(0)][choice],
                    );
                    steps += 1;
                }
                assert_eq!(steps, 2 * n);
                let roots = (1..=n).filter(|&w| state.heads[w] == 0).count();
                assert_eq!(roots, 1);
                assert!((1..=n).all(|w| state.heads[w] <= n));
            }
        }
    }

    #[test]
    fn crossing_arcs_are_lifted() {
        // 3 <- 1 and 4 <- 2 cross (3 the root, 4 <- 3): 2 goes up to 3.
        let mut heads = vec![0, 3, 4, 0, 3];
        assert_eq!(projectivise(&mut heads), 1);
        assert_eq!(heads, [0, 3, 3, 0, 3]);
        assert!(shortest_crossing(&heads).is_none());
    }
}
