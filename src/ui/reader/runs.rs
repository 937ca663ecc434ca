//! The text of the reader's blocks as AccessKit text runs: one per laid-out row (cut where
//! links start and end, and every 255 characters), or plain cuts for blocks not laid out yet.
//! A screen reader reads the document's text, and moves its caret, through them.

use std::ops::Range;

use casebook_core::case::Document;
use egui::accesskit::{self, Action, NodeId, Role};
use egui::{Id, Rect, vec2};

use super::layout::BlockLayout;
use crate::ui::accessibility::ak_rect;

/// The separator after a piece (a tab between cells, a newline between blocks) is read with
/// it, so the document's text has its words apart.
fn with_separator(text: &str, range: Range<usize>) -> Range<usize> {
    match text.as_bytes().get(range.end) {
        Some(b'\n' | b'\t') => range.start..range.end + 1,
        _ => range,
    }
}

/// AccessKit counts the characters of a run in a byte.
const MAX_RUN_CHARS: usize = 255;
/// Lines of blocks not laid out yet, which have no rows to follow.
const PLAIN_LINE_CHARS: usize = 100;

/// A line of text to expose, with where its characters are when it is laid out.
pub(super) struct Line {
    text: Range<usize>,
    bounds: Rect,
    /// Each character's x from the line's left, and its width.
    xs: Option<(Vec<f32>, Vec<f32>)>,
}

/// A text run in the tree: where its text is in the document.
pub(super) struct RunSpan {
    pub id: NodeId,
    pub text: Range<usize>,
}

/// What the reader put in the tree last frame, to map what an assistive technology asks for
/// back to the text.
#[derive(Default)]
pub(super) struct Exposed {
    /// In document order.
    pub runs: Vec<RunSpan>,
    pub blocks: Vec<(NodeId, usize)>,
    /// Link nodes, with the index of their run in `Document::runs`.
    pub links: Vec<(NodeId, usize)>,
}

/// The lines of a piece of a block: its laid-out rows when it is laid out, else plain cuts.
pub(super) fn lines_of(
    doc: &Document,
    layout: Option<&BlockLayout>,
    piece: usize,
    range: Range<usize>,
    bounds: Rect,
) -> Vec<Line> {
    let range_with_sep = with_separator(&doc.text, range.clone());
    let on_screen = layout.and_then(|l| l.pieces.get(piece)).filter(|p| p.text_start == range.start);
    let Some(p) = on_screen else {
        let text = &doc.text[range_with_sep.clone()];
        let mut lines = Vec::new();
        let mut start = 0;
        while start < text.len() || lines.is_empty() {
            let rest = &text[start..];
            let cut = rest
                .char_indices()
                .nth(PLAIN_LINE_CHARS)
                .map_or(rest.len(), |(b, _)| rest[..b].rfind(' ').map_or(b, |s| s + 1));
            lines.push(Line {
                text: range_with_sep.start + start..range_with_sep.start + start + cut,
                bounds,
                xs: None,
            });
            start += cut.max(1);
            if cut == 0 {
                break;
            }
        }
        return lines;
    };
    let origin = bounds.min + p.offset;
    let text = &p.galley.job.text;
    let mut byte = 0;
    let mut lines = Vec::new();
    for row in &p.galley.rows {
        let chars = row.char_count_including_newline().0;
        let len: usize = text[byte..].chars().take(chars).map(char::len_utf8).sum();
        let mut xs: Vec<f32> = row.glyphs.iter().map(|g| g.pos.x).collect();
        let mut widths: Vec<f32> = row.glyphs.iter().map(|g| g.advance_width).collect();
        let mut line = range.start + byte..range.start + byte + len;
        if line.end == range.end && range_with_sep.end > range.end {
            line.end = range_with_sep.end;
        }
        let count = doc.text[line.clone()].chars().count();
        while xs.len() < count {
            xs.push(row.size.x);
            widths.push(0.0);
        }
        let first = xs.first().copied().unwrap_or(0.0);
        xs.iter_mut().for_each(|x| *x -= first);
        let rect = row.rect_without_leading_space().translate(origin.to_vec2());
        lines.push(Line { text: line, bounds: rect, xs: (xs.len() == count).then_some((xs, widths)) });
        byte += len;
    }
    lines
}

/// The runs of a piece's lines, cut where links start and end (a link is a node of its own,
/// with its run inside) and every 255 characters. Returns the piece's children.
pub(super) fn emit_runs(
    ctx: &egui::Context,
    doc_id: Id,
    doc: &Document,
    piece: (usize, usize),
    lines: Vec<Line>,
    exposed: &mut Exposed,
) -> Vec<NodeId> {
    let (block, p) = piece;
    let block_runs = doc.blocks[block].runs.clone();
    let link_of = |offset: usize| {
        doc.runs[block_runs.clone()]
            .iter()
            .position(|r| {
                r.text.start <= offset && offset < r.text.end && (r.link.is_some() || r.footnote_ref.is_some())
            })
            .map(|k| (block_runs.start + k, doc.runs[block_runs.start + k].text.clone()))
    };
    let mut children = Vec::new();
    for (l, line) in lines.into_iter().enumerate() {
        let mut segments: Vec<(Range<usize>, Option<usize>)> = Vec::new();
        let mut at = line.text.start;
        while at < line.text.end || (segments.is_empty() && at == line.text.end) {
            let link = link_of(at);
            let mut end = match &link {
                Some((_, r)) => r.end.min(line.text.end),
                None => doc.runs[block_runs.clone()]
                    .iter()
                    .filter(|r| (r.link.is_some() || r.footnote_ref.is_some()) && r.text.start > at)
                    .map(|r| r.text.start)
                    .min()
                    .unwrap_or(line.text.end)
                    .min(line.text.end),
            };
            if let Some((b, _)) = doc.text[at..end].char_indices().nth(MAX_RUN_CHARS) {
                end = at + b;
            }
            segments.push((at..end, link.map(|(k, _)| k)));
            if end == at {
                break;
            }
            at = end;
        }
        let ids: Vec<Id> = (0..segments.len()).map(|s| doc_id.with(("run", block, p, l, s))).collect();
        let mut char_at = 0;
        for (s, (range, link)) in segments.iter().enumerate() {
            let text = doc.text[range.clone()].to_owned();
            let count = text.chars().count();
            let xs = line.xs.as_ref().map(|(x, w)| {
                let xs = &x[char_at.min(x.len())..(char_at + count).min(x.len())];
                let first = xs.first().copied().unwrap_or(0.0);
                (
                    xs.iter().map(|v| v - first).collect::<Vec<f32>>(),
                    w[char_at.min(w.len())..(char_at + count).min(w.len())].to_vec(),
                    first,
                )
            });
            char_at += count;
            let bounds = match &xs {
                Some((_, widths, first)) => Rect::from_min_size(
                    line.bounds.min + vec2(*first, 0.0),
                    vec2(widths.iter().sum::<f32>().max(1.0), line.bounds.height()),
                ),
                None => line.bounds,
            };
            let id = ids[s];
            ctx.accesskit_node_builder(id, |n| {
                n.set_role(Role::TextRun);
                n.set_text_direction(accesskit::TextDirection::LeftToRight);
                n.set_bounds(ak_rect(bounds));
                n.set_character_lengths(text.chars().map(|c| c.len_utf8() as u8).collect::<Vec<u8>>());
                n.set_word_starts(word_starts(&text));
                if let Some((xs, widths, _)) = xs.filter(|(x, _, _)| x.len() == count) {
                    n.set_character_positions(xs);
                    n.set_character_widths(widths);
                }
                n.set_value(text);
                if s > 0 {
                    n.set_previous_on_line(ids[s - 1].accesskit_id());
                }
                if s + 1 < ids.len() {
                    n.set_next_on_line(ids[s + 1].accesskit_id());
                }
            });
            exposed.runs.push(RunSpan { id: id.accesskit_id(), text: range.clone() });
            match link {
                Some(k) => {
                    let link_id = doc_id.with(("link", block, p, l, s));
                    let run = &doc.runs[*k];
                    let url = run.link.map(|u| doc.links[u as usize].clone());
                    let name = match (&url, run.footnote_ref) {
                        (None, Some(n)) => format!("Footnote {}", n + 1),
                        _ => doc.text[range.clone()].trim().to_owned(),
                    };
                    ctx.accesskit_node_builder(link_id, |n| {
                        n.set_role(Role::Link);
                        n.set_label(name);
                        if let Some(url) = url {
                            n.set_url(url);
                        }
                        n.set_bounds(ak_rect(bounds));
                        n.add_action(Action::Click);
                        n.set_children(vec![id.accesskit_id()]);
                    });
                    exposed.links.push((link_id.accesskit_id(), *k));
                    children.push(link_id.accesskit_id());
                }
                None => children.push(id.accesskit_id()),
            }
        }
    }
    children
}

/// Where words start in a run, as AccessKit counts them (a character index in a byte).
fn word_starts(text: &str) -> Vec<u8> {
    let mut starts = Vec::new();
    let mut previous_space = true;
    for (k, c) in text.chars().enumerate() {
        if !c.is_whitespace() && previous_space && k > 0 {
            starts.push(k.min(255) as u8);
        }
        previous_space = c.is_whitespace();
    }
    starts
}
