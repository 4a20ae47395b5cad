//! Places: countries (by any name or demonym), and the cities, regions and
//! continents the tagger finds, resolved to GeoNames records. An ambiguous
//! name goes to the place in a country the article mentions, else to the
//! most populous; "the nation" and "the country" refer to the last country.

use std::collections::HashMap;
use std::ops::Range;

use super::kind::EntityKind;
use super::link::Linker;
use super::{Mention, PlaceEntity, ResolvedBy};
use crate::data::{PlaceRecord, places};
use crate::tag::labels::{ENTITY_KINDS, kind_index};

/// Place names to GeoNames records.
pub struct PlaceIndex {
    by_name: HashMap<&'static str, Vec<usize>>,
}

impl PlaceIndex {
    /// The index of `data/places.tsv`.
    pub fn shipped() -> Self {
        let mut by_name: HashMap<&'static str, Vec<usize>> = HashMap::new();
        for (i, record) in places().iter().enumerate() {
            for name in std::iter::once(record.name).chain(record.aliases()) {
                by_name.entry(name).or_default().push(i);
            }
        }
        PlaceIndex { by_name }
    }

    /// Records named `name`.
    pub fn named(&self, name: &str) -> &[usize] {
        self.by_name.get(name).map_or(&[], Vec::as_slice)
    }

    /// The country record with this name.
    pub fn country(&self, name: &str) -> Option<usize> {
        self.named(name)
            .iter()
            .copied()
            .find(|&i| places()[i].kind == "country")
    }
}

/// Add the article's places to the linker.
pub fn resolve(linker: &mut Linker) {
    country_places(linker);
    let countries: Vec<&'static str> = linker
        .places
        .iter()
        .map(|p| places()[p.record].country)
        .collect();
    tagged_places(linker, &countries);
    the_nation(linker);
}

fn add(linker: &mut Linker, record: usize, mention: Mention) {
    match linker.places.iter_mut().find(|p| p.record == record) {
        Some(place) => {
            if !place.mentions.iter().any(|m| m.span == mention.span) {
                place.mentions.push(mention);
            }
        }
        None => linker.places.push(PlaceEntity {
            record,
            mentions: vec![mention],
        }),
    }
}

/// Every name or demonym of a country actor is also a mention of the country
/// as a place.
fn country_places(linker: &mut Linker) {
    let mentions: Vec<(usize, Mention)> = linker
        .entities
        .iter()
        .filter(|e| e.kind == EntityKind::Country)
        .filter_map(|e| linker.stage.places.country(&e.name).map(|r| (r, e)))
        .flat_map(|(r, e)| {
            e.mentions
                .iter()
                .filter(|m| {
                    matches!(
                        m.resolved_by,
                        ResolvedBy::Name | ResolvedBy::Alias | ResolvedBy::Acronym
                    )
                })
                .map(move |m| (r, m.clone()))
        })
        .collect();
    for (record, mention) in mentions {
        add(linker, record, mention);
    }
}

/// Places the tagger found, looked up by name.
fn tagged_places(linker: &mut Linker, countries: &[&'static str]) {
    let loc = kind_index(&ENTITY_KINDS, "LOC");
    let spans: Vec<Range<usize>> = linker
        .names
        .iter()
        .filter(|n| Some(n.kind) == loc)
        .map(|n| n.tokens.clone())
        .collect();
    for tokens in spans {
        let tokens = strip_the(linker, tokens);
        if linker.places.iter().any(|p| {
            p.mentions
                .iter()
                .any(|m| m.tokens.start < tokens.end && tokens.start < m.tokens.end)
        }) {
            continue;
        }
        let name = linker.words(&tokens);
        let Some(record) = best(linker.stage.places.named(name), countries) else {
            continue;
        };
        let span = linker.span_of(&tokens);
        add(
            linker,
            record,
            Mention {
                tokens,
                span,
                resolved_by: ResolvedBy::Name,
            },
        );
    }
}

fn strip_the(linker: &Linker, tokens: Range<usize>) -> Range<usize> {
    if tokens.len() > 1 && linker.word(tokens.start).eq_ignore_ascii_case("the") {
        tokens.start + 1..tokens.end
    } else {
        tokens
    }
}

/// Continents and countries before regions and cities; then places in the
/// article's countries; then the most populous.
fn best(candidates: &[usize], countries: &[&str]) -> Option<usize> {
    let rank = |r: &PlaceRecord| match r.kind {
        "continent" => 0,
        "country" => 1,
        _ => 2,
    };
    candidates.iter().copied().min_by_key(|&i| {
        let r = &places()[i];
        (
            rank(r),
            !countries.contains(&r.country),
            std::cmp::Reverse(r.population.unwrap_or(0)),
        )
    })
}

/// "the nation", "the country": the last country mentioned before.
fn the_nation(linker: &mut Linker) {
    for i in 1..linker.tokens.len() {
        let head = linker.word(i).to_lowercase();
        if !matches!(head.as_str(), "nation" | "country")
            || !linker.word(i - 1).eq_ignore_ascii_case("the")
        {
            continue;
        }
        let previous = linker
            .places
            .iter()
            .filter(|p| places()[p.record].kind == "country")
            .flat_map(|p| p.mentions.iter().map(move |m| (m.tokens.end, p.record)))
            .filter(|(end, _)| *end < i)
            .max();
        if let Some((_, record)) = previous {
            let tokens = i - 1..i + 1;
            let span = linker.span_of(&tokens);
            add(
                linker,
                record,
                Mention {
                    tokens,
                    span,
                    resolved_by: ResolvedBy::Nominal,
                },
            );
        }
    }
}
