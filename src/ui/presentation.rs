//! Presentation mode: the slides of the plan, one at a time, large and high-contrast, with the
//! keys presentation clickers send, a segment timer, and a presenter console when a second
//! window can be opened.

use egui::{Align2, Color32, FontId, Key, Rect, RichText, Stroke, Ui, pos2, vec2};

use casebook_core::layer::Layer;
use casebook_core::plan::Plan;
use casebook_core::timeline::chronology::Chronology;
use casebook_core::views::slides::{Placed, Slide, speaker_notes};

use super::actions::{ACTIONS, Action, Scope, consume, keys_text};
use super::command::Command;
use super::theme::{Palette, ThemeChoice};
use super::timeline::canvas::{Canvas, CanvasInput};
use casebook_core::session::Edit;

/// Points for a question at the default size: readable from the back of a room.
pub const QUESTION_PT: f32 = 46.0;
/// The smallest text on the wall, the timer and the slide number too: legible from the back
/// of a room at 1024×768 (the slides are not scaled down with the window).
pub const WALL_MIN_PT: f32 = 24.0;
const SCALE_STEP: f32 = 1.12;

/// What the wall shows instead of a slide.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Blank {
    Black,
    White,
}

pub struct Presentation {
    pub deck: Vec<Placed>,
    pub index: usize,
    pub blank: Option<Blank>,
    /// Size of the slide text; 1 is the default.
    pub scale: f32,
    pub show_keys: bool,
    /// The projector gets its own window and this one shows the console.
    pub console: bool,
    segment: Option<usize>,
    segment_started_secs: f64,
    started_secs: f64,
    timeline: Canvas,
    /// The timeline in the console's previews of this slide and the next, kept so that their
    /// labels are laid out once, not every frame.
    previews: [Canvas; 2],
    /// The timeline as the class sees it: without the suggestions.
    chronology: Chronology,
    /// The revision of the layer the slides were made from.
    pub built_rev: u64,
    /// The room's phones, once the instructor goes live.
    pub live: super::live_panel::Live,
    /// What the instructor asked of the room this frame.
    pub live_asks: Vec<super::live_panel::LiveAsk>,
}

/// What a presentation asks of the app after a frame.
#[derive(Debug, PartialEq)]
pub enum Outcome {
    Continue,
    Exit,
}

/// The slides' colours: near-black on white, for projectors in lit rooms.
pub fn high_contrast() -> Palette {
    Palette {
        page: Color32::WHITE,
        text: Color32::BLACK,
        heading: Color32::BLACK,
        muted: Color32::from_rgb(0x40, 0x40, 0x40),
        // 7:1 on white, as all the slides' text.
        error: Color32::from_rgb(0x96, 0x1f, 0x12),
        ..super::theme::palette(ThemeChoice::Light)
    }
}

impl Presentation {
    pub fn new(deck: Vec<Placed>, chronology: Chronology, now_secs: f64, console: bool) -> Self {
        let mut timeline = Canvas::new(egui::Id::unique("presentation-timeline"));
        timeline.text_scale = 1.7;
        Self {
            deck,
            index: 0,
            blank: None,
            scale: 1.0,
            show_keys: false,
            console,
            segment: None,
            segment_started_secs: now_secs,
            started_secs: now_secs,
            timeline,
            previews: [0, 1].map(|i| Canvas::new(egui::Id::unique(("console-timeline", i)))),
            chronology,
            built_rev: 0,
            live: super::live_panel::Live::default(),
            live_asks: Vec::new(),
        }
    }

    /// Takes slides made again from a changed layer, staying on the same slide.
    pub fn refresh(&mut self, deck: Vec<Placed>, chronology: Chronology, rev: u64) {
        self.deck = deck;
        self.index = self.index.min(self.deck.len().saturating_sub(1));
        self.chronology = chronology;
        self.built_rev = rev;
    }

    pub fn current(&self) -> Option<&Placed> {
        self.deck.get(self.index)
    }

    fn go(&mut self, index: usize, now_secs: f64) {
        self.index = index.min(self.deck.len().saturating_sub(1));
        self.blank = None;
        let segment = self.current().and_then(|p| p.segment);
        if segment.is_some() && segment != self.segment {
            self.segment = segment;
            self.segment_started_secs = now_secs;
        }
    }

    /// The keys of a presentation clicker and a keyboard.
    pub fn keys(&mut self, ctx: &egui::Context, now_secs: f64) -> Outcome {
        let mut outcome = Outcome::Continue;
        let mut target = None;
        ctx.input_mut(|i| {
            if consume(i, Action::NextSlide) {
                target = Some(self.index + 1);
            }
            if consume(i, Action::PreviousSlide) {
                target = Some(self.index.saturating_sub(1));
            }
            if consume(i, Action::FirstSlide) {
                target = Some(0);
            }
            if consume(i, Action::LastSlide) {
                target = Some(usize::MAX);
            }
            if consume(i, Action::BlankBlack) {
                self.blank = if self.blank == Some(Blank::Black) { None } else { Some(Blank::Black) };
            }
            if consume(i, Action::BlankWhite) {
                self.blank = if self.blank == Some(Blank::White) { None } else { Some(Blank::White) };
            }
            if consume(i, Action::EndPresentation) {
                if self.show_keys {
                    self.show_keys = false;
                } else if self.blank.is_some() {
                    self.blank = None;
                } else {
                    outcome = Outcome::Exit;
                }
            }
            let digits =
                [Key::Num1, Key::Num2, Key::Num3, Key::Num4, Key::Num5, Key::Num6, Key::Num7, Key::Num8, Key::Num9];
            for (n, key) in digits.into_iter().enumerate() {
                if i.consume_key(egui::Modifiers::NONE, key) {
                    target =
                        self.deck.iter().position(|p| p.segment == Some(n) && matches!(p.slide, Slide::Segment { .. }));
                }
            }
            for event in &i.events {
                match event {
                    egui::Event::Text(t) if t == "+" || t == "=" => self.scale = (self.scale * SCALE_STEP).min(3.0),
                    egui::Event::Text(t) if t == "-" || t == "−" => self.scale = (self.scale / SCALE_STEP).max(0.5),
                    egui::Event::Text(t) if t == "?" => self.show_keys = !self.show_keys,
                    _ => {}
                }
            }
        });
        if let Some(t) = target {
            self.go(t, now_secs);
        }
        outcome
    }

    /// The slide as the audience sees it, filling `ui`.
    pub fn audience_ui(&mut self, ui: &mut Ui, rev: u64, now_secs: f64, plan: &Plan) {
        let rect = ui.max_rect();
        let palette = high_contrast();
        match self.blank {
            Some(Blank::Black) => {
                ui.painter().rect_filled(rect, 0.0, Color32::BLACK);
                return;
            }
            Some(Blank::White) => {
                ui.painter().rect_filled(rect, 0.0, Color32::WHITE);
                return;
            }
            None => {
                ui.painter().rect_filled(rect, 0.0, palette.page);
            }
        }
        let Some(placed) = self.deck.get(self.index).cloned() else { return };
        let s = self.scale;
        let margin = (rect.width() * 0.06).max(24.0);
        let mut inner = rect.shrink2(vec2(margin, margin * 0.7));
        // The slide keeps clear of the join code, which the room needs to read while live.
        if let Some(corner) = self.live.qr_corner(rect) {
            inner.max.x = inner.max.x.min(corner.left() - 24.0).max(inner.min.x + 100.0);
        }
        ui.scope_builder(egui::UiBuilder::new().max_rect(inner), |ui| {
            slide_ui(ui, &placed.slide, &palette, s, &mut self.timeline, &self.chronology, rev);
        });
        // A click moves on, as on a clicker; a right click goes back. It lies over the slide, so
        // the timeline can still be dragged but not clicked.
        let click = ui.interact(rect, ui.scope_id().with("slide"), egui::Sense::click());
        click.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, "Next slide (right click: previous)"));
        if click.clicked() {
            self.go(self.index + 1, now_secs);
        } else if click.secondary_clicked() {
            self.go(self.index.saturating_sub(1), now_secs);
        }
        self.live.wall_ui(ui, rect, &palette);
        if !self.console {
            let asks = self.live.wall_buttons_ui(ui, rect);
            self.live_asks.extend(asks);
            // Alone on the wall, the timer sits small in a corner.
            let (text, over) = self.timer_text(plan, now_secs);
            let color = if over { palette.error } else { palette.muted };
            ui.painter().text(
                rect.right_bottom() - vec2(16.0, 12.0),
                Align2::RIGHT_BOTTOM,
                text,
                FontId::proportional(WALL_MIN_PT),
                color,
            );
        }
        ui.painter().text(
            rect.left_bottom() + vec2(16.0, -12.0),
            Align2::LEFT_BOTTOM,
            format!("{} / {}", self.index + 1, self.deck.len()),
            FontId::proportional(WALL_MIN_PT),
            palette.muted,
        );
        if self.show_keys {
            keys_ui(ui, rect);
        }
    }

    /// The segment's time used against its budget; true when over.
    pub fn timer_text(&self, plan: &Plan, now_secs: f64) -> (String, bool) {
        let used = (now_secs - self.segment_started_secs).max(0.0);
        let clock = |secs: f64| format!("{}:{:02}", (secs / 60.0) as u64, (secs % 60.0) as u64);
        match self.segment.and_then(|i| plan.segments.get(i)) {
            Some(segment) => {
                let budget = f64::from(segment.minutes) * 60.0;
                if used > budget {
                    (format!("{} · {} over", segment.title, clock(used - budget)), true)
                } else {
                    (format!("{} · {} of {} min", segment.title, clock(used), segment.minutes), false)
                }
            }
            None => (format!("Class {}", clock((now_secs - self.started_secs).max(0.0))), false),
        }
    }

    /// The instructor's screen: the slide now and next, the teaching notes, the timer and the
    /// plan with time used.
    pub fn console_ui(&mut self, ui: &mut Ui, layer: &Layer, rev: u64, now_secs: f64) -> Vec<Command> {
        let mut commands = Vec::new();
        let palette = high_contrast();
        let (timer, over) = self.timer_text(&layer.plan, now_secs);
        ui.horizontal(|ui| {
            ui.heading(format!("Slide {} of {}", self.index + 1, self.deck.len()));
            ui.separator();
            let color = if over { palette.error } else { ui.visuals().text_color() };
            ui.label(RichText::new(timer).size(22.0).strong().color(color));
            if self.blank.is_some() {
                ui.label(RichText::new("The wall is blank (B / W)").strong());
            }
        });
        ui.separator();
        let asks = self.live.console_ui(ui);
        self.live_asks.extend(asks);
        ui.separator();
        let width = ui.available_width();
        let preview_w = (width * 0.5 - 12.0).max(200.0);
        let preview = vec2(preview_w, preview_w * 9.0 / 16.0);
        ui.horizontal_top(|ui| {
            for (label, offset) in [("Now", 0), ("Next", 1)] {
                ui.vertical(|ui| {
                    ui.strong(label);
                    let (rect, _) = ui.allocate_exact_size(preview, egui::Sense::hover());
                    ui.painter().rect_filled(rect, 4.0, palette.page);
                    ui.painter().rect_stroke(rect, 4.0, Stroke::new(1.0, palette.rule), egui::StrokeKind::Inside);
                    if let Some(placed) = self.deck.get(self.index + offset).cloned() {
                        let mut child = ui.new_child(egui::UiBuilder::new().max_rect(rect.shrink(12.0)));
                        let scale = rect.width() / 1280.0 * self.scale;
                        let canvas = &mut self.previews[offset];
                        slide_ui(&mut child, &placed.slide, &palette, scale, canvas, &self.chronology, rev);
                    } else {
                        ui.painter().text(
                            rect.center(),
                            Align2::CENTER_CENTER,
                            "End",
                            FontId::proportional(18.0),
                            palette.muted,
                        );
                    }
                });
            }
        });
        ui.separator();
        ui.columns(2, |columns| {
            columns[0].strong("Teaching notes");
            let notes =
                self.current().map(|p| casebook_core::plan::plain_text(&speaker_notes(p, layer))).unwrap_or_default();
            if notes.trim().is_empty() {
                columns[0].weak("No notes for this slide.");
            } else {
                columns[0].label(RichText::new(notes).size(17.0));
            }
            // Votes are counted here as hands go up; the wall shows the tally at once.
            let asked = self.current().and_then(|p| p.question.as_deref()).and_then(|id| layer.questions.get(id));
            if let Some(question) = asked.filter(|q| q.is_vote()) {
                columns[0].add_space(8.0);
                columns[0].strong("Tally");
                let mut edited = question.clone();
                super::plan_panel::kind_ui(&mut columns[0], &mut edited.kind, &question.id, &palette);
                if edited != *question {
                    edited.modified_unix_ms = casebook_core::layer::now_unix_ms();
                    commands.push(Command::Edit(Edit::PutQuestion(edited)));
                }
            }
            columns[1].strong("Plan");
            let starts = layer.plan.starts();
            for (i, segment) in layer.plan.segments.iter().enumerate() {
                let now = self.segment == Some(i);
                let text = format!("{}. {} — {} min (at {}′)", i + 1, segment.title, segment.minutes, starts[i]);
                let text = if now { RichText::new(format!("▶ {text}")).strong() } else { RichText::new(text) };
                columns[1].label(text);
            }
            let elapsed = ((now_secs - self.started_secs) / 60.0).max(0.0);
            columns[1].weak(format!(
                "{elapsed:.0} of {} minutes used; {} planned",
                layer.plan.class_minutes,
                layer.plan.total_minutes()
            ));
            columns[1].weak("→ / ← next and previous, B and W blank the wall, 1–9 jump to a segment, Esc ends.");
        });
        commands
    }
}

/// One slide, drawn into `ui` at `scale` (1 is the size for a full screen).
fn slide_ui(
    ui: &mut Ui,
    slide: &Slide,
    palette: &Palette,
    scale: f32,
    timeline: &mut Canvas,
    chronology: &Chronology,
    rev: u64,
) {
    let pt = |size: f32| size * scale;
    let text = |ui: &mut Ui, s: &str, size: f32, strong: bool, color: Color32| {
        let rich = RichText::new(s).size(pt(size)).color(color);
        ui.label(if strong { rich.strong() } else { rich });
    };
    match slide {
        Slide::Title { title, subtitle } => {
            ui.add_space(ui.available_height() * 0.25);
            ui.vertical_centered(|ui| {
                text(ui, title, 60.0, true, palette.heading);
                ui.add_space(pt(16.0));
                text(ui, subtitle, 32.0, false, palette.muted);
            });
        }
        Slide::Timeline => {
            text(ui, "Timeline", 34.0, true, palette.heading);
            ui.add_space(pt(8.0));
            let in_view = std::collections::HashSet::new();
            let input = CanvasInput {
                chronology,
                rev,
                palette,
                vertical: false,
                selected: None,
                in_view: &in_view,
                reading: None,
            };
            ui.scope(|ui| {
                ui.style_mut().override_text_style = Some(egui::TextStyle::Body);
                let _ = timeline.ui(ui, &input);
            });
        }
        Slide::Segment { title, minutes } => {
            ui.add_space(ui.available_height() * 0.3);
            ui.vertical_centered(|ui| {
                text(ui, title, 56.0, true, palette.heading);
                text(ui, &format!("{minutes} minutes"), 28.0, false, palette.muted);
            });
        }
        Slide::Question { number, text: question, kind, options } => {
            text(ui, &format!("Question {number} · {kind}"), 24.0, false, palette.muted);
            ui.add_space(pt(18.0));
            text(ui, question, QUESTION_PT, true, palette.text);
            ui.add_space(pt(24.0));
            for (i, (option, tally)) in options.iter().enumerate() {
                let letter = (b'A' + (i % 26) as u8) as char;
                let line = match tally {
                    Some(n) => format!("{letter}.  {option}  —  {n}"),
                    None => format!("{letter}.  {option}"),
                };
                text(ui, &line, 36.0, false, palette.text);
                ui.add_space(pt(6.0));
            }
        }
        Slide::Passage { text: passage, color, note } => {
            text(ui, "From the case", 24.0, false, palette.muted);
            ui.add_space(pt(18.0));
            let fill = palette.mark(*color);
            egui::Frame::new().fill(fill).inner_margin(pt(20.0)).corner_radius(pt(8.0)).show(ui, |ui| {
                let rich = RichText::new(format!("“{passage}”"))
                    .size(pt(40.0))
                    .color(palette.text)
                    .family(egui::FontFamily::Name(super::fonts::SERIF.into()));
                ui.label(rich);
            });
            if !note.trim().is_empty() {
                ui.add_space(pt(18.0));
                text(ui, note, 28.0, false, palette.muted);
            }
        }
        Slide::VoteResult { question, bars, outcome } => {
            text(ui, question, 32.0, true, palette.text);
            ui.add_space(pt(16.0));
            let max = bars.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
            let label_w = pt(220.0);
            let bar_h = pt(48.0);
            for (i, (label, n)) in bars.iter().enumerate() {
                let (rect, _) =
                    ui.allocate_exact_size(vec2(ui.available_width(), bar_h + pt(14.0)), egui::Sense::hover());
                let font = FontId::proportional(pt(30.0));
                ui.painter().text(
                    pos2(rect.left(), rect.center().y),
                    Align2::LEFT_CENTER,
                    label,
                    font.clone(),
                    palette.text,
                );
                let full = rect.width() - label_w - pt(90.0);
                let w = full * (*n as f32 / max as f32);
                let bar = Rect::from_min_size(
                    pos2(rect.left() + label_w, rect.center().y - bar_h / 2.0),
                    vec2(w.max(2.0), bar_h),
                );
                ui.painter().rect_filled(bar, 4.0, palette.lane(i));
                ui.painter().text(
                    pos2(bar.right() + pt(12.0), rect.center().y),
                    Align2::LEFT_CENTER,
                    n.to_string(),
                    font,
                    palette.text,
                );
            }
            if let Some(outcome) = outcome {
                ui.add_space(pt(20.0));
                text(ui, outcome, 36.0, true, palette.error);
            }
        }
    }
}

/// The presentation's keys, from the table of actions, large on the wall.
fn keys_ui(ui: &Ui, rect: Rect) {
    let keys: Vec<(String, &str)> = ACTIONS
        .iter()
        .filter(|a| a.scope == Scope::Presentation)
        .map(|a| (keys_text(ui.ctx(), a.action), a.label))
        .collect();
    let panel = Rect::from_center_size(rect.center(), vec2(760.0, 80.0 + keys.len() as f32 * 46.0));
    let painter = ui.painter();
    painter.rect_filled(panel, 12.0, Color32::from_black_alpha(235));
    for (i, (key, what)) in keys.iter().enumerate() {
        let y = panel.top() + 40.0 + i as f32 * 46.0;
        painter.text(pos2(panel.left() + 40.0, y), Align2::LEFT_TOP, key, FontId::monospace(24.0), Color32::WHITE);
        painter.text(
            pos2(panel.left() + 470.0, y),
            Align2::LEFT_TOP,
            *what,
            FontId::proportional(26.0),
            Color32::WHITE,
        );
    }
}
