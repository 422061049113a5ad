//! The editing session without a window: the open documents, their files,
//! autosave and the settings. The desktop app (`app`) is a view over it;
//! nothing here depends on egui, so the session runs and is tested without
//! rendering a frame.

pub mod autosave;
pub mod command;
pub mod dialog;
pub mod document;
pub mod history;
pub mod settings;
pub mod workspace;

pub use command::Command;
pub use document::{Document, Reading};
pub use settings::{Settings, ViewMode};
pub use workspace::{Context, Effect, Notice, Prompt, PromptAnswer, Question, Window, Workspace};
