//! The preview as published (issue #17): real faces for strong and
//! emphasised text in the preview and in the editor's highlighting.

use std::fs;
use std::path::PathBuf;

use copydesk::app::CopydeskApp;
use egui::epaint::{Shape, text::Galley};
use egui::{FontFamily, FontId};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

mod common;
use common::ui::{launch, pump, scripted_platform};

fn article(dir: &tempfile::TempDir, body: &str) -> PathBuf {
    let path = dir.path().join("story.md");
    fs::write(&path, format!("---\ntitle: A story\n---\n\n{body}")).unwrap();
    path
}

/// Every galley drawn in the last frame.
fn galleys(harness: &Harness<'_, CopydeskApp>) -> Vec<std::sync::Arc<Galley>> {
    fn walk(shape: &Shape, out: &mut Vec<std::sync::Arc<Galley>>) {
        match shape {
            Shape::Text(text) => out.push(text.galley.clone()),
            Shape::Vec(shapes) => shapes.iter().for_each(|s| walk(s, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for clipped in &harness.output().shapes {
        walk(&clipped.shape, &mut out);
    }
    out
}

/// The font a galley draws the first occurrence of `needle` with.
fn font_of(galley: &Galley, needle: &str) -> FontId {
    let at = galley.job.text.find(needle).expect("needle in galley");
    galley
        .job
        .sections
        .iter()
        .find(|s| s.byte_range.start.0 <= at && at < s.byte_range.end.0)
        .expect("a section covers it")
        .format
        .font_id
        .clone()
}

fn family(name: &str) -> FontFamily {
    FontFamily::Name(name.into())
}

#[test]
fn bold_and_italic_runs_use_their_own_faces_in_preview_and_editor() {
    let dir = tempfile::tempdir().unwrap();
    let path = article(&dir, "Plain, **very fast** and *quite new*.\n");
    let mut harness = launch(scripted_platform(), vec![path]);
    pump(&mut harness);
    let drawn = galleys(&harness);

    let preview = drawn
        .iter()
        .find(|g| g.job.text == "Plain, very fast and quite new.")
        .expect("the paragraph in the preview");
    let regular = font_of(preview, "Plain");
    assert_eq!(
        regular.family,
        family("serif"),
        "the preview's text is serif"
    );
    let bold = font_of(preview, "very fast");
    assert_eq!(bold.family, family("serif-bold"));
    assert_ne!(bold, regular);
    assert_eq!(font_of(preview, "quite new").family, family("serif-italic"));

    let editor = drawn
        .iter()
        .find(|g| g.job.text.contains("Plain, **very fast** and *quite new*."))
        .expect("the paragraph in the editor");
    assert_eq!(font_of(editor, "Plain").family, FontFamily::Proportional);
    assert_eq!(font_of(editor, "very fast").family, family("sans-bold"));
    assert_eq!(font_of(editor, "quite new").family, family("sans-italic"));
    assert_eq!(
        font_of(editor, "**").family,
        FontFamily::Proportional,
        "the markup stays regular"
    );

    // The faces are installed, so the bold run is drawn wider than the same
    // words in the regular face (egui would otherwise fall back silently).
    let width = |font: FontId| {
        harness.ctx.fonts_mut(|f| {
            f.layout_no_wrap("very fast".into(), font, egui::Color32::BLACK)
                .size()
                .x
        })
    };
    assert!(width(bold.clone()) > width(regular.clone()) * 1.03);
}

/// The rectangles of the pictures drawn in the last frame (rectangles
/// filled with a texture other than the font atlas), in drawing order.
fn pictures(harness: &Harness<'_, CopydeskApp>) -> Vec<egui::Rect> {
    fn walk(shape: &Shape, out: &mut Vec<egui::Rect>) {
        match shape {
            Shape::Rect(rect)
                if rect
                    .brush
                    .as_ref()
                    .is_some_and(|b| b.fill_texture_id != egui::TextureId::default()) =>
            {
                out.push(rect.rect)
            }
            Shape::Vec(shapes) => shapes.iter().for_each(|s| walk(s, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for clipped in &harness.output().shapes {
        walk(&clipped.shape, &mut out);
    }
    out
}

#[test]
fn local_pictures_show_scaled_to_the_column_and_a_missing_one_says_so() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("images")).unwrap();
    image::RgbImage::from_pixel(400, 200, image::Rgb([200, 30, 30]))
        .save(dir.path().join("images/wide.png"))
        .unwrap();
    image::RgbImage::from_pixel(300, 300, image::Rgb([30, 30, 200]))
        .save(dir.path().join("square.jpg"))
        .unwrap();
    let path = article(
        &dir,
        "![A wide one](images/wide.png)\nWide\n\n![A square one](square.jpg)\nSquare\n\n![Gone](images/gone.png)\nGone\n",
    );
    let mut harness = launch(scripted_platform(), vec![path]);
    // The loaders read and decode on their own threads.
    let mut drawn = Vec::new();
    for _ in 0..200 {
        harness.step();
        drawn = pictures(&harness);
        if drawn.len() == 2 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert_eq!(drawn.len(), 2, "both pictures drawn from their textures");
    let (wide, square) = (drawn[0], drawn[1]);
    assert!(wide.width() > 300.0, "scaled to the column: {wide:?}");
    assert!(
        (wide.width() - square.width()).abs() < 1.0,
        "{wide:?} {square:?}"
    );
    assert!(
        (wide.width() / wide.height() - 2.0).abs() < 0.02,
        "{wide:?}"
    );
    assert!(
        (square.width() / square.height() - 1.0).abs() < 0.02,
        "{square:?}"
    );
    assert!(
        harness.query_by_label("Image not found").is_some(),
        "the missing picture's placeholder names the problem"
    );
    assert!(harness.query_by_label("Loading images/wide.png").is_none());
}

#[test]
fn a_file_that_is_not_a_picture_says_so() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("fake.png"), "not a picture").unwrap();
    let path = article(&dir, "![Fake](fake.png)\n");
    let mut harness = launch(scripted_platform(), vec![path]);
    let mut found = false;
    for _ in 0..200 {
        harness.step();
        if harness.query_by_label_contains("Not an image").is_some() {
            found = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(found, "a placeholder says the file is not an image");
    assert!(pictures(&harness).is_empty());
}

#[test]
fn the_feature_image_shows_in_the_preview_and_as_a_thumbnail_in_the_metadata_panel() {
    let dir = tempfile::tempdir().unwrap();
    image::RgbImage::from_pixel(300, 150, image::Rgb([0, 120, 0]))
        .save(dir.path().join("feature.png"))
        .unwrap();
    let path = dir.path().join("story.md");
    fs::write(
        &path,
        "---\ntitle: A story\nimage: {src: feature.png, alt: Green}\n---\n\nText.\n",
    )
    .unwrap();
    let mut harness = launch(scripted_platform(), vec![path]);
    let mut drawn = Vec::new();
    for _ in 0..200 {
        harness.step();
        drawn = pictures(&harness);
        if drawn.len() == 2 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert_eq!(drawn.len(), 2, "{drawn:?}");
    let mut widths: Vec<f32> = drawn.iter().map(|r| r.width()).collect();
    widths.sort_by(f32::total_cmp);
    assert!(widths[0] <= 160.0, "the thumbnail: {drawn:?}");
    assert!(widths[1] > 300.0, "the preview's column: {drawn:?}");
}

#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &std::path::Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn a_dropped_picture_is_copied_beside_the_article_and_becomes_a_figure() {
    let dir = tempfile::tempdir().unwrap();
    let path = article(&dir, "First paragraph.\n\nSecond paragraph.\n");
    let elsewhere = tempfile::tempdir().unwrap();
    let photo = elsewhere.path().join("phone.png");
    image::RgbImage::from_pixel(80, 40, image::Rgb([10, 10, 10]))
        .save(&photo)
        .unwrap();
    let mut harness = launch(scripted_platform(), vec![path.clone()]);
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(photo.clone())));
    pump(&mut harness);

    let copied = dir.path().join("images/phone.png");
    assert_eq!(fs::read(&copied).unwrap(), fs::read(&photo).unwrap());
    let app = harness.state();
    assert_eq!(
        app.workspace.docs.len(),
        1,
        "the picture was not opened as a document"
    );
    let article = &app.active_doc().unwrap().article;
    assert!(
        article
            .body
            .contains("![Describe the image](images/phone.png)\nCaption\nCredit: "),
        "{}",
        article.body
    );
    let html = copydesk::export::html(article);
    assert!(html.contains("<img src=\"images/phone.png\""), "{html}");
}

/// A picture as a screenshot tool leaves it on the clipboard.
fn screenshot(width: usize, height: usize) -> egui::ColorImage {
    egui::ColorImage::filled([width, height], egui::Color32::from_rgb(20, 140, 60))
}

#[test]
fn a_pasted_picture_is_saved_as_png_and_becomes_one_undoable_figure() {
    let dir = tempfile::tempdir().unwrap();
    let path = article(&dir, "First paragraph.\n\nSecond paragraph.\n");
    let mut harness = launch(scripted_platform(), vec![path]);
    harness
        .get_by_role_and_label(egui::accesskit::Role::MultilineTextInput, "Body (Markdown)")
        .focus();
    pump(&mut harness);
    let before = harness.state().active_doc().unwrap().article.body.clone();
    // Ctrl+V with a picture and no text on the clipboard: the window sends
    // the picture.
    for width in [64, 48] {
        harness
            .input_mut()
            .events
            .push(egui::Event::PasteImage(std::sync::Arc::new(screenshot(
                width, 32,
            ))));
        pump(&mut harness);
    }
    let saved = dir.path().join("images/a-story-1.png");
    let png = image::open(&saved).expect("saved as a PNG").to_rgb8();
    assert_eq!(png.dimensions(), (64, 32));
    assert_eq!(png.get_pixel(5, 5).0, [20, 140, 60]);
    assert!(
        dir.path().join("images/a-story-2.png").exists(),
        "the second picture got the next number"
    );
    let body = harness.state().active_doc().unwrap().article.body.clone();
    assert!(
        body.contains("![Describe the image](images/a-story-1.png)\nCaption\nCredit: "),
        "{body}"
    );
    assert_eq!(body.matches("![Describe the image]").count(), 2, "{body}");

    // Each paste is one step of the editor's undo.
    for _ in 0..2 {
        harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
        pump(&mut harness);
    }
    assert_eq!(harness.state().active_doc().unwrap().article.body, before);
}

#[test]
fn paste_from_the_right_click_menu_takes_a_picture_too() {
    let dir = tempfile::tempdir().unwrap();
    let path = article(&dir, "Text.\n");
    let clipboard = copydesk::app::platform::testing::MemoryClipboard::default();
    *clipboard.image.borrow_mut() = Some(screenshot(10, 10));
    let mut platform = scripted_platform();
    platform.clipboard = Box::new(clipboard);
    let mut harness = launch(platform, vec![path]);
    harness
        .get_by_role_and_label(egui::accesskit::Role::MultilineTextInput, "Body (Markdown)")
        .click_secondary();
    pump(&mut harness);
    harness.get_by_label("Paste").click();
    pump(&mut harness);
    assert!(dir.path().join("images/a-story-1.png").exists());
    let body = harness.state().active_doc().unwrap().article.body.clone();
    assert!(body.contains("](images/a-story-1.png)"), "{body}");
}

/// Steps frames (for up to 3 s) until `done`: loaders work on their own
/// threads. Whether it came.
fn wait_for(
    harness: &mut Harness<'_, CopydeskApp>,
    done: impl Fn(&Harness<'_, CopydeskApp>) -> bool,
) -> bool {
    for _ in 0..300 {
        harness.step();
        if done(harness) {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    false
}

fn type_into(harness: &mut Harness<'_, CopydeskApp>, label: &str, text: &str) {
    let role = egui::accesskit::Role::TextInput;
    harness.get_by_role_and_label(role, label).focus();
    pump(harness);
    harness.get_by_role_and_label(role, label).type_text(text);
    pump(harness);
}

#[test]
fn insert_figure_copies_the_chosen_picture_and_inserts_it_filled_in_as_one_edit() {
    let dir = tempfile::tempdir().unwrap();
    let path = article(&dir, "First paragraph.\n\nSecond paragraph.\n");
    let elsewhere = tempfile::tempdir().unwrap();
    let photo = elsewhere.path().join("leica.png");
    image::RgbImage::from_pixel(120, 60, image::Rgb([90, 90, 200]))
        .save(&photo)
        .unwrap();
    let dialogs = copydesk::app::platform::testing::ScriptedDialogs::default();
    let mut platform = scripted_platform();
    platform.dialogs = Box::new(dialogs.clone());
    let mut harness = launch(platform, vec![path]);
    harness
        .get_by_role_and_label(egui::accesskit::Role::MultilineTextInput, "Body (Markdown)")
        .focus();
    pump(&mut harness);
    let before = harness.state().active_doc().unwrap().article.body.clone();

    // Ctrl+Shift+I opens the window; Insert waits for a picture.
    harness.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::I,
    );
    pump(&mut harness);
    assert!(harness.query_by_label("Choose a picture file.").is_some());
    assert!(
        harness
            .get_by_label("Insert Figure")
            .accesskit_node()
            .is_disabled()
    );

    dialogs.answer(vec![photo.clone()]);
    harness.get_by_label("Choose…").click();
    pump(&mut harness);
    assert_eq!(dialogs.asked.borrow()[0].title, "Choose a picture");
    // The picture's preview shows in the window once decoded.
    assert!(
        wait_for(&mut harness, |h| !pictures(h).is_empty()),
        "the chosen picture is previewed"
    );
    type_into(&mut harness, "Alt text", "A blue phone");
    type_into(&mut harness, "Caption", "The new phone");
    type_into(&mut harness, "Credit", "LetsGoDigital");
    harness.get_by_label("Insert Figure").click();
    pump(&mut harness);

    assert!(harness.query_by_label("Alt text").is_none(), "closed");
    assert_eq!(
        fs::read(dir.path().join("images/leica.png")).unwrap(),
        fs::read(&photo).unwrap()
    );
    let article = harness.state().active_doc().unwrap().article.clone();
    assert!(
        article
            .body
            .contains("![A blue phone](images/leica.png)\nThe new phone\nCredit: LetsGoDigital\n"),
        "{}",
        article.body
    );
    let html = copydesk::export::html(&article);
    assert!(html.contains("<img src=\"images/leica.png\""), "{html}");
    assert!(html.contains("LetsGoDigital"), "{html}");

    // One undoable edit.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    pump(&mut harness);
    assert_eq!(harness.state().active_doc().unwrap().article.body, before);
}

#[test]
fn insert_figure_warns_about_a_missing_file_and_one_that_is_not_a_picture() {
    let dir = tempfile::tempdir().unwrap();
    let path = article(&dir, "Text.\n");
    fs::write(dir.path().join("notes.png"), "just words").unwrap();
    let mut harness = launch(scripted_platform(), vec![path]);
    // From the menu bar's Insert menu.
    harness.get_by_label("Insert").click();
    pump(&mut harness);
    harness.get_by_label_contains("Figure…").click();
    pump(&mut harness);
    let gone = dir.path().join("gone.png").display().to_string();
    type_into(&mut harness, "Picture file", &gone);
    assert!(
        harness
            .query_by_label(&format!("There is no file at {gone}."))
            .is_some()
    );
    assert!(
        harness
            .get_by_label("Insert Figure")
            .accesskit_node()
            .is_disabled()
    );
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "Picture file")
        .focus();
    // Focused first, or Select All may go to the body and the path be
    // typed after the old one.
    pump(&mut harness);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    pump(&mut harness);
    let notes = dir.path().join("notes.png").display().to_string();
    type_into(&mut harness, "Picture file", &notes);
    assert!(
        harness
            .query_by_label_contains("is not a picture")
            .is_some()
    );
    assert!(
        harness
            .get_by_label("Insert Figure")
            .accesskit_node()
            .is_disabled()
    );
    let body = harness.state().active_doc().unwrap().article.body.clone();
    assert_eq!(body, "Text.\n", "nothing inserted");

    // A relative path is read from the article's folder, as figures are.
    image::RgbImage::new(4, 4)
        .save(dir.path().join("beside.png"))
        .unwrap();
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "Picture file")
        .focus();
    // Focused first, or Select All may go to the body and the path be
    // typed after the old one.
    pump(&mut harness);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    pump(&mut harness);
    type_into(&mut harness, "Picture file", "beside.png");
    // Decoded on the loader's thread, the picture pushes the buttons down:
    // a click before it lands where the button was.
    assert!(
        wait_for(&mut harness, |h| !pictures(h).is_empty()),
        "the picture beside the article is previewed"
    );
    harness.get_by_label("Insert Figure").click();
    pump(&mut harness);
    assert!(dir.path().join("images/beside.png").exists());
}

/// Puts the body's caret at byte `at` of the active article's body.
fn put_caret(harness: &mut Harness<'_, CopydeskApp>, at: usize) {
    let doc = harness.state().active_doc().unwrap();
    let chars = doc.article.body[..at].chars().count();
    let body_id = copydesk::app::editor_body_id(doc.id);
    let mut state = egui::text_edit::TextEditState::load(&harness.ctx, body_id).unwrap_or_default();
    let caret = egui::text::CCursor::new(chars);
    state
        .cursor
        .set_char_range(Some(egui::text::CCursorRange::one(caret)));
    state.store(&harness.ctx, body_id);
}

/// A tiny web server on this machine: `/phone.png` is a 200 × 100 PNG,
/// anything else is 404. Serves until the test ends.
fn picture_server() -> String {
    use std::io::{Read as _, Write as _};
    let mut png = std::io::Cursor::new(Vec::new());
    image::RgbImage::from_pixel(200, 100, image::Rgb([240, 120, 0]))
        .write_to(&mut png, image::ImageFormat::Png)
        .unwrap();
    let png = png.into_inner();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut request = [0u8; 4096];
            let n = stream.read(&mut request).unwrap_or(0);
            let request = String::from_utf8_lossy(&request[..n]);
            let (status, mime, body): (&str, &str, &[u8]) =
                if request.starts_with("GET /phone.png ") {
                    ("200 OK", "image/png", &png)
                } else {
                    ("404 Not Found", "text/plain", b"no")
                };
            let head = format!(
                "HTTP/1.1 {status}\r\nContent-Type: {mime}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(body);
        }
    });
    format!("http://127.0.0.1:{port}")
}

#[test]
fn web_pictures_are_fetched_off_the_ui_thread_and_a_failure_is_named() {
    let server = picture_server();
    let dir = tempfile::tempdir().unwrap();
    let path = article(
        &dir,
        &format!(
            "![Remote]({server}/phone.png)\nFrom the web\n\n![Gone]({server}/gone.png)\nGone\n"
        ),
    );
    let mut harness = launch(scripted_platform(), vec![path]);
    let mut drawn = Vec::new();
    let mut named = false;
    for _ in 0..300 {
        harness.step();
        drawn = pictures(&harness);
        named = harness
            .query_by_label_contains("Web picture not found")
            .is_some();
        if drawn.len() == 1 && named {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert_eq!(drawn.len(), 1, "the web picture drawn from its texture");
    let remote = drawn[0];
    assert!(remote.width() > 300.0, "scaled to the column: {remote:?}");
    assert!(
        (remote.width() / remote.height() - 2.0).abs() < 0.02,
        "{remote:?}"
    );
    assert!(
        named,
        "the missing web picture's placeholder names the problem"
    );
}

#[test]
fn insert_figure_takes_a_web_address_as_it_is_and_suggests_known_credits() {
    let server = picture_server();
    let dir = tempfile::tempdir().unwrap();
    let path = article(&dir, "Text.\n");
    let mut harness = launch(scripted_platform(), vec![path]);
    harness.state_mut().workspace.library.credits = ["LetsGoDigital", "Reuters"]
        .map(|name| copydesk::templates::KnownCredit {
            name: name.into(),
            ..Default::default()
        })
        .to_vec();
    harness
        .state_mut()
        .run_command(Some(copydesk::app::Command::InsertFigure));
    pump(&mut harness);
    let url = format!("{server}/phone.png");
    type_into(&mut harness, "Picture file", &url);
    assert!(
        wait_for(&mut harness, |h| !pictures(h).is_empty()),
        "the web picture is previewed in the window"
    );
    type_into(&mut harness, "Alt text", "A phone");
    type_into(&mut harness, "Credit", "lets");
    harness.get_by_label("LetsGoDigital").click();
    pump(&mut harness);
    harness.get_by_label("Insert Figure").click();
    pump(&mut harness);
    let body = harness.state().active_doc().unwrap().article.body.clone();
    assert!(
        body.contains(&format!("![A phone]({url})\nCredit: LetsGoDigital\n")),
        "{body}"
    );
    assert!(!dir.path().join("images").exists(), "nothing copied");
}

#[test]
fn the_figure_window_opened_on_a_figure_edits_it_changing_only_what_was_changed() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("images")).unwrap();
    image::RgbImage::new(8, 4)
        .save(dir.path().join("images/p.png"))
        .unwrap();
    let body = "Intro.\n\n![A phone](images/p.png)\nThe [Leica](https://l.example) phone\nPhoto: Ana\n\nAfter.\n";
    let path = article(&dir, body);
    let mut harness = launch(scripted_platform(), vec![path]);
    harness
        .get_by_role_and_label(egui::accesskit::Role::MultilineTextInput, "Body (Markdown)")
        .focus();
    pump(&mut harness);
    // The caret on the figure's caption.
    put_caret(&mut harness, body.find("Leica").unwrap());
    harness.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::I,
    );
    pump(&mut harness);
    let field = |h: &Harness<'_, CopydeskApp>, label: &str| {
        h.get_by_role_and_label(egui::accesskit::Role::TextInput, label)
            .value()
            .unwrap_or_default()
    };
    assert_eq!(field(&harness, "Picture file"), "images/p.png");
    assert_eq!(field(&harness, "Alt text"), "A phone");
    assert_eq!(field(&harness, "Caption"), "The Leica phone");
    assert_eq!(field(&harness, "Credit"), "Ana");
    assert!(
        wait_for(&mut harness, |h| !pictures(h).is_empty()),
        "the figure's picture is previewed"
    );

    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "Credit")
        .focus();
    pump(&mut harness);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    pump(&mut harness);
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "Credit")
        .type_text("Bo Berg");
    pump(&mut harness);
    harness.get_by_label("Update Figure").click();
    pump(&mut harness);
    let after = harness.state().active_doc().unwrap().article.body.clone();
    // The caption's link and the picture line are kept; nothing is copied.
    assert_eq!(after, body.replace("Photo: Ana", "Credit: Bo Berg"));
    let copies = fs::read_dir(dir.path().join("images")).unwrap().count();
    assert_eq!(copies, 1, "the figure's own picture is not copied again");
    assert!(harness.query_by_label("Update Figure").is_none(), "closed");
}

/// An imported draft's figure has no picture yet: its words can still be
/// mended in the window, before it has one and before the draft is saved.
#[test]
fn a_figure_without_its_picture_yet_is_edited_in_an_unsaved_draft() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("draft.txt");
    fs::write(
        &draft,
        "A title\n\nFirst paragraph of the draft, long enough to be one.\n\nXiaomi Leica Credits: LetsGoDigital\n\nSecond paragraph of the draft, long enough too.\n",
    )
    .unwrap();
    let mut harness = launch(scripted_platform(), vec![draft]);
    pump(&mut harness);
    let body = harness.state().active_doc().unwrap().article.body.clone();
    let at = body
        .find("Xiaomi Leica")
        .expect("the caption is in the body");
    harness
        .get_by_role_and_label(egui::accesskit::Role::MultilineTextInput, "Body (Markdown)")
        .focus();
    pump(&mut harness);
    put_caret(&mut harness, at);
    harness.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::I,
    );
    pump(&mut harness);
    type_into(&mut harness, "Alt text", "The two logos");
    harness.get_by_label("Update Figure").click();
    pump(&mut harness);
    let after = harness.state().active_doc().unwrap().article.body.clone();
    assert!(
        after.contains("![The two logos]()\nXiaomi Leica\n"),
        "{after}"
    );
    assert_eq!(after.len(), body.len() + "The two logos".len());
}
