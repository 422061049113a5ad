//! YAML front matter ↔ [`Value`], with `yaml-rust2` (a maintained, pure-Rust
//! YAML 1.2 parser and emitter).
//!
//! Reading goes through the parser's marked events rather than its loader:
//! that gives where each key stands (for editing a file in place), reads a
//! repeated key as Jekyll and PyYAML do (the last value wins) instead of
//! refusing the file, and applies `<<` merge keys.

use std::collections::HashMap;

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser, Tag};
use yaml_rust2::scanner::{Marker, TScalarStyle};
use yaml_rust2::yaml::Hash;
use yaml_rust2::{Yaml, YamlEmitter};

use super::{FrontMatterError, FrontMatterWarning};
use crate::model::Value;

/// A front-matter block as read.
#[derive(Debug, Default)]
pub struct Parsed {
    /// The top-level keys in order, each once.
    pub entries: Vec<(String, Value)>,
    /// Where the keys of the top-level mapping, and of the mappings that
    /// are its values, stand: every occurrence, repeated keys too.
    pub keys: Vec<KeyAt>,
    pub warnings: Vec<FrontMatterWarning>,
}

/// A mapping key's place in the front-matter block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyAt {
    /// `[top]` or `[top, child]`.
    pub path: Vec<String>,
    /// 0-based line within the block.
    pub line: usize,
    /// 0-based column, in characters.
    pub col: usize,
}

/// Parses a front-matter block into its top-level keys, in order.
#[cfg(test)]
pub fn parse(front: &str, first_line: usize) -> Result<Vec<(String, Value)>, FrontMatterError> {
    parse_marked(front, first_line).map(|p| p.entries)
}

/// Parses a front-matter block, keeping where each key stands.
pub fn parse_marked(front: &str, first_line: usize) -> Result<Parsed, FrontMatterError> {
    let strict = parse_strictly(front, first_line);
    if strict.is_err()
        && let Some(indented) = flow_lines_indented(front)
        && let Ok(parsed) = parse_strictly(&indented, first_line)
    {
        return Ok(parsed);
    }
    strict
}

/// The block with every line that starts inside a `[ … ]` or `{ … }` at
/// column 0 moved one space in, or `None` if there is no such line.
///
/// `aliases: [\n  '/a/',\n]` — a list closed at the margin — is read by
/// libyaml, and so by Jekyll and Hugo, and posts have it (Hugo's own
/// documentation does); `yaml-rust2` holds to the YAML 1.2 rule that flow
/// content is indented. The lines keep their numbers, so the keys' places
/// stay right for editing in place.
fn flow_lines_indented(front: &str) -> Option<String> {
    let mut depth = 0usize;
    let mut changed = false;
    let mut out = String::with_capacity(front.len() + 8);
    for line in front.split_inclusive('\n') {
        if depth > 0 && !line.starts_with([' ', '\t', '\n', '\r']) {
            out.push(' ');
            changed = true;
        }
        out.push_str(line);
        // Quotes open only where a value starts (not the `'` of "it's").
        let mut quote = None;
        let mut value_starts = true;
        for c in line.chars() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '\'' | '"') if value_starts => quote = Some(c),
                (None, '#') if value_starts => break,
                (None, '[' | '{') => depth += 1,
                (None, ']' | '}') => depth = depth.saturating_sub(1),
                _ => {}
            }
            value_starts = c.is_whitespace() || matches!(c, '[' | '{' | ',' | ':');
        }
    }
    changed.then_some(out)
}

fn parse_strictly(front: &str, first_line: usize) -> Result<Parsed, FrontMatterError> {
    let mut builder = Builder {
        first_line,
        ..Default::default()
    };
    let mut parser = Parser::new_from_str(front);
    parser.load(&mut builder, false).map_err(|e| {
        // The parser counts lines from 1 within the block.
        let at = e.marker().line().saturating_sub(1);
        let (line, message) = super::plain_errors::yaml(front, e.info(), at, e.marker().col());
        FrontMatterError {
            message,
            line: first_line + line,
            column: if line == at { e.marker().col() + 1 } else { 1 },
        }
    })?;
    let entries = match builder.root {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::String(s)) if s.is_empty() => Vec::new(),
        Some(Value::Map(entries)) => entries,
        Some(_) => {
            return Err(FrontMatterError {
                message: "the front matter must be a list of `key: value` lines".into(),
                line: first_line,
                column: 1,
            });
        }
    };
    Ok(Parsed {
        entries,
        keys: builder.keys,
        warnings: builder.warnings,
    })
}

#[derive(Default)]
struct Builder {
    first_line: usize,
    stack: Vec<Frame>,
    anchors: HashMap<usize, Value>,
    root: Option<Value>,
    /// Only the first document is the front matter.
    done: bool,
    keys: Vec<KeyAt>,
    warnings: Vec<FrontMatterWarning>,
}

enum Frame {
    Seq {
        items: Vec<Value>,
        anchor: usize,
    },
    Map {
        entries: Vec<(String, Value)>,
        /// The key read, waiting for its value, and where it stood.
        key: Option<(String, Marker)>,
        /// Lines where each key was set, to name them when one is repeated.
        lines: Vec<usize>,
        /// Values of `<<` keys, merged under the explicit keys at the end.
        merges: Vec<Value>,
        anchor: usize,
        /// The key path of this mapping when it is the top-level one (`[]`)
        /// or a top-level key's value.
        path: Option<Vec<String>>,
    },
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, event: Event, mark: Marker) {
        if self.done {
            return;
        }
        match event {
            Event::DocumentEnd => self.done = self.root.is_some() || self.stack.is_empty(),
            Event::SequenceStart(anchor, _) => self.stack.push(Frame::Seq {
                items: Vec::new(),
                anchor,
            }),
            Event::MappingStart(anchor, _) => {
                let path = match self.stack.last() {
                    None => Some(Vec::new()),
                    Some(Frame::Map {
                        path: Some(parent),
                        key: Some((key, _)),
                        ..
                    }) if parent.is_empty() => Some(vec![key.clone()]),
                    _ => None,
                };
                self.stack.push(Frame::Map {
                    entries: Vec::new(),
                    key: None,
                    lines: Vec::new(),
                    merges: Vec::new(),
                    anchor,
                    path,
                });
            }
            Event::SequenceEnd => {
                if let Some(Frame::Seq { items, anchor }) = self.stack.pop() {
                    self.insert(Value::List(items), anchor, mark, false);
                }
            }
            Event::MappingEnd => {
                if let Some(Frame::Map {
                    mut entries,
                    merges,
                    anchor,
                    ..
                }) = self.stack.pop()
                {
                    for merged in merges {
                        let maps = match merged {
                            Value::List(items) => items,
                            map => vec![map],
                        };
                        for map in maps {
                            if let Value::Map(more) = map {
                                for (k, v) in more {
                                    if !entries.iter().any(|(e, _)| *e == k) {
                                        entries.push((k, v));
                                    }
                                }
                            }
                        }
                    }
                    self.insert(Value::Map(entries), anchor, mark, false);
                }
            }
            Event::Scalar(text, style, anchor, tag) => {
                let value = scalar_value(text, style, tag.as_ref());
                self.insert(value, anchor, mark, style == TScalarStyle::Plain);
            }
            Event::Alias(id) => {
                let value = self.anchors.get(&id).cloned().unwrap_or(Value::Null);
                self.insert(value, 0, mark, false);
            }
            Event::Nothing | Event::StreamStart | Event::StreamEnd | Event::DocumentStart => {}
        }
    }
}

impl Builder {
    fn insert(&mut self, value: Value, anchor: usize, mark: Marker, plain: bool) {
        if anchor > 0 {
            self.anchors.insert(anchor, value.clone());
        }
        let first_line = self.first_line;
        match self.stack.last_mut() {
            None => {
                self.root = Some(value);
                self.done = true;
            }
            Some(Frame::Seq { items, .. }) => items.push(value),
            Some(Frame::Map {
                entries,
                key,
                lines,
                merges,
                path,
                ..
            }) => match key.take() {
                None => {
                    let text = key_text(&value);
                    if let Some(path) = path.as_ref().filter(|p| p.len() < 2) {
                        let mut key_path = path.clone();
                        key_path.push(text.clone());
                        self.keys.push(KeyAt {
                            path: key_path,
                            line: mark.line().saturating_sub(1),
                            col: mark.col(),
                        });
                    }
                    *key = Some((text, mark));
                    // `<<` written plain is a merge key.
                    if plain && matches!(&value, Value::String(s) if s == "<<") {
                        *key = Some((MERGE.to_string(), mark));
                    }
                }
                Some((k, _)) if k == MERGE => {
                    merges.push(value);
                }
                Some((k, key_mark)) => {
                    let line = key_mark.line();
                    match entries.iter().position(|(e, _)| *e == k) {
                        Some(i) => {
                            self.warnings.push(FrontMatterWarning {
                                line: first_line + line.saturating_sub(1),
                                message: format!(
                                    "`{k}` is set twice (first on line {}); the last value is used",
                                    first_line + lines[i].saturating_sub(1)
                                ),
                            });
                            entries[i].1 = value;
                            lines[i] = line;
                        }
                        None => {
                            entries.push((k, value));
                            lines.push(line);
                        }
                    }
                }
            },
        }
    }
}

/// Stands for a `<<` merge key while its value is read (not a text any key
/// can have: it holds a NUL).
const MERGE: &str = "\0<<";

/// A scalar's value by YAML 1.2's core schema: a quoted scalar is text; a
/// plain one may be a number, a bool or null.
fn scalar_value(text: String, style: TScalarStyle, tag: Option<&Tag>) -> Value {
    if style != TScalarStyle::Plain {
        return Value::String(text);
    }
    if let Some(tag) = tag
        && tag.handle == "tag:yaml.org,2002:"
        && tag.suffix == "str"
    {
        return Value::String(text);
    }
    from_yaml(Yaml::from_str(&text))
}

/// A key as text. Keys that are not plain values (a list, a map, null) are
/// written out as YAML, so no value is lost to a collision.
fn key_text(key: &Value) -> String {
    match key {
        Value::Null => String::from("null"),
        Value::List(_) | Value::Map(_) => {
            let mut out = String::new();
            let mut emitter = YamlEmitter::new(&mut out);
            emitter.compact(true);
            match emitter.dump(&to_yaml(key)) {
                Ok(()) => out.trim_start_matches("---").trim().replace('\n', " "),
                Err(_) => String::from("key"),
            }
        }
        scalar => scalar.as_text().unwrap_or_default(),
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
                .map(|(k, v)| (key_text(&from_yaml(k)), from_yaml(v)))
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

pub(super) fn write_map(out: &mut String, entries: &[(String, Value)], at: usize) {
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
pub(super) fn write_value(out: &mut String, value: &Value, at: usize) {
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

pub(super) fn write_list(out: &mut String, items: &[Value], at: usize) {
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
    fn a_flow_list_closed_at_the_margin_reads_as_libyaml_reads_it() {
        // From Hugo's documentation: Hugo and Jekyll read it.
        let front = "title: Template types\naliases: [\n  '/templates/base/',\n  \"/it's/\", # a note [\n]\nmap: {a: 1,\nb: [2]}\nweight: 30\n";
        let parsed = parse_marked(front, 2).unwrap();
        let keys: Vec<_> = parsed.entries.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["title", "aliases", "map", "weight"]);
        assert_eq!(
            parsed.entries[1].1,
            Value::List(vec![
                Value::String("/templates/base/".into()),
                Value::String("/it's/".into())
            ])
        );
        let weight = parsed.keys.iter().find(|k| k.path == ["weight"]).unwrap();
        assert_eq!((weight.line, weight.col), (7, 0));
        // A block that is wrong in other ways is still refused.
        assert!(parse_marked("aliases: [\n'/a/'\nweight: 30\n", 2).is_err());
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
