//! Word lists the segmenter consults: abbreviations and sentence starters,
//! shipped in `data/lexicon/` and embedded in the binary.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

const ABBREVIATIONS: &str = include_str!("../../../../data/lexicon/abbreviations.txt");
const SENTENCE_STARTERS: &str = include_str!("../../../../data/lexicon/sentence_starters.txt");

/// How an abbreviation behaves at a possible sentence end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Abbreviation {
    /// Comes before a name or number and never ends a sentence ("Mr.", "No.").
    Title,
    /// An abbreviation only before a number ("No. 10"); never ends a sentence.
    Numbered,
    /// May end a sentence ("Inc.", "U.S.", initials).
    Ordinary,
}

static KNOWN: LazyLock<HashMap<&'static str, Abbreviation>> = LazyLock::new(|| {
    data_lines(ABBREVIATIONS)
        .filter_map(|line| {
            let (word, class) = line.split_once(char::is_whitespace)?;
            let class = match class.trim() {
                "title" => Abbreviation::Title,
                "numbered" => Abbreviation::Numbered,
                _ => Abbreviation::Ordinary,
            };
            Some((word, class))
        })
        .collect()
});

static STARTERS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| data_lines(SENTENCE_STARTERS).collect());

fn data_lines(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
}

/// The class of `word` (written without its final period) if it is an
/// abbreviation: listed, made of one- or two-letter parts joined by periods
/// ("U.S", "e.g", "Ph.D"), or a single letter other than "I" (an initial).
pub fn abbreviation(word: &str) -> Option<Abbreviation> {
    if let Some(&class) = KNOWN.get(word) {
        return Some(class);
    }
    let mut chars = word.chars();
    let single_letter =
        matches!((chars.next(), chars.next()), (Some(c), None) if c.is_alphabetic() && c != 'I');
    let dotted = word.contains('.')
        && word.split('.').all(|part| {
            (1..=2).contains(&part.chars().count()) && part.chars().all(char::is_alphabetic)
        });
    (single_letter || dotted).then_some(Abbreviation::Ordinary)
}

/// True for capitalised words that commonly open a sentence.
pub fn is_sentence_starter(word: &str) -> bool {
    STARTERS.contains(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listed_shaped_and_initials() {
        assert_eq!(abbreviation("Mr"), Some(Abbreviation::Title));
        assert_eq!(abbreviation("Inc"), Some(Abbreviation::Ordinary));
        assert_eq!(abbreviation("U.S"), Some(Abbreviation::Ordinary));
        assert_eq!(abbreviation("e.g"), Some(Abbreviation::Ordinary));
        assert_eq!(abbreviation("J"), Some(Abbreviation::Ordinary));
        assert_eq!(abbreviation("I"), None);
        assert_eq!(abbreviation("war"), None);
        assert_eq!(abbreviation("3.5"), None);
    }

    #[test]
    fn starters_are_case_sensitive() {
        assert!(is_sentence_starter("The"));
        assert!(!is_sentence_starter("the"));
        assert!(!is_sentence_starter("Army"));
    }
}
