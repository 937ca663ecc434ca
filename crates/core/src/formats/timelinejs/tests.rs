//! Tests of TimelineJS import and export.

use serde_json::json;

use super::*;

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

#[test]
fn every_field_is_kept_and_written_back() {
    let doc = json!({
        "scale": "human",
        "title": {"text": {"headline": "T", "text": "<p>Intro</p>"}, "media": {"url": "https://example.org/t.jpg"}, "background": {"color": "#123"}},
        "events": [{
            "start_date": {"year": "1969", "month": "7", "day": "20", "hour": "20", "minute": "17", "second": "40", "millisecond": "0", "display_date": "Evening"},
            "text": {"headline": "Landing", "text": "<p>One small step</p>"},
            "background": {"url": "https://example.org/moon.jpg"},
            "location": {"lat": 0.67, "lon": 23.47},
            "media": {"url": "https://example.org/a.jpg", "thumbnail": "https://example.org/t.jpg", "link": "https://nasa.gov", "alt": "Aldrin", "title": "The flag", "caption": "By <a href=\"https://nasa.gov\">NASA</a>", "credit": "NASA"},
            "autolink": false,
            "something_new": {"x": 1}
        }, {"start_date": {"year": 0}, "text": {"headline": "Year zero"}}]
    });
    let read = read(&doc);
    assert!(read.skipped.is_empty() && read.not_carried.is_empty(), "{read:?}");
    let out = export(&read.timeline);
    let event = &out["events"][0];
    for (path, expected) in [
        ("/start_date/hour", json!("20")),
        ("/start_date/display_date", json!("Evening")),
        ("/background/url", json!("https://example.org/moon.jpg")),
        ("/location/lon", json!(23.47)),
        ("/media/thumbnail", json!("https://example.org/t.jpg")),
        ("/media/alt", json!("Aldrin")),
        ("/media/title", json!("The flag")),
        ("/media/link", json!("https://nasa.gov")),
        ("/autolink", json!(false)),
        ("/something_new/x", json!(1)),
    ] {
        assert_eq!(event.pointer(path), Some(&expected), "{path} in {event}");
    }
    assert_eq!(
        event["media"]["caption"],
        json!("<p>By <a href=\"https://nasa.gov\">NASA</a></p>"),
        "captions stay HTML"
    );
    assert_eq!(out["scale"], json!("human"));
    assert_eq!(out["title"]["media"]["url"], json!("https://example.org/t.jpg"));
    assert_eq!(out["title"]["background"]["color"], json!("#123"));
    assert_eq!(out["events"][1]["start_date"]["year"], json!(0), "year 0 goes back as it came");
    assert_eq!(read.timeline.events[1].date.year, -1, "and reads as 1 BCE");
    let again = super::read(&out);
    assert_eq!(again.timeline, read.timeline, "a second round trip changes nothing");
}

#[test]
fn an_end_before_the_start_is_reported_and_escaped_markup_stays_text() {
    let doc = json!({"events": [{
        "start_date": {"year": 2000}, "end_date": {"year": 1990},
        "text": {"headline": "&lt;img src=x onerror=alert(1)&gt;", "text": "&lt;script&gt;alert(1)&lt;/script&gt;"},
        "media": {"url": "javascript:alert(1)"}
    }]});
    let read = read(&doc);
    assert!(read.not_carried.iter().any(|n| n.contains("before its start")), "{:?}", read.not_carried);
    assert!(read.not_carried.iter().any(|n| n.contains("javascript:")), "{:?}", read.not_carried);
    let out = serde_json::to_string(&export(&read.timeline)).unwrap();
    assert!(!out.contains("<script") && !out.contains("<img") && !out.contains("javascript:"), "{out}");
}

#[test]
fn version_2_documents_are_read() {
    let doc = json!({"timeline": {"headline": "Old", "type": "default", "text": "<p>Two</p>", "date": [
        {"startDate": "2011,12,10", "endDate": "2011,12,11", "headline": "A", "text": "<p>x</p>", "tag": "Lane", "classname": "c",
         "asset": {"media": "https://example.org/v.jpg", "credit": "C", "caption": "Cap"}},
        {"startDate": "1896,9,10,12,06", "headline": "With a time"},
        {"startDate": "nope", "headline": "Bad"}
    ], "era": [{"startDate": "2011", "endDate": "2012", "headline": "Era"}]}});
    assert!(is_timelinejs(&doc));
    let read = read(&doc);
    assert_eq!(read.timeline.events.len(), 2);
    assert_eq!(read.timeline.events[0].end, Some(PartialDate::ymd(2011, 12, 11)));
    assert_eq!(read.timeline.events[0].lane.as_deref(), Some("Lane"));
    assert_eq!(read.timeline.events[1].date, PartialDate::ymd(1896, 9, 10));
    assert_eq!(read.skipped.len(), 1);
    assert!(read.not_carried.iter().any(|n| n.contains("classname")), "{:?}", read.not_carried);
    assert_eq!(read.timeline.eras.len(), 1);
}
