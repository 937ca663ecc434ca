//! The reader in the accessibility tree. egui exposes only its own widgets, and the reader
//! draws its text itself, so it builds its part of the AccessKit tree here: a document with
//! every heading of the case (a screen reader lists them and jumps to any), and, around the
//! reading position, every block with its role and text (paragraphs, list items, quotes,
//! tables with rows and cells, links, images with their alt text, footnotes), its highlights
//! in words, and the caret and selection.
//!
//! The tree is sent whole every frame, so what is near the reading position gets text and the
//! rest of a million-word case costs one node per heading. Nothing is built while no assistive
//! technology is connected: `accesskit_node_builder` returns `None` then.

use std::ops::Range;

use casebook_core::case::document::{BlockKind, ListMarker};
use casebook_core::case::{Case, Document};
use egui::accesskit::{Action, ActionData, ActionRequest, NodeId, Role, TextPosition, TextSelection};
use egui::{Id, Rect, pos2, vec2};

use super::runs::{Exposed, emit_runs, lines_of};
use super::{Reader, ReaderInput};
use crate::ui::accessibility::{ak_rect, build_detached};

/// Blocks near the reading position get their text: the chunk of this many blocks holding the
/// top of the view, the one before and two after. Aligned to chunks, so the offsets a screen
/// reader counts in the document's text shift only when reading crosses a chunk.
const WINDOW_BLOCKS: usize = 32;

/// What an assistive technology asked of the reader's nodes.
pub(super) enum Request {
    /// Show this block (scroll to it).
    Show(usize),
    /// Move the caret to this block and read from there.
    Focus(usize),
    Select {
        anchor: usize,
        head: usize,
    },
    Activate(usize),
}

/// The blocks whose text and structure go in the tree.
pub(super) fn window(top_block: usize, blocks: usize) -> Range<usize> {
    let chunk = top_block / WINDOW_BLOCKS * WINDOW_BLOCKS;
    chunk.saturating_sub(WINDOW_BLOCKS)..(chunk + 2 * WINDOW_BLOCKS).min(blocks)
}

/// The text ranges a block is drawn in: one per table cell, else the block's text. The same
/// as the layout's pieces, so a block reads the same laid out or not.
fn piece_ranges(doc: &Document, i: usize) -> Vec<Range<usize>> {
    let block = &doc.blocks[i];
    let BlockKind::TableRow { cells, .. } = &block.kind else { return vec![block.text.clone()] };
    let mut start = block.text.start;
    cells
        .iter()
        .map(|cell| {
            let runs = &doc.runs[cell.clone()];
            let a = runs.first().map_or(start, |r| r.text.start);
            let b = runs.last().map_or(a, |r| r.text.end);
            start = b + 1;
            a..b
        })
        .collect()
}

/// A block's name as a listener hears it.
fn block_label(case: &Case, i: usize, image_problem: Option<&str>) -> String {
    let doc = &case.doc;
    let text = doc.block_text(i).replace('\t', ", ");
    let block = &doc.blocks[i];
    if let BlockKind::Image { .. } = block.kind {
        let alt = if text.trim().is_empty() { "Image without a description".to_owned() } else { text };
        return image_problem.map_or(alt.clone(), |p| format!("{alt} ({p})"));
    }
    match &block.marker {
        Some(ListMarker::Ordered(n)) => format!("{n}. {text}"),
        Some(ListMarker::Task { checked: true }) => format!("Done: {text}"),
        Some(ListMarker::Task { checked: false }) => format!("Not done: {text}"),
        Some(ListMarker::Footnote(n)) => format!("Footnote {n}: {text}"),
        Some(ListMarker::Bullet) | None => text,
    }
}

fn block_role(doc: &Document, i: usize) -> (Role, Option<usize>) {
    let block = &doc.blocks[i];
    match (&block.kind, &block.marker) {
        (BlockKind::Heading { level, .. }, _) => (Role::Heading, Some(usize::from(*level))),
        (BlockKind::Image { .. }, _) => (Role::Image, None),
        (BlockKind::TableRow { .. }, _) => (Role::Row, None),
        (_, Some(ListMarker::Footnote(_))) => (Role::DocFootnote, None),
        (_, Some(_)) => (Role::ListItem, None),
        _ => (Role::Paragraph, None),
    }
}

fn is_list_item(doc: &Document, i: usize) -> bool {
    matches!(doc.blocks[i].marker, Some(ListMarker::Bullet | ListMarker::Ordered(_) | ListMarker::Task { .. }))
}

impl Reader {
    /// The blocks with a node: every heading, and the window with the caret's and the
    /// selection's blocks (a selection must name runs that are in the tree).
    fn exposed_blocks(&mut self, doc: &Document, full: &[Range<usize>]) -> Vec<usize> {
        let headings = self.headings.get_or_insert_with(|| {
            doc.blocks
                .iter()
                .enumerate()
                .filter(|(_, b)| matches!(b.kind, BlockKind::Heading { .. }))
                .map(|(i, _)| i)
                .collect()
        });
        let mut out: Vec<usize> = headings.clone();
        out.extend(full.iter().flat_map(Clone::clone));
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Builds the reader's part of the tree under the document node `doc_id`. `visible` holds
    /// the blocks on screen with their content rects.
    pub(super) fn expose(
        &mut self,
        ctx: &egui::Context,
        input: &ReaderInput<'_>,
        doc_id: Id,
        view: Rect,
        visible: &[(usize, Rect)],
    ) {
        if ctx.accesskit_node_builder(doc_id, |_| ()).is_none() {
            return;
        }
        let doc = &input.case.doc;
        let caret_block = doc.block_at(self.caret);
        let anchor_block = self.selection.and_then(|(a, _)| doc.block_at(a));
        let mut full = vec![window(self.pos.block, doc.blocks.len())];
        full.extend(caret_block.into_iter().chain(anchor_block).map(|b| b..b + 1));
        let order = self.exposed_blocks(doc, &full);
        let is_full = |i: usize| full.iter().any(|r| r.contains(&i));
        // Off screen, a block's bounds are just outside the view, the same while scrolling, so
        // nothing moves for the adapter but what is on screen.
        let above = Rect::from_min_size(pos2(view.left(), view.top() - 40.0), vec2(view.width(), 20.0));
        let below = Rect::from_min_size(pos2(view.left(), view.bottom() + 20.0), vec2(view.width(), 20.0));
        let bounds = |i: usize| {
            visible.iter().find(|(b, _)| *b == i).map(|(_, r)| r.intersect(view)).unwrap_or(if i < self.pos.block {
                above
            } else {
                below
            })
        };
        let mut exposed = Exposed::default();
        let mut kids = Vec::new();
        build_detached(ctx, || {
            if is_full(0) {
                kids.push(title_node(ctx, doc_id, input.case, bounds(0)));
            }
            let mut k = 0;
            while k < order.len() {
                let i = order[k];
                if !is_full(i) {
                    kids.push(self.block_node(ctx, input, doc_id, i, bounds(i), false, Vec::new(), &mut exposed));
                    k += 1;
                    continue;
                }
                // A run of neighbours that belong together: a table's rows, a list, a quote.
                let group = |pred: &dyn Fn(usize) -> bool| {
                    let mut j = k;
                    while j + 1 < order.len()
                        && order[j + 1] == order[j] + 1
                        && is_full(order[j + 1])
                        && pred(order[j + 1])
                    {
                        j += 1;
                    }
                    order[k..=j].to_vec()
                };
                let block = &doc.blocks[i];
                let (role, members) = if matches!(block.kind, BlockKind::TableRow { .. }) {
                    (Role::Table, group(&|b| matches!(doc.blocks[b].kind, BlockKind::TableRow { .. })))
                } else if is_list_item(doc, i) {
                    let depth = block.depth;
                    // A numbered list after a bulleted one (or one numbered from 1 again) is
                    // another list.
                    let ordered = |b: usize| matches!(doc.blocks[b].marker, Some(ListMarker::Ordered(_)));
                    let restarts = |b: usize| matches!(doc.blocks[b].marker, Some(ListMarker::Ordered(1)));
                    let same = |b: usize| {
                        let item = &doc.blocks[b];
                        item.depth > depth
                            || (item.depth == depth && is_list_item(doc, b) && ordered(b) == ordered(i) && !restarts(b))
                    };
                    (Role::List, group(&same))
                } else if block.quote_depth > 0 && block.marker.is_none() {
                    (Role::Blockquote, group(&|b| doc.blocks[b].quote_depth > 0 && !is_list_item(doc, b)))
                } else {
                    kids.push(self.block_node(ctx, input, doc_id, i, bounds(i), true, Vec::new(), &mut exposed));
                    k += 1;
                    continue;
                };
                k += members.len();
                let area = members.iter().map(|&b| bounds(b)).reduce(|a, b| a.union(b)).unwrap_or(below);
                let children = match role {
                    Role::List => self.list_items(ctx, input, doc_id, &members, &bounds, &mut exposed),
                    _ => members
                        .iter()
                        .map(|&b| self.block_node(ctx, input, doc_id, b, bounds(b), true, Vec::new(), &mut exposed))
                        .collect(),
                };
                let id = doc_id.with(("group", members[0]));
                let rows = members.len();
                let columns = piece_ranges(doc, members[0]).len();
                ctx.accesskit_node_builder(id, |n| {
                    n.set_role(role);
                    n.set_bounds(ak_rect(area));
                    if role == Role::Table {
                        n.set_row_count(rows);
                        n.set_column_count(columns);
                    }
                    n.set_children(children);
                });
                kids.push(id.accesskit_id());
            }
        });
        let selection = self.text_selection(&exposed);
        ctx.accesskit_node_builder(doc_id, |n| {
            n.set_children(kids);
            n.set_read_only();
            if let Some(selection) = selection {
                n.set_text_selection(selection);
            }
        });
        self.exposed = exposed;
    }

    /// The items of a list; the blocks nested in an item (its further paragraphs, a list
    /// inside it) go inside it.
    fn list_items(
        &self,
        ctx: &egui::Context,
        input: &ReaderInput<'_>,
        doc_id: Id,
        members: &[usize],
        bounds: &dyn Fn(usize) -> Rect,
        exposed: &mut Exposed,
    ) -> Vec<NodeId> {
        let doc = &input.case.doc;
        let depth = doc.blocks[members[0]].depth;
        let mut items = Vec::new();
        let mut k = 0;
        while k < members.len() {
            let item = members[k];
            let mut end = k + 1;
            while end < members.len() && doc.blocks[members[end]].depth > depth {
                end += 1;
            }
            let inner: Vec<NodeId> = members[k + 1..end]
                .iter()
                .map(|&b| self.block_node(ctx, input, doc_id, b, bounds(b), true, Vec::new(), exposed))
                .collect();
            items.push(self.block_node(ctx, input, doc_id, item, bounds(item), true, inner, exposed));
            k = end;
        }
        items
    }

    /// One block's node: its role and name, and, when `full`, its text runs (in cells for a
    /// table row), its links and its highlights in words. `more` are children after its text.
    #[allow(clippy::too_many_arguments)]
    fn block_node(
        &self,
        ctx: &egui::Context,
        input: &ReaderInput<'_>,
        doc_id: Id,
        i: usize,
        bounds: Rect,
        full: bool,
        more: Vec<NodeId>,
        exposed: &mut Exposed,
    ) -> NodeId {
        let case = input.case;
        let doc = &case.doc;
        let id = doc_id.with(("block", i));
        let (role, level) = block_role(doc, i);
        let layout = self.cache.get(&i).map(|c| &c.layout);
        let problem = self.images.problem(case, i);
        let label = block_label(case, i, problem.as_deref());
        let mut children = Vec::new();
        if full {
            let header = matches!(doc.blocks[i].kind, BlockKind::TableRow { header: true, .. });
            for (p, range) in piece_ranges(doc, i).into_iter().enumerate() {
                let lines = lines_of(doc, layout, p, range.clone(), bounds);
                let runs = emit_runs(ctx, doc_id, doc, (i, p), lines, exposed);
                if role == Role::Row {
                    let cell = doc_id.with(("cell", i, p));
                    let name = doc.text[range].to_owned();
                    ctx.accesskit_node_builder(cell, |n| {
                        n.set_role(if header { Role::ColumnHeader } else { Role::Cell });
                        n.set_label(name);
                        n.set_column_index(p);
                        n.set_bounds(ak_rect(bounds));
                        n.set_children(runs);
                    });
                    children.push(cell.accesskit_id());
                } else {
                    children.extend(runs);
                }
            }
        }
        children.extend(more);
        let marks = if full { marks_in_words(input, doc.blocks[i].text.clone()) } else { String::new() };
        ctx.accesskit_node_builder(id, |n| {
            n.set_role(role);
            if let Some(level) = level {
                n.set_level(level);
            }
            if role != Role::Row {
                n.set_label(label);
            }
            if matches!(doc.blocks[i].kind, BlockKind::Code { .. }) {
                n.set_role_description("code");
            }
            if !marks.is_empty() {
                n.set_description(marks);
            }
            n.set_bounds(ak_rect(bounds));
            n.add_action(Action::ScrollIntoView);
            n.add_action(Action::Focus);
            n.set_children(children);
        });
        exposed.blocks.push((id.accesskit_id(), i));
        id.accesskit_id()
    }

    /// The caret and the selection as positions in the runs in the tree.
    fn text_selection(&self, exposed: &Exposed) -> Option<TextSelection> {
        let (anchor, head) = self.selection.unwrap_or((self.caret, self.caret));
        Some(TextSelection { anchor: position(exposed, anchor)?, focus: position(exposed, head)? })
    }

    /// Carries out what an assistive technology asked of the reader's nodes: a screen reader
    /// jumping to a heading, moving its caret through the text, following a link.
    pub(super) fn asked_ui(
        &mut self,
        ui: &egui::Ui,
        doc: &egui::Response,
        input: &ReaderInput<'_>,
    ) -> Vec<super::ReaderEvent> {
        let mut events = Vec::new();
        for request in self.requests(ui, doc.id, &input.case.doc) {
            match request {
                Request::Show(block) => self.target = Some(super::Target::Block(block)),
                Request::Focus(block) => {
                    self.caret = input.case.doc.blocks[block].text.start;
                    self.selection = None;
                    self.target = Some(super::Target::Block(block));
                    doc.request_focus();
                }
                Request::Select { anchor, head } => {
                    self.selection = (anchor != head).then_some((anchor, head));
                    self.caret = head;
                    self.reveal_caret = true;
                    doc.request_focus();
                }
                Request::Activate(run) => events.extend(super::pointer::run_target(&input.case.doc, run)),
            }
        }
        events
    }

    /// What an assistive technology asked of the reader's nodes this frame.
    fn requests(&self, ui: &egui::Ui, doc_id: Id, doc: &Document) -> Vec<Request> {
        let asked: Vec<ActionRequest> = ui.input(|i| {
            i.events
                .iter()
                .filter_map(|e| match e {
                    egui::Event::AccessKitActionRequest(r) => Some(r.clone()),
                    _ => None,
                })
                .collect()
        });
        let block_of = |node: NodeId| self.exposed.blocks.iter().find(|(id, _)| *id == node).map(|(_, b)| *b);
        asked
            .into_iter()
            .filter_map(|r| match (r.action, &r.data) {
                (Action::SetTextSelection, Some(ActionData::SetTextSelection(s)))
                    if r.target_node == doc_id.accesskit_id() =>
                {
                    let anchor = self.offset(doc, &s.anchor)?;
                    Some(Request::Select { anchor, head: self.offset(doc, &s.focus)? })
                }
                (Action::ScrollIntoView, _) => block_of(r.target_node).map(Request::Show),
                (Action::Focus, _) => block_of(r.target_node).map(Request::Focus),
                (Action::Click, _) => self
                    .exposed
                    .links
                    .iter()
                    .find(|(id, _)| *id == r.target_node)
                    .map(|(_, run)| Request::Activate(*run)),
                _ => None,
            })
            .collect()
    }

    /// The byte offset of a position in a run that was in the tree.
    fn offset(&self, doc: &Document, p: &TextPosition) -> Option<usize> {
        let run = self.exposed.runs.iter().find(|r| r.id == p.node)?;
        let text = &doc.text[run.text.clone()];
        Some(run.text.start + text.char_indices().nth(p.character_index).map_or(text.len(), |(b, _)| b))
    }
}

/// The run holding a byte offset of the text, and the character in it.
fn position(exposed: &Exposed, offset: usize) -> Option<TextPosition> {
    let at = exposed.runs.partition_point(|r| r.text.start <= offset).checked_sub(1)?;
    let run = &exposed.runs[at];
    let chars = offset.min(run.text.end).saturating_sub(run.text.start);
    Some(TextPosition { node: run.id, character_index: chars })
}

/// The title page above the first block: the case's title, subtitle and authors.
fn title_node(ctx: &egui::Context, doc_id: Id, case: &Case, bounds: Rect) -> NodeId {
    let meta = &case.front.meta;
    let parts: Vec<String> = std::iter::once(case.title())
        .chain(meta.subtitle.clone())
        .chain((!meta.authors.is_empty()).then(|| meta.authors.join(", ")))
        .collect();
    let id = doc_id.with("title-page");
    ctx.accesskit_node_builder(id, |n| {
        n.set_role(Role::Header);
        n.set_label(parts.join(". "));
        n.set_bounds(ak_rect(bounds));
    });
    id.accesskit_id()
}

/// The highlights over a block, in words: colour meanings, notes, and passages to check.
fn marks_in_words(input: &ReaderInput<'_>, range: Range<usize>) -> String {
    let mut said = Vec::new();
    for mark in input.marks.overlapping(range.clone()).take(8) {
        said.push(crate::ui::accessibility::mark_in_words(input.colors, mark, "Highlight"));
    }
    for mark in input.shared_marks.into_iter().flat_map(|m| m.overlapping(range.clone())).take(8) {
        said.push(crate::ui::accessibility::mark_in_words(input.colors, mark, "Instructor's highlight"));
    }
    said.join(". ")
}
