"""The topic of a problem piece: the noun phrase its title is about (「X问题需关注」, 「关于X的建议」).

Candidates are runs of whole jieba words cut from the clauses of the first sentences (any
contiguous span of a nominal run, as models/headline/topic.py finds the runs, ending on a noun
head, starting on a noun, a verbal noun, a quoted term or a one-character modifier before a
noun; never a cut place name, a figure or a unit). Each is scored by a logistic model on
features of the draft's own text: how often the phrase and its head word recur, in which
sentence it first stands, whether its clause states the problem (问题/难/短板/隐患/不足/偏低…),
whether a figure follows it (a background statistic), its length and its first and last tags.
The weights are fitted on the corpus's training split (`python -m training.fit_problem_topics`:
a candidate is positive when 「place + phrase + 问题需关注」 reaches character ROUGE-L 0.5 against
the corpus title) and stored in problem_topics.json beside this file. The best phrases that also
pass `template_topic_ok` (a noun phrase that recurs, not a unit, a person or a positive
statement) fill the problem forms; a phrase inside a better one is not offered again.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from models.headline.genre import template_topic_ok
from models.headline.lead import Lead
from models.headline.phrases import theme_recurs, work_verb
from models.headline.subject import Subject
from models.headline.topic import clause_runs, clean_topic, noun_head
from models.tokenize import pos_tag

# patterns of inline re calls, compiled once (the re module's cache lookup per call cost more)
_DIGIT = re.compile(r"[0-9]")

# the package directory, not __file__: a compiled module lives in build/mypyc (models/compiled.py)
WEIGHTS = Path(str(files("models.headline").joinpath("problem_topics.json")))
SENTENCES = 8  # the sentences a topic is read from
MIN_LEN, MAX_LEN = 3, 14

# what states a problem in a clause (the topic is what it is said of)
_CUE = re.compile(
    r"(问题|难|隐患|风险|短板|不足|偏低|偏高|滞后|薄弱|不高|不强|困难|矛盾|闲置|空置|下滑|下降|"
    r"老化|拖欠|反弹|苗头|缺口|短缺|不到位|不畅|增多|突出|隐忧|不够|较少|较弱|过度|过多|频发|"
    r"乱象|漏洞|压力)"
)
_TURN = re.compile(r"(但|然而|不过|可是|却)")
_CUE_NEXT = re.compile(r"^的?(问题|难|隐患|风险|短板|现象|苗头|隐忧|矛盾|困难)")
_FIGURE_NEXT = re.compile(r"^[^，。；]{0,3}[0-9]")
_PLACE_CHAR = re.compile(r"[省市县区镇乡村]")
# a phrase that opens on a level character or a measure word not part of a word (乡民宿…, 条村级…)
_FRAGMENT = re.compile(r"^[省市县区镇乡村条个家所户名座处项]")
# what a proposal or a report says, never its topic (建议改造…)
_NOT_TOPIC_START = re.compile(r"^(建议|意见|提案|议案|原因)")
_ADVICE = re.compile(r"^(建议|希望|呼吁|应当|应该|要)")
_EXAMPLE = re.compile(r"(例如|比如|诸如|[（(][^）)]*$|^[^（(]*[）)])")
_HAN = re.compile(r"[\u4e00-\u9fa5]+")
_NOMINAL = {"n", "nr", "ns", "nt", "nz", "ng", "nrt", "vn", "j", "b", "an", "l", "a", ""}
_GENERIC = set(
    "工作 情况 方面 问题 群众 部门 单位 同志 有关 相关 负责 主要 重要 基础 目标 任务 措施 "
    "方式 时间 记者 领导 会议".split()
)
# verbs that link two phrases, never inside one name (民生保障水平|作为|首要任务)
_LINKS = set(
    "作为 成为 是 为 有 让 使 把 被 对 将 在 到 给 比 占 达 达到 属于 包括 涉及 需要 存在 出现 "
    "发现 实现 导致 造成 影响 引发 制约 面临 缺乏 缺少 没有 无 如 即 含 像 叫 称".split()
)
_NOT_HEAD = {"nr", "l", "a", "ad", "an"}
_START_TAGS = ("n", "vn", "j", "b", "an")
_PROBLEM_NOUNS = ("问题", "风险", "隐患", "短板", "难题", "现象", "苗头", "隐忧", "矛盾", "困难")


@dataclass(frozen=True)
class ProblemTopic:
    text: str
    score: float


@dataclass(frozen=True)
class _Span:
    sentence: int
    start: int  # first word's index in its clause
    words: int
    head: str
    after: str  # the clause's text after the phrase
    clause: str
    whole_sentence: str
    whole_run: bool


def _tag(word: str) -> str:
    return pos_tag(word) or ""


def _starts_ok(words: list[str], a: int, b: int) -> bool:
    """A noun, a verbal noun, a quoted term or a one-character modifier before a noun opens it."""
    first = words[a]
    if first.startswith("“"):
        return True
    tag = _tag(first)
    if len(first) == 1 and tag != "a":
        return False  # 在|岗|乡村医生: one character left over from a word before
    if tag.startswith(_START_TAGS):
        return True
    modifier = tag == "a" and len(first) == 1 or not tag and len(first) >= 2  # 新|农村, 老旧|小区
    return modifier and b > a + 1 and _tag(words[a + 1]).startswith("n")


@lru_cache(maxsize=65536)
def _nominal(word: str) -> bool:
    if word.startswith("“"):
        return True
    return bool(_HAN.fullmatch(word)) and _tag(word) in _NOMINAL and word not in _GENERIC


def _runs(words: list[str]) -> list[tuple[int, int]]:
    """Maximal [start, end) runs of nominal words; a verb of one or two characters between
    two nominal words stays inside (基层|扑火|队伍, 污水|处理|站 read as one name)."""
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        if not _nominal(words[i]):
            i += 1
            continue
        j = i + 1
        while j < len(words):
            if _nominal(words[j]):
                j += 1
            elif (
                len(words[j]) <= 2
                and _tag(words[j]) == "v"
                and words[j] not in _LINKS
                and not work_verb(words[j])  # 部门|建立|民办: a clause, not a name
                and j + 1 < len(words)
                and _nominal(words[j + 1])
            ):
                j += 2
            else:
                break
        runs.append((i, j))
        i = j
    return runs


def spans(lead: Lead, subject: Subject) -> dict[str, _Span]:
    """Every candidate phrase with where it first stands (once per lead and subject)."""
    key = ("problem_spans", subject)
    found: dict[str, _Span] | None = lead.memo.get(key)
    if found is not None:
        return found
    found = lead.memo[key] = {}
    longest = MAX_LEN + len(subject.actor) + len(subject.place) + 8
    body = lead.text
    # a phrase that opens on the tail of the place's name (某川经开区 → 川经开区…)
    place_tails = tuple(subject.place[k:] for k in range(1, len(subject.place)))
    for index, clause in enumerate(lead.clauses):
        if clause.sentence >= SENTENCES:
            break
        if _EXAMPLE.search(clause.text) or _ADVICE.match(clause.text):
            continue  # an example, an aside in brackets (例如：某小区…) or what is proposed
        words = clause_runs(lead, index)[0]
        for i, j in _runs(words):
            for a in range(i, j):
                # _starts_ok reads b only as b > a + 1: asked once for one word, once for more
                single = _starts_ok(words, a, a + 1)
                multi = j > a + 1 and _starts_ok(words, a, a + 2)
                if not (multi if j > a + 1 else single):
                    continue
                # words[a:b] read as b grows: joined, its quotes, a person's name (某某 /
                # 学校|连|…: a word tagged nr of other than two characters; a two-character one
                # is the dictionary's, 养老), a word the dictionary does not know
                raw = ""
                quotes = 0
                named = unknown = False
                length = 0
                for b in range(a + 1, j + 1):
                    word = words[b - 1]
                    length += len(word)
                    if length > longest:
                        break  # longer than any topic once a subject and a generic head go
                    raw += word
                    tag = _tag(word)
                    quotes += word.count("“") - word.count("”")
                    named = named or tag == "nr" and len(word) != 2
                    unknown = unknown or not tag and not word.startswith("“")
                    if not noun_head(word) or not (multi if b > a + 1 else single):
                        continue
                    text = clean_topic(raw, subject)
                    if text in found or not MIN_LEN <= len(text) <= MAX_LEN:
                        continue
                    if _DIGIT.search(text) or text.startswith(place_tails):
                        continue
                    if _FRAGMENT.match(text) and not pos_tag(text[:2]):
                        continue  # 乡民宿…, 岗乡村: the tail of a place name or a word cut
                    # no name, no quotation cut open, no idiom or adjective as the head
                    # (形同虚设, 基本), not a verb's subject (学生经历|了), and a word the
                    # dictionary does not know only in a phrase that recurs (a coined name)
                    if quotes or named or tag in _NOT_HEAD or _NOT_TOPIC_START.match(text):
                        continue
                    if b < len(words) and words[b] in ("了", "着", "过"):
                        continue
                    if unknown and body.count(raw) < 2:
                        continue
                    if subject.place and subject.place in text:
                        continue
                    found[text] = _Span(
                        clause.sentence,
                        a,
                        b - a,
                        word,
                        "".join(words[b:]),
                        clause.text,
                        lead.sentences[clause.sentence],
                        a == i and b == j,
                    )
    return found


def features(text: str, span: _Span, body: str) -> dict[str, float]:
    """The phrase's features (names as in problem_topics.json)."""
    cue_clause = bool(_CUE.search(span.clause))
    head_tag = _tag(span.head)[:2] or "x"
    first = text[:2] if _tag(text[:2]) else text[:1]
    f = {
        f"sent={min(span.sentence, 4)}": 1.0,
        f"len={min(len(text) // 2, 7)}": 1.0,
        f"words={min(span.words, 4)}": 1.0,
        f"head={head_tag}": 1.0,
        f"first={(_tag(first) or 'x')[:1]}": 1.0,
        "count": math.log1p(body.count(text)),
        "head_count": math.log1p(body.count(span.head)) if len(span.head) >= 2 else 0.0,
        "cue_next": float(bool(_CUE.search(span.after[:6]))),
        "cue_noun_next": float(bool(_CUE_NEXT.match(span.after))),
        "cue_clause": float(cue_clause),
        "cue_sentence": float(bool(_CUE.search(span.whole_sentence))),
        "turn_sentence": float(bool(_TURN.search(span.whole_sentence))),
        "figure_next": float(bool(_FIGURE_NEXT.match(span.after))),
        "quote": float("“" in text),
        "whole_run": float(span.whole_run),
        "clause_start": float(span.start == 0),
        "cue_clause_start": float(span.start == 0 and cue_clause),
        "rate": float(text.endswith("率")),
        "place_char": float(bool(_PLACE_CHAR.search(text[:-1]))),
    }
    return f


@lru_cache(maxsize=1)
def weights() -> dict[str, float]:
    if not WEIGHTS.exists():
        return {}
    loaded: dict[str, float] = json.loads(WEIGHTS.read_text(encoding="utf-8"))["weights"]
    return loaded


def _score(feats: dict[str, float]) -> float:
    """The fitted model's log-odds; without weights, recurrence and the problem clause."""
    w = weights()
    if not w:
        return feats["head_count"] + feats["cue_clause"] - feats.get("sent=4", 0.0)
    return w.get("_bias", 0.0) + sum(w.get(k, 0.0) * v for k, v in feats.items())


@dataclass(frozen=True)
class _Table:
    """The fitted weights by feature slot: a phrase's score read without building its feature
    dict (the f-string keys and the dict cost more than the arithmetic)."""

    bias: float
    sent: tuple[float, ...]  # sent=0..4
    length: tuple[float, ...]  # len=0..7
    words: tuple[float, ...]  # words=0..4
    count: float
    head_count: float
    cue_next: float
    cue_noun_next: float
    cue_clause: float
    cue_sentence: float
    turn_sentence: float
    figure_next: float
    quote: float
    whole_run: float
    clause_start: float
    cue_clause_start: float
    rate: float
    place_char: float


_HELD: list[tuple[dict[str, float], _Table]] = []  # the weights the table was read from


def _table(w: dict[str, float]) -> _Table:
    """The table of these weights (read again when `weights` is loaded again)."""
    if _HELD and _HELD[0][0] is w:
        return _HELD[0][1]
    table = _read_table(w)
    _HELD[:] = [(w, table)]
    return table


def _read_table(w: dict[str, float]) -> _Table:
    return _Table(
        w.get("_bias", 0.0),
        tuple(w.get(f"sent={i}", 0.0) for i in range(5)),
        tuple(w.get(f"len={i}", 0.0) for i in range(8)),
        tuple(w.get(f"words={i}", 0.0) for i in range(5)),
        *(
            w.get(k, 0.0)
            for k in (
                "count",
                "head_count",
                "cue_next",
                "cue_noun_next",
                "cue_clause",
                "cue_sentence",
                "turn_sentence",
                "figure_next",
                "quote",
                "whole_run",
                "clause_start",
                "cue_clause_start",
                "rate",
                "place_char",
            )
        ),
    )


def _scores(found: dict[str, _Span], body: str) -> list[ProblemTopic]:
    """`_score(features(text, span, body))` for every phrase, the same floats: each term is
    the same product, summed in the feature dict's order. The clause and sentence cues are
    searched once per clause and sentence (most phrases share them), not once per phrase."""
    w = weights()
    if not w:
        return [
            ProblemTopic(text, _score(features(text, span, body))) for text, span in found.items()
        ]
    t = _table(w)
    cue: dict[str, bool] = {}
    turn: dict[str, bool] = {}
    out: list[ProblemTopic] = []
    for text, span in found.items():
        cue_clause = cue.get(span.clause)
        if cue_clause is None:
            cue_clause = cue[span.clause] = bool(_CUE.search(span.clause))
        cue_sentence = cue.get(span.whole_sentence)
        if cue_sentence is None:
            cue_sentence = cue[span.whole_sentence] = bool(_CUE.search(span.whole_sentence))
        turned = turn.get(span.whole_sentence)
        if turned is None:
            turned = turn[span.whole_sentence] = bool(_TURN.search(span.whole_sentence))
        head_tag = _tag(span.head)[:2] or "x"
        first = text[:2] if _tag(text[:2]) else text[:1]
        head_count = math.log1p(body.count(span.head)) if len(span.head) >= 2 else 0.0
        terms = [
            t.sent[min(span.sentence, 4)] * 1.0,
            t.length[min(len(text) // 2, 7)] * 1.0,
            t.words[min(span.words, 4)] * 1.0,
            w.get("head=" + head_tag, 0.0) * 1.0,
            w.get("first=" + (_tag(first) or "x")[:1], 0.0) * 1.0,
            t.count * math.log1p(body.count(text)),
            t.head_count * head_count,
            t.cue_next * float(bool(_CUE.search(span.after[:6]))),
            t.cue_noun_next * float(bool(_CUE_NEXT.match(span.after))),
            t.cue_clause * float(cue_clause),
            t.cue_sentence * float(cue_sentence),
            t.turn_sentence * float(turned),
            t.figure_next * float(bool(_FIGURE_NEXT.match(span.after))),
            t.quote * float("“" in text),
            t.whole_run * float(span.whole_run),
            t.clause_start * float(span.start == 0),
            t.cue_clause_start * float(span.start == 0 and cue_clause),
            t.rate * float(text.endswith("率")),
            t.place_char * float(bool(_PLACE_CHAR.search(text[:-1]))),
        ]
        out.append(ProblemTopic(text, t.bias + sum(terms)))
    return out


def _bound(text: str, found: dict[str, _Span], body: str) -> bool:
    """The phrase never stands without a longer candidate around it (村级文化 of 村级文化活动室,
    as often in the draft): the longer one is the topic."""
    n = body.count(text)
    return any(len(u) > len(text) and text in u and body.count(u) == n for u in found)


def _ranked(lead: Lead, subject: Subject) -> list[ProblemTopic]:
    """Every candidate phrase scored, best first (once per lead and subject)."""
    key = ("problem_ranked", subject)
    found: list[ProblemTopic] | None = lead.memo.get(key)
    if found is None:
        body = lead.text
        found = lead.memo[key] = sorted(_scores(spans(lead, subject), body), key=lambda t: -t.score)
    return found


def problem_topics(
    lead: Lead, subject: Subject, limit: int = 3, *, strict: bool = False
) -> list[ProblemTopic]:
    """The draft's best topic phrases for a problem form, best first (`strict`: only phrases
    that a clause names with its problem: 某某问题突出, 某某偏低)."""
    body = lead.text
    found = spans(lead, subject)
    out: list[ProblemTopic] = []
    for t in _ranked(lead, subject):
        if any(t.text in o.text or o.text in t.text for o in out):
            continue
        if _bound(t.text, found, body):
            continue
        if not template_topic_ok(t.text, body):
            continue
        if strict and not any(t.text in c.text and _CUE.search(c.text) for c in lead.clauses):
            continue
        out.append(t)
        if len(out) == limit:
            break
    return out


def problem_forms(
    lead: Lead, subject: Subject, named: str, *, problem: bool, proposal: str, strict: bool = False
) -> list[tuple[str, str, int]]:
    """(form, text, rank of the topic) for the problem forms of the draft's best topics:
    「named + X + 问题需关注/问题值得关注」 for a problem piece, 「关于X的建议/提案」 when the piece
    proposes (`proposal` is the word: 建议 or 提案; "" when it does not)."""
    out: list[tuple[str, str, int]] = []
    for i, t in enumerate(problem_topics(lead, subject, strict=strict) if problem else []):
        noun = "" if t.text.endswith(_PROBLEM_NOUNS) else "问题"
        out.append(("pt_need", f"{named}{t.text}{noun}需关注", i))
        out.append(("pt_watch", f"{named}{t.text}{noun}值得关注", i))
    if proposal:  # what a proposal is about is its theme: the phrase or its head recurs
        themes = [t for t in problem_topics(lead, subject) if theme_recurs(t.text, lead.text)]
        out += [("pt_proposal", f"关于{t.text}的{proposal}", i) for i, t in enumerate(themes)]
    return out
