//! Writing an opened file back in place: only what the editor changed is
//! rewritten. Each changed field replaces its own key's lines (YAML) or
//! value (TOML), under the key and in the shape the file used; a field the
//! file lacks is added under the key its site expects; the body follows
//! the front matter as it was; untouched lines keep their own bytes,
//! line endings included.

use std::sync::Arc;

use super::dialect::Dialect;
use super::fields::{Bindings, field_value};
use super::front_matter::FrontMatterKind;
use super::yaml::KeyAt;
use super::yaml_edit::{self, Change};
use super::{LineEnding, toml};
use crate::model::{Article, Field, Metadata, Value};

/// How an opened file is laid out around its article, in `\n` text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Layout {
    pub front: Option<Arc<FrontLayout>>,
    /// The first line `# Title` (with the blank lines after it) when the
    /// title lives there rather than in the front matter.
    pub heading: Option<String>,
    pub bindings: Bindings,
}

/// A front-matter block as it was read.
#[derive(Clone, Debug, PartialEq)]
pub struct FrontLayout {
    pub kind: FrontMatterKind,
    /// The opening fence line.
    pub open: String,
    /// The text between the fences.
    pub text: String,
    /// The closing fence line, and the blank line after it that is not
    /// part of the body.
    pub close: String,
    /// The keys as read, before fields took theirs.
    pub entries: Vec<(String, Value)>,
    /// Where YAML keys stand (TOML is edited by `toml_edit`).
    pub keys: Vec<KeyAt>,
}

/// The file's new text (with `\n` endings), or `None` when it cannot be
/// edited in place.
pub fn compose(layout: &Layout, old: &Article, new: &Article, dialect: Dialect) -> Option<String> {
    let heading_title = layout.heading.is_some();
    let changes = changes(layout, &old.meta, &new.meta, dialect, heading_title);
    let mut out = String::with_capacity(new.body.len() + 1024);
    match &layout.front {
        Some(front) => {
            let text = if changes.is_empty() {
                front.text.clone()
            } else {
                match front.kind {
                    FrontMatterKind::Yaml => yaml_edit::apply(&front.text, &front.keys, &changes),
                    FrontMatterKind::Toml => toml::apply(&front.text, &changes)?,
                    // Never read, so never laid out (see `parse_markdown_in`).
                    FrontMatterKind::Foreign => return None,
                }
            };
            out.push_str(&front.open);
            out.push_str(&text);
            out.push_str(&front.close);
        }
        None if !changes.is_empty() => {
            let kind = if dialect.prefers_toml() {
                FrontMatterKind::Toml
            } else {
                FrontMatterKind::Yaml
            };
            let text = match kind {
                FrontMatterKind::Yaml => yaml_edit::apply("", &[], &changes),
                FrontMatterKind::Toml => toml::apply("", &changes)?,
                FrontMatterKind::Foreign => return None,
            };
            out.push_str(kind.fence());
            out.push('\n');
            out.push_str(&text);
            out.push_str(kind.fence());
            out.push_str("\n\n");
        }
        None => {}
    }
    match &layout.heading {
        Some(heading) if old.meta.title == new.meta.title => out.push_str(heading),
        Some(heading) if !new.meta.title.is_empty() => {
            let blank = heading.len() - heading.trim_end_matches('\n').len();
            out.push_str("# ");
            out.push_str(new.meta.title.trim());
            out.push_str(&"\n".repeat(blank.max(1)));
        }
        _ => {}
    }
    out.push_str(&new.body);
    Some(out)
}

/// What changed in the metadata, as front-matter changes.
fn changes(
    layout: &Layout,
    old: &Metadata,
    new: &Metadata,
    dialect: Dialect,
    heading_title: bool,
) -> Vec<Change> {
    let entries: &[(String, Value)] = layout.front.as_ref().map_or(&[], |f| &f.entries);
    let mut changes = Vec::new();
    for field in Field::ALL {
        if field.same_in(old, new) || (field == Field::Title && heading_title) {
            continue;
        }
        let path: Vec<String> = match layout.bindings.get(field) {
            Some(path) => path.to_vec(),
            None => dialect.key(field).split('.').map(String::from).collect(),
        };
        let old_value = lookup(entries, &path);
        let key = path.last().map_or("", String::as_str);
        changes.push(Change {
            value: field_value(field, new, key, old_value, dialect),
            path,
        });
    }
    // Keys Copydesk does not interpret, changed by a command (never by
    // typing in a field).
    for (key, value) in &new.extra {
        if old.extra.iter().find(|(k, _)| k == key).map(|(_, v)| v) != Some(value) {
            changes.push(Change {
                path: vec![key.clone()],
                value: Some(value.clone()),
            });
        }
    }
    for (key, _) in &old.extra {
        if !new.extra.iter().any(|(k, _)| k == key) {
            changes.push(Change {
                path: vec![key.clone()],
                value: None,
            });
        }
    }
    changes
}

fn lookup<'a>(entries: &'a [(String, Value)], path: &[String]) -> Option<&'a Value> {
    let (first, rest) = path.split_first()?;
    let value = entries
        .iter()
        .rev()
        .find(|(k, _)| k == first)
        .map(|(_, v)| v)?;
    match (rest, value) {
        ([], value) => Some(value),
        (rest, Value::Map(children)) => lookup(children, rest),
        _ => None,
    }
}

/// The new text with each line the edit left alone given back its own
/// bytes (its line ending, whatever the file's others are), and new lines
/// the file's usual ending.
pub fn restore_endings(original: &str, normal: &str, ending: LineEnding, bom: bool) -> String {
    let raw = original.strip_prefix('\u{feff}').unwrap_or(original);
    let raw_lines = split_lines_raw(raw);
    let old_normal: Vec<String> = raw_lines
        .iter()
        .map(|l| {
            let content = l.trim_end_matches(['\r', '\n']);
            if content.len() < l.len() {
                format!("{content}\n")
            } else {
                content.to_string()
            }
        })
        .collect();
    let old_refs: Vec<&str> = old_normal.iter().map(String::as_str).collect();
    let new_lines: Vec<&str> = normal.split_inclusive('\n').collect();
    let ops = similar::capture_diff_slices_deadline(
        similar::Algorithm::Myers,
        &old_refs,
        &new_lines,
        Some(std::time::Instant::now() + std::time::Duration::from_secs(2)),
    );
    let mut out = String::with_capacity(normal.len() + normal.len() / 32 + 4);
    if bom {
        out.push('\u{feff}');
    }
    for op in ops {
        match op {
            similar::DiffOp::Equal { old_index, len, .. } => {
                for line in &raw_lines[old_index..old_index + len] {
                    out.push_str(line);
                }
            }
            similar::DiffOp::Insert {
                new_index, new_len, ..
            }
            | similar::DiffOp::Replace {
                new_index, new_len, ..
            } => {
                for line in &new_lines[new_index..new_index + new_len] {
                    match (line.strip_suffix('\n'), ending) {
                        (Some(content), LineEnding::CrLf) => {
                            out.push_str(content);
                            out.push_str("\r\n");
                        }
                        _ => out.push_str(line),
                    }
                }
            }
            similar::DiffOp::Delete { .. } => {}
        }
    }
    out
}

/// Lines with their own endings: `\r\n`, `\n` or a lone `\r`, as
/// [`super::normalise_text`] reads them.
fn split_lines_raw(text: &str) -> Vec<&str> {
    let bytes = text.as_bytes();
    let mut lines = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                lines.push(&text[start..=i]);
                start = i + 1;
            }
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                lines.push(&text[start..i + 2]);
                i += 1;
                start = i + 1;
            }
            b'\r' => {
                lines.push(&text[start..=i]);
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    if start < text.len() {
        lines.push(&text[start..]);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn untouched_lines_keep_their_own_endings() {
        let original = "a\r\nb\nc\r\nd";
        assert_eq!(
            restore_endings(original, "a\nB\nc\nd", LineEnding::CrLf, false),
            "a\r\nB\r\nc\r\nd"
        );
        assert_eq!(
            restore_endings(original, "a\nb\nc\nd\ne\n", LineEnding::Lf, false),
            "a\r\nb\nc\r\nd\ne\n"
        );
        assert_eq!(
            restore_endings("\u{feff}x\ry\r", "x\nz\n", LineEnding::Lf, true),
            "\u{feff}x\rz\n"
        );
    }
}
