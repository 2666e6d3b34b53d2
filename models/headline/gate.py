"""The well-formedness gate: every candidate passes it or is dropped.

A candidate must start with a subject (dynamic forms: the draft's place or unit itself; never an
organisation that names only its level, 区市场监管局) or a topic noun phrase (not a function character or a
verb fragment), repeat no word (农村农村), leave no enumerator dangling (一是、（二）), copy
every number with its unit from the text, keep to 8–30 characters, claim results (见成效,
取得新进展) only when the text reports some and state no forecast as done (将达, 预计), and not be what our own title rules flag
(meeting-style titles, inner punctuation, 、 outside quotes). Clause fragments (…的前提下, narration
with 了) and people made into problems (人大代表某某问题需关注) are refused.
"""

from __future__ import annotations

import re

from models.headline.cuts import cut_off
from models.headline.held import EVENT_KIND, NOT_EVENT
from models.headline.period import PERIOD_HEAD
from models.tokenize import pos_tag

MIN_CHARS, MAX_CHARS = 8, 30
_FUNCTION_START = set(
    "的了在对和与及或而并也就都是为把被从向自将于以等之其此该我你他她它这那已仍正"
)
_VERB_START = re.compile(
    r"^(加强|推进|推动|开展|完成|实现|坚持|提升|做好|抓好|落实|进一步|全面|持续|切实)"
)
_NOT_NOUN = {"v", "vd", "vi", "d", "p", "c", "u", "uj", "r", "m", "q", "f", "ad", "t", "y", "e"}
_REPEAT = re.compile(r"([\u4e00-\u9fa5]{2,6})\1")
_ENUMERATOR = re.compile(
    r"([一二三四五六七八九十]是|[一二三四五六七八九十]、|[（(][一二三四五六七八九十0-9][）)]|其一|首先|第[一二三四五六七八九十]条)"
)
_DANGLING_END = re.compile(r"[、和及与等的了着对在把被将从向为，：]$")
_NUMBER = re.compile(r"([0-9]+(?:\.[0-9]+)?)(?:%|[\u4e00-\u9fa5])?")
_CLAIM = re.compile(r"(见成效|取得新进展|取得新成效|成效明显|成效显著|取得实效)")
_MEETING = re.compile(
    r"(召开|举行|举办|启动仪式|开幕式|签约仪式|揭牌仪式|座谈会|推进会|调度会|动员会|培训班|工作会议|会议$)"
)
_PUNCT_INSIDE = re.compile(r"[，。；！？,;!?]")
# 「A局会同B局…」: two units joined by a verb are not one acting unit (a broken subject)
_JOINT = re.compile(r"(局|委|办|中心|政府|会)(会同|联合|协同|牵头|配合)")
# a clause cut before its main verb (在确保安全的前提下 / 在…过程中) is not a title
_FRAME_END = re.compile(r"(前提下|情况下|基础上|过程中|背景下|条件下)")
_ASPECT = re.compile(
    r"[\u4e00-\u9fa5]了(?!解|结)|着问题"
)  # narration (抽样调查了6个县): not a title
# a vague quantity opens no topic (关于大量农村青壮年劳动力情况…); 部分/个别 do (部分乡镇…)
_QUANTITY_START = re.compile(r"(大量|许多|不少|一些|很多|诸多|众多)")
# 「区市场监管局…」: an organisation that names only its level, without the draft's place
_LEVEL_ONLY = re.compile(
    r"^[省市县区镇乡][\u4e00-\u9fa5]{0,8}?(局|委|办|政协|人大|中心|政府|防指|总工会|工商联)"
)
# a person or a report of speech made into a problem (人大代表王某问题需关注)
_PERSON_PROBLEM = re.compile(
    r"(者|员|代表|委员|主席|主任|教师|学生|村民|家长|负责人|老人|孩子|群众|病人|坦言|表示|反映|认为|据)"
    r"(的)?(问题|风险|隐患)?(需关注|值得关注|需警惕|值得警惕)$"
    r"|(代表|委员|主席|主任|书记|局长|县长|市长|镇长|乡长)[\u4e00-\u9fa5]{1,3}(问题)?(需关注|值得关注)$"
)
# narration, not a title: 大家/出席/接到…, or a time clause (…开展以来, …之后)
_NARRATION = re.compile(
    r"(大家|出席|接到|坦言|当作|当成|(以来|之后|以后|期间|伊始|之际|之时|前夕)$"
    r"|(?<![最之前然])后$|(?<![及按准实适同临定随限小当])时$"
    r"|的有[0-9]"  # …擅自改变用途的有37个: a tally told as narration
    r"|(以来|之后|以后)(见成效|见实效|取得新进展|取得实效)$"  # 整治开展以来见成效
    r"|(?<!第)一[位名](?!次))"  # 护理员刚给一位卧床老人…: a scene told, not a title
)
_LOOSE_PUNCT = re.compile(r"、|(?<![0-9])\.|\.(?![0-9])")
_CUT_LIST = re.compile(
    r"((主要有|主要是|主要包括|包括|如下|分别是|有)$|中?有问题(需关注|值得关注)"
    r"|[\u4e00-\u9fa5](时|之时|以后|之后|以前)问题(需关注|值得关注)|的[0-9]+(?:\.[0-9]+)?[人户家个]$"
    r"|(?<!新)(发现|表示|认为|指出|获悉|了解到|显示)(见成效|见实效|取得新进展|取得实效)?$"
    r"|(合计|共计|累计|总计|约为|达到)问题(需关注|值得关注)$)"  # 门急诊人次合计问题: a tally cut off
)
_VAGUE_END = re.compile(
    r"(狠抓落实|抓落实|真抓实干|多措并举|攻坚克难|主动作为|积极作为|担当作为|履职尽责|齐抓共管|见行动)$"
)
# a plan or a forecast stated as if done (参与人数将达100人, 预计完成…): the text reports no result
_FORECAST = re.compile(
    r"(将(?=达|超过|突破|实现|覆盖|惠及)|预计|有望|即将|(?<=[成用产工])后(?:可|将|能))"
)  # …建成后可新增床位300张: what the project will do once built
_FIRST_PERSON = re.compile(r"(我县|我市|我区|我镇|我乡|我省|我们|我局|我委)")


def _public_event(candidate: str) -> bool:
    """举行/举办 + a drill, fair, contest or festival (某市举行防汛应急演练): an event, not a
    meeting; every meeting word of the candidate is that verb."""
    words = {m.group(0) for m in _MEETING.finditer(candidate)}
    return (
        words <= {"举行", "举办"}
        and bool(EVENT_KIND.search(candidate))
        and not NOT_EVENT.search(candidate)
    )


# a training class or camp that opens (某县X培训班开班): the class is the news, not a meeting
_CLASS_OPENS = re.compile(r"(培训班|研修班|训练营|学习班|专题班)(开班|开营)$")


def _class_opens(candidate: str) -> bool:
    words = {m.group(0) for m in _MEETING.finditer(candidate)}
    return words <= {"培训班"} and bool(_CLASS_OPENS.search(candidate))


def _numbers_from_text(candidate: str, text: str) -> bool:
    """Each number, with the character after it (its unit), occurs in the text as written."""
    for m in _NUMBER.finditer(candidate):
        if m.group(0)[: len(m.group(1)) + 1] not in text:
            return False
    return True


# an organisation's name opens the title (住建局…): jieba may tag its first character a verb
_ORG_HEAD = re.compile(
    r"^[\u4e00-\u9fa5]{1,4}(局|委员会|办公室|街道|社区|中心)(等|联合|开展|推进|召开)"
)


# an edition opens an event's name (第五届…文化节, 首届…): a numeral, but the name's own start
_EDITION = re.compile(r"^(第[一二三四五六七八九十0-9]{1,3}届|首届)[\u4e00-\u9fa5“]")


def _verb_led(text: str) -> bool:
    """The first word (by jieba's dictionary tag) is a verb, adverb, preposition or the like."""
    if _ORG_HEAD.match(text) or _EDITION.match(text):
        return False
    for n in (4, 3, 2, 1):
        tag = pos_tag(text[:n])
        if tag:
            return tag in _NOT_NOUN
    return False


_PAIRED = frozenset('“”（）()《》‘’"')


def _balanced(text: str) -> bool:
    if _PAIRED.isdisjoint(text):
        return True  # most candidates quote and bracket nothing
    pairs = [("“", "”"), ("（", "）"), ("(", ")"), ("《", "》"), ("‘", "’")]
    return all(text.count(a) == text.count(b) for a, b in pairs) and text.count('"') % 2 == 0


_QUOTED = re.compile(r"[“\"][^“”\"]*[”\"]")
_OBJECT_BEFORE = re.compile(r"[对就][^进]*进行")
# an object left before 开展 without its 对/就/围绕 (…维护情况开展专项视察)
_BARE_OBJECT = re.compile(r"(情况|问题|工作|落实|执行)开展")
_OBJECT_BEFORE_KAIZHAN = re.compile(r"([对就]|围绕|聚焦|针对)[^开]*开展")
# a set-up that gathers people, with nothing they did (组织部分县人大代表)
_SETUP_ONLY = re.compile(
    r"(组织|召集|邀请|带领)[^，]{0,14}(代表|委员|人员|干部|专家|群众|同志)(见成效|见实效|取得新进展)?$"
)
_DIGIT_END = re.compile(r"[0-9]$")


def _outside_quotes(text: str) -> str:
    return _QUOTED.sub("", text)


# a change with no topic after the subject (某县增长8.1%): which figure grew is left out
_BARE_CHANGE = re.compile(r"^(同比|环比)?(增长|下降|提高|减少|增加|达到|达)[0-9]")


def reject_reason(
    candidate: str,
    text: str,
    *,
    has_results: bool,
    subject: str = "",
    needs_subject: tuple[str, ...] = (),
    level_ok: bool = False,
) -> str | None:
    """Why the candidate fails the gate, or None when it passes.

    `needs_subject`: the names one of which must start the candidate (a dynamic form states
    what a unit did; without its subject it reads as narration). `level_ok`: the draft's own
    clause may name its unit by level alone (市市场监管局…), as the draft itself does.
    """
    if not MIN_CHARS <= len(candidate) <= MAX_CHARS:
        return "length"
    head = candidate.removeprefix("关于")
    if _LEVEL_ONLY.match(head) and not level_ok:
        return "level_only_subject"
    if needs_subject and not any(n and head.startswith(n) for n in needs_subject):
        return "no_subject"
    # a bulletin's period opens its title (1-9月某市…, 上半年全区…): the checks read what follows
    head = PERIOD_HEAD.sub("", head, count=1) or head
    if head[:1] in _FUNCTION_START or _QUANTITY_START.match(head):
        return "bad_start"
    framed = candidate.startswith("关于") or bool(subject and head.startswith(subject))
    if not framed and (_VERB_START.match(head) or _verb_led(head)):
        return "bad_start"
    if subject and candidate.count(subject) > 1:
        return "repeated_word"
    after = candidate[len(subject) :] if subject and candidate.startswith(subject) else ""
    if after[:1] and after[:1] == subject[-1] and not after.startswith(subject[-1] + "场"):
        return "repeated_word"  # 某县县检查…: the level doubled after the place (市市场… is a name)
    stem = subject[:-1] if len(subject) >= 3 and subject[-1] in "省市县区镇乡" else ""
    if stem and candidate.count(stem) > 1:
        return "repeated_word"  # 湖南省分赴湖南全省…: the place named twice
    if _REPEAT.search(candidate):
        return "repeated_word"
    if _ENUMERATOR.search(candidate) or _DANGLING_END.search(candidate):
        return "dangling"
    if _DIGIT_END.search(candidate):
        return "dangling"  # 排查出信访案件共119: a number without its unit
    if not _numbers_from_text(candidate, text):
        return "number_not_in_text"
    if _CLAIM.search(candidate) and not has_results:
        return "unsupported_claim"
    if _FORECAST.search(candidate):
        return "unsupported_claim"
    if subject and _BARE_CHANGE.match(candidate.removeprefix(subject)):
        return "no_topic"
    if _MEETING.search(candidate) and not (_public_event(candidate) or _class_opens(candidate)):
        return "meeting_style"
    if _PUNCT_INSIDE.search(candidate) or not _balanced(candidate):
        return "punctuation"
    if _LOOSE_PUNCT.search(_outside_quotes(candidate)):
        return "punctuation"
    if _FRAME_END.search(candidate) or _ASPECT.search(candidate):
        return "clause_fragment"
    if _NARRATION.search(candidate):
        return "clause_fragment"
    if _PERSON_PROBLEM.search(candidate):
        return "person_problem"
    if _FIRST_PERSON.search(candidate):
        return "first_person"
    if _JOINT.search(candidate):
        return "broken_subject"
    if _CUT_LIST.search(candidate):
        return "dangling"  # 投诉反映的问题主要有 / 样品中有问题需关注: a list or object cut off
    if _VAGUE_END.search(candidate):
        return "vague_verb"  # 某街道狠抓落实: no object, nothing to report
    if "进行" in candidate and not _OBJECT_BEFORE.search(candidate):
        return "broken_object"  # 某办整治工作开展情况进行督查: 对 cut off the object
    if _BARE_OBJECT.search(candidate) and not _OBJECT_BEFORE_KAIZHAN.search(candidate):
        return "broken_object"  # 某会落实情况开展跟踪监督: 对 cut off the object
    if _SETUP_ONLY.search(candidate):
        return "dangling"  # 某会组织部分代表(见成效): who was gathered, not what they did
    return cut_off(candidate, text) or _goal_or_statistic(candidate)


# a goal made into a problem (残疾人事业现代化问题需关注), or a background statistic made into a
# report (老年人群体规模情况专报): both read as nonsense
_GOAL_PROBLEM = re.compile(
    r"(现代化|高质量发展|全面发展|健康发展|协调发展|一体化|振兴|全覆盖|均等化|目标|愿景|新篇章|新局面)(的)?(问题)?"
    r"(需关注|值得关注|需警惕|值得警惕|存在的问题)"
)
_STATISTIC_REPORT = re.compile(
    r"(规模|数量|总量|总数|人口|人数|占比|比例|比重|增速|增幅)(情况)?"
    r"(专报|的?调研报告|调查报告|调研)$"
)


# a generic output as the action: suggestions, support or a reference offered (提出有针对性的
# 对策建议, 提供智力支持) or facts checked (核实情况) is the purpose of the work, not what was done;
# a counted or named output (提出建议26条, 核实耕地面积) is left alone
_GENERIC_OUTPUT = re.compile(
    r"(?:提出|提供|给出|贡献|献出|形成)(?:一批|一些|许多|大量)?"
    r"(?:(?:有针对性|针对性强|切实可行|可行|精准|科学|合理化|专业|有力|有益|有效|有价值|"
    r"有分量|高质量|决策|智力|对策|意见|参考|人才|技术)的?)*"
    r"(?:建议|意见|对策|参考|支持|智慧|力量|保障|支撑|依据)$"
    r"|(?:核实|了解|掌握|摸清|查摸|查明|弄清|体察)(?:有关|相关|真实|实际|基本)?"
    r"(?:情况|实情|底数|民意|民情)$"
)


# a means with nothing done by it (…采取问卷与走访相结合的方式, …运用智能监管系统): how, not what
_MEANS_ONLY = re.compile(
    r"(采取|采用|运用|利用|借助|依托|通过)[^，]{1,20}?(方式|办法|形式|模式|方法|手段|系统|平台)$"
)

# the frame of an action without the action (…针对返乡人员增多的情况): why, not what
_FRAME_ONLY = re.compile(
    r"(针对|围绕|按照|根据|对照|结合)[^，]{2,24}?(情况|问题|要求|部署|实际|需求|现状)$"
)


def _goal_or_statistic(candidate: str) -> str | None:
    if _MEANS_ONLY.search(candidate):
        return "means_only"
    if _FRAME_ONLY.search(candidate):
        return "clause_fragment"
    if not candidate.startswith("关于") and _GENERIC_OUTPUT.search(candidate):
        return "generic_output"
    if _GOAL_PROBLEM.search(candidate):
        return "goal_as_problem"
    if _STATISTIC_REPORT.search(candidate):
        return "statistic_report"
    return None
