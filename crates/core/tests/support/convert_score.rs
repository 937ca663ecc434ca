//! Scores a converted document's Markdown body against a truth written by hand from the
//! document's source text (`<name>.truth.json`), in four parts each in [0, 1]:
//!
//! - sentences: the share of the truth's sentences found whole in the body's plain text;
//! - furniture: one less the share of running heads, page numbers and site chrome found standing
//!   alone as a line or block of text;
//! - headings: the share of the truth's headings found as Markdown headings with the same text
//!   and the same level relative to the top heading;
//! - footnotes: the share of the truth's footnotes found as footnote definitions that match by
//!   90 % of their words and whose reference is in the body;
//!
//! and tables: the tables found over the tables expected, at most 1. A document's score is the
//! mean of the parts that apply (a truth with no footnotes has no footnote part).
//!
//! Plain text is what a reader sees: the body rendered with the options `case.md` is read with,
//! so Markdown escapes are gone, footnote references are dropped and HTML (page marks) is hidden.
//! Whitespace, curly quotes, dashes, ligatures, soft hyphens and odd spaces are normalised on
//! both sides before comparing.

// Each test binary that includes this module uses part of it.
#![allow(dead_code)]

use std::collections::HashSet;
use std::path::Path;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Deserialize;

#[derive(Clone, Debug, Deserialize)]
pub struct Truth {
    pub headings: Vec<TruthHeading>,
    pub sentences: Vec<String>,
    pub footnotes: Vec<String>,
    pub furniture: Vec<String>,
    pub tables: usize,
}

#[derive(Clone, Debug, Deserialize)]
pub struct TruthHeading {
    pub level: u8,
    pub text: String,
}

pub fn load_truth(path: &Path) -> Result<Truth, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// The parts of a score; `None` where the truth expects nothing of that kind.
#[derive(Clone, Debug, Default)]
pub struct Score {
    pub sentences: Option<f64>,
    pub furniture: Option<f64>,
    pub headings: Option<f64>,
    pub footnotes: Option<f64>,
    pub tables: f64,
    /// What was missed or found in excess, for the report of a failing run.
    pub misses: Vec<String>,
}

impl Score {
    /// The score of a document that could not be converted: every part that applies is 0.
    pub fn zero(truth: &Truth, why: String) -> Score {
        let part = |applies: bool| applies.then_some(0.0);
        Score {
            sentences: part(!truth.sentences.is_empty()),
            furniture: part(!truth.furniture.is_empty()),
            headings: part(!truth.headings.is_empty()),
            footnotes: part(!truth.footnotes.is_empty()),
            tables: 0.0,
            misses: vec![why],
        }
    }

    pub fn total(&self) -> f64 {
        let parts: Vec<f64> = [self.sentences, self.furniture, self.headings, self.footnotes, Some(self.tables)]
            .into_iter()
            .flatten()
            .collect();
        parts.iter().sum::<f64>() / parts.len() as f64
    }
}

/// A block of plain text: a paragraph, heading, list item or table cell, with its lines.
#[derive(Debug, Default)]
struct Block {
    lines: Vec<String>,
    in_table: bool,
}

#[derive(Debug, Default)]
pub struct PlainDoc {
    blocks: Vec<Block>,
    /// (level, text) of each heading, in order.
    headings: Vec<(u8, String)>,
    /// (label, text) of each footnote definition.
    notes: Vec<(String, String)>,
    /// The labels referenced outside footnote definitions.
    refs: HashSet<String>,
    tables: usize,
}

impl PlainDoc {
    /// The body text: blocks joined by newlines, the lines of a block by spaces, normalised.
    pub fn text(&self) -> String {
        self.blocks.iter().map(|b| normalise(&b.lines.join(" "))).collect::<Vec<_>>().join("\n")
    }
}

/// Removes page marks: a line holding only marks goes (a comment block ends a paragraph
/// there, so it becomes a blank line), a mark inside a line is cut out.
pub fn strip_page_marks(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    for line in body.lines() {
        let mut rest = line;
        let mut kept = String::new();
        let mut had_mark = false;
        while let Some(start) = rest.find("<!--") {
            let Some(len) = rest[start..].find("-->") else { break };
            let comment = &rest[start..start + len + 3];
            if is_page_mark(comment) {
                kept.push_str(&rest[..start]);
                had_mark = true;
            } else {
                kept.push_str(&rest[..start + len + 3]);
            }
            rest = &rest[start + len + 3..];
        }
        kept.push_str(rest);
        if !(had_mark && kept.trim().is_empty()) {
            out.push_str(&kept);
        }
        out.push('\n');
    }
    out
}

fn is_page_mark(comment: &str) -> bool {
    let inner = comment.trim_start_matches("<!--").trim_end_matches("-->").trim();
    inner.strip_prefix("page").is_some_and(|n| n.trim().parse::<u32>().is_ok())
}

/// The plain text, headings, footnotes and tables of a Markdown body.
pub fn plain(body: &str) -> PlainDoc {
    let body = strip_page_marks(body);
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut doc = PlainDoc::default();
    let mut current: Option<Block> = None;
    let mut table_depth = 0usize;
    let mut note: Option<(String, String)> = None;
    let mut heading: Option<(u8, String)> = None;
    let flush = |current: &mut Option<Block>, doc: &mut PlainDoc| {
        if let Some(block) = current.take()
            && block.lines.iter().any(|l| !l.trim().is_empty())
        {
            doc.blocks.push(block);
        }
    };
    for event in Parser::new_ext(&body, options) {
        match event {
            Event::Start(Tag::FootnoteDefinition(label)) => {
                flush(&mut current, &mut doc);
                note = Some((label.to_lowercase(), String::new()));
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                if let Some(n) = note.take() {
                    doc.notes.push(n);
                }
            }
            Event::Start(Tag::Table(_)) => {
                flush(&mut current, &mut doc);
                doc.tables += usize::from(note.is_none());
                table_depth += 1;
            }
            Event::End(TagEnd::Table) => table_depth = table_depth.saturating_sub(1),
            Event::Start(Tag::Heading { level, .. }) => {
                flush(&mut current, &mut doc);
                heading = Some((heading_level(level), String::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, text)) = heading.take()
                    && note.is_none()
                {
                    doc.headings.push((level, text));
                }
                flush(&mut current, &mut doc);
            }
            Event::Start(Tag::Paragraph | Tag::Item | Tag::TableCell | Tag::CodeBlock(_) | Tag::BlockQuote(_))
            | Event::End(
                TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell | TagEnd::CodeBlock | TagEnd::BlockQuote(_),
            ) => {
                if let Some((_, text)) = note.as_mut() {
                    text.push(' ');
                } else {
                    flush(&mut current, &mut doc);
                }
            }
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                if let Some((_, text)) = note.as_mut() {
                    text.push_str(&t);
                    continue;
                }
                if let Some((_, text)) = heading.as_mut() {
                    text.push_str(&t);
                }
                let block =
                    current.get_or_insert_with(|| Block { lines: vec![String::new()], in_table: table_depth > 0 });
                // A code block's text holds its own line breaks.
                let mut parts = t.split('\n');
                if let Some(first) = parts.next()
                    && let Some(last) = block.lines.last_mut()
                {
                    last.push_str(first);
                }
                block.lines.extend(parts.map(str::to_owned));
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some((_, text)) = note.as_mut() {
                    text.push(' ');
                } else {
                    if let Some((_, text)) = heading.as_mut() {
                        text.push(' ');
                    }
                    if let Some(block) = current.as_mut() {
                        block.lines.push(String::new());
                    }
                }
            }
            Event::FootnoteReference(label) if note.is_none() => {
                doc.refs.insert(label.to_lowercase());
            }
            _ => {}
        }
    }
    flush(&mut current, &mut doc);
    doc
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Text as compared: typographic variants folded, footnote markers left as text dropped,
/// whitespace collapsed, dashes joined to their neighbours.
pub fn normalise(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' => s.push('\''),
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => s.push('"'),
            '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}' => s.push('\u{2014}'),
            '\u{2010}' | '\u{2011}' | '\u{2212}' => s.push('-'),
            '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => {}
            '\u{FB00}' => s.push_str("ff"),
            '\u{FB01}' => s.push_str("fi"),
            '\u{FB02}' => s.push_str("fl"),
            '\u{FB03}' => s.push_str("ffi"),
            '\u{FB04}' => s.push_str("ffl"),
            '\u{FB05}' | '\u{FB06}' => s.push_str("st"),
            '\u{2026}' => s.push_str("..."),
            c if c.is_whitespace() => s.push(' '),
            c => s.push(c),
        }
    }
    let s = drop_footnote_markers(&s);
    let s = s.replace("---", "\u{2014}").replace("--", "\u{2014}");
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    s.replace(" \u{2014}", "\u{2014}").replace("\u{2014} ", "\u{2014}")
}

/// `[^label]` left as text (a reference with no definition) is a marker, not words.
fn drop_footnote_markers(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("[^") {
        let after = &rest[start + 2..];
        match after.find(']') {
            Some(end) if end > 0 && !after[..end].contains(char::is_whitespace) => {
                out.push_str(&rest[..start]);
                rest = &after[end + 1..];
            }
            _ => {
                out.push_str(&rest[..start + 2]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn fold(text: &str) -> String {
    normalise(text).to_lowercase().trim_end_matches(['.', ':']).trim().to_owned()
}

fn words(text: &str) -> Vec<String> {
    normalise(text)
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The longest common subsequence of two word lists over the longer's length.
fn word_match(a: &[String], b: &[String]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let mut prev = vec![0usize; b.len() + 1];
    for x in a {
        let mut row = vec![0usize; b.len() + 1];
        for (j, y) in b.iter().enumerate() {
            row[j + 1] = if x == y { prev[j] + 1 } else { row[j].max(prev[j + 1]) };
        }
        prev = row;
    }
    prev[b.len()] as f64 / a.len().max(b.len()) as f64
}

/// Whether a unit of text is, by itself, the furniture `f`: it is `f`, or what is left once `f`
/// and any other furniture are taken out holds no letters (a page number, a separator).
fn is_furniture(unit: &str, f: &str, all: &[String]) -> bool {
    if unit.is_empty() || f.is_empty() {
        return false;
    }
    if unit == f {
        return true;
    }
    let Some(at) = unit.find(f) else { return false };
    let mut rest = format!("{} {}", &unit[..at], &unit[at + f.len()..]);
    for other in all {
        if !other.is_empty() && other.chars().any(char::is_alphabetic) {
            rest = rest.replace(other.as_str(), " ");
        }
    }
    !rest.chars().any(char::is_alphabetic)
}

pub fn score(body: &str, truth: &Truth) -> Score {
    let doc = plain(body);
    let mut misses = Vec::new();

    let text = doc.text();
    let sentences = (!truth.sentences.is_empty()).then(|| {
        let found = truth
            .sentences
            .iter()
            .filter(|s| {
                let hit = contains_whole(&text, &normalise(s));
                if !hit {
                    misses.push(format!("sentence not found whole: {s}"));
                }
                hit
            })
            .count();
        found as f64 / truth.sentences.len() as f64
    });

    let furniture = (!truth.furniture.is_empty()).then(|| {
        let mut all: Vec<String> = truth.furniture.iter().map(|f| fold_furniture(f)).collect();
        all.sort_by_key(|f| std::cmp::Reverse(f.len()));
        let mut units: Vec<String> = Vec::new();
        for block in doc.blocks.iter().filter(|b| !b.in_table) {
            units.push(fold_furniture(&block.lines.join(" ")));
            if block.lines.len() > 1 {
                units.extend(block.lines.iter().map(|l| fold_furniture(l)));
            }
        }
        let found = truth
            .furniture
            .iter()
            .filter(|f| {
                let f_folded = fold_furniture(f);
                let hit = units.iter().find(|u| is_furniture(u, &f_folded, &all));
                if let Some(unit) = hit {
                    misses.push(format!("furniture left in: {f:?} (as {unit:?})"));
                }
                hit.is_some()
            })
            .count();
        1.0 - found as f64 / truth.furniture.len() as f64
    });

    let headings = (!truth.headings.is_empty()).then(|| {
        let wanted: Vec<String> = truth.headings.iter().map(|h| fold(&h.text)).collect();
        let body_heads: Vec<(u8, String)> = doc.headings.iter().map(|(l, t)| (*l, fold(t))).collect();
        let truth_top = truth.headings.iter().map(|h| h.level).min().unwrap_or(1);
        let body_top = body_heads.iter().filter(|(_, t)| wanted.contains(t)).map(|(l, _)| *l).min();
        let mut used = vec![false; body_heads.len()];
        let mut found = 0usize;
        for (h, want) in truth.headings.iter().zip(&wanted) {
            let rel = h.level - truth_top;
            let hit = body_top.and_then(|top| {
                body_heads.iter().enumerate().position(|(i, (l, t))| !used[i] && t == want && l - top == rel)
            });
            match hit {
                Some(i) => {
                    used[i] = true;
                    found += 1;
                }
                None => {
                    let seen = body_heads.iter().find(|(_, t)| t == want);
                    misses.push(match seen {
                        Some((l, _)) => {
                            format!("heading at the wrong level: {:?} is h{l}, want h{} below the top", h.text, rel)
                        }
                        None => format!("heading missing: {:?}", h.text),
                    });
                }
            }
        }
        found as f64 / truth.headings.len() as f64
    });

    let footnotes = (!truth.footnotes.is_empty()).then(|| {
        let mut used = vec![false; doc.notes.len()];
        let mut found = 0usize;
        for want in &truth.footnotes {
            let want_words = words(want);
            let hit = doc.notes.iter().enumerate().position(|(i, (label, text))| {
                !used[i] && doc.refs.contains(label) && word_match(&want_words, &words(text)) >= 0.9
            });
            match hit {
                Some(i) => {
                    used[i] = true;
                    found += 1;
                }
                None => misses.push(format!("footnote not attached: {want}")),
            }
        }
        found as f64 / truth.footnotes.len() as f64
    });

    let tables = if truth.tables == 0 {
        1.0
    } else {
        if doc.tables < truth.tables {
            misses.push(format!("{} of {} tables", doc.tables, truth.tables));
        }
        (doc.tables as f64 / truth.tables as f64).min(1.0)
    };

    Score { sentences, furniture, headings, footnotes, tables, misses }
}

/// `needle` in `hay` with no letter or digit glued to either end (a footnote number left as
/// text after a sentence is not the sentence).
fn contains_whole(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return true;
    }
    let glued = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let mut from = 0;
    while let Some(at) = hay[from..].find(needle) {
        let start = from + at;
        let end = start + needle.len();
        if !glued(hay[..start].chars().next_back()) && !glued(hay[end..].chars().next()) {
            return true;
        }
        from = start + hay[start..].chars().next().map_or(1, char::len_utf8);
    }
    false
}

fn fold_furniture(text: &str) -> String {
    normalise(text).to_lowercase().trim().to_owned()
}
