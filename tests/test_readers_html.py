"""Web pages: the article in, the site's chrome out, the byline kept as metadata."""
from pathlib import Path

import pytest

from oldcomm_ie import extract
from oldcomm_ie.readers import PARAGRAPH_BREAK, ReadError, read_document
from oldcomm_ie.readers.html import is_byline

PAGE = Path(__file__).parent / "fixtures" / "readers" / "news_page.html"
ARTICLE = ["东湖街道今年启动十二个老旧小区的改造工程，预计惠及居民三千六百户。",
           "区住房和城乡建设局介绍，项目总投资约1.8亿元，其中中央补助资金4000万元，改造面积共计26万平方米。",
           "改造内容包括加装电梯、雨污分流和屋面防水，计划于2025年底前全部完工。"]
CHROME = ["首页", "关于我们", "正文", "分享到", "微博", "相关阅读", "背街小巷", "棚户区改造签约率",
          "版权所有", "备案号", "联系电话", "统计代码", "_hmt", "责任编辑", "来源"]


@pytest.fixture(scope="module")
def page():
    return read_document(PAGE.read_bytes(), PAGE)


@pytest.mark.parametrize("sentence", ARTICLE)
def test_article_sentences_are_in(page, sentence):
    assert sentence in page.text


@pytest.mark.parametrize("chrome", CHROME)
def test_site_chrome_is_out(page, chrome):
    assert chrome not in page.text


def test_headline_opens_the_text_and_byline_is_metadata(page):
    assert page.text.startswith("东湖街道十二个老旧小区启动改造" + PARAGRAPH_BREAK)
    assert page.meta["kind"] == "html"
    assert page.meta["title"] == "东湖街道十二个老旧小区启动改造"
    assert page.meta["date"] == "2024-05-16"
    assert page.meta["source"] == "江城日报"
    assert page.meta["author"] == "李明"


def test_extract_finds_the_amounts_of_the_article(page):
    found = {(q.text, q.value) for q in extract(page.text).quantities}
    assert {("约1.8亿元", 180_000_000), ("4000万元", 40_000_000), ("26万平方米", 260_000)} <= found


@pytest.mark.parametrize("suffix", [".html", ".HTM"])
def test_declared_legacy_charset_is_used(suffix):
    html = PAGE.read_text(encoding="utf-8").replace('charset="utf-8"', 'charset="gb2312"')
    doc = read_document(html.encode("gbk"), "page" + suffix)
    assert ARTICLE[1] in doc.text and doc.meta["encoding"] == "gb2312"


def test_undeclared_big5_page_is_detected():
    html = ("<html><body><article><h1>舊區更新</h1><p>市政府今年將投入三億元，完成二十個老舊社區的改建，"
            "受惠住戶約五千戶。改建工程包括外牆整修與無障礙設施。</p></article></body></html>")
    doc = read_document(html.encode("big5"), "x.html")
    assert "受惠住戶約五千戶" in doc.text and doc.meta["encoding"] == "big5"


def test_a_page_without_an_article_is_reported():
    with pytest.raises(ReadError, match="no article text"):
        read_document(b"<html><head><title></title></head><body><script>go()</script></body></html>", "empty.html")


@pytest.mark.parametrize("paragraph,byline", [
    ("发布时间：2025-10-21 08:30 来源：江城日报", True),
    ("【责任编辑：周远】", True),
    ("2024-05-16 09:30 来源：江城日报 作者：李明", True),
    ("来源：市住建局。全市今年计划改造小区三十个，总投资5亿元。", False),
    ("2025年10月21日，全市召开老旧小区改造推进会。", False),
    ("记者从市住建局获悉", False),
])
def test_byline_paragraphs_are_told_from_prose(paragraph, byline):
    assert is_byline(paragraph) is byline


def test_a_byline_the_extractor_keeps_is_moved_to_metadata():
    html = ("<html><body><article><h1>南湖片区更新</h1><p>发布时间：2025-03-02 来源：湖城晚报</p>"
            "<p>南湖片区今年完成更新改造项目五个，总投资3.2亿元。</p><p>【责任编辑：吴静】</p></article></body></html>")
    doc = read_document(html.encode(), "short.html")
    assert doc.text.split(PARAGRAPH_BREAK) == ["南湖片区更新", "南湖片区今年完成更新改造项目五个，总投资3.2亿元。"]
    assert doc.meta["source"] == "湖城晚报"


@pytest.mark.parametrize("title,headline", [
    ("东湖街道十二个老旧小区启动改造_城建动态_江城新闻网", "东湖街道十二个老旧小区启动改造"),
    ("南湖片区更新提速 | 湖城晚报", "南湖片区更新提速"),
    ("西岭镇安置房交付 - 江城新闻网", "西岭镇安置房交付"),
    ("城市更新三年行动", "城市更新三年行动"),
])
def test_a_title_tag_headline_loses_the_site_name(title, headline):
    page = PAGE.read_text(encoding="utf-8").replace("<h1>东湖街道十二个老旧小区启动改造</h1>", "")
    page = page.replace("东湖街道十二个老旧小区启动改造_城建动态_江城新闻网", title)
    doc = read_document(page.encode(), "x.html")
    assert doc.meta["title"] == headline
    assert doc.text.startswith(headline + PARAGRAPH_BREAK + ARTICLE[0])
