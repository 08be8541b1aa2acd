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


# --- the component like spaCy's own: patterns added, saved, loaded ---------------------

MODEL_TEXT = "合肥市蜀山区西园新村片区城市更新工程采用邻里共建合作，由合肥城建集团投资2亿元。"


def test_an_added_model_survives_to_disk_and_spacy_load(tmp_path):
    import spacy
    nlp = oldcomm_ie.load()
    assert "邻里共建" not in oldcomm_ie.extract(MODEL_TEXT, nlp=nlp).projects[0].models
    nlp.get_pipe("oldcomm_relations").add_patterns([{"model": "邻里共建", "always": True},
                                                    {"trigger": "筹款", "slot": "investment", "role": "residents"}])
    nlp.to_disk(tmp_path / "model")
    assert (tmp_path / "model" / "oldcomm_relations" / "patterns.jsonl").exists()
    loaded = spacy.load(tmp_path / "model")
    assert loaded.get_pipe("oldcomm_relations").patterns[0] == {"model": "邻里共建", "always": True}
    p = oldcomm_ie.extract(MODEL_TEXT, nlp=loaded).projects[0]
    assert "邻里共建" in p.models
    q = oldcomm_ie.extract("合肥市蜀山区西园新村片区城市更新工程由居民筹款300万元。", nlp=loaded).projects[0]
    assert [(x.value, role) for x, role in zip(q.investments, q.investment_roles, strict=False)] == [(3000000, "residents")]


def test_patterns_added_to_one_pipeline_leave_the_others_alone():
    nlp = oldcomm_ie.load()
    nlp.get_pipe("oldcomm_relations").add_patterns([{"model": "邻里共建", "always": True}])
    assert "邻里共建" not in oldcomm_ie.extract(MODEL_TEXT).projects[0].models


@pytest.mark.parametrize("pattern", [
    "邻里共建", {"model": ""}, {"trigger": "筹款"}, {"trigger": "筹款", "slot": "money"},
    {"trigger": "筹款", "slot": "investment", "role": "gift"}, {"trigger": "期满", "slot": "period", "role": "loan"},
    {"label": "ORG"},
])
def test_malformed_patterns_are_refused(pattern):
    nlp = oldcomm_ie.load()
    with pytest.raises((ValueError, TypeError)):
        nlp.get_pipe("oldcomm_relations").add_patterns([pattern])


def test_the_tables_are_named_in_the_config():
    cfg = oldcomm_ie.load().config["components"]["oldcomm_relations"]["tables"]
    assert cfg["models"] == "models.tsv" and cfg["roles"] == "investment_roles.tsv"


# --- name variants: one project or two ---------------------------------------------------

@pytest.mark.parametrize("a,b,same", [
    ("新城区旧楼改造项目", "2023年新城区旧楼改造项目", True),
    ("新城区旧楼综合提质改造项目", "新城区旧楼提质改造建设项目", True),
    ("新城区旧楼改造项目", "新城区旧楼改造项目全过程工程", True),
    ("新城区旧楼改造项目", "新城区旧楼改造东片区项目", False),
    ("新城区棚户区改造一期工程", "新城区棚户区改造二期工程", False),
    ("新城区棚户区改造项目", "新城区棚户区改造项目第三标段", False),
    ("新城区棚户区改造项目", "西山区棚户区改造项目", False),
    ("改造项目", "新城区旧楼改造项目", False),
])
def test_name_variants(a, b, same):
    from oldcomm_ie.relations.mentions import MentionFinder
    from oldcomm_ie.relations.tables import default_tables
    finder = MentionFinder(default_tables())
    assert finder.same_project(a, b) is same and finder.same_project(b, a) is same
