//! Reading articles from disk safely and writing files atomically.

use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use crate::format::{self, Dialect, Document, MalformedFile, Origin};
use crate::import;

/// Files larger than this are refused before they are read: no article is
/// this long (200,000 words is about 1.3 MB), and a mistaken multi-GB file
/// would freeze the app.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("no such file")]
    NotFound,
    #[error("it is a folder, not a file")]
    IsDirectory,
    #[error("the file is {} MB; Copydesk opens files up to {} MB", .0 / 1_000_000, MAX_FILE_BYTES / 1_000_000)]
    TooLarge(u64),
    #[error("it is a binary file, not text")]
    Binary,
    #[error("it is not UTF-8 text (the first invalid byte is at offset {offset})")]
    InvalidUtf8 {
        offset: usize,
        /// The text with the invalid bytes replaced by U+FFFD, for a caller
        /// that offers to open it that way.
        lossy: String,
    },
    #[error("{0}")]
    Malformed(Box<MalformedFile>),
    #[error("{0}")]
    Io(#[from] io::Error),
}

/// A file opened as an article.
#[derive(Debug)]
pub struct Opened {
    pub document: Document,
    /// The file was a plain-text draft: saving it must go to a new Markdown
    /// file, never over the draft.
    pub imported: bool,
}

/// Reads a file as text, refusing what cannot be an article.
pub fn read_text(path: &Path) -> Result<String, OpenError> {
    let meta = fs::metadata(path).map_err(|e| match e.kind() {
        io::ErrorKind::NotFound => OpenError::NotFound,
        _ => OpenError::Io(e),
    })?;
    if meta.is_dir() {
        return Err(OpenError::IsDirectory);
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(OpenError::TooLarge(meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    fs::File::open(path)?
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(OpenError::TooLarge(bytes.len() as u64));
    }
    decode(bytes)
}

/// Bytes → text; binary data and invalid UTF-8 are refused with a reason.
pub fn decode(bytes: Vec<u8>) -> Result<String, OpenError> {
    // A NUL byte never appears in text; UTF-16 files are full of them.
    if bytes.iter().take(8192).any(|b| *b == 0) {
        return Err(OpenError::Binary);
    }
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        OpenError::InvalidUtf8 {
            offset,
            lossy: String::from_utf8_lossy(e.as_bytes()).into_owned(),
        }
    })
}

/// Opens text as an article: a file with front matter is read as Copydesk
/// Markdown; anything else is imported as a draft.
pub fn open_text(text: &str) -> Result<Opened, MalformedFile> {
    if format::has_front_matter(text) {
        Ok(Opened {
            document: format::parse_markdown(text)?,
            imported: false,
        })
    } else {
        Ok(Opened {
            document: Document {
                article: import::import_text(text),
                origin: Origin::new_file(),
            },
            imported: true,
        })
    }
}

/// Opens a file as an article.
pub fn open(path: &Path) -> Result<Opened, OpenError> {
    let text = read_text(path)?;
    open_text_at(&text, path).map_err(|e| OpenError::Malformed(Box::new(e)))
}

/// Opens text read from `path`. A post of a site (a Markdown file under a
/// recognised site's folder) or a Markdown file opening with `# Title` is
/// edited in place, in its site's dialect, with or without front matter;
/// other text without front matter is imported as a draft.
pub fn open_text_at(text: &str, path: &Path) -> Result<Opened, MalformedFile> {
    let site = Dialect::of_site(path);
    let markdown = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| MARKDOWN_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()));
    let in_place = format::has_front_matter(text)
        || (markdown && (site.is_some() || starts_with_title_heading(text)));
    if in_place {
        Ok(Opened {
            document: format::parse_markdown_in(text, site)?,
            imported: false,
        })
    } else {
        open_text(text)
    }
}

/// Extensions of Markdown files.
pub const MARKDOWN_EXTENSIONS: &[&str] = &["md", "markdown", "mdown", "mkd", "mdx"];

/// Whether the text's first line (after blank lines, and an empty
/// front-matter block) is a `# Title` heading.
fn starts_with_title_heading(text: &str) -> bool {
    let (normal, _, _) = format::normalise_text(text);
    normal
        .lines()
        .find(|l| !l.trim().is_empty())
        .is_some_and(|l| l.starts_with("# ") && l.len() > 2)
}

/// Writes a file atomically: a temporary file in the same folder, flushed to
/// disk, then renamed over the target. A failure leaves the old file whole.
/// The target's permissions are kept.
pub fn write_atomic(path: &Path, contents: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".copydesk-")
        .suffix(".tmp")
        .tempfile_in(&dir)?;
    tmp.write_all(contents)?;
    tmp.as_file().sync_all()?;
    if let Ok(existing) = fs::metadata(path) {
        tmp.as_file().set_permissions(existing.permissions())?;
    }
    tmp.persist(path).map_err(|e| e.error)?;
    // Make the rename itself durable.
    #[cfg(unix)]
    if let Ok(d) = fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// The Markdown file a draft is saved to by default: same folder and name,
/// `.md` extension.
pub fn markdown_path_for(draft: &Path) -> PathBuf {
    draft.with_extension("md")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_binary_and_reports_invalid_utf8() {
        assert!(matches!(
            decode(vec![b'a', 0, b'b']),
            Err(OpenError::Binary)
        ));
        match decode(b"caf\xe9 au lait".to_vec()) {
            Err(OpenError::InvalidUtf8 { offset, lossy }) => {
                assert_eq!(offset, 3);
                assert_eq!(lossy, "caf\u{fffd} au lait");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn atomic_write_replaces_and_keeps_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        fs::write(&path, "old").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        }
        write_atomic(&path, b"new").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                fs::metadata(&path).unwrap().permissions().mode() & 0o777,
                0o640
            );
        }
        let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary file is left behind");
    }

    #[test]
    fn failed_write_leaves_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing-folder").join("a.md");
        assert!(write_atomic(&path, b"x").is_err());
    }

    #[test]
    fn text_without_front_matter_is_imported() {
        let opened = open_text("Title\n\nBody paragraph that is long enough to be one.").unwrap();
        assert!(opened.imported);
        assert_eq!(opened.document.article.meta.title, "Title");
        let native = open_text("---\ntitle: A\n---\nBody").unwrap();
        assert!(!native.imported);
    }

    #[test]
    fn a_markdown_note_opening_with_its_title_is_edited_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let note = dir.path().join("note.md");
        fs::write(&note, "# Why drafts pile up\n\nBecause.\n").unwrap();
        let opened = open(&note).unwrap();
        assert!(!opened.imported);
        assert_eq!(opened.document.article.meta.title, "Why drafts pile up");
        assert_eq!(opened.document.article.body, "Because.\n");
        let draft = dir.path().join("draft.txt");
        fs::write(&draft, "# Not markdown\n\nA draft.\n").unwrap();
        assert!(open(&draft).unwrap().imported);
    }
}
