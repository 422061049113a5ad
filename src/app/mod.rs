//! The desktop editor (egui/eframe) over the library.
//!
//! The UI is organised by screen area — `menu`, `metadata_panel`, `editor`,
//! `preview`, `status_bar`, `dialogs` — over the app state in this module.
//! Every action is a [`Command`]; the platform (dialogs, clipboard,
//! browser) sits behind the traits in [`platform`].

mod accessible;
mod actions;
pub mod commands;
mod editor;
pub mod fonts;
mod frame_gate;
mod layout;
mod menu;
mod panels;
mod picture_insert;
mod pictures;
pub mod platform;
mod requests;
mod rooms;
mod watch;
mod web_pictures;
mod windows;

use std::path::PathBuf;

pub use crate::session::{autosave, document, settings};
use std::sync::Mutex;
pub use windows::publish::PublishUi;

pub use commands::Command;
pub use document::{Document, Reading};
pub use editor::body_id as editor_body_id;
pub use platform::Platform;
pub use settings::{Settings, ViewMode};

pub use crate::session::{Notice, Prompt, PromptAnswer, Workspace};

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
    /// The documents, their files and the settings: the session core.
    pub workspace: Workspace,
    pub platform: Platform,
    /// Give the body editor keyboard focus on the next frame.
    focus_body: bool,
    window_title: String,
    pub show_problems: bool,
    pub show_shortcuts: bool,
    pub show_about: bool,
    /// The metadata panel's own state.
    metadata: panels::metadata::MetadataPanel,
    /// Where the editor was scrolled, as a fraction, for the preview to follow.
    scroll_fraction: f32,
    watcher: Option<watch::FileWatcher>,
    /// The app hit a bug: what to tell the user (work was saved first).
    pub crashed: Option<String>,
    /// For tests: panic in the next frame, as a bug would.
    #[doc(hidden)]
    pub panic_next_frame: bool,
    /// The raw front matter being edited for a document whose front matter
    /// could not be read.
    pub(crate) front_matter_editor: Option<windows::dialogs::FrontMatterEditor>,
    /// The command palette, while open.
    palette: Option<windows::palette::Palette>,
    /// The settings as last written to the settings file.
    stored_settings: Option<Settings>,
    /// A command to run at the start of the next frame.
    queued: Option<Command>,
    /// The templates manager, while open.
    pub(crate) templates_window: Option<windows::templates::TemplatesWindow>,
    /// Sites, the publish dialog and the publish running in the background.
    pub publishing: windows::publish::PublishUi,
    /// Find and replace.
    pub(crate) find: editor::find_bar::FindBar,
    /// Insert → Figure…, while open.
    pub(crate) figure_window: Option<windows::figure::FigureWindow>,
    /// The clean-up being reviewed before it is applied.
    pub(crate) cleanup: Option<windows::cleanup::CleanupReview>,
    pub show_statistics: bool,
    pub(crate) spell: editor::spell_check::SpellCheck,
    /// The misspelt word the right-click menu is for.
    pub(crate) spell_menu: Option<editor::spell_check::WordMenu>,
    /// The app's own file chooser, where the system's cannot be shown.
    pub(crate) file_chooser: windows::file_chooser::FileChooser,
    /// Where in the body the right-click menu was opened.
    pub(crate) block_menu_at: Option<usize>,
    /// The body's selection when the right-click menu was opened.
    pub(crate) menu_selection: Option<std::ops::Range<usize>>,
    merged_marks: editor::highlight::MergedMarks,
    /// The editor's highlighting of each document's body, memoised.
    pub(crate) highlights: std::collections::HashMap<u64, editor::highlight::Cache>,
    outline: panels::outline::OutlineCache,
    /// How the window is shared out between the editor and the panels.
    layout: layout::Layout,
    /// What the preview remembers between frames.
    preview: panels::preview::PreviewCache,
    /// A jump to a byte range of a document's body, for the next frame.
    pub(crate) jump_next_frame: Option<(u64, std::ops::Range<usize>)>,
    /// The window is shown once its first frame is painted: that frame
    /// leaves the document area (the editor's and the preview's layout of
    /// the whole body) to the next one, so a long article maps the window
    /// as soon as a short one. Set by the desktop app only.
    document_after_first_frame: bool,
}

impl CopydeskApp {
    /// An app with `files` open, or the built-in sample when there are none.
    pub fn new(settings: Settings, platform: Platform, files: Vec<PathBuf>) -> Self {
        install_panic_hook();
        let autosave = autosave::Autosave::start(platform.recovery_dir.clone());
        let library = match &platform.config_dir {
            Some(dir) => crate::templates::Library::load(dir),
            None => Default::default(),
        };
        let library_kept = platform.config_dir.is_some();
        let publishing = windows::publish::PublishUi::new(platform.config_dir.clone());
        let mut app = Self {
            workspace: Workspace::new(settings, autosave, library, library_kept),
            platform,
            focus_body: true,
            window_title: String::new(),
            show_problems: false,
            show_shortcuts: false,
            show_about: false,
            metadata: Default::default(),
            scroll_fraction: 0.0,
            watcher: None,
            crashed: None,
            panic_next_frame: false,
            front_matter_editor: None,
            palette: None,
            stored_settings: None,
            queued: None,
            templates_window: None,
            publishing,
            find: Default::default(),
            cleanup: None,
            figure_window: None,
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
            document_after_first_frame: false,
        };
        let files = if files.is_empty() {
            app.workspace.settings.open_files.clone()
        } else {
            files
        };
        for path in files {
            app.open_path(path, 0.0);
        }
        if app.workspace.docs.is_empty() {
            app.workspace.open_sample();
        }
        app.workspace.active = 0;
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
        app.document_after_first_frame = true;
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
        if let Some(doc) = self.workspace.docs.get(self.workspace.active) {
            let lang = doc.article.meta.lang.clone();
            self.spell.wait_for_dictionary(&lang, ctx);
        }
    }

    /// The words of the active article underlined as misspelt (for tests).
    #[doc(hidden)]
    pub fn misspelled_words(&self) -> Vec<String> {
        let Some(doc) = self.workspace.docs.get(self.workspace.active) else {
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

    pub fn active_doc(&self) -> Option<&Document> {
        self.workspace.active_doc()
    }

    pub fn active_doc_mut(&mut self) -> Option<&mut Document> {
        self.workspace.active_doc_mut()
    }

    pub fn notify(&mut self, text: impl Into<String>, now: f64) {
        self.workspace.notify(text, now);
    }

    pub fn report_error(&mut self, text: impl Into<String>, now: f64) {
        self.workspace.report_error(text, now);
    }

    /// Opens a file in a new tab (or switches to it), with the focus in
    /// its body.
    pub fn open_path(&mut self, path: PathBuf, now: f64) {
        self.workspace.open_path(path, now);
        self.focus_body = true;
    }

    /// Whether the window may close now (all work saved or discarded).
    pub fn may_close(&self) -> bool {
        self.workspace.may_close()
    }

    /// What the settings file keeps.
    pub fn settings_to_save(&self) -> Settings {
        self.workspace.settings_to_save()
    }

    /// Draws one frame. A bug (panic) inside is caught here: the unsaved
    /// work is written to recovery files and a crash log first, then the
    /// window says what happened instead of vanishing.
    pub fn frame(&mut self, ui: &mut egui::Ui) {
        frame_gate::SIGNALS.ui_began(ui.ctx());
        self.frame_guarded(ui);
        frame_gate::SIGNALS.ui_ended(ui.ctx());
    }

    fn frame_guarded(&mut self, ui: &mut egui::Ui) {
        fonts::install_once(ui.ctx());
        pictures::install_loaders(ui.ctx());
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
            let rescue = self.workspace.autosave.write_all_now(&self.workspace.docs);
            let log = self.workspace.autosave.write_crash_log(&details);
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
            self.workspace.allow_close();
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
        if trace_repaints() {
            trace_frame(ui.ctx());
        }
        if std::mem::take(&mut self.panic_next_frame) {
            panic!("a bug, as asked for by a test");
        }
        let ctx = ui.ctx().clone();
        let now = ctx.input(|i| i.time);
        self.take_input(&ctx, now);
        self.menu_bar(ui);
        panels::status_bar::status_bar(
            ui,
            &mut self.workspace,
            &self.spell,
            &mut self.show_problems,
        );
        self.problems_panel(ui);
        if self.workspace.settings.show_metadata && !self.workspace.docs.is_empty() {
            self.metadata_panel(ui);
        }
        if !self.workspace.settings.show_metadata || self.workspace.docs.is_empty() {
            self.layout.metadata_docked = true;
        }
        egui::CentralPanel::default().show(ui, |ui| {
            accessible::name_region(ui, "Documents");
            // Whether the outline fits is known before the tab bar, which
            // holds the buttons of the panels that do not.
            let view = self.workspace.settings.view;
            let outline = self.layout.plan_outline(ui.available_width(), view);
            if !self.workspace.settings.show_outline {
                self.layout.outline_docked = true;
            }
            self.tab_bar(ui);
            self.document_banners(ui);
            self.layout.documents_rect = ui.available_rect_before_wrap();
            self.outline_panel(ui, outline);
            self.document_area(ui);
        });
        self.windows(&ctx, now);
        self.after_frame(&ctx, now);
    }

    /// What came in since the last frame: answers of file dialogs, dropped
    /// files and pasted pictures, outside changes, a close request,
    /// shortcuts, a queued command, a jump.
    fn take_input(&mut self, ctx: &egui::Context, now: f64) {
        self.apply_look(ctx);
        self.poll_dialogs(ctx, now);
        self.take_dropped_files(ctx, now);
        self.take_pasted_pictures(ctx, now);
        self.watch_files(ctx);
        self.handle_close_request(ctx);
        self.handle_shortcuts(ctx);
        if let Some(command) = self.queued.take() {
            self.run(ctx, command);
        }
        if let Some((id, range)) = self.jump_next_frame.take()
            && let Some(doc) = self.workspace.docs.iter_mut().find(|d| d.id == id)
        {
            doc.jump_to = Some(range);
        }
    }

    /// The windows over the documents, and the notices.
    fn windows(&mut self, ctx: &egui::Context, now: f64) {
        self.metadata_overlay(ctx);
        self.outline_overlay(ctx);
        self.dialogs(ctx);
        self.palette(ctx);
        self.templates_window(ctx);
        windows::publish::show(self, ctx);
        self.cleanup_window(ctx);
        windows::figure::figure_window(self, ctx);
        self.statistics_window(ctx);
        self.file_chooser.ui(ctx);
        self.notices(ctx, now);
    }

    /// The window's title, settings, autosave, and the frames they ask for.
    fn after_frame(&mut self, ctx: &egui::Context, now: f64) {
        self.update_window_title(ctx);
        if self.platform.dialogs.is_open() {
            // Poll for the answer while a file dialog is open.
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
        self.store_settings(now);
        if let Some(wait) = self.workspace.autosave.tick(&self.workspace.docs, now) {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(wait.max(0.05)));
        }
        if let Some(trouble) = self.workspace.autosave.news() {
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
        } else if self.figure_window.is_some() {
            self.figure_window = None;
        } else if let Some(window) = &mut self.templates_window {
            if window.close_or_ask(&self.workspace.library) {
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
        watcher.sync(&self.workspace.docs);
        watcher.check(&mut self.workspace.docs);
    }

    fn document_area(&mut self, ui: &mut egui::Ui) {
        if self.workspace.docs.is_empty() {
            ui.centered_and_justified(|ui| {
                let (new, open) = (Command::New.keys(ui.ctx()), Command::Open.keys(ui.ctx()));
                ui.label(format!(
                    "No document open. Press {new} for a new article or {open} to open one."
                ));
            });
            return;
        }
        if std::mem::take(&mut self.document_after_first_frame) {
            ui.ctx().request_repaint();
            return;
        }
        let view = self.workspace.settings.view;
        match view {
            ViewMode::EditorOnly => self.body_editor(ui),
            ViewMode::PreviewOnly => panels::preview::preview(
                ui,
                &mut self.workspace,
                &mut self.preview,
                self.scroll_fraction,
            ),
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
                        |ui| {
                            panels::preview::preview(
                                ui,
                                &mut self.workspace,
                                &mut self.preview,
                                self.scroll_fraction,
                            )
                        },
                    );
                    if let Some(dragged) = dragged {
                        self.layout.preview_dragged(dragged, width);
                    }
                }
                egui::CentralPanel::default().show(ui, |ui| self.body_editor(ui));
            }
        }
    }

    fn apply_look(&self, ctx: &egui::Context) {
        let theme = if self.workspace.settings.dark {
            egui::Theme::Dark
        } else {
            egui::Theme::Light
        };
        if ctx.theme() != theme {
            ctx.set_theme(theme);
        }
        let zoom = self.workspace.settings.zoom.clamp(0.5, 3.0);
        if (ctx.zoom_factor() - zoom).abs() > f32::EPSILON {
            ctx.set_zoom_factor(zoom);
        }
        // A blinking cursor repaints the whole window twice a second, which
        // with software rendering is most of an idle editor's CPU: it is off
        // unless the editor asks for it (View menu).
        let blink = self.workspace.settings.cursor_blink;
        for theme in [egui::Theme::Light, egui::Theme::Dark] {
            let style = ctx.style_of(theme);
            if style.visuals.text_cursor.blink != blink
                || style.scroll_animation != egui::style::ScrollAnimation::none()
                || style.visuals.panel_fill != egui::Color32::TRANSPARENT
            {
                ctx.style_mut_of(theme, |s| {
                    s.visuals.text_cursor.blink = blink;
                    // Panels are not filled: the window is cleared to their
                    // colour (`clear_color`), and with software rendering
                    // each fill is another pass over most of the window's
                    // pixels on every frame (a third of the CPU per typed
                    // key, measured). Panels never overlap one another;
                    // what floats over them (windows, popups, the folded
                    // panels' overlays) has fills of its own.
                    s.visuals.panel_fill = egui::Color32::TRANSPARENT;
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
            if picture_insert::is_picture(&path) && self.active_doc().is_some() {
                self.insert_picture(ctx, picture_insert::NewPicture::File(&path), None, now);
            } else {
                self.open_path(path, now);
            }
        }
    }

    fn handle_close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.may_close() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            if !self.workspace.is_quitting() && self.workspace.prompt.is_none() {
                let effects = self.workspace.quit();
                self.apply(ctx, effects);
            }
        }
    }

    fn handle_shortcuts(&mut self, ctx: &egui::Context) {
        if self.workspace.prompt.is_some() || self.palette.is_some() {
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
        if let Some(doc) = self.workspace.docs.get(self.workspace.active) {
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
        // The accessibility tree is built anew each frame, so it is named
        // each frame; the title is sent to the window only when it changes.
        accessible::name_window(ctx, &self.window_title);
    }

    /// The window title as last set.
    pub fn window_title(&self) -> &str {
        &self.window_title
    }
}

/// The colour egui's panels have in the light or dark theme.
fn panel_colour(dark: bool) -> egui::Color32 {
    if dark {
        egui::Visuals::dark().panel_fill
    } else {
        egui::Visuals::light().panel_fill
    }
}

impl eframe::App for CopydeskApp {
    /// The panels' colour: the panels themselves are not filled (see
    /// `apply_look`), the cleared window is their background.
    fn clear_color(&self, visuals: &egui::Visuals) -> [f32; 4] {
        panel_colour(visuals.dark_mode).to_normalized_gamma_f32()
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame(ui);
    }

    fn raw_input_hook(&mut self, _ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        frame_gate::SIGNALS.input_taken(raw_input);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // Every document was saved or deliberately discarded (or the app
        // crashed, and its recovery files must stay).
        if self.crashed.is_none() && self.may_close() {
            self.workspace.autosave.finish();
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
        dithering: false,
        ..Default::default()
    };
    // eframe's own loop (`run_native`) with a gate in front that keeps
    // events which change nothing from costing a frame (`frame_gate`).
    let event_loop = winit::event_loop::EventLoop::<eframe::UserEvent>::with_user_event()
        .build()
        .map_err(|e| e.to_string())?;
    let app = eframe::create_native(
        "Copydesk",
        options,
        Box::new(move |cc| {
            frame_gate::observe(&cc.egui_ctx);
            Ok(Box::new(CopydeskApp::native(files)))
        }),
        &event_loop,
    );
    // `COPYDESK_EVERY_FRAME` turns the gate off (every event and repaint
    // request becomes a frame, as eframe does by itself), to compare.
    let gate = std::env::var_os("COPYDESK_EVERY_FRAME").is_none();
    let mut gated = frame_gate::Gated::new(app, trace_repaints(), gate);
    event_loop.run_app(&mut gated).map_err(|e| e.to_string())
}

/// Whether to print what causes each frame (`COPYDESK_TRACE_REPAINTS`), for
/// measuring repaints; read once, not on every frame.
fn trace_repaints() -> bool {
    static TRACE: std::sync::LazyLock<bool> =
        std::sync::LazyLock::new(|| std::env::var_os("COPYDESK_TRACE_REPAINTS").is_some());
    *TRACE
}

pub use crate::session::workspace::{SAMPLE_NAME, absolute_path};

/// Prints what asked for this frame (`COPYDESK_TRACE_REPAINTS`, for
/// measuring repaints); a second pass of the same frame is "pass".
fn trace_frame(ctx: &egui::Context) {
    eprintln!(
        "{} {:.3} causes {:?}",
        if ctx.current_pass_index() == 0 {
            "frame"
        } else {
            "pass"
        },
        ctx.input(|i| i.time),
        ctx.repaint_causes()
    );
}
