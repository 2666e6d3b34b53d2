"""Numbered items: gaps and repeats in a series, and announced counts against the list.

Series, from the outside in: 一、 and 1. at the start of a paragraph, （一） anywhere but in a
reference (第（二）项), （1） and 第一， at the start of a sentence, then the inline 一是… A
marker resets every series inside it, so each section's 一是 list starts afresh. Page
numbers pasted in from a web page (…仍需提\n7、升。) are recognised and left out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from models.checks.numparse import Finding, finding, last_mark, number_value

_CN = "一二三四五六七八九十"
# One scan; the context each level needs (line start, sentence start, the character before)
# is checked in Python. The pattern opens on one class of every branch's first character
# (each branch re-reads it in a look-behind), so the regex engine skips in C to those.
_MARKERS = re.compile(
    rf"[{_CN}（(0-9第](?:"
    rf"(?<=[{_CN}])[{_CN}]{{0,2}}(?:(?P<l1>、)|(?P<l5>是|要(?![素件点求领]))(?!一[，,]))"
    rf"|(?<=[（(])(?:(?P<n2>[{_CN}]{{1,3}})|(?P<n4>[0-9]{{1,2}}))[）)]"
    r"|(?<=[0-9])[0-9]?(?P<l3>[.、])(?![0-9])"
    rf"|(?<=第)(?P<n6>[{_CN}]{{1,3}})[，,、：:])"
)
_NOT_BEFORE_IS = frozenset(
    f"统唯之第其同专万单归划合逐如初周期年月日号再这哪百千零〇两不总也还就都即又便则每任某{_CN}"
)
_NOT_BEFORE_PAREN = frozenset("第条款项表图件见之按照据和与及、（(0123456789") | frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
)
_SENTENCE_START = frozenset("\n。；;：:")
_LEVELS = 6
_ANNOUNCE = re.compile(
    r"[两二三四五六七八九十2-9](?<![第0-9一二三四五六七八九十][两二三四五六七八九十2-9])"
    r"(?P<what>(?:个|项|条|点|大|种|类|方面|句)?"
    r"(?:方面|举措|措施|问题|意见|建议|机制|环节|关键|特点|做法|经验|原因|困难|短板|不足|任务|重点|"
    r"难题|风险|变化|成效|亮点|对策|途径|路径|办法|原则|目标|要求|制度|领域|渠道|模式|特征|难点|"
    r"堵点|痛点|强化|突出|坚持|贴近|并重|聚焦|结合|到位|抓手))"
)
_LIST_START_WITHIN = 80
_MEASURES = re.compile(r"举措|措施|做法|强化|突出|坚持|贴近|聚焦|抓手|机制|环节")


@dataclass(frozen=True, slots=True)
class Marker:
    level: int  # 1..6 as in _MARKERS
    n: int
    start: int
    end: int


_CJK = re.compile(r"[\u4e00-\u9fff]")


def _mid_sentence(norm: str, start: int) -> bool:
    """A 'paragraph' that goes on with the sentence before it (…仍需提\n7、升。): a page
    number or a line break pasted in from a web page, not a heading."""
    j = start - 1
    while j >= 0 and norm[j].isspace():
        j -= 1
    if j < 0 or not _CJK.match(norm[j]):
        return False
    para = norm[last_mark(norm, "\n", j) + 1 : j + 1]
    return len(para) > 30


def _before(norm: str, start: int) -> str:
    """The character before `start`, skipping spaces and tabs ('' at the start of the text)."""
    j = start - 1
    while j >= 0 and norm[j] in " \t　":
        j -= 1
    return norm[j] if j >= 0 else ""


def _marker(m: re.Match[str], norm: str) -> Marker | None:
    start, before = m.start(), _before(norm, m.start())
    if m["l1"] or m["l5"]:
        level = 1 if m["l1"] else 5
        ok = before in ("", "\n") if level == 1 else before not in _NOT_BEFORE_IS
        text = m.group(0)[:-1]
    elif m["n2"] or m["n4"]:
        level = 2 if m["n2"] else 4
        ok = (
            before not in _NOT_BEFORE_PAREN
            if level == 2
            else before in _SENTENCE_START or not before
        )
        text = m["n2"] or m["n4"]
    elif m["l3"]:
        level, ok, text = 3, before in ("", "\n"), m.group(0)[:-1]
    else:
        level, ok, text = 6, before in _SENTENCE_START or not before, m["n6"]
    n = number_value(text) if ok else None
    return Marker(level, n, start, m.end()) if n is not None else None


@lru_cache(maxsize=16)
def markers(norm: str) -> tuple[Marker, ...]:
    """The text's list markers, read once (the body's serve its own findings and the title's)."""
    out, page_like = [], []
    for m in _MARKERS.finditer(norm):
        mk = _marker(m, norm)
        if mk is None:
            continue
        if mk.level == 3:
            page_like.append((mk, _mid_sentence(norm, mk.start)))
        out.append(mk)
    # 1、…7、 where most lines go on with the sentence before: page numbers, not a list
    if len(page_like) >= 3 and sum(mid for _, mid in page_like) * 2 >= len(page_like):
        out = [mk for mk in out if mk.level != 3]
    return tuple(out)


def _resets(level: int) -> range:
    """Series a marker of this level closes: every series inside it (inline ones always)."""
    if level <= 4:
        return range(level + 1, _LEVELS + 1)
    return range(0)


@dataclass(frozen=True, slots=True)
class Series:
    level: int
    items: tuple[Marker, ...]


def series(marks: Sequence[Marker]) -> list[Series]:
    """Group markers into series: a series ends when a marker outside it resets it or at 一."""
    open_: dict[int, list[Marker]] = {}
    done: list[Series] = []
    for mk in marks:
        for lv in _resets(mk.level):
            if lv in open_:
                done.append(Series(lv, tuple(open_.pop(lv))))
        current = open_.get(mk.level)
        if current and mk.n == 1:
            done.append(Series(mk.level, tuple(current)))
            current = None
        if current is None:
            open_[mk.level] = [mk]
        else:
            current.append(mk)
    done.extend(Series(lv, tuple(items)) for lv, items in open_.items())
    return sorted(done, key=lambda s: s.items[0].start)


def _gaps(all_series: list[Series]) -> list[Finding]:
    """Gaps and repeats. The first series of a level may start at 二/三 when the text is an
    excerpt that starts mid-list: its first item is not a gap."""
    out = []
    seen: set[int] = set()
    for s in all_series:
        last = 0
        if s.level not in seen and s.items[0].n > 1:
            last = s.items[0].n - 1
        seen.add(s.level)
        for mk in s.items:
            if mk.n == last + 1:
                pass
            elif mk.n <= last:
                out.append(finding("repeat", mk.start, mk.end, n=mk.n, last=last))
            else:  # a gap, or a list that starts at 二/三
                out.append(finding("gap", mk.start, mk.end, n=mk.n, expected=last + 1))
            last = mk.n
    return out


def _counts(norm: str, all_series: list[Series]) -> list[Finding]:
    out = []
    for m in _ANNOUNCE.finditer(norm):
        n = number_value(m.group(0)[0].replace("两", "二"))
        follow = next((s for s in all_series if s.items[0].start >= m.end()), None)
        if n is None or follow is None or follow.items[0].n != 1:
            continue
        if follow.items[0].start - m.end() > _LIST_START_WITHIN:
            continue
        if _another_announcement_between(norm, m.end(), follow.items[0].start):
            continue
        listed = len(follow.items)
        if listed >= 2 and listed != n and follow.items[-1].n == listed:
            out.append(finding("count", m.start(), m.end(), announced=n, listed=listed))
    return out


def _another_announcement_between(norm: str, start: int, end: int) -> bool:
    return bool(_ANNOUNCE.search(norm, start, end))


@lru_cache(maxsize=16)
def findings(norm: str) -> tuple[Finding, ...]:
    all_series = series(markers(norm))
    return tuple(_gaps(all_series) + _counts(norm, all_series))


@lru_cache(maxsize=16)
def title_findings(title: str, body: str) -> tuple[Finding, ...]:
    """A title's 三举措 against the body's list, when the body has exactly one clean list."""
    m = _ANNOUNCE.search(title)
    if not m or not _MEASURES.search(m["what"]):
        return ()  # 三个堵点 in a title may be followed by four suggestions
    n = number_value(m.group(0)[0].replace("两", "二"))
    all_series = series(markers(body))
    if n is None or len(all_series) != 1:
        return ()
    items = all_series[0].items
    listed = len(items)
    if listed < 2 or items[0].n != 1 or items[-1].n != listed or listed == n:
        return ()
    return (finding("count", m.start(), m.end(), announced=n, listed=listed),)
