//! Token ranges (mentions, phrases, quotations, contents) indexed by where
//! they start, to answer "which of them lie within, or meet, this range" in
//! time that grows with the answer rather than with the article: a stage that
//! asked every mention of a long article for each of its sentences would
//! grow with the square of the article.

use std::ops::Range;

/// Items with token ranges, sorted by start (items with the same start keep
/// the order they were given in), with the furthest end reached so far.
#[derive(Debug, Clone)]
pub struct SpanIndex<T> {
    items: Vec<(Range<usize>, T)>,
    reach: Vec<usize>,
}

impl<T> Default for SpanIndex<T> {
    fn default() -> Self {
        SpanIndex {
            items: Vec::new(),
            reach: Vec::new(),
        }
    }
}

impl<T> SpanIndex<T> {
    /// Index `items`.
    pub fn new(items: impl IntoIterator<Item = (Range<usize>, T)>) -> Self {
        let mut items: Vec<(Range<usize>, T)> = items.into_iter().collect();
        items.sort_by_key(|(range, _)| range.start);
        let mut furthest = 0;
        let reach = items
            .iter()
            .map(|(range, _)| {
                furthest = furthest.max(range.end);
                furthest
            })
            .collect();
        SpanIndex { items, reach }
    }

    /// Every item, by start.
    pub fn items(&self) -> &[(Range<usize>, T)] {
        &self.items
    }

    /// Whether there are no items.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The items that start in `starts`, by start.
    pub fn starting_in(&self, starts: Range<usize>) -> &[(Range<usize>, T)] {
        let first = self.items.partition_point(|(r, _)| r.start < starts.start);
        let last = self.items.partition_point(|(r, _)| r.start < starts.end);
        &self.items[first..last.max(first)]
    }

    /// The items that lie within `range` (start and end inside it), by start.
    pub fn within(&self, range: Range<usize>) -> impl Iterator<Item = &(Range<usize>, T)> {
        let end = range.end;
        self.starting_in(range.start..end.saturating_add(1))
            .iter()
            .filter(move |(r, _)| r.end <= end)
    }

    /// The items that share a token with `range`, or, being empty, stand
    /// inside it; by start.
    pub fn overlapping(&self, range: Range<usize>) -> impl Iterator<Item = &(Range<usize>, T)> {
        // Items before the first whose running reach passes the range's
        // start all end at or before it.
        let first = self.reach.partition_point(|&end| end <= range.start);
        self.items[first..]
            .iter()
            .take_while(move |(r, _)| r.start < range.end)
            .filter(move |(r, _)| r.end > range.start)
    }

    /// The items that end at `end` (exclusive), by start.
    pub fn ending_at(&self, end: usize) -> impl Iterator<Item = &(Range<usize>, T)> {
        self.overlapping(end.saturating_sub(1)..end)
            .filter(move |(r, _)| r.end == end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> SpanIndex<char> {
        SpanIndex::new([
            (4..6, 'b'),
            (0..2, 'a'),
            (4..5, 'c'),
            (5..12, 'd'),
            (7..8, 'e'),
        ])
    }

    fn names<'a>(found: impl Iterator<Item = &'a (Range<usize>, char)>) -> String {
        found.map(|(_, c)| *c).collect()
    }

    #[test]
    fn queries_agree_with_a_scan_of_every_item() {
        let index = index();
        let all = index.items();
        for start in 0..14 {
            for end in start..14 {
                let range = start..end;
                let scan = |keep: &dyn Fn(&Range<usize>) -> bool| {
                    names(all.iter().filter(|(r, _)| keep(r)))
                };
                assert_eq!(
                    names(index.within(range.clone())),
                    scan(&|r| r.start >= start && r.end <= end),
                    "within {range:?}"
                );
                assert_eq!(
                    names(index.overlapping(range.clone())),
                    scan(&|r| r.start < end && r.end > start),
                    "overlapping {range:?}"
                );
                assert_eq!(
                    names(index.starting_in(range.clone()).iter()),
                    scan(&|r| (start..end).contains(&r.start)),
                    "starting in {range:?}"
                );
            }
            assert_eq!(
                names(index.ending_at(start)),
                scan_end(all, start),
                "ending at {start}"
            );
        }
    }

    fn scan_end(all: &[(Range<usize>, char)], end: usize) -> String {
        names(all.iter().filter(|(r, _)| r.end == end && r.start < end))
    }

    #[test]
    fn items_with_one_start_keep_their_order() {
        assert_eq!(names(index().items().iter()), "abcde");
    }
}
