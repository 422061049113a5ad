//! The menu bar, the toolbar and the tab bar.

use egui::{RichText, Ui};

use super::{Command, CopydeskApp, ViewMode};
use crate::export::ExportFormat;

/// A menu item for a command: its label, its shortcut, and whether it is
/// the current choice (view modes, toggles).
fn item(app: &mut CopydeskApp, ui: &mut Ui, command: Command) {
    let ctx = ui.ctx().clone();
    let mut button = egui::Button::new(command.label());
    if let Some(shortcut) = command.shortcut() {
        button = button.shortcut_text(ctx.format_shortcut(&shortcut));
    }
    let selected = match command {
        Command::ShowEditorOnly => app.settings.view == ViewMode::EditorOnly,
        Command::ShowPreviewOnly => app.settings.view == ViewMode::PreviewOnly,
        Command::ShowSideBySide => app.settings.view == ViewMode::SideBySide,
        Command::ToggleMetadata => app.settings.show_metadata,
        Command::ToggleTheme => app.settings.dark,
        Command::ToggleOutline => app.settings.show_outline,
        Command::ToggleSpellCheck => app.settings.spell_check,
        Command::ToggleCursorBlink => app.settings.cursor_blink,
        _ => false,
    };
    if selected {
        button = button.selected(true);
    }
    if ui.add(button).clicked() {
        app.run(&ctx, command);
        ui.close();
    }
}

pub fn menu_bar(app: &mut CopydeskApp, ui: &mut Ui) {
    egui::Panel::top(egui::Id::unique("copydesk-menu")).show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                for c in [Command::New, Command::Open] {
                    item(app, ui, c);
                }
                ui.menu_button("Open Recent", |ui| {
                    let recent = app.settings.recent.clone();
                    if recent.is_empty() {
                        ui.label(RichText::new("No recent files").weak());
                    }
                    for path in recent {
                        // A file that is gone stays listed, marked, so the
                        // editor knows what moved rather than losing it.
                        let label = if path.exists() {
                            RichText::new(path.display().to_string())
                        } else {
                            RichText::new(format!("{} (missing)", path.display())).weak()
                        };
                        if ui.button(label).clicked() {
                            let now = ui.input(|i| i.time);
                            app.open_path(path, now);
                            ui.close();
                        }
                    }
                });
                ui.separator();
                for c in [Command::Save, Command::SaveAs] {
                    item(app, ui, c);
                }
                ui.separator();
                item(app, ui, Command::ManageTemplates);
                ui.separator();
                for c in [Command::CloseTab, Command::Quit] {
                    item(app, ui, c);
                }
            });
            ui.menu_button("Edit", |ui| {
                for c in [Command::Undo, Command::Redo] {
                    item(app, ui, c);
                }
                ui.separator();
                for c in [Command::Bold, Command::Italic, Command::Link] {
                    item(app, ui, c);
                }
                ui.separator();
                for c in [
                    Command::Find,
                    Command::Replace,
                    Command::FindNext,
                    Command::FindPrevious,
                ] {
                    item(app, ui, c);
                }
                ui.separator();
                for c in [
                    Command::CleanUp,
                    Command::ConvertToCopydeskKeys,
                    Command::ToggleSpellCheck,
                ] {
                    item(app, ui, c);
                }
                ui.separator();
                for c in [
                    Command::CopyForCms,
                    Command::CopyText,
                    Command::CopyMarkdown,
                ] {
                    item(app, ui, c);
                }
            });
            ui.menu_button("View", |ui| {
                for c in [
                    Command::ShowEditorOnly,
                    Command::ShowSideBySide,
                    Command::ShowPreviewOnly,
                ] {
                    item(app, ui, c);
                }
                ui.separator();
                for c in [
                    Command::ToggleMetadata,
                    Command::ToggleOutline,
                    Command::ShowProblems,
                    Command::Statistics,
                    Command::ToggleTheme,
                    Command::ToggleCursorBlink,
                ] {
                    item(app, ui, c);
                }
                ui.separator();
                for c in [Command::ZoomIn, Command::ZoomOut, Command::ZoomReset] {
                    item(app, ui, c);
                }
                ui.separator();
                for c in [Command::NextTab, Command::PreviousTab] {
                    item(app, ui, c);
                }
            });
            ui.menu_button("Insert", |ui| {
                for c in [
                    Command::Heading(2),
                    Command::Heading(3),
                    Command::Heading(4),
                    Command::Quote,
                    Command::BulletList,
                    Command::Link,
                    Command::InsertFigure,
                ] {
                    item(app, ui, c);
                }
                ui.separator();
                ui.menu_button("Snippet", |ui| {
                    if app.library.snippets.is_empty() {
                        ui.label(RichText::new("No snippets yet (File → Templates…)").weak());
                    }
                    let names: Vec<String> = app
                        .library
                        .snippets
                        .iter()
                        .map(|s| s.template.name.clone())
                        .collect();
                    for (i, name) in names.iter().enumerate() {
                        if ui.button(name).clicked() {
                            let ctx = ui.ctx().clone();
                            app.insert_snippet(&ctx, i);
                            ui.close();
                        }
                    }
                });
            });
            ui.menu_button("Export", |ui| {
                for format in ExportFormat::ALL {
                    item(app, ui, Command::Export(format));
                }
                ui.separator();
                for c in [
                    Command::CopyForCms,
                    Command::CopyText,
                    Command::CopyMarkdown,
                    Command::PreviewInBrowser,
                ] {
                    item(app, ui, c);
                }
            });
            ui.menu_button("Help", |ui| {
                for c in [Command::CommandPalette, Command::Shortcuts, Command::About] {
                    item(app, ui, c);
                }
            });
        });
        toolbar(app, ui);
    });
}

fn toolbar(app: &mut CopydeskApp, ui: &mut Ui) {
    ui.horizontal(|ui| {
        let ctx = ui.ctx().clone();
        let mut tool = |ui: &mut Ui, icon: &str, command: Command| {
            let tip = match command.shortcut() {
                Some(s) => format!("{} ({})", command.label(), ctx.format_shortcut(&s)),
                None => command.label(),
            };
            if ui.button(icon).on_hover_text(tip).clicked() {
                app.run(&ctx, command);
            }
        };
        tool(ui, "New", Command::New);
        tool(ui, "Open", Command::Open);
        tool(ui, "Save", Command::Save);
        ui.separator();
        tool(ui, "B", Command::Bold);
        tool(ui, "I", Command::Italic);
        tool(ui, "Link", Command::Link);
        tool(ui, "H2", Command::Heading(2));
        tool(ui, "Figure", Command::InsertFigure);
        ui.separator();
        tool(ui, "Copy for CMS", Command::CopyForCms);
        tool(ui, "Export HTML", Command::Export(ExportFormat::Html));
        tool(ui, "Preview in browser", Command::PreviewInBrowser);
        ui.separator();
        tool(ui, "Editor", Command::ShowEditorOnly);
        tool(ui, "Both", Command::ShowSideBySide);
        tool(ui, "Preview", Command::ShowPreviewOnly);
    });
}

pub fn tab_bar(app: &mut CopydeskApp, ui: &mut Ui) {
    let mut close = None;
    let mut select = None;
    ui.horizontal_wrapped(|ui| {
        for (i, doc) in app.docs.iter().enumerate() {
            let name = format!(
                "{}{}",
                if doc.is_dirty() { "• " } else { "" },
                doc.display_name()
            );
            let tab = ui.selectable_label(i == app.active, name);
            if tab.clicked() {
                select = Some(i);
            }
            if ui.small_button("×").on_hover_text("Close tab").clicked() {
                close = Some(doc.id);
            }
            ui.add_space(6.0);
        }
    });
    ui.separator();
    if let Some(i) = select {
        app.active = i;
        app.focus_body = true;
    }
    if let Some(id) = close {
        app.close_doc(id);
    }
}
