//! Editing operations on the body's text: pure functions from (text,
//! selection) to (text, selection), so the editor, the command palette and
//! tests share them. Selections are byte ranges on char boundaries.

pub mod find;
mod markup;
pub mod text_diff;

pub use markup::{
    Edit, FigureAt, FigureParts, figure_at, heading, insert_figure_filled, insert_figure_of, link,
    prefix_lines, update_figure, wrap,
};
