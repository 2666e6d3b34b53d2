"""Reading drafts from uploaded files (.txt / .docx), with guards against broken files and zip bombs.

Pure functions of bytes: no web, no database. Errors are FileError with a stable code.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from docx import Document as open_docx

MAX_ZIP_ENTRIES = 2000
MAX_RATIO = 200  # uncompressed / compressed, per entry


class FileError(ValueError):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Draft:
    title: str
    body: str


def read_txt(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FileError("not_utf8", "文件不是 UTF-8 编码，请另存为 UTF-8 后再上传") from exc


_PROLOG_BYTES = 4096  # a DTD must come before the root element: the head of a part holds it


def _guard_zip(data: bytes, max_uncompressed: int) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise FileError("broken_docx", "文件已损坏或不是 Word 文档（.docx）") from exc
    infos = archive.infolist()
    if len(infos) > MAX_ZIP_ENTRIES:
        raise FileError("docx_too_complex", "Word 文档结构异常（条目过多）")
    total = 0
    for info in infos:
        total += info.file_size
        if info.compress_size and info.file_size / info.compress_size > MAX_RATIO:
            raise FileError("zip_bomb", "Word 文档压缩比异常，已拒绝处理")
        if total > max_uncompressed:
            raise FileError("docx_too_large", "Word 文档解压后过大")
    if "word/document.xml" not in {i.filename for i in infos}:
        raise FileError("broken_docx", "文件不是有效的 Word 文档（.docx）")
    if any(i.filename.lower().endswith("vbaproject.bin") for i in infos):
        raise FileError("docx_macro", "文档含有宏，请另存为不含宏的 Word 文档（.docx）后再上传")
    for info in infos:  # Word never writes a DTD; one in a part can only be an entity attack
        if info.filename.lower().endswith((".xml", ".rels")):
            with archive.open(info) as part:
                head = part.read(_PROLOG_BYTES)
            if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                raise FileError(
                    "docx_unsafe", "Word 文档含有不允许的 XML 声明（DTD/实体），已拒绝处理"
                )


def docx_paragraphs(data: bytes, max_uncompressed: int = 50 * 1024 * 1024) -> list[tuple[str, str]]:
    """(style name, text) of every non-empty paragraph, tables included in reading order."""
    _guard_zip(data, max_uncompressed)
    try:
        document = open_docx(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds on malformed XML
        raise FileError("broken_docx", "Word 文档无法读取，文件可能已损坏") from exc
    out: list[tuple[str, str]] = []
    for block in document.iter_inner_content():
        if hasattr(block, "rows"):
            for row in block.rows:
                cells = [c.text.strip() for c in row.cells if c.text.strip()]
                if cells:
                    out.append(("Table", "　".join(dict.fromkeys(cells))))
        elif block.text.strip():
            out.append((block.style.name if block.style is not None else "", block.text.strip()))
    return out


_SALUTATION = ("各", "尊敬的", "亲爱的")


def looks_like_title(style: str, text: str, has_more: bool) -> bool:
    """A Title/Heading style, or a short first line that is not a sentence. A line ending in
    ！ or ： is still a title when it holds no other sentence break and is not a salutation
    (各乡镇、各部门：) — writers end Normal-style titles that way (D14)."""
    if style.lower().startswith(("title", "heading")) or style in {"标题", "标题 1"}:
        return True
    if not has_more or len(text) > 40:
        return False
    if text[-1] not in "。；！？：，.;!?:,":
        return True
    head = text[:-1]
    return (
        text[-1] in "！：!:"
        and len(head) >= 8
        and not any(mark in head for mark in "。；！？：.;!?")
        and not head.startswith(_SALUTATION)
        and not head.endswith("们")
    )


def split_title(paragraphs: list[tuple[str, str]]) -> Draft:
    if not paragraphs:
        raise FileError("empty_body", "文档中没有正文内容")
    style, first = paragraphs[0]
    if looks_like_title(style, first, len(paragraphs) > 1):
        return Draft(first, "\n".join(t for _, t in paragraphs[1:]))
    return Draft("", "\n".join(t for _, t in paragraphs))


def read_draft(filename: str, data: bytes, max_uncompressed: int = 50 * 1024 * 1024) -> Draft:
    name = filename.lower()
    if name.endswith(".docx"):
        return split_title(docx_paragraphs(data, max_uncompressed))
    if name.endswith(".txt"):
        lines = [line.strip() for line in read_txt(data).splitlines() if line.strip()]
        return split_title([("", line) for line in lines])
    raise FileError("unsupported_media_type", "只支持 .txt 和 .docx 文件")
