"""Numbers in running Chinese text: quantities with units, magnitudes, rounding and hedges.

Everything works on the normalized field text (half-width digits, same length as the
original), so spans are offsets into the original. `parse(norm)` is cached: every number
check reads the same parse of a draft. Each figure is an interval (value ± tol): half a unit
of its last digit, wider after 约/左右, so rounding alone never raises a flag.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

import cn2an

from models.rules.prefilter import plain_optionals

# Measure words and units that may follow a number, longest first so that 人次 wins over 人.
_UNITS = (
    "微克/立方米 毫克/立方米 千瓦时 立方米 平方米 平方公里 个百分点 百分点 自然箱 标箱 人次 家次 "
    "户次 件次 批次 场次 架次 车次 人天 人年 公顷 公里 千米 千克 公斤 千瓦 万千瓦 兆瓦 吨 亩 "
    "个 件 人 户 家 处 项 条 份 所 座 张 套 间 宗 批 次 名 位 元 米 克 台 辆 架 艘 头 只 株 棵 "
    "场 期 篇 册 本 天 小时 分钟 年 月 日 时 号 岁 倍 度 支 栋 幢 层 床 部 门 类 种 起 例 笔 "
    "箱 袋 盒 瓶 斤 升 周 季度 分 单 块 片 根 道 项次 班 趟 条次 轮 届 所次 网点 段"
).split()
_UNIT_ALT = "|".join(re.escape(u) for u in sorted(set(_UNITS), key=len, reverse=True))

# A digit first (then the look-behind) lets the regex engine skip to digits quickly. What
# follows the figure (以上, 左右, a range mark) is read here too, so one match says it all.
# Its optional non-capturing groups written as alternations (prefilter.plain_optionals: the same
# matches and groups; 0.37M -> 0.30M instructions a 1,500-character draft, callgrind).
_QTY = re.compile(
    plain_optionals(
        r"(?P<num>[0-9](?<![0-9A-Za-z.][0-9])[0-9]*(?:,[0-9]{3})*(?:\.[0-9]+)?)(?![0-9A-Za-z])"
        r"(?P<mag>万亿|亿|万)?(?P<hedge>余|多)?"
        rf"(?P<unit>%|‰|{_UNIT_ALT})?"
        r"(?:(?P<bound>以上|以下|之多|开外|许|以内)|(?P<near>左右|上下)|(?P<range>[～—–\-至到])(?=[0-9]))?"
    )
)
# _quantity reads the groups by position
assert tuple(_QTY.groupindex) == ("num", "mag", "hedge", "unit", "bound", "near", "range")
_MAGNITUDE = {"": 1.0, "万": 1e4, "亿": 1e8, "万亿": 1e12}
_PRE_BOUND = (
    "超过", "超", "逾", "不足", "不到", "低于", "高于", "少于", "多于", "不少于", "不低于",
    "不超过", "至少", "最高", "最低", "最多", "上限", "下限", "控制在",
)  # fmt: skip
_PRE_NEAR = ("约", "近", "接近", "将近", "大约")
_NEAR_SLACK = 0.05  # 约84万元: at least ±5%, and at least one unit of the last digit shown
LOOK_BACK = 24  # how many figures back a check looks for a whole (keeps long sentences linear)
_RANGE_MARK = "～—–-至到"
DATE_UNITS = frozenset({"年", "月", "日", "时", "号", "季度", "周", "岁", "届"})
ROUNDED_UNITS = frozenset({"%", "个百分点", "‰"})

# Hard sentence ends for arithmetic scope (；keeps a sentence going: lists run across it).
_SENTENCE = re.compile(r"[^。！？!?\n]+")
BOUNDARY = "，,；;。：:（(）)！？!?\n"


class Quantity(NamedTuple):  # a NamedTuple: ~40 per draft, cheap to build
    """A number with its unit: `value` in base units (万/亿 applied), `tol` its rounding."""

    start: int  # first digit
    end: int  # after the unit (or the number when there is no unit)
    value: float
    tol: float  # half a unit of the last digit (0 for exact integers; wider after 约/左右)
    unit: str  # '%', '个百分点', '件', '亿元' is '元' (万/亿 are magnitudes) ...
    hedged: bool  # 余/多/以上/超过/不足 or a range end: a bound, not for arithmetic
    ordinal: bool  # 第3, a date or a time: a label, not an amount

    @property
    def is_percent(self) -> bool:
        return self.unit == "%"

    @property
    def amount(self) -> bool:
        """A plain amount usable in arithmetic."""
        return not self.hedged and not self.ordinal

    @property
    def written(self) -> bool:
        """False for a derived figure (a sum the text never wrote)."""
        return self.end > self.start

    def lo(self) -> float:
        return self.value - self.tol

    def hi(self) -> float:
        return self.value + self.tol


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence (up to 。！？ or a line break) with its figures, in order."""

    start: int
    end: int
    quantities: tuple[Quantity, ...]
    starts: tuple[int, ...]  # where each figure starts (for bisect)
    depths: tuple[int, ...]  # how many （ are open at each figure
    outside: tuple[Quantity, ...]  # the figures not inside （…）


@dataclass(frozen=True, slots=True)
class Parse:
    spans: tuple[tuple[int, int], ...]  # every sentence
    sentences: tuple[Sentence, ...]  # the sentences that compare figures, with their figures
    quantities: tuple[Quantity, ...]


@lru_cache(maxsize=64)
def _marks(norm: str, chars: str) -> list[int]:
    """Where any of `chars` occurs in `norm` (sorted), once per text: look-ups by bisection
    keep every check linear on long texts without the marks (a scan per figure was not)."""
    return [m.start() for m in re.finditer("[" + re.escape(chars) + "]", norm)]


def last_mark(norm: str, chars: str, pos: int, floor: int = 0) -> int:
    """max(norm.rfind(c, floor, pos) for c in chars), in O(log n)."""
    marks = _marks(norm, chars)
    k = bisect_left(marks, pos) - 1
    return marks[k] if k >= 0 and marks[k] >= floor else -1


def next_mark(norm: str, chars: str, pos: int) -> int:
    """The first index >= pos of any of `chars`, or -1."""
    marks = _marks(norm, chars)
    k = bisect_left(marks, pos)
    return marks[k] if k < len(marks) else -1


def _decimals(num: str) -> int:
    return len(num) - num.index(".") - 1 if "." in num else 0


def _bounded_before(pre: str) -> bool:
    """超过/不足… before a figure, or the second end of a range (5～10万)."""
    if pre.endswith(_PRE_BOUND):
        return True
    return len(pre) >= 2 and pre[-1] in _RANGE_MARK and (pre[-2].isdigit() or pre[-2] in "万亿%")


def _last_digit_unit(digits: str) -> float:
    if "." in digits:
        return 10.0 ** -_decimals(digits)
    return 10.0 ** (len(digits) - len(digits.rstrip("0"))) if digits.strip("0") else 1.0


_new_tuple = tuple.__new__  # builds a Quantity without its generated __new__ (hot: ~40 a draft)


def _quantity(m: re.Match[str], norm: str) -> Quantity:
    # the groups by position: num, mag, hedge, unit, bound, near, range
    num, mag, hedge, unit, bound, near, rng = m.groups()
    scale = _MAGNITUDE[mag] if mag else 1.0
    digits = num.replace(",", "") if "," in num else num
    value = float(digits) * scale
    if not unit:
        unit = ""
    elif unit == "百分点":
        unit = "个百分点"
    dot = digits.find(".")
    decimals = len(digits) - dot - 1 if dot >= 0 else 0
    tol = 0.5 * 10.0**-decimals * scale if decimals or scale > 1 or unit in ROUNDED_UNITS else 0.0
    start = m.start()
    # the figure and its unit, without what follows
    end = m.end(4 if unit else 3 if hedge else 2 if mag else 1)
    pre = norm[start - 3 if start > 3 else 0 : start]
    if near or pre.endswith(_PRE_NEAR):
        tol = max(tol, _NEAR_SLACK * value, _last_digit_unit(digits) * scale)
    hedged = bool(hedge or bound or rng) or _bounded_before(pre)
    ordinal = (
        unit in DATE_UNITS
        or pre[-1:] == "第"
        or (not unit and len(digits) == 4 and digits[:2] in ("19", "20"))
    )
    return _new_tuple(Quantity, (start, end, value, tol, unit, hedged, ordinal))


def _count_parens(norm: str, start: int, pos: int) -> int:
    opened = norm.count("（", start, pos) + norm.count("(", start, pos)
    return opened - norm.count("）", start, pos) - norm.count(")", start, pos)


def paren_depth(sent: Sentence, norm: str, pos: int) -> int:
    """How many （ are open at `pos`: from the figure before it, not the sentence start."""
    k = bisect_left(sent.starts, pos)
    if k == 0:
        return max(0, _count_parens(norm, sent.start, pos))
    return max(0, sent.depths[k - 1] + _count_parens(norm, sent.starts[k - 1], pos))


_PAREN = re.compile(r"[（()）]")


def _depths(norm: str, start: int, end: int, qs: list[Quantity]) -> tuple[int, ...]:
    """Bracket depth at each figure, in one pass over the brackets of the sentence."""
    marks = [
        (m.start(), 1 if m.group() in "（(" else -1) for m in _PAREN.finditer(norm, start, end)
    ]
    if not marks:
        return (0,) * len(qs)
    depths, depth, i = [], 0, 0
    for q in qs:
        while i < len(marks) and marks[i][0] < q.start:
            depth = max(0, depth + marks[i][1])
            i += 1
        depths.append(depth)
    return tuple(depths)


def _sentence(norm: str, start: int, end: int, qs: list[Quantity]) -> Sentence:
    depths = _depths(norm, start, end, qs)
    outside = tuple(q for q, d in zip(qs, depths, strict=True) if d == 0)
    return Sentence(start, end, tuple(qs), tuple(q.start for q in qs), depths, outside)


def index_at(sent: Sentence, pos: int) -> int:
    """Index of the first figure of the sentence that starts at or after `pos`."""
    return bisect_left(sent.starts, pos)


# Only sentences that compare figures are read: the arithmetic checks need nothing else.
# Every alternative opens with a literal character, so the engine skips to those characters
# (an alternative that opens with a class, [（(%由从比较], had it try every position).
_COMPARING = re.compile(
    r"其中|（|\(|%|由|从|比|较|合计|共计|总计|总共|一共|上年|去年|年初|改造前|整治前"
)


class Scan(NamedTuple):
    """Every figure of a text read once, by sentence: what `parse` and numfigures share."""

    spans: tuple[tuple[int, int], ...]  # every sentence
    quantities: tuple[tuple[Quantity, ...], ...]  # each sentence's figures, in order
    measures: tuple[tuple[str, ...], ...]  # each figure's unit as written ('' without one)


@lru_cache(maxsize=16)
def scan(norm: str) -> Scan:
    """One pass of the figure regex over the whole text, its figures put in their sentences.

    No figure crosses a sentence end (。！？!? or a line break: none of them is part of a
    figure, its unit or what follows it), so this finds what a pass per sentence would."""
    spans = tuple(m.span() for m in _SENTENCE.finditer(norm))
    quantities: list[list[Quantity]] = [[] for _ in spans]
    measures: list[list[str]] = [[] for _ in spans]
    i = 0
    for m in _QTY.finditer(norm):
        start = m.start()
        while spans[i][1] <= start:
            i += 1
        quantities[i].append(_quantity(m, norm))
        measures[i].append(m["unit"] or "")
    return Scan(spans, tuple(map(tuple, quantities)), tuple(map(tuple, measures)))


@lru_cache(maxsize=16)
def parse(norm: str) -> Parse:
    """Sentences, and the figures of those that compare figures (cached: every check reads
    the same parse)."""
    sc = scan(norm)
    sentences: list[Sentence] = []
    quantities: list[Quantity] = []
    for (s, e), qs in zip(sc.spans, sc.quantities, strict=True):
        if qs and _COMPARING.search(norm, s, e):
            sentences.append(_sentence(norm, s, e, list(qs)))
            quantities.extend(qs)
    return Parse(sc.spans, tuple(sentences), tuple(quantities))


# --- Chinese numerals -------------------------------------------------------------------

_CN_NUMBER = re.compile(r"^[一二两三四五六七八九十百零〇]+$")
_APPROX_PAIR = re.compile(r"[一二三四五六七八九][二三四五六七八九]|几|多|余")


@lru_cache(maxsize=512)
def cn_int(text: str) -> int | None:
    """Read a plain Chinese numeral (三, 十四, 二十三); None for 概数 (三四, 十几) or junk."""
    if not _CN_NUMBER.match(text) or _APPROX_PAIR.search(text):
        return None
    try:
        value = cn2an.cn2an(text, "smart")
    except (ValueError, KeyError):
        return None
    return int(value) if value == int(value) else None


def number_value(text: str) -> int | None:
    """An item count written either way: '3' or '三'."""
    if text.isdigit():
        return int(text)
    return cn_int(text)


# --- intervals, messages, findings ------------------------------------------------------

_EPS = 1e-9


def overlaps(lo1: float, hi1: float, lo2: float, hi2: float) -> bool:
    scale = max(abs(lo1), abs(hi1), abs(lo2), abs(hi2), 1.0)
    return lo1 <= hi2 + _EPS * scale and lo2 <= hi1 + _EPS * scale


class Finding(NamedTuple):
    """One problem found by an analysis: `tag` picks the rule, `values` fill its message."""

    tag: str
    start: int
    end: int
    values: tuple[tuple[str, Any], ...] = ()  # message placeholders: numbers and strings


def finding(tag: str, start: int, end: int, /, **values: Any) -> Finding:
    return Finding(tag, start, end, tuple(values.items()))


def fmt(value: float) -> str:
    """A figure for a message: 98.97, 1158, 2.5万, 3.4亿."""
    if abs(value) >= 1e8 and value % 1e6 == 0:
        return f"{value / 1e8:g}亿"
    if abs(value) >= 1e4 and value % 100 == 0:
        return f"{value / 1e4:g}万"
    return f"{round(value, 2):g}"


def clause_label(norm: str, q: Quantity, floor: int = 0) -> str:
    """The words of the clause a figure sits in, without the figure: 已整改896处 -> 已整改."""
    left = q.start
    while left > floor and norm[left - 1] not in BOUNDARY:
        left -= 1
    right = q.end
    while right < len(norm) and norm[right] not in BOUNDARY:
        right += 1
    return norm[left : q.start] + norm[q.end : right]
