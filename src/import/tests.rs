use super::*;
use crate::markdown::{self, plain_text};

const SAMPLE: &str = include_str!("../../sample_docs/xiaomi-leica.txt");

#[test]
fn sample_metadata_is_recognised() {
    let a = import_text(SAMPLE);
    let m = &a.meta;
    assert_eq!(m.title, "Xiaomi and Leica together for a new smartphone");
    assert_eq!(
        m.original_title,
        "Xiaomi e Leica insieme per un nuovo smartphone"
    );
    assert_eq!(m.original_lang, "it");
    assert_eq!(m.lang, "en");
    assert_eq!(m.authors.len(), 1);
    assert_eq!(m.authors[0].name, "Walker Ronnie");
    assert!(
        m.authors[0]
            .bio
            .starts_with("Walker Ronnie is a tech writer who keeps you informed"),
        "{}",
        m.authors[0].bio
    );
    assert!(
        m.authors[0]
            .bio
            .ends_with("ever-evolving world of technology.")
    );
    assert!(m.credits.is_empty(), "{:?}", m.credits);
}

#[test]
fn sample_body_has_one_heading_one_figure_and_the_paragraphs() {
    let a = import_text(SAMPLE);
    let blocks = markdown::parse(&a.body);
    let headings: Vec<_> = markdown::headings(&blocks)
        .into_iter()
        .map(|h| h.1)
        .collect();
    assert_eq!(
        headings,
        ["Xiaomi and Leica: partnership between companies confirmed"]
    );
    let figures = markdown::figures(&blocks);
    assert_eq!(figures.len(), 1);
    assert_eq!(plain_text(&figures[0].caption), "Xiaomi Leica");
    assert_eq!(plain_text(&figures[0].credit), "LetsGoDigital");
    let paragraphs: Vec<String> = blocks
        .iter()
        .filter_map(|b| match &b.kind {
            markdown::BlockKind::Paragraph(c) => Some(plain_text(c)),
            _ => None,
        })
        .collect();
    assert_eq!(paragraphs.len(), 4, "{paragraphs:#?}");
    assert!(paragraphs[0].starts_with("Finally the news we were waiting for."));
    assert!(
        paragraphs[1].contains("“long-term strategic partnership”")
            || paragraphs[0].contains("“long-term strategic partnership”")
    );
    assert!(paragraphs[2].contains("each other’s advantages and industry – he commented Lei Jun"));
    assert_eq!(
        paragraphs[3],
        "Now, therefore, we just have to wait and see what it is more specifically."
    );
    assert!(!a.body.contains("thumbnail"));
    assert!(!a.body.contains("Walker Ronnie is"));
}

#[test]
fn byline_date_dek_and_lists_at_the_top() {
    let a = import_text(
        "Pixel 9 review: the best Android camera\n\nGoogle's new phone gets the basics right\n\nBy Jane Doe and John Roe\n\nDigital Cameras - Friday, July 9th, 2010\n\nThe Pixel 9 is here, and it is good. We spent two weeks with it.\n\nWhat we liked\n\n- The camera\n- The battery\n- The screen\n\nThe phone costs $799 in the US and ships next week, according to Google.\n\nSource: Google\n",
    );
    let m = &a.meta;
    assert_eq!(m.title, "Pixel 9 review: the best Android camera");
    assert_eq!(m.subtitle, "Google's new phone gets the basics right");
    assert_eq!(
        m.authors
            .iter()
            .map(|a| a.name.as_str())
            .collect::<Vec<_>>(),
        ["Jane Doe", "John Roe"]
    );
    assert_eq!(m.date, "2010-07-09");
    assert_eq!(m.category, "Digital Cameras");
    assert_eq!(
        m.credits,
        vec![crate::model::Credit::new("source", "Google")]
    );
    assert!(
        a.body
            .contains("## What we liked\n\n- The camera\n- The battery\n- The screen"),
        "{}",
        a.body
    );
    assert!(a.body.contains("\\$799") || a.body.contains("$799"));
}

#[test]
fn caption_printed_twice_is_one_figure() {
    let a = import_text(
        "A title for the story\n\nThe first paragraph of the story is long enough to be a paragraph of prose.\n\nThe new phone\n\nThe new phone Photo: Reuters\n\nThe last paragraph of the story is also long enough to be prose, really.\n",
    );
    let blocks = markdown::parse(&a.body);
    let figures = markdown::figures(&blocks);
    assert_eq!(figures.len(), 1, "{}", a.body);
    assert_eq!(figures[0].alt, "The new phone");
    assert_eq!(plain_text(&figures[0].caption), "The new phone");
    assert_eq!(plain_text(&figures[0].credit), "Reuters");
    assert_eq!(
        a.body.matches("The new phone").count(),
        2,
        "alt and caption: {}",
        a.body
    );
}

#[test]
fn bio_box_label_and_job_title_are_not_headings() {
    let a = import_text(
        "Title of the piece\n\nBy Maria Rossi\n\nA long enough first paragraph of the body that is clearly prose, with a period.\n\nAnother paragraph of prose that closes the article with a sentence.\n\nAbout the Author\n\nSenior Editor\n\nMaria Rossi has covered smartphones for ten years and lives in Milan.\n",
    );
    assert_eq!(a.meta.authors.len(), 1);
    assert_eq!(a.meta.authors[0].name, "Maria Rossi");
    assert!(
        !a.meta.authors[0].bio.contains("Senior Editor") && !a.body.contains("Senior Editor"),
        "the role label is the author box's, not the bio's nor the body's: {:?}",
        a.meta.authors[0]
    );
    assert!(a.meta.authors[0].bio.contains("has covered smartphones"));
    assert!(!a.body.contains("##"), "{}", a.body);
    assert!(!a.body.contains("About the Author"));
}

#[test]
fn markdown_draft_keeps_its_body() {
    let a = import_text(
        "# The title\n\nSome *emphasis* here, written in English for sure.\n\n## A section\n",
    );
    assert_eq!(a.meta.title, "The title");
    assert_eq!(
        a.body,
        "Some *emphasis* here, written in English for sure.\n\n## A section\n"
    );
}

#[test]
fn drafts_without_blank_lines_are_cut_at_lines() {
    let a = import_text(
        "Title here\nFirst paragraph of the article, which ends with a full stop.\nSecond paragraph of the article, also ending properly.\n",
    );
    assert_eq!(a.meta.title, "Title here");
    assert_eq!(markdown::parse(&a.body).len(), 2, "{}", a.body);
}

#[test]
fn hard_wrapped_paragraphs_are_joined() {
    let a = import_text(
        "Title\n\nThis paragraph was wrapped at a fixed width by the tool\nthat produced it, so its lines must be joined again.\n",
    );
    assert_eq!(
        a.body,
        "This paragraph was wrapped at a fixed width by the tool that produced it, so its lines must be joined again.\n"
    );
}

#[test]
fn markdown_characters_in_drafts_stay_text() {
    let a = import_text("Title\n\nUse *args and 2 * 3 in C_code, see [1].\n");
    let blocks = markdown::parse(&a.body);
    match &blocks[0].kind {
        markdown::BlockKind::Paragraph(c) => {
            assert_eq!(plain_text(c), "Use *args and 2 * 3 in C_code, see [1].")
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn import_never_panics_on_odd_input() {
    for text in [
        "",
        "\n\n\n",
        "x",
        "By",
        "Credits:",
        "- ",
        "1. ",
        "\u{feff}",
        "Title\r\n\r\nBody\r\n",
        "  \t  ",
    ] {
        // What is imported does not matter here: only that it does not panic.
        let _ = import_text(text);
        let _ = import_rules_explained(text);
    }
}

#[test]
fn scraped_page_leftovers_and_agency_credits() {
    let a = import_text(include_str!("../../sample_docs/apple-glasses-scraped.txt"));
    let m = &a.meta;
    assert_eq!(m.title, "Apple delays its AR glasses to 2027, report says");
    assert_eq!(m.subtitle, "");
    assert_eq!(m.date, "2025-05-05");
    assert_eq!(
        m.authors
            .iter()
            .map(|a| a.name.as_str())
            .collect::<Vec<_>>(),
        ["Mark Hill"]
    );
    assert_eq!(
        m.credits,
        vec![
            crate::model::Credit::new("reporting", "Jane Roe"),
            crate::model::Credit::new("editing", "Tom Stone")
        ]
    );
    for junk in ["Share this article", "Advertisement", "Read more"] {
        assert!(!a.body.contains(junk), "{junk} left in {}", a.body);
    }
    let blocks = markdown::parse(&a.body);
    let headings: Vec<_> = markdown::headings(&blocks)
        .into_iter()
        .map(|h| h.1)
        .collect();
    assert_eq!(headings, ["Why the delay?"]);
    let figures = markdown::figures(&blocks);
    assert_eq!(plain_text(&figures[0].caption), "Apple Vision Pro");
    assert_eq!(plain_text(&figures[0].credit), "Apple");
}

#[test]
fn a_german_review_with_byline_date_and_bio() {
    let a = import_text(include_str!("../../sample_docs/galaxy-s24-test-de.txt"));
    assert_eq!(a.meta.lang, "de");
    assert_eq!(a.meta.date, "2024-03-12");
    assert_eq!(a.meta.authors[0].name, "Anna Schmidt");
    assert!(
        a.meta.authors[0]
            .bio
            .starts_with("Anna Schmidt ist Redakteurin")
    );
    let blocks = markdown::parse(&a.body);
    let headings: Vec<_> = markdown::headings(&blocks)
        .into_iter()
        .map(|h| h.1)
        .collect();
    assert_eq!(headings, ["Design und Display", "Fazit"]);
    assert_eq!(
        plain_text(&markdown::figures(&blocks)[0].credit),
        "Anna Schmidt"
    );
}

mod never_drops_text {
    use super::*;
    use proptest::prelude::*;

    /// Lines of the kinds drafts are made of, in any order.
    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            "[A-Z][a-z]{2,8}( [a-z]{2,8}){3,9}",
            "[A-Z][a-z]{2,8}( [a-z]{2,8}){12,40}\\.",
            "By [A-Z][a-z]{2,7} [A-Z][a-z]{2,9}",
            "(March|Juli|avril) [1-2][0-9], 20[0-2][0-9]",
            "[A-Z][a-z]{3,8}( [a-z]{2,8}){2,8}\\. \\((Reuters|AFP|[A-Z][a-z]{3,8})\\)",
            "[A-Z][a-z]{3,8}( [a-z]{2,8}){2,8} Credit: [A-Z][a-z]{3,8}",
            "- [a-z]{2,8}( [a-z]{2,8}){1,5}",
            "Share|Advertisement|View gallery \\(1[0-9] photos\\)|3 hours ago",
            "[A-Z][a-z]{2,7} [A-Z][a-z]{2,9} is a reporter who covers( [a-z]{2,8}){4,12}\\.",
        ]
    }

    fn words(text: &str) -> Vec<String> {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 3)
            .map(str::to_lowercase)
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

        /// Every unit of a draft is accounted for (one decision each), and
        /// every word of what is not chrome, a byline or a date ends up in
        /// the article: in the body or in a field.
        #[test]
        fn every_unit_is_decided_and_no_words_are_lost(pieces in prop::collection::vec(piece(), 1..14), blank in any::<bool>()) {
            let sep = if blank { "\n\n" } else { "\n" };
            let draft = pieces.join(sep);
            for import in [import_explained, import_rules_explained] {
                let (article, decisions) = import(&draft);
                let (normal, _, _) = crate::format::normalise_text(&draft);
                let units = cut_units(&normal);
                let mut seen: Vec<usize> = decisions.iter().map(|d| d.unit).collect();
                seen.sort_unstable();
                seen.dedup();
                prop_assert_eq!(seen.len(), decisions.len(), "a unit decided twice: {:#?}", decisions);
                prop_assert_eq!(seen, (0..units.len()).collect::<Vec<_>>(), "{:#?}", decisions);
                let m = &article.meta;
                let mut kept = format!("{} {} {} {} {}", article.body, m.title, m.subtitle, m.original_title, m.date);
                for a in &m.authors {
                    kept.push_str(&format!(" {} {}", a.name, a.bio));
                }
                for c in &m.credits {
                    kept.push_str(&format!(" {} {}", c.role, c.name));
                }
                let kept: std::collections::HashSet<String> = words(&kept).into_iter().collect();
                for d in &decisions {
                    if matches!(d.class, "chrome" | "byline" | "date") {
                        continue;
                    }
                    for w in words(&d.text) {
                        prop_assert!(kept.contains(&w), "{:?} of {:?} ({}) is lost:\n{}\n=>\n{:#?}", w, d.text, d.class, draft, article);
                    }
                }
            }
        }
    }
}

/// The body's paragraphs, headings and figures as plain text, in order.
fn body_outline(article: &Article) -> Vec<String> {
    let blocks = markdown::parse(&article.body);
    let mut out = Vec::new();
    for b in &blocks {
        match &b.kind {
            markdown::BlockKind::Paragraph(c) => out.push(format!("p {}", plain_text(c))),
            markdown::BlockKind::List { .. } => out.push("list".to_string()),
            _ => {}
        }
    }
    for (_, h, _) in markdown::headings(&blocks) {
        out.push(format!("h {h}"));
    }
    for f in markdown::figures(&blocks) {
        out.push(format!(
            "f {} | {}",
            plain_text(&f.caption),
            plain_text(&f.credit)
        ));
    }
    out
}

const LONG: &str = "The company said the phone would reach shops in the spring, at a price that has not been announced yet, and that more colours would follow.";

#[test]
fn comments_embedded_posts_and_update_notes_are_not_the_article() {
    let draft = format!(
        "A phone that folds twice\n\nBy Ana Ruiz\n\n{LONG}\n\nSo small 😮 pic.twitter.com/x1 — Le Labo (@lelabo) May 14, 2019\n\n{LONG}\n\nThis article was updated on 15/05/2019 with the price.\n\nCarla F. says:\n\nFinally! Let's see.\n\nNuno says:\n\nToo good to be true."
    );
    let a = import_text(&draft);
    assert_eq!(a.meta.authors[0].name, "Ana Ruiz");
    assert_eq!(
        body_outline(&a),
        vec![format!("p {LONG}"), format!("p {LONG}")]
    );
}

#[test]
fn a_table_of_contents_list_is_dropped_and_its_headings_kept() {
    let draft = format!(
        "How long will your phone get updates?\n\nBy Ana Ruiz\n\n{LONG}\n\nJump straight to:\n\n  • Who promises most\n  • What happens after\n\nWho promises most\n\n{LONG}\n\nWhat happens after\n\n{LONG}"
    );
    let out = body_outline(&import_text(&draft));
    assert!(!out.contains(&"list".to_string()), "{out:#?}");
    assert!(out.contains(&"h Who promises most".to_string()), "{out:#?}");
    assert!(
        out.contains(&"h What happens after".to_string()),
        "{out:#?}"
    );
}

#[test]
fn a_list_right_under_the_head_is_kept() {
    let draft = format!(
        "Mid-range phones no longer get cheaper\n\nA shopper compares two phones in a Madrid store.Ana Ruiz/Getty\n\n  • Prices rose 18% in three years.\n  • Chips cost more.\n\n{LONG}"
    );
    let a = import_text(&draft);
    let out = body_outline(&a);
    assert!(out.contains(&"list".to_string()), "{out:#?}");
    assert!(
        out.contains(
            &"f A shopper compares two phones in a Madrid store. | Ana Ruiz/Getty".to_string()
        ),
        "{out:#?}"
    );
    assert_eq!(a.meta.subtitle, "");
}

#[test]
fn the_title_repeated_as_alt_text_is_not_a_caption() {
    let draft = format!(
        "First folding phone sold only in Scandinavia\n\nANP First folding phone sold only in Scandinavia\n\n{LONG}\n\n{LONG}"
    );
    let a = import_text(&draft);
    assert_eq!(a.meta.title, "First folding phone sold only in Scandinavia");
    assert!(
        body_outline(&a).contains(&"f  | ANP".to_string()),
        "{:#?}",
        body_outline(&a)
    );
}

#[test]
fn quoted_subheadings_and_glued_kickers() {
    let draft = format!(
        "SmartphonesThe phone that does almost nothing is suddenly wanted\n\nBy Ana Ruiz\n\n{LONG}\n\n« A door, not yet a revolution »\n\n{LONG}"
    );
    let a = import_text(&draft);
    assert_eq!(
        a.meta.title,
        "The phone that does almost nothing is suddenly wanted"
    );
    assert!(
        body_outline(&a).contains(&"h « A door, not yet a revolution »".to_string()),
        "{:#?}",
        body_outline(&a)
    );
}

#[test]
fn a_bio_under_the_bare_name_is_the_writers() {
    let draft = format!(
        "eSIM: what it is and how it works\n\nMarco Ferrandi\n\nWrites about technology since 2012, mostly phones, apps and digital services.\n\n{LONG}\n\n{LONG}"
    );
    let a = import_text(&draft);
    assert_eq!(a.meta.authors.len(), 1);
    assert_eq!(a.meta.authors[0].name, "Marco Ferrandi");
    assert!(a.meta.authors[0].bio.starts_with("Writes about technology"));
    assert_eq!(body_outline(&a).len(), 2, "{:#?}", body_outline(&a));
}

#[test]
fn a_quotation_introduced_by_says_is_not_the_comments() {
    let draft = format!(
        "A phone that folds twice\n\nBy Ana Ruiz\n\n{LONG}\n\n{LONG}\n\nMarta Ruiz says:\n\n{LONG}\n\n{LONG}\n\n{LONG}\n\n{LONG}"
    );
    let out = body_outline(&import_text(&draft));
    assert_eq!(out.len(), 7, "{out:#?}");
}

/// The rules alone on a draft (the shapes below are the rules' to read).
fn by_rules(draft: &str) -> Article {
    import_rules_explained(draft).0
}

fn paragraphs_of(a: &Article) -> Vec<String> {
    markdown::parse(&a.body)
        .iter()
        .filter_map(|b| match &b.kind {
            markdown::BlockKind::Paragraph(c) => Some(plain_text(c)),
            _ => None,
        })
        .collect()
}

const BODY: &str = "The new tablet has a brighter screen than last year's model, and the pen now charges on its side while you work.\n\nBattery life is the weak point: we measured nine hours of video, two fewer than the cheaper model managed on the same test.";

#[test]
fn an_author_box_at_the_end_gives_the_writer_and_the_bio() {
    let label_name = format!(
        "Tablets in Spring\n\n{BODY}\n\nAbout Me\nOwen Garrity\nRunner, tinkerer and reluctant early adopter who still keeps a drawer of dead chargers.\nView my complete profile\n"
    );
    let handle = format!(
        "Tablets in Spring\n\n{BODY}\n\nAuthor: npembridge\n\nI'm a novelist living on the coast, writing mysteries set in small fishing towns.\n"
    );
    for (draft, name, bio) in [
        (label_name, "Owen Garrity", "Runner, tinkerer"),
        (handle, "npembridge", "I'm a novelist"),
    ] {
        let a = by_rules(&draft);
        assert_eq!(a.meta.authors.len(), 1, "{:?}", a.meta.authors);
        assert_eq!(a.meta.authors[0].name, name);
        assert!(
            a.meta.authors[0].bio.starts_with(bio),
            "{:?}",
            a.meta.authors
        );
        assert_eq!(paragraphs_of(&a).len(), 2, "{}", a.body);
    }
}

#[test]
fn a_product_heading_over_the_last_paragraph_is_not_an_author_box() {
    let draft = format!(
        "Tablets in Spring\n\n{BODY}\n\nKeswin Loop\n\nThe Loop is the one to buy if you hate charging: it ran for nineteen days on our wrist.\n"
    );
    let a = by_rules(&draft);
    assert!(a.meta.authors.is_empty(), "{:?}", a.meta.authors);
    assert_eq!(paragraphs_of(&a).len(), 3, "{}", a.body);
}

#[test]
fn a_date_in_a_byline_is_read_past_the_comment_count() {
    let draft = format!(
        "Vimmel Tab S - Een tablet om op te tekenen\n\nDoor Ruben Hoogland, dinsdag 18 maart 2025 09:00, 27 reacties • Feedback\n\n{BODY}\n"
    );
    let a = by_rules(&draft);
    assert_eq!(a.meta.date, "2025-03-18");
    assert_eq!(a.meta.authors[0].name, "Ruben Hoogland");
}

#[test]
fn labels_joined_by_commas_and_an_affiliate_notice_are_chrome() {
    let draft = format!(
        "Our site tests every product for hours before we recommend it. If you buy through our links, we may earn a small commission at no cost to you.\nThe Year in Fitness Bands\nRoundups,Wearables & Fitness Gadgets\n\n{BODY}\n"
    );
    let a = by_rules(&draft);
    assert_eq!(a.meta.title, "The Year in Fitness Bands");
    assert_eq!(paragraphs_of(&a).len(), 2, "{}", a.body);
}

#[test]
fn a_short_label_over_a_list_heads_it_even_under_a_heading() {
    let draft = "Best Tablets of the Year\n\nBy Ana Ruiz\n\nWe tried eighty tablets over the winter and picked the two that most people should buy this year.\n\nThe cheapest ones are better than ever, and the dearest ones are finally worth their price for people who draw.\n\nCressa Slate 11\nPro\n- Bright, accurate screen\n- Five years of updates\nContro\n- Charger sold apart\nThe Slate is the most balanced tablet we tested this year, and the one we would buy ourselves.\n";
    let a = by_rules(draft);
    let headings: Vec<String> = markdown::headings(&markdown::parse(&a.body))
        .into_iter()
        .map(|h| h.1)
        .collect();
    assert_eq!(headings, ["Cressa Slate 11", "Pro", "Contro"], "{}", a.body);
}

#[test]
fn a_block_wrapped_narrower_than_the_body_is_one_paragraph() {
    let draft = "Choosing a Smartwatch\n\nSmartwatches are turning into the second\nscreen nobody asked for and everybody\nbought. Here is what to check before you\nstrap one on.\n\nAny smartwatch will show your messages, count your steps and\ntell you the time, which is more than some early models\nmanaged. Before choosing, decide whether you are already tied\nto one phone maker, because most watches work best, or only,\nwith handsets of their own brand.\n";
    let a = by_rules(draft);
    let all = format!("{} {}", a.meta.subtitle, a.body);
    assert!(
        all.contains("the second screen nobody asked for and everybody bought. Here is"),
        "{all}"
    );
    // A title, a date and a caption stacked in one block stay apart.
    let stacked = format!(
        "Sieben neue Modelle im März\nDonnerstag, 03.03.2016 | 09:41\nZentra Zentra Z5 Mini\n\n{BODY}\n"
    );
    assert_eq!(cut_units(&stacked).len(), 5);
}

#[test]
fn page_furniture_in_seven_languages_is_chrome() {
    for line in [
        "Weitere Optionen zum Teilen",
        "Delen op Facebook",
        "Share on X",
        "Aggiornato il",
        "Publié le :",
        "Regarder la vidéo",
        "Print Version",
        "0 commentaire",
        "3 utenti hanno trovato utile questa guida",
        "Articoli correlati",
        "Page 2",
        "View my complete profile",
        "Roundups,Wearables & Fitness Gadgets",
    ] {
        assert!(chrome::chrome_reason(line).is_some(), "{line}");
    }
    // Prose that shares their words is not.
    for line in [
        "Share prices fell on Monday after the launch.",
        "Delen van de code komen uit het vorige model.",
        "Page after page of settings, all of them in grey.",
        "Updated firmware fixed the hinge.",
    ] {
        assert_eq!(chrome::chrome_reason(line), None, "{line}");
    }
}

#[test]
fn labelled_tag_and_subject_lines_are_metadata_not_body() {
    let draft = format!(
        "• Smartwatch Scores Explained\n\nBy Ana Ruiz\n\nSubject: Mobile\n\nTagged: wearables, testing\n\n{BODY}\n"
    );
    let a = by_rules(&draft);
    assert_eq!(a.meta.title, "Smartwatch Scores Explained");
    assert_eq!(a.meta.tags, ["wearables", "testing"]);
    assert_eq!(a.meta.category, "Mobile");
    assert_eq!(paragraphs_of(&a).len(), 2, "{}", a.body);
}
