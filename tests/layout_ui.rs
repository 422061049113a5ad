//! A layout that holds (issue #16): in a small window and at a large zoom
//! the body editor keeps room to write and every toolbar action stays
//! reachable, through the toolbar's overflow menu if need be.

use std::path::PathBuf;

use copydesk::app::{CopydeskApp, Settings, ViewMode};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{By, NodeT as _, Queryable as _};

mod common;
use common::ui::{launch_sized, pump, scripted_platform};

/// The narrowest the body editor may get, in points.
const BODY_MIN: f32 = 320.0;

/// Every action on the toolbar (src/app/menu.rs), by its button's text.
const TOOLBAR: [&str; 14] = [
    "New",
    "Open",
    "Save",
    "Bold",
    "Italic",
    "Link",
    "Heading 2",
    "Figure",
    "Copy for CMS",
    "Export HTML",
    "Preview in browser",
    "Editor",
    "Both",
    "Preview",
];

const LONG_HEADING: &str = "What the company said about the camera module, the sensor, the \
     colour calibration and the price of the new phone in Europe and in India";

/// An article whose outline has a very long heading.
fn long_heading_article(dir: &tempfile::TempDir) -> PathBuf {
    let path = dir.path().join("long-heading.md");
    let text = format!(
        "---\ntitle: A phone with a long heading\nlang: en\n---\n\n\
         The first paragraph of the article, long enough to wrap in a narrow editor.\n\n\
         ## {LONG_HEADING}\n\nMore text.\n\n## Price\n\nIt costs money.\n"
    );
    std::fs::write(&path, text).unwrap();
    path
}

fn settings_with_outline(zoom: f32) -> Settings {
    Settings {
        show_outline: true,
        show_metadata: true,
        view: ViewMode::SideBySide,
        zoom,
        ..Settings::default()
    }
}

fn body_rect(harness: &Harness<'_, CopydeskApp>) -> egui::Rect {
    harness
        .get_by_role_and_label(Role::MultilineTextInput, "Body (Markdown)")
        .rect()
}

fn screen(harness: &Harness<'_, CopydeskApp>) -> egui::Rect {
    harness.ctx.content_rect()
}

/// Whether a button with `label` is shown wholly inside the window.
fn visible_button(harness: &Harness<'_, CopydeskApp>, label: &str) -> bool {
    let screen = screen(harness).expand(0.5);
    harness
        .query_all_by_role_and_label(Role::Button, label)
        .any(|b| screen.contains_rect(b.rect()))
}

/// Every toolbar action can be reached: on the toolbar, or in its "More"
/// menu once that is opened.
fn assert_toolbar_reachable(harness: &mut Harness<'_, CopydeskApp>) {
    let hidden: Vec<&str> = TOOLBAR
        .iter()
        .copied()
        .filter(|label| !visible_button(harness, label))
        .collect();
    if hidden.is_empty() {
        return;
    }
    assert!(
        visible_button(harness, "More »"),
        "{hidden:?} are cut off and there is no overflow menu"
    );
    harness
        .get_by_role_and_label(Role::Button, "More »")
        .click();
    pump(harness);
    let unreachable: Vec<&str> = hidden
        .into_iter()
        .filter(|label| !visible_button(harness, label))
        .collect();
    assert!(
        unreachable.is_empty(),
        "{unreachable:?} are neither on the toolbar nor in its overflow menu"
    );
}

fn assert_body_room(harness: &Harness<'_, CopydeskApp>, what: &str) {
    let body = body_rect(harness);
    let screen = screen(harness);
    eprintln!("{what}: window {screen:?}, body {body:?}");
    assert!(
        body.width() >= BODY_MIN,
        "{what}: the body editor is {:.0} points wide, less than {BODY_MIN}",
        body.width()
    );
    assert!(
        body.left() >= screen.left() - 0.5 && body.right() <= screen.right() + 0.5,
        "{what}: the body editor reaches outside the window"
    );
}

#[test]
fn small_window_keeps_the_body_wide_with_the_outline_open() {
    let dir = tempfile::tempdir().unwrap();
    let file = long_heading_article(&dir);
    let mut harness = launch_sized(
        scripted_platform(),
        vec![file],
        settings_with_outline(1.0),
        [700.0, 500.0],
        1.0,
    );
    assert_body_room(&harness, "700×500");
    pump(&mut harness);
    assert_body_room(&harness, "700×500, a few frames on");
}

#[test]
fn small_window_keeps_every_toolbar_action_reachable() {
    let mut harness = launch_sized(
        scripted_platform(),
        vec![],
        settings_with_outline(1.0),
        [700.0, 500.0],
        1.0,
    );
    assert_toolbar_reachable(&mut harness);
}

#[test]
fn zoom_150_keeps_the_body_wide_with_the_outline_open() {
    let dir = tempfile::tempdir().unwrap();
    let file = long_heading_article(&dir);
    let mut harness = launch_sized(
        scripted_platform(),
        vec![file],
        settings_with_outline(1.5),
        [1280.0, 800.0],
        1.0,
    );
    assert!(
        (harness.ctx.zoom_factor() - 1.5).abs() < 0.01,
        "the zoom was applied"
    );
    assert_body_room(&harness, "1280×800 at 150 %");
    pump(&mut harness);
    assert_body_room(&harness, "1280×800 at 150 %, a few frames on");
}

#[test]
fn zoom_150_keeps_every_toolbar_action_reachable() {
    for size in [[1280.0, 800.0], [700.0, 500.0]] {
        let mut harness = launch_sized(
            scripted_platform(),
            vec![],
            settings_with_outline(1.5),
            size,
            1.0,
        );
        eprintln!("{size:?} at 150 %");
        assert_toolbar_reachable(&mut harness);
    }
}

#[test]
fn editor_and_preview_keep_their_proportions_across_a_resize() {
    let dir = tempfile::tempdir().unwrap();
    let file = long_heading_article(&dir);
    let mut harness = launch_sized(
        scripted_platform(),
        vec![file],
        Settings::default(),
        [1400.0, 900.0],
        1.0,
    );
    let before = body_rect(&harness).width();
    harness.set_size(egui::vec2(700.0, 500.0));
    pump(&mut harness);
    harness.set_size(egui::vec2(1400.0, 900.0));
    pump(&mut harness);
    let after = body_rect(&harness).width();
    assert!(
        (after - before).abs() <= 2.0,
        "the body was {before:.0} points wide and is {after:.0} after a resize and back"
    );
}

#[test]
fn folded_metadata_and_outline_open_over_the_editor() {
    let dir = tempfile::tempdir().unwrap();
    let file = long_heading_article(&dir);
    let mut harness = launch_sized(
        scripted_platform(),
        vec![file],
        settings_with_outline(1.0),
        [700.0, 500.0],
        1.0,
    );
    assert!(
        harness
            .query_by_role_and_label(Role::TextInput, "Title")
            .is_none(),
        "no room for the metadata beside the editor at 700×500"
    );
    harness
        .get_by_role_and_label(Role::Button, "Metadata")
        .click();
    pump(&mut harness);
    let title = harness.get_by_role_and_label(Role::TextInput, "Title");
    assert_eq!(
        title.value().as_deref(),
        Some("A phone with a long heading")
    );
    assert!(screen(&harness).contains_rect(title.rect()));
    harness.get_by_role_and_label(Role::Button, "Close").click();
    pump(&mut harness);
    assert!(
        harness
            .query_by_role_and_label(Role::TextInput, "Title")
            .is_none()
    );
    harness
        .get_by_role_and_label(Role::Button, "Metadata")
        .click();
    pump(&mut harness);
    harness.key_press(egui::Key::Escape);
    pump(&mut harness);
    assert!(
        harness
            .query_by_role_and_label(Role::TextInput, "Title")
            .is_none(),
        "Escape puts the metadata away"
    );
    harness
        .get_by_role_and_label(Role::Button, "Outline")
        .click();
    pump(&mut harness);
    harness.get_by_role_and_label(Role::Button, "Price").click();
    pump(&mut harness);
    let doc = harness.state().active_doc().unwrap();
    let at = doc.article.body.find("## Price").unwrap();
    let id = doc.id;
    let cursor = harness
        .ctx
        .memory(|m| m.has_focus(copydesk::app::editor_body_id(id)));
    assert!(cursor, "the body has the focus after a heading was picked");
    assert!(
        harness
            .query_by_role_and_label(Role::Button, "Price")
            .is_none(),
        "the outline closes once a heading is picked (at byte {at})"
    );
}

/// The palette's list fits the window, so its last match can be scrolled
/// to and seen (in a 700×500 window at 150 % the list was taller than the window:
/// the matches below its edge were cut off, with no scroll bar to reach them).
#[test]
fn small_window_shows_the_palettes_last_match() {
    let mut harness = launch_sized(
        scripted_platform(),
        vec![],
        settings_with_outline(1.5),
        [700.0, 500.0],
        1.0,
    );
    harness.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::P,
    );
    pump(&mut harness);
    for _ in 0..80 {
        harness.key_press(egui::Key::ArrowDown);
    }
    pump(&mut harness);
    let screen = screen(&harness).expand(0.5);
    let selected: Vec<_> = harness
        .query_all(By::new().predicate(|node| {
            node.role() == Role::Button && node.toggled() == Some(egui::accesskit::Toggled::True)
        }))
        .map(|node| {
            (
                node.accesskit_node().label().unwrap_or_default(),
                node.rect(),
            )
        })
        .collect();
    assert!(selected.len() >= 2, "the palette's selection: {selected:?}");
    for (label, rect) in selected {
        assert!(
            screen.contains_rect(rect),
            "{label:?} at {rect:?} is outside the {screen:?} window"
        );
    }
}

/// At 150 % the metadata panel's rows wrap rather than run out of the
/// panel: each author's buttons stay inside it, as wide as its fields.
#[test]
fn zoom_150_keeps_the_author_buttons_inside_the_metadata_panel() {
    let harness = launch_sized(
        scripted_platform(),
        vec![],
        settings_with_outline(1.5),
        [1280.0, 800.0],
        1.0,
    );
    let field = harness
        .get_by_role_and_label(Role::TextInput, "Title")
        .rect();
    for button in ["Save as Template", "Remove this author", "+ Add author"] {
        let rect = harness.get_by_role_and_label(Role::Button, button).rect();
        assert!(
            rect.right() <= field.right() + 1.0,
            "{button:?} ends at {} beyond the panel's fields ({})",
            rect.right(),
            field.right()
        );
    }
}
