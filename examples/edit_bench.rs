//! The edit benchmark: typing into one annotation's note while a large case is open in the
//! whole app, headless at 1280×800.
//!
//! The case is the generated 1M-word case with 10,000 annotations, 5,000 events and 50
//! questions. Each keystroke is a full frame: the edit applied, the app's UI run, tessellated.
//! Run with `cargo run --release --example edit_bench` (add `-- --quick` for a short run).
#![allow(clippy::print_stdout, clippy::unwrap_used)]

#[path = "support/generate.rs"]
mod support;

use std::time::Instant;

use casebook::ui::{App, Command, Start};
use casebook_core::anchor::{Selector, TextIndex};
use casebook_core::layer::{Annotation, Color, Layer};
use casebook_core::plan::Question;
use casebook_core::session::{Edit, Settings};
use casebook_core::timeline::{Event, LayerEvent, PartialDate};
use egui::{RawInput, Rect, pos2, vec2};

const ANNOTATIONS: usize = 10_000;
const EVENTS: usize = 5_000;
const QUESTIONS: usize = 50;

fn layer(text: &str) -> Layer {
    let index = TextIndex::new(text);
    let step = text.len() / ANNOTATIONS;
    let boundary = |mut at: usize| {
        while !text.is_char_boundary(at) {
            at += 1;
        }
        at
    };
    let annotations: Vec<Annotation> = (0..ANNOTATIONS)
        .map(|k| {
            let start = boundary(k * step);
            let end = boundary((start + 40).min(text.len()));
            let mut a =
                Annotation::new(format!("a{k}"), Selector::from_range(text, &index, start..end), Color::ALL[k % 5], 1);
            a.note = format!("Note {k}");
            a
        })
        .collect();
    let events: Vec<LayerEvent> = (0..EVENTS)
        .map(|k| LayerEvent {
            event: Event::new(
                format!("e{k}"),
                PartialDate::ymd(1900 + (k % 125) as i64, 1 + (k % 12) as u8, 1 + (k % 28) as u8),
                format!("Event {k}"),
            ),
            hidden: false,
            created_unix_ms: 1,
            modified_unix_ms: 1,
            origin: None,
        })
        .collect();
    let questions: Vec<Question> =
        (0..QUESTIONS).map(|k| Question::new(format!("q{k}"), format!("Question {k}?"), 1)).collect();
    Layer { annotations: annotations.into(), events: events.into(), questions: questions.into(), ..Layer::default() }
}

fn note_of<'a>(app: &'a App, id: &str) -> &'a Annotation {
    app.case_view().unwrap().session.layer().annotations.get(id).unwrap()
}

fn input(time_secs: f64) -> RawInput {
    RawInput {
        screen_rect: Some(Rect::from_min_size(pos2(0.0, 0.0), vec2(1280.0, 800.0))),
        time: Some(time_secs),
        ..Default::default()
    }
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    // `--keystrokes N` types more, for profiling the typing rather than the opening.
    let keystrokes = std::env::args()
        .skip_while(|a| a != "--keystrokes")
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(if quick { 40 } else { 200 });
    let dir = tempfile::tempdir().unwrap();
    let case_dir = dir.path().join("generated");
    std::fs::create_dir_all(&case_dir).unwrap();
    let markdown = support::generate(1_000_000);
    std::fs::write(case_dir.join("case.md"), &markdown).unwrap();
    let case = casebook_core::case::load(&case_dir.join("case.md")).unwrap();
    std::fs::write(case_dir.join("instructor.casebook.json"), layer(&case.doc.text).to_json()).unwrap();

    let ctx = egui::Context::default();
    let start = Start { path: Some(case_dir.clone()), data_dir: dir.path().join("data"), fresh: true };
    let mut app = App::with_settings(&ctx, start, Settings::default());
    let mut time = 0.0;
    let frame = |app: &mut App, time: &mut f64| {
        *time += 1.0 / 60.0;
        let output = ctx.run_ui(input(*time), |ui| app.ui(ui));
        std::hint::black_box(ctx.tessellate(output.shapes, output.pixels_per_point));
    };
    while app.case().is_none() {
        frame(&mut app, &mut time);
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let id = "a5000".to_owned();
    app.apply(Command::SelectAnnotation(Some(id.clone())));
    for _ in 0..5 {
        frame(&mut app, &mut time);
    }
    let mut samples = Vec::with_capacity(keystrokes);
    for k in 0..keystrokes {
        let mut a = note_of(&app, &id).clone();
        a.note.push(if k % 6 == 5 { ' ' } else { 'x' });
        let started = Instant::now();
        app.apply(Command::Edit(Edit::PutAnnotation(a)));
        frame(&mut app, &mut time);
        samples.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    let note = &note_of(&app, &id).note;
    assert_eq!(note.chars().count(), "Note 5000".len() + keystrokes, "every keystroke reached the note");
    samples.sort_by(f64::total_cmp);
    let at = |q: f64| samples[((samples.len() - 1) as f64 * q).round() as usize];
    println!("edit_bench keystroke median_ms={:.3} p99_ms={:.3}", at(0.5), at(0.99));
}
