//! The app's windows over the editor: the command palette, the templates
//! manager, the clean-up review, the prompts and dialogs, the file chooser,
//! the WordPress sites and publishing.

pub mod cleanup;
pub mod dialogs;
pub mod figure;
pub mod file_chooser;
pub mod palette;
pub mod publish;
pub mod sites;
pub mod templates;
