//! What a screen reader finds, read from the AccessKit tree the app builds
//! (the same tree AT-SPI, UI Automation and NSAccessibility are fed from;
//! `tests/screen_reader.rs` reads it through AT-SPI itself).

mod common;

use common::ui::{launch, pump, scripted_platform};
use egui::accesskit::Role;
use egui_kittest::kittest::{By, NodeT as _, Queryable as _};

#[test]
fn the_preview_headings_are_headings_with_their_level() {
    let harness = launch(scripted_platform(), Vec::new());
    let title = harness.get_by_role_and_label(
        Role::Heading,
        "Xiaomi and Leica together for a new smartphone",
    );
    assert_eq!(title.accesskit_node().data().level(), Some(1));
    let subheading = harness.get_by_role_and_label(
        Role::Heading,
        "Xiaomi and Leica: partnership between companies confirmed",
    );
    assert_eq!(subheading.accesskit_node().data().level(), Some(2));
}

#[test]
fn menu_items_are_named_without_their_shortcut() {
    let mut harness = launch(scripted_platform(), Vec::new());
    harness.get_by_role_and_label(Role::Button, "File").click();
    pump(&mut harness);
    let save = harness.get_by_role_and_label(Role::MenuItem, "Save");
    let keys = harness.ctx.format_shortcut(&egui::KeyboardShortcut::new(
        egui::Modifiers::COMMAND,
        egui::Key::S,
    ));
    assert_eq!(
        save.accesskit_node().data().keyboard_shortcut(),
        Some(keys.as_str())
    );
    let items: Vec<String> = harness
        .query_all(By::new().role(Role::MenuItem))
        .map(|item| item.accesskit_node().label().unwrap_or_default())
        .collect();
    assert!(items.len() >= 5, "the File menu's items: {items:?}");
    for name in &items {
        assert!(
            !name.contains(keys.as_str()) && !name.contains("Ctrl") && !name.contains('⌘'),
            "a menu item's name carries its shortcut: {name:?}"
        );
    }
}

#[test]
fn toggles_in_the_view_menu_say_whether_they_are_on() {
    let mut harness = launch(scripted_platform(), Vec::new());
    harness.get_by_role_and_label(Role::Button, "View").click();
    pump(&mut harness);
    let toggles: Vec<_> = harness
        .query_all(By::new().role(Role::MenuItemCheckBox))
        .map(|item| {
            (
                item.accesskit_node().label().unwrap_or_default(),
                item.accesskit_node().data().toggled(),
            )
        })
        .collect();
    assert!(
        toggles
            .iter()
            .any(|(_, on)| *on == Some(egui::accesskit::Toggled::True)),
        "{toggles:?}"
    );
    assert!(
        toggles
            .iter()
            .any(|(_, on)| *on == Some(egui::accesskit::Toggled::False)),
        "{toggles:?}"
    );
}

#[test]
fn the_status_box_exposes_its_value() {
    let harness = launch(scripted_platform(), Vec::new());
    let status = harness.get_by_role_and_label(Role::ComboBox, "Status");
    assert_eq!(status.accesskit_node().data().value(), Some("Draft"));
}

#[test]
fn the_window_and_its_regions_are_named() {
    let harness = launch(scripted_platform(), Vec::new());
    let root = harness.root();
    assert_eq!(
        root.accesskit_node().label().as_deref(),
        Some("Sample article (built-in) — Copydesk")
    );
    for region in [
        "Menu bar and toolbar",
        "Status bar",
        "Metadata",
        "Documents",
        "Preview",
        "Body",
    ] {
        harness.get_by_role_and_label(Role::Pane, region);
    }
}

#[test]
fn tab_goes_from_language_to_the_authors_name() {
    let mut harness = launch(scripted_platform(), Vec::new());
    harness
        .get_by_role_and_label(Role::TextInput, "Language")
        .focus();
    pump(&mut harness);
    harness.key_press(egui::Key::Tab);
    pump(&mut harness);
    let focused: Vec<_> = harness
        .query_all(By::new().predicate(|node| node.is_focused()))
        .map(|node| {
            let node = node.accesskit_node();
            (node.role(), node.label().unwrap_or_default())
        })
        .collect();
    assert_eq!(focused, vec![(Role::TextInput, "Name".to_string())]);
}
