"""What a ceremony lead reports: the body founded, the base named or the class opened.

「<X>成立大会(暨…)在<place>举行」 → X成立; 「<X>授牌仪式在<place>举行」 → X授牌; 「<X>培训班在<place>
开班」 → X培训班开班. The ceremony, the meeting after 暨 and the venue are dropped: what is news is
that the body exists, the base is named, the class runs. X must open with a place (某市…, 全县…) or
an edition (第五届, 首届) and name no meeting itself (会议, 座谈); a meeting remains a meeting
(the gate's meeting_style).
"""

from __future__ import annotations

import re

from models.headline.lead import Lead
from models.headline.subject import START_PLACE, actor_head

_VERB = r"(?P<verb>成立|授牌|揭牌|开班|开营|挂牌)"
_VENUE = r"(?:在|于)[^，。；,;]{2,20}?"
_CEREMONY = re.compile(
    rf"^(?P<x>[^，。；,;]{{4,26}}?){_VERB}(?:仪式|大会|典礼)(?:暨[^，。；,;]{{2,30}}?)?"
    rf"{_VENUE}(?:隆重|正式|顺利)?(?:举行|举办|召开)$"
    rf"|^(?P<x2>[^，。；,;]{{4,26}}?){_VENUE}(?:隆重|正式|顺利)?(?P<verb2>开班|开营|成立|揭牌|授牌)$"
)
# what _CEREMONY closes on ($ also before one final "\n"; _THEME cuts only the head): other
# clauses are not tried
_CEREMONY_END_WORDS = ("举行", "举办", "召开", "开班", "开营", "成立", "揭牌", "授牌")
CEREMONY_ENDS = _CEREMONY_END_WORDS + tuple(w + "\n" for w in _CEREMONY_END_WORDS)
_NOT_BODY = re.compile(r"(会议|大会|座谈|论坛|仪式|签约|签署|暨|[在于的—\-])")
_GENERAL = re.compile(r"^(全[省市县区镇乡]|第[一二三四五六七八九十0-9]{1,3}[届期]|首届|首期)")
_CLASS = re.compile(r"(培训班|研修班|训练营|示范班|学习班|专题班|夏令营)$")
_THEME = re.compile(r"^以“[^”]{2,20}”为主题的")
_YEAR = re.compile(r"^[0-9]{4}(?:—[0-9]{4})?年度?")


_OPEN = {"“": "”", '"': '"', "「": "」"}


def quoted_opening(lead: Lead, limit: int = 3) -> int:
    """How many of the first sentences are someone's words (a news piece that opens with a
    quote, 「“…！”」): the lead proper starts after them (at most `limit`)."""
    n, close = 0, ""
    for sentence in lead.sentences[:limit]:
        if not close:
            if sentence[:1] not in _OPEN:
                break
            close, sentence = _OPEN[sentence[:1]], sentence[1:]
        if close in sentence:
            close = ""
        n += 1
    return n


def ceremony_news(lead: Lead, sentences: int = 2) -> str:
    """「X成立/授牌/揭牌」 or 「X培训班开班」 from a ceremony lead in the opening sentences, or ""."""
    for clause in lead.clauses:
        if clause.sentence >= sentences:
            break
        text = actor_head(clause.text)
        m = _CEREMONY.match(_THEME.sub("", text)) if text.endswith(CEREMONY_ENDS) else None
        if not m:
            continue
        x, verb = (
            (m.group("x"), m.group("verb")) if m.group("x") else (m.group("x2"), m.group("verb2"))
        )
        x = re.sub(r"(集中|正式|统一)$", "", _YEAR.sub("", x))
        if _NOT_BODY.search(x):
            continue
        if verb in ("开班", "开营") and not _CLASS.search(x):
            continue  # only a class or a camp opens (开班): never a meeting
        if verb not in ("开班", "开营") and _CLASS.search(x):
            continue
        if START_PLACE.match(x) or _GENERAL.match(x):
            return x + verb
    return ""
