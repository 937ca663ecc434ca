//! Tests of `parse`.

use super::*;
use crate::case::document::BlockKind;

fn kinds(doc: &Document) -> Vec<String> {
    doc.blocks.iter().map(|b| format!("{:?}", b.kind).split([' ', '{', '(']).next().unwrap_or("").to_owned()).collect()
}

#[test]
fn paragraphs_headings_and_text() {
    let doc = parse("# Title\n\nSome *emphasis* and **strong** and ~~gone~~.\n", 1);
    assert_eq!(doc.text, "Title\nSome emphasis and strong and gone.");
    assert_eq!(kinds(&doc), ["Heading", "Paragraph"]);
    assert_eq!(doc.blocks[1].line, 3);
    let styles: Vec<(String, Style)> =
        doc.block_runs(1).iter().map(|r| (doc.text[r.text.clone()].to_owned(), r.style)).collect();
    assert!(styles.contains(&("emphasis".into(), Style::EMPHASIS)));
    assert!(styles.contains(&("strong".into(), Style::STRONG)));
    assert!(styles.contains(&("gone".into(), Style::STRIKE)));
}

#[test]
fn lists_nest_and_number() {
    let doc = parse("1. one\n2. two\n   - inner\n- [x] done\n", 1);
    let markers: Vec<_> = doc.blocks.iter().map(|b| (b.marker.clone(), b.depth)).collect();
    assert_eq!(markers[0], (Some(ListMarker::Ordered(1)), 1));
    assert_eq!(markers[1], (Some(ListMarker::Ordered(2)), 1));
    assert_eq!(markers[2], (Some(ListMarker::Bullet), 2));
    assert_eq!(markers[3], (Some(ListMarker::Task { checked: true }), 1));
}

#[test]
fn tables_have_cells() {
    let doc = parse("| A | B |\n|---|--:|\n| 1 | **2** |\n", 1);
    assert_eq!(doc.blocks.len(), 2);
    let BlockKind::TableRow { header, cells, aligns, columns } = &doc.blocks[1].kind else { panic!() };
    assert!(!header);
    assert_eq!(columns[1], ColumnWidth { min_chars: 1, max_chars: 1 });
    assert_eq!(cells.len(), 2);
    assert_eq!(aligns, &[Align::Left, Align::Right]);
    assert_eq!(doc.block_text(1), "1\t2");
    assert!(matches!(doc.blocks[0].kind, BlockKind::TableRow { header: true, .. }));
}

#[test]
fn footnotes_link_both_ways() {
    let doc = parse("Claim.[^a]\n\n[^a]: Source.\n", 1);
    assert_eq!(doc.footnotes.len(), 1);
    assert_eq!(doc.footnotes[0].first_reference, Some(0));
    let def = doc.footnotes[0].definition.unwrap();
    assert_eq!(doc.blocks[def].marker, Some(ListMarker::Footnote(1)));
    assert_eq!(doc.block_text(def), "Source.");
    assert!(doc.block_runs(0).iter().any(|r| r.footnote_ref == Some(0)));
}

#[test]
fn images_and_links() {
    let doc = parse("See [the UN](https://un.org).\n\n![A chart](chart.png)\n", 5);
    assert_eq!(doc.links, ["https://un.org"]);
    assert_eq!(doc.images[0].src, "chart.png");
    assert_eq!(doc.images[0].alt, "A chart");
    assert_eq!(doc.images[0].line, 7);
    assert!(matches!(doc.blocks[1].kind, BlockKind::Image { image: 0 }));
}

#[test]
fn code_blocks_drop_trailing_newline() {
    let doc = parse("```rust\nfn main() {}\n```\n", 1);
    assert_eq!(doc.text, "fn main() {}");
    assert!(matches!(&doc.blocks[0].kind, BlockKind::Code { language: Some(l) } if l == "rust"));
}

#[test]
fn deep_nesting_does_not_overflow() {
    let depth = 10_000;
    let quotes = format!("{} deep\n", ">".repeat(depth));
    let doc = parse(&quotes, 1);
    assert_eq!(doc.text, "deep");
    assert!(doc.blocks[0].quote_depth > 100);
    let list: String = (0..depth).map(|i| format!("{}- level\n", "  ".repeat(i))).collect();
    let doc = parse(&list, 1);
    assert!(doc.blocks.len() > 10);
}

#[test]
fn long_paragraph_is_chunked_without_changing_text() {
    let words: String = (0..100_000).map(|i| format!("word{i} ")).collect();
    let doc = parse(&words, 1);
    assert_eq!(doc.text, words.trim_end());
    assert!(doc.blocks.len() > 10);
    for pair in doc.blocks.windows(2) {
        assert_eq!(pair[0].text.end, pair[1].text.start, "chunks are contiguous");
    }
    for (i, b) in doc.blocks.iter().enumerate() {
        assert!(b.text.len() <= MAX_BLOCK_BYTES);
        for r in doc.block_runs(i) {
            assert!(r.text.start >= b.text.start && r.text.end <= b.text.end);
        }
    }
}

#[test]
fn heading_anchor_and_outline() {
    let doc = parse("# Intro {#intro}\n\n## The 2022 vetoes\n", 1);
    let outline = doc.outline();
    assert_eq!(outline.len(), 2);
    assert_eq!(outline[0].title, "Intro");
    assert_eq!(doc.heading_by_anchor("intro"), Some(0));
    assert_eq!(doc.heading_by_anchor("the-2022-vetoes"), Some(1));
}

#[test]
fn page_marks_are_hidden_and_give_the_page_of_a_passage() {
    let md = "<!-- page 1 -->\n# Title\n\nThe first sentence runs on <!-- page 2 -->onto the second page.\n\n<!-- page 3 -->\n\nA new paragraph.\n\n<!-- a note for the editor -->\n\nEnd <!-- not a page --> here.\n";
    let doc = parse(md, 1);
    assert!(!doc.text.contains("<!--"), "{:?}", doc.text);
    assert!(!doc.text.contains("editor"), "{:?}", doc.text);
    assert_eq!(doc.pages.iter().map(|p| p.page).collect::<Vec<_>>(), [1, 2, 3]);
    let at = |needle: &str| doc.page_at(doc.text.find(needle).unwrap());
    assert_eq!(at("Title"), Some(1));
    assert_eq!(at("The first"), Some(1));
    assert_eq!(at("onto the second"), Some(2));
    assert_eq!(at("A new paragraph"), Some(3));
    assert_eq!(at("End"), Some(3));
    assert_eq!(parse("No pages.", 1).page_at(0), None);
}
