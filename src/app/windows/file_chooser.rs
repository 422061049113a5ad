//! Copydesk's own file chooser, for where the system's cannot be shown (no
//! desktop portal, as on minimal Linux desktops and remote sessions): a
//! folder path, its folders and files, and a file name. It answers the same
//! requests as the system dialog, so Save, Save As, Open and Export always
//! work.

use std::path::{Path, PathBuf};

use egui::{RichText, TextEdit};

use crate::app::platform::DialogRequest;

#[derive(Default)]
pub struct FileChooser {
    open: Option<Chooser>,
    answer: Option<(DialogRequest, Vec<PathBuf>)>,
}

struct Chooser {
    request: DialogRequest,
    folder: String,
    name: String,
    /// The folder's entries: (name, is a folder), folders first.
    entries: Vec<(String, bool)>,
    listed: String,
    error: Option<String>,
}

impl FileChooser {
    pub fn open(&mut self, request: DialogRequest) {
        let folder = request
            .directory
            .clone()
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_else(|| PathBuf::from("."));
        let name = request.file_name.clone().unwrap_or_default();
        self.open = Some(Chooser {
            request,
            folder: folder.to_string_lossy().into_owned(),
            name,
            entries: Vec::new(),
            listed: String::new(),
            error: None,
        });
    }

    /// Cancels the chooser if it is open (Escape); whether it was.
    pub fn cancel(&mut self) -> bool {
        match self.open.take() {
            Some(chooser) => {
                self.answer = Some((chooser.request, Vec::new()));
                true
            }
            None => false,
        }
    }

    /// The request answered in the chooser and the paths chosen (empty:
    /// cancelled), once.
    pub fn take_answer(&mut self) -> Option<(DialogRequest, Vec<PathBuf>)> {
        self.answer.take()
    }

    /// The chooser's window while a request waits for it; the answer is
    /// kept for [`FileChooser::take_answer`].
    pub fn ui(&mut self, ctx: &egui::Context) {
        let Some(chooser) = &mut self.open else {
            return;
        };
        chooser.list();
        let mut done: Option<Vec<PathBuf>> = None;
        let mut window_open = true;
        egui::Window::new(chooser.request.title.clone())
            .id(egui::Id::unique("copydesk-file-chooser"))
            .collapsible(false)
            .resizable(true)
            .default_width(480.0)
            .open(&mut window_open)
            .show(ctx, |ui| {
                chooser.folder_row(ui);
                if let Some(error) = &chooser.error {
                    ui.colored_label(ui.visuals().error_fg_color, error);
                }
                done = chooser.entries_list(ui);
                ui.horizontal(|ui| {
                    let label = ui.label("File name");
                    ui.add(TextEdit::singleline(&mut chooser.name).desired_width(320.0))
                        .labelled_by(label.id);
                });
                done = chooser.buttons(ui).or(done.take());
            });
        if !window_open {
            done = Some(Vec::new());
        }
        if let Some(paths) = done
            && let Some(chooser) = self.open.take()
        {
            self.answer = Some((chooser.request, paths));
        }
    }
}

impl Chooser {
    /// The folder's path, and a button to go up.
    fn folder_row(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            let label = ui.label("Folder");
            ui.add(TextEdit::singleline(&mut self.folder).desired_width(320.0))
                .labelled_by(label.id);
            if ui.button("Up").on_hover_text("The folder above").clicked()
                && let Some(parent) = Path::new(&self.folder).parent()
            {
                self.folder = parent.to_string_lossy().into_owned();
            }
        });
    }

    /// The folder's entries: a click on a folder enters it, on a file picks
    /// its name; a double click on a file chooses it (returned).
    fn entries_list(&mut self, ui: &mut egui::Ui) -> Option<Vec<PathBuf>> {
        let mut done = None;
        egui::ScrollArea::vertical()
            .max_height(240.0)
            .show(ui, |ui| {
                let mut enter = None;
                for (name, is_dir) in &self.entries {
                    let text = if *is_dir {
                        format!("📁 {name}")
                    } else {
                        name.clone()
                    };
                    let button = ui.selectable_label(*name == self.name, text);
                    if button.clicked() {
                        if *is_dir {
                            enter = Some(name.clone());
                        } else {
                            self.name = name.clone();
                        }
                    }
                    if button.double_clicked() && !is_dir {
                        done = Some(vec![Path::new(&self.folder).join(name)]);
                    }
                }
                if let Some(name) = enter {
                    self.folder = Path::new(&self.folder)
                        .join(name)
                        .to_string_lossy()
                        .into_owned();
                }
            });
        done
    }

    /// Cancel (no paths) and Open or Save (the named file); returns the
    /// answer when one was clicked.
    fn buttons(&mut self, ui: &mut egui::Ui) -> Option<Vec<PathBuf>> {
        let mut done = None;
        ui.horizontal(|ui| {
            let action = if self.request.save {
                "Save File"
            } else {
                "Open File"
            };
            if ui.button("Cancel").clicked() {
                done = Some(Vec::new());
            }
            let ready = !self.name.trim().is_empty();
            if ui
                .add_enabled(ready, egui::Button::new(RichText::new(action).strong()))
                .clicked()
            {
                done = Some(vec![Path::new(&self.folder).join(self.name.trim())]);
            }
        });
        done
    }

    /// Lists the folder again when its path changed.
    fn list(&mut self) {
        if self.listed == self.folder {
            return;
        }
        self.listed = self.folder.clone();
        self.entries.clear();
        let extensions: Vec<String> = self
            .request
            .filters
            .iter()
            .flat_map(|(_, exts)| exts.iter().map(|e| e.to_lowercase()))
            .collect();
        match std::fs::read_dir(&self.folder) {
            Ok(read) => {
                self.error = None;
                for entry in read.flatten() {
                    let name = entry.file_name().to_string_lossy().into_owned();
                    if name.starts_with('.') {
                        continue;
                    }
                    let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
                    let wanted = is_dir
                        || extensions.is_empty()
                        || Path::new(&name).extension().is_some_and(|e| {
                            extensions.contains(&e.to_string_lossy().to_lowercase())
                        });
                    if wanted {
                        self.entries.push((name, is_dir));
                    }
                }
                self.entries.sort_by(|a, b| {
                    b.1.cmp(&a.1)
                        .then_with(|| a.0.to_lowercase().cmp(&b.0.to_lowercase()))
                });
            }
            Err(e) => self.error = Some(format!("Cannot read this folder: {e}")),
        }
    }
}
