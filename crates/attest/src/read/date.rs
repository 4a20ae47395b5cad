//! Publication dates in the forms articles and feeds write them.

use std::sync::LazyLock;

use chrono::{DateTime, NaiveDate};
use regex::Regex;

/// The calendar date of a publication timestamp, as the publisher wrote it.
///
/// Accepts ISO 8601 dates and timestamps (`2023-04-25`, `2023-04-25T10:00:00Z`,
/// `20230425`), slashed dates (`2023/04/25`), RFC 2822 (`Tue, 25 Apr 2023
/// 10:00:00 +0000`) and written dates (`April 25, 2023`, `25 Apr 2023`, with or
/// without a weekday). A timestamp keeps the date of its own time zone: a story
/// stamped `2023-04-25T23:30:00-05:00` appeared on the 25th where it was written.
pub fn parse_date(raw: &str) -> Option<NaiveDate> {
    let s = raw.trim();
    iso_date(s)
        .or_else(|| DateTime::parse_from_rfc2822(s).ok().map(|t| t.date_naive()))
        .or_else(|| written_date(s))
}

static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{4})[-/]?(\d{2})[-/]?(\d{2})(?:$|[T\s])").expect("ISO date pattern is valid")
});

fn iso_date(s: &str) -> Option<NaiveDate> {
    let caps = ISO.captures(s)?;
    let number = |i: usize| caps.get(i)?.as_str().parse::<u32>().ok();
    NaiveDate::from_ymd_opt(i32::try_from(number(1)?).ok()?, number(2)?, number(3)?)
}

static WRITTEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?:[A-Za-z]+,?\s+)??",
        r"(?:(?P<m1>[A-Za-z]+)\.?\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{4})",
        r"|(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?P<m2>[A-Za-z]+)\.?,?\s+(?P<y2>\d{4}))",
        r"\b"
    ))
    .expect("written date pattern is valid")
});

fn written_date(s: &str) -> Option<NaiveDate> {
    let caps = WRITTEN.captures(s)?;
    let pick = |a: &str, b: &str| caps.name(a).or_else(|| caps.name(b)).map(|m| m.as_str());
    let month = month_number(pick("m1", "m2")?)?;
    let day = pick("d1", "d2")?.parse().ok()?;
    let year = pick("y1", "y2")?.parse().ok()?;
    NaiveDate::from_ymd_opt(year, month, day)
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
}
