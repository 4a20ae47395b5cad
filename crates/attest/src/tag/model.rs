//! Trained models: compact weights for fast scoring, and the file format.
//!
//! Weights are kept sparse: each feature has a short list of (class, weight)
//! entries, weights quantised to 16 bits, found through an open-addressing
//! table whose slots hold the feature's key and where its entries start. One
//! lookup a feature touches one slot and one short run of entries.
//!
//! A model file is `ATTESTMD`, a JSON header (task, labels, feature-template
//! version, how it was trained), then tagged binary sections: weights, and for
//! some tasks a gazetteer and word clusters, so that a model carries every
//! resource its features were computed from.

use serde::{Deserialize, Serialize};

use super::clusters::Clusters;
use super::gazetteer::{Gazetteer, Node};

const MAGIC: &[u8; 8] = b"ATTESTMD";
const WEIGHTS: [u8; 4] = *b"WGHT";
const GAZETTEER: [u8; 4] = *b"GAZT";
const CLUSTERS: [u8; 4] = *b"CLUS";

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
    /// Gazetteer the features were computed with.
    pub gazetteer: Option<Gazetteer>,
    /// Word clusters the features were computed with.
    pub clusters: Option<Clusters>,
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
        if let Some(gazetteer) = &self.gazetteer {
            section(&mut out, GAZETTEER, &gazetteer_bytes(gazetteer));
        }
        if let Some(clusters) = &self.clusters {
            section(&mut out, CLUSTERS, &cluster_bytes(clusters));
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
        let (mut weights, mut gazetteer, mut clusters) = (None, None, None);
        while !r.0.is_empty() {
            let tag: [u8; 4] = r.take(4)?.try_into().map_err(|_| ModelError::Truncated)?;
            let len = r.u64()? as usize;
            let payload = r.take(len)?;
            match tag {
                WEIGHTS => weights = Some(Weights::from_bytes(payload)?),
                GAZETTEER => gazetteer = Some(read_gazetteer(payload)?),
                CLUSTERS => clusters = Some(read_clusters(payload)?),
                _ => {}
            }
        }
        Ok(Model {
            header,
            weights: weights.ok_or(ModelError::MissingSection("weights"))?,
            gazetteer,
            clusters,
        })
    }
}

/// Sparse quantised weights behind an open-addressing table.
pub struct Weights {
    n_classes: usize,
    scale: f32,
    slots: Vec<Slot>,
    mask: usize,
    entries: Vec<u32>,
    features: usize,
}

#[derive(Clone, Copy, Default)]
struct Slot {
    key: u64,
    start: u32,
    len: u32,
}

impl Weights {
    /// Weights from features and their (class, weight) entries. Weights are
    /// quantised to 16 bits against the largest magnitude.
    pub fn from_rows(n_classes: usize, mut rows: Vec<(u64, Vec<(u16, f32)>)>) -> Weights {
        rows.sort_unstable_by_key(|(key, _)| *key);
        rows.retain(|(key, entries)| *key != 0 && !entries.is_empty());
        let largest = rows
            .iter()
            .flat_map(|(_, e)| e.iter().map(|(_, w)| w.abs()))
            .fold(0f32, f32::max);
        let scale = if largest > 0.0 {
            32767.0 / largest
        } else {
            1.0
        };
        let mut keys = Vec::with_capacity(rows.len());
        let mut lens = Vec::with_capacity(rows.len());
        let mut entries = Vec::new();
        for (key, row) in rows {
            keys.push(key);
            lens.push(row.len() as u16);
            for (class, weight) in row {
                entries.push(pack(class, (weight * scale).round() as i16));
            }
        }
        Weights::assemble(n_classes, scale, &keys, &lens, entries)
    }

    fn assemble(
        n_classes: usize,
        scale: f32,
        keys: &[u64],
        lens: &[u16],
        entries: Vec<u32>,
    ) -> Weights {
        let capacity = (keys.len() * 2).next_power_of_two().max(16);
        let mask = capacity - 1;
        let mut slots = vec![Slot::default(); capacity];
        let mut start = 0u32;
        for (&key, &len) in keys.iter().zip(lens) {
            let mut i = key as usize & mask;
            while slots[i].key != 0 {
                i = (i + 1) & mask;
            }
            slots[i] = Slot {
                key,
                start,
                len: u32::from(len),
            };
            start += u32::from(len);
        }
        Weights {
            n_classes,
            scale,
            slots,
            mask,
            entries,
            features: keys.len(),
        }
    }

    /// Number of classes.
    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// Number of features with weights.
    pub fn features(&self) -> usize {
        self.features
    }

    /// Add the weights of `features` to `scores` (one per class, in
    /// quantised units).
    #[inline]
    pub fn score(&self, features: &[u64], scores: &mut [i32]) {
        for &key in features {
            let mut i = key as usize & self.mask;
            loop {
                let slot = self.slots[i];
                if slot.key == key {
                    let run = &self.entries[slot.start as usize..(slot.start + slot.len) as usize];
                    for &entry in run {
                        let (class, weight) = unpack(entry);
                        if let Some(s) = scores.get_mut(class) {
                            *s += i32::from(weight);
                        }
                    }
                    break;
                }
                if slot.key == 0 {
                    break;
                }
                i = (i + 1) & self.mask;
            }
        }
    }

    fn to_bytes(&self) -> Vec<u8> {
        let mut live: Vec<Slot> = self.slots.iter().copied().filter(|s| s.key != 0).collect();
        live.sort_unstable_by_key(|s| s.key);
        let mut out = Vec::new();
        put_u32(&mut out, self.n_classes as u32);
        out.extend_from_slice(&self.scale.to_le_bytes());
        put_u32(&mut out, live.len() as u32);
        put_u32(&mut out, self.entries.len() as u32);
        for slot in &live {
            out.extend_from_slice(&slot.key.to_le_bytes());
        }
        for slot in &live {
            out.extend_from_slice(&(slot.len as u16).to_le_bytes());
        }
        for slot in &live {
            for &entry in &self.entries[slot.start as usize..(slot.start + slot.len) as usize] {
                put_u32(&mut out, entry);
            }
        }
        out
    }

    fn from_bytes(bytes: &[u8]) -> Result<Weights, ModelError> {
        let mut r = Reader(bytes);
        let n_classes = r.u32()? as usize;
        let scale = f32::from_le_bytes(r.take(4)?.try_into().map_err(|_| ModelError::Truncated)?);
        let n_features = r.u32()? as usize;
        let n_entries = r.u32()? as usize;
        let keys: Vec<u64> = r
            .take(n_features * 8)?
            .chunks_exact(8)
            .map(le_u64)
            .collect();
        let lens: Vec<u16> = r
            .take(n_features * 2)?
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        let entries: Vec<u32> = r.take(n_entries * 4)?.chunks_exact(4).map(le_u32).collect();
        if lens.iter().map(|&l| usize::from(l)).sum::<usize>() != n_entries {
            return Err(ModelError::Truncated);
        }
        Ok(Weights::assemble(n_classes, scale, &keys, &lens, entries))
    }
}

#[inline]
fn pack(class: u16, weight: i16) -> u32 {
    (u32::from(class) << 16) | u32::from(weight as u16)
}

#[inline]
fn unpack(entry: u32) -> (usize, i16) {
    ((entry >> 16) as usize, entry as u16 as i16)
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

fn put_u32(out: &mut Vec<u8>, n: u32) {
    out.extend_from_slice(&n.to_le_bytes());
}

fn le_u64(c: &[u8]) -> u64 {
    let mut b = [0u8; 8];
    b.copy_from_slice(&c[..8]);
    u64::from_le_bytes(b)
}

fn le_u32(c: &[u8]) -> u32 {
    u32::from_le_bytes([c[0], c[1], c[2], c[3]])
}

/// A cursor over the bytes of a model file.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        if n > self.0.len() {
            return Err(ModelError::Truncated);
        }
        let (head, tail) = self.0.split_at(n);
        self.0 = tail;
        Ok(head)
    }

    fn u32(&mut self) -> Result<u32, ModelError> {
        self.take(4).map(le_u32)
    }

    fn u64(&mut self) -> Result<u64, ModelError> {
        self.take(8).map(le_u64)
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
    fn scores_add_the_weights_of_known_features() {
        let weights =
            Weights::from_rows(2, vec![(7, vec![(0, 1.0), (1, -0.5)]), (9, vec![(1, 2.0)])]);
        let mut scores = [0i32; 2];
        weights.score(&[7, 9, 12345], &mut scores);
        assert!(scores[1] > scores[0]);
        assert_eq!(scores[0], (1.0 * weights.scale).round() as i32);
    }

    #[test]
    fn files_round_trip_and_check_their_task() {
        let mut gazetteer = Gazetteer::new();
        gazetteer.add_phrase(1, "Kabul");
        let model = Model {
            header: header(),
            weights: Weights::from_rows(2, vec![(7, vec![(0, 1.0)]), (9, vec![(1, 2.0)])]),
            gazetteer: Some(gazetteer),
            clusters: Some(Clusters::from_tsv("kabul\t1\t2\t3\n").unwrap()),
        };
        let bytes = model.to_bytes().unwrap();
        let back = Model::from_bytes(&bytes, "pos", 1).unwrap();
        assert_eq!(back.header, model.header);
        assert_eq!(back.gazetteer.unwrap().len(), 1);
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
