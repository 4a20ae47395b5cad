//! The entities' names, to find the earlier entity a tagged name names: by
//! the whole name (any case), or by the last words of a longer name or
//! alias ("Post" for "The Washington Post", a surname for a person). Asking
//! every entity made a long article with many names grow with its square.

use std::collections::HashMap;

/// Entities by name and by the last words of their names, each list in
/// entity order.
#[derive(Debug, Default)]
pub struct NameIndex {
    exact: HashMap<String, Vec<usize>>,
    tails: HashMap<String, Vec<usize>>,
}

impl NameIndex {
    /// Index entity `entity` under its name and its aliases (added in
    /// entity order).
    pub fn add<'a>(
        &mut self,
        entity: usize,
        name: &'a str,
        aliases: impl Iterator<Item = &'a str>,
    ) {
        push_once(
            self.exact.entry(name.to_ascii_lowercase()).or_default(),
            entity,
        );
        for name in std::iter::once(name).chain(aliases) {
            let words: Vec<&str> = name.split_whitespace().collect();
            for from in 1..words.len() {
                push_once(
                    self.tails.entry(words[from..].join(" ")).or_default(),
                    entity,
                );
            }
        }
    }

    /// The entities named `text` (any case) or ending their name or an
    /// alias with its words, in entity order.
    pub fn candidates(&self, text: &str) -> Vec<usize> {
        let words: Vec<&str> = text.split_whitespace().collect();
        let mut found: Vec<usize> = self
            .exact
            .get(&text.to_ascii_lowercase())
            .into_iter()
            .chain(self.tails.get(&words.join(" ")))
            .flatten()
            .copied()
            .collect();
        found.sort_unstable();
        found.dedup();
        found
    }
}

fn push_once(list: &mut Vec<usize>, entity: usize) {
    if list.last() != Some(&entity) {
        list.push(entity);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_whole_names_and_last_words() {
        let mut index = NameIndex::default();
        index.add(0, "The Washington Post", std::iter::empty());
        index.add(1, "Joe Biden", ["Joseph R. Biden"].into_iter());
        index.add(2, "Post", std::iter::empty());
        assert_eq!(index.candidates("Post"), vec![0, 2]);
        assert_eq!(index.candidates("post"), vec![2]);
        assert_eq!(index.candidates("R. Biden"), vec![1]);
        assert_eq!(index.candidates("JOE BIDEN"), vec![1]);
        assert!(index.candidates("Washington").is_empty());
    }
}
