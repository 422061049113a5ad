//! Connecting a site without typing an Application Password: WordPress's own
//! approval screen (`wp-admin/authorize-application.php`). Copydesk listens
//! on a loopback port, the editor approves in the browser where they are
//! signed in, and WordPress sends the browser back to that port with
//! `user_login` and `password` in the address; the password goes straight
//! into the keyring.
//!
//! The listener is a few lines over `std::net` rather than an HTTP server
//! crate: it answers one GET of one address and nothing else.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use super::sites::{self, Site};

/// The name the application asks for (WordPress names the password after it).
pub const APP_NAME: &str = "Copydesk";

/// WordPress before 7.0 accepts an `http://` return address only from a site
/// whose environment type is `local` (7.0 also allows 127.0.0.1, Trac
/// #57809): on older sites the approval screen refuses, and this says what
/// to do instead.
pub const OLDER_SITES_HINT: &str = "If the site answers that the URL must be served over a secure connection (WordPress before 7.0), create an Application Password under Users → Profile and add the site with it instead.";

/// What WordPress handed back. Not `Debug`: the password is never printed.
pub struct Approved {
    pub user_login: String,
    pub password: String,
}

/// A loopback address waiting for WordPress's answer.
pub struct Approval {
    listener: TcpListener,
    /// A random path, so that nothing but the redirect WordPress was given
    /// can hand Copydesk a password.
    path: String,
}

impl Approval {
    /// Listens on a free port of 127.0.0.1.
    pub fn listen() -> Result<Approval, String> {
        let listener = TcpListener::bind("127.0.0.1:0")
            .map_err(|e| format!("cannot listen on a local port: {e}"))?;
        listener
            .set_nonblocking(true)
            .map_err(|e| format!("cannot listen on a local port: {e}"))?;
        Ok(Approval {
            listener,
            path: format!("/copydesk/{}", random_token()),
        })
    }

    /// Where WordPress sends the browser back.
    pub fn return_url(&self) -> String {
        let port = self.listener.local_addr().map(|a| a.port()).unwrap_or(0);
        format!("http://127.0.0.1:{port}{}", self.path)
    }

    /// The approval screen of the site at `site_url`.
    pub fn authorize_url(&self, site_url: &str) -> String {
        let back = self.return_url();
        let query = form_urlencoded::Serializer::new(String::new())
            .append_pair("app_name", APP_NAME)
            .append_pair("success_url", &back)
            .append_pair("reject_url", &format!("{back}?success=false"))
            .finish();
        format!(
            "{}/wp-admin/authorize-application.php?{query}",
            site_url.trim().trim_end_matches('/')
        )
    }

    /// Waits for the browser to come back (or `cancel`, or the time limit).
    pub fn wait(&self, limit: Duration, cancel: &AtomicBool) -> Result<Approved, String> {
        let started = Instant::now();
        loop {
            if cancel.load(Ordering::Relaxed) {
                return Err("the connection was cancelled".into());
            }
            if started.elapsed() > limit {
                return Err(format!(
                    "no approval came back from the browser within {} minutes",
                    limit.as_secs().div_ceil(60)
                ));
            }
            match self.listener.accept() {
                Ok((stream, _)) => {
                    if let Some(answer) = self.serve(stream) {
                        return answer;
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                    std::thread::sleep(Duration::from_millis(50));
                }
                Err(e) => return Err(format!("the local port failed: {e}")),
            }
        }
    }

    /// Answers one request; `Some` when it was WordPress's redirect.
    fn serve(&self, mut stream: TcpStream) -> Option<Result<Approved, String>> {
        let _ = stream.set_nonblocking(false);
        let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
        let mut head = Vec::new();
        let mut buf = [0u8; 2048];
        while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 16 * 1024 {
            match stream.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => head.extend_from_slice(&buf[..n]),
            }
        }
        let head = String::from_utf8_lossy(&head);
        let target = head
            .lines()
            .next()
            .and_then(|line| line.strip_prefix("GET "))
            .and_then(|rest| rest.split(' ').next())
            .unwrap_or("");
        let (path, query) = target.split_once('?').unwrap_or((target, ""));
        if path != self.path {
            respond(&mut stream, "404 Not Found", "Not found.");
            return None;
        }
        let mut user_login = String::new();
        let mut password = String::new();
        let mut declined = false;
        for (key, value) in form_urlencoded::parse(query.as_bytes()) {
            match &*key {
                "user_login" => user_login = value.into_owned(),
                "password" => password = value.into_owned(),
                "success" => declined = value == "false",
                _ => {}
            }
        }
        if declined {
            respond(
                &mut stream,
                "200 OK",
                "Copydesk was not connected: the connection was declined. You can close this tab.",
            );
            return Some(Err("the connection was declined in the browser".into()));
        }
        if user_login.trim().is_empty() || password.trim().is_empty() {
            respond(
                &mut stream,
                "400 Bad Request",
                "WordPress sent no user name or password back.",
            );
            return Some(Err(
                "WordPress sent the browser back without a user name or password".into(),
            ));
        }
        respond(
            &mut stream,
            "200 OK",
            "Copydesk is connected to the site. You can close this tab and return to Copydesk.",
        );
        Some(Ok(Approved {
            user_login: user_login.trim().to_string(),
            password: password.trim().to_string(),
        }))
    }
}

fn respond(stream: &mut TcpStream, status: &str, text: &str) {
    let body = format!(
        "<!doctype html><meta charset=\"utf-8\"><title>Copydesk</title><p style=\"font:16px sans-serif;margin:3em\">{text}</p>"
    );
    // no-store and no-referrer: the address carried the password.
    let _ = write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nCache-Control: no-store\r\nReferrer-Policy: no-referrer\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = stream.flush();
}

/// 128 random bits in hex, from the standard library's randomly keyed
/// hasher (the path only has to be unguessable for the few minutes it
/// lives; no random-number crate for that).
fn random_token() -> String {
    use std::hash::{BuildHasher, Hasher};
    let part = || {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u128(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or(0),
        );
        h.finish()
    };
    format!("{:016x}{:016x}", part(), part())
}

/// The first half of a connection: checks the address and the keyring and
/// listens. The approval screen is `approval.authorize_url(&site.url)`; the
/// site's user is filled in by [`finish`].
pub fn prepare(
    name: &str,
    url: &str,
    timeout_secs: Option<u64>,
) -> Result<(Site, Approval), String> {
    let site = Site {
        name: name.trim().to_string(),
        url: url.trim().trim_end_matches('/').to_string(),
        // Not known yet: the account that approves.
        user: "?".into(),
        timeout_secs,
    };
    sites::validate(&site)?;
    // Before the browser: an approval with nowhere to keep the password
    // would make one the editor must revoke by hand.
    sites::keyring_available().map_err(|e| {
        format!(
            "site {}: no system keyring to keep the password in ({e}); add it with an Application Password and {} instead",
            site.name,
            sites::PASSWORD_ENV
        )
    })?;
    Ok((site, Approval::listen()?))
}

/// The second half: waits for the approval (a background thread in the
/// app) and keeps the password in the keyring. Returns the site to add,
/// with the user WordPress names.
pub fn finish(
    mut site: Site,
    approval: Approval,
    limit: Duration,
    cancel: &AtomicBool,
) -> Result<Site, String> {
    let approved = approval
        .wait(limit, cancel)
        .map_err(|e| format!("site {}: {e}", site.name))?;
    site.user = approved.user_login;
    sites::store_password(&site, &approved.password).map_err(|e| {
        format!(
            "site {}: approved, but the password could not be kept ({e}); revoke \"{APP_NAME}\" under Users → Profile → Application Passwords",
            site.name
        )
    })?;
    Ok(site)
}

/// The whole connection in one call: [`prepare`], show the approval
/// screen through `open` (a browser; the command line also prints it),
/// then [`finish`].
pub fn connect(
    name: &str,
    url: &str,
    timeout_secs: Option<u64>,
    open: &mut dyn FnMut(&str) -> Result<(), String>,
    limit: Duration,
    cancel: &AtomicBool,
) -> Result<Site, String> {
    let (site, approval) = prepare(name, url, timeout_secs)?;
    open(&approval.authorize_url(&site.url))?;
    finish(site, approval, limit, cancel)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get(url: &str) -> String {
        let rest = url.strip_prefix("http://").unwrap();
        let (host, path) = rest.split_once('/').unwrap();
        let mut s = TcpStream::connect(host).unwrap();
        write!(s, "GET /{path} HTTP/1.1\r\nHost: {host}\r\n\r\n").unwrap();
        let mut out = String::new();
        s.read_to_string(&mut out).unwrap();
        out
    }

    #[test]
    fn only_the_return_address_is_answered_with_credentials() {
        let approval = Approval::listen().unwrap();
        let back = approval.return_url();
        let url = approval.authorize_url("https://news.example/");
        assert!(url.starts_with(
            "https://news.example/wp-admin/authorize-application.php?app_name=Copydesk&success_url=http%3A%2F%2F127.0.0.1%3A"
        ));
        let port_root = back.rsplit_once("/copydesk/").unwrap().0.to_string();
        let (a, b) = (back.clone(), port_root.clone());
        let browser = std::thread::spawn(move || {
            // A guess at the address is turned away; then WordPress's redirect.
            let wrong = get(&format!("{b}/copydesk/0000?user_login=x&password=y"));
            let right = get(&format!(
                "{a}?site_url=x&user_login=jane&password=abcd+efgh%20ijkl"
            ));
            (wrong, right)
        });
        let approved = approval
            .wait(Duration::from_secs(20), &AtomicBool::new(false))
            .unwrap();
        let (wrong, right) = browser.join().unwrap();
        assert!(wrong.starts_with("HTTP/1.1 404"), "{wrong}");
        assert!(right.starts_with("HTTP/1.1 200"), "{right}");
        assert!(right.contains("Copydesk is connected"));
        assert!(!right.contains("abcd"), "the page never shows the password");
        assert_eq!(approved.user_login, "jane");
        assert_eq!(approved.password, "abcd efgh ijkl");
    }

    #[test]
    fn a_declined_approval_and_a_cancel_end_the_wait() {
        let approval = Approval::listen().unwrap();
        let back = approval.return_url();
        let browser = std::thread::spawn(move || get(&format!("{back}?success=false")));
        let err = approval
            .wait(Duration::from_secs(20), &AtomicBool::new(false))
            .err()
            .unwrap();
        assert!(err.contains("declined"), "{err}");
        assert!(browser.join().unwrap().contains("not connected"));
        let approval = Approval::listen().unwrap();
        let err = approval
            .wait(Duration::from_secs(20), &AtomicBool::new(true))
            .err()
            .unwrap();
        assert!(err.contains("cancelled"), "{err}");
    }
}
