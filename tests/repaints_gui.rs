//! The real app in a real window (Xvfb, software rendering): a typed key
//! costs one full-window paint, not the six that egui's defaults gave (a
//! frame for the key's press and one for its release, each with two
//! follow-up frames), and typing with held-back releases still types,
//! takes Ctrl shortcuts and saves. Frames are counted from the app's own
//! trace (`COPYDESK_TRACE_REPAINTS`).
#![cfg(all(unix, not(target_os = "macos")))]

mod common;
use common::xdotool;

use std::fs;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Frames (first passes) in the trace so far.
fn frames(trace: &std::path::Path) -> usize {
    fs::read_to_string(trace)
        .unwrap_or_default()
        .lines()
        .filter(|l| l.starts_with("frame "))
        .count()
}

/// Waits until no frame has been traced for `quiet`, at most `limit`.
fn wait_quiet(trace: &std::path::Path, quiet: Duration, limit: Duration) {
    let start = Instant::now();
    let mut last = (frames(trace), Instant::now());
    while start.elapsed() < limit {
        std::thread::sleep(Duration::from_millis(100));
        let now = frames(trace);
        if now != last.0 {
            last = (now, Instant::now());
        } else if last.1.elapsed() >= quiet {
            return;
        }
    }
}

/// Types into a fresh app (with `env` set), returns the frames traced
/// for `typed` (and checks that the text arrived and was saved).
fn frames_for_typing(typed: &str, env: &[(&str, &str)]) -> usize {
    let server = common::start_xvfb();
    let home = tempfile::tempdir().unwrap();
    let article = home.path().join("story.md");
    fs::write(&article, "---\ntitle: A story\n---\n\nFirst paragraph.\n").unwrap();
    let trace = home.path().join("trace.txt");
    let mut app = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .arg(&article)
        .env("DISPLAY", &server.display)
        .env("HOME", home.path())
        .env("COPYDESK_CONFIG_DIR", home.path().join("config"))
        .env("COPYDESK_DATA_DIR", home.path().join("data"))
        .env("COPYDESK_TRACE_REPAINTS", "1")
        .envs(env.iter().copied())
        .env_remove("WAYLAND_DISPLAY")
        .stdout(Stdio::null())
        .stderr(fs::File::create(&trace).unwrap())
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
            "the window did not appear: {}",
            fs::read_to_string(&trace).unwrap_or_default()
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    xdotool(&server.display, &["windowfocus", "--sync", &window]);
    xdotool(&server.display, &["key", "ctrl+End", "Return"]);
    wait_quiet(&trace, Duration::from_millis(1500), Duration::from_secs(20));

    let before = frames(&trace);
    xdotool(&server.display, &["type", "--delay", "150", typed]);
    wait_quiet(&trace, Duration::from_millis(1500), Duration::from_secs(20));
    let during = frames(&trace) - before;

    // Released keys held back still let Ctrl+S reach the app.
    xdotool(&server.display, &["key", "ctrl+s"]);
    let saved = Instant::now();
    while !fs::read_to_string(&article).is_ok_and(|t| t.contains(typed)) {
        assert!(
            saved.elapsed() < Duration::from_secs(10),
            "the typed text was not saved: {:?}",
            fs::read_to_string(&article)
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let text = fs::read_to_string(&article).unwrap();
    assert!(
        text.contains(&format!("First paragraph.\n\n{typed}")),
        "typed where the cursor was: {text:?}"
    );
    app.kill().unwrap();
    app.wait().unwrap();
    during
}

#[test]
fn a_typed_key_costs_one_frame() {
    let typed = "twelve words";
    let keys = typed.chars().count();
    let gated = frames_for_typing(typed, &[]);
    // One frame per key, plus the frames asked for after typing pauses
    // (word count and preview, spelling, autosave) and a margin.
    assert!(during_ok(gated, keys), "{gated} frames for {keys} keys");
    // The same without the gate: egui's defaults give a frame for each
    // press and release and two follow-ups each, merged when the app lags.
    let every = frames_for_typing(typed, &[("COPYDESK_EVERY_FRAME", "1")]);
    eprintln!("frames for {keys} keys: {gated} with the gate, {every} without");
    assert!(
        every > gated + keys / 2,
        "{every} frames for {keys} keys without the gate: does this test still measure anything?"
    );
}

fn during_ok(frames: usize, keys: usize) -> bool {
    frames <= keys + 6
}
