//! Caret browsing (F7): a caret in the text, moved by the keys as in a browser, with Shift to
//! select, so that a keyboard alone can read, select and highlight a passage.
//!
//! The caret is a byte offset of `Document::text`. Moves by character and word work on the
//! text alone; moves by line use the laid-out rows of the blocks, so Up and Down keep the
//! column as the eye sees it.

use std::ops::Range;

use casebook_core::case::Document;
use egui::text::CCursor;
use egui::{Key, Modifiers};

use super::{Reader, ReaderInput};
use crate::ui::actions::{self, Action};

/// Letters, digits and the marks that join a word ("don't", "Moscow–Pyongyang" is two).
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\'' || c == '’' || c == '-' || c == '_'
}

/// The word around a byte offset.
pub(super) fn word_at(text: &str, offset: usize) -> Range<usize> {
    let offset = floor_char(text, offset.min(text.len()));
    let start =
        text[..offset].char_indices().rev().take_while(|(_, c)| is_word_char(*c)).last().map_or(offset, |(i, _)| i);
    let end = text[offset..].char_indices().find(|(_, c)| !is_word_char(*c)).map_or(text.len(), |(i, _)| offset + i);
    start..end
}

fn floor_char(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

pub(super) fn next_char(text: &str, offset: usize) -> usize {
    text[offset.min(text.len())..].chars().next().map_or(text.len(), |c| offset + c.len_utf8())
}

pub(super) fn prev_char(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].chars().next_back().map_or(0, |c| offset - c.len_utf8())
}

/// The end of the word at or after `offset` (Ctrl+Right): a word selected with Ctrl+Shift+Right
/// carries no trailing space into a highlight.
pub(super) fn next_word_end(text: &str, offset: usize) -> usize {
    let rest = &text[offset.min(text.len())..];
    let start = rest.char_indices().find(|(_, c)| is_word_char(*c)).map_or(rest.len(), |(i, _)| i);
    let end = rest[start..].char_indices().find(|(_, c)| !is_word_char(*c)).map_or(rest.len(), |(i, _)| start + i);
    offset + end
}

/// The start of the word before `offset` (Ctrl+Left).
pub(super) fn prev_word_start(text: &str, offset: usize) -> usize {
    let before = &text[..offset.min(text.len())];
    let end = before.char_indices().rev().find(|(_, c)| is_word_char(*c)).map_or(0, |(i, c)| i + c.len_utf8());
    before[..end].char_indices().rev().take_while(|(_, c)| is_word_char(*c)).last().map_or(end, |(i, _)| i)
}

/// Which way a key moves the caret.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Move {
    Left,
    Right,
    WordLeft,
    WordRight,
    Up,
    Down,
    LineStart,
    LineEnd,
    DocStart,
    DocEnd,
    PageUp,
    PageDown,
}

impl Move {
    /// The move a key stands for in caret browsing, from the table of actions; Shift selects
    /// and is not part of it.
    pub(super) fn of(key: Key, m: Modifiers) -> Option<Self> {
        let m = Modifiers { shift: false, ..m };
        let moves = [
            (Action::CaretCharacter, [Self::Left, Self::Right]),
            (Action::CaretWord, [Self::WordLeft, Self::WordRight]),
            (Action::CaretLine, [Self::Up, Self::Down]),
            (Action::CaretPage, [Self::PageUp, Self::PageDown]),
            (Action::CaretLineEnds, [Self::LineStart, Self::LineEnd]),
            (Action::CaretDocumentEnds, [Self::DocStart, Self::DocEnd]),
        ];
        moves.into_iter().find_map(|(action, [back, forth])| {
            let k = actions::info_of(action)
                .keys
                .iter()
                .position(|actions::Keys(km, kk)| *kk == key && m.matches_exact(*km))?;
            Some(if k == 0 { back } else { forth })
        })
    }
}

/// Where a caret sits in a laid-out block: the piece of text and the cursor in its galley.
struct Spot {
    block: usize,
    piece: usize,
    cursor: CCursor,
}

impl Reader {
    /// The caret's place in its block's layout, laying the block out if needed.
    fn spot(&mut self, ctx: &egui::Context, input: &ReaderInput<'_>, offset: usize) -> Option<Spot> {
        let doc = &input.case.doc;
        let block = doc.block_at(offset)?;
        self.ensure(ctx, input, block);
        let layout = &self.cache.get(&block)?.layout;
        let piece = layout.pieces.iter().rposition(|p| p.text_start <= offset).or(
            // Before the first piece (a table row's leading cell): its start.
            (!layout.pieces.is_empty()).then_some(0),
        )?;
        let p = &layout.pieces[piece];
        let end = (p.text_start + p.galley.job.text.len()).min(doc.text.len());
        let within = offset.clamp(p.text_start, end);
        let index = doc.text[p.text_start..floor_char(&doc.text, within)].chars().count();
        Some(Spot { block, piece, cursor: CCursor { index: index.into(), prefer_next_row: true } })
    }

    /// The byte offset of a spot.
    fn offset_of(&self, doc: &Document, spot: &Spot) -> Option<usize> {
        let p = self.cache.get(&spot.block)?.layout.pieces.get(spot.piece)?;
        let text = &p.galley.job.text;
        let byte = text.char_indices().nth(spot.cursor.index.0).map_or(text.len(), |(b, _)| b);
        Some((p.text_start + byte).min(doc.text.len()))
    }

    /// The x of a spot, from the content's left edge: the column Up and Down keep.
    fn x_of(&self, spot: &Spot) -> f32 {
        self.cache
            .get(&spot.block)
            .and_then(|c| c.layout.pieces.get(spot.piece))
            .map_or(0.0, |p| p.offset.x + p.galley.pos_from_cursor(spot.cursor).left())
    }

    /// One row up or down: within the piece, else into the next block with text, keeping the
    /// column. Blocks with no text (rules) are passed over.
    fn row_step(&mut self, ctx: &egui::Context, input: &ReaderInput<'_>, spot: Spot, x: f32, down: bool) -> Spot {
        let Some(layout) = self.cache.get(&spot.block).map(|c| &c.layout) else { return spot };
        let Some(p) = layout.pieces.get(spot.piece) else { return spot };
        let row = p.galley.layout_from_cursor(spot.cursor).row;
        let inside = if down { row + 1 < p.galley.rows.len() } else { row > 0 };
        if inside {
            let target = if down { row + 1 } else { row - 1 };
            let r = &p.galley.rows[target];
            let column = r.char_at(x - p.offset.x - r.pos.x);
            let before: usize = p.galley.rows[..target].iter().map(|r| r.char_count_including_newline().0).sum();
            return Spot { cursor: CCursor { index: (before + column.0).into(), prefer_next_row: true }, ..spot };
        }
        let blocks = input.case.doc.blocks.len();
        let pieces_here = layout.pieces.len();
        let mut block = spot.block;
        for _ in 0..64 {
            block = match (down, block) {
                (true, b) if b + 1 < blocks => b + 1,
                (false, b) if b > 0 => b - 1,
                _ => return spot,
            };
            self.ensure(ctx, input, block);
            let Some(layout) = self.cache.get(&block).map(|c| &c.layout) else { return spot };
            if layout.pieces.is_empty() {
                continue;
            }
            // In a table, the same column of the next row.
            let piece = if layout.pieces.len() == pieces_here {
                spot.piece
            } else if down {
                0
            } else {
                layout.pieces.len() - 1
            };
            let p = &layout.pieces[piece];
            let target = if down { 0 } else { p.galley.rows.len().saturating_sub(1) };
            let Some(r) = p.galley.rows.get(target) else { continue };
            let column = r.char_at(x - p.offset.x - r.pos.x);
            let before: usize = p.galley.rows[..target].iter().map(|r| r.char_count_including_newline().0).sum();
            return Spot { block, piece, cursor: CCursor { index: (before + column.0).into(), prefer_next_row: true } };
        }
        spot
    }

    /// Where a move takes the caret.
    pub(super) fn moved(&mut self, ctx: &egui::Context, input: &ReaderInput<'_>, from: usize, how: Move) -> usize {
        let text = &input.case.doc.text;
        match how {
            Move::Left => return prev_char(text, from),
            Move::Right => return next_char(text, from),
            Move::WordLeft => return prev_word_start(text, from),
            Move::WordRight => return next_word_end(text, from),
            Move::DocStart => return 0,
            Move::DocEnd => return text.len(),
            _ => {}
        }
        let Some(spot) = self.spot(ctx, input, from) else { return from };
        let x = self.caret_x_pt.unwrap_or_else(|| self.x_of(&spot));
        let doc = &input.case.doc;
        let to = match how {
            Move::Up | Move::Down => {
                let to = self.row_step(ctx, input, spot, x, how == Move::Down);
                self.caret_x_pt = Some(x);
                return self.offset_of(doc, &to).unwrap_or(from);
            }
            Move::PageUp | Move::PageDown => {
                let rows = (self.viewport_h_pt / (super::size::BODY_PT * input.zoom * super::size::LINE_HEIGHT))
                    .floor()
                    .max(1.0) as usize;
                let mut to = spot;
                for _ in 0..rows {
                    to = self.row_step(ctx, input, to, x, how == Move::PageDown);
                }
                self.caret_x_pt = Some(x);
                return self.offset_of(doc, &to).unwrap_or(from);
            }
            Move::LineStart | Move::LineEnd => {
                let Some(p) = self.cache.get(&spot.block).and_then(|c| c.layout.pieces.get(spot.piece)) else {
                    return from;
                };
                let cursor = if how == Move::LineStart {
                    p.galley.cursor_begin_of_row(&spot.cursor)
                } else {
                    // At the end of a wrapped row, the caret stays on that row.
                    CCursor { prefer_next_row: false, ..p.galley.cursor_end_of_row(&spot.cursor) }
                };
                Spot { cursor, ..spot }
            }
            _ => spot,
        };
        self.offset_of(doc, &to).unwrap_or(from)
    }

    /// Where the caret is drawn: a thin rect in the coordinates of the block's content.
    pub(super) fn caret_rect_in_block(&self, doc: &Document, offset: usize) -> Option<(usize, egui::Rect)> {
        let block = doc.block_at(offset)?;
        let layout = &self.cache.get(&block)?.layout;
        let p = layout.pieces.iter().rev().find(|p| p.text_start <= offset).or(layout.pieces.first())?;
        let end = p.text_start + p.galley.job.text.len();
        let within = offset.clamp(p.text_start, end.min(doc.text.len()));
        let index = doc.text[p.text_start..floor_char(&doc.text, within)].chars().count();
        let cursor = CCursor { index: index.into(), prefer_next_row: true };
        Some((block, p.galley.pos_from_cursor(cursor).translate(p.offset)))
    }
}

impl Reader {
    /// The keys of the reader while it has the keyboard: F7, the caret and selection keys,
    /// Enter or Shift+F10 for the highlight toolbar, Enter on a link, Esc.
    pub(super) fn keys_ui(
        &mut self,
        ui: &egui::Ui,
        doc: &egui::Response,
        input: &ReaderInput<'_>,
    ) -> Vec<super::ReaderEvent> {
        let mut out = Vec::new();
        let ctx = ui.ctx().clone();
        if ctx.text_edit_focused() || !input.keys {
            return out;
        }
        if ui.input(|i| actions::pressed(i, Action::CaretBrowsing)) {
            out.push(super::ReaderEvent::CaretBrowsing(!input.caret_browsing));
            doc.request_focus();
            // Turning it on, the caret starts where the eyes are: at the top of the view.
            if !input.caret_browsing && !input.case.doc.blocks.is_empty() {
                let visible = self.visible_text.clone();
                if !visible.contains(&self.caret) {
                    self.caret = input.case.doc.blocks[self.pos.block.min(input.case.doc.blocks.len() - 1)].text.start;
                    self.selection = None;
                }
            }
        }
        if !doc.has_focus() {
            return out;
        }
        // Arrows move the caret (or scroll), not the keyboard focus to a neighbouring button.
        ui.memory_mut(|m| {
            let filter = egui::EventFilter {
                horizontal_arrows: input.caret_browsing,
                vertical_arrows: true,
                escape: self.selection.is_some(),
                tab: false,
            };
            m.set_focus_lock_filter(doc.id, filter);
        });
        let keys: Vec<(Key, Modifiers)> = ui.input(|i| {
            i.events
                .iter()
                .filter_map(|e| match e {
                    egui::Event::Key { key, pressed: true, modifiers, .. } => Some((*key, *modifiers)),
                    _ => None,
                })
                .collect()
        });
        for (key, m) in keys {
            if input.caret_browsing
                && let Some(how) = Move::of(key, m)
            {
                if !matches!(how, Move::Up | Move::Down | Move::PageUp | Move::PageDown) {
                    self.caret_x_pt = None;
                }
                let from = self.caret;
                let to = self.moved(&ctx, input, from, how);
                self.selection = if m.shift { Some((self.selection.map_or(from, |(a, _)| a), to)) } else { None };
                self.caret = to;
                self.reveal_caret = true;
            }
        }
        let selected = self.selection().is_some();
        if ui.input(|i| actions::pressed(i, Action::AnnotateSelection)) {
            if selected && !input.colors.is_empty() && input.editable {
                self.focus_toolbar = true;
            } else if let Some(event) = self.link_at_caret(input) {
                out.push(event);
            }
        }
        if selected && ui.input(|i| actions::pressed(i, Action::ClearSelection)) {
            self.selection = None;
        }
        out
    }

    /// Enter on a link or a footnote reference follows it, as a click does.
    fn link_at_caret(&self, input: &ReaderInput<'_>) -> Option<super::ReaderEvent> {
        let doc = &input.case.doc;
        let block = doc.block_at(self.caret)?;
        let at = doc.runs[doc.blocks[block].runs.clone()]
            .iter()
            .position(|r| r.text.start <= self.caret && self.caret < r.text.end)
            .map(|k| doc.blocks[block].runs.start + k)?;
        super::pointer::run_target(doc, at)
    }

    /// Draws the caret where it is in view: while caret browsing is on and the reader has the
    /// keyboard.
    pub(super) fn paint_caret(
        &self,
        painter: &egui::Painter,
        input: &ReaderInput<'_>,
        visible: &[(usize, egui::Rect)],
    ) {
        if !input.caret_browsing {
            return;
        }
        let Some((block, line)) = self.caret_rect_in_block(&input.case.doc, self.caret) else { return };
        let Some((_, content)) = visible.iter().find(|(i, _)| *i == block) else { return };
        let line = line.translate(content.min.to_vec2());
        let stroke = egui::Stroke::new(2.0, input.palette.text);
        painter.line_segment([line.left_top(), line.left_bottom()], stroke);
    }

    /// Scrolls so the caret's line is in view, with a line to spare above and below.
    pub(super) fn scroll_to_caret(&mut self, ctx: &egui::Context, input: &ReaderInput<'_>) {
        let doc = &input.case.doc;
        let Some(block) = doc.block_at(self.caret) else { return };
        self.ensure(ctx, input, block);
        let Some((_, line)) = self.caret_rect_in_block(doc, self.caret) else { return };
        let space = self.cache.get(&block).map_or(0.0, |c| c.layout.space_before_pt);
        let margin = super::size::BODY_PT * input.zoom * super::size::LINE_HEIGHT;
        let (top, bottom) = (space + line.top(), space + line.bottom());
        if block < self.pos.block || (block == self.pos.block && top < self.pos.offset_pt + margin) {
            self.pos = super::ScrollPos { block, offset_pt: top - margin };
            self.normalize(ctx, input);
            return;
        }
        // Down from the top of the view to the caret's block, a few screens at most.
        let mut y = -self.pos.offset_pt;
        let mut i = self.pos.block;
        while i < block && y < 3.0 * self.viewport_h_pt {
            y += self.ensure(ctx, input, i);
            i += 1;
        }
        if i < block {
            self.target = Some(super::Target::Text(self.caret));
        } else if y + bottom > self.viewport_h_pt - margin {
            self.scroll_by(ctx, input, y + bottom - (self.viewport_h_pt - margin));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_characters() {
        let text = "Thirteen members voted\nChina’s veto";
        assert_eq!(next_word_end(text, 0), 8);
        assert_eq!(next_word_end(text, 8), 16);
        assert_eq!(&text[next_word_end(text, 16)..], "\nChina’s veto", "to the end of 'voted'");
        assert_eq!(prev_word_start(text, 16), 9);
        assert_eq!(prev_word_start(text, 9), 0);
        assert_eq!(prev_word_start(text, 0), 0);
        let china = text.find("China").unwrap();
        assert_eq!(word_at(text, china + 2), china..china + "China’s".len());
        let veto = text.find("veto").unwrap();
        assert_eq!(prev_char(text, veto - 1), veto - 1 - 's'.len_utf8(), "back over a plain letter");
        assert_eq!(next_char(text, china + 5), china + 5 + '’'.len_utf8(), "over a curly quote whole");
        assert_eq!(next_char(text, text.len()), text.len());
        assert_eq!(next_word_end(text, text.len()), text.len());
    }
}
