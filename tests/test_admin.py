"""Administrative resolution (oldcomm_admin): case tables over hand-placed entities, so the
rules are tested apart from the entity stage, then the stage inside the pipeline."""
from __future__ import annotations

import pytest
import spacy
import srsly
from hypothesis import given
from hypothesis import strategies as st
from spacy.tokens import Doc

import oldcomm_ie
from oldcomm_ie.admin import AdminAnnotator, default_divisions
from oldcomm_ie.admin.divisions import CHAIN_KEYS
from oldcomm_ie.records import Extraction

PROJECT_KEYS = ("province", "city", "district", "code")


def entities(text: str, places: list[tuple[str, str]]) -> list[dict]:
    """PLACE dicts for the given (surface, subtype) pairs, found left to right."""
    out, pos = [], 0
    for surface, subtype in places:
        start = text.index(surface, pos)
        out.append({"start": start, "end": start + len(surface), "label": "PLACE", "subtype": subtype})
        pos = start + len(surface)
    return out


def annotate(text, places, projects=(), use_region=True):
    ents, projs = AdminAnnotator(default_divisions(), use_region)(text, entities(text, places), list(projects))
    return [e["admin"] for e in ents], [p["admin"] for p in projs]


def chain(province=None, city=None, district=None, street=None, code=None) -> dict:
    return {"province": province, "city": city, "district": district, "street": street, "code": code}


NONE = chain()
JIULONGPO = chain("重庆市", "重庆市", "九龙坡区", None, "500107")
FUZHOU_GULOU = chain("福建省", "福州市", "鼓楼区", None, "350102")
NANJING_GULOU = chain("江苏省", "南京市", "鼓楼区", None, "320106")

# (text, [(surface, subtype)], index of the place checked, expected chain)
PLACE_CASES = [
    # a unique name resolves alone; provinces and cities resolve to themselves
    ("九龙坡区今年启动老旧小区改造。", [("九龙坡区", "district")], 0, JIULONGPO),
    ("浙江省推进城市更新。", [("浙江省", "province")], 0, chain("浙江省", code="330000")),
    ("杭州市推进城市更新。", [("杭州市", "city")], 0, chain("浙江省", "杭州市", code="330100")),
    ("上海推进旧区改造。", [("上海", "city")], 0, chain("上海市", "上海市", code="310000")),
    # an ambiguous name alone stays unresolved; its city beside it decides
    ("鼓楼区将为多个小区加装电梯。", [("鼓楼区", "district")], 0, NONE),
    ("朝阳的小区将加装电梯。", [("朝阳", "district")], 0, NONE),
    ("福州市鼓楼区将为多个小区加装电梯。", [("福州市", "city"), ("鼓楼区", "district")], 1, FUZHOU_GULOU),
    ("福州市召开会议，鼓楼区将加装电梯。", [("福州市", "city"), ("鼓楼区", "district")], 1, FUZHOU_GULOU),
    ("福州市鼓楼区加装电梯。", [("福州市鼓楼区", "district")], 0, FUZHOU_GULOU),
    # the article's region decides across paragraphs; the headline counts
    ("南京市部署城市更新\n今年鼓楼区改造十个小区。", [("南京市", "city"), ("鼓楼区", "district")], 1, NANJING_GULOU),
    ("舟山市推进海岛建设。\n普陀区改造小区。", [("舟山市", "city"), ("普陀区", "district")], 1,
     chain("浙江省", "舟山市", "普陀区", None, "330903")),
    # two candidate regions in equal measure decide nothing
    ("南京市和福州市召开会议。\n鼓楼区改造小区。", [("南京市", "city"), ("福州市", "city"), ("鼓楼区", "district")], 2, NONE),
    # what all candidates share is kept, and nothing more
    ("南昌加快老旧小区改造。", [("南昌", "city")], 0, chain("江西省", "南昌市", code="360100")),
    # a street after its district, adjacent or in the same sentence; alone it stays open
    ("榆中县城关镇改造三个小区。", [("榆中县", "district"), ("城关镇", "street")], 1,
     chain("甘肃省", "兰州市", "榆中县", "城关镇", "620123")),
    ("榆中县召开会议，城关镇的三个小区纳入改造。", [("榆中县", "district"), ("城关镇", "street")], 1,
     chain("甘肃省", "兰州市", "榆中县", "城关镇", "620123")),
    ("城关镇的三个小区纳入改造。", [("城关镇", "street")], 0, NONE),
    # a street's bare name needs its district, even when unique
    ("南翔的小区纳入改造。", [("南翔", "street")], 0, NONE),
    ("嘉定区南翔的小区纳入改造。", [("嘉定区", "district"), ("南翔", "street")], 1,
     chain("上海市", "上海市", "嘉定区", "南翔镇", "310114")),
    # compounds and roads: the enclosing name, the nearest place, the region
    ("九龙坡区白鹤小区完成改造。", [("九龙坡区白鹤小区", "compound")], 0, JIULONGPO),
    ("九龙坡区的白鹤小区完成改造。", [("九龙坡区", "district"), ("白鹤小区", "compound")], 1, JIULONGPO),
    ("重庆市加快城市更新。\n白鹤小区完成改造。", [("重庆市", "city"), ("白鹤小区", "compound")], 1,
     chain("重庆市", "重庆市", code="500000")),
    ("城关镇、榆中县共同推进。", [("城关镇", "street"), ("榆中县", "district")], 0,
     chain("甘肃省", "兰州市", "榆中县", "城关镇", "620123")),
    # negatives: no place, a road named after a city, a country, a river
    ("白鹤小区完成改造。", [("白鹤小区", "compound")], 0, NONE),
    ("中山路的小区完成改造。", [("中山路", "other")], 0, NONE),
    ("南京路沿线完成改造。", [("南京路", "other")], 0, NONE),
    ("美国的经验可以参考。", [("美国", "other")], 0, NONE),
    ("重庆市推进长江沿岸整治。", [("重庆市", "city"), ("长江", "other")], 1, NONE),
]


@pytest.mark.parametrize("text,places,index,expected", PLACE_CASES)
def test_place_resolution(text, places, index, expected):
    admins, _ = annotate(text, places)
    assert admins[index] == expected


def test_region_can_be_switched_off():
    text = "重庆市加快城市更新。\n白鹤小区完成改造。"
    places = [("重庆市", "city"), ("白鹤小区", "compound")]
    assert annotate(text, places, use_region=False)[0][1] == NONE
    assert annotate(text, places)[0][1]["city"] == "重庆市"


def project(name, places, start=0):
    return {"name": name, "mentions": [[start, start + len(name)]], "places": places}


# (text, places, project, expected project chain)
PROJECT_CASES = [
    ("九龙坡区白鹤小区改造项目开工。", [("九龙坡区", "district"), ("白鹤小区", "compound")],
     project("九龙坡区白鹤小区改造项目", ["九龙坡区", "白鹤小区"]), ("重庆市", "重庆市", "九龙坡区", "500107")),
    ("福州市鼓楼区加装电梯项目开工。", [("福州市", "city"), ("鼓楼区", "district")],
     project("福州市鼓楼区加装电梯项目", ["福州市", "鼓楼区"]), ("福建省", "福州市", "鼓楼区", "350102")),
    # two districts of one city agree on the city only
    ("杭州市西湖区和拱墅区联合改造项目开工。", [("杭州市", "city"), ("西湖区", "district"), ("拱墅区", "district")],
     project("联合改造项目", ["西湖区", "拱墅区"]), ("浙江省", "杭州市", None, "330100")),
    # no places of its own: the article's region; no region: nothing
    ("重庆市加快城市更新。\n白鹤小区改造项目开工。", [("重庆市", "city")],
     project("白鹤小区改造项目", [], 11), ("重庆市", "重庆市", None, "500000")),
    ("白鹤小区改造项目开工。", [], project("白鹤小区改造项目", []), (None, None, None, None)),
    # an ambiguous district alone in the project's places stays open
    ("鼓楼区加装电梯项目开工。", [("鼓楼区", "district")],
     project("鼓楼区加装电梯项目", ["鼓楼区"]), (None, None, None, None)),
]


@pytest.mark.parametrize("text,places,proj,expected", PROJECT_CASES)
def test_project_admin(text, places, proj, expected):
    _, projects = annotate(text, places, [proj])
    assert projects[0] == dict(zip(PROJECT_KEYS, expected, strict=False))


def test_project_place_without_entity_is_resolved_from_its_surface():
    _, projects = annotate("项目开工。", [], [project("项目", ["九龙坡区"])])
    assert projects[0]["district"] == "九龙坡区"


@given(st.text(alphabet="福州市鼓楼区南京重庆九龙坡城关镇小区路，。\n朝阳美国 ", max_size=40),
       st.lists(st.tuples(st.integers(0, 40), st.integers(1, 8), st.sampled_from(
           ["province", "city", "district", "street", "community", "compound", "other", None])), max_size=6))
def test_never_crashes_and_keeps_the_shape(text, spans):
    ents = [{"start": min(s, len(text)), "end": min(s + n, len(text)), "label": "PLACE", "subtype": sub}
            for s, n, sub in spans]
    projs = [{"name": text[:6], "mentions": [[0, min(6, len(text))]], "places": [text[e["start"]:e["end"]] for e in ents]}]
    out_ents, out_projs = AdminAnnotator(default_divisions())(text, ents, projs)
    assert [tuple(e["admin"]) for e in out_ents] == [CHAIN_KEYS] * len(ents)
    assert tuple(out_projs[0]["admin"]) == PROJECT_KEYS
    for admin in [e["admin"] for e in out_ents] + [out_projs[0]["admin"]]:
        assert all(v is None or isinstance(v, str) for v in admin.values())
    assert srsly.msgpack_loads(srsly.msgpack_dumps(out_ents)) == out_ents


# --- the stage in the pipeline -------------------------------------------------------------

PIPELINE_TEXT = "九龙坡区今年改造白鹤小区等十个小区，总投资1.2亿元。\n福州市鼓楼区白鹤小区改造项目总投资3000万元，惠及居民800户。"


def test_extract_carries_admin_on_places_and_projects():
    result = oldcomm_ie.extract(PIPELINE_TEXT).to_dict()
    places = [e for e in result["entities"] if e["label"] == "PLACE"]
    assert places and all(tuple(e["admin"]) == CHAIN_KEYS for e in places)
    assert all("admin" not in e for e in result["entities"] if e["label"] != "PLACE")
    assert any(e["admin"]["district"] == "九龙坡区" and e["admin"]["code"] == "500107" for e in places)
    assert result["projects"] and all(tuple(p["admin"]) == PROJECT_KEYS for p in result["projects"])
    assert any(p["admin"]["province"] == "福建省" for p in result["projects"])
    again = Extraction.from_dict(result).to_dict()
    assert again["entities"] == result["entities"] and again["projects"] == result["projects"]


def test_doc_data_is_msgpack_safe(nlp):
    doc = nlp(PIPELINE_TEXT)
    assert srsly.msgpack_loads(srsly.msgpack_dumps(doc._.entities)) == doc._.entities
    assert srsly.msgpack_loads(srsly.msgpack_dumps(doc._.projects)) == doc._.projects
    back = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert back._.entities == doc._.entities and back._.projects == doc._.projects


def test_add_pipe_after_the_others_and_round_trip(tmp_path):
    nlp = spacy.blank("zh")
    for stage in ("oldcomm_quantities", "oldcomm_entities", "oldcomm_relations"):
        nlp.add_pipe(stage)
    nlp.add_pipe("oldcomm_admin", config={"use_region": False})
    assert nlp.pipe_names[-1] == "oldcomm_admin"
    assert nlp.get_pipe_config("oldcomm_admin")["use_region"] is False
    doc = nlp("九龙坡区今年改造白鹤小区。")
    assert [e["admin"]["district"] for e in doc._.entities if e["label"] == "PLACE"] == ["九龙坡区", "九龙坡区"]
    nlp.to_disk(tmp_path / "nlp")
    loaded = spacy.load(tmp_path / "nlp")
    assert loaded.pipe_names == nlp.pipe_names
    assert loaded.get_pipe_config("oldcomm_admin")["use_region"] is False


def test_without_the_stage_there_is_no_admin(nlp):
    with nlp.select_pipes(disable=["oldcomm_admin"]):
        doc = nlp(PIPELINE_TEXT)
    result = oldcomm_ie.records.from_doc(doc).to_dict()
    assert all("admin" not in e for e in result["entities"])
    assert all("admin" not in p for p in result["projects"])


def test_a_compound_named_again_keeps_its_first_place():
    text = "九龙坡区的白鹤小区完成改造。北京市朝阳区也有经验，白鹤小区可以借鉴。"
    places = [("九龙坡区", "district"), ("白鹤小区", "compound"), ("北京市", "city"), ("朝阳区", "district"),
              ("白鹤小区", "compound")]
    admins, _ = annotate(text, places)
    assert admins[3]["city"] == "北京市"
    assert admins[1] == admins[4] == JIULONGPO


@pytest.mark.parametrize("org,subtype,expected", [
    ("南京市住房和城乡建设局", "government", NANJING_GULOU),
    ("南京市委", "party", NANJING_GULOU),
    ("南京长江建设有限公司", "company", NONE),   # a company's home town is no evidence
])
def test_a_local_authority_names_the_region(org, subtype, expected):
    text = f"{org}发布通知。\n鼓楼区改造十个小区。"
    ents = [{"start": 0, "end": len(org), "label": "ORG", "subtype": subtype}, *entities(text, [("鼓楼区", "district")])]
    out, _ = AdminAnnotator(default_divisions())(text, ents, [])
    assert "admin" not in out[0]
    assert out[1]["admin"] == expected


@pytest.mark.parametrize("text,surface,subtype", [
    ("衡山县的嘉兴社区完成改造。", "嘉兴", "city"),        # the community, not the city of 嘉兴
    ("衡山县的长乐南路完成改造。", "长乐", "district"),    # the road, not 长乐区
    ("衡山县的上海新村完成改造。", "上海", "city"),        # a compound named after a city
])
def test_a_short_form_continued_into_a_name_is_that_place(text, surface, subtype):
    admins, _ = annotate(text, [("衡山县", "district"), (surface, subtype)])
    assert admins[1]["province"] == "湖南省" and admins[1]["district"] == "衡山县"


def test_a_full_name_before_a_compound_is_still_the_division():
    admins, _ = annotate("九龙坡区白鹤小区完成改造。", [("九龙坡区", "district"), ("白鹤小区", "compound")])
    assert admins == [JIULONGPO, JIULONGPO]


def test_a_street_short_form_before_its_own_suffix_stays_the_street():
    admins, _ = annotate("嘉定区南翔街道办事处召开会议。", [("嘉定区", "district"), ("南翔", "street")])
    assert admins[1]["street"] == "南翔镇"


@pytest.mark.parametrize("with_places_key", [True, False])
def test_a_project_is_where_its_name_says(with_places_key):
    text = "九龙坡区加装电梯项目开工。"
    name = "九龙坡区加装电梯项目"
    entity = {"start": 0, "end": len(name), "label": "PROJECT", "subtype": None}
    if with_places_key:   # the entity stage lists the places inside a project's name
        entity["places"] = [[0, 4]]
    _, projects = AdminAnnotator(default_divisions())(text, [entity], [project(name, [])])
    assert projects[0]["admin"] == dict(zip(PROJECT_KEYS, ("重庆市", "重庆市", "九龙坡区", "500107"), strict=False))


PREFIX_CHAINS = [
    # surface, names in the chain it begins with, where the chain ends
    ("福州市鼓楼区东街街道", 3, 10),
    ("江苏苏州", 2, 4),
    ("重庆九龙坡区红育坡片区", 2, 6),   # a short form before a name within it
    ("福州市住建局", 1, 3),
    ("福州", 1, 2),                     # a lone short form that ends the surface
    ("九龙坡区九龙坡区", 1, 4),         # a name does not lie within itself
    ("中山路", 0, 0),                   # a lone short form before more text: a road
    ("会同石泉街道", 0, 0),             # 石泉 does not lie within 会同县
    ("城区改造", 0, 0),                 # 城区 is generic
    ("市委宣讲团", 0, 0),
    ("", 0, 0),
]


@pytest.mark.parametrize("surface,names,end", PREFIX_CHAINS)
def test_prefix_chain(surface, names, end):
    segments, pos = default_divisions().prefix_chain(surface)
    assert (len(segments), pos) == (names, end)
