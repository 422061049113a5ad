//! The real app read through AT-SPI, as Orca reads it on Linux: a private
//! D-Bus session with its accessibility bus told a screen reader is on, the
//! app in a real window (Xvfb), and `tests/support/atspi_tree.py` reading
//! its tree with pyatspi (at-spi2-core and python3-pyatspi, installed by
//! `.ci/run`).
#![cfg(all(unix, not(target_os = "macos")))]

mod common;

use std::process::{Command, Stdio};

use serde_json::Value;

/// Every node under `node`, depth first.
fn nodes(node: &Value) -> Vec<&Value> {
    let mut all = vec![node];
    for child in node["children"].as_array().into_iter().flatten() {
        all.extend(nodes(child));
    }
    all
}

fn has(tree: &Value, role: &str, name: &str) -> bool {
    nodes(tree)
        .iter()
        .any(|n| n["role"] == role && n["name"] == name)
}

/// The app's tree, then its tree with the File menu open.
fn read_trees() -> (Value, Value) {
    let server = common::start_xvfb();
    let home = tempfile::tempdir().unwrap();
    // The session: ScreenReaderEnabled on the accessibility bus (which
    // AccessKit waits for before it builds a tree), the app, the reader.
    let script = r#"
        gdbus call --session --dest org.a11y.Bus --object-path /org/a11y/bus \
          --method org.freedesktop.DBus.Properties.Set \
          org.a11y.Status ScreenReaderEnabled '<true>' >/dev/null || exit 2
        "$APP" >/dev/null 2>&1 &
        app=$!
        /usr/bin/python3 "$READER" copydesk File
        status=$?
        kill $app
        exit $status
    "#;
    let out = Command::new("dbus-run-session")
        .args(["--", "sh", "-c", script])
        .env("APP", env!("CARGO_BIN_EXE_copydesk"))
        .env(
            "READER",
            concat!(env!("CARGO_MANIFEST_DIR"), "/tests/support/atspi_tree.py"),
        )
        .env("DISPLAY", &server.display)
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_DATA_HOME", home.path().join("share"))
        .env("COPYDESK_DATA_DIR", home.path().join("data"))
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .stdin(Stdio::null())
        .output()
        .expect("dbus-run-session is needed for this test (see .ci/run)");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "reading the tree failed ({}):\n{stdout}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let mut trees = stdout
        .lines()
        .filter(|l| l.starts_with('{'))
        .map(|l| serde_json::from_str::<Value>(l).unwrap());
    (trees.next().unwrap(), trees.next().unwrap())
}

#[test]
fn a_screen_reader_finds_names_and_roles() {
    let (tree, with_menu) = read_trees();
    let all = nodes(&tree);

    // The window is named with its title.
    assert!(has(&tree, "frame", "Sample article (built-in) — Copydesk"));
    // Each region is named.
    for region in [
        "Menu bar and toolbar",
        "Status bar",
        "Metadata",
        "Documents",
        "Preview",
        "Body",
    ] {
        assert!(has(&tree, "panel", region), "no panel named {region:?}");
    }
    // Buttons are named in words, even those drawn as a glyph.
    for button in ["Bold", "Italic", "Heading 2", "Remove this author"] {
        assert!(has(&tree, "push button", button), "no button {button:?}");
    }
    assert!(has(
        &tree,
        "push button",
        "Close tab Sample article (built-in)"
    ));
    for node in &all {
        let role = node["role"].as_str().unwrap();
        let name = node["name"].as_str().unwrap();
        if role.ends_with("button") || role == "entry" || role == "combo box" {
            assert!(
                name.chars().filter(|c| c.is_alphabetic()).count() >= 2,
                "a {role} without a name in words: {name:?}"
            );
        }
    }
    // The status box says its value.
    assert!(
        all.iter().any(|n| n["role"] == "combo box"
            && n["name"] == "Status"
            && n["description"] == "Draft")
    );
    // The preview's title and subheadings are headings.
    assert!(has(
        &tree,
        "heading",
        "Xiaomi and Leica together for a new smartphone"
    ));
    assert!(has(
        &tree,
        "heading",
        "Xiaomi and Leica: partnership between companies confirmed"
    ));
    // The body is a named field.
    assert!(has(&tree, "entry", "Body (Markdown)"));

    // Menu items are named without their shortcut.
    let items: Vec<&str> = nodes(&with_menu)
        .iter()
        .filter(|n| n["role"] == "menu item")
        .map(|n| n["name"].as_str().unwrap())
        .collect();
    assert!(items.contains(&"Save"), "the File menu's items: {items:?}");
    assert!(items.contains(&"Quit"), "the File menu's items: {items:?}");
    for item in &items {
        assert!(
            !item.contains("Ctrl") && !item.contains('⌘'),
            "a menu item's name carries its shortcut: {item:?}"
        );
    }
}
