//! The Word reader: fixtures made by python-docx, pandoc and LibreOffice against hand-checked
//! Markdown, features built from raw WordprocessingML, and hostile packages made at run time.
#![allow(clippy::unwrap_used)] // a panic in a test helper is the test's failure report

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use casebook_core::convert::{ConvertError, Converted, Limits, NoteKind, convert};
use zip::write::SimpleFileOptions;

fn train(name: &str) -> PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/convert/docx/train").join(name);
    assert!(path.exists(), "fixture {} is missing", path.display());
    path
}

fn check_fixture(name: &str) -> Converted {
    let converted = convert(&train(&format!("{name}.docx")), &Limits::default(), &mut |_, _| true)
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    let got = format!("{}\n", converted.body.trim_end());
    if std::env::var_os("CASEBOOK_BLESS").is_some() {
        let dir = train(&format!("{name}.docx"));
        std::fs::write(dir.with_file_name(format!("{name}.expected.md")), &got).unwrap();
    }
    let expected_path = train(&format!("{name}.expected.md"));
    let expected = std::fs::read_to_string(&expected_path).unwrap();
    assert_eq!(got, expected, "{name}: the Markdown differs from {}", expected_path.display());
    converted
}

#[test]
fn pandoc_fixture() {
    let c = check_fixture("federalist-51-pandoc");
    assert_eq!(c.meta.title.as_deref(), Some("The Federalist No. 51"));
    assert_eq!(c.meta.authors, ["James Madison"]);
    assert_eq!(c.images.len(), 1);
    assert!(c.images[0].name.ends_with(".png"));
    assert!(c.body.starts_with("# The Structure of the Government"), "headings start at the top: {}", c.body);
}

#[test]
fn python_docx_fixture() {
    let c = check_fixture("declaration-python-docx");
    assert_eq!(c.meta.title.as_deref(), Some("The Declaration of Independence"));
    assert_eq!(c.meta.authors, ["Thomas Jefferson", "Second Continental Congress"]);
    assert_eq!(c.meta.date.as_deref(), Some("1776-07-04"));
    assert_eq!(c.images.len(), 1);
}

#[test]
fn libreoffice_fixture() {
    let c = check_fixture("second-inaugural-libreoffice");
    assert_eq!(c.meta.title.as_deref(), Some("Second Inaugural Address"));
    assert!(!c.body.contains("Contents"), "the table of contents is left out: {}", c.body);
    assert!(!c.body.contains("REF") && !c.body.contains("TOC"), "field codes do not leak: {}", c.body);
}

#[test]
fn numbered_headings_and_lettered_lists_keep_the_numbers_they_show() {
    let c = check_fixture("articles-of-confederation-libreoffice");
    assert!(c.body.contains("# Article II. Sovereignty"), "{}", c.body);
    assert!(c.body.contains("## II.1. Powers retained"), "{}", c.body);
    assert!(c.body.contains("(a) Through laws"), "{}", c.body);
    assert!(c.body.contains("ii. No more than seven"), "{}", c.body);
}

// ---- documents built from raw XML ----

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main""#;

fn options() -> SimpleFileOptions {
    SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated)
}

/// A package holding `parts` as they are.
fn package(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in parts {
        zip.start_file(*name, options()).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn document(body: &str) -> String {
    format!(r#"<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{body}</w:body></w:document>"#)
}

fn write_temp(bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("input.docx");
    std::fs::write(&path, bytes).unwrap();
    (dir, path)
}

fn run(bytes: &[u8]) -> Result<Converted, ConvertError> {
    run_with(bytes, &Limits::default())
}

fn run_with(bytes: &[u8], limits: &Limits) -> Result<Converted, ConvertError> {
    let (_dir, path) = write_temp(bytes);
    let start = Instant::now();
    let result = convert(&path, limits, &mut |_, _| true);
    assert!(start.elapsed() < Duration::from_secs(3), "took {:?}", start.elapsed());
    result
}

fn invalid_message(result: Result<Converted, ConvertError>) -> String {
    match result {
        Err(ConvertError::Invalid { message, .. }) => message,
        Err(other) => panic!("expected a refusal, got {other}"),
        Ok(c) => panic!("expected a refusal, got {}", c.body),
    }
}

fn p(style: &str, runs: &str) -> String {
    let ppr = if style.is_empty() { String::new() } else { format!(r#"<w:pPr><w:pStyle w:val="{style}"/></w:pPr>"#) };
    format!("<w:p>{ppr}{runs}</w:p>")
}

fn r(text: &str) -> String {
    format!(r#"<w:r><w:t xml:space="preserve">{text}</w:t></w:r>"#)
}

const STYLES: &str = r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Titre1"><w:name w:val="Titre 1"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Sous"><w:name w:val="Sous titre"/><w:basedOn w:val="Titre1"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>
<w:style w:type="paragraph" w:styleId="TOC1"><w:name w:val="toc 1"/></w:style>
<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="character" w:styleId="Secret"><w:name w:val="Secret"/><w:rPr><w:vanish/></w:rPr></w:style>
</w:styles>"#;

const NUMBERING: &str = r#"<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/></w:lvl><w:lvl w:ilvl="2"><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="upperRoman"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="4"/></w:lvlOverride></w:num>
</w:numbering>"#;

const RELS: &str = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rLink" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://www.archives.gov/founding-docs" TargetMode="External"/>
<Relationship Id="rBad" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="javascript:alert(1)" TargetMode="External"/>
<Relationship Id="rEmf" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.emf"/>
<Relationship Id="rEvil" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="../../../../evil.png"/>
</Relationships>"#;

fn item(num: &str, ilvl: u8, text: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr></w:pPr>{}</w:p>"#,
        r(text)
    )
}

fn features_package(body: &str) -> Vec<u8> {
    package(&[
        ("word/document.xml", document(body).as_bytes()),
        ("word/styles.xml", STYLES.as_bytes()),
        ("word/numbering.xml", NUMBERING.as_bytes()),
        ("word/_rels/document.xml.rels", RELS.as_bytes()),
        ("word/media/image1.emf", b"\x01\x00\x00\x00not really an emf"),
        ("../evil.png", b"\x89PNG\r\n\x1a\nnot really"),
    ])
}

#[test]
fn headings_lists_fields_and_revisions() {
    let drawing = r#"<w:r><w:drawing><wp:inline><wp:docPr id="1" name="Picture 1" descr="A map"/><a:graphic><a:graphicData><a:blip r:embed="rEmf"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"#;
    let body = [
        p("Title", &r("A Made Title")),
        p("TOC1", &r("Entry that must not show")),
        p("Sous", &r("Second level first")),
        p("", &format!("{}<w:r><w:rPr><w:b/></w:rPr><w:t>bold</w:t></w:r>{}<w:r><w:rPr><w:i/></w:rPr><w:t>italic</w:t></w:r>", r("Plain "), r(" and "))),
        p("Titre1", &r("Localized top heading")),
        item("1", 0, "one"),
        item("1", 1, "one a"),
        item("1", 2, "bullet below"),
        item("1", 1, "one b"),
        item("1", 0, "two"),
        item("2", 0, "fourth roman"),
        p("", &format!(
            r#"{}<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE \* MERGEFORMAT </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>{}<w:r><w:fldChar w:fldCharType="end"/></w:r><w:fldSimple w:instr=" DATE ">{}</w:fldSimple><w:del><w:r><w:delText>gone</w:delText></w:r></w:del><w:ins>{}</w:ins><w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden</w:t></w:r><w:r><w:rPr><w:rStyle w:val="Secret"/></w:rPr><w:t>secret</w:t></w:r><w:bookmarkStart w:id="1" w:name="here"/><w:hyperlink r:id="rLink">{}</w:hyperlink><w:hyperlink w:anchor="here">{}</w:hyperlink><w:hyperlink r:id="rBad">{}</w:hyperlink><w:bookmarkEnd w:id="1"/>"#,
            r("Page "), r("7"), r(" on 1776 "), r("added "), r("the archives"), r(" inside"), r(" unsafe")
        )),
        p("", &format!("{}<w:r><w:br/><w:t>second line</w:t><w:tab/><w:t>* star</w:t></w:r>", r("first line"))),
        p("", &format!("{}{drawing}", r("An EMF picture:"))),
        r#"<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/></w:docPartObj></w:sdtPr><w:sdtContent><w:p><w:r><w:t>Contents</w:t></w:r></w:p></w:sdtContent></w:sdt>"#.to_owned(),
        p("", r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>TOC \o "1-3"</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>Toc line one</w:t></w:r>"#),
        p("", r#"<w:r><w:t>Toc line two</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>"#),
        p("", &format!(r#"{}<w:r><w:rPr><w:rStyle w:val="Strong"/></w:rPr><w:t>strong</w:t></w:r>"#, r("# Not a heading and "))),
    ]
    .concat();
    let c = run(&features_package(&body)).unwrap();
    let expected = "\
## Second level first

Plain **bold** and *italic*

# Localized top heading

1. one
   1. one a
      - bullet below
   2. one b
2. two

4) fourth roman

Page 7 on 1776 added [the archives](https://www.archives.gov/founding-docs) inside unsafe

first line\\
second line \\* star

An EMF picture:

\\# Not a heading and **strong**";
    assert_eq!(c.body, expected);
    assert_eq!(c.meta.title.as_deref(), Some("A Made Title"));
    assert!(c.images.is_empty());
    assert!(c.notes.iter().any(|n| n.kind == NoteKind::LeftOut && n.message.contains("EMF")), "{:?}", c.notes);
}

#[test]
fn tables_merged_and_nested() {
    let tc = |text: &str, props: &str| format!("<w:tc><w:tcPr>{props}</w:tcPr>{}</w:tc>", p("", &r(text)));
    let row = |cells: &[String]| format!("<w:tr>{}</w:tr>", cells.concat());
    let merged = format!(
        "<w:tbl>{}{}{}</w:tbl>",
        row(&[tc("Year", ""), tc("Event", r#"<w:gridSpan w:val="2"/>"#)]),
        row(&[tc("1776", r#"<w:vMerge w:val="restart"/>"#), tc("Declaration", ""), tc("July", "")]),
        row(&[tc("", "<w:vMerge/>"), tc("Signing", ""), tc("August", "")]),
    );
    let c = run(&features_package(&merged)).unwrap();
    assert_eq!(
        c.body,
        "| Year | Event |  |\n| --- | --- | --- |\n| 1776 | Declaration | July |\n| 1776 | Signing | August |"
    );
    let inner = format!("<w:tbl>{}</w:tbl>", row(&[tc("inner a", ""), tc("inner b", "")]));
    let nested = format!(
        "<w:tbl><w:tr><w:tc>{}{inner}</w:tc><w:tc>{}</w:tc></w:tr></w:tbl>",
        p("", &r("outer")),
        p("", &r("right"))
    );
    let c = run(&features_package(&nested)).unwrap();
    assert_eq!(c.body, "outer\n\n| inner a | inner b |\n| --- | --- |\n\nright");
    assert!(c.notes.iter().any(|n| n.kind == NoteKind::Uncertain), "{:?}", c.notes);
}

#[test]
fn footnotes_and_endnotes_get_distinct_labels() {
    let notes = |kind: &str, text: &str| {
        format!(
            r#"<w:{kind}s xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}><w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:{kind}><w:{kind} w:id="1"><w:p><w:r><w:{kind}Ref/></w:r>{}</w:p></w:{kind}></w:{kind}s>"#,
            r(text)
        )
    };
    let body = p(
        "",
        &format!(
            r#"{}<w:r><w:footnoteReference w:id="1"/></w:r>{}<w:r><w:endnoteReference w:id="1"/></w:r>"#,
            r("Text"),
            r(" more")
        ),
    );
    let c = run(&package(&[
        ("word/document.xml", document(&body).as_bytes()),
        ("word/footnotes.xml", notes("footnote", " A footnote.").as_bytes()),
        ("word/endnotes.xml", notes("endnote", " An endnote.").as_bytes()),
    ]))
    .unwrap();
    assert_eq!(c.body, "Text[^1] more[^e1]\n\n[^1]: A footnote.\n\n[^e1]: An endnote.\n");
}

#[test]
fn progress_can_cancel() {
    let (_dir, path) = write_temp(&features_package(&p("", &r("Some text"))));
    let mut calls = 0;
    let result = convert(&path, &Limits::default(), &mut |_, _| {
        calls += 1;
        false
    });
    assert!(matches!(result, Err(ConvertError::Cancelled { .. })));
    assert_eq!(calls, 1);
}

// ---- hostile packages ----

#[test]
fn a_zip_bomb_is_refused() {
    let mut doc = document("<w:p><w:r><w:t>").into_bytes();
    doc.resize(doc.len() + 70 * 1024 * 1024, b'a');
    let bytes = package(&[("word/document.xml", &doc)]);
    drop(doc);
    assert!(bytes.len() < 1024 * 1024, "the bomb is small: {}", bytes.len());
    let message = invalid_message(run(&bytes));
    assert!(message.contains("zip bomb"), "{message}");

    // Parts each under their own cap that together pass the document's budget.
    let mut part = b"<w:x>".to_vec();
    part.resize(3 * 1024 * 1024, b' ');
    part.extend_from_slice(b"</w:x>");
    let bytes = package(&[
        ("word/document.xml", document(&p("", &r("text"))).as_bytes()),
        ("word/styles.xml", &part),
        ("word/numbering.xml", &part),
    ]);
    let limits = Limits { max_inflated_bytes: 4 * 1024 * 1024, ..Limits::default() };
    let message = invalid_message(run_with(&bytes, &limits));
    assert!(message.contains("in all"), "{message}");
}

#[test]
fn thousands_of_entries() {
    let doc = document(&p("", &r("Still read")));
    let mut parts: Vec<(String, Vec<u8>)> = vec![("word/document.xml".into(), doc.into_bytes())];
    parts.extend((0..3000).map(|i| (format!("word/media/x{i}.bin"), vec![b'x'; 4])));
    let borrowed: Vec<(&str, &[u8])> = parts.iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect();
    assert_eq!(run(&package(&borrowed)).unwrap().body, "Still read");

    parts.extend((3000..12_000).map(|i| (format!("word/media/x{i}.bin"), Vec::new())));
    let borrowed: Vec<(&str, &[u8])> = parts.iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect();
    let message = invalid_message(run(&package(&borrowed)));
    assert!(message.contains("parts"), "{message}");
}

#[test]
fn a_dot_dot_entry_is_never_a_path() {
    let drawing = r#"<w:r><w:drawing><wp:inline><wp:docPr id="1" name="x"/><a:blip r:embed="rEvil"/></wp:inline></w:drawing></w:r>"#;
    let c = run(&features_package(&p("", &format!("{}{drawing}", r("Text"))))).unwrap();
    assert_eq!(c.body, "Text");
    assert!(c.images.is_empty());
}

#[test]
fn deep_xml_is_refused() {
    let depth = 100_000;
    let body = format!("{}{}", "<w:sdt>".repeat(depth), "</w:sdt>".repeat(depth));
    let message = invalid_message(run(&package(&[("word/document.xml", document(&body).as_bytes())])));
    assert!(message.contains("deeper"), "{message}");
}

#[test]
fn entities_are_never_expanded() {
    let mut dtd = String::from(r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">"#);
    for i in 1..10 {
        let prev = if i == 1 { "lol".to_owned() } else { format!("lol{}", i - 1) };
        dtd.push_str(&format!(r#"<!ENTITY lol{i} "{}">"#, format!("&{prev};").repeat(10)));
    }
    dtd.push_str("]>");
    let doc = format!("{dtd}<w:document {W}><w:body>{}</w:body></w:document>", p("", &r("Laughs: &lol9; &amp; done")));
    let c = run(&package(&[("word/document.xml", doc.as_bytes())])).unwrap();
    assert_eq!(c.body, "Laughs: \\& done");
}

#[test]
fn not_a_word_file() {
    let message = invalid_message(run(b"This is plain text with a .docx name."));
    assert!(message.contains("not a zip"), "{message}");
    let message = invalid_message(run(&package(&[("content.xml", b"<office:document/>")])));
    assert!(message.contains("word/document.xml"), "{message}");
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(4096, 0);
    let message = invalid_message(run(&ole));
    assert_eq!(message, "this Word file is password-protected or in the old .doc format; save it as .docx");
    assert!(run(&package(&[("word/document.xml", b"<w:document><w:body><w:p>")])).is_err());
}
