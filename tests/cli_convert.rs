//! `casebook convert`, run as a user would run it, on documents made by other tools (the
//! fixtures' SOURCE.md files name each one's text and the tool that made it).
#![allow(clippy::unwrap_used)] // test helpers, where a panic is the failure report

use std::path::{Path, PathBuf};
use std::process::Command;

fn casebook(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_casebook")).args(args).output().expect("the binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn fixtures(kind: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("crates/core/tests/fixtures/convert").join(kind).join("train")
}

/// Every document of a kind among the training fixtures; there must be one.
fn documents(kind: &str, extensions: &[&str]) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(fixtures(kind))
        .unwrap_or_else(|e| panic!("the {kind} fixtures are missing: {e}"))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().and_then(|e| e.to_str()).is_some_and(|e| extensions.contains(&e)))
        .collect();
    found.sort();
    assert!(!found.is_empty(), "no {kind} fixture in {}", fixtures(kind).display());
    found
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn every_kind_of_document_becomes_a_case_that_passes_check() {
    let out = tempfile::tempdir().unwrap();
    for (kind, extensions) in [("pdf", &["pdf"][..]), ("docx", &["docx"]), ("html", &["html", "htm"])] {
        for doc in documents(kind, extensions) {
            let dir = out.path().join(doc.file_stem().unwrap());
            let (code, stdout, stderr) = casebook(&["convert", s(&doc), "-o", s(&dir)]);
            assert_eq!(code, 0, "{}: {stdout}{stderr}", doc.display());
            assert!(stdout.contains(" section") && stdout.contains(" words"), "{stdout}");
            assert!(stdout.contains("wrote "), "{stdout}");
            let case_md = std::fs::read_to_string(dir.join("case.md")).unwrap();
            let name = doc.file_name().unwrap().to_str().unwrap();
            assert!(case_md.starts_with("---\n") && case_md.contains(&format!("source: {name}")), "{case_md}");
            let (code, report, _) = casebook(&["check", s(&dir)]);
            assert_eq!(code, 0, "{}: {report}", doc.display());
            assert!(report.contains("0 errors"), "{report}");
        }
    }
}

#[test]
fn markdown_is_copied_as_it_is() {
    let src = tempfile::tempdir().unwrap();
    let file = src.path().join("notes.md");
    std::fs::write(&file, "---\ntitle: Notes\n---\n# One\n\nText.\n").unwrap();
    let dir = src.path().join("case");
    let (code, stdout, stderr) = casebook(&["convert", s(&file), "-o", s(&dir)]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("Markdown file: 1 section"), "{stdout}");
    assert_eq!(std::fs::read_to_string(dir.join("case.md")).unwrap(), std::fs::read_to_string(&file).unwrap());
}

#[test]
fn nothing_usable_fails_with_the_file_named_and_writes_nothing() {
    let src = tempfile::tempdir().unwrap();
    let out = src.path().join("out");
    // A PDF whose one page has no text: what a scan without OCR looks like to a reader.
    let blank = src.path().join("blank.pdf");
    std::fs::write(&blank, blank_pdf()).unwrap();
    let (code, _, stderr) = casebook(&["convert", s(&blank), "-o", s(&out)]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("blank.pdf") && stderr.contains("text"), "{stderr}");
    assert!(!out.exists());

    let odd = src.path().join("slides.key");
    std::fs::write(&odd, b"PK\x03\x04 not ours").unwrap();
    let (code, _, stderr) = casebook(&["convert", s(&odd), "-o", s(&out)]);
    assert_eq!(code, 1);
    assert!(stderr.contains("slides.key: not a PDF, Word"), "{stderr}");

    // A folder that holds someone's work is never written into.
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("mine.txt"), "keep").unwrap();
    let md = src.path().join("a.md");
    std::fs::write(&md, "# A\n").unwrap();
    let (code, _, stderr) = casebook(&["convert", s(&md), "-o", s(&out)]);
    assert_eq!(code, 1);
    assert!(stderr.contains("already exists and is not an empty folder"), "{stderr}");
    assert_eq!(std::fs::read_to_string(out.join("mine.txt")).unwrap(), "keep");
    assert!(!out.join("case.md").exists());
}

/// A one-page PDF with nothing on the page, written by hand with a correct cross-reference
/// table.
fn blank_pdf() -> Vec<u8> {
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        "<< /Length 0 >>\nstream\n\nendstream",
    ];
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
    }
    let xref = pdf.len();
    pdf.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for offset in offsets {
        pdf.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).as_bytes(),
    );
    pdf
}
