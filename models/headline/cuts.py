"""Names cut out of a longer word of the draft, and actions cut off after a partner: refused.

- a unit + 联合/会同 + a partner with nothing done (某县联合县应急管理局): dangling;
- a topic that opens on the measure word of a count (620家小微企业 → 家小微企业, 12个村旅游 →
  个村旅游): the phrase never occurs in the draft without the number before it;
- a place that is the tail of a longer name (江沙市 → 沙市): every occurrence in the draft (two or
  more) has the same character before it, a character that is not a function word, a numeral, a
  date's unit or a parent place's level (某县|龙泉乡).
"""

from __future__ import annotations

import re
from functools import lru_cache

_MEASURE = "家个名户项所座条位处间"
_NUMERAL_CHARS = frozenset("0123456789一二三四五六七八九十两几多余")
_HEAD_PLACE = re.compile(r"^[\u4e00-\u9fa5]{1,3}?[省市县区镇乡]")
# a character before a place that does not make it part of a longer name
# (a parent place's level character too: 某县|龙泉乡 is a full name)
_NOT_NAME = set(
    "在对和与及的了是从向自到于将把被为由经据以全各本该我其这那年月日省市县区镇乡旗、，。：；“”（）"
)
# a level character that opens a common word, not a place (乡镇, 市场, 县域, 区域, 市民)
_WORD_AFTER = set("镇场域民级委属直内外")


def _after_number(phrase: str, text: str) -> bool:
    """The phrase occurs in the text only right after a number (every occurrence, overlapping
    ones too, as a regex search for each side would find them; no pattern built per phrase)."""
    if not phrase:
        return False
    counted = False
    at = text.find(phrase)
    while at >= 0:
        if at and text[at - 1] in _NUMERAL_CHARS:
            counted = True
        else:
            return False  # a free occurrence
        at = text.find(phrase, at + 1)
    return counted


@lru_cache(maxsize=256)
def _tail_of_name(place: str, text: str) -> bool:
    """Each of two or more occurrences of `place` has the same name character before it
    (occurrences left to right, none overlapping the previous one, as re.finditer finds them).
    Kept per (place, draft): most of a draft's candidates open on the same place."""
    starts = []
    at = text.find(place)
    while at >= 0:
        starts.append(at)
        at = text.find(place, at + len(place))
    before = {text[i - 1] if i else "" for i in starts}
    if len(starts) < 2 or len(before) != 1:
        return False  # one occurrence proves nothing
    (c,) = before
    return bool(c) and "\u4e00" <= c <= "\u9fa5" and c not in _NOT_NAME


# a partner named with nothing done together (某县联合县应急管理局): the action is cut off
_PARTNER_END = re.compile(
    r"(?:联合|会同|协同|配合|邀请|依托)[\u4e00-\u9fa5]{1,14}?"
    r"(?:局|委|办|中心|部门|单位|公司|银行|学校|医院|协会|商会)$"
)


# a bare change or a verdict made into a problem (同比增长问题需关注, 经济运行总体问题需关注):
# nonsense; a change that is itself the trouble (…数量快速增长问题需关注) is left alone
_TREND_PROBLEM = re.compile(
    r"((同比|环比)(增长|下降|上升|回落|增加|减少)|总体|好于预期|平稳|指标运行)的?问题"
    r"(需关注|值得关注|需警惕)$"
)


def cut_off(candidate: str, text: str) -> str | None:
    """Why the candidate is cut out of the draft ("broken_subject", "dangling") or is a trend
    made into a problem ("not_a_problem"), else None."""
    if any(_PARTNER_END.search(half) for half in candidate.split(" ")):
        return "dangling"  # either half of a pair
    if _TREND_PROBLEM.search(candidate):
        return "not_a_problem"
    return cut_name(candidate, text)


def cut_name(candidate: str, text: str) -> str | None:
    """The name the candidate opens on is cut out of a longer word: "broken_subject"."""
    core = candidate.removeprefix("关于")
    if core[:1] and core[0] in _MEASURE and _after_number(core[:3], text):
        return "broken_subject"
    place = _HEAD_PLACE.match(core)
    after = core[place.end() : place.end() + 1] if place else ""
    if place and after not in _WORD_AFTER and _tail_of_name(place.group(0), text):
        return "broken_subject"
    return None
