//! A real WordPress for the publishing tests: one per test binary, brought
//! up by `tests/support/wordpress.sh` on the first call and stopped (with its
//! folder removed) by the script's watcher when the test binary exits.

use std::net::TcpListener;
use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;
use std::time::Instant;

pub struct WordPress {
    pub url: String,
    pub user: String,
    pub password: String,
    /// The administrator's login password (wp-login.php).
    pub admin_password: String,
    /// How long the bring-up took, for the README's figure.
    pub started_in: std::time::Duration,
}

/// A port nothing listens on now.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

pub fn wordpress() -> &'static WordPress {
    static WP: OnceLock<WordPress> = OnceLock::new();
    WP.get_or_init(|| {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/wordpress.sh");
        // Kept: the watcher removes it after the test binary exits.
        let dir = tempfile::Builder::new()
            .prefix("copydesk-wp-")
            .tempdir()
            .unwrap()
            .keep();
        let started = Instant::now();
        let out = Command::new("bash")
            .arg(&script)
            .arg("start")
            .arg(&dir)
            .arg(free_port().to_string())
            .arg(std::process::id().to_string())
            .output()
            .expect("bash runs tests/support/wordpress.sh");
        assert!(
            out.status.success(),
            "WordPress did not come up (the packages come from .ci/run):\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8_lossy(&out.stdout).to_string();
        let field = |key: &str| {
            text.lines()
                .find_map(|l| l.strip_prefix(&format!("{key}=")))
                .unwrap_or_else(|| panic!("no {key}= from wordpress.sh:\n{text}"))
                .to_string()
        };
        WordPress {
            url: field("url"),
            user: field("user"),
            password: field("password"),
            admin_password: field("admin_password"),
            started_in: started.elapsed(),
        }
    })
}
