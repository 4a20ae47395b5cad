//! Tests of the verb dictionary reader and matcher.
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
