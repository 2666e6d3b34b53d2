"""Topic noun phrases and the parts of a result clause, cut from the draft's own words.

A topic noun phrase is a maximal run of whole jieba words in one clause of the lead whose
dictionary tags are nominal (n*, vn, j, b, an, untagged words, a quoted term “…” as one unit),
with verbs allowed only when they name an activity (运行/建设/治理…) or sit between two
nouns (执法|图斑). It never starts with the subject, a generic place (全县/部分/各乡镇), a
function word or a verb, and is 4–14 characters. Phrases are ranked by how often their words
recur in the draft (the draft's theme recurs), a quoted term and the first sentence weighing
more.

A result clause is 「topic noun phrase + result verb + figure」 (规上工业增加值同比增长9.6%,
整改销号率达到97.3%), copied as written; a bare 「…率 + figure」 gets 达到 only when the
phrase ends in 率/比例 (the figure is then a level reached, never a change).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from models.headline.genre import ACTIVITY
from models.headline.lead import Lead
from models.headline.phrases import enumerated
from models.headline.subject import Subject, acting_clauses
from models.tokenize import pos_tag, tokenize

_NOMINAL_TAGS = {"n", "nr", "ns", "nt", "nz", "ng", "nrt", "vn", "j", "b", "an", "l", "a", ""}
_ACTIVITY = ACTIVITY
_GENERIC_HEAD = re.compile(
    r"^(全[县市区镇乡省]|各[县市区镇乡村级]*|该[县市区镇乡]|我[县市区镇乡省]|本[县市区镇乡]|"
    r"[县市区镇乡](?=[里内])[里内]?|部分|一些|个别|有的|辖区|当地|现有|全|各)"
)
# a topic that opens on a date unit or a bare level character cut off its name
_FRAGMENT_HEAD = re.compile(r"^[省市县区镇乡村年月日号]")
_DATE_HEAD = re.compile(r"^(月份|月底|月初|年底|年初|季度|上旬|中旬|下旬)")
_GENERIC_WORDS = {
    "工作",
    "情况",
    "方面",
    "问题",
    "群众",
    "部门",
    "单位",
    "同志",
    "有关",
    "相关",
    "负责",
    "主要",
    "重要",
    "基础",
    "目标",
    "任务",
    "措施",
    "方式",
    "时间",
    "记者",
    "领导",
    "会议",
}
_HEAD_TAGS = {"n", "nz", "ng", "vn", "j", "l", ""}
# (一是…十是 spelt out: with every alternative opening on a literal the engine skips ahead)
_UNIT = re.compile(
    "(局|委|办|政府|中心|调研组|检查组|工作组|小组|记者|"
    + "|".join(f"{n}是" for n in "一二三四五六七八九十")
    + ")"
)
_GENERIC_TAIL = re.compile(r"(工作|情况|方面|等)$")
_QUOTE = re.compile(r"“[^“”]{1,12}”")
_HAN_WORD = re.compile(r"[\u4e00-\u9fa5]+")
_RESULT_VERB = re.compile(
    r"^(同比|环比|比上年|较上年|比去年同期)?(增长|下降|提高|提升|减少|增加|突破|达到|超过|降至|"
    r"提高到|提升到|增长到|下降到|缩短到|压缩到|压缩至|缩短至|降低到|降低至|上升到|达)"
)
_FIGURE = re.compile(
    r"[0-9]+(?:\.[0-9]+)?(?:%|个百分点|[万亿]?[元户人家个项件亩吨套座条所台次场间天]|万|亿)"
)
# 由A + change verb + B: the level reached, copied as written; a time phrase with 的 before B
# (今年上半年的) is dropped, never the figure
_FROM_TO = re.compile(
    r"^(?:由|从)[^，。；]{1,24}?(下降到|下降至|降至|降到|提高到|提高至|提升到|提升至|上升到|"
    r"上升至|增长到|增加到|增至|减少到|减少至|缩短到|缩短至|压缩到|压缩至)(?:[^，。；0-9]{1,8}的)?"
    r"([0-9]+(?:\.[0-9]+)?(?:%|个百分点|[万亿]?[元户人家个项件亩吨套座条所台次场间天]|万|亿))"
)
_RATE_FIGURE = re.compile(r"^(?:为|是)?([0-9]+(?:\.[0-9]+)?%)$")


@dataclass(frozen=True)
class Topic:
    text: str
    verb: str  # the work verb right before it in the clause ("" when none)
    score: float


def _unit_words(words: tuple[str, ...]) -> list[str]:
    """The clause's words with each quoted term “…” merged into one unit."""
    if "“" not in words:
        return list(words)  # most clauses quote nothing
    out: list[str] = []
    i = 0
    while i < len(words):
        if words[i] == "“":
            j = i + 1
            while j < len(words) and words[j] != "”" and j - i < 8:
                j += 1
            if j < len(words) and words[j] == "”":
                out.append("".join(words[i : j + 1]))
                i = j + 1
                continue
        out.append(words[i])
        i += 1
    return out


@lru_cache(maxsize=65536)
def _nominal(word: str) -> bool:
    if word.startswith("“"):
        return True
    if not _HAN_WORD.fullmatch(word):
        return False
    return pos_tag(word) in _NOMINAL_TAGS and word not in _GENERIC_WORDS


def _inner_verb(words: list[str], i: int) -> bool:
    return words[i] in _ACTIVITY


@lru_cache(maxsize=65536)
def noun_head(word: str) -> bool:
    """A word that can end a noun phrase: a noun, a quoted term or an activity."""
    return word.startswith("“") or word in _ACTIVITY or pos_tag(word) in _HEAD_TAGS


def _runs(words: list[str]) -> list[tuple[int, int]]:
    """Maximal [start, end) runs of nominal words (activity verbs inside, never first)."""
    runs: list[tuple[int, int]] = []
    nominal = [_nominal(w) for w in words]  # each word asked once (the loops below revisit)
    i, n = 0, len(words)
    while i < n:
        if not nominal[i] or words[i] in _ACTIVITY:
            i += 1
            continue
        j = i + 1
        while j < n and (nominal[j] or _inner_verb(words, j)):
            j += 1
        end = j
        while end > i and not noun_head(words[end - 1]):
            end -= 1
        if end > i and not _UNIT.search("".join(words[i:end])):
            runs.append((i, end))
        i = j
    return runs


def clause_runs(lead: Lead, index: int) -> tuple[list[str], list[tuple[int, int]]]:
    """A clause's unit words and their nominal runs, once per lead (topics and results read them)."""
    key = ("runs", index)
    found: tuple[list[str], list[tuple[int, int]]] | None = lead.memo.get(key)
    if found is None:
        words = _unit_words(lead.clauses[index].words)
        found = lead.memo[key] = (words, _runs(words))
    return found


def clean_topic(text: str, subject: Subject) -> str:
    """The run without the subject, a generic head (全县/部分…) or tail (…工作/情况); asked
    twice for most runs of a draft (topics, then results), and of the same phrases across drafts."""
    return _clean_topic(text, subject.actor, subject.place)


@lru_cache(maxsize=8192)
def _clean_topic(text: str, actor: str, place: str) -> str:
    """`clean_topic` kept by the subject's two names (a key of strings hashes in C)."""
    for name in (actor, place):
        if name and text.startswith(name):
            text = text[len(name) :]
    prev = None
    while prev != text:
        prev, text = text, _GENERIC_HEAD.sub("", text)
    return _GENERIC_TAIL.sub("", text)


def _count(lead: Lead, word: str) -> int:
    """How often `word` occurs in the lead's text, counted once per lead (runs share words)."""
    counts: dict[str, int] | None = lead.memo.get("word_counts")
    if counts is None:
        counts = lead.memo["word_counts"] = {}
    found = counts.get(word)
    if found is None:
        found = counts[word] = lead.text.count(word)
    return found


def topics(lead: Lead, subject: Subject, sentences: int = 3, limit: int = 3) -> list[Topic]:
    """The draft's topic noun phrases, best first (each with the work verb before it)."""
    found: dict[str, Topic] = {}
    acting = acting_clauses(lead, subject, sentences)
    for index, (clause, own) in enumerate(zip(lead.clauses[: len(acting)], acting, strict=True)):
        words, runs = clause_runs(lead, index)
        part = enumerated(lead.sentences[clause.sentence]) if runs else False  # a listed part
        for i, j in runs:
            text = clean_topic("".join(words[i:j]), subject)
            if not 4 <= len(text) <= 14 or subject.place and subject.place in text:
                continue
            if _DATE_HEAD.match(text) or _FRAGMENT_HEAD.match(text) and not pos_tag(text[:2]):
                continue  # 月份全面启动 / 县新农村建设: the tail of a date or of a place name
            if pos_tag(text[:1]) in ("p", "c", "u", "uj", "d", "r") and len(text) > 1:
                if not pos_tag(text[:2]):
                    continue
            ok = own and not part and i > 0
            verb = words[i - 1] if ok and pos_tag(words[i - 1]) == "v" else ""
            recur = sum(math.log1p(_count(lead, w)) for w in words[i:j] if len(w) >= 2)
            score = recur + 1.5 * bool(_QUOTE.search(text)) + 1.0 * (clause.sentence == 0)
            score -= 0.15 * abs(len(text) - 8)
            if text not in found or found[text].score < score:
                found[text] = Topic(text, verb, score)
    ranked = sorted(found.values(), key=lambda t: -t.score)
    out: list[Topic] = []
    for t in ranked:
        if any(t.text in o.text or o.text in t.text for o in out):
            continue
        out.append(t)
        if len(out) == limit:
            break
    return out


_LOOKAHEAD = 16  # tokens after a topic that may hold its result verb and figure


def result_clauses(lead: Lead, subject: Subject, sentences: int = 4) -> list[str]:
    """「topic + result verb + figure」 clauses copied from the draft (达到 for a bare rate)."""
    out: list[str] = []
    for index, clause in enumerate(lead.clauses):
        if clause.sentence >= sentences:
            break
        words, runs = clause_runs(lead, index)
        for i, j in runs:
            np = clean_topic("".join(words[i:j]), subject)
            if not 3 <= len(np) <= 12:
                continue
            rest = "".join(words[j : j + _LOOKAHEAD])  # bounded: linear on long clauses
            change = _FROM_TO.match(rest)
            if change:  # 漏损率由2022年的14.2%下降到今年上半年的8.9% → 漏损率下降到8.9%
                out.append(np + change.group(1) + change.group(2))
                continue
            m = _RESULT_VERB.match(rest)
            if m:
                fig = _FIGURE.match(rest, m.end())
                if fig:
                    out.append(np + rest[: fig.end()])
                continue
            rate = _RATE_FIGURE.match(rest)
            if rate and np.endswith(("率", "比例", "覆盖率")):
                out.append(f"{np}达到{rate.group(1)}")
        if len(out) >= 3:
            break
    return out


_HOLD_VERBS = {"开展", "组织", "组织开展", "举办", "实施", "启动", "进行"}
_EVENT_END = re.compile(
    r"(活动|行动|工程|专项|计划|调研|调查|检查|督查|宣传|培训|服务|整治|治理|排查|评议|试点|改革|"
    r"竞赛|攻坚|帮扶|巡查|执法|普查|监测|演练|义诊|招聘|清理|整改|提升|创建|建设)$"
)


@lru_cache(maxsize=4096)
def activity_ok(verb: str, topic: str) -> bool:
    """开展/组织/举办 + an activity (开展安全隐患排查), never + a bare thing (开展…法治环境)."""
    if verb not in _HOLD_VERBS:
        return True
    last = [w for w in tokenize(topic) if w.strip()][-1:] or [""]
    return bool(_EVENT_END.search(topic)) or last[0] in _ACTIVITY or pos_tag(last[0]) == "vn"
