//! Places: countries (by any name or demonym), and the cities, regions and
//! continents the tagger finds, resolved to GeoNames records. An ambiguous
//! name goes to the place in a country the article mentions, else to the
//! most populous; "the nation" and "the country" refer to the last country.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::ops::Range;

use super::link::Linker;
use crate::data::{PlaceRecord, places};
use crate::model::EntityKind;
use crate::model::labels::{ENTITY_KINDS, kind_index};
use crate::model::span::Span;
use crate::model::{Mention, PlaceEntity, ResolvedBy};

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
    let mut placed = Placed::new(linker.tokens.len());
    country_places(linker, &mut placed);
    let countries: Vec<&'static str> = linker
        .places
        .iter()
        .map(|p| places()[p.record].country)
        .collect();
    tagged_places(linker, &mut placed, &countries);
    the_nation(linker, &mut placed);
}

/// The places found so far, indexed as they are added: each record's place,
/// the spans each holds, the tokens their mentions cover and where mentions
/// of countries end.
struct Placed {
    by_record: HashMap<usize, usize>,
    spans: HashSet<(usize, Span)>,
    covered: Vec<bool>,
    country_ends: BTreeSet<(usize, usize)>,
}

impl Placed {
    fn new(tokens: usize) -> Self {
        Placed {
            by_record: HashMap::new(),
            spans: HashSet::new(),
            covered: vec![false; tokens],
            country_ends: BTreeSet::new(),
        }
    }

    /// Whether a place's mention covers any of `tokens`.
    fn covers_any(&self, tokens: &Range<usize>) -> bool {
        self.covered
            .get(tokens.clone())
            .is_some_and(|c| c.iter().any(|&c| c))
    }

    /// The country mentioned last before token `i`.
    fn country_before(&self, i: usize) -> Option<usize> {
        self.country_ends
            .range(..(i, 0))
            .next_back()
            .map(|&(_, record)| record)
    }
}

fn add(linker: &mut Linker, placed: &mut Placed, record: usize, mention: Mention) {
    if !placed.spans.insert((record, mention.span)) {
        return;
    }
    for c in placed
        .covered
        .get_mut(mention.tokens.clone())
        .into_iter()
        .flatten()
    {
        *c = true;
    }
    if places()[record].kind == "country" {
        placed.country_ends.insert((mention.tokens.end, record));
    }
    match placed.by_record.get(&record) {
        Some(&p) => linker.places[p].mentions.push(mention),
        None => {
            placed.by_record.insert(record, linker.places.len());
            linker.places.push(PlaceEntity {
                record,
                mentions: vec![mention],
            });
        }
    }
}

/// Every name or demonym of a country actor is also a mention of the country
/// as a place.
fn country_places(linker: &mut Linker, placed: &mut Placed) {
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
        add(linker, placed, record, mention);
    }
}

/// Places the tagger found, looked up by name.
fn tagged_places(linker: &mut Linker, placed: &mut Placed, countries: &[&'static str]) {
    let loc = kind_index(&ENTITY_KINDS, "LOC");
    let spans: Vec<Range<usize>> = linker
        .names
        .iter()
        .filter(|n| Some(n.kind) == loc)
        .map(|n| n.tokens.clone())
        .collect();
    for tokens in spans {
        let tokens = strip_the(linker, tokens);
        if placed.covers_any(&tokens) {
            continue;
        }
        let name = linker.words(&tokens);
        let Some(record) = best(linker.stage.places.named(name), countries) else {
            continue;
        };
        let span = linker.span_of(&tokens);
        add(
            linker,
            placed,
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
fn the_nation(linker: &mut Linker, placed: &mut Placed) {
    for i in 1..linker.tokens.len() {
        let head = linker.word(i).to_lowercase();
        if !matches!(head.as_str(), "nation" | "country")
            || !linker.word(i - 1).eq_ignore_ascii_case("the")
        {
            continue;
        }
        if let Some(record) = placed.country_before(i) {
            let tokens = i - 1..i + 1;
            let span = linker.span_of(&tokens);
            add(
                linker,
                placed,
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
