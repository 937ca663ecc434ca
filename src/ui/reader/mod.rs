//! The reader: draws the case from the document model, laying out only the visible blocks.
//!
//! The scroll position is a block and an offset into it, not a pixel offset from the top, so
//! the view never jumps when the estimated heights of blocks above it are refined, and opening
//! a case of a million words lays out one screenful.

mod heights;
pub mod images;
pub mod layout;
pub mod marks;

use std::collections::HashMap;
use std::ops::Range;

use egui::{Align2, Color32, CursorIcon, FontId, Pos2, Rect, Sense, Stroke, StrokeKind, Ui, pos2, vec2};
use serde::{Deserialize, Serialize};

use self::heights::Heights;
use self::images::{ImageCache, ImageState};
use self::layout::{BlockLayout, Decoration, Highlights, LayoutKey};
use self::marks::{Marks, range_rects};
use super::command::Command;
use super::theme::{Palette, size};
use crate::case::Case;
use crate::case::document::{BlockKind, ListMarker};
use crate::notes::Color;

/// Where the reader is scrolled to: the block at the top of the view and how far into it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ScrollPos {
    pub block: usize,
    pub offset_pt: f32,
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
    /// The highlight colours with their names, for the toolbar by a selection; empty when the
    /// layer can't be changed.
    pub colors: &'a [(Color, String)],
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

enum Target {
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
    pub fn reveal(&mut self, doc: &crate::case::Document, offset: usize, now_secs: f64) {
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
    pub fn ui(&mut self, ui: &mut Ui, input: &ReaderInput<'_>) -> Vec<Command> {
        self.frame += 1;
        self.blocks_laid_out_last_frame = 0;
        let mut commands = Vec::new();
        let ctx = ui.ctx().clone();
        let rect = ui.available_rect_before_wrap();
        let bg = ui.allocate_rect(rect, Sense::click_and_drag());
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

        if let Some(target) = self.target.take() {
            self.apply_target(&ctx, input, target);
        }

        // Scrolling: the wheel over the reader, and the keys when nothing else has focus.
        let mut delta = 0.0;
        if bg.hovered() || ui.rect_contains_pointer(rect) {
            delta -= ui.input(|i| i.smooth_scroll_delta.y);
        }
        let typing = ctx.text_edit_focused();
        if !typing && input.keys {
            let page = rect.height() * 0.9;
            let line = body * size::LINE_HEIGHT * 2.0;
            ui.input(|i| {
                if i.key_pressed(egui::Key::PageDown) || (i.key_pressed(egui::Key::Space) && !i.modifiers.shift) {
                    delta += page;
                }
                if i.key_pressed(egui::Key::PageUp) || (i.key_pressed(egui::Key::Space) && i.modifiers.shift) {
                    delta -= page;
                }
                if i.key_pressed(egui::Key::ArrowDown) {
                    delta += line;
                }
                if i.key_pressed(egui::Key::ArrowUp) {
                    delta -= line;
                }
            });
            if ui.input(|i| i.key_pressed(egui::Key::Home)) {
                self.pos = ScrollPos::default();
            }
            if ui.input(|i| i.key_pressed(egui::Key::End)) {
                let last = doc.blocks.len() - 1;
                // The bottom of the last block; normalising pulls it up to the bottom of the view.
                self.pos = ScrollPos { block: last, offset_pt: self.ensure(&ctx, input, last) };
            }
        }
        self.scroll_by(&ctx, input, delta);

        let column_left = (rect.center().x - SCROLLBAR_W_PT / 2.0 - column_width_pt / 2.0).round();
        let painter = ui.painter().with_clip_rect(rect);
        let pointer = ui.input(|i| i.pointer.hover_pos()).filter(|p| rect.contains(*p));
        let now = ui.input(|i| i.time);
        let selection = self.selection();
        let mut visible: Vec<(usize, Rect)> = Vec::new();
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
                let active = layout.marker.as_ref().map_or(content, |m| content.union(marker_rect(m, content)));
                // Blocks partly scrolled out of view must not take the pointer from the bars around.
                let response = ui.interact(active.intersect(rect), ui.scope_id().with(("block", i)), Sense::hover());
                let problem = match (&doc.blocks[i].kind, &layout.decoration) {
                    (BlockKind::Image { image }, Decoration::Image { width_pt, .. }) => {
                        match self.images.get(input.case, *image, (width_pt * 2.0) as u32) {
                            ImageState::Failed(message) => Some(message.clone()),
                            ImageState::Ready { .. } => None,
                        }
                    }
                    _ => None,
                };
                response.widget_info(|| {
                    let text = doc.block_text(i);
                    let label = problem.as_ref().map_or_else(|| text.to_owned(), |p| format!("{text} ({p})"));
                    egui::WidgetInfo::labeled(egui::Role::Label, true, label)
                });
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
        if let Some(c) = self.toolbar_ui(ui, rect, &visible, input) {
            commands.push(c);
        }
        self.scrollbar_ui(ui, rect, input, &ctx);
        self.evict();
        commands
    }

    /// The byte offset of the text nearest a point, among the visible blocks.
    fn offset_near(&self, visible: &[(usize, Rect)], doc: &crate::case::Document, p: Pos2) -> Option<usize> {
        let (i, content) = visible.iter().find(|(_, c)| p.y < c.bottom()).or(visible.last()).copied()?;
        let layout = &self.cache.get(&i)?.layout;
        Some(offset_at(layout, content, p, &doc.blocks[i]))
    }

    /// Selecting with the pointer, following links and footnotes, picking highlights.
    fn pointer_ui(
        &mut self,
        ui: &Ui,
        bg: &egui::Response,
        rect: Rect,
        visible: &[(usize, Rect)],
        hovered: Option<Hovered>,
        input: &ReaderInput<'_>,
    ) -> Vec<Command> {
        let doc = &input.case.doc;
        let mut commands = Vec::new();
        let (hovered_response, hit, hovered_offset, under) = match hovered {
            Some(h) => (Some(h.response), h.hit, Some(h.caret), h.under),
            None => (None, None, None, None),
        };
        let mark = under.and_then(|o| input.marks.at(o));
        let shared = under.and_then(|o| input.shared_marks.and_then(|m| m.at(o)));
        let date_link = under.filter(|&o| {
            let i = input.date_links.partition_point(|r| r.end <= o);
            input.date_links.get(i).is_some_and(|r| r.start <= o)
        });
        if let Some(response) = &hovered_response {
            if let Some(hit) = &hit {
                hit_hover_ui(ui, response, hit, doc);
            } else if let Some(mark) = mark.filter(|m| !m.note.is_empty()) {
                response.clone().on_hover_text_at_pointer(&mark.note);
            } else if let Some(mark) = shared {
                let note = if mark.note.is_empty() { "Highlighted by your instructor" } else { &mark.note };
                response.clone().on_hover_text_at_pointer(format!("Instructor: {note}"));
            } else if date_link.is_some() {
                ui.ctx().set_cursor_icon(CursorIcon::PointingHand);
                response.clone().on_hover_text_at_pointer("Show on the timeline");
            }
        }
        if bg.drag_started_by(egui::PointerButton::Primary)
            && let Some(origin) = ui.input(|i| i.pointer.press_origin())
        {
            let at = self.offset_near(visible, doc, origin);
            self.selection = at.map(|o| (o, o));
        }
        self.selecting = bg.dragged_by(egui::PointerButton::Primary);
        if self.selecting
            && let Some(p) = ui.input(|i| i.pointer.interact_pos())
        {
            // Dragging past the top or bottom scrolls, so a selection can span screens.
            let edge = 24.0;
            let speed = if p.y < rect.top() + edge {
                -(rect.top() + edge - p.y)
            } else if p.y > rect.bottom() - edge {
                p.y - (rect.bottom() - edge)
            } else {
                0.0
            };
            if speed != 0.0 {
                self.scroll_by(ui.ctx(), input, speed.clamp(-40.0, 40.0));
                ui.ctx().request_repaint();
            }
            if let (Some((anchor, _)), Some(head)) = (self.selection, self.offset_near(visible, doc, p)) {
                self.selection = Some((anchor, head));
            }
        }
        if bg.double_clicked()
            && let Some(offset) = hovered_offset
        {
            let word = word_at(&doc.text, offset);
            self.selection = Some((word.start, word.end));
        } else if bg.clicked() {
            let shift = ui.input(|i| i.modifiers.shift);
            match (hit, mark, hovered_offset) {
                (Some(hit), _, _) => commands.extend(hit_target(&hit, doc)),
                (None, _, Some(offset)) if shift => {
                    let anchor = self.selection.map_or(offset, |(a, _)| a);
                    self.selection = Some((anchor, offset));
                }
                (None, Some(mark), _) => {
                    self.selection = None;
                    commands.push(Command::SelectAnnotation(Some(mark.id.clone())));
                }
                (None, None, _) if date_link.is_some() => {
                    self.selection = None;
                    commands.extend(date_link.map(Command::EventAtText));
                }
                _ => self.selection = None,
            }
        }
        if let Some(range) = self.selection()
            && !ui.ctx().text_edit_focused()
            && ui.input(|i| i.events.iter().any(|e| matches!(e, egui::Event::Copy)))
        {
            ui.ctx().copy_text(doc.text[range].to_owned());
        }
        commands
    }

    /// The highlight colours by a selection: one click marks the passage.
    fn toolbar_ui(
        &mut self,
        ui: &Ui,
        rect: Rect,
        visible: &[(usize, Rect)],
        input: &ReaderInput<'_>,
    ) -> Option<Command> {
        let Some(range) = self.selection() else {
            // What was typed for the last selection does not carry over to the next one.
            self.toolbar_tags.clear();
            self.toolbar_private = false;
            return None;
        };
        if input.colors.is_empty() || self.selecting {
            return None;
        }
        let doc = &input.case.doc;
        // Below the last line of the selection that is in view.
        let end_block = doc.block_at(range.end.saturating_sub(1))?;
        let (_, content) = visible.iter().rev().find(|(i, _)| *i <= end_block)?;
        let layout = &self.cache.get(&visible.iter().rev().find(|(i, _)| *i <= end_block)?.0)?.layout;
        let bottom = layout
            .pieces
            .iter()
            .flat_map(|p| range_rects(&p.galley, p.text_start, content.min + p.offset, &range))
            .map(|r| r.bottom())
            .fold(content.top(), f32::max);
        let at = pos2(content.left(), (bottom + 6.0).min(rect.bottom() - 48.0));
        let mut chosen: Option<(Color, bool)> = None;
        let (tags_text, private) = (&mut self.toolbar_tags, &mut self.toolbar_private);
        let area =
            egui::Area::new(ui.scope_id().with("selection-toolbar")).order(egui::Order::Foreground).fixed_pos(at);
        area.show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.horizontal(|ui| {
                    for (color, name) in input.colors {
                        let mut job = egui::text::LayoutJob::default();
                        let format = |color| egui::TextFormat {
                            color,
                            font_id: egui::TextStyle::Button.resolve(ui.style()),
                            ..Default::default()
                        };
                        job.append("● ", 0.0, format(input.palette.mark_swatch(*color)));
                        job.append(name, 0.0, format(ui.visuals().text_color()));
                        if ui.add(egui::Button::new(job)).on_hover_text(format!("Highlight as {name}")).clicked() {
                            chosen = Some((*color, false));
                        }
                    }
                    ui.separator();
                    if ui.button("Note…").on_hover_text("Highlight and write a note").clicked() {
                        chosen = Some((input.colors[0].0, true));
                    }
                });
                ui.horizontal(|ui| {
                    ui.label("Tags");
                    let field =
                        egui::TextEdit::singleline(tags_text).hint_text("comma, separated").desired_width(200.0);
                    ui.add(field.id_salt("toolbar-tags"));
                    ui.checkbox(private, "Private").on_hover_text("Only for you: never for students or the projector");
                });
            });
        });
        let (color, note) = chosen?;
        let tags = self.toolbar_tags.split(',').map(|t| t.trim().to_owned()).filter(|t| !t.is_empty()).collect();
        let private = std::mem::take(&mut self.toolbar_private);
        self.toolbar_tags.clear();
        self.selection = None;
        Some(Command::Annotate { range, color, note, tags, private })
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

/// Shows what a link or footnote under the pointer leads to.
fn hit_hover_ui(ui: &Ui, response: &egui::Response, hit: &Hit, doc: &crate::case::Document) {
    ui.ctx().set_cursor_icon(CursorIcon::PointingHand);
    let hover = match hit {
        Hit::Link(url) => format!("{url}\nClick to open"),
        Hit::FootnoteRef(n) => {
            let footnote = &doc.footnotes[*n as usize];
            footnote
                .definition
                .map(|b| doc.block_text(b).to_owned())
                .unwrap_or_else(|| format!("Footnote [^{}] is not defined", footnote.label))
        }
        Hit::FootnoteBack(_) => "Back to the reference".to_owned(),
    };
    response.clone().on_hover_text_at_pointer(hover);
}

/// Where a click on a link or footnote leads.
fn hit_target(hit: &Hit, doc: &crate::case::Document) -> Option<Command> {
    match hit {
        Hit::Link(url) => {
            let internal = url.strip_prefix('#').and_then(|anchor| doc.heading_by_anchor(anchor));
            Some(internal.map_or_else(|| Command::OpenLink(url.clone()), Command::GoToBlock))
        }
        Hit::FootnoteRef(n) => doc.footnotes[*n as usize].definition.map(Command::GoToBlock),
        Hit::FootnoteBack(n) => doc.footnotes[*n as usize].first_reference.map(Command::GoToBlock),
    }
}

/// The word around a byte offset: letters, digits and joining marks.
fn word_at(text: &str, offset: usize) -> Range<usize> {
    let is_word = |c: char| c.is_alphanumeric() || c == '\'' || c == '’' || c == '-';
    let offset = offset.min(text.len());
    let start = text[..offset].char_indices().rev().take_while(|(_, c)| is_word(*c)).last().map_or(offset, |(i, _)| i);
    let end = text[offset..].char_indices().find(|(_, c)| !is_word(*c)).map_or(text.len(), |(i, _)| offset + i);
    start..end
}

/// The byte offset of the text at a point in a laid-out block: before it above, after it
/// below, and the nearest character within.
fn offset_at(layout: &BlockLayout, content: Rect, p: Pos2, block: &crate::case::Block) -> usize {
    if p.y < content.top() {
        return block.text.start;
    }
    if p.y > content.bottom() {
        return block.text.end;
    }
    let nearest = layout.pieces.iter().min_by(|a, b| {
        let distance = |piece: &layout::TextPiece| {
            Rect::from_min_size(content.min + piece.offset, piece.galley.size()).distance_sq_to_pos(p)
        };
        distance(a).total_cmp(&distance(b))
    });
    let Some(piece) = nearest else { return block.text.start };
    let cursor = piece.galley.cursor_from_pos(p - (content.min + piece.offset));
    let text = &piece.galley.job.text;
    let byte = text.char_indices().nth(cursor.index.0).map_or(text.len(), |(b, _)| b);
    piece.text_start + byte
}

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
fn paint_marks(
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
fn marker_rect(marker: &egui::Galley, content: Rect) -> Rect {
    Rect::from_min_size(content.min - vec2(marker.size().x + 6.0, 0.0), marker.size())
}

/// What is under the pointer in the block it is over.
struct Hovered {
    response: egui::Response,
    hit: Option<Hit>,
    /// Where a click would put the caret: between characters.
    caret: usize,
    /// The character under the pointer, when it is over text.
    under: Option<usize>,
}

enum Hit {
    Link(String),
    FootnoteRef(u32),
    FootnoteBack(u32),
}

/// What lies under the pointer in a laid-out block: a link, a footnote reference or the
/// back-link of a footnote.
fn hit_test(layout: &BlockLayout, content: Rect, pointer: Pos2, case: &Case, block: usize) -> Option<Hit> {
    let doc = &case.doc;
    if let (Some(marker), Some(ListMarker::Footnote(n))) = (&layout.marker, &doc.blocks[block].marker)
        && marker_rect(marker, content).expand(2.0).contains(pointer)
    {
        return Some(Hit::FootnoteBack(n - 1));
    }
    let offset = char_under(layout, content, pointer)?;
    let run = doc.block_runs(block).iter().find(|r| r.text.start <= offset && offset < r.text.end)?;
    match (run.link, run.footnote_ref) {
        (Some(link), _) => Some(Hit::Link(doc.links[link as usize].clone())),
        (None, Some(n)) => Some(Hit::FootnoteRef(n)),
        (None, None) => None,
    }
}

/// The byte offset in the document of the character under the pointer, if it is over text.
fn char_under(layout: &BlockLayout, content: Rect, pointer: Pos2) -> Option<usize> {
    layout.pieces.iter().find_map(|piece| {
        let local = pointer - (content.min + piece.offset);
        let row = piece.galley.rows.iter().find(|r| r.rect().y_range().contains(local.y))?;
        if !row.rect().x_range().contains(local.x) {
            return None;
        }
        let cursor = piece.galley.cursor_from_pos(local);
        // The cursor falls between characters: in the left half of a glyph it is before it.
        let glyph_left = piece.galley.pos_from_cursor(cursor).left();
        let index = if local.x < glyph_left { cursor.index.0.saturating_sub(1) } else { cursor.index.0 };
        let text = &piece.galley.job.text;
        let byte = text.char_indices().nth(index).map_or(text.len(), |(b, _)| b);
        Some(piece.text_start + byte)
    })
}

#[allow(clippy::too_many_arguments)]
fn paint_block(
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
