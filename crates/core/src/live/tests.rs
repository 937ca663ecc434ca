use super::*;
use crate::plan::unsc::Ballot;
use crate::plan::{Kind, Question};
use crate::shared::{Results, SharedLayer};
use crate::testing::{SECRETS, layer_with_secrets};

fn vote_layer() -> crate::layer::Layer {
    let mut layer = layer_with_secrets();
    let mut vote = Question::new("q3", "**Sanctions** now?", 1);
    vote.kind = Kind::Vote { options: vec!["Yes".into(), "No".into(), "Wait".into()], tally: vec![40, 2, 9] };
    vote.teaching_note = "SECRET-TEACHING-NOTE".into();
    layer.questions.put(vote);
    layer
}

fn question(layer: &crate::layer::Layer, id: &str) -> LiveQuestion {
    let shared = SharedLayer::new(layer, Results::Include);
    LiveQuestion::new(&shared, shared.question(id).unwrap())
}

fn option(i: usize) -> AnswerIn {
    AnswerIn { option: Some(i), ..AnswerIn::default() }
}

fn ballot(seat: &str, b: Ballot) -> AnswerIn {
    AnswerIn { seat: Some(seat.into()), ballot: Some(b), ..AnswerIn::default() }
}

fn room_with(layer: &crate::layer::Layer, id: &str) -> Room {
    let mut room = Room::default();
    room.show(Some(question(layer, id)), 1_000);
    room
}

#[test]
fn a_new_answer_replaces_the_old_and_counts_once() {
    let layer = vote_layer();
    let mut room = room_with(&layer, "q3");
    let (a, b) = (room.new_device([1; 16]).unwrap(), room.new_device([2; 16]).unwrap());
    room.submit(a, &option(0)).unwrap();
    room.submit(a, &option(2)).unwrap();
    room.submit(b, &option(2)).unwrap();
    let Tally::Options { counts, answers, .. } = room.round().unwrap().tally() else { panic!() };
    assert_eq!((counts, answers), (vec![0, 0, 2], 2));
    assert_eq!(room.submit(a, &option(3)), Err(Reject::UnknownOption));
    assert_eq!(room.submit(a, &AnswerIn { text: Some("x".into()), ..AnswerIn::default() }), Err(Reject::WrongKind));
    room.set_open(false);
    assert_eq!(room.submit(a, &option(1)), Err(Reject::Closed));
    room.set_open(true);
    room.submit(a, &option(1)).unwrap();
    assert_eq!(room.round().unwrap().tally().bars()[1], ("No".to_owned(), 1));
}

#[test]
fn one_ballot_per_seat_and_one_seat_per_device() {
    let layer = layer_with_secrets();
    let mut room = room_with(&layer, "q2");
    let (a, b) = (room.new_device([1; 16]).unwrap(), room.new_device([2; 16]).unwrap());
    room.submit(a, &ballot("China", Ballot::No)).unwrap();
    assert_eq!(room.submit(b, &ballot("China", Ballot::Yes)), Err(Reject::SeatTaken));
    assert_eq!(room.submit(b, &ballot("Atlantis", Ballot::Yes)), Err(Reject::UnknownSeat));
    assert_eq!(room.submit(b, &ballot("France", Ballot::Absent)), Err(Reject::UnknownBallot));
    let state = room.state_json(1, Some(b));
    assert_eq!(state["question"]["seats"][0]["taken"], true, "China is taken for the other phone");
    assert_eq!(room.state_json(1, Some(a))["question"]["seats"][0]["taken"], false, "not for its holder");
    room.submit(a, &ballot("France", Ballot::Yes)).unwrap();
    room.submit(b, &ballot("China", Ballot::Yes)).unwrap();
    let Tally::Council { vote, answers } = room.round().unwrap().tally() else { panic!() };
    assert_eq!((vote.counts().yes, answers), (2, 2));
    // The instructor gives Russia to phone a, which gives up France.
    room.assign_seat(2, Some(a));
    assert_eq!(room.state_json(1, Some(a))["you"], serde_json::json!({"seat": "Russia", "ballot": null}));
    room.submit(a, &ballot("Russia", Ballot::No)).unwrap();
    let tally = room.round().unwrap().tally();
    assert_eq!(
        tally.verdict().unwrap().to_string(),
        "Failed: fewer than 9 votes in favour (1 in favour, 1 against, 0 abstaining, 13 absent)"
    );
}

#[test]
fn the_verdict_is_live_under_article_27() {
    let layer = layer_with_secrets();
    let mut room = room_with(&layer, "q2");
    let members: Vec<String> = question(&layer, "q2").seats().iter().map(|(m, _)| (*m).to_owned()).collect();
    for (i, m) in members.iter().enumerate() {
        let d = room.new_device([i as u8 + 1; 16]).unwrap();
        let b = if m == "China" || m == "Russia" { Ballot::No } else { Ballot::Yes };
        room.submit(d, &ballot(m, b)).unwrap();
    }
    let tally = room.round().unwrap().tally();
    assert!(tally.verdict().unwrap().to_string().starts_with("Vetoed by China and Russia"));
    let record = room.unrecorded(5_000).remove(0);
    assert_eq!(record.summary(), "13 in favour, 2 against: vetoed by China and Russia");
    assert_eq!(record.ballots()["China"], Ballot::No);
    assert!(room.unrecorded(6_000).is_empty(), "recorded once");
}

#[test]
fn texts_are_checked_and_kept_with_names_for_the_instructor() {
    let layer = layer_with_secrets();
    let mut room = room_with(&layer, "q1");
    let a = room.new_device([1; 16]).unwrap();
    let long = "x".repeat(MAX_TEXT_CHARS + 1);
    assert_eq!(room.submit(a, &AnswerIn { text: Some(long), ..AnswerIn::default() }), Err(Reject::TooLong));
    assert_eq!(room.submit(a, &AnswerIn { text: Some(" \u{7} ".into()), ..AnswerIn::default() }), Err(Reject::Empty));
    let name = Some("n".repeat(MAX_NAME_CHARS + 1));
    assert_eq!(room.submit(a, &AnswerIn { name, ..AnswerIn::default() }), Err(Reject::TooLong));
    let markup = "<b>veto</b> <script>alert(1)</script>";
    room.submit(a, &AnswerIn { text: Some(markup.into()), name: Some("Ana".into()), ..AnswerIn::default() }).unwrap();
    let record = room.unrecorded(2_000).remove(0);
    assert_eq!(record.texts[0].text, markup, "kept as typed: it is drawn as text");
    assert_eq!(record.texts[0].name.as_deref(), Some("Ana"));
    assert_eq!(room.round().unwrap().tally().to_json(), serde_json::json!({"answers": 1}), "phones see a count");
}

#[test]
fn phones_see_only_shared_fields_and_the_tally_when_revealed() {
    let layer = vote_layer();
    let mut room = Room::default();
    let a = room.new_device([1; 16]).unwrap();
    assert_eq!(room.state_json(1, Some(a))["phase"], "waiting");
    for id in ["q1", "q2", "q3"] {
        room.show(Some(question(&layer, id)), 1_000);
        room.set_revealed(true);
        let shown = room.state_json(2, Some(a)).to_string();
        for secret in SECRETS {
            assert!(!shown.contains(secret), "{secret} reaches a phone: {shown}");
        }
    }
    let state = room.state_json(3, Some(a));
    assert_eq!(state["question"]["text"], "Sanctions now?", "plain text");
    assert_eq!(state["question"]["number"], 3);
    assert_eq!(state["tally"]["counts"], serde_json::json!([0, 0, 0]), "the plan's tally never reaches phones");
    room.set_revealed(false);
    assert!(room.state_json(4, Some(a))["tally"].is_null());
}

#[test]
fn going_back_finds_the_round_and_clear_starts_a_new_one() {
    let layer = vote_layer();
    let mut room = room_with(&layer, "q3");
    let a = room.new_device([1; 16]).unwrap();
    room.submit(a, &option(1)).unwrap();
    room.show(None, 2_000);
    assert_eq!(room.submit(a, &option(1)), Err(Reject::NoQuestion));
    room.show(Some(question(&layer, "q3")), 3_000);
    assert_eq!(room.round().unwrap().answer_count(), 1, "the round is kept");
    let old = room.clear(4_000).unwrap();
    let record = room.record_of(&old, 4_000).unwrap();
    assert_eq!(record.options[1].count, 1);
    assert_eq!(room.round().unwrap().answer_count(), 0);
    assert_ne!(room.round().unwrap().record_id, old.record_id, "a new record");
}

#[test]
fn plan_order_is_segments_then_the_rest() {
    let mut layer = vote_layer();
    let mut q0 = Question::new("q0", "Outside", 1);
    q0.segment = None;
    layer.questions.put(q0);
    layer.questions.reorder(&["q0".into(), "q1".into(), "q2".into(), "q3".into()]);
    let shared = SharedLayer::new(&layer, Results::Include);
    let ids: Vec<&str> = plan_order(&shared).iter().map(|q| q.id.as_str()).collect();
    assert_eq!(ids, ["q1", "q2", "q0", "q3"]);
}

#[test]
fn connected_phones_are_those_seen_lately() {
    let mut room = Room::default();
    let a = room.new_device([1; 16]).unwrap();
    let b = room.new_device([2; 16]).unwrap();
    room.seen(a, 1_000);
    room.seen(b, 50_000);
    assert_eq!(room.connected(50_000), 1);
}
