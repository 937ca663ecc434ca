//! Hypothesis's own JSON, as its API returns it: a search response (`{"total", "rows"}`), a
//! bare array of rows, or one annotation. `text` is the note (Markdown), `tags` the tags,
//! `user_info.display_name` (or the user) the creator; `created`, `updated`, `uri` and
//! `document.title` are kept. An annotation is shared only when the public could read it on
//! Hypothesis (`permissions.read` holds `group:__world__`); one its author or a private group
//! alone could read imports as private. Replies (`references`) join the annotation they answer.

use serde_json::Value;

use super::w3c::Read;
use crate::anchor::{Selector, TextQuote};
use crate::layer::{Annotation, Color, Origin, Reply, now_unix_ms};

/// Whether a JSON value is Hypothesis's own format rather than W3C's.
pub fn is_hypothesis(value: &Value) -> bool {
    let row = |v: &Value| v.get("uri").is_some() && (v.get("user").is_some() || v.get("permissions").is_some());
    match value {
        Value::Object(o) if o.get("rows").is_some_and(Value::is_array) => true,
        Value::Array(rows) => rows.first().is_some_and(row),
        v => row(v),
    }
}

/// The rows of a Hypothesis document.
pub fn rows(value: &Value) -> Vec<&Value> {
    match value {
        Value::Object(o) if o.contains_key("rows") => {
            o["rows"].as_array().map(|r| r.iter().collect()).unwrap_or_default()
        }
        Value::Array(rows) => rows.iter().collect(),
        v => vec![v],
    }
}

pub fn read(value: &Value, file: &str) -> Read {
    let mut read = Read::default();
    let mut replies: Vec<(usize, Vec<String>, Reply)> = Vec::new();
    for (i, row) in rows(value).into_iter().enumerate() {
        let references: Vec<String> = row
            .get("references")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).map(str::to_owned).collect())
            .unwrap_or_default();
        if !references.is_empty() {
            let reply = Reply { creator: creator(row), created: string(row, "created"), text: string(row, "text") };
            replies.push((i + 1, references, reply));
            continue;
        }
        match annotation(row, file) {
            Ok(a) => read.annotations.push(a),
            Err(why) => read.skipped.push(format!("annotation {}: {why}", i + 1)),
        }
    }
    for (n, references, reply) in replies {
        // A reply joins the annotation its thread starts from.
        let root = references.first().map(String::as_str).unwrap_or_default();
        match read.annotations.iter_mut().find(|a| a.origin.as_ref().is_some_and(|o| o.id == root)) {
            Some(a) => a.replies.push(reply),
            None => read
                .skipped
                .push(format!("annotation {n}: a reply in a thread whose first annotation is not in this file")),
        }
    }
    read
}

fn string(v: &Value, key: &str) -> String {
    v.get(key).and_then(Value::as_str).unwrap_or_default().to_owned()
}

/// The author's display name, or their account without `acct:` and the authority.
fn creator(row: &Value) -> String {
    let display = row.get("user_info").and_then(|u| u.get("display_name")).and_then(Value::as_str);
    match display.filter(|d| !d.trim().is_empty()) {
        Some(name) => name.to_owned(),
        None => {
            let user = string(row, "user");
            let account = user.strip_prefix("acct:").unwrap_or(&user);
            account.split('@').next().unwrap_or(account).to_owned()
        }
    }
}

/// Whether everyone could read it on Hypothesis. Without permissions nothing says so.
fn public(row: &Value) -> bool {
    row.get("permissions")
        .and_then(|p| p.get("read"))
        .and_then(Value::as_array)
        .is_some_and(|r| r.iter().any(|who| who == "group:__world__"))
}

fn annotation(row: &Value, file: &str) -> Result<Annotation, String> {
    let targets: Vec<&Value> = match row.get("target") {
        Some(Value::Array(t)) => t.iter().collect(),
        Some(t) => vec![t],
        None => Vec::new(),
    };
    let selectors: Vec<&Value> =
        targets.iter().filter_map(|t| t.get("selector").and_then(Value::as_array)).flatten().collect();
    let of_type = |t: &str| selectors.iter().copied().find(|s| s.get("type").and_then(Value::as_str) == Some(t));
    let quote = of_type("TextQuoteSelector").ok_or("a note on the whole page, with no passage to attach it to")?;
    let exact = string(quote, "exact");
    if exact.is_empty() {
        return Err("its quote is empty".to_owned());
    }
    let position = of_type("TextPositionSelector").and_then(super::w3c::text_position);
    let id = string(row, "id");
    let mut origin = Origin::new(file, if id.is_empty() { format!("quote:{exact}") } else { id });
    origin.creator = creator(row);
    origin.created = string(row, "created");
    origin.modified = string(row, "updated");
    origin.document = string(row, "uri");
    origin.title = match row.get("document").and_then(|d| d.get("title")) {
        Some(Value::Array(titles)) => titles.first().and_then(Value::as_str).unwrap_or_default().to_owned(),
        Some(Value::String(title)) => title.clone(),
        _ => String::new(),
    };
    let now = now_unix_ms();
    Ok(Annotation {
        id: String::new(),
        target: Selector {
            quote: TextQuote { exact, prefix: string(quote, "prefix"), suffix: string(quote, "suffix") },
            position,
        },
        color: Color::KeyFact,
        note: string(row, "text"),
        tags: row
            .get("tags")
            .and_then(Value::as_array)
            .map(|t| t.iter().filter_map(Value::as_str).map(str::to_owned).collect())
            .unwrap_or_default(),
        private: !public(row),
        created_unix_ms: now,
        modified_unix_ms: now,
        replies: Vec::new(),
        origin: Some(Box::new(origin)),
    })
}
