//! Copydesk's X11 clipboard owner, read back by `xclip` from a real X server
//! (Xvfb): every target it offers can be read, HTML and text alike, large
//! contents included (INCR). Linux only; `.ci/run` installs Xvfb and xclip.
#![cfg(all(unix, not(target_os = "macos")))]

mod common;

use std::process::Command;

use copydesk::app::platform::x11_clipboard;

fn xclip(display: &str, target: &str) -> (bool, Vec<u8>) {
    let out = Command::new("xclip")
        .args(["-selection", "clipboard", "-t", target, "-o"])
        .env("DISPLAY", display)
        .output()
        .expect("xclip is needed for the clipboard test (see .ci/run)");
    (out.status.success(), out.stdout)
}

#[test]
fn every_offered_target_can_be_read() {
    let server = common::start_xvfb();
    let display = server.display.clone();
    // SAFETY of the test: DISPLAY is read by this process's X11 client only.
    unsafe { std::env::set_var("DISPLAY", &display) };
    let html = "<p>“Leica” <strong>phone</strong></p>";
    let text = "“Leica” phone";
    x11_clipboard::serve(text, Some(html)).expect("serving the clipboard");

    let (ok, targets) = xclip(&display, "TARGETS");
    assert!(ok);
    let targets = String::from_utf8(targets).unwrap();
    let targets: Vec<&str> = targets.lines().collect();
    for expected in [
        "UTF8_STRING",
        "text/plain;charset=utf-8",
        "text/plain",
        "text/html",
    ] {
        assert!(
            targets.contains(&expected),
            "{expected} offered: {targets:?}"
        );
    }
    for target in &targets {
        let (ok, bytes) = xclip(&display, target);
        assert!(ok, "{target} is offered, so it must be served");
        let expected = match *target {
            "text/html" => html.as_bytes(),
            "UTF8_STRING" | "text/plain;charset=utf-8" | "text/plain" => text.as_bytes(),
            _ => continue,
        };
        assert_eq!(bytes, expected, "{target}");
    }

    // A long article goes out in INCR chunks.
    let long_html = "<p>word</p>\n".repeat(150_000);
    x11_clipboard::serve("plain", Some(&long_html)).expect("serving again");
    let (ok, bytes) = xclip(&display, "text/html");
    assert!(ok);
    assert_eq!(bytes.len(), long_html.len());
    assert_eq!(bytes, long_html.as_bytes());
}
