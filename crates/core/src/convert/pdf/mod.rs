//! Reading a PDF document: text runs from the content streams (`extract`), lines in reading
//! order with running heads and page numbers removed (`lines`), then footnotes, tables,
//! figures, headings and paragraphs (`layout`), and images as files (`images`).
//!
//! Whatever a file claims, the work is bounded: streams inflate within
//! [`Limits::max_inflated_bytes`] in all (and 64 MB each), pages are counted by walking the
//! page tree, never from `/Count`, up to [`Limits::max_pages`], and forms nest to a fixed depth.

mod extract;
mod footnotes;
mod images;
mod layout;
mod lines;
mod lists;
mod paragraph;
mod std14;
mod tables;

use std::collections::{HashMap, HashSet};

use lopdf::{Document, LoadOptions, Object};

use super::{Converted, Failure, Image, Limits, Meta, Note, Progress};

/// The most one stream may inflate to, whatever the document-wide budget.
const STREAM_LIMIT_BYTES: u64 = 64 * 1024 * 1024;

pub(crate) fn convert(bytes: &[u8], limits: &Limits, progress: Progress<'_>) -> Result<Converted, Failure> {
    // A panic inside the PDF library must not take the application with it.
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| convert_inner(bytes, limits, progress))) {
        Ok(result) => result,
        Err(_) => Err(Failure::Invalid("this PDF is damaged in a way Casebook cannot read".into())),
    }
}

fn load_error(bytes: &[u8], err: &lopdf::Error) -> Failure {
    let encrypted = matches!(
        err,
        lopdf::Error::Decryption(_) | lopdf::Error::InvalidPassword | lopdf::Error::UnsupportedSecurityHandler(_)
    ) || bytes.windows(8).any(|w| w == b"/Encrypt");
    if encrypted {
        return Failure::Invalid(
            "this PDF is protected by a password; open it in a PDF reader, save a copy without protection, and import that"
                .into(),
        );
    }
    if matches!(err, lopdf::Error::Decompress(_)) {
        return Failure::Invalid("this PDF holds a stream that decompresses past Casebook's limit".into());
    }
    Failure::Invalid("this file is not a readable PDF (it may be damaged or cut short)".into())
}

fn convert_inner(bytes: &[u8], limits: &Limits, progress: Progress<'_>) -> Result<Converted, Failure> {
    let stream_limit = STREAM_LIMIT_BYTES.min(limits.max_inflated_bytes) as usize;
    let options = LoadOptions { max_decompressed_size: Some(stream_limit), ..LoadOptions::default() };
    let doc = Document::load_mem_with_options(bytes, options).map_err(|e| load_error(bytes, &e))?;
    if doc.is_encrypted() {
        return Err(load_error(bytes, &lopdf::Error::InvalidPassword));
    }
    let mut notes = Vec::new();
    let mut seen = HashSet::new();
    let mut page_ids = Vec::new();
    for id in doc.page_iter() {
        if !seen.insert(id) {
            continue;
        }
        if page_ids.len() as u32 >= limits.max_pages {
            notes.push(Note::left_out(
                None,
                format!("the pages after page {}: Casebook reads at most {} pages", limits.max_pages, limits.max_pages),
            ));
            break;
        }
        page_ids.push(id);
    }
    if page_ids.is_empty() {
        return Err(Failure::Invalid("this PDF has no pages that can be read".into()));
    }
    let total = page_ids.len() as u32;
    let mut reader = extract::Reader::new(&doc, limits.max_inflated_bytes, stream_limit, limits.max_depth);
    let mut pages: Vec<(f32, f32, Vec<lines::Line>)> = Vec::with_capacity(page_ids.len());
    let mut placements = Vec::new();
    let mut any_text = false;
    let mut image_pages = 0u32;
    for (i, id) in page_ids.iter().enumerate() {
        let number = i as u32 + 1;
        let content = reader.page(*id).map_err(|_| {
            Failure::Invalid(
                "this PDF's streams decompress past Casebook's limit; it may be built to exhaust memory".into(),
            )
        })?;
        any_text |= !content.runs.is_empty();
        image_pages += u32::from(!content.images.is_empty());
        let (width, height) = page_size(&doc, *id, limits.max_depth);
        pages.push((width, height, lines::lines_of(number, &content.runs)));
        placements.push(content.images);
        if !progress(number, total) {
            return Err(Failure::Cancelled);
        }
    }
    if !any_text {
        if image_pages > 0 {
            return Err(Failure::Empty(format!(
                "this PDF has no text layer: it looks scanned ({total} pages of images); run OCR on it first, for example with ocrmypdf, then import it again"
            )));
        }
        return Err(Failure::Empty("no text could be found in this PDF".into()));
    }

    let all_lines: Vec<lines::Line> = pages.iter().flat_map(|p| p.2.iter().cloned()).collect();
    let body_size = layout::body_size(&all_lines);
    drop(all_lines);
    let mut by_height: Vec<(f32, Vec<lines::Line>)> =
        pages.iter_mut().map(|p| (p.1, std::mem::take(&mut p.2))).collect();
    lines::remove_furniture(&mut by_height, body_size);

    let (figures, images) = figures(&doc, &placements, limits, &mut notes);
    let mut laid_pages = Vec::with_capacity(pages.len());
    for (i, ((width, _, _), (_, page_lines))) in pages.iter().zip(by_height).enumerate() {
        let number = i as u32 + 1;
        let gutter = lines::find_gutter(&page_lines, *width, body_size);
        let ordered = lines::reading_order(number, page_lines, gutter);
        let mut figs = figures.get(&number).cloned().unwrap_or_default();
        for f in &mut figs {
            f.column = match gutter {
                None => 0,
                Some(g) if f.x1_pt <= g + 2.0 => 0,
                Some(g) if f.x0_pt >= g - 2.0 => 1,
                Some(_) => 2,
            };
        }
        laid_pages.push(layout::PageLines { number, lines: ordered, figures: figs });
    }
    let laid = layout::lay_out(laid_pages, body_size);
    notes.extend(laid.notes);

    let mut meta = info(&doc);
    if meta.title.is_none() {
        meta.title = laid.first_heading;
    }
    Ok(Converted { meta, body: laid.body, images, pages: Some(total), notes })
}

/// The figures of each page, decoded: tiny images and images repeated on several pages
/// (logos) are skipped, what cannot be decoded is noted.
fn figures(
    doc: &Document,
    placements: &[Vec<extract::Placement>],
    limits: &Limits,
    notes: &mut Vec<Note>,
) -> (HashMap<u32, Vec<layout::Figure>>, Vec<Image>) {
    let mut pages_of: HashMap<lopdf::ObjectId, HashSet<usize>> = HashMap::new();
    for (i, list) in placements.iter().enumerate() {
        for p in list {
            pages_of.entry(p.id).or_default().insert(i);
        }
    }
    let mut out: HashMap<u32, Vec<layout::Figure>> = HashMap::new();
    let mut images = Vec::new();
    let mut budget = limits.max_inflated_bytes.min(512 * 1024 * 1024) as usize;
    for (i, list) in placements.iter().enumerate() {
        let number = i as u32 + 1;
        let mut k = 0;
        let mut done = HashSet::new();
        for p in list {
            if pages_of.get(&p.id).is_some_and(|s| s.len() > 1) || !done.insert(p.id) {
                continue;
            }
            if p.width_pt < 8.0 || p.height_pt < 8.0 {
                continue;
            }
            if images.len() >= limits.max_images {
                notes.push(Note::left_out(Some(number), "an image past the most Casebook keeps"));
                continue;
            }
            match images::decode(doc, p.id, budget) {
                images::Decoded::File { bytes, extension } => {
                    k += 1;
                    budget = budget.saturating_sub(bytes.len());
                    let name = format!("page-{number}-figure-{k}.{extension}");
                    out.entry(number).or_default().push(layout::Figure {
                        name: name.clone(),
                        column: 0,
                        top_pt: p.y_pt + p.height_pt,
                        x0_pt: p.x_pt,
                        x1_pt: p.x_pt + p.width_pt,
                    });
                    images.push(Image { name, bytes });
                }
                images::Decoded::Tiny => {}
                images::Decoded::Unsupported(what) => notes.push(Note::left_out(Some(number), what)),
            }
        }
    }
    (out, images)
}

/// A page's width and height from its (inherited) MediaBox, US Letter when it has none.
fn page_size(doc: &Document, id: lopdf::ObjectId, max_depth: usize) -> (f32, f32) {
    let mut node = doc.get_dictionary(id).ok();
    for _ in 0..max_depth.min(64) {
        let Some(dict) = node else { break };
        if let Ok(Object::Array(b)) = dict.get_deref(b"MediaBox", doc) {
            let v: Vec<f32> = b.iter().filter_map(|o| o.as_float().ok()).collect();
            if v.len() == 4 && v.iter().all(|x| x.is_finite()) {
                return ((v[2] - v[0]).abs().max(1.0), (v[3] - v[1]).abs().max(1.0));
            }
        }
        node = dict.get(b"Parent").and_then(Object::as_reference).ok().and_then(|p| doc.get_dictionary(p).ok());
    }
    (612.0, 792.0)
}

/// Title, authors and creation date from the Info dictionary.
fn info(doc: &Document) -> Meta {
    let mut meta = Meta::default();
    let Some(dict) =
        doc.trailer.get(b"Info").ok().and_then(|o| doc.dereference(o).ok()).and_then(|(_, o)| o.as_dict().ok())
    else {
        return meta;
    };
    let text = |key: &[u8]| {
        dict.get_deref(key, doc)
            .ok()
            .and_then(|o| lopdf::decode_text_string(o).ok())
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
    };
    meta.title = text(b"Title");
    if let Some(author) = text(b"Author") {
        meta.authors = author.split(';').map(|a| a.trim().to_owned()).filter(|a| !a.is_empty()).collect();
    }
    meta.date = text(b"CreationDate").and_then(|d| pdf_date(&d));
    meta
}

/// `D:YYYYMMDD…` as `YYYY-MM-DD`.
fn pdf_date(text: &str) -> Option<String> {
    let digits = text.trim().strip_prefix("D:").unwrap_or(text.trim());
    let d: Vec<u32> = digits.chars().take(8).map(|c| c.to_digit(10)).collect::<Option<_>>()?;
    if d.len() < 8 {
        return None;
    }
    let month = d[4] * 10 + d[5];
    let day = d[6] * 10 + d[7];
    ((1..=12).contains(&month) && (1..=31).contains(&day))
        .then(|| format!("{}{}{}{}-{month:02}-{day:02}", d[0], d[1], d[2], d[3]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_as_iso() {
        assert_eq!(pdf_date("D:20261202121430Z").as_deref(), Some("2026-12-02"));
        assert_eq!(pdf_date("D:2026").as_deref(), None);
    }
}
