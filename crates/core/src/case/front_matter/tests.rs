//! Tests of `front_matter`.

use super::*;
use crate::timeline::PartialDate;

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
    let (fm, d) =
        parse_str("+++\ntitle = \"T\"\ndate = 1962-10-16\n[[timeline]]\ndate = 1962-10-22\ntitle = \"Address\"\n+++\n");
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

/// Issue 12 item 13: one unknown field that serde_json could not hold (an integer past 64 bits,
/// a `!tag`, a key that is a list) discarded all the metadata, though unknown fields are
/// documented as ignored.
#[test]
fn unknown_fields_are_ignored_whatever_they_hold() {
    let yaml = "---\ntitle: Kept\nhuge: 123456789012345678901234567890\nnegative: -123456789012345678901234567890\n\
                tagged: !custom {a: 1}\nlist_tag: !seq [1, 2]\n? [complex, key]\n: value\n? {a: 1}\n: value\n\
                timeline:\n  - date: 1962\n    title: Event\n    extra: !weird 99999999999999999999999\n---\n";
    let (fm, d) = parse_str(yaml);
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(fm.meta.title.as_deref(), Some("Kept"));
    assert_eq!(fm.events.len(), 1);
    let toml = "+++\ntitle = \"Kept\"\nhuge = 123456789012345678901234567890\n[[timeline]]\ndate = 1962\n\
                title = \"Event\"\nextra = 99999999999999999999999\n+++\n";
    let (fm, d) = parse_str(toml);
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(fm.meta.title.as_deref(), Some("Kept"));
    assert_eq!(fm.events.len(), 1);
}

/// A tag on a field we read does not hide its value, and a known field holding a huge number
/// reads it as text.
#[test]
fn known_fields_read_through_tags_and_huge_numbers() {
    let (fm, d) = parse_str("---\ntitle: !custom Tagged\ncase_number: 123456789012345678901234567890\n---\n");
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(fm.meta.title.as_deref(), Some("Tagged"));
    assert_eq!(fm.meta.case_number.as_deref(), Some("123456789012345678901234567890"));
}

/// Issue 12 item 13: a key written twice is a warning at the line of the second one; the
/// first is used, as the TOML parser does.
#[test]
fn duplicate_keys_are_warnings_with_their_line() {
    let yaml =
        "---\ntitle: First\nsummary: s\ntitle: Second\ntimeline:\n  - date: 1962\n    title: A\n    date: 1963\n---\n";
    let (fm, d) = parse_str(yaml);
    assert_eq!(fm.meta.title.as_deref(), Some("First"));
    assert_eq!(fm.events[0].date, PartialDate::year(1962));
    let found: Vec<(usize, bool)> = d.iter().map(|d| (d.line, d.is_error())).collect();
    assert_eq!(found, [(4, false), (8, false)], "{d:?}");
    assert!(d[0].message.contains("title"), "{d:?}");
    let toml =
        "+++\ntitle = \"First\"\ntitle = \"Second\"\n[[timeline]]\ndate = 1962\ntitle = \"A\"\ndate = 1963\n+++\n";
    let (fm, d) = parse_str(toml);
    assert_eq!(fm.meta.title.as_deref(), Some("First"));
    assert_eq!(fm.events.len(), 1);
    let found: Vec<(usize, bool)> = d.iter().map(|d| (d.line, d.is_error())).collect();
    assert_eq!(found, [(3, false), (7, false)], "{d:?}");
}

/// Lines of events and eras are found in one pass whatever their number; each event's line is
/// the line its list item starts on (its `-` in YAML, its `[[timeline]]` in TOML), and a bad
/// date is reported on the date's line.
#[test]
fn event_and_era_lines() {
    let yaml = "---\ntimeline:\n- id: a\n  date: 1962\n  title: A\n-\n  date: 1963\n  title: B\neras:\n  - title: Cold War\n    start: 1947\n    end: 1991\n---\n";
    let (fm, d) = parse_str(yaml);
    assert!(d.is_empty(), "{d:?}");
    let lines: Vec<usize> = fm.events.iter().map(|e| e.line).collect();
    assert_eq!(lines, [3, 6]);
    let toml =
        "+++\n[[timeline]]\ndate = 1962\ntitle = \"A\"\n\n[[timeline]]\ntitle = \"B\"\ndate = \"1963-13\"\n+++\n";
    let (fm, d) = parse_str(toml);
    assert_eq!(fm.events.iter().map(|e| e.line).collect::<Vec<_>>(), [2], "its [[timeline]] line");
    assert_eq!(d.iter().map(|d| d.line).collect::<Vec<_>>(), [8], "{d:?}");
}
