//! Matching a pattern against a sentence's words and chunks.

use super::*;

pub(super) fn lower(word: &str) -> std::borrow::Cow<'_, str> {
    if word.chars().any(char::is_uppercase) {
        std::borrow::Cow::Owned(word.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(word)
    }
}

/// Tokens that end a clause for matching.
pub(super) fn is_boundary(word: &str) -> bool {
    matches!(word, ";" | ":" | "--" | "—" | "–" | "." | "!" | "?")
}

pub(super) fn merge_ranges(mut ranges: Vec<(usize, usize)>) -> Vec<Range<usize>> {
    ranges.sort_unstable();
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for (start, end) in ranges {
        match merged.last_mut() {
            Some(last) if start <= last.end => last.end = last.end.max(end),
            _ => merged.push(start..end),
        }
    }
    merged
}

// ---------------------------------------------------------------- matching

/// What a pattern bound while matching.
#[derive(Debug, Default)]
pub(super) struct State {
    pub(super) source: Option<(usize, usize)>,
    pub(super) target: Option<(usize, usize)>,
    pub(super) evidence: Vec<(usize, usize)>,
}

pub(super) type Checkpoint = (Option<(usize, usize)>, Option<(usize, usize)>, usize);

impl State {
    pub(super) fn checkpoint(&self) -> Checkpoint {
        (self.source, self.target, self.evidence.len())
    }

    pub(super) fn restore(&mut self, (source, target, len): Checkpoint) {
        self.source = source;
        self.target = target;
        self.evidence.truncate(len);
    }
}

/// How far apart consecutive elements may be.
#[derive(Debug, Clone, Copy)]
pub(super) enum Gap {
    /// Up to `MAX_GAP` words between them.
    Bounded,
    /// Anywhere before the limit (inside a phrase).
    Free,
    /// Adjacent.
    Glued,
}

/// One alternative of an element at a position.
pub(super) enum Step {
    /// It matches, ending at this token.
    Hit(usize),
    /// This alternative does not match; try the next.
    Miss,
    /// No more alternatives.
    End,
}

pub(super) struct Matcher<'m> {
    pub(super) dict: &'m VerbDictionary,
    pub(super) clause: &'m Clause<'m>,
    /// Symbols of the words from `lo` on.
    pub(super) syms: Vec<Option<Sym>>,
    pub(super) lo: usize,
    pub(super) steps: u32,
    /// Where the verb of the pattern being matched starts.
    pub(super) verb: usize,
}

impl Matcher<'_> {
    pub(super) fn sym(&self, k: usize) -> Option<Sym> {
        k.checked_sub(self.lo)
            .and_then(|i| self.syms.get(i).copied().flatten())
    }

    pub(super) fn pattern(
        &mut self,
        pattern: &Pattern,
        at: &Range<usize>,
        hi: usize,
    ) -> Option<State> {
        self.steps = 0;
        self.verb = at.start;
        let mut state = State::default();
        if !pattern.after.is_empty() {
            let glued = pattern.after[0].glued;
            self.forward(
                &pattern.after,
                0,
                at.end,
                hi,
                Gap::Bounded,
                glued,
                &mut state,
                0,
            )?;
        }
        if !pattern.before.is_empty()
            && !self.backward(
                &pattern.before,
                pattern.before.len(),
                at.start,
                pattern.verb_glued,
                &mut state,
            )
        {
            return None;
        }
        Some(state)
    }

    /// Match `items[i..]` from `pos` on, ending at or before `hi`; the first
    /// of them is adjacent to `pos` when `first_glued`. Returns where the last
    /// ends.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn forward(
        &mut self,
        items: &[Item],
        i: usize,
        pos: usize,
        hi: usize,
        gap: Gap,
        first_glued: bool,
        state: &mut State,
        depth: usize,
    ) -> Option<usize> {
        let Some(item) = items.get(i) else {
            return Some(pos);
        };
        self.steps += 1;
        if self.steps > STEP_BUDGET || pos >= hi {
            return None;
        }
        let glued = if i == 0 {
            first_glued
        } else {
            item.glued || matches!(gap, Gap::Glued)
        };
        let last = match (glued, gap) {
            (true, _) | (_, Gap::Glued) => pos,
            (false, Gap::Bounded) => (pos + MAX_GAP).min(hi - 1),
            (false, Gap::Free) => hi - 1,
        };
        for s in pos..=last {
            for alt in 0.. {
                let checkpoint = state.checkpoint();
                match self.element(&item.node, s, hi, alt, state, depth) {
                    Step::End => {
                        state.restore(checkpoint);
                        break;
                    }
                    Step::Miss => state.restore(checkpoint),
                    Step::Hit(end) => {
                        if let Some(done) =
                            self.forward(items, i + 1, end, hi, gap, false, state, depth)
                        {
                            return Some(done);
                        }
                        state.restore(checkpoint);
                    }
                }
            }
        }
        None
    }

    /// Match `items[..count]` before `pos`, nearest first: the last of them
    /// ends at most `MAX_GAP` words before `pos` (right at it when
    /// `last_glued`).
    pub(super) fn backward(
        &mut self,
        items: &[Item],
        count: usize,
        pos: usize,
        last_glued: bool,
        state: &mut State,
    ) -> bool {
        let Some(index) = count.checked_sub(1) else {
            return true;
        };
        self.steps += 1;
        if self.steps > STEP_BUDGET {
            return false;
        }
        let item = &items[index];
        let glued = match items.get(index + 1) {
            Some(next) => next.glued,
            None => last_glued,
        };
        for s in (self.lo..pos).rev() {
            for alt in 0.. {
                let checkpoint = state.checkpoint();
                match self.element(&item.node, s, pos, alt, state, 0) {
                    Step::End => {
                        state.restore(checkpoint);
                        break;
                    }
                    Step::Miss => state.restore(checkpoint),
                    Step::Hit(end) => {
                        let near = if glued {
                            end == pos
                        } else {
                            pos - end <= MAX_GAP
                        };
                        if near && self.backward(items, index, s, false, state) {
                            return true;
                        }
                        state.restore(checkpoint);
                    }
                }
            }
        }
        false
    }

    /// Alternative `alt` of `node` starting at token `s`, ending at or before `limit`.
    pub(super) fn element(
        &mut self,
        node: &Node,
        s: usize,
        limit: usize,
        alt: usize,
        state: &mut State,
        depth: usize,
    ) -> Step {
        match node {
            Node::Word(w) => {
                if alt > 0 {
                    Step::End
                } else if s < limit && self.sym(s) == Some(*w) {
                    state.evidence.push((s, s + 1));
                    Step::Hit(s + 1)
                } else {
                    Step::Miss
                }
            }
            Node::Set(id) => self.set(*id, s, limit, alt, state, depth),
            Node::Source | Node::Target | Node::Skip | Node::Compound => {
                if alt > 0 {
                    return Step::End;
                }
                let Some(range) = self.phrase_at(s, limit, state) else {
                    return Step::Miss;
                };
                match node {
                    Node::Source => state.source = Some(range),
                    Node::Target => state.target = Some(range),
                    // Before the verb the compound acts ("Gondor and Osgiliath
                    // have postponed"), after it it is acted on ("agrees with
                    // the Philippines and France").
                    Node::Compound if self.joins_several(range) && range.0 < self.verb => {
                        state.source = Some(range)
                    }
                    Node::Compound if self.joins_several(range) => state.target = Some(range),
                    Node::Compound => return Step::Miss,
                    _ => {}
                }
                Step::Hit(range.1)
            }
            Node::Group(items) => {
                if alt > 0 {
                    return Step::End;
                }
                let found = match self.noun_phrase_containing(s) {
                    Some(np) => {
                        let hi = np.end.min(limit);
                        self.forward(items, 0, s, hi, Gap::Free, true, state, depth)
                    }
                    None => self.forward(items, 0, s, limit, Gap::Glued, true, state, depth),
                };
                found.map_or(Step::Miss, Step::Hit)
            }
            Node::Prep {
                prep,
                inner,
                literal,
            } => match alt {
                0 => {
                    let Some(np) = self.prepositional_at(s) else {
                        return Step::Miss;
                    };
                    if np.end > limit {
                        return Step::Miss;
                    }
                    let Some(after) = self.single(&prep.node, s, np.start.max(s + 1), state, depth)
                    else {
                        return Step::Miss;
                    };
                    if inner.is_empty() {
                        return Step::Hit(np.end.max(after));
                    }
                    let from = np.start.max(after);
                    self.forward(inner, 0, from, np.end, Gap::Free, false, state, depth)
                        .map_or(Step::Miss, Step::Hit)
                }
                1 if *literal => {
                    let Some(after) = self.single(&prep.node, s, limit, state, depth) else {
                        return Step::Miss;
                    };
                    self.forward(inner, 0, after, limit, Gap::Glued, true, state, depth)
                        .map_or(Step::Miss, Step::Hit)
                }
                _ => Step::End,
            },
            Node::Verb => Step::End,
        }
    }

    /// The first alternative of `node` at `s` that matches; where it ends.
    pub(super) fn single(
        &mut self,
        node: &Node,
        s: usize,
        limit: usize,
        state: &mut State,
        depth: usize,
    ) -> Option<usize> {
        for alt in 0.. {
            let checkpoint = state.checkpoint();
            match self.element(node, s, limit, alt, state, depth) {
                Step::Hit(end) => return Some(end),
                Step::Miss => state.restore(checkpoint),
                Step::End => {
                    state.restore(checkpoint);
                    return None;
                }
            }
        }
        None
    }

    pub(super) fn set(
        &mut self,
        id: u32,
        s: usize,
        limit: usize,
        alt: usize,
        state: &mut State,
        depth: usize,
    ) -> Step {
        let dict = self.dict;
        let Some(set) = dict.sets.get(id as usize) else {
            return Step::End;
        };
        if depth >= MAX_SET_DEPTH {
            return Step::End;
        }
        let first = match self.sym(s) {
            Some(sym) => {
                let from = set.by_first.partition_point(|&(w, _)| w < sym);
                let to = set.by_first.partition_point(|&(w, _)| w <= sym);
                &set.by_first[from..to]
            }
            None => &[],
        };
        let member = if alt < first.len() {
            first[alt].1
        } else {
            match set.other.get(alt - first.len()) {
                Some(&member) => member,
                None => return Step::End,
            }
        };
        let items = &set.members[member as usize];
        self.forward(items, 0, s, limit, Gap::Glued, true, state, depth + 1)
            .map_or(Step::Miss, Step::Hit)
    }

    /// The noun phrase starting at `s`, ending at or before `limit`; or the
    /// rest of one when the element just matched ended at `s` inside it
    /// (`ATTACK ON +` with "attack on the capital" chunked as one phrase).
    pub(super) fn phrase_at(
        &self,
        s: usize,
        limit: usize,
        state: &State,
    ) -> Option<(usize, usize)> {
        let np = self.noun_phrase_containing(s)?;
        let partial = state.evidence.last().is_some_and(|&(_, end)| end == s);
        (np.end <= limit && (np.start == s || partial)).then_some((s, np.end))
    }

    /// Whether the words `range` covers join several things ("Gondor and
    /// Osgiliath").
    pub(super) fn joins_several(&self, (start, end): (usize, usize)) -> bool {
        let words = self.clause.words;
        let joiner = |w: &&str| matches!(*w, "and" | "&");
        // The phrase holds the conjunction, or is the last or first of a
        // coordination the chunker split ("the Philippines | and | France").
        words[start..end.min(words.len())].iter().any(joiner)
            || start
                .checked_sub(1)
                .and_then(|k| words.get(k))
                .is_some_and(joiner)
            || words.get(end).is_some_and(joiner)
    }

    pub(super) fn noun_phrase_containing(&self, s: usize) -> Option<Range<usize>> {
        let nps = self.clause.noun_phrases;
        let i = nps.partition_point(|np| np.end <= s);
        nps.get(i).filter(|np| np.start <= s && s < np.end).cloned()
    }

    pub(super) fn prepositional_at(&self, s: usize) -> Option<Range<usize>> {
        let pps = self.clause.prepositional;
        let i = pps.partition_point(|(p, _)| *p < s);
        pps.get(i)
            .filter(|(p, _)| *p == s)
            .map(|(_, np)| np.clone())
    }
}
