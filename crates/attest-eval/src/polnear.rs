//! Attribution scores against PolNeAR (`attest eval polnear DIR`).
//!
//! For each role (source, cue, content) the items of an article are the
//! distinct range sets of that role among its attributions. EXACT matching
//! compares range sets after trimming whitespace, quotation marks and
//! punctuation at both ends of each range and merging ranges separated only
//! by such characters. OVERLAP matching pairs predicted and gold items one to
//! one, largest shared character count first. An attribution matches when
//! the contents overlap and the sources overlap (or both are empty).

use serde::Serialize;

use super::Score;
use std::ops::Range;

use attest::corpus::brat::{AnnotatedAttribution, BratArticle, Ranges};
use attest::model::annotated::Annotated;
use attest::model::document::Document;
use attest::model::span::CharIndex;
use attest::pipeline::Pipeline;

/// The figures `attest eval polnear` prints.
#[derive(Debug, Clone, Serialize)]
pub struct PolnearReport {
    /// Articles scored.
    pub articles: usize,
    /// Gold attributions.
    pub gold: usize,
    /// Predicted attributions.
    pub predicted: usize,
    /// Sources, exact.
    pub source_exact: Score,
    /// Cues, exact.
    pub cue_exact: Score,
    /// Contents, exact.
    pub content_exact: Score,
    /// Sources, overlap.
    pub source_overlap: Score,
    /// Cues, overlap.
    pub cue_overlap: Score,
    /// Contents, overlap.
    pub content_overlap: Score,
    /// Whole attributions.
    pub attribution: Score,
}

/// Counts summed over articles: (tp, predicted, gold) for each figure.
#[derive(Debug, Default, Clone)]
pub struct Counts {
    articles: usize,
    gold: usize,
    predicted: usize,
    figures: [[usize; 3]; 7],
}

impl Counts {
    /// Add one article: its text, gold and predicted attributions (code-point ranges).
    pub fn add(
        &mut self,
        text: &str,
        gold: &[AnnotatedAttribution],
        predicted: &[AnnotatedAttribution],
    ) {
        let chars: Vec<char> = text.chars().collect();
        self.articles += 1;
        self.gold += gold.len();
        self.predicted += predicted.len();
        let roles: [fn(&AnnotatedAttribution) -> &Ranges; 3] =
            [|a| &a.source, |a| &a.cue, |a| &a.content];
        for (r, role) in roles.iter().enumerate() {
            let g = items(gold, *role, &chars);
            let p = items(predicted, *role, &chars);
            let exact = p.iter().filter(|x| g.contains(x)).count();
            add(&mut self.figures[r], exact, p.len(), g.len());
            add(
                &mut self.figures[3 + r],
                overlap_matches(&p, &g),
                p.len(),
                g.len(),
            );
        }
        add(
            &mut self.figures[6],
            attribution_matches(gold, predicted),
            predicted.len(),
            gold.len(),
        );
    }

    /// The report.
    pub fn report(&self) -> PolnearReport {
        let s = |i: usize| Score::new(self.figures[i][0], self.figures[i][1], self.figures[i][2]);
        PolnearReport {
            articles: self.articles,
            gold: self.gold,
            predicted: self.predicted,
            source_exact: s(0),
            cue_exact: s(1),
            content_exact: s(2),
            source_overlap: s(3),
            cue_overlap: s(4),
            content_overlap: s(5),
            attribution: s(6),
        }
    }
}

fn add(figure: &mut [usize; 3], tp: usize, predicted: usize, gold: usize) {
    figure[0] += tp;
    figure[1] += predicted;
    figure[2] += gold;
}

fn is_trimmed(c: char) -> bool {
    c.is_whitespace() || "\"'“”‘’«»`.,;:!?-—–()[]{}…".contains(c)
}

/// Trim a range's ends of whitespace, quotation marks and punctuation.
fn trim((mut s, mut e): (usize, usize), chars: &[char]) -> Option<(usize, usize)> {
    let e_max = e.min(chars.len());
    e = e_max;
    while s < e && is_trimmed(chars[s]) {
        s += 1;
    }
    while e > s && is_trimmed(chars[e - 1]) {
        e -= 1;
    }
    (s < e).then_some((s, e))
}

/// A range set trimmed, sorted and merged across gaps of trimmed characters.
fn normalise(ranges: &Ranges, chars: &[char]) -> Ranges {
    let mut trimmed: Ranges = ranges.iter().filter_map(|r| trim(*r, chars)).collect();
    trimmed.sort_unstable();
    let mut merged: Ranges = Vec::new();
    for r in trimmed {
        match merged.last_mut() {
            Some(last) if r.0 <= last.1 || chars[last.1..r.0].iter().all(|c| is_trimmed(*c)) => {
                last.1 = last.1.max(r.1)
            }
            _ => merged.push(r),
        }
    }
    merged
}

/// The distinct non-empty range sets of a role.
fn items(
    attributions: &[AnnotatedAttribution],
    role: fn(&AnnotatedAttribution) -> &Ranges,
    chars: &[char],
) -> Vec<Ranges> {
    let mut out: Vec<Ranges> = Vec::new();
    for a in attributions {
        let n = normalise(role(a), chars);
        if !n.is_empty() && !out.contains(&n) {
            out.push(n);
        }
    }
    out
}

fn shared(a: &Ranges, b: &Ranges) -> usize {
    a.iter()
        .flat_map(|x| {
            b.iter()
                .map(move |y| x.1.min(y.1).saturating_sub(x.0.max(y.0)))
        })
        .sum()
}

/// One-to-one matches of items sharing characters, largest overlap first.
fn overlap_matches(predicted: &[Ranges], gold: &[Ranges]) -> usize {
    let mut pairs: Vec<(usize, usize, usize)> = Vec::new();
    for (i, p) in predicted.iter().enumerate() {
        for (j, g) in gold.iter().enumerate() {
            let n = shared(p, g);
            if n > 0 {
                pairs.push((n, i, j));
            }
        }
    }
    greedy(pairs, predicted.len(), gold.len())
}

fn greedy(mut pairs: Vec<(usize, usize, usize)>, left: usize, right: usize) -> usize {
    pairs.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let (mut used_left, mut used_right) = (vec![false; left], vec![false; right]);
    let mut matched = 0;
    for (_, i, j) in pairs {
        if !used_left[i] && !used_right[j] {
            used_left[i] = true;
            used_right[j] = true;
            matched += 1;
        }
    }
    matched
}

/// Attributions whose contents overlap and whose sources overlap (or are both empty).
fn attribution_matches(gold: &[AnnotatedAttribution], predicted: &[AnnotatedAttribution]) -> usize {
    let mut pairs = Vec::new();
    for (i, p) in predicted.iter().enumerate() {
        for (j, g) in gold.iter().enumerate() {
            let content = shared(&p.content, &g.content);
            let sources_agree =
                (p.source.is_empty() && g.source.is_empty()) || shared(&p.source, &g.source) > 0;
            if content > 0 && sources_agree {
                pairs.push((content, i, j));
            }
        }
    }
    greedy(pairs, predicted.len(), gold.len())
}

/// The attributions of an analysed document as code-point ranges.
pub fn predicted(doc: &Annotated) -> Vec<AnnotatedAttribution> {
    let index = CharIndex::new(doc.text());
    let ranges = |tokens: &[Range<usize>]| -> Ranges {
        tokens
            .iter()
            .filter(|r| !r.is_empty())
            .map(|r| {
                let start = index.char_offset(doc.tokens[r.start].span.start);
                (start, index.char_offset(doc.tokens[r.end - 1].span.end))
            })
            .collect()
    };
    doc.attributions
        .iter()
        .map(|a| AnnotatedAttribution {
            source: ranges(&a.source),
            cue: ranges(&a.cue),
            content: ranges(&a.content),
        })
        .collect()
}

/// Score `pipeline` on the articles of a PolNeAR split.
/// Score `pipeline` on the articles of a PolNeAR split, handing each
/// article's predictions to `each` (to write them out).
pub fn evaluate(
    pipeline: &Pipeline,
    articles: &[BratArticle],
    mut each: impl FnMut(&BratArticle, &[AnnotatedAttribution]),
) -> PolnearReport {
    let mut counts = Counts::default();
    for article in articles {
        let doc = pipeline.run(Document::from_text(article.text.clone()));
        let predicted = predicted(&doc);
        counts.add(&article.text, &article.attributions, &predicted);
        each(article, &predicted);
    }
    counts.report()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attribution(source: Ranges, cue: Ranges, content: Ranges) -> AnnotatedAttribution {
        AnnotatedAttribution {
            source,
            cue,
            content,
        }
    }

    #[test]
    fn exact_matching_trims_quotes_and_punctuation() {
        let text = "He said: \"We will win.\" Then";
        let gold = [attribution(vec![(0, 2)], vec![(3, 7)], vec![(10, 22)])];
        let predicted = [attribution(vec![(0, 2)], vec![(3, 8)], vec![(9, 23)])];
        let mut counts = Counts::default();
        counts.add(text, &gold, &predicted);
        let r = counts.report();
        assert_eq!(r.source_exact.f1, 1.0);
        assert_eq!(r.cue_exact.f1, 1.0, "the colon is trimmed");
        assert_eq!(r.content_exact.f1, 1.0, "quotes and the period are trimmed");
        assert_eq!(r.attribution.f1, 1.0);
    }

    #[test]
    fn overlap_is_one_to_one_and_attributions_need_sources() {
        let text = "a b c d e f g h i j k l m n o p";
        let gold = [
            attribution(vec![(0, 1)], vec![], vec![(4, 9)]),
            attribution(vec![], vec![], vec![(10, 15)]),
        ];
        let predicted = [attribution(vec![(2, 3)], vec![], vec![(4, 15)])];
        let mut counts = Counts::default();
        counts.add(text, &gold, &predicted);
        let r = counts.report();
        assert_eq!(
            r.content_overlap.tp, 1,
            "one prediction matches one gold item"
        );
        assert_eq!(r.content_exact.tp, 0);
        assert_eq!(r.attribution.tp, 0, "sources do not overlap");
    }

    #[test]
    fn ranges_merge_across_punctuation() {
        let chars: Vec<char> = "one, two".chars().collect();
        assert_eq!(normalise(&vec![(0, 3), (5, 8)], &chars), vec![(0, 8)]);
    }
}
