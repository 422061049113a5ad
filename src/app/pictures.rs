//! Pictures in the preview and the metadata panel: the image itself, scaled
//! to the column. egui's loaders (`egui_extras`) read the file on a thread
//! (`web_pictures` downloads `http(s)` ones) and decode it off the UI
//! thread, and keep the texture; this module picks
//! the address, checks the file (at most once a second: missing, too large,
//! changed on disk — then the old texture is forgotten) and draws a
//! placeholder that names the problem.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use egui::load::{LoadError, SizedTexture, TexturePoll};
use egui::{Color32, RichText, Stroke, Ui, Vec2};

use crate::export::images::local_path;

/// Files larger than this are not decoded (a 100-megapixel TIFF renamed
/// `.jpg` would take the UI's memory).
pub const MAX_BYTES: u64 = 40 * 1024 * 1024;

/// How often a local picture's file is looked at again.
const RECHECK_SECONDS: f64 = 1.0;

/// Installs egui's image loaders once per context.
pub fn install_loaders(ctx: &egui::Context) {
    let id = egui::Id::unique("copydesk-image-loaders");
    if !ctx.data(|d| d.get_temp::<bool>(id).unwrap_or(false)) {
        egui_extras::install_image_loaders(ctx);
        ctx.add_bytes_loader(std::sync::Arc::new(
            super::web_pictures::WebLoader::default(),
        ));
        ctx.data_mut(|d| d.insert_temp(id, true));
    }
}

/// What the preview shows for an image address.
#[derive(Clone, Debug, PartialEq)]
pub enum Shown {
    /// The picture, at this size.
    Picture(Vec2),
    /// Still being read or decoded.
    Loading,
    /// A placeholder saying why not.
    Problem(String),
}

/// The file's state when last looked at.
#[derive(Clone, Debug)]
struct Checked {
    at: f64,
    modified: Option<SystemTime>,
    problem: Option<String>,
}

/// The loader's address for a picture, or the problem with it.
fn address(ui: &Ui, src: &str, base_dir: Option<&Path>) -> Result<String, String> {
    let src = src.trim();
    if crate::web_picture::is_web(src) {
        // Fetched by `web_pictures::WebLoader`.
        return Ok(src.to_string());
    }
    let base = base_dir.map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let Some(path) = local_path(src, &base) else {
        return Err("Not an image address".into());
    };
    let path = std::path::absolute(&path).unwrap_or(path);
    let uri = format!("file://{}", path.display());
    check(ui, &uri, &path).map(|()| uri)
}

/// Looks at the file behind `uri` (at most once a second): missing or too
/// large is a problem; a change on disk drops the decoded picture.
fn check(ui: &Ui, uri: &str, path: &Path) -> Result<(), String> {
    let now = ui.input(|i| i.time);
    let id = egui::Id::unique(("copydesk-picture-file", uri));
    let last: Option<Checked> = ui.data(|d| d.get_temp(id));
    if let Some(last) = &last
        && now - last.at < RECHECK_SECONDS
    {
        return last.problem.clone().map_or(Ok(()), Err);
    }
    let (modified, problem) = match std::fs::metadata(path) {
        Ok(meta) if !meta.is_file() => (None, Some("Not an image (a folder)".to_string())),
        Ok(meta) if meta.len() > MAX_BYTES => (
            None,
            Some(format!(
                "Image too large ({:.0} MB; pictures up to {} MB are shown)",
                meta.len() as f64 / 1048576.0,
                MAX_BYTES / 1048576
            )),
        ),
        Ok(meta) => (meta.modified().ok(), None),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            (None, Some("Image not found".into()))
        }
        Err(e) => (None, Some(e.to_string())),
    };
    if let Some(last) = &last
        && last.modified != modified
    {
        ui.ctx().forget_image(uri);
    }
    ui.data_mut(|d| {
        d.insert_temp(
            id,
            Checked {
                at: now,
                modified,
                problem: problem.clone(),
            },
        )
    });
    // Look again later even if nothing else repaints.
    ui.ctx()
        .request_repaint_after(std::time::Duration::from_secs_f64(RECHECK_SECONDS));
    problem.map_or(Ok(()), Err)
}

/// Draws the picture `src` at `width` (its height keeps the proportions),
/// or a placeholder naming the problem. Returns what was drawn.
pub fn picture(ui: &mut Ui, src: &str, alt: &str, base_dir: Option<&Path>, width: f32) -> Shown {
    let shown = match address(ui, src, base_dir) {
        Err(problem) => Shown::Problem(problem),
        Ok(uri) => match egui::Image::new(uri.as_str()).load_for_size(ui.ctx(), Vec2::splat(width))
        {
            Ok(TexturePoll::Ready { texture }) => {
                let size = fit(texture.size, width);
                ui.add(
                    egui::Image::from_texture(SizedTexture::new(texture.id, size))
                        .fit_to_exact_size(size)
                        .alt_text(alt),
                );
                Shown::Picture(size)
            }
            Ok(TexturePoll::Pending { .. }) => Shown::Loading,
            // A download's failure is said as the web loader put it; the
            // image loader's (a page that is not a picture) as below.
            Err(e) => Shown::Problem(match ui.ctx().try_load_bytes(&uri) {
                Err(LoadError::Loading(problem)) if crate::web_picture::is_web(&uri) => problem,
                _ => describe(&e),
            }),
        },
    };
    match &shown {
        Shown::Picture(_) => {}
        Shown::Loading => {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(format!("Loading {}", src.trim()));
            });
        }
        Shown::Problem(problem) => placeholder(ui, src, problem, width),
    }
    shown
}

/// `size` scaled to `width`, proportions kept.
fn fit(size: Vec2, width: f32) -> Vec2 {
    if size.x <= 0.0 {
        return Vec2::new(width, 0.0);
    }
    Vec2::new(width, (width * size.y / size.x).round())
}

/// A loader's error in the editor's words.
fn describe(error: &LoadError) -> String {
    match error {
        LoadError::NotSupported
        | LoadError::FormatNotSupported { .. }
        | LoadError::NoMatchingImageLoader { .. }
        | LoadError::NoMatchingBytesLoader => {
            "Not an image Copydesk can show (PNG, JPEG, GIF, WebP)".into()
        }
        LoadError::Loading(message) if message.contains("No such file") => "Image not found".into(),
        LoadError::Loading(_) => "Not an image (the file could not be decoded)".into(),
        other => other.to_string(),
    }
}

fn placeholder(ui: &mut Ui, src: &str, problem: &str, width: f32) {
    egui::Frame::new()
        .stroke(Stroke::new(1.0, Color32::from_gray(150)))
        .inner_margin(12.0)
        .show(ui, |ui| {
            ui.set_width(width - 26.0);
            ui.vertical_centered(|ui| {
                ui.label(RichText::new(problem).color(ui.visuals().warn_fg_color));
                ui.label(RichText::new(src.trim()).small().weak());
            });
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pictures_keep_their_proportions_at_the_column_width() {
        assert_eq!(fit(Vec2::new(800.0, 600.0), 400.0), Vec2::new(400.0, 300.0));
        assert_eq!(fit(Vec2::new(40.0, 20.0), 600.0), Vec2::new(600.0, 300.0));
        assert_eq!(fit(Vec2::ZERO, 600.0), Vec2::new(600.0, 0.0));
    }

    #[test]
    fn loader_errors_read_as_the_editor_s_problem() {
        assert!(describe(&LoadError::NotSupported).starts_with("Not an image"));
        assert_eq!(
            describe(&LoadError::Loading("No such file or directory".into())),
            "Image not found"
        );
        assert!(
            describe(&LoadError::Loading("bad PNG signature".into())).starts_with("Not an image")
        );
    }
}
