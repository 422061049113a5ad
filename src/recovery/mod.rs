//! Crash recovery: unsaved edits written to recovery files that survive a
//! crash or a kill, and found again on the next start.
//!
//! Each running app holds a session folder `<data>/recovery/<session>/` with
//! an exclusively locked `session.lock` and one ordinary Copydesk Markdown
//! file per document with unsaved changes (a person can open it by hand).
//! A folder whose lock can be taken belongs to a session that is gone: its
//! files are offered for restoring. A clean save or close removes a file; a
//! clean exit removes the folder.

use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};

use crate::files;
use crate::format::{self, Origin};
use crate::model::{Article, Value};

const LOCK_FILE: &str = "session.lock";
const PANIC_LOG: &str = "crash.log";
/// Front-matter keys a recovery file adds to the article.
const KEY_SOURCE: &str = "copydesk_recovery_of";
const KEY_SAVED_AT: &str = "copydesk_recovery_saved_at";

/// The running app's recovery folder.
pub struct Session {
    dir: PathBuf,
    /// Held (and locked) for the life of the session.
    _lock: File,
}

impl Session {
    /// Starts a session under `root` (`<data>/recovery`).
    pub fn start(root: &Path) -> io::Result<Session> {
        let id = format!(
            "{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos())
        );
        let dir = root.join(id);
        fs::create_dir_all(&dir)?;
        let lock = File::create(dir.join(LOCK_FILE))?;
        lock.lock()?;
        Ok(Session { dir, _lock: lock })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The recovery file of a document.
    pub fn file_for(&self, key: &str) -> PathBuf {
        self.dir.join(format!("{key}.md"))
    }

    /// Writes (atomically) the recovery file of a document.
    pub fn write(&self, key: &str, text: &str) -> io::Result<PathBuf> {
        let path = self.file_for(key);
        files::write_private(&path, text.as_bytes())?;
        Ok(path)
    }

    /// Writes a crash log next to the recovery files.
    pub fn write_crash_log(&self, text: &str) -> io::Result<PathBuf> {
        let path = self.dir.join(PANIC_LOG);
        files::write_private(&path, text.as_bytes())?;
        Ok(path)
    }

    /// Ends the session cleanly: nothing left to recover.
    pub fn finish(self) {
        // Every recovery file was removed already (all work was saved or
        // discarded); a folder left behind holds nothing to offer, and the
        // next start removes it (see `remove_if_only_leftovers`).
        let _ = fs::remove_dir_all(&self.dir);
    }
}

/// The text of a recovery file: the article as Copydesk Markdown, with the
/// file it belongs to and the time it was written in its front matter.
pub fn recovery_text(article: &Article, source: Option<&Path>) -> String {
    let mut article = article.clone();
    let mut extra = vec![(KEY_SAVED_AT.to_string(), Value::String(now_rfc3339()))];
    if let Some(source) = source {
        extra.insert(
            0,
            (
                KEY_SOURCE.to_string(),
                Value::String(source.to_string_lossy().into_owned()),
            ),
        );
    }
    extra.extend(article.meta.extra);
    article.meta.extra = extra;
    format::write_markdown(&article, &Origin::new_file())
}

fn now_rfc3339() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Why a recovery file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum UnreadableRecovery {
    #[error(transparent)]
    File(#[from] files::OpenError),
    #[error(transparent)]
    Malformed(#[from] Box<format::MalformedFile>),
}

/// A recovery file left by a session that ended without saving.
#[derive(Debug)]
pub struct Orphan {
    pub file: PathBuf,
    /// The file the edits belong to, if the document had one.
    pub source: Option<PathBuf>,
    pub saved_at: String,
    /// The recovered article, or why the file could not be read.
    pub article: Result<Article, UnreadableRecovery>,
}

impl Orphan {
    /// A name for the list: the source file's name, else the title.
    pub fn name(&self) -> String {
        if let Some(name) = self.source.as_deref().and_then(Path::file_name) {
            return name.to_string_lossy().into_owned();
        }
        match &self.article {
            Ok(a) if !a.meta.title.trim().is_empty() => a.meta.title.trim().to_string(),
            _ => "Untitled".into(),
        }
    }

    /// Deletes the file (and its session folder once empty). A file that
    /// cannot be deleted would be offered again at the next start: the
    /// caller says so.
    pub fn discard(&self) -> io::Result<()> {
        match fs::remove_file(&self.file) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
        if let Some(dir) = self.file.parent() {
            remove_if_only_leftovers(dir);
        }
        Ok(())
    }
}

/// Removes a dead session's folder if nothing but its lock and log remain.
fn remove_if_only_leftovers(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let only_leftovers = entries
        .flatten()
        .all(|e| matches!(e.file_name().to_str(), Some(LOCK_FILE) | Some(PANIC_LOG)));
    if only_leftovers {
        // Tidying only: a folder left behind holds nothing to offer and is
        // tried again at the next start.
        let _ = fs::remove_dir_all(dir);
    }
}

/// The recovery files of sessions that are gone (never the running ones),
/// oldest first.
pub fn orphans(root: &Path) -> Vec<Orphan> {
    let Ok(sessions) = fs::read_dir(root) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for session in sessions.flatten() {
        let dir = session.path();
        if !dir.is_dir() {
            continue;
        }
        // A live session holds its lock; a dead one's can be taken.
        let alive = match File::options().write(true).open(dir.join(LOCK_FILE)) {
            Ok(lock) => lock.try_lock().is_err(),
            Err(_) => false,
        };
        if alive {
            continue;
        }
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        let mut any = false;
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "md") {
                any = true;
                found.push(read_orphan(path));
            }
        }
        if !any {
            remove_if_only_leftovers(&dir);
        }
    }
    found.sort_by(|a, b| a.saved_at.cmp(&b.saved_at));
    found
}

fn read_orphan(file: PathBuf) -> Orphan {
    let parsed = files::read_text(&file)
        .map_err(UnreadableRecovery::from)
        .and_then(|read| format::parse_markdown(&read.text).map_err(|e| Box::new(e).into()));
    let mut source = None;
    let mut saved_at = String::new();
    let article = parsed.map(|doc| {
        let mut article = doc.article;
        article.meta.extra.retain(|(k, v)| match k.as_str() {
            KEY_SOURCE => {
                source = v.as_text().map(PathBuf::from);
                false
            }
            KEY_SAVED_AT => {
                saved_at = v.as_text().unwrap_or_default();
                false
            }
            _ => true,
        });
        article
    });
    Orphan {
        file,
        source,
        saved_at,
        article,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Metadata;

    fn article(title: &str) -> Article {
        Article {
            meta: Metadata {
                title: title.into(),
                ..Default::default()
            },
            body: "Unsaved words.\n".into(),
        }
    }

    #[test]
    fn a_live_session_is_not_offered_but_a_dead_one_is() {
        let root = tempfile::tempdir().unwrap();
        let session = Session::start(root.path()).unwrap();
        let text = recovery_text(&article("A"), Some(Path::new("/articles/a.md")));
        session.write("doc-1", &text).unwrap();
        assert!(
            orphans(root.path()).is_empty(),
            "the running session's files are its own"
        );
        drop(session); // as if the process died: the lock is released, the files stay
        let found = orphans(root.path());
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].source.as_deref(),
            Some(Path::new("/articles/a.md"))
        );
        assert_eq!(found[0].article.as_ref().unwrap(), &article("A"));
        assert!(found[0].saved_at.ends_with('Z'));
        assert_eq!(found[0].name(), "a.md");
        found[0].discard().unwrap();
        assert!(orphans(root.path()).is_empty());
        assert_eq!(
            fs::read_dir(root.path()).unwrap().count(),
            0,
            "the dead session's folder is gone"
        );
    }

    #[test]
    fn recovery_files_are_ordinary_copydesk_markdown() {
        let text = recovery_text(&article("Hello"), None);
        let doc = format::parse_markdown(&text).unwrap();
        assert_eq!(doc.article.meta.title, "Hello");
        assert_eq!(doc.article.body, "Unsaved words.\n");
    }

    #[test]
    fn a_clean_finish_leaves_nothing() {
        let root = tempfile::tempdir().unwrap();
        let session = Session::start(root.path()).unwrap();
        session.write("doc-1", "x").unwrap();
        session.finish();
        assert_eq!(fs::read_dir(root.path()).unwrap().count(), 0);
    }

    #[test]
    fn an_unreadable_recovery_file_is_listed_with_its_error() {
        let root = tempfile::tempdir().unwrap();
        let session = Session::start(root.path()).unwrap();
        session
            .write("doc-1", "---\ntitle: [broken\n---\nbody")
            .unwrap();
        drop(session);
        let found = orphans(root.path());
        assert_eq!(found.len(), 1);
        assert!(found[0].article.is_err());
    }

    #[test]
    fn the_date_is_a_plausible_utc_timestamp() {
        let now = now_rfc3339();
        assert_eq!(now.len(), 20, "{now}");
        assert!(now.starts_with("20"), "{now}");
    }
}
