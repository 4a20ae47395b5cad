//! Quotation marks: which tokens open and close quotations.
//!
//! Straight and curly double and single marks, guillemets and `` ''; a
//! straight mark opens after a space and before a word, and closes after a
//! word; a single straight mark or right single curly mark is an apostrophe
//! ("Jones' cow") unless a matching single quotation is open. A quotation
//! still open at a paragraph break continues when the next paragraph opens
//! with a mark (the newspaper convention for quotations over several
//! paragraphs), and is otherwise closed there. Marks that cannot be paired
//! are ignored.
//!
//! A quotation is given up, as unclosed, when it has stayed open for
//! [`MAX_QUOTATION_TOKENS`] tokens or [`MAX_QUOTATION_PARAGRAPHS`]
//! paragraphs, or when [`MAX_OPEN`] quotations are open inside it: a stray
//! mark must not make one quotation of the rest of a long article, and
//! pairing must cost the same for every mark.

use std::ops::Range;

use super::features::is_paragraph_break;
use crate::model::annotated::Annotated;

/// A quotation: the tokens inside its marks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quotation {
    /// Token indexes inside the marks (may span several paragraphs).
    pub inside: Range<usize>,
    /// The opening mark's token.
    pub open: usize,
    /// The closing mark's token, if the quotation was closed.
    pub close: Option<usize>,
    /// Whether it is nested in another quotation.
    pub nested: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Double,
    Single,
    Guillemet,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    Either,
}

fn mark(token: &str) -> Option<(Family, Role)> {
    Some(match token {
        "“" | "``" | "„" => (Family::Double, Role::Open),
        "”" => (Family::Double, Role::Close),
        // Some newspapers write both marks as two apostrophes.
        "\"" | "''" => (Family::Double, Role::Either),
        "‘" | "`" => (Family::Single, Role::Open),
        "’" | "'" => (Family::Single, Role::Either),
        "«" | "‹" => (Family::Guillemet, Role::Open),
        "»" | "›" => (Family::Guillemet, Role::Close),
        _ => return None,
    })
}

/// The longest a quotation stays open, in tokens (a long quoted speech runs
/// to a few hundred).
pub const MAX_QUOTATION_TOKENS: usize = 2_000;

/// The most paragraphs a quotation continues over.
pub const MAX_QUOTATION_PARAGRAPHS: usize = 30;

/// The most quotations open at once (one inside another).
pub const MAX_OPEN: usize = 6;

/// The quotations of a document, in order of their opening marks.
pub fn quotations(doc: &Annotated) -> Vec<Quotation> {
    let text = &doc.document.text;
    let mut open: Vec<(Family, usize)> = Vec::new();
    let mut found: Vec<Quotation> = Vec::new();
    let mut paragraphs_open = 0;
    for (i, token) in doc.tokens.iter().enumerate() {
        give_up_long_quotations(&mut open, &mut found, i);
        if i > 0 && is_paragraph_break(text, doc.tokens[i - 1].span.end, token.span.start) {
            let continues = paragraphs_open < MAX_QUOTATION_PARAGRAPHS
                && mark(token.span.slice(text))
                    .is_some_and(|(f, _)| open.last().is_some_and(|(o, _)| *o == f));
            if continues {
                paragraphs_open += 1;
                continue;
            }
            close_all(&mut open, &mut found, i);
        }
        if open.is_empty() {
            paragraphs_open = 0;
        }
        let Some((family, role)) = mark(token.span.slice(text)) else {
            continue;
        };
        let before = text[..token.span.start].chars().next_back();
        let after = text[token.span.end..].chars().next();
        let spaced_before = before.is_none_or(|c| c.is_whitespace() || "([{—–-".contains(c));
        let spaced_after = after.is_none_or(|c| c.is_whitespace() || ".,;:!?)]}—–".contains(c));
        let is_open = open.iter().any(|(f, _)| *f == family);
        let role = match role {
            Role::Either if spaced_before && !spaced_after => Role::Open,
            Role::Either if !spaced_before && spaced_after => Role::Close,
            Role::Either if is_open => Role::Close,
            Role::Either => Role::Open,
            r => r,
        };
        if family == Family::Single && role == Role::Close && !is_open {
            continue;
        }
        if family == Family::Single && role == Role::Open && !spaced_before {
            continue;
        }
        match role {
            Role::Open => {
                if open.len() == MAX_OPEN {
                    give_up_outermost(&mut open, &mut found, i);
                }
                open.push((family, i));
            }
            _ => {
                let Some(position) = open.iter().rposition(|(f, _)| *f == family) else {
                    continue;
                };
                let (_, start) = open[position];
                open.truncate(position);
                found.push(Quotation {
                    inside: start + 1..i,
                    open: start,
                    close: Some(i),
                    nested: !open.is_empty(),
                });
            }
        }
    }
    close_all(&mut open, &mut found, doc.tokens.len());
    found.retain(|q| !q.inside.is_empty());
    found.sort_by_key(|q| q.open);
    found
}

/// Close every open quotation, unclosed, before token `end`.
fn close_all(open: &mut Vec<(Family, usize)>, found: &mut Vec<Quotation>, end: usize) {
    while let Some((_, start)) = open.pop() {
        let nested = !open.is_empty();
        found.push(Quotation {
            inside: start + 1..end,
            open: start,
            close: None,
            nested,
        });
    }
}

/// Give up, as unclosed before token `i`, the quotations open for
/// [`MAX_QUOTATION_TOKENS`] (the outermost are the oldest).
fn give_up_long_quotations(open: &mut Vec<(Family, usize)>, found: &mut Vec<Quotation>, i: usize) {
    while open
        .first()
        .is_some_and(|&(_, start)| i - start > MAX_QUOTATION_TOKENS)
    {
        give_up_outermost(open, found, i);
    }
}

/// Give up the outermost open quotation, as unclosed before token `i`.
fn give_up_outermost(open: &mut Vec<(Family, usize)>, found: &mut Vec<Quotation>, i: usize) {
    let (_, start) = open.remove(0);
    found.push(Quotation {
        inside: start + 1..i,
        open: start,
        close: None,
        nested: false,
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Stage;
    use crate::model::document::Document;
    use crate::pipeline::Pipeline;
    use crate::segment::Segmenter;

    fn quoted(text: &str) -> Vec<String> {
        let pipeline =
            Pipeline::from_stages(vec![Box::new(Segmenter::new()) as Box<dyn Stage>]).unwrap();
        let doc = pipeline.run(Document::from_text(text));
        quotations(&doc)
            .iter()
            .map(|q| {
                let span = doc.tokens[q.inside.start]
                    .span
                    .cover(doc.tokens[q.inside.end - 1].span);
                span.slice(&doc.document.text).to_owned()
            })
            .collect()
    }

    macro_rules! quotes {
        ($($name:ident: $text:expr => [$($q:expr),* $(,)?];)*) => {
            $(#[test]
            fn $name() {
                assert_eq!(quoted($text), vec![$($q.to_owned()),*] as Vec<String>, "help: quotations in {:?}", $text);
            })*
        };
    }

    #[test]
    fn a_quotation_left_open_is_given_up_after_its_length() {
        let text = format!(
            "He said \"{}and left.",
            "we won ".repeat(MAX_QUOTATION_TOKENS)
        );
        let pipeline =
            Pipeline::from_stages(vec![Box::new(Segmenter::new()) as Box<dyn Stage>]).unwrap();
        let doc = pipeline.run(Document::from_text(text));
        let found = quotations(&doc);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].close, None);
        assert_eq!(found[0].inside.len(), MAX_QUOTATION_TOKENS);
    }

    #[test]
    fn a_quotation_continues_over_a_bounded_number_of_paragraphs() {
        let text = format!(
            "He said: \"{}",
            "We won.\n\n\"".repeat(MAX_QUOTATION_PARAGRAPHS + 3)
        );
        let pipeline =
            Pipeline::from_stages(vec![Box::new(Segmenter::new()) as Box<dyn Stage>]).unwrap();
        let doc = pipeline.run(Document::from_text(text));
        let found = quotations(&doc);
        assert!(found.len() > 1);
        assert!(
            found
                .iter()
                .all(|q| q.inside.len() <= 4 * (MAX_QUOTATION_PARAGRAPHS + 1))
        );
    }

    quotes! {
        straight_double: "He said \"we won\" and left." => ["we won"];
        curly_double: "He said “we won,” and left." => ["we won,"];
        guillemets: "Il a dit « non » hier." => ["non"];
        nested_single: "She said \"he told me 'never' again\" today." => ["he told me 'never' again", "never"];
        apostrophes_are_not_quotes: "Jones' cow and the '90s and don't." => [];
        possessive_inside_quote: "\"The Joneses' house burned,\" he said." => ["The Joneses' house burned,"];
        unbalanced_closes_at_paragraph: "He said \"we won.\n\nNext paragraph here." => ["we won."];
        continued_paragraphs: "He said: \"We won.\n\n\"We will win again,\" he added." => ["We won.\n\n\"We will win again,"];
        doubled_apostrophes: "''We won,'' he said." => ["We won,"];
        two_quotations: "\"Yes,\" she said. \"No,\" he replied." => ["Yes,", "No,"];
        too_many_open_gives_up_the_outermost: "\"a \"b \"c \"d \"e \"f \"g" => ["a \"b \"c \"d \"e \"f", "b \"c \"d \"e \"f \"g", "c \"d \"e \"f \"g", "d \"e \"f \"g", "e \"f \"g", "f \"g", "g"];
        single_quotes_pair: "The 'Afghan government' said" => ["Afghan government"];
    }
}
