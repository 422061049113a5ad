//! Autosave to recovery files: a document with unsaved changes is written
//! to its recovery file a second after typing pauses, and at least every
//! five seconds while typing goes on, on a helper thread so typing never
//! waits for the disk.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};

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

/// What the helper thread reports after each job.
enum Outcome {
    Done,
    /// Why a recovery file could not be written or removed.
    Failed(String),
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
    /// Why the last recovery file could not be written, while that lasts
    /// (a full disk, a folder gone): the editor is told their work is only
    /// in memory.
    pub failing: Option<String>,
    outcomes: Option<Receiver<Outcome>>,
    /// A folder for recovery files was given: autosave is meant to be on.
    wanted: bool,
    /// The trouble the editor was last told about.
    told: Option<String>,
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
                off.wanted = true;
                return off;
            }
        };
        let (tx, rx) = channel::<Job>();
        let (report, outcomes) = channel::<Outcome>();
        let started = std::thread::Builder::new()
            .name("copydesk-autosave".into())
            .spawn(move || {
                for job in rx {
                    let outcome = match job {
                        Job::Write(path, text) => {
                            match crate::files::write_private(&path, text.as_bytes()) {
                                Ok(()) => Outcome::Done,
                                Err(e) => Outcome::Failed(format!(
                                    "could not write {}: {e}",
                                    path.display()
                                )),
                            }
                        }
                        Job::Remove(path) => match std::fs::remove_file(&path) {
                            Ok(()) => Outcome::Done,
                            // Never written, or removed already: nothing to do.
                            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Outcome::Done,
                            Err(e) => {
                                Outcome::Failed(format!("could not remove {}: {e}", path.display()))
                            }
                        },
                    };
                    if report.send(outcome).is_err() {
                        break; // The app is gone; nobody to tell.
                    }
                }
            });
        if let Err(e) = started {
            session.finish();
            let mut off = Autosave::off(&format!("could not start autosaving: {e}"));
            off.orphans = orphans;
            off.wanted = true;
            return off;
        }
        Autosave {
            session: Some(session),
            jobs: Some(tx),
            orphans,
            problem: None,
            failing: None,
            outcomes: Some(outcomes),
            wanted: true,
            told: None,
            written: HashMap::new(),
            pending: HashMap::new(),
        }
    }

    /// What the editor must be told, if autosave is not keeping their
    /// work: off because it could not start, or failing to write. (Off
    /// because no folder was given is the caller's choice, not news.)
    pub fn trouble(&self) -> Option<String> {
        if !self.wanted {
            return None;
        }
        let why = self.failing.as_ref().or(self.problem.as_ref())?;
        Some(format!(
            "Autosave is not working: {why} — your work is only in memory"
        ))
    }

    /// The trouble, once each time it starts or changes (for a notice).
    pub fn news(&mut self) -> Option<String> {
        let trouble = self.trouble();
        if trouble == self.told {
            return None;
        }
        self.told = trouble.clone();
        trouble
    }

    /// Takes in what the helper thread reported: the last outcome says
    /// whether autosave works now.
    fn collect_outcomes(&mut self) {
        let Some(outcomes) = &self.outcomes else {
            return;
        };
        for outcome in outcomes.try_iter() {
            self.failing = match outcome {
                Outcome::Done => None,
                Outcome::Failed(why) => Some(why),
            };
        }
    }

    /// Stops writing recovery files: the helper thread is gone.
    fn stopped(&mut self, why: &str) {
        self.jobs = None;
        self.failing = Some(why.to_string());
    }

    pub fn off(reason: &str) -> Autosave {
        Autosave {
            session: None,
            jobs: None,
            orphans: Vec::new(),
            problem: Some(reason.to_string()),
            failing: None,
            outcomes: None,
            wanted: false,
            told: None,
            written: HashMap::new(),
            pending: HashMap::new(),
        }
    }

    fn key(doc: &Document) -> String {
        format!("doc-{}", doc.id)
    }

    /// Writes what is due; returns in how many seconds the next write is.
    pub fn tick(&mut self, docs: &[Document], now: f64) -> Option<f64> {
        self.collect_outcomes();
        let (Some(session), Some(jobs)) = (&self.session, &self.jobs) else {
            return None;
        };
        let mut gone = false;
        let mut next: Option<f64> = None;
        for doc in docs {
            let written = self.written.get(&doc.id).copied();
            if !doc.is_dirty() {
                if written.is_some() {
                    gone |= jobs
                        .send(Job::Remove(session.file_for(&Self::key(doc))))
                        .is_err();
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
                gone |= jobs
                    .send(Job::Write(session.file_for(&Self::key(doc)), text))
                    .is_err();
                self.written.insert(doc.id, (doc.revision, now));
                self.pending.remove(&doc.id);
            } else {
                let wait = due - now;
                next = Some(next.map_or(wait, |n: f64| n.min(wait)));
            }
        }
        if gone {
            self.stopped("the autosave thread stopped");
        }
        next
    }

    /// Forgets a closed or discarded document's recovery file.
    pub fn forget(&mut self, doc_id: u64) {
        if let (Some(session), Some(jobs)) = (&self.session, &self.jobs)
            && self.written.remove(&doc_id).is_some()
            && jobs
                .send(Job::Remove(session.file_for(&format!("doc-{doc_id}"))))
                .is_err()
        {
            self.stopped("the autosave thread stopped");
        }
        self.pending.remove(&doc_id);
    }

    /// Writes every document with unsaved changes now, on this thread (when
    /// the app is about to stop after a bug), and says what was and was not
    /// kept.
    pub fn write_all_now(&self, docs: &[Document]) -> RescueReport {
        let Some(session) = self.session.as_ref() else {
            let why = self.problem.clone().unwrap_or_default();
            return RescueReport::Off(why);
        };
        let mut report = RescueReport::Written {
            dir: session.dir().to_path_buf(),
            saved: Vec::new(),
            failed: Vec::new(),
        };
        for doc in docs.iter().filter(|d| d.is_dirty()) {
            let text = recovery::recovery_text(
                &doc.article,
                doc.path.as_deref().or(doc.imported_from.as_deref()),
            );
            if let RescueReport::Written { saved, failed, .. } = &mut report {
                match session.write(&Self::key(doc), &text) {
                    Ok(_) => saved.push(doc.display_name()),
                    Err(e) => failed.push((doc.display_name(), e.to_string())),
                }
            }
        }
        report
    }

    /// Writes the crash log beside the recovery files (there is nowhere to
    /// write it while recovery files are off).
    pub fn write_crash_log(&self, text: &str) -> std::io::Result<PathBuf> {
        let Some(session) = self.session.as_ref() else {
            return Err(std::io::Error::other("recovery files are off"));
        };
        session.write_crash_log(text)
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

/// What was kept of the unsaved work when the app stopped after a bug.
#[derive(Debug, PartialEq)]
pub enum RescueReport {
    /// Recovery files are off (why).
    Off(String),
    /// Recovery files were written in `dir`, for the documents `saved`;
    /// those `failed` (name, why) could not be.
    Written {
        dir: PathBuf,
        saved: Vec<String>,
        failed: Vec<(String, String)>,
    },
}

impl RescueReport {
    /// The crash screen's words on the unsaved work: what was kept, where,
    /// and what was not.
    pub fn describe(&self) -> String {
        match self {
            RescueReport::Off(why) if why.is_empty() => {
                "Recovery files are off, so unsaved changes could not be kept.\n".into()
            }
            RescueReport::Off(why) => {
                format!("Recovery files are off ({why}), so unsaved changes could not be kept.\n")
            }
            RescueReport::Written { saved, failed, .. }
                if saved.is_empty() && failed.is_empty() =>
            {
                "There were no unsaved changes to keep.\n".into()
            }
            RescueReport::Written { dir, saved, failed } => {
                let mut text = String::new();
                if !saved.is_empty() {
                    text.push_str(&format!(
                        "Your unsaved changes to {} were saved in {}; Copydesk offers to restore them when it starts again.\n",
                        saved.join(", "),
                        dir.display()
                    ));
                }
                for (name, why) in failed {
                    text.push_str(&format!(
                        "Your unsaved changes to {name} could NOT be saved ({why}): they are lost when this window closes.\n"
                    ));
                }
                text
            }
        }
    }
}
