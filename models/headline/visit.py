"""A leader's visit as the news: 「县委副书记、县长某某带领…深入某镇调研X工作」.

Read off the opening sentences when no unit states an action of its own (models/headlines.py
asks last). The title keeps the leader's last post and name as the draft writes them, the place
visited when it is one place (某镇, 某乡某中心) and the visit verb with its object, in the draft's
own words: 县长某某到某镇调研X工作. The entourage (带领县农业农村局等部门负责同志), a manner
(冒雨, 专程) and a list of places (某镇、某镇) are dropped; a leader who only attends or speaks
(出席, 讲话) is no visit.
"""

from __future__ import annotations

import re

from models.headline.lead import Lead
from models.headline.subject import _TIME_HEAD, PLACE_SUFFIXES, _strip_adverbial

# the leader's post: 县长, 副市长, 常务副县长, 县委书记, 市委副书记, 镇党委书记, 区人大常委会主任 …
_POST = (
    r"(?:(?:常务)?副?[省市州县区旗]长|[省市州县区旗]委副?书记|[镇乡](?:党委副?书记|副?长)"
    r"|[省市州县区旗](?:人大常委会主任|政协主席))"
)
_LEADER = re.compile(
    rf"^(?:[\u4e00-\u9fa5]{{2,12}}、)*(?P<post>{_POST})(?P<name>[\u4e00-\u9fa5]{{2,3}}?)"
    r"(?=一行|带领|率领|率|带队|冒雨|专程|深入|来到|前往|到|赴|在|调研|检查|督导|督查|视察|察看|走访)"
)
_MANNER = re.compile(r"^(?:一行)?(?:冒雨|专程|顶着烈日|一行)?")
# the entourage the leader brings: dropped (率市民政局、市财政局负责同志)
_ENTOURAGE = re.compile(
    r"^(?:带领|率领|率|带队)[^，。]{0,40}?(?:负责同志|负责人|同志|干部|成员|专家|人员|一行)"
)
_GO = re.compile(
    r"^(?:深入到|深入|来到|前往|到|赴|在)(?P<place>[^，。；]{2,16}?)(?=[，,]|调研|检查|督导|督查|视察|察看|走访|开展)[，,]?"
)
_VISIT = re.compile(
    r"^(?:实地|专题)?(?P<verb>调研|检查|督导|督查|视察|察看|走访|开展)(?:了)?(?P<obj>[^，。；,]{2,26})$"
)
_PLACE_END = (*PLACE_SUFFIXES, "中心", "园区", "工业园", "社区")
MAX_TITLE = 30


def official_visit(lead: Lead, sentences: int = 4) -> str:
    """「post + name (+ 到 + place) + visit verb + object」 from the opening sentences, or ""."""
    for sentence in lead.sentences[:sentences]:
        text = _strip_adverbial(_TIME_HEAD.sub("", _strip_adverbial(sentence)))
        for clause_start in _clause_starts(text):
            found = _visit_at(text[clause_start:])
            if found:
                return found
    return ""


def _clause_starts(text: str) -> list[int]:
    """Where each clause of the sentence starts (当天，县委书记某某…: the leader may come second)."""
    return [0] + [m.end() for m in re.finditer(r"[，,]", text)][:3]


def _visit_at(text: str) -> str:
    m = _LEADER.match(text)
    if not m:
        return ""
    leader = m.group("post") + m.group("name")
    rest = _MANNER.sub("", text[m.end() :])
    entourage = _ENTOURAGE.match(rest)
    if entourage:
        rest = rest[entourage.end() :].lstrip("，,")
    place = ""
    go = _GO.match(rest)
    if go:
        place, rest = go.group("place"), rest[go.end() :]
    visit = _VISIT.match(re.split(r"[，,。；]", rest)[0]) if rest else None
    if not visit:
        return ""
    verb, obj = visit.group("verb"), visit.group("obj")
    if verb == "开展" and not obj.endswith(
        ("调研", "检查", "督导", "督查", "接访", "下访", "走访")
    ):
        return ""  # 开展 + what a leader's visit does, never any campaign
    action = verb + obj
    here = f"到{place}" if place.endswith(_PLACE_END) and "、" not in place else ""
    for title in (leader + here + action, leader + action):
        if len(title) <= MAX_TITLE:
            return title
    return ""
