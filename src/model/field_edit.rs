//! One edit of an article's metadata as written on the command line
//! (`copydesk set`): `title=…`, `tags+=…`, `credits+=source:Reuters`.

use std::fmt;
use std::str::FromStr;

use super::{Author, Credit, Field, Metadata, Status};

/// A part of the feature image that can be set alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImagePart {
    Alt,
    Caption,
    Credit,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldEdit {
    /// `FIELD=VALUE` for a field of one line of text, `status=…` or `image=…`
    /// (an empty value clears it).
    Set(Field, String),
    SetImage(ImagePart, String),
    /// `tags=a, b`: the whole list.
    SetTags(Vec<String>),
    AddTag(String),
    RemoveTag(String),
    AddAuthor(String),
    RemoveAuthor(String),
    AddCredit(Credit),
    RemoveCredit(String),
}

/// The fields `set` takes, for messages.
pub const SETTABLE: &str = "title, subtitle, excerpt, date, status, category, slug, canonical_url, lang, original_title, original_lang, image, image.alt, image.caption, image.credit, tags, authors, credits";

/// Why a metadata edit as written on the command line is not one.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FieldEditError {
    #[error("{0:?} is not an edit: write FIELD=VALUE, FIELD+=VALUE or FIELD-=VALUE")]
    NotAnEdit(String),
    #[error("{name} takes `=`, not `{op}=`")]
    WrongOperator { name: String, op: char },
    #[error("{0} is a list: add with {0}+=… and remove with {0}-=…")]
    IsAList(String),
    #[error("unknown field `{0}`; the fields are {SETTABLE}")]
    UnknownField(String),
    #[error("status {0:?} is not one of draft, in-review, ready, published")]
    BadStatus(String),
    #[error("{0}: the value is empty")]
    Empty(String),
    #[error("credits+={0:?}: write ROLE:NAME or ROLE:NAME:URL")]
    CreditForm(String),
    #[error("credits+={0:?}: the name is empty")]
    CreditWithoutName(String),
}

impl FromStr for FieldEdit {
    type Err = FieldEditError;

    fn from_str(edit: &str) -> Result<FieldEdit, FieldEditError> {
        let eq = edit
            .find('=')
            .ok_or_else(|| FieldEditError::NotAnEdit(edit.to_string()))?;
        let (name, op) = match edit[..eq].chars().last() {
            Some('+') => (&edit[..eq - 1], '+'),
            Some('-') => (&edit[..eq - 1], '-'),
            _ => (&edit[..eq], '='),
        };
        let value = edit[eq + 1..].trim().to_string();
        let name = name.trim();
        let wrong_op = || FieldEditError::WrongOperator {
            name: name.to_string(),
            op,
        };
        match (name, op) {
            ("tags", '+') => non_empty(name, value).map(FieldEdit::AddTag),
            ("tags", '-') => non_empty(name, value).map(FieldEdit::RemoveTag),
            ("tags", _) => Ok(FieldEdit::SetTags(
                value
                    .split(',')
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(String::from)
                    .collect(),
            )),
            ("authors" | "author", '+') => non_empty(name, value).map(FieldEdit::AddAuthor),
            ("authors" | "author", '-') => non_empty(name, value).map(FieldEdit::RemoveAuthor),
            ("credits" | "credit", '+') => parse_credit(&value).map(FieldEdit::AddCredit),
            ("credits" | "credit", '-') => non_empty(name, value).map(FieldEdit::RemoveCredit),
            ("authors" | "author" | "credits" | "credit", _) => {
                Err(FieldEditError::IsAList(name.to_string()))
            }
            (part @ ("image.alt" | "image.caption" | "image.credit"), '=') => {
                Ok(FieldEdit::SetImage(
                    match part {
                        "image.alt" => ImagePart::Alt,
                        "image.caption" => ImagePart::Caption,
                        _ => ImagePart::Credit,
                    },
                    value,
                ))
            }
            (name, '=') => {
                let field = Field::from_name(name)
                    .filter(|f| {
                        f.text(&Metadata::default()).is_some()
                            || matches!(f, Field::Status | Field::Image)
                    })
                    .ok_or_else(|| FieldEditError::UnknownField(name.to_string()))?;
                if field == Field::Status && Status::parse(&value).is_none() {
                    return Err(FieldEditError::BadStatus(value));
                }
                Ok(FieldEdit::Set(field, value))
            }
            (name, _) if Field::from_name(name).is_some() || name.starts_with("image.") => {
                Err(wrong_op())
            }
            (name, _) => Err(FieldEditError::UnknownField(name.to_string())),
        }
    }
}

fn non_empty(name: &str, value: String) -> Result<String, FieldEditError> {
    if value.is_empty() {
        Err(FieldEditError::Empty(name.to_string()))
    } else {
        Ok(value)
    }
}

/// `ROLE:NAME[:URL]` (the URL may hold colons of its own).
fn parse_credit(value: &str) -> Result<Credit, FieldEditError> {
    let (role, rest) = value
        .split_once(':')
        .ok_or_else(|| FieldEditError::CreditForm(value.to_string()))?;
    let (name, url) = match rest.split_once(':') {
        Some((name, url)) => (name, url),
        None => (rest, ""),
    };
    if name.trim().is_empty() {
        return Err(FieldEditError::CreditWithoutName(value.to_string()));
    }
    Ok(Credit {
        role: role.trim().to_string(),
        name: name.trim().to_string(),
        url: url.trim().to_string(),
    })
}

impl FieldEdit {
    /// Applies the edit. `bio_of` gives the bio of an author added by name
    /// (from the template library).
    pub fn apply(&self, m: &mut Metadata, bio_of: &dyn Fn(&str) -> Option<String>) {
        let same = |a: &str, b: &str| a.trim().eq_ignore_ascii_case(b.trim());
        match self {
            FieldEdit::Set(Field::Status, value) => {
                if let Some(status) = Status::parse(value) {
                    m.status = status;
                }
            }
            FieldEdit::Set(Field::Image, value) => m.image.src = value.clone(),
            FieldEdit::Set(field, value) => {
                if let Some(text) = field.text_mut(m) {
                    *text = value.clone();
                }
            }
            FieldEdit::SetImage(part, value) => {
                let target = match part {
                    ImagePart::Alt => &mut m.image.alt,
                    ImagePart::Caption => &mut m.image.caption,
                    ImagePart::Credit => &mut m.image.credit,
                };
                *target = value.clone();
            }
            FieldEdit::SetTags(tags) => m.tags = tags.clone(),
            FieldEdit::AddTag(tag) => {
                if !m.tags.iter().any(|t| same(t, tag)) {
                    m.tags.push(tag.clone());
                }
            }
            FieldEdit::RemoveTag(tag) => m.tags.retain(|t| !same(t, tag)),
            FieldEdit::AddAuthor(name) => {
                if !m.authors.iter().any(|a| same(&a.name, name)) {
                    m.authors.push(Author {
                        name: name.clone(),
                        bio: bio_of(name).unwrap_or_default(),
                    });
                }
            }
            FieldEdit::RemoveAuthor(name) => m.authors.retain(|a| !same(&a.name, name)),
            FieldEdit::AddCredit(credit) => {
                if !m
                    .credits
                    .iter()
                    .any(|c| same(&c.name, &credit.name) && same(&c.role, &credit.role))
                {
                    m.credits.push(credit.clone());
                }
            }
            FieldEdit::RemoveCredit(name) => m.credits.retain(|c| !same(&c.name, name)),
        }
    }

    /// Whether a command-line word is an edit rather than a file name:
    /// `name=`, `name+=` or `name-=` with a name of letters, `_` and `.`.
    pub fn looks_like_edit(word: &str) -> bool {
        let Some(eq) = word.find('=') else {
            return false;
        };
        let name = word[..eq].trim_end_matches(['+', '-']);
        !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphabetic() || c == '_' || c == '.')
    }
}

impl fmt::Display for FieldEdit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldEdit::Set(field, v) => write!(f, "{}={v}", field.name()),
            FieldEdit::SetImage(part, v) => {
                write!(f, "image.{}={v}", format!("{part:?}").to_lowercase())
            }
            FieldEdit::SetTags(tags) => write!(f, "tags={}", tags.join(", ")),
            FieldEdit::AddTag(t) => write!(f, "tags+={t}"),
            FieldEdit::RemoveTag(t) => write!(f, "tags-={t}"),
            FieldEdit::AddAuthor(a) => write!(f, "authors+={a}"),
            FieldEdit::RemoveAuthor(a) => write!(f, "authors-={a}"),
            FieldEdit::AddCredit(c) if c.url.is_empty() => {
                write!(f, "credits+={}:{}", c.role, c.name)
            }
            FieldEdit::AddCredit(c) => write!(f, "credits+={}:{}:{}", c.role, c.name, c.url),
            FieldEdit::RemoveCredit(n) => write!(f, "credits-={n}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(text: &str) -> FieldEdit {
        text.parse().unwrap()
    }

    #[test]
    fn edits_read_as_written_and_print_back() {
        for text in [
            "title=A new title",
            "status=published",
            "tags+=Leica",
            "tags-=phones",
            "authors+=Jane Doe",
            "credits+=source:LetsGoDigital",
            "credits+=source:LetsGoDigital:https://letsgodigital.org/x",
            "credits-=Reuters",
            "image.alt=A phone",
            "image=cover.jpg",
        ] {
            assert_eq!(edit(text).to_string(), text);
        }
        assert_eq!(edit("date=").to_string(), "date=");
    }

    #[test]
    fn bad_edits_say_what_is_wrong() {
        for (text, says) in [
            ("colour=red", "unknown field `colour`"),
            ("status=banana", "not one of"),
            ("title+=x", "takes `=`"),
            ("authors=Jane", "is a list"),
            ("credits+=Reuters", "ROLE:NAME"),
            ("tags+=", "empty"),
            ("no operator", "not an edit"),
        ] {
            let err = text.parse::<FieldEdit>().unwrap_err().to_string();
            assert!(err.contains(says), "{text}: {err}");
        }
    }

    #[test]
    fn list_edits_add_once_and_remove_by_name() {
        let mut m = Metadata::default();
        let no_bio = |_: &str| None;
        edit("tags+=Leica").apply(&mut m, &no_bio);
        edit("tags+=leica").apply(&mut m, &no_bio);
        assert_eq!(m.tags, ["Leica"]);
        edit("tags-=LEICA").apply(&mut m, &no_bio);
        assert!(m.tags.is_empty());
        edit("authors+=Jane Doe").apply(&mut m, &|name| Some(format!("{name} writes.")));
        assert_eq!(m.authors[0].bio, "Jane Doe writes.");
        edit("credits+=source:X:https://x.org/a").apply(&mut m, &no_bio);
        assert_eq!(m.credits[0].url, "https://x.org/a");
        edit("credits-=x").apply(&mut m, &no_bio);
        assert!(m.credits.is_empty());
    }

    #[test]
    fn edits_are_told_from_file_names() {
        assert!(FieldEdit::looks_like_edit("tags+=x"));
        assert!(FieldEdit::looks_like_edit("image.alt=x"));
        assert!(!FieldEdit::looks_like_edit("posts/a=b.md"));
        assert!(!FieldEdit::looks_like_edit("post.md"));
    }
}
