use super::*;
use crate::model::{Author, Value};

fn article(lang: &str, body: &str) -> Article {
    let mut a = Article::default();
    a.meta.lang = lang.into();
    a.body = body.into();
    a
}

#[test]
fn cleans_body_and_text_fields_but_not_names_keys_or_code() {
    let mut a = article(
        "en",
        "He said \"it's  ready\" ...\n\n\n`don't \"touch\"`\n\nthumbnail\n",
    );
    a.meta.title = "  The \"Leica\"  phone ".into();
    a.meta.authors = vec![Author {
        name: "Conor  O'Brien".into(),
        bio: "Conor's \"bio\"".into(),
    }];
    a.meta.extra = vec![("x_key's".into(), Value::String("a  \"b\"".into()))];
    let cleaned = clean(&a, &Fix::ALL);
    let c = &cleaned.article;
    assert_eq!(c.body, "He said “it’s ready” …\n\n`don't \"touch\"`\n");
    assert_eq!(c.meta.title, "The “Leica” phone");
    assert_eq!(c.meta.authors[0].name, "Conor O'Brien");
    assert_eq!(c.meta.authors[0].bio, "Conor’s “bio”");
    assert_eq!(
        c.meta.extra, a.meta.extra,
        "unknown keys and values are left"
    );
    let counts = cleaned.counts();
    assert!(counts.contains(&(Fix::Quotes, 8)), "{counts:?}");
    assert!(counts.contains(&(Fix::Leftovers, 1)), "{counts:?}");
}

#[test]
fn only_the_chosen_fixes_run() {
    let a = article("en", "a  \"b\"...");
    let cleaned = clean(&a, &[Fix::SpaceRuns]);
    assert_eq!(cleaned.article.body, "a \"b\"...");
    assert_eq!(cleaned.counts(), vec![(Fix::SpaceRuns, 1)]);
    assert!(clean(&a, &[]).changes.is_empty());
}

#[test]
fn a_clean_article_stays_as_it_is_and_cleaning_twice_changes_nothing_more() {
    for lang in ["en", "fr", "de", "it"] {
        let a = article(
            lang,
            "## Title\n\n\"Quote 'inner' here\" -- and... more : yes ! « a » \u{a0}x\n\n- item  one\n",
        );
        let once = clean(&a, &Fix::ALL).article;
        let twice = clean(&once, &Fix::ALL);
        assert_eq!(twice.article, once, "{lang}");
        assert!(twice.changes.is_empty(), "{lang}: {:?}", twice.changes);
    }
}

#[test]
fn french_typography_end_to_end() {
    let a = article("fr", "Il a dit : \"C'est prêt\"... Vraiment ?");
    assert_eq!(
        clean(&a, &Fix::ALL).article.body,
        "Il a dit\u{a0}: «\u{a0}C’est prêt\u{a0}»… Vraiment\u{202f}?"
    );
}

#[test]
fn changes_name_their_place_and_show_context() {
    let a = article("en", "first\n\nsecond  line");
    let cleaned = clean(&a, &[Fix::SpaceRuns]);
    assert_eq!(
        cleaned.changes,
        vec![Change {
            fix: Fix::SpaceRuns,
            place: Place::Body(3),
            before: "second  line".into(),
            after: "second line".into(),
            count: 1,
        }]
    );
    assert_eq!(cleaned.summary(), "spaces: 1 change (Runs of spaces)\n");
}

#[test]
fn fixes_round_trip_their_keys() {
    for fix in Fix::ALL {
        assert_eq!(Fix::from_key(fix.key()), Some(fix));
    }
    assert_eq!(Fix::from_key("nope"), None);
}

#[test]
fn sample_drafts_clean_without_losing_words() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_docs");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let doc = crate::files::open(&path).unwrap().document;
        let cleaned = clean(&doc.article, &Fix::ALL).article;
        let words = |s: &str| crate::analysis::stats::word_count(s);
        let (before, after) = (words(&doc.article.body), words(&cleaned.body));
        // Leftovers and repeated captions go (the Sony sample has three
        // such lines, 6 words); nothing else does.
        assert!(
            after + 6 >= before,
            "{}: {before} → {after} words",
            path.display()
        );
        assert_eq!(
            clean(&cleaned, &Fix::ALL).article,
            cleaned,
            "{}",
            path.display()
        );
    }
}

#[test]
fn changes_name_the_lines_of_the_draft_as_it_was() {
    // Leftovers and blank lines go first; the later fixes still name the
    // lines the editor sees before applying the clean-up.
    let body = "thumbnail\n\nA  b\n\n\n\nC -- d\n\nthumbnail\n\n\"E\"\n";
    let (cleaned, changes) = clean_body(body, "en", &Fix::ALL);
    assert_eq!(cleaned, "A b\n\nC – d\n\n“E”\n");
    let line_of = |fix: Fix| -> Vec<Place> {
        changes
            .iter()
            .filter(|c| c.fix == fix)
            .map(|c| c.place.clone())
            .collect()
    };
    assert_eq!(line_of(Fix::Leftovers), [Place::Body(1), Place::Body(9)]);
    assert_eq!(line_of(Fix::SpaceRuns), [Place::Body(3)]);
    assert_eq!(line_of(Fix::Dashes), [Place::Body(7)]);
    assert_eq!(line_of(Fix::Quotes), [Place::Body(11)]);
}

#[test]
fn line_origins_follow_insertions_and_deletions() {
    let text = "one\ntwo\nthree\nfour\n";
    let edits = vec![
        Edit::new(0..4, ""),
        Edit::new(8..8, "new\n"),
        Edit::new(13..13, "x"),
    ];
    let next = edits::apply(text, &edits);
    assert_eq!(next, "two\nnew\nthreex\nfour\n");
    // two, new (made where "three" starts), three, four, and the empty end.
    assert_eq!(edits::line_origins(text, &edits, &next), [1, 2, 2, 3, 4]);
}
