"""Genre features: how a draft is built, not what it is about (issue 9).

The classifier kept keying on topic words (调研 → special, 建议 → problem). These pseudo-tokens
describe the form instead — heading levels, enumerators, section heads, the kind of lead, voice,
datelines — and the first words of the body get their own `l:` copies, so "what the lead does"
is a feature of its own. They are computed from the body's tokens alone (stored drafts keep
tokens, not whitespace), so training, retraining and serving build exactly the same features.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from models.literals import LiteralCounter, expand
from models.rules.prefilter import required_chars

LEAD_TOKENS = 16
# A title's genre cue (…问题值得关注, 关于…的调研报告) counts five times (tf 1 + ln 5 with
# sublinear tf): long problem pieces with 一、二、 sections were called special although their
# title said problem. 1→3→5 copies: independent set 0.91→0.91→0.93, real dev 0.77→0.76→0.83,
# group CV 0.95 throughout (python -m training.scorecard).
TITLE_REPEAT = 5
_CN = "一二三四五六七八九十"

# name -> pattern counted over the body text rebuilt from its tokens; counts are bucketed
_COUNTED: dict[str, re.Pattern[str]] = {
    "enum": re.compile(f"[{_CN}]是"),  # 一是 二是
    "head": re.compile(f"(?:^|[。：:；;！？”）)])[{_CN}]{{1,2}}[、，,]"),  # 一、
    "sub": re.compile(f"[（(][{_CN}]{{1,2}}[）)]"),  # （一）
    "num": re.compile(r"(?:^|[。：:；;！？])\d{1,2}[、.．](?!\d)"),  # 1、 / 1.
    "dash": re.compile(r"(?:^|[。：:；;])[-—－]{2}"),  # --城乡建设类
    "problem": re.compile(
        "(存在的?(主要|突出)?问题|主要问题|问题(与|和)不足|困难和问题|短板|薄弱|不容忽视|隐患)"
    ),
    "cause": re.compile("(原因(分析|在于|是)?|究其原因|成因|导致|由于)"),
    "suggest": re.compile(
        "(对策建议|意见建议|几点建议|建议如下|为此建议|提出(如下|以下)?建议|建议[：:]|建议[^，。]{0,6}(应|要|尽快))"
    ),
    "basic": re.compile("(基本情况|总体情况|主要做法|调研发现|调查发现|调查显示|问卷|样本|受访)"),
    "result": re.compile("(同比|环比|累计|完成|实现|达到|增长|下降|提高)"),
    "measure": re.compile("(推进|开展|组织|落实|建立|出台|实施|推行|打造)"),
    "next": re.compile("(下一步|下步)"),
    "meeting": re.compile("(召开|举行|会议|座谈会|推进会|动员会|调度会)"),
    "said": re.compile("(指出|强调|要求|表示|介绍|说[：:，,]|说道)"),
    "quote": re.compile('[“"][^“”"]{12,}[”"]'),  # no “ inside: linear on runs of “
    "visit": re.compile("(带队|一行|莅临|深入|走访|察看|查看|来到|先后)"),
    "research": re.compile("(调研|调查|座谈|问卷|走访)"),
    "collect": re.compile("(征集|收集|收到|报送|办理|办结|答复|采用)"),
    "we": re.compile("(我县|我市|我区|我镇|我乡|我局|我委|我办|我省|我们)"),
    "date": re.compile(r"\d{1,2}月\d{1,2}日(上午|下午|晚)?"),
    "trend": re.compile("(随着|近年来|当前|目前|日益|逐步)"),
}
# what a title announces: 《…问题值得关注》 is a problem piece however long its body is
_TITLE: dict[str, re.Pattern[str]] = {
    "problem": re.compile(
        "(值得关注|需关注|应予(关注|重视)|引起重视|亟待|亟需|短板|隐患|风险|问题|难题|困境|堪忧|不容忽视|[难忧]$)"
    ),
    "suggest": re.compile("(建议|提案|议案|对策|思考|建言)"),
    "special": re.compile(
        "(调研报告|调查报告|情况报告|专报|调查与思考|的调研|的调查|情况分析|运行分析|分析报告)"
    ),
    "result": re.compile(
        r"(\d|[一二三四五六七八九十](?<![一二三四五六七八九十]{2})[一二三四五六七八九十]*"
        r"(举措|措施|方面|招|字)|推进|实现|完成|提升|见效|成效|新突破|落地)"
    ),
    "meeting": re.compile("(召开|举行|举办|开幕|启动|会议|座谈会|推进会)"),
}
_DATELINE = re.compile(
    r"^.{0,24}?(本报讯|本台讯|网讯|讯[（(]|\d{1,2}月\d{1,2}日(电|讯)|记者|通讯员|消息[：:])"
)
_FURNITURE = re.compile("(来源[：:]|发布时间|浏览次数|责任编辑|字体[：:]|分享到)")


# The counted patterns that open with `(?:^|[marks])`: the regex engine can skip ahead to a
# possible first character only when a pattern starts with a character class, so each of these
# tried every position of the text. They are counted as the part after a mark plus one for a
# match at the text's start — the same count, as neither part's match holds a mark of the
# other's (no match at the start can overlap one that opens on a mark). Checked for these three
# (tests/models/test_genre.py); a new pattern of this form needs the same check before it is listed.
_AT_START = re.compile(r"^\(\?:\^\|(\[[^\]]+\])\)")
_SPLIT: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {
    name: (re.compile(m.group(1) + rx.pattern[m.end() :]), re.compile(rx.pattern[m.end() :]))
    for name, rx in _COUNTED.items()
    if name in ("head", "num", "dash") and (m := _AT_START.match(rx.pattern))
}


# A date (`\d{1,2}月\d{1,2}日…`) opens on a digit, which the engine tries at every position; its
# matches are counted as their 月 instead (a digit before, one or two and 日 after): the same
# count, since each match holds exactly one 月 and none can hold the digit before another's 月
# (tests/models/test_genre.py). Three times cheaper, the dearest count of the draft.
_BY_MONTH = re.compile(r"月(?<=\d月)\d{1,2}日")  # opens on 月: the engine skips to each 月


def count_of(name: str, text: str) -> int:
    """Non-overlapping matches of _COUNTED[name] in `text` (as `len(findall)`)."""
    if name == "date":
        return len(_BY_MONTH.findall(text))
    split = _SPLIT.get(name)
    if split is None:
        return len(_COUNTED[name].findall(text))
    after_mark, at_start = split
    return len(after_mark.findall(text)) + bool(at_start.match(text))


# The counted patterns that match a finite set of strings (推进|开展…, （[一二…]{1,2}）, the
# part after a mark of 一、): all counted in one Aho-Corasick pass (models.literals) instead
# of a regex pass each, the same counts as count_of (tests/models/test_genre.py).
_FINITE = {
    name: strings
    for name in _COUNTED
    if name != "date"
    and (strings := expand(_SPLIT[name][0] if name in _SPLIT else _COUNTED[name])) is not None
}
_FURNITURE_STRINGS = expand(_FURNITURE)
assert _FURNITURE_STRINGS is not None
_LITERALS = LiteralCounter({**_FINITE, "<furniture>": _FURNITURE_STRINGS})
# the others (num, quote, suggest; date is cheap): a string of which every match holds one
# (models.rules.prefilter) is looked for first; without it, no regex pass. A split pattern's
# gate is read off its part after the mark, which both of its counts match.
_GATES = {
    name: next(iter(required_chars(_SPLIT[name][1] if name in _SPLIT else rx)), frozenset())
    for name, rx in _COUNTED.items()
    if name not in _FINITE
}


def counts(text: str) -> tuple[dict[str, int], bool]:
    """count_of(name, text) for every counted pattern (the finite ones from one scan), and
    whether _FURNITURE is found in `text`."""
    found = dict(zip(_LITERALS.names, _LITERALS.counts(text), strict=True))
    out = {}
    for name in _COUNTED:
        n = found.get(name)
        if n is None:
            gate = _GATES[name]
            out[name] = count_of(name, text) if not gate or any(s in text for s in gate) else 0
        else:
            split = _SPLIT.get(name)
            out[name] = n + bool(split[1].match(text)) if split else n
    return out, found["<furniture>"] > 0


def _bucket(n: int) -> str:
    return str(n) if n < 3 else ("3" if n < 5 else "5")


def genre_tokens(
    body_words: Sequence[str], content: Sequence[str], title_words: Sequence[str] = ()
) -> list[str]:
    """Pseudo-tokens for the form of a draft; `content` is the body's classifier tokens (only
    the first LEAD_TOKENS are read)."""
    text = "".join(body_words)
    counted, furniture = counts(text)
    out = [f"<{name}{_bucket(n)}>" for name, n in counted.items()]
    title = "".join(title_words)
    cues = [f"<title_{name}>" for name, rx in _TITLE.items() if title and rx.search(title)]
    out.extend(cues * TITLE_REPEAT)
    if _DATELINE.search(text):
        out.append("<dateline>")
    if furniture:  # _FURNITURE.search(text)
        out.append("<furniture>")
    first = text[:40]
    for name in ("date", "trend", "meeting", "research"):
        if _COUNTED[name].search(first):
            out.append(f"<lead_{name}>")
    out.extend(f"l:{w}" for w in content[:LEAD_TOKENS])
    return out
