//! Property tests: saving and opening loses nothing; nothing panics; no
//! export carries a script, whatever the article holds.

use copydesk::analysis::{check, inspect};
use copydesk::export::{self, ExportFormat};
use copydesk::format::{self, FrontMatterKind, LineEnding, Origin};
use copydesk::import;
use copydesk::model::{Article, Author, Credit, Image, Metadata, Status, Value};
use proptest::prelude::*;

/// Text an editor could put in a field: words, punctuation YAML cares
/// about, quotes, accents, emoji, newlines, leading and trailing spaces.
fn field_text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[a-zA-Z0-9 ]{1,20}",
        "[ -~]{0,30}",
        "\\PC{0,20}",
        "[a-z: #'\"\\-\\[\\]{},&*!|>%@`]{1,15}",
        "[a-z ]{0,8}\n[a-z ]{0,8}",
        Just("true".to_string()),
        Just("2022-03-01".to_string()),
        Just("~".to_string()),
        Just("null".to_string()),
        Just("1.50".to_string()),
        Just("  leading and trailing  ".to_string()),
        Just("ends with newline\n".to_string()),
        Just("- looks like a list".to_string()),
        Just("“curly” — ’90s «guillemets»".to_string()),
    ]
}

fn extra_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::Integer),
        Just(Value::Float("1.5".into())),
        "[a-z ]{1,10}".prop_map(Value::String),
    ];
    leaf.prop_recursive(2, 8, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 1..3).prop_map(Value::List),
            prop::collection::vec(("x_[a-z]{1,5}", inner), 1..3).prop_map(|entries| {
                let mut seen = std::collections::HashSet::new();
                Value::Map(
                    entries
                        .into_iter()
                        .filter(|(k, _)| seen.insert(k.clone()))
                        .collect(),
                )
            }),
        ]
    })
}

fn article() -> impl Strategy<Value = Article> {
    let authors = prop::collection::vec(
        (field_text(), field_text()).prop_map(|(name, bio)| Author { name, bio }),
        0..3,
    );
    let credits = prop::collection::vec(
        (field_text(), field_text(), field_text()).prop_map(|(role, name, url)| Credit {
            role,
            name,
            url,
        }),
        0..3,
    );
    let image = (field_text(), field_text(), field_text(), field_text()).prop_map(
        |(src, alt, caption, credit)| Image {
            src,
            alt,
            caption,
            credit,
        },
    );
    let extra = prop::collection::vec(("x_[a-z]{1,6}", extra_value()), 0..3).prop_map(|entries| {
        let mut seen = std::collections::HashSet::new();
        entries
            .into_iter()
            .filter(|(k, _)| seen.insert(k.clone()))
            .collect::<Vec<_>>()
    });
    let texts = prop::collection::vec(field_text(), 10);
    let status = prop::sample::select(Status::ALL.to_vec());
    let tags = prop::collection::vec(field_text(), 0..4);
    let body = "\\PC{0,200}";
    (texts, authors, credits, image, extra, status, tags, body).prop_map(
        |(t, authors, credits, image, extra, status, tags, body)| Article {
            meta: Metadata {
                title: t[0].clone(),
                subtitle: t[1].clone(),
                original_title: t[2].clone(),
                original_lang: t[3].clone(),
                authors,
                date: t[4].clone(),
                status,
                tags,
                category: t[5].clone(),
                excerpt: t[6].clone(),
                slug: t[7].clone(),
                canonical_url: t[8].clone(),
                lang: t[9].clone(),
                image,
                credits,
                extra,
            },
            body: body.replace('\r', ""),
        },
    )
}

fn origin(kind: FrontMatterKind, line_ending: LineEnding) -> Origin {
    let mut origin = Origin::new_file();
    origin.front_matter = Some(kind);
    origin.line_ending = line_ending;
    origin
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn save_then_open_is_the_identity_in_yaml(article in article(), crlf in any::<bool>()) {
        let ending = if crlf { LineEnding::CrLf } else { LineEnding::Lf };
        let text = format::write_markdown(&article, &origin(FrontMatterKind::Yaml, ending));
        let doc = format::parse_markdown(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(&doc.article, &article, "{}", text);
        // And writing the opened document gives back the same bytes.
        prop_assert_eq!(format::write_markdown(&doc.article, &doc.origin), text);
    }

    #[test]
    fn save_then_open_is_the_identity_in_toml(mut article in article()) {
        // TOML has no null: a null nested in an unknown key is dropped.
        article.meta.extra.retain(|(_, v)| !contains_null(v));
        let text = format::write_markdown(&article, &origin(FrontMatterKind::Toml, LineEnding::Lf));
        let mut doc = format::parse_markdown(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        // TOML puts tables after plain keys, so unknown keys may change order
        // (a TOML table has no order anyway); compare them sorted.
        sort_entries(&mut doc.article.meta.extra);
        sort_entries(&mut article.meta.extra);
        prop_assert_eq!(&doc.article, &article, "{}", text);
    }

    #[test]
    fn import_export_inspect_and_check_never_panic(text in "\\PC{0,400}|([A-Za-z:.,“” \n-]{0,60}\n\n){0,8}") {
        let article = import::import_text(&text);
        for format in ExportFormat::ALL {
            let _ = export::export(&article, format);
        }
        let _ = inspect::inspect_json(&article);
        let _ = check::check(&article);
        let _ = copydesk::files::open_text(&text);
    }

    #[test]
    fn decoding_any_bytes_never_panics_and_keeps_utf8_as_it_is(
        bytes in proptest::collection::vec(any::<u8>(), 0..600),
        text in "\\PC{0,200}",
    ) {
        let _ = copydesk::files::decode(bytes);
        let decoded = copydesk::files::decode(text.clone().into_bytes());
        // Valid UTF-8 is read as UTF-8 (unless it holds a NUL: binary).
        if !text.contains('\0') {
            let decoded = decoded.map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(decoded.text, text);
            prop_assert!(decoded.encoding.is_utf8());
        }
    }

    #[test]
    fn front_matter_errors_never_panic(front in "([a-z]{1,6}: ?[\"'\\[{}\\]a-z ,:#\t-]{0,20}\n){0,6}", toml in any::<bool>()) {
        let fence = if toml { "+++" } else { "---" };
        let _ = format::parse_markdown(&format!("{fence}\n{front}{fence}\nBody\n"));
    }

    #[test]
    fn no_export_carries_a_script(article in article(), attack in attack()) {
        let mut article = article;
        article.meta.title = attack.clone();
        article.meta.image.alt = attack.clone();
        article.meta.image.src = attack.clone();
        article.meta.canonical_url = attack.clone();
        article.meta.authors.push(Author { name: attack.clone(), bio: attack.clone() });
        article.body = format!("{attack}\n\n[link]({attack})\n\n![{attack}]({attack})\nCaption {attack}\nCredit: {attack}\n");
        for format in [ExportFormat::Html, ExportFormat::Page, ExportFormat::WordPress] {
            let html = export::export(&article, format);
            prop_assert!(is_script_free(&html), "{:?} export of {:?}:\n{}", format, attack, html);
        }
    }
}

fn sort_entries(entries: &mut [(String, Value)]) {
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    for (_, v) in entries.iter_mut() {
        sort_value(v);
    }
}

fn sort_value(v: &mut Value) {
    match v {
        Value::Map(entries) => sort_entries(entries),
        Value::List(items) => items.iter_mut().for_each(sort_value),
        _ => {}
    }
}

fn contains_null(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::List(items) => items.iter().any(contains_null),
        Value::Map(entries) => entries.iter().any(|(_, v)| contains_null(v)),
        _ => false,
    }
}

/// Known attack strings, alone or glued to other text.
fn attack() -> impl Strategy<Value = String> {
    let known = prop::sample::select(copydesk_attacks());
    ("[a-z ]{0,5}", known, "[a-z ]{0,5}").prop_map(|(a, k, b)| format!("{a}{k}{b}"))
}

fn copydesk_attacks() -> Vec<String> {
    [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//x.js></SCRIPT>",
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)>",
        "<svg><script>alert(1)</script></svg>",
        "<iframe src=javascript:alert(1)>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "java\tscript:alert(1)",
        "&#106;avascript:alert(1)",
        "&#x6A;avascript:alert(1)",
        "\u{0001}javascript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "vbscript:msgbox(1)",
        "\"><script>alert(1)</script>",
        "' onmouseover='alert(1)",
        "\" onfocus=\"alert(1)\" autofocus=\"",
        "</title><script>alert(1)</script>",
        "</script><script>alert(1)</script>",
        "<scr<script>ipt>alert(1)</script>",
        "<img src=\"x\" alt=\"\" onerror=\"alert(1)\"",
        "<body onload=alert(1)>",
        "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
        "<object data=\"javascript:alert(1)\">",
        "<style>@import 'javascript:alert(1)';</style>",
        "<div style=\"background:url(javascript:alert(1))\">",
        "[x](javascript:alert(1))",
        "[x](<javascript:alert(1)>)",
        "![x](javascript:alert(1))",
        "<details open ontoggle=alert(1)>",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

/// No executable script: no `<script` but the JSON-LD block, no `iframe`,
/// `object`, `embed`, `svg` or `math` element, no event-handler or `style`
/// attribute, no `javascript:`/`vbscript:`/`data:` URL in an attribute.
/// Tags are tokenised like a browser does, quoted values included.
fn is_script_free(html: &str) -> bool {
    let lower = html.to_ascii_lowercase();
    let mut i = 0;
    let mut in_json_ld = false;
    while let Some(offset) = lower[i..].find('<') {
        let start = i + offset;
        let (name, attrs, end) = read_tag(&lower, start + 1);
        i = end;
        if in_json_ld {
            if name == "/script" {
                in_json_ld = false;
            }
            continue;
        }
        if name == "script" {
            if attrs == [("type".to_string(), "application/ld+json".to_string())] {
                in_json_ld = true;
                continue;
            }
            return false;
        }
        if [
            "iframe", "object", "embed", "svg", "math", "frame", "base", "form",
        ]
        .contains(&name.as_str())
        {
            return false;
        }
        for (attr, value) in &attrs {
            if attr.starts_with("on") || attr == "style" || attr == "srcdoc" {
                return false;
            }
            let squeezed: String = value
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect();
            let is_url = [
                "href",
                "src",
                "action",
                "formaction",
                "xlink:href",
                "data",
                "poster",
                "background",
                "cite",
                "srcset",
            ]
            .contains(&attr.as_str());
            if is_url
                && ["javascript:", "vbscript:", "data:"]
                    .iter()
                    .any(|s| squeezed.starts_with(s))
            {
                return false;
            }
        }
    }
    true
}

/// Reads a tag's name and attributes from just after its `<`; returns the
/// position after its `>`.
fn read_tag(s: &str, mut i: usize) -> (String, Vec<(String, String)>, usize) {
    let b = s.as_bytes();
    let name_start = i;
    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
        i += 1;
    }
    let name = s[name_start..i].trim_end_matches('/').to_string();
    let mut attrs = Vec::new();
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        if i >= b.len() || b[i] == b'>' {
            return (name, attrs, (i + 1).min(b.len()));
        }
        let a = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'=' && b[i] != b'>' {
            i += 1;
        }
        let attr = s[a..i].to_string();
        let mut value = String::new();
        if i < b.len() && b[i] == b'=' {
            i += 1;
            if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                let q = b[i];
                i += 1;
                let v = i;
                while i < b.len() && b[i] != q {
                    i += 1;
                }
                value = s[v..i].to_string();
                i += 1;
            } else {
                let v = i;
                while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                    i += 1;
                }
                value = s[v..i].to_string();
            }
        }
        attrs.push((attr, decode_entities(&value)));
    }
}

/// Decodes the character references a browser would in an attribute value.
fn decode_entities(value: &str) -> String {
    let mut out = String::new();
    let mut rest = value;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest.find(';').unwrap_or(0);
        let entity = &rest[1..end.max(1)];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "colon" => Some(':'),
            "tab" => Some('\t'),
            "newline" => Some('\n'),
            e if e.starts_with("#x") => u32::from_str_radix(&e[2..], 16)
                .ok()
                .and_then(char::from_u32),
            e if e.starts_with('#') => e[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match decoded {
            Some(c) if end > 0 => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn every_known_attack_is_neutralised_in_every_html_export() {
    for attack in copydesk_attacks() {
        let article = Article {
            meta: Metadata {
                title: attack.clone(),
                subtitle: attack.clone(),
                excerpt: attack.clone(),
                canonical_url: attack.clone(),
                tags: vec![attack.clone()],
                image: Image {
                    src: attack.clone(),
                    alt: attack.clone(),
                    caption: attack.clone(),
                    credit: attack.clone(),
                },
                authors: vec![Author {
                    name: attack.clone(),
                    bio: attack.clone(),
                }],
                credits: vec![Credit {
                    role: "source".into(),
                    name: attack.clone(),
                    url: attack.clone(),
                }],
                ..Default::default()
            },
            body: format!(
                "{attack}\n\n<p>{attack}</p>\n\nText {attack} text\n\n[l]({attack})\n\n![{attack}]({attack})\n{attack}\nCredit: {attack}\n"
            ),
        };
        for format in [
            ExportFormat::Html,
            ExportFormat::Page,
            ExportFormat::WordPress,
        ] {
            let html = export::export(&article, format);
            assert!(
                is_script_free(&html),
                "{format:?} export of {attack:?}:\n{html}"
            );
        }
    }
}

#[test]
fn the_script_detector_detects_scripts() {
    assert!(!is_script_free("<p><script>x</script></p>"));
    assert!(!is_script_free("<img src=x onerror=alert(1)>"));
    assert!(!is_script_free("<a href=\"java script:x\">"));
    assert!(!is_script_free("<a href=\"&#106;avascript:x\">"));
    assert!(!is_script_free("<a title='x' href=java&#x09;script:x>"));
    assert!(is_script_free(
        "<p>&lt;script&gt; javascript: is text here</p>"
    ));
    assert!(is_script_free(
        "<a href=\"img src=x onerror=alert(1)\">quoted, inert</a>"
    ));
}

/// One top-level entry of a generated front-matter block: its key and its
/// lines, in one of the styles real posts use.
fn yaml_entry(key: &'static str) -> impl Strategy<Value = (String, String)> {
    let word = "[a-z]{1,8}";
    let scalar = prop_oneof![
        field_text()
            .prop_filter("one line", |t| !t.contains('\n'))
            .prop_map(|t| serde_json::to_string(&t).unwrap()),
        "[A-Za-z][A-Za-z ]{0,20}[a-z]".prop_map(|t| t.to_string()),
        "[A-Za-z ]{1,20}".prop_map(|t| format!("'{t}'")),
    ];
    let list = prop_oneof![
        prop::collection::vec(word, 0..4).prop_map(|w| format!(" [{}]", w.join(", "))),
        (prop::collection::vec(word, 1..4), 0..3usize).prop_map(|(w, indent)| {
            let pad = " ".repeat(indent);
            w.iter()
                .map(|w| format!("\n{pad}- {w}"))
                .collect::<String>()
        }),
    ];
    let comment = prop_oneof![Just(""), Just("  # a comment")];
    match key {
        "tags" | "aliases" => (list, comment)
            .prop_map(move |(l, c)| {
                if l.starts_with('\n') {
                    (key.to_string(), format!("{key}:{c}{l}\n"))
                } else {
                    (key.to_string(), format!("{key}:{l}{c}\n"))
                }
            })
            .boxed(),
        _ => (scalar, comment)
            .prop_map(move |(v, c)| (key.to_string(), format!("{key}: {v}{c}\n")))
            .boxed(),
    }
}

/// A post's front matter: a title, some of the usual keys and some a
/// site invents, comments and blank lines between them, in any order.
fn front_matter() -> impl Strategy<Value = Vec<(String, String)>> {
    let optional = [
        "tags",
        "description",
        "slug",
        "layout",
        "aliases",
        "weight_note",
    ];
    (
        yaml_entry("title"),
        prop::collection::vec(any::<bool>(), optional.len()),
    )
        .prop_flat_map(move |(title, keep)| {
            let mut chosen: Vec<BoxedStrategy<(String, String)>> = vec![Just(title).boxed()];
            for (key, keep) in optional.iter().zip(keep) {
                if keep {
                    chosen.push(yaml_entry(key).boxed());
                }
            }
            (
                chosen,
                prop::collection::vec(prop_oneof![Just(""), Just("\n"), Just("# note\n")], 8),
            )
        })
        .prop_map(|(entries, gaps): (Vec<(String, String)>, Vec<&str>)| {
            entries
                .into_iter()
                .zip(gaps.into_iter().chain(std::iter::repeat("")))
                .map(|((k, text), gap)| (k, format!("{gap}{text}")))
                .collect()
        })
        .prop_shuffle()
}

/// The key path (as shown) of the field a `set` edit changes.
fn key_edited(edit: &copydesk::model::FieldEdit, origin: &Origin) -> String {
    use copydesk::model::{Field, FieldEdit};
    match edit {
        FieldEdit::Set(field, _) => origin.key_of(*field),
        FieldEdit::AddTag(_) | FieldEdit::RemoveTag(_) => origin.key_of(Field::Tags),
        FieldEdit::AddAuthor(_) => origin.key_of(Field::Authors),
        FieldEdit::AddCredit(_) => origin.key_of(Field::Credits),
        other => unreachable!("not generated: {other}"),
    }
}

/// The first line of `before` (0-based) that the change to `after`
/// removed or replaced and that is not among `allowed`.
fn changed_outside(
    before: &str,
    after: &str,
    allowed: &std::collections::BTreeSet<usize>,
) -> Option<usize> {
    similar::TextDiff::from_lines(before, after)
        .ops()
        .iter()
        .find_map(|op| match *op {
            similar::DiffOp::Delete {
                old_index, old_len, ..
            }
            | similar::DiffOp::Replace {
                old_index, old_len, ..
            } => (old_index..old_index + old_len).find(|i| !allowed.contains(i)),
            _ => None,
        })
}

fn set_edit() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z][A-Za-z ,:'!?]{0,30}".prop_map(|t| format!("title={t}")),
        "[a-z]{1,8}".prop_map(|t| format!("tags+={t}")),
        "[a-z]{1,8}".prop_map(|t| format!("tags-={t}")),
        "[A-Za-z][A-Za-z .]{0,30}".prop_map(|t| format!("excerpt={t}")),
        "[a-z-]{1,12}".prop_map(|t| format!("slug={t}")),
        Just("status=published".to_string()),
        "[A-Z][a-z]{1,8} [A-Z][a-z]{1,8}".prop_map(|t| format!("authors+={t}")),
        "[a-z]{1,8}".prop_map(|t| format!("credits+=source:{t}")),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

    /// `set` (and Save) on any post: reading the result gives the old values
    /// plus exactly the edit, and every line outside the edited field keeps
    /// its bytes.
    #[test]
    fn one_edit_changes_that_field_and_no_other_line(entries in front_matter(), edit in set_edit()) {
        let front: String = entries.iter().map(|(_, t)| t.as_str()).collect();
        let text = format!("---\n{front}---\n\nThe body.\n");
        let doc = format::parse_markdown(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        let edit: copydesk::model::FieldEdit = edit.parse().unwrap();
        let mut expected = doc.article.clone();
        edit.apply(&mut expected.meta, &|_| None);
        let written = format::write_markdown(&expected, &doc.origin);
        let again = format::parse_markdown(&written).map_err(|e| TestCaseError::fail(format!("{e}\n{written}")))?;
        prop_assert_eq!(&again.article, &expected, "{}\n=>\n{}", text, written);

        // The lines of the field's key (the key the file has for it).
        let field_key = key_edited(&edit, &doc.origin);
        let mut line = 1; // after the opening fence
        let mut field_lines = std::collections::BTreeSet::new();
        for (key, entry) in &entries {
            let n = entry.lines().count();
            let gap = entry.lines().take_while(|l| !l.starts_with(key.as_str())).count();
            if *key == field_key {
                field_lines.extend(line + gap..line + n);
            }
            line += n;
        }
        if let Some(line) = changed_outside(&text, &written, &field_lines) {
            prop_assert!(false, "line {} changed outside `{}`:\n{}\n=>\n{}", line + 1, field_key, text, written);
        }
    }
}

/// A TOML post's root keys (each with its lines) in the styles Hugo and
/// Zola posts use, then a table.
fn toml_front_matter() -> impl Strategy<Value = (Vec<(String, String)>, String)> {
    let basic = "[A-Za-z][A-Za-z ,:'!?]{0,30}".prop_map(|t| serde_json::to_string(&t).unwrap());
    let literal = "[A-Za-z][A-Za-z ,:!?]{0,30}".prop_map(|t| format!("'{t}'"));
    let string = prop_oneof![basic, literal];
    let tags = prop_oneof![
        prop::collection::vec("[a-z]{1,8}", 0..4).prop_map(|w| format!(
            "[{}]",
            w.iter()
                .map(|t| format!("\"{t}\""))
                .collect::<Vec<_>>()
                .join(", ")
        )),
        prop::collection::vec("[a-z]{1,8}", 1..4).prop_map(|w| format!(
            "[\n{}]",
            w.iter()
                .map(|t| format!("  \"{t}\",\n"))
                .collect::<String>()
        )),
    ];
    let comment = prop_oneof![Just(""), Just(" # a comment")];
    (
        (string.clone(), comment.clone())
            .prop_map(|(s, c)| ("title".to_string(), format!("title = {s}{c}\n"))),
        prop::option::of(tags.prop_map(|t| ("tags".to_string(), format!("tags = {t}\n")))),
        prop::option::of(
            string
                .clone()
                .prop_map(|s| ("description".to_string(), format!("description = {s}\n"))),
        ),
        prop::option::of(
            "[a-z-]{1,10}".prop_map(|s| ("slug".to_string(), format!("slug = \"{s}\"\n"))),
        ),
        prop::option::of(
            (0..100i32).prop_map(|n| ("weight".to_string(), format!("weight = {n}\n"))),
        ),
        prop_oneof![
            Just(String::new()),
            Just("\n[extra]\nmood = 1\n".to_string()),
            Just("\n[params]\nsubtitle = \"x\"\n".to_string())
        ],
    )
        .prop_map(|(title, tags, description, slug, weight, table)| {
            let mut entries = vec![title];
            entries.extend(tags);
            entries.extend(description);
            entries.extend(slug);
            entries.extend(weight);
            (entries, table)
        })
        .prop_shuffle_entries()
}

trait ShuffleEntries {
    fn prop_shuffle_entries(self) -> BoxedStrategy<(Vec<(String, String)>, String)>;
}

impl<S: Strategy<Value = (Vec<(String, String)>, String)> + 'static> ShuffleEntries for S {
    fn prop_shuffle_entries(self) -> BoxedStrategy<(Vec<(String, String)>, String)> {
        self.prop_flat_map(|(entries, table)| (Just(entries).prop_shuffle(), Just(table)))
            .boxed()
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

    /// The same for TOML (`+++`), edited through toml_edit.
    #[test]
    fn one_edit_changes_that_field_and_no_other_line_in_toml((entries, table) in toml_front_matter(), edit in set_edit()) {
        let front: String = entries.iter().map(|(_, t)| t.as_str()).collect();
        let text = format!("+++\n{front}{table}+++\n\nThe body.\n");
        let doc = format::parse_markdown(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        let edit: copydesk::model::FieldEdit = edit.parse().unwrap();
        let mut expected = doc.article.clone();
        edit.apply(&mut expected.meta, &|_| None);
        let written = format::write_markdown(&expected, &doc.origin);
        let again = format::parse_markdown(&written).map_err(|e| TestCaseError::fail(format!("{e}\n{written}")))?;
        prop_assert_eq!(&again.article.meta.title, &expected.meta.title, "{}\n=>\n{}", text, written);
        prop_assert_eq!(&again.article, &expected, "{}\n=>\n{}", text, written);
        let field_key = key_edited(&edit, &doc.origin);
        let mut line = 1;
        let mut field_lines = std::collections::BTreeSet::new();
        for (key, entry) in &entries {
            let n = entry.lines().count();
            if field_key == *key || field_key.ends_with(&format!(".{key}")) {
                field_lines.extend(line..line + n);
            }
            line += n;
        }
        if let Some(line) = changed_outside(&text, &written, &field_lines) {
            prop_assert!(false, "line {} changed outside `{}`:\n{}\n=>\n{}", line + 1, field_key, text, written);
        }
    }
}
