"""The main action of the lead: predicate + object (+ the figure it carries), from jieba words.

Read off the subject's own clauses in the first sentences (subject.acting_clauses), each one:

- time adverbials (今年以来, 截至6月底), the subject, the place's self-references (全县, 镇里)
  and aspect adverbs (已, 共, 累计) are dropped;
- a counted thing as the topic (列入清单的46条黑臭水体已全部完成治理) keeps the count and drops
  its 的-modifier: 46条黑臭水体全部完成治理;
- a benefactive 为/向/给 + noun phrase + work verb is kept whole (为612户家庭完成无障碍改造);
  a locative or framing adjunct (在全乡9个村, 对辖区312家机构) is dropped before its work verb;
- the first word must be a listed work verb (phrases.MAIN_VERB or _WORK below: a jieba verb tag
  alone lets 就业/受骗/等待 through), not heading a noun phrase (调研活动…), never a stance
  (坚持/聚焦), a team set-up (成立2个督查组), a forecast (将达, 预计) or narration (是/只能/来自…);
- the object runs to the clause end or stops at a clean boundary (并/从而/进而/确保/让…), never
  on an adverb (…优先) and never a bare slogan list (创建“甲、乙”); a quoted name “…” is never
  cut; 4–24 characters, numbers and units as written.

`event_start` reads a festival, campaign or facility that opens (…开幕/启动/启用/开馆); a meeting
or a ceremony is never one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from models.headline.lead import Lead
from models.headline.phrases import (
    BAD_INSIDE,
    BAD_PREDICATE,
    FRAMED,
    LABEL_END,
    MAIN_VERB,
    NARRATED,
    NOUN_HEAD,
    RESULT_VERBS,
    SLOGAN,
    STANCE,
    TEAM,
    drop_adjunct,
    enumerated,
)
from models.headline.subject import Subject, acting_clauses
from models.tokenize import pos_tag, tokenize

_TIME = re.compile(
    r"^(全年|年内|今年以来|近年来|去年以来|今春以来|入汛以来|入夏以来|年初以来|近期|近日|日前|目前|当前|"
    r"今年|去年|今春|年初|(?:截至|截止)(?:目前|今年|[0-9]{4}年)?(?:[0-9]{1,2}月)?"
    r"(?:[0-9]{1,2}日|底|末|上旬|中旬|下旬)?|[0-9]{4}年(?:以来)?|"
    r"[0-9一二三四上下前—\-]{1,6}(?:季度|半年|月份|月底|月初|月)(?:以来)?|[0-9]{1,2}日|"
    r"已经|已|共计|共|累计|先后|陆续|分别)+"
)
_SELF = re.compile(r"^(全[县市区镇乡]|该[县市区镇乡]|[县市区镇乡]里|本[县市区镇乡])")
_NEWS = re.compile(r"(出席|主持|讲话|指出|强调|要求|记者|获悉|了解到|来到|走进|致辞|表示)")
_COUNTED = re.compile(
    r"^(?:[^，]{0,24}的)?"
    r"([0-9]+(?:\.[0-9]+)?[万亿]?(?:个|条|座|所|家|户|项|处|张|套|宗|台|辆|间|批|名)"
    r"[\u4e00-\u9fa5“”]{2,14}?)"
    r"(?:已经|已|均)?(全部|均)?"
    r"(完成|建成|开工|投入运行|投入使用|投用|通过验收|整改销号|销号|纳入|上线|启用|开通|实现)"
    r"([\u4e00-\u9fa5“”]{0,10})$"
)
_BENEFACTIVE = ("为", "向", "给")
_PURPOSE = {
    "助力",
    "推动",
    "推进",
    "促进",
    "加快",
    "保障",
    "确保",
    "进一步",
    "更好",
    "切实",
    "有效",
}
# manner adverbs a title drops (持续深化… → 深化…)
_MANNER = re.compile(
    r"^(持续|不断|进一步|切实|扎实|认真|积极|努力|着力|主动|强力|全力|狠抓)(?=[\u4e00-\u9fa5]{2})"
)
_NOT_VERB = {"是", "有", "为", "占", "达", "成为", "作为", "位居", "包括", "涉及", "属于", "需要"}
_BOUNDARY = {"并", "从而", "进而", "确保", "以便", "用于", "让", "使", "同时"}
_VERB_TAGS = {"v", "vd", "vi"}
# a plan or a forecast is not what was done (参与人数将达100人, 预计完成…)
_NOT_DONE = re.compile(r"(将(?=达|超过|突破|实现|完成|覆盖|惠及)|预计|拟|力争|争取|有望|即将)")
MIN_LEN, MAX_LEN = 4, 24


@dataclass(frozen=True)
class Action:
    text: str  # the predicate without its subject
    pos: int  # order among the draft's actions (0 = first)


def _strip(text: str, subject: Subject) -> str:
    prev = None
    while prev != text:
        prev = text
        text = _TIME.sub("", text)
        for name in (subject.actor, subject.place):
            if name and text.startswith(name):
                text = text[len(name) :]
        text = _SELF.sub("", text)
    return text


def _counted(text: str) -> str:
    m = _COUNTED.match(text)
    if not m or m.group(1).endswith(("全部", "已", "均")):
        return ""  # 22座全部纳入: the count without its noun
    return m.group(1) + (m.group(2) or "") + m.group(3) + m.group(4)


# work verbs beyond phrases.MAIN_VERB that open what a unit did (a verb by jieba's tag alone is
# not enough: 就业/复耕/受骗/等待/发现 open a clause about someone else or a finding)
_WORK = re.compile(
    r"(组建|召开|收集|征集|走访|慰问|检查|督查|调研|拆除|劝导|处置|调处|签订|统筹|压减|修建|"
    r"铺设|招募|救助|资助|抽检|检测|监测|评估|清查|摸排|推广|制订|通报|发布|建起|建好|办结|"
    r"整改|挂牌|揭牌|投用|开放|搭建|安排|拨付|下达|兑付|追缴|收回|腾退|复垦|修缮|疏浚|清淤|"
    r"植树|造林|营造|组织开展|集中开展|深入开展|启用|评选|表彰|开发|吸纳|带动|抓好|做好|提出|反映)"
)


def _verb_at(words: list[str], i: int) -> bool:
    w = words[i]
    if w in _NOT_VERB or i + 1 < len(words) and words[i + 1] in NOUN_HEAD:
        return False
    return bool(MAIN_VERB.fullmatch(w) or _WORK.fullmatch(w))


def _benefactive(text: str, words: list[str]) -> str:
    """为/向/给 + noun phrase + work verb + object: kept whole (the beneficiary is the point)."""
    if not words or words[0] not in _BENEFACTIVE or len(words) < 3:
        return ""
    if pos_tag(words[1]) in _VERB_TAGS | {"p", "d", "r", "c"} or words[1] in _PURPOSE:
        return ""  # 为给…做准备 / 为进一步… / 为助力…: a purpose, not a beneficiary
    seen_noun = False
    for w in words[1:]:
        if seen_noun and len(w) > 1 and MAIN_VERB.fullmatch(w):
            return text
        if pos_tag(w).startswith("n") or pos_tag(w) in ("m", "q", "mq") or w.isdigit():
            seen_noun = True
    return ""


# 联合/会同 + partners + the work verb (镇里联合县农业农村局和一家企业建设“数字茶园”平台), or
# 到 + places + the work verb (到8个乡镇开展专题调研): the partners or the places are dropped
_WITH = {"联合", "会同", "协同", "携手", "到", "深入"}


def _after_partners(text: str, words: list[str]) -> str:
    """The text from the first work verb after the partners (or places), "" when none."""
    pos, seen_noun = len(words[0]), False
    for i, w in enumerate(words[1:], 1):
        if seen_noun and pos <= 24 and _verb_at(words, i):
            return text[pos:]
        if pos_tag(w).startswith("n") or pos_tag(w) in ("m", "q", "j") or w.endswith(("局", "委")):
            seen_noun = True
        pos += len(w)
    return ""


def _cut_object(text: str, words: list[str]) -> str:
    """The predicate up to the first clean boundary word after its verb and some object."""
    pos = 0
    depth = 0
    for i, w in enumerate(words):
        depth += w.count("“") - w.count("”")
        if i > 1 and depth == 0 and w in _BOUNDARY and pos >= MIN_LEN:
            return text[:pos]
        pos += len(w)
    return text


def _predicate(text: str, subject: Subject) -> str:
    text = _MANNER.sub("", _strip(text, subject))
    if not text or FRAMED.search(text):
        return ""  # 以…为补充的…体系: one limb of a frame
    counted = _counted(text)
    if counted:
        return counted
    words = [w for w in tokenize(text) if w.strip()]
    kept = _benefactive(text, words)
    benefactive = bool(kept)
    if not kept:
        if words and words[0] in ("为", "为了"):
            return ""  # 为 + a purpose (为助力…发展): the action comes in another clause
        if words and pos_tag(words[0]) == "p" or words and words[0] in ("围绕", "聚焦", "依托"):
            text = drop_adjunct(text, words)
            words = [w for w in tokenize(text) if w.strip()]
        if words and words[0] in _WITH:
            text = _after_partners(text, words)
            words = [w for w in tokenize(text) if w.strip()]
        if not words or not _verb_at(words, 0):
            return ""
        if len(words) > 1 and pos_tag(words[0]) == "vn" and words[1] in RESULT_VERBS:
            return ""  # 服务覆盖全县…: the first word is the topic of a result, not the action
        kept = _cut_object(text, words)
    kept = re.sub(r"(?<=[\u4e00-\u9fa5])了(?![解结])", "", LABEL_END.sub("", kept), count=1)
    if not MIN_LEN <= len(kept) <= MAX_LEN:
        return ""
    bad = BAD_PREDICATE.match(kept)
    if not benefactive and bad and bad.end() >= len(words[0]):
        return ""  # 受…影响 / 占… / 表示…; never the first character of a whole word (受理)
    if BAD_INSIDE.search(kept) or TEAM.match(kept) or _NOT_DONE.search(kept):
        return ""
    if NARRATED.search(kept) or _dangles(kept) or SLOGAN.match(kept):
        return ""
    if STANCE.search(kept):
        return ""
    return kept


_OPEN_END = {"中", "优先", "重点", "主要", "进一步", "全面"}


def _dangles(text: str) -> bool:
    """The predicate ends on an adverb, a preposition or a locative (…1.8亿元优先, …项目中)."""
    words = [w for w in tokenize(text) if w.strip()]
    last = words[-1] if words else ""
    return bool(last) and (pos_tag(last) in {"d", "p", "c", "u", "uj", "f"} or last in _OPEN_END)


def main_actions(lead: Lead, subject: Subject, sentences: int = 3, limit: int = 4) -> list[Action]:
    """The subject's actions in the lead, in draft order (each predicate once)."""
    if not subject.best:
        return []
    out: list[Action] = []
    acting = acting_clauses(lead, subject, sentences)
    for clause, own in zip(lead.clauses[: len(acting)], acting, strict=True):
        if len(out) >= limit:
            break
        sentence = lead.sentences[clause.sentence]
        if not own or _NEWS.search(sentence) or enumerated(sentence):
            continue  # someone else's action, a report of speech, or one listed part
        pred = _predicate(clause.text, subject)
        if pred and all(pred != a.text for a in out):
            out.append(Action(pred, len(out)))
    return out


_EVENT_VERB = r"(?P<verb>开幕|启动|启用|开馆|开园|开业|通水|通车|投用|投入使用|揭牌运营)"
_PLACE_AT = r"(?:(?:于|在)[^，。；]{2,16}?)?"
_EVENT = re.compile(
    rf"^(?P<event>[^，。；]{{6,24}}?){_PLACE_AT}(?:正式|隆重|集中|顺利)?{_EVENT_VERB}$"
    rf"|^(?P<event2>[^，。；]{{6,24}}?)(?P<verb2>启动|开园|开馆|开业|揭牌)仪式{_PLACE_AT}"
    r"(?:正式|隆重|集中|顺利)?举行$"
)
# what _EVENT closes on ($ also before one final "\n"): other clauses are not tried
_EVENT_END_WORDS = "开幕 启动 启用 开馆 开园 开业 通水 通车 投用 投入使用 揭牌运营 举行".split()
EVENT_ENDS = tuple(_EVENT_END_WORDS) + tuple(w + "\n" for w in _EVENT_END_WORDS)
_DATE_END = re.compile(r"[0-9]{1,2}月[0-9]{1,2}日(?:上午|下午|晚)?$")
_THEME = re.compile(r"^以“[^”]{2,20}”为主题的")
# a meeting, a ceremony or a training class is not an event a title reports as news
_NOT_EVENT = re.compile(r"(会议|大会|会$|座谈|仪式|培训班|论坛|典礼|开幕式)")


def event_start(lead: Lead, subject: Subject, sentences: int = 2) -> str:
    """A festival, campaign or facility that opens (某街道第三届“邻里节”开幕, 某县集成服务专区
    启用, 某市节能宣传周活动启动 from 「…启动仪式在…举行」); never a meeting or a ceremony."""
    for clause in lead.clauses:
        if clause.sentence >= sentences:
            break
        text = _THEME.sub("", _TIME.sub("", clause.text))
        m = _EVENT.match(text) if text.endswith(EVENT_ENDS) else None
        if not m:
            continue
        event = _DATE_END.sub("", m.group("event") or m.group("event2"))
        verb = m.group("verb") or m.group("verb2")
        if _NOT_EVENT.search(event) or re.search(r"[在于]", event):
            continue
        named = bool(subject.best and event.startswith(subject.place or subject.actor))
        if named or event.startswith(("第", "首届", "“")) or _NAMED_EVENT.match(event):
            return event + verb
    return ""


_NAMED_EVENT = re.compile(r"^[\u4e00-\u9fa5]{2,4}(?:省|市|县|区|镇|乡|街道|旗)")
