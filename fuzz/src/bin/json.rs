//! A `.json` file: one object, an array of them (each record naming its
//! item), or, when the whole does not parse but its first line does, JSON
//! Lines (each record naming its line); else one error naming the file.

use attest::read::{InputFormat, Location, Position};
use attest_fuzz::{check_document, check_json_lines, check_problem, read};

fn main() {
    afl::fuzz!(|data: &[u8]| {
        let items = read(data, "news.json", InputFormat::Json);
        match items.first().map(|(location, _)| location.position) {
            Some(Some(Position::Line(_))) => check_json_lines(data, "news.json", &items),
            Some(Some(Position::Item(_))) => {
                for (i, (location, result)) in items.iter().enumerate() {
                    assert_eq!(*location, Location::file("news.json").at(Position::Item(i)));
                    match result {
                        Ok(doc) => check_document(doc),
                        Err(error) => assert!(
                            error.to_string().starts_with(&format!("news.json[{i}]: ")),
                            "an item's error without its index: {error}"
                        ),
                    }
                }
            }
            Some(None) => {
                let [(location, Err(error))] = items.as_slice() else {
                    panic!("a whole-file record that is not one error: {items:?}");
                };
                assert_eq!(*location, Location::file("news.json"));
                check_problem(data, &error.problem);
            }
            None => panic!("no record from a JSON file"),
        }
    });
}
