//! Publish menu: "Publish to NAME…" (what will be sent, the status, a
//! confirmation before going live; "Sites…" is in `sites`). The publish
//! runs on a background thread with progress, so typing never waits; the
//! post's record is written into the document's front matter when it is done.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, channel};

use egui::{Context, Ui};

use crate::app::CopydeskApp;
use crate::publish::{
    self, Cause, PostStatus, Progress, PublishError, PublishRequest, Published, Publisher, Site,
    Sites, sites, wordpress,
};

/// Makes the publisher for a site (the real one reads its password; a test
/// gives a scripted one).
pub type PublisherFactory = Box<dyn Fn(&Site) -> Result<Box<dyn Publisher>, String>>;

pub struct PublishUi {
    pub sites: Sites,
    sites_path: Option<PathBuf>,
    pub factory: PublisherFactory,
    pub(super) sites_window: Option<super::sites::SitesWindow>,
    dialog: Option<Dialog>,
    job: Option<Job>,
    /// The last post published, with buttons to open it.
    done: Option<(String, Published)>,
}

struct Dialog {
    site: Site,
    doc: u64,
    status: PostStatus,
    /// The post was edited on the site: only the "Overwrite" button sends.
    conflict: bool,
    as_new: bool,
    /// Waiting for "Publish live" to be confirmed.
    confirming: bool,
    /// Why the dialog came back (the post changed or went on the site).
    message: String,
}

enum Update {
    Progress(Progress),
    Done(Result<Published, PublishError>),
}

struct Job {
    site: String,
    doc: u64,
    status: PostStatus,
    progress: String,
    updates: Receiver<Update>,
}

fn real_publisher(site: &Site) -> Result<Box<dyn Publisher>, String> {
    let password = sites::password(site)?;
    publish::publisher_for(site, password).map_err(|e| e.to_string())
}

impl PublishUi {
    /// The sites of `sites.ron` in the config folder, published for real.
    pub fn new(config_dir: Option<PathBuf>) -> Self {
        let sites_path = config_dir.map(|d| d.join("sites.ron"));
        let sites = sites_path
            .as_deref()
            .and_then(|p| Sites::load_from(p).ok())
            .unwrap_or_default();
        Self::with_publisher(sites, sites_path, Box::new(real_publisher))
    }

    pub fn with_publisher(
        sites: Sites,
        sites_path: Option<PathBuf>,
        factory: PublisherFactory,
    ) -> Self {
        Self {
            sites,
            sites_path,
            factory,
            sites_window: None,
            dialog: None,
            job: None,
            done: None,
        }
    }

    /// Whether a publish is running.
    pub fn busy(&self) -> bool {
        self.job.is_some()
    }

    /// Shows the Sites window.
    pub fn open_sites(&mut self) {
        if self.sites_window.is_none() {
            self.sites_window = Some(Default::default());
        }
    }

    pub(super) fn save_sites(&self) -> Result<(), String> {
        match &self.sites_path {
            Some(path) => self.sites.save_to(path),
            None => Err("there is no config folder to keep sites in".into()),
        }
    }
}

/// The Publish menu's "Publish to NAME…" entries, one a site.
pub fn site_items(app: &mut CopydeskApp, ui: &mut Ui) {
    let sites = app.publishing.sites.sites.clone();
    if !sites.is_empty() {
        ui.separator();
    }
    for site in sites {
        let enabled = app.active_doc().is_some() && !app.publishing.busy();
        if ui
            .add_enabled(
                enabled,
                egui::Button::new(format!("Publish to {}…", site.name)),
            )
            .clicked()
        {
            open_dialog(app, site);
            ui.close();
        }
    }
}

fn open_dialog(app: &mut CopydeskApp, site: Site) {
    let Some(doc) = app.active_doc() else { return };
    app.publishing.dialog = Some(Dialog {
        site,
        doc: doc.id,
        status: PostStatus::from_article(doc.article.meta.status),
        conflict: false,
        as_new: false,
        confirming: false,
        message: String::new(),
    });
}

/// Draws the publishing windows and takes in the background job's news.
pub fn show(app: &mut CopydeskApp, ctx: &Context) {
    let now = ctx.input(|i| i.time);
    poll(app, ctx, now);
    super::sites::show(app, ctx, now);
    dialog(app, ctx);
    progress_window(app, ctx);
    done_window(app, ctx, now);
}

/// What the dialog shows will be sent.
fn summary(request: &PublishRequest, site: &Site) -> Vec<(String, String)> {
    let meta = &request.article.meta;
    let target = match publish::record::read(meta, wordpress::CMS) {
        Some(r) if r.site.eq_ignore_ascii_case(&site.name) && !request.as_new => {
            format!("updates post {} ({})", r.id, r.link)
        }
        _ => "a new post".to_string(),
    };
    let figures = crate::markdown::parse(&request.article.body)
        .iter()
        .filter(|b| matches!(b.kind, crate::markdown::BlockKind::Figure(_)))
        .count();
    vec![
        ("Post".into(), target),
        ("Title".into(), meta.title.clone()),
        ("Slug".into(), meta.effective_slug()),
        ("Excerpt".into(), meta.excerpt.clone()),
        ("Date".into(), meta.date.clone()),
        ("Tags".into(), meta.tags.join(", ")),
        ("Category".into(), meta.category.clone()),
        ("Feature image".into(), meta.image.src.clone()),
        ("Figures".into(), figures.to_string()),
    ]
}

fn request_for(app: &CopydeskApp, dialog: &Dialog) -> Option<PublishRequest> {
    let doc = app.workspace.docs.iter().find(|d| d.id == dialog.doc)?;
    let base_dir = doc
        .path
        .as_deref()
        .or(doc.imported_from.as_deref())
        .and_then(|p| p.parent())
        .map(|p| p.to_path_buf())
        .unwrap_or_else(|| PathBuf::from("."));
    Some(PublishRequest {
        article: doc.article.clone(),
        base_dir,
        status: dialog.status,
        force: false,
        as_new: dialog.as_new,
    })
}

fn dialog(app: &mut CopydeskApp, ctx: &Context) {
    let Some(mut state) = app.publishing.dialog.take() else {
        return;
    };
    let Some(request) = request_for(app, &state) else {
        return;
    };
    let mut open = true;
    let mut start = false;
    let mut cancelled = false;
    egui::Window::new(format!("Publish to {}", state.site.name))
        .open(&mut open)
        .default_width(520.0)
        .show(ctx, |ui| {
            egui::Grid::new("publish-summary")
                .num_columns(2)
                .show(ui, |ui| {
                    for (label, value) in summary(&request, &state.site) {
                        ui.label(label);
                        ui.label(if value.trim().is_empty() {
                            "—".to_string()
                        } else {
                            value
                        });
                        ui.end_row();
                    }
                });
            ui.horizontal(|ui| {
                ui.label("Status");
                for status in PostStatus::ALL {
                    ui.radio_value(&mut state.status, status, status.key());
                }
            });
            if !state.message.is_empty() {
                ui.colored_label(ui.visuals().warn_fg_color, &state.message);
            }
            ui.checkbox(&mut state.as_new, "Publish as a new post");
            if state.confirming {
                ui.label(format!(
                    "Readers of {} will see this post. Publish it live?",
                    state.site.name
                ));
                ui.horizontal(|ui| {
                    if ui.button("Publish Live").clicked() {
                        start = true;
                    }
                    if ui.button("Not Yet").clicked() {
                        state.confirming = false;
                    }
                });
            } else if state.conflict && !state.as_new {
                // Someone else's edit is lost only on an explicit click.
                ui.horizontal(|ui| {
                    if ui.button("Overwrite").clicked() {
                        if state.status.is_live() {
                            state.confirming = true;
                        } else {
                            start = true;
                        }
                    }
                    if ui.button("Cancel").clicked() {
                        cancelled = true;
                    }
                });
            } else if ui.button("Publish Now").clicked() {
                if state.status.is_live() {
                    state.confirming = true;
                } else {
                    start = true;
                }
            }
        });
    if start {
        let request = PublishRequest {
            status: state.status,
            force: state.conflict && !state.as_new,
            as_new: state.as_new,
            ..request
        };
        start_job(app, ctx, &state, request);
    } else if open && !cancelled {
        app.publishing.dialog = Some(state);
    }
}

fn start_job(app: &mut CopydeskApp, ctx: &Context, dialog: &Dialog, request: PublishRequest) {
    let now = ctx.input(|i| i.time);
    let mut publisher = match (app.publishing.factory)(&dialog.site) {
        Ok(p) => p,
        Err(e) => {
            app.report_error(e, now);
            return;
        }
    };
    let (tx, rx) = channel();
    let repaint = ctx.clone();
    std::thread::spawn(move || {
        let progress_tx = tx.clone();
        let progress_ctx = repaint.clone();
        let result = publisher.publish(&request, &mut |p| {
            let _ = progress_tx.send(Update::Progress(p));
            progress_ctx.request_repaint();
        });
        let _ = tx.send(Update::Done(result));
        repaint.request_repaint();
    });
    app.publishing.job = Some(Job {
        site: dialog.site.name.clone(),
        doc: dialog.doc,
        status: dialog.status,
        progress: "Connecting…".into(),
        updates: rx,
    });
}

fn progress_text(p: &Progress) -> String {
    match p {
        Progress::Connecting => "Connecting…".into(),
        Progress::Uploading { done, total, name } => {
            format!("Uploading image {} of {total}: {name}", done + 1)
        }
        Progress::Terms => "Tags and category…".into(),
        Progress::Saving => "Saving the post…".into(),
    }
}

fn poll(app: &mut CopydeskApp, ctx: &Context, now: f64) {
    let Some(job) = &mut app.publishing.job else {
        return;
    };
    let mut finished = None;
    while let Ok(update) = job.updates.try_recv() {
        match update {
            Update::Progress(p) => job.progress = progress_text(&p),
            Update::Done(result) => finished = Some(result),
        }
    }
    let Some(result) = finished else {
        // A thread that died without a word would leave the bar forever.
        ctx.request_repaint_after(std::time::Duration::from_millis(200));
        return;
    };
    let job = app.publishing.job.take().expect("a job is running");
    match result {
        // The recorded post changed or went: the dialog comes back with the
        // way on ticked, for the editor to decide.
        Err(PublishError {
            cause: cause @ (Cause::ChangedOnServer { .. } | Cause::PostDeleted { .. }),
            ..
        }) => {
            let site = app.publishing.sites.get(&job.site).cloned();
            let status = job.status;
            if let Some(site) = site {
                let (conflict, as_new, message) = match cause {
                    Cause::PostDeleted { id } => (
                        false,
                        true,
                        format!(
                            "Post {id} was deleted on the site. Publish the article as a new post?"
                        ),
                    ),
                    Cause::ChangedOnServer {
                        id,
                        now: changed,
                        fields,
                        ..
                    } => (
                        true,
                        false,
                        format!(
                            "Post {id} was edited on the site since the last publish ({}; {changed} UTC). Overwrite those changes?",
                            if fields.is_empty() {
                                "last published from another machine, so what changed is unknown"
                                    .to_string()
                            } else {
                                format!("changed: {}", fields.join(", "))
                            }
                        ),
                    ),
                    _ => unreachable!("matched above"),
                };
                app.publishing.dialog = Some(Dialog {
                    site,
                    doc: job.doc,
                    status,
                    conflict,
                    as_new,
                    confirming: false,
                    message,
                });
            }
        }
        Err(e) => app.report_error(e.to_string(), now),
        Ok(published) => {
            for note in &published.notes {
                app.notify(format!("site {}: {note}", job.site), now);
            }
            record(app, job.doc, &published, now);
            app.notify(
                format!(
                    "Published to {}: post {} ({})",
                    job.site, published.remote.id, published.status
                ),
                now,
            );
            app.publishing.done = Some((job.site, published));
        }
    }
}

/// Writes the post's record into the document; saves it at once when the
/// document had no unsaved edits (else it is saved with them).
fn record(app: &mut CopydeskApp, doc_id: u64, published: &Published, now: f64) {
    let Some(doc) = app.workspace.docs.iter_mut().find(|d| d.id == doc_id) else {
        return;
    };
    let was_dirty = doc.is_dirty();
    publish::record::write(&mut doc.article.meta, wordpress::CMS, &published.remote);
    doc.touch();
    if was_dirty {
        return;
    }
    let Some(path) = doc.path.clone() else {
        return;
    };
    let text = doc.to_markdown();
    match crate::files::write_atomic(&path, text.as_bytes()) {
        Ok(()) => doc.mark_saved(path, text),
        Err(e) => app.report_error(
            format!(
                "{}: could not record the published post: {e}",
                path.display()
            ),
            now,
        ),
    }
}

fn progress_window(app: &mut CopydeskApp, ctx: &Context) {
    let Some(job) = &app.publishing.job else {
        return;
    };
    egui::Window::new("Publishing")
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::RIGHT_BOTTOM, [-16.0, -40.0])
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(format!("{}: {}", job.site, job.progress));
            });
        });
}

fn done_window(app: &mut CopydeskApp, ctx: &Context, now: f64) {
    let Some((site, published)) = app.publishing.done.take() else {
        return;
    };
    let mut open = true;
    let mut opened: Option<String> = None;
    egui::Window::new("Published")
        .open(&mut open)
        .show(ctx, |ui| {
            ui.label(format!(
                "Post {} on {site} is {}.",
                published.remote.id, published.status
            ));
            ui.horizontal(|ui| {
                if ui.button("Open Post").clicked() {
                    opened = Some(published.remote.link.clone());
                }
                if ui.button("Open Edit Screen").clicked() {
                    opened = Some(published.edit_link.clone());
                }
            });
        });
    if let Some(url) = opened {
        if let Err(e) = app
            .platform
            .launcher
            .open_in_browser(std::path::Path::new(&url))
        {
            app.report_error(format!("Could not open {url}: {e}"), now);
        }
    } else if open {
        app.publishing.done = Some((site, published));
    }
}
