//! Text queries checked before SQLite sees them. FTS5 builds and runs an
//! expression node per term, and its cost grows faster than the number of
//! terms, so a query of thousands of `OR`s keeps a core busy for minutes: every
//! text query is bounded in bytes, and a full-text query in terms too. Every
//! caller of the store (the CLI, the server, the Python package) gets the same
//! limits, and a query over them is an [`StoreError::InvalidQuery`] saying so.

use crate::StoreError;

/// The longest text query accepted, in bytes of UTF-8.
pub const MAX_QUERY_BYTES: usize = 1000;

/// The most terms a full-text query may have: each word, each word of a
/// phrase and each prefix counts; `AND`, `OR`, `NOT`, `NEAR`, column names and
/// `NEAR` distances do not.
pub const MAX_QUERY_TERMS: usize = 64;

/// How much of an over-long query an error message repeats, in characters.
const QUOTED_CHARS: usize = 60;

/// Check a full-text query (FTS5 syntax) against [`MAX_QUERY_BYTES`] and
/// [`MAX_QUERY_TERMS`]. Syntax is left to SQLite, which names what is wrong.
pub fn check_full_text(query: &str) -> Result<(), StoreError> {
    check_length(query)?;
    let terms = count_terms(query);
    if terms > MAX_QUERY_TERMS {
        return Err(too_large(
            query,
            format!("it has {terms} terms; at most {MAX_QUERY_TERMS} are accepted"),
        ));
    }
    Ok(())
}

/// Check a substring query (part of a name, words of a statement) against
/// [`MAX_QUERY_BYTES`].
pub fn check_length(query: &str) -> Result<(), StoreError> {
    if query.len() > MAX_QUERY_BYTES {
        return Err(too_large(
            query,
            format!(
                "it is {} bytes long; at most {MAX_QUERY_BYTES} are accepted",
                query.len()
            ),
        ));
    }
    Ok(())
}

/// The error for a query over a limit; the query is quoted by its start only.
fn too_large(query: &str, message: String) -> StoreError {
    let mut quoted: String = query.chars().take(QUOTED_CHARS).collect();
    if quoted.len() < query.len() {
        quoted.push('…');
    }
    StoreError::InvalidQuery {
        query: quoted,
        message,
    }
}

/// What the FTS5 query lexer sees.
#[derive(Debug, PartialEq, Eq)]
enum Token<'a> {
    /// A run of bareword characters (letters, digits, `_`, anything not ASCII).
    Word(&'a str),
    /// The inside of a `"..."` string (`""` stands for a quotation mark).
    Phrase(&'a str),
    /// Any other character that is not white space: `( ) { } : , + * ^ -`.
    Punct(char),
}

/// FTS5's bareword characters.
fn is_bareword(c: char) -> bool {
    !c.is_ascii() || c.is_ascii_alphanumeric() || c == '_' || c == '\u{1a}'
}

/// The query's tokens, as FTS5's lexer cuts them. An unclosed string runs to
/// the end (SQLite then reports the error).
fn tokens(query: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut chars = query.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '"' {
            let mut end = query.len();
            while let Some((j, d)) = chars.next() {
                if d == '"' && chars.next_if(|&(_, e)| e == '"').is_none() {
                    end = j;
                    break;
                }
            }
            out.push(Token::Phrase(&query[i + 1..end]));
        } else if is_bareword(c) {
            let mut end = query.len();
            while let Some(&(j, d)) = chars.peek() {
                if !is_bareword(d) {
                    end = j;
                    break;
                }
                chars.next();
            }
            out.push(Token::Word(&query[i..end]));
        } else if !c.is_ascii_whitespace() {
            out.push(Token::Punct(c));
        }
    }
    out
}

/// The terms of a full-text query: the words the tokenizer makes of every
/// bareword and string that is not an operator, a column name or a `NEAR`
/// distance. Words are runs of letters and digits, as the tokenizer cuts them.
fn count_terms(query: &str) -> usize {
    let tokens = tokens(query);
    let mut in_braces = false;
    let mut terms = 0;
    for (k, token) in tokens.iter().enumerate() {
        let next = tokens.get(k + 1);
        let after_comma = k > 0 && tokens[k - 1] == Token::Punct(',');
        match token {
            Token::Punct('{') => in_braces = true,
            Token::Punct('}') => in_braces = false,
            Token::Word(text) | Token::Phrase(text) => {
                let column = in_braces || next == Some(&Token::Punct(':'));
                let operator = matches!(token, Token::Word("AND" | "OR" | "NOT"))
                    || (*token == Token::Word("NEAR") && next == Some(&Token::Punct('(')));
                if !(column || operator || after_comma) {
                    terms += words(text);
                }
            }
            Token::Punct(_) => {}
        }
    }
    terms
}

/// Runs of letters and digits in `text`.
fn words(text: &str) -> usize {
    let mut count = 0;
    let mut in_word = false;
    for c in text.chars() {
        let letter = c.is_alphanumeric();
        if letter && !in_word {
            count += 1;
        }
        in_word = letter;
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_are_words_not_operators_columns_or_distances() {
        assert_eq!(count_terms("kabul"), 1);
        assert_eq!(count_terms("taliban AND kabul OR NOT x"), 3);
        assert_eq!(count_terms("\"took control\" kabul"), 3);
        assert_eq!(count_terms("title:kabul text : \"a b\""), 3);
        assert_eq!(count_terms("{title text}: kabul"), 1);
        assert_eq!(count_terms("NEAR(taliban kabul, 10)"), 2);
        assert_eq!(count_terms("near OR or"), 2, "operators are upper case");
        assert_eq!(count_terms("flood* ^first + second"), 3);
        assert_eq!(count_terms("\"say \"\"no\"\" twice\""), 3);
        assert_eq!(
            count_terms("don't"),
            2,
            "the tokenizer splits at the apostrophe"
        );
        assert_eq!(count_terms("Kabul’s Ghani"), 3);
        assert_eq!(count_terms("\"unclosed phrase"), 2);
        assert_eq!(count_terms(""), 0);
    }

    #[test]
    fn queries_over_the_limits_are_invalid_and_say_why() {
        let terms = |n: usize| (0..n).map(|i| format!("w{i}")).collect::<Vec<_>>();
        assert!(check_full_text(&terms(MAX_QUERY_TERMS).join(" OR ")).is_ok());
        let many = terms(MAX_QUERY_TERMS + 1).join(" ");
        match check_full_text(&many) {
            Err(StoreError::InvalidQuery { query, message }) => {
                assert!(message.contains("65 terms") && message.contains("at most 64"));
                assert!(query.ends_with('…') && query.chars().count() == QUOTED_CHARS + 1);
            }
            other => panic!("{other:?}"),
        }
        let long = "é".repeat(MAX_QUERY_BYTES / 2 + 1);
        assert!(check_length(&"x".repeat(MAX_QUERY_BYTES)).is_ok());
        match check_length(&long) {
            Err(StoreError::InvalidQuery { message, .. }) => {
                assert!(message.contains("1002 bytes"), "{message}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_lexer_takes_any_text() {
        for query in [
            "\"", "\"\"", "é\"", "(((", "a\"b\"\"", "\u{1a}", "{}:,", "\u{a0}x",
        ] {
            let _ = count_terms(query);
        }
    }
}
