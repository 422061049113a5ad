//! Pictures added to an article (dropped, pasted, or chosen for a figure):
//! which folder they go into, under what name, and the address a figure
//! gives them.
//!
//! The folder is, in order:
//! - the page bundle, for a Hugo-style bundle (the article is `index.md` or
//!   `_index.md` in a folder with other files): pictures go beside it;
//! - the site's folder of files served as they are, for a site whose
//!   generator has one (Jekyll's root — its `assets/images` if there is
//!   one —, Hugo's and Zola's `static/`, Astro's `public/`): the configured
//!   folder in it, addressed from the site's root (`/images/a.png`), the
//!   address the built site serves it at;
//! - else the configured folder beside the article (`images` by default).
//!
//! An address beside a post (`images/a.png` next to `_posts/x.md`) would
//! show in the preview and break on the built site, where the post's page
//! lives at another path.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::files::{MARKDOWN_EXTENSIONS, write_atomic};
use crate::format::dialect::{Dialect, site_of, static_folder};

/// The folder beside an article that pictures go into unless the site says
/// otherwise (a setting can change it).
pub const DEFAULT_FOLDER: &str = "images";

/// Why pictures go where they go (said in the notice after a copy).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Why {
    /// The configured folder beside the article.
    Configured,
    /// The article is a page bundle's `index.md`.
    PageBundle,
    /// The site's folder of files served as they are (see the module).
    SiteStatic,
}

/// Where an article's new pictures go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PictureFolder {
    /// The folder on disk.
    pub dir: PathBuf,
    /// The same folder as an address: relative to the article (`images`;
    /// empty for the article's own folder), or from the site's root
    /// (`/assets/images`).
    pub prefix: String,
    pub why: Why,
}

/// The folder new pictures of the article at `article` go into;
/// `configured` is the setting (empty: [`DEFAULT_FOLDER`]).
pub fn folder_for(article: &Path, configured: &str) -> PictureFolder {
    let article_dir = crate::export::images::article_folder(article);
    if is_page_bundle(article) {
        return PictureFolder {
            dir: article_dir,
            prefix: String::new(),
            why: Why::PageBundle,
        };
    }
    let configured = configured.trim().trim_matches(['/', '\\']);
    let configured = if configured.is_empty() {
        DEFAULT_FOLDER
    } else {
        configured
    };
    if let Some((root, dialect)) = site_of(article)
        && let Some(served) = static_folder(&root, dialect)
    {
        let jekyll_assets = root.join("assets").join("images");
        let relative = if dialect == Dialect::Jekyll && jekyll_assets.is_dir() {
            "assets/images".to_string()
        } else {
            configured.replace('\\', "/")
        };
        return PictureFolder {
            dir: served.join(&relative),
            prefix: format!("/{relative}"),
            why: Why::SiteStatic,
        };
    }
    PictureFolder {
        dir: article_dir.join(configured),
        prefix: configured.replace('\\', "/"),
        why: Why::Configured,
    }
}

/// Whether the article is the `index.md` (or `_index.md`) of a folder that
/// holds other files: a page bundle, whose pictures live beside it.
fn is_page_bundle(article: &Path) -> bool {
    let stem = article.file_stem().and_then(|s| s.to_str());
    let ext = article.extension().and_then(|s| s.to_str());
    if !matches!(stem, Some("index" | "_index"))
        || !ext.is_some_and(|e| MARKDOWN_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
    {
        return false;
    }
    let dir = crate::export::images::article_folder(article);
    let Ok(entries) = fs::read_dir(dir) else {
        return false;
    };
    let name = article.file_name();
    entries.flatten().any(|e| {
        let other = e.file_name();
        Some(other.as_os_str()) != name && !other.to_string_lossy().starts_with('.')
    })
}

/// How a new picture is named when its name is taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Naming {
    /// The file's own name; `-2`, `-3`… before the extension if taken.
    Keep,
    /// Always numbered from 1 (`slug-1.png`): pasted pictures.
    Numbered,
}

/// Writes `bytes` as the picture `name` into `folder` and returns the
/// figure's address for it. A picture already there with the same bytes is
/// reused; another file is never overwritten (the next free number is
/// taken).
pub fn store(
    folder: &PictureFolder,
    name: &str,
    bytes: &[u8],
    naming: Naming,
) -> io::Result<String> {
    let name = Path::new(name);
    let stem = name
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.is_empty())
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "the picture has no name"))?;
    let ext = name
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    fs::create_dir_all(&folder.dir)?;
    for n in 1.. {
        let file = match (naming, n) {
            (Naming::Keep, 1) => format!("{stem}{ext}"),
            _ => format!("{stem}-{n}{ext}"),
        };
        let target = folder.dir.join(&file);
        match fs::read(&target) {
            Ok(existing) if existing == bytes => {}
            Ok(_) => continue,
            Err(e) if e.kind() == io::ErrorKind::NotFound => write_atomic(&target, bytes)?,
            Err(e) => return Err(e),
        }
        return Ok(if folder.prefix.is_empty() {
            file
        } else {
            format!("{}/{file}", folder.prefix)
        });
    }
    unreachable!("some name is free")
}

/// Copies the picture file at `picture` into the article's picture folder
/// and returns the figure's address for it.
pub fn add_file(article: &Path, configured: &str, picture: &Path) -> io::Result<String> {
    let bytes = fs::read(picture)?;
    let name = picture
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not a file"))?;
    store(
        &folder_for(article, configured),
        &name.to_string_lossy(),
        &bytes,
        Naming::Keep,
    )
}

/// Saves a pasted picture (PNG bytes) into the article's picture folder as
/// `<slug>-<n>.png` and returns the figure's address for it.
pub fn add_pasted(article: &Path, configured: &str, slug: &str, png: &[u8]) -> io::Result<String> {
    let slug = crate::model::slugify(slug);
    let stem = if slug.is_empty() { "picture" } else { &slug };
    store(
        &folder_for(article, configured),
        &format!("{stem}.png"),
        png,
        Naming::Numbered,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_picture_is_copied_beside_the_article_and_never_over_another() {
        let dir = tempfile::tempdir().unwrap();
        let article = dir.path().join("post.md");
        let outside = tempfile::tempdir().unwrap();
        let phone = outside.path().join("phone.jpg");
        fs::write(&phone, b"one").unwrap();
        assert_eq!(add_file(&article, "", &phone).unwrap(), "images/phone.jpg");
        assert_eq!(
            fs::read(dir.path().join("images/phone.jpg")).unwrap(),
            b"one"
        );
        // The same picture again is the same file.
        assert_eq!(add_file(&article, "", &phone).unwrap(), "images/phone.jpg");
        // Another picture of that name gets its own.
        fs::write(&phone, b"two").unwrap();
        assert_eq!(
            add_file(&article, "", &phone).unwrap(),
            "images/phone-2.jpg"
        );
        assert_eq!(
            fs::read(dir.path().join("images/phone.jpg")).unwrap(),
            b"one"
        );
        assert!(add_file(&article, "", &outside.path().join("gone.png")).is_err());
    }

    #[test]
    fn pasted_pictures_are_named_after_the_slug_and_numbered() {
        let dir = tempfile::tempdir().unwrap();
        let article = dir.path().join("post.md");
        let first = add_pasted(&article, "", "Xiaomi's Leica Phone", b"a").unwrap();
        assert_eq!(first, "images/xiaomi-s-leica-phone-1.png");
        let second = add_pasted(&article, "", "Xiaomi's Leica Phone", b"b").unwrap();
        assert_eq!(second, "images/xiaomi-s-leica-phone-2.png");
        assert_eq!(
            fs::read(dir.path().join("images/xiaomi-s-leica-phone-1.png")).unwrap(),
            b"a"
        );
        assert_eq!(
            add_pasted(&article, "", "", b"c").unwrap(),
            "images/picture-1.png"
        );
    }

    #[test]
    fn the_configured_folder_is_used_beside_the_article() {
        let dir = tempfile::tempdir().unwrap();
        let article = dir.path().join("post.md");
        let folder = folder_for(&article, "static/pics/");
        assert_eq!(folder.dir, dir.path().join("static/pics"));
        assert_eq!(folder.prefix, "static/pics");
        assert_eq!(folder.why, Why::Configured);
        assert_eq!(folder_for(&article, "  ").prefix, DEFAULT_FOLDER);
    }

    #[test]
    fn a_page_bundle_keeps_its_pictures_beside_its_index() {
        let dir = tempfile::tempdir().unwrap();
        let bundle = dir.path().join("my-post");
        fs::create_dir(&bundle).unwrap();
        let index = bundle.join("index.md");
        fs::write(&index, "---\ntitle: T\n---\n").unwrap();
        // Alone in its folder, an index is not a bundle yet.
        assert_eq!(folder_for(&index, "").why, Why::Configured);
        fs::write(bundle.join("cover.jpg"), b"jpg").unwrap();
        let folder = folder_for(&index, "");
        assert_eq!(
            (folder.dir.clone(), folder.why),
            (bundle.clone(), Why::PageBundle)
        );
        let src = store(&folder, "phone.png", b"png", Naming::Keep).unwrap();
        assert_eq!(src, "phone.png");
        assert!(bundle.join("phone.png").exists());
        // `_index.md` (a section's bundle) too; `post.md` beside files is not.
        fs::rename(&index, bundle.join("_index.md")).unwrap();
        assert_eq!(
            folder_for(&bundle.join("_index.md"), "").why,
            Why::PageBundle
        );
        assert_eq!(folder_for(&bundle.join("post.md"), "").why, Why::Configured);
    }

    #[test]
    fn a_jekyll_site_with_assets_images_keeps_its_pictures_there() {
        let site = tempfile::tempdir().unwrap();
        fs::write(site.path().join("_config.yml"), "title: Blog\n").unwrap();
        fs::create_dir(site.path().join("_posts")).unwrap();
        let post = site.path().join("_posts/2026-01-01-leica.md");
        // Without the folder, the configured one at the site's root
        // (a folder in `_posts` would not be on the built site).
        let folder = folder_for(&post, "");
        assert_eq!(folder.prefix, "/images");
        assert_eq!(folder.dir, site.path().join("images"));
        fs::create_dir_all(site.path().join("assets/images")).unwrap();
        let folder = folder_for(&post, "");
        assert_eq!(folder.why, Why::SiteStatic);
        assert_eq!(folder.prefix, "/assets/images");
        let src = store(&folder, "leica.png", b"png", Naming::Keep).unwrap();
        assert_eq!(src, "/assets/images/leica.png");
        // The address the built site serves it at resolves from the post's
        // folder, as the preview, the exports and publishing read it.
        let resolved = crate::export::images::local_path(&src, &site.path().join("_posts"));
        assert_eq!(fs::read(resolved.unwrap()).unwrap(), b"png");
    }

    #[test]
    fn a_site_s_pictures_go_where_it_serves_files_from_its_root() {
        for (config, served, post) in [
            ("hugo.toml", "static", "content/posts/leica.md"),
            ("config.toml", "static", "content/blog/leica.md"),
            ("astro.config.mjs", "public", "src/content/blog/leica.md"),
        ] {
            let site = tempfile::tempdir().unwrap();
            let text = if config == "config.toml" {
                "base_url = \"https://x.y\"\n"
            } else {
                ""
            };
            fs::write(site.path().join(config), text).unwrap();
            let post = site.path().join(post);
            fs::create_dir_all(post.parent().unwrap()).unwrap();
            let folder = folder_for(&post, "pics/");
            assert_eq!(folder.why, Why::SiteStatic, "{config}");
            assert_eq!(folder.prefix, "/pics");
            let src = store(&folder, "leica.png", b"png", Naming::Keep).unwrap();
            assert_eq!(src, "/pics/leica.png");
            assert!(site.path().join(served).join("pics/leica.png").exists());
            let resolved = crate::export::images::local_path(&src, post.parent().unwrap());
            assert_eq!(fs::read(resolved.unwrap()).unwrap(), b"png", "{config}");
        }
    }
}
