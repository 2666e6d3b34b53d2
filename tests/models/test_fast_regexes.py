"""Regexes rewritten to open on one character class (so the engine skips ahead in C) find
exactly what their earlier forms found: the earlier forms are kept here as oracles."""

from __future__ import annotations

import random
import re

import pytest

from models.checks import numfigures, numgrowth, numlists, numparse, sensitive, wording
from models.headline import lead, topic
from models.rules.engine import _finditer, default_rules
from models.text import normalize
from training.dataset import read_corpus

_CJK = "\u4e00-\u9fff"
_CN = "一二三四五六七八九十"
EARLIER = {
    "half-width marks": (
        re.compile(
            rf"(?<=[{_CJK}])[,;:?!](?=[{_CJK}“《])|\((?=[{_CJK}][^()\n]{{0,30}}\))|(?<=[{_CJK}])\)"
        ),
        wording._HALF,
    ),
    "list markers": (
        re.compile(
            rf"[{_CN}](?:(?<=[{_CN}])[{_CN}]{{0,2}}(?:(?P<l1>、)|(?P<l5>是|要(?![素件点求领]))(?!一[，,])))"
            rf"|[（(](?:(?P<n2>[{_CN}]{{1,3}})|(?P<n4>[0-9]{{1,2}}))[）)]"
            r"|[0-9](?:(?<=[0-9])[0-9]?(?P<l3>[.、])(?![0-9]))"
            rf"|第(?P<n6>[{_CN}]{{1,3}})[，,、：:]"
        ),
        numlists._MARKERS,
    ),
    "periods": (
        re.compile(
            r"(?:19|20)[0-9]{2}年(?:[0-9]{1,2}(?:[—～\-至][0-9]{1,2})?月)?"
            r"|[0-9]{1,2}(?:[—～\-至][0-9]{1,2})?月"
            r"|[一二三四1-4]季度|上半年|下半年|全年|今年|去年|上年"
        ),
        numfigures._PERIOD,
    ),
    # alternations whose every alternative opens on a literal (a class alternative spelt out)
    "comparing sentences": (
        re.compile(r"其中|[（(%由从比较]|合计|共计|总计|总共|一共|上年|去年|年初|改造前|整治前"),
        numparse._COMPARING,
    ),
    "growth comparisons": (re.compile(r"[由从比较]|上年|去年|年初"), numgrowth._COMPARES),
    "unit words": (
        re.compile(r"(局|委|办|政府|中心|调研组|检查组|工作组|小组|记者|[一二三四五六七八九十]是)"),
        topic._UNIT,
    ),
    "clause breaks": (re.compile(r"[，,；;：:！？!?。\s]+"), lead._PLAIN_BREAK),
}
_ALPHABET = (
    "一二三四五六七八九十（()）0123456789第、是要素，,.:;?!\n中文“《》上下全今去年半季度月—～-至"
    "其%由从比较合计共总初改造前整治局委办政府心调研组检查工作小记者；：！？。 \t"
)


def _texts() -> list[str]:
    rows = read_corpus()[::3]
    rng = random.Random(15)
    noise = ["".join(rng.choices(_ALPHABET, k=rng.randint(1, 30))) for _ in range(5000)]
    return [normalize(r["body"]) for r in rows] + [normalize(r["title"]) for r in rows] + noise


@pytest.mark.parametrize("name", list(EARLIER))
def test_same_matches_as_the_earlier_form(name: str) -> None:
    earlier, now = EARLIER[name]
    found = 0
    for text in _texts():
        before = [(m.span(), m.groupdict()) for m in earlier.finditer(text)]
        assert [(m.span(), m.groupdict()) for m in now.finditer(text)] == before, text[:60]
        start, end = len(text) // 3, len(text) - 1  # the checks pass windows too
        window = [m.span() for m in earlier.finditer(text, start, end)]
        assert [m.span() for m in now.finditer(text, start, end)] == window, text[:60]
        found += len(before)
    assert found > 1000


# the sensitive-content cues, rewritten so that every alternative opens on a literal
EARLIER_CUES = {
    "personnel triggers": (
        re.compile(
            r"(?=[拟干组任考民提后酝处警严记降撤留开诫停责免立审采移涉纪])"
            r"(?:拟(?:提拔|提任|任用|任命|推荐|晋升|重用|免去|免职|给予)|(?:干部|组织|任前)考察|"
            r"考察对象|民主推荐|提拔人选|后备干部人选|酝酿人选|处分决定|"
            r"(?:警告|严重警告|记过|记大过|降级|撤职)处分|撤销党内职务|留党察看|开除(?:党籍|公职)|"
            r"诫勉|停职检查|责令辞职|免职处理|立案审查|审查调查|采取留置|留置措施|"
            r"移送(?:检察|司法)机关|涉嫌(?:严重违纪|违纪违法|受贿|贪污|挪用公款|滥用职权|玩忽职守)|"
            r"纪律处分|组织处理)"
        ),
        sensitive._INTERNAL,
    ),
    "protected groups": (
        re.compile(
            r"(?=[未精艾传肺患病感犯受被举信上低特残吸戒社刑服留困孤事失家])"
            r"(?:未成年人?|(?:精神障碍|精神病|艾滋病|传染病|肺结核)?患者|病人|感染者|犯罪嫌疑人|"
            r"受害人|被害人|举报人|信访人|上访人|信访群众|低保户主?|低保对象|低保人员|"
            r"特困(?:供养)?人员|特困户|残疾人|残疾群众|残疾儿童|吸毒人员|戒毒人员|社区矫正对象|"
            r"刑满释放人员|服刑人员|留守儿童|困境儿童|孤儿|事实无人抚养儿童|失能老人|家属)"
        ),
        sensitive._PROTECTED,
    ),
}
_CUE_WORDS = (
    "拟 提拔 任用 干部 组织 任前 考察 对象 民主 推荐 人选 警告 严重 记过 记大过 降级 处分 决定 开除 "
    "党籍 公职 移送 检察 司法 机关 涉嫌 受贿 未成年 人 精神障碍 精神病 艾滋病 患者 病人 低保户 主 "
    "特困 供养 人员 户 残疾人 家属 孤儿 王某 ， 。"
).split()


@pytest.mark.parametrize("name", list(EARLIER_CUES))
def test_cue_matches_as_its_earlier_form(name: str) -> None:
    earlier, now = EARLIER_CUES[name]
    rng = random.Random(15)
    noise = ["".join(rng.choices(_CUE_WORDS, k=rng.randint(1, 12))) for _ in range(20000)]
    found = 0
    for text in _texts()[:1000] + noise:
        before = [(m.span(), m.group()) for m in earlier.finditer(text)]
        assert [(m.span(), m.group()) for m in now.finditer(text)] == before, text[:60]
        found += len(before)
    assert found > 500


# rule patterns (models/rules/data) rewritten the same way: their earlier forms
EARLIER_RULES = {
    "news_style.byline": (
        r"(本报讯|本台讯|本网讯|[（(]\s*(见习)?(记者|通讯员)[^）)]{0,30}[）)]|(?<!联)通讯员\s*"
        r"[\u4e00-\u9fa5]{2,3}|记者\s*[\u4e00-\u9fa5]{2,3})"
    ),
    "wording.punctuation.double": r"[，、；：](?=[，。、；：])|。(?=[，、；：])|。。(?!。)",
    "wording.usage.jiyao": (
        r"(?<![立随当])即(?=(?:要|有|是|能|讲|抓|重)[^。；！？\n]{1,30}(?:又|也)(?:要|有|是|能|讲|抓|重))"
    ),
    "wording.de_di_de.di": (
        r"(?<=认真|积极|扎实|切实|深入|主动|大力|全力|不断|逐步|迅速|及时|坚决|努力|严格|有序|稳步|"
        r"全面|持续|依法|精准)的(?=(?:推进|开展|落实|做好|抓好|推动|抓紧|加强|组织|实施|贯彻|执行|整改|"
        r"排查|化解|处置|谋划|完成|解决|参与|投入|配合|应对|服务)(?!的|者|力|作用|效果|机制|力度|成效|"
        r"情况|过程|中))"
    ),
    "news_style.page_furniture": (
        r"(责任编辑[:：]?|(?<!数据)(?<!资金)来源[:：]|(?<!责任)(编辑|作者|审核|发布时间|浏览次数|点击数)"
        r"[:：]|【?字体[:：]\s*[大中小]|分享到[:：]?)"
    ),
}
_WORDS = (
    "认真 积极 依法 精准 认 的 推进 服务 推 中 作用 者 责任 编辑 作者 审核 发布时间 浏览次数 点击数 "
    "来源 数据 资金 ： : 【 字体 大 小 分享到 x 。 认真的 积极的 的推进 的服务 的开展 "
    "本报讯 本 报讯 （ ( ） ) 见习 记者 通讯员 联 张三 李 ， 、 ； 。。 即 立即 随即 当 要 有 又 也 抓 即要 又要 也是 即是 立即要 "
).split() + [" ", "\n"]


@pytest.mark.parametrize("rule_id", list(EARLIER_RULES))
def test_rule_pattern_matches_as_its_earlier_form(rule_id: str) -> None:
    earlier, now = re.compile(EARLIER_RULES[rule_id]), default_rules().by_id[rule_id].regex
    rng = random.Random(15)
    noise = ["".join(rng.choices(_WORDS, k=rng.randint(1, 12))) for _ in range(20000)]
    found = 0
    for text in _texts()[:1000] + noise:
        before = [m.span() for m in earlier.finditer(text)]
        assert [m.span() for m in now.finditer(text)] == before, text[:60]
        found += len(before)
    assert found > 200


# per anchored rule: pieces of random texts, and each alternative at its longest (its anchor
# as far in as it can be)
ANCHORED = {
    "news_style.dateline": (
        (
            "某某 某某某某 某某某某某某 新闻 网 报 台 社 日报 晚报 在线 融媒 融媒体中心 客户端 讯 电 "
            "消息 据 报道 1 12 7 11 月 日 （ ( ： : ， 。 、 \n 今日 记者 通讯员 据了解 根据"
        ).split(),
        ["某" * 12 + "日报" + "某" * 6 + "12月31日" + end for end in ("电", "讯", "消息")]
        + ["某" * 12 + "融媒体中心讯", "某" * 8 + "台消息："]
        + ["某" * 10 + "社" + "某" * 6 + "12月31日" + end for end in ("（", "(")],
    ),
    "news_style.interview": (
        (
            "代表 委员 村民 负责人 书记 大妈 某 某某 某某某某 说 告诉记者 介绍说 坦言 笑着说 ： : ， , "
            "。 岁的 岁 的 1 12 73 \n"
        ).split(),
        ["负责人" + "某" * 4 + end + "：" for end in ("告诉记者", "介绍说", "坦言", "笑着说", "说")]
        + ["73岁的"],
    ),
    "news_style.clock_time": (
        "1 12 3 月 日 上午 下午 晚上 晚 早上 凌晨 上 午 ， 。".split(),
        ["12月31日" + end for end in ("上午", "下午", "晚上", "晚", "早上", "凌晨")],
    ),
    "news_style.photo_caption": (
        "图为 图 为 （ ( ） ) 摄影 摄 某 某某某某某某 记者 如图所示 见下图 ，".split(),
        ["（" + "某" * 12 + "摄影" + "某" * 12 + "）", "(" + "某" * 12 + "摄)", "图为", "如图所示"],
    ),
}


def test_anchored_rules_find_what_a_full_scan_finds() -> None:
    rules = [r for r in default_rules().rules if r.anchors]
    assert {r.id for r in rules} == set(ANCHORED)
    for rule in rules:
        pieces, longest = ANCHORED[rule.id]
        rng = random.Random(15)
        noise = ["".join(rng.choices([*pieces, " "], k=rng.randint(1, 24))) for _ in range(20000)]
        noise += [lead + text for text in longest for lead in ("，", "据悉，", "1")]
        found = 0
        for text in _texts()[:1500] + noise:
            for start, end in ((0, len(text)), (len(text) // 4, len(text) - 1)):
                full = [m.span() for m in rule.regex.finditer(text, start, end)]
                assert [m.span() for m in _finditer(rule, text, start, end)] == full, text[:60]
                found += len(full)
        assert found > 100, rule.id
