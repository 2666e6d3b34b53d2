"""What kind of piece the draft is, before any form is filled (route by genre first).

- `own_title`: a title the draft already carries — its first line when that line reads as a title
  (no sentence punctuation, ends like one: …调研报告, …的建议, …对策), a title glued to the first
  sentence, or 「建议标题：《…》」. Offered first, cleaned of placeholders (**, xx).
- `is_proposal`: a 建议/提案/议案 (提案者, 案由, 建议：, 建议如下…) gets 「关于…的建议」 only.
- `is_research`: a 调研/调查 piece (调研组, 课题组, 开展调研, 问卷…) may get a 调研报告 title.
- `is_problem`: the body reads as a problem piece (存在…问题, 短板, 难题, 亟待…): only then
  「…问题需关注」.
- `is_meeting`: the opening sentence reports a meeting, session or ceremony (召开…会议, 开幕,
  出席…) and no work item: the note, not a title.
- `template_topic_ok`: a phrase may fill 「…问题需关注」 or 「关于…情况的调研报告」 only when it
  is a noun phrase that recurs in the body — never a verb phrase, a definition, a positive
  statement, an organiser or unit name, or the name of a questionnaire or survey.
"""

from __future__ import annotations

import re
from functools import lru_cache

from models.tokenize import pos_tag, tokenize

# patterns of inline re calls, compiled once (the re module's cache lookup per call cost more)
_QUOTED_TERM = re.compile(r"“[^“”]+”")
_SENTENCE_MARK = re.compile(r"[。！？!?\n]")

# verbs that name an activity and may end a topic noun phrase (耕地保护, 垃圾分类管理)
ACTIVITY = set(
    "运行 发展 建设 治理 管理 改造 整治 保障 服务 转型 利用 使用 就业 养老 监管 执法 登记 "
    "回收 处置 维修 管护 评价 改革 调解 救助 帮扶 培训 审批 办理 整改 融资 结算 运营 流转 "
    "托管 经营 销售 收购 种植 养殖 防控 防治 排查 保护 修复 供应 配送 监测 安置 搬迁 "
    "接管 运输 办学 就医 助餐 消费 投资 贷款 招商 创业 创新 生产".split()
)

_TITLE_END = (
    r"(调研报告|调查报告|情况报告|分析报告|情况汇报|工作报告|的建议|的提案|的议案|对策建议|"
    r"及其对策|及对策|与对策|的对策|的思考|与思考|与建议|及建议|调查与思考|调研与思考)"
)
_FIRST_LINE = re.compile(rf"^[^，。；;！？!?,]{{6,40}}{_TITLE_END}$")
_GLUED = re.compile(rf"^([^，。；;！？!?,:：\s]{{4,34}}?{_TITLE_END})(?=\s*[^，。；:：\s])")
_NAMED_TITLE = re.compile(r"(?:建议|提案|议案)(?:标题|题目|名称)[:：]\s*《([^《》\n]{6,40})》")
_PLACEHOLDER = re.compile(r"^[*＊xX×]{1,4}|[*＊]+")

# a 建议/提案/议案 itself (routed to 「关于…的建议」 only) ...
_PROPOSAL = re.compile(r"(提案者|提案人|案由|建议标题|建议内容|领衔代表|附议)")
_PROPOSAL_HEAD = re.compile(r"(提案|议案)")
# ... and a piece that closes with suggestions (a problem piece may: it also gets the form)
_SUGGESTS = re.compile(
    r"建议如下|对策建议|具体建议|几点建议|提出如下建议|代表建议|委员建议|社情民意|"
    r"为此建议|对此建议|因此建议|据此建议|特建议|现建议"
)
# 建议： opening the text, a sentence or a line: patterns of their own (a branch led by ^ or by a
# character class makes the scanner try every branch at every character, ~4x slower a draft)
_SUGGESTS_START = re.compile(r"\s*建议[:：]")
_SUGGESTS_HEAD = re.compile(r"[。\n]\s*建议[:：]")
_RESEARCH = re.compile(
    r"(调研|调查|课题组|摸底|摸排|走访|座谈|问卷|抽样|入户|专报|报告如下|情况如下|统计显示)"
)
_PROBLEM = re.compile(
    r"(问题|风险|隐患|短板|难题|苗头|隐忧|矛盾|困难|乱象|漏洞|瓶颈|亟待|亟需|不容忽视|值得警惕|"
    r"偏低|偏高|滞后|薄弱|不足|较弱|不高|不强|不畅|不到位|不健全|下滑|缺口|断档|反弹)"
)
_MEETING = re.compile(
    r"((?:召开|举行|举办)(?!以来)[^，。；]{0,30}(?:会|会议|仪式|论坛)(?!以来)|"
    r"会议?[^，。；]{0,4}(?:召开|开幕|闭幕)(?!以来)|新闻发布会|开幕会|全体会议)"
)
_WORK = re.compile(
    r"(累计|完成|实现|共[查检排发办帮解投]|排查|整改|追回|发放|新增|建成|[0-9]+(?:\.[0-9]+)?"
    r"(?:%|万|亿|户|人|家|个|项|件|处))"
)

# what may not fill a template: organisers, units, questionnaires, events, vague words
_NOT_TOPIC = re.compile(
    r"(研究会|学会|协会|工作站|服务站|服务中心|中心|公司|集团|局|委员会|委|办公室|政府|调研组|"
    r"课题组|调查组|问卷|调查系统|系统|调查|分析|发布会|会议|座谈会|目前|当前|真实|"
    r"分类|领域|能力水平|全[县市区镇乡省]|错误|正确|认为|觉得|消息|进展|"
    r"人员|市民|居民|村民|先生|女士|记者|代表|委员|政协|人大|年度|"
    r"报告|调研|通报|专报|汇报|总结|代言人|负责人|当事人)"
)
# a clause cut after its verb (县域治理产生), a road span (某镇东至某集镇路段)
_CUT_CLAUSE = re.compile(
    r"((产生|形成|出现|带来|造成|发生|存在|进行|取得)$|[东西南北]至|至[^，。]{1,8}路段?$)"
)
# positive statements and purposes are not problems or topics (方便群众办事, 有效运行)
_POSITIVE = re.compile(
    r"(方便|便民|便利|有效|显著|明显|稳步|稳定|改善|提升|促进|助力|推动|加快|优化|增强|"
    r"提高|完善|健全|小而美|小而精|高质量|良好|积极|顺利|成功|大力|成效|取得|迅猛|丰硕|突破)"
)
_SHORTFALL = re.compile(r"(偏低|偏高|滞后|薄弱|不足|不高|不强|不畅|不到位|闲置|下滑)$")
_VERB_TAGS = {"v", "vd", "vi", "a", "ad", "d", "p", "c", "u", "uj", "r", "m", "q", "f", "t"}
_PROBLEM_NOUNS = ("问题", "风险", "隐患", "短板", "难题", "现象", "矛盾", "困难", "乱象", "漏洞")


def _clean_title(title: str) -> str:
    title = re.sub(r"\s+", "", _PLACEHOLDER.sub("", title)).strip("《》")
    if title.count("“") != title.count("”") or title.startswith(("本次", "该", "此", "这")):
        return ""
    return title


def own_title(body: str) -> str:
    """The title already sitting at the top of the body ("" when there is none)."""
    text = body.strip()
    m = _NAMED_TITLE.search(text[:300])
    if m:
        return _clean_title(m.group(1))
    first = text.split("\n", 1)[0].strip()
    if _FIRST_LINE.match(first) and len(text) > len(first) + 20:
        return _clean_title(first)
    m = _GLUED.match(first)
    if m:
        return _clean_title(m.group(1))
    return ""


def is_proposal(text: str) -> bool:
    """A 建议/提案/议案 itself: its own markers, or 提案/议案 named in its opening."""
    return bool(_PROPOSAL.search(text) or _PROPOSAL_HEAD.search(text[:120]))


def suggests(text: str) -> bool:
    """The piece closes with suggestions (建议如下/对策建议/建议：)."""
    return bool(
        _SUGGESTS.search(text) or _SUGGESTS_START.match(text) or _SUGGESTS_HEAD.search(text)
    )


def is_research(text: str) -> bool:
    return bool(_RESEARCH.search(text))


def is_problem(text: str) -> bool:
    """Problem cues recur (one mention of 问题 in a news piece is not a problem piece)."""
    return len(_PROBLEM.findall(text)) >= 2


def is_meeting(first_sentence: str, text: str) -> bool:
    """The opening reports a meeting/session/ceremony and the body reports no work figures."""
    return bool(_MEETING.search(first_sentence)) and len(_WORK.findall(text)) < 3


def _recurs(core: str, body: str) -> bool:
    """The phrase, or one of its nouns, recurs in the body; a quoted term must recur whole."""
    if body.count(core) >= 2:
        return True
    quoted = _QUOTED_TERM.findall(core)
    if quoted and any(body.count(q) < 2 for q in quoted):
        return False
    words = [w for w in tokenize(_QUOTED_TERM.sub(" ", core)) if len(w) >= 2]
    nouns = [w for w in words if pos_tag(w) not in ("v", "vn", "a", "ad", "d")]
    return any(body.count(w) >= 2 for w in nouns)


# a problem the draft states as salient (X问题日益凸显): named once, it is still the point
_SALIENT = re.compile(r"(?:日益|越来越|愈发|较为|十分|尤为|更加|更为)(?:凸显|突出|严重|明显|尖锐)")


def stated_problem(phrase: str, body: str) -> bool:
    """`phrase` (ending in 问题/矛盾/…) is followed in the body by a salience cue (each place it
    occurs is tested: no pattern compiled per phrase)."""
    at = body.find(phrase)
    while at >= 0:
        if _SALIENT.match(body, at + len(phrase)):
            return True
        at = body.find(phrase, at + 1)
    return False


# a draft asks about the same phrase up to 4 times (its topic for each framed form); the last
# drafts' answers are kept (few: each key holds its body)
@lru_cache(maxsize=64)
def template_topic_ok(phrase: str, body: str, subject: str = "") -> bool:
    """`phrase` (without its subject) may fill 「…问题需关注」/「关于…情况的调研报告」."""
    core = phrase.removeprefix(subject) if subject else phrase
    for end in _PROBLEM_NOUNS:
        if core.endswith(end) and len(core) > len(end):
            core = core[: -len(end)]
            break
    core = core.removesuffix("的")
    if len(core) < 3 or _NOT_TOPIC.search(core) or _POSITIVE.search(core):
        return False
    if _CUT_CLAUSE.search(core):
        return False
    words = [w for w in tokenize(_QUOTED_TERM.sub("", core)) if w.strip()]
    first = pos_tag(words[0]) if words else "v"
    if first == "a" and len(words[0]) == 1 and len(words) > 1 and pos_tag(words[1]) == "n":
        first = "n"  # 新|农村建设, 老|城区改造: a one-character modifier of the noun
    if not core.startswith("“") and (first in _VERB_TAGS or first == "vn"):
        return False
    if (
        words
        and pos_tag(words[-1]) in _VERB_TAGS - {"a", "ad", "d"}
        and words[-1] not in ACTIVITY
        and not _SHORTFALL.search(core)
    ):
        return False  # 县域治理产生: a clause cut after its verb
    return _recurs(core, body) or stated_problem(phrase, body)


# what a clause says about the study itself: its object, its purpose, its team or method
_STUDY_CUE = re.compile(r"(调研|调查|问卷|了解|摸清|摸底|摸排|掌握|走访|座谈|课题|抽样|评价|看法)")


@lru_cache(maxsize=16)
def _study_sentences(body: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """The body's sentences and the indices of those that state the study (asked once per
    topic of a draft: the split is kept for the last bodies)."""
    sentences = tuple(x for x in _SENTENCE_MARK.split(body) if x.strip())
    return sentences, tuple(i for i, x in enumerate(sentences) if _STUDY_CUE.search(x))


def studied(phrase: str, body: str) -> bool:
    """`phrase` may name what the report studies: it is refused only when it stands in the
    scene-setting background before the study is first stated (当前…压力不减。为了解…，对…开展
    问卷调查) and shares no word with any sentence that states the study. A piece that never
    states a study (a 专报 of figures) has no background to tell apart."""
    sentences, stated = _study_sentences(body)
    if not stated or any(phrase in x for x in sentences[stated[0] :]):
        return True
    words = [w for w in tokenize(phrase) if len(w) >= 2]
    return any(w in sentences[i] for i in stated for w in words)
