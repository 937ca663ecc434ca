//! Lines whose pieces line up in a grid of two or more columns, as pipe tables.

use super::layout::Item;
use super::lines::Line;
use super::lists::is_marker_alone;
use super::paragraph::join_text;
use crate::convert::{Note, markdown};

/// Lines whose pieces fall into cells separated by wide gaps.
fn cells(line: &Line) -> Vec<(f32, String)> {
    let mut out: Vec<(f32, String, f32)> = Vec::new();
    for p in &line.pieces {
        match out.last_mut() {
            Some((_, text, x1)) if p.x0 - *x1 < (line.size * 1.2).max(6.0) => {
                if p.x0 - *x1 > 0.15 * p.size && !text.ends_with(' ') {
                    text.push(' ');
                }
                text.push_str(&p.text);
                *x1 = p.x1;
            }
            _ => out.push((p.x0, p.text.clone(), p.x1)),
        }
    }
    out.into_iter().map(|(x, t, _)| (x, t.trim().to_owned())).collect()
}

/// A line's cells where the table's columns start: each piece goes to the column it starts
/// in, so two cells set close together stay two. A piece that starts nowhere near a column
/// of its own, and is the first in it, gives a cell at its own x, which fits no column.
fn cells_at(line: &Line, anchors: &[f32], tol: f32) -> Vec<(f32, String)> {
    let mut out: Vec<(usize, f32, String)> = Vec::new();
    for p in &line.pieces {
        let Some(k) = anchors.iter().rposition(|a| *a <= p.x0 + tol) else {
            out.push((usize::MAX, p.x0, p.text.trim().to_owned()));
            continue;
        };
        match out.last_mut() {
            Some((col, _, text)) if *col == k => join_text(text, p.text.trim()),
            _ => out.push((k, p.x0, p.text.trim().to_owned())),
        }
    }
    out.into_iter().map(|(_, x, t)| (x, t)).collect()
}

/// Runs of lines that line up in a grid of two or more columns become tables.
pub(super) fn find_tables(lines: Vec<Line>, notes: &mut Vec<Note>) -> Vec<Item> {
    let mut items = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let first = cells(&lines[i]);
        // A bullet or an item number set apart from its text is a list item, not a row.
        let item = first.first().is_some_and(|(_, t)| is_marker_alone(t));
        if first.len() < 2 || item {
            items.push(Item::Line(lines[i].clone()));
            i += 1;
            continue;
        }
        let anchors: Vec<f32> = first.iter().map(|c| c.0).collect();
        let tol = lines[i].size * 0.5;
        let col_of = |x: f32| anchors.iter().position(|a| (a - x).abs() <= tol);
        let mut rows: Vec<Vec<String>> = vec![first.iter().map(|c| c.1.clone()).collect()];
        let mut j = i + 1;
        let mut last_y = lines[i].y;
        while j < lines.len() {
            let line = &lines[j];
            let c = cells_at(line, &anchors, tol);
            let cols: Vec<Option<usize>> = c.iter().map(|(x, _)| col_of(*x)).collect();
            if line.page != lines[i].page || last_y - line.y > line.size * 3.0 || cols.iter().any(Option::is_none) {
                break;
            }
            if c.len() >= 2 && cols[0] == Some(0) {
                let mut row = vec![String::new(); anchors.len()];
                for ((_, text), col) in c.iter().zip(&cols) {
                    if let Some(k) = col {
                        row[*k] = text.clone();
                    }
                }
                rows.push(row);
            } else if cols[0] != Some(0) && !rows.is_empty() {
                let Some(row) = rows.last_mut() else { break };
                for ((_, text), col) in c.iter().zip(&cols) {
                    if let Some(k) = col {
                        join_text(&mut row[*k], text);
                    }
                }
            } else {
                break;
            }
            last_y = line.y;
            j += 1;
        }
        if rows.len() >= 2 {
            let cells: Vec<Vec<String>> =
                rows.into_iter().map(|r| r.into_iter().map(|c| markdown::escape(&c)).collect()).collect();
            items.push(Item::Table(lines[i].page, cells));
            i = j;
        } else {
            if lines.get(i + 1).is_some_and(|l| cells(l).len() >= 2) {
                notes.push(Note::uncertain(Some(lines[i].page), "a table kept as text"));
            }
            items.push(Item::Line(lines[i].clone()));
            i += 1;
        }
    }
    items
}
