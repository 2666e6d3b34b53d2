"""Real .docx files made with python-docx, and malformed ones, for upload tests."""

from __future__ import annotations

import io
import zipfile

import docx


def make_docx(title: str, paragraphs: list[str], heading: bool = True) -> bytes:
    document = docx.Document()
    if title:
        document.add_heading(title, 1) if heading else document.add_paragraph(title)
    for p in paragraphs:
        document.add_paragraph(p)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def zip_bomb(size: int = 200 * 1024 * 1024) -> bytes:
    """A .docx-shaped zip whose document.xml inflates to `size` bytes of zeros."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w") as f:
            chunk = b"0" * (1024 * 1024)
            for _ in range(size // len(chunk)):
                f.write(chunk)
    return buf.getvalue()
