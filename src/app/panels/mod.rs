//! The panels around the editor: metadata, outline, preview, status bar
//! (the problems list is in `windows::dialogs`, beside the banners).

pub mod front_matter_keys;
pub mod metadata;
pub mod outline;
pub mod preview;
pub mod status_bar;
