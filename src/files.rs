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

/// Why a small data file of the app's own (RON: the sites, the media
/// uploaded) could not be read or written; the message names the file.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{}: cannot read: {source}", .path.display())]
    Read { path: PathBuf, source: io::Error },
    #[error("{}: cannot read: {source}", .path.display())]
    Parse {
        path: PathBuf,
        // Boxed: the position and message make it large for a `Result`.
        source: Box<ron::error::SpannedError>,
    },
    #[error("{}: cannot create: {source}", .dir.display())]
    Folder { dir: PathBuf, source: io::Error },
    #[error("{0}")]
    Serialize(#[from] ron::Error),
    #[error("{}: cannot write: {source}", .path.display())]
    Write { path: PathBuf, source: io::Error },
}

/// Reads `path` as RON; a missing file is `T::default()`.
pub fn read_ron<T: serde::de::DeserializeOwned + Default>(path: &Path) -> Result<T, StoreError> {
    match fs::read_to_string(path) {
        Ok(text) => ron::from_str(&text).map_err(|source| StoreError::Parse {
            path: path.to_path_buf(),
            source: Box::new(source),
        }),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(T::default()),
        Err(source) => Err(StoreError::Read {
            path: path.to_path_buf(),
            source,
        }),
    }
}

/// Writes `value` to `path` as pretty RON, atomically, its folder made
/// first; `end` follows the text (a final newline, or nothing).
pub fn write_ron<T: serde::Serialize>(path: &Path, value: &T, end: &str) -> Result<(), StoreError> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|source| StoreError::Folder {
            dir: dir.to_path_buf(),
            source,
        })?;
    }
    let text = ron::ser::to_string_pretty(value, ron::ser::PrettyConfig::default())?;
    write_atomic(path, format!("{text}{end}").as_bytes()).map_err(|source| StoreError::Write {
        path: path.to_path_buf(),
        source,
    })
}

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
    #[error(
        "it is not UTF-8 text, and no other encoding explains its bytes (the first invalid byte is at offset {offset})"
    )]
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
    /// The encoding the file was read in (UTF-8 for text handed over as
    /// text).
    pub encoding: Encoding,
}

/// The character encoding a file was read in. Copydesk always writes
/// UTF-8: a file read in another encoding is converted when it is saved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Encoding(&'static encoding_rs::Encoding);

impl Encoding {
    pub const UTF_8: Encoding = Encoding(encoding_rs::UTF_8);
    pub const UTF_16LE: Encoding = Encoding(encoding_rs::UTF_16LE);
    pub const UTF_16BE: Encoding = Encoding(encoding_rs::UTF_16BE);
    pub const WINDOWS_1252: Encoding = Encoding(encoding_rs::WINDOWS_1252);

    pub fn is_utf8(self) -> bool {
        self == Encoding::UTF_8
    }
}

impl Default for Encoding {
    fn default() -> Self {
        Encoding::UTF_8
    }
}

impl std::fmt::Display for Encoding {
    /// The name people know: `UTF-16 LE`, `Windows-1252`, `ISO-8859-2`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0.name() {
            "UTF-16LE" => f.write_str("UTF-16 LE"),
            "UTF-16BE" => f.write_str("UTF-16 BE"),
            name => match name.strip_prefix("windows-") {
                Some(number) => write!(f, "Windows-{number}"),
                None => f.write_str(name),
            },
        }
    }
}

/// A file's text and the encoding it was read in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: Encoding,
    /// A hash of the file's bytes as read (not of the text: the two differ
    /// for a file that is not UTF-8), to notice changes made by other
    /// programs.
    pub hash: u64,
}

/// A hash of a file's bytes (not for security: to notice a change).
pub fn content_hash(bytes: &[u8]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

/// Reads a file as text, refusing what cannot be an article.
pub fn read_text(path: &Path) -> Result<Decoded, OpenError> {
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

/// Bytes → text. UTF-8 is read as UTF-8 whenever the bytes are valid
/// UTF-8; UTF-16 is recognised by its byte-order mark or, without one, by
/// the NUL bytes of its ASCII characters; other bytes are given to
/// `chardetng` (Firefox's detector of legacy encodings: Windows-1252,
/// ISO-8859-x, Shift_JIS…). Binary data is refused, and bytes no encoding
/// explains are refused with a repaired (lossy UTF-8) copy to offer.
pub fn decode(bytes: Vec<u8>) -> Result<Decoded, OpenError> {
    let hash = content_hash(&bytes);
    let decoded = |text: String, encoding: Encoding| Decoded {
        text,
        encoding,
        hash,
    };
    if let Some(encoding) = utf16_encoding(&bytes) {
        return decode_utf16(&bytes, encoding)
            .map(|text| decoded(text, encoding))
            .ok_or(OpenError::Binary);
    }
    // A NUL byte never appears in text (UTF-16 aside).
    if bytes.contains(&0) {
        return Err(OpenError::Binary);
    }
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => return Ok(decoded(text, Encoding::UTF_8)),
        Err(e) => e.into_bytes(),
    };
    // An image, archive or PDF whose bytes hold no NUL: no encoding is
    // asked to explain it.
    if is_known_binary(&bytes) {
        return Err(OpenError::Binary);
    }
    match decode_legacy(&bytes) {
        Legacy::Text(text, encoding) => Ok(decoded(text, encoding)),
        Legacy::Binary => Err(OpenError::Binary),
        Legacy::Unexplained => Err(OpenError::InvalidUtf8 {
            offset: std::str::from_utf8(&bytes)
                .err()
                .map_or(0, |e| e.valid_up_to()),
            lossy: String::from_utf8_lossy(&bytes).into_owned(),
        }),
    }
}

/// UTF-16 by its byte-order mark, or by its NUL bytes: in UTF-16 text
/// mostly of Latin letters, digits and spaces, every other byte is NUL (the
/// odd ones in little-endian, the even ones in big-endian), while the
/// other half has almost none.
fn utf16_encoding(bytes: &[u8]) -> Option<Encoding> {
    match bytes {
        [0xFF, 0xFE, ..] if !bytes.starts_with(&[0xFF, 0xFE, 0, 0]) => {
            return Some(Encoding::UTF_16LE);
        }
        [0xFE, 0xFF, ..] => return Some(Encoding::UTF_16BE),
        _ => {}
    }
    let sample = &bytes[..bytes.len().min(8192) & !1];
    let pairs = sample.len() / 2;
    if pairs < 2 {
        return None;
    }
    let nul_at = |parity: usize| {
        sample
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|b| **b == 0)
            .count()
    };
    let (even, odd) = (nul_at(0), nul_at(1));
    // Thresholds: at least a third of the characters ASCII, and the other
    // half of the bytes nearly free of NULs (a binary file has them on both).
    let clear = |nuls: usize| nuls * 3 >= pairs;
    let almost_none = |nuls: usize| nuls * 50 <= pairs;
    if clear(odd) && almost_none(even) {
        Some(Encoding::UTF_16LE)
    } else if clear(even) && almost_none(odd) {
        Some(Encoding::UTF_16BE)
    } else {
        None
    }
}

/// The text of UTF-16 bytes (a byte-order mark is dropped), or `None` if
/// they are not text: unpaired surrogates, or control characters that no
/// text has.
fn decode_utf16(bytes: &[u8], encoding: Encoding) -> Option<String> {
    let bom = if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        2
    } else {
        0
    };
    // An odd last byte is half a character: the file was cut short.
    let body = &bytes[bom..bytes.len() - (bytes.len() - bom) % 2];
    let text = encoding
        .0
        .decode_without_bom_handling_and_without_replacement(body)?;
    (control_characters(&text) == 0).then(|| text.into_owned())
}

/// Control characters that text does not contain (tab, line feed, form
/// feed and carriage return aside), C1 controls included.
fn control_characters(text: &str) -> usize {
    text.chars()
        .filter(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}'))
        .count()
}

/// Files that start like an image, an archive, a PDF or an office document.
fn is_known_binary(bytes: &[u8]) -> bool {
    const MAGIC: [&[u8]; 10] = [
        b"\x89PNG",
        b"\xFF\xD8\xFF",
        b"GIF8",
        b"%PDF-",
        b"PK\x03\x04",
        b"\x1F\x8B",
        b"RIFF",
        b"7z\xBC\xAF",
        b"\xD0\xCF\x11\xE0",
        b"II*",
    ];
    MAGIC.iter().any(|m| bytes.starts_with(m))
}

enum Legacy {
    Text(String, Encoding),
    Binary,
    Unexplained,
}

/// Bytes that are not UTF-8 in the legacy encoding they fit best, if one
/// explains them.
fn decode_legacy(bytes: &[u8]) -> Legacy {
    // Text has few control characters; a binary file without NULs has
    // them all over.
    let controls = bytes
        .iter()
        .filter(|b| (**b < 0x20 && !b"\t\n\r\x0c".contains(b)) || **b == 0x7f)
        .count();
    if controls * 20 > bytes.len() {
        return Legacy::Binary;
    }
    // Bytes that are mostly valid UTF-8 with some broken ones are a UTF-8
    // file that was damaged (or pasted into from another encoding): read
    // in a legacy encoding its good characters would turn into `Ã©`.
    let (good, bad) = utf8_sequences(bytes);
    if good >= bad {
        return Legacy::Unexplained;
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
    // Bytes the guessed encoding has no character for, or control
    // characters (Windows-1252's unused 0x81, 0x8D…): no encoding explains
    // them.
    let Some(text) = guess.decode_without_bom_handling_and_without_replacement(bytes) else {
        return Legacy::Unexplained;
    };
    if control_characters(&text) > 0 || (guess.is_single_byte() && mixes_scripts(&text)) {
        return Legacy::Unexplained;
    }
    Legacy::Text(text.into_owned(), Encoding(guess))
}

/// Whether many words mix Latin letters with letters of another script
/// (`cafщ`): what bytes of one encoding look like read in another. Text in
/// Cyrillic or Greek has its own words and Latin ones, rarely both in one.
fn mixes_scripts(text: &str) -> bool {
    let latin = |c: char| c.is_ascii_alphabetic() || ('\u{c0}'..='\u{24f}').contains(&c);
    let (mut foreign, mut mixed) = (0usize, 0usize);
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        let other = word.chars().any(|c| c.is_alphabetic() && !latin(c));
        if other {
            foreign += 1;
            if word.chars().any(latin) {
                mixed += 1;
            }
        }
    }
    mixed * 10 > foreign
}

/// How many valid multi-byte UTF-8 characters, and how many invalid
/// sequences, the bytes hold.
fn utf8_sequences(mut bytes: &[u8]) -> (usize, usize) {
    let (mut good, mut bad) = (0, 0);
    loop {
        let (valid, rest) = match std::str::from_utf8(bytes) {
            Ok(valid) => (valid, None),
            Err(e) => {
                let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
                let skip = e.error_len().unwrap_or(bytes.len() - e.valid_up_to());
                (valid, Some(e.valid_up_to() + skip))
            }
        };
        good += valid.chars().filter(|c| !c.is_ascii()).count();
        match rest {
            Some(next) => {
                bad += 1;
                bytes = &bytes[next..];
            }
            None => return (good, bad),
        }
    }
}

/// Opens text as an article: a file with front matter is read as Copydesk
/// Markdown; anything else is imported as a draft.
pub fn open_text(text: &str) -> Result<Opened, MalformedFile> {
    if format::has_front_matter(text) {
        Ok(Opened {
            document: format::parse_markdown(text)?,
            imported: false,
            encoding: Encoding::UTF_8,
        })
    } else {
        Ok(Opened {
            document: Document {
                article: import::import_text(text),
                origin: Origin::new_file(),
            },
            imported: true,
            encoding: Encoding::UTF_8,
        })
    }
}

/// Opens a file as an article.
pub fn open(path: &Path) -> Result<Opened, OpenError> {
    let decoded = read_text(path)?;
    let mut opened =
        open_text_at(&decoded.text, path).map_err(|e| OpenError::Malformed(Box::new(e)))?;
    opened.encoding = decoded.encoding;
    Ok(opened)
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
            encoding: Encoding::UTF_8,
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
/// The target's permissions are kept; a new file gets the permissions any
/// program's new file gets (read and write for all, less the umask).
pub fn write_atomic(path: &Path, contents: &[u8]) -> io::Result<()> {
    write_atomic_as(path, contents, true)
}

/// [`write_atomic`] for the app's own files that hold someone's unsaved
/// words (recovery files, crash logs): a new one is readable by its owner
/// only, whatever the umask.
pub fn write_private(path: &Path, contents: &[u8]) -> io::Result<()> {
    write_atomic_as(path, contents, false)
}

fn write_atomic_as(path: &Path, contents: &[u8], shared: bool) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let existing = fs::metadata(path).ok();
    let mut builder = tempfile::Builder::new();
    builder.prefix(".copydesk-").suffix(".tmp");
    // The temporary file is private (0600) unless it becomes a new shared
    // file: then it is created as `File::create` would, and the system
    // applies the umask.
    #[cfg(unix)]
    if shared && existing.is_none() {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    // Only Unix has permission bits to choose.
    #[cfg(not(unix))]
    let _ = shared;
    let mut tmp = builder.tempfile_in(&dir)?;
    tmp.write_all(contents)?;
    tmp.as_file().sync_all()?;
    if let Some(existing) = existing {
        tmp.as_file().set_permissions(existing.permissions())?;
    }
    tmp.persist(path).map_err(|e| e.error)?;
    // Make the rename itself durable.
    #[cfg(unix)]
    if let Ok(d) = fs::File::open(&dir) {
        // Best effort: some file systems cannot sync a folder; the file's
        // bytes were synced above, and the rename is atomic either way.
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
    #[test]
    fn a_data_file_that_cannot_be_kept_or_read_names_itself_and_why() {
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("not-a-folder");
        std::fs::write(&blocker, "a file").unwrap();
        let inside = blocker.join("sites.ron");
        let error = write_ron(&inside, &vec![1u8], "\n").unwrap_err();
        assert!(matches!(&error, StoreError::Folder { dir, .. } if *dir == blocker));
        assert!(
            error
                .to_string()
                .starts_with(&format!("{}: cannot create: ", blocker.display())),
            "{error}"
        );

        let file = dir.path().join("list.ron");
        write_ron(&file, &vec![1u8, 2], "\n").unwrap();
        assert_eq!(read_ron::<Vec<u8>>(&file).unwrap(), vec![1, 2]);
        assert!(
            read_ron::<Vec<u8>>(&dir.path().join("none.ron"))
                .unwrap()
                .is_empty()
        );
        std::fs::write(&file, "[1, oops").unwrap();
        let error = read_ron::<Vec<u8>>(&file).unwrap_err();
        assert!(matches!(&error, StoreError::Parse { path, .. } if *path == file));
        assert!(
            error
                .to_string()
                .starts_with(&format!("{}: cannot read: ", file.display()))
        );
    }

    use super::*;

    fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
        let mut units: Vec<u16> = Vec::new();
        if bom {
            units.push(0xFEFF);
        }
        units.extend(text.encode_utf16());
        units
            .into_iter()
            .flat_map(|u| {
                if big_endian {
                    u.to_be_bytes()
                } else {
                    u.to_le_bytes()
                }
            })
            .collect()
    }

    /// Latin-1 bytes of text whose characters are all below U+0100.
    fn latin1(text: &str) -> Vec<u8> {
        text.chars()
            .map(|c| u8::try_from(u32::from(c)).unwrap())
            .collect()
    }

    const DRAFT: &str = "Café prices rise\n\nThe café on the corner raised its prices this week, and the regulars are not happy about it.\n";

    #[test]
    fn utf16_le_with_a_byte_order_mark_is_read() {
        let decoded = decode(utf16(DRAFT, false, true)).unwrap();
        assert_eq!(decoded.text, DRAFT, "the byte-order mark is dropped");
        assert_eq!(decoded.encoding.to_string(), "UTF-16 LE");
    }

    #[test]
    fn utf16_be_without_a_byte_order_mark_is_read() {
        let decoded = decode(utf16(DRAFT, true, false)).unwrap();
        assert_eq!(decoded.text, DRAFT);
        assert_eq!(decoded.encoding, Encoding::UTF_16BE);
        assert_eq!(decoded.encoding.to_string(), "UTF-16 BE");
        let le = decode(utf16(DRAFT, false, false)).unwrap();
        assert_eq!((le.text.as_str(), le.encoding), (DRAFT, Encoding::UTF_16LE));
    }

    #[test]
    fn a_windows_1252_draft_is_imported_with_its_accents() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cafe.txt");
        let mut bytes = latin1(DRAFT);
        // “…” and € are where Windows-1252 differs from ISO-8859-1.
        bytes.extend(b"\n\x93Too dear,\x94 said one; coffee is 3 \x80 now.\n");
        fs::write(&path, &bytes).unwrap();
        let opened = open(&path).unwrap();
        assert_eq!(opened.encoding, Encoding::WINDOWS_1252);
        assert_eq!(opened.encoding.to_string(), "Windows-1252");
        let meta = &opened.document.article.meta;
        assert_eq!(meta.title, "Café prices rise");
        assert_eq!(meta.effective_slug(), "cafe-prices-rise");
        assert!(
            opened
                .document
                .article
                .body
                .contains("“Too dear,” said one; coffee is 3 € now."),
            "{}",
            opened.document.article.body
        );
    }

    #[test]
    fn iso_8859_drafts_are_read() {
        let german = "Die Größe des Sensors\n\nDer neue Sensor ist größer als der alte, sagt der Hersteller aus Köln. Übrigens: ß.\n";
        let decoded = decode(latin1(german)).unwrap();
        assert_eq!(decoded.text, german);
        assert!(!decoded.encoding.is_utf8());
        // Czech in ISO-8859-2: š, ž and ť are where Windows-1250 differs.
        let czech = "Příliš žluťoučký kůň úpěl ďábelské ódy. Tohle je věta v češtině, která má dost písmen s háčky a čárkami.\n";
        let (bytes, _, unmappable) = encoding_rs::ISO_8859_2.encode(czech);
        assert!(!unmappable);
        let decoded = decode(bytes.into_owned()).unwrap();
        assert_eq!(decoded.text, czech);
        assert_eq!(decoded.encoding.to_string(), "ISO-8859-2");
        // Russian in Windows-1251, Latin brand names and all.
        let russian = "Новый смартфон Xiaomi получил камеру Leica. Компания подтвердила партнёрство в июле.\n";
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(russian);
        let decoded = decode(bytes.into_owned()).unwrap();
        assert_eq!(decoded.text, russian);
        assert_eq!(decoded.encoding.to_string(), "Windows-1251");
    }

    #[test]
    fn valid_utf8_is_always_read_as_utf8() {
        for text in [
            DRAFT,
            "CafÃ© and â€œquotesâ€\u{9d}",
            "GIF89a is a format, %PDF- is another",
            "plain ASCII",
            "",
        ] {
            let decoded = decode(text.as_bytes().to_vec()).unwrap();
            assert_eq!(
                (decoded.text.as_str(), decoded.encoding),
                (text, Encoding::UTF_8)
            );
        }
    }

    #[test]
    fn binary_files_are_still_refused() {
        let png = [
            0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, b'I', b'H', b'D', b'R',
            0, 0, 0, 0x10, 0, 0, 0, 0x10, 8, 6, 0, 0, 0, 0x1F, 0xF3, 0xFF, 0x61,
        ];
        let zip = b"PK\x03\x04\x14\x00\x00\x00\x08\x00draft.txt\xcb\x48\xcd\xc9";
        // A PDF whose first bytes hold no NUL.
        let pdf =
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nstream\n\x9c\xed\xbd";
        let gif = b"GIF89a\x01\x00\x01\x00\x80\x01\x00";
        for bytes in [&png[..], zip, pdf, gif, b"a\x00b"] {
            assert!(
                matches!(decode(bytes.to_vec()), Err(OpenError::Binary)),
                "{bytes:?}"
            );
        }
        // Random-looking bytes without NULs: control characters everywhere.
        let noise: Vec<u8> = (1..=255u8)
            .cycle()
            .take(2000)
            .map(|b| b.wrapping_mul(37) | 1)
            .collect();
        assert!(matches!(decode(noise), Err(OpenError::Binary)));
    }

    #[test]
    fn bytes_no_encoding_explains_open_only_as_a_repaired_copy() {
        // A UTF-8 file with one byte of Latin-1 pasted in: reading it as
        // Windows-1252 would turn its good accents into Ã©.
        match decode(b"Caf\xc3\xa9 news: the caf\xe9 opened.".to_vec()) {
            Err(OpenError::InvalidUtf8 { offset, lossy }) => {
                assert_eq!(offset, 19);
                assert_eq!(lossy, "Café news: the caf\u{fffd} opened.");
            }
            other => panic!("{other:?}"),
        }
        // Bytes that are control characters in every single-byte encoding.
        let got = decode(b"caf\xe9 \x81\x8d text of a draft".to_vec());
        assert!(matches!(got, Err(OpenError::InvalidUtf8 { .. })), "{got:?}");
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

    #[cfg(unix)]
    #[test]
    fn new_files_follow_the_umask_and_private_ones_stay_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        // The umask as the kernel reports it (the tests cannot set it: it is
        // the process's, shared by every test thread).
        let umask = fs::read_to_string("/proc/self/status").ok().and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("Umask:"))
                .and_then(|m| u32::from_str_radix(m.trim(), 8).ok())
        });
        let shared = dir.path().join("export.html");
        write_atomic(&shared, b"x").unwrap();
        if let Some(umask) = umask {
            assert_eq!(mode(&shared), 0o666 & !umask);
        }
        let private = dir.path().join("recovery.md");
        write_private(&private, b"x").unwrap();
        assert_eq!(mode(&private), 0o600);
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
