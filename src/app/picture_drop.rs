//! Pictures dropped on the window: copied into the `images` folder beside
//! the article and put in as a figure after the paragraph at the cursor,
//! its alt text selected to be written.

use std::path::Path;

use super::{CopydeskApp, editor};
use crate::{editing, picture_store};

/// What counts as a picture when dropped (anything else is opened).
const EXTENSIONS: [&str; 6] = ["png", "jpg", "jpeg", "gif", "webp", "svg"];

pub fn is_picture(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

impl CopydeskApp {
    /// Copies `picture` beside the active article and inserts its figure.
    pub(super) fn insert_dropped_picture(&mut self, ctx: &egui::Context, picture: &Path, now: f64) {
        let Some(doc) = self.workspace.docs.get_mut(self.workspace.active) else {
            return;
        };
        let Some(article) = doc.path.clone() else {
            self.report_error(
                "Save the article first: a dropped picture is copied into the images folder beside it.",
                now,
            );
            return;
        };
        match picture_store::add_file(&article, &self.workspace.settings.picture_folder, picture) {
            Ok(src) => {
                let at = editor::selection(ctx, doc).end;
                let edit = editing::insert_figure_of(&doc.article.body, at, &src);
                editor::replace_body(ctx, doc, edit);
                self.notify(
                    format!("Copied the picture to {src}: write its alt text, caption and credit"),
                    now,
                );
            }
            Err(e) => self.report_error(
                format!("Could not copy the picture {}: {e}", picture.display()),
                now,
            ),
        }
    }
}
