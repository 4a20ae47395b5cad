//! Class labels of a model and the transitions allowed between them.
//!
//! Span tasks (chunks, entities) are learnt in the BILOU encoding (Begin,
//! Inside, Last, Unit, Outside), which separates the last token of a span from
//! its middle and single-token spans from longer ones; the decoder only takes
//! transitions that keep the sequence well formed.

/// The labels of one model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelSet {
    names: Vec<String>,
    spans: bool,
    /// `allowed[(prev + 1) * n + next]`, row 0 for the sentence start.
    allowed: Vec<bool>,
    may_end: Vec<bool>,
}

/// A labelled span of tokens: `[start, end)` and its kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelledSpan {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// The kind ("NP", "PER").
    pub kind: String,
}

impl LabelSet {
    /// Labels without structure (parts of speech).
    pub fn flat(names: Vec<String>) -> Self {
        Self::with_names(names, false)
    }

    fn with_names(names: Vec<String>, spans: bool) -> Self {
        let mut set = LabelSet {
            names,
            spans,
            allowed: Vec::new(),
            may_end: Vec::new(),
        };
        let n = set.names.len();
        set.allowed = (0..=n)
            .flat_map(|prev| (0..n).map(move |next| (prev, next)))
            .map(|(prev, next)| set.transition(prev.checked_sub(1).map(|p| p as u16), next as u16))
            .collect();
        set.may_end = (0..n)
            .map(|l| !set.spans || !matches!(set.prefix(l as u16), b'B' | b'I'))
            .collect();
        set
    }

    /// BILOU labels for spans of `kinds`: "O", then B-, I-, L-, U- of each kind.
    pub fn bilou<S: AsRef<str>>(kinds: &[S]) -> Self {
        let mut names = vec!["O".to_owned()];
        for kind in kinds {
            for prefix in ["B", "I", "L", "U"] {
                names.push(format!("{prefix}-{}", kind.as_ref()));
            }
        }
        Self::with_names(names, true)
    }

    /// The labels of a model file, BILOU when they look it.
    pub fn from_names(names: Vec<String>) -> Self {
        let spans = names.first().is_some_and(|n| n == "O")
            && names.iter().skip(1).all(|n| n.get(1..2) == Some("-"));
        Self::with_names(names, spans)
    }

    /// True for BILOU span labels.
    pub fn is_spans(&self) -> bool {
        self.spans
    }

    /// Label names by index.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Number of labels.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// True when there are no labels.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// The index of a label.
    pub fn index(&self, name: &str) -> Option<u16> {
        self.names.iter().position(|n| n == name).map(|i| i as u16)
    }

    fn prefix(&self, label: u16) -> u8 {
        self.names[label as usize].as_bytes()[0]
    }

    fn kind(&self, label: u16) -> &str {
        self.names[label as usize].get(2..).unwrap_or("")
    }

    /// Whether `next` may follow `prev` (`None`: the sentence start).
    #[inline]
    pub fn allowed(&self, prev: Option<u16>, next: u16) -> bool {
        let row = prev.map_or(0, |p| usize::from(p) + 1);
        self.allowed
            .get(row * self.names.len() + usize::from(next))
            .copied()
            .unwrap_or(false)
    }

    fn transition(&self, prev: Option<u16>, next: u16) -> bool {
        if !self.spans {
            return true;
        }
        let open = prev.is_some_and(|p| matches!(self.prefix(p), b'B' | b'I'));
        match self.prefix(next) {
            b'I' | b'L' => open && prev.is_some_and(|p| self.kind(p) == self.kind(next)),
            _ => !open,
        }
    }

    /// The label training should aim for at a token whose correct label is
    /// `gold`, when earlier guesses left `prev` (a dynamic oracle): `gold`
    /// itself where it may follow; otherwise the nearest well-formed label:
    /// B- or U- for an inside or last label with no span open, L- of the
    /// open span when `gold` cannot continue it. Without it, a gold label
    /// that cannot follow an earlier mistake is pushed up at every token
    /// while never winning, and the weights grow without bound.
    pub fn oracle(&self, prev: Option<u16>, gold: u16) -> u16 {
        if !self.spans || self.allowed(prev, gold) {
            return gold;
        }
        let open = prev.filter(|&p| matches!(self.prefix(p), b'B' | b'I'));
        let by_name = |prefix: char, kind: &str| self.index(&format!("{prefix}-{kind}"));
        let target = match open {
            Some(p) => by_name('L', self.kind(p)),
            None => match self.prefix(gold) {
                b'I' => by_name('B', self.kind(gold)),
                b'L' => by_name('U', self.kind(gold)),
                _ => None,
            },
        };
        target.unwrap_or(gold)
    }

    /// Whether a sentence may end on `label`.
    #[inline]
    pub fn may_end(&self, label: u16) -> bool {
        self.may_end
            .get(usize::from(label))
            .copied()
            .unwrap_or(false)
    }

    /// IOB2 tags ("B-NP", "I-NP", "O") as BILOU label indexes; tags of kinds
    /// this set does not know read as "O".
    pub fn encode_iob<S: AsRef<str>>(&self, tags: &[S]) -> Vec<u16> {
        let spans = iob_spans(tags);
        let mut labels = vec![0u16; tags.len()];
        for span in spans {
            let label = |prefix: &str| self.index(&format!("{prefix}-{}", span.kind));
            if span.end - span.start == 1 {
                labels[span.start] = label("U").unwrap_or(0);
                continue;
            }
            for (i, slot) in labels[span.start..span.end].iter_mut().enumerate() {
                let prefix = match i {
                    0 => "B",
                    _ if i + 1 == span.end - span.start => "L",
                    _ => "I",
                };
                *slot = label(prefix).unwrap_or(0);
            }
        }
        labels
    }

    /// The spans a BILOU label sequence encodes.
    pub fn decode_spans(&self, labels: &[u16]) -> Vec<LabelledSpan> {
        let mut spans = Vec::new();
        let mut open: Option<usize> = None;
        for (i, &label) in labels.iter().enumerate() {
            let kind = self.kind(label).to_owned();
            match self.prefix(label) {
                b'U' => spans.push(LabelledSpan {
                    start: i,
                    end: i + 1,
                    kind,
                }),
                b'B' => open = Some(i),
                b'L' => {
                    if let Some(start) = open.take() {
                        spans.push(LabelledSpan {
                            start,
                            end: i + 1,
                            kind,
                        });
                    }
                }
                b'I' => {}
                _ => open = None,
            }
        }
        spans
    }
}

/// The spans of IOB tags, as conlleval reads them: a span starts at `B-X`, or
/// at `I-X` after a tag of another kind or `O`, and runs while `I-X` follows.
pub fn iob_spans<S: AsRef<str>>(tags: &[S]) -> Vec<LabelledSpan> {
    let mut spans = Vec::new();
    let mut current: Option<LabelledSpan> = None;
    for (i, tag) in tags.iter().enumerate() {
        let tag = tag.as_ref();
        let (prefix, kind) = match tag.split_once('-') {
            Some((p, k)) => (p, k),
            None => ("O", ""),
        };
        let continues = prefix == "I" && current.as_ref().is_some_and(|c| c.kind == kind);
        if continues {
            if let Some(c) = current.as_mut() {
                c.end = i + 1;
            }
            continue;
        }
        spans.extend(current.take());
        if prefix == "B" || prefix == "I" {
            current = Some(LabelledSpan {
                start: i,
                end: i + 1,
                kind: kind.to_owned(),
            });
        }
    }
    spans.extend(current);
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bilou_round_trip() {
        let set = LabelSet::bilou(&["PER", "LOC"]);
        let tags = ["B-PER", "I-PER", "I-PER", "O", "B-LOC", "B-LOC", "I-LOC"];
        let labels = set.encode_iob(&tags);
        let names: Vec<&str> = labels
            .iter()
            .map(|&l| set.names()[l as usize].as_str())
            .collect();
        assert_eq!(
            names,
            ["B-PER", "I-PER", "L-PER", "O", "U-LOC", "B-LOC", "L-LOC"]
        );
        assert_eq!(set.decode_spans(&labels), iob_spans(&tags));
    }

    #[test]
    fn the_oracle_picks_the_nearest_well_formed_label() {
        let set = LabelSet::bilou(&["X", "Y"]);
        let l = |n: &str| set.index(n).unwrap();
        assert_eq!(set.oracle(Some(l("O")), l("I-X")), l("B-X"));
        assert_eq!(set.oracle(None, l("L-X")), l("U-X"));
        assert_eq!(set.oracle(Some(l("B-X")), l("O")), l("L-X"));
        assert_eq!(set.oracle(Some(l("I-Y")), l("I-X")), l("L-Y"));
        assert_eq!(set.oracle(Some(l("B-X")), l("I-X")), l("I-X"));
    }

    #[test]
    fn transitions_keep_spans_well_formed() {
        let set = LabelSet::bilou(&["PER", "LOC"]);
        let id = |n: &str| set.index(n).unwrap();
        assert!(set.allowed(None, id("B-PER")));
        assert!(!set.allowed(None, id("I-PER")));
        assert!(set.allowed(Some(id("B-PER")), id("L-PER")));
        assert!(!set.allowed(Some(id("B-PER")), id("L-LOC")));
        assert!(!set.allowed(Some(id("B-PER")), id("O")));
        assert!(set.allowed(Some(id("U-PER")), id("B-LOC")));
        assert!(!set.may_end(id("B-PER")));
        assert!(LabelSet::flat(vec!["NN".into()]).allowed(None, 0));
    }

    #[test]
    fn conlleval_span_reading() {
        let spans = iob_spans(&["I-NP", "I-NP", "B-NP", "I-VP", "O", "I-PP"]);
        let as_tuples: Vec<(usize, usize, &str)> = spans
            .iter()
            .map(|s| (s.start, s.end, s.kind.as_str()))
            .collect();
        assert_eq!(
            as_tuples,
            [(0, 2, "NP"), (2, 3, "NP"), (3, 4, "VP"), (5, 6, "PP")]
        );
    }
}
