//! The cue lexicon: verbs and phrases of speaking, reporting, believing and
//! denying, in every inflected form, from the lists of `data/lexicon/cues.txt`.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::lists;

/// What a cue word does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CueClass {
    /// Speaking or reporting ("said", "told", "wrote", "tweeted").
    Speech,
    /// Believing, knowing, wanting ("believes", "thinks").
    Belief,
    /// Rejecting another's claim ("denied", "dismissed").
    Denial,
    /// "according" (to), "quoted", "citing": sourcing.
    Sourcing,
    /// A noun of speech ("statement", "interview", "remarks").
    Noun,
}

static LEXICON: LazyLock<HashMap<String, CueClass>> = LazyLock::new(|| {
    let mut lexicon = HashMap::new();
    let cues = lists::cues();
    for (list, class) in [
        ("denial", CueClass::Denial),
        ("speech", CueClass::Speech),
        ("belief", CueClass::Belief),
    ] {
        for entry in cues.words(list) {
            for form in inflections(entry) {
                lexicon.entry(form).or_insert(class);
            }
        }
    }
    for noun in cues.words("nouns") {
        lexicon.entry(noun.to_owned()).or_insert(CueClass::Noun);
    }
    for word in cues.words("sourcing") {
        lexicon.insert(word.to_owned(), CueClass::Sourcing);
    }
    lexicon
});

/// The class of a cue word (any case), if it is one.
pub fn cue_class(word: &str) -> Option<CueClass> {
    LEXICON.get(&word.to_lowercase()).copied()
}

/// Whether a word is a form of a denial verb.
pub fn is_denial(word: &str) -> bool {
    cue_class(word) == Some(CueClass::Denial)
}

/// Every form of `entry` ("base/past/participle").
fn inflections(entry: &str) -> Vec<String> {
    let mut parts = entry.split('/');
    let base = parts.next().unwrap_or(entry);
    let irregular: Vec<&str> = parts.collect();
    let mut forms = vec![base.to_owned(), third_person(base), gerund(base)];
    if irregular.is_empty() {
        forms.push(past(base));
    } else {
        forms.extend(irregular.iter().map(|f| (*f).to_owned()));
    }
    forms
}

fn third_person(base: &str) -> String {
    if base.ends_with('y')
        && !base.ends_with("ay")
        && !base.ends_with("ey")
        && !base.ends_with("oy")
    {
        format!("{}ies", &base[..base.len() - 1])
    } else if base.ends_with(['s', 'x', 'z'])
        || base.ends_with("sh")
        || base.ends_with("ch")
        || base.ends_with('o')
    {
        format!("{base}es")
    } else {
        format!("{base}s")
    }
}

fn past(base: &str) -> String {
    if base.ends_with('e') {
        format!("{base}d")
    } else if base.ends_with('y')
        && !base.ends_with("ay")
        && !base.ends_with("ey")
        && !base.ends_with("oy")
    {
        format!("{}ied", &base[..base.len() - 1])
    } else if doubles_final(base) {
        format!("{base}{}ed", base.chars().last().unwrap_or_default())
    } else {
        format!("{base}ed")
    }
}

fn gerund(base: &str) -> String {
    if let Some(stem) = base.strip_suffix("ie") {
        format!("{stem}ying")
    } else if base.ends_with('e') && !base.ends_with("ee") {
        format!("{}ing", &base[..base.len() - 1])
    } else if doubles_final(base) {
        format!("{base}{}ing", base.chars().last().unwrap_or_default())
    } else {
        format!("{base}ing")
    }
}

/// One-syllable verbs ending consonant-vowel-consonant double it ("plan", "snap").
fn doubles_final(base: &str) -> bool {
    let b = base.as_bytes();
    let vowel = |c: u8| b"aeiou".contains(&c);
    b.len() >= 3
        && b.len() <= 4
        && !vowel(b[b.len() - 1])
        && !b"wxy".contains(&b[b.len() - 1])
        && vowel(b[b.len() - 2])
        && !vowel(b[b.len() - 3])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflected_forms_are_cues() {
        for word in [
            "said",
            "says",
            "saying",
            "told",
            "warned",
            "denied",
            "denies",
            "tweeted",
            "replied",
            "Insisted",
            "according",
            "planned",
            "snapped",
            "statement",
        ] {
            assert!(cue_class(word).is_some(), "{word}");
        }
        assert_eq!(cue_class("denied"), Some(CueClass::Denial));
        assert_eq!(cue_class("thought"), Some(CueClass::Belief));
        assert!(cue_class("table").is_none());
        assert!(is_denial("dismissed"));
    }
}
