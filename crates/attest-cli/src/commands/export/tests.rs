//! Tests of the event export.
#![allow(clippy::unwrap_used)]

use super::*;

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
fn the_columns_are_the_row_keys_in_order() {
    let row = Row {
        global_event_id: "1-v1".into(),
        day: None,
        month_year: None,
        year: None,
        fraction_date: None,
        actor1_code: None,
        actor1_name: None,
        actor1_country_code: None,
        actor2_code: None,
        actor2_name: None,
        actor2_country_code: None,
        is_root_event: 0,
        event_code: String::new(),
        event_base_code: String::new(),
        event_root_code: String::new(),
        quad_class: None,
        goldstein_scale: None,
        num_mentions: 0,
        num_sources: 1,
        num_articles: 1,
        action_geo_full_name: None,
        action_geo_country_code: None,
        action_geo_lat: None,
        action_geo_long: None,
        date_added: None,
        source_url: String::new(),
        plover_type: None,
        plover_mode: None,
        modality: String::new(),
        evidence: String::new(),
        evidence_start: None,
        evidence_end: None,
        attribution: None,
        attribution_via: None,
    };
    let value = serde_json::to_value(&row).unwrap();
    let keys: Vec<&str> = value
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, COLUMNS);
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

fn text_span(text: &str) -> serde_json::Value {
    serde_json::json!({"start": 0, "end": text.len(), "char_start": 0,
                       "char_end": text.chars().count(), "text": text})
}

/// A hand-made analysis: a place target, an attributed event with a
/// month-only date, and an event whose ids lead nowhere.
fn analysis() -> Analysis {
    let text = "Troops shelled Kharkiv.\n\nThe army said the raid went on in August.";
    let sentence = |start: usize, end: usize| {
        serde_json::json!({"start": start, "end": end, "char_start": start,
                           "char_end": end, "text": &text[start..end]})
    };
    let lead = sentence(0, 23);
    let later = sentence(25, text.len());
    serde_json::from_value(serde_json::json!({
        "schema": 1,
        "document": {"id": "k1", "date": "2024-03-05", "source": "Wire", "url": null,
                     "title": null, "text": text, "meta": {}},
        "sentences": [lead.clone(), later.clone()],
        "entities": [
            {"id": "e1", "name": "Russian forces", "kind": "military", "code": "RUSMIL",
             "role": null, "affiliation": null, "country": "RUS", "mentions": []},
            {"id": "e2", "name": "Ukrainian army", "kind": "military", "code": "UKRMIL",
             "role": null, "affiliation": null, "country": "UKR", "mentions": []},
            {"id": "e3", "name": "Wire", "kind": "news outlet", "code": null,
             "role": null, "affiliation": null, "country": null, "mentions": []}
        ],
        "places": [{"id": "p1", "name": "Kharkiv", "kind": "city", "country": "UA",
                    "lat": 49.98, "lon": 36.25, "mentions": []}],
        "times": [],
        "attributions": [{"id": "a1", "kind": "indirect", "cue": [text_span("said")],
                          "source": [text_span("The army")], "speaker": "e2",
                          "content": [], "quoted": [], "via": ["e3", "e9"], "cites": []}],
        "events": [
            {"id": "v1", "source": "e1", "target": "p1", "cameo": "195",
             "cameo_name": "Employ aerial weapons", "plover": "ASSAULT", "plover_mode": null,
             "goldstein": -10.0, "quad_class": 4, "modality": "asserted", "date": null,
             "place": "p1", "evidence": [lead], "attribution": null},
            {"id": "v2", "source": "e1", "target": null, "cameo": "1951",
             "cameo_name": "", "plover": null, "plover_mode": null, "goldstein": null,
             "quad_class": null, "modality": "asserted", "date": "2024-08",
             "place": null, "evidence": [later.clone(), later], "attribution": "a1"},
            {"id": "v3", "source": "e7", "target": "x1", "cameo": "01", "cameo_name": "",
             "plover": null, "plover_mode": null, "goldstein": null, "quad_class": null,
             "modality": "negated", "date": "P2D", "place": "p5", "evidence": [],
             "attribution": "a8"}
        ],
        "disputes": []
    }))
    .unwrap()
}

#[test]
fn rows_carry_actors_places_dates_and_attributions() {
    let analysis = analysis();
    let mut countries = Countries::default();
    let rows: Vec<Row> = rows(7, &analysis, &mut countries).collect();
    assert_eq!(rows.len(), 3);
    let [shelled, raid, broken] = &rows[..] else {
        panic!("three rows")
    };
    assert_eq!(shelled.global_event_id, "7-v1");
    assert_eq!(
        (
            shelled.day,
            shelled.month_year,
            shelled.year,
            shelled.date_added
        ),
        (Some(20240305), Some(202403), Some(2024), Some(20240305)),
        "no date of its own: the article's"
    );
    assert_eq!(shelled.actor1_code.as_deref(), Some("RUSMIL"));
    assert_eq!(shelled.actor2_name.as_deref(), Some("Kharkiv"));
    assert_eq!(shelled.actor2_code.as_deref(), Some("UKR"));
    assert_eq!(shelled.actor2_country_code.as_deref(), Some("UKR"));
    assert_eq!(shelled.action_geo_country_code.as_deref(), Some("UA"));
    assert_eq!(shelled.action_geo_lat, Some(49.98));
    assert_eq!(shelled.is_root_event, 1);
    assert_eq!(
        (
            shelled.event_base_code.as_str(),
            shelled.event_root_code.as_str()
        ),
        ("195", "19")
    );
    assert_eq!(shelled.source_url, "Wire");
    assert_eq!(shelled.attribution, None);

    assert_eq!(
        (raid.day, raid.month_year, raid.year),
        (None, Some(202408), Some(2024))
    );
    assert_eq!(raid.fraction_date, Some(2024.5753));
    assert_eq!(raid.is_root_event, 0);
    assert_eq!(raid.num_mentions, 2);
    assert_eq!(raid.event_base_code, "195");
    assert_eq!(raid.attribution.as_deref(), Some("Ukrainian army: said"));
    assert_eq!(raid.attribution_via.as_deref(), Some("Wire"));
    assert_eq!(
        raid.evidence,
        "The army said the raid went on in August. | The army said the raid went on in August."
    );
    assert_eq!(
        (raid.evidence_start, raid.evidence_end),
        (Some(25), Some(66))
    );

    // Ids that lead nowhere leave their cells empty; nothing panics.
    assert_eq!(
        (broken.actor1_name.as_ref(), broken.actor2_name.as_ref()),
        (None, None)
    );
    assert_eq!(broken.day, Some(20240305), "a duration is no date");
    assert_eq!(
        (broken.attribution.as_ref(), broken.evidence_start),
        (None, None)
    );
    assert_eq!(broken.is_root_event, 0);

    let mut csv = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(vec![]);
    csv.serialize(raid).unwrap();
    let line = String::from_utf8(csv.into_inner().unwrap()).unwrap();
    assert!(
        line.starts_with("7-v2,,202408,2024,2024.5753,RUSMIL,"),
        "{line}"
    );
}

#[test]
fn place_countries_become_alpha3() {
    let mut countries = Countries::default();
    assert_eq!(countries.alpha3("UA").as_deref(), Some("UKR"));
    assert_eq!(countries.alpha3("AF").as_deref(), Some("AFG"));
    assert_eq!(countries.alpha3("ZZ"), None);
}
