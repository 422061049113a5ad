//! What was uploaded where: content hash → media item, per site, in the
//! data folder (`published-media.ron`), so republishing uploads nothing twice.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// A picture in a site's media library.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Media {
    pub id: u64,
    pub url: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MediaCache {
    /// Site address → SHA-256 (hex) → media item.
    sites: BTreeMap<String, BTreeMap<String, Media>>,
    #[serde(skip)]
    path: Option<PathBuf>,
}

impl MediaCache {
    /// `published-media.ron` in the data folder.
    pub fn default_path() -> Option<PathBuf> {
        crate::paths::data_dir().map(|d| d.join("published-media.ron"))
    }

    /// Reads the cache; a missing or unreadable file is an empty cache (the
    /// worst that follows is an image uploaded again).
    pub fn load(path: Option<&Path>) -> MediaCache {
        let mut cache: MediaCache = load_ron(path);
        cache.path = path.map(Path::to_path_buf);
        cache
    }

    pub fn get(&self, site_url: &str, hash: &str) -> Option<&Media> {
        self.sites.get(site_url)?.get(hash)
    }

    pub fn insert(&mut self, site_url: &str, hash: &str, media: Media) {
        self.sites
            .entry(site_url.to_string())
            .or_default()
            .insert(hash.to_string(), media);
    }

    pub fn forget(&mut self, site_url: &str, hash: &str) {
        if let Some(site) = self.sites.get_mut(site_url) {
            site.remove(hash);
        }
    }

    /// Writes the cache back (nowhere when it has no file).
    pub fn save(&self) -> Result<(), crate::files::StoreError> {
        save_ron(self.path.as_deref(), self)
    }
}

/// A record kept in the data folder; missing or unreadable is empty.
pub(super) fn load_ron<T: serde::de::DeserializeOwned + Default>(path: Option<&Path>) -> T {
    path.and_then(|p| std::fs::read_to_string(p).ok())
        .and_then(|text| ron::from_str(&text).ok())
        .unwrap_or_default()
}

/// Writes a record atomically (nowhere when it has no file).
pub(super) fn save_ron<T: Serialize>(
    path: Option<&Path>,
    value: &T,
) -> Result<(), crate::files::StoreError> {
    match path {
        Some(path) => crate::files::write_ron(path, value, ""),
        None => Ok(()),
    }
}

/// The SHA-256 of a file's bytes, in hex.
pub fn hash(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cache_survives_a_restart() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("data/published-media.ron");
        let mut cache = MediaCache::load(Some(&path));
        let h = hash(b"png bytes");
        assert_eq!(h.len(), 64);
        cache.insert(
            "https://a.example",
            &h,
            Media {
                id: 7,
                url: "https://a.example/x.png".into(),
            },
        );
        cache.save().unwrap();
        let back = MediaCache::load(Some(&path));
        assert_eq!(back.get("https://a.example", &h).unwrap().id, 7);
        assert!(back.get("https://b.example", &h).is_none());
    }
}
