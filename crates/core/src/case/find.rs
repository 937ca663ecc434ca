//! Find in case: case-insensitive matches over the document text.

use std::ops::Range;

/// At most this many matches are reported, so a one-letter search in a huge case stays quick.
pub const MAX_MATCHES: usize = 100_000;

/// Byte ranges of every case-insensitive occurrence of `query` in `text`, in order, not
/// overlapping.
pub fn find_all(text: &str, query: &str) -> Vec<Range<usize>> {
    let query = query.trim();
    if query.is_empty() {
        return Vec::new();
    }
    let hay = fold(text);
    let needle = fold(query);
    let mut matches = Vec::new();
    let mut from = 0;
    while let Some(i) = hay[from..].find(&needle) {
        let start = from + i;
        let end = start + needle.len();
        matches.push(start..end);
        if matches.len() == MAX_MATCHES {
            break;
        }
        from = end;
    }
    matches
}

/// Lower-cases every character whose lower case has the same length in UTF-8, so byte offsets
/// in the folded text are offsets in the original.
fn fold(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    s.chars()
        .map(|c| {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) if l.len_utf8() == c.len_utf8() => l,
                _ => c,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_case_insensitively() {
        let text = "Veto. The veto was cast; VETOES followed.";
        let m = find_all(text, "veto");
        assert_eq!(m.len(), 3);
        assert_eq!(&text[m[2].clone()], "VETO");
    }

    #[test]
    fn offsets_survive_non_ascii() {
        let text = "Ärger über Öl — ÖL öl";
        let m = find_all(text, "öl");
        assert_eq!(m.len(), 3);
        for r in m {
            assert_eq!(text[r].to_lowercase(), "öl");
        }
    }

    #[test]
    fn empty_query_finds_nothing() {
        assert!(find_all("abc", "  ").is_empty());
    }
}
