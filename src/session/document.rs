//! An open document: the article, where it lives, and whether it changed.

use std::path::{Path, PathBuf};

use crate::files::{self, Decoded};
use crate::format::{self, Origin};
use crate::markdown::{self, Block};
use crate::model::Article;

pub struct Document {
    /// Stable for the session: tabs, text-edit state and dialogs refer to it.
    pub id: u64,
    pub article: Article,
    pub origin: Origin,
    /// Where Save writes. `None` for a new document and for an imported
    /// draft, whose first save asks where to put the Markdown file.
    pub path: Option<PathBuf>,
    /// The plain-text draft this document was imported from.
    pub imported_from: Option<PathBuf>,
    /// The article as last saved or opened.
    saved: Article,
    /// Bumped on every change; caches compare against it.
    pub revision: u64,
    dirty: bool,
    parsed: Option<(u64, std::sync::Arc<Vec<Block>>)>,
    analysed: Option<(u64, std::sync::Arc<Analysis>)>,
    /// Waiting for a pause in typing: the revision last seen, since when,
    /// and since when the analysis is out of date.
    analysis_wait: Option<(u64, f64, f64)>,
    /// A jump asked for (from the problems list): select this byte range
    /// of the body and scroll to it.
    pub jump_to: Option<std::ops::Range<usize>>,
    /// Scroll the editor to this byte range without moving the focus (the
    /// current search match).
    pub scroll_to: Option<std::ops::Range<usize>>,
    /// The steps that change more than the body's text (a clean-up,
    /// Replace All with metadata, an edit in a field), for undo and redo.
    pub history: super::history::History,
    /// What the name on the tab says when the document is not a plain open
    /// file (a repaired copy, a recovered document).
    pub name_hint: Option<String>,
    /// A hash of the file as last read or written, to notice changes made
    /// by other programs.
    pub disk_hash: Option<u64>,
    /// Another program changed the file while it was open.
    pub changed_on_disk: bool,
    /// The front matter could not be read: why (it is kept as written).
    pub front_matter_problem: Option<String>,
    /// The encoding the file was read in; saves are always UTF-8.
    pub encoding: crate::files::Encoding,
}

/// Seconds without typing before the checks and counts run again.
pub const ANALYSIS_PAUSE: f64 = 0.3;
/// …and at most this long between runs while typing goes on.
pub const ANALYSIS_STALE: f64 = 2.0;

/// What the status bar and the problems list show.
pub struct Analysis {
    pub stats: crate::analysis::stats::Stats,
    pub problems: Vec<crate::analysis::check::Problem>,
}

pub use crate::files::content_hash;

/// What becomes of a file read by [`Document::from_file`].
#[derive(Clone, Debug, PartialEq)]
pub enum Reading {
    /// The file as it is: opened, or reloaded after another program
    /// changed it.
    AsIs,
    /// A copy of a file whose bytes no encoding explains, with them
    /// replaced (`lossy`): a new unsaved document.
    Repaired { lossy: String },
    /// A recovery file's article in place of the file's: unsaved, so the
    /// next save writes it.
    Recovered { article: Box<Article>, name: String },
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned())
}

impl Document {
    pub fn new(id: u64, article: Article, origin: Origin, path: Option<PathBuf>) -> Self {
        Self {
            id,
            saved: article.clone(),
            article,
            origin,
            path,
            imported_from: None,
            revision: 0,
            dirty: false,
            parsed: None,
            analysed: None,
            analysis_wait: None,
            jump_to: None,
            scroll_to: None,
            history: Default::default(),
            name_hint: None,
            disk_hash: None,
            changed_on_disk: false,
            front_matter_problem: None,
            encoding: Default::default(),
        }
    }

    /// A draft imported from `source`. It has no file of its own until it
    /// is saved, but untouched it holds nothing the draft does not (opening
    /// the draft again imports the same article): it counts as unsaved only
    /// once it is edited, so closing or quitting asks only then.
    pub fn imported(id: u64, article: Article, source: PathBuf) -> Self {
        let mut doc = Self::new(id, article, Origin::new_file(), None);
        doc.imported_from = Some(source);
        doc
    }

    /// The one way from a file's text to a document. Opening, reloading, a
    /// repaired copy and a recovered article all read the text the same way
    /// (the site's dialect, a draft imported, front matter that cannot be
    /// read kept as written while the body opens); `how` says only what
    /// becomes of the result.
    pub fn from_file(id: u64, path: &Path, read: Decoded, how: Reading) -> Self {
        let mut doc = match files::open_text_at(&read.text, path) {
            Ok(opened) if opened.imported => {
                Document::imported(id, opened.document.article, path.to_path_buf())
            }
            Ok(opened) => Document::new(
                id,
                opened.document.article,
                opened.document.origin,
                Some(path.to_path_buf()),
            ),
            Err(malformed) => {
                let origin = Origin::keeping_unreadable(&malformed, &read.text);
                let article = Article {
                    meta: Default::default(),
                    body: malformed.body,
                };
                let mut doc = Document::new(id, article, origin, Some(path.to_path_buf()));
                doc.front_matter_problem = Some(malformed.error.to_string());
                doc
            }
        };
        doc.encoding = read.encoding;
        if doc.path.is_some() {
            doc.disk_hash = Some(read.hash);
        }
        match how {
            Reading::AsIs => {}
            Reading::Repaired { .. } => {
                // Its text is not the file's: Save asks where, and never
                // writes over the original unasked.
                if let Some(original) = doc.path.take() {
                    doc.imported_from = Some(original);
                }
                doc.disk_hash = None;
                doc.name_hint = Some(format!("{} (repaired copy)", file_name(path)));
                doc.mark_unsaved();
            }
            Reading::Recovered { article, name } => {
                doc.article = *article;
                if doc.path.is_none() {
                    doc.name_hint = Some(format!("{name} (recovered)"));
                }
                doc.mark_unsaved();
            }
        }
        doc
    }

    /// A recovered article whose file cannot be read any more: a new
    /// document (or an imported one, for a draft), unsaved.
    pub fn recovered_without_file(
        id: u64,
        article: Article,
        source: Option<&Path>,
        name: &str,
    ) -> Self {
        let markdown = |p: &Path| {
            p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                files::MARKDOWN_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str())
            })
        };
        let mut doc = match source {
            Some(draft) if !markdown(draft) => Document::imported(id, article, draft.to_path_buf()),
            _ => Document::new(id, article, Origin::new_file(), None),
        };
        doc.name_hint = Some(format!("{name} (recovered)"));
        doc.mark_unsaved();
        doc
    }

    /// The name shown on the tab and in the window title.
    pub fn display_name(&self) -> String {
        if let Some(hint) = &self.name_hint {
            return hint.clone();
        }
        let from_path = |p: &Path| p.file_name().map(|n| n.to_string_lossy().into_owned());
        if let Some(name) = self.path.as_deref().and_then(from_path) {
            return name;
        }
        if let Some(name) = self.imported_from.as_deref().and_then(from_path) {
            return format!("{name} (imported)");
        }
        if !self.article.meta.title.trim().is_empty() {
            return self.article.meta.title.trim().chars().take(60).collect();
        }
        "Untitled".into()
    }

    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    /// Call after any change to the article.
    pub fn touch(&mut self) {
        self.revision += 1;
        self.dirty = self.article != self.saved;
    }

    /// The body's parse, computed once per revision and shared by the
    /// preview, the checks and the statistics.
    pub fn blocks(&mut self) -> std::sync::Arc<Vec<Block>> {
        match &self.parsed {
            Some((rev, blocks)) if *rev == self.revision => blocks.clone(),
            _ => {
                let blocks = std::sync::Arc::new(markdown::parse(&self.article.body));
                self.parsed = Some((self.revision, blocks.clone()));
                blocks
            }
        }
    }

    /// Statistics and problems of the article, computed once per revision
    /// (the status bar and the problems list read them every frame).
    pub fn analysis(&mut self) -> std::sync::Arc<Analysis> {
        if let Some((rev, analysis)) = &self.analysed
            && *rev == self.revision
        {
            return analysis.clone();
        }
        let blocks = self.blocks();
        let analysis = std::sync::Arc::new(Analysis {
            stats: crate::analysis::stats::Stats::of_blocks(&blocks),
            problems: crate::analysis::check::check_blocks(&self.article, &blocks),
        });
        self.analysed = Some((self.revision, analysis.clone()));
        analysis
    }

    /// Whether work that waits for a pause in typing is due: typing paused
    /// for [`ANALYSIS_PAUSE`] seconds, or [`ANALYSIS_STALE`] passed since
    /// the text first changed.
    fn settled(&mut self, now: f64) -> bool {
        let (seen, since, first) = self.analysis_wait.get_or_insert((self.revision, now, now));
        if *seen != self.revision {
            *seen = self.revision;
            *since = now;
        }
        if now - *since >= ANALYSIS_PAUSE || now - *first >= ANALYSIS_STALE {
            self.analysis_wait = None;
            return true;
        }
        false
    }

    /// [`Self::blocks`] while typing: the last parse until typing pauses.
    /// The flag says whether it is up to date.
    pub fn blocks_at(&mut self, now: f64) -> (std::sync::Arc<Vec<Block>>, bool) {
        match &self.parsed {
            Some((rev, blocks)) if *rev == self.revision => (blocks.clone(), true),
            Some((_, blocks)) => {
                let stale = blocks.clone();
                if self.settled(now) {
                    (self.blocks(), true)
                } else {
                    (stale, false)
                }
            }
            None => (self.blocks(), true),
        }
    }

    /// [`Self::analysis`] while typing: the last analysis until typing
    /// pauses for [`ANALYSIS_PAUSE`] seconds (or [`ANALYSIS_STALE`] pass),
    /// so checks and counts never hold up a keystroke in a long article.
    /// The flag says whether it is up to date.
    pub fn analysis_at(&mut self, now: f64) -> (std::sync::Arc<Analysis>, bool) {
        let Some((rev, analysis)) = &self.analysed else {
            return (self.analysis(), true);
        };
        if *rev == self.revision {
            return (analysis.clone(), true);
        }
        let stale = analysis.clone();
        // The preview may have parsed this revision already.
        let parsed = matches!(&self.parsed, Some((rev, _)) if *rev == self.revision);
        if parsed || self.settled(now) {
            return (self.analysis(), true);
        }
        (stale, false)
    }

    /// The file's text as it would be saved now.
    pub fn to_markdown(&self) -> String {
        format::write_markdown(&self.article, &self.origin)
    }

    /// Marks the document as changed since it was last saved, whatever its
    /// content (a recovered or repaired document).
    pub fn mark_unsaved(&mut self) {
        self.saved = Article::default();
        self.dirty = true;
        self.revision += 1;
    }

    /// Records a successful save to `path`.
    pub fn mark_saved(&mut self, path: PathBuf, text: String) {
        self.disk_hash = Some(content_hash(text.as_bytes()));
        self.changed_on_disk = false;
        self.name_hint = None;
        self.encoding = crate::files::Encoding::UTF_8;
        self.path = Some(path);
        self.imported_from = None;
        self.saved = self.article.clone();
        // Saving again unchanged gives back exactly these bytes, and the
        // next change is made in place on them.
        self.origin.record_saved(&self.article, text);
        self.dirty = false;
        self.revision += 1;
    }

    /// Reads again a front matter that could not be read, from `raw`, the
    /// editor's mended text between its fences. On success the mended block
    /// counts as the file's: from now on only what the editor changes is
    /// rewritten, the rest of the block stays as typed. On failure the
    /// document is unchanged and the message says what is still wrong.
    pub fn mend_front_matter(&mut self, raw: &str) -> Result<(), format::MalformedFile> {
        let fence = self.origin.front_matter.unwrap_or_default().fence();
        let newline = if raw.ends_with('\n') || raw.is_empty() {
            ""
        } else {
            "\n"
        };
        let mut file = format!("{fence}\n{raw}{newline}{fence}\n\n{}", self.article.body);
        if self.origin.line_ending == crate::format::LineEnding::CrLf {
            file = file.replace('\n', "\r\n");
        }
        if self.origin.bom {
            file.insert(0, '\u{feff}');
        }
        let parsed = format::parse_markdown_in(&file, Some(self.origin.dialect))?;
        self.article = parsed.article;
        self.origin = parsed.origin;
        self.front_matter_problem = None;
        self.touch();
        Ok(())
    }

    /// The name proposed when saving for the first time.
    pub fn suggested_file_name(&self) -> String {
        if let Some(source) = &self.imported_from
            && let Some(stem) = source.file_stem()
        {
            return format!("{}.md", stem.to_string_lossy());
        }
        let slug = self.article.meta.effective_slug();
        if slug.is_empty() {
            "untitled.md".into()
        } else {
            format!("{slug}.md")
        }
    }

    /// The folder proposed when saving for the first time.
    pub fn suggested_directory(&self) -> Option<PathBuf> {
        self.path
            .as_deref()
            .or(self.imported_from.as_deref())
            .and_then(Path::parent)
            .map(Path::to_path_buf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Decoded {
        Decoded {
            text: text.into(),
            encoding: crate::files::Encoding::UTF_8,
            hash: content_hash(text.as_bytes()),
        }
    }

    const BROKEN: &str = "---\ntitle: [oops\n---\n\nThe body.\n";

    #[test]
    fn every_reading_keeps_front_matter_it_cannot_read() {
        let path = Path::new("/nowhere/story.md");
        let opened = Document::from_file(1, path, read(BROKEN), Reading::AsIs);
        assert_eq!(opened.path.as_deref(), Some(path));
        assert!(opened.front_matter_problem.is_some());
        assert!(!opened.is_dirty());
        assert_eq!(opened.to_markdown(), BROKEN);

        let recovered = Article {
            body: "Recovered.\n".into(),
            ..Default::default()
        };
        let how = Reading::Recovered {
            article: Box::new(recovered),
            name: "story.md".into(),
        };
        let doc = Document::from_file(2, path, read(BROKEN), how);
        assert!(doc.is_dirty(), "the next save writes the recovered words");
        assert_eq!(doc.to_markdown(), "---\ntitle: [oops\n---\n\nRecovered.\n");

        let how = Reading::Repaired {
            lossy: BROKEN.into(),
        };
        let copy = Document::from_file(3, path, read(BROKEN), how);
        assert_eq!(copy.path, None, "never saved over the original unasked");
        assert_eq!(copy.imported_from.as_deref(), Some(path));
        assert_eq!(copy.display_name(), "story.md (repaired copy)");
        assert!(copy.is_dirty());
    }

    #[test]
    fn a_mended_front_matter_is_read_and_a_still_broken_one_changes_nothing() {
        let path = Path::new("/nowhere/story.md");
        let crlf = BROKEN.replace('\n', "\r\n");
        let mut doc = Document::from_file(1, path, read(&crlf), Reading::AsIs);
        let revision = doc.revision;
        let error = doc.mend_front_matter("title: [still oops\n").unwrap_err();
        assert_eq!(error.error.line, 2, "counted in the file: {error}");
        assert!(doc.front_matter_problem.is_some());
        assert_eq!((doc.revision, doc.to_markdown()), (revision, crlf.clone()));

        // Without a final newline, as typed in the editor.
        doc.mend_front_matter("title: Mended").unwrap();
        assert_eq!(doc.front_matter_problem, None);
        assert_eq!(doc.article.meta.title, "Mended");
        assert_eq!(doc.article.body, "The body.\n");
        assert!(doc.is_dirty() && doc.revision > revision);
        // The file's line endings are kept.
        assert_eq!(
            doc.to_markdown(),
            "---\r\ntitle: Mended\r\n---\r\n\r\nThe body.\r\n"
        );
    }

    #[test]
    fn a_draft_is_imported_whichever_the_reading() {
        let path = Path::new("/nowhere/draft.txt");
        let text = "A headline\n\nBy Jo Bloggs\n\nThe first paragraph of the draft.\n";
        let doc = Document::from_file(1, path, read(text), Reading::AsIs);
        assert_eq!(doc.path, None);
        assert_eq!(doc.imported_from.as_deref(), Some(path));
        let how = Reading::Recovered {
            article: Box::new(doc.article.clone()),
            name: "draft.txt".into(),
        };
        let doc = Document::from_file(2, path, read(text), how);
        assert_eq!(doc.path, None);
        assert_eq!(doc.display_name(), "draft.txt (recovered)");
    }
}
