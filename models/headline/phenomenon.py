"""Problem and proposal forms read off the sentence that names the point.

- `stated_phenomena`: a problem piece names its phenomenon where it says it is the problem:
  「X(的)(问题|现象|苗头|隐患|风险|矛盾)(日益|开始|较为…)(凸显|突出|显现|抬头|反弹|上升…)」 or
  「X(的)(问题|…)值得关注/不容忽视/值得警惕/需引起重视」, 「X(已)成为…最集中的领域/突出问题」,
  「X(仍)是短板/薄弱环节」. X is copied as written (a quoted coinage included; one 的 between
  nouns dropped) and titled 「place + X + 问题需关注」 (苗头/风险/隐患: 需警惕), not a broad noun of
  the opening. A listed item (一是…), a person, a unit or a coinage alone is never X.
- `proposal_theme`: a 建议/提案/议案 that states no action or topic in a form we can copy is about
  the noun phrase it keeps naming: the span of words (a noun first and last) that recurs most
  (characters covered, doubled when the opening names it), never the tail of a longer name
  (河口村道路 of 某村至河口村道路), gives 「关于X的建议」.
"""

from __future__ import annotations

import re

from models.headline.genre import template_topic_ok
from models.headline.lead import Lead
from models.headline.subject import Subject
from models.headline.topic import noun_head
from models.tokenize import pos_tag, tokenize

SENTENCES = 6  # a phenomenon is named in the opening sentences
MIN_LEN, MAX_LEN = 4, 16
_LEAD_IN = re.compile(
    r"^(?:但|但是|然而|不过|同时|与此同时|其中|目前|当前|现在|近年来|近期|近来|今年以来|"
    r"从[^，。]{0,8}看|总体看|此外|另外|而|且|也|还|[我本全][省市县区镇乡旗]|"
    r"(?:调查|走访|调研|检查|排查)?(?:中)?(?:发现|了解到|看到|注意到))+"
)
_NOUN = r"(?P<noun>问题|现象|苗头|隐患|风险|矛盾|隐忧|倾向)"
_ADVERB = (
    r"(?:已|已经|仍|仍然|依然|还|也|又)?(?:日益|日趋|逐步|逐渐|开始|越来越|较为|比较|十分|尤为|"
    r"更加|愈发|愈加|明显|有所|重新|再次|进一步)?"
)
_SALIENT = r"(?:凸显|突出|显现|显露|严重|抬头|反弹|蔓延|上升|加剧|增多|多发|频发|暴露)"
_JUDGED = (
    r"(?:值得关注|不容忽视|值得警惕|需引起重视|应引起重视|亟待解决|亟待破解|亟需解决|需要关注)"
)
# the clause states its phenomenon: a problem noun and a salience cue, or a judgement of it
_STATED = re.compile(
    rf"^(?P<np>.{{3,18}}?)(?:的)?(?:{_NOUN}{_ADVERB}(?:{_SALIENT}|{_JUDGED})"
    rf"|(?P<bare>{_ADVERB}{_JUDGED}))$"
)
_QUOTED = re.compile(r"“[^“”]*”|\"[^\"]*\"")
# a listed item (一是…, 二是…): one of several problems, not the point
_LISTED = re.compile(r"[一二三四五六七八九十][是、]|其[一二三]|[（(][一二三四五六七八九十0-9][)）]")
# 「X(已)成为…最集中的领域/突出问题/新短板」: X is what the piece is about
_BECOMES = re.compile(
    r"^(?P<np>.{3,18}?)(?:已|已经|正|正在|逐渐|日益)?成为[^，。；]{0,16}"
    r"(?:最集中|最突出|最大|突出|主要|新)的?(?:领域|问题|难点|短板|痛点|难题|矛盾|隐患|风险|焦点)$"
)
# 「X(仍)是短板/薄弱环节」: X is what falls short
_WEAK = re.compile(
    r"^(?P<np>.{3,18}?)(?:的)?(?:仍|仍然|依然|还|也|一直)?(?:是|为|成为|成了)(?:一个|突出|明显|最大)?的?"
    r"(?:短板|弱项|难点|难题|痛点|堵点|薄弱环节|盲区|空白|隐患)$"
)
_ENDS_NOUN = re.compile(rf"{_NOUN}$")
# the words one of _STATED, _BECOMES and _WEAK closes on ($ also before one final "\n"): a clause
# that ends otherwise is not tried (three backtracking matches per clause of the opening)
_SHAPE_END_WORDS = (
    "凸显 突出 显现 显露 严重 抬头 反弹 蔓延 上升 加剧 增多 多发 频发 暴露 "
    "值得关注 不容忽视 值得警惕 需引起重视 应引起重视 亟待解决 亟待破解 亟需解决 需要关注 "
    "领域 问题 难点 短板 痛点 难题 矛盾 隐患 风险 焦点 "
    "弱项 堵点 薄弱环节 盲区 空白"
).split()
SHAPE_ENDS = tuple(_SHAPE_END_WORDS) + tuple(w + "\n" for w in _SHAPE_END_WORDS)
_WARNING = ("苗头", "风险", "隐患", "倾向")
_NOT_NP = re.compile(
    r"[0-9，,。；;：:、（）()]|^(?:这|此|该|其|上述|以下|如下|各类|一些|这些|主要)"
)


def _phrase(np: str, place: str) -> str:
    np = _LEAD_IN.sub("", np).removesuffix("的")
    if place:
        np = np.removeprefix(place)
    head, sep, tail = np.partition("的")  # 散养户的粪污处理 → 散养户粪污处理, as titles read
    if sep and "的" not in tail and len(head) >= 2 and len(tail) >= 2:
        first = tokenize(tail)[0]
        if pos_tag(head[-2:]).startswith("n") or pos_tag(first).startswith("n"):
            np = head + tail
    return np


def _named(place: str, np: str) -> str:
    """place + phrase, a place whose tail the phrase repeats said once (古街区 + 街区X → 古街区X)."""
    for k in (3, 2):
        if len(place) > k and np[:k] == place[-k:]:
            return place + np[k:]
    return place + np


_BAD_END = {"d", "p", "c", "r", "u", "uj", "m", "q", "f", "ad", "y"}
_BAD_START = {"v", "p", "c", "d", "r", "m", "q", "u", "uj", "f", "t", "ad", "vd", "y", "e"}
# what a phenomenon never is: a person, a unit, a positive statement, a vague word
_NOT_PHENOMENON = re.compile(
    r"(代表|委员|人员|干部|群众|记者|政府|部门|局|委|办|中心|方便|改善|提升|促进|推动|加快|"
    r"优化|增强|提高|完善|良好|积极|顺利|成效|安全$|风险$|问题$|隐患$|现象$)"
)


def _phenomenon_ok(np: str, body: str) -> bool:
    if _NOT_PHENOMENON.search(np):
        return False
    if np.count("“") != np.count("”") or np.count('"') % 2 or _LISTED.search(np):
        return False
    if np.startswith(("“", '"')):
        return True
    words = tokenize(np)
    if not words or pos_tag(words[-1]) in _BAD_END:
        return False
    if pos_tag(words[0]) not in _BAD_START:
        return True
    # a name the tokenizer splits after a verb (散养|户): its first two words recur as a unit
    unit = "".join(words[:2])
    return len(words) > 2 and pos_tag(words[1]) in ("q", "n", "ng") and body.count(unit) >= 3


def stated_phenomena(lead: Lead, subject: Subject) -> list[tuple[str, str]]:
    """(X, problem noun) for each clause of the opening that names X as the problem."""
    out: list[tuple[str, str]] = []
    for clause in lead.clauses:
        if clause.sentence >= SENTENCES:
            break
        text = clause.text
        if not text.endswith(SHAPE_ENDS):
            continue
        m = _STATED.match(text) or _BECOMES.match(text) or _WEAK.match(text)
        if not m:
            continue
        np = _phrase(m.group("np"), subject.place)
        noun = m.groupdict().get("noun") or "问题"
        ends = _ENDS_NOUN.search(np)
        if ends and len(np) > len(ends.group()):  # 物业服务矛盾成为…: its own noun
            np, noun = np[: ends.start()].removesuffix("的"), ends.group()
        if (
            not MIN_LEN <= len(np) <= MAX_LEN
            or _NOT_NP.search(np)
            or not _phenomenon_ok(np, lead.text)
        ):
            continue
        if not subject.place and not _QUOTED.sub("", np):
            continue  # a coinage alone («“好不好”问题») says nothing without what it is said of
        if all(np != o for o, _ in out):
            out.append((np, noun))
    return out


def phenomenon_forms(lead: Lead, subject: Subject) -> list[tuple[str, str, int]]:
    """(form, text, rank) for the stated phenomena: 「place + X + 问题需关注/苗头需警惕」."""
    out: list[tuple[str, str, int]] = []
    for i, (np, noun) in enumerate(stated_phenomena(lead, subject)[:2]):
        close = "需警惕" if noun in _WARNING else "需关注"
        out.append(("ph_need", f"{_named(subject.place, np)}{noun}{close}", i))
    return out


_THEME_CLAUSES = 60
_HAN = re.compile(r"[\u4e00-\u9fa5]+")  # clauses read for a proposal's theme
_NOT_THEME = re.compile(r"(代表|委员|人员|干部|同志|政协|人大|政府|部门|[0-9])")


_SPAN_WORDS = 5
_LINK = {"至", "到", "和", "与", "及", "或", "、", "同", "跟"}
_NOT_INSIDE = {"p", "c", "u", "uj", "ul", "d", "r", "m", "q", "y", "e", "x", "f", "ad", "vd"}


def proposal_theme(lead: Lead, subject: Subject, limit: int = 2) -> list[str]:
    """The noun phrases a proposal keeps naming, best first: each span of up to five words of a
    clause (a noun first and last, no function word inside) that recurs whole (2+ times),
    scored by the characters it covers, doubled when the opening sentences name it."""
    body = lead.text
    opening = "".join(lead.sentences[:2])
    scores: dict[str, float] = {}
    for clause in lead.clauses[:_THEME_CLAUSES]:
        words = clause.words
        for a, first in enumerate(words):
            if a and words[a - 1][-1:] in _LINK:
                continue  # 河口村道路 of 桐溪村至河口村道路: the tail of a longer name
            tag = pos_tag(first)
            if len(first) < 2 or not _HAN.fullmatch(first):
                continue
            if not (tag.startswith(("n", "vn", "j", "b", "s", "l")) or tag == ""):
                continue
            for b in range(a + 1, min(a + _SPAN_WORDS, len(words)) + 1):
                last = words[b - 1]
                if not _HAN.fullmatch(last) or pos_tag(last) in _NOT_INSIDE:
                    break
                if not noun_head(last) or last[-1] in _LINK:
                    continue
                text = "".join(words[a:b])
                if text in scores or not MIN_LEN <= len(text) <= 14:
                    continue
                if _NOT_THEME.search(text) or subject.place and subject.place in text:
                    scores[text] = 0.0
                    continue
                n = body.count(text)
                bonus = 2.0 if text in opening else 1.0
                scores[text] = n * len(text) * bonus if n >= 2 else 0.0
    ranked = sorted((t for t, s in scores.items() if s > 0), key=lambda t: -scores[t])
    out: list[str] = []
    for t in ranked:
        if any(t in o or o in t for o in out) or not template_topic_ok(t, body):
            continue
        if out and scores[t] < scores[out[0]] / 2:
            break  # a second phrase only when it is named about as much
        out.append(t)
        if len(out) == limit:
            break
    return out
