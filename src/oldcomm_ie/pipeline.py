"""Assemble the pipeline and run it: load(), extract(), extract_many()."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .admin import AdminComponent  # each stage's import registers its factory
from .chars import DEFAULT_MAX_CHARS
from .entities import EntityRecognizer
from .layout import LayoutTokenizer
from .quantities import QuantityRecognizer
from .records import Extraction, from_doc
from .relations import RelationComponent

SEGMENTERS = ("char", "jieba", "pkuseg")
STAGES = ("oldcomm_quantities", "oldcomm_entities", "oldcomm_relations", "oldcomm_admin")


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
                                    "segmenter": segmenter, "max_chars": max_chars}}}
    nlp = spacy.blank("zh", config=config)
    if segmenter == "pkuseg":
        nlp.tokenizer.initialize(pkuseg_model=pkuseg_model)
    for stage in STAGES:
        nlp.add_pipe(stage)
    return nlp


@lru_cache(maxsize=4)
def _default(segmenter: str = "char") -> Language:
    return load(segmenter)


VIEW_COMPONENTS = (EntityRecognizer, QuantityRecognizer)  # write spaCy views beside their plain data
_OWN = (*VIEW_COMPONENTS, RelationComponent, AdminComponent)


def plain_only(nlp: Language) -> dict[str, dict]:
    """`component_cfg` that spares the entity and quantity components spaCy's views of
    their results (doc.ents, doc.spans: about 4% of extract's time) where only oldcomm-ie
    components come after them: those, and from_doc, read the plain data on the Doc.  A
    component of the user's own after them may read the views, which are then written."""
    own = [isinstance(proc, _OWN) for _, proc in nlp.pipeline]
    return {name: {"spacy_views": False} for k, (name, proc) in enumerate(nlp.pipeline)
            if isinstance(proc, VIEW_COMPONENTS) and all(own[k + 1:])}


class BadItemError(ValueError):
    """An item of extract_many that is no text it can read, named by position and doc_id."""


def _problem(text, max_length: int) -> str | None:
    """Why `text` cannot be extracted, or None when it can."""
    if not isinstance(text, str):
        hint = " (decode bytes first, e.g. data.decode('utf-8'))" if isinstance(text, bytes) else ""
        return f"extract takes str, not {type(text).__name__}{hint}"
    if len(text) > max_length:
        return (f"text of {len(text):,} characters is over the limit of {max_length:,}; "
                "split it or pass nlp=load(max_chars=...)")
    return None


def annotate(nlp: Language, text: str) -> Doc:
    """The Doc extract() builds its result from.  In a pipeline of oldcomm-ie's own (its
    tokenizer and components only) every stage reads the plain data on the Doc alone: the
    Doc then holds no tokens (one per character cost some 7% of extract's time) and no
    spaCy views.  Any other pipeline runs as nlp(text), sparing only the views nobody
    after them reads (plain_only)."""
    problem = _problem(text, nlp.max_length)
    if problem:
        raise (TypeError if not isinstance(text, str) else ValueError)(problem)
    if not (isinstance(nlp.tokenizer, LayoutTokenizer) and all(isinstance(p, _OWN) for _, p in nlp.pipeline)):
        return nlp(text, component_cfg=plain_only(nlp))
    doc = nlp.tokenizer.plain_doc(text)
    for _, proc in nlp.pipeline:
        doc = proc(doc, spacy_views=False) if isinstance(proc, VIEW_COMPONENTS) else proc(doc)
    return doc


def extract(text: str, doc_id: str | None = None, nlp: Language | None = None) -> Extraction:
    """Everything oldcomm-ie finds in one text, with offsets into `text`."""
    return from_doc(annotate(nlp or _default(), text), doc_id)


def extract_many(texts: Iterable[str], batch_size: int = 32, n_process: int = 1,
                 nlp: Language | None = None, doc_ids: Iterable[str] | None = None,
                 errors: str = "raise") -> Iterator[Extraction]:
    """Stream Extractions, one per input item and in input order.

    A bad item (not a str, over the length limit) never silently drops out of the stream:
    with errors="raise" it raises BadItemError naming its position and doc_id; with
    errors="record" it yields an empty Extraction whose `error` says why, and the stream
    goes on.  n_process > 1 uses spaCy's multiprocessing, which ships every Doc back to
    this process: for folders of files the command line's workers, which return plain
    Extractions, are about three times faster (docs/benchmarks.md)."""
    if errors not in ("raise", "record"):
        raise ValueError(f"errors must be 'raise' or 'record', not {errors!r}")
    nlp = nlp or _default()
    ids = iter(doc_ids) if doc_ids is not None else None

    def items():
        for i, text in enumerate(texts):
            doc_id = next(ids, None) if ids is not None else None
            problem = _problem(text, nlp.max_length)
            if problem and errors == "raise":
                raise BadItemError(f"item {i}" + (f" ({doc_id})" if doc_id else "") + f": {problem}")
            # A bad item travels through the pipe as an empty text, so order and count hold.
            yield ("" if problem else text), (doc_id, problem)

    if n_process == 1:
        docs = ((annotate(nlp, text), context) for text, context in items())
    else:
        docs = nlp.pipe(items(), batch_size=batch_size, n_process=n_process, as_tuples=True,
                        component_cfg=plain_only(nlp))
    for doc, (doc_id, problem) in docs:
        result = from_doc(doc, doc_id)
        if problem:
            result.error = problem
        yield result
