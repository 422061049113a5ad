//! Never losing an editor's work, driven through the real UI: autosave and
//! recovery, a bug caught without losing edits, files changed by other
//! programs, broken files.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use copydesk::app::platform::testing::{MemoryClipboard, RecordingLauncher, ScriptedDialogs};
use copydesk::app::{CopydeskApp, Platform};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

mod common;
use common::ui::{launch, pump, type_in_body};

fn platform(dialogs: &ScriptedDialogs, recovery: &Path) -> Platform {
    Platform {
        dialogs: Box::new(dialogs.clone()),
        clipboard: Box::new(MemoryClipboard::default()),
        launcher: Box::new(RecordingLauncher::default()),
        recovery_dir: Some(recovery.to_path_buf()),
        config_dir: None,
    }
}

fn start(
    files: Vec<PathBuf>,
    recovery: &Path,
    dialogs: &ScriptedDialogs,
) -> Harness<'static, CopydeskApp> {
    launch(platform(dialogs, recovery), files)
}

/// Steps the UI (simulated time) and waits (real time) until `done`.
fn wait_until(
    harness: &mut Harness<'_, CopydeskApp>,
    what: &str,
    mut done: impl FnMut(&Harness<'_, CopydeskApp>) -> bool,
) {
    let start = Instant::now();
    while !done(harness) {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "timed out waiting for {what}"
        );
        harness.step();
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn article_file(dir: &Path) -> PathBuf {
    let path = dir.join("story.md");
    fs::write(&path, "---\ntitle: A story\n---\n\nFirst paragraph.\n").unwrap();
    path
}

fn recovery_file(harness: &Harness<'_, CopydeskApp>) -> PathBuf {
    let app = harness.state();
    app.workspace
        .autosave
        .file_for(app.active_doc().unwrap())
        .expect("autosave is on")
}

#[test]
fn unsaved_edits_reach_a_recovery_file_within_five_seconds() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = tempfile::tempdir().unwrap();
    let dialogs = ScriptedDialogs::default();
    let path = article_file(dir.path());
    let mut harness = start(vec![path.clone()], recovery.path(), &dialogs);
    type_in_body(&mut harness, "Edit one. ");
    let file = recovery_file(&harness);
    let typed_at = harness.ctx.input(|i| i.time);
    wait_until(&mut harness, "the recovery file", |_| file.exists());
    let elapsed = harness.ctx.input(|i| i.time) - typed_at;
    assert!(elapsed <= 5.0, "written {elapsed:.1} s after the last key");
    let text = fs::read_to_string(&file).unwrap();
    let doc = copydesk::format::parse_markdown(&text).expect("ordinary Copydesk Markdown");
    assert!(doc.article.body.contains("Edit one. "));
    assert!(
        text.contains(&format!("copydesk_recovery_of: {}", path.display())),
        "{text}"
    );

    // A clean save removes it.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    pump(&mut harness);
    wait_until(&mut harness, "the recovery file to go", |_| !file.exists());
}

#[test]
fn after_a_crash_the_next_start_offers_to_restore_the_edits() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = tempfile::tempdir().unwrap();
    let dialogs = ScriptedDialogs::default();
    let path = article_file(dir.path());
    {
        let mut harness = start(vec![path.clone()], recovery.path(), &dialogs);
        type_in_body(&mut harness, "Words that must survive. ");
        let file = recovery_file(&harness);
        wait_until(&mut harness, "the recovery file", |_| file.exists());
        // The process "dies": nothing is saved, the session lock is released.
    }
    let mut harness = start(vec![], recovery.path(), &dialogs);
    assert!(
        harness.query_by_label("Recover unsaved work").is_some(),
        "the restore prompt shows"
    );
    assert!(
        harness
            .query_by_label_contains("last change kept today at ")
            .is_some(),
        "in local time, as a person says it"
    );
    harness.get_by_label("Restore story.md").click();
    pump(&mut harness);
    let doc = harness.state().active_doc().unwrap();
    assert_eq!(doc.path.as_deref(), Some(path.as_path()));
    assert!(doc.is_dirty());
    assert!(doc.article.body.contains("Words that must survive. "));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    pump(&mut harness);
    assert!(
        fs::read_to_string(&path)
            .unwrap()
            .contains("Words that must survive. ")
    );
}

#[test]
fn recovered_work_can_be_kept_for_later_or_discarded() {
    let recovery = tempfile::tempdir().unwrap();
    let dialogs = ScriptedDialogs::default();
    {
        let mut harness = start(vec![], recovery.path(), &dialogs);
        type_in_body(&mut harness, "Sample edits. ");
        let file = recovery_file(&harness);
        wait_until(&mut harness, "the recovery file", |_| file.exists());
    }
    {
        let mut harness = start(vec![], recovery.path(), &dialogs);
        harness.get_by_label("Keep for Later").click();
        pump(&mut harness);
        assert!(harness.query_by_label("Recover unsaved work").is_none());
    }
    let mut harness = start(vec![], recovery.path(), &dialogs);
    assert!(
        harness.query_by_label("Recover unsaved work").is_some(),
        "kept for later: offered again"
    );
    harness.get_by_label("Discard").click();
    pump(&mut harness);
    drop(harness);
    let harness = start(vec![], recovery.path(), &dialogs);
    assert!(
        harness.query_by_label("Recover unsaved work").is_none(),
        "discarded for good"
    );
}

#[test]
fn a_bug_in_the_ui_saves_the_work_and_says_so() {
    let recovery = tempfile::tempdir().unwrap();
    let dialogs = ScriptedDialogs::default();
    let mut harness = start(vec![], recovery.path(), &dialogs);
    type_in_body(&mut harness, "Just typed. ");
    let file = recovery_file(&harness);
    harness.state_mut().panic_next_frame = true;
    pump(&mut harness);
    assert!(harness.query_by_label("Something went wrong").is_some());
    let text = fs::read_to_string(&file).expect("recovery written before the message");
    assert!(text.contains("Just typed. "));
    let log = fs::read_to_string(file.parent().unwrap().join("crash.log")).expect("a crash log");
    assert!(log.contains("a bug, as asked for by a test"), "{log}");
    assert!(harness.state().may_close(), "the window can be closed now");
}

#[test]
fn an_autosave_folder_that_cannot_be_made_is_told_and_the_crash_screen_says_nothing_was_kept() {
    let dir = tempfile::tempdir().unwrap();
    // A file where the recovery folder should be: nothing can be written.
    let blocker = dir.path().join("not-a-folder");
    fs::write(&blocker, "").unwrap();
    let dialogs = ScriptedDialogs::default();
    let mut harness = start(vec![], &blocker.join("recovery"), &dialogs);
    pump(&mut harness);
    assert!(
        harness
            .query_by_label_contains("Autosave is not working: cannot write recovery files in")
            .is_some(),
        "the editor is told at once"
    );
    type_in_body(&mut harness, "Only in memory. ");
    assert!(harness.query_by_label("⚠ Not autosaved").is_some());
    harness.state_mut().panic_next_frame = true;
    pump(&mut harness);
    assert!(harness.query_by_label("Something went wrong").is_some());
    assert!(
        harness
            .query_by_label_contains("Recovery files are off (cannot write recovery files in")
            .is_some(),
        "the crash screen does not claim the work was saved"
    );
    assert!(harness.query_by_label_contains("were saved in").is_none());
}

#[test]
fn recovery_files_that_stop_being_written_are_told_and_the_crash_screen_tells_the_truth() {
    let recovery = tempfile::tempdir().unwrap();
    let dialogs = ScriptedDialogs::default();
    let mut harness = start(vec![], recovery.path(), &dialogs);
    type_in_body(&mut harness, "First words. ");
    let file = recovery_file(&harness);
    wait_until(&mut harness, "the recovery file", |_| file.exists());
    assert!(
        harness
            .query_by_label_contains("Autosave is not working")
            .is_none()
    );
    // The session folder is taken away (a cleaner, an unplugged drive) and a
    // file put in its place.
    let session = file.parent().unwrap().to_path_buf();
    fs::remove_dir_all(&session).unwrap();
    fs::write(&session, "").unwrap();
    type_in_body(&mut harness, "More words. ");
    wait_until(&mut harness, "the autosave failure notice", |h| {
        h.query_by_label_contains("Autosave is not working: could not write")
            .is_some()
    });
    assert!(
        harness
            .query_by_label_contains("your work is only in memory")
            .is_some()
    );
    harness.state_mut().panic_next_frame = true;
    pump(&mut harness);
    assert!(
        harness
            .query_by_label_contains("could NOT be saved")
            .is_some(),
        "the crash screen says what was not kept"
    );
    assert!(harness.query_by_label_contains("were saved in").is_none());
}

#[test]
fn a_file_changed_by_another_program_can_be_reloaded() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = tempfile::tempdir().unwrap();
    let dialogs = ScriptedDialogs::default();
    let path = article_file(dir.path());
    let mut harness = start(vec![path.clone()], recovery.path(), &dialogs);
    std::thread::sleep(Duration::from_millis(200));
    fs::write(
        &path,
        "---\ntitle: A story\n---\n\nA colleague rewrote this.\n",
    )
    .unwrap();
    wait_until(&mut harness, "the outside-change banner", |h| {
        h.query_by_label_contains("Another program changed this file")
            .is_some()
    });
    harness.get_by_label("Reload").click();
    pump(&mut harness);
    let doc = harness.state().active_doc().unwrap();
    assert_eq!(doc.article.body, "A colleague rewrote this.\n");
    assert!(!doc.is_dirty());
}

#[test]
fn saving_over_a_file_changed_on_disk_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = tempfile::tempdir().unwrap();
    let dialogs = ScriptedDialogs::default();
    let path = article_file(dir.path());
    let mut harness = start(vec![path.clone()], recovery.path(), &dialogs);
    type_in_body(&mut harness, "Mine. ");
    fs::write(&path, "---\ntitle: A story\n---\n\nTheirs.\n").unwrap();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    pump(&mut harness);
    assert!(harness.query_by_label("The file changed on disk").is_some());
    harness.get_by_label("Cancel").click();
    pump(&mut harness);
    assert!(
        fs::read_to_string(&path).unwrap().contains("Theirs."),
        "nothing overwritten"
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    pump(&mut harness);
    harness.get_by_label("Overwrite").click();
    pump(&mut harness);
    assert!(fs::read_to_string(&path).unwrap().contains("Mine. "));
    assert!(!harness.state().active_doc().unwrap().is_dirty());
}

#[test]
fn bytes_no_encoding_explains_open_only_as_a_repaired_copy() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = tempfile::tempdir().unwrap();
    let dialogs = ScriptedDialogs::default();
    // UTF-8 with a paragraph pasted in from a Latin-1 file.
    let latin1 = dir.path().join("latin1.txt");
    fs::write(
        &latin1,
        b"Caf\xc3\xa9 news\n\nThe caf\xe9 opened today, and the town is happy about it.\n",
    )
    .unwrap();
    let mut harness = start(vec![latin1.clone()], recovery.path(), &dialogs);
    assert!(harness.query_by_label("Not UTF-8 text").is_some());
    harness.get_by_label("Open a Repaired Copy").click();
    pump(&mut harness);
    let doc = harness.state().active_doc().unwrap();
    assert_eq!(doc.display_name(), "latin1.txt (repaired copy)");
    assert!(doc.path.is_none() && doc.is_dirty());
    assert!(doc.article.body.contains('\u{fffd}'));
    let target = dir.path().join("latin1.md");
    dialogs.answer(vec![target.clone()]);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    pump(&mut harness);
    assert_eq!(dialogs.asked.borrow().len(), 1, "saving asks where");
    assert!(target.exists());
    assert_eq!(
        fs::read(&latin1).unwrap()[3],
        0xc3,
        "the original is untouched"
    );
}

#[test]
fn drafts_in_other_encodings_open_and_the_status_bar_says_which() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = tempfile::tempdir().unwrap();
    let dialogs = ScriptedDialogs::default();
    let draft = dir.path().join("cafe.txt");
    fs::write(
        &draft,
        b"Caf\xe9 prices rise\n\nThe caf\xe9 on the corner raised its prices this week, and the regulars are not happy about it.\n",
    )
    .unwrap();
    // A post Notepad saved as “Unicode”: UTF-16 LE with a byte-order mark.
    let post = dir.path().join("post.md");
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(
        "---\r\ntitle: Caffè\r\n---\r\n\r\nUn caffè, per favore.\r\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    fs::write(&post, &utf16).unwrap();
    let mut harness = start(vec![draft.clone(), post.clone()], recovery.path(), &dialogs);
    let show = |harness: &mut Harness<'_, CopydeskApp>, path: &Path| {
        let app = harness.state_mut();
        app.workspace.active = app
            .workspace
            .docs
            .iter()
            .position(|d| {
                d.path.as_deref() == Some(path) || d.imported_from.as_deref() == Some(path)
            })
            .unwrap();
        pump(harness);
    };
    assert!(
        harness.query_by_label("Not UTF-8 text").is_none(),
        "no repair asked"
    );
    assert!(
        harness
            .query_by_label_contains("post.md was read as UTF-16 LE text; saving it writes UTF-8")
            .is_some(),
        "a notice says the post will be saved as UTF-8"
    );
    show(&mut harness, &post);
    let doc = harness.state().active_doc().unwrap();
    assert_eq!(doc.article.meta.title, "Caffè");
    assert!(!doc.is_dirty(), "reading is not a change");
    assert!(harness.query_by_label("Read as UTF-16 LE").is_some());

    show(&mut harness, &draft);
    let doc = harness.state().active_doc().unwrap();
    assert_eq!(doc.article.meta.title, "Café prices rise");
    assert_eq!(doc.article.meta.effective_slug(), "cafe-prices-rise");
    assert!(harness.query_by_label("Read as Windows-1252").is_some());

    // Saving the post writes UTF-8; nothing says it is changed on disk.
    show(&mut harness, &post);
    type_in_body(&mut harness, "Grazie. ");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    pump(&mut harness);
    assert!(
        harness
            .query_by_label_contains("was changed by another program")
            .is_none()
    );
    let saved = fs::read_to_string(&post).expect("UTF-8 now");
    assert!(saved.starts_with("---\r\ntitle: Caffè\r\n"), "{saved:?}");
    assert!(saved.contains("Grazie. "), "{saved:?}");
    assert!(harness.query_by_label("Read as UTF-16 LE").is_none());
    assert_eq!(fs::read(&draft).unwrap()[3], 0xe9, "the draft is untouched");
}

#[test]
fn malformed_front_matter_opens_the_body_and_keeps_the_metadata_text() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = tempfile::tempdir().unwrap();
    let dialogs = ScriptedDialogs::default();
    let path = dir.path().join("broken.md");
    fs::write(
        &path,
        "---\ntitle: [unclosed\nlayout: post\n---\n\nThe body.\n",
    )
    .unwrap();
    let mut harness = start(vec![path.clone()], recovery.path(), &dialogs);
    assert!(
        harness
            .query_by_label_contains(
                "The metadata could not be read — front matter, line 2: a [ list is never closed."
            )
            .is_some(),
        "plain words, the line where the [ opened"
    );
    assert_eq!(
        harness.state().active_doc().unwrap().article.body,
        "The body.\n"
    );
    type_in_body(&mut harness, "More. ");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    pump(&mut harness);
    let saved = fs::read_to_string(&path).unwrap();
    assert!(
        saved.starts_with("---\ntitle: [unclosed\nlayout: post\n---\n"),
        "kept as written: {saved}"
    );
    assert!(saved.contains("More. "));
    // Its fields stay shut: a title typed there would be written as a new
    // front matter in place of the one kept.
    assert!(
        harness
            .get_by_role_and_label(Role::TextInput, "Title")
            .accesskit_node()
            .is_disabled()
    );

    harness.get_by_label("Fix the Front Matter…").click();
    pump(&mut harness);
    assert!(
        harness
            .query_by_label("front matter, line 2: a [ list is never closed")
            .is_some(),
        "the editor says what to fix"
    );
    let editor = harness.get_by_role_and_label(Role::MultilineTextInput, "Front matter");
    editor.focus();
    pump(&mut harness);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_by_role_and_label(Role::MultilineTextInput, "Front matter")
        .type_text("title: Fixed\nlayout: post\n");
    pump(&mut harness);
    harness.get_by_label("Read Again").click();
    pump(&mut harness);
    let doc = harness.state().active_doc().unwrap();
    assert_eq!(doc.article.meta.title, "Fixed");
    assert!(doc.front_matter_problem.is_none());
}

#[test]
fn a_file_with_malformed_front_matter_reloads_after_an_outside_change() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = tempfile::tempdir().unwrap();
    let dialogs = ScriptedDialogs::default();
    let path = dir.path().join("broken.md");
    fs::write(&path, "---\ntitle: [unclosed\n---\n\nThe body.\n").unwrap();
    let mut harness = start(vec![path.clone()], recovery.path(), &dialogs);
    std::thread::sleep(Duration::from_millis(200));
    fs::write(&path, "---\ntitle: [still unclosed\n---\n\nTheir body.\n").unwrap();
    wait_until(&mut harness, "the outside-change banner", |h| {
        h.query_by_label_contains("Another program changed this file")
            .is_some()
    });
    harness.get_by_label("Reload").click();
    pump(&mut harness);
    assert!(
        harness
            .query_by_label_contains("Could not reload")
            .is_none(),
        "reloading works as opening did"
    );
    let doc = harness.state().active_doc().unwrap();
    assert_eq!(doc.article.body, "Their body.\n");
    assert!(!doc.is_dirty());
    assert!(!doc.changed_on_disk);
    assert!(
        doc.front_matter_problem.is_some(),
        "still says what is wrong"
    );
    assert_eq!(
        doc.to_markdown(),
        "---\ntitle: [still unclosed\n---\n\nTheir body.\n",
        "the new front matter is kept as written"
    );
}

#[test]
fn a_failed_save_says_why_and_keeps_the_document() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = tempfile::tempdir().unwrap();
    let dialogs = ScriptedDialogs::default();
    let folder = dir.path().join("gone");
    fs::create_dir_all(&folder).unwrap();
    let path = article_file(&folder);
    let mut harness = start(vec![path.clone()], recovery.path(), &dialogs);
    type_in_body(&mut harness, "Unsaved words. ");
    // The folder disappears (an unplugged drive, a sync client).
    fs::remove_dir_all(&folder).unwrap();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    pump(&mut harness);
    assert!(
        harness.query_by_label_contains("Could not save").is_some(),
        "the window says so"
    );
    let doc = harness.state().active_doc().unwrap();
    assert!(doc.is_dirty(), "still unsaved");
    assert!(doc.article.body.contains("Unsaved words. "), "nothing lost");
}

/// Eleventy's JavaScript front matter (`---js`) is not YAML: the post opens
/// with its body editable, the block is written back byte for byte, and no
/// YAML block is ever put above it.
#[test]
fn javascript_front_matter_is_kept_and_its_fields_stay_shut() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = tempfile::tempdir().unwrap();
    let dialogs = ScriptedDialogs::default();
    let path = dir.path().join("fifth.md");
    let block = "---js\nconst title = \"A fifth post\";\nconst draft = true;\n---\n";
    fs::write(&path, format!("{block}This is a draft post\n")).unwrap();
    let mut harness = start(vec![path.clone()], recovery.path(), &dialogs);
    assert!(
        harness
            .query_by_label_contains("written in JavaScript (---js)")
            .is_some()
    );
    assert!(harness.query_by_label("Fix the Front Matter…").is_none());
    assert!(
        harness
            .get_by_role_and_label(Role::TextInput, "Title")
            .accesskit_node()
            .is_disabled()
    );
    type_in_body(&mut harness, "Edited. ");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    pump(&mut harness);
    let saved = fs::read_to_string(&path).unwrap();
    assert_eq!(saved, format!("{block}This is a draft post\nEdited. "));
}
