//! What an editor learns about an article without reading it: statistics,
//! problems to fix, and the parsed summary the CLI prints.

pub mod check;
pub mod inspect;
pub mod stats;
