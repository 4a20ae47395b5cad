//! Publication dates in the forms articles and feeds write them.

use std::sync::LazyLock;

use chrono::{DateTime, Datelike, NaiveDate};
use regex::Regex;

/// The calendar date of a publication timestamp, as the publisher wrote it.
///
/// Accepts ISO 8601 dates and timestamps (`2023-04-25`, `2023-04-25T10:00:00Z`,
/// `20230425`), slashed dates (`2023/04/25`), RFC 2822 (`Tue, 25 Apr 2023
/// 10:00:00 +0000`) and written dates (`April 25, 2023`, `25 Apr 2023`, with or
/// without a weekday). A timestamp keeps the date of its own time zone: a story
/// stamped `2023-04-25T23:30:00-05:00` appeared on the 25th where it was written.
///
/// Only years 1 to 9999 are dates: year 0 or a time zone that moves a
/// timestamp out of that range gives `None`, as a date written out of it
/// (ISO 8601 has no year 0 and prints years past 9999 with a sign) would not
/// sort or print as the dates around it do.
pub fn parse_date(raw: &str) -> Option<NaiveDate> {
    let s = raw.trim();
    iso_date(s)
        .or_else(|| DateTime::parse_from_rfc2822(s).ok().map(|t| t.date_naive()))
        .or_else(|| written_date(s))
        .and_then(in_range)
}

/// The date a date line opens with, and how many bytes of `line` it takes
/// with the time of day and zone written after it (`April 25, 2023 10:30 AM
/// EDT`, `2023-04-25T10:00:00Z`, a whole RFC 2822 stamp). A word before a
/// written date must be a weekday, and an RFC 2822 comment is not taken, so
/// that cutting what this takes from a text cuts nothing but the date.
pub(crate) fn date_prefix(line: &str) -> Option<(NaiveDate, usize)> {
    let stamp = line.trim_end();
    if !stamp.contains('(') {
        if let Ok(time) = DateTime::parse_from_rfc2822(stamp) {
            return in_range(time.date_naive()).map(|date| (date, stamp.len()));
        }
    }
    let (date, end) = iso_parts(line).or_else(|| written_parts(line, true))?;
    let time = TIME_OF_DAY.find(&line[end..]).map_or(0, |m| m.end());
    Some((in_range(date)?, end + time))
}

fn in_range(date: NaiveDate) -> Option<NaiveDate> {
    (1..=9999).contains(&date.year()).then_some(date)
}

/// A time of day after a date, with its zone: `T10:00:00Z`, ` 10:30 a.m.
/// EDT`, `, 10:00 +0200`, ` at 9.15 GMT+1`, ` - 10:30 (CEST)`.
static TIME_OF_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?:T|[ \t]*,?[ \t]*(?:(?i:at)[ \t]+|[-–—|@][ \t]*)?)",
        r"\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:[.,]\d+)?)?",
        r"(?:[ \t]*[AaPp]\.?[Mm]\b\.?)?",
        r"(?:[ \t]*(?:Z\b|[+-]\d{2}(?::?\d{2})?\b|(?:UTC|GMT)(?:[+-]\d{1,2}(?::?\d{2})?)?\b|\(?[A-Z]{2,5}\b\)?))?"
    ))
    .expect("time of day pattern is valid")
});

static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{4})[-/]?(\d{2})[-/]?(\d{2})(?:$|[T\s])").expect("ISO date pattern is valid")
});

fn iso_date(s: &str) -> Option<NaiveDate> {
    iso_parts(s).map(|(date, _)| date)
}

/// An ISO date at the start of `s`, and where its day ends.
fn iso_parts(s: &str) -> Option<(NaiveDate, usize)> {
    let caps = ISO.captures(s)?;
    let number = |i: usize| caps.get(i)?.as_str().parse::<u32>().ok();
    let date = NaiveDate::from_ymd_opt(i32::try_from(number(1)?).ok()?, number(2)?, number(3)?)?;
    Some((date, caps.get(3)?.end()))
}

static WRITTEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?:(?P<weekday>[A-Za-z]+),?\s+)??",
        r"(?:(?P<m1>[A-Za-z]+)\.?\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{4})",
        r"|(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?P<m2>[A-Za-z]+)\.?,?\s+(?P<y2>\d{4}))",
        r"\b"
    ))
    .expect("written date pattern is valid")
});

fn written_date(s: &str) -> Option<NaiveDate> {
    written_parts(s, false).map(|(date, _)| date)
}

/// A written date at the start of `s`, and where its year ends; with
/// `weekday_only`, a word before it must be a weekday's name.
fn written_parts(s: &str, weekday_only: bool) -> Option<(NaiveDate, usize)> {
    let caps = WRITTEN.captures(s)?;
    if let (true, Some(word)) = (weekday_only, caps.name("weekday")) {
        is_weekday(word.as_str()).then_some(())?;
    }
    let pick = |a: &str, b: &str| caps.name(a).or_else(|| caps.name(b)).map(|m| m.as_str());
    let month = month_number(pick("m1", "m2")?)?;
    let day = pick("d1", "d2")?.parse().ok()?;
    let year = pick("y1", "y2")?.parse().ok()?;
    Some((
        NaiveDate::from_ymd_opt(year, month, day)?,
        caps.get(0)?.end(),
    ))
}

fn is_weekday(word: &str) -> bool {
    const WEEKDAYS: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let lower = word.to_ascii_lowercase();
    lower.len() >= 3 && WEEKDAYS.iter().any(|day| day.starts_with(&lower))
}

/// English month names, January first.
pub(crate) const MONTH_NAMES: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn month_number(name: &str) -> Option<u32> {
    let lower = name.to_ascii_lowercase();
    if lower.len() < 3 {
        return None;
    }
    let position = MONTH_NAMES
        .iter()
        .position(|m| lower.starts_with(&m[..3]))?;
    let full = MONTH_NAMES[position];
    let abbreviation_ok = lower.len() <= 4 && (lower == full[..3] || lower == "sept");
    (abbreviation_ok || full.starts_with(&lower)).then_some(position as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn usual_forms_normalise() {
        for raw in [
            "2023-04-25",
            "2023-04-25T10:00:00Z",
            "2023-04-25T23:30:00-05:00",
            "2023-04-25 10:00",
            "20230425",
            "2023/04/25",
            "Tue, 25 Apr 2023 10:00:00 +0000",
            "April 25, 2023",
            "Apr. 25, 2023",
            "Tuesday, April 25, 2023",
            "25 April 2023",
            "25th Apr 2023",
            "Sept 25, 2023",
        ] {
            let expected = if raw.starts_with("Sept") {
                ymd(2023, 9, 25)
            } else {
                ymd(2023, 4, 25)
            };
            assert_eq!(parse_date(raw), expected, "{raw}");
        }
    }

    #[test]
    fn nonsense_is_no_date() {
        for raw in [
            "",
            "yesterday",
            "2023-13-45",
            "Maybe 5, 2023",
            "Ma 5, 2023",
            "12345",
        ] {
            assert_eq!(parse_date(raw), None, "{raw}");
        }
    }

    #[test]
    fn years_outside_1_to_9999_are_no_date() {
        for raw in [
            "0000-01-03",
            "0000-12-31T23:00:00Z",
            "00000101",
            "January 3, 0000",
            "3 Jan 0000",
            "1 Jan 0000 10:00:00 +0000",
        ] {
            assert_eq!(parse_date(raw), None, "{raw}");
        }
        assert_eq!(parse_date("0001-01-01"), ymd(1, 1, 1));
        assert_eq!(parse_date("9999-12-31"), ymd(9999, 12, 31));
    }
}
