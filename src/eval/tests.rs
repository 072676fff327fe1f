//! Scorer tests: small constructed cases with exact numbers, then the fixture extracts of the shared data.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::*;
use crate::annotate::{ArgumentSpan, EntitySpan, RelationSpan};

fn ent(start: usize, end: usize, kind: &str, text: &str, rule: &str) -> EntitySpan {
    EntitySpan {
        start,
        end,
        kind: kind.into(),
        text: text.into(),
        canonical: text.into(),
        rule: rule.into(),
    }
}

fn arg(text: &str, canonical: &str) -> ArgumentSpan {
    ArgumentSpan {
        start: 0,
        end: text.chars().count(),
        text: text.into(),
        kind: String::new(),
        canonical: canonical.into(),
    }
}

fn rel(kind: &str, subject: &str, object: &str, attrs: &[(&str, &str)]) -> RelationSpan {
    RelationSpan {
        kind: kind.into(),
        subject: arg(subject, subject),
        object: arg(object, object),
        attrs: attrs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        rule: "test.rule".into(),
    }
}

fn ann(id: &str, entities: Vec<EntitySpan>, relations: Vec<RelationSpan>) -> Annotation {
    Annotation {
        id: id.into(),
        entities,
        relations,
    }
}

fn sentence(id: &str, text: &str, entities: &[(usize, usize, &str, &str)]) -> SpanGold {
    SpanGold {
        id: id.into(),
        text: text.into(),
        entities: entities
            .iter()
            .map(|&(start, end, kind, text)| GoldEntity {
                start,
                end,
                kind: kind.into(),
                label: String::new(),
                text: text.into(),
            })
            .collect(),
        relations: Vec::new(),
    }
}

fn counts(s: &Score) -> (usize, usize, usize) {
    (s.tp, s.pred, s.gold)
}

mod spans {
    use super::*;

    #[test]
    fn boundary_error_is_both_false_positive_and_false_negative() {
        let gold = [sentence(
            "s1",
            "与中国供销集团签约",
            &[(1, 7, "company", "中国供销集团")],
        )];
        let pred = [ann(
            "s1",
            vec![ent(0, 7, "company", "与中国供销集团", "company.suffix")],
            vec![],
        )];
        let r = score_spans(&gold, &pred, &SpanOptions::default());
        assert_eq!(counts(&r.scores.micro), (0, 1, 1));
        let [fp, fn_] = &r.errors[..] else {
            panic!("{:?}", r.errors)
        };
        assert_eq!(
            (fp.kind, fp.rule.as_deref()),
            (ErrorKind::FalsePositive, Some("company.suffix"))
        );
        assert_eq!(
            fp.near.as_ref().map(|n| (n.miss, n.text.as_str())),
            Some((MissKind::Boundary, "中国供销集团"))
        );
        assert_eq!(fn_.kind, ErrorKind::FalseNegative);
        let near = fn_.near.as_ref().unwrap();
        assert_eq!(
            (near.text.as_str(), near.rule.as_deref()),
            ("与中国供销集团", Some("company.suffix"))
        );
    }

    #[test]
    fn error_listing_groups_by_rule_and_names_the_near_miss() {
        let gold = [sentence(
            "s1",
            "与中国供销集团签约",
            &[(1, 7, "company", "中国供销集团")],
        )];
        let pred = [ann(
            "s1",
            vec![ent(0, 7, "company", "与中国供销集团", "company.suffix")],
            vec![],
        )];
        let report = EvalReport::Spans {
            entities: score_spans(&gold, &pred, &SpanOptions::default()),
            relations: None,
        };
        let text = render_text(
            &report,
            RenderOptions {
                errors: true,
                per_rule: true,
            },
        );
        assert!(text.contains("== company.suffix: 2 errors\n"), "{text}");
        assert!(text.contains("FN\ts1\t中国供销集团\tcompany\tboundary: predicted 与中国供销集团 company by company.suffix\n"), "{text}");
        assert!(
            text.contains("FP\ts1\t与中国供销集团\tcompany\tboundary: gold 中国供销集团 company\n"),
            "{text}"
        );
    }

    #[test]
    fn type_map_merges_gold_types_and_optionally_predicted_ones() {
        let gold = [sentence(
            "s",
            "国务院国资委和腾讯",
            &[
                (0, 6, "government", "国务院国资委"),
                (7, 9, "company", "腾讯"),
            ],
        )];
        let pred = [ann(
            "s",
            vec![
                ent(0, 6, "organization", "国务院国资委", "r1"),
                ent(7, 9, "company", "腾讯", "r2"),
            ],
            vec![],
        )];
        let mut opts = SpanOptions {
            type_map: TypeMap::parse("government=organization, company=organization").unwrap(),
            ..SpanOptions::default()
        };
        let r = score_spans(&gold, &pred, &opts);
        assert_eq!(
            counts(&r.scores.micro),
            (1, 1, 2),
            "predicted company is not mapped"
        );
        opts.map_predicted = true;
        let r = score_spans(&gold, &pred, &opts);
        assert_eq!(counts(r.scores.get("organization").unwrap()), (2, 2, 2));
        assert_eq!(r.scores.micro.f1, 1.0);
    }

    #[test]
    fn predicted_type_outside_gold_counts_only_when_scored() {
        let gold = [sentence(
            "s",
            "张三任董事长",
            &[(0, 2, "person", "张三"), (3, 6, "other", "董事长")],
        )];
        let pred = [ann(
            "s",
            vec![
                ent(0, 2, "person", "张三", "p"),
                ent(3, 6, "title", "董事长", "t"),
            ],
            vec![],
        )];
        let r = score_spans(&gold, &pred, &SpanOptions::default());
        assert_eq!(r.scores.types.len(), 1, "other is not scored by default");
        assert_eq!(counts(&r.scores.micro), (1, 1, 1));
        let opts = SpanOptions {
            types: Some(vec!["person".into(), "title".into()]),
            ..SpanOptions::default()
        };
        let r = score_spans(&gold, &pred, &opts);
        assert_eq!(counts(r.scores.get("title").unwrap()), (0, 1, 0));
        assert_eq!(counts(&r.scores.micro), (1, 2, 1));
    }

    #[test]
    fn label_keys_map_gold_by_data_set_label() {
        let mut gold = sentence("s", "中国国籍", &[(0, 4, "location", "中国国籍")]);
        gold.entities[0].label = "CONT".into();
        let opts = SpanOptions {
            type_map: TypeMap::parse("label:CONT=ignore").unwrap(),
            ..SpanOptions::default()
        };
        let r = score_spans(&[gold], &[], &opts);
        assert!(r.scores.types.is_empty());
        assert_eq!(counts(&r.scores.micro), (0, 0, 0));
    }

    #[test]
    fn per_rule_precision_lists_weakest_first_and_duplicates_count_once() {
        let gold = [sentence(
            "s",
            "张三李四王五",
            &[(0, 2, "person", "张三"), (2, 4, "person", "李四")],
        )];
        let pred = [ann(
            "s",
            vec![
                ent(0, 2, "person", "张三", "good"),
                ent(0, 2, "person", "张三", "dup"),
                ent(2, 4, "person", "李四", "weak"),
                ent(4, 6, "person", "王五", "weak"),
            ],
            vec![],
        )];
        let r = score_spans(&gold, &pred, &SpanOptions::default());
        assert_eq!(counts(&r.scores.micro), (2, 3, 2));
        let rules: Vec<_> = r
            .rules
            .iter()
            .map(|x| (x.rule.as_str(), x.tp, x.fp))
            .collect();
        assert_eq!(rules, [("weak", 1, 1), ("good", 1, 0)]);
    }

    #[test]
    fn missing_prediction_predicts_nothing_and_unknown_ids_are_ignored() {
        let gold = [sentence("a", "张三", &[(0, 2, "person", "张三")])];
        let pred = [ann("zzz", vec![ent(0, 2, "person", "张三", "r")], vec![])];
        let r = score_spans(&gold, &pred, &SpanOptions::default());
        assert_eq!(counts(&r.scores.micro), (0, 0, 1));
    }

    #[test]
    fn malformed_map_entry_is_an_error() {
        let err = TypeMap::parse("company").unwrap_err().to_string();
        assert!(err.contains("\"company\""), "{err}");
    }
}

mod relations {
    use super::*;

    fn gold(id: &str, rels: &[(&str, &str, &str)]) -> SpanGold {
        let arg = |text: &str| GoldArgument {
            start: None,
            end: None,
            text: text.into(),
            candidates: Vec::new(),
        };
        SpanGold {
            relations: rels
                .iter()
                .map(|&(head, label, tail)| GoldRelation {
                    head: arg(head),
                    tail: arg(tail),
                    kind: label.into(),
                })
                .collect(),
            ..sentence(id, "", &[])
        }
    }

    #[test]
    fn reversed_label_matches_text_or_canonical() {
        let gold = [
            gold(
                "a",
                &[
                    ("温氏股份", "董事长", "温鹏程"),
                    ("伍翠珍", "丈夫", "温鹏程"),
                ],
            ),
            gold("b", &[("万科", "董事长", "郁亮")]),
            gold("c", &[("格力", "董事长", "董明珠")]),
        ];
        let mut via_canonical = rel("holds_position", "郁总", "万科", &[("title", "董事长")]);
        via_canonical.subject.canonical = "郁亮".into();
        let pred = [
            ann(
                "a",
                vec![],
                vec![
                    rel("holds_position", "温鹏程", "温氏股份", &[]),
                    rel("holds_position", "伍翠珍", "温氏股份", &[]),
                ],
            ),
            ann("b", vec![], vec![via_canonical]),
            ann(
                "c",
                vec![],
                vec![rel("holds_position", "格力", "董明珠", &[])],
            ),
            ann("d", vec![], vec![rel("holds_position", "甲", "乙", &[])]),
        ];
        let r = score_relations(&gold, &pred, &RelationOptions::default(), &|_| None);
        let row = &r.labels[0];
        assert_eq!(
            (row.label.as_str(), row.gold, row.found, row.sentences),
            ("董事长", 3, 2, 3)
        );
        assert_eq!(
            (row.pred, row.correct),
            (4, 2),
            "sentence d carries no gold label"
        );
        assert_eq!(r.unmapped, BTreeMap::from([("丈夫".to_string(), 1)]));
        assert_eq!(r.misses.len(), 1);
        assert_eq!(
            (r.misses[0].subject.as_str(), r.misses[0].object.as_str()),
            ("董明珠", "格力")
        );
    }

    #[test]
    fn cooperation_ignores_direction_and_both_directions_count_once() {
        let gold = [gold(
            "f",
            &[
                ("滨江集团", "合作", "三花置业"),
                ("三花置业", "合作", "滨江集团"),
            ],
        )];
        let pred = [ann(
            "f",
            vec![],
            vec![rel("cooperates_with", "三花置业", "滨江集团", &[])],
        )];
        let r = score_relations(&gold, &pred, &RelationOptions::default(), &|_| None);
        assert_eq!(
            (
                r.overall.gold,
                r.overall.found,
                r.overall.pred,
                r.overall.correct
            ),
            (1, 1, 1, 1)
        );
    }

    #[test]
    fn one_fact_stated_twice_is_one_prediction() {
        let gold = [gold("g", &[("某公司", "总部地点", "上海")])];
        let pred = [ann(
            "g",
            vec![],
            vec![
                rel("located_in", "某公司", "上海", &[]),
                rel("located_in", "某公司", "上海", &[]),
                rel("located_in", "某公司", "北京", &[]),
            ],
        )];
        let r = score_relations(&gold, &pred, &RelationOptions::default(), &|_| None);
        assert_eq!((r.overall.pred, r.overall.correct), (2, 1));
        let wrong: Vec<(&str, &str)> = r
            .false_positives
            .iter()
            .map(|f| (f.sentence.as_str(), f.object.as_str()))
            .collect();
        assert_eq!(wrong, [("g", "北京")]);
    }

    #[test]
    fn lenient_matching_forgives_endings_pack_names_and_containing_places() {
        let gold = [
            gold("a", &[("vassen", "总部地点", "韩国")]),
            gold("b", &[("某某有限公司", "总部地点", "上海")]),
            gold("c", &[("某某有限公司", "总部地点", "北京")]),
        ];
        let mut district = rel("located_in", "某某有限公司", "嘉定区", &[]);
        district.object.canonical = "嘉定区".into();
        let pred = [
            ann(
                "a",
                vec![],
                vec![rel("located_in", "vassen公司", "韩国", &[])],
            ),
            ann(
                "b",
                vec![],
                vec![district.clone(), rel("part_of", "嘉定区", "上海市", &[])],
            ),
            ann("c", vec![], vec![district]),
        ];
        let opts = RelationOptions {
            containment: Some("part_of".into()),
            ..RelationOptions::default()
        };
        let name_of = |name: &str| (name == "上海").then(|| "上海市".to_string());
        let r = score_relations(&gold, &pred, &opts, &name_of);
        assert_eq!((r.overall.found, r.overall.lenient.found), (0, 2));
        assert_eq!((r.overall.correct, r.overall.lenient.correct), (0, 2));
        assert_eq!(r.overall.pred, 3, "part_of is not a mapped kind");
        assert!(
            r.misses
                .iter()
                .all(|m| m.found_leniently == (m.sentence != "c"))
        );
    }

    #[test]
    fn a_gold_name_the_sentence_defines_stands_for_its_entity() {
        let gold = [gold("d", &[("宏达实业", "持股", "华岳")])];
        let mut holder = rel("shareholder_of", "宏达实业投资有限公司", "华岳", &[]);
        holder.subject.canonical = "宏达实业投资有限公司".into();
        let mut alias = ent(20, 24, "company", "宏达实业", "alias.hereinafter");
        alias.canonical = "宏达实业投资有限公司".into();
        let pred = [ann("d", vec![alias], vec![holder])];
        let r = score_relations(&gold, &pred, &RelationOptions::default(), &|_| None);
        assert_eq!((r.overall.found, r.overall.lenient.found), (0, 1));
    }

    #[test]
    fn custom_label_map() {
        let opts = RelationOptions {
            label_map: LabelMap::parse("创始人=~founded_by").unwrap(),
            ..RelationOptions::default()
        };
        let gold = [gold(
            "x",
            &[("小米", "创始人", "雷军"), ("小米", "董事长", "雷军")],
        )];
        let pred = [ann(
            "x",
            vec![],
            vec![rel("founded_by", "雷军", "小米", &[])],
        )];
        let r = score_relations(&gold, &pred, &opts, &|_| None);
        assert_eq!((r.overall.gold, r.overall.found), (1, 1));
        assert_eq!(r.unmapped.get("董事长"), Some(&1));
    }
}

mod seeds {
    use super::*;

    fn entity(kind: &str, name: &str, aliases: &[&str]) -> SeedEntity {
        SeedEntity {
            kind: kind.into(),
            name: name.into(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            docs: vec!["d1".into()],
        }
    }

    fn fact(
        subject: &str,
        kind: &str,
        object: &str,
        title: Option<&str>,
        confidence: Confidence,
    ) -> SeedRelation {
        SeedRelation {
            subject: subject.into(),
            object: object.into(),
            kind: kind.into(),
            attrs: title
                .map(|t| ("title".to_string(), t.to_string()))
                .into_iter()
                .collect(),
            doc: "d1".into(),
            evidence: String::new(),
            confidence,
        }
    }

    fn gold() -> SeedGold {
        SeedGold {
            documents: vec!["d1".into(), "d2".into()],
            entities: vec![
                entity("company", "甲集团有限公司", &["甲集团"]),
                entity("person", "张三", &[]),
                entity("company", "乙公司", &[]),
            ],
            relations: vec![
                fact(
                    "张三",
                    "holds_position",
                    "甲集团有限公司",
                    Some("董事长"),
                    Confidence::Explicit,
                ),
                fact(
                    "甲集团有限公司",
                    "cooperates_with",
                    "乙公司",
                    None,
                    Confidence::Implied,
                ),
                fact(
                    "甲集团有限公司",
                    "listed_as",
                    "000831",
                    None,
                    Confidence::Explicit,
                ),
            ],
            notes: Vec::new(),
        }
    }

    fn score(relations: Vec<RelationSpan>, opts: SeedOptions) -> SeedReport {
        score_seeds(
            &gold(),
            &[("d1".into(), ann("d1", vec![], relations))],
            &opts,
        )
    }

    #[test]
    fn holds_position_needs_an_agreeing_title() {
        let r = score(
            vec![rel("holds_position", "张三", "甲集团", &[])],
            SeedOptions::default(),
        );
        assert_eq!(
            counts(r.strict.relations.get("holds_position").unwrap()),
            (0, 1, 1)
        );
        let r = score(
            vec![rel(
                "holds_position",
                "張三",
                "甲集团",
                &[("title", "董事长兼总经理")],
            )],
            SeedOptions::default(),
        );
        assert_eq!(
            counts(r.strict.relations.get("holds_position").unwrap()),
            (1, 1, 1)
        );
    }

    #[test]
    fn cooperation_is_unordered_and_listed_as_is_literal() {
        let rels = vec![
            rel("cooperates_with", "乙公司", "甲集团", &[]),
            rel("cooperates_with", "甲集团", "乙公司", &[]),
            rel("listed_as", "甲集团", "０００８３１", &[]),
        ];
        let r = score(rels, SeedOptions::default());
        assert_eq!(
            counts(r.strict.relations.get("cooperates_with").unwrap()),
            (1, 1, 1),
            "duplicate is not an error"
        );
        assert_eq!(
            counts(r.strict.relations.get("listed_as").unwrap()),
            (1, 1, 1)
        );
        assert_eq!(counts(&r.strict.relations.micro), (2, 2, 3));
    }

    #[test]
    fn explicit_only_leaves_implied_facts_out() {
        let rels = vec![rel("cooperates_with", "乙公司", "甲集团", &[])];
        let r = score(
            rels,
            SeedOptions {
                explicit_only: true,
            },
        );
        assert_eq!(counts(&r.strict.relations.micro), (0, 0, 2));
        assert!(
            r.strict
                .relations
                .get("cooperates_with")
                .is_some_and(|s| s.gold == 0)
        );
    }

    #[test]
    fn lenient_matching_drops_legal_suffixes() {
        let pred = ann(
            "d1",
            vec![
                ent(0, 9, "company", "甲集团股份有限公司", "c"),
                ent(0, 2, "person", "李四", "p"),
            ],
            vec![],
        );
        let r = score_seeds(&gold(), &[("d1".into(), pred)], &SeedOptions::default());
        assert_eq!(counts(&r.strict.entities.micro), (0, 2, 3));
        assert_eq!(counts(&r.lenient.entities.micro), (1, 2, 3));
        let fps: Vec<_> = r
            .lenient
            .errors
            .iter()
            .filter(|e| e.kind == ErrorKind::FalsePositive)
            .collect();
        assert_eq!(
            (fps.len(), fps[0].subject.as_str(), fps[0].rule.as_deref()),
            (1, "李四", Some("p"))
        );
    }
}

mod fixtures {
    use super::*;

    fn fixture(name: &str) -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name)
    }

    fn corpus() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus")
    }

    fn as_prediction(s: &SpanGold) -> Annotation {
        let entities = s
            .entities
            .iter()
            .map(|e| ent(e.start, e.end, &e.kind, &e.text, "gold"))
            .collect();
        ann(&s.id, entities, vec![])
    }

    /// The gold facts and entities of one document, as an extractor would report them.
    fn seed_prediction(gold: &SeedGold, doc: &str) -> Annotation {
        let entities = gold
            .entities
            .iter()
            .filter(|e| e.docs.iter().any(|d| d == doc))
            .map(|e| ent(0, 0, &e.kind, &e.name, "gold"))
            .collect();
        let relations = gold
            .relations
            .iter()
            .filter(|r| r.doc == doc)
            .map(|r| {
                let attrs: Vec<(&str, &str)> = r
                    .attrs
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.as_str()))
                    .collect();
                rel(&r.kind, &r.subject, &r.object, &attrs)
            })
            .collect();
        ann(doc, entities, relations)
    }

    #[test]
    fn detects_gold_kinds() {
        let spans = detect_gold_kind(&fixture("resume_ner_dev_head20.jsonl")).unwrap();
        let seeds = detect_gold_kind(&fixture("seeds.gold.json")).unwrap();
        assert_eq!((spans, seeds), (GoldKind::Spans, GoldKind::Seeds));
        assert!(matches!(
            detect_gold_kind(&fixture("README.md")),
            Err(EvalError::UnknownGold { .. })
        ));
    }

    #[test]
    fn resume_gold_as_prediction_is_perfect_and_empty_prediction_recalls_nothing() {
        let gold = load_spans(&fixture("resume_ner_dev_head20.jsonl")).unwrap();
        assert_eq!(gold.len(), 20);
        let pred: Vec<_> = gold.iter().map(as_prediction).collect();
        let r = score_spans(&gold, &pred, &SpanOptions::default());
        assert!(r.scores.micro.gold > 0);
        assert!(
            r.scores.types.iter().all(|t| t.score.f1 == 1.0),
            "{:?}",
            r.scores
        );
        assert!(r.errors.is_empty());
        let r = score_spans(&gold, &[], &SpanOptions::default());
        assert_eq!((r.scores.micro.recall, r.scores.micro.pred), (0.0, 0));
    }

    #[test]
    fn seeds_gold_as_prediction_is_perfect_and_empty_prediction_recalls_nothing() {
        let gold = load_seeds(&fixture("seeds.gold.json")).unwrap();
        let pred: Vec<_> = gold
            .documents
            .iter()
            .map(|d| (d.clone(), seed_prediction(&gold, d)))
            .collect();
        let r = score_seeds(&gold, &pred, &SeedOptions::default());
        for s in [&r.strict, &r.lenient] {
            assert_eq!(s.entities.micro.f1, 1.0, "{:?}", s.errors);
            assert_eq!(s.relations.micro.f1, 1.0, "{:?}", s.errors);
            assert_eq!(s.relations.micro.gold, gold.relations.len());
        }
        let r = score_seeds(
            &gold,
            &[],
            &SeedOptions {
                explicit_only: true,
            },
        );
        assert_eq!(
            (
                r.strict.relations.micro.recall,
                r.strict.entities.micro.recall
            ),
            (0.0, 0.0)
        );
        let explicit = gold
            .relations
            .iter()
            .filter(|r| r.confidence == Confidence::Explicit)
            .count();
        assert_eq!(r.strict.relations.micro.gold, explicit);
    }

    #[test]
    fn evaluate_annotates_each_corpus_document_whole() {
        let gold = load_seeds(&fixture("seeds.gold.json")).unwrap();
        let annotate = |id: &str, text: &str| {
            assert!(text.len() > 100, "{id} is passed whole");
            seed_prediction(&gold, id)
        };
        let report = evaluate(
            &fixture("seeds.gold.json"),
            Some(&corpus()),
            &EvalOptions::default(),
            &annotate,
            None,
        )
        .unwrap();
        let EvalReport::Seeds(r) = &report else {
            panic!("not seeds")
        };
        assert_eq!((r.documents, r.strict.relations.micro.f1), (5, 1.0));
        let text = render_text(
            &report,
            RenderOptions {
                errors: true,
                per_rule: true,
            },
        );
        assert!(text.contains("== relations (strict)"), "{text}");
        let json: serde_json::Value =
            serde_json::from_str(&render_json(&report, RenderOptions::default()).unwrap()).unwrap();
        assert_eq!(json["gold"], "seeds");
        assert_eq!(json["strict"]["relations"]["micro"]["f1"], 1.0);
        let missing = evaluate(
            &fixture("seeds.gold.json"),
            None,
            &EvalOptions::default(),
            &annotate,
            None,
        );
        assert!(matches!(missing, Err(EvalError::MissingCorpus { .. })));
    }

    #[test]
    fn evaluate_annotates_each_gold_sentence() {
        let gold = load_spans(&fixture("resume_ner_dev_head20.jsonl")).unwrap();
        let annotate = |id: &str, text: &str| {
            let s = gold
                .iter()
                .find(|s| s.id == id && s.text == text)
                .expect("gold sentence");
            Annotation {
                id: serde_json::Value::Null,
                ..as_prediction(s)
            }
        };
        let report = evaluate(
            &fixture("resume_ner_dev_head20.jsonl"),
            None,
            &EvalOptions::default(),
            &annotate,
            None,
        )
        .unwrap();
        let EvalReport::Spans {
            entities,
            relations,
        } = &report
        else {
            panic!("not spans")
        };
        assert_eq!((entities.scores.micro.f1, relations.is_none()), (1.0, true));
        let text = render_text(&report, RenderOptions::default());
        assert!(
            text.starts_with("entities, exact span (20 sentences)\ntype"),
            "{text}"
        );
    }
}
