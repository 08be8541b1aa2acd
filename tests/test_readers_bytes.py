"""Any bytes under any suffix: a Document or a ValueError naming the file, nothing else."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oldcomm_ie.readers import read_document

SUFFIXES = [".txt", ".md", ".html", ".htm", ".pdf", ".docx", ".unknown", ""]
HEADS = [b"", b"%PDF-1.4\n", b"PK\x03\x04", b"<html><body><p>", b"\xef\xbb\xbf", b"\xff\xfe"]


@pytest.mark.parametrize("suffix", SUFFIXES)
@settings(max_examples=60, deadline=None)
@given(head=st.sampled_from(HEADS), tail=st.binary(max_size=300))
def test_any_bytes_read_or_raise_value_error(suffix, head, tail):
    try:
        doc = read_document(head + tail, "f" + suffix)
    except ValueError as exc:
        assert "f" + suffix in str(exc) or "over the limit" in str(exc)
        return
    assert isinstance(doc.text, str) and doc.meta["kind"]
