"""The HTML views: a page from render(), a block from Extraction._repr_html_()."""
from __future__ import annotations

import oldcomm_ie
from oldcomm_ie.records import Entity, Extraction, Quantity
from oldcomm_ie.render import marked_text

TEXT = "青川县住建局启动云栖苑小区改造项目，总投资约2.6亿元，惠及居民1200户。"


def test_page_marks_subtypes_and_exact_values():
    page = oldcomm_ie.render(TEXT)
    assert page.startswith("<!DOCTYPE html>")
    assert "money 260000000 元" in page
    assert "count 1200 户" in page
    assert "ORG · government" in page


def test_notebook_block_has_the_project_table():
    result = oldcomm_ie.extract(TEXT)
    block = result._repr_html_()
    assert isinstance(block, str) and "<table>" in block
    assert "云栖苑小区改造项目" in block
    assert result.text == TEXT and "money 260000000 元" in block  # the marked text, from extract's own text


def test_everything_from_the_text_is_escaped():
    text = "<script>alert(1)</script>某某小区改造"
    page = oldcomm_ie.render(text)
    assert "<script>alert" not in page and "&lt;script&gt;" in page


def test_an_amount_nests_inside_an_entity():
    text = "甲乙丙丁3号院"
    result = Extraction(entities=[Entity(0, 7, text, "PLACE", "compound")],
                        quantities=[Quantity(4, 6, "3号", "count", 3, "号")])
    html = marked_text(text, result)
    inner = '3号<sup>count 3 号</sup></mark>院<sup>PLACE · compound</sup></mark>'
    assert html.endswith(inner)  # the amount closes inside the compound
    assert html.count("<mark") == 2 and html.count("</mark>") == 2


def test_crossing_spans_leave_the_second_unmarked():
    text = "甲乙丙丁戊"
    result = Extraction(entities=[Entity(0, 3, "甲乙丙", "ORG"), Entity(2, 5, "丙丁戊", "PLACE")])
    html = marked_text(text, result)
    assert html.count("<mark") == 1 and "甲乙丙" in html and html.endswith("丁戊")


def test_a_value_range_is_shown_as_a_range():
    text = "2-3倍"
    result = Extraction(quantities=[Quantity(0, 4, text, "ratio", 2, "倍", "range", 3)])
    assert "ratio 2–3 倍" in marked_text(text, result)
