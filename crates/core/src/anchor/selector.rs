//! Selectors: how a passage is remembered (W3C TextQuoteSelector and TextPositionSelector).

use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::TextIndex;

/// Characters of context kept on each side of a quote.
pub const CONTEXT_CHARS: usize = 32;

/// The longest quote kept, in bytes, when a selector is made or read from a file (a layer, an
/// import). 16 KiB is some 2,500 words, five pages of a case: more than any passage a note is
/// about, so only a damaged or hostile file meets it. A longer quote keeps its first 16 KiB
/// (cut at a character), and its position ends there too.
pub const MAX_EXACT_BYTES: usize = 16 * 1024;

/// The most context kept on each side of a quote when it is read, in characters: Casebook and
/// Hypothesis write 32, some tools more, and beyond 256 context says nothing more about where
/// the quote is. The prefix keeps its end and the suffix its start, the parts next to the
/// quote, so capping changes no match.
pub const MAX_CONTEXT_CHARS: usize = 256;

/// The quoted text and the text just before and after it (W3C `TextQuoteSelector`). Read from
/// a file, it is capped to [`MAX_EXACT_BYTES`] and [`MAX_CONTEXT_CHARS`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "RawQuote")]
pub struct TextQuote {
    pub exact: String,
    #[serde(default)]
    pub prefix: String,
    #[serde(default)]
    pub suffix: String,
}

/// A quote as written in a file, before capping.
#[derive(Deserialize)]
struct RawQuote {
    exact: String,
    #[serde(default)]
    prefix: String,
    #[serde(default)]
    suffix: String,
}

impl From<RawQuote> for TextQuote {
    fn from(raw: RawQuote) -> Self {
        let mut quote = TextQuote { exact: raw.exact, prefix: raw.prefix, suffix: raw.suffix };
        quote.cap();
        quote
    }
}

impl TextQuote {
    /// Caps the quote and its context (see [`MAX_EXACT_BYTES`], [`MAX_CONTEXT_CHARS`]); says
    /// whether the quote itself was cut.
    pub fn cap(&mut self) -> bool {
        let prefix_start = self.prefix.char_indices().rev().nth(MAX_CONTEXT_CHARS - 1).map_or(0, |(b, _)| b);
        self.prefix.drain(..prefix_start);
        let suffix_end = self.suffix.char_indices().nth(MAX_CONTEXT_CHARS).map_or(self.suffix.len(), |(b, _)| b);
        self.suffix.truncate(suffix_end);
        if self.exact.len() <= MAX_EXACT_BYTES {
            return false;
        }
        self.exact.truncate(floor_char_boundary(&self.exact, MAX_EXACT_BYTES));
        true
    }
}

/// The largest character boundary of `text` at or before `at`.
fn floor_char_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Where the quote was, in Unicode scalar values of `Document.text` (W3C
/// `TextPositionSelector`); `end` is exclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextPosition {
    pub start: usize,
    pub end: usize,
}

/// A passage: its quote, and its position as a hint. Read from a file, its quote is capped,
/// and a position whose quote was cut ends where the kept quote ends.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "RawSelector")]
pub struct Selector {
    pub quote: TextQuote,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<TextPosition>,
}

/// A selector as written in a file, before capping.
#[derive(Deserialize)]
struct RawSelector {
    quote: RawQuote,
    #[serde(default)]
    position: Option<TextPosition>,
}

impl From<RawSelector> for Selector {
    fn from(raw: RawSelector) -> Self {
        let quote = raw.quote;
        let mut selector = Selector {
            quote: TextQuote { exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix },
            position: raw.position,
        };
        selector.cap();
        selector
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AnchorStatus {
    /// Found where it was.
    Exact,
    /// Found, word for word, somewhere else.
    Moved,
    /// Found approximately: the user should check it.
    Fuzzy,
    /// Not found: kept aside with its quote and note.
    Orphaned,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Resolved {
    pub status: AnchorStatus,
    /// Byte range in the text, unless orphaned.
    pub range: Option<Range<usize>>,
}

impl Resolved {
    pub(crate) fn orphan() -> Self {
        Self { status: AnchorStatus::Orphaned, range: None }
    }
}

impl Selector {
    /// Caps the quote and its context, as reading from a file does: for selectors that come
    /// from elsewhere, such as an import.
    pub fn cap(&mut self) {
        if self.quote.cap()
            && let Some(p) = &mut self.position
        {
            p.end = p.start.saturating_add(self.quote.exact.chars().count());
        }
    }

    /// Selectors for a byte range of `text` (which must fall on character boundaries). A range
    /// longer than [`MAX_EXACT_BYTES`] keeps its start and is cut there.
    pub fn from_range(text: &str, index: &TextIndex, range: Range<usize>) -> Self {
        let cut = floor_char_boundary(text, range.start.saturating_add(MAX_EXACT_BYTES));
        let range = range.start..range.end.min(cut).max(range.start);
        let before = &text[..range.start];
        let after = &text[range.end..];
        let prefix_start = before.char_indices().rev().nth(CONTEXT_CHARS - 1).map_or(0, |(b, _)| b);
        let suffix_end = after.char_indices().nth(CONTEXT_CHARS).map_or(after.len(), |(b, _)| b);
        Self {
            quote: TextQuote {
                exact: text[range.clone()].to_owned(),
                prefix: before[prefix_start..].to_owned(),
                suffix: after[..suffix_end].to_owned(),
            },
            position: Some(TextPosition {
                start: index.char_of(text, range.start),
                end: index.char_of(text, range.end),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 12 item 9: a quote, prefix or suffix of any length was read from a layer as it
    /// was, and each re-anchoring paid for all of it.
    #[test]
    fn a_selector_read_from_a_file_is_capped() {
        let long_prefix = format!("{}é{}", "p".repeat(1000), "q".repeat(MAX_CONTEXT_CHARS - 1));
        let long_exact = format!("{}é", "x".repeat(MAX_EXACT_BYTES - 1));
        let json = serde_json::json!({
            "quote": {"exact": long_exact, "prefix": long_prefix, "suffix": "s".repeat(5000)},
            "position": {"start": 10, "end": 10 + MAX_EXACT_BYTES},
        });
        let s: Selector = serde_json::from_value(json).unwrap();
        assert_eq!(s.quote.prefix, format!("é{}", "q".repeat(MAX_CONTEXT_CHARS - 1)), "the end next to the quote");
        assert_eq!(s.quote.suffix.len(), MAX_CONTEXT_CHARS);
        assert_eq!(s.quote.exact, "x".repeat(MAX_EXACT_BYTES - 1), "cut at a character");
        assert_eq!(s.position, Some(TextPosition { start: 10, end: 10 + MAX_EXACT_BYTES - 1 }));
        let short = serde_json::json!({"quote": {"exact": "veto", "prefix": "the ", "suffix": " was"}});
        let s: Selector = serde_json::from_value(short).unwrap();
        assert_eq!(
            (s.quote.exact.as_str(), s.quote.prefix.as_str(), s.quote.suffix.as_str()),
            ("veto", "the ", " was")
        );
    }

    #[test]
    fn a_selection_longer_than_the_cap_keeps_its_start() {
        let text = "ab".repeat(MAX_EXACT_BYTES);
        let s = Selector::from_range(&text, &TextIndex::new(&text), 2..text.len());
        assert_eq!(s.quote.exact.len(), MAX_EXACT_BYTES);
        assert_eq!(s.position, Some(TextPosition { start: 2, end: 2 + MAX_EXACT_BYTES }));
    }
}
