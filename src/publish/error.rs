//! Why a publish failed, said in one line that names the site.

use std::fmt;

/// A failure talking to a site: `site NAME: CAUSE`.
#[derive(Clone, Debug, PartialEq)]
pub struct PublishError {
    pub site: String,
    pub cause: Cause,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Cause {
    /// Plain HTTP to anything but this machine would send the password in clear.
    Insecure(String),
    /// The server cannot be reached (down, wrong address, no network).
    Unreachable(String),
    /// No answer within the site's timeout (seconds).
    TimedOut(u64),
    /// 401: the user name or the Application Password is wrong.
    WrongPassword,
    /// 403: the account may not do this.
    Forbidden(String),
    /// The address answers, but not as WordPress.
    NotWordPress,
    /// WordPress, with its REST API switched off.
    RestDisabled(String),
    /// 5xx.
    ServerError(u16, String),
    /// The post recorded in the file is gone from the site.
    PostDeleted { id: u64 },
    /// Someone edited the post on the site since the last publish.
    ChangedOnServer {
        id: u64,
        recorded: String,
        now: String,
        /// What differs from what Copydesk last saved (`title`, `content`,
        /// `excerpt`, `status`); empty when this machine has no record.
        fields: Vec<String>,
    },
    /// A local image the article needs cannot be read.
    Image(String),
    /// Anything else the site said, or a request Copydesk cannot make.
    Other(String),
}

impl PublishError {
    pub fn new(site: &str, cause: Cause) -> Self {
        Self {
            site: site.to_string(),
            cause,
        }
    }
}

impl fmt::Display for PublishError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "site {}: ", self.site)?;
        match &self.cause {
            Cause::Insecure(url) => write!(
                f,
                "{url} is not HTTPS; the password would travel in clear (only localhost may use http)"
            ),
            Cause::Unreachable(why) => write!(f, "cannot reach the server ({why})"),
            Cause::TimedOut(secs) => write!(
                f,
                "the server did not answer within {secs} s (a slow site: `copydesk sites add … --timeout SECS`)"
            ),
            Cause::WrongPassword => write!(
                f,
                "the user name or Application Password is wrong (401); run `copydesk sites add` again"
            ),
            Cause::Forbidden(what) => write!(f, "the account may not do this (403: {what})"),
            Cause::NotWordPress => write!(
                f,
                "the address does not answer as a WordPress site (no REST API answer, a web page instead)"
            ),
            Cause::RestDisabled(what) => {
                write!(f, "the site's REST API is switched off or blocked ({what})")
            }
            Cause::ServerError(code, what) => write!(f, "the server failed ({code}: {what})"),
            Cause::PostDeleted { id } => write!(
                f,
                "post {id} recorded in the file no longer exists on the site; publish with --as-new to create it again"
            ),
            Cause::ChangedOnServer {
                id,
                recorded,
                now,
                fields,
            } => {
                let what = if fields.is_empty() {
                    "what changed is unknown: it was last published from another machine"
                        .to_string()
                } else {
                    format!("changed: {}", fields.join(", "))
                };
                write!(
                    f,
                    "post {id} was edited on the site since the last publish ({what}; modified {now} UTC, last published {recorded} UTC); use --force to overwrite"
                )
            }
            Cause::Image(what) => write!(f, "{what}"),
            Cause::Other(what) => write!(f, "{what}"),
        }
    }
}

impl std::error::Error for PublishError {}
