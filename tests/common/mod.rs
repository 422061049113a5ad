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
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts Xvfb on a free display (Xvfb is installed by `.ci/run`).
pub fn start_xvfb() -> Xvfb {
    for n in 140..200 {
        let display = format!(":{n}");
        let socket = format!("/tmp/.X11-unix/X{n}");
        if std::path::Path::new(&socket).exists()
            || std::path::Path::new(&format!("/tmp/.X{n}-lock")).exists()
        {
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
