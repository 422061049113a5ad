//! TOML front matter (Hugo, Zola) ↔ [`Value`], with the `toml` crate.

use toml::{Table, Value as Toml};

use super::FrontMatterError;
use crate::model::Value;

pub fn parse(front: &str, first_line: usize) -> Result<Vec<(String, Value)>, FrontMatterError> {
    let table: Table = front.parse().map_err(|e: toml::de::Error| {
        let span = e.span().unwrap_or(0..0);
        let (at, column) = line_col(front, span.start);
        let spanned = front.get(span).unwrap_or_default();
        let (line, message) = super::plain_errors::toml(front, e.message(), at, spanned);
        FrontMatterError {
            message,
            line: first_line + line,
            column: if line == at { column + 1 } else { 1 },
        }
    })?;
    Ok(table.into_iter().map(|(k, v)| (k, from_toml(v))).collect())
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count();
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count());
    (line, column)
}

fn from_toml(value: Toml) -> Value {
    match value {
        Toml::String(s) => Value::String(s),
        Toml::Integer(i) => Value::Integer(i),
        Toml::Float(f) => Value::Float(f.to_string()),
        Toml::Boolean(b) => Value::Bool(b),
        Toml::Datetime(d) => Value::Datetime(d.to_string()),
        Toml::Array(items) => Value::List(items.into_iter().map(from_toml).collect()),
        Toml::Table(t) => Value::Map(t.into_iter().map(|(k, v)| (k, from_toml(v))).collect()),
    }
}

/// TOML has no null: a null inside a list or table is dropped.
fn to_toml(value: &Value) -> Option<Toml> {
    Some(match value {
        Value::Null => return None,
        Value::Bool(b) => Toml::Boolean(*b),
        Value::Integer(i) => Toml::Integer(*i),
        Value::Float(s) => s
            .parse()
            .map(Toml::Float)
            .unwrap_or_else(|_| Toml::String(s.clone())),
        Value::String(s) => Toml::String(s.clone()),
        Value::Datetime(s) => s
            .parse()
            .map(Toml::Datetime)
            .unwrap_or_else(|_| Toml::String(s.clone())),
        Value::List(items) => Toml::Array(items.iter().filter_map(to_toml).collect()),
        Value::Map(entries) => Toml::Table(to_table(entries)),
    })
}

fn to_table(entries: &[(String, Value)]) -> Table {
    entries
        .iter()
        .filter_map(|(k, v)| to_toml(v).map(|v| (k.clone(), v)))
        .collect()
}

pub fn write(entries: &[(String, Value)]) -> String {
    // Serialising a table of plain values cannot fail.
    toml::to_string(&to_table(entries)).expect("serialising a TOML table")
}

/// Applies changes to a TOML block in place with `toml_edit`: keys,
/// comments, tables and the formatting of what is not changed keep their
/// bytes; a changed value keeps its key, its place and the spacing around it.
pub fn apply(front: &str, changes: &[super::yaml_edit::Change]) -> Option<String> {
    let mut doc: toml_edit::DocumentMut = front.parse().ok()?;
    for change in changes {
        let value = change.value.as_ref();
        match change.path.as_slice() {
            [key] => set(doc.as_table_mut(), key, value),
            [parent, child] => {
                let root = doc.as_table_mut();
                if !root.contains_key(parent) {
                    if value.is_none() {
                        continue;
                    }
                    root.insert(parent, toml_edit::table());
                }
                match root.get_mut(parent)? {
                    toml_edit::Item::Table(table) => set(table, child, value),
                    toml_edit::Item::Value(toml_edit::Value::InlineTable(inline)) => {
                        set_inline(inline, child, value)
                    }
                    _ => return None,
                }
            }
            _ => return None,
        }
    }
    Some(doc.to_string())
}

fn set(table: &mut toml_edit::Table, key: &str, value: Option<&Value>) {
    let Some(value) = value else {
        table.remove(key);
        return;
    };
    match (table.get_mut(key), value) {
        (Some(toml_edit::Item::Table(sub)), Value::Map(entries)) => {
            let keys: Vec<String> = sub.iter().map(|(k, _)| k.to_string()).collect();
            for k in keys {
                if !entries.iter().any(|(e, _)| *e == k) {
                    sub.remove(&k);
                }
            }
            for (k, v) in entries {
                set(sub, k, Some(v));
            }
        }
        (Some(toml_edit::Item::Value(old)), value) => {
            if let Some(new) = edit_value(value, Some(old)) {
                *old = new;
            }
        }
        (_, value) => {
            if let Some(new) = edit_value(value, None) {
                table.insert(key, toml_edit::Item::Value(new));
            }
        }
    }
}

fn set_inline(table: &mut toml_edit::InlineTable, key: &str, value: Option<&Value>) {
    match value.and_then(|v| edit_value(v, table.get(key))) {
        Some(new) => {
            table.insert(key, new);
        }
        None => {
            table.remove(key);
        }
    }
}

/// A value for `toml_edit`, formatted like the one it replaces: the same
/// spacing around it, an array's items keeping theirs.
fn edit_value(value: &Value, old: Option<&toml_edit::Value>) -> Option<toml_edit::Value> {
    let mut new = match (value, old) {
        (Value::List(items), Some(toml_edit::Value::Array(old_items))) => {
            let mut array = old_items.clone();
            // New items are spaced like the items after the first (the
            // first has no space after `[`), or by one space.
            let last_decor = old_items
                .iter()
                .skip(1)
                .last()
                .map(|v| v.decor().clone())
                .or_else(|| {
                    let mut decor = toml_edit::Decor::default();
                    decor.set_prefix(" ");
                    Some(decor)
                });
            let kept: Vec<toml_edit::Value> = old_items.iter().cloned().collect();
            array.clear();
            for item in items {
                let same = kept
                    .iter()
                    .find(|k| to_value(k).as_ref() == Some(item))
                    .cloned();
                let v = match same {
                    Some(v) => v,
                    None => {
                        let mut v = edit_value(item, kept.last())?;
                        // A new item is spaced like the last one.
                        if let Some(decor) = &last_decor {
                            *v.decor_mut() = decor.clone();
                        }
                        v
                    }
                };
                array.push_formatted(v);
            }
            toml_edit::Value::Array(array)
        }
        (Value::Null, _) => return None,
        (Value::Bool(b), _) => toml_edit::Value::from(*b),
        (Value::Integer(i), _) => toml_edit::Value::from(*i),
        (Value::Float(f), _) => match f.parse::<f64>() {
            Ok(f) => toml_edit::Value::from(f),
            Err(_) => toml_edit::Value::from(f.as_str()),
        },
        (Value::String(s), Some(toml_edit::Value::Datetime(_))) | (Value::Datetime(s), _) => {
            match s.parse::<toml_edit::Datetime>() {
                Ok(d) => toml_edit::Value::from(d),
                Err(_) => toml_edit::Value::from(s.as_str()),
            }
        }
        // A literal string ('…') stays literal when the text allows it.
        (Value::String(s), Some(toml_edit::Value::String(old)))
            if old.display_repr().starts_with('\'')
                && !s.contains('\'')
                && !s.chars().any(char::is_control) =>
        {
            format!("'{s}'")
                .parse()
                .unwrap_or_else(|_| toml_edit::Value::from(s.as_str()))
        }
        (Value::String(s), _) => toml_edit::Value::from(s.as_str()),
        (Value::List(items), _) => {
            let mut array = toml_edit::Array::new();
            for item in items {
                if let Some(v) = edit_value(item, None) {
                    array.push(v);
                }
            }
            toml_edit::Value::Array(array)
        }
        (Value::Map(entries), old) => {
            let mut table = match old {
                Some(toml_edit::Value::InlineTable(t)) => t.clone(),
                _ => toml_edit::InlineTable::new(),
            };
            let keys: Vec<String> = table.iter().map(|(k, _)| k.to_string()).collect();
            for k in keys {
                if !entries.iter().any(|(e, _)| *e == k) {
                    table.remove(&k);
                }
            }
            for (k, v) in entries {
                set_inline(&mut table, k, Some(v));
            }
            toml_edit::Value::InlineTable(table)
        }
    };
    if let Some(old) = old {
        *new.decor_mut() = old.decor().clone();
    }
    Some(new)
}

/// A `toml_edit` value as Copydesk's, to tell which items stay.
fn to_value(value: &toml_edit::Value) -> Option<Value> {
    Some(match value {
        toml_edit::Value::String(s) => Value::String(s.value().clone()),
        toml_edit::Value::Integer(i) => Value::Integer(*i.value()),
        toml_edit::Value::Boolean(b) => Value::Bool(*b.value()),
        toml_edit::Value::Datetime(d) => Value::Datetime(d.value().to_string()),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_hugo_front_matter() {
        let v = parse("title = \"A\"\ndate = 2022-03-01\ntags = [\"x\"]\n", 2).unwrap();
        assert_eq!(v[0], ("title".into(), Value::String("A".into())));
        assert_eq!(v[1], ("date".into(), Value::Datetime("2022-03-01".into())));
    }

    #[test]
    fn errors_say_where() {
        let err = parse("title = \"A\"\ntags = [\n", 2).unwrap_err();
        assert!(err.line >= 3, "{err:?}");
    }

    #[test]
    fn written_toml_reads_back() {
        let entries = vec![
            (
                "title".to_string(),
                Value::String("A \"quoted\" title".into()),
            ),
            ("date".to_string(), Value::Datetime("2022-03-01".into())),
            (
                "authors".to_string(),
                Value::List(vec![Value::Map(vec![(
                    "name".into(),
                    Value::String("Jane".into()),
                )])]),
            ),
        ];
        assert_eq!(parse(&write(&entries), 2).unwrap(), entries);
    }
}
