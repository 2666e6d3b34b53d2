"""A period's statistic as the news: 「<period><scope><indicator><verdict or figure>」.

Read off the first sentences of a statistical bulletin: 「(据某中心监测，)1-9月，全市基本医疗保险
基金运行总体平稳」 → 1-9月某市基本医疗保险基金运行总体平稳; 「9月份，市热线共受理群众诉求N件」 →
9月份市热线受理群众诉求N件. The clause after the period must close on a verdict (总体平稳, 稳定增长),
a change with its figure (同比上涨0.4%) or a handled count (受理…N件), and name what it is about
before it; a list closed by 等 is dropped (粮油、蔬菜等主要民生商品 → 主要民生商品), 全市/全县 takes
the draft's place when the draft names it, and the numbers stay as written.
"""

from __future__ import annotations

import re

from models.headline.lead import Lead
from models.headline.subject import Subject
from models.tokenize import tokenize

PERIOD = (
    r"(?:[0-9]{4}年)?(?:[0-9]{1,2}[—\-－~][0-9]{1,2}月(?:份)?|[0-9]{1,2}月(?:份|上旬|中旬|下旬)?"
    r"|前三季度|第?[一二三四]季度|上半年|下半年)"
)
PERIOD_HEAD = re.compile(rf"^{PERIOD}")
# a source before the figures: 据某中心监测， / 某调查队调查结果显示，
_SOURCE = re.compile(
    r"^(?:(?:据|根据)[^，,。]{2,30}?(?:监测|统计|调查|测算|显示)|[^，,。]{2,30}?(?:结果)?显示)[，,]"
)
_CLAUSE = re.compile(rf"^(?P<period>{PERIOD})[，,]?(?P<body>[^，,。；;]{{4,40}})(?:[，,。；;]|$)")
_VERDICT = re.compile(
    r"(?:总体平稳|运行平稳|基本平稳|保持平稳|平稳运行|稳中有升|稳中向好|稳定增长|较快增长|平稳增长)$"
    r"|(?:同比|环比)(?:名义)?(?:增长|上涨|下降|上升|回落)[0-9]+(?:\.[0-9]+)?%$"
    r"|(?:受理|办理|办结|接收|收到|处理|发放|完成|新增)[\u4e00-\u9fa5]{1,10}?"
    r"[0-9]+(?:\.[0-9]+)?万?(?:件|人次|人|户|家|个)$"
)
_BARE = re.compile(
    r"^(?:全[省市县区镇乡]|[省市县区镇乡])?(?:共|累计)?(?:同比|环比)?(?:增长|上涨|下降)"
)
# a bare reference to the unit (中心受理…, 该局…): whose figure it is stays unsaid
_VAGUE = re.compile(r"^(?:中心|该|本|我|其|单位|部门)")
_SCOPE = re.compile(r"^全([省市县区镇乡])")
_BRACKET = re.compile(r"[（(][^（）()]{1,12}[）)]")
_TALLY = re.compile(r"(?<=[\u4e00-\u9fa50-9])(?:共|累计|共计)(?=[\u4e00-\u9fa5])")


def period_figure(lead: Lead, subject: Subject, sentences: int = 2) -> str:
    """「period + what + verdict/figure」 from a bulletin's first sentences, or ""."""
    for sentence in lead.sentences[:sentences]:
        text = _SOURCE.sub("", sentence, count=1)
        m = _CLAUSE.match(text)
        if not m:
            continue
        body = _unlisted(_TALLY.sub("", _BRACKET.sub("", m.group("body"))))
        if not _VERDICT.search(body) or _BARE.match(body) or "、" in body or _VAGUE.match(body):
            continue
        scope = _SCOPE.match(body)
        if scope and subject.place.endswith(scope.group(1)) and len(subject.place) > 1:
            body = subject.place + body[scope.end() :]
        return m.group("period") + body
    return ""


def _unlisted(text: str) -> str:
    """粮油、肉禽蛋、蔬菜等主要民生商品 → 主要民生商品: the list from its first item's word to 等."""
    first = text.find("、")
    end = text.find("等", first)
    if first < 0 or end < 0:
        return text
    pos, start = 0, -1
    for word in tokenize(text[:first]):
        if pos + len(word) == first:
            start = pos
        pos += len(word)
    return text[:start] + text[end + 1 :] if start >= 0 else text
