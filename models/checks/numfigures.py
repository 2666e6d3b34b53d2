"""The typed figure model every newer numeric rule reads: one pass per draft, cached.

`figures(norm)` wraps each Quantity of numparse (value in base units, rounding interval, unit,
hedges) with what the sentence says about it:
  measure  the measure word as written (件, 户, 亿元 -> 元 is the unit, 亿 the magnitude)
  period   the nearest period phrase before it in its sentence (1—6月, 一季度, 全年, 2024年)
  subject  the administrative level it belongs to (村 < 镇 < 县 < 市 < 省), '' when unknown
  role     total (共/合计…, or followed by 其中), part (after 其中), share (占/率 …%),
           growth (增长/下降 …), base (上年同期为/比上年的 …), amount otherwise.
Chinese numerals are read with cn2an (numparse.cn_int) where a rule needs them (counts of
items, 六分之一); the Arabic figures that carry the arithmetic are parsed by numparse's one
regex, which also keeps spans, rounding and hedges that cn2an does not give.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal, NamedTuple, TypeVar

from models.checks.numparse import Finding, Quantity, finding, fmt, scan

T = TypeVar("T")

Role = Literal["total", "part", "share", "growth", "base", "amount"]

# 2024年3月, 1—6月, 一季度, 上半年, 全年 ... It opens on one class of every alternative's
# first character (each re-reads it in a look-behind), so the engine skips in C to those.
_MONTHS = r"[0-9]{1,2}(?:[—～\-至][0-9]{1,2})?月"
_PERIOD = re.compile(
    r"[0-9一二三四上下全今去](?:"
    rf"(?<=1)9[0-9]{{2}}年(?:{_MONTHS})?|(?<=2)0[0-9]{{2}}年(?:{_MONTHS})?"
    r"|(?<=[0-9])[0-9]?(?:[—～\-至][0-9]{1,2})?月"
    r"|(?<=[一二三四1-4])季度|(?<=[上下])半年|(?<=[全今去上])年)"
)
# levels: 1 村/社区, 2 乡镇/街道 and their institutions, 3 县/区, 4 市, 5 省. Every alternative
# opens on a literal (look-behinds come after the character they guard), so the regex engine
# skips to the characters that can start one; the level is read off the matched text.
_SUBJECT = re.compile(
    r"行政村|社区|村集体|村级|村委会?|村(?<![农乡城]村)(?=[集里内民])"
    r"|乡镇|街道|卫生院|镇(?!压|静|守|痛)|乡(?<!城乡)(?![村土亲情愁])"
    r"|县|区(?![域间块别分])|市(?![场民值容政])|州|省|自治区"
)
_LEVEL_OF = {
    **dict.fromkeys(("行政村", "社区", "村集体", "村级", "村委", "村委会", "村"), 1),
    **dict.fromkeys(("乡镇", "街道", "卫生院", "镇", "乡"), 2),
    **dict.fromkeys(("县", "区"), 3),
    **dict.fromkeys(("市", "州"), 4),
    **dict.fromkeys(("省", "自治区"), 5),
}
_TOTAL_LEAD = re.compile(r"(?:共|合计|共计|总计|累计|总)[^，,。；;0-9]{0,8}$")
_SHARE_LEAD = re.compile(r"(?:占|率|比重|比例|占比)[^，,。；;0-9]{0,10}$")
_GROWTH_LEAD = re.compile(r"(?:增长|下降|增加|减少|提高|降低|上升|回落)了?$")
_BASE_LEAD = re.compile(r"(?:上年同期|去年同期|上年|去年|比[^，,。；;0-9]{0,8}的)(?:为|是)?$")


class Placed(NamedTuple):
    """A figure and its sentence: all that the share checks (numshares) read besides the role
    of a few, so they skip the model's period and level passes and the other roles."""

    q: Quantity
    sentence: tuple[int, int]


class Figure(NamedTuple):  # a NamedTuple, like Quantity: ~40 per draft, cheap to build
    q: Quantity
    measure: str
    period: str
    subject: int  # 0 unknown, 1 村 … 5 省
    role: Role
    sentence: tuple[int, int]


# a character every match of the lead holds: where none is, the regex is not run
_BASE_CHARS = frozenset("年比")
_TOTAL_CHARS = frozenset("共计总")


def _percent_role(before: str) -> Role | None:
    """growth or share for a % figure by the words just before it; None for neither."""
    if _GROWTH_LEAD.search(before):
        return "growth"
    if _SHARE_LEAD.search(before):
        return "share"
    return None


def _role(norm: str, q: Quantity, s: int, part_from: int) -> Role:
    """`part_from`: where the sentence's first 其中 ends (-1 when it has none)."""
    before = norm[max(s, q.start - 12) : q.start]
    if q.unit == "%" and (role := _percent_role(before)) is not None:
        return role
    if not _BASE_CHARS.isdisjoint(before) and _BASE_LEAD.search(before):
        return "base"
    if (not _TOTAL_CHARS.isdisjoint(before) and _TOTAL_LEAD.search(before)) or norm.startswith(
        ("，其中", ",其中"), q.end
    ):
        return "total"
    if 0 <= part_from <= q.start:
        return "part"
    return "amount"


def is_share(norm: str, p: Placed) -> bool:
    """figure.role == "share", for one figure, without the rest of the model."""
    q = p.q
    return (
        q.unit == "%" and _percent_role(norm[max(p.sentence[0], q.start - 12) : q.start]) == "share"
    )


class _Subjects:
    """Levels named in one sentence; `at(pos)` walks forward (figures come in order).

    The highest level named as the whole (全县, 全市) before `pos`, else the nearest one. The
    marks come from one pass over the text, so a long sentence stays linear (a scan per figure
    was quadratic).
    """

    def __init__(self, marks: list[tuple[int, int, bool]]) -> None:
        self.marks = marks  # (end, level, named as the whole) of each level named
        self.i, self.nearest, self.whole = 0, 0, 0

    def at(self, pos: int) -> int:
        while self.i < len(self.marks) and self.marks[self.i][0] <= pos:
            _, level, whole = self.marks[self.i]
            self.nearest = level
            if whole:
                self.whole = max(self.whole, level)
            self.i += 1
        return max(self.nearest, self.whole)


def _in_sentences(
    marks: list[tuple[int, int, T]], spans: tuple[tuple[int, int], ...]
) -> list[list[tuple[int, int, T]]]:
    """Marks (start, end, ...) of one pass over the text, put in their sentences. None crosses
    a sentence end, so each sentence gets what a pass over it alone would find."""
    out: list[list[tuple[int, int, T]]] = [[] for _ in spans]
    i = 0
    for mark in marks:
        while spans[i][1] <= mark[0]:
            i += 1
        out[i].append(mark)
    return out


def _levels(norm: str) -> list[tuple[int, int, tuple[int, bool]]]:
    """(start, end, (level, named as the whole)) of each level named in the text."""
    return [
        (m.start(), m.end(), (_LEVEL_OF[m.group()], norm[m.start() - 1 : m.start()] == "全"))
        for m in _SUBJECT.finditer(norm)
    ]


@lru_cache(maxsize=16)
def figures(norm: str) -> tuple[Figure, ...]:
    sc = scan(norm)
    if not any(sc.quantities):
        return ()
    periods = _in_sentences(
        [(m.start(), m.end(), m.group()) for m in _PERIOD.finditer(norm)], sc.spans
    )
    levels = _in_sentences(_levels(norm), sc.spans)
    out = []
    for n, ((s, e), qs) in enumerate(zip(sc.spans, sc.quantities, strict=True)):
        if not qs:
            continue
        subjects = _Subjects([(end, level, whole) for _, end, (level, whole) in levels[n]])
        sentence_periods = periods[n]
        k, period = 0, ""
        qizhong = norm.find("其中", s, e)
        part_from = qizhong + 2 if qizhong >= 0 else -1
        for q, measure in zip(qs, sc.measures[n], strict=True):
            while k < len(sentence_periods) and sentence_periods[k][1] <= q.start:
                period = sentence_periods[k][2]
                k += 1
            out.append(
                Figure(
                    q, measure, period, subjects.at(q.start), _role(norm, q, s, part_from), (s, e)
                )
            )
    return tuple(out)


@lru_cache(maxsize=16)
def placed(norm: str) -> tuple[Placed, ...]:
    """Each figure of `figures(norm)` with its sentence, in the same order."""
    sc = scan(norm)
    return tuple(
        Placed(q, span) for span, qs in zip(sc.spans, sc.quantities, strict=True) for q in qs
    )


# --- magnitude plausibility -------------------------------------------------------------------

# The most money one item at each level plausibly involves (yuan): a village's income or
# project, a township's clinic or road, a county's, a city's, a province's.
_MONEY_CAP = {1: 5e8, 2: 2e10, 3: 5e11, 4: 5e12, 5: 2e13}
_ANY_CAP = 2e14  # beyond any subject: more than China's GDP
_LEAST_CAP = min(*_MONEY_CAP.values(), _ANY_CAP)
_LEVEL = {1: "村（社区）", 2: "乡镇（街道）", 3: "县（区）", 4: "市", 5: "省"}


def _implausible(q: Quantity, subject: int) -> Finding | None:
    if q.unit != "元" or q.ordinal:
        return None
    cap = _MONEY_CAP.get(subject, _ANY_CAP)
    if q.value <= cap:
        return None
    level = _LEVEL.get(subject, "任何地方")
    return finding("implausible", q.start, q.end, value=fmt(q.value) + "元", level=level)


@lru_cache(maxsize=16)
def findings(norm: str) -> tuple[Finding, ...]:
    """Sums beyond what their subject plausibly spends. Only a sum beyond the least cap can
    be one, so only those sums get their subject (as `figures` gives it: from the levels
    named in their sentence), not the whole model."""
    if "亿" not in norm:
        return ()
    big = [p for p in placed(norm) if p.q.unit == "元" and p.q.value > _LEAST_CAP]
    if not big:
        return ()
    levels = _levels(norm)
    out = []
    for p in big:
        s, e = p.sentence
        marks = [(end, level, whole) for start, end, (level, whole) in levels if s <= start < e]
        if (hit := _implausible(p.q, _Subjects(marks).at(p.q.start))) is not None:
            out.append(hit)
    return tuple(out)
