//! Highlights and the selection: ranges of the text painted under it.

use std::ops::Range;
use std::sync::Arc;

use egui::text::CCursor;
use egui::{Galley, Pos2, Rect, pos2};

use crate::notes::{AnchorStatus, Color};

/// A highlight: an annotation's passage, where it anchored.
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    /// Byte range in `Document::text`.
    pub range: Range<usize>,
    pub color: Color,
    pub id: String,
    pub status: AnchorStatus,
    /// Shown when the pointer rests on the highlight.
    pub note: String,
}

/// The highlights of a case, sorted, with what finds those in a range quickly.
#[derive(Clone, Debug, Default)]
pub struct Marks {
    items: Vec<Mark>,
    /// `max_end[i]` is the largest end among `items[..=i]`: it grows, so a binary search on it
    /// skips every mark that ends before a range.
    max_end: Vec<usize>,
}

impl Marks {
    pub fn new(mut items: Vec<Mark>) -> Self {
        items.sort_by_key(|m| (m.range.start, m.range.end));
        let mut end = 0;
        let max_end = items
            .iter()
            .map(|m| {
                end = end.max(m.range.end);
                end
            })
            .collect();
        Self { items, max_end }
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The marks that overlap `range`.
    pub fn overlapping(&self, range: Range<usize>) -> impl Iterator<Item = &Mark> {
        let first = self.max_end.partition_point(|&end| end <= range.start);
        let last = self.items.partition_point(|m| m.range.start < range.end);
        self.items[first..last.max(first)].iter().filter(move |m| m.range.end > range.start)
    }

    /// The innermost mark under a text offset: the shortest of those containing it.
    pub fn at(&self, offset: usize) -> Option<&Mark> {
        self.overlapping(offset..offset + 1).min_by_key(|m| m.range.len())
    }
}

/// The rectangles covering the bytes `range` of a galley whose text starts at `text_start` in
/// the document, one per row, placed at `origin`.
pub fn range_rects(galley: &Arc<Galley>, text_start: usize, origin: Pos2, range: &Range<usize>) -> Vec<Rect> {
    let text = &galley.job.text;
    let a = range.start.clamp(text_start, text_start + text.len()) - text_start;
    let b = range.end.clamp(text_start, text_start + text.len()) - text_start;
    if a >= b || !text.is_char_boundary(a) || !text.is_char_boundary(b) {
        return Vec::new();
    }
    let ca = text[..a].chars().count();
    let cb = ca + text[a..b].chars().count();
    let x_of = |c: usize| galley.pos_from_cursor(CCursor { index: c.into(), prefer_next_row: true }).left();
    let mut rects = Vec::new();
    let mut row_start = 0;
    for row in &galley.rows {
        let n = row.char_count_including_newline().0;
        let row_end = row_start + n;
        if ca < row_end.max(row_start + 1) && cb > row_start {
            let r = row.rect();
            let left = if ca > row_start { x_of(ca) } else { r.left() };
            let right = if cb < row_end { x_of(cb) } else { r.right() };
            if right > left {
                rects
                    .push(Rect::from_min_max(pos2(left, r.top()), pos2(right, r.bottom())).translate(origin.to_vec2()));
            }
        }
        row_start = row_end;
    }
    rects
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(range: Range<usize>, id: &str) -> Mark {
        Mark { range, color: Color::Actor, id: id.into(), status: AnchorStatus::Exact, note: String::new() }
    }

    #[test]
    fn finds_overlapping_marks_including_long_ones() {
        let marks = Marks::new(vec![mark(0..1000, "long"), mark(10..20, "a"), mark(30..40, "b"), mark(500..510, "c")]);
        let ids = |r| marks.overlapping(r).map(|m| m.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(15..35), ["long", "a", "b"]);
        assert_eq!(ids(2000..3000), Vec::<String>::new());
        assert_eq!(ids(505..506), ["long", "c"]);
        assert_eq!(marks.at(35).unwrap().id, "b", "the innermost wins");
    }
}
