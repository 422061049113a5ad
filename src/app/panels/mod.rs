//! The panels around the editor: metadata, outline, preview, problems,
//! status bar.

pub mod front_matter_keys;
pub mod metadata;
pub mod outline;
pub mod preview;
pub mod problems;
pub mod status_bar;
