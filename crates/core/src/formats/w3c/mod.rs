//! W3C Web Annotation interop: annotations as JSON-LD with `TextQuoteSelector` and
//! `TextPositionSelector`, as many tools read and write them.
//!
//! Read: an array, a single Annotation, or an AnnotationCollection or page with `items`. A
//! quote is found wherever it is, in a list of selectors or inside `refinedBy`. Bodies may be
//! text (`TextualBody`, `bodyValue`), an address, or tags and classes (`purpose`). Replies
//! (`motivation: replying`) join the annotation they answer. Ids, creators, times and the
//! annotated document are kept, and written back as they came.

#[cfg(test)]
mod tests;

use serde_json::{Value, json};

use super::timelinejs::html_to_markdown;
use crate::anchor::{Selector, TextPosition, TextQuote};
use crate::layer::{Annotation, Color, Layer, Origin, Reply, now_unix_ms};

pub const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

/// The prefix of the ids Casebook gives its own annotations in exports.
pub const OWN_ID: &str = "urn:casebook:annotation:";

/// Annotations read from a file, those skipped (with why), and what could not be carried.
#[derive(Debug, Default)]
pub struct Read {
    pub annotations: Vec<Annotation>,
    pub skipped: Vec<String>,
    pub not_carried: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("not W3C annotations: {0}")]
    NotAnnotations(String),
}

/// The items of a W3C document: an array, a collection (its `items` or `first.items`), or one.
pub fn items(value: &Value) -> Option<Vec<&Value>> {
    match value {
        Value::Array(items) => Some(items.iter().collect()),
        Value::Object(o) if o.contains_key("items") => o["items"].as_array().map(|a| a.iter().collect()),
        Value::Object(o) if o.get("first").and_then(|f| f.get("items")).is_some() => {
            o["first"]["items"].as_array().map(|a| a.iter().collect())
        }
        Value::Object(_) => Some(vec![value]),
        _ => None,
    }
}

/// Reads annotations from JSON-LD. `file` names where they came from; `private` marks them all
/// private (W3C annotations say nothing of their audience).
pub fn read(value: &Value, file: &str, private: bool) -> Result<Read, ImportError> {
    let items = items(value).ok_or_else(|| ImportError::NotAnnotations("expected an array or an object".to_owned()))?;
    let mut read = Read::default();
    let mut replies: Vec<(usize, String, Reply)> = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        if let Some(parent) = reply_to(item) {
            replies.push((i + 1, parent, reply_of(item)));
            continue;
        }
        match annotation(item, file, private, &mut read.not_carried, i + 1) {
            Ok(a) => read.annotations.push(a),
            Err(why) => read.skipped.push(format!("annotation {}: {why}", i + 1)),
        }
    }
    for (n, parent, reply) in replies {
        let own = |a: &&mut Annotation| a.origin.as_ref().is_some_and(|o| o.id == parent);
        match read.annotations.iter_mut().find(|a| own(a) || a.id == parent.trim_start_matches(OWN_ID)) {
            Some(a) => a.replies.push(reply),
            None => read.skipped.push(format!("annotation {n}: a reply to {parent}, which is not in this file")),
        }
    }
    Ok(read)
}

/// The id an item answers, when it is a reply.
fn reply_to(item: &Value) -> Option<String> {
    let replying = match item.get("motivation") {
        Some(Value::String(m)) => m == "replying",
        Some(Value::Array(ms)) => ms.iter().any(|m| m == "replying"),
        _ => false,
    };
    if !replying {
        return None;
    }
    let target = match item.get("target")? {
        Value::Array(targets) => targets.first()?,
        t => t,
    };
    match target {
        Value::String(id) => Some(id.clone()),
        t => t.get("id").or_else(|| t.get("source")).and_then(Value::as_str).map(str::to_owned),
    }
}

fn reply_of(item: &Value) -> Reply {
    let (note, _, _) = bodies(item, &mut Vec::new(), 0);
    Reply { creator: creator(item), created: string(item, "created"), text: note }
}

fn string(v: &Value, key: &str) -> String {
    v.get(key).and_then(Value::as_str).unwrap_or_default().to_owned()
}

/// Who made it: a name, a nickname, or an id; several joined.
pub fn creator(item: &Value) -> String {
    fn one(v: &Value) -> String {
        match v {
            Value::String(s) => s.clone(),
            Value::Object(o) => ["name", "nickname", "id"]
                .iter()
                .find_map(|k| o.get(*k).and_then(Value::as_str))
                .unwrap_or_default()
                .to_owned(),
            _ => String::new(),
        }
    }
    match item.get("creator") {
        Some(Value::Array(all)) => all.iter().map(one).filter(|s| !s.is_empty()).collect::<Vec<_>>().join(", "),
        Some(v) => one(v),
        None => String::new(),
    }
}

/// Every selector of a target, those inside `refinedBy` included.
fn selectors(target: &Value) -> Vec<&Value> {
    fn walk<'a>(v: &'a Value, out: &mut Vec<&'a Value>) {
        match v {
            Value::Array(all) => all.iter().for_each(|s| walk(s, out)),
            Value::Object(o) => {
                out.push(v);
                if let Some(refined) = o.get("refinedBy") {
                    walk(refined, out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    if let Some(s) = target.get("selector") {
        walk(s, &mut out);
    }
    out
}

/// The note, tags and colour an item's bodies hold.
fn bodies(item: &Value, not_carried: &mut Vec<String>, n: usize) -> (String, Vec<String>, Option<Color>) {
    let mut notes: Vec<String> = Vec::new();
    let mut tags = Vec::new();
    let mut color = None;
    if let Some(value) = item.get("bodyValue").and_then(Value::as_str) {
        notes.push(value.to_owned());
    }
    let list: Vec<&Value> = match item.get("body") {
        Some(Value::Array(b)) => b.iter().collect(),
        Some(b) => vec![b],
        None => Vec::new(),
    };
    for body in list {
        let body = match body.get("type").and_then(Value::as_str) {
            // A choice of bodies (languages, formats): the first.
            Some("Choice") => body.get("items").and_then(Value::as_array).and_then(|i| i.first()).unwrap_or(body),
            _ => body,
        };
        if let Value::String(address) = body {
            notes.push(format!("<{address}>"));
            continue;
        }
        let purpose = body.get("purpose").and_then(Value::as_str).unwrap_or("commenting");
        let value = body.get("value").or_else(|| body.get("chars")).and_then(Value::as_str);
        let text = match (value, body.get("format").and_then(Value::as_str)) {
            (Some(v), Some("text/html")) => html_to_markdown(v),
            (Some(v), _) => v.to_owned(),
            (None, _) => match body.get("id").and_then(Value::as_str) {
                Some(address) => format!("<{address}>"),
                None => {
                    not_carried.push(format!("annotation {n}: a body Casebook cannot read ({body})"));
                    continue;
                }
            },
        };
        match purpose {
            "tagging" => tags.push(text),
            "classifying" => {
                color = Color::ALL.into_iter().find(|c| c.default_name().eq_ignore_ascii_case(text.trim())).or(color);
            }
            _ => notes.push(text),
        }
    }
    (notes.join("\n\n"), tags.into_iter().filter(|t| !t.is_empty()).collect(), color)
}

fn annotation(
    item: &Value,
    file: &str,
    private: bool,
    not_carried: &mut Vec<String>,
    n: usize,
) -> Result<Annotation, String> {
    let targets: Vec<&Value> = match item.get("target").ok_or("it has no target")? {
        Value::Array(t) => t.iter().collect(),
        t => vec![t],
    };
    let target = targets
        .iter()
        .copied()
        .find(|t| selectors(t).iter().any(|s| kind(s) == "TextQuoteSelector"))
        .ok_or("it has no TextQuoteSelector, so its passage cannot be found in a text")?;
    let all = selectors(target);
    let of_type = |t: &str| all.iter().copied().find(|s| kind(s) == t);
    let quote = of_type("TextQuoteSelector").ok_or("it has no TextQuoteSelector")?;
    let exact = string(quote, "exact");
    if exact.is_empty() {
        return Err("its quote is empty".to_owned());
    }
    let position = of_type("TextPositionSelector").and_then(text_position);
    let (note, tags, classified) = bodies(item, not_carried, n);
    let color = item.get("casebook:color").and_then(Value::as_str).and_then(color_from_key).or(classified);
    let external = string(item, "id");
    let now = now_unix_ms();
    let (id, origin) = match external.strip_prefix(OWN_ID) {
        // Casebook's own export: the annotation it was.
        Some(own) if !own.is_empty() => (own.to_owned(), None),
        _ => {
            let key = if external.is_empty() { format!("quote:{exact}") } else { external.clone() };
            let mut origin = Origin::new(file, key);
            origin.creator = creator(item);
            origin.created = string(item, "created");
            origin.modified = string(item, "modified");
            origin.document = match target.get("source") {
                Some(Value::String(s)) => s.clone(),
                _ => String::new(),
            };
            (String::new(), Some(Box::new(origin)))
        }
    };
    Ok(Annotation {
        id,
        target: Selector {
            quote: TextQuote { exact, prefix: string(quote, "prefix"), suffix: string(quote, "suffix") },
            position,
        },
        color: color.unwrap_or(Color::KeyFact),
        note,
        tags,
        private: private || item.get("casebook:private").and_then(Value::as_bool).unwrap_or(false),
        created_unix_ms: now,
        modified_unix_ms: now,
        replies: Vec::new(),
        origin,
    })
}

fn kind(selector: &Value) -> &str {
    selector.get("type").and_then(Value::as_str).unwrap_or_default()
}

/// The layer as a JSON-LD array of Annotations. `source` names the annotated document, for
/// annotations made here; an imported one keeps its own id, creator, times and document.
pub fn export(layer: &Layer, source: &str) -> Value {
    let mut items = Vec::new();
    for a in &layer.annotations {
        let mut body = Vec::new();
        if !a.note.is_empty() {
            body.push(
                json!({"type": "TextualBody", "value": a.note, "format": "text/markdown", "purpose": "commenting"}),
            );
        }
        for tag in &a.tags {
            body.push(json!({"type": "TextualBody", "value": tag, "purpose": "tagging"}));
        }
        body.push(json!({"type": "TextualBody", "value": layer.color_name(a.color), "purpose": "classifying"}));
        let mut selectors = vec![json!({
            "type": "TextQuoteSelector",
            "exact": a.target.quote.exact,
            "prefix": a.target.quote.prefix,
            "suffix": a.target.quote.suffix,
        })];
        if let Some(p) = a.target.position {
            selectors.push(json!({"type": "TextPositionSelector", "start": p.start, "end": p.end}));
        }
        let origin = a.origin.as_deref();
        let id = origin
            .filter(|o| !o.id.starts_with("quote:"))
            .map_or_else(|| format!("{OWN_ID}{}", a.id), |o| o.id.clone());
        let or = |theirs: Option<&String>, ours: String| theirs.filter(|t| !t.is_empty()).cloned().unwrap_or(ours);
        let mut item = json!({
            "@context": CONTEXT,
            "id": id,
            "type": "Annotation",
            "motivation": if a.note.is_empty() { "highlighting" } else { "commenting" },
            "created": or(origin.map(|o| &o.created), iso8601(a.created_unix_ms)),
            "modified": or(origin.map(|o| &o.modified).filter(|_| a.created_unix_ms == a.modified_unix_ms), iso8601(a.modified_unix_ms)),
            "body": body,
            "target": {"source": or(origin.map(|o| &o.document), source.to_owned()), "selector": selectors},
            "casebook:color": color_key(a.color),
            "casebook:private": a.private,
        });
        if let Some(creator) = origin.map(|o| &o.creator).filter(|c| !c.is_empty()) {
            item["creator"] = json!(creator);
        }
        items.push(item);
        for (n, reply) in a.replies.iter().enumerate() {
            let mut r = json!({
                "@context": CONTEXT,
                "id": format!("{id}/reply-{}", n + 1),
                "type": "Annotation",
                "motivation": "replying",
                "body": {"type": "TextualBody", "value": reply.text, "format": "text/markdown"},
                "target": id,
            });
            if !reply.creator.is_empty() {
                r["creator"] = json!(reply.creator);
            }
            if !reply.created.is_empty() {
                r["created"] = json!(reply.created);
            }
            items.push(r);
        }
    }
    Value::Array(items)
}

fn color_key(color: Color) -> &'static str {
    match color {
        Color::KeyFact => "key-fact",
        Color::Actor => "actor",
        Color::TurningPoint => "turning-point",
        Color::Evidence => "evidence",
        Color::Question => "question",
    }
}

fn color_from_key(key: &str) -> Option<Color> {
    Color::ALL.into_iter().find(|c| color_key(*c) == key)
}

/// A `TextPositionSelector`'s range, if it is one: W3C and Hypothesis write it alike.
pub(super) fn text_position(selector: &Value) -> Option<TextPosition> {
    let start = selector.get("start")?.as_u64()? as usize;
    let end = selector.get("end")?.as_u64()? as usize;
    (start <= end).then_some(TextPosition { start, end })
}

/// `2025-03-01T12:00:00.000Z` from milliseconds since 1970.
pub fn iso8601(unix_ms: u64) -> String {
    let secs = unix_ms / 1000;
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let (year, month, day) = crate::timeline::civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60,
        unix_ms % 1000
    )
}
