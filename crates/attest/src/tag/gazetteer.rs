//! The lists of the entity tagger's gazetteer (countries, cities, regions,
//! first names, nationality words, organisations and people), built from the
//! data shipped in `data/` and the built-in actor dictionary.

pub use crate::learn::gazetteer::Gazetteer;

/// The lists, by index: the bit of list `k` in [`TokenView::gazetteer`](crate::learn::view::TokenView::gazetteer) is `2 k`
/// (begins a match) and `2 k + 1` (continues one).
pub const LISTS: [&str; 7] = [
    "country",
    "city",
    "region",
    "first-name",
    "nationality or group",
    "organisation",
    "person",
];

/// The list of nationality and group words.
pub const NATIONALITY_OR_GROUP: usize = 4;

/// The gazetteer built from the lists shipped in `data/`: places (GeoNames)
/// by kind, first names, nationality words, and the people and organisations
/// of the built-in and Phoenix actor dictionaries.
pub fn shipped() -> Gazetteer {
    let mut gazetteer = Gazetteer::new();
    for record in crate::data::places() {
        let list = match record.kind {
            "country" => 0,
            "city" => 1,
            _ => 2,
        };
        gazetteer.add_phrase(list, record.name);
        for alias in record.aliases() {
            gazetteer.add_phrase(list, alias);
        }
    }
    for (name, _) in crate::data::first_names() {
        gazetteer.add_phrase(3, name);
    }
    add_actor_names(&mut gazetteer);
    for (name, kind) in crate::data::event_actors() {
        gazetteer.add_phrase(if kind == "person" { 6 } else { 5 }, name);
    }
    for word in crate::data::nationalities().chain(crate::data::group_words()) {
        gazetteer.add_phrase(NATIONALITY_OR_GROUP as u8, word);
        gazetteer.add_phrase(NATIONALITY_OR_GROUP as u8, &format!("{word}s"));
    }
    gazetteer
}

/// The names of the built-in actor dictionary: organisations of every kind,
/// and people.
fn add_actor_names(gazetteer: &mut Gazetteer) {
    use crate::model::EntityKind;
    let Ok(dictionary) = crate::lexicon::actors::ActorDictionary::builtin() else {
        return;
    };
    for actor in &dictionary.actors {
        let list = match actor.kind {
            EntityKind::Country => continue,
            EntityKind::Person => 6,
            _ => 5,
        };
        for name in std::iter::once(&actor.name)
            .chain(&actor.aliases)
            .chain(&actor.acronyms)
        {
            gazetteer.add_phrase(list, name);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::learn::view::ViewBuilder;

    #[test]
    fn shipped_lists_know_countries_cities_and_names() {
        let gazetteer = shipped();
        let words = ["Afghanistan", "Kabul", "Adrienne", "Afghan", "Texas"];
        let mut view = ViewBuilder::new().build(&words, None, None);
        gazetteer.mark(&mut view.tokens);
        let begins = |i: usize, list: usize| view.tokens[i].gazetteer & (1 << (2 * list)) != 0;
        assert!(begins(0, 0));
        assert!(begins(1, 1));
        assert!(begins(2, 3));
        assert!(begins(3, 4));
        assert!(begins(4, 2));
    }
}
