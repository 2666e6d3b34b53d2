"""Phrases copied from the draft: predicates, figures, problems, topics, counts, genre.

Every phrase is a span of the draft's own text (numbers and units as written); counts come from
the enumerations actually present (一是/二是…, （一）（二）…, 一、二、…), never from a guess.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from models.headline.lead import Lead
from models.headline.subject import Subject, acting_clauses
from models.tokenize import pos_tag, tokenize

# patterns of inline re calls, compiled once (the re module's cache lookup per call cost more)
_COMMA = re.compile(r"[，,；;]")
_DIGIT = re.compile(r"[0-9]")
_EXISTS_HEAD = re.compile(r"^(存在|面临|出现)(较大|一定|诸多|不少|较多)?(的)?")
_STUDY_TAIL = re.compile(r"(工作)?(开展|进行)?(专题)?(调研|调查)?$")
_TOPIC_VERB = re.compile(r"的?(运行|发展|建设|实施|推进|管理|保障)")
_URGE_HEAD = re.compile(r"^(进一步|尽快|加快|切实|要)")
_ADVISED_ACTION = re.compile(
    r"建议(?:[县市区省]委?|各级|有关部门|相关部门|政府|：|:)*([^，。；:：]{4,24})"
)
_WHOLE_HEAD = re.compile(r"^(全[县市区镇乡])")

NUMERALS = "零一二三四五六七八九十"
_LEAD_WORDS = re.compile(
    r"^([—\-－]+|全年|年内|今年以来|近年来|近期|近日|日前|目前|去年以来|今年|去年|当前|同时|此外|另外|其中|"
    r"(?:截至|截止)(?:目前|今年|[0-9]{4}年)?(?:[0-9]{1,2}月)?(?:[0-9]{1,2}日|底|末|上旬|中旬|下旬)?|[0-9]{4}年(以来)?|[0-9一二三四上下前—\-]{1,6}(季度|半年|月份|月底|月)(以来)?|"
    r"已|已经|共|累计|先后|全部|还|也|均|都|正在)+"
)
_FRAME = re.compile(
    r"^(为了?|按照|根据|围绕|针对|依托|通过|在|随着|对照|结合|以|据|经|由于|因为|对于|作为|记者)"
)
_NEWS = re.compile(r"(出席|主持|讲话|指出|强调|要求|记者|获悉|了解到|来到|走进|参加|致辞)")
_GENERIC_SUBJECT = re.compile(
    r"^(全县|全市|全区|全镇|全乡|全省|该县|该市|该区|该镇|县里|市里|区里|我县|我市|我区|我镇)"
)
_FIGURE = re.compile(
    r"[0-9](?<![0-9][0-9])[0-9]*(?:\.[0-9]+)?(?:%|个百分点|[万亿]?[元户人家个项件亩吨套座条所台次场间]|万|亿)"
)
_RESULT = re.compile(
    r"(完成|实现|达到|达|增长|下降|提高|提升|突破|累计|同比|减少|新增|成效|兑现|追回|化解|覆盖)"
)
_PROBLEM_NOUN = "问题|风险|隐患|短板|难题|现象|苗头|隐忧|矛盾|困难|乱象|漏洞"
_PROBLEM = re.compile(rf"({_PROBLEM_NOUN})")
_PROBLEM_ADJ = re.compile(r"(偏低|偏高|滞后|薄弱|不足|较弱|不高|不强|不畅)")
_PROBLEM_LEAD = re.compile(
    r"^([（(][一二三四五六七八九十0-9]+[）)]|[一二三四五六七八九十]+[、是]|[0-9]+[、.．]|但是?|然而|不过|同时|也|仍然?|还|调研发现|调查发现|我们发现|发现|存在|面临|出现|暴露出|"
    r"反映|部分|一些|个别|有的|其中|较为|比较|当前|目前|主要|仍存在|还存在|的)+"
)
_RESEARCH = re.compile(
    r"(?:了解|摸清|掌握|弄清|围绕|就(?![业医学近地])|对(?![接照比])|针对)"
    r"(?:全[县市区镇乡]|辖区|各[县市区镇乡]|[0-9]+[个家所名座处户条](?:[县市区镇乡村])?|"
    r"[0-9]{4}年|近[一二三四五两0-9]年|已建成的?|已完成[^，。]{0,4}的)*"
    r"([\u4e00-\u9fa5“”]{3,18}?)(?:的)?(?:运行|发展|建设|实施|推进|管理|保障)?"
    r"(?:情况|现状|底数|状况|工作|问题|成效)"
)
# each enumeration style as (at the text's start, after a sentence end or a line break): two
# patterns, not one led by (?:^|[。…]) (such a branch makes the scanner try every character)
_ENUMS = (
    (
        re.compile(r"\s*([一二三四五六七八九十])是"),
        re.compile(r"[。；;：:\n]\s*([一二三四五六七八九十])是"),
    ),
    (
        re.compile(r"\s*[（(]([一二三四五六七八九十])[）)]"),
        re.compile(r"\n\s*[（(]([一二三四五六七八九十])[）)]"),
    ),
    (re.compile(r"\s*([一二三四五六七八九十])、"), re.compile(r"\n\s*([一二三四五六七八九十])、")),
)
# the numeral first, then either form (一个方面的问题 / 三大行动): group 1 is the count
_ANNOUNCED = re.compile(
    r"([一二三四五六七八九十两])(?:(?:个)?方面(?:的)?(?:突出)?(?:问题|举措|措施|做法|工作)"
    r"|(?:个|大|项)“?(?:突破|行动|工程|举措|措施|机制|体系|任务))"
)
MAIN_VERB = re.compile(
    r"^(推行|开展|实施|推进|推动|完成|建成|组织|启动|新建|改造|打造|建立|出台|印发|制定|上线|"
    r"开通|发放|兑现|举办|实现|筹集|盘活|整治|排查|帮助|培训|投入|落实|探索|构建|设立|成立|"
    r"引导|指导|部署|扩大|加快|提升|提高|强化|规范|化解|追回|查处|办理|受理|核查|修订|转移|"
    r"设置|布设|新增|整合|试点|建设|创建|开设|开工|签约|招引|引进|破解|解决|治理|清理|关闭|"
    r"帮扶|促成|服务|保障|惠及|覆盖|提供|选派|聘请|配备|安装|更换|修复|完善|优化|深化|"
    r"全面推行|全面推进|全面开展|持续推进|大力推进|积极推进|创新推出|推出|实行)"
)
_ADJUNCT_VERBS = {"围绕", "聚焦", "立足", "依托", "结合", "借助", "利用", "坚持"}
_NOUN_ENDS = ("村", "镇", "乡", "区", "县", "市", "点", "户", "家", "处", "所", "个", "场所")
# first words that make a clause a comment, a report of speech or a relation, not an action
BAD_PREDICATE = re.compile(
    r"^(就|并|是|也|还|将|会|要|可|能|需|应|表示|认为|指出|强调|占|有|为|比|较|受|据|经|到|来|去|"
    r"被|让|使|把|给|没|不|未|无|再|又|才|都|均|即|便|则|却|仍|尚|正|曾|建议|希望|请|如何|怎么|"
    r"只有|仅|其|该|这|那|此|与|和|及|或|而|但|若|如|因|由|所|等|分别|同比|环比|比上年|高于|"
    r"低于|位居|位列|排名|涉及|包括|含|即将|预计|计划|拟|争取|力争|确保|带着|随着|针对|笑|哭|"
    r"究其原因|原因|主要原因|一方面|另一方面|总体看|从[^，]{1,6}看)"
)
_ADVICE = re.compile(r"^为([^，]{2,14}?)(?:积极|主动)?(?:建言献策|建言|献策|鼓与呼)$")
# setting up a team is the means, not the point (成立2个督查组, 抽调10名干部)
TEAM = re.compile(
    r"^共?(成立|组建|组成|组织|抽调|分成|派出)[^，]{0,14}(组|队|干部|人员)$"
    r"|^(随机)?(选择|选取|抽取|选定)[^，]{0,16}(村|户|企业|学校|社区|样本|代表|点)"
)
BAD_INSIDE = re.compile(r"(我们|大家|他们|自己|什么|怎么|[?？!！])")
_NOT_NOUN = {"v", "vd", "d", "p", "c", "u", "uj", "r", "m", "q", "f", "ad", "t", "y", "e", "zg"}
_VERB_TAGS = {"v", "vn", "vd", "vi", "d", "ad"}


@dataclass(frozen=True)
class Phrases:
    predicates: tuple[str, ...]  # what the subject did or what happened, subject-less
    figure_clauses: tuple[str, ...]  # predicates that carry a figure
    measures: int  # enumerated measures / parts (0 when none or uncertain)
    topic: str  # noun-phrase topic of a report
    proposal: str  # verb phrase after 建议 (for 关于…的建议)
    genre: str  # "proposal" (建议/提案/议案), "news", "survey", "report", ""
    has_results: bool
    lead: Lead = field(compare=False, repr=False)
    subject: Subject = field(compare=False, repr=False)

    @property
    def problems(self) -> tuple[str, ...]:
        """Problem noun phrases (…问题 / …风险 / …偏低): read off the lead only when a problem
        form asks (most drafts never do), once per lead and subject."""
        key = ("problems", self.subject)
        found: tuple[str, ...] | None = self.lead.memo.get(key)
        if found is None:
            found = self.lead.memo[key] = tuple(_problems(self.lead, self.subject))
        return found


def _strip_subject(text: str, subject: Subject) -> tuple[str, bool]:
    for name in (subject.actor, subject.place):
        if name and text.startswith(name):
            return text[len(name) :], True
    m = _GENERIC_SUBJECT.match(text)
    if m:
        return text[m.end() :], True
    return text, False


# a manner adverb before the verb (着力推进, 全力做好): jieba tags some of them as nouns
_MANNER = re.compile(r"^(着力|全力|大力|强力|扎实|切实|积极|深入|全面|不断|努力|主动|认真|狠抓)")
# a stance or the carrying-out of superiors' plans: the frame of the action, not the action
STANCE = re.compile(
    r"^(坚持|秉持|始终|牢固树立|树立|立足|聚焦|围绕|紧扣|依托|借助|结合|利用)|^以[^，]{1,10}为|"
    r"^从[^，]{1,10}(入手|着手|出发)$|"
    r"(决策部署|部署要求|工作要求|工作目标|的目标|精神|重要指示|重要讲话|指示批示)$|"
    r"^提供(参考|依据|支撑|借鉴)$"
)
FRAMED = re.compile(
    r"^以[^，]{1,14}为(主|辅|补充|重点|核心|抓手|主体|引领|载体|依托|基础|目标)|"
    r"以[^，]{1,14}为(主|辅|补充|重点|核心|抓手|主体|引领|载体|依托|基础)$"
)
# the piece's own label after its subject (…改革典型经验): dropped from the predicate
LABEL_END = re.compile(r"(的?典型经验|的?经验做法|的?做法与成效|工作纪实|纪实)$")


_WORK_START = re.compile(
    r"(推进|推动|开展|完成|实现|推行|打造|建成|筹集|追回|盘活|新增|累计|实施|深化)"
)
_WHOLE_AREA = re.compile(r"^(在全[县市区镇乡]|在辖区)")
_SEQUENCE = re.compile(r"^(分别|先后|陆续|率先)(?=[\u4e00-\u9fa5]{2})")
_PERFECTIVE = re.compile(r"(?<=[\u4e00-\u9fa5])了(?![解结])")


def _starts_with_verb(text: str) -> bool:
    m = _MANNER.match(text)
    if m and len(text) > m.end() + 1:
        text = text[m.end() :]
    for n in (2, 1):
        if pos_tag(text[:n]) in _VERB_TAGS:
            return True
    return bool(_WORK_START.match(text))


def _tail_words(words: tuple[str, ...], text: str) -> list[str] | None:
    """The clause's jieba words covering `text`, a suffix of the clause (None: cut mid-word)."""
    joined = "".join(words)
    start = len(joined) - len(text)
    if start < 0 or joined[start:] != text:
        return None
    pos = 0
    for i, w in enumerate(words):
        if pos == start:
            return list(words[i:])
        pos += len(w)
        if pos > start:
            return None
    return [] if pos == start else None


def drop_adjunct(text: str, words: list[str] | None) -> str:
    """在/对/围绕/通过/以…为… + noun phrase before the main verb: keep the verb and its object.

    The adjunct ends at the first work verb (推行/开展/推动/…, a whole jieba word) after a
    nominal word; any other verb inside (对城镇燃气使用场所…) is part of the adjunct. It never
    spans a comma and is at most 18 characters. Without a clean end the text is returned as it
    is (and then usually fails the verb test).
    """
    if not words or pos_tag(words[0]) != "p" and words[0] not in _ADJUNCT_VERBS:
        return text
    if words[0] in ("把", "将"):
        return (
            text  # 把殡葬改革与乡村治理结合起来: the verb comes after the object, never inside it
        )
    seen_noun = False
    pos = len(words[0])
    for i, w in enumerate(words[1:], 1):
        tag = pos_tag(w)
        modifier = i + 1 < len(words) and words[i + 1] == "的"  # 对未开工的用地: inside the adjunct
        if seen_noun and pos <= 18 and MAIN_VERB.match(w) and len(w) > 1 and not modifier:
            return text[pos:]
        if tag.startswith("n") or tag in ("m", "q", "mq", "j") or w.endswith(_NOUN_ENDS):
            seen_noun = True
        pos += len(w)
    return text


def _predicates(lead: Lead, subject: Subject, news: bool) -> tuple[list[str], list[str]]:
    preds: list[str] = []
    figs: list[str] = []
    acting = acting_clauses(lead, subject, 3)
    for clause, own in zip(lead.clauses[: len(acting)], acting, strict=True):
        if not own or enumerated(lead.sentences[clause.sentence]):
            continue  # someone else's action, or one listed part: never the piece's point
        if news and _NEWS.search(lead.sentences[clause.sentence]):
            continue
        text = _LEAD_WORDS.sub("", clause.text)
        if not text:
            continue
        rest, had = _strip_subject(text, subject)
        rest = _LEAD_WORDS.sub("", rest)
        bare = _WHOLE_AREA.sub("", rest)
        rest = bare if _starts_with_verb(bare) else rest  # 在全乡8个村设立…: the whole adjunct
        if FRAMED.search(rest):
            continue  # 以…为补充的…体系 / 以城乡低保为主: one limb of a 以…为… frame
        rest = drop_adjunct(rest, _tail_words(clause.words, rest))
        rest = LABEL_END.sub("", _LEAD_WORDS.sub("", rest))
        advice = _ADVICE.match(rest)
        if advice:  # 为关爱留守儿童建言献策: the advice is the action (建言关爱留守儿童)
            rest = "建言" + advice.group(1)
        rest = _SEQUENCE.sub("", rest)
        if _starts_with_verb(rest):
            rest = _PERFECTIVE.sub("", rest, count=1)  # 设立了…站
        if not 4 <= len(rest) <= 24 or _FRAME.match(rest) or "的情况下" in rest:
            continue
        if STANCE.search(_MANNER.sub("", rest)) or TEAM.match(rest):
            continue  # 坚持以人民为中心 / 全面落实…决策部署 / 成立2个督查组: not the point
        if BAD_PREDICATE.match(rest) or BAD_INSIDE.search(rest):
            continue
        if SLOGAN.match(rest) or NARRATED.search(rest):
            continue  # 创建“甲、乙” (a goal's slogans)
        verb = _starts_with_verb(rest)
        if not verb and not (had and _RESULT.search(rest)):
            continue
        if noun_led(rest):  # last: it segments the head again
            continue  # 调研活动主要围绕… (a noun phrase)
        (figs if _FIGURE.search(rest) else preds).append(rest)
    return preds, figs


# a verb followed by one of these heads a noun phrase (调研活动主要围绕…, 检查结果显示…)
NOUN_HEAD = {
    "活动",
    "工作",
    "组",
    "结果",
    "情况",
    "报告",
    "中",
    "期间",
    "过程",
    "人员",
    "对象",
    "所",
    "站",
    "局",
    "队",
    "中心",
}
# verb + only a quoted list of slogans (创建“人文社区、美丽乡村”): a goal's wording, not an action
SLOGAN = re.compile(r"^[\u4e00-\u9fa5]{1,4}“[^”]*[、，][^”]*”$")


# a modal, a copula or a report inside: narration, not what the unit did (只能派车…, …是…载体)
NARRATED = re.compile(
    r"(可能|只能|不能|无法|没有|是|说|表示|来自|比如|例如|还有|处于|不到|一半|参加|出席|不分|"
    r"此类|这些|上述|该类)"
)


def noun_led(text: str) -> bool:
    """The opening verb heads a noun phrase (调研|活动…): the clause's subject, not its verb."""
    words = [w for w in tokenize(text[:8]) if w.strip()]
    if len(words) > 1 and pos_tag(words[0]) == "vn" and words[1] in RESULT_VERBS:
        return True  # 服务|覆盖全县…: a verbal noun as the topic of a result
    return len(words) > 1 and pos_tag(words[0]).startswith("v") and words[1] in NOUN_HEAD


# a result verb after a verbal noun makes the noun its topic (服务覆盖…, 培训惠及…)
RESULT_VERBS = frozenset({"覆盖", "达到", "达", "惠及", "占", "超过", "增长", "下降"})


_PART = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+[是、]|[（(][一二三四五六七八九十0-9]+[）)]|[0-9]+[、.．])"
)


def enumerated(sentence: str) -> bool:
    """The sentence opens one listed part (一、/（二）/三是/1.): a part is not the whole point."""
    return bool(_PART.match(sentence))


def work_verb(pred: str) -> bool:
    """The predicate starts with a work verb (推行/开展/完成…): fit for 「S+N举措+…」 and claims."""
    return bool(MAIN_VERB.match(pred))


# the listed parts are proposals made (提出四条建议), not the unit's measures
_PROPOSED = re.compile(r"[一二三四五六七八九十两](?:条|项|个|点)(?:具体|意见)?(?:建议|提案|意见)")


# a list introduced as someone's proposals or views (代表们建议：一是…), not the unit's measures
_PROPOSAL_INTRO = re.compile(
    r"(建议|意见|提出|认为|希望|呼吁|反映|诉求|表示|指出|强调|要求)[^。；;\n]{0,12}[:：]?\s*$"
)


def _proposed_list(text: str, items: list[re.Match[str]]) -> bool:
    """The listed parts are proposals or views: introduced by 建议/认为…, or mostly 建议…."""
    first = items[0]
    if _PROPOSAL_INTRO.search(text[max(0, first.start() - 30) : first.end() - 2]):
        return True
    advised = sum(text.startswith("建议", m.end()) for m in items)
    return advised * 2 >= len(items)


def _enum_items(start: re.Pattern[str], after: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """The matches of 「(?:^|X)pattern」 left to right: `start` at the text's start, then
    `after` from where that match ends (a match at the start holds no X: none overlaps it)."""
    first = start.match(text)
    rest = after.finditer(text, first.end() if first else 0)
    return [first, *rest] if first else list(rest)


def count_measures(text: str) -> int:
    """The number of the subject's own listed measures (一是…二是…), 0 when none or unsure."""
    if _PROPOSED.search(text):
        return 0
    best = 0
    for start, after in _ENUMS:
        items = _enum_items(start, after, text)
        found = [NUMERALS.index(m.group(1)) for m in items]
        if found and found == list(range(1, len(found) + 1)) and not _proposed_list(text, items):
            best = max(best, len(found))
    said = [m.group(1) for m in _ANNOUNCED.finditer(text)]
    announced = {NUMERALS.index(n) if n != "两" else 2 for n in said}
    if announced and best not in announced:
        return 0  # the text says N and lists M: do not repeat either in a title
    return best if 2 <= best <= 9 else 0


def _problems(lead: Lead, subject: Subject) -> list[str]:
    out: list[str] = []
    for clause in lead.clauses:
        if clause.sentence >= 8:
            break
        text, _ = _strip_subject(_PROBLEM_LEAD.sub("", clause.text), subject)
        text = _PROBLEM_LEAD.sub("", text)
        m = _PROBLEM.search(text)
        if m:
            phrase = text[: m.end()]
        else:
            a = _PROBLEM_ADJ.search(text)
            if not a or a.start() < 3:
                continue
            phrase = text[: a.end()]
        phrase = _EXISTS_HEAD.sub("", phrase)
        if (
            4 <= len(phrase) <= 18
            and not _DIGIT.search(phrase)
            and not _FRAME.match(phrase)
            and not _starts_with_verb(phrase)
            and pos_tag(phrase[:2]) not in _NOT_NOUN
        ):
            out.append(phrase)
    return out


def _topic(lead: Lead, subject: Subject) -> str:
    for sentence in lead.sentences[:3]:
        m = _RESEARCH.search(sentence)
        if m:
            topic, _ = _strip_subject(m.group(1), subject)
            topic = _WHOLE_HEAD.sub("", topic)
            tail = sentence[m.end(1) : m.end()]
            verb = _TOPIC_VERB.match(tail)
            if verb:
                topic += verb.group(1)
            topic = _STUDY_TAIL.sub("", topic)
            if 3 <= len(topic) <= 16 and not _FRAME.match(topic):
                return topic
    return ""


_PROPOSAL_MARK = re.compile(r"(提案者|提案人|案由|领衔代表|附议)")
_LIMB_END = re.compile(r"(、|，|,|及(?!时|早)|并)")
_ADVISED = re.compile(
    r"^(?:要|应|应当|应该|可|可以|还可|还要|需|需要|进一步|尽快|加快|切实|及时|积极|"
    r"相关部门|有关部门|各级政府|政府|各地)+"
)
_ADVICE_FRAME = re.compile(r"^(在|对|为|从|按照|根据|通过|随着|针对)")
# 建议：1、… / 建议：（一）… : the first listed item of the proposal
_LISTED_ADVICE = re.compile(
    r"建议[:：]\s*(?:[0-9]+[、.．]|[一二三四五六七八九十]+[、是]|[（(][一二三四五六七八九十0-9]+[）)])"
    r"([^。；;]{4,60})"
)


def first_action(text: str, keep: Callable[[str], bool] = lambda _: True) -> str:
    """The first clause of a proposal that starts with a work verb (and that `keep` accepts),
    its first limb only (相关部门齐抓共管，及时清理X及Y → 清理X); "" when none of the first three
    clauses does."""
    for part in _COMMA.split(text)[:3]:
        part = _ADVISED.sub("", part.strip())
        if not part or _ADVICE_FRAME.match(part):
            continue
        limb = _ADVISED.sub("", _first_limb(part))
        if 4 <= len(limb) <= 20 and _verb_first(limb) and keep(limb):
            return limb
    return ""


def _verb_first(text: str) -> bool:
    return work_verb(text) or pos_tag(text[:2]) == "v"


def _first_limb(part: str) -> str:
    """The first of coordinated actions (推进X、建立Y → 推进X); an object that is itself a list
    (补贴与服务质量、收缴率挂钩) is never cut, so the whole part is kept."""
    pieces = _LIMB_END.split(part, maxsplit=1)
    rest = _ADVISED.sub("", pieces[2]) if len(pieces) == 3 else ""
    # 降低Y / 建立Y: a second action; 收缴率挂钩的机制: the list runs on into the object (的)
    if rest and (work_verb(rest) or _verb_first(rest) and "的" not in rest):
        return pieces[0]
    return part


def names_theme(action: str, text: str, opening: tuple[str, ...] = ()) -> bool:
    """A noun of the action recurs in the piece (3+ times) and, when `opening` is given, is
    named in it: the proposal's theme, not one detail of it."""
    nominal = ("n", "vn", "j", "b")
    nouns = [w for w in tokenize(action) if len(w) >= 2 and pos_tag(w).startswith(nominal)]
    head = "".join(opening)
    return any(text.count(w) >= 3 and (not opening or w in head) for w in nouns)


def theme_recurs(phrase: str, text: str) -> bool:
    """The phrase recurs whole, or its last noun (the head) recurs 3+ times: the piece's theme."""
    if text.count(phrase) >= 2:
        return True
    nouns = [w for w in tokenize(phrase) if len(w) >= 2 and pos_tag(w).startswith(("n", "vn", "j"))]
    return bool(nouns) and text.count(nouns[-1]) >= 3


def _proposal(lead: Lead) -> str:
    for m in _ADVISED_ACTION.finditer(lead.text):
        text = _URGE_HEAD.sub("", m.group(1))
        if _starts_with_verb(text) and 4 <= len(text) <= 20:
            return text
    # a 建议/提案 itself (提案者, 案由…): its first listed item; a problem piece that closes
    # with suggestions keeps its problem forms (one listed item is a detail there)
    listed = _LISTED_ADVICE.search(lead.text) if _PROPOSAL_MARK.search(lead.text) else None
    if not listed:
        return ""
    return first_action(listed.group(1), lambda a: names_theme(a, lead.text, lead.sentences[:4]))


def _genre(lead: Lead, news: bool) -> str:
    text = lead.text
    head = text[:300]
    if any(w in head for w in _PROPOSAL_WORDS):
        return "proposal"
    if news:
        return "news"
    if any(w in text for w in _SURVEY_WORDS):
        return "survey"
    if any(w in text for w in _REPORT_WORDS):
        return "report"
    return ""


# each a literal looked for with `in` (a regex alternation of them scanned the whole lead)
_PROPOSAL_WORDS = ("提案", "议案", "社情民意", "代表建议", "委员建议", "建议如下", "对策建议")
_SURVEY_WORDS = ("问卷", "抽样调查", "入户调查", "调查显示")
_REPORT_WORDS = ("专报", "报告如下", "排查情况", "整治情况")


def extract(lead: Lead, subject: Subject, *, news: bool) -> Phrases:
    """The lead's phrases for this subject, once per lead (the fallback forms ask again)."""
    key = ("phrases", subject, news)
    found: Phrases | None = lead.memo.get(key)
    if found is None:
        found = lead.memo[key] = _extract(lead, subject, news)
    return found


def _extract(lead: Lead, subject: Subject, news: bool) -> Phrases:
    preds, figs = _predicates(lead, subject, news)
    if news and not preds and not figs:
        preds, figs = _predicates(lead, subject, False)
    text = lead.text
    return Phrases(
        predicates=tuple(preds),
        figure_clauses=tuple(figs),
        measures=count_measures(text),
        topic=_topic(lead, subject),
        proposal=_proposal(lead),
        genre=_genre(lead, news),
        has_results=bool(_FIGURE.search(text) and _RESULT.search(text)),
        lead=lead,
        subject=subject,
    )
