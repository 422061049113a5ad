//! What each command does.

use std::path::{Path, PathBuf};

use super::platform::{AfterSave, DialogAnswer, DialogPurpose, DialogRequest};
use super::{CopydeskApp, Document, Prompt, ViewMode, editor};
use crate::app::Command;
use crate::export::{self, ExportFormat};
use crate::files;

const ZOOM_STEPS: [f32; 9] = [0.67, 0.75, 0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 2.0];

impl CopydeskApp {
    /// Runs a command on the next frame (for callers without a context).
    pub fn run_command(&mut self, command: Option<Command>) {
        self.queued = command;
    }

    /// Runs a command.
    pub fn run(&mut self, ctx: &egui::Context, command: Command) {
        let now = ctx.input(|i| i.time);
        match command {
            Command::New => {
                let id = self.new_id();
                let mut article = crate::model::Article::default();
                article.meta.lang = "en".into();
                let doc = Document::new(id, article, crate::format::Origin::new_file(), None);
                self.docs.push(doc);
                self.active = self.docs.len() - 1;
                self.focus_body = true;
            }
            Command::Open => {
                let request = DialogRequest {
                    purpose: DialogPurpose::Open,
                    title: "Open articles or drafts".into(),
                    directory: self.settings.last_open_dir.clone(),
                    file_name: None,
                    filters: vec![
                        (
                            "Articles and drafts".into(),
                            vec!["md".into(), "markdown".into(), "txt".into()],
                        ),
                        ("All files".into(), vec!["*".into()]),
                    ],
                    save: false,
                };
                self.platform.dialogs.start(request);
            }
            Command::Save => self.save_active(AfterSave::Nothing, false, now),
            Command::SaveAs => self.save_active(AfterSave::Nothing, true, now),
            Command::CloseTab => {
                if let Some(doc) = self.active_doc() {
                    let id = doc.id;
                    self.close_doc(id);
                }
            }
            Command::Quit => self.request_quit(ctx),
            Command::Undo | Command::Redo => {
                if let Some(doc) = self.docs.get_mut(self.active) {
                    editor::undo_redo(ctx, doc, command == Command::Redo);
                    self.focus_body = true;
                }
            }
            Command::Bold
            | Command::Italic
            | Command::Link
            | Command::Heading(_)
            | Command::Quote
            | Command::BulletList
            | Command::InsertFigure => {
                let c = command;
                if let Some(doc) = self.docs.get_mut(self.active) {
                    editor::apply_markup(ctx, doc, c);
                    self.focus_body = true;
                }
            }
            Command::Find | Command::Replace => {
                let selected = self.docs.get(self.active).map(|doc| {
                    let range = editor::selection(ctx, doc);
                    doc.article.body[range].to_string()
                });
                self.find.open(command == Command::Replace, selected);
            }
            Command::FindNext | Command::FindPrevious => {
                if !self.find.open || self.find.query.pattern.is_empty() {
                    self.find.open(false, None);
                } else if let Some(doc) = self.docs.get_mut(self.active) {
                    let action = if command == Command::FindNext {
                        super::find_bar::Action::Next
                    } else {
                        super::find_bar::Action::Previous
                    };
                    super::find_bar::act(&mut self.find, doc, ctx, action);
                }
            }
            Command::CleanUp => self.start_cleanup(),
            Command::ConvertToCopydeskKeys => self.convert_to_copydesk_keys(now),
            Command::ToggleOutline => self.settings.show_outline = !self.settings.show_outline,
            Command::ToggleSpellCheck => self.settings.spell_check = !self.settings.spell_check,
            Command::Statistics => self.show_statistics = !self.show_statistics,
            Command::ToggleCursorBlink => self.settings.cursor_blink = !self.settings.cursor_blink,
            Command::Export(format) => self.start_export(format),
            Command::CopyForCms => self.copy(CopyKind::Cms, now),
            Command::CopyText => self.copy(CopyKind::Text, now),
            Command::CopyMarkdown => self.copy(CopyKind::Markdown, now),
            Command::PreviewInBrowser => self.preview_in_browser(now),
            Command::ShowEditorOnly => {
                self.settings.view = ViewMode::EditorOnly;
                self.focus_body = true;
            }
            Command::ShowPreviewOnly => self.settings.view = ViewMode::PreviewOnly,
            Command::ShowSideBySide => {
                self.settings.view = ViewMode::SideBySide;
                self.focus_body = true;
            }
            Command::ToggleMetadata => self.settings.show_metadata = !self.settings.show_metadata,
            Command::ToggleTheme => self.settings.dark = !self.settings.dark,
            Command::ZoomIn => {
                let z = self.settings.zoom;
                self.settings.zoom = ZOOM_STEPS
                    .iter()
                    .copied()
                    .find(|s| *s > z + 0.001)
                    .unwrap_or(z);
            }
            Command::ZoomOut => {
                let z = self.settings.zoom;
                self.settings.zoom = ZOOM_STEPS
                    .iter()
                    .rev()
                    .copied()
                    .find(|s| *s < z - 0.001)
                    .unwrap_or(z);
            }
            Command::ZoomReset => self.settings.zoom = 1.0,
            Command::NextTab | Command::PreviousTab => {
                let n = self.docs.len();
                if n == 0 {
                    return;
                }
                self.active = if command == Command::NextTab {
                    (self.active + 1) % n
                } else {
                    (self.active + n - 1) % n
                };
                self.focus_body = true;
            }
            Command::ShowProblems => self.show_problems = !self.show_problems,
            Command::CommandPalette => self.palette = Some(Default::default()),
            Command::ManageTemplates => self.templates_window = Some(Default::default()),
            Command::Shortcuts => self.show_shortcuts = true,
            Command::About => self.show_about = true,
        }
    }

    /// Closes a document, asking first if it has unsaved changes.
    pub fn close_doc(&mut self, id: u64) {
        let Some(i) = self.doc_index(id) else { return };
        if self.docs[i].is_dirty() {
            self.active = i;
            self.prompt = Some(Prompt::UnsavedChanges {
                doc: id,
                then: AfterSave::CloseTab,
            });
            return;
        }
        self.autosave.forget(id);
        self.spell.forget(id);
        self.highlights.remove(&id);
        self.docs.remove(i);
        if self.active >= self.docs.len() {
            self.active = self.docs.len().saturating_sub(1);
        }
        self.focus_body = true;
    }

    /// Discards a document's changes and closes it.
    pub fn discard_doc(&mut self, id: u64) {
        self.autosave.forget(id);
        self.highlights.remove(&id);
        if let Some(i) = self.doc_index(id) {
            self.docs.remove(i);
            if self.active >= self.docs.len() {
                self.active = self.docs.len().saturating_sub(1);
            }
        }
    }

    /// Answers the prompt on screen.
    pub fn answer_prompt(&mut self, ctx: &egui::Context, answer: PromptAnswer) {
        let Some(prompt) = self.prompt.take() else {
            return;
        };
        let now = ctx.input(|i| i.time);
        match (prompt, answer) {
            (_, PromptAnswer::Cancel) => self.quitting = false,
            (Prompt::UnsavedChanges { .. }, PromptAnswer::DiscardAll) => {
                let dirty: Vec<u64> = self
                    .docs
                    .iter()
                    .filter(|d| d.is_dirty())
                    .map(|d| d.id)
                    .collect();
                for id in dirty {
                    self.discard_doc(id);
                }
                self.continue_quit(ctx);
            }
            (Prompt::UnsavedChanges { doc, then }, PromptAnswer::Discard) => {
                self.discard_doc(doc);
                if then == AfterSave::ContinueQuit {
                    self.continue_quit(ctx);
                }
            }
            (Prompt::UnsavedChanges { doc, then }, PromptAnswer::Save) => {
                if let Some(i) = self.doc_index(doc) {
                    self.active = i;
                    self.save_active(then, false, now);
                    self.after_save_if_done(ctx, doc, then);
                }
            }
            (Prompt::OverwriteChanged { doc, path, then }, PromptAnswer::Overwrite) => {
                if self.save_doc_to(doc, path, then, true, now) {
                    self.after_save_if_done(ctx, doc, then);
                }
            }
            (Prompt::OpenRepaired { path, text, .. }, PromptAnswer::OpenCopy) => {
                self.open_repaired(&path, &text);
            }
            (
                Prompt::ReplaceBio {
                    doc,
                    author,
                    template,
                },
                PromptAnswer::Replace,
            ) => self.fill_author(doc, author, &template),
            (prompt, _) => self.prompt = Some(prompt),
        }
    }

    /// Saves author `index` of the active document as a template.
    pub fn save_author_template(&mut self, index: usize, now: f64) {
        let Some(doc) = self.docs.get(self.active) else {
            return;
        };
        let Some(author) = doc.article.meta.authors.get(index).cloned() else {
            return;
        };
        if author.name.trim().is_empty() {
            self.report_error(
                "Give the author a name before saving it as a template.",
                now,
            );
            return;
        }
        if self.platform.config_dir.is_none() {
            self.report_error(
                "There is no config folder to keep templates in (set COPYDESK_CONFIG_DIR).",
                now,
            );
            return;
        }
        let template = crate::templates::AuthorTemplate {
            name: author.name.trim().to_string(),
            bio: author.bio.clone(),
            ..Default::default()
        };
        match self.library.save_author(template) {
            Ok(file) => self.notify(
                format!(
                    "Saved {} as a template ({})",
                    author.name.trim(),
                    file.display()
                ),
                now,
            ),
            Err(e) => self.report_error(format!("Could not save the template: {e}"), now),
        }
    }

    /// Fills author `index` (or a new author, past the end) of a document
    /// from a template, asking first if that would replace a different bio.
    pub fn use_author_template(&mut self, doc: u64, index: usize, template: &str) {
        let Some(t) = self.library.author(template).cloned() else {
            return;
        };
        let Some(d) = self.docs.iter().find(|d| d.id == doc) else {
            return;
        };
        let existing = d
            .article
            .meta
            .authors
            .get(index)
            .map(|a| a.bio.trim().to_string())
            .unwrap_or_default();
        if !existing.is_empty() && existing != t.bio.trim() {
            self.prompt = Some(Prompt::ReplaceBio {
                doc,
                author: index,
                template: t.name,
            });
        } else {
            self.fill_author(doc, index, &t.name);
        }
    }

    fn fill_author(&mut self, doc: u64, index: usize, template: &str) {
        let Some(t) = self.library.author(template).cloned() else {
            return;
        };
        let Some(d) = self.docs.iter_mut().find(|d| d.id == doc) else {
            return;
        };
        let author = crate::model::Author {
            name: t.name.clone(),
            bio: t.bio.clone(),
        };
        match d.article.meta.authors.get_mut(index) {
            Some(a) => *a = author,
            None => d.article.meta.authors.push(author),
        }
        d.touch();
    }

    /// Inserts a snippet where it goes, as one undo step.
    pub fn insert_snippet(&mut self, ctx: &egui::Context, index: usize) {
        let Some(snippet) = self.library.snippets.get(index).map(|s| s.template.clone()) else {
            return;
        };
        let Some(doc) = self.docs.get_mut(self.active) else {
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

    /// Rewrites the active document's front matter with Copydesk's own keys
    /// on the next save: the one way a post leaves its site's dialect, and
    /// only when the editor asks.
    fn convert_to_copydesk_keys(&mut self, now: f64) {
        let Some(doc) = self.docs.get_mut(self.active) else {
            return;
        };
        if doc.origin.dialect == crate::format::Dialect::Copydesk && !doc.origin.has_layout() {
            self.notify(
                "The front matter already uses Copydesk's keys".to_string(),
                now,
            );
            return;
        }
        let from = doc.origin.dialect.label();
        doc.origin = doc.origin.normalized();
        doc.mark_unsaved();
        self.notify(
            format!("The front matter will be saved with Copydesk's keys (it used {from}'s)"),
            now,
        );
    }

    /// Reloads a document from its file, dropping the edits in the window.
    pub fn reload(&mut self, id: u64, now: f64) {
        let Some(path) = self.doc_index(id).and_then(|i| self.docs[i].path.clone()) else {
            return;
        };
        self.load(path, super::Reading::AsIs, Some(id), now);
    }

    /// Keeps the window's version of a document that changed on disk: the
    /// next save overwrites the file without asking again.
    pub fn keep_mine(&mut self, id: u64) {
        if let Some(i) = self.doc_index(id) {
            let doc = &mut self.docs[i];
            doc.changed_on_disk = false;
            if let Some(path) = &doc.path
                && let Ok(bytes) = std::fs::read(path)
            {
                doc.disk_hash = Some(super::document::content_hash(&bytes));
            }
        }
    }

    /// Once a save finished (it may wait for a dialog), does what was asked.
    fn after_save_if_done(&mut self, ctx: &egui::Context, doc: u64, then: AfterSave) {
        let Some(i) = self.doc_index(doc) else { return };
        if self.docs[i].is_dirty() {
            return; // Still waiting for the dialog, or the save failed.
        }
        match then {
            AfterSave::Nothing => {}
            AfterSave::CloseTab => self.close_doc(doc),
            AfterSave::ContinueQuit => self.continue_quit(ctx),
        }
    }

    /// Saves the active document; asks where when it has no Markdown file
    /// yet (new, or imported from a draft, which is never overwritten).
    fn save_active(&mut self, then: AfterSave, ask: bool, now: f64) {
        let Some(doc) = self.docs.get(self.active) else {
            return;
        };
        match (&doc.path, ask) {
            (Some(path), false) => {
                let path = path.clone();
                self.save_doc_to(doc.id, path, then, false, now);
            }
            _ => {
                let request = DialogRequest {
                    purpose: DialogPurpose::SaveAs { doc: doc.id, then },
                    title: "Save article".into(),
                    directory: doc
                        .suggested_directory()
                        .or_else(|| self.settings.last_open_dir.clone()),
                    file_name: Some(doc.suggested_file_name()),
                    filters: vec![("Markdown".into(), vec!["md".into()])],
                    save: true,
                };
                self.platform.dialogs.start(request);
            }
        }
    }

    /// Writes a document to `path` atomically.
    /// Writes a document to `path` atomically. Unless `force`, a file that
    /// another program changed since it was opened or saved is not
    /// overwritten without asking.
    fn save_doc_to(
        &mut self,
        id: u64,
        path: PathBuf,
        then: AfterSave,
        force: bool,
        now: f64,
    ) -> bool {
        let Some(i) = self.doc_index(id) else {
            return false;
        };
        let doc = &self.docs[i];
        if !force
            && doc.path.as_ref() == Some(&path)
            && let Some(known) = doc.disk_hash
            && let Ok(bytes) = std::fs::read(&path)
            && super::document::content_hash(&bytes) != known
        {
            self.prompt = Some(Prompt::OverwriteChanged {
                doc: id,
                path,
                then,
            });
            return false;
        }
        if let Some(source) = &doc.imported_from
            && source == &path
        {
            self.report_error(
                format!("{} is the plain-text draft this article came from; save the article as a Markdown file instead.", path.display()),
                now,
            );
            return false;
        }
        let text = doc.to_markdown();
        match files::write_atomic(&path, text.as_bytes()) {
            Ok(()) => {
                self.docs[i].mark_saved(path.clone(), text);
                if self.platform.config_dir.is_some()
                    && let Err(e) = self.library.learn(&self.docs[i].article)
                {
                    self.report_error(
                        format!("Could not add the new tags and credits to the library: {e}"),
                        now,
                    );
                }
                self.settings.add_recent(path.clone());
                self.notify(format!("Saved {}", path.display()), now);
                true
            }
            Err(e) => {
                self.report_error(
                    format!(
                        "Could not save {}: {e}. The document is still open and unchanged.",
                        path.display()
                    ),
                    now,
                );
                false
            }
        }
    }

    fn start_export(&mut self, format: ExportFormat) {
        let Some(doc) = self.active_doc() else { return };
        let slug = doc.article.meta.effective_slug();
        let stem = if slug.is_empty() {
            "article".to_string()
        } else {
            slug
        };
        let request = DialogRequest {
            purpose: DialogPurpose::Export {
                doc: doc.id,
                format,
            },
            title: format!("Export {}", format.label()),
            directory: self
                .settings
                .last_export_dir
                .clone()
                .or_else(|| doc.suggested_directory()),
            file_name: Some(format!("{stem}.{}", format.extension())),
            filters: vec![(
                format.label().into(),
                vec![
                    format
                        .extension()
                        .rsplit('.')
                        .next()
                        .unwrap_or("txt")
                        .into(),
                ],
            )],
            save: true,
        };
        self.platform.dialogs.start(request);
    }

    fn export_to(&mut self, id: u64, format: ExportFormat, path: &Path, now: f64) {
        let Some(doc) = self.docs.iter().find(|d| d.id == id) else {
            return;
        };
        // Markdown is the file as Save would write it, in the post's own
        // dialect (Convert to Copydesk Keys is the explicit way to change that).
        let text = match format {
            ExportFormat::Markdown => doc.to_markdown(),
            other => export::export(&doc.article, other),
        };
        match files::write_atomic(path, text.as_bytes()) {
            Ok(()) => {
                self.settings.last_export_dir = path.parent().map(Path::to_path_buf);
                self.notify(
                    format!("Exported {} to {}", format.label(), path.display()),
                    now,
                );
            }
            Err(e) => {
                self.report_error(format!("Could not export to {}: {e}", path.display()), now)
            }
        }
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
        request: super::platform::DialogRequest,
        paths: Vec<std::path::PathBuf>,
        now: f64,
    ) {
        match request.purpose {
            DialogPurpose::Open => {
                if let Some(dir) = paths.first().and_then(|p| p.parent()) {
                    self.settings.last_open_dir = Some(dir.to_path_buf());
                }
                for path in paths {
                    self.open_path(path, now);
                }
            }
            DialogPurpose::SaveAs { doc, then } => match paths.into_iter().next() {
                Some(path) => {
                    let path = with_extension_if_missing(path, "md");
                    if self.save_doc_to(doc, path, then, false, now) {
                        self.after_save_if_done(ctx, doc, then);
                    } else {
                        self.quitting = false;
                    }
                }
                None => self.quitting = false,
            },
            DialogPurpose::ImportTemplate => {
                for path in paths {
                    match self.library.import(&path) {
                        Ok(file) => self.notify(
                            format!("Imported {} as {}", path.display(), file.display()),
                            now,
                        ),
                        Err(e) => self.report_error(e.to_string(), now),
                    }
                }
            }
            DialogPurpose::Export { doc, format } => {
                if let Some(path) = paths.into_iter().next() {
                    self.export_to(doc, format, &path, now);
                }
            }
        }
    }

    fn copy(&mut self, kind: CopyKind, now: f64) {
        let Some(doc) = self.active_doc() else { return };
        let article = &doc.article;
        let result = match kind {
            CopyKind::Cms => {
                let html = export::html(article);
                let text = export::body_text(&article.body);
                self.platform.clipboard.set_html(&html, &text).map(|_| "Copied the article for your CMS (formatted HTML with a plain-text fallback)")
            }
            CopyKind::Text => {
                let text = export::text(article, Default::default());
                self.platform
                    .clipboard
                    .set_text(&text)
                    .map(|_| "Copied the article as clean text")
            }
            CopyKind::Markdown => {
                let text = doc.to_markdown();
                self.platform
                    .clipboard
                    .set_text(&text)
                    .map(|_| "Copied the article as Markdown")
            }
        };
        match result {
            Ok(message) => self.notify(message, now),
            Err(e) => self.report_error(
                format!("Could not copy: {e}. Try again, or export to a file instead."),
                now,
            ),
        }
    }

    fn preview_in_browser(&mut self, now: f64) {
        let Some(doc) = self.active_doc() else { return };
        let page = export::page(&doc.article);
        let slug = doc.article.meta.effective_slug();
        let path = std::env::temp_dir().join(format!(
            "copydesk-preview-{}.html",
            if slug.is_empty() {
                "article".into()
            } else {
                slug
            }
        ));
        let result = files::write_atomic(&path, page.as_bytes())
            .map_err(|e| e.to_string())
            .and_then(|_| self.platform.launcher.open_in_browser(&path));
        match result {
            Ok(()) => self.notify(
                format!("Opened the preview in your browser ({})", path.display()),
                now,
            ),
            Err(e) => {
                self.report_error(format!("Could not open the preview in a browser: {e}"), now)
            }
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CopyKind {
    Cms,
    Text,
    Markdown,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PromptAnswer {
    Save,
    Discard,
    /// Quit without saving any of the documents with unsaved changes.
    DiscardAll,
    Cancel,
    /// Write over a file another program changed.
    Overwrite,
    /// Open a repaired copy of a non-UTF-8 file.
    OpenCopy,
    /// Replace a bio with a template's.
    Replace,
}

fn with_extension_if_missing(path: PathBuf, ext: &str) -> PathBuf {
    if path.extension().is_none() {
        path.with_extension(ext)
    } else {
        path
    }
}
