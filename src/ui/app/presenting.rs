//! Presenting from the app: the slides full screen, or on a second window with the console in
//! this one; made from what the class may see, and made again when the plan changes.

use casebook_core::session::{Notice, Revisions, Session};
use casebook_core::shared::{Results, SharedLayer};
use casebook_core::timeline::chronology::Chronology;
use casebook_core::views::slides::{self, Placed};
use egui::Ui;

use super::App;
use crate::ui::actions::Action;
use crate::ui::command::Command;
use crate::ui::presentation::{self, Presentation};

/// What the slides are made of; a change to any of these makes them again. Revisions come from
/// one rising counter, so the largest changes whenever one does.
fn slides_revision(r: Revisions) -> u64 {
    r.annotations.max(r.plan).max(r.timeline)
}

/// The slides of the open case, and its timeline as the class sees it (no suggestions).
fn slides_of(session: &Session) -> (Vec<Placed>, Chronology) {
    let case = session.case();
    let subtitle = case.front.meta.subtitle.clone().unwrap_or_default();
    let (text, index) = (&case.doc.text, session.index());
    let shared = SharedLayer::new(session.layer(), Results::Include);
    let authored = (case.front.events.as_slice(), case.front.eras.as_slice());
    let public = Chronology::new(authored, shared.timeline(), text, index, &[], false);
    let has_timeline = !public.entries.is_empty();
    let deck = slides::deck(&case.title(), &subtitle, &shared, (text, index), has_timeline);
    (deck, public)
}

impl App {
    /// Starts showing the slides: in this window, full screen, or on a second window with the
    /// console here. Where a second window can't be made, it says so and uses this one.
    pub(super) fn start_presentation(&mut self, action: Action, now_secs: f64) {
        let Some(open) = &mut self.open else { return };
        if open.session.student().is_some() {
            let text = "Presenting shows the instructor's plan; switch the role to Instructor first.";
            return self.notify(Notice::info(text));
        }
        let console = action == Action::PresentWithConsole;
        let (deck, public) = slides_of(&open.session);
        let second_window = console && !self.ctx.embed_viewports();
        let mut show = Presentation::new(deck, public, now_secs, second_window);
        show.built_rev = slides_revision(open.session.revisions());
        open.presentation = Some(show);
        if console && !second_window {
            let text = "A second window cannot be opened here, so the slides are shown in this window. Esc ends.";
            self.notify(Notice::info(text));
        }
        if !second_window {
            self.ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(true));
        }
    }

    /// Stops the room server, if live, keeping its rounds in the class record.
    pub(super) fn stop_live(&mut self) {
        let kept = self.open.as_mut().and_then(|o| o.presentation.as_mut()).map(|p| p.live.stop());
        for command in kept.into_iter().flatten() {
            self.apply(command);
        }
    }

    pub(super) fn stop_presentation(&mut self) {
        self.stop_live();
        if let Some(open) = &mut self.open
            && let Some(p) = open.presentation.take()
            && !p.console
        {
            self.ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
        }
    }

    /// Draws the presentation while one is running: the slide full screen, or the console here
    /// and the slide in a second window. False when there is none.
    pub(super) fn presentation_ui(&mut self, ui: &mut Ui, now_secs: f64) -> bool {
        let Some(open) = &mut self.open else { return false };
        let rev = slides_revision(open.session.revisions());
        if open.presentation.as_ref().is_some_and(|p| p.built_rev != rev) {
            // A tally entered on the console shows on the wall at once.
            let (deck, public) = slides_of(&open.session);
            if let Some(show) = &mut open.presentation {
                show.refresh(deck, public, rev);
            }
        }
        let Some(show) = &mut open.presentation else { return false };
        let ctx = ui.ctx().clone();
        let mut commands = Vec::new();
        let layer = open.session.layer();
        // Typing a tally or an option on the console must not move the slides.
        let mut exit = !ctx.text_edit_focused() && show.keys(&ctx, now_secs) == presentation::Outcome::Exit;
        if !ctx.text_edit_focused() {
            let asks = show.live.keys(&ctx);
            show.live_asks.extend(asks);
        }
        if show.console {
            let audience = egui::ViewportId::from_hash_of("casebook-audience");
            let builder =
                egui::ViewportBuilder::default().with_title("Casebook — slides").with_inner_size([1280.0, 720.0]);
            ctx.show_viewport_immediate(audience, builder, |ui, _class| {
                let asks = show.live.keys(ui.ctx());
                show.live_asks.extend(asks);
                if show.keys(ui.ctx(), now_secs) == presentation::Outcome::Exit
                    || ui.input(|i| i.viewport().close_requested())
                {
                    exit = true;
                }
                egui::CentralPanel::no_frame().show(ui, |ui| show.audience_ui(ui, rev, now_secs, &layer.plan));
            });
            egui::CentralPanel::default().show(ui, |ui| {
                commands = show.console_ui(ui, layer, rev, now_secs);
                if ui.button("End presentation (Esc)").clicked() {
                    exit = true;
                }
            });
        } else {
            egui::CentralPanel::no_frame().show(ui, |ui| show.audience_ui(ui, rev, now_secs, &layer.plan));
        }
        // The room: what the instructor asked, and the question of the slide on the phones.
        for ask in std::mem::take(&mut show.live_asks) {
            commands.extend(show.live.ask(ask, &ctx));
        }
        show.live.poll();
        let question = show.current().and_then(|p| p.question.clone());
        if show.live.behind(question.as_deref()) {
            let shared = SharedLayer::new(layer, Results::Leave);
            commands.extend(show.live.follow(question.as_deref(), &shared));
        }
        // The timer moves on its own.
        ctx.request_repaint_after(std::time::Duration::from_millis(500));
        for command in commands {
            self.apply(command);
        }
        if exit {
            self.apply(Command::StopPresentation);
        }
        true
    }
}
