"""A unit's campaign on a named object, as the news: 「S + 集中整治X」, 「S + 开展X专项检查」.

Read off the lead's first sentences: 「S…针对/对/围绕 X 开展(为期一个月的)集中整治」. The generic
action form drops the 对/针对 adjunct (S开展集中整治: which object is lost); a title keeps the
object and drops its frame: the scope (全县, 辖区, 城区), the count (14家), every conjunct but the
first (零售药店和3家村卫生室 → 零售药店), a place before 周边/沿线, a 的-modifier and a state
word before 问题 (反弹, 突出). The object must end on a noun and keep to 2–12 characters; the
kind (集中/专项) is copied only when the draft says it.
"""

from __future__ import annotations

import re

from models.headline.lead import Lead
from models.tokenize import pos_tag, tokenize

_CAMPAIGN = re.compile(
    r"(?:针对|对|就)(?P<obj>[^。；;：:]{2,40}?)"
    r"(?:开展|进行|组织开展|集中开展|深入开展)(?:了)?(?:为期[^，。；,]{1,8}?的)?"
    r"(?P<kind>集中|专项|拉网式|全覆盖|全面)?"
    r"(?P<verb>整治|治理|清理|排查|检查|督查|清查|整顿)(?:行动|工作)?(?=[，。；,;]|$)"
)
_SCOPE = re.compile(
    r"^(?:(?:全[省市县区镇乡村]|辖区|城区|本地|县域|市域|区域|各[县市区镇乡村]|乡镇|镇街|村居)"
    r"(?:内|范围内)?的?)+"
)
_COUNT = re.compile(r"^(?:[0-9]+(?:\.[0-9]+)?(?:余|多)?[家个所处户名条座辆批类]|部分|一批|所有)的?")
_CONJUNCT = re.compile(r"(?:和|及|以及|与|、|，|,)")
_AROUND = re.compile(r"^[^的]{1,10}?(?:周边|沿线|沿岸|范围内|两侧)的?")
_STATE = re.compile(r"(?:反弹|突出|多发|频发|高发|抬头|蔓延|严重)(?=问题$)")
_FUNCTION = {"d", "p", "c", "u", "uj", "r", "m", "q", "f", "ad"}
_VERB_TAGS = _FUNCTION | {"v", "vd", "vi", "t"}
_FIX = {"整治", "治理", "整顿"}
# a place or a road is where the campaign runs, not its object (对全县14个乡镇开展督查)
_PLACE_END = re.compile(r"(乡镇|[镇乡村县市区省旗]|社区|城区|县城|场镇|集镇|[国省县乡]道|景区|内)$")


def _object(raw: str) -> str:
    """The object of the campaign without its frame, or "" when none is clean."""
    parts = [p for p in _CONJUNCT.split(raw) if p]
    if not parts:
        return ""
    obj = parts[-1] if len(parts) > 1 and _AROUND.match(parts[-1]) else parts[0]
    prev = None
    while prev != obj:
        prev = obj
        obj = _COUNT.sub("", _SCOPE.sub("", obj))
        obj = _AROUND.sub("", obj)
    if "的" in obj:
        obj = obj.rsplit("的", 1)[-1]
    obj = _STATE.sub("", obj)
    if not 2 <= len(obj) <= 12 or re.search(r"[0-9“”\"]", obj) or _PLACE_END.search(obj):
        return ""
    words = [w for w in tokenize(obj) if w.strip()]
    if not words or pos_tag(words[0]) in _FUNCTION or pos_tag(words[-1]) in _VERB_TAGS:
        return ""
    return obj


def campaign_actions(lead: Lead, sentences: int = 2) -> list[str]:
    """「集中整治X」/「开展X专项检查」 predicates (without the subject) from the opening sentences."""
    out: list[str] = []
    for sentence in lead.sentences[:sentences]:
        for m in _CAMPAIGN.finditer(sentence):
            raw = m.group("obj")
            raw = re.split(r"(?:针对|对|就)", raw)[-1]  # the innermost frame (对…针对X)
            obj = _object(raw)
            if not obj:
                continue
            kind, verb = m.group("kind") or "", m.group("verb")
            if verb in _FIX:
                pred = f"{kind if kind in ('集中', '专项') else ''}{verb}{obj}"
            else:
                pred = f"开展{obj}{kind if kind in ('集中', '专项') else ''}{verb}"
            if pred not in out:
                out.append(pred)
    return out
