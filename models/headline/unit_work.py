"""What a unit did, offered among the dynamic forms (not only when nothing else survives).

A unit's survey or inspection by the team it sets up (headline/team.py: 某会围绕X开展专题调研)
is the news of a dynamic or news-style piece: it competes with the other dynamic forms instead
of waiting for every form to fail the gate (a figure of the survey's own fieldwork, 深入11个镇,
is never the point). So is the task a unit sets itself for the period (把X作为/列为…): 某县推进X.
"""

from __future__ import annotations

import re

from models.headline.lead import Lead
from models.headline.phrases import MAIN_VERB
from models.headline.team import team_action
from models.tokenize import pos_tag

_ADVISORY = re.compile(r"(政协|人大|人大常委会|常委会)$")


def team_work(lead: Lead) -> list[str]:
    """The unit's survey or inspection as a dynamic title, or nothing."""
    team = team_action(lead)
    return [team] if team else []


# 「unit (+ time) 把 X 作为/列为/摆在 Y」: X is the unit's task for the period (把稳住村医队伍作为一项硬
# 任务, 把农贸市场改造提升列为民生实事), the point of a dynamic piece
_TASK = re.compile(r"把(?P<x>(?:[^，。；：“”]|“[^“”]{1,12}”){3,22}?)(?:作为|列为|列入|摆在)")
_TASK_LEAD_WORDS = re.compile(
    r"^(?:今年以来|近年来|去年以来|今年|近期|[0-9]{4}年(?:以来)?|[0-9]{1,2}月(?:以来)?)+"
)
# the unit's clause may close on a time word or an adverb before 把 (某县今年把…, 某局从去年起把…)
_TIME_END = re.compile(r"(?:今年以来|近年来|去年以来|今年|从去年起|从今年起|始终|坚持|又|还)+$")
# the draft's own place referred to (镇里把…): the place's names
_SELF = {"镇里", "县里", "市里", "区里", "乡里", "街道", "该县", "该市", "该区", "该镇", "该乡"}
_VERB_LIKE = {"v", "vd", "vi", "d", "p", "c", "ad"}
# a nominal task closed by an activity: 推进 + it (农贸市场改造提升 → 推进农贸市场改造提升); a problem's
# cleanup (妨碍河道行洪问题整治) reads 整治 + the problem
_ACTIVITY_END = re.compile(r"(改造提升|提档升级|提质|改造|建设|改革|创建|保护|规范化)$")
_CLEANUP = re.compile(r"^(?P<what>[^，]{2,16}问题)(?P<verb>整治|治理)$")
_NOT_TASK = re.compile(r"^(这|该|此|其|上述|各项|一项|全年|工作)")


def _task_action(x: str) -> str:
    if _NOT_TASK.match(x) or "的" in x:
        return ""
    cleanup = _CLEANUP.match(x)
    if cleanup:
        return cleanup.group("verb") + cleanup.group("what")
    if MAIN_VERB.match(x) or x.startswith(("培育", "稳住", "做强", "做优", "守牢", "守住")):
        return x if len(x) >= 5 else ""  # 帮扶车间: a verb-led noun, not a task
    if _ACTIVITY_END.search(x) and pos_tag(x[:2]) not in _VERB_LIKE:
        return "推进" + x
    return ""


def framed_task(lead: Lead, names: list[str], sentences: int = 2) -> list[str]:
    """「name + the task the unit sets itself (把X作为…)」 for each name that opens the clause, or
    nothing. An advisory body (政协, 人大) is left out: what it puts first is what it monitors or
    studies, not work it does itself."""
    for sentence in lead.sentences[:sentences]:
        m = _TASK.search(sentence)
        if not m:
            continue
        unit = _TIME_END.sub("", re.split(r"[，,；;]", sentence[: m.start()])[-1])
        unit = _TASK_LEAD_WORDS.sub("", unit)
        if not unit or _ADVISORY.search(unit):
            return []  # whose task it is stays unsaid, or an advisory body's
        # the unit as named (某县人社局) or in its short form (县人社局), or the place's 镇里
        if unit in _SELF or any(n == unit or len(unit) > 2 and n.endswith(unit) for n in names):
            action = _task_action(m.group("x"))
            return [n + action for n in names] if action else []
        return []
    return []
