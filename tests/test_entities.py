"""Entities: case tables with sentences written for the tests, and extensibility."""
import json

import pytest
import spacy

import oldcomm_ie
from conftest import table


def entities_of(sentence):
    return {e.text: e for e in oldcomm_ie.extract(sentence).entities}


@pytest.mark.parametrize("row", table("entities.tsv"), ids=lambda r: r[1])
def test_entity_table(row):
    sentence, surface, label, subtype = row
    found = entities_of(sentence)
    assert surface in found, f"{surface!r} not in {sorted(found)}"
    e = found[surface]
    assert sentence[e.start:e.end] == surface
    assert e.label == label
    assert (e.subtype or "-") == subtype


@pytest.mark.parametrize("row", table("entities_negative.tsv"), ids=lambda r: r[1])
def test_not_an_entity(row):
    sentence, text = row
    assert text not in entities_of(sentence)


def test_entities_do_not_overlap_and_map_back():
    text = "重庆市九龙坡区住房城乡建委与北京某某集团签约，\n合作改造红旗小区。"
    result = oldcomm_ie.extract(text)
    spans = sorted((e.start, e.end) for e in result.entities)
    assert all(b <= c for (a, b), (c, d) in zip(spans, spans[1:], strict=False))
    for e in result.entities:
        assert e.text == text[e.start:e.end].replace("\n", "")


def test_doc_ents_are_set(nlp):
    doc = nlp("深圳市南山区粤海街道办事处组织居民议事。")
    assert [(e.text, e.label_) for e in doc.ents] == [("深圳市南山区粤海街道办事处", "ORG")]
    assert all(isinstance(e["start"], int) for e in doc._.entities)


def test_add_patterns_wins_over_rules():
    nlp = oldcomm_ie.load()
    ruler = nlp.get_pipe("oldcomm_entities")
    ruler.add_patterns([{"label": "PROJECT", "pattern": "幸福里更新计划"},
                        {"label": "ORG", "pattern": "某某城市更新基金", "subtype": "company"}])
    found = {e.text: e for e in oldcomm_ie.extract("幸福里更新计划由某某城市更新基金出资。", nlp=nlp).entities}
    assert found["幸福里更新计划"].label == "PROJECT"
    assert found["某某城市更新基金"].subtype == "company"


def test_patterns_file_in_the_config(tmp_path):
    path = tmp_path / "patterns.jsonl"
    path.write_text(json.dumps({"label": "ORG", "pattern": "梧桐会", "subtype": "other"}, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    nlp = spacy.blank("zh")
    nlp.add_pipe("oldcomm_entities", config={"patterns": str(path)})
    doc = nlp("梧桐会组织了议事。")
    assert [(e.text, e.label_) for e in doc.ents] == [("梧桐会", "ORG")]


@pytest.mark.parametrize("bad", [{"label": "PERSONX", "pattern": "x"}, {"label": "ORG", "pattern": ""}, {"label": "ORG"}])
def test_bad_patterns_are_refused(bad):
    ruler = oldcomm_ie.load().get_pipe("oldcomm_entities")
    with pytest.raises(ValueError):
        ruler.add_patterns([bad])
