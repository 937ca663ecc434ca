//! `casebook serve CASE --question N`: the room server for one question, without the window.
//! It prints where to join, then the tally as answers come in; on SIGINT, SIGTERM or SIGHUP
//! it closes the round, saves it to the instructor layer through a session, and prints the
//! result as one line of JSON.

use std::io::Write as _;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::Path;
use std::sync::mpsc;

use anyhow::Context as _;
use casebook_core::case;
use casebook_core::layer::now_unix_ms;
use casebook_core::live::{LiveQuestion, Room, Snapshot, Tally, plan_order};
use casebook_core::session::{Edit, Role, Session};
use casebook_core::shared::{Results, SharedLayer};
use serde_json::{Value, json};

use super::{DEFAULT_PORT, Limits, Server, lan};

enum Event {
    Changed(Box<Snapshot>),
    Stop,
}

/// The address phones should use: the best LAN address, or this computer alone when there is
/// none they could reach.
pub fn best_address() -> IpAddr {
    match lan::candidates().into_iter().find(|c| c.rank < 3) {
        Some(c) => IpAddr::V4(c.addr),
        None => IpAddr::V4(Ipv4Addr::LOCALHOST),
    }
}

/// The addresses to try: the port asked for, or the usual one and then any free one.
pub fn bind_addresses(ip: IpAddr, port: Option<u16>) -> Vec<SocketAddr> {
    match port {
        Some(p) => vec![SocketAddr::new(ip, p)],
        None => vec![SocketAddr::new(ip, DEFAULT_PORT), SocketAddr::new(ip, 0)],
    }
}

/// `{"question":N,"answers":A,"tally":[{"option":"Yes","count":C},...]}`.
pub fn tally_json(number: usize, tally: Option<&Tally>) -> Value {
    let bars: Vec<Value> = tally
        .map(Tally::bars)
        .unwrap_or_default()
        .into_iter()
        .map(|(option, count)| json!({ "option": option, "count": count }))
        .collect();
    json!({ "question": number, "answers": tally.map_or(0, Tally::answers), "tally": bars })
}

#[allow(clippy::print_stdout)] // the command's output
fn say(line: &str) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{line}");
    let _ = out.flush();
}

pub fn run(case: &Path, number: usize, bind: Option<IpAddr>, port: Option<u16>) -> anyhow::Result<()> {
    let case_file = case::case_file(case)?;
    let case = case::load(&case_file)?;
    let (mut session, _) = Session::open(case, Role::Instructor, &crate::data_dir());
    if session.student().is_some() {
        anyhow::bail!("{}: this is a student case pack; serve the instructor's case", case_file.display());
    }
    if let Some(problem) = session.problem() {
        anyhow::bail!("{problem}");
    }
    let shared = SharedLayer::new(session.layer(), Results::Leave);
    let order = plan_order(&shared);
    let question = number
        .checked_sub(1)
        .and_then(|i| order.get(i))
        .with_context(|| format!("there is no question {number}: the plan has {}", order.len()))?;
    let mut room = Room::default();
    room.show(Some(LiveQuestion::new(&shared, question)), now_unix_ms());
    let ip = bind.unwrap_or_else(best_address);
    let (tx, rx) = mpsc::channel();
    let changes = tx.clone();
    let on_change = Box::new(move |snapshot| {
        let _ = changes.send(Event::Changed(Box::new(snapshot)));
    });
    let server = Server::start(&bind_addresses(ip, port), room, Limits::default(), on_change)
        .with_context(|| format!("cannot listen on {ip}"))?;
    if ip.is_loopback() && bind.is_none() {
        eprintln!("casebook: no network that phones could reach was found; serving this computer only");
    }
    say(&format!("listening on {}", server.url()));
    // SIGINT, SIGTERM and SIGHUP; Ctrl+C, Ctrl+Break and closing the console on Windows.
    ctrlc::set_handler(move || {
        let _ = tx.send(Event::Stop);
    })
    .context("cannot catch signals")?;
    let mut last = None;
    for event in rx {
        match event {
            Event::Changed(snapshot) => {
                let mut line = tally_json(number, snapshot.tally.as_ref());
                line["connected"] = json!(snapshot.connected);
                if let Some(verdict) = snapshot.tally.as_ref().and_then(Tally::verdict) {
                    line["verdict"] = json!(verdict.to_string());
                }
                if last.as_ref() != Some(&line) {
                    say(&format!("tally {line}"));
                    last = Some(line);
                }
            }
            Event::Stop => break,
        }
    }
    let now = now_unix_ms();
    let (tally, records) = {
        let mut room = server.room();
        room.set_open(false);
        (room.round().map(|r| r.tally()), room.unrecorded(now))
    };
    server.stop();
    for record in records {
        session.apply(Edit::PutRecord(record), 0.0);
    }
    session.save_now()?;
    say(&tally_json(number, tally.as_ref()).to_string());
    Ok(())
}
