//! Spell checking with Hunspell dictionaries (read by `spellbook`, from the
//! Helix editor): the English dictionary shipped in `assets/`, the system's
//! for other languages, and the house dictionary of the template library.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};

use unicode_segmentation::UnicodeSegmentation;

use crate::cleanup::Mask;

/// SCOWL's en_US Hunspell dictionary (licence in assets/dictionaries).
const EN_US_AFF: &str = include_str!("../../assets/dictionaries/en_US.aff");
const EN_US_DIC: &str = include_str!("../../assets/dictionaries/en_US.dic");
/// Names of the trade the general dictionary lacks.
const TECH_WORDS: &str = include_str!("../../assets/dictionaries/tech-words.txt");

/// Where Hunspell dictionaries are installed on Linux and macOS.
const SYSTEM_FOLDERS: [&str; 5] = [
    "/usr/share/hunspell",
    "/usr/share/myspell",
    "/usr/share/myspell/dicts",
    "/Library/Spelling",
    "~/Library/Spelling",
];

pub struct Speller {
    dictionary: spellbook::Dictionary,
    /// The language the dictionary is for (`en_US`, `it_IT`).
    pub name: String,
    /// House words: accepted as written, and in lower case when written so.
    house: HashSet<String>,
}

/// Why a Hunspell dictionary could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum DictionaryError {
    #[error("{}: {source}", .file.display())]
    Unreadable {
        file: PathBuf,
        source: crate::files::OpenError,
    },
    /// `cause` is spellbook's message (its error is not a `std` error).
    #[error("{}: {cause}", .file.display())]
    Invalid { file: PathBuf, cause: String },
}

impl Speller {
    /// The English dictionary shipped with Copydesk.
    pub fn english() -> Speller {
        let dictionary =
            spellbook::Dictionary::new(EN_US_AFF, EN_US_DIC).expect("the shipped dictionary reads");
        let mut speller = Speller {
            dictionary,
            name: "en_US".into(),
            house: HashSet::new(),
        };
        speller.add_words(TECH_WORDS.lines().filter(|l| !l.starts_with('#')));
        speller
    }

    /// A Hunspell dictionary from its two files.
    pub fn from_files(aff: &Path, dic: &Path) -> Result<Speller, DictionaryError> {
        let read = |p: &Path| {
            crate::files::read_text(p)
                .map(|d| d.text)
                .map_err(|source| DictionaryError::Unreadable {
                    file: p.to_path_buf(),
                    source,
                })
        };
        let dictionary = spellbook::Dictionary::new(&read(aff)?, &read(dic)?).map_err(|e| {
            DictionaryError::Invalid {
                file: aff.to_path_buf(),
                cause: e.to_string(),
            }
        })?;
        let name = dic
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut speller = Speller {
            dictionary,
            name,
            house: HashSet::new(),
        };
        speller.add_words(TECH_WORDS.lines().filter(|l| !l.starts_with('#')));
        Ok(speller)
    }

    /// The dictionary for a BCP 47 language: English is shipped; other
    /// languages use a Hunspell dictionary installed on the system. `None`
    /// when there is none.
    pub fn for_language(lang: &str) -> Option<Result<Speller, DictionaryError>> {
        let primary = crate::cleanup::primary_subtag(lang);
        if primary.is_empty() || primary == "en" {
            return Some(Ok(Speller::english()));
        }
        let (aff, dic) = find_system_dictionary(lang)?;
        Some(Speller::from_files(&aff, &dic))
    }

    pub fn add_words<'a>(&mut self, words: impl IntoIterator<Item = &'a str>) {
        for word in words {
            let word = word.trim();
            if !word.is_empty() {
                self.house.insert(normalise(word));
            }
        }
    }

    /// Whether a word is spelt right: in the house dictionary (as written,
    /// or capitalised at the start of a sentence), or in the language's.
    pub fn is_correct(&self, word: &str) -> bool {
        self.is_correct_with(word, &HashSet::new())
    }

    /// [`Self::is_correct`] with more house words (the editor's own).
    pub fn is_correct_with(&self, word: &str, extra: &HashSet<String>) -> bool {
        let word = normalise(word);
        let known = |w: &str| {
            let first_lower = lowercase_first(w);
            self.house.contains(w)
                || self.house.contains(&first_lower)
                || extra.contains(w)
                || extra.contains(&first_lower)
                || self.dictionary.check(w)
        };
        if known(&word) {
            return true;
        }
        // A possessive of a known name: Xiaomi's.
        match word.strip_suffix("'s").or_else(|| word.strip_suffix('\'')) {
            Some(stem) => !stem.is_empty() && known(stem),
            None => false,
        }
    }

    /// Up to `max` suggestions for a misspelt word.
    pub fn suggest(&self, word: &str, max: usize) -> Vec<String> {
        let mut out = Vec::new();
        self.dictionary.suggest(&normalise(word), &mut out);
        out.truncate(max);
        out
    }

    /// The misspelt words of a Markdown text, by byte range: prose only
    /// (not code, URLs, link targets or HTML), words with digits skipped.
    /// `extra` are more words to accept (house words, ignored ones, written
    /// with straight apostrophes); `memo` remembers verdicts between calls
    /// (an article repeats its words) and must be cleared when `extra`
    /// changes.
    pub fn misspelled(
        &self,
        markdown: &str,
        extra: &HashSet<String>,
        memo: &mut HashMap<String, bool>,
    ) -> Vec<Range<usize>> {
        let mask = Mask::markdown(markdown);
        let mut out = Vec::new();
        for (start, word) in markdown.unicode_word_indices() {
            let range = start..start + word.len();
            if word.chars().count() < 2
                || word.chars().any(|c| c.is_numeric() || c == '_')
                || !mask.allows(range.clone())
            {
                continue;
            }
            let correct = match memo.get(word) {
                Some(&known) => known,
                None => {
                    let verdict = self.is_correct_with(word, extra);
                    memo.insert(word.to_string(), verdict);
                    verdict
                }
            };
            if !correct {
                out.push(range);
            }
        }
        out
    }
}

/// Curly apostrophes are straight ones to Hunspell dictionaries.
pub fn normalise(word: &str) -> String {
    word.replace('’', "'")
}

fn lowercase_first(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `it` → `/usr/share/hunspell/it_IT.aff` and `.dic` (the first that exists
/// for the language, preferring the exact region).
fn find_system_dictionary(lang: &str) -> Option<(PathBuf, PathBuf)> {
    let wanted = lang.replace('-', "_");
    let primary = wanted.split('_').next().unwrap_or("").to_ascii_lowercase();
    let home = std::env::var_os("HOME").map(PathBuf::from);
    let mut candidates = Vec::new();
    for folder in SYSTEM_FOLDERS {
        let dir = match (folder.strip_prefix("~/"), &home) {
            (Some(rest), Some(home)) => home.join(rest),
            (Some(_), None) => continue,
            (None, _) => PathBuf::from(folder),
        };
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "dic") {
                let stem = path
                    .file_stem()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned();
                let aff = path.with_extension("aff");
                let lang_of = stem
                    .split(['_', '-'])
                    .next()
                    .unwrap_or("")
                    .to_ascii_lowercase();
                if lang_of == primary && aff.exists() {
                    let exact = stem.eq_ignore_ascii_case(&wanted);
                    candidates.push((!exact, stem.clone(), aff, path));
                }
            }
        }
    }
    candidates.sort();
    candidates
        .into_iter()
        .next()
        .map(|(_, _, aff, dic)| (aff, dic))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn english() -> &'static Speller {
        static SPELLER: std::sync::OnceLock<Speller> = std::sync::OnceLock::new();
        SPELLER.get_or_init(Speller::english)
    }

    fn misspelled(text: &str) -> Vec<&str> {
        english()
            .misspelled(text, &HashSet::new(), &mut HashMap::new())
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn flags_misspellings_in_prose_only() {
        assert_eq!(
            misspelled(
                "The camra is great. `camra` [camra](http://camra.com) https://x.org/camra <b>camra</b>",
            ),
            ["camra", "camra", "camra"]
        );
    }

    #[test]
    fn contractions_possessives_numbers_and_curly_apostrophes() {
        assert!(
            misspelled("It’s the phone's best feature; don't buy the 5G model in 2024.").is_empty()
        );
    }

    #[test]
    fn house_words_and_trade_names_are_not_flagged() {
        assert!(misspelled("Xiaomi and Leica, per LetsGoDigital.").is_empty());
        let mut speller = Speller::english();
        assert!(!speller.is_correct("Copydeskery"));
        speller.add_words(["Copydeskery"]);
        assert!(speller.is_correct("Copydeskery"));
        assert!(speller.is_correct("Copydeskery's"));
        assert!(
            !speller.is_correct("copydeskery"),
            "a name keeps its capital"
        );
    }

    #[test]
    fn ignored_words_and_suggestions() {
        let text = "A camra here";
        let ignored: HashSet<String> = ["camra".to_string()].into();
        assert!(
            english()
                .misspelled(text, &ignored, &mut HashMap::new())
                .is_empty()
        );
        assert!(
            english()
                .suggest("camra", 5)
                .contains(&"camera".to_string())
        );
    }

    #[test]
    fn languages_without_an_installed_dictionary_have_none() {
        assert!(Speller::for_language("en-GB").is_some());
        assert!(Speller::for_language("xx-nope").is_none());
    }
}
