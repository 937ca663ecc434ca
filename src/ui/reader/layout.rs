//! Lays out one block of the document into galleys, styled for the reader.

use std::ops::Range;
use std::sync::Arc;

use egui::epaint::text::{ByteIndex, LayoutJob, LayoutSection, TextFormat, TextWrapping};
use egui::{Color32, FontFamily, FontId, Galley, Stroke, Vec2};

use super::images::{ImageCache, ImageState};
use crate::ui::fonts;
use crate::ui::theme::{Palette, size};
use casebook_core::case::document::{Align, BlockKind, ColumnWidth, ListMarker, Run, Style, column_widths};
use casebook_core::case::{Case, Document};
use casebook_core::timeline::PartialDate;

/// What a block's look depends on, besides its content.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LayoutKey {
    pub column_width_pt: f32,
    pub zoom: f32,
    pub palette: Palette,
    /// Changes whenever find highlights change.
    pub highlight_rev: u64,
}

impl LayoutKey {
    pub fn body_pt(&self) -> f32 {
        size::BODY_PT * self.zoom
    }

    pub fn indent_pt(&self) -> f32 {
        size::INDENT_EM * self.body_pt()
    }
}

/// Find matches to paint: byte ranges of `Document::text`, sorted.
#[derive(Clone, Copy, Default)]
pub struct Highlights<'a> {
    pub matches: &'a [Range<usize>],
    pub current: Option<usize>,
}

/// A laid-out piece of text and where it starts in `Document::text`.
pub struct TextPiece {
    pub galley: Arc<Galley>,
    /// Offset of the galley's top-left from the block's content origin.
    pub offset: Vec2,
    /// Byte offset in `Document::text` of the galley's first character.
    pub text_start: usize,
}

pub enum Decoration {
    None,
    CodeBackground,
    Rule,
    /// A table row, with the x of each column boundary inside the content.
    TableRow {
        header: bool,
        column_edges_pt: Vec<f32>,
    },
    Image {
        width_pt: f32,
        height_pt: f32,
    },
}

pub struct BlockLayout {
    pub space_before_pt: f32,
    /// Left edge of the content, from the column's left edge.
    pub indent_pt: f32,
    pub content_height_pt: f32,
    pub pieces: Vec<TextPiece>,
    pub marker: Option<Arc<Galley>>,
    pub decoration: Decoration,
    /// Draw a thin rule above: the first footnote of the notes section.
    pub notes_rule: bool,
    /// The case's title block, above the first block.
    pub header: Option<Header>,
}

/// The title, subtitle and facts of the case, set above its text like a title page.
pub struct Header {
    pub lines: Vec<(Arc<Galley>, Vec2)>,
    /// Where the rule under the title block goes, from the top of the block.
    pub rule_y_pt: f32,
}

fn header(case: &Case, key: &LayoutKey, layout: &mut dyn FnMut(LayoutJob) -> Arc<Galley>) -> (Header, f32) {
    let body = key.body_pt();
    let p = key.palette;
    let meta = &case.front.meta;
    let mut y = body * 1.5;
    let mut lines = Vec::new();
    let mut line = |text: String, size_pt: f32, bold: bool, italic: bool, color, gap_after: f32, y: &mut f32| {
        let format = TextFormat {
            font_id: FontId::new(size_pt, fonts::family(bold, italic)),
            line_height: Some(size_pt * 1.25),
            color,
            ..TextFormat::default()
        };
        let mut job = LayoutJob::simple_format(text, format);
        job.wrap.max_width = key.column_width_pt;
        let galley = layout(job);
        let h = galley.size().y;
        lines.push((galley, Vec2::new(0.0, *y)));
        *y += h + gap_after;
    };
    let facts: Vec<String> = meta
        .case_number
        .iter()
        .cloned()
        .chain(meta.date.as_deref().map(|d| PartialDate::parse(d).map_or_else(|_| d.to_owned(), |d| d.to_string())))
        .collect();
    if !facts.is_empty() {
        line(facts.join("  ·  ").to_uppercase(), body * 0.75, false, false, p.muted, body * 0.4, &mut y);
    }
    line(case.title(), body * 2.0, true, false, p.heading, body * 0.3, &mut y);
    if let Some(subtitle) = meta.subtitle.as_ref().filter(|s| !s.trim().is_empty()) {
        line(subtitle.trim().to_owned(), body * 1.2, false, true, p.muted, body * 0.3, &mut y);
    }
    if !meta.authors.is_empty() {
        line(meta.authors.join(", "), body * 0.9, false, false, p.text, 0.0, &mut y);
    }
    let rule_y_pt = y + body * 0.9;
    (Header { lines, rule_y_pt }, rule_y_pt + body * 1.2)
}

impl BlockLayout {
    pub fn height_pt(&self) -> f32 {
        self.space_before_pt + self.content_height_pt
    }
}

/// How much space goes above a block.
fn space_before(doc: &Document, i: usize, key: &LayoutKey) -> f32 {
    let body = key.body_pt();
    let block = &doc.blocks[i];
    // The first block leaves a margin at the top of the page.
    let Some(prev) = i.checked_sub(1).map(|p| &doc.blocks[p]) else { return body * 1.5 };
    if prev.text.end == block.text.start && !prev.text.is_empty() {
        // A continuation of a paragraph cut for layout.
        return 0.0;
    }
    match (&prev.kind, &block.kind) {
        (_, BlockKind::Heading { level, .. }) => body * if *level <= 2 { 1.6 } else { 1.1 },
        (BlockKind::TableRow { .. }, BlockKind::TableRow { .. }) => 0.0,
        _ if block.marker.is_some() && prev.marker.is_some() && block.depth == prev.depth => body * 0.35,
        _ => body * 0.75,
    }
}

/// A quick guess at a block's height, for blocks not yet laid out.
pub fn estimate_height(doc: &Document, i: usize, key: &LayoutKey) -> f32 {
    let block = &doc.blocks[i];
    let body = key.body_pt();
    let (font_pt, line) = match &block.kind {
        BlockKind::Heading { level, .. } => {
            (body * size::heading_scale(*level), body * size::heading_scale(*level) * 1.3)
        }
        BlockKind::Code { .. } | BlockKind::Html => (size::CODE_PT * key.zoom, size::CODE_PT * key.zoom * 1.4),
        BlockKind::Rule => return space_before(doc, i, key) + body,
        _ if i == 0 => return 12.0 * body,
        BlockKind::Image { .. } => return space_before(doc, i, key) + 18.0 * body,
        BlockKind::TableRow { cells, .. } => {
            let columns = cells.len().max(1) as f32;
            let longest = block.text.len() as f32 / columns;
            let per_line = (key.column_width_pt / columns / (0.5 * body)).max(4.0);
            return (longest / per_line).ceil().max(1.0) * body * size::LINE_HEIGHT + body * 0.8;
        }
        BlockKind::Paragraph => (body, body * size::LINE_HEIGHT),
    };
    let width = (key.column_width_pt - visual_depth(block.depth) as f32 * key.indent_pt()).max(100.0);
    let per_line = (width / (0.5 * font_pt)).max(8.0);
    let lines = (block.text.len() as f32 / per_line).ceil().max(1.0);
    space_before(doc, i, key) + lines * line
}

fn visual_depth(depth: u32) -> u32 {
    depth.min(size::MAX_VISUAL_DEPTH)
}

struct Formats {
    palette: Palette,
    font_pt: f32,
    code_pt: f32,
    line_height_pt: f32,
    bold: bool,
    color: Color32,
}

impl Formats {
    fn for_run(&self, style: Style, link: bool) -> TextFormat {
        let code = style.contains(Style::CODE);
        let font_id = if code {
            FontId::new(self.code_pt, FontFamily::Monospace)
        } else {
            FontId::new(
                self.font_pt,
                fonts::family(self.bold || style.contains(Style::STRONG), style.contains(Style::EMPHASIS)),
            )
        };
        let color = if link { self.palette.link } else { self.color };
        TextFormat {
            font_id,
            line_height: Some(self.line_height_pt),
            color,
            background: if code { self.palette.code_bg } else { Color32::TRANSPARENT },
            underline: if link { Stroke::new(1.0, self.palette.link.gamma_multiply(0.6)) } else { Stroke::NONE },
            strikethrough: if style.contains(Style::STRIKE) { Stroke::new(1.5, color) } else { Stroke::NONE },
            ..TextFormat::default()
        }
    }
}

/// Builds a layout job for the text `range` of the document, styled by `runs`, with find
/// matches painted behind.
fn job(
    doc: &Document,
    range: Range<usize>,
    runs: &[Run],
    formats: &Formats,
    highlights: Highlights<'_>,
    wrap_pt: f32,
) -> LayoutJob {
    let mut job = LayoutJob {
        text: doc.text[range.clone()].to_owned(),
        wrap: TextWrapping { max_width: wrap_pt.max(20.0), ..Default::default() },
        ..Default::default()
    };
    let first_match = highlights.matches.partition_point(|m| m.end <= range.start);
    let matches = &highlights.matches[first_match..];
    let matches_here = matches.iter().take_while(|m| m.start < range.end);
    let mut cuts: Vec<usize> = vec![range.start, range.end];
    for r in runs {
        cuts.push(r.text.start.clamp(range.start, range.end));
        cuts.push(r.text.end.clamp(range.start, range.end));
    }
    for m in matches_here.clone() {
        cuts.push(m.start.clamp(range.start, range.end));
        cuts.push(m.end.clamp(range.start, range.end));
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut run_i = 0;
    for pair in cuts.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        while run_i < runs.len() && runs[run_i].text.end <= a {
            run_i += 1;
        }
        let run = runs.get(run_i).filter(|r| r.text.start <= a);
        let mut format = match run {
            Some(r) => formats.for_run(r.style, r.link.is_some() || r.footnote_ref.is_some()),
            None => formats.for_run(Style::default(), false),
        };
        let hit = matches_here.clone().enumerate().find(|(_, m)| m.start <= a && m.end > a);
        if let Some((k, _)) = hit {
            let current = highlights.current == Some(first_match + k);
            format.background = if current { formats.palette.find_current } else { formats.palette.find };
        }
        job.sections.push(LayoutSection {
            leading_space: 0.0,
            byte_range: ByteIndex(a - range.start)..ByteIndex(b - range.start),
            format,
        });
    }
    job
}

fn marker_text(marker: &ListMarker) -> String {
    match marker {
        ListMarker::Bullet => "•".to_owned(),
        ListMarker::Ordered(n) => format!("{n}."),
        ListMarker::Task { checked: true } => "☑".to_owned(),
        ListMarker::Task { checked: false } => "☐".to_owned(),
        ListMarker::Footnote(n) => format!("{n}."),
    }
}

/// Lays out block `i` of the case. `layout` turns a job into a galley (through egui's fonts).
pub fn layout_block(
    case: &Case,
    i: usize,
    key: &LayoutKey,
    highlights: Highlights<'_>,
    images: &mut ImageCache,
    layout: &mut dyn FnMut(LayoutJob) -> Arc<Galley>,
) -> BlockLayout {
    let doc = &case.doc;
    let block = &doc.blocks[i];
    let body = key.body_pt();
    let palette = key.palette;
    let indent_pt = visual_depth(block.depth) as f32 * key.indent_pt();
    let content_w = (key.column_width_pt - indent_pt).max(80.0);
    let is_footnote = block.marker.as_ref().is_some_and(|m| matches!(m, ListMarker::Footnote(_)));
    let mut formats = Formats {
        palette,
        font_pt: if is_footnote { body * 0.88 } else { body },
        code_pt: size::CODE_PT * key.zoom,
        line_height_pt: body * size::LINE_HEIGHT,
        bold: false,
        color: palette.text,
    };
    let runs = doc.block_runs(i);
    let mut out = BlockLayout {
        space_before_pt: space_before(doc, i, key),
        indent_pt,
        content_height_pt: 0.0,
        pieces: Vec::new(),
        marker: None,
        decoration: Decoration::None,
        notes_rule: is_footnote && doc.footnotes.iter().filter_map(|f| f.definition).min() == Some(i),
        header: None,
    };
    if i == 0 {
        let (h, height_pt) = header(case, key, layout);
        out.header = Some(h);
        out.space_before_pt = height_pt;
    }
    if out.notes_rule {
        out.space_before_pt += body;
    }
    if let Some(marker) = &block.marker {
        let color = if is_footnote { palette.link } else { palette.muted };
        let font = FontId::new(formats.font_pt, fonts::family(false, false));
        out.marker = Some(layout(LayoutJob::simple_singleline(marker_text(marker), font, color)));
    }
    match &block.kind {
        BlockKind::Paragraph | BlockKind::Heading { .. } => {
            if let BlockKind::Heading { level, .. } = block.kind {
                formats.font_pt = body * size::heading_scale(level);
                formats.line_height_pt = formats.font_pt * 1.3;
                formats.bold = true;
                formats.color = palette.heading;
            }
            let galley = layout(job(doc, block.text.clone(), runs, &formats, highlights, content_w));
            out.content_height_pt = galley.size().y;
            out.pieces.push(TextPiece { galley, offset: Vec2::ZERO, text_start: block.text.start });
        }
        BlockKind::Code { .. } | BlockKind::Html => {
            let pad = 0.6 * body;
            formats.line_height_pt = formats.code_pt * 1.4;
            let galley = layout(job(doc, block.text.clone(), runs, &formats, highlights, content_w - 2.0 * pad));
            out.content_height_pt = galley.size().y + 2.0 * pad;
            out.pieces.push(TextPiece { galley, offset: Vec2::splat(pad), text_start: block.text.start });
            out.decoration = Decoration::CodeBackground;
        }
        BlockKind::Rule => {
            out.content_height_pt = body;
            out.decoration = Decoration::Rule;
        }
        BlockKind::Image { image } => {
            let width_hint_px = (content_w * 2.0).round() as u32;
            let state = images.get(case, *image, width_hint_px);
            let (width_pt, height_pt) = match state {
                ImageState::Ready { size_px, .. } => {
                    let natural_w = size_px[0] as f32 / 1.5 * key.zoom;
                    let w = natural_w.min(content_w).max(1.0);
                    (w, w * size_px[1] as f32 / size_px[0].max(1) as f32)
                }
                ImageState::Failed(_) => (content_w, 3.0 * body),
            };
            formats.font_pt = body * 0.85;
            formats.color = palette.muted;
            let caption = Style::EMPHASIS;
            let caption_runs: Vec<Run> =
                runs.iter().map(|r| Run { style: r.style.with(caption), ..r.clone() }).collect();
            let galley = layout(job(doc, block.text.clone(), &caption_runs, &formats, highlights, content_w));
            let gap = 0.4 * body;
            out.content_height_pt = height_pt + gap + galley.size().y;
            out.pieces.push(TextPiece {
                galley,
                offset: Vec2::new(0.0, height_pt + gap),
                text_start: block.text.start,
            });
            out.decoration = Decoration::Image { width_pt, height_pt };
        }
        BlockKind::TableRow { header, cells, aligns, columns } => {
            let pad = 0.45 * body;
            formats.font_pt = body * 0.9;
            let char_pt = formats.font_pt * 0.55;
            let padded: Vec<ColumnWidth> = columns
                .iter()
                .map(|c| ColumnWidth { min_chars: c.min_chars + 2, max_chars: c.max_chars + 2 })
                .collect();
            let mut column_edges_pt = vec![0.0];
            for w in column_widths(&padded, char_pt, content_w) {
                column_edges_pt.push(column_edges_pt.last().copied().unwrap_or(0.0) + w);
            }
            formats.line_height_pt = formats.font_pt * 1.4;
            formats.bold = *header;
            let mut row_h: f32 = 0.0;
            let mut cell_start = block.text.start;
            for (c, cell) in cells.iter().enumerate() {
                let x = column_edges_pt.get(c).copied().unwrap_or(0.0);
                let cell_w = column_edges_pt.get(c + 1).copied().unwrap_or(content_w) - x;
                let cell_runs = &doc.runs[cell.clone()];
                let start = cell_runs.first().map_or(cell_start, |r| r.text.start);
                let end = cell_runs.last().map_or(start, |r| r.text.end);
                cell_start = end + 1;
                let galley = layout(job(doc, start..end, cell_runs, &formats, highlights, cell_w - 2.0 * pad));
                let slack = (cell_w - 2.0 * pad - galley.size().x).max(0.0);
                let dx = match aligns.get(c) {
                    Some(Align::Right) => slack,
                    Some(Align::Center) => slack / 2.0,
                    _ => 0.0,
                };
                row_h = row_h.max(galley.size().y);
                out.pieces.push(TextPiece { galley, offset: Vec2::new(x + pad + dx, pad), text_start: start });
            }
            out.content_height_pt = row_h + 2.0 * pad;
            out.decoration = Decoration::TableRow { header: *header, column_edges_pt };
        }
    }
    out
}
