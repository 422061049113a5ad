//! The questions only the shell can put to a person: which file to open or
//! save to. The session asks with a [`DialogRequest`] and acts on the paths
//! chosen.

use std::path::PathBuf;

/// What a file dialog is for: the app acts on the answer when it arrives.
#[derive(Clone, Debug, PartialEq)]
pub enum DialogPurpose {
    /// Open articles or drafts.
    Open,
    /// Choose where to save the document with this id (then run `then`).
    SaveAs { doc: u64, then: AfterSave },
    /// Choose a template file to import into the library.
    ImportTemplate,
    /// Choose where to export the document with this id.
    Export {
        doc: u64,
        format: crate::export::ExportFormat,
    },
    /// Choose the picture of a figure (the app's Insert Figure window).
    FigurePicture,
}

/// What happens once a document is saved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AfterSave {
    Nothing,
    CloseTab,
    /// Continue closing the window (the other unsaved documents are asked
    /// about in turn).
    ContinueQuit,
}

#[derive(Clone, Debug, PartialEq)]
pub struct DialogRequest {
    pub purpose: DialogPurpose,
    pub title: String,
    pub directory: Option<PathBuf>,
    /// For save dialogs: the proposed file name.
    pub file_name: Option<String>,
    /// (label, extensions) pairs.
    pub filters: Vec<(String, Vec<String>)>,
    pub save: bool,
}
