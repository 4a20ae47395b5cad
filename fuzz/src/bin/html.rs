//! An HTML page as `attest` reads an `.html` file: one document whose text is
//! not blank, or one error naming the file.

use attest::read::{InputFormat, Location, Problem};
use attest_fuzz::{check_document, check_problem, read};

fn main() {
    afl::fuzz!(|data: &[u8]| {
        let items = read(data, "page.html", InputFormat::Html);
        let [(location, result)] = items.as_slice() else {
            panic!("{} records from one page", items.len());
        };
        assert_eq!(*location, Location::file("page.html"));
        match result {
            Ok(doc) => {
                check_document(doc);
                assert_eq!(doc.id, "page");
            }
            Err(error) => {
                assert_eq!(error.location, *location);
                assert!(
                    matches!(error.problem, Problem::NoText | Problem::Binary),
                    "{error}"
                );
                check_problem(data, &error.problem);
            }
        }
    });
}
