"""The draft as a headline writer reads it: furniture out, then sentences cut into clauses.

Stripped before analysis: page furniture (来源/发布时间/浏览次数/责任编辑 …), 批示/呈送 and
报送 lines, issue headers, and the dateline or byline at the start (本报讯(记者 …), XX网讯,
X月X日电, …融媒体中心X月X日讯). Tokens are the Document's own (no second segmentation).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

from models.text import Document

_FURNITURE = re.compile(
    r"(来源[:：]|发布时间|发布日期|浏览次数|阅读次数|点击数|点击量|责任编辑|编辑[:：]|作者[:：]|"
    r"审核[:：]|签发[:：]|字号|打印本页|关闭窗口|分享到|【|】|第\s*[0-9一二三四五六七八九十]+\s*期|"
    r"总第\s*[0-9]+\s*期)"
)
_ROUTING = re.compile(r"(批示|呈送|呈报|呈阅|报送[:：]|抄送|送[:：]|报[:：]|请将此件|此件)")
_DATELINE = re.compile(
    # who told the reporter (据某台消息 / 记者5月12日从某局获悉，): the news follows
    r"^据[^，。,]{2,16}?(?:消息|报道)\s*[，,]?\s*"
    r"|^(?:本报)?记者[^，。,]{0,24}?(?:获悉|了解到)[，,]\s*"
    r"|^.{0,24}?(?:讯|电(?!视)|报道)\s*(?:[(（][^)）]{0,24}[)）])?\s*"
    r"|^\s*[(（](?:记者|通讯员)[^)）]{0,24}[)）]\s*"
)
_DATELINE_HINT = re.compile(r"(本报讯|网讯|日讯|日电|讯[(（]|记者|通讯员|融媒体中心|报道|消息)")
_REPORT_LINE = re.compile(r"(现将.{0,16}(报告|汇报|报送)如下|具体情况如下|情况如下)")
# a full stop typed as "." between Chinese words (…集中整治.一是…) ends a clause too
_CLAUSE_BREAK = re.compile(r"(?:[，,；;：:！？!?。\s]|(?<=[\u4e00-\u9fa5”\"）)])\.(?![0-9]))+")
# the same without the "." branch, for a sentence with no "." (most: 3x faster a sentence)
# one mark, then any more: the pattern opens with a class, so the engine skips to the marks
_PLAIN_BREAK = re.compile(r"[，,；;：:！？!?。\s][，,；;：:！？!?。\s]*")

Span = tuple[int, int]


@dataclass(frozen=True)
class Clause:
    text: str
    words: tuple[str, ...]
    sentence: int  # index among the kept sentences


@dataclass(frozen=True)
class Lead:
    text: str  # the kept body, paragraphs joined by "\n"
    sentences: tuple[str, ...]
    clauses: tuple[Clause, ...]
    source: str = ""  # the publishing unit a furniture line names (来源：某县信访局)
    # what several headline forms read off this lead (acting clauses per subject), computed once
    memo: dict[Any, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)


# a byline alone on its line (记者 某某  通讯员 某某, 本报见习记者 某某)
_BYLINE = re.compile(
    r"^(?:[\u4e00-\u9fa5]{0,4}?(?:记者|通讯员|员|摄影|摄)\s*[:：]?\s*[\u4e00-\u9fa5]{2,4}\s*)+$"
)


def _is_furniture(line: str) -> bool:
    if len(line) <= 30 and ("记者" in line or "通讯员" in line) and _BYLINE.match(line.strip()):
        return True
    if len(line) <= 60 and _FURNITURE.search(line):
        return True
    return len(line) <= 80 and bool(_ROUTING.search(line[:12]))


_SOURCE = re.compile(r"来源[:：]\s*([\u4e00-\u9fa5]{3,24})")


def _source(doc: Document) -> str:
    """The publisher a furniture line names (来源：某县信访局), "" when none."""
    norm = doc.body.norm
    for start, end in doc.body.paragraphs[:6]:
        line = norm[start:end]
        m = _SOURCE.search(line)
        if m and _is_furniture(line):
            return m.group(1)
    return ""


def _kept_spans(doc: Document) -> list[Span]:
    norm = doc.body.norm
    spans: list[Span] = []
    for start, end in doc.body.paragraphs:
        line = norm[start:end]
        if _is_furniture(line):
            continue
        if not spans and _DATELINE_HINT.search(line[:40]):
            m = _DATELINE.match(line)
            if m and m.end() < len(line):
                start += m.end()
        spans.append((start, end))
    return spans


def read_lead(doc: Document, max_sentences: int = 12) -> Lead:
    """The lead, read once per draft (every headline form starts from it)."""
    key = f"lead:{max_sentences}"
    lead: Lead | None = doc.memo.get(key)
    if lead is None:
        lead = doc.memo[key] = _read_lead(doc, max_sentences)
    return lead


def _read_lead(doc: Document, max_sentences: int) -> Lead:
    norm = doc.body.norm
    kept = _kept_spans(doc)
    sentences: list[str] = []
    clauses: list[Clause] = []
    all_sentences = doc.body.sentences
    ends = [e for _, e in all_sentences]
    tokens = doc.body.tokens
    t, n_tokens = 0, len(tokens)
    for p_start, p_end in kept:
        if len(sentences) >= max_sentences:
            break  # nothing more is kept: the rest of the draft is not read
        # the sentences that overlap the paragraph (sorted, disjoint: the first ends after it)
        for s_start, s_end in all_sentences[bisect_right(ends, p_start) :]:
            if s_start >= p_end or len(sentences) >= max_sentences:
                break
            s_start = max(s_start, p_start)
            sentence = norm[s_start:s_end]
            if _REPORT_LINE.search(sentence):
                continue
            index = len(sentences)
            sentences.append(sentence)
            pos = s_start
            breaks = _CLAUSE_BREAK if "." in sentence else _PLAIN_BREAK
            for part in breaks.split(sentence):
                at = norm.find(part, pos, s_end) if part else -1
                if at < 0:
                    continue
                pos = at + len(part)
                # clauses come in text order: the first token at `at` or later is found by
                # walking on from the last clause's, not by a new search
                while t < n_tokens and tokens[t][1] < at:
                    t += 1
                # its tokens: those from there that end inside it (at most one a character)
                end, last = t, min(t + len(part), n_tokens)
                while end < last and tokens[end][2] <= pos:
                    end += 1
                words = tuple([token[0] for token in tokens[t:end]])
                clauses.append(Clause(part, words, index))
    text = "\n".join(norm[s:e] for s, e in kept)
    return Lead(text, tuple(sentences), tuple(clauses), _source(doc))
