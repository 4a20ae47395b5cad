//! The data files shipped in `data/` and embedded in the binary, parsed on
//! first use.

use std::sync::LazyLock;

/// The trained models of `data/models/`, where the build embedded them.
pub mod models {
    include!(concat!(env!("OUT_DIR"), "/models.rs"));
}

const PLACES: &str = include_str!("../../../data/places.tsv");
const FIRST_NAMES: &str = include_str!("../../../data/gazetteers/first-names.tsv");
const NATIONALITIES: &str = include_str!("../../../data/gazetteers/nationalities.txt");
const GROUPS: &str = include_str!("../../../data/gazetteers/groups.txt");
const EVENT_ACTORS: &str = include_str!("../../../data/gazetteers/event-actors.tsv");

/// One row of `data/places.tsv`.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceRecord {
    /// GeoNames id.
    pub geonameid: u64,
    /// country, continent, region or city.
    pub kind: &'static str,
    /// Name.
    pub name: &'static str,
    /// ISO 3166-1 alpha-2 country code ("" for continents).
    pub country: &'static str,
    /// Latitude, where known.
    pub lat: Option<f64>,
    /// Longitude, where known.
    pub lon: Option<f64>,
    /// Population, where known.
    pub population: Option<u64>,
    aliases: &'static str,
}

impl PlaceRecord {
    /// Other names of the place.
    pub fn aliases(&self) -> impl Iterator<Item = &'static str> {
        self.aliases.split('|').filter(|a| !a.is_empty())
    }
}

static PLACE_RECORDS: LazyLock<Vec<PlaceRecord>> = LazyLock::new(|| {
    rows(PLACES)
        .filter_map(|fields| match fields.as_slice() {
            [id, kind, name, country, lat, lon, population, aliases] => Some(PlaceRecord {
                geonameid: id.parse().ok()?,
                kind,
                name,
                country,
                lat: lat.parse().ok(),
                lon: lon.parse().ok(),
                population: population.parse().ok(),
                aliases,
            }),
            _ => None,
        })
        .collect()
});

/// The places of `data/places.tsv` (GeoNames).
pub fn places() -> &'static [PlaceRecord] {
    &PLACE_RECORDS
}

/// First names and their gender (`f`, `m` or `both`).
pub fn first_names() -> impl Iterator<Item = (&'static str, &'static str)> {
    rows(FIRST_NAMES).filter_map(|fields| match fields.as_slice() {
        [name, gender] => Some((*name, *gender)),
        _ => None,
    })
}

/// Nationality words ("Afghan").
pub fn nationalities() -> impl Iterator<Item = &'static str> {
    rows(NATIONALITIES).filter_map(|fields| fields.first().copied())
}

/// Religious, ethnic and political group words ("Sunni", "Republican").
pub fn group_words() -> impl Iterator<Item = &'static str> {
    rows(GROUPS).filter_map(|fields| fields.first().copied())
}

/// People and organisations named in the Phoenix actor dictionaries, with
/// their kind (`person` or `organisation`): gazetteer entries for the entity
/// tagger, without codes.
pub fn event_actors() -> impl Iterator<Item = (&'static str, &'static str)> {
    rows(EVENT_ACTORS).filter_map(|fields| match fields.as_slice() {
        [name, kind] => Some((*name, *kind)),
        _ => None,
    })
}

fn rows(data: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    data.lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .map(|line| line.split('\t').collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_files_parse() {
        assert!(places().len() > 30_000);
        let kabul = places().iter().find(|p| p.name == "Kabul").unwrap();
        assert_eq!((kabul.kind, kabul.country), ("city", "AF"));
        assert!(kabul.lat.is_some() && kabul.population.unwrap() > 1_000_000);
        assert!(first_names().any(|(n, g)| n == "Adrienne" && g == "f"));
        assert!(nationalities().any(|n| n == "Afghan"));
    }
}
