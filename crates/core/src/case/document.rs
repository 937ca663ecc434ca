//! The document model the reader draws: flat blocks of styled runs over one plain text.
//!
//! Nesting (lists, quotes, footnotes) is flattened into per-block depths, so nothing that walks
//! the document needs recursion, however deeply the Markdown nests.

use std::ops::Range;

/// Inline style bits of a run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Style(u8);

impl Style {
    pub const EMPHASIS: Self = Self(1);
    pub const STRONG: Self = Self(2);
    pub const STRIKE: Self = Self(4);
    pub const CODE: Self = Self(8);

    pub fn contains(self, other: Self) -> bool {
        self.0 & other.0 == other.0
    }

    pub fn with(self, other: Self) -> Self {
        Self(self.0 | other.0)
    }
}

/// A stretch of text with one style.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Run {
    /// Byte range in `Document::text`.
    pub text: Range<usize>,
    pub style: Style,
    /// Index into `Document::links`.
    pub link: Option<u32>,
    /// Index into `Document::footnotes` for a footnote reference such as `[1]`.
    pub footnote_ref: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ListMarker {
    Bullet,
    Ordered(u64),
    Task {
        checked: bool,
    },
    /// The label of a footnote definition, with its number.
    Footnote(u32),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

/// How wide a table column wants to be, in characters: its longest word and its longest cell.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ColumnWidth {
    pub min_chars: u16,
    pub max_chars: u16,
}

/// Column widths in points for a table `available_pt` wide, as browsers do it: every column
/// gets its longest word, and the rest of the width goes to the columns with longer cells.
pub fn column_widths(columns: &[ColumnWidth], char_pt: f32, available_pt: f32) -> Vec<f32> {
    let min: Vec<f32> = columns.iter().map(|c| f32::from(c.min_chars.max(1)) * char_pt).collect();
    let max: Vec<f32> = columns.iter().zip(&min).map(|(c, m)| (f32::from(c.max_chars) * char_pt).max(*m)).collect();
    let (sum_min, sum_max): (f32, f32) = (min.iter().sum(), max.iter().sum());
    if sum_max <= available_pt {
        let extra = (available_pt - sum_max) / columns.len().max(1) as f32;
        return max.iter().map(|m| m + extra).collect();
    }
    if sum_min <= available_pt {
        let room = available_pt - sum_min;
        return min.iter().zip(&max).map(|(lo, hi)| lo + room * (hi - lo) / (sum_max - sum_min).max(1e-3)).collect();
    }
    min.iter().map(|m| m * available_pt / sum_min).collect()
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    Heading {
        level: u8,
        anchor: Option<String>,
    },
    Code {
        language: Option<String>,
    },
    /// Raw HTML, shown as written.
    Html,
    Rule,
    Image {
        image: u32,
    },
    /// One row of a table. `cells` are ranges of `Document::runs`, one per cell;
    /// `columns` measure each column over the whole table, the same in every row.
    TableRow {
        header: bool,
        cells: Vec<Range<usize>>,
        aligns: Vec<Align>,
        columns: Vec<ColumnWidth>,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    /// Byte range of the block's text in `Document::text`.
    pub text: Range<usize>,
    /// Range of the block's runs in `Document::runs`.
    pub runs: Range<usize>,
    /// 1-based line in `case.md` where the block starts.
    pub line: usize,
    /// Nesting depth in lists, quotes and footnotes; unbounded, so drawing caps it.
    pub depth: u32,
    pub quote_depth: u32,
    /// Set on the first block of a list item or footnote.
    pub marker: Option<ListMarker>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImageRef {
    /// As written in the Markdown, relative to the case folder.
    pub src: String,
    pub alt: String,
    pub line: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Footnote {
    pub label: String,
    /// Block holding the definition, if the case defines it.
    pub definition: Option<usize>,
    /// Block of the first reference, for the back-link.
    pub first_reference: Option<usize>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Document {
    /// The plain text of the case: blocks separated by `\n`, table cells by `\t`. Annotation
    /// anchors and find work on this.
    pub text: String,
    pub blocks: Vec<Block>,
    pub runs: Vec<Run>,
    pub links: Vec<String>,
    pub images: Vec<ImageRef>,
    pub footnotes: Vec<Footnote>,
    /// Where the pages of a converted document begin, in the order of the text.
    pub pages: Vec<PageStart>,
}

/// The start of a page of the document a case was converted from, marked in `case.md` with
/// `<!-- page N -->` (see `docs/FORMAT.md`), so a passage can be cited by its page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PageStart {
    pub page: u32,
    /// Byte offset in `Document::text`.
    pub offset: usize,
}

impl Document {
    /// The page of the original document that the text at `offset` is on, if the case marks
    /// pages.
    pub fn page_at(&self, offset: usize) -> Option<u32> {
        let after = self.pages.partition_point(|p| p.offset <= offset);
        after.checked_sub(1).map(|i| self.pages[i].page)
    }
}

/// An entry of the outline: a heading and its block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutlineEntry {
    pub level: u8,
    pub title: String,
    pub block: usize,
}

impl Document {
    pub fn block_text(&self, block: usize) -> &str {
        &self.text[self.blocks[block].text.clone()]
    }

    pub fn block_runs(&self, block: usize) -> &[Run] {
        &self.runs[self.blocks[block].runs.clone()]
    }

    pub fn outline(&self) -> Vec<OutlineEntry> {
        self.blocks
            .iter()
            .enumerate()
            .filter_map(|(i, b)| match b.kind {
                BlockKind::Heading { level, .. } => {
                    Some(OutlineEntry { level, title: self.block_text(i).to_owned(), block: i })
                }
                _ => None,
            })
            .collect()
    }

    /// The block containing a byte offset of `text` (the one before it, for a separator).
    pub fn block_at(&self, offset: usize) -> Option<usize> {
        if self.blocks.is_empty() {
            return None;
        }
        let i = self.blocks.partition_point(|b| b.text.start <= offset);
        Some(i.saturating_sub(1))
    }

    pub fn word_count(&self) -> usize {
        self.text.split_whitespace().count()
    }

    /// The block a heading anchor (`{#id}` or a GitHub-style slug) points at.
    pub fn heading_by_anchor(&self, anchor: &str) -> Option<usize> {
        self.blocks.iter().enumerate().find_map(|(i, b)| match &b.kind {
            BlockKind::Heading { anchor: Some(a), .. } if a == anchor => Some(i),
            BlockKind::Heading { anchor: None, .. } if slug(self.block_text(i)) == anchor => Some(i),
            _ => None,
        })
    }
}

/// GitHub's heading slug: lower case, spaces to dashes, punctuation dropped.
pub fn slug(title: &str) -> String {
    title
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c.to_lowercase().next().unwrap_or(c)),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_columns_share_the_width() {
        let col = |min_chars, max_chars| ColumnWidth { min_chars, max_chars };
        // Everything fits: each column gets its longest cell, plus an equal share of the rest.
        let w = column_widths(&[col(4, 10), col(5, 20)], 1.0, 40.0);
        assert_eq!(w, [15.0, 25.0]);
        // Not everything fits: longest words first, then in proportion to what more they want.
        let w = column_widths(&[col(10, 10), col(5, 45)], 1.0, 35.0);
        assert_eq!(w, [10.0, 25.0]);
        // Not even the words fit: in proportion to the words.
        let w = column_widths(&[col(10, 10), col(30, 40)], 1.0, 20.0);
        assert_eq!(w, [5.0, 15.0]);
    }
}
