//! Live voting in a presentation: **Go live** and **Stop**, the join QR code and address, the
//! tally and the phones connected, opening, closing and revealing, the Council's seats, and
//! text answers to read out or pin to the wall. The server runs on its own thread; this reads
//! the snapshots it sends as messages, and locks the room only to carry out a click.

use std::net::IpAddr;
use std::sync::mpsc;

use casebook_core::layer::now_unix_ms;
use casebook_core::live::{DeviceId, LiveQuestion, Room, Snapshot, Tally};
use casebook_core::plan::ClassRecord;
use casebook_core::session::Edit;
use casebook_core::shared::SharedLayer;
use egui::{Align2, Color32, FontId, Rect, RichText, Ui, pos2, vec2};

use super::actions::{Action, consume, hint};
use super::command::Command;
use super::theme::Palette;
use crate::live::qr::Qr;
use crate::live::{Limits, Server, serve};

/// What the instructor asks of the room.
#[derive(Clone, Debug, PartialEq)]
pub enum LiveAsk {
    GoLive,
    Stop,
    SetOpen(bool),
    SetRevealed(bool),
    Clear,
    Pin(Option<String>),
    Assign(usize, Option<DeviceId>),
}

/// The room while presenting: off until the instructor goes live.
#[derive(Default)]
pub struct Live {
    server: Option<Server>,
    messages: Option<mpsc::Receiver<Snapshot>>,
    qr: Option<Qr>,
    url: String,
    /// The room as last sent by the server.
    pub snapshot: Snapshot,
    /// Where to listen; the best LAN address when `None`.
    pub bind: Option<IpAddr>,
    /// The port; 7420 or a free one when `None`.
    pub port: Option<u16>,
    /// A text answer shown on the wall.
    pub pinned: Option<String>,
    /// Why going live failed.
    pub error: Option<String>,
    shown: Option<String>,
}

impl Live {
    pub fn is_live(&self) -> bool {
        self.server.is_some()
    }

    /// The address phones join at.
    pub fn url(&self) -> Option<&str> {
        self.server.as_ref().map(|_| self.url.as_str())
    }

    /// The running server, for tests and the snapshot's source.
    pub fn server(&self) -> Option<&Server> {
        self.server.as_ref()
    }

    /// Carries out what the instructor asked; rounds to keep come back as edits.
    pub fn ask(&mut self, ask: LiveAsk, ctx: &egui::Context) -> Vec<Command> {
        let now = now_unix_ms();
        match ask {
            LiveAsk::GoLive => self.go_live(ctx),
            LiveAsk::Stop => return self.stop(),
            LiveAsk::Pin(text) => self.pinned = text,
            ask => {
                let Some(server) = &self.server else { return Vec::new() };
                let mut room = server.room();
                let mut records = Vec::new();
                match ask {
                    LiveAsk::SetOpen(open) => {
                        room.set_open(open);
                        if !open {
                            records = room.unrecorded(now);
                        }
                    }
                    LiveAsk::SetRevealed(shown) => room.set_revealed(shown),
                    LiveAsk::Clear => {
                        records.extend(room.clear(now).and_then(|old| room.record_of(&old, now)));
                        self.pinned = None;
                    }
                    LiveAsk::Assign(seat, device) => room.assign_seat(seat, device),
                    LiveAsk::GoLive | LiveAsk::Stop | LiveAsk::Pin(_) => {}
                }
                self.snapshot = room.snapshot(now);
                return records_to_commands(records);
            }
        }
        Vec::new()
    }

    fn go_live(&mut self, ctx: &egui::Context) {
        if self.server.is_some() {
            return;
        }
        // CASEBOOK_LIVE_BIND picks the address where the best guess is wrong (and for tests).
        let forced = std::env::var("CASEBOOK_LIVE_BIND").ok().and_then(|a| a.parse::<IpAddr>().ok());
        let ip = self.bind.or(forced).unwrap_or_else(serve::best_address);
        let (tx, rx) = mpsc::channel();
        let waker = ctx.clone();
        let on_change = Box::new(move |snapshot| {
            let _ = tx.send(snapshot);
            waker.request_repaint();
        });
        match Server::start(&serve::bind_addresses(ip, self.port), Room::default(), Limits::default(), on_change) {
            Ok(server) => {
                self.url = server.url();
                self.qr = Qr::new(&self.url).ok();
                self.server = Some(server);
                self.messages = Some(rx);
                self.error = None;
                self.shown = None;
                if ip.is_loopback() && self.bind.is_none() && forced.is_none() {
                    self.error = Some("No network phones could reach was found: only this computer can join.".into());
                }
            }
            Err(e) => self.error = Some(format!("Could not go live on {ip}: {e}")),
        }
    }

    /// Stops the server; the rounds not yet kept come back as edits.
    pub fn stop(&mut self) -> Vec<Command> {
        let Some(server) = self.server.take() else { return Vec::new() };
        let records = {
            let mut room = server.room();
            room.set_open(false);
            room.unrecorded(now_unix_ms())
        };
        server.stop();
        self.messages = None;
        self.qr = None;
        self.pinned = None;
        self.snapshot = Snapshot::default();
        records_to_commands(records)
    }

    /// Takes in what the server sent since the last frame.
    pub fn poll(&mut self) {
        if let Some(rx) = &self.messages
            && let Some(latest) = rx.try_iter().last()
        {
            self.snapshot = latest;
        }
    }

    /// Whether the phones show another question than the slide's.
    pub fn behind(&self, question: Option<&str>) -> bool {
        self.is_live() && self.shown.as_deref() != question
    }

    /// Puts the question of the slide on show on the phones (or "waiting"). The rounds left
    /// behind are kept.
    pub fn follow(&mut self, question: Option<&str>, layer: &SharedLayer) -> Vec<Command> {
        let Some(server) = &self.server else { return Vec::new() };
        self.shown = question.map(str::to_owned);
        self.pinned = None;
        let live = question.and_then(|id| layer.question(id)).map(|q| LiveQuestion::new(layer, q));
        let now = now_unix_ms();
        let mut room = server.room();
        let records = room.unrecorded(now);
        room.show(live, now);
        self.snapshot = room.snapshot(now);
        records_to_commands(records)
    }

    /// The keys for going live, voting and results.
    pub fn keys(&self, ctx: &egui::Context) -> Vec<LiveAsk> {
        let s = &self.snapshot;
        ctx.input_mut(|i| {
            let mut asks = Vec::new();
            if consume(i, Action::GoLive) {
                asks.push(if self.is_live() { LiveAsk::Stop } else { LiveAsk::GoLive });
            }
            if self.is_live() && s.question.is_some() {
                if consume(i, Action::ToggleVoting) {
                    asks.push(LiveAsk::SetOpen(!s.open));
                }
                if consume(i, Action::ToggleResults) {
                    asks.push(LiveAsk::SetRevealed(!s.revealed));
                }
            }
            asks
        })
    }

    /// The controls for the console: going live, the address, voting, results, seats, texts.
    pub fn console_ui(&self, ui: &mut Ui) -> Vec<LiveAsk> {
        let mut asks = Vec::new();
        let s = &self.snapshot;
        ui.horizontal_wrapped(|ui| {
            if !self.is_live() {
                if ui.button("📡 Go live").on_hover_text(hint(ui.ctx(), Action::GoLive)).clicked() {
                    asks.push(LiveAsk::GoLive);
                }
                ui.weak("Students answer from their phones on this network.");
            } else {
                if ui.button("⏹ Stop").on_hover_text(hint(ui.ctx(), Action::GoLive)).clicked() {
                    asks.push(LiveAsk::Stop);
                }
                ui.strong(&self.url);
                ui.label(format!("· {} connected", phones(s.connected)));
            }
        });
        if let Some(error) = &self.error {
            ui.colored_label(ui.visuals().warn_fg_color, error);
        }
        if !self.is_live() {
            return asks;
        }
        let Some((_, number, _)) = &s.question else {
            ui.weak("Phones show “Waiting for the next question” until a question is on the wall.");
            return asks;
        };
        ui.horizontal_wrapped(|ui| {
            ui.label(format!("Question {number}:"));
            ui.label(if s.open { "voting open" } else { "voting closed" });
            let (label, open) = if s.open { ("Close voting", false) } else { ("Reopen voting", true) };
            if ui.button(label).on_hover_text(hint(ui.ctx(), Action::ToggleVoting)).clicked() {
                asks.push(LiveAsk::SetOpen(open));
            }
            let (label, shown) = if s.revealed { ("Hide results", false) } else { ("Reveal results", true) };
            if ui.button(label).on_hover_text(hint(ui.ctx(), Action::ToggleResults)).clicked() {
                asks.push(LiveAsk::SetRevealed(shown));
            }
            if ui
                .button("Clear round")
                .on_hover_text("Keep this round's answers in the class record and start afresh")
                .clicked()
            {
                asks.push(LiveAsk::Clear);
            }
        });
        if let Some(tally) = &s.tally {
            ui.label(RichText::new(tally_line(tally)).strong());
        }
        if !s.seats.is_empty() {
            seats_ui(ui, s, &mut asks);
        }
        if !s.texts.is_empty() {
            ui.strong(format!("Answers ({})", s.texts.len()));
            egui::ScrollArea::vertical().id_salt("live-texts").max_height(220.0).show(ui, |ui| {
                for (device, answer) in &s.texts {
                    ui.horizontal_wrapped(|ui| {
                        let pinned = self.pinned.as_deref() == Some(answer.text.as_str());
                        let label = if pinned { "Unpin" } else { "Pin to wall" };
                        if ui.small_button(label).clicked() {
                            asks.push(LiveAsk::Pin((!pinned).then(|| answer.text.clone())));
                        }
                        let who = answer.name.clone().unwrap_or_else(|| format!("Phone {device}"));
                        // Drawn as text: markup a student typed shows as typed.
                        ui.label(RichText::new(format!("{who}: ")).weak());
                        ui.label(&answer.text);
                    });
                }
            });
        }
        asks
    }

    /// Where the join code sits on the wall: the top right corner of `rect`, while live.
    pub fn qr_corner(&self, rect: Rect) -> Option<Rect> {
        let side = (rect.height() * 0.26).clamp(140.0, 320.0);
        let corner = Rect::from_min_size(pos2(rect.right() - side - 24.0, rect.top() + 24.0), vec2(side, side));
        self.is_live().then_some(corner)
    }

    /// The join address and the live results over the slide on the wall.
    pub fn wall_ui(&self, ui: &Ui, rect: Rect, palette: &Palette) {
        let Some(corner) = self.qr_corner(rect) else { return };
        let painter = ui.painter();
        if let Some(qr) = &self.qr {
            qr_ui(painter, qr, corner, ui.ctx().pixels_per_point());
        }
        let s = &self.snapshot;
        let caption = format!("{}\n{} connected", self.url, phones(s.connected));
        painter.text(
            corner.right_bottom() + vec2(0.0, 8.0),
            Align2::RIGHT_TOP,
            caption,
            FontId::proportional(18.0),
            palette.text,
        );
        let band = Rect::from_min_max(
            pos2(rect.left() + 24.0, rect.bottom() - rect.height() * 0.3),
            rect.right_bottom() - vec2(24.0, 44.0),
        );
        if let Some(text) = &self.pinned {
            painter.rect_filled(band, 8.0, palette.warning_bg);
            let galley = painter.layout(text.clone(), FontId::proportional(34.0), palette.text, band.width() - 40.0);
            painter.galley(band.min + vec2(20.0, 16.0), galley, palette.text);
            return;
        }
        let Some(tally) = s.tally.as_ref().filter(|_| s.revealed) else {
            if s.question.is_some() && !s.open {
                painter.text(
                    band.right_bottom(),
                    Align2::RIGHT_BOTTOM,
                    "Voting closed",
                    FontId::proportional(28.0),
                    palette.error,
                );
            }
            return;
        };
        bars_ui(painter, band, tally, palette);
    }

    /// A small row of buttons on the wall when there is no console.
    pub fn wall_buttons_ui(&self, ui: &mut Ui, rect: Rect) -> Vec<LiveAsk> {
        let mut asks = Vec::new();
        let at = Rect::from_min_size(pos2(rect.center().x - 240.0, rect.bottom() - 40.0), vec2(480.0, 32.0));
        ui.scope_builder(egui::UiBuilder::new().max_rect(at), |ui| {
            ui.horizontal(|ui| {
                let label = if self.is_live() { "Stop" } else { "Go live" };
                if ui.small_button(label).on_hover_text(hint(ui.ctx(), Action::GoLive)).clicked() {
                    asks.push(if self.is_live() { LiveAsk::Stop } else { LiveAsk::GoLive });
                }
                if self.is_live() && self.snapshot.question.is_some() {
                    let s = &self.snapshot;
                    if ui.small_button(if s.open { "Close voting" } else { "Reopen voting" }).clicked() {
                        asks.push(LiveAsk::SetOpen(!s.open));
                    }
                    if ui.small_button(if s.revealed { "Hide results" } else { "Reveal results" }).clicked() {
                        asks.push(LiveAsk::SetRevealed(!s.revealed));
                    }
                }
            });
        });
        asks
    }
}

fn records_to_commands(records: Vec<ClassRecord>) -> Vec<Command> {
    records.into_iter().map(|r| Command::Edit(Edit::PutRecord(r))).collect()
}

fn phones(n: usize) -> String {
    if n == 1 { "1 phone".to_owned() } else { format!("{n} phones") }
}

/// The tally in a line: counts, or the Council's verdict so far.
pub fn tally_line(tally: &Tally) -> String {
    match tally {
        Tally::Council { vote, .. } => {
            let c = vote.counts();
            let verdict = tally.verdict().map(|o| o.to_string()).unwrap_or_default();
            format!("{} of 15 seats voted. {verdict}", 15 - c.not_voted)
        }
        Tally::Texts { answers } => format!("{answers} answers"),
        Tally::Options { .. } => {
            let bars: Vec<String> = tally.bars().iter().map(|(o, n)| format!("{o}: {n}")).collect();
            format!("{} · {} answered", bars.join(" · "), tally.answers())
        }
    }
}

fn seats_ui(ui: &mut Ui, s: &Snapshot, asks: &mut Vec<LiveAsk>) {
    ui.collapsing("Council seats", |ui| {
        egui::Grid::new("live-seats").striped(true).show(ui, |ui| {
            for (i, (seat, permanent, holder)) in s.seats.iter().enumerate() {
                let name = if *permanent { RichText::new(seat).strong() } else { RichText::new(seat) };
                ui.label(name);
                let current = holder.and_then(|d| s.devices.iter().find(|(id, _)| *id == d)).map(|(_, l)| l.clone());
                egui::ComboBox::from_id_salt(("seat", i)).selected_text(current.unwrap_or_else(|| "—".into())).show_ui(
                    ui,
                    |ui| {
                        if ui.selectable_label(holder.is_none(), "— nobody").clicked() {
                            asks.push(LiveAsk::Assign(i, None));
                        }
                        for (device, label) in &s.devices {
                            if ui.selectable_label(*holder == Some(*device), label).clicked() {
                                asks.push(LiveAsk::Assign(i, Some(*device)));
                            }
                        }
                    },
                );
                ui.end_row();
            }
        });
    });
}

/// The QR code, module by module on whole pixels, with its quiet zone.
fn qr_ui(painter: &egui::Painter, qr: &Qr, rect: Rect, ppp: f32) {
    let n = qr.width + 8;
    let module = ((rect.width() * ppp) / n as f32).floor().max(1.0) / ppp;
    let side = module * n as f32;
    let origin = pos2((rect.min.x * ppp).round() / ppp, (rect.min.y * ppp).round() / ppp);
    painter.rect_filled(Rect::from_min_size(origin, vec2(side, side)), 0.0, Color32::WHITE);
    for &(y, x, len) in &qr.runs {
        let min = origin + vec2((x + 4) as f32 * module, (y + 4) as f32 * module);
        painter.rect_filled(Rect::from_min_size(min, vec2(len as f32 * module, module)), 0.0, Color32::BLACK);
    }
}

/// The tally as bars on the wall, with the Council's verdict.
fn bars_ui(painter: &egui::Painter, band: Rect, tally: &Tally, palette: &Palette) {
    let bars = tally.bars();
    let font = FontId::proportional(26.0);
    if bars.is_empty() {
        painter.text(band.left_bottom(), Align2::LEFT_BOTTOM, tally_line(tally), font, palette.text);
        return;
    }
    let verdict = tally.verdict().map(|o| o.to_string());
    let rows = bars.len() as f32 + f32::from(u8::from(verdict.is_some()));
    let row_h = (band.height() / rows).min(46.0);
    let max = bars.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let label_w = band.width() * 0.32;
    for (i, (label, n)) in bars.iter().enumerate() {
        let y = band.top() + row_h * i as f32;
        painter.text(pos2(band.left(), y + row_h / 2.0), Align2::LEFT_CENTER, label, font.clone(), palette.text);
        let full = band.width() - label_w - 60.0;
        let w = (full * (*n as f32 / max as f32)).max(2.0);
        let bar = Rect::from_min_size(pos2(band.left() + label_w, y + row_h * 0.15), vec2(w, row_h * 0.7));
        painter.rect_filled(bar, 4.0, palette.lane(i));
        painter.text(
            pos2(bar.right() + 10.0, y + row_h / 2.0),
            Align2::LEFT_CENTER,
            n.to_string(),
            font.clone(),
            palette.text,
        );
    }
    if let Some(verdict) = verdict {
        let y = band.top() + row_h * bars.len() as f32 + row_h / 2.0;
        painter.text(pos2(band.left(), y), Align2::LEFT_CENTER, verdict, font, palette.error);
    }
}
