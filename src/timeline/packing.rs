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
}

impl Packing {
    /// Places `spans`, which must be sorted by `pos`.
    pub fn place(&self, spans: &[Span]) -> (Vec<Slot>, Vec<Cluster>) {
        let mut row_end = vec![f32::NEG_INFINITY; self.rows];
        let mut slots = Vec::with_capacity(spans.len());
        let mut clusters: Vec<Cluster> = Vec::new();
        for (i, span) in spans.iter().enumerate() {
            let best = row_end
                .iter()
                .enumerate()
                .map(|(row, end)| (row, span.pos.max(end + self.gap)))
                .min_by(|a, b| a.1.total_cmp(&b.1));
            match best {
                Some((row, start)) if start <= span.pos + self.max_shift => {
                    row_end[row] = start + span.extent;
                    slots.push(Slot::Row { row, start });
                }
                _ => {
                    match clusters.last_mut() {
                        Some(c) if span.pos < c.start + self.badge_extent + self.gap => c.members.push(i),
                        last => {
                            let after = last.map_or(f32::NEG_INFINITY, |c| c.start + self.badge_extent + self.gap);
                            clusters.push(Cluster { start: span.pos.max(after), members: vec![i] });
                        }
                    }
                    slots.push(Slot::Cluster(clusters.len() - 1));
                }
            }
        }
        (slots, clusters)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn check(packing: &Packing, spans: &[Span]) {
        let (slots, clusters) = packing.place(spans);
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
    }

    #[test]
    fn crowded_labels_stack_then_cluster() {
        let packing = Packing { rows: 2, max_shift: 0.0, gap: 4.0, badge_extent: 30.0 };
        let spans: Vec<Span> = (0..5).map(|i| Span { pos: i as f32, extent: 100.0 }).collect();
        let (slots, clusters) = packing.place(&spans);
        assert_eq!(slots[0], Slot::Row { row: 0, start: 0.0 });
        assert_eq!(slots[1], Slot::Row { row: 1, start: 1.0 });
        assert_eq!(clusters, [Cluster { start: 2.0, members: vec![2, 3, 4] }]);
        check(&packing, &spans);
    }

    #[test]
    fn labels_may_shift_to_find_room() {
        let packing = Packing { rows: 1, max_shift: 30.0, gap: 2.0, badge_extent: 20.0 };
        let spans = [Span { pos: 0.0, extent: 20.0 }, Span { pos: 10.0, extent: 20.0 }];
        let (slots, _) = packing.place(&spans);
        assert_eq!(slots[1], Slot::Row { row: 0, start: 22.0 });
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
            check(&Packing { rows, max_shift, gap: 3.0, badge_extent: 28.0 }, &spans);
        }
    }
}
