//! The menu bar, the toolbar and the tab bar.

use super::accessible::{self, Named};
use egui::{RichText, Ui};

use super::commands::Menu;
use super::layout::Layout;
use super::requests::Request;
use super::{Command, CopydeskApp, Settings, ViewMode};
use crate::export::ExportFormat;
use crate::session::Workspace;

/// A menu item for a command: its label, its shortcut, and whether it is
/// the current choice (view modes, toggles, as `settings` say).
fn item(ui: &mut Ui, settings: &Settings, command: Command, out: &mut Vec<Request>) {
    let shortcut = command.shortcut_label(ui.ctx());
    // Toggles and view modes are read as checked or not.
    let checked = match command {
        Command::ShowEditorOnly => Some(settings.view == ViewMode::EditorOnly),
        Command::ShowPreviewOnly => Some(settings.view == ViewMode::PreviewOnly),
        Command::ShowSideBySide => Some(settings.view == ViewMode::SideBySide),
        Command::ToggleMetadata => Some(settings.show_metadata),
        Command::ToggleTheme => Some(settings.dark),
        Command::ToggleOutline => Some(settings.show_outline),
        Command::ToggleSpellCheck => Some(settings.spell_check),
        Command::ToggleCursorBlink => Some(settings.cursor_blink),
        Command::ToggleExportBio => Some(settings.export_bio),
        _ => None,
    };
    if accessible::menu_item(ui, &command.label(), shortcut, checked).clicked() {
        out.push(Request::Run(command));
        ui.close();
    }
}

impl CopydeskApp {
    /// The menu bar and the toolbar.
    pub(crate) fn menu_bar(&mut self, ui: &mut Ui) {
        let mut requests = Vec::new();
        egui::Panel::top(egui::Id::unique("copydesk-menu")).show(ui, |ui| {
            accessible::name_region(ui, "Menu bar and toolbar");
            egui::MenuBar::new().ui(ui, |ui| {
                for menu in Menu::ALL {
                    ui.menu_button(menu.label(), |ui| {
                        menu_items(ui, &self.workspace, menu, &mut requests);
                        if menu == Menu::Publish {
                            // The sites, which are not commands.
                            super::windows::publish::site_items(self, ui);
                        }
                    });
                }
            });
            requests.extend(toolbar(ui));
        });
        self.grant(ui.ctx(), requests);
    }
}

/// A menu's commands (from the command registry), with the recent files
/// after File's first group and the snippets at the end of Insert.
fn menu_items(ui: &mut Ui, workspace: &Workspace, menu: Menu, out: &mut Vec<Request>) {
    for (i, group) in menu.groups().into_iter().enumerate() {
        if i > 0 {
            ui.separator();
        }
        for command in group {
            item(ui, &workspace.settings, command, out);
        }
        if menu == Menu::File && i == 0 {
            ui.menu_button("Open Recent", |ui| {
                recent_files(ui, &workspace.settings.recent, out)
            });
        }
    }
    if menu == Menu::Insert {
        ui.separator();
        ui.menu_button("Snippet", |ui| snippets(ui, &workspace.library, out));
    }
}

fn recent_files(ui: &mut Ui, recent: &[std::path::PathBuf], out: &mut Vec<Request>) {
    if recent.is_empty() {
        ui.label(RichText::new("No recent files").weak());
    }
    for path in recent {
        // A file that is gone stays listed, marked, so the editor knows
        // what moved rather than losing it.
        let label = if path.exists() {
            RichText::new(path.display().to_string())
        } else {
            RichText::new(format!("{} (missing)", path.display())).weak()
        };
        if ui.button(label).clicked() {
            out.push(Request::Open(path.clone()));
            ui.close();
        }
    }
}

fn snippets(ui: &mut Ui, library: &crate::templates::Library, out: &mut Vec<Request>) {
    if library.snippets.is_empty() {
        ui.label(RichText::new("No snippets yet (File → Templates…)").weak());
    }
    for (i, name) in library.snippet_names().iter().enumerate() {
        if ui.button(name).clicked() {
            out.push(Request::InsertSnippet(i));
            ui.close();
        }
    }
}

/// The toolbar's buttons, in groups with a separator between them.
fn tools() -> [&'static [(&'static str, Command)]; 4] {
    [
        &[
            ("New", Command::New),
            ("Open", Command::Open),
            ("Save", Command::Save),
        ],
        &[
            ("B", Command::Bold),
            ("I", Command::Italic),
            ("Link", Command::Link),
            ("H2", Command::Heading(2)),
            ("Figure", Command::InsertFigure),
        ],
        &[
            ("Copy for CMS", Command::CopyForCms),
            ("Export HTML", Command::Export(ExportFormat::Html)),
            ("Preview in browser", Command::PreviewInBrowser),
        ],
        &[
            ("Editor", Command::ShowEditorOnly),
            ("Both", Command::ShowSideBySide),
            ("Preview", Command::ShowPreviewOnly),
        ],
    ]
}

/// The text of the overflow menu's button.
const MORE: &str = "More »";

/// The width a button with `text` takes on the toolbar, spacing included.
fn button_width(ui: &Ui, text: &str) -> f32 {
    let galley = egui::WidgetText::from(text).into_galley(
        ui,
        Some(egui::TextWrapMode::Extend),
        f32::INFINITY,
        egui::TextStyle::Button,
    );
    galley.size().x + 2.0 * ui.spacing().button_padding.x + ui.spacing().item_spacing.x
}

/// The toolbar: the buttons that fit, and the rest in a "More" menu at its
/// end, so that every action stays a click away in a narrow window or at
/// a large zoom. Returns the command clicked.
fn toolbar(ui: &mut Ui) -> Option<Request> {
    let ctx = ui.ctx().clone();
    let tip = |command: Command| command.with_shortcut(&ctx);
    let mut clicked = None;
    ui.horizontal(|ui| {
        let available = ui.available_width();
        // A separator: its own spacing, and the item spacing after it.
        let separator = 6.0 + ui.spacing().item_spacing.x;
        let groups = tools();
        let total: f32 = groups
            .iter()
            .flat_map(|g| g.iter())
            .map(|(text, _)| button_width(ui, text))
            .sum::<f32>()
            + separator * (groups.len() - 1) as f32;
        // Leave room for the "More" button when not everything fits.
        let room = if total <= available {
            f32::INFINITY
        } else {
            available - button_width(ui, MORE) - 4.0
        };
        let mut used = 0.0;
        let mut hidden = Vec::new();
        for (g, group) in groups.iter().enumerate() {
            if g > 0 && hidden.is_empty() {
                if used + separator + button_width(ui, group[0].0) > room {
                    hidden.extend(group.iter().copied());
                    continue;
                }
                ui.separator();
                used += separator;
            }
            for &(text, command) in group.iter() {
                let width = button_width(ui, text);
                if !hidden.is_empty() || used + width > room {
                    hidden.push((text, command));
                    continue;
                }
                used += width;
                let button = ui.button(text);
                // Glyph buttons (`B`, `I`, `H2`) are named in words.
                let button = if text.chars().count() <= 2 {
                    button.named(&command.label())
                } else {
                    button
                };
                if button.on_hover_text(tip(command)).clicked() {
                    clicked = Some(command);
                }
            }
        }
        if !hidden.is_empty() {
            ui.menu_button(MORE, |ui| {
                for (text, command) in hidden {
                    // Glyphs get their command's name in words here too.
                    let label = if text.chars().count() <= 2 {
                        command.label()
                    } else {
                        text.to_string()
                    };
                    if ui.button(label).on_hover_text(tip(command)).clicked() {
                        clicked = Some(command);
                        ui.close();
                    }
                }
            })
            .response
            .on_hover_text("The toolbar buttons that do not fit");
        }
    });
    clicked.map(Request::Run)
}

/// The tabs of the open documents, after buttons for the side panels that
/// are folded away for want of room; returns the tab chosen or closed.
pub fn tab_bar(ui: &mut Ui, workspace: &Workspace, layout: &mut Layout) -> Option<Request> {
    let mut chosen = None;
    ui.horizontal_wrapped(|ui| {
        // The side panels folded away for want of room open from here.
        if workspace.settings.show_metadata && !layout.metadata_docked {
            let open = layout.metadata_overlay;
            if ui
                .selectable_label(open, "Metadata")
                .on_hover_text("The window is too narrow for the metadata beside the editor: show it over the editor")
                .clicked()
            {
                layout.metadata_overlay = !open;
                layout.outline_overlay = false;
            }
        }
        if workspace.settings.show_outline && !layout.outline_docked && !workspace.docs.is_empty() {
            let open = layout.outline_overlay;
            if ui
                .selectable_label(open, "Outline")
                .on_hover_text("The window is too narrow for the outline beside the editor: show it over the editor")
                .clicked()
            {
                layout.outline_overlay = !open;
                layout.metadata_overlay = false;
            }
        }
        if !(layout.metadata_docked && layout.outline_docked) {
            ui.separator();
        }
        for (i, doc) in workspace.docs.iter().enumerate() {
            let name = format!(
                "{}{}",
                if doc.is_dirty() { "• " } else { "" },
                doc.display_name()
            );
            let tab = ui.selectable_label(i == workspace.active, &name);
            if tab.clicked() {
                chosen = Some(Request::SelectTab(i));
            }
            if ui.small_button("×").named(&format!("Close tab {}", doc.display_name())).clicked() {
                chosen = Some(Request::Close(doc.id));
            }
            ui.add_space(6.0);
        }
    });
    ui.separator();
    chosen
}
