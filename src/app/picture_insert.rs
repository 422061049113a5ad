//! Pictures put into the article — dropped on the window, pasted from the
//! clipboard, or chosen in the Insert Figure window — all by one path:
//! stored in the article's picture folder (see [`crate::picture_store`]),
//! then a figure inserted after the paragraph at the caret as one undoable
//! edit.

use std::path::Path;

use super::{CopydeskApp, editor};
use crate::editing::{self, FigureParts};
use crate::picture_store;

/// What counts as a picture when dropped (anything else is opened).
const EXTENSIONS: [&str; 6] = ["png", "jpg", "jpeg", "gif", "webp", "svg"];

pub fn is_picture(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// A picture to put into the article.
pub(super) enum NewPicture<'a> {
    /// A file (dropped, or chosen in the Figure window): copied.
    File(&'a Path),
    /// Pixels from the clipboard: saved as PNG.
    Pasted(&'a egui::ColorImage),
    /// A web address (the Figure window): put in as it is.
    Web(&'a str),
}

/// The picture as PNG bytes (pixels are kept premultiplied by egui; a
/// PNG's are not).
pub fn png_of(image: &egui::ColorImage) -> Result<Vec<u8>, String> {
    let [w, h] = image.size;
    let rgba: Vec<u8> = image
        .pixels
        .iter()
        .flat_map(|p| p.to_srgba_unmultiplied())
        .collect();
    let buffer = image::RgbaImage::from_raw(w as u32, h as u32, rgba)
        .ok_or("the pasted picture's size does not match its pixels")?;
    let mut png = std::io::Cursor::new(Vec::new());
    buffer
        .write_to(&mut png, image::ImageFormat::Png)
        .map_err(|e| e.to_string())?;
    Ok(png.into_inner())
}

impl CopydeskApp {
    /// Stores `picture` in the active article's picture folder and inserts
    /// its figure: filled from `parts` (the Figure window; its `src` is
    /// replaced by the stored picture's), else a template with the alt
    /// text selected to be written. Whether it was inserted.
    pub(super) fn insert_picture(
        &mut self,
        ctx: &egui::Context,
        picture: NewPicture<'_>,
        parts: Option<FigureParts>,
        now: f64,
    ) -> bool {
        let folder_setting = self.workspace.settings.picture_folder.clone();
        let Some(doc) = self.workspace.docs.get_mut(self.workspace.active) else {
            return false;
        };
        let src = match store(doc, &folder_setting, picture) {
            Ok(src) => src,
            Err(e) => {
                self.report_error(e, now);
                return false;
            }
        };
        let at = editor::selection(ctx, doc).end;
        let filled = parts.is_some();
        let edit = match parts {
            Some(parts) => editing::insert_figure_filled(
                &doc.article.body,
                at,
                &FigureParts {
                    src: src.clone(),
                    ..parts
                },
            ),
            None => editing::insert_figure_of(&doc.article.body, at, &src),
        };
        editor::replace_body(ctx, doc, edit);
        self.focus_body = true;
        self.notify(
            if filled {
                format!("Inserted the figure of {src}")
            } else {
                format!("Saved the picture as {src}: write its alt text, caption and credit")
            },
            now,
        );
        true
    }

    /// Rewrites the figure the Figure window was opened on with `parts`,
    /// storing `picture` first if a new one was chosen (its address then
    /// replaces `parts.src`). One undoable edit; only changed lines change.
    pub(super) fn update_figure(
        &mut self,
        ctx: &egui::Context,
        figure: &editing::FigureAt,
        picture: Option<NewPicture<'_>>,
        mut parts: FigureParts,
        now: f64,
    ) -> bool {
        let folder_setting = self.workspace.settings.picture_folder.clone();
        let Some(doc) = self.workspace.docs.get_mut(self.workspace.active) else {
            return false;
        };
        if let Some(picture) = picture {
            match store(doc, &folder_setting, picture) {
                Ok(src) => parts.src = src,
                Err(e) => {
                    self.report_error(e, now);
                    return false;
                }
            }
        }
        // The body may have changed under the window: the figure must
        // still be where it was, as it was.
        let here = editing::figure_at(&doc.article.body, figure.range.start);
        if here.as_ref() != Some(figure) {
            self.report_error(
                "The figure changed while its window was open: open the window on it again",
                now,
            );
            return false;
        }
        let edit = editing::update_figure(&doc.article.body, figure, &parts);
        editor::replace_body(ctx, doc, edit);
        self.focus_body = true;
        self.notify("Updated the figure", now);
        true
    }

    /// Pictures pasted with Ctrl+V (the window sends them when the
    /// clipboard holds a picture and no text) go into the article when its
    /// text has the keyboard, or nothing does.
    pub(super) fn take_pasted_pictures(&mut self, ctx: &egui::Context, now: f64) {
        let pasted: Vec<std::sync::Arc<egui::ColorImage>> = ctx.input(|i| {
            i.events
                .iter()
                .filter_map(|e| match e {
                    egui::Event::PasteImage(image) => Some(image.clone()),
                    _ => None,
                })
                .collect()
        });
        if pasted.is_empty() {
            return;
        }
        let Some(doc) = self.active_doc() else {
            return;
        };
        let body = editor::body_id(doc.id);
        if ctx.memory(|m| m.focused().is_some_and(|f| f != body)) {
            self.notify(
                "Click in the article's text to paste a picture into it",
                now,
            );
            return;
        }
        for image in pasted {
            self.insert_picture(ctx, NewPicture::Pasted(&image), None, now);
        }
    }
}

/// Copies or saves `picture` into the picture folder of the article
/// (a web address stays as it is); the figure's address, or the problem in
/// the editor's words.
fn store(
    doc: &crate::app::Document,
    folder_setting: &str,
    picture: NewPicture<'_>,
) -> Result<String, String> {
    let saved = || {
        doc.path.as_deref().ok_or_else(|| {
            "Save the article first: its pictures are kept in a folder beside it.".to_string()
        })
    };
    match picture {
        NewPicture::Web(url) => Ok(url.trim().to_string()),
        NewPicture::File(path) => picture_store::add_file(saved()?, folder_setting, path)
            .map_err(|e| format!("Could not copy the picture {}: {e}", path.display())),
        NewPicture::Pasted(image) => {
            let article = saved()?;
            let slug = doc.article.meta.effective_slug();
            let slug = if slug.is_empty() {
                file_stem(article)
            } else {
                slug
            };
            png_of(image)
                .and_then(|png| {
                    picture_store::add_pasted(article, folder_setting, &slug, &png)
                        .map_err(|e| e.to_string())
                })
                .map_err(|e| format!("Could not save the pasted picture: {e}"))
        }
    }
}

fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pasted_picture_becomes_a_png_of_its_pixels() {
        let mut image = egui::ColorImage::filled([3, 2], egui::Color32::from_rgb(200, 10, 20));
        image.pixels[0] = egui::Color32::from_rgba_unmultiplied(0, 0, 255, 128);
        let png = png_of(&image).unwrap();
        let back = image::load_from_memory(&png).unwrap().to_rgba8();
        assert_eq!(back.dimensions(), (3, 2));
        assert_eq!(back.get_pixel(1, 1).0, [200, 10, 20, 255]);
        let first = back.get_pixel(0, 0).0;
        assert_eq!((first[2], first[3]), (255, 128), "unmultiplied: {first:?}");
    }
}
