//! Front-matter keys ↔ [`Metadata`]: the keys Copydesk writes, the aliases
//! other tools write that it reads, and everything else kept as it was.

use super::dialect::Dialect;
use crate::model::{Author, Credit, Field, Image, Metadata, Status, Value};

/// The keys each field is read from, Copydesk's own first. A later key of
/// a field is read only when no earlier one could be.
const TITLE: &[&str] = &["title"];
const SUBTITLE: &[&str] = &["subtitle", "dek", "standfirst", "subheading"];
const ORIGINAL_TITLE: &[&str] = &["original_title", "original-title", "title_original"];
const ORIGINAL_LANG: &[&str] = &["original_lang", "original_language", "original-lang"];
const AUTHORS: &[&str] = &["authors", "author"];
const DATE: &[&str] = &[
    "date",
    "created",
    "published",
    "pubDate",
    "publishDate",
    "date_published",
];
const STATUS: &[&str] = &["status", "draft", "published"];
const TAGS: &[&str] = &["tags", "keywords", "taxonomies.tags"];
const CATEGORY: &[&str] = &["category", "categories", "taxonomies.categories"];
const EXCERPT: &[&str] = &["excerpt", "description", "summary", "meta_description"];
const SLUG: &[&str] = &["slug"];
const CANONICAL_URL: &[&str] = &[
    "canonical_url",
    "canonical",
    "canonicalURL",
    "source_url",
    "original_url",
];
const LANG: &[&str] = &["lang", "language", "locale"];
const IMAGE: &[&str] = &[
    "image",
    "feature_image",
    "featured_image",
    "featuredImage",
    "heroImage",
    "cover",
];
const CREDITS: &[&str] = &["credits"];

/// Every field's keys, with the empty value its own key is written with
/// when only that key stops an alias from being read as the field.
fn field_keys() -> [(&'static [&'static str], Value); 15] {
    let text = || Value::String(String::new());
    [
        (TITLE, text()),
        (SUBTITLE, text()),
        (ORIGINAL_TITLE, text()),
        (ORIGINAL_LANG, text()),
        (AUTHORS, Value::List(Vec::new())),
        (DATE, text()),
        (STATUS, Value::String(Status::default().key().into())),
        (TAGS, Value::List(Vec::new())),
        (CATEGORY, text()),
        (EXCERPT, text()),
        (SLUG, text()),
        (CANONICAL_URL, text()),
        (LANG, text()),
        (IMAGE, Value::Map(Vec::new())),
        (CREDITS, Value::List(Vec::new())),
    ]
}

/// Where each field was read from: the key path in the file, spelt as the
/// file spells it (`Title`, `taxonomies.tags`). A field without a binding
/// is not in the file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Bindings(Vec<(Field, Vec<String>)>);

impl Bindings {
    pub fn get(&self, field: Field) -> Option<&[String]> {
        self.0
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, path)| path.as_slice())
    }

    /// The key path as one dotted string, for showing.
    pub fn key(&self, field: Field) -> Option<String> {
        self.get(field).map(|path| path.join("."))
    }

    pub(crate) fn bind(&mut self, field: Field, path: Vec<String>) {
        self.0.retain(|(f, _)| *f != field);
        self.0.push((field, path));
    }
}

/// Tables whose keys stand for top-level ones: Zola keeps everything it does
/// not know under `[extra]`, Hugo's custom keys may sit under `params`.
const NESTS: &[&str] = &["extra", "params"];

/// Reads metadata from front-matter entries (Copydesk's own dialect).
pub fn metadata_from_entries(entries: Vec<(String, Value)>) -> Metadata {
    read_fields(entries, Dialect::Copydesk).0
}

/// Reads metadata from front-matter entries and says which key each field
/// came from. A key is taken by the first field that wants it and can read
/// its value; every other key, including a known one with a value of the
/// wrong shape, is kept in `extra`.
pub fn read_fields(entries: Vec<(String, Value)>, dialect: Dialect) -> (Metadata, Bindings) {
    let mut entries = entries;
    let mut taken = vec![false; entries.len()];
    // Nested keys taken by a field: (parent index, child key).
    let mut taken_nested: Vec<(usize, String)> = Vec::new();
    let mut bindings = Bindings::default();
    // Takes the first of `keys` whose value `read` accepts. The field's own
    // key, spelt exactly as Copydesk writes it, decides alone: when its value
    // cannot be read, no other spelling or alias stands in for it. Keys are
    // then looked for at the top level, then in the tables of NESTS.
    let mut take =
        |field: Field, keys: &[&str], read: &mut dyn FnMut(&str, &Value) -> bool| -> bool {
            if let Some(i) = entries.iter().position(|(k, _)| k == keys[0]) {
                if !taken[i] && read(keys[0], &entries[i].1) {
                    taken[i] = true;
                    bindings.bind(field, vec![entries[i].0.clone()]);
                    return true;
                }
                return false;
            }
            for key in keys {
                if let Some((parent, child)) = key.split_once('.') {
                    if let Some(p) = entries.iter().position(|(k, _)| k == parent)
                        && let Some((child_key, value)) = nested(&entries[p].1, child)
                        && read(child, value)
                    {
                        taken_nested.push((p, child_key.clone()));
                        bindings.bind(field, vec![parent.to_string(), child_key.clone()]);
                        return true;
                    }
                    continue;
                }
                if let Some(i) = entries
                    .iter()
                    .enumerate()
                    .position(|(i, (k, _))| !taken[i] && k.eq_ignore_ascii_case(key))
                    && read(key, &entries[i].1)
                {
                    taken[i] = true;
                    bindings.bind(field, vec![entries[i].0.clone()]);
                    return true;
                }
            }
            for nest in NESTS {
                let Some(p) = entries.iter().position(|(k, _)| k == nest) else {
                    continue;
                };
                for key in keys.iter().filter(|k| !k.contains('.')) {
                    if let Some((child_key, value)) = nested(&entries[p].1, key)
                        && !taken_nested
                            .iter()
                            .any(|(tp, tk)| *tp == p && tk == child_key)
                        && read(key, value)
                    {
                        taken_nested.push((p, child_key.clone()));
                        bindings.bind(field, vec![nest.to_string(), child_key.clone()]);
                        return true;
                    }
                }
            }
            false
        };
    let mut m = Metadata::default();
    let mut status_read = false;
    take(Field::Title, TITLE, &mut |_, v| set_text(&mut m.title, v));
    take(Field::Subtitle, SUBTITLE, &mut |_, v| {
        set_text(&mut m.subtitle, v)
    });
    take(Field::OriginalTitle, ORIGINAL_TITLE, &mut |_, v| {
        set_text(&mut m.original_title, v)
    });
    take(Field::OriginalLang, ORIGINAL_LANG, &mut |_, v| {
        set_text(&mut m.original_lang, v)
    });
    take(Field::Authors, AUTHORS, &mut |_, v| {
        read_authors(&mut m.authors, v)
    });
    take(Field::Date, DATE, &mut |_, v| {
        !matches!(v, Value::Bool(_)) && set_text(&mut m.date, v)
    });
    take(Field::Status, STATUS, &mut |key, v| {
        status_read = match (key, v) {
            ("draft", Value::Bool(draft)) => {
                m.status = if *draft {
                    Status::Draft
                } else {
                    Status::Published
                };
                true
            }
            ("published", Value::Bool(published)) => {
                m.status = if *published {
                    Status::Published
                } else {
                    Status::Draft
                };
                true
            }
            ("draft" | "published", _) => false,
            (_, v) => match v.as_text().as_deref().and_then(Status::parse) {
                Some(s) => {
                    m.status = s;
                    true
                }
                None => false,
            },
        };
        status_read
    });
    // A post with no status key at all is published for a site generator;
    // one whose status key could not be read keeps the default, and the key
    // stays as written among the unknown ones.
    let any_status_key = entries
        .iter()
        .any(|(k, _)| STATUS.iter().any(|s| k.eq_ignore_ascii_case(s)));
    if !status_read && !any_status_key && dialect.published_by_default() {
        m.status = Status::Published;
    }
    take(Field::Tags, TAGS, &mut |_, v| {
        read_list(&mut m.tags, v, dialect)
    });
    take(Field::Category, CATEGORY, &mut |key, v| match v {
        // `categories: [Phones]`: one category is ours; several stay as written.
        Value::List(items) if key.ends_with("categories") && items.len() == 1 => {
            set_text(&mut m.category, &items[0])
        }
        Value::List(_) if key.ends_with("categories") => false,
        v => set_text(&mut m.category, v),
    });
    take(Field::Excerpt, EXCERPT, &mut |_, v| {
        set_text(&mut m.excerpt, v)
    });
    take(Field::Slug, SLUG, &mut |_, v| set_text(&mut m.slug, v));
    take(Field::CanonicalUrl, CANONICAL_URL, &mut |_, v| {
        set_text(&mut m.canonical_url, v)
    });
    take(Field::Lang, LANG, &mut |key, v| {
        set_text(&mut m.lang, v) && {
            // `locale: en_US` (Jekyll, Hugo) as a language tag.
            if key == "locale" {
                m.lang = m.lang.replace('_', "-");
            }
            true
        }
    });
    take(Field::Image, IMAGE, &mut |_, v| read_image(&mut m.image, v));
    take(Field::Credits, CREDITS, &mut |_, v| {
        read_credits(&mut m.credits, v)
    });

    // A nested key a field took is not kept again among the unknown keys.
    for (p, child) in &taken_nested {
        if let Value::Map(children) = &mut entries[*p].1 {
            children.retain(|(k, _)| k != child);
        }
    }
    for (p, _) in &taken_nested {
        if matches!(&entries[*p].1, Value::Map(children) if children.is_empty()) {
            taken[*p] = true;
        }
    }
    m.extra = entries
        .into_iter()
        .zip(taken)
        .filter(|(_, t)| !t)
        .map(|(e, _)| e)
        .collect();
    (m, bindings)
}

/// A nested table's key, matched without regard to case.
fn nested<'a>(table: &'a Value, key: &str) -> Option<(&'a String, &'a Value)> {
    match table {
        Value::Map(children) => children
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(k, v)| (k, v)),
        _ => None,
    }
}

fn set_text(field: &mut String, value: &Value) -> bool {
    match value {
        Value::List(_) | Value::Map(_) => false,
        Value::Null => true,
        other => {
            *field = other.as_text().unwrap_or_default();
            true
        }
    }
}

fn text_of(value: Option<&Value>) -> String {
    value.and_then(Value::as_text).unwrap_or_default()
}

/// `tags: [a, b]`, or a comma-separated string `tags: a, b` (Jekyll splits
/// a string without commas at its spaces: `tags: jekyll housekeeping`).
fn read_list(field: &mut Vec<String>, value: &Value, dialect: Dialect) -> bool {
    match value {
        Value::List(items) if items.iter().all(|i| i.as_text().is_some()) => {
            *field = items.iter().filter_map(Value::as_text).collect();
            true
        }
        Value::String(s) if dialect == Dialect::Jekyll && !s.contains(',') => {
            *field = s.split_whitespace().map(String::from).collect();
            true
        }
        Value::String(s) => {
            *field = s
                .split(',')
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(String::from)
                .collect();
            true
        }
        Value::Null => true,
        _ => false,
    }
}

fn read_author(value: &Value) -> Option<Author> {
    match value {
        Value::String(name) => Some(Author::named(name.clone())),
        Value::Map(_) => Some(Author {
            name: text_of(value.get("name")),
            bio: text_of(value.get("bio")),
        }),
        _ => None,
    }
}

fn read_authors(field: &mut Vec<Author>, value: &Value) -> bool {
    let authors: Option<Vec<Author>> = match value {
        Value::List(items) => items.iter().map(read_author).collect(),
        Value::Null => Some(Vec::new()),
        single => read_author(single).map(|a| vec![a]),
    };
    match authors {
        Some(a) => {
            *field = a;
            true
        }
        None => false,
    }
}

fn read_image(field: &mut Image, value: &Value) -> bool {
    match value {
        Value::String(src) => field.src = src.clone(),
        Value::Map(_) => {
            let first = |keys: &[&str]| {
                keys.iter()
                    .find_map(|k| value.get(k).and_then(Value::as_text))
                    .unwrap_or_default()
            };
            *field = Image {
                src: first(&["src", "url", "path", "image"]),
                alt: first(&["alt"]),
                caption: first(&["caption"]),
                credit: first(&["credit"]),
            };
        }
        Value::Null => {}
        _ => return false,
    }
    true
}

fn read_credits(field: &mut Vec<Credit>, value: &Value) -> bool {
    let Value::List(items) = value else {
        return matches!(value, Value::Null);
    };
    let mut credits = Vec::new();
    for item in items {
        match item {
            Value::Map(_) => credits.push(Credit {
                role: text_of(item.get("role")),
                name: text_of(item.get("name")),
                url: text_of(item.get("url")),
            }),
            // `- "Source: Reuters"`
            Value::String(s) => credits.push(match s.split_once(':') {
                Some((role, name)) => Credit::new(role.trim(), name.trim()),
                None => Credit::new("", s.trim()),
            }),
            _ => return false,
        }
    }
    *field = credits;
    true
}

/// The value a field is written with under `key`, in the shape the file
/// gave it (`old`): a single author stays a string, space-separated tags stay
/// a string, a map keeps its other keys. `None`: the field is empty and its
/// key goes.
pub fn field_value(
    field: Field,
    m: &Metadata,
    key: &str,
    old: Option<&Value>,
    dialect: Dialect,
) -> Option<Value> {
    if field != Field::Status && field.is_empty_in(m) {
        return None;
    }
    let key = key.rsplit('.').next().unwrap_or(key).to_ascii_lowercase();
    Some(match field {
        Field::Authors => authors_value(&m.authors, &key, old, dialect),
        Field::Date => match old {
            Some(Value::String(_)) => Value::String(m.date.clone()),
            _ => Value::Datetime(m.date.clone()),
        },
        Field::Status => match key.as_str() {
            "draft" => Value::Bool(m.status != Status::Published),
            "published" => Value::Bool(m.status == Status::Published),
            _ => Value::String(m.status.key().into()),
        },
        Field::Tags => list_value(&m.tags, old, dialect),
        Field::Category => match old {
            Some(Value::List(_)) => Value::List(vec![Value::String(m.category.clone())]),
            None if key == "categories" => Value::List(vec![Value::String(m.category.clone())]),
            _ => Value::String(m.category.clone()),
        },
        Field::Image => image_value(&m.image, old, dialect),
        Field::Credits => credits_value(&m.credits, old),
        text => Value::String(text.text(m).unwrap_or_default().to_string()),
    })
}

fn authors_value(authors: &[Author], key: &str, old: Option<&Value>, dialect: Dialect) -> Value {
    let no_bios = authors.iter().all(|a| a.bio.is_empty());
    let names = || {
        Value::List(
            authors
                .iter()
                .map(|a| Value::String(a.name.clone()))
                .collect(),
        )
    };
    match old {
        Some(Value::String(_)) if no_bios && authors.len() == 1 => {
            Value::String(authors[0].name.clone())
        }
        Some(Value::List(items))
            if no_bios && items.iter().all(|i| matches!(i, Value::String(_))) =>
        {
            names()
        }
        None if no_bios && dialect != Dialect::Copydesk => {
            if authors.len() == 1 && key == "author" {
                Value::String(authors[0].name.clone())
            } else {
                names()
            }
        }
        _ => {
            let old_maps: &[Value] = match old {
                Some(Value::List(items)) => items,
                Some(single @ Value::Map(_)) => std::slice::from_ref(single),
                _ => &[],
            };
            Value::List(
                authors
                    .iter()
                    .enumerate()
                    .map(|(i, a)| {
                        let mut map = match old_maps.get(i) {
                            Some(Value::Map(entries)) => entries.clone(),
                            _ => Vec::new(),
                        };
                        set_key(&mut map, "name", &a.name);
                        set_key(&mut map, "bio", &a.bio);
                        Value::Map(map)
                    })
                    .collect(),
            )
        }
    }
}

/// Sets `key` in a map (keeping its place), or removes it when `text` is empty.
fn set_key(map: &mut Vec<(String, Value)>, key: &str, text: &str) {
    let at = map.iter().position(|(k, _)| k.eq_ignore_ascii_case(key));
    match (at, text.is_empty()) {
        (Some(i), true) => {
            map.remove(i);
        }
        (Some(i), false) => map[i].1 = Value::String(text.to_string()),
        (None, true) => {}
        (None, false) => map.push((key.to_string(), Value::String(text.to_string()))),
    }
}

/// Tags in the shape they had: a list, a comma-separated string, Jekyll's
/// space-separated string, or one tag as a string while there is one.
fn list_value(items: &[String], old: Option<&Value>, dialect: Dialect) -> Value {
    match old {
        Some(Value::String(s)) if s.contains(',') => Value::String(items.join(", ")),
        Some(Value::String(_))
            if dialect == Dialect::Jekyll
                && items.iter().all(|t| !t.contains(char::is_whitespace)) =>
        {
            Value::String(items.join(" "))
        }
        Some(Value::String(_)) if items.len() == 1 => Value::String(items[0].clone()),
        _ => Value::List(items.iter().cloned().map(Value::String).collect()),
    }
}

fn image_value(image: &Image, old: Option<&Value>, dialect: Dialect) -> Value {
    let src_only = image.alt.is_empty() && image.caption.is_empty() && image.credit.is_empty();
    match old {
        Some(Value::String(_)) if src_only => Value::String(image.src.clone()),
        None if src_only && dialect != Dialect::Copydesk => Value::String(image.src.clone()),
        _ => {
            let mut map = match old {
                Some(Value::Map(entries)) => entries.clone(),
                _ => Vec::new(),
            };
            let src_key = ["src", "url", "path", "image"]
                .into_iter()
                .find(|k| map.iter().any(|(m, _)| m.eq_ignore_ascii_case(k)))
                .unwrap_or("src");
            set_key(&mut map, src_key, &image.src);
            set_key(&mut map, "alt", &image.alt);
            set_key(&mut map, "caption", &image.caption);
            set_key(&mut map, "credit", &image.credit);
            Value::Map(map)
        }
    }
}

fn credits_value(credits: &[Credit], old: Option<&Value>) -> Value {
    let as_strings = matches!(old, Some(Value::List(items)) if !items.is_empty()
        && items.iter().all(|i| matches!(i, Value::String(_))));
    Value::List(
        credits
            .iter()
            .map(|c| {
                if as_strings && c.url.is_empty() {
                    Value::String(if c.role.is_empty() {
                        c.name.clone()
                    } else {
                        format!("{}: {}", c.role, c.name)
                    })
                } else {
                    let mut map = Vec::new();
                    set_key(&mut map, "role", &c.role);
                    set_key(&mut map, "name", &c.name);
                    set_key(&mut map, "url", &c.url);
                    Value::Map(map)
                }
            })
            .collect(),
    )
}

/// The entries Copydesk writes: its own keys in a fixed order (empty ones left
/// out), then the keys it does not know, in their order.
pub fn entries_from_metadata(m: &Metadata) -> Vec<(String, Value)> {
    let mut out: Vec<(String, Value)> = Vec::new();
    let text = |out: &mut Vec<(String, Value)>, key: &str, value: &str| {
        if !value.is_empty() {
            out.push((key.into(), Value::String(value.into())));
        }
    };
    text(&mut out, "title", &m.title);
    text(&mut out, "subtitle", &m.subtitle);
    text(&mut out, "original_title", &m.original_title);
    text(&mut out, "original_lang", &m.original_lang);
    if !m.authors.is_empty() {
        let authors = m
            .authors
            .iter()
            .map(|a| {
                let mut map = vec![("name".to_string(), Value::String(a.name.clone()))];
                if !a.bio.is_empty() {
                    map.push(("bio".into(), Value::String(a.bio.clone())));
                }
                Value::Map(map)
            })
            .collect();
        out.push(("authors".into(), Value::List(authors)));
    }
    if !m.date.is_empty() {
        out.push(("date".into(), Value::Datetime(m.date.clone())));
    }
    out.push(("status".into(), Value::String(m.status.key().into())));
    if !m.tags.is_empty() {
        let tags = m.tags.iter().cloned().map(Value::String).collect();
        out.push(("tags".into(), Value::List(tags)));
    }
    text(&mut out, "category", &m.category);
    text(&mut out, "excerpt", &m.excerpt);
    text(&mut out, "slug", &m.slug);
    text(&mut out, "canonical_url", &m.canonical_url);
    text(&mut out, "lang", &m.lang);
    if !m.image.is_empty() {
        let mut map = Vec::new();
        for (key, value) in [
            ("src", &m.image.src),
            ("alt", &m.image.alt),
            ("caption", &m.image.caption),
            ("credit", &m.image.credit),
        ] {
            if !value.is_empty() {
                map.push((key.to_string(), Value::String(value.clone())));
            }
        }
        out.push(("image".into(), Value::Map(map)));
    }
    if !m.credits.is_empty() {
        let credits = m
            .credits
            .iter()
            .map(|c| {
                let mut map = vec![
                    ("role".to_string(), Value::String(c.role.clone())),
                    ("name".to_string(), Value::String(c.name.clone())),
                ];
                if !c.url.is_empty() {
                    map.push(("url".into(), Value::String(c.url.clone())));
                }
                Value::Map(map)
            })
            .collect();
        out.push(("credits".into(), Value::List(credits)));
    }
    // An unknown key that is another name of a field left empty would be
    // read as that field next time: the field's own key, written empty,
    // keeps it unknown.
    for (keys, empty) in field_keys() {
        let own = keys[0];
        let own_among_extra = m.extra.iter().any(|(k, _)| k == own);
        let alias_among_extra = m
            .extra
            .iter()
            .any(|(k, _)| k != own && keys.iter().any(|key| k.eq_ignore_ascii_case(key)));
        if alias_among_extra && !own_among_extra && !out.iter().any(|(k, _)| k == own) {
            out.push((own.to_string(), empty));
        }
    }
    // A key Copydesk knows whose value it could not read stays among the
    // unknown keys. YAML refuses a key twice, so: while the field holds its
    // default (the status is draft), the value as written is kept; once the
    // field was set, the new value replaces it.
    for (key, value) in &m.extra {
        match out.iter().position(|(k, _)| k == key) {
            None => out.push((key.clone(), value.clone())),
            Some(i) if key == "status" && m.status == Status::default() => {
                out.remove(i);
                out.push((key.clone(), value.clone()));
            }
            Some(_) => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &str) -> Value {
        Value::String(v.into())
    }

    #[test]
    fn reads_the_aliases_other_tools_write() {
        let m = metadata_from_entries(vec![
            ("author".into(), s("Jane Doe")),
            ("description".into(), s("Short")),
            ("categories".into(), Value::List(vec![s("Phones")])),
            ("draft".into(), Value::Bool(true)),
            ("keywords".into(), s("leica, xiaomi")),
            ("locale".into(), s("en_US")),
            (
                "cover".into(),
                Value::Map(vec![("image".into(), s("a.jpg")), ("alt".into(), s("A"))]),
            ),
        ]);
        assert_eq!(m.authors, vec![Author::named("Jane Doe")]);
        assert_eq!(m.excerpt, "Short");
        assert_eq!(m.category, "Phones");
        assert_eq!(m.status, Status::Draft);
        assert_eq!(m.tags, vec!["leica", "xiaomi"]);
        assert_eq!(m.lang, "en-US");
        assert_eq!(m.image.src, "a.jpg");
        assert!(m.extra.is_empty(), "{:?}", m.extra);
    }

    #[test]
    fn canonical_key_wins_and_alias_is_kept() {
        let m = metadata_from_entries(vec![
            ("description".into(), s("from description")),
            ("excerpt".into(), s("from excerpt")),
        ]);
        assert_eq!(m.excerpt, "from excerpt");
        assert_eq!(
            m.extra,
            vec![("description".to_string(), s("from description"))]
        );
    }

    #[test]
    fn unknown_keys_and_misshapen_known_keys_are_kept_in_order() {
        let m = metadata_from_entries(vec![
            ("layout".into(), s("post")),
            ("title".into(), Value::List(vec![s("a"), s("b")])),
            ("weight".into(), Value::Integer(3)),
        ]);
        assert_eq!(m.title, "");
        let keys: Vec<_> = m.extra.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["layout", "title", "weight"]);
    }

    #[test]
    fn a_known_key_with_an_unreadable_value_is_never_written_twice() {
        let m = metadata_from_entries(vec![
            ("status".into(), s("in-rev")),
            ("title".into(), Value::List(vec![s("a")])),
        ]);
        assert_eq!(m.status, Status::Draft);
        let written = entries_from_metadata(&m);
        assert_eq!(written.iter().filter(|(k, _)| k == "status").count(), 1);
        assert!(
            written.contains(&("status".to_string(), s("in-rev"))),
            "kept as written: {written:?}"
        );
        let mut edited = m.clone();
        edited.title = "Typed by the editor".into();
        edited.status = Status::Ready;
        let written = entries_from_metadata(&edited);
        assert!(written.contains(&("title".to_string(), s("Typed by the editor"))));
        assert!(written.contains(&("status".to_string(), s("ready"))));
        assert_eq!(
            written
                .iter()
                .filter(|(k, _)| k == "title" || k == "status")
                .count(),
            2,
            "{written:?}"
        );
    }

    #[test]
    fn an_unreadable_status_is_not_taken_for_a_published_post() {
        // Found by fuzzing: a Hugo-looking post (draft + date) whose status
        // cannot be read was read as published, and a new file written from
        // it replaced the status as written.
        let entries = vec![
            ("draft".to_string(), s("a title, not a bool")),
            ("date".to_string(), s("2022-03-01")),
            ("status".to_string(), s("in-rgview")),
        ];
        let (m, _) = read_fields(entries, Dialect::Hugo);
        assert_eq!(m.status, Status::Draft);
        let written = entries_from_metadata(&m);
        assert!(
            written.contains(&("status".to_string(), s("in-rgview"))),
            "{written:?}"
        );
        assert_eq!(metadata_from_entries(written), m);
        let (no_key, _) = read_fields(vec![("date".to_string(), s("2022-03-01"))], Dialect::Hugo);
        assert_eq!(
            no_key.status,
            Status::Published,
            "no status key at all: published"
        );
    }

    #[test]
    fn credits_can_be_plain_strings() {
        let m = metadata_from_entries(vec![(
            "credits".into(),
            Value::List(vec![s("Source: Reuters")]),
        )]);
        assert_eq!(m.credits, vec![Credit::new("Source", "Reuters")]);
    }

    #[test]
    fn written_entries_read_back_to_the_same_metadata() {
        let m = Metadata {
            title: "T".into(),
            authors: vec![Author {
                name: "A".into(),
                bio: "Bio".into(),
            }],
            date: "2022-03-01".into(),
            status: Status::Ready,
            tags: vec!["x".into()],
            image: Image {
                alt: "alt only".into(),
                ..Default::default()
            },
            credits: vec![Credit::new("source", "Reuters")],
            extra: vec![("layout".into(), s("post"))],
            ..Default::default()
        };
        assert_eq!(metadata_from_entries(entries_from_metadata(&m)), m);
    }
}
