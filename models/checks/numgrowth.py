"""Growth statements against their own figures (RULES.md NUM-13, NUM-14, NUM-15, NUM-28).

Three shapes give a base A and a new value B: 由A增至B; B，比上年的A增长…; B，比上年增加D
(so A = B − D). The change stated right after them (增长C%, 增加D, 提高C个百分点, 增长N倍,
增长到N倍, 翻一番) is recomputed from A and B with both figures' rounding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from models.checks.numparse import (
    Finding,
    Quantity,
    Sentence,
    cn_int,
    finding,
    fmt,
    index_at,
    overlaps,
    parse,
)

_UP = "增长|增加|提高|提升|上升|扩大|跃升|攀升|延长|净增|增|升"
_DOWN = "下降|减少|降低|缩短|缩小|压缩|缩减|压减|精简|回落|下滑|减|降"
_UP_SET = frozenset(_UP.split("|"))
_VERB = f"{_UP}|{_DOWN}"

_FROM = re.compile(r"[由从]")
_COMPARES = re.compile(r"由|从|比|较|上年|去年|年初")  # literal openings: the engine skips ahead
_TO = re.compile(
    rf"[^，,。；;0-9]{{0,12}}?(?P<verb>{_VERB}|变|调整)了?(?:到|至|为)[^，,。；;]{{0,14}}$"
)
_BASE_LEAD = re.compile(
    r"(?:(?:比|较)[^，,。；;]{0,12}的|(?:上年同期|去年同期|上年|去年|上年末|年初|改造前|整治前)(?:为|是))$"
)
_DELTA_LEAD = re.compile(rf"(?:比|较)[^，,。；;0-9的]{{0,8}}?(?P<verb>{_VERB})了?$")
_STATEMENT = re.compile(
    rf"[，,]?\s*(?:同比|环比)?(?P<avg>年均|平均)?(?:(?P<verb>{_VERB})(?P<le>了)?(?P<dao>到|至|为)?"
    r"(?:达到|达|为)?|(?P<rate>增幅|增速|降幅)(?:为|达到|达)?)"
    r"(?:(?P<cn>[一二两三四五六七八九十]+)倍)?"
)
_DOUBLING = re.compile(r"[，,]?\s*(?P<all>(?:实现)?翻了?(?P<n>一|两|三)?番)")
_PP_ANYWHERE = re.compile(
    r"(?:增长|增加|提高|下降|减少|降低|上升|提升|回落|扩大|缩小)了?(?:近|约)?[0-9.]+个?百分点"
)
_RATE_WORDS = re.compile(
    r"%|率|比重|比例|占比|份额|增速|增幅|降幅|百分比|指数|水平|幅度|速度|贡献|比值"
)
_ABSOLUTE_WORDS = re.compile(
    r"产量|产值|金额|收入|人数|数量|销售额|营业额|投资额|总额|总量|户数|面积|资金|用量|规模|客流|件数|"
    r"人次|游客|接待|客运量|货运量|交易额|成交额|业务量|件量|访问量"
)


@dataclass(frozen=True, slots=True)
class Pair:
    base: Quantity
    new: Quantity
    verb: str  # the verb of 由A增至B, '' for the other shapes
    unit: str


def _next_amount(sent: Sentence, pos: int, limit: int) -> Quantity | None:
    """The first figure that is not a date within `limit` characters after `pos`."""
    qs = sent.quantities
    for i in range(index_at(sent, pos), len(qs)):
        q = qs[i]
        if q.start - pos > limit:
            return None
        if not q.ordinal:
            return q
    return None


def _from_to(norm: str, sent: Sentence) -> list[tuple[Pair, int]]:
    pairs = []
    for m in _FROM.finditer(norm, sent.start, sent.end):
        a = _next_amount(sent, m.end(), 14)
        if a is None or re.search(r"[，,。；;]", norm[m.end() : a.start]):
            continue
        b = _next_amount(sent, a.end, 24)
        if b is None:
            continue
        to = _TO.match(norm, a.end, b.start)
        if not to or (a.unit and a.unit != b.unit):
            continue
        pairs.append((Pair(a, b, to["verb"], b.unit), b.end))
    return pairs


def _with_base(norm: str, qs: tuple[Quantity, ...]) -> list[tuple[Pair, int]]:
    """B，比上年的A…  and  B，比上年增加D (A = B − D)."""
    pairs = []
    for i, q in enumerate(qs):
        if q.ordinal or i == 0:
            continue
        base = _BASE_LEAD.search(norm, max(0, q.start - 16), q.start)
        delta = None if base else _DELTA_LEAD.search(norm, max(0, q.start - 14), q.start)
        lead = base or delta
        if lead is None:
            continue
        new = next((qs[j] for j in range(i - 1, max(-1, i - 4), -1) if not qs[j].ordinal), None)
        if (
            new is None
            or new.unit != q.unit
            or norm[new.end : lead.start()].strip("，, 同比") != ""
        ):
            continue
        if base:
            pairs.append((Pair(q, new, "", q.unit), q.end))
        elif not q.hedged and not new.hedged:
            sign = 1 if delta["verb"] in _UP_SET else -1  # type: ignore[index]
            value = new.value - sign * q.value
            implied = Quantity(q.start, q.start, value, new.tol + q.tol, q.unit, False, False)
            pairs.append((Pair(implied, new, "", q.unit), q.end))
    return pairs


def _direction(pair: Pair) -> Finding | None:
    a, b = pair.base, pair.new
    if not pair.verb or pair.verb in ("变", "调整") or a.hedged or b.hedged:
        return None
    up = pair.verb in _UP_SET
    if (up and b.hi() < a.lo()) or (not up and b.lo() > a.hi()):
        values = {"verb": pair.verb, "a": fmt(a.value) + a.unit, "b": fmt(b.value) + b.unit}
        return finding("direction", a.start, b.end, **values)
    return None


def _statements(norm: str, sent: Sentence, pair: Pair, pos: int) -> list[Finding]:
    out = []
    for _ in range(2):
        doubling = _DOUBLING.match(norm, pos)
        if doubling:
            factor = {"一": 2, "两": 4, "三": 8}[doubling["n"] or "一"]
            out.extend(
                _times(pair, factor, 0.1 * factor, doubling.start("all"), doubling.end(), True)
            )
            break
        m = _STATEMENT.match(norm, pos)
        if not m or (m.end() == pos):
            break
        if m["avg"]:
            break
        hit, pos = _one_statement(sent, pair, m)
        out.extend(hit)
        if pos < 0:
            break
    return out


def _one_statement(sent: Sentence, pair: Pair, m: re.Match[str]) -> tuple[list[Finding], int]:
    up = (m["verb"] in _UP_SET) if m["verb"] else m["rate"] != "降幅"
    if m["cn"]:
        n = cn_int(m["cn"])
        if n is None:
            return [], -1
        return _times(pair, n, 0.5, m.start("cn"), m.end(), bool(m["dao"])), m.end()
    k = index_at(sent, m.end())
    c = sent.quantities[k] if k < len(sent.starts) and sent.starts[k] == m.end() else None
    if c is None or c.hedged:
        return [], -1
    if c.unit == "倍":
        return _times(pair, c.value, 0.5 * (c.tol * 2 or 1), c.start, c.end, bool(m["dao"])), c.end
    if m["dao"]:
        return [], -1
    return _change(pair, c, up), c.end


def _times(pair: Pair, n: float, tol: float, start: int, end: int, to: bool) -> list[Finding]:
    a, b = pair.base, pair.new
    if a.hedged or b.hedged or a.lo() <= 0:
        return []
    lo, hi = b.lo() / a.hi(), b.hi() / a.lo()
    if not to:
        lo, hi = lo - 1, hi - 1
    if overlaps(lo, hi, n - tol, n + tol):
        return []
    ratio = b.value / a.value
    expected = ratio if to else ratio - 1
    return [
        finding(
            "times",
            start,
            end,
            stated=fmt(n),
            expected=fmt(round(expected, 1)),
            to="到" if to else "了",
        )
    ]


def _change(pair: Pair, c: Quantity, up: bool) -> list[Finding]:
    a, b = pair.base, pair.new
    if a.hedged or b.hedged:
        return []
    sign = 1 if up else -1
    if (up and b.hi() < a.lo()) or (not up and b.lo() > a.hi()):
        values = {
            "verb": "增加" if up else "减少",
            "a": fmt(a.value) + a.unit,
            "b": fmt(b.value) + b.unit,
        }
        return [finding("direction", c.start, c.end, **values)]
    diff_lo, diff_hi = sorted((sign * (b.lo() - a.hi()), sign * (b.hi() - a.lo())))
    if c.unit == "个百分点":
        if pair.unit != "%" or overlaps(diff_lo, diff_hi, c.lo(), c.hi()):
            return []
        return [
            finding("pp", c.start, c.end, stated=fmt(c.value), expected=fmt(abs(b.value - a.value)))
        ]
    if c.unit == "%":
        return _relative(pair, c, sign, (diff_lo, diff_hi))
    if c.unit == pair.unit and c.unit:
        if overlaps(diff_lo, diff_hi, c.lo(), c.hi()):
            return []
        return [
            finding(
                "absolute",
                c.start,
                c.end,
                stated=fmt(c.value),
                expected=fmt(abs(b.value - a.value)),
            )
        ]
    return []


def _relative(pair: Pair, c: Quantity, sign: int, diff: tuple[float, float]) -> list[Finding]:
    a, b = pair.base, pair.new
    if a.lo() <= 0:
        return []
    rel = sorted((sign * (b.lo() / a.hi() - 1) * 100, sign * (b.hi() / a.lo() - 1) * 100))
    if overlaps(rel[0], rel[1], c.lo(), c.hi()):
        return _nominal(pair, c, sign)
    if pair.unit == "%" and overlaps(diff[0], diff[1], c.lo(), c.hi()):
        return [finding("pp_misuse", c.start, c.end, stated=fmt(c.value))]
    expected = abs(b.value / a.value - 1) * 100
    return [finding("growth", c.start, c.end, stated=fmt(c.value), expected=f"{expected:.1f}")]


_NOMINAL_GAP = 1.5  # percentage points, and 15% of the rate: beyond what careless rounding does


def _nominal(pair: Pair, c: Quantity, sign: int) -> list[Finding]:
    """8.1亿元 against 9亿元 is −10%, not −8%: rounding of 9亿 could explain it, so a
    please-verify finding with the figures as written."""
    a, b = pair.base, pair.new
    if pair.unit == "%" or c.value == 0:
        return []
    nominal = sign * (b.value / a.value - 1) * 100
    gap = abs(nominal - c.value)
    if gap < _NOMINAL_GAP or gap < 0.15 * abs(nominal):
        return []
    expected = f"{abs(b.value / a.value - 1) * 100:.1f}"
    return [
        finding(
            "growth_nominal",
            c.start,
            c.end,
            stated=fmt(c.value),
            expected=expected,
            a=fmt(a.value) + a.unit,
            b=fmt(b.value) + b.unit,
        )
    ]


# B，同比增长C%（去年同期为A）: the base given in brackets after the statement
_BASE_AFTER = re.compile(
    rf"[，,]?\s*(?:同比|比上年|较上年|比去年|较去年)(?P<verb>{_VERB})了?(?=[0-9])"
)
_BRACKET_BASE = re.compile(r"[（(](?:上年同期|去年同期|上年|去年|上年末)(?:为|是)?$")


def _bracket_bases(norm: str, qs: tuple[Quantity, ...]) -> list[Finding]:
    out = []
    for i in range(len(qs) - 2):
        b, c, a = qs[i], qs[i + 1], qs[i + 2]
        if not c.is_percent or b.unit != a.unit or b.ordinal or a.ordinal:
            continue
        m = _BASE_AFTER.match(norm, b.end, c.start + 1)
        if not m or m.end() != c.start or not _BRACKET_BASE.search(norm, c.end, a.start):
            continue
        if a.hedged or b.hedged or c.hedged or a.value <= 0:
            continue
        up = m["verb"] in _UP_SET
        out.extend(_change(Pair(a, b, "", b.unit), c, up))
    return out


def _pp_on_amounts(norm: str, spans: tuple[tuple[int, int], ...]) -> list[Finding]:
    """NUM-15: 产量增加12个百分点 — 百分点 only measures the change of a percentage."""
    out = []
    for s, e in spans:
        for m in _PP_ANYWHERE.finditer(norm, s, e):
            head = norm[max(s, m.start() - 60) : m.start()]
            if _RATE_WORDS.search(head) or not _ABSOLUTE_WORDS.search(head[-12:]):
                continue
            out.append(finding("pp_absolute", m.start(), m.end()))
    return out


@lru_cache(maxsize=16)
def findings(norm: str) -> tuple[Finding, ...]:
    p = parse(norm)
    out: list[Finding] = []
    for sent in p.sentences:
        if len(sent.quantities) < 2 or not _COMPARES.search(norm, sent.start, sent.end):
            continue
        for pair, pos in _from_to(norm, sent) + _with_base(norm, sent.quantities):
            hits = _statements(norm, sent, pair, pos)
            direction = _direction(pair)
            out.extend(hits if hits or direction is None else [direction])
        if "（" in norm[sent.start : sent.end] or "(" in norm[sent.start : sent.end]:
            out.extend(_bracket_bases(norm, sent.quantities))
    if "百分点" in norm:
        out.extend(_pp_on_amounts(norm, p.spans))
    return tuple(out)
