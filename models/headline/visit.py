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
from models.headline.subject import PLACE_SUFFIXES, TIME_HEAD, strip_adverbial
from models.tokenize import pos_tag

# the leader's post: 县长, 副市长, 常务副县长, 县委书记, 市委副书记, 镇党委书记, 区人大常委会主任 …
_POST = (
    r"(?:(?:常务)?副?[省市州县区旗]长|[省市州县区旗]委副?书记|[镇乡](?:党委副?书记|副?长)"
    r"|[省市州县区旗](?:人大常委会主任|政协主席)|(?:全国|[省市县区])(?:政协委员|人大代表))"
)
_LEADER = re.compile(
    rf"^(?:[\u4e00-\u9fa5]{{2,12}}、)*(?P<post>{_POST})(?P<name>[\u4e00-\u9fa5]{{2,3}}?)"
    r"(?=一行|带领|带着|率领|率|带队|冒雨|专程|深入|来到|前往|到|赴|在|调研|检查|督导|督查|视察|察看|走访)"
)
# a leader named alone in a clause (县委书记某某，县长某某带领…): the visit is a joint one
_NAMED_ONLY = re.compile(rf"^(?:[\u4e00-\u9fa5]{{2,12}}、)*{_POST}[\u4e00-\u9fa5]{{2,3}}[，,]")
_MANNER = re.compile(
    r"^(?:一行)?(?:冒雨|专程|顶着烈日|一行|带着[^，。]{2,12}?(?=来到|深入|前往|到|赴))?"
)
# the entourage the leader brings: dropped (率市民政局、市财政局负责同志)
_ENTOURAGE = re.compile(
    r"^(?:带领|率领|率|带队)[^，。]{0,40}?(?:负责同志|负责人|同志|干部|成员|专家|人员|一行|"
    r"(?:调研|检查|督查|督导|视察)组)"
)
_GO = re.compile(
    r"^(?:先后)?(?:深入到|深入|来到|前往|到|赴|在|来)(?P<place>[^，。；]{2,16}?)(?=[，,]|调研|检查|督导|督查|视察|察看|走访|开展)[，,]?"
)
_VISIT = re.compile(
    r"^(?:实地|专题)?(?P<verb>调研|检查|督导|督查|视察|察看|走访|开展)(?:了)?(?P<obj>[^，。；,]{2,26})$"
)
# 「对/就 X 进行/开展(为期N天的)(专题)检查」: the visit verb after its object
_VISIT_ON = re.compile(
    r"^[对就](?P<obj>[^，。；,]{4,40}?)(?:进行|开展)了?(?:为期[^，。]{1,6}的)?(?:专题|实地)?"
    r"(?P<verb>调研|检查|督导|督查|视察|观摩)$"
)
_LISTED = re.compile(r"^[^，。]*、[^，。]*?等(?=[0-9一二三四五六七八九十两]|[\u4e00-\u9fa5]{2})")
_VISIT_WORK = re.compile(r"(调研|检查|督导|督查|接访|下访|接待|走访|暗访)")
_PLACE_END = (*PLACE_SUFFIXES, "中心", "园区", "工业园", "社区")
MAX_TITLE = 30
_NOT_NAME = {"同志", "一行", "带队", "率队", "同时"}
# a person's name is unknown to the dictionary or tagged as one; a known word (仔细) is none
_NAME_TAGS = {"", "nr", "nrt", "nrfg"}


def official_visit(lead: Lead, sentences: int = 4) -> str:
    """「post + name (+ 到 + place) + visit verb + object」 from the opening sentences, or ""."""
    for sentence in lead.sentences[:sentences]:
        text = strip_adverbial(TIME_HEAD.sub("", strip_adverbial(sentence)))
        for clause_start in _clause_starts(text):
            found = _visit_at(text[clause_start:])
            if found:
                return found
            if _NAMED_ONLY.match(text[clause_start:]):
                break  # 县委书记某某，县长某某带领…: two leaders, the visit is not the second's
    return ""


def _clause_starts(text: str) -> list[int]:
    """Where each clause of the sentence starts (当天，县委书记某某…: the leader may come second)."""
    return [0] + [m.end() for m in re.finditer(r"[，,]", text)][:3]


def _visit_at(text: str) -> str:
    m = _LEADER.match(text)
    if not m:
        return ""
    name = m.group("name")
    if name.startswith("一") or name in _NOT_NAME or pos_tag(name) not in _NAME_TAGS:
        return ""  # 副市长一行… / 副市长仔细察看…: no name, no leader to title
    leader = m.group("post") + name
    rest = _MANNER.sub("", text[m.end() :])
    entourage = _ENTOURAGE.match(rest)
    if entourage:
        rest = rest[entourage.end() :].lstrip("，,")
    place = ""
    go = _GO.match(rest)
    if go:
        place, rest = go.group("place"), rest[go.end() :]
    clause = re.split(r"[，,。；]", rest)[0] if rest else ""
    visit = _VISIT.match(clause)
    on = _VISIT_ON.match(clause) if not visit else None
    if visit:
        verb, obj = visit.group("verb"), visit.group("obj")
    elif on:
        verb, obj = on.group("verb"), _unlisted(on.group("obj"))
    else:
        return ""
    if verb == "开展" and not _VISIT_WORK.search(obj):
        return ""  # 开展 + what a leader's visit does, never any campaign
    if len(obj) < 4 or "、" in obj:
        return ""
    action = verb + obj
    own = place.startswith(("我", "本", "该", "全"))  # 来我县: the draft's own place, unnamed
    here = f"到{place}" if place.endswith(_PLACE_END) and "、" not in place and not own else ""
    for title in (leader + here + action, leader + action):
        if len(title) <= MAX_TITLE:
            return title
    return ""


def _unlisted(obj: str) -> str:
    """A list of visited sites closed by 等 keeps what follows it (甲景区、乙景区等3处景区X →
    3处景区X); an object without a list is kept whole."""
    m = _LISTED.match(obj)
    return obj[m.end() :] if m else obj
