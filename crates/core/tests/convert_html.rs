//! Saved web pages turned into cases: realistic pages with their `_files` folders, compared
//! with hand-checked Markdown, and hostile pages made at run time.
#![allow(clippy::unwrap_used)] // a panic is the failure report

use std::path::{Path, PathBuf};

use casebook_core::convert::{ConvertError, Converted, Limits, NoteKind, convert};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/convert/html/train").join(name)
}

fn run(path: &Path) -> Result<Converted, ConvertError> {
    convert(path, &Limits::default(), &mut |_, _| true)
}

/// The body must be the hand-checked Markdown; a fixture that is missing fails.
fn check(name: &str) -> Converted {
    let page = fixture(&format!("{name}.html"));
    let expected_path = fixture(&format!("{name}.expected.md"));
    let converted = run(&page).unwrap_or_else(|e| panic!("{e}"));
    let expected =
        std::fs::read_to_string(&expected_path).unwrap_or_else(|e| panic!("{}: {e}", expected_path.display()));
    if converted.body.trim() != expected.trim() {
        let out = std::env::temp_dir().join(format!("{name}.actual.md"));
        std::fs::write(&out, &converted.body).unwrap();
        panic!("{name}: the body differs from {}; it was written to {}", expected_path.display(), out.display());
    }
    converted
}

#[test]
fn a_wikipedia_style_article() {
    let c = check("atomic-diplomacy");
    assert_eq!(c.meta.title.as_deref(), Some("Atomic diplomacy"));
    assert_eq!(c.meta.url.as_deref(), Some("https://encyclopedia.example.org/wiki/Atomic_diplomacy"));
    assert_eq!(c.meta.site.as_deref(), Some("Encyclopedia Example"));
    assert_eq!(c.images.len(), 1, "the saved image, not the logo");
    assert!(c.body.contains("(images/B-29-bomber.png)") || c.body.contains("(images/B-29_bomber.png)"), "{}", c.body);
    let remote: Vec<_> = c.notes.iter().filter(|n| n.message.starts_with("remote image not fetched")).collect();
    assert_eq!(remote.len(), 1, "{:?}", c.notes);
    assert!(!c.body.contains("upload.example.org"));
    for chrome in ["cookies", "Jump to", "Random article", "Contents", "edit", "Privacy", "Categories", "tracking"] {
        assert!(!c.body.contains(chrome), "{chrome:?} left in:\n{}", c.body);
    }
    assert_eq!(c.body.matches("[^2]").count(), 3, "two references and one definition");
}

#[test]
fn a_pandoc_page() {
    let c = check("nuremberg-pandoc");
    assert_eq!(c.meta.title.as_deref(), Some("The Nuremberg Trial and the Tokyo War Crimes Trials (1945–1948)"));
    assert_eq!(c.meta.authors, ["Office of the Historian"]);
    assert_eq!(c.meta.date.as_deref(), Some("2013-10-31"));
    assert!(c.body.contains("| Tribunal | Seat | Established |"), "{}", c.body);
    assert!(!c.body.contains("↩"));
}

#[test]
fn a_news_article() {
    let c = check("early-cold-war-news");
    assert_eq!(c.meta.title.as_deref(), Some("The Early Cold War, 1945–1952"));
    assert_eq!(c.meta.authors, ["Office of the Historian"]);
    assert_eq!(c.meta.date.as_deref(), Some("2024-03-15"));
    assert_eq!(c.meta.url.as_deref(), Some("https://news.example.com/history/2024/03/early-cold-war"));
    assert_eq!(c.meta.site.as_deref(), Some("The Diplomatic Record"));
    for chrome in ["Share on", "Related", "Marshall Plan at 75", "newsletter", "Most popular", "cookies", "©"] {
        assert!(!c.body.contains(chrome), "{chrome:?} left in:\n{}", c.body);
    }
}

/// Runs `f` on a thread with the default 2 MB stack, as the app's worker threads have.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new().stack_size(2 << 20).spawn(f).unwrap().join().unwrap()
}

#[test]
fn fifty_megabytes_of_nested_divs_finish_on_a_small_stack() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deep.html");
    let n = 50 * 1024 * 1024 / 11;
    let mut html = String::with_capacity(50 << 20);
    html.push_str("<html><body>");
    html.push_str(&"<div>".repeat(n / 2));
    html.push_str("<p>Deep inside the nesting there is a sentence of text.</p>");
    html.push_str(&"</div>".repeat(n / 2));
    std::fs::write(&path, html).unwrap();
    let started = std::time::Instant::now();
    let result = on_small_stack(move || run(&path).map(|c| c.body));
    assert!(started.elapsed().as_secs() < 60, "{:?}", started.elapsed());
    let body = result.unwrap();
    assert!(body.contains("Deep inside the nesting"), "{body}");
}

#[test]
fn nested_tables_and_formatting_finish_on_a_small_stack() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tables.html");
    let mut html = String::from("<html><body>");
    html.push_str(&"<table><tr><td><b class=x><i>".repeat(3000));
    html.push_str("<p>Innermost cell text.</p>");
    html.push_str(&"</i></b></td></tr></table>".repeat(3000));
    for i in 0..2000 {
        html.push_str(&format!("<b class=\"c{i}\">"));
    }
    html.push_str(&"<p>reopened</p>".repeat(2000));
    std::fs::write(&path, html).unwrap();
    let body = on_small_stack(move || run(&path).map(|c| c.body)).unwrap();
    assert!(body.contains("Innermost cell text"));
}

#[test]
fn hostile_sources_are_never_read_and_scripts_never_written() {
    let root = tempfile::tempdir().unwrap();
    std::fs::write(root.path().join("secret.png"), b"not for the case").unwrap();
    let page_dir = root.path().join("saved");
    std::fs::create_dir_all(page_dir.join("p_files")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(root.path().join("secret.png"), page_dir.join("p_files/link.png")).unwrap();
    let huge_attr = "x".repeat(5 << 20);
    let mut html = format!(
        "<html><head><title>Hostile</title></head><body><article><h1>Hostile</h1>\
         <p title=\"{huge_attr}\">A paragraph of ordinary text that is long enough to be the article, \
         written so that the reader view keeps it and the images beside it.</p>\
         <img src=\"file:///etc/passwd\" alt=\"\"><img src=\"../secret.png\"><img src=\"p_files/link.png\">\
         <img src=\"p_files/%2e%2e/%2e%2e/secret.png\"><img src=\"/etc/passwd\">\
         <script>document.write('SCRIPTED')</script><style>p {{ color: red }}</style>"
    );
    for i in 0..5000 {
        html.push_str(&format!("<img src=\"https://img.example/{i}.png\" alt=\"\">"));
    }
    html.push_str("</article></body></html>");
    let path = page_dir.join("p.html");
    std::fs::write(&path, html).unwrap();
    let c = run(&path).unwrap();
    assert!(c.images.is_empty());
    assert!(!c.body.contains("SCRIPTED") && !c.body.contains("color: red") && !c.body.contains("img.example"));
    assert!(c.notes.len() < 60, "notes are capped: {}", c.notes.len());
    assert!(c.notes.iter().all(|n| n.kind == NoteKind::LeftOut));
    assert!(c.body.contains("ordinary text"));
}

#[test]
fn saved_and_data_images_come_along_and_cancelling_stops() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("Page_files")).unwrap();
    let png = tiny_png();
    std::fs::write(dir.path().join("Page_files/map of berlin.png"), &png).unwrap();
    let b64 = base64(&png);
    let html = format!(
        "<html><body><article><p>The airlift supplied the western sectors of the city for almost a year, \
         flying along three air corridors into Tempelhof, Gatow and Tegel.</p>\
         <p><img src=\"Page_files/map%20of%20berlin.png\" alt=\"Map [of] Berlin\"></p>\
         <picture><source srcset=\"Page_files/missing.webp 2x\"><img src=\"data:image/png;base64,{b64}\" alt=\"inline\"></picture>\
         </article></body></html>"
    );
    let path = dir.path().join("Page.html");
    std::fs::write(&path, html).unwrap();
    let c = run(&path).unwrap();
    let names: Vec<_> = c.images.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(names, ["map-of-berlin.png", "image.png"], "{}", c.body);
    assert!(c.body.contains("![Map \\[of\\] Berlin](images/map-of-berlin.png)"), "{}", c.body);
    let cancelled = convert(&path, &Limits::default(), &mut |done, _| done < 2);
    assert!(matches!(cancelled, Err(ConvertError::Cancelled { .. })));
}

fn tiny_png() -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, 2, 2);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().unwrap();
    writer.write_image_data(&[200; 12]).unwrap();
    writer.finish().unwrap();
    out
}

fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |acc, (i, b)| acc | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ABC[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}
