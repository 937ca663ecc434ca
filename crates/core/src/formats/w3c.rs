//! W3C Web Annotation interop: annotations as JSON-LD with `TextQuoteSelector` and
//! `TextPositionSelector`, as Hypothesis and other tools read and write them.

use serde_json::{Value, json};

use crate::anchor::{Selector, TextPosition, TextQuote};
use crate::layer::{Annotation, Color, Layer, new_id, now_unix_ms};

const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

/// The layer as a JSON-LD array of Annotations. `source` names the annotated document.
pub fn export(layer: &Layer, source: &str) -> Value {
    let items: Vec<Value> = layer
        .annotations
        .iter()
        .map(|a| {
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
            json!({
                "@context": CONTEXT,
                "id": format!("urn:casebook:annotation:{}", a.id),
                "type": "Annotation",
                "motivation": if a.note.is_empty() { "highlighting" } else { "commenting" },
                "created": iso8601(a.created_unix_ms),
                "modified": iso8601(a.modified_unix_ms),
                "body": body,
                "target": {"source": source, "selector": selectors},
                "casebook:color": color_key(a.color),
                "casebook:private": a.private,
            })
        })
        .collect();
    Value::Array(items)
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("not W3C annotations: {0}")]
    NotAnnotations(String),
}

/// Reads annotations from JSON-LD: an array, a single Annotation, or an AnnotationCollection
/// or page with `items`. Each needs a `TextQuoteSelector`; a position is optional. Returns the
/// annotations and, for those skipped, why.
pub fn import(value: &Value) -> Result<(Vec<Annotation>, Vec<String>), ImportError> {
    let items: Vec<&Value> = match value {
        Value::Array(items) => items.iter().collect(),
        Value::Object(o) if o.contains_key("items") => {
            o["items"].as_array().map(|a| a.iter().collect()).unwrap_or_default()
        }
        Value::Object(o) if o.get("first").and_then(|f| f.get("items")).is_some() => {
            o["first"]["items"].as_array().map(|a| a.iter().collect()).unwrap_or_default()
        }
        Value::Object(_) => vec![value],
        _ => return Err(ImportError::NotAnnotations("expected an array or an object".to_owned())),
    };
    let mut annotations = Vec::new();
    let mut skipped = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        match annotation(item) {
            Ok(a) => annotations.push(a),
            Err(why) => skipped.push(format!("annotation {}: {why}", i + 1)),
        }
    }
    Ok((annotations, skipped))
}

fn annotation(item: &Value) -> Result<Annotation, String> {
    let target = item.get("target").ok_or("it has no target")?;
    let target = match target {
        Value::Array(t) => t.first().ok_or("its target is empty")?,
        t => t,
    };
    let selectors: Vec<&Value> = match target.get("selector") {
        Some(Value::Array(s)) => s.iter().collect(),
        Some(s) => vec![s],
        None => Vec::new(),
    };
    let of_type = |t: &str| selectors.iter().copied().find(|s| s.get("type").and_then(Value::as_str) == Some(t));
    let text = |v: &Value, key: &str| v.get(key).and_then(Value::as_str).unwrap_or_default().to_owned();
    let quote = of_type("TextQuoteSelector").ok_or("it has no TextQuoteSelector")?;
    let exact = text(quote, "exact");
    if exact.is_empty() {
        return Err("its quote is empty".to_owned());
    }
    let position = of_type("TextPositionSelector").and_then(|p| {
        let start = p.get("start")?.as_u64()? as usize;
        let end = p.get("end")?.as_u64()? as usize;
        (start <= end).then_some(TextPosition { start, end })
    });
    let bodies: Vec<&Value> = match item.get("body") {
        Some(Value::Array(b)) => b.iter().collect(),
        Some(b) => vec![b],
        None => Vec::new(),
    };
    let purpose = |b: &Value| b.get("purpose").and_then(Value::as_str).unwrap_or("commenting").to_owned();
    let note =
        bodies.iter().filter(|b| purpose(b) == "commenting").map(|b| text(b, "value")).collect::<Vec<_>>().join("\n\n");
    let tags =
        bodies.iter().filter(|b| purpose(b) == "tagging").map(|b| text(b, "value")).filter(|t| !t.is_empty()).collect();
    let color =
        item.get("casebook:color")
            .and_then(Value::as_str)
            .and_then(color_from_key)
            .or_else(|| {
                bodies.iter().filter(|b| purpose(b) == "classifying").find_map(|b| {
                    Color::ALL.into_iter().find(|c| c.default_name().eq_ignore_ascii_case(&text(b, "value")))
                })
            })
            .unwrap_or(Color::KeyFact);
    let now = now_unix_ms();
    let id = item
        .get("id")
        .and_then(Value::as_str)
        .map(|id| id.rsplit([':', '/']).next().unwrap_or(id).to_owned())
        .filter(|id| !id.is_empty())
        .unwrap_or_else(|| new_id(now));
    Ok(Annotation {
        id,
        target: Selector {
            quote: TextQuote { exact, prefix: text(quote, "prefix"), suffix: text(quote, "suffix") },
            position,
        },
        color,
        note,
        tags,
        private: item.get("casebook:private").and_then(Value::as_bool).unwrap_or(false),
        created_unix_ms: now,
        modified_unix_ms: now,
    })
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

/// `2025-03-01T12:00:00.000Z` from milliseconds since 1970.
pub fn iso8601(unix_ms: u64) -> String {
    let secs = unix_ms / 1000;
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Howard Hinnant's days-to-civil algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60,
        unix_ms % 1000
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Layer {
        let a = Annotation {
            id: "a-1".into(),
            target: Selector {
                quote: TextQuote {
                    exact: "vetoed the draft".into(),
                    prefix: "Russia ".into(),
                    suffix: " resolution".into(),
                },
                position: Some(TextPosition { start: 40, end: 56 }),
            },
            color: Color::TurningPoint,
            note: "The **first** vetoes.".into(),
            tags: vec!["veto".into(), "2022".into()],
            private: true,
            created_unix_ms: 1_700_000_000_000,
            modified_unix_ms: 1_700_000_000_000,
        };
        Layer { annotations: vec![a].into(), ..Layer::default() }
    }

    #[test]
    fn export_has_w3c_shape() {
        let v = export(&sample(), "case.md");
        let a = &v[0];
        assert_eq!(a["type"], "Annotation");
        assert_eq!(a["@context"], CONTEXT);
        assert_eq!(a["motivation"], "commenting");
        assert_eq!(a["created"], "2023-11-14T22:13:20.000Z");
        assert_eq!(a["target"]["selector"][0]["type"], "TextQuoteSelector");
        assert_eq!(a["target"]["selector"][1]["start"], 40);
        assert!(a["body"].as_array().unwrap().iter().any(|b| b["purpose"] == "tagging" && b["value"] == "veto"));
    }

    #[test]
    fn round_trip_keeps_every_annotation() {
        let layer = sample();
        let (back, skipped) = import(&export(&layer, "case.md")).unwrap();
        assert!(skipped.is_empty());
        let a = &back[0];
        let b = &layer.annotations.as_slice()[0];
        assert_eq!(
            (&a.id, &a.target, a.color, &a.note, &a.tags, a.private),
            (&b.id, &b.target, b.color, &b.note, &b.tags, b.private)
        );
    }

    #[test]
    fn a_quote_alone_imports_and_bad_items_are_named() {
        let v = json!([
            {"type": "Annotation", "target": {"selector": {"type": "TextQuoteSelector", "exact": "Security Council"}}},
            {"type": "Annotation", "target": {"selector": {"type": "CssSelector", "value": "p"}}}
        ]);
        let (got, skipped) = import(&v).unwrap();
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].target.position, None);
        assert_eq!(skipped, ["annotation 2: it has no TextQuoteSelector"]);
        assert!(import(&json!("text")).is_err());
    }
}
