//! Drawing part of a saved graph: select what is worth drawing ([`select`]), style it from the rule pack
//! ([`style`]), write its DOT source ([`dot`]) and let Graphviz lay it out ([`graphviz`]).

pub mod dot;
pub mod graphviz;
pub mod select;
pub mod style;

pub use dot::{Layout, subgraph_dot};
pub use select::{Ambiguity, Paths, SelectError, Selection, Subgraph};

/// Above this many entities the layered `dot` layout becomes a long strip: a force-directed one is used.
pub const LAYERED_LIMIT: usize = 120;

/// The layout for a drawing of `entities` entities when none is asked for.
pub fn layout_for(entities: usize) -> Layout {
    if entities <= LAYERED_LIMIT {
        Layout::Dot
    } else {
        Layout::Sfdp
    }
}
