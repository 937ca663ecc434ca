//! The reader: draws the case from the document model, laying out only the visible blocks.
//!
//! The scroll position is a block and an offset into it, not a pixel offset from the top, so
//! the view never jumps when the estimated heights of blocks above it are refined, and opening
//! a case of a million words lays out one screenful.

mod access;
mod caret;
mod heights;
pub mod images;
pub mod layout;
pub mod marks;
mod paint;
mod pointer;
mod runs;

use std::collections::HashMap;
use std::ops::Range;

use casebook_core::case::Case;
use casebook_core::layer::Color;
pub use casebook_core::session::ScrollPos;
use casebook_core::views::Marks;
use egui::{Align2, FontId, Rect, Sense, Ui, pos2, vec2};

use self::heights::Heights;
use self::images::ImageCache;
use self::layout::{BlockLayout, Highlights, LayoutKey};
use self::paint::{marker_rect, paint_block, paint_marks};
use self::pointer::{Hovered, char_under, hit_test, offset_at};
use super::actions::{self, Action};
use super::theme::{Palette, size};

/// What the reader reports of a frame: what the user did in it.
#[derive(Clone, Debug, PartialEq)]
pub enum ReaderEvent {
    /// Highlight a passage (a byte range of the text); `note` opens its note.
    Annotate { range: Range<usize>, color: Color, note: bool, tags: Vec<String>, private: bool },
    /// A highlight was clicked.
    SelectMark(String),
    /// A date that links to the timeline was clicked, at this byte offset.
    DateClicked(usize),
    /// A web link was clicked.
    OpenLink(String),
    /// A link inside the case (a heading, a footnote) was clicked.
    GoToBlock(usize),
    /// F7: turn caret browsing on or off.
    CaretBrowsing(bool),
}

/// What the reader draws this frame.
pub struct ReaderInput<'a> {
    pub case: &'a Case,
    pub palette: Palette,
    pub zoom: f32,
    pub highlights: Highlights<'a>,
    pub highlight_rev: u64,
    /// The annotations' passages, painted under the text.
    pub marks: &'a Marks,
    pub selected_mark: Option<&'a str>,
    /// The highlight colours with their names: for the toolbar by a selection, and to say
    /// highlights in words.
    pub colors: &'a [(Color, String)],
    /// The layer can be changed: a selection offers the highlight toolbar.
    pub editable: bool,
    /// F7: the keys move a caret in the text rather than scroll.
    pub caret_browsing: bool,
    /// Date mentions that lead to a timeline event, sorted: underlined, and a click selects the
    /// event.
    pub date_links: &'a [Range<usize>],
    /// The keys scroll the reader; false while another view (the timeline) has them.
    pub keys: bool,
    /// The instructor's shared highlights, in student mode: drawn apart from the student's own.
    pub shared_marks: Option<&'a Marks>,
}

struct Cached {
    layout: BlockLayout,
    last_used: u64,
}

pub(super) enum Target {
    /// The top of a block, just below the top of the view.
    Block(usize),
    /// A byte offset of the text, a third of the way down the view.
    Text(usize),
}

struct Flash {
    block: usize,
    until_secs: f64,
}

/// Layouts kept beyond this many are dropped when unused for a while.
const CACHE_SOFT_LIMIT: usize = 512;
const SCROLLBAR_W_PT: f32 = 12.0;
const FLASH_SECS: f64 = 1.2;

pub struct Reader {
    key: Option<LayoutKey>,
    cache: HashMap<usize, Cached>,
    heights: Heights,
    pos: ScrollPos,
    /// A jump requested by the app, applied on the next frame when the view's size is known.
    target: Option<Target>,
    images: ImageCache,
    frame: u64,
    viewport_h_pt: f32,
    flash: Option<Flash>,
    blocks_laid_out_last_frame: usize,
    /// The selection as where the drag started and where it is now, in bytes of the text.
    selection: Option<(usize, usize)>,
    /// A selection is being dragged out: its toolbar waits until the button is released.
    selecting: bool,
    /// Tags and privacy typed in the selection's toolbar, for the next highlight.
    toolbar_tags: String,
    toolbar_private: bool,
    /// The text in view last frame, as a byte range.
    visible_text: Range<usize>,
    /// Where the caret is, as a byte of the text: the end of the selection when there is one.
    caret: usize,
    /// The column Up and Down keep, from the content's left edge.
    caret_x_pt: Option<f32>,
    /// The caret moved by the keys: scroll it into view.
    reveal_caret: bool,
    /// Put the keyboard on the highlight toolbar (Enter or Shift+F10).
    focus_toolbar: bool,
    toolbar_focused: bool,
    /// The blocks that are headings, found once.
    headings: Option<Vec<usize>>,
    /// What was in the accessibility tree last frame.
    exposed: runs::Exposed,
}

impl Reader {
    pub fn new(ctx: &egui::Context, pos: ScrollPos) -> Self {
        Self {
            key: None,
            cache: HashMap::new(),
            heights: Heights::default(),
            pos,
            target: None,
            images: ImageCache::new(ctx.clone()),
            frame: 0,
            viewport_h_pt: 600.0,
            flash: None,
            blocks_laid_out_last_frame: 0,
            selection: None,
            selecting: false,
            toolbar_tags: String::new(),
            toolbar_private: false,
            visible_text: 0..0,
            caret: 0,
            caret_x_pt: None,
            reveal_caret: false,
            focus_toolbar: false,
            toolbar_focused: false,
            headings: None,
            exposed: runs::Exposed::default(),
        }
    }

    pub fn pos(&self) -> ScrollPos {
        self.pos
    }

    /// How many blocks were laid out (not taken from the cache) in the last frame.
    pub fn blocks_laid_out_last_frame(&self) -> usize {
        self.blocks_laid_out_last_frame
    }

    /// Scrolls so that `block` sits just below the top of the view, and flashes it.
    pub fn go_to(&mut self, block: usize, now_secs: f64) {
        self.target = Some(Target::Block(block));
        self.flash = Some(Flash { block, until_secs: now_secs + FLASH_SECS });
    }

    /// Flashes a block, to show where a jump landed.
    pub fn flash(&mut self, block: usize, now_secs: f64) {
        self.flash = Some(Flash { block, until_secs: now_secs + FLASH_SECS });
    }

    /// Scrolls to a passage that starts at `offset` and flashes its block, to show where a jump
    /// from elsewhere (a note, an event, a question) landed.
    pub fn reveal(&mut self, doc: &casebook_core::case::Document, offset: usize, now_secs: f64) {
        self.go_to_text(offset);
        if let Some(block) = doc.block_at(offset) {
            self.flash(block, now_secs);
        }
    }

    /// Scrolls so that the line holding a byte offset of the text is in view, a third of the
    /// way down (for find).
    pub fn go_to_text(&mut self, offset: usize) {
        self.target = Some(Target::Text(offset));
    }

    /// The selected text, as a byte range of the document text, if any.
    pub fn selection(&self) -> Option<Range<usize>> {
        let (a, b) = self.selection?;
        (a != b).then(|| a.min(b)..a.max(b))
    }

    pub fn clear_selection(&mut self) {
        self.selection = None;
    }

    /// The caret, as a byte offset of the text.
    pub fn caret(&self) -> usize {
        self.caret
    }

    /// The text in view, as a byte range of the document text.
    pub fn visible_text(&self) -> Range<usize> {
        self.visible_text.clone()
    }

    /// The top block in view, for the outline's current section.
    pub fn top_block(&self) -> usize {
        self.pos.block
    }

    fn apply_target(&mut self, ctx: &egui::Context, input: &ReaderInput<'_>, target: Target) {
        let body = self.key.map_or(size::BODY_PT, |k| k.body_pt());
        let (block, within, margin) = match target {
            Target::Block(block) => (block, 0.0, body),
            Target::Text(offset) => {
                let Some(block) = input.case.doc.block_at(offset) else { return };
                self.ensure(ctx, input, block);
                let within = self.cache.get(&block).map_or(0.0, |c| {
                    let piece = c.layout.pieces.iter().rev().find(|p| p.text_start <= offset);
                    piece.map_or(0.0, |p| {
                        let text = &input.case.doc.text[p.text_start..offset.max(p.text_start)];
                        let cursor = egui::text::CCursor::new(text.chars().count());
                        c.layout.space_before_pt + p.offset.y + p.galley.pos_from_cursor(cursor).top()
                    })
                });
                (block, within, self.viewport_h_pt / 3.0)
            }
        };
        self.pos = ScrollPos { block, offset_pt: within - margin };
        self.normalize(ctx, input);
    }

    fn update_key(&mut self, ctx: &egui::Context, input: &ReaderInput<'_>, key: LayoutKey) {
        let blocks = input.case.doc.blocks.len();
        if self.key == Some(key) && self.heights.len() == blocks {
            return;
        }
        let geometry_changed = self.heights.len() != blocks
            || self.key.is_none_or(|old| old.column_width_pt != key.column_width_pt || old.zoom != key.zoom);
        let old_top_height = self.heights.get(self.pos.block);
        if geometry_changed {
            let doc = &input.case.doc;
            self.heights.reset((0..blocks).map(|i| layout::estimate_height(doc, i, &key)));
        }
        self.cache.clear();
        self.key = Some(key);
        // Keep the same fraction of the top block in view when its height changes with the zoom
        // or the width, so the text under the reader's eyes stays put.
        if geometry_changed && self.pos.block < blocks && old_top_height > 0.0 {
            let new_top_height = self.ensure(ctx, input, self.pos.block);
            self.pos.offset_pt *= new_top_height / old_top_height;
        }
    }

    fn ensure(&mut self, ctx: &egui::Context, input: &ReaderInput<'_>, i: usize) -> f32 {
        let frame = self.frame;
        if let Some(c) = self.cache.get_mut(&i) {
            c.last_used = frame;
            return c.layout.height_pt();
        }
        let Some(key) = self.key else { return 0.0 };
        let mut lay = |job| ctx.fonts_mut(|f| f.layout_job(job));
        let layout = layout::layout_block(input.case, i, &key, input.highlights, &mut self.images, &mut lay);
        let h = layout.height_pt();
        self.heights.set_measured(i, h);
        self.cache.insert(i, Cached { layout, last_used: frame });
        self.blocks_laid_out_last_frame += 1;
        h
    }

    /// Moves the position by `delta_pt` (down is positive), walking block by block.
    fn scroll_by(&mut self, ctx: &egui::Context, input: &ReaderInput<'_>, delta_pt: f32) {
        self.pos.offset_pt += delta_pt;
        self.normalize(ctx, input);
    }

    fn normalize(&mut self, ctx: &egui::Context, input: &ReaderInput<'_>) {
        let n = input.case.doc.blocks.len();
        if n == 0 {
            self.pos = ScrollPos::default();
            return;
        }
        self.pos.block = self.pos.block.min(n - 1);
        self.walk_back(ctx, input);
        loop {
            let h = self.ensure(ctx, input, self.pos.block);
            if self.pos.offset_pt < h || self.pos.block + 1 >= n {
                break;
            }
            self.pos.offset_pt -= h;
            self.pos.block += 1;
        }
        // Don't scroll past the end: the last block's bottom stays at the bottom of the view.
        let bottom_pad = 2.0 * self.key.map_or(size::BODY_PT, |k| k.body_pt());
        let mut below = -self.pos.offset_pt;
        let mut i = self.pos.block;
        while i < n && below < self.viewport_h_pt {
            below += self.ensure(ctx, input, i);
            i += 1;
        }
        let missing = self.viewport_h_pt - bottom_pad - below;
        if i == n && missing > 0.0 && (self.pos.block > 0 || self.pos.offset_pt > 0.0) {
            self.pos.offset_pt -= missing;
            self.walk_back(ctx, input);
        }
    }

    /// While the offset is above the top block, moves up a block; stops at the very top.
    fn walk_back(&mut self, ctx: &egui::Context, input: &ReaderInput<'_>) {
        while self.pos.offset_pt < 0.0 && self.pos.block > 0 {
            self.pos.block -= 1;
            self.pos.offset_pt += self.ensure(ctx, input, self.pos.block);
        }
        self.pos.offset_pt = self.pos.offset_pt.max(0.0);
    }

    /// Draws the reader into the whole of `ui`'s available space.
    pub fn ui(&mut self, ui: &mut Ui, input: &ReaderInput<'_>) -> Vec<ReaderEvent> {
        self.frame += 1;
        self.blocks_laid_out_last_frame = 0;
        let mut commands = Vec::new();
        let ctx = ui.ctx().clone();
        let rect = ui.available_rect_before_wrap();
        // The text as one document: the keyboard reaches it with Tab, and a screen reader
        // finds its headings, text and caret under it (`access.rs`).
        let doc_id = ui.scope_id().with("reader-document");
        ui.advance_cursor_after_rect(rect);
        let bg = ui.interact(rect, doc_id, Sense::click_and_drag());
        bg.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Document, true, input.case.title()));
        ui.painter().rect_filled(rect, 0.0, input.palette.page);
        self.viewport_h_pt = rect.height();

        let body = size::BODY_PT * input.zoom;
        let margin = 1.5 * body;
        let column_width_pt =
            (size::MEASURE_EM * body).min(rect.width() - 2.0 * margin - SCROLLBAR_W_PT).max(120.0).round();
        self.update_key(
            &ctx,
            input,
            LayoutKey { column_width_pt, zoom: input.zoom, palette: input.palette, highlight_rev: input.highlight_rev },
        );
        let doc = &input.case.doc;
        if doc.blocks.is_empty() {
            ui.painter().text(
                rect.center(),
                Align2::CENTER_CENTER,
                "This case has no text yet.",
                FontId::proportional(body),
                input.palette.muted,
            );
            return commands;
        }

        commands.extend(self.asked_ui(ui, &bg, input));
        commands.extend(self.keys_ui(ui, &bg, input));
        if let Some(target) = self.target.take() {
            self.apply_target(&ctx, input, target);
        }

        // Scrolling: the wheel over the reader, and the keys when nothing else has focus.
        let mut delta = 0.0;
        if bg.hovered() || ui.rect_contains_pointer(rect) {
            delta -= ui.input(|i| i.smooth_scroll_delta.y);
        }
        let typing = ctx.text_edit_focused();
        let caret_keys = input.caret_browsing && bg.has_focus();
        if !typing && input.keys && !caret_keys {
            let page = rect.height() * 0.9;
            let line = body * size::LINE_HEIGHT * 2.0;
            ui.input(|i| {
                if actions::pressed(i, Action::PageDown) {
                    delta += page;
                }
                if actions::pressed(i, Action::PageUp) {
                    delta -= page;
                }
                if actions::pressed(i, Action::LineDown) {
                    delta += line;
                }
                if actions::pressed(i, Action::LineUp) {
                    delta -= line;
                }
            });
            if ui.input(|i| actions::pressed(i, Action::Top)) {
                self.pos = ScrollPos::default();
            }
            if ui.input(|i| actions::pressed(i, Action::Bottom)) {
                let last = doc.blocks.len() - 1;
                // The bottom of the last block; normalising pulls it up to the bottom of the view.
                self.pos = ScrollPos { block: last, offset_pt: self.ensure(&ctx, input, last) };
            }
        }
        self.scroll_by(&ctx, input, delta);
        if std::mem::take(&mut self.reveal_caret) {
            self.scroll_to_caret(&ctx, input);
            if let Some(target) = self.target.take() {
                self.apply_target(&ctx, input, target);
            }
        }

        let column_left = (rect.center().x - SCROLLBAR_W_PT / 2.0 - column_width_pt / 2.0).round();
        let painter = ui.painter().with_clip_rect(rect);
        let pointer = ui.input(|i| i.pointer.hover_pos()).filter(|p| rect.contains(*p));
        let now = ui.input(|i| i.time);
        let selection = self.selection();
        let mut visible: Vec<(usize, Rect)> = Vec::new();
        // Where each block on screen is, with its list marker, for the accessibility tree.
        let mut node_rects: Vec<(usize, Rect)> = Vec::new();
        let mut hovered: Option<Hovered> = None;
        let mut y = rect.top() - self.pos.offset_pt;
        let mut i = self.pos.block;
        while i < doc.blocks.len() && y < rect.bottom() {
            let h = self.ensure(&ctx, input, i);
            let origin = pos2(column_left, y);
            if let Some(cached) = self.cache.get(&i) {
                let layout = &cached.layout;
                let content = Rect::from_min_size(
                    origin + vec2(layout.indent_pt, layout.space_before_pt),
                    vec2(column_width_pt - layout.indent_pt, layout.content_height_pt),
                );
                if let Some(flash) = self.flash.as_ref().filter(|f| f.block == i && now < f.until_secs) {
                    let fade = ((flash.until_secs - now) / FLASH_SECS) as f32;
                    painter.rect_filled(content.expand(4.0), 4.0, input.palette.find.gamma_multiply(0.6 * fade));
                    ctx.request_repaint();
                }
                paint_marks(&painter, layout, content, input, doc.blocks[i].text.clone(), selection.as_ref());
                paint_block(&painter, layout, origin, content, input, i, column_width_pt, &mut self.images);
                self.paint_page_numbers(&painter, doc, i, content, column_left - body, body, input.palette.muted);
                let active = layout.marker.as_ref().map_or(content, |m| content.union(marker_rect(m, content)));
                // Blocks partly scrolled out of view must not take the pointer from the bars around.
                let response = ui.interact(active.intersect(rect), ui.scope_id().with(("block", i)), Sense::hover());
                node_rects.push((i, active.intersect(rect)));
                if let Some(p) = pointer.filter(|p| active.contains(*p)) {
                    let hit = hit_test(layout, content, p, input.case, i);
                    let caret = offset_at(layout, content, p, &doc.blocks[i]);
                    hovered = Some(Hovered { response, hit, caret, under: char_under(layout, content, p) });
                }
                visible.push((i, content));
            }
            y += h;
            i += 1;
        }
        if self.flash.as_ref().is_some_and(|f| now >= f.until_secs) {
            self.flash = None;
        }
        if let (Some((first, _)), Some((last, _))) = (visible.first(), visible.last()) {
            self.visible_text = doc.blocks[*first].text.start..doc.blocks[*last].text.end;
        }
        commands.extend(self.pointer_ui(ui, &bg, rect, &visible, hovered, input));
        if bg.has_focus() {
            self.paint_caret(&painter, input, &visible);
            crate::ui::accessibility::focus_ring(&painter, rect, input.palette.accent);
        }
        commands.extend(self.toolbar_ui(ui, rect, &visible, input, doc_id));
        self.scrollbar_ui(ui, rect, input, &ctx);
        self.expose(&ctx, input, doc_id, rect, &node_rects);
        self.evict();
        commands
    }

    fn scrollbar_ui(&mut self, ui: &Ui, rect: Rect, input: &ReaderInput<'_>, ctx: &egui::Context) {
        let total = self.heights.total_pt().max(1.0);
        if total <= rect.height() {
            return;
        }
        let track = Rect::from_min_max(pos2(rect.right() - SCROLLBAR_W_PT, rect.top()), rect.right_bottom());
        let top = self.heights.top_of(self.pos.block) + self.pos.offset_pt;
        // Not `clamp`: a very short reader may have a track shorter than the smallest thumb.
        let thumb_h = (rect.height() / total * track.height()).max(32.0).min(track.height());
        let travel = (track.height() - thumb_h).max(1.0);
        let scrollable = (total - rect.height()).max(1.0);
        let thumb_top = track.top() + (top / scrollable).clamp(0.0, 1.0) * travel;
        let response = ui.interact(track, ui.scope_id().with("scrollbar"), Sense::click_and_drag());
        // Tab stops on it too: said with where the reading is, in words.
        let percent = ((top / scrollable).clamp(0.0, 1.0) * 100.0).round();
        response.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::ScrollBar, true, format!("Position in the case, {percent}%"))
        });
        if let Some(p) = response.interact_pointer_pos().filter(|_| response.dragged() || response.clicked()) {
            let fraction = ((p.y - track.top() - thumb_h / 2.0) / travel).clamp(0.0, 1.0);
            let (block, within) = self.heights.locate(fraction * scrollable);
            self.pos = ScrollPos { block, offset_pt: within };
            self.normalize(ctx, input);
        }
        let active = response.hovered() || response.dragged();
        let color = input.palette.muted.gamma_multiply(if active { 0.8 } else { 0.45 });
        let thumb = Rect::from_min_size(pos2(track.left() + 3.0, thumb_top), vec2(SCROLLBAR_W_PT - 6.0, thumb_h));
        ui.painter().rect_filled(thumb, 3.0, color);
    }

    fn evict(&mut self) {
        if self.cache.len() > CACHE_SOFT_LIMIT {
            let frame = self.frame;
            self.cache.retain(|_, c| frame - c.last_used < 120);
        }
    }
}

impl Reader {
    /// The pages of the original document that begin in a block, as "p. 12" in the margin
    /// beside the line where each begins.
    #[allow(clippy::too_many_arguments)]
    fn paint_page_numbers(
        &self,
        painter: &egui::Painter,
        doc: &casebook_core::case::Document,
        block: usize,
        content: Rect,
        right_x: f32,
        body_pt: f32,
        color: egui::Color32,
    ) {
        let range = doc.blocks[block].text.clone();
        let first = doc.pages.partition_point(|p| p.offset < range.start);
        for start in doc.pages[first..].iter().take_while(|p| p.offset <= range.end) {
            let top =
                self.caret_rect_in_block(doc, start.offset).map_or(content.top(), |(_, r)| content.top() + r.top());
            painter.text(
                pos2(right_x, top),
                Align2::RIGHT_TOP,
                format!("p. {}", start.page),
                FontId::proportional(body_pt * 0.75),
                color,
            );
        }
    }
}
