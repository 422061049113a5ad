/// A front-matter value Copydesk does not interpret, kept so that it survives a
/// save. Shared by the YAML and TOML readers so the model depends on neither.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Integer(i64),
    /// Kept as written so `1.50` stays `1.50`.
    Float(String),
    String(String),
    /// A TOML date/time, kept as written.
    Datetime(String),
    List(Vec<Value>),
    Map(Vec<(String, Value)>),
}

impl Value {
    /// The value as text, for keys whose value should be a string but was
    /// written as a number, a date or a bool (`date: 2022-03-01` in TOML).
    pub fn as_text(&self) -> Option<String> {
        match self {
            Value::String(s) | Value::Float(s) | Value::Datetime(s) => Some(s.clone()),
            Value::Integer(i) => Some(i.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            Value::Null | Value::List(_) | Value::Map(_) => None,
        }
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Map(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
}
