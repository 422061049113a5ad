//! A linear-chain classifier over a draft's units: each label's score is
//! the sum of its features' weights plus a weight for the label before it
//! (so the order head → body → tail is learned), and one Viterbi pass
//! picks the best labels for the whole draft. Trained as an averaged
//! structured perceptron.
//!
//! Hand-written (about 200 lines): the Rust CRF and sequence-model crates
//! bring their own feature formats, floating-point training and file
//! formats; this one is deterministic to the bit (integer weights), so the
//! committed weights can be checked against a fresh training run.

use std::collections::HashMap;

use super::features::hash_name;
use super::label::{LABEL_COUNT, LABELS, Label};

type Row = [i64; LABEL_COUNT];

/// The learned weights: per feature, one weight for each label.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Model {
    weights: HashMap<u64, Row>,
}

/// The name of the feature that holds the weight of `label` after `prev`
/// (`None`: the first unit of the draft).
fn transition(prev: Option<Label>) -> String {
    format!("T>{}", prev.map_or("start", Label::name))
}

/// One draft to learn from: each unit's features, its gold labels.
pub struct Example {
    pub features: Vec<Vec<u64>>,
    pub gold: Vec<Label>,
}

impl Model {
    /// A model that learned nothing (before the first training).
    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    fn row(&self, h: u64) -> Option<&Row> {
        self.weights.get(&h)
    }

    /// Each unit's score for each label, from its own features.
    fn emissions(&self, units: &[Vec<u64>]) -> Vec<Row> {
        units
            .iter()
            .map(|feats| {
                let mut s = [0i64; LABEL_COUNT];
                for h in feats {
                    if let Some(row) = self.row(*h) {
                        for (a, b) in s.iter_mut().zip(row) {
                            *a += b;
                        }
                    }
                }
                s
            })
            .collect()
    }

    fn transitions(&self) -> ([i64; LABEL_COUNT], [Row; LABEL_COUNT]) {
        let start = self
            .row(hash_name(&transition(None)))
            .copied()
            .unwrap_or_default();
        let mut after = [[0i64; LABEL_COUNT]; LABEL_COUNT];
        for l in LABELS {
            if let Some(row) = self.row(hash_name(&transition(Some(l)))) {
                after[l.index()] = *row;
            }
        }
        (start, after)
    }

    /// The best labels for a whole draft (Viterbi).
    pub fn decode(&self, units: &[Vec<u64>]) -> Vec<Label> {
        let n = units.len();
        if n == 0 {
            return Vec::new();
        }
        let emit = self.emissions(units);
        let (start, after) = self.transitions();
        let mut score: Row = std::array::from_fn(|y| start[y] + emit[0][y]);
        let mut back: Vec<[u8; LABEL_COUNT]> = Vec::with_capacity(n);
        back.push([0; LABEL_COUNT]);
        for e in &emit[1..] {
            let mut next = [i64::MIN; LABEL_COUNT];
            let mut from = [0u8; LABEL_COUNT];
            for y in 0..LABEL_COUNT {
                for (p, s) in score.iter().enumerate() {
                    let v = s + after[p][y];
                    if v > next[y] {
                        next[y] = v;
                        from[y] = p as u8;
                    }
                }
                next[y] += e[y];
            }
            score = next;
            back.push(from);
        }
        let mut best = (0..LABEL_COUNT)
            .max_by_key(|&y| (score[y], std::cmp::Reverse(y)))
            .unwrap_or(0);
        let mut path = vec![LABELS[0]; n];
        for i in (0..n).rev() {
            path[i] = LABELS[best];
            best = back[i][best] as usize;
        }
        path
    }

    /// For each unit and label, the score of the best labelling of the
    /// whole draft that gives the unit that label (max-marginals): how much
    /// the model prefers one label over another, all else chosen best.
    pub fn max_marginals(&self, units: &[Vec<u64>]) -> Vec<Row> {
        let n = units.len();
        if n == 0 {
            return Vec::new();
        }
        let emit = self.emissions(units);
        let (start, after) = self.transitions();
        let mut alpha: Vec<Row> = Vec::with_capacity(n);
        alpha.push(std::array::from_fn(|y| start[y] + emit[0][y]));
        for i in 1..n {
            let prev = alpha[i - 1];
            alpha.push(std::array::from_fn(|y| {
                (0..LABEL_COUNT)
                    .map(|p| prev[p] + after[p][y])
                    .max()
                    .unwrap_or(0)
                    + emit[i][y]
            }));
        }
        let mut beta = vec![[0i64; LABEL_COUNT]; n];
        for i in (0..n - 1).rev() {
            let next = beta[i + 1];
            beta[i] = std::array::from_fn(|y| {
                (0..LABEL_COUNT)
                    .map(|z| after[y][z] + emit[i + 1][z] + next[z])
                    .max()
                    .unwrap_or(0)
            });
        }
        alpha
            .iter()
            .zip(&beta)
            .map(|(a, b)| std::array::from_fn(|y| a[y] + b[y]))
            .collect()
    }

    /// The features that weigh most for `label` among a unit's, strongest
    /// first: why the model chose it.
    pub fn strongest<'a>(
        &self,
        hashes: &[u64],
        names: &'a [String],
        label: Label,
        k: usize,
    ) -> Vec<&'a str> {
        let mut scored: Vec<(i64, &str)> = hashes
            .iter()
            .zip(names)
            .filter_map(|(h, name)| {
                let row = self.row(*h)?;
                let mean = row.iter().sum::<i64>() / LABEL_COUNT as i64;
                Some((row[label.index()] - mean, name.as_str()))
            })
            .filter(|(w, _)| *w > 0)
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
        scored.into_iter().take(k).map(|(_, n)| n).collect()
    }

    /// Trains on the drafts, in their order, `epochs` times over.
    pub fn train(examples: &[&Example], epochs: usize) -> Model {
        let mut model = Model::default();
        // Averaging without touching every weight each step: `sum` holds
        // each update times the step it was made at; the average is then
        // `w - sum / steps`, kept scaled by `steps` to stay in integers.
        let mut sum: HashMap<u64, Row> = HashMap::new();
        let mut step: i64 = 1;
        let trans: Vec<u64> = std::iter::once(None)
            .chain(LABELS.iter().copied().map(Some))
            .map(|p| hash_name(&transition(p)))
            .collect();
        let t_of = |p: Option<Label>| trans[p.map_or(0, |l| l.index() + 1)];
        for _ in 0..epochs {
            for ex in examples {
                let guess = model.decode(&ex.features);
                if guess != ex.gold {
                    let mut update = |h: u64, y: Label, d: i64| {
                        model.weights.entry(h).or_default()[y.index()] += d;
                        sum.entry(h).or_default()[y.index()] += d * step;
                    };
                    for i in 0..ex.gold.len() {
                        let (g, p) = (ex.gold[i], guess[i]);
                        let gp = i.checked_sub(1).map(|j| ex.gold[j]);
                        let pp = i.checked_sub(1).map(|j| guess[j]);
                        if g != p {
                            for &h in &ex.features[i] {
                                update(h, g, 1);
                                update(h, p, -1);
                            }
                        }
                        if g != p || gp != pp {
                            update(t_of(gp), g, 1);
                            update(t_of(pp), p, -1);
                        }
                    }
                }
                step += 1;
            }
        }
        for (h, row) in model.weights.iter_mut() {
            let s = sum.get(h).copied().unwrap_or_default();
            for (w, u) in row.iter_mut().zip(s) {
                *w = *w * step - u;
            }
        }
        model.weights.retain(|_, row| row.iter().any(|&w| w != 0));
        model
    }

    /// The weights as text, one feature a line (`name<TAB>w0 w1 …`, in
    /// label order), sorted by name; `names` gives each hash its name.
    pub fn to_text(&self, names: &HashMap<u64, String>) -> String {
        let mut names = names.clone();
        for p in std::iter::once(None).chain(LABELS.iter().copied().map(Some)) {
            let name = transition(p);
            names.insert(hash_name(&name), name);
        }
        let mut lines: Vec<String> = self
            .weights
            .iter()
            .map(|(h, row)| {
                let name = names
                    .get(h)
                    .cloned()
                    .unwrap_or_else(|| format!("#{h:016x}"));
                let ws: Vec<String> = row.iter().map(i64::to_string).collect();
                format!("{name}\t{}", ws.join(" "))
            })
            .collect();
        lines.sort();
        let mut text = format!("# labels: {}\n", LABELS.map(Label::name).join(", "));
        for l in lines {
            text.push_str(&l);
            text.push('\n');
        }
        text
    }

    /// Reads weights written by `to_text`; a malformed line is an error
    /// naming it.
    pub fn parse(text: &str) -> Result<Model, String> {
        let mut weights = HashMap::new();
        for (n, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let bad = || format!("weights line {}: {line:?}", n + 1);
            let (name, ws) = line.split_once('\t').ok_or_else(bad)?;
            let h = match name.strip_prefix('#') {
                Some(hex) => u64::from_str_radix(hex, 16).map_err(|_| bad())?,
                None => hash_name(name),
            };
            let mut row = [0i64; LABEL_COUNT];
            let mut count = 0;
            for (slot, w) in row.iter_mut().zip(ws.split(' ')) {
                *slot = w.parse().map_err(|_| bad())?;
                count += 1;
            }
            if count != LABEL_COUNT || ws.split(' ').count() != LABEL_COUNT {
                return Err(bad());
            }
            weights.insert(h, row);
        }
        Ok(Model { weights })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(s: &str) -> u64 {
        hash_name(s)
    }

    #[test]
    fn learns_a_sequence_and_reads_back_what_it_writes() {
        // Titles come first; `x` is body, `y` chrome, but after a title a
        // `y` is the subtitle: only the transition tells it apart.
        let ex = |f: &[&str], g: &[Label]| Example {
            features: f.iter().map(|s| vec![h("bias=1"), h(s)]).collect(),
            gold: g.to_vec(),
        };
        use Label::*;
        let examples = [
            ex(&["t", "y", "x", "y"], &[Title, Subtitle, Body, Chrome]),
            ex(&["t", "x", "y", "x"], &[Title, Body, Chrome, Body]),
            ex(&["t", "y", "x"], &[Title, Subtitle, Body]),
        ];
        let refs: Vec<&Example> = examples.iter().collect();
        let model = Model::train(&refs, 10);
        for e in &examples {
            assert_eq!(model.decode(&e.features), e.gold);
            // The best label of each unit by max-marginals is Viterbi's.
            let best: Vec<Label> = model
                .max_marginals(&e.features)
                .iter()
                .map(|row| {
                    LABELS[(0..LABEL_COUNT)
                        .max_by_key(|&y| (row[y], std::cmp::Reverse(y)))
                        .unwrap()]
                })
                .collect();
            assert_eq!(best, e.gold);
        }
        assert_eq!(Model::train(&refs, 10), model, "training is deterministic");
        let names: HashMap<u64, String> = [
            "bias=1",
            "t",
            "x",
            "y",
            "T>start",
            "T>title",
            "T>subtitle",
            "T>paragraph",
            "T>chrome",
        ]
        .iter()
        .map(|s| (h(s), s.to_string()))
        .collect();
        let text = model.to_text(&names);
        assert_eq!(Model::parse(&text).unwrap(), model);
        assert!(Model::parse("x\t1 2").unwrap_err().contains("line 1"));
    }
}
