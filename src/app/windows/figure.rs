//! Insert → Figure…: a picture file (typed, or chosen in the system's file
//! dialog), its preview, alt text, caption and credit. Insert copies the
//! picture into the article's picture folder and puts the figure in at the
//! caret as one undoable edit (the same path as a drop or a paste).
//! Opened with the caret on a figure, it edits that figure: Update Figure
//! rewrites only the lines whose part was changed.

use std::path::{Path, PathBuf};

use egui::{RichText, TextEdit};

use crate::app::CopydeskApp;
use crate::app::picture_insert::NewPicture;
use crate::app::platform::{DialogPurpose, DialogRequest};
use crate::editing::{self, FigureAt, FigureParts};
use crate::picture_store::{self, Why};

/// What the window holds while open.
#[derive(Clone, Debug, Default)]
pub struct FigureWindow {
    pub file: String,
    pub alt: String,
    pub caption: String,
    pub credit: String,
    /// The figure being edited, if the window was opened on one.
    pub editing: Option<FigureAt>,
}

/// How many bytes are read to tell a picture from another file.
const SNIFF: usize = 512;

/// What is wrong with `file` as a figure's picture, if anything.
pub fn picture_problem(file: &str) -> Option<String> {
    let file = file.trim();
    if file.is_empty() {
        return Some("Choose a picture file.".into());
    }
    if crate::web_picture::is_web(file) {
        // The preview below says whether it can be fetched.
        return None;
    }
    let path = Path::new(file);
    let mut head = Vec::with_capacity(SNIFF);
    let read = std::fs::File::open(path).and_then(|f| {
        use std::io::Read as _;
        f.take(SNIFF as u64).read_to_end(&mut head)
    });
    match read {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Some(format!("There is no file at {file}."));
        }
        Err(_) if path.is_dir() => return Some(format!("{file} is a folder, not a picture.")),
        Err(e) => return Some(format!("{file} cannot be read: {e}.")),
        Ok(_) => {}
    }
    let svg = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("svg"))
        && String::from_utf8_lossy(&head).contains("<svg");
    if svg || image::guess_format(&head).is_ok() {
        None
    } else {
        Some(format!(
            "{file} is not a picture (PNG, JPEG, GIF, WebP or SVG)."
        ))
    }
}

impl CopydeskApp {
    /// Opens the Figure window for the active article: on the figure at
    /// the caret if there is one, else for a new figure.
    pub fn open_figure_window(&mut self, ctx: &egui::Context) {
        let Some(doc) = self.active_doc() else {
            return;
        };
        let at = crate::app::editor::selection(ctx, doc).start;
        self.figure_window = Some(match editing::figure_at(&doc.article.body, at) {
            Some(figure) => FigureWindow {
                file: figure.parts.src.clone(),
                alt: figure.parts.alt.clone(),
                caption: figure.parts.caption.clone(),
                credit: figure.parts.credit.clone(),
                editing: Some(figure),
            },
            None => FigureWindow::default(),
        });
    }

    /// The picture chosen in the file dialog the window asked for.
    pub(crate) fn figure_picture_chosen(&mut self, paths: Vec<PathBuf>) {
        if let (Some(window), Some(path)) = (&mut self.figure_window, paths.into_iter().next()) {
            window.file = path.display().to_string();
        }
    }
}

/// Asks the platform's file dialog for a picture.
fn choose_picture(app: &mut CopydeskApp) {
    let directory = app
        .active_doc()
        .and_then(|d| d.path.as_deref())
        .map(crate::export::images::article_folder);
    app.platform.dialogs.start(DialogRequest {
        purpose: DialogPurpose::FigurePicture,
        title: "Choose a picture".into(),
        directory,
        file_name: None,
        filters: vec![(
            "Pictures".into(),
            ["png", "jpg", "jpeg", "gif", "webp", "svg"]
                .map(String::from)
                .to_vec(),
        )],
        save: false,
    });
}

/// A labelled one-line field; `warning`, if any, beside its label (so the
/// fields below do not move when it comes and goes).
fn field(ui: &mut egui::Ui, label: &str, value: &mut String, hint: &str, warning: Option<&str>) {
    let label = ui
        .horizontal(|ui| {
            let label = ui.label(label);
            if let Some(warning) = warning {
                ui.label(
                    RichText::new(warning)
                        .small()
                        .color(ui.visuals().warn_fg_color),
                );
            }
            label
        })
        .inner;
    ui.add(
        TextEdit::singleline(value)
            .hint_text(hint)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label.id);
}

pub fn figure_window(app: &mut CopydeskApp, ctx: &egui::Context) {
    let Some(mut state) = app.figure_window.take() else {
        return;
    };
    let now = ctx.input(|i| i.time);
    let article = app.active_doc().and_then(|d| d.path.clone());
    let mut open = true;
    let (mut insert, mut cancel, mut choose) = (false, false, false);
    // A relative path is read from the article's folder, as figures are.
    let base = article
        .as_deref()
        .map(crate::export::images::article_folder);
    let path = match &base {
        // As the preview reads a figure's address (`/images/…` from the
        // site's served folder, `%20` a space).
        Some(base) => crate::export::images::local_path(&state.file, base)
            .unwrap_or_else(|| base.join(state.file.trim())),
        None => PathBuf::from(state.file.trim()),
    };
    let web = crate::web_picture::is_web(&state.file);
    let own_picture = state
        .editing
        .as_ref()
        .is_some_and(|f| f.parts.src == state.file.trim());
    let problem = if web || state.file.trim().is_empty() {
        picture_problem(&state.file)
    } else {
        picture_problem(&path.to_string_lossy())
    };
    egui::Window::new("Figure")
        .id(egui::Id::unique("copydesk-figure"))
        .open(&mut open)
        .default_width(480.0)
        .collapsible(false)
        .show(ctx, |ui| {
            choose = picture_file(ui, &mut state, problem.as_deref(), base.as_deref());
            ui.add_space(4.0);
            let no_alt = state.alt.trim().is_empty();
            field(
                ui,
                "Alt text",
                &mut state.alt,
                "What the picture shows, for readers who cannot see it",
                no_alt.then_some("Without it, screen readers skip the picture"),
            );
            field(
                ui,
                "Caption",
                &mut state.caption,
                "Shown under the picture",
                None,
            );
            field(ui, "Credit", &mut state.credit, "Who took or owns it", None);
            credit_suggestions(ui, app, &mut state.credit);
            ui.add_space(4.0);
            if web {
                ui.label(
                    RichText::new("A web picture is put in by its address, not copied.").weak(),
                );
            } else {
                folder_line(ui, app, article.as_deref());
            }
            ui.separator();
            // A figure's own picture, left as it is, needs no copy: its words
            // can be mended before it has a picture, or before a draft is saved.
            let can = own_picture || problem.is_none() && (article.is_some() || web);
            (insert, cancel) = buttons(ui, can, article.is_none(), state.editing.is_some());
            if article.is_none() && !web && !own_picture {
                ui.label(
                    RichText::new("Save the article first: its pictures are kept beside it.")
                        .color(ui.visuals().warn_fg_color),
                );
            }
        });
    if choose {
        choose_picture(app);
    }
    if insert {
        // The figure's own picture, left as it was, is not copied again.
        let picture = if own_picture {
            None
        } else if web {
            Some(NewPicture::Web(&state.file))
        } else {
            Some(NewPicture::File(&path))
        };
        let parts = FigureParts {
            src: state.file.trim().to_string(),
            alt: state.alt.clone(),
            caption: state.caption.clone(),
            credit: state.credit.clone(),
        };
        let done = match &state.editing {
            Some(figure) => app.update_figure(ctx, figure, picture, parts, now),
            None => picture.is_some_and(|p| app.insert_picture(ctx, p, Some(parts), now)),
        };
        if done {
            return;
        }
    }
    if open && !cancel {
        app.figure_window = Some(state);
    }
}

/// The picture's file or address, with Choose…; then the picture itself,
/// or the problem with it. Whether Choose… was clicked.
fn picture_file(
    ui: &mut egui::Ui,
    state: &mut FigureWindow,
    problem: Option<&str>,
    base: Option<&std::path::Path>,
) -> bool {
    let label = ui.label("Picture file");
    let mut choose = false;
    ui.horizontal(|ui| {
        choose = ui.button("Choose…").clicked();
        ui.add(
            TextEdit::singleline(&mut state.file)
                .hint_text("A PNG, JPEG, GIF, WebP or SVG file, or a web address")
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    });
    match problem {
        Some(problem) => {
            ui.label(RichText::new(problem).color(ui.visuals().warn_fg_color));
        }
        None => {
            let width = ui.available_width().min(320.0);
            crate::app::pictures::picture(ui, state.file.trim(), &state.alt, base, width);
        }
    }
    choose
}

/// Insert Figure (Update Figure when `editing`; enabled when `can`) and
/// Cancel: which was clicked.
fn buttons(ui: &mut egui::Ui, can: bool, unsaved: bool, editing: bool) -> (bool, bool) {
    ui.horizontal(|ui| {
        let label = if editing {
            "Update Figure"
        } else {
            "Insert Figure"
        };
        let insert = ui
            .add_enabled(can, egui::Button::new(label))
            .on_disabled_hover_text(if unsaved {
                "Save the article first: its pictures are kept beside it"
            } else {
                "Choose a picture first"
            })
            .clicked();
        (insert, ui.button("Cancel").clicked())
    })
    .inner
}

/// The credits library's names that hold what is typed, as buttons.
fn credit_suggestions(ui: &mut egui::Ui, app: &CopydeskApp, credit: &mut String) {
    let known = app.workspace.library.suggest_credits(credit, 6);
    if known.is_empty() {
        return;
    }
    let mut chosen = None;
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Known:").weak());
        for k in known {
            if ui.small_button(&k.name).clicked() {
                chosen = Some(k.name.clone());
            }
        }
    });
    if let Some(name) = chosen {
        *credit = name;
    }
}

/// Where the picture will be copied, and the setting for the folder
/// (used unless the site keeps its pictures elsewhere).
fn folder_line(ui: &mut egui::Ui, app: &mut CopydeskApp, article: Option<&Path>) {
    let setting = &mut app.workspace.settings.picture_folder;
    let Some(article) = article else {
        return;
    };
    let folder = picture_store::folder_for(article, setting);
    let place = match folder.why {
        Why::PageBundle => "beside the article (a page bundle)".to_string(),
        Why::SiteStatic => format!(
            "into the site's {} (the address its pages use)",
            folder.prefix
        ),
        Why::Configured => format!("into {}/ beside the article", folder.prefix),
    };
    ui.label(RichText::new(format!("The picture is copied {place}.")).weak());
    ui.horizontal(|ui| {
        let label = ui.label("Picture folder");
        ui.add(
            TextEdit::singleline(setting)
                .hint_text(picture_store::DEFAULT_FOLDER)
                .desired_width(160.0),
        )
        .labelled_by(label.id)
        .on_hover_text("The folder beside each article that its pictures go into");
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_says_what_is_wrong_with_the_file() {
        let dir = tempfile::tempdir().unwrap();
        assert!(picture_problem(" ").unwrap().starts_with("Choose"));
        let gone = dir.path().join("gone.png");
        assert!(
            picture_problem(&gone.display().to_string())
                .unwrap()
                .starts_with("There is no file")
        );
        let text = dir.path().join("notes.png");
        std::fs::write(&text, "just words").unwrap();
        assert!(
            picture_problem(&text.display().to_string())
                .unwrap()
                .contains("is not a picture")
        );
        let png = dir.path().join("ok.png");
        image::RgbImage::new(2, 2).save(&png).unwrap();
        assert_eq!(picture_problem(&png.display().to_string()), None);
        let svg = dir.path().join("logo.svg");
        std::fs::write(&svg, "<?xml version=\"1.0\"?><svg xmlns=\"…\"/>").unwrap();
        assert_eq!(picture_problem(&svg.display().to_string()), None);
        assert!(
            picture_problem(&dir.path().display().to_string())
                .unwrap()
                .contains("folder")
        );
    }
}
