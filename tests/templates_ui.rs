//! Author templates and snippets through the real UI.

use std::fs;
use std::path::Path;

use copydesk::app::platform::testing::ScriptedDialogs;
use copydesk::app::{CopydeskApp, Platform};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

mod common;
use common::ui::{launch, pump, scripted_platform};

fn start(config: &Path) -> Harness<'static, CopydeskApp> {
    let platform = Platform {
        config_dir: Some(config.to_path_buf()),
        ..scripted_platform()
    };
    launch(platform, vec![])
}

fn pick_author(harness: &mut Harness<'_, CopydeskApp>, picker: &str, name: &str) {
    harness.get_by_label(picker).click();
    harness.run();
    harness.get_by_label(name).click();
    harness.run();
}

#[test]
fn save_the_samples_author_then_pick_it_for_a_new_article() {
    let config = tempfile::tempdir().unwrap();
    let mut harness = start(config.path());
    harness.get_by_label("Save as Template").click();
    harness.run();
    let file = config.path().join("authors/walker-ronnie.ron");
    assert!(
        fs::read_to_string(&file)
            .unwrap()
            .contains("Walker Ronnie is a tech writer")
    );

    // The template survives a restart.
    drop(harness);
    let mut harness = start(config.path());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    harness.run();
    assert!(
        harness
            .state()
            .active_doc()
            .unwrap()
            .article
            .meta
            .authors
            .is_empty()
    );
    pick_author(&mut harness, "+ Add author from template", "Walker Ronnie");
    let doc = harness.state().active_doc().unwrap();
    assert_eq!(doc.article.meta.authors[0].name, "Walker Ronnie");
    assert!(
        doc.article.meta.authors[0]
            .bio
            .starts_with("Walker Ronnie is a tech writer")
    );
    assert!(
        harness
            .query_by_role_and_label(Role::Label, "About Walker Ronnie")
            .is_some(),
        "the bio box is in the preview"
    );
}

#[test]
fn filling_an_author_that_has_a_bio_asks_first() {
    let config = tempfile::tempdir().unwrap();
    fs::create_dir_all(config.path().join("authors")).unwrap();
    fs::write(
        config.path().join("authors/walker.ron"),
        "(name: \"Walker Ronnie\", bio: \"A shorter bio.\")",
    )
    .unwrap();
    let mut harness = start(config.path());
    pick_author(&mut harness, "Fill from template", "Walker Ronnie");
    assert!(harness.query_by_label("Replace the bio?").is_some());
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(
        harness.state().active_doc().unwrap().article.meta.authors[0]
            .bio
            .starts_with("Walker Ronnie is a tech writer")
    );
    pick_author(&mut harness, "Fill from template", "Walker Ronnie");
    harness.get_by_label("Replace").click();
    harness.run();
    assert_eq!(
        harness.state().active_doc().unwrap().article.meta.authors[0].bio,
        "A shorter bio."
    );
}

#[test]
fn a_snippet_goes_where_it_says_as_one_undo_step() {
    let config = tempfile::tempdir().unwrap();
    fs::create_dir_all(config.path().join("snippets")).unwrap();
    fs::write(
        config.path().join("snippets/translated.ron"),
        "(name: \"Translated note\", text: \"*This article was translated from Italian.*\", placement: End)",
    )
    .unwrap();
    let mut harness = start(config.path());
    let before = harness.state().active_doc().unwrap().article.body.clone();
    harness.key_press_modifiers(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::P);
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "Run a command")
        .type_text("translated");
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    let body = harness.state().active_doc().unwrap().article.body.clone();
    assert!(
        body.ends_with("\n\n*This article was translated from Italian.*\n"),
        "{body}"
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(harness.state().active_doc().unwrap().article.body, before);
}

#[test]
fn a_broken_template_is_shown_with_its_error_and_the_rest_load() {
    let config = tempfile::tempdir().unwrap();
    fs::create_dir_all(config.path().join("authors")).unwrap();
    fs::write(
        config.path().join("authors/ok.ron"),
        "(name: \"Jane Doe\", bio: \"Jane writes.\")",
    )
    .unwrap();
    fs::write(
        config.path().join("authors/bad.ron"),
        "(name: \"Broken\", bio: ",
    )
    .unwrap();
    let mut harness = start(config.path());
    harness
        .state_mut()
        .run_command(Some(copydesk::app::Command::ManageTemplates));
    harness.run();
    assert!(harness.query_by_label("Jane Doe").is_some());
    assert!(
        harness.query_by_label_contains("bad.ron").is_some(),
        "the broken file is listed"
    );
    assert_eq!(
        fs::read_to_string(config.path().join("authors/bad.ron")).unwrap(),
        "(name: \"Broken\", bio: "
    );
}

#[test]
fn tags_and_credits_used_in_a_saved_article_join_the_library() {
    let config = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.md");
    fs::write(&path, "---\ntitle: A\ntags: [Leica]\ncredits:\n  - {role: source, name: LetsGoDigital}\n---\n\nText.\n").unwrap();
    let platform = Platform {
        config_dir: Some(config.path().to_path_buf()),
        ..scripted_platform()
    };
    let mut harness = launch(platform, vec![path.clone()]);
    harness
        .state_mut()
        .active_doc_mut()
        .unwrap()
        .article
        .meta
        .category = "Phones".into();
    harness.state_mut().active_doc_mut().unwrap().touch();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    pump(&mut harness);
    let lib = copydesk::templates::Library::load(config.path());
    assert_eq!(lib.tags, ["Leica"]);
    assert_eq!(lib.credits[0].name, "LetsGoDigital");
}

#[test]
fn the_templates_manager_edits_duplicates_deletes_and_imports() {
    let config = tempfile::tempdir().unwrap();
    fs::create_dir_all(config.path().join("authors")).unwrap();
    fs::write(
        config.path().join("authors/jane-doe.ron"),
        "(name: \"Jane Doe\", bio: \"Jane writes.\")",
    )
    .unwrap();
    let dialogs = ScriptedDialogs::default();
    let platform = Platform {
        dialogs: Box::new(dialogs.clone()),
        config_dir: Some(config.path().to_path_buf()),
        ..scripted_platform()
    };
    let mut harness = launch(platform, vec![]);
    harness
        .state_mut()
        .run_command(Some(copydesk::app::Command::ManageTemplates));
    harness.run();
    harness.get_by_label("Jane Doe").click();
    harness.run();
    harness
        .get_by_role_and_label(Role::MultilineTextInput, "Template bio")
        .focus();
    harness.run();
    harness
        .get_by_role_and_label(Role::MultilineTextInput, "Template bio")
        .type_text(" And edits.");
    harness.run();
    harness.get_by_label("Save Changes").click();
    harness.run();
    assert!(
        fs::read_to_string(config.path().join("authors/jane-doe.ron"))
            .unwrap()
            .contains("Jane writes. And edits.")
    );

    harness.get_by_label("Duplicate").click();
    harness.run();
    assert!(config.path().join("authors/jane-doe-copy.ron").exists());

    harness.get_by_label("Delete…").click();
    harness.run();
    harness.get_by_label("Delete").click();
    harness.run();
    assert!(!config.path().join("authors/jane-doe.ron").exists());

    let outside = tempfile::tempdir().unwrap();
    let shared = outside.path().join("newsletter.ron");
    fs::write(
        &shared,
        "(name: \"Newsletter\", text: \"Sign up for our newsletter.\", placement: End)",
    )
    .unwrap();
    dialogs.answer(vec![shared]);
    harness.get_by_label("Import .ron…").click();
    pump(&mut harness);
    assert!(config.path().join("snippets/newsletter.ron").exists());
    assert_eq!(
        harness.state().workspace.library.snippets[0].template.name,
        "Newsletter"
    );
}

fn open_templates(harness: &mut Harness<'_, CopydeskApp>) {
    harness.key_press_modifiers(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::P);
    pump(harness);
    harness
        .get_by_role_and_label(Role::TextInput, "Run a command")
        .type_text("Templates");
    pump(harness);
    harness.key_press(Key::Enter);
    pump(harness);
}

/// Types at the end of the selected snippet's text.
fn type_in_snippet(harness: &mut Harness<'_, CopydeskApp>, text: &str) {
    harness
        .get_by_role_and_label(Role::MultilineTextInput, "Snippet text")
        .focus();
    pump(harness);
    harness.key_press(Key::End);
    harness
        .get_by_role_and_label(Role::MultilineTextInput, "Snippet text")
        .type_text(text);
}

fn two_snippets(config: &Path) {
    fs::create_dir_all(config.join("snippets")).unwrap();
    fs::write(
        config.join("snippets/translated.ron"),
        "(name: \"Translated note\", text: \"Old text.\", placement: End)",
    )
    .unwrap();
    fs::write(
        config.join("snippets/other.ron"),
        "(name: \"Other note\", text: \"Other.\", placement: End)",
    )
    .unwrap();
}

#[test]
fn renaming_a_snippet_keeps_the_text_typed_before_it() {
    let config = tempfile::tempdir().unwrap();
    two_snippets(config.path());
    let mut harness = start(config.path());
    open_templates(&mut harness);
    harness.get_by_label("Translated note").click();
    pump(&mut harness);
    type_in_snippet(&mut harness, " Typed before renaming.");
    pump(&mut harness);
    harness
        .get_by_role_and_label(Role::TextInput, "New name")
        .focus();
    pump(&mut harness);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_by_role_and_label(Role::TextInput, "New name")
        .type_text("Translation note");
    pump(&mut harness);
    harness.get_by_label("Rename").click();
    pump(&mut harness);
    let renamed = fs::read_to_string(config.path().join("snippets/translation-note.ron")).unwrap();
    assert!(renamed.contains("Typed before renaming."), "{renamed}");
    assert!(!config.path().join("snippets/translated.ron").exists());
}

#[test]
fn leaving_a_snippet_with_unsaved_edits_asks_first() {
    let config = tempfile::tempdir().unwrap();
    two_snippets(config.path());
    let mut harness = start(config.path());
    open_templates(&mut harness);
    harness.get_by_label("Translated note").click();
    pump(&mut harness);
    type_in_snippet(&mut harness, " Not saved yet.");
    pump(&mut harness);
    harness.get_by_label("Other note").click();
    pump(&mut harness);
    assert!(
        harness
            .query_by_label("“Translated note” has unsaved changes.")
            .is_some(),
        "asked instead of losing the text"
    );
    harness.get_by_label("Save Them").click();
    pump(&mut harness);
    let saved = fs::read_to_string(config.path().join("snippets/translated.ron")).unwrap();
    assert!(saved.contains("Not saved yet."), "{saved}");
    assert!(
        harness
            .query_by_role_and_label(Role::MultilineTextInput, "Snippet text")
            .is_some_and(|n| n.value().as_deref() == Some("Other.")),
        "then the other snippet is shown"
    );
}

#[test]
fn escape_closes_the_templates_window_and_asks_when_edits_are_unsaved() {
    let config = tempfile::tempdir().unwrap();
    two_snippets(config.path());
    let mut harness = start(config.path());
    open_templates(&mut harness);
    assert!(harness.query_by_label("New Snippet").is_some());
    harness.key_press(Key::Escape);
    pump(&mut harness);
    assert!(harness.query_by_label("New Snippet").is_none(), "closed");

    open_templates(&mut harness);
    harness.get_by_label("Translated note").click();
    pump(&mut harness);
    type_in_snippet(&mut harness, " More.");
    pump(&mut harness);
    // The first Escape leaves the text field; the next asks about closing.
    harness.key_press(Key::Escape);
    pump(&mut harness);
    harness.key_press(Key::Escape);
    pump(&mut harness);
    assert!(
        harness
            .query_by_label("“Translated note” has unsaved changes.")
            .is_some()
    );
    harness.get_by_label("Discard Them").click();
    pump(&mut harness);
    assert!(
        harness.query_by_label("New Snippet").is_none(),
        "closed after Discard"
    );
    assert!(
        !fs::read_to_string(config.path().join("snippets/translated.ron"))
            .unwrap()
            .contains("More.")
    );
}
