"""Write a folder of UTF-8 articles as users hold them, to measure the readers.

    python benchmarks/reader_variants.py SRC_DIR OUT_DIR

OUT_DIR/gb18030, utf16 (with BOM), utf8bom: the same .txt files re-encoded;
OUT_DIR/trad_utf8 and trad_big5: converted to traditional characters (OpenCC s2tw, when
the `opencc` module is installed) and saved as UTF-8 and as Big5 (cp950; characters it
lacks become "?", counted);
OUT_DIR/html: each article in a news-site page (navigation, breadcrumb, date/source line,
share bar, related links, footer, scripts), the first line as its headline.
PDFs come from scripts/make_pdf_fixtures.py --from-text.  Write OUT_DIR outside the
project: the articles are not ours to commit.
"""
from __future__ import annotations

import html
import sys
from pathlib import Path

PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{title}_城建要闻_江城新闻网</title>
<script>var _hmt = _hmt || []; (function() {{ var s = document.createElement("script"); }})();</script>
</head><body>
<div class="top-nav"><ul><li><a href="/">首页</a></li><li><a href="/news">要闻</a></li><li><a href="/city">城建</a></li>
<li><a href="/policy">政策</a></li><li><a href="/video">视频</a></li><li><a href="/about">关于我们</a></li></ul></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/city">城建要闻</a> &gt; 正文</div>
<div class="main"><div class="article">
<h1>{title}</h1>
<div class="info"><span>发布时间：2025-10-21 08:30</span> <span>来源：江城日报</span> <span>作者：本报记者</span></div>
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a></div>
<div class="content">
{body}
</div>
<div class="editor">【责任编辑：周远】</div>
</div>
<div class="related"><h3>相关新闻</h3><ul>
<li><a href="/n/1.html">全市背街小巷整治提升工作推进会召开</a></li>
<li><a href="/n/2.html">南湖片区棚户区改造签约率超过九成</a></li>
<li><a href="/n/3.html">我市发布既有住宅加装电梯补贴新办法</a></li></ul></div></div>
<div class="footer"><p>主办：江城新闻网 版权所有 未经授权禁止转载</p>
<p>备案号：江ICP备00000000号 联系电话：000-00000000</p></div>
<script>document.write("<img src='/stat.gif'>");</script>
</body></html>
"""


def main(src: Path, out: Path) -> None:
    try:
        import opencc

        s2tw = opencc.OpenCC("s2tw").convert
    except ImportError:
        s2tw = None
    lost = 0
    for name in ("gb18030", "utf16", "utf8bom", "html", *(("trad_utf8", "trad_big5") if s2tw else ())):
        (out / name).mkdir(parents=True, exist_ok=True)
    for txt in sorted(src.glob("*.txt")):
        text = txt.read_text(encoding="utf-8")
        (out / "gb18030" / txt.name).write_bytes(text.encode("gb18030"))
        (out / "utf16" / txt.name).write_bytes(text.encode("utf-16"))
        (out / "utf8bom" / txt.name).write_bytes(text.encode("utf-8-sig"))
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        body = "\n".join(f"<p>{html.escape(p)}</p>" for p in lines[1:])
        page = PAGE.format(title=html.escape(lines[0]), body=body)
        (out / "html" / f"{txt.stem}.html").write_text(page, encoding="utf-8")
        if s2tw:
            trad = s2tw(text)
            (out / "trad_utf8" / txt.name).write_text(trad, encoding="utf-8")
            data = trad.encode("cp950", errors="replace")
            lost += data.count(b"?") - trad.count("?")
            (out / "trad_big5" / txt.name).write_bytes(data)
    print(f"characters Big5 lacks (written as ?): {lost}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
