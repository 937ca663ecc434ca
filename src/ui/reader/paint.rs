//! Painting a laid-out block: its text, decorations, highlights, date links and the selection.

use std::ops::Range;

use casebook_core::case::document::BlockKind;
use egui::{Align2, Color32, FontId, Pos2, Rect, Stroke, StrokeKind, pos2, vec2};

use super::ReaderInput;
use super::images::{ImageCache, ImageState};
use super::layout::{BlockLayout, Decoration};
use super::marks::range_rects;
use crate::ui::theme::size;

/// The underline of a date that links to the timeline: dotted, so it reads as a link that is
/// not a web link.
fn dotted_underline(painter: &egui::Painter, r: Rect, color: Color32) {
    let y = r.bottom() - 1.5;
    let mut x = r.left();
    while x < r.right() {
        painter.hline(x..=(x + 2.0).min(r.right()), y, Stroke::new(1.5, color.gamma_multiply(0.8)));
        x += 4.0;
    }
}

/// Paints highlights and the selection under a block's text.
pub(super) fn paint_marks(
    painter: &egui::Painter,
    layout: &BlockLayout,
    content: Rect,
    input: &ReaderInput<'_>,
    block_text: Range<usize>,
    selection: Option<&Range<usize>>,
) {
    // The instructor's highlights are a faint tint with a heavy underline, so a student's own
    // (solid fills) stand apart from them.
    for mark in input.shared_marks.into_iter().flat_map(|m| m.overlapping(block_text.clone())) {
        let swatch = input.palette.mark_swatch(mark.color);
        for piece in &layout.pieces {
            for r in range_rects(&piece.galley, piece.text_start, content.min + piece.offset, &mark.range) {
                painter.rect_filled(r, 0.0, swatch.gamma_multiply(0.12));
                painter.hline(r.x_range(), r.bottom() - 1.0, Stroke::new(3.0, swatch));
            }
        }
    }
    for mark in input.marks.overlapping(block_text.clone()) {
        let selected = input.selected_mark == Some(mark.id.as_str());
        let fill = input.palette.mark(mark.color);
        for piece in &layout.pieces {
            for r in range_rects(&piece.galley, piece.text_start, content.min + piece.offset, &mark.range) {
                painter.rect_filled(r, 2.0, fill);
                if selected {
                    painter.hline(r.x_range(), r.bottom(), Stroke::new(2.0, input.palette.mark_swatch(mark.color)));
                }
            }
        }
    }
    let first_link = input.date_links.partition_point(|r| r.end <= block_text.start);
    for link in input.date_links[first_link..].iter().take_while(|r| r.start < block_text.end) {
        for piece in &layout.pieces {
            for r in range_rects(&piece.galley, piece.text_start, content.min + piece.offset, link) {
                dotted_underline(painter, r, input.palette.link);
            }
        }
    }
    if let Some(selection) = selection.filter(|s| s.start < block_text.end && s.end > block_text.start) {
        let fill = input.palette.accent.gamma_multiply(0.3);
        for piece in &layout.pieces {
            for r in range_rects(&piece.galley, piece.text_start, content.min + piece.offset, selection) {
                painter.rect_filled(r, 0.0, fill);
            }
        }
    }
}

/// Where a list or footnote marker sits: just left of the block's content.
pub(super) fn marker_rect(marker: &egui::Galley, content: Rect) -> Rect {
    Rect::from_min_size(content.min - vec2(marker.size().x + 6.0, 0.0), marker.size())
}

#[allow(clippy::too_many_arguments)]
pub(super) fn paint_block(
    painter: &egui::Painter,
    layout: &BlockLayout,
    origin: Pos2,
    content: Rect,
    input: &ReaderInput<'_>,
    i: usize,
    column_width_pt: f32,
    images: &mut ImageCache,
) {
    let palette = input.palette;
    let block = &input.case.doc.blocks[i];
    let body = size::BODY_PT * input.zoom;
    let indent_unit = size::INDENT_EM * body;
    if let Some(header) = &layout.header {
        for (galley, offset) in &header.lines {
            painter.galley(origin + *offset, galley.clone(), palette.text);
        }
        painter.hline(
            origin.x..=origin.x + column_width_pt,
            origin.y + header.rule_y_pt,
            Stroke::new(1.0, palette.rule),
        );
    }
    if layout.notes_rule {
        let y = content.top() - body * 0.9;
        painter.hline(origin.x..=origin.x + column_width_pt * 0.3, y, Stroke::new(1.0, palette.rule));
    }
    for q in 0..block.quote_depth.min(size::MAX_VISUAL_DEPTH) {
        let x = origin.x + (q as f32 + 0.35) * indent_unit;
        painter.vline(x, content.y_range(), Stroke::new(3.0, palette.quote_bar));
    }
    match &layout.decoration {
        Decoration::None => {}
        Decoration::CodeBackground => {
            painter.rect_filled(content, 4.0, palette.code_bg);
        }
        Decoration::Rule => {
            painter.hline(content.x_range(), content.center().y, Stroke::new(1.0, palette.rule));
        }
        Decoration::TableRow { header, column_edges_pt } => {
            if *header {
                painter.rect_filled(content, 0.0, palette.code_bg);
            }
            let stroke = Stroke::new(if *header { 1.5 } else { 1.0 }, palette.rule);
            painter.hline(content.x_range(), content.bottom(), stroke);
            let inner_edges = column_edges_pt.iter().skip(1).take(column_edges_pt.len().saturating_sub(2));
            for edge in inner_edges {
                let x = content.left() + edge;
                painter.vline(x, content.y_range(), Stroke::new(1.0, palette.rule.gamma_multiply(0.6)));
            }
        }
        Decoration::Image { width_pt, height_pt } => {
            let image_rect = Rect::from_min_size(content.min, vec2(*width_pt, *height_pt));
            let BlockKind::Image { image } = block.kind else { return };
            match images.get(input.case, image, (width_pt * 2.0) as u32) {
                ImageState::Ready { texture, .. } => {
                    painter.image(
                        texture.id(),
                        image_rect,
                        Rect::from_min_max(Pos2::ZERO, pos2(1.0, 1.0)),
                        Color32::WHITE,
                    );
                }
                ImageState::Failed(message) => {
                    painter.rect(image_rect, 4.0, palette.code_bg, Stroke::new(1.0, palette.rule), StrokeKind::Inside);
                    painter.text(
                        image_rect.center(),
                        Align2::CENTER_CENTER,
                        format!("🖼  {message}"),
                        FontId::proportional(body * 0.8),
                        palette.muted,
                    );
                }
            }
        }
    }
    if let Some(marker) = &layout.marker {
        painter.galley(marker_rect(marker, content).min, marker.clone(), palette.muted);
    }
    for piece in &layout.pieces {
        painter.galley(content.min + piece.offset, piece.galley.clone(), palette.text);
    }
}
