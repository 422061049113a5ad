//! The article's metadata fields by name: what `copydesk set` edits, what a
//! front-matter key is bound to, what the metadata panel labels.

use super::Metadata;

/// One metadata field of [`Metadata`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Title,
    Subtitle,
    OriginalTitle,
    OriginalLang,
    Authors,
    Date,
    Status,
    Tags,
    Category,
    Excerpt,
    Slug,
    CanonicalUrl,
    Lang,
    Image,
    Credits,
}

impl Field {
    pub const ALL: [Field; 15] = [
        Field::Title,
        Field::Subtitle,
        Field::OriginalTitle,
        Field::OriginalLang,
        Field::Authors,
        Field::Date,
        Field::Status,
        Field::Tags,
        Field::Category,
        Field::Excerpt,
        Field::Slug,
        Field::CanonicalUrl,
        Field::Lang,
        Field::Image,
        Field::Credits,
    ];

    /// Copydesk's own key, also the field's name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Subtitle => "subtitle",
            Field::OriginalTitle => "original_title",
            Field::OriginalLang => "original_lang",
            Field::Authors => "authors",
            Field::Date => "date",
            Field::Status => "status",
            Field::Tags => "tags",
            Field::Category => "category",
            Field::Excerpt => "excerpt",
            Field::Slug => "slug",
            Field::CanonicalUrl => "canonical_url",
            Field::Lang => "lang",
            Field::Image => "image",
            Field::Credits => "credits",
        }
    }

    /// The field's name in the metadata panel.
    pub fn label(self) -> &'static str {
        match self {
            Field::Title => "Title",
            Field::Subtitle => "Subtitle",
            Field::OriginalTitle => "Original title",
            Field::OriginalLang => "Original language",
            Field::Authors => "Authors",
            Field::Date => "Date",
            Field::Status => "Status",
            Field::Tags => "Tags",
            Field::Category => "Category",
            Field::Excerpt => "Excerpt",
            Field::Slug => "Slug",
            Field::CanonicalUrl => "Canonical URL",
            Field::Lang => "Language",
            Field::Image => "Feature image",
            Field::Credits => "Credits",
        }
    }

    pub fn from_name(name: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.name() == name)
    }

    /// Whether the field holds the same in both.
    pub fn same_in(self, a: &Metadata, b: &Metadata) -> bool {
        match self {
            Field::Title => a.title == b.title,
            Field::Subtitle => a.subtitle == b.subtitle,
            Field::OriginalTitle => a.original_title == b.original_title,
            Field::OriginalLang => a.original_lang == b.original_lang,
            Field::Authors => a.authors == b.authors,
            Field::Date => a.date == b.date,
            Field::Status => a.status == b.status,
            Field::Tags => a.tags == b.tags,
            Field::Category => a.category == b.category,
            Field::Excerpt => a.excerpt == b.excerpt,
            Field::Slug => a.slug == b.slug,
            Field::CanonicalUrl => a.canonical_url == b.canonical_url,
            Field::Lang => a.lang == b.lang,
            Field::Image => a.image == b.image,
            Field::Credits => a.credits == b.credits,
        }
    }

    /// The value of a field that is one line of text.
    pub fn text(self, m: &Metadata) -> Option<&str> {
        Some(match self {
            Field::Title => &m.title,
            Field::Subtitle => &m.subtitle,
            Field::OriginalTitle => &m.original_title,
            Field::OriginalLang => &m.original_lang,
            Field::Date => &m.date,
            Field::Category => &m.category,
            Field::Excerpt => &m.excerpt,
            Field::Slug => &m.slug,
            Field::CanonicalUrl => &m.canonical_url,
            Field::Lang => &m.lang,
            Field::Authors | Field::Status | Field::Tags | Field::Image | Field::Credits => {
                return None;
            }
        })
    }

    /// The text field behind a field that is one line of text.
    pub fn text_mut(self, m: &mut Metadata) -> Option<&mut String> {
        Some(match self {
            Field::Title => &mut m.title,
            Field::Subtitle => &mut m.subtitle,
            Field::OriginalTitle => &mut m.original_title,
            Field::OriginalLang => &mut m.original_lang,
            Field::Date => &mut m.date,
            Field::Category => &mut m.category,
            Field::Excerpt => &mut m.excerpt,
            Field::Slug => &mut m.slug,
            Field::CanonicalUrl => &mut m.canonical_url,
            Field::Lang => &mut m.lang,
            Field::Authors | Field::Status | Field::Tags | Field::Image | Field::Credits => {
                return None;
            }
        })
    }

    /// Whether the field holds nothing (a file need not have its key).
    pub fn is_empty_in(self, m: &Metadata) -> bool {
        match self {
            Field::Authors => m.authors.is_empty(),
            Field::Status => false,
            Field::Tags => m.tags.is_empty(),
            Field::Image => m.image.is_empty(),
            Field::Credits => m.credits.is_empty(),
            text => text.text(m).is_none_or(str::is_empty),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_is_found_by_its_name() {
        for f in Field::ALL {
            assert_eq!(Field::from_name(f.name()), Some(f));
        }
    }

    #[test]
    fn a_changed_field_is_told_apart_from_the_others() {
        let a = Metadata::default();
        let mut b = a.clone();
        b.tags.push("x".into());
        let changed: Vec<_> = Field::ALL
            .into_iter()
            .filter(|f| !f.same_in(&a, &b))
            .collect();
        assert_eq!(changed, [Field::Tags]);
    }
}
