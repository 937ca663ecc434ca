//! TimelineJS version 2 documents, as older timelines were saved:
//! `{"timeline": {"headline", "text", "date": [{"startDate": "2011,12,10", "headline", "text",
//! "tag", "asset": {"media", "credit", "caption"}}], "era": [...]}}`. They are read into the
//! same events; an export writes version 3.

use serde_json::{Map, Value};

use super::{Read, html_to_markdown, html_to_text, web_link};
use crate::timeline::{Era, Event, Media, PartialDate, TimelineTitle};

pub(super) fn is_v2(value: &Value) -> bool {
    value.get("timeline").and_then(|t| t.get("date")).is_some_and(Value::is_array)
}

/// The fields of a version 2 date Casebook reads; any other is named as not carried.
const READ: &[&str] = &["startDate", "endDate", "headline", "text", "tag", "asset"];

pub(super) fn read(value: &Value) -> Read {
    let mut read = Read::default();
    let timeline = &value["timeline"];
    let headline = html_to_text(timeline.get("headline").and_then(Value::as_str).unwrap_or_default());
    let text = html_to_markdown(timeline.get("text").and_then(Value::as_str).unwrap_or_default());
    if !headline.is_empty() || !text.is_empty() {
        read.timeline.title = Some(TimelineTitle { headline, text, kept: Map::new() });
    }
    let mut unread: Vec<String> = Vec::new();
    for (i, d) in timeline["date"].as_array().into_iter().flatten().enumerate() {
        let headline = html_to_text(d.get("headline").and_then(Value::as_str).unwrap_or_default());
        for key in d.as_object().into_iter().flat_map(Map::keys) {
            if !READ.contains(&key.as_str()) && !unread.contains(key) {
                unread.push(key.clone());
            }
        }
        let Some(date) = d.get("startDate").and_then(Value::as_str).and_then(date_of) else {
            read.skipped.push(format!("event {} ({headline}): no start date Casebook can read", i + 1));
            continue;
        };
        let end = d.get("endDate").and_then(Value::as_str).filter(|e| !e.trim().is_empty()).and_then(date_of);
        let end = match end {
            Some(end) if end < date => {
                read.not_carried.push(format!("event {} ({headline}): its end is before its start", i + 1));
                None
            }
            end => end.filter(|e| *e != date),
        };
        let asset = d.get("asset");
        let field = |k: &str| asset.and_then(|a| a.get(k)).and_then(Value::as_str).unwrap_or_default().to_owned();
        let url = field("media");
        let media = (!url.is_empty() && web_link(&url)).then(|| Media {
            url,
            caption: html_to_markdown(&field("caption")),
            credit: html_to_markdown(&field("credit")),
        });
        let mut event = Event::new("", date, headline);
        event.end = end;
        event.description = html_to_markdown(d.get("text").and_then(Value::as_str).unwrap_or_default());
        event.lane = d.get("tag").and_then(Value::as_str).map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned);
        event.media = media;
        read.timeline.events.push(event);
    }
    if !unread.is_empty() {
        read.not_carried.push(format!("TimelineJS 2 fields Casebook does not use: {}", unread.join(", ")));
    }
    for (i, e) in timeline.get("era").and_then(Value::as_array).into_iter().flatten().enumerate() {
        let title = html_to_text(e.get("headline").and_then(Value::as_str).unwrap_or_default());
        let start = e.get("startDate").and_then(Value::as_str).and_then(date_of);
        let end = e.get("endDate").and_then(Value::as_str).and_then(date_of);
        match (start, end) {
            (Some(start), Some(end)) if end >= start => read.timeline.eras.push(Era { title, start, end }),
            _ => read.skipped.push(format!("era {} ({title}): it needs a start and an end in order", i + 1)),
        }
    }
    read
}

/// A version 2 date: `"YYYY"`, `"YYYY,MM"`, `"YYYY,MM,DD"`, and an hour and minute after the
/// day, which a timeline of days does not show.
fn date_of(text: &str) -> Option<PartialDate> {
    let parts: Vec<i64> = text.split(',').map(|p| p.trim().parse().ok()).collect::<Option<_>>()?;
    let year = *parts.first()?;
    let year = PartialDate::checked_year(if year == 0 { -1 } else { year }).ok()?;
    let date = match parts.get(1..3) {
        Some([m, d]) => PartialDate::ymd(year, u8::try_from(*m).ok()?, u8::try_from(*d).ok()?),
        _ => match parts.get(1) {
            Some(m) => PartialDate { month: Some(u8::try_from(*m).ok()?), ..PartialDate::year(year) },
            None => PartialDate::year(year),
        },
    };
    // Checked as a file date is: a month 13 or a 31 June is no date.
    PartialDate::parse(&date.to_iso()).ok()
}
