//! How a drawing looks: node shapes and colours per entity type and line colours, styles and arrowheads
//! per relation type, read from the rule pack's `pack.toml` without compiling its rules (drawing must
//! start fast). `kgx rules check` checks the names; defaults are those of the DOT export
//! ([`DotStyle::set_relation`]).

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::export::{DotStyle, NodeStyle};

/// Reads the styles `pack.toml` declares.
pub fn from_pack_toml(text: &str) -> Result<DotStyle, toml::de::Error> {
    let pack: PackStyles = toml::from_str(text)?;
    let mut style = DotStyle::default();
    for (name, kind) in pack.entity_types {
        let default = style.for_kind(&name).clone();
        style.shapes.insert(
            name,
            NodeStyle::new(
                kind.shape.as_deref().unwrap_or(&default.shape),
                kind.color.as_deref().unwrap_or(&default.fillcolor),
            ),
        );
    }
    for (index, (name, kind)) in pack.relation_types.iter().enumerate() {
        let given = [&kind.color, &kind.style, &kind.arrowhead].map(Option::as_deref);
        style.set_relation(index, name, given, kind.symmetric);
    }
    Ok(style)
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
    arrowhead: Option<String>,
    #[serde(default)]
    symmetric: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relation_styles_and_their_defaults() {
        let style = from_pack_toml(
            "[relation_types.b]\ncolor = \"firebrick\"\nstyle = \"dotted\"\narrowhead = \"vee\"\n\
             [relation_types.a]\nsymmetric = true\n[entity_types.person]\nshape = \"ellipse\"\n",
        )
        .unwrap();
        let b = style.edge("b");
        assert_eq!(
            (b.color.as_str(), b.style.as_str(), b.arrowhead.as_str()),
            ("firebrick", "dotted", "vee")
        );
        let a = style.edge("a");
        assert_eq!(
            (a.color.as_str(), a.style.as_str()),
            (crate::export::dot::PALETTE[0], "dashed")
        );
        assert_eq!(style.for_kind("person").shape, "ellipse");
        assert_eq!(style.edge("unknown").color, "#000000");
    }
}
