//! The app's typefaces, with real bold and italic faces (egui's own fonts
//! have one weight, so bold was only a colour and italics a slant): Noto Sans
//! for the interface, Noto Serif for the preview's text as publications set
//! it, Noto Sans Mono for code. Subset to Latin, Greek, Cyrillic and
//! punctuation (`assets/fonts/README.md`); glyphs they lack (CJK, Arabic, …)
//! still come from egui's fonts and the system's, which follow them.

use std::sync::Arc;

use egui::{FontData, FontDefinitions, FontFamily, FontId};

/// Sans, serif or monospace.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Sans,
    Serif,
    Mono,
}

/// One face of a family.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Face {
    pub kind: Kind,
    pub bold: bool,
    pub italic: bool,
}

/// Every face and the font file it is drawn with. Monospace has no italic:
/// code is set upright, and an italic run in it keeps egui's slant.
const FACES: [(Kind, bool, bool, &str, &[u8]); 10] = [
    (
        Kind::Sans,
        false,
        false,
        "sans",
        include_bytes!("../../assets/fonts/NotoSans-Regular.ttf"),
    ),
    (
        Kind::Sans,
        true,
        false,
        "sans-bold",
        include_bytes!("../../assets/fonts/NotoSans-Bold.ttf"),
    ),
    (
        Kind::Sans,
        false,
        true,
        "sans-italic",
        include_bytes!("../../assets/fonts/NotoSans-Italic.ttf"),
    ),
    (
        Kind::Sans,
        true,
        true,
        "sans-bold-italic",
        include_bytes!("../../assets/fonts/NotoSans-BoldItalic.ttf"),
    ),
    (
        Kind::Serif,
        false,
        false,
        "serif",
        include_bytes!("../../assets/fonts/NotoSerif-Regular.ttf"),
    ),
    (
        Kind::Serif,
        true,
        false,
        "serif-bold",
        include_bytes!("../../assets/fonts/NotoSerif-Bold.ttf"),
    ),
    (
        Kind::Serif,
        false,
        true,
        "serif-italic",
        include_bytes!("../../assets/fonts/NotoSerif-Italic.ttf"),
    ),
    (
        Kind::Serif,
        true,
        true,
        "serif-bold-italic",
        include_bytes!("../../assets/fonts/NotoSerif-BoldItalic.ttf"),
    ),
    (
        Kind::Mono,
        false,
        false,
        "mono",
        include_bytes!("../../assets/fonts/NotoSansMono-Regular.ttf"),
    ),
    (
        Kind::Mono,
        true,
        false,
        "mono-bold",
        include_bytes!("../../assets/fonts/NotoSansMono-Bold.ttf"),
    ),
];

impl Face {
    pub const SANS: Face = Face::new(Kind::Sans);
    pub const SERIF: Face = Face::new(Kind::Serif);
    pub const MONO: Face = Face::new(Kind::Mono);

    pub const fn new(kind: Kind) -> Self {
        Face {
            kind,
            bold: false,
            italic: false,
        }
    }

    pub fn bold(self) -> Self {
        Face { bold: true, ..self }
    }

    pub fn italic(self) -> Self {
        Face {
            italic: self.kind != Kind::Mono,
            ..self
        }
    }

    /// The egui family of this face. The regular sans and mono faces are
    /// egui's Proportional and Monospace, so every widget uses them.
    pub fn family(self) -> FontFamily {
        match (self.kind, self.bold, self.italic) {
            (Kind::Sans, false, false) => FontFamily::Proportional,
            (Kind::Mono, false, _) => FontFamily::Monospace,
            _ => FontFamily::Name(self.name().into()),
        }
    }

    pub fn font(self, size: f32) -> FontId {
        FontId::new(size, self.family())
    }

    /// The face a font id is drawn with (an unknown family reads as sans).
    pub fn of(font: &FontId) -> Face {
        match &font.family {
            FontFamily::Monospace => Face::MONO,
            FontFamily::Name(name) => FACES
                .iter()
                .find(|f| f.3 == name.as_ref())
                .map(|&(kind, bold, italic, ..)| Face { kind, bold, italic })
                .unwrap_or(Face::SANS),
            _ => Face::SANS,
        }
    }

    fn name(self) -> &'static str {
        FACES
            .iter()
            .find(|f| {
                f.0 == self.kind
                    && f.1 == self.bold
                    && f.2 == (self.italic && self.kind != Kind::Mono)
            })
            .map(|f| f.3)
            .expect("every face is listed")
    }
}

/// `font` in its bold face, same size.
pub fn bold(font: &FontId) -> FontId {
    Face::of(font).bold().font(font.size)
}

/// `font` in its italic face, same size.
pub fn italic(font: &FontId) -> FontId {
    Face::of(font).italic().font(font.size)
}

/// egui's font definitions with the faces first in every family and egui's
/// own fonts (emoji, icons, Hack, Ubuntu) after them as fallbacks.
pub fn definitions() -> FontDefinitions {
    let mut defs = FontDefinitions::default();
    let fallback_sans = defs
        .families
        .get(&FontFamily::Proportional)
        .cloned()
        .unwrap_or_default();
    let fallback_mono = defs
        .families
        .get(&FontFamily::Monospace)
        .cloned()
        .unwrap_or_default();
    for &(kind, bold, italic, name, bytes) in &FACES {
        defs.font_data
            .insert(name.to_string(), Arc::new(FontData::from_static(bytes)));
        let face = Face { kind, bold, italic };
        let fallback = if kind == Kind::Mono {
            &fallback_mono
        } else {
            &fallback_sans
        };
        let mut chain = vec![name.to_string()];
        chain.extend(fallback.iter().cloned());
        defs.families.insert(face.family(), chain);
    }
    defs
}

/// Installs the faces on a context that does not have them yet. Called
/// before anything is laid out in a frame, so no text is ever drawn with
/// egui's fonts; a flag in the context's memory makes it once per context.
pub fn install_once(ctx: &egui::Context) {
    let id = egui::Id::unique("copydesk-fonts-installed");
    if !ctx.data(|d| d.get_temp::<bool>(id).unwrap_or(false)) {
        ctx.set_fonts(definitions());
        ctx.data_mut(|d| d.insert_temp(id, true));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faces_round_trip_through_their_font_ids() {
        for &(kind, bold, italic, ..) in &FACES {
            let face = Face { kind, bold, italic };
            assert_eq!(Face::of(&face.font(14.0)), face);
        }
        let body = Face::SERIF.font(16.0);
        assert_eq!(bold(&italic(&body)), Face::SERIF.bold().italic().font(16.0));
        assert_eq!(italic(&Face::MONO.font(12.0)), Face::MONO.font(12.0));
        assert_eq!(
            bold(&FontId::proportional(12.0)).family,
            FontFamily::Name("sans-bold".into())
        );
    }

    #[test]
    fn every_family_has_its_face_first_and_egui_s_fonts_after() {
        let defs = definitions();
        for &(kind, bold, italic, name, _) in &FACES {
            let chain = &defs.families[&Face { kind, bold, italic }.family()];
            assert_eq!(chain[0], name);
            assert!(chain.len() > 1, "{name} has fallbacks");
        }
    }
}
