//! The app's side of each panel and window: it hands each its own state
//! and the pieces of the workspace it shows, and grants what it asks for.

use super::requests::Request;
use super::{CopydeskApp, Document, editor, panels, windows};
use crate::session::Workspace;

impl CopydeskApp {
    pub(crate) fn problems_panel(&mut self, ui: &mut egui::Ui) {
        let doc = self.workspace.docs.get_mut(self.workspace.active);
        let asked = panels::problems::problems_panel(ui, doc, &mut self.show_problems);
        self.grant(ui.ctx(), asked.into_iter().collect());
    }

    pub(crate) fn metadata_panel(&mut self, ui: &mut egui::Ui) {
        let settings = &self.workspace.settings;
        let planned =
            self.layout
                .plan_metadata(ui.available_width(), settings.view, settings.show_outline);
        let Some(doc) = self.workspace.docs.get_mut(self.workspace.active) else {
            return;
        };
        let library = &self.workspace.library;
        let state = &mut self.metadata;
        let layout = &mut self.layout;
        let asked = panels::metadata::metadata_panel(ui, state, doc, library, layout, planned);
        if let Some(action) = asked {
            action.apply(&mut self.workspace, ui.input(|i| i.time));
        }
    }

    pub(crate) fn metadata_overlay(&mut self, ctx: &egui::Context) {
        let Some(doc) = self.workspace.docs.get_mut(self.workspace.active) else {
            return;
        };
        let library = &self.workspace.library;
        let (state, layout) = (&mut self.metadata, &mut self.layout);
        let asked = panels::metadata::metadata_overlay(ctx, state, doc, library, layout);
        if let Some(action) = asked {
            action.apply(&mut self.workspace, ctx.input(|i| i.time));
        }
    }

    pub(crate) fn outline_panel(
        &mut self,
        ui: &mut egui::Ui,
        planned: Option<(f32, egui::Rangef)>,
    ) {
        let doc = outlined(&self.workspace);
        let (cache, layout) = (&mut self.outline, &mut self.layout);
        let asked = panels::outline::outline_panel(ui, cache, doc, layout, planned);
        self.grant(ui.ctx(), asked.into_iter().collect());
    }

    pub(crate) fn outline_overlay(&mut self, ctx: &egui::Context) {
        let doc = outlined(&self.workspace);
        let (cache, layout) = (&mut self.outline, &mut self.layout);
        let asked = panels::outline::outline_overlay(ctx, cache, doc, layout);
        self.grant(ctx, asked.into_iter().collect());
    }

    pub(crate) fn statistics_window(&mut self, ctx: &egui::Context) {
        let doc = self.workspace.docs.get_mut(self.workspace.active);
        let wpm = &mut self.workspace.settings.words_per_minute;
        panels::outline::statistics_window(ctx, doc, wpm, &mut self.show_statistics);
    }

    pub(crate) fn tab_bar(&mut self, ui: &mut egui::Ui) {
        let asked = super::menu::tab_bar(ui, &self.workspace, &mut self.layout);
        self.grant(ui.ctx(), asked.into_iter().collect());
    }

    pub(crate) fn document_banners(&mut self, ui: &mut egui::Ui) {
        windows::dialogs::document_banners(ui, &mut self.workspace, &mut self.front_matter_editor);
    }

    /// The prompt, recovered work, the front-matter editor, the shortcuts
    /// and about.
    pub(crate) fn dialogs(&mut self, ctx: &egui::Context) {
        let answer = windows::dialogs::prompt(ctx, self.workspace.question());
        self.grant(ctx, answer.into_iter().collect());
        windows::dialogs::recovered(ctx, &mut self.workspace);
        let docs = &mut self.workspace.docs;
        windows::dialogs::front_matter_editor(ctx, &mut self.front_matter_editor, docs);
        windows::dialogs::shortcuts(ctx, &mut self.show_shortcuts);
        windows::dialogs::about(ctx, &mut self.show_about);
    }

    pub(crate) fn palette(&mut self, ctx: &egui::Context) {
        if self.palette.is_none() {
            return;
        }
        let snippets = self.workspace.library.snippet_names();
        let chosen = windows::palette::palette(ctx, &mut self.palette, &snippets);
        self.grant(ctx, chosen.into_iter().collect());
    }

    pub(crate) fn templates_window(&mut self, ctx: &egui::Context) {
        let library = &mut self.workspace.library;
        let dir = self.platform.config_dir.as_deref();
        let window = &mut self.templates_window;
        let asked: Vec<Request> = windows::templates::templates_window(ctx, window, library, dir);
        self.grant(ctx, asked);
    }

    pub(crate) fn cleanup_window(&mut self, ctx: &egui::Context) {
        let docs = &mut self.workspace.docs;
        let off = &mut self.workspace.settings.cleanup_off;
        let asked = windows::cleanup::cleanup_window(ctx, &mut self.cleanup, docs, off);
        self.grant(ctx, asked);
    }

    /// The active document's body editor.
    pub(crate) fn body_editor(&mut self, ui: &mut egui::Ui) {
        let settings = &self.workspace.settings;
        let (dark, spelling) = (settings.dark, settings.spell_check);
        let Some(doc) = self.workspace.docs.get_mut(self.workspace.active) else {
            return;
        };
        let lent = editor::Lent {
            highlight: self.highlights.entry(doc.id).or_default(),
            doc,
            find: &mut self.find,
            spell: &mut self.spell,
            house_words: spelling.then_some(self.workspace.library.words.as_slice()),
            dark,
            merged_marks: &mut self.merged_marks,
            spell_menu: &mut self.spell_menu,
            block_menu_at: &mut self.block_menu_at,
            menu_selection: &mut self.menu_selection,
            focus: std::mem::take(&mut self.focus_body),
        };
        let shown = editor::body_editor(ui, lent);
        self.scroll_fraction = shown.scroll_fraction;
        if let Some(choice) = shown.choice {
            editor::menu_choice(self, ui.ctx(), choice);
        }
    }

    pub(crate) fn notices(&mut self, ctx: &egui::Context, now: f64) {
        windows::dialogs::notices(ctx, &mut self.workspace.notices, now);
    }
}

/// The active document, while the outline is switched on.
fn outlined(workspace: &Workspace) -> Option<&Document> {
    workspace
        .settings
        .show_outline
        .then(|| workspace.active_doc())
        .flatten()
}
