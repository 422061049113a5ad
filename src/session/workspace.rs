//! The workspace: the open documents and the active tab, the questions and
//! notices for the editor, and the state machine of files — open, import,
//! save, save as, close, quit, restore, reload. Commands run here and give
//! back [`Effect`]s, what only the shell (the window) can do.

use std::ops::Range;
use std::path::{Path, PathBuf};

use super::autosave::Autosave;
use super::dialog::{AfterSave, DialogPurpose, DialogRequest};
use super::document::{Document, Reading, content_hash};
use super::{Command, Settings, ViewMode};
use crate::editing::{self, Edit};
use crate::export::{self, ExportFormat};
use crate::files;

/// A message shown in the window for a few seconds (or until dismissed, for
/// errors).
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub text: String,
    pub error: bool,
    pub shown_at: f64,
}

/// A question the workspace is waiting for the editor to answer.
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

/// A prompt in words: a heading, the question, and the answers offered.
#[derive(Clone, Debug, PartialEq)]
pub struct Question {
    pub heading: String,
    pub text: String,
    pub answers: Vec<(&'static str, PromptAnswer)>,
}

/// The shell's own windows and panels, which commands open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Window {
    Palette,
    Templates,
    CleanUp,
    /// Insert → Figure…
    Figure,
    /// Toggled.
    Statistics,
    /// Toggled.
    Problems,
    Shortcuts,
    About,
    /// The sites to publish to.
    Sites,
}

/// What only the shell can do, asked for by the workspace.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// Ask for files (open, save as, export, import).
    Dialog(DialogRequest),
    /// Put the article on the clipboard: HTML with a plain-text fallback,
    /// or text alone; `done` is the notice once it worked.
    Clipboard {
        html: Option<String>,
        text: String,
        done: String,
    },
    /// Show a page (written to a file) in the browser.
    OpenInBrowser(PathBuf),
    /// Every document is saved or discarded: the window closes.
    CloseWindow,
    /// Give the body editor the keyboard focus.
    FocusBody,
    /// Replace the active body through the text editor, whose undo history
    /// is the shell's.
    EditBody(Edit),
    /// Undo or redo in the active document (a whole-article step first).
    Undo { redo: bool },
    /// Open the find bar (with the replace row), searching for `selected`.
    Find {
        replace: bool,
        selected: Option<String>,
    },
    /// Go to the next (or previous) match.
    FindAgain { forward: bool },
    /// Open or toggle one of the shell's windows.
    Show(Window),
    /// A document closed: the shell drops what it keeps for it.
    Closed(u64),
}

/// What a command needs to know of the view.
#[derive(Clone, Debug, Default)]
pub struct Context {
    /// Seconds since the start (for notices).
    pub now: f64,
    /// The byte range selected in the active body.
    pub selection: Option<Range<usize>>,
}

const ZOOM_STEPS: [f32; 9] = [0.67, 0.75, 0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 2.0];

/// The name of the built-in sample's tab.
pub const SAMPLE_NAME: &str = "Sample article (built-in)";

pub struct Workspace {
    pub docs: Vec<Document>,
    pub active: usize,
    next_id: u64,
    pub settings: Settings,
    pub notices: Vec<Notice>,
    pub prompt: Option<Prompt>,
    /// Closing the window is in progress (documents are being asked about).
    quitting: bool,
    /// The window may close: set once every document was saved or discarded.
    allowed_to_close: bool,
    pub autosave: Autosave,
    /// Author bios, snippets, known credits and tags.
    pub library: crate::templates::Library,
    /// The library has a folder to keep templates in.
    library_kept: bool,
}

impl Workspace {
    /// A workspace with no document open. `library_kept`: the library has
    /// a folder (saving adds new tags and credits to it).
    pub fn new(
        settings: Settings,
        autosave: Autosave,
        library: crate::templates::Library,
        library_kept: bool,
    ) -> Self {
        Self {
            docs: Vec::new(),
            active: 0,
            next_id: 1,
            settings,
            notices: Vec::new(),
            prompt: None,
            quitting: false,
            allowed_to_close: false,
            autosave,
            library,
            library_kept,
        }
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

    pub fn doc_index(&self, id: u64) -> Option<usize> {
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

    /// Opens the built-in sample article.
    pub fn open_sample(&mut self) {
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
    }

    /// A new, empty article in a new tab.
    pub fn new_document(&mut self) {
        let id = self.new_id();
        let mut article = crate::model::Article::default();
        article.meta.lang = "en".into();
        let doc = Document::new(id, article, crate::format::Origin::new_file(), None);
        self.docs.push(doc);
        self.active = self.docs.len() - 1;
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
            Reading::Repaired { lossy } => Ok(files::Decoded {
                text: lossy.clone(),
                encoding: files::Encoding::UTF_8,
                hash: content_hash(lossy.as_bytes()),
            }),
            _ => files::read_text(&path),
        };
        let (read, how) = match (read, how) {
            (Ok(read), how) => (read, how),
            (Err(files::OpenError::InvalidUtf8 { offset, lossy }), Reading::AsIs)
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
        path: &Path,
        encoding: files::Encoding,
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
    }

    /// Opens a copy of a non-UTF-8 file with its broken bytes replaced: a
    /// new unsaved document, never saved over the original without asking.
    pub fn open_repaired(&mut self, path: &Path, text: &str) {
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
        self.notify(format!("Restored {name}"), now);
        self.discard_recovery_file(orphan, now);
    }

    /// Deletes a recovery file that was restored or discarded; one that
    /// cannot be deleted is offered again at the next start, so say so.
    pub fn discard_recovery_file(&mut self, orphan: &crate::recovery::Orphan, now: f64) {
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

    /// The prompt waiting for an answer, in words.
    pub fn question(&self) -> Option<Question> {
        let name_of = |id: u64| {
            self.docs
                .iter()
                .find(|d| d.id == id)
                .map(|d| d.display_name())
                .unwrap_or_default()
        };
        let cancel = ("Cancel", PromptAnswer::Cancel);
        Some(match self.prompt.as_ref()? {
            Prompt::UnsavedChanges { doc, then } => {
                let save_label = match then {
                    AfterSave::CloseTab => "Save and Close",
                    AfterSave::ContinueQuit => "Save and Quit",
                    AfterSave::Nothing => "Save",
                };
                let mut answers = vec![
                    (save_label, PromptAnswer::Save),
                    ("Don't Save", PromptAnswer::Discard),
                ];
                // Quitting with several unsaved documents: one answer for
                // all of them, instead of one prompt each.
                if *then == AfterSave::ContinueQuit
                    && self.docs.iter().filter(|d| d.is_dirty()).count() > 1
                {
                    answers.push(("Don't Save Any", PromptAnswer::DiscardAll));
                }
                answers.push(cancel);
                Question {
                    heading: "Save changes?".into(),
                    text: format!(
                        "“{}” has changes that are not saved. If you don't save them, they are lost.",
                        name_of(*doc)
                    ),
                    answers,
                }
            }
            Prompt::OverwriteChanged { path, .. } => Question {
                heading: "The file changed on disk".into(),
                text: format!(
                    "{} was changed by another program since you opened or saved it. Saving now replaces those changes with yours.",
                    path.display()
                ),
                answers: vec![("Overwrite", PromptAnswer::Overwrite), cancel],
            },
            Prompt::ReplaceBio {
                doc,
                author,
                template,
            } => {
                let current = self
                    .docs
                    .iter()
                    .find(|d| d.id == *doc)
                    .and_then(|d| d.article.meta.authors.get(*author))
                    .map(|a| a.name.clone())
                    .unwrap_or_default();
                Question {
                    heading: "Replace the bio?".into(),
                    text: format!(
                        "{current} already has a bio. Replace it with the one in the template “{template}”?"
                    ),
                    answers: vec![("Replace", PromptAnswer::Replace), cancel],
                }
            }
            Prompt::OpenRepaired { path, offset, .. } => Question {
                heading: "Not UTF-8 text".into(),
                text: format!(
                    "{} is not UTF-8 text (the first invalid byte is at offset {offset}). Copydesk can open a copy with the broken bytes replaced by �; the file itself is not changed, and the copy is saved only where you choose.",
                    path.display()
                ),
                answers: vec![("Open a Repaired Copy", PromptAnswer::OpenCopy), cancel],
            },
        })
    }

    /// Starts closing the window: asks about each unsaved document in turn.
    pub fn quit(&mut self) -> Vec<Effect> {
        self.quitting = true;
        self.continue_quit()
    }

    fn continue_quit(&mut self) -> Vec<Effect> {
        if let Some(doc) = self.docs.iter().find(|d| d.is_dirty()) {
            self.active = self.doc_index(doc.id).unwrap_or(0);
            self.prompt = Some(Prompt::UnsavedChanges {
                doc: doc.id,
                then: AfterSave::ContinueQuit,
            });
            Vec::new()
        } else {
            self.allowed_to_close = true;
            self.quitting = false;
            vec![Effect::CloseWindow]
        }
    }

    /// Closing the window is in progress (a document is being asked about).
    pub fn is_quitting(&self) -> bool {
        self.quitting
    }

    /// Lets the window close whatever is unsaved (after a bug, with the
    /// work written to recovery files).
    pub fn allow_close(&mut self) {
        self.allowed_to_close = true;
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

    /// Closes a document, asking first if it has unsaved changes.
    pub fn close_doc(&mut self, id: u64) -> Vec<Effect> {
        let Some(i) = self.doc_index(id) else {
            return Vec::new();
        };
        if self.docs[i].is_dirty() {
            self.active = i;
            self.prompt = Some(Prompt::UnsavedChanges {
                doc: id,
                then: AfterSave::CloseTab,
            });
            return Vec::new();
        }
        self.remove_doc(i);
        vec![Effect::Closed(id), Effect::FocusBody]
    }

    /// Discards a document's changes and closes it.
    pub fn discard_doc(&mut self, id: u64) -> Vec<Effect> {
        self.autosave.forget(id);
        match self.doc_index(id) {
            Some(i) => {
                self.remove_doc(i);
                vec![Effect::Closed(id)]
            }
            None => Vec::new(),
        }
    }

    fn remove_doc(&mut self, i: usize) {
        self.autosave.forget(self.docs[i].id);
        self.docs.remove(i);
        if self.active >= self.docs.len() {
            self.active = self.docs.len().saturating_sub(1);
        }
    }

    /// Answers the prompt on screen.
    pub fn answer_prompt(&mut self, answer: PromptAnswer, now: f64) -> Vec<Effect> {
        let Some(prompt) = self.prompt.take() else {
            return Vec::new();
        };
        match (prompt, answer) {
            (_, PromptAnswer::Cancel) => {
                self.quitting = false;
                Vec::new()
            }
            (Prompt::UnsavedChanges { .. }, PromptAnswer::DiscardAll) => {
                let dirty: Vec<u64> = self
                    .docs
                    .iter()
                    .filter(|d| d.is_dirty())
                    .map(|d| d.id)
                    .collect();
                let mut effects: Vec<Effect> = dirty
                    .into_iter()
                    .flat_map(|id| self.discard_doc(id))
                    .collect();
                effects.extend(self.continue_quit());
                effects
            }
            (Prompt::UnsavedChanges { doc, then }, PromptAnswer::Discard) => {
                let mut effects = self.discard_doc(doc);
                if then == AfterSave::ContinueQuit {
                    effects.extend(self.continue_quit());
                }
                effects
            }
            (Prompt::UnsavedChanges { doc, then }, PromptAnswer::Save) => {
                let Some(i) = self.doc_index(doc) else {
                    return Vec::new();
                };
                self.active = i;
                let mut effects = self.save_active(then, false, now);
                effects.extend(self.after_save_if_done(doc, then));
                effects
            }
            (Prompt::OverwriteChanged { doc, path, then }, PromptAnswer::Overwrite) => {
                if self.save_doc_to(doc, path, then, true, now) {
                    self.after_save_if_done(doc, then)
                } else {
                    Vec::new()
                }
            }
            (Prompt::OpenRepaired { path, text, .. }, PromptAnswer::OpenCopy) => {
                self.open_repaired(&path, &text);
                vec![Effect::FocusBody]
            }
            (
                Prompt::ReplaceBio {
                    doc,
                    author,
                    template,
                },
                PromptAnswer::Replace,
            ) => {
                self.fill_author(doc, author, &template);
                Vec::new()
            }
            (prompt, _) => {
                self.prompt = Some(prompt);
                Vec::new()
            }
        }
    }

    /// Rewrites the active document's front matter with Copydesk's own keys
    /// on the next save: the one way a post leaves its site's dialect, and
    /// only when the editor asks.
    fn convert_to_copydesk_keys(&mut self, now: f64) {
        let Some(doc) = self.docs.get_mut(self.active) else {
            return;
        };
        if doc.origin.dialect == crate::format::Dialect::Copydesk && !doc.origin.has_layout() {
            self.notify("The front matter already uses Copydesk's keys", now);
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
        self.load(path, Reading::AsIs, Some(id), now);
    }

    /// Marks the documents whose files another program changed (compared
    /// with the hash of what was last read or written). The app's file
    /// watcher does this as changes happen; this is the same check on
    /// demand.
    pub fn notice_outside_changes(&mut self) {
        for doc in &mut self.docs {
            if let (Some(path), Some(known)) = (&doc.path, doc.disk_hash)
                && let Ok(bytes) = std::fs::read(path)
                && content_hash(&bytes) != known
            {
                doc.changed_on_disk = true;
            }
        }
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
                doc.disk_hash = Some(content_hash(&bytes));
            }
        }
    }

    /// Once a save finished (it may wait for a dialog), does what was asked.
    fn after_save_if_done(&mut self, doc: u64, then: AfterSave) -> Vec<Effect> {
        let Some(i) = self.doc_index(doc) else {
            return Vec::new();
        };
        if self.docs[i].is_dirty() {
            return Vec::new(); // Still waiting for the dialog, or the save failed.
        }
        match then {
            AfterSave::Nothing => Vec::new(),
            AfterSave::CloseTab => self.close_doc(doc),
            AfterSave::ContinueQuit => self.continue_quit(),
        }
    }

    /// Saves the active document; asks where when it has no Markdown file
    /// yet (new, or imported from a draft, which is never overwritten).
    fn save_active(&mut self, then: AfterSave, ask: bool, now: f64) -> Vec<Effect> {
        let Some(doc) = self.docs.get(self.active) else {
            return Vec::new();
        };
        match (&doc.path, ask) {
            (Some(path), false) => {
                let path = path.clone();
                self.save_doc_to(doc.id, path, then, false, now);
                Vec::new()
            }
            _ => vec![Effect::Dialog(DialogRequest {
                purpose: DialogPurpose::SaveAs { doc: doc.id, then },
                title: "Save article".into(),
                directory: doc
                    .suggested_directory()
                    .or_else(|| self.settings.last_open_dir.clone()),
                file_name: Some(doc.suggested_file_name()),
                filters: vec![("Markdown".into(), vec!["md".into()])],
                save: true,
            })],
        }
    }

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
            && content_hash(&bytes) != known
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
                if self.library_kept
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

    fn export_request(&self, format: ExportFormat) -> Option<DialogRequest> {
        let doc = self.active_doc()?;
        let slug = doc.article.meta.effective_slug();
        let stem = if slug.is_empty() {
            "article".to_string()
        } else {
            slug
        };
        let extension = format.extension().rsplit('.').next().unwrap_or("txt");
        Some(DialogRequest {
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
            filters: vec![(format.label().into(), vec![extension.into()])],
            save: true,
        })
    }

    fn export_to(&mut self, id: u64, format: ExportFormat, path: &Path, now: f64) {
        let Some(doc) = self.docs.iter().find(|d| d.id == id) else {
            return;
        };
        // Markdown is the file as Save would write it, in the post's own
        // dialect (Convert to Copydesk Keys is the explicit way to change that).
        let text = match format {
            ExportFormat::Markdown => doc.to_markdown(),
            other => export::export_with(&doc.article, other, &self.export_options()).text,
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

    /// Acts on the paths chosen for a dialog's request (none: cancelled).
    pub fn dialog_answered(
        &mut self,
        request: DialogRequest,
        paths: Vec<PathBuf>,
        now: f64,
    ) -> Vec<Effect> {
        match request.purpose {
            DialogPurpose::Open => {
                if let Some(dir) = paths.first().and_then(|p| p.parent()) {
                    self.settings.last_open_dir = Some(dir.to_path_buf());
                }
                let opened = !paths.is_empty();
                for path in paths {
                    self.open_path(path, now);
                }
                if opened {
                    vec![Effect::FocusBody]
                } else {
                    Vec::new()
                }
            }
            DialogPurpose::SaveAs { doc, then } => match paths.into_iter().next() {
                Some(path) => {
                    let path = with_extension_if_missing(path, "md");
                    if self.save_doc_to(doc, path, then, false, now) {
                        self.after_save_if_done(doc, then)
                    } else {
                        self.quitting = false;
                        Vec::new()
                    }
                }
                None => {
                    self.quitting = false;
                    Vec::new()
                }
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
                Vec::new()
            }
            DialogPurpose::Export { doc, format } => {
                if let Some(path) = paths.into_iter().next() {
                    self.export_to(doc, format, &path, now);
                }
                Vec::new()
            }
            // The app's Insert Figure window takes the answer itself.
            DialogPurpose::FigurePicture => Vec::new(),
        }
    }

    /// The clipboard effect of a Copy command.
    fn copy(&self, command: Command) -> Option<Effect> {
        let doc = self.active_doc()?;
        let article = &doc.article;
        Some(match command {
            Command::CopyForCms => {
                let options = export::ExportOptions {
                    embed_images: Some(embedding(doc)),
                    ..self.export_options()
                };
                let (html, text) = export::cms(article, &options);
                let done = if html.notices.is_empty() {
                    "Copied the article for your CMS (formatted HTML with a plain-text fallback)"
                        .to_string()
                } else {
                    format!(
                        "Copied the article for your CMS; left out: {}",
                        html.notices.join("; ")
                    )
                };
                Effect::Clipboard {
                    html: Some(html.text),
                    text,
                    done,
                }
            }
            Command::CopyText => Effect::Clipboard {
                html: None,
                text: export::text(article, &self.export_options()),
                done: "Copied the article as clean text".into(),
            },
            Command::CopyMarkdown => Effect::Clipboard {
                html: None,
                text: doc.to_markdown(),
                done: "Copied the article as Markdown".into(),
            },
            _ => return None,
        })
    }

    /// How exports are written, from the settings.
    fn export_options(&self) -> export::ExportOptions {
        export::ExportOptions {
            bio: self.settings.export_bio,
            ..Default::default()
        }
    }

    /// Writes the preview page to a temporary file for the browser.
    fn preview_in_browser(&mut self, now: f64) -> Option<Effect> {
        let doc = self.active_doc()?;
        // Embedded, since the page is written away from the article's pictures.
        let options = export::ExportOptions {
            embed_images: Some(embedding(doc)),
            ..self.export_options()
        };
        let page = export::export_with(&doc.article, ExportFormat::Page, &options).text;
        let slug = doc.article.meta.effective_slug();
        let name = if slug.is_empty() {
            "article".into()
        } else {
            slug
        };
        let path = std::env::temp_dir().join(format!("copydesk-preview-{name}.html"));
        match files::write_atomic(&path, page.as_bytes()) {
            Ok(()) => Some(Effect::OpenInBrowser(path)),
            Err(e) => {
                self.report_error(format!("Could not open the preview in a browser: {e}"), now);
                None
            }
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
        if !self.library_kept {
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

    /// The edit a formatting command makes to the active body.
    fn markup(&self, command: Command, selection: Option<Range<usize>>) -> Option<Edit> {
        let doc = self.active_doc()?;
        let text = &doc.article.body;
        let sel = selection.unwrap_or(text.len()..text.len());
        Some(match command {
            Command::Bold => editing::wrap(text, sel, "**"),
            Command::Italic => editing::wrap(text, sel, "*"),
            Command::Link => editing::link(text, sel),
            Command::Heading(level) => editing::heading(text, sel, level),
            Command::Quote => editing::prefix_lines(text, sel, "> "),
            Command::BulletList => editing::prefix_lines(text, sel, "- "),
            _ => return None,
        })
    }

    /// Runs a command: what the workspace can do itself it does; what only
    /// the shell can do it asks for in the effects returned.
    pub fn run(&mut self, command: Command, context: &Context) -> Vec<Effect> {
        let now = context.now;
        match command {
            Command::New => {
                self.new_document();
                vec![Effect::FocusBody]
            }
            Command::Open => vec![Effect::Dialog(self.open_request())],
            Command::Save => self.save_active(AfterSave::Nothing, false, now),
            Command::SaveAs => self.save_active(AfterSave::Nothing, true, now),
            Command::CloseTab => match self.active_doc() {
                Some(doc) => self.close_doc(doc.id),
                None => Vec::new(),
            },
            Command::Quit => self.quit(),
            Command::Undo | Command::Redo => vec![Effect::Undo {
                redo: command == Command::Redo,
            }],
            Command::Bold
            | Command::Italic
            | Command::Link
            | Command::Heading(_)
            | Command::Quote
            | Command::BulletList => self
                .markup(command, context.selection.clone())
                .map(|edit| vec![Effect::EditBody(edit), Effect::FocusBody])
                .unwrap_or_default(),
            Command::Find | Command::Replace => vec![Effect::Find {
                replace: command == Command::Replace,
                selected: self.selected_text(context),
            }],
            Command::FindNext | Command::FindPrevious => vec![Effect::FindAgain {
                forward: command == Command::FindNext,
            }],
            Command::CleanUp => vec![Effect::Show(Window::CleanUp)],
            Command::InsertFigure => vec![Effect::Show(Window::Figure)],
            Command::ConvertToCopydeskKeys => {
                self.convert_to_copydesk_keys(now);
                Vec::new()
            }
            Command::Export(format) => self
                .export_request(format)
                .map(Effect::Dialog)
                .into_iter()
                .collect(),
            Command::CopyForCms | Command::CopyText | Command::CopyMarkdown => {
                self.copy(command).into_iter().collect()
            }
            Command::PreviewInBrowser => self.preview_in_browser(now).into_iter().collect(),
            Command::NextTab | Command::PreviousTab => self.switch_tab(command == Command::NextTab),
            Command::ShowProblems => vec![Effect::Show(Window::Problems)],
            Command::Statistics => vec![Effect::Show(Window::Statistics)],
            Command::CommandPalette => vec![Effect::Show(Window::Palette)],
            Command::ManageTemplates => vec![Effect::Show(Window::Templates)],
            Command::ManageSites => vec![Effect::Show(Window::Sites)],
            Command::Shortcuts => vec![Effect::Show(Window::Shortcuts)],
            Command::About => vec![Effect::Show(Window::About)],
            Command::ShowEditorOnly
            | Command::ShowPreviewOnly
            | Command::ShowSideBySide
            | Command::ToggleMetadata
            | Command::ToggleTheme
            | Command::ToggleOutline
            | Command::ToggleSpellCheck
            | Command::ToggleCursorBlink
            | Command::ToggleExportBio
            | Command::ZoomIn
            | Command::ZoomOut
            | Command::ZoomReset => self.change_view(command),
        }
    }

    /// The dialog that asks for articles or drafts to open.
    fn open_request(&self) -> DialogRequest {
        DialogRequest {
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
        }
    }

    /// The text selected in the active body, if any.
    fn selected_text(&self, context: &Context) -> Option<String> {
        let range = context.selection.clone()?;
        let doc = self.active_doc()?;
        doc.article.body.get(range).map(str::to_string)
    }

    fn switch_tab(&mut self, forward: bool) -> Vec<Effect> {
        let n = self.docs.len();
        if n == 0 {
            return Vec::new();
        }
        self.active = if forward {
            (self.active + 1) % n
        } else {
            (self.active + n - 1) % n
        };
        vec![Effect::FocusBody]
    }

    /// The view settings: what shows, the theme, the text size.
    fn change_view(&mut self, command: Command) -> Vec<Effect> {
        let s = &mut self.settings;
        let z = s.zoom;
        match command {
            Command::ShowEditorOnly => s.view = ViewMode::EditorOnly,
            Command::ShowPreviewOnly => s.view = ViewMode::PreviewOnly,
            Command::ShowSideBySide => s.view = ViewMode::SideBySide,
            Command::ToggleMetadata => s.show_metadata = !s.show_metadata,
            Command::ToggleTheme => s.dark = !s.dark,
            Command::ToggleOutline => s.show_outline = !s.show_outline,
            Command::ToggleSpellCheck => s.spell_check = !s.spell_check,
            Command::ToggleCursorBlink => s.cursor_blink = !s.cursor_blink,
            Command::ToggleExportBio => s.export_bio = !s.export_bio,
            Command::ZoomIn => {
                s.zoom = ZOOM_STEPS.into_iter().find(|x| *x > z + 0.001).unwrap_or(z)
            }
            Command::ZoomOut => {
                s.zoom = ZOOM_STEPS
                    .into_iter()
                    .rev()
                    .find(|x| *x < z - 0.001)
                    .unwrap_or(z)
            }
            _ => s.zoom = 1.0,
        }
        match command {
            Command::ShowEditorOnly | Command::ShowSideBySide => vec![Effect::FocusBody],
            _ => Vec::new(),
        }
    }
}

/// Embedding a document's local pictures: relative paths from its folder
/// (the working folder for a document never saved).
fn embedding(doc: &Document) -> export::EmbedImages {
    export::EmbedImages::new(match &doc.path {
        Some(path) => export::images::article_folder(path),
        None => std::env::current_dir().unwrap_or_default(),
    })
}

fn with_extension_if_missing(path: PathBuf, ext: &str) -> PathBuf {
    if path.extension().is_none() {
        path.with_extension(ext)
    } else {
        path
    }
}

/// `path` made absolute, and canonical when it exists (symbolic links and
/// `..` resolved).
pub fn absolute_path(path: PathBuf) -> PathBuf {
    std::fs::canonicalize(&path)
        .or_else(|_| std::path::absolute(&path))
        .unwrap_or(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn workspace() -> Workspace {
        Workspace::new(
            Settings::default(),
            Autosave::off("not in tests"),
            Default::default(),
            false,
        )
    }

    fn at(now: f64) -> Context {
        Context {
            now,
            selection: None,
        }
    }

    fn errors(ws: &Workspace) -> Vec<&str> {
        ws.notices
            .iter()
            .filter(|n| n.error)
            .map(|n| n.text.as_str())
            .collect()
    }

    /// Open → edit → save → outside change → reload → quit, without a
    /// window.
    #[test]
    fn the_file_state_machine_runs_without_a_window() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("story.md");
        std::fs::write(&path, "---\ntitle: A story\n---\n\nFirst.\n").unwrap();
        let mut ws = workspace();
        ws.open_sample();
        ws.open_path(path.clone(), 0.0);
        assert_eq!(ws.docs.len(), 1, "the untouched sample gives way");
        let doc = ws.active_doc_mut().unwrap();
        doc.article.body.push_str("Mine.\n");
        doc.touch();
        assert!(!ws.may_close());
        assert_eq!(ws.run(Command::Save, &at(1.0)), Vec::new());
        assert!(errors(&ws).is_empty(), "{:?}", errors(&ws));
        assert!(!ws.active_doc().unwrap().is_dirty());
        assert!(
            std::fs::read_to_string(&path)
                .unwrap()
                .ends_with("First.\nMine.\n")
        );

        std::fs::write(&path, "---\ntitle: A story\n---\n\nTheirs.\n").unwrap();
        ws.notice_outside_changes();
        let id = ws.active_doc().unwrap().id;
        assert!(ws.active_doc().unwrap().changed_on_disk);
        ws.reload(id, 2.0);
        let doc = ws.active_doc().unwrap();
        assert_eq!(doc.article.body, "Theirs.\n");
        assert!(!doc.changed_on_disk && !doc.is_dirty());

        assert_eq!(ws.run(Command::Quit, &at(3.0)), vec![Effect::CloseWindow]);
        assert!(ws.may_close());
    }

    #[test]
    fn quitting_asks_about_unsaved_work_and_save_as_asks_the_shell_where() {
        let mut ws = workspace();
        ws.run(Command::New, &at(0.0));
        let doc = ws.active_doc_mut().unwrap();
        doc.article.body = "Unsaved.\n".into();
        doc.touch();
        let id = doc.id;
        assert_eq!(ws.run(Command::Quit, &at(1.0)), Vec::new());
        assert_eq!(
            ws.prompt,
            Some(Prompt::UnsavedChanges {
                doc: id,
                then: AfterSave::ContinueQuit
            })
        );
        // Save: a new article has no file, so the shell shows a dialog.
        let question = ws.question().unwrap();
        assert_eq!(question.heading, "Save changes?");
        assert_eq!(question.answers[0], ("Save and Quit", PromptAnswer::Save));
        let effects = ws.answer_prompt(PromptAnswer::Save, 2.0);
        let [Effect::Dialog(request)] = effects.as_slice() else {
            panic!("{effects:?}");
        };
        assert_eq!(
            request.purpose,
            DialogPurpose::SaveAs {
                doc: id,
                then: AfterSave::ContinueQuit
            }
        );
        let dir = tempfile::tempdir().unwrap();
        let chosen = dir.path().join("unsaved");
        let effects = ws.dialog_answered(request.clone(), vec![chosen.clone()], 3.0);
        assert_eq!(
            effects,
            vec![Effect::CloseWindow],
            "saved, then the quit goes on"
        );
        assert!(
            std::fs::read_to_string(chosen.with_extension("md"))
                .unwrap()
                .contains("Unsaved.")
        );
    }

    #[test]
    fn an_outside_change_is_not_overwritten_without_asking() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("story.md");
        std::fs::write(&path, "---\ntitle: A story\n---\n\nFirst.\n").unwrap();
        let mut ws = workspace();
        ws.open_path(path.clone(), 0.0);
        let doc = ws.active_doc_mut().unwrap();
        doc.article.body = "Mine.\n".into();
        doc.touch();
        std::fs::write(&path, "---\ntitle: A story\n---\n\nTheirs.\n").unwrap();
        ws.run(Command::Save, &at(1.0));
        assert!(matches!(ws.prompt, Some(Prompt::OverwriteChanged { .. })));
        assert!(std::fs::read_to_string(&path).unwrap().contains("Theirs."));
        ws.answer_prompt(PromptAnswer::Overwrite, 2.0);
        assert!(std::fs::read_to_string(&path).unwrap().contains("Mine."));
    }

    #[test]
    fn commands_edit_with_the_selection_and_copy_through_the_shell() {
        let mut ws = workspace();
        ws.run(Command::New, &at(0.0));
        ws.active_doc_mut().unwrap().article.body = "one two".into();
        let context = Context {
            now: 0.0,
            selection: Some(4..7),
        };
        let effects = ws.run(Command::Bold, &context);
        let Some(Effect::EditBody(edit)) = effects.first() else {
            panic!("{effects:?}");
        };
        assert_eq!(edit.text, "one **two**");
        let effects = ws.run(Command::Find, &context);
        assert_eq!(
            effects,
            vec![Effect::Find {
                replace: false,
                selected: Some("two".into())
            }]
        );
        let effects = ws.run(Command::CopyMarkdown, &context);
        assert!(
            matches!(&effects[..], [Effect::Clipboard { html: None, text, .. }] if text.contains("one two"))
        );
        ws.run(Command::ToggleTheme, &context);
        assert!(ws.settings.dark);
    }
}
