"""Which PDF library reads newspaper pages right: pypdfium2 or pdfplumber (pdfminer.six).

    python benchmarks/pdf_readers.py PDF_DIR SOURCE_DIR

For each PDF_DIR/<stem>.pdf, SOURCE_DIR/<stem>.txt (or .html, its <p> and <h1>) is what
was printed.  Four readings are scored: each tool's own text, and each tool's character
boxes put in order by oldcomm_ie.readers.pdf_layout.
- lookalikes: characters from the Kangxi Radicals / CJK Radicals Supplement / CJK
  Compatibility blocks (⽇ for 日), which the pipeline's tables do not know;
- chars F1: the multiset of non-space characters against the source;
- sentences intact: share of the source's sentences (split at 。！？) found whole in the
  reading with whitespace removed — columns read in the wrong order break them;
- intact after folding: the same after NFKC (lookalikes folded), to tell order from glyphs;
- furniture in text: running heads / page numbers / footers left in the text.
"""

from __future__ import annotations

import html
import logging
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

from oldcomm_ie.readers.pdf import assemble, pdfium_chars
from oldcomm_ie.readers.pdf_layout import Char

LOOKALIKE = re.compile("[\u2e80-\u2eff\u2f00-\u2fdf\uf900-\ufaff]")


def source_text(stem: str, src: Path) -> str:
    txt = src / f"{stem}.txt"
    if txt.exists():
        return txt.read_text(encoding="utf-8")
    page = (src / f"{stem}.html").read_text(encoding="utf-8")
    return "\n".join(html.unescape(x) for x in re.findall(r"<(?:p|h1)>(.*?)</(?:p|h1)>", page))


def pdfium_readings(path: Path) -> tuple[str, str]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    own, pages = [], []
    for page in pdf:
        tp = page.get_textpage()
        own.append(tp.get_text_range())
        pages.append((pdfium_chars(page), page.get_width(), page.get_height()))
    return "\n".join(own), assemble(pages)[0]


def plumber_readings(path: Path) -> tuple[str, str]:
    import pdfplumber

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    own, pages = [], []
    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            own.append(page.extract_text() or "")
            chars = [Char(c["text"], c["x0"], c["x1"], c["top"], c["bottom"]) for c in page.chars if c["text"].strip()]
            pages.append((chars, page.width, page.height))
    return "\n".join(own), assemble(pages)[0]


def squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def scores(reading: str, source: str, furniture: list[str]) -> dict:
    got, want = Counter(squash(reading)), Counter(squash(source))
    tp = sum((got & want).values())
    p, r = tp / max(1, sum(got.values())), tp / max(1, sum(want.values()))
    flat = squash(reading)
    folded = unicodedata.normalize("NFKC", flat)
    sentences = [s for s in (squash(x) for x in re.split(r"(?<=[。！？])", source)) if len(s) >= 6]
    return {
        "lookalikes": len(LOOKALIKE.findall(reading)),
        "chars_f1": 2 * p * r / (p + r) if p + r else 0.0,
        "intact": sum(s in flat for s in sentences) / max(1, len(sentences)),
        "intact_folded": sum(unicodedata.normalize("NFKC", s) in folded for s in sentences) / max(1, len(sentences)),
        "furniture": sum(flat.count(squash(f)) for f in furniture),
    }


def main(pdf_dir: Path, src: Path) -> None:
    furniture = ["江城日报·城建周刊", "本版编辑", "城乡建设周报", "本报热线"]  # heads and footers printed
    totals: dict[str, Counter] = {}
    files = [p for p in sorted(pdf_dir.glob("*.pdf")) if squash(source_text(p.stem, src))]
    for path in files:
        source = source_text(path.stem, src)
        for tool, readings in (("pypdfium2", pdfium_readings), ("pdfplumber", plumber_readings)):
            own, ordered = readings(path)
            for how, text in (("own order", own), ("pdf_layout", ordered)):
                totals.setdefault(f"{tool} / {how}", Counter()).update(scores(text, source, furniture))
    n = len(files)
    print(
        f"{n} PDFs\n| reading | lookalikes | chars F1 | sentences intact | intact after folding "
        "| furniture in text |\n|---|---|---|---|---|---|"
    )
    for name, t in totals.items():
        print(
            f"| {name} | {t['lookalikes']} | {t['chars_f1'] / n:.4f} | {t['intact'] / n:.3f} "
            f"| {t['intact_folded'] / n:.3f} | {t['furniture']} |"
        )


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
