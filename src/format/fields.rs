//! Front-matter keys ↔ [`Metadata`]: the keys Copydesk writes, the aliases
//! other tools write that it reads, and everything else kept as it was.

use crate::model::{Author, Credit, Image, Metadata, Status, Value};

/// Reads metadata from front-matter entries. A key is taken by the first
/// field that wants it and can read its value; every other key, including a
/// known one with a value of the wrong shape, is kept in `extra`.
pub fn metadata_from_entries(entries: Vec<(String, Value)>) -> Metadata {
    let mut taken = vec![false; entries.len()];
    let mut take = |keys: &[&str], read: &mut dyn FnMut(&Value) -> bool| {
        for key in keys {
            if let Some(i) = entries
                .iter()
                .enumerate()
                .position(|(i, (k, _))| !taken[i] && k.eq_ignore_ascii_case(key))
                && read(&entries[i].1)
            {
                taken[i] = true;
                return;
            }
        }
    };
    let mut m = Metadata::default();
    take(&["title"], &mut |v| set_text(&mut m.title, v));
    take(&["subtitle", "dek", "standfirst", "subheading"], &mut |v| {
        set_text(&mut m.subtitle, v)
    });
    take(
        &["original_title", "original-title", "title_original"],
        &mut |v| set_text(&mut m.original_title, v),
    );
    take(
        &["original_lang", "original_language", "original-lang"],
        &mut |v| set_text(&mut m.original_lang, v),
    );
    take(&["authors", "author"], &mut |v| {
        read_authors(&mut m.authors, v)
    });
    take(
        &[
            "date",
            "published",
            "pubDate",
            "publishDate",
            "date_published",
        ],
        &mut |v| set_text(&mut m.date, v),
    );
    let mut status_found = false;
    take(
        &["status"],
        &mut |v| match v.as_text().as_deref().and_then(Status::parse) {
            Some(s) => {
                m.status = s;
                status_found = true;
                true
            }
            None => false,
        },
    );
    if !status_found {
        take(&["draft"], &mut |v| match v {
            Value::Bool(draft) => {
                m.status = if *draft {
                    Status::Draft
                } else {
                    Status::Published
                };
                true
            }
            _ => false,
        });
    }
    take(&["tags", "keywords"], &mut |v| read_list(&mut m.tags, v));
    take(&["category"], &mut |v| set_text(&mut m.category, v));
    if m.category.is_empty() {
        take(&["categories"], &mut |v| match v {
            Value::List(items) if items.len() == 1 => set_text(&mut m.category, &items[0]),
            Value::String(_) => set_text(&mut m.category, v),
            _ => false,
        });
    }
    take(
        &["excerpt", "description", "summary", "meta_description"],
        &mut |v| set_text(&mut m.excerpt, v),
    );
    take(&["slug"], &mut |v| set_text(&mut m.slug, v));
    take(
        &[
            "canonical_url",
            "canonical",
            "canonicalURL",
            "source_url",
            "original_url",
        ],
        &mut |v| set_text(&mut m.canonical_url, v),
    );
    take(&["lang", "language"], &mut |v| set_text(&mut m.lang, v));
    if m.lang.is_empty() {
        // `locale: en_US` (Jekyll, Hugo) as a language tag.
        take(&["locale"], &mut |v| {
            set_text(&mut m.lang, v) && {
                m.lang = m.lang.replace('_', "-");
                true
            }
        });
    }
    take(
        &["image", "feature_image", "featured_image", "cover"],
        &mut |v| read_image(&mut m.image, v),
    );
    take(&["credits"], &mut |v| read_credits(&mut m.credits, v));

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
    out.extend(m.extra.iter().cloned());
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
