//! A sentence as the event coder reads it: lower-case words, noun and
//! prepositional phrases from the chunker, and the words the verb
//! dictionary knows.

use std::ops::Range;

use super::dictionary::{Clause, VerbDictionary, VerbId};
use super::roles::ActorIndex;
use crate::model::Pos;
use crate::model::annotated::Annotated;
use crate::model::span_index::SpanIndex;

use crate::model::labels::{NOUN_PHRASE, PREPOSITIONAL_PHRASE, VERB_PHRASE};

/// One sentence, prepared for coding.
pub struct Frame {
    /// Its document tokens.
    pub tokens: Range<usize>,
    /// Its words, lower-case.
    pub words: Vec<String>,
    /// Its noun phrases (sentence positions).
    pub noun_phrases: Vec<Range<usize>>,
    /// Its prepositional phrases: the preposition and the noun phrase it
    /// governs (sentence positions).
    pub prepositional: Vec<(usize, Range<usize>)>,
    /// Part-of-speech tags of its tokens.
    pub pos: Vec<Pos>,
}

/// A word the dictionary knows, where it occurs.
#[derive(Debug, Clone)]
pub struct Verb {
    /// Its dictionary entries (a form may belong to several blocks), in
    /// the dictionary's order.
    pub entries: Vec<VerbId>,
    /// Its document tokens.
    pub tokens: Range<usize>,
    /// Whether it is an event noun ("the attack on"), not a verb.
    pub noun: bool,
}

impl Frame {
    /// The frame of the sentence over `tokens`.
    pub fn new(
        doc: &Annotated,
        tokens: Range<usize>,
        actors: &ActorIndex,
        phrases: &SpanIndex<u8>,
    ) -> Self {
        // Chunks never cross sentences: those of this one start in it.
        let in_sentence = phrases.starting_in(tokens.clone());
        let words: Vec<String> = doc.tokens[tokens.clone()]
            .iter()
            .map(|t| doc.token_text(t).to_lowercase())
            .collect();
        // A word that names an actor is a noun, whatever its tag ("IS"); a
        // word the chunker puts in a verb phrase is a verb, whatever its tag
        // ("Fornost and Gondor welcome/UH a resumption").
        let in_verb_phrase: Vec<bool> = {
            let mut inside = vec![false; tokens.len()];
            let verb_phrases = phrases
                .overlapping(tokens.clone())
                .filter(|(_, kind)| *kind == VERB_PHRASE);
            for (p, _) in verb_phrases {
                for t in p.clone().filter(|t| tokens.contains(t)) {
                    inside[t - tokens.start] = true;
                }
            }
            inside
        };
        let pos = tokens
            .clone()
            .map(|t| {
                let tag = doc.tokens[t].pos;
                // Verbs and adverbs only: "of" in "government of Gondor" stays.
                let mistagged = tag.is_verb() || tag.is_adverb();
                let verbal =
                    in_verb_phrase[t - tokens.start] && matches!(tag, Pos::UH | Pos::NN | Pos::JJ);
                match (mistagged, actors.at(t)) {
                    (true, Some(_)) => Pos::NNP,
                    _ if verbal => Pos::VB,
                    _ => tag,
                }
            })
            .collect();
        let local = |r: &Range<usize>| r.start - tokens.start..r.end - tokens.start;
        let inside = |r: &Range<usize>| r.start >= tokens.start && r.end <= tokens.end;
        let phrases: Vec<(u8, Range<usize>)> = in_sentence
            .iter()
            .filter(|(p, _)| inside(p))
            .map(|(p, kind)| (*kind, local(p)))
            .collect();
        let noun_phrases = with_bracketed_asides(
            phrases
                .iter()
                .filter(|(k, _)| *k == NOUN_PHRASE)
                .map(|(_, r)| r.clone())
                .collect(),
            &words,
        );
        let prepositional = phrases
            .iter()
            .filter(|(k, _)| *k == PREPOSITIONAL_PHRASE)
            .filter_map(|(_, pp)| {
                let np = noun_phrases.iter().find(|np| np.start == pp.end)?;
                Some((pp.end - 1, np.clone()))
            })
            .collect();
        Frame {
            tokens,
            words,
            noun_phrases,
            prepositional,
            pos,
        }
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether the sentence has no tokens.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The words as the dictionary's matcher takes them.
    pub fn word_refs(&self) -> Vec<&str> {
        self.words.iter().map(String::as_str).collect()
    }

    /// The matcher's view, over `words` (from [`Frame::word_refs`]).
    pub fn clause<'a>(&'a self, words: &'a [&'a str]) -> Clause<'a> {
        Clause {
            words,
            noun_phrases: &self.noun_phrases,
            prepositional: &self.prepositional,
        }
    }

    /// Sentence positions of document tokens.
    pub fn local(&self, tokens: &Range<usize>) -> Range<usize> {
        tokens.start - self.tokens.start..tokens.end - self.tokens.start
    }

    /// Document tokens of sentence positions.
    pub fn global(&self, local: &Range<usize>) -> Range<usize> {
        local.start + self.tokens.start..local.end + self.tokens.start
    }

    /// The word at sentence position `i` ("" outside the sentence).
    pub fn word(&self, i: usize) -> &str {
        self.words.get(i).map_or("", String::as_str)
    }

    /// The tag at sentence position `i` (none outside the sentence).
    pub fn tag(&self, i: usize) -> Pos {
        self.pos.get(i).copied().unwrap_or(Pos::NONE)
    }

    /// Whether position `i` holds one of `words`.
    pub fn is(&self, i: usize, words: &[&str]) -> bool {
        words.contains(&self.word(i))
    }

    /// Where the words before position `end` continue past an adjunct that
    /// sits between a verb and what leans on it ("vowed on Thursday to
    /// wage"): the position after that verb, else `end`.
    pub fn past_adjunct(&self, end: usize) -> usize {
        let Some(np) = self.noun_phrases.iter().find(|p| p.end == end) else {
            return end;
        };
        let preposition = np.start.checked_sub(1).filter(|&p| self.tag(p) == Pos::IN);
        match preposition {
            Some(p) if p > 0 && self.tag(p - 1).is_verb() && self.is(end, &["to"]) => p,
            _ => end,
        }
    }

    /// The noun phrase holding position `i`.
    pub fn noun_phrase_at(&self, i: usize) -> Option<Range<usize>> {
        self.noun_phrases.iter().find(|p| p.contains(&i)).cloned()
    }

    /// The words the dictionary knows, longest form first, each token
    /// used once: verbs, and nouns (common nouns only: a name is no event).
    pub fn verbs(&self, dictionary: &VerbDictionary, words: &[&str]) -> Vec<Verb> {
        let mut found = Vec::new();
        let mut i = 0;
        while i < self.len() {
            let tag = self.tag(i);
            let verb = tag.is_verb();
            let noun = tag == Pos::NN || tag == Pos::NNS;
            if verb || noun {
                let forms = dictionary.forms_at(words, i);
                if let Some(&(_, len)) = forms.first() {
                    let entries = forms
                        .iter()
                        .filter(|(_, l)| *l == len)
                        .map(|(id, _)| *id)
                        .collect();
                    found.push(Verb {
                        entries,
                        tokens: self.global(&(i..i + len)),
                        noun,
                    });
                    i += len;
                    continue;
                }
            }
            i += 1;
        }
        found
    }

    /// The evidence of a coded verb: from the first to the last word the
    /// verb and its pattern covered (document tokens).
    pub fn evidence(&self, words: &[Range<usize>], verb: &Verb) -> Range<usize> {
        let start = words
            .iter()
            .map(|r| r.start + self.tokens.start)
            .min()
            .unwrap_or(verb.tokens.start)
            .min(verb.tokens.start);
        let end = words
            .iter()
            .map(|r| r.end + self.tokens.start)
            .max()
            .unwrap_or(verb.tokens.end)
            .max(verb.tokens.end);
        start..end
    }
}

/// "the European Union (EU)": a noun phrase with a short aside in brackets
/// after it is one phrase with it, so patterns and roles see the name, not
/// the bracket, next to the verb. (The chunker splits brackets unevenly:
/// "(EU" and ")" may each be a phrase.)
fn with_bracketed_asides(phrases: Vec<Range<usize>>, words: &[String]) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::with_capacity(phrases.len());
    for np in phrases {
        if out.last().is_some_and(|last| np.end <= last.end) {
            continue;
        }
        let close = (words.get(np.end).is_some_and(|w| w == "("))
            .then(|| (np.end + 2..(np.end + 6).min(words.len())).find(|&k| words[k] == ")"))
            .flatten();
        out.push(match close {
            Some(close) => np.start..close + 1,
            None => np,
        });
    }
    out
}
