//! YAML front matter ↔ [`Value`], with `yaml-rust2` (a maintained, pure-Rust
//! YAML 1.2 parser and emitter that keeps mapping order).

use yaml_rust2::{Yaml, YamlEmitter, YamlLoader, yaml::Hash};

use super::FrontMatterError;
use crate::model::Value;

/// Parses a front-matter block into its top-level keys, in order.
pub fn parse(front: &str, first_line: usize) -> Result<Vec<(String, Value)>, FrontMatterError> {
    let docs = YamlLoader::load_from_str(front).map_err(|e| FrontMatterError {
        message: e.info().to_string(),
        line: first_line + e.marker().line().saturating_sub(1),
        column: e.marker().col() + 1,
    })?;
    match docs.into_iter().next() {
        None | Some(Yaml::Null) => Ok(Vec::new()),
        Some(Yaml::Hash(hash)) => Ok(entries_of(hash)),
        Some(_) => Err(FrontMatterError {
            message: "the front matter must be a list of `key: value` lines".into(),
            line: first_line,
            column: 1,
        }),
    }
}

/// A mapping's entries with keys as text. Keys that are not plain values
/// (a list, a map, null) are written out as YAML, and a key that comes out
/// like an earlier one gets a number, so no value is lost to a collision.
fn entries_of(hash: Hash) -> Vec<(String, Value)> {
    let mut entries: Vec<(String, Value)> = Vec::with_capacity(hash.len());
    for (k, v) in hash {
        let mut key = key_text(&k);
        let mut n = 2;
        while entries.iter().any(|(e, _)| *e == key) {
            key = format!("{} ({n})", key_text(&k));
            n += 1;
        }
        entries.push((key, from_yaml(v)));
    }
    entries
}

fn key_text(key: &Yaml) -> String {
    match key {
        Yaml::Null | Yaml::BadValue | Yaml::Alias(_) => String::from("null"),
        Yaml::Array(_) | Yaml::Hash(_) => {
            let mut out = String::new();
            let mut emitter = YamlEmitter::new(&mut out);
            emitter.compact(true);
            match emitter.dump(key) {
                Ok(()) => out.trim_start_matches("---").trim().replace('\n', " "),
                Err(_) => String::from("key"),
            }
        }
        scalar => from_yaml(scalar.clone()).as_text().unwrap_or_default(),
    }
}

fn from_yaml(yaml: Yaml) -> Value {
    match yaml {
        Yaml::Real(s) => Value::Float(s),
        Yaml::Integer(i) => Value::Integer(i),
        Yaml::String(s) => Value::String(s),
        Yaml::Boolean(b) => Value::Bool(b),
        Yaml::Array(items) => Value::List(items.into_iter().map(from_yaml).collect()),
        Yaml::Hash(hash) => Value::Map(entries_of(hash)),
        Yaml::Alias(_) | Yaml::Null | Yaml::BadValue => Value::Null,
    }
}

fn to_yaml(value: &Value) -> Yaml {
    match value {
        Value::Null => Yaml::Null,
        Value::Bool(b) => Yaml::Boolean(*b),
        Value::Integer(i) => Yaml::Integer(*i),
        Value::Float(s) => Yaml::Real(s.clone()),
        Value::String(s) | Value::Datetime(s) => Yaml::String(s.clone()),
        Value::List(items) => Yaml::Array(items.iter().map(to_yaml).collect()),
        Value::Map(entries) => Yaml::Hash(to_hash(entries)),
    }
}

fn to_hash(entries: &[(String, Value)]) -> Hash {
    entries
        .iter()
        .map(|(k, v)| (Yaml::String(k.clone()), to_yaml(v)))
        .collect()
}

/// Writes top-level keys as a YAML block (without the fences): block style,
/// multi-line strings as literal blocks so bios stay readable by hand.
///
/// The layout is written here and each scalar by `yaml-rust2`'s emitter
/// (which knows YAML's quoting rules): its block emitter writes every key as
/// an implicit key, which YAML limits to 1024 characters, so a longer key
/// would make a file Copydesk cannot read back. Those get the explicit
/// `? key` form.
pub fn write(entries: &[(String, Value)]) -> String {
    let mut out = String::new();
    write_map(&mut out, entries, 0);
    out
}

/// YAML's limit on implicit keys, with room for quoting.
const MAX_IMPLICIT_KEY: usize = 1000;

fn indent(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n(' ', n));
}

/// One scalar as the emitter writes it (plain or quoted, on one line).
fn scalar(value: &Yaml) -> String {
    let mut out = String::new();
    YamlEmitter::new(&mut out)
        .dump(value)
        .expect("emitting YAML into a String");
    out.strip_prefix("---")
        .unwrap_or(&out)
        .trim_start_matches([' ', '\n'])
        .to_string()
}

fn write_map(out: &mut String, entries: &[(String, Value)], at: usize) {
    for (key, value) in entries {
        let key = scalar(&Yaml::String(key.clone()));
        indent(out, at);
        if key.chars().count() > MAX_IMPLICIT_KEY {
            out.push_str("? ");
            out.push_str(&key);
            out.push('\n');
            indent(out, at);
            out.push(':');
        } else {
            out.push_str(&key);
            out.push(':');
        }
        write_value(out, value, at);
    }
}

/// A value after `key:` or `- ` (the cursor is on that line).
fn write_value(out: &mut String, value: &Value, at: usize) {
    match value {
        Value::List(items) if items.is_empty() => out.push_str(" []\n"),
        Value::Map(entries) if entries.is_empty() => out.push_str(" {}\n"),
        Value::List(items) => {
            out.push('\n');
            write_list(out, items, at + 2);
        }
        Value::Map(entries) => {
            out.push('\n');
            write_map(out, entries, at + 2);
        }
        Value::String(s) | Value::Datetime(s) if s.contains('\n') && literal_safe(value) => {
            out.push_str(if s.ends_with('\n') { " |\n" } else { " |-\n" });
            for line in s.trim_end_matches('\n').split('\n') {
                if !line.is_empty() {
                    indent(out, at + 2);
                    out.push_str(line);
                }
                out.push('\n');
            }
        }
        scalar_value => {
            out.push(' ');
            out.push_str(&scalar(&to_yaml(scalar_value)));
            out.push('\n');
        }
    }
}

fn write_list(out: &mut String, items: &[Value], at: usize) {
    for item in items {
        indent(out, at);
        out.push('-');
        match item {
            // A map in a list: its first key on the dash's line.
            Value::Map(entries) if !entries.is_empty() => {
                let mut inner = String::new();
                write_map(&mut inner, entries, at + 2);
                out.push(' ');
                out.push_str(&inner[at + 2..]);
            }
            Value::List(inner) if !inner.is_empty() => {
                out.push('\n');
                write_list(out, inner, at + 2);
            }
            other => write_value(out, other, at),
        }
    }
}

/// Whether every multi-line string in `value` reads back the same from a
/// literal block: no whitespace-only or space-led lines, no tabs or carriage
/// returns, at most one trailing newline.
fn literal_safe(value: &Value) -> bool {
    match value {
        Value::String(s) | Value::Datetime(s) if s.contains('\n') => {
            !s.contains(['\r', '\t'])
                && !s.ends_with("\n\n")
                && !s.starts_with('\n')
                && s.trim_end_matches('\n')
                    .split('\n')
                    .all(|line| line.is_empty() || (!line.starts_with(' ') && !line.ends_with(' ')))
        }
        Value::List(items) => items.iter().all(literal_safe),
        Value::Map(entries) => entries.iter().all(|(_, v)| literal_safe(v)),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_key_order_and_types() {
        let v = parse("b: 1\na: [x, y]\nc: 1.50\nd: true\n", 2).unwrap();
        assert_eq!(v[0], ("b".into(), Value::Integer(1)));
        assert_eq!(
            v[1],
            (
                "a".into(),
                Value::List(vec![Value::String("x".into()), Value::String("y".into())])
            )
        );
        assert_eq!(v[2], ("c".into(), Value::Float("1.50".into())));
        assert_eq!(v[3], ("d".into(), Value::Bool(true)));
    }

    #[test]
    fn odd_keys_keep_their_values() {
        // A list as a key, a null key and a key written "~": three values.
        let v = parse("? - a\n  - b\n: one\n~: two\n\"~\": three\n", 2).unwrap();
        let values: Vec<_> = v.iter().map(|(_, v)| v.clone()).collect();
        assert_eq!(
            values,
            [
                Value::String("one".into()),
                Value::String("two".into()),
                Value::String("three".into())
            ]
        );
        let keys: Vec<_> = v.iter().map(|(k, _)| k.clone()).collect();
        assert_eq!(
            parse(&write(&v), 2)
                .unwrap()
                .iter()
                .map(|(k, _)| k.clone())
                .collect::<Vec<_>>(),
            keys
        );
    }

    #[test]
    fn a_key_too_long_for_an_implicit_key_is_written_explicitly() {
        let long = "k".repeat(1500);
        let entries = vec![
            (long.clone(), Value::String("v".into())),
            ("short".into(), Value::Integer(1)),
        ];
        let text = write(&entries);
        assert!(text.starts_with("? "), "{text}");
        assert_eq!(parse(&text, 2).unwrap(), entries);
    }

    #[test]
    fn nested_lists_and_maps_read_back() {
        let entries = vec![
            (
                "authors".to_string(),
                Value::List(vec![Value::Map(vec![
                    ("name".into(), Value::String("Jane".into())),
                    ("bio".into(), Value::String("Line one\nLine two\n".into())),
                ])]),
            ),
            (
                "grid".to_string(),
                Value::List(vec![
                    Value::List(vec![Value::Integer(1), Value::Integer(2)]),
                    Value::List(vec![]),
                ]),
            ),
            ("empty".to_string(), Value::Map(vec![])),
            ("nothing".to_string(), Value::Null),
        ];
        let text = write(&entries);
        assert!(
            text.contains("authors:\n  - name: Jane\n    bio: |\n      Line one\n      Line two\n"),
            "{text}"
        );
        assert_eq!(parse(&text, 2).unwrap(), entries);
    }

    #[test]
    fn errors_say_where() {
        let err = parse("title: ok\ntags: [a, b\n", 2).unwrap_err();
        assert!(err.line >= 3, "{err:?}");
    }

    #[test]
    fn awkward_multiline_strings_are_quoted_not_mangled() {
        for text in ["\n ", " a\nb", "a\n\n\n", "a\n \nb", "\tx\ny"] {
            let entries = vec![("k".to_string(), Value::String(text.into()))];
            assert_eq!(parse(&write(&entries), 2).unwrap(), entries, "{text:?}");
        }
    }

    #[test]
    fn written_yaml_reads_back() {
        let entries = vec![
            (
                "title".to_string(),
                Value::String("Leica: a 'story' \"x\" #1".into()),
            ),
            (
                "bio".to_string(),
                Value::String("Line one\nLine two".into()),
            ),
            ("n".to_string(), Value::String("42".into())),
            ("empty".to_string(), Value::String(String::new())),
        ];
        let text = write(&entries);
        assert!(text.contains("bio: |-"), "{text}");
        assert_eq!(parse(&text, 2).unwrap(), entries);
    }
}
