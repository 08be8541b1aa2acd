"""Project records over the genres users' folders hold: tenders, awards, loan releases,
approvals, special bonds, replies and features, in sentences written for these tests."""
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import oldcomm_ie

GOLDEN = Path(__file__).parent / "golden"

TEXTS = {
    "tender": "秦淮区双塘社区旧楼改造项目招标公告\n\n秦淮区双塘社区旧楼改造项目已由秦淮区发展和改革局"
              "批准建设，招标人为南京市秦淮区住房和城乡建设局，项目预算为1860万元，最高限价1820万元，工期为180天。",
    "award": "秦淮区双塘社区旧楼改造项目中标结果公示\n\n中标人：南京宏远建设工程有限公司。中标价：1765.3万元。"
             "工期：150天。建设单位：南京市秦淮区住房和城乡建设局。",
    "loan": "农发行安庆市分行投放贷款3亿元支持棚户区改造\n\n近日，农发行安庆市分行向安庆市城市建设投资有限公司投放"
            "贷款3亿元，用于安庆市东湖片区棚户区改造项目，贷款期限20年。该项目总投资8.6亿元，涉及拆迁居民1800户。",
    "approval": "关于鼓楼区南门片区旧楼改造项目可研报告的批复\n\n鼓楼区南门片区旧楼改造项目估算总投资"
                "5200万元，建设内容包括改造老旧小区12个，涉及居民2360户，建筑面积18.5万平方米，加装电梯24部。",
    "bond": "合肥市蜀山区西园新村片区城市更新工程获批专项债券\n\n合肥市蜀山区西园新村片区城市更新工程总投资9.8亿元，"
            "申请专项债券4亿元，建设期3年。",
    "reply": "关于加快推进南门片区改造的答复\n\n您提出的建议收悉。鼓楼区南门片区旧楼改造项目已列入2024年计划，"
             "计划投资3600万元，改造完成后惠及居民1200户。",
    "feature": "双塘社区变了样\n\n南京市秦淮区双塘社区旧楼改造项目采用EPC+O模式，由南京城建集团投资1.2亿元实施，"
               "合作期限15年。改造后，小区新增停车位260个，惠及居民980户。",
    "batch": "秦淮区2024年旧楼改造项目开工\n\n秦淮区2024年旧楼改造项目涉及桂园小区、松林小区和梅岭小区等3个小区，"
             "共15栋楼，惠及居民620户，总投资2300万元。",
    "approval_reply": "关于同意鼓楼区南门片区旧楼改造项目立项的批复\n\n鼓楼区华林街道办事处：你们报来《关于鼓楼区南门片区"
                      "旧楼改造项目立项的请示》收悉。经研究，同意该项目立项，项目估算总投资680万元，改造住宅楼12栋，涉及居民320户。",
    "tender_notice": "鼓楼区南门片区旧楼改造项目已获批准。目前，南京市鼓楼区住房和城乡建设局已对该项目进行公开招标，"
                     "项目预算900万元。",
    "study": "鼓楼区南门片区旧楼改造项目可研报告已由业主单位委托南京恒远规划设计咨询有限公司编制，项目总投资1500万元。",
    "programme": "关于下达2024年第二批中央预算内投资的通知\n\n本批次安排鼓楼区南门片区旧楼改造项目，下达资金300万元；"
                 "安排秦淮区双塘社区旧楼提升项目，下达资金200万元。",
    "sections": "秦淮区旧楼改造分两个片区实施\n\n【北片区项目】\n\n秦淮区旧楼改造北片区项目拟改造桂园小区、松林小区。\n\n"
                "总投资额1200万元。\n\n【南片区项目】\n\n秦淮区旧楼改造南片区项目拟改造梅岭小区、竹林小区。\n\n总投资额800万元。",
    "total": "南京市老旧小区改造成效显著\n\n今年以来，全市累计改造老旧小区320个，惠及居民8.6万户，完成投资12亿元。",
    "slogan": "鼓楼区打造“宜居之城、幸福之家”\n\n鼓楼区南门片区旧楼改造项目完成投资800万元，惠及居民560户。",
}


@pytest.fixture(scope="module")
def results():
    return {genre: oldcomm_ie.extract(text) for genre, text in TEXTS.items()}


def only(result):
    assert len(result.projects) == 1, [p.name for p in result.projects]
    return result.projects[0]


# genre, name, investors, investments (value, role), periods, outcomes
CASES = [
    ("tender", "秦淮区双塘社区旧楼改造项目", ["南京市秦淮区住房和城乡建设局"],
     [(18600000, "total"), (18200000, "total")], [(180, "天")], []),
    ("award", "秦淮区双塘社区旧楼改造项目", ["南京市秦淮区住房和城乡建设局"],
     [(17653000, "total")], [(150, "天")], []),
    ("loan", "安庆市东湖片区棚户区改造项目", ["农发行安庆市分行", "安庆市城市建设投资有限公司"],
     [(300000000, "loan"), (860000000, "total")], [], [("households", 1800)]),
    ("approval", "鼓楼区南门片区旧楼改造项目", [], [(52000000, "total")], [],
     [("compounds", 12), ("households", 2360), ("area", 185000), ("elevators", 24)]),
    ("bond", "合肥市蜀山区西园新村片区城市更新工程", [], [(980000000, "total"), (400000000, "bond")],
     [(3, "年")], []),
    ("reply", "鼓楼区南门片区旧楼改造项目", [], [(36000000, "total")], [], [("households", 1200)]),
    ("feature", "南京市秦淮区双塘社区旧楼改造项目", ["南京城建集团"], [(120000000, "total")], [(15, "年")],
     [("parking_spaces", 260), ("households", 980)]),
    ("batch", "秦淮区2024年旧楼改造项目", [], [(23000000, "total")], [],
     [("compounds", 3), ("buildings", 15), ("households", 620)]),
    ("approval_reply", "鼓楼区南门片区旧楼改造项目", ["鼓楼区华林街道办事处"], [(6800000, "total")], [],
     [("buildings", 12), ("households", 320)]),
    ("tender_notice", "鼓楼区南门片区旧楼改造项目", ["南京市鼓楼区住房和城乡建设局"], [(9000000, "total")], [], []),
    ("study", "鼓楼区南门片区旧楼改造项目", [], [(15000000, "total")], [], []),
]


@pytest.mark.parametrize("genre,name,investors,investments,periods,outcomes", CASES, ids=[c[0] for c in CASES])
def test_one_record_per_genre(results, genre, name, investors, investments, periods, outcomes):
    p = only(results[genre])
    assert p.name == name
    assert sorted(p.investors) == sorted(investors)
    assert [(q.value, role) for q, role in zip(p.investments, p.investment_roles, strict=False)] == investments
    assert [(q.value, q.unit) for q in p.periods] == periods
    assert sorted((o.metric, o.quantity.value) for o in p.outcomes) == sorted(outcomes)


def test_a_funding_programme_funds_every_project_it_lists(results):
    projects = results["programme"].projects
    assert [p.name for p in projects] == ["鼓楼区南门片区旧楼改造项目", "秦淮区双塘社区旧楼提升项目"]
    assert all(p.models == ["中央预算内投资"] for p in projects)
    assert [[(q.value, r) for q, r in zip(p.investments, p.investment_roles, strict=False)] for p in projects] == [
        [(3000000, "subsidy")], [(2000000, "subsidy")]]


def test_each_section_gives_its_own_project_the_sentences_that_name_none(results):
    projects = {p.name: p for p in results["sections"].projects}
    assert sorted(projects) == ["秦淮区旧楼改造北片区项目", "秦淮区旧楼改造南片区项目"]
    assert [q.value for q in projects["秦淮区旧楼改造北片区项目"].investments] == [12000000]
    assert [q.value for q in projects["秦淮区旧楼改造南片区项目"].investments] == [8000000]
    assert {"桂园小区", "松林小区"} <= set(projects["秦淮区旧楼改造北片区项目"].places)
    assert not {"梅岭小区", "竹林小区"} & set(projects["秦淮区旧楼改造北片区项目"].places)


# what must NOT happen, by genre
def test_a_contractor_is_no_investor(results):
    assert ("南京宏远建设工程有限公司", "ORG") in {(e.text, e.label) for e in results["award"].entities}
    assert "南京宏远建设工程有限公司" not in only(results["award"]).investors


def test_a_commissioned_designer_is_no_investor(results):
    assert ("南京恒远规划设计咨询有限公司", "ORG") in {(e.text, e.label) for e in results["study"].entities}
    assert only(results["study"]).investors == []


def test_a_loan_tenor_is_no_period(results):
    assert only(results["loan"]).periods == []


def test_a_city_wide_total_is_no_project(results):
    assert results["total"].projects == []


def test_a_slogan_is_no_project(results):
    names = [p.name for p in results["slogan"].projects]
    assert names == ["鼓楼区南门片区旧楼改造项目"]


def test_the_compounds_of_a_batch_are_its_places_not_projects(results):
    p = only(results["batch"])
    assert {"桂园小区", "松林小区", "梅岭小区"} <= set(p.places)


def test_the_written_name_beats_the_estate_it_was_first_met_by(results):
    p = only(results["feature"])
    assert p.name == "南京市秦淮区双塘社区旧楼改造项目" and "双塘社区" in p.places


def test_a_part_is_not_a_second_total(results):
    p = only(results["bond"])
    totals = [q.value for q, role in zip(p.investments, p.investment_roles, strict=False) if role == "total"]
    assert totals == [980000000]


@pytest.mark.parametrize("text,values", [
    ("合肥市蜀山区西园新村片区城市更新工程总投资9.8亿元，其中专项债券4亿元。", [980000000]),
    ("合肥市蜀山区西园新村片区城市更新工程总用地面积12万平方米，其中绿地3万平方米。", [120000]),
    ("合肥市蜀山区西园新村片区城市更新工程总投资9.8亿元。其中专项债券4亿元。", [980000000]),
    ("合肥市蜀山区西园新村片区城市更新工程总投资9.8亿元，申请专项债券4亿元。", [980000000, 400000000]),
])
def test_a_part_after_qizhong_is_not_listed_again(text, values):
    p = only(oldcomm_ie.extract(text))
    got = [q.value for q in p.investments] or [o.quantity.value for o in p.outcomes]
    assert got == values


@pytest.mark.parametrize("genre", ["loan", "feature", "batch"])
def test_golden_records(results, genre):
    """The whole project table of a few texts, as the contract's JSON (fields a later
    change may add are ignored; the ones here must not move)."""
    expected = json.loads((GOLDEN / f"relations_{genre}.json").read_text(encoding="utf-8"))
    got = [{k: p[k] for k in expected[0]} for p in results[genre].to_dict()["projects"]]
    assert got == expected


@pytest.mark.parametrize("text,places,outcomes", [
    # a sentence going on about the project: the estate it names is a place of the project
    ("秦淮区双塘社区旧楼提升项目已开工。项目建设内容为对桂园小区实施外墙改造，涉及居民120户。",
     {"桂园小区"}, [("households", 120)]),
    # the estate opens its own paragraph of facts: its own record (no named project there)
    ("秦淮区双塘社区旧楼提升项目已开工。\n\n桂园小区完成外墙改造，惠及居民120户。", set(), []),
])
def test_an_estate_in_a_sentence_about_the_project(text, places, outcomes):
    first = oldcomm_ie.extract(text).projects[0]
    assert first.name == "秦淮区双塘社区旧楼提升项目"
    assert places <= set(first.places) and not ({"桂园小区"} - places) & set(first.places)
    assert [(o.metric, o.quantity.value) for o in first.outcomes] == outcomes


# --- properties: any mix of the genres' pieces gives well-formed records --------------

PIECES = [s for text in TEXTS.values() for s in text.replace("\n\n", "。").split("。") if s] + [
    "\n\n", "其中", "该项目", "【北片区】", "，", "、", "。"]


@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_records_are_well_formed_on_any_mix(text):
    result = oldcomm_ie.extract(text)
    for p in result.to_dict()["projects"]:
        assert p["mentions"] and all(0 <= a < b <= len(text) for a, b in p["mentions"])
        assert all(x["role"] in ("total", "subsidy", "loan", "bond", "social_capital", "residents", "other")
                   for x in p["investments"])
        for q in p["investments"] + p["periods"] + [o["quantity"] for o in p["outcomes"]]:
            assert text[q["start"]:q["end"]].replace("\n", "") == q["text"]
        assert len(set(p["places"])) == len(p["places"])
