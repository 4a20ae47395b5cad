//! Publication dates as the readers parse them: no panic, years 1 to 9999
//! only, and a date read back from its ISO form is the same date.

use attest::read::parse_date;
use chrono::Datelike;

fn main() {
    afl::fuzz!(|data: &[u8]| {
        let Ok(raw) = std::str::from_utf8(data) else {
            return;
        };
        if let Some(date) = parse_date(raw) {
            assert!((1..=9999).contains(&date.year()), "{raw:?} read as {date}");
            assert_eq!(parse_date(&date.to_string()), Some(date), "{raw:?}");
        }
    });
}
