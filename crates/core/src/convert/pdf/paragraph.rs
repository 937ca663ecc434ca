//! Paragraph assembly: lines joined into one paragraph's Markdown, with hyphenated words
//! re-joined, bold and italic spans marked and footnote markers turned into references.

use std::collections::{HashMap, HashSet};

use super::footnotes::{is_raised_marker, marker_text};
use super::layout::PageLines;
use super::lines::Line;
use crate::convert::markdown;

pub(super) fn join_text(out: &mut String, next: &str) {
    if let Some(joined) = join_hyphenated(out, next, &Words::default()) {
        *out = joined;
    } else {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(next);
    }
}

/// What the document says about its own words: the evidence for whether a hyphen at a
/// line's end belongs to a compound.
#[derive(Debug, Default)]
pub(crate) struct Words {
    /// Words met in the middle of lines, lowercased, with each compound's pairs of parts.
    pub seen: HashSet<String>,
    /// The producer sets the hyphens it adds as U+2010 and real ones as "-" (weasyprint
    /// does): then the character says which a hyphen at a line's end is.
    pub marks_its_breaks: bool,
}

/// Joins a line ending in a hyphen to the next, if the hyphen only broke a word.
///
/// The rule: a soft hyphen (U+00AD) always goes, and so does a U+2010 and always stays a "-"
/// where the producer marks its breaks. Otherwise a hyphen stays when the part after it starts
/// with a capital or a digit ("Anglo-Saxon", "COVID-19"), when the same hyphenated compound
/// appears in the middle of a line elsewhere in the document ("state-of-the-art"), or when
/// the part before it is one of a few words that make compounds ("self-", "non-"), unless
/// the document spells the joined word elsewhere ("nonsense"); otherwise the word was split
/// and is re-joined.
pub(crate) fn join_hyphenated(before: &str, after: &str, words: &Words) -> Option<String> {
    let trimmed = before.trim_end();
    let last = trimmed.chars().last()?;
    if !matches!(last, '-' | '\u{ad}' | '\u{2010}') {
        return None;
    }
    let stem = &trimmed[..trimmed.len() - last.len_utf8()];
    if !stem.chars().last().is_some_and(char::is_alphabetic) {
        return None;
    }
    let after = after.trim_start();
    let first = after.chars().next()?;
    if !first.is_alphanumeric() {
        return None;
    }
    let left: String =
        stem.chars().rev().take_while(|c| c.is_alphabetic()).collect::<Vec<_>>().into_iter().rev().collect();
    let right: String = after.chars().take_while(|c| c.is_alphabetic()).collect();
    let (left, right) = (left.to_lowercase(), right.to_lowercase());
    // Prefixes where a hyphenator seldom breaks a closed word: "non-sense" is rarer than
    // "non-violent", and "pre-", "post-", "ex-" and "re-" are left out because it often does.
    const COMPOUNDING: &[&str] = &["self", "well", "ill", "half", "quasi", "cross", "non", "anti", "semi", "pseudo"];
    let seen = &words.seen;
    let keep = match last {
        '\u{ad}' => false,
        '\u{2010}' if words.marks_its_breaks => false,
        '-' if words.marks_its_breaks => true,
        _ => {
            first.is_uppercase()
                || first.is_ascii_digit()
                || seen.contains(&format!("{left}-{right}"))
                || (COMPOUNDING.contains(&left.as_str()) && !seen.contains(&format!("{left}{right}")))
        }
    };
    Some(if keep { format!("{trimmed}{after}") } else { format!("{stem}{after}") })
}

/// The words met in the middle of lines, and whether the producer marks its breaks: some
/// line ends in U+2010 while "-" joins compounds within lines.
pub(super) fn words_of(pages: &[PageLines]) -> Words {
    let mut seen = HashSet::new();
    let (mut ends_in_2010, mut hyphen_within) = (false, false);
    for page in pages {
        for line in &page.lines {
            let text = line.text();
            ends_in_2010 |= text.ends_with('\u{2010}');
            let words: Vec<&str> = text.split_whitespace().collect();
            for (i, w) in words.iter().enumerate() {
                if i + 1 == words.len() {
                    continue;
                }
                let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
                if !w.chars().any(char::is_alphabetic) {
                    continue;
                }
                hyphen_within |= w.contains('-');
                seen.insert(w.to_lowercase());
                let parts: Vec<&str> = w.split('-').collect();
                for pair in parts.windows(2) {
                    seen.insert(format!("{}-{}", pair[0].to_lowercase(), pair[1].to_lowercase()));
                }
            }
        }
    }
    Words { seen, marks_its_breaks: ends_in_2010 && hyphen_within }
}

/// A paragraph's Markdown: pieces escaped, bold and italic spans marked, footnote markers
/// turned into references, lines joined (hyphenated words re-joined), and a page mark
/// where the paragraph crosses onto a new page.
pub(super) fn paragraph(
    lines: &[Line],
    words: &Words,
    marked_page: &mut u32,
    ref_counts: &mut HashMap<String, usize>,
    available: &HashMap<String, usize>,
) -> String {
    // (text, bold, italic) spans, with markers and page marks as ready Markdown.
    enum Span {
        Text(String, bool, bool),
        Raw(String),
    }
    let mut spans: Vec<Span> = Vec::new();
    let push_text = |spans: &mut Vec<Span>, text: &str, bold: bool, italic: bool| {
        if let Some(Span::Text(t, b, i)) = spans.last_mut()
            && *b == bold
            && *i == italic
        {
            t.push_str(text);
            return;
        }
        spans.push(Span::Text(text.to_owned(), bold, italic));
    };
    let all_bold = lines.iter().all(Line::all_bold);
    let all_italic = lines.iter().all(|l| l.pieces.iter().all(|p| p.italic));
    for (li, line) in lines.iter().enumerate() {
        if li > 0 {
            if line.page > *marked_page {
                // Close the text so far, then mark the page where the paragraph crosses it.
                let mark = format!(" {} ", markdown::page_mark(line.page));
                *marked_page = line.page;
                // A word split over the page break is joined before the mark.
                let first_word = hyphen_join(&mut spans, line, words);
                spans.push(Span::Raw(mark));
                push_line(&mut spans, line, first_word, all_bold, all_italic, ref_counts, available, &push_text);
                continue;
            }
            let first_word = hyphen_join(&mut spans, line, words);
            if first_word == 0 {
                push_text(&mut spans, " ", false, false);
            }
            push_line(&mut spans, line, first_word, all_bold, all_italic, ref_counts, available, &push_text);
        } else {
            push_line(&mut spans, line, 0, all_bold, all_italic, ref_counts, available, &push_text);
        }
    }

    fn hyphen_join(spans: &mut [Span], line: &Line, words: &Words) -> usize {
        let Some(Span::Text(prev, _, _)) =
            spans.iter_mut().rev().find(|s| matches!(s, Span::Text(t, _, _) if !t.trim().is_empty()))
        else {
            return 0;
        };
        let text = line.text();
        let first_word: String = text.split_whitespace().next().unwrap_or("").to_owned();
        let Some(joined) = join_hyphenated(prev, &first_word, words) else { return 0 };
        *prev = joined;
        first_word.len()
    }

    type PushText<'a> = dyn Fn(&mut Vec<Span>, &str, bool, bool) + 'a;

    #[allow(clippy::too_many_arguments)]
    fn push_line(
        spans: &mut Vec<Span>,
        line: &Line,
        skip_bytes: usize,
        all_bold: bool,
        all_italic: bool,
        ref_counts: &mut HashMap<String, usize>,
        available: &HashMap<String, usize>,
        push_text: &PushText<'_>,
    ) {
        let mut skip = skip_bytes;
        let mut last_x1 = f32::MIN;
        for p in &line.pieces {
            if is_raised_marker(p, line)
                && let Some(m) = marker_text(&p.text)
            {
                let n = ref_counts.entry(m.to_owned()).or_default();
                *n += 1;
                if *n <= available.get(m).copied().unwrap_or(0) {
                    let label = if *n == 1 { m.to_owned() } else { format!("{m}-{n}") };
                    spans.push(Span::Raw(markdown::footnote_ref(&label)));
                    last_x1 = p.x1;
                    continue;
                }
            }
            let mut text = p.text.as_str();
            let skipping = skip > 0;
            if skipping {
                let t = text.trim_start();
                let cut = skip.min(t.len());
                let cut = (0..=cut).rev().find(|c| t.is_char_boundary(*c)).unwrap_or(0);
                text = &t[cut..];
                skip -= cut;
                if text.is_empty() {
                    last_x1 = p.x1;
                    continue;
                }
            }
            let (bold, italic) = (p.bold && !all_bold, p.italic && !all_italic);
            if !skipping && last_x1 > f32::MIN && p.x0 - last_x1 > 0.15 * p.size && !text.starts_with(' ') {
                // A space between two bold words is bold, so the words stay one span.
                let same = matches!(spans.last(), Some(Span::Text(_, b, i)) if (*b, *i) == (bold, italic));
                if same {
                    push_text(spans, " ", bold, italic);
                } else {
                    push_text(spans, " ", false, false);
                }
            }
            push_text(spans, text, bold, italic);
            last_x1 = p.x1;
        }
    }

    let mut out = String::new();
    for (i, span) in spans.iter().enumerate() {
        match span {
            Span::Raw(raw) => out.push_str(raw),
            Span::Text(text, bold, italic) => {
                let escaped = if i == 0 { markdown::escape(text) } else { escape_inline(text) };
                let inner = escaped.trim();
                if (!*bold && !*italic) || inner.is_empty() {
                    out.push_str(&escaped);
                    continue;
                }
                let lead = &escaped[..escaped.len() - escaped.trim_start().len()];
                let trail = &escaped[escaped.trim_end().len()..];
                let mark = match (bold, italic) {
                    (true, true) => "***",
                    (true, false) => "**",
                    _ => "*",
                };
                out.push_str(lead);
                out.push_str(mark);
                out.push_str(inner);
                out.push_str(mark);
                out.push_str(trail);
            }
        }
    }
    let text = out.split(' ').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ");
    let wrap = |t: String, on: bool, m: &str| if on { format!("{m}{t}{m}") } else { t };
    let text = wrap(text, all_bold && !all_italic, "**");
    wrap(text, all_italic && !all_bold, "*")
}

/// Escaping for text inside a paragraph, where nothing can start a block.
pub(super) fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '`' | '&' | '|' | '~') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(list: &[&str]) -> Words {
        Words { seen: list.iter().map(|s| s.to_string()).collect(), marks_its_breaks: false }
    }

    #[test]
    fn a_word_broken_at_a_line_end_is_joined() {
        let none = words(&[]);
        assert_eq!(
            join_hyphenated("the conf-", "usion introduced", &none).as_deref(),
            Some("the confusion introduced")
        );
        assert_eq!(join_hyphenated("every\u{ad}", "where perished", &none).as_deref(), Some("everywhere perished"));
        assert_eq!(join_hyphenated("no hyphen", "here", &none), None);
    }

    #[test]
    fn compounds_keep_their_hyphen() {
        let seen = words(&["state-of-the-art", "state-of", "of-the", "the-art", "document-level"]);
        assert_eq!(
            join_hyphenated("a state-of-the-", "art method", &seen).as_deref(),
            Some("a state-of-the-art method")
        );
        assert_eq!(join_hyphenated("the document-", "level view", &seen).as_deref(), Some("the document-level view"));
        assert_eq!(join_hyphenated("the Anglo-", "Saxon", &seen).as_deref(), Some("the Anglo-Saxon"));
        assert_eq!(join_hyphenated("COVID-", "19 cases", &seen).as_deref(), Some("COVID-19 cases"));
        assert_eq!(join_hyphenated("his self-", "love", &seen).as_deref(), Some("his self-love"));
        // Without the evidence, a hyphen at a line end broke a word.
        assert_eq!(join_hyphenated("the docu-", "ment", &seen).as_deref(), Some("the document"));
    }

    #[test]
    fn a_compounding_prefix_keeps_its_hyphen_unless_the_joined_word_is_used() {
        let none = words(&[]);
        assert_eq!(
            join_hyphenated("a policy of non-", "intervention", &none).as_deref(),
            Some("a policy of non-intervention")
        );
        assert_eq!(join_hyphenated("the anti-", "war vote", &none).as_deref(), Some("the anti-war vote"));
        let seen = words(&["nonsense"]);
        assert_eq!(join_hyphenated("utter non-", "sense", &seen).as_deref(), Some("utter nonsense"));
        // A prefix a hyphenator often breaks at is not taken as a compound.
        assert_eq!(join_hyphenated("to pre-", "vent it", &none).as_deref(), Some("to prevent it"));
    }

    #[test]
    fn a_producer_that_marks_its_breaks_is_believed() {
        let marked = Words { marks_its_breaks: true, ..Words::default() };
        assert_eq!(join_hyphenated("the so-", "called idealism", &marked).as_deref(), Some("the so-called idealism"));
        assert_eq!(join_hyphenated("a hear\u{2010}", "ing", &marked).as_deref(), Some("a hearing"));
        // Without the mark, U+2010 is a hyphen like any other.
        assert_eq!(join_hyphenated("a hear\u{2010}", "ing", &words(&[])).as_deref(), Some("a hearing"));
    }
}
