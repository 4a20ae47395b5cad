//! Verb dictionaries in the PETRARCH/TABARI format, and a pattern matcher that
//! codes a verb occurrence in a flat, chunked sentence.
//!
//! # The format
//!
//! A dictionary is a text file read line by line; case does not matter.
//!
//! **Comments and blank lines.** `#` or `;` starts a comment that runs to the
//! end of the line, wherever it is (also inside `[...]`); `<!-- ... -->` is a
//! comment, inside a line or over several lines. Blank lines are ignored.
//!
//! **Synonym sets.** A line `&NAME` opens a set; the `+` lines that follow are
//! its members. A member is a word, a phrase of consecutive words (written
//! with `_` or spaces), a prepositional phrase `(...)`, or another set `&OTHER`
//! (sets nest up to four deep):
//!
//! ```text
//! &CURRENCY
//! +DOLLAR
//! +SWISS_FRANC
//! +CASH_
//! ```
//!
//! The regular plural of a member's last word is a member too (`dollars`,
//! `swiss francs`), unless the member ends with `_` (`cash` only) or the set's
//! name does (`&NAME_`; the `_` is not part of the name). The plural adds `-es`
//! after ss, x, z, ch and sh, `-ies` for a consonant and `y`, turns `-man`
//! into `-men` and otherwise adds `-s`; a word ending in a single `s` is taken
//! as plural already. A pattern writes the set as `&NAME`
//! and matches wherever one of its members does. Define a set before the
//! patterns that use it.
//!
//! **Verb blocks.** `--- NAME [CODE] ---` opens a block of verbs that share
//! their patterns; `[---]` (or no code) means the verbs alone code nothing.
//! One verb a line follows:
//!
//! ```text
//! ---  ACCELERATE   [---]  ---
//! HASTEN
//! SPEED {SPEEDING SPEEDS SPED}
//! ASK  [020]
//! +CALL_OFF [160]
//! +BREAK_DOWN {+BREAKS_DOWN +BREAKING_DOWN +BROKE_DOWN +BROKEN_DOWN}
//! WIRE_+TAP
//! ```
//!
//! - A verb without `{...}` gets its regular forms: `-s` (`-es` after s, x, z,
//!   ch and sh; `-ies` after a consonant and `y`), `-ed` (`-d` after `e`;
//!   `-ied` after a consonant and `y`) and `-ing` (a final `e` is dropped, but
//!   not in `ee`, `oe` or `ye`; `ie` becomes `ying`). Final consonants are never
//!   doubled: `STOP {STOPS STOPPED STOPPING}` lists its forms.
//! - `{...}` lists every other form of the verb, separated by spaces (or
//!   commas); nothing is generated then, and `{}` means no other form.
//! - A multiword verb joins its words with `_` and marks the inflected word
//!   with `+`; its forms are generated on that word (`+BEEF_UP`: beef up,
//!   beefs up, beefed up, beefing up) or listed in full in `{...}`. Its words
//!   must be adjacent in the text. When `+` marks a later word (`WIRE_+TAP`),
//!   the hyphenated single word (`wire-tap`) is recognised too. Words separated
//!   by spaces (`LASH OUT`) are a multiword verb inflected on the first.
//! - A `[CODE]` at the end of a verb line replaces the block's code for that
//!   verb.
//! - A verb listed in two blocks is a verb of both. A second block with the
//!   same name adds its verbs and patterns to the first; each verb keeps the
//!   code of its own header.
//! - A `+` line is a multiword verb, except right after a set's name or
//!   another of its members, where it is a member.
//!
//! **Patterns.** A line starting with `-` is a pattern of its block, tried on
//! every verb of the block:
//!
//! ```text
//! - * {HUMANITARIAN AID}                [073]   # comment
//! - &MILITARY * (TO BORDER)             [154]
//! - + * (FROM $)                        [080]
//! - * OFF_                              [195]
//! ```
//!
//! | element | matches |
//! |---|---|
//! | `*` | the verb; exactly one per pattern. Elements before it match before the verb, elements after it after the verb |
//! | `WORD` | that word; `WORD_` (an underscore before a space or the end) is the same word |
//! | `A_B` | `_` between two elements: they must be adjacent (`*_OUT`, `IN_*`, `NEW_&NAME_TIES`; after `&`, the name is the longest one defined above) |
//! | `&NAME` | any member of the synonym set |
//! | `$` | the noun phrase there: the event's source |
//! | `+` | the noun phrase there: the event's target |
//! | `^` | a noun phrase there, bound to nothing |
//! | `{A B}` | the words inside one noun phrase, in order, usually the head last (`{ARMS SHIPMENT}`); adjacent words where the text has no noun phrase |
//! | `(P ...)` | a prepositional phrase with preposition `P` whose noun phrase holds the rest, in order: `(TO BORDER)`, `(FROM $)`, `(OF ^)`, `(AGAINST)`. Where the text has no such phrase and the elements are all words, the words `P ...` adjacent |
//! | `%` | a compound actor: a noun phrase that joins several actors ("Gondor and Osgiliath"), bound as the source before the verb and as the target after it |
//! | `[CODE]` | the code when the pattern matches; required, last |
//!
//! Elements separated by spaces may have up to 8 other words between them
//! (inside `{...}` and `(...)`, anywhere in the phrase); the first element
//! after `*` is at most 8 words after the verb, and the last before `*` at most
//! 8 words before it. Matching does not cross a clause boundary (`;`, `:`,
//! `--`, a sentence end). When several patterns match, the one with the most
//! literal elements (words, sets and prepositions) wins, ties going to the
//! earlier line; when none matches, the verb's own code applies.
//!
//! **Codes** are kept as written (`[0312]`, `[174K]`) and validated elsewhere.
//! `[---]` codes nothing: a pattern with it matches and suppresses the event.
//! `[A:B]` is a paired code: `A` for the event from source to target and `B`
//! for the event from the target back to the source (`[042:043]`: one visits,
//! the other hosts); `[:B]` codes only that reversed event. (PETRARCH 2 reads
//! the second code as the code of the passive clause, the same swap of source
//! and target.) A block header with two codes uses the first.
//!
//! Lines starting with `~` (PETRARCH's verb transformations) are not
//! supported; they and every line that cannot be read are skipped with a
//! warning giving the line number.

use std::collections::HashMap;
use std::fmt;
use std::ops::Range;

use crate::learn::hash::{BuildPassThrough, hash_str};

/// The most words between two pattern elements, or between the verb and the
/// element next to it.
const MAX_GAP: usize = 8;
/// The most words looked at on either side of the verb.
const WINDOW: usize = 32;
/// How deep synonym sets may nest (a set listing another set).
const MAX_SET_DEPTH: usize = 4;
/// Matching steps allowed for one pattern, against pathological patterns.
const STEP_BUDGET: u32 = 20_000;

/// A verb entry of a [`VerbDictionary`] (one verb line of a file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct VerbId(u32);

impl VerbId {
    /// The entry's position in the dictionary.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A verb line as the dictionary gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbEntry {
    /// The verb's base form, lower-case, words separated by spaces.
    pub form: String,
    /// The name of its block (`ACCELERATE` in `--- ACCELERATE [---] ---`).
    pub block: String,
    /// Its code from source to target (its own or the block's), `None` for `---`.
    pub code: Option<String>,
    /// The code of the paired event from target to source (`[042:043]`).
    pub reverse: Option<String>,
    /// The line of the file it was read from (1-based).
    pub line: usize,
}

/// A line of a dictionary file that could not be read, or was skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DictionaryWarning {
    /// The line number (1-based).
    pub line: usize,
    /// What is wrong with it.
    pub message: String,
}

impl fmt::Display for DictionaryWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// Sizes of a dictionary, for summaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DictionaryCounts {
    /// Verb entries (verb lines).
    pub verbs: usize,
    /// Distinct verb forms (words or phrases recognised as a verb).
    pub forms: usize,
    /// Patterns.
    pub patterns: usize,
    /// Synonym sets.
    pub synonym_sets: usize,
}

/// A sentence (or clause) as the matcher sees it: words and chunks.
#[derive(Debug, Clone, Copy)]
pub struct Clause<'a> {
    /// The sentence's words, lower-cased (match case-insensitively).
    pub words: &'a [&'a str],
    /// Noun phrases as token ranges, in order, non-overlapping (from the
    /// chunker, with "the X of Y" kept as given).
    pub noun_phrases: &'a [Range<usize>],
    /// Prepositional phrases: (preposition index, its noun phrase range), in order.
    pub prepositional: &'a [(usize, Range<usize>)],
}

/// A coded verb occurrence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbMatch {
    /// The code from source to target, as the dictionary gives it (`"0312"`);
    /// `None` when the dictionary gives only a reversed code (`[:173]`).
    pub code: Option<String>,
    /// The code of the paired event from target back to source (`[042:043]`).
    pub reverse: Option<String>,
    /// Every token range the verb and the pattern's literal elements covered
    /// (the evidence), in order.
    pub words: Vec<Range<usize>>,
    /// The noun phrase bound to `$`.
    pub source: Option<Range<usize>>,
    /// The noun phrase bound to `+`.
    pub target: Option<Range<usize>>,
    /// The pattern that matched (see [`VerbDictionary::pattern_source`]);
    /// `None` when the verb's own code applied.
    pub pattern: Option<usize>,
}

/// A verb dictionary: verbs with their forms and codes, verb blocks with
/// their patterns, and synonym sets. See the module documentation for the
/// file format.
#[derive(Debug, Default, Clone)]
pub struct VerbDictionary {
    entries: Vec<VerbEntry>,
    /// The block of each entry.
    entry_block: Vec<u32>,
    blocks: Vec<Block>,
    block_names: HashMap<String, u32>,
    patterns: Vec<Pattern>,
    sets: Vec<SynSet>,
    set_names: HashMap<String, u32>,
    /// Interned pattern words: text by symbol, symbol by the word's hash.
    sym_text: Vec<Box<str>>,
    syms: HashMap<u64, u32, BuildPassThrough>,
    /// Verb forms by the hash of their first word.
    forms: HashMap<u64, Vec<Form>, BuildPassThrough>,
    /// How many dictionaries were merged in (orders patterns across files).
    generation: u32,
}

#[derive(Debug, Clone)]
struct Block {
    name: String,
    /// Pattern indices, most specific first.
    patterns: Vec<u32>,
}

#[derive(Debug, Clone)]
struct Form {
    first: Box<str>,
    rest: Box<[Box<str>]>,
    entry: VerbId,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Code {
    forward: Option<Sym>,
    reverse: Option<Sym>,
}

/// Codes are interned with the words (they are short strings too).
type Sym = u32;

#[derive(Debug, Clone)]
struct Pattern {
    line: usize,
    text: Box<str>,
    code: Code,
    /// Elements before the verb, in text order.
    before: Box<[Item]>,
    /// Elements after the verb, in text order.
    after: Box<[Item]>,
    /// Whether the last element before the verb is adjacent to it (`IN_*`).
    verb_glued: bool,
    literals: u32,
    /// A word every match contains, to skip patterns quickly.
    key: Option<Sym>,
    generation: u32,
}

#[derive(Debug, Clone)]
struct Item {
    node: Node,
    /// Adjacent to the element before it (or, first after `*`, to the verb).
    glued: bool,
}

#[derive(Debug, Clone)]
enum Node {
    Word(Sym),
    Set(u32),
    Source,
    Target,
    Skip,
    Compound,
    Verb,
    Group(Box<[Item]>),
    Prep {
        prep: Box<Item>,
        inner: Box<[Item]>,
        /// Preposition and inner elements are all plain words.
        literal: bool,
    },
}

#[derive(Debug, Clone, Default)]
struct SynSet {
    name: String,
    defined: bool,
    no_plural: bool,
    members: Vec<Box<[Item]>>,
    /// (first word, member) for members starting with a word, sorted.
    by_first: Vec<(Sym, u32)>,
    /// Members starting with something else.
    other: Vec<u32>,
}

impl SynSet {
    fn index(&mut self) {
        self.by_first.clear();
        self.other.clear();
        for (i, member) in self.members.iter().enumerate() {
            match member.first().map(|item| &item.node) {
                Some(Node::Word(w)) => self.by_first.push((*w, i as u32)),
                _ => self.other.push(i as u32),
            }
        }
        self.by_first.sort_unstable();
    }
}

impl VerbDictionary {
    /// Read one dictionary file's text; unreadable lines become warnings.
    pub fn parse(text: &str) -> (VerbDictionary, Vec<DictionaryWarning>) {
        let mut parser = Parser {
            dict: VerbDictionary::default(),
            warnings: Vec::new(),
            block: None,
            set: None,
            set_uses: Vec::new(),
        };
        let mut in_comment = false;
        for (number, raw) in text.lines().enumerate() {
            let line = strip_comments(raw, &mut in_comment);
            parser.line(number + 1, line.trim());
        }
        parser.finish()
    }

    /// Add another dictionary's verbs, patterns and synonym sets (later wins
    /// on conflicts: a form the other dictionary also lists is its verb's
    /// only, a set it defines again is its set, and its patterns go before
    /// this one's of the same specificity). Blocks of the same name share
    /// their patterns.
    pub fn extend(&mut self, other: VerbDictionary) {
        self.generation += 1;
        let generation = self.generation;
        let sym_map: Vec<Sym> = other.sym_text.iter().map(|t| self.intern(t)).collect();
        // Sets: placeholders first, so members can refer to any of them.
        let set_map: Vec<u32> = other.sets.iter().map(|s| self.set_id(&s.name)).collect();
        for (i, set) in other.sets.iter().enumerate() {
            if set.defined {
                let members = set
                    .members
                    .iter()
                    .map(|m| remap_items(m, &sym_map, &set_map))
                    .collect();
                let mine = &mut self.sets[set_map[i] as usize];
                mine.members = members;
                mine.defined = true;
                mine.no_plural = set.no_plural;
                mine.index();
            }
        }
        let block_map: Vec<u32> = other
            .blocks
            .iter()
            .map(|b| self.block_id(&b.name))
            .collect();
        let pattern_base = self.patterns.len() as u32;
        for pattern in &other.patterns {
            let mut copy = pattern.clone();
            copy.before = remap_items(&pattern.before, &sym_map, &set_map);
            copy.after = remap_items(&pattern.after, &sym_map, &set_map);
            copy.code = Code {
                forward: pattern.code.forward.map(|s| sym_map[s as usize]),
                reverse: pattern.code.reverse.map(|s| sym_map[s as usize]),
            };
            copy.key = pattern.key.map(|s| sym_map[s as usize]);
            copy.generation = generation;
            self.patterns.push(copy);
        }
        for (b, block) in other.blocks.iter().enumerate() {
            let mine = block_map[b] as usize;
            let added = block.patterns.iter().map(|p| p + pattern_base);
            self.blocks[mine].patterns.extend(added);
        }
        let entry_base = self.entries.len() as u32;
        for (e, entry) in other.entries.into_iter().enumerate() {
            self.entries.push(entry);
            self.entry_block
                .push(block_map[other.entry_block[e] as usize]);
        }
        // Forms: the other dictionary's forms replace identical ones here.
        for (key, forms) in other.forms {
            let mine = self.forms.entry(key).or_default();
            mine.retain(|old| {
                !forms
                    .iter()
                    .any(|new| new.first == old.first && new.rest == old.rest)
            });
            for mut form in forms {
                form.entry = VerbId(form.entry.0 + entry_base);
                mine.push(form);
            }
            mine.sort_by_key(|f| std::cmp::Reverse(f.rest.len()));
        }
        self.sort_patterns();
    }

    /// The number of distinct verb forms (words or phrases recognised as a
    /// verb); see [`VerbDictionary::counts`] for the other sizes.
    pub fn len(&self) -> usize {
        self.counts().forms
    }

    /// Whether the dictionary has no verb.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Sizes of the dictionary, for summaries.
    pub fn counts(&self) -> DictionaryCounts {
        let mut distinct = std::collections::HashSet::new();
        for forms in self.forms.values() {
            for form in forms {
                distinct.insert((&form.first, &form.rest));
            }
        }
        DictionaryCounts {
            verbs: self.entries.len(),
            forms: distinct.len(),
            patterns: self.patterns.len(),
            synonym_sets: self.sets.iter().filter(|s| s.defined).count(),
        }
    }

    /// A verb entry.
    ///
    /// # Panics
    /// When `id` is not from this dictionary.
    pub fn entry(&self, id: VerbId) -> &VerbEntry {
        &self.entries[id.index()]
    }

    /// The line number and text of pattern `index` (from [`VerbMatch::pattern`]).
    pub fn pattern_source(&self, index: usize) -> Option<(usize, &str)> {
        self.patterns.get(index).map(|p| (p.line, &*p.text))
    }

    /// The verb entries whose form starts at word `i` of `words` (lower-case
    /// words), longest form first, as (entry id, number of words the form
    /// covers). Several entries may share a form (a word listed in two
    /// blocks); they come in file order. Multiword forms (`break down`,
    /// `take control`) are keyed by their first word and need their words
    /// adjacent.
    pub fn forms_at(&self, words: &[&str], i: usize) -> Vec<(VerbId, usize)> {
        let Some(word) = words.get(i) else {
            return Vec::new();
        };
        let lowered = lower(word);
        let Some(forms) = self.forms.get(&hash_str(&lowered)) else {
            return Vec::new();
        };
        let mut found = Vec::new();
        for form in forms {
            if *form.first != *lowered {
                continue;
            }
            let rest = words.get(i + 1..i + 1 + form.rest.len());
            let matches = rest.is_some_and(|rest| {
                rest.iter()
                    .zip(form.rest.iter())
                    .all(|(w, f)| w.eq_ignore_ascii_case(f))
            });
            if matches {
                found.push((form.entry, 1 + form.rest.len()));
            }
        }
        found
    }

    /// Code a verb occurrence: `verb` at token range `at` of `clause`. The
    /// block's patterns are tried, most specific first (PETRARCH's order);
    /// when none matches, the verb's own code applies. `None` when nothing is
    /// coded: the verb has no code, or the matching pattern's code is `---`.
    pub fn code(&self, clause: &Clause, verb: VerbId, at: Range<usize>) -> Option<VerbMatch> {
        let entry = self.entries.get(verb.index())?;
        let block = self
            .blocks
            .get(*self.entry_block.get(verb.index())? as usize)?;
        let n = clause.words.len();
        if at.start >= at.end || at.end > n {
            return None;
        }
        let lo = {
            let floor = at.start.saturating_sub(WINDOW);
            (floor..at.start)
                .rev()
                .find(|&k| is_boundary(clause.words[k]))
                .map_or(floor, |k| k + 1)
        };
        let hi = {
            let ceiling = (at.end + WINDOW).min(n);
            (at.end..ceiling)
                .find(|&k| is_boundary(clause.words[k]))
                .unwrap_or(ceiling)
        };
        let syms: Vec<Option<Sym>> = clause.words[lo..hi].iter().map(|w| self.sym(w)).collect();
        let mut matcher = Matcher {
            dict: self,
            clause,
            syms,
            lo,
            steps: 0,
            verb: 0,
        };
        for &p in &block.patterns {
            let pattern = &self.patterns[p as usize];
            if let Some(key) = pattern.key
                && !matcher.syms.contains(&Some(key))
            {
                continue;
            }
            let Some(state) = matcher.pattern(pattern, &at, hi) else {
                continue;
            };
            if pattern.code == Code::default() {
                return None;
            }
            let mut words: Vec<(usize, usize)> = state.evidence;
            words.push((at.start, at.end));
            return Some(VerbMatch {
                code: pattern
                    .code
                    .forward
                    .map(|s| self.sym_text[s as usize].to_string()),
                reverse: pattern
                    .code
                    .reverse
                    .map(|s| self.sym_text[s as usize].to_string()),
                words: merge_ranges(words),
                source: state.source.map(|(a, b)| a..b),
                target: state.target.map(|(a, b)| a..b),
                pattern: Some(p as usize),
            });
        }
        if entry.code.is_none() && entry.reverse.is_none() {
            return None;
        }
        Some(VerbMatch {
            code: entry.code.clone(),
            reverse: entry.reverse.clone(),
            words: vec![at],
            source: None,
            target: None,
            pattern: None,
        })
    }

    fn sym(&self, word: &str) -> Option<Sym> {
        let lowered = lower(word);
        let sym = *self.syms.get(&hash_str(&lowered))?;
        (*self.sym_text[sym as usize] == *lowered).then_some(sym)
    }

    fn intern(&mut self, word: &str) -> Sym {
        let key = hash_str(word);
        if let Some(&sym) = self.syms.get(&key)
            && *self.sym_text[sym as usize] == *word
        {
            return sym;
        }
        let sym = self.sym_text.len() as Sym;
        self.sym_text.push(word.into());
        self.syms.insert(key, sym);
        sym
    }

    fn set_id(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.set_names.get(name) {
            return id;
        }
        let id = self.sets.len() as u32;
        self.sets.push(SynSet {
            name: name.to_string(),
            ..SynSet::default()
        });
        self.set_names.insert(name.to_string(), id);
        id
    }

    fn block_id(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.block_names.get(name) {
            return id;
        }
        let id = self.blocks.len() as u32;
        self.blocks.push(Block {
            name: name.to_string(),
            patterns: Vec::new(),
        });
        self.block_names.insert(name.to_string(), id);
        id
    }

    fn add_form(&mut self, words: &[String], entry: VerbId) {
        let Some((first, rest)) = words.split_first() else {
            return;
        };
        let forms = self.forms.entry(hash_str(first)).or_default();
        let rest: Box<[Box<str>]> = rest.iter().map(|w| w.as_str().into()).collect();
        if forms
            .iter()
            .any(|f| f.entry == entry && *f.first == **first && f.rest == rest)
        {
            return;
        }
        forms.push(Form {
            first: first.as_str().into(),
            rest,
            entry,
        });
        // Stable: longest first, file order among equals.
        forms.sort_by_key(|f| std::cmp::Reverse(f.rest.len()));
    }

    fn sort_patterns(&mut self) {
        let patterns = &self.patterns;
        for block in &mut self.blocks {
            block.patterns.sort_by(|&a, &b| {
                let (pa, pb) = (&patterns[a as usize], &patterns[b as usize]);
                pb.literals
                    .cmp(&pa.literals)
                    .then(pb.generation.cmp(&pa.generation))
                    .then(a.cmp(&b))
            });
        }
    }
}

// ---------------------------------------------------------------- reading

mod matcher;
mod parse;
#[cfg(test)]
mod tests;

use matcher::*;
use parse::*;
