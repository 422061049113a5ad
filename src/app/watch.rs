//! Noticing changes other programs make to open files (a sync client, a
//! colleague, another editor), with `notify`.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};

use notify::{RecursiveMode, Watcher as _};

use super::Document;
use super::document::content_hash;

pub struct FileWatcher {
    watcher: Option<notify::RecommendedWatcher>,
    events: Option<Receiver<PathBuf>>,
    watched: HashSet<PathBuf>,
}

impl FileWatcher {
    /// A watcher that wakes the UI when a watched folder changes.
    pub fn new(ctx: &egui::Context) -> FileWatcher {
        let (tx, rx) = channel();
        let ctx = ctx.clone();
        let watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
            if let Ok(event) = event {
                for path in event.paths {
                    let _ = tx.send(path);
                }
                ctx.request_repaint();
            }
        })
        .ok();
        FileWatcher {
            watcher,
            events: Some(rx),
            watched: HashSet::new(),
        }
    }

    /// Watches the folders of the open documents (a folder, not the file:
    /// atomic saves replace the file, which would end a watch on it).
    pub fn sync(&mut self, docs: &[Document]) {
        let Some(watcher) = self.watcher.as_mut() else {
            return;
        };
        let wanted: HashSet<PathBuf> = docs
            .iter()
            .filter_map(|d| d.path.as_deref().and_then(Path::parent))
            .map(Path::to_path_buf)
            .collect();
        for dir in wanted.difference(&self.watched.clone()) {
            if watcher.watch(dir, RecursiveMode::NonRecursive).is_ok() {
                self.watched.insert(dir.clone());
            }
        }
        for dir in self.watched.clone().difference(&wanted) {
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

fn same_file(a: &Path, b: &Path) -> bool {
    a == b
        || (a.file_name() == b.file_name()
            && a.parent().and_then(|p| p.canonicalize().ok())
                == b.parent().and_then(|p| p.canonicalize().ok()))
}
