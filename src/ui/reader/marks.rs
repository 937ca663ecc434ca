//! The selection and highlights as rectangles under the text.

use std::ops::Range;
use std::sync::Arc;

use egui::text::CCursor;
use egui::{Galley, Pos2, Rect, pos2};

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
