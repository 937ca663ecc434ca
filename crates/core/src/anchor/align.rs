//! Approximate matching: Myers' bit-parallel algorithm, for a short pattern (one 64-bit word)
//! and, in blocks of 64 rows (Hyyrö's extension), for a pattern of any length, with the work
//! of long alignments counted against a budget.

use std::ops::Range;

/// The most alignment work one passage's approximate search may do, in steps: a step is one
/// 64-row block of the pattern against one byte of text, a few nanoseconds. 16 million steps
/// (under a tenth of a second) align a 12 KB quote (188 blocks) at two or three places, a
/// 2 KB quote at all 64 candidates. Past the budget the search stops with what it has found,
/// so a hostile quote in repetitive text costs a tenth of a second, not minutes; and since
/// work is counted, not timed, the same files always anchor the same way.
pub const ALIGN_BUDGET_STEPS: u64 = 16_000_000;

/// Work left for one passage's search.
pub(super) struct Budget {
    steps_left: u64,
}

/// The budget cannot pay for the next alignment.
#[derive(Debug)]
pub(super) struct OverBudget;

impl Budget {
    pub(super) fn new(steps: u64) -> Self {
        Self { steps_left: steps }
    }

    fn spend(&mut self, steps: u64) -> Result<(), OverBudget> {
        self.steps_left = self.steps_left.checked_sub(steps).ok_or(OverBudget)?;
        Ok(())
    }
}

/// Myers' bit-parallel approximate search (pattern of at most 64 bytes): the end offsets in
/// `text` where the pattern matches with at most `k` edits, each a local best. Linear in the
/// text, so it is not counted against the budget.
pub(super) fn myers_search(pattern: &[u8], text: &[u8], k: usize) -> Vec<(usize, usize)> {
    let m = pattern.len();
    if m == 0 || m > 64 {
        return Vec::new();
    }
    let peq = Peq::new(pattern);
    let high = 1u64 << (m - 1);
    let (mut pv, mut mv, mut score) = (u64::MAX, 0u64, m);
    let mut hits: Vec<(usize, usize)> = Vec::new();
    for (j, &c) in text.iter().enumerate() {
        let eq = peq.row(c).first().copied().unwrap_or(0);
        let (p, n, h) = step(pv, mv, eq, 0, high);
        (pv, mv) = (p, n);
        score = score.saturating_add_signed(isize::from(h));
        if score <= k {
            // Keep one hit per run of neighbouring ends: the best.
            match hits.last_mut() {
                Some((end, best)) if j - *end <= m / 2 => {
                    if score < *best {
                        *end = j;
                        *best = score;
                    }
                }
                _ => hits.push((j, score)),
            }
        }
    }
    hits
}

/// The substring of `window` closest to `pattern` by edit distance, if within `max_edits`: its
/// distance and byte range. The window is centred on where the pattern is expected, so among
/// equally close ends the one nearest where the pattern would end is taken, and then the start
/// that makes the length nearest the pattern's. `Err` when the budget cannot pay for it.
pub(super) fn best_alignment(
    pattern: &[u8],
    window: &[u8],
    max_edits: usize,
    budget: &mut Budget,
) -> Result<Option<(usize, Range<usize>)>, OverBudget> {
    let m = pattern.len();
    if m == 0 || window.is_empty() {
        return Ok(None);
    }
    let blocks = m.div_ceil(64) as u64;
    let back = window.len().min(m + max_edits);
    budget.spend(blocks.saturating_mul((window.len() + back) as u64))?;
    // Forward: the best distance of the whole pattern ending at each byte, starting anywhere.
    let forward = last_row(&Peq::new(pattern), m, window.iter().copied(), true);
    let Some(&edits) = forward.iter().min() else { return Ok(None) };
    if edits > max_edits {
        return Ok(None);
    }
    let expected_end = (window.len() / 2 + m / 2).min(window.len());
    let Some(end) = forward
        .iter()
        .enumerate()
        .filter(|&(_, &d)| d == edits)
        .map(|(j, _)| j + 1)
        .min_by_key(|&end| (end.abs_diff(expected_end), usize::MAX - end))
    else {
        return Ok(None);
    };
    // Backward from that end: the distance of the pattern from each start to exactly `end`.
    let reversed: Vec<u8> = pattern.iter().rev().copied().collect();
    let back = end.min(m + max_edits);
    let backward = last_row(&Peq::new(&reversed), m, window[end - back..end].iter().rev().copied(), false);
    let start = backward
        .iter()
        .enumerate()
        .filter(|&(_, &d)| d == edits)
        .map(|(j, _)| end - (j + 1))
        .min_by_key(|&start| (end - start).abs_diff(m))
        .unwrap_or(end);
    Ok(Some((edits, start..end)))
}

/// The pattern's bit masks: for each byte value, which of its positions hold it, in 64-bit
/// blocks. Bytes the pattern lacks share one all-zero row, so the table is as small as the
/// pattern's alphabet.
struct Peq {
    row_of: [u16; 256],
    blocks: usize,
    table: Vec<u64>,
}

impl Peq {
    fn new(pattern: &[u8]) -> Self {
        let blocks = pattern.len().div_ceil(64);
        let mut row_of = [0u16; 256];
        let mut rows = 1;
        for &c in pattern {
            if row_of[usize::from(c)] == 0 {
                row_of[usize::from(c)] = rows;
                rows += 1;
            }
        }
        let mut table = vec![0u64; usize::from(rows) * blocks];
        for (i, &c) in pattern.iter().enumerate() {
            table[usize::from(row_of[usize::from(c)]) * blocks + i / 64] |= 1 << (i % 64);
        }
        Self { row_of, blocks, table }
    }

    fn row(&self, c: u8) -> &[u64] {
        let at = usize::from(self.row_of[usize::from(c)]) * self.blocks;
        &self.table[at..at + self.blocks]
    }
}

/// One step of Myers' algorithm on a block: the block's vertical deltas after one more text
/// byte, given the horizontal delta `hin` (−1, 0 or 1) coming in from the block above, and the
/// delta going out at row `high` (the block's last row that is part of the pattern).
fn step(pv: u64, mv: u64, eq: u64, hin: i8, high: u64) -> (u64, u64, i8) {
    let hin_negative = u64::from(hin < 0);
    let xv = eq | mv;
    let eq = eq | hin_negative;
    let xh = ((eq & pv).wrapping_add(pv) ^ pv) | eq;
    let ph = mv | !(xh | pv);
    let mh = pv & xh;
    let hout = if ph & high != 0 {
        1
    } else if mh & high != 0 {
        -1
    } else {
        0
    };
    let ph = (ph << 1) | u64::from(hin > 0);
    let mh = (mh << 1) | hin_negative;
    (mh | !(xv | ph), ph & xv, hout)
}

/// The edit distance of the whole pattern against the text up to each byte: entry `j` is the
/// best alignment ending at byte `j`. With `free_start` it may start anywhere (a search);
/// without, it starts at the first byte (the text's prefixes).
fn last_row(peq: &Peq, m: usize, text: impl ExactSizeIterator<Item = u8>, free_start: bool) -> Vec<usize> {
    let blocks = peq.blocks;
    let last_high = 1u64 << ((m - 1) % 64);
    let mut pv = vec![u64::MAX; blocks];
    let mut mv = vec![0u64; blocks];
    let mut score = m;
    let mut out = Vec::with_capacity(text.len());
    for c in text {
        let eq = peq.row(c);
        let mut hin: i8 = if free_start { 0 } else { 1 };
        for b in 0..blocks {
            let high = if b + 1 == blocks { last_high } else { 1 << 63 };
            let (p, n, h) = step(pv[b], mv[b], eq[b], hin, high);
            (pv[b], mv[b], hin) = (p, n, h);
        }
        score = score.saturating_add_signed(isize::from(hin));
        out.push(score);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Edit distance by the textbook table, for checking.
    fn levenshtein(a: &[u8], b: &[u8]) -> usize {
        let mut prev: Vec<usize> = (0..=b.len()).collect();
        for (i, &x) in a.iter().enumerate() {
            let mut cur = vec![i + 1; b.len() + 1];
            for (j, &y) in b.iter().enumerate() {
                cur[j + 1] = (prev[j] + usize::from(x != y)).min(prev[j + 1] + 1).min(cur[j] + 1);
            }
            prev = cur;
        }
        prev[b.len()]
    }

    #[test]
    fn myers_finds_approximate_ends() {
        let hits = myers_search(b"veto", b"a vet0 and a veto", 1);
        let ends: Vec<usize> = hits.iter().map(|h| h.0).collect();
        assert!(ends.contains(&16), "{hits:?}");
        assert!(hits.iter().any(|&(e, d)| (4..=5).contains(&e) && d == 1), "{hits:?}");
    }

    #[test]
    fn alignment_finds_the_substring() {
        let mut budget = Budget::new(ALIGN_BUDGET_STEPS);
        let (edits, range) = best_alignment(b"resolution", b"xx resolutoin yy", 3, &mut budget).unwrap().unwrap();
        assert_eq!(edits, 2);
        assert_eq!(range, 3..13);
    }

    /// Blocks of 64 rows give the textbook distances, across block edges.
    #[test]
    fn long_patterns_align_across_blocks() {
        let pattern: Vec<u8> = (0..200u32).map(|i| b"abcdefghij"[(i * 7 % 10) as usize]).collect();
        let mut text = b"zzzzzzzzzzzzzzzzzzzz".to_vec();
        let mut edited = pattern.clone();
        edited[10] = b'x';
        edited.remove(70);
        edited.insert(130, b'y');
        text.extend_from_slice(&edited);
        text.extend_from_slice(b"zzzzzzzzzzzzzzzzzzzz");
        let mut budget = Budget::new(ALIGN_BUDGET_STEPS);
        let (edits, range) = best_alignment(&pattern, &text, 40, &mut budget).unwrap().unwrap();
        assert_eq!(edits, 3);
        assert_eq!(edits, levenshtein(&pattern, &text[range.clone()]));
        assert_eq!(range, 20..20 + edited.len());
    }

    #[test]
    fn an_alignment_past_the_budget_is_refused() {
        let pattern = vec![b'a'; 1000];
        let mut budget = Budget::new(100);
        assert!(best_alignment(&pattern, &pattern, 10, &mut budget).is_err());
    }
}
