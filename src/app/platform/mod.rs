//! The app's windows onto the operating system — file dialogs, the
//! clipboard, the browser — behind small traits, so tests can drive them.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};

#[cfg(all(
    unix,
    not(any(target_os = "macos", target_os = "android", target_os = "emscripten"))
))]
pub mod x11_clipboard;

pub use crate::session::dialog::{AfterSave, DialogPurpose, DialogRequest};

/// What a file dialog answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DialogAnswer {
    /// The paths chosen (empty: cancelled).
    Chosen(Vec<PathBuf>),
    /// No dialog could be shown (no desktop portal, a failed dialog):
    /// the app offers its own file chooser instead.
    Unavailable(String),
}

/// File dialogs, asked without blocking the UI; the answer is polled.
pub trait FileDialogs {
    /// Starts a dialog. Only one runs at a time; `false` if one is open.
    fn start(&mut self, request: DialogRequest) -> bool;
    /// The answer of the running dialog, once there is one.
    fn poll(&mut self) -> Option<(DialogRequest, DialogAnswer)>;
    fn is_open(&self) -> bool;
}

/// An answer sooner than this after the dialog was asked for cannot be a
/// person's: the dialog never showed (rfd reports a missing portal or a
/// failed dialog as "nothing chosen").
const TOO_FAST_FOR_A_PERSON: std::time::Duration = std::time::Duration::from_millis(250);

/// The system clipboard.
pub trait Clipboard {
    /// HTML with a plain-text alternative (what a CMS paste wants).
    fn set_html(&mut self, html: &str, plain: &str) -> Result<(), String>;
    fn set_text(&mut self, text: &str) -> Result<(), String>;
    /// The clipboard's text (for Paste from the right-click menu; the
    /// keyboard's Ctrl+V comes through the window's own events).
    fn get_text(&mut self) -> Result<String, String>;
    /// The clipboard's picture, if it holds one (for Paste from the
    /// right-click menu; Ctrl+V's picture comes through the window).
    fn get_image(&mut self) -> Result<Option<egui::ColorImage>, String>;
}

/// Opens files in other programs.
pub trait Launcher {
    fn open_in_browser(&mut self, path: &Path) -> Result<(), String>;
    /// Shows a folder in the file manager.
    fn reveal(&mut self, folder: &Path) -> Result<(), String>;
}

/// Native dialogs with `rfd`: created on the UI thread (macOS requires it),
/// awaited on a helper thread so the window keeps drawing.
#[derive(Default)]
pub struct NativeDialogs {
    running: Option<(DialogRequest, Receiver<DialogAnswer>)>,
}

/// Why no system dialog can be shown here, if that is known before trying:
/// on Linux and the BSDs rfd asks the desktop portal over the session bus.
fn known_unavailable() -> Option<String> {
    unavailable_without_bus(std::env::var_os("DBUS_SESSION_BUS_ADDRESS").as_deref())
}

fn unavailable_without_bus(bus: Option<&std::ffi::OsStr>) -> Option<String> {
    (cfg!(all(unix, not(target_os = "macos"))) && bus.is_none())
        .then(|| "there is no desktop session bus, so no system file dialog".to_string())
}

/// The system's dialog for `request`: its title, folder, name and filters.
fn system_dialog(request: &DialogRequest) -> rfd::AsyncFileDialog {
    let mut dialog = rfd::AsyncFileDialog::new().set_title(&request.title);
    if let Some(dir) = &request.directory {
        dialog = dialog.set_directory(dir);
    }
    if let Some(name) = &request.file_name {
        dialog = dialog.set_file_name(name);
    }
    for (label, exts) in &request.filters {
        dialog = dialog.add_filter(label, exts);
    }
    dialog
}

impl FileDialogs for NativeDialogs {
    fn start(&mut self, request: DialogRequest) -> bool {
        if self.running.is_some() {
            return false;
        }
        let (tx, rx) = channel();
        if let Some(why) = known_unavailable() {
            // Cannot fail: the receiver is kept below.
            let _ = tx.send(DialogAnswer::Unavailable(why));
            self.running = Some((request, rx));
            return true;
        }
        let asked = std::time::Instant::now();
        let answer = move |paths: Vec<PathBuf>| {
            if paths.is_empty() && asked.elapsed() < TOO_FAST_FOR_A_PERSON {
                DialogAnswer::Unavailable("the system file dialog did not open".into())
            } else {
                DialogAnswer::Chosen(paths)
            }
        };
        let dialog = system_dialog(&request);
        // A send fails only when the app has stopped polling (it quit):
        // nobody is left to tell.
        if request.save {
            let future = dialog.save_file();
            std::thread::spawn(move || {
                let chosen = pollster::block_on(future);
                let _ = tx.send(answer(
                    chosen
                        .map(|h| vec![h.path().to_path_buf()])
                        .unwrap_or_default(),
                ));
            });
        } else {
            let future = dialog.pick_files();
            std::thread::spawn(move || {
                let chosen = pollster::block_on(future);
                let paths = chosen
                    .map(|hs| hs.iter().map(|h| h.path().to_path_buf()).collect())
                    .unwrap_or_default();
                let _ = tx.send(answer(paths));
            });
        }
        self.running = Some((request, rx));
        true
    }

    fn poll(&mut self) -> Option<(DialogRequest, DialogAnswer)> {
        let (_, rx) = self.running.as_ref()?;
        let answer = match rx.try_recv() {
            Ok(answer) => answer,
            Err(std::sync::mpsc::TryRecvError::Empty) => return None,
            // The helper thread died: the dialog failed.
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                DialogAnswer::Unavailable("the system file dialog failed".into())
            }
        };
        self.running.take().map(|(request, _)| (request, answer))
    }

    fn is_open(&self) -> bool {
        self.running.is_some()
    }
}

#[cfg(test)]
mod dialog_tests {
    use super::*;

    #[test]
    fn without_a_session_bus_no_system_dialog_is_tried_on_linux() {
        let why = unavailable_without_bus(None);
        assert_eq!(why.is_some(), cfg!(all(unix, not(target_os = "macos"))));
        assert_eq!(
            unavailable_without_bus(Some(std::ffi::OsStr::new("unix:path=/run/bus"))),
            None
        );
    }
}

/// The system clipboard: Copydesk's own X11 owner where there is an X
/// display (see `x11_clipboard` for why), `arboard` elsewhere. One instance
/// lives as long as the app: on Linux the program that copied serves the
/// clipboard, so dropping it would empty the clipboard.
#[derive(Default)]
pub struct SystemClipboard {
    inner: Option<arboard::Clipboard>,
}

impl SystemClipboard {
    fn get(&mut self) -> Result<&mut arboard::Clipboard, String> {
        if self.inner.is_none() {
            self.inner = Some(arboard::Clipboard::new().map_err(|e| e.to_string())?);
        }
        Ok(self.inner.as_mut().expect("set above"))
    }
}

impl Clipboard for SystemClipboard {
    fn set_html(&mut self, html: &str, plain: &str) -> Result<(), String> {
        #[cfg(all(
            unix,
            not(any(target_os = "macos", target_os = "android", target_os = "emscripten"))
        ))]
        if std::env::var_os("DISPLAY").is_some() {
            return x11_clipboard::serve(plain, Some(html));
        }
        self.get()?
            .set()
            .html(html, Some(plain))
            .map_err(|e| e.to_string())
    }

    fn set_text(&mut self, text: &str) -> Result<(), String> {
        #[cfg(all(
            unix,
            not(any(target_os = "macos", target_os = "android", target_os = "emscripten"))
        ))]
        if std::env::var_os("DISPLAY").is_some() {
            return x11_clipboard::serve(text, None);
        }
        self.get()?.set_text(text).map_err(|e| e.to_string())
    }

    fn get_text(&mut self) -> Result<String, String> {
        self.get()?.get_text().map_err(|e| e.to_string())
    }

    fn get_image(&mut self) -> Result<Option<egui::ColorImage>, String> {
        match self.get()?.get_image() {
            Ok(image) => Ok(Some(egui::ColorImage::from_rgba_unmultiplied(
                [image.width, image.height],
                &image.bytes,
            ))),
            Err(arboard::Error::ContentNotAvailable) => Ok(None),
            Err(e) => Err(e.to_string()),
        }
    }
}

/// Opens pages in the default browser.
#[derive(Default)]
pub struct SystemLauncher;

impl Launcher for SystemLauncher {
    fn open_in_browser(&mut self, path: &Path) -> Result<(), String> {
        webbrowser::open(&path.to_string_lossy()).map_err(|e| e.to_string())
    }

    fn reveal(&mut self, folder: &Path) -> Result<(), String> {
        std::fs::create_dir_all(folder).map_err(|e| e.to_string())?;
        let opener = if cfg!(windows) {
            "explorer"
        } else if cfg!(target_os = "macos") {
            "open"
        } else {
            "xdg-open"
        };
        std::process::Command::new(opener)
            .arg(folder)
            .spawn()
            .map(|_| ())
            .map_err(|e| format!("{opener}: {e}"))
    }
}

/// Everything the app needs from the platform.
pub struct Platform {
    pub dialogs: Box<dyn FileDialogs>,
    pub clipboard: Box<dyn Clipboard>,
    pub launcher: Box<dyn Launcher>,
    /// Where recovery files go (`None`: no autosave).
    pub recovery_dir: Option<PathBuf>,
    /// Where settings and templates live (`None`: nothing is kept).
    pub config_dir: Option<PathBuf>,
}

impl Platform {
    pub fn native() -> Self {
        Self {
            dialogs: Box::<NativeDialogs>::default(),
            clipboard: Box::<SystemClipboard>::default(),
            launcher: Box::<SystemLauncher>::default(),
            recovery_dir: crate::paths::data_dir().map(|d| d.join("recovery")),
            config_dir: crate::paths::config_dir(),
        }
    }
}

pub mod testing {
    //! Scripted stand-ins for tests.

    use super::*;
    use std::cell::RefCell;
    use std::collections::VecDeque;
    use std::rc::Rc;

    /// Answers dialogs from a script; records what was asked.
    #[derive(Clone, Default)]
    pub struct ScriptedDialogs {
        pub answers: Rc<RefCell<VecDeque<DialogAnswer>>>,
        pub asked: Rc<RefCell<Vec<DialogRequest>>>,
        running: Option<DialogRequest>,
    }

    impl ScriptedDialogs {
        pub fn answer(&self, paths: Vec<PathBuf>) {
            self.answers
                .borrow_mut()
                .push_back(DialogAnswer::Chosen(paths));
        }

        /// The next dialog cannot be shown (as with no desktop portal).
        pub fn answer_unavailable(&self) {
            self.answers
                .borrow_mut()
                .push_back(DialogAnswer::Unavailable("no portal (scripted)".into()));
        }
    }

    impl FileDialogs for ScriptedDialogs {
        fn start(&mut self, request: DialogRequest) -> bool {
            if self.running.is_some() {
                return false;
            }
            self.asked.borrow_mut().push(request.clone());
            self.running = Some(request);
            true
        }

        fn poll(&mut self) -> Option<(DialogRequest, DialogAnswer)> {
            self.running.as_ref()?;
            let answer = self.answers.borrow_mut().pop_front()?;
            self.running.take().map(|r| (r, answer))
        }

        fn is_open(&self) -> bool {
            self.running.is_some()
        }
    }

    /// What was put on the clipboard.
    #[derive(Clone, Debug, Default, PartialEq, Eq)]
    pub struct Clip {
        pub html: Option<String>,
        pub text: String,
    }

    #[derive(Clone, Default)]
    pub struct MemoryClipboard {
        pub content: Rc<RefCell<Option<Clip>>>,
        /// A picture on the clipboard (as a screenshot tool leaves it).
        pub image: Rc<RefCell<Option<egui::ColorImage>>>,
        pub fail: bool,
    }

    impl Clipboard for MemoryClipboard {
        fn set_html(&mut self, html: &str, plain: &str) -> Result<(), String> {
            if self.fail {
                return Err("the clipboard is not available".into());
            }
            *self.content.borrow_mut() = Some(Clip {
                html: Some(html.into()),
                text: plain.into(),
            });
            Ok(())
        }

        fn set_text(&mut self, text: &str) -> Result<(), String> {
            if self.fail {
                return Err("the clipboard is not available".into());
            }
            *self.content.borrow_mut() = Some(Clip {
                html: None,
                text: text.into(),
            });
            Ok(())
        }

        fn get_text(&mut self) -> Result<String, String> {
            if self.fail {
                return Err("the clipboard is not available".into());
            }
            Ok(self
                .content
                .borrow()
                .as_ref()
                .map(|c| c.text.clone())
                .unwrap_or_default())
        }

        fn get_image(&mut self) -> Result<Option<egui::ColorImage>, String> {
            if self.fail {
                return Err("the clipboard is not available".into());
            }
            Ok(self.image.borrow().clone())
        }
    }

    #[derive(Clone, Default)]
    pub struct RecordingLauncher {
        pub opened: Rc<RefCell<Vec<PathBuf>>>,
    }

    impl Launcher for RecordingLauncher {
        fn open_in_browser(&mut self, path: &Path) -> Result<(), String> {
            self.opened.borrow_mut().push(path.to_path_buf());
            Ok(())
        }

        fn reveal(&mut self, folder: &Path) -> Result<(), String> {
            self.opened.borrow_mut().push(folder.to_path_buf());
            Ok(())
        }
    }
}
