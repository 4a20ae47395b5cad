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

/// A part-of-speech tag: the Penn Treebank tags with the English Web
/// Treebank's additions, named as the treebanks write them; punctuation tags
/// by what they mark. The discriminant is the index in [`POS_TAGS`].
#[allow(clippy::upper_case_acronyms)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[repr(u8)]
pub enum Pos {
    /// `_`: no tag yet.
    #[default]
    None = 0,
    /// `NN`.
    NN,
    /// `IN`.
    IN,
    /// `DT`.
    DT,
    /// `NNP`.
    NNP,
    /// `JJ`.
    JJ,
    /// `PRP`.
    PRP,
    /// `.`: sentence-final punctuation.
    Period,
    /// `RB`.
    RB,
    /// `,`: comma.
    Comma,
    /// `NNS`.
    NNS,
    /// `VB`.
    VB,
    /// `CC`.
    CC,
    /// `VBD`.
    VBD,
    /// `VBP`.
    VBP,
    /// `VBZ`.
    VBZ,
    /// `CD`.
    CD,
    /// `VBN`.
    VBN,
    /// `VBG`.
    VBG,
    /// `TO`.
    TO,
    /// `PRP$`: possessive pronoun.
    PRPS,
    /// `MD`.
    MD,
    /// `UH`.
    UH,
    /// `:`: colon, semicolon, dash.
    Colon,
    /// `WDT`.
    WDT,
    /// `-RRB-`: closing bracket.
    RightBracket,
    /// `-LRB-`: opening bracket.
    LeftBracket,
    /// `WRB`.
    WRB,
    /// ````: opening quotation mark.
    OpenQuote,
    /// `''`: closing quotation mark.
    CloseQuote,
    /// `RP`.
    RP,
    /// `HYPH`.
    HYPH,
    /// `WP`.
    WP,
    /// `POS`.
    POS,
    /// `NNPS`.
    NNPS,
    /// `JJR`.
    JJR,
    /// `JJS`.
    JJS,
    /// `EX`.
    EX,
    /// `RBR`.
    RBR,
    /// `SYM`.
    SYM,
    /// `FW`.
    FW,
    /// `NFP`.
    NFP,
    /// `$`: currency sign.
    Dollar,
    /// `PDT`.
    PDT,
    /// `GW`.
    GW,
    /// `ADD`.
    ADD,
    /// `RBS`.
    RBS,
    /// `LS`.
    LS,
    /// `AFX`.
    AFX,
    /// `WP$`: possessive wh-pronoun.
    WPS,
    /// `XX`.
    XX,
}

/// Every tag, in the order of [`POS_TAGS`].
const ALL_POS: [Pos; 51] = [
    Pos::None,
    Pos::NN,
    Pos::IN,
    Pos::DT,
    Pos::NNP,
    Pos::JJ,
    Pos::PRP,
    Pos::Period,
    Pos::RB,
    Pos::Comma,
    Pos::NNS,
    Pos::VB,
    Pos::CC,
    Pos::VBD,
    Pos::VBP,
    Pos::VBZ,
    Pos::CD,
    Pos::VBN,
    Pos::VBG,
    Pos::TO,
    Pos::PRPS,
    Pos::MD,
    Pos::UH,
    Pos::Colon,
    Pos::WDT,
    Pos::RightBracket,
    Pos::LeftBracket,
    Pos::WRB,
    Pos::OpenQuote,
    Pos::CloseQuote,
    Pos::RP,
    Pos::HYPH,
    Pos::WP,
    Pos::POS,
    Pos::NNPS,
    Pos::JJR,
    Pos::JJS,
    Pos::EX,
    Pos::RBR,
    Pos::SYM,
    Pos::FW,
    Pos::NFP,
    Pos::Dollar,
    Pos::PDT,
    Pos::GW,
    Pos::ADD,
    Pos::RBS,
    Pos::LS,
    Pos::AFX,
    Pos::WPS,
    Pos::XX,
];

impl Pos {
    /// No tag assigned.
    pub const NONE: Pos = Pos::None;

    /// The tag named `name`.
    pub fn from_name(name: &str) -> Option<Pos> {
        POS_TAGS.iter().position(|t| *t == name).map(|i| ALL_POS[i])
    }

    /// The tag at `index` of [`POS_TAGS`].
    pub fn from_index(index: usize) -> Option<Pos> {
        ALL_POS.get(index).copied()
    }

    /// Its index in [`POS_TAGS`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// The tag's name ("NNP").
    pub fn as_str(self) -> &'static str {
        POS_TAGS[self.index()]
    }

    /// Common or proper noun.
    pub fn is_noun(self) -> bool {
        matches!(self, Pos::NN | Pos::NNS | Pos::NNP | Pos::NNPS)
    }

    /// Proper noun.
    pub fn is_proper_noun(self) -> bool {
        matches!(self, Pos::NNP | Pos::NNPS)
    }

    /// Verb in any form (not modals).
    pub fn is_verb(self) -> bool {
        matches!(
            self,
            Pos::VB | Pos::VBD | Pos::VBG | Pos::VBN | Pos::VBP | Pos::VBZ
        )
    }

    /// Finite verb of the past or present ("said", "says", "say").
    pub fn is_finite_verb(self) -> bool {
        matches!(self, Pos::VBD | Pos::VBZ | Pos::VBP)
    }

    /// Adjective.
    pub fn is_adjective(self) -> bool {
        matches!(self, Pos::JJ | Pos::JJR | Pos::JJS)
    }

    /// Adverb.
    pub fn is_adverb(self) -> bool {
        matches!(self, Pos::RB | Pos::RBR | Pos::RBS)
    }

    /// Personal, possessive or wh- pronoun.
    pub fn is_pronoun(self) -> bool {
        matches!(self, Pos::PRP | Pos::PRPS | Pos::WP | Pos::WPS)
    }

    /// Personal or possessive pronoun (`PRP`, `PRP$`).
    pub fn is_personal_pronoun(self) -> bool {
        matches!(self, Pos::PRP | Pos::PRPS)
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

/// The noun phrase kind of [`CHUNK_KINDS`].
pub const NOUN_PHRASE: u8 = 0;
/// The verb phrase kind of [`CHUNK_KINDS`].
pub const VERB_PHRASE: u8 = 1;
/// The prepositional phrase kind of [`CHUNK_KINDS`].
pub const PREPOSITIONAL_PHRASE: u8 = 2;

/// Entity kinds of the recogniser: CoNLL-2003's four, and NORP for
/// nationalities and religious or political groups ("Afghan", "Muslim"),
/// which CoNLL counts as MISC.
pub const ENTITY_KINDS: [&str; 5] = ["PER", "ORG", "LOC", "MISC", "NORP"];

/// Universal Dependencies relations of the parser, with the English
/// treebanks' subtypes (`nsubj:pass`, `acl:relcl`), in name order.
pub const DEPRELS: [&str; 51] = [
    "acl",
    "acl:relcl",
    "advcl",
    "advcl:relcl",
    "advmod",
    "amod",
    "appos",
    "aux",
    "aux:pass",
    "case",
    "cc",
    "cc:preconj",
    "ccomp",
    "compound",
    "compound:prt",
    "conj",
    "cop",
    "csubj",
    "csubj:outer",
    "csubj:pass",
    "dep",
    "det",
    "det:predet",
    "discourse",
    "dislocated",
    "expl",
    "fixed",
    "flat",
    "goeswith",
    "iobj",
    "list",
    "mark",
    "nmod",
    "nmod:desc",
    "nmod:poss",
    "nmod:unmarked",
    "nsubj",
    "nsubj:outer",
    "nsubj:pass",
    "nummod",
    "obj",
    "obl",
    "obl:agent",
    "obl:unmarked",
    "orphan",
    "parataxis",
    "punct",
    "reparandum",
    "root",
    "vocative",
    "xcomp",
];

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
        for (index, name) in POS_TAGS.iter().enumerate() {
            assert_eq!(Pos::from_name(name).unwrap().as_str(), *name);
            assert_eq!(Pos::from_index(index).unwrap().index(), index);
        }
        assert!(Pos::from_name("NNP").unwrap().is_proper_noun());
        assert!(Pos::from_name("VBD").unwrap().is_verb());
        assert_eq!(Pos::from_name("XYZ"), None);
    }

    #[test]
    fn phrase_kinds_name_their_chunks() {
        assert_eq!(CHUNK_KINDS[NOUN_PHRASE as usize], "NP");
        assert_eq!(CHUNK_KINDS[VERB_PHRASE as usize], "VP");
        assert_eq!(CHUNK_KINDS[PREPOSITIONAL_PHRASE as usize], "PP");
    }

    #[test]
    fn iob_strings() {
        assert_eq!(Iob::Begin(0).to_string_with(&CHUNK_KINDS), "B-NP");
        assert_eq!(Iob::Inside(1).to_string_with(&ENTITY_KINDS), "I-ORG");
        assert_eq!(Iob::Outside.to_string_with(&ENTITY_KINDS), "O");
    }
}
