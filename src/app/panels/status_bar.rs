//! The status bar: words, reading time, saved state, and the problems to fix.

use egui::{RichText, Ui};

use crate::analysis::check::Severity;
use crate::app::editor::spell_check::SpellCheck;
use crate::session::Workspace;

/// Whether the document is saved, in words.
fn saved_state(doc: &crate::session::Document) -> &'static str {
    match (&doc.path, doc.is_dirty()) {
        (None, _) if doc.imported_from.is_some() => "Imported draft — not saved yet",
        (None, _) => "Not saved yet",
        (Some(_), true) => "Unsaved changes",
        (Some(_), false) => "Saved",
    }
}

/// "No problems", or how many, coloured by the worst.
fn summary(ui: &Ui, problems: &[crate::analysis::check::Problem]) -> RichText {
    let errors = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    let summary = crate::analysis::check::summary(problems);
    if problems.is_empty() {
        RichText::new("✔ No problems")
    } else if errors > 0 {
        RichText::new(format!("⚠ {summary}")).color(ui.visuals().error_fg_color)
    } else {
        RichText::new(format!("⚠ {summary}")).color(ui.visuals().warn_fg_color)
    }
}

/// The status bar reads the workspace and the spell checker, and toggles
/// the problems list; it takes nothing else of the app.
pub fn status_bar(
    ui: &mut Ui,
    workspace: &mut Workspace,
    spell: &SpellCheck,
    show_problems: &mut bool,
) {
    let Some(doc) = workspace.docs.get_mut(workspace.active) else {
        return;
    };
    let now = ui.input(|i| i.time);
    let (analysis, fresh) = doc.analysis_at(now);
    if !fresh {
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_secs_f64(
                crate::app::document::ANALYSIS_PAUSE,
            ));
    }
    let stats = analysis.stats;
    let spelling = if workspace.settings.spell_check {
        spell.problem(&doc.article.meta.lang).map(str::to_string)
    } else {
        None
    };
    let wpm = workspace.settings.words_per_minute;
    let problems = &analysis.problems;
    let encoding = doc.encoding;
    let dirty = doc.is_dirty();
    // Unsaved work that is not in a recovery file either: say so where the
    // saved state is.
    let unprotected = workspace.autosave.trouble().filter(|_| dirty);
    let saved_state = saved_state(doc);
    egui::Panel::bottom(egui::Id::unique("copydesk-status")).show(ui, |ui| {
        crate::app::accessible::name_region(ui, "Status bar");
        ui.horizontal(|ui| {
            ui.label(crate::analysis::counted(stats.words, "word", "words"));
            ui.separator();
            ui.label(format!("{} min read", stats.reading_minutes_at(wpm)));
            ui.separator();
            ui.label(saved_state);
            if let Some(trouble) = unprotected {
                ui.label(RichText::new("⚠ Not autosaved").color(ui.visuals().error_fg_color))
                    .on_hover_text(trouble);
            }
            if !encoding.is_utf8() {
                ui.separator();
                ui.label(format!("Read as {encoding}")).on_hover_text(
                    "The file is not UTF-8: it was converted when read, and Copydesk saves UTF-8.",
                );
            }
            ui.separator();
            if ui
                .button(summary(ui, problems))
                .on_hover_text("List the problems to fix before publishing")
                .clicked()
            {
                *show_problems = !*show_problems;
            }
            if let Some(why) = spelling {
                ui.separator();
                ui.label(RichText::new("Spelling not checked").weak())
                    .on_hover_text(why);
            }
        });
    });
}
