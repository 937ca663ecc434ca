//! From lines in reading order to Markdown: footnotes, tables, figures, headings and
//! paragraphs joined across lines, columns and pages.

use std::collections::HashMap;

use super::footnotes::take_footnotes;
use super::lines::Line;
use super::lists::{ListMarker, marker_of};
use super::paragraph::{escape_inline, paragraph, words_of};
use crate::convert::Note;
use crate::convert::markdown;

/// A figure already decoded and named, where it sits on its page.
#[derive(Clone, Debug)]
pub(crate) struct Figure {
    pub name: String,
    pub column: u8,
    /// The top of the figure, in points from the page's bottom.
    pub top_pt: f32,
    pub x0_pt: f32,
    pub x1_pt: f32,
}

/// One page's lines in reading order, with its figures.
#[derive(Clone, Debug, Default)]
pub(crate) struct PageLines {
    pub number: u32,
    pub lines: Vec<Line>,
    pub figures: Vec<Figure>,
}

#[derive(Debug, Default)]
pub(crate) struct Laid {
    pub body: String,
    pub first_heading: Option<String>,
    pub notes: Vec<Note>,
}

pub(super) enum Item {
    Line(Line),
    Table(u32, Vec<Vec<String>>),
    Figure(u32, String),
}

/// The size most text is set in, by characters.
pub(crate) fn body_size(lines: &[Line]) -> f32 {
    let mut counts: HashMap<i32, usize> = HashMap::new();
    for l in lines {
        for p in &l.pieces {
            *counts.entry((p.size * 2.0).round() as i32).or_default() += p.text.len();
        }
    }
    counts.into_iter().max_by_key(|(s, n)| (*n, -*s)).map_or(10.0, |(s, _)| s as f32 / 2.0)
}

/// Numbering at the start of a heading: "2", "2.1", "2.1.3", "IV.", and how deep it goes.
fn numbering_depth(text: &str) -> Option<usize> {
    let head = text.split_whitespace().next()?;
    let rest = text[head.len()..].trim();
    if rest.is_empty() || !rest.chars().next().is_some_and(char::is_alphabetic) {
        return None;
    }
    let h = head.trim_end_matches('.');
    let parts: Vec<&str> = h.split('.').collect();
    if !h.is_empty() && parts.iter().all(|p| !p.is_empty() && p.len() <= 3 && p.chars().all(|c| c.is_ascii_digit())) {
        return Some(parts.len());
    }
    (head.ends_with('.') && h.len() <= 5 && h.chars().all(|c| "IVXLC".contains(c))).then_some(1)
}

/// Whether a line is set larger than the body, as headings are.
fn heading_size(line: &Line, body_size: f32) -> bool {
    line.size >= body_size * 1.15
}

struct Block {
    page: u32,
    lines: Vec<Line>,
    /// Where the list item the block opens with starts, if it is one: its wrapped lines hang
    /// to the right of it.
    item_x: Option<f32>,
}

/// Lays out the pages: everything after the lines are in reading order.
pub(crate) fn lay_out(mut pages: Vec<PageLines>, body_size: f32) -> Laid {
    let mut laid = Laid::default();
    let footnotes = take_footnotes(&mut pages, body_size);
    let words = words_of(&pages);

    // Line spacing of body text, from consecutive lines of one column.
    let mut gaps: Vec<f32> = Vec::new();
    for page in &pages {
        for w in page.lines.windows(2) {
            let (a, b) = (&w[0], &w[1]);
            if a.column == b.column && (a.size - body_size).abs() < 0.5 && (b.size - body_size).abs() < 0.5 {
                let gap = a.y - b.y;
                if gap > 0.0 && gap < body_size * 3.0 {
                    gaps.push(gap);
                }
            }
        }
    }
    gaps.sort_by(f32::total_cmp);
    let leading = gaps.get(gaps.len() / 2).copied().unwrap_or(body_size * 1.2);

    // Column edges per page and column, for indents and short last lines.
    let mut edges: HashMap<(u32, u8), (f32, f32)> = HashMap::new();
    for page in &pages {
        for l in page.lines.iter().filter(|l| (l.size - body_size).abs() < 0.5) {
            let e = edges.entry((l.page, l.column)).or_insert((f32::MAX, f32::MIN));
            e.0 = e.0.min(l.x0);
            e.1 = e.1.max(l.x1);
        }
    }

    // Items in reading order: lines, tables and figures.
    let mut items: Vec<Item> = Vec::new();
    for page in pages {
        let mut figures = page.figures.clone();
        figures.sort_by(|a, b| b.top_pt.total_cmp(&a.top_pt));
        let mut page_items = super::tables::find_tables(page.lines, &mut laid.notes);
        for fig in figures {
            let pos = page_items
                .iter()
                .position(|it| match it {
                    Item::Line(l) => (l.column == fig.column || l.column == 2) && l.y < fig.top_pt,
                    _ => false,
                })
                .unwrap_or(page_items.len());
            page_items.insert(pos, Item::Figure(page.number, fig.name));
        }
        items.extend(page_items);
    }

    // Blocks: runs of lines that make one paragraph or heading.
    let heading_like = |l: &Line| heading_size(l, body_size);
    let mut blocks: Vec<Result<Block, Item>> = Vec::new();
    for item in items {
        let Item::Line(line) = item else {
            blocks.push(Err(item));
            continue;
        };
        let opens_item = marker_of(&line.text()).is_some() && !heading_like(&line);
        if let Some(Ok(block)) = blocks.last_mut()
            && let Some(prev) = block.lines.last()
            && !opens_item
            && continues(prev, &line, body_size, leading, &edges, block.item_x)
        {
            block.lines.push(line);
            continue;
        }
        let item_x = opens_item.then_some(line.x0);
        blocks.push(Ok(Block { page: line.page, lines: vec![line], item_x }));
    }

    // Heading sizes, largest first, give levels.
    let mut sizes: Vec<i32> = blocks
        .iter()
        .filter_map(|b| b.as_ref().ok())
        .filter(|b| heading_like(&b.lines[0]) && b.lines.len() <= 3)
        .map(|b| (b.lines[0].size * 2.0).round() as i32)
        .collect();
    sizes.sort_unstable_by(|a, b| b.cmp(a));
    sizes.dedup();

    // The shallowest numbering among bold numbered lines, so "2.1" under a size-ranked "2"
    // is one level down, not two.
    let min_depth = blocks
        .iter()
        .filter_map(|b| b.as_ref().ok())
        .filter(|b| !heading_like(&b.lines[0]) && b.lines.len() <= 2 && b.lines.iter().all(Line::all_bold))
        .filter_map(|b| numbering_depth(&b.lines[0].text()))
        .min()
        .unwrap_or(1);
    let mut def_counts: HashMap<String, usize> = HashMap::new();
    let mut defs: Vec<(String, String)> = Vec::new();
    let mut available: HashMap<String, usize> = HashMap::new();
    for (label, text) in footnotes {
        let n = def_counts.entry(label.clone()).or_default();
        *n += 1;
        let unique = if *n == 1 { label.clone() } else { format!("{label}-{n}") };
        *available.entry(label).or_default() += 1;
        defs.push((unique, text));
    }
    let mut ref_counts: HashMap<String, usize> = HashMap::new();

    let mut out = String::new();
    let mut marked_page = 0u32;
    for block in blocks {
        let block = match block {
            Ok(b) => b,
            Err(Item::Table(page, rows)) => {
                mark_page(&mut out, &mut marked_page, page);
                out.push_str(&markdown::table(&rows));
                out.push('\n');
                continue;
            }
            Err(Item::Figure(page, name)) => {
                mark_page(&mut out, &mut marked_page, page);
                out.push_str(&format!("![Figure](images/{name})\n\n"));
                continue;
            }
            Err(Item::Line(_)) => continue,
        };
        let first = &block.lines[0];
        let plain: String = block.lines.iter().map(Line::text).collect::<Vec<_>>().join(" ");
        let size_rank = sizes.iter().position(|s| *s == (first.size * 2.0).round() as i32);
        let level = if heading_like(first) && block.lines.len() <= 3 {
            size_rank.map(|r| r + 1)
        } else if block.lines.len() <= 2
            && plain.len() < 120
            && block.lines.iter().all(Line::all_bold)
            && let Some(depth) = numbering_depth(&plain)
        {
            let above = sizes.iter().filter(|s| **s > (first.size * 2.0).round() as i32).count();
            Some(above + 1 + depth.saturating_sub(min_depth))
        } else if standalone_bold_head(&block.lines, &plain) {
            // A bold line standing alone at body size (Word's and LibreOffice's lowest heading
            // styles): one level below every larger heading.
            Some(sizes.iter().filter(|s| **s > (first.size * 2.0).round() as i32).count() + 1)
        } else {
            None
        };
        mark_page(&mut out, &mut marked_page, block.page);
        if let Some(level) = level {
            let text = plain.split_whitespace().collect::<Vec<_>>().join(" ");
            if laid.first_heading.is_none() {
                laid.first_heading = Some(text.clone());
            }
            out.push_str(&"#".repeat(level.min(6)));
            out.push(' ');
            out.push_str(&escape_inline(&text));
            out.push_str("\n\n");
            continue;
        }
        let para = paragraph(&block.lines, &words, &mut marked_page, &mut ref_counts, &available);
        match marker_of(&plain) {
            Some((marker, len)) => out.push_str(&list_item(&para, &marker, plain[..len].chars().count())),
            None => out.push_str(&para),
        }
        out.push_str("\n\n");
    }
    for (label, text) in defs {
        out.push_str(&markdown::footnote_def(&label, &markdown::escape(&text)));
        out.push('\n');
    }
    laid.body = out;
    laid
}

/// A paragraph that opens with a list marker as a Markdown list item: the marker, which the
/// paragraph holds escaped, is taken off and written as Markdown writes it.
fn list_item(para: &str, marker: &ListMarker, marker_chars: usize) -> String {
    let mut seen = 0;
    let mut cut = para.len();
    for (i, c) in para.char_indices() {
        if seen == marker_chars {
            cut = i;
            break;
        }
        if c != '\\' {
            seen += 1;
        }
    }
    let rest = para[cut..].trim_start();
    match marker {
        ListMarker::Bullet => format!("- {rest}"),
        ListMarker::Number(n) => format!("{n}. {rest}"),
        ListMarker::Label(label) => format!("- {} {rest}", escape_inline(label)),
    }
}

fn mark_page(out: &mut String, marked: &mut u32, page: u32) {
    if page > *marked {
        out.push_str(&markdown::page_mark(page));
        out.push('\n');
        *marked = page;
    }
}

/// Whether `next` goes on the paragraph `prev` is in.
fn continues(
    prev: &Line,
    next: &Line,
    body_size: f32,
    leading: f32,
    edges: &HashMap<(u32, u8), (f32, f32)>,
    item_x: Option<f32>,
) -> bool {
    let (prev_heading, next_heading) = (heading_size(prev, body_size), heading_size(next, body_size));
    if prev_heading != next_heading || (prev.size - next.size).abs() > 1.0 {
        return false;
    }
    let (left, _) = edges.get(&(next.page, next.column)).copied().unwrap_or((next.x0, next.x1));
    let (_, prev_right) = edges.get(&(prev.page, prev.column)).copied().unwrap_or((prev.x0, prev.x1));
    let short = prev.x1 < prev_right - body_size * 3.0;
    let bold_head = short && standalone_bold_head(std::slice::from_ref(prev), &prev.text());
    if prev.all_bold() != next.all_bold() && (prev_heading || bold_head || numbering_depth(&prev.text()).is_some()) {
        return false;
    }
    let indented = next.x0 > left + body_size * 0.8;
    let text = prev.text();
    let ends_sentence = text.ends_with(['.', '!', '?', ':', '"', '\u{201d}', ')']);
    let same_flow = prev.page == next.page && prev.column == next.column && prev.y > next.y;
    if same_flow {
        let gap = prev.y - next.y;
        if prev_heading {
            return gap < prev.size * 1.6;
        }
        if gap > leading * 1.4 || (short && ends_sentence) {
            return false;
        }
        // An indented line goes on when it hangs under a list item's text, or lines up with
        // an indented line before it (a quotation, a list whose bullets are drawn).
        let hangs = item_x.is_some_and(|x| next.x0 > x + body_size * 0.3);
        let lines_up = prev.x0 > left + body_size * 0.8 && (next.x0 - prev.x0).abs() < 1.0;
        return !indented || hangs || lines_up;
    }
    !(prev_heading || indented || (short && ends_sentence) || next.column == 2 && prev.column != 2)
}

/// A short paragraph all in bold that reads as a title, not a sentence: no closing full stop,
/// comma, semicolon or colon, and a capital first. A bold run-in head is never one, since the
/// text that follows it is in the same paragraph and not bold.
fn standalone_bold_head(lines: &[Line], plain: &str) -> bool {
    let plain = plain.trim();
    lines.len() <= 2
        && plain.chars().count() < 100
        && lines.iter().all(Line::all_bold)
        && !plain.ends_with(['.', ',', ';', ':'])
        && plain.chars().next().is_some_and(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::convert::pdf::lines::Piece;

    #[test]
    fn numbering_makes_a_heading_depth() {
        assert_eq!(numbering_depth("2.1 Removing the Causes"), Some(2));
        assert_eq!(numbering_depth("3 A Republican Remedy"), Some(1));
        assert_eq!(numbering_depth("IV. Powers"), Some(1));
        assert_eq!(numbering_depth("1787 was a year"), None);
        assert_eq!(numbering_depth("Two methods."), None);
    }

    fn line(page: u32, column: u8, y: f32, x0: f32, text: &str, size: f32, bold: bool) -> Line {
        let x1 = x0 + text.len() as f32 * size * 0.5;
        Line {
            page,
            column,
            y,
            size,
            x0,
            x1,
            pieces: vec![Piece { text: text.into(), x0, x1, y, size, bold, italic: false }],
        }
    }

    #[test]
    fn paragraphs_join_across_pages_with_a_page_mark_and_footnotes_attach() {
        let mut p1 = vec![
            line(1, 0, 700.0, 72.0, "Big Title", 20.0, true),
            line(1, 0, 660.0, 72.0, "The first paragraph runs over the end of the", 10.0, false),
            line(1, 0, 648.0, 72.0, "page and the word is hyphen-", 10.0, false),
            line(1, 0, 80.0, 72.0, "1 A note at the foot.", 8.0, false),
        ];
        // A raised marker after "the end".
        p1[1].pieces.push(Piece {
            text: "1".into(),
            x0: 300.0,
            x1: 303.0,
            y: 663.5,
            size: 6.0,
            bold: false,
            italic: false,
        });
        let p2 = vec![line(2, 0, 700.0, 72.0, "ated here.", 10.0, false)];
        let pages = vec![
            PageLines { number: 1, lines: p1, figures: vec![] },
            PageLines { number: 2, lines: p2, figures: vec![] },
        ];
        let laid = lay_out(pages, 10.0);
        assert!(laid.body.starts_with("<!-- page 1 -->\n# Big Title\n\n"), "{}", laid.body);
        assert!(
            laid.body.contains("end of the[^1] page and the word is hyphenated <!-- page 2 --> here."),
            "{}",
            laid.body
        );
        assert!(laid.body.contains("[^1]: A note at the foot."), "{}", laid.body);
    }

    #[test]
    fn a_bold_line_standing_alone_is_the_lowest_heading() {
        // Lines 12 pt apart; the bold head has room above it, as heading styles give it.
        let lines = vec![
            line(1, 0, 700.0, 72.0, "Origins", 14.0, true),
            line(1, 0, 680.0, 72.0, "The doctrine was first stated in the annual message", 10.0, false),
            line(1, 0, 668.0, 72.0, "of December, when the President warned the powers", 10.0, false),
            line(1, 0, 656.0, 72.0, "of Europe.", 10.0, false),
            line(1, 0, 634.0, 72.0, "Reception Abroad", 10.0, true),
            line(1, 0, 618.0, 72.0, "European governments paid it little attention at first,", 10.0, false),
            line(1, 0, 606.0, 72.0, "since the navy could not enforce it.", 10.0, false),
        ];
        let laid = lay_out(vec![PageLines { number: 1, lines, figures: vec![] }], 10.0);
        assert!(laid.body.contains("# Origins\n"), "{}", laid.body);
        assert!(laid.body.contains("## Reception Abroad\n"), "{}", laid.body);
    }

    #[test]
    fn a_bold_run_in_head_is_not_a_heading() {
        let mut l = line(1, 0, 700.0, 72.0, "Background.", 10.0, true);
        l.pieces.push(Piece {
            text: " The text goes on.".into(),
            x0: 130.0,
            x1: 220.0,
            y: 700.0,
            size: 10.0,
            bold: false,
            italic: false,
        });
        let numbered = line(1, 0, 670.0, 72.0, "2.1 Methods", 10.0, true);
        let after = line(1, 0, 650.0, 90.0, "Body after the heading.", 10.0, false);
        let laid = lay_out(vec![PageLines { number: 1, lines: vec![l, numbered, after], figures: vec![] }], 10.0);
        assert!(laid.body.contains("**Background.** The text goes on."), "{}", laid.body);
        assert!(laid.body.contains("# 2.1 Methods\n"), "{}", laid.body);
    }

    #[test]
    fn aligned_cells_become_a_table() {
        let row = |y: f32, a: &str, b: &str| {
            let mut l = line(1, 0, y, 72.0, a, 10.0, false);
            l.pieces.push(Piece { text: b.into(), x0: 250.0, x1: 300.0, y, size: 10.0, bold: false, italic: false });
            l.x1 = 300.0;
            l
        };
        let lines =
            vec![row(700.0, "House", "Term"), row(686.0, "Senate", "Six years"), row(672.0, "House", "Two years")];
        let laid = lay_out(vec![PageLines { number: 1, lines, figures: vec![] }], 10.0);
        assert!(laid.body.contains("| House | Term |\n| --- | --- |\n| Senate | Six years |"), "{}", laid.body);
    }
}
