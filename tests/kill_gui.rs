//! The real app in a real window (Xvfb, software rendering): typed text
//! reaches a recovery file within seconds, and survives `kill -9`.
#![cfg(all(unix, not(target_os = "macos")))]

mod common;
use common::xdotool;

use std::fs;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use copydesk::recovery;

#[test]
fn typed_text_survives_killing_the_app() {
    let server = common::start_xvfb();
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("data");
    let article = home.path().join("story.md");
    fs::write(&article, "---\ntitle: A story\n---\n\nFirst paragraph.\n").unwrap();
    let mut app = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .arg(&article)
        .env("DISPLAY", &server.display)
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_DATA_HOME", home.path().join("share"))
        .env("COPYDESK_DATA_DIR", &data)
        .env_remove("WAYLAND_DISPLAY")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();

    let start = Instant::now();
    let window = loop {
        let found = xdotool(&server.display, &["search", "--name", "story.md"]);
        if let Some(id) = found.lines().next().filter(|l| !l.is_empty()) {
            break id.to_string();
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "the window did not appear"
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    std::thread::sleep(Duration::from_millis(500));
    xdotool(&server.display, &["windowfocus", "--sync", &window]);
    xdotool(&server.display, &["type", "--delay", "20", "Survive this"]);

    // The recovery file appears within seconds of the last key.
    let typed = Instant::now();
    let recovery_root = data.join("recovery");
    let file = loop {
        let found = fs::read_dir(&recovery_root)
            .into_iter()
            .flatten()
            .flatten()
            .flat_map(|session| fs::read_dir(session.path()).into_iter().flatten().flatten())
            .map(|entry| entry.path())
            .find(|f| {
                f.extension().is_some_and(|e| e == "md")
                    && fs::read_to_string(f).is_ok_and(|t| t.contains("Survive this"))
            });
        if let Some(f) = found {
            break f;
        }
        assert!(
            typed.elapsed() < Duration::from_secs(10),
            "no recovery file with the typed text"
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(
        typed.elapsed() < Duration::from_secs(6),
        "written {:?} after typing",
        typed.elapsed()
    );

    app.kill().unwrap();
    app.wait().unwrap();
    let orphans = recovery::orphans(&recovery_root);
    assert_eq!(orphans.len(), 1, "{file:?}");
    let recovered = orphans[0].article.as_ref().unwrap();
    assert!(
        recovered.body.contains("Survive this"),
        "{}",
        recovered.body
    );
    assert_eq!(orphans[0].source.as_deref(), Some(article.as_path()));
    assert!(
        fs::read_to_string(&article)
            .unwrap()
            .contains("First paragraph."),
        "the file itself is untouched"
    );
}
