//! The Publish menu and dialog, driven through the real UI with a scripted
//! publisher (a test implementation of the `Publisher` trait).

use std::sync::{Arc, Mutex};

use copydesk::app::PublishUi;
use copydesk::app::platform::testing::RecordingLauncher;
use copydesk::app::{CopydeskApp, Platform};
use copydesk::publish::sites;
use copydesk::publish::{
    Cause, PostStatus, Progress, PublishError, PublishRequest, Published, Publisher, Remote, Site,
    SiteInfo, Sites,
};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

mod common;
use common::ui::{launch, pump, scripted_platform};

/// Answers as a site would, and remembers what it was asked.
struct Scripted {
    /// Fails the first publish with this.
    fail: Option<Cause>,
    asked: Arc<Mutex<Vec<PublishRequest>>>,
}

impl Publisher for Scripted {
    fn site_name(&self) -> &str {
        "newsroom"
    }

    fn check(&mut self) -> Result<SiteInfo, PublishError> {
        Ok(SiteInfo {
            site_name: "Newsroom".into(),
            user: "jane".into(),
            roles: vec!["editor".into()],
            categories: vec!["Phones".into()],
            tags: vec![],
        })
    }

    fn dry_run(&self, _: &PublishRequest) -> Result<String, PublishError> {
        Ok(String::new())
    }

    fn publish(
        &mut self,
        request: &PublishRequest,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<Published, PublishError> {
        self.asked.lock().unwrap().push(request.clone());
        progress(Progress::Saving);
        if let Some(cause) = &self.fail
            && self.asked.lock().unwrap().len() == 1
        {
            return Err(PublishError::new("newsroom", cause.clone()));
        }
        Ok(Published {
            remote: Remote {
                site: "newsroom".into(),
                id: 77,
                link: "https://news.example/?p=77".into(),
                modified_gmt: "2026-12-01T04:00:00".into(),
            },
            status: request.status.key().into(),
            edit_link: "https://news.example/wp-admin/post.php?post=77&action=edit".into(),
            uploaded: 0,
            reused: 0,
            notes: vec![],
        })
    }
}

const ARTICLE: &str = "---\ntitle: Leica and Xiaomi\ntags: [Leica]\n---\n\nThe body.\n";

type Started = (
    Harness<'static, CopydeskApp>,
    tempfile::TempDir,
    Arc<Mutex<Vec<PublishRequest>>>,
    RecordingLauncher,
);

fn start(fail: Option<Cause>) -> Started {
    let sites = Sites {
        sites: vec![Site {
            name: "newsroom".into(),
            url: "https://news.example".into(),
            user: "jane".into(),
            ..Default::default()
        }],
    };
    start_with(fail, sites, false)
}

/// The app with these sites (kept in the temporary folder's `sites.ron`
/// when `keep_sites`), publishing through a scripted publisher.
fn start_with(fail: Option<Cause>, sites: Sites, keep_sites: bool) -> Started {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("post.md");
    std::fs::write(&file, ARTICLE).unwrap();
    let launcher = RecordingLauncher::default();
    let platform = Platform {
        launcher: Box::new(launcher.clone()),
        ..scripted_platform()
    };
    let mut harness = launch(platform, vec![file]);
    let asked = Arc::new(Mutex::new(Vec::new()));
    let for_factory = asked.clone();
    harness.state_mut().publishing = PublishUi::with_publisher(
        sites,
        keep_sites.then(|| dir.path().join("sites.ron")),
        Box::new(move |_| {
            Ok(Box::new(Scripted {
                fail: fail.clone(),
                asked: for_factory.clone(),
            }) as Box<dyn Publisher>)
        }),
    );
    pump(&mut harness);
    (harness, dir, asked, launcher)
}

fn open_dialog(harness: &mut Harness<'static, CopydeskApp>) {
    harness.get_by_label("Publish").click();
    pump(harness);
    harness.get_by_label("Publish to newsroom…").click();
    pump(harness);
}

fn wait_until_done(harness: &mut Harness<'static, CopydeskApp>) {
    for _ in 0..100 {
        pump(harness);
        if !harness.state().publishing.busy() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    panic!("the publish did not finish");
}

#[test]
fn publishing_live_asks_first_then_records_the_post() {
    let (mut harness, dir, asked, launcher) = start(None);
    let titles = harness.get_all_by_label("Leica and Xiaomi").count();
    open_dialog(&mut harness);
    // The dialog shows what will be sent.
    assert_eq!(
        harness.get_all_by_label("Leica and Xiaomi").count(),
        titles + 1
    );
    harness.get_by_label("a new post");
    harness.get_by_label("publish").click();
    pump(&mut harness);
    harness.get_by_label("Publish Now").click();
    pump(&mut harness);
    // Nothing is sent before the confirmation.
    assert!(asked.lock().unwrap().is_empty());
    harness.get_by_label("Publish Live").click();
    wait_until_done(&mut harness);
    let requests = asked.lock().unwrap().clone();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].status, PostStatus::Publish);
    assert_eq!(requests[0].article.meta.title, "Leica and Xiaomi");
    // The file had no unsaved edits: the record is written to it at once,
    // and only its lines are added.
    let text = std::fs::read_to_string(dir.path().join("post.md")).unwrap();
    assert_eq!(
        text,
        "---\ntitle: Leica and Xiaomi\ntags: [Leica]\npublish:\n  wordpress:\n    site: newsroom\n    id: 77\n    link: \"https://news.example/?p=77\"\n    modified_gmt: \"2026-12-01T04:00:00\"\n---\n\nThe body.\n"
    );
    harness.get_by_label("Open Edit Screen").click();
    pump(&mut harness);
    assert_eq!(
        launcher.opened.borrow().last().unwrap().to_string_lossy(),
        "https://news.example/wp-admin/post.php?post=77&action=edit"
    );
}

#[test]
fn a_failed_publish_is_a_notice_and_leaves_the_file() {
    let (mut harness, dir, asked, _) = start(Some(Cause::WrongPassword));
    open_dialog(&mut harness);
    harness.get_by_label("draft").click();
    pump(&mut harness);
    harness.get_by_label("Publish Now").click();
    wait_until_done(&mut harness);
    assert_eq!(asked.lock().unwrap().len(), 1);
    let notice = harness.state().workspace.notices.last().unwrap();
    assert!(notice.error);
    assert!(
        notice.text.starts_with("site newsroom: "),
        "{}",
        notice.text
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("post.md")).unwrap(),
        ARTICLE
    );
}

#[test]
fn a_post_deleted_on_the_site_brings_the_dialog_back_offering_a_new_post() {
    let (mut harness, _dir, asked, _) = start(Some(Cause::PostDeleted { id: 12 }));
    open_dialog(&mut harness);
    harness.get_by_label("Publish Now").click();
    wait_until_done(&mut harness);
    assert!(!asked.lock().unwrap()[0].as_new);
    harness.get_by_label("Post 12 was deleted on the site. Publish the article as a new post?");
    harness.get_by_label("Publish Now").click();
    wait_until_done(&mut harness);
    let requests = asked.lock().unwrap().clone();
    assert_eq!(requests.len(), 2);
    assert!(
        requests[1].as_new,
        "the dialog came back with a new post ticked"
    );
}

#[test]
fn a_post_edited_on_the_site_is_overwritten_only_by_the_overwrite_button() {
    let (mut harness, _dir, asked, _) = start(Some(Cause::ChangedOnServer {
        id: 12,
        recorded: "2026-12-01T03:00:00".into(),
        now: "2026-12-01T05:00:00".into(),
        fields: vec!["title".into(), "excerpt".into()],
    }));
    open_dialog(&mut harness);
    harness.get_by_label("draft").click();
    pump(&mut harness);
    harness.get_by_label("Publish Now").click();
    wait_until_done(&mut harness);
    assert!(!asked.lock().unwrap()[0].force);
    // The dialog names what changed, and offers no plain "Publish Now".
    harness.get_by_label(
        "Post 12 was edited on the site since the last publish (changed: title, excerpt; 2026-12-01T05:00:00 UTC). Overwrite those changes?",
    );
    assert!(harness.query_by_label("Publish Now").is_none());
    harness.get_by_label("Overwrite").click();
    wait_until_done(&mut harness);
    let requests = asked.lock().unwrap().clone();
    assert_eq!(requests.len(), 2);
    assert!(requests[1].force, "the overwrite was asked for");
    assert_eq!(requests[1].status, PostStatus::Draft);
}

#[test]
fn cancelling_a_conflict_sends_nothing_more() {
    let (mut harness, _dir, asked, _) = start(Some(Cause::ChangedOnServer {
        id: 12,
        recorded: "a".into(),
        now: "b".into(),
        fields: vec![],
    }));
    open_dialog(&mut harness);
    harness.get_by_label("Publish Now").click();
    wait_until_done(&mut harness);
    harness.get_by_label_contains("what changed is unknown");
    harness.get_by_label("Cancel").click();
    pump(&mut harness);
    assert!(harness.query_by_label("Overwrite").is_none());
    assert_eq!(asked.lock().unwrap().len(), 1);
}

/// Passwords go to keyring-core's in-memory store, never a real keyring.
fn mock_keyring() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| sites::use_keyring_store(keyring_core::mock::Store::new().unwrap()));
}

fn type_into(harness: &mut Harness<'static, CopydeskApp>, field: &str, text: &str) {
    let role = if field.contains("Password") {
        Role::PasswordInput
    } else {
        Role::TextInput
    };
    harness.get_by_role_and_label(role, field).focus();
    pump(harness);
    harness.get_by_role_and_label(role, field).type_text(text);
    pump(harness);
}

fn wait_for_label(harness: &mut Harness<'static, CopydeskApp>, label: &str) {
    for _ in 0..250 {
        pump(harness);
        if harness.query_by_label(label).is_some() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    panic!("{label:?} never showed");
}

#[test]
fn the_sites_window_adds_checks_and_removes_a_site() {
    mock_keyring();
    let (mut harness, dir, _, _) = start_with(None, Sites::default(), true);
    harness.get_by_label("Publish").click();
    pump(&mut harness);
    harness.get_by_label("Sites…").click();
    pump(&mut harness);
    harness.get_by_label("No sites yet.");
    type_into(&mut harness, "Site name", "blog");
    type_into(&mut harness, "Site address", "https://blog.example/");
    type_into(&mut harness, "User name", "jane");
    type_into(&mut harness, "Application Password", "abcd efgh ijkl");
    harness.get_by_label("Add Site").click();
    pump(&mut harness);
    harness.get_by_label("Site blog added");
    let file = std::fs::read_to_string(dir.path().join("sites.ron")).unwrap();
    assert!(file.contains("\"https://blog.example\""), "{file}");
    assert!(!file.contains("abcd"), "never the password: {file}");
    let site = harness
        .state()
        .publishing
        .sites
        .get("blog")
        .unwrap()
        .clone();
    assert_eq!(sites::password(&site).unwrap(), "abcd efgh ijkl");
    // The password field was emptied.
    assert_eq!(
        harness
            .get_by_role_and_label(Role::PasswordInput, "Application Password")
            .value()
            .unwrap_or_default(),
        ""
    );

    harness.get_by_label("Check blog").click();
    wait_for_label(
        &mut harness,
        "blog: signed in as jane (editor); categories: Phones; tags: ",
    );

    // Removing asks first: the password goes with the site.
    harness.get_by_label("Remove blog").click();
    pump(&mut harness);
    harness.get_by_label("Keep").click();
    pump(&mut harness);
    assert!(harness.state().publishing.sites.get("blog").is_some());
    assert_eq!(sites::password(&site).unwrap(), "abcd efgh ijkl");
    harness.get_by_label("Remove blog").click();
    pump(&mut harness);
    harness.get_by_label("Remove blog and forget its password?");
    harness.get_by_label("Remove and Forget").click();
    pump(&mut harness);
    harness.get_by_label("No sites yet.");
    let file = std::fs::read_to_string(dir.path().join("sites.ron")).unwrap();
    assert!(!file.contains("blog"), "{file}");
    assert!(sites::password(&site).is_err(), "the password is forgotten");
}

#[test]
fn the_command_palette_opens_the_sites_window() {
    let (mut harness, _dir, _, _) = start_with(None, Sites::default(), true);
    assert!(harness.query_by_label("No sites yet.").is_none());
    harness.key_press_modifiers(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::P);
    pump(&mut harness);
    type_into(&mut harness, "Run a command", "publishing sites");
    harness.key_press(Key::Enter);
    pump(&mut harness);
    harness.get_by_label("No sites yet.");
}

#[test]
fn connecting_in_the_browser_keeps_the_password_wordpress_hands_back() {
    mock_keyring();
    let (mut harness, dir, _, launcher) = start_with(None, Sites::default(), true);
    harness.state_mut().publishing.open_sites();
    pump(&mut harness);
    type_into(&mut harness, "Site name", "news");
    type_into(&mut harness, "Site address", "https://news.example");
    harness.get_by_label("Connect in Browser").click();
    pump(&mut harness);
    harness.get_by_label("Waiting for your approval in the browser…");
    let opened = launcher
        .opened
        .borrow()
        .last()
        .unwrap()
        .to_string_lossy()
        .to_string();
    let (screen, query) = opened.split_once('?').unwrap();
    assert_eq!(
        screen,
        "https://news.example/wp-admin/authorize-application.php"
    );
    let success = form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == "success_url")
        .unwrap()
        .1
        .to_string();
    assert!(success.starts_with("http://127.0.0.1:"), "{success}");
    // WordPress sends the browser back with the account and its new password.
    let mut page = ureq::get(format!(
        "{success}?site_url=https%3A%2F%2Fnews.example&user_login=jane&password=abcd+efgh+ijkl"
    ))
    .call()
    .unwrap();
    assert!(
        page.body_mut()
            .read_to_string()
            .unwrap()
            .contains("Copydesk is connected")
    );
    wait_for_label(&mut harness, "Site news connected as jane");
    let site = harness
        .state()
        .publishing
        .sites
        .get("news")
        .unwrap()
        .clone();
    assert_eq!(site.user, "jane");
    assert_eq!(sites::password(&site).unwrap(), "abcd efgh ijkl");
    let file = std::fs::read_to_string(dir.path().join("sites.ron")).unwrap();
    assert!(!file.contains("abcd"), "{file}");
}
