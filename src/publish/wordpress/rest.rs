//! WordPress's REST API over a light blocking HTTP client (`ureq` with
//! rustls): every route through `?rest_route=`, which works whether or not
//! the site has pretty permalinks, signed in with an Application Password.
//! Every failure becomes one [`PublishError`] naming the site.

use std::time::Duration;

use base64::Engine;
use serde_json::Value as Json;

use crate::publish::{Cause, PublishError, Site};

/// A signed-in connection to one site.
pub struct Rest {
    site: String,
    base: String,
    /// `Basic …`: never printed, never part of an error.
    auth: String,
    agent: ureq::Agent,
    timeout_secs: u64,
}

/// A query parameter.
pub type Query<'a> = &'a [(&'a str, &'a str)];

impl Rest {
    pub fn new(site: &Site, password: &str) -> Self {
        let token = base64::engine::general_purpose::STANDARD.encode(format!(
            "{}:{}",
            site.user.trim(),
            password.trim()
        ));
        let timeout_secs = site.timeout_secs();
        let wait = Some(Duration::from_secs(timeout_secs));
        // The site's timeout bounds connecting and each wait for an answer; a
        // long upload is bounded by the global limit only (it is sending).
        let agent: ureq::Agent = crate::web_picture::agent_config()
            .timeout_connect(wait)
            .timeout_recv_response(wait)
            .timeout_recv_body(wait)
            .timeout_global(Some(Duration::from_secs(timeout_secs.max(600))))
            .build()
            .into();
        Self {
            site: site.name.clone(),
            base: site.base_url().to_string(),
            auth: format!("Basic {token}"),
            agent,
            timeout_secs,
        }
    }

    pub fn site_name(&self) -> &str {
        &self.site
    }

    /// The address of a route, as printed by `--dry-run` too.
    pub fn url(&self, route: &str) -> String {
        format!("{}/?rest_route={route}", self.base)
    }

    fn err(&self, cause: Cause) -> PublishError {
        PublishError::new(&self.site, cause)
    }

    pub fn get(&self, route: &str, query: Query) -> Result<Json, PublishError> {
        let mut req = self
            .agent
            .get(self.url(route))
            .header("Authorization", &self.auth);
        for (k, v) in query {
            req = req.query(*k, *v);
        }
        self.answer(req.call())
    }

    /// A GET that may find nothing: `Ok(None)` for a 404 or 410.
    pub fn get_optional(&self, route: &str, query: Query) -> Result<Option<Json>, PublishError> {
        match self.get(route, query) {
            Ok(v) => Ok(Some(v)),
            Err(PublishError {
                cause: Cause::Other(ref why),
                ..
            }) if why.starts_with("404") || why.starts_with("410") => Ok(None),
            Err(e) => Err(e),
        }
    }

    pub fn post_json(&self, route: &str, query: Query, body: &Json) -> Result<Json, PublishError> {
        let mut req = self
            .agent
            .post(self.url(route))
            .header("Authorization", &self.auth);
        for (k, v) in query {
            req = req.query(*k, *v);
        }
        self.answer(req.send_json(body))
    }

    /// Uploads a file as the request body (WordPress's raw media upload).
    pub fn post_file(
        &self,
        route: &str,
        query: Query,
        bytes: &[u8],
        content_type: &str,
        file_name: &str,
    ) -> Result<Json, PublishError> {
        // The name goes in a quoted header value: keep it to safe characters.
        let safe: String = file_name
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || "._-".contains(c) {
                    c
                } else {
                    '-'
                }
            })
            .collect();
        let mut req = self
            .agent
            .post(self.url(route))
            .header("Authorization", &self.auth)
            .header("Content-Type", content_type)
            .header(
                "Content-Disposition",
                format!("attachment; filename=\"{safe}\""),
            );
        for (k, v) in query {
            req = req.query(*k, *v);
        }
        self.answer(req.send(bytes))
    }

    pub fn delete(&self, route: &str, query: Query) -> Result<Json, PublishError> {
        let mut req = self
            .agent
            .delete(self.url(route))
            .header("Authorization", &self.auth);
        for (k, v) in query {
            req = req.query(*k, *v);
        }
        self.answer(req.call())
    }

    fn transport_cause(&self, e: &ureq::Error) -> Cause {
        match e {
            ureq::Error::Timeout(_) => Cause::TimedOut(self.timeout_secs),
            ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => {
                Cause::TimedOut(self.timeout_secs)
            }
            ureq::Error::Io(io) => Cause::Unreachable(io.to_string()),
            ureq::Error::HostNotFound => Cause::Unreachable("host not found".into()),
            other => Cause::Unreachable(other.to_string()),
        }
    }

    fn answer(
        &self,
        result: Result<ureq::http::Response<ureq::Body>, ureq::Error>,
    ) -> Result<Json, PublishError> {
        let mut response = result.map_err(|e| self.err(self.transport_cause(&e)))?;
        let status = response.status().as_u16();
        let body = response
            .body_mut()
            .with_config()
            .limit(64 * 1024 * 1024)
            .read_to_string()
            .map_err(|e| self.err(self.transport_cause(&e)))?;
        let json: Option<Json> = serde_json::from_str(body.trim_start_matches('\u{feff}')).ok();
        let code = json
            .as_ref()
            .and_then(|j| j.get("code"))
            .and_then(Json::as_str)
            .unwrap_or("")
            .to_string();
        let message = json
            .as_ref()
            .and_then(|j| j.get("message"))
            .and_then(Json::as_str)
            .map(strip_tags)
            .unwrap_or_default();
        let said = if message.is_empty() {
            code.clone()
        } else {
            format!("{code}: {message}")
        };
        match (status, json) {
            (200..=299, Some(json)) => Ok(json),
            (200..=299, None) => Err(self.err(Cause::NotWordPress)),
            // Every request carries the credentials: a 401 (`incorrect_password`,
            // or `rest_not_logged_in` when WordPress ignored them) means they
            // were not accepted.
            (401, _) => Err(self.err(Cause::WrongPassword)),
            (403, _) if code == "rest_disabled" || code.contains("disabled") => {
                Err(self.err(Cause::RestDisabled(said)))
            }
            (403, _) => Err(self.err(Cause::Forbidden(if said.is_empty() {
                "forbidden".into()
            } else {
                said
            }))),
            (404, _) if code == "rest_no_route" => Err(self.err(Cause::RestDisabled(said))),
            (404, None) => Err(self.err(Cause::NotWordPress)),
            (500..=599, _) => Err(self.err(Cause::ServerError(
                status,
                if said.is_empty() {
                    page_text(&body)
                } else {
                    said
                },
            ))),
            (_, None) => Err(self.err(Cause::NotWordPress)),
            (_, Some(_)) => Err(self.err(Cause::Other(format!("{status} {said}")))),
        }
    }
}

/// The start of what a page says (an error page's text, without its
/// title, styles and scripts), for a one-line message.
fn page_text(html: &str) -> String {
    let mut text = html.to_string();
    for tag in ["head", "style", "script", "title"] {
        let open = format!("<{tag}");
        // `<head>` or `<head …>`, not `<header>`.
        let opens_at = |text: &str| {
            let lower = text.to_ascii_lowercase();
            lower.match_indices(&open).map(|(i, _)| i).find(|&i| {
                lower[i + open.len()..]
                    .chars()
                    .next()
                    .is_some_and(|c| c == '>' || c.is_whitespace())
            })
        };
        while let Some(start) = opens_at(&text) {
            let close = format!("</{tag}>");
            let end = text[start..]
                .to_ascii_lowercase()
                .find(&close)
                .map(|e| start + e + close.len())
                .unwrap_or(text.len());
            text.replace_range(start..end, " ");
        }
    }
    // Elements end apart (`</p><p>`), not run together.
    let line = strip_tags(&text.replace("</", " </"));
    let mut shown: String = line.chars().take(120).collect();
    if shown.len() < line.len() {
        shown.push('…');
    }
    shown
}

/// WordPress messages may hold HTML; one line of text is shown.
pub fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    decode_entities(
        out.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .as_str(),
    )
}

/// The entities WordPress writes in names and titles (`&amp;`, `&#8217;`).
pub fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let end = tail.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let name = &tail[1..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            }?;
            Some((c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &tail[e + 1..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wordpress_names_are_read_as_text() {
        assert_eq!(decode_entities("Phones &amp; Tablets"), "Phones & Tablets");
        assert_eq!(decode_entities("Xiaomi&#8217;s"), "Xiaomi\u{2019}s");
        assert_eq!(
            decode_entities("a & b &unknown; &#x41;"),
            "a & b &unknown; A"
        );
        assert_eq!(
            strip_tags("<strong>Error:</strong> no\n  way"),
            "Error: no way"
        );
        assert_eq!(
            page_text(
                "<!DOCTYPE html>\n<html><head><title>WordPress &rsaquo; Error</title><style>p{x:1}</style></head>\n<body><header>Site</header><p>There has been a <b>critical</b> error.</p><script>x()</script></body></html>"
            ),
            "Site There has been a critical error."
        );
    }
}
