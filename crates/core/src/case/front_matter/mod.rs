//! Front matter: the metadata block at the top of `case.md`, in YAML between `---` lines or in
//! TOML between `+++` lines, as Pandoc, Jekyll and Obsidian write it.

mod events;
mod lines;
mod tree;

use super::Diagnostic;
use crate::timeline::{Era, Event};
use tree::{Entry, Kind, LineIndex, Node};

/// What a case says about itself.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Metadata {
    pub title: Option<String>,
    pub subtitle: Option<String>,
    pub authors: Vec<String>,
    pub case_number: Option<String>,
    pub date: Option<String>,
    pub tags: Vec<String>,
    pub summary: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct FrontMatter {
    pub meta: Metadata,
    pub events: Vec<Event>,
    pub eras: Vec<Era>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Syntax {
    Yaml,
    Toml,
}

/// `case.md` cut into its front matter and its Markdown body.
#[derive(Debug)]
pub struct Split<'a> {
    pub front: Option<(Syntax, &'a str)>,
    /// 1-based line of the first line inside the front matter.
    pub front_line: usize,
    pub body: &'a str,
    /// Byte offset of the body in the file.
    pub body_offset: usize,
    /// 1-based line on which the body starts.
    pub body_line: usize,
}

/// Finds the front matter. A block that is opened but never closed is reported, and the whole
/// file is then read as Markdown so that nothing of it is hidden.
pub fn split(source: &str) -> (Split<'_>, Option<Diagnostic>) {
    let whole = Split { front: None, front_line: 0, body: source, body_offset: 0, body_line: 1 };
    let first_line_end = source.find('\n').unwrap_or(source.len());
    let syntax = match source[..first_line_end].trim_end() {
        "---" => Syntax::Yaml,
        "+++" => Syntax::Toml,
        _ => return (whole, None),
    };
    let content_start = (first_line_end + 1).min(source.len());
    let mut offset = content_start;
    let mut line = 2;
    while offset < source.len() {
        let end = source[offset..].find('\n').map_or(source.len(), |i| offset + i);
        let text = source[offset..end].trim_end();
        let closes = match syntax {
            Syntax::Yaml => text == "---" || text == "...",
            Syntax::Toml => text == "+++",
        };
        if closes {
            let body_offset = (end + 1).min(source.len());
            let split = Split {
                front: Some((syntax, &source[content_start..offset])),
                front_line: 2,
                body: &source[body_offset..],
                body_offset,
                body_line: line + 1,
            };
            return (split, None);
        }
        offset = end + 1;
        line += 1;
    }
    let fence = if syntax == Syntax::Yaml { "---" } else { "+++" };
    let diagnostic = Diagnostic::error(
        1,
        1,
        format!("front matter opened on line 1 is never closed by a '{fence}' line; the whole file is shown as text"),
    );
    (whole, Some(diagnostic))
}

/// The fields Casebook reads; any other field is ignored, whatever it holds.
const KNOWN_FIELDS: &[&str] = &[
    "title",
    "subtitle",
    "authors",
    "author",
    "case_number",
    "case-number",
    "number",
    "date",
    "tags",
    "keywords",
    "summary",
    "description",
    "abstract",
    "timeline",
    "eras",
];

/// Parses the front matter. Every problem becomes a diagnostic with its line in the file; what
/// can be read is kept, so one bad event or field does not hide the others, and a field
/// Casebook does not read is ignored whatever it holds.
pub fn parse(split: &Split<'_>) -> (FrontMatter, Vec<Diagnostic>) {
    let Some((syntax, source)) = split.front else {
        return (FrontMatter::default(), Vec::new());
    };
    let mut diagnostics = Vec::new();
    let lines = LineIndex::new(source, split.front_line);
    let root = if source.trim().is_empty() {
        Node { kind: Kind::Map(Vec::new()), line: Some(split.front_line) }
    } else {
        let parsed = match syntax {
            Syntax::Yaml => yaml_tree(source, split.front_line),
            Syntax::Toml => toml_tree(source, &lines, &mut diagnostics),
        };
        match parsed {
            Ok(tree) => tree,
            Err((line, col, message)) => {
                let line = if line == 0 { split.front_line - 1 } else { split.front_line + line - 1 };
                let what = if syntax == Syntax::Yaml { "YAML" } else { "TOML" };
                diagnostics.push(Diagnostic::error(
                    line,
                    col,
                    format!("front matter is not valid {what}: {message}; the case opens without its metadata"),
                ));
                return (FrontMatter::default(), diagnostics);
            }
        }
    };
    let Kind::Map(fields) = &root.kind else {
        diagnostics.push(Diagnostic::error(
            split.front_line,
            0,
            "front matter must be a set of fields such as `title: …`",
        ));
        return (FrontMatter::default(), diagnostics);
    };
    events::warn_duplicates(fields, String::new, split.front_line, &mut diagnostics);
    let one = |names: &[&str]| root.field(names).and_then(Node::text).filter(|s| !s.is_empty());
    let meta = Metadata {
        title: one(&["title"]),
        subtitle: one(&["subtitle"]),
        authors: root.field(&["authors", "author"]).map(Node::list).unwrap_or_default(),
        case_number: one(&["case_number", "case-number", "number"]),
        date: one(&["date"]),
        tags: root.field(&["tags", "keywords"]).map(Node::list).unwrap_or_default(),
        summary: one(&["summary", "description", "abstract"]),
    };
    let list = |name: &str, what: &str, diagnostics: &mut Vec<Diagnostic>| match root.entry(&[name]) {
        None => None,
        Some(Entry { value: Node { kind: Kind::List(items), .. }, line, .. }) => {
            Some((items.as_slice(), line.unwrap_or(split.front_line)))
        }
        Some(entry) => {
            diagnostics.push(Diagnostic::error(entry.line.unwrap_or(split.front_line), 0, what));
            None
        }
    };
    let events = list("timeline", "`timeline` must be a list of events", &mut diagnostics)
        .map(|(items, line)| events::parse_events(items, line, &mut diagnostics))
        .unwrap_or_default();
    let eras = list("eras", "`eras` must be a list", &mut diagnostics)
        .map(|(items, line)| events::parse_eras(items, line, &mut diagnostics))
        .unwrap_or_default();
    (FrontMatter { meta, events, eras }, diagnostics)
}

/// A problem that makes the front matter unreadable: its line and column inside the front
/// matter (0 when unknown) and the parser's message.
type Unreadable = (usize, usize, String);

/// The tree of a YAML front matter, with the lines of its fields and list items read from its
/// layout.
fn yaml_tree(source: &str, first_line: usize) -> Result<Node, Unreadable> {
    let mut tree: Node = serde_yaml_ng::from_str(source).map_err(|e| {
        let (line, col) = e.location().map_or((0, 0), |l| (l.line(), l.column()));
        (line, col, strip_location(&e.to_string()))
    })?;
    lines::attach(&mut tree, source, first_line);
    Ok(tree)
}

/// The tree of a TOML front matter. The parser recovers from errors and tells where each is: a
/// key written twice is a warning (the parser keeps the first), and a problem inside a field
/// Casebook does not read is ignored with that field. Any other error leaves the front matter
/// unread.
fn toml_tree(source: &str, lines: &LineIndex, diagnostics: &mut Vec<Diagnostic>) -> Result<Node, Unreadable> {
    let (table, errors) = toml::de::DeTable::parse_recoverable(source);
    let table = table.get_ref();
    let ignored: Vec<std::ops::Range<usize>> = table
        .iter()
        .filter(|(key, _)| !KNOWN_FIELDS.contains(&key.get_ref().as_ref()))
        .map(|(key, value)| key.span().start..value.span().end.max(key.span().end))
        .collect();
    for error in errors {
        let span = error.span().unwrap_or(0..0);
        if error.message() == "duplicate key" {
            let key = source.get(span.clone()).unwrap_or("a key");
            let message = format!("{key} is written twice; the first one is used");
            diagnostics.push(Diagnostic::warning(lines.line_of(span.start), 0, message));
        } else if !ignored.iter().any(|field| field.start <= span.start && span.end <= field.end) {
            let (line, col) = line_col(source, span.start);
            return Err((line, col, error.message().to_owned()));
        }
    }
    Ok(Node { kind: Kind::Map(tree::toml_entries(table, lines)), line: Some(lines.line_of(0)) })
}

/// serde_yaml puts "at line N column M" in its messages, counted inside the front matter; we give
/// the line in the file instead.
fn strip_location(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text.as_bytes()[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let col = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
    (line, col)
}

#[cfg(test)]
mod tests;
