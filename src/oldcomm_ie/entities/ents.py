"""doc.ents from character offsets, for all entities of a Doc at once: a `doc.char_span`
per entity and spaCy's per-token `doc.ents` setter take Python-level steps for every
entity and token, which on a Doc of one token per character cost more than finding them."""
from __future__ import annotations

import numpy as np
from spacy.attrs import ENT_IOB, ENT_TYPE, IDX
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .resolve import LABEL_RANK, Cand


def token_ranges(doc: Doc, text: str, cands: list[Cand]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(first, end, label) token arrays of cands (in text order; `text` is the Doc's) as
    `doc.char_span(start, end, label, alignment_mode="expand")` aligns them, then
    filtered as spaCy's filter_spans does (the first longest of overlapping ones)."""
    if not cands:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.uint64)
    # tokens are never empty, so as many tokens as characters are one character each
    idx = np.arange(len(doc)) if len(doc) == len(text) else doc.to_array(IDX).astype(np.int64)
    starts = np.fromiter((c.start for c in cands), dtype=np.int64, count=len(cands))
    ends = np.fromiter((c.end for c in cands), dtype=np.int64, count=len(cands))
    hashes = {label: doc.vocab.strings.add(label) for label in LABEL_RANK}
    labels = np.array([hashes[c.label] for c in cands], dtype=np.uint64)
    first = np.searchsorted(idx, starts, "right") - 1  # a token owns its characters and its trailing space
    for k, c in enumerate(cands):
        if text[c.start] == " " and c.start == idx[first[k]] + len(doc[int(first[k])]):
            first[k] += 1  # a start on a token's trailing space begins the next token
    end = np.searchsorted(idx, ends - 1, "right")
    if np.all(first[1:] >= end[:-1]):
        return first, end, labels  # no two overlap: filter_spans keeps them all, in order
    spans = zip(first.tolist(), end.tolist(), labels.tolist(), strict=True)
    kept = filter_spans([Span(doc, a, b, label=lab) for a, b, lab in spans])
    return (np.array([s.start for s in kept], dtype=np.int64), np.array([s.end for s in kept], dtype=np.int64),
            np.array([s.label for s in kept], dtype=np.uint64))


def set_ents(doc: Doc, first: np.ndarray, end: np.ndarray, labels: np.ndarray) -> None:
    """`doc.ents` = the token ranges [first, end) with their label hashes (non-overlapping,
    in order; every other token outside), in one array write.  The tokens inside are
    listed range after range (np.repeat), not looked up token by token."""
    iob = np.zeros((len(doc), 2), dtype=np.uint64)
    iob[:, 0] = 2  # O
    lengths = end - first
    # the k-th token listed belongs to range r and is first[r] + (k - tokens before range r)
    inside = np.repeat(first - (np.cumsum(lengths) - lengths), lengths) + np.arange(lengths.sum())
    iob[inside, 0] = 1  # I
    iob[inside, 1] = np.repeat(labels, lengths)
    iob[first, 0] = 3  # B
    doc.from_array([ENT_IOB, ENT_TYPE], iob)
