//! Windows over the editor: the unsaved-changes prompt, the problems list,
//! keyboard shortcuts, about, and the notices.

use egui::{Context, Id, RichText};

use super::actions::PromptAnswer;
use super::platform::AfterSave;
use super::{Command, CopydeskApp, Prompt};
use crate::analysis::check::{self, Location, Severity};

pub fn dialogs(app: &mut CopydeskApp, ctx: &Context) {
    unsaved_prompt(app, ctx);
    problems(app, ctx);
    shortcuts(app, ctx);
    about(app, ctx);
}

fn unsaved_prompt(app: &mut CopydeskApp, ctx: &Context) {
    let Some(Prompt::UnsavedChanges { doc, then }) = app.prompt.clone() else {
        return;
    };
    let save_label = match then {
        AfterSave::CloseTab => "Save and Close",
        AfterSave::ContinueQuit => "Save and Quit",
        AfterSave::Nothing => "Save",
    };
    let name = app
        .docs
        .iter()
        .find(|d| d.id == doc)
        .map(|d| d.display_name())
        .unwrap_or_default();
    let mut answer = None;
    egui::Modal::new(Id::unique("copydesk-unsaved")).show(ctx, |ui| {
        ui.set_width(380.0);
        ui.heading("Save changes?");
        ui.label(format!(
            "“{name}” has changes that are not saved. If you don't save them, they are lost."
        ));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button(save_label).clicked() {
                answer = Some(PromptAnswer::Save);
            }
            if ui.button("Don't Save").clicked() {
                answer = Some(PromptAnswer::Discard);
            }
            if ui.button("Cancel").clicked() {
                answer = Some(PromptAnswer::Cancel);
            }
        });
        if ui.input(|i| i.key_pressed(egui::Key::Escape)) {
            answer = Some(PromptAnswer::Cancel);
        }
    });
    if let Some(answer) = answer {
        app.answer_prompt(ctx, answer);
    }
}

fn problems(app: &mut CopydeskApp, ctx: &Context) {
    if !app.show_problems {
        return;
    }
    let Some(doc) = app.docs.get_mut(app.active) else {
        return;
    };
    let blocks = doc.blocks();
    let list = check::check_blocks(&doc.article, &blocks);
    let mut open = true;
    let mut jump = None;
    egui::Window::new("Problems to fix before publishing")
        .open(&mut open)
        .default_width(420.0)
        .show(ctx, |ui| {
            if list.is_empty() {
                ui.label("No problems: the article is ready to publish.");
            }
            for problem in &list {
                let icon = if problem.severity == Severity::Error {
                    "Error:"
                } else {
                    "Warning:"
                };
                let text = format!("{icon} {}", problem.message);
                let place = match &problem.location {
                    Location::Field(f) => format!("in the {} field", f.replace('_', " ")),
                    Location::Body(r) => format!(
                        "line {}",
                        doc.article.body[..r.start.min(doc.article.body.len())]
                            .matches('\n')
                            .count()
                            + 1
                    ),
                };
                if ui
                    .link(text)
                    .on_hover_text(format!("Go to it ({place})"))
                    .clicked()
                {
                    jump = Some(problem.location.clone());
                }
            }
        });
    if let Some(Location::Body(range)) = jump {
        doc.jump_to = Some(range);
    } else if let Some(Location::Field(_)) = jump {
        app.settings.show_metadata = true;
    }
    app.show_problems = open;
}

fn shortcuts(app: &mut CopydeskApp, ctx: &Context) {
    let mut open = app.show_shortcuts;
    egui::Window::new("Keyboard shortcuts")
        .open(&mut open)
        .show(ctx, |ui| {
            egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                for command in Command::all() {
                    if let Some(shortcut) = command.shortcut() {
                        ui.label(command.label());
                        ui.label(RichText::new(ctx.format_shortcut(&shortcut)).monospace());
                        ui.end_row();
                    }
                }
            });
        });
    app.show_shortcuts = open;
}

fn about(app: &mut CopydeskApp, ctx: &Context) {
    let mut open = app.show_about;
    egui::Window::new("About Copydesk")
        .open(&mut open)
        .collapsible(false)
        .show(ctx, |ui| {
            ui.heading(format!("Copydesk {}", env!("CARGO_PKG_VERSION")));
            ui.label("Revise tech-news articles and publish them.");
        });
    app.show_about = open;
}

/// Notices at the bottom right: information fades after a few seconds,
/// errors stay until dismissed.
pub fn notices(app: &mut CopydeskApp, ctx: &Context, now: f64) {
    const SHOWN_FOR: f64 = 4.0;
    app.notices
        .retain(|n| n.error || now - n.shown_at < SHOWN_FOR);
    if app.notices.is_empty() {
        return;
    }
    let mut dismiss = None;
    egui::Area::new(Id::unique("copydesk-notices"))
        .anchor(egui::Align2::RIGHT_BOTTOM, [-12.0, -36.0])
        .show(ctx, |ui| {
            for (i, notice) in app.notices.iter().enumerate() {
                let frame = egui::Frame::popup(ui.style());
                frame.show(ui, |ui| {
                    ui.set_max_width(420.0);
                    ui.horizontal(|ui| {
                        if notice.error {
                            ui.label(
                                RichText::new(&notice.text).color(ui.visuals().error_fg_color),
                            );
                            if ui.small_button("✖").on_hover_text("Dismiss").clicked() {
                                dismiss = Some(i);
                            }
                        } else {
                            ui.label(&notice.text);
                        }
                    });
                });
            }
        });
    if let Some(i) = dismiss {
        app.notices.remove(i);
    }
    if app.notices.iter().any(|n| !n.error) {
        ctx.request_repaint_after(std::time::Duration::from_secs_f64(SHOWN_FOR));
    }
}
