//! The timeline events and eras of the front matter, and keys written twice.

use std::collections::HashSet;

use super::Diagnostic;
use super::tree::{Entry, Kind, Node};
use crate::timeline::{Era, Event, PartialDate};

/// Warns about every key written twice among `fields`, at the line of the second (or at
/// `line` where its own is not known); the first is the one read. `whose` names what the fields
/// belong to ("timeline event 'x': "), empty for the front matter itself; it is only written
/// out when there is something to say.
pub(super) fn warn_duplicates(
    fields: &[Entry],
    whose: impl Fn() -> String,
    line: usize,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut warn = |field: &Entry, key: &str| {
        let message = format!("{}'{key}' is written twice; the first one is used", whose());
        diagnostics.push(Diagnostic::warning(field.line.unwrap_or(line), 0, message));
    };
    if fields.len() <= 16 {
        // An event's few fields: comparing each with those before costs less than a set.
        for (i, field) in fields.iter().enumerate() {
            if let Some(key) = field.key.as_deref()
                && fields[..i].iter().any(|f| f.key.as_deref() == Some(key))
            {
                warn(field, key);
            }
        }
        return;
    }
    let mut seen = HashSet::new();
    for field in fields {
        if let Some(key) = field.key.as_deref()
            && !seen.insert(key)
        {
            warn(field, key);
        }
    }
}

/// The events of the `timeline` list, which starts on `list_line`. Each event's line is the
/// line its item starts on; a problem with one of its fields is reported at that field's line.
pub(super) fn parse_events(items: &[Node], list_line: usize, diagnostics: &mut Vec<Diagnostic>) -> Vec<Event> {
    let mut seen_ids = HashSet::new();
    let mut events = Vec::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        let line = item.line.unwrap_or(list_line);
        let Kind::Map(fields) = &item.kind else {
            diagnostics.push(Diagnostic::error(
                line,
                0,
                format!("timeline entry {} is not an event with a date and a title", index + 1),
            ));
            continue;
        };
        let get = |names: &[&str]| item.field(names).and_then(Node::text).filter(|s| !s.is_empty());
        let line_of = |names: &[&str]| item.entry(names).and_then(|e| e.line).unwrap_or(line);
        let id = get(&["id"]).unwrap_or_else(|| format!("event-{}", index + 1));
        warn_duplicates(fields, || format!("timeline event '{id}': "), line, diagnostics);
        let date_names = ["date", "start", "start_date"];
        let Some(date_text) = get(&date_names) else {
            diagnostics.push(Diagnostic::error(line, 0, format!("timeline event '{id}' has no date")));
            continue;
        };
        let date = match PartialDate::parse(&date_text) {
            Ok(d) => d,
            Err(e) => {
                diagnostics.push(Diagnostic::error(line_of(&date_names), 0, format!("timeline event '{id}': {e}")));
                continue;
            }
        };
        let end_names = ["end", "end_date"];
        let end = match get(&end_names).map(|e| PartialDate::parse(&e)) {
            None => None,
            Some(Ok(end)) if end < date => {
                diagnostics.push(Diagnostic::warning(line, 0, format!("timeline event '{id}' ends before it starts")));
                None
            }
            Some(Ok(end)) => Some(end),
            Some(Err(e)) => {
                diagnostics.push(Diagnostic::error(line_of(&end_names), 0, format!("timeline event '{id}' end: {e}")));
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
            kept: serde_json::Map::new(),
            line,
        });
    }
    // Authored order is kept for equal dates: a stable sort.
    events.sort_by_key(|e| e.date);
    events
}

/// The eras of the `eras` list, which starts on `list_line`.
pub(super) fn parse_eras(items: &[Node], list_line: usize, diagnostics: &mut Vec<Diagnostic>) -> Vec<Era> {
    let mut eras = Vec::new();
    for item in items {
        let line = item.line.unwrap_or(list_line);
        let Kind::Map(fields) = &item.kind else {
            diagnostics.push(Diagnostic::error(line, 0, "an era needs a title, a start and an end"));
            continue;
        };
        let get = |names: &[&str]| item.field(names).and_then(Node::text).filter(|s| !s.is_empty());
        let title = get(&["title"]).unwrap_or_default();
        warn_duplicates(fields, || format!("era '{title}': "), line, diagnostics);
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
