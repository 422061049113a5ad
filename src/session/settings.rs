//! What persists between runs: `settings.ron` in the config folder, written
//! atomically (eframe's own storage, which is not, keeps only the window's
//! size and position). Documents are saved to their own files, never here.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The settings file in the config folder.
pub const FILE_NAME: &str = "settings.ron";
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
    /// The outline of headings beside the editor.
    pub show_outline: bool,
    pub spell_check: bool,
    /// Reading speed for the reading time.
    pub words_per_minute: usize,
    /// Clean-up fixes switched off, by their key.
    pub cleanup_off: Vec<String>,
    /// A blinking text cursor (off: blinking repaints the window).
    pub cursor_blink: bool,
    /// Exports and Copy for CMS end with the author bio box.
    pub export_bio: bool,
    /// The folder beside an article that dropped, pasted and inserted
    /// pictures go into (unless the site keeps them elsewhere; see
    /// [`crate::picture_store`]).
    pub picture_folder: String,
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
            show_outline: false,
            spell_check: true,
            words_per_minute: crate::analysis::stats::WORDS_PER_MINUTE,
            cleanup_off: Vec::new(),
            cursor_blink: false,
            export_bio: true,
            picture_folder: crate::picture_store::DEFAULT_FOLDER.into(),
        }
    }
}

impl Settings {
    pub fn from_ron(text: &str) -> Settings {
        ron::from_str(text).unwrap_or_default()
    }

    /// Reads `settings.ron` from `dir`. A file that cannot be read is moved
    /// aside (never overwritten) and the reason returned with the defaults.
    pub fn load(dir: &Path) -> (Settings, Option<String>) {
        let path = dir.join(FILE_NAME);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return (Settings::default(), None);
            }
            Err(e) => {
                return (
                    Settings::default(),
                    Some(format!("Could not read {}: {e}", path.display())),
                );
            }
        };
        match ron::from_str(&text) {
            Ok(settings) => (settings, None),
            Err(e) => {
                let aside = dir.join(format!("{FILE_NAME}.unreadable"));
                let moved = std::fs::rename(&path, &aside).is_ok();
                let kept = if moved {
                    format!("it was kept as {}", aside.display())
                } else {
                    "it was left as it is".into()
                };
                (
                    Settings::default(),
                    Some(format!(
                        "The settings in {} could not be read ({e}); the defaults are used and {kept}.",
                        path.display()
                    )),
                )
            }
        }
    }

    /// Writes `settings.ron` into `dir`, atomically.
    pub fn store(&self, dir: &Path) -> std::io::Result<()> {
        std::fs::create_dir_all(dir)?;
        crate::files::write_atomic(&dir.join(FILE_NAME), self.to_ron().as_bytes())
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

    #[test]
    fn the_picture_folder_is_kept_and_an_older_file_gets_images() {
        let s = Settings {
            picture_folder: "static/pics".into(),
            ..Default::default()
        };
        assert_eq!(
            Settings::from_ron(&s.to_ron()).picture_folder,
            "static/pics"
        );
        assert_eq!(Settings::from_ron("(dark: true)").picture_folder, "images");
    }

    #[test]
    fn settings_are_stored_in_their_own_file_and_bad_files_are_kept_aside() {
        let dir = tempfile::tempdir().unwrap();
        let s = Settings {
            zoom: 1.5,
            ..Default::default()
        };
        s.store(dir.path()).unwrap();
        assert_eq!(Settings::load(dir.path()), (s, None));
        std::fs::write(dir.path().join(FILE_NAME), "(zoom: oops").unwrap();
        let (loaded, problem) = Settings::load(dir.path());
        assert_eq!(loaded, Settings::default());
        assert!(problem.unwrap().contains("could not be read"));
        assert_eq!(
            std::fs::read_to_string(dir.path().join("settings.ron.unreadable")).unwrap(),
            "(zoom: oops"
        );
    }
}
