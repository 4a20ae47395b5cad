//! Tokenisation in the Penn Treebank tradition, with exact spans.
//!
//! Whitespace separates chunks; each chunk is scanned left to right into words
//! and punctuation. Words keep inner hyphens ("ISIS-K", "US-led"), periods of
//! abbreviations ("U.S.", "Gen."), and separators of numbers ("1,000.5",
//! "10:30"); clitics split off as in the treebank ("do" "n't", "Taliban" "'s",
//! "can" "not"); URLs and e-mail addresses stay whole. Tokens are never
//! normalised: each is a slice of the text.

use std::sync::LazyLock;

use regex::Regex;

use crate::lexicon::abbreviations::{Abbreviation, abbreviation};
use crate::model::span::Span;

/// Split `text` into tokens, in order, none empty, none overlapping.
pub fn tokenize(text: &str) -> Vec<Span> {
    let mut out = Vec::with_capacity(text.len() / 5);
    let mut chunk_start = None;
    for (i, c) in text.char_indices() {
        if is_separator(c) {
            if let Some(start) = chunk_start.take() {
                scan_chunk(text, start, i, &mut out);
            }
        } else if chunk_start.is_none() {
            chunk_start = Some(i);
        }
    }
    if let Some(start) = chunk_start {
        scan_chunk(text, start, text.len(), &mut out);
    }
    out
}

/// Whitespace and the invisible characters that separate like it.
pub fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}')
}

/// Letters, digits, combining marks and the characters that live inside words.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '\u{00AD}' || is_combining(c)
}

fn is_combining(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}' | '\u{0483}'..='\u{0489}' | '\u{0591}'..='\u{05BD}'
        | '\u{064B}'..='\u{065F}' | '\u{0900}'..='\u{0903}' | '\u{093A}'..='\u{094F}'
        | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{200C}' | '\u{200D}'
        | '\u{20D0}'..='\u{20FF}' | '\u{FE00}'..='\u{FE0F}' | '\u{FE20}'..='\u{FE2F}')
}

/// Scan the chunk `text[start..end]`, which holds no separator.
fn scan_chunk(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let chunk = &text[start..end];
    if EMOTICON.is_match(chunk) {
        out.push(Span::new(start, end));
        return;
    }
    let mut pos = 0;
    while pos < chunk.len() {
        let rest = &chunk[pos..];
        let after_opening = chunk[..pos].chars().next_back().is_none_or(is_opening);
        let len = match next_piece(rest, after_opening) {
            Piece::Word(len) => push_word(text, start + pos, len, out),
            Piece::Whole(len) => {
                out.push(Span::new(start + pos, start + pos + len));
                len
            }
        };
        pos += len.max(1);
    }
}

enum Piece {
    /// A word, which may lose clitics or gain an abbreviation's period.
    Word(usize),
    /// A token taken as it is.
    Whole(usize),
}

fn next_piece(rest: &str, after_opening: bool) -> Piece {
    if let Some(len) = link_len(rest) {
        return Piece::Whole(len);
    }
    let mut chars = rest.chars();
    let Some(c) = chars.next() else {
        return Piece::Whole(0);
    };
    let next = chars.next();
    if is_word_char(c) {
        return Piece::Word(word_len(rest));
    }
    let len = match c {
        '.' | '!' | '?' | '-' | '*' | '=' | '~' | '`' | '<' | '>' => run_len(rest, c),
        '\'' if next == Some('\'') => 2,
        '\'' | '’' if after_opening && is_elided_word(&rest[c.len_utf8()..]) => {
            c.len_utf8() + word_len(&rest[c.len_utf8()..])
        }
        '@' | '#' if next.is_some_and(is_word_char) => 1 + word_len(&rest[1..]),
        _ => cluster_len(rest),
    };
    Piece::Whole(len)
}

/// Words written with a leading apostrophe: "'90s", "'em", "'til".
fn is_elided_word(after_apostrophe: &str) -> bool {
    let word = &after_apostrophe[..word_len(after_apostrophe)];
    word.starts_with(|c: char| c.is_ascii_digit())
        || ["em", "til", "cause", "tis", "twas"].contains(&word.to_lowercase().as_str())
}

/// Length of a run of the same punctuation character ("...", "!!", "--", "``").
fn run_len(rest: &str, c: char) -> usize {
    let len = rest
        .chars()
        .take_while(|&x| x == c || (c == '!' && x == '?') || (c == '?' && x == '!'))
        .count();
    let len = if c == '`' { len.min(2) } else { len };
    len * c.len_utf8()
}

/// One character with the modifiers that belong to it (emoji sequences).
fn cluster_len(rest: &str) -> usize {
    let mut chars = rest.char_indices();
    let Some((_, first)) = chars.next() else {
        return 0;
    };
    let mut end = first.len_utf8();
    let mut joined = false;
    for (i, c) in chars {
        let modifier =
            is_combining(c) || matches!(c, '\u{1F3FB}'..='\u{1F3FF}' | '\u{E0020}'..='\u{E007F}');
        if !(modifier || joined) {
            break;
        }
        joined = c == '\u{200D}';
        end = i + c.len_utf8();
    }
    end
}

/// Length of the word at the start of `rest`, with its inner connectors.
fn word_len(rest: &str) -> usize {
    let mut end = 0;
    let mut part_chars = 0;
    let mut prev = '\0';
    let mut chars = rest.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if is_word_char(c) {
            end = i + c.len_utf8();
            part_chars += 1;
            prev = c;
            continue;
        }
        let next = chars.peek().map(|&(_, n)| n);
        if end == 0 || !joins(prev, c, next, part_chars) {
            break;
        }
        if c == '.' {
            part_chars = 0;
        }
    }
    end
}

/// Whether the connector `c` between `prev` and `next` stays inside the word.
fn joins(prev: char, c: char, next: Option<char>, part_chars: usize) -> bool {
    let Some(next) = next else {
        return false;
    };
    match c {
        '-' | '\u{2010}' | '\u{2011}' => is_word_char(next),
        '\'' | '’' => next.is_alphabetic(),
        '.' => {
            (prev.is_ascii_digit() && next.is_ascii_digit())
                || (part_chars <= 2 && prev.is_alphabetic() && next.is_alphabetic())
        }
        '&' => prev.is_uppercase() && next.is_uppercase(),
        ',' | ':' | '/' => prev.is_ascii_digit() && next.is_ascii_digit(),
        _ => false,
    }
}

/// Push the word at `text[start..start + len]` as one or more tokens and
/// return how many bytes were consumed.
fn push_word(text: &str, start: usize, len: usize, out: &mut Vec<Span>) -> usize {
    let word = &text[start..start + len];
    let after = &text[start + len..];
    if after.starts_with('.') && !after.starts_with("..") && is_abbreviation(word, &after[1..]) {
        out.push(Span::new(start, start + len + 1));
        return len + 1;
    }
    let split = clitic_start(word);
    if split > 0 {
        out.push(Span::new(start, start + split));
    }
    if split < len {
        out.push(Span::new(start + split, start + len));
    }
    len
}

fn is_abbreviation(word: &str, after_period: &str) -> bool {
    match abbreviation(word) {
        Some(Abbreviation::Numbered) => after_period
            .trim_start_matches(is_separator)
            .starts_with(|c: char| c.is_ascii_digit()),
        Some(_) => true,
        None => false,
    }
}

/// Byte offset where a clitic starts in `word`, or `word.len()` if it has none.
fn clitic_start(word: &str) -> usize {
    let lower = word.to_lowercase();
    if lower.len() != word.len() {
        return word.len();
    }
    if let Some(stem) = FUSED
        .iter()
        .find(|(w, _)| lower == *w)
        .map(|(_, stem)| *stem)
    {
        return stem;
    }
    if let Some(number) = lower
        .strip_suffix("am")
        .or_else(|| lower.strip_suffix("pm"))
    {
        if !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit() || b == b':') {
            return number.len();
        }
    }
    for negation in ["n't", "n’t"] {
        if lower.len() > negation.len() && lower.ends_with(negation) {
            return word.len() - negation.len();
        }
    }
    for clitic in ["s", "re", "ve", "ll", "d", "m"] {
        for apostrophe in ["'", "’"] {
            let suffix_len = apostrophe.len() + clitic.len();
            if lower.len() > suffix_len
                && lower.ends_with(clitic)
                && lower[..lower.len() - clitic.len()].ends_with(apostrophe)
            {
                return word.len() - suffix_len;
            }
        }
    }
    word.len()
}

/// Words written as one that the treebanks split, with the length of the first
/// part: "cannot" is "can" "not", "gonna" "gon" "na", and negations written
/// without their apostrophe ("dont") split like those with one.
const FUSED: &[(&str, usize)] = &[
    ("cannot", 3),
    ("gonna", 3),
    ("gotta", 3),
    ("wanna", 3),
    ("aint", 2),
    ("arent", 3),
    ("cant", 2),
    ("couldnt", 5),
    ("didnt", 3),
    ("doesnt", 4),
    ("dont", 2),
    ("hadnt", 3),
    ("hasnt", 3),
    ("havent", 4),
    ("isnt", 2),
    ("shouldnt", 6),
    ("wasnt", 3),
    ("werent", 4),
    ("wont", 2),
    ("wouldnt", 5),
];

/// The longest link looked for, with the punctuation after it, in bytes. A
/// link runs to the end of its chunk, so without a bound every piece of a
/// long chunk would be matched against the rest of the chunk.
const MAX_LINK_BYTES: usize = 1024;

/// Length of a URL, e-mail address or bare domain at the start of `rest`,
/// without the punctuation that follows it.
fn link_len(rest: &str) -> Option<usize> {
    if rest.len() > MAX_LINK_BYTES || !rest.bytes().any(|b| b == b'.' || b == b'@' || b == b':') {
        return None;
    }
    let m = LINK.find(rest)?;
    let trimmed = m
        .as_str()
        .trim_end_matches(|c: char| ".,;:!?'\"”’)]}»".contains(c));
    Some(trimmed.len()).filter(|&len| len > 0)
}

fn is_opening(c: char) -> bool {
    matches!(
        c,
        '(' | '[' | '{' | '"' | '“' | '‘' | '«' | '‹' | '„' | '\'' | '`'
    )
}

static LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?i:(?:https?|ftp)://\S+|www\.\S+|mailto:\S+",
        r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
        r"|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|edu|gov|mil|int|info|biz|io|co\.uk|org\.uk|gov\.uk)(?:/\S*)?)",
        r#"(?:$|[.,;:!?'"”’)\]}»]+$)"#
    ))
    .expect("link pattern is valid")
});

static EMOTICON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[:;=][-o^']?[)(\]\[DPpO/\\|*3]+|<3+|\^_*\^)$")
        .expect("emoticon pattern is valid")
});

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).into_iter().map(|s| s.slice(text)).collect()
    }

    macro_rules! tokens {
        ($($name:ident: $text:expr => [$($tok:expr),* $(,)?];)*) => {
            $(#[test]
            fn $name() {
                assert_eq!(words($text), vec![$($tok),*], "help: tokens of {:?}", $text);
            })*
        };
    }

    tokens! {
        plain_sentence: "The Taliban took control." => ["The", "Taliban", "took", "control", "."];
        dotted_abbreviation: "in the U.S. and e.g. here" => ["in", "the", "U.S.", "and", "e.g.", "here"];
        listed_abbreviations: "Mr. Smith met Gen. Miller on Jan. 5" => ["Mr.", "Smith", "met", "Gen.", "Miller", "on", "Jan.", "5"];
        initials: "Jennifer M. Anderson" => ["Jennifer", "M.", "Anderson"];
        pronoun_i_is_no_initial: "than I." => ["than", "I", "."];
        numbered_before_number: "No. 10 Downing Street" => ["No.", "10", "Downing", "Street"];
        numbered_as_word: "He said no." => ["He", "said", "no", "."];
        abbreviation_at_sentence_end: "based in the U.S." => ["based", "in", "the", "U.S."];
        hyphenated_names: "ISIS-K and US-led forces" => ["ISIS-K", "and", "US-led", "forces"];
        hyphenated_before_period: "on ISIS-K. In" => ["on", "ISIS-K", ".", "In"];
        contractions: "don't can't won't I'm we'll" => ["do", "n't", "ca", "n't", "wo", "n't", "I", "'m", "we", "'ll"];
        curly_contraction: "it’s" => ["it", "’s"];
        cannot: "cannot" => ["can", "not"];
        negation_without_apostrophe: "I dont know" => ["I", "do", "nt", "know"];
        clock_times: "at 7:30PM or 10am" => ["at", "7:30", "PM", "or", "10", "am"];
        angle_brackets: "<< File >>" => ["<<", "File", ">>"];
        gonna: "gonna go" => ["gon", "na", "go"];
        possessives: "Taliban's ISIS-K's Jones' cow" => ["Taliban", "'s", "ISIS-K", "'s", "Jones", "'", "cow"];
        apostrophe_names: "O'Neill's" => ["O'Neill", "'s"];
        straight_quotes: "\"a threat\"." => ["\"", "a", "threat", "\"", "."];
        curly_quotes: "“Yes,” he said." => ["“", "Yes", ",", "”", "he", "said", "."];
        single_quotes: "'Hello,' he said" => ["'", "Hello", ",", "'", "he", "said"];
        elided_decade: "the '90s" => ["the", "'90s"];
        latex_quotes: "``quoted''" => ["``", "quoted", "''"];
        brackets: "the [IS] (ISIS)" => ["the", "[", "IS", "]", "(", "ISIS", ")"];
        em_dash: "obstacles — such as—services" => ["obstacles", "—", "such", "as", "—", "services"];
        double_hyphen: "wait--no" => ["wait", "--", "no"];
        ellipsis: "well... maybe… yes" => ["well", "...", "maybe", "…", "yes"];
        numbers: "1,000 people, 3.5% and $2.5bn at 10:30 on 1/2" => ["1,000", "people", ",", "3.5", "%", "and", "$", "2.5bn", "at", "10:30", "on", "1/2"];
        slash_between_words: "and/or" => ["and", "/", "or"];
        url: "see https://example.org/a?b=1." => ["see", "https://example.org/a?b=1", "."];
        url_in_brackets: "(www.example.com)" => ["(", "www.example.com", ")"];
        email: "write to press@example.org, today" => ["write", "to", "press@example.org", ",", "today"];
        domain: "on Example.com." => ["on", "Example.com", "."];
        exclamations: "What?! No!!!" => ["What", "?!", "No", "!!!"];
        hashtags_and_handles: "#Kabul @user" => ["#Kabul", "@user"];
        emoticon: "great :) really" => ["great", ":)", "really"];
        ampersand: "AT&T and R&D" => ["AT&T", "and", "R&D"];
        colon_after_word: "noted: \"ISIS" => ["noted", ":", "\"", "ISIS"];
    }

    #[test]
    fn emoji_sequences_stay_whole() {
        let text = "ok 👍🏽 👨‍👩‍👧 done";
        assert_eq!(words(text), vec!["ok", "👍🏽", "👨‍👩‍👧", "done"]);
    }

    #[test]
    fn spans_are_in_order_and_exact() {
        let text = "  “Don’t,” said Mr. O'Neill — in the U.S.\u{a0}today…  ";
        let spans = tokenize(text);
        for pair in spans.windows(2) {
            assert!(pair[0].end <= pair[1].start);
        }
        for span in spans {
            assert!(!span.is_empty());
            assert!(!span.slice(text).contains(char::is_whitespace));
        }
    }
}
