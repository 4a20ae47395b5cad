//! Training the dependency parser on CoNLL-U treebanks: each sentence's
//! words tagged by the part-of-speech model (so that the parser learns from
//! tags as good as it will see), its tree made projective, then the
//! perceptron with the dynamic oracle, scored on the dev file after every
//! epoch.

use crate::corpus::conllu::{ConlluSentence, read_conllu};
use crate::learn::clusters::Clusters;
use crate::learn::model::{Header, Model};
use crate::learn::sequence::TrainConfig;
use crate::learn::tagger::SequenceTagger;
use crate::learn::train::{Sources, TrainError, VOCABULARY, load_clusters, names, read_corpus};
use crate::learn::view::{ViewBuilder, pos_hash};
use crate::learn::weights::Weights;
use crate::learn::word_cache::frequent_words;
use crate::model::labels::DEPRELS;
use crate::parse::system::projectivise;
use crate::parse::train::{Example, train};
use crate::parse::{Scratch, decode, features};
use crate::tag::pos::PosTemplates;
use crate::tag::pos_tags;

/// A treebank sentence ready for the parser: its words, heads and relations
/// (indexes of [`DEPRELS`]).
pub struct Treebank {
    /// The words.
    pub words: Vec<String>,
    /// Each word's head (0 for the root), from index 1.
    pub heads: Vec<usize>,
    /// Each word's relation, from index 1.
    pub relations: Vec<u8>,
}

/// The relation index of a treebank label: itself, else its universal part
/// (`obl:tmod` is `obl`), else `dep`.
pub fn relation_index(label: &str) -> u8 {
    let find = |l: &str| DEPRELS.iter().position(|r| *r == l);
    let base = label.split(':').next().unwrap_or(label);
    find(label)
        .or_else(|| find(base))
        .or_else(|| find("dep"))
        .unwrap_or(0) as u8
}

/// The sentences of a CoNLL-U file with a head for every word.
pub fn treebank(sentences: &[ConlluSentence]) -> Vec<Treebank> {
    sentences
        .iter()
        .filter_map(|s| {
            let words: Vec<&crate::corpus::conllu::Word> = s.words().collect();
            let n = words.len();
            let mut heads = vec![0; n + 1];
            let mut relations = vec![0; n + 1];
            for (i, w) in words.iter().enumerate() {
                heads[i + 1] = w.head.filter(|&h| h <= n)?;
                relations[i + 1] = relation_index(&w.deprel);
            }
            (n > 0).then(|| Treebank {
                words: words.iter().map(|w| w.form.clone()).collect(),
                heads,
                relations,
            })
        })
        .collect()
}

/// Train the parser on the treebanks of `sources`, with tags from `pos`.
pub fn train_parser(
    sources: &Sources,
    pos: &SequenceTagger<PosTemplates>,
    config: TrainConfig,
    mut progress: impl FnMut(String),
) -> Result<Model, TrainError> {
    let clusters = load_clusters(sources)?;
    let mut train_set = Vec::new();
    for path in &sources.train {
        train_set.extend(treebank(&read_corpus(path, read_conllu)?));
    }
    let dev_set = match &sources.dev {
        Some(path) => treebank(&read_corpus(path, read_conllu)?),
        None => Vec::new(),
    };
    let mut lifted = 0;
    let examples: Vec<Example> = train_set
        .iter()
        .map(|t| {
            let mut heads = t.heads.clone();
            heads[0] = 0;
            let moved = projectivise(&mut heads);
            lifted += moved;
            Example {
                view: tagged_view(t, pos, clusters.as_ref()),
                heads,
                labels: t.relations.clone(),
            }
        })
        .collect();
    progress(format!(
        "{} training sentences ({} arcs lifted to make the trees projective), {} dev sentences",
        examples.len(),
        lifted,
        dev_set.len()
    ));
    let dev_views: Vec<_> = dev_set
        .iter()
        .map(|t| tagged_view(t, pos, clusters.as_ref()))
        .collect();
    let mut dev_score = None;
    let weights = train(&examples, DEPRELS.len(), config, |epoch, weights| {
        if dev_set.is_empty() {
            return;
        }
        let (uas, las) = attachment(weights, &dev_set, &dev_views);
        dev_score = Some(las);
        progress(format!(
            "epoch {epoch}: {} features, dev UAS {uas:.4} LAS {las:.4}",
            weights.features()
        ));
    });
    let words = train_set
        .iter()
        .flat_map(|t| t.words.iter().map(String::as_str));
    Ok(Model {
        header: Header {
            task: "parse".to_owned(),
            templates: features::VERSION,
            labels: DEPRELS.iter().map(|l| (*l).to_owned()).collect(),
            trained_on: names(&sources.train),
            dev: sources.dev.as_ref().map(|p| p.display().to_string()),
            dev_score,
            epochs: config.epochs,
            seed: config.seed,
            features: weights.features(),
        },
        weights,
        first_pass: None,
        gazetteer: None,
        clusters,
        vocabulary: frequent_words(words, VOCABULARY),
    })
}

/// The view of a treebank sentence with the tags `pos` gives its words.
fn tagged_view(
    t: &Treebank,
    pos: &SequenceTagger<PosTemplates>,
    clusters: Option<&Clusters>,
) -> crate::learn::view::SentenceView {
    let words: Vec<&str> = t.words.iter().map(String::as_str).collect();
    let mut view = ViewBuilder::new().build(&words, clusters, None);
    for (token, tag) in view.tokens.iter_mut().zip(pos_tags(pos, &words)) {
        token.pos = pos_hash(tag.as_str());
    }
    view
}

/// Unlabelled and labelled attachment scores of `weights` on `gold`,
/// punctuation included.
fn attachment(
    weights: &Weights,
    gold: &[Treebank],
    views: &[crate::learn::view::SentenceView],
) -> (f64, f64) {
    let mut scratch = Scratch::default();
    let (mut heads_right, mut both_right, mut total) = (0usize, 0usize, 0usize);
    for (t, view) in gold.iter().zip(views) {
        let (heads, labels) = decode(weights, DEPRELS.len(), view, &mut scratch);
        for (i, (&h, &l)) in heads.iter().zip(&labels).enumerate() {
            let right = h == t.heads[i + 1];
            heads_right += usize::from(right);
            both_right += usize::from(right && l == t.relations[i + 1]);
            total += 1;
        }
    }
    let ratio = |a: usize| a as f64 / total.max(1) as f64;
    (ratio(heads_right), ratio(both_right))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::system::{Gold, State, Transition, cost, costs};

    /// Every projectivised tree of the EWT dev treebank is rebuilt exactly by
    /// following the oracle, and few arcs need lifting.
    #[test]
    fn the_oracle_rebuilds_every_projectivised_treebank_tree() {
        let Some(path) = attest_testkit::shared("corpora/ud/en_ewt/en_ewt-ud-dev.conllu") else {
            return;
        };
        let text = std::fs::read_to_string(path).unwrap();
        let trees = treebank(&read_conllu(&text).unwrap());
        let (mut lifted, mut arcs) = (0, 0);
        for t in &trees {
            let mut heads = t.heads.clone();
            heads[0] = 0;
            lifted += projectivise(&mut heads);
            arcs += heads.len() - 1;
            let gold = Gold {
                heads: &heads,
                labels: &t.relations,
            };
            let mut state = State::new(heads.len() - 1);
            while !state.is_final() {
                let base = costs(&state, &gold);
                let t = [
                    Transition::Right(base.1[1].unwrap_or(0)),
                    Transition::Left(base.1[0].unwrap_or(0)),
                    Transition::Shift,
                ]
                .into_iter()
                .filter(|&t| state.can(t))
                .find(|&t| cost(t, &base) == 0)
                .expect("a transition of no cost");
                state.apply(t);
            }
            assert_eq!(&state.heads[1..], &heads[1..]);
            assert_eq!(&state.labels[1..], &t.relations[1..]);
        }
        assert!(lifted * 100 < arcs, "{lifted} of {arcs} arcs lifted");
    }
}
