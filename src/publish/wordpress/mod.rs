//! Publishing to WordPress through its REST API (`wp/v2`).

pub mod rest;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde_json::{Value as Json, json};

use super::dates::{self, PostDate};
use super::media_cache::{self, Media, MediaCache};
use super::record::{self, Remote};
use super::saved_posts::{PostFields, SavedPosts};
use super::sites::is_secure_url;
use super::{
    Cause, PostStatus, Progress, PublishError, PublishRequest, Published, Publisher, Site, SiteInfo,
};
use crate::export::{self, MediaRef};
use rest::{Rest, decode_entities};

/// The front-matter key under `publish:` for WordPress posts.
pub const CMS: &str = "wordpress";

pub struct WordPress {
    site: Site,
    rest: Rest,
    media_cache: Option<PathBuf>,
    saved_posts: Option<PathBuf>,
}

impl WordPress {
    /// A publisher for the site; refuses plain HTTP to anything but localhost.
    pub fn new(site: Site, password: String) -> Result<Self, PublishError> {
        if !is_secure_url(&site.url) {
            return Err(PublishError::new(
                &site.name,
                Cause::Insecure(site.url.clone()),
            ));
        }
        let rest = Rest::new(&site, &password);
        Ok(Self {
            site,
            rest,
            media_cache: MediaCache::default_path(),
            saved_posts: SavedPosts::default_path(),
        })
    }

    /// Keeps the uploaded-media record somewhere else (tests).
    pub fn with_media_cache(mut self, path: Option<PathBuf>) -> Self {
        self.media_cache = path;
        self
    }

    /// Keeps the record of saved posts somewhere else (tests).
    pub fn with_saved_posts(mut self, path: Option<PathBuf>) -> Self {
        self.saved_posts = path;
        self
    }

    pub fn rest(&self) -> &Rest {
        &self.rest
    }

    /// A local picture of the article: where it is, and its bytes.
    fn read_image(
        &self,
        request: &PublishRequest,
        src: &str,
    ) -> Result<(PathBuf, Vec<u8>), PublishError> {
        let path = resolve(&request.base_dir, src);
        match std::fs::read(&path) {
            Ok(bytes) => Ok((path, bytes)),
            Err(e) => Err(self.err(Cause::Image(format!(
                "image {}: cannot read: {e}",
                path.display()
            )))),
        }
    }

    fn err(&self, cause: Cause) -> PublishError {
        PublishError::new(&self.site.name, cause)
    }

    /// The REST index: proves the address is a WordPress with `wp/v2`, and
    /// gives its time zone.
    fn index(&self) -> Result<Json, PublishError> {
        let index = self.rest.get(
            "/",
            &[("_fields", "name,namespaces,gmt_offset,timezone_string")],
        )?;
        let has_v2 = index["namespaces"]
            .as_array()
            .is_some_and(|ns| ns.iter().any(|n| n == "wp/v2"));
        if index.get("namespaces").is_none() {
            return Err(self.err(Cause::NotWordPress));
        }
        if !has_v2 {
            return Err(self.err(Cause::RestDisabled("no wp/v2 routes".into())));
        }
        Ok(index)
    }

    fn me(&self) -> Result<Json, PublishError> {
        self.rest.get(
            "/wp/v2/users/me",
            &[
                ("context", "edit"),
                ("_fields", "id,name,slug,roles,capabilities"),
            ],
        )
    }

    /// All names of a taxonomy (`tags`, `categories`), for `sites check`.
    fn term_names(&self, taxonomy: &str) -> Result<Vec<String>, PublishError> {
        let mut names = Vec::new();
        for page in 1..=20 {
            let page = page.to_string();
            let list = self.rest.get(
                &format!("/wp/v2/{taxonomy}"),
                &[("per_page", "100"), ("page", &page), ("_fields", "name")],
            )?;
            let items = list.as_array().cloned().unwrap_or_default();
            names.extend(
                items
                    .iter()
                    .filter_map(|t| t["name"].as_str())
                    .map(decode_entities),
            );
            if items.len() < 100 {
                break;
            }
        }
        Ok(names)
    }

    /// The id of a term matched by name (case-insensitively), created when missing.
    fn term_id(&self, taxonomy: &str, name: &str) -> Result<u64, PublishError> {
        let wanted = name.trim().to_lowercase();
        let found = self.rest.get(
            &format!("/wp/v2/{taxonomy}"),
            &[
                ("search", name.trim()),
                ("per_page", "100"),
                ("_fields", "id,name"),
            ],
        )?;
        if let Some(id) = found.as_array().and_then(|items| {
            items
                .iter()
                .find(|t| {
                    t["name"]
                        .as_str()
                        .map(|n| decode_entities(n).to_lowercase())
                        == Some(wanted.clone())
                })
                .and_then(|t| t["id"].as_u64())
        }) {
            return Ok(id);
        }
        match self.rest.post_json(
            &format!("/wp/v2/{taxonomy}"),
            &[],
            &json!({ "name": name.trim() }),
        ) {
            Ok(created) => created["id"]
                .as_u64()
                .ok_or_else(|| self.err(Cause::Other(format!("{taxonomy}: no id for {name:?}")))),
            Err(e) => Err(e),
        }
    }

    /// Uploads the local images of the article once each; returns what
    /// each source became.
    fn upload_images(
        &self,
        request: &PublishRequest,
        progress: &mut dyn FnMut(Progress),
        notes: &mut Vec<String>,
    ) -> Result<(HashMap<String, Media>, usize, usize), PublishError> {
        let images = local_images(request);
        let mut cache = MediaCache::load(self.media_cache.as_deref());
        let site_key = self.site.base_url().to_string();
        let mut map = HashMap::new();
        let (mut uploaded, mut reused) = (0, 0);
        let total = images.len();
        for (i, image) in images.iter().enumerate() {
            progress(Progress::Uploading {
                done: i,
                total,
                name: image.src.clone(),
            });
            let (path, bytes) = self.read_image(request, &image.src)?;
            let hash = media_cache::hash(&bytes);
            if let Some(media) = cache.get(&site_key, &hash).cloned() {
                // Still in the library? (Someone may have deleted it.)
                let route = format!("/wp/v2/media/{}", media.id);
                if self
                    .rest
                    .get_optional(&route, &[("context", "edit"), ("_fields", "id")])?
                    .is_some()
                {
                    reused += 1;
                    map.insert(image.src.clone(), media);
                    continue;
                }
                cache.forget(&site_key, &hash);
            }
            let file_name = path
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_else(|| "image".into());
            let Some(content_type) = image_type(&file_name) else {
                return Err(self.err(Cause::Image(format!(
                    "image {}: not a picture a site takes (png, jpg, gif, webp, avif)",
                    path.display()
                ))));
            };
            let mut query: Vec<(&str, &str)> = vec![("_fields", "id,source_url")];
            if !image.alt.is_empty() {
                query.push(("alt_text", &image.alt));
            }
            if !image.caption.is_empty() {
                query.push(("caption", &image.caption));
            }
            let created =
                self.rest
                    .post_file("/wp/v2/media", &query, &bytes, content_type, &file_name)?;
            let media = Media {
                id: created["id"].as_u64().unwrap_or(0),
                url: created["source_url"].as_str().unwrap_or("").to_string(),
            };
            if media.id == 0 {
                return Err(self.err(Cause::Other("the upload gave no media id".into())));
            }
            uploaded += 1;
            cache.insert(&site_key, &hash, media.clone());
            // Saved after each upload: a later failure must not make a
            // retry upload this one again.
            if let Err(e) = cache.save() {
                notes.push(format!("could not remember the upload: {e}"));
            }
            map.insert(image.src.clone(), media);
        }
        Ok((map, uploaded, reused))
    }

    /// The media item a web address of the site's library is (a feature
    /// image given as the address of a picture already on the site is used
    /// as it is: nothing downloaded, nothing uploaded).
    fn library_item(&self, url: &str) -> Result<Option<u64>, PublishError> {
        let file = url
            .split(['?', '#'])
            .next()
            .unwrap_or("")
            .rsplit('/')
            .next()
            .unwrap_or("");
        let stem = file.rsplit_once('.').map_or(file, |(stem, _)| stem);
        if stem.is_empty() {
            return Ok(None);
        }
        let found = self.rest.get(
            "/wp/v2/media",
            &[
                ("search", stem),
                ("per_page", "100"),
                ("_fields", "id,source_url"),
            ],
        )?;
        Ok(found.as_array().and_then(|items| {
            items
                .iter()
                .find(|m| m["source_url"].as_str() == Some(url))
                .and_then(|m| m["id"].as_u64())
        }))
    }

    /// The author to send: a WordPress user of the article's first author's
    /// name, where the account may set one.
    fn author(&self, request: &PublishRequest, me: &Json, notes: &mut Vec<String>) -> Option<u64> {
        let me_name = me["name"].as_str().unwrap_or("").to_string();
        let name = request.article.meta.author_names().first()?.to_string();
        if name.eq_ignore_ascii_case(&me_name) {
            return None;
        }
        let may_choose = me["capabilities"]["edit_others_posts"].as_bool() == Some(true);
        let found = if may_choose {
            self.rest
                .get(
                    "/wp/v2/users",
                    &[
                        ("search", &name),
                        ("per_page", "100"),
                        ("_fields", "id,name"),
                    ],
                )
                .ok()
                .and_then(|users| {
                    users.as_array()?.iter().find_map(|u| {
                        (decode_entities(u["name"].as_str()?).eq_ignore_ascii_case(&name))
                            .then(|| u["id"].as_u64())
                            .flatten()
                    })
                })
        } else {
            None
        };
        if found.is_none() {
            let why = if may_choose {
                format!("the site has no user named {name}")
            } else {
                "this account may not set another author".into()
            };
            notes.push(format!("published as {me_name} ({why})"));
        }
        found
    }

    fn post_body(
        &self,
        request: &PublishRequest,
        content: &str,
        date: Option<&PostDate>,
        status: PostStatus,
    ) -> serde_json::Map<String, Json> {
        let meta = &request.article.meta;
        let mut body = serde_json::Map::new();
        body.insert("title".into(), json!(meta.title.trim()));
        body.insert("content".into(), json!(content));
        body.insert("excerpt".into(), json!(meta.excerpt.trim()));
        body.insert("slug".into(), json!(meta.effective_slug()));
        body.insert("status".into(), json!(status.key()));
        if let Some(date) = date {
            body.insert("date".into(), json!(date.local));
            body.insert("date_gmt".into(), json!(date.gmt));
        }
        body
    }

    /// The status to send: a live publish with a future date is scheduled.
    fn effective_status(
        &self,
        request: &PublishRequest,
        date: Option<&PostDate>,
    ) -> Result<PostStatus, PublishError> {
        match (request.status, date) {
            (PostStatus::Future, None) => Err(self.err(Cause::Other(
                "a scheduled post needs a date in the front matter".into(),
            ))),
            (PostStatus::Future, Some(d)) if !d.is_future() => {
                Err(self.err(Cause::Other(format!(
                    "a scheduled post needs a future date; {} UTC has passed",
                    d.gmt
                ))))
            }
            (PostStatus::Publish, Some(d)) if d.is_future() => Ok(PostStatus::Future),
            (status, _) => Ok(status),
        }
    }

    /// The post recorded in the file for this site, checked against the
    /// server: `Ok(None)` when a new post is made.
    fn existing_post(&self, request: &PublishRequest) -> Result<Option<Remote>, PublishError> {
        if request.as_new {
            return Ok(None);
        }
        let Some(remote) = record::read(&request.article.meta, CMS) else {
            return Ok(None);
        };
        if !remote.site.eq_ignore_ascii_case(&self.site.name) {
            return Ok(None);
        }
        let current = self.rest.get_optional(
            &format!("/wp/v2/posts/{}", remote.id),
            &[
                ("context", "edit"),
                ("_fields", "id,status,modified_gmt,title,content,excerpt"),
            ],
        )?;
        let Some(current) = current.filter(|p| p["status"] != "trash") else {
            return Err(self.err(Cause::PostDeleted { id: remote.id }));
        };
        let now = current["modified_gmt"].as_str().unwrap_or("").to_string();
        if !request.force && !remote.modified_gmt.is_empty() && now != remote.modified_gmt {
            // What this machine saved last, if that is the publish the file
            // records; a record of another save would name wrong fields.
            let saved = SavedPosts::load(self.saved_posts.as_deref());
            let fields = saved
                .get(self.site.base_url(), remote.id)
                .filter(|f| f.modified_gmt == remote.modified_gmt)
                .map(|before| {
                    before
                        .changed(&PostFields::from_post(&current))
                        .into_iter()
                        .map(String::from)
                        .collect()
                })
                .unwrap_or_default();
            return Err(self.err(Cause::ChangedOnServer {
                id: remote.id,
                recorded: remote.modified_gmt.clone(),
                now,
                fields,
            }));
        }
        Ok(Some(remote))
    }
}

/// A local picture the article uses: a figure's, or the feature image.
struct LocalImage {
    src: String,
    alt: String,
    caption: String,
}

/// Whether a source is a file next to the article rather than an address.
fn is_local(src: &str) -> bool {
    let s = src.trim();
    !s.is_empty() && !s.contains("://") && !s.starts_with("data:") && !s.starts_with("//")
}

fn local_images(request: &PublishRequest) -> Vec<LocalImage> {
    let mut out: Vec<LocalImage> = Vec::new();
    let meta = &request.article.meta;
    let mut add = |image: LocalImage| {
        if is_local(&image.src) && !out.iter().any(|i| i.src == image.src) {
            out.push(image);
        }
    };
    if is_local(&meta.image.src) {
        let caption = match (meta.image.caption.trim(), meta.image.credit.trim()) {
            (c, "") => c.to_string(),
            ("", credit) => format!("Credit: {credit}"),
            (c, credit) => format!("{c} Credit: {credit}"),
        };
        add(LocalImage {
            src: meta.image.src.clone(),
            alt: meta.image.alt.clone(),
            caption,
        });
    }
    // Figures and pictures inside paragraphs alike.
    for (src, alt) in export::body_images(&request.article.body) {
        add(LocalImage {
            src,
            alt,
            caption: String::new(),
        });
    }
    out
}

/// The file a local picture's address names, read as the preview and the
/// exports read it (percent-decoded; `/images/a.png` from the site's
/// served folder).
fn resolve(base: &Path, src: &str) -> PathBuf {
    crate::export::images::local_path(src, base).unwrap_or_else(|| base.join(src.trim()))
}

fn image_type(name: &str) -> Option<&'static str> {
    let ext = Path::new(name)
        .extension()?
        .to_string_lossy()
        .to_lowercase();
    Some(match ext.as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        _ => return None,
    })
}

/// What WordPress dropped from the content, as a short note; `None` when
/// it kept everything.
pub fn stripped(sent: &str, returned: &str) -> Option<String> {
    // Compared as text: kses rewrites entities (`&#39;` → `&#039;`) without
    // changing a thing a reader sees.
    let norm = |s: &str| -> Vec<String> {
        s.lines()
            .map(|l| decode_entities(l.trim()))
            .filter(|l| !l.is_empty())
            .collect()
    };
    let (a, b) = (norm(sent), norm(returned));
    if a == b {
        return None;
    }
    let first = a
        .iter()
        .find(|line| !b.contains(line))
        .cloned()
        .unwrap_or_default();
    let shown: String = first.chars().take(80).collect();
    Some(format!(
        "WordPress changed the content when saving it (your role may not post some HTML); first line it changed: {shown}"
    ))
}

impl Publisher for WordPress {
    fn site_name(&self) -> &str {
        &self.site.name
    }

    fn check(&mut self) -> Result<SiteInfo, PublishError> {
        let index = self.index()?;
        let me = self.me()?;
        Ok(SiteInfo {
            site_name: decode_entities(index["name"].as_str().unwrap_or("")),
            user: me["name"].as_str().unwrap_or("").to_string(),
            roles: me["roles"]
                .as_array()
                .map(|r| {
                    r.iter()
                        .filter_map(|v| v.as_str().map(String::from))
                        .collect()
                })
                .unwrap_or_default(),
            categories: self.term_names("categories")?,
            tags: self.term_names("tags")?,
        })
    }

    fn dry_run(&self, request: &PublishRequest) -> Result<String, PublishError> {
        let mut out = String::new();
        let cache = MediaCache::load(self.media_cache.as_deref());
        let mut media = HashMap::new();
        for (i, image) in local_images(request).iter().enumerate() {
            let (path, bytes) = self.read_image(request, &image.src)?;
            let known = cache.get(self.site.base_url(), &media_cache::hash(&bytes));
            match known {
                Some(m) => {
                    out.push_str(&format!("# {} is media {} already\n", image.src, m.id));
                    media.insert(image.src.clone(), m.clone());
                }
                None => {
                    out.push_str(&format!(
                        "POST {} ({}, {} bytes)\n",
                        self.rest.url("/wp/v2/media"),
                        path.display(),
                        bytes.len()
                    ));
                    media.insert(
                        image.src.clone(),
                        Media {
                            id: 0,
                            url: format!("(upload {})", i + 1),
                        },
                    );
                }
            }
        }
        let meta = &request.article.meta;
        for tag in &meta.tags {
            out.push_str(&format!(
                "GET/POST {} (tag {tag:?})\n",
                self.rest.url("/wp/v2/tags")
            ));
        }
        if !meta.category.trim().is_empty() {
            out.push_str(&format!(
                "GET/POST {} (category {:?})\n",
                self.rest.url("/wp/v2/categories"),
                meta.category.trim()
            ));
        }
        let content = export::wordpress_with_media(&request.article, &|src| {
            media.get(src).map(|m| MediaRef {
                id: m.id,
                url: m.url.clone(),
            })
        });
        // Without the site's time zone, the date is shown as written.
        let mut body = self.post_body(request, &content, None, request.status);
        if !meta.date.trim().is_empty() {
            body.insert("date".into(), json!(meta.date.trim()));
        }
        if !meta.tags.is_empty() {
            body.insert("tags".into(), json!(meta.tags));
        }
        if !meta.category.trim().is_empty() {
            body.insert("categories".into(), json!([meta.category.trim()]));
        }
        let target = match record::read(meta, CMS)
            .filter(|r| r.site.eq_ignore_ascii_case(&self.site.name))
        {
            Some(r) if !request.as_new => format!("/wp/v2/posts/{}", r.id),
            _ => "/wp/v2/posts".to_string(),
        };
        out.push_str(&format!(
            "POST {}\n{}\n",
            self.rest.url(&target),
            serde_json::to_string_pretty(&Json::Object(body)).unwrap_or_default()
        ));
        Ok(out)
    }

    fn publish(
        &mut self,
        request: &PublishRequest,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<Published, PublishError> {
        progress(Progress::Connecting);
        let index = self.index()?;
        let me = self.me()?;
        let zone = dates::site_zone(
            index["timezone_string"].as_str().unwrap_or(""),
            index["gmt_offset"]
                .as_f64()
                .or_else(|| index["gmt_offset"].as_str().and_then(|s| s.parse().ok()))
                .unwrap_or(0.0),
        );
        let date = dates::post_date(&request.article.meta.date, &zone)
            .map_err(|e| self.err(Cause::Other(e)))?;
        let status = self.effective_status(request, date.as_ref())?;
        let existing = self.existing_post(request)?;
        let mut notes = Vec::new();
        if let Some(old) = record::read(&request.article.meta, CMS)
            && existing.is_none()
            && !old.site.eq_ignore_ascii_case(&self.site.name)
        {
            notes.push(format!(
                "the file recorded post {} on site {}; it now records the new post on {}",
                old.id, old.site, self.site.name
            ));
        }
        let (media, uploaded, reused) = self.upload_images(request, progress, &mut notes)?;
        progress(Progress::Terms);
        let meta = &request.article.meta;
        let mut tag_ids = Vec::new();
        for tag in meta.tags.iter().filter(|t| !t.trim().is_empty()) {
            tag_ids.push(self.term_id("tags", tag)?);
        }
        let category = meta.category.trim();
        let category_id = if category.is_empty() {
            None
        } else {
            match self.term_id("categories", category) {
                Ok(id) => Some(id),
                // Authors may add tags but not categories.
                Err(PublishError {
                    cause: Cause::Forbidden(_),
                    ..
                }) => {
                    notes.push(format!(
                        "the site has no category {category:?} and this account may not create one; the post has the site's default category"
                    ));
                    None
                }
                Err(e) => return Err(e),
            }
        };
        let author = self.author(request, &me, &mut notes);
        let content = export::wordpress_with_media(&request.article, &|src| {
            media.get(src).map(|m| MediaRef {
                id: m.id,
                url: m.url.clone(),
            })
        });
        let mut body = self.post_body(request, &content, date.as_ref(), status);
        body.insert("tags".into(), json!(tag_ids));
        if let Some(id) = category_id {
            body.insert("categories".into(), json!([id]));
        }
        if let Some(id) = author {
            body.insert("author".into(), json!(id));
        }
        let featured = match media.get(&meta.image.src) {
            Some(m) => Some(m.id),
            None if !meta.image.src.trim().is_empty() => {
                self.library_item(meta.image.src.trim())?
            }
            None => None,
        };
        if let Some(id) = featured {
            body.insert("featured_media".into(), json!(id));
        } else if !meta.image.src.trim().is_empty() {
            notes.push(format!(
                "the feature image {} is not in the site's media library; WordPress features only its own pictures, so no featured image was set",
                meta.image.src.trim()
            ));
        }
        progress(Progress::Saving);
        let route = match &existing {
            Some(remote) => format!("/wp/v2/posts/{}", remote.id),
            None => "/wp/v2/posts".to_string(),
        };
        let saved = self
            .rest
            .post_json(&route, &[("context", "edit")], &Json::Object(body))?;
        let id = saved["id"]
            .as_u64()
            .ok_or_else(|| self.err(Cause::Other("the site's answer has no post id".into())))?;
        if let Some(raw) = saved["content"]["raw"].as_str()
            && let Some(note) = stripped(&content, raw)
        {
            notes.push(note);
        }
        let mut saved_posts = SavedPosts::load(self.saved_posts.as_deref());
        saved_posts.insert(self.site.base_url(), id, PostFields::from_post(&saved));
        if let Err(e) = saved_posts.save() {
            notes.push(format!(
                "could not remember what the post holds (a later conflict will not name the fields): {e}"
            ));
        }
        let remote = Remote {
            site: self.site.name.clone(),
            id,
            link: saved["link"].as_str().unwrap_or("").to_string(),
            modified_gmt: saved["modified_gmt"].as_str().unwrap_or("").to_string(),
        };
        Ok(Published {
            remote,
            status: saved["status"].as_str().unwrap_or("").to_string(),
            edit_link: format!(
                "{}/wp-admin/post.php?post={id}&action=edit",
                self.site.base_url()
            ),
            uploaded,
            reused,
            notes,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_files_are_uploaded() {
        assert!(is_local("pics/a.png"));
        assert!(is_local("/home/me/a.png"));
        assert!(!is_local("https://x.example/a.png"));
        assert!(!is_local("//cdn.example/a.png"));
        assert!(!is_local(""));
        assert_eq!(image_type("A.JPG"), Some("image/jpeg"));
        assert_eq!(image_type("a.exe"), None);
    }

    #[test]
    fn a_stripped_iframe_is_noticed() {
        let sent = "<!-- wp:html -->\n<iframe src=\"https://x\"></iframe>\n<!-- /wp:html -->\n";
        let back = "<!-- wp:html -->\n\n<!-- /wp:html -->";
        assert!(stripped(sent, back).unwrap().contains("<iframe"));
        assert_eq!(stripped("<p>a</p>\n", "<p>a</p>"), None);
        assert_eq!(stripped("<p>it&#39;s</p>", "<p>it&#039;s</p>"), None);
    }

    #[test]
    fn plain_http_to_another_host_is_refused_before_any_request() {
        let site = Site {
            name: "blog".into(),
            url: "http://example.com".into(),
            user: "u".into(),
            ..Default::default()
        };
        let err = WordPress::new(site, "secret".into()).err().unwrap();
        assert!(matches!(err.cause, Cause::Insecure(_)));
        assert!(!err.to_string().contains("secret"));
    }
}
