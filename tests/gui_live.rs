//! Going live from a presentation, driven headless as an instructor would: Go live, a phone
//! answers, Reveal, Stop; the round is kept in the class record. Servers here listen on
//! 127.0.0.1, on a port the system picks.
#![allow(clippy::unwrap_used)] // a panic is the failure report

#[path = "support/phone.rs"]
mod phone;
mod support;

use std::net::{IpAddr, Ipv4Addr};
use std::time::{Duration, Instant};

use casebook::App;
use casebook::ui::live_panel::{Live, LiveAsk};
use casebook_core::layer::Layer;
use casebook_core::live::{AnswerIn, LiveKind, LiveQuestion};
use casebook_core::plan::{Kind, Question};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use phone::Phone;
use support::*;

fn vote_layer() -> Layer {
    let mut vote = Question::new("q1", "Adopt the draft?", 1);
    vote.kind = Kind::Vote { options: vec!["Yes".into(), "No".into()], tally: vec![0, 0] };
    vote.teaching_note = "PRIVATE: count hands too".into();
    Layer { questions: vec![vote].into(), ..Layer::default() }
}

fn live<'a>(h: &'a mut Harness<'static, App>) -> &'a mut Live {
    &mut h.state_mut().case_view_mut().unwrap().presentation.as_mut().unwrap().live
}

/// Steps the app until `done`, for at most three seconds: the server publishes every 200 ms.
fn step_until(h: &mut Harness<'static, App>, done: impl Fn(&App) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(3);
    while !done(h.state()) && Instant::now() < deadline {
        h.step();
        std::thread::sleep(Duration::from_millis(20));
    }
    h.run();
}

fn answers(app: &App) -> usize {
    app.presentation().and_then(|p| p.live.snapshot.tally.as_ref()).map_or(0, |t| t.answers())
}

#[test]
fn go_live_answer_reveal_and_stop() {
    let (_dir, case) = case_with_layer(Some(&vote_layer()));
    let data = tempfile::tempdir().unwrap();
    let mut h = harness(Some(case), data.path());
    h.run();
    h.key_press(egui::Key::F5);
    h.run();
    assert!(h.query_by_label("Go live").is_some(), "off until asked");
    live(&mut h).bind = Some(IpAddr::V4(Ipv4Addr::LOCALHOST));
    live(&mut h).port = Some(0);
    h.key_press(egui::Key::ArrowRight);
    h.run();
    h.get_by_label("Go live").click();
    h.run();
    let url = live(&mut h).url().unwrap().to_owned();
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    let (addr, code) = url.trim_start_matches("http://").split_once('/').unwrap();
    let mut p = Phone::new(addr.parse().unwrap());
    let state: serde_json::Value = serde_json::from_str(&p.get(&format!("/{code}/state")).body).unwrap();
    assert_eq!(state["question"]["text"], "Adopt the draft?", "the phone follows the slide");
    assert!(state["tally"].is_null());
    assert_eq!(p.answer(code, r#"{"option":1}"#).status, 204);
    step_until(&mut h, |app| answers(app) == 1);
    assert_eq!(answers(h.state()), 1, "the tally reaches the window");

    h.get_by_label("Reveal results").click();
    h.run();
    let state: serde_json::Value = serde_json::from_str(&p.get(&format!("/{code}/state")).body).unwrap();
    assert_eq!(state["tally"]["counts"], serde_json::json!([0, 1]), "revealed on the phones");
    h.get_by_label("Close voting").click();
    h.run();
    assert_eq!(p.answer(code, r#"{"option":0}"#).status, 409);
    let records = &h.state().layer().unwrap().records;
    assert_eq!(records.len(), 1, "closing keeps the round in the class record");

    h.get_by_label("Stop").click();
    h.run();
    assert!(!live(&mut h).is_live());
    assert!(std::net::TcpStream::connect(addr).is_err(), "nothing listens after Stop");
}

#[test]
fn the_key_goes_live_and_ending_the_presentation_stops_it() {
    let (_dir, case) = case_with_layer(Some(&vote_layer()));
    let data = tempfile::tempdir().unwrap();
    let mut h = harness(Some(case), data.path());
    h.run();
    h.key_press(egui::Key::F5);
    h.run();
    live(&mut h).bind = Some(IpAddr::V4(Ipv4Addr::LOCALHOST));
    live(&mut h).port = Some(0);
    h.key_press(egui::Key::L);
    h.run();
    let addr = live(&mut h).server().unwrap().addr();
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(h.state().presentation().is_none());
    assert!(std::net::TcpStream::connect(addr).is_err(), "the server stops with the presentation");
}

#[test]
fn text_answers_show_on_the_console_as_typed() {
    let ctx = egui::Context::default();
    let mut room_live = Live::default();
    room_live.bind = Some(IpAddr::V4(Ipv4Addr::LOCALHOST));
    room_live.port = Some(0);
    room_live.ask(LiveAsk::GoLive, &ctx);
    let snapshot = {
        let server = room_live.server().unwrap();
        let mut room = server.room();
        let q = LiveQuestion { id: "q".into(), number: 1, text: "Why?".into(), kind: LiveKind::Open };
        room.show(Some(q), 1);
        let d = room.new_device([7; 16]).unwrap();
        let markup = "<script>alert(1)</script> <b>bold</b>";
        let input = AnswerIn { text: Some(markup.into()), name: Some("<i>Ana</i>".into()), ..AnswerIn::default() };
        room.submit(d, &input).unwrap();
        room.snapshot(1)
    };
    room_live.snapshot = snapshot;
    let mut h = Harness::new_ui_state(
        |ui, live: &mut Live| {
            for ask in live.console_ui(ui) {
                let _ = live.ask(ask, ui.ctx());
            }
        },
        room_live,
    );
    h.run();
    assert!(h.query_by_label("<script>alert(1)</script> <b>bold</b>").is_some(), "markup shows as text");
    assert!(h.query_by_label_contains("<i>Ana</i>").is_some());
    h.get_by_label("Pin to wall").click();
    h.run();
    assert_eq!(h.state().pinned.as_deref(), Some("<script>alert(1)</script> <b>bold</b>"), "pinned to the wall");
}
