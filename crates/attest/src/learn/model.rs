//! Trained models and their file format.
//!
//! A model file is `ATTESTMD`, a JSON header (task, labels, feature-template
//! version, how it was trained), then tagged binary sections: weights, and for
//! some tasks a gazetteer and word clusters, so that a model carries every
//! resource its features were computed from.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::clusters::Clusters;
use super::gazetteer::{Gazetteer, Node};
pub use super::weights::Weights;

const MAGIC: &[u8; 8] = b"ATTESTMD";
const WEIGHTS: [u8; 4] = *b"WGHT";
const FIRST_PASS: [u8; 4] = *b"WGH1";
const GAZETTEER: [u8; 4] = *b"GAZT";
const CLUSTERS: [u8; 4] = *b"CLUS";
const VOCABULARY: [u8; 4] = *b"VOCB";

/// A model that cannot be loaded.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    /// Not a model file.
    #[error("not an attest model file")]
    NotAModel,
    /// The file ends early.
    #[error("model file is truncated")]
    Truncated,
    /// The header does not parse.
    #[error("model header: {0}")]
    Header(#[from] serde_json::Error),
    /// The model is for another task or feature version.
    #[error("model is for {found}, expected {expected}; retrain it with `attest train`")]
    Mismatch {
        /// What the file says.
        found: String,
        /// What this build needs.
        expected: String,
    },
    /// Models that cannot work together.
    #[error("models do not fit together: {0}")]
    Incompatible(String),
    /// A label the tag sets do not know.
    #[error("model has unknown label {0:?}")]
    UnknownLabel(String),
    /// A required section is missing.
    #[error("model has no {0} section")]
    MissingSection(&'static str),
    /// The file could not be read.
    #[error("cannot read model {path}: {message}")]
    Io {
        /// The file.
        path: String,
        /// What went wrong.
        message: String,
    },
    /// No model is embedded in this build.
    #[error("no {0} model is embedded in this build; train one with `attest train {0}`")]
    NotEmbedded(&'static str),
}

/// What a model file says about itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Header {
    /// pos, chunk or ner.
    pub task: String,
    /// Version of the feature templates the weights belong to.
    pub templates: u32,
    /// Class labels, by index.
    pub labels: Vec<String>,
    /// Training files.
    pub trained_on: Vec<String>,
    /// Development file.
    pub dev: Option<String>,
    /// Dev figure after the last epoch (accuracy or F1).
    pub dev_score: Option<f64>,
    /// Passes over the training data.
    pub epochs: u32,
    /// Seed of the shuffling.
    pub seed: u64,
    /// Features kept.
    pub features: usize,
}

/// A model: header, weights and the resources its features use.
pub struct Model {
    /// What the file says about itself.
    pub header: Header,
    /// Feature weights.
    pub weights: Weights,
    /// Weights of a first pass whose output the final weights read (entities).
    pub first_pass: Option<Weights>,
    /// Gazetteer the features were computed with.
    pub gazetteer: Option<Gazetteer>,
    /// Word clusters the features were computed with.
    pub clusters: Option<Clusters>,
    /// The training data's most frequent word forms, most frequent first,
    /// whose word-level weights are summed when the model loads.
    pub vocabulary: Vec<String>,
}

impl Model {
    /// Serialise to the file format.
    pub fn to_bytes(&self) -> Result<Vec<u8>, ModelError> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        let header = serde_json::to_vec(&self.header)?;
        put_u32(&mut out, header.len() as u32);
        out.extend_from_slice(&header);
        section(&mut out, WEIGHTS, &self.weights.to_bytes());
        if let Some(first_pass) = &self.first_pass {
            section(&mut out, FIRST_PASS, &first_pass.to_bytes());
        }
        if let Some(gazetteer) = &self.gazetteer {
            section(&mut out, GAZETTEER, &gazetteer_bytes(gazetteer));
        }
        if let Some(clusters) = &self.clusters {
            section(&mut out, CLUSTERS, &cluster_bytes(clusters));
        }
        if !self.vocabulary.is_empty() {
            section(&mut out, VOCABULARY, self.vocabulary.join("\n").as_bytes());
        }
        Ok(out)
    }

    /// Parse the file format, checking the task and template version.
    pub fn from_bytes(bytes: &[u8], task: &str, templates: u32) -> Result<Model, ModelError> {
        let mut r = Reader(bytes);
        if r.take(8)? != MAGIC {
            return Err(ModelError::NotAModel);
        }
        let header_len = r.u32()? as usize;
        let header: Header = serde_json::from_slice(r.take(header_len)?)?;
        if header.task != task || header.templates != templates {
            return Err(ModelError::Mismatch {
                found: format!("{} (templates v{})", header.task, header.templates),
                expected: format!("{task} (templates v{templates})"),
            });
        }
        let (mut weights, mut first_pass, mut gazetteer, mut clusters) = (None, None, None, None);
        let mut vocabulary = Vec::new();
        while !r.0.is_empty() {
            let tag: [u8; 4] = r.take(4)?.try_into().map_err(|_| ModelError::Truncated)?;
            let len = r.u64()? as usize;
            let payload = r.take(len)?;
            match tag {
                WEIGHTS => weights = Some(Weights::from_bytes(payload)?),
                FIRST_PASS => first_pass = Some(Weights::from_bytes(payload)?),
                GAZETTEER => gazetteer = Some(read_gazetteer(payload)?),
                CLUSTERS => clusters = Some(read_clusters(payload)?),
                VOCABULARY => {
                    let text = std::str::from_utf8(payload).map_err(|_| ModelError::Truncated)?;
                    vocabulary = text.split('\n').map(str::to_owned).collect();
                }
                _ => {}
            }
        }
        Ok(Model {
            header,
            weights: weights.ok_or(ModelError::MissingSection("weights"))?,
            first_pass,
            gazetteer,
            clusters,
            vocabulary,
        })
    }
}

fn gazetteer_bytes(gazetteer: &Gazetteer) -> Vec<u8> {
    let entries = gazetteer.entries();
    let mut out = Vec::with_capacity(4 + entries.len() * 11);
    put_u32(&mut out, entries.len() as u32);
    for (key, node) in entries {
        out.extend_from_slice(&key.to_le_bytes());
        out.extend_from_slice(&node.ends.to_le_bytes());
        out.push(u8::from(node.continues));
    }
    out
}

fn read_gazetteer(bytes: &[u8]) -> Result<Gazetteer, ModelError> {
    let mut r = Reader(bytes);
    let n = r.u32()? as usize;
    let records = r.take(n * 11)?;
    Ok(Gazetteer::from_entries(records.chunks_exact(11).map(|c| {
        let node = Node {
            ends: u16::from_le_bytes([c[8], c[9]]),
            continues: c[10] != 0,
        };
        (le_u64(&c[..8]), node)
    })))
}

fn cluster_bytes(clusters: &Clusters) -> Vec<u8> {
    let entries = clusters.entries();
    let mut out = Vec::with_capacity(4 + entries.len() * 14);
    put_u32(&mut out, entries.len() as u32);
    for (key, ids) in entries {
        out.extend_from_slice(&key.to_le_bytes());
        for id in ids {
            out.extend_from_slice(&id.to_le_bytes());
        }
    }
    out
}

fn read_clusters(bytes: &[u8]) -> Result<Clusters, ModelError> {
    let mut r = Reader(bytes);
    let n = r.u32()? as usize;
    let records = r.take(n * 14)?;
    Ok(Clusters::from_entries(records.chunks_exact(14).map(|c| {
        let id = |i: usize| u16::from_le_bytes([c[8 + 2 * i], c[9 + 2 * i]]);
        (le_u64(&c[..8]), [id(0), id(1), id(2)])
    })))
}

fn section(out: &mut Vec<u8>, tag: [u8; 4], payload: &[u8]) {
    out.extend_from_slice(&tag);
    out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    out.extend_from_slice(payload);
}

pub(super) fn put_u32(out: &mut Vec<u8>, n: u32) {
    out.extend_from_slice(&n.to_le_bytes());
}

pub(super) fn le_u64(c: &[u8]) -> u64 {
    let mut b = [0u8; 8];
    b.copy_from_slice(&c[..8]);
    u64::from_le_bytes(b)
}

pub(super) fn le_u32(c: &[u8]) -> u32 {
    u32::from_le_bytes([c[0], c[1], c[2], c[3]])
}

/// A cursor over the bytes of a model file.
pub(super) struct Reader<'a>(pub(super) &'a [u8]);

impl<'a> Reader<'a> {
    pub(super) fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        if n > self.0.len() {
            return Err(ModelError::Truncated);
        }
        let (head, tail) = self.0.split_at(n);
        self.0 = tail;
        Ok(head)
    }

    pub(super) fn u32(&mut self) -> Result<u32, ModelError> {
        self.take(4).map(le_u32)
    }

    fn u64(&mut self) -> Result<u64, ModelError> {
        self.take(8).map(le_u64)
    }
}

/// Where each model comes from: a file, or the one embedded in the binary.
#[derive(Debug, Clone, Default)]
pub struct ModelPaths {
    /// Part-of-speech model file.
    pub pos: Option<std::path::PathBuf>,
    /// Chunk model file.
    pub chunk: Option<std::path::PathBuf>,
    /// Entity model file.
    pub ner: Option<std::path::PathBuf>,
    /// Attribution model file.
    pub quotes: Option<std::path::PathBuf>,
    /// Dependency parser model file.
    pub parse: Option<std::path::PathBuf>,
}

/// The bytes of a model: from its file if given, else the one embedded in
/// the binary.
pub fn model_bytes(
    path: Option<&Path>,
    embedded: Option<&'static [u8]>,
    task: &'static str,
) -> Result<std::borrow::Cow<'static, [u8]>, ModelError> {
    match path {
        Some(path) => std::fs::read(path)
            .map(std::borrow::Cow::Owned)
            .map_err(|e| ModelError::Io {
                path: path.display().to_string(),
                message: e.to_string(),
            }),
        None => embedded
            .map(std::borrow::Cow::Borrowed)
            .ok_or(ModelError::NotEmbedded(task)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header() -> Header {
        Header {
            task: "pos".into(),
            templates: 1,
            labels: vec!["A".into(), "B".into()],
            trained_on: vec![],
            dev: None,
            dev_score: None,
            epochs: 1,
            seed: 0,
            features: 2,
        }
    }

    #[test]
    fn files_round_trip_and_check_their_task() {
        let mut gazetteer = Gazetteer::new();
        gazetteer.add_phrase(1, "Kabul");
        let model = Model {
            header: header(),
            weights: Weights::from_rows(2, vec![(7, vec![(0, 1.0)]), (9, vec![(1, 2.0)])]),
            first_pass: Some(Weights::from_rows(2, vec![(5, vec![(1, 1.0)])])),
            gazetteer: Some(gazetteer),
            clusters: Some(Clusters::from_tsv("kabul\t1\t2\t3\n").unwrap()),
            vocabulary: vec!["the".into(), "Kabul".into()],
        };
        let bytes = model.to_bytes().unwrap();
        let back = Model::from_bytes(&bytes, "pos", 1).unwrap();
        assert_eq!(back.header, model.header);
        assert_eq!(back.gazetteer.unwrap().len(), 1);
        assert_eq!(back.first_pass.unwrap().features(), 1);
        assert_eq!(back.vocabulary, ["the", "Kabul"]);
        assert_eq!(back.clusters.unwrap().len(), 1);
        let (mut a, mut b) = ([0; 2], [0; 2]);
        model.weights.score(&[7, 9], &mut a);
        back.weights.score(&[7, 9], &mut b);
        assert_eq!(a, b);
        assert!(matches!(
            Model::from_bytes(&bytes, "ner", 1),
            Err(ModelError::Mismatch { .. })
        ));
        assert!(matches!(
            Model::from_bytes(&bytes, "pos", 2),
            Err(ModelError::Mismatch { .. })
        ));
        assert!(matches!(
            Model::from_bytes(&bytes[..bytes.len() - 3], "pos", 1),
            Err(ModelError::Truncated)
        ));
        assert!(matches!(
            Model::from_bytes(b"garbage!", "pos", 1),
            Err(ModelError::NotAModel)
        ));
    }
}
