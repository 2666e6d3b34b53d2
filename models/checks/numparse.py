"""Numbers in running Chinese text: quantities with units, magnitudes, rounding and hedges.

Everything works on the normalized field text (half-width digits, same length as the
original), so spans are offsets into the original. `parse(norm)` is cached: every number
check reads the same parse of a draft. Each figure is an interval (value ± tol): half a unit
of its last digit, wider after 约/左右, so rounding alone never raises a flag.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

import cn2an

# Measure words and units that may follow a number, longest first so that 人次 wins over 人.
_UNITS = (
    "微克/立方米 毫克/立方米 千瓦时 立方米 平方米 平方公里 个百分点 百分点 自然箱 标箱 人次 家次 "
    "户次 件次 批次 场次 架次 车次 人天 人年 公顷 公里 千米 千克 公斤 千瓦 万千瓦 兆瓦 吨 亩 "
    "个 件 人 户 家 处 项 条 份 所 座 张 套 间 宗 批 次 名 位 元 米 克 台 辆 架 艘 头 只 株 棵 "
    "场 期 篇 册 本 天 小时 分钟 年 月 日 时 号 岁 倍 度 支 栋 幢 层 床 部 门 类 种 起 例 笔 "
    "箱 袋 盒 瓶 斤 升 周 季度 分 单 块 片 根 道 项次 班 趟 条次 轮 届 所次 网点 段"
).split()
_UNIT_ALT = "|".join(re.escape(u) for u in sorted(set(_UNITS), key=len, reverse=True))

# A digit first (then the look-behind) lets the regex engine skip to digits quickly.
_QTY = re.compile(
    r"(?P<num>[0-9](?<![0-9A-Za-z.][0-9])[0-9]*(?:,[0-9]{3})*(?:\.[0-9]+)?)(?![0-9A-Za-z])"
    r"(?P<mag>万亿|亿|万)?(?P<hedge>余|多)?"
    rf"(?P<unit>%|‰|{_UNIT_ALT})?"
)
_MAGNITUDE = {"": 1.0, "万": 1e4, "亿": 1e8, "万亿": 1e12}
_PRE_BOUND = (
    "超过", "超", "逾", "不足", "不到", "低于", "高于", "少于", "多于", "不少于", "不低于",
    "不超过", "至少", "最高", "最低", "最多", "上限", "下限", "控制在",
)  # fmt: skip
_POST_BOUND = ("以上", "以下", "之多", "开外", "许", "以内")
_PRE_NEAR = ("约", "近", "接近", "将近", "大约")
_POST_NEAR = ("左右", "上下")
_NEAR_SLACK = 0.05  # 约84万元: at least ±5%, and at least one unit of the last digit shown
_RANGE_MARK = "～—–-至到"
DATE_UNITS = frozenset({"年", "月", "日", "时", "号", "季度", "周", "岁", "届"})
ROUNDED_UNITS = frozenset({"%", "个百分点", "‰"})

# Hard sentence ends for arithmetic scope (；keeps a sentence going: lists run across it).
_SENTENCE = re.compile(r"[^。！？!?\n]+")
BOUNDARY = "，,；;。：:（(）)！？!?\n"


@dataclass(frozen=True, slots=True)
class Quantity:
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
    outside: tuple[Quantity, ...]  # the figures not inside （…）


@dataclass(frozen=True, slots=True)
class Parse:
    spans: tuple[tuple[int, int], ...]  # every sentence
    sentences: tuple[Sentence, ...]  # the sentences with at least one figure
    quantities: tuple[Quantity, ...]


def _decimals(num: str) -> int:
    return len(num) - num.index(".") - 1 if "." in num else 0


def _bounded(norm: str, start: int, end: int, hedge: str | None) -> bool:
    """余/多/以上/超过/不足, or an end of a range: a bound, not a value."""
    if hedge or norm.endswith(_PRE_BOUND, max(0, start - 3), start) or norm.startswith(_POST_BOUND, end):
        return True
    after = norm[end : end + 2]
    if len(after) == 2 and after[0] in _RANGE_MARK and after[1].isdigit():
        return True
    before = norm[max(0, start - 2) : start]
    return len(before) == 2 and before[1] in _RANGE_MARK and (before[0].isdigit() or before[0] in "万亿%")


def _last_digit_unit(digits: str) -> float:
    if "." in digits:
        return 10.0 ** -_decimals(digits)
    return 10.0 ** (len(digits) - len(digits.rstrip("0"))) if digits.strip("0") else 1.0


def _quantity(m: re.Match[str], norm: str) -> Quantity:
    num, mag, hedge, unit = m.group("num", "mag", "hedge", "unit")
    scale = _MAGNITUDE[mag or ""]
    digits = num.replace(",", "") if "," in num else num
    value = float(digits) * scale
    unit = unit or ""
    if unit == "百分点":
        unit = "个百分点"
    decimals = _decimals(digits)
    tol = 0.5 * 10.0**-decimals * scale if decimals or scale > 1 or unit in ROUNDED_UNITS else 0.0
    start, end = m.start(), m.end()
    if norm.endswith(_PRE_NEAR, max(0, start - 2), start) or norm.startswith(_POST_NEAR, end):
        tol = max(tol, _NEAR_SLACK * value, _last_digit_unit(digits) * scale)
    ordinal = (
        unit in DATE_UNITS
        or (start > 0 and norm[start - 1] == "第")
        or (not unit and len(digits) == 4 and digits[:2] in ("19", "20"))
    )
    return Quantity(start, end, value, tol, unit, _bounded(norm, start, end, hedge), ordinal)


def paren_depth(norm: str, start: int, pos: int) -> int:
    """How many （ are open at `pos`, counting from `start` (a sentence start)."""
    opened = norm.count("（", start, pos) + norm.count("(", start, pos)
    closed = norm.count("）", start, pos) + norm.count(")", start, pos)
    return max(0, opened - closed)


def _sentence(norm: str, start: int, end: int, qs: list[Quantity]) -> Sentence:
    if "（" in norm[start:end] or "(" in norm[start:end]:
        outside = tuple(q for q in qs if paren_depth(norm, start, q.start) == 0)
    else:
        outside = tuple(qs)
    return Sentence(start, end, tuple(qs), outside)


@lru_cache(maxsize=16)
def parse(norm: str) -> Parse:
    """Sentences and figures of a normalized text (cached: every check reads the same)."""
    spans = tuple(m.span() for m in _SENTENCE.finditer(norm))
    quantities = tuple(_quantity(m, norm) for m in _QTY.finditer(norm))
    starts = [s for s, _ in spans]
    grouped: dict[int, list[Quantity]] = {}
    for q in quantities:
        grouped.setdefault(bisect_right(starts, q.start) - 1, []).append(q)
    sentences = tuple(_sentence(norm, *spans[i], qs) for i, qs in grouped.items())
    return Parse(spans, sentences, quantities)


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


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found by an analysis: `tag` picks the rule, `values` fill its message."""

    tag: str
    start: int
    end: int
    values: tuple[tuple[str, object], ...] = ()


def finding(tag: str, start: int, end: int, **values: object) -> Finding:
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
