//! The pointer over the reader: selecting text, following links and footnotes, picking
//! highlights, and the toolbar that highlights a selection.

use casebook_core::case::Case;
use casebook_core::case::document::ListMarker;
use casebook_core::layer::Color;
use egui::{CursorIcon, Pos2, Rect, Ui, pos2};

use super::caret::word_at;
use super::layout::{self, BlockLayout};
use super::marks::range_rects;
use super::paint::marker_rect;
use super::{Reader, ReaderEvent, ReaderInput};

impl Reader {
    /// The byte offset of the text nearest a point, among the visible blocks.
    fn offset_near(&self, visible: &[(usize, Rect)], doc: &casebook_core::case::Document, p: Pos2) -> Option<usize> {
        let (i, content) = visible.iter().find(|(_, c)| p.y < c.bottom()).or(visible.last()).copied()?;
        let layout = &self.cache.get(&i)?.layout;
        Some(offset_at(layout, content, p, &doc.blocks[i]))
    }

    /// Selecting with the pointer, following links and footnotes, picking highlights.
    pub(super) fn pointer_ui(
        &mut self,
        ui: &Ui,
        bg: &egui::Response,
        rect: Rect,
        visible: &[(usize, Rect)],
        hovered: Option<Hovered>,
        input: &ReaderInput<'_>,
    ) -> Vec<ReaderEvent> {
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
                self.caret = head;
            }
        }
        // Enter and Space on the focused reader are keys of its own, not clicks.
        let clicked = bg.clicked() && ui.input(|i| i.pointer.any_click());
        if bg.double_clicked()
            && let Some(offset) = hovered_offset
        {
            let word = word_at(&doc.text, offset);
            self.selection = Some((word.start, word.end));
            self.caret = word.end;
        } else if clicked {
            bg.request_focus();
            if let Some(offset) = hovered_offset {
                self.caret = offset;
                self.caret_x_pt = None;
            }
            let shift = ui.input(|i| i.modifiers.shift);
            match (hit, mark, hovered_offset) {
                (Some(hit), _, _) => commands.extend(hit_target(&hit, doc)),
                (None, _, Some(offset)) if shift => {
                    let anchor = self.selection.map_or(offset, |(a, _)| a);
                    self.selection = Some((anchor, offset));
                }
                (None, Some(mark), _) => {
                    self.selection = None;
                    commands.push(ReaderEvent::SelectMark(mark.id.clone()));
                }
                (None, None, _) if date_link.is_some() => {
                    self.selection = None;
                    commands.extend(date_link.map(ReaderEvent::DateClicked));
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

    /// The highlight colours by a selection: one click marks the passage. Enter or Shift+F10
    /// in the reader puts the keyboard on its first button; Tab walks its choices, Esc goes
    /// back to the text.
    pub(super) fn toolbar_ui(
        &mut self,
        ui: &Ui,
        rect: Rect,
        visible: &[(usize, Rect)],
        input: &ReaderInput<'_>,
        doc_id: egui::Id,
    ) -> Option<ReaderEvent> {
        let Some(range) = self.selection() else {
            // What was typed for the last selection does not carry over to the next one.
            self.toolbar_tags.clear();
            self.toolbar_private = false;
            return None;
        };
        if !input.editable || input.colors.is_empty() || self.selecting {
            return None;
        }
        let doc = &input.case.doc;
        // Below the last line of the selection that is in view; at the bottom of the view
        // when the selection is above or below it (selected with the keys, far from the eyes).
        let end_block = doc.block_at(range.end.saturating_sub(1))?;
        let bottom = visible
            .iter()
            .rev()
            .find(|(i, _)| *i <= end_block)
            .and_then(|(i, content)| {
                let layout = &self.cache.get(i)?.layout;
                let rects = layout
                    .pieces
                    .iter()
                    .flat_map(|p| range_rects(&p.galley, p.text_start, content.min + p.offset, &range));
                Some((content.left(), rects.map(|r| r.bottom()).fold(content.top(), f32::max)))
            })
            .unwrap_or((visible.first().map_or(rect.left() + 24.0, |(_, c)| c.left()), rect.bottom()));
        let at = pos2(bottom.0, (bottom.1 + 6.0).min(rect.bottom() - 90.0));
        let mut chosen: Option<(Color, bool)> = None;
        let mut back_to_text = false;
        let focus_first = std::mem::take(&mut self.focus_toolbar);
        // Esc takes the keyboard from a button before this frame draws it: look at the last.
        let was_focused = std::mem::take(&mut self.toolbar_focused);
        let mut focused = false;
        let (tags_text, private) = (&mut self.toolbar_tags, &mut self.toolbar_private);
        let area =
            egui::Area::new(ui.scope_id().with("selection-toolbar")).order(egui::Order::Foreground).fixed_pos(at);
        area.show(ui.ctx(), |ui| {
            let toolbar = egui::UiBuilder::new()
                .accessibility_role(egui::accesskit::Role::Toolbar)
                .accessibility_label("Highlight the selection");
            ui.scope_builder(toolbar, |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.horizontal(|ui| {
                        for (k, (color, name)) in input.colors.iter().enumerate() {
                            let mut job = egui::text::LayoutJob::default();
                            let format = |color| egui::TextFormat {
                                color,
                                font_id: egui::TextStyle::Button.resolve(ui.style()),
                                ..Default::default()
                            };
                            job.append("● ", 0.0, format(input.palette.mark_swatch(*color)));
                            job.append(name, 0.0, format(ui.visuals().text_color()));
                            let button = ui.add(egui::Button::new(job)).accessible_name(format!("{name} highlight"));
                            if k == 0 && focus_first {
                                button.request_focus();
                            }
                            focused |= button.has_focus();
                            if button.on_hover_text(format!("Highlight as {name}")).clicked() {
                                chosen = Some((*color, false));
                            }
                        }
                        ui.separator();
                        let note = ui.button("Note…").accessible_name("Highlight and write a note");
                        focused |= note.has_focus();
                        if note.on_hover_text("Highlight and write a note").clicked() {
                            chosen = Some((input.colors[0].0, true));
                        }
                    });
                    ui.horizontal(|ui| {
                        let label = ui.label("Tags");
                        let field =
                            egui::TextEdit::singleline(tags_text).hint_text("comma, separated").desired_width(200.0);
                        let field = ui.add(field.id_salt("toolbar-tags")).labelled_by(label.id);
                        let tick = ui
                            .checkbox(private, "Private")
                            .on_hover_text("Only for you: never for students or the projector");
                        focused |= field.has_focus() || tick.has_focus();
                    });
                    back_to_text = (focused || was_focused) && ui.input(|i| i.key_pressed(egui::Key::Escape));
                });
            });
        });
        self.toolbar_focused = focused && !back_to_text;
        if back_to_text {
            ui.memory_mut(|m| m.request_focus(doc_id));
        }
        let (color, note) = chosen?;
        let tags = self.toolbar_tags.split(',').map(|t| t.trim().to_owned()).filter(|t| !t.is_empty()).collect();
        let private = std::mem::take(&mut self.toolbar_private);
        self.toolbar_tags.clear();
        self.selection = None;
        if !note {
            // Chosen from the keys or the mouse, reading goes on where it was.
            ui.memory_mut(|m| m.request_focus(doc_id));
        }
        Some(ReaderEvent::Annotate { range, color, note, tags, private })
    }
}

/// Shows what a link or footnote under the pointer leads to.
fn hit_hover_ui(ui: &Ui, response: &egui::Response, hit: &Hit, doc: &casebook_core::case::Document) {
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
fn hit_target(hit: &Hit, doc: &casebook_core::case::Document) -> Option<ReaderEvent> {
    match hit {
        Hit::Link(url) => Some(link_target(doc, url)),
        Hit::FootnoteRef(n) => doc.footnotes[*n as usize].definition.map(ReaderEvent::GoToBlock),
        Hit::FootnoteBack(n) => doc.footnotes[*n as usize].first_reference.map(ReaderEvent::GoToBlock),
    }
}

fn link_target(doc: &casebook_core::case::Document, url: &str) -> ReaderEvent {
    let internal = url.strip_prefix('#').and_then(|anchor| doc.heading_by_anchor(anchor));
    internal.map_or_else(|| ReaderEvent::OpenLink(url.to_owned()), ReaderEvent::GoToBlock)
}

/// Where following a run of the text leads, when it is a link or a footnote reference: for
/// Enter at the caret and an assistive technology's click.
pub(super) fn run_target(doc: &casebook_core::case::Document, run: usize) -> Option<ReaderEvent> {
    let run = doc.runs.get(run)?;
    match (run.link, run.footnote_ref) {
        (Some(link), _) => Some(link_target(doc, &doc.links[link as usize])),
        (None, Some(n)) => doc.footnotes[n as usize].definition.map(ReaderEvent::GoToBlock),
        (None, None) => None,
    }
}

/// The byte offset of the text at a point in a laid-out block: before it above, after it
/// below, and the nearest character within.
pub(super) fn offset_at(layout: &BlockLayout, content: Rect, p: Pos2, block: &casebook_core::case::Block) -> usize {
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

/// What is under the pointer in the block it is over.
pub(super) struct Hovered {
    pub response: egui::Response,
    pub hit: Option<Hit>,
    /// Where a click would put the caret: between characters.
    pub caret: usize,
    /// The character under the pointer, when it is over text.
    pub under: Option<usize>,
}

pub(super) enum Hit {
    Link(String),
    FootnoteRef(u32),
    FootnoteBack(u32),
}

/// What lies under the pointer in a laid-out block: a link, a footnote reference or the
/// back-link of a footnote.
pub(super) fn hit_test(layout: &BlockLayout, content: Rect, pointer: Pos2, case: &Case, block: usize) -> Option<Hit> {
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
pub(super) fn char_under(layout: &BlockLayout, content: Rect, pointer: Pos2) -> Option<usize> {
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
