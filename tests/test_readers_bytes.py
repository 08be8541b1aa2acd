"""Any bytes under any suffix: a Document or a ValueError naming the file, nothing else."""
from pathlib import Path

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



def test_a_pdf_whose_page_fails_to_load_is_a_read_error():
    """The fuzzer's finding: a PDF that opens but whose page does not load."""
    from oldcomm_ie.readers import ReadError, read_document

    data = (Path(__file__).parent / "fixtures" / "readers" / "damaged_page.pdf").read_bytes()
    with pytest.raises(ReadError, match="damaged.pdf: not a readable PDF"):
        read_document(data, "damaged.pdf")
