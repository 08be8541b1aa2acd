"""Assemble the pipeline and run it: load(), extract(), extract_many()."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language

from . import layout as _layout  # noqa: F401  (registers the tokenizer and Doc._.layout)
from . import entities as _entities  # noqa: F401  (registers oldcomm_entities)
from . import quantities as _quantities  # noqa: F401  (registers oldcomm_quantities)
from . import relations as _relations  # noqa: F401  (registers oldcomm_relations)
from .admin import component as _admin  # noqa: F401  (registers oldcomm_admin)
from .records import Extraction, from_doc

SEGMENTERS = ("char", "jieba", "pkuseg")
STAGES = ("oldcomm_quantities", "oldcomm_entities", "oldcomm_relations", "oldcomm_admin")
DEFAULT_MAX_CHARS = 20_000_000


def load(segmenter: str = "char", pkuseg_model: str | None = None,
         max_chars: int = DEFAULT_MAX_CHARS) -> Language:
    """The assembled pipeline on spacy.blank("zh") with the layout-cleaning tokenizer.

    segmenter: "char" (default; exact character alignment, nothing to load), "jieba"
    (needs the jieba package), or "pkuseg" with `pkuseg_model`, a local model folder
    (see README: `oldcomm-ie pkuseg-model`).
    max_chars: the longest text accepted (longer input raises ValueError up front).
    """
    if segmenter not in SEGMENTERS:
        raise ValueError(f"segmenter must be one of {SEGMENTERS}, not {segmenter!r}")
    if segmenter == "pkuseg" and not pkuseg_model:
        raise ValueError("segmenter='pkuseg' needs pkuseg_model, the path of a local pkuseg model")
    config = {"nlp": {"tokenizer": {"@tokenizers": "oldcomm_ie.layout_tokenizer.v1",
                                    "segmenter": segmenter}}}
    nlp = spacy.blank("zh", config=config)
    if segmenter == "pkuseg":
        nlp.tokenizer.initialize(pkuseg_model=pkuseg_model)
    for stage in STAGES:
        nlp.add_pipe(stage)
    nlp.max_length = max_chars
    return nlp


@lru_cache(maxsize=4)
def _default(segmenter: str = "char") -> Language:
    return load(segmenter)


def _check(text) -> str:
    if not isinstance(text, str):
        raise TypeError(f"extract takes str, not {type(text).__name__}"
                        + (" (decode bytes first, e.g. data.decode('utf-8'))" if isinstance(text, bytes) else ""))
    return text


def extract(text: str, doc_id: str | None = None, nlp: Language | None = None) -> Extraction:
    """Everything oldcomm-ie finds in one text, with offsets into `text`."""
    text = _check(text)
    nlp = nlp or _default()
    if len(text) > nlp.max_length:
        raise ValueError(f"text of {len(text):,} characters is over the limit of {nlp.max_length:,}; "
                         "split it or pass nlp=load(max_chars=...)")
    return from_doc(nlp(text), doc_id)


def extract_many(texts: Iterable[str], batch_size: int = 32, n_process: int = 1,
                 nlp: Language | None = None, doc_ids: Iterable[str] | None = None) -> Iterator[Extraction]:
    """Stream Extractions over nlp.pipe; n_process > 1 uses spaCy's multiprocessing, which
    ships every Doc back to this process: for folders of files the command line's workers,
    which return plain Extractions, are about three times faster (docs/benchmarks.md)."""
    nlp = nlp or _default()
    ids = iter(doc_ids) if doc_ids is not None else None
    checked = (_check(t) for t in texts)
    for doc in nlp.pipe(checked, batch_size=batch_size, n_process=n_process):
        yield from_doc(doc, next(ids) if ids is not None else None)
