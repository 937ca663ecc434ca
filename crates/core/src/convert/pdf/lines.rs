//! From runs to lines in reading order: lines by baseline, running heads and page numbers
//! taken out, columns found from the gap in x that no run crosses.

use super::extract::Run;

/// A run's text with ligatures spelt out; small caps fonts already give plain letters.
pub(crate) fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{fb00}' => out.push_str("ff"),
            '\u{fb01}' => out.push_str("fi"),
            '\u{fb02}' => out.push_str("fl"),
            '\u{fb03}' => out.push_str("ffi"),
            '\u{fb04}' => out.push_str("ffl"),
            '\u{fb05}' | '\u{fb06}' => out.push_str("st"),
            '\u{a0}' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A piece of a line: one run, normalised.
#[derive(Clone, Debug)]
pub(crate) struct Piece {
    pub text: String,
    pub x0: f32,
    pub x1: f32,
    pub y: f32,
    pub size: f32,
    pub bold: bool,
    pub italic: bool,
}

#[derive(Clone, Debug)]
pub(crate) struct Line {
    pub page: u32,
    /// 0 left (or only) column, 1 right column, 2 across both.
    pub column: u8,
    pub y: f32,
    pub size: f32,
    pub x0: f32,
    pub x1: f32,
    pub pieces: Vec<Piece>,
}

impl Line {
    pub fn text(&self) -> String {
        let mut out = String::new();
        let mut last_x1 = f32::MIN;
        for p in &self.pieces {
            if !out.is_empty() && !out.ends_with(' ') && !p.text.starts_with(' ') && p.x0 - last_x1 > 0.15 * p.size {
                out.push(' ');
            }
            out.push_str(&p.text);
            last_x1 = p.x1;
        }
        out.trim().to_owned()
    }

    pub fn all_bold(&self) -> bool {
        self.pieces.iter().filter(|p| !p.text.trim().is_empty()).all(|p| p.bold)
    }

    fn from_pieces(page: u32, column: u8, mut pieces: Vec<Piece>) -> Line {
        pieces.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        let pieces = merge_touching(pieces);
        let main = pieces.iter().max_by(|a, b| a.size.total_cmp(&b.size)).map_or((0.0, 0.0), |p| (p.y, p.size));
        let x0 = pieces.iter().map(|p| p.x0).fold(f32::MAX, f32::min);
        let x1 = pieces.iter().map(|p| p.x1).fold(f32::MIN, f32::max);
        Line { page, column, y: main.0, size: main.1, x0, x1, pieces }
    }
}

/// Pieces that touch, in the same style on the same baseline, as one: some producers
/// (Chromium among them) draw every glyph on its own, and a word is what the layout reads.
fn merge_touching(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::with_capacity(pieces.len());
    for p in pieces {
        // A note's number set tight against its text ("1First published") stays apart: it
        // is how a footnote is told from a line that starts with a number.
        let note_number = |last: &Piece| {
            last.text.len() <= 3
                && last.text.chars().all(|c| c.is_ascii_digit())
                && p.text.starts_with(char::is_alphabetic)
        };
        if let Some(last) = out.last_mut().filter(|last| !note_number(last)) {
            let gap = p.x0 - last.x1;
            let same_style =
                last.bold == p.bold && last.italic == p.italic && (last.size - p.size).abs() < 0.05 * p.size;
            if same_style && (p.y - last.y).abs() < 0.1 * p.size && gap < 0.15 * p.size && gap > -0.3 * p.size {
                last.text.push_str(&p.text);
                last.x1 = last.x1.max(p.x1);
                continue;
            }
        }
        out.push(p);
    }
    out
}

/// Runs grouped into lines by baseline, top of the page first. A raised, smaller run (a
/// footnote marker) joins the line it sits on.
pub(crate) fn lines_of(page: u32, runs: &[Run]) -> Vec<Line> {
    let mut pieces: Vec<Piece> = runs
        .iter()
        .filter_map(|r| {
            let text = normalize(&r.text);
            (!text.trim().is_empty()).then_some(Piece {
                text,
                x0: r.x_pt,
                x1: r.x_pt + r.width_pt,
                y: r.y_pt,
                size: r.size_pt,
                bold: r.bold,
                italic: r.italic,
            })
        })
        .collect();
    pieces.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x0.total_cmp(&b.x0)));
    let mut groups: Vec<(f32, f32, Vec<Piece>)> = Vec::new();
    for piece in pieces {
        let found = groups.iter_mut().rev().take(4).find(|(y, size, _)| {
            let tolerance = 0.45 * size.max(piece.size);
            (piece.y - *y).abs() < tolerance
        });
        match found {
            Some((y, size, members)) => {
                if piece.size > *size {
                    *y = piece.y;
                    *size = piece.size;
                }
                members.push(piece);
            }
            None => groups.push((piece.y, piece.size, vec![piece])),
        }
    }
    let mut lines: Vec<Line> = groups.into_iter().map(|(_, _, p)| Line::from_pieces(page, 0, p)).collect();
    lines.sort_by(|a, b| b.y.total_cmp(&a.y));
    attach_raised(&mut lines);
    lines
}

/// A line of nothing but a small number or symbol, raised over the line below and touching
/// one of its pieces, is that line's footnote marker.
pub(crate) fn attach_raised(lines: &mut Vec<Line>) {
    let mut i = 0;
    while i + 1 < lines.len() {
        let small = &lines[i];
        let is_marker = small.pieces.iter().all(|p| {
            let t = p.text.trim();
            !t.is_empty() && t.chars().count() <= 3 && t.chars().all(|c| c.is_ascii_digit() || "*†‡§¶".contains(c))
        });
        let below = &lines[i + 1];
        let touches = small.pieces.iter().all(|m| {
            below
                .pieces
                .iter()
                .any(|p| (m.x0 - p.x1).abs() < 3.0 || (p.x0 - m.x1).abs() < 3.0 || (m.x0 >= p.x0 && m.x1 <= p.x1))
        });
        if is_marker
            && small.column == below.column
            && small.size < below.size * 0.85
            && small.y > below.y
            && small.y - below.y < below.size
            && touches
        {
            let small = lines.remove(i);
            let below = &mut lines[i];
            below.pieces.extend(small.pieces);
            below.pieces.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            below.x0 = below.x0.min(small.x0);
            below.x1 = below.x1.max(small.x1);
            continue;
        }
        i += 1;
    }
}

/// The key a running head or foot repeats under: its text with digits taken out.
fn furniture_key(line: &Line) -> String {
    line.text().chars().filter(|c| !c.is_ascii_digit() && !c.is_whitespace()).flat_map(char::to_lowercase).collect()
}

/// A page number standing alone: digits, a roman numeral, or either dressed as "- 3 -" or
/// "Page 3".
pub(crate) fn is_page_number(text: &str) -> bool {
    let t = text.trim().trim_matches(|c: char| c == '-' || c == '–' || c == '—' || c.is_whitespace());
    let t = t.strip_prefix("Page ").or_else(|| t.strip_prefix("page ")).unwrap_or(t).trim();
    if t.is_empty() || t.len() > 12 {
        return false;
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    let number = |w: &str| {
        w.chars().all(|c| c.is_ascii_digit())
            || w.chars().all(|c| "ivxlcdm".contains(c))
            || w.chars().all(|c| "IVXLCDM".contains(c))
    };
    match words.as_slice() {
        [n] => number(n),
        [n, sep, m] => (*sep == "/" || *sep == "of") && number(n) && number(m),
        _ => false,
    }
}

/// Removes running heads, running feet and page numbers: lines among the first or last
/// three of a page, in its top or bottom band, whose text less its digits comes back on
/// other pages, and lone numbers at a page's edge.
pub(crate) fn remove_furniture(pages: &mut [(f32, Vec<Line>)], body_size: f32) {
    use std::collections::HashMap;
    let band = |height: f32, line: &Line| line.y > height * 0.86 || line.y < height * 0.14;
    let edge = |lines: &[Line], i: usize| i < 3 || i + 3 >= lines.len();
    let mut counts: HashMap<String, usize> = HashMap::new();
    for (height, lines) in pages.iter() {
        let mut seen = std::collections::HashSet::new();
        for (i, line) in lines.iter().enumerate() {
            if edge(lines, i) && band(*height, line) {
                let key = furniture_key(line);
                if !key.is_empty() && seen.insert(key.clone()) {
                    *counts.entry(key).or_default() += 1;
                }
            }
        }
    }
    let many = pages.len() >= 2;
    for (height, lines) in pages.iter_mut() {
        let n = lines.len();
        let keep: Vec<bool> = lines
            .iter()
            .enumerate()
            .map(|(i, line)| {
                let at_edge = i < 3 || i + 3 >= n;
                if !at_edge || !band(*height, line) {
                    return true;
                }
                let text = line.text();
                let outermost = i == 0 || i + 1 == n;
                if outermost && is_page_number(&text) {
                    return false;
                }
                let repeated = counts.get(&furniture_key(line)).copied().unwrap_or(0) >= 2;
                !(many && repeated && line.size <= body_size * 1.15)
            })
            .collect();
        let mut k = keep.iter();
        lines.retain(|_| k.next().copied().unwrap_or(true));
    }
}

/// The x of the gutter between two columns, if the page has two: a band in the middle
/// half of the page that no more than a few body lines cross, with enough text on each side.
///
/// Each line is read as its stretches of text, runs closer than a gutter could be wide
/// joined, so that a producer that draws every word (or glyph) on its own looks like one
/// that draws every line. Stretches across most of the text's width (a title or an abstract
/// above the columns, a wide caption) do not count, so long as they are few:
/// `reading_order` reads them as bands between the columns.
pub(crate) fn find_gutter(lines: &[Line], width: f32, body_size: f32) -> Option<f32> {
    let min_gap = body_size * 0.8;
    let is_body = |p: &&Piece| (p.size - body_size).abs() < body_size * 0.2;
    let stretches: Vec<Vec<(f32, f32)>> = lines
        .iter()
        .map(|l| {
            let mut out: Vec<(f32, f32)> = Vec::new();
            for p in l.pieces.iter().filter(is_body) {
                match out.last_mut() {
                    Some((_, x1)) if p.x0 - *x1 < min_gap => *x1 = x1.max(p.x1),
                    _ => out.push((p.x0, p.x1)),
                }
            }
            out
        })
        .filter(|s| !s.is_empty())
        .collect();
    let all = || stretches.iter().flatten();
    let left_edge = all().map(|s| s.0).fold(f32::MAX, f32::min);
    let right_edge = all().map(|s| s.1).fold(f32::MIN, f32::max);
    let spans = |s: &(f32, f32)| s.1 - s.0 > (right_edge - left_edge) * 0.6;
    let (count, spanning) = (all().count(), all().filter(|s| spans(s)).count());
    if spanning * 4 > count || count - spanning < 8 || !(width.is_finite() && width > 0.0) {
        return None;
    }
    let (lo, hi) = ((width * 0.3) as i32, (width * 0.7) as i32);
    let mut best: Option<(usize, i32, i32)> = None;
    let mut run_start: Option<i32> = None;
    let allowed = stretches.len() / 25;
    let crossing =
        |x: f32| stretches.iter().filter(|line| line.iter().any(|s| !spans(s) && s.0 < x && s.1 > x)).count();
    for x in lo..=hi {
        if crossing(x as f32) <= allowed {
            run_start.get_or_insert(x);
        } else if let Some(s) = run_start.take()
            && best.is_none_or(|(w, _, _)| (x - s) as usize > w)
        {
            best = Some(((x - s) as usize, s, x));
        }
    }
    if let Some(s) = run_start
        && best.is_none_or(|(w, _, _)| (hi - s) as usize > w)
    {
        best = Some(((hi - s) as usize, s, hi));
    }
    let (gap, s, e) = best?;
    if (gap as f32) < min_gap {
        return None;
    }
    let g = (s + e) as f32 / 2.0;
    let narrow = || all().filter(|s| !spans(s));
    let left = narrow().filter(|s| s.1 <= g).count();
    let right = narrow().filter(|s| s.0 >= g).count();
    // Columns of running text hold long lines on both sides; a table's cells are short, and
    // the gaps between them are not gutters.
    let long = |s: &&(f32, f32)| s.1 - s.0 > (right_edge - left_edge) * 0.3;
    let long_left = narrow().filter(|s| s.1 <= g).filter(long).count();
    let long_right = narrow().filter(|s| s.0 >= g).filter(long).count();
    let columns = long_left >= 4 && long_right >= 4;
    (columns && left >= 4 && right >= 4 && left + right >= (count - spanning) * 3 / 4).then_some(g)
}

/// Lines split at the gutter and put in reading order: within each band between lines
/// that cross the gutter, the left column top to bottom, then the right.
pub(crate) fn reading_order(page: u32, lines: Vec<Line>, gutter: Option<f32>) -> Vec<Line> {
    let Some(g) = gutter else { return lines };
    let mut out = Vec::with_capacity(lines.len());
    let mut left = Vec::new();
    let mut right = Vec::new();
    for line in lines {
        let crosses = line.pieces.iter().any(|p| p.x0 < g - 1.0 && p.x1 > g + 1.0);
        if crosses {
            out.append(&mut left);
            out.append(&mut right);
            let mut line = line;
            line.column = 2;
            out.push(line);
            continue;
        }
        let (l, r): (Vec<Piece>, Vec<Piece>) = line.pieces.into_iter().partition(|p| p.x0 < g);
        if !l.is_empty() {
            left.push(Line::from_pieces(page, 0, l));
        }
        if !r.is_empty() {
            right.push(Line::from_pieces(page, 1, r));
        }
    }
    out.append(&mut left);
    out.append(&mut right);
    // A marker grouped with the other column's line at its height is alone once split.
    attach_raised(&mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, x: f32, y: f32, size: f32) -> Run {
        Run {
            text: text.into(),
            x_pt: x,
            y_pt: y,
            width_pt: text.len() as f32 * size * 0.5,
            size_pt: size,
            bold: false,
            italic: false,
        }
    }

    #[test]
    fn ligatures_become_letters() {
        assert_eq!(normalize("o\u{fb03}ce \u{fb01}nal e\u{fb03}cient \u{fb02}ow"), "office final efficient flow");
    }

    #[test]
    fn a_raised_marker_joins_its_line() {
        let runs =
            vec![run("faction.", 72.0, 700.0, 10.0), run("1", 112.0, 703.5, 6.0), run("Next", 72.0, 688.0, 10.0)];
        let lines = lines_of(1, &runs);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].pieces.len(), 2);
        assert_eq!(lines[0].y, 700.0);
    }

    #[test]
    fn two_columns_read_left_then_right() {
        let mut runs = Vec::new();
        for i in 0..10 {
            let y = 700.0 - i as f32 * 12.0;
            runs.push(run(&format!("left {i} words go on and on"), 72.0, y, 10.0));
            runs.push(run(&format!("right {i} words go on and on"), 320.0, y, 10.0));
        }
        let lines = lines_of(1, &runs);
        let gutter = find_gutter(&lines, 612.0, 10.0);
        assert!(gutter.is_some_and(|g| g > 150.0 && g < 320.0), "{gutter:?}");
        let ordered = reading_order(1, lines, gutter);
        let texts: Vec<String> = ordered.iter().map(Line::text).collect();
        assert_eq!(texts[0], "left 0 words go on and on");
        assert_eq!(texts[9], "left 9 words go on and on");
        assert_eq!(texts[10], "right 0 words go on and on");
    }

    #[test]
    fn a_title_and_abstract_across_the_page_do_not_hide_the_columns() {
        let mut runs = vec![run("an abstract that runs across both of the columns of the page", 72.0, 760.0, 10.0)];
        runs.push(run("and a second line of the abstract across the page width too", 72.0, 748.0, 10.0));
        runs.push(run("and its third line, which also runs across the whole page", 72.0, 736.0, 10.0));
        for i in 0..12 {
            // Baselines of the two columns need not line up.
            runs.push(run(&format!("left {i} words go on and on"), 72.0, 700.0 - i as f32 * 12.0, 10.0));
            runs.push(run(&format!("right {i} words go on and on"), 320.0, 695.0 - i as f32 * 12.0, 10.0));
        }
        let lines = lines_of(1, &runs);
        let gutter = find_gutter(&lines, 612.0, 10.0);
        assert!(gutter.is_some_and(|g| g > 150.0 && g < 320.0), "{gutter:?}");
        let texts: Vec<String> = reading_order(1, lines, gutter).iter().map(Line::text).collect();
        assert!(texts[2].starts_with("and its third line"));
        assert_eq!(texts[3], "left 0 words go on and on");
        assert_eq!(texts[15], "right 0 words go on and on");
    }

    #[test]
    fn a_table_s_columns_are_not_a_gutter() {
        let mut runs = Vec::new();
        for i in 0..12 {
            let y = 700.0 - i as f32 * 12.0;
            for (k, x) in [72.0, 180.0, 290.0, 400.0].into_iter().enumerate() {
                runs.push(run(&format!("cell {i}{k}"), x, y, 10.0));
            }
        }
        assert_eq!(find_gutter(&lines_of(1, &runs), 612.0, 10.0), None);
    }

    #[test]
    fn one_column_has_no_gutter() {
        let runs: Vec<Run> = (0..20)
            .map(|i| run("a long line of text that runs across the page width", 72.0, 700.0 - i as f32 * 12.0, 10.0))
            .collect();
        assert_eq!(find_gutter(&lines_of(1, &runs), 612.0, 10.0), None);
    }

    #[test]
    fn running_heads_and_page_numbers_go() {
        let mut pages = Vec::new();
        for n in 1..=3 {
            let runs = vec![
                run(&format!("A Study of Things {n}"), 72.0, 760.0, 9.0),
                run("Body text here.", 72.0, 600.0, 10.0),
                run(&n.to_string(), 300.0, 40.0, 9.0),
            ];
            pages.push((792.0, lines_of(n, &runs)));
        }
        remove_furniture(&mut pages, 10.0);
        for (_, lines) in &pages {
            let texts: Vec<String> = lines.iter().map(Line::text).collect();
            assert_eq!(texts, vec!["Body text here."]);
        }
        assert!(is_page_number("xii") && is_page_number("- 4 -") && !is_page_number("1787 was"));
    }
}
