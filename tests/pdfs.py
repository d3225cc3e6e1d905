"""Reading the text of PDFs the portal makes, to assert what a person would read."""

import io

from pypdf import PdfReader


def pdf_text(data: bytes) -> str:
    assert data.startswith(b"%PDF"), "not a PDF"
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)
