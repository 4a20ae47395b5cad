//! The word lists of `data/lexicon/`, embedded in the binary: each file holds
//! named lists (a line `[name]` starts one), an entry a line, `#` comments.
//! Stages ask for a list by file and name; a user adds a speech verb, a role
//! noun or a modality word by editing the file and rebuilding.

use std::sync::LazyLock;

/// The named lists of one file, in file order.
#[derive(Debug)]
pub struct WordLists {
    file: &'static str,
    lists: Vec<(&'static str, Vec<&'static str>)>,
}

impl WordLists {
    /// Read the lists of `text` (the file `file`).
    pub fn parse(file: &'static str, text: &'static str) -> Self {
        let mut lists: Vec<(&'static str, Vec<&'static str>)> = Vec::new();
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or_default().trim();
            if line.is_empty() {
                continue;
            }
            match line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                Some(name) => lists.push((name, Vec::new())),
                None => {
                    if let Some((_, entries)) = lists.last_mut() {
                        entries.push(line);
                    }
                }
            }
        }
        WordLists { file, lists }
    }

    /// The names of the lists, in file order.
    pub fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.lists.iter().map(|(name, _)| *name)
    }

    /// The entries of the list `name`, in file order (none if there is no
    /// such list: the lexicon tests check every list a stage asks for).
    pub fn words(&self, name: &str) -> Vec<&'static str> {
        let found = self.lists.iter().find(|(n, _)| *n == name);
        debug_assert!(found.is_some(), "no list [{name}] in {}", self.file);
        found
            .map(|(_, entries)| entries.clone())
            .unwrap_or_default()
    }

    /// The entries of the list `name` as phrases: each split into its words.
    pub fn phrases(&self, name: &str) -> Vec<Vec<&'static str>> {
        self.words(name)
            .into_iter()
            .map(|entry| entry.split_whitespace().collect())
            .collect()
    }
}

macro_rules! lexicon_files {
    ($($(#[$doc:meta])* $name:ident => $file:literal [$($list:literal),* $(,)?];)*) => {
        $(
            $(#[$doc])*
            pub fn $name() -> &'static WordLists {
                static LISTS: LazyLock<WordLists> = LazyLock::new(|| {
                    WordLists::parse(
                        concat!("data/lexicon/", $file),
                        include_str!(concat!("../../../../data/lexicon/", $file)),
                    )
                });
                &LISTS
            }
        )*

        /// Every lexicon file with the lists the code asks of it.
        pub const FILES: &[(&str, fn() -> &'static WordLists, &[&str])] =
            &[$(($file, $name, &[$($list),*])),*];
    };
}

lexicon_files! {
    /// Cue words of attribution (speech, belief, denial, nouns, sourcing).
    cues => "cues.txt" ["speech", "belief", "denial", "nouns", "sourcing", "clause openers"];
    /// Phrases that deny truth to a report.
    rejections => "rejections.txt" ["rejections"];
    /// Auxiliaries and negations.
    function_words => "function-words.txt" ["auxiliaries", "negations"];
    /// Words of an event's modality.
    modality => "modality.txt" [
        "possibility", "conditions", "commitment", "threats", "refusals", "plans", "schedule",
        "future",
    ];
    /// Words around an event's source and target.
    event_roles => "event-roles.txt" [
        "leaning", "conjunctions", "subordinators", "locative", "origin", "noun targets",
    ];
    /// Roles of people.
    roles => "roles.txt" [
        "role nouns", "role modifiers", "determiners", "military ranks",
    ];
    /// Unnamed sources.
    sources => "sources.txt" ["document nouns", "indefinite", "qualifiers"];
}

/// Forms of "be", "do" and "have" (lowercase), which carry no meaning of
/// their own as auxiliaries.
pub fn is_auxiliary(word: &str) -> bool {
    static AUXILIARIES: LazyLock<Vec<&'static str>> =
        LazyLock::new(|| function_words().words("auxiliaries"));
    AUXILIARIES.contains(&word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_holds_exactly_the_lists_the_code_asks_for_each_word_once() {
        for (file, lists, wanted) in FILES {
            let lists = lists();
            assert_eq!(lists.names().collect::<Vec<_>>(), *wanted, "{file}");
            for name in *wanted {
                let words = lists.words(name);
                assert!(!words.is_empty(), "{file} [{name}] is empty");
                let mut seen = std::collections::HashSet::new();
                for word in words {
                    assert_eq!(word, word.trim(), "{file} [{name}]");
                    assert!(seen.insert(word), "{file} [{name}] lists {word:?} twice");
                }
            }
        }
    }

    #[test]
    fn lists_keep_file_order_and_split_phrases() {
        let lists = WordLists::parse(
            "t",
            "# a header\n[one]\nb\na # why\n\n[two]\nfar from the truth\n",
        );
        assert_eq!(lists.words("one"), ["b", "a"]);
        assert_eq!(lists.phrases("two"), [vec!["far", "from", "the", "truth"]]);
        assert!(is_auxiliary("'ve") && !is_auxiliary("said"));
    }
}
