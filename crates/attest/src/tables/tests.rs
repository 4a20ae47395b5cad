//! Tests of the tables: every row has its table's columns, in order, with
//! cells of the declared kinds, and the records land in the right cells.
#![allow(clippy::unwrap_used)]

use serde_json::{Value, json};

use super::*;

const TEXT: &str =
    "Troops shelled Kharkiv.\n\nThe army said the raid went on in August. Moscow denied it.";

/// The span of the first `needle` in [`TEXT`] (ASCII: bytes are chars).
fn at(needle: &str) -> Value {
    let start = TEXT.find(needle).unwrap();
    let end = start + needle.len();
    json!({"start": start, "end": end, "char_start": start, "char_end": end,
           "text": needle})
}

/// A hand-made analysis: a place target, an attributed event with a
/// month-only date, an event whose ids lead nowhere, and a dispute.
pub(super) fn analysis() -> Analysis {
    let lead = at("Troops shelled Kharkiv.");
    let later = at("The army said the raid went on in August.");
    let mention = |needle: &str| json!({"span": at(needle), "resolved_by": "name"});
    serde_json::from_value(json!({
        "schema": 1,
        "document": {"id": "k1", "date": "2024-03-05", "source": "Wire", "url": null,
                     "title": "Shelling", "text": TEXT, "meta": {}},
        "sentences": [lead.clone(), later.clone(), at("Moscow denied it.")],
        "entities": [
            {"id": "e1", "name": "Russian forces", "kind": "military", "code": "RUSMIL",
             "role": null, "affiliation": null, "country": "RUS",
             "mentions": [mention("Moscow"), mention("Troops")]},
            {"id": "e2", "name": "Ukrainian army", "kind": "military", "code": "UKRMIL",
             "role": "army", "affiliation": null, "country": "UKR",
             "mentions": [mention("The army")]},
            {"id": "e3", "name": "Wire", "kind": "news outlet", "code": null,
             "role": null, "affiliation": null, "country": null, "mentions": []}
        ],
        "places": [{"id": "p1", "name": "Kharkiv", "kind": "city", "country": "UA",
                    "lat": 49.98, "lon": 36.25, "mentions": [mention("Kharkiv")]}],
        "times": [],
        "attributions": [
            {"id": "a1", "kind": "indirect", "cue": [at("said")],
             "source": [at("The army")], "speaker": "e2",
             "content": [at("the raid went on in August")], "quoted": [],
             "via": ["e3", "e9"], "cites": []},
            {"id": "a2", "kind": "indirect", "cue": [at("denied")],
             "source": [at("Moscow")], "speaker": null, "content": [at("it")],
             "quoted": [], "via": [], "cites": []}
        ],
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
        "disputes": [{"id": "d1", "by": "a2", "against": ["a1"],
                      "evidence": [at("Moscow denied it.")]}]
    }))
    .unwrap()
}

/// Whether a cell fits its column: null, or a value of the declared kind.
fn fits(kind: ColumnType, cell: &Value) -> bool {
    match (kind, cell) {
        (_, Value::Null) => true,
        (ColumnType::Text, Value::String(_)) => true,
        (ColumnType::Integer, Value::Number(n)) => n.is_i64() || n.is_u64(),
        (ColumnType::Float, Value::Number(n)) => n.is_f64(),
        _ => false,
    }
}

#[test]
fn every_row_has_its_tables_columns_in_order_with_cells_of_their_kinds() {
    let analysis = analysis();
    let tabulator = Tabulator::new();
    let mut empty = analysis.clone();
    empty.document.date = None;
    empty.document.source = None;
    for table in Table::ALL {
        let names: Vec<&str> = table.columns().iter().map(|c| c.name).collect();
        let mut unique = names.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), names.len(), "{table}: a column twice");
        let rows = [
            tabulator.rows(table, "7", &analysis),
            tabulator.rows(table, "8", &empty),
        ]
        .concat();
        assert!(rows.len() >= 2, "{table}: rows to check");
        for row in &rows {
            let keys: Vec<&str> = row.keys().map(String::as_str).collect();
            assert_eq!(keys, names, "{table}");
            for column in table.columns() {
                let cell = &row[column.name];
                assert!(fits(column.kind, cell), "{table}.{}: {cell}", column.name);
            }
        }
        for column in table.columns() {
            assert!(
                !column.doc.is_empty() && !column.doc.contains('\n'),
                "{table}.{}: one line of doc",
                column.name
            );
        }
    }
}

#[test]
fn tables_are_named_as_the_command_line_spells_them() {
    for table in Table::ALL {
        assert_eq!(table.name().parse::<Table>(), Ok(table));
        assert_eq!(table.to_string(), table.name());
    }
    let error = "places".parse::<Table>().unwrap_err();
    assert!(
        error.contains("events, attributions, entities, articles"),
        "{error}"
    );
}

#[test]
fn attribution_rows_name_speaker_outlets_disputes_and_offsets() {
    let analysis = analysis();
    let rows = Tabulator::new().rows(Table::Attributions, "7", &analysis);
    let [said, denied] = &rows[..] else {
        panic!("two rows")
    };
    assert_eq!(said["ArticleID"], "7");
    assert_eq!(said["AttributionID"], "7-a1");
    assert_eq!(said["Date"], "2024-03-05");
    assert_eq!(said["Source"], "Wire");
    assert!(said["URL"].is_null());
    assert_eq!(said["Speaker"], "7-e2");
    assert_eq!(said["SpeakerName"], "Ukrainian army");
    assert_eq!(said["SpeakerCountry"], "UKR");
    assert_eq!(said["SpeakerRole"], "army");
    assert_eq!(said["SourceText"], "The army");
    assert_eq!(said["Cue"], "said");
    assert_eq!(said["Via"], "Wire", "an unknown id is left out");
    assert_eq!(said["RejectedBy"], "7-a2");
    assert!(said["Rejects"].is_null());
    assert_eq!(said["Events"], 1);
    let slice = |row: &Row, name: &str| -> String {
        let start = row[format!("{name}Start").as_str()].as_u64().unwrap() as usize;
        let end = row[format!("{name}End").as_str()].as_u64().unwrap() as usize;
        TEXT.chars().skip(start).take(end - start).collect()
    };
    assert_eq!(slice(said, "Content"), said["Content"]);
    assert_eq!(slice(said, "Cue"), "said");
    assert_eq!(slice(said, "Source"), "The army");

    assert!(denied["Speaker"].is_null() && denied["SpeakerName"].is_null());
    assert_eq!(denied["SourceText"], "Moscow");
    assert_eq!(denied["Rejects"], "7-a1");
    assert!(denied["RejectedBy"].is_null());
    assert_eq!(denied["Events"], 0);
}

#[test]
fn entity_rows_count_mentions_statements_and_events() {
    let analysis = analysis();
    let rows = Tabulator::new().rows(Table::Entities, "k1", &analysis);
    assert_eq!(rows.len(), 3);
    let forces = &rows[0];
    assert_eq!(forces["EntityID"], "k1-e1");
    assert_eq!(forces["Code"], "RUSMIL");
    assert_eq!(forces["Mentions"], 2);
    assert_eq!(forces["FirstMention"], "Troops", "the first in the text");
    assert_eq!(
        (forces["FirstStart"].clone(), forces["FirstEnd"].clone()),
        (0.into(), 6.into())
    );
    assert_eq!(forces["EventsAsActor1"], 2);
    assert_eq!(forces["EventsAsActor2"], 0);
    assert_eq!(rows[1]["Statements"], 1);
    let wire = &rows[2];
    assert_eq!(wire["Mentions"], 0);
    assert!(wire["FirstMention"].is_null() && wire["FirstStart"].is_null());
}

#[test]
fn the_article_row_counts_its_records_and_carries_its_text() {
    let analysis = analysis();
    let rows = Tabulator::new().rows(Table::Articles, "7", &analysis);
    let [row] = &rows[..] else {
        panic!("one row an article")
    };
    assert_eq!(row["ArticleID"], "7");
    assert_eq!(row["DocumentID"], "k1");
    assert_eq!(row["Title"], "Shelling");
    assert_eq!(row["Characters"], TEXT.chars().count());
    let counts: Vec<&Value> = [
        "Sentences",
        "Entities",
        "Places",
        "Attributions",
        "Events",
        "Disputes",
    ]
    .iter()
    .map(|c| &row[*c])
    .collect();
    assert_eq!(
        counts,
        [
            &json!(3),
            &json!(3),
            &json!(1),
            &json!(2),
            &json!(3),
            &json!(1)
        ]
    );
    assert_eq!(row["Text"], TEXT);
}

#[test]
fn a_tabulator_is_shared_across_threads() {
    fn shared<T: Send + Sync>() {}
    shared::<Tabulator>();
}
