"""Titles for news-style pieces that would otherwise get the note: the unit's action behind an
event, and a deputy's or member's proposal reported as news.

Each shape rewrites the draft's own words, never adds a claim:

- a work meeting named after its task: 「某街道召开X工作推进会」 → 某街道推进X工作 (部署会 → 部署,
  调度会 → 调度, 动员会 → 动员部署, 培训会/培训班 → 开展X培训); a consultation on a quoted
  theme: 「某政协召开“X”协商会」 → 某政协就“X”开展协商;
- a unit that forms a survey team: 「某厅联合…组成X调研工作小组」 → 某厅开展X调研;
- a deputy's or member's proposal written as news: the role as the text names it (全国人大…代表,
  市政协委员) + 建议 + the proposal's first action, from its own title 《关于X的建议》 or from the
  clause after 建议 (「某代表建议推进X」).

The acting unit is found as models/headline/opening.py finds it; every result still passes the
gate in models/headlines.py.
"""

from __future__ import annotations

import re

from models.headline.lead import Lead
from models.headline.opening import split_unit
from models.headline.phrases import first_action, names_theme
from models.tokenize import pos_tag

_HOLD = r"(?:召开|举行|举办)(?:了)?"
_MEETING_KINDS = {
    "推进会": "推进",
    "推进大会": "推进",
    "部署会": "部署",
    "部署大会": "部署",
    "调度会": "调度",
    "动员会": "动员部署",
    "动员大会": "动员部署",
    "动员部署会": "动员部署",
    "培训会": "培训",
    "培训班": "培训",
}
_KIND = "|".join(sorted(_MEETING_KINDS, key=len, reverse=True))
_WORK_MEETING = re.compile(rf"^{_HOLD}((?:“[^“”]{{2,12}}”)?[\u4e00-\u9fa5]{{4,20}}?)({_KIND})$")
_CONSULT = re.compile(
    rf"^{_HOLD}(“[\u4e00-\u9fa5]{{4,16}}”)[\u4e00-\u9fa5]{{0,10}}?协商(?:座谈)?会$"
)
# a time or place before the verb (10日在北京召开…)
_BEFORE_VERB = re.compile(
    r"^(?:[0-9一二三四五六七八九十]{1,3}日|第一时间|随即|迅速|及时)?(?:在[\u4e00-\u9fa5]{1,8}?(?=召开|举行|举办))?"
)
# the topic of a work meeting must be a task, not a person or a session (第三次会议)
_BAD_TOPIC = re.compile(r"(会议|大会|届|次|同志|主任|书记|组长|我们|[由任的]|[0-9])")


def _topic_ok(topic: str) -> bool:
    bare = topic.strip("“”")
    if _BAD_TOPIC.search(bare) or len(bare) < 4:
        return False
    return pos_tag(bare[:2]) not in ("p", "c", "u", "uj", "d", "r", "m", "q")


_SEMINAR = re.compile(rf"^{_HOLD}(?:专题)?(研讨|论证)会议?$")
_FOR = re.compile(r"^(?:为|就|围绕)([^，]{2,40})$")


# what a seminar works on: a document named by its kind (集体提案, 规划草案, 条例修订稿)
_DOCUMENT = re.compile(
    r"^[\u4e00-\u9fa5]{0,8}?(?:提案|议案|建议|方案|规划|报告|条例|办法|课题|计划|意见)"
    r"(?:草案|初稿|修订稿|征求意见稿|送审稿)?"
)


def _object_head(text: str) -> str:
    """The document after the last 的 of `text` (拟提交…的集体提案把脉定向 → 集体提案), or ""."""
    m = _DOCUMENT.match(text.rsplit("的", 1)[-1])
    return m.group(0) if m and len(m.group(0)) >= 3 else ""


# a meeting of any name, then 「会议(认真)审议/讨论了…X报告初稿」 in the next sentences
_ANY_MEETING = re.compile(rf"^{_HOLD}[\u4e00-\u9fa5]{{0,12}}会议?$")
_REVIEW = re.compile(
    r"^会议(?:认真|逐项|集中)?(审议|讨论|研究)(?:了)?(?:题为)?"
    r"((?:《[^《》]{2,24}》)?[\u4e00-\u9fa5]{0,10}?(?:报告|方案|规划|办法|条例|意见|提案)"
    r"(?:初稿|草案|修改稿|征求意见稿|送审稿)?)$"
)


def _reviewed(lead: Lead, sentence: int) -> str:
    """「会议审议了X报告初稿。」 as one of the next two sentences → 审议X报告初稿, or ""."""
    for text in lead.sentences[sentence + 1 : sentence + 3]:
        m = _REVIEW.match(text.rstrip("。 "))
        if m:
            return m.group(1) + m.group(2)
    return ""


def meeting_action(lead: Lead, sentences: int = 6) -> str:
    """「unit + 召开X推进会/部署会…」 → unit + the task's verb + X; 「unit + 召开研讨会，为Y…」 →
    unit + 研讨 + Y's noun phrase; or ""."""
    clauses = list(lead.clauses)
    for i, clause in enumerate(clauses):
        if clause.sentence >= sentences:
            break
        unit, rest = split_unit(clause, lead)
        if not unit:
            continue
        rest = _BEFORE_VERB.sub("", rest)
        seminar = _SEMINAR.match(rest)
        nxt = clauses[i + 1] if i + 1 < len(clauses) else None
        if seminar and nxt and nxt.sentence == clause.sentence:
            on = _FOR.match(nxt.text)
            obj = _object_head(on.group(1)) if on else ""
            if obj and _topic_ok(obj + "研讨"):
                return f"{unit}{seminar.group(1)}{obj}"
        m = _WORK_MEETING.match(rest)
        if m and _topic_ok(m.group(1)):
            topic, verb = m.group(1).removesuffix("现场"), _MEETING_KINDS[m.group(2)]
            if verb == "培训":
                return f"{unit}开展{topic.removesuffix('培训')}培训"
            return f"{unit}{verb}{topic}"
        review = _reviewed(lead, clause.sentence) if _ANY_MEETING.match(rest) else ""
        if review:
            return unit + review
        c = _CONSULT.match(rest)
        if c and _topic_ok(c.group(1)):
            return f"{unit}就{c.group(1)}开展协商"
    return ""


# 「A局、B街道、C社区…等多方联动开展“X”活动」: the first unit and the others, as the draft says
_JOINT_EVENT = re.compile(
    r"^([\u4e00-\u9fa5]{2,8}?(?:局|委|办|街道|镇|乡|政府|中心))(?:、[^，、]{2,10}){1,6}"
    r"等(多方|多部门|多家单位|各方|部门)(联动|联合)?(?:组织)?开展"
    r"((?:“[^“”]{2,12}”)?[\u4e00-\u9fa5]{0,8}(?:活动|行动))$"
)


def joint_event(lead: Lead, sentences: int = 2) -> str:
    """「A、B、C等多方联动开展X活动」 → A等多方联动开展X活动, or ""."""
    for clause in lead.clauses:
        if clause.sentence >= sentences:
            break
        m = _JOINT_EVENT.match(clause.text)
        if m:
            return f"{m.group(1)}等{m.group(2)}{m.group(3) or ''}开展{m.group(4)}"
    return ""


_SURVEY_TEAM = re.compile(
    r"^(?:(?:联合|会同)[^，。]{2,40}?)?(?:组成|成立|组建)(?:了)?"
    r"([\u4e00-\u9fa5“”]{2,14}?)(调研|调查|督查|检查)(?:工作)?(?:小)?组$"
)


def team_survey(lead: Lead, sentences: int = 2) -> str:
    """「unit (联合…) 组成X调研工作小组」 → unit + 开展X调研, or ""."""
    for clause in lead.clauses:
        if clause.sentence >= sentences:
            break
        unit, rest = split_unit(clause, lead)
        m = _SURVEY_TEAM.match(rest) if unit else None
        if m and _topic_ok(m.group(1)):
            return f"{unit}开展{m.group(1)}{m.group(2)}"
    return ""


# the role as the text names it: 全国人大代表, 市政协委员, or 全国人大…会议…代表 (the level and
# the body before it)
_ROLE = re.compile(r"(全国|省|市|县|区)?(人大代表|政协委员)")
_ROLE_SPLIT = re.compile(r"(全国|省|市|县|区)(人大|政协)[^，。“”《》]{0,16}?(代表|委员)(?!会|团)")
# the proposal's own title, in 《》 or named inline as one proposal (带来了一份关于X的建议)
_OWN_TITLE = re.compile(
    r"《关于([^《》]{4,30})的(?:建议|提案|议案)》"
    r"|(?:一份|一件|一条|带来了?|提交了?|提出了?|递交了?)(?:[^，。《》关]{0,6})"
    r"关于([^《》，。“”]{4,30}?)的(?:建议|提案|议案)"
)
_SAID = re.compile(r"(?:她|他|其|代表|委员)(?:还)?建议[，,:：]?([^。；;]{4,80})")


def _role(text: str) -> str:
    m = _ROLE.search(text)
    if m:
        return m.group(0)
    s = _ROLE_SPLIT.search(text)
    if s:
        return f"{s.group(1)}{s.group(2)}{'代表' if s.group(2) == '人大' else '委员'}"
    return ""


# many members or many proposals: a session round-up, where one proposal is not the point
_MANY = re.compile(
    r"(代表们|委员们|党员们|盟员们|各位代表|各位委员|[0-9]+(?:多|余)?(?:件|篇|份)(?:提案|建议|议案)"
    r"|(?:提案|建议|议案)[0-9]+(?:多|余)?(?:件|篇|份))"
)
_HANDLED = re.compile(
    r"(办理|督办|答复|办结|承办)[^，。]{0,8}(提案|建议|议案)|(提案|建议|议案)[^，。]{0,4}(办理|督办|答复|办结)"
)
_PROPOSAL_TITLE = re.compile(r"《[^《》]{4,40}(?:建议|提案|议案)》")


def member_proposal(lead: Lead) -> str:
    """「(全国)人大代表/政协委员 + 建议 + the proposal's first action」, or "".

    Only for a piece about one member's proposal: a round-up (委员们…, 提交提案120余篇, several
    《…建议》) gets nothing, since one member's proposal is not its point."""
    text = lead.text
    role = _role(text)
    if not role or _MANY.search(text) or len(_PROPOSAL_TITLE.findall(text)) > 1:
        return ""
    if _HANDLED.search(text):  # a unit handles the proposal: its handling is the point
        return ""
    own = _OWN_TITLE.search(text)
    action = first_action(own.group(1) or own.group(2)) if own else ""
    if not action:  # the first thing the member proposes: only when it names the theme
        said = _SAID.search(text)
        opening = lead.sentences[:2]
        action = (
            first_action(said.group(1), lambda a: names_theme(a, text, opening)) if said else ""
        )
    return f"{role}建议{action}" if action else ""


# a member who visits a place and listens there: 「代表/委员 (某某) 来到/走访 X，…倾听…」
_VISIT = re.compile(
    r"(?:再次|近日|日前|专程)?(?:来到|走进|走访|深入)(?P<place>[\u4e00-\u9fa5]{2,12}?"
    r"(?:村|社区|街道|镇|乡|小区|企业|学校))$"
)
_LISTEN = re.compile(
    r"^(?:实地走访|面对面)?(?P<act>(?:倾听|听取|收集|搜集|征集)(?:群众|村民|居民|企业|职工)?"
    r"(?:声音|心声|意见建议|意见|诉求|建议))$"
)


def member_visit(lead: Lead, sentences: int = 2) -> str:
    """「(县)人大代表/政协委员 + 走访 + the place + 倾听… 」 when a member visits and listens, or ""
    (the member by role, never by name)."""
    for i, clause in enumerate(lead.clauses):
        if clause.sentence >= sentences:
            break
        role = _ROLE.search(clause.text)
        if not role:
            continue
        visit = _VISIT.search(clause.text[role.end() :])
        if not visit:
            continue
        for later in lead.clauses[i + 1 : i + 4]:
            if later.sentence != clause.sentence:
                break
            listen = _LISTEN.match(later.text)
            if listen:
                return f"{role.group(0)}走访{visit.group('place')}{listen.group('act')}"
    return ""
