//! The real app driven headlessly with egui_kittest: no display, no GPU.
//! File dialogs and the clipboard are scripted stand-ins.

use std::fs;
use std::path::PathBuf;

use copydesk::app::platform::testing::{Clip, MemoryClipboard, RecordingLauncher, ScriptedDialogs};
use copydesk::app::{CopydeskApp, Platform, Settings};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

mod common;
use common::ui::{launch, pump, scripted_platform, type_in_body};

struct Rig {
    dialogs: ScriptedDialogs,
    clipboard: MemoryClipboard,
}

fn app_with(files: Vec<PathBuf>) -> (Harness<'static, CopydeskApp>, Rig) {
    let dialogs = ScriptedDialogs::default();
    let clipboard = MemoryClipboard::default();
    let platform = Platform {
        dialogs: Box::new(dialogs.clone()),
        clipboard: Box::new(clipboard.clone()),
        launcher: Box::new(RecordingLauncher::default()),
        recovery_dir: None,
        config_dir: None,
    };
    (launch(platform, files), Rig { dialogs, clipboard })
}

fn body_focused(harness: &Harness<'_, CopydeskApp>) -> bool {
    let id = harness.state().active_doc().unwrap().id;
    harness
        .ctx
        .memory(|m| m.has_focus(copydesk::app::editor_body_id(id)))
}

#[test]
fn starts_on_the_sample_with_the_body_focused() {
    let (harness, _) = app_with(vec![]);
    let title = harness.get_by_role_and_label(Role::TextInput, "Title");
    assert_eq!(
        title.value().as_deref(),
        Some("Xiaomi and Leica together for a new smartphone")
    );
    assert!(
        harness
            .query_by_role_and_label(
                Role::Heading,
                "Xiaomi and Leica together for a new smartphone"
            )
            .is_some(),
        "title in the preview"
    );
    assert!(body_focused(&harness), "typing goes into the body at once");
    assert_eq!(
        harness.state().window_title(),
        "Sample article (built-in) — Copydesk",
        "the sample says it is the sample, so it is never taken for the editor's own article"
    );
    assert!(
        harness
            .query_by_label("Sample article (built-in)")
            .is_some(),
        "and so does its tab"
    );
}

#[test]
fn files_are_remembered_by_absolute_paths_and_a_missing_one_stays_listed() {
    let dir = tempfile::tempdir().unwrap();
    let path = temp_article(&dir);
    // Opened by a relative path, as from a command line in another folder.
    let relative = pathdiff_relative(&path);
    let (harness, _) = app_with(vec![relative.clone()]);
    let absolute = fs::canonicalize(&path).unwrap();
    let saved = harness.state().settings_to_save();
    assert_eq!(
        saved.open_files,
        std::slice::from_ref(&absolute),
        "{relative:?}"
    );
    assert_eq!(saved.recent.first(), Some(&absolute));
    // The file goes away: starting again lists it as missing, and it stays
    // in the recent files.
    fs::remove_file(&path).unwrap();
    let app = CopydeskApp::new(saved.clone(), scripted_platform(), vec![]);
    assert!(app.workspace.settings.recent.contains(&absolute));
    assert_eq!(
        app.active_doc().unwrap().display_name(),
        "Sample article (built-in)"
    );
}

/// `path` relative to the current folder (`../../tmp/…`).
fn pathdiff_relative(path: &std::path::Path) -> PathBuf {
    let here = std::env::current_dir().unwrap();
    let up = here.components().count() - 1;
    let mut relative = PathBuf::new();
    for _ in 0..up {
        relative.push("..");
    }
    relative.join(path.strip_prefix("/").unwrap())
}

#[test]
fn editing_the_title_changes_the_preview() {
    let (mut harness, _) = app_with(vec![]);
    let field = harness.get_by_role_and_label(Role::TextInput, "Title");
    field.focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_by_role_and_label(Role::TextInput, "Title")
        .type_text("Leica phone confirmed");
    harness.run();
    assert_eq!(
        harness.state().active_doc().unwrap().article.meta.title,
        "Leica phone confirmed"
    );
    assert!(
        harness
            .query_by_role_and_label(Role::Heading, "Leica phone confirmed")
            .is_some(),
        "the preview shows the new title"
    );
    assert!(
        harness.state().window_title().starts_with("● "),
        "{}",
        harness.state().window_title()
    );
}

#[test]
fn tags_are_added_with_enter_and_removed_with_their_chip() {
    let (mut harness, _) = app_with(vec![]);
    harness
        .get_by_role_and_label(Role::TextInput, "Add tag")
        .focus();
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "Add tag")
        .type_text("Leica");
    harness.key_press(Key::Enter);
    harness.run();
    assert_eq!(
        harness.state().active_doc().unwrap().article.meta.tags,
        ["Leica"]
    );
    harness.get_by_label("Leica ×").click();
    harness.run();
    assert!(
        harness
            .state()
            .active_doc()
            .unwrap()
            .article
            .meta
            .tags
            .is_empty()
    );
}

#[test]
fn a_credit_is_added_with_role_and_name() {
    let (mut harness, _) = app_with(vec![]);
    harness.get_by_label("+ Add credit").click();
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "Credit name")
        .focus();
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "Credit name")
        .type_text("LetsGoDigital");
    harness.run();
    let credits = &harness.state().active_doc().unwrap().article.meta.credits;
    assert_eq!(credits.len(), 1);
    assert_eq!(credits[0].role, "source");
    assert_eq!(credits[0].name, "LetsGoDigital");
}

#[test]
fn typing_in_the_body_can_be_undone() {
    let (mut harness, _) = app_with(vec![]);
    let before = harness.state().active_doc().unwrap().article.body.clone();
    type_in_body(&mut harness, "Breaking: ");
    let after = harness.state().active_doc().unwrap().article.body.clone();
    assert!(after.contains("Breaking: "), "typed text lands in the body");
    assert_ne!(after, before);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(harness.state().active_doc().unwrap().article.body, before);
}

#[test]
fn bold_shortcut_wraps_the_word_at_the_cursor_and_undoes_in_one_step() {
    let (mut harness, _) = app_with(vec![]);
    let before = harness.state().active_doc().unwrap().article.body.clone();
    // Put the cursor inside "Finally", the body's first word.
    harness.state_mut().active_doc_mut().unwrap().jump_to = Some(3..3);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::B);
    harness.run();
    let body = harness.state().active_doc().unwrap().article.body.clone();
    assert!(body.contains("**Finally** the news"), "{}", &body[..80]);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(harness.state().active_doc().unwrap().article.body, before);
}

fn temp_article(dir: &tempfile::TempDir) -> PathBuf {
    let path = dir.path().join("story.md");
    fs::write(
        &path,
        "---\ntitle: A story\nlayout: post\n---\n\nFirst paragraph.\n",
    )
    .unwrap();
    path
}

#[test]
fn save_writes_the_file_and_clears_the_unsaved_mark() {
    let dir = tempfile::tempdir().unwrap();
    let path = temp_article(&dir);
    let (mut harness, _) = app_with(vec![path.clone()]);
    type_in_body(&mut harness, "New words. ");
    assert!(harness.state().active_doc().unwrap().is_dirty());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    pump(&mut harness);
    let saved = fs::read_to_string(&path).unwrap();
    assert!(saved.contains("New words. "), "{saved}");
    assert!(
        saved.contains("layout: post"),
        "unknown keys survive: {saved}"
    );
    assert!(!harness.state().active_doc().unwrap().is_dirty());
    assert_eq!(harness.state().window_title(), "story.md — Copydesk");
}

#[test]
fn an_imported_draft_is_saved_as_markdown_beside_it_never_over_it() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("draft.txt");
    fs::write(&draft, copydesk::SAMPLE_DRAFT).unwrap();
    let (mut harness, rig) = app_with(vec![draft.clone()]);
    let target = dir.path().join("draft.md");
    rig.dialogs.answer(vec![target.clone()]);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    pump(&mut harness);
    let asked = rig.dialogs.asked.borrow();
    assert_eq!(asked.len(), 1, "the first save asks where");
    assert_eq!(asked[0].file_name.as_deref(), Some("draft.md"));
    assert_eq!(asked[0].directory.as_deref(), Some(dir.path()));
    assert_eq!(
        fs::read_to_string(&draft).unwrap(),
        copydesk::SAMPLE_DRAFT,
        "the draft is untouched"
    );
    assert!(
        fs::read_to_string(&target)
            .unwrap()
            .starts_with("---\ntitle: Xiaomi and Leica")
    );
    assert!(!harness.state().active_doc().unwrap().is_dirty());
}

#[test]
fn closing_a_changed_tab_asks_and_cancel_keeps_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = temp_article(&dir);
    let (mut harness, _) = app_with(vec![path.clone()]);
    type_in_body(&mut harness, "Unsaved. ");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::W);
    harness.run();
    assert!(
        harness.query_by_label("Save changes?").is_some(),
        "the prompt appears"
    );
    harness.get_by_label("Cancel").click();
    harness.run();
    assert_eq!(
        harness.state().workspace.docs.len(),
        1,
        "cancel keeps the document"
    );
    assert!(
        harness
            .state()
            .active_doc()
            .unwrap()
            .article
            .body
            .contains("Unsaved. ")
    );

    harness.key_press_modifiers(Modifiers::COMMAND, Key::W);
    harness.run();
    harness.get_by_label("Don't Save").click();
    harness.run();
    assert!(harness.state().workspace.docs.is_empty());
    assert!(
        !fs::read_to_string(&path).unwrap().contains("Unsaved."),
        "discarded, file untouched"
    );
}

#[test]
fn saving_from_the_close_prompt_saves_then_closes() {
    let dir = tempfile::tempdir().unwrap();
    let path = temp_article(&dir);
    let (mut harness, _) = app_with(vec![path.clone()]);
    type_in_body(&mut harness, "Keep me. ");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::W);
    harness.run();
    harness.get_by_label("Save and Close").click();
    harness.run();
    assert!(harness.state().workspace.docs.is_empty());
    assert!(fs::read_to_string(&path).unwrap().contains("Keep me. "));
}

#[test]
fn quitting_with_unsaved_work_asks_first() {
    let (mut harness, _) = app_with(vec![]);
    type_in_body(&mut harness, "Draft work. ");
    assert!(!harness.state().may_close());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Q);
    harness.run();
    assert!(harness.query_by_label("Save changes?").is_some());
    harness.get_by_label("Don't Save").click();
    harness.run();
    assert!(harness.state().may_close());
}

#[test]
fn copy_for_cms_puts_html_with_a_text_fallback_on_the_clipboard() {
    let (mut harness, rig) = app_with(vec![]);
    harness.key_press_modifiers(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::C);
    harness.run();
    let clip: Clip = rig
        .clipboard
        .content
        .borrow()
        .clone()
        .expect("something was copied");
    let article = &harness.state().active_doc().unwrap().article;
    assert_eq!(
        clip.html.as_deref(),
        Some(copydesk::export::html(article).as_str())
    );
    assert!(
        clip.html
            .as_deref()
            .unwrap()
            .contains("<h2>Xiaomi and Leica: partnership between companies confirmed</h2>")
    );
    assert!(
        clip.text
            .starts_with(&copydesk::export::body_text(&article.body))
    );
    assert!(
        clip.text
            .contains("\n\nAbout the author: Walker Ronnie\n\nWalker Ronnie is"),
        "the labelled bio follows the body: {}",
        clip.text
    );
    assert!(!clip.text.contains("##"));
    assert!(
        harness
            .query_by_label_contains("Copied the article for your CMS")
            .is_some(),
        "a confirmation shows"
    );
}

#[test]
fn copy_for_cms_carries_the_article_s_local_pictures() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("images")).unwrap();
    fs::write(dir.path().join("images/phone.png"), b"\x89PNG\r\n\x1a\n").unwrap();
    let path = dir.path().join("post.md");
    fs::write(
        &path,
        "---\ntitle: T\nauthors:\n- name: Jane\n  bio: Jane writes.\n---\n\n![A phone](images/phone.png)\nThe phone\n",
    )
    .unwrap();
    let (mut harness, rig) = app_with(vec![path]);
    harness.key_press_modifiers(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::C);
    pump(&mut harness);
    let html = rig
        .clipboard
        .content
        .borrow()
        .clone()
        .unwrap()
        .html
        .unwrap();
    assert!(
        html.contains("<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"A phone\">"),
        "{html}"
    );
    assert!(html.contains("<aside class=\"author-bio\">"), "{html}");

    // With the bio switched off in the Export menu's setting.
    let ctx = harness.ctx.clone();
    harness
        .state_mut()
        .run(&ctx, copydesk::app::Command::ToggleExportBio);
    harness.key_press_modifiers(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::C);
    pump(&mut harness);
    let html = rig
        .clipboard
        .content
        .borrow()
        .clone()
        .unwrap()
        .html
        .unwrap();
    assert!(!html.contains("author-bio"), "{html}");
    assert!(!harness.state().workspace.settings.export_bio);
}

#[test]
fn a_clipboard_failure_is_shown_not_swallowed() {
    let platform = Platform {
        clipboard: Box::new(MemoryClipboard {
            fail: true,
            ..Default::default()
        }),
        ..scripted_platform()
    };
    let mut harness = launch(platform, vec![]);
    harness.key_press_modifiers(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::C);
    harness.run();
    assert!(
        harness
            .query_by_label_contains("Could not copy: the clipboard is not available")
            .is_some()
    );
}

#[test]
fn export_writes_the_chosen_file() {
    let dir = tempfile::tempdir().unwrap();
    let (mut harness, rig) = app_with(vec![]);
    let target = dir.path().join("out.html");
    rig.dialogs.answer(vec![target.clone()]);
    harness.key_press_modifiers(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::E);
    pump(&mut harness);
    assert_eq!(
        rig.dialogs.asked.borrow()[0].file_name.as_deref(),
        Some("xiaomi-and-leica-together-for-a-new-smartphone.html")
    );
    let html = fs::read_to_string(&target).unwrap();
    assert_eq!(
        html,
        copydesk::export::html(&harness.state().active_doc().unwrap().article)
    );
    assert_eq!(
        harness
            .state()
            .workspace
            .settings
            .last_export_dir
            .as_deref(),
        Some(dir.path()),
        "the folder is remembered"
    );
}

#[test]
fn opening_a_broken_file_shows_an_error_and_keeps_what_is_open() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.md");
    fs::write(&bad, [0x89, b'P', b'N', b'G', 0, 0, 0, 1]).unwrap();
    let (mut harness, rig) = app_with(vec![]);
    rig.dialogs.answer(vec![bad.clone()]);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::O);
    pump(&mut harness);
    assert!(harness.query_by_label_contains("Could not open").is_some());
    assert_eq!(
        harness.state().workspace.docs.len(),
        1,
        "the sample is still open"
    );
}

#[test]
fn view_modes_and_zoom_change_with_shortcuts() {
    let (mut harness, _) = app_with(vec![]);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num1);
    harness.run();
    assert_eq!(
        harness.state().workspace.settings.view,
        copydesk::app::ViewMode::EditorOnly
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Plus);
    harness.run();
    assert!(harness.state().workspace.settings.zoom > 1.0);
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
fn dropping_files_on_the_window_opens_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = temp_article(&dir);
    let (mut harness, _) = app_with(vec![]);
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(path.clone())));
    harness.run();
    let doc = harness.state().active_doc().unwrap();
    assert_eq!(doc.path.as_deref(), Some(path.as_path()));
    assert_eq!(doc.article.meta.title, "A story");
    assert_eq!(
        harness.state().workspace.docs.len(),
        1,
        "the untouched sample gives way"
    );
    assert!(body_focused(&harness));
}

#[test]
fn documents_open_at_exit_open_again() {
    let dir = tempfile::tempdir().unwrap();
    let path = temp_article(&dir);
    let (mut harness, _) = app_with(vec![path.clone()]);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num1);
    harness.run();
    let saved = harness.state().settings_to_save();
    assert_eq!(saved.open_files, std::slice::from_ref(&path));
    let restored = Settings::from_ron(&saved.to_ron());
    assert_eq!(restored.view, copydesk::app::ViewMode::EditorOnly);
    let app = CopydeskApp::new(restored, scripted_platform(), vec![]);
    assert_eq!(
        app.active_doc().unwrap().path.as_deref(),
        Some(path.as_path())
    );
    assert!(app.workspace.settings.recent.contains(&path));
}

#[test]
fn preview_in_browser_writes_the_page_and_opens_it() {
    let launcher = RecordingLauncher::default();
    let platform = Platform {
        launcher: Box::new(launcher.clone()),
        ..scripted_platform()
    };
    let mut harness = launch(platform, vec![]);
    harness.key_press_modifiers(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::B);
    harness.run();
    let opened = launcher.opened.borrow();
    assert_eq!(opened.len(), 1);
    let page = fs::read_to_string(&opened[0]).unwrap();
    assert!(
        page.starts_with("<!DOCTYPE html>")
            && page.contains("<h1>Xiaomi and Leica together for a new smartphone</h1>")
    );
}

#[test]
fn problems_list_jumps_to_the_figure() {
    let (mut harness, _) = app_with(vec![]);
    harness.key_press(Key::F8);
    harness.run();
    harness.get_by_label_contains("has no alt text").click();
    harness.run();
    let doc = harness.state().active_doc().unwrap();
    let body = doc.article.body.clone();
    let id = doc.id;
    let state =
        egui::text_edit::TextEditState::load(&harness.ctx, copydesk::app::editor_body_id(id))
            .unwrap();
    let range = state.cursor.char_range().unwrap();
    let start: String = body
        .chars()
        .skip(range.primary.index.0.min(range.secondary.index.0))
        .take(4)
        .collect();
    assert_eq!(start, "![](", "the caret is at the figure");
    assert_eq!(
        range.primary.index, range.secondary.index,
        "nothing is selected, so the next key does not replace the figure"
    );
    assert!(body_focused(&harness));
}

#[test]
fn shortcuts_with_shift_are_not_taken_by_their_plain_version() {
    let (mut harness, rig) = app_with(vec![]);
    let dir = tempfile::tempdir().unwrap();
    rig.dialogs.answer(vec![dir.path().join("copy.md")]);
    // Ctrl+Shift+S is Save As, not Save.
    harness.key_press_modifiers(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::S);
    pump(&mut harness);
    assert_eq!(rig.dialogs.asked.borrow().len(), 1);
    assert!(dir.path().join("copy.md").exists());
    // Ctrl+Shift+I opens Insert Figure; it does not italicise.
    let before = harness.state().active_doc().unwrap().article.body.clone();
    harness.key_press_modifiers(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::I);
    pump(&mut harness);
    assert!(
        harness.query_by_label("Alt text").is_some(),
        "the Figure window"
    );
    assert_eq!(
        harness.state().active_doc().unwrap().article.body,
        before,
        "nothing italicised"
    );
}

#[test]
fn the_command_palette_runs_any_action_from_the_keyboard() {
    let (mut harness, rig) = app_with(vec![]);
    let dir = tempfile::tempdir().unwrap();
    rig.dialogs.answer(vec![dir.path().join("a.wp.html")]);
    harness.key_press_modifiers(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::P);
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "Run a command")
        .type_text("wordpress");
    harness.run();
    harness.key_press(Key::Enter);
    pump(&mut harness);
    let written = fs::read_to_string(dir.path().join("a.wp.html")).unwrap();
    assert!(written.starts_with("<!-- wp:paragraph -->"), "{written}");
    assert!(
        harness.query_by_label("Run a command").is_none(),
        "the palette closes"
    );
}

#[test]
fn settings_are_written_to_their_file_when_they_change() {
    let config = tempfile::tempdir().unwrap();
    let platform = Platform {
        config_dir: Some(config.path().to_path_buf()),
        ..scripted_platform()
    };
    let mut harness = launch(platform, vec![]);
    harness.key_press_modifiers(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::L);
    harness.run();
    let (stored, problem) = Settings::load(config.path());
    assert!(problem.is_none());
    assert!(stored.dark, "the dark theme is remembered");
}

#[test]
fn names_in_any_script_render_without_tofu() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("names.md");
    fs::write(
        &path,
        "---\ntitle: « Leica » et “Xiaomi” — ’90s\nauthors:\n  - name: 王小明\n  - name: José Müller-Łukasiewicz\n---\n\nÇa marche : « oui », „ja“, 日本語のテキスト.\n",
    )
    .unwrap();
    // The harness fails on any glyph no installed font has (the bundled
    // fonts, then the system's through the fallback eframe uses).
    let (harness, _) = app_with(vec![path]);
    assert!(
        harness
            .query_by_role_and_label(Role::Label, "By 王小明 and José Müller-Łukasiewicz")
            .is_some()
    );
}

#[test]
fn closing_the_window_with_unsaved_work_is_held_until_answered() {
    let (mut harness, _) = app_with(vec![]);
    type_in_body(&mut harness, "Not saved. ");
    harness
        .input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    harness.run();
    // The prompt comes from the same branch that sends CancelClose.
    assert!(!harness.state().may_close());
    assert!(harness.query_by_label("Save changes?").is_some());
    harness.get_by_label("Cancel").click();
    harness.run();
    assert_eq!(harness.state().workspace.docs.len(), 1);
    assert!(
        harness
            .state()
            .active_doc()
            .unwrap()
            .article
            .body
            .contains("Not saved. ")
    );
}

#[test]
fn changing_the_title_of_a_site_s_post_rewrites_only_the_title_line() {
    // A Jekyll site's post: its own keys, a comment, an unquoted date, CRLF.
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("_config.yml"), "title: A site\n").unwrap();
    fs::create_dir(dir.path().join("_posts")).unwrap();
    let path = dir.path().join("_posts/2019-03-04-welcome.md");
    let original = "---\r\nlayout: post\r\ntitle:  \"Welcome back\" # keep short\r\ndate: 2019-03-04 10:20:00 +0100\r\nauthor: Jane Doe\r\ndescription: Why the blog is back\r\ntags: jekyll housekeeping\r\n---\r\n\r\nFirst paragraph.\r\n";
    fs::write(&path, original).unwrap();
    let (mut harness, _) = app_with(vec![path.clone()]);
    harness
        .get_by_role_and_label(Role::TextInput, "Title")
        .focus();
    pump(&mut harness);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_by_role_and_label(Role::TextInput, "Title")
        .type_text("Welcome back, for good");
    pump(&mut harness);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    pump(&mut harness);
    let saved = fs::read_to_string(&path).unwrap();
    let changed: Vec<_> = original
        .split_inclusive('\n')
        .zip(saved.split_inclusive('\n'))
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(
        changed,
        [(
            "title:  \"Welcome back\" # keep short\r\n",
            "title:  \"Welcome back, for good\" # keep short\r\n"
        )],
        "{saved}"
    );
    assert_eq!(
        original.split_inclusive('\n').count(),
        saved.split_inclusive('\n').count()
    );
}

#[test]
fn an_untouched_opened_file_is_not_unsaved() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("draft.txt");
    fs::write(&draft, copydesk::SAMPLE_DRAFT).unwrap();
    let article = temp_article(&dir);
    let (mut harness, _) = app_with(vec![draft.clone(), article]);
    pump(&mut harness);
    let app = harness.state();
    assert_eq!(app.workspace.docs.len(), 2);
    assert!(
        app.workspace.docs.iter().all(|d| !d.is_dirty()),
        "nothing was changed"
    );
    assert!(
        app.may_close(),
        "quitting loses nothing, so it asks nothing"
    );
    // The draft still says it has no Markdown file yet; once edited, it
    // counts as unsaved.
    let app = harness.state_mut();
    app.workspace.active = app
        .workspace
        .docs
        .iter()
        .position(|d| d.imported_from.as_ref() == Some(&draft))
        .unwrap();
    pump(&mut harness);
    assert!(
        harness
            .query_by_label("Imported draft — not saved yet")
            .is_some()
    );
    type_in_body(&mut harness, "An edit. ");
    assert!(harness.state().active_doc().unwrap().is_dirty());
    assert!(!harness.state().may_close());
}

#[test]
fn the_status_bar_counts_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("one.md");
    fs::write(
        &path,
        "---\ntitle: One problem\nauthors:\n- name: Jane\n  bio: Writes.\nexcerpt: Short.\ntags: [x]\nimage: {src: chip.jpg, alt: A chip}\n---\n\nWord.\n",
    )
    .unwrap();
    let (harness, _) = app_with(vec![path]);
    assert!(
        harness.query_by_label("⚠ 1 problem (1 error)").is_some(),
        "not “1 problems (1 errors)”"
    );
    assert!(harness.query_by_label("1 word").is_some());
}

#[test]
fn without_a_system_file_dialog_an_imported_draft_is_saved_through_the_app_s_chooser() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("draft.txt");
    fs::write(&draft, copydesk::SAMPLE_DRAFT).unwrap();
    fs::create_dir(dir.path().join("published")).unwrap();
    let (mut harness, rig) = app_with(vec![draft.clone()]);
    // As on a desktop without a portal: the system dialog cannot be shown.
    rig.dialogs.answer_unavailable();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    pump(&mut harness);
    assert!(
        harness
            .query_by_label_contains("file dialog is not available")
            .is_some(),
        "the editor is told why"
    );
    // The chooser opens in the draft's folder with the proposed name; go
    // into a subfolder and save there.
    harness.get_by_label("📁 published").click();
    pump(&mut harness);
    harness.get_by_label("Save File").click();
    pump(&mut harness);
    let target = dir.path().join("published").join("draft.md");
    assert!(
        fs::read_to_string(&target)
            .unwrap()
            .starts_with("---\ntitle: Xiaomi and Leica"),
        "saved where chosen"
    );
    assert_eq!(fs::read_to_string(&draft).unwrap(), copydesk::SAMPLE_DRAFT);
    assert!(!harness.state().active_doc().unwrap().is_dirty());
}

#[test]
fn quitting_with_several_unsaved_documents_can_drop_them_all_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.md");
    let b = dir.path().join("b.md");
    fs::write(&a, "---\ntitle: A\n---\n\nFirst.\n").unwrap();
    fs::write(&b, "---\ntitle: B\n---\n\nSecond.\n").unwrap();
    let (mut harness, _) = app_with(vec![a.clone(), b.clone()]);
    type_in_body(&mut harness, "Edit in B. ");
    harness.key_press_modifiers(Modifiers::CTRL, Key::Tab);
    pump(&mut harness);
    type_in_body(&mut harness, "Edit in A. ");
    assert_eq!(
        harness
            .state()
            .workspace
            .docs
            .iter()
            .filter(|d| d.is_dirty())
            .count(),
        2
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Q);
    pump(&mut harness);
    harness.get_by_label("Don't Save Any").click();
    pump(&mut harness);
    assert!(harness.state().may_close(), "one answer for both");
    assert!(harness.query_by_label("Save changes?").is_none());
    assert_eq!(
        fs::read_to_string(&a).unwrap(),
        "---\ntitle: A\n---\n\nFirst.\n"
    );
    assert_eq!(
        fs::read_to_string(&b).unwrap(),
        "---\ntitle: B\n---\n\nSecond.\n"
    );
}

#[test]
fn an_empty_date_shows_no_calendar_date_but_a_today_button() {
    let (mut harness, _) = app_with(vec![]);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    pump(&mut harness);
    assert!(
        harness
            .state()
            .active_doc()
            .unwrap()
            .article
            .meta
            .date
            .is_empty()
    );
    let today = jiff_today();
    assert!(
        harness.query_by_label_contains(&today).is_none(),
        "no date is shown as if it were set"
    );
    harness.get_by_label("Today").click();
    pump(&mut harness);
    assert_eq!(
        harness.state().active_doc().unwrap().article.meta.date,
        today
    );
}

/// Today's date in the system's time zone, as the app reads it.
fn jiff_today() -> String {
    let out = std::process::Command::new("date")
        .arg("+%Y-%m-%d")
        .output()
        .expect("the date command");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

#[test]
fn glyph_buttons_have_names_in_words() {
    let (harness, _) = app_with(vec![]);
    for name in [
        "Bold",
        "Italic",
        "Heading 2",
        "Close tab Sample article (built-in)",
    ] {
        assert!(
            harness
                .query_by_role_and_label(Role::Button, name)
                .is_some(),
            "a button named {name:?}"
        );
    }
    assert!(
        harness.query_by_role_and_label(Role::Button, "B").is_none(),
        "not the glyph"
    );
}
