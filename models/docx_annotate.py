"""Return a .docx with a Word comment at each flag (python-docx comments).

Offsets in the report are offsets into the title/body that `models.files` extracted; this module
walks the document the same way to map them back onto paragraphs, splits runs at the flag's edges
and anchors a comment on exactly the flagged characters.
"""

from __future__ import annotations

import copy
import io
from dataclasses import dataclass

import docx
from docx.document import Document as DocxDocument
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from models.files import looks_like_title
from models.report import KIND_NAMES, Flag

AUTHOR = "govbrief"


@dataclass
class _Block:
    paragraph: Paragraph | None  # None: a table row (flags there get no comment)
    text: str  # stripped, as models.files reads it
    lead: int  # characters stripped from the front


def _style_name(paragraph: Paragraph | None) -> str:
    style = paragraph.style if paragraph is not None else None
    return (style.name or "") if style is not None else ""


def _blocks(document: DocxDocument) -> list[_Block]:
    out: list[_Block] = []
    for block in document.iter_inner_content():
        if hasattr(block, "rows"):
            for row in block.rows:
                cells = [c.text.strip() for c in row.cells if c.text.strip()]
                if cells:
                    out.append(_Block(None, "　".join(dict.fromkeys(cells)), 0))
        elif block.text.strip():
            raw = block.text
            out.append(_Block(block, raw.strip(), len(raw) - len(raw.lstrip())))
    return out


def _isolate(paragraph: Paragraph, start: int, end: int) -> list[Run]:
    """Split runs so that [start, end) of the paragraph's text is covered by whole runs."""
    runs = paragraph.runs
    if "".join(r.text for r in runs) != paragraph.text:
        return []  # hyperlinks or fields: leave the paragraph as it is
    pos, covered = 0, []
    for run in runs:
        text = run.text
        r_start, r_end = pos, pos + len(text)
        pos = r_end
        if r_end <= start or r_start >= end or not text:
            continue
        cut_a, cut_b = max(start, r_start) - r_start, min(end, r_end) - r_start
        if cut_b < len(text):
            tail = copy.deepcopy(run._r)
            run._r.addnext(tail)
            Run(tail, paragraph).text = text[cut_b:]
            run.text = text[:cut_b]
        if cut_a > 0:
            middle = copy.deepcopy(run._r)
            run._r.addnext(middle)
            Run(middle, paragraph).text = run.text[cut_a:]
            run.text = run.text[:cut_a]
            covered.append(Run(middle, paragraph))
        else:
            covered.append(run)
    return covered


def _comment_text(flag: Flag) -> str:
    fix = f"\n建议：{flag.suggestion}" if flag.suggestion else ""
    return f"【{KIND_NAMES.get(flag.kind, flag.kind)}】{flag.message}{fix}（{flag.rule}）"


def annotate(data: bytes | None, title: str, body: str, flags: list[Flag]) -> bytes:
    """Comment every flag on the uploaded document, or on a new one made from the text."""
    if data is None:
        document = docx.Document()
        if title:
            document.add_heading(title, 1)
        for line in body.split("\n"):
            if line.strip():
                document.add_paragraph(line.strip())
    else:
        document = docx.Document(io.BytesIO(data))
    blocks = _blocks(document)
    has_title = (
        bool(blocks)
        and bool(title)
        and blocks[0].text == title
        and looks_like_title(
            _style_name(blocks[0].paragraph),
            blocks[0].text,
            len(blocks) > 1,
        )
    )
    title_block = blocks[0] if has_title else None
    body_blocks = blocks[1:] if has_title else blocks
    starts, pos = [], 0
    for b in body_blocks:
        starts.append(pos)
        pos += len(b.text) + 1
    for flag in sorted(flags, key=lambda f: (f.field, -f.start)):
        if flag.field == "title":
            target, offset = title_block, 0
        else:
            index = max((i for i, s in enumerate(starts) if s <= flag.start), default=None)
            if index is None:
                continue
            target, offset = body_blocks[index], starts[index]
        if target is None or target.paragraph is None:
            continue
        s = flag.start - offset + target.lead
        e = min(flag.end - offset, len(target.text)) + target.lead
        runs = _isolate(target.paragraph, s, e)
        if runs:
            document.add_comment(runs, text=_comment_text(flag), author=AUTHOR, initials="GB")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
