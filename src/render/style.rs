//! How a drawing looks: node shapes and colours per entity type and line colours and styles per relation
//! type, read from the rule pack's `pack.toml` without compiling its rules (drawing must start fast).

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::export::{DotStyle, NodeStyle};

/// Line colours that tell relation types apart on white (Okabe–Ito's colour-blind-safe set, then the dark
/// colours of Paul Tol's muted scheme), given in name order to the pack's relation types without a `color`.
const PALETTE: [&str; 12] = [
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#882255", "#117733",
    "#332288", "#999933", "#000000", "#999999",
];

/// How edges of one relation type are drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EdgeStyle {
    /// Graphviz colour (a name or `#rrggbb`).
    pub color: String,
    /// Graphviz edge style (`solid`, `dashed`, `dotted`, `bold`).
    pub style: String,
}

/// Node styles by entity type and edge styles by relation type.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DrawingStyle {
    /// Node shapes and fill colours.
    pub nodes: DotStyle,
    /// Edge colours and line styles; types missing here are drawn black and solid.
    pub edges: BTreeMap<String, EdgeStyle>,
}

impl DrawingStyle {
    /// The style of edges of `kind`.
    pub fn edge(&self, kind: &str) -> EdgeStyle {
        self.edges.get(kind).cloned().unwrap_or_else(|| EdgeStyle {
            color: "#000000".into(),
            style: "solid".into(),
        })
    }

    /// Reads the styles `pack.toml` declares. Relation types without a `color` get the next palette
    /// colour in name order; without a `style`, symmetric relations are dashed.
    pub fn from_pack_toml(text: &str) -> Result<Self, toml::de::Error> {
        let pack: PackStyles = toml::from_str(text)?;
        let mut nodes = DotStyle::default();
        for (name, kind) in pack.entity_types {
            let default = nodes.for_kind(&name).clone();
            nodes.shapes.insert(
                name,
                NodeStyle::new(
                    kind.shape.as_deref().unwrap_or(&default.shape),
                    kind.color.as_deref().unwrap_or(&default.fillcolor),
                ),
            );
        }
        let mut palette = PALETTE.iter().cycle();
        let edges = pack
            .relation_types
            .into_iter()
            .map(|(name, kind)| {
                let color = match kind.color {
                    Some(color) => color,
                    None => palette.next().copied().unwrap_or("#000000").to_owned(),
                };
                let style = kind
                    .style
                    .unwrap_or_else(|| if kind.symmetric { "dashed" } else { "solid" }.to_owned());
                (name, EdgeStyle { color, style })
            })
            .collect();
        Ok(Self { nodes, edges })
    }
}

/// The parts of `pack.toml` a drawing needs; everything else is ignored here (`rules check` checks it).
#[derive(Debug, Deserialize)]
struct PackStyles {
    #[serde(default)]
    entity_types: BTreeMap<String, EntityStyleDef>,
    #[serde(default)]
    relation_types: BTreeMap<String, RelationStyleDef>,
}

#[derive(Debug, Deserialize)]
struct EntityStyleDef {
    shape: Option<String>,
    color: Option<String>,
}

#[derive(Debug, Deserialize)]
struct RelationStyleDef {
    color: Option<String>,
    style: Option<String>,
    #[serde(default)]
    symmetric: bool,
}
