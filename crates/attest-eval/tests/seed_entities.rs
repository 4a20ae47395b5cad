//! Actors and places of the seed article against its hand-made annotation:
//! every listed actor one entity with the right code on 2023-04-25, and at
//! least 90% of the listed mentions linked to the right entity.

#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

use attest::read::Inputs;
use attest::{OutputOptions, Pipeline};
use attest_eval::seed::score_entities;

#[test]
fn seed_actors_and_places_are_linked() {
    let (Some(article), Some(gold)) = (
        attest_testkit::shared("fixtures/seed/article.txt"),
        attest_testkit::shared("fixtures/seed/gold.json"),
    ) else {
        return;
    };
    let doc = Inputs::new(&[article], None).next().unwrap().unwrap();
    let analysis = Pipeline::new()
        .unwrap()
        .analyse_with(doc, OutputOptions::default());
    let gold: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(gold).unwrap()).unwrap();
    let report = score_entities(&analysis, &gold);
    for item in report.actors.iter().chain(&report.places) {
        println!(
            "{:<40} {:<5} code {:<10} gold {:<10} linked {:?} missed {:?}",
            item.name,
            item.entity.as_deref().unwrap_or("-"),
            item.code.as_deref().unwrap_or("-"),
            item.gold_code.as_deref().unwrap_or("-"),
            item.linked,
            item.missed
        );
    }
    println!(
        "mentions linked: {:.3}, codes right: {:.3}",
        report.mention_accuracy, report.code_accuracy
    );
    let wrong: Vec<&str> = report
        .actors
        .iter()
        .filter(|a| !a.code_right())
        .map(|a| a.name.as_str())
        .collect();
    assert!(wrong.is_empty(), "wrong codes: {wrong:?}");
    assert!(
        report
            .actors
            .iter()
            .chain(&report.places)
            .all(|i| i.entity.is_some())
    );
    assert!(
        report.mention_accuracy >= 0.9,
        "only {:.3} of mentions linked",
        report.mention_accuracy
    );
}
