//! TimelineJS3 interop: its JSON documents read into events and eras, and written back.
//!
//! TimelineJS writes years, months and days as numbers or strings, BCE years as negative
//! numbers, and HTML in headlines and texts. Media links are kept as data and never fetched.

use serde_json::{Map, Value, json};

use crate::timeline::chronology::{Chronology, LayerTimeline};
use crate::timeline::{Era, Event, Media, PartialDate, TimelineTitle};

/// A timeline as TimelineJS holds it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Timeline {
    pub title: Option<TimelineTitle>,
    pub events: Vec<Event>,
    pub eras: Vec<Era>,
}

/// Whether a JSON value is a TimelineJS document: an object whose `events` have start dates.
pub fn is_timelinejs(value: &Value) -> bool {
    value.get("events").and_then(Value::as_array).is_some_and(|e| e.iter().any(|e| e.get("start_date").is_some()))
}

/// Reads a TimelineJS document. Events that can't be read are skipped and named.
pub fn import(value: &Value) -> (Timeline, Vec<String>) {
    let mut skipped = Vec::new();
    let title = value.get("title").map(|t| TimelineTitle {
        headline: html_to_text(&text_of(t, "headline")),
        text: html_to_markdown(text_of(t, "text").as_str()),
    });
    let mut events = Vec::new();
    for (i, e) in value.get("events").and_then(Value::as_array).into_iter().flatten().enumerate() {
        let headline = html_to_text(&text_of(e, "headline"));
        let circa = e.get("display_date").and_then(Value::as_str).is_some_and(|d| d.trim_start().starts_with("c."));
        let date = match e.get("start_date").map(date_of) {
            Some(Ok(mut d)) => {
                d.circa = circa;
                d
            }
            Some(Err(why)) => {
                skipped.push(format!("event {} ({headline}): start date {why}", i + 1));
                continue;
            }
            None => {
                skipped.push(format!("event {} ({headline}): no start date", i + 1));
                continue;
            }
        };
        let end = e.get("end_date").map(date_of).and_then(Result::ok).filter(|end| *end >= date);
        let id = e
            .get("unique_id")
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .map_or_else(|| format!("event-{}", i + 1), str::to_owned);
        let media = e.get("media").and_then(|m| {
            let field = |k: &str| m.get(k).and_then(Value::as_str).unwrap_or_default().to_owned();
            let url = field("url");
            (!url.is_empty()).then(|| Media {
                url,
                caption: html_to_markdown(&field("caption")),
                credit: html_to_markdown(&field("credit")),
            })
        });
        events.push(Event {
            id,
            date,
            end,
            title: headline,
            lane: e.get("group").and_then(Value::as_str).map(str::trim).filter(|g| !g.is_empty()).map(str::to_owned),
            description: html_to_markdown(&text_of(e, "text")),
            media,
            anchor: None,
            line: 0,
        });
    }
    let eras = value
        .get("eras")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|e| {
            let start = date_of(e.get("start_date")?).ok()?;
            let end = date_of(e.get("end_date")?).ok()?;
            Some(Era { title: html_to_text(&text_of(e, "headline")), start, end })
        })
        .collect();
    (Timeline { title, events, eras }, skipped)
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
    });
    export(&Timeline {
        title: Some(title),
        events: chronology.entries.into_iter().map(|e| e.event).collect(),
        eras: chronology.eras.into_iter().map(|e| e.era).collect(),
    })
}

/// Writes a timeline as a TimelineJS3 document; texts go out as HTML.
pub fn export(timeline: &Timeline) -> Value {
    let mut doc = Map::new();
    if let Some(title) = &timeline.title {
        doc.insert(
            "title".into(),
            json!({"text": {"headline": escape(&title.headline), "text": markdown_to_html(&title.text)}}),
        );
    }
    let events: Vec<Value> = timeline
        .events
        .iter()
        .map(|e| {
            let mut o = Map::new();
            o.insert("unique_id".into(), json!(e.id));
            o.insert("start_date".into(), date_value(&e.date));
            if let Some(end) = &e.end {
                o.insert("end_date".into(), date_value(end));
            }
            if e.date.circa {
                o.insert("display_date".into(), json!(e.date.to_string()));
            }
            o.insert("text".into(), json!({"headline": escape(&e.title), "text": markdown_to_html(&e.description)}));
            if let Some(lane) = &e.lane {
                o.insert("group".into(), json!(lane));
            }
            if let Some(m) = &e.media {
                o.insert(
                    "media".into(),
                    json!({"url": m.url, "caption": escape(&m.caption), "credit": escape(&m.credit)}),
                );
            }
            Value::Object(o)
        })
        .collect();
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

/// A TimelineJS date: `year` (negative for BCE), optional `month` and `day`, each a number or
/// a string.
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
    let month = number("month")?;
    let day = number("day")?;
    let iso = match (month, day) {
        (Some(m), Some(d)) => format!("{}-{m:02}-{d:02}", iso_year(year)),
        (Some(m), None) => format!("{}-{m:02}", iso_year(year)),
        _ => iso_year(year),
    };
    PartialDate::parse(&iso).map_err(|e| e.to_string())
}

fn iso_year(year: i64) -> String {
    if year < 0 { format!("-{:04}", -year) } else { format!("{year:04}") }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

fn markdown_to_html(markdown: &str) -> String {
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(markdown));
    html.trim_end().to_owned()
}

/// Walks HTML: text between tags is decoded into `out`, and each tag is handed to `on_tag` with
/// its lowercase name and whether it closes. A `<` with no `>` after it is text.
fn walk_html(html: &str, mut on_tag: impl FnMut(&mut String, &str, &str, bool)) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&decode_entities(&rest[..lt]));
        let Some(gt) = rest[lt..].find('>') else {
            rest = &rest[lt..];
            break;
        };
        let tag = &rest[lt + 1..lt + gt];
        rest = &rest[lt + gt + 1..];
        let name: String =
            tag.trim_start_matches('/').chars().take_while(char::is_ascii_alphanumeric).collect::<String>();
        on_tag(&mut out, tag, &name.to_ascii_lowercase(), tag.starts_with('/'));
    }
    out.push_str(&decode_entities(rest));
    out
}

/// A headline's HTML as plain text: headlines are titles, shown and written back unformatted.
pub fn html_to_text(html: &str) -> String {
    let out = walk_html(html, |out, _, name, _| {
        // Inline tags join words ("time<i>line</i>"); block tags part them.
        if ["p", "br", "div", "li", "td", "tr", "h1", "h2", "h3", "h4"].contains(&name) {
            out.push(' ');
        }
    });
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// TimelineJS's HTML as Markdown: paragraphs and line breaks, links, bold and italics kept;
/// other tags dropped; entities decoded.
pub fn html_to_markdown(html: &str) -> String {
    let mut link: Vec<String> = Vec::new();
    let out = walk_html(html, |out, tag, name, closing| match (name, closing) {
        ("p" | "div" | "blockquote", true) => out.push_str("\n\n"),
        ("br", _) => out.push('\n'),
        ("b" | "strong", _) => out.push_str("**"),
        ("i" | "em", _) => out.push('*'),
        ("a", false) => {
            link.push(attribute(tag, "href").unwrap_or_default());
            out.push('[');
        }
        ("a", true) => {
            let href = link.pop().unwrap_or_default();
            if href.is_empty() {
                out.push(']');
            } else {
                out.push_str(&format!("]({href})"));
            }
        }
        _ => {}
    });
    let lines: Vec<&str> = out.lines().map(str::trim_end).collect();
    let mut text = lines.join("\n");
    while text.contains("\n\n\n") {
        text = text.replace("\n\n\n", "\n\n");
    }
    text.trim().to_owned()
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let at = tag.find(&format!("{name}="))? + name.len() + 1;
    let rest = &tag[at..];
    let quote = rest.chars().next()?;
    let value =
        if quote == '"' || quote == '\'' { rest[1..].split(quote).next()? } else { rest.split_whitespace().next()? };
    Some(decode_entities(value))
}

fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let Some(semi) = rest[..rest.len().min(12)].find(';') else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..semi];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            "mdash" => Some('—'),
            "ndash" => Some('–'),
            "lsquo" => Some('‘'),
            "rsquo" => Some('’'),
            "ldquo" => Some('“'),
            "rdquo" => Some('”'),
            "hellip" => Some('…'),
            "eacute" => Some('é'),
            "egrave" => Some('è'),
            "aacute" => Some('á'),
            "ouml" => Some('ö'),
            "uuml" => Some('ü'),
            "copy" => Some('©'),
            _ => entity
                .strip_prefix("#x")
                .or_else(|| entity.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headlines_lose_tags_but_keep_every_word() {
        assert_eq!(html_to_text("A <b>time</b>line<br>of votes &amp; vetoes"), "A timeline of votes & vetoes");
        assert_eq!(html_to_text("Votes < 9 in favour"), "Votes < 9 in favour", "a lone < is text");
    }

    #[test]
    fn reads_numbers_strings_bce_and_html() {
        let doc = json!({
            "title": {"text": {"headline": "Wars &amp; treaties", "text": "<p>An <b>overview</b>.</p>"}},
            "events": [
                {"start_date": {"year": -490}, "text": {"headline": "Marathon"}, "group": "Greece", "unique_id": "marathon"},
                {"start_date": {"year": "1962", "month": "10", "day": "16"}, "end_date": {"year": 1962, "month": 10, "day": 28},
                 "text": {"headline": "Thirteen days", "text": "<p>See <a href=\"https://example.org\">this</a> &mdash; and <i>that</i>.</p>"},
                 "media": {"url": "https://example.org/u2.jpg", "caption": "U-2 photo"}},
                {"start_date": {"year": "nineteen"}, "text": {"headline": "Bad"}}
            ],
            "eras": [{"start_date": {"year": 1947}, "end_date": {"year": 1991}, "text": {"headline": "Cold War"}}]
        });
        assert!(is_timelinejs(&doc));
        let (t, skipped) = import(&doc);
        assert_eq!(t.title.as_ref().unwrap().headline, "Wars & treaties");
        assert_eq!(t.title.as_ref().unwrap().text, "An **overview**.");
        assert_eq!(t.events.len(), 2);
        assert_eq!(t.events[0].date.year, -490);
        assert_eq!(t.events[0].lane.as_deref(), Some("Greece"));
        assert_eq!(t.events[1].end, Some(PartialDate::ymd(1962, 10, 28)));
        assert_eq!(t.events[1].description, "See [this](https://example.org) — and *that*.");
        assert_eq!(t.events[1].media.as_ref().unwrap().url, "https://example.org/u2.jpg");
        assert_eq!(t.eras[0].title, "Cold War");
        assert_eq!(skipped.len(), 1);
        assert!(skipped[0].contains("Bad"));
    }

    #[test]
    fn round_trip_keeps_events() {
        let doc = json!({"events": [
            {"start_date": {"year": "2006", "month": "10", "day": "9"}, "text": {"headline": "Test <one>", "text": "A **bold** move."}},
            {"start_date": {"year": "1520"}, "display_date": "c. 1520", "text": {"headline": "Circa"}}
        ]});
        let (t, _) = import(&doc);
        let (again, skipped) = import(&export(&t));
        assert!(skipped.is_empty());
        assert_eq!(again.events.len(), 2);
        for (a, b) in t.events.iter().zip(&again.events) {
            assert_eq!((a.date, &a.title, &a.description), (b.date, &b.title, &b.description));
        }
        assert!(again.events[1].date.circa);
    }

    #[test]
    fn not_a_timeline() {
        assert!(!is_timelinejs(&json!([{"type": "Annotation"}])));
        assert!(!is_timelinejs(&json!({"events": []})));
    }
}
