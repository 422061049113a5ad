//! The metadata panel: every front-matter field with a proper widget.

use crate::app::accessible::{self, Named};
use egui::{Id, RichText, TextEdit, Ui};

use crate::analysis::check::{EXCERPT_LIMIT, TITLE_LIMIT};
use crate::app::Document;
use crate::app::layout::Layout;
use crate::model::{Author, Credit, Metadata, Status};
use crate::session::Workspace;
use crate::templates::Library;

/// Roles offered for article credits.
const CREDIT_ROLES: [&str; 6] = [
    "source",
    "via",
    "credit",
    "reporting",
    "translation",
    "editing",
];

/// The feature image's thumbnail, at most this wide.
const THUMBNAIL_WIDTH: f32 = 160.0;

/// What the metadata panel keeps between frames.
#[derive(Default)]
pub struct MetadataPanel {
    /// The text being typed in the tag field.
    tag_input: String,
}

/// The metadata panel beside the editor while the window has room for it
/// (`planned`: its width and range, from the layout); otherwise folded into
/// a button in the tab bar (see `metadata_overlay`).
pub fn metadata_panel(
    ui: &mut Ui,
    state: &mut MetadataPanel,
    doc: &mut Document,
    library: &Library,
    layout: &mut Layout,
    planned: Option<(f32, egui::Rangef)>,
) -> Option<PanelAction> {
    let (width, range) = planned?;
    let mut action = None;
    let (_, dragged) = crate::app::layout::sized_panel(
        ui,
        Id::unique("copydesk-metadata"),
        egui::Panel::left(Id::unique("copydesk-metadata")),
        width,
        range,
        |ui| action = contents(ui, state, doc, library),
    );
    if let Some(width) = dragged {
        layout.metadata_dragged(width);
    }
    action
}

/// The folded metadata panel, opened over the documents.
pub fn metadata_overlay(
    ctx: &egui::Context,
    state: &mut MetadataPanel,
    doc: &mut Document,
    library: &Library,
    layout: &mut Layout,
) -> Option<PanelAction> {
    let mut action = None;
    layout.folded_panel(ctx, true, |ui| {
        action = contents(ui, state, doc, library);
    });
    action
}

fn contents(
    ui: &mut Ui,
    state: &mut MetadataPanel,
    doc: &mut Document,
    library: &Library,
) -> Option<PanelAction> {
    let mut action = None;
    accessible::name_region(ui, "Metadata");
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.add_space(4.0);
            ui.heading("Article");
            crate::app::panels::front_matter_keys::front_matter_keys_ui(
                ui,
                &doc.origin,
                &doc.article.meta,
            );
            if doc.front_matter_problem.is_some() {
                // The fields would start empty, and a value typed in one
                // would be written as a new front matter in place of the
                // one kept as written: they stay shut until it is read.
                ui.label(
                    RichText::new(
                        "The front matter could not be read, so its fields cannot be edited \
                         here; it is kept exactly as written.",
                    )
                    .color(ui.visuals().warn_fg_color),
                );
                ui.disable();
            }
            fields_of_active(ui, doc, library, &mut state.tag_input, &mut action);
        });
    action
}

/// A labelled single-line field; returns whether it changed.
fn text_field(ui: &mut Ui, label: &str, value: &mut String, hint: &str) -> bool {
    let label = ui.label(label);
    ui.add(
        TextEdit::singleline(value)
            // In italics, so a hint is never read as a value.
            .hint_text(RichText::new(hint).italics())
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label.id)
    .changed()
}

fn multiline_field(ui: &mut Ui, label: &str, value: &mut String, hint: &str, rows: usize) -> bool {
    let label = ui.label(label);
    ui.add(
        TextEdit::multiline(value)
            .hint_text(RichText::new(hint).italics())
            .desired_rows(rows)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label.id)
    .changed()
}

fn counter(ui: &mut Ui, len: usize, limit: usize, what: &str) {
    let text = format!("{len} / {limit} characters {what}");
    let rich = if len > limit {
        RichText::new(format!("{text} — too long")).color(ui.visuals().error_fg_color)
    } else {
        RichText::new(text).weak()
    };
    ui.label(rich.small());
}

/// What the panel asks of the workspace once it is drawn.
pub enum PanelAction {
    SaveAuthorTemplate(usize),
    UseAuthorTemplate {
        doc: u64,
        index: usize,
        template: String,
    },
}

impl PanelAction {
    /// Does it, at `now` (for the notices).
    pub fn apply(self, workspace: &mut Workspace, now: f64) {
        match self {
            PanelAction::SaveAuthorTemplate(i) => workspace.save_author_template(i, now),
            PanelAction::UseAuthorTemplate {
                doc,
                index,
                template,
            } => workspace.use_author_template(doc, index, &template),
        }
    }
}

/// A menu of the author templates; returns the one picked.
fn author_picker(ui: &mut Ui, label: &str, library: &crate::templates::Library) -> Option<String> {
    let mut picked = None;
    ui.menu_button(label, |ui| {
        if library.authors.is_empty() {
            ui.label(
                RichText::new(
                    "No author templates yet: fill in an author and click Save as Template.",
                )
                .weak(),
            );
        }
        for a in &library.authors {
            if ui.button(&a.template.name).clicked() {
                picked = Some(a.template.name.clone());
                ui.close();
            }
        }
    });
    picked
}

/// The active document's fields, group by group.
fn fields_of_active(
    ui: &mut Ui,
    doc: &mut Document,
    library: &Library,
    tag_input: &mut String,
    action: &mut Option<PanelAction>,
) {
    // What the fields were, for the undo step of what is typed in them.
    let before = doc.article.meta.clone();
    let doc_id = doc.id;
    let base_dir = doc
        .path
        .as_deref()
        .map(crate::export::images::article_folder);
    let m = &mut doc.article.meta;
    let mut changed = headline_fields(ui, m);
    ui.separator();
    changed |= author_fields(ui, m, library, doc_id, action);
    ui.separator();
    changed |= date_and_status(ui, m);
    ui.separator();
    changed |= tag_fields(ui, m, tag_input, &library.tags);
    changed |= text_field(ui, "Category", &mut m.category, "e.g. Smartphones");
    ui.separator();
    changed |= publishing_fields(ui, m);
    ui.separator();
    changed |= feature_image_fields(ui, m, base_dir.as_deref());
    ui.separator();
    changed |= credit_fields(ui, m, library);
    ui.add_space(12.0);
    if changed {
        doc.touch();
        let now = ui.input(|i| i.time);
        doc.history.edited_metadata(before, &doc.article, now);
    }
}

/// Title, subtitle and the original title and language.
fn headline_fields(ui: &mut Ui, m: &mut Metadata) -> bool {
    let mut changed = text_field(ui, "Title", &mut m.title, "Headline");
    counter(
        ui,
        m.title.trim().chars().count(),
        TITLE_LIMIT,
        "shown in search results",
    );
    changed |= multiline_field(ui, "Subtitle", &mut m.subtitle, "Dek / standfirst", 2);
    ui.horizontal(|ui| {
        ui.vertical(|ui| {
            ui.set_width(ui.available_width() - 70.0);
            changed |= text_field(
                ui,
                "Original title",
                &mut m.original_title,
                "Title in the original language",
            );
        });
        ui.vertical(|ui| {
            changed |= text_field(ui, "Language", &mut m.original_lang, "e.g. it");
        });
    });
    changed
}

/// The authors with their bios, and the author templates.
fn author_fields(
    ui: &mut Ui,
    m: &mut Metadata,
    library: &crate::templates::Library,
    doc_id: u64,
    action: &mut Option<PanelAction>,
) -> bool {
    ui.label(RichText::new("Authors").strong());
    let mut changed = false;
    let mut remove_author = None;
    for (i, author) in m.authors.iter_mut().enumerate() {
        ui.push_id(("author", i), |ui| {
            let (edited, row) = author_row(ui, author, library);
            changed |= edited;
            match row {
                Some(AuthorRow::Remove) => remove_author = Some(i),
                Some(AuthorRow::SaveAsTemplate) => {
                    *action = Some(PanelAction::SaveAuthorTemplate(i))
                }
                Some(AuthorRow::FillFrom(template)) => {
                    *action = Some(PanelAction::UseAuthorTemplate {
                        doc: doc_id,
                        index: i,
                        template,
                    })
                }
                None => {}
            }
        });
    }
    if let Some(i) = remove_author {
        m.authors.remove(i);
        changed = true;
    }
    ui.horizontal_wrapped(|ui| {
        if ui.button("+ Add author").clicked() {
            m.authors.push(Author::default());
            changed = true;
        }
        if let Some(template) = author_picker(ui, "+ Add author from template", library) {
            *action = Some(PanelAction::UseAuthorTemplate {
                doc: doc_id,
                index: m.authors.len(),
                template,
            });
        }
    });
    changed
}

/// What an author's row asks for besides its edits.
enum AuthorRow {
    Remove,
    SaveAsTemplate,
    FillFrom(String),
}

/// One author: name, bio, and the template buttons.
fn author_row(
    ui: &mut Ui,
    author: &mut Author,
    library: &crate::templates::Library,
) -> (bool, Option<AuthorRow>) {
    let mut changed = false;
    let mut row = None;
    // The remove button comes after the author's fields, in the row of the
    // author's actions, so Tab goes from the field before to Name, then Bio.
    // (Beside the name, drawn right to left so the field could take what
    // was left, it came first in Tab order.)
    ui.horizontal(|ui| {
        let label = ui.label("Name");
        changed |= ui
            .add(
                TextEdit::singleline(&mut author.name)
                    .hint_text(RichText::new("e.g. Jane Doe").italics())
                    .desired_width(ui.available_width()),
            )
            .labelled_by(label.id)
            .changed();
    });
    changed |= multiline_field(
        ui,
        "Bio",
        &mut author.bio,
        "A sentence or two about the author (Markdown)",
        3,
    );
    ui.horizontal_wrapped(|ui| {
        if ui
            .small_button("Save as Template")
            .on_hover_text("Keep this author and bio for other articles")
            .clicked()
        {
            row = Some(AuthorRow::SaveAsTemplate);
        }
        if let Some(template) = author_picker(ui, "Fill from template", library) {
            row = Some(AuthorRow::FillFrom(template));
        }
        if ui
            .small_button("✖ Remove")
            .named("Remove this author")
            .clicked()
        {
            row = Some(AuthorRow::Remove);
        }
    });
    (changed, row)
}

/// The date (typed or picked) and the status.
fn date_and_status(ui: &mut Ui, m: &mut Metadata) -> bool {
    let mut changed = false;
    ui.horizontal(|ui| {
        ui.vertical(|ui| {
            ui.set_width(ui.available_width() * 0.55);
            changed |= text_field(ui, "Date", &mut m.date, "YYYY-MM-DD");
        });
        ui.vertical(|ui| {
            ui.label("Pick");
            changed |= date_picker(ui, &mut m.date);
        });
    });
    let status_label = ui.label("Status");
    let status_box = egui::ComboBox::from_id_salt("status")
        .selected_text(m.status.label())
        .show_ui(ui, |ui| {
            for status in Status::ALL {
                changed |= ui
                    .selectable_value(&mut m.status, status, status.label())
                    .changed();
            }
        })
        .response
        .labelled_by(status_label.id);
    accessible::expose_value(&status_box, m.status.label());
    changed
}

/// The tags as chips, the field to add one, and tags used before.
fn tag_fields(
    ui: &mut Ui,
    m: &mut Metadata,
    tag_input: &mut String,
    known_tags: &[String],
) -> bool {
    ui.label(RichText::new("Tags").strong());
    let mut changed = false;
    let mut remove_tag = None;
    ui.horizontal_wrapped(|ui| {
        for (i, tag) in m.tags.iter().enumerate() {
            // A chip: clicking it removes the tag.
            let chip = egui::Button::new(format!("{tag} ×"))
                .corner_radius(8.0)
                .small();
            if ui
                .add(chip)
                .on_hover_text(format!("Remove the tag {tag}"))
                .clicked()
            {
                remove_tag = Some(i);
            }
        }
    });
    if let Some(i) = remove_tag {
        m.tags.remove(i);
        changed = true;
    }
    let tag_label = ui.label("Add tag");
    let response = ui
        .add(
            TextEdit::singleline(tag_input)
                .hint_text("Type a tag, press Enter")
                .desired_width(f32::INFINITY),
        )
        .labelled_by(tag_label.id);
    if response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
        changed |= add_tag(&mut m.tags, tag_input);
        response.request_focus();
    }
    changed | tag_suggestions(ui, m, tag_input, known_tags)
}

/// Tags used before that match what is typed, one click to add.
fn tag_suggestions(
    ui: &mut Ui,
    m: &mut Metadata,
    tag_input: &mut String,
    known_tags: &[String],
) -> bool {
    let typed = tag_input.trim().to_lowercase();
    let suggestions: Vec<&String> = known_tags
        .iter()
        .filter(|t| !m.tags.iter().any(|x| x.eq_ignore_ascii_case(t)))
        .filter(|t| typed.is_empty() || t.to_lowercase().contains(&typed))
        .take(8)
        .collect();
    let mut changed = false;
    if !suggestions.is_empty() {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new("Used before:").small().weak());
            for tag in suggestions {
                if ui.small_button(tag.as_str()).clicked() {
                    let mut t = tag.clone();
                    changed |= add_tag(&mut m.tags, &mut t);
                    tag_input.clear();
                }
            }
        });
    }
    changed
}

/// Excerpt, slug, canonical URL and the article's language.
fn publishing_fields(ui: &mut Ui, m: &mut Metadata) -> bool {
    let mut changed = multiline_field(
        ui,
        "Excerpt",
        &mut m.excerpt,
        "Meta description for search results and link previews",
        3,
    );
    counter(
        ui,
        m.excerpt.trim().chars().count(),
        EXCERPT_LIMIT,
        "shown in search results",
    );
    let derived = crate::model::slugify(&m.title);
    ui.horizontal(|ui| {
        ui.vertical(|ui| {
            ui.set_width(ui.available_width() - 34.0);
            changed |= text_field(ui, "Slug", &mut m.slug, &derived);
        });
        if !m.slug.is_empty() {
            ui.vertical(|ui| {
                ui.label(" ");
                if ui
                    .small_button("↺")
                    .named("Derive the slug from the title again")
                    .clicked()
                {
                    m.slug.clear();
                    changed = true;
                }
            });
        }
    });
    if m.slug.is_empty() {
        ui.label(
            RichText::new("Derived from the title until you edit it")
                .small()
                .weak(),
        );
    }
    changed |= text_field(ui, "Canonical URL", &mut m.canonical_url, "https://…");
    changed | text_field(ui, "Article language", &mut m.lang, "e.g. en")
}

/// The feature image's fields, with a thumbnail (pictures relative to
/// `base_dir`, the article's folder).
fn feature_image_fields(ui: &mut Ui, m: &mut Metadata, base_dir: Option<&std::path::Path>) -> bool {
    let mut changed = false;
    egui::CollapsingHeader::new(RichText::new("Feature image").strong())
        .default_open(!m.image.is_empty())
        .show(ui, |ui| {
            changed |= text_field(
                ui,
                "Image path or URL",
                &mut m.image.src,
                "https://… or images/photo.jpg",
            );
            if !m.image.src.trim().is_empty() {
                // A thumbnail, so a wrong path shows at once.
                let width = ui.available_width().min(THUMBNAIL_WIDTH);
                crate::app::pictures::picture(ui, &m.image.src, &m.image.alt, base_dir, width);
            }
            changed |= text_field(ui, "Alt text", &mut m.image.alt, "What the image shows");
            changed |= text_field(ui, "Caption", &mut m.image.caption, "");
            changed |= text_field(
                ui,
                "Image credit",
                &mut m.image.credit,
                "Photographer or agency",
            );
        });
    changed
}

/// What a credit's row asks for besides its edits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CreditRow {
    MoveUp,
    MoveDown,
    Remove,
}

/// The credits, each with its role, name and URL, in order.
fn credit_fields(ui: &mut Ui, m: &mut Metadata, library: &crate::templates::Library) -> bool {
    ui.label(RichText::new("Credits").strong());
    let mut changed = false;
    let mut asked: Option<(usize, CreditRow)> = None;
    let count = m.credits.len();
    for (i, credit) in m.credits.iter_mut().enumerate() {
        ui.push_id(("credit", i), |ui| {
            if let Some(row) = credit_buttons(ui, credit, i, count, &mut changed) {
                asked = Some((i, row));
            }
            changed |= credit_name(ui, credit, library);
            changed |= text_field(ui, "Credit URL", &mut credit.url, "https://…");
        });
    }
    match asked {
        Some((i, CreditRow::Remove)) => {
            m.credits.remove(i);
            changed = true;
        }
        Some((i, CreditRow::MoveUp)) => {
            m.credits.swap(i, i - 1);
            changed = true;
        }
        Some((i, CreditRow::MoveDown)) => {
            m.credits.swap(i, i + 1);
            changed = true;
        }
        None => {}
    }
    if ui.button("+ Add credit").clicked() {
        m.credits.push(Credit::new("source", ""));
        changed = true;
    }
    changed
}

/// A credit's role and its move and remove buttons.
fn credit_buttons(
    ui: &mut Ui,
    credit: &mut Credit,
    i: usize,
    count: usize,
    changed: &mut bool,
) -> Option<CreditRow> {
    let mut row = None;
    ui.horizontal(|ui| {
        let role_label = ui.label("Role");
        let role_box = egui::ComboBox::from_id_salt("role")
            .selected_text(if credit.role.is_empty() {
                "—"
            } else {
                credit.role.as_str()
            })
            .width(100.0)
            .show_ui(ui, |ui| {
                for role in CREDIT_ROLES {
                    if ui.selectable_label(credit.role == role, role).clicked() {
                        credit.role = role.to_string();
                        *changed = true;
                    }
                }
            })
            .response
            .labelled_by(role_label.id);
        accessible::expose_value(
            &role_box,
            if credit.role.is_empty() {
                "none"
            } else {
                &credit.role
            },
        );
        if ui
            .add_enabled(i > 0, egui::Button::new("⬆").small())
            .on_hover_text("Move up")
            .clicked()
        {
            row = Some(CreditRow::MoveUp);
        }
        if ui
            .add_enabled(i + 1 < count, egui::Button::new("⬇").small())
            .on_hover_text("Move down")
            .clicked()
        {
            row = Some(CreditRow::MoveDown);
        }
        if ui.small_button("✖").named("Remove this credit").clicked() {
            row = Some(CreditRow::Remove);
        }
    });
    row
}

/// A credit's name, with the known sources that match what is typed.
fn credit_name(ui: &mut Ui, credit: &mut Credit, library: &crate::templates::Library) -> bool {
    let label = ui.label("Credit name");
    let mut changed = ui
        .add(
            TextEdit::singleline(&mut credit.name)
                .hint_text(RichText::new("e.g. Reuters").italics())
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id)
        .changed();
    let typed = credit.name.trim().to_lowercase();
    if typed.is_empty() {
        return changed;
    }
    let known: Vec<_> = library
        .credits
        .iter()
        .filter(|k| {
            k.name.to_lowercase().contains(&typed)
                && !k.name.eq_ignore_ascii_case(credit.name.trim())
        })
        .take(6)
        .collect();
    ui.horizontal_wrapped(|ui| {
        for k in known {
            if ui.small_button(&k.name).clicked() {
                credit.name = k.name.clone();
                if !k.role.is_empty() {
                    credit.role = k.role.clone();
                }
                if credit.url.is_empty() {
                    credit.url = k.url.clone();
                }
                changed = true;
            }
        }
    });
    changed
}

/// Adds the typed tag (or comma-separated tags); returns whether any was new.
fn add_tag(tags: &mut Vec<String>, input: &mut String) -> bool {
    let mut added = false;
    for tag in input.split(',').map(str::trim).filter(|t| !t.is_empty()) {
        if !tags.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
            tags.push(tag.to_string());
            added = true;
        }
    }
    input.clear();
    added
}

/// A calendar next to the date field (egui_extras' date picker); the field
/// keeps whatever was typed, times included.
fn date_picker(ui: &mut Ui, date: &mut String) -> bool {
    let parsed: Option<jiff::civil::Date> = date.get(..10).and_then(|d| d.parse().ok());
    // Without a date, a calendar showing today would read as a date that
    // is set: offer today instead, then the calendar.
    if parsed.is_none() && date.trim().is_empty() {
        if ui
            .button("Today")
            .on_hover_text("Set the date to today")
            .clicked()
        {
            *date = jiff::Zoned::now().date().strftime("%Y-%m-%d").to_string();
            return true;
        }
        return false;
    }
    let mut value = parsed.unwrap_or_else(|| jiff::Zoned::now().date());
    let before = value;
    ui.add(
        egui_extras::DatePickerButton::new(&mut value)
            .id_salt("date-picker")
            .calendar_week(false),
    );
    if value != before {
        let rest = if parsed.is_some() {
            date.get(10..).unwrap_or("").to_string()
        } else {
            String::new()
        };
        *date = format!("{}{rest}", value.strftime("%Y-%m-%d"));
        return true;
    }
    false
}
