//! Front-matter keys ↔ [`Metadata`]: the keys Copydesk writes, the aliases
//! other tools write that it reads, and everything else kept as it was.

use crate::model::{Author, Credit, Image, Metadata, Status, Value};

/// The keys each field is read from, Copydesk's own first. A later key of
/// a field is read only when no earlier one could be.
const TITLE: &[&str] = &["title"];
const SUBTITLE: &[&str] = &["subtitle", "dek", "standfirst", "subheading"];
const ORIGINAL_TITLE: &[&str] = &["original_title", "original-title", "title_original"];
const ORIGINAL_LANG: &[&str] = &["original_lang", "original_language", "original-lang"];
const AUTHORS: &[&str] = &["authors", "author"];
const DATE: &[&str] = &[
    "date",
    "published",
    "pubDate",
    "publishDate",
    "date_published",
];
const STATUS: &[&str] = &["status", "draft"];
const TAGS: &[&str] = &["tags", "keywords"];
const CATEGORY: &[&str] = &["category", "categories"];
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
const IMAGE: &[&str] = &["image", "feature_image", "featured_image", "cover"];
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

/// Reads metadata from front-matter entries. A key is taken by the first
/// field that wants it and can read its value; every other key, including a
/// known one with a value of the wrong shape, is kept in `extra`.
pub fn metadata_from_entries(entries: Vec<(String, Value)>) -> Metadata {
    let mut taken = vec![false; entries.len()];
    // Takes the first of `keys` whose value `read` accepts. The field's own
    // key, spelt exactly as Copydesk writes it, decides alone: when its value
    // cannot be read, no other spelling or alias stands in for it.
    let mut take = |keys: &[&str], read: &mut dyn FnMut(&str, &Value) -> bool| -> bool {
        if let Some(i) = entries.iter().position(|(k, _)| k == keys[0]) {
            if !taken[i] && read(keys[0], &entries[i].1) {
                taken[i] = true;
                return true;
            }
            return false;
        }
        for key in keys {
            if let Some(i) = entries
                .iter()
                .enumerate()
                .position(|(i, (k, _))| !taken[i] && k.eq_ignore_ascii_case(key))
                && read(key, &entries[i].1)
            {
                taken[i] = true;
                return true;
            }
        }
        false
    };
    let mut m = Metadata::default();
    take(TITLE, &mut |_, v| set_text(&mut m.title, v));
    take(SUBTITLE, &mut |_, v| set_text(&mut m.subtitle, v));
    take(ORIGINAL_TITLE, &mut |_, v| {
        set_text(&mut m.original_title, v)
    });
    take(ORIGINAL_LANG, &mut |_, v| set_text(&mut m.original_lang, v));
    take(AUTHORS, &mut |_, v| read_authors(&mut m.authors, v));
    take(DATE, &mut |_, v| set_text(&mut m.date, v));
    take(STATUS, &mut |key, v| match (key, v) {
        ("draft", Value::Bool(draft)) => {
            m.status = if *draft {
                Status::Draft
            } else {
                Status::Published
            };
            true
        }
        ("draft", _) => false,
        (_, v) => match v.as_text().as_deref().and_then(Status::parse) {
            Some(s) => {
                m.status = s;
                true
            }
            None => false,
        },
    });
    take(TAGS, &mut |_, v| read_list(&mut m.tags, v));
    take(CATEGORY, &mut |key, v| match (key, v) {
        // `categories: [Phones]`: one category is ours; several stay as written.
        ("categories", Value::List(items)) if items.len() == 1 => {
            set_text(&mut m.category, &items[0])
        }
        ("categories", Value::List(_)) => false,
        (_, v) => set_text(&mut m.category, v),
    });
    take(EXCERPT, &mut |_, v| set_text(&mut m.excerpt, v));
    take(SLUG, &mut |_, v| set_text(&mut m.slug, v));
    take(CANONICAL_URL, &mut |_, v| set_text(&mut m.canonical_url, v));
    take(LANG, &mut |key, v| {
        set_text(&mut m.lang, v) && {
            // `locale: en_US` (Jekyll, Hugo) as a language tag.
            if key == "locale" {
                m.lang = m.lang.replace('_', "-");
            }
            true
        }
    });
    take(IMAGE, &mut |_, v| read_image(&mut m.image, v));
    take(CREDITS, &mut |_, v| read_credits(&mut m.credits, v));

    m.extra = entries
        .into_iter()
        .zip(taken)
        .filter(|(_, t)| !t)
        .map(|(e, _)| e)
        .collect();
    m
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

/// `tags: [a, b]`, or a comma-separated string `tags: a, b`.
fn read_list(field: &mut Vec<String>, value: &Value) -> bool {
    match value {
        Value::List(items) if items.iter().all(|i| i.as_text().is_some()) => {
            *field = items.iter().filter_map(Value::as_text).collect();
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
