//! Publish → Sites…: the sites an editor publishes to. Listed with Check
//! and Remove; added with an Application Password, or connected through
//! WordPress's approval screen in the browser (the friendlier way: nothing
//! to copy). Checking and waiting for the browser run on background threads,
//! so a slow site never stops typing.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use egui::{Context, Ui};

use crate::app::CopydeskApp;
use crate::publish::{Site, SiteInfo, authorize, sites};

/// How long the browser may take to come back with an approval.
const APPROVAL_LIMIT: Duration = Duration::from_secs(10 * 60);

#[derive(Default)]
pub struct SitesWindow {
    name: String,
    url: String,
    user: String,
    password: String,
    /// The last outcome, shown under the form.
    message: String,
    checking: Option<Receiver<(String, Result<SiteInfo, String>)>>,
    connecting: Option<Connecting>,
    /// The site whose removal waits for a confirmation (its password goes
    /// too, and only the site can make a new one).
    removing: Option<String>,
}

struct Connecting {
    /// The approval screen, shown in case no browser opened.
    address: String,
    cancel: Arc<AtomicBool>,
    done: Receiver<Result<Site, String>>,
}

/// A text field named by its label (screen readers read the name).
fn field(ui: &mut Ui, label: &str, text: &mut String, password: bool) {
    let label = ui.label(label);
    ui.add(egui::TextEdit::singleline(text).password(password))
        .labelled_by(label.id);
    ui.end_row();
}

pub fn show(app: &mut CopydeskApp, ctx: &Context, now: f64) {
    let Some(mut window) = app.publishing.sites_window.take() else {
        return;
    };
    let mut notices: Vec<Result<String, String>> = Vec::new();
    poll(app, ctx, &mut window, &mut notices);
    let mut open = true;
    egui::Window::new("Sites")
        .open(&mut open)
        .default_width(560.0)
        .show(ctx, |ui| {
            site_list(ui, app, &mut window, &mut notices);
            ui.separator();
            add_form(ui, app, &mut window, now);
        });
    for n in notices {
        match n {
            Ok(text) => app.notify(text, now),
            Err(text) => app.report_error(text, now),
        }
    }
    if open {
        app.publishing.sites_window = Some(window);
    } else if let Some(connecting) = window.connecting {
        // Closing the window gives up the wait (and frees the port).
        connecting.cancel.store(true, Ordering::Relaxed);
    }
}

/// The sites, each with Check and Remove (which asks first).
fn site_list(
    ui: &mut egui::Ui,
    app: &mut CopydeskApp,
    window: &mut SitesWindow,
    notices: &mut Vec<Result<String, String>>,
) {
    let ctx = ui.ctx().clone();
    if app.publishing.sites.sites.is_empty() {
        ui.label("No sites yet.");
    }
    for site in app.publishing.sites.sites.clone() {
        ui.horizontal(|ui| {
            ui.label(format!("{} — {} ({})", site.name, site.url, site.user));
            let idle = window.checking.is_none();
            if ui
                .add_enabled(idle, egui::Button::new(format!("Check {}", site.name)))
                .clicked()
            {
                start_check(app, &ctx, window, site.clone());
            }
            if ui.button(format!("Remove {}", site.name)).clicked() {
                window.removing = Some(site.name.clone());
            }
        });
        if window.removing.as_deref() == Some(site.name.as_str()) {
            ui.horizontal(|ui| {
                ui.label(format!("Remove {} and forget its password?", site.name));
                if ui.button("Remove and Forget").clicked() {
                    window.removing = None;
                    notices.push(remove(app, &site));
                }
                if ui.button("Keep").clicked() {
                    window.removing = None;
                }
            });
        }
    }
    if window.checking.is_some() {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("Checking…");
        });
    }
}

/// Adding a site: with an Application Password, or approved in the browser.
fn add_form(ui: &mut egui::Ui, app: &mut CopydeskApp, window: &mut SitesWindow, now: f64) {
    let ctx = ui.ctx().clone();
    ui.label("Add a WordPress site:");
    egui::Grid::new("site-form").num_columns(2).show(ui, |ui| {
        field(ui, "Site name", &mut window.name, false);
        field(ui, "Site address", &mut window.url, false);
        field(ui, "User name", &mut window.user, false);
        field(ui, "Application Password", &mut window.password, true);
    });
    ui.horizontal(|ui| {
        let idle = window.connecting.is_none();
        if ui
            .add_enabled(idle, egui::Button::new("Add Site"))
            .clicked()
        {
            window.message = add_with_password(app, window);
        }
        if ui
            .add_enabled(idle, egui::Button::new("Connect in Browser"))
            .on_hover_text(
                "Approve Copydesk on the site's own page, where you are signed in; no password to copy",
            )
            .clicked()
        {
            start_connect(app, &ctx, window, now);
        }
    });
    if let Some(connecting) = &window.connecting {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("Waiting for your approval in the browser…");
            if ui.button("Cancel").clicked() {
                connecting.cancel.store(true, Ordering::Relaxed);
            }
        });
        ui.label(format!(
            "If no browser opened, open: {}",
            connecting.address
        ));
        ui.label(authorize::OLDER_SITES_HINT);
    }
    if !window.message.is_empty() {
        ui.label(&window.message);
    }
}

fn remove(app: &mut CopydeskApp, site: &Site) -> Result<String, String> {
    app.publishing.sites.remove(&site.name);
    let forgotten = sites::forget_password(site);
    app.publishing.save_sites()?;
    forgotten
        .map(|()| format!("Removed site {}", site.name))
        .map_err(|e| {
            format!(
                "Removed site {}, but its password stays in the keyring: {e}",
                site.name
            )
        })
}

/// The form's site (address without a trailing slash); a site added again
/// keeps the timeout `sites.ron` gives it.
fn form_site(app: &CopydeskApp, window: &SitesWindow) -> Site {
    let name = window.name.trim().to_string();
    let timeout_secs = app.publishing.sites.get(&name).and_then(|s| s.timeout_secs);
    Site {
        name,
        url: window.url.trim().trim_end_matches('/').to_string(),
        user: window.user.trim().to_string(),
        timeout_secs,
    }
}

fn add_with_password(app: &mut CopydeskApp, window: &mut SitesWindow) -> String {
    let site = form_site(app, window);
    if let Err(e) = sites::validate(&site) {
        return e;
    }
    let password = std::mem::take(&mut window.password);
    if password.trim().is_empty() {
        return "Type the site's Application Password, or use Connect in Browser".into();
    }
    app.publishing.sites.upsert(site.clone());
    let saved = app.publishing.save_sites();
    match (saved, sites::store_password(&site, password.trim())) {
        (Err(e), _) => e,
        // Where there is no keyring the password comes from the environment.
        (Ok(()), Err(e)) => format!(
            "Site {} added, but its password was not kept: {e}; set {}",
            site.name,
            sites::PASSWORD_ENV
        ),
        (Ok(()), Ok(())) => format!("Site {} added", site.name),
    }
}

fn start_check(app: &mut CopydeskApp, ctx: &Context, window: &mut SitesWindow, site: Site) {
    let publisher = (app.publishing.factory)(&site);
    let (tx, rx) = channel();
    let repaint = ctx.clone();
    std::thread::spawn(move || {
        let result = publisher.and_then(|mut p| p.check().map_err(|e| e.to_string()));
        let _ = tx.send((site.name, result));
        repaint.request_repaint();
    });
    window.message.clear();
    window.checking = Some(rx);
}

fn start_connect(app: &mut CopydeskApp, ctx: &Context, window: &mut SitesWindow, now: f64) {
    let timeout = form_site(app, window).timeout_secs;
    let (site, approval) = match authorize::prepare(&window.name, &window.url, timeout) {
        Ok(ready) => ready,
        Err(e) => {
            window.message = e;
            return;
        }
    };
    let address = approval.authorize_url(&site.url);
    if let Err(e) = app
        .platform
        .launcher
        .open_in_browser(std::path::Path::new(&address))
    {
        app.report_error(format!("Could not open a browser: {e}"), now);
    }
    let cancel = Arc::new(AtomicBool::new(false));
    let (tx, rx) = channel();
    let repaint = ctx.clone();
    let stop = cancel.clone();
    std::thread::spawn(move || {
        let _ = tx.send(authorize::finish(site, approval, APPROVAL_LIMIT, &stop));
        repaint.request_repaint();
    });
    window.message.clear();
    window.connecting = Some(Connecting {
        address,
        cancel,
        done: rx,
    });
}

/// Takes in what the background threads found.
fn poll(
    app: &mut CopydeskApp,
    ctx: &Context,
    window: &mut SitesWindow,
    notices: &mut Vec<Result<String, String>>,
) {
    if let Some(rx) = &window.checking {
        if let Ok((name, result)) = rx.try_recv() {
            window.message = match result {
                Ok(info) => format!(
                    "{name}: signed in as {} ({}); categories: {}; tags: {}",
                    info.user,
                    info.roles.join(", "),
                    info.categories.join(", "),
                    info.tags.join(", ")
                ),
                Err(e) => e,
            };
            window.checking = None;
        } else {
            ctx.request_repaint_after(Duration::from_millis(200));
        }
    }
    if let Some(connecting) = &window.connecting {
        if let Ok(result) = connecting.done.try_recv() {
            window.connecting = None;
            match result {
                Ok(site) => {
                    app.publishing.sites.upsert(site.clone());
                    let saved = app.publishing.save_sites();
                    window.message = match &saved {
                        Ok(()) => format!("Site {} connected as {}", site.name, site.user),
                        Err(e) => e.clone(),
                    };
                    notices.push(saved.map(|()| format!("Connected site {}", site.name)));
                }
                Err(e) => window.message = e,
            }
        } else {
            ctx.request_repaint_after(Duration::from_millis(200));
        }
    }
}
