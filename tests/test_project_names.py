"""Project names with years, phases, bracketed scopes, counts, joined parts and listed
descriptive names, and what must not be a project: case tables in invented sentences."""
import pytest
from conftest import table

import oldcomm_ie


def entities_of(sentence):
    return {e.text: e for e in oldcomm_ie.extract(sentence).entities}


@pytest.mark.parametrize("row", table("entities_projects.tsv"), ids=lambda r: r[1])
def test_project_table(row):
    sentence, surface, label, _ = row
    found = entities_of(sentence)
    assert surface in found, f"{surface!r} not in {sorted(found)}"
    assert found[surface].label == label
    assert sentence[found[surface].start:found[surface].end] == surface


@pytest.mark.parametrize("row", table("entities_projects_negative.tsv"), ids=lambda r: r[1])
def test_not_a_project(row):
    sentence, text = row
    found = entities_of(sentence)
    assert text not in found or found[text].label != "PROJECT"
