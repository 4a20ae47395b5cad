use super::*;
use crate::records::tests::sample_analysis;
use crate::{Store, StoreError};

/// The sample article, and a second one a year later by another outlet in
/// which Reuters denies the Taliban's statement.
fn store() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let first = sample_analysis();
    let mut second = sample_analysis();
    second.document.id = "later".into();
    second.document.date = "2022-08-15".parse().ok();
    second.document.source = Some("Dawn".into());
    second.entities[1].code = Some("AFGGOV".into());
    let mut denial = second.attributions[0].clone();
    denial.id = "a2".into();
    denial.speaker = Some("e1".into());
    denial.via = vec![];
    second.attributions.push(denial);
    second.disputes = vec![attest::contract::Dispute {
        id: "d1".into(),
        by: "a2".into(),
        against: vec!["a1".into()],
        evidence: second.events[0].evidence.clone(),
    }];
    second.events[0].modality = attest::model::Modality::Negated;
    store.ingest(&[first, second], false).unwrap();
    store
}

fn taliban(store: &Store) -> i64 {
    let found = store
        .actors(
            &ActorFilter {
                q: Some("taliban".into()),
                kind: None,
            },
            Page::default(),
        )
        .unwrap();
    assert_eq!(found.total, 1);
    found.items[0].id
}

#[test]
fn articles_filter_by_date_source_actor_and_words() {
    let store = store();
    let all = store
        .articles(&ArticleFilter::default(), Page::default())
        .unwrap();
    assert_eq!(all.total, 2);
    assert_eq!(all.items[0].id, "later", "newest first");
    assert_eq!(all.items[0].events, 1);
    let since = ArticleFilter {
        from: Some("2022-01-01".into()),
        ..ArticleFilter::default()
    };
    assert_eq!(store.articles(&since, Page::default()).unwrap().total, 1);
    let dawn = ArticleFilter {
        source: Some("dawn".into()),
        ..ArticleFilter::default()
    };
    assert_eq!(
        store.articles(&dawn, Page::default()).unwrap().items[0].id,
        "later"
    );
    let by_actor = ArticleFilter {
        actor: Some(taliban(&store)),
        ..ArticleFilter::default()
    };
    assert_eq!(store.articles(&by_actor, Page::default()).unwrap().total, 2);
    let words = ArticleFilter {
        q: Some("attacked".into()),
        to: Some("2021-12-31".into()),
        ..ArticleFilter::default()
    };
    let hits = store.articles(&words, Page::default()).unwrap();
    assert_eq!(hits.total, 1);
    assert!(hits.items[0].snippet.contains("«attacked»"));
}

#[test]
fn a_bad_text_query_is_an_invalid_query() {
    let store = store();
    let bad = ArticleFilter {
        q: Some("\"unbalanced".into()),
        ..ArticleFilter::default()
    };
    assert!(matches!(
        store.articles(&bad, Page::default()),
        Err(crate::StoreError::InvalidQuery { .. })
    ));
}

#[test]
fn pages_are_capped_and_count_the_whole() {
    let store = store();
    let one = Page {
        limit: Some(1),
        offset: Some(1),
    };
    let page = store.articles(&ArticleFilter::default(), one).unwrap();
    assert_eq!(
        (page.total, page.items.len(), page.items[0].id.as_str()),
        (2, 1, "sample")
    );
    let past = Page {
        limit: Some(1),
        offset: Some(5),
    };
    let page = store.articles(&ArticleFilter::default(), past).unwrap();
    assert_eq!((page.total, page.items.len()), (2, 0));
    assert_eq!(
        Page {
            limit: Some(100_000),
            offset: None
        }
        .limit(),
        MAX_PAGE
    );
    assert_eq!(
        Page {
            limit: Some(0),
            offset: None
        }
        .limit(),
        1
    );
}

#[test]
fn actors_are_shared_across_articles_with_codes_over_time() {
    let store = store();
    let id = taliban(&store);
    let profile = store.actor(id).unwrap().unwrap();
    assert_eq!(profile.actor.name, "Taliban");
    assert_eq!(profile.actor.articles, 2);
    assert_eq!(
        profile.actor.code.as_deref(),
        Some("AFGGOV"),
        "the latest code"
    );
    let codes: Vec<_> = profile
        .codes
        .iter()
        .map(|c| (c.code.as_str(), c.first.as_deref()))
        .collect();
    assert_eq!(
        codes,
        [
            ("AFGREB", Some("2021-08-15")),
            ("AFGGOV", Some("2022-08-15"))
        ]
    );
    assert_eq!(profile.did.len(), 2);
    assert!(profile.done_to.is_empty());
    assert_eq!(profile.said.len(), 2);
    assert_eq!(profile.timeline.len(), 2);
    assert_eq!(profile.timeline[0].kind, "ASSAULT");
    assert_eq!(store.actor(id + 1000).unwrap(), None);
}

#[test]
fn actors_are_found_by_alias() {
    let store = store();
    let by_alias = ActorFilter {
        q: Some("REUTERS".into()),
        kind: Some("news outlet".into()),
    };
    let found = store.actors(&by_alias, Page::default()).unwrap();
    assert_eq!(found.items[0].name, "Reuters");
    let nobody = ActorFilter {
        q: Some("nobody at all".into()),
        kind: None,
    };
    assert_eq!(store.actors(&nobody, Page::default()).unwrap().total, 0);
}

#[test]
fn attributions_filter_by_speaker_via_and_words() {
    let store = store();
    let id = taliban(&store);
    let reuters = store
        .actors(
            &ActorFilter {
                q: Some("reuters".into()),
                kind: None,
            },
            Page::default(),
        )
        .unwrap()
        .items[0]
        .id;
    let by = |f: AttributionFilter| store.attributions(&f, Page::default()).unwrap();
    assert_eq!(
        by(AttributionFilter {
            speaker: Some(id),
            ..Default::default()
        })
        .total,
        2
    );
    let via = by(AttributionFilter {
        via: Some(reuters),
        ..Default::default()
    });
    assert_eq!(via.total, 2);
    assert_eq!(via.items[0].via, ["Reuters"]);
    assert_eq!(via.items[0].speaker_name.as_deref(), Some("Taliban"));
    assert_eq!(
        by(AttributionFilter {
            q: Some("ATTACKED kabul".into()),
            ..Default::default()
        })
        .total,
        3
    );
    assert_eq!(
        by(AttributionFilter {
            q: Some("peace".into()),
            ..Default::default()
        })
        .total,
        0
    );
    assert_eq!(
        by(AttributionFilter {
            article: Some("later".into()),
            ..Default::default()
        })
        .total,
        2
    );
}

#[test]
fn events_filter_by_actor_type_modality_and_date() {
    let store = store();
    let id = taliban(&store);
    let by = |f: EventFilter| store.events(&f, Page::default()).unwrap();
    assert_eq!(
        by(EventFilter {
            actor: Some(id),
            ..Default::default()
        })
        .total,
        2
    );
    assert_eq!(
        by(EventFilter {
            target: Some(id),
            ..Default::default()
        })
        .total,
        0
    );
    assert_eq!(
        by(EventFilter {
            plover: Some("assault".into()),
            ..Default::default()
        })
        .total,
        2
    );
    assert_eq!(
        by(EventFilter {
            plover: Some("PROTEST".into()),
            ..Default::default()
        })
        .total,
        0
    );
    assert_eq!(
        by(EventFilter {
            root: Some("19".into()),
            ..Default::default()
        })
        .total,
        2
    );
    let negated = by(EventFilter {
        modality: Some("negated".into()),
        ..Default::default()
    });
    assert_eq!(
        (negated.total, negated.items[0].article.as_str()),
        (1, "later")
    );
    let dated = by(EventFilter {
        to: Some("2021-12-31".into()),
        ..Default::default()
    });
    assert_eq!(
        dated.items[0].date.as_deref(),
        Some("2021-08-15"),
        "the article date when the event has none"
    );
    assert_eq!(dated.items[0].evidence, "attacked");
    assert_eq!(dated.items[0].spans.parse().unwrap()[0]["text"], "attacked");
}

#[test]
fn disputes_come_with_both_sides() {
    let store = store();
    let disputes = store.disputes(Page::default()).unwrap();
    assert_eq!(disputes.total, 1);
    let d = &disputes.items[0];
    assert_eq!(d.by.speaker_name.as_deref(), Some("Reuters"));
    assert_eq!(d.against.len(), 1);
    assert_eq!(d.against[0].speaker_name.as_deref(), Some("Taliban"));
}

#[test]
fn replacing_an_article_replaces_its_records() {
    let mut store = store();
    let mut changed = sample_analysis();
    changed.document.title = Some("Changed".into());
    changed.events.clear();
    store.ingest(&[changed], true).unwrap();
    let stats = store.stats().unwrap();
    assert_eq!(
        (stats.articles, stats.events, stats.attributions),
        (2, 1, 3)
    );
}

#[test]
fn events_count_by_month_and_by_pair_of_actors() {
    let mut store = store();
    let mut third = sample_analysis();
    third.document.id = "third".into();
    third.events[0].target = Some("e1".into());
    store.ingest(&[third], false).unwrap();
    let timeline = store.event_timeline(&EventFilter::default()).unwrap();
    let points: Vec<_> = timeline
        .iter()
        .map(|p| (p.month.as_str(), p.kind.as_str(), p.count))
        .collect();
    assert_eq!(
        points,
        [("2021-08", "ASSAULT", 2), ("2022-08", "ASSAULT", 1)]
    );
    let links = store.event_links(&EventFilter::default()).unwrap();
    assert_eq!(links.len(), 1);
    assert_eq!(
        (
            links[0].source_name.as_str(),
            links[0].target_name.as_str(),
            links[0].events
        ),
        ("Taliban", "Reuters", 1)
    );
    let none = EventFilter {
        plover: Some("PROTEST".into()),
        ..EventFilter::default()
    };
    assert!(store.event_links(&none).unwrap().is_empty());
}

#[test]
fn an_actor_acting_on_itself_is_listed_once() {
    let mut store = store();
    let id = taliban(&store);
    let before = store
        .events(
            &EventFilter {
                actor: Some(id),
                ..Default::default()
            },
            Page::default(),
        )
        .unwrap()
        .total;
    let mut own = sample_analysis();
    own.document.id = "own".into();
    own.events[0].target = Some("e2".into());
    own.document.date = None;
    store.ingest(&[own], false).unwrap();
    for filter in [
        EventFilter {
            actor: Some(id),
            ..Default::default()
        },
        EventFilter {
            actor: Some(id),
            root: Some("19".into()),
            ..Default::default()
        },
    ] {
        assert_eq!(
            store.events(&filter, Page::default()).unwrap().total,
            before + 1,
            "{filter:?}"
        );
    }
}

#[test]
fn text_queries_over_the_limits_are_invalid_queries_everywhere() {
    let store = store();
    let terms = (0..2400)
        .map(|i| format!("w{i}"))
        .collect::<Vec<_>>()
        .join(" OR ");
    let long = "x".repeat(MAX_QUERY_BYTES + 1);
    let invalid = |result: Result<(), StoreError>, what: &str| match result {
        Err(StoreError::InvalidQuery { message, .. }) => {
            assert!(message.contains("at most"), "{what}: {message}");
        }
        other => panic!("{what}: {other:?}"),
    };
    invalid(store.search(&terms, 10).map(drop), "search, terms");
    invalid(store.search(&long, 10).map(drop), "search, bytes");
    let many = (0..=MAX_QUERY_TERMS)
        .map(|i| format!("w{i}"))
        .collect::<Vec<_>>()
        .join(" ");
    let articles = ArticleFilter {
        q: Some(many),
        ..ArticleFilter::default()
    };
    invalid(
        store.articles(&articles, Page::default()).map(drop),
        "articles",
    );
    let actors = ActorFilter {
        q: Some(long.clone()),
        kind: None,
    };
    invalid(store.actors(&actors, Page::default()).map(drop), "actors");
    let attributions = AttributionFilter {
        q: Some(long),
        ..AttributionFilter::default()
    };
    invalid(
        store.attributions(&attributions, Page::default()).map(drop),
        "attributions",
    );
    let within = ArticleFilter {
        q: Some(vec!["attacked"; MAX_QUERY_TERMS].join(" OR ")),
        ..ArticleFilter::default()
    };
    assert_eq!(store.articles(&within, Page::default()).unwrap().total, 2);
}
