//! Graphviz's names for colours, node shapes, line styles and arrowheads, so that a pack's drawing style
//! is checked where it is written (Graphviz itself only warns, and draws a black box or line instead).

use super::diagnostic::closest;

/// Colour names of Graphviz's default (X11) scheme, vendored with their source and licence.
const COLOR_NAMES: &str = include_str!("graphviz_colors.txt");

/// Node shapes (https://graphviz.org/doc/info/shapes.html).
const SHAPES: &[&str] = &[
    "box",
    "polygon",
    "ellipse",
    "oval",
    "circle",
    "point",
    "egg",
    "triangle",
    "plaintext",
    "plain",
    "diamond",
    "trapezium",
    "parallelogram",
    "house",
    "pentagon",
    "hexagon",
    "septagon",
    "octagon",
    "doublecircle",
    "doubleoctagon",
    "tripleoctagon",
    "invtriangle",
    "invtrapezium",
    "invhouse",
    "Mdiamond",
    "Msquare",
    "Mcircle",
    "rect",
    "rectangle",
    "square",
    "star",
    "none",
    "underline",
    "cylinder",
    "note",
    "tab",
    "folder",
    "box3d",
    "component",
    "promoter",
    "cds",
    "terminator",
    "utr",
    "primersite",
    "restrictionsite",
    "fivepoverhang",
    "threepoverhang",
    "noverhang",
    "assembly",
    "signature",
    "insulator",
    "ribosite",
    "rnastab",
    "proteasesite",
    "proteinstab",
    "rpromoter",
    "rarrow",
    "larrow",
    "lpromoter",
    "record",
    "Mrecord",
];

/// Edge styles (https://graphviz.org/docs/attr-types/style/).
const EDGE_STYLES: &[&str] = &["solid", "dashed", "dotted", "bold", "invis", "tapered"];

/// Primitive arrow shapes; an arrowhead is one to four of them, each optionally preceded by `o` (open)
/// and `l` or `r` (half) (https://graphviz.org/docs/attr-types/arrowType/).
const ARROW_SHAPES: &[&str] = &[
    "normal", "inv", "dot", "odot", "none", "tee", "empty", "box", "crow", "curve", "icurve",
    "diamond", "vee",
];

/// Old arrowhead names Graphviz still accepts.
const LEGACY_ARROWS: &[&str] = &["ediamond", "open", "halfopen", "invempty"];

/// What kind of Graphviz name a value of a pack must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GraphvizName {
    /// A colour: an X11 colour name or `#rrggbb` (`#rrggbbaa`).
    Color,
    /// A node shape.
    Shape,
    /// An edge style.
    EdgeStyle,
    /// An arrowhead.
    Arrowhead,
}

impl GraphvizName {
    /// Checks `value`; when Graphviz would not know it, the message and a hint (the closest known name).
    pub fn check(self, value: &str) -> Result<(), (String, String)> {
        let known = match self {
            GraphvizName::Color => {
                is_hex_color(value) || color_names().any(|name| name.eq_ignore_ascii_case(value))
            }
            GraphvizName::Shape => SHAPES.contains(&value),
            GraphvizName::EdgeStyle => EDGE_STYLES.contains(&value),
            GraphvizName::Arrowhead => is_arrowhead(value),
        };
        if known {
            return Ok(());
        }
        let (what, names, listed): (&str, Vec<&str>, String) = match self {
            GraphvizName::Color => (
                "colour",
                color_names().collect(),
                "an X11 colour name (https://graphviz.org/doc/info/colors.html) or #rrggbb".into(),
            ),
            GraphvizName::Shape => (
                "node shape",
                SHAPES.to_vec(),
                "a node shape (https://graphviz.org/doc/info/shapes.html): box, ellipse, note …"
                    .into(),
            ),
            GraphvizName::EdgeStyle => (
                "edge style",
                EDGE_STYLES.to_vec(),
                format!("one of {}", EDGE_STYLES.join(", ")),
            ),
            GraphvizName::Arrowhead => (
                "arrowhead",
                ARROW_SHAPES.iter().chain(LEGACY_ARROWS).copied().collect(),
                format!(
                    "up to four of {}, each after an optional o (open) and l or r (half)",
                    ARROW_SHAPES.join(", ")
                ),
            ),
        };
        let lower = value.to_ascii_lowercase();
        let hint = match closest(&lower, names) {
            Some(name) => format!("did you mean `{name}`? Graphviz takes {listed}"),
            None => format!("Graphviz takes {listed}"),
        };
        Err((format!("`{value}` is not a Graphviz {what}"), hint))
    }
}

/// The vendored colour names (comment lines left out).
fn color_names() -> impl Iterator<Item = &'static str> {
    COLOR_NAMES
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
}

/// `#rrggbb` or `#rrggbbaa`.
fn is_hex_color(value: &str) -> bool {
    value
        .strip_prefix('#')
        .is_some_and(|hex| matches!(hex.len(), 6 | 8) && hex.chars().all(|c| c.is_ascii_hexdigit()))
}

/// Whether `value` is an arrowhead: a legacy name, or one to four primitive shapes with modifiers.
fn is_arrowhead(value: &str) -> bool {
    if LEGACY_ARROWS.contains(&value) {
        return true;
    }
    let mut rest = value;
    let mut shapes = 0;
    while !rest.is_empty() && shapes < 4 {
        let longest = ["", "o", "l", "r", "ol", "or"]
            .iter()
            .flat_map(|modifier| {
                ARROW_SHAPES
                    .iter()
                    .map(move |shape| modifier.len() + shape.len())
                    .filter(|&len| {
                        rest.get(..len)
                            .is_some_and(|head| is_modified(head, modifier))
                    })
            })
            .max();
        let Some(len) = longest else {
            return false;
        };
        rest = &rest[len..];
        shapes += 1;
    }
    shapes > 0 && rest.is_empty()
}

/// Whether `head` is `modifier` followed by a primitive arrow shape.
fn is_modified(head: &str, modifier: &str) -> bool {
    head.strip_prefix(modifier)
        .is_some_and(|shape| ARROW_SHAPES.contains(&shape))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_are_x11_names_or_hex() {
        for good in ["red", "SteelBlue", "gray40", "#9ecae1", "#9ecae180"] {
            assert_eq!(GraphvizName::Color.check(good), Ok(()), "{good}");
        }
        let (message, hint) = GraphvizName::Color.check("steelbleu").unwrap_err();
        assert_eq!(message, "`steelbleu` is not a Graphviz colour");
        assert!(hint.starts_with("did you mean `steelblue`?"), "{hint}");
        assert!(GraphvizName::Color.check("#12345").is_err());
        assert!(GraphvizName::Color.check("debianred").is_err());
    }

    #[test]
    fn shapes_styles_and_arrowheads() {
        assert_eq!(GraphvizName::Shape.check("component"), Ok(()));
        let (_, hint) = GraphvizName::Shape.check("elipse").unwrap_err();
        assert!(hint.starts_with("did you mean `ellipse`?"), "{hint}");
        assert_eq!(GraphvizName::EdgeStyle.check("dashed"), Ok(()));
        let (_, hint) = GraphvizName::EdgeStyle.check("dashes").unwrap_err();
        assert!(hint.starts_with("did you mean `dashed`?"), "{hint}");
        for good in [
            "normal",
            "onormal",
            "lteeoldiamond",
            "invodot",
            "ediamond",
            "vee",
            "obox",
        ] {
            assert_eq!(GraphvizName::Arrowhead.check(good), Ok(()), "{good}");
        }
        for bad in ["", "arrow", "normalnormalnormalnormalnormal", "xnormal"] {
            assert!(GraphvizName::Arrowhead.check(bad).is_err(), "{bad}");
        }
    }
}
