//! Where Copydesk keeps its files: the platform's standard folders (via
//! `directories`), overridable for tests and portable setups.

use std::path::PathBuf;

/// Templates and house dictionaries: `COPYDESK_CONFIG_DIR`, else the
/// platform's config folder (`~/.config/copydesk`, `%APPDATA%\Copydesk`,
/// `~/Library/Application Support/Copydesk`).
pub fn config_dir() -> Option<PathBuf> {
    std::env::var_os("COPYDESK_CONFIG_DIR")
        .map(PathBuf::from)
        .or_else(|| project().map(|p| p.config_dir().to_path_buf()))
}

/// Recovery files and crash logs: `COPYDESK_DATA_DIR`, else the platform's
/// data folder (`~/.local/share/copydesk`, `%APPDATA%\Copydesk\data`,
/// `~/Library/Application Support/Copydesk`).
pub fn data_dir() -> Option<PathBuf> {
    std::env::var_os("COPYDESK_DATA_DIR")
        .map(PathBuf::from)
        .or_else(|| project().map(|p| p.data_dir().to_path_buf()))
}

fn project() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "Copydesk")
}
