//! TimelineJS interop: its JSON documents read into events and eras, and written back.
//!
//! TimelineJS writes years, months and days as numbers or strings, BCE years as negative
//! numbers, and HTML in headlines and texts. What Casebook does not use of an event (its time
//! of day, display date, background, location, media details, fields it does not know) is kept
//! in the event as it came and written back. Media links are kept as data and never fetched;
//! on export only web links are written. Version 2 documents (`{"timeline": {"date": [...]}}`)
//! are read too, in `v2.rs`.

mod html;
#[cfg(test)]
mod tests;
mod v2;

use serde_json::{Map, Value, json};

pub use self::html::{html_to_markdown, html_to_text, markdown_to_html};
use super::html::escape;
use crate::timeline::chronology::{Chronology, LayerTimeline};
use crate::timeline::{Era, Event, Media, PartialDate, TimelineTitle};

/// A timeline as TimelineJS holds it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Timeline {
    pub title: Option<TimelineTitle>,
    pub events: Vec<Event>,
    pub eras: Vec<Era>,
}

/// A document read: the timeline, the items that could not be read (with why), and what of the
/// readable ones could not be carried.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Read {
    pub timeline: Timeline,
    pub skipped: Vec<String>,
    pub not_carried: Vec<String>,
}

/// Whether a JSON value is a TimelineJS document: version 3 (`events` with start dates) or
/// version 2 (`timeline.date`).
pub fn is_timelinejs(value: &Value) -> bool {
    let v3 =
        value.get("events").and_then(Value::as_array).is_some_and(|e| e.iter().any(|e| e.get("start_date").is_some()));
    v3 || v2::is_v2(value)
}

/// Reads a TimelineJS document of either version.
pub fn read(value: &Value) -> Read {
    if v2::is_v2(value) {
        return v2::read(value);
    }
    let mut read = Read::default();
    read.timeline.title = title_of(value).map(|mut title| {
        title.kept = checked(&title.kept, &mut read.not_carried, "the title");
        title
    });
    for (i, e) in value.get("events").and_then(Value::as_array).into_iter().flatten().enumerate() {
        match event_of(e, &mut read.not_carried, i + 1) {
            Ok(event) => read.timeline.events.push(event),
            Err(why) => {
                read.skipped.push(format!("event {} ({}): {why}", i + 1, html_to_text(&text_of(e, "headline"))))
            }
        }
    }
    for (i, e) in value.get("eras").and_then(Value::as_array).into_iter().flatten().enumerate() {
        let title = html_to_text(&text_of(e, "headline"));
        let dates = e.get("start_date").map(date_of).zip(e.get("end_date").map(date_of));
        match dates {
            Some((Ok(start), Ok(end))) if end >= start => read.timeline.eras.push(Era { title, start, end }),
            Some((Ok(_), Ok(_))) => read.skipped.push(format!("era {} ({title}): it ends before it starts", i + 1)),
            Some((Err(why), _) | (_, Err(why))) => read.skipped.push(format!("era {} ({title}): {why}", i + 1)),
            None => read.skipped.push(format!("era {} ({title}): it needs a start and an end", i + 1)),
        }
    }
    read
}

/// Reads a document and returns the timeline and the items skipped, for callers that need no
/// more.
pub fn import(value: &Value) -> (Timeline, Vec<String>) {
    let read = read(value);
    (read.timeline, read.skipped)
}

/// The title slide, with the document's other top-level fields (its `scale`, fields Casebook
/// does not know) kept beside it.
fn title_of(value: &Value) -> Option<TimelineTitle> {
    let mut document: Map<String, Value> = value.as_object().cloned().unwrap_or_default();
    for modelled in ["events", "eras", "title"] {
        document.remove(modelled);
    }
    let slide = value.get("title").and_then(Value::as_object);
    if slide.is_none() && document.is_empty() {
        return None;
    }
    let mut kept = Map::new();
    if !document.is_empty() {
        kept.insert("document".into(), Value::Object(document));
    }
    if let Some(slide) = slide.map(without_text).filter(|s| !s.is_empty()) {
        kept.insert("slide".into(), Value::Object(slide));
    }
    let title = value.get("title");
    Some(TimelineTitle {
        headline: title.map(|t| html_to_text(&text_of(t, "headline"))).unwrap_or_default(),
        text: title.map(|t| html_to_markdown(&text_of(t, "text"))).unwrap_or_default(),
        kept,
    })
}

/// A slide's fields but its headline and text.
fn without_text(slide: &Map<String, Value>) -> Map<String, Value> {
    let mut kept = slide.clone();
    if let Some(Value::Object(text)) = kept.get_mut("text") {
        text.remove("headline");
        text.remove("text");
        if text.is_empty() {
            kept.remove("text");
        }
    }
    kept
}

fn event_of(e: &Value, not_carried: &mut Vec<String>, n: usize) -> Result<Event, String> {
    let slide = e.as_object().ok_or("it is not an object")?;
    let headline = html_to_text(&text_of(e, "headline"));
    let mut date = date_of(e.get("start_date").ok_or("it has no start date")?)?;
    let display = slide.get("display_date").or_else(|| e["start_date"].get("display_date")).and_then(Value::as_str);
    date.circa = display.is_some_and(|d| d.trim_start().starts_with("c."));
    let mut kept = without_text(slide);
    for modelled in ["unique_id", "group", "media"] {
        kept.remove(modelled);
    }
    let end = match e.get("end_date").filter(|d| !d.is_null()).map(date_of) {
        Some(Ok(end)) if end < date => {
            not_carried
                .push(format!("event {n} ({headline}): its end ({end}) is before its start ({date}), so it has none"));
            kept.remove("end_date");
            None
        }
        Some(Ok(end)) => Some(end),
        Some(Err(why)) => {
            not_carried.push(format!("event {n} ({headline}): its end date {why}"));
            kept.remove("end_date");
            None
        }
        None => None,
    };
    let media =
        e.get("media").and_then(Value::as_object).and_then(|m| media_of(m, &mut kept, not_carried, n, &headline));
    let kept = checked(&kept, not_carried, &format!("event {n} ({headline})"));
    Ok(Event {
        id: e.get("unique_id").and_then(Value::as_str).map(str::trim).unwrap_or_default().to_owned(),
        date,
        end,
        title: headline,
        lane: e.get("group").and_then(Value::as_str).map(str::trim).filter(|g| !g.is_empty()).map(str::to_owned),
        description: html_to_markdown(&text_of(e, "text")),
        media,
        anchor: None,
        kept,
        line: 0,
    })
}

/// An event's media: the link, caption and credit; its other fields (thumbnail, link, alt,
/// title) are kept with the event. Links that are not web links are not carried.
fn media_of(
    m: &Map<String, Value>,
    kept: &mut Map<String, Value>,
    not_carried: &mut Vec<String>,
    n: usize,
    headline: &str,
) -> Option<Media> {
    let field = |k: &str| m.get(k).and_then(Value::as_str).unwrap_or_default().to_owned();
    let mut rest = m.clone();
    for modelled in ["url", "caption", "credit"] {
        rest.remove(modelled);
    }
    for link in ["thumbnail", "link"] {
        if let Some(url) = rest.get(link).and_then(Value::as_str).filter(|u| !web_link(u)) {
            not_carried.push(format!("event {n} ({headline}): media {link} '{url}' is not a web link"));
            rest.remove(link);
        }
    }
    if !rest.is_empty() {
        kept.insert("media".into(), Value::Object(rest));
    }
    let url = field("url");
    if url.is_empty() {
        return None;
    }
    if !web_link(&url) {
        not_carried.push(format!("event {n} ({headline}): media '{url}' is not a web link"));
        return None;
    }
    Some(Media { url, caption: html_to_markdown(&field("caption")), credit: html_to_markdown(&field("credit")) })
}

/// Whether a link may be written in a TimelineJS export: http or https (a `//host` link too).
fn web_link(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("//")
}

/// A case's timeline as the user sees it (its own events and eras with a layer's changes, no
/// suggestions), as a TimelineJS3 document, under the layer's title or the case's.
pub fn export_case(case: &crate::case::Case, layer: LayerTimeline<'_>, title: Option<&TimelineTitle>) -> Value {
    let text = &case.doc.text;
    let index = crate::anchor::TextIndex::new(text);
    let authored = (case.front.events.as_slice(), case.front.eras.as_slice());
    let chronology = Chronology::new(authored, layer, text, &index, &[], false);
    let title = title.cloned().unwrap_or_else(|| TimelineTitle {
        headline: case.title(),
        text: case.front.meta.summary.clone().unwrap_or_default(),
        kept: Map::new(),
    });
    export(&Timeline {
        title: Some(title),
        events: chronology.entries.into_iter().map(|e| e.event).collect(),
        eras: chronology.eras.into_iter().map(|e| e.era).collect(),
    })
}

/// Writes a timeline as a TimelineJS3 document. Texts go out as HTML with web links only; what
/// was kept of each item is written back around what Casebook holds of it.
pub fn export(timeline: &Timeline) -> Value {
    let mut doc = Map::new();
    if let Some(title) = &timeline.title {
        if let Some(Value::Object(document)) = title.kept.get("document") {
            doc.extend(safe_kept(document));
        }
        let mut slide = match title.kept.get("slide") {
            Some(Value::Object(slide)) => safe_kept(slide),
            _ => Map::new(),
        };
        if !title.headline.is_empty() || !title.text.is_empty() || !slide.is_empty() {
            put_text(&mut slide, &title.headline, &title.text);
            doc.insert("title".into(), Value::Object(slide));
        }
    }
    let events: Vec<Value> = timeline.events.iter().map(event_value).collect();
    doc.insert("events".into(), Value::Array(events));
    if !timeline.eras.is_empty() {
        let eras: Vec<Value> = timeline
            .eras
            .iter()
            .map(|e| json!({"start_date": date_value(&e.start), "end_date": date_value(&e.end), "text": {"headline": escape(&e.title)}}))
            .collect();
        doc.insert("eras".into(), Value::Array(eras));
    }
    Value::Object(doc)
}

fn event_value(e: &Event) -> Value {
    let mut o = safe_kept(&e.kept);
    o.insert("unique_id".into(), json!(e.id));
    // The date as it came (a year 0, a time of day, a number or a string) when it is unchanged.
    let date = |key: &str, ours: &PartialDate, o: &mut Map<String, Value>| {
        let same =
            o.get(key).and_then(|d| date_of(d).ok()).is_some_and(|d| PartialDate { circa: ours.circa, ..d } == *ours);
        if !same {
            let mut value = date_value(ours);
            if let (Some(Value::Object(kept)), Value::Object(mine)) = (o.get(key), &mut value) {
                for (k, v) in kept.iter().filter(|(k, _)| !["year", "month", "day"].contains(&k.as_str())) {
                    mine.insert(k.clone(), v.clone());
                }
            }
            o.insert(key.into(), value);
        }
    };
    date("start_date", &e.date, &mut o);
    match &e.end {
        Some(end) => date("end_date", end, &mut o),
        None => {
            o.remove("end_date");
        }
    }
    if e.date.circa && !o.contains_key("display_date") {
        o.insert("display_date".into(), json!(e.date.to_string()));
    }
    put_text(&mut o, &e.title, &e.description);
    if let Some(lane) = &e.lane {
        o.insert("group".into(), json!(lane));
    }
    let mut media = match o.remove("media") {
        Some(Value::Object(m)) => m,
        _ => Map::new(),
    };
    if let Some(m) = e.media.as_ref().filter(|m| web_link(&m.url)) {
        media.insert("url".into(), json!(m.url));
        for (key, text) in [("caption", &m.caption), ("credit", &m.credit)] {
            if !text.is_empty() {
                media.insert(key.into(), json!(markdown_to_html(text)));
            }
        }
    }
    if media.contains_key("url") {
        o.insert("media".into(), Value::Object(media));
    }
    Value::Object(o)
}

/// Sets a slide's headline (text, escaped) and text (Markdown, as HTML), keeping its other
/// text fields.
fn put_text(slide: &mut Map<String, Value>, headline: &str, text: &str) {
    let mut fields = match slide.remove("text") {
        Some(Value::Object(fields)) => fields,
        _ => Map::new(),
    };
    fields.insert("headline".into(), json!(escape(headline)));
    fields.insert("text".into(), json!(markdown_to_html(text)));
    slide.insert("text".into(), Value::Object(fields));
}

/// Kept fields with any link that is not a web link left out, and named.
fn checked(kept: &Map<String, Value>, not_carried: &mut Vec<String>, what: &str) -> Map<String, Value> {
    let safe = safe_kept(kept);
    if safe != *kept {
        not_carried.push(format!("{what}: links that are not web links"));
    }
    safe
}

/// Kept fields as they may be written: links that are not web links are left out, wherever
/// they are (`url`, `thumbnail`, `link`, a background's `url`).
fn safe_kept(kept: &Map<String, Value>) -> Map<String, Value> {
    kept.iter()
        .filter(|(k, v)| {
            !(["url", "thumbnail", "link"].contains(&k.as_str()) && v.as_str().is_some_and(|u| !web_link(u)))
        })
        .map(|(k, v)| match v {
            Value::Object(inner) => (k.clone(), Value::Object(safe_kept(inner))),
            v => (k.clone(), v.clone()),
        })
        .collect()
}

fn text_of(v: &Value, key: &str) -> String {
    v.get("text").and_then(|t| t.get(key)).and_then(Value::as_str).unwrap_or_default().to_owned()
}

fn date_value(d: &PartialDate) -> Value {
    let mut o = Map::new();
    o.insert("year".into(), json!(d.year.to_string()));
    if let Some(m) = d.month {
        o.insert("month".into(), json!(m.to_string()));
    }
    if let Some(day) = d.day {
        o.insert("day".into(), json!(day.to_string()));
    }
    Value::Object(o)
}

/// A TimelineJS date: `year` (negative for BCE; 0, which JavaScript counts as 1 BCE, reads as
/// 1 BCE), optional `month` and `day`, each a number or a string.
fn date_of(v: &Value) -> Result<PartialDate, String> {
    let number = |key: &str| -> Result<Option<i64>, String> {
        match v.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Number(n)) => n.as_i64().map(Some).ok_or_else(|| format!("{key} {n} is not a whole number")),
            Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
            Some(Value::String(s)) => s.trim().parse().map(Some).map_err(|_| format!("{key} '{s}' is not a number")),
            Some(other) => Err(format!("{key} {other} is not a number")),
        }
    };
    let year = number("year")?.ok_or("has no year")?;
    let year = PartialDate::checked_year(if year == 0 { -1 } else { year }).map_err(|e| e.to_string())?;
    let month = number("month")?;
    let day = number("day")?;
    let iso_year = if year < 0 { format!("-{:04}", year.unsigned_abs()) } else { format!("{year:04}") };
    let iso = match (month, day) {
        (Some(m), Some(d)) => format!("{iso_year}-{m:02}-{d:02}"),
        (Some(m), None) => format!("{iso_year}-{m:02}"),
        _ => iso_year,
    };
    PartialDate::parse(&iso).map_err(|e| e.to_string())
}
