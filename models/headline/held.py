"""An event a place holds, as the news: 「<place>举行/举办<event>」.

Read off the opening sentences: 「(2025年)某市X演练在某镇举行」 → 某市举行2025年X演练; 「在某县
2025年X招聘会现场，…」 → 某县举办2025年X招聘会. The event must be one the public takes part in
(a drill, a fair, a contest, a festival or an activity), never a meeting, a ceremony, a forum or a
training class (the gate's meeting_style), and must open with the place that holds it.
"""

from __future__ import annotations

import re

from models.headline.lead import Lead
from models.headline.subject import START_PLACE, actor_head

# what a title may report as held: an event of the public, named by its kind at its end
EVENT_KIND = re.compile(
    r"(演练|招聘会|运动会|比赛|竞赛|大赛|展销会|博览会|交易会|文化节|旅游节|艺术节|丰收节|美食节|"
    r"活动|宣传周|宣传月|宣传日|义诊|展览|马拉松|演出)$"
)
NOT_EVENT = re.compile(
    r"(会议|大会|座谈|仪式|论坛|培训|表彰|典礼|发布会|推介会|对接会|签约|开幕式)"
)
_HELD = re.compile(
    r"^(?P<event>[^，。；,]{6,34}?)(?:在|于)[^，。；,]{2,24}?(?:隆重|正式|顺利|成功)?(?P<verb>举行|举办)$"
)
_AT = re.compile(r"^在(?P<event>[^，。；,]{6,34}?)现场$")
_YEAR = re.compile(r"^[0-9]{4}年")
# what _HELD and _AT close on ($ also before one final "\n"): other clauses are not tried
HELD_ENDS = ("举行", "举办", "现场", "举行\n", "举办\n", "现场\n")


def held_event(lead: Lead, sentences: int = 3) -> str:
    """「place + 举行/举办 + (year) + event」 from the opening sentences, or ""."""
    for clause in lead.clauses:
        if clause.sentence >= sentences:
            break
        text = actor_head(clause.text)  # time words and adverbials out (kept per clause text)
        if not text.endswith(HELD_ENDS):
            continue
        held = _HELD.match(text)
        at = _AT.match(text) if not held else None
        m = held or at
        if not m:
            continue
        verb = held.group("verb") if held else "举办"
        title = _title(m.group("event"), verb)
        if title:
            return title
    return ""


def _title(event: str, verb: str) -> str:
    if not EVENT_KIND.search(event) or NOT_EVENT.search(event):
        return ""
    year = _YEAR.match(event)
    rest = event[year.end() :] if year else event
    place = START_PLACE.match(rest)
    if not place or place.group(1)[0] in "全各本该我":
        return ""
    name = place.group(0)
    what = rest[len(name) :]
    if len(what) < 4 or "的" in re.sub(r"“[^”]*”", "", what):
        return ""  # 卫生院门前的义诊: a scene, not an event's name
    return f"{name}{verb}{year.group(0) if year else ''}{what}"
