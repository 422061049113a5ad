//! Local pictures carried out with an export: a figure's `src` that names a
//! file (relative to the article's folder, absolute, or `file://`) becomes a
//! `data:image/…;base64,` URI, so a rich editor that cannot reach the
//! editor's disk still shows the picture.

use std::path::{Path, PathBuf};

use base64::Engine as _;

/// Pictures above this are left out (with a notice): CMS editors and mail
/// clients choke on multi-megabyte clipboards.
pub const DEFAULT_MAX_BYTES: u64 = 2 * 1024 * 1024;

/// Embedding local images into an HTML export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmbedImages {
    /// The article's folder: relative paths are read from here.
    pub base_dir: PathBuf,
    /// Larger files are skipped with a notice.
    pub max_bytes: u64,
}

impl EmbedImages {
    pub fn new(base_dir: impl Into<PathBuf>) -> Self {
        Self {
            base_dir: base_dir.into(),
            max_bytes: DEFAULT_MAX_BYTES,
        }
    }
}

/// The folder an article's relative image paths start from.
pub fn article_folder(article_path: &Path) -> PathBuf {
    match article_path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// The file an image address names, or `None` for a web address, a `data:`
/// URI or any other scheme (those stay as they are).
pub fn local_path(src: &str, base_dir: &Path) -> Option<PathBuf> {
    let src = src.trim();
    if src.is_empty() {
        return None;
    }
    // An address, as a browser reads it: `%20` is a space.
    let decoded = percent_encoding::percent_decode_str(src)
        .decode_utf8()
        .map(|s| s.into_owned())
        .unwrap_or_else(|_| src.to_string());
    if let Some(rest) = strip_prefix_ignore_case(&decoded, "file://") {
        // `file:///home/a%20b.png` or `file://localhost/home/…`
        let rest = rest.strip_prefix("localhost").unwrap_or(rest);
        return Some(PathBuf::from(rest));
    }
    if decoded.starts_with("//") {
        // `//cdn.example.com/a.png`: a web address without its scheme.
        return None;
    }
    let path = Path::new(&decoded);
    if let Some(from_root) = decoded.strip_prefix('/')
        && !path.exists()
        && let Some(served) = served_folder(base_dir)
    {
        // `/images/a.png` in a site's post: from the folder the site
        // serves as it is (Hugo's `static/`, Astro's `public/`, …).
        return Some(served.join(from_root));
    }
    if path.is_absolute() {
        return Some(path.to_path_buf());
    }
    // `C:\…` is absolute above on Windows; elsewhere a colon before any
    // slash is a scheme (`https:`, `data:`, `mailto:`).
    if decoded
        .split(['/', '\\'])
        .next()
        .is_some_and(|first| first.contains(':'))
    {
        return None;
    }
    Some(base_dir.join(path))
}

/// The folder that the site holding `dir` serves as it is from its root
/// (see [`crate::format::dialect::static_folder`]), looked up once per
/// folder: the preview asks every frame.
fn served_folder(dir: &Path) -> Option<PathBuf> {
    use std::collections::HashMap;
    use std::sync::{LazyLock, Mutex};
    static FOUND: LazyLock<Mutex<HashMap<PathBuf, Option<PathBuf>>>> =
        LazyLock::new(Mutex::default);
    let find = || {
        crate::format::dialect::site_of(dir)
            .and_then(|(root, dialect)| crate::format::dialect::static_folder(&root, dialect))
    };
    let Ok(mut found) = FOUND.lock() else {
        return find();
    };
    found.entry(dir.to_path_buf()).or_insert_with(find).clone()
}

fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

/// The MIME type of a picture a browser shows in `<img>`, from its first
/// bytes. Four signatures, written here rather than pulling an image
/// decoder into the library; SVG is left out on purpose (it can carry script).
pub fn sniff_image(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(&[0xff, 0xd8, 0xff]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some("image/gif")
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("image/webp")
    } else {
        None
    }
}

/// Why a local picture was left out of an export. The message says why;
/// the caller names the picture as the article does.
#[derive(Debug, thiserror::Error)]
pub enum EmbedError {
    #[error("not found")]
    NotFound { path: PathBuf },
    #[error("too large ({}, the limit is {})", human_size(*.size), human_size(*.limit))]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    #[error("{source}")]
    Unreadable {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("not a PNG, JPEG, GIF or WebP image")]
    NotAPicture { path: PathBuf },
}

/// A local picture as a `data:` URI, or why it was left out.
pub fn data_uri(path: &Path, max_bytes: u64) -> Result<String, EmbedError> {
    let unreadable = |source: std::io::Error| match source.kind() {
        std::io::ErrorKind::NotFound => EmbedError::NotFound {
            path: path.to_path_buf(),
        },
        _ => EmbedError::Unreadable {
            path: path.to_path_buf(),
            source,
        },
    };
    let size = std::fs::metadata(path).map_err(unreadable)?.len();
    if size > max_bytes {
        return Err(EmbedError::TooLarge {
            path: path.to_path_buf(),
            size,
            limit: max_bytes,
        });
    }
    let bytes = std::fs::read(path).map_err(unreadable)?;
    let mime = sniff_image(&bytes).ok_or_else(|| EmbedError::NotAPicture {
        path: path.to_path_buf(),
    })?;
    Ok(format!(
        "data:{mime};base64,{}",
        base64::engine::general_purpose::STANDARD.encode(&bytes)
    ))
}

fn human_size(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

/// Whether `src` is a `data:` URI of a picture type the exports embed:
/// the only `data:` the sanitiser lets through, and only in `img src`.
pub fn is_embedded_image(src: &str) -> bool {
    let lower = src
        .trim_start()
        .get(..24)
        .unwrap_or("")
        .to_ascii_lowercase();
    [
        "data:image/png;base64,",
        "data:image/jpeg;base64,",
        "data:image/gif;base64,",
        "data:image/webp;base64,",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_addresses_resolve_against_the_article_folder() {
        let base = Path::new("/articles/leica");
        assert_eq!(
            local_path("images/a.png", base),
            Some(PathBuf::from("/articles/leica/images/a.png"))
        );
        assert_eq!(
            local_path("/tmp/a.png", base),
            Some(PathBuf::from("/tmp/a.png"))
        );
        assert_eq!(
            local_path("file:///tmp/a%20b.png", base),
            Some(PathBuf::from("/tmp/a b.png"))
        );
        assert_eq!(local_path("https://x.com/a.png", base), None);
        assert_eq!(local_path("data:image/png;base64,AA", base), None);
        assert_eq!(local_path("", base), None);
    }

    #[test]
    fn only_picture_types_count_as_embedded() {
        assert!(is_embedded_image("data:image/png;base64,iVBOR"));
        assert!(is_embedded_image("DATA:image/JPEG;base64,/9j/"));
        assert!(!is_embedded_image("data:image/svg+xml;base64,PHN2Zz4="));
        assert!(!is_embedded_image("data:text/html;base64,PHNjcmlwdD4="));
        assert!(!is_embedded_image("data:image/png,raw"));
    }

    #[test]
    fn a_file_that_is_not_a_picture_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fake.png");
        std::fs::write(&path, b"<svg onload=alert(1)>").unwrap();
        let refused = data_uri(&path, DEFAULT_MAX_BYTES).unwrap_err();
        assert!(refused.to_string().contains("not a PNG"));
        assert!(matches!(refused, EmbedError::NotAPicture { path: p } if p == path));
        let gone = dir.path().join("gone.png");
        let missing = data_uri(&gone, DEFAULT_MAX_BYTES).unwrap_err();
        assert_eq!(missing.to_string(), "not found");
        assert!(matches!(missing, EmbedError::NotFound { path: p } if p == gone));
        std::fs::write(&path, [0x89, b'P', b'N', b'G', 0, 0]).unwrap();
        assert_eq!(
            data_uri(&path, 4).unwrap_err().to_string(),
            "too large (1 KB, the limit is 1 KB)"
        );
    }
}
