//! Compact weights for fast scoring.
//!
//! Weights are quantised to 16 bits and kept sparse: each feature has a short
//! list of (class, weight) entries, found through an open-addressing table. A
//! slot holds the feature's key and either its entries themselves (half the
//! features have two, from a single update), or where its run of entries
//! starts, or, for the frequent features that weigh most classes, the index
//! of a dense row that is added with vector instructions. Lookups are made in
//! two phases, first every home slot and then the entries, so that the
//! memory accesses of a token's features overlap instead of waiting on each
//! other: scoring is bound by memory, not arithmetic.

use super::model::{ModelError, Reader, le_u32, le_u64, put_u32};

/// Sparse quantised weights behind an open-addressing table.
pub struct Weights {
    n_classes: usize,
    scale: f32,
    slots: Vec<Slot>,
    mask: usize,
    overflow: Vec<u32>,
    dense: Vec<i16>,
    /// One bit a (hashed) feature: clear means the feature has no weights.
    /// Small enough to stay in cache, it spares most absent features a trip
    /// to the table.
    filter: Vec<u64>,
    filter_shift: u32,
    features: usize,
}

/// A table slot: the feature's key and up to two entries inline, or (with
/// [`OVERFLOW`] set in the first word) the start and length of its run in
/// the overflow array. An unused inline word is 0, which adds nothing.
#[derive(Clone, Copy, Default)]
struct Slot {
    key: u64,
    data: [u32; 2],
}

/// Features scored together, their memory accesses overlapping.
const BATCH: usize = 32;

/// Marks a slot whose entries live in the overflow array; no inline entry
/// has this bit or [`DENSE`], since classes stay below 2^14.
const OVERFLOW: u32 = 1 << 31;
/// Marks a slot whose weights are a dense row.
const DENSE: u32 = 1 << 30;

/// Where a slot's weights are.
enum Row<'a> {
    Sparse(&'a [u32]),
    Dense(&'a [i16]),
}

impl Slot {
    #[inline]
    fn row<'a>(&'a self, overflow: &'a [u32], dense: &'a [i16], n_classes: usize) -> Row<'a> {
        let tag = self.data[0];
        if tag & OVERFLOW != 0 {
            let start = (tag & !OVERFLOW) as usize;
            Row::Sparse(
                overflow
                    .get(start..start + self.data[1] as usize)
                    .unwrap_or(&[]),
            )
        } else if tag & DENSE != 0 {
            let start = (tag & !DENSE) as usize * n_classes;
            Row::Dense(dense.get(start..start + n_classes).unwrap_or(&[]))
        } else {
            Row::Sparse(&self.data)
        }
    }
}

impl Weights {
    /// Weights from features and their (class, weight) entries. Weights are
    /// quantised to 16 bits against the largest magnitude; entries that
    /// quantise to 0 are dropped.
    pub fn from_rows(n_classes: usize, mut rows: Vec<(u64, Vec<(u16, f32)>)>) -> Weights {
        rows.sort_unstable_by_key(|(key, _)| *key);
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
            let run: Vec<u32> = row
                .into_iter()
                .map(|(class, weight)| (class, (weight * scale).round() as i16))
                .filter(|&(_, w)| w != 0)
                .map(|(class, w)| pack(class, w))
                .collect();
            if key != 0 && !run.is_empty() {
                keys.push(key);
                lens.push(run.len() as u16);
                entries.extend(run);
            }
        }
        Weights::assemble(n_classes, scale, &keys, &lens, &entries)
    }

    fn assemble(
        n_classes: usize,
        scale: f32,
        keys: &[u64],
        lens: &[u16],
        entries: &[u32],
    ) -> Weights {
        let capacity = (keys.len() * 2).next_power_of_two().max(16);
        let mask = capacity - 1;
        let mut slots = vec![Slot::default(); capacity];
        let mut overflow = Vec::new();
        let mut dense = Vec::new();
        let dense_from = (n_classes / 4).max(6);
        let mut start = 0usize;
        for (&key, &len) in keys.iter().zip(lens) {
            let run = &entries[start..start + usize::from(len)];
            start += usize::from(len);
            let data = match run {
                [a] => [*a, 0],
                [a, b] => [*a, *b],
                _ if run.len() >= dense_from => {
                    let data = [(dense.len() / n_classes) as u32 | DENSE, 0];
                    let mut row = vec![0i16; n_classes];
                    for &entry in run {
                        let (class, weight) = unpack(entry);
                        if let Some(w) = row.get_mut(class) {
                            *w = weight;
                        }
                    }
                    dense.extend(row);
                    data
                }
                _ => {
                    let data = [overflow.len() as u32 | OVERFLOW, run.len() as u32];
                    overflow.extend_from_slice(run);
                    data
                }
            };
            let mut i = key as usize & mask;
            while slots[i].key != 0 {
                i = (i + 1) & mask;
            }
            slots[i] = Slot { key, data };
        }
        let filter_bits = (keys.len() * 8).next_power_of_two().max(64);
        let filter_shift = 64 - filter_bits.trailing_zeros();
        let mut filter = vec![0u64; filter_bits / 64];
        for &key in keys {
            let bit = (key >> filter_shift) as usize;
            filter[bit / 64] |= 1 << (bit % 64);
        }
        Weights {
            n_classes,
            scale,
            slots,
            mask,
            overflow,
            dense,
            filter,
            filter_shift,
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
        let mut known = [0u64; BATCH];
        let mut kept = 0;
        for &key in features {
            let bit = (key >> self.filter_shift) as usize;
            if self.filter[bit / 64] & (1 << (bit % 64)) == 0 {
                continue;
            }
            known[kept] = key;
            kept += 1;
            if kept == BATCH {
                self.score_batch(&known, scores);
                kept = 0;
            }
        }
        self.score_batch(&known[..kept], scores);
    }

    /// Score up to [`BATCH`] features that passed the filter.
    #[inline]
    fn score_batch(&self, batch: &[u64], scores: &mut [i32]) {
        let mut found = [usize::MAX; BATCH];
        // Phase 1: every home slot, with no branch on what is loaded, so
        // the loads of all the features are in flight together.
        let mut hit = [false; BATCH];
        for ((&key, slot), hit) in batch.iter().zip(&mut found).zip(&mut hit) {
            *slot = key as usize & self.mask;
            *hit = self.slots[*slot].key == key;
        }
        // Phase 2: probe on where the home slot holds another key, and
        // touch the first word of each run of weights, again together.
        let mut touched = 0u32;
        for ((&key, slot), &hit) in batch.iter().zip(&mut found).zip(&hit) {
            if !hit {
                *slot = self.probe(key, *slot).unwrap_or(usize::MAX);
            }
            if let Some(s) = self.slots.get(*slot) {
                touched ^= self.first_word(s);
            }
        }
        std::hint::black_box(touched);
        // Phase 3: add the weights, now in cache.
        for &slot in &found[..batch.len()] {
            let Some(slot) = self.slots.get(slot) else {
                continue;
            };
            match slot.row(&self.overflow, &self.dense, self.n_classes) {
                Row::Dense(row) => {
                    for (s, &w) in scores.iter_mut().zip(row) {
                        *s += i32::from(w);
                    }
                }
                Row::Sparse(entries) => {
                    for &entry in entries {
                        let (class, weight) = unpack(entry);
                        if let Some(s) = scores.get_mut(class) {
                            *s += i32::from(weight);
                        }
                    }
                }
            }
        }
    }

    /// A word of the slot's weights outside the slot, read only to bring its
    /// cache line in early.
    #[inline]
    fn first_word(&self, slot: &Slot) -> u32 {
        let tag = slot.data[0];
        if tag & OVERFLOW != 0 {
            self.overflow
                .get((tag & !OVERFLOW) as usize)
                .copied()
                .unwrap_or(0)
        } else if tag & DENSE != 0 {
            let start = (tag & !DENSE) as usize * self.n_classes;
            self.dense.get(start).map_or(0, |&w| w as u32)
        } else {
            0
        }
    }

    /// The slot of `key` after its home slot `home` held another key.
    #[inline]
    fn probe(&self, key: u64, home: usize) -> Option<usize> {
        let mut i = home;
        loop {
            let k = self.slots[i].key;
            if k == key {
                return Some(i);
            }
            if k == 0 {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }

    /// The serialised form: header, sorted keys, run lengths, entries.
    pub(super) fn to_bytes(&self) -> Vec<u8> {
        let mut live: Vec<&Slot> = self.slots.iter().filter(|s| s.key != 0).collect();
        live.sort_unstable_by_key(|s| s.key);
        let runs: Vec<Vec<u32>> = live
            .iter()
            .map(
                |s| match s.row(&self.overflow, &self.dense, self.n_classes) {
                    Row::Sparse(entries) => entries.iter().copied().filter(|&e| e != 0).collect(),
                    Row::Dense(row) => (0..row.len())
                        .filter(|&c| row[c] != 0)
                        .map(|c| pack(c as u16, row[c]))
                        .collect(),
                },
            )
            .collect();
        let mut out = Vec::new();
        put_u32(&mut out, self.n_classes as u32);
        out.extend_from_slice(&self.scale.to_le_bytes());
        put_u32(&mut out, live.len() as u32);
        put_u32(&mut out, runs.iter().map(Vec::len).sum::<usize>() as u32);
        for slot in &live {
            out.extend_from_slice(&slot.key.to_le_bytes());
        }
        for run in &runs {
            out.extend_from_slice(&(run.len() as u16).to_le_bytes());
        }
        for entry in runs.iter().flatten() {
            put_u32(&mut out, *entry);
        }
        out
    }

    /// Read the serialised form.
    pub(super) fn from_bytes(bytes: &[u8]) -> Result<Weights, ModelError> {
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
        Ok(Weights::assemble(n_classes, scale, &keys, &lens, &entries))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_add_the_weights_of_known_features() {
        let weights = Weights::from_rows(
            3,
            vec![
                (7, vec![(0, 1.0), (1, -0.5)]),
                (9, vec![(1, 2.0)]),
                (11, vec![(0, 0.25), (1, 0.25), (2, 0.5)]),
            ],
        );
        let mut scores = [0i32; 3];
        weights.score(&[7, 9, 11, 12345], &mut scores);
        let unit = |w: f32| (w * weights.scale).round() as i32;
        assert_eq!(
            scores,
            [
                unit(1.0) + unit(0.25),
                unit(-0.5) + unit(2.0) + unit(0.25),
                unit(0.5)
            ]
        );
    }

    #[test]
    fn dense_rows_score_like_sparse_ones() {
        let many: Vec<(u16, f32)> = (0..12u16).map(|c| (c, f32::from(c) - 6.0)).collect();
        let weights = Weights::from_rows(12, vec![(5, many.clone()), (6, vec![(3, 1.0)])]);
        assert!(!weights.dense.is_empty(), "twelve entries make a dense row");
        let mut scores = [0i32; 12];
        weights.score(&[5, 6], &mut scores);
        for (c, &(_, w)) in many.iter().enumerate() {
            let extra = if c == 3 {
                (weights.scale).round() as i32
            } else {
                0
            };
            assert_eq!(scores[c], (w * weights.scale).round() as i32 + extra);
        }
        let back = Weights::from_bytes(&weights.to_bytes()).unwrap();
        let mut again = [0i32; 12];
        back.score(&[5, 6], &mut again);
        assert_eq!(scores, again);
    }

    #[test]
    fn colliding_keys_are_all_found() {
        // Keys with the same low bits share a home slot.
        let rows: Vec<(u64, Vec<(u16, f32)>)> =
            (1..=40u64).map(|k| (k << 20, vec![(0, 1.0)])).collect();
        let weights = Weights::from_rows(1, rows);
        let keys: Vec<u64> = (1..=40u64).map(|k| k << 20).collect();
        let mut scores = [0i32; 1];
        weights.score(&keys, &mut scores);
        assert_eq!(scores[0], 40 * 32767);
    }

    #[test]
    fn serialised_weights_score_the_same() {
        let weights = Weights::from_rows(
            3,
            vec![
                (7, vec![(0, 1.0), (1, -0.5), (2, 0.1)]),
                (9, vec![(1, 2.0)]),
            ],
        );
        let back = Weights::from_bytes(&weights.to_bytes()).unwrap();
        let (mut a, mut b) = ([0; 3], [0; 3]);
        weights.score(&[7, 9], &mut a);
        back.score(&[7, 9], &mut b);
        assert_eq!(a, b);
        assert_eq!(back.features(), 2);
    }
}
