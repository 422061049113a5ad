//! TOML front matter (Hugo, Zola) ↔ [`Value`], with the `toml` crate.

use toml::{Table, Value as Toml};

use super::FrontMatterError;
use crate::model::Value;

pub fn parse(front: &str, first_line: usize) -> Result<Vec<(String, Value)>, FrontMatterError> {
    let table: Table = front.parse().map_err(|e: toml::de::Error| {
        let (line, column) = e
            .span()
            .map(|span| line_col(front, span.start))
            .unwrap_or((0, 0));
        FrontMatterError {
            message: e.message().to_string(),
            line: first_line + line,
            column: column + 1,
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
