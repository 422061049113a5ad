//! The templates manager: list, search, edit, rename, duplicate, delete
//! (after asking), import a `.ron` file, and show the folder.

use std::path::PathBuf;

use egui::{Context, RichText, TextEdit};

use crate::app::platform::{DialogPurpose, DialogRequest};
use crate::app::requests::Request;
use crate::templates::{AuthorTemplate, Library, Placement, SnippetTemplate};

/// The template being edited: a copy, written back on Save.
#[derive(Clone)]
enum Draft {
    Author(PathBuf, AuthorTemplate),
    Snippet(PathBuf, SnippetTemplate),
}

#[derive(Default)]
pub struct TemplatesWindow {
    search: String,
    selected: Option<Draft>,
    new_name: String,
    confirm_delete: bool,
    /// The window closes at the end of this frame (its unsaved edits were
    /// saved or discarded).
    close_now: bool,
    /// What waits for an answer about the selected template's unsaved
    /// edits: closing the window, or showing another template.
    pending: Option<Pending>,
}

#[derive(Clone)]
enum Pending {
    Close,
    Select(Draft),
}

/// The templates manager while `window` holds one (cleared when it
/// closes), over the `library` kept in `dir` (the config folder, if there
/// is one). Returns what it has to say and what it asks of the system.
pub fn templates_window(
    ctx: &Context,
    window: &mut Option<TemplatesWindow>,
    library: &mut Library,
    dir: Option<&std::path::Path>,
) -> Vec<Request> {
    let Some(mut state) = window.take() else {
        return Vec::new();
    };
    let mut open = true;
    let mut said: Vec<Request> = Vec::new();
    egui::Window::new("Templates")
        .open(&mut open)
        .default_width(640.0)
        .default_height(480.0)
        .show(ctx, |ui| {
            let Some(dir) = dir else {
                ui.label(
                    "There is no config folder to keep templates in (set COPYDESK_CONFIG_DIR).",
                );
                return;
            };
            toolbar(ui, library, &mut state, dir, &mut said);
            let label = ui.label("Search templates");
            ui.add(
                TextEdit::singleline(&mut state.search)
                    .hint_text("Name or text")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
            ui.columns(2, |cols| {
                template_list(&mut cols[0], &mut state, library);
                match state.selected.clone() {
                    None => {
                        cols[1].label(RichText::new("Pick a template to edit it.").weak());
                    }
                    Some(draft) => draft_panel(&mut cols[1], &mut state, library, draft, &mut said),
                }
            });
        });
    if !open && !state.close_now && state.selected.as_ref().is_some_and(|d| unsaved(library, d)) {
        // Closing with unsaved edits asks first.
        state.pending = Some(Pending::Close);
        open = true;
    }
    if open && !state.close_now {
        *window = Some(state);
    }
    said
}

/// New author, new snippet, import, show the folder.
fn toolbar(
    ui: &mut egui::Ui,
    library: &mut Library,
    state: &mut TemplatesWindow,
    dir: &std::path::Path,
    said: &mut Vec<Request>,
) {
    ui.horizontal(|ui| {
        if ui.button("New Author").clicked() {
            let t = AuthorTemplate {
                name: "New author".into(),
                ..Default::default()
            };
            match library.save_author(t.clone()) {
                Ok(file) => state.select(Draft::Author(file, t)),
                Err(e) => said.push(Request::Error(format!(
                    "Could not create the template: {e}"
                ))),
            }
        }
        if ui.button("New Snippet").clicked() {
            let t = SnippetTemplate {
                name: "New snippet".into(),
                ..Default::default()
            };
            match library.save_snippet(t.clone()) {
                Ok(file) => state.select(Draft::Snippet(file, t)),
                Err(e) => said.push(Request::Error(format!(
                    "Could not create the template: {e}"
                ))),
            }
        }
        if ui.button("Import .ron…").clicked() {
            said.push(Request::Dialog(DialogRequest {
                purpose: DialogPurpose::ImportTemplate,
                title: "Import templates".into(),
                directory: None,
                file_name: None,
                filters: vec![("Copydesk templates".into(), vec!["ron".into()])],
                save: false,
            }));
        }
        if ui.button("Show Folder").clicked() {
            said.push(Request::Reveal(dir.to_path_buf()));
        }
    });
}

/// The authors and snippets matching the search, and the files that could
/// not be read.
fn template_list(ui: &mut egui::Ui, state: &mut TemplatesWindow, library: &Library) {
    let query = state.search.trim().to_lowercase();
    let hit = |a: &str, b: &str| {
        query.is_empty() || a.to_lowercase().contains(&query) || b.to_lowercase().contains(&query)
    };
    egui::ScrollArea::vertical()
        .id_salt("template-list")
        .show(ui, |ui| {
            ui.label(RichText::new("Authors").strong());
            for a in library
                .authors
                .iter()
                .filter(|a| hit(&a.template.name, &a.template.bio))
            {
                let selected = matches!(&state.selected, Some(Draft::Author(f, _)) if *f == a.file);
                if ui.selectable_label(selected, &a.template.name).clicked() {
                    state.ask_or_select(library, Draft::Author(a.file.clone(), a.template.clone()));
                }
            }
            ui.add_space(6.0);
            ui.label(RichText::new("Snippets").strong());
            for s in library
                .snippets
                .iter()
                .filter(|s| hit(&s.template.name, &s.template.text))
            {
                let selected =
                    matches!(&state.selected, Some(Draft::Snippet(f, _)) if *f == s.file);
                if ui.selectable_label(selected, &s.template.name).clicked() {
                    state
                        .ask_or_select(library, Draft::Snippet(s.file.clone(), s.template.clone()));
                }
            }
            if !library.problems.is_empty() {
                ui.add_space(6.0);
                ui.label(RichText::new("Files that could not be read (left as they are)").strong());
                for p in &library.problems {
                    ui.label(
                        RichText::new(format!("{}: {}", p.file.display(), p.error))
                            .color(ui.visuals().error_fg_color)
                            .small(),
                    );
                }
            }
        });
}

/// The selected template: its fields, its actions, and the questions
/// about deleting it or leaving it with unsaved edits.
fn draft_panel(
    ui: &mut egui::Ui,
    state: &mut TemplatesWindow,
    library: &mut Library,
    mut draft: Draft,
    said: &mut Vec<Request>,
) {
    draft_fields(ui, &mut draft);
    let save = draft_actions(ui, state, library, &mut draft, said);
    if state.confirm_delete {
        confirm_delete(ui, state, library, &draft, said);
    }
    if let Some(pending) = state.pending.clone() {
        unsaved_changes(ui, state, library, &mut draft, pending, said);
    }
    if save {
        match save_draft(library, &draft) {
            Ok(()) => said.push(Request::Notify(format!("Saved {}", draft.name()))),
            Err(e) => said.push(Request::Error(format!("Could not save: {e}"))),
        }
    }
    if state.selected.is_some() {
        state.selected = Some(draft);
    }
}

fn wide(edit: TextEdit<'_>) -> TextEdit<'_> {
    edit.desired_width(f32::INFINITY)
}

fn draft_fields(ui: &mut egui::Ui, draft: &mut Draft) {
    match draft {
        Draft::Author(_, t) => {
            let l = ui.label("Role");
            ui.add(wide(TextEdit::singleline(&mut t.role)))
                .labelled_by(l.id);
            let l = ui.label("Template bio");
            ui.add(wide(TextEdit::multiline(&mut t.bio).desired_rows(6)))
                .labelled_by(l.id);
            let l = ui.label("Links, one a line");
            let mut links = t.links.join("\n");
            if ui
                .add(wide(TextEdit::multiline(&mut links).desired_rows(2)))
                .labelled_by(l.id)
                .changed()
            {
                t.links = links
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(String::from)
                    .collect();
            }
            let l = ui.label("Avatar");
            ui.add(wide(
                TextEdit::singleline(&mut t.avatar).hint_text("Path or URL"),
            ))
            .labelled_by(l.id);
        }
        Draft::Snippet(_, t) => {
            let l = ui.label("Snippet text");
            ui.add(wide(TextEdit::multiline(&mut t.text).desired_rows(6)))
                .labelled_by(l.id);
            egui::ComboBox::from_label("Goes")
                .selected_text(t.placement.label())
                .show_ui(ui, |ui| {
                    for p in Placement::ALL {
                        ui.selectable_value(&mut t.placement, p, p.label());
                    }
                });
        }
    }
}

/// Save, duplicate, delete and rename; returns whether Save was clicked.
fn draft_actions(
    ui: &mut egui::Ui,
    state: &mut TemplatesWindow,
    library: &mut Library,
    draft: &mut Draft,
    said: &mut Vec<Request>,
) -> bool {
    let mut save = false;
    ui.horizontal(|ui| {
        if ui.button("Save Changes").clicked() {
            save = true;
        }
        if ui.button("Duplicate").clicked() {
            let file = draft.file().clone();
            match library.duplicate(&file) {
                Ok(new) => said.push(Request::Notify(format!("Duplicated as {}", new.display()))),
                Err(e) => said.push(Request::Error(format!("Could not duplicate: {e}"))),
            }
        }
        if ui.button("Delete…").clicked() {
            state.confirm_delete = true;
        }
    });
    ui.horizontal(|ui| {
        let l = ui.label("New name");
        ui.add(TextEdit::singleline(&mut state.new_name).desired_width(160.0))
            .labelled_by(l.id);
        if ui.button("Rename").clicked() && !state.new_name.trim().is_empty() {
            rename(state, library, draft, said);
        }
    });
    save
}

fn rename(
    state: &TemplatesWindow,
    library: &mut Library,
    draft: &mut Draft,
    said: &mut Vec<Request>,
) {
    // The edits so far are saved first, so the renamed file holds them.
    if let Err(e) = save_draft(library, draft) {
        said.push(Request::Error(format!(
            "Could not save before renaming: {e}"
        )));
        return;
    }
    let file = draft.file().clone();
    match library.rename(&file, state.new_name.trim()) {
        Ok(new) => {
            draft.set_file(new.clone(), state.new_name.trim());
            said.push(Request::Notify(format!("Renamed to {}", new.display())));
        }
        Err(e) => said.push(Request::Error(format!("Could not rename: {e}"))),
    }
}

fn confirm_delete(
    ui: &mut egui::Ui,
    state: &mut TemplatesWindow,
    library: &mut Library,
    draft: &Draft,
    said: &mut Vec<Request>,
) {
    ui.horizontal(|ui| {
        ui.label(format!("Delete “{}”? Its file is removed.", draft.name()));
        if ui.button("Delete").clicked() {
            match library.delete(draft.file()) {
                Ok(()) => said.push(Request::Notify(format!("Deleted {}", draft.name()))),
                Err(e) => said.push(Request::Error(format!("Could not delete: {e}"))),
            }
            state.selected = None;
            state.confirm_delete = false;
        }
        if ui.button("Keep").clicked() {
            state.confirm_delete = false;
        }
    });
}

/// Leaving a template with unsaved edits: save them, discard them, or
/// keep editing.
fn unsaved_changes(
    ui: &mut egui::Ui,
    state: &mut TemplatesWindow,
    library: &mut Library,
    draft: &mut Draft,
    pending: Pending,
    said: &mut Vec<Request>,
) {
    ui.separator();
    ui.label(RichText::new(format!("“{}” has unsaved changes.", draft.name())).strong());
    ui.horizontal(|ui| {
        let mut go = false;
        if ui.button("Save Them").clicked() {
            match save_draft(library, draft) {
                Ok(()) => {
                    said.push(Request::Notify(format!("Saved {}", draft.name())));
                    go = true;
                }
                Err(e) => said.push(Request::Error(format!("Could not save: {e}"))),
            }
        }
        if ui.button("Discard Them").clicked() {
            go = true;
        }
        if ui.button("Keep Editing").clicked() {
            state.pending = None;
        }
        if go {
            state.pending = None;
            match pending {
                Pending::Close => state.close_now = true,
                Pending::Select(next) => {
                    state.select(next);
                    *draft = state.selected.clone().unwrap_or(draft.clone());
                }
            }
        }
    });
}

/// Writes a template's edits to its file.
fn save_draft(library: &mut crate::templates::Library, draft: &Draft) -> std::io::Result<()> {
    match draft {
        Draft::Author(f, t) => library.update_author(f, t.clone()),
        Draft::Snippet(f, t) => library.update_snippet(f, t.clone()),
    }
}

/// Whether the template being edited differs from its file's.
fn unsaved(library: &crate::templates::Library, draft: &Draft) -> bool {
    match draft {
        Draft::Author(f, t) => library
            .authors
            .iter()
            .any(|a| a.file == *f && a.template != *t),
        Draft::Snippet(f, t) => library
            .snippets
            .iter()
            .any(|s| s.file == *f && s.template != *t),
    }
}

impl TemplatesWindow {
    /// Whether the window can close now; with unsaved edits it asks first.
    pub fn close_or_ask(&mut self, library: &crate::templates::Library) -> bool {
        if self.selected.as_ref().is_some_and(|d| unsaved(library, d)) {
            self.pending = Some(Pending::Close);
            false
        } else {
            true
        }
    }

    /// Shows another template, or first asks about the unsaved edits of
    /// the one shown.
    fn ask_or_select(&mut self, library: &crate::templates::Library, next: Draft) {
        if self.selected.as_ref().is_some_and(|d| unsaved(library, d)) {
            self.pending = Some(Pending::Select(next));
        } else {
            self.select(next);
        }
    }

    fn select(&mut self, draft: Draft) {
        self.new_name = draft.name().to_string();
        self.selected = Some(draft);
        self.confirm_delete = false;
    }
}

impl Draft {
    fn file(&self) -> &PathBuf {
        match self {
            Draft::Author(f, _) | Draft::Snippet(f, _) => f,
        }
    }

    fn name(&self) -> &str {
        match self {
            Draft::Author(_, t) => &t.name,
            Draft::Snippet(_, t) => &t.name,
        }
    }

    fn set_file(&mut self, file: PathBuf, name: &str) {
        match self {
            Draft::Author(f, t) => {
                *f = file;
                t.name = name.to_string();
            }
            Draft::Snippet(f, t) => {
                *f = file;
                t.name = name.to_string();
            }
        }
    }
}
