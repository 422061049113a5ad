//! Publishing an article to a CMS: the sites an editor publishes to, their
//! passwords, and a [`Publisher`] per kind of CMS (WordPress's REST API
//! today). Callers — the command line and the app — see only the trait, so
//! another CMS (Ghost's Admin API) fits beside WordPress without changing
//! them.

pub mod authorize;
mod dates;
mod error;
pub mod media_cache;
pub mod record;
pub mod saved_posts;
pub mod sites;
pub mod wordpress;

use std::path::PathBuf;

pub use error::{Cause, PublishError};
pub use record::Remote;
pub use sites::{Site, Sites};

use crate::model::{Article, Status};

/// The status a post gets on the site.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PostStatus {
    Draft,
    /// Waiting for an editor's review.
    Pending,
    /// Live now (or scheduled, when the date is in the future).
    Publish,
    /// Scheduled: goes live at its date, which must be in the future.
    Future,
}

impl PostStatus {
    pub const ALL: [PostStatus; 4] = [
        PostStatus::Draft,
        PostStatus::Pending,
        PostStatus::Publish,
        PostStatus::Future,
    ];

    /// WordPress's name, also the command line's.
    pub fn key(self) -> &'static str {
        match self {
            PostStatus::Draft => "draft",
            PostStatus::Pending => "pending",
            PostStatus::Publish => "publish",
            PostStatus::Future => "future",
        }
    }

    pub fn parse(key: &str) -> Option<PostStatus> {
        Self::ALL
            .into_iter()
            .find(|s| s.key() == key.trim().to_ascii_lowercase())
    }

    /// What Copydesk's own status becomes: a draft stays a draft; an article
    /// in review or ready waits for review on the site (publishing live is
    /// always asked for: a status of `published`, or `--status publish`).
    pub fn from_article(status: Status) -> PostStatus {
        match status {
            Status::Draft => PostStatus::Draft,
            Status::InReview | Status::Ready => PostStatus::Pending,
            Status::Published => PostStatus::Publish,
        }
    }

    /// Whether readers see the post (now or at its date).
    pub fn is_live(self) -> bool {
        matches!(self, PostStatus::Publish | PostStatus::Future)
    }
}

/// One publish: the article, where its local images are found, and how.
#[derive(Clone, Debug)]
pub struct PublishRequest {
    pub article: Article,
    /// The folder relative image paths are read from (the file's folder).
    pub base_dir: PathBuf,
    pub status: PostStatus,
    /// Update the post even if it changed on the server since the last publish.
    pub force: bool,
    /// Create a new post even though the file records one (that was deleted).
    pub as_new: bool,
}

/// What happened, step by step, for a progress bar.
#[derive(Clone, Debug, PartialEq)]
pub enum Progress {
    Connecting,
    Uploading {
        done: usize,
        total: usize,
        name: String,
    },
    Terms,
    Saving,
}

/// A published post.
#[derive(Clone, Debug, PartialEq)]
pub struct Published {
    /// What to record in the file's front matter.
    pub remote: Remote,
    /// The status the site gave the post (`future` for a dated publish).
    pub status: String,
    /// The post's edit screen.
    pub edit_link: String,
    /// Images uploaded this time, and ones already in the site's library.
    pub uploaded: usize,
    pub reused: usize,
    /// Things the editor should know: a stripped tag, a different author.
    pub notes: Vec<String>,
}

/// What a site tells about the account and its vocabulary.
#[derive(Clone, Debug, PartialEq)]
pub struct SiteInfo {
    pub site_name: String,
    pub user: String,
    pub roles: Vec<String>,
    pub categories: Vec<String>,
    pub tags: Vec<String>,
}

/// A CMS the article can be published to.
pub trait Publisher: Send {
    /// The site's name (from `sites.ron`).
    fn site_name(&self) -> &str;
    /// Signs in and reads the account's role and the site's terms.
    fn check(&mut self) -> Result<SiteInfo, PublishError>;
    /// The requests a publish would send, without sending any (`--dry-run`);
    /// never holds the password.
    fn dry_run(&self, request: &PublishRequest) -> Result<String, PublishError>;
    /// Publishes (creates or updates the recorded post).
    fn publish(
        &mut self,
        request: &PublishRequest,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<Published, PublishError>;
}

/// The publisher for a site, with its password.
pub fn publisher_for(site: &Site, password: String) -> Result<Box<dyn Publisher>, PublishError> {
    Ok(Box::new(wordpress::WordPress::new(site.clone(), password)?))
}
