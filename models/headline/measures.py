"""A measures-structured piece by its goal: 「S + 多措并举 + goal」.

A dynamic piece that lists its measures (一是…二是…, （一）…, 从三个方面发力, 多项措施) is titled by
the goal the measures serve, stated in the lead as one clause: 推进殡葬改革, 确保普查数据真实准确,
帮助返乡人员就业, or the task it set itself (把稳住村医队伍作为…: 稳住村医队伍). 多措并举 claims no
count: the exact number stays with the 「S + N举措」 form when the draft's list is certain.
"""

from __future__ import annotations

import re

from models.headline.lead import Lead
from models.headline.phrases import enumerated
from models.headline.subject import actor_head

_GOAL_VERB = (
    r"(?:推动|推进|促进|保障|帮助|稳住|稳定|化解|破解|提升|规范|确保|助力|加快|做好|抓好|守护|"
    r"筑牢|补齐|优化|清理|治理|解决|推行)"
)
_MANNER = r"(?:稳妥|稳步|全力|着力|持续|扎实|积极|大力|切实|进一步|全面|有序|整乡|整村|合力)*"
_GOAL = re.compile(rf"^{_MANNER}(?P<goal>{_GOAL_VERB}[\u4e00-\u9fa5“”]{{3,14}})$")
_TASK = re.compile(
    r"把(?P<goal>(?:稳住|做强|做优|守牢|守住|推进|推动|提升)[\u4e00-\u9fa5]{3,12}?)(?:作为|列为)"
)
# the draft says it took several measures, without a list we could count
_SEVERAL = re.compile(
    r"(多项措施|多措并举|多种方式|多渠道|多举措|[两三四五六七八]个方面|[两三四五六七八]方面)"
)
_BAD_GOAL = re.compile(r"(的$|了|工作者|[0-9])")


def measures_goal(lead: Lead, names: list[str], measures: int, sentences: int = 2) -> list[str]:
    """「name + 多措并举 + the goal」 for each name, or nothing (no listed measures, no goal).
    `measures`: the draft's counted list (phrases.count_measures of the lead, already read)."""
    if not names or not (measures >= 2 or _SEVERAL.search(lead.text[:600])):
        return []
    for sentence in lead.sentences[:sentences]:
        if enumerated(sentence):
            continue
        task = _TASK.search(sentence)
        if task and not _BAD_GOAL.search(task.group("goal")):
            return [f"{n}多措并举{task.group('goal')}" for n in names]
    for clause in lead.clauses:
        if clause.sentence >= sentences:
            break
        if enumerated(lead.sentences[clause.sentence]):
            continue  # one listed measure, not the goal they serve
        text = actor_head(clause.text)
        for n in sorted(names, key=len, reverse=True):
            text = text.removeprefix(n)
        m = _GOAL.match(text)
        if m and not _BAD_GOAL.search(m.group("goal")):
            return [f"{n}多措并举{m.group('goal')}" for n in names]
    return []
