//! Copydesk's X11 clipboard owner, read back by `xclip` from a real X server
//! (Xvfb): every target it offers can be read, HTML and text alike, large
//! contents included (INCR). Linux only; `.ci/run` installs Xvfb and xclip.
#![cfg(all(unix, not(target_os = "macos")))]

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use copydesk::app::platform::x11_clipboard;

struct Xvfb(Child);

impl Drop for Xvfb {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A private X server on a display of its own.
fn start_xvfb() -> (Xvfb, String) {
    for n in 140..180 {
        let display = format!(":{n}");
        if std::path::Path::new(&format!("/tmp/.X11-unix/X{n}")).exists() {
            continue;
        }
        let server = Xvfb(
            Command::new("Xvfb")
                .args([
                    display.as_str(),
                    "-screen",
                    "0",
                    "640x480x24",
                    "-nolisten",
                    "tcp",
                ])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("Xvfb is needed for the clipboard test (see .ci/run)"),
        );
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(10) {
            if std::path::Path::new(&format!("/tmp/.X11-unix/X{n}")).exists() {
                return (server, display);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("Xvfb did not start on {display}");
    }
    panic!("no free X display");
}

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
    let (_server, display) = start_xvfb();
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
