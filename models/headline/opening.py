"""Titles read off the draft's opening clauses when no template form survives the gate.

Shapes in the draft's own wording with the acting unit as the clause's own actor:

- a count led by its unit: 「某会议已收到提案N件」, 「某提案组共收到提案N件」 (收到/提交/受理/立案
  + 提案/建议/议案 + the count with its unit word, either order), or a unit's handling of them:
  「某局共承办人大代表建议和政协提案N件」;
- an official's statement of a counted set of problems: 「某部副部长某某表示，尽管X的…，但…发现
  三个方面的问题」 → 某部指出X存在三方面问题 (the unit, never the person);
- a survey with its stated aim: 「为了解X的情况，课题组…开展入户调查」 → 关于X的调查报告;
- a unit that holds a meeting or sets up a team and then acts in the next clause of the same
  sentence: 「某委员会召开会议，对X进行初审」 → 某委员会对X进行初审; 「某政协召开约谈会，倾听…」 →
  某政协倾听…; 「某办成立两个督查组，对…进行督查」 → 某办开展督查 (the object is trimmed at a clean
  phrase boundary: the head after the last 的, else the action alone).

The unit is found as models/headline/subject.py finds it; a session name between the body and its
committee is dropped (某政协N届N次会议提案委员会 → 某政协提案委员会).
"""

from __future__ import annotations

import re

from models.headline.lead import Clause, Lead
from models.headline.subject import (
    PERSON_POST,
    TIME_HEAD,
    actor_head,
    strip_adverbial,
    unit_at_start,
)
from models.tokenize import pos_tag, tokenize

# patterns of inline re calls, compiled once (the re module's cache lookup per call cost more)
_COMMA = re.compile(r"[，,；;]")
_DIGIT = re.compile(r"[0-9]")
_DIGIT_OR_PRONOUN = re.compile(r"[0-9我你他她它这那其该此]")
_PERFECTIVE_LE = re.compile(r"(?<=[\u4e00-\u9fa5])了(?![解结])")
_PERSON_END = re.compile(r"(者|员(?!会))")

_COUNTED = r"(?:提案|建议|议案)"
_COUNT_VERB = r"(?:收到|提交|受理|立案)"
_NUM = r"[0-9]+(?:\.[0-9]+)?万?(?:多|余)?件"
_COUNT = re.compile(rf"^(?:已|共|累计|共计)*{_COUNT_VERB}(?:{_COUNTED}{_NUM}|{_NUM}{_COUNTED})$")
# a unit that handles deputies' suggestions and members' proposals: 「(共)承办人大代表建议和政协
# 提案N件」, 「已办理政协提案N件」 (the kinds as the draft names them, at most three)
_KIND = r"(?:(?:全国|省|市|县|区)?(?:人大代表|人大|政协委员|政协))?(?:的)?(?:建议|提案|议案)"
_HANDLE = re.compile(
    rf"^(?:已|共|累计|共计)*(?:承办|办理|办结|答复)(?:了)?(?:{_KIND}(?:、|和|及|与)?){{1,3}}"
    rf"(?:共)?{_NUM}$"
)
# a committee or group of the unit named after it (提案审查委员会, 大会提案组)
_SUB_UNIT = re.compile(
    r"^(?!联合|会同|协同|配合|牵头)(?:大会)?[\u4e00-\u9fa5]{0,8}?"
    r"(?:委员会|专委会|专委|工作组|督查组|提案组|调研组|小组)"
)
# what the unit does first: holds a meeting, or sets up a team (the second clause is the news)
_HOLDS = re.compile(
    r"(?:召开|举行|举办)[^，]{0,16}(?:会议|会)$|^(?:成立|组成|组建|抽调)[^，]{0,10}(?:组|队)$"
)
# the action that follows: 对/就 X 进行/开展 Y, or a listening/reviewing verb with its object
_ON = re.compile(r"^[对就]([^，]{2,60})(?:进行|开展)(?:了)?([\u4e00-\u9fa5]{2,6})$")
_ACT = re.compile(r"^(倾听|听取|征求|收集|征集|审议|初审|审查|研究|部署|通报|协商)([^，]{2,16})$")
_SESSION_END = re.compile(r"[一二三四五六七八九十]+届[一二三四五六七八九十]+次(?:会议|全会|大会)$")
_INVITES = re.compile(r"^(邀请|组织|召集|带领|率领|召开|举行|举办)")
_BAD_OBJECT = re.compile(r"(我们|大家|他们|自己|[、“”（）()])")


def split_unit(clause: Clause, lead: Lead) -> tuple[str, str]:
    """(acting unit, the rest of the clause) or ("", ""); once per clause of the lead (the
    count, set-up, meeting and survey shapes each read the clauses again)."""
    key = ("unit", clause)
    found: tuple[str, str] | None = lead.memo.get(key)
    if found is None:
        found = lead.memo[key] = _unit_once(clause, lead)
    return found


def _unit_once(clause: Clause, lead: Lead) -> tuple[str, str]:
    text = actor_head(clause.text)
    unit = unit_at_start(clause, text, lead) if text else ""
    if not unit:
        return "", ""
    rest = text[len(unit) :]
    sub = _SUB_UNIT.match(rest)
    if sub:
        session = _SESSION_END.search(unit)
        base = unit[: session.start()] if session else unit
        unit, rest = base + sub.group(0).removeprefix("大会"), rest[sub.end() :]
    if _PERSON_END.search(unit):
        return "", ""  # 某某代表/委员: a person acts
    if PERSON_POST.search(rest[:8]) and not (_INVITES.match(rest) or _HANDLE.match(rest)):
        return "", ""  # 某政协副主席某某…: a person acts; 邀请部分委员…/承办代表建议…: the unit
    return unit, rest


_SPAN = re.compile(r"^(?:[一二三四五六七八九十两0-9]+年来|今年以来|本届以来|近年来)$")


def count_clause(lead: Lead, sentences: int = 3, later: int = 8) -> str:
    """「unit + (已/共)收到提案N件」 from the first sentences, or "".

    Up to `later` sentences, a count without its own unit (「五年来，共收到提案N件」) takes the
    unit that last opened a clause before it, with the span it states (某政协五年来共收到…)."""
    last, prev = "", ""
    for clause in lead.clauses:
        if clause.sentence >= later:
            break
        unit, rest = split_unit(clause, lead)
        counted = _COUNT.match(rest) or _HANDLE.match(rest)
        if unit and counted and clause.sentence < sentences:
            return unit + rest
        if unit and not _SESSION_END.search(unit) and not _DIGIT.search(unit):
            last = unit
        elif not unit and last and _COUNT.match(clause.text):
            span = prev if _SPAN.match(prev) else ""
            return last + span + clause.text
        prev = clause.text
    return ""


def _object(obj: str) -> str:
    """X of 对X进行Y trimmed at a clean boundary: the head after the last 的, whole when short."""
    if "的" in obj:
        obj = obj.rsplit("的", 1)[1]
    if _BAD_OBJECT.search(obj) or len(obj) > 12 or len(obj) < 2:
        return ""
    return obj


def action_after_setup(lead: Lead, sentences: int = 2) -> str:
    """「unit + 召开会议/成立督查组，对X进行Y」 → unit + the following action, or ""."""
    clauses = list(lead.clauses)
    for i, clause in enumerate(clauses[:-1]):
        if clause.sentence >= sentences:
            break
        nxt = clauses[i + 1]
        if nxt.sentence != clause.sentence:
            continue
        unit, rest = split_unit(clause, lead)
        rest = _PERFECTIVE_LE.sub("", rest)
        if not unit or not _HOLDS.search(rest):
            continue
        after = _PERFECTIVE_LE.sub("", nxt.text)
        on = _ON.match(after)
        if on:
            obj = _object(on.group(1))
            return f"{unit}对{obj}进行{on.group(2)}" if obj else f"{unit}开展{on.group(2)}"
        act = _ACT.match(after)
        if act and not _BAD_OBJECT.search(act.group(2)):
            return unit + after
    return ""


# an explicit problem cue: 存在/发现 (N个/一些) 方面的问题
_PROBLEM_CUE = re.compile(
    r"(?:存在|发现)(?:了)?(?:([一二三四五六七八九十两])个|一些|几个|诸多)?方面(?:的)?(?:突出)?问题"
)
_PLACEHOLDER = re.compile(r"^(?:[xX×*＊]{1,4}|某)[省市县区镇乡]")
# the sentence's opening topic, followed by its own verb (某县新农村建设于…启动)
_OPEN_TOPIC = re.compile(r"^([\u4e00-\u9fa5]{3,10}?)(?:于|在|自|从|经过|已|实施|工作)")
_NUMERALS = "零一二三四五六七八九十"


def problem_opening(lead: Lead, place: str, sentences: int = 3) -> str:
    """「(place) + topic + 存在N方面问题需关注」 when a sentence opens on its topic and states
    its problems with an explicit cue (存在三个方面的问题), or ""."""
    from models.headline.genre import template_topic_ok  # genre imports nothing from here

    for sentence in lead.sentences[:sentences]:
        cue = _PROBLEM_CUE.search(sentence)
        if not cue:
            continue
        first = strip_adverbial(TIME_HEAD.sub("", sentence.split("，")[0].split(",")[0]))
        first = _PLACEHOLDER.sub("", first)
        named = place if place and first.startswith(place) else ""
        m = _OPEN_TOPIC.match(first[len(named) :])
        if not m or not template_topic_ok(m.group(1), lead.text):
            continue
        n = cue.group(1)
        count = f"存在{n}方面问题" if n else "问题"
        return f"{named}{m.group(1)}{count}需关注"
    return ""


# an official's statement that lists problems: 「X部副部长某某…表示，尽管Y的…，但…发现三个方面
# 的问题」 → X部指出Y存在三方面问题 (the unit, never the person)
_OFFICIAL = re.compile(
    r"(?:^|[，,：:])([\u4e00-\u9fa5]{2,10}?(?:部|厅|局|委|办|署))(?:党组)?(?:副)?"
    r"(?:部长|厅长|局长|主任|署长|司长|负责人)"
)
_SAYS = re.compile(r"(表示|指出|介绍)[，,：:]?")
_CONCEDE = re.compile(r"^(?:尽管|虽然|虽|总体上看|总的来看|从总体上看)")


def official_problems(lead: Lead, sentences: int = 3) -> str:
    """「unit + 指出 + topic + 存在N方面问题」 from an official's statement, or ""."""
    for sentence in lead.sentences[:sentences]:
        cue = _PROBLEM_CUE.search(sentence)
        if not cue or not cue.group(1):
            continue  # only a stated count (三个方面), never a guess
        off = _OFFICIAL.search(sentence[: cue.start()])
        says = _SAYS.search(sentence, off.end(), cue.start()) if off else None
        if not off or not says:
            continue
        for clause in _COMMA.split(sentence[says.end() : cue.start()]):
            head = _CONCEDE.sub("", clause).split("的")[0]
            if head != clause and 3 <= len(head) <= 10 and _noun_phrase(head):
                return f"{off.group(1)}指出{head}存在{cue.group(1)}方面问题"
    return ""


_NOT_NOUN_START = {"v", "vd", "vi", "p", "c", "d", "r", "u", "uj", "m", "q", "f", "t", "a", "ad"}


def _noun_phrase(text: str) -> bool:
    """A topic noun phrase (高标准农田建设): no digit or pronoun, not opening on a verb or a
    function word."""
    words = [w for w in tokenize(text) if w.strip()]
    if not words or _DIGIT_OR_PRONOUN.search(text):
        return False
    return pos_tag(words[0]) not in _NOT_NOUN_START


# a survey with its stated aim: 「为(深刻)认识/了解/评估X的成效…，课题组…开展调查研究」 →
# 关于X的调查报告 (what was surveyed, as the draft names it)
_AIM = re.compile(
    r"(?:深刻|深入|全面|客观|准确|进一步)?(?:认识|了解|掌握|摸清|评估|总结|把握)"
    r"([\u4e00-\u9fa5“”]{4,16}?)的(?:运行|发展|建设|实施|推进|管理)?"
    r"(?:历史成就|成就|成效|经验|情况|现状|效应|底数|做法)"
)
_SURVEYED = re.compile(
    r"(?:开展|进行|组织|完成)(?:了)?(?:专题)?(?:调查研究|问卷调查|入户调查|抽样调查|实地调查|调查)"
)


def survey_report(lead: Lead, sentences: int = 3) -> str:
    """「关于X的调查报告」 when a survey is stated with its aim in the same sentence, or ""."""
    for sentence in lead.sentences[:sentences]:
        done = _SURVEYED.search(sentence)
        aim = _AIM.search(sentence[: done.start()]) if done else None
        if aim and _noun_phrase(aim.group(1).strip("“”")):
            return f"关于{aim.group(1)}的调查报告"
    return ""
