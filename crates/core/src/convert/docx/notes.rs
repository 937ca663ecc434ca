//! Footnotes and endnotes: read from their parts, walked when first referenced, written as
//! footnote definitions at the end. Endnotes get labels of their own (`e1`, `e2`) so the two
//! never meet.

use std::collections::HashMap;

use super::Failure;
use super::body::{NoteKind, Walker, is_separator};
use super::package::{MAX_PART_BYTES, Package, Rels};
use super::xml::{Node, parse};
use crate::convert::markdown::footnote_def;

/// Notes by kind and id.
pub(super) type NoteBodies = HashMap<(NoteKind, String), Node>;

/// The notes of one kind, by id, and the relationships of their part.
pub(super) fn load(
    package: &mut Package<'_>,
    part: Option<&str>,
    kind: NoteKind,
    max_depth: usize,
) -> Result<(NoteBodies, Rels), Failure> {
    let mut notes = HashMap::new();
    let Some(part) = part else { return Ok((notes, Rels::default())) };
    let Some(bytes) = package.read(part, MAX_PART_BYTES)? else { return Ok((notes, Rels::default())) };
    let root = parse(&bytes, part, max_depth)?;
    let rels = Rels::load(package, part, max_depth)?;
    for note in root.children.into_iter().filter_map(|c| match c {
        super::xml::Child::Element(n) => Some(n),
        super::xml::Child::Text(_) => None,
    }) {
        if !matches!(note.local(), "footnote" | "endnote") || is_separator(&note) {
            continue;
        }
        if let Some(id) = note.attr("w:id") {
            notes.insert((kind, id.to_owned()), note);
        }
    }
    Ok((notes, rels))
}

/// The definitions of every note referenced, in the order first referenced; notes referenced
/// from inside notes come after.
pub(super) fn definitions(walker: &mut Walker<'_, '_>, mut rels: HashMap<NoteKind, Rels>) -> Result<String, Failure> {
    // Footnotes first, endnotes after them, as they come in the document.
    let mut out = [String::new(), String::new()];
    walker.in_note = true;
    while let Some((kind, id, label)) = walker.pending.pop_front() {
        let Some(note) = walker.note_bodies.remove(&(kind, id)) else { continue };
        let part_rels = rels.remove(&kind).unwrap_or_default();
        let body_rels = std::mem::replace(&mut walker.rels, part_rels);
        let mut blocks = Vec::new();
        let result = walker.blocks(&note, &mut blocks);
        let part_rels = std::mem::replace(&mut walker.rels, body_rels);
        rels.insert(kind, part_rels);
        result?;
        let text = super::join(&blocks, 0);
        let out = &mut out[kind as usize];
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&footnote_def(&label, &text));
    }
    walker.in_note = false;
    let [foot, end] = out;
    Ok(match (foot.is_empty(), end.is_empty()) {
        (_, true) => foot,
        (true, false) => end,
        (false, false) => format!("{foot}\n{end}"),
    })
}
