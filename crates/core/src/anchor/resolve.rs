//! Finding a selector's passage again in a text that may have changed.

use std::ops::Range;

use super::align::{Budget, best_alignment, myers_search};
use super::{ALIGN_BUDGET_STEPS, AnchorStatus, MAX_CONTEXT_CHARS, Resolved, Selector, TextIndex, TextQuote};

/// Finds a selector's passage in `text`.
pub fn resolve(text: &str, index: &TextIndex, selector: &Selector) -> Resolved {
    let quote = Quote::new(&selector.quote);
    if quote.exact.is_empty() {
        return Resolved::orphan();
    }
    let hint = selector.position.and_then(|p| {
        let start = index.byte_of(text, p.start.min(index.len_chars()))?;
        let end = index.byte_of(text, p.end.min(index.len_chars()));
        Some((start, end))
    });
    if let Some((start, Some(end))) = hint
        && text.get(start..end) == Some(quote.exact)
    {
        return Resolved { status: AnchorStatus::Exact, range: Some(start..end) };
    }
    let hint_byte = hint.map(|(start, _)| start);
    if let Some(range) = find_exact(text, &quote, hint_byte) {
        return Resolved { status: AnchorStatus::Moved, range: Some(range) };
    }
    match find_fuzzy(text, &quote, hint_byte) {
        Some(range) => Resolved { status: AnchorStatus::Fuzzy, range: Some(range) },
        None => Resolved::orphan(),
    }
}

/// A quote as the search uses it: its context cut to the [`MAX_CONTEXT_CHARS`] next to it
/// whatever the selector holds (one made in memory is not capped as one read from a file is),
/// so that comparing context costs the same at each of a thousand places.
struct Quote<'a> {
    exact: &'a str,
    /// White space squeezed, as [`context_score`] compares it.
    prefix: String,
    suffix: String,
    /// Characters of prefix and suffix together.
    context_chars: usize,
}

impl<'a> Quote<'a> {
    fn new(quote: &'a TextQuote) -> Self {
        let prefix_start = quote.prefix.char_indices().rev().nth(MAX_CONTEXT_CHARS - 1).map_or(0, |(b, _)| b);
        let prefix: String = squeezed(quote.prefix[prefix_start..].chars()).collect();
        let suffix_end = quote.suffix.char_indices().nth(MAX_CONTEXT_CHARS).map_or(quote.suffix.len(), |(b, _)| b);
        let suffix: String = squeezed(quote.suffix[..suffix_end].chars()).collect();
        let context_chars = prefix.chars().count() + suffix.chars().count();
        Self { exact: &quote.exact, prefix, suffix, context_chars }
    }
}

/// How well the text around `range` agrees with the quote's prefix and suffix, from 0 to 1.
///
/// Runs of white space count as one space on both sides: a prefix taken from a web page holds
/// the page's line breaks and indents, not this text's, and a heading's context is mostly
/// white space. Where the quote is at the very start or end of the text, the white space
/// around it there counts as matching.
fn context_score(text: &str, quote: &Quote<'_>, range: &Range<usize>) -> f32 {
    let (prefix, suffix) = (quote.prefix.as_str(), quote.suffix.as_str());
    let wanted = quote.context_chars;
    if wanted == 0 {
        return 1.0;
    }
    // Compared a character at a time, stopping at the first difference, and no further than
    // the context could cover: this runs at every place a short quote occurs.
    let reach = CONTEXT_REACH_CHARS.max(4 * wanted);
    let (before, after) = (&text[..range.start], &text[range.end..]);
    let common = |a: &mut dyn Iterator<Item = char>, b: &mut dyn Iterator<Item = char>| {
        a.zip(squeezed(b.take(reach))).take_while(|(x, y)| x == y).count()
    };
    let mut prefix_match = common(&mut prefix.chars().rev(), &mut before.chars().rev());
    let mut suffix_match = common(&mut suffix.chars(), &mut after.chars());
    if prefix.trim().is_empty() && before.len() <= reach && before.trim().is_empty() {
        prefix_match = prefix.chars().count();
    }
    if suffix.trim().is_empty() && after.len() <= reach && after.trim().is_empty() {
        suffix_match = suffix.chars().count();
    }
    (prefix_match + suffix_match) as f32 / wanted as f32
}

/// Characters with every run of white space as one space.
fn squeezed(chars: impl Iterator<Item = char>) -> impl Iterator<Item = char> {
    let mut in_space = false;
    chars.filter_map(move |c| {
        let space = c.is_whitespace();
        let first = !(space && in_space);
        in_space = space;
        first.then_some(if space { ' ' } else { c })
    })
}

/// How far around a passage its context is looked for.
const CONTEXT_REACH_CHARS: usize = 256;

/// The window `center ± radius` of `text`, widened to character boundaries.
fn window(text: &str, center: usize, radius: usize) -> Range<usize> {
    let mut start = center.saturating_sub(radius);
    let mut end = center.saturating_add(radius).min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    while !text.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

/// Windows around the hint, growing, and last the whole text.
fn windows(text: &str, hint: Option<usize>, quote_len: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    if let Some(h) = hint {
        for radius in [2_048, 65_536, 1 << 21] {
            let w = window(text, h, radius + quote_len);
            if w == (0..text.len()) {
                break;
            }
            out.push(w);
        }
    }
    out.push(0..text.len());
    out
}

/// The quote word for word: nearest the hint among the places whose context agrees. A quote
/// found in several places with no agreeing context is not taken.
fn find_exact(text: &str, quote: &Quote<'_>, hint: Option<usize>) -> Option<Range<usize>> {
    let windows = windows(text, hint, quote.exact.len());
    let whole = windows.len() - 1;
    for (w, range) in windows.into_iter().enumerate() {
        let found: Vec<Range<usize>> = text[range.clone()]
            .match_indices(quote.exact)
            .map(|(i, m)| range.start + i..range.start + i + m.len())
            .collect();
        let distance = |r: &Range<usize>| hint.map_or(0, |h| r.start.abs_diff(h));
        let best = found
            .iter()
            .map(|r| (context_score(text, quote, r), r))
            .max_by(|(sa, ra), (sb, rb)| sa.total_cmp(sb).then(distance(rb).cmp(&distance(ra))));
        if let Some((score, r)) = best {
            let only_one = w == whole && found.len() == 1;
            if score >= 0.5 || only_one {
                return Some(r.clone());
            }
        }
    }
    None
}

/// The smallest quote similarity (1 − edits ÷ length) that counts as the same passage.
const MIN_SIMILARITY: f32 = 0.8;
/// Short quotes must also agree with their context: few letters can match by chance.
const SHORT_QUOTE_CHARS: usize = 20;
/// The bytes at each end of a quote used to find candidates.
const PROBE_BYTES: usize = 32;

/// The quote approximately: candidates where its first or last bytes nearly match, nearest
/// the hint first, each aligned in full until [`ALIGN_BUDGET_STEPS`] are spent; the best scored
/// of those aligned. With the budget spent and nothing found the passage is left orphaned, for
/// the user to check, rather than searched for longer.
fn find_fuzzy(text: &str, quote: &Quote<'_>, hint: Option<usize>) -> Option<Range<usize>> {
    let exact = quote.exact.as_bytes();
    let m = exact.len();
    let chars = quote.exact.chars().count();
    if chars < 8 {
        return None;
    }
    let max_edits = ((1.0 - MIN_SIMILARITY) * m as f32).floor() as usize;
    let head = &exact[..m.min(PROBE_BYTES)];
    let tail = &exact[m.saturating_sub(PROBE_BYTES)..];
    let mut budget = Budget::new(ALIGN_BUDGET_STEPS);
    for range in windows(text, hint, m) {
        let hay = &text.as_bytes()[range.clone()];
        let mut starts: Vec<usize> = Vec::new();
        let probe_edits = |probe: &[u8]| (probe.len() / 4).min(max_edits.max(1));
        for (end, _) in myers_search(head, hay, probe_edits(head)) {
            starts.push(range.start + (end + 1).saturating_sub(head.len()));
        }
        for (end, _) in myers_search(tail, hay, probe_edits(tail)) {
            starts.push(range.start + (end + 1).saturating_sub(m));
        }
        starts.sort_unstable();
        starts.dedup_by(|a, b| a.abs_diff(*b) <= max_edits);
        if let Some(h) = hint {
            // A passage moves little when a text is revised: the nearest places first.
            starts.sort_by_key(|s| s.abs_diff(h));
        }
        let mut best: Option<(f32, Range<usize>)> = None;
        let mut spent = false;
        for start in starts.into_iter().take(64) {
            let w = window(text, start + m / 2, m / 2 + max_edits + 4);
            let aligned = match best_alignment(exact, &text.as_bytes()[w.clone()], max_edits, &mut budget) {
                Ok(aligned) => aligned,
                Err(_) => {
                    spent = true;
                    break;
                }
            };
            let Some((edits, found)) = aligned else { continue };
            let found = w.start + found.start..w.start + found.end;
            if !text.is_char_boundary(found.start) || !text.is_char_boundary(found.end) {
                continue;
            }
            let similarity = 1.0 - edits as f32 / m as f32;
            let context = context_score(text, quote, &found);
            if chars < SHORT_QUOTE_CHARS && context < 0.5 {
                continue;
            }
            let proximity = hint.map_or(0.5, |h| 1.0 / (1.0 + found.start.abs_diff(h) as f32 / 10_000.0));
            let score = 0.7 * similarity + 0.2 * context + 0.1 * proximity;
            if similarity >= MIN_SIMILARITY && best.as_ref().is_none_or(|(s, _)| score > *s) {
                best = Some((score, found));
            }
        }
        if best.is_some() || spent {
            return best.map(|(_, found)| found);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anchor::TextPosition;

    const TEXT: &str = "The Council met in May 2022. China and Russia vetoed the draft resolution on sanctions. \
        Thirteen members voted in favour. The General Assembly then debated the veto, as its new rule required.";

    fn select(text: &str, quote: &str) -> Selector {
        let start = text.find(quote).unwrap();
        Selector::from_range(text, &TextIndex::new(text), start..start + quote.len())
    }

    fn resolve_in<'t>(text: &'t str, selector: &Selector) -> (AnchorStatus, Option<&'t str>) {
        let r = resolve(text, &TextIndex::new(text), selector);
        (r.status, r.range.map(|r| &text[r]))
    }

    #[test]
    fn selectors_keep_context() {
        let s = select(TEXT, "vetoed the draft");
        assert_eq!(s.quote.exact, "vetoed the draft");
        assert_eq!(s.quote.prefix, "t in May 2022. China and Russia ");
        assert_eq!(s.quote.suffix, " resolution on sanctions. Thirte");
        let start = TEXT.find("vetoed").unwrap();
        assert_eq!(s.position, Some(TextPosition { start, end: start + 16 }));
        let at_start = select(TEXT, "The Council");
        assert_eq!(at_start.quote.prefix, "", "no context before the first word");
    }

    #[test]
    fn unchanged_text_is_exact() {
        let s = select(TEXT, "Thirteen members voted in favour");
        assert_eq!(resolve_in(TEXT, &s), (AnchorStatus::Exact, Some("Thirteen members voted in favour")));
    }

    #[test]
    fn text_inserted_before_moves_it() {
        let s = select(TEXT, "Thirteen members voted in favour");
        let edited = format!("A new opening sentence. {TEXT}");
        assert_eq!(resolve_in(&edited, &s), (AnchorStatus::Moved, Some("Thirteen members voted in favour")));
    }

    #[test]
    fn repeated_quote_goes_where_the_context_agrees() {
        let text = "First the veto was cast by China. Later the veto was cast by Russia.";
        let start = text.rfind("the veto was cast").unwrap();
        let s = Selector::from_range(text, &TextIndex::new(text), start..start + "the veto was cast".len());
        let edited = format!("Preface. {text}");
        let r = resolve(&edited, &TextIndex::new(&edited), &s);
        assert_eq!(r.status, AnchorStatus::Moved);
        assert_eq!(r.range.unwrap().start, edited.rfind("the veto was cast").unwrap());
    }

    #[test]
    fn a_changed_letter_is_fuzzy_at_the_right_place() {
        let s = select(TEXT, "China and Russia vetoed the draft resolution");
        let edited = TEXT.replace("vetoed the draft", "vetoed this draft");
        let (status, found) = resolve_in(&edited, &s);
        assert_eq!(status, AnchorStatus::Fuzzy);
        assert_eq!(found, Some("China and Russia vetoed this draft resolution"));
    }

    #[test]
    fn a_deleted_passage_is_an_orphan() {
        let s = select(TEXT, "The General Assembly then debated the veto");
        let edited = TEXT.replace("The General Assembly then debated the veto, as its new rule required.", "");
        assert_eq!(resolve_in(&edited, &s), (AnchorStatus::Orphaned, None));
    }

    #[test]
    fn a_quote_alone_anchors() {
        let s = Selector { quote: TextQuote { exact: "voted in favour".into(), ..Default::default() }, position: None };
        assert_eq!(resolve_in(TEXT, &s), (AnchorStatus::Moved, Some("voted in favour")));
    }

    #[test]
    fn an_ambiguous_short_quote_without_context_is_not_guessed() {
        let text = "the the the";
        let s = Selector {
            quote: TextQuote { exact: "the".into(), prefix: "xyz ".into(), suffix: " qqq".into() },
            position: None,
        };
        assert_eq!(resolve_in(text, &s).0, AnchorStatus::Orphaned);
    }
}
