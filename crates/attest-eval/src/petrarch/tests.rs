//! Tests of the PETRARCH validation reader and scorer.
#![allow(clippy::unwrap_used)]

use super::*;

const FILE: &str = r#"<?xml version='1.0' encoding='utf-8'?>
<Validation>
<!--
#   Use <Sentence ... evaluate="false"> to bypass a case, but add a comment in <!-- ... -->
#   more of the header -- with dashes and <Sentence id="FAKE-1" date="19950101">
-->
<Sentences>
<Sentence date = "19950101" id ="DEMO-01" category="DEMO" sentence="true">
<!-- a comment <Sentence id="FAKE-2"> </Sentence> -->
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"></EventCoding>
<EventCoding eventcode='042' sourcecode='"INJURY TOLL"' targetcode = "---" />
<Text>
Arnor is about to restore   full diplomatic ties
  with Gondor &amp; Osgiliath.
</Text>
<Parse>(ROOT (S (NP (NNP Arnor))))</Parse>
</Sentence>

<Sentence category="DEMO" date="19950102" id="DEMO-02" evaluate="true">
<EventCoding noevents="True" />
<Text>Nothing happens here.</Text>
</Sentence>

<Sentence category="ERROR" date="19950103" id="ERROR-01" evaluate="true">
<EventCoding error="dateline"></EventCoding>
<Text>ARNOR CITY, Jan 3 (Reuters) -</Text>
</Sentence>

<Sentence category="ACTOR" date="19950104" id="ACTOR-01" evaluate="false">
<EventCoding eventcode="040" sourcecode="&quot;THE MINISTRY&quot;" targetcode="GON" />
<Text>The Ministry left.</Text>
</Sentence>

<Sentence category="VERB" date="1995-01-05" id="VERB-01">
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"/>
<Text>Broken date.</Text>
</Sentence>

<Sentence category="VERB" date="19950106" id="VERB-02">
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"/>
<Text>Never closed.

<Sentence category="VERB" date="19950107" id="VERB-03">
<EventCoding sourcecode="---GOV" targetcode="GON"/>
<Text>No event code.</Text>
</Sentence>
<Sentence category="MODIFY" date="19950108" id="MODIFY-01">
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"/>
<PLEvent {"event": "064", "source": [{"code": "ARN"}]}>
<Text>Arnor met Gondor.</Text>
</Sentence>
</Sentences>
</Validation>
"#;

#[test]
fn comments_with_fake_markup_are_dropped_and_quotings_read() {
    let file = read_validation(FILE);
    let ids: Vec<&str> = file.records.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["DEMO-01", "DEMO-02", "ERROR-01", "MODIFY-01"]);
    let demo = &file.records[0];
    assert_eq!(demo.line, 8, "lines count the dropped comments");
    assert_eq!(demo.date, NaiveDate::from_ymd_opt(1995, 1, 1).unwrap());
    assert_eq!(demo.category, "DEMO");
    assert_eq!(
        demo.text,
        "Arnor is about to restore full diplomatic ties with Gondor & Osgiliath."
    );
    assert_eq!(
        demo.expected,
        [
            Triple::new("ARN", "GON", "064"),
            Triple::new("\"INJURY TOLL\"", "---", "042"),
        ]
    );
    assert_eq!(demo.error, None);
}

#[test]
fn noevents_and_error_expect_nothing() {
    let file = read_validation(FILE);
    assert!(file.records[1].expected.is_empty());
    assert_eq!(file.records[1].error, None);
    assert!(file.records[2].expected.is_empty());
    assert_eq!(file.records[2].error.as_deref(), Some("dateline"));
    assert_eq!(file.records[3].expected, [Triple::new("ARN", "GON", "064")]);
}

#[test]
fn excluded_and_broken_records_are_skipped_with_their_lines() {
    let file = read_validation(FILE);
    let skipped: Vec<(usize, Option<&str>, bool)> = file
        .skipped
        .iter()
        .map(|s| (s.line, s.id.as_deref(), s.excluded))
        .collect();
    assert_eq!(
        skipped,
        [
            (29, Some("ACTOR-01"), true),
            (34, Some("VERB-01"), false),
            (39, Some("VERB-02"), false),
            (43, Some("VERB-03"), false),
        ]
    );
    assert!(file.skipped[1].reason.contains("YYYYMMDD"));
    assert!(file.skipped[2].reason.contains("</Sentence>"));
    assert!(file.skipped[3].reason.contains("eventcode"));
    assert!(file.skipped[3].reason.contains("line 44"));
}

#[test]
fn nothing_panics_on_truncated_or_odd_input() {
    for text in [
        "",
        "<Sentence",
        "<Sentence id=",
        "<Sentence id='x",
        "<Sentence id=\"x\" date=\"19950101\">",
        "<Sentence id=\"x\" date=\"19950101\"><Text>a</Text>",
        "<Sentence id=\"x\" date=\"19950101\"><EventCoding",
        "<Sentence id=\"x\" date=\"19950101\"/></Sentence>",
        "<Sentence id=\"x\" date=\"19950101\"><Text></Text></Sentence>",
        "<Sentence id=\"x\" date=\"19950101\"><Text>&#xZZ; &; &amp</Text></Sentence>",
        "<Sentence id=\"é\" date=\"19950101\" é><Text>a</Text></Sentence>",
        "<!-- never closed <Sentence id=\"x\">",
    ] {
        let file = read_validation(text);
        assert!(file.records.len() <= 1, "{text}");
    }
    let file = read_validation("<!-- a -->\n<!-- never closed\n<Sentence id=\"x\">");
    assert_eq!(file.skipped.len(), 1);
    assert_eq!(file.skipped[0].line, 2);
    let file = read_validation(
        "<Sentence id=\"x\" date=\"19950101\"><Text>&#xZZ; &; &amp &lt;b&gt;</Text></Sentence>",
    );
    assert_eq!(file.records[0].text, "&#xZZ; &; &amp <b>");
}

#[test]
fn joined_codes_match_either_way() {
    let t = |s: &str, g: &str| Triple::new(s, g, "050");
    let predicted = [t("FRO/BIL/SAM", "GON")];
    let outcome = match_triples(&[t("FRO/BIL/SAM", "GON")], &predicted);
    assert_eq!((outcome.found.len(), outcome.extra.len()), (1, 0));
    let split = [t("FRO", "GON"), t("BIL", "GON"), t("SAM", "GON")];
    let outcome = match_triples(&split, &predicted);
    assert_eq!((outcome.found.len(), outcome.extra.len()), (3, 0));
}

#[test]
fn triples_match_as_multisets() {
    let t = |s: &str, e: &str| Triple::new(s, "GON", e);
    let expected = [t("ARN", "064"), t("ARN", "064"), t("HOB", "111")];
    let predicted = [
        t("ARN", "064"),
        t("ARN", "042"),
        t("ARN", "064"),
        t("ARN", "064"),
    ];
    let outcome = match_triples(&expected, &predicted);
    assert_eq!(outcome.found, [t("ARN", "064"), t("ARN", "064")]);
    assert_eq!(outcome.missed, [t("HOB", "111")]);
    assert_eq!(outcome.extra, [t("ARN", "042"), t("ARN", "064")]);
    let mut report = PetrarchReport::default();
    let record = ValidationRecord {
        id: "X".into(),
        date: NaiveDate::from_ymd_opt(1995, 1, 1).unwrap(),
        category: "DEMO".into(),
        line: 1,
        text: "x".into(),
        expected: expected.to_vec(),
        error: None,
    };
    report.add(&record, &outcome);
    let overall = report.overall();
    assert_eq!(
        (
            overall.expected,
            overall.found,
            overall.missed,
            overall.extra
        ),
        (3, 2, 1, 2)
    );
    assert_eq!(report.per_category["DEMO"], overall);
    assert_eq!(overall.predicted(), 4);
}
