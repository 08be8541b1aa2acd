#!/usr/bin/env python3
"""Print newspaper-like PDFs (three columns, running head, page number, footer) with Chromium.

    python scripts/make_pdf_fixtures.py                       # the test fixtures
    python scripts/make_pdf_fixtures.py --from-text DIR --out OUT [--columns 3] [--style weekly]

Needs `chromium` and `fonts-noto-cjk` (Debian).  The fixtures and the HTML they came from
are committed under tests/fixtures/readers/, so the tests need no browser.  --from-text
prints each DIR/*.txt (first line as the headline) to OUT/<stem>.pdf, for measurements.
"""
from __future__ import annotations

import argparse
import html
import subprocess
import tempfile
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "readers"
HEAD = "江城日报 · 城建周刊"
FOOT = "本版编辑：周远  校对：陈冬"

PAGE_CSS = """
@page { size: A4; margin: 24mm 16mm 22mm 16mm; font-family: "Noto Sans CJK SC", sans-serif;
  @top-left { content: "%(head)s"; font-size: 9pt; }
  @top-right { content: "%(date)s"; font-size: 9pt; }
  @bottom-center { content: "第 " counter(page) " 版"; font-size: 9pt; }
  @bottom-right { content: "%(foot)s"; font-size: 8pt; } }
body { font-family: "Noto Sans CJK SC", sans-serif; font-size: 13pt; line-height: 1.6;
  column-count: %(columns)d; column-gap: 7mm; column-rule: 0.3pt solid #999; margin: 0; }
h1 { column-span: all; font-size: 20pt; font-weight: normal;
  text-align: center; margin: 0 0 6mm 0; }
p { margin: 0 0 2mm 0; text-indent: 2em; text-align: justify; }
"""

# A second page style: the headline inside the first column, a running head and a footer
# as fixed boxes in the page area (not margin boxes), a bare page number, A3, serif type.
WEEKLY_CSS = """
@page { size: A3; margin: 15mm 12mm 18mm 12mm;
  @bottom-center { content: counter(page); font-size: 10pt; font-family: "Noto Serif CJK SC", serif; } }
.head { position: fixed; top: 0; left: 0; right: 0; font-size: 10pt; border-bottom: 1px solid #000; }
.foot { position: fixed; bottom: 0; left: 0; right: 0; font-size: 9pt; text-align: center; }
body { font-family: "Noto Serif CJK SC", serif; font-size: 11pt; line-height: 1.5; margin: 0; }
.cols { column-count: %(columns)d; column-gap: 5mm; margin-top: 12mm; }
h1 { font-size: 16pt; margin: 0 0 3mm 0; }
p { margin: 0; text-indent: 2em; text-align: justify; }
"""
WEEKLY_HEAD = "城乡建设周报　第40期　要闻"
WEEKLY_FOOT = "地址：江城市建设路1号　本报热线000-0000000"

# Sentences written for the fixtures (not taken from any corpus).
FIXTURE_ARTICLES = {
    "three_columns": ("东湖街道十二个老旧小区启动改造", "2024年5月16日 星期四", [
        "东湖街道今年启动十二个老旧小区的改造工程，预计惠及居民三千六百户。",
        "区住房和城乡建设局介绍，项目总投资约1.8亿元，其中中央补助资金4000万元，改造面积共计26万平方米。",
        "改造内容包括加装电梯、雨污分流和屋面防水，计划于2025年底前全部完工。",
        "街道办事处负责人表示，改造前已逐户征求意见，居民最关心的是停车位不足和楼道照明两件事。",
        "为此，项目新增停车位420个，更换楼道灯具1.2万盏，并在三个小区试点建设充电桩。",
        "项目采用政府和社会资本合作模式，由江城城市更新投资有限公司负责建设和运营，合作期限为十五年。",
        "施工单位承诺，每个小区的施工期不超过六个月，雨季停止屋面作业，夜间不进行高噪声施工。",
        "居民代表说，过去雨天楼道积水、管道堵塞是常事，这次改造把地下管网一并换新，大家都很期待。",
        "区财政局表示，将按照工程进度分三批拨付资金，首批资金6000万元已于四月拨付到位。",
        "下一步，街道将建立小区长效管理机制，引入物业服务企业，确保改造成果不因缺乏管理而退化。",
        "与此同时，西岭镇的棚户区改造也进入收尾阶段，共涉及房屋九百余套，安置房已交付七成。",
        "镇政府表示，安置小区配套建设幼儿园一所、社区卫生服务站两处，道路和绿化同步完成。",
        "据测算，两项工程完工后，全区将有超过一万名居民的居住条件得到明显改善。",
        "专家认为，老旧小区改造不仅是修房子，更是完善社区服务、激活存量空间的重要抓手。",
        "有关部门还将对改造质量开展第三方评估，评估结果向社会公开，接受居民监督。",
        "今年以来，全市旧楼改造已开工一百三十个小区，完成投资9.6亿元，开工率居全省前列。",
        "市住房保障中心负责人介绍，今后三年将每年安排专项资金不少于2亿元，持续推进这项工作。",
        "在资金筹措上，除财政资金外，还鼓励居民出资、产权单位出资和社会资本参与，形成多元投入格局。",
        "部分小区利用闲置用房改建养老服务站和便民食堂，既方便了老人，也为运营企业带来稳定收益。",
        "一位退休教师告诉记者，楼里装了电梯以后，她每天都能下楼散步，再也不用为爬六层楼发愁了。",
        "社区党委书记说，改造中成立的居民议事会会继续运转，小区里的大事小事大家商量着办。",
        "业内人士指出，城市更新应坚持留改拆并举、以保留利用提升为主，防止大拆大建。",
        "按照计划，明年该区还将启动第二批二十个小区的改造，总投资预计超过3亿元。",
        "记者在现场看到，多个小区的外墙保温和屋顶防水已基本完成，施工围挡正在陆续拆除。",
    ]),
}


def newspaper_html(title: str, date: str, paragraphs: list[str], columns: int = 3) -> str:
    css = PAGE_CSS % {"head": HEAD, "date": date, "foot": FOOT, "columns": columns}
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><style>{css}</style></head>\n'
            f"<body><h1>{html.escape(title)}</h1>\n{body}\n</body></html>\n")


def weekly_html(title: str, paragraphs: list[str], columns: int = 3) -> str:
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><style>'
            f"{WEEKLY_CSS % {'columns': columns}}</style></head>\n<body><div class=\"head\">{WEEKLY_HEAD}</div>"
            f'<div class="foot">{WEEKLY_FOOT}</div>\n<div class="cols"><h1>{html.escape(title)}</h1>\n{body}\n'
            "</div></body></html>\n")


def print_pdf(html_path: Path, pdf_path: Path) -> None:
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        f"--user-data-dir={profile}", "--no-pdf-header-footer",
                        f"--print-to-pdf={pdf_path}", html_path.resolve().as_uri()],
                       check=True, capture_output=True, timeout=120)


def from_text(src: Path, out: Path, columns: int, style: str = "newspaper") -> None:
    out.mkdir(parents=True, exist_ok=True)
    for txt in sorted(src.glob("*.txt")):
        lines = [line.strip() for line in txt.read_text(encoding="utf-8").splitlines() if line.strip()]
        if not lines:
            continue
        page = out / f"{txt.stem}.html"
        page.write_text(newspaper_html(lines[0], "2025年10月21日 星期二", lines[1:], columns) if style == "newspaper"
                        else weekly_html(lines[0], lines[1:], columns), encoding="utf-8")
        print_pdf(page, out / f"{txt.stem}.pdf")
        page.unlink()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--from-text", type=Path)
    ap.add_argument("--out", type=Path, default=FIXTURES)
    ap.add_argument("--columns", type=int, default=3)
    ap.add_argument("--style", choices=("newspaper", "weekly"), default="newspaper",
                    help="newspaper: headline over the columns, heads in the page margins; weekly: "
                         "headline in the first column, fixed head and footer boxes, A3")
    args = ap.parse_args()
    if args.from_text:
        return from_text(args.from_text, args.out, args.columns, args.style)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, (title, date, paragraphs) in FIXTURE_ARTICLES.items():
        page = args.out / f"{name}.html"
        page.write_text(newspaper_html(title, date, paragraphs, args.columns), encoding="utf-8")
        print_pdf(page, args.out / f"{name}.pdf")
    title, _, paragraphs = FIXTURE_ARTICLES["three_columns"]
    page = args.out / "weekly.html"
    page.write_text(weekly_html(title, paragraphs[:8], args.columns), encoding="utf-8")
    print_pdf(page, args.out / "weekly.pdf")
    # A page with a drawing and no text: what a scan without OCR looks like to a reader.
    page = args.out / "no_text_layer.html"
    page.write_text('<!DOCTYPE html><html><body><svg width="400" height="300"><rect x="20" y="20" '
                    'width="360" height="260" fill="#888"/></svg></body></html>\n', encoding="utf-8")
    print_pdf(page, args.out / "no_text_layer.pdf")


if __name__ == "__main__":
    main()
