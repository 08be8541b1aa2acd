"""Relations and project records on texts written for the tests."""
import pytest

import oldcomm_ie

PAGE = """杭州老旧小区改造见成效

本报讯 拱墅区米市巷街道红石板社区老旧小区改造项目由杭州城建集团投资2.8亿元实施，采用EPC模式，合作期限为12年。项目完成后，惠及居民1200户，加装电梯36部。

同时，余杭区良渚街道玉鸟苑小区改造项目新增停车位300个。

今年以来，全市累计改造老旧小区560个，惠及居民12万户。

宁波推进城市更新

本报讯 海曙区白云街道望春苑小区完成改造，改造面积3.5万平方米。
"""


@pytest.fixture(scope="module")
def page():
    return oldcomm_ie.extract(PAGE)


def project(result, word):
    found = [p for p in result.projects if word in p.name]
    assert len(found) == 1, [p.name for p in result.projects]
    return found[0]


def test_investor_and_amount_in_one_sentence(page):
    p = project(page, "红石板社区")
    assert p.investors == ["杭州城建集团"]
    assert [q.value for q in p.investments] == [280000000]
    assert p.models == ["EPC"]
    assert [(q.value, q.unit) for q in p.periods] == [(12, "年")]
    assert p.places == ["拱墅区", "米市巷街道", "红石板社区"]


def test_outcomes_in_a_later_sentence(page):
    p = project(page, "红石板社区")
    assert sorted((o.metric, o.quantity.value) for o in p.outcomes) == [("elevators", 36), ("households", 1200)]


def test_two_projects_in_one_article_keep_their_own_slots(page):
    p = project(page, "玉鸟苑小区")
    assert [(o.metric, o.quantity.value) for o in p.outcomes] == [("parking_spaces", 300)]
    assert p.investments == []


def test_a_programme_total_is_no_project(page):
    values = {o.quantity.value for p in page.projects for o in p.outcomes}
    assert 560 not in values and 120000 not in values
    assert not any("全市" in p.name for p in page.projects)


def test_two_articles_on_one_page_are_not_linked(page):
    p = project(page, "望春苑小区")
    assert [(o.metric, o.quantity.value) for o in p.outcomes] == [("area", 35000)]
    assert p.investors == [] and p.models == []
    assert len(page.projects) == 3


def test_every_relation_has_evidence_in_the_input(page):
    assert page.relations
    for r in page.relations:
        a, b = r.evidence
        assert 0 <= a < b <= len(PAGE)
        assert r.head[0] >= a - 200 and r.tail[1] <= len(PAGE)
        assert r.tail_text == PAGE[r.tail[0]:r.tail[1]].replace("\n", "")


def test_investor_and_outcome_in_different_sentences():
    text = ("成都市武侯区玉林街道芳草社区老旧小区改造项目由成都城投集团出资1.5亿元。"
            "改造后，该项目惠及居民860户。")
    p = oldcomm_ie.extract(text).projects[0]
    assert p.investors == ["成都城投集团"]
    assert [(o.metric, o.quantity.value) for o in p.outcomes] == [("households", 860)]


def test_to_dataframe_has_one_row_per_slot(page):
    pd = pytest.importorskip("pandas")
    df = page.to_dataframe()
    assert isinstance(df, pd.DataFrame)
    assert {"project", "slot", "text", "value"} <= set(df.columns)
    assert len(df[df.slot == "investors"]) == 1


def test_render_is_a_page_with_the_projects(page):
    html = oldcomm_ie.render(PAGE, page)
    assert html.startswith("<!DOCTYPE html>")
    assert "红石板社区" in html and "杭州城建集团" in html and "<table>" in html


def test_period_from_a_construction_time_and_an_anaphor():
    text = ("济南市历下区甸柳新村街道第一社区通过微改造新增停车位120个，总投资1.2亿元。"
            "据介绍，该项目于2022年3月开工，工期为18个月。")
    p = oldcomm_ie.extract(text).projects[0]
    assert p.places[-1] == "第一社区"
    assert [(q.value, q.unit) for q in p.periods] == [(18, "月")]
    assert [(o.metric, o.quantity.value) for o in p.outcomes] == [("parking_spaces", 120)]


def test_government_pays_and_paragraph_subject_is_the_project():
    text = ("上海市徐汇区田林街道田林十二村社区启动建设，市房屋管理局、区政府共同出资1.2亿元，惠及居民3200户。")
    p = oldcomm_ie.extract(text).projects[0]
    assert p.places[-1] == "田林十二村社区"
    assert "区政府" in p.investors
    assert [(o.metric, o.quantity.value) for o in p.outcomes] == [("households", 3200)]
