//! The held-out evaluation of document import: real documents of each kind (PDF, Word, saved
//! web pages), made with real tools from public-domain texts and never seen by the converters'
//! authors, converted and scored against truths written by hand from the source texts (see
//! `fixtures/convert/heldout/README.md` and `support/convert_score.rs`). Each kind's mean score
//! must be at least 0.9, and every converted document must write a case that loads without
//! errors.
//!
//! Run with `-- --nocapture` to see the table when it passes.
#![allow(clippy::print_stdout)] // the table of scores is the report

#[path = "support/convert_score.rs"]
mod convert_score;

use std::path::{Path, PathBuf};

use casebook_core::convert::{Limits, convert, write_case};
use convert_score::{Score, load_truth, score};

/// Every held-out document. A missing one fails the test: a set that shrinks unnoticed
/// measures nothing.
const DOCUMENTS: &[(&str, &str)] = &[
    ("pdf", "federalist-01-libreoffice.pdf"),
    ("pdf", "alice-two-column-libreoffice.pdf"),
    ("pdf", "farewell-address-crs-reportlab.pdf"),
    ("pdf", "pearl-harbor-pandoc-libreoffice.pdf"),
    ("docx", "genesis-python-docx.docx"),
    ("docx", "jfk-inaugural-pandoc.docx"),
    ("docx", "pride-prejudice-libreoffice.docx"),
    ("html", "pearl-harbor-address-wiki.html"),
    ("html", "moby-dick-pandoc.html"),
    ("html", "scandal-in-bohemia-blog.html"),
];

const KINDS: &[&str] = &["pdf", "docx", "html"];
const BAR: f64 = 0.9;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/convert/heldout")
}

fn truth_path(doc: &Path) -> PathBuf {
    let stem = doc.file_stem().unwrap_or_default().to_string_lossy();
    doc.with_file_name(format!("{stem}.truth.json"))
}

/// Documents in the folders that the list above does not name: each must be scored.
fn unlisted() -> Vec<String> {
    let mut out = Vec::new();
    for kind in KINDS {
        let Ok(entries) = std::fs::read_dir(root().join(kind)) else { continue };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let is_doc = [".pdf", ".docx", ".html"].iter().any(|ext| name.ends_with(ext));
            if is_doc && !DOCUMENTS.contains(&(kind, name.as_str())) {
                out.push(format!("{kind}/{name}"));
            }
        }
    }
    out
}

struct Row {
    kind: &'static str,
    name: &'static str,
    score: Score,
    case_problems: Vec<String>,
}

/// Writes the converted document as a case and loads it back: what fails is named.
fn case_problems(converted: &casebook_core::convert::Converted, source: &Path) -> Vec<String> {
    let Ok(tmp) = tempfile::tempdir() else { return vec!["could not make a temporary folder".into()] };
    let dir = tmp.path().join("case");
    if let Err(e) = write_case(converted, source, &dir) {
        return vec![format!("write_case: {e}")];
    }
    match casebook_core::case::load(&dir) {
        Ok(case) => case.errors().map(|d| format!("case.md line {}: {}", d.line, d.message)).collect(),
        Err(e) => vec![format!("case::load: {e}")],
    }
}

/// The case as the reader shows it: the title from the front matter above the body, as its
/// top heading (a converter moves a page's title there rather than repeat it in the body).
fn as_read(converted: &casebook_core::convert::Converted) -> String {
    match converted.meta.title.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        Some(title) if !converted.body.trim_start().starts_with(&format!("# {title}")) => {
            format!("# {title}\n\n{}", converted.body)
        }
        _ => converted.body.clone(),
    }
}

fn part(p: Option<f64>) -> String {
    p.map_or_else(|| "   -".into(), |v| format!("{v:.2}"))
}

#[test]
fn held_out_documents_convert_well() {
    let missing: Vec<String> = DOCUMENTS
        .iter()
        .flat_map(|(kind, name)| {
            let doc = root().join(kind).join(name);
            [doc.clone(), truth_path(&doc)]
        })
        .filter(|p| !p.is_file())
        .map(|p| p.display().to_string())
        .collect();
    assert!(missing.is_empty(), "held-out fixtures missing: {missing:#?}");
    let extra = unlisted();
    assert!(extra.is_empty(), "held-out documents not in DOCUMENTS (so never scored): {extra:?}");

    let mut rows = Vec::new();
    for (kind, name) in DOCUMENTS {
        let doc = root().join(kind).join(name);
        let truth = load_truth(&truth_path(&doc)).unwrap_or_else(|e| panic!("truth of {name}: {e}"));
        let row = match convert(&doc, &Limits::default(), &mut |_, _| true) {
            Ok(converted) => Row {
                kind,
                name,
                score: score(&as_read(&converted), &truth),
                case_problems: case_problems(&converted, &doc),
            },
            Err(e) => {
                Row { kind, name, score: Score::zero(&truth, format!("not converted: {e}")), case_problems: vec![] }
            }
        };
        rows.push(row);
    }

    println!(
        "\n{:<40} {:>9} {:>9} {:>9} {:>9} {:>7} {:>6}",
        "document", "sentences", "furniture", "headings", "footnotes", "tables", "score"
    );
    for r in &rows {
        let s = &r.score;
        println!(
            "{:<40} {:>9} {:>9} {:>9} {:>9} {:>7.2} {:>6.2}",
            format!("{}/{}", r.kind, r.name),
            part(s.sentences),
            part(s.furniture),
            part(s.headings),
            part(s.footnotes),
            s.tables,
            s.total()
        );
    }
    let mut failures = Vec::new();
    for kind in KINDS {
        let of_kind: Vec<&Row> = rows.iter().filter(|r| r.kind == *kind).collect();
        let mean = of_kind.iter().map(|r| r.score.total()).sum::<f64>() / of_kind.len() as f64;
        println!("mean {kind:<5} {mean:.3} (bar {BAR})");
        if mean < BAR {
            failures.push(format!("{kind}: mean score {mean:.3} is below {BAR}"));
        }
    }
    for r in &rows {
        if !r.score.misses.is_empty() {
            println!("\n{}/{}:", r.kind, r.name);
            for miss in r.score.misses.iter().take(12) {
                println!("  - {miss}");
            }
            if r.score.misses.len() > 12 {
                println!("  ... and {} more", r.score.misses.len() - 12);
            }
        }
        for p in &r.case_problems {
            failures.push(format!("{}/{}: the case it writes does not load cleanly: {p}", r.kind, r.name));
        }
    }
    let not_converted: Vec<String> = rows
        .iter()
        .filter(|r| r.score.misses.first().is_some_and(|m| m.starts_with("not converted")))
        .map(|r| format!("{}/{}: {}", r.kind, r.name, r.score.misses[0]))
        .collect();
    assert!(
        failures.is_empty(),
        "held-out conversion below the bar:\n  {}\n{}",
        failures.join("\n  "),
        if not_converted.is_empty() {
            String::new()
        } else {
            format!("documents that did not convert at all:\n  {}", not_converted.join("\n  "))
        }
    );
}
