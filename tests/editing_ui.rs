//! The editing tools through the real UI: find and replace, clean-up and
//! its undo, the spell checker's Add to Dictionary.

use std::fs;
use std::path::{Path, PathBuf};

use copydesk::app::{CopydeskApp, Platform};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

mod common;
use common::ui::{launch, pump, scripted_platform};

fn article(dir: &Path, front: &str, body: &str) -> PathBuf {
    let path = dir.join("story.md");
    fs::write(&path, format!("---\n{front}---\n\n{body}")).unwrap();
    path
}

fn start(files: Vec<PathBuf>, config: Option<&Path>) -> Harness<'static, CopydeskApp> {
    let platform = Platform {
        config_dir: config.map(Path::to_path_buf),
        ..scripted_platform()
    };
    launch(platform, files)
}

/// Lets `seconds` of app time pass (each step is a 60th of a second), for
/// what waits for a pause in typing.
fn settle(harness: &mut Harness<'_, CopydeskApp>, seconds: f64) {
    for _ in 0..(seconds * 60.0) as usize + 2 {
        harness.step();
    }
}

fn body(harness: &Harness<'_, CopydeskApp>) -> String {
    harness.state().active_doc().unwrap().article.body.clone()
}

/// Focuses a one-line field, then types into it.
fn type_into(harness: &mut Harness<'_, CopydeskApp>, label: &str, text: &str) {
    harness
        .get_by_role_and_label(Role::TextInput, label)
        .focus();
    pump(harness);
    harness
        .get_by_role_and_label(Role::TextInput, label)
        .type_text(text);
    pump(harness);
}

fn press(harness: &mut Harness<'_, CopydeskApp>, modifiers: Modifiers, key: Key) {
    harness.key_press_modifiers(modifiers, key);
    pump(harness);
}

#[test]
fn find_counts_moves_and_replaces_with_regex_groups_in_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let text = "The sensor is new. A second sensor here.\n\nSensors everywhere: `sensor` too.\n";
    let path = article(dir.path(), "title: Sensors\nlang: en\n", text);
    let mut harness = start(vec![path], None);

    press(&mut harness, Modifiers::COMMAND, Key::H);
    type_into(&mut harness, "Find", "sensor");
    pump(&mut harness);
    // Case-insensitive by default: Sensors and the code span count too.
    assert!(harness.query_by_label("4 matches").is_some());
    harness.get_by_label("Whole word").click();
    pump(&mut harness);
    assert!(harness.query_by_label("3 matches").is_some());
    harness.get_by_label("▶").click();
    pump(&mut harness);
    assert!(harness.query_by_label("1 of 3").is_some());
    press(&mut harness, Modifiers::NONE, Key::F3);
    assert!(harness.query_by_label("2 of 3").is_some());

    // A regex with a group, in the replacement as $1.
    harness.get_by_label(".*").click();
    harness.get_by_label("Whole word").click();
    pump(&mut harness);
    harness
        .get_by_role_and_label(Role::TextInput, "Find")
        .focus();
    pump(&mut harness);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    pump(&mut harness);
    harness
        .get_by_role_and_label(Role::TextInput, "Find")
        .type_text(r"(\w+) sensor\b");
    pump(&mut harness);
    pump(&mut harness);
    assert!(harness.query_by_label("2 matches").is_some());
    type_into(&mut harness, "Replace", "$1 chip");
    pump(&mut harness);
    harness
        .get_by_role_and_label(Role::Button, "Replace All")
        .click();
    pump(&mut harness);
    assert_eq!(
        body(&harness),
        "The chip is new. A second chip here.\n\nSensors everywhere: `sensor` too.\n"
    );
    assert!(harness.query_by_label("Replaced 2").is_some());

    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        body(&harness),
        text,
        "one undo takes back every replacement"
    );
}

#[test]
fn replace_one_at_a_time_and_in_the_metadata() {
    let dir = tempfile::tempdir().unwrap();
    let path = article(
        dir.path(),
        "title: Huawai watch\nexcerpt: The Huawai watch\nlang: en\n",
        "Huawai makes it. Huawai sells it.\n",
    );
    let mut harness = start(vec![path], None);
    press(&mut harness, Modifiers::COMMAND, Key::H);
    type_into(&mut harness, "Find", "Huawai");
    type_into(&mut harness, "Replace", "Huawei");
    pump(&mut harness);
    harness
        .get_by_role_and_label(Role::Button, "Replace")
        .click();
    pump(&mut harness);
    harness
        .get_by_role_and_label(Role::Button, "Replace")
        .click();
    pump(&mut harness);
    assert_eq!(body(&harness), "Huawei makes it. Huawai sells it.\n");
    harness.get_by_label("Also in metadata").click();
    harness
        .get_by_role_and_label(Role::Button, "Replace All")
        .click();
    pump(&mut harness);
    let doc = harness.state().active_doc().unwrap();
    assert_eq!(doc.article.body, "Huawei makes it. Huawei sells it.\n");
    assert_eq!(doc.article.meta.title, "Huawei watch");
    assert_eq!(doc.article.meta.excerpt, "The Huawei watch");
    assert!(
        harness
            .query_by_label("Replaced 3 (2 in metadata)")
            .is_some()
    );

    press(&mut harness, Modifiers::COMMAND, Key::Z);
    let doc = harness.state().active_doc().unwrap();
    assert_eq!(
        doc.article.meta.title, "Huawai watch",
        "the metadata comes back too"
    );
    assert_eq!(doc.article.body, "Huawei makes it. Huawai sells it.\n");
}

#[test]
fn a_bad_regex_is_explained_not_applied() {
    let mut harness = start(vec![], None);
    press(&mut harness, Modifiers::COMMAND, Key::F);
    harness.get_by_label(".*").click();
    type_into(&mut harness, "Find", "(unclosed");
    pump(&mut harness);
    let error = harness.query_by_label_contains("Bad pattern");
    assert!(error.is_some(), "the regex error is shown");
}

#[test]
fn clean_up_shows_the_changes_applies_them_and_undoes_them_in_one_step() {
    let dir = tempfile::tempdir().unwrap();
    let text = "He said \"it's  ready\" ...\n\n\n\nthumbnail\n\nRun `a  \"b\"`.\n";
    let path = article(dir.path(), "title: The \"Leica\"  phone\nlang: en\n", text);
    let mut harness = start(vec![path], None);
    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::K);
    assert!(harness.query_by_label("Apply 10 Changes").is_some());
    // Switching a fix off takes its changes out of the list.
    harness
        .get_by_role_and_label(
            Role::CheckBox,
            "Curly quotes and apostrophes for the article's language (5)",
        )
        .click();
    pump(&mut harness);
    assert!(harness.query_by_label("Apply 5 Changes").is_some());
    harness
        .get_by_role_and_label(
            Role::CheckBox,
            "Curly quotes and apostrophes for the article's language (5)",
        )
        .click();
    pump(&mut harness);
    harness.get_by_label("Apply 10 Changes").click();
    pump(&mut harness);
    let doc = harness.state().active_doc().unwrap();
    assert_eq!(
        doc.article.body,
        "He said “it’s ready” …\n\nRun `a  \"b\"`.\n"
    );
    assert_eq!(doc.article.meta.title, "The “Leica” phone");

    press(&mut harness, Modifiers::COMMAND, Key::Z);
    let doc = harness.state().active_doc().unwrap();
    assert_eq!(doc.article.body, text);
    assert_eq!(doc.article.meta.title, "The \"Leica\"  phone");
    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    assert_eq!(
        harness.state().active_doc().unwrap().article.meta.title,
        "The “Leica” phone",
        "redo applies it again"
    );
}

#[test]
fn a_misspelt_word_is_added_to_the_house_dictionary_from_its_menu() {
    let config = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = article(
        dir.path(),
        "title: Words\nlang: en\n",
        "Copydeskery helps Xiaomi and Leica.\n",
    );
    let mut harness = start(vec![path], Some(config.path()));
    let ctx = harness.ctx.clone();
    harness.state_mut().wait_for_dictionary(&ctx);
    settle(&mut harness, 0.5);
    assert_eq!(harness.state().misspelled_words(), ["Copydeskery"]);

    // Right-click the first word of the body.
    let editor = harness
        .get_by_role_and_label(Role::MultilineTextInput, "Body (Markdown)")
        .rect();
    let pos = editor.min + egui::vec2(30.0, 8.0);
    harness.event(egui::Event::PointerMoved(pos));
    for pressed in [true, false] {
        harness.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Secondary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    pump(&mut harness);
    harness
        .get_by_label("Add “Copydeskery” to Dictionary")
        .click();
    settle(&mut harness, 0.5);
    assert!(harness.state().misspelled_words().is_empty());
    let file = fs::read_to_string(config.path().join("dictionary.ron")).unwrap();
    assert!(file.contains("\"Copydeskery\""), "{file}");
}

#[test]
fn the_outline_lists_headings_marks_the_current_section_and_jumps() {
    let dir = tempfile::tempdir().unwrap();
    let path = article(
        dir.path(),
        "title: Outline\nlang: en\n",
        "Intro.\n\n## Design\n\nText.\n\n### Camera\n\nMore.\n\n## Price\n\nEnd.\n",
    );
    let mut harness = start(vec![path], None);
    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::O);
    for heading in ["Design", "Camera", "Price"] {
        assert!(
            harness
                .query_by_role_and_label(Role::Button, heading)
                .is_some(),
            "{heading}"
        );
    }
    harness.get_by_role_and_label(Role::Button, "Price").click();
    pump(&mut harness);
    let doc = harness.state().active_doc().unwrap();
    let id = doc.id;
    let body = doc.article.body.clone();
    let state =
        egui::text_edit::TextEditState::load(&harness.ctx, copydesk::app::editor_body_id(id))
            .unwrap();
    let at = state.cursor.char_range().unwrap().primary.index.0;
    assert_eq!(
        body.chars().skip(at).take(8).collect::<String>(),
        "## Price"
    );
    let price = harness.get_by_role_and_label(Role::Button, "Price");
    let node = price.accesskit_node();
    assert!(
        node.is_selected() == Some(true) || node.toggled() == Some(egui::accesskit::Toggled::True),
        "the current section is marked: {node:?}"
    );
}

#[test]
fn statistics_show_sentences_reading_time_and_readability() {
    let dir = tempfile::tempdir().unwrap();
    let path = article(
        dir.path(),
        "title: Stats\nlang: en\n",
        "The cat sat on the mat. It was happy.\n\nA dog ran.\n",
    );
    let mut harness = start(vec![path], None);
    harness
        .state_mut()
        .run_command(Some(copydesk::app::Command::Statistics));
    pump(&mut harness);
    assert!(harness.query_by_label("Sentences").is_some());
    assert!(
        harness.query_by_label_contains("easy").is_some(),
        "a Flesch score in words"
    );
}

#[test]
fn the_preview_lays_out_only_what_is_in_view() {
    let dir = tempfile::tempdir().unwrap();
    let mut body = String::new();
    for n in 1..=400 {
        body.push_str(&format!(
            "## Section {n}\n\nA paragraph of the long read, with words enough to wrap a line or two in the preview column.\n\n"
        ));
    }
    let path = article(dir.path(), "title: Long read\nlang: en\n", &body);
    let mut harness = start(vec![path], None);
    pump(&mut harness);
    // A heading is a label in the preview only (the editor is one text).
    assert!(harness.query_by_label("Section 1").is_some());
    assert!(
        harness.query_by_label("Section 400").is_none(),
        "blocks far below the view are not laid out"
    );
    // Scrolled to the end (the preview follows the editor), the last
    // section is drawn and the first is not.
    let doc = harness.state().active_doc().unwrap();
    let end = doc.article.body.len();
    harness.state_mut().active_doc_mut().unwrap().jump_to = Some(end..end);
    for _ in 0..20 {
        harness.step();
    }
    assert!(harness.query_by_label("Section 400").is_some());
    assert!(harness.query_by_label("Section 1").is_none());
}

#[test]
fn right_clicking_a_paragraph_of_an_imported_draft_corrects_what_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("draft.txt");
    // The last line is a subheading the importer could not know (it ends
    // like a sentence), so it was read as a paragraph.
    fs::write(
        &draft,
        "Velta renews its camera partnership for three more years\n\nThe deal was confirmed on Monday by both companies, in a joint statement sent to the press.\n\nWhat changes in the new agreement.\n",
    )
    .unwrap();
    let mut harness = start(vec![draft], None);
    pump(&mut harness);
    assert!(!body(&harness).contains("## "), "{}", body(&harness));
    harness
        .get_by_role_and_label(Role::MultilineTextInput, "Body (Markdown)")
        .click_secondary();
    pump(&mut harness);
    harness.get_by_label("This Is a Heading").click();
    pump(&mut harness);
    let after = body(&harness);
    assert!(
        after.contains("## What changes in the new agreement."),
        "the paragraph under the pointer became a heading: {after}"
    );
    // One undo step gives the paragraph back.
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert!(!body(&harness).contains("## "), "{}", body(&harness));
}

#[test]
fn cut_and_paste_from_the_right_click_menu() {
    use copydesk::app::platform::testing::MemoryClipboard;
    let dir = tempfile::tempdir().unwrap();
    let path = article(dir.path(), "title: A\n", "Words to move.\n");
    let clipboard = MemoryClipboard::default();
    let platform = Platform {
        clipboard: Box::new(clipboard.clone()),
        ..scripted_platform()
    };
    let mut harness = launch(platform, vec![path]);
    pump(&mut harness);
    let editor = || (Role::MultilineTextInput, "Body (Markdown)");
    harness
        .get_by_role_and_label(editor().0, editor().1)
        .focus();
    pump(&mut harness);
    press(&mut harness, Modifiers::COMMAND, Key::A);
    harness
        .get_by_role_and_label(editor().0, editor().1)
        .click_secondary();
    pump(&mut harness);
    harness.get_by_label_contains("Cut").click();
    pump(&mut harness);
    assert_eq!(body(&harness), "");
    assert_eq!(
        clipboard.content.borrow().as_ref().unwrap().text,
        "Words to move.\n"
    );
    harness
        .get_by_role_and_label(editor().0, editor().1)
        .click_secondary();
    pump(&mut harness);
    harness.get_by_label_contains("Paste").click();
    pump(&mut harness);
    assert_eq!(body(&harness), "Words to move.\n");
}

/// Typing in a field and in the body make one history: undo takes back
/// the body's typing, then the field's, and redo gives them back in order.
#[test]
fn a_field_edit_is_undone_in_one_history_with_the_body() {
    let dir = tempfile::tempdir().unwrap();
    let path = article(dir.path(), "title: Old\n", "Words.\n");
    let mut harness = start(vec![path], None);
    let title =
        |h: &Harness<'_, CopydeskApp>| h.state().active_doc().unwrap().article.meta.title.clone();
    type_into(&mut harness, "Title", " and new");
    let edited = title(&harness);
    assert!(edited.contains("and new"), "{edited}");
    let body_label = "Body (Markdown)";
    harness
        .get_by_role_and_label(Role::MultilineTextInput, body_label)
        .focus();
    pump(&mut harness);
    harness
        .get_by_role_and_label(Role::MultilineTextInput, body_label)
        .type_text("More ");
    pump(&mut harness);
    assert!(body(&harness).contains("More "));

    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(body(&harness), "Words.\n", "the body's typing first");
    assert_eq!(title(&harness), edited);
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(title(&harness), "Old", "then the field's");
    assert_eq!(body(&harness), "Words.\n");

    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    assert_eq!(title(&harness), edited, "redo gives the field's back");
}
