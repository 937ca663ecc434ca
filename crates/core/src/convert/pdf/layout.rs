//! From lines in reading order to Markdown: footnotes, tables, figures, headings and
//! paragraphs joined across lines, columns and pages.

use std::collections::{HashMap, HashSet};

use super::lines::{Line, Piece};
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

fn marker_text(text: &str) -> Option<&str> {
    let t = text.trim();
    let ok = (!t.is_empty() && t.len() <= 3 && t.chars().all(|c| c.is_ascii_digit()))
        || (!t.is_empty() && t.chars().count() <= 3 && t.chars().all(|c| "*†‡§¶".contains(c)));
    ok.then_some(t)
}

/// Whether a piece is a footnote marker raised above its line.
fn is_raised_marker(piece: &Piece, line: &Line) -> bool {
    piece.size < line.size * 0.85 && piece.y > line.y + line.size * 0.12 && marker_text(&piece.text).is_some()
}

/// The label a footnote line starts with: a raised or smaller marker, or digits and a space.
fn footnote_start(line: &Line) -> Option<(String, String)> {
    let first = line.pieces.first()?;
    if let Some(m) = marker_text(&first.text)
        && line.pieces.len() > 1
    {
        let rest = Line { pieces: line.pieces[1..].to_vec(), ..line.clone() };
        return Some((m.to_owned(), rest.text()));
    }
    let text = line.text();
    let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
    if !digits.is_empty() && digits.len() <= 3 {
        let rest = text[digits.len()..].trim_start_matches(['.', ')']);
        if rest.starts_with(' ') {
            return Some((digits, rest.trim().to_owned()));
        }
    }
    None
}

/// Whether a line starts with a footnote marker: a smaller, raised number or symbol, or
/// (in small type) digits and a space.
fn starts_footnote(line: &Line, body_size: f32) -> bool {
    let Some(first) = line.pieces.first() else { return false };
    let raised = line.pieces.len() > 1 && first.size < line.size * 0.85 && marker_text(&first.text).is_some();
    raised || (line.size < body_size * 0.88 && footnote_start(line).is_some())
}

/// The footnotes of every page taken out of its lines: the block at the foot of each
/// column, set off from the text above by a gap or by smaller type, that starts with a
/// marker; a small block without one continues the note before it.
fn take_footnotes(pages: &mut [PageLines], body_size: f32) -> Vec<(String, String)> {
    let mut notes: Vec<(String, String)> = Vec::new();
    for page in pages.iter_mut() {
        let mut remove = vec![false; page.lines.len()];
        for column in 0..=2u8 {
            let idx: Vec<usize> = (0..page.lines.len()).filter(|&i| page.lines[i].column == column).collect();
            if idx.is_empty() {
                continue;
            }
            // The bottom block: lines closer than a line and a half to the one above.
            let mut start = idx.len() - 1;
            while start > 0 {
                let (above, here) = (&page.lines[idx[start - 1]], &page.lines[idx[start]]);
                if above.y - here.y > here.size * 1.6 || (above.size - here.size).abs() > 1.0 {
                    break;
                }
                start -= 1;
            }
            let block = &idx[start..];
            let small = block.iter().all(|&i| page.lines[i].size < body_size * 0.88);
            let set_off = start > 0 || small;
            // Within the block, notes start where a marker does; before the first, a small
            // block continues the last note of the page before.
            let Some(first_marker) = block.iter().position(|&i| starts_footnote(&page.lines[i], body_size)) else {
                if small && set_off && !notes.is_empty() && page.lines[block[0]].y < 0.5 * page.lines[idx[0]].y {
                    for &i in block {
                        let text = page.lines[i].text();
                        if let Some(last) = notes.last_mut() {
                            join_text(&mut last.1, &text);
                        }
                        remove[i] = true;
                    }
                }
                continue;
            };
            if !set_off || (first_marker > 0 && !small) {
                continue;
            }
            for &i in block {
                let line = &page.lines[i];
                if starts_footnote(line, body_size) {
                    let (label, text) = footnote_start(line).unwrap_or_else(|| (String::new(), line.text()));
                    notes.push((label, text));
                } else if let Some(last) = notes.last_mut() {
                    join_text(&mut last.1, &line.text());
                }
                remove[i] = true;
            }
        }
        let mut r = remove.iter();
        page.lines.retain(|_| !r.next().copied().unwrap_or(false));
    }
    notes
}

pub(super) fn join_text(out: &mut String, next: &str) {
    let empty = HashSet::new();
    if let Some(joined) = join_hyphenated(out, next, &empty) {
        *out = joined;
    } else {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(next);
    }
}

/// Joins a line ending in a hyphen to the next, if the hyphen only broke a word.
///
/// The rule: a soft hyphen (U+00AD) always goes. A hard hyphen stays when the part after
/// it starts with a capital or a digit ("Anglo-Saxon", "COVID-19"), or when the same
/// hyphenated compound appears in the middle of a line elsewhere in the document
/// ("state-of-the-art"), or when the part before it is one of a few words that make
/// compounds ("self-", "well-"); otherwise the word was split and is re-joined.
pub(crate) fn join_hyphenated(before: &str, after: &str, compounds: &HashSet<String>) -> Option<String> {
    let trimmed = before.trim_end();
    let last = trimmed.chars().last()?;
    if !matches!(last, '-' | '\u{ad}' | '\u{2010}') {
        return None;
    }
    let stem = &trimmed[..trimmed.len() - last.len_utf8()];
    if !stem.chars().last().is_some_and(char::is_alphabetic) {
        return None;
    }
    let after = after.trim_start();
    let first = after.chars().next()?;
    if !first.is_alphanumeric() {
        return None;
    }
    let left: String =
        stem.chars().rev().take_while(|c| c.is_alphabetic()).collect::<Vec<_>>().into_iter().rev().collect();
    let right: String = after.chars().take_while(|c| c.is_alphabetic()).collect();
    let keep = last != '\u{ad}'
        && (first.is_uppercase()
            || first.is_ascii_digit()
            || compounds.contains(&format!("{}-{}", left.to_lowercase(), right.to_lowercase()))
            || ["self", "well", "ill", "half", "quasi", "cross"].contains(&left.to_lowercase().as_str()));
    Some(if keep { format!("{trimmed}{after}") } else { format!("{stem}{after}") })
}

/// Hyphenated words met in the middle of lines, the evidence that a hyphen at a line's end
/// belongs to a compound.
fn compounds_of(pages: &[PageLines]) -> HashSet<String> {
    let mut out = HashSet::new();
    for page in pages {
        for line in &page.lines {
            let text = line.text();
            let words: Vec<&str> = text.split_whitespace().collect();
            for (i, w) in words.iter().enumerate() {
                if i + 1 == words.len() {
                    continue;
                }
                let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
                if w.contains('-') && w.chars().any(char::is_alphabetic) {
                    out.insert(w.to_lowercase());
                    let parts: Vec<&str> = w.split('-').collect();
                    for pair in parts.windows(2) {
                        out.insert(format!("{}-{}", pair[0].to_lowercase(), pair[1].to_lowercase()));
                    }
                }
            }
        }
    }
    out
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

struct Block {
    page: u32,
    lines: Vec<Line>,
}

/// Lays out the pages: everything after the lines are in reading order.
pub(crate) fn lay_out(mut pages: Vec<PageLines>, body_size: f32) -> Laid {
    let mut laid = Laid::default();
    let footnotes = take_footnotes(&mut pages, body_size);
    let compounds = compounds_of(&pages);

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
    let heading_like = |l: &Line| l.size >= body_size * 1.15;
    let mut blocks: Vec<Result<Block, Item>> = Vec::new();
    for item in items {
        let Item::Line(line) = item else {
            blocks.push(Err(item));
            continue;
        };
        if let Some(Ok(block)) = blocks.last_mut()
            && let Some(prev) = block.lines.last()
            && continues(prev, &line, body_size, leading, &edges, heading_like(prev), heading_like(&line))
        {
            block.lines.push(line);
            continue;
        }
        blocks.push(Ok(Block { page: line.page, lines: vec![line] }));
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
        let para = paragraph(&block.lines, &compounds, &mut marked_page, &mut ref_counts, &available);
        out.push_str(&para);
        out.push_str("\n\n");
    }
    for (label, text) in defs {
        out.push_str(&markdown::footnote_def(&label, &markdown::escape(&text)));
        out.push('\n');
    }
    laid.body = out;
    laid
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
    prev_heading: bool,
    next_heading: bool,
) -> bool {
    if prev_heading != next_heading || (prev.size - next.size).abs() > 1.0 {
        return false;
    }
    if prev.all_bold() != next.all_bold() && (prev_heading || numbering_depth(&prev.text()).is_some()) {
        return false;
    }
    let (left, _) = edges.get(&(next.page, next.column)).copied().unwrap_or((next.x0, next.x1));
    let (_, prev_right) = edges.get(&(prev.page, prev.column)).copied().unwrap_or((prev.x0, prev.x1));
    let indented = next.x0 > left + body_size * 0.8;
    let text = prev.text();
    let ends_sentence = text.ends_with(['.', '!', '?', ':', '"', '\u{201d}', ')']);
    let short = prev.x1 < prev_right - body_size * 3.0;
    let same_flow = prev.page == next.page && prev.column == next.column && prev.y > next.y;
    if same_flow {
        let gap = prev.y - next.y;
        if prev_heading {
            return gap < prev.size * 1.6;
        }
        if gap > leading * 1.4 || indented || (short && ends_sentence) {
            return false;
        }
        return true;
    }
    !(prev_heading || indented || (short && ends_sentence) || next.column == 2 && prev.column != 2)
}

/// A paragraph's Markdown: pieces escaped, bold and italic spans marked, footnote markers
/// turned into references, lines joined (hyphenated words re-joined), and a page mark
/// where the paragraph crosses onto a new page.
fn paragraph(
    lines: &[Line],
    compounds: &HashSet<String>,
    marked_page: &mut u32,
    ref_counts: &mut HashMap<String, usize>,
    available: &HashMap<String, usize>,
) -> String {
    // (text, bold, italic) spans, with markers and page marks as ready Markdown.
    enum Span {
        Text(String, bool, bool),
        Raw(String),
    }
    let mut spans: Vec<Span> = Vec::new();
    let push_text = |spans: &mut Vec<Span>, text: &str, bold: bool, italic: bool| {
        if let Some(Span::Text(t, b, i)) = spans.last_mut()
            && *b == bold
            && *i == italic
        {
            t.push_str(text);
            return;
        }
        spans.push(Span::Text(text.to_owned(), bold, italic));
    };
    let all_bold = lines.iter().all(Line::all_bold);
    let all_italic = lines.iter().all(|l| l.pieces.iter().all(|p| p.italic));
    for (li, line) in lines.iter().enumerate() {
        if li > 0 {
            if line.page > *marked_page {
                // Close the text so far, then mark the page where the paragraph crosses it.
                let mark = format!(" {} ", markdown::page_mark(line.page));
                *marked_page = line.page;
                // A word split over the page break is joined before the mark.
                let first_word = hyphen_join(&mut spans, line, compounds);
                spans.push(Span::Raw(mark));
                push_line(&mut spans, line, first_word, all_bold, all_italic, ref_counts, available, &push_text);
                continue;
            }
            let first_word = hyphen_join(&mut spans, line, compounds);
            if first_word == 0 {
                push_text(&mut spans, " ", false, false);
            }
            push_line(&mut spans, line, first_word, all_bold, all_italic, ref_counts, available, &push_text);
        } else {
            push_line(&mut spans, line, 0, all_bold, all_italic, ref_counts, available, &push_text);
        }
    }

    fn hyphen_join(spans: &mut [Span], line: &Line, compounds: &HashSet<String>) -> usize {
        let Some(Span::Text(prev, _, _)) =
            spans.iter_mut().rev().find(|s| matches!(s, Span::Text(t, _, _) if !t.trim().is_empty()))
        else {
            return 0;
        };
        let text = line.text();
        let first_word: String = text.split_whitespace().next().unwrap_or("").to_owned();
        let Some(joined) = join_hyphenated(prev, &first_word, compounds) else { return 0 };
        *prev = joined;
        first_word.len()
    }

    type PushText<'a> = dyn Fn(&mut Vec<Span>, &str, bool, bool) + 'a;

    #[allow(clippy::too_many_arguments)]
    fn push_line(
        spans: &mut Vec<Span>,
        line: &Line,
        skip_bytes: usize,
        all_bold: bool,
        all_italic: bool,
        ref_counts: &mut HashMap<String, usize>,
        available: &HashMap<String, usize>,
        push_text: &PushText<'_>,
    ) {
        let mut skip = skip_bytes;
        let mut last_x1 = f32::MIN;
        for p in &line.pieces {
            if is_raised_marker(p, line)
                && let Some(m) = marker_text(&p.text)
            {
                let n = ref_counts.entry(m.to_owned()).or_default();
                *n += 1;
                if *n <= available.get(m).copied().unwrap_or(0) {
                    let label = if *n == 1 { m.to_owned() } else { format!("{m}-{n}") };
                    spans.push(Span::Raw(markdown::footnote_ref(&label)));
                    last_x1 = p.x1;
                    continue;
                }
            }
            let mut text = p.text.as_str();
            if skip > 0 {
                let t = text.trim_start();
                let cut = skip.min(t.len());
                let cut = (0..=cut).rev().find(|c| t.is_char_boundary(*c)).unwrap_or(0);
                text = &t[cut..];
                skip -= cut;
                if text.is_empty() {
                    last_x1 = p.x1;
                    continue;
                }
            } else if last_x1 > f32::MIN && p.x0 - last_x1 > 0.15 * p.size && !text.starts_with(' ') {
                push_text(spans, " ", false, false);
            }
            push_text(spans, text, p.bold && !all_bold, p.italic && !all_italic);
            last_x1 = p.x1;
        }
    }

    let mut out = String::new();
    for (i, span) in spans.iter().enumerate() {
        match span {
            Span::Raw(raw) => out.push_str(raw),
            Span::Text(text, bold, italic) => {
                let escaped = if i == 0 { markdown::escape(text) } else { escape_inline(text) };
                let inner = escaped.trim();
                if (!*bold && !*italic) || inner.is_empty() {
                    out.push_str(&escaped);
                    continue;
                }
                let lead = &escaped[..escaped.len() - escaped.trim_start().len()];
                let trail = &escaped[escaped.trim_end().len()..];
                let mark = match (bold, italic) {
                    (true, true) => "***",
                    (true, false) => "**",
                    _ => "*",
                };
                out.push_str(lead);
                out.push_str(mark);
                out.push_str(inner);
                out.push_str(mark);
                out.push_str(trail);
            }
        }
    }
    let text = out.split(' ').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ");
    let wrap = |t: String, on: bool, m: &str| if on { format!("{m}{t}{m}") } else { t };
    let text = wrap(text, all_bold && !all_italic, "**");
    wrap(text, all_italic && !all_bold, "*")
}

/// Escaping for text inside a paragraph, where nothing can start a block.
fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '`' | '&' | '|' | '~') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compounds(list: &[&str]) -> HashSet<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_word_broken_at_a_line_end_is_joined() {
        let none = compounds(&[]);
        assert_eq!(
            join_hyphenated("the conf-", "usion introduced", &none).as_deref(),
            Some("the confusion introduced")
        );
        assert_eq!(join_hyphenated("every\u{ad}", "where perished", &none).as_deref(), Some("everywhere perished"));
        assert_eq!(join_hyphenated("no hyphen", "here", &none), None);
    }

    #[test]
    fn compounds_keep_their_hyphen() {
        let seen = compounds(&["state-of-the-art", "state-of", "of-the", "the-art", "document-level"]);
        assert_eq!(
            join_hyphenated("a state-of-the-", "art method", &seen).as_deref(),
            Some("a state-of-the-art method")
        );
        assert_eq!(join_hyphenated("the document-", "level view", &seen).as_deref(), Some("the document-level view"));
        assert_eq!(join_hyphenated("the Anglo-", "Saxon", &seen).as_deref(), Some("the Anglo-Saxon"));
        assert_eq!(join_hyphenated("COVID-", "19 cases", &seen).as_deref(), Some("COVID-19 cases"));
        assert_eq!(join_hyphenated("his self-", "love", &seen).as_deref(), Some("his self-love"));
        // Without the evidence, a hyphen at a line end broke a word.
        assert_eq!(join_hyphenated("the docu-", "ment", &seen).as_deref(), Some("the document"));
    }

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
