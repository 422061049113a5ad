//! What persists between runs (in eframe's storage, as RON). Only settings:
//! documents are saved to their own files, never here.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

pub const STORAGE_KEY: &str = "copydesk-settings";
const MAX_RECENT: usize = 12;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ViewMode {
    EditorOnly,
    PreviewOnly,
    #[default]
    SideBySide,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub view: ViewMode,
    pub show_metadata: bool,
    pub dark: bool,
    pub zoom: f32,
    pub recent: Vec<PathBuf>,
    /// The saved documents open at exit, reopened on the next start.
    pub open_files: Vec<PathBuf>,
    pub last_open_dir: Option<PathBuf>,
    pub last_export_dir: Option<PathBuf>,
    /// Tags used before, offered as suggestions.
    pub known_tags: Vec<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            view: ViewMode::SideBySide,
            show_metadata: true,
            dark: false,
            zoom: 1.0,
            recent: Vec::new(),
            open_files: Vec::new(),
            last_open_dir: None,
            last_export_dir: None,
            known_tags: Vec::new(),
        }
    }
}

impl Settings {
    pub fn from_ron(text: &str) -> Settings {
        ron::from_str(text).unwrap_or_default()
    }

    pub fn to_ron(&self) -> String {
        ron::ser::to_string_pretty(self, Default::default()).unwrap_or_default()
    }

    /// Puts `path` at the top of the recent files.
    pub fn add_recent(&mut self, path: PathBuf) {
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(MAX_RECENT);
    }

    pub fn learn_tags(&mut self, tags: &[String]) {
        for tag in tags {
            let tag = tag.trim();
            if !tag.is_empty() && !self.known_tags.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
                self.known_tags.push(tag.to_string());
            }
        }
        self.known_tags.sort_by_key(|t| t.to_lowercase());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_survive_a_round_trip_and_bad_text() {
        let mut s = Settings {
            dark: true,
            zoom: 1.2,
            ..Default::default()
        };
        s.add_recent("/a.md".into());
        s.add_recent("/b.md".into());
        s.add_recent("/a.md".into());
        assert_eq!(s.recent, [PathBuf::from("/a.md"), PathBuf::from("/b.md")]);
        assert_eq!(Settings::from_ron(&s.to_ron()), s);
        assert_eq!(Settings::from_ron("(garbage"), Settings::default());
    }
}
