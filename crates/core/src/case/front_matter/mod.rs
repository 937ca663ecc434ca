//! Front matter: the metadata block at the top of `case.md`, in YAML between `---` lines or in
//! TOML between `+++` lines, as Pandoc, Jekyll and Obsidian write it.

use std::collections::HashSet;

use serde_json::{Map, Value};

use super::Diagnostic;
use crate::timeline::{Era, Event, PartialDate};

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

/// Text from a scalar that authors may write as text, a number, a boolean or (in TOML) a date.
fn text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Object(map) => map.get(TOML_DATETIME).and_then(text),
        Value::Null | Value::Array(_) => None,
    }
}

/// A list written as a list, or as one comma-separated string.
fn list(value: &Value) -> Vec<String> {
    match value {
        Value::Array(items) => items.iter().filter_map(text).filter(|s| !s.is_empty()).collect(),
        other => text(other)
            .map(|s| s.split(',').map(|p| p.trim().to_owned()).filter(|p| !p.is_empty()).collect())
            .unwrap_or_default(),
    }
}

/// How the toml crate hands a datetime to a generic value.
const TOML_DATETIME: &str = "$__toml_private_datetime";

fn field<'v>(map: &'v Map<String, Value>, names: &[&str]) -> Option<&'v Value> {
    names.iter().find_map(|n| map.get(*n)).filter(|v| !v.is_null())
}

/// Parses the front matter. Every problem becomes a diagnostic with its line in the file; what
/// can be read is kept, so one bad event or field does not hide the others.
pub fn parse(split: &Split<'_>) -> (FrontMatter, Vec<Diagnostic>) {
    let Some((syntax, source)) = split.front else {
        return (FrontMatter::default(), Vec::new());
    };
    let mut diagnostics = Vec::new();
    let tree: Value = if source.trim().is_empty() {
        Value::Object(Map::new())
    } else {
        let parsed = match syntax {
            Syntax::Yaml => serde_yaml_ng::from_str(source).map_err(|e| {
                let (line, col) = e.location().map_or((0, 0), |l| (l.line(), l.column()));
                (line, col, strip_location(&e.to_string()))
            }),
            Syntax::Toml => toml::from_str(source).map_err(|e| {
                let (line, col) = e.span().map_or((0, 0), |s| line_col(source, s.start));
                (line, col, e.message().to_owned())
            }),
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
    let locator = Locator { text: source, first_line: split.front_line };
    let Value::Object(map) = tree else {
        diagnostics.push(Diagnostic::error(
            split.front_line,
            0,
            "front matter must be a set of fields such as `title: …`",
        ));
        return (FrontMatter::default(), diagnostics);
    };
    let one = |names: &[&str]| field(&map, names).and_then(text).filter(|s| !s.is_empty());
    let meta = Metadata {
        title: one(&["title"]),
        subtitle: one(&["subtitle"]),
        authors: field(&map, &["authors", "author"]).map(list).unwrap_or_default(),
        case_number: one(&["case_number", "case-number", "number"]),
        date: one(&["date"]),
        tags: field(&map, &["tags", "keywords"]).map(list).unwrap_or_default(),
        summary: one(&["summary", "description", "abstract"]),
    };
    let events = match field(&map, &["timeline"]) {
        None => Vec::new(),
        Some(Value::Array(items)) => parse_events(items, &locator, &mut diagnostics),
        Some(_) => {
            let line = locator.find("timeline", 0).unwrap_or(split.front_line);
            diagnostics.push(Diagnostic::error(line, 0, "`timeline` must be a list of events"));
            Vec::new()
        }
    };
    let eras = match field(&map, &["eras"]) {
        None => Vec::new(),
        Some(Value::Array(items)) => parse_eras(items, &locator, &mut diagnostics),
        Some(_) => {
            let line = locator.find("eras", 0).unwrap_or(split.front_line);
            diagnostics.push(Diagnostic::error(line, 0, "`eras` must be a list"));
            Vec::new()
        }
    };
    (FrontMatter { meta, events, eras }, diagnostics)
}

fn parse_events(items: &[Value], locator: &Locator<'_>, diagnostics: &mut Vec<Diagnostic>) -> Vec<Event> {
    let mut seen_ids = HashSet::new();
    let mut events = Vec::with_capacity(items.len());
    let mut search_from = 0;
    for (index, item) in items.iter().enumerate() {
        let Value::Object(event) = item else {
            let line = search_from.max(locator.first_line);
            diagnostics.push(Diagnostic::error(
                line,
                0,
                format!("timeline entry {} is not an event with a date and a title", index + 1),
            ));
            continue;
        };
        let get = |names: &[&str]| field(event, names).and_then(text).filter(|s| !s.is_empty());
        let date_text = get(&["date", "start", "start_date"]);
        let id = get(&["id"]).unwrap_or_else(|| format!("event-{}", index + 1));
        // Events have no spans after parsing; their lines are found by walking the text in
        // order, which is exact for the usual one-event-per-block layout.
        let line = locator
            .find(&format!("id: {id}"), search_from)
            .or_else(|| date_text.as_deref().and_then(|d| locator.find(d, search_from)))
            .unwrap_or(search_from.max(locator.first_line));
        search_from = line;
        let Some(date_text) = date_text else {
            diagnostics.push(Diagnostic::error(line, 0, format!("timeline event '{id}' has no date")));
            continue;
        };
        let date = match PartialDate::parse(&date_text) {
            Ok(d) => d,
            Err(e) => {
                let line = locator.find(&date_text, line).unwrap_or(line);
                diagnostics.push(Diagnostic::error(line, 0, format!("timeline event '{id}': {e}")));
                continue;
            }
        };
        let end = match get(&["end", "end_date"]).map(|e| PartialDate::parse(&e).map_err(|err| (e, err))) {
            None => None,
            Some(Ok(end)) if end < date => {
                diagnostics.push(Diagnostic::warning(line, 0, format!("timeline event '{id}' ends before it starts")));
                None
            }
            Some(Ok(end)) => Some(end),
            Some(Err((text, e))) => {
                let line = locator.find(&text, line).unwrap_or(line);
                diagnostics.push(Diagnostic::error(line, 0, format!("timeline event '{id}' end: {e}")));
                None
            }
        };
        if !seen_ids.insert(id.clone()) {
            diagnostics.push(Diagnostic::error(line, 0, format!("duplicate timeline event id '{id}'")));
            continue;
        }
        let title = get(&["title", "headline"]).unwrap_or_default();
        if title.is_empty() {
            diagnostics.push(Diagnostic::warning(line, 0, format!("timeline event '{id}' has no title")));
        }
        events.push(Event {
            id,
            date,
            end,
            title,
            lane: get(&["lane", "group"]),
            description: get(&["description", "text"]).unwrap_or_default(),
            media: get(&["media"]).map(|url| crate::timeline::Media { url, ..Default::default() }),
            anchor: None,
            line,
        });
    }
    // Authored order is kept for equal dates: a stable sort.
    events.sort_by_key(|e| e.date);
    events
}

fn parse_eras(items: &[Value], locator: &Locator<'_>, diagnostics: &mut Vec<Diagnostic>) -> Vec<Era> {
    let mut eras = Vec::new();
    for item in items {
        let Value::Object(era) = item else {
            let line = locator.find("eras", 0).unwrap_or(locator.first_line);
            diagnostics.push(Diagnostic::error(line, 0, "an era needs a title, a start and an end"));
            continue;
        };
        let get = |names: &[&str]| field(era, names).and_then(text).filter(|s| !s.is_empty());
        let title = get(&["title"]).unwrap_or_default();
        let line = locator.find(&title, 0).unwrap_or(locator.first_line);
        let parse = |what: &str| match get(&[what]) {
            None => Err(format!("era '{title}' has no {what} date")),
            Some(text) => PartialDate::parse(&text).map_err(|e| format!("era '{title}' {what}: {e}")),
        };
        match (parse("start"), parse("end")) {
            (Ok(start), Ok(end)) if end >= start => eras.push(Era { title, start, end }),
            (Ok(_), Ok(_)) => {
                diagnostics.push(Diagnostic::warning(line, 0, format!("era '{title}' ends before it starts")))
            }
            (Err(e), _) | (_, Err(e)) => diagnostics.push(Diagnostic::error(line, 0, e)),
        }
    }
    eras
}

struct Locator<'a> {
    text: &'a str,
    first_line: usize,
}

impl Locator<'_> {
    /// The file line of the first front-matter line at or after `from_line` containing `needle`.
    fn find(&self, needle: &str, from_line: usize) -> Option<usize> {
        if needle.is_empty() {
            return None;
        }
        self.text
            .lines()
            .enumerate()
            .map(|(i, l)| (i + self.first_line, l))
            .skip_while(|(line, _)| *line < from_line)
            .find(|(_, l)| l.contains(needle))
            .map(|(line, _)| line)
    }
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
mod tests {
    use super::*;

    fn parse_str(source: &str) -> (FrontMatter, Vec<Diagnostic>) {
        let (split, d) = split(source);
        assert!(d.is_none(), "{d:?}");
        parse(&split)
    }

    #[test]
    fn splits_yaml_and_reports_body_line() {
        let (s, d) = split("---\ntitle: A\n---\n# Body\n");
        assert!(d.is_none());
        assert_eq!(s.front, Some((Syntax::Yaml, "title: A\n")));
        assert_eq!(s.body, "# Body\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn no_front_matter_means_all_body() {
        let (s, d) = split("# Just a heading\n---\n");
        assert!(d.is_none() && s.front.is_none());
        assert_eq!(s.body_line, 1);
    }

    #[test]
    fn unclosed_front_matter_is_an_error_and_keeps_text() {
        let (s, d) = split("---\ntitle: A\n# Body\n");
        assert_eq!(d.unwrap().line, 1);
        assert!(s.body.contains("# Body"));
    }

    #[test]
    fn reads_metadata_and_events() {
        let (fm, d) = parse_str(
            "---\ntitle: North Korea\nauthors: [A, B]\ncase_number: 7\ntags: [un, sanctions]\ntimeline:\n  - id: b\n    date: \"2022-05-26\"\n    title: Veto\n    lane: UN\n  - id: a\n    date: 2006\n    title: Test\n---\nbody\n",
        );
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(fm.meta.title.as_deref(), Some("North Korea"));
        assert_eq!(fm.meta.authors, ["A", "B"]);
        assert_eq!(fm.meta.case_number.as_deref(), Some("7"));
        let ids: Vec<&str> = fm.events.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["a", "b"], "sorted by date");
        assert_eq!(fm.events[1].line, 7);
        assert_eq!(fm.events[1].lane.as_deref(), Some("UN"));
    }

    #[test]
    fn yaml_syntax_error_gives_file_line() {
        let (split, _) = split("---\ntitle: ok\ntags: [a, b\nsummary: x\n---\nbody\n");
        let (fm, d) = parse(&split);
        assert_eq!(fm, FrontMatter::default());
        assert_eq!(d.len(), 1);
        assert!(d[0].is_error());
        assert!((3..=5).contains(&d[0].line), "line {}", d[0].line);
        assert!(d[0].message.contains("YAML"));
        assert!(!d[0].message.contains("at line"), "{}", d[0].message);
    }

    #[test]
    fn bad_dates_and_duplicate_ids_are_located() {
        let (_, d) = parse_str(
            "---\ntimeline:\n  - id: a\n    date: \"2022-05\"\n  - id: b\n    date: \"May 2022\"\n  - id: a\n    date: \"2023\"\n---\n",
        );
        let lines: Vec<(usize, bool)> = d.iter().map(|d| (d.line, d.message.contains("duplicate"))).collect();
        assert!(lines.contains(&(6, false)), "{d:?}");
        assert!(lines.contains(&(7, true)), "{d:?}");
    }

    #[test]
    fn a_mistyped_field_keeps_the_rest() {
        let (fm, d) = parse_str(
            "---\ntitle: 1962\ntags: cold war, crisis\ntimeline:\n  - just text\n  - id: a\n    date: 1962\n    title: 13\n    lane: [x]\n---\n",
        );
        assert_eq!(fm.meta.title.as_deref(), Some("1962"));
        assert_eq!(fm.meta.tags, ["cold war", "crisis"]);
        assert_eq!(fm.events.len(), 1);
        assert_eq!(fm.events[0].title, "13");
        assert_eq!(fm.events[0].lane, None);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.contains("timeline entry 1"));
    }

    #[test]
    fn toml_dates_are_text() {
        let (fm, d) = parse_str(
            "+++\ntitle = \"T\"\ndate = 1962-10-16\n[[timeline]]\ndate = 1962-10-22\ntitle = \"Address\"\n+++\n",
        );
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(fm.meta.date.as_deref(), Some("1962-10-16"));
        assert_eq!(fm.events[0].date, PartialDate::ymd(1962, 10, 22));
    }

    #[test]
    fn toml_front_matter() {
        let (fm, d) = parse_str(
            "+++\ntitle = \"T\"\ntags = [\"x\"]\n[[timeline]]\ndate = \"1962-10-16\"\ntitle = \"U-2 photos\"\n+++\nbody",
        );
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(fm.meta.title.as_deref(), Some("T"));
        assert_eq!(fm.events.len(), 1);
        let (split, _) = split("+++\ntitle = \n+++\n");
        let (_, d) = parse(&split);
        assert_eq!(d[0].line, 2);
    }

    #[test]
    fn line_col_counts_characters() {
        assert_eq!(line_col("ab\ncdé f", 8), (2, 5));
    }
}
