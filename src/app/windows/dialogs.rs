//! Windows over the editor: the unsaved-changes prompt, the problems list,
//! keyboard shortcuts, about, and the notices.

use crate::app::accessible::Named;
use egui::{Context, Id, RichText};

use crate::app::requests::Request;
use crate::app::{Command, Document};
use crate::session::{Notice, PromptAnswer, Question, Workspace};

/// The raw text of a front matter that could not be read, being mended.
pub struct FrontMatterEditor {
    doc: u64,
    raw: String,
    /// Why it could not be read, as last tried.
    error: Option<String>,
}

/// The unsaved-changes prompt for `question`; returns the answer.
pub fn prompt(ctx: &Context, question: Option<Question>) -> Option<Request> {
    let question = question?;
    let mut answer = None;
    egui::Modal::new(Id::unique("copydesk-prompt")).show(ctx, |ui| {
        ui.set_width(420.0);
        ui.heading(question.heading);
        ui.label(question.text);
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            for (label, a) in question.answers {
                if ui.button(label).clicked() {
                    answer = Some(a);
                }
            }
        });
        if ui.input(|i| i.key_pressed(egui::Key::Escape)) {
            answer = Some(PromptAnswer::Cancel);
        }
    });
    answer.map(Request::Answer)
}

/// Work left by a session that ended without saving: restore, discard or
/// keep each for later.
pub fn recovered(ctx: &Context, workspace: &mut Workspace) {
    if workspace.autosave.orphans.is_empty() || workspace.prompt.is_some() {
        return;
    }
    let mut action: Option<(usize, u8)> = None;
    egui::Modal::new(Id::unique("copydesk-recovered")).show(ctx, |ui| {
        ui.set_width(480.0);
        ui.heading("Recover unsaved work");
        ui.label("Copydesk stopped last time before these documents were saved:");
        ui.add_space(6.0);
        for (i, orphan) in workspace.autosave.orphans.iter().enumerate() {
            ui.separator();
            ui.label(RichText::new(orphan.name()).strong());
            if let Some(source) = &orphan.source {
                ui.label(RichText::new(format!("from {}", source.display())).small());
            }
            if !orphan.saved_at.is_empty() {
                ui.label(
                    RichText::new(format!(
                        "last change kept {}",
                        local_time(&orphan.saved_at, &jiff::Zoned::now())
                    ))
                    .small()
                    .weak(),
                );
            }
            if let Err(e) = &orphan.article {
                ui.label(
                    RichText::new(format!(
                        "This recovery file cannot be read ({e}); it is at {}.",
                        orphan.file.display()
                    ))
                    .color(ui.visuals().error_fg_color),
                );
            }
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(
                        orphan.article.is_ok(),
                        egui::Button::new(format!("Restore {}", orphan.name())),
                    )
                    .clicked()
                {
                    action = Some((i, 0));
                }
                if ui.button("Discard").clicked() {
                    action = Some((i, 1));
                }
                if ui.button("Keep for Later").clicked() {
                    action = Some((i, 2));
                }
            });
        }
    });
    if let Some((i, what)) = action {
        let orphan = workspace.autosave.orphans.remove(i);
        let now = ctx.input(|i| i.time);
        match what {
            0 => workspace.restore(&orphan, now),
            1 => workspace.discard_recovery_file(&orphan, now),
            _ => {}
        }
    }
}

/// Banners over a document: its file changed on disk; its front matter
/// could not be read ("Fix the Front Matter…" opens `editor` on it).
pub fn document_banners(
    ui: &mut egui::Ui,
    workspace: &mut Workspace,
    editor: &mut Option<FrontMatterEditor>,
) {
    let Some(doc) = workspace.active_doc() else {
        return;
    };
    let id = doc.id;
    let mut reload = false;
    let mut keep = false;
    let mut edit_front = false;
    if doc.changed_on_disk {
        egui::Frame::new()
            .fill(ui.visuals().warn_fg_color.gamma_multiply(0.15))
            .inner_margin(6.0)
            .show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    ui.label("⚠ Another program changed this file since you opened it.");
                    if ui
                        .button(if doc.is_dirty() {
                            "Reload (discard my edits)"
                        } else {
                            "Reload"
                        })
                        .clicked()
                    {
                        reload = true;
                    }
                    if ui.button("Keep My Version").clicked() {
                        keep = true;
                    }
                });
            });
    }
    if let Some(problem) = &doc.front_matter_problem {
        egui::Frame::new().fill(ui.visuals().error_fg_color.gamma_multiply(0.12)).inner_margin(6.0).show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.label(format!("⚠ The metadata could not be read — {problem}. It is kept exactly as written."));
                // Front matter in another language (`---js`) is not wrong,
                // and not YAML to mend: there is nothing to fix here.
                let foreign = doc.origin.front_matter == Some(crate::format::FrontMatterKind::Foreign);
                if !foreign && ui.button("Fix the Front Matter…").clicked() {
                    edit_front = true;
                }
            });
        });
    }
    if edit_front {
        // The editor opens on what is wrong, beside the numbered lines.
        *editor = Some(FrontMatterEditor {
            doc: id,
            raw: doc.origin.unreadable_front.clone().unwrap_or_default(),
            error: doc.front_matter_problem.clone(),
        });
    }
    let now = ui.input(|i| i.time);
    if reload {
        workspace.reload(id, now);
    }
    if keep {
        workspace.keep_mine(id);
    }
}

/// Edits the raw text of a front matter that could not be read, and reads
/// it again (the window closes once it reads).
pub fn front_matter_editor(
    ctx: &Context,
    editor: &mut Option<FrontMatterEditor>,
    docs: &mut [Document],
) {
    let Some(FrontMatterEditor {
        doc: id,
        mut raw,
        mut error,
    }) = editor.take()
    else {
        return;
    };
    let mut open = true;
    let mut apply = false;
    let fence = docs
        .iter()
        .find(|d| d.id == id)
        .map_or("---", |d| d.origin.front_matter.unwrap_or_default().fence());
    egui::Window::new("Fix the front matter")
        .open(&mut open)
        .default_width(520.0)
        .show(ctx, |ui| {
            ui.label(format!(
                "The text between the {fence} lines. Fix it, then read it again. The numbers are the file's lines, as messages count them."
            ));
            let label = ui.label("Front matter");
            egui::ScrollArea::horizontal().show(ui, |ui| {
                numbered_code_editor(ui, &mut raw, fence, label.id);
            });
            if let Some(e) = &error {
                ui.label(RichText::new(e).color(ui.visuals().error_fg_color));
            }
            if ui.button("Read Again").clicked() {
                apply = true;
            }
        });
    if apply {
        let Some(doc) = docs.iter_mut().find(|d| d.id == id) else {
            return;
        };
        match doc.mend_front_matter(&raw) {
            Ok(()) => return,
            Err(e) => error = Some(e.to_string()),
        }
    }
    if open {
        *editor = Some(FrontMatterEditor {
            doc: id,
            raw,
            error,
        });
    }
}

/// When a recovery file was written (an RFC 3339 time), in the local time
/// zone and as a person says it: `today at 14:05`, `yesterday at 09:12`,
/// `on Tuesday 3 November at 14:05` this year, `on 3 November 2025 at
/// 14:05` before. Text that is not a time is shown as it is.
pub(crate) fn local_time(saved_at: &str, now: &jiff::Zoned) -> String {
    let Ok(timestamp) = saved_at.trim().parse::<jiff::Timestamp>() else {
        return format!("at {saved_at}");
    };
    let when = timestamp.to_zoned(now.time_zone().clone());
    let (date, today) = (when.date(), now.date());
    let time = when.strftime("%H:%M");
    if date == today {
        format!("today at {time}")
    } else if today.yesterday().ok() == Some(date) {
        format!("yesterday at {time}")
    } else if date.year() == today.year() {
        format!("on {} at {time}", when.strftime("%A %-d %B"))
    } else {
        format!("on {} at {time}", when.strftime("%-d %B %Y"))
    }
}

/// A code editor for a front-matter block between its fences, with the
/// file's line numbers in its left margin (the opening fence is line 1) and
/// lines left unwrapped so each number stays beside its line.
fn numbered_code_editor(ui: &mut egui::Ui, raw: &mut String, fence: &str, label: egui::Id) {
    let font = egui::TextStyle::Monospace.resolve(ui.style());
    let weak = ui.visuals().weak_text_color();
    let lines = raw.split('\n').count();
    let digits = (lines + 1).to_string().len().max(2);
    let gutter = ui.fonts_mut(|f| f.glyph_width(&font, '0')) * digits as f32 + 12.0;
    let fence_line = |ui: &mut egui::Ui, n: usize| {
        ui.label(
            RichText::new(format!("{n:>digits$}  {fence}"))
                .monospace()
                .color(weak),
        );
    };
    fence_line(ui, 1);
    let mut layouter = |ui: &egui::Ui, text: &dyn egui::TextBuffer, _wrap: f32| {
        let job = egui::text::LayoutJob::simple(
            text.as_str().to_owned(),
            egui::TextStyle::Monospace.resolve(ui.style()),
            ui.visuals().text_color(),
            f32::INFINITY,
        );
        ui.fonts_mut(|f| f.layout_job(job))
    };
    let output = egui::TextEdit::multiline(raw)
        .code_editor()
        .margin(egui::Margin {
            left: gutter as i8,
            right: 4,
            top: 2,
            bottom: 2,
        })
        .desired_rows(lines.max(6))
        .desired_width(f32::INFINITY)
        .layouter(&mut layouter)
        .show(ui);
    output.response.response.labelled_by(label);
    let painter = ui.painter_at(output.text_clip_rect.expand2(egui::vec2(gutter, 0.0)));
    for (i, row) in output.galley.rows.iter().enumerate() {
        painter.text(
            egui::pos2(output.galley_pos.x - 8.0, output.galley_pos.y + row.pos.y),
            egui::Align2::RIGHT_TOP,
            (i + 2).to_string(),
            font.clone(),
            weak,
        );
    }
    fence_line(ui, lines + 2);
}

/// The keyboard shortcuts, from the command registry, while `open`.
pub fn shortcuts(ctx: &Context, open: &mut bool) {
    egui::Window::new("Keyboard shortcuts")
        .open(open)
        .show(ctx, |ui| {
            egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                for command in Command::all() {
                    if let Some(keys) = command.shortcut_label(ctx) {
                        ui.label(command.label());
                        ui.label(RichText::new(keys).monospace());
                        ui.end_row();
                    }
                }
            });
        });
}

/// The version and what Copydesk is for, while `open`.
pub fn about(ctx: &Context, open: &mut bool) {
    egui::Window::new("About Copydesk")
        .open(open)
        .collapsible(false)
        .show(ctx, |ui| {
            ui.heading(format!("Copydesk {}", env!("CARGO_PKG_VERSION")));
            ui.label("Revise tech-news articles and publish them.");
        });
}

/// Notices at the bottom right: information fades after a few seconds,
/// errors stay until dismissed.
pub fn notices(ctx: &Context, notices: &mut Vec<Notice>, now: f64) {
    const SHOWN_FOR: f64 = 4.0;
    notices.retain(|n| n.error || now - n.shown_at < SHOWN_FOR);
    if notices.is_empty() {
        return;
    }
    let mut dismiss = None;
    egui::Area::new(Id::unique("copydesk-notices"))
        .anchor(egui::Align2::RIGHT_BOTTOM, [-12.0, -36.0])
        .show(ctx, |ui| {
            for (i, notice) in notices.iter().enumerate() {
                let frame = egui::Frame::popup(ui.style());
                frame.show(ui, |ui| {
                    ui.set_max_width(420.0);
                    ui.horizontal(|ui| {
                        if notice.error {
                            ui.label(
                                RichText::new(&notice.text).color(ui.visuals().error_fg_color),
                            );
                            if ui.small_button("✖").named("Dismiss this notice").clicked() {
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
        notices.remove(i);
    }
    if notices.iter().any(|n| !n.error) {
        ctx.request_repaint_after(std::time::Duration::from_secs_f64(SHOWN_FOR));
    }
}

#[cfg(test)]
mod tests {
    use super::local_time;

    #[test]
    fn recovery_times_are_local_and_readable() {
        let zone = jiff::tz::TimeZone::fixed(jiff::tz::offset(2));
        let now = "2026-11-03T10:00:00Z"
            .parse::<jiff::Timestamp>()
            .unwrap()
            .to_zoned(zone);
        let said = |saved_at: &str| local_time(saved_at, &now);
        assert_eq!(said("2026-11-03T08:05:09Z"), "today at 10:05");
        // Late on the 2nd in UTC is already the 3rd two hours east.
        assert_eq!(said("2026-11-02T23:30:00Z"), "today at 01:30");
        assert_eq!(said("2026-11-02T12:00:00Z"), "yesterday at 14:00");
        assert_eq!(
            said("2026-11-01T12:00:00Z"),
            "on Sunday 1 November at 14:00"
        );
        assert_eq!(said("2025-06-01T12:00:00Z"), "on 1 June 2025 at 14:00");
        assert_eq!(said("last Tuesday"), "at last Tuesday");
    }
}
