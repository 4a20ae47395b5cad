//! Sentence boundaries over tokens.
//!
//! A sentence ends
//! - at a paragraph break (a blank line), always;
//! - at a line break after a short line without final punctuation (headlines,
//!   bylines, list items), when the next line starts like a sentence;
//! - after `.`, `!`, `?` or an ellipsis, together with the closing quotation
//!   marks and brackets attached to it, when the next token starts like a
//!   sentence (a capital letter, a digit, an opening quotation mark or bracket);
//! - after an abbreviation that may end a sentence ("in the U.S.", "Acme Inc.",
//!   an initial) only when the next word commonly opens sentences ("The", "He");
//!   after a title ("Mr.", "Gen.") never.
//!
//! - after [`MAX_SENTENCE_TOKENS`] tokens without any of these, at the last
//!   line break or clause punctuation of its second half, else there: text
//!   without punctuation (a list, a table, a transcript) still comes in
//!   sentences that the taggers and later stages can work on in bounded time.
//!
//! Quotations follow the same rules as the rest of the text: a sentence end
//! inside a quotation ends the sentence (`"... on ISIS-K. In a strange world,
//! ..."` is two sentences), while `"Really?" he asked.` is one, because the
//! word after the closing mark is not capitalised. This is the convention of
//! the Penn and Universal Dependencies treebanks, so the taggers trained on
//! them see the sentences they were trained on.

use std::ops::Range;

use crate::lexicon::abbreviations::{Abbreviation, abbreviation, is_sentence_starter};
use crate::model::span::Span;

/// A line without final punctuation shorter than this (in bytes) ends its
/// sentence at the line break: a headline, byline or list item.
const SHORT_LINE: usize = 60;

/// The most tokens a sentence holds. News sentences seldom pass 100; a longer
/// run is a list or text without punctuation, and every stage that reads a
/// sentence as a whole does work that grows with its length.
pub const MAX_SENTENCE_TOKENS: usize = 250;

/// Group `tokens` (spans into `text`, in order) into sentences, as ranges of
/// token indexes that together cover every token.
pub fn sentence_ranges(text: &str, tokens: &[Span]) -> Vec<Range<usize>> {
    let mut sentences = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < tokens.len() {
        let end = if i + 1 - start >= MAX_SENTENCE_TOKENS {
            Some(forced_end(text, tokens, start, i))
        } else {
            sentence_end_at(text, tokens, start, i)
        };
        match end {
            Some(last) => {
                sentences.push(start..last + 1);
                start = last + 1;
                i = last + 1;
            }
            None => i += 1,
        }
    }
    if start < tokens.len() {
        sentences.push(start..tokens.len());
    }
    sentences
}

/// If the sentence that began at token `start` ends at token `i` or at the
/// closers attached to it, the index of its last token.
fn sentence_end_at(text: &str, tokens: &[Span], start: usize, i: usize) -> Option<usize> {
    if line_break_ends_sentence(text, tokens, i) {
        return Some(i);
    }
    if is_list_number(text, &tokens[start..i]) {
        return None;
    }
    let terminal = terminal(tokens[i].slice(text), &text[tokens[i].end..])?;
    let last = last_attached_closer(text, tokens, i);
    let Some(next) = tokens.get(last + 1) else {
        return Some(last);
    };
    let starts = line_break_ends_sentence(text, tokens, last)
        || match terminal {
            Terminal::Punctuation => starts_sentence(text, tokens, last + 1),
            Terminal::Abbreviation(Abbreviation::Ordinary) => {
                is_sentence_starter(next.slice(text)) || opens_capitalised(text, tokens, last + 1)
            }
            Terminal::Abbreviation(_) => false,
        };
    starts.then_some(last)
}

/// The last token of an overlong sentence that began at `start` and reached
/// token `last` without ending: the last one of its second half followed by a
/// line break, else the last clause punctuation there, else `last`.
fn forced_end(text: &str, tokens: &[Span], start: usize, last: usize) -> usize {
    let second_half = start + (last - start) / 2..last;
    let before_line_break = second_half.clone().rev().find(|&i| {
        text[tokens[i].end..tokens[i + 1].start]
            .chars()
            .any(|c| c == '\n' || c == '\r')
    });
    before_line_break
        .or_else(|| {
            second_half
                .rev()
                .find(|&i| matches!(tokens[i].slice(text), "," | ";" | ":" | "—" | "–" | "-"))
        })
        .unwrap_or(last)
}

/// Whether the tokens before a period are a list item's number ("2." in
/// "2. The attachment"), which belongs to the sentence it numbers.
fn is_list_number(text: &str, before: &[Span]) -> bool {
    if before.len() > 2 {
        return false;
    }
    let words: Vec<&str> = before.iter().map(|t| t.slice(text)).collect();
    match words.as_slice() {
        [number] | ["*" | "(" | "#", number] => {
            number.len() <= 2 && number.bytes().all(|b| b.is_ascii_digit())
        }
        _ => false,
    }
}

#[derive(Clone, Copy)]
enum Terminal {
    Punctuation,
    Abbreviation(Abbreviation),
}

fn terminal(token: &str, after: &str) -> Option<Terminal> {
    if token == "…" || token.chars().all(|c| matches!(c, '.' | '!' | '?')) {
        return Some(Terminal::Punctuation);
    }
    let word = token.strip_suffix('.')?;
    let class = abbreviation(word)?;
    let numbered_without_number = class == Abbreviation::Numbered
        && !after.trim_start().starts_with(|c: char| c.is_ascii_digit());
    Some(if numbered_without_number {
        Terminal::Punctuation
    } else {
        Terminal::Abbreviation(class)
    })
}

/// The index of the last closing quotation mark or bracket attached (with no
/// space between) after token `i`, or `i` itself.
fn last_attached_closer(text: &str, tokens: &[Span], i: usize) -> usize {
    let mut last = i;
    while let Some(next) = tokens.get(last + 1) {
        if next.start != tokens[last].end || !is_closer(next.slice(text)) {
            break;
        }
        last += 1;
    }
    last
}

fn is_closer(token: &str) -> bool {
    matches!(
        token,
        "\"" | "'" | "''" | "”" | "’" | "»" | "›" | ")" | "]" | "}"
    )
}

fn is_opener(token: &str) -> bool {
    matches!(
        token,
        "\"" | "'" | "``" | "`" | "“" | "‘" | "«" | "‹" | "„" | "(" | "[" | "{"
    )
}

/// Whether token `i` looks like the first of a sentence after `.`, `!` or `?`.
fn starts_sentence(text: &str, tokens: &[Span], i: usize) -> bool {
    let token = tokens[i].slice(text);
    match token.chars().next() {
        Some(c) if c.is_uppercase() || c.is_ascii_digit() => true,
        _ if is_opener(token) => tokens
            .get(i + 1)
            .and_then(|t| t.slice(text).chars().next())
            .is_none_or(|c| !c.is_lowercase()),
        _ => false,
    }
}

/// Whether token `i` is an opening mark followed by a capitalised word.
fn opens_capitalised(text: &str, tokens: &[Span], i: usize) -> bool {
    is_opener(tokens[i].slice(text))
        && tokens
            .get(i + 1)
            .and_then(|t| t.slice(text).chars().next())
            .is_some_and(char::is_uppercase)
}

/// Whether the whitespace after token `i` breaks the sentence: a paragraph
/// break, or a line break after a short line without final punctuation.
fn line_break_ends_sentence(text: &str, tokens: &[Span], i: usize) -> bool {
    let Some(next) = tokens.get(i + 1) else {
        return false;
    };
    let gap = &text[tokens[i].end..next.start];
    match line_breaks(gap) {
        0 => false,
        1 => {
            let line_start = text[..tokens[i].end]
                .rfind(['\n', '\r'])
                .map_or(0, |p| p + 1);
            let line = text[line_start..tokens[i].end].trim();
            line.len() < SHORT_LINE
                && !line.ends_with(['.', '!', '?', ',', ';', '-', '—'])
                && starts_sentence(text, tokens, i + 1)
        }
        _ => true,
    }
}

/// Line breaks in a stretch of whitespace; a paragraph separator counts two
/// (two or more make a paragraph break).
pub fn line_breaks(gap: &str) -> usize {
    let mut count = 0;
    let mut chars = gap.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                chars.next_if_eq(&'\n');
                count += 1;
            }
            '\n' | '\u{2028}' | '\u{0B}' | '\u{0C}' | '\u{85}' => count += 1,
            '\u{2029}' => count += 2,
            _ => {}
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::tokens::tokenize;

    fn sentences(text: &str) -> Vec<&str> {
        let tokens = tokenize(text);
        sentence_ranges(text, &tokens)
            .into_iter()
            .map(|r| &text[tokens[r.start].start..tokens[r.end - 1].end])
            .collect()
    }

    macro_rules! splits {
        ($($name:ident: $text:expr => [$($s:expr),* $(,)?];)*) => {
            $(#[test]
            fn $name() {
                assert_eq!(sentences($text), vec![$($s),*], "help: sentences of {:?}", $text);
            })*
        };
    }

    splits! {
        two_plain: "It rained. We left." => ["It rained.", "We left."];
        question_and_exclamation: "Why? Because! Then" => ["Why?", "Because!", "Then"];
        lowercase_continues: "It cost 3 vs. 4 and e.g. more." => ["It cost 3 vs. 4 and e.g. more."];
        title_never_ends: "We met Mr. Smith. He left." => ["We met Mr. Smith.", "He left."];
        abbreviation_then_name: "The U.S. Army said so." => ["The U.S. Army said so."];
        abbreviation_then_starter: "He lives in the U.S. The rest do not." => ["He lives in the U.S.", "The rest do not."];
        initials: "Bush nominated Jennifer M. Anderson today." => ["Bush nominated Jennifer M. Anderson today."];
        closing_quote_stays: "He said \"no.\" Then he left." => ["He said \"no.\"", "Then he left."];
        curly_closing_quote: "She said “no.” Then" => ["She said “no.”", "Then"];
        quoted_question_then_lowercase: "\"Really?\" he asked." => ["\"Really?\" he asked."];
        inside_quotation: "He said that \"we lost. In a way, we won.\"" => ["He said that \"we lost.", "In a way, we won.\""];
        opening_quote_starts: "It ended. \"We won,\" she said." => ["It ended.", "\"We won,\" she said."];
        brackets_close: "It ended (finally.) Next" => ["It ended (finally.)", "Next"];
        paragraph_break: "Headline without stop\n\nBody text here." => ["Headline without stop", "Body text here."];
        short_line_break: "Taliban ready to talk\nA report said so." => ["Taliban ready to talk", "A report said so."];
        wrapped_line_continues: "The report said that the group was ready to work with officials in\nAfghanistan on security." => ["The report said that the group was ready to work with officials in\nAfghanistan on security."];
        numbered_abbreviation: "He lives at No. 10 now. No. He does not." => ["He lives at No. 10 now.", "No.", "He does not."];
        ellipsis: "Wait... Then it came." => ["Wait...", "Then it came."];
        digit_starts: "It grew in 2021. 20 years on, it grew." => ["It grew in 2021.", "20 years on, it grew."];
        list_numbers: "Points:\n\n1. The first.\n\n2. The second." => ["Points:", "1. The first.", "2. The second."];
        colon_does_not_end: "It noted: \"ISIS grew.\"" => ["It noted: \"ISIS grew.\""];
    }

    #[test]
    fn text_without_punctuation_comes_in_bounded_sentences() {
        let text = "the talks would continue next week ".repeat(400);
        let tokens = tokenize(&text);
        let ranges = sentence_ranges(&text, &tokens);
        assert!(ranges.len() > 1);
        assert!(ranges.iter().all(|r| r.len() <= MAX_SENTENCE_TOKENS));
        assert_eq!(ranges.last().map(|r| r.end), Some(tokens.len()));
    }

    #[test]
    fn an_overlong_sentence_ends_at_a_line_break_or_clause_mark() {
        let line = "Kabul Herat Kandahar Mazar Jalalabad Kunduz Ghazni Bamiyan Khost\n";
        let text = line.repeat(40);
        let tokens = tokenize(&text);
        let ranges = sentence_ranges(&text, &tokens);
        assert!(
            ranges
                .iter()
                .all(|r| r.len() <= MAX_SENTENCE_TOKENS && r.len() % 9 == 0)
        );
        let text = "one, two three four five six seven eight nine ".repeat(60);
        let tokens = tokenize(&text);
        let first = &sentence_ranges(&text, &tokens)[0];
        assert_eq!(tokens[first.end - 1].slice(&text), ",");
    }

    #[test]
    fn sentences_cover_every_token_once() {
        let text = "A. B. c. D! \"E?\" f. G...\n\nh";
        let tokens = tokenize(text);
        let ranges = sentence_ranges(text, &tokens);
        let mut next = 0;
        for range in ranges {
            assert_eq!(range.start, next);
            assert!(range.end > range.start);
            next = range.end;
        }
        assert_eq!(next, tokens.len());
    }
}
