"""The spaCy side: a tokenizer that cleans first and keeps the map on the Doc."""
from __future__ import annotations

import numpy as np
from spacy.lang.zh import ChineseTokenizer
from spacy.tokens import Doc
from spacy.util import DummyTokenizer, registry

from .cleaner import clean_layout
from .hashes import CharHashes, code_points
from .normalize import FOLD, REPLACEMENT
from .offsets import Layout

if not Doc.has_extension("layout"):
    Doc.set_extension("layout", default=None)

_SURROGATES = {c: REPLACEMENT for c, v in FOLD.items() if v == REPLACEMENT}
_SPACE = ord(" ")


class LayoutTokenizer(DummyTokenizer):
    """spaCy's Chinese tokenizer behind the layout cleaner.

    `nlp(raw)` builds the Doc on the clean text and keeps the map to `raw` in
    `doc._.layout` (plain data), so every later stage can report raw offsets.
    """

    def __init__(self, vocab, segmenter: str = "char", clean: bool = True):
        self.vocab = vocab
        self.clean = clean
        self.inner = ChineseTokenizer(vocab, segmenter=segmenter)
        self._hashes = CharHashes(vocab.strings)

    @property
    def segmenter(self) -> str:
        return self.inner.segmenter

    def __call__(self, text: str) -> Doc:
        layout = self._layout(text)
        clean = layout.clean
        if self.inner.segmenter == "char" and self.clean:
            doc = self._char_doc(clean)
        else:
            doc = Doc(self.vocab, *align_words(self._words(clean), clean))
        doc._.layout = layout.to_msgpack()
        return doc

    def plain_doc(self, text: str) -> Doc:
        """A Doc without tokens that carries the clean text and its map (doc._.layout),
        for readers of that plain data alone, as extract() is: oldcomm-ie's components
        read the text from there, never from the tokens."""
        doc = Doc(self.vocab, words=[])
        doc._.layout = self._layout(text).to_msgpack()
        return doc

    def _layout(self, text: str) -> Layout:
        if not isinstance(text, str):
            raise TypeError(f"text must be str, not {type(text).__name__}")
        if self.clean:
            return clean_layout(text)
        # no cleaning, but nothing spaCy cannot encode either
        return Layout(text, text.translate(_SURROGATES), ((0, 0),) if text else ())

    def _words(self, clean: str) -> list[str]:
        if self.inner.segmenter == "jieba":
            return [w for w in self.inner.jieba_seg.cut(clean, cut_all=False) if w]
        if self.inner.segmenter == "pkuseg":
            if self.inner.pkuseg_seg is None:
                raise ValueError("the pkuseg segmenter has no model: load('pkuseg', pkuseg_model=PATH)")
            return self.inner.pkuseg_seg.cut(clean)
        return list(clean)

    def _char_doc(self, clean: str) -> Doc:
        """One token per character, built without generic alignment: the cleaner leaves
        only single ' ' and '\\n' between characters, never at either end, so a ' ' is the
        trailing space of the token before it and a '\\n' is a token of its own (as
        spaCy's alignment makes it).  Tokens go in as hashes, all looked up at once
        (CharHashes): spaCy then skips hashing every character again."""
        codes = code_points(clean)
        space = codes == _SPACE
        followed = np.zeros_like(space)  # the next character is a ' '
        followed[:-1] = space[1:]
        kept = ~space
        return Doc(self.vocab, words=self._hashes.of(codes[kept]), spaces=followed[kept].tolist())

    def initialize(self, get_examples=None, *, nlp=None, pkuseg_model=None, pkuseg_user_dict="default"):
        self.inner.initialize(get_examples, nlp=nlp, pkuseg_model=pkuseg_model,
                              pkuseg_user_dict=pkuseg_user_dict)

    def to_bytes(self, **kwargs) -> bytes:
        return self.inner.to_bytes(**kwargs)

    def from_bytes(self, data: bytes, **kwargs) -> LayoutTokenizer:
        self.inner.from_bytes(data, **kwargs)
        return self

    def to_disk(self, path, **kwargs) -> None:
        self.inner.to_disk(path, **kwargs)

    def from_disk(self, path, **kwargs) -> LayoutTokenizer:
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
def create_layout_tokenizer(segmenter: str = "char", clean: bool = True, max_chars: int | None = None):
    """Config entry: [nlp.tokenizer] @tokenizers = "oldcomm_ie.layout_tokenizer.v1".

    max_chars, when set, becomes nlp.max_length: spaCy keeps no max_length in its config, so
    the limit lives here and a pipeline saved with nlp.to_disk keeps it after spacy.load."""

    def make(nlp):
        if max_chars is not None:
            nlp.max_length = max_chars
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
        return Layout.identity(doc.text)
    return Layout.from_msgpack(data, doc_text(doc))
