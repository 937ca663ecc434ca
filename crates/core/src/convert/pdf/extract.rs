//! Positioned text runs and image placements from a page's content stream.
//!
//! Only what layout needs is interpreted: the text state and matrices, fonts (to Unicode and
//! to glyph widths) and image placements. Form XObjects are followed to a bounded depth.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Encoding, Object, ObjectId};

use super::std14;

/// A piece of text drawn in one font at one place: one `Tj`, one `TJ` or one quote operator.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Run {
    pub text: String,
    /// The start of the baseline, in points from the page's bottom left.
    pub x_pt: f32,
    pub y_pt: f32,
    pub width_pt: f32,
    pub size_pt: f32,
    pub bold: bool,
    pub italic: bool,
}

/// Where an image XObject is painted on a page.
#[derive(Clone, Debug)]
pub(crate) struct Placement {
    pub id: ObjectId,
    pub x_pt: f32,
    pub y_pt: f32,
    pub width_pt: f32,
    pub height_pt: f32,
}

#[derive(Debug, Default)]
pub(crate) struct PageContent {
    pub runs: Vec<Run>,
    pub images: Vec<Placement>,
}

/// Fonts read once per document, keyed by where their dictionary lives in the loaded
/// document, which outlives every page.
#[derive(Default)]
pub(crate) struct FontCache {
    fonts: HashMap<usize, Rc<Font>>,
}

struct Font {
    two_byte: bool,
    /// The text of each one-byte code, decoded once when the font is read.
    table: Vec<String>,
    /// A two-byte font's ToUnicode map, and what it gave for each code so far.
    cmap: Option<Encoding<'static>>,
    codes: RefCell<HashMap<u32, String>>,
    widths: HashMap<u32, f32>,
    default_width: f32,
    bold: bool,
    italic: bool,
}

impl Font {
    fn read(doc: &Document, dict: &Dictionary, limit: usize) -> Font {
        let subtype = dict.get(b"Subtype").and_then(Object::as_name).unwrap_or(b"");
        let two_byte = subtype == b"Type0";
        let base = dict.get(b"BaseFont").and_then(Object::as_name).unwrap_or(b"");
        let base = String::from_utf8_lossy(base).to_ascii_lowercase();
        let descendant = if two_byte {
            dict.get_deref(b"DescendantFonts", doc)
                .and_then(Object::as_array)
                .ok()
                .and_then(|a| a.first())
                .and_then(|d| doc.dereference(d).ok())
                .and_then(|(_, d)| d.as_dict().ok())
        } else {
            None
        };
        let descriptor = descendant.unwrap_or(dict).get_deref(b"FontDescriptor", doc).and_then(Object::as_dict).ok();
        let number = |key: &[u8]| descriptor.and_then(|d| d.get(key).and_then(Object::as_float).ok());
        let flags = descriptor.and_then(|d| d.get(b"Flags").and_then(Object::as_i64).ok()).unwrap_or(0);
        let bold = ["bold", "black", "heavy", "semibold", "demi"].iter().any(|w| base.contains(w))
            || number(b"FontWeight").unwrap_or(0.0) >= 600.0
            || flags & (1 << 18) != 0;
        let italic = base.contains("italic")
            || base.contains("oblique")
            || number(b"ItalicAngle").unwrap_or(0.0).abs() > 0.5
            || flags & (1 << 6) != 0;

        let mut widths = HashMap::new();
        let mut default_width = 500.0;
        if let Some(desc) = descendant {
            default_width = desc.get(b"DW").and_then(Object::as_float).unwrap_or(1000.0);
            if let Ok(w) = desc.get_deref(b"W", doc).and_then(Object::as_array) {
                read_cid_widths(doc, w, &mut widths);
            }
        } else {
            let first = dict.get(b"FirstChar").and_then(Object::as_i64).unwrap_or(0).clamp(0, 255) as u32;
            if let Ok(w) = dict.get_deref(b"Widths", doc).and_then(Object::as_array) {
                for (i, width) in w.iter().take(256).enumerate() {
                    if let Ok(width) = doc.dereference(width).and_then(|(_, o)| o.as_float()) {
                        widths.insert(first + i as u32, width);
                    }
                }
            }
            if widths.is_empty() {
                // The standard 14 fonts carry no widths; an average glyph keeps extents close
                // when the font is not one whose metrics are known.
                default_width = if base.contains("courier") { 600.0 } else { 470.0 };
            }
        }
        let standard = (!two_byte && widths.is_empty()).then(|| standard_widths(&base)).flatten();

        // A ToUnicode map says what each code means better than an /Encoding does, and a
        // Type0 font's /Encoding (Identity-H) says nothing about Unicode at all.
        let has_to_unicode = dict.get(b"ToUnicode").is_ok();
        let mut for_encoding = dict.clone();
        if has_to_unicode || two_byte {
            for_encoding.remove(b"Encoding");
        }
        let encoding = for_encoding.get_font_encoding_with_limit(doc, limit).ok();
        let mut table = Vec::new();
        let mut cmap = None;
        if two_byte {
            if let Some(Encoding::UnicodeMapEncoding(map)) = encoding {
                cmap = Some(Encoding::UnicodeMapEncoding(map));
            }
        } else {
            table = (0u8..=255)
                .map(|code| match &encoding {
                    Some(e) => clean(&e.bytes_to_string(&[code]).unwrap_or_default()),
                    None => char::from(code).to_string(),
                })
                .collect();
            if let Some(metrics) = standard {
                for (code, text) in table.iter().enumerate() {
                    let mut chars = text.chars();
                    let (Some(c), None) = (chars.next(), chars.next()) else { continue };
                    if let Some(i) = std14::WIN_ANSI.iter().position(|w| *w == c)
                        && metrics[i] > 0
                    {
                        widths.insert(code as u32, f32::from(metrics[i]));
                    }
                }
            }
        }
        Font { two_byte, table, cmap, codes: RefCell::new(HashMap::new()), widths, default_width, bold, italic }
    }

    fn push_text(&self, code: u32, out: &mut String) {
        if !self.two_byte {
            if let Some(text) = self.table.get(code as usize) {
                out.push_str(text);
            }
            return;
        }
        if let Some(text) = self.codes.borrow().get(&code) {
            out.push_str(text);
            return;
        }
        let text = match &self.cmap {
            Some(e) => clean(&e.bytes_to_string(&[(code >> 8) as u8, code as u8]).unwrap_or_default()),
            None => String::new(),
        };
        out.push_str(&text);
        self.codes.borrow_mut().insert(code, text);
    }

    fn width_of(&self, code: u32) -> f32 {
        self.widths.get(&code).copied().unwrap_or(self.default_width)
    }
}

/// The widths of a standard font by its base name, lower-cased: a subset prefix
/// ("ABCDEF+") is dropped and common aliases ("Arial", "TimesNewRoman") are taken for the
/// core font they stand in for.
fn standard_widths(base: &str) -> Option<&'static [u16; 224]> {
    let base = match base.split_once('+') {
        Some((prefix, rest)) if prefix.len() == 6 => rest,
        _ => base,
    };
    let squeezed: String = base.chars().filter(|c| c.is_ascii_alphanumeric() || *c == ',' || *c == '-').collect();
    let (family, style) = squeezed.split_once([',', '-']).unwrap_or((squeezed.as_str(), ""));
    let family = match family.trim_end_matches("mt").trim_end_matches("ps") {
        "helvetica" | "arial" | "liberationsans" | "nimbussans" => "Helvetica",
        "times" | "timesroman" | "timesnewroman" | "liberationserif" | "nimbusroman" => "Times",
        "courier" | "couriernew" | "liberationmono" | "nimbusmono" => "Courier",
        _ => return None,
    };
    let bold = ["bold", "black", "heavy", "semibold", "demi"].iter().any(|w| style.contains(w));
    let italic = style.contains("italic") || style.contains("oblique");
    let name = match (family, bold, italic) {
        ("Times", false, false) => "Times-Roman".to_owned(),
        ("Times", true, false) => "Times-Bold".to_owned(),
        ("Times", false, true) => "Times-Italic".to_owned(),
        ("Times", true, true) => "Times-BoldItalic".to_owned(),
        (f, false, false) => f.to_owned(),
        (f, true, false) => format!("{f}-Bold"),
        (f, false, true) => format!("{f}-Oblique"),
        (f, true, true) => format!("{f}-BoldOblique"),
    };
    std14::FONTS.iter().find(|(n, _)| *n == name).map(|(_, w)| w)
}

fn clean(text: &str) -> String {
    text.chars().filter(|c| *c != '\u{fffd}' && *c != '\0').collect()
}

fn read_cid_widths(doc: &Document, w: &[Object], widths: &mut HashMap<u32, f32>) {
    let mut i = 0;
    let mut budget = 65_536usize;
    while i + 1 < w.len() && budget > 0 {
        let Ok(first) = w[i].as_i64() else { break };
        let first = first.max(0) as u32;
        match doc.dereference(&w[i + 1]).map(|(_, o)| o) {
            Ok(Object::Array(list)) => {
                for (k, width) in list.iter().enumerate().take(budget) {
                    if let Ok(width) = width.as_float() {
                        widths.insert(first + k as u32, width);
                    }
                }
                budget = budget.saturating_sub(list.len());
                i += 2;
            }
            Ok(last) => {
                let (Ok(last), Some(width)) = (last.as_i64(), w.get(i + 2).and_then(|o| o.as_float().ok())) else {
                    break;
                };
                let last = (last.max(0) as u32).min(first.saturating_add(budget as u32));
                for code in first..=last {
                    widths.insert(code, width);
                }
                budget = budget.saturating_sub((last - first) as usize + 1);
                i += 3;
            }
            Err(_) => break,
        }
    }
}

/// Why a page could not be read; the caller turns it into a sentence.
#[derive(Debug)]
pub(crate) enum PageError {
    /// Decompressing the page would pass the document's budget.
    TooLarge,
}

#[derive(Clone, Copy, Debug, PartialEq)]
struct Matrix([f32; 6]);

impl Matrix {
    const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    /// `self` then `then`, as PDF composes: a point goes through `self` first.
    fn then(self, then: Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [a2, b2, c2, d2, e2, f2] = then.0;
        Matrix([
            a * a2 + b * c2,
            a * b2 + b * d2,
            c * a2 + d * c2,
            c * b2 + d * d2,
            e * a2 + f * c2 + e2,
            e * b2 + f * d2 + f2,
        ])
    }

    fn translate(tx: f32, ty: f32) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, tx, ty])
    }

    fn of(operands: &[Object]) -> Option<Matrix> {
        if operands.len() < 6 {
            return None;
        }
        let mut m = [0.0; 6];
        for (slot, o) in m.iter_mut().zip(operands) {
            *slot = o.as_float().ok()?;
        }
        m.iter().all(|v| v.is_finite()).then_some(Matrix(m))
    }
}

#[derive(Clone)]
struct State {
    ctm: Matrix,
    char_spacing: f32,
    word_spacing: f32,
    h_scale: f32,
    leading: f32,
    rise: f32,
    font: Option<Rc<Font>>,
    font_size: f32,
}

/// Reads pages of one document, sharing fonts between them and one decompression budget.
pub(crate) struct Reader<'a> {
    pub doc: &'a Document,
    fonts: FontCache,
    /// Bytes all content streams may still inflate to.
    pub budget_bytes: u64,
    /// The largest single stream inflated.
    pub stream_limit_bytes: usize,
    pub max_depth: usize,
}

/// Operators interpreted per page at most, whatever the content claims.
const MAX_OPERATIONS: usize = 2_000_000;
const MAX_STATE_STACK: usize = 256;

impl<'a> Reader<'a> {
    pub fn new(doc: &'a Document, budget_bytes: u64, stream_limit_bytes: usize, max_depth: usize) -> Self {
        Reader { doc, fonts: FontCache::default(), budget_bytes, stream_limit_bytes, max_depth }
    }

    pub fn page(&mut self, page_id: ObjectId) -> Result<PageContent, PageError> {
        let limit = self.limit();
        let bytes = self.doc.get_page_content_with_limit(page_id, limit).map_err(|_| PageError::TooLarge)?;
        self.budget_bytes = self.budget_bytes.saturating_sub(bytes.len() as u64);
        let mut resources = Vec::new();
        if let Ok((dict, ids)) = self.doc.get_page_resources(page_id) {
            resources.extend(dict);
            resources.extend(ids.into_iter().filter_map(|id| self.doc.get_dictionary(id).ok()));
        }
        let mut out = PageContent::default();
        let mut forms = Vec::new();
        let state = initial_state(Matrix::IDENTITY);
        self.run(&bytes, &resources, state, &mut forms, &mut out)?;
        Ok(out)
    }

    fn limit(&self) -> usize {
        (self.budget_bytes.min(self.stream_limit_bytes as u64)) as usize
    }

    fn font(&mut self, resources: &[&'a Dictionary], name: &[u8]) -> Option<Rc<Font>> {
        let dict = lookup(self.doc, resources, b"Font", name)?.as_dict().ok()?;
        let key = dict as *const Dictionary as usize;
        if let Some(font) = self.fonts.fonts.get(&key) {
            return Some(font.clone());
        }
        let font = Rc::new(Font::read(self.doc, dict, self.limit()));
        self.fonts.fonts.insert(key, font.clone());
        Some(font)
    }

    fn run(
        &mut self,
        bytes: &[u8],
        resources: &[&'a Dictionary],
        mut gs: State,
        forms: &mut Vec<ObjectId>,
        out: &mut PageContent,
    ) -> Result<(), PageError> {
        let Ok(content) = Content::decode(bytes) else { return Ok(()) };
        let mut stack: Vec<State> = Vec::new();
        let mut tm = Matrix::IDENTITY;
        let mut tlm = Matrix::IDENTITY;
        for op in content.operations.iter().take(MAX_OPERATIONS) {
            let args = &op.operands;
            let num = |i: usize| args.get(i).and_then(|o| o.as_float().ok()).filter(|v| v.is_finite());
            match op.operator.as_str() {
                "q" if stack.len() < MAX_STATE_STACK => stack.push(gs.clone()),
                "Q" => {
                    if let Some(saved) = stack.pop() {
                        gs = saved;
                    }
                }
                "cm" => {
                    if let Some(m) = Matrix::of(args) {
                        gs.ctm = m.then(gs.ctm);
                    }
                }
                "BT" => {
                    tm = Matrix::IDENTITY;
                    tlm = Matrix::IDENTITY;
                }
                "Tf" => {
                    gs.font = args.first().and_then(|o| o.as_name().ok()).and_then(|n| self.font(resources, n));
                    gs.font_size = num(1).unwrap_or(0.0);
                }
                "Tc" => gs.char_spacing = num(0).unwrap_or(0.0),
                "Tw" => gs.word_spacing = num(0).unwrap_or(0.0),
                "Tz" => gs.h_scale = num(0).unwrap_or(100.0) / 100.0,
                "TL" => gs.leading = num(0).unwrap_or(0.0),
                "Ts" => gs.rise = num(0).unwrap_or(0.0),
                "Td" | "TD" => {
                    let (tx, ty) = (num(0).unwrap_or(0.0), num(1).unwrap_or(0.0));
                    if op.operator == "TD" {
                        gs.leading = -ty;
                    }
                    tlm = Matrix::translate(tx, ty).then(tlm);
                    tm = tlm;
                }
                "Tm" => {
                    if let Some(m) = Matrix::of(args) {
                        tlm = m;
                        tm = m;
                    }
                }
                "T*" => {
                    tlm = Matrix::translate(0.0, -gs.leading).then(tlm);
                    tm = tlm;
                }
                "Tj" | "'" | "\"" | "TJ" => {
                    if op.operator == "\"" {
                        gs.word_spacing = num(0).unwrap_or(gs.word_spacing);
                        gs.char_spacing = num(1).unwrap_or(gs.char_spacing);
                    }
                    if op.operator != "Tj" && op.operator != "TJ" {
                        tlm = Matrix::translate(0.0, -gs.leading).then(tlm);
                        tm = tlm;
                    }
                    let items: &[Object] = match op.operator.as_str() {
                        "TJ" => args.first().and_then(|o| o.as_array().ok()).map_or(&[], |a| a.as_slice()),
                        "\"" => args.get(2).map_or(&[], std::slice::from_ref),
                        _ => args.first().map_or(&[], std::slice::from_ref),
                    };
                    if let Some(run) = show(&gs, &mut tm, items) {
                        out.runs.push(run);
                    }
                }
                "Do" => {
                    let Some(name) = args.first().and_then(|o| o.as_name().ok()) else { continue };
                    let Some(Object::Reference(id)) = lookup_raw(self.doc, resources, b"XObject", name) else {
                        continue;
                    };
                    let Ok(stream) = self.doc.get_object(*id).and_then(Object::as_stream) else { continue };
                    match stream.dict.get(b"Subtype").and_then(Object::as_name) {
                        Ok(b"Image") => {
                            let [a, b, c, d, e, f] = gs.ctm.0;
                            let (w, h) = (a.hypot(b), c.hypot(d));
                            // The image's unit square, with its corner wherever the matrix flips it.
                            let x = e.min(e + a).min(e + c);
                            let y = f.min(f + b).min(f + d);
                            out.images.push(Placement { id: *id, x_pt: x, y_pt: y, width_pt: w, height_pt: h });
                        }
                        Ok(b"Form") if forms.len() < self.max_depth.min(32) && !forms.contains(id) => {
                            let limit = self.limit();
                            let Ok(data) = stream.decompressed_content_with_limit(limit) else {
                                return Err(PageError::TooLarge);
                            };
                            self.budget_bytes = self.budget_bytes.saturating_sub(data.len() as u64);
                            let mut inner = Vec::with_capacity(resources.len() + 1);
                            if let Ok(r) = stream.dict.get_deref(b"Resources", self.doc).and_then(Object::as_dict) {
                                inner.push(r);
                            }
                            inner.extend_from_slice(resources);
                            let matrix = stream
                                .dict
                                .get(b"Matrix")
                                .and_then(Object::as_array)
                                .ok()
                                .and_then(|m| Matrix::of(m))
                                .unwrap_or(Matrix::IDENTITY);
                            let mut form_state = gs.clone();
                            form_state.ctm = matrix.then(gs.ctm);
                            forms.push(*id);
                            let result = self.run(&data, &inner, form_state, forms, out);
                            forms.pop();
                            result?;
                        }
                        _ => {}
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }
}

fn initial_state(ctm: Matrix) -> State {
    State {
        ctm,
        char_spacing: 0.0,
        word_spacing: 0.0,
        h_scale: 1.0,
        leading: 0.0,
        rise: 0.0,
        font: None,
        font_size: 0.0,
    }
}

/// Shows strings (and `TJ` adjustments) from the current text matrix, moving it on; the
/// run starts where the first glyph does.
fn show(gs: &State, tm: &mut Matrix, items: &[Object]) -> Option<Run> {
    let font = gs.font.as_ref()?;
    let size = gs.font_size;
    let text_space = |tm: &Matrix| Matrix([size * gs.h_scale, 0.0, 0.0, size, 0.0, gs.rise]).then(*tm).then(gs.ctm);
    let start = text_space(tm);
    let mut text = String::new();
    for item in items {
        match item {
            Object::String(bytes, _) => {
                let step = if font.two_byte { 2 } else { 1 };
                for chunk in bytes.chunks(step) {
                    let code = chunk.iter().fold(0u32, |acc, b| acc << 8 | u32::from(*b));
                    font.push_text(code, &mut text);
                    let spacing = if step == 1 && code == 32 { gs.word_spacing } else { 0.0 };
                    let tx = (font.width_of(code) / 1000.0 * size + gs.char_spacing + spacing) * gs.h_scale;
                    *tm = Matrix::translate(tx, 0.0).then(*tm);
                }
            }
            other => {
                let Ok(n) = other.as_float() else { continue };
                if !n.is_finite() {
                    continue;
                }
                // A move right of more than a fifth of an em is a space the producer drew as a gap.
                if -n / 1000.0 > 0.2 && !text.ends_with(' ') && !text.is_empty() {
                    text.push(' ');
                }
                *tm = Matrix::translate(-n / 1000.0 * size * gs.h_scale, 0.0).then(*tm);
            }
        }
    }
    let end = text_space(tm);
    let size_pt = start.0[2].hypot(start.0[3]);
    if text.trim().is_empty() || !size_pt.is_finite() || size_pt <= 0.0 {
        return None;
    }
    Some(Run {
        text,
        x_pt: start.0[4],
        y_pt: start.0[5],
        width_pt: (end.0[4] - start.0[4]).abs(),
        size_pt,
        bold: font.bold,
        italic: font.italic,
    })
}

/// A named resource of a category, from the nearest resource dictionary that has it.
fn lookup<'a>(doc: &'a Document, resources: &[&'a Dictionary], category: &[u8], name: &[u8]) -> Option<&'a Object> {
    let object = lookup_raw(doc, resources, category, name)?;
    doc.dereference(object).ok().map(|(_, o)| o)
}

fn lookup_raw<'a>(doc: &'a Document, resources: &[&'a Dictionary], category: &[u8], name: &[u8]) -> Option<&'a Object> {
    resources.iter().find_map(|r| r.get_deref(category, doc).and_then(Object::as_dict).ok()?.get(name).ok())
}
