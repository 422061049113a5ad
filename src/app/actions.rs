//! The app's side of commands: it reads the selection from the editor,
//! the workspace runs the command, and the app applies the effects.

use super::platform::{DialogAnswer, DialogRequest};
use super::{CopydeskApp, editor};
use crate::app::Command;
use crate::session::{Context, Effect, PromptAnswer, Window};

impl CopydeskApp {
    /// Runs a command on the next frame (for callers without a context).
    pub fn run_command(&mut self, command: Option<Command>) {
        self.queued = command;
    }

    /// Runs a command: the workspace does it, and the app does what the
    /// workspace asks of the window.
    pub fn run(&mut self, ctx: &egui::Context, command: Command) {
        let context = Context {
            now: ctx.input(|i| i.time),
            selection: self
                .workspace
                .active_doc()
                .map(|doc| editor::selection(ctx, doc)),
        };
        let effects = self.workspace.run(command, &context);
        self.apply(ctx, effects);
    }

    /// Answers the prompt on screen.
    pub fn answer_prompt(&mut self, ctx: &egui::Context, answer: PromptAnswer) {
        let now = ctx.input(|i| i.time);
        let effects = self.workspace.answer_prompt(answer, now);
        self.apply(ctx, effects);
    }

    /// Closes a document, asking first if it has unsaved changes.
    pub fn close_doc(&mut self, ctx: &egui::Context, id: u64) {
        let effects = self.workspace.close_doc(id);
        self.apply(ctx, effects);
    }

    /// Does what the workspace asked of the window.
    pub(crate) fn apply(&mut self, ctx: &egui::Context, effects: Vec<Effect>) {
        let now = ctx.input(|i| i.time);
        for effect in effects {
            match effect {
                Effect::Dialog(request) => {
                    self.platform.dialogs.start(request);
                }
                Effect::Clipboard { html, text, done } => {
                    let result = match &html {
                        Some(html) => self.platform.clipboard.set_html(html, &text),
                        None => self.platform.clipboard.set_text(&text),
                    };
                    match result {
                        Ok(()) => self.notify(done, now),
                        Err(e) => self.report_error(
                            format!("Could not copy: {e}. Try again, or export to a file instead."),
                            now,
                        ),
                    }
                }
                Effect::OpenInBrowser(path) => {
                    match self.platform.launcher.open_in_browser(&path) {
                        Ok(()) => self.notify(
                            format!("Opened the preview in your browser ({})", path.display()),
                            now,
                        ),
                        Err(e) => self.report_error(
                            format!("Could not open the preview in a browser: {e}"),
                            now,
                        ),
                    }
                }
                Effect::CloseWindow => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
                Effect::FocusBody => self.focus_body = true,
                Effect::EditBody(edit) => {
                    if let Some(doc) = self.workspace.active_doc_mut() {
                        editor::replace_body(ctx, doc, edit);
                    }
                }
                Effect::Undo { redo } => {
                    if let Some(doc) = self.workspace.active_doc_mut() {
                        editor::undo_redo(ctx, doc, redo);
                        self.focus_body = true;
                    }
                }
                Effect::Find { replace, selected } => self.find.open(replace, selected),
                Effect::FindAgain { forward } => self.find_again(ctx, forward),
                Effect::Show(window) => self.show(ctx, window),
                Effect::Closed(id) => {
                    self.spell.forget(id);
                    self.highlights.remove(&id);
                }
            }
        }
    }

    fn find_again(&mut self, ctx: &egui::Context, forward: bool) {
        if !self.find.open || self.find.query.pattern.is_empty() {
            self.find.open(false, None);
        } else if let Some(doc) = self.workspace.docs.get_mut(self.workspace.active) {
            let action = if forward {
                super::editor::find_bar::Action::Next
            } else {
                super::editor::find_bar::Action::Previous
            };
            super::editor::find_bar::act(&mut self.find, doc, ctx, action);
        }
    }

    fn show(&mut self, ctx: &egui::Context, window: Window) {
        match window {
            Window::Palette => self.palette = Some(Default::default()),
            Window::Templates => self.templates_window = Some(Default::default()),
            Window::CleanUp => {
                self.cleanup = self.workspace.active_doc().map(|doc| {
                    let off = &self.workspace.settings.cleanup_off;
                    super::windows::cleanup::CleanupReview::start(doc, off)
                });
            }
            Window::Figure => self.open_figure_window(ctx),
            Window::Statistics => self.show_statistics = !self.show_statistics,
            Window::Problems => self.show_problems = !self.show_problems,
            Window::Shortcuts => self.show_shortcuts = true,
            Window::About => self.show_about = true,
            Window::Sites => self.publishing.open_sites(),
        }
    }

    /// Inserts a snippet where it goes, as one undo step.
    pub fn insert_snippet(&mut self, ctx: &egui::Context, index: usize) {
        let Some(snippet) = self
            .workspace
            .library
            .snippets
            .get(index)
            .map(|s| s.template.clone())
        else {
            return;
        };
        let Some(doc) = self.workspace.docs.get_mut(self.workspace.active) else {
            return;
        };
        let cursor = editor::selection(ctx, doc).end;
        let (text, range) = crate::templates::insert_snippet(&doc.article.body, &snippet, cursor);
        editor::replace_body(
            ctx,
            doc,
            crate::editing::Edit {
                text,
                selection: range.end..range.end,
            },
        );
        self.focus_body = true;
    }

    /// Acts on a file dialog's answer; where no system dialog could be
    /// shown, opens the app's own file chooser for the same request.
    pub fn poll_dialogs(&mut self, ctx: &egui::Context, now: f64) {
        if let Some((request, paths)) = self.file_chooser.take_answer() {
            self.answer_dialog(ctx, request, paths, now);
        }
        let Some((request, answer)) = self.platform.dialogs.poll() else {
            return;
        };
        match answer {
            DialogAnswer::Chosen(paths) => self.answer_dialog(ctx, request, paths, now),
            DialogAnswer::Unavailable(why) => {
                self.notify(
                    format!(
                        "The system file dialog is not available ({why}): choose the file here."
                    ),
                    now,
                );
                self.file_chooser.open(request);
            }
        }
    }

    /// Acts on the paths chosen for a dialog's request (none: cancelled).
    fn answer_dialog(
        &mut self,
        ctx: &egui::Context,
        request: DialogRequest,
        paths: Vec<std::path::PathBuf>,
        now: f64,
    ) {
        if request.purpose == super::platform::DialogPurpose::FigurePicture {
            self.figure_picture_chosen(paths);
            return;
        }
        let effects = self.workspace.dialog_answered(request, paths, now);
        self.apply(ctx, effects);
    }
}
