//! Pictures on the web (`http(s)://` figures and feature images) fetched
//! for the preview: one bounded download — a timeout, a size cap — and a
//! failure in the editor's words (offline, not found, too large, not a
//! picture). The app calls this from a helper thread, never the UI's.

use std::io::Read as _;
use std::time::Duration;

/// Downloads above this are stopped (a preview has no use for them, and
/// they would take the app's memory).
pub const MAX_BYTES: u64 = 20 * 1024 * 1024;

/// How long a server may take to answer, and the whole download.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
pub const TOTAL_TIMEOUT: Duration = Duration::from_secs(30);

/// rustls on Linux, the system's TLS elsewhere (see Cargo.toml); shared
/// with publishing.
#[cfg(not(any(target_os = "macos", windows)))]
pub const TLS_PROVIDER: ureq::tls::TlsProvider = ureq::tls::TlsProvider::Rustls;
#[cfg(any(target_os = "macos", windows))]
pub const TLS_PROVIDER: ureq::tls::TlsProvider = ureq::tls::TlsProvider::NativeTls;

/// How Copydesk talks HTTP, for pictures and publishing alike: its name,
/// its TLS (above), and statuses as answers, not errors (each caller says
/// what a 404 or a 500 means to it). Callers add their timeouts.
pub fn agent_config() -> ureq::config::ConfigBuilder<ureq::typestate::AgentScope> {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .user_agent(concat!("Copydesk/", env!("CARGO_PKG_VERSION")))
        .tls_config(
            ureq::tls::TlsConfig::builder()
                .provider(TLS_PROVIDER)
                .build(),
        )
}

/// A downloaded picture.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fetched {
    pub bytes: Vec<u8>,
    /// The server's `Content-Type`, if any.
    pub mime: Option<String>,
}

/// Whether `src` is a web address the preview fetches.
pub fn is_web(src: &str) -> bool {
    let lower = src
        .trim()
        .get(..8)
        .unwrap_or(src.trim())
        .to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// Downloads the picture at `url`, at most `max_bytes`, within `timeout`.
/// The error is a sentence for the placeholder.
pub fn fetch(url: &str, max_bytes: u64, timeout: Duration) -> Result<Fetched, String> {
    let agent: ureq::Agent = agent_config()
        .timeout_connect(Some(CONNECT_TIMEOUT.min(timeout)))
        .timeout_global(Some(timeout))
        .build()
        .into();
    let mut response = agent.get(url).call().map_err(|e| transport(&e))?;
    let status = response.status().as_u16();
    if status == 404 || status == 410 {
        return Err("Web picture not found (the server answered 404)".into());
    }
    if !(200..300).contains(&status) {
        return Err(format!(
            "Web picture not fetched: the server answered {status}"
        ));
    }
    let mime = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    if let Some(mime) = &mime
        && (mime.starts_with("text/") || mime.contains("json"))
    {
        return Err(format!(
            "Not a picture: the address gives a web page ({mime})"
        ));
    }
    let too_large = || {
        format!(
            "Web picture too large (pictures up to {} MB are shown)",
            max_bytes / 1048576
        )
    };
    if let Some(length) = response
        .headers()
        .get("content-length")
        .and_then(|v| v.to_str().ok()?.parse::<u64>().ok())
        && length > max_bytes
    {
        return Err(too_large());
    }
    // Read one byte past the cap to tell "exactly the cap" from "more".
    let mut bytes = Vec::new();
    response
        .body_mut()
        .with_config()
        .limit(u64::MAX)
        .reader()
        .take(max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::TimedOut => "Web picture timed out".to_string(),
            _ => format!("Web picture not fetched: {e}"),
        })?;
    if bytes.len() as u64 > max_bytes {
        return Err(too_large());
    }
    Ok(Fetched { bytes, mime })
}

fn transport(e: &ureq::Error) -> String {
    match e {
        ureq::Error::Timeout(_) => "Web picture timed out".into(),
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => {
            "Web picture timed out".into()
        }
        ureq::Error::HostNotFound => "Offline, or the picture's server cannot be found".into(),
        ureq::Error::ConnectionFailed | ureq::Error::Io(_) => {
            "Offline, or the picture's server cannot be reached".into()
        }
        other => format!("Web picture not fetched: {other}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write as _;
    use std::net::TcpListener;

    /// A one-shot HTTP server answering `response` (head and body).
    fn serve(response: Vec<u8>) -> String {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        std::thread::spawn(move || {
            if let Ok((mut stream, _)) = listener.accept() {
                let mut request = [0u8; 2048];
                let _ = stream.read(&mut request);
                let _ = stream.write_all(&response);
            }
        });
        format!("http://127.0.0.1:{port}/picture")
    }

    fn answer(status: &str, mime: &str, body: &[u8]) -> Vec<u8> {
        let mut out = format!(
            "HTTP/1.1 {status}\r\nContent-Type: {mime}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        )
        .into_bytes();
        out.extend_from_slice(body);
        out
    }

    #[test]
    fn a_picture_is_downloaded_with_its_type() {
        let url = serve(answer("200 OK", "image/png", b"\x89PNG fake"));
        let got = fetch(&url, MAX_BYTES, TOTAL_TIMEOUT).unwrap();
        assert_eq!(got.bytes, b"\x89PNG fake");
        assert_eq!(got.mime.as_deref(), Some("image/png"));
    }

    #[test]
    fn failures_read_as_the_editor_s_problem() {
        let url = serve(answer("404 Not Found", "text/html", b"gone"));
        assert!(
            fetch(&url, MAX_BYTES, TOTAL_TIMEOUT)
                .unwrap_err()
                .contains("not found")
        );
        let url = serve(answer("200 OK", "text/html", b"<html>"));
        assert!(
            fetch(&url, MAX_BYTES, TOTAL_TIMEOUT)
                .unwrap_err()
                .starts_with("Not a picture")
        );
        let url = serve(answer("200 OK", "image/png", &[0; 2048]));
        assert!(
            fetch(&url, 1024, TOTAL_TIMEOUT)
                .unwrap_err()
                .contains("too large")
        );
        // Nobody listens on this port any more.
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let err = fetch(
            &format!("http://127.0.0.1:{port}/x.png"),
            MAX_BYTES,
            TOTAL_TIMEOUT,
        )
        .unwrap_err();
        assert!(err.starts_with("Offline"), "{err}");
    }

    #[test]
    fn a_server_that_never_answers_times_out() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let held = std::thread::spawn(move || {
            let kept = listener.accept();
            std::thread::sleep(Duration::from_secs(2));
            drop(kept);
        });
        let err = fetch(
            &format!("http://127.0.0.1:{port}/slow.png"),
            MAX_BYTES,
            Duration::from_millis(300),
        )
        .unwrap_err();
        assert!(err.contains("timed out"), "{err}");
        held.join().unwrap();
    }

    #[test]
    fn only_http_and_https_are_web_addresses() {
        assert!(is_web("https://example.com/a.png"));
        assert!(is_web(" HTTP://example.com/a.png"));
        assert!(!is_web("images/a.png"));
        assert!(!is_web("file:///a.png"));
        assert!(!is_web("ftp://x"));
    }
}
