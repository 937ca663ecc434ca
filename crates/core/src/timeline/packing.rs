//! Places labels along the time axis so that none overlap: each goes in the first row with
//! room near its mark, and those with no room are gathered into clusters, shown as a count that
//! opens on zoom or click.
//!
//! Greedy and linear in the number of labels, so the timeline stays fast with thousands.

/// A label to place: where its mark is and how long it is, along the axis, in pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Span {
    pub pos: f32,
    pub extent: f32,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Slot {
    /// Drawn in `row`, starting at `start` (at or a little after its mark).
    Row { row: usize, start: f32 },
    /// Hidden in the cluster with this index.
    Cluster(usize),
}

/// Labels with no room, shown as one badge at `start`.
#[derive(Clone, Debug, PartialEq)]
pub struct Cluster {
    pub start: f32,
    /// Indices of the labels inside, in order.
    pub members: Vec<usize>,
}

#[derive(Clone, Copy, Debug)]
pub struct Packing {
    pub rows: usize,
    /// How far a label may be pushed past its mark to find room.
    pub max_shift: f32,
    /// Space kept between neighbours.
    pub gap: f32,
    /// The length of a cluster's badge.
    pub badge_extent: f32,
    /// Where the axis ends: a label that would run past it has no room.
    pub end: f32,
}

/// Room already used along the axis, by row and by cluster badges: labels placed later go
/// around it, so events can be placed before the suggestions that share their column.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Taken {
    rows: Vec<Vec<(f32, f32)>>,
    badges: Vec<(f32, f32)>,
}

/// The first start at or after `start` where `extent` fits among `used` (sorted, apart).
fn fit(used: &[(f32, f32)], mut start: f32, extent: f32, gap: f32) -> f32 {
    let first = used.partition_point(|&(_, end)| end + gap <= start);
    for &(a, b) in &used[first..] {
        if a >= start + extent + gap {
            break;
        }
        start = start.max(b + gap);
    }
    start
}

impl Packing {
    /// Places `spans`, which must be sorted by `pos`, around what `taken` already holds.
    /// Returns where each went, the clusters, and the room now taken.
    pub fn place(&self, spans: &[Span], taken: &Taken) -> (Vec<Slot>, Vec<Cluster>, Taken) {
        let no_room = Vec::new();
        let used = |row: usize| taken.rows.get(row).unwrap_or(&no_room);
        let mut row_end = vec![f32::NEG_INFINITY; self.rows];
        let mut now = Taken { rows: vec![Vec::new(); self.rows], badges: Vec::new() };
        let mut slots = Vec::with_capacity(spans.len());
        let mut clusters: Vec<Cluster> = Vec::new();
        for (i, span) in spans.iter().enumerate() {
            let best = row_end
                .iter()
                .enumerate()
                .map(|(row, end)| (row, fit(used(row), span.pos.max(end + self.gap), span.extent, self.gap)))
                .min_by(|a, b| a.1.total_cmp(&b.1));
            match best {
                Some((row, start)) if start <= span.pos + self.max_shift && start + span.extent <= self.end => {
                    row_end[row] = start + span.extent;
                    now.rows[row].push((start, start + span.extent));
                    slots.push(Slot::Row { row, start });
                }
                _ => {
                    match clusters.last_mut() {
                        Some(c) if span.pos < c.start + self.badge_extent + self.gap => c.members.push(i),
                        last => {
                            let after = last.map_or(f32::NEG_INFINITY, |c| c.start + self.badge_extent + self.gap);
                            let start = fit(&taken.badges, span.pos.max(after), self.badge_extent, self.gap);
                            clusters.push(Cluster { start, members: vec![i] });
                            now.badges.push((start, start + self.badge_extent));
                        }
                    }
                    slots.push(Slot::Cluster(clusters.len() - 1));
                }
            }
        }
        for (row, mine) in now.rows.iter_mut().enumerate() {
            mine.extend_from_slice(used(row));
            mine.sort_by(|a, b| a.0.total_cmp(&b.0));
        }
        now.badges.extend_from_slice(&taken.badges);
        now.badges.sort_by(|a, b| a.0.total_cmp(&b.0));
        (slots, clusters, now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn check(packing: &Packing, spans: &[Span]) -> Taken {
        let (slots, clusters, taken) = packing.place(spans, &Taken::default());
        assert_eq!(slots.len(), spans.len(), "every label is placed or clustered");
        let mut rows: Vec<Vec<(f32, f32)>> = vec![Vec::new(); packing.rows];
        for (slot, span) in slots.iter().zip(spans) {
            match *slot {
                Slot::Row { row, start } => {
                    assert!(start >= span.pos && start <= span.pos + packing.max_shift);
                    rows[row].push((start, start + span.extent));
                }
                Slot::Cluster(c) => assert!(c < clusters.len()),
            }
        }
        for row in &rows {
            for pair in row.windows(2) {
                assert!(pair[1].0 >= pair[0].1 + packing.gap - 1e-3, "labels overlap: {pair:?}");
            }
        }
        for pair in clusters.windows(2) {
            assert!(pair[1].start >= pair[0].start + packing.badge_extent + packing.gap - 1e-3, "badges overlap");
        }
        let members: usize = clusters.iter().map(|c| c.members.len()).sum();
        assert_eq!(members, slots.iter().filter(|s| matches!(s, Slot::Cluster(_))).count());
        taken
    }

    fn apart(used: &[(f32, f32)], gap: f32) {
        for pair in used.windows(2) {
            assert!(pair[1].0 >= pair[0].1 + gap - 1e-3, "overlap: {pair:?}");
        }
    }

    #[test]
    fn crowded_labels_stack_then_cluster() {
        let packing = Packing { rows: 2, max_shift: 0.0, gap: 4.0, badge_extent: 30.0, end: f32::INFINITY };
        let spans: Vec<Span> = (0..5).map(|i| Span { pos: i as f32, extent: 100.0 }).collect();
        let (slots, clusters, _) = packing.place(&spans, &Taken::default());
        assert_eq!(slots[0], Slot::Row { row: 0, start: 0.0 });
        assert_eq!(slots[1], Slot::Row { row: 1, start: 1.0 });
        assert_eq!(clusters, [Cluster { start: 2.0, members: vec![2, 3, 4] }]);
        check(&packing, &spans);
    }

    #[test]
    fn labels_may_shift_to_find_room() {
        let packing = Packing { rows: 1, max_shift: 30.0, gap: 2.0, badge_extent: 20.0, end: f32::INFINITY };
        let spans = [Span { pos: 0.0, extent: 20.0 }, Span { pos: 10.0, extent: 20.0 }];
        let (slots, _, _) = packing.place(&spans, &Taken::default());
        assert_eq!(slots[1], Slot::Row { row: 0, start: 22.0 });
    }

    #[test]
    fn a_label_that_would_run_past_the_end_has_no_room() {
        let packing = Packing { rows: 1, max_shift: 50.0, gap: 2.0, badge_extent: 20.0, end: 100.0 };
        let spans = [Span { pos: 0.0, extent: 60.0 }, Span { pos: 30.0, extent: 45.0 }];
        let (slots, _, _) = packing.place(&spans, &Taken::default());
        assert_eq!(slots[0], Slot::Row { row: 0, start: 0.0 });
        assert_eq!(slots[1], Slot::Cluster(0), "pushed to 62, it would end at 107, past the end");
    }

    #[test]
    fn later_labels_go_around_earlier_ones() {
        let packing = Packing { rows: 1, max_shift: 35.0, gap: 2.0, badge_extent: 20.0, end: f32::INFINITY };
        let (_, _, taken) = packing.place(&[Span { pos: 10.0, extent: 20.0 }], &Taken::default());
        let (slots, _, _) = packing.place(&[Span { pos: 0.0, extent: 20.0 }, Span { pos: 15.0, extent: 5.0 }], &taken);
        assert_eq!(slots[0], Slot::Row { row: 0, start: 32.0 }, "pushed past the earlier label");
        assert_eq!(slots[1], Slot::Cluster(0), "no room left within its shift");
    }

    proptest! {
        #[test]
        fn nothing_ever_overlaps(
            mut positions in proptest::collection::vec(0.0f32..2000.0, 0..300),
            extent in 5.0f32..200.0,
            rows in 1usize..5,
            max_shift in 0.0f32..50.0,
        ) {
            positions.sort_by(f32::total_cmp);
            let spans: Vec<Span> = positions.iter().map(|&pos| Span { pos, extent }).collect();
            let packing = Packing { rows, max_shift, gap: 3.0, badge_extent: 28.0, end: f32::INFINITY };
            let first = check(&packing, &spans[..spans.len() / 2]);
            let (_, _, both) = packing.place(&spans[spans.len() / 2..], &first);
            for row in &both.rows {
                apart(row, 3.0);
            }
            apart(&both.badges, 3.0);
        }
    }
}
