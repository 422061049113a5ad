//! Editing YAML front matter in place: a changed key's lines are replaced,
//! every other byte stays as it was.
//!
//! Written by hand over the spans `yaml-rust2`'s parser reports: the YAML
//! crates that keep formatting while editing (`yaml-edit`) are young and
//! pull a second parser into the build. A key's lines are found from where
//! the parser saw it and where its next sibling starts; its new value is
//! written in the shape the old one had (plain, quoted, flow or block
//! list, block map), with `yaml-rust2`'s emitter for the quoting.

use yaml_rust2::YamlLoader;

use super::yaml::{KeyAt, write_list, write_map, write_value};
use crate::model::Value;

/// One change to the front matter: the key path and its new value (`None`
/// removes the key).
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub path: Vec<String>,
    pub value: Option<Value>,
}

/// How a value was written, so its replacement is written the same way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    /// `|` or `>`.
    BlockScalar,
    FlowList,
    FlowMap,
    /// `- item` lines, the dash at this column.
    BlockList(usize),
    /// `key: value` lines at this column.
    BlockMap(usize),
    /// Nothing after the colon and nothing under it.
    Empty,
}

/// A key's place: its lines `[start, end)` in the block.
#[derive(Clone, Debug)]
struct Region<'a> {
    key: &'a KeyAt,
    start: usize,
    end: usize,
}

/// Applies `changes` to the block `front` (LF line endings), whose keys
/// stand where `keys` says.
pub fn apply(front: &str, keys: &[KeyAt], changes: &[Change]) -> String {
    let lines: Vec<&str> = front.split_inclusive('\n').collect();
    let regions = regions(&lines, keys);
    let list_style = file_list_style(&lines, &regions);
    // Edits as (first line, end line, new text), applied bottom-up.
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    for change in changes {
        let found: Vec<&Region> = regions
            .iter()
            .filter(|r| r.key.path == change.path)
            .collect();
        match (found.split_last(), &change.value) {
            (Some((last, earlier)), value) => {
                // A repeated key: the earlier ones go once the field changes.
                for r in earlier {
                    edits.push((r.start, r.end, String::new()));
                }
                let text = match value {
                    Some(value) => rewrite(&lines, last, value),
                    None => String::new(),
                };
                edits.push((last.start, last.end, text));
            }
            (None, None) => {}
            (None, Some(value)) => {
                edits.push(insertion(&lines, &regions, &change.path, value, list_style));
            }
        }
    }
    edits.sort_by_key(|(start, end, _)| (*start, *end));
    let mut out = String::with_capacity(front.len() + 256);
    let mut at = 0;
    for (start, end, text) in &edits {
        let start = (*start).max(at);
        out.extend(lines[at..start].iter().copied());
        out.push_str(text);
        at = (*end).max(start);
    }
    out.extend(lines[at.min(lines.len())..].iter().copied());
    out
}

/// Every recorded key's lines: from its own line to its next sibling's (or
/// its parent's end), less the blank and comment lines before that sibling.
fn regions<'a>(lines: &[&str], keys: &'a [KeyAt]) -> Vec<Region<'a>> {
    let top_end = |line: usize| {
        keys.iter()
            .filter(|k| k.path.len() == 1 && k.line > line)
            .map(|k| k.line)
            .min()
            .unwrap_or(lines.len())
    };
    keys.iter()
        .map(|key| {
            let parent_end = if key.path.len() == 1 {
                lines.len()
            } else {
                top_end(key.line)
            };
            let next = keys
                .iter()
                .filter(|k| k.path.len() == key.path.len() && k.line > key.line)
                .filter(|k| k.path[..k.path.len() - 1] == key.path[..key.path.len() - 1])
                .map(|k| k.line)
                .min()
                .unwrap_or(parent_end)
                .min(parent_end);
            let mut end = next.max(key.line + 1);
            while end > key.line + 1 {
                let line = lines[end - 1];
                let trimmed = line.trim_start();
                let indent = line.len() - trimmed.len();
                let blank = trimmed.trim().is_empty();
                if blank || (trimmed.starts_with('#') && indent <= key.col) {
                    end -= 1;
                } else {
                    break;
                }
            }
            Region {
                key,
                start: key.line,
                end,
            }
        })
        .collect()
}

/// `key:` as written on the key's line (the text up to its colon), and
/// what follows the colon on that line.
fn split_key_line(line: &str, col: usize) -> Option<(&str, &str)> {
    let start = line.char_indices().nth(col).map_or(line.len(), |(i, _)| i);
    let bytes = line.as_bytes();
    let mut i = start;
    if let Some(&q) = bytes.get(i).filter(|b| **b == b'"' || **b == b'\'') {
        i += 1;
        while i < bytes.len() {
            if bytes[i] == b'\\' && q == b'"' {
                i += 2;
                continue;
            }
            if bytes[i] == q {
                if q == b'\'' && bytes.get(i + 1) == Some(&b'\'') {
                    i += 2;
                    continue;
                }
                break;
            }
            i += 1;
        }
    }
    while i < bytes.len() {
        if bytes[i] == b':'
            && bytes
                .get(i + 1)
                .is_none_or(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
        {
            return Some((&line[..=i], &line[i + 1..]));
        }
        i += 1;
    }
    None
}

fn shape_of(lines: &[&str], region: &Region) -> Shape {
    let Some((_, rest)) = split_key_line(lines[region.start], region.key.col) else {
        return Shape::Plain;
    };
    let value = strip_properties(rest.trim());
    match value.chars().next() {
        None | Some('#') => {
            let under = lines[region.start + 1..region.end]
                .iter()
                .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'));
            match under {
                None => Shape::Empty,
                Some(line) => {
                    let trimmed = line.trim_start();
                    let indent = line.len() - trimmed.len();
                    if trimmed.starts_with("- ") || trimmed.trim_end() == "-" {
                        Shape::BlockList(indent)
                    } else {
                        Shape::BlockMap(indent)
                    }
                }
            }
        }
        Some('"') => Shape::DoubleQuoted,
        Some('\'') => Shape::SingleQuoted,
        Some('[') => Shape::FlowList,
        Some('{') => Shape::FlowMap,
        Some('|' | '>') => Shape::BlockScalar,
        _ => Shape::Plain,
    }
}

/// A value without its anchor (`&name`) and tag (`!tag`).
fn strip_properties(mut value: &str) -> &str {
    while value.starts_with(['&', '!']) {
        value = value
            .split_once(char::is_whitespace)
            .map_or("", |(_, rest)| rest.trim_start());
    }
    value
}

/// The comment after a one-line value (` # …`), kept when the value changes.
fn trailing_comment(rest: &str, shape: Shape) -> Option<&str> {
    let rest = rest.trim_end_matches(['\n', '\r']);
    let from = match shape {
        Shape::Plain => 0,
        Shape::DoubleQuoted | Shape::SingleQuoted => {
            let q = if shape == Shape::DoubleQuoted {
                '"'
            } else {
                '\''
            };
            let open = rest.find(q)?;
            let mut escaped = false;
            let close = rest[open + 1..].char_indices().find(|&(_, c)| {
                let end = c == q && !escaped;
                escaped = q == '"' && c == '\\' && !escaped;
                end
            })?;
            open + 1 + close.0 + 1
        }
        Shape::FlowList | Shape::FlowMap => rest.rfind([']', '}'])? + 1,
        _ => return None,
    };
    let at = rest[from..]
        .find(" #")
        .or_else(|| rest[from..].find("\t#"))?;
    Some(&rest[from + at..])
}

/// The key's lines with `value` in place of the old one.
fn rewrite(lines: &[&str], region: &Region, value: &Value) -> String {
    let line = lines[region.start];
    let Some((key, rest)) = split_key_line(line, region.key.col) else {
        // Not a `key: value` line (an explicit `? key`): written anew.
        return fresh_key(
            region.key.path.last().map_or("", String::as_str),
            value,
            region.key.col,
            None,
        );
    };
    let shape = shape_of(lines, region);
    if let Value::List(items) = value
        && items.iter().all(is_scalar)
        && let Some(text) = rewrite_list(lines, region, items, shape, key, rest)
    {
        return text;
    }
    let mut text = String::from(key);
    let mut value_text = value_in_shape(value, shape, region.key.col, None);
    // The spacing after the colon stays as it was (`title:   "…"`).
    let gap = &rest[..rest.len() - rest.trim_start_matches([' ', '\t']).len()];
    if value_text.starts_with(' ') && !value_text.starts_with(" \n") && !rest.trim().is_empty() {
        value_text.replace_range(..1, gap);
    }
    text.push_str(&value_text);
    if let Some(comment) = trailing_comment(rest, shape)
        && value_text.matches('\n').count() == 1
    {
        text.pop();
        text.push_str(comment);
        text.push('\n');
    }
    text
}

/// A list edited item by item: items that stay keep their lines (their
/// quoting, their comments), new items are written in the quoting most
/// items have, removed ones go.
fn rewrite_list(
    lines: &[&str],
    region: &Region,
    items: &[Value],
    shape: Shape,
    key: &str,
    rest: &str,
) -> Option<String> {
    match shape {
        Shape::BlockList(dash) => {
            let mut groups: Vec<(String, Option<Value>)> = Vec::new();
            let mut pending = String::new();
            for line in &lines[region.start + 1..region.end] {
                let trimmed = line.trim_start();
                let indent = line.len() - trimmed.len();
                let starts_item =
                    indent == dash && (trimmed.starts_with("- ") || trimmed.trim_end() == "-");
                if starts_item {
                    groups.push((std::mem::take(&mut pending) + line, None));
                } else if trimmed.trim().is_empty() || trimmed.starts_with('#') {
                    pending.push_str(line);
                } else {
                    // A continuation of the last item.
                    let last = groups.last_mut()?;
                    last.0.push_str(&pending);
                    last.0.push_str(line);
                    pending.clear();
                }
            }
            for group in &mut groups {
                let item_text: String = group
                    .0
                    .lines()
                    .filter(|l| !l.trim_start().starts_with('#') && !l.trim().is_empty())
                    .map(|l| format!("{l}\n"))
                    .collect();
                group.1 = Some(read_one(&format!("k:\n{item_text}"), false)?);
            }
            let quote = common_quote(groups.iter().map(|(text, _)| {
                text.lines()
                    .find(|l| l.trim_start().starts_with('-'))
                    .map_or("", |l| l.trim_start()[1..].trim_start())
            }));
            let mut out = String::from(lines[region.start]);
            let mut used = vec![false; groups.len()];
            for item in items {
                let reuse =
                    (0..groups.len()).find(|&i| !used[i] && groups[i].1.as_ref() == Some(item));
                match reuse {
                    Some(i) => {
                        used[i] = true;
                        out.push_str(&groups[i].0);
                    }
                    None => {
                        out.push_str(&" ".repeat(dash));
                        out.push_str("- ");
                        out.push_str(&item_in_quote(item, quote, false));
                        out.push('\n');
                    }
                }
            }
            out.push_str(&pending);
            Some(out)
        }
        Shape::FlowList if region.end == region.start + 1 => {
            let open = rest.find('[')?;
            let close = rest.rfind(']')?;
            let inner = &rest[open + 1..close];
            let old_texts = split_flow(inner);
            let old_values: Vec<Value> = old_texts
                .iter()
                .map(|t| read_one(&format!("k: [{t}]"), true))
                .collect::<Option<_>>()?;
            let sep = if inner.contains(", ") || old_texts.len() < 2 {
                ", "
            } else {
                ","
            };
            let quote = common_quote(old_texts.iter().map(|t| t.trim()));
            let mut used = vec![false; old_values.len()];
            let texts: Vec<String> = items
                .iter()
                .map(|item| {
                    match (0..old_values.len()).find(|&i| !used[i] && old_values[i] == *item) {
                        Some(i) => {
                            used[i] = true;
                            old_texts[i].trim().to_string()
                        }
                        None => item_in_quote(item, quote, true),
                    }
                })
                .collect();
            let pad = if inner.starts_with(' ') && inner.ends_with(' ') {
                " "
            } else {
                ""
            };
            Some(format!(
                "{key}{}[{pad}{}{pad}]{}\n",
                &rest[..open],
                texts.join(sep),
                rest[close + 1..].trim_end_matches(['\n', '\r'])
            ))
        }
        _ => None,
    }
}

/// The items of a one-line flow list, as written.
fn split_flow(inner: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let (mut start, mut quote, mut depth) = (0, None, 0);
    let bytes = inner.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        match (quote, c) {
            (Some(b'"'), b'\\') => i += 1,
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(c),
            (None, b'[' | b'{') => depth += 1,
            (None, b']' | b'}') => depth -= 1,
            (None, b',') if depth == 0 => {
                items.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    if !inner[start..].trim().is_empty() {
        items.push(&inner[start..]);
    }
    items
}

/// The quote most of the items were written with (`None`: plain).
fn common_quote<'a>(items: impl Iterator<Item = &'a str>) -> Option<char> {
    let (mut single, mut double, mut plain) = (0, 0, 0);
    for item in items {
        match item.chars().next() {
            Some('\'') => single += 1,
            Some('"') => double += 1,
            _ => plain += 1,
        }
    }
    if double > single.max(plain) {
        Some('"')
    } else if single > double.max(plain) {
        Some('\'')
    } else {
        None
    }
}

fn item_in_quote(item: &Value, quote: Option<char>, flow: bool) -> String {
    match (item, quote) {
        (Value::String(s), Some('"')) => double_quoted(s),
        (Value::String(s), Some(_)) if !s.chars().any(char::is_control) => {
            format!("'{}'", s.replace('\'', "''"))
        }
        (item, _) if flow => flow_item(item),
        (Value::String(s) | Value::Datetime(s), _) => {
            one_line_scalar(s, Shape::Plain, matches!(item, Value::Datetime(_)))
        }
        (other, _) => other.as_text().unwrap_or_else(|| "~".into()),
    }
}

/// The one value of `k` in a small document (the item of `k: [x]` when
/// `in_list`).
fn read_one(doc: &str, in_list: bool) -> Option<Value> {
    let parsed = super::yaml::parse_marked(doc, 1).ok()?;
    let (_, value) = parsed.entries.into_iter().next()?;
    match (value, in_list) {
        (Value::List(mut items), _) if items.len() == 1 => items.pop(),
        (Value::List(_), true) => None,
        (value, false) => Some(value),
        _ => None,
    }
}

/// A key written for the first time, at column `col`.
fn fresh_key(key: &str, value: &Value, col: usize, list_style: Option<Shape>) -> String {
    let mut out = String::new();
    write_map(&mut out, &[(key.to_string(), Value::Null)], col);
    // `write_map` wrote `key: ~`: keep the key, write the value our way.
    let key_line = out.trim_end_matches('\n').trim_end_matches('~').trim_end();
    let mut text = key_line.to_string();
    text.push_str(&value_in_shape(value, Shape::Empty, col, list_style));
    text
}

/// Where and what to insert for a key the block does not have.
fn insertion(
    lines: &[&str],
    regions: &[Region],
    path: &[String],
    value: &Value,
    list_style: Option<Shape>,
) -> (usize, usize, String) {
    let end_of_block = lines.len();
    match path {
        [parent, child] => {
            let parent_region = regions
                .iter()
                .rev()
                .find(|r| r.key.path == [parent.clone()]);
            match parent_region {
                Some(r) if matches!(shape_of(lines, r), Shape::BlockMap(_)) => {
                    let Shape::BlockMap(indent) = shape_of(lines, r) else {
                        unreachable!()
                    };
                    (r.end, r.end, fresh_key(child, value, indent, list_style))
                }
                // A parent written another way (flow, empty): not edited
                // around; the child goes under a new block of the parent's
                // name only when there is no parent at all.
                Some(r) => {
                    let text = rewrite(lines, r, &Value::Map(vec![(child.clone(), value.clone())]));
                    (r.start, r.end, text)
                }
                None => {
                    let mut text = String::new();
                    write_map(&mut text, &[(parent.clone(), Value::Map(Vec::new()))], 0);
                    let text = text
                        .trim_end_matches('\n')
                        .trim_end_matches("{}")
                        .trim_end();
                    let mut out = format!("{text}\n");
                    out.push_str(&fresh_key(child, value, 2, list_style));
                    (end_of_block, end_of_block, out)
                }
            }
        }
        _ => {
            let key = path.join(".");
            (
                end_of_block,
                end_of_block,
                fresh_key(&key, value, 0, list_style),
            )
        }
    }
}

/// How the block's other lists are written: a new list follows them.
fn file_list_style(lines: &[&str], regions: &[Region]) -> Option<Shape> {
    regions
        .iter()
        .filter(|r| r.key.path.len() == 1)
        .map(|r| shape_of(lines, r))
        .find(|s| matches!(s, Shape::FlowList | Shape::BlockList(_)))
}

/// The text after `key:`, through the end of the value's last line.
fn value_in_shape(value: &Value, shape: Shape, col: usize, list_style: Option<Shape>) -> String {
    let mut out = String::new();
    match (value, shape) {
        (Value::String(s) | Value::Datetime(s), _) if !s.contains('\n') => {
            out.push(' ');
            out.push_str(&one_line_scalar(
                s,
                shape,
                matches!(value, Value::Datetime(_)),
            ));
            out.push('\n');
        }
        (Value::List(items), Shape::FlowList) if items.iter().all(is_scalar) => {
            out.push_str(" [");
            let items: Vec<String> = items.iter().map(flow_item).collect();
            out.push_str(&items.join(", "));
            out.push_str("]\n");
        }
        (Value::List(items), Shape::BlockList(dash)) if !items.is_empty() => {
            out.push('\n');
            write_list(&mut out, items, dash);
        }
        (Value::List(items), Shape::Empty) if !items.is_empty() => {
            match list_style {
                Some(Shape::FlowList) if items.iter().all(is_scalar) => {
                    return value_in_shape(value, Shape::FlowList, col, None);
                }
                Some(Shape::BlockList(dash)) => {
                    // The dash where the file's other lists put it,
                    // relative to the key.
                    out.push('\n');
                    write_list(&mut out, items, col + dash);
                }
                _ => {
                    out.push('\n');
                    write_list(&mut out, items, col + 2);
                }
            }
        }
        (Value::Map(entries), Shape::BlockMap(indent)) if !entries.is_empty() => {
            out.push('\n');
            write_map(&mut out, entries, indent);
        }
        (Value::Map(entries), Shape::FlowMap)
            if !entries.is_empty() && entries.iter().all(|(_, v)| is_scalar(v)) =>
        {
            let items: Vec<String> = entries
                .iter()
                .map(|(k, v)| format!("{}: {}", flow_item(&Value::String(k.clone())), flow_item(v)))
                .collect();
            out.push_str(" {");
            out.push_str(&items.join(", "));
            out.push_str("}\n");
        }
        (value, _) => write_value(&mut out, value, col),
    }
    out
}

fn is_scalar(value: &Value) -> bool {
    !matches!(value, Value::List(_) | Value::Map(_))
}

/// A one-line string in the quoting its old value had, when that reads
/// back as the same text; else plain when plain is safe, else quoted.
fn one_line_scalar(s: &str, shape: Shape, date: bool) -> String {
    match shape {
        Shape::DoubleQuoted => return double_quoted(s),
        Shape::SingleQuoted if !s.chars().any(char::is_control) => {
            return format!("'{}'", s.replace('\'', "''"));
        }
        _ => {}
    }
    if plain_is_safe(s, date) {
        s.to_string()
    } else if shape == Shape::SingleQuoted || !s.contains('\'') && !s.chars().any(char::is_control)
    {
        format!("'{}'", s.replace('\'', "''"))
    } else {
        double_quoted(s)
    }
}

/// JSON's string syntax is YAML's double-quoted one.
fn double_quoted(s: &str) -> String {
    serde_json::to_string(s).expect("a string serialises")
}

fn flow_item(value: &Value) -> String {
    match value {
        Value::String(s) | Value::Datetime(s) => {
            if plain_is_safe(s, false) && reads_back(&format!("k: [{s}]"), s, true) {
                s.clone()
            } else {
                double_quoted(s)
            }
        }
        other => other.as_text().unwrap_or_else(|| "~".into()),
    }
}

/// Whether `s` written plain reads back as the same text in YAML 1.2 and
/// in YAML 1.1 (Jekyll's and PyYAML's), where `yes`, `on`, `1_000` and
/// `12:30` are not text.
fn plain_is_safe(s: &str, date: bool) -> bool {
    if s.is_empty() || s.trim() != s {
        return false;
    }
    let lower = s.to_ascii_lowercase();
    let yaml_1_1_word = matches!(
        lower.as_str(),
        "y" | "n" | "yes" | "no" | "on" | "off" | "true" | "false" | "null" | "~"
    );
    let number_like = s.chars().any(|c| c.is_ascii_digit())
        && s.chars()
            .all(|c| c.is_ascii_digit() || "_.:+-eExXoObB".contains(c));
    if yaml_1_1_word || (number_like && !date) {
        return false;
    }
    reads_back(&format!("k: {s}"), s, false)
}

fn reads_back(doc: &str, s: &str, in_list: bool) -> bool {
    let Ok(docs) = YamlLoader::load_from_str(doc) else {
        return false;
    };
    let value = &docs.first().map(|d| d["k"].clone());
    let value = if in_list {
        value.as_ref().and_then(|v| v.as_vec()).and_then(|v| {
            if v.len() == 1 {
                v.first().cloned()
            } else {
                None
            }
        })
    } else {
        value.clone()
    };
    value.as_ref().and_then(|v| v.as_str()) == Some(s)
}

#[cfg(test)]
mod tests {
    use super::super::yaml::parse_marked;
    use super::*;

    fn edit(front: &str, path: &str, value: Option<Value>) -> String {
        let parsed = parse_marked(front, 2).unwrap();
        let change = Change {
            path: path.split('.').map(String::from).collect(),
            value,
        };
        apply(front, &parsed.keys, &[change])
    }

    fn s(text: &str) -> Option<Value> {
        Some(Value::String(text.into()))
    }

    fn list(items: &[&str]) -> Option<Value> {
        Some(Value::List(
            items.iter().map(|i| Value::String(i.to_string())).collect(),
        ))
    }

    #[test]
    fn a_changed_title_keeps_its_quoting_and_comment_and_every_other_line() {
        let front = "layout: post\ntitle:   \"Old\" # the headline\n# a comment\ndate: 2019-03-04 10:20:00 +0100\n";
        assert_eq!(
            edit(front, "title", s("New \"one\"")),
            "layout: post\ntitle:   \"New \\\"one\\\"\" # the headline\n# a comment\ndate: 2019-03-04 10:20:00 +0100\n"
        );
        assert_eq!(
            edit("title: 'Old'\n", "title", s("It's")),
            "title: 'It''s'\n"
        );
        assert_eq!(edit("Title: Old\n", "Title", s("New")), "Title: New\n");
    }

    #[test]
    fn plain_text_that_would_read_as_something_else_is_quoted() {
        for (text, want) in [
            ("yes", "title: 'yes'\n"),
            ("2024", "title: '2024'\n"),
            ("a: b", "title: 'a: b'\n"),
            ("#hashtag", "title: '#hashtag'\n"),
            ("Apple's new phone", "title: Apple's new phone\n"),
        ] {
            assert_eq!(edit("title: x\n", "title", s(text)), want, "{text}");
        }
    }

    #[test]
    fn lists_keep_their_flow_or_block_shape_and_indentation() {
        assert_eq!(
            edit("tags: [a, b]\nx: 1\n", "tags", list(&["a", "b", "c d"])),
            "tags: [a, b, c d]\nx: 1\n"
        );
        assert_eq!(
            edit("tags:\n- a\n- b\nx: 1\n", "tags", list(&["a", "c"])),
            "tags:\n- a\n- c\nx: 1\n"
        );
        assert_eq!(
            edit("tags:\n    - a\n\n# next\nx: 1\n", "tags", list(&["b"])),
            "tags:\n    - b\n\n# next\nx: 1\n"
        );
    }

    #[test]
    fn a_new_key_goes_at_the_end_in_the_file_s_list_style() {
        assert_eq!(
            edit("title: A\ncategories: [x]\n", "tags", list(&["t"])),
            "title: A\ncategories: [x]\ntags: [t]\n"
        );
        assert_eq!(
            edit("title: A\naliases:\n- x\n", "tags", list(&["t"])),
            "title: A\naliases:\n- x\ntags:\n- t\n"
        );
        assert_eq!(edit("", "title", s("A")), "title: A\n");
    }

    #[test]
    fn nested_keys_are_edited_and_added_inside_their_table() {
        let front = "title: A\nextra:\n    subtitle: Old\n    other: 1\nz: 2\n";
        assert_eq!(
            edit(front, "extra.subtitle", s("New")),
            "title: A\nextra:\n    subtitle: New\n    other: 1\nz: 2\n"
        );
        assert_eq!(
            edit(front, "extra.lang", s("it")),
            "title: A\nextra:\n    subtitle: Old\n    other: 1\n    lang: it\nz: 2\n"
        );
        assert_eq!(
            edit("title: A\n", "extra.lang", s("it")),
            "title: A\nextra:\n  lang: it\n"
        );
    }

    #[test]
    fn a_removed_field_takes_its_lines_with_it() {
        assert_eq!(
            edit("a: 1\ntags:\n  - x\n  - y\nb: 2\n", "tags", None),
            "a: 1\nb: 2\n"
        );
    }

    #[test]
    fn a_repeated_key_keeps_one_line_once_changed() {
        let front = "title: One\nlayout: post\ntitle: Two\n";
        let parsed = parse_marked(front, 2).unwrap();
        assert_eq!(parsed.warnings.len(), 1);
        assert!(
            parsed.warnings[0].message.contains("title"),
            "{:?}",
            parsed.warnings
        );
        assert_eq!(
            parsed.entries[0],
            ("title".into(), Value::String("Two".into()))
        );
        assert_eq!(
            edit(front, "title", s("Three")),
            "layout: post\ntitle: Three\n"
        );
    }

    #[test]
    fn a_multi_line_value_is_replaced_whole() {
        let front = "bio: |\n  Line one\n  Line two\nnext: x\n";
        assert_eq!(edit(front, "bio", s("Short")), "bio: Short\nnext: x\n");
        assert_eq!(
            edit("bio: x\nnext: y\n", "bio", s("A\nB")),
            "bio: |-\n  A\n  B\nnext: y\n"
        );
    }

    #[test]
    fn keys_are_found_where_the_parser_saw_them() {
        let parsed = parse_marked("a: 1\n\"b c\": 2\nm:\n  k: v\n", 2).unwrap();
        let at: Vec<_> = parsed
            .keys
            .iter()
            .map(|k| (k.path.join("."), k.line, k.col))
            .collect();
        assert_eq!(
            at,
            [
                ("a".into(), 0, 0),
                ("b c".into(), 1, 0),
                ("m".into(), 2, 0),
                ("m.k".into(), 3, 2)
            ]
        );
    }
}
