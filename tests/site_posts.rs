//! Real sites' posts edited in place (tests/posts: Jekyll, Hugo, Zola,
//! Eleventy, Astro, Gatsby and Obsidian styles). Each is opened as the app
//! and the command line open it; saving it untouched gives back its bytes;
//! a title edit and a tag addition, read back by an independent reader
//! (PyYAML and Python's tomllib, tests/support/reread.py), change only the
//! title and the tags, and every other line keeps its bytes.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value as Json;

const NEW_TITLE: &str = "Edited: a new title?";
const NEW_TAG: &str = "copydesk-test";

fn posts() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/posts")
}

fn expectations() -> Vec<(String, Json)> {
    let text = std::fs::read_to_string(posts().join("expect.json")).unwrap();
    let Json::Object(map) = serde_json::from_str(&text).unwrap() else {
        panic!("expect.json is an object")
    };
    map.into_iter().collect()
}

fn reread(path: &Path) -> Json {
    let out = Command::new("python3")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/reread.py"))
        .arg(path)
        .output()
        .expect("python3 runs (CI installs PyYAML)");
    assert!(
        out.status.success(),
        "{}: {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn at<'a>(front: &'a Json, dotted: &str) -> Option<&'a Json> {
    dotted.split('.').try_fold(front, |v, k| v.get(k))
}

/// Tags as the generator reads them: a list, or (Jekyll) a string of words.
fn tags_of(value: Option<&Json>, generator: &str) -> Vec<String> {
    match value {
        Some(Json::Array(items)) => items
            .iter()
            .map(|i| i.as_str().map_or_else(|| i.to_string(), String::from))
            .collect(),
        Some(Json::String(s)) if generator == "jekyll" => {
            s.split_whitespace().map(String::from).collect()
        }
        Some(Json::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    }
}

fn without(front: &Json, keys: &[&str]) -> Json {
    let mut front = front.clone();
    for key in keys {
        let path: Vec<&str> = key.split('.').collect();
        let (last, parents) = path.split_last().unwrap();
        let parent = parents
            .iter()
            .try_fold(&mut front, |map, p| map.get_mut(*p));
        if let Some(obj) = parent.and_then(|m| m.as_object_mut()) {
            obj.remove(*last);
        }
        // A table left empty by the removal (Zola's [taxonomies] added for
        // the tag) is no change of its own.
        if parents.len() == 1
            && front
                .get(parents[0])
                .is_some_and(|t| t.as_object().is_some_and(|o| o.is_empty()))
        {
            front.as_object_mut().unwrap().remove(parents[0]);
        }
    }
    front
}

#[test]
fn there_are_enough_posts_in_enough_styles() {
    let all = expectations();
    let generators: std::collections::BTreeSet<_> = all
        .iter()
        .map(|(_, e)| e["generator"].as_str().unwrap().to_string())
        .collect();
    assert!(all.len() >= 25, "{} posts", all.len());
    assert!(generators.len() >= 7, "{generators:?}");
}

#[test]
fn an_untouched_post_is_saved_and_exported_byte_for_byte() {
    for (name, _) in expectations() {
        let path = posts().join(&name);
        let bytes = std::fs::read(&path).unwrap();
        let opened = copydesk::files::open(&path).unwrap();
        assert!(!opened.imported, "{name} opens in place");
        let written =
            copydesk::format::write_markdown(&opened.document.article, &opened.document.origin);
        assert!(
            written.as_bytes() == bytes,
            "{name}: save changed the bytes"
        );
        let out = Command::new(env!("CARGO_BIN_EXE_copydesk"))
            .args(["export", "--to", "markdown"])
            .arg(&path)
            .output()
            .unwrap();
        assert!(out.status.success(), "{name}");
        assert!(
            out.stdout == bytes,
            "{name}: export --to markdown changed the bytes"
        );
    }
}

#[test]
fn a_title_edit_and_a_new_tag_change_only_those_fields() {
    let dir = tempfile::tempdir().unwrap();
    for (name, expect) in expectations() {
        let generator = expect["generator"].as_str().unwrap();
        let title_key = expect["title_key"].as_str().unwrap();
        let tags_key = expect["tags_key"].as_str().unwrap();
        let path = posts().join(&name);
        let opened = copydesk::files::open(&path).unwrap();
        let mut article = opened.document.article.clone();
        assert_eq!(
            article.meta.title,
            expect["title"].as_str().unwrap(),
            "{name}"
        );
        let want_tags: Vec<String> = expect["tags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_str().unwrap().to_string())
            .collect();
        assert_eq!(
            article.meta.tags, want_tags,
            "{name}: tags as the site reads them"
        );

        article.meta.title = NEW_TITLE.into();
        article.meta.tags.push(NEW_TAG.into());
        let written = copydesk::format::write_markdown(&article, &opened.document.origin);
        let edited = dir.path().join(name.replace('/', "__"));
        std::fs::write(&edited, &written).unwrap();

        let before = reread(&path);
        let after = reread(&edited);
        for raw in ["bom", "line_endings", "final_newline"] {
            assert_eq!(before[raw], after[raw], "{name}: {raw}");
        }
        let body = |read: &Json| {
            let body = read["body"].as_str().unwrap().to_string();
            if title_key == "#" {
                // The heading is the title: the rest of the body is untouched.
                body.split_once('\n')
                    .map_or(String::new(), |(_, rest)| rest.to_string())
            } else {
                body
            }
        };
        assert_eq!(body(&before), body(&after), "{name}: the body is untouched");
        // The title.
        if title_key == "#" {
            assert_eq!(after["heading"], NEW_TITLE, "{name}");
        } else {
            assert_eq!(at(&after["front"], title_key).unwrap(), NEW_TITLE, "{name}");
        }
        // The tags: the old ones and the new one.
        let mut tags = tags_of(at(&before["front"], tags_key), generator);
        tags.push(NEW_TAG.into());
        assert_eq!(
            tags_of(at(&after["front"], tags_key), generator),
            tags,
            "{name}"
        );
        // Nothing else.
        let keys = [title_key, tags_key];
        assert_eq!(
            without(&before["front"], &keys),
            without(&after["front"], &keys),
            "{name}: only the title and tags change"
        );

        // Line by line: what was removed or added is the title's or the tags'.
        let old = std::fs::read_to_string(&path).unwrap();
        let diff = similar::TextDiff::from_lines(&old, &written);
        let title_word = title_key.rsplit('.').next().unwrap().to_lowercase();
        let tags_word = tags_key.rsplit('.').next().unwrap().to_lowercase();
        let old_title = expect["title"].as_str().unwrap().to_lowercase();
        for change in diff.iter_all_changes() {
            let line = change.value().to_lowercase();
            let line = line.trim();
            let ours = line.is_empty()
                || line.contains(&title_word)
                || line.contains(&tags_word)
                || line.contains(&old_title)
                || line.contains(&NEW_TITLE.to_lowercase())
                || line.contains(NEW_TAG)
                || want_tags.iter().any(|t| line.contains(&t.to_lowercase()))
                || ["---", "+++", "[taxonomies]", "]"].contains(&line)
                || line.starts_with("# ");
            assert!(
                change.tag() == similar::ChangeTag::Equal || ours,
                "{name}: an unrelated line changed: {:?}",
                change.value()
            );
        }
    }
}
