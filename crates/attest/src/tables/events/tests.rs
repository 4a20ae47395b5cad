//! Tests of the events table.
#![allow(clippy::unwrap_used)]

use super::*;
use crate::tables::tests::analysis;
use crate::tables::{Row, Table, Tabulator};

fn span(text: &str, start: usize, end: usize) -> TextSpan {
    TextSpan {
        start,
        end,
        char_start: start,
        char_end: end,
        text: text[start..end].to_owned(),
    }
}

#[test]
fn dates_read_to_the_precision_they_have() {
    let d = PartialDate::parse("2024-03-05").unwrap();
    assert_eq!(d.day_number(), Some(20240305));
    assert_eq!(d.month_number(), Some(202403));
    assert_eq!(d.fraction(), 2024.1781); // (2 * 30 + 5) / 365
    let m = PartialDate::parse("2021-08").unwrap();
    assert_eq!((m.day_number(), m.month_number()), (None, Some(202108)));
    assert_eq!(m.fraction(), 2021.5753); // 7 * 30 / 365
    let y = PartialDate::parse("2021").unwrap();
    assert_eq!(
        (y.day_number(), y.month_number(), y.year),
        (None, None, 2021)
    );
    assert_eq!(y.fraction(), 2021.0);
    assert_eq!(
        PartialDate::parse("2021-08-15T10:00:00Z")
            .unwrap()
            .day_number(),
        Some(20210815)
    );
    assert_eq!(
        PartialDate::parse("1979-01-01").unwrap().fraction(),
        1979.0027
    );
    assert_eq!(
        PartialDate::parse("2024-12-31").unwrap().fraction(),
        2024.989
    );
    for bad in [
        "",
        "P20Y",
        "2021-W33",
        "21-08-15",
        "2021-13",
        "2021-02-30",
        "2021-08-15-01",
        "２０２１",
        "2021--15",
        "-2021",
    ] {
        assert_eq!(PartialDate::parse(bad), None, "{bad:?}");
    }
    assert!(PartialDate::parse("2024-02-29").is_some());
    assert!(PartialDate::parse("2023-02-29").is_none());
}

#[test]
fn codes_break_into_base_and_root() {
    assert_eq!(
        (prefix("0251", 3), prefix("0251", 2)),
        ("025".into(), "02".into())
    );
    assert_eq!(
        (prefix("19", 3), prefix("19", 2)),
        ("19".into(), "19".into())
    );
    assert_eq!(prefix("", 2), "");
}

#[test]
fn the_lead_paragraph_ends_at_the_first_paragraph_break() {
    let text = "One. Two.\n\nThree.\nFour.";
    let sentences = [
        span(text, 0, 4),
        span(text, 5, 9),
        span(text, 11, 17),
        span(text, 18, 23),
    ];
    assert_eq!(lead_paragraph_end(text, &sentences), 9);
    // Without blank lines, line breaks part paragraphs.
    let text = "One. Two.\nThree.";
    let sentences = [span(text, 0, 4), span(text, 5, 9), span(text, 10, 16)];
    assert_eq!(lead_paragraph_end(text, &sentences), 9);
    // Without line breaks, the first sentence is the lead.
    let text = "One. Two. Three.";
    let sentences = [span(text, 0, 4), span(text, 5, 9), span(text, 10, 16)];
    assert_eq!(lead_paragraph_end(text, &sentences), 4);
    assert_eq!(lead_paragraph_end(text, &[]), 0);
    // Offsets beyond the text (a damaged analysis) do not panic.
    let bad = TextSpan {
        start: 90,
        end: 99,
        char_start: 90,
        char_end: 99,
        text: String::new(),
    };
    assert_eq!(lead_paragraph_end(text, &[span(text, 0, 4), bad]), 4);
}

#[test]
fn rows_carry_actors_places_dates_and_attributions() {
    let analysis = analysis();
    let rows = Tabulator::new().rows(Table::Events, "7", &analysis);
    assert_eq!(rows.len(), 3);
    let [shelled, raid, broken] = &rows[..] else {
        panic!("three rows")
    };
    let cells = |row: &Row, names: &[&str]| -> Vec<serde_json::Value> {
        names.iter().map(|n| row[*n].clone()).collect()
    };
    assert_eq!(shelled["GlobalEventID"], "7-v1");
    assert_eq!(
        cells(shelled, &["Day", "MonthYear", "Year", "DATEADDED"]),
        [20240305, 202403, 2024, 20240305],
        "no date of its own: the article's"
    );
    assert_eq!(shelled["Actor1Code"], "RUSMIL");
    assert_eq!(shelled["Actor2Name"], "Kharkiv");
    assert_eq!(shelled["Actor2Code"], "UKR");
    assert_eq!(shelled["Actor2CountryCode"], "UKR");
    assert_eq!(shelled["ActionGeo_CountryCode"], "UA");
    assert_eq!(shelled["ActionGeo_Lat"], 49.98);
    assert_eq!(shelled["IsRootEvent"], 1);
    assert_eq!(
        cells(shelled, &["EventBaseCode", "EventRootCode"]),
        ["195", "19"]
    );
    assert_eq!(shelled["SOURCEURL"], "Wire");
    assert!(shelled["Attribution"].is_null());

    assert_eq!(
        cells(raid, &["Day", "MonthYear", "Year"]),
        [serde_json::Value::Null, 202408.into(), 2024.into()]
    );
    assert_eq!(raid["FractionDate"], 2024.5753);
    assert_eq!(raid["IsRootEvent"], 0);
    assert_eq!(raid["NumMentions"], 2);
    assert_eq!(raid["EventBaseCode"], "195");
    assert_eq!(raid["Attribution"], "Ukrainian army: said");
    assert_eq!(raid["AttributionVia"], "Wire");
    assert_eq!(
        raid["Evidence"],
        "The army said the raid went on in August. | The army said the raid went on in August."
    );
    assert_eq!(cells(raid, &["EvidenceStart", "EvidenceEnd"]), [25, 66]);

    // Ids that lead nowhere leave their cells empty; nothing panics.
    assert!(broken["Actor1Name"].is_null() && broken["Actor2Name"].is_null());
    assert_eq!(broken["Day"], 20240305, "a duration is no date");
    assert!(broken["Attribution"].is_null() && broken["EvidenceStart"].is_null());
    assert_eq!(broken["IsRootEvent"], 0);
    assert_eq!(broken["Evidence"], "");
}

#[test]
fn place_countries_become_alpha3() {
    let countries = country_codes();
    assert_eq!(countries.get("UA").map(String::as_str), Some("UKR"));
    assert_eq!(countries.get("AF").map(String::as_str), Some("AFG"));
    assert_eq!(countries.get("ZZ"), None);
}
