//! What a panel or window asks of the app once it is drawn.
//!
//! Panels and windows see only their own state and the pieces of the
//! workspace they show; anything wider (running a command, opening a file,
//! a notice, a system dialog) they hand back as a [`Request`], and the app
//! grants it here, in one place.

use std::path::PathBuf;

use super::platform::DialogRequest;
use super::{Command, CopydeskApp};
use crate::session::PromptAnswer;

#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    /// Run a command from the registry.
    Run(Command),
    /// Insert the snippet with this index where the caret is.
    InsertSnippet(usize),
    /// Open a file in a new tab (or switch to it).
    Open(PathBuf),
    /// Make the tab with this index the active one.
    SelectTab(usize),
    /// Close a document (asking first when it has unsaved changes).
    Close(u64),
    /// The answer to the prompt on screen.
    Answer(PromptAnswer),
    /// Put the caret at this byte of a document's body on the next frame,
    /// once the click that asked for it is over.
    JumpTo { doc: u64, at: usize },
    /// Give the body editor the keyboard focus.
    FocusBody,
    /// Show the metadata panel.
    ShowMetadata,
    /// A notice for the editor.
    Notify(String),
    /// A failure for the editor, shown until dismissed.
    Error(String),
    /// Ask for files with the system's dialog.
    Dialog(DialogRequest),
    /// Show a folder in the system's file manager.
    Reveal(PathBuf),
}

impl CopydeskApp {
    /// Does what the panels and windows asked for this frame.
    pub(crate) fn grant(&mut self, ctx: &egui::Context, requests: Vec<Request>) {
        let now = ctx.input(|i| i.time);
        for request in requests {
            match request {
                Request::Run(command) => self.run(ctx, command),
                Request::InsertSnippet(index) => self.insert_snippet(ctx, index),
                Request::Open(path) => self.open_path(path, now),
                Request::SelectTab(index) => {
                    self.workspace.active = index;
                    self.focus_body = true;
                }
                Request::Close(id) => self.close_doc(ctx, id),
                Request::Answer(answer) => self.answer_prompt(ctx, answer),
                Request::JumpTo { doc, at } => {
                    self.jump_next_frame = Some((doc, at..at));
                    ctx.request_repaint();
                }
                Request::FocusBody => self.focus_body = true,
                Request::ShowMetadata => self.workspace.settings.show_metadata = true,
                Request::Notify(text) => self.notify(text, now),
                Request::Error(text) => self.report_error(text, now),
                Request::Dialog(request) => {
                    self.platform.dialogs.start(request);
                }
                Request::Reveal(dir) => {
                    if let Err(e) = self.platform.launcher.reveal(&dir) {
                        self.report_error(format!("Could not show {}: {e}", dir.display()), now);
                    }
                }
            }
        }
    }
}
