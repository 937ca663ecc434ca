//! Properties of anchoring on generated documents and random edits.
#![allow(clippy::unwrap_used)] // test helpers, where a panic is the failure report

use casebook_core::anchor::{AnchorStatus, Selector, TextIndex, resolve};
use casebook_core::formats::w3c;
use casebook_core::layer::{Annotation, Color, Layer};
use proptest::prelude::*;

/// Made-up words, so that a run of several of them is as good as unique in a document.
fn vocabulary() -> Vec<String> {
    let onsets = ["b", "d", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "st", "tr", "gr"];
    let vowels = ["a", "e", "i", "o", "u", "ai", "ou"];
    let codas = ["", "n", "s", "r", "l", "k"];
    let mut words = Vec::new();
    for o in onsets {
        for v in vowels {
            for c in codas {
                words.push(format!("{o}{v}{c}"));
            }
        }
    }
    words
}

#[derive(Debug, Clone)]
struct Doc {
    words: Vec<String>,
}

impl Doc {
    fn text(&self) -> String {
        self.words.join(" ")
    }

    /// Byte range of words `from..to` in the text.
    fn range(&self, from: usize, to: usize) -> std::ops::Range<usize> {
        let start: usize = self.words[..from].iter().map(|w| w.len() + 1).sum();
        let len: usize = self.words[from..to].iter().map(|w| w.len() + 1).sum::<usize>() - 1;
        start..start + len
    }
}

fn doc_and_passage() -> impl Strategy<Value = (Doc, usize, usize)> {
    let vocab = vocabulary();
    let n = vocab.len();
    (prop::collection::vec(0..n, 120..400), 0.0..1.0f64, 4usize..12).prop_map(move |(ids, at, len)| {
        let words: Vec<String> = ids.into_iter().map(|i| vocab[i].clone()).collect();
        let from = ((words.len() - len) as f64 * at) as usize;
        (Doc { words }, from, from + len)
    })
}

fn select(doc: &Doc, from: usize, to: usize) -> (String, Selector) {
    let text = doc.text();
    let range = doc.range(from, to);
    let selector = Selector::from_range(&text, &TextIndex::new(&text), range);
    (text, selector)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn edits_away_from_the_passage_keep_it((doc, from, to) in doc_and_passage(), where_ in 0.0..1.0f64, insert in prop::collection::vec(0usize..600, 0..6), delete in 0usize..4) {
        let (_, selector) = select(&doc, from, to);
        // Context is 32 characters, at most about 8 words: edit beyond that.
        let margin = 9;
        let before = from.saturating_sub(margin);
        let after = (to + margin).min(doc.words.len());
        let spots: Vec<usize> = (0..before).chain(after..=doc.words.len()).collect();
        prop_assume!(!spots.is_empty());
        let at = spots[((spots.len() - 1) as f64 * where_) as usize];
        let vocab = vocabulary();
        let mut words = doc.words.clone();
        let removable = if at < from { (from - margin).saturating_sub(at).min(delete) } else { (words.len() - at).min(delete) };
        words.drain(at..at + removable);
        for (k, w) in insert.iter().enumerate() {
            words.insert(at + k, vocab[w % vocab.len()].clone());
        }
        let edited = words.join(" ");
        let r = resolve(&edited, &TextIndex::new(&edited), &selector);
        prop_assert!(matches!(r.status, AnchorStatus::Exact | AnchorStatus::Moved), "{:?}", r.status);
        prop_assert_eq!(&edited[r.range.unwrap()], selector.quote.exact.as_str());
    }

    #[test]
    fn one_changed_letter_in_a_long_quote_is_fuzzy_in_place((doc, from, to) in doc_and_passage(), pick in 0.0..1.0f64) {
        let (text, selector) = select(&doc, from, to);
        let quote = &selector.quote.exact;
        prop_assume!(quote.chars().count() >= 20);
        let letters: Vec<usize> = quote.char_indices().filter(|(_, c)| c.is_ascii_lowercase()).map(|(i, _)| i).collect();
        let i = letters[((letters.len() - 1) as f64 * pick) as usize];
        let old = quote.as_bytes()[i];
        let new = if old == b'x' { b'y' } else { b'x' };
        let start = doc.range(from, to).start;
        let mut bytes = text.clone().into_bytes();
        bytes[start + i] = new;
        let edited = String::from_utf8(bytes).unwrap();
        let r = resolve(&edited, &TextIndex::new(&edited), &selector);
        prop_assert_eq!(r.status, AnchorStatus::Fuzzy);
        let found = r.range.unwrap();
        prop_assert!(found.start.abs_diff(start) <= 2 && found.end.abs_diff(start + quote.len()) <= 2, "{:?} vs {}..{}", found, start, start + quote.len());
    }

    #[test]
    fn a_deleted_passage_is_orphaned((doc, from, to) in doc_and_passage()) {
        let (_, selector) = select(&doc, from, to);
        let mut words = doc.words.clone();
        words.drain(from..to);
        let edited = words.join(" ");
        let r = resolve(&edited, &TextIndex::new(&edited), &selector);
        prop_assert_eq!(r.status, AnchorStatus::Orphaned, "matched {:?}", r.range.map(|r| edited[r].to_owned()));
    }

    #[test]
    fn save_and_w3c_round_trips_are_lossless((doc, from, to) in doc_and_passage(), note in "[a-zA-Z0-9 *_.,!?é한]{0,40}", tags in prop::collection::vec("[a-z]{1,8}", 0..4), private in any::<bool>(), color in 0usize..5) {
        let (_, selector) = select(&doc, from, to);
        let a = Annotation {
            id: "a-1".into(),
            target: selector,
            color: Color::ALL[color],
            note,
            tags,
            private,
            created_unix_ms: 1_700_000_000_123,
            modified_unix_ms: 1_700_000_000_456,
            replies: Vec::new(),
            origin: None,
        };
        let layer = Layer { annotations: vec![a.clone()].into(), ..Layer::default() };
        let back: Layer = serde_json::from_str(&layer.to_json()).unwrap();
        prop_assert_eq!(&back, &layer);
        let read = w3c::read(&w3c::export(&layer, "case.md"), "case.jsonld", false).unwrap();
        prop_assert!(read.skipped.is_empty());
        let b = &read.annotations[0];
        prop_assert_eq!((&b.id, &b.target, b.color, &b.note, &b.tags, b.private), (&a.id, &a.target, a.color, &a.note, &a.tags, a.private));
    }
}
