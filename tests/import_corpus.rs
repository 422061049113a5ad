//! The importer scored on the corpus of scraped drafts (tests/corpus): each
//! draft's import is compared, field by field, with what an editor marked
//! in its `.expect.json`. The per-field accuracy is printed; the test fails
//! when a field or the whole falls below the level reached.
//!
//! `tests/corpus/holdout/` holds a quarter written after the importer, from
//! sites its rules were not written against: it is scored apart, to see
//! whether the rules are general (the fourth quarter, there now, scored
//! 66.0 % when first imported). When the folder is absent the test says
//! so; a folder without drafts fails rather than passing on nothing.

use std::path::{Path, PathBuf};

use copydesk::import::label::{FIELDS, as_marked, marked_json};
use serde_json::Value as Json;

/// What the test holds the importer to (fractions of drafts right).
const MIN_OVERALL: f64 = 0.875;
/// The first scores of held-out quarters were 57.6 %, 65.9 % and 57.9 %.
const MIN_HOLDOUT: f64 = 0.55;

fn corpus(dir: &Path) -> Vec<PathBuf> {
    let mut drafts: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    drafts.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    drafts.sort();
    drafts
}

/// The import of a draft, in the expect.json's shape. With
/// `COPYDESK_IMPORT_RULES=1`, by the rules alone (`import --rules`), to
/// compare the two on a new quarter.
fn imported(path: &Path) -> Json {
    let text = std::fs::read_to_string(path).unwrap();
    if std::env::var_os("COPYDESK_IMPORT_RULES").is_some() {
        return as_marked(&copydesk::import::import_rules_explained(&text).0);
    }
    as_marked(&copydesk::import::import_text(&text))
}

fn expected(path: &Path) -> Json {
    marked_json(&std::fs::read_to_string(path.with_extension("expect.json")).unwrap()).unwrap()
}

/// Right answers per field over a set of drafts; prints the misses.
fn score(drafts: &[PathBuf]) -> Vec<usize> {
    let mut right = vec![0; FIELDS.len()];
    for path in drafts {
        let got = imported(path);
        let want = expected(path);
        for (i, field) in FIELDS.iter().enumerate() {
            if got[field] == want[field] {
                right[i] += 1;
            } else {
                println!(
                    "  {} {field}: got {} want {}",
                    path.file_stem().unwrap().to_string_lossy(),
                    got[field],
                    want[field]
                );
            }
        }
    }
    right
}

fn report(name: &str, drafts: &[PathBuf], right: &[usize]) -> f64 {
    let n = drafts.len().max(1);
    println!("{name}: {} drafts", drafts.len());
    for (field, r) in FIELDS.iter().zip(right) {
        println!(
            "  {field:16} {r:3}/{n}  {:5.1} %",
            100.0 * *r as f64 / n as f64
        );
    }
    let overall = right.iter().sum::<usize>() as f64 / (n * FIELDS.len()) as f64;
    println!("  {:16} {:5.1} %", "overall", 100.0 * overall);
    overall
}

#[test]
fn the_importer_marks_unseen_drafts_as_an_editor_would() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let main = corpus(&root);
    assert!(main.len() >= 30, "{} drafts", main.len());
    let right = score(&main);
    let overall = report("corpus", &main, &right);
    // The threshold holds the shipped import, not the rules alone.
    assert!(
        overall >= MIN_OVERALL || std::env::var_os("COPYDESK_IMPORT_RULES").is_some(),
        "overall {overall:.3} < {MIN_OVERALL}"
    );
    let dir = root.join("holdout");
    // While a design is developed the held-out quarter must stay unseen:
    // `COPYDESK_STUDIED_ONLY=1` scores the studied drafts only.
    if std::env::var_os("COPYDESK_STUDIED_ONLY").is_some() {
        println!("held-out quarter: not scored (COPYDESK_STUDIED_ONLY)");
        return;
    }
    if !dir.is_dir() {
        println!("held-out quarter: none (no tests/corpus/holdout/), not scored");
        return;
    }
    let holdout = corpus(&dir);
    assert!(
        !holdout.is_empty(),
        "tests/corpus/holdout/ holds no drafts: nothing to score"
    );
    let right = score(&holdout);
    let held = report("held-out quarter", &holdout, &right);
    assert!(held >= MIN_HOLDOUT, "held-out {held:.3} < {MIN_HOLDOUT}");
}
