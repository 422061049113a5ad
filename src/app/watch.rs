//! Noticing changes other programs make to open files (a sync client, a
//! colleague, another editor), with `notify`.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use notify::{EventKind, RecursiveMode, Watcher as _};

use super::Document;
use super::document::content_hash;

pub struct FileWatcher {
    watcher: Option<notify::RecommendedWatcher>,
    events: Option<Receiver<PathBuf>>,
    watched: HashSet<PathBuf>,
    /// The open files (canonical paths): events for anything else in their
    /// folders never wake the UI.
    files: Arc<Mutex<HashSet<PathBuf>>>,
}

/// A burst of events (a program writing a file in several steps) wakes the
/// UI once, this long after the first.
const SETTLE: Duration = Duration::from_millis(150);

impl FileWatcher {
    /// A watcher that wakes the UI when a watched folder changes.
    pub fn new(ctx: &egui::Context) -> FileWatcher {
        let (tx, rx) = channel();
        let ctx = ctx.clone();
        let files: Arc<Mutex<HashSet<PathBuf>>> = Arc::default();
        let open = files.clone();
        let watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
            let Ok(event) = event else { return };
            // Reading a file (ours or anyone's) changes nothing.
            if matches!(event.kind, EventKind::Access(_)) {
                return;
            }
            let open = match open.lock() {
                Ok(open) => open,
                // A panic elsewhere while holding the set: the set is still
                // the last one written, use it.
                Err(poisoned) => poisoned.into_inner(),
            };
            let mut relevant = false;
            for path in event.paths {
                if open.iter().any(|file| same_file(&path, file)) {
                    relevant = true;
                    // A closed channel means the app is gone: nobody to tell.
                    let _ = tx.send(path);
                }
            }
            if relevant {
                ctx.request_repaint_after(SETTLE);
            }
        })
        .ok();
        FileWatcher {
            watcher,
            events: Some(rx),
            watched: HashSet::new(),
            files,
        }
    }

    /// Watches the folders of the open documents (a folder, not the file:
    /// atomic saves replace the file, which would end a watch on it).
    pub fn sync(&mut self, docs: &[Document]) {
        let Some(watcher) = self.watcher.as_mut() else {
            return;
        };
        let open: HashSet<PathBuf> = docs
            .iter()
            .filter_map(|d| d.path.as_deref())
            .map(|p| p.canonicalize().unwrap_or_else(|_| p.to_path_buf()))
            .collect();
        let wanted: HashSet<PathBuf> = open
            .iter()
            .filter_map(|p| p.parent())
            .map(Path::to_path_buf)
            .collect();
        match self.files.lock() {
            Ok(mut files) => *files = open,
            Err(poisoned) => *poisoned.into_inner() = open,
        }
        for dir in wanted.difference(&self.watched.clone()) {
            if watcher.watch(dir, RecursiveMode::NonRecursive).is_ok() {
                self.watched.insert(dir.clone());
            }
        }
        for dir in self.watched.clone().difference(&wanted) {
            // Fails only for a folder no longer watched (it was removed):
            // either way it is not watched any more.
            let _ = watcher.unwatch(dir);
            self.watched.remove(dir);
        }
    }

    /// Marks documents whose file now differs from what was last read or
    /// written. Our own saves leave the file equal to `disk_hash`.
    pub fn check(&mut self, docs: &mut [Document]) {
        let Some(events) = &self.events else { return };
        let changed: HashSet<PathBuf> = events.try_iter().collect();
        if changed.is_empty() {
            return;
        }
        for doc in docs.iter_mut() {
            let Some(path) = doc.path.clone() else {
                continue;
            };
            if doc.changed_on_disk || !changed.iter().any(|p| same_file(p, &path)) {
                continue;
            }
            if let Ok(bytes) = std::fs::read(&path)
                && Some(content_hash(&bytes)) != doc.disk_hash
            {
                doc.changed_on_disk = true;
            }
        }
    }
}

/// Whether two paths name the same file; the names are compared first, so
/// events for other files cost no file-system call.
fn same_file(a: &Path, b: &Path) -> bool {
    a == b
        || (a.file_name() == b.file_name()
            && a.parent().and_then(|p| p.canonicalize().ok())
                == b.parent().and_then(|p| p.canonicalize().ok()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn a_neighbouring_file_written_again_and_again_never_wakes_the_ui() {
        let dir = tempfile::tempdir().unwrap();
        let article = dir.path().join("story.md");
        std::fs::write(&article, "---\ntitle: A\n---\n\nBody.\n").unwrap();
        let ctx = egui::Context::default();
        let wakes = Arc::new(AtomicUsize::new(0));
        let counter = wakes.clone();
        ctx.set_request_repaint_callback(move |_| {
            counter.fetch_add(1, Ordering::SeqCst);
        });
        let mut watcher = FileWatcher::new(&ctx);
        let text = std::fs::read_to_string(&article).unwrap();
        let parsed = crate::format::parse_markdown(&text).unwrap();
        let mut docs = vec![Document::new(
            1,
            parsed.article,
            parsed.origin,
            Some(article.clone()),
        )];
        docs[0].disk_hash = Some(content_hash(text.as_bytes()));
        watcher.sync(&docs);
        // A download or a sync client appending to a file beside the article.
        let neighbour = dir.path().join("download.part");
        for i in 0..20 {
            std::fs::write(&neighbour, format!("chunk {i}\n")).unwrap();
            std::thread::sleep(Duration::from_millis(10));
        }
        std::thread::sleep(Duration::from_millis(300));
        assert_eq!(
            wakes.load(Ordering::SeqCst),
            0,
            "no repaint for another file"
        );
        watcher.check(&mut docs);
        assert!(!docs[0].changed_on_disk);

        // The article itself changes: one wake, and the document knows.
        std::fs::write(&article, "---\ntitle: B\n---\n\nBody.\n").unwrap();
        let waited = std::time::Instant::now();
        while wakes.load(Ordering::SeqCst) == 0 && waited.elapsed() < Duration::from_secs(5) {
            std::thread::sleep(Duration::from_millis(20));
        }
        assert!(wakes.load(Ordering::SeqCst) >= 1);
        watcher.check(&mut docs);
        assert!(docs[0].changed_on_disk);
    }
}
