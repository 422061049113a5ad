//! Copydesk: revise tech-news articles and publish them.
//!
//! The library is the domain — the article model, its files, the draft
//! importer, the exports and the checks — and never touches the UI; the
//! desktop app (`app`) and the command line (`cli`) sit on top of it.

pub mod analysis;
#[cfg(feature = "gui")]
pub mod app;
pub mod cleanup;
pub mod cli;
pub mod editing;
pub mod export;
pub mod files;
pub mod format;
pub mod import;
pub mod markdown;
pub mod model;
pub mod paths;
pub mod picture_store;
pub mod publish;
pub mod recovery;
pub mod session;
pub mod spelling;
pub mod templates;
pub mod web_picture;

/// The sample article the app opens when started without a file.
pub const SAMPLE_DRAFT: &str = include_str!("../sample_docs/xiaomi-leica.txt");
