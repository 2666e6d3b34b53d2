"""What a research report studies, read from the purpose clause that states its study.

「为(全面)掌握/了解/摸清 + X + (的)(真实/实际) + 情况/现状/状况」 names what the survey set out to
learn: 关于X情况的调研报告 (or X状况调查报告 for a 调查 piece) is titled from it, rather than from
a noun phrase of the scene-setting background. The scope (全县, 我市, 辖区) is dropped, one 的
between two nouns is dropped (留守老人的生活 → 留守老人生活); a second object after 和/及 is left
out (生活状况和实际需求 → 生活状况).
"""

from __future__ import annotations

import re

from models.tokenize import pos_tag

_PURPOSE = re.compile(
    r"为(?:了)?(?:全面|深入|进一步|准确|切实|系统|更好地?)?(?:了解|掌握|摸清|查清|弄清|摸准|摸透)"
    r"(?P<obj>[^，。；：:,;、“”（）()]{3,24}?)(?:的)?(?:真实|实际|基本|具体|总体)?"
    r"(?P<head>情况|现状|状况)"
)
_SCOPE = re.compile(r"^(?:全[省市县区镇乡旗]|[我本该][省市县区镇乡旗]|辖区|各地|当前|目前|近年来)+")
_NOT_OBJ = re.compile(
    r"[0-9]|(?:和|及|与|以及|并)$|^(?:推进|工作|有关|相关|上述|这些|其|该|真实|实际|基本|具体|政策|改革)"
)
MIN_OBJ, MAX_OBJ = 3, 14


def _clean(obj: str) -> str:
    obj = _SCOPE.sub("", obj)
    head, sep, tail = obj.partition("的")
    if sep and "的" not in tail and len(head) >= 2 and len(tail) >= 2:
        # 留守老人的生活 → 留守老人生活: the 的 between two nouns goes, as in titles
        if pos_tag(head[-2:]).startswith("n") and pos_tag(tail[:2]).startswith(("n", "v")):
            obj = head + tail
    return obj


def studied_topic(body: str, window: int = 600) -> tuple[str, str]:
    """(X, 情况/现状/状况) from the first purpose clause in the body's opening, or ("", "").

    The whole body is read, not the lead: the paragraph that states the study often closes
    with 现将…报告如下, a line the lead drops as furniture."""
    m = _PURPOSE.search(body[:window])
    if not m:
        return "", ""
    obj = _clean(m.group("obj"))
    if MIN_OBJ <= len(obj) <= MAX_OBJ and "的" not in obj and not _NOT_OBJ.search(obj):
        return obj, m.group("head")
    return "", ""


# a unit's study told as news (县民政局…组成2个调研组，先后到8个乡镇…): the body names the study
_STUDY_DONE = re.compile(r"(调研组|专题调研|开展调研|调研活动|进行调研|实地调研|调研中)")
_OBJ_TAIL = re.compile(r"(推进|工作|落实|开展|进展)+$")
# two objects or a second purpose inside (摸清底数和了解…): no one topic to name
_OBJ_JOINED = re.compile(r"[和及与并、]|了解|掌握|摸清|查清")


def study_news(body: str, names: list[str], window: int = 600) -> str:
    """「unit + 开展 + X + 调研」 for a dynamic piece that states what a unit's study set out to
    learn (为掌握X情况) and tells the study itself, with the first of `names` (the draft's own
    subject names) that the opening names; "" otherwise."""
    obj, _ = studied_topic(body, window)
    obj = _OBJ_TAIL.sub("", obj)
    if len(obj) < MIN_OBJ or _OBJ_JOINED.search(obj) or not _STUDY_DONE.search(body[:window]):
        return ""
    # the unit before its place (县民政局 before 县): the one that studies
    name = next((n for n in sorted(names, key=len, reverse=True) if n and n in body[:window]), "")
    return f"{name}开展{obj}调研" if name else ""
