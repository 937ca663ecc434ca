//! Runs every example of the CommonMark spec and pulldown-cmark's GFM extension specs through
//! the document model: no panic, and every piece of text pulldown-cmark emits appears in
//! `Document.text`, in order.
//!
//! The spec files live in `../shared/corpus/commonmark/` beside the checkout and are not
//! copied into the repository. Where they are absent the test says so and checks nothing, unless CI requires them
//! (`CASEBOOK_REQUIRE_CORPUS`).

use pulldown_cmark::{Event, Parser};

/// The Markdown of each example in a spec file.
fn examples(spec: &str) -> Vec<String> {
    let fence = "`".repeat(32);
    let open = format!("{fence} example");
    let mut out = Vec::new();
    let mut lines = spec.lines();
    while let Some(line) = lines.next() {
        if line.trim_end() != open {
            continue;
        }
        let mut markdown = String::new();
        for l in lines.by_ref() {
            if l == "." {
                break;
            }
            markdown.push_str(l);
            markdown.push('\n');
        }
        for l in lines.by_ref() {
            if l.trim_end() == fence {
                break;
            }
        }
        out.push(markdown.replace('→', "\t"));
    }
    out
}

fn emitted_text(markdown: &str) -> Vec<String> {
    Parser::new_ext(markdown, casebook_core::case::parse::markdown_options())
        .filter_map(|e| match e {
            // An HTML comment is hidden, as renderers hide it (docs/FORMAT.md).
            Event::Html(t) | Event::InlineHtml(t) if casebook_core::case::parse::is_comment(&t) => None,
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => Some(t.to_string()),
            _ => None,
        })
        .map(|t| t.trim_end_matches('\n').to_owned())
        .filter(|t| !t.is_empty())
        .collect()
}

#[test]
fn every_spec_example_keeps_its_text_in_order() {
    let Some(dir) = casebook_core::testing::corpus_dir("commonmark") else { return };
    let mut checked = 0;
    let mut failures = Vec::new();
    for name in ["spec.txt", "table.txt", "footnotes.txt", "strikethrough.txt"] {
        let path = dir.join(name);
        let spec = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let examples = examples(&spec);
        assert!(!examples.is_empty(), "no examples found in {name}");
        for (i, markdown) in examples.iter().enumerate() {
            let doc = casebook_core::case::parse::parse(markdown, 1);
            let mut cursor = 0;
            for piece in emitted_text(markdown) {
                match doc.text[cursor..].find(&piece) {
                    Some(at) => cursor += at + piece.len(),
                    None => {
                        failures.push(format!("{name} example {}: {piece:?} missing from {:?}", i + 1, doc.text));
                        break;
                    }
                }
            }
            // Every block's runs lie inside the block, and blocks are in text order.
            for (b, block) in doc.blocks.iter().enumerate() {
                assert!(block.text.end <= doc.text.len());
                for run in doc.block_runs(b) {
                    assert!(
                        run.text.start >= block.text.start && run.text.end <= block.text.end,
                        "{name} example {}",
                        i + 1
                    );
                }
            }
            checked += 1;
        }
    }
    eprintln!("checked {checked} examples");
    assert!(checked > 650, "only {checked} examples found");
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}
