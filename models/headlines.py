"""Headline suggestions in the 政务信息 register, by category.

dynamic: subject + (number of measures) + action + object / + key figure;
problem: subject + topic + 存在N方面问题需关注 / 的问题及建议 / 值得关注;
special: 关于 + subject + topic + 情况的调研报告 / 情况专报 / 的调查与思考.
Pieces are pulled from the draft itself (place or unit, the enumerated measures, the main verb
phrase, a headline figure); a candidate is never the first sentence, and never over 30 chars.
"""

from __future__ import annotations

import re
from collections import Counter

from models.report import Headline
from models.text import Document

MAX_CHARS = 30
NUMERALS = "零一二三四五六七八九十"

_PLACE = re.compile(
    r"([\u4e00-\u9fa5]{2,6}?(?:自治州|自治县|新区|开发区|经开区|高新区|街道|省|市|县|区|镇|乡|村))"
    r"(?:人民政府|政府|委|党委)?"
)
_UNIT = re.compile(
    r"((?:[\u4e00-\u9fa5]{2,4}(?:省|市|县|区))?[\u4e00-\u9fa5]{2,8}?(?:局|委员会|委|办公室|中心|集团|公司|管委会))"
)
_ACTION = re.compile(
    r"(推进|推动|加强|强化|做好|抓好|提升|优化|助力|破解|保障|促进|打造|深化|实施|开展|构建|"
    r"完善|推行|落实|提高|加快|聚焦|探索|创新)([\u4e00-\u9fa5“”]{2,14}?)(?=[，。；、：,;]|工作|$)"
)
_FIGURE = re.compile(
    r"([\u4e00-\u9fa5]{2,10}?)(同比增长|增长|突破|达到|达|超过|下降|减少|提高)了?"
    r"([0-9]+(?:\.[0-9]+)?(?:%|个百分点|万亿元|亿元|万元|万户|万人|万亩|万吨|亿|万|户|人|家|个|件|亩|吨)?)"
)
_PROBLEM = re.compile(
    r"([\u4e00-\u9fa5“”]{2,16}?)(?:仍|还|尚)?(?:存在|面临|暴露出|凸显)(?:一些|以下|诸多|[一二三四五六七八九十两]+(?:方面|个|类|大))?(?:问题|短板|困难|风险|隐患|不足|挑战)"
)
_ENUM = [
    re.compile(r"(?:^|[。；\n])\s*([一二三四五六七八九十])是"),
    re.compile(r"(?:^|\n)\s*[（(]([一二三四五六七八九十])[）)]"),
    re.compile(r"(?:^|\n)\s*([一二三四五六七八九十])、"),
]
_NOT_NAMES = {
    "召开",
    "组织",
    "开展",
    "通过",
    "以及",
    "相关",
    "所有",
    "多个",
    "有关",
    "部分",
    "其他",
    "涉及",
}
_STOP_SUBJECTS = {"我县", "我市", "我区", "全县", "全市", "全区", "本县", "该县", "该市", "该区"}


def _subject(doc: Document) -> str:
    text = doc.title.norm + "\n" + doc.body.norm[:400]
    counts: Counter[str] = Counter()
    for m in _UNIT.finditer(text):
        counts[m.group(1)] += 1
    for m in _PLACE.finditer(text):
        counts[m.group(1)] += 2
    for name in list(counts):
        clean = re.sub(r"^(按照|根据|对|在|由|经|为|从|近期|近日|今年|目前)", "", name)
        if clean != name:
            counts[clean] += counts.pop(name)
            name = clean
        if name[:2] in _NOT_NAMES or name[:2] in _VERBS:
            del counts[name]
            continue
        if (
            len(name) < 3
            or name in _STOP_SUBJECTS
            or name.startswith(("全", "各", "我", "该", "本", "个", "每", "其", "此"))
        ):
            del counts[name]
    if not counts:
        return ""
    best = max(counts, key=lambda n: (counts[n], -text.find(n)))
    return best


def _measures(doc: Document) -> int:
    best = 0
    for pattern in _ENUM:
        found = [NUMERALS.index(m.group(1)) for m in pattern.finditer(doc.body.norm)]
        if found and found == list(range(1, len(found) + 1)):
            best = max(best, len(found))
    return best if 2 <= best <= 9 else 0


_VERBS = set(_ACTION.pattern[1:].split(")", 1)[0].split("|"))
_BREAK = set("，。；、：,;:！？（）()") | {
    "的",
    "和",
    "及",
    "与",
    "等",
    "为",
    "在",
    "让",
    "使",
    "并",
}


def _action(doc: Document, subject: str) -> str:
    """First action verb (a whole jieba token) in the title or lead, with the words after it."""
    for ft in (doc.title, doc.body):
        limit = ft.sentences[1][1] if len(ft.sentences) > 1 else len(ft.norm)
        words = [w for w, start, _ in ft.tokens if start < limit]
        for i, w in enumerate(words):
            if w not in _VERBS:
                continue
            obj = ""
            for nxt in words[i + 1 :]:
                if nxt in _BREAK or nxt in _VERBS or len(obj) + len(nxt) > 14:
                    break
                obj += nxt
            obj = obj.removesuffix("工作")
            if subject:
                obj = obj.replace(subject, "")
            if len(obj) >= 2 and not any(c.isdigit() for c in obj):
                return w + obj
    return ""


_LEAD = re.compile(
    r"^(其中|全年|共|累计|实现|年均|目前|已|今年|当年|全县|全市|全区|全镇|我县|我市|我区|该县|该市|该区)+"
)


def _figure(doc: Document, subject: str) -> str:
    for m in _FIGURE.finditer(doc.body.norm[:600]):
        what = m.group(1).replace(subject, "") if subject else m.group(1)
        what = _LEAD.sub("", what)
        if len(what) >= 2:
            return f"{what}{m.group(2)}{m.group(3)}"
    return ""


_PROBLEM_WORD = re.compile(r"(问题|难题|困难|风险|隐患|短板|矛盾|瓶颈|压力)")
_TOPIC_LEAD = re.compile(
    r"^(当前|目前|近期|近年来|但|但是|同时|然而|调研发现|我们发现|从调研情况看|总体看)+"
)


def _problem(doc: Document, subject: str) -> str:
    """The noun phrase before the first problem word in the title or the first sentences."""
    texts = [doc.title.norm] + [doc.body.norm[s:e] for s, e in doc.body.sentences[:3]]
    for text in texts:
        m = _PROBLEM.search(text)
        if m:
            phrase = m.group(1)
        else:
            hit = _PROBLEM_WORD.search(text)
            if not hit:
                continue
            clause = re.split(r"[，。；：,;:]", text[: hit.start()])[-1]
            phrase = clause + hit.group(1)
        phrase = _TOPIC_LEAD.sub(
            "", _LEAD.sub("", phrase.replace(subject, "") if subject else phrase)
        )
        phrase = re.sub(r"(仍|还|尚|较为|比较|较|十分|非常)?(突出|明显|较大|不少)?$", "", phrase)
        phrase = re.sub(r"^(存在|面临|出现)(较大|一定|诸多|不少|较多)?(的)?", "", phrase)
        if 3 <= len(phrase) <= 16:
            return phrase
    return ""


_RESEARCH = re.compile(
    r"(?:了解|摸清|掌握|围绕|就|对|针对)([\u4e00-\u9fa5“”0-9]{2,24}?)(?:的)?(?:情况|现状|工作|问题)?(?:，|,)?(?:组织|开展|进行|组成|深入|专门)"
)


def _topic(doc: Document, subject: str) -> str:
    """A noun-ish topic: from the title minus subject and verb, else the action's object."""
    title = doc.title.norm.strip()
    if title:
        topic = title.replace(subject, "") if subject else title
        topic = re.sub(r"^关于", "", topic)
        topic = re.sub(
            r"(的)?(调研报告|情况专报|专报|情况报告|调查与思考|存在的问题及建议|需关注|值得关注)$",
            "",
            topic,
        )
        topic = re.sub(r"情况$", "", topic)
        if 2 <= len(topic) <= 16:
            return topic
    for s, e in doc.body.sentences[:2]:
        m = _RESEARCH.search(doc.body.norm[s:e])
        if m:
            topic = m.group(1).replace(subject, "") if subject else m.group(1)
            topic = re.sub(
                r"^(全县|全市|全区)?[0-9]*[个家所座名]?(乡镇|村|社区|街道|企业)?", "", topic
            )
            topic = re.sub(r"(工作)?(开展|进行)?(专题)?(调研|调查)?$", "", topic)
            if len(topic) >= 3:
                return topic
    action = _action(doc, subject)
    if action:
        return re.sub(
            r"^(推进|推动|加强|强化|做好|抓好|提升|优化|促进|深化|实施|开展|完善|落实|加快|聚焦)",
            "",
            action,
        )
    return _key_phrase(doc, subject)


_STOP_WORDS = {
    "工作",
    "情况",
    "问题",
    "全县",
    "全市",
    "全区",
    "目前",
    "其中",
    "部分",
    "方面",
    "一是",
    "二是",
    "三是",
    "四是",
    "进一步",
    "同比",
    "比上年",
    "万元",
    "亿元",
    "以上",
    "以下",
    "通过",
    "开展",
    "建立",
}


def _key_phrase(doc: Document, subject: str) -> str:
    """The most repeated pair of adjacent content words, e.g. 老年 + 食堂."""
    words = [w for w, _, _ in doc.body.tokens]
    pairs: Counter[str] = Counter()
    for a, b in zip(words, words[1:], strict=False):
        if (
            len(a) >= 2
            and len(b) >= 2
            and a not in _STOP_WORDS
            and b not in _STOP_WORDS
            and not any(c.isdigit() for c in a + b)
            and a not in subject
            and b not in subject
            and all("\u4e00" <= c <= "\u9fa5" for c in a + b)
        ):
            pairs[a + b] += 1
    if not pairs:
        return ""
    phrase, count = pairs.most_common(1)[0]
    return phrase if count >= 2 else ""


def _fits(text: str, first_sentence: str, title: str) -> bool:
    return 6 <= len(text) <= MAX_CHARS and text != first_sentence.rstrip("。") and text != title


def suggest(doc: Document, label: str | None, limit: int = 5) -> list[Headline]:
    subject = _subject(doc)
    n = _measures(doc)
    action = _action(doc, subject)
    figure = _figure(doc, subject)
    topic = _topic(doc, subject)
    numeral = NUMERALS[n] if n else ""
    cands: list[tuple[str, float]] = []
    if label == "problem":
        problem = _problem(doc, subject)
        subject_topic = f"{subject}{topic}" if topic and topic not in problem else subject
        if problem:
            tail = "需关注" if _PROBLEM_WORD.search(problem) else "问题需关注"
            cands.append((f"{subject_topic}{problem}{tail}", 0.75))
            cands.append((f"{subject}{problem}值得关注", 0.55))
        if topic:
            if n:
                cands.append((f"{subject}{topic}存在{numeral}方面问题需关注", 0.8))
            cands.append((f"{subject}{topic}存在的问题及建议", 0.65))
    elif label == "special":
        if topic:
            cands.append((f"关于{subject}{topic}情况的调研报告", 0.8))
            cands.append((f"{subject}{topic}情况专报", 0.65))
            cands.append((f"{subject}{topic}的调查与思考", 0.55))
    else:
        if action and n:
            cands.append((f"{subject}{numeral}举措{action}", 0.85))
        if action and figure:
            cands.append((f"{subject}{action}，{figure}", 0.8))
        if figure:
            cands.append((f"{subject}{figure}", 0.7))
        if action:
            cands.append((f"{subject}{action}见成效", 0.6))
        elif topic:
            cands.append((f"{subject}{topic}取得新进展", 0.5))
            if n:
                cands.append((f"{subject}{numeral}举措推进{topic}", 0.75))
    if subject:
        cands = [(t, s + 0.05) for t, s in cands]
    first = doc.body.norm[slice(*doc.body.sentences[0])] if doc.body.sentences else ""
    seen: set[str] = set()
    out: list[Headline] = []
    for text, score in sorted(cands, key=lambda c: -c[1]):
        text = _balance_quotes(text.replace("““", "“").strip("，"))
        if text in seen or not _fits(text, first, doc.title.norm):
            continue
        seen.add(text)
        out.append(Headline(text=text, score=round(min(score, 0.99), 2)))
        if len(out) >= limit:
            break
    return out


def _balance_quotes(text: str) -> str:
    if text.count("“") != text.count("”"):
        text = text.replace("“", "").replace("”", "")
    return text
