"""Undo PDF and converter layout while keeping a map back to the caller's string.

Newspaper text extracted from PDF breaks words across lines ("学\\n习贯彻"), puts stray
spaces between characters ("不完 善"), uses full-width digits ("３．７亿"), radical
lookalikes (⽇ for 日) and unit squares (㎡); other sources add invisible characters,
terminal colour codes and traditional characters.  The rules of later stages want one
clean reading; users want offsets into what they passed.  The cleaner (cleaner.py) drops,
folds or expands raw characters and records where every clean character came from
(offsets.py); the tokenizer (tokenizer.py) builds the Doc on the clean text.
"""
from .cleaner import clean_layout
from .offsets import Layout
from .tokenizer import LayoutTokenizer, align_words, create_layout_tokenizer, doc_layout, doc_text

__all__ = ["Layout", "LayoutTokenizer", "align_words", "clean_layout", "create_layout_tokenizer",
           "doc_layout", "doc_text"]
