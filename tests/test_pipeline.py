"""The public API, the spaCy integration and the segmenters."""
import json
from pathlib import Path

import pytest
import spacy

import oldcomm_ie

ROOT = Path(__file__).resolve().parents[1]
TEXT = "据悉，宁波市海曙区月湖街道老旧小区改造项目总投资约2.6亿元，\n惠及居民1800余户。"
CONTRACT_KEYS = {"doc_id", "quantities", "entities", "projects"}
QUANTITY_KEYS = {"start", "end", "text", "kind", "value", "unit", "qualifier", "value_max"}


def test_to_dict_has_the_contract_shape():
    d = oldcomm_ie.extract(TEXT, doc_id="a.txt").to_dict()
    assert set(d) >= CONTRACT_KEYS
    assert d["doc_id"] == "a.txt"
    assert d["quantities"] and all(set(q) >= QUANTITY_KEYS for q in d["quantities"])
    json.dumps(d, ensure_ascii=False)


@pytest.mark.parametrize("text", ["", "   ", "\n\n", "\u3000"])
def test_empty_text_gives_empty_result(text):
    d = oldcomm_ie.extract(text).to_dict()
    assert d["quantities"] == d["entities"] == d["projects"] == []


@pytest.mark.parametrize("bad", [None, b"bytes", 42, ["list"]])
def test_wrong_types_raise_type_error(bad):
    with pytest.raises(TypeError):
        oldcomm_ie.extract(bad)


def test_over_the_size_limit_is_a_clear_error():
    nlp = oldcomm_ie.load(max_chars=100)
    with pytest.raises(ValueError, match="limit"):
        oldcomm_ie.extract("改造" * 100, nlp=nlp)


def test_factories_work_from_a_blank_pipeline():
    nlp = spacy.blank("zh")
    nlp.add_pipe("oldcomm_quantities")
    doc = nlp("加装电梯3000余部")
    span = doc.spans["quantities"][0]
    assert span.text == "3000余部"
    assert span._.value == 3000 and span._.qualifier == "more_than" and span._.unit == "部"


def test_doc_carries_plain_data(nlp):
    doc = nlp(TEXT)
    for q in doc._.quantities:
        assert all(isinstance(v, (str, int, bool, type(None))) for v in q.values())
    assert isinstance(doc._.layout["runs"], list)


def test_extract_many_equals_extract():
    texts = [TEXT, "", "改造面积约3万平方米"]
    many = [r.to_dict() for r in oldcomm_ie.extract_many(texts, doc_ids=["a", "b", "c"])]
    one = [oldcomm_ie.extract(t, doc_id=i).to_dict() for t, i in zip(texts, "abc", strict=True)]
    assert many == one


def test_extract_many_in_two_processes_equals_one():
    texts = [TEXT * (i + 1) for i in range(6)]
    two = [r.to_dict() for r in oldcomm_ie.extract_many(texts, n_process=2, batch_size=2)]
    one = [r.to_dict() for r in oldcomm_ie.extract_many(texts)]
    assert two == one


def test_jieba_segmenter_gives_the_same_result():
    """The spaCy pipeline on jieba's words (extract() builds no tokens at all)."""
    from oldcomm_ie.records import from_doc

    pytest.importorskip("jieba")
    nlp = oldcomm_ie.load("jieba")
    doc = nlp(TEXT)
    assert len(doc) < len(doc.text) and doc.ents
    assert from_doc(doc).to_dict() == oldcomm_ie.extract(TEXT).to_dict()


def test_pkuseg_segmenter_with_a_model_trained_here(tmp_path, monkeypatch):
    spacy_pkuseg = pytest.importorskip("spacy_pkuseg")
    lines = ["老旧 小区 改造 项目 惠及 居民 三百 户", "社会 资本 参与 城市 更新",
             "改造 面积 约 两万 平方米", "区 住房 城乡 建委 负责 实施"] * 5
    (tmp_path / "train.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "test.txt").write_text("\n".join(lines[:4]) + "\n", encoding="utf-8")
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    spacy_pkuseg.train("train.txt", "test.txt", str(tmp_path / "model"), train_iter=2)
    nlp = oldcomm_ie.load("pkuseg", pkuseg_model=str(tmp_path / "model"))
    doc = nlp("老旧小区改造项目惠及居民三百户")
    assert "小区" in [t.text for t in doc]
    assert doc._.quantities[0]["value"] == "300"


def test_unknown_segmenter_is_refused():
    with pytest.raises(ValueError):
        oldcomm_ie.load("whitespace")
    with pytest.raises(ValueError):
        oldcomm_ie.load("pkuseg")


def test_entry_points_are_installed():
    from importlib.metadata import entry_points

    names = {ep.name for ep in entry_points(group="spacy_factories")}
    assert "oldcomm_quantities" in names


def test_from_dict_inverts_to_dict():
    text = "成都市武侯区芳草社区老旧小区改造项目由成都城投集团投资1.5亿元，惠及居民860户。"
    d = oldcomm_ie.extract(text, doc_id="a.txt").to_dict()
    assert oldcomm_ie.Extraction.from_dict(d).to_dict() == d


def test_extract_many_names_a_bad_item_and_keeps_the_ones_before():
    stream = oldcomm_ie.extract_many(["改造面积约3万平方米", b"bytes", "惠及居民1800余户"], doc_ids=["a", "b", "c"])
    assert next(stream).doc_id == "a"
    with pytest.raises(oldcomm_ie.BadItemError, match=r"item 1 \(b\): extract takes str, not bytes"):
        next(stream)


def test_extract_many_records_bad_items_in_place():
    nlp = oldcomm_ie.load(max_chars=50)
    texts = ["改造面积约3万平方米", None, "甲" * 51, "惠及居民1800余户"]
    results = list(oldcomm_ie.extract_many(texts, nlp=nlp, doc_ids="abcd", errors="record"))
    assert [r.doc_id for r in results] == list("abcd")
    assert [r.error is None for r in results] == [True, False, False, True]
    assert "NoneType" in results[1].error and "over the limit of 50" in results[2].error
    assert results[3].quantities[0].value == 1800
    assert results[1].to_dict()["error"] == results[1].error


def test_extract_many_refuses_an_unknown_error_mode():
    with pytest.raises(ValueError, match="errors must be"):
        list(oldcomm_ie.extract_many(["x"], errors="ignore"))


@pytest.mark.parametrize("path", sorted((ROOT / "corpus").glob("*.txt")), ids=lambda p: p.name)
def test_extract_gives_what_the_full_doc_gives(nlp, path):
    """extract() runs the stages on a Doc without tokens or views; the result is the one
    from_doc makes of nlp(text), every view and token written (the bundled corpus)."""
    from oldcomm_ie.records import from_doc

    text = path.read_text(encoding="utf-8")
    assert oldcomm_ie.extract(text, nlp=nlp).to_dict() == from_doc(nlp(text)).to_dict()


def test_annotate_builds_no_tokens_for_its_own_pipeline(nlp):
    from oldcomm_ie.layout import clean_layout
    from oldcomm_ie.pipeline import annotate

    doc = annotate(nlp, TEXT)
    assert len(doc) == 0 and not doc.ents and not doc.spans
    assert doc._.quantities and doc._.entities and doc._.layout["clean"] == clean_layout(TEXT).clean
    with pytest.raises(ValueError, match="limit"):
        annotate(oldcomm_ie.load(max_chars=10), TEXT)
    with pytest.raises(TypeError, match="str"):
        annotate(nlp, b"bytes")


def test_extract_skips_spacy_views_and_gives_what_the_doc_gives(nlp):
    """extract() spares doc.ents and doc.spans (only plain data is read); its result is
    the one from_doc makes of a Doc with every view written."""
    from oldcomm_ie.pipeline import plain_only
    from oldcomm_ie.records import from_doc

    assert plain_only(nlp) == {"oldcomm_quantities": {"spacy_views": False},
                               "oldcomm_entities": {"spacy_views": False}}
    full = nlp(TEXT)
    assert full.ents and full.spans["quantities"]
    bare = nlp(TEXT, component_cfg=plain_only(nlp))
    assert not bare.ents and "quantities" not in bare.spans
    assert bare._.quantities == full._.quantities and bare._.entities == full._.entities
    assert oldcomm_ie.extract(TEXT, nlp=nlp).to_dict() == from_doc(full).to_dict()


_SEEN_ENTS: list[list[str]] = []


@spacy.Language.component("test_reads_ents")
def _reads_ents(doc):
    _SEEN_ENTS.append([e.label_ for e in doc.ents])
    return doc


def test_views_are_written_for_a_user_component_that_comes_after(nlp):
    """A component of the user's own after the entities may read doc.ents: extract()
    then keeps the views of every stage before it."""
    from oldcomm_ie.pipeline import plain_only

    mine = oldcomm_ie.load()
    mine.add_pipe("test_reads_ents", after="oldcomm_entities")
    assert plain_only(mine) == {}
    oldcomm_ie.extract(TEXT, nlp=mine)
    assert _SEEN_ENTS[-1] == [e.label_ for e in nlp(TEXT).ents] != []
