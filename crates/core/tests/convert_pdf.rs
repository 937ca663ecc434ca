//! The PDF reader over documents made by LibreOffice, reportlab, Chromium and weasyprint
//! (`tests/fixtures/convert/pdf/train/`, remade by the scripts there), and over hostile files
//! made here at run time.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use casebook_core::convert::{self, ConvertError, Converted, Limits};
use lopdf::{Dictionary, Document, Object, Stream, dictionary};

fn fixture(name: &str) -> PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/convert/pdf/train").join(name);
    assert!(path.is_file(), "the fixture {} is missing; remake it with the script beside it", path.display());
    path
}

fn convert_file(path: &Path) -> Converted {
    let mut progress = |_: u32, _: u32| true;
    convert::convert(path, &Limits::default(), &mut progress).unwrap_or_else(|e| panic!("{e}"))
}

fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn federalist_two_columns_from_libreoffice() {
    let converted = convert_file(&fixture("federalist10.pdf"));
    let body = &as_read(&converted);
    let flat = squeeze(body);
    assert_eq!(converted.pages, Some(3));
    assert_eq!(converted.meta.title.as_deref(), Some("The Federalist No. 10"));
    assert_eq!(converted.meta.authors, vec!["James Madison".to_owned()]);
    assert!(converted.meta.date.as_deref().is_some_and(|d| d.len() == 10), "{:?}", converted.meta.date);
    // Sentences across lines, soft hyphens, the column break and the page break.
    for sentence in [
        "Among the numerous advantages promised by a well-constructed Union, none deserves to be more accurately developed than its tendency to break and control the violence of faction.",
        "The instability, injustice, and confusion introduced into the public councils",
        "but it would be an unwarrantable partiality, to contend that they have as effectually obviated the danger on this side, as was wished and expected.",
        "by the superior force of an interested and overbearing majority.",
        "his reason and his self-love, his opinions",
        "The office of the final editor was efficient in its official work",
    ] {
        assert!(flat.contains(sentence), "missing {sentence:?}");
    }
    assert!(flat.contains("the one, by destroying the <!-- page 2 --> liberty which is essential"), "page 2 mark");
    assert!(body.contains("<!-- page 1 -->\n"));
    assert!(body.contains("<!-- page 3 -->"));
    // Running heads and page numbers are gone.
    assert_eq!(body.matches("The Federalist No. 10").count(), 1, "{body}");
    assert!(!body.lines().any(|l| l.trim().chars().all(|c| c.is_ascii_digit()) && !l.trim().is_empty()));
    // Headings by size rank.
    for heading in [
        "# The Federalist No. 10\n",
        "## 1 The Utility of the Union\n",
        "## 2 The Causes of Faction\n",
        "### 2.1 Removing the Causes\n",
        "## 3 A Republican Remedy\n",
    ] {
        assert!(body.contains(heading), "missing heading {heading:?}");
    }
    // A bold run-in head stays in its paragraph.
    assert!(flat.contains("**Two methods.** There are two methods of curing the mischiefs of faction"));
    // Footnotes where their markers are, and defined once.
    assert!(flat.contains("the violence of faction.[^1] The friend"), "footnote 1");
    assert!(flat.contains("overbearing majority.[^2] However"), "footnote 2");
    assert!(flat.contains("derive from the Union.[^3]"), "footnote 3");
    assert!(
        flat.contains("[^1]: Published in the Daily Advertiser, Thursday, November 22, 1787, under the name Publius.")
    );
    assert!(flat.contains("[^3]: Madison here contrasts a republic with a pure democracy"));
    // The table and the figure.
    // LibreOffice drew only two of the table's three columns inside the narrow column.
    assert!(body.contains("| Remedy | Means |\n| --- | --- |\n| Destroy liberty | Abolish it |"), "table");
    assert_eq!(converted.images.len(), 1);
    assert!(body.contains(&format!("![Figure](images/{})", converted.images[0].name)));
    assert!(converted.images[0].name.starts_with("page-2-figure-1."));
}

#[test]
fn gettysburg_one_column_from_reportlab() {
    let converted = convert_file(&fixture("gettysburg.pdf"));
    let body = &as_read(&converted);
    let flat = squeeze(body);
    assert_eq!(converted.pages, Some(2));
    assert_eq!(converted.meta.authors, vec!["Abraham Lincoln".to_owned()]);
    assert!(flat.contains("Four score and seven years ago our fathers brought forth on this continent, a new nation, conceived in Liberty, and dedicated to the proposition that all men are created equal.[^1]"));
    assert!(flat.contains("We are met on a great battle-field of that war."));
    assert!(flat.contains("[^1]: Delivered at Gettysburg, Pennsylvania, on November 19, 1863."));
    assert!(!flat.contains("A Reader"), "running head");
    assert!(body.contains("# Founding Texts\n"));
    assert!(body.contains("## 1 The Gettysburg Address\n"));
    assert!(body.contains("## 2 The Constitution\n"));
    assert!(body.contains("### 2.1 Article I\n"));
    assert!(flat.contains("**Section 1.** All legislative Powers herein granted"));
    assert!(body.contains("| House | Term | Minimum age |"), "table");
    assert!(body.contains("| Senate | Six years | Thirty |"), "table row");
    // The paragraph that crosses onto page 2 carries the mark where it crosses.
    assert!(flat.contains("<!-- page 2 -->"));
}

#[test]
fn web_pages_printed_by_chromium_and_weasyprint() {
    // The same page (src/common-sense.html) printed by two engines: Chromium draws each glyph
    // on its own, weasyprint each line; both set two columns under a title and an abstract.
    for name in ["common-sense-chromium.pdf", "common-sense-weasyprint.pdf"] {
        let converted = convert_file(&fixture(name));
        let body = squeeze(&converted.body);
        for sentence in [
            "*These notes introduce the pamphlet that Thomas Paine published in Philadelphia in January 1776. They set its argument in the context of the debate over independence and suggest questions for discussion.*",
            "## Of the Origin and Design of Government Some writers have so confounded society with government, as to leave little or no distinction between them;",
            "The one encourages intercourse, the other creates distinctions.",
            "**A necessary evil.** Society in every state is a blessing,",
            "Some convenient tree will afford them a State-House, under the branches of which,",
            "## Of Monarchy and Hereditary Succession",
        ] {
            assert!(body.contains(sentence), "{name}: {sentence:?} not found whole in:\n{}", converted.body);
        }
        assert!(!body.contains("Teaching Notes"), "{name}: the running head is left in:\n{}", converted.body);
        assert!(!body.contains("Page 1 of"), "{name}: the page number is left in:\n{}", converted.body);
        assert_eq!(converted.meta.title.as_deref(), Some("Common Sense"), "{name}");
    }
}

#[test]
fn list_items_become_markdown_lists() {
    // src/options-list.html printed by Chromium (which draws its bullets, so they have no
    // text) and by LibreOffice from pandoc's Word file (bullets as text, set apart).
    for name in ["options-list-chromium.pdf", "options-list-libreoffice.pdf"] {
        let body = convert_file(&fixture(name)).body;
        for item in [
            "- I. Each state retains its sovereignty, freedom, and independence, and every power which is not expressly delegated to the United States.",
            "- III. The free inhabitants of each of these states shall be entitled to all privileges and immunities of free citizens in the several states.",
            "1. Which of the options would you have recommended, and why would you have recommended it over the others?",
            "2. How far did secrecy improve the judgement of the committee?",
            "A bulleted point that is long enough to wrap onto a second line of the page, as bullets often do.",
        ] {
            assert!(body.contains(item), "{name}: {item:?} is not one item in:\n{body}");
        }
        assert!(!body.contains('|'), "{name}: bullets set apart are not a table:\n{body}");
    }
    let body = convert_file(&fixture("options-list-libreoffice.pdf")).body;
    assert!(body.contains("- A short point."), "{body}");
}

#[test]
fn a_table_whose_cells_wrap_stays_one_table() {
    // src/chronology-table.html printed by LibreOffice: four columns close together, whose
    // gaps must not be read as a gutter, and cells of several lines.
    let converted = convert_file(&fixture("chronology-table-libreoffice.pdf"));
    let body = &converted.body;
    for row in [
        "| Date | Event | Participants | Outcome |",
        "| July 1 | The committee first meets in the capital to consider the reports | Ministers and senior officials | A study is ordered |",
        "| July 20 | A compromise is proposed by the foreign minister | Foreign ministry | The compromise is accepted |",
    ] {
        assert!(body.contains(row), "{row:?} not in:\n{body}");
    }
    assert_eq!(body.lines().filter(|l| l.starts_with("| --- ")).count(), 1, "one table:\n{body}");
}

#[test]
fn a_footnote_continued_on_the_next_page_is_one_note() {
    // src/continued-footnote.fodt by LibreOffice: 10 pt notes under 11 pt text, and a note
    // too long for the foot of page 1 carried on at the foot of page 2.
    let converted = convert_file(&fixture("continued-footnote-libreoffice.pdf"));
    let body = squeeze(&converted.body);
    assert!(body.contains("on the following Monday.[^1] It <!-- page 2 --> did not decide that day."), "{body}");
    let def = body.split("[^1]: ").nth(1).unwrap_or_else(|| panic!("no note:\n{body}"));
    assert!(def.starts_with("The study group's papers were kept in the ministry's archive"), "{def}");
    assert!(def.contains("in the chairman's hand, which soften its conclusions in several places."), "{def}");
    assert!(def.contains("the minister's own diary is silent about the whole weekend."), "{def}");
    assert_eq!(body.matches("[^1]:").count(), 1, "{body}");
    assert!(!body.contains("[^2]"), "{body}");
}

fn write_temp(bytes: &[u8]) -> tempfile::NamedTempFile {
    let mut file = tempfile::Builder::new().suffix(".pdf").tempfile().expect("temp file");
    std::io::Write::write_all(&mut file, bytes).expect("write");
    file
}

fn convert_bytes(bytes: &[u8], limits: &Limits) -> (Result<Converted, ConvertError>, Duration) {
    let file = write_temp(bytes);
    let start = Instant::now();
    let mut progress = |_: u32, _: u32| true;
    let result = convert::convert(file.path(), limits, &mut progress);
    (result, start.elapsed())
}

/// A one-page document whose page shows `text` in Helvetica, with the page dictionary
/// changed by `edit` before saving.
fn simple_pdf(content: Vec<u8>, edit: impl FnOnce(&mut Document, lopdf::ObjectId, lopdf::ObjectId)) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {"Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica"});
    let resources_id = doc.add_object(dictionary! {"Font" => dictionary! {"F1" => font_id}});
    let content_id = doc.add_object(Stream::new(Dictionary::new(), content));
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
        "Resources" => resources_id, "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {"Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1}),
    );
    let catalog_id = doc.add_object(dictionary! {"Type" => "Catalog", "Pages" => pages_id});
    doc.trailer.set("Root", catalog_id);
    edit(&mut doc, pages_id, page_id);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("save");
    out
}

fn text_content(line: &str) -> Vec<u8> {
    format!("BT /F1 11 Tf 72 400 Td ({line}) Tj ET").into_bytes()
}

#[test]
fn a_plain_generated_pdf_converts() {
    let bytes = simple_pdf(text_content("A government of laws, and not of men."), |_, _, _| {});
    let (result, _) = convert_bytes(&bytes, &Limits::default());
    let converted = result.expect("converts");
    assert!(converted.body.contains("A government of laws, and not of men."), "{}", converted.body);
}

/// Times-Roman's advance widths (Adobe's Core14 AFM) for the letters the test below uses.
fn times_roman_width(c: char) -> f32 {
    match c {
        'a' | 'c' | 'e' | 'z' => 444.0,
        'f' | 'r' => 333.0,
        'i' | 'j' | 'l' | 't' => 278.0,
        'm' => 778.0,
        's' => 389.0,
        'w' => 722.0,
        'A' | 'D' => 722.0,
        'P' => 556.0,
        _ => 500.0,
    }
}

#[test]
fn standard_fonts_without_widths_keep_their_word_gaps() {
    // Each word drawn at its own place, as reportlab does, with a Times-Roman that has no
    // /Widths: the gaps are a space wide and only the font's real metrics show them.
    let sentence = "the American Daily Advertiser of Philadelphia printed a letter from its office";
    let size = 11.0;
    let mut content = format!("BT /F1 {size} Tf 72 400 Td");
    let mut advance = 0.0;
    for word in sentence.split(' ') {
        content.push_str(&format!(" {advance:.3} 0 Td ({word}) Tj"));
        advance = (word.chars().map(times_roman_width).sum::<f32>() + 250.0) * size / 1000.0;
    }
    content.push_str(" ET");
    let bytes = simple_pdf(content.into_bytes(), |doc, _, _| {
        for object in doc.objects.values_mut() {
            if let Object::Dictionary(d) = object
                && d.get(b"Type").and_then(Object::as_name).is_ok_and(|n| n == b"Font")
            {
                d.set("BaseFont", "Times-Roman");
                d.set("Encoding", "WinAnsiEncoding");
            }
        }
    });
    let (result, _) = convert_bytes(&bytes, &Limits::default());
    let body = result.expect("converts").body;
    assert!(body.contains(&format!("{sentence}\n")), "{body}");
}

#[test]
fn a_flate_bomb_is_refused_quickly() {
    let mut bomb = Stream::new(Dictionary::new(), vec![b' '; 100 * 1024 * 1024]);
    bomb.compress().expect("compress");
    let bytes = simple_pdf(text_content("before"), |doc, _, page| {
        let id = doc.add_object(bomb);
        let page = doc.get_dictionary_mut(page).expect("page");
        page.set("Contents", vec![Object::Reference(id)]);
    });
    assert!(bytes.len() < 2 * 1024 * 1024);
    let limits = Limits { max_inflated_bytes: 16 * 1024 * 1024, ..Limits::default() };
    let (result, took) = convert_bytes(&bytes, &limits);
    let err = result.expect_err("refused");
    assert!(matches!(err, ConvertError::Invalid { .. }), "{err}");
    assert!(took < Duration::from_secs(3), "{took:?}");
    // Under the default limits, the one stream still stops at its own cap.
    let (result, took) = convert_bytes(&bytes, &Limits::default());
    assert!(result.is_err());
    assert!(took < Duration::from_secs(5), "{took:?}");
}

#[test]
fn a_cyclic_page_tree_ends() {
    let bytes = simple_pdf(text_content("Still here."), |doc, pages, page| {
        // The page tree lists itself among its kids, and a second node points back up.
        let inner = doc.add_object(
            dictionary! {"Type" => "Pages", "Kids" => vec![pages.into(), page.into()], "Parent" => pages, "Count" => 2},
        );
        let root = doc.get_dictionary_mut(pages).expect("pages");
        root.set("Kids", vec![page.into(), inner.into(), pages.into()]);
        root.set("Count", 3);
    });
    let (result, took) = convert_bytes(&bytes, &Limits::default());
    let converted = result.expect("converts");
    assert_eq!(converted.pages, Some(1));
    assert!(took < Duration::from_secs(2), "{took:?}");
}

#[test]
fn a_page_count_claim_is_not_believed() {
    let bytes = simple_pdf(text_content("Two pages at most."), |doc, pages, _| {
        doc.get_dictionary_mut(pages).expect("pages").set("Count", 100_000);
    });
    let (result, took) = convert_bytes(&bytes, &Limits::default());
    assert_eq!(result.expect("converts").pages, Some(1));
    assert!(took < Duration::from_secs(2));
    // Past max_pages, the rest is left out with a note.
    let many = simple_pdf(text_content("Page text."), |doc, pages, page| {
        let mut ids = Vec::new();
        for i in 0..10 {
            let content = doc.add_object(Stream::new(Dictionary::new(), text_content(&format!("Page {i} text."))));
            let mut p = doc.get_dictionary(page).expect("page").clone();
            p.set("Contents", content);
            ids.push(Object::Reference(doc.add_object(p)));
        }
        let root = doc.get_dictionary_mut(pages).expect("pages");
        root.set("Kids", ids);
        root.set("Count", 10);
    });
    let limits = Limits { max_pages: 4, ..Limits::default() };
    let (result, _) = convert_bytes(&many, &limits);
    let converted = result.expect("converts");
    assert_eq!(converted.pages, Some(4));
    assert!(converted.notes.iter().any(|n| n.message.contains("at most 4 pages")), "{:?}", converted.notes);
}

#[test]
fn an_encrypted_pdf_says_so() {
    let bytes = simple_pdf(text_content("Secret."), |doc, _, _| {
        let encrypt = doc.add_object(dictionary! {
            "Filter" => "Standard", "V" => 2, "R" => 3, "Length" => 128, "P" => -4,
            "O" => Object::string_literal(vec![7u8; 32]), "U" => Object::string_literal(vec![9u8; 32]),
        });
        doc.trailer.set("Encrypt", encrypt);
        doc.trailer.set("ID", vec![Object::string_literal(vec![1u8; 16]), Object::string_literal(vec![1u8; 16])]);
    });
    let (result, _) = convert_bytes(&bytes, &Limits::default());
    let err = result.expect_err("refused");
    assert!(err.to_string().contains("password"), "{err}");
}

#[test]
fn truncated_and_garbage_files_fail_with_a_sentence() {
    let whole = std::fs::read(fixture("federalist10.pdf")).expect("fixture");
    for cut in [10, 100, 1000, whole.len() / 3, whole.len() / 2, whole.len() - 200] {
        let (result, took) = convert_bytes(&whole[..cut], &Limits::default());
        if let Err(err) = &result {
            assert!(matches!(err, ConvertError::Invalid { .. } | ConvertError::Empty { .. }), "{err}");
        }
        assert!(took < Duration::from_secs(3));
    }
    let mut garbage = b"%PDF-1.7\n".to_vec();
    let mut x: u32 = 12345;
    for _ in 0..100_000 {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
        garbage.push((x >> 16) as u8);
    }
    let (result, _) = convert_bytes(&garbage, &Limits::default());
    let err = result.expect_err("garbage");
    assert!(err.to_string().contains("not a readable PDF"), "{err}");
    // Deeply nested arrays in a content stream and cyclic forms.
    let nested = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let bytes = simple_pdf(nested.into_bytes(), |_, _, _| {});
    let (result, took) = convert_bytes(&bytes, &Limits::default());
    assert!(result.is_err());
    assert!(took < Duration::from_secs(3));
}

#[test]
fn a_form_that_draws_itself_ends() {
    let bytes = simple_pdf(b"/X1 Do BT /F1 11 Tf 72 700 Td (Outside the form.) Tj ET".to_vec(), |doc, _, page| {
        let form_id = doc.new_object_id();
        let form = Stream::new(
            dictionary! {"Type" => "XObject", "Subtype" => "Form", "BBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
            "Resources" => dictionary! {"XObject" => dictionary! {"X1" => form_id}}},
            b"/X1 Do".to_vec(),
        );
        doc.objects.insert(form_id, Object::Stream(form));
        let resources =
            doc.get_dictionary(page).expect("page").get(b"Resources").expect("res").as_reference().expect("ref");
        let res = doc.get_dictionary_mut(resources).expect("res");
        res.set("XObject", dictionary! {"X1" => form_id});
    });
    let (result, took) = convert_bytes(&bytes, &Limits::default());
    assert!(result.expect("converts").body.contains("Outside the form."));
    assert!(took < Duration::from_secs(2));
}

#[test]
fn a_scanned_pdf_asks_for_ocr() {
    let bytes = simple_pdf(b"q 500 0 0 700 50 50 cm /Im1 Do Q".to_vec(), |doc, _, page| {
        let image = Stream::new(
            dictionary! {"Type" => "XObject", "Subtype" => "Image", "Width" => 100, "Height" => 100,
            "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8},
            vec![200u8; 100 * 100],
        );
        let id = doc.add_object(image);
        let resources =
            doc.get_dictionary(page).expect("page").get(b"Resources").expect("res").as_reference().expect("ref");
        doc.get_dictionary_mut(resources).expect("res").set("XObject", dictionary! {"Im1" => id});
    });
    let (result, _) = convert_bytes(&bytes, &Limits::default());
    let err = result.expect_err("scanned");
    assert!(err.to_string().contains("no text layer: it looks scanned (1 pages of images)"), "{err}");
}

#[test]
fn progress_can_cancel() {
    let file = fixture("federalist10.pdf");
    let mut calls = Vec::new();
    let mut progress = |done: u32, total: u32| {
        calls.push((done, total));
        done < 2
    };
    let result = convert::convert(&file, &Limits::default(), &mut progress);
    assert!(matches!(result, Err(ConvertError::Cancelled { .. })));
    assert_eq!(calls, vec![(1, 3), (2, 3)]);
}

/// The case as the reader shows it: the title (which the converter lifts out of the body when
/// the document opens with it) above the body.
fn as_read(converted: &casebook_core::convert::Converted) -> String {
    match &converted.meta.title {
        Some(title) => format!("# {title}\n\n{}", converted.body),
        None => converted.body.clone(),
    }
}
