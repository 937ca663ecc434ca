//! Reading a Word (.docx) document: the zip package, its styles and numbering, the body
//! walked into Markdown blocks, footnotes and endnotes, images and the core properties.

mod body;
mod inline;
mod notes;
mod numbering;
mod package;
mod styles;
mod xml;

use std::collections::HashMap;

use super::{Converted, Failure, Limits, Meta, Progress};
use body::{Block, NoteKind, Walker};
use package::{MAX_PART_BYTES, Package, Rels};

/// Deeper than this the walk would cost stack whatever the limits say.
const MAX_WALK_DEPTH: usize = 1000;

pub(crate) fn convert(bytes: &[u8], limits: &Limits, progress: Progress<'_>) -> Result<Converted, Failure> {
    let max_depth = limits.max_depth.min(MAX_WALK_DEPTH);
    let mut package = Package::open(bytes, limits.max_inflated_bytes)?;
    let root_rels = Rels::load(&mut package, "", max_depth)?;
    let main = root_rels.by_type("officeDocument").filter(|p| package.has(p)).unwrap_or("word/document.xml").to_owned();
    let Some(document) = package.read(&main, MAX_PART_BYTES)? else {
        return Err(Failure::Invalid("this is not a Word document: its zip package has no word/document.xml".into()));
    };
    let doc_rels = Rels::load(&mut package, &main, max_depth)?;
    let part = |kind: &str, fallback: &str| doc_rels.by_type(kind).unwrap_or(fallback).to_owned();
    let (styles_part, numbering_part) = (part("styles", "word/styles.xml"), part("numbering", "word/numbering.xml"));
    let (foot_part, end_part) = (part("footnotes", "word/footnotes.xml"), part("endnotes", "word/endnotes.xml"));
    let styles = match package.read(&styles_part, MAX_PART_BYTES)? {
        Some(b) => styles::Styles::parse(&xml::parse(&b, &styles_part, max_depth)?),
        None => styles::Styles::default(),
    };
    let numbering = match package.read(&numbering_part, MAX_PART_BYTES)? {
        Some(b) => numbering::Numbering::parse(&xml::parse(&b, &numbering_part, max_depth)?),
        None => numbering::Numbering::default(),
    };
    let core_part = root_rels.by_type("core-properties").unwrap_or("docProps/core.xml").to_owned();
    let mut meta = match package.read(&core_part, MAX_PART_BYTES)? {
        Some(b) => core_meta(&xml::parse(&b, &core_part, max_depth)?),
        None => Meta::default(),
    };
    let (mut note_bodies, foot_rels) = notes::load(&mut package, Some(&foot_part), NoteKind::Foot, max_depth)?;
    let (end_bodies, end_rels) = notes::load(&mut package, Some(&end_part), NoteKind::End, max_depth)?;
    note_bodies.extend(end_bodies);
    let root = xml::parse(&document, &main, max_depth)?;
    drop(document);
    let body = root
        .child("w:body")
        .or_else(|| root.find("w:body"))
        .ok_or_else(|| Failure::Invalid("this Word file is damaged: its document has no body".into()))?;

    let mut walker = Walker::new(&mut package, styles, numbering, doc_rels, *limits);
    walker.note_bodies = note_bodies;
    let children: Vec<_> = body.elements().collect();
    let total = children.len() as u32 + 1;
    let mut blocks = Vec::new();
    for (i, child) in children.into_iter().enumerate() {
        if !progress(i as u32, total) {
            return Err(Failure::Cancelled);
        }
        walker.block(child, &mut blocks)?;
    }
    let defs =
        notes::definitions(&mut walker, HashMap::from([(NoteKind::Foot, foot_rels), (NoteKind::End, end_rels)]))?;
    if !progress(total, total) {
        return Err(Failure::Cancelled);
    }

    // The first Title paragraph is the title when the properties name none, and is not
    // repeated when they name the same.
    let mut titled = false;
    let blocks: Vec<Block> = blocks
        .into_iter()
        .filter_map(|block| match block {
            Block::Title(plain, md) if !titled => {
                titled = true;
                match &meta.title {
                    None => {
                        meta.title = Some(plain);
                        None
                    }
                    Some(t) if t.trim() == plain => None,
                    Some(_) => Some(Block::Para(md)),
                }
            }
            Block::Title(_, md) => Some(Block::Para(md)),
            // The author named in the properties is not repeated as a paragraph.
            Block::Byline(plain, md) => {
                let named =
                    meta.authors.contains(&plain) || (!meta.authors.is_empty() && meta.authors.join(", ") == plain);
                (!named).then_some(Block::Para(md))
            }
            // pandoc writes the document's date as a paragraph and the time it ran as the
            // creation date; the paragraph says what the author meant.
            Block::Dateline(plain, md) => match iso_day(&plain) {
                Some(day) => {
                    meta.date = Some(day);
                    None
                }
                None => Some(Block::Para(md)),
            },
            other => Some(other),
        })
        .collect();
    let top = blocks.iter().filter_map(|b| if let Block::Heading(l, _) = b { Some(*l) } else { None }).min();
    let mut text = join(&blocks, top.unwrap_or(0));
    if !defs.is_empty() {
        text.push_str("\n\n");
        text.push_str(&defs);
    }
    Ok(Converted { meta, body: text, images: walker.images, pages: None, notes: walker.notes })
}

/// The blocks as Markdown, headings counted from `top` (the highest level used) as `#`.
fn join(blocks: &[Block], top: u8) -> String {
    let mut out = String::new();
    let mut previous_item = false;
    for block in blocks {
        let (text, is_item) = match block {
            Block::Heading(level, text) => {
                let hashes = "#".repeat((level.saturating_sub(top) as usize + 1).min(6));
                // A closing run of `#` would be taken off the heading.
                let text = match text.strip_suffix('#') {
                    Some(rest) => format!("{rest}\\#"),
                    None => text.clone(),
                };
                (format!("{hashes} {text}"), false)
            }
            Block::Title(_, text)
            | Block::Byline(_, text)
            | Block::Dateline(_, text)
            | Block::Para(text)
            | Block::Table(text) => (text.trim_end().to_owned(), false),
            Block::Item { indent, marker, opens, text } => {
                if !out.is_empty() {
                    // A list that starts at another number than 1 cannot interrupt a paragraph.
                    let numbered = marker.starts_with(|c: char| c.is_ascii_digit());
                    let needs_blank =
                        !previous_item || (*opens && numbered && marker.trim_end_matches(['.', ')']) != "1");
                    out.push_str(if needs_blank { "\n\n" } else { "\n" });
                }
                let pad = " ".repeat(indent + marker.len() + 1);
                let body = text.replace('\n', &format!("\n{pad}"));
                out.push_str(&format!("{}{marker} {body}", " ".repeat(*indent)));
                previous_item = true;
                continue;
            }
        };
        let _ = is_item;
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&text);
        previous_item = false;
    }
    out
}

/// Title, authors and date from `docProps/core.xml`.
fn core_meta(root: &xml::Node) -> Meta {
    let mut meta = Meta::default();
    for node in root.elements() {
        let text = node.text().trim().to_owned();
        if text.is_empty() {
            continue;
        }
        match node.local() {
            "title" => meta.title = Some(text.split_whitespace().collect::<Vec<_>>().join(" ")),
            "creator" => {
                meta.authors = text.split(';').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect();
            }
            "created" => meta.date = iso_day(&text),
            _ => {}
        }
    }
    meta
}

/// `YYYY-MM-DD` from the start of a date and time, if it is one.
fn iso_day(text: &str) -> Option<String> {
    let day = text.trim().get(..10)?;
    let b = day.as_bytes();
    let shaped =
        b[4] == b'-' && b[7] == b'-' && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    shaped.then(|| day.to_owned())
}
