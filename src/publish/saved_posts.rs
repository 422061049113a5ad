//! What each post held when Copydesk last saved it (site address → post id →
//! the post's `modified_gmt` and a SHA-256 of its title, content and
//! excerpt, and its status), in the data folder (`published-posts.ron`).
//! When the post changed on the site since, comparing these with the site's
//! `context=edit` read names the fields someone else changed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

use super::media_cache::hash;

/// The fields an editor cares about, as the site holds them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostFields {
    pub modified_gmt: String,
    /// SHA-256 of the raw (`context=edit`) values.
    pub title: String,
    pub content: String,
    pub excerpt: String,
    pub status: String,
}

impl PostFields {
    /// From a post read or saved with `context=edit`.
    pub fn from_post(post: &Json) -> PostFields {
        let raw = |key: &str| hash(post[key]["raw"].as_str().unwrap_or("").as_bytes());
        PostFields {
            modified_gmt: post["modified_gmt"].as_str().unwrap_or("").to_string(),
            title: raw("title"),
            content: raw("content"),
            excerpt: raw("excerpt"),
            status: post["status"].as_str().unwrap_or("").to_string(),
        }
    }

    /// The names of the fields that differ between two states of a post.
    pub fn changed(&self, now: &PostFields) -> Vec<&'static str> {
        [
            ("title", self.title != now.title),
            ("content", self.content != now.content),
            ("excerpt", self.excerpt != now.excerpt),
            ("status", self.status != now.status),
        ]
        .into_iter()
        .filter_map(|(name, differs)| differs.then_some(name))
        .collect()
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedPosts {
    sites: BTreeMap<String, BTreeMap<u64, PostFields>>,
    #[serde(skip)]
    path: Option<PathBuf>,
}

impl SavedPosts {
    /// `published-posts.ron` in the data folder.
    pub fn default_path() -> Option<PathBuf> {
        crate::paths::data_dir().map(|d| d.join("published-posts.ron"))
    }

    /// Reads the record; a missing or unreadable file is an empty one (a
    /// conflict is then still refused, only without naming the fields).
    pub fn load(path: Option<&Path>) -> SavedPosts {
        let mut saved: SavedPosts = super::media_cache::load_ron(path);
        saved.path = path.map(Path::to_path_buf);
        saved
    }

    pub fn get(&self, site_url: &str, id: u64) -> Option<&PostFields> {
        self.sites.get(site_url)?.get(&id)
    }

    pub fn insert(&mut self, site_url: &str, id: u64, fields: PostFields) {
        self.sites
            .entry(site_url.to_string())
            .or_default()
            .insert(id, fields);
    }

    pub fn save(&self) -> Result<(), crate::files::StoreError> {
        super::media_cache::save_ron(self.path.as_deref(), self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn changed_fields_are_named_and_the_record_survives_a_restart() {
        let post = |title: &str, status: &str| {
            json!({"modified_gmt": "2026-12-01T03:00:00", "title": {"raw": title},
                   "content": {"raw": "<p>a</p>"}, "excerpt": {"raw": ""}, "status": status})
        };
        let before = PostFields::from_post(&post("A", "draft"));
        assert!(before.changed(&before).is_empty());
        let after = PostFields::from_post(&post("B", "publish"));
        assert_eq!(before.changed(&after), ["title", "status"]);

        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("data/published-posts.ron");
        let mut saved = SavedPosts::load(Some(&path));
        saved.insert("https://a.example", 42, before.clone());
        saved.save().unwrap();
        let back = SavedPosts::load(Some(&path));
        assert_eq!(back.get("https://a.example", 42), Some(&before));
        assert_eq!(back.get("https://a.example", 43), None);
        assert_eq!(back.get("https://b.example", 42), None);
    }
}
