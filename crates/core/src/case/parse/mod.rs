//! Builds a [`Document`] from Markdown with pulldown-cmark, without recursion.

use pulldown_cmark::{Alignment, CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

use super::document::{
    Align, Block, BlockKind, ColumnWidth, Document, Footnote, ImageRef, ListMarker, PageStart, Run, Style,
};

/// Paragraphs longer than this are cut into several blocks that continue one another, so that
/// a one-megabyte paragraph is laid out a screenful at a time.
const MAX_BLOCK_BYTES: usize = 8 * 1024;
const CHUNK_BYTES: usize = 4 * 1024;

/// The page an HTML comment marks, if it is a page mark, `<!-- page N -->`, as the converters
/// write them (`convert::markdown::page_mark`).
pub fn page_of_mark(html: &str) -> Option<u32> {
    let inner = html.trim().strip_prefix("<!--")?.strip_suffix("-->")?.trim();
    inner.strip_prefix("page")?.trim().parse().ok()
}

/// Whether a piece of HTML is one whole comment, which the reader hides.
pub fn is_comment(html: &str) -> bool {
    let html = html.trim();
    html.starts_with("<!--") && html.ends_with("-->")
}

pub fn markdown_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Parses a Markdown body. `first_line` is the line of `case.md` on which the body starts.
pub fn parse(markdown: &str, first_line: usize) -> Document {
    let mut b = Builder::new(markdown, first_line);
    for (event, range) in Parser::new_ext(markdown, markdown_options()).into_offset_iter() {
        b.event(event, range.start);
    }
    b.close_leaf();
    b.doc
}

struct Leaf {
    kind: BlockKind,
    text_start: usize,
    runs_start: usize,
    line: usize,
    marker: Option<ListMarker>,
}

#[derive(PartialEq)]
enum Container {
    Quote,
    Item,
    Footnote,
}

struct Builder {
    doc: Document,
    line_starts: Vec<usize>,
    first_line: usize,
    containers: Vec<Container>,
    quote_depth: u32,
    lists: Vec<Option<u64>>,
    pending_marker: Option<ListMarker>,
    /// A page mark seen between blocks, for the next block.
    pending_page: Option<u32>,
    leaf: Option<Leaf>,
    emphasis: u32,
    strong: u32,
    strike: u32,
    links: Vec<u32>,
    table_aligns: Vec<Align>,
    cells: Vec<std::ops::Range<usize>>,
    cell_start: usize,
    table_first_block: usize,
    in_image: bool,
}

impl Builder {
    fn new(markdown: &str, first_line: usize) -> Self {
        let line_starts = std::iter::once(0).chain(memchr_newlines(markdown)).collect();
        Self {
            doc: Document { text: String::with_capacity(markdown.len()), ..Document::default() },
            line_starts,
            first_line,
            containers: Vec::new(),
            quote_depth: 0,
            lists: Vec::new(),
            pending_marker: None,
            pending_page: None,
            leaf: None,
            emphasis: 0,
            strong: 0,
            strike: 0,
            links: Vec::new(),
            table_aligns: Vec::new(),
            cells: Vec::new(),
            cell_start: 0,
            table_first_block: 0,
            in_image: false,
        }
    }

    fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= offset) - 1 + self.first_line
    }

    fn style(&self) -> Style {
        let mut s = Style::default();
        if self.emphasis > 0 {
            s = s.with(Style::EMPHASIS);
        }
        if self.strong > 0 {
            s = s.with(Style::STRONG);
        }
        if self.strike > 0 {
            s = s.with(Style::STRIKE);
        }
        s
    }

    fn footnote_index(&mut self, label: &str) -> u32 {
        match self.doc.footnotes.iter().position(|f| f.label == label) {
            Some(i) => i as u32,
            None => {
                self.doc.footnotes.push(Footnote { label: label.to_owned(), definition: None, first_reference: None });
                (self.doc.footnotes.len() - 1) as u32
            }
        }
    }

    fn open_leaf(&mut self, kind: BlockKind, offset: usize) {
        self.close_leaf();
        if !self.doc.text.is_empty() {
            self.doc.text.push('\n');
        }
        if let Some(page) = self.pending_page.take() {
            self.doc.pages.push(PageStart { page, offset: self.doc.text.len() });
        }
        let marker = self.pending_marker.take();
        if let Some(ListMarker::Footnote(n)) = marker {
            self.doc.footnotes[n as usize - 1].definition = Some(self.doc.blocks.len());
        }
        self.leaf = Some(Leaf {
            kind,
            text_start: self.doc.text.len(),
            runs_start: self.doc.runs.len(),
            line: self.line_of(offset),
            marker,
        });
    }

    fn ensure_leaf(&mut self, offset: usize) {
        if self.leaf.is_none() {
            self.open_leaf(BlockKind::Paragraph, offset);
        }
    }

    fn close_leaf(&mut self) {
        let Some(leaf) = self.leaf.take() else { return };
        let text = &mut self.doc.text;
        if matches!(leaf.kind, BlockKind::Code { .. } | BlockKind::Html) {
            while text.len() > leaf.text_start && text.ends_with('\n') {
                text.pop();
            }
            let end = text.len();
            for run in &mut self.doc.runs[leaf.runs_start..] {
                run.text.end = run.text.end.min(end);
                run.text.start = run.text.start.min(end);
            }
            self.doc.runs.retain(|r| !r.text.is_empty());
        }
        let end = self.doc.text.len();
        let keep = end > leaf.text_start
            || leaf.marker.is_some()
            || !matches!(leaf.kind, BlockKind::Paragraph | BlockKind::Html);
        if !keep {
            // An empty paragraph: take back its separator too.
            self.doc.text.truncate(leaf.text_start.saturating_sub(1));
            self.doc.runs.truncate(leaf.runs_start);
            return;
        }
        let depth = self.containers.len() as u32;
        let splittable = matches!(leaf.kind, BlockKind::Paragraph | BlockKind::Code { .. } | BlockKind::Html);
        if splittable && end - leaf.text_start > MAX_BLOCK_BYTES {
            self.push_chunked(leaf, depth);
            return;
        }
        self.doc.blocks.push(Block {
            kind: leaf.kind,
            text: leaf.text_start..end,
            runs: leaf.runs_start..self.doc.runs.len(),
            line: leaf.line,
            depth,
            quote_depth: self.quote_depth,
            marker: leaf.marker,
        });
    }

    /// Cuts a long block into blocks whose texts follow each other with no separator, each
    /// ending at a line break or a space where there is one. Linear in the block's runs.
    fn push_chunked(&mut self, leaf: Leaf, depth: u32) {
        let end = self.doc.text.len();
        let mut runs = self.doc.runs.split_off(leaf.runs_start).into_iter();
        let mut carry: Option<Run> = None;
        let mut start = leaf.text_start;
        let mut marker = leaf.marker;
        while start < end {
            let cut = self.chunk_end(start, end);
            let runs_start = self.doc.runs.len();
            while let Some(run) = carry.take().or_else(|| runs.next()) {
                if run.text.start >= cut {
                    carry = Some(run);
                    break;
                }
                if run.text.end > cut {
                    let tail = Run { text: cut..run.text.end, ..run.clone() };
                    self.doc.runs.push(Run { text: run.text.start..cut, ..run });
                    carry = Some(tail);
                    break;
                }
                self.doc.runs.push(run);
            }
            self.doc.blocks.push(Block {
                kind: leaf.kind.clone(),
                text: start..cut,
                runs: runs_start..self.doc.runs.len(),
                line: leaf.line,
                depth,
                quote_depth: self.quote_depth,
                marker: marker.take(),
            });
            start = cut;
        }
    }

    /// Where the chunk of a long block that starts at `start` ends.
    fn chunk_end(&self, start: usize, end: usize) -> usize {
        if end - start <= MAX_BLOCK_BYTES {
            return end;
        }
        let mut cut = start + CHUNK_BYTES;
        while !self.doc.text.is_char_boundary(cut) {
            cut -= 1;
        }
        let window = &self.doc.text[start..cut];
        let at = window.rfind('\n').filter(|&i| i > 0).or_else(|| window.rfind(' ').filter(|&i| i > 0));
        at.map_or(cut, |i| start + i + 1)
    }

    /// Measures each column of the table just closed, for the reader to size them.
    fn measure_columns(&mut self) {
        let mut widths: Vec<ColumnWidth> = Vec::new();
        for row in &self.doc.blocks[self.table_first_block..] {
            if let BlockKind::TableRow { cells, .. } = &row.kind {
                widths.resize(widths.len().max(cells.len()), ColumnWidth::default());
                for (c, cell) in cells.iter().enumerate() {
                    let runs = &self.doc.runs[cell.clone()];
                    let text =
                        runs.first().zip(runs.last()).map_or("", |(a, b)| &self.doc.text[a.text.start..b.text.end]);
                    let longest_word = text.split_whitespace().map(|w| w.chars().count()).max().unwrap_or(0);
                    let chars = text.chars().count();
                    widths[c].min_chars = widths[c].min_chars.max(longest_word.min(40) as u16);
                    widths[c].max_chars = widths[c].max_chars.max(chars.min(2000) as u16);
                }
            }
        }
        for row in &mut self.doc.blocks[self.table_first_block..] {
            if let BlockKind::TableRow { columns, .. } = &mut row.kind {
                columns.clone_from(&widths);
            }
        }
    }

    fn push_text(&mut self, s: &str, style: Style, footnote_ref: Option<u32>, offset: usize) {
        if s.is_empty() {
            return;
        }
        self.ensure_leaf(offset);
        let start = self.doc.text.len();
        self.doc.text.push_str(s);
        let end = self.doc.text.len();
        let link = self.links.last().copied();
        let runs_start = self.leaf.as_ref().map_or(0, |l| l.runs_start);
        let in_leaf = self.doc.runs.len() > runs_start;
        if let Some(last) = self.doc.runs.last_mut().filter(|_| in_leaf)
            && last.text.end == start
            && last.style == style
            && last.link == link
            && last.footnote_ref.is_none()
            && footnote_ref.is_none()
        {
            last.text.end = end;
            return;
        }
        self.doc.runs.push(Run { text: start..end, style, link, footnote_ref });
    }

    fn event(&mut self, event: Event<'_>, offset: usize) {
        match event {
            Event::Start(tag) => self.start(tag, offset),
            Event::End(tag) => self.end(tag, offset),
            Event::Text(t) => {
                if matches!(self.leaf.as_ref().map(|l| &l.kind), Some(BlockKind::Code { .. })) {
                    self.push_text(&t, Style::CODE, None, offset);
                } else {
                    self.push_text(&t, self.style(), None, offset);
                }
            }
            Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                self.push_text(&t, self.style().with(Style::CODE), None, offset);
            }
            Event::Html(t) if is_comment(&t) => {
                // A comment is hidden, as every renderer hides it; a page mark is kept for the
                // block that follows it.
                if let Some(page) = page_of_mark(&t) {
                    self.pending_page = Some(page);
                }
            }
            Event::InlineHtml(t) if is_comment(&t) => {
                if let Some(page) = page_of_mark(&t) {
                    self.doc.pages.push(PageStart { page, offset: self.doc.text.len() });
                }
            }
            Event::Html(t) => {
                if !matches!(self.leaf.as_ref().map(|l| &l.kind), Some(BlockKind::Html)) {
                    self.open_leaf(BlockKind::Html, offset);
                }
                self.push_text(&t, Style::CODE, None, offset);
            }
            Event::InlineHtml(t) => self.push_text(&t, self.style().with(Style::CODE), None, offset),
            Event::FootnoteReference(label) => {
                let index = self.footnote_index(&label);
                self.ensure_leaf(offset);
                let footnote = &mut self.doc.footnotes[index as usize];
                if footnote.first_reference.is_none() {
                    footnote.first_reference = Some(self.doc.blocks.len());
                }
                self.push_text(&format!("[{}]", index + 1), self.style(), Some(index), offset);
            }
            Event::SoftBreak => self.push_text(" ", self.style(), None, offset),
            Event::HardBreak => self.push_text("\n", self.style(), None, offset),
            Event::Rule => {
                self.open_leaf(BlockKind::Rule, offset);
                self.close_leaf();
            }
            Event::TaskListMarker(checked) => {
                let task = ListMarker::Task { checked };
                if self.pending_marker.is_some() {
                    self.pending_marker = Some(task);
                } else if let Some(leaf) = self.leaf.as_mut().filter(|l| l.marker.is_some()) {
                    leaf.marker = Some(task);
                }
            }
        }
    }

    fn start(&mut self, tag: Tag<'_>, offset: usize) {
        match tag {
            Tag::Paragraph => self.open_leaf(BlockKind::Paragraph, offset),
            Tag::Heading { level, id, .. } => {
                self.open_leaf(BlockKind::Heading { level: level as u8, anchor: id.map(|s| s.to_string()) }, offset);
            }
            Tag::BlockQuote(_) => {
                self.close_leaf();
                self.containers.push(Container::Quote);
                self.quote_depth += 1;
            }
            Tag::CodeBlock(kind) => {
                let language = match kind {
                    CodeBlockKind::Fenced(lang) if !lang.trim().is_empty() => Some(lang.trim().to_owned()),
                    _ => None,
                };
                self.open_leaf(BlockKind::Code { language }, offset);
            }
            // Opened at its first line that is not a comment: a block of comments shows nothing.
            Tag::HtmlBlock => self.close_leaf(),
            Tag::List(start) => {
                self.close_leaf();
                self.lists.push(start);
            }
            Tag::Item => {
                self.close_leaf();
                self.containers.push(Container::Item);
                let marker = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        let marker = ListMarker::Ordered(*n);
                        *n += 1;
                        marker
                    }
                    _ => ListMarker::Bullet,
                };
                self.pending_marker = Some(marker);
            }
            Tag::FootnoteDefinition(label) => {
                self.close_leaf();
                let index = self.footnote_index(&label);
                self.containers.push(Container::Footnote);
                self.pending_marker = Some(ListMarker::Footnote(index + 1));
            }
            Tag::Table(aligns) => {
                self.close_leaf();
                self.table_first_block = self.doc.blocks.len();
                self.table_aligns = aligns
                    .iter()
                    .map(|a| match a {
                        Alignment::Center => Align::Center,
                        Alignment::Right => Align::Right,
                        Alignment::Left | Alignment::None => Align::Left,
                    })
                    .collect();
            }
            Tag::TableHead | Tag::TableRow => {
                let header = matches!(tag, Tag::TableHead);
                self.open_leaf(
                    BlockKind::TableRow {
                        header,
                        cells: Vec::new(),
                        aligns: self.table_aligns.clone(),
                        columns: Vec::new(),
                    },
                    offset,
                );
                self.cells.clear();
            }
            Tag::TableCell => {
                if !self.cells.is_empty() {
                    self.doc.text.push('\t');
                }
                self.cell_start = self.doc.runs.len();
            }
            Tag::Emphasis => self.emphasis += 1,
            Tag::Strong => self.strong += 1,
            Tag::Strikethrough => self.strike += 1,
            Tag::Link { dest_url, .. } => {
                self.doc.links.push(dest_url.to_string());
                self.links.push((self.doc.links.len() - 1) as u32);
            }
            Tag::Image { dest_url, .. } => {
                let in_table = matches!(self.leaf.as_ref().map(|l| &l.kind), Some(BlockKind::TableRow { .. }));
                let image = self.doc.images.len() as u32;
                let line = self.line_of(offset);
                self.doc.images.push(ImageRef { src: dest_url.to_string(), alt: String::new(), line });
                // In a table cell, the alt text stands in for the image.
                if !in_table {
                    self.open_leaf(BlockKind::Image { image }, offset);
                    self.in_image = true;
                }
            }
            Tag::Superscript
            | Tag::Subscript
            | Tag::MetadataBlock(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition => {}
        }
    }

    fn end(&mut self, tag: TagEnd, offset: usize) {
        match tag {
            TagEnd::Paragraph => self.close_leaf(),
            TagEnd::Heading(_) | TagEnd::CodeBlock | TagEnd::HtmlBlock => self.close_leaf(),
            TagEnd::BlockQuote(_) => {
                self.close_leaf();
                self.containers.pop();
                self.quote_depth = self.quote_depth.saturating_sub(1);
            }
            TagEnd::List(_) => {
                self.close_leaf();
                self.lists.pop();
            }
            TagEnd::Item | TagEnd::FootnoteDefinition => {
                if self.pending_marker.is_some() {
                    // An empty item still shows its bullet.
                    self.open_leaf(BlockKind::Paragraph, offset);
                }
                self.close_leaf();
                self.containers.pop();
            }
            TagEnd::Table => {
                self.close_leaf();
                self.measure_columns();
            }
            TagEnd::TableHead | TagEnd::TableRow => {
                if let Some(Leaf { kind: BlockKind::TableRow { cells, .. }, .. }) = self.leaf.as_mut() {
                    *cells = std::mem::take(&mut self.cells);
                }
                self.close_leaf();
            }
            TagEnd::TableCell => self.cells.push(self.cell_start..self.doc.runs.len()),
            TagEnd::Emphasis => self.emphasis = self.emphasis.saturating_sub(1),
            TagEnd::Strong => self.strong = self.strong.saturating_sub(1),
            TagEnd::Strikethrough => self.strike = self.strike.saturating_sub(1),
            TagEnd::Link => {
                self.links.pop();
            }
            TagEnd::Image => {
                if self.in_image {
                    self.in_image = false;
                    if let Some(leaf) = &self.leaf {
                        let alt = self.doc.text[leaf.text_start..].to_owned();
                        if let Some(image) = self.doc.images.last_mut() {
                            image.alt = alt;
                        }
                    }
                    self.close_leaf();
                }
            }
            TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::MetadataBlock(_)
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition => {}
        }
    }
}

fn memchr_newlines(s: &str) -> impl Iterator<Item = usize> + '_ {
    s.bytes().enumerate().filter(|&(_, b)| b == b'\n').map(|(i, _)| i + 1)
}

#[cfg(test)]
mod tests;
