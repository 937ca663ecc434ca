//! The timeline benchmark: the time view with 5,000 events, at "fit all" and zoomed in,
//! against a naive view in the same run that draws every label where its event is (what a
//! timeline without label packing and cached layouts does).
//!
//! Run with `cargo run --release --example timeline_bench` (add `-- --quick` for a short run).
//! Each frame is a full `run` and `tessellate` at 1280×360, the size of the strip below the text.
#![allow(clippy::print_stdout, clippy::unwrap_used)]

use std::collections::HashSet;
use std::time::Instant;

use casebook::ui::theme::ThemeChoice;
use casebook::ui::timeline::canvas::{Canvas, CanvasInput};
use casebook::ui::timeline::view::{View, extent};
use casebook_core::anchor::TextIndex;
use casebook_core::timeline::chronology::Chronology;
use casebook_core::timeline::chronology::LayerTimeline;
use casebook_core::timeline::{Event, PartialDate};
use egui::{FontId, RawInput, Rect, pos2, vec2};

const EVENTS: usize = 5000;
const LANES: [&str; 5] = ["DPRK", "Security Council", "South Korea", "Diplomacy", "United States"];

/// Deterministic events spread over 1900–2025, in five lanes, some of them ranges.
fn chronology() -> Chronology {
    let mut seed: u64 = 0x5eed;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let events: Vec<Event> = (0..EVENTS)
        .map(|i| {
            let year = 1900 + (next() % 126) as i64;
            let date = PartialDate::ymd(year, 1 + (next() % 12) as u8, 1 + (next() % 28) as u8);
            let mut e = Event::new(format!("e{i}"), date, format!("Event {i}: a resolution, a test or a summit"));
            e.lane = Some(LANES[i % LANES.len()].to_owned());
            if i % 7 == 0 {
                e.end = Some(PartialDate::year(year + 1 + (next() % 4) as i64));
            }
            e
        })
        .collect();
    let mut sorted = events;
    sorted.sort_by_key(|e| e.date);
    Chronology::new((&sorted, &[]), LayerTimeline::default(), "", &TextIndex::new(""), &[], false)
}

fn input() -> RawInput {
    RawInput { screen_rect: Some(Rect::from_min_size(pos2(0.0, 0.0), vec2(1280.0, 360.0))), ..Default::default() }
}

/// Median milliseconds per frame of `ui`, each a full `run` and `tessellate`.
fn median_ms(frames: usize, mut ui: impl FnMut(&mut egui::Ui)) -> f64 {
    let ctx = egui::Context::default();
    let mut samples = Vec::with_capacity(frames);
    for frame in 0..frames + 3 {
        let start = Instant::now();
        let output = ctx.run_ui(input(), &mut ui);
        let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
        let vertices: usize = primitives
            .iter()
            .map(|p| match &p.primitive {
                egui::epaint::Primitive::Mesh(m) => m.vertices.len(),
                egui::epaint::Primitive::Callback(_) => 0,
            })
            .sum();
        assert!(vertices > 2000, "a frame drew only {vertices} vertices: the view is not there");
        if frame >= 3 {
            samples.push(start.elapsed().as_secs_f64() * 1000.0);
        }
    }
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

fn casebook_ms(chronology: &Chronology, view: Option<View>, frames: usize) -> f64 {
    let mut canvas = Canvas::new(egui::Id::unique("bench-canvas"));
    canvas.view = view;
    let palette = casebook::ui::theme::palette(ThemeChoice::Light);
    let in_view = HashSet::new();
    median_ms(frames, |ui| {
        let input = CanvasInput {
            chronology,
            rev: 1,
            palette: &palette,
            vertical: false,
            selected: None,
            in_view: &in_view,
            reading: None,
        };
        let _ = canvas.ui(ui, &input);
    })
}

/// Every event's dot and label, placed at its date, laid out every frame.
fn naive_ms(chronology: &Chronology, view: View, frames: usize) -> f64 {
    let palette = casebook::ui::theme::palette(ThemeChoice::Light);
    median_ms(frames, |ui| {
        let rect = ui.available_rect_before_wrap();
        let painter = ui.painter();
        let span = view.end - view.start;
        for e in &chronology.entries {
            let t = (e.event.date.start_years() - view.start) / span;
            if !(0.0..=1.0).contains(&t) {
                continue;
            }
            let x = rect.left() + t as f32 * rect.width();
            let y = rect.top() + 40.0 + e.lane as f32 * 60.0;
            painter.circle_filled(pos2(x, y), 5.0, palette.lane(e.lane));
            painter.text(
                pos2(x, y + 8.0),
                egui::Align2::LEFT_TOP,
                &e.event.title,
                FontId::proportional(14.0),
                palette.text,
            );
        }
    })
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let frames = if quick { 20 } else { 120 };
    let chronology = chronology();
    let fit = extent(&chronology).unwrap();
    let mid = (fit.start + fit.end) / 2.0;
    let zoomed = View { start: mid - 1.0, end: mid + 1.0 };
    for (name, view) in [("fit", fit), ("zoomed", zoomed)] {
        let ours = casebook_ms(&chronology, Some(view), frames);
        let naive = naive_ms(&chronology, view, frames);
        println!(
            "timeline_bench events={EVENTS} view={name} median_ms={ours:.2} naive_median_ms={naive:.2} ratio={:.2}",
            ours / naive
        );
    }
}
