"""oldcomm_quantities as a spaCy component: user units, serialization, initialize, scorer."""
from decimal import Decimal

import pytest
import spacy
from spacy.training import Example

import oldcomm_ie

USER_UNITS = [{"unit": "榀", "kind": "count"},
              {"unit": "垧", "kind": "area", "base": "平方米", "factor": "10000"},
              {"unit": "市尺", "kind": "length", "base": "米", "factor": "0.3333"}]
TEXT = "该街区更换钢屋架一百二十榀，平整场地2.5垧，围墙加高3市尺。"
EXPECTED = [("一百二十榀", Decimal(120), "榀", "count"), ("2.5垧", Decimal(25000), "平方米", "area"),
            ("3市尺", Decimal("0.9999"), "米", "length")]


def _read(result):
    return [(q.text, Decimal(q.value), q.unit, q.kind) for q in result.quantities]


@pytest.fixture()
def fresh():
    return oldcomm_ie.load()


def test_packaged_tables_do_not_know_the_user_units():
    assert _read(oldcomm_ie.extract(TEXT)) == []


def test_added_units_are_used(fresh):
    fresh.get_pipe("oldcomm_quantities").add_patterns(USER_UNITS)
    assert _read(oldcomm_ie.extract(TEXT, nlp=fresh)) == EXPECTED
    # the shared default pipeline is not changed by another pipeline's additions
    assert _read(oldcomm_ie.extract(TEXT)) == []


def test_added_units_survive_to_disk_and_spacy_load(fresh, tmp_path):
    fresh.get_pipe("oldcomm_quantities").add_patterns(USER_UNITS)
    fresh.to_disk(tmp_path / "model")
    assert (tmp_path / "model" / "oldcomm_quantities" / "units.jsonl").exists()
    loaded = spacy.load(tmp_path / "model")
    assert loaded.get_pipe("oldcomm_quantities").patterns == fresh.get_pipe("oldcomm_quantities").patterns
    assert _read(oldcomm_ie.extract(TEXT, nlp=loaded)) == EXPECTED


def test_a_model_saved_without_additions_loads_without_them(fresh, tmp_path):
    fresh.to_disk(tmp_path / "plain")
    assert _read(oldcomm_ie.extract(TEXT, nlp=spacy.load(tmp_path / "plain"))) == []


def test_to_bytes_round_trip(fresh):
    fresh.get_pipe("oldcomm_quantities").add_patterns(USER_UNITS[:1])
    other = oldcomm_ie.load()
    other.get_pipe("oldcomm_quantities").from_bytes(fresh.get_pipe("oldcomm_quantities").to_bytes())
    assert [q.text for q in oldcomm_ie.extract(TEXT, nlp=other).quantities] == ["一百二十榀"]


def test_initialize_takes_patterns_and_clear_forgets_them(fresh):
    pipe = fresh.get_pipe("oldcomm_quantities")
    pipe.initialize(patterns=USER_UNITS[1:2])
    assert [q.text for q in oldcomm_ie.extract(TEXT, nlp=fresh).quantities] == ["2.5垧"]
    pipe.clear()
    assert _read(oldcomm_ie.extract(TEXT, nlp=fresh)) == []


@pytest.mark.parametrize("bad", [
    {"unit": "", "kind": "count"},
    {"unit": "樘", "kind": "weight"},
    {"unit": "垧", "kind": "area", "factor": "ten"},
    {"unit": "垧", "kind": "area", "factor": "-3"},
    {"unit": "垧", "kind": "area", "factor": "0"},
    {"kind": "count"},
    "樘",
])
def test_bad_patterns_are_refused_whole(fresh, bad):
    pipe = fresh.get_pipe("oldcomm_quantities")
    with pytest.raises(ValueError):
        pipe.add_patterns([USER_UNITS[0], bad])
    assert pipe.patterns == []  # nothing of a refused batch is kept


def test_evaluate_reports_quantity_spans(nlp):
    text = "加装电梯12部，改造面积3万平方米，涉及居民500户。"
    ref = nlp.make_doc(text)
    ref.spans["quantities"] = [ref.char_span(4, 7, label="count"), ref.char_span(12, 17, label="area"),
                               ref.char_span(18, 21, label="count")]  # 居民5: a wrong gold span
    scores = nlp.evaluate([Example(nlp.make_doc(text), ref)])
    assert scores["quantities_p"] == pytest.approx(2 / 3)
    assert scores["quantities_r"] == pytest.approx(2 / 3)
    assert scores["quantities_per_type"]["area"]["f"] == 1.0


def test_span_extensions_read_the_quantity_of_the_span(nlp):
    doc = nlp("约1.2万平方米，另有2至3年工期。")
    spans = list(doc.spans["quantities"])
    assert [s._.value for s in spans] == [Decimal(12000), Decimal(2)]
    assert [s._.value_max for s in spans] == [None, Decimal(3)]
    assert [s._.qualifier for s in spans] == ["approx", "range"]
    doc._.quantities = doc._.quantities[:1]  # set by hand: the index follows
    assert spans[1]._.value is None and spans[0]._.unit == "平方米"
