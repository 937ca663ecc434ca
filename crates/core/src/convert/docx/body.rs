//! The body of a Word document (and of each note) walked into blocks: headings, paragraphs,
//! list items and tables, with the text that fields display but never their codes.

use std::collections::{HashMap, VecDeque};

use super::inline::{self, Piece};
use super::numbering::{Marker, Numbering};
use super::package::{MAX_PART_BYTES, Package, Rels};
use super::styles::{RunProps, Styles};
use super::xml::Node;
use crate::convert::markdown::{escape, footnote_ref, table};
use crate::convert::{Failure, Image, Limits, Note};

#[derive(Debug, PartialEq)]
pub(super) enum Block {
    /// An outline level (0 for the first) and the heading's Markdown.
    Heading(u8, String),
    /// A paragraph in the Title style: its plain text and its Markdown.
    Title(String, String),
    /// A paragraph in the Author style (as pandoc writes): its plain text and its Markdown.
    Byline(String, String),
    /// A paragraph in the Date style: its plain text and its Markdown.
    Dateline(String, String),
    Para(String),
    /// A list item: spaces before the marker, the marker, whether it starts a new list, its text.
    Item {
        indent: usize,
        marker: String,
        opens: bool,
        text: String,
    },
    Table(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum NoteKind {
    Foot,
    End,
}

struct OpenList {
    level: u8,
    /// The width of the item's marker with its space, which its children are indented by.
    width: usize,
    /// `-`, `*`, `.` or `)`.
    delimiter: char,
    num_id: String,
}

struct Field {
    instr: String,
    showing: bool,
}

impl Field {
    fn command(&self) -> String {
        self.instr.split_whitespace().next().unwrap_or("").to_ascii_uppercase()
    }
}

/// Everything the walk needs and gathers.
pub(super) struct Walker<'p, 'a> {
    pub package: &'p mut Package<'a>,
    pub styles: Styles,
    pub numbering: Numbering,
    /// The relationships of the part being walked.
    pub rels: Rels,
    pub limits: Limits,
    pub notes: Vec<Note>,
    pub images: Vec<Image>,
    image_names: HashMap<String, Option<String>>,
    fields: Vec<Field>,
    link: Option<String>,
    /// The open list levels, outermost first.
    list: Vec<OpenList>,
    pub in_note: bool,
    pub note_bodies: HashMap<(NoteKind, String), Node>,
    pub note_labels: HashMap<(NoteKind, String), String>,
    pub pending: VecDeque<(NoteKind, String, String)>,
    counts: [usize; 2],
    told: HashMap<&'static str, bool>,
}

impl<'p, 'a> Walker<'p, 'a> {
    pub fn new(package: &'p mut Package<'a>, styles: Styles, numbering: Numbering, rels: Rels, limits: Limits) -> Self {
        Walker {
            package,
            styles,
            numbering,
            rels,
            limits,
            notes: Vec::new(),
            images: Vec::new(),
            image_names: HashMap::new(),
            fields: Vec::new(),
            link: None,
            list: Vec::new(),
            in_note: false,
            note_bodies: HashMap::new(),
            note_labels: HashMap::new(),
            pending: VecDeque::new(),
            counts: [0; 2],
            told: HashMap::new(),
        }
    }

    /// Adds a note once for each kind of thing, not once per occurrence.
    fn tell_once(&mut self, key: &'static str, note: Note) {
        if !self.told.insert(key, true).unwrap_or(false) {
            self.notes.push(note);
        }
    }

    /// Walks the block-level children of `parent`.
    pub fn blocks(&mut self, parent: &Node, out: &mut Vec<Block>) -> Result<(), Failure> {
        for child in parent.elements() {
            self.block(child, out)?;
        }
        Ok(())
    }

    pub fn block(&mut self, node: &Node, out: &mut Vec<Block>) -> Result<(), Failure> {
        match &*node.name {
            "w:p" => self.paragraph(node, out),
            "w:tbl" => self.table(node, out),
            "w:sdt" => {
                let gallery =
                    node.child("w:sdtPr").and_then(|p| p.find("w:docPartGallery")).and_then(|g| g.attr("w:val"));
                if gallery.is_some_and(|g| g.to_ascii_lowercase().contains("table of contents")) {
                    return Ok(());
                }
                match node.child("w:sdtContent") {
                    Some(content) => self.blocks(content, out),
                    None => Ok(()),
                }
            }
            "w:customXml" | "w:ins" | "w:moveTo" | "w:smartTag" | "w:sdtContent" => self.blocks(node, out),
            "mc:AlternateContent" => match node.child("mc:Choice").or_else(|| node.child("mc:Fallback")) {
                Some(choice) => self.blocks(choice, out),
                None => Ok(()),
            },
            _ => Ok(()),
        }
    }

    fn paragraph(&mut self, p: &Node, out: &mut Vec<Block>) -> Result<(), Failure> {
        let ppr = p.child("w:pPr");
        let style = ppr.and_then(|p| p.child_val("w:pStyle"));
        let direct_outline = ppr.and_then(|p| p.child_val("w:outlineLvl")).and_then(|v| v.parse::<u8>().ok());
        let outline = match direct_outline {
            Some(level) => (level < 9).then_some(level),
            None => self.styles.outline(style),
        };
        let title = self.styles.is_title(style);
        // A heading's own style makes it bold; only what is emphasised within it is kept.
        let para_run = if outline.is_some() || title { RunProps::default() } else { self.styles.run(style) };
        let mut pieces = Vec::new();
        self.inline(p, para_run, &mut pieces)?;
        if self.styles.is_toc(style) {
            return Ok(());
        }
        let num = match ppr.and_then(|p| p.child("w:numPr")) {
            Some(num_pr) => num_pr.child_val("w:numId").map(|id| {
                let level = num_pr.child_val("w:ilvl").and_then(|v| v.parse::<u8>().ok()).unwrap_or(0);
                (id.to_owned(), level, level)
            }),
            None => self.styles.num(style).map(|(id, level, depth)| (id.to_owned(), level, depth)),
        };
        let one_line = outline.is_some() || title;
        let text = inline::render(&pieces, one_line);
        if text.trim().is_empty() {
            return Ok(());
        }
        let marker = match &num {
            Some((id, level, depth)) if id != "0" => self.numbering.next(id, *level).map(|m| (m, *depth, id.clone())),
            _ => None,
        };
        // A numbered heading keeps the number it shows ("2.1 The Crisis"): a reader cites it.
        let (marker, text) = match marker {
            Some((marker, _, _)) if outline.is_some() => {
                let label = match marker {
                    Marker::Number(n) => format!("{n}."),
                    Marker::Label(label) => label,
                    Marker::Bullet => String::new(),
                };
                let text = if label.trim().is_empty() { text } else { labelled(&label, &text) };
                (None, text)
            }
            other => (other, text),
        };
        if let Some((marker, level, num_id)) = marker {
            while self.list.last().is_some_and(|l| l.level > level) {
                self.list.pop();
            }
            let previous = match self.list.last() {
                Some(l) if l.level == level => self.list.pop().map(|l| (l.delimiter, l.num_id)),
                _ => None,
            };
            let bullet = !matches!(marker, Marker::Number(_));
            let same = |d: char| if bullet { matches!(d, '-' | '*') } else { matches!(d, '.' | ')') };
            let (delimiter, opens) = match previous {
                Some((d, id)) if same(d) && id == num_id => (d, false),
                // Two lists side by side stay two only with different delimiters.
                Some((d, _)) if same(d) => (
                    match d {
                        '-' => '*',
                        '*' => '-',
                        '.' => ')',
                        _ => '.',
                    },
                    true,
                ),
                _ => (if bullet { '-' } else { '.' }, true),
            };
            // Markdown has no lettered or roman lists: such an item is a bullet that shows
            // its label, so "item (b)" can still be found.
            let (marker, text) = match marker {
                Marker::Bullet => (delimiter.to_string(), text),
                Marker::Number(n) => (format!("{}{delimiter}", n.max(0)), text),
                Marker::Label(label) => (delimiter.to_string(), labelled(&label, &text)),
            };
            let indent = self.list.iter().map(|l| l.width).sum();
            self.list.push(OpenList { level, width: marker.len() + 1, delimiter, num_id });
            out.push(Block::Item { indent, marker, opens, text });
            return Ok(());
        }
        self.list.clear();
        if self.in_note {
            out.push(Block::Para(text));
        } else if title {
            out.push(Block::Title(inline::plain(&pieces), text));
        } else if self.styles.is(style, "author") {
            out.push(Block::Byline(inline::plain(&pieces), text));
        } else if self.styles.is(style, "date") {
            out.push(Block::Dateline(inline::plain(&pieces), text));
        } else if let Some(level) = outline {
            out.push(Block::Heading(level, text));
        } else {
            out.push(Block::Para(text));
        }
        Ok(())
    }

    /// Whether text read now is shown: not inside a field's code, nor in what a table of
    /// contents or index field displays.
    fn showing(&self) -> bool {
        self.fields.iter().all(|f| f.showing && !matches!(f.command().as_str(), "TOC" | "INDEX" | "TOA"))
    }

    fn field_link(&self) -> Option<String> {
        self.fields.iter().rev().find_map(|f| {
            if f.command() != "HYPERLINK" || !f.showing || f.instr.contains("\\l") {
                return None;
            }
            let target = f.instr.split('"').nth(1)?;
            inline::safe_url(target)
        })
    }

    fn inline(&mut self, node: &Node, para: RunProps, out: &mut Vec<Piece>) -> Result<(), Failure> {
        for child in node.elements() {
            match &*child.name {
                "w:r" => self.run(child, para, out)?,
                "w:hyperlink" => {
                    let url = child
                        .attr("r:id")
                        .and_then(|id| self.rels.map.get(id))
                        .filter(|r| r.external)
                        .and_then(|r| inline::safe_url(&r.target));
                    let inner = url.or_else(|| self.link.clone());
                    let outer = std::mem::replace(&mut self.link, inner);
                    let result = self.inline(child, para, out);
                    self.link = outer;
                    result?;
                }
                "w:fldSimple" => {
                    let instr = child.attr("w:instr").unwrap_or("").to_owned();
                    self.fields.push(Field { instr, showing: true });
                    let result = self.inline(child, para, out);
                    self.fields.pop();
                    result?;
                }
                "w:ins" | "w:moveTo" | "w:smartTag" | "w:customXml" | "w:sdtContent" | "w:dir" | "w:bdo" => {
                    self.inline(child, para, out)?
                }
                "w:sdt" => {
                    if let Some(content) = child.child("w:sdtContent") {
                        self.inline(content, para, out)?;
                    }
                }
                "mc:AlternateContent" => {
                    if let Some(choice) = child.child("mc:Choice").or_else(|| child.child("mc:Fallback")) {
                        self.inline(choice, para, out)?;
                    }
                }
                "m:oMathPara" | "m:oMath" => self.math(child, out),
                _ => {}
            }
        }
        Ok(())
    }

    /// An equation as its plain characters, which is better than losing it.
    fn math(&mut self, node: &Node, out: &mut Vec<Piece>) {
        let mut text = String::new();
        let mut stack = vec![node];
        while let Some(n) = stack.pop() {
            if &*n.name == "m:t" {
                text.push_str(&n.text());
            }
            stack.extend(n.elements().collect::<Vec<_>>().into_iter().rev());
        }
        if !text.is_empty() && self.showing() {
            out.push(Piece::Text { text, bold: false, italic: true, link: None });
            self.tell_once("math", Note::uncertain(None, "equations were kept as plain text"));
        }
    }

    fn run(&mut self, r: &Node, para: RunProps, out: &mut Vec<Piece>) -> Result<(), Failure> {
        let rpr = r.child("w:rPr");
        let direct = RunProps::of(rpr);
        let chars = self.styles.char_run(rpr.and_then(|p| p.child_val("w:rStyle")));
        // Toggle properties: a character style's bold on a bold paragraph style turns it off.
        let toggle = |p: Option<bool>, c: Option<bool>| match (p, c) {
            (Some(a), Some(b)) => a != b,
            (a, b) => a.or(b).unwrap_or(false),
        };
        let bold = direct.bold.unwrap_or_else(|| toggle(para.bold, chars.bold));
        let italic = direct.italic.unwrap_or_else(|| toggle(para.italic, chars.italic));
        let hidden = direct.hidden.or(chars.hidden).or(para.hidden).unwrap_or(false);
        self.run_content(r, bold, italic, hidden, out)
    }

    fn run_content(
        &mut self,
        r: &Node,
        bold: bool,
        italic: bool,
        hidden: bool,
        out: &mut Vec<Piece>,
    ) -> Result<(), Failure> {
        for child in r.elements() {
            let visible = !hidden && self.showing();
            let text = |text: String, link: Option<String>| Piece::Text { text, bold, italic, link };
            match &*child.name {
                "w:fldChar" => match child.attr("w:fldCharType") {
                    Some("begin") => self.fields.push(Field { instr: String::new(), showing: false }),
                    Some("separate") => {
                        if let Some(f) = self.fields.last_mut() {
                            f.showing = true;
                        }
                    }
                    Some("end") => {
                        self.fields.pop();
                    }
                    _ => {}
                },
                "w:instrText" => {
                    if let Some(f) = self.fields.last_mut().filter(|f| !f.showing) {
                        f.instr.push_str(&child.text());
                    }
                }
                "w:t" if visible => {
                    let link = self.link.clone().or_else(|| self.field_link());
                    out.push(text(child.text(), link));
                }
                "w:tab" | "w:ptab" if visible => out.push(text(" ".into(), None)),
                "w:noBreakHyphen" if visible => out.push(text("-".into(), None)),
                "w:br" if visible => match child.attr("w:type") {
                    Some("page" | "column") => out.push(text(" ".into(), None)),
                    _ => out.push(Piece::Break),
                },
                "w:cr" if visible => out.push(Piece::Break),
                "w:drawing" if visible => self.drawing(child, out)?,
                "w:pict" | "w:object" if visible => self.vml(child, out)?,
                "w:footnoteReference" if visible => self.note_ref(NoteKind::Foot, child, out),
                "w:endnoteReference" if visible => self.note_ref(NoteKind::End, child, out),
                "mc:AlternateContent" => {
                    if let Some(choice) = child.child("mc:Choice").or_else(|| child.child("mc:Fallback")) {
                        self.run_content(choice, bold, italic, hidden, out)?;
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn note_ref(&mut self, kind: NoteKind, node: &Node, out: &mut Vec<Piece>) {
        let Some(id) = node.attr("w:id") else { return };
        let key = (kind, id.to_owned());
        if !self.note_bodies.contains_key(&key) && !self.note_labels.contains_key(&key) {
            return;
        }
        let label = match self.note_labels.get(&key) {
            Some(label) => label.clone(),
            None => {
                let slot = kind as usize;
                self.counts[slot] += 1;
                let label = match kind {
                    NoteKind::Foot => self.counts[slot].to_string(),
                    NoteKind::End => format!("e{}", self.counts[slot]),
                };
                self.note_labels.insert(key, label.clone());
                self.pending.push_back((kind, id.to_owned(), label.clone()));
                label
            }
        };
        out.push(Piece::Raw(footnote_ref(&label)));
    }

    fn drawing(&mut self, drawing: &Node, out: &mut Vec<Piece>) -> Result<(), Failure> {
        let doc_pr = drawing.find("wp:docPr");
        let alt = doc_pr
            .and_then(|d| d.attr("descr").filter(|s| !s.trim().is_empty()).or_else(|| d.attr("title")))
            .unwrap_or("")
            .to_owned();
        if let Some(blip) = drawing.find("a:blip") {
            match (blip.attr("r:embed"), blip.attr("r:link")) {
                (Some(id), _) => self.image(id, &alt, out)?,
                (None, Some(_)) => self
                    .tell_once("linked", Note::left_out(None, "images linked from outside the file were not fetched")),
                _ => {}
            }
        }
        // Text boxes hold paragraphs of their own; their text follows the image's place.
        if let Some(text_box) = drawing.find("w:txbxContent") {
            for p in text_box.elements().filter(|n| &*n.name == "w:p") {
                out.push(Piece::Break);
                self.inline(p, RunProps::default(), out)?;
            }
        }
        Ok(())
    }

    fn vml(&mut self, node: &Node, out: &mut Vec<Piece>) -> Result<(), Failure> {
        if let Some(data) = node.find("v:imagedata") {
            let alt = node
                .find("v:shape")
                .and_then(|s| s.attr("alt"))
                .or_else(|| data.attr("o:title"))
                .unwrap_or("")
                .to_owned();
            if let Some(id) = data.attr("r:id") {
                self.image(id, &alt, out)?;
            }
        }
        if let Some(text_box) = node.find("w:txbxContent") {
            for p in text_box.elements().filter(|n| &*n.name == "w:p") {
                out.push(Piece::Break);
                self.inline(p, RunProps::default(), out)?;
            }
        }
        Ok(())
    }

    fn image(&mut self, id: &str, alt: &str, out: &mut Vec<Piece>) -> Result<(), Failure> {
        let Some(rel) = self.rels.map.get(id) else { return Ok(()) };
        if rel.external {
            self.tell_once("linked", Note::left_out(None, "images linked from outside the file were not fetched"));
            return Ok(());
        }
        let target = rel.target.clone();
        let name = match self.image_names.get(&target) {
            Some(name) => name.clone(),
            None => {
                let name = self.keep_image(&target)?;
                self.image_names.insert(target, name.clone());
                name
            }
        };
        if let Some(name) = name {
            out.push(Piece::Raw(format!("![{}](images/{name})", escape(alt.trim()))));
        }
        Ok(())
    }

    fn keep_image(&mut self, target: &str) -> Result<Option<String>, Failure> {
        let file = target.rsplit('/').next().unwrap_or(target).to_owned();
        if self.images.len() >= self.limits.max_images {
            self.tell_once(
                "max_images",
                Note::left_out(None, format!("images past the first {}", self.limits.max_images)),
            );
            return Ok(None);
        }
        let Some(bytes) = self.package.read(target, MAX_PART_BYTES)? else {
            self.notes.push(Note::left_out(None, format!("an image missing from the file ({file})")));
            return Ok(None);
        };
        let ext = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            "png"
        } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            "jpg"
        } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
            "gif"
        } else {
            let kind = file.rsplit_once('.').map_or("unknown".to_owned(), |(_, e)| e.to_ascii_uppercase());
            self.notes.push(Note::left_out(
                None,
                format!("an image in {kind} format, which Casebook does not show ({file})"),
            ));
            return Ok(None);
        };
        let name = format!("image-{}.{ext}", self.images.len() + 1);
        self.images.push(Image { name: name.clone(), bytes });
        Ok(Some(name))
    }

    fn table(&mut self, tbl: &Node, out: &mut Vec<Block>) -> Result<(), Failure> {
        let outer_list = std::mem::take(&mut self.list);
        let mut rows: Vec<Vec<String>> = Vec::new();
        let mut cell_blocks: Vec<Block> = Vec::new();
        let mut nested = false;
        let mut above: Vec<String> = Vec::new();
        for tr in tbl.elements().filter(|n| &*n.name == "w:tr") {
            let mut row: Vec<String> = Vec::new();
            let before =
                tr.child("w:trPr").and_then(|p| p.child_val("w:gridBefore")).and_then(|v| v.parse::<usize>().ok());
            row.resize(before.unwrap_or(0).min(64), String::new());
            for tc in cells(tr) {
                let tcpr = tc.child("w:tcPr");
                let span = tcpr
                    .and_then(|p| p.child_val("w:gridSpan"))
                    .and_then(|v| v.parse::<usize>().ok())
                    .unwrap_or(1)
                    .clamp(1, 64);
                let continues = tcpr
                    .and_then(|p| p.child("w:vMerge"))
                    .is_some_and(|m| m.attr("w:val").is_none_or(|v| v == "continue"));
                let mut blocks = Vec::new();
                self.blocks(tc, &mut blocks)?;
                self.list.clear();
                let mut parts = Vec::new();
                for block in &blocks {
                    match block {
                        Block::Heading(_, t)
                        | Block::Title(_, t)
                        | Block::Byline(_, t)
                        | Block::Dateline(_, t)
                        | Block::Para(t) => parts.push(t.replace("\\\n", " ")),
                        Block::Item { marker, text, .. } => parts.push(format!("{} {}", escape(marker), text)),
                        Block::Table(_) => nested = true,
                    }
                }
                let col = row.len();
                // A cell merged with the one above repeats its text, so each row reads whole.
                let text = if continues { above.get(col).cloned().unwrap_or_default() } else { parts.join(" ") };
                row.push(text);
                row.resize(row.len() + span - 1, String::new());
                cell_blocks.extend(blocks);
            }
            if row.len() > 64 {
                row.truncate(64);
            }
            above = row.clone();
            rows.push(row);
        }
        self.list = outer_list;
        if nested {
            self.tell_once("nested", Note::uncertain(None, "a table inside a table was kept as text"));
            self.list.clear();
            out.extend(cell_blocks);
            return Ok(());
        }
        if rows.iter().all(|r| r.iter().all(|c| c.trim().is_empty())) {
            return Ok(());
        }
        self.list.clear();
        out.push(Block::Table(table(&rows)));
        Ok(())
    }
}

/// The cells of a row, also those inside content controls and custom XML.
fn cells(tr: &Node) -> Vec<&Node> {
    let mut out = Vec::new();
    let mut stack: Vec<&Node> = tr.elements().collect::<Vec<_>>().into_iter().rev().collect();
    while let Some(n) = stack.pop() {
        match &*n.name {
            "w:tc" => out.push(n),
            "w:sdt" | "w:sdtContent" | "w:customXml" => {
                stack.extend(n.elements().collect::<Vec<_>>().into_iter().rev())
            }
            _ => {}
        }
    }
    out
}

/// Whether a part's `w:type` says it is a separator rather than a note.
pub(super) fn is_separator(node: &Node) -> bool {
    matches!(node.attr("w:type"), Some("separator" | "continuationSeparator" | "continuationNotice"))
}

/// A paragraph's text after the label Word shows before it ("(b)", "II.1."), as text.
fn labelled(label: &str, text: &str) -> String {
    format!("{} {text}", escape(label.trim()))
}
