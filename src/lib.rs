//! kgx: a rule-driven knowledge-graph extractor.
//!
//! ```text
//! bytes ──load──▶ Document ──normalize──▶ text + offset map ──segment──▶ sentences, tokens
//!       ──match entity rules──▶ mentions ──match relation rules──▶ facts
//!       ──resolve──▶ facts on canonical keys ──merge (petgraph)──▶ KnowledgeGraph ──export──▶ json · dot · …
//! ```

pub mod annotate;
pub mod document;
pub mod eval;
pub mod explain;
pub mod export;
pub mod extract;
pub mod graph;
pub mod pipeline;
pub mod resolve;
pub mod rules;
pub mod ruletest;
pub mod segment;
