//! Converts a 300-page two-column PDF, made here with lopdf (running heads, page numbers, a
//! footnote with its raised marker on every page, words hyphenated at line ends), and times it
//! against lopdf's own `extract_text` over the same pages:
//!
//! `convert_bench pages=300 secs=X`
//! `baseline lopdf_extract_text secs=Y ratio=X/Y`
//!
//! Run with `cargo run -p casebook-core --example convert_bench`.
#![allow(clippy::print_stdout, clippy::unwrap_used, clippy::expect_used)]

use std::time::Instant;

use casebook_core::convert::{self, Limits};
use lopdf::content::{Content, Operation};
use lopdf::{Dictionary, Document, Object, Stream, dictionary};

const PAGES: u32 = 300;

const WORDS: &[&str] = &[
    "the",
    "people",
    "of",
    "the",
    "several",
    "states",
    "shall",
    "be",
    "entitled",
    "to",
    "all",
    "privileges",
    "and",
    "immunities",
    "of",
    "citizens",
    "in",
    "the",
    "union",
    "congress",
    "shall",
    "have",
    "power",
    "to",
    "regulate",
    "commerce",
    "with",
    "foreign",
    "nations",
    "among",
    "legislatures",
    "thereof",
    "representatives",
];

fn text(op: &mut Vec<Operation>, font: &str, size: f32, x: f32, y: f32, s: &str) {
    op.push(Operation::new("BT", vec![]));
    op.push(Operation::new("Tf", vec![Object::Name(font.as_bytes().to_vec()), size.into()]));
    op.push(Operation::new("Td", vec![x.into(), y.into()]));
    op.push(Operation::new("Tj", vec![Object::string_literal(s)]));
    op.push(Operation::new("ET", vec![]));
}

fn make_pdf() -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let f1 = doc.add_object(dictionary! {"Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Times-Roman"});
    let f2 = doc.add_object(dictionary! {"Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Times-Bold"});
    let resources = doc.add_object(dictionary! {"Font" => dictionary! {"F1" => f1, "F2" => f2}});
    let mut kids = Vec::new();
    let mut w = 0usize;
    for n in 1..=PAGES {
        let mut ops = Vec::new();
        text(&mut ops, "F1", 9.0, 72.0, 750.0, "A Bench Document: Articles of Union");
        text(&mut ops, "F1", 9.0, 300.0, 40.0, &n.to_string());
        if n % 10 == 1 {
            text(&mut ops, "F2", 16.0, 72.0, 715.0, &format!("{} Article of the Union", n / 10 + 1));
        }
        for col in 0..2 {
            let x = if col == 0 { 72.0 } else { 320.0 };
            for line in 0..44 {
                let y = 690.0 - line as f32 * 13.0;
                let mut s = String::new();
                while s.len() < 44 {
                    s.push_str(WORDS[w % WORDS.len()]);
                    s.push(' ');
                    w += 1;
                }
                if line % 7 == 3 {
                    s.push_str("repre-");
                } else if line % 11 == 10 {
                    s = s.trim_end().to_owned() + ".";
                }
                text(&mut ops, "F1", 10.0, x, y, &s);
                if col == 0 && line == 5 {
                    text(&mut ops, "F1", 6.0, x + 205.0, y + 3.5, "1");
                }
            }
        }
        text(&mut ops, "F1", 6.0, 72.0, 73.5, "1");
        text(&mut ops, "F1", 8.0, 76.0, 70.0, &format!("A note on page {n} about the text above it."));
        let content = Content { operations: ops }.encode().unwrap();
        let mut stream = Stream::new(Dictionary::new(), content);
        stream.compress().unwrap();
        let content_id = doc.add_object(stream);
        kids.push(Object::Reference(doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content_id, "Resources" => resources,
            "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
        })));
    }
    doc.objects
        .insert(pages_id, Object::Dictionary(dictionary! {"Type" => "Pages", "Kids" => kids, "Count" => PAGES as i64}));
    let catalog = doc.add_object(dictionary! {"Type" => "Catalog", "Pages" => pages_id});
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

fn main() {
    let bytes = make_pdf();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bench.pdf");
    std::fs::write(&path, &bytes).unwrap();

    let start = Instant::now();
    let mut progress = |_: u32, _: u32| true;
    let converted = convert::convert(&path, &Limits::default(), &mut progress).unwrap();
    let secs = start.elapsed().as_secs_f64();
    assert_eq!(converted.pages, Some(PAGES));
    println!("convert_bench pages={PAGES} secs={secs:.3} words={}", converted.body.split_whitespace().count());

    let start = Instant::now();
    let doc = Document::load_mem(&bytes).unwrap();
    let numbers: Vec<u32> = (1..=PAGES).collect();
    let text = doc.extract_text(&numbers).unwrap();
    let base = start.elapsed().as_secs_f64();
    println!("baseline lopdf_extract_text secs={base:.3} ratio={:.2} chars={}", secs / base, text.len());
}
