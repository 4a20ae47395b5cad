//! The tag sets: Penn Treebank parts of speech (with the English Web
//! Treebank's additions), phrase chunks and entity kinds, as compact ids.

use std::fmt;

/// Penn Treebank part-of-speech tags, with the English Web Treebank's
/// additions (ADD, AFX, GW, HYPH, NFP). Index 0 is "no tag yet".
pub const POS_TAGS: [&str; 51] = [
    "_", "NN", "IN", "DT", "NNP", "JJ", "PRP", ".", "RB", ",", "NNS", "VB", "CC", "VBD", "VBP",
    "VBZ", "CD", "VBN", "VBG", "TO", "PRP$", "MD", "UH", ":", "WDT", "-RRB-", "-LRB-", "WRB", "``",
    "''", "RP", "HYPH", "WP", "POS", "NNPS", "JJR", "JJS", "EX", "RBR", "SYM", "FW", "NFP", "$",
    "PDT", "GW", "ADD", "RBS", "LS", "AFX", "WP$", "XX",
];

/// A part-of-speech tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Pos(pub u8);

impl Pos {
    /// No tag assigned.
    pub const NONE: Pos = Pos(0);

    /// The tag named `name`.
    pub fn from_name(name: &str) -> Option<Pos> {
        POS_TAGS
            .iter()
            .position(|t| *t == name)
            .map(|i| Pos(i as u8))
    }

    /// The tag's name ("NNP").
    pub fn as_str(self) -> &'static str {
        POS_TAGS.get(self.0 as usize).copied().unwrap_or("_")
    }

    /// Common or proper noun.
    pub fn is_noun(self) -> bool {
        self.as_str().starts_with("NN")
    }

    /// Proper noun.
    pub fn is_proper_noun(self) -> bool {
        matches!(self.as_str(), "NNP" | "NNPS")
    }

    /// Verb in any form (not modals).
    pub fn is_verb(self) -> bool {
        self.as_str().starts_with("VB")
    }

    /// Adjective.
    pub fn is_adjective(self) -> bool {
        self.as_str().starts_with("JJ")
    }

    /// Personal or possessive pronoun.
    pub fn is_pronoun(self) -> bool {
        matches!(self.as_str(), "PRP" | "PRP$" | "WP" | "WP$")
    }
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Phrase types of the chunker (CoNLL-2000).
pub const CHUNK_KINDS: [&str; 11] = [
    "NP", "VP", "PP", "ADVP", "ADJP", "SBAR", "PRT", "CONJP", "INTJ", "LST", "UCP",
];

/// Entity kinds of the recogniser: CoNLL-2003's four, and NORP for
/// nationalities and religious or political groups ("Afghan", "Muslim"),
/// which CoNLL counts as MISC.
pub const ENTITY_KINDS: [&str; 5] = ["PER", "ORG", "LOC", "MISC", "NORP"];

/// A token's place in a typed span, in IOB2: outside, beginning or inside a
/// span of kind `k` (an index into [`CHUNK_KINDS`] or [`ENTITY_KINDS`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Iob {
    /// Not in a span.
    #[default]
    Outside,
    /// First token of a span.
    Begin(u8),
    /// Later token of a span.
    Inside(u8),
}

impl Iob {
    /// The kind of span the token is in.
    pub fn kind(self) -> Option<u8> {
        match self {
            Iob::Outside => None,
            Iob::Begin(k) | Iob::Inside(k) => Some(k),
        }
    }

    /// Written as "B-NP", "I-PER" or "O", with kinds from `kinds`.
    pub fn to_string_with(self, kinds: &[&str]) -> String {
        match self {
            Iob::Outside => "O".into(),
            Iob::Begin(k) => format!("B-{}", kinds.get(k as usize).unwrap_or(&"?")),
            Iob::Inside(k) => format!("I-{}", kinds.get(k as usize).unwrap_or(&"?")),
        }
    }
}

/// The index of `kind` in `kinds`.
pub fn kind_index(kinds: &[&str], kind: &str) -> Option<u8> {
    kinds.iter().position(|k| *k == kind).map(|i| i as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pos_names_round_trip() {
        for name in POS_TAGS.iter().skip(1) {
            assert_eq!(Pos::from_name(name).unwrap().as_str(), *name);
        }
        assert!(Pos::from_name("NNP").unwrap().is_proper_noun());
        assert!(Pos::from_name("VBD").unwrap().is_verb());
        assert_eq!(Pos::from_name("XYZ"), None);
    }

    #[test]
    fn iob_strings() {
        assert_eq!(Iob::Begin(0).to_string_with(&CHUNK_KINDS), "B-NP");
        assert_eq!(Iob::Inside(1).to_string_with(&ENTITY_KINDS), "I-ORG");
        assert_eq!(Iob::Outside.to_string_with(&ENTITY_KINDS), "O");
    }
}
