//! The sentence around a mention, for the description of the event it suggests.

use std::ops::Range;

/// The longest description taken from one sentence, in bytes. A "sentence" with no stop in a
/// megabyte is cut to this much around its mention, so each suggestion stays a sentence long
/// however the text is written.
pub const MAX_SENTENCE_BYTES: usize = 600;

/// Where the sentences of a text end, found in one pass, so that each mention finds its own
/// sentence by binary search instead of walking a paragraph that may be a megabyte long.
pub(super) struct Sentences<'a> {
    text: &'a str,
    /// Byte offsets where a sentence ends (see [`ends_sentence`]), in order.
    ends: Vec<usize>,
}

impl<'a> Sentences<'a> {
    pub fn new(text: &'a str) -> Self {
        let b = text.as_bytes();
        let ends =
            (0..b.len()).filter(|&j| matches!(b[j], b'\n' | b'.' | b'!' | b'?') && ends_sentence(b, j)).collect();
        Self { text, ends }
    }

    /// The byte range of the sentence holding `at`, trimmed, and at most
    /// [`MAX_SENTENCE_BYTES`] around it.
    pub fn around(&self, at: &Range<usize>) -> Range<usize> {
        let b = self.text.as_bytes();
        let k = self.ends.partition_point(|&j| j < at.start);
        let start = k.checked_sub(1).map_or(0, |k| self.ends[k] + 1);
        // A mention ending in an abbreviation ("30 Oct.") may end its sentence with that same stop.
        let from = if at.end > at.start && b.get(at.end - 1) == Some(&b'.') { at.end - 1 } else { at.end };
        let k = self.ends.partition_point(|&j| j < from);
        let end = self.ends.get(k).map_or(b.len(), |&j| if b[j] == b'\n' { j } else { j + 1 });
        let (start, end) = self.capped(start, end.max(start), at);
        let s = self.text.get(start..end).unwrap_or("");
        let lead = s.len() - s.trim_start().len();
        start + lead..start + lead + s.trim().len()
    }

    /// `start..end` cut to [`MAX_SENTENCE_BYTES`] around `at`, at spaces where there are.
    fn capped(&self, start: usize, end: usize, at: &Range<usize>) -> (usize, usize) {
        if end - start <= MAX_SENTENCE_BYTES {
            return (start, end);
        }
        let room = MAX_SENTENCE_BYTES.saturating_sub(at.len()) / 2;
        let mut from = at.start.saturating_sub(room).max(start);
        let mut to = at.end.saturating_add(room).min(end);
        let text = self.text;
        while !text.is_char_boundary(from) {
            from += 1;
        }
        while !text.is_char_boundary(to) {
            to -= 1;
        }
        // Whole words: after the first space of the window, before its last.
        let window = &text[from..to];
        let head = window[..at.start.saturating_sub(from).min(window.len())].find(' ').map_or(0, |i| i + 1);
        let tail_from = at.end.saturating_sub(from).min(window.len());
        let tail = window[tail_from..].rfind(' ').map_or(window.len(), |i| tail_from + i);
        (from + if from > start { head } else { 0 }, from + if to < end { tail } else { window.len() })
    }
}

/// A line break, or a stop followed by space; a stop followed by a lowercase word is taken as
/// an abbreviation ("U.S. forces", "e.g. the"), not the end of a sentence.
fn ends_sentence(b: &[u8], j: usize) -> bool {
    match b.get(j) {
        Some(b'\n') => true,
        Some(b'.' | b'!' | b'?') => {
            let rest = b.get(j + 1..).unwrap_or(&[]);
            let gap = rest.iter().take_while(|c| c.is_ascii_whitespace()).count();
            rest.is_empty() || (gap > 0 && !rest.get(gap).is_some_and(u8::is_ascii_lowercase))
        }
        _ => false,
    }
}
