//! What the taggers see of a sentence: for every token, the hashes of its
//! word-level properties, computed once and shared by every template (a
//! token's suffix is a feature of its own and of its neighbours).

use super::clusters::Clusters;
use super::gazetteer::Gazetteer;
use super::hash::{hash_str, join};
use super::vocabulary::Vocabulary;

/// Word-level properties of one token, as hashes (0 where a property is absent).
#[derive(Debug, Clone, Copy)]
pub struct TokenView {
    /// The form as written.
    pub word: u64,
    /// Lowercased, digits as 0, quotes and dashes unified.
    pub norm: u64,
    /// Shape: X for capitals, x for small letters, d for digits, runs capped at four.
    pub shape: u64,
    /// Shape with runs collapsed ("Xx", "d.d").
    pub short_shape: u64,
    /// First one, two and three characters of `norm`.
    pub prefixes: [u64; 3],
    /// Last one to four characters of `norm`.
    pub suffixes: [u64; 4],
    /// Word-cluster ids at three granularities.
    pub clusters: [u64; 3],
    /// Part-of-speech tag, when the tagger that reads this view has one.
    pub pos: u64,
    /// Gazetteer matches: bit `2 k` begins and bit `2 k + 1` continues a match of list `k`.
    pub gazetteer: u32,
    /// What the rest of the document says about the same word ([`document`](crate::tag::document) bits).
    pub doc: u16,
    /// [`flags`] bits.
    pub flags: u16,
    /// Index of the word in the tagger's [`Vocabulary`], or [`NOT_IN_VOCABULARY`].
    pub vocab: u32,
    /// Attribution features, set by the quotes stage: chunk tag, entity tag,
    /// cue class, quotation state and distance to the nearest cue.
    pub attribution: AttributionFeatures,
}

/// What the attribution tagger knows of a token beyond its word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AttributionFeatures {
    /// Chunk tag (IOB) as an index.
    pub chunk: u16,
    /// Entity tag (IOB) as an index.
    pub entity: u16,
    /// Cue class + 1, or 0.
    pub cue: u8,
    /// 0 outside quotations, 1 an opening mark, 2 a closing mark, 3 inside.
    pub quote: u8,
    /// Signed distance to the nearest cue in the sentence, clamped to ±8; 99 for none.
    pub cue_distance: i8,
    /// The span kind the first pass gave the token (0: none, else 1 + kind).
    pub first: u8,
    /// Signed distance to the cue whose attribution the second pass labels
    /// (0 inside it); [`NO_ANCHOR`] in the first pass.
    pub anchor: i16,
    /// Tokens since the start of the sentence (clamped to 255).
    pub from_sentence_start: u8,
    /// Tokens to the end of the sentence, this one included (clamped to 255).
    pub to_sentence_end: u8,
    /// The sentence's number in the paragraph.
    pub sentence: u16,
    /// First-pass cues, other than the anchoring one, that start at or
    /// before the token (second pass).
    pub cues_before: u16,
}

/// [`AttributionFeatures::anchor`] when no cue anchors the pass.
pub const NO_ANCHOR: i16 = i16::MAX;

impl AttributionFeatures {
    /// A token with no attribution features (no cue anchors it).
    pub const NONE: AttributionFeatures = AttributionFeatures {
        chunk: 0,
        entity: 0,
        cue: 0,
        quote: 0,
        cue_distance: 0,
        first: 0,
        anchor: NO_ANCHOR,
        from_sentence_start: 0,
        to_sentence_end: 0,
        sentence: 0,
        cues_before: 0,
    };
}

impl Default for AttributionFeatures {
    fn default() -> Self {
        Self::NONE
    }
}

/// [`TokenView::vocab`] of a word outside the vocabulary.
pub const NOT_IN_VOCABULARY: u32 = u32::MAX;

impl Default for TokenView {
    fn default() -> Self {
        TokenView {
            vocab: NOT_IN_VOCABULARY,
            ..boundary(0, NOT_IN_VOCABULARY)
        }
    }
}

/// Bits of [`TokenView::flags`].
pub mod flags {
    /// First character is a capital letter.
    pub const INIT_CAP: u16 = 1;
    /// Letters, all capitals.
    pub const ALL_CAPS: u16 = 1 << 1;
    /// Letters, all small.
    pub const ALL_LOWER: u16 = 1 << 2;
    /// Contains a digit.
    pub const HAS_DIGIT: u16 = 1 << 3;
    /// Only digits and number punctuation.
    pub const NUMBER: u16 = 1 << 4;
    /// Contains a hyphen.
    pub const HAS_HYPHEN: u16 = 1 << 5;
    /// Contains a period.
    pub const HAS_PERIOD: u16 = 1 << 6;
    /// No letter or digit.
    pub const PUNCT: u16 = 1 << 7;
    /// First token of its sentence.
    pub const SENTENCE_START: u16 = 1 << 8;
    /// Inside quotation marks.
    pub const IN_QUOTE: u16 = 1 << 9;
    /// In a sentence written in capitals (a headline).
    pub const CAPS_SENTENCE: u16 = 1 << 10;
    /// Capitals and small letters after the first character ("McDonald", "iPhone").
    pub const MIXED_CAPS: u16 = 1 << 11;
    /// The bits that follow from the word alone.
    pub const OF_WORD: u32 = 0x08FF;
    /// The bits that depend on the sentence.
    pub const OF_CONTEXT: u32 = 0x0700;
}

/// A sentence as the taggers see it.
#[derive(Debug, Clone, Default)]
pub struct SentenceView {
    /// One view a token.
    pub tokens: Vec<TokenView>,
}

impl SentenceView {
    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    /// True for an empty sentence.
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// The token at `i`, or a boundary marker outside the sentence.
    #[inline]
    pub fn at(&self, i: isize) -> &TokenView {
        if i < 0 {
            &BEFORE
        } else {
            self.tokens.get(i as usize).unwrap_or(&AFTER)
        }
    }
}

static BEFORE: TokenView = boundary(0x5354_4152_545f_5f5f, 0);
static AFTER: TokenView = boundary(0x454e_445f_5f5f_5f5f, 1);

/// The views of the positions before and after a sentence, which every
/// [`Vocabulary`] holds as its entries 0 and 1.
pub fn boundaries() -> [TokenView; 2] {
    [BEFORE, AFTER]
}

const fn boundary(h: u64, vocab: u32) -> TokenView {
    TokenView {
        word: h,
        norm: h,
        shape: h,
        short_shape: h,
        prefixes: [h; 3],
        suffixes: [h; 4],
        clusters: [h; 3],
        pos: h,
        gazetteer: 0,
        doc: 0,
        flags: 0,
        vocab,
        attribution: AttributionFeatures::NONE,
    }
}

/// Builds views, reusing its buffers from sentence to sentence.
#[derive(Default)]
pub struct ViewBuilder<'v> {
    norm: String,
    shape: String,
    short_shape: String,
    vocabulary: Option<&'v Vocabulary>,
}

impl ViewBuilder<'static> {
    /// A builder with empty buffers.
    pub fn new() -> Self {
        Self::default()
    }
}

impl<'v> ViewBuilder<'v> {
    /// A builder that copies the views of vocabulary words instead of
    /// computing them, and marks their vocabulary index.
    pub fn with_vocabulary(vocabulary: &'v Vocabulary) -> Self {
        ViewBuilder {
            vocabulary: Some(vocabulary),
            ..ViewBuilder::default()
        }
    }

    /// The view of a sentence of `words`, with clusters and gazetteer matches
    /// where given.
    pub fn build(
        &mut self,
        words: &[&str],
        clusters: Option<&Clusters>,
        gazetteer: Option<&Gazetteer>,
    ) -> SentenceView {
        let mut tokens: Vec<TokenView> = words.iter().map(|w| self.token(w, clusters)).collect();
        mark_sentence(words, &mut tokens);
        if let Some(gazetteer) = gazetteer {
            gazetteer.mark(&mut tokens);
        }
        SentenceView { tokens }
    }

    fn token(&mut self, word: &str, clusters: Option<&Clusters>) -> TokenView {
        let word_hash = hash_str(word);
        if let Some(known) = self.vocabulary.and_then(|v| v.view(word_hash)) {
            return *known;
        }
        self.compute(word, word_hash, clusters)
    }

    /// The view of `word` from scratch.
    pub fn compute(
        &mut self,
        word: &str,
        word_hash: u64,
        clusters: Option<&Clusters>,
    ) -> TokenView {
        normalise(word, &mut self.norm);
        word_shape(word, &mut self.shape, &mut self.short_shape);
        let norm = hash_str(&self.norm);
        let mut view = TokenView {
            word: word_hash,
            norm,
            shape: hash_str(&self.shape),
            short_shape: hash_str(&self.short_shape),
            flags: word_flags(word),
            ..TokenView::default()
        };
        // Prefixes and suffixes of 1..=3 and 1..=4 characters, only when the
        // word is longer than the affix.
        for (n, (end, _)) in self.norm.char_indices().skip(1).take(3).enumerate() {
            view.prefixes[n] = join(n as u64 + 1, hash_str(&self.norm[..end]));
        }
        let mut starts = self.norm.char_indices().rev().map(|(i, _)| i);
        let mut longer = self.norm.char_indices().rev().skip(1);
        for n in 1..=4 {
            let (Some(start), Some(_)) = (starts.next(), longer.next()) else {
                break;
            };
            view.suffixes[n - 1] = join(10 + n as u64, hash_str(&self.norm[start..]));
        }
        if let Some(ids) = clusters.and_then(|c| c.get(norm)) {
            for (level, id) in ids.iter().enumerate() {
                view.clusters[level] = join(20 + level as u64, u64::from(*id));
            }
        }
        view
    }
}

/// The hash a part-of-speech tag has in [`TokenView::pos`].
pub fn pos_hash(tag: &str) -> u64 {
    join(0x504f_535f_5441_4753, hash_str(tag))
}

/// A word's normal form: lowercase, digits as 0, quotes and dashes unified.
pub fn normal_form(word: &str) -> String {
    let mut norm = String::new();
    normalise(word, &mut norm);
    norm
}

/// The hash of a word's normal form, as [`TokenView::norm`] holds it.
pub fn norm_hash(word: &str) -> u64 {
    let mut norm = String::new();
    normalise(word, &mut norm);
    hash_str(&norm)
}

/// Lowercase, digits as 0, typographic quotes and dashes as plain ones.
fn normalise(word: &str, out: &mut String) {
    out.clear();
    match word {
        "``" | "''" | "“" | "”" | "„" | "«" | "»" => out.push('"'),
        "‘" | "’" | "‚" | "`" => out.push('\''),
        "—" | "–" | "--" | "―" => out.push_str("--"),
        _ => {
            for c in word.chars() {
                match c {
                    '0'..='9' => out.push('0'),
                    '’' | '‘' => out.push('\''),
                    c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
                    c => out.extend(c.to_lowercase()),
                }
            }
        }
    }
}

fn word_shape(word: &str, shape: &mut String, short: &mut String) {
    shape.clear();
    short.clear();
    let mut run = 0;
    let mut last = '\0';
    for c in word.chars() {
        let class = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        run = if class == last { run + 1 } else { 1 };
        if run <= 4 {
            shape.push(class);
        }
        if run == 1 {
            short.push(class);
        }
        last = class;
    }
}

fn word_flags(word: &str) -> u16 {
    use flags::*;
    let mut f = 0;
    let (mut upper, mut lower, mut digits, mut others) = (0, 0, 0, 0);
    for (i, c) in word.chars().enumerate() {
        if c.is_uppercase() {
            upper += 1;
            if i == 0 {
                f |= INIT_CAP;
            } else if lower > 0 {
                f |= MIXED_CAPS;
            }
        } else if c.is_lowercase() {
            lower += 1;
        } else if c.is_numeric() {
            digits += 1;
        } else {
            others += 1;
            match c {
                '-' => f |= HAS_HYPHEN,
                '.' => f |= HAS_PERIOD,
                _ => {}
            }
        }
    }
    if upper > 0 && lower == 0 {
        f |= ALL_CAPS;
    }
    if lower > 0 && upper == 0 {
        f |= ALL_LOWER;
    }
    if digits > 0 {
        f |= HAS_DIGIT;
        if upper + lower == 0 && word.chars().all(|c| c.is_numeric() || ",.:/-".contains(c)) {
            f |= NUMBER;
        }
    }
    if upper + lower + digits == 0 && others > 0 {
        f |= PUNCT;
    }
    f
}

/// Sentence-level flags: the first token, quotation marks, headlines.
fn mark_sentence(words: &[&str], tokens: &mut [TokenView]) {
    use flags::*;
    if let Some(first) = tokens.first_mut() {
        first.flags |= SENTENCE_START;
    }
    let letters = tokens
        .iter()
        .filter(|t| t.flags & (ALL_CAPS | ALL_LOWER | INIT_CAP) != 0)
        .count();
    let caps = tokens.iter().filter(|t| t.flags & ALL_CAPS != 0).count();
    if letters >= 3 && caps * 10 >= letters * 8 {
        for t in tokens.iter_mut() {
            t.flags |= CAPS_SENTENCE;
        }
    }
    let mut inside = false;
    for (word, token) in words.iter().zip(tokens.iter_mut()) {
        let mark = matches!(*word, "\"" | "``" | "''" | "“" | "”" | "«" | "»");
        if mark {
            inside = match *word {
                "``" | "“" | "«" => true,
                "''" | "”" | "»" => false,
                _ => !inside,
            };
        } else if inside {
            token.flags |= IN_QUOTE;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_and_normal_forms() {
        let (mut shape, mut short) = (String::new(), String::new());
        word_shape("McDonald's", &mut shape, &mut short);
        assert_eq!(shape, "XxXxxxx'x");
        assert_eq!(short, "XxXx'x");
        word_shape("1,000,000", &mut shape, &mut short);
        assert_eq!(shape, "d,ddd,ddd");
        let mut norm = String::new();
        normalise("2021", &mut norm);
        assert_eq!(norm, "0000");
        normalise("“", &mut norm);
        assert_eq!(norm, "\"");
        normalise("Taliban’s", &mut norm);
        assert_eq!(norm, "taliban's");
    }

    #[test]
    fn same_word_same_view_and_affixes_only_when_long_enough() {
        let mut builder = ViewBuilder::new();
        let view = builder.build(&["The", "the", "IS"], None, None);
        assert_eq!(view.tokens[0].norm, view.tokens[1].norm);
        assert_ne!(view.tokens[0].word, view.tokens[1].word);
        assert_eq!(
            view.tokens[2].suffixes[3], 0,
            "no 4-char suffix of a 2-char word"
        );
        assert_ne!(view.tokens[2].suffixes[0], 0);
        assert!(view.tokens[0].flags & flags::SENTENCE_START != 0);
        assert!(view.tokens[2].flags & flags::ALL_CAPS != 0);
    }

    #[test]
    fn quotation_and_headline_flags() {
        let mut builder = ViewBuilder::new();
        let words = ["He", "said", "\"", "no", "\"", "."];
        let view = builder.build(&words, None, None);
        assert!(view.tokens[3].flags & flags::IN_QUOTE != 0);
        assert!(view.tokens[5].flags & flags::IN_QUOTE == 0);
        let headline = builder.build(&["JAPAN", "GET", "LUCKY", "WIN", ","], None, None);
        assert!(headline.tokens[0].flags & flags::CAPS_SENTENCE != 0);
    }
}
