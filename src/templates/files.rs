//! The library's folder: loading every template, writing one atomically,
//! renaming, duplicating, deleting and importing.

use std::fs;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{
    AuthorTemplate, CreditsFile, DictionaryFile, KnownCredit, SnippetTemplate, TagsFile, VERSION,
};
use crate::model::Article;

const AUTHORS: &str = "authors";
const SNIPPETS: &str = "snippets";
const CREDITS: &str = "credits.ron";
const TAGS: &str = "tags.ron";
const DICTIONARY: &str = "dictionary.ron";

/// A template and the file it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded<T> {
    pub file: PathBuf,
    pub template: T,
}

/// A file that could not be read: listed, never touched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub file: PathBuf,
    pub error: String,
}

/// Everything in the library folder.
#[derive(Clone, Debug, Default)]
pub struct Library {
    pub dir: PathBuf,
    pub authors: Vec<Loaded<AuthorTemplate>>,
    pub snippets: Vec<Loaded<SnippetTemplate>>,
    pub credits: Vec<KnownCredit>,
    pub tags: Vec<String>,
    /// The house dictionary, for the spell checker.
    pub words: Vec<String>,
    /// Files that could not be read (they are left alone).
    pub problems: Vec<Problem>,
}

/// Why a template file could not be read or imported.
#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    #[error(transparent)]
    Unreadable(#[from] crate::files::OpenError),
    #[error(transparent)]
    Syntax(#[from] ron::error::SpannedError),
    #[error(
        "written by a newer Copydesk (format version {version}; this one reads up to {VERSION})"
    )]
    Newer { version: u32 },
    #[error("{} is neither an author nor a snippet template: {cause}", .path.display())]
    NotATemplate {
        path: PathBuf,
        cause: Box<TemplateError>,
    },
    #[error("could not write {}: {source}", .file.display())]
    Write {
        file: PathBuf,
        source: std::io::Error,
    },
}

fn read_ron<T: DeserializeOwned>(path: &Path) -> Result<T, TemplateError> {
    let text = crate::files::read_text(path)?.text;
    Ok(ron::from_str(&text)?)
}

fn check_version(version: u32) -> Result<(), TemplateError> {
    if version > VERSION {
        Err(TemplateError::Newer { version })
    } else {
        Ok(())
    }
}

fn to_ron<T: Serialize>(value: &T) -> String {
    let config = ron::ser::PrettyConfig::new()
        .struct_names(false)
        .indentor("    ".to_string());
    let mut text = ron::ser::to_string_pretty(value, config).expect("templates serialise");
    text.push('\n');
    text
}

/// A file name from a template's name (`Walker Ronnie` → `walker-ronnie`).
pub fn slug_of(name: &str) -> String {
    let slug = crate::model::slugify(name);
    if slug.is_empty() {
        "template".into()
    } else {
        slug
    }
}

impl Library {
    /// Known credits whose name holds `typed` (any case), other than the
    /// one already typed out in full, at most `limit`: the suggestions
    /// under a credit field.
    pub fn suggest_credits(&self, typed: &str, limit: usize) -> Vec<&KnownCredit> {
        let typed = typed.trim();
        let lower = typed.to_lowercase();
        if lower.is_empty() {
            return Vec::new();
        }
        self.credits
            .iter()
            .filter(|k| {
                k.name.to_lowercase().contains(&lower) && !k.name.eq_ignore_ascii_case(typed)
            })
            .take(limit)
            .collect()
    }

    /// Loads the library in `dir` (a missing folder is an empty library).
    pub fn load(dir: &Path) -> Library {
        let mut lib = Library {
            dir: dir.to_path_buf(),
            ..Default::default()
        };
        lib.authors = lib.load_folder::<AuthorTemplate>(AUTHORS, |t| t.version);
        lib.snippets = lib.load_folder::<SnippetTemplate>(SNIPPETS, |t| t.version);
        lib.authors.sort_by_key(|a| a.template.name.to_lowercase());
        lib.snippets.sort_by_key(|s| s.template.name.to_lowercase());
        let credits = dir.join(CREDITS);
        if credits.exists() {
            match read_ron::<CreditsFile>(&credits)
                .and_then(|c| check_version(c.version).map(|_| c))
            {
                Ok(c) => lib.credits = c.credits,
                Err(error) => lib.problems.push(Problem {
                    file: credits,
                    error: error.to_string(),
                }),
            }
        }
        let tags = dir.join(TAGS);
        if tags.exists() {
            match read_ron::<TagsFile>(&tags).and_then(|t| check_version(t.version).map(|_| t)) {
                Ok(t) => lib.tags = t.tags,
                Err(error) => lib.problems.push(Problem {
                    file: tags,
                    error: error.to_string(),
                }),
            }
        }
        let words = dir.join(DICTIONARY);
        if words.exists() {
            match read_ron::<DictionaryFile>(&words)
                .and_then(|d| check_version(d.version).map(|_| d))
            {
                Ok(d) => lib.words = d.words,
                Err(error) => lib.problems.push(Problem {
                    file: words,
                    error: error.to_string(),
                }),
            }
        }
        lib
    }

    /// Adds a word to the house dictionary file (kept sorted); `false` if
    /// it was there already.
    pub fn add_word(&mut self, word: &str) -> std::io::Result<bool> {
        let word = word.trim();
        if word.is_empty() || self.words.iter().any(|w| w == word) {
            return Ok(false);
        }
        let mut words = self.words.clone();
        words.push(word.to_string());
        words.sort_by_key(|w| w.to_lowercase());
        let file = DictionaryFile {
            version: VERSION,
            words: words.clone(),
        };
        self.write(&self.dir.join(DICTIONARY), &to_ron(&file))?;
        self.words = words;
        Ok(true)
    }

    fn load_folder<T: DeserializeOwned>(
        &mut self,
        folder: &str,
        version: impl Fn(&T) -> u32,
    ) -> Vec<Loaded<T>> {
        let Ok(entries) = fs::read_dir(self.dir.join(folder)) else {
            return Vec::new();
        };
        let mut paths: Vec<PathBuf> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "ron"))
            .collect();
        paths.sort();
        let mut out = Vec::new();
        for file in paths {
            match read_ron::<T>(&file).and_then(|t| check_version(version(&t)).map(|_| t)) {
                Ok(template) => out.push(Loaded { file, template }),
                Err(error) => self.problems.push(Problem {
                    file,
                    error: error.to_string(),
                }),
            }
        }
        out
    }

    /// The snippets' names, in the library's order.
    pub fn snippet_names(&self) -> Vec<String> {
        self.snippets
            .iter()
            .map(|s| s.template.name.clone())
            .collect()
    }

    /// The author template with this name (or file name), ignoring case.
    pub fn author(&self, name: &str) -> Option<&AuthorTemplate> {
        let wanted = name.trim().to_lowercase();
        self.authors
            .iter()
            .find(|a| {
                a.template.name.to_lowercase() == wanted
                    || a.file
                        .file_stem()
                        .is_some_and(|s| s.to_string_lossy() == slug_of(name))
            })
            .map(|a| &a.template)
    }

    /// A free file in `folder` for `name`: the template's own file when it
    /// has the same name, else `<slug>.ron`, `<slug>-2.ron`…
    fn file_for(&self, folder: &str, name: &str, existing: &[PathBuf]) -> PathBuf {
        let dir = self.dir.join(folder);
        let slug = slug_of(name);
        let mut n = 1;
        loop {
            let candidate = if n == 1 {
                dir.join(format!("{slug}.ron"))
            } else {
                dir.join(format!("{slug}-{n}.ron"))
            };
            if !candidate.exists() && !existing.contains(&candidate) {
                return candidate;
            }
            n += 1;
        }
    }

    /// Saves an author template: over the template of the same name if
    /// there is one, else in a new file. Returns the file.
    pub fn save_author(&mut self, mut author: AuthorTemplate) -> std::io::Result<PathBuf> {
        author.version = VERSION;
        let same = self
            .authors
            .iter()
            .position(|a| a.template.name.eq_ignore_ascii_case(author.name.trim()));
        let file = match same {
            Some(i) => self.authors[i].file.clone(),
            None => self.file_for(AUTHORS, &author.name, &[]),
        };
        self.write(&file, &to_ron(&author))?;
        match same {
            Some(i) => self.authors[i].template = author,
            None => self.authors.push(Loaded {
                file: file.clone(),
                template: author,
            }),
        }
        self.authors.sort_by_key(|a| a.template.name.to_lowercase());
        Ok(file)
    }

    /// Writes an author template to its existing file (edits in the manager).
    pub fn update_author(
        &mut self,
        file: &Path,
        mut author: AuthorTemplate,
    ) -> std::io::Result<()> {
        author.version = VERSION;
        self.write(file, &to_ron(&author))?;
        if let Some(a) = self.authors.iter_mut().find(|a| a.file == file) {
            a.template = author;
        }
        Ok(())
    }

    pub fn save_snippet(&mut self, mut snippet: SnippetTemplate) -> std::io::Result<PathBuf> {
        snippet.version = VERSION;
        let same = self
            .snippets
            .iter()
            .position(|s| s.template.name.eq_ignore_ascii_case(snippet.name.trim()));
        let file = match same {
            Some(i) => self.snippets[i].file.clone(),
            None => self.file_for(SNIPPETS, &snippet.name, &[]),
        };
        self.write(&file, &to_ron(&snippet))?;
        match same {
            Some(i) => self.snippets[i].template = snippet,
            None => self.snippets.push(Loaded {
                file: file.clone(),
                template: snippet,
            }),
        }
        self.snippets
            .sort_by_key(|s| s.template.name.to_lowercase());
        Ok(file)
    }

    pub fn update_snippet(
        &mut self,
        file: &Path,
        mut snippet: SnippetTemplate,
    ) -> std::io::Result<()> {
        snippet.version = VERSION;
        self.write(file, &to_ron(&snippet))?;
        if let Some(s) = self.snippets.iter_mut().find(|s| s.file == file) {
            s.template = snippet;
        }
        Ok(())
    }

    /// Renames a template: its name and its file.
    pub fn rename(&mut self, file: &Path, new_name: &str) -> std::io::Result<PathBuf> {
        let folder = if self.authors.iter().any(|a| a.file == file) {
            AUTHORS
        } else {
            SNIPPETS
        };
        let new_file = self.file_for(folder, new_name, &[]);
        if let Some(a) = self.authors.iter_mut().find(|a| a.file == file) {
            let mut t = a.template.clone();
            t.name = new_name.to_string();
            crate::files::write_atomic(&new_file, to_ron(&t).as_bytes())?;
            fs::remove_file(file)?;
            *a = Loaded {
                file: new_file.clone(),
                template: t,
            };
        } else if let Some(s) = self.snippets.iter_mut().find(|s| s.file == file) {
            let mut t = s.template.clone();
            t.name = new_name.to_string();
            crate::files::write_atomic(&new_file, to_ron(&t).as_bytes())?;
            fs::remove_file(file)?;
            *s = Loaded {
                file: new_file.clone(),
                template: t,
            };
        }
        Ok(new_file)
    }

    /// Copies a template under the name "<name> copy".
    pub fn duplicate(&mut self, file: &Path) -> std::io::Result<PathBuf> {
        if let Some(a) = self.authors.iter().find(|a| a.file == file) {
            let mut t = a.template.clone();
            t.name = format!("{} copy", t.name);
            let new_file = self.file_for(AUTHORS, &t.name, &[]);
            self.write(&new_file, &to_ron(&t))?;
            self.authors.push(Loaded {
                file: new_file.clone(),
                template: t,
            });
            return Ok(new_file);
        }
        if let Some(s) = self.snippets.iter().find(|s| s.file == file) {
            let mut t = s.template.clone();
            t.name = format!("{} copy", t.name);
            let new_file = self.file_for(SNIPPETS, &t.name, &[]);
            self.write(&new_file, &to_ron(&t))?;
            self.snippets.push(Loaded {
                file: new_file.clone(),
                template: t,
            });
            return Ok(new_file);
        }
        Err(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            "no such template",
        ))
    }

    /// Deletes a template's file (the app asks first).
    pub fn delete(&mut self, file: &Path) -> std::io::Result<()> {
        fs::remove_file(file)?;
        self.authors.retain(|a| a.file != file);
        self.snippets.retain(|s| s.file != file);
        Ok(())
    }

    /// Imports a `.ron` file: an author or a snippet, checked before it is
    /// copied in (a file of the same name is not overwritten).
    pub fn import(&mut self, source: &Path) -> Result<PathBuf, TemplateError> {
        if let Ok(author) = read_ron::<AuthorTemplate>(source) {
            check_version(author.version)?;
            let file = self.file_for(AUTHORS, &author.name, &[]);
            self.write(&file, &to_ron(&author))
                .map_err(|source| TemplateError::Write {
                    file: file.clone(),
                    source,
                })?;
            self.authors.push(Loaded {
                file: file.clone(),
                template: author,
            });
            return Ok(file);
        }
        match read_ron::<SnippetTemplate>(source) {
            Ok(snippet) => {
                check_version(snippet.version)?;
                let file = self.file_for(SNIPPETS, &snippet.name, &[]);
                self.write(&file, &to_ron(&snippet))
                    .map_err(|source| TemplateError::Write {
                        file: file.clone(),
                        source,
                    })?;
                self.snippets.push(Loaded {
                    file: file.clone(),
                    template: snippet,
                });
                Ok(file)
            }
            Err(cause) => Err(TemplateError::NotATemplate {
                path: source.to_path_buf(),
                cause: Box::new(cause),
            }),
        }
    }

    /// Adds the tags and credits an article uses that the library does not
    /// know yet; writes the files only if something was new. A file that
    /// could not be read is not overwritten.
    pub fn learn(&mut self, article: &Article) -> std::io::Result<bool> {
        let mut new_tags = false;
        for tag in article
            .meta
            .tags
            .iter()
            .map(|t| t.trim())
            .filter(|t| !t.is_empty())
        {
            if !self.tags.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
                self.tags.push(tag.to_string());
                new_tags = true;
            }
        }
        let mut new_credits = false;
        for credit in article
            .meta
            .credits
            .iter()
            .filter(|c| !c.name.trim().is_empty())
        {
            if !self
                .credits
                .iter()
                .any(|k| k.name.eq_ignore_ascii_case(credit.name.trim()))
            {
                self.credits.push(KnownCredit {
                    role: credit.role.trim().to_string(),
                    name: credit.name.trim().to_string(),
                    url: credit.url.trim().to_string(),
                });
                new_credits = true;
            }
        }
        let broken = |name: &str| self.problems.iter().any(|p| p.file == self.dir.join(name));
        if new_tags && !broken(TAGS) {
            self.tags.sort_by_key(|t| t.to_lowercase());
            let file = TagsFile {
                version: VERSION,
                tags: self.tags.clone(),
            };
            self.write(&self.dir.join(TAGS), &to_ron(&file))?;
        }
        if new_credits && !broken(CREDITS) {
            self.credits.sort_by_key(|c| c.name.to_lowercase());
            let file = CreditsFile {
                version: VERSION,
                credits: self.credits.clone(),
            };
            self.write(&self.dir.join(CREDITS), &to_ron(&file))?;
        }
        Ok(new_tags || new_credits)
    }

    fn write(&self, file: &Path, text: &str) -> std::io::Result<()> {
        if let Some(parent) = file.parent() {
            fs::create_dir_all(parent)?;
        }
        if self.problems.iter().any(|p| p.file == file) {
            return Err(std::io::Error::other(format!(
                "{} could not be read, so it is not overwritten",
                file.display()
            )));
        }
        crate::files::write_atomic(file, text.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Credit, Metadata};

    fn walker() -> AuthorTemplate {
        AuthorTemplate {
            name: "Walker Ronnie".into(),
            bio: "Walker Ronnie is a tech writer.".into(),
            ..Default::default()
        }
    }

    #[test]
    fn templates_survive_a_reload_and_a_copied_folder() {
        let dir = tempfile::tempdir().unwrap();
        let mut lib = Library::load(dir.path());
        let file = lib.save_author(walker()).unwrap();
        assert_eq!(file, dir.path().join("authors/walker-ronnie.ron"));
        lib.save_snippet(SnippetTemplate {
            name: "Newsletter".into(),
            text: "Sign up!".into(),
            ..Default::default()
        })
        .unwrap();
        let text = fs::read_to_string(&file).unwrap();
        assert!(
            text.contains("version: 1") && text.contains("name: \"Walker Ronnie\""),
            "{text}"
        );

        let copy = tempfile::tempdir().unwrap();
        for sub in ["authors", "snippets"] {
            fs::create_dir_all(copy.path().join(sub)).unwrap();
            for e in fs::read_dir(dir.path().join(sub)).unwrap() {
                let e = e.unwrap();
                fs::copy(e.path(), copy.path().join(sub).join(e.file_name())).unwrap();
            }
        }
        let again = Library::load(copy.path());
        assert_eq!(again.author("walker ronnie"), Some(&walker()));
        assert_eq!(again.snippets[0].template.text, "Sign up!");
    }

    #[test]
    fn a_broken_file_is_listed_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let mut lib = Library::load(dir.path());
        lib.save_author(walker()).unwrap();
        let broken = dir.path().join("authors/broken.ron");
        fs::write(&broken, "(name: \"Oops\", bio: ").unwrap();
        fs::write(dir.path().join("tags.ron"), "(tags: [\"unterminated").unwrap();
        let mut lib = Library::load(dir.path());
        assert_eq!(lib.authors.len(), 1, "the good one loads");
        assert_eq!(lib.problems.len(), 2);
        assert!(
            lib.problems
                .iter()
                .any(|p| p.file == broken && !p.error.is_empty())
        );
        // Learning a tag does not overwrite the unreadable tags file.
        let article = Article {
            meta: Metadata {
                tags: vec!["Leica".into()],
                ..Default::default()
            },
            body: String::new(),
        };
        lib.learn(&article).unwrap();
        assert_eq!(
            fs::read_to_string(dir.path().join("tags.ron")).unwrap(),
            "(tags: [\"unterminated"
        );
        assert_eq!(
            fs::read_to_string(&broken).unwrap(),
            "(name: \"Oops\", bio: "
        );
    }

    #[test]
    fn a_newer_format_is_refused_not_misread() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("authors")).unwrap();
        fs::write(
            dir.path().join("authors/future.ron"),
            "(version: 99, name: \"X\")",
        )
        .unwrap();
        let lib = Library::load(dir.path());
        assert!(lib.authors.is_empty());
        assert!(lib.problems[0].error.contains("newer Copydesk"));
    }

    #[test]
    fn the_house_dictionary_is_kept_sorted_and_refuses_to_overwrite_a_broken_file() {
        let dir = tempfile::tempdir().unwrap();
        let mut lib = Library::load(dir.path());
        assert!(lib.add_word("Xiaomi").unwrap());
        assert!(lib.add_word("leica").unwrap());
        assert!(!lib.add_word("Xiaomi").unwrap(), "already there");
        let again = Library::load(dir.path());
        assert_eq!(again.words, ["leica", "Xiaomi"]);
        assert!(
            fs::read_to_string(dir.path().join("dictionary.ron"))
                .unwrap()
                .contains("version: 1")
        );

        fs::write(dir.path().join("dictionary.ron"), "(words: [\"oops\"").unwrap();
        let mut broken = Library::load(dir.path());
        assert_eq!(broken.problems.len(), 1);
        assert!(broken.add_word("Huawei").is_err());
        assert_eq!(
            fs::read_to_string(dir.path().join("dictionary.ron")).unwrap(),
            "(words: [\"oops\""
        );
    }

    #[test]
    fn rename_duplicate_and_delete() {
        let dir = tempfile::tempdir().unwrap();
        let mut lib = Library::load(dir.path());
        let file = lib.save_author(walker()).unwrap();
        let renamed = lib.rename(&file, "Ronnie Walker").unwrap();
        assert!(!file.exists() && renamed.ends_with("ronnie-walker.ron"));
        let copy = lib.duplicate(&renamed).unwrap();
        assert!(copy.ends_with("ronnie-walker-copy.ron"));
        lib.delete(&copy).unwrap();
        assert!(!copy.exists());
        let lib = Library::load(dir.path());
        assert_eq!(lib.authors.len(), 1);
        assert_eq!(lib.authors[0].template.name, "Ronnie Walker");
    }

    #[test]
    fn credits_are_suggested_from_what_is_typed() {
        let lib = Library {
            credits: ["Reuters", "LetsGoDigital", "Getty Images", "AFP"]
                .map(|name| KnownCredit {
                    name: name.into(),
                    ..Default::default()
                })
                .to_vec(),
            ..Default::default()
        };
        let names = |typed: &str| -> Vec<String> {
            lib.suggest_credits(typed, 6)
                .iter()
                .map(|k| k.name.clone())
                .collect()
        };
        assert_eq!(names("g"), ["LetsGoDigital", "Getty Images"]);
        assert_eq!(names("  "), Vec::<String>::new());
        assert_eq!(names("reuters"), Vec::<String>::new(), "typed in full");
        assert_eq!(lib.suggest_credits("e", 2).len(), 2);
    }

    #[test]
    fn used_tags_and_credits_are_learnt() {
        let dir = tempfile::tempdir().unwrap();
        let mut lib = Library::load(dir.path());
        let article = Article {
            meta: Metadata {
                tags: vec!["Leica".into(), "Xiaomi".into()],
                credits: vec![Credit::new("credit", "LetsGoDigital")],
                ..Default::default()
            },
            body: String::new(),
        };
        assert!(lib.learn(&article).unwrap());
        assert!(!lib.learn(&article).unwrap(), "nothing new the second time");
        let lib = Library::load(dir.path());
        assert_eq!(lib.tags, ["Leica", "Xiaomi"]);
        assert_eq!(lib.credits[0].name, "LetsGoDigital");
    }

    #[test]
    fn importing_checks_the_file_and_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let mut lib = Library::load(dir.path());
        lib.save_author(walker()).unwrap();
        let outside = tempfile::tempdir().unwrap();
        let shared = outside.path().join("walker.ron");
        fs::write(
            &shared,
            "(name: \"Walker Ronnie\", bio: \"A colleague's version.\")",
        )
        .unwrap();
        let file = lib.import(&shared).unwrap();
        assert!(file.ends_with("walker-ronnie-2.ron"));
        let junk = outside.path().join("junk.ron");
        fs::write(&junk, "not ron at all").unwrap();
        assert!(
            lib.import(&junk)
                .unwrap_err()
                .to_string()
                .contains("neither an author nor a snippet")
        );
    }
}
