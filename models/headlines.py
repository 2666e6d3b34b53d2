"""Headline suggestions in the 政务信息 register, by category and genre.

subject (acting unit: place + organisation, models/headline/subject.py)
+ predicate or figure copied from the lead (models/headline/phrases.py; the main action, verb +
object + figure, from models/headline/action.py, which also reads an event that opens)
+ the form of the category: dynamic 「S+做了什么(+关键数字)」「S+N举措+…」; problem 「S+…问题需关注」
「S+…存在的问题及建议」; special 「关于S+…情况的调研报告」「…情况专报」; 建议/提案 「关于…的建议」;
news-style input gets the dynamic forms from its substance, never 专报/调研报告.
A piece the classifier calls a problem piece (not news, not a meeting) also gets its topic phrase (the noun phrase it returns
to, models/headline/problem_topic.py, scored by a model fitted with
`python -m training.fit_problem_topics`) in 「S+X问题需关注/值得关注」, and a proposal that states
no action of its own 「关于X的建议/提案」.
A dynamic piece also gets its campaign on a named object (「S集中整治X」, headline/campaign.py),
its measures by their goal (「S多措并举+goal」, headline/measures.py), and a ceremony lead its news
(「X成立/授牌/揭牌」, 「X培训班开班」, headline/ceremony.py, read after an opening quote).
A unit's work summary is titled 「unit + period + 工作总结」 (models/headline/summary.py) and an
event a place holds 「place + 举行 + event」 (models/headline/held.py). When no form survives, the
draft's own shapes are tried last: a unit's team survey or inspection (headline/team.py), a
bulletin's period figure (headline/period.py), a leader's visit (headline/visit.py).
Every candidate passes the gate (models/headline/gate.py) or is dropped; when none survives,
`suggest_with_note` says why (the report's `headline_note`). Survivors are ranked by the
logistic model of models/headline/rank.py, fitted on the corpus's training split
(`python -m training.fit_headlines`, after fit_problem_topics); the hand-set PRIORS below rank
only when ranker.json is absent. Suggestions that say the same with another form of the subject or a closing claim are
offered once (`near_duplicate`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from models.headline.action import event_start, main_actions
from models.headline.analysis import period_analysis
from models.headline.campaign import campaign_actions
from models.headline.ceremony import ceremony_news, quoted_opening
from models.headline.events import (
    joint_event,
    meeting_action,
    member_proposal,
    member_visit,
    team_survey,
)
from models.headline.gate import reject_reason
from models.headline.genre import (
    is_meeting,
    is_problem,
    is_proposal,
    is_research,
    own_title,
    studied,
    suggests,
    template_topic_ok,
)
from models.headline.held import held_event
from models.headline.lead import Lead, read_lead
from models.headline.measures import measures_goal
from models.headline.opening import (
    action_after_setup,
    count_clause,
    official_problems,
    problem_opening,
    survey_report,
)
from models.headline.period import period_figure
from models.headline.phenomenon import phenomenon_forms, proposal_theme
from models.headline.phrases import (
    NUMERALS,
    SLOGAN,
    Phrases,
    extract,
    theme_recurs,
    work_verb,
)
from models.headline.problem_topic import problem_forms
from models.headline.rank import features
from models.headline.rank import score as rank_score
from models.headline.study import studied_topic, study_news
from models.headline.subject import Subject, find_subject, unit_clause
from models.headline.summary import notice, work_summary
from models.headline.team import team_action, team_report
from models.headline.topic import Topic, activity_ok, result_clauses, topics
from models.headline.unit_work import framed_task, team_work
from models.headline.visit import official_visit
from models.report import Headline
from models.text import Document
from models.tokenize import pos_tag, tokenize

# patterns of inline re calls, compiled once (the re module's cache lookup per call cost more)
_DIGIT = re.compile(r"[0-9]")
_PROPOSER = re.compile(r"提案(人|者)[:：]")

NO_SAFE = "未找到可靠的标题建议：正文中没有能构成完整标题的主体与事项，请自拟标题"
NEWS_ONLY = "正文是会议或活动报道，没有可作标题的工作事项：建议改写为政务信息后再拟标题"

# form -> prior score (hand-set fallback when models/headline/ranker.json is absent)
PRIORS: dict[str, float] = {
    "statement": 0.80,
    "figure": 0.78,
    "pair": 0.70,
    "measures": 0.62,
    "claim": 0.40,
    "problem_need": 0.80,
    "problem_risk": 0.72,
    "problem_watch": 0.60,
    "problem_count": 0.75,
    "problem_suggest": 0.66,
    "proposal": 0.82,
    "proposal_topic": 0.70,
    "special_report": 0.80,
    "special_plain": 0.72,
    "special_zhuanbao": 0.76,
    "special_survey": 0.70,
    "special_short": 0.68,
    "vo": 0.74,
    "np_figure": 0.76,
    "np_measures": 0.60,
    "np_problem": 0.70,
    "np_proposal": 0.55,
    "np_report": 0.72,
    "np_plain": 0.66,
    "np_zhuanbao": 0.70,
    "np_survey": 0.64,
    "action": 0.74,
    "action_figure": 0.76,
    "event": 0.72,
    "pt_need": 0.74,
    "pt_watch": 0.62,
    "pt_proposal": 0.60,
    "campaign": 0.74,
    "measures_goal": 0.62,
    "ph_need": 0.78,
    "th_proposal": 0.66,
}


DYNAMIC_FORMS = {
    "statement",
    "figure",
    "pair",
    "measures",
    "claim",
    "vo",
    "np_figure",
    "np_measures",
    "action",
    "action_figure",
    "campaign",
    "measures_goal",
}
OFF_CATEGORY = 0.25
# the draft's own 「unit + action」 clause, offered only when no form survives the gate
UNIT_CLAUSE_SCORE = 0.5
# a work summary's own form (models/headline/summary.py) comes next: the genre fixes the title
SUMMARY_SCORE = 0.98
# a title the draft already carries (models/headline/genre.own_title) is offered first
OWN_SCORE, OWN_MIN, OWN_MAX = (
    0.99,
    6,
    40,
)  # a dynamic form on a problem or special piece is a fallback only


@dataclass(frozen=True)
class Candidate:
    form: str
    text: str
    pos: int = 0  # order of the source phrase in the draft (0 = first)


_LEVEL_ONLY = re.compile(r"^[省市县区镇乡]")


def _no_de(topic: str) -> str:
    """企业的缺工 → 企业缺工 before 「情况的」: one 的 between two nouns, never doubled in a title."""
    head, sep, tail = topic.partition("的")
    if not sep or "的" in tail or len(head) < 2 or len(tail) < 2:
        return topic
    return head + tail if pos_tag(head[-2:]).startswith("n") else topic


def _named(s: Subject) -> str:
    """The subject for framed forms: the place, or a unit that names more than its level."""
    if s.place:
        return s.place
    return "" if _LEVEL_ONLY.match(s.actor) else s.actor


# a body that speaks for the place without being its government (an advisory body, a mass
# organisation: 总工会, 妇联): its action is never the place's
_TOWNSHIP = re.compile(r"[\u4e00-\u9fa5]{2,3}?(街道|镇|乡)")
_ADVISORY = re.compile(
    r"(政协|人大|人大常委会|人大常委|常委会|总工会|工会|妇联|残联|科协|侨联|文联|工商联|团委)$"
)


# a function word as a whole token of a name (但|市市, 老人|到|镇): a clause cut, never a name
_NAME_BREAK = {
    "到",
    "在",
    "但",
    "而",
    "从",
    "对",
    "向",
    "和",
    "与",
    "及",
    "的",
    "了",
    "是",
    "说",
    "把",
    "被",
    "针对",
    "围绕",
    "通过",
    "按照",
}


def _clean_name(name: str) -> bool:
    if not name or name[0] in "但而却并且及和与或":
        return False
    return not any(w in _NAME_BREAK for w in tokenize(name))


def _subjects(s: Subject) -> list[str]:
    """The names a dynamic form may start with: the place and the unit (the unit alone when it
    is the 政协 or 人大: 某市政协建言…, never 某市建言…); a name cut from a clause is none."""
    return list(_subject_names(s))


@lru_cache(maxsize=1024)
def _subject_names(s: Subject) -> tuple[str, ...]:
    """`_subjects`, once per subject (asked for every gated candidate: it tokenizes the names)."""
    if _ADVISORY.search(s.actor):
        return (s.actor,) if _clean_name(s.actor) else ()
    inner = s.actor[len(s.place) :] if s.place and s.actor.startswith(s.place) else ""
    if _TOWNSHIP.match(inner):
        return (s.actor,) if _clean_name(s.actor) else ()  # the township acts, not its county
    return tuple(n for n in dict.fromkeys([s.place, s.best]) if _clean_name(n))


def _short_vp(pred: str, limit: int = 14) -> str:
    return pred if len(pred) <= limit else ""


def _dynamic(s: Subject, p: Phrases) -> list[Candidate]:
    out: list[Candidate] = []
    for subj in _subjects(s):
        for i, pred in enumerate(p.predicates[:4]):
            out.append(Candidate("statement", subj + pred, i))
        for i, fig in enumerate(p.figure_clauses[:4]):
            out.append(Candidate("figure", subj + fig, i))
        if p.predicates and p.figure_clauses:
            out.append(Candidate("pair", f"{subj}{p.predicates[0]} {p.figure_clauses[0]}"))
        work = [q for q in p.predicates if work_verb(q)]
        vp = _short_vp(work[0]) if work else ""
        if vp and p.measures and subj:
            out.append(Candidate("measures", f"{subj}{NUMERALS[p.measures]}举措{vp}"))
        if vp and p.has_results and subj:
            out.append(Candidate("claim", f"{subj}{vp}见成效"))
    return out


def _problem(s: Subject, p: Phrases, body: str) -> list[Candidate]:
    out: list[Candidate] = []
    subj = s.place  # a problem belongs to a place, never to the unit that reports it
    for i, phrase in enumerate(p.problems[:3]):
        if not template_topic_ok(phrase, body):
            continue
        noun = phrase.endswith(
            (
                "问题",
                "风险",
                "隐患",
                "短板",
                "难题",
                "现象",
                "苗头",
                "隐忧",
                "矛盾",
                "困难",
                "乱象",
                "漏洞",
            )
        )
        base = subj + phrase + ("" if noun else "问题")
        if phrase.endswith(("风险", "苗头", "隐患")):
            out.append(Candidate("problem_risk", base + "需警惕", i))
        out.append(Candidate("problem_need", base + "需关注", i))
        out.append(Candidate("problem_watch", base + "值得关注", i))
    if p.topic and template_topic_ok(p.topic, body):
        if p.measures:
            out.append(
                Candidate(
                    "problem_count", f"{subj}{p.topic}存在{NUMERALS[p.measures]}方面问题需关注"
                )
            )
        out.append(Candidate("problem_suggest", f"{subj}{p.topic}存在的问题及建议"))
    return out


# a proposal's own header (提案人：…, 领衔代表：…, 案由：…) in its opening lines
_PROPOSAL_HEADER = re.compile(r"(提案人|提案者|领衔代表|附议代表|案由)[:：]")
# a theme that names people or a place is not what a proposal is about (关于农工党党员的议案)
_NOT_THEME = re.compile(
    r"(党员|代表|委员|人员|干部|同志|[\u4e00-\u9fa5](?<!城)[省市县旗](?![民场级委政])|发展$|现代化)"
)


def proposal_word(body: str) -> str:
    """提案 when the header names its 提案人, 议案 when the opening names one (a deputies'
    bill), else 建议 (the plain form)."""
    if _PROPOSER.search(body[:200]):
        return "提案"
    return "议案" if "议案" in body[:200] else "建议"


def _proposal(s: Subject, p: Phrases, body: str, tops: list[Topic]) -> list[Candidate]:
    out = []
    if p.proposal:
        out.append(Candidate("proposal", f"关于{p.proposal}的建议"))
    if p.topic and template_topic_ok(p.topic, body):
        out.append(Candidate("proposal_topic", f"关于{s.place}{p.topic}的建议"))
    if out or not _PROPOSAL_HEADER.search(body[:200]):
        return out
    # a proposal that states no action in a form we can copy: the theme it keeps naming
    word = proposal_word(body)
    for i, t in enumerate(tops):
        if _NOT_THEME.search(t.text) or not template_topic_ok(t.text, body):
            continue
        if theme_recurs(t.text, body):
            out.append(Candidate("proposal_topic", f"关于{t.text}的{word}", i))
    return out


def _special(s: Subject, p: Phrases, body: str) -> list[Candidate]:
    if not p.topic or not template_topic_ok(p.topic, body):
        return []
    subj = _named(s)
    out = [
        Candidate("special_report", f"关于{subj}{_no_de(p.topic)}情况的调研报告"),
        Candidate("special_plain", f"{subj}{p.topic}情况调研报告"),
    ]
    out.append(Candidate("special_short", f"{subj}{p.topic}情况调研"))
    if p.genre == "report":
        out.append(Candidate("special_zhuanbao", f"{subj}{p.topic}情况专报"))
    if p.genre == "survey":
        out.append(Candidate("special_survey", f"{subj}{p.topic}情况调查报告"))
    return out


def _studied(s: Subject, p: Phrases, doc: Document) -> list[Candidate]:
    """关于 + what the study set out to learn (为掌握X状况…, headline/study.py) + 的调研报告."""
    obj, head = studied_topic(doc.body.norm)
    if not obj:
        return []
    subj = _named(s)
    obj = obj.removeprefix(subj) if subj else obj  # 为摸清某镇X的情况: the place once
    out = [Candidate("special_report", f"关于{subj}{obj}{head}的调研报告")]
    if p.genre == "survey":
        out.append(Candidate("special_survey", f"{subj}{obj}{head}调查报告"))
    return out


_PROBLEM_END = ("问题", "风险", "隐患", "短板", "难题", "现象", "苗头", "隐忧", "矛盾", "困难")


_TURN = re.compile(
    r"[，,；;。](但|但是|然而|不过)[，,]?[^。]{0,40}(发现|反映|存在|出现|不少|一些|部分)"
)


@dataclass(frozen=True)
class Route:
    """Which families of forms the draft's genre allows."""

    proposal: bool  # 建议/提案/议案: 「关于…的建议」 only
    problem: bool  # a problem piece (not a meeting or a proposal): 「…问题需关注」
    special: bool  # a 调研/调查 piece: 「关于…情况的调研报告」
    dynamic: bool
    meeting: bool  # a pure meeting/session report: the note


# the clause a problem piece turns from: 「X。但/然而…」
_TURNS_NEXT = re.compile(r"^[^，。；,;]{0,12}?[”\"）)]?[。，,；;]\s*(但|但是|然而|不过|可是)")


def _before_turn(candidate: str, body: str, names: tuple[str, ...]) -> bool:
    """The candidate (without its subject) is in a clause of the body that a turn (但/然而…)
    follows (the clause's end may be cut off: 建成…处理 of 建成…处理站218座。但…)."""
    core = next((candidate[len(n) :] for n in names if n and candidate.startswith(n)), candidate)
    for part in core.split(" "):  # each half of a pair
        at = body.find(part) if len(part) >= 4 else -1
        if at >= 0 and _TURNS_NEXT.match(body[at + len(part) :]):
            return True
    return False


def route(lead_text: str, first: str, label: str | None, news: bool, genre: str) -> Route:
    proposal = is_proposal(lead_text) and not news
    meeting = news and is_meeting(first, lead_text)
    # a problem piece that names its problem once, after the good news (…已全覆盖，但…)
    turns = label == "problem" and bool(_TURN.search(first + lead_text[:160]))
    problem = (
        label in ("problem", "special")
        and not proposal
        and not meeting
        and (is_problem(lead_text) or turns)
    )
    special = label == "special" and not news and not proposal and is_research(lead_text)
    problem = problem and not (news and not is_problem(first + lead_text[:200]))
    # a problem piece that closes with suggestions also gets 「关于…的建议」
    closes = genre == "proposal" or suggests(lead_text)
    suggest = proposal or (label in ("problem", "special", None) and closes)
    return Route(suggest, problem, special, not proposal and not meeting, meeting)


def _from_parts(
    s: Subject,
    p: Phrases,
    r: Route,
    body: str,
    tops: list[Topic],
    results: list[str],
) -> list[Candidate]:
    """Forms built from sentence parts: subject + topic noun phrase (+ verb / figure / form)."""
    out: list[Candidate] = []
    subj = _named(s)
    for subject in _subjects(s):
        if not subject or not r.dynamic:
            continue
        for i, fig in enumerate(results[:3]):
            out.append(Candidate("np_figure", subject + fig, i))
        for i, t in enumerate(tops):
            if (
                work_verb(t.verb)
                and activity_ok(t.verb, t.text)
                and not SLOGAN.match(t.verb + t.text)
            ):
                out.append(Candidate("vo", f"{subject}{t.verb}{t.text}", i))
                if p.measures:
                    n = NUMERALS[p.measures]
                    out.append(Candidate("np_measures", f"{subject}{n}举措{t.verb}{t.text}", i))
    for i, t in enumerate(tops):
        ok = template_topic_ok(t.text, body)
        if r.problem and ok:
            noun = "" if t.text.endswith(_PROBLEM_END) else "问题"
            out.append(Candidate("np_problem", f"{s.place}{t.text}{noun}需关注", i))
        if r.proposal and ok and t.verb and work_verb(t.verb):
            out.append(Candidate("np_proposal", f"关于{t.verb}{t.text}的建议", i))
    if r.special:
        for i, t in enumerate(tops):
            if not template_topic_ok(t.text, body) or not studied(t.text, body):
                continue  # a background phrase is not what the report studies
            out.append(Candidate("np_report", f"关于{subj}{_no_de(t.text)}情况的调研报告", i))
            out.append(Candidate("np_plain", f"{subj}{t.text}情况调研报告", i))
            if p.genre == "report":
                out.append(Candidate("np_zhuanbao", f"{subj}{t.text}情况专报", i))
            if p.genre == "survey":
                out.append(Candidate("np_survey", f"{subj}{t.text}情况调查报告", i))
    return out


def _actions(s: Subject, lead: Lead) -> list[Candidate]:
    """Subject + the lead's main action (verb + object, the figure as written)."""
    out: list[Candidate] = []
    for subj in _subjects(s):
        if not subj:
            continue
        for a in main_actions(lead, s):
            form = "action_figure" if _DIGIT.search(a.text) else "action"
            out.append(Candidate(form, subj + a.text, a.pos))
    return out


_PROPOSAL_FORMS = ("proposal", "proposal_topic", "np_proposal", "pt_proposal")
# a member's proposal opens on its header line (代表：某某 / 建议人：某某 …)
_MEMBER_HEADER = re.compile(r"\s*(?:代表|委员|建议人|提案人|领衔代表|领衔人)[:：]")


def _own_point(
    lead: Lead, subject: Subject, r: Route, label: str | None, news: bool, cands: list[Candidate]
) -> list[Candidate]:
    """The phenomenon a problem piece names as its problem, and the theme of a proposal that
    states no action of its own (models/headline/phenomenon.py)."""
    if news or r.meeting or label not in ("problem", "special"):
        return []
    out: list[Candidate] = []
    proposal = is_proposal(lead.text) or bool(_MEMBER_HEADER.match(lead.text))
    if (r.problem or label == "problem") and not proposal:
        out += [Candidate(f, t, i) for f, t, i in phenomenon_forms(lead, subject)]
    if proposal and not any(c.form in _PROPOSAL_FORMS for c in cands):
        word = proposal_word(lead.text)
        themes = proposal_theme(lead, subject)
        out += [Candidate("th_proposal", f"关于{t}的{word}", i) for i, t in enumerate(themes)]
    return out


def candidates(
    doc: Document, label: str | None, news: bool = False
) -> tuple[list[Candidate], str, bool, Subject]:
    """All candidate forms before the gate, the text they come from, the results flag, subject."""
    lead = read_lead(doc)
    subject = find_subject(lead)
    phrases = extract(lead, subject, news=news)
    body = lead.text
    first = lead.sentences[0] if lead.sentences else ""
    r = route(body, first, label, news, phrases.genre)
    cands: list[Candidate] = []
    tops = topics(lead, subject)
    if r.proposal:
        cands += _proposal(subject, phrases, body, tops)
    if r.special:
        cands += _studied(subject, phrases, doc) + _special(subject, phrases, body)
    analysis = period_analysis(lead, subject) if label == "special" and not news else ""
    if analysis:  # a period's analysis report (上半年全县经济运行情况分析)
        cands.append(Candidate("special_plain", analysis))
    if r.problem:
        cands += _problem(subject, phrases, body)
    # the classifier's problem piece that states its problem in other words (偏高, 闲置, 只有…)
    problem = r.problem or label == "problem" and not is_proposal(body)
    # the topic extractor costs about a millisecond per draft: only for the classifier's problem
    # pieces (a dynamic or special piece routed here by its words keeps the older problem forms)
    if label == "problem" and not (news or r.meeting):
        # 「关于X的建议」 from the topic only when the proposal states no action of its own
        # (a piece that is a proposal or closes with its own suggestions, not one that names one)
        own = any(c.form in ("proposal", "proposal_topic", "np_proposal") for c in cands)
        asks = r.proposal and not own and (is_proposal(body) or suggests(body))
        word = proposal_word(body) if asks else ""
        # a problem belongs to a place, never to the unit that reports it (某党派市委会…问题)
        strict = not r.problem  # routed by the label alone: each topic named with its problem
        for form, text, i in problem_forms(
            lead, subject, subject.place, problem=problem, proposal=word, strict=strict
        ):
            cands.append(Candidate(form, text, i))
    cands += _own_point(lead, subject, r, label, news, cands)
    if r.dynamic:
        cands += _dynamic(subject, phrases)
    cands += _from_parts(subject, phrases, r, body, tops, result_clauses(lead, subject))
    if r.dynamic:
        cands += _actions(subject, lead)
        names = [n for n in _subjects(subject) if n]
        cands += [Candidate("campaign", n + a) for a in campaign_actions(lead) for n in names]
        cands += [
            Candidate("measures_goal", t) for t in measures_goal(lead, names, phrases.measures)
        ]
    if r.dynamic and label not in ("problem", "special"):
        cands += [Candidate("action", t) for t in team_work(lead)]
        cands += [Candidate("action", t) for t in framed_task(lead, _subjects(subject))]
        study = study_news(doc.body.norm, _subjects(subject))
        # a unit's study told as news (某局开展X调研); a team that names its study (组成X调研组)
        # is titled from that name (team_survey, after the gate)
        if study and not team_survey(lead):
            cands.append(Candidate("action", study))
    quoted = quoted_opening(lead)  # a news piece that opens with someone's words
    event = "" if r.proposal else event_start(lead, subject, 2 + quoted)
    if event:  # a festival, campaign or facility that opens: the news itself
        cands.append(Candidate("event", event))
    held = "" if r.proposal else held_event(lead)
    if held:  # a drill, fair or festival the place holds (某市举行防汛应急演练)
        cands.append(Candidate("event", held))
    ceremony = "" if r.proposal else ceremony_news(lead, 2 + quoted)
    if ceremony:  # a body founded, a base named, a class opened (某市某商会成立)
        cands.append(Candidate("event", ceremony))
    stated = problem_opening(lead, subject.place) if not (r.meeting or r.proposal) else ""
    if stated:  # the draft states its topic's problems with an explicit cue (存在三个方面的问题)
        cands.append(Candidate("problem_count", stated))
    return cands, body, phrases.has_results, subject


def gated(
    doc: Document, label: str | None, news: bool = False
) -> list[tuple[Candidate, dict[str, float], float]]:
    """Candidates that pass the gate (first occurrence of each text), with features and score."""
    cands, text, has_results, subject = candidates(doc, label, news)
    title = doc.title.norm.strip()
    seen: set[str] = set()
    out: list[tuple[Candidate, dict[str, float], float]] = []
    # a draft that names its unit by level only (区人大常委会…) and never its place: the unit as
    # the draft names it (区统计局分组开展专题调研), as real titles do
    own_level = not subject.place and bool(_LEVEL_ONLY.match(subject.actor))
    own = own_title(doc.body.norm)
    if own and own != title and OWN_MIN <= len(own) <= OWN_MAX:
        seen.add(own)
        out.append((Candidate("own_title", own), {}, OWN_SCORE))
    # a unit's work summary (某街道一季度工作总结) or an inspection notice (关于X督查情况的通报)
    summary = work_summary(read_lead(doc)) or notice(read_lead(doc))
    if summary and summary not in seen and summary != title:
        if not reject_reason(summary, text, has_results=has_results, level_ok=True):
            seen.add(summary)
            out.append((Candidate("summary", summary), {}, SUMMARY_SCORE))
    for cand in cands:
        t = cand.text.strip()
        if t in seen or t == title:
            continue
        seen.add(t)
        needs = _subject_names(subject) if cand.form in DYNAMIC_FORMS else ()
        if reject_reason(
            t,
            text,
            has_results=has_results,
            subject=subject.place,
            needs_subject=needs,
            level_ok=own_level,
        ):
            continue
        off = label in ("problem", "special") and cand.form in DYNAMIC_FORMS
        if off and label == "problem" and _before_turn(t, text, _subject_names(subject)):
            continue  # the good news a problem piece turns from (…增长较快。但…) is background
        prior = PRIORS[cand.form] - (OFF_CATEGORY if off else 0.0)
        feats = features(cand.form, t, cand.pos, label, news, subject.place, subject.actor)
        out.append((Candidate(cand.form, t, cand.pos), feats, rank_score(feats, prior)))
    return out


_CLAIM_END = re.compile(r"(见成效|见实效|取得新进展|取得实效)$")
# the closing words of a problem form: 需关注 and 值得关注 say one thing
_PROBLEM_CLOSE = re.compile(r"(需关注|值得关注|需警惕|值得警惕|亟待重视|亟待关注)$")


def _core(text: str, names: tuple[str, ...]) -> str:
    """The suggestion without its subject and a closing claim: what it says."""
    for name in names:
        if text.startswith(name):
            text = text[len(name) :]
            break
    return _CLAIM_END.sub("", text.removeprefix("关于"))


def near_duplicate(a: str, b: str, names: tuple[str, ...] = ()) -> bool:
    """Two suggestions that say the same once the subject's form (place / unit) and a closing
    claim are set aside, one inside the other: offering both wastes a rank (石湾区… /
    石湾区医保局… / …见成效). Two problem forms are compared without their closing words
    (X问题需关注 / X问题值得关注 say one thing)."""
    ca, cb = _core(a, names), _core(b, names)
    if _PROBLEM_CLOSE.search(ca) and _PROBLEM_CLOSE.search(cb):
        ca, cb = _PROBLEM_CLOSE.sub("", ca), _PROBLEM_CLOSE.sub("", cb)
    if not ca or not cb:
        return a == b
    return ca in cb or cb in ca


_ADVERB = re.compile(
    r"(持续|不断|进一步|切实|扎实|认真|积极|努力|着力|主动|强力|全力|大力|全面|深入)+"
)


def _better(a: str, b: str, names: tuple[str, ...]) -> bool:
    """`a` says what `b` says, same subject, without a leading adverb or adjunct (深化… / 持续深化…) or
    with the figure `b` leaves out (完成造林3.6万亩 / 完成造林): `a` takes `b`'s rank."""
    ca, cb = _core(a, names), _core(b, names)
    if a[: len(a) - len(ca)] != b[: len(b) - len(cb)]:
        return False
    dropped = cb[: len(cb) - len(ca)]  # an adverb or a whole 为/对/在… adjunct, never a verb
    leaner = len(ca) < len(cb) and cb.endswith(ca)
    leaner = leaner and (
        bool(_ADVERB.fullmatch(dropped)) or dropped[:1] in ("为", "对", "在", "向", "给")
    )
    figure = ca.startswith(cb) and bool(_DIGIT.search(ca[len(cb) :]))
    return leaner or figure or _warns(a, b)


# a warning sign (苗头/风险/隐患) is something to guard against: 需警惕 over 需关注 / 值得关注
_WARNING_SIGN = re.compile(r"(苗头|风险|隐患|隐忧|倾向)(需警惕|值得警惕)$")


def _warns(a: str, b: str) -> bool:
    """`a` is `b`'s warning sign closed by 需警惕 rather than 需关注/值得关注."""
    m = _WARNING_SIGN.search(a)
    if not m or not b.endswith(("需关注", "值得关注")):
        return False
    return a[: m.end(1)] == _PROBLEM_CLOSE.sub("", b)


def suggest_with_note(
    doc: Document, label: str | None, *, news: bool = False, limit: int = 5
) -> tuple[list[Headline], str | None]:
    ranked = sorted(enumerate(gated(doc, label, news)), key=lambda it: (-it[1][2], it[0]))
    lead = read_lead(doc)
    subject = find_subject(lead)
    names = tuple(n for n in (subject.actor, subject.place) if n)
    kept: list[tuple[Candidate, float]] = []
    for _, (c, _, sc) in ranked:
        if len(kept) == limit:
            break
        dup = next(
            (i for i, (k, _) in enumerate(kept) if near_duplicate(c.text, k.text, names)), -1
        )
        if dup < 0:
            kept.append((c, sc))
        elif _better(c.text, kept[dup][0].text, names):
            kept[dup] = (c, kept[dup][1])  # 深化… over 持续深化…, …造林3.6万亩 over …造林
    out = [Headline(text=c.text, score=round(sc, 2)) for c, sc in kept]
    if out:
        return out, None
    meeting = news and bool(lead.sentences) and is_meeting(lead.sentences[0], lead.text)
    # a count or the action after a meeting/team set-up is news even in a meeting report
    own = _passes(doc, lead, count_clause(lead)) or _passes(doc, lead, action_after_setup(lead))
    # the task behind a work meeting, a survey team's survey, a member's proposal as news
    # …, an official's statement of a counted set of problems
    for shape in (meeting_action, team_survey, joint_event, official_problems, survey_report):
        own = own or _passes(doc, lead, shape(lead))
    if not own and not meeting:
        own = _passes(doc, lead, unit_clause(lead))
    # last: a member's proposal or visit, only when no unit states an action of its own
    own = own or _passes(doc, lead, member_proposal(lead))
    own = own or _passes(doc, lead, member_visit(lead))
    # a unit's survey or inspection by the team it sets up (某会组成调研组，围绕“X”开展专题调研)
    # (a research report: 关于X情况的调研报告 from what its team studied, never 「开展调研」)
    # a bulletin's period figure (1-9月某市医保基金运行总体平稳) and a leader's visit (县长某某到
    # 某镇调研X) are news: never offered for a problem piece or a report (the wrong genre)
    news_like = label not in ("problem", "special")
    if label == "special":
        own = own or _passes(doc, lead, team_report(lead))
    elif news_like:
        own = own or _passes(doc, lead, team_action(lead))
        own = own or _passes(doc, lead, period_figure(lead, find_subject(lead)))
        own = own or _passes(doc, lead, official_visit(lead))
    if own:
        return [Headline(text=own, score=UNIT_CLAUSE_SCORE)], None
    return [], NEWS_ONLY if meeting else NO_SAFE


def _passes(doc: Document, lead: Lead, text: str) -> str:
    """The draft's own 「unit + action」 clause when it passes the gate (else "")."""
    if not text or text == doc.title.norm.strip():
        return ""
    has_results = extract(lead, find_subject(lead), news=False).has_results
    return "" if reject_reason(text, lead.text, has_results=has_results, level_ok=True) else text


def suggest(doc: Document, label: str | None, limit: int = 5) -> list[Headline]:
    return suggest_with_note(doc, label, limit=limit)[0]
