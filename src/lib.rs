//! kgx: a rule-driven knowledge-graph extractor.
//!
//! ```text
//! bytes ──load──▶ Document ──normalize──▶ text + offset map ──segment──▶ sentences, tokens
//!       ──match entity rules──▶ mentions ──match relation rules──▶ facts
//!       ──resolve──▶ facts on canonical keys ──merge (petgraph)──▶ KnowledgeGraph ──export──▶ json · dot · …
//! ```
//!
//! Each stage is a module (see `ARCHITECTURE.md`); [`pipeline::Pipeline`] runs them in order. The rule
//! pack is compiled once and shared by every thread:
//!
//! ```
//! use kgx::pipeline::Pipeline;
//!
//! let pipeline = Pipeline::from_rules(std::path::Path::new("rules")).expect("the default pack is valid");
//! let text = "北方铜业有限公司党委书记、董事长张建国主持会议。";
//! let annotation = pipeline.annotate(serde_json::json!("example"), text);
//! let facts: Vec<String> = annotation
//!     .relations
//!     .iter()
//!     .map(|fact| format!("{} -{}-> {} {:?}", fact.subject.text, fact.kind, fact.object.text, fact.attrs))
//!     .collect();
//! assert!(facts.contains(&r#"张建国 -holds_position-> 北方铜业有限公司 {"title": "董事长"}"#.to_string()));
//! ```

#![warn(missing_docs)]

pub mod annotate;
pub mod document;
pub mod eval;
pub mod explain;
pub mod export;
pub mod extract;
pub mod graph;
pub mod pipeline;
pub mod render;
pub mod resolve;
pub mod rules;
pub mod rulestats;
pub mod ruletest;
pub mod segment;
pub mod stats;
