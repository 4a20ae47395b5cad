//! Articles of any size in the shapes that have made analysis cost grow
//! faster than the text: long news prose with ever new names, the same prose
//! without paragraph breaks, text without punctuation, one short quotation
//! repeated, nothing but quotation marks, and quotations never closed.
//!
//! The text is generated, deterministic for a size, and written for the
//! project: names are made of syllables so that a longer article keeps
//! meeting people it has not seen before, as a long real article would.

/// A shape of article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Shape {
    /// News paragraphs with statements, events, places and dates.
    Prose,
    /// The same sentences in one paragraph.
    Paragraph,
    /// Lower-case words without punctuation or line breaks.
    RunOn,
    /// `"Yes," he said.` again and again.
    Said,
    /// Straight double quotation marks and nothing else.
    Marks,
    /// Quotations opened and never closed, in one paragraph.
    Unclosed,
}

impl Shape {
    /// Every shape, in the order of the table.
    pub const ALL: [Shape; 6] = [
        Shape::Prose,
        Shape::Paragraph,
        Shape::RunOn,
        Shape::Said,
        Shape::Marks,
        Shape::Unclosed,
    ];

    /// The shape's name in the table.
    pub fn name(self) -> &'static str {
        match self {
            Shape::Prose => "prose",
            Shape::Paragraph => "one paragraph",
            Shape::RunOn => "no punctuation",
            Shape::Said => "\"Yes,\" he said.",
            Shape::Marks => "only \" marks",
            Shape::Unclosed => "unclosed quotes",
        }
    }

    /// An article of this shape of about `bytes` bytes (never more).
    pub fn article(self, bytes: usize) -> String {
        let mut words = Words::new(bytes as u64);
        let mut text = String::with_capacity(bytes + 256);
        while text.len() < bytes {
            match self {
                Shape::Prose => {
                    words.paragraph(&mut text);
                    text.push_str("\n\n");
                }
                Shape::Paragraph => {
                    words.sentence(&mut text);
                    text.push(' ');
                }
                Shape::RunOn => {
                    text.push_str(words.pick(RUN_ON));
                    text.push(' ');
                }
                Shape::Said => text.push_str("\"Yes,\" he said. "),
                Shape::Marks => text.push('"'),
                Shape::Unclosed => {
                    text.push_str("\"We will ");
                    text.push_str(words.pick(VERBS_BARE));
                    text.push_str(" the ");
                    text.push_str(words.pick(TOPICS));
                    text.push_str(" and ");
                }
            }
        }
        let mut end = bytes.min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text.truncate(end);
        text
    }
}

/// A small deterministic generator of words and sentences (xorshift).
struct Words {
    state: u64,
}

impl Words {
    fn new(seed: u64) -> Self {
        Words {
            state: seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1,
        }
    }

    fn next(&mut self) -> usize {
        self.state ^= self.state << 13;
        self.state ^= self.state >> 7;
        self.state ^= self.state << 17;
        (self.state >> 11) as usize
    }

    fn pick(&mut self, list: &[&'static str]) -> &'static str {
        list[self.next() % list.len()]
    }

    /// A surname of two or three syllables and perhaps an ending: tens of
    /// thousands of them.
    fn surname(&mut self, text: &mut String) {
        let first = self.pick(SYLLABLES);
        let mut chars = first.chars();
        if let Some(c) = chars.next() {
            text.extend(c.to_uppercase());
            text.push_str(chars.as_str());
        }
        text.push_str(self.pick(SYLLABLES));
        if self.next() % 2 == 0 {
            text.push_str(self.pick(SYLLABLES));
        }
        if self.next() % 2 == 0 {
            text.push_str(self.pick(ENDINGS));
        }
    }

    fn person(&mut self, text: &mut String) {
        text.push_str(self.pick(FIRST_NAMES));
        text.push(' ');
        self.surname(text);
    }

    fn paragraph(&mut self, text: &mut String) {
        let sentences = 2 + self.next() % 4;
        for i in 0..sentences {
            if i > 0 {
                text.push(' ');
            }
            self.sentence(text);
        }
    }

    fn sentence(&mut self, text: &mut String) {
        match self.next() % 6 {
            0 => {
                self.person(text);
                text.push_str(" said on ");
                text.push_str(self.pick(DAYS));
                text.push_str(" that ");
                text.push_str(self.pick(ORGANISATIONS));
                text.push_str(" would ");
                text.push_str(self.pick(VERBS_BARE));
                text.push_str(" the ");
                text.push_str(self.pick(TOPICS));
                text.push_str(" in ");
                text.push_str(self.pick(PLACES));
                text.push_str(" next week.");
            }
            1 => {
                text.push_str("\"We will not ");
                text.push_str(self.pick(VERBS_BARE));
                text.push_str(" the ");
                text.push_str(self.pick(TOPICS));
                text.push_str(",\" ");
                self.person(text);
                text.push_str(", the ");
                text.push_str(self.pick(ROLES));
                text.push_str(" of ");
                text.push_str(self.pick(PLACES));
                text.push_str(", told reporters.");
            }
            2 => {
                text.push_str(self.pick(ORGANISATIONS));
                text.push_str(" forces ");
                text.push_str(self.pick(VERBS_PAST));
                text.push_str(" positions near ");
                text.push_str(self.pick(PLACES));
                text.push_str(" on ");
                text.push_str(self.pick(DAYS));
                text.push_str(", the ");
                text.push_str(self.pick(ROLES));
                text.push_str(" said.");
            }
            3 => {
                text.push_str("According to ");
                self.person(text);
                text.push_str(", the talks in ");
                text.push_str(self.pick(PLACES));
                text.push_str(" ended without an agreement.");
            }
            4 => {
                self.person(text);
                text.push_str(" met ");
                self.person(text);
                text.push_str(" in ");
                text.push_str(self.pick(PLACES));
                text.push_str(" to discuss the ");
                text.push_str(self.pick(TOPICS));
                text.push('.');
            }
            _ => {
                text.push_str("He added that the ");
                text.push_str(self.pick(TOPICS));
                text.push_str(" had been delayed since ");
                text.push_str(self.pick(DAYS));
                text.push('.');
            }
        }
    }
}

const FIRST_NAMES: &[&str] = &[
    "Amina", "Boris", "Carla", "Dmitri", "Elena", "Farid", "Grace", "Hassan", "Ingrid", "Jamal",
    "Katya", "Luis", "Maryam", "Nikolai", "Olga", "Pedro", "Rana", "Samuel", "Tamar", "Yusuf",
];

const SYLLABLES: &[&str] = &[
    "ka", "ren", "mo", "li", "sar", "vo", "den", "ta", "ber", "no", "gal", "ri", "han", "zu",
    "mel", "ko", "var", "ni", "tos", "pe",
];

const ENDINGS: &[&str] = &["ko", "ov", "ez", "ani", "berg", "son", "i", "ado"];

const ORGANISATIONS: &[&str] = &[
    "the government",
    "the army",
    "the United Nations",
    "the rebels",
    "the European Union",
    "NATO",
    "the police",
    "the ministry",
];

const PLACES: &[&str] = &[
    "Kabul", "Geneva", "Nairobi", "Kyiv", "Lima", "Jakarta", "Cairo", "Oslo", "Manila", "Quito",
];

const ROLES: &[&str] = &[
    "minister",
    "spokesman",
    "governor",
    "ambassador",
    "commander",
    "mayor",
];

const DAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "March 3",
];

const TOPICS: &[&str] = &[
    "ceasefire",
    "aid convoy",
    "border talks",
    "election",
    "trade agreement",
    "prisoner exchange",
];

const VERBS_BARE: &[&str] = &["resume", "reject", "support", "delay", "sign", "discuss"];

const VERBS_PAST: &[&str] = &["attacked", "shelled", "surrounded", "captured", "left"];

const RUN_ON: &[&str] = &[
    "the",
    "minister",
    "of",
    "defence",
    "told",
    "reporters",
    "in",
    "kabul",
    "that",
    "talks",
    "with",
    "rebels",
    "would",
    "continue",
    "next",
    "week",
    "and",
    "officials",
    "welcomed",
    "it",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles_have_the_size_asked_for_and_repeat_for_a_size() {
        for shape in Shape::ALL {
            let text = shape.article(10_000);
            assert!(
                text.len() <= 10_000 && text.len() > 9_900,
                "{}",
                shape.name()
            );
            assert_eq!(text, shape.article(10_000));
        }
    }

    #[test]
    fn prose_keeps_meeting_new_names() {
        let text = Shape::Prose.article(200_000);
        let (first, second) = text.split_at(100_000);
        fn names(half: &str) -> std::collections::BTreeSet<&str> {
            half.split(|c: char| !c.is_alphabetic())
                .filter(|w| w.len() > 4 && w.starts_with(|c: char| c.is_uppercase()))
                .collect()
        }
        let seen = names(first);
        let later = names(second);
        let new = later.difference(&seen).count();
        assert!(
            new * 4 > later.len() * 3,
            "{new} of the {} names of the second half are new",
            later.len()
        );
    }
}
