//! The `time` stage: temporal expressions resolved against the article date,
//! as ISO 8601 values: dates ("25 April 2023" 2023-04-25, "August 2021"
//! 2021-08, "in 2021" 2021), relative dates ("last year" 2022 for an article
//! of 2023, "yesterday", "on Tuesday", "last month", "next week" 2023-W18),
//! and durations ("20 years" P20Y, "three days" P3D, "a decade" P10Y).
//!
//! A weekday without qualifier is the latest such day on or before the
//! article date, as news writes it ("said on Tuesday").

use chrono::{Datelike, Duration, Months, NaiveDate, Weekday};

use crate::model::annotated::Annotated;
use crate::model::{Layer, Stage, TimeExpression};

/// Finds and resolves temporal expressions.
#[derive(Debug, Default, Clone, Copy)]
pub struct TimeTagger;

impl Stage for TimeTagger {
    fn name(&self) -> &'static str {
        "time"
    }

    fn requires(&self) -> &'static [Layer] {
        &[Layer::Tokens, Layer::Sentences]
    }

    fn adds(&self) -> &'static [Layer] {
        &[Layer::Times]
    }

    fn run(&self, doc: &mut Annotated) {
        let words: Vec<&str> = doc
            .tokens
            .iter()
            .map(|t| t.span.slice(&doc.document.text))
            .collect();
        let mut times = Vec::new();
        for sentence in &doc.sentences {
            let mut i = sentence.tokens.start;
            while i < sentence.tokens.end {
                let context = Context {
                    words: &words[..sentence.tokens.end],
                    date: doc.document.date,
                };
                match expression_at(&context, i) {
                    Some((end, value)) => {
                        let end = if words.get(end) == Some(&"'s") {
                            end + 1
                        } else {
                            end
                        };
                        let span = doc.tokens[i].span.cover(doc.tokens[end - 1].span);
                        times.push(TimeExpression {
                            tokens: i..end,
                            span,
                            value,
                        });
                        i = end;
                    }
                    None => i += 1,
                }
            }
        }
        doc.times = times;
    }
}

struct Context<'a> {
    words: &'a [&'a str],
    date: Option<NaiveDate>,
}

impl Context<'_> {
    fn word(&self, i: usize) -> &str {
        self.words.get(i).copied().unwrap_or("")
    }

    fn lower(&self, i: usize) -> String {
        self.word(i).to_lowercase()
    }
}

/// The expression starting at token `i`: its end and value.
fn expression_at(c: &Context, i: usize) -> Option<(usize, String)> {
    full_date(c, i)
        .or_else(|| month_year(c, i))
        .or_else(|| relative(c, i))
        .or_else(|| weekday(c, i))
        .or_else(|| duration(c, i))
        .or_else(|| year(c, i))
}

fn month(word: &str) -> Option<u32> {
    if !word.starts_with(char::is_uppercase) {
        return None;
    }
    let lower = word.trim_end_matches('.').to_lowercase();
    let abbreviation = lower.len() == 3 || lower == "sept";
    crate::read::date::MONTH_NAMES
        .iter()
        .position(|m| *m == lower || (abbreviation && m.starts_with(&lower)))
        .map(|p| p as u32 + 1)
}

fn day(word: &str) -> Option<u32> {
    let digits = word.trim_end_matches(|c: char| c.is_alphabetic());
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

fn year_number(word: &str) -> Option<i32> {
    (word.len() == 4)
        .then(|| word.parse().ok())
        .flatten()
        .filter(|y| (1800..=2100).contains(y))
}

/// "25 April 2023", "April 25, 2023", "April 25", "2023-04-25".
fn full_date(c: &Context, i: usize) -> Option<(usize, String)> {
    if let Ok(date) = NaiveDate::parse_from_str(c.word(i), "%Y-%m-%d") {
        return Some((i + 1, date.to_string()));
    }
    let (d, m, next) = match (
        day(c.word(i)),
        month(c.word(i + 1)),
        month(c.word(i)),
        day(c.word(i + 1)),
    ) {
        (Some(d), Some(m), _, _) => (d, m, i + 2),
        (_, _, Some(m), Some(d))
            if !c.word(i).eq_ignore_ascii_case("may") || c.word(i) == "May" =>
        {
            (d, m, i + 2)
        }
        _ => return None,
    };
    let comma = usize::from(c.word(next) == ",");
    let (year, end) = match year_number(c.word(next + comma)) {
        Some(y) => (y, next + comma + 1),
        None => (c.date?.year(), next),
    };
    NaiveDate::from_ymd_opt(year, m, d).map(|date| (end, date.to_string()))
}

/// "August 2021", "in March" (the article's year), "last March".
fn month_year(c: &Context, i: usize) -> Option<(usize, String)> {
    let m = month(c.word(i))?;
    if let Some(y) = year_number(c.word(i + 1)) {
        return Some((i + 2, format!("{y:04}-{m:02}")));
    }
    let date = c.date?;
    let previous = c.lower(i.wrapping_sub(1));
    let year = match previous.as_str() {
        "last" if m >= date.month() => date.year() - 1,
        "next" if m <= date.month() => date.year() + 1,
        "in" | "since" | "until" | "by" | "from" | "last" | "next" | "this" | "early" | "late"
        | "mid" => date.year(),
        _ => return None,
    };
    Some((i + 1, format!("{year:04}-{m:02}")))
}

/// "last year", "this month", "next week", "yesterday", "today", "tomorrow".
fn relative(c: &Context, i: usize) -> Option<(usize, String)> {
    let date = c.date?;
    match c.lower(i).as_str() {
        "yesterday" => return Some((i + 1, (date - Duration::days(1)).to_string())),
        "today" => return Some((i + 1, date.to_string())),
        "tomorrow" => return Some((i + 1, (date + Duration::days(1)).to_string())),
        _ => {}
    }
    let shift: i32 = match c.lower(i).as_str() {
        "last" | "past" => -1,
        "this" | "current" => 0,
        "next" | "coming" => 1,
        _ => return None,
    };
    let value = match c.lower(i + 1).as_str() {
        "year" => format!("{}", date.year() + shift),
        "month" => {
            let shifted = shift_months(date, shift)?;
            format!("{:04}-{:02}", shifted.year(), shifted.month())
        }
        "week" => {
            let shifted = date + Duration::weeks(i64::from(shift));
            let week = shifted.iso_week();
            format!("{}-W{:02}", week.year(), week.week())
        }
        _ => return None,
    };
    Some((i + 2, value))
}

fn shift_months(date: NaiveDate, shift: i32) -> Option<NaiveDate> {
    match shift {
        s if s < 0 => date.checked_sub_months(Months::new(s.unsigned_abs())),
        s => date.checked_add_months(Months::new(s as u32)),
    }
}

/// "Tuesday" (the latest on or before the article date), "last Tuesday",
/// "next Tuesday".
fn weekday(c: &Context, i: usize) -> Option<(usize, String)> {
    let day: Weekday = c.word(i).parse().ok()?;
    if !c.word(i).starts_with(char::is_uppercase) || c.word(i).len() < 6 {
        return None;
    }
    let date = c.date?;
    let back = (date.weekday().num_days_from_monday() + 7 - day.num_days_from_monday()) % 7;
    let resolved = match c.lower(i.wrapping_sub(1)).as_str() {
        "next" => {
            date + Duration::days(match (7 - back) % 7 {
                0 => 7,
                ahead => i64::from(ahead),
            })
        }
        "last" => date - Duration::days(if back == 0 { 7 } else { i64::from(back) }),
        _ => date - Duration::days(i64::from(back)),
    };
    Some((i + 1, resolved.to_string()))
}

/// "20 years", "three days", "two-day", "a decade".
fn duration(c: &Context, i: usize) -> Option<(usize, String)> {
    let (amount, unit, end) = match c.word(i).split_once('-') {
        Some((n, u)) => (number(n)?, u.to_lowercase(), i + 1),
        None => {
            let amount = match c.lower(i).as_str() {
                "a" | "an" if matches!(c.lower(i + 1).as_str(), "decade" | "century") => 1,
                _ => number(c.word(i))?,
            };
            (amount, c.lower(i + 1), i + 2)
        }
    };
    let value = match unit.trim_end_matches('s') {
        "year" => format!("P{amount}Y"),
        "month" => format!("P{amount}M"),
        "week" => format!("P{amount}W"),
        "day" => format!("P{amount}D"),
        "decade" => format!("P{}Y", amount * 10),
        "century" | "centurie" => format!("P{}Y", amount * 100),
        "hour" => format!("PT{amount}H"),
        "minute" => format!("PT{amount}M"),
        _ => return None,
    };
    Some((end, value))
}

fn number(word: &str) -> Option<u32> {
    const WORDS: [&str; 21] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    let lower = word.to_lowercase();
    if let Some(n) = WORDS.iter().position(|w| *w == lower) {
        return Some(n as u32);
    }
    match lower.as_str() {
        "thirty" => Some(30),
        "forty" => Some(40),
        "fifty" => Some(50),
        _ => lower.parse().ok().filter(|n| (1..10_000).contains(n)),
    }
}

/// A year: "in 2021", "since 2021", "2019's", "the 1990s" (the decade 199).
fn year(c: &Context, i: usize) -> Option<(usize, String)> {
    let word = c.word(i);
    if let Some(decade) = word
        .strip_suffix('s')
        .and_then(year_number)
        .filter(|y| y % 10 == 0)
    {
        return Some((i + 1, format!("{:03}", decade / 10)));
    }
    let y = year_number(word)?;
    let previous = c.lower(i.wrapping_sub(1));
    let preposition = matches!(
        previous.as_str(),
        "in" | "since"
            | "until"
            | "by"
            | "from"
            | "of"
            | "to"
            | "before"
            | "after"
            | "during"
            | "early"
            | "late"
            | "mid"
            | "the"
    );
    (preposition || c.word(i + 1) == "'s").then(|| (i + 1, format!("{y:04}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::document::Document;
    use crate::pipeline::Pipeline;
    use crate::segment::Segmenter;

    fn times(text: &str, date: &str) -> Vec<(String, String)> {
        let mut doc = Document::from_text(text);
        doc.date = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok();
        let pipeline =
            Pipeline::from_stages(vec![Box::new(Segmenter::new()), Box::new(TimeTagger)]).unwrap();
        let annotated = pipeline.run(doc);
        annotated
            .times
            .iter()
            .map(|t| {
                (
                    t.span.slice(&annotated.document.text).to_owned(),
                    t.value.clone(),
                )
            })
            .collect()
    }

    macro_rules! resolves {
        ($($name:ident: $text:expr => [$(($span:expr, $value:expr)),*];)*) => {
            $(#[test]
            fn $name() {
                let expected: Vec<(String, String)> = vec![$(($span.to_owned(), $value.to_owned())),*];
                assert_eq!(times($text, "2023-04-25"), expected, "help: times in {:?}", $text);
            })*
        };
    }

    resolves! {
        month_and_year: "The Taliban took control of Kabul in August 2021." => [("August 2021", "2021-08")];
        last_year_possessive: "even last year's FIFA World Cup" => [("last year's", "2022")];
        duration_in_years: "after 20 years of war" => [("20 years", "P20Y")];
        duration_in_words: "three days of talks and a two-day pause" => [("three days", "P3D"), ("two-day", "P2D")];
        full_dates: "On 25 April 2023 and on April 20, 2023" => [("25 April 2023", "2023-04-25"), ("April 20, 2023", "2023-04-20")];
        date_without_year: "talks on March 3" => [("March 3", "2023-03-03")];
        weekday_is_on_or_before: "met on Monday and spoke on Tuesday" => [("Monday", "2023-04-24"), ("Tuesday", "2023-04-25")];
        last_weekday: "since last Tuesday" => [("Tuesday", "2023-04-18")];
        relative_days: "yesterday, today and tomorrow" => [("yesterday", "2023-04-24"), ("today", "2023-04-25"), ("tomorrow", "2023-04-26")];
        relative_months: "last month and next month" => [("last month", "2023-03"), ("next month", "2023-05")];
        relative_weeks: "next week" => [("next week", "2023-W18")];
        bare_year_needs_a_preposition: "since 2021, with 2021 people" => [("2021", "2021")];
        decade: "in the 1990s" => [("1990s", "199")];
        month_in_article_year: "reviewed in March" => [("March", "2023-03")];
        last_month_name: "last May was hot" => [("May", "2022-05")];
        may_the_verb: "officials may act in May 2023" => [("May 2023", "2023-05")];
        iso_date: "on 2021-08-15 it fell" => [("2021-08-15", "2021-08-15")];
        a_decade: "for a decade" => [("a decade", "P10Y")];
    }

    #[test]
    fn undated_articles_keep_absolute_dates_only() {
        let found = times("in August 2021 and last year", "");
        assert_eq!(
            found,
            vec![("August 2021".to_owned(), "2021-08".to_owned())]
        );
    }
}
