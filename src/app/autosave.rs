//! Autosave to recovery files: a document with unsaved changes is written
//! to its recovery file a second after typing pauses, and at least every
//! five seconds while typing goes on, on a helper thread so typing never
//! waits for the disk.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::mpsc::{Sender, channel};

use super::Document;
use crate::recovery::{self, Orphan, Session};

/// Write this long after the last change…
pub const QUIET_DELAY: f64 = 1.0;
/// …or at the latest this long after the last write.
pub const MAX_DELAY: f64 = 5.0;

enum Job {
    Write(PathBuf, String),
    Remove(PathBuf),
}

#[derive(Clone, Copy)]
struct Pending {
    revision: u64,
    seen_at: f64,
}

pub struct Autosave {
    session: Option<Session>,
    jobs: Option<Sender<Job>>,
    /// Recovery files of sessions that ended without saving, to offer.
    pub orphans: Vec<Orphan>,
    /// Why autosave is off, if it is.
    pub problem: Option<String>,
    /// Per document: the revision in its recovery file and when written.
    written: HashMap<u64, (u64, f64)>,
    pending: HashMap<u64, Pending>,
}

impl Autosave {
    /// Looks for work left by dead sessions, then starts this one.
    pub fn start(root: Option<PathBuf>) -> Autosave {
        let Some(root) = root else {
            return Autosave::off("no data folder for recovery files");
        };
        let orphans = recovery::orphans(&root);
        let session = match Session::start(&root) {
            Ok(s) => s,
            Err(e) => {
                let mut off = Autosave::off(&format!(
                    "cannot write recovery files in {}: {e}",
                    root.display()
                ));
                off.orphans = orphans;
                return off;
            }
        };
        let (tx, rx) = channel::<Job>();
        std::thread::Builder::new()
            .name("copydesk-autosave".into())
            .spawn(move || {
                for job in rx {
                    match job {
                        Job::Write(path, text) => {
                            let _ = crate::files::write_private(&path, text.as_bytes());
                        }
                        Job::Remove(path) => {
                            let _ = std::fs::remove_file(path);
                        }
                    }
                }
            })
            .ok();
        Autosave {
            session: Some(session),
            jobs: Some(tx),
            orphans,
            problem: None,
            written: HashMap::new(),
            pending: HashMap::new(),
        }
    }

    pub fn off(reason: &str) -> Autosave {
        Autosave {
            session: None,
            jobs: None,
            orphans: Vec::new(),
            problem: Some(reason.to_string()),
            written: HashMap::new(),
            pending: HashMap::new(),
        }
    }

    fn key(doc: &Document) -> String {
        format!("doc-{}", doc.id)
    }

    /// Writes what is due; returns in how many seconds the next write is.
    pub fn tick(&mut self, docs: &[Document], now: f64) -> Option<f64> {
        let (Some(session), Some(jobs)) = (&self.session, &self.jobs) else {
            return None;
        };
        let mut next: Option<f64> = None;
        for doc in docs {
            let written = self.written.get(&doc.id).copied();
            if !doc.is_dirty() {
                if written.is_some() {
                    let _ = jobs.send(Job::Remove(session.file_for(&Self::key(doc))));
                    self.written.remove(&doc.id);
                }
                self.pending.remove(&doc.id);
                continue;
            }
            if written.is_some_and(|(rev, _)| rev == doc.revision) {
                continue;
            }
            let pending = self.pending.entry(doc.id).or_insert(Pending {
                revision: doc.revision,
                seen_at: now,
            });
            if pending.revision != doc.revision {
                *pending = Pending {
                    revision: doc.revision,
                    seen_at: now,
                };
            }
            let last_write = written.map(|(_, t)| t).unwrap_or(pending.seen_at);
            let due = (pending.seen_at + QUIET_DELAY).min(last_write + MAX_DELAY);
            if now >= due {
                let text = recovery::recovery_text(
                    &doc.article,
                    doc.path.as_deref().or(doc.imported_from.as_deref()),
                );
                let _ = jobs.send(Job::Write(session.file_for(&Self::key(doc)), text));
                self.written.insert(doc.id, (doc.revision, now));
                self.pending.remove(&doc.id);
            } else {
                let wait = due - now;
                next = Some(next.map_or(wait, |n: f64| n.min(wait)));
            }
        }
        next
    }

    /// Forgets a closed or discarded document's recovery file.
    pub fn forget(&mut self, doc_id: u64) {
        if let (Some(session), Some(jobs)) = (&self.session, &self.jobs)
            && self.written.remove(&doc_id).is_some()
        {
            let _ = jobs.send(Job::Remove(session.file_for(&format!("doc-{doc_id}"))));
        }
        self.pending.remove(&doc_id);
    }

    /// Writes every document with unsaved changes now, on this thread (when
    /// the app is about to stop after a bug).
    pub fn write_all_now(&self, docs: &[Document]) -> Option<PathBuf> {
        let session = self.session.as_ref()?;
        for doc in docs.iter().filter(|d| d.is_dirty()) {
            let text = recovery::recovery_text(
                &doc.article,
                doc.path.as_deref().or(doc.imported_from.as_deref()),
            );
            let _ = session.write(&Self::key(doc), &text);
        }
        Some(session.dir().to_path_buf())
    }

    pub fn write_crash_log(&self, text: &str) -> Option<PathBuf> {
        self.session.as_ref()?.write_crash_log(text).ok()
    }

    /// The recovery file of a document (for tests and the crash message).
    pub fn file_for(&self, doc: &Document) -> Option<PathBuf> {
        self.session.as_ref().map(|s| s.file_for(&Self::key(doc)))
    }

    /// A clean exit: every change was saved or discarded.
    pub fn finish(&mut self) {
        self.jobs = None;
        if let Some(session) = self.session.take() {
            session.finish();
        }
    }
}
