//! Footnotes: the marked blocks at the foot of each column, taken out of the page's lines,
//! and the raised markers that refer to them.

use super::layout::PageLines;
use super::lines::{Line, Piece};
use super::paragraph::join_text;

/// How much smaller than the body a footnote is set, at most: Word's defaults put 10 pt notes
/// under 11 pt text (0.91), LibreOffice's 10 pt under 12 pt (0.83).
const NOTE_SIZE: f32 = 0.95;

pub(super) fn marker_text(text: &str) -> Option<&str> {
    let t = text.trim();
    let ok = (!t.is_empty() && t.len() <= 3 && t.chars().all(|c| c.is_ascii_digit()))
        || (!t.is_empty() && t.chars().count() <= 3 && t.chars().all(|c| "*†‡§¶".contains(c)));
    ok.then_some(t)
}

/// Whether a piece is a footnote marker raised above its line.
pub(super) fn is_raised_marker(piece: &Piece, line: &Line) -> bool {
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
    raised || (line.size < body_size * NOTE_SIZE && footnote_start(line).is_some())
}

/// The footnotes of every page taken out of its lines: the block at the foot of each
/// column, set off from the text above by a gap or by smaller type, that starts with a
/// marker; a small block without one continues the note before it.
pub(super) fn take_footnotes(pages: &mut [PageLines], body_size: f32) -> Vec<(String, String)> {
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
            let small = block.iter().all(|&i| page.lines[i].size < body_size * NOTE_SIZE);
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
