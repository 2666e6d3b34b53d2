"""Normalization that keeps offsets, paragraphs, sentences and tokens: built ONCE per draft.

The normalized copy has exactly the same length as the original (a 1:1 character map), so
every offset found in it is an offset into the original text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from operator import itemgetter
from typing import Any

from models.report import Field
from models.tokenize import Token, tokenize_spans

# Full-width digits, letters and number signs -> half-width; odd spaces -> space; CR -> LF;
# tilde variants -> ～. Chinese punctuation （，；：！？） is kept: rules are written with it.
_WIDE = (
    "０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ"
    "ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ％＋－．＠＿＃＊／＝"
)
_MAP = {ord(c): ord(c) - 0xFEE0 for c in _WIDE}
_MAP.update({0x3000: 0x20, 0x00A0: 0x20, 0x0D: 0x0A, ord("〜"): ord("～"), ord("~"): ord("～")})

_SENTENCE_END = re.compile(r"[^。！？!?；;\n]*(?:[。！？!?；;]+[”’」』）)]*|\n|$)")

Span = tuple[int, int]


_TO = {chr(k): chr(v) for k, v in _MAP.items()}
_MAPPED = re.compile("[" + re.escape("".join(_TO)) + "]")


def normalize(text: str) -> str:
    """The 1:1 map above. A regex finds the characters to map: the usual draft has none, and
    str.translate's lookup per character cost 0.1 ms a draft (5 s for 50,000 in retraining)."""
    out = _MAPPED.sub(lambda m: _TO[m.group()], text)
    assert len(out) == len(text)
    return out


def _paragraphs(norm: str) -> list[Span]:
    spans, start = [], 0
    for line in norm.split("\n"):
        end = start + len(line)
        lead = len(line) - len(line.lstrip())
        trail = len(line.rstrip())
        if line.strip():
            spans.append((start + lead, start + trail))
        start = end + 1
    return spans


def _sentences(norm: str, paragraphs: list[Span]) -> list[Span]:
    spans = []
    for p_start, p_end in paragraphs:
        for m in _SENTENCE_END.finditer(norm, p_start, p_end):
            s, e = m.span()
            while s < e and norm[s].isspace():
                s += 1
            while e > s and norm[e - 1].isspace():
                e -= 1
            if e > s:
                spans.append((s, e))
    return spans


@dataclass(frozen=True)
class FieldText:
    """One field (title or body): original text, normalized copy, structure."""

    name: Field
    text: str

    @cached_property
    def norm(self) -> str:
        return normalize(self.text)

    @cached_property
    def chars(self) -> frozenset[str]:
        """The characters of the normalized text (models.rules.prefilter skips rules by it)."""
        return frozenset(self.norm)

    @cached_property
    def paragraphs(self) -> list[Span]:
        return _paragraphs(self.norm)

    @cached_property
    def sentences(self) -> list[Span]:
        return _sentences(self.norm, self.paragraphs)

    @cached_property
    def tokens(self) -> list[Token]:
        return tokenize_spans(self.norm) if self.norm.strip() else []

    @property
    def words(self) -> list[str]:
        return list(map(itemgetter(0), self.tokens))


@dataclass(frozen=True)
class Document:
    title: FieldText
    body: FieldText
    # analyses of this draft that several checks read (the headline writer's lead), by name
    memo: dict[str, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)

    @classmethod
    def from_text(cls, title: str, body: str) -> Document:
        return cls(FieldText("title", title or ""), FieldText("body", body or ""))

    def field(self, name: str) -> FieldText:
        return self.title if name == "title" else self.body


_TITLE_REACH = 80  # a book title or document number is shorter than this


def in_title(norm: str, pos: int) -> bool:
    """Is `pos` inside 《…》 or right in a document number (某发〔2021〕 / 某字(2021-5))?"""
    opened = norm.rfind("《", max(0, pos - _TITLE_REACH), pos)
    if opened >= 0 and norm.find("》", opened, pos) < 0:
        return True
    return norm[max(0, pos - 2) : pos].endswith(("〔", "发(", "字(", "号(", "发（", "字（"))
