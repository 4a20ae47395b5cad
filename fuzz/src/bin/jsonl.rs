//! JSON Lines as `attest` reads a `.jsonl` file: a record for each line that
//! is not blank, in order, each naming its line, errors included.

use attest::read::InputFormat;
use attest_fuzz::{check_json_lines, read};

fn main() {
    afl::fuzz!(|data: &[u8]| {
        let items = read(data, "news.jsonl", InputFormat::Jsonl);
        check_json_lines(data, "news.jsonl", &items);
    });
}
