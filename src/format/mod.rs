//! Copydesk's native file: Markdown with front matter.
//!
//! Reading keeps what is needed to write the file back exactly as it was
//! (front-matter syntax, line endings, byte-order mark, and the original text
//! while nothing changed), so opening and saving never rewrites a colleague's
//! file for nothing.

pub mod dialect;
mod fields;
pub mod front_matter;
mod in_place;
mod plain_errors;
mod toml;
mod yaml;
mod yaml_edit;

pub use dialect::Dialect;
pub use fields::{Bindings, entries_from_metadata, metadata_from_entries};
pub use front_matter::FrontMatterKind;

use std::sync::Arc;

use crate::model::{Article, Field};
use in_place::{FrontLayout, Layout};

/// Where in the front matter a problem is, and what it is in plain words.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("front matter, line {line}: {message}")]
pub struct FrontMatterError {
    pub message: String,
    /// 1-based, counted in the whole file (the opening `---` is line 1).
    pub line: usize,
    /// 1-based, in characters, where the parser stopped on that line.
    pub column: usize,
}

/// Something odd in front matter that did not stop it being read (a key
/// set twice).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrontMatterWarning {
    /// 1-based, counted in the whole file.
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for FrontMatterWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "front matter, line {}: {}", self.line, self.message)
    }
}

/// A file whose front matter cannot be read: its body and the raw front
/// matter are handed back so nothing is lost.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{error}")]
pub struct MalformedFile {
    pub error: FrontMatterError,
    pub kind: FrontMatterKind,
    pub raw_front: String,
    /// The fence lines around `raw_front` exactly as written (the opening
    /// line, and the closing line with the blank line after it), so that
    /// the block is written back byte for byte. Empty for foreign front
    /// matter, whose `raw_front` is the whole block.
    pub fences: Box<(String, String)>,
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
    /// The fences around `unreadable_front` as written (see
    /// [`MalformedFile::fences`]).
    unreadable_fences: Option<(String, String)>,
    /// The site generator whose keys the file uses.
    pub dialect: Dialect,
    /// Odd things found while reading (a repeated key).
    pub warnings: Vec<FrontMatterWarning>,
    /// How the file was laid out, for writing back only what changed.
    layout: Option<Arc<Layout>>,
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
            unreadable_fences: None,
            dialect: Dialect::Copydesk,
            warnings: Vec::new(),
            layout: None,
        }
    }

    /// The key path each field is stored under: the key the file uses, or
    /// the one its site expects when the file does not have it yet. `#`
    /// when the title is the body's first heading.
    pub fn key_of(&self, field: Field) -> String {
        let layout = self.layout.as_deref();
        if field == Field::Title && layout.is_some_and(|l| l.heading.is_some()) {
            return "#".into();
        }
        layout
            .and_then(|l| l.bindings.key(field))
            .unwrap_or_else(|| self.dialect.key(field).to_string())
    }

    /// Whether the field is in the file (under [`Self::key_of`]).
    pub fn has(&self, field: Field) -> bool {
        self.layout.as_deref().is_some_and(|l| {
            l.bindings.get(field).is_some() || (field == Field::Title && l.heading.is_some())
        })
    }

    /// The same file written with Copydesk's own keys in their order from
    /// now on (its syntax, line endings and byte-order mark kept).
    pub fn normalized(&self) -> Origin {
        Origin {
            front_matter: self.front_matter.or(Some(FrontMatterKind::Yaml)),
            line_ending: self.line_ending,
            bom: self.bom,
            original: None,
            unreadable_front: self.unreadable_front.clone(),
            unreadable_fences: self.unreadable_fences.clone(),
            dialect: Dialect::Copydesk,
            warnings: Vec::new(),
            layout: None,
        }
    }

    /// Whether the file is edited in place (it was read whole).
    pub fn has_layout(&self) -> bool {
        self.layout.is_some()
    }

    /// After a successful save of `article` as `text`: the file now reads
    /// as written, so the next save starts from it.
    pub fn record_saved(&mut self, article: &Article, text: String) {
        if let Ok(again) = parse_markdown_in(&text, Some(self.dialect))
            && again.article == *article
        {
            *self = again.origin;
            return;
        }
        self.original = Some((article.clone(), text));
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
            unreadable_fences: Some((*malformed.fences).clone()),
            dialect: Dialect::Copydesk,
            warnings: Vec::new(),
            layout: None,
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
/// front matter), guessing its site's dialect from its keys.
pub fn parse_markdown(text: &str) -> Result<Document, MalformedFile> {
    parse_markdown_in(text, None)
}

/// Reads a Markdown file of a known site (see [`Dialect::of_site`]), or of
/// none (`None`: the dialect is guessed from the file's keys).
pub fn parse_markdown_in(text: &str, site: Option<Dialect>) -> Result<Document, MalformedFile> {
    let (normal, line_ending, bom) = normalise_text(text);
    let split = front_matter::split(&normal);
    let after_fence = &split.body;
    let body_offset = normal.len() - after_fence.len();
    let mut rest = &normal[body_offset..];
    let mut front_layout = None;
    let mut warnings = Vec::new();
    let (entries, toml) = match split.kind {
        None => (Vec::new(), false),
        Some(FrontMatterKind::Foreign) => {
            let body = strip_separator(split.body);
            return Err(MalformedFile {
                error: foreign_front_matter(&normal),
                kind: FrontMatterKind::Foreign,
                // The whole block, fences and the blank line after it
                // included: it is written back byte for byte.
                raw_front: normal[..normal.len() - body.len()].to_string(),
                fences: Default::default(),
                body: body.to_string(),
            });
        }
        Some(kind) => {
            let front_start = split.front.as_ptr() as usize - normal.as_ptr() as usize;
            let front_end = front_start + split.front.len();
            let body = strip_separator(split.body);
            let close_end = normal.len() - body.len();
            let parsed = match kind {
                // (Foreign front matter returned above.)
                FrontMatterKind::Yaml | FrontMatterKind::Foreign => {
                    yaml::parse_marked(split.front, split.front_first_line).map(|p| {
                        warnings = p.warnings;
                        (p.entries, p.keys)
                    })
                }
                FrontMatterKind::Toml => {
                    toml::parse(split.front, split.front_first_line).map(|e| (e, Vec::new()))
                }
            };
            let (entries, keys) = match parsed {
                Ok(parsed) => parsed,
                Err(error) => {
                    return Err(MalformedFile {
                        error,
                        kind,
                        raw_front: split.front.to_string(),
                        fences: Box::new((
                            normal[..front_start].to_string(),
                            normal[front_end..close_end].to_string(),
                        )),
                        body: body.to_string(),
                    });
                }
            };
            rest = body;
            front_layout = Some(Arc::new(FrontLayout {
                kind,
                open: normal[..front_start].to_string(),
                text: split.front.to_string(),
                close: normal[front_end..close_end].to_string(),
                entries: entries.clone(),
                keys,
            }));
            (entries, kind == FrontMatterKind::Toml)
        }
    };
    let dialect = site.unwrap_or_else(|| Dialect::from_keys(&entries, toml));
    // No title key at all (not even one whose value cannot be read), and
    // the body opens with `# Title`: that is the title.
    let title_key = entries.iter().any(|(k, _)| k.eq_ignore_ascii_case("title"));
    let (mut meta, bindings) = fields::read_fields(entries, dialect);
    let mut heading = None;
    if bindings.get(Field::Title).is_none()
        && !title_key
        && let Some((title, len)) = first_heading(rest)
    {
        meta.title = title;
        heading = Some(rest[..len].to_string());
        rest = &rest[len..];
    }
    let article = Article {
        meta,
        body: rest.to_string(),
    };
    Ok(Document {
        origin: Origin {
            front_matter: split.kind,
            line_ending,
            bom,
            original: Some((article.clone(), text.to_string())),
            unreadable_front: None,
            unreadable_fences: None,
            dialect,
            warnings,
            layout: Some(Arc::new(Layout {
                front: front_layout,
                heading,
                bindings,
            })),
        },
        article,
    })
}

/// The text of a first line `# Title` (after blank lines) and how many bytes
/// it takes with the blank lines after it.
fn first_heading(text: &str) -> Option<(String, usize)> {
    let start = text.len() - text.trim_start_matches('\n').len();
    let line_end = text[start..]
        .find('\n')
        .map_or(text.len(), |i| start + i + 1);
    let line = text[start..line_end].trim_end();
    let title = line.strip_prefix("# ")?;
    // An ATX heading's closing `#`s are not part of it.
    let title = title.trim_end_matches('#').trim();
    if title.is_empty() {
        return None;
    }
    let after = &text[line_end..];
    let blank = after.len() - after.trim_start_matches('\n').len();
    Some((title.to_string(), line_end + blank))
}

/// The blank line between the closing fence and the body belongs to the
/// layout, not to the body: it is taken off here and put back on writing.
/// What is said of a `---js` (`---json`…) block: which language, and that
/// it is kept as written.
fn foreign_front_matter(text: &str) -> FrontMatterError {
    let opener = text.lines().next().unwrap_or_default().trim_end();
    let language = match opener.trim_start_matches('-') {
        "js" | "javascript" => "JavaScript".to_string(),
        "json" => "JSON".to_string(),
        other => format!("“{other}”"),
    };
    FrontMatterError {
        message: format!(
            "written in {language} ({opener}), which Copydesk does not read; it is kept \
             exactly as written, and its metadata can only be edited in the file itself"
        ),
        line: 1,
        column: 1,
    }
}

fn strip_separator(body: &str) -> &str {
    body.strip_prefix('\n').unwrap_or(body)
}

/// Writes an article as Copydesk Markdown in the way `origin` says.
pub fn write_markdown(article: &Article, origin: &Origin) -> String {
    if let Some((original_article, original_text)) = &origin.original {
        if original_article == article {
            return original_text.clone();
        }
        if let Some(layout) = &origin.layout
            && let Some(normal) =
                in_place::compose(layout, original_article, article, origin.dialect)
        {
            return in_place::restore_endings(
                original_text,
                &normal,
                origin.line_ending,
                origin.bom,
            );
        }
    }
    write_normalized(article, origin)
}

/// Writes an article with Copydesk's own keys in their order (a new file,
/// or an explicit conversion: `export --to markdown --normalize`), keeping
/// the file's front-matter syntax, line endings and unknown keys.
pub fn write_normalized(article: &Article, origin: &Origin) -> String {
    let kind = match origin.front_matter {
        Some(kind) => Some(kind),
        None if article.meta == Default::default() => None,
        None => Some(FrontMatterKind::Yaml),
    };
    let mut out = String::with_capacity(article.body.len() + 1024);
    if origin.bom {
        out.push('\u{feff}');
    }
    if kind == Some(FrontMatterKind::Foreign) {
        // Kept byte for byte, fences included (see `parse_markdown_in`);
        // the metadata cannot have been read from it, so none is written.
        out.push_str(origin.unreadable_front.as_deref().unwrap_or_default());
        out.push_str(&article.body);
        return match origin.line_ending {
            LineEnding::Lf => out,
            LineEnding::CrLf => out.replace('\n', "\r\n"),
        };
    }
    if let (Some(raw), Some((open, close))) = (&origin.unreadable_front, &origin.unreadable_fences)
        && article.meta == Default::default()
    {
        // Front matter that could not be read goes back byte for byte,
        // fences and the blank line (or none) after it included.
        out.push_str(open);
        out.push_str(raw);
        out.push_str(close);
    } else if let Some(kind) = kind {
        let front = match &origin.unreadable_front {
            Some(raw) if article.meta == Default::default() => raw.clone(),
            _ => {
                let mut entries = entries_from_metadata(&article.meta);
                // Without a title key, a first line `# Title` is read as the
                // title: an empty title over such a body is written out, so
                // the file reads back as it was.
                if article.meta.title.is_empty()
                    && first_heading(&article.body).is_some()
                    && !entries.iter().any(|(k, _)| k == "title")
                {
                    entries.insert(
                        0,
                        ("title".into(), crate::model::Value::String(String::new())),
                    );
                }
                match kind {
                    FrontMatterKind::Yaml | FrontMatterKind::Foreign => yaml::write(&entries),
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
            out, "---\r\ntitle: A\n---\r\n\r\nOne\r\nTwo\nThree\rFour\r\nFive\r\n",
            "untouched lines keep their own endings; the new line takes the file's usual one"
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
    fn javascript_front_matter_is_kept_byte_for_byte_and_never_replaced() {
        for text in [
            "---js\nconst title = \"A post\";\nconst draft = true;\n---\nThe body\n",
            "---json\n{ \"title\": \"A post\" }\n---\n\nThe body\n",
            "\u{feff}---javascript\r\nconst title = 1;\r\n---\r\n\r\nThe body\r\n",
        ] {
            let err = parse_markdown(text).unwrap_err();
            assert_eq!(err.kind, FrontMatterKind::Foreign);
            assert!(
                err.error.message.contains("kept exactly as written"),
                "{}",
                err.error
            );
            let origin = Origin::keeping_unreadable(&err, text);
            let unchanged = Article {
                body: err.body.clone(),
                ..Default::default()
            };
            assert_eq!(write_markdown(&unchanged, &origin), text);
            let edited = Article {
                body: err.body.replace("The body", "The body, edited"),
                ..Default::default()
            };
            assert_eq!(
                write_markdown(&edited, &origin),
                text.replace("The body", "The body, edited")
            );
        }
    }

    #[test]
    fn a_post_with_a_flow_list_closed_at_the_margin_is_edited_in_place() {
        let text =
            "---\ntitle: Template types\naliases: [\n  '/templates/base/',\n]\n---\n\nBody.\n";
        let mut doc = parse_markdown(text).unwrap();
        assert_eq!(write_markdown(&doc.article, &doc.origin), text);
        doc.article.meta.title = "Templates".into();
        assert_eq!(
            write_markdown(&doc.article, &doc.origin),
            text.replace("title: Template types", "title: Templates")
        );
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
            "---\ntitle: [oops\nlayout: post\n---\nThe body, edited\n"
        );
        // With the blank line, odd fences, TOML and CRLF: all kept.
        for text in [
            "---\ntitle: [oops\n---\n\nThe body\n",
            "--- \ntitle: [oops\n---  \n\n\nThe body\n",
            "+++\ntitle = [oops\n+++\nThe body\n",
            "\u{feff}---\r\ntitle: [oops\r\n---\r\n\r\nThe body\r\n",
        ] {
            let err = parse_markdown(text).unwrap_err();
            let origin = Origin::keeping_unreadable(&err, text);
            let edited = Article {
                body: err.body.replace("The body", "The body, edited"),
                ..Default::default()
            };
            assert_eq!(
                write_markdown(&edited, &origin),
                text.replace("The body", "The body, edited"),
                "{text:?}"
            );
        }
    }

    #[test]
    fn an_empty_title_over_a_heading_stays_empty_in_a_new_file() {
        // Found by fuzzing: the heading became the title on reading back.
        let article = Article {
            body: "# A heading of the body\n\nText.\n".into(),
            ..Default::default()
        };
        let text = write_markdown(&article, &Origin::new_file());
        assert_eq!(parse_markdown(&text).unwrap().article, article, "{text}");
    }

    #[test]
    fn byte_order_mark_is_kept() {
        let mut doc = parse_markdown("\u{feff}---\ntitle: A\n---\nx").unwrap();
        assert_eq!(doc.article.meta.title, "A");
        doc.article.body = "y".into();
        assert!(write_markdown(&doc.article, &doc.origin).starts_with('\u{feff}'));
    }
}
