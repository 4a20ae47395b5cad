//! Word clusters from unlabelled text by the exchange algorithm: words are
//! moved one at a time to the class that most raises the likelihood of a
//! class-bigram model of the text, until no move helps or the passes run out.
//! Classes of distributionally similar words result ("Tuesday" with the other
//! weekdays, "Kabul" with other capitals), which taggers use as features.

use std::collections::HashMap;

/// Settings of a clustering run.
#[derive(Debug, Clone, Copy)]
pub struct ExchangeConfig {
    /// Number of classes.
    pub classes: usize,
    /// Most passes over the vocabulary.
    pub passes: usize,
}

/// Bigram statistics of a text over a vocabulary.
pub struct Corpus {
    /// The words, most frequent first (id = index).
    pub words: Vec<String>,
    counts: Vec<u64>,
    /// For each word, its right neighbours and their counts.
    right: Vec<Vec<(u32, u32)>>,
    /// For each word, its left neighbours and their counts.
    left: Vec<Vec<(u32, u32)>>,
}

impl Corpus {
    /// The statistics of `sentences` (each a list of words), keeping words
    /// seen at least `min_count` times; rarer words share one id at the end.
    pub fn new(sentences: &[Vec<String>], min_count: u64) -> Corpus {
        let mut frequency: HashMap<&str, u64> = HashMap::new();
        for word in sentences.iter().flatten() {
            *frequency.entry(word.as_str()).or_default() += 1;
        }
        let mut words: Vec<(&str, u64)> = frequency
            .into_iter()
            .filter(|&(_, c)| c >= min_count)
            .collect();
        words.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let ids: HashMap<&str, u32> = words
            .iter()
            .enumerate()
            .map(|(i, (w, _))| (*w, i as u32))
            .collect();
        let rare = words.len() as u32;
        let boundary = rare + 1;
        let n = words.len() + 2;
        let mut pairs: HashMap<(u32, u32), u32> = HashMap::new();
        let mut counts = vec![0u64; n];
        for sentence in sentences {
            let mut prev = boundary;
            for word in sentence {
                let id = ids.get(word.as_str()).copied().unwrap_or(rare);
                counts[id as usize] += 1;
                *pairs.entry((prev, id)).or_default() += 1;
                prev = id;
            }
            *pairs.entry((prev, boundary)).or_default() += 1;
            counts[boundary as usize] += 1;
        }
        let mut right = vec![Vec::new(); n];
        let mut left = vec![Vec::new(); n];
        let mut sorted: Vec<((u32, u32), u32)> = pairs.into_iter().collect();
        sorted.sort_unstable();
        for ((a, b), c) in sorted {
            right[a as usize].push((b, c));
            left[b as usize].push((a, c));
        }
        Corpus {
            words: words
                .into_iter()
                .map(|(w, _)| w.to_owned())
                .chain(["<rare>".into(), "<s>".into()])
                .collect(),
            counts,
            right,
            left,
        }
    }

    /// Number of ids (vocabulary, the rare-word id and the boundary id).
    pub fn len(&self) -> usize {
        self.counts.len()
    }

    /// True for an empty corpus.
    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }
}

/// `x ln x`, from a table for small counts.
struct XLogX(Vec<f64>);

impl XLogX {
    fn new(size: usize) -> Self {
        XLogX(
            (0..size)
                .map(|x| {
                    if x == 0 {
                        0.0
                    } else {
                        x as f64 * (x as f64).ln()
                    }
                })
                .collect(),
        )
    }

    #[inline]
    fn get(&self, x: u64) -> f64 {
        match self.0.get(x as usize) {
            Some(&v) => v,
            None => x as f64 * (x as f64).ln(),
        }
    }
}

/// The class of every id of `corpus` after exchange clustering, and the number
/// of moves in each pass.
pub fn cluster(
    corpus: &Corpus,
    config: ExchangeConfig,
    mut progress: impl FnMut(usize, usize),
) -> Vec<u16> {
    let c = config.classes.max(2);
    let n = corpus.len();
    let mut class: Vec<u16> = (0..n).map(|i| (i % c) as u16).collect();
    let mut pair = vec![0u64; c * c];
    let mut as_left = vec![0u64; c];
    let mut as_right = vec![0u64; c];
    for (a, neighbours) in corpus.right.iter().enumerate() {
        for &(b, count) in neighbours {
            let (ca, cb) = (class[a] as usize, class[b as usize] as usize);
            pair[ca * c + cb] += u64::from(count);
            as_left[ca] += u64::from(count);
            as_right[cb] += u64::from(count);
        }
    }
    let f = XLogX::new(1 << 20);
    let mut to = vec![0u64; c];
    let mut from = vec![0u64; c];
    let mut touched_to: Vec<usize> = Vec::new();
    let mut touched_from: Vec<usize> = Vec::new();
    for pass in 1..=config.passes {
        let mut moves = 0;
        for w in 0..n {
            let (mut self_count, mut out_total, mut in_total) = (0u64, 0u64, 0u64);
            touched_to.clear();
            touched_from.clear();
            for &(x, count) in &corpus.right[w] {
                let count = u64::from(count);
                out_total += count;
                if x as usize == w {
                    self_count += count;
                } else {
                    let cx = class[x as usize] as usize;
                    if to[cx] == 0 {
                        touched_to.push(cx);
                    }
                    to[cx] += count;
                }
            }
            for &(x, count) in &corpus.left[w] {
                let count = u64::from(count);
                in_total += count;
                if x as usize != w {
                    let cx = class[x as usize] as usize;
                    if from[cx] == 0 {
                        touched_from.push(cx);
                    }
                    from[cx] += count;
                }
            }
            // Take w out of its class.
            let old = class[w] as usize;
            for &d in &touched_to {
                pair[old * c + d] -= to[d];
            }
            for &d in &touched_from {
                pair[d * c + old] -= from[d];
            }
            pair[old * c + old] -= self_count;
            as_left[old] -= out_total;
            as_right[old] -= in_total;
            // The class where w adds most.
            let gain = |b: usize| -> f64 {
                let mut g = 0.0;
                for &d in &touched_to {
                    if d != b {
                        let cell = pair[b * c + d];
                        g += f.get(cell + to[d]) - f.get(cell);
                    }
                }
                for &d in &touched_from {
                    if d != b {
                        let cell = pair[d * c + b];
                        g += f.get(cell + from[d]) - f.get(cell);
                    }
                }
                let diagonal = pair[b * c + b];
                g += f.get(diagonal + to[b] + from[b] + self_count) - f.get(diagonal);
                g -= f.get(as_left[b] + out_total) - f.get(as_left[b]);
                g -= f.get(as_right[b] + in_total) - f.get(as_right[b]);
                g
            };
            let mut best = (old, gain(old));
            let candidates: Vec<usize> = if touched_to.len() + touched_from.len() >= c {
                (0..c).collect()
            } else {
                touched_to.iter().chain(&touched_from).copied().collect()
            };
            for b in candidates {
                if b != old {
                    let g = gain(b);
                    if g > best.1 + 1e-9 {
                        best = (b, g);
                    }
                }
            }
            // Put w into it.
            let new = best.0;
            for &d in &touched_to {
                pair[new * c + d] += to[d];
            }
            for &d in &touched_from {
                pair[d * c + new] += from[d];
            }
            pair[new * c + new] += self_count;
            as_left[new] += out_total;
            as_right[new] += in_total;
            if new != old {
                class[w] = new as u16;
                moves += 1;
            }
            for &d in &touched_to {
                to[d] = 0;
            }
            for &d in &touched_from {
                from[d] = 0;
            }
        }
        progress(pass, moves);
        if moves == 0 {
            break;
        }
    }
    class
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus(text: &str) -> Corpus {
        let sentences: Vec<Vec<String>> = text
            .lines()
            .map(|l| l.split_whitespace().map(str::to_owned).collect())
            .collect();
        Corpus::new(&sentences, 1)
    }

    /// The class-bigram log-likelihood the algorithm maximises, from scratch.
    fn objective(corpus: &Corpus, class: &[u16], c: usize) -> f64 {
        let mut pair = vec![0u64; c * c];
        let (mut left, mut right) = (vec![0u64; c], vec![0u64; c]);
        for (a, neighbours) in corpus.right.iter().enumerate() {
            for &(b, n) in neighbours {
                let (ca, cb) = (class[a] as usize, class[b as usize] as usize);
                pair[ca * c + cb] += u64::from(n);
                left[ca] += u64::from(n);
                right[cb] += u64::from(n);
            }
        }
        let f = |x: &u64| {
            if *x == 0 {
                0.0
            } else {
                *x as f64 * (*x as f64).ln()
            }
        };
        pair.iter().map(f).sum::<f64>()
            - left.iter().map(f).sum::<f64>()
            - right.iter().map(f).sum::<f64>()
    }

    const TEXT: &str = "they met on monday in kabul .\nit rained on friday .\nwe flew to paris today .\n\
        they met on friday in paris .\nit rained on monday .\nwe flew to kabul today .\n\
        they met on tuesday in delhi .\nit rained on tuesday .\nwe flew to delhi today .\n";

    #[test]
    fn every_pass_raises_the_likelihood() {
        let corpus = corpus(TEXT);
        let mut last = f64::NEG_INFINITY;
        for passes in 0..4 {
            let classes = cluster(&corpus, ExchangeConfig { classes: 8, passes }, |_, _| {});
            let now = objective(&corpus, &classes, 8);
            assert!(now >= last - 1e-9, "pass {passes}: {now} < {last}");
            last = now;
        }
    }
}
