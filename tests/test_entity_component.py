"""The entity component behaves like spaCy's own: patterns saved with the pipeline,
initialize from config, subtypes on spans, scores in nlp.evaluate."""
from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc
from spacy.training import Example
from spacy.util import filter_spans

import oldcomm_ie
from oldcomm_ie.entities.ents import set_ents, token_ranges
from oldcomm_ie.entities.resolve import Cand

PATTERN = {"label": "ORG", "pattern": "梧桐置业", "subtype": "company"}
TEXT = "梧桐置业参与了青枫苑小区改造。"


def _with_pattern():
    nlp = oldcomm_ie.load()
    nlp.get_pipe("oldcomm_entities").add_patterns([PATTERN])
    return nlp


def test_patterns_survive_to_disk_and_spacy_load(tmp_path):
    _with_pattern().to_disk(tmp_path / "model")
    assert (tmp_path / "model" / "oldcomm_entities" / "patterns.jsonl").exists()
    loaded = spacy.load(tmp_path / "model")
    assert loaded.get_pipe("oldcomm_entities").patterns == [PATTERN]
    found = {(e.text, e.label, e.subtype) for e in oldcomm_ie.extract(TEXT, nlp=loaded).entities}
    assert ("梧桐置业", "ORG", "company") in found


def test_a_fresh_pipeline_does_not_know_the_pattern():
    found = {e.text for e in oldcomm_ie.extract(TEXT).entities}
    assert "梧桐置业" not in found


def test_from_disk_replaces_rather_than_appends(tmp_path):
    nlp = _with_pattern()
    pipe = nlp.get_pipe("oldcomm_entities")
    pipe.to_disk(tmp_path)
    pipe.from_disk(tmp_path)
    pipe.from_disk(tmp_path)
    assert pipe.patterns == [PATTERN]


def test_bytes_round_trip():
    pipe = _with_pattern().get_pipe("oldcomm_entities")
    other = oldcomm_ie.load().get_pipe("oldcomm_entities")
    other.from_bytes(pipe.to_bytes())
    assert other.patterns == [PATTERN]


def test_initialize_takes_patterns_from_config():
    nlp = oldcomm_ie.load()
    nlp.get_pipe("oldcomm_entities").initialize(lambda: [], nlp=nlp, patterns=[PATTERN])
    assert nlp.get_pipe("oldcomm_entities").patterns == [PATTERN]
    nlp.get_pipe("oldcomm_entities").initialize(lambda: [], nlp=nlp, patterns=[])
    assert nlp.get_pipe("oldcomm_entities").patterns == []


def test_spans_carry_their_subtype():
    doc = _with_pattern()(TEXT)
    subtypes = {e.text: e._.subtype for e in doc.ents}
    assert subtypes["梧桐置业"] == "company"
    assert subtypes.get("青枫苑小区") == "compound"


def test_evaluate_reports_entity_scores_per_label():
    nlp = _with_pattern()
    reference = nlp.make_doc(TEXT)
    reference.ents = [reference.char_span(0, 4, label="ORG"), reference.char_span(7, 12, label="PROJECT")]
    scores = nlp.evaluate([Example(nlp.make_doc(TEXT), reference)])
    assert scores["ents_per_type"]["ORG"]["f"] == 1.0
    assert scores["ents_per_type"]["PROJECT"]["r"] == 0.0
    assert 0.0 < scores["ents_f"] < 1.0


def test_bad_pattern_is_refused_with_a_clear_error():
    import pytest

    with pytest.raises(ValueError, match="label"):
        oldcomm_ie.load().get_pipe("oldcomm_entities").add_patterns([{"label": "THING", "pattern": "x"}])


def test_max_length_survives_a_reload(tmp_path):
    oldcomm_ie.load(max_chars=1234).to_disk(tmp_path / "model")
    loaded = spacy.load(tmp_path / "model")
    assert loaded.max_length == 1234
    import pytest

    with pytest.raises(ValueError, match="over the limit of 1,234"):
        oldcomm_ie.extract("甲" * 1235, nlp=loaded)


@pytest.mark.parametrize("words, spaces, spans", [
    ([], [], []),
    (list("重庆市渝中区"), [False] * 6, [(0, 3, "PLACE"), (3, 6, "PLACE")]),  # adjacent: two B tags
    (["在", "重庆市", "\n", "改造"], [True, False, False, False], [(2, 5, "PLACE")]),  # a space, a newline token
    (["在", "重庆市", "改造"], [True, False, False], [(1, 3, "PLACE")]),  # begins on a trailing space
    (["在", " ", "重庆市"], [True, True, False], [(2, 7, "PLACE"), (3, 7, "PLACE")]),  # a space token, its trailing space
    (["在", " ", "重庆市"], [True, True, False], [(3, 7, "PLACE")]),
    (["在", "  ", "重庆市"], [False, False, False], [(2, 6, "PLACE")]),  # inside a token of spaces
    (["渝中", "区住建委"], [False, False], [(0, 6, "ORG")]),
    (["重庆市渝", "中区"], [False, False], [(0, 3, "PLACE"), (3, 6, "PLACE")]),  # expand overlaps: first longest
    (["九龙", "坡区", "红育坡"], [False, False, False], [(0, 3, "PLACE"), (3, 7, "PLACE")]),
    (list("没有实体"), [False] * 4, []),
])
def test_ents_are_what_char_span_and_spacys_setter_make(words, spaces, spans):
    nlp = oldcomm_ie.load()
    ours, theirs = Doc(nlp.vocab, words=words, spaces=spaces), Doc(nlp.vocab, words=words, spaces=spaces)
    set_ents(ours, *token_ranges(ours, ours.text, [Cand(s, e, label, None, "pattern") for s, e, label in spans]))
    theirs.ents = filter_spans([theirs.char_span(s, e, label=label, alignment_mode="expand") for s, e, label in spans])
    assert [(e.start, e.end, e.label_) for e in ours.ents] == [(e.start, e.end, e.label_) for e in theirs.ents]
    assert [(t.ent_iob_, t.ent_type_) for t in ours] == [(t.ent_iob_, t.ent_type_) for t in theirs]
