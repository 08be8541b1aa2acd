"""Undo PDF layout artifacts while keeping a map back to the caller's string.

Newspaper text extracted from PDF breaks words across lines ("学\\n习贯彻"), puts stray
spaces between characters ("不完 善") and uses full-width digits ("３．７亿").  The rules
of later stages want the clean reading; users want offsets into what they passed.  So
cleaning only ever *drops* a character or *replaces* it one-for-one, and records where
every kept character came from.  That makes the map a strictly increasing function from
clean to raw positions, stored compactly as runs.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass

import regex
from spacy.lang.zh import ChineseTokenizer
from spacy.tokens import Doc
from spacy.util import DummyTokenizer, registry

# Full-width ASCII letters, digits and the signs that occur inside amounts.  The
# full-width comma and full stop are real Chinese punctuation and stay as they are.
_FULLWIDTH = {chr(c): chr(c - 0xFEE0) for c in range(0xFF10, 0xFF1A)}
_FULLWIDTH.update({chr(c): chr(c - 0xFEE0) for c in range(0xFF21, 0xFF3B)})
_FULLWIDTH.update({chr(c): chr(c - 0xFEE0) for c in range(0xFF41, 0xFF5B)})
_FULLWIDTH.update({"％": "%", "．": ".", "－": "-", "＋": "+", "／": "/", "＜": "<",
                   "＞": ">", "＝": "=", "～": "~", "＄": "$", "￥": "¥", "＇": "'",
                   "＂": '"', "\u3000": " "})
_WIDTH_TABLE = str.maketrans(_FULLWIDTH)

# Layout whitespace is what Python calls whitespace (str.isspace), the same set the scorer
# and str.split use; it includes the control separators \x1c-\x1f that converters leave
# (found by fuzzing).
_SPACE_CHARS = "".join(chr(c) for c in range(0x3001) if chr(c).isspace())
_WS_RUN = regex.compile("[" + regex.escape(_SPACE_CHARS) + "]+")
_BLANK_LINE = regex.compile("\n[" + regex.escape(_SPACE_CHARS.replace("\n", "")) + "]*\n")
# Characters that end a sentence or a paragraph: a line ending here may close a paragraph.
_TERMINAL = set("。！？!?；;：:”』」…）)】")
# Characters that say a line is running prose (headlines and bylines rarely have them).
_PROSE = set("，,。；")


def _is_cjk(ch: str) -> bool:
    return ("\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"
            or "\uf900" <= ch <= "\ufaff" or "\U00020000" <= ch <= "\U0002fa1f")


def _is_cjk_punct(ch: str) -> bool:
    return "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef" or ch in "“”‘’—…·"


def _joinable(ch: str) -> bool:
    """Characters between which layout whitespace carries no meaning."""
    return _is_cjk(ch) or _is_cjk_punct(ch) or ch.isdigit() or ch in "%.,"


@dataclass(frozen=True)
class Layout:
    """A cleaned text and the map from each of its characters to the raw string."""

    raw: str
    clean: str
    runs: tuple[tuple[int, int], ...]  # (clean_start, raw_start) of each contiguous run

    def raw_index(self, i: int) -> int:
        """Raw position of clean character i (0 <= i < len(clean))."""
        k = bisect.bisect_right(self._starts, i) - 1
        c, r = self.runs[k]
        return r + (i - c)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw (start, end) of the clean span [start, end); end is exclusive."""
        if not 0 <= start < end <= len(self.clean):
            raise ValueError(f"span ({start}, {end}) outside the clean text of length {len(self.clean)}")
        return self.raw_index(start), self.raw_index(end - 1) + 1

    def surface(self, start: int, end: int) -> str:
        """The contract's `text`: raw characters of a clean span, layout whitespace dropped."""
        out = []
        for i in range(start, end):
            ch = self.raw[self.raw_index(i)]
            out.append(self.clean[i] if ch.isspace() else ch)
        return "".join(out)

    @property
    def _starts(self) -> list[int]:
        cached = self.__dict__.get("_starts_cache")
        if cached is None:
            cached = [c for c, _ in self.runs]
            object.__setattr__(self, "_starts_cache", cached)
        return cached

    def to_msgpack(self) -> dict:
        """Plain form kept on the Doc (msgpack-safe, for n_process > 1).  The clean text is
        kept too: spaCy rebuilds doc.text from the tokens on every access."""
        return {"raw": self.raw, "clean": self.clean, "runs": [list(r) for r in self.runs]}

    @classmethod
    def from_msgpack(cls, data: dict, clean: str) -> "Layout":
        return cls(data["raw"], clean, tuple((c, r) for c, r in data["runs"]))


def _line_before(raw: str, pos: int) -> str:
    start = raw.rfind("\n", 0, pos) + 1
    return raw[start:pos]


def _gap_replacement(raw: str, start: int, end: int) -> str:
    """What a run of whitespace raw[start:end] becomes: '', ' ' or '\\n'."""
    before = raw[start - 1] if start > 0 else ""
    after = raw[end] if end < len(raw) else ""
    if not before or not after:
        return ""
    gap = raw[start:end]
    if "\n" in gap:
        if _BLANK_LINE.search(gap):
            # A blank line closes a paragraph unless a column break cut prose mid-sentence.
            prose = any(ch in _PROSE for ch in _line_before(raw, start))
            if before in _TERMINAL or not prose or not (_joinable(before) and _joinable(after)):
                return "\n"
            return ""
        if _joinable(before) and _joinable(after) and not (before.isdigit() and after.isdigit()):
            return ""
        return " "
    if _joinable(before) and _joinable(after) and (_is_cjk(before) or _is_cjk(after)
                                                   or _is_cjk_punct(before) or _is_cjk_punct(after)):
        return ""
    if before.isdigit() and after in "%‰":
        return ""  # 50 % is 50%
    return " "


def clean_layout(raw: str) -> Layout:
    """Clean `raw` for the rules; every kept character maps back one-to-one."""
    if not isinstance(raw, str):
        raise TypeError(f"text must be str, not {type(raw).__name__}")
    pieces: list[str] = []
    runs: list[tuple[int, int]] = []
    n_clean = 0
    run_end = -1  # raw position just after the last kept character

    def keep(text: str, raw_i: int) -> None:
        nonlocal n_clean, run_end
        if not text:
            return
        if raw_i != run_end:
            runs.append((n_clean, raw_i))
        pieces.append(text.translate(_WIDTH_TABLE))
        n_clean += len(text)
        run_end = raw_i + len(text)

    pos = 0
    for m in _WS_RUN.finditer(raw):
        keep(raw[pos:m.start()], pos)
        # A kept gap becomes one character standing for the gap's first raw character.
        keep(_gap_replacement(raw, m.start(), m.end()), m.start())
        pos = m.end()
    keep(raw[pos:], pos)
    return Layout(raw, "".join(pieces), tuple(runs))


# --- the spaCy side: a tokenizer that cleans first -------------------------------------

if not Doc.has_extension("layout"):
    Doc.set_extension("layout", default=None)


class LayoutTokenizer(DummyTokenizer):
    """spaCy's Chinese tokenizer behind the layout cleaner.

    `nlp(raw)` builds the Doc on the clean text and keeps the map to `raw` in
    `doc._.layout` (plain data), so every later stage can report raw offsets.
    """

    def __init__(self, vocab, segmenter: str = "char", clean: bool = True):
        self.vocab = vocab
        self.clean = clean
        self.inner = ChineseTokenizer(vocab, segmenter=segmenter)

    @property
    def segmenter(self) -> str:
        return self.inner.segmenter

    def __call__(self, text: str) -> Doc:
        if not isinstance(text, str):
            raise TypeError(f"text must be str, not {type(text).__name__}")
        layout = clean_layout(text) if self.clean else Layout(text, text, ((0, 0),) if text else ())
        clean = layout.clean
        if self.inner.segmenter == "jieba":
            words = [w for w in self.inner.jieba_seg.cut(clean, cut_all=False) if w]
        elif self.inner.segmenter == "pkuseg":
            if self.inner.pkuseg_seg is None:
                raise ValueError("the pkuseg segmenter has no model: load('pkuseg', pkuseg_model=PATH)")
            words = self.inner.pkuseg_seg.cut(clean)
        else:
            words = list(clean)
        tokens, spaces = align_words(words, clean)
        doc = Doc(self.vocab, words=tokens, spaces=spaces)
        doc._.layout = layout.to_msgpack()
        return doc

    def initialize(self, get_examples=None, *, nlp=None, pkuseg_model=None, pkuseg_user_dict="default"):
        self.inner.initialize(get_examples, nlp=nlp, pkuseg_model=pkuseg_model,
                              pkuseg_user_dict=pkuseg_user_dict)

    def to_bytes(self, **kwargs) -> bytes:
        return self.inner.to_bytes(**kwargs)

    def from_bytes(self, data: bytes, **kwargs) -> "LayoutTokenizer":
        self.inner.from_bytes(data, **kwargs)
        return self

    def to_disk(self, path, **kwargs) -> None:
        self.inner.to_disk(path, **kwargs)

    def from_disk(self, path, **kwargs) -> "LayoutTokenizer":
        self.inner.from_disk(path, **kwargs)
        return self


def align_words(words: list[str], text: str) -> tuple[list[str], list[bool]]:
    """Tokens and trailing-space flags for a Doc whose text is exactly `text`.

    spaCy's util.get_words_and_spaces does the same but slices the rest of the text for
    every word, which is quadratic (a 1 MB article took minutes); this walks it once.
    """
    tokens: list[str] = []
    spaces: list[bool] = []
    pos = 0
    for word in words:
        if not word or word.isspace():
            continue
        start = text.find(word, pos)
        if start < 0:
            raise ValueError(f"segmenter word {word!r} not found in the text after position {pos}")
        if start > pos:  # whitespace the segmenter skipped
            gap = text[pos:start]
            if gap == " " and tokens and not spaces[-1]:
                spaces[-1] = True
            else:
                tokens.append(gap)
                spaces.append(False)
        tokens.append(word)
        spaces.append(False)
        pos = start + len(word)
        if text.startswith(" ", pos):
            spaces[-1] = True
            pos += 1
    if pos < len(text):
        tokens.append(text[pos:])
        spaces.append(False)
    return tokens, spaces


@registry.tokenizers("oldcomm_ie.layout_tokenizer.v1")
def create_layout_tokenizer(segmenter: str = "char", clean: bool = True):
    """Config entry: [nlp.tokenizer] @tokenizers = "oldcomm_ie.layout_tokenizer.v1"."""

    def make(nlp):
        return LayoutTokenizer(nlp.vocab, segmenter=segmenter, clean=clean)

    return make


def doc_text(doc: Doc) -> str:
    """The Doc's (clean) text, without rebuilding it from the tokens when it is kept."""
    data = doc._.layout
    return data["clean"] if data is not None and "clean" in data else doc.text


def doc_layout(doc: Doc) -> Layout:
    """The Layout of a Doc made by LayoutTokenizer (identity for any other Doc)."""
    data = doc._.layout
    if data is None:
        text = doc.text
        return Layout(text, text, ((0, 0),) if text else ())
    return Layout.from_msgpack(data, doc_text(doc))
