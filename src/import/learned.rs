//! The learned classifier over the rules: every unit of the draft gets a
//! label from one decoding pass of the model, and where the model is sure
//! the rules took a unit for the wrong thing the article is corrected to
//! its label (a paragraph becomes the subtitle, a heading prose, chrome a
//! paragraph …). The weights are learned from the
//! corpus of drafts (`cargo run --example train_import`) and committed in
//! `import_weights.txt`; a test checks they are what training produces.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use super::features::features;
use super::label::{Expected, LABELS, Label, gold_labels, marked_json};
use super::lines::*;
use super::perceptron::{Example, Model};
use super::{Decision, Unit, chrome, escape_text, head};
use crate::model::{Article, Author};

/// How sure the model must be to override the rules (see `revise`).
pub const MARGIN: f64 = 0.3;

/// Whether the rules' verdicts are among the model's features. They are
/// not: on the drafts it learns from, the rules (written on those drafts)
/// are nearly always right, so a model given their verdict learns to trust
/// it, and corrects them less where they meet a site they have not seen
/// (see README: 68.7 % with, 69.8 % without, at margin 0).
pub const WITH_RULES: bool = false;

/// Drafts with fewer units are left to the rules.
const MIN_UNITS: usize = 5;

/// Drafts with more units are left to the rules too: the model learned
/// from article-length pages (the corpus's longest draft has 65 lines), and
/// running every unit of a book-length draft through its features would
/// triple the import time for nothing it was trained on.
const MAX_UNITS: usize = 1000;

/// Passes over the corpus when training.
pub const EPOCHS: usize = 12;

static MODEL: LazyLock<Model> = LazyLock::new(|| {
    Model::parse(include_str!("import_weights.txt"))
        .expect("the committed import weights parse (checked by a test)")
});

/// The committed model.
pub fn model() -> &'static Model {
    &MODEL
}

/// The rules' label of each unit (one decision a unit).
fn rule_labels(decisions: &[Decision], n: usize) -> Option<Vec<Label>> {
    (decisions.len() == n && decisions.iter().enumerate().all(|(i, d)| d.unit == i))
        .then(|| decisions.iter().map(|d| Label::of_class(d.class)).collect())
}

/// The rules' label of each unit of a draft (for comparing with gold).
pub fn rule_labels_of(text: &str) -> Option<Vec<Label>> {
    let (raw, _, decisions) = super::import_by_rules(text, true)?;
    rule_labels(&decisions, raw.len())
}

/// A training draft: its units' features (with their names) and the gold
/// labels derived from what the editor marked.
pub fn example(
    text: &str,
    expected: &Expected,
    with_rules: bool,
) -> Option<(Example, HashMap<u64, String>)> {
    let (raw, _, decisions) = super::import_by_rules(text, true)?;
    example_from(&raw, &decisions, expected, with_rules)
}

/// A training draft from its units and some rules' decisions on them.
pub fn example_from(
    raw: &[Vec<String>],
    decisions: &[Decision],
    expected: &Expected,
    with_rules: bool,
) -> Option<(Example, HashMap<u64, String>)> {
    let rules = rule_labels(decisions, raw.len())?;
    let joined: Vec<String> = raw.iter().map(|u| u.join(" ")).collect();
    let gold = gold_labels(&joined, &rules, expected);
    let mut names = HashMap::new();
    let feats = features(raw, with_rules.then_some(rules.as_slice()), &|_| true)
        .into_iter()
        .map(|f| {
            for (h, n) in f.hashes.iter().zip(f.names.unwrap_or_default()) {
                names.insert(*h, n);
            }
            f.hashes
        })
        .collect();
    Some((
        Example {
            features: feats,
            gold,
        },
        names,
    ))
}

/// A studied draft of the corpus, ready to learn from.
pub struct TrainingDraft {
    pub text: String,
    /// Its `.expect.json`, as `label::marked_json` reads it.
    pub marked: serde_json::Value,
    pub example: Example,
}

/// The drafts of a corpus folder (`NAME.txt` with `NAME.expect.json`), in
/// name order, and the names of their features. Sub-folders (the held-out
/// quarter) are not read. An unreadable draft is an error naming it.
pub fn training_set(
    dir: &Path,
    with_rules: bool,
) -> Result<(Vec<TrainingDraft>, HashMap<u64, String>), String> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    let mut names = HashMap::new();
    let mut drafts = Vec::new();
    for p in &paths {
        let fail = |e: String| format!("{}: {e}", p.display());
        let text = std::fs::read_to_string(p).map_err(|e| fail(e.to_string()))?;
        let json = std::fs::read_to_string(p.with_extension("expect.json"))
            .map_err(|e| fail(e.to_string()))?;
        let expected: Expected = serde_json::from_str(&json).map_err(|e| fail(e.to_string()))?;
        let (example, n) = example(&text, &expected, with_rules)
            .ok_or_else(|| fail("not a plain-text draft".into()))?;
        names.extend(n);
        drafts.push(TrainingDraft {
            text,
            marked: marked_json(&json).map_err(fail)?,
            example,
        });
    }
    Ok((drafts, names))
}

/// Trains the model on drafts, the way the committed weights are trained.
pub fn train(drafts: &[TrainingDraft]) -> Model {
    let examples: Vec<&Example> = drafts.iter().map(|d| &d.example).collect();
    Model::train(&examples, EPOCHS)
}

/// Imports a draft with a given model (cross-validation trains one per
/// fold).
pub fn import_with(model: &Model, text: &str, margin: f64, with_rules: bool) -> Article {
    match super::import_by_rules(text, true) {
        Some((raw, mut article, mut decisions)) => {
            revise(
                model,
                &raw,
                &mut article,
                &mut decisions,
                margin,
                with_rules,
            );
            article
        }
        None => super::markdown_draft(text).0,
    }
}

/// Whether a body block is this unit's text (as a paragraph or heading).
fn is_block_of(block: &str, line: &str) -> bool {
    let b = block.strip_prefix("## ").unwrap_or(block);
    let line = line.trim();
    b == escape_text(line) || b == escape_text(chrome::strip_gallery_prefix(line).trim())
}

/// A figure's block, as the body writes it.
fn figure_block(line: &str) -> String {
    let (caption, credit) = match parse_caption(line) {
        Some((c, r, _)) if !c.is_empty() => (undouble(&c), r),
        _ => (line.trim().to_string(), String::new()),
    };
    super::write_body(&[Unit::Figure {
        alt: String::new(),
        caption,
        credit,
    }])
    .trim_end()
    .to_string()
}

/// Corrects the rules' article to the model's labels where they differ,
/// and says so in the decisions. Changes the rules cannot express this way
/// (a new title, a list) are left to the rules.
pub fn revise(
    model: &Model,
    raw: &[Vec<String>],
    article: &mut Article,
    decisions: &mut [Decision],
    margin: f64,
    with_rules: bool,
) {
    // The model learned from whole pages: a draft of a few lines is the
    // rules'.
    if model.is_empty() || !(MIN_UNITS..=MAX_UNITS).contains(&raw.len()) {
        return;
    }
    let Some(rules) = rule_labels(decisions, raw.len()) else {
        return;
    };
    let hashes: Vec<Vec<u64>> = features(raw, with_rules.then_some(rules.as_slice()), &|_| false)
        .into_iter()
        .map(|f| f.hashes)
        .collect();
    // The model overrides the rules only where it is sure enough: its
    // label beats the rules' by `margin` of the spread of the unit's
    // max-marginals.
    let marginals = model.max_marginals(&hashes);
    // The best label of each unit (Viterbi's path, read off the marginals).
    let path: Vec<Label> = marginals
        .iter()
        .map(|m| {
            LABELS[(0..LABELS.len())
                .max_by_key(|&y| (m[y], std::cmp::Reverse(y)))
                .unwrap_or(0)]
        })
        .collect();
    let labels: Vec<Label> = (0..raw.len())
        .map(|i| {
            let m = &marginals[i];
            let spread = m.iter().max().unwrap_or(&0) - m.iter().min().unwrap_or(&0);
            let gain = m[path[i].index()] - m[rules[i].index()];
            if gain as f64 > margin * spread as f64 {
                path[i]
            } else {
                rules[i]
            }
        })
        .collect();
    if labels == rules {
        return;
    }
    let mut blocks: Vec<Option<String>> = article
        .body
        .trim_end()
        .split("\n\n")
        .filter(|b| !b.is_empty())
        .map(|b| Some(b.to_string()))
        .collect();
    // Where each unit's body block is (paragraphs and headings), found in order.
    let mut at: Vec<Option<usize>> = vec![None; raw.len()];
    let mut cursor = 0;
    for (i, unit) in raw.iter().enumerate() {
        if matches!(rules[i], Label::Body | Label::Heading)
            && let [line] = unit.as_slice()
            && let Some(b) = (cursor..blocks.len())
                .find(|&b| blocks[b].as_deref().is_some_and(|t| is_block_of(t, line)))
        {
            at[i] = Some(b);
            cursor = b + 1;
        }
    }
    // New blocks after a block (`None`: before the first).
    let mut inserted: HashMap<Option<usize>, Vec<String>> = HashMap::new();
    let mut subtitle_changed = false;
    let mut changed = vec![false; raw.len()];
    let meta = &mut article.meta;
    for i in 0..raw.len() {
        let (old, new) = (rules[i], labels[i]);
        let [line] = raw[i].as_slice() else {
            continue;
        };
        if old == new {
            continue;
        }
        let text = line.trim();
        // The block a new one goes after: the last found before this unit.
        let anchor = (0..i).rev().find_map(|j| at[j]);
        let block = at[i];
        let was_heading = block
            .and_then(|b| blocks[b].as_deref())
            .is_some_and(|t| t.starts_with("## "));
        let in_body = block.is_some();
        let applied = match new {
            Label::Body | Label::Heading
                if in_body || old == Label::Chrome || old == Label::Subtitle =>
            {
                let md = if new == Label::Heading {
                    format!("## {}", escape_text(text))
                } else {
                    escape_text(text)
                };
                if old == Label::Subtitle {
                    if meta.subtitle.trim() != text {
                        false
                    } else {
                        meta.subtitle.clear();
                        subtitle_changed = true;
                        inserted.entry(anchor).or_default().push(md);
                        true
                    }
                } else if let Some(b) = block {
                    // A heading the rules turned back into prose is already body.
                    if new == Label::Body && !was_heading {
                        false
                    } else {
                        blocks[b] = Some(md);
                        true
                    }
                } else {
                    inserted.entry(anchor).or_default().push(md);
                    true
                }
            }
            Label::Chrome if in_body => true,
            Label::Chrome if old == Label::Subtitle && meta.subtitle.trim() == text => {
                meta.subtitle.clear();
                subtitle_changed = true;
                true
            }
            Label::Subtitle if in_body || old == Label::Chrome => {
                subtitle_changed = true;
                true
            }
            Label::Caption if in_body || old == Label::Chrome => {
                match block {
                    Some(b) => blocks[b] = Some(figure_block(text)),
                    None => inserted.entry(anchor).or_default().push(figure_block(text)),
                }
                true
            }
            Label::Bio
                if (in_body || old == Label::Chrome)
                    && meta.authors.iter().all(|a| a.bio.is_empty()) =>
            {
                let known: Vec<String> = meta.authors.iter().map(|a| a.name.clone()).collect();
                let name = bio_author(text, &known)
                    .or_else(|| super::colon_bio_author(text))
                    .or_else(|| super::first_person_bio_author(text));
                let bio = escape_text(text);
                match meta.authors.iter_mut().find(|a| {
                    name.as_ref()
                        .is_none_or(|n| a.name.contains(n.as_str()) || n.contains(a.name.as_str()))
                }) {
                    Some(a) => a.bio = bio,
                    None => meta.authors.push(Author {
                        name: name.unwrap_or_default(),
                        bio,
                    }),
                }
                true
            }
            Label::Byline if in_body || old == Label::Chrome => {
                if meta.authors.is_empty() {
                    let names = head::byline_and_date(text)
                        .map(|(n, _)| n)
                        .or_else(|| is_bare_name(text).then(|| vec![text.to_string()]))
                        .unwrap_or_default();
                    meta.authors.extend(names.into_iter().map(Author::named));
                }
                true
            }
            Label::Date if in_body || old == Label::Chrome => {
                if meta.date.is_empty()
                    && let Some(d) = super::parse_date_line(text)
                {
                    meta.date = d.date;
                }
                true
            }
            Label::Credit if in_body || old == Label::Chrome => match parse_article_credits(text) {
                Some(found) => {
                    meta.credits.extend(found);
                    true
                }
                // Not an attribution the article can keep: left as it was.
                None => false,
            },
            _ => false,
        };
        if applied {
            if let Some(b) = block
                && !matches!(new, Label::Body | Label::Heading | Label::Caption)
            {
                blocks[b] = None;
            }
            changed[i] = true;
        }
    }
    if subtitle_changed {
        let parts: Vec<&str> = (0..raw.len())
            .filter(|&i| {
                (changed[i] && labels[i] == Label::Subtitle)
                    || (!changed[i] && rules[i] == Label::Subtitle)
            })
            .filter_map(|i| raw[i].first().map(|l| l.trim()))
            .collect();
        if !parts.is_empty() {
            meta.subtitle = parts.join(" ");
        }
    }
    if !changed.contains(&true) {
        return;
    }
    let mut body: Vec<String> = inserted.remove(&None).unwrap_or_default();
    for (b, block) in blocks.into_iter().enumerate() {
        body.extend(block);
        body.extend(inserted.remove(&Some(b)).unwrap_or_default());
    }
    article.body = body.join("\n\n");
    article.body.push('\n');
    let named = features(raw, with_rules.then_some(rules.as_slice()), &|i| changed[i]);
    for (i, d) in decisions.iter_mut().enumerate() {
        if changed[i] {
            let f = &named[i];
            let why = model.strongest(&f.hashes, f.names.as_deref().unwrap_or(&[]), labels[i], 3);
            d.why = format!("learned, over the rules' {}: {}", d.class, why.join(", "));
            d.class = labels[i].name();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A standfirst the rules left in the body, in a draft of the corpus:
    /// the model takes it for the subtitle, and says why.
    #[test]
    fn the_model_corrects_the_rules_and_says_why() {
        let draft = include_str!("../../tests/corpus/en-bare-name-teaser-dek-comment-dates.txt");
        let dek = "So at last we know when the Corvane phone";
        let (rules, _) = super::super::import_rules_explained(draft);
        assert!(!rules.meta.subtitle.starts_with(dek));
        let (article, decisions) = super::super::import_learned_explained(draft);
        assert!(article.meta.subtitle.starts_with(dek), "{:?}", article.meta);
        assert!(!article.body.contains(dek));
        let d = decisions.iter().find(|d| d.text.starts_with(dek)).unwrap();
        assert_eq!(d.class, "subtitle");
        assert!(
            d.why.starts_with("learned, over the rules' paragraph: "),
            "{}",
            d.why
        );
    }

    /// The committed weights are what training on the corpus produces
    /// (retrain with `cargo run --example train_import` after changing the
    /// features, the labels or the corpus).
    #[test]
    fn committed_weights_are_what_training_produces() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
        let (drafts, names) = training_set(&dir, WITH_RULES).unwrap();
        assert!(drafts.len() >= 30);
        let trained = train(&drafts);
        assert!(
            trained.to_text(&names) == include_str!("import_weights.txt"),
            "src/import/import_weights.txt is stale: run `cargo run --example train_import`"
        );
        assert_eq!(*model(), trained);
    }
}
