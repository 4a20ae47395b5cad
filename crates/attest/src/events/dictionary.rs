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

use crate::tag::hash::{BuildPassThrough, hash_str};

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

struct Parser {
    dict: VerbDictionary,
    warnings: Vec<DictionaryWarning>,
    /// The current block: its id and code.
    block: Option<(u32, Code)>,
    /// The synonym set whose members are being read.
    set: Option<u32>,
    /// (line, set) for every set a pattern or member used, checked at the end.
    set_uses: Vec<(usize, u32)>,
}

impl Parser {
    fn warn(&mut self, line: usize, message: impl Into<String>) {
        self.warnings.push(DictionaryWarning {
            line,
            message: message.into(),
        });
    }

    fn line(&mut self, number: usize, line: &str) {
        if line.is_empty() {
            return;
        }
        if line.starts_with('+') && self.set.is_some() {
            self.member(number, line);
            return;
        }
        self.set = None;
        if let Some(rest) = line.strip_prefix("---") {
            self.header(number, rest);
        } else if let Some(rest) = line.strip_prefix('-') {
            self.pattern(number, line, rest);
        } else if let Some(rest) = line.strip_prefix('&') {
            self.set_label(number, rest);
        } else if line.starts_with('~') {
            self.warn(
                number,
                "verb transformations (`~`) are not supported; line skipped",
            );
        } else if line.starts_with('*') {
            self.warn(number, "a pattern must start with `-`; line skipped");
        } else if line.starts_with('+') || line.starts_with(|c: char| c.is_alphanumeric()) {
            self.verb(number, line);
        } else {
            self.warn(number, format!("unreadable line `{line}`; skipped"));
        }
    }

    fn header(&mut self, number: usize, rest: &str) {
        let (name, code) = match rest.find('[') {
            Some(open) => {
                let Some(close) = rest[open..].find(']') else {
                    self.block = None;
                    self.warn(number, "unterminated `[` in a block header; block skipped");
                    return;
                };
                let text = &rest[open + 1..open + close];
                let code = match self.code(text) {
                    Ok(code) => code,
                    Err(message) => {
                        self.warn(number, format!("{message}; the block codes nothing"));
                        Code::default()
                    }
                };
                (rest[..open].trim(), code)
            }
            None => (rest.trim().trim_end_matches('-').trim(), Code::default()),
        };
        if name.is_empty() {
            self.warn(number, "a block header without a name");
        }
        let id = self.dict.block_id(&name.to_uppercase());
        self.block = Some((id, code));
    }

    fn code(&mut self, text: &str) -> Result<Code, String> {
        let text = text.trim();
        if text.is_empty() {
            return Err("an empty code `[]`".into());
        }
        let mut parts = text.split(':');
        let forward = parts.next().unwrap_or_default().trim();
        let reverse = parts.next().unwrap_or_default().trim();
        if parts.next().is_some() {
            return Err(format!("a code with more than one `:` `[{text}]`"));
        }
        if forward.contains(char::is_whitespace) || reverse.contains(char::is_whitespace) {
            return Err(format!("a code with spaces `[{text}]`"));
        }
        let mut part = |p: &str| (!p.is_empty() && p != "---").then(|| self.dict.intern(p));
        Ok(Code {
            forward: part(forward),
            reverse: part(reverse),
        })
    }

    fn set_label(&mut self, number: usize, rest: &str) {
        let raw = rest.trim();
        let name = raw.trim_end_matches('_').to_uppercase();
        if name.is_empty() || name.contains(char::is_whitespace) {
            self.warn(number, format!("unreadable synonym set name `&{raw}`"));
            return;
        }
        let id = self.dict.set_id(&name);
        let set = &mut self.dict.sets[id as usize];
        // A second definition of a set adds to the first.
        if !set.defined {
            set.defined = true;
            set.no_plural = raw.ends_with('_');
        }
        self.set = Some(id);
    }

    fn member(&mut self, number: usize, line: &str) {
        let Some(id) = self.set else { return };
        let text = line[1..].trim();
        let items = match self.items(number, text) {
            Ok(items) => items,
            Err(message) => {
                self.warn(number, format!("{message}; member skipped"));
                return;
            }
        };
        if items.is_empty() {
            self.warn(number, "an empty synonym; skipped");
            return;
        }
        if items.iter().any(|item| !member_node(&item.node)) {
            self.warn(
                number,
                "a synonym may hold words, sets and prepositional phrases only; skipped",
            );
            return;
        }
        let mut items = items;
        for item in items.iter_mut().skip(1) {
            item.glued = true;
        }
        let set = &self.dict.sets[id as usize];
        let plural = if set.no_plural || text.ends_with('_') {
            None
        } else {
            match items.last().map(|item| &item.node) {
                Some(Node::Word(w)) => plural(&self.dict.sym_text[*w as usize]),
                _ => None,
            }
        };
        let mut members = vec![items.clone().into_boxed_slice()];
        if let Some(plural) = plural {
            let sym = self.dict.intern(&plural);
            if let Some(last) = items.last_mut() {
                last.node = Node::Word(sym);
            }
            members.push(items.into_boxed_slice());
        }
        self.dict.sets[id as usize].members.extend(members);
    }

    fn verb(&mut self, number: usize, line: &str) {
        let Some((block, block_code)) = self.block else {
            self.warn(number, "a verb outside a verb block; skipped");
            return;
        };
        // Optional trailing [code], after any {forms}.
        let after_forms = line.rfind('}').map_or(0, |i| i + 1);
        let (body, code) = match line[after_forms..].find('[') {
            Some(open) => {
                let open = after_forms + open;
                let Some(close) = line[open..].find(']') else {
                    self.warn(number, "unterminated `[` in a verb line; skipped");
                    return;
                };
                match self.code(&line[open + 1..open + close]) {
                    Ok(code) => (line[..open].trim(), code),
                    Err(message) => {
                        self.warn(number, format!("{message}; verb skipped"));
                        return;
                    }
                }
            }
            None => (line, block_code),
        };
        let (main, listed) = match body.find('{') {
            Some(open) => {
                let Some(close) = body[open..].find('}') else {
                    self.warn(number, "unterminated `{` in a verb line; skipped");
                    return;
                };
                (body[..open].trim(), Some(&body[open + 1..open + close]))
            }
            None => (body.trim(), None),
        };
        if main.is_empty() {
            self.warn(number, "a verb line without a verb; skipped");
            return;
        }
        let joined = main.split_whitespace().collect::<Vec<_>>().join("_");
        let Some(base) = verb_form(&joined) else {
            self.warn(number, format!("unreadable verb `{main}`; skipped"));
            return;
        };
        let id = VerbId(self.dict.entries.len() as u32);
        let text = |sym: Option<Sym>| sym.map(|s| self.dict.sym_text[s as usize].to_string());
        let entry = VerbEntry {
            form: base.words.join(" "),
            block: self.dict.blocks[block as usize].name.clone(),
            code: text(code.forward),
            reverse: text(code.reverse),
            line: number,
        };
        self.dict.entries.push(entry);
        self.dict.entry_block.push(block);
        let mut forms = vec![base.clone()];
        match listed {
            Some(listed) => {
                for token in listed.split(|c: char| c.is_whitespace() || c == ',') {
                    if token.is_empty() {
                        continue;
                    }
                    match verb_form(token) {
                        Some(form) => forms.push(form),
                        None => {
                            self.warn(number, format!("unreadable verb form `{token}`; skipped"))
                        }
                    }
                }
            }
            None => {
                for inflected in inflect(&base.words[base.verb]) {
                    let mut form = base.clone();
                    form.words[base.verb] = inflected;
                    forms.push(form);
                }
            }
        }
        for form in forms {
            self.dict.add_form(&form.words, id);
            if form.verb > 0 {
                self.dict.add_form(&[form.words.join("-")], id);
            }
        }
    }

    fn pattern(&mut self, number: usize, line: &str, rest: &str) {
        let Some((block, _)) = self.block else {
            self.warn(number, "a pattern outside a verb block; skipped");
            return;
        };
        let Some(open) = rest.find('[') else {
            self.warn(number, "a pattern without a [code]; skipped");
            return;
        };
        let Some(close) = rest[open..].find(']') else {
            self.warn(number, "unterminated `[` in a pattern; skipped");
            return;
        };
        let close = open + close;
        if !rest[close + 1..].trim().is_empty() {
            self.warn(number, "text after a pattern's code; pattern skipped");
            return;
        }
        let code = match self.code(&rest[open + 1..close]) {
            Ok(code) => code,
            Err(message) => {
                self.warn(number, format!("{message}; pattern skipped"));
                return;
            }
        };
        let items = match self.items(number, &rest[..open]) {
            Ok(items) => items,
            Err(message) => {
                self.warn(number, format!("{message}; pattern skipped"));
                return;
            }
        };
        let verbs: Vec<usize> = items
            .iter()
            .enumerate()
            .filter(|(_, item)| matches!(item.node, Node::Verb))
            .map(|(i, _)| i)
            .collect();
        let [at] = verbs[..] else {
            let message = if verbs.is_empty() {
                "a pattern without `*`"
            } else {
                "a pattern with more than one `*`"
            };
            self.warn(number, format!("{message}; skipped"));
            return;
        };
        if items.iter().any(|item| nested_verb(&item.node)) {
            self.warn(number, "`*` inside `(...)` or `{...}`; pattern skipped");
            return;
        }
        let mut items = items;
        let after: Box<[Item]> = items.split_off(at + 1).into_boxed_slice();
        let verb_glued = items.pop().is_some_and(|verb| verb.glued);
        let before = items.into_boxed_slice();
        let all = || before.iter().chain(after.iter());
        let literals = all().map(|item| literal_count(&item.node)).sum();
        let key = all().find_map(|item| key_word(&item.node));
        let index = self.dict.patterns.len() as u32;
        self.dict.patterns.push(Pattern {
            line: number,
            text: line.into(),
            code,
            before,
            after,
            verb_glued,
            literals,
            key,
            generation: 0,
        });
        self.dict.blocks[block as usize].patterns.push(index);
    }

    /// Parse pattern or member text into elements.
    fn items(&mut self, number: usize, text: &str) -> Result<Vec<Item>, String> {
        let chars: Vec<char> = text.chars().collect();
        let mut pos = 0;
        let items = self.sequence(number, &chars, &mut pos, None)?;
        Ok(items)
    }

    fn sequence(
        &mut self,
        number: usize,
        chars: &[char],
        pos: &mut usize,
        closer: Option<char>,
    ) -> Result<Vec<Item>, String> {
        let mut items = Vec::new();
        let mut glue = false;
        while *pos < chars.len() {
            let c = chars[*pos];
            if c.is_whitespace() {
                glue = false;
                *pos += 1;
                continue;
            }
            if c == '_' {
                // `_` between two elements joins them; before a space or an
                // end it only marks a complete word.
                *pos += 1;
                glue = chars
                    .get(*pos)
                    .is_some_and(|&n| !n.is_whitespace() && n != ')' && n != '}' && n != '_');
                continue;
            }
            if c == ')' || c == '}' {
                if closer == Some(c) {
                    *pos += 1;
                    return Ok(items);
                }
                return Err(format!("unbalanced `{c}`"));
            }
            let node = match c {
                '(' => {
                    *pos += 1;
                    let inner = self.sequence(number, chars, pos, Some(')'))?;
                    let mut inner = inner.into_iter();
                    let Some(prep) = inner.next() else {
                        return Err("an empty `()`".into());
                    };
                    if !matches!(prep.node, Node::Word(_) | Node::Set(_)) {
                        return Err("a prepositional phrase must start with a preposition".into());
                    }
                    let inner: Box<[Item]> = inner.collect();
                    let literal = matches!(prep.node, Node::Word(_))
                        && inner.iter().all(|item| matches!(item.node, Node::Word(_)));
                    Node::Prep {
                        prep: Box::new(Item {
                            node: prep.node,
                            glued: false,
                        }),
                        inner,
                        literal,
                    }
                }
                '{' => {
                    *pos += 1;
                    let inner = self.sequence(number, chars, pos, Some('}'))?;
                    if inner.is_empty() {
                        return Err("an empty `{}`".into());
                    }
                    Node::Group(inner.into_boxed_slice())
                }
                '*' => {
                    *pos += 1;
                    Node::Verb
                }
                '$' | '+' | '^' | '%' => {
                    *pos += 1;
                    match c {
                        '$' => Node::Source,
                        '+' => Node::Target,
                        '^' => Node::Skip,
                        _ => Node::Compound,
                    }
                }
                '&' => {
                    *pos += 1;
                    let start = *pos;
                    while chars
                        .get(*pos)
                        .is_some_and(|&n| n.is_alphanumeric() || n == '_' || n == '-')
                    {
                        *pos += 1;
                    }
                    let run: String = chars[start..*pos].iter().collect::<String>().to_uppercase();
                    let (name, used) = self.set_name(&run);
                    let used = run[..used].chars().count();
                    if name.is_empty() {
                        return Err("`&` without a set name".into());
                    }
                    // Give back what follows the name (`_WORD`).
                    *pos = start + used;
                    let id = self.dict.set_id(&name);
                    self.set_uses.push((number, id));
                    Node::Set(id)
                }
                '[' | ']' => return Err(format!("a stray `{c}`")),
                _ => {
                    let start = *pos;
                    while chars.get(*pos).is_some_and(|&n| {
                        !n.is_whitespace()
                            && !matches!(n, '_' | '(' | ')' | '{' | '}' | '*' | '[' | ']')
                    }) {
                        *pos += 1;
                    }
                    let word: String = chars[start..*pos].iter().collect::<String>().to_lowercase();
                    Node::Word(self.dict.intern(&word))
                }
            };
            items.push(Item { node, glued: glue });
            glue = false;
        }
        match closer {
            Some(c) => Err(format!("unclosed `{}`", if c == ')' { '(' } else { '{' })),
            None => Ok(items),
        }
    }

    /// The set name at the start of `run` (`TIETYPES_RELATIONS`): the longest
    /// run of `_`-separated parts that names a defined set, else all of it.
    /// Returns the name and how many characters of `run` it used.
    fn set_name(&self, run: &str) -> (String, usize) {
        let mut ends: Vec<usize> = run.match_indices('_').map(|(i, _)| i).collect();
        ends.push(run.len());
        for &end in ends.iter().rev() {
            let name = &run[..end];
            if let Some(&id) = self.dict.set_names.get(name)
                && self.dict.sets[id as usize].defined
            {
                return (name.to_string(), end);
            }
        }
        let name = run.trim_end_matches('_');
        (name.to_string(), run.len())
    }

    fn finish(mut self) -> (VerbDictionary, Vec<DictionaryWarning>) {
        let uses = std::mem::take(&mut self.set_uses);
        for (line, id) in uses {
            let set = &self.dict.sets[id as usize];
            if !set.defined {
                let message = format!("synonym set `&{}` is not defined", set.name);
                self.warn(line, message);
            }
        }
        for set in &mut self.dict.sets {
            set.index();
        }
        self.dict.sort_patterns();
        self.warnings.sort_by_key(|w| w.line);
        (self.dict, self.warnings)
    }
}

/// The text of a line without its comments; `in_comment` carries a
/// `<!-- ... -->` comment over lines.
fn strip_comments(raw: &str, in_comment: &mut bool) -> String {
    let mut text = String::with_capacity(raw.len());
    let mut rest = raw;
    loop {
        if *in_comment {
            match rest.find("-->") {
                Some(end) => {
                    *in_comment = false;
                    rest = &rest[end + 3..];
                    text.push(' ');
                }
                None => break,
            }
        }
        match rest.find("<!--") {
            Some(start) => {
                text.push_str(&rest[..start]);
                rest = &rest[start + 4..];
                *in_comment = true;
            }
            None => {
                text.push_str(rest);
                break;
            }
        }
    }
    if let Some(cut) = text.find(['#', ';']) {
        text.truncate(cut);
    }
    text
}

/// A verb form as written (`+BREAK_DOWN`, `WIRE_+TAP`, `SAID`): its words,
/// lower-case, and which one is inflected.
#[derive(Debug, Clone)]
struct VerbForm {
    words: Vec<String>,
    verb: usize,
}

fn verb_form(text: &str) -> Option<VerbForm> {
    let mut words = Vec::new();
    let mut verb = None;
    for part in text.split('_') {
        if part.is_empty() {
            continue;
        }
        let (marked, word) = match part.strip_prefix('+') {
            Some(word) => (true, word),
            None => (false, part),
        };
        let valid = !word.is_empty()
            && word
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '\'' | '-' | '.' | '/' | '&'));
        if !valid {
            return None;
        }
        if marked && verb.is_none() {
            verb = Some(words.len());
        }
        words.push(word.to_lowercase());
    }
    if words.is_empty() {
        return None;
    }
    Some(VerbForm {
        words,
        verb: verb.unwrap_or(0),
    })
}

/// The regular forms of a verb: -s, -ed, -ing.
fn inflect(verb: &str) -> [String; 3] {
    let bytes = verb.as_bytes();
    let last = bytes.last().copied().unwrap_or(b' ');
    let before = if bytes.len() >= 2 {
        bytes[bytes.len() - 2]
    } else {
        b' '
    };
    let vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u');
    let stem = &verb[..verb.len().saturating_sub(1)];
    let consonant_y = last == b'y' && !vowel(before) && bytes.len() > 1;
    let third =
        if matches!(last, b's' | b'x' | b'z') || verb.ends_with("ch") || verb.ends_with("sh") {
            format!("{verb}es")
        } else if consonant_y {
            format!("{stem}ies")
        } else {
            format!("{verb}s")
        };
    let past = if last == b'e' {
        format!("{verb}d")
    } else if consonant_y {
        format!("{stem}ied")
    } else {
        format!("{verb}ed")
    };
    let gerund = if let Some(root) = verb.strip_suffix("ie") {
        format!("{root}ying")
    } else if last == b'e' && !matches!(before, b'e' | b'o' | b'y') && bytes.len() > 2 {
        format!("{stem}ing")
    } else {
        format!("{verb}ing")
    };
    [third, past, gerund]
}

/// The regular plural of a noun, when it is not plural already.
fn plural(noun: &str) -> Option<String> {
    let bytes = noun.as_bytes();
    let last = *bytes.last()?;
    let before = if bytes.len() >= 2 {
        bytes[bytes.len() - 2]
    } else {
        b' '
    };
    let vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u');
    if !last.is_ascii_alphabetic() {
        return None;
    }
    if noun.ends_with("ss")
        || matches!(last, b'x' | b'z')
        || noun.ends_with("ch")
        || noun.ends_with("sh")
    {
        Some(format!("{noun}es"))
    } else if last == b's' {
        None
    } else if last == b'y' && !vowel(before) {
        Some(format!("{}ies", &noun[..noun.len() - 1]))
    } else if let Some(root) = noun.strip_suffix("man") {
        Some(format!("{root}men"))
    } else {
        Some(format!("{noun}s"))
    }
}

fn member_node(node: &Node) -> bool {
    match node {
        Node::Word(_) | Node::Set(_) => true,
        Node::Prep { inner, .. } => inner.iter().all(|i| member_node(&i.node)),
        _ => false,
    }
}

fn nested_verb(node: &Node) -> bool {
    match node {
        Node::Group(items) => items
            .iter()
            .any(|i| matches!(i.node, Node::Verb) || nested_verb(&i.node)),
        Node::Prep { inner, .. } => inner
            .iter()
            .any(|i| matches!(i.node, Node::Verb) || nested_verb(&i.node)),
        _ => false,
    }
}

fn literal_count(node: &Node) -> u32 {
    match node {
        Node::Word(_) | Node::Set(_) => 1,
        Node::Group(items) => items.iter().map(|i| literal_count(&i.node)).sum(),
        Node::Prep { inner, .. } => 1 + inner.iter().map(|i| literal_count(&i.node)).sum::<u32>(),
        _ => 0,
    }
}

/// A word every match of `node` contains.
fn key_word(node: &Node) -> Option<Sym> {
    match node {
        Node::Word(w) => Some(*w),
        Node::Group(items) => items.iter().find_map(|i| key_word(&i.node)),
        Node::Prep { prep, .. } => key_word(&prep.node),
        _ => None,
    }
}

fn remap_items(items: &[Item], syms: &[Sym], sets: &[u32]) -> Box<[Item]> {
    items
        .iter()
        .map(|item| Item {
            node: remap_node(&item.node, syms, sets),
            glued: item.glued,
        })
        .collect()
}

fn remap_node(node: &Node, syms: &[Sym], sets: &[u32]) -> Node {
    match node {
        Node::Word(w) => Node::Word(syms[*w as usize]),
        Node::Set(s) => Node::Set(sets[*s as usize]),
        Node::Group(items) => Node::Group(remap_items(items, syms, sets)),
        Node::Prep {
            prep,
            inner,
            literal,
        } => Node::Prep {
            prep: Box::new(Item {
                node: remap_node(&prep.node, syms, sets),
                glued: prep.glued,
            }),
            inner: remap_items(inner, syms, sets),
            literal: *literal,
        },
        other => other.clone(),
    }
}

fn lower(word: &str) -> std::borrow::Cow<'_, str> {
    if word.chars().any(char::is_uppercase) {
        std::borrow::Cow::Owned(word.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(word)
    }
}

/// Tokens that end a clause for matching.
fn is_boundary(word: &str) -> bool {
    matches!(word, ";" | ":" | "--" | "—" | "–" | "." | "!" | "?")
}

fn merge_ranges(mut ranges: Vec<(usize, usize)>) -> Vec<Range<usize>> {
    ranges.sort_unstable();
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for (start, end) in ranges {
        match merged.last_mut() {
            Some(last) if start <= last.end => last.end = last.end.max(end),
            _ => merged.push(start..end),
        }
    }
    merged
}

// ---------------------------------------------------------------- matching

/// What a pattern bound while matching.
#[derive(Debug, Default)]
struct State {
    source: Option<(usize, usize)>,
    target: Option<(usize, usize)>,
    evidence: Vec<(usize, usize)>,
}

type Checkpoint = (Option<(usize, usize)>, Option<(usize, usize)>, usize);

impl State {
    fn checkpoint(&self) -> Checkpoint {
        (self.source, self.target, self.evidence.len())
    }

    fn restore(&mut self, (source, target, len): Checkpoint) {
        self.source = source;
        self.target = target;
        self.evidence.truncate(len);
    }
}

/// How far apart consecutive elements may be.
#[derive(Debug, Clone, Copy)]
enum Gap {
    /// Up to `MAX_GAP` words between them.
    Bounded,
    /// Anywhere before the limit (inside a phrase).
    Free,
    /// Adjacent.
    Glued,
}

/// One alternative of an element at a position.
enum Step {
    /// It matches, ending at this token.
    Hit(usize),
    /// This alternative does not match; try the next.
    Miss,
    /// No more alternatives.
    End,
}

struct Matcher<'m> {
    dict: &'m VerbDictionary,
    clause: &'m Clause<'m>,
    /// Symbols of the words from `lo` on.
    syms: Vec<Option<Sym>>,
    lo: usize,
    steps: u32,
    /// Where the verb of the pattern being matched starts.
    verb: usize,
}

impl Matcher<'_> {
    fn sym(&self, k: usize) -> Option<Sym> {
        k.checked_sub(self.lo)
            .and_then(|i| self.syms.get(i).copied().flatten())
    }

    fn pattern(&mut self, pattern: &Pattern, at: &Range<usize>, hi: usize) -> Option<State> {
        self.steps = 0;
        self.verb = at.start;
        let mut state = State::default();
        if !pattern.after.is_empty() {
            let glued = pattern.after[0].glued;
            self.forward(
                &pattern.after,
                0,
                at.end,
                hi,
                Gap::Bounded,
                glued,
                &mut state,
                0,
            )?;
        }
        if !pattern.before.is_empty()
            && !self.backward(
                &pattern.before,
                pattern.before.len(),
                at.start,
                pattern.verb_glued,
                &mut state,
            )
        {
            return None;
        }
        Some(state)
    }

    /// Match `items[i..]` from `pos` on, ending at or before `hi`; the first
    /// of them is adjacent to `pos` when `first_glued`. Returns where the last
    /// ends.
    #[allow(clippy::too_many_arguments)]
    fn forward(
        &mut self,
        items: &[Item],
        i: usize,
        pos: usize,
        hi: usize,
        gap: Gap,
        first_glued: bool,
        state: &mut State,
        depth: usize,
    ) -> Option<usize> {
        let Some(item) = items.get(i) else {
            return Some(pos);
        };
        self.steps += 1;
        if self.steps > STEP_BUDGET || pos >= hi {
            return None;
        }
        let glued = if i == 0 {
            first_glued
        } else {
            item.glued || matches!(gap, Gap::Glued)
        };
        let last = match (glued, gap) {
            (true, _) | (_, Gap::Glued) => pos,
            (false, Gap::Bounded) => (pos + MAX_GAP).min(hi - 1),
            (false, Gap::Free) => hi - 1,
        };
        for s in pos..=last {
            for alt in 0.. {
                let checkpoint = state.checkpoint();
                match self.element(&item.node, s, hi, alt, state, depth) {
                    Step::End => {
                        state.restore(checkpoint);
                        break;
                    }
                    Step::Miss => state.restore(checkpoint),
                    Step::Hit(end) => {
                        if let Some(done) =
                            self.forward(items, i + 1, end, hi, gap, false, state, depth)
                        {
                            return Some(done);
                        }
                        state.restore(checkpoint);
                    }
                }
            }
        }
        None
    }

    /// Match `items[..count]` before `pos`, nearest first: the last of them
    /// ends at most `MAX_GAP` words before `pos` (right at it when
    /// `last_glued`).
    fn backward(
        &mut self,
        items: &[Item],
        count: usize,
        pos: usize,
        last_glued: bool,
        state: &mut State,
    ) -> bool {
        let Some(index) = count.checked_sub(1) else {
            return true;
        };
        self.steps += 1;
        if self.steps > STEP_BUDGET {
            return false;
        }
        let item = &items[index];
        let glued = match items.get(index + 1) {
            Some(next) => next.glued,
            None => last_glued,
        };
        for s in (self.lo..pos).rev() {
            for alt in 0.. {
                let checkpoint = state.checkpoint();
                match self.element(&item.node, s, pos, alt, state, 0) {
                    Step::End => {
                        state.restore(checkpoint);
                        break;
                    }
                    Step::Miss => state.restore(checkpoint),
                    Step::Hit(end) => {
                        let near = if glued {
                            end == pos
                        } else {
                            pos - end <= MAX_GAP
                        };
                        if near && self.backward(items, index, s, false, state) {
                            return true;
                        }
                        state.restore(checkpoint);
                    }
                }
            }
        }
        false
    }

    /// Alternative `alt` of `node` starting at token `s`, ending at or before `limit`.
    fn element(
        &mut self,
        node: &Node,
        s: usize,
        limit: usize,
        alt: usize,
        state: &mut State,
        depth: usize,
    ) -> Step {
        match node {
            Node::Word(w) => {
                if alt > 0 {
                    Step::End
                } else if s < limit && self.sym(s) == Some(*w) {
                    state.evidence.push((s, s + 1));
                    Step::Hit(s + 1)
                } else {
                    Step::Miss
                }
            }
            Node::Set(id) => self.set(*id, s, limit, alt, state, depth),
            Node::Source | Node::Target | Node::Skip | Node::Compound => {
                if alt > 0 {
                    return Step::End;
                }
                let Some(range) = self.phrase_at(s, limit, state) else {
                    return Step::Miss;
                };
                match node {
                    Node::Source => state.source = Some(range),
                    Node::Target => state.target = Some(range),
                    // Before the verb the compound acts ("Gondor and Osgiliath
                    // have postponed"), after it it is acted on ("agrees with
                    // the Philippines and France").
                    Node::Compound if self.joins_several(range) && range.0 < self.verb => {
                        state.source = Some(range)
                    }
                    Node::Compound if self.joins_several(range) => state.target = Some(range),
                    Node::Compound => return Step::Miss,
                    _ => {}
                }
                Step::Hit(range.1)
            }
            Node::Group(items) => {
                if alt > 0 {
                    return Step::End;
                }
                let found = match self.noun_phrase_containing(s) {
                    Some(np) => {
                        let hi = np.end.min(limit);
                        self.forward(items, 0, s, hi, Gap::Free, true, state, depth)
                    }
                    None => self.forward(items, 0, s, limit, Gap::Glued, true, state, depth),
                };
                found.map_or(Step::Miss, Step::Hit)
            }
            Node::Prep {
                prep,
                inner,
                literal,
            } => match alt {
                0 => {
                    let Some(np) = self.prepositional_at(s) else {
                        return Step::Miss;
                    };
                    if np.end > limit {
                        return Step::Miss;
                    }
                    let Some(after) = self.single(&prep.node, s, np.start.max(s + 1), state, depth)
                    else {
                        return Step::Miss;
                    };
                    if inner.is_empty() {
                        return Step::Hit(np.end.max(after));
                    }
                    let from = np.start.max(after);
                    self.forward(inner, 0, from, np.end, Gap::Free, false, state, depth)
                        .map_or(Step::Miss, Step::Hit)
                }
                1 if *literal => {
                    let Some(after) = self.single(&prep.node, s, limit, state, depth) else {
                        return Step::Miss;
                    };
                    self.forward(inner, 0, after, limit, Gap::Glued, true, state, depth)
                        .map_or(Step::Miss, Step::Hit)
                }
                _ => Step::End,
            },
            Node::Verb => Step::End,
        }
    }

    /// The first alternative of `node` at `s` that matches; where it ends.
    fn single(
        &mut self,
        node: &Node,
        s: usize,
        limit: usize,
        state: &mut State,
        depth: usize,
    ) -> Option<usize> {
        for alt in 0.. {
            let checkpoint = state.checkpoint();
            match self.element(node, s, limit, alt, state, depth) {
                Step::Hit(end) => return Some(end),
                Step::Miss => state.restore(checkpoint),
                Step::End => {
                    state.restore(checkpoint);
                    return None;
                }
            }
        }
        None
    }

    fn set(
        &mut self,
        id: u32,
        s: usize,
        limit: usize,
        alt: usize,
        state: &mut State,
        depth: usize,
    ) -> Step {
        let dict = self.dict;
        let Some(set) = dict.sets.get(id as usize) else {
            return Step::End;
        };
        if depth >= MAX_SET_DEPTH {
            return Step::End;
        }
        let first = match self.sym(s) {
            Some(sym) => {
                let from = set.by_first.partition_point(|&(w, _)| w < sym);
                let to = set.by_first.partition_point(|&(w, _)| w <= sym);
                &set.by_first[from..to]
            }
            None => &[],
        };
        let member = if alt < first.len() {
            first[alt].1
        } else {
            match set.other.get(alt - first.len()) {
                Some(&member) => member,
                None => return Step::End,
            }
        };
        let items = &set.members[member as usize];
        self.forward(items, 0, s, limit, Gap::Glued, true, state, depth + 1)
            .map_or(Step::Miss, Step::Hit)
    }

    /// The noun phrase starting at `s`, ending at or before `limit`; or the
    /// rest of one when the element just matched ended at `s` inside it
    /// (`ATTACK ON +` with "attack on the capital" chunked as one phrase).
    fn phrase_at(&self, s: usize, limit: usize, state: &State) -> Option<(usize, usize)> {
        let np = self.noun_phrase_containing(s)?;
        let partial = state.evidence.last().is_some_and(|&(_, end)| end == s);
        (np.end <= limit && (np.start == s || partial)).then_some((s, np.end))
    }

    /// Whether the words `range` covers join several things ("Gondor and
    /// Osgiliath").
    fn joins_several(&self, (start, end): (usize, usize)) -> bool {
        let words = self.clause.words;
        let joiner = |w: &&str| matches!(*w, "and" | "&");
        // The phrase holds the conjunction, or is the last or first of a
        // coordination the chunker split ("the Philippines | and | France").
        words[start..end.min(words.len())].iter().any(joiner)
            || start
                .checked_sub(1)
                .and_then(|k| words.get(k))
                .is_some_and(joiner)
            || words.get(end).is_some_and(joiner)
    }

    fn noun_phrase_containing(&self, s: usize) -> Option<Range<usize>> {
        let nps = self.clause.noun_phrases;
        let i = nps.partition_point(|np| np.end <= s);
        nps.get(i).filter(|np| np.start <= s && s < np.end).cloned()
    }

    fn prepositional_at(&self, s: usize) -> Option<Range<usize>> {
        let pps = self.clause.prepositional;
        let i = pps.partition_point(|(p, _)| *p < s);
        pps.get(i)
            .filter(|(p, _)| *p == s)
            .map(|(_, np)| np.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dict(text: &str) -> VerbDictionary {
        let (dictionary, warnings) = VerbDictionary::parse(text);
        assert!(warnings.is_empty(), "unexpected warnings: {warnings:?}");
        dictionary
    }

    /// A sentence written with its noun phrases in brackets:
    /// `"[the troops] rushed to [the border]"`. A preposition right before a
    /// noun phrase makes a prepositional phrase.
    struct Sentence {
        words: Vec<String>,
        noun_phrases: Vec<Range<usize>>,
        prepositional: Vec<(usize, Range<usize>)>,
    }

    fn sentence(text: &str) -> Sentence {
        const PREPOSITIONS: &[&str] = &[
            "to", "from", "of", "in", "on", "at", "with", "for", "against", "by", "into", "over",
            "near", "about", "before", "under",
        ];
        let mut words = Vec::new();
        let mut noun_phrases = Vec::new();
        let mut start = None;
        for token in text.split_whitespace() {
            let mut token = token;
            if let Some(rest) = token.strip_prefix('[') {
                start = Some(words.len());
                token = rest;
            }
            let closes = token.ends_with(']');
            let token = token.trim_end_matches(']');
            if !token.is_empty() {
                words.push(token.to_lowercase());
            }
            if closes {
                noun_phrases.push(start.take().unwrap()..words.len());
            }
        }
        let prepositional = noun_phrases
            .iter()
            .filter(|np| np.start > 0 && PREPOSITIONS.contains(&words[np.start - 1].as_str()))
            .map(|np| (np.start - 1, np.clone()))
            .collect();
        Sentence {
            words,
            noun_phrases,
            prepositional,
        }
    }

    /// Code the first word of `text` that is a verb of `dictionary`.
    fn code(dictionary: &VerbDictionary, text: &str) -> Option<VerbMatch> {
        code_word(dictionary, text, "")
    }

    /// Code the first verb of `text` that starts with `word` (any verb when empty).
    fn code_word(dictionary: &VerbDictionary, text: &str, word: &str) -> Option<VerbMatch> {
        let s = sentence(text);
        let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
        let clause = Clause {
            words: &words,
            noun_phrases: &s.noun_phrases,
            prepositional: &s.prepositional,
        };
        for i in 0..words.len() {
            if !words[i].starts_with(word) {
                continue;
            }
            if let Some(&(id, len)) = dictionary.forms_at(&words, i).first() {
                return dictionary.code(&clause, id, i..i + len);
            }
        }
        panic!("no verb in {text:?}");
    }

    fn code_of(dictionary: &VerbDictionary, text: &str) -> Option<String> {
        code(dictionary, text).and_then(|m| m.code)
    }

    fn forms(dictionary: &VerbDictionary, text: &str) -> Vec<usize> {
        let words: Vec<&str> = text.split_whitespace().collect();
        dictionary
            .forms_at(&words, 0)
            .iter()
            .map(|&(_, len)| len)
            .collect()
    }

    #[test]
    fn regular_forms_follow_the_spelling_rules() {
        assert_eq!(
            inflect("cooperate"),
            ["cooperates", "cooperated", "cooperating"]
        );
        assert_eq!(inflect("carry"), ["carries", "carried", "carrying"]);
        assert_eq!(inflect("play"), ["plays", "played", "playing"]);
        assert_eq!(inflect("push"), ["pushes", "pushed", "pushing"]);
        assert_eq!(inflect("fix"), ["fixes", "fixed", "fixing"]);
        assert_eq!(inflect("agree"), ["agrees", "agreed", "agreeing"]);
        assert_eq!(inflect("free"), ["frees", "freed", "freeing"]);
        assert_eq!(inflect("die"), ["dies", "died", "dying"]);
        // Like PETRARCH, no doubling: such verbs list their forms.
        assert_eq!(inflect("stop"), ["stops", "stoped", "stoping"]);
    }

    #[test]
    fn listed_forms_replace_the_regular_ones() {
        let d = dict(
            "--- HALT [191] ---\nSTOP {STOPS STOPPED STOPPING}\nCOOPERATE\nSPEED {SPEEDING SPEEDS SPED}\n",
        );
        for word in [
            "stop",
            "stops",
            "stopped",
            "stopping",
            "cooperates",
            "cooperated",
            "cooperating",
            "sped",
        ] {
            assert_eq!(forms(&d, word), [1], "{word}");
        }
        for word in ["stoped", "speeded", "speed-up"] {
            assert!(forms(&d, word).is_empty(), "{word}");
        }
        let id = d.forms_at(&["Stopped"], 0)[0].0;
        assert_eq!(d.entry(id).form, "stop");
        assert_eq!(d.entry(id).code.as_deref(), Some("191"));
    }

    #[test]
    fn multiword_and_phrasal_forms() {
        let d = dict(
            "--- BREAK [---] ---\nBREAK {BROKE BROKEN}\n\
             +BREAK_DOWN {+BREAKS_DOWN +BREAKING_DOWN +BROKE_DOWN +BROKEN_DOWN} [1246]\n\
             +BEEF_UP\nWIRE_+TAP [170]\nLASH OUT [111]\n",
        );
        assert_eq!(forms(&d, "broke down today"), [2, 1]);
        let words = ["talks", "broke", "down"];
        let found = d.forms_at(&words, 1);
        assert_eq!(d.entry(found[0].0).form, "break down");
        assert_eq!(d.entry(found[0].0).code.as_deref(), Some("1246"));
        assert_eq!(d.entry(found[1].0).code, None);
        assert_eq!(forms(&d, "beefed up"), [2]);
        assert_eq!(forms(&d, "beefing up"), [2]);
        assert!(forms(&d, "beefed").is_empty());
        assert_eq!(forms(&d, "wire taps"), [2]);
        assert_eq!(forms(&d, "wire-taps"), [1]);
        assert_eq!(forms(&d, "lashed out"), [2]);
        assert_eq!(forms(&d, "lashes out"), [2]);
        assert!(forms(&d, "beefed the up").is_empty());
    }

    #[test]
    fn synonym_sets_and_plurals() {
        let d = dict(
            "&CURRENCY\n+DOLLAR\n+CASH_\n+SWISS_FRANC\n&AUX_\n+MONEY\n\
             --- GIVE [070] ---\nGIVE {GAVE GIVEN GIVING GIVES}\n- * &CURRENCY [071]\n- * &AUX [072]\n",
        );
        assert_eq!(code_of(&d, "they gave [dollars]").as_deref(), Some("071"));
        assert_eq!(code_of(&d, "they gave [cash]").as_deref(), Some("071"));
        assert_eq!(code_of(&d, "they gave [cashes]").as_deref(), Some("070"));
        assert_eq!(
            code_of(&d, "they gave [swiss francs]").as_deref(),
            Some("071")
        );
        assert_eq!(code_of(&d, "they gave [francs]").as_deref(), Some("070"));
        assert_eq!(code_of(&d, "they gave [money]").as_deref(), Some("072"));
        assert_eq!(code_of(&d, "they gave [moneys]").as_deref(), Some("070"));
        let m = code(&d, "they gave [ten dollars]").unwrap();
        assert_eq!(m.words, [1..2, 3..4]);
        assert_eq!(m.pattern.map(|p| d.pattern_source(p).unwrap().0), Some(9));
    }

    #[test]
    fn nested_sets_and_joined_set_names() {
        let d = dict(
            "&TIETYPES\n+MILITARY\n+ECONOMIC\n&ANY\n+&TIETYPES\n+CLOSER\n\
             --- RENEW [---] ---\nRENEW\n- * NEW_&TIETYPES_TIES [064]\n- * &ANY RELATIONS [051]\n",
        );
        assert_eq!(
            code_of(&d, "they renewed new military ties").as_deref(),
            Some("064")
        );
        assert_eq!(code_of(&d, "they renewed new and military ties"), None);
        assert_eq!(
            code_of(&d, "they renewed economic relations").as_deref(),
            Some("051")
        );
        assert_eq!(
            code_of(&d, "they renewed closer relations").as_deref(),
            Some("051")
        );
    }

    #[test]
    fn the_most_specific_pattern_wins() {
        let d = dict(
            "--- SEND [---] ---\nSEND {SENT SENDING SENDS}\n\
             - * AID [070]\n- * {HUMANITARIAN AID} [073]\n- * FOOD [0731]\n- * FOOD [0732]\n",
        );
        assert_eq!(
            code_of(&d, "[they] sent [humanitarian aid]").as_deref(),
            Some("073")
        );
        assert_eq!(code_of(&d, "[they] sent [aid]").as_deref(), Some("070"));
        assert_eq!(
            code_of(&d, "[they] sent [food aid]").as_deref(),
            Some("070")
        );
        // A group stays inside one noun phrase.
        assert_eq!(
            code_of(&d, "[they] sent [humanitarian workers] and [aid]").as_deref(),
            Some("070")
        );
        // Equal specificity: the earlier line.
        assert_eq!(code_of(&d, "[they] sent [food]").as_deref(), Some("0731"));
        assert_eq!(code_of(&d, "[they] sent [troops]"), None);
    }

    #[test]
    fn source_and_target_bind_noun_phrases() {
        let d = dict(
            "--- FREE [080] ---\nFREE\n- + * (FROM $) [0841]\n--- ACCUSE [112] ---\nACCUSE\n- $ * + (OF ^) [1121]\n",
        );
        let m = code(&d, "[the hostages] were freed from [the rebel camp]").unwrap();
        assert_eq!(m.code.as_deref(), Some("0841"));
        assert_eq!(m.target, Some(0..2));
        assert_eq!(m.source, Some(5..8));
        assert_eq!(m.words.first(), Some(&(3..5)));
        assert_eq!(m.words.len(), 1);
        let m = code(&d, "[the minister] accused [the opposition] of [fraud]").unwrap();
        assert_eq!((m.source, m.target), (Some(0..2), Some(3..5)));
        assert_eq!(m.words, [2..3, 5..6]);
        // Without the phrase the pattern needs, the verb's own code.
        let m = code(&d, "[the minister] accused [the opposition]").unwrap();
        assert_eq!(
            (m.code.as_deref(), m.source, m.pattern),
            (Some("112"), None, None)
        );
    }

    #[test]
    fn underscores_join_adjacent_words() {
        let d = dict("--- WIPE [---] ---\nWIPE\n- *_OUT [180]\n- NOT_* [112]\n- * OFF_ [181]\n");
        assert_eq!(
            code_of(&d, "they wiped out [the village]").as_deref(),
            Some("180")
        );
        assert_eq!(code_of(&d, "they wiped [the village] out"), None);
        assert_eq!(
            code_of(&d, "they did not wipe [it]").as_deref(),
            Some("112")
        );
        assert_eq!(code_of(&d, "not [they] wipe [it]"), None);
        // `OFF_` is just the word.
        assert_eq!(code_of(&d, "they wiped [it] off").as_deref(), Some("181"));
    }

    #[test]
    fn prepositional_phrases() {
        let d = dict(
            "--- RUSH [---] ---\nRUSH\n- * (TO BORDER) [154]\n- * (TO) [042:043]\n- * &X (IN {&X CAMP}) [073]\n&X\n+FOOD\n",
        );
        let m = code(&d, "[they] rushed [troops] to [the border]").unwrap();
        assert_eq!(m.code.as_deref(), Some("154"));
        assert_eq!(m.words, [1..2, 3..4, 5..6]);
        let m = code(&d, "[they] rushed to [the capital] near [the border]").unwrap();
        assert_eq!(
            (m.code.as_deref(), m.reverse.as_deref()),
            (Some("042"), Some("043"))
        );
        // No chunks: the words themselves, adjacent.
        assert_eq!(code_of(&d, "they rushed to border").as_deref(), Some("154"));
        assert_eq!(code_of(&d, "they rushed").as_deref(), None);
    }

    #[test]
    fn compound_actors_and_paired_codes() {
        let (d, warnings) = VerbDictionary::parse(
            "--- CELEBRATE [---] ---\nCELEBRATE\n- * EID AT ^ WITH + [017]\n- % * [030]\n\
             --- APPEAR [---] ---\nAPPEAR\n- * (BEFORE COURT) [:173]\n\
             --- APPROVE [030] ---\nAPPROVE\n- * BUDGET [---]\n",
        );
        assert!(warnings.is_empty(), "{warnings:?}");
        let m = code(
            &d,
            "[they] celebrated [eid] at [the mosque] with [the king]",
        )
        .unwrap();
        assert_eq!((m.code.as_deref(), m.target), (Some("017"), Some(7..9)));
        assert_eq!(
            code_of(&d, "[they] celebrated at [the mosque] with [the king]"),
            None
        );
        let m = code(&d, "[he] appeared before [the court]").unwrap();
        assert_eq!((m.code, m.reverse.as_deref()), (None, Some("173")));
        assert_eq!(code(&d, "[they] approved [the budget]"), None);
        assert_eq!(
            code_of(&d, "[they] approved [the plan]").as_deref(),
            Some("030")
        );
        let counts = d.counts();
        assert_eq!((counts.verbs, counts.patterns), (3, 4));
        // `%` binds a phrase that joins several actors, and only such a one.
        let m = code(&d, "[gondor and rohan] celebrated").unwrap();
        assert_eq!((m.code.as_deref(), m.source), (Some("030"), Some(0..3)));
        assert_eq!(code_of(&d, "[gondor] celebrated"), None);
    }

    #[test]
    fn matching_stops_at_a_clause_boundary_and_a_gap() {
        let d = dict("--- SEND [---] ---\nSEND {SENT}\n- * AID [070]\n- $ * [071]\n");
        assert_eq!(code_of(&d, "they sent ; aid"), None);
        assert_eq!(
            code_of(&d, "they sent a b c d e f g h aid").as_deref(),
            Some("070")
        );
        assert_eq!(code_of(&d, "they sent a b c d e f g h i aid"), None);
        let m = code(&d, "[the army] and [the police] sent").unwrap();
        assert_eq!(m.source, Some(3..5));
    }

    #[test]
    fn comments_are_skipped() {
        let d = dict(
            "<!-- a comment\n- * NOTHING [999]\n-->\n# another\n--- SEND [070] --- # header\n\
             SEND {SENT};old style\n<!-- inline --> - * AID [071] # note\n",
        );
        assert_eq!(d.counts().patterns, 1);
        assert_eq!(code_of(&d, "they sent aid").as_deref(), Some("071"));
    }

    #[test]
    fn broken_lines_become_warnings() {
        let text = "\
SEND
--- SEND [070] ---
SEND
- * (TO [040]
- * AID
* (TO QUESTION) [110]
~ a (a b ATTACK) SAY = a b 015
- AID [071]
- * &UNDEFINED [072]
- * DIPLXMATIC [###]
- * * [073]
- * AID [073] extra
- * AID [073]
";
        let (d, warnings) = VerbDictionary::parse(text);
        let lines: Vec<usize> = warnings.iter().map(|w| w.line).collect();
        assert_eq!(lines, [1, 4, 5, 6, 7, 8, 9, 10, 11, 12], "{warnings:#?}");
        assert!(warnings[1].message.contains("unclosed"), "{}", warnings[1]);
        assert_eq!(d.counts().patterns, 2);
        assert_eq!(code_of(&d, "they send aid").as_deref(), Some("073"));
    }

    #[test]
    fn later_dictionaries_win() {
        let (mut first, _) =
            VerbDictionary::parse("&X\n+FOOD\n--- ACCUSE [111] ---\nACCUSE\nBLAME\n- * &X [112]\n");
        let (second, _) = VerbDictionary::parse(
            "&X\n+WATER\n--- CHARGE [112] ---\nACCUSE\n--- ACCUSE [---] ---\nCHIDE\n- * AID [113]\n",
        );
        first.extend(second);
        let found = first.forms_at(&["accused"], 0);
        assert_eq!(found.len(), 1);
        assert_eq!(first.entry(found[0].0).block, "CHARGE");
        assert_eq!(code_of(&first, "they blamed water").as_deref(), Some("112"));
        assert_eq!(code_of(&first, "they blamed food").as_deref(), Some("111"));
        assert_eq!(code_of(&first, "they chided aid").as_deref(), Some("113"));
        assert_eq!(code_of(&first, "they blamed aid").as_deref(), Some("113"));
        let counts = first.counts();
        assert_eq!(
            (counts.verbs, counts.patterns, counts.synonym_sets),
            (4, 2, 1)
        );
    }

    fn shared_file(name: &str) -> Option<String> {
        let path = attest_testkit::shared(&format!("corpora/petrarch/{name}"))?;
        Some(std::fs::read_to_string(path).unwrap())
    }

    /// Reads a real dictionary and prints its counts and warnings.
    fn real_file(name: &str) -> Option<(VerbDictionary, Vec<DictionaryWarning>)> {
        let text = shared_file(name)?;
        let (d, warnings) = VerbDictionary::parse(&text);
        eprintln!("{name}: {:?}, {} warnings", d.counts(), warnings.len());
        for warning in &warnings {
            eprintln!("  {warning}");
        }
        Some((d, warnings))
    }

    #[test]
    fn the_cameo_dictionary_reads() {
        let Some((d, warnings)) = real_file("CAMEO.2.0.txt") else {
            return;
        };
        // The reference reader takes the file's 1,688 verb lines and 129
        // phrasal verbs, its 4,668 patterns and 40 synonym sets. Two patterns
        // have a stray `)`; two use sets the file never defines; eight lines
        // are verb transformations.
        let counts = d.counts();
        assert_eq!(
            (counts.verbs, counts.patterns, counts.synonym_sets),
            (1817, 4666, 40)
        );
        assert!(counts.forms > 6000, "{counts:?}");
        assert_eq!(warnings.len(), 12);
        let transformations = warnings.iter().filter(|w| w.message.contains('~')).count();
        assert_eq!(transformations, 8);

        let m = code(&d, "[the army] rushed [troops] to [the border]").unwrap();
        assert_eq!(m.code.as_deref(), Some("154"));
        let m = code(&d, "[russia] sent [humanitarian aid] to [syria]").unwrap();
        assert!(
            m.code.as_deref().is_some_and(|c| c.starts_with("07")),
            "{m:?}"
        );
    }

    #[test]
    fn the_validation_dictionaries_read() {
        if let Some((d, warnings)) = real_file("PETR.Validate.verbs.txt") {
            // 474 patterns, one of them cut by its `[###]` code (`#` starts a
            // comment); 15 use `%`.
            let counts = d.counts();
            assert_eq!(
                (counts.verbs, counts.patterns, counts.synonym_sets),
                (269, 473, 17)
            );
            assert_eq!(warnings.len(), 1);
            assert_eq!(code_of(&d, "they wiped out [the village]"), None);
            let m = code_word(&d, "[it] said would wipe out [the village]", "wipe").unwrap();
            assert_eq!(m.code.as_deref(), Some("173"));
            assert_eq!(m.words.first(), Some(&(1..5)));
            assert_eq!(m.words.len(), 1);
        }
        if let Some((d, warnings)) = real_file("PETR_Validate_verbs_2_02.txt") {
            // 121 verb lines and 7 phrasal verbs, 358 patterns; one pattern
            // line lacks its `-`, one is cut by `[###]`, and five patterns use
            // sets the file does not define (copied from the CAMEO file).
            let counts = d.counts();
            assert_eq!(
                (counts.verbs, counts.patterns, counts.synonym_sets),
                (127, 357, 30)
            );
            assert_eq!(warnings.len(), 7);
        }
    }
}
