//! The reader benchmark: Casebook's reader against egui_commonmark on the same generated
//! cases, headless at 1280×800, side by side in one run.
//!
//! Run with `cargo run --release --example reader_bench` (add `-- --quick` for a short run).
//! It prints one line per measurement and a closing line of ratios; compare ratios, not
//! milliseconds, since machines are noisy.
#![allow(clippy::print_stdout, clippy::unwrap_used)]

#[path = "support/generate.rs"]
mod support;

use std::path::Path;
use std::time::Instant;

use casebook::ui::reader::layout::Highlights;
use casebook::ui::reader::{Reader, ReaderInput, ScrollPos};
use casebook::ui::theme::ThemeChoice;
use casebook_core::case::{self, Case};
use casebook_core::views::Marks;
use egui::{Event, MouseWheelUnit, RawInput, Rect, Vec2, pos2, vec2};

const SCREEN: Vec2 = vec2(1280.0, 800.0);
/// Points scrolled per frame while measuring: a brisk wheel.
const SCROLL_PT: f32 = 40.0;

fn input(scroll_pt: f32, time_secs: f64) -> RawInput {
    let mut raw = RawInput {
        screen_rect: Some(Rect::from_min_size(pos2(0.0, 0.0), SCREEN)),
        time: Some(time_secs),
        ..Default::default()
    };
    // The pointer rests over the text, so the wheel scrolls it.
    raw.events.push(Event::PointerMoved(pos2(SCREEN.x / 2.0, SCREEN.y / 2.0)));
    if scroll_pt != 0.0 {
        raw.events.push(Event::MouseWheel {
            unit: MouseWheelUnit::Point,
            delta: vec2(0.0, -scroll_pt),
            modifiers: egui::Modifiers::NONE,
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
        });
    }
    raw
}

fn context() -> egui::Context {
    let ctx = egui::Context::default();
    ctx.set_fonts(casebook::ui::fonts::definitions());
    // Scrolling lands at once rather than over several frames, the same for both readers.
    ctx.global_style_mut(|s| s.scroll_animation = egui::style::ScrollAnimation::none());
    ctx
}

struct Stats {
    median_ms: f64,
    p95_ms: f64,
}

fn stats(mut samples: Vec<f64>) -> Stats {
    samples.sort_by(f64::total_cmp);
    let at = |q: f64| samples[((samples.len() - 1) as f64 * q).round() as usize];
    Stats { median_ms: at(0.5), p95_ms: at(0.95) }
}

/// Times `frames` frames of `ui`, each a full `run` and `tessellate`, scrolling as it goes.
fn measure(ctx: &egui::Context, frames: usize, mut ui: impl FnMut(&mut egui::Ui)) -> Stats {
    let mut samples = Vec::with_capacity(frames);
    let mut least_vertices = usize::MAX;
    for frame in 0..frames + 3 {
        let raw = input(SCROLL_PT, frame as f64 / 60.0);
        let start = Instant::now();
        let output = ctx.run_ui(raw, &mut ui);
        let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
        if frame >= 3 {
            samples.push(start.elapsed().as_secs_f64() * 1000.0);
        }
        let vertices: usize = primitives
            .iter()
            .map(|p| match &p.primitive {
                egui::epaint::Primitive::Mesh(mesh) => mesh.vertices.len(),
                egui::epaint::Primitive::Callback(_) => 0,
            })
            .sum();
        least_vertices = least_vertices.min(vertices);
    }
    // A screenful of text is thousands of glyphs: a frame with little drawn measured nothing.
    assert!(least_vertices > 4_000, "a frame drew only {least_vertices} vertices");
    stats(samples)
}

fn casebook_frames(case: &Case, position: &str, frames: usize, accesskit: bool) -> Stats {
    let ctx = context();
    if accesskit {
        // As when a screen reader is running: the reader builds its part of the tree.
        ctx.enable_accesskit();
    }
    let block = if position == "top" { 0 } else { case.doc.blocks.len() / 2 };
    let mut reader = Reader::new(&ctx, ScrollPos { block, offset_pt: 0.0 });
    let no_marks = Marks::default();
    let input = reader_input(case, &no_marks);
    measure(&ctx, frames, |ui| {
        egui::CentralPanel::no_frame().show(ui, |ui| {
            let _ = reader.ui(ui, &input);
        });
    })
}

fn commonmark_frames(markdown: &str, position: &str, frames: usize) -> Stats {
    let ctx = context();
    let mut cache = egui_commonmark::CommonMarkCache::default();
    let mut offset = None;
    if position == "middle" {
        // One frame to learn the height of the content, then start from its middle.
        let mut height = 0.0;
        let _ = ctx.run_ui(input(0.0, 0.0), |ui| {
            let out = egui::ScrollArea::vertical().show(ui, |ui| {
                egui_commonmark::CommonMarkViewer::new().show(ui, &mut cache, markdown);
            });
            height = out.content_size.y;
        });
        offset = Some(height / 2.0);
    }
    measure(&ctx, frames, |ui| {
        let mut area = egui::ScrollArea::vertical();
        if let Some(y) = offset.take() {
            area = area.vertical_scroll_offset(y);
        }
        area.show(ui, |ui| {
            egui_commonmark::CommonMarkViewer::new().show(ui, &mut cache, markdown);
        });
    })
}

fn median_ms(runs: usize, mut f: impl FnMut()) -> f64 {
    let mut samples: Vec<f64> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let sizes: &[usize] = &[10_000, 100_000, 1_000_000];
    let frames = if quick { 10 } else { 40 };
    let mut ours = std::collections::HashMap::new();
    let mut theirs = std::collections::HashMap::new();
    let dir = std::env::temp_dir().join(format!("casebook-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut open_ratio = 0.0;
    let mut accesskit_ratio = 0.0;
    for &words in sizes {
        let markdown = support::generate(words);
        let file = dir.join(format!("case-{words}.md"));
        std::fs::write(&file, &markdown).unwrap();
        let case = case::load(&file).unwrap();
        for position in ["top", "middle"] {
            let s = casebook_frames(&case, position, frames, false);
            println!(
                "reader_bench words={words} position={position} impl=casebook median_ms={:.3} p95_ms={:.3}",
                s.median_ms, s.p95_ms
            );
            ours.insert((words, position), s.median_ms);
            let their_frames = if words >= 1_000_000 { frames.min(12) } else { frames };
            let s = commonmark_frames(&markdown, position, their_frames);
            println!(
                "reader_bench words={words} position={position} impl=commonmark median_ms={:.3} p95_ms={:.3}",
                s.median_ms, s.p95_ms
            );
            theirs.insert((words, position), s.median_ms);
        }
        if words == 1_000_000 {
            let runs = if quick { 3 } else { 7 };
            let open_ms = median_ms(runs, || {
                std::hint::black_box(case::load(Path::new(&file)).unwrap());
            });
            let parse_ms = median_ms(runs, || {
                let parser = pulldown_cmark::Parser::new_ext(&markdown, case::parse::markdown_options());
                std::hint::black_box(parser.count());
            });
            open_ratio = open_ms / parse_ms;
            println!("reader_bench words={words} open_ms={open_ms:.1} pulldown_parse_ms={parse_ms:.1}");
            let ctx = context();
            let mut reader = Reader::new(&ctx, ScrollPos::default());
            let no_marks = Marks::default();
            let input = reader_input(&case, &no_marks);
            let start = Instant::now();
            let output = ctx.run_ui(input_at_rest(), |ui| {
                egui::CentralPanel::no_frame().show(ui, |ui| {
                    let _ = reader.ui(ui, &input);
                });
            });
            std::hint::black_box(ctx.tessellate(output.shapes, output.pixels_per_point));
            println!("reader_bench words={words} first_frame_ms={:.1}", start.elapsed().as_secs_f64() * 1000.0);
            highlights_and_anchoring(&case, frames, ours[&(words, "middle")], quick);
            let s = casebook_frames(&case, "middle", frames, true);
            println!(
                "reader_bench words={words} position=middle impl=casebook accesskit=on median_ms={:.3} p95_ms={:.3}",
                s.median_ms, s.p95_ms
            );
            accesskit_ratio = s.median_ms / ours[&(words, "middle")];
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    let ratio = theirs[&(100_000, "middle")] / ours[&(100_000, "middle")];
    let flat = ours[&(1_000_000, "middle")] / ours[&(10_000, "middle")];
    println!(
        "reader_bench ratio_100k={ratio:.1} flat={flat:.2} open_ratio={open_ratio:.2} accesskit_ratio={accesskit_ratio:.2}"
    );
}

/// 10,000 highlights spread over the case: the reader's frame time with them, against
/// without; and re-anchoring them all after a small edit near the start.
fn highlights_and_anchoring(case: &Case, frames: usize, plain_median_ms: f64, quick: bool) {
    use casebook_core::anchor::{Selector, TextIndex};
    use casebook_core::layer::{Annotation, Color, Layer};
    use casebook_core::views::Mark;

    const COUNT: usize = 10_000;
    let text = &case.doc.text;
    let index = TextIndex::new(text);
    let step = text.len() / COUNT;
    let ranges: Vec<std::ops::Range<usize>> = (0..COUNT)
        .map(|k| {
            let mut start = k * step;
            while !text.is_char_boundary(start) {
                start += 1;
            }
            let mut end = (start + 40).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            start..end
        })
        .collect();
    let marks = Marks::new(
        ranges
            .iter()
            .enumerate()
            .map(|(k, r)| Mark {
                range: r.clone(),
                color: Color::ALL[k % 5],
                id: format!("m{k}"),
                status: casebook_core::anchor::AnchorStatus::Exact,
                note: String::new(),
            })
            .collect(),
    );
    let ctx = context();
    let mut reader = Reader::new(&ctx, ScrollPos { block: case.doc.blocks.len() / 2, offset_pt: 0.0 });
    let input = reader_input(case, &marks);
    let s = measure(&ctx, frames, |ui| {
        egui::CentralPanel::no_frame().show(ui, |ui| {
            let _ = reader.ui(ui, &input);
        });
    });
    println!(
        "reader_bench words=1000000 highlights={COUNT} median_ms={:.3} p95_ms={:.3} ratio={:.2}",
        s.median_ms,
        s.p95_ms,
        s.median_ms / plain_median_ms
    );

    let layer = Layer {
        annotations: ranges
            .iter()
            .enumerate()
            .map(|(k, r)| {
                Annotation::new(format!("a{k}"), Selector::from_range(text, &index, r.clone()), Color::KeyFact, 0)
            })
            .collect(),
        ..Layer::default()
    };
    // A small edit near the start: every later passage moves by a few characters.
    let at = text.find(' ').unwrap_or(0);
    let edited = format!("{} Edited.{}", &text[..at], &text[at..]);
    let runs = if quick { 3 } else { 7 };
    let mut found = 0;
    let ms = median_ms(runs, || {
        let resolved = casebook_core::anchor::anchor_all(&edited, layer.annotations.iter().map(|a| &a.target));
        found = resolved.iter().filter(|r| r.range.is_some()).count();
    });
    assert!(found >= COUNT - 1, "only {found} of {COUNT} passages found again");
    println!("anchor_bench annotations={COUNT} words=1000000 median_ms={ms:.1}");
}

fn reader_input<'a>(case: &'a Case, marks: &'a Marks) -> ReaderInput<'a> {
    ReaderInput {
        case,
        palette: casebook::ui::theme::palette(ThemeChoice::Light),
        zoom: 1.0,
        highlights: Highlights::default(),
        highlight_rev: 0,
        marks,
        selected_mark: None,
        colors: &[],
        editable: false,
        caret_browsing: false,
        date_links: &[],
        keys: true,
        shared_marks: None,
    }
}

fn input_at_rest() -> RawInput {
    input(0.0, 0.0)
}
