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
        Some(Yaml::Hash(hash)) => Ok(hash
            .into_iter()
            .map(|(k, v)| (key_text(&k), from_yaml(v)))
            .collect()),
        Some(_) => Err(FrontMatterError {
            message: "the front matter must be a list of `key: value` lines".into(),
            line: first_line,
            column: 1,
        }),
    }
}

fn key_text(key: &Yaml) -> String {
    match from_yaml(key.clone()).as_text() {
        Some(text) => text,
        None => String::from("~"),
    }
}

fn from_yaml(yaml: Yaml) -> Value {
    match yaml {
        Yaml::Real(s) => Value::Float(s),
        Yaml::Integer(i) => Value::Integer(i),
        Yaml::String(s) => Value::String(s),
        Yaml::Boolean(b) => Value::Bool(b),
        Yaml::Array(items) => Value::List(items.into_iter().map(from_yaml).collect()),
        Yaml::Hash(hash) => Value::Map(
            hash.into_iter()
                .map(|(k, v)| (key_text(&k), from_yaml(v)))
                .collect(),
        ),
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

/// Writes top-level keys as a YAML block (without the fences), multi-line
/// strings as literal blocks so bios stay readable by hand.
pub fn write(entries: &[(String, Value)]) -> String {
    if entries.is_empty() {
        return String::new();
    }
    let mut out = String::new();
    let mut emitter = YamlEmitter::new(&mut out);
    // Literal blocks keep bios readable, but the emitter also picks them for
    // strings they cannot hold exactly; fall back to quoted strings then.
    emitter.multiline_strings(entries.iter().all(|(_, v)| literal_safe(v)));
    // Writing to a String cannot fail; an error here would be a bug in the emitter.
    emitter
        .dump(&Yaml::Hash(to_hash(entries)))
        .expect("emitting YAML into a String");
    let body = out.strip_prefix("---\n").unwrap_or(&out);
    format!("{body}\n")
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
