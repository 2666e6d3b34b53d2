"""Numbers in running Chinese text: quantities with units, magnitudes, rounding and hedges.

Everything works on the normalized field text (half-width digits, same length as the
original), so spans are offsets into the original. `parse(norm)` is cached: the number
checks all read the same parse of a draft.
"""

from __future__ import annotations

import re
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

_QTY = re.compile(
    r"(?P<num>[0-9](?<![0-9A-Za-z.][0-9])[0-9]*(?:,[0-9]{3})*(?:\.[0-9]+)?)(?![0-9A-Za-z])"
    r"(?P<mag>万亿|亿|万)?"
    r"(?P<hedge>余|多)?"
    rf"(?P<unit>%|‰|{_UNIT_ALT})?"
)
_MAGNITUDE = {"": 1.0, "万": 1e4, "亿": 1e8, "万亿": 1e12}
_PRE_BOUND = (
    "超过", "超", "逾", "不足", "不到", "低于", "高于", "少于", "多于", "不少于", "不低于", "不超过",
    "至少", "最高", "最低", "最多", "上限", "下限", "控制在",
)
_POST_BOUND = ("以上", "以下", "之多", "开外", "许", "以内")
_PRE_NEAR = ("约", "近", "接近", "将近", "大约")
_POST_NEAR = ("左右", "上下")
_NEAR_SLACK = 0.05  # 约84万元: at least ±5%, and at least one unit of the last digit shown
_RANGE_MARK = "～—–-至到"
DATE_UNITS = frozenset({"年", "月", "日", "时", "号", "季度", "周", "岁", "届"})

# Hard sentence ends for arithmetic scope (；keeps a sentence going: lists run across it).
_SENTENCE = re.compile(r"[^。！？!?\n]+")


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number with its unit: `value` in base units (万/亿 applied), `tol` its rounding."""

    start: int  # first digit
    end: int  # after the unit (or the number when there is no unit)
    value: float
    tol: float  # half a unit of the last digit (0 for exact integers; wider after 约/左右)
    unit: str  # '%', '个百分点', '件', '万' is never a unit (it is the magnitude) ...
    hedged: bool  # 余/多/以上/超过/不足 or a range end: a bound, not for arithmetic
    ordinal: bool  # 第3, a date or a time: a label, not an amount
    sentence: int  # index of its sentence in Parse.sentences

    @property
    def is_percent(self) -> bool:
        return self.unit == "%"

    @property
    def amount(self) -> bool:
        """A plain amount usable in arithmetic."""
        return not self.hedged and not self.ordinal

    def lo(self) -> float:
        return self.value - self.tol

    def hi(self) -> float:
        return self.value + self.tol


@dataclass(frozen=True, slots=True)
class Parse:
    sentences: list[tuple[int, int]]
    quantities: list[Quantity]

    def in_sentence(self, index: int) -> list[Quantity]:
        return [q for q in self.quantities if q.sentence == index]


def _decimals(num: str) -> int:
    return len(num) - num.index(".") - 1 if "." in num else 0


def _bounded(norm: str, start: int, end: int, hedge: str | None) -> bool:
    """余/多/以上/超过/不足, or an end of a range: a bound, not a value."""
    if hedge or norm.endswith(_PRE_BOUND, max(0, start - 3), start) or norm.startswith(_POST_BOUND, end):
        return True
    before = norm[start - 1] if start else ""
    after = norm[end] if end < len(norm) else ""
    if after in _RANGE_MARK and norm[end + 1 : end + 2].isdigit():
        return True
    return before in _RANGE_MARK and start >= 2 and (norm[start - 2].isdigit() or norm[start - 2] in "万亿%")


def _near(norm: str, start: int, end: int) -> bool:
    """约/近/左右: a rounded value, compared with a wider tolerance."""
    return norm.endswith(_PRE_NEAR, max(0, start - 2), start) or norm.startswith(_POST_NEAR, end)


def _last_digit_unit(digits: str) -> float:
    if "." in digits:
        return 10.0 ** -_decimals(digits)
    return 10.0 ** (len(digits) - len(digits.rstrip("0"))) if digits.strip("0") else 1.0


def _ordinal(norm: str, start: int, num: str, unit: str) -> bool:
    if start and norm[start - 1] == "第":
        return True
    if unit in DATE_UNITS:
        return True
    return bool(unit == "" and len(num) == 4 and num[:2] in ("19", "20") and "." not in num)


def _quantity(m: re.Match[str], norm: str, sentence: int) -> Quantity:
    num, mag, unit = m["num"], m["mag"] or "", m["unit"] or ""
    scale = _MAGNITUDE[mag]
    digits = num.replace(",", "")
    value = float(digits) * scale
    decimals = _decimals(digits)
    rounded = decimals > 0 or scale > 1 or unit in ("%", "个百分点", "‰")
    tol = 0.5 * 10.0 ** (-decimals) * scale if rounded else 0.0
    if unit == "百分点":
        unit = "个百分点"
    start, end = m.start("num"), m.end()
    if _near(norm, start, end):
        tol = max(tol, _NEAR_SLACK * value, _last_digit_unit(digits) * scale)
    return Quantity(
        start=start,
        end=end,
        value=value,
        tol=tol,
        unit=unit,
        hedged=_bounded(norm, start, end, m["hedge"]),
        ordinal=_ordinal(norm, start, digits, unit),
        sentence=sentence,
    )


@lru_cache(maxsize=16)
def parse(norm: str) -> Parse:
    """Sentences and quantities of a normalized text (cached: every check reads the same)."""
    sentences = [m.span() for m in _SENTENCE.finditer(norm)]
    quantities: list[Quantity] = []
    for index, (s, e) in enumerate(sentences):
        for m in _QTY.finditer(norm, s, e):
            quantities.append(_quantity(m, norm, index))
    return Parse(sentences, quantities)


# --- Chinese numerals -------------------------------------------------------------------

CN_DIGITS = "零〇一二两三四五六七八九十百"
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


# --- what the checks report -------------------------------------------------------------


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
    """A figure for a message: 98.97, 1158, 2.5万."""
    if abs(value) >= 1e8 and value % 1e6 == 0:
        return f"{value / 1e8:g}亿"
    if abs(value) >= 1e4 and value % 100 == 0:
        return f"{value / 1e4:g}万"
    return f"{round(value, 2):g}"


BOUNDARY = "，,；;。：:（(）)！？!?\n"


def clause_label(norm: str, q: Quantity, floor: int = 0) -> str:
    """The words of the clause a quantity sits in (without the figure): 已整改896处 -> 已整改."""
    left = q.start
    while left > floor and norm[left - 1] not in BOUNDARY:
        left -= 1
    right = q.end
    while right < len(norm) and norm[right] not in BOUNDARY:
        right += 1
    return norm[left : q.start] + norm[q.end : right]
