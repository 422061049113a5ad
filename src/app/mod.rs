//! The desktop editor (egui/eframe) over the library.
//!
//! The UI is organised by screen area — `menu`, `metadata_panel`, `editor`,
//! `preview`, `status_bar`, `dialogs` — over the app state in this module.
//! Every action is a [`Command`]; the platform (dialogs, clipboard,
//! browser) sits behind the traits in [`platform`].

mod accessible;
mod actions;
mod cleanup_window;
pub mod commands;
mod dialogs;
mod editor;
mod file_chooser;
mod find_bar;
mod front_matter_keys;
mod highlight;
mod layout;
mod menu;
mod metadata_panel;
mod outline_panel;
mod palette;
mod paragraphs;
pub mod platform;
mod preview;
mod spell_check;
mod status_bar;
mod templates_window;
mod text_diff;
mod watch;

use std::path::PathBuf;

pub use crate::session::{autosave, document, settings};
use std::sync::Mutex;

pub use commands::Command;
use document::content_hash;
pub use document::{Document, Reading};
pub use editor::body_id as editor_body_id;
pub use platform::Platform;
pub use settings::{Settings, ViewMode};

use platform::AfterSave;

/// A message shown in the window for a few seconds (or until dismissed, for
/// errors).
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub text: String,
    pub error: bool,
    pub shown_at: f64,
}

/// A question the app is waiting for the user to answer.
#[derive(Clone, Debug, PartialEq)]
pub enum Prompt {
    /// Save / Discard / Cancel for a document with unsaved changes.
    UnsavedChanges { doc: u64, then: AfterSave },
    /// The file changed on disk since it was opened: overwrite it?
    OverwriteChanged {
        doc: u64,
        path: PathBuf,
        then: AfterSave,
    },
    /// A file is not UTF-8: open a copy with the broken bytes replaced?
    OpenRepaired {
        path: PathBuf,
        offset: usize,
        text: String,
    },
    /// Replace an author's bio with a template's?
    ReplaceBio {
        doc: u64,
        author: usize,
        template: String,
    },
}

/// The last panic's message, location and backtrace, kept by the panic hook
/// for the crash log.
static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);

fn install_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let backtrace = std::backtrace::Backtrace::force_capture();
            if let Ok(mut last) = LAST_PANIC.lock() {
                *last = Some(format!("{info}\n\n{backtrace}"));
            }
            default(info);
        }));
    });
}

/// The whole app: plain state plus the platform it talks to.
pub struct CopydeskApp {
    pub docs: Vec<Document>,
    pub active: usize,
    next_id: u64,
    pub settings: Settings,
    pub platform: Platform,
    pub notices: Vec<Notice>,
    pub prompt: Option<Prompt>,
    /// The window may close: set once every document was saved or discarded.
    allowed_to_close: bool,
    /// Closing the window is in progress (documents are being asked about).
    quitting: bool,
    /// Give the body editor keyboard focus on the next frame.
    focus_body: bool,
    window_title: String,
    pub show_problems: bool,
    pub show_shortcuts: bool,
    pub show_about: bool,
    /// The text being typed in the tag field.
    tag_input: String,
    /// Where the editor was scrolled, as a fraction, for the preview to follow.
    scroll_fraction: f32,
    pub autosave: autosave::Autosave,
    watcher: Option<watch::FileWatcher>,
    /// The app hit a bug: what to tell the user (work was saved first).
    pub crashed: Option<String>,
    /// For tests: panic in the next frame, as a bug would.
    #[doc(hidden)]
    pub panic_next_frame: bool,
    /// The raw front matter being edited for a document whose front matter
    /// could not be read.
    pub(crate) front_matter_editor: Option<(u64, String, Option<String>)>,
    /// The command palette, while open.
    palette: Option<palette::Palette>,
    /// The settings as last written to the settings file.
    stored_settings: Option<Settings>,
    /// Author bios, snippets, known credits and tags.
    pub library: crate::templates::Library,
    /// A command to run at the start of the next frame.
    queued: Option<Command>,
    /// The templates manager, while open.
    pub(crate) templates_window: Option<templates_window::TemplatesWindow>,
    /// Find and replace.
    pub(crate) find: find_bar::FindBar,
    /// The clean-up being reviewed before it is applied.
    pub(crate) cleanup: Option<cleanup_window::CleanupReview>,
    pub show_statistics: bool,
    pub(crate) spell: spell_check::SpellCheck,
    /// The misspelt word the right-click menu is for.
    pub(crate) spell_menu: Option<spell_check::WordMenu>,
    /// The app's own file chooser, where the system's cannot be shown.
    pub(crate) file_chooser: file_chooser::FileChooser,
    /// Where in the body the right-click menu was opened.
    pub(crate) block_menu_at: Option<usize>,
    /// The body's selection when the right-click menu was opened.
    pub(crate) menu_selection: Option<std::ops::Range<usize>>,
    merged_marks: highlight::MergedMarks,
    /// The editor's highlighting of each document's body, memoised.
    pub(crate) highlights: std::collections::HashMap<u64, highlight::Cache>,
    outline: outline_panel::OutlineCache,
    /// How the window is shared out between the editor and the panels.
    layout: layout::Layout,
    /// What the preview remembers between frames.
    preview: preview::PreviewCache,
    /// A jump to a byte range of a document's body, for the next frame.
    pub(crate) jump_next_frame: Option<(u64, std::ops::Range<usize>)>,
}

impl CopydeskApp {
    /// An app with `files` open, or the built-in sample when there are none.
    pub fn new(settings: Settings, platform: Platform, files: Vec<PathBuf>) -> Self {
        install_panic_hook();
        let autosave = autosave::Autosave::start(platform.recovery_dir.clone());
        let mut app = Self {
            docs: Vec::new(),
            active: 0,
            next_id: 1,
            settings,
            platform,
            notices: Vec::new(),
            prompt: None,
            allowed_to_close: false,
            quitting: false,
            focus_body: true,
            window_title: String::new(),
            show_problems: false,
            show_shortcuts: false,
            show_about: false,
            tag_input: String::new(),
            scroll_fraction: 0.0,
            autosave,
            watcher: None,
            crashed: None,
            panic_next_frame: false,
            front_matter_editor: None,
            palette: None,
            stored_settings: None,
            library: Default::default(),
            queued: None,
            templates_window: None,
            find: Default::default(),
            cleanup: None,
            show_statistics: false,
            spell: Default::default(),
            spell_menu: None,
            file_chooser: Default::default(),
            block_menu_at: None,
            menu_selection: None,
            merged_marks: Default::default(),
            highlights: Default::default(),
            outline: Default::default(),
            layout: Default::default(),
            jump_next_frame: None,
            preview: Default::default(),
        };
        if let Some(dir) = &app.platform.config_dir {
            app.library = crate::templates::Library::load(dir);
        }
        let files = if files.is_empty() {
            app.settings.open_files.clone()
        } else {
            files
        };
        for path in files {
            app.open_path(path, 0.0);
        }
        if app.docs.is_empty() {
            app.open_sample();
        }
        app.active = 0;
        app
    }

    /// The eframe entry point: the platform's folders and dialogs, the
    /// settings file.
    pub fn native(files: Vec<PathBuf>) -> Self {
        let platform = Platform::native();
        let (settings, problem) = match &platform.config_dir {
            Some(dir) => Settings::load(dir),
            None => (Settings::default(), None),
        };
        let no_recovery = platform.recovery_dir.is_none();
        let mut app = Self::new(settings, platform, files);
        if let Some(problem) = problem {
            app.report_error(problem, 0.0);
        }
        if no_recovery {
            app.report_error(
                "Autosave is not working: there is no data folder for recovery files (set COPYDESK_DATA_DIR) — your work is only in memory",
                0.0,
            );
        }
        app
    }

    /// Waits until the spelling dictionary of the active article is loaded
    /// (it loads on a helper thread; tests wait for it).
    #[doc(hidden)]
    pub fn wait_for_dictionary(&mut self, ctx: &egui::Context) {
        if let Some(doc) = self.docs.get(self.active) {
            let lang = doc.article.meta.lang.clone();
            self.spell.wait_for_dictionary(&lang, ctx);
        }
    }

    /// The words of the active article underlined as misspelt (for tests).
    #[doc(hidden)]
    pub fn misspelled_words(&self) -> Vec<String> {
        let Some(doc) = self.docs.get(self.active) else {
            return Vec::new();
        };
        self.spell
            .current_marks(doc.id)
            .iter()
            .filter_map(|(r, _)| doc.article.body.get(r.clone()).map(str::to_string))
            .collect()
    }

    /// Writes the settings file when the settings changed.
    fn store_settings(&mut self, now: f64) {
        let Some(dir) = self.platform.config_dir.clone() else {
            return;
        };
        let current = self.settings_to_save();
        if self.stored_settings.as_ref() == Some(&current) {
            return;
        }
        if let Err(e) = current.store(&dir) {
            self.report_error(
                format!("Could not save the settings in {}: {e}", dir.display()),
                now,
            );
        }
        self.stored_settings = Some(current);
    }

    fn new_id(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }

    pub fn active_doc(&self) -> Option<&Document> {
        self.docs.get(self.active)
    }

    pub fn active_doc_mut(&mut self) -> Option<&mut Document> {
        self.docs.get_mut(self.active)
    }

    fn doc_index(&self, id: u64) -> Option<usize> {
        self.docs.iter().position(|d| d.id == id)
    }

    pub fn notify(&mut self, text: impl Into<String>, now: f64) {
        self.notices.push(Notice {
            text: text.into(),
            error: false,
            shown_at: now,
        });
    }

    pub fn report_error(&mut self, text: impl Into<String>, now: f64) {
        self.notices.push(Notice {
            text: text.into(),
            error: true,
            shown_at: now,
        });
    }

    fn open_sample(&mut self) {
        let id = self.new_id();
        let article = crate::import::import_text(crate::SAMPLE_DRAFT);
        let mut doc = Document::new(id, article, crate::format::Origin::new_file(), None);
        // The sample is a starting point, not a change the user made; its
        // tab and the window say it is the sample, so it is never taken for
        // an article the editor was working on.
        doc.imported_from = None;
        doc.name_hint = Some(SAMPLE_NAME.into());
        self.docs.push(doc);
        self.active = self.docs.len() - 1;
        self.focus_body = true;
    }

    /// Opens a file in a new tab (or switches to it if it is open already).
    /// The path is made absolute and canonical first, so the settings and
    /// the recent files find it again from any folder.
    pub fn open_path(&mut self, path: PathBuf, now: f64) {
        let path = absolute_path(path);
        if let Some(i) = self
            .docs
            .iter()
            .position(|d| d.path.as_ref() == Some(&path) || d.imported_from.as_ref() == Some(&path))
        {
            self.active = i;
            self.focus_body = true;
            return;
        }
        self.load(path, Reading::AsIs, None, now);
    }

    /// Reads a file into a document: opened (`AsIs`, a new tab), repaired
    /// or recovered, or reloaded in place of document `replacing`. Every
    /// way from a file to a document goes through here and
    /// [`Document::from_file`].
    fn load(&mut self, path: PathBuf, how: Reading, replacing: Option<u64>, now: f64) {
        let read = match &how {
            Reading::Repaired { lossy } => Ok(crate::files::Decoded {
                text: lossy.clone(),
                encoding: crate::files::Encoding::UTF_8,
                hash: content_hash(lossy.as_bytes()),
            }),
            _ => crate::files::read_text(&path),
        };
        let read = match (read, how) {
            (Ok(read), how) => (read, how),
            (Err(crate::files::OpenError::InvalidUtf8 { offset, lossy }), Reading::AsIs)
                if replacing.is_none() =>
            {
                self.prompt = Some(Prompt::OpenRepaired {
                    path,
                    offset,
                    text: lossy,
                });
                return;
            }
            (Err(_), Reading::Recovered { article, name }) => {
                let id = self.new_id();
                let doc = Document::recovered_without_file(id, *article, Some(&path), &name);
                self.add_document(doc);
                return;
            }
            (Err(e), _) => {
                let verb = if replacing.is_some() {
                    "reload"
                } else {
                    "open"
                };
                self.report_error(format!("Could not {verb} {}: {e}", path.display()), now);
                return;
            }
        };
        let (read, how) = read;
        let opened_as_is = how == Reading::AsIs && replacing.is_none();
        let id = replacing.unwrap_or_else(|| self.new_id());
        let encoding = read.encoding;
        let doc = Document::from_file(id, &path, read, how);
        if let Some(i) = replacing.and_then(|id| self.doc_index(id)) {
            self.autosave.forget(id);
            self.docs[i] = doc;
            self.notify(format!("Reloaded {}", path.display()), now);
            return;
        }
        if opened_as_is {
            self.tell_how_it_was_read(&doc, &path, encoding, now);
        }
        self.add_document(doc);
        if opened_as_is {
            self.settings.add_recent(path);
        }
    }

    /// Notices for a file just opened: read in another encoding than
    /// UTF-8, or with front matter the site's dialect does not explain.
    fn tell_how_it_was_read(
        &mut self,
        doc: &Document,
        path: &std::path::Path,
        encoding: crate::files::Encoding,
        now: f64,
    ) {
        if !encoding.is_utf8() {
            let name = path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into(),
            );
            let saved = if doc.path.is_some() {
                "saving it writes UTF-8"
            } else {
                "the draft stays as it is; the article is saved as UTF-8"
            };
            self.notify(format!("{name} was read as {encoding} text; {saved}"), now);
        }
        if let Some(warning) = doc.origin.warnings.first() {
            self.notify(format!("{}: {warning}", path.display()), now);
        }
    }

    /// Adds a document as the active tab, replacing the untouched sample.
    fn add_document(&mut self, doc: Document) {
        if self.docs.len() == 1
            && self.docs[0].path.is_none()
            && self.docs[0].imported_from.is_none()
            && !self.docs[0].is_dirty()
        {
            self.docs.clear();
        }
        self.docs.push(doc);
        self.active = self.docs.len() - 1;
        self.focus_body = true;
    }

    /// Opens a copy of a non-UTF-8 file with its broken bytes replaced: a
    /// new unsaved document, never saved over the original without asking.
    pub fn open_repaired(&mut self, path: &std::path::Path, text: &str) {
        let lossy = text.to_string();
        self.load(path.to_path_buf(), Reading::Repaired { lossy }, None, 0.0);
    }

    /// Restores a recovered document: into its file's tab when it had one
    /// (unsaved, so the next save writes it), else as a new document.
    pub fn restore(&mut self, orphan: &crate::recovery::Orphan, now: f64) {
        let Some(article) = orphan.article.as_ref().ok().cloned() else {
            return;
        };
        let name = orphan.name();
        match &orphan.source {
            Some(source) => {
                let how = Reading::Recovered {
                    article: Box::new(article),
                    name: name.clone(),
                };
                self.load(source.clone(), how, None, now);
            }
            None => {
                let id = self.new_id();
                let doc = Document::recovered_without_file(id, article, None, &name);
                self.add_document(doc);
            }
        }
        // The recovery file is removed only once its words are in a tab
        // (which autosaves them again as they stay unsaved).
        self.notify(format!("Restored {name}"), now);
        self.discard_recovery_file(orphan, now);
    }

    /// Deletes a recovery file that was restored or discarded; one that
    /// cannot be deleted is offered again at the next start, so say so.
    pub(crate) fn discard_recovery_file(&mut self, orphan: &crate::recovery::Orphan, now: f64) {
        if let Err(e) = orphan.discard() {
            self.report_error(
                format!(
                    "Could not remove the recovery file {}: {e}. It will be offered again at the next start.",
                    orphan.file.display()
                ),
                now,
            );
        }
    }

    /// Starts closing the window: asks about each unsaved document in turn.
    fn request_quit(&mut self, ctx: &egui::Context) {
        self.quitting = true;
        self.continue_quit(ctx);
    }

    fn continue_quit(&mut self, ctx: &egui::Context) {
        if let Some(doc) = self.docs.iter().find(|d| d.is_dirty()) {
            self.active = self.doc_index(doc.id).unwrap_or(0);
            self.prompt = Some(Prompt::UnsavedChanges {
                doc: doc.id,
                then: AfterSave::ContinueQuit,
            });
        } else {
            self.allowed_to_close = true;
            self.quitting = false;
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    /// Whether the window may close now (all work saved or discarded).
    pub fn may_close(&self) -> bool {
        self.allowed_to_close || self.docs.iter().all(|d| !d.is_dirty())
    }

    /// What the settings file keeps: the settings and the saved documents
    /// open now.
    pub fn settings_to_save(&self) -> Settings {
        let mut settings = self.settings.clone();
        settings.open_files = self.docs.iter().filter_map(|d| d.path.clone()).collect();
        settings
    }

    /// Draws one frame. A bug (panic) inside is caught here: the unsaved
    /// work is written to recovery files and a crash log first, then the
    /// window says what happened instead of vanishing.
    pub fn frame(&mut self, ui: &mut egui::Ui) {
        if let Some(message) = self.crashed.clone() {
            self.crash_screen(ui, &message);
            return;
        }
        let result =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.frame_inner(ui)));
        if result.is_err() {
            let details = LAST_PANIC
                .lock()
                .ok()
                .and_then(|mut p| p.take())
                .unwrap_or_default();
            let rescue = self.autosave.write_all_now(&self.docs);
            let log = self.autosave.write_crash_log(&details);
            let mut message = String::from(
                "Copydesk ran into a bug and stopped editing to protect your work.\n\n",
            );
            message.push_str(&rescue.describe());
            match log {
                Ok(log) => {
                    message.push_str(&format!("A report of the bug is in {}.\n", log.display()))
                }
                Err(why) => message.push_str(&format!(
                    "A report of the bug could not be written ({why}).\n"
                )),
            }
            self.allowed_to_close = true;
            self.crashed = Some(message);
            ui.ctx().request_repaint();
        }
    }

    fn crash_screen(&mut self, ui: &mut egui::Ui, message: &str) {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.add_space(40.0);
            ui.vertical_centered(|ui| {
                ui.heading("Something went wrong");
                ui.add_space(12.0);
                ui.label(message);
                ui.add_space(12.0);
                if ui.button("Quit Copydesk").clicked() {
                    ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                }
            });
        });
    }

    fn frame_inner(&mut self, ui: &mut egui::Ui) {
        // Read once: not an environment lookup on every frame.
        static TRACE: std::sync::LazyLock<bool> =
            std::sync::LazyLock::new(|| std::env::var_os("COPYDESK_TRACE_REPAINTS").is_some());
        if *TRACE {
            // What asked for each frame (for measuring repaints).
            let ctx = ui.ctx();
            eprintln!(
                "frame {:.3} causes {:?}",
                ctx.input(|i| i.time),
                ctx.repaint_causes()
            );
        }
        if std::mem::take(&mut self.panic_next_frame) {
            panic!("a bug, as asked for by a test");
        }
        let ctx = ui.ctx().clone();
        let now = ctx.input(|i| i.time);
        self.apply_look(&ctx);
        self.poll_dialogs(&ctx, now);
        self.take_dropped_files(&ctx, now);
        self.watch_files(&ctx);
        self.handle_close_request(&ctx);
        self.handle_shortcuts(&ctx);
        if let Some(command) = self.queued.take() {
            self.run(&ctx, command);
        }
        if let Some((id, range)) = self.jump_next_frame.take()
            && let Some(doc) = self.docs.iter_mut().find(|d| d.id == id)
        {
            doc.jump_to = Some(range);
        }

        menu::menu_bar(self, ui);
        status_bar::status_bar(self, ui);
        dialogs::problems_panel(self, ui);
        if self.settings.show_metadata && !self.docs.is_empty() {
            metadata_panel::metadata_panel(self, ui);
        }
        if !self.settings.show_metadata || self.docs.is_empty() {
            self.layout.metadata_docked = true;
        }
        egui::CentralPanel::default().show(ui, |ui| {
            // Whether the outline fits is known before the tab bar, which
            // holds the buttons of the panels that do not.
            let view = self.settings.view;
            let outline = self.layout.plan_outline(ui.available_width(), view);
            if !self.settings.show_outline {
                self.layout.outline_docked = true;
            }
            menu::tab_bar(self, ui);
            dialogs::document_banners(self, ui);
            self.layout.documents_rect = ui.available_rect_before_wrap();
            outline_panel::outline_panel(self, ui, outline);
            self.document_area(ui);
        });
        metadata_panel::metadata_overlay(self, &ctx);
        outline_panel::outline_overlay(self, &ctx);
        dialogs::dialogs(self, &ctx);
        palette::palette(self, &ctx);
        templates_window::templates_window(self, &ctx);
        cleanup_window::cleanup_window(self, &ctx);
        outline_panel::statistics_window(self, &ctx);
        self.file_chooser.ui(&ctx);
        dialogs::notices(self, &ctx, now);
        self.update_window_title(&ctx);
        if self.platform.dialogs.is_open() {
            // Poll for the answer while a file dialog is open.
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
        self.store_settings(now);
        if let Some(wait) = self.autosave.tick(&self.docs, now) {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(wait.max(0.05)));
        }
        if let Some(trouble) = self.autosave.news() {
            self.report_error(trouble, now);
        }
    }

    /// Closes the topmost of the app's windows, as Escape does; a window
    /// with unsaved edits asks first.
    fn close_top_window(&mut self) {
        if self.file_chooser.cancel() {
            return;
        }
        if self.front_matter_editor.is_some() {
            self.front_matter_editor = None;
        } else if self.cleanup.is_some() {
            self.cleanup = None;
        } else if let Some(window) = &mut self.templates_window {
            if window.close_or_ask(&self.library) {
                self.templates_window = None;
            }
        } else if self.show_statistics {
            self.show_statistics = false;
        } else if self.layout.metadata_overlay || self.layout.outline_overlay {
            // A folded panel opened over the editor.
            self.layout.metadata_overlay = false;
            self.layout.outline_overlay = false;
        }
    }

    fn watch_files(&mut self, ctx: &egui::Context) {
        let watcher = self
            .watcher
            .get_or_insert_with(|| watch::FileWatcher::new(ctx));
        watcher.sync(&self.docs);
        watcher.check(&mut self.docs);
    }

    fn document_area(&mut self, ui: &mut egui::Ui) {
        if self.docs.is_empty() {
            ui.centered_and_justified(|ui| {
                let (new, open) = (Command::New.keys(ui.ctx()), Command::Open.keys(ui.ctx()));
                ui.label(format!(
                    "No document open. Press {new} for a new article or {open} to open one."
                ));
            });
            return;
        }
        let view = self.settings.view;
        match view {
            ViewMode::EditorOnly => editor::body_editor(self, ui),
            ViewMode::PreviewOnly => preview::preview(self, ui),
            ViewMode::SideBySide => {
                // The preview keeps its share of the width across resizes,
                // as far as the editor keeps its minimum beside it.
                let width = ui.available_width();
                if let Some((preview_width, range)) = self.layout.plan_preview(width) {
                    let (_, dragged) = layout::sized_panel(
                        ui,
                        egui::Id::unique("copydesk-preview-panel"),
                        egui::Panel::right(egui::Id::unique("copydesk-preview-panel")),
                        preview_width,
                        range,
                        |ui| preview::preview(self, ui),
                    );
                    if let Some(dragged) = dragged {
                        self.layout.preview_dragged(dragged, width);
                    }
                }
                egui::CentralPanel::default().show(ui, |ui| editor::body_editor(self, ui));
            }
        }
    }

    fn apply_look(&self, ctx: &egui::Context) {
        let theme = if self.settings.dark {
            egui::Theme::Dark
        } else {
            egui::Theme::Light
        };
        if ctx.theme() != theme {
            ctx.set_theme(theme);
        }
        let zoom = self.settings.zoom.clamp(0.5, 3.0);
        if (ctx.zoom_factor() - zoom).abs() > f32::EPSILON {
            ctx.set_zoom_factor(zoom);
        }
        // A blinking cursor repaints the whole window twice a second, which
        // with software rendering is most of an idle editor's CPU: it is off
        // unless the editor asks for it (View menu).
        let blink = self.settings.cursor_blink;
        for theme in [egui::Theme::Light, egui::Theme::Dark] {
            let style = ctx.style_of(theme);
            if style.visuals.text_cursor.blink != blink
                || style.scroll_animation != egui::style::ScrollAnimation::none()
            {
                ctx.style_mut_of(theme, |s| {
                    s.visuals.text_cursor.blink = blink;
                    // Smooth scrolling repaints the window for a fifth of a
                    // second each time the editor keeps the cursor in view,
                    // which is on every key typed at the bottom of the view:
                    // most of the CPU per key with software rendering.
                    s.scroll_animation = egui::style::ScrollAnimation::none();
                });
            }
        }
    }

    fn take_dropped_files(&mut self, ctx: &egui::Context, now: f64) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        for path in dropped {
            self.open_path(path, now);
        }
    }

    fn handle_close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.may_close() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            if !self.quitting && self.prompt.is_none() {
                self.request_quit(ctx);
            }
        }
    }

    fn handle_shortcuts(&mut self, ctx: &egui::Context) {
        if self.prompt.is_some() || self.palette.is_some() {
            return;
        }
        // Escape closes the window on top (while the find bar is open,
        // Escape is the find bar's).
        if !self.find.open
            && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape))
        {
            self.close_top_window();
        }
        let mut triggered = Vec::new();
        // egui matches shortcuts ignoring extra Shift/Alt, so Ctrl+S would
        // take Ctrl+Shift+S: try the shortcuts with more modifiers first.
        let mut commands = Command::all();
        commands.sort_by_key(|c| {
            std::cmp::Reverse(c.shortcut().map_or(0, |s| {
                let m = s.modifiers;
                usize::from(m.shift)
                    + usize::from(m.alt)
                    + usize::from(m.command || m.ctrl || m.mac_cmd)
            }))
        });
        // Undo and redo of a whole-article step (a clean-up) are the app's,
        // not the text editor's: take the key before the editor sees it.
        if let Some(doc) = self.docs.get(self.active) {
            for (command, redo) in [(Command::Redo, true), (Command::Undo, false)] {
                if editor::article_step_pending(doc, redo)
                    && let Some(shortcut) = command.shortcut()
                    && ctx.input_mut(|i| i.consume_shortcut(&shortcut))
                {
                    triggered.push(command);
                    break;
                }
            }
        }
        ctx.input_mut(|input| {
            for command in commands {
                if let Some(shortcut) = command.shortcut()
                    // The text editor's own undo keeps the cursor where it was.
                    && !matches!(command, Command::Undo | Command::Redo)
                    && input.consume_shortcut(&shortcut)
                {
                    triggered.push(command);
                }
            }
        });
        for command in triggered {
            self.run(ctx, command);
        }
    }

    fn update_window_title(&mut self, ctx: &egui::Context) {
        let title = match self.active_doc() {
            Some(doc) => format!(
                "{}{} — Copydesk",
                if doc.is_dirty() { "● " } else { "" },
                doc.display_name()
            ),
            None => "Copydesk".to_string(),
        };
        if title != self.window_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.window_title = title;
        }
    }

    /// The window title as last set.
    pub fn window_title(&self) -> &str {
        &self.window_title
    }
}

impl eframe::App for CopydeskApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame(ui);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // Every document was saved or deliberately discarded (or the app
        // crashed, and its recovery files must stay).
        if self.crashed.is_none() && self.may_close() {
            self.autosave.finish();
        }
    }
}

/// OpenGL (glow) on Linux: with Mesa's software rasteriser it maps the
/// window in 111 ms against wgpu's 200, uses a quarter of the CPU to start
/// and a fifth less per typed key (README, Performance). wgpu elsewhere,
/// where that was not measured. `COPYDESK_RENDERER=wgpu|glow` overrides.
fn renderer() -> eframe::Renderer {
    match std::env::var("COPYDESK_RENDERER").as_deref() {
        Ok("glow") => eframe::Renderer::Glow,
        Ok("wgpu") => eframe::Renderer::Wgpu,
        _ if cfg!(any(target_os = "windows", target_os = "macos")) => eframe::Renderer::Wgpu,
        _ => eframe::Renderer::Glow,
    }
}

/// Runs the desktop app with `files` open.
pub fn run(files: Vec<PathBuf>) -> Result<(), String> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Copydesk")
            .with_app_id("copydesk")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([640.0, 400.0])
            .with_drag_and_drop(true)
            .with_icon(
                eframe::icon_data::from_png_bytes(include_bytes!(
                    "../../assets/icons/copydesk-256.png"
                ))
                .unwrap_or_default(),
            ),
        renderer: renderer(),
        ..Default::default()
    };
    eframe::run_native(
        "Copydesk",
        options,
        Box::new(move |_cc| Ok(Box::new(CopydeskApp::native(files)))),
    )
    .map_err(|e| e.to_string())
}

/// The name of the built-in sample's tab.
pub const SAMPLE_NAME: &str = "Sample article (built-in)";

/// `path` made absolute, and canonical when it exists (symbolic links and
/// `..` resolved).
pub fn absolute_path(path: PathBuf) -> PathBuf {
    std::fs::canonicalize(&path)
        .or_else(|_| std::path::absolute(&path))
        .unwrap_or(path)
}
