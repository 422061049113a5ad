//! Copydesk's native file: Markdown with front matter.
//!
//! Reading keeps what is needed to write the file back exactly as it was
//! (front-matter syntax, line endings, byte-order mark, and the original text
//! while nothing changed), so opening and saving never rewrites a colleague's
//! file for nothing.

mod fields;
pub mod front_matter;
mod toml;
mod yaml;

pub use fields::{entries_from_metadata, metadata_from_entries};
pub use front_matter::FrontMatterKind;

use crate::model::Article;

/// Where in the front matter a problem is.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("front matter, line {line}, column {column}: {message}")]
pub struct FrontMatterError {
    pub message: String,
    /// 1-based, counted in the whole file.
    pub line: usize,
    pub column: usize,
}

/// A file whose front matter cannot be read: its body and the raw front
/// matter are handed back so nothing is lost.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{error}")]
pub struct MalformedFile {
    pub error: FrontMatterError,
    pub kind: FrontMatterKind,
    pub raw_front: String,
    pub body: String,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LineEnding {
    #[default]
    Lf,
    CrLf,
}

impl LineEnding {
    /// The ending most lines of `text` use.
    pub fn detect(text: &str) -> LineEnding {
        let crlf = text.matches("\r\n").count();
        let lf = text.matches('\n').count() - crlf;
        if crlf > lf {
            LineEnding::CrLf
        } else {
            LineEnding::Lf
        }
    }
}

/// How a document was stored, so that it is written back the same way.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Origin {
    /// `None`: the file had no front matter.
    pub front_matter: Option<FrontMatterKind>,
    pub line_ending: LineEnding,
    pub bom: bool,
    /// The text as read and the article it gave: while the article is
    /// unchanged, writing gives back exactly these bytes.
    pub original: Option<(Article, String)>,
    /// Front matter that could not be read, kept as written: it is written
    /// back untouched while the metadata stays empty.
    pub unreadable_front: Option<String>,
}

impl Origin {
    /// A file Copydesk creates: YAML front matter, the platform's line endings.
    pub fn new_file() -> Origin {
        Origin {
            front_matter: Some(FrontMatterKind::Yaml),
            line_ending: if cfg!(windows) {
                LineEnding::CrLf
            } else {
                LineEnding::Lf
            },
            bom: false,
            original: None,
            unreadable_front: None,
        }
    }

    /// How a file whose front matter could not be read is written back:
    /// its front matter as it was, whatever happens to the body.
    pub fn keeping_unreadable(malformed: &MalformedFile, text: &str) -> Origin {
        let (_, line_ending, bom) = normalise_text(text);
        Origin {
            front_matter: Some(malformed.kind),
            line_ending,
            bom,
            original: None,
            unreadable_front: Some(malformed.raw_front.clone()),
        }
    }
}

/// An article with the way it was stored.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    pub article: Article,
    pub origin: Origin,
}

/// Normalises line endings to `\n` (lone `\r` too) and removes a byte-order mark.
pub fn normalise_text(text: &str) -> (String, LineEnding, bool) {
    let (text, bom) = match text.strip_prefix('\u{feff}') {
        Some(rest) => (rest, true),
        None => (text, false),
    };
    let ending = LineEnding::detect(text);
    let normal = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    };
    (normal, ending, bom)
}

/// Whether the text starts with a front-matter block.
pub fn has_front_matter(text: &str) -> bool {
    let (normal, _, _) = normalise_text(text);
    front_matter::split(&normal).kind.is_some()
}

/// Reads a Copydesk Markdown file (or any Markdown file with or without
/// front matter).
pub fn parse_markdown(text: &str) -> Result<Document, MalformedFile> {
    let (normal, line_ending, bom) = normalise_text(text);
    let split = front_matter::split(&normal);
    let body = strip_separator(split.body).to_string();
    let meta = match split.kind {
        None => Default::default(),
        Some(kind) => {
            let entries = match kind {
                FrontMatterKind::Yaml => yaml::parse(split.front, split.front_first_line),
                FrontMatterKind::Toml => toml::parse(split.front, split.front_first_line),
            };
            match entries {
                Ok(entries) => metadata_from_entries(entries),
                Err(error) => {
                    return Err(MalformedFile {
                        error,
                        kind,
                        raw_front: split.front.to_string(),
                        body,
                    });
                }
            }
        }
    };
    let article = Article { meta, body };
    Ok(Document {
        origin: Origin {
            front_matter: split.kind,
            line_ending,
            bom,
            original: Some((article.clone(), text.to_string())),
            unreadable_front: None,
        },
        article,
    })
}

/// The blank line between the closing fence and the body belongs to the
/// layout, not to the body: it is taken off here and put back on writing.
fn strip_separator(body: &str) -> &str {
    body.strip_prefix('\n').unwrap_or(body)
}

/// Writes an article as Copydesk Markdown in the way `origin` says.
pub fn write_markdown(article: &Article, origin: &Origin) -> String {
    if let Some((original_article, original_text)) = &origin.original
        && original_article == article
    {
        return original_text.clone();
    }
    let kind = match origin.front_matter {
        Some(kind) => Some(kind),
        None if article.meta == Default::default() => None,
        None => Some(FrontMatterKind::Yaml),
    };
    let mut out = String::with_capacity(article.body.len() + 1024);
    if origin.bom {
        out.push('\u{feff}');
    }
    if let Some(kind) = kind {
        let front = match &origin.unreadable_front {
            Some(raw) if article.meta == Default::default() => raw.clone(),
            _ => {
                let entries = entries_from_metadata(&article.meta);
                match kind {
                    FrontMatterKind::Yaml => yaml::write(&entries),
                    FrontMatterKind::Toml => toml::write(&entries),
                }
            }
        };
        out.push_str(kind.fence());
        out.push('\n');
        out.push_str(&front);
        out.push_str(kind.fence());
        out.push_str("\n\n");
    }
    out.push_str(&article.body);
    match origin.line_ending {
        LineEnding::Lf => out,
        LineEnding::CrLf => out.replace('\n', "\r\n"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Author, Status};

    const FILE: &str = "---\ntitle: Hello\n# a comment\nlayout: post\nauthors:\n  - name: Jane\n---\n\nBody text.\n";

    #[test]
    fn unchanged_file_is_written_back_byte_for_byte() {
        let doc = parse_markdown(FILE).unwrap();
        assert_eq!(write_markdown(&doc.article, &doc.origin), FILE);
    }

    #[test]
    fn changed_file_keeps_unknown_keys() {
        let mut doc = parse_markdown(FILE).unwrap();
        doc.article.meta.title = "Changed".into();
        let out = write_markdown(&doc.article, &doc.origin);
        assert!(out.contains("layout: post"), "{out}");
        let again = parse_markdown(&out).unwrap();
        assert_eq!(again.article, doc.article);
    }

    #[test]
    fn crlf_files_stay_crlf() {
        let crlf = FILE.replace('\n', "\r\n");
        let mut doc = parse_markdown(&crlf).unwrap();
        assert_eq!(doc.article.body, "Body text.\n");
        doc.article.body.push_str("More.\n");
        let out = write_markdown(&doc.article, &doc.origin);
        assert!(out.contains("More.\r\n"));
        assert!(!out.replace("\r\n", "").contains('\n'));
    }

    #[test]
    fn mixed_line_endings_lose_no_text() {
        let mixed = "---\r\ntitle: A\n---\r\n\r\nOne\r\nTwo\nThree\rFour\r\n";
        let mut doc = parse_markdown(mixed).unwrap();
        assert_eq!(doc.article.body, "One\nTwo\nThree\nFour\n");
        assert_eq!(
            doc.origin.line_ending,
            LineEnding::CrLf,
            "the ending most lines use"
        );
        doc.article.body.push_str("Five\n");
        let out = write_markdown(&doc.article, &doc.origin);
        assert_eq!(
            out.replace("\r\n", "\n"),
            "---\ntitle: A\nstatus: draft\n---\n\nOne\nTwo\nThree\nFour\nFive\n"
        );
        assert!(
            !out.replace("\r\n", "").contains(['\r', '\n']),
            "one ending throughout: {out:?}"
        );
    }

    #[test]
    fn toml_files_stay_toml() {
        let mut doc = parse_markdown("+++\ntitle = \"A\"\ndraft = true\n+++\nBody").unwrap();
        assert_eq!(doc.article.meta.status, Status::Draft);
        doc.article.meta.authors.push(Author::named("Jane"));
        let out = write_markdown(&doc.article, &doc.origin);
        assert!(out.starts_with("+++\n"), "{out}");
        assert_eq!(parse_markdown(&out).unwrap().article, doc.article);
    }

    #[test]
    fn malformed_front_matter_hands_back_body_and_raw_text() {
        let err = parse_markdown("---\ntitle: [oops\n---\nThe body").unwrap_err();
        assert_eq!(err.body, "The body");
        assert_eq!(err.raw_front, "title: [oops\n");
        assert!(err.to_string().contains("line"), "{err}");
    }

    #[test]
    fn unreadable_front_matter_is_written_back_untouched() {
        let text = "---\ntitle: [oops\nlayout: post\n---\nThe body\n";
        let err = parse_markdown(text).unwrap_err();
        let origin = Origin::keeping_unreadable(&err, text);
        let article = Article {
            body: "The body, edited\n".into(),
            ..Default::default()
        };
        assert_eq!(
            write_markdown(&article, &origin),
            "---\ntitle: [oops\nlayout: post\n---\n\nThe body, edited\n"
        );
    }

    #[test]
    fn byte_order_mark_is_kept() {
        let mut doc = parse_markdown("\u{feff}---\ntitle: A\n---\nx").unwrap();
        assert_eq!(doc.article.meta.title, "A");
        doc.article.body = "y".into();
        assert!(write_markdown(&doc.article, &doc.origin).starts_with('\u{feff}'));
    }
}
