//! Reading a dictionary file: comments, synonym sets, verb blocks and
//! their forms, and patterns.

use super::*;

pub(super) struct Parser {
    pub(super) dict: VerbDictionary,
    pub(super) warnings: Vec<DictionaryWarning>,
    /// The current block: its id and code.
    pub(super) block: Option<(u32, Code)>,
    /// The synonym set whose members are being read.
    pub(super) set: Option<u32>,
    /// (line, set) for every set a pattern or member used, checked at the end.
    pub(super) set_uses: Vec<(usize, u32)>,
}

impl Parser {
    pub(super) fn warn(&mut self, line: usize, message: impl Into<String>) {
        self.warnings.push(DictionaryWarning {
            line,
            message: message.into(),
        });
    }

    pub(super) fn line(&mut self, number: usize, line: &str) {
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

    pub(super) fn header(&mut self, number: usize, rest: &str) {
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

    pub(super) fn code(&mut self, text: &str) -> Result<Code, String> {
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

    pub(super) fn set_label(&mut self, number: usize, rest: &str) {
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

    pub(super) fn member(&mut self, number: usize, line: &str) {
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

    pub(super) fn verb(&mut self, number: usize, line: &str) {
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

    pub(super) fn pattern(&mut self, number: usize, line: &str, rest: &str) {
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
    pub(super) fn items(&mut self, number: usize, text: &str) -> Result<Vec<Item>, String> {
        let chars: Vec<char> = text.chars().collect();
        let mut pos = 0;
        let items = self.sequence(number, &chars, &mut pos, None)?;
        Ok(items)
    }

    pub(super) fn sequence(
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
    pub(super) fn set_name(&self, run: &str) -> (String, usize) {
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

    pub(super) fn finish(mut self) -> (VerbDictionary, Vec<DictionaryWarning>) {
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
pub(super) fn strip_comments(raw: &str, in_comment: &mut bool) -> String {
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
pub(super) struct VerbForm {
    pub(super) words: Vec<String>,
    pub(super) verb: usize,
}

pub(super) fn verb_form(text: &str) -> Option<VerbForm> {
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
pub(super) fn inflect(verb: &str) -> [String; 3] {
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
pub(super) fn plural(noun: &str) -> Option<String> {
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

pub(super) fn member_node(node: &Node) -> bool {
    match node {
        Node::Word(_) | Node::Set(_) => true,
        Node::Prep { inner, .. } => inner.iter().all(|i| member_node(&i.node)),
        _ => false,
    }
}

pub(super) fn nested_verb(node: &Node) -> bool {
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

pub(super) fn literal_count(node: &Node) -> u32 {
    match node {
        Node::Word(_) | Node::Set(_) => 1,
        Node::Group(items) => items.iter().map(|i| literal_count(&i.node)).sum(),
        Node::Prep { inner, .. } => 1 + inner.iter().map(|i| literal_count(&i.node)).sum::<u32>(),
        _ => 0,
    }
}

/// A word every match of `node` contains.
pub(super) fn key_word(node: &Node) -> Option<Sym> {
    match node {
        Node::Word(w) => Some(*w),
        Node::Group(items) => items.iter().find_map(|i| key_word(&i.node)),
        Node::Prep { prep, .. } => key_word(&prep.node),
        _ => None,
    }
}

pub(super) fn remap_items(items: &[Item], syms: &[Sym], sets: &[u32]) -> Box<[Item]> {
    items
        .iter()
        .map(|item| Item {
            node: remap_node(&item.node, syms, sets),
            glued: item.glued,
        })
        .collect()
}

pub(super) fn remap_node(node: &Node, syms: &[Sym], sets: &[u32]) -> Node {
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
