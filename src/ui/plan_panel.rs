//! The class plan and its questions: objectives, segments with minutes and a running total,
//! and each question with its kind, options, votes, links and private teaching note.

use egui::{RichText, Ui};

use casebook_core::formats::export::Format;
use casebook_core::layer::{Answer, Layer};
use casebook_core::session::Edit;
use casebook_core::shared::SharedLayer;

use super::actions::{self, Action};
use super::command::Command;
use super::theme::Palette;
use casebook_core::plan::unsc::{Ballot, Outcome, PERMANENT};
use casebook_core::plan::{Kind, Question, Segment};
use casebook_core::timeline::chronology::Chronology;

/// What the panel draws this frame.
pub struct PlanInput<'a> {
    pub layer: &'a Layer,
    pub chronology: &'a Chronology,
    pub palette: &'a Palette,
    pub editable: bool,
    /// Text is selected in the reader, so a question can be linked to it.
    pub has_selection: bool,
    /// Whether case packs carry vote results.
    pub pack_results: bool,
}

#[derive(Default)]
pub struct PlanPanel {
    /// The question open in the editor.
    pub open_question: Option<String>,
}

impl PlanPanel {
    pub fn ui(&mut self, ui: &mut Ui, input: &PlanInput<'_>) -> Vec<Command> {
        let mut commands = Vec::new();
        ui.horizontal_wrapped(|ui| {
            ui.heading("Class plan");
            for (action, label) in [(Action::Present, "▶ Present"), (Action::PresentWithConsole, "▶ With console")]
            {
                if ui.button(label).on_hover_text(actions::hint(ui.ctx(), action)).clicked() {
                    commands.push(Command::Action(action));
                }
            }
            ui.menu_button("Export", |ui| {
                for format in Format::ALL.into_iter().filter(|f| *f != Format::NotesMd) {
                    if ui.button(format!("{}…", format.label())).clicked() {
                        commands.push(Command::Export(format));
                        ui.close();
                    }
                }
                ui.separator();
                let mut results = input.pack_results;
                let tick = ui.checkbox(&mut results, "Packs include vote results");
                if tick.on_hover_text("Tallies and Council ballots go to students only when this is ticked").changed() {
                    commands.push(Command::SetPackResults(results));
                }
            });
        });
        ui.separator();
        egui::ScrollArea::vertical().id_salt("plan-scroll").auto_shrink([false, false]).show(ui, |ui| {
            ui.add_enabled_ui(input.editable, |ui| {
                self.plan_ui(ui, input, &mut commands);
            });
        });
        commands
    }

    fn plan_ui(&mut self, ui: &mut Ui, input: &PlanInput<'_>, commands: &mut Vec<Command>) {
        let layer = input.layer;
        let mut plan = layer.plan.clone();
        ui.strong("Learning objectives");
        let mut remove = None;
        for (i, objective) in plan.objectives.iter_mut().enumerate() {
            ui.horizontal(|ui| {
                ui.label(format!("{}.", i + 1));
                let field =
                    egui::TextEdit::singleline(objective).desired_width((ui.available_width() - 44.0).max(60.0));
                ui.add(field).accessible_name(format!("Objective {}", i + 1)).on_hover_text("A learning objective");
                if ui
                    .small_button("×")
                    .accessible_name("Remove this objective")
                    .on_hover_text("Remove this objective")
                    .clicked()
                {
                    remove = Some(i);
                }
            });
        }
        if let Some(i) = remove {
            plan.objectives.remove(i);
        }
        if ui.small_button("+ Objective").clicked() {
            plan.objectives.push(String::new());
        }
        ui.add_space(8.0);

        ui.horizontal_wrapped(|ui| {
            let label = ui.label("Class length");
            ui.add(egui::DragValue::new(&mut plan.class_minutes).range(10..=600).suffix(" min")).labelled_by(label.id);
            let total = plan.total_minutes();
            match plan.over_by() {
                Some(over) => {
                    ui.colored_label(input.palette.error, format!("⚠ Planned {total} min: {over} min over"));
                }
                None => {
                    ui.label(format!("Planned {total} min, {} to spare", plan.class_minutes - total));
                }
            }
        });
        ui.add_space(6.0);

        let starts = plan.starts();
        let mut segment_edit: Option<(usize, Option<Segment>)> = None;
        let mut swap: Option<(usize, usize)> = None;
        let count = plan.segments.len();
        for (i, segment) in plan.segments.iter().enumerate() {
            let mut edited = segment.clone();
            let frame = egui::Frame::group(ui.style()).fill(input.palette.page);
            let (_, dropped) = ui.dnd_drop_zone::<String, ()>(frame, |ui| {
                ui.horizontal(|ui| {
                    ui.label(RichText::new(format!("{}′", starts[i])).weak()).on_hover_text("Starts at this minute");
                    let title = egui::TextEdit::singleline(&mut edited.title)
                        .desired_width((ui.available_width() - 230.0).max(80.0));
                    ui.add(title).accessible_name("Segment title").on_hover_text("Segment title");
                    ui.add(egui::DragValue::new(&mut edited.minutes).range(0..=600).suffix(" min"))
                        .accessible_name("Minutes for this segment")
                        .on_hover_text("Minutes for this segment");
                    if ui
                        .add_enabled(i > 0, egui::Button::new("↑").small())
                        .accessible_name("Move the segment up")
                        .on_hover_text("Move up")
                        .clicked()
                    {
                        swap = Some((i, i - 1));
                    }
                    if ui
                        .add_enabled(i + 1 < count, egui::Button::new("↓").small())
                        .accessible_name("Move the segment down")
                        .on_hover_text("Move down")
                        .clicked()
                    {
                        swap = Some((i, i + 1));
                    }
                    if ui
                        .small_button("×")
                        .accessible_name("Delete this segment")
                        .on_hover_text("Delete this segment (its questions stay)")
                        .clicked()
                    {
                        segment_edit = Some((i, None));
                    }
                });
                ui.checkbox(&mut edited.closing, "Closing or debrief segment");
                let label = ui.weak("Teaching note (private)");
                ui.add(egui::TextEdit::multiline(&mut edited.note).desired_rows(1).desired_width(f32::INFINITY))
                    .labelled_by(label.id);
                for q in layer.questions.iter().filter(|q| q.segment.as_deref() == Some(segment.id.as_str())) {
                    self.question_ui(ui, q, input, commands);
                }
                if ui.small_button("+ Question").clicked() {
                    commands.push(Command::Edit(Edit::AddQuestion { segment: Some(segment.id.clone()) }));
                }
            });
            if let Some(id) = dropped {
                commands.push(Command::Edit(Edit::MoveQuestion {
                    id: (*id).clone(),
                    before: None,
                    segment: Some(segment.id.clone()),
                }));
            }
            if edited != *segment && segment_edit.is_none() {
                segment_edit = Some((i, Some(edited)));
            }
            ui.add_space(4.0);
        }
        match segment_edit {
            Some((i, Some(edited))) => plan.segments[i] = edited,
            Some((i, None)) => {
                plan.segments.remove(i);
            }
            None => {}
        }
        if let Some((a, b)) = swap {
            plan.segments.swap(a, b);
        }
        if ui.button("+ Segment").clicked() {
            let id = casebook_core::layer::new_id(casebook_core::layer::now_unix_ms());
            plan.segments.push(Segment {
                id,
                title: "New segment".into(),
                minutes: 10,
                note: String::new(),
                closing: false,
            });
        }
        ui.add_space(8.0);

        let planned = |q: &&Question| q.segment.as_deref().is_some_and(|id| plan.segment(id).is_some());
        let loose: Vec<&Question> = layer.questions.iter().filter(|q| !planned(q)).collect();
        let frame = egui::Frame::group(ui.style());
        let (_, dropped) = ui.dnd_drop_zone::<String, ()>(frame, |ui| {
            ui.strong("Questions outside the plan");
            for q in &loose {
                self.question_ui(ui, q, input, commands);
            }
            if ui.small_button("+ Question").clicked() {
                commands.push(Command::Edit(Edit::AddQuestion { segment: None }));
            }
        });
        if let Some(id) = dropped {
            commands.push(Command::Edit(Edit::MoveQuestion { id: (*id).clone(), before: None, segment: None }));
        }
        if plan != layer.plan {
            commands.push(Command::Edit(Edit::SetPlan(plan)));
        }
    }

    /// A question's row, and its editor when it is open.
    fn question_ui(&mut self, ui: &mut Ui, q: &Question, input: &PlanInput<'_>, commands: &mut Vec<Command>) {
        let number = input.layer.questions.iter().position(|x| x.id == q.id).map_or(0, |i| i + 1);
        let open = self.open_question.as_deref() == Some(q.id.as_str());
        let row = ui.horizontal(|ui| {
            let handle = ui.dnd_drag_source(egui::Id::unique(("question-drag", &q.id)), q.id.clone(), |ui| {
                ui.label(RichText::new("☰").weak());
            });
            handle.response.on_hover_text("Drag to another place or segment");
            let plain = casebook_core::plan::plain_text(&q.text);
            let first_line = plain.lines().next().unwrap_or_default();
            let text = if first_line.is_empty() { "(no text yet)" } else { first_line };
            let label = format!("Q{number}. {text}");
            // Truncated to the room there is: a row that grew with its text would widen the panel.
            let row = egui::Button::selectable(open, RichText::new(label).strong()).truncate();
            if ui.add(row).on_hover_text(q.kind.label()).clicked() {
                self.open_question = if open { None } else { Some(q.id.clone()) };
            }
        });
        if let Some(dragged) = row.response.dnd_release_payload::<String>()
            && *dragged != q.id
        {
            commands.push(Command::Edit(Edit::MoveQuestion {
                id: (*dragged).clone(),
                before: Some(q.id.clone()),
                segment: q.segment.clone(),
            }));
        }
        if open {
            egui::Frame::new().inner_margin(egui::Margin { left: 18, ..Default::default() }).show(ui, |ui| {
                Self::editor_ui(ui, q, input, commands);
            });
        }
    }

    fn editor_ui(ui: &mut Ui, q: &Question, input: &PlanInput<'_>, commands: &mut Vec<Command>) {
        let mut edited = q.clone();
        let label = ui.label("Question");
        ui.add(egui::TextEdit::multiline(&mut edited.text).desired_rows(2).desired_width(f32::INFINITY))
            .labelled_by(label.id);
        ui.horizontal(|ui| {
            let label = ui.label("Kind");
            egui::ComboBox::from_id_salt(("kind", &q.id))
                .selected_text(edited.kind.label())
                .show_ui(ui, |ui| {
                    for kind in Kind::blank_kinds() {
                        let same = std::mem::discriminant(&kind) == std::mem::discriminant(&edited.kind);
                        if ui.selectable_label(same, kind.label()).clicked() && !same {
                            edited.kind = kind;
                        }
                    }
                })
                .response
                .labelled_by(label.id);
        });
        kind_ui(ui, &mut edited.kind, &q.id, input.palette);
        let label = ui.label("Teaching note (private)");
        ui.add(egui::TextEdit::multiline(&mut edited.teaching_note).desired_rows(2).desired_width(f32::INFINITY))
            .labelled_by(label.id);

        ui.label("Passages");
        let mut unlink = None;
        for (i, passage) in q.passages.iter().enumerate() {
            ui.horizontal(|ui| {
                let quote: String = passage.quote.exact.chars().take(60).collect();
                if ui.link(format!("“{quote}…”")).on_hover_text("Go to the passage").clicked() {
                    commands.push(Command::RevealPassage(passage.clone()));
                }
                if ui.small_button("×").accessible_name("Unlink").on_hover_text("Unlink").clicked() {
                    unlink = Some(i);
                }
            });
        }
        if let Some(i) = unlink {
            edited.passages.remove(i);
        }
        if ui
            .add_enabled(input.has_selection, egui::Button::new("Link selected passage"))
            .on_disabled_hover_text("Select a passage in the text first")
            .clicked()
        {
            commands.push(Command::LinkQuestionToSelection(q.id.clone()));
        }
        ui.label("Timeline events");
        let mut unlink_event = None;
        for (i, id) in q.events.iter().enumerate() {
            let title = input.chronology.get(id).map_or(id.as_str(), |e| e.event.title.as_str());
            ui.horizontal(|ui| {
                if ui.link(title).on_hover_text("Show on the timeline and in the text").clicked() {
                    commands.push(Command::RevealEvent(id.clone()));
                }
                if ui.small_button("×").accessible_name("Unlink").on_hover_text("Unlink").clicked() {
                    unlink_event = Some(i);
                }
            });
        }
        if let Some(i) = unlink_event {
            edited.events.remove(i);
        }
        egui::ComboBox::from_id_salt(("add-event", &q.id))
            .selected_text("Link an event…")
            .show_ui(ui, |ui| {
                for e in input.chronology.events() {
                    if ui.selectable_label(false, format!("{} — {}", e.event.date, e.event.title)).clicked()
                        && !edited.events.contains(&e.event.id)
                    {
                        edited.events.push(e.event.id.clone());
                    }
                }
            })
            .response
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Link an event"));
        ui.horizontal(|ui| {
            let order: Vec<&Question> = input.layer.questions.iter().filter(|x| x.segment == q.segment).collect();
            let at = order.iter().position(|x| x.id == q.id).unwrap_or(0);
            if ui.add_enabled(at > 0, egui::Button::new("↑ Earlier")).clicked() {
                commands.push(Command::Edit(Edit::MoveQuestion {
                    id: q.id.clone(),
                    before: Some(order[at - 1].id.clone()),
                    segment: q.segment.clone(),
                }));
            }
            if ui.add_enabled(at + 1 < order.len(), egui::Button::new("↓ Later")).clicked() {
                let before = order.get(at + 2).map(|x| x.id.clone());
                commands.push(Command::Edit(Edit::MoveQuestion {
                    id: q.id.clone(),
                    before,
                    segment: q.segment.clone(),
                }));
            }
            if ui.button("Delete").clicked() {
                commands.push(Command::Edit(Edit::DeleteQuestion(q.id.clone())));
            }
        });
        if edited != *q {
            edited.modified_unix_ms = casebook_core::layer::now_unix_ms();
            commands.push(Command::Edit(Edit::PutQuestion(edited)));
        }
        ui.separator();
    }
}

/// What a student's panel draws: the instructor's questions, the student's answers, and the
/// people of the case.
pub struct StudyInput<'a> {
    pub shared: &'a SharedLayer,
    pub answers: &'a std::collections::BTreeMap<String, Answer>,
    /// Highlights tagged "actor", the student's and the instructor's: label and passage.
    pub people: &'a [(String, casebook_core::anchor::Selector)],
    pub chronology: &'a Chronology,
    /// Where the student's notes are kept, when not beside the case.
    pub notes_elsewhere: Option<&'a std::path::Path>,
}

/// The student's side: each assigned question with an answer box, how many are answered, and
/// the people of the case.
pub fn study_ui(ui: &mut Ui, input: &StudyInput<'_>) -> Vec<Command> {
    let mut commands = Vec::new();
    let questions = &input.shared.questions;
    let answered =
        questions.iter().filter(|q| input.answers.get(&q.id).is_some_and(|a| !a.text.trim().is_empty())).count();
    ui.horizontal_wrapped(|ui| {
        ui.heading("Questions");
        ui.label(format!("{answered} of {} answered", questions.len()));
        if ui
            .button("Export my notes…")
            .on_hover_text("Your highlights, notes, answers and events as Markdown")
            .clicked()
        {
            commands.push(Command::Export(Format::NotesMd));
        }
    });
    if let Some(path) = input.notes_elsewhere {
        ui.weak(format!("This case's folder can't be written, so your notes are kept in {}", path.display()));
    }
    ui.separator();
    egui::ScrollArea::vertical().id_salt("study-scroll").auto_shrink([false, false]).show(ui, |ui| {
        if questions.is_empty() {
            ui.weak("Your instructor has not assigned questions for this case.");
        }
        for (i, q) in questions.iter().enumerate() {
            ui.label(RichText::new(format!("{}. {}", i + 1, casebook_core::plan::plain_text(&q.text))).strong());
            for (option, _) in q.kind.options() {
                ui.label(format!("   • {option}"));
            }
            ui.horizontal_wrapped(|ui| {
                for passage in &q.passages {
                    let quote: String = passage.quote.exact.chars().take(40).collect();
                    if ui.link(format!("“{quote}…”")).on_hover_text("Go to the passage").clicked() {
                        commands.push(Command::RevealPassage(passage.clone()));
                    }
                }
                for id in &q.events {
                    if let Some(e) = input.chronology.get(id)
                        && ui.link(&e.event.title).on_hover_text("Show on the timeline").clicked()
                    {
                        commands.push(Command::RevealEvent(id.clone()));
                    }
                }
            });
            let mut text = input.answers.get(&q.id).map(|a| a.text.clone()).unwrap_or_default();
            let label = ui.weak("Your answer (Markdown)");
            let edit = egui::TextEdit::multiline(&mut text).desired_rows(3).desired_width(f32::INFINITY);
            if ui.add(edit).labelled_by(label.id).changed() {
                commands.push(Command::Edit(Edit::SetAnswer { question: q.id.clone(), text }));
            }
            ui.add_space(10.0);
        }
        ui.separator();
        ui.strong("People");
        if input.people.is_empty() {
            ui.weak("Tag a highlight “actor” and the person appears here.");
        }
        for (label, passage) in input.people {
            if ui.link(label).on_hover_text("Go to the passage").clicked() {
                commands.push(Command::RevealPassage(passage.clone()));
            }
        }
    });
    commands
}

/// The options of a choice or a vote, one per line, with a tally per option for a vote, or
/// the Council's ballots.
pub(super) fn kind_ui(ui: &mut Ui, kind: &mut Kind, id: &str, palette: &Palette) {
    match kind {
        Kind::Choice { options } => options_ui(ui, options, None),
        Kind::Vote { options, tally } => options_ui(ui, options, Some(tally)),
        Kind::CouncilVote(vote) => {
            egui::Grid::new(("council", id)).num_columns(2).spacing([6.0, 2.0]).show(ui, |ui| {
                let members: Vec<(String, bool)> = vote.members().map(|(m, p)| (m.to_owned(), p)).collect();
                for (member, permanent) in members {
                    let name = if permanent { RichText::new(&member).strong() } else { RichText::new(&member) };
                    ui.label(name).on_hover_text(if permanent {
                        "Permanent member, with a veto"
                    } else {
                        "Elected member"
                    });
                    ui.horizontal(|ui| {
                        for ballot in Ballot::ALL {
                            let on = vote.ballots.get(&member) == Some(&ballot);
                            if ui.selectable_label(on, ballot.label()).clicked() {
                                vote.ballots.insert(member.clone(), ballot);
                            }
                        }
                    });
                    ui.end_row();
                }
            });
            let outcome = vote.outcome();
            let color = match outcome {
                Outcome::Adopted(_) => palette.accent,
                Outcome::Pending(_) => palette.muted,
                _ => palette.error,
            };
            ui.label(RichText::new(outcome.to_string()).strong().color(color));
            ui.weak(format!("Permanent members: {}. Nine votes in favour are needed.", PERMANENT.join(", ")));
        }
        Kind::Open | Kind::RolePlay => {}
    }
}

fn options_ui(ui: &mut Ui, options: &mut Vec<String>, mut tally: Option<&mut Vec<u32>>) {
    if let Some(t) = tally.as_deref_mut() {
        t.resize(options.len(), 0);
    }
    let mut remove = None;
    for (i, option) in options.iter_mut().enumerate() {
        ui.horizontal(|ui| {
            ui.add(egui::TextEdit::singleline(option).desired_width(160.0))
                .accessible_name(format!("Option {}", i + 1))
                .on_hover_text("An option");
            if let Some(t) = tally.as_deref_mut() {
                ui.add(egui::DragValue::new(&mut t[i]).range(0..=9999))
                    .accessible_name(format!("Votes for option {}", i + 1))
                    .on_hover_text("Votes for this option");
            }
            if ui.small_button("×").accessible_name("Remove this option").on_hover_text("Remove this option").clicked()
            {
                remove = Some(i);
            }
        });
    }
    if let Some(i) = remove {
        options.remove(i);
        if let Some(t) = tally.as_deref_mut() {
            t.remove(i);
        }
    }
    if ui.small_button("+ Option").clicked() {
        options.push(format!("Option {}", options.len() + 1));
        if let Some(t) = tally {
            t.push(0);
        }
    }
}
