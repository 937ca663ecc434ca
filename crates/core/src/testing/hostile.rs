//! Hostile inputs and, for each, a plain input of the same size that the same code handles in
//! linear time. `tests/hostile.rs` checks the ratio of their times and `examples/hostile_bench.rs`
//! prints it, so both measure the same inputs.

use crate::anchor::{Selector, TextIndex, TextQuote};

/// A deterministic stream of numbers (xorshift), so every run builds the same inputs.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed.max(1))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }
}

/// A `case.md` whose YAML front matter lists `events` dated events under `key`: `timeline` is
/// read as events, any other key is an unknown field, ignored, with the same bytes to parse.
pub fn front_matter_events(events: usize, key: &str) -> String {
    let mut out = format!("---\ntitle: Many events\n{key}:\n");
    for i in 0..events {
        let (year, month, day) = (1900 + i % 120, 1 + i % 12, 1 + i % 28);
        out.push_str(&format!(
            "  - id: event-{i}\n    date: \"{year}-{month:02}-{day:02}\"\n    title: Event number {i}\n    lane: Lane {}\n",
            i % 7
        ));
    }
    out.push_str("---\n\nThe body.\n");
    out
}

/// One paragraph of about `bytes` bytes made of years and commas, with no end of sentence.
pub fn paragraph_of_years(bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + 16);
    let mut year = 1800;
    while out.len() < bytes {
        out.push_str(&format!("in {year}, "));
        year = if year >= 2100 { 1800 } else { year + 1 };
    }
    out
}

/// Sentences of about `bytes` bytes in all, with as many years as [`paragraph_of_years`].
pub fn sentences_with_years(bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + 16);
    let mut year = 1800;
    while out.len() < bytes {
        out.push_str(&format!("In {year}. "));
        year = if year >= 2100 { 1800 } else { year + 1 };
    }
    out
}

/// About `bytes` bytes of one short sentence over and over: every probe of a quote matches
/// everywhere.
pub fn repetitive_text(bytes: usize) -> String {
    let sentence = "The council met and the council voted. ";
    sentence.repeat(bytes / sentence.len() + 1)
}

/// About `bytes` bytes of made-up words of random letters, so that a quote's probes match
/// where the quote is and hardly anywhere else.
pub fn varied_text(bytes: usize) -> String {
    let mut rng = Rng::new(7);
    let mut out = String::with_capacity(bytes + 16);
    while out.len() < bytes {
        for _ in 0..3 + rng.below(6) {
            out.push(char::from(b'a' + rng.below(26) as u8));
        }
        out.push_str(if rng.below(12) == 0 { ". " } else { " " });
    }
    out
}

/// A selector of `quote_bytes` bytes from the middle of `text`, and the text with one byte in
/// fifty changed (2% edits) throughout, as after an author's light revision: in repetitive
/// text, no unedited copy of the quote is left elsewhere to be found word for word.
pub fn quote_and_edited(text: &str, quote_bytes: usize) -> (Selector, String) {
    let start = (text.len() - quote_bytes) / 2;
    let end = start + quote_bytes;
    let selector = Selector::from_range(text, &TextIndex::new(text), start..end);
    let mut bytes = text.as_bytes().to_vec();
    for at in (25..bytes.len()).step_by(50) {
        // ASCII only, so the text stays UTF-8.
        bytes[at] = if bytes[at] == b'x' { b'y' } else { b'x' };
    }
    (selector, String::from_utf8(bytes).unwrap_or_default())
}

/// A one-letter quote with no position whose prefix is `prefix_chars` characters of `text`.
pub fn letter_with_prefix(text: &str, prefix_chars: usize) -> Selector {
    let prefix: String = text.chars().take(prefix_chars).collect();
    Selector { quote: TextQuote { exact: "a".into(), prefix, suffix: "d".into() }, position: None }
}

/// A YAML front matter with `fields` fields Casebook does not read, each holding what
/// serde_json could not (an integer past 64 bits, a `!tag`, a list as key) when `odd`, or plain
/// text of the same length otherwise.
pub fn front_matter_unknown_fields(fields: usize, odd: bool) -> String {
    let mut out = String::from("---\ntitle: Many fields\n");
    for i in 0..fields {
        out.push_str(&match (odd, i % 3) {
            (true, 0) => format!("f{i:06}: 123456789012345678901234567890\n"),
            (true, 1) => format!("f{i:06}: !tag {{a: 1, b: [2, 3], c: xxx}}\n"),
            (true, _) => format!("? [f{i:06}, b]\n: value-of-the-complex-key\n"),
            (false, 0) => format!("f{i:06}: \"a plain string, unknown\"\n"),
            (false, 1) => format!("f{i:06}: \"a plain string, unknown fi\"\n"),
            (false, _) => format!("f{i:06}: \"a plain string of a plain field\"\n"),
        });
    }
    out.push_str("---\n\nThe body.\n");
    out
}

/// About `bytes` bytes of sentences naming absurd years and centuries ("the 99999999th
/// century", "in 9999999 BCE"), which must be refused without wrapping, or ordinary ones.
pub fn absurd_years(bytes: usize, absurd: bool) -> String {
    let sentence = if absurd {
        "In the 99999999th century and in 9999999 BCE, and 2147483648 AD. "
    } else {
        "In the nineteenth century and in 1848, and in the year 1066 AD. "
    };
    sentence.repeat(bytes / sentence.len() + 1)
}

/// The case text many imported annotations quote: a short passage, so that opening it costs
/// nothing next to the import.
pub const IMPORT_CASE: &str = "# Vote\n\nChina and Russia voted no. Thirteen members voted yes.\n";

/// A W3C annotation collection of `count` annotations on [`IMPORT_CASE`], each with its own full
/// id, numbered from `first` so that several files never share one.
pub fn w3c_annotations(first: usize, count: usize) -> String {
    let items: Vec<serde_json::Value> = (first..first + count)
        .map(|i| {
            serde_json::json!({
                "type": "Annotation",
                "id": format!("https://annotations.example/anno/{i}"),
                "bodyValue": format!("Note {i}"),
                "target": {"source": "case.md", "selector": {"type": "TextQuoteSelector", "exact": "voted no", "prefix": "China and Russia ", "suffix": ". Thirteen"}},
            })
        })
        .collect();
    serde_json::Value::Array(items).to_string()
}

/// A TimelineJS3 document of `count` events, each with its own `unique_id`, numbered from
/// `first`.
pub fn timelinejs_events(first: usize, count: usize) -> String {
    let events: Vec<serde_json::Value> = (first..first + count)
        .map(|i| {
            serde_json::json!({
                "unique_id": format!("e{i}"),
                "start_date": {"year": 1900 + i % 120, "month": 1 + i % 12, "day": 1 + i % 28},
                "text": {"headline": format!("Event {i}"), "text": "<p>What happened.</p>"},
            })
        })
        .collect();
    serde_json::json!({"events": events}).to_string()
}

/// Imports each file into its own fresh case of [`IMPORT_CASE`], and checks that `per_file`
/// items arrived from each.
pub fn import_each(files: &[std::path::PathBuf], per_file: usize) {
    for file in files {
        let made = super::TempCase::new(IMPORT_CASE);
        let data = tempfile::tempdir().unwrap();
        let (mut session, _) =
            crate::session::Session::open(made.case.clone(), crate::session::Role::Instructor, data.path());
        let report = session.import(file, false, 1.0).unwrap();
        assert_eq!(report.added, per_file, "{}", file.display());
    }
}

/// What to import at scale: one file of `items` W3C annotations or TimelineJS events, and the
/// same items in four files of a quarter (the linear input), written into `dir`.
pub struct ImportFiles {
    pub kind: &'static str,
    pub whole: Vec<std::path::PathBuf>,
    pub quarters: Vec<std::path::PathBuf>,
}

/// [`ImportFiles`] for W3C annotations, then for TimelineJS events.
pub fn import_files(dir: &std::path::Path, items: usize) -> Vec<ImportFiles> {
    type Make = fn(usize, usize) -> String;
    let kinds = [("w3c-annotations", w3c_annotations as Make), ("timelinejs-events", timelinejs_events)];
    kinds
        .into_iter()
        .map(|(kind, make)| {
            let write = |name: String, text: String| {
                let path = dir.join(name);
                std::fs::write(&path, text).unwrap();
                path
            };
            let whole = vec![write(format!("{kind}-all.json"), make(0, items))];
            let quarters = (0..4).map(|q| write(format!("{kind}-{q}.json"), make(q * items / 4, items / 4))).collect();
            ImportFiles { kind, whole, quarters }
        })
        .collect()
}
