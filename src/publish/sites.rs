//! The sites an editor publishes to, in `sites.ron` in the config folder
//! (name, address, user; never the password), and their passwords: the
//! system keyring, or `COPYDESK_WORDPRESS_PASSWORD` for scripts, CI and
//! machines without a keyring.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

/// The environment variable that gives the password instead of the keyring.
pub const PASSWORD_ENV: &str = "COPYDESK_WORDPRESS_PASSWORD";
/// The keyring's service name for Copydesk's site passwords.
const KEYRING_SERVICE: &str = "copydesk";

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Site {
    pub name: String,
    /// The site's address (`https://example.com`, or a WordPress in a folder).
    pub url: String,
    pub user: String,
    /// How long to wait for the site to connect and to start answering, in
    /// seconds ([`DEFAULT_TIMEOUT_SECS`] when not set).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout_secs: Option<u64>,
}

/// Long enough for a slow shared host, short enough that a hung one is
/// noticed while the editor still waits.
pub const DEFAULT_TIMEOUT_SECS: u64 = 30;

impl Site {
    /// The seconds to wait for the site (at least one).
    pub fn timeout_secs(&self) -> u64 {
        self.timeout_secs.unwrap_or(DEFAULT_TIMEOUT_SECS).max(1)
    }

    /// The address without a trailing slash.
    pub fn base_url(&self) -> &str {
        self.url.trim().trim_end_matches('/')
    }

    /// The keyring entry's account: user and address, so that a renamed
    /// site keeps its password and two sites of one user keep theirs apart.
    fn keyring_account(&self) -> String {
        format!("{}@{}", self.user, self.base_url())
    }
}

/// Whether an address may carry a password: HTTPS, or plain HTTP to this
/// machine (a development WordPress).
pub fn is_secure_url(url: &str) -> bool {
    let url = url.trim().to_ascii_lowercase();
    if url.starts_with("https://") {
        return true;
    }
    let Some(rest) = url.strip_prefix("http://") else {
        return false;
    };
    let host_port = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = match host_port.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => host_port.split(':').next().unwrap_or(""),
    };
    matches!(host, "localhost" | "127.0.0.1" | "::1")
}

/// The list of sites.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sites {
    pub sites: Vec<Site>,
}

impl Sites {
    /// `sites.ron` in the config folder.
    pub fn path() -> Option<PathBuf> {
        crate::paths::config_dir().map(|d| d.join("sites.ron"))
    }

    /// Reads the list; a missing file is an empty list.
    pub fn load_from(path: &Path) -> Result<Sites, crate::files::StoreError> {
        crate::files::read_ron(path)
    }

    /// Writes the list. The message only: the publish window, which shows
    /// it as it is, takes a `String` (a typed error is `write_ron`'s).
    pub fn save_to(&self, path: &Path) -> Result<(), String> {
        crate::files::write_ron(path, self, "\n").map_err(|e| e.to_string())
    }

    /// The site of that name (names compare without regard to case).
    pub fn get(&self, name: &str) -> Option<&Site> {
        self.sites
            .iter()
            .find(|s| s.name.eq_ignore_ascii_case(name.trim()))
    }

    /// Adds a site, or replaces the one of the same name.
    pub fn upsert(&mut self, site: Site) {
        match self
            .sites
            .iter_mut()
            .find(|s| s.name.eq_ignore_ascii_case(&site.name))
        {
            Some(existing) => *existing = site,
            None => self.sites.push(site),
        }
    }

    pub fn remove(&mut self, name: &str) -> Option<Site> {
        let i = self
            .sites
            .iter()
            .position(|s| s.name.eq_ignore_ascii_case(name.trim()))?;
        Some(self.sites.remove(i))
    }
}

/// Checks what `sites add` is given.
pub fn validate(site: &Site) -> Result<(), String> {
    if site.name.trim().is_empty() {
        return Err("the site needs a name".into());
    }
    if site.user.trim().is_empty() {
        return Err("the site needs a user name".into());
    }
    let url = site.url.trim().to_ascii_lowercase();
    if !url.starts_with("https://") && !url.starts_with("http://") {
        return Err(format!(
            "{}: write the site's address with https://",
            site.url
        ));
    }
    if !is_secure_url(&site.url) {
        return Err(format!(
            "{}: not HTTPS; the password would travel in clear (only localhost may use http)",
            site.url
        ));
    }
    Ok(())
}

/// Keeps passwords in this store instead of the system's keyring: tests
/// give keyring-core's in-memory mock store, so that no test password ever
/// lands in a developer's own keyring.
pub fn use_keyring_store(store: std::sync::Arc<keyring_core::api::CredentialStore>) {
    keyring_core::set_default_store(store);
}

/// Whether passwords can be kept (`Err` says why not).
pub fn keyring_available() -> Result<(), String> {
    keyring()
}

/// The system keyring, set up once; `Err` where there is none (no Secret
/// Service on the session bus, a headless machine).
fn keyring() -> Result<(), String> {
    static READY: OnceLock<Result<(), String>> = OnceLock::new();
    if keyring_core::get_default_store().is_some() {
        return Ok(());
    }
    READY
        .get_or_init(|| {
            #[cfg(target_os = "linux")]
            let store = zbus_secret_service_keyring_store::Store::new()
                .map(|s| s as std::sync::Arc<keyring_core::api::CredentialStore>);
            #[cfg(target_os = "macos")]
            let store = apple_native_keyring_store::keychain::Store::new()
                .map(|s| s as std::sync::Arc<keyring_core::api::CredentialStore>);
            #[cfg(windows)]
            let store = windows_native_keyring_store::Store::new()
                .map(|s| s as std::sync::Arc<keyring_core::api::CredentialStore>);
            #[cfg(not(any(target_os = "linux", target_os = "macos", windows)))]
            let store: Result<
                std::sync::Arc<keyring_core::api::CredentialStore>,
                String,
            > = Err("no keyring on this platform".to_string());
            match store {
                Ok(store) => {
                    keyring_core::set_default_store(store);
                    Ok(())
                }
                Err(e) => Err(e.to_string()),
            }
        })
        .clone()
}

fn entry(site: &Site) -> Result<keyring_core::Entry, String> {
    keyring().map_err(|e| format!("no system keyring ({e})"))?;
    keyring_core::Entry::new(KEYRING_SERVICE, &site.keyring_account())
        .map_err(|e| format!("the system keyring failed ({e})"))
}

/// Keeps the site's password in the system keyring.
pub fn store_password(site: &Site, password: &str) -> Result<(), String> {
    entry(site)?
        .set_password(password)
        .map_err(|e| format!("the system keyring failed ({e})"))
}

/// Forgets the site's password (a password that was never stored is fine).
pub fn forget_password(site: &Site) -> Result<(), String> {
    match entry(site)?.delete_credential() {
        Ok(()) | Err(keyring_core::Error::NoEntry) => Ok(()),
        Err(e) => Err(format!("the system keyring failed ({e})")),
    }
}

/// The site's password: `COPYDESK_WORDPRESS_PASSWORD` when set, else the
/// keyring's.
pub fn password(site: &Site) -> Result<String, String> {
    if let Some(p) = std::env::var_os(PASSWORD_ENV) {
        let p = p.to_string_lossy().trim().to_string();
        if !p.is_empty() {
            return Ok(p);
        }
    }
    let missing = || {
        format!(
            "site {}: no password (add the site again with `copydesk sites add`, or set {PASSWORD_ENV})",
            site.name
        )
    };
    let entry = entry(site).map_err(|e| format!("{}: {e}", missing()))?;
    match entry.get_password() {
        Ok(p) => Ok(p),
        Err(keyring_core::Error::NoEntry) => Err(missing()),
        Err(e) => Err(format!("{}: the system keyring failed ({e})", missing())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_https_or_localhost_carries_a_password() {
        assert!(is_secure_url("https://example.com"));
        assert!(is_secure_url("HTTPS://example.com/blog"));
        assert!(is_secure_url("http://localhost:8080"));
        assert!(is_secure_url("http://127.0.0.1/wp"));
        assert!(is_secure_url("http://[::1]:81/"));
        assert!(!is_secure_url("http://example.com"));
        assert!(!is_secure_url("http://localhost.example.com"));
        assert!(!is_secure_url("ftp://localhost"));
    }

    #[test]
    fn sites_round_trip_without_a_password_field() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sites.ron");
        assert_eq!(Sites::load_from(&path).unwrap(), Sites::default());
        let mut sites = Sites::default();
        sites.upsert(Site {
            name: "blog".into(),
            url: "https://example.com/".into(),
            user: "jane".into(),
            ..Default::default()
        });
        sites.upsert(Site {
            name: "Blog".into(),
            url: "https://example.org".into(),
            user: "jane".into(),
            ..Default::default()
        });
        assert_eq!(sites.sites.len(), 1);
        sites.save_to(&path).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(!text.to_lowercase().contains("password"), "{text}");
        let back = Sites::load_from(&path).unwrap();
        assert_eq!(back.get("BLOG").unwrap().base_url(), "https://example.org");
        let mut back = back;
        assert!(back.remove("blog").is_some());
        assert!(back.get("blog").is_none());
    }

    #[test]
    fn adding_a_site_checks_its_address() {
        let site = |url: &str| Site {
            name: "b".into(),
            url: url.into(),
            user: "u".into(),
            ..Default::default()
        };
        assert!(validate(&site("https://example.com")).is_ok());
        assert!(
            validate(&site("http://example.com"))
                .unwrap_err()
                .contains("not HTTPS")
        );
        assert!(
            validate(&site("example.com"))
                .unwrap_err()
                .contains("https://")
        );
    }
}
