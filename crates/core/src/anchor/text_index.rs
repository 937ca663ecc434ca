//! Conversions between byte offsets and character offsets of a large text.
//!
//! Annotation positions are stored in Unicode scalar values, as W3C selectors count them, while
//! Rust slices text by bytes. A checkpoint every few thousand characters makes each conversion
//! a short walk instead of a scan from the start.

const STRIDE_CHARS: usize = 4096;

pub struct TextIndex {
    /// Byte offset of every `STRIDE_CHARS`-th character.
    checkpoints: Vec<usize>,
    len_chars: usize,
}

impl TextIndex {
    pub fn new(text: &str) -> Self {
        let mut checkpoints = Vec::with_capacity(text.len() / STRIDE_CHARS + 1);
        let mut len_chars = 0;
        for (byte, _) in text.char_indices() {
            if len_chars % STRIDE_CHARS == 0 {
                checkpoints.push(byte);
            }
            len_chars += 1;
        }
        if checkpoints.is_empty() {
            checkpoints.push(0);
        }
        Self { checkpoints, len_chars }
    }

    pub fn len_chars(&self) -> usize {
        self.len_chars
    }

    /// The byte offset of character `chars`, or `None` past the end.
    pub fn byte_of(&self, text: &str, chars: usize) -> Option<usize> {
        if chars > self.len_chars {
            return None;
        }
        if chars == self.len_chars {
            return Some(text.len());
        }
        let start = self.checkpoints[chars / STRIDE_CHARS];
        text[start..].char_indices().nth(chars % STRIDE_CHARS).map(|(b, _)| start + b)
    }

    /// The character offset of a byte offset (which must be a character boundary).
    pub fn char_of(&self, text: &str, byte: usize) -> usize {
        let byte = byte.min(text.len());
        let k = self.checkpoints.partition_point(|&b| b <= byte).saturating_sub(1);
        let start = self.checkpoints[k];
        k * STRIDE_CHARS + text[start..byte].chars().count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_over_multibyte_text() {
        let text: String = (0..20_000)
            .map(|i| {
                if i % 7 == 0 {
                    'é'
                } else if i % 11 == 0 {
                    '한'
                } else {
                    'a'
                }
            })
            .collect();
        let index = TextIndex::new(&text);
        assert_eq!(index.len_chars(), 20_000);
        for chars in [0, 1, 4095, 4096, 4097, 12_345, 19_999, 20_000] {
            let byte = index.byte_of(&text, chars).unwrap();
            assert!(text.is_char_boundary(byte));
            assert_eq!(index.char_of(&text, byte), chars);
            assert_eq!(text[..byte].chars().count(), chars);
        }
        assert_eq!(index.byte_of(&text, 20_001), None);
        let empty = TextIndex::new("");
        assert_eq!(empty.byte_of("", 0), Some(0));
    }
}
