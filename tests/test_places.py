"""Places by class (compounds, addresses, work-unit housing, parts, streets, communities,
short forms, zones) and what must not be a place: case tables in invented sentences."""
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

import oldcomm_ie
from conftest import table
from oldcomm_ie.entities import Cand
from oldcomm_ie.entities.resolve import resolve


def entities_of(sentence):
    return {e.text: e for e in oldcomm_ie.extract(sentence).entities}


@pytest.mark.parametrize("row", table("entities_places.tsv"), ids=lambda r: r[1])
def test_place_table(row):
    sentence, surface, label, subtype = row
    found = entities_of(sentence)
    assert surface in found, f"{surface!r} not in {sorted(found)}"
    e = found[surface]
    assert sentence[e.start:e.end] == surface
    assert (e.label, e.subtype or "-") == (label, subtype)


@pytest.mark.parametrize("row", table("entities_places_negative.tsv"), ids=lambda r: r[1])
def test_not_a_place(row):
    sentence, text = row
    found = entities_of(sentence)
    assert text not in found or found[text].label != "PLACE"


def test_a_community_found_once_is_found_again_alone():
    text = "青山街道枫林社区完成改造。枫林社区的居民说，枫林社区变美了。"
    starts = [e.start for e in oldcomm_ie.extract(text).entities if e.text == "枫林社区"]
    assert starts == [m.start() for m in re.finditer("枫林社区", text)]
    assert len(starts) == 3


def test_a_repeated_name_is_not_found_inside_a_longer_word():
    text = "城南街道东风村完成改造。东风村委会召开会议。"
    found = [e for e in oldcomm_ie.extract(text).entities if e.text == "东风村"]
    assert [e.start for e in found] == [4]


_CANDS = st.lists(st.builds(lambda s, n, lab, sub, src: Cand(s, s + n, lab, sub, src),
                            st.integers(0, 20), st.integers(1, 6), st.sampled_from(["ORG", "PLACE", "PROJECT"]),
                            st.sampled_from([None, "city", "compound", "other"]),
                            st.sampled_from(["gazetteer", "suffix", "structure"])), max_size=12)


@given(_CANDS, st.randoms())
def test_resolve_does_not_depend_on_the_order_of_candidates(cands, rnd):
    shuffled = list(cands)
    rnd.shuffle(shuffled)
    assert resolve(cands) == resolve(shuffled)


@given(st.text(alphabet="路号院小区花园苑宿舍社区村街道东西12-、，(）会同其中上海城市", max_size=40))
def test_place_rules_never_crash_and_map_back(text):
    for e in oldcomm_ie.extract(text).entities:
        assert 0 <= e.start < e.end <= len(text)
