//! The metadata panel's account of the file's front matter: the site
//! dialect found, the key each field is stored under, keys set twice, and
//! the keys Copydesk does not interpret (shown as they are, read-only:
//! they are written back untouched).

use egui::{RichText, Ui};

use crate::format::Origin;
use crate::model::{Field, Metadata, Value};

pub fn front_matter_keys_ui(ui: &mut Ui, origin: &Origin, meta: &Metadata) {
    for warning in &origin.warnings {
        ui.colored_label(ui.visuals().warn_fg_color, warning.to_string());
    }
    egui::CollapsingHeader::new(format!("Front matter: {} keys", origin.dialect.label()))
        .id_salt("copydesk-front-matter-keys")
        .show(ui, |ui| {
            egui::Grid::new("copydesk-front-matter-key-grid")
                .num_columns(2)
                .striped(true)
                .show(ui, |ui| {
                    for field in Field::ALL {
                        ui.label(field.label());
                        let key = origin.key_of(field);
                        let shown = if key == "#" {
                            "# first heading".to_string()
                        } else {
                            key
                        };
                        let text = RichText::new(shown).monospace();
                        if origin.has(field) {
                            ui.label(text);
                        } else {
                            ui.label(text.weak())
                                .on_hover_text("Not in the file: added under this key when set");
                        }
                        ui.end_row();
                    }
                });
            if !meta.extra.is_empty() {
                ui.add_space(4.0);
                ui.label(RichText::new("Other keys, kept as they are").strong());
                for (key, value) in &meta.extra {
                    ui.label(RichText::new(format!("{key}: {}", summary(value, 60))).monospace());
                }
            }
        });
}

/// A value on one line, cut to about `max` characters.
fn summary(value: &Value, max: usize) -> String {
    let text = match value {
        Value::List(items) => format!(
            "[{}]",
            items
                .iter()
                .map(|i| summary(i, max))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Value::Map(entries) => format!(
            "{{{}}}",
            entries
                .iter()
                .map(|(k, v)| format!("{k}: {}", summary(v, max)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Value::Null => "~".into(),
        scalar => scalar.as_text().unwrap_or_default().replace('\n', " ⏎ "),
    };
    if text.chars().count() > max {
        let cut: String = text.chars().take(max).collect();
        format!("{cut}…")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_and_nested_values_fit_one_line() {
        let v = Value::Map(vec![
            (
                "a".into(),
                Value::List(vec![Value::Integer(1), Value::Null]),
            ),
            ("b".into(), Value::String("x\ny".into())),
        ]);
        assert_eq!(summary(&v, 60), "{a: [1, ~], b: x ⏎ y}");
        assert_eq!(
            summary(&Value::String("é".repeat(70)), 60).chars().count(),
            61
        );
    }
}
