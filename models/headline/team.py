"""A unit's survey or inspection carried out by the team it sets up, as the news.

「某会组织…组成调研组，围绕“X”开展专题调研」 → 某会围绕“X”开展专题调研;
「某室牵头，会同…组成6个调研组，分赴9个县开展“X调研”」 → 某室开展“X调研”;
「某会抽调…组成3个督查组，采取…方式，对全县…开展燃气安全暗访督查」 → 某会开展燃气安全暗访督查;
「某室会同某局对X情况进行了专项督查」 → 某室对X情况开展专项督查 (the object when short and
without a list, else left out).

The unit is the one that opens the first sentence (models/headline/opening.py reads it); the team
work is read from the clauses of that sentence up to the first clause that names another actor.
"""

from __future__ import annotations

import re

from models.headline.lead import Clause, Lead
from models.headline.opening import split_unit
from models.headline.period import PERIOD_HEAD

_WORK = r"(?:调研|督查|暗访|督导|调查|检查|视察|核查|暗访督查)"
_SPAN = r"(?:为期[^，。]{1,8}的)?"
# 围绕/聚焦/就 + (a quoted theme) … 开展 + (专题/集中/燃气安全…) + the work
_AROUND = re.compile(
    rf"^(?:围绕|聚焦|就)(?P<theme>“[^“”]{{2,16}}”)?(?P<topic>[^，]{{0,24}}?)(?:开展|进行)了?{_SPAN}"
    rf"(?P<act>[\u4e00-\u9fa5]{{0,8}}?{_WORK})$"
)
# 分赴/深入/先后到 + places + 开展 + “named work” or the work
_GO = re.compile(
    rf"^(?:分赴|深入|先后到|先后深入|赴)[^，]{{2,24}}?开展{_SPAN}"
    rf"(?P<act>“[^“”]{{2,12}}”|[\u4e00-\u9fa5]{{0,8}}?{_WORK})$"
)
# (会同/联合 partners) 对 + object + 开展/进行 + the work
_ON = re.compile(
    rf"^(?:(?:会同|联合|协同)[^，对]{{2,24}}?)?对(?P<obj>[^，]{{2,60}}?)(?:开展|进行)了?{_SPAN}"
    rf"(?P<act>[\u4e00-\u9fa5]{{0,8}}?{_WORK})$"
)
# a set-up clause the unit opens with (组织…/组成…组/牵头/抽调…/由局长带队)
_SETUP = re.compile(r"^(?:组织|组成|抽调|牵头|成立|组建|由[^，]{1,8}带队|会同|联合|采取)")
# a sub-office named after its unit (县委|督查室): part of the unit's name
_SUB_OFFICE = re.compile(
    r"^[\u4e00-\u9fa5]{1,4}?(?:室|处|科|股|所|站|队|部)(?=会同|联合|组织|对|牵头|抽调|由|在|，|$)"
)
_NOT_ACT = re.compile(r"(了解|走访|座谈)")


def team_action(lead: Lead, sentences: int = 3) -> str:
    """「unit + (围绕“X”/对X) + 开展 + the team's survey or inspection」 from the first sentence
    that opens a clause with a unit (a background sentence before it is passed over), or ""."""
    for n in range(sentences):
        clauses = [c for c in lead.clauses if c.sentence == n]
        for i, clause in enumerate(clauses):
            unit, rest = split_unit(clause, lead)
            if not unit:
                continue
            sub = _SUB_OFFICE.match(rest)
            if sub:
                unit, rest = unit + sub.group(0), rest[sub.end() :]
            found = _act(rest) if rest else ""
            for nxt in clauses[i + 1 :] if not found else ():
                found = _act(nxt.text)
                if found or not _goes_on(nxt):
                    break
            return unit + found if found else ""
    return ""


def _goes_on(clause: Clause) -> bool:
    """The clause continues the unit's set-up (组成3个调研组, 采取“X”方式) without a new actor."""
    return bool(_SETUP.match(clause.text)) or clause.text.endswith(("组", "方式", "队伍"))


def _act(text: str) -> str:
    around = _AROUND.match(text)
    if around:
        theme = around.group("theme")
        if theme:
            return f"围绕{theme}开展" + around.group("act")
        return "开展" + _with_topic(around.group("topic"), around.group("act"))
    go = _GO.match(text)
    if go:
        return "开展" + go.group("act")
    on = _ON.match(text)
    if on and not _NOT_ACT.search(on.group("act")):
        return "开展" + _with_topic(on.group("obj"), on.group("act"))
    return ""


_COUNTED = re.compile(
    r"[0-9]+(?:个|所|家|条|项|处|座)(?:县市区|乡镇|行政村|村|社区|县级|区级|市级|县直部门)?"
)
_SCOPE = re.compile(r"^(?:全[省市县区镇乡]|辖区)")
_BARE_WORK = re.compile(rf"^(?:专题|专项|集中|实地|联合)?{_WORK}$")


def _with_topic(obj: str, act: str) -> str:
    """The work with what it is about (对全县秸秆综合利用情况开展专题调研 → 秸秆综合利用专题调研):
    the scope, counts and a closing 情况/工作 out; the work alone when it names its own topic or
    the object is a list, a place or a phrase."""
    if not _BARE_WORK.match(act):
        return act  # 减负情况专项调研 / 燃气安全暗访督查: the work names its topic
    core = _SCOPE.sub("", PERIOD_HEAD.sub("", _SCOPE.sub("", _COUNTED.sub("", obj))))
    core = re.sub(r"(情况|工作)$", "", core)
    if not 4 <= len(core) <= 14 or re.search(r"[0-9、，和及与的“”\"（）()]|^[在对向]", core):
        return act
    if core.endswith(("乡镇", "村", "社区", "县", "区", "市", "企业", "学校", "单位", "部门")):
        return act  # the places or units visited, not a topic
    return core + act


_SURVEYED_TOPIC = re.compile(
    r"(?:围绕“(?P<theme>[^“”]+)”)?开展(?P<core>[^“”]*?)(?:专题|专项)?调研$"
)


def team_report(lead: Lead) -> str:
    """A research report's title from its team's survey: 关于X情况的调研报告 when the survey names
    what it studies (a dynamic 「某会开展调研」 is the wrong genre for a report), or ""."""
    m = _SURVEYED_TOPIC.search(team_action(lead))
    if not m:
        return ""
    if m.group("theme"):
        return f"关于{m.group('theme')}的调研报告"
    core = re.sub(r"情况$", "", m.group("core"))
    return f"关于{core}情况的调研报告" if len(core) >= 2 else ""
