//! Trains the importer's learned classifier on the studied corpus
//! (`tests/corpus/*.txt`, never `tests/corpus/holdout/`) and writes its
//! weights to `src/import/import_weights.txt`; with `cv`, scores it by
//! leave-one-draft-out cross-validation beside the rules alone.
//!
//! `cargo run --example train_import [-- cv]`

use std::path::Path;

use copydesk::import::label::{FIELDS, as_marked};
use copydesk::import::learned::{self, TrainingDraft};
use copydesk::import::perceptron::Model;

fn fields_right(model: &Model, d: &TrainingDraft, margin: f64, with_rules: bool) -> Vec<bool> {
    let got = as_marked(&learned::import_with(model, &d.text, margin, with_rules));
    FIELDS.iter().map(|f| got[f] == d.marked[f]).collect()
}

fn print_row(name: &str, right: &[usize], n: usize) {
    let pc = |r: usize| 100.0 * r as f64 / n as f64;
    let cells: Vec<String> = right.iter().map(|&r| format!("{:5.1}", pc(r))).collect();
    let all = right.iter().sum::<usize>() as f64 / (n * right.len()) as f64;
    println!("{name:28} {} | {:5.1}", cells.join(" "), 100.0 * all);
}

fn main() -> Result<(), String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let with_rules = if std::env::args().any(|a| a == "with-rules") {
        true
    } else if std::env::args().any(|a| a == "without-rules") {
        false
    } else {
        learned::WITH_RULES
    };
    let (drafts, names) = learned::training_set(&root, with_rules)?;
    let n = drafts.len();
    if std::env::args().any(|a| a == "cv") {
        let epochs = std::env::args()
            .find_map(|a| a.strip_prefix("epochs=")?.parse().ok())
            .unwrap_or(learned::EPOCHS);
        println!("{n} drafts, {epochs} epochs; fields: {}", FIELDS.join(" "));
        let rules = Model::default();
        let mut rules_right = vec![0; FIELDS.len()];
        let margins = [0.0, 0.1, 0.2, 0.3, 0.4, 0.5];
        let mut cv_right = vec![vec![0; FIELDS.len()]; margins.len()];
        let (mut units, mut unit_rules, mut unit_cv) = (0, 0, 0);
        for k in 0..n {
            let (before, rest) = drafts.split_at(k);
            let (d, after) = rest.split_first().expect("k < n");
            let train: Vec<&_> = before.iter().chain(after).map(|d| &d.example).collect();
            let model = Model::train(&train, epochs);
            for (i, r) in fields_right(&rules, d, 0.0, true).into_iter().enumerate() {
                rules_right[i] += usize::from(r);
            }
            for (right, &margin) in cv_right.iter_mut().zip(&margins) {
                for (i, r) in fields_right(&model, d, margin, with_rules)
                    .into_iter()
                    .enumerate()
                {
                    right[i] += usize::from(r);
                }
            }
            let gold = &d.example.gold;
            let decoded = model.decode(&d.example.features);
            units += gold.len();
            unit_cv += decoded.iter().zip(gold).filter(|(a, b)| a == b).count();
            let by_rules = learned::rule_labels_of(&d.text).unwrap_or_default();
            unit_rules += by_rules.iter().zip(gold).filter(|(a, b)| a == b).count();
        }
        print_row("rules (written on all)", &rules_right, n);
        for (right, margin) in cv_right.iter().zip(margins) {
            print_row(&format!("learned, l-o-o, margin {margin}"), right, n);
        }
        println!(
            "units labelled as gold: rules {:.1} %, learned (leave-one-out) {:.1} %",
            100.0 * unit_rules as f64 / units as f64,
            100.0 * unit_cv as f64 / units as f64
        );
        return Ok(());
    }
    let model = learned::train(&drafts);
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/import/import_weights.txt");
    std::fs::write(&out, model.to_text(&names)).map_err(|e| e.to_string())?;
    println!("{n} drafts; weights written to {}", out.display());
    Ok(())
}
