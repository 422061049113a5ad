//! Helpers shared by the tests that need a real X server.
#![allow(dead_code)]

#[cfg(feature = "gui")]
pub mod ui;

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A private Xvfb, stopped when dropped.
pub struct Xvfb {
    child: Child,
    pub display: String,
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        // SIGTERM first: killed outright (SIGKILL), Xvfb leaves its lock
        // file and socket behind, and after enough test runs every display
        // this helper tries looks taken. (Errors: the server is gone already.)
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let stopped = Instant::now();
        while stopped.elapsed() < Duration::from_secs(3) {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Whether display `n` is held by a running X server: its lock file names
/// a live process. A lock left by a server that was killed does not count
/// (its files are removed, and the display used).
fn display_taken(n: u32) -> bool {
    let lock = format!("/tmp/.X{n}-lock");
    let socket = format!("/tmp/.X11-unix/X{n}");
    let Ok(text) = std::fs::read_to_string(&lock) else {
        return std::path::Path::new(&socket).exists();
    };
    let alive = text
        .trim()
        .parse::<u32>()
        .is_ok_and(|pid| std::path::Path::new(&format!("/proc/{pid}")).exists());
    if !alive {
        // Stale: best effort, and a display that cannot be cleared is
        // skipped by Xvfb's own failure to start below.
        let _ = std::fs::remove_file(&lock);
        let _ = std::fs::remove_file(&socket);
    }
    alive
}

/// Starts Xvfb on a free display (Xvfb is installed by `.ci/run`).
pub fn start_xvfb() -> Xvfb {
    for n in 140..200 {
        let display = format!(":{n}");
        let socket = format!("/tmp/.X11-unix/X{n}");
        if display_taken(n) {
            continue;
        }
        let child = Command::new("Xvfb")
            .args([
                display.as_str(),
                "-screen",
                "0",
                "1280x800x24",
                "-nolisten",
                "tcp",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("Xvfb is needed for this test (see .ci/run)");
        let server = Xvfb { child, display };
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(10) {
            if std::path::Path::new(&socket).exists() {
                return server;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("Xvfb did not start on :{n}");
    }
    panic!("no free X display");
}
pub mod wordpress;

/// Runs `xdotool` on `display`; what it printed.
pub fn xdotool(display: &str, args: &[&str]) -> String {
    let out = Command::new("xdotool")
        .args(args)
        .env("DISPLAY", display)
        .output()
        .expect("xdotool is needed for this test (see .ci/run)");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}
